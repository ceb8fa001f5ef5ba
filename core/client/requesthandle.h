#pragma once

#include "requesttrace.h"

#include <QCoroTask>
#include <QObject>
#include <QPointer>

#include <memory>

class HttpExchange;
class StreamingClient;
struct ExchangeUpdate;

/*!
 * \brief One request in flight: its id, its cancellation, its own signals and a live view
 * of its trace.
 *
 * StreamingClient::start() hands one out per request; the caller owns it. Destroying a
 * handle whose request is still running aborts the request. Listeners connect to the
 * handle of the request they care about, so nobody filters a broadcast by id.
 *
 * When the client has I/O threads, the request runs on one of them and the handle keeps its
 * own copy of the trace, brought up to date in batches: milestones and the end always, every
 * chunk only once someone watches (connects to chunkReceived or reads trace() before the end):
 * a load run does not pay for a live view it never shows.
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
    /// A piece of content arrived; \a chunk is already in trace().chunks. On an I/O thread the
    /// chunks of one batch come one after the other, when the batch arrives.
    void chunkReceived(const TraceChunk &chunk);
    /// A milestone before the first content (connected, request sent, headers) was stamped.
    void progressed();
    /// The request ended, successfully or not; trace() is final.
    void finished();

protected:
    void connectNotify(const QMetaMethod &signal) override;

private:
    friend class StreamingClient;
    /// The request runs on this thread (the exchange's signals, direct).
    RequestHandle(quint64 id, std::unique_ptr<HttpExchange> exchange, QObject *parent);
    /// The request runs on an I/O thread; news comes through apply().
    RequestHandle(quint64 id, HttpExchange *exchange, StreamingClient *client, RequestTrace seed);

    void apply(ExchangeUpdate &&update);
    /// The client is going: the exchange is deleted in its thread now, the request cancelled.
    void detach(qint64 nowNs);

    quint64 m_id;
    std::unique_ptr<HttpExchange> m_exchange; ///< on this thread
    // On an I/O thread:
    HttpExchange *m_remote = nullptr; ///< deleted in its thread (deleteLater)
    QPointer<StreamingClient> m_client;
    RequestTrace m_trace;
    bool m_finished = false;
};
