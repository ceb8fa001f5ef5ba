#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QList>
#include <QtGlobal>

// The simulator's own types live in Sim:: so that none can collide with the client's
// (a GenerationRequest or ServerTimings here is not the one in core/protocol).
namespace Sim {

/// The Content-Type of the Prometheus text exposition format, version 0.0.4.
inline constexpr char PrometheusContentType[] = "text/plain; version=0.0.4; charset=utf-8";

/*!
 * \brief A Prometheus histogram with fixed upper bounds, as the endpoint keeps it.
 *
 * Counts are kept per bucket and made cumulative only when written, so an observation costs
 * one binary search. A value equal to a bound falls into that bound's bucket ("le").
 */
class MetricHistogram
{
public:
    explicit MetricHistogram(QList<double> upperBounds);

    void observe(double value);
    const QList<double> &upperBounds() const { return m_bounds; }
    /// Observations ≤ upperBounds()[i] (cumulative, as exposed); i == size() is +Inf.
    qint64 cumulativeCount(qsizetype i) const;
    qint64 count() const { return m_count; }
    double sum() const { return m_sum; }

private:
    QList<double> m_bounds;
    QList<qint64> m_perBucket; ///< one per bound, plus the overflow bucket
    qint64 m_count = 0;
    double m_sum = 0;
};

/// \brief What the endpoint's engine has done since it started: counters and histograms.
struct EngineCounters
{
    EngineCounters();

    qint64 promptTokens = 0; ///< prompt tokens of every prefill that completed, cached ones included
    qint64 promptTokensCached = 0; ///< of those, served from the prefix cache
    qint64 prefixCacheQueries = 0; ///< prompt tokens looked up in the prefix cache
    qint64 prefixCacheHits = 0; ///< of those, found in it
    qint64 successStop = 0; ///< requests completed that stopped by themselves ("stop")
    qint64 successLength = 0; ///< requests completed at their max_tokens ("length")
    qint64 preemptions = 0; ///< always 0: the simulated engine never preempts
    MetricHistogram timeToFirstToken; ///< seconds, arrival at the engine to first token
    MetricHistogram timePerOutputToken; ///< seconds, one observation per inter-token interval
    MetricHistogram e2eLatency; ///< seconds, arrival at the engine to the response's end
    MetricHistogram queueTime; ///< seconds, arrival at the engine to admission
};

/// \brief The engine's state at the moment of a scrape.
struct EngineGauges
{
    int running = 0; ///< requests admitted: in prefill, first step or decoding
    int waiting = 0; ///< requests queued for a slot
    qint64 kvTokens = 0; ///< tokens held in the simulated KV cache by the running requests
    qint64 kvCapacityTokens = 0; ///< the simulated KV cache's size
    qint64 generationTokens = 0; ///< output tokens produced so far
};

/*!
 * \brief The endpoint's /metrics body: the Prometheus text format (0.0.4) under vLLM's metric
 * names, each with # HELP and # TYPE and a model_name label of \a modelName.
 *
 * Written here from the endpoint's own state; the client's reading of the format is
 * elsewhere and shares no code with this.
 */
QByteArray vllmMetricsText(const EngineCounters &counters, const EngineGauges &gauges,
                           QByteArrayView modelName);

/// A sample value as the format writes it: shortest round-trip form, "1.0" for whole
/// numbers, "+Inf"/"-Inf"/"NaN".
QByteArray prometheusNumber(double value);

} // namespace Sim
