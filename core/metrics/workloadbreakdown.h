#pragma once

#include "runsummary.h"
#include "statistics.h"

#include <QList>
#include <QMap>

#include <optional>

/*!
 * \brief What a production-like workload adds to a run's summary: the TTFT of each
 * conversation turn, the TTFT of requests the server's prompt cache served against the rest,
 * and how many requests stopped before the output length they asked for.
 *
 * One computation for the JSON export, the CLI's text summary and the Runs panel, so the three
 * never disagree. Warm-up and failed requests are left out, as in RunSummary.
 */
struct WorkloadBreakdown
{
    /// TTFT (ms) by conversation turn (1, 2, …); empty unless the run had conversations.
    QMap<int, Distribution> ttftByTurnMs;

    /// TTFT (ms) of requests with some prompt tokens read from the server's cache.
    Distribution cachedTtftMs;
    /// TTFT (ms) of requests whose server said it read none from its cache.
    Distribution uncachedTtftMs;
    /// Over the requests whose server reported cached tokens (either kind above).
    qint64 cachedPromptTokens = 0;
    qint64 promptTokens = 0;

    /// Requests that asked for an output length (they all do when the prompt set is known).
    int requestsWithTarget = 0;
    /// Of those, the ones served fewer tokens than asked: the model stopped on its own.
    int requestsEndedEarly = 0;

    /// The server reported cached prompt tokens for at least one request.
    bool hasPromptCacheFigures() const { return !cachedTtftMs.isEmpty() || !uncachedTtftMs.isEmpty(); }
    /// Share of the reported requests' prompt tokens read from the cache, in [0, 1].
    double cachedTokenShare() const
    {
        return promptTokens > 0 ? double(cachedPromptTokens) / double(promptTokens) : 0.0;
    }

    /*!
     * The breakdown of \a records, whose request i sent \a prompts[i mod size] (LoadConfig's
     * prompt set; empty: no output targets are known, so none is counted as ended early).
     */
    static WorkloadBreakdown of(const QList<RequestRecord> &records, const QList<GenerationRequest> &prompts);

    /// The prompt tokens a request's server read from its cache: the usage's figure, else the
    /// timings' (llama.cpp's cache_n); nullopt when the server said nothing.
    static std::optional<qint64> cachedTokensOf(const RequestRecord &record);
    /// Whether \a record (sent as \a sent) ended before its max_tokens: false for warm-ups,
    /// failures and requests without a limit.
    static bool endedEarly(const RequestRecord &record, const GenerationRequest &sent);
};
