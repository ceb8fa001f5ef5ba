// The server's series on the run's time axis: gauges as read, counters as rates (restarts
// handled), time-weighted means, and latency percentiles from histogram deltas over a window.
#include "servermetrics/servermetricstimeline.h"

#include <QFile>
#include <QTest>

#include <cmath>

using Prometheus::Histogram;
using Prometheus::HistogramBucket;

namespace {

constexpr qint64 Ms = 1'000'000;
constexpr qint64 S = 1'000'000'000;
constexpr double Inf = std::numeric_limits<double>::infinity();

MappedScrape with(std::initializer_list<std::pair<ServerSeries, double>> values)
{
    MappedScrape m;
    m.kind = ServerKind::Vllm;
    for (const auto &[series, value] : values)
        m.values[size_t(series)] = value;
    return m;
}

// A TTFT histogram with bounds 0.05, 0.1, 0.25 and +Inf (seconds).
MappedScrape ttft(std::initializer_list<double> cumulative, double sum)
{
    MappedScrape m;
    m.kind = ServerKind::Vllm;
    Histogram h;
    const double bounds[] = { 0.05, 0.1, 0.25, Inf };
    int i = 0;
    for (const double c : cumulative)
        h.buckets.append(HistogramBucket { bounds[i++], c });
    h.count = h.buckets.back().cumulativeCount;
    h.sum = sum;
    m.histograms[size_t(ServerHistogram::Ttft)] = h;
    return m;
}

QByteArray readFile(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        qFatal("cannot open %s", qPrintable(path));
    return file.readAll();
}

bool near(double a, double b)
{
    return std::abs(a - b) <= 1e-9 * qMax(1.0, std::abs(b));
}

} // namespace

// Readable failures for QCOMPARE on lists of points.
char *toString(const ServerMetricsPoint &p)
{
    return QTest::toString(QStringLiteral("{%1 ms, %2}").arg(p.tMs).arg(p.value, 0, 'g', 17));
}

using Points = QList<ServerMetricsPoint>;

class TestServerMetricsTimeline : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void gaugesOnTheRunAxis();
    void countersBecomeRates();
    void counterRestart();
    void preemptionsAreIncreases();
    void missingValuesAreSkipped();
    void scrapesAtTheSameInstant();
    void windowSelectsScrapes();
    void histogramWindowPercentiles();
    void histogramRestartInTheMiddle();
    void llamaCppScrapes();
    void maxScrapesDropsTheOldest();
    void outOfOrderScrapes();
    void empty();
};

void TestServerMetricsTimeline::gaugesOnTheRunAxis()
{
    ServerMetricsTimeline t;
    const qint64 start = 5 * S; // the run started 5 s into the clock
    t.setOriginNs(start);
    t.append(start, with({ { ServerSeries::Running, 2 } }));
    t.append(start + 250 * Ms, with({ { ServerSeries::Running, 4 } }));
    t.append(start + 500 * Ms, with({ { ServerSeries::Running, 4 } }));
    t.append(start + 1000 * Ms, with({ { ServerSeries::Running, 0 } }));

    QCOMPARE(t.series(ServerSeries::Running), Points({ { 0, 2 }, { 250, 4 }, { 500, 4 }, { 1000, 0 } }));
    const std::optional<ServerSeriesSummary> s = t.summary(ServerSeries::Running);
    QVERIFY(s.has_value());
    QCOMPARE(s->points, 4);
    QCOMPARE(s->max, 4.0);
    // 2 for 250 ms, 4 for 750 ms: 3.5 (the plain mean of the scrapes would be 2.5).
    QCOMPARE(s->mean, 3.5);
    QVERIFY(!s->total.has_value());
    QCOMPARE(t.presentSeries(), QList<ServerSeries>({ ServerSeries::Running }));
    QCOMPARE(t.serverKind(), ServerKind::Vllm);
    QCOMPARE(t.firstNs(), std::optional<qint64>(start));
    QCOMPARE(t.lastNs(), std::optional<qint64>(start + S));

    // One scrape is its own mean.
    ServerMetricsTimeline one;
    one.append(0, with({ { ServerSeries::Waiting, 7 } }));
    QCOMPARE(one.summary(ServerSeries::Waiting)->mean, 7.0);
}

