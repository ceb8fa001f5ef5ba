#pragma once

#include "epolleventdispatcher.h"

#include "proxyresolver.h"
#include "requestoptions.h"
#include "requesttrace.h"

#include "protocol/endpointprofile.h"
#include "protocol/protocoladapter.h"
#include "wire/streamdecoder.h"

#include <QObject>
#include <QPointer>
#include <QTcpSocket>
#include <QTimer>

#include <atomic>
#include <memory>

class BodyInflater;
class ExchangeRelay;
struct ExchangeUpdate;
class Clock;
class ConnectionPool;
class StampedTcpSocket;

/*!
 * \brief One HTTP/1.1 request/response on a raw socket, feeding the body through the wire
 * decoder and the protocol adapter into a RequestTrace.
 *
 * Signal driven: every timestamp is taken in a direct connection to the socket's signals,
 * when the bytes arrive. StreamingClient hands it out inside a RequestHandle.
 */
class HttpExchange : public QObject
{
    Q_OBJECT
public:
    HttpExchange(ConnectionPool *pool, Clock *clock, HttpRequestSpec spec,
                 std::unique_ptr<ProtocolAdapter> adapter, RequestOptions options, RequestTrace trace,
                 bool verifyTls, QObject *parent = nullptr);
    ~HttpExchange() override;

    void start();
    /// Checks the URL and serialises the request (start() does it if it was not done): any
    /// thread, before start(), so that starting only sends.
    void prebuild();
    void cancel();
    /// When a schedule wanted it sent (-1: not scheduled) and when it was started (before
    /// start(); a prepared exchange is built earlier).
    void setStartTimes(qint64 scheduledNs, qint64 startNs)
    {
        m_trace.scheduledNs = scheduledNs;
        m_trace.startNs = startNs;
    }
    /// The proxy to connect through (before start(); direct when never set).
    void setProxy(const ProxyChoice &proxy);
    /// Why no proxy could be chosen: start() then ends the request with it (InvalidRequest).
    void setProxyError(const QString &error) { m_proxyError = error; }
    const QUrl &url() const { return m_spec.url; }
    /// Which idle connections this request can reuse (scheme, host, port, TLS mode, proxy).
    QString poolKey() const;
    bool isFinished() const { return m_state == State::Done; }
    const RequestTrace &trace() const { return m_trace; }
    RequestTrace takeTrace() { return std::move(m_trace); }

    /// On an I/O thread: news goes through \a relay in batches instead of the signals below
    /// (before start(); the relay lives in the thread this exchange is moved to).
    void setRelay(ExchangeRelay *relay) { m_relay = relay; }
    /// The idle connections to take from and give back to (before start()).
    void setPool(ConnectionPool *pool);
    /// Whether updates carry every chunk (someone shows them live) or only milestones and the
    /// end. Any thread may set it; the next update then brings every chunk not yet sent.
    void setLive(bool live) { m_live.store(live, std::memory_order_relaxed); }
    /// The news since the last call, for the relay (in this exchange's thread).
    ExchangeUpdate takeUpdate();

Q_SIGNALS:
    void chunkReceived(const TraceChunk &chunk);
    /// Connected, request sent or headers complete was just stamped.
    void progressed();
    void finished();

private:
    enum class State {
        Idle,
        Connecting,
        StatusLine,
        Headers,
        ChunkSize,
        ChunkData,
        ChunkDataEnd,
        Trailers,
        BodyLength,
        BodyUntilClose,
        Done,
    };

