// Sweeps as JSON, read back: a simulated batching sweep (both scheduling modes) and an
// endpoint sweep, with their rows, distributions, errors and analysis.
#include "format/batchexport.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

namespace {

Distribution distribution(double base)
{
    Distribution d;
    d.count = 40;
    d.mean = base * 1.1;
    d.p50 = base;
    d.p90 = base * 1.5;
    d.p95 = base * 1.75;
    d.p99 = base * 2.25;
    d.max = base * 3.125;
    return d;
}

// What the JSON carries of a distribution (min and stddev are not written).
void compareDistributions(const Distribution &b, const Distribution &a)
{
    QCOMPARE(b.count, a.count);
    QCOMPARE(b.mean, a.mean);
    QCOMPARE(b.p50, a.p50);
    QCOMPARE(b.p90, a.p90);
    QCOMPARE(b.p95, a.p95);
    QCOMPARE(b.p99, a.p99);
    QCOMPARE(b.max, a.max);
}

SimulationResult result(double base)
{
    SimulationResult r;
    r.completed = 1000;
    r.requestsPerSecond = base / 10;
    r.outputTokensPerSecond = base * 12.5;
    r.totalTokensPerSecond = base * 25.25;
    r.ttftMs = distribution(base);
    r.tpotMs = distribution(base / 20);
    r.e2eMs = distribution(base * 8);
    r.queueWaitMs = distribution(base / 2);
    r.batchSizeHistogram = { 0, 12, 40, 0, 7 };
    r.meanBatchSize = 2.125;
    r.utilisation = 0.875;
    r.sloAttainment = 0.9925;
    r.goodputRps = base / 11;
    return r;
}

SweepRow row(int maxBatch, double maxWaitMs, double rate)
{
    SweepRow r;
    r.maxBatchSize = maxBatch;
    r.maxWaitMs = maxWaitMs;
    r.tokenBudget = 512 * maxBatch;
    r.rate = rate;
    r.result = result(10 * maxBatch + rate);
    return r;
}

EndpointSweepDocument sweepDocument(const QString &name)
{
    EndpointSweepConfig config;
    config.endpoint.name = name;
    config.endpoint.protocol = Protocol::Tgi;
    config.endpoint.model = QStringLiteral("llama");
    config.endpoint.baseUrl = QUrl(QStringLiteral("https://user:pw@gpu-a.example/v1?key=zzz"));
    config.endpoint.apiKey = QStringLiteral("sk-planted-SECRET");
    config.endpoint.verifyTls = false;
    config.axis = SweepAxis::Rate;
    config.levels = { 1, 2.5, 5 };
    config.windowRequests = 48;
    config.windowSeconds = 2.5;
    config.maxWindows = 7;
    config.slo = { 300, 50, 0 };
    config.sloTarget = 0.95;
    QList<SweepLevelResult> results;
    for (double level : config.levels) {
        SweepLevelResult r;
        r.level = level;
        r.requestsOk = int(level * 40);
        r.requestsFailed = level > 2 ? 3 : 0;
        r.requestsFinished = r.requestsOk + r.requestsFailed + 5;
        if (level > 2)
            r.failuresByClass = { { ErrorClass::HttpStatus, 2 }, { ErrorClass::StallTimeout, 1 } };
        r.requestsPerSecond = level * 0.96875;
        r.outputTokensPerSecond = level * 120.5;
        r.ttftMs = distribution(100 * level);
        r.tpotMs = distribution(20 + level);
        r.e2eMs = distribution(1000 * level);
        r.windowTokensPerSecond = { level * 118, level * 121.25, level * 120.5 };
        r.measuredWindows = 3;
        r.measuredSeconds = 9.75;
        r.stable = level < 5;
        r.goodput = level * 0.75;
        r.sloAttainment = 0.96875;
        results.append(r);
    }
    EndpointSweepAnalysis analysis;
    analysis.knee = 1;
    analysis.bestSloLevel = 2;
    analysis.paretoFront = { 0, 1, 2 };
    return { config, results, analysis };
}

} // namespace

