#pragma once

#include "batchexecutor.h"
#include "batchpolicy.h"

#include <QCoroTask>
#include <QObject>
#include <QTimer>

#include <deque>
#include <memory>

class Clock;
class BatchTicket;

/*!
 * \brief Collects requests into batches by BatchPolicy and runs them on a BatchExecutor.
 *
 * submit() returns a task that completes with the request's own result: Ok with the response,
 * Failed when the executor failed, or Cancelled after shutdown(). A batch leaves when the
 * policy says so and one of maxConcurrentBatches execution slots is free (with every slot busy,
 * the queue keeps growing and leaves as a larger batch — how a server instance behaves).
 * Under BatchRule::FullBatchOnly nothing arms a timer: a partial batch leaves only on flush().
 * The executor is shared: an in-flight batch keeps it alive even if the batcher goes away.
 */
class DynamicBatcher : public QObject
{
    Q_OBJECT
public:
    DynamicBatcher(std::shared_ptr<BatchExecutor> executor, BatchPolicy policy, int maxConcurrentBatches = 1,
                   QObject *parent = nullptr);
    ~DynamicBatcher() override; ///< shuts down: every pending submit completes as Cancelled

    QCoro::Task<BatchResult> submit(BatchRequest request);
    /// Sends everything queued now (in batches of at most maxBatchSize), free slots permitting.
    void flush();
    /// Completes every queued and in-flight request as Cancelled; later submits are cancelled at once.
    void shutdown();

    BatchPolicy policy() const { return m_policy; }
    int pendingCount() const { return int(m_queue.size()); }
    int inFlightBatches() const { return m_inFlight; }
    bool isShutDown() const { return m_shutDown; }

Q_SIGNALS:
    void batchDispatched(int size);
    void batchFinished(int size);

private:
    struct Entry
    {
        BatchRequest request;
        std::shared_ptr<BatchTicket> ticket;
        qint64 enqueuedNs = 0;
    };
    void enqueue(Entry entry);
    void pump();
    QCoro::Task<> doExecute(std::shared_ptr<BatchExecutor> executor, QList<Entry> batch);

    std::shared_ptr<BatchExecutor> m_executor;
    BatchPolicy m_policy;
    int m_maxConcurrent;
    Clock *m_clock;
    QTimer m_timer;
    std::deque<Entry> m_queue;
    QList<std::shared_ptr<BatchTicket>> m_running; ///< tickets of in-flight batches
    int m_inFlight = 0;
    int m_flushRemaining = 0; ///< requests a flush() still has to send
    bool m_shutDown = false;
};

/// \brief The completion handle of one submitted request (internal to DynamicBatcher).
class BatchTicket : public QObject
{
    Q_OBJECT
public:
    explicit BatchTicket(quint64 id)
        : m_id(id)
    {
    }
    quint64 id() const { return m_id; }
    /// First completion wins; later ones (a batch ending after shutdown) are ignored.
    void complete(BatchResult result);
    bool isDone() const { return m_done; }
    BatchResult result() const { return m_result; }

Q_SIGNALS:
    void finished();

private:
    quint64 m_id;
    BatchResult m_result;
    bool m_done = false;
};
