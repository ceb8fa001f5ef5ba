#include "servermetricstimeline.h"

#include <algorithm>
#include <cmath>

namespace {

constexpr double NsPerSecond = 1e9;

} // namespace

void ServerMetricsTimeline::setMaxScrapes(int max)
{
    m_maxScrapes = qMax(2, max);
    while (m_scrapes.size() > m_maxScrapes)
        m_scrapes.removeFirst();
}

void ServerMetricsTimeline::append(qint64 tNs, const Prometheus::ParseResult &parsed)
{
    append(tNs, ServerMetrics::map(parsed));
}

void ServerMetricsTimeline::append(qint64 tNs, const MappedScrape &mapped)
{
    Scrape scrape;
    scrape.tNs = tNs;
    scrape.kind = mapped.kind;
    scrape.values = mapped.values;
    scrape.histograms = mapped.histograms;
    scrape.other.reserve(mapped.other.size());
    for (const OtherValue &v : mapped.other) {
        auto it = m_otherIndex.constFind(v.name);
        if (it == m_otherIndex.cend()) {
            if (m_otherNames.size() >= MaxOtherSeries)
                continue;
            it = m_otherIndex.insert(v.name, int(m_otherNames.size()));
            m_otherNames.append(v.name);
            m_otherIsCounter.append(v.counter);
        }
        scrape.other.append({ *it, v.value });
    }
    for (const QString &name : mapped.unmappedFamilies) {
        if (m_unmappedNames.size() >= MaxOtherSeries)
            break;
        if (!m_unmappedSeen.contains(name)) {
            m_unmappedSeen.insert(name);
            m_unmappedNames.append(name);
        }
    }

    // Scrapes come in order; one that does not (a clock set by hand) still lands in its place.
    if (m_scrapes.isEmpty() || m_scrapes.back().tNs <= tNs) {
        m_scrapes.append(std::move(scrape));
    } else {
        const auto at = std::upper_bound(m_scrapes.cbegin(), m_scrapes.cend(), tNs,
                                         [](qint64 t, const Scrape &s) { return t < s.tNs; });
        m_scrapes.insert(at - m_scrapes.cbegin(), std::move(scrape));
    }
    while (m_scrapes.size() > m_maxScrapes)
        m_scrapes.removeFirst();
}

void ServerMetricsTimeline::clear()
{
    m_scrapes.clear();
    m_otherNames.clear();
    m_otherIsCounter.clear();
    m_otherIndex.clear();
    m_unmappedNames.clear();
    m_unmappedSeen.clear();
}

int ServerMetricsTimeline::scrapeCount(const ServerMetricsWindow &window) const
{
    return int(std::count_if(m_scrapes.cbegin(), m_scrapes.cend(),
                             [&window](const Scrape &s) { return window.contains(s.tNs); }));
}

std::optional<qint64> ServerMetricsTimeline::firstNs() const
{
    if (m_scrapes.isEmpty())
        return std::nullopt;
    return m_scrapes.front().tNs;
}

std::optional<qint64> ServerMetricsTimeline::lastNs() const
{
    if (m_scrapes.isEmpty())
        return std::nullopt;
    return m_scrapes.back().tNs;
}

ServerKind ServerMetricsTimeline::serverKind() const
{
    for (auto it = m_scrapes.crbegin(); it != m_scrapes.crend(); ++it) {
        if (it->kind != ServerKind::Unknown)
            return it->kind;
    }
    return ServerKind::Unknown;
}

QList<ServerMetricsTimeline::Reading> ServerMetricsTimeline::readings(ServerSeries series,
                                                                      const ServerMetricsWindow &window) const
{
    QList<Reading> out;
    for (const Scrape &s : m_scrapes) {
        const std::optional<double> &v = s.values[size_t(series)];
        if (v && window.contains(s.tNs))
            out.append(Reading { s.tNs, *v });
    }
    return out;
}

