#pragma once

#include "prometheushistogram.h"
#include "servermetricsmapping.h"

#include <QHash>
#include <QList>
#include <QSet>
#include <QStringList>

#include <limits>
#include <optional>

/// \brief One point of a server series: milliseconds since the timeline's origin, and the value.
struct ServerMetricsPoint
{
    double tMs = 0;
    double value = 0;

    bool operator==(const ServerMetricsPoint &) const = default;
};

/*!
 * \brief What a series did over a window.
 *
 * The mean is time-weighted, never a plain average of scrapes (scrapes are not evenly spaced
 * when one is slow or fails):
 * - a gauge holds each value until the next scrape, so the mean is Σ value × time held over
 *   the span from the first to the last scrape (a single scrape is its own mean);
 * - a rate's mean is the counter's increase over the time those intervals cover (the same as
 *   weighting each interval's rate by its length);
 * - an increase (preemptions) has as mean the increase per scrape interval.
 */
struct ServerSeriesSummary
{
    int points = 0;
    double max = 0;
    double mean = 0;
    std::optional<double> total; ///< rates and increases: the counter's increase (resets handled)

    bool operator==(const ServerSeriesSummary &) const = default;
};

/// \brief A server latency histogram over a window, in milliseconds (see Prometheus::Histogram).
struct ServerHistogramSummary
{
    double count = 0; ///< observations in the window
    std::optional<double> meanMs;
    std::optional<double> p50Ms;
    std::optional<double> p90Ms;
    std::optional<double> p99Ms;
    /// The buckets p50 and p99 were estimated in, [lower, upper] ms (upper +Inf past the last
    /// finite bound): the server's true percentile lies somewhere in there.
    std::optional<std::pair<double, double>> p50BucketMs;
    std::optional<std::pair<double, double>> p99BucketMs;

    bool operator==(const ServerHistogramSummary &) const = default;
};

/// \brief The scrapes taken between two instants of the client's clock (inclusive).
struct ServerMetricsWindow
{
    qint64 fromNs = std::numeric_limits<qint64>::min();
    qint64 toNs = std::numeric_limits<qint64>::max();

    bool contains(qint64 ns) const { return ns >= fromNs && ns <= toNs; }
};

/*!
 * \brief The scrapes of one server during a run, and the common series they make.
 *
 * Each scrape is stamped on the client's monotonic clock (the one the run's traces use), so
 * server series share the run's time axis; points are in milliseconds from originNs() (the
 * run's start). Gauges come out as read; counters as rates between consecutive scrapes, a
 * counter that went down counted as restarted from zero (as Prometheus' rate() does). Latency
 * histograms are summed as deltas between consecutive scrapes, so a window shows only what the
 * server observed inside it, not everything since it started.
 *
 * Knows nothing of documents: core/format writes it.
 */
class ServerMetricsTimeline
{
public:
    /// Two hours of scrapes at the default 250 ms; older scrapes are dropped beyond it.
    static constexpr int DefaultMaxScrapes = 28'800;
    /// How many unmapped series (and unmapped family names) are kept by name.
    static constexpr int MaxOtherSeries = 1024;

    void setOriginNs(qint64 ns) { m_originNs = ns; }
    qint64 originNs() const { return m_originNs; }
    void setMaxScrapes(int max);
    int maxScrapes() const { return m_maxScrapes; }

    /// Adds a scrape taken at \a tNs. Scrapes may arrive out of order; they are kept sorted.
    void append(qint64 tNs, const Prometheus::ParseResult &parsed);
    void append(qint64 tNs, const MappedScrape &scrape);
    void clear();

    int scrapeCount() const { return int(m_scrapes.size()); }
    /// The scrapes taken inside \a window.
    int scrapeCount(const ServerMetricsWindow &window) const;
    bool isEmpty() const { return m_scrapes.isEmpty(); }
    /// Time of the first / last scrape; nullopt when empty.
    std::optional<qint64> firstNs() const;
    std::optional<qint64> lastNs() const;
    /// The server the latest scrapes came from (Unknown when no prefix was recognised).
    ServerKind serverKind() const;

    /// Series with at least one point in \a window, in ServerSeries order.
    QList<ServerSeries> presentSeries(const ServerMetricsWindow &window = {}) const;
    QList<ServerMetricsPoint> series(ServerSeries series, const ServerMetricsWindow &window = {}) const;
    std::optional<ServerSeriesSummary> summary(ServerSeries series,
                                               const ServerMetricsWindow &window = {}) const;

    /// Histograms with observations in \a window, in ServerHistogram order.
    QList<ServerHistogram> presentHistograms(const ServerMetricsWindow &window = {}) const;
    /// What the server observed between the first and the last scrape of \a window (two at least).
    std::optional<Prometheus::Histogram> histogram(ServerHistogram h,
                                                   const ServerMetricsWindow &window = {}) const;
    std::optional<ServerHistogramSummary> histogramSummary(ServerHistogram h,
                                                           const ServerMetricsWindow &window = {}) const;
    /// The server's own TTFT percentiles over \a window, in milliseconds.
    std::optional<double> serverTtftP50Ms(const ServerMetricsWindow &window = {}) const;
    std::optional<double> serverTtftP99Ms(const ServerMetricsWindow &window = {}) const;

    /// Every family no common name reads, in the order first seen (at most MaxOtherSeries).
    QStringList unmappedNames() const { return m_unmappedNames; }
    /// Unmapped counters, gauges and untyped samples kept as series (see OtherValue::name).
    QStringList otherSeriesNames() const { return m_otherNames; }
    /// An unmapped series: gauges as read, counters as rates per second.
    QList<ServerMetricsPoint> otherSeries(const QString &name, const ServerMetricsWindow &window = {}) const;
    std::optional<ServerSeriesSummary> otherSummary(const QString &name,
                                                    const ServerMetricsWindow &window = {}) const;

private:
    struct Scrape
    {
        qint64 tNs = 0;
        ServerKind kind = ServerKind::Unknown;
        std::array<std::optional<double>, ServerSeriesCount> values {};
        std::array<std::optional<Prometheus::Histogram>, ServerHistogramCount> histograms {};
        QList<std::pair<int, double>> other; ///< index into m_otherNames, value
    };
    struct Reading
    {
        qint64 tNs;
        double value;
    };

    QList<Reading> readings(ServerSeries series, const ServerMetricsWindow &window) const;
    QList<Reading> otherReadings(int index, const ServerMetricsWindow &window) const;
    QList<ServerMetricsPoint> pointsOf(const QList<Reading> &readings, SeriesKind kind) const;
    static std::optional<ServerSeriesSummary> summaryOf(const QList<Reading> &readings, SeriesKind kind);

    QList<Scrape> m_scrapes; ///< sorted by tNs
    qint64 m_originNs = 0;
    int m_maxScrapes = DefaultMaxScrapes;
    QStringList m_otherNames;
    QList<bool> m_otherIsCounter;
    QHash<QString, int> m_otherIndex;
    QStringList m_unmappedNames;
    QSet<QString> m_unmappedSeen;
};
