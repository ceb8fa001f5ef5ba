#include "batchpolicy.h"

#include <algorithm>

int BatchPolicy::largestPreferred() const
{
    int best = 0;
    for (int p : preferredBatchSizes) {
        if (p >= 1 && p < maxBatchSize)
            best = std::max(best, p);
    }
    return best;
}

int BatchPolicy::batchToSend(int pending, qint64 oldestWaitNs, bool flushing) const
{
    const int maxSize = std::max(1, maxBatchSize);
    if (pending <= 0)
        return 0;
    if (pending >= maxSize)
        return maxSize;
    if (rule == BatchRule::FullBatchOnly)
        return flushing ? pending : 0;
    const int largest = largestPreferred();
    if (largest > 0 && pending >= largest)
        return largest;
    if (!flushing && oldestWaitNs < maxQueueDelayNs)
        return 0;
    // Out of patience: the largest preferred size the queue can fill, else everything queued.
    int preferred = 0;
    for (int p : preferredBatchSizes) {
        if (p >= 1 && p <= pending)
            preferred = std::max(preferred, p);
    }
    return preferred > 0 ? preferred : pending;
}

QString BatchPolicy::ruleName(BatchRule rule)
{
    return rule == BatchRule::FullBatchOnly ? QStringLiteral("full-batch") : QStringLiteral("max-wait");
}

std::optional<BatchRule> BatchPolicy::ruleFromName(const QString &name)
{
    if (name == u"max-wait")
        return BatchRule::MaxWait;
    if (name == u"full-batch")
        return BatchRule::FullBatchOnly;
    return std::nullopt;
}
