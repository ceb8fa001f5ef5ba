// What is stored and exported of a run's server metrics: every present common series with its
// summary, the server's latency histograms over the window, unmapped names; and the four
// figures a sweep shows per level.
#include "servermetrics/servermetricsrecord.h"

#include <QTest>

#include <cmath>
#include <limits>

using Prometheus::Histogram;
using Prometheus::HistogramBucket;

namespace {

constexpr qint64 Ms = 1'000'000;
constexpr double Inf = std::numeric_limits<double>::infinity();

// One vLLM scrape: running, waiting, KV use, the generation counter and a TTFT histogram with
// bounds 0.1, 0.5 and +Inf seconds whose cumulative counts are \a ttft.
MappedScrape scrape(double running, double waiting, double kv, double generated, std::array<double, 3> ttft,
                    double ttftSum)
{
    MappedScrape m;
    m.kind = ServerKind::Vllm;
    m.values[size_t(ServerSeries::Running)] = running;
    m.values[size_t(ServerSeries::Waiting)] = waiting;
    m.values[size_t(ServerSeries::KvCacheUsage)] = kv;
    m.values[size_t(ServerSeries::GenerationTokensPerS)] = generated;
    Histogram h;
    h.buckets = { { 0.1, ttft[0] }, { 0.5, ttft[1] }, { Inf, ttft[2] } };
    h.count = ttft[2];
    h.sum = ttftSum;
    m.histograms[size_t(ServerHistogram::Ttft)] = h;
    m.unmappedFamilies = { QStringLiteral("vllm:lora_requests_info") };
    return m;
}

} // namespace

