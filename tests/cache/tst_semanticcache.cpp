#include "cache/semanticcache.h"

#include "common/clock.h"
#include "sim/hashingembedder.h"

#include <QTest>

namespace {

constexpr qint64 Second = 1'000'000'000;

/// A cache with the built-in embedder wired in, as the simulator uses it.
struct Harness
{
    explicit Harness(CacheConfig config = {})
        : cache(embedder.dimension(), config, &clock)
    {
    }
    CacheLookup lookup(const QString &text, const QString &group = {})
    {
        const QList<float> v = embedder.embed(text);
        return cache.lookup(text, { v.constData(), size_t(v.size()) }, group);
    }
    quint64 insert(const QString &text, const QString &group = {},
                   const QString &answer = QStringLiteral("answer"))
    {
        const QList<float> v = embedder.embed(text);
        return cache.insert(text, { v.constData(), size_t(v.size()) }, CachedAnswer { answer, 10, 20, 100 },
                            group);
    }

    HashingEmbedder embedder;
    ManualClock clock;
    SemanticCache cache;
};

CacheConfig exactOnly()
{
    CacheConfig config;
    config.semantic = false;
    return config;
}

} // namespace

class TestSemanticCache : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void exactHitAcrossNormalisation()
    {
        Harness h(exactOnly());
        h.insert(QStringLiteral("什么是机器学习?"), {}, QStringLiteral("ML is ..."));
        const CacheLookup hit = h.lookup(QStringLiteral("  什么是 机器学习？"));
        QCOMPARE(hit.kind, CacheLookup::Kind::ExactHit);
        QCOMPARE(hit.answer.text, QStringLiteral("ML is ..."));
        QCOMPARE(hit.score, 1.0f);
        QCOMPARE(h.lookup(QStringLiteral("WHAT is ML")).kind, CacheLookup::Kind::Miss);
    }

    void seedExampleSemanticLayer()
    {
        Harness h;
        h.insert(QStringLiteral("什么是机器学习?"), QStringLiteral("ml"));
        const CacheLookup reordered = h.lookup(QStringLiteral("机器学习是什么?"), QStringLiteral("ml"));
        QCOMPARE(reordered.kind, CacheLookup::Kind::SemanticHit);
        QCOMPARE(reordered.matchedText, QStringLiteral("什么是机器学习?"));
        QVERIFY(!reordered.falseHit);

        Harness p;
        p.insert(QStringLiteral("Python 怎么学?"), QStringLiteral("python"));
        const CacheLookup java = p.lookup(QStringLiteral("Java 怎么学?"), QStringLiteral("java"));
        QCOMPARE(java.kind, CacheLookup::Kind::Miss);
        QCOMPARE(java.matchedText, QStringLiteral("Python 怎么学?")); // nearest entry still reported
        QVERIFY(java.score < float(CacheConfig::DefaultThreshold));
        QVERIFY(!java.duplicatePresent);
    }

    void exactOnlyNeverMatchesParaphrase()
    {
        Harness h(exactOnly());
        h.insert(QStringLiteral("什么是机器学习?"));
        QCOMPARE(h.lookup(QStringLiteral("机器学习是什么?")).kind, CacheLookup::Kind::Miss);
    }

    void absoluteTtl()
    {
        CacheConfig config;
        config.ttlNs = 60 * Second;
        Harness h(config);
        h.insert(QStringLiteral("q"));
        h.clock.advanceNs(59 * Second);
        QVERIFY(h.lookup(QStringLiteral("q")).isHit()); // a hit does not extend an absolute TTL
        h.clock.advanceNs(1 * Second);
        QCOMPARE(h.lookup(QStringLiteral("q")).kind, CacheLookup::Kind::Miss);
        QCOMPARE(h.cache.stats().expirations, 1);
        QCOMPARE(h.cache.size(), 0);
    }

    void slidingTtl()
    {
        CacheConfig config;
        config.ttlNs = 60 * Second;
        config.ttlMode = TtlMode::Sliding;
        Harness h(config);
        h.insert(QStringLiteral("q"));
        for (int i = 0; i < 5; ++i) {
            h.clock.advanceNs(50 * Second);
            QVERIFY2(h.lookup(QStringLiteral("q")).isHit(), "each hit restarts the TTL");
        }
        h.clock.advanceNs(60 * Second);
        QCOMPARE(h.lookup(QStringLiteral("q")).kind, CacheLookup::Kind::Miss);
        QCOMPARE(h.cache.stats().expirations, 1);
    }

    void expiredEntriesLeaveTheSemanticLayerToo()
    {
        CacheConfig config;
        config.ttlNs = 10 * Second;
        Harness h(config);
        h.insert(QStringLiteral("什么是机器学习?"));
        h.clock.advanceNs(11 * Second);
        const CacheLookup lookup = h.lookup(QStringLiteral("机器学习是什么?"));
        QCOMPARE(lookup.kind, CacheLookup::Kind::Miss);
        QCOMPARE(lookup.score, -2.0f); // nothing left to compare with
    }

    void evictionOrder_data()
    {
        QTest::addColumn<int>("policy");
        QTest::addColumn<QString>("evicted");
        // Inserted alpha, bravo, charlie (capacity 3); then hits on bravo, bravo, charlie, alpha;
        // delta comes in. Each policy picks a different victim.
        QTest::newRow("lru: least recently used") << int(EvictionPolicy::Lru) << QStringLiteral("bravo");
        QTest::newRow("fifo: first inserted") << int(EvictionPolicy::Fifo) << QStringLiteral("alpha");
        QTest::newRow("lfu: least used, older use first")
            << int(EvictionPolicy::Lfu) << QStringLiteral("charlie");
    }
    void evictionOrder()
    {
        QFETCH(int, policy);
        QFETCH(QString, evicted);
        CacheConfig config = exactOnly();
        config.maxEntries = 3;
        config.policy = EvictionPolicy(policy);
        Harness h(config);
        for (const char *key : { "alpha", "bravo", "charlie" })
            h.insert(QString::fromLatin1(key));
        for (const char *key : { "bravo", "bravo", "charlie", "alpha" })
            QVERIFY(h.lookup(QString::fromLatin1(key)).isHit());
        h.insert(QStringLiteral("delta"));
        QCOMPARE(h.cache.size(), 3);
        QCOMPARE(h.cache.stats().evictions, 1);
        const QString gone = evicted;
        QCOMPARE(h.lookup(gone).kind, CacheLookup::Kind::Miss);
        for (const char *key : { "alpha", "bravo", "charlie", "delta" }) {
            if (QString::fromLatin1(key) != gone)
                QVERIFY2(h.lookup(QString::fromLatin1(key)).isHit(), key);
        }
    }

    void lruOrderFollowsUse()
    {
        CacheConfig config = exactOnly();
        config.maxEntries = 2;
        Harness h(config);
        h.insert(QStringLiteral("one"));
        h.insert(QStringLiteral("two"));
        QVERIFY(h.lookup(QStringLiteral("one")).isHit());
        h.insert(QStringLiteral("three")); // "two" is now the least recently used
        QVERIFY(h.lookup(QStringLiteral("one")).isHit());
        QCOMPARE(h.lookup(QStringLiteral("two")).kind, CacheLookup::Kind::Miss);
        QVERIFY(h.lookup(QStringLiteral("three")).isHit());
    }

    void capacityBoundEntries()
    {
        CacheConfig config;
        config.maxEntries = 50;
        Harness h(config);
        for (int i = 0; i < 500; ++i) {
            h.insert(QStringLiteral("question number %1 about topic %2").arg(i).arg(i * 7));
            QVERIFY(h.cache.size() <= 50);
        }
        QCOMPARE(h.cache.size(), 50);
        QCOMPARE(h.cache.stats().evictions, 450);
    }

    void capacityBoundBytes()
    {
        CacheConfig config;
        config.maxBytes = 20'000;
        Harness h(config);
        const QString answer(1000, u'x');
        for (int i = 0; i < 200; ++i) {
            h.insert(QStringLiteral("question %1").arg(i), {}, answer);
            QVERIFY2(h.cache.bytes() <= 20'000, qPrintable(QString::number(h.cache.bytes())));
        }
        QVERIFY(h.cache.size() > 1);
        QVERIFY(h.cache.stats().evictions > 0);
        // An entry larger than the whole budget is refused, not stored over the limit.
        QCOMPARE(h.insert(QStringLiteral("big"), {}, QString(20'000, u'y')), quint64(0));
        QCOMPARE(h.cache.stats().rejected, 1);
        QVERIFY(h.cache.bytes() <= 20'000);
    }

    void statisticsAddUp()
    {
        CacheConfig config;
        config.maxEntries = 4;
        config.ttlNs = 100 * Second;
        Harness h(config);
        const QStringList questions { QStringLiteral("什么是机器学习?"),
                                      QStringLiteral("机器学习是什么?"),
                                      QStringLiteral("Python 怎么学?"),
                                      QStringLiteral("Java 怎么学?"),
                                      QStringLiteral("What is the capital of France?"),
                                      QStringLiteral("capital of France"),
                                      QStringLiteral("what is the capital of france"),
                                      QStringLiteral("How do I reverse a list in Python?"),
                                      QStringLiteral("北京天气怎么样?"),
                                      QStringLiteral("上海天气怎么样?") };
        for (int round = 0; round < 3; ++round) {
            for (const QString &q : questions) {
                h.clock.advanceNs(7 * Second);
                if (!h.lookup(q).isHit())
                    h.insert(q);
            }
        }
        const CacheStats &s = h.cache.stats();
        QCOMPARE(s.lookups, 30);
        QCOMPARE(s.exactHits + s.semanticHits + s.misses, s.lookups);
        QCOMPARE(s.inserts, s.misses);
        QCOMPARE(qint64(h.cache.size()), s.inserts - s.evictions - s.expirations);
        QVERIFY(s.exactHits > 0);
        QVERIFY(s.semanticHits > 0);
        QVERIFY(s.evictions > 0);
        QCOMPARE(s.hitRate(), double(s.hits()) / 30.0);
    }

    void falseHitsAndMissedDuplicatesFromLabels()
    {
        CacheConfig config;
        config.threshold = 0.3; // loose on purpose: the cat question matches the dog entry
        Harness h(config);
        h.insert(QStringLiteral("What human food can dogs eat?"), QStringLiteral("dog"));
        const CacheLookup cat
            = h.lookup(QStringLiteral("What human food can cats eat?"), QStringLiteral("cat"));
        QVERIFY(cat.isHit());
        QVERIFY(cat.falseHit);
        QCOMPARE(h.cache.stats().falseHits, 1);

        CacheConfig strict;
        strict.threshold = 0.99;
        Harness s(strict);
        s.insert(QStringLiteral("What is machine learning?"), QStringLiteral("ml"));
        const CacheLookup miss = s.lookup(QStringLiteral("机器学习是什么?"), QStringLiteral("ml"));
        QCOMPARE(miss.kind, CacheLookup::Kind::Miss);
        QVERIFY(miss.duplicatePresent);
        QCOMPARE(s.cache.stats().missedDuplicates, 1);
        // A correct hit is neither.
        QVERIFY(!s.lookup(QStringLiteral("what is machine learning"), QStringLiteral("ml")).falseHit);
        QCOMPARE(s.cache.stats().falseHits, 0);
        // Unlabelled queries are never judged.
        QVERIFY(!h.lookup(QStringLiteral("What human food can cats eat?")).falseHit);
    }

    void replacingAnEntryKeepsOneCopy()
    {
        Harness h(exactOnly());
        h.insert(QStringLiteral("q"), {}, QStringLiteral("old"));
        h.insert(QStringLiteral("Q?"), {}, QStringLiteral("new"));
        QCOMPARE(h.cache.size(), 1);
        QCOMPARE(h.lookup(QStringLiteral("q")).answer.text, QStringLiteral("new"));
    }

    void nearestListsNeighbours()
    {
        Harness h;
        h.insert(QStringLiteral("什么是机器学习?"));
        h.insert(QStringLiteral("What is the capital of France?"));
        h.insert(QStringLiteral("Python 怎么学?"));
        const QList<float> v = h.embedder.embed(u"机器学习是什么");
        const QList<CacheNeighbour> near = h.cache.nearest({ v.constData(), size_t(v.size()) }, 2);
        QCOMPARE(near.size(), 2);
        QCOMPARE(near.at(0).text, QStringLiteral("什么是机器学习?"));
        QVERIFY(near.at(0).score >= near.at(1).score);
        QCOMPARE(h.cache.stats().lookups, 0);
    }
};

QTEST_GUILESS_MAIN(TestSemanticCache)
#include "tst_semanticcache.moc"