QList<ServerMetricsTimeline::Reading>
ServerMetricsTimeline::otherReadings(int index, const ServerMetricsWindow &window) const
{
    QList<Reading> out;
    for (const Scrape &s : m_scrapes) {
        if (!window.contains(s.tNs))
            continue;
        for (const auto &[i, value] : s.other) {
            if (i == index && std::isfinite(value)) {
                out.append(Reading { s.tNs, value });
                break;
            }
        }
    }
    return out;
}

QList<ServerMetricsPoint> ServerMetricsTimeline::pointsOf(const QList<Reading> &readings,
                                                          SeriesKind kind) const
{
    QList<ServerMetricsPoint> points;
    const auto ms = [this](qint64 tNs) {
        return double(tNs - m_originNs) / 1e6;
    };
    if (kind == SeriesKind::Gauge) {
        points.reserve(readings.size());
        for (const Reading &r : readings)
            points.append(ServerMetricsPoint { ms(r.tNs), r.value });
        return points;
    }
    for (qsizetype i = 1; i < readings.size(); ++i) {
        const qint64 dtNs = readings[i].tNs - readings[i - 1].tNs;
        if (dtNs <= 0)
            continue; // two scrapes stamped at once: no interval to divide by
        double delta = readings[i].value - readings[i - 1].value;
        if (delta < 0)
            delta = readings[i].value; // the counter restarted from zero
        if (!std::isfinite(delta))
            continue;
        const double value = kind == SeriesKind::Rate ? delta / (double(dtNs) / NsPerSecond) : delta;
        points.append(ServerMetricsPoint { ms(readings[i].tNs), value });
    }
    return points;
}

std::optional<ServerSeriesSummary> ServerMetricsTimeline::summaryOf(const QList<Reading> &readings,
                                                                    SeriesKind kind)
{
    if (readings.isEmpty())
        return std::nullopt;
    ServerSeriesSummary summary;
    if (kind == SeriesKind::Gauge) {
        summary.points = int(readings.size());
        summary.max = readings.front().value;
        const double span = double(readings.back().tNs - readings.front().tNs);
        double weighted = 0; // Σ value × its share of the span
        double plain = 0;
        for (qsizetype i = 0; i < readings.size(); ++i) {
            summary.max = qMax(summary.max, readings[i].value);
            plain += readings[i].value;
            if (i + 1 < readings.size() && span > 0)
                weighted += readings[i].value * (double(readings[i + 1].tNs - readings[i].tNs) / span);
        }
        summary.mean = span > 0 ? weighted : plain / double(readings.size());
        return summary;
    }

    double total = 0;
    double coveredNs = 0;
    int intervals = 0;
    for (qsizetype i = 1; i < readings.size(); ++i) {
        const qint64 dtNs = readings[i].tNs - readings[i - 1].tNs;
        if (dtNs <= 0)
            continue;
        double delta = readings[i].value - readings[i - 1].value;
        if (delta < 0)
            delta = readings[i].value;
        if (!std::isfinite(delta))
            continue;
        const double value = kind == SeriesKind::Rate ? delta / (double(dtNs) / NsPerSecond) : delta;
        summary.max = intervals == 0 ? value : qMax(summary.max, value);
        total += delta;
        coveredNs += double(dtNs);
        ++intervals;
    }
    if (intervals == 0)
        return std::nullopt;
    summary.points = intervals;
    summary.total = total;
    summary.mean = kind == SeriesKind::Rate ? total / (coveredNs / NsPerSecond) : total / intervals;
    return summary;
}

QList<ServerSeries> ServerMetricsTimeline::presentSeries(const ServerMetricsWindow &window) const
{
    QList<ServerSeries> present;
    for (const ServerSeries s : ServerMetrics::allSeries()) {
        if (!series(s, window).isEmpty())
            present.append(s);
    }
    return present;
}

QList<ServerMetricsPoint> ServerMetricsTimeline::series(ServerSeries series,
                                                        const ServerMetricsWindow &window) const
{
    return pointsOf(readings(series, window), ServerMetrics::kind(series));
}

std::optional<ServerSeriesSummary> ServerMetricsTimeline::summary(ServerSeries series,
                                                                  const ServerMetricsWindow &window) const
{
    return summaryOf(readings(series, window), ServerMetrics::kind(series));
}