class TestServerMetricsRecord : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void recordOfARun()
    {
        ServerMetricsTimeline t;
        const qint64 origin = 10'000 * Ms;
        t.setOriginNs(origin);
        t.append(origin - 2 * Ms, scrape(0, 0, 0.0, 0, { 0, 0, 0 }, 0)); // just before the first request
        t.append(origin + 250 * Ms, scrape(4, 2, 0.25, 100, { 2, 4, 4 }, 0.6));
        t.append(origin + 500 * Ms, scrape(4, 0, 0.5, 300, { 2, 6, 6 }, 1.2));
        t.append(origin + 750 * Ms, scrape(0, 0, 0.0, 300, { 2, 6, 6 }, 1.2));

        const ServerMetricsRecord r = ServerMetricsRecord::fromTimeline(t);
        QCOMPARE(r.server, QStringLiteral("vllm"));
        QCOMPARE(r.scrapes, 4);
        QCOMPARE(r.failures, 0);
        QVERIFY(r.url.isEmpty()); // the scraper's to fill in
        QCOMPARE(r.series.keys(),
                 QStringList({ QStringLiteral("generation_tokens_per_s"), QStringLiteral("kv_cache_usage"),
                               QStringLiteral("running"), QStringLiteral("waiting") }));
        QCOMPARE(r.summary.keys(), r.series.keys());
        // On the run's axis: the scrape before the first request sits just below 0.
        const QList<ServerMetricsPoint> running = r.series.value(QStringLiteral("running"));
        QCOMPARE(running.size(), 4);
        QCOMPARE(running.constFirst().tMs, -2.0);
        QCOMPARE(running.at(1), (ServerMetricsPoint { 250, 4 }));
        QCOMPARE(r.summary.value(QStringLiteral("running")).max, 4.0);
        QCOMPARE(r.summary.value(QStringLiteral("waiting")).max, 2.0);
        QCOMPARE(r.summary.value(QStringLiteral("kv_cache_usage")).max, 0.5);
        // A counter's rate: 100 tokens in 252 ms, then 200 in 250 ms, then none.
        const ServerSeriesSummary generated = r.summary.value(QStringLiteral("generation_tokens_per_s"));
        QCOMPARE(generated.total, std::optional<double>(300.0));
        QCOMPARE(r.series.value(QStringLiteral("generation_tokens_per_s")).at(1),
                 (ServerMetricsPoint { 500, 800 }));

        // Six first tokens observed during the run: two within 0.1 s, four more within 0.5 s.
        QVERIFY(r.serverTtft.has_value());
        QCOMPARE(r.serverTtft->count, 6.0);
        QVERIFY(r.serverTtft->p50Ms.has_value() && *r.serverTtft->p50Ms > 100.0);
        QVERIFY(r.serverTtft->p99Ms.has_value() && *r.serverTtft->p99Ms > *r.serverTtft->p50Ms
                && *r.serverTtft->p99Ms <= 500.0);
        QVERIFY(r.serverTtft->meanMs.has_value() && std::abs(*r.serverTtft->meanMs - 200.0) < 1e-9);
        // Both percentiles fall in the (100, 500] ms bucket, and say so.
        QCOMPARE(r.serverTtft->p50BucketMs, (std::optional<std::pair<double, double>>({ 100.0, 500.0 })));
        QCOMPARE(r.serverTtft->p99BucketMs, (std::optional<std::pair<double, double>>({ 100.0, 500.0 })));
        QVERIFY(!r.serverItl.has_value()); // not exported by this server
        QVERIFY(!r.serverE2e.has_value());
        QCOMPARE(r.unmapped, QStringList { QStringLiteral("vllm:lora_requests_info") });
        QVERIFY(!r.isEmpty());
    }

    void windowKeepsItsScrapes()
    {
        ServerMetricsTimeline t;
        t.append(0, scrape(2, 0, 0.1, 0, { 0, 0, 0 }, 0));
        t.append(100 * Ms, scrape(2, 0, 0.1, 10, { 2, 2, 2 }, 0.1));
        t.append(200 * Ms, scrape(8, 4, 0.3, 20, { 2, 2, 2 }, 0.1));
        t.append(300 * Ms, scrape(8, 4, 0.4, 30, { 2, 4, 6 }, 1.5));

        const ServerMetricsWindow first { 0, 150 * Ms };
        const ServerMetricsWindow second { 200 * Ms, 300 * Ms };
        const ServerMetricsRecord r = ServerMetricsRecord::fromTimeline(t, first);
        QCOMPARE(r.scrapes, 2);
        QCOMPARE(r.summary.value(QStringLiteral("waiting")).max, 0.0);

        const ServerWindowSummary a = ServerWindowSummary::fromTimeline(t, first);
        QCOMPARE(a.scrapes, 2);
        QCOMPARE(a.runningMean, std::optional<double>(2.0));
        QCOMPARE(a.waitingMax, std::optional<double>(0.0));
        QCOMPARE(a.kvCacheMax, std::optional<double>(0.1));
        QVERIFY(a.ttftP99Ms.has_value() && *a.ttftP99Ms <= 100.0);

        const ServerWindowSummary b = ServerWindowSummary::fromTimeline(t, second);
        QCOMPARE(b.runningMean, std::optional<double>(8.0));
        QCOMPARE(b.waitingMax, std::optional<double>(4.0));
        QCOMPARE(b.kvCacheMax, std::optional<double>(0.4));
        // Only what the server observed inside the window: four first tokens above 0.1 s.
        QVERIFY(b.ttftP99Ms.has_value() && *b.ttftP99Ms > 100.0);
        QVERIFY(!b.isEmpty());
    }

    void nonFinitePointsAreLeftOut()
    {
        ServerMetricsTimeline t;
        MappedScrape nan;
        nan.kind = ServerKind::Sglang;
        nan.values[size_t(ServerSeries::KvCacheUsage)] = std::nan("");
        nan.values[size_t(ServerSeries::Running)] = 3;
        t.append(0, nan);
        const ServerMetricsRecord r = ServerMetricsRecord::fromTimeline(t);
        QCOMPARE(r.server, QStringLiteral("sglang"));
        QVERIFY(!r.series.contains(QStringLiteral("kv_cache_usage")));
        QCOMPARE(r.series.value(QStringLiteral("running")), QList<ServerMetricsPoint>({ { 0, 3 } }));
    }

    void emptyTimeline()
    {
        const ServerMetricsRecord r = ServerMetricsRecord::fromTimeline(ServerMetricsTimeline());
        QCOMPARE(r.server, QStringLiteral("unknown"));
        QCOMPARE(r.scrapes, 0);
        QVERIFY(r.series.isEmpty() && r.summary.isEmpty());
        QVERIFY(!r.serverTtft && !r.serverItl && !r.serverE2e);
        QVERIFY(r.isEmpty());
        QVERIFY(ServerWindowSummary::fromTimeline(ServerMetricsTimeline()).isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestServerMetricsRecord)
#include "tst_servermetricsrecord.moc"
