#pragma once

#include <QList>
#include <QString>
#include <QtGlobal>

#include <optional>

/// \brief Whether a partial batch can leave on its own.
enum class BatchRule {
    MaxWait, ///< a timer: a partial batch leaves once its oldest request has waited maxQueueDelayNs
    /// No timer: only a full batch (maxBatchSize requests) leaves, or a flush. The typical sketch's
    /// rule: it declares a wait but never uses it, so at low load a request waits for company.
    FullBatchOnly,
};

/*!
 * \brief When a dynamic batcher sends what it has queued (Triton's dynamic-batching rule).
 *
 * One rule, shared by DynamicBatcher (live) and BatchSimulator (request-level mode), so that
 * what the simulator predicts is what the batcher does:
 *  - a queue holding maxBatchSize requests is sent at once;
 *  - a queue that reaches the largest preferred size (below maxBatchSize) is sent at once;
 *  - otherwise the queue waits until its oldest request has waited maxQueueDelayNs (or a flush),
 *    then the largest preferred size that the queue can fill is sent, or all of it when none can.
 * A lone request therefore leaves after maxQueueDelayNs at the latest, never waits forever.
 *
 * With BatchRule::FullBatchOnly there is no timer: only a queue of maxBatchSize requests is sent,
 * preferred sizes and maxQueueDelayNs are ignored, and what is left waits for a flush.
 */
struct BatchPolicy
{
    int maxBatchSize = 8;
    qint64 maxQueueDelayNs = 0;
    QList<int> preferredBatchSizes; ///< optional; values outside 1..maxBatchSize are ignored
    BatchRule rule = BatchRule::MaxWait;

    /// A partial batch can leave on a timer (BatchRule::MaxWait).
    bool hasTimer() const { return rule == BatchRule::MaxWait; }
    /// "max-wait" or "full-batch" (the CLI's and the JSON's names).
    static QString ruleName(BatchRule rule);
    static std::optional<BatchRule> ruleFromName(const QString &name);

    /// How many of \a pending queued requests to send now; 0 means keep waiting.
    int batchToSend(int pending, qint64 oldestWaitNs, bool flushing = false) const;
    /// The largest valid preferred size, or 0 when there is none.
    int largestPreferred() const;
    bool isValid() const { return maxBatchSize >= 1 && maxQueueDelayNs >= 0; }
};