void TestServerMetricsTimeline::countersBecomeRates()
{
    ServerMetricsTimeline t;
    t.append(0, with({ { ServerSeries::GenerationTokensPerS, 100 } }));
    t.append(500 * Ms, with({ { ServerSeries::GenerationTokensPerS, 150 } })); // 50 tokens in 0.5 s
    t.append(1500 * Ms, with({ { ServerSeries::GenerationTokensPerS, 350 } })); // 200 tokens in 1 s

    QCOMPARE(t.series(ServerSeries::GenerationTokensPerS), Points({ { 500, 100 }, { 1500, 200 } }));
    const ServerSeriesSummary s = *t.summary(ServerSeries::GenerationTokensPerS);
    QCOMPARE(s.points, 2);
    QCOMPARE(s.max, 200.0);
    QCOMPARE(s.total, std::optional<double>(250.0));
    // 250 tokens in 1.5 s, the same as 100/s for 0.5 s and 200/s for 1 s.
    QVERIFY(near(s.mean, 250.0 / 1.5));

    // A single scrape of a counter has no rate yet.
    ServerMetricsTimeline one;
    one.append(0, with({ { ServerSeries::PromptTokensPerS, 10 } }));
    QVERIFY(one.series(ServerSeries::PromptTokensPerS).isEmpty());
    QVERIFY(!one.summary(ServerSeries::PromptTokensPerS));
    QVERIFY(one.presentSeries().isEmpty());
}

void TestServerMetricsTimeline::counterRestart()
{
    // The server restarted between 1 s and 2 s: its counter began again from zero.
    ServerMetricsTimeline t;
    t.append(0, with({ { ServerSeries::PromptTokensPerS, 100 } }));
    t.append(1 * S, with({ { ServerSeries::PromptTokensPerS, 160 } }));
    t.append(2 * S, with({ { ServerSeries::PromptTokensPerS, 20 } }));
    t.append(3 * S, with({ { ServerSeries::PromptTokensPerS, 50 } }));

    QCOMPARE(t.series(ServerSeries::PromptTokensPerS), Points({ { 1000, 60 }, { 2000, 20 }, { 3000, 30 } }));
    const ServerSeriesSummary s = *t.summary(ServerSeries::PromptTokensPerS);
    QCOMPARE(s.total, std::optional<double>(110.0));
    QCOMPARE(s.max, 60.0);
    QVERIFY(near(s.mean, 110.0 / 3.0));
    for (const ServerMetricsPoint &p : t.series(ServerSeries::PromptTokensPerS))
        QVERIFY(p.value >= 0);
}

void TestServerMetricsTimeline::preemptionsAreIncreases()
{
    ServerMetricsTimeline t;
    t.append(0, with({ { ServerSeries::Preemptions, 0 } }));
    t.append(1 * S, with({ { ServerSeries::Preemptions, 2 } }));
    t.append(2 * S, with({ { ServerSeries::Preemptions, 2 } }));
    t.append(4 * S, with({ { ServerSeries::Preemptions, 5 } }));

    // Counts per interval, not per second.
    QCOMPARE(t.series(ServerSeries::Preemptions), Points({ { 1000, 2 }, { 2000, 0 }, { 4000, 3 } }));
    const ServerSeriesSummary s = *t.summary(ServerSeries::Preemptions);
    QCOMPARE(s.total, std::optional<double>(5.0));
    QCOMPARE(s.max, 3.0);
    QVERIFY(near(s.mean, 5.0 / 3.0));
}

void TestServerMetricsTimeline::missingValuesAreSkipped()
{
    // The second scrape lacks the counter (an engine restarting, a partial exposition): the rate
    // spans the two scrapes that have it.
    ServerMetricsTimeline t;
    t.append(0, with({ { ServerSeries::GenerationTokensPerS, 0 }, { ServerSeries::Running, 1 } }));
    t.append(1 * S, with({ { ServerSeries::Running, 2 } }));
    t.append(2 * S, with({ { ServerSeries::GenerationTokensPerS, 400 }, { ServerSeries::Running, 3 } }));
    QCOMPARE(t.series(ServerSeries::GenerationTokensPerS), Points({ { 2000, 200 } }));
    QCOMPARE(t.series(ServerSeries::Running).size(), 3);
    QCOMPARE(t.presentSeries(),
             QList<ServerSeries>({ ServerSeries::Running, ServerSeries::GenerationTokensPerS }));
}