class TestBatchExport : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void simulationRoundTrip_data()
    {
        QTest::addColumn<int>("mode");
        QTest::addColumn<int>("arrivals");
        QTest::newRow("request-level, gamma")
            << int(SchedulingMode::RequestLevel) << int(ArrivalPattern::Gamma);
        QTest::newRow("continuous, closed loop")
            << int(SchedulingMode::Continuous) << int(ArrivalPattern::ClosedLoop);
    }

    void simulationRoundTrip()
    {
        QFETCH(int, mode);
        QFETCH(int, arrivals);
        SimulationConfig base;
        base.model = *ServiceModel::preset(QStringLiteral("a100-llama2-7b"));
        base.mode = SchedulingMode(mode);
        base.arrivals = ArrivalPattern(arrivals);
        base.ratePerSecond = 12.5;
        base.burstiness = 0.5;
        base.clients = 24;
        base.requests = 500;
        base.seed = 18'446'744'073'709'551'557ull;
        base.promptTokens = 300;
        base.outputTokens = 90;
        base.lengthSpread = 0.25;
        base.policy.maxBatchSize = 16;
        base.policy.maxQueueDelayNs = 2'500'000;
        base.policy.preferredBatchSizes = { 4, 8 };
        base.policy.rule = BatchRule::FullBatchOnly;
        base.instances = 2;
        base.maxSequences = 64;
        base.tokenBudget = 4096;
        base.chunkedPrefill = false;
        base.slo = { 200, 40, 5000 };
        const QList<SweepRow> rows { row(1, 0, 5), row(8, 2.5, 5), row(16, 5, 10) };
        SimulationAnalysis analysis;
        analysis.paretoFront = { 0, 2 };
        analysis.knee = 2;
        analysis.bestUnderSlo = 1;

        const QJsonObject json = BatchExport::simulationJson(base, rows, analysis, 1234);
        QString error;
        const auto back = BatchExport::readSimulation(
            QJsonDocument::fromJson(QJsonDocument(json).toJson()).object(), &error);
        QVERIFY2(back, qPrintable(error));
        const SimulationConfig &c = back->base;
        QCOMPARE(c.model.name, base.model.name);
        QCOMPARE(c.model.source, base.model.source);
        QCOMPARE(c.model.floorMs, base.model.floorMs); // a preset's name brings its figures back
        QCOMPARE(c.mode, base.mode);
        QCOMPARE(c.arrivals, base.arrivals);
        QCOMPARE(c.requests, base.requests);
        QCOMPARE(c.seed, base.seed);
        QCOMPARE(c.promptTokens, base.promptTokens);
        QCOMPARE(c.outputTokens, base.outputTokens);
        QCOMPARE(c.lengthSpread, base.lengthSpread);
        QCOMPARE(c.slo.ttftMs, base.slo.ttftMs);
        QCOMPARE(c.slo.tpotMs, base.slo.tpotMs);
        QCOMPARE(c.slo.e2eMs, base.slo.e2eMs);
        if (base.mode == SchedulingMode::RequestLevel) {
            QCOMPARE(c.policy.maxBatchSize, base.policy.maxBatchSize);
            QCOMPARE(c.policy.maxQueueDelayNs, base.policy.maxQueueDelayNs);
            QCOMPARE(c.policy.preferredBatchSizes, base.policy.preferredBatchSizes);
            QCOMPARE(c.policy.rule, base.policy.rule);
            QCOMPARE(c.instances, base.instances);
        } else {
            QCOMPARE(c.maxSequences, base.maxSequences);
            QCOMPARE(c.tokenBudget, base.tokenBudget);
            QCOMPARE(c.chunkedPrefill, base.chunkedPrefill);
        }
        if (base.arrivals == ArrivalPattern::ClosedLoop) {
            QCOMPARE(c.clients, base.clients);
        } else {
            QCOMPARE(c.ratePerSecond, base.ratePerSecond);
            QCOMPARE(c.burstiness, base.burstiness);
        }
        QCOMPARE(back->rows.size(), rows.size());
        for (qsizetype i = 0; i < rows.size(); ++i) {
            const SweepRow &a = rows.at(i);
            const SweepRow &b = back->rows.at(i);
            QCOMPARE(b.maxBatchSize, a.maxBatchSize);
            QCOMPARE(b.maxWaitMs, a.maxWaitMs);
            QCOMPARE(b.tokenBudget, a.tokenBudget);
            QCOMPARE(b.rate, a.rate);
            QCOMPARE(b.result.completed, a.result.completed);
            QCOMPARE(b.result.requestsPerSecond, a.result.requestsPerSecond);
            QCOMPARE(b.result.outputTokensPerSecond, a.result.outputTokensPerSecond);
            QCOMPARE(b.result.totalTokensPerSecond, a.result.totalTokensPerSecond);
            compareDistributions(b.result.ttftMs, a.result.ttftMs);
            compareDistributions(b.result.tpotMs, a.result.tpotMs);
            compareDistributions(b.result.e2eMs, a.result.e2eMs);
            compareDistributions(b.result.queueWaitMs, a.result.queueWaitMs);
            QCOMPARE(b.result.batchSizeHistogram, a.result.batchSizeHistogram);
            QCOMPARE(b.result.meanBatchSize, a.result.meanBatchSize);
            QCOMPARE(b.result.utilisation, a.result.utilisation);
            QCOMPARE(b.result.sloAttainment, a.result.sloAttainment);
            QCOMPARE(b.result.goodputRps, a.result.goodputRps);
        }
        QCOMPARE(back->analysis.paretoFront, analysis.paretoFront);
        QCOMPARE(back->analysis.knee, analysis.knee);
        QCOMPARE(back->analysis.bestUnderSlo, analysis.bestUnderSlo);
        QCOMPARE(back->elapsedMs, 1234);
        // Written again: the same document.
        QCOMPARE(BatchExport::simulationJson(back->base, back->rows, back->analysis, back->elapsedMs), json);
    }

    void endpointSweepRoundTrip()
    {
        const EndpointSweepDocument doc = sweepDocument(QStringLiteral("gpu-a"));
        const EndpointSweepConfig &config = doc.config;
        const QList<SweepLevelResult> &results = doc.results;
        const EndpointSweepAnalysis &analysis = doc.analysis;
        const QJsonObject json = BatchExport::endpointSweepJson(config, results, analysis);
        const QByteArray bytes = QJsonDocument(json).toJson();
        QVERIFY(!bytes.contains("SECRET"));
        QVERIFY(!bytes.contains("pw@"));
        QString error;
        const auto back = BatchExport::readEndpointSweep(QJsonDocument::fromJson(bytes).object(), &error);
        QVERIFY2(back, qPrintable(error));
        const EndpointSweepConfig &c = back->config;
        QCOMPARE(c.endpoint.name, config.endpoint.name);
        QCOMPARE(c.endpoint.protocol, config.endpoint.protocol);
        QCOMPARE(c.endpoint.model, config.endpoint.model);
        QCOMPARE(c.endpoint.baseUrl, QUrl(QStringLiteral("https://gpu-a.example/v1")));
        QCOMPARE(c.endpoint.verifyTls, false);
        QVERIFY(c.endpoint.apiKey.isEmpty());
        QCOMPARE(c.axis, config.axis);
        QCOMPARE(c.windowRequests, config.windowRequests);
        QCOMPARE(c.windowSeconds, config.windowSeconds);
        QCOMPARE(c.maxWindows, config.maxWindows);
        QCOMPARE(c.slo.ttftMs, config.slo.ttftMs);
        QCOMPARE(c.slo.tpotMs, config.slo.tpotMs);
        QCOMPARE(c.sloTarget, config.sloTarget);
        QCOMPARE(back->results.size(), results.size());
        for (qsizetype i = 0; i < results.size(); ++i) {
            const SweepLevelResult &a = results.at(i);
            const SweepLevelResult &b = back->results.at(i);
            QCOMPARE(b.level, a.level);
            QCOMPARE(b.requestsOk, a.requestsOk);
            QCOMPARE(b.requestsFailed, a.requestsFailed);
            QCOMPARE(b.requestsFinished, a.requestsFinished);
            QCOMPARE(b.failuresByClass, a.failuresByClass);
            QCOMPARE(b.requestsPerSecond, a.requestsPerSecond);
            QCOMPARE(b.outputTokensPerSecond, a.outputTokensPerSecond);
            compareDistributions(b.ttftMs, a.ttftMs);
            compareDistributions(b.tpotMs, a.tpotMs);
            compareDistributions(b.e2eMs, a.e2eMs);
            QCOMPARE(b.windowTokensPerSecond, a.windowTokensPerSecond);
            QCOMPARE(b.measuredWindows, a.measuredWindows);
            QCOMPARE(b.measuredSeconds, a.measuredSeconds);
            QCOMPARE(b.stable, a.stable);
            QCOMPARE(b.goodput, a.goodput);
            QCOMPARE(b.sloAttainment, a.sloAttainment);
        }
        QCOMPARE(back->analysis.knee, analysis.knee);
        QCOMPARE(back->analysis.bestSloLevel, analysis.bestSloLevel);
        QCOMPARE(back->analysis.paretoFront, analysis.paretoFront);
        QCOMPARE(BatchExport::endpointSweepJson(back->config, back->results, back->analysis), json);
    }

    // The GUI's export of several endpoints swept side by side.
    void severalSweeps()
    {
        const QList<EndpointSweepDocument> sweeps { sweepDocument(QStringLiteral("gpu-a")),
                                                    sweepDocument(QStringLiteral("gpu \"b\", fp8")) };
        const QJsonObject json = BatchExport::endpointSweepsJson(sweeps);
        QCOMPARE(json.value(QStringLiteral("sweeps")).toArray().size(), 2);
        const auto back = BatchExport::readEndpointSweeps(json);
        QVERIFY(back);
        QCOMPARE(back->size(), 2);
        QCOMPARE(back->at(1).config.endpoint.name, sweeps.at(1).config.endpoint.name);
        QCOMPARE(back->at(1).results.size(), sweeps.at(1).results.size());
        // One sweep alone is exactly the CLI's document.
        const QJsonObject one = BatchExport::endpointSweepsJson({ sweeps.constFirst() });
        QVERIFY(!one.contains(QStringLiteral("sweeps")));
        QCOMPARE(BatchExport::readEndpointSweeps(one)->size(), 1);

        const QList<QByteArray> lines = BatchExport::endpointSweepsCsv(sweeps).split('\n');
        QCOMPARE(lines.size(), 1 + 3 + 3 + 1); // one header, three levels each, the last newline
        QVERIFY(lines.at(0).startsWith("endpoint,level,requests_ok,"));
        QVERIFY(lines.at(1).startsWith("\"gpu-a\",1,40,"));
        QVERIFY(lines.at(4).startsWith("\"gpu \"\"b\"\", fp8\",1,40,"));
    }

    void refusesOtherDocuments()
    {
        QString error;
        QVERIFY(!BatchExport::readEndpointSweep(QJsonObject { { QStringLiteral("rows"), QJsonArray {} } },
                                                &error));
        QVERIFY(!error.isEmpty());
        error.clear();
        QVERIFY(!BatchExport::readSimulation(QJsonObject { { QStringLiteral("levels"), QJsonArray {} } },
                                             &error));
        QVERIFY(!error.isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestBatchExport)
#include "tst_batchexport.moc"
