#include "cache/cachesimulator.h"
#include "cache/embedder.h"
#include "endpoint/embeddedendpoint.h"
#include "sim/hashingembedder.h"

#include <QTest>

#include <cmath>

namespace {

QList<QList<float>> embedAll(const QueryTrace &trace)
{
    const HashingEmbedder embedder;
    QList<QList<float>> vectors;
    for (const TraceQuery &q : trace.queries)
        vectors.append(embedder.embed(q.text));
    return vectors;
}

} // namespace

class TestCacheSimulator : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase()
    {
        m_trace = QueryTraceReader::sample();
        QVERIFY(m_trace.queries.size() > 200);
        m_vectors = embedAll(m_trace);
    }

    // The curve comes from one replay; a real replay at any of its thresholds (semantic hits
    // admitted, no capacity limit) must give the same counts.
    void curveMatchesRealReplays()
    {
        const QList<double> thresholds { 0.55, 0.7, 0.8, 0.9, 0.97 };
        CacheConfig base;
        const QList<ThresholdPoint> curve = CacheSimulator::thresholdCurve(
            m_trace, m_vectors, HashingEmbedder::DefaultDimension, base, thresholds);
        QCOMPARE(curve.size(), thresholds.size());
        for (const ThresholdPoint &point : curve) {
            CacheSimConfig config;
            config.cache.threshold = point.threshold;
            config.cache.admitSemanticHits = true;
            const CacheReport report
                = CacheSimulator::replay(m_trace, m_vectors, HashingEmbedder::DefaultDimension, config);
            QCOMPARE(report.stats.hits(), point.hits);
            QCOMPARE(report.stats.falseHits, point.falseHits);
            QCOMPARE(report.stats.hitRate(), point.hitRate);
        }
        // A looser threshold never hits less, and its false hits never fall.
        for (qsizetype i = 1; i < curve.size(); ++i) {
            QVERIFY(curve.at(i - 1).hits >= curve.at(i).hits);
            QVERIFY(curve.at(i - 1).falseHits >= curve.at(i).falseHits);
        }
        QVERIFY(curve.constFirst().hits > curve.constLast().hits);
    }

    void bestThresholdRespectsTheLimit()
    {
        const QList<ThresholdPoint> curve = CacheSimulator::thresholdCurve(
            m_trace, m_vectors, HashingEmbedder::DefaultDimension, {}, CacheSimulator::defaultThresholds());
        QCOMPARE(curve.size(), 50);
        const auto best = CacheSimulator::bestThreshold(curve, 0.01);
        QVERIFY(best);
        QVERIFY(best->falseHitRate <= 0.01);
        for (const ThresholdPoint &p : curve) {
            if (p.falseHitRate <= 0.01)
                QVERIFY(p.hits <= best->hits);
        }
        QVERIFY(!CacheSimulator::bestThreshold(curve, -1)); // nothing meets an impossible limit
        // Precision, recall and F1 are consistent.
        for (const ThresholdPoint &p : curve) {
            QVERIFY(p.precision >= 0 && p.precision <= 1 && p.recall >= 0 && p.recall <= 1);
            if (p.precision + p.recall > 0)
                QVERIFY(std::abs(p.f1 - 2 * p.precision * p.recall / (p.precision + p.recall)) < 1e-12);
        }
    }

    void beladyIsOptimal()
    {
        // a b c a b d a: with two slots, keeping a and b through c and d gives 3 hits.
        QCOMPARE(CacheSimulator::beladyHits({ 1, 2, 3, 1, 2, 4, 1 }, 2), 3);
        QCOMPARE(CacheSimulator::beladyHits({ 1, 1, 1 }, 1), 2);
        QCOMPARE(CacheSimulator::beladyHits({ 1, 2, 1, 2 }, 0), 0);
    }

    void capacitySweepBoundsThePolicies()
    {
        CacheConfig config;
        const QList<CapacityPoint> points = CacheSimulator::capacitySweep(
            m_trace, m_vectors, HashingEmbedder::DefaultDimension, config, { 5, 20, 60, 100000 });
        QCOMPARE(points.size(), 4);
        for (const CapacityPoint &p : points) {
            QVERIFY2(p.belady + 0.02 >= std::max({ p.lru, p.lfu, p.fifo }),
                     qPrintable(QStringLiteral("capacity %1: belady %2 lru %3")
                                    .arg(p.capacity)
                                    .arg(p.belady)
                                    .arg(p.lru)));
        }
        QVERIFY(points.at(0).lru < points.at(2).lru);
        // Unlimited: every policy is the same cache, and Belady is exact for it.
        QCOMPARE(points.at(3).lru, points.at(3).fifo);
        QCOMPARE(points.at(3).lru, points.at(3).belady);
    }

    void ttlSweepFollowsTheTraceClock()
    {
        const QList<TtlPoint> points = CacheSimulator::ttlSweep(
            m_trace, m_vectors, HashingEmbedder::DefaultDimension, {}, { 60, 600, 1e7 });
        QCOMPARE(points.size(), 3);
        QVERIFY(points.at(0).hitRate < points.at(1).hitRate);
        QVERIFY(points.at(1).hitRate <= points.at(2).hitRate);
        QVERIFY(points.at(0).expirations > points.at(1).expirations);
        QCOMPARE(points.at(2).expirations, 0);
    }

    void offlineSavingsAddUp()
    {
        CacheSimConfig config;
        const CacheReport report
            = CacheSimulator::replay(m_trace, m_vectors, HashingEmbedder::DefaultDimension, config);
        QCOMPARE(report.outcomes.size(), m_trace.queries.size());
        QVERIFY(report.stats.hits() > 0);
        QVERIFY(report.tokensWith < report.tokensWithout);
        QVERIFY(report.latencySavedShare() > 0);
        // What the cache saves is the hits' uncached latency minus every lookup's cost.
        qint64 misses = 0;
        double hitsUncached = 0, lookups = 0;
        for (const QueryOutcome &o : report.outcomes) {
            misses += o.kind == CacheLookup::Kind::Miss ? 1 : 0;
            if (o.kind != CacheLookup::Kind::Miss)
                hitsUncached += o.uncachedLatencyMs;
            lookups += o.lookupMs;
        }
        QCOMPARE(misses, report.stats.misses);
        QVERIFY(
            std::abs((report.totalLatencyWithoutMs - report.totalLatencyWithMs) - (hitsUncached - lookups))
            < 1e-6);
    }

    // The whole simulation with the endpoint: embeddings over /v1/embeddings (batched) and
    // every miss really sent to the embedded endpoint on loopback.
    void againstTheEmbeddedEndpoint()
    {
        LatencyModel fast;
        fast.networkMs = 1;
        fast.inferenceMs = 1;
        fast.promptMsPerToken = 0;
        fast.generationMsPerToken = 0.2;
        fast.postprocessMs = 0;
        fast.jitter = 0;
        EmbeddedEndpointRunner endpoint;
        QVERIFY2(endpoint.start(fast), qPrintable(endpoint.errorString()));

        QueryTrace trace = m_trace;
        trace.queries = trace.queries.mid(0, 80);
        EndpointProfile profile;
        profile.name = QStringLiteral("embedded");
        profile.baseUrl = endpoint.baseUrl();
        profile.baseUrl.setPath(QStringLiteral("/v1"));
        profile.model = QStringLiteral("tokenscope-sim");

        RemoteEmbedder embedder(profile, 16);
        CacheSimConfig config;
        config.endpoint = profile;
        config.cost.outputTokens = 8;
        CacheSimulator simulator;
        const CacheReport report = QCoro::waitFor(simulator.run(trace, &embedder, config));
        QVERIFY2(report.error.isEmpty(), qPrintable(report.error));
        QVERIFY(report.online);
        QCOMPARE(report.failedRequests, 0);
        QVERIFY(report.stats.hits() > 0);
        QCOMPARE(report.sentRequests, report.stats.misses);
        const EndpointStats stats = endpoint.stats();
        QCOMPARE(stats.streams, report.stats.misses); // misses really went out, hits did not
        QCOMPARE(stats.requests, report.stats.misses + (80 + 15) / 16); // plus the embedding calls
        QVERIFY(report.meanMissLatencyMs > 0); // measured, so only its presence is checked here
        for (const QueryOutcome &o : report.outcomes) {
            if (o.kind == CacheLookup::Kind::Miss)
                QVERIFY(o.sent && o.completionTokens > 0 && o.uncachedLatencyMs > 0);
            else
                QVERIFY(!o.sent);
        }

        // The same replay with the built-in embedder gives the same decisions: the endpoint
        // serves the same embedder.
        BuiltinEmbedder builtin;
        CacheSimConfig offline;
        const CacheReport local = QCoro::waitFor(simulator.run(trace, &builtin, offline));
        QCOMPARE(local.stats.exactHits, report.stats.exactHits);
        QCOMPARE(local.stats.semanticHits, report.stats.semanticHits);
    }

    void embedderErrorsAreReported()
    {
        EndpointProfile profile;
        profile.baseUrl = QUrl(QStringLiteral("http://127.0.0.1:1/v1")); // nothing listens on port 1
        RemoteEmbedder embedder(profile);
        CacheSimulator simulator;
        const CacheReport report = QCoro::waitFor(simulator.run(m_trace, &embedder, {}));
        QVERIFY(!report.error.isEmpty());
        QVERIFY(report.outcomes.isEmpty());
    }

private:
    QueryTrace m_trace;
    QList<QList<float>> m_vectors;
};

QTEST_GUILESS_MAIN(TestCacheSimulator)
#include "tst_cachesimulator.moc"