void TestServerMetricsTimeline::scrapesAtTheSameInstant()
{
    ServerMetricsTimeline t;
    t.append(0, with({ { ServerSeries::GenerationTokensPerS, 0 } }));
    t.append(0, with({ { ServerSeries::GenerationTokensPerS, 5 } }));
    t.append(1 * S, with({ { ServerSeries::GenerationTokensPerS, 15 } }));
    const Points points = t.series(ServerSeries::GenerationTokensPerS);
    QCOMPARE(points, Points({ { 1000, 10 } }));
    for (const ServerMetricsPoint &p : points)
        QVERIFY(std::isfinite(p.value));
}

void TestServerMetricsTimeline::windowSelectsScrapes()
{
    ServerMetricsTimeline t;
    for (int i = 0; i <= 4; ++i)
        t.append(i * S,
                 with({ { ServerSeries::Waiting, double(i * i) },
                        { ServerSeries::GenerationTokensPerS, i * 100.0 } }));
    const ServerMetricsWindow level { 1 * S, 3 * S };
    QCOMPARE(t.series(ServerSeries::Waiting, level), Points({ { 1000, 1 }, { 2000, 4 }, { 3000, 9 } }));
    QCOMPARE(t.summary(ServerSeries::Waiting, level)->max, 9.0);
    QCOMPARE(t.summary(ServerSeries::Waiting, level)->mean, 2.5); // 1 for 1 s, 4 for 1 s
    // Rates inside the window only: the interval from 0 s to 1 s is not in it.
    QCOMPARE(t.series(ServerSeries::GenerationTokensPerS, level), Points({ { 2000, 100 }, { 3000, 100 } }));
    QCOMPARE(t.summary(ServerSeries::GenerationTokensPerS, level)->total, std::optional<double>(200.0));
    QVERIFY(t.series(ServerSeries::Waiting, ServerMetricsWindow { 10 * S, 20 * S }).isEmpty());
}

void TestServerMetricsTimeline::histogramWindowPercentiles()
{
    // The server had already answered 12 requests before the run; 4 more came during it.
    ServerMetricsTimeline t;
    t.append(0, ttft({ 10, 12, 12, 12 }, 0.5));
    t.append(1 * S, ttft({ 10, 13, 14, 14 }, 0.8));
    t.append(2 * S, ttft({ 10, 13, 15, 16 }, 1.3));

    const std::optional<Histogram> run = t.histogram(ServerHistogram::Ttft);
    QVERIFY(run.has_value());
    QCOMPARE(run->count, 4.0);
    const ServerHistogramSummary s = *t.histogramSummary(ServerHistogram::Ttft);
    QCOMPARE(s.count, 4.0);
    QVERIFY(near(*s.meanMs, 200)); // 0.8 s over 4 requests
    // Buckets 0, 1, 3, 4: p50 (rank 2) in (0.1, 0.25]: 100 + 150 × 1/2 ms; p99 in +Inf: 250 ms.
    QVERIFY(near(*s.p50Ms, 175));
    QVERIFY(near(*s.p99Ms, 250));
    QVERIFY(near(*t.serverTtftP50Ms(), 175));
    QVERIFY(near(*t.serverTtftP99Ms(), 250));
    QCOMPARE(t.presentHistograms(), QList<ServerHistogram>({ ServerHistogram::Ttft }));

    // The second half alone: 2 requests, one in (0.1, 0.25] and one above.
    const ServerMetricsWindow secondHalf { 1 * S, 2 * S };
    QCOMPARE(t.histogram(ServerHistogram::Ttft, secondHalf)->count, 2.0);
    QVERIFY(near(*t.serverTtftP50Ms(secondHalf), 250));

    // One scrape is no window.
    QVERIFY(!t.histogram(ServerHistogram::Ttft, ServerMetricsWindow { 0, 0 }));
    QVERIFY(!t.serverTtftP50Ms(ServerMetricsWindow { 0, 0 }));
    QVERIFY(!t.histogram(ServerHistogram::Itl));
}

void TestServerMetricsTimeline::histogramRestartInTheMiddle()
{
    ServerMetricsTimeline t;
    t.append(0, ttft({ 10, 12, 12, 12 }, 0.5));
    t.append(1 * S, ttft({ 1, 1, 1, 1 }, 0.01)); // restarted: one fast request since
    t.append(2 * S, ttft({ 1, 2, 2, 3 }, 0.5));
    const std::optional<Histogram> h = t.histogram(ServerHistogram::Ttft);
    QVERIFY(h.has_value());
    QCOMPARE(h->count, 3.0);
    QCOMPARE(h->buckets.front().cumulativeCount, 1.0);
    QVERIFY(near(h->sum, 0.5));
}

