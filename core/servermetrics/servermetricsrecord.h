#pragma once

#include "servermetricstimeline.h"

#include <QMap>
#include <QString>
#include <QStringList>

#include <optional>

/*!
 * \brief What the server said during one run (or one sweep level), as it is stored and
 * exported: each common series as points on the run's time axis, and its summary.
 *
 * Built from a ServerMetricsTimeline once the run ends; written by core/format as the run
 * JSON's top-level "server_metrics" object and kept with the run in the history. Times are
 * milliseconds from the run's start (the timeline's origin), the same axis as the run's own
 * throughput-over-time.
 */
struct ServerMetricsRecord
{
    QString server; ///< ServerMetrics::kindName: "vllm", "sglang", "tgi", "llamacpp", "unknown"
    QString url; ///< the /metrics address scraped
    double intervalMs = 250; ///< the scrape interval asked for
    int scrapes = 0; ///< scrapes that parsed
    int failures = 0; ///< scrapes that failed (timeouts, HTTP errors, not Prometheus text)
    QString lastError; ///< the last failure's message, empty when none failed
    /// Common names (running, waiting, kv_cache_usage, prompt_tokens_per_s, ...) → points.
    QMap<QString, QList<ServerMetricsPoint>> series;
    /// Common names → max and (time-weighted) mean over the window.
    QMap<QString, ServerSeriesSummary> summary;
    /// The server's own latency histograms over the window, where it exports them.
    std::optional<ServerHistogramSummary> serverTtft;
    std::optional<ServerHistogramSummary> serverItl;
    std::optional<ServerHistogramSummary> serverE2e;
    QStringList unmapped; ///< the server's series no common name covers, by their own names

    bool isEmpty() const { return scrapes == 0 && failures == 0; }
    bool operator==(const ServerMetricsRecord &) const = default;

    /*!
     * The record of \a timeline over \a window (every scrape by default): each present common
     * series (non-finite values left out) with its summary, the server's TTFT/ITL/E2E histograms,
     * the unmapped family names and the server's kind. \c scrapes counts the scrapes inside the
     * window; url, interval, failures and last error are the scraper's to fill in.
     */
    static ServerMetricsRecord fromTimeline(const ServerMetricsTimeline &timeline,
                                            const ServerMetricsWindow &window = {});
};

/*!
 * \brief The four figures of a window of the server's timeline that a sweep shows per level:
 * mean running batch, longest queue, fullest KV cache and the server's own TTFT p99.
 *
 * Each is missing when the server does not export it or the window holds too few scrapes
 * (the TTFT p99 needs two scrapes inside the window).
 */
struct ServerWindowSummary
{
    std::optional<double> runningMean; ///< time-weighted mean of "running"
    std::optional<double> waitingMax; ///< max of "waiting"
    std::optional<double> kvCacheMax; ///< max of "kv_cache_usage", 0..1
    std::optional<double> ttftP99Ms; ///< the server's TTFT p99 over the window, ms
    int scrapes = 0; ///< scrapes inside the window

    bool isEmpty() const { return !runningMean && !waitingMax && !kvCacheMax && !ttftP99Ms; }
    bool operator==(const ServerWindowSummary &) const = default;

    static ServerWindowSummary fromTimeline(const ServerMetricsTimeline &timeline,
                                            const ServerMetricsWindow &window = {});
};
