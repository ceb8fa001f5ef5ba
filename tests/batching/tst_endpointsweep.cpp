// A concurrency sweep against the embedded endpoint, whose continuous-batching model makes
// the throughput curve real: it rises, then flattens, and latency rises past the knee.
#include "batching/endpointsweep.h"
#include "common/clock.h"
#include "endpoint/embeddedendpoint.h"

#include <QCoroTask>
#include <QSignalSpy>
#include <QTest>

#include <algorithm>

namespace {

// Per decode step with n streams: 4 × (1 + 0.15 (n − 1)) ms, so tokens/s grow as
// n / (1 + 0.15 (n − 1)) and saturate near 1 / 0.15 ≈ 6.7× one stream; the fixed 24 ms per
// request (network, inference, post-processing) lowers one stream's rate a little more.
LatencyModel sweepModel()
{
    LatencyModel m;
    m.networkMs = 2;
    m.promptMsPerToken = 0;
    m.inferenceMs = 20;
    m.generationMsPerToken = 4;
    m.postprocessMs = 2;
    m.batchSlowdown = 0.15;
    m.jitter = 0;
    return m;
}

EndpointSweepConfig configFor(const QUrl &root, const QList<double> &levels)
{
    EndpointSweepConfig c;
    c.endpoint.name = QStringLiteral("embedded");
    c.endpoint.protocol = Protocol::OpenAIChat;
    c.endpoint.model = QStringLiteral("tokenscope-sim");
    c.endpoint.baseUrl = root;
    c.endpoint.baseUrl.setPath(QStringLiteral("/v1"));
    GenerationRequest r;
    r.messages = { { QStringLiteral("user"), QStringLiteral("hello") } };
    c.prompts = { r };
    c.maxTokens = 16;
    c.levels = levels;
    c.windowRequests = 16;
    c.maxWindows = 6;
    return c;
}

// End-to-end time of one request at concurrency n under sweepModel(), in ms.
double modelE2eMs(int n)
{
    return 24.0 + 16 * 4.0 * (1 + 0.15 * (n - 1));
}

} // namespace

class TestEndpointSweep : public QObject
{
    Q_OBJECT

private:
    EmbeddedEndpointRunner m_endpoint;
    QList<SweepLevelResult> m_results;
    EndpointSweepAnalysis m_analysis;
    int m_levelsStarted = 0;
    int m_levelsFinished = 0;

    double tokensPerSecond(int index) const { return m_results.at(index).outputTokensPerSecond; }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY2(m_endpoint.start(sweepModel()), qPrintable(m_endpoint.errorString()));
        EndpointSweepConfig config = configFor(m_endpoint.baseUrl(), { 1, 2, 4, 8, 16, 32 });
        // Between the E2E of concurrency 8 (~155 ms) and 16 (~232 ms).
        config.slo.e2eMs = (modelE2eMs(8) + modelE2eMs(16)) / 2;

