#pragma once

#include "requestoptions.h"
#include "requesttrace.h"

#include "protocol/endpointprofile.h"

#include <QCoroTask>
#include <QHash>
#include <QObject>
#include <QPointer>

class Clock;
class ConnectionPool;
class HttpExchange;

/*!
 * \brief Sends generation requests to an endpoint and returns their traces, as coroutines.
 *
 * One client serves any number of requests at once over its own HTTP/1.1 connection pool
 * (no per-host connection limit). Cancellation is by request id.
 */
class StreamingClient : public QObject
{
    Q_OBJECT
public:
    explicit StreamingClient(QObject *parent = nullptr, Clock *clock = nullptr);
    ~StreamingClient() override;

    /*!
     * Sends \a request to \a profile and completes with its trace; never throws. Every
     * failure is a classified error in the trace, with the partial text kept.
     * \a scheduledNs is when a load schedule wanted the request sent (-1: now).
     */
    QCoro::Task<RequestTrace> send(EndpointProfile profile, GenerationRequest request, RequestOptions options,
                                   quint64 id, qint64 scheduledNs = -1);

    /// Cancels one request; its trace ends with ErrorClass::Cancelled.
    void cancel(quint64 id);
    void cancelAll();
    /// Closes idle keep-alive connections.
    void closeIdleConnections();
    int inFlight() const { return int(m_live.size()); }
    Clock *clock() const { return m_clock; }

    /// The API key for \a profile: its own apiKey, else the variable named by apiKeyEnv.
    static QString resolveApiKey(const EndpointProfile &profile);

Q_SIGNALS:
    /// A piece of content arrived for request \a id (emitted as it arrives).
    void chunkReceived(quint64 id, const TraceChunk &chunk);

private:
    Clock *m_clock;
    ConnectionPool *m_pool;
    QHash<quint64, QPointer<HttpExchange>> m_live;
};
