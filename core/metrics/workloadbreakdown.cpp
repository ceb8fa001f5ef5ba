#include "workloadbreakdown.h"

std::optional<qint64> WorkloadBreakdown::cachedTokensOf(const RequestRecord &record)
{
    if (record.trace.usage.cachedPromptTokens)
        return record.trace.usage.cachedPromptTokens;
    return record.trace.timings.cachedPromptTokens;
}

bool WorkloadBreakdown::endedEarly(const RequestRecord &record, const GenerationRequest &sent)
{
    return !record.warmup && record.trace.ok() && sent.maxTokens > 0 && record.metrics.outputTokens < sent.maxTokens;
}

WorkloadBreakdown WorkloadBreakdown::of(const QList<RequestRecord> &records, const QList<GenerationRequest> &prompts)
{
    WorkloadBreakdown b;
    QMap<int, QList<double>> byTurn;
    QList<double> cached;
    QList<double> uncached;
    for (const RequestRecord &r : records) {
        if (r.warmup || !r.trace.ok())
            continue;
        if (!prompts.isEmpty() && r.index >= 0) {
            const GenerationRequest &sent = prompts.at(r.index % prompts.size());
            if (sent.maxTokens > 0) {
                ++b.requestsWithTarget;
                b.requestsEndedEarly += endedEarly(r, sent) ? 1 : 0;
            }
        }
        if (!r.metrics.ttftMs)
            continue;
        if (r.turn > 0)
            byTurn[r.turn].append(*r.metrics.ttftMs);
        if (const std::optional<qint64> tokens = cachedTokensOf(r)) {
            (*tokens > 0 ? cached : uncached).append(*r.metrics.ttftMs);
            b.cachedPromptTokens += *tokens;
            b.promptTokens += r.trace.usage.promptTokens.value_or(0);
        }
    }
    for (auto it = byTurn.cbegin(); it != byTurn.cend(); ++it)
        b.ttftByTurnMs.insert(it.key(), Distribution::of(it.value()));
    b.cachedTtftMs = Distribution::of(cached);
    b.uncachedTtftMs = Distribution::of(uncached);
    return b;
}
