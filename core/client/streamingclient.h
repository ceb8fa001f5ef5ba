#pragma once

#include "requesthandle.h"
#include "proxyresolver.h"
#include "requestoptions.h"
#include "requesttrace.h"

#include "protocol/endpointprofile.h"

#include <QCoroTask>
#include <QHash>
#include <QList>
#include <QObject>
#include <QPointer>

#include <memory>

class Clock;
class ConnectionPool;
class HttpExchange;
class IoThreads;
class ProtocolAdapter;
class QThread;
struct ExchangeUpdate;

/*!
 * \brief A request built ahead of its time: its body, its headers and its exchange. Starting
 * it then only hands it to its thread, so that a load schedule's dispatch delay does not
 * include building each request. Move-only; one not started is dropped with it.
 */
class PreparedRequest
{
public:
    PreparedRequest();
    PreparedRequest(PreparedRequest &&other) noexcept;
    PreparedRequest &operator=(PreparedRequest &&other) noexcept;
    ~PreparedRequest();
    bool isValid() const { return m_exchange != nullptr; }

private:
    friend class StreamingClient;
    std::unique_ptr<HttpExchange> m_exchange;
    quint64 m_id = 0;
    bool m_reuseConnections = true;
};

/*!
 * \brief Starts requests to endpoints and hands out one RequestHandle per request.
 *
 * One client serves any number of requests at once over its own HTTP/1.1 connection pool
 * (no per-host connection limit). Every timestamp comes from the client's clock (the one
 * given, else Clock::system()), so tests can replace it.
 *
 * By default the requests run on the client's own thread. With setIoThreads(n) they run on n
 * I/O threads of the client's (IoThreads), each with an epoll event loop and its own
 * connections; the handles, their signals and their traces stay on the client's thread.
 */
class StreamingClient : public QObject
{
    Q_OBJECT
public:
    explicit StreamingClient(QObject *parent = nullptr, Clock *clock = nullptr);
    ~StreamingClient() override;

    /*!
     * Starts \a request to \a profile and returns its handle, owned by the caller. The
     * request never throws: every failure ends as a classified error in the trace, with the
     * partial text kept. \a scheduledNs is when a load schedule wanted it sent (-1: now).
     */
    std::unique_ptr<RequestHandle> start(EndpointProfile profile, GenerationRequest request,
                                         RequestOptions options = {}, qint64 scheduledNs = -1);
    /// The same with any adapter (an embeddings reader, say); it builds the HTTP request
    /// from \a profile and \a request and reads the answer.
    std::unique_ptr<RequestHandle> start(EndpointProfile profile, std::unique_ptr<ProtocolAdapter> adapter,
                                         GenerationRequest request, RequestOptions options = {},
                                         qint64 scheduledNs = -1);
    /// Builds \a request to \a profile without sending it (start(PreparedRequest) sends it).
    PreparedRequest prepare(EndpointProfile profile, GenerationRequest request, RequestOptions options = {});
    PreparedRequest prepare(EndpointProfile profile, std::unique_ptr<ProtocolAdapter> adapter,
                            GenerationRequest request, RequestOptions options = {});
    /// Sends a prepared request; its trace starts now. An invalid one gives a null handle.
    std::unique_ptr<RequestHandle> start(PreparedRequest prepared, qint64 scheduledNs = -1);
    /// start() and await the final trace, for callers that need neither cancellation nor
    /// the live view.
    QCoro::Task<RequestTrace> send(EndpointProfile profile, GenerationRequest request,
                                   RequestOptions options = {}, qint64 scheduledNs = -1);

    /// Cancels every request in flight; each ends with ErrorClass::Cancelled.
    void cancelAll();
    /// Closes idle keep-alive connections.
    void closeIdleConnections();
    int inFlight() const;
    Clock *clock() const { return m_clock; }

    /// Runs the requests started from now on on \a count I/O threads (0: on this thread, as by
    /// default). Changing it closes the idle connections; requests in flight finish where they
    /// are. The clock must then be safe to read from any thread (Clock::system() is).
    void setIoThreads(int count);
    /// 0 when the requests run on this thread.
    int ioThreads() const;
    /// The I/O threads, to watch them (ClientLagProbe); empty when there are none.
    QList<QThread *> ioThreadList() const;

    /// The API key for \a profile: its own apiKey, else the variable named by apiKeyEnv.
    static QString resolveApiKey(const EndpointProfile &profile);

    /// The environment proxies are read from (HTTPS_PROXY, …; ProxyResolver): the process's,
    /// as it was when the client was made, unless set here.
    void setProxyEnvironment(const QProcessEnvironment &environment);
    /// The proxy a request of \a profile to \a url goes through (nullopt with \a error when
    /// its setting or the environment names no usable proxy).
    std::optional<ProxyChoice> proxyFor(const EndpointProfile &profile, const QUrl &url, QString *error = nullptr) const;

private:
    friend class RequestHandle;
    void deliver(std::vector<ExchangeUpdate> &&batch);
    void forget(quint64 id);
    void stopIoThreads();
    /// The I/O thread for a request that can reuse \a poolKey's connections: one with an idle
    /// connection of that key, else the one with the fewest requests in flight.
    int pickThread(const QString &poolKey);

    Clock *m_clock;
    ConnectionPool *m_pool;
    QProcessEnvironment m_proxyEnvironment;
    QList<QPointer<RequestHandle>> m_handles; ///< pruned of ended ones as new ones start
    qsizetype m_pruneAt = 64; ///< the size at which m_handles is pruned next
    std::unique_ptr<IoThreads> m_io;
    struct Remote
    {
        RequestHandle *handle = nullptr;
        int thread = 0;
        QString poolKey;
        bool ended = false; ///< its final trace arrived (no longer counted in m_threadLoad)
    };
    /// Handles of requests on I/O threads, until they are destroyed: an ended request's
    /// exchange still waits in its thread for its handle to go.
    QHash<quint64, Remote> m_remote;
    std::vector<int> m_threadLoad; ///< requests in flight on each I/O thread
    /// Idle keep-alive connections of each key on each I/O thread, as the finished requests
    /// told (a connection the server closed meanwhile is still counted: a new one is opened).
    QHash<QString, std::vector<int>> m_idleByThread;
    int m_nextThread = 0;
};
