// The typical semantic-cache scenario, replayed as the text that claims it sets it up: five
// queries, capacity 10,000, TTL 1,800 s, threshold 0.85. Every expected figure below is the
// text's (its queries, its settings, the outcomes it claims, what its exact-text sketch counts),
// never one read back from TokenScope's own tables.
#include "cache/cachesimulator.h"
#include "cache/embedder.h"
#include "cache/referencescenario.h"
#include "endpoint/embeddedendpoint.h"
#include "sim/hashingembedder.h"

#include <QTest>

#include <cmath>

namespace {

using Kind = CacheLookup::Kind;

/// The five queries exactly as written: ASCII question marks, a space after "Python".
QStringList typicalQueries()
{
    return { QStringLiteral("什么是机器学习?"), QStringLiteral("什么是机器学习?"),
             QStringLiteral("机器学习是什么?"), QStringLiteral("Python 怎么学?"),
             QStringLiteral("Python 怎么学?") };
}

/// Miss, exact hit, semantic hit (the reworded question), miss, exact hit.
const QList<Kind> ClaimedOutcomes { Kind::Miss, Kind::ExactHit, Kind::SemanticHit, Kind::Miss,
                                    Kind::ExactHit };
/// What the sketch's exact-text cache does: the reworded question misses.
const QList<Kind> ExactTextOutcomes { Kind::Miss, Kind::ExactHit, Kind::Miss, Kind::Miss, Kind::ExactHit };

CacheSimConfig typicalConfig(double threshold = 0.85)
{
    CacheSimConfig config;
    config.cache.maxEntries = 10'000;
    config.cache.ttlNs = 1800ll * 1'000'000'000;
    config.cache.threshold = threshold;
    config.thresholds = { threshold };
    return config;
}

QList<QList<float>> embedAll(const QueryTrace &trace)
{
    const HashingEmbedder embedder;
    QList<QList<float>> vectors;
    for (const TraceQuery &q : trace.queries)
        vectors.append(embedder.embed(q.text));
    return vectors;
}

double cosine(const QList<float> &a, const QList<float> &b)
{
    double dot = 0, na = 0, nb = 0;
    for (qsizetype i = 0; i < a.size(); ++i) {
        dot += double(a.at(i)) * double(b.at(i));
        na += double(a.at(i)) * double(a.at(i));
        nb += double(b.at(i)) * double(b.at(i));
    }
    return dot / std::sqrt(na * nb);
}

QList<Kind> kindsOf(const CacheReport &report)
{
    QList<Kind> kinds;
    for (const QueryOutcome &o : report.outcomes)
        kinds.append(o.kind);
    return kinds;
}

} // namespace

