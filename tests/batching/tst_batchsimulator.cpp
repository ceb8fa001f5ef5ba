#include "batching/batchcomparison.h"
#include "batching/batchsimulator.h"
#include "batching/batchsweep.h"
#include "format/batchexport.h"

#include <QElapsedTimer>
#include <QJsonObject>
#include <QTest>

#include <cmath>
#include <limits>

namespace {

// One request = one step of a constant D: batch size 1, no waiting, one token in, one out.
SimulationConfig singleServer(double serviceMs, double rate, int requests)
{
    SimulationConfig c;
    c.model = ServiceModel::constant(serviceMs);
    c.mode = SchedulingMode::RequestLevel;
    c.arrivals = ArrivalPattern::Poisson;
    c.ratePerSecond = rate;
    c.requests = requests;
    c.promptTokens = 1;
    c.outputTokens = 1;
    c.policy.maxBatchSize = 1;
    c.policy.maxQueueDelayNs = 0;
    c.seed = 42;
    return c;
}

SimulationConfig tritonClosedLoop(int maxBatch)
{
    SimulationConfig c;
    c.model = ServiceModel::tritonTutorial();
    c.arrivals = ArrivalPattern::ClosedLoop;
    c.clients = 16;
    c.requests = 50'000;
    c.promptTokens = 1;
    c.outputTokens = 1;
    c.policy.maxBatchSize = maxBatch;
    c.policy.maxQueueDelayNs = 0;
    return c;
}

// The typical batcher's rule on its own terms: with batches of exactly \a batch requests, the
// k-th request of a batch waits for the batch - k arrivals after it, each gap exponential at
// \a rate. P(wait > x) = 1/batch × Σ_{j=0}^{batch-1} P(Gamma(j, rate) > x), and
// P(Gamma(j, rate) > x) = e^{-rate x} Σ_{i<j} (rate x)^i / i!. Its 99th percentile, in ms.
double fullBatchWaitP99Ms(double rate, int batch)
{
    const auto tail = [rate, batch](double x) {
        double sum = 0;
        for (int j = 1; j < batch; ++j) {
            double term = 1, partial = 0;
            for (int i = 0; i < j; ++i) {
                partial += term;
                term *= rate * x / (i + 1);
            }
            sum += std::exp(-rate * x) * partial;
        }
        return sum / batch;
    };
    double lo = 0, hi = 1000;
    for (int i = 0; i < 200; ++i) {
        const double mid = (lo + hi) / 2;
        (tail(mid) > 0.01 ? lo : hi) = mid;
    }
    return lo * 1000;
}

// Poisson arrivals to a batcher of 4 on a server whose batches take 10 ms, one token in and out.
SimulationConfig typicalBatcher(double rate, int requests)
{
    SimulationConfig c = singleServer(10, rate, requests);
    c.policy.maxBatchSize = BatchRuleComparison::TypicalMaxBatchSize;
    c.policy.maxQueueDelayNs = 50'000'000;
    return c;
}

} // namespace

