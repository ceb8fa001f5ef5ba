#include "dynamicbatcher.h"

#include "common/clock.h"

#include <QCoroSignal>
#include <QPointer>

#include <algorithm>

void BatchTicket::complete(BatchResult result)
{
    if (m_done)
        return;
    m_done = true;
    m_result = std::move(result);
    Q_EMIT finished();
}

DynamicBatcher::DynamicBatcher(std::shared_ptr<BatchExecutor> executor, BatchPolicy policy,
                               int maxConcurrentBatches, QObject *parent)
    : QObject(parent)
    , m_executor(std::move(executor))
    , m_policy(std::move(policy))
    , m_maxConcurrent(maxConcurrentBatches)
    , m_clock(Clock::system())
{
    m_policy.maxBatchSize = std::max(1, m_policy.maxBatchSize);
    m_policy.maxQueueDelayNs = std::max<qint64>(0, m_policy.maxQueueDelayNs);
    m_timer.setSingleShot(true);
    m_timer.setTimerType(Qt::PreciseTimer);
    connect(&m_timer, &QTimer::timeout, this, &DynamicBatcher::pump);
}

DynamicBatcher::~DynamicBatcher()
{
    shutdown();
}

QCoro::Task<BatchResult> DynamicBatcher::submit(BatchRequest request)
{
    const quint64 id = request.id;
    if (m_shutDown || !m_executor)
        co_return BatchResult::cancelled(id, tr("the batcher has been shut down"));
    // The ticket lives in this frame and in the queue; whoever finishes last frees it.
    auto ticket = std::make_shared<BatchTicket>(id);
    enqueue({ std::move(request), ticket, m_clock->nowNs() });
    if (!ticket->isDone())
        co_await qCoro(ticket.get(), &BatchTicket::finished);
    co_return ticket->result();
}

void DynamicBatcher::enqueue(Entry entry)
{
    m_queue.push_back(std::move(entry));
    pump();
}

void DynamicBatcher::flush()
{
    m_flushRemaining = int(m_queue.size());
    pump();
}

void DynamicBatcher::pump()
{
    if (m_shutDown)
        return;
    while (!m_queue.empty() && (m_maxConcurrent <= 0 || m_inFlight < m_maxConcurrent)) {
        const qint64 now = m_clock->nowNs();
        const int pending = int(m_queue.size());
        const int size
            = m_policy.batchToSend(pending, now - m_queue.front().enqueuedNs, m_flushRemaining > 0);
        if (size == 0)
            break;
        QList<Entry> batch;
        batch.reserve(size);
        for (int i = 0; i < size; ++i) {
            batch.append(std::move(m_queue.front()));
            m_queue.pop_front();
        }
        m_flushRemaining = std::max(0, m_flushRemaining - size);
        ++m_inFlight;
        for (const Entry &e : batch)
            m_running.append(e.ticket);
        Q_EMIT batchDispatched(size);
        QCoro::connect(doExecute(m_executor, std::move(batch)), this, [this]() {
            --m_inFlight;
            pump();
        });
    }
    // Re-arm for the oldest request still queued; with every slot busy the slot's return pumps.
    // Without a timer (full batch only) a partial batch waits for more requests or a flush().
    if (m_policy.hasTimer() && !m_queue.empty() && (m_maxConcurrent <= 0 || m_inFlight < m_maxConcurrent)) {
        const qint64 waited = m_clock->nowNs() - m_queue.front().enqueuedNs;
        const qint64 leftNs = std::max<qint64>(0, m_policy.maxQueueDelayNs - waited);
        // Round up: waking a millisecond early would only re-arm the timer.
        m_timer.start(int((leftNs + 999'999) / 1'000'000));
    } else {
        m_timer.stop();
    }
}

QCoro::Task<> DynamicBatcher::doExecute(std::shared_ptr<BatchExecutor> executor, QList<Entry> batch)
{
    QPointer<DynamicBatcher> self(this);
    Clock *clock = m_clock;
    const qint64 dispatchedNs = clock->nowNs();
    QList<BatchRequest> requests;
    requests.reserve(batch.size());
    for (const Entry &e : batch)
        requests.append(e.request);

    const QList<BatchResult> results = co_await executor->execute(requests);
    const qint64 executeNs = clock->nowNs() - dispatchedNs;
    const QString sizeError
        = tr("the executor returned %1 results for a batch of %2").arg(results.size()).arg(batch.size());
    for (qsizetype i = 0; i < batch.size(); ++i) {
        const Entry &e = batch.at(i);
        BatchResult r
            = results.size() == batch.size() ? results.at(i) : BatchResult::failed(e.request.id, sizeError);
        r.id = e.request.id;
        r.queueWaitNs = dispatchedNs - e.enqueuedNs;
        r.executeNs = executeNs;
        r.batchSize = int(batch.size());
        e.ticket->complete(std::move(r)); // no-op if shutdown() cancelled it meanwhile
    }
    if (!self)
        co_return;
    for (const Entry &e : batch)
        self->m_running.removeOne(e.ticket);
    Q_EMIT self->batchFinished(int(batch.size()));
}

void DynamicBatcher::shutdown()
{
    if (m_shutDown)
        return;
    m_shutDown = true;
    m_timer.stop();
    const QString reason = tr("cancelled: the batcher was shut down");
    std::deque<Entry> queued;
    queued.swap(m_queue);
    for (Entry &e : queued)
        e.ticket->complete(BatchResult::cancelled(e.request.id, reason));
    const auto running = std::exchange(m_running, {});
    for (const auto &ticket : running)
        ticket->complete(BatchResult::cancelled(ticket->id(), reason));
}
