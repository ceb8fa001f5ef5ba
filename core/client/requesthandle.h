#pragma once

#include "requesttrace.h"

#include <QCoroTask>
#include <QObject>

#include <memory>

class HttpExchange;

/*!
 * \brief One request in flight: its id, its cancellation, its own signals and a live view
 * of its trace.
 *
 * StreamingClient::start() hands one out per request; the caller owns it. Destroying a
 * handle whose request is still running aborts the request. Listeners connect to the
 * handle of the request they care about, so nobody filters a broadcast by id.
 */
class RequestHandle : public QObject
{
    Q_OBJECT
public:
    ~RequestHandle() override;

    /// Unique in the process: no two handles of any client share one.
    quint64 id() const { return m_id; }
    bool isFinished() const;
    /// The request so far: every timestamp, chunk and piece of text that has arrived (the
    /// final trace once finished). Live figures come from Metrics::live() on this.
    const RequestTrace &trace() const;
    /// Ends the request as ErrorClass::Cancelled, keeping what arrived; no-op once finished.
    void cancel();
    /// Completes with the final trace (at once if the request already ended). The handle must
    /// outlive the await: keep it in the awaiting frame.
    QCoro::Task<RequestTrace> result();

Q_SIGNALS:
    /// A piece of content arrived; \a chunk is already in trace().chunks.
    void chunkReceived(const TraceChunk &chunk);
    /// A milestone before the first content (connected, request sent, headers) was stamped.
    void progressed();
    /// The request ended, successfully or not; trace() is final.
    void finished();

private:
    friend class StreamingClient;
    RequestHandle(quint64 id, std::unique_ptr<HttpExchange> exchange, QObject *parent);

    quint64 m_id;
    std::unique_ptr<HttpExchange> m_exchange;
};