    void openConnection();
    void attachSocket();
    void sendRequest();
    void onReadyRead();
    /// Reads an unbuffered socket (\a stamped if it is one) whose news came at \a now, from
    /// its loop's direct reader (\a direct) or from its readyRead().
    /// Reads what the kernel has for \a stamped (or Qt's socket); \a taken is a read the
    /// I/O thread's loop already made for it (EpollEventDispatcher::setBatchedReader()).
    void readUnbuffered(StampedTcpSocket *stamped, qint64 now, bool direct,
                        const EpollEventDispatcher::BatchedRead *taken = nullptr);
    /// The trace-clock time of bytes the kernel stamped at \a stampRealNs (wall clock), given
    /// the trace clock's \a now and the wall clock's \a realNow read together.
    qint64 arrivalTime(qint64 now, qint64 realNow, qint64 stampRealNs);
    /// Tells this thread's event loop that the socket's reads carry the kernel's receive times,
    /// and to hand them to onReadyRead() directly.
    void markStampedSocket();
    /// Stops this thread's loop from handing the socket's reads to onReadyRead() directly
    /// (markStampedSocket() started it): before the socket goes to the pool or away.
    void dropDirectReader();
    void received(QByteArrayView data, qint64 now);
    void onBytesWritten(qint64 bytes);
    void onSocketError(QAbstractSocket::SocketError error);
    void onDisconnected();
    void onTimer();
    void armTimer();

    void consume(QByteArrayView data, qint64 nowNs);
    /// The next whole line of \a data (without its CR LF), false until one is complete. The view
    /// is into \a data, or into m_assembled for a line that came in pieces: valid until the
    /// next call.
    bool takeLine(QByteArrayView &data, QByteArrayView &line);
    void handleStatusLine(const QByteArray &line);
    void handleHeaderLine(const QByteArray &line);
    void headersComplete();
    void feedBody(QByteArrayView bytes, qint64 nowNs);
    void bodyComplete(qint64 nowNs);
    void processEvents(qint64 nowNs);
    void applyItem(const StreamItem &item, qint64 nowNs);
    bool retryOnFreshConnection();
    void notifyProgress();
    void notifyChunk(const TraceChunk &chunk);
    void notifyFinished();
    void markForRelay();

    void finish(ErrorClass error, const QString &message = {});
    void releaseSocket(bool reusable);

    QPointer<ConnectionPool> m_pool;
    Clock *m_clock;
    HttpRequestSpec m_spec;
    std::unique_ptr<ProtocolAdapter> m_adapter;
    RequestOptions m_options;
    qsizetype m_otherChoiceChars = 0; ///< text held in m_trace.otherChoices
    RequestTrace m_trace;
    bool m_verifyTls;
    ProxyChoice m_proxy;
    QString m_proxyError;

    // Relay mode (an I/O thread): what the last update carried.
    ExchangeRelay *m_relay = nullptr;
    std::atomic<bool> m_live { false };
    bool m_marked = false;
    bool m_connectionKept = false; ///< the connection went back to the pool
    int m_progressPending = 0;
    qsizetype m_sentChunks = 0;
    qsizetype m_sentText = 0;
    qsizetype m_sentReasoning = 0;

    std::unique_ptr<QTcpSocket> m_socket;
    QTimer m_timer;
    State m_state = State::Idle;
    QByteArray m_requestBytes;
    qint64 m_written = 0;
    bool m_retried = false;

    // Response framing.
    QByteArray m_line; ///< a status/header/chunk-size line being assembled
    QByteArray m_assembled; ///< the last line takeLine() assembled from pieces
    qsizetype m_headerBytes = 0;
    qint64 m_remaining = 0; ///< bytes left in the current chunk or Content-Length body
    qint64 m_contentLength = -1;
    bool m_chunked = false;
    bool m_keepAlive = true;
    bool m_sawResponseByte = false;
    QByteArray m_contentType;
    QByteArray m_contentEncoding;
    QByteArray m_retryAfter;
    qint64 m_lastActivityNs = -1;
    bool m_prebuilt = false;
    bool m_validUrl = false;
    bool m_plainHttp = false;
    qint64 m_lastArrivalNs = -1; ///< the latest kernel receive time of this exchange's bytes
    qint64 m_connectStartedNs = -1;

    // Body interpretation.
    std::unique_ptr<StreamDecoder> m_decoder;
    WireFormat m_bodyFormat = WireFormat::Sse;
    QList<WireEvent> m_events;
    QList<StreamItem> m_items;
    QByteArray m_errorBody;
    std::unique_ptr<BodyInflater> m_inflater; ///< for gzip/deflate bodies
    QByteArray m_inflated;
    bool m_successStatus = false;
};