        EndpointSweep sweep;
        QSignalSpy started(&sweep, &EndpointSweep::levelStarted);
        QSignalSpy finished(&sweep, &EndpointSweep::levelFinished);
        m_results = QCoro::waitFor(sweep.run(config));
        m_levelsStarted = int(started.size());
        m_levelsFinished = int(finished.size());
        m_analysis = EndpointSweep::analyse(m_results, true, config.sloTarget);
        QCOMPARE(m_results.size(), 6);
        for (const SweepLevelResult &r : std::as_const(m_results)) {
            qInfo("level %2.0f: %3d ok %d failed, %6.1f req/s, %7.1f tok/s, TPOT p50 %5.1f ms, E2E p50 %6.1f "
                  "p99 %6.1f ms, %d windows, %s, goodput %.1f/s, attainment %.2f",
                  r.level, r.requestsOk, r.requestsFailed, r.requestsPerSecond, r.outputTokensPerSecond,
                  r.tpotMs.p50, r.e2eMs.p50, r.e2eMs.p99, int(r.windowTokensPerSecond.size()),
                  r.stable ? "stable" : "not stable", r.goodput, r.sloAttainment);
        }
        qInfo("knee index %d, best SLO index %d", m_analysis.knee, m_analysis.bestSloLevel);
    }

    void stabilityRule_data()
    {
        QTest::addColumn<QList<double>>("throughputs");
        QTest::addColumn<bool>("stable");
        QTest::newRow("too few windows") << QList<double> { 100, 100 } << false;
        QTest::newRow("flat") << QList<double> { 100, 100, 100 } << true;
        QTest::newRow("within 10% of the mean") << QList<double> { 50, 95, 100, 105 } << true;
        QTest::newRow("one window 12% off") << QList<double> { 100, 100, 124 } << false;
        QTest::newRow("only the last three count") << QList<double> { 10, 300, 100, 102, 98 } << true;
        QTest::newRow("nothing measured") << QList<double> { 0, 0, 0 } << false;
    }

    void stabilityRule()
    {
        QFETCH(QList<double>, throughputs);
        QFETCH(bool, stable);
        QCOMPARE(EndpointSweep::isStable(throughputs, 3, 0.10), stable);
    }

    void everyLevelIsMeasured()
    {
        QCOMPARE(m_levelsStarted, 6);
        QCOMPARE(m_levelsFinished, 6);
        for (const SweepLevelResult &r : std::as_const(m_results)) {
            QCOMPARE(r.requestsFailed, 0);
            QVERIFY(r.failuresByClass.isEmpty());
            QVERIFY(r.requestsOk > 0);
            QVERIFY(r.measuredWindows >= 1 && r.measuredWindows <= 3);
            QVERIFY(r.windowTokensPerSecond.size() <= 6);
            // A level either met the rule or ran into its window limit.
            QVERIFY(r.stable || r.windowTokensPerSecond.size() == 6);
            QCOMPARE(r.stable, EndpointSweep::isStable(r.windowTokensPerSecond));
        }
        // Without jitter the endpoint is steady: most levels stabilise well before the limit.
        int stable = 0;
        for (const SweepLevelResult &r : std::as_const(m_results))
            stable += r.stable ? 1 : 0;
        QCOMPARE_GE(stable, 4);
    }

    void throughputRisesThenFlattens()
    {
        // Model: 1 → 4 streams gives ~3.0× the tokens/s; 16 → 32 only ~1.2×.
        const double lowGain = tokensPerSecond(2) / tokensPerSecond(0);
        const double highGain = tokensPerSecond(5) / tokensPerSecond(4);
        QVERIFY2(lowGain > 2.3, qPrintable(QString::number(lowGain)));
        QVERIFY2(highGain < 1.4, qPrintable(QString::number(highGain)));
        QVERIFY(highGain < lowGain / 2);
        for (int i = 1; i < m_results.size(); ++i)
            QVERIFY2(tokensPerSecond(i) > tokensPerSecond(i - 1), qPrintable(QString::number(i)));
        // Saturation: never near 32× one stream (bounded by 1 / 0.15 plus the fixed overhead).
        QVERIFY(tokensPerSecond(5) < 9.5 * tokensPerSecond(0));
        // Requests/s and tokens/s agree (every answer has 16 tokens).
        for (const SweepLevelResult &r : std::as_const(m_results))
            QVERIFY(qAbs(r.outputTokensPerSecond - 16 * r.requestsPerSecond) < 0.01 * r.outputTokensPerSecond);
    }

    void latencyRisesPastTheKnee()
    {
        QVERIFY(m_analysis.knee >= 0);
        for (int i = std::max(1, m_analysis.knee); i < m_results.size(); ++i) {
            QVERIFY2(m_results.at(i).tpotMs.p50 > m_results.at(i - 1).tpotMs.p50, qPrintable(QString::number(i)));
            QVERIFY2(m_results.at(i).e2eMs.p50 > m_results.at(i - 1).e2eMs.p50, qPrintable(QString::number(i)));
        }
        // TPOT at 32 streams: 4 × (1 + 0.15 × 31) = 22.6 ms against 4 ms alone.
        QVERIFY(m_results.at(5).tpotMs.p50 > 4 * m_results.at(0).tpotMs.p50);
    }

    void kneeIsInTheMiddle()
    {
        // Kneedle on 1, 2, 4, 8, 16, 32: the curve bends around 4–16 streams.
        QVERIFY2(m_analysis.knee >= 2 && m_analysis.knee <= 4, qPrintable(QString::number(m_analysis.knee)));
    }

    void sloPicksTheHighestLevelMeetingIt()
    {
        QCOMPARE(m_analysis.bestSloLevel, 3); // concurrency 8
        QCOMPARE_GE(m_results.at(3).sloAttainment, 0.99);
        QCOMPARE(m_results.at(3).goodput, m_results.at(3).requestsPerSecond);
        QCOMPARE_LT(m_results.at(4).sloAttainment, 0.5);
        QCOMPARE(m_results.at(5).goodput, 0.0);
        // Goodput is the share of throughput that meets the SLOs.
        for (const SweepLevelResult &r : std::as_const(m_results))
            QVERIFY(r.goodput <= r.requestsPerSecond + 1e-9);
    }

    void paretoFrontHoldsTheNonDominatedLevels()
    {
        // The definition, checked level by level: a level is on the front exactly when no
        // other level has at least its throughput at no more latency (and is better in one).
        // (Not a fixed list: on a loaded machine two neighbouring levels may swap.)
        const auto dominates = [](const SweepLevelResult &a, const SweepLevelResult &b) {
            return a.outputTokensPerSecond >= b.outputTokensPerSecond && a.e2eMs.p99 <= b.e2eMs.p99
                && (a.outputTokensPerSecond > b.outputTokensPerSecond || a.e2eMs.p99 < b.e2eMs.p99);
        };
        for (int i = 0; i < m_results.size(); ++i) {
            bool dominated = false;
            for (int j = 0; j < m_results.size(); ++j)
                dominated = dominated || (j != i && dominates(m_results.at(j), m_results.at(i)));
            QCOMPARE(m_analysis.paretoFront.contains(i), !dominated);
        }
        // The lowest-latency level and the highest-throughput level are always on it.
        const auto byLatency = std::min_element(m_results.cbegin(), m_results.cend(), [](const auto &a, const auto &b) {
            return a.e2eMs.p99 < b.e2eMs.p99;
        });
        const auto byThroughput = std::max_element(m_results.cbegin(), m_results.cend(), [](const auto &a, const auto &b) {
            return a.outputTokensPerSecond < b.outputTokensPerSecond;
        });
        QVERIFY(m_analysis.paretoFront.contains(int(byLatency - m_results.cbegin())));
        QVERIFY(m_analysis.paretoFront.contains(int(byThroughput - m_results.cbegin())));
    }

    void cancelKeepsFinishedLevels()
    {
        EndpointSweepConfig config = configFor(m_endpoint.baseUrl(), { 1, 2, 4 });
        config.windowRequests = 8;
        config.maxWindows = 4;
        EndpointSweep sweep;
        QSignalSpy finished(&sweep, &EndpointSweep::levelFinished);
        connect(&sweep, &EndpointSweep::progress, &sweep, [&sweep](int level, int, int, int done) {
            if (level == 1 && done >= 3)
                sweep.cancel();
        });
        const QList<SweepLevelResult> results = QCoro::waitFor(sweep.run(config));
        QVERIFY(sweep.wasCancelled());
        QVERIFY(!sweep.isRunning());
        QCOMPARE(results.size(), 1);
        QCOMPARE(results.at(0).level, 1.0);
        QVERIFY(results.at(0).requestsOk > 0);
        QCOMPARE(finished.size(), 1);
        QCOMPARE(sweep.results().size(), 1);
    }

    void timedLevelsRunTogetherAndTagEveryRequest()
    {
        // Two levels of 0.6 s in 6 windows of 0.1 s, 0.3 s apart, the first sat out (as a
        // shard whose share of it is nothing), the second run at 3 of its 4.
        EndpointSweepConfig config = configFor(m_endpoint.baseUrl(), { 1, 4 });
        config.levelSeconds = 0.6;
        config.levelGapSeconds = 0.3;
        config.maxWindows = 6;
        config.stabilityWindows = 3;
        config.runLevels = { 0, 3 };
        config.maxTokens = 4;
        EndpointSweep sweep;
        QList<RequestRecord> records;
        QList<qint64> levelStarts;
        connect(&sweep, &EndpointSweep::requestFinished, &sweep,
                [&records](const RequestRecord &r) { records.append(r); });
        const Clock *clock = Clock::system();
        connect(&sweep, &EndpointSweep::levelStarted, &sweep,
                [&levelStarts, clock] { levelStarts.append(clock->nowNs()); });
        config.firstLevelStartNs = clock->nowNs() + 50 * 1'000'000;
        const QList<SweepLevelResult> results = QCoro::waitFor(sweep.run(config));
        QCOMPARE(results.size(), 2);
        QCOMPARE(levelStarts.size(), 2);
        // Each level starts on its time (the timer may be late, never early).
        QVERIFY(levelStarts.at(0) >= config.firstLevelStartNs);
        QVERIFY(levelStarts.at(1) >= config.firstLevelStartNs + 900 * 1'000'000);
        QVERIFY2(levelStarts.at(1) < config.firstLevelStartNs + 1100 * 1'000'000,
                 qPrintable(QString::number(double(levelStarts.at(1) - config.firstLevelStartNs) / 1e6)));

        // The sat-out level sent nothing and measured nothing, over its whole length.
        QCOMPARE(results.at(0).level, 1.0);
        QCOMPARE(results.at(0).requestsFinished, 0);
        QCOMPARE(results.at(0).windowTokensPerSecond, QList<double>(6, 0.0));
        QVERIFY(!results.at(0).stable);

        // Every request of the level run is tagged: its window is where its end fell.
        const qint64 levelStart = config.firstLevelStartNs + 900 * 1'000'000;
        QList<RequestRecord> measured;
        int inWindows = 0;
        for (const RequestRecord &r : std::as_const(records)) {
            QCOMPARE(r.sweepLevel, 1);
            if (r.sweepWindow < 0) {
                QVERIFY(r.warmup || r.trace.error == ErrorClass::Cancelled || r.trace.endNs > levelStart + 600'000'000);
                continue;
            }
            ++inWindows;
            QCOMPARE(r.sweepWindow, int((r.trace.endNs - levelStart) / 100'000'000));
            if (r.sweepWindow >= 3)
                measured.append(r);
        }
        const SweepLevelResult &run = results.at(1);
        QCOMPARE(run.level, 4.0);
        QCOMPARE(run.requestsFinished, inWindows);
        QCOMPARE(run.measuredWindows, 3);
        QCOMPARE(run.measuredSeconds, 0.3);
        QVERIFY(run.requestsOk > 0);
        // The figures are those of the requests that ended in the last three windows.
        int ok = 0;
        QList<double> ttfts;
        for (const RequestRecord &r : std::as_const(measured)) {
            if (r.metrics.ok) {
                ++ok;
                ttfts.append(*r.metrics.ttftMs);
            }
        }
        QCOMPARE(run.requestsOk, ok);
        QCOMPARE(run.ttftMs.p50, Distribution::of(ttfts).p50);
        QCOMPARE(run.outputTokensPerSecond, 4.0 * ok / 0.3);
        // Three in flight at once: each request takes ~24 + 4 × 4 × 1.3 ms, so well over 20
        // requests end in 0.6 s; a level run alone (at 1) would end far fewer.
        QVERIFY2(inWindows > 20, qPrintable(QString::number(inWindows)));
        // The sweep's own figures are what its requests give when rebuilt (as merge does).
        EndpointSweepConfig again = config;
        const QList<SweepLevelResult> rebuilt = EndpointSweep::timedLevelResults(again, records);
        QCOMPARE(rebuilt.at(1).requestsOk, run.requestsOk);
        QCOMPARE(rebuilt.at(1).ttftMs.p99, run.ttftMs.p99);
        QCOMPARE(rebuilt.at(1).windowTokensPerSecond, run.windowTokensPerSecond);
    }

    void rateLevelsRunOpenLoop()
    {
        EndpointSweepConfig config = configFor(m_endpoint.baseUrl(), { 10, 40 });
        config.axis = SweepAxis::Rate;
        config.windowRequests = 10;
        config.maxWindows = 4;
        EndpointSweep sweep;
        const QList<SweepLevelResult> results = QCoro::waitFor(sweep.run(config));
        QCOMPARE(results.size(), 2);
        // Below saturation an open loop delivers what it is asked for.
        for (const SweepLevelResult &r : results)
            QVERIFY2(qAbs(r.requestsPerSecond - r.level) < 0.15 * r.level, qPrintable(QString::number(r.requestsPerSecond)));
    }
};

QTEST_GUILESS_MAIN(TestEndpointSweep)
#include "tst_endpointsweep.moc"
