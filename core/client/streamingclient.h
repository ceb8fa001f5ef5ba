#pragma once

#include "requesthandle.h"
#include "proxyresolver.h"
#include "requestoptions.h"
#include "requesttrace.h"

#include "protocol/endpointprofile.h"

#include <QCoroTask>
#include <QList>
#include <QObject>
#include <QPointer>

#include <memory>

class Clock;
class ConnectionPool;
class HttpExchange;
class ProtocolAdapter;

/*!
 * \brief Starts requests to endpoints and hands out one RequestHandle per request.
 *
 * One client serves any number of requests at once over its own HTTP/1.1 connection pool
 * (no per-host connection limit). Every timestamp comes from the client's clock (the one
 * given, else Clock::system()), so tests can replace it.
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

    /// The API key for \a profile: its own apiKey, else the variable named by apiKeyEnv.
    static QString resolveApiKey(const EndpointProfile &profile);

    /// The environment proxies are read from (HTTPS_PROXY, …; ProxyResolver): the process's,
    /// as it was when the client was made, unless set here.
    void setProxyEnvironment(const QProcessEnvironment &environment);
    /// The proxy a request of \a profile to \a url goes through (nullopt with \a error when
    /// its setting or the environment names no usable proxy).
    std::optional<ProxyChoice> proxyFor(const EndpointProfile &profile, const QUrl &url, QString *error = nullptr) const;

private:
    Clock *m_clock;
    ConnectionPool *m_pool;
    QProcessEnvironment m_proxyEnvironment;
    QList<QPointer<RequestHandle>> m_handles; ///< pruned of ended ones as new ones start
};