void TestServerMetricsTimeline::llamaCppScrapes()
{
    // The real capture, then the same server 0.5 s later with 100 more tokens generated.
    const QByteArray first
        = readFile(QStringLiteral(TOKENSCOPE_SHARED_FIXTURES "/llamacpp-0253fb21/metrics.body"));
    QByteArray second = first;
    second.replace("llamacpp:tokens_predicted_total 56", "llamacpp:tokens_predicted_total 156");
    second.replace("llamacpp:prompt_seconds_total 0.011", "llamacpp:prompt_seconds_total 0.111");
    second.replace("llamacpp:requests_processing 0", "llamacpp:requests_processing 2");
    QVERIFY(second != first);

    ServerMetricsTimeline t;
    t.append(0, Prometheus::parse(first));
    t.append(500 * Ms, Prometheus::parse(second));
    QCOMPARE(t.serverKind(), ServerKind::LlamaCpp);
    QCOMPARE(t.series(ServerSeries::GenerationTokensPerS), Points({ { 500, 200 } }));
    QCOMPARE(t.series(ServerSeries::PromptTokensPerS), Points({ { 500, 0 } }));
    QCOMPARE(t.series(ServerSeries::Running), Points({ { 0, 0 }, { 500, 2 } }));
    QVERIFY(t.series(ServerSeries::KvCacheUsage).isEmpty());
    QCOMPARE(t.unmappedNames(),
             QStringList({ QStringLiteral("llamacpp:prompt_seconds_total"),
                           QStringLiteral("llamacpp:tokens_predicted_seconds_total"),
                           QStringLiteral("llamacpp:n_tokens_max"),
                           QStringLiteral("llamacpp:n_busy_slots_per_decode") }));
    QVERIFY(t.otherSeriesNames().contains(QStringLiteral("llamacpp:n_busy_slots_per_decode")));
    QCOMPARE(t.otherSeries(QStringLiteral("llamacpp:n_busy_slots_per_decode")),
             Points({ { 0, 1 }, { 500, 1 } }));
    // An unmapped counter becomes a rate too: 0.1 s of prompt processing in 0.5 s.
    const Points busy = t.otherSeries(QStringLiteral("llamacpp:prompt_seconds_total"));
    QCOMPARE(busy.size(), 1);
    QVERIFY(near(busy.front().value, 0.2));
    QVERIFY(t.otherSeries(QStringLiteral("no such series")).isEmpty());
    QVERIFY(!t.otherSummary(QStringLiteral("no such series")));
}

void TestServerMetricsTimeline::maxScrapesDropsTheOldest()
{
    ServerMetricsTimeline t;
    t.setMaxScrapes(3);
    for (int i = 0; i < 5; ++i)
        t.append(i * S, with({ { ServerSeries::Running, double(i) } }));
    QCOMPARE(t.scrapeCount(), 3);
    QCOMPARE(t.firstNs(), std::optional<qint64>(2 * S));
    QCOMPARE(t.series(ServerSeries::Running), Points({ { 2000, 2 }, { 3000, 3 }, { 4000, 4 } }));
}

void TestServerMetricsTimeline::outOfOrderScrapes()
{
    ServerMetricsTimeline t;
    t.append(2 * S, with({ { ServerSeries::Running, 2 } }));
    t.append(0, with({ { ServerSeries::Running, 0 } }));
    t.append(1 * S, with({ { ServerSeries::Running, 1 } }));
    QCOMPARE(t.series(ServerSeries::Running), Points({ { 0, 0 }, { 1000, 1 }, { 2000, 2 } }));
}

void TestServerMetricsTimeline::empty()
{
    ServerMetricsTimeline t;
    QVERIFY(t.isEmpty());
    QCOMPARE(t.serverKind(), ServerKind::Unknown);
    QVERIFY(!t.firstNs());
    QVERIFY(t.presentSeries().isEmpty());
    QVERIFY(t.presentHistograms().isEmpty());
    QVERIFY(!t.summary(ServerSeries::Running));
    QVERIFY(!t.serverTtftP99Ms());
    t.append(0, with({ { ServerSeries::Running, 1 } }));
    t.clear();
    QVERIFY(t.isEmpty());
    QVERIFY(t.series(ServerSeries::Running).isEmpty());
}

QTEST_GUILESS_MAIN(TestServerMetricsTimeline)
#include "tst_servermetricstimeline.moc"