QList<ServerHistogram> ServerMetricsTimeline::presentHistograms(const ServerMetricsWindow &window) const
{
    QList<ServerHistogram> present;
    for (const ServerHistogram h : ServerMetrics::allHistograms()) {
        const std::optional<Prometheus::Histogram> windowed = histogram(h, window);
        if (windowed && !windowed->isEmpty())
            present.append(h);
    }
    return present;
}

std::optional<Prometheus::Histogram> ServerMetricsTimeline::histogram(ServerHistogram h,
                                                                      const ServerMetricsWindow &window) const
{
    // Pairwise deltas, so a restart in the middle of the window loses nothing after it.
    const Prometheus::Histogram *previous = nullptr;
    std::optional<Prometheus::Histogram> total;
    for (const Scrape &s : m_scrapes) {
        const std::optional<Prometheus::Histogram> &current = s.histograms[size_t(h)];
        if (!current || !window.contains(s.tNs))
            continue;
        if (previous) {
            const Prometheus::Histogram delta = current->since(*previous);
            if (!total) {
                total = delta;
            } else if (std::optional<Prometheus::Histogram> sum = total->plus(delta)) {
                total = std::move(*sum);
            } else {
                total = delta; // the bucket layout changed: count from the new layout on
            }
        }
        previous = &*current;
    }
    return total;
}

std::optional<ServerHistogramSummary>
ServerMetricsTimeline::histogramSummary(ServerHistogram h, const ServerMetricsWindow &window) const
{
    const std::optional<Prometheus::Histogram> windowed = histogram(h, window);
    if (!windowed)
        return std::nullopt;
    const auto toMs = [](std::optional<double> seconds) -> std::optional<double> {
        if (!seconds || !std::isfinite(*seconds))
            return std::nullopt;
        return *seconds * 1000.0;
    };
    ServerHistogramSummary summary;
    summary.count = windowed->count;
    summary.meanMs = toMs(windowed->mean());
    summary.p50Ms = toMs(windowed->quantile(0.50));
    summary.p90Ms = toMs(windowed->quantile(0.90));
    summary.p99Ms = toMs(windowed->quantile(0.99));
    const auto bucketMs = [&windowed](double q) -> std::optional<std::pair<double, double>> {
        const std::optional<std::pair<double, double>> b = windowed->quantileBucket(q);
        if (!b)
            return std::nullopt;
        return std::pair { b->first * 1000.0, b->second * 1000.0 };
    };
    summary.p50BucketMs = bucketMs(0.50);
    summary.p99BucketMs = bucketMs(0.99);
    return summary;
}

std::optional<double> ServerMetricsTimeline::serverTtftP50Ms(const ServerMetricsWindow &window) const
{
    const std::optional<ServerHistogramSummary> s = histogramSummary(ServerHistogram::Ttft, window);
    return s ? s->p50Ms : std::nullopt;
}

std::optional<double> ServerMetricsTimeline::serverTtftP99Ms(const ServerMetricsWindow &window) const
{
    const std::optional<ServerHistogramSummary> s = histogramSummary(ServerHistogram::Ttft, window);
    return s ? s->p99Ms : std::nullopt;
}

QList<ServerMetricsPoint> ServerMetricsTimeline::otherSeries(const QString &name,
                                                             const ServerMetricsWindow &window) const
{
    const auto it = m_otherIndex.constFind(name);
    if (it == m_otherIndex.cend())
        return {};
    return pointsOf(otherReadings(*it, window), m_otherIsCounter[*it] ? SeriesKind::Rate : SeriesKind::Gauge);
}

std::optional<ServerSeriesSummary>
ServerMetricsTimeline::otherSummary(const QString &name, const ServerMetricsWindow &window) const
{
    const auto it = m_otherIndex.constFind(name);
    if (it == m_otherIndex.cend())
        return std::nullopt;
    return summaryOf(otherReadings(*it, window),
                     m_otherIsCounter[*it] ? SeriesKind::Rate : SeriesKind::Gauge);
}