class TestCacheReference : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase()
    {
        m_trace = QueryTraceReader::reference();
        QCOMPARE(m_trace.queries.size(), 5);
        m_vectors = embedAll(m_trace);
        // The built-in embedder's score of the reworded pair (什么是机器学习? / 机器学习是什么?).
        m_pair = cosine(m_vectors.at(0), m_vectors.at(2));
    }

    void theTraceIsTheScenario()
    {
        QString error;
        const auto trace = QueryTraceReader::readFile(QStringLiteral("reference"), &error);
        QVERIFY2(trace, qPrintable(error));
        QCOMPARE(trace->source, QStringLiteral("reference"));
        QVERIFY(ReferenceScenario::isReference(*trace));
        QStringList texts;
        for (const TraceQuery &q : trace->queries)
            texts.append(q.text);
        QCOMPARE(texts, typicalQueries());
        QCOMPARE(ReferenceScenario::expectedOutcomes(), ClaimedOutcomes);
    }

    void theSettingsAreTheTypicalOnes()
    {
        const CacheConfig config = ReferenceScenario::withDefaults({});
        QCOMPARE(config.maxEntries, qsizetype(10'000));
        QCOMPARE(config.ttlNs, 1800ll * 1'000'000'000);
        QCOMPARE(config.threshold, 0.85);
    }

    // At 0.85 the built-in embedder does not reach the reworded pair: the scenario plays as the
    // exact-text sketch counts it, and the comparison says why and what threshold would match.
    void builtinEmbedderAtTheTypicalThreshold()
    {
        QVERIFY2(m_pair < 0.85, qPrintable(QString::number(m_pair)));
        const CacheReport report
            = CacheSimulator::replay(m_trace, m_vectors, HashingEmbedder::DefaultDimension, typicalConfig());
        QVERIFY2(report.error.isEmpty(), qPrintable(report.error));
        QCOMPARE(kindsOf(report), ExactTextOutcomes);
        const QueryOutcome &reworded = report.outcomes.at(2);
        QCOMPARE(reworded.matchedText, QStringLiteral("什么是机器学习?"));
        QVERIFY(reworded.score < 0.85f);
        QVERIFY(std::abs(double(reworded.score) - m_pair) < 1e-5);
        // Three answers stored (queries 1, 3 and 4), two hits, three misses: 40.0%.
        QCOMPARE(report.cacheSize, qsizetype(3));
        QCOMPARE(report.stats.hits(), 2);
        QCOMPARE(report.stats.misses, 3);
        QCOMPARE(ReferenceScenario::statsText(report.cacheSize, report.stats),
                 QStringLiteral("size 3, hits 2, misses 3, hit rate 40.0%"));

        const ReferenceComparison comparison = ReferenceScenario::compare(report, m_vectors);
        QVERIFY(comparison.isComplete());
        QVERIFY(!comparison.agrees());
        for (const ReferenceQueryCheck &q : comparison.queries)
            QCOMPARE(q.agrees(), q.index != 2);
        QVERIFY(comparison.pairSimilarity);
        QVERIFY(std::abs(*comparison.pairSimilarity - m_pair) < 1e-6);
        QVERIFY(comparison.matchingThreshold);
        QVERIFY(*comparison.matchingThreshold <= m_pair);
        QVERIFY(*comparison.matchingThreshold > m_pair - 0.011);
        const QString notes = comparison.notes().join(u' ');
        QVERIFY2(notes.contains(QStringLiteral("0.85")), qPrintable(notes));
        QVERIFY2(notes.contains(QString::number(m_pair, 'f', 3)), qPrintable(notes));
        QVERIFY2(notes.contains(QStringLiteral("a threshold of %1 or lower")
                                    .arg(QString::number(*comparison.matchingThreshold, 'f', 2))),
                 qPrintable(notes));

        // Without the vectors the pair's score comes from the reworded query's best match.
        const ReferenceComparison fromReport = ReferenceScenario::compare(report);
        QVERIFY(fromReport.pairSimilarity);
        QVERIFY(std::abs(*fromReport.pairSimilarity - m_pair) < 1e-5);
    }

    // Lowered to the pair's score, the threshold gives every claimed outcome.
    void theRewordedPairMatchesAtItsScore()
    {
        const double suggested = ReferenceScenario::matchingThreshold(m_pair);
        // The score itself (less a float's rounding), and the threshold the comparison suggests.
        for (double threshold : { m_pair - 1e-6, suggested }) {
            const CacheReport report = CacheSimulator::replay(
                m_trace, m_vectors, HashingEmbedder::DefaultDimension, typicalConfig(threshold));
            QCOMPARE(kindsOf(report), ClaimedOutcomes);
            QCOMPARE(report.outcomes.at(2).matchedText, QStringLiteral("什么是机器学习?"));
            QVERIFY(!report.outcomes.at(2).falseHit);
            // The reworded query is served, not stored: two answers, three hits, two misses.
            QCOMPARE(report.cacheSize, qsizetype(2));
            QCOMPARE(report.stats.hits(), 3);
            QCOMPARE(report.stats.misses, 2);
            QCOMPARE(ReferenceScenario::statsText(report.cacheSize, report.stats),
                     QStringLiteral("size 2, hits 3, misses 2, hit rate 60.0%"));
            QVERIFY(ReferenceScenario::compare(report, m_vectors).agrees());
        }
        // Just above the score it misses again: the score is where the pair starts to match.
        const CacheReport above = CacheSimulator::replay(
            m_trace, m_vectors, HashingEmbedder::DefaultDimension, typicalConfig(m_pair + 1e-4));
        QCOMPARE(above.outcomes.at(2).kind, Kind::Miss);
    }

    // The sketch matches exact text only; so does the cache with its semantic layer off.
    void exactTextOnlyMissesTheRewording()
    {
        CacheSimConfig config = typicalConfig();
        config.cache.semantic = false;
        const CacheReport report
            = CacheSimulator::replay(m_trace, m_vectors, HashingEmbedder::DefaultDimension, config);
        QCOMPARE(kindsOf(report), ExactTextOutcomes);
        QCOMPARE(ReferenceScenario::statsText(report.cacheSize, report.stats),
                 QStringLiteral("size 3, hits 2, misses 3, hit rate 40.0%"));
        const ReferenceComparison comparison = ReferenceScenario::compare(report, m_vectors);
        QVERIFY(!comparison.semantic);
        QVERIFY(comparison.notes().join(u' ').contains(QStringLiteral("semantic layer is off")));
    }

    // Embeddings from an endpoint's /v1/embeddings go through the same comparison. The embedded
    // endpoint serves the built-in embedder, so the decisions and the pair's score are the same.
    void endpointEmbedderGivesTheSameAnswer()
    {
        LatencyModel fast;
        fast.networkMs = 1;
        fast.inferenceMs = 1;
        fast.jitter = 0;
        EmbeddedEndpointRunner endpoint;
        QVERIFY2(endpoint.start(fast), qPrintable(endpoint.errorString()));
        EndpointProfile profile;
        profile.name = QStringLiteral("embedded");
        profile.baseUrl = endpoint.baseUrl();
        profile.baseUrl.setPath(QStringLiteral("/v1"));
        RemoteEmbedder embedder(profile);

        CacheSimulator simulator;
        const CacheReport report = QCoro::waitFor(simulator.run(m_trace, &embedder, typicalConfig()));
        QVERIFY2(report.error.isEmpty(), qPrintable(report.error));
        QCOMPARE(kindsOf(report), ExactTextOutcomes);
        QCOMPARE(ReferenceScenario::statsText(report.cacheSize, report.stats),
                 QStringLiteral("size 3, hits 2, misses 3, hit rate 40.0%"));
        const ReferenceComparison comparison = ReferenceScenario::compare(report, simulator.vectors());
        QVERIFY(comparison.pairSimilarity);
        QVERIFY2(std::abs(*comparison.pairSimilarity - m_pair) < 1e-4,
                 qPrintable(QString::number(*comparison.pairSimilarity)));
        QVERIFY(comparison.notes().join(u' ').contains(embedder.name()));

        const CacheReport lowered = CacheSimulator::replay(m_trace, simulator.vectors(),
                                                           int(simulator.vectors().constFirst().size()),
                                                           typicalConfig(*comparison.matchingThreshold));
        QCOMPARE(kindsOf(lowered), ClaimedOutcomes);
    }

private:
    QueryTrace m_trace;
    QList<QList<float>> m_vectors;
    double m_pair = 0;
};

QTEST_GUILESS_MAIN(TestCacheReference)
#include "tst_cachereference.moc"
