#pragma once

#include <QByteArray>
#include <QList>
#include <QObject>
#include <QPointer>

#include <utility>

class QTcpSocket;
class QTimer;

// The simulator's own types live in Sim:: so that none can collide with the client's
// (a GenerationRequest or ServerTimings here is not the one in core/protocol).
namespace Sim {

using HttpHeaderList = QList<std::pair<QByteArray, QByteArray>>;

/// \brief One parsed HTTP/1.1 request as the embedded endpoint sees it.
struct HttpRequest
{
    QByteArray method;
    QByteArray target; ///< as sent: path plus optional "?query"
    QByteArray path; ///< target without the query, still percent-encoded
    QByteArray query; ///< without the '?'
    HttpHeaderList headers; ///< names lower-cased, values trimmed
    QByteArray body;
    bool keepAlive = true;

    /// The value of the first header called \a lowerName, or a null QByteArray.
    QByteArray header(QByteArrayView lowerName) const;
};

/*!
 * \brief The server side of one HTTP/1.1 connection: request parsing and response writing.
 *
 * Parses the request line, headers and a Content-Length body, with size limits (431 for
 * headers, 413 for bodies, 400 for garbage), then emits requestReceived() and waits for
 * exactly one response before it reads the next request (keep-alive; no pipelining, later
 * bytes simply wait in the buffer). Responses are either fixed-length or chunked.
 *
 * Every write is flushed at once and the socket has TCP_NODELAY, so that the client's
 * timestamps see the simulated timing, not Nagle's algorithm.
 */
class HttpServerConnection : public QObject
{
    Q_OBJECT
public:
    static constexpr qsizetype MaxHeaderBytes = qsizetype(16) * 1024;
    static constexpr qsizetype MaxBodyBytes = qsizetype(8) * 1024 * 1024;
    static constexpr int IdleTimeoutMs = 60 * 1000;

    /// Takes ownership of \a socket.
    explicit HttpServerConnection(QTcpSocket *socket, QObject *parent = nullptr);
    ~HttpServerConnection() override;

    bool isConnected() const;
    /// From now on every byte is its own write and flush (the chunk framing too).
    void setTinyWrites(bool tiny) { m_tiny = tiny; }

    /// A complete response with Content-Length.
    void sendResponse(int status, const QByteArray &contentType, const QByteArray &body,
                      const HttpHeaderList &extra = {});
    /// Headers of a response whose \a length body bytes follow through writeBody().
    void startFixedLength(int status, const QByteArray &contentType, qsizetype length,
                          const HttpHeaderList &extra = {});
    void writeBody(const QByteArray &bytes);
    /// Ends a fixed-length response whose body has been written in full.
    void finishFixedLength();

    void startChunked(int status, const QByteArray &contentType, const HttpHeaderList &extra = {});
    void writeChunk(const QByteArray &data);
    /// Writes the terminating chunk; the connection then serves the next request.
    void finishChunked();

    /// Closes gracefully (FIN) after the pending bytes, whatever the response state.
    void closeGracefully();
    /// Resets the connection (RST): pending bytes are dropped.
    void reset();

    static QByteArray reasonPhrase(int status);

Q_SIGNALS:
    void requestReceived(const HttpRequest &request);
    /// The peer closed, or the connection was closed or reset; emitted once.
    void closed();

private:
    void onReadyRead();
    void processBuffer();
    void rejectRequest(int status, const QByteArray &message);
    void writeHead(int status, const QByteArray &contentType, const HttpHeaderList &extra,
                   const QByteArray &framingHeader);
    void writeRaw(const QByteArray &bytes);
    void responseDone();
    void onDisconnected();

    QPointer<QTcpSocket> m_socket;
    QTimer *m_idleTimer = nullptr;
    QByteArray m_buffer;
    bool m_busy = false; // a request was handed out and awaits its response
    bool m_keepAlive = true; // of the request being answered
    bool m_closing = false;
    bool m_closedEmitted = false;
    bool m_tiny = false;
    bool m_continueSent = false; // "100 Continue" already sent for the pending request
};

} // namespace Sim
