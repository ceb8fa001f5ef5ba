#pragma once

#include <QList>
#include <QtGlobal>

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
 */
struct BatchPolicy
{
    int maxBatchSize = 8;
    qint64 maxQueueDelayNs = 0;
    QList<int> preferredBatchSizes; ///< optional; values outside 1..maxBatchSize are ignored

    /// How many of \a pending queued requests to send now; 0 means keep waiting.
    int batchToSend(int pending, qint64 oldestWaitNs, bool flushing = false) const;
    /// The largest valid preferred size, or 0 when there is none.
    int largestPreferred() const;
    bool isValid() const { return maxBatchSize >= 1 && maxQueueDelayNs >= 0; }
};
