#include "servermetricsrecord.h"

#include <cmath>

ServerMetricsRecord ServerMetricsRecord::fromTimeline(const ServerMetricsTimeline &timeline,
                                                      const ServerMetricsWindow &window)
{
    ServerMetricsRecord record;
    record.server = ServerMetrics::kindName(timeline.serverKind());
    record.scrapes = timeline.scrapeCount(window);
    for (const ServerSeries s : timeline.presentSeries(window)) {
        QList<ServerMetricsPoint> points = timeline.series(s, window);
        // JSON has no NaN or infinity: a server that reports one has said nothing at that instant.
        points.removeIf(
            [](const ServerMetricsPoint &p) { return !std::isfinite(p.value) || !std::isfinite(p.tMs); });
        const std::optional<ServerSeriesSummary> summary = timeline.summary(s, window);
        if (points.isEmpty() || !summary)
            continue;
        const QString name = ServerMetrics::name(s);
        record.series.insert(name, std::move(points));
        record.summary.insert(name, *summary);
    }
    record.serverTtft = timeline.histogramSummary(ServerHistogram::Ttft, window);
    record.serverItl = timeline.histogramSummary(ServerHistogram::Itl, window);
    record.serverE2e = timeline.histogramSummary(ServerHistogram::E2e, window);
    record.unmapped = timeline.unmappedNames();
    return record;
}

ServerWindowSummary ServerWindowSummary::fromTimeline(const ServerMetricsTimeline &timeline,
                                                      const ServerMetricsWindow &window)
{
    const auto finite = [](std::optional<double> v) -> std::optional<double> {
        return v && std::isfinite(*v) ? v : std::nullopt;
    };
    ServerWindowSummary summary;
    summary.scrapes = timeline.scrapeCount(window);
    if (const auto running = timeline.summary(ServerSeries::Running, window))
        summary.runningMean = finite(running->mean);
    if (const auto waiting = timeline.summary(ServerSeries::Waiting, window))
        summary.waitingMax = finite(waiting->max);
    if (const auto kv = timeline.summary(ServerSeries::KvCacheUsage, window))
        summary.kvCacheMax = finite(kv->max);
    summary.ttftP99Ms = finite(timeline.serverTtftP99Ms(window));
    return summary;
}
