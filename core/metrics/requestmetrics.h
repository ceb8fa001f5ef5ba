#pragma once

#include "client/requesttrace.h"

#include <QList>
#include <QString>

#include <array>
#include <optional>

/// \brief The typical five latency phases, in their usual order.
enum class Phase { Network = 0, Prompt, Inference, Generation, Postprocess };
inline constexpr int PhaseCount = 5;

/// \brief Where a phase's figure comes from.
enum class PhaseSource {
    Measured, ///< read off the client's own timestamps
    ServerReported, ///< taken from timings the server reported
    Estimated, ///< a model's guess where the trace cannot tell (see README)
};

namespace Phases {
QList<Phase> all();
QString key(Phase phase); ///< "network", "prompt", "inference", "generation", "postprocess"
QString label(Phase phase); ///< translatable
QString sourceKey(PhaseSource source); ///< "measured", "server", "estimated"
QString sourceLabel(PhaseSource source);
} // namespace Phases

/// \brief A request's end-to-end latency split into the five phases (they add up exactly).
struct PhaseBreakdown
{
    std::array<double, PhaseCount> ms {};
    std::array<PhaseSource, PhaseCount> source {};

    double operator[](Phase p) const { return ms[size_t(p)]; }
    PhaseSource sourceOf(Phase p) const { return source[size_t(p)]; }
    double total() const;
};

/// \brief How the output token count was obtained.
enum class TokenCountSource {
    Usage, ///< the server's usage report
    ServerChunks, ///< per-chunk counts the server streamed
    Chunks, ///< counted: one token per content chunk
};
QString tokenCountSourceKey(TokenCountSource source);

/*!
 * \brief The figures of one request, a pure function of its trace (see computeMetrics).
 * Times in milliseconds from the request's start unless said otherwise.
 */
struct RequestMetrics
{
    bool ok = false;
    std::optional<double> ttftMs; ///< first token of any kind
    std::optional<double> ttfatMs; ///< first answer token (after reasoning)
    double e2eMs = 0;
    std::optional<double> e2eFromScheduleMs; ///< from the scheduled send time (load runs)
    std::optional<double> ttftFromScheduleMs;
    std::optional<double> clientWaitMs; ///< scheduled -> actual send (client-side queueing)
    /*!
     * The client's own time to get the request out: from when it was due (its scheduled time,
     * else its start) to its last byte handed to the OS, less any new connection's DNS, TCP and
     * TLS (the network's). In an open loop with a concurrency cap, the wait for a free slot
     * counts too. nullopt when the request was never written.
     */
    std::optional<double> dispatchDelayMs;
    QList<double> itlMs; ///< one value per output token after the first
    std::optional<double> tpotMs; ///< (last - first token) / (output tokens - 1)
    qint64 outputTokens = 0;
    TokenCountSource tokenSource = TokenCountSource::Chunks;
    std::optional<double> tokensPerSecond; ///< decode rate: 1000 / TPOT
    PhaseBreakdown phases;
};

/*!
 * \brief A request as of one moment, in flight or ended: what a live readout shows.
 *
 * Same definitions as RequestMetrics (times from the trace's start), so the figures a
 * request shows while it runs are the ones it ends with.
 */
struct LiveFigures
{
    double elapsedMs = 0; ///< start to now; E2E once the request ended
    std::optional<double> ttftMs; ///< RequestMetrics::ttftMs
    qint64 outputTokens = 0; ///< counted from the chunks; once ended, as RequestMetrics counts
    /// Output tokens per second since the first token (to the last token once ended); unset
    /// until that window is MinLiveRateWindowMs long, below which a rate is mostly noise.
    std::optional<double> tokensPerSecond;
    bool ended = false;
};

namespace Metrics {
inline constexpr double MinLiveRateWindowMs = 50.0;
/// Prefill is assumed this many times faster per token than decoding when no server timing
/// separates prompt processing from inference (documented in the README).
inline constexpr double EstimatedPrefillSpeedup = 10.0;

RequestMetrics compute(const RequestTrace &trace);
/// The figures of \a trace as of \a nowNs (Clock reading); a trace that ended ignores it.
LiveFigures live(const RequestTrace &trace, qint64 nowNs);
} // namespace Metrics
