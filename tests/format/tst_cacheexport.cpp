// A cache simulation's report as JSON (tokenscope-cli cache-sim --json), read back: settings,
// counts (with size and hits in the typical words), savings, the threshold curve, the sweeps,
// every query and the typical scenario's reference block; and its CSV quoting.
#include "format/cacheexport.h"

#include <QJsonDocument>
#include <QTest>

namespace {

ThresholdPoint point(double threshold)
{
    return {
        threshold, qint64(100 * threshold), qint64(10 * threshold), threshold / 2, threshold / 20, 0.875, 0.5,
        0.625
    };
}

CacheReport report(bool online)
{
    CacheReport r;
    r.traceSource = QStringLiteral("sample");
    r.embedder = QStringLiteral("builtin-hashing-256");
    r.indexKind = QStringLiteral("exact");
    r.online = online;
    r.config.cache.threshold = 0.85;
    r.config.cache.semantic = true;
    r.config.cache.ttlNs = 90'000'000'000;
    r.config.cache.ttlMode = TtlMode::Sliding;
    r.config.cache.maxEntries = 500;
    r.config.cache.maxBytes = 1 << 20;
    r.config.cache.policy = EvictionPolicy::Lfu;
    r.config.cache.admitSemanticHits = true;
    r.config.maxFalseHitRate = 0.02;
    r.stats.lookups = 40;
    r.stats.exactHits = 6;
    r.stats.semanticHits = 9;
    r.stats.misses = 25;
    r.stats.inserts = 25;
    r.stats.evictions = 2;
    r.stats.expirations = 1;
    r.stats.falseHits = 1;
    r.stats.missedDuplicates = 3;
    r.cacheSize = 23;
    r.meanMissLatencyMs = 812.5;
    r.meanHitLatencyMs = 1.25;
    r.totalLatencyWithoutMs = 32'500;
    r.totalLatencyWithMs = 20'331.25;
    r.tokensWithout = 9000;
    r.tokensWith = 5600;
    r.costWithout = 0.0135;
    r.costWith = 0.0084;
    r.curve = { point(0.5), point(0.75), point(0.99) };
    r.best = point(0.75);
    r.capacitySweep = { { 10, 0.25, 0.3, 0.2, 0.375 }, { 100, 0.375, 0.375, 0.375, 0.375 } };
    r.ttlSweep = { { 0, 0.375, 0 }, { 60, 0.3, 4 } };
    QueryOutcome hit;
    hit.index = 0;
    hit.text = QStringLiteral("什么是机器学习？");
    hit.group = QStringLiteral("ml");
    hit.kind = CacheLookup::Kind::SemanticHit;
    hit.score = 0.8125f;
    hit.matchedText = QStringLiteral("机器学习是什么？");
    hit.latencyMs = 1.5;
    hit.lookupMs = 0.25;
    hit.duplicatePresent = true;
    QueryOutcome falseHit = hit;
    falseHit.index = 1;
    falseHit.text = QStringLiteral("What is \"deep\" learning, briefly?");
    falseHit.group = QStringLiteral("dl");
    falseHit.falseHit = true;
    QueryOutcome miss;
    miss.index = 2;
    miss.text = QStringLiteral("new question");
    miss.kind = CacheLookup::Kind::Miss;
    miss.latencyMs = 800.75;
    miss.lookupMs = 0.5;
    if (online)
        miss.error = QStringLiteral("HTTP 503: overloaded");
    QueryOutcome exact = miss;
    exact.index = 3;
    exact.kind = CacheLookup::Kind::ExactHit;
    exact.score = 1;
    exact.error.clear();
    r.outcomes = { hit, falseHit, miss, exact };
    if (online) {
        r.endpointName = QStringLiteral("gpu-a");
        r.sentRequests = 25;
        r.failedRequests = 1;
    }
    return r;
}

} // namespace

