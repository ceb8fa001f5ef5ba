#include "batchexecutor.h"

#include <QCoroTimer>
#include <QTimer>

#include <algorithm>

BatchResult BatchResult::cancelled(quint64 id, const QString &reason)
{
    BatchResult r;
    r.status = Status::Cancelled;
    r.id = id;
    r.error = reason;
    return r;
}

BatchResult BatchResult::failed(quint64 id, const QString &reason)
{
    BatchResult r;
    r.status = Status::Failed;
    r.id = id;
    r.error = reason;
    return r;
}

BatchExecutor::~BatchExecutor() = default;

SimulatedBatchExecutor::SimulatedBatchExecutor(ServiceModel model, double timeScale)
    : m_model(std::move(model))
    , m_timeScale(timeScale)
{
}

qint64 SimulatedBatchExecutor::batchServiceNs(const ServiceModel &model, const QList<BatchRequest> &batch)
{
    qint64 prompt = 0;
    int longest = 0;
    for (const BatchRequest &r : batch) {
        prompt += std::max(0, r.promptTokens);
        longest = std::max(longest, r.outputTokens);
    }
    qint64 ns = model.stepNs(prompt, 0); // the prefill step yields every first token
    return ns + model.decodeStepsNs(batch.size(), prompt, longest - 1);
}

QCoro::Task<QList<BatchResult>> SimulatedBatchExecutor::execute(QList<BatchRequest> batch)
{
    ++m_batches;
    const qint64 ns = qint64(double(batchServiceNs(m_model, batch)) * m_timeScale);
    // Wall-clock sleep: this executor stands in for a server, so it has to take real time.
    // A precise timer, rounded up: a coarse one may fire 5% early and undercut the model.
    QTimer timer;
    timer.setTimerType(Qt::PreciseTimer);
    timer.setSingleShot(true);
    timer.start(int((ns + 999'999) / 1'000'000));
    co_await qCoro(timer).waitForTimeout();
    QList<BatchResult> results;
    results.reserve(batch.size());
    for (const BatchRequest &r : batch) {
        BatchResult result;
        result.status = BatchResult::Status::Ok;
        result.id = r.id;
        result.outputTokens = r.outputTokens;
        result.text = r.prompt; // an echo, so callers can see their own answer came back
        results.append(result);
    }
    co_return results;
}