class TestBatchSimulator : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void meanWaitMatchesMD1_data()
    {
        QTest::addColumn<double>("rho");
        QTest::newRow("rho=0.5") << 0.5;
        QTest::newRow("rho=0.8") << 0.8;
    }
    void meanWaitMatchesMD1()
    {
        QFETCH(double, rho);
        const double d = 10.0; // ms
        const SimulationResult r = BatchSimulator::run(singleServer(d, rho / d * 1000.0, 1'000'000));
        const double expected = rho * d / (2 * (1 - rho)); // Pollaczek-Khinchine for M/D/1
        qInfo("M/D/1 rho=%.1f: mean queue wait %.3f ms, theory %.3f ms (%+.2f%%), utilisation %.3f", rho,
              r.queueWaitMs.mean, expected, (r.queueWaitMs.mean / expected - 1) * 100, r.utilisation);
        QVERIFY2(std::abs(r.queueWaitMs.mean - expected) <= 0.05 * expected,
                 qPrintable(QStringLiteral("%1 vs %2").arg(r.queueWaitMs.mean).arg(expected)));
        QVERIFY(std::abs(r.utilisation - rho) < 0.02);
    }

    void throughputSaturatesAtCapacity()
    {
        // Capacity 100/s; offered 200/s.
        const SimulationResult r = BatchSimulator::run(singleServer(10, 200, 20'000));
        QVERIFY2(std::abs(r.requestsPerSecond - 100) < 1.0, qPrintable(QString::number(r.requestsPerSecond)));
        QVERIFY(r.utilisation > 0.99);
        // Below capacity, throughput follows the offered rate.
        const SimulationResult light = BatchSimulator::run(singleServer(10, 50, 20'000));
        QVERIFY2(std::abs(light.requestsPerSecond - 50) < 2.0,
                 qPrintable(QString::number(light.requestsPerSecond)));
    }

    void sameSeedSameResult()
    {
        SimulationConfig c;
        c.mode = SchedulingMode::Continuous;
        c.arrivals = ArrivalPattern::Gamma;
        c.burstiness = 0.5;
        c.ratePerSecond = 20;
        c.requests = 2000;
        c.lengthSpread = 0.5;
        c.seed = 7;
        const SimulationResult a = BatchSimulator::run(c);
        const SimulationResult b = BatchSimulator::run(c);
        QCOMPARE(a.e2eMs.mean, b.e2eMs.mean);
        QCOMPARE(a.ttftMs.p99, b.ttftMs.p99);
        QCOMPARE(a.batchSizeHistogram, b.batchSizeHistogram);
        QCOMPARE(a.requestsPerSecond, b.requestsPerSecond);
        c.seed = 8;
        const SimulationResult other = BatchSimulator::run(c);
        QVERIFY(other.e2eMs.mean != a.e2eMs.mean);
    }

    void burstierArrivalsWaitLonger()
    {
        SimulationConfig c = singleServer(10, 50, 200'000);
        const double poisson = BatchSimulator::run(c).queueWaitMs.mean;
        c.arrivals = ArrivalPattern::Gamma;
        c.burstiness = 1.0; // shape 1 is exponential: the same process as Poisson
        const SimulationResult gamma1 = BatchSimulator::run(c);
        c.burstiness = 0.25;
        const SimulationResult bursty = BatchSimulator::run(c);
        qInfo("mean wait at rho=0.5: poisson %.2f ms, gamma(1) %.2f ms, gamma(0.25) %.2f ms", poisson,
              gamma1.queueWaitMs.mean, bursty.queueWaitMs.mean);
        QVERIFY(std::abs(gamma1.queueWaitMs.mean - poisson) < 0.1 * poisson);
        QVERIFY(bursty.queueWaitMs.mean > 2 * poisson);
        QVERIFY(std::abs(bursty.requestsPerSecond - 50) < 2.5); // same mean rate
    }

    void loneRequestWaitsMaxDelay()
    {
        // Arrivals 1 s apart never fill a batch of 8: each leaves after exactly the 50 ms delay.
        SimulationConfig c = singleServer(10, 1, 20);
        c.arrivals = ArrivalPattern::Constant;
        c.policy.maxBatchSize = 8;
        c.policy.maxQueueDelayNs = 50'000'000;
        const SimulationResult r = BatchSimulator::run(c);
        QCOMPARE(r.completed, 20);
        QCOMPARE(r.queueWaitMs.max, 50.0);
        QCOMPARE(r.queueWaitMs.min, 50.0);
        QCOMPARE(r.meanBatchSize, 1.0);
    }

    void fullBatchOnlyRule()
    {
        BatchPolicy p;
        p.maxBatchSize = 4;
        p.maxQueueDelayNs = 50'000'000;
        p.preferredBatchSizes = { 2 };
        p.rule = BatchRule::FullBatchOnly;
        QVERIFY(!p.hasTimer());
        QCOMPARE(p.batchToSend(3, 3'600'000'000'000), 0); // the declared wait is never used
        QCOMPARE(p.batchToSend(2, 0), 0); // nor a preferred size
        QCOMPARE(p.batchToSend(4, 0), 4);
        QCOMPARE(p.batchToSend(9, 0), 4);
        QCOMPARE(p.batchToSend(3, 0, /*flushing=*/true), 3);
        QCOMPARE(BatchPolicy::ruleFromName(BatchPolicy::ruleName(BatchRule::FullBatchOnly)),
                 BatchRule::FullBatchOnly);
        QCOMPARE(BatchPolicy::ruleFromName(QStringLiteral("max-wait")), BatchRule::MaxWait);
        QVERIFY(!BatchPolicy::ruleFromName(QStringLiteral("full")));
    }

    void fullBatchOnlyCostsTheTailAtLowLoad()
    {
        // 2 requests/s into a batcher of 4: without a timer the first of each batch waits for three
        // more arrivals (1.5 s on average); with a 50 ms timer nobody waits much longer than 50 ms.
        const BatchRuleComparison c = BatchRuleComparison::run(typicalBatcher(2, 100'000));
        const double expectedWaitP99 = fullBatchWaitP99Ms(2, 4); // ≈ 3.46 s
        qInfo("2 req/s, batch 4: full batch only wait p99 %.0f ms (expected %.0f), E2E p99 %.0f ms; "
              "max wait 50 ms E2E p99 %.0f ms. %s",
              c.fullBatch.queueWaitMs.p99, expectedWaitP99, c.fullBatch.e2eMs.p99, c.maxWait.e2eMs.p99,
              qPrintable(c.summary()));
        QCOMPARE(c.fullBatchConfig.seed, c.maxWaitConfig.seed);
        QCOMPARE(c.fullBatch.completed, 100'000);
        QCOMPARE(c.maxWait.completed, 100'000);
        QVERIFY2(std::abs(c.fullBatch.queueWaitMs.p99 - expectedWaitP99) < 0.03 * expectedWaitP99,
                 qPrintable(QString::number(c.fullBatch.queueWaitMs.p99)));
        QVERIFY(c.fullBatch.meanBatchSize > 3.99); // every batch full but the last
        QVERIFY(c.maxWait.meanBatchSize < 1.5); // the timer sends most requests alone
        QVERIFY(c.maxWait.e2eMs.p99 <= 50 + 10 + 1); // the timer, plus one 10 ms batch
        QVERIFY(c.fullBatch.e2eMs.p99 > 40 * c.maxWait.e2eMs.p99);
        QVERIFY(c.e2eP99CostMs() > 3000);
        QVERIFY(c.ttftP99CostMs() > 3000);
        QVERIFY(!c.tailsConverge());
        // Same arrivals, nothing lost: throughput is the arrival rate under both rules.
        QVERIFY(std::abs(c.throughputRatio() - 1) < 0.01);
        QVERIFY2(
            c.summary().startsWith(QStringLiteral("At 2 requests/s, waiting for a full batch of 4 adds 3.")),
            qPrintable(c.summary()));
        QVERIFY(c.summary().endsWith(QStringLiteral(" s to p99.")));
    }

    void fullBatchOnlyConvergesWithMaxWaitUnderLoad()
    {
        // The cost shrinks as load rises: the queue fills batches before any timer would fire.
        double previous = std::numeric_limits<double>::max();
        for (double rate : { 2.0, 20.0, 200.0 }) {
            const double cost = BatchRuleComparison::run(typicalBatcher(rate, 20'000)).e2eP99CostMs();
            qInfo("%.0f req/s: full batch only adds %.1f ms to E2E p99", rate, cost);
            QVERIFY(cost < previous);
            previous = cost;
        }
        // Saturated (capacity 4 per 10 ms = 400/s, offered 600/s): a full batch is always waiting,
        // so both rules send the same batches at the same times.
        const BatchRuleComparison c = BatchRuleComparison::run(typicalBatcher(600, 20'000));
        qInfo("600 req/s: E2E p99 %.0f ms vs %.0f ms, %.1f vs %.1f req/s", c.fullBatch.e2eMs.p99,
              c.maxWait.e2eMs.p99, c.fullBatch.requestsPerSecond, c.maxWait.requestsPerSecond);
        QVERIFY(std::abs(c.fullBatch.requestsPerSecond - 400) < 4);
        QVERIFY(std::abs(c.throughputRatio() - 1) < 0.01);
        QVERIFY(c.tailsConverge());
        QVERIFY(std::abs(c.e2eP99CostMs()) <= 0.02 * c.maxWait.e2eMs.p99);
        QVERIFY(c.maxWait.meanBatchSize > 3.99);
        QVERIFY(c.summary().contains(QStringLiteral("adds nothing to p99")));
    }

    void fullBatchOnlyFlushesAtTheEndOfTheTrace_data()
    {
        QTest::addColumn<int>("requests");
        QTest::addColumn<int>("lastBatch");
        QTest::addColumn<double>("lastWaitMs");
        // One arrival a second into a batcher of 4: batches leave at 3 s and 7 s, when the fourth
        // request of each arrives; the rest leave at the last arrival, the end of the trace.
        QTest::newRow("a lone last request") << 9 << 1 << 0.0;
        QTest::newRow("two last requests") << 10 << 2 << 1000.0; // the 9th waits for the 10th
    }
    void fullBatchOnlyFlushesAtTheEndOfTheTrace()
    {
        QFETCH(int, requests);
        QFETCH(int, lastBatch);
        QFETCH(double, lastWaitMs);
        SimulationConfig c = typicalBatcher(1, requests);
        c.arrivals = ArrivalPattern::Constant;
        c.policy.rule = BatchRule::FullBatchOnly;
        const SimulationResult r = BatchSimulator::run(c);
        QCOMPARE(r.completed, requests); // nothing is lost
        QList<qint64> histogram(5, 0);
        histogram[4] = 2;
        histogram[lastBatch] = 1;
        QCOMPARE(r.batchSizeHistogram, histogram);
        QCOMPARE(r.queueWaitMs.max, 3000.0); // the first of a full batch waits for three more
        // The last requests start when the trace ends: the final batch's first waited lastWaitMs.
        QList<double> waits { 3000, 2000, 1000, 0, 3000, 2000, 1000, 0 };
        if (lastBatch == 2)
            waits += { lastWaitMs, 0 };
        else
            waits += lastWaitMs;
        double mean = 0;
        for (double w : waits)
            mean += w / waits.size();
        QCOMPARE(r.queueWaitMs.mean, mean);
    }

    void fullBatchOnlyWithFewerClientsThanTheBatch()
    {
        // Two closed-loop clients can never fill a batch of 4: a batcher without a timer would
        // hold them forever. The simulation ends anyway and says what the rule would have done.
        SimulationConfig c = typicalBatcher(1, 100);
        c.arrivals = ArrivalPattern::ClosedLoop;
        c.clients = 2;
        const BatchRuleComparison r = BatchRuleComparison::run(c);
        QCOMPARE(r.fullBatch.completed, 100);
        QVERIFY(r.wouldStall());
        QVERIFY(r.summary().contains(QStringLiteral("wait forever")));
        c.clients = 4;
        QVERIFY(!BatchRuleComparison::run(c).wouldStall());
    }

    void tritonTutorialGain()
    {
        const SimulationResult single = BatchSimulator::run(tritonClosedLoop(1));
        const SimulationResult batched = BatchSimulator::run(tritonClosedLoop(16));
        const double gain = batched.requestsPerSecond / single.requestsPerSecond;
        qInfo("Triton fit, 16 clients: no batching %.0f/s p95 %.2f ms; dynamic batching %.0f/s p95 %.2f ms "
              "(mean batch %.1f); gain %.2fx",
              single.requestsPerSecond, single.e2eMs.p95, batched.requestsPerSecond, batched.e2eMs.p95,
              batched.meanBatchSize, gain);
        QVERIFY(std::abs(single.requestsPerSecond - 975) < 975 * 0.02);
        QVERIFY(gain >= 3.0);
        QVERIFY(batched.e2eMs.p95 <= single.e2eMs.p95);
    }

    void comparisonReproducesTheTritonGain()
    {
        // "No batching vs dynamic batching" over one trace: the baseline is the same server
        // with max batch 1, whatever the batched side's mode.
        const BatchComparison c = BatchComparison::run(tritonClosedLoop(16));
        QCOMPARE(c.baselineConfig.policy.maxBatchSize, 1);
        QCOMPARE(c.baselineConfig.seed, c.batchedConfig.seed);
        QCOMPARE(c.baseline.completed, c.batched.completed);
        QVERIFY2(c.throughputGain() >= 3.0, qPrintable(QString::number(c.throughputGain())));
        QVERIFY(c.p95LatencyRatio() <= 1.0);
        QVERIFY(c.meetsSeedClaim());
        const QJsonObject json = BatchExport::comparisonJson(c);
        QCOMPARE(json.value(QStringLiteral("throughput_gain")).toDouble(), c.throughputGain());
        QCOMPARE(json.value(QStringLiteral("meets_3x_claim")).toBool(), true);
        QCOMPARE(json.value(QStringLiteral("baseline")).toObject().value(QStringLiteral("config")).toObject()
                     .value(QStringLiteral("max_batch")).toInt(),
                 1);
    }

    void fitRecoversALine()
    {
        // step(b) = 6 ms + 0.4 ms × (b − 1), measured with a little noise at five batch sizes.
        const QList<std::pair<int, double>> points { { 1, 6.05 }, { 2, 6.38 }, { 4, 7.22 }, { 8, 8.79 }, { 16, 12.0 } };
        const auto m = ServiceModel::fitDecodeSteps(points);
        QVERIFY(m);
        QVERIFY2(qAbs(m->floorMs - 6.0) < 0.1, qPrintable(QString::number(m->floorMs)));
        QVERIFY2(qAbs(m->perTokenUs - 400) < 10, qPrintable(QString::number(m->perTokenUs)));
        QCOMPARE(m->kneeTokens, 1);
        QVERIFY(!ServiceModel::fitDecodeSteps({ { 4, 5.0 }, { 4, 6.0 } })); // one batch size: no slope
        QVERIFY(!ServiceModel::fitDecodeSteps({}));
    }

    void comparisonBelowSaturationGainsNothing()
    {
        // The claim needs load: at 20% of the unbatched capacity both servers keep up, so the
        // throughput is the arrival rate on both sides and batching only adds queue delay.
        SimulationConfig c = singleServer(10, 20, 4000);
        c.policy.maxBatchSize = 8;
        c.policy.maxQueueDelayNs = 5'000'000;
        const BatchComparison comparison = BatchComparison::run(c);
        QVERIFY(qAbs(comparison.throughputGain() - 1.0) < 0.02);
        QVERIFY(comparison.batched.queueWaitMs.mean > comparison.baseline.queueWaitMs.mean);
        QVERIFY(!comparison.meetsSeedClaim());
    }

    void continuousBatchingBeatsRequestLevelOnMixedLengths()
    {
        SimulationConfig c;
        c.model = ServiceModel::h100Llama2_7b();
        c.arrivals = ArrivalPattern::Poisson;
        c.ratePerSecond = 20;
        c.requests = 3000;
        c.promptTokens = 256;
        c.outputTokens = 128;
        c.lengthSpread = 0.9;
        c.policy.maxBatchSize = 32;
        c.policy.maxQueueDelayNs = 10'000'000;
        c.maxSequences = 32;
        c.tokenBudget = 512;
        const SimulationResult request = BatchSimulator::run(c);
        c.mode = SchedulingMode::Continuous;
        const SimulationResult continuous = BatchSimulator::run(c);
        qInfo("H100 Llama-2-7B at 20 req/s: request-level %.1f req/s e2e p99 %.0f ms; continuous %.1f req/s "
              "e2e p99 %.0f ms, TTFT p50 %.1f ms, TPOT p50 %.2f ms",
              request.requestsPerSecond, request.e2eMs.p99, continuous.requestsPerSecond,
              continuous.e2eMs.p99, continuous.ttftMs.p50, continuous.tpotMs.p50);
        QVERIFY(continuous.e2eMs.p99 < request.e2eMs.p99);
        QVERIFY(continuous.requestsPerSecond > request.requestsPerSecond);
        QVERIFY(continuous.requestsPerSecond > 0.95 * c.ratePerSecond); // keeps up; request-level does not
        QVERIFY(continuous.tpotMs.p50 >= c.model.floorMs); // a step never beats the floor
        QCOMPARE(continuous.completed, 3000);
        QCOMPARE(continuous.tpotMs.count, 3000);
    }

    void sloAttainment()
    {
        SimulationConfig c = singleServer(10, 80, 20'000);
        c.slo.e2eMs = 10.5; // only requests that did not queue meet it
        const SimulationResult r = BatchSimulator::run(c);
        QVERIFY(r.sloAttainment > 0.1 && r.sloAttainment < 0.5);
        QVERIFY(std::abs(r.goodputRps - r.requestsPerSecond * r.sloAttainment) < 1e-6);
    }

    void kneeParetoAndSloLevel()
    {
        const QList<double> x { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10 };
        const QList<double> y { 1, 2, 3, 4, 5, 5.1, 5.2, 5.2, 5.3, 5.3 };
        QCOMPARE(BatchSweep::kneeIndex(x, y), 4);
        QCOMPARE(BatchSweep::kneeIndex({ 1, 2 }, { 1, 2 }), -1);

        //                          0    1    2    3    4
        const QList<double> tput { 100, 200, 150, 300, 250 };
        const QList<double> lat { 10, 20, 30, 50, 60 };
        QCOMPARE(BatchSweep::paretoFront(tput, lat), (QList<int> { 0, 1, 3 }));

        QCOMPARE(BatchSweep::highestLevelMeetingSlo({ 1, 2, 4, 8 }, { 1.0, 0.995, 0.9, 0.2 }), 1);
        QCOMPARE(BatchSweep::highestLevelMeetingSlo({ 1, 2 }, { 0.5, 0.2 }), -1);
    }

    void thousandConfigurationSweep()
    {
        SimulationConfig base;
        base.model = ServiceModel::h100Llama2_7b();
        base.arrivals = ArrivalPattern::Poisson;
        base.ratePerSecond = 40;
        base.requests = 1000;
        base.promptTokens = 256;
        base.outputTokens = 128;
        base.lengthSpread = 0.5;
        SweepGrid grid;
        grid.maxBatchSizes = { 1, 2, 4, 8, 16, 24, 32, 48, 64, 128 };
        grid.maxWaitMs = { 0, 1, 2, 5, 10, 20, 50, 100, 200, 500 };
        grid.tokenBudgets = { 128, 256, 384, 512, 768, 1024, 1536, 2048, 3072, 4096 };

        QElapsedTimer timer;
        timer.start();
        const QList<SweepRow> rows = BatchSweep::run(base, grid);
        const qint64 requestMs = timer.elapsed();
        base.mode = SchedulingMode::Continuous;
        timer.restart();
        const QList<SweepRow> continuous = BatchSweep::run(base, grid);
        const qint64 continuousMs = timer.elapsed();
        qint64 events = 0;
        for (const SweepRow &r : continuous)
            events += r.result.events;
        qInfo("1000-configuration sweep (1000 requests each): request-level %lld ms, continuous %lld ms "
              "(%.1f M steps/s)",
              requestMs, continuousMs, double(events) / 1e3 / std::max<qint64>(1, continuousMs));
        QCOMPARE(rows.size(), 1000);
        QCOMPARE(continuous.size(), 1000);
        QVERIFY(requestMs < 60'000);
        QVERIFY(continuousMs < 60'000);
        QVERIFY(!BatchSweep::paretoFront(rows).isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestBatchSimulator)
#include "tst_batchsimulator.moc"