class TestCacheExport : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void reportRoundTrip_data()
    {
        QTest::addColumn<bool>("online");
        QTest::newRow("offline") << false;
        QTest::newRow("against an endpoint") << true;
    }

    void reportRoundTrip()
    {
        QFETCH(bool, online);
        const CacheReport a = report(online);
        const QJsonObject json = CacheExport::reportJson(a);
        QString error;
        const auto read
            = CacheExport::readReport(QJsonDocument::fromJson(QJsonDocument(json).toJson()).object(), &error);
        QVERIFY2(read, qPrintable(error));
        QVERIFY(!read->reference); // only a replay of the typical scenario has one
        const CacheReport &b = read->report;
        QCOMPARE(b.traceSource, a.traceSource);
        QCOMPARE(b.embedder, a.embedder);
        QCOMPARE(b.indexKind, a.indexKind);
        QCOMPARE(b.online, a.online);
        QCOMPARE(b.config.cache.threshold, a.config.cache.threshold);
        QCOMPARE(b.config.cache.semantic, a.config.cache.semantic);
        QCOMPARE(b.config.cache.ttlNs, a.config.cache.ttlNs);
        QCOMPARE(b.config.cache.ttlMode, a.config.cache.ttlMode);
        QCOMPARE(b.config.cache.maxEntries, a.config.cache.maxEntries);
        QCOMPARE(b.config.cache.maxBytes, a.config.cache.maxBytes);
        QCOMPARE(b.config.cache.policy, a.config.cache.policy);
        QCOMPARE(b.config.cache.admitSemanticHits, a.config.cache.admitSemanticHits);
        QCOMPARE(b.config.maxFalseHitRate, a.config.maxFalseHitRate);
        QCOMPARE(b.stats.hitRate(), a.stats.hitRate());
        QCOMPARE(b.stats.falseHitRate(), a.stats.falseHitRate());
        QCOMPARE(b.stats.missedDuplicates, a.stats.missedDuplicates);
        QCOMPARE(b.stats.inserts, a.stats.inserts);
        QCOMPARE(b.cacheSize, a.cacheSize);
        QCOMPARE(b.stats.hits(), a.stats.hits());
        QCOMPARE(b.latencySavedShare(), a.latencySavedShare());
        QCOMPARE(b.tokensSavedShare(), a.tokensSavedShare());
        QCOMPARE(b.costSavedShare(), a.costSavedShare());
        QCOMPARE(b.meanMissLatencyMs, a.meanMissLatencyMs);
        QCOMPARE(b.meanHitLatencyMs, a.meanHitLatencyMs);
        QCOMPARE(b.curve.size(), a.curve.size());
        QCOMPARE(b.curve.constLast().f1, a.curve.constLast().f1);
        QCOMPARE(b.curve.at(1).falseHits, a.curve.at(1).falseHits);
        QVERIFY(b.best);
        QCOMPARE(b.best->threshold, a.best->threshold);
        QCOMPARE(b.capacitySweep.size(), a.capacitySweep.size());
        QCOMPARE(b.capacitySweep.constFirst().capacity, a.capacitySweep.constFirst().capacity);
        QCOMPARE(b.capacitySweep.constFirst().belady, a.capacitySweep.constFirst().belady);
        QCOMPARE(b.ttlSweep.constLast().expirations, a.ttlSweep.constLast().expirations);
        QCOMPARE(b.outcomes.size(), a.outcomes.size());
        for (qsizetype i = 0; i < a.outcomes.size(); ++i) {
            const QueryOutcome &x = a.outcomes.at(i);
            const QueryOutcome &y = b.outcomes.at(i);
            QCOMPARE(y.index, x.index);
            QCOMPARE(y.text, x.text);
            QCOMPARE(y.group, x.group);
            QCOMPARE(y.kind, x.kind);
            QCOMPARE(y.score, x.score);
            QCOMPARE(y.matchedText, x.matchedText);
            QCOMPARE(y.falseHit, x.falseHit);
            QCOMPARE(y.duplicatePresent, x.duplicatePresent);
            QCOMPARE(y.latencyMs, x.latencyMs);
            QCOMPARE(y.lookupMs, x.lookupMs);
            QCOMPARE(y.error, x.error);
        }
        QCOMPARE(b.endpointName, a.endpointName);
        QCOMPARE(b.sentRequests, a.sentRequests);
        QCOMPARE(b.failedRequests, a.failedRequests);
        // Written again: the same document.
        QCOMPARE(CacheExport::reportJson(b), json);
    }

    void sizeAndHitsInTheTypicalWords()
    {
        const QJsonObject stats
            = CacheExport::reportJson(report(false)).value(QLatin1String("stats")).toObject();
        QCOMPARE(stats.value(QLatin1String("size")).toInteger(), 23);
        QCOMPARE(stats.value(QLatin1String("hits")).toInteger(), 6 + 9);
    }

    // The typical scenario (miss, exact hit, semantic hit claimed for the rephrasing, miss, exact
    // hit) replayed by an exact-text cache: 3 entries, 2 hits, 3 misses, "40.0%"; its reference
    // block read back into the comparison it was written from.
    void referenceBlockRoundTrip()
    {
        CacheReport r = report(false);
        r.traceSource = ReferenceScenario::name();
        r.config.cache = ReferenceScenario::withDefaults(r.config.cache);
        r.config.cache.semantic = false;
        r.stats = {};
        r.stats.lookups = 5;
        r.stats.exactHits = 2;
        r.stats.misses = 3;
        r.stats.inserts = 3;
        r.cacheSize = 3;
        r.curve.clear();
        r.best.reset();
        r.capacitySweep.clear();
        r.ttlSweep.clear();
        const QStringList texts { QStringLiteral("什么是机器学习?"), QStringLiteral("什么是机器学习?"),
                                  QStringLiteral("机器学习是什么?"), QStringLiteral("Python 怎么学?"),
                                  QStringLiteral("Python 怎么学?") };
        const QList<CacheLookup::Kind> kinds { CacheLookup::Kind::Miss, CacheLookup::Kind::ExactHit,
                                               CacheLookup::Kind::Miss, CacheLookup::Kind::Miss,
                                               CacheLookup::Kind::ExactHit };
        r.outcomes.clear();
        for (int i = 0; i < texts.size(); ++i) {
            QueryOutcome o;
            o.index = i;
            o.text = texts.at(i);
            o.kind = kinds.at(i);
            if (o.kind == CacheLookup::Kind::ExactHit) {
                o.score = 1;
                o.matchedText = texts.at(i);
            }
            r.outcomes.append(o);
        }
        r.outcomes[2].score = 0.78125f; // the rephrasing's best match: the first question
        r.outcomes[2].matchedText = texts.at(0);
        const ReferenceComparison a = ReferenceScenario::compare(r);
        QVERIFY(a.isComplete());
        QVERIFY(a.pairSimilarity);
        QVERIFY(!a.agrees()); // the third query misses where a semantic hit is claimed

        const QJsonObject json = CacheExport::reportJson(r, a);
        const QJsonObject stats = json.value(QLatin1String("stats")).toObject();
        QCOMPARE(stats.value(QLatin1String("size")).toInteger(), 3);
        QCOMPARE(stats.value(QLatin1String("hits")).toInteger(), 2);
        const QJsonObject referenceJson = json.value(QLatin1String("reference")).toObject();
        const QJsonObject referenceStats = referenceJson.value(QLatin1String("stats")).toObject();
        QCOMPARE(referenceStats.value(QLatin1String("size")).toInteger(), 3);
        QCOMPARE(referenceStats.value(QLatin1String("hits")).toInteger(), 2);
        QCOMPARE(referenceStats.value(QLatin1String("misses")).toInteger(), 3);
        QCOMPARE(referenceStats.value(QLatin1String("hit_rate")).toString(), QStringLiteral("40.0%"));
        QCOMPARE(referenceJson.value(QLatin1String("settings"))
                     .toObject()
                     .value(QLatin1String("capacity"))
                     .toInteger(),
                 10'000);
        QCOMPARE(referenceJson.value(QLatin1String("agrees")).toBool(), false);

        QString error;
        const auto read
            = CacheExport::readReport(QJsonDocument::fromJson(QJsonDocument(json).toJson()).object(), &error);
        QVERIFY2(read, qPrintable(error));
        QCOMPARE(read->report.cacheSize, qsizetype(3));
        QCOMPARE(read->report.stats.hits(), 2);
        QVERIFY(read->reference);
        const ReferenceComparison &b = *read->reference;
        QCOMPARE(b.queries.size(), a.queries.size());
        for (qsizetype i = 0; i < a.queries.size(); ++i) {
            const ReferenceQueryCheck &x = a.queries.at(i);
            const ReferenceQueryCheck &y = b.queries.at(i);
            QCOMPARE(y.index, x.index);
            QCOMPARE(y.text, x.text);
            QCOMPARE(y.expected, x.expected);
            QCOMPARE(y.actual, x.actual);
            QCOMPARE(y.score, x.score);
            QCOMPARE(y.matchedText, x.matchedText);
        }
        QCOMPARE(b.queries.at(2).expected, CacheLookup::Kind::SemanticHit);
        QCOMPARE(b.queries.at(2).actual, CacheLookup::Kind::Miss);
        QCOMPARE(b.pairQuery, a.pairQuery);
        QCOMPARE(b.pairCached, a.pairCached);
        QCOMPARE(b.pairSimilarity, a.pairSimilarity);
        QCOMPARE(b.matchingThreshold, a.matchingThreshold);
        QCOMPARE(b.embedder, a.embedder);
        QCOMPARE(b.threshold, a.threshold);
        QCOMPARE(b.semantic, a.semantic);
        QCOMPARE(b.agrees(), a.agrees());
        QCOMPARE(b.notes(), a.notes()); // the same explanation from what was read
        // Written again: the same document.
        QCOMPARE(CacheExport::reportJson(*read), json);
    }

    void refusesHitsThatDisagreeWithTheirLayers()
    {
        QJsonObject json = CacheExport::reportJson(report(false));
        QJsonObject stats = json.value(QLatin1String("stats")).toObject();
        stats.insert(QStringLiteral("hits"), 14); // exact 6 + semantic 9 = 15
        json.insert(QStringLiteral("stats"), stats);
        QString error;
        QVERIFY(!CacheExport::readReport(json, &error));
        QVERIFY2(error.contains(QStringLiteral("14")) && error.contains(QStringLiteral("15")),
                 qPrintable(error));
    }

    void csvQuotesWhatNeedsIt()
    {
        const QByteArray csv = CacheExport::outcomesCsv(report(false));
        const QList<QByteArray> lines = csv.split('\n');
        QCOMPARE(lines.size(), 4 + 2); // header, four queries, the final newline
        QVERIFY(lines.at(0).startsWith("index,time_s,text,"));
        QVERIFY(lines.at(2).contains(",\"What is \"\"deep\"\" learning, briefly?\",dl,semantic,0.8125,"));
        QCOMPARE(CacheExport::curveCsv(report(false)).count('\n'), 1 + 3);
    }

    void refusesOtherDocuments()
    {
        QString error;
        QVERIFY(!CacheExport::readReport(QJsonObject { { QStringLiteral("stats"), 1 } }, &error));
        QVERIFY(!error.isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestCacheExport)
#include "tst_cacheexport.moc"
