#pragma once

#include "servicemodel.h"

#include <QCoroTask>
#include <QList>
#include <QString>

/// \brief One request handed to a DynamicBatcher.
struct BatchRequest
{
    quint64 id = 0; ///< the caller's own tag, echoed back in the result
    QString prompt; ///< payload for a real endpoint executor; the simulation ignores it
    int promptTokens = 1;
    int outputTokens = 1;
};

/// \brief What became of one submitted request.
struct BatchResult
{
    enum class Status { Ok, Cancelled, Failed };
    Status status = Status::Failed;
    quint64 id = 0;
    QString text; ///< the response (Ok)
    int outputTokens = 0;
    QString error; ///< why, when Cancelled or Failed
    qint64 queueWaitNs = 0; ///< submit → dispatch (filled by the batcher)
    qint64 executeNs = 0; ///< dispatch → batch results (filled by the batcher)
    int batchSize = 0; ///< size of the batch it rode in (filled by the batcher)

    bool ok() const { return status == Status::Ok; }
    static BatchResult cancelled(quint64 id, const QString &reason);
    static BatchResult failed(quint64 id, const QString &reason);
};

/*!
 * \brief Runs one batch; the pluggable back end of a DynamicBatcher.
 *
 * execute() returns one result per request, in the order of \a batch (result i belongs to
 * request i); the batcher maps them back to the callers. A result list of the wrong size fails
 * the whole batch.
 *
 * Two implementations: SimulatedBatchExecutor below (the server model) and
 * EndpointBatchExecutor (a real endpoint: a prompt array or concurrent requests).
 */
class BatchExecutor
{
public:
    virtual ~BatchExecutor();
    virtual QCoro::Task<QList<BatchResult>> execute(QList<BatchRequest> batch) = 0;
};

/*!
 * \brief An executor that "runs" a batch by sleeping as long as the service model says.
 *
 * Request-level batching: one prefill step over every prompt token of the batch, then one
 * decode step per output token of the longest request, every sequence kept in the batch
 * until the last one ends (as a request-level server does). \a timeScale shrinks the sleep
 * (0.1 = ten times faster than modelled) for tests and demos.
 */
class SimulatedBatchExecutor final : public BatchExecutor
{
public:
    explicit SimulatedBatchExecutor(ServiceModel model, double timeScale = 1.0);
    QCoro::Task<QList<BatchResult>> execute(QList<BatchRequest> batch) override;

    /// Modelled time of one batch (also used by the simulator's request-level mode).
    static qint64 batchServiceNs(const ServiceModel &model, const QList<BatchRequest> &batch);
    int batchesExecuted() const { return m_batches; }

private:
    ServiceModel m_model;
    double m_timeScale;
    int m_batches = 0;
};
