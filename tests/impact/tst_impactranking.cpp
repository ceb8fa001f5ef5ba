// The recommended order for an endpoint, from hand-built rows: the surest measured gain
// first, no measurable change last, and a sentence wherever the order departs from the
// typical priority. The rows carry the typical table's quantity and stars as commonly quoted
// (streaming ★★★, semantic cache ★★★, batching ★★, prompt compression ★★, quantization ★),
// typed here; provider prompt caching has no row in that table, so no figure and no stars.
#include "impact/impactranking.h"

#include "impact/impactexperiment.h"

#include <QTest>

namespace {

ImpactRow measured(Technique t, double value, double low, double high)
{
    ImpactRow row;
    row.technique = t;
    switch (t) {
    case Technique::Streaming:
        row.name = QStringLiteral("Streaming");
        row.metric = QStringLiteral("time to first text");
        row.claim = { { Quantity::Ttft, -0.8, -0.8 }, { Quantity::Cost, 0, 0 }, Difficulty::Low, 3 };
        break;
    case Technique::SemanticCache:
        row.name = QStringLiteral("Semantic cache");
        row.metric = QStringLiteral("latency per query");
        row.claim = { { Quantity::Latency, -0.7, -0.4 }, { Quantity::Cost, -0.7, -0.4 }, Difficulty::Medium, 3 };
        break;
    case Technique::Batching:
        row.name = QStringLiteral("Batching");
        row.metric = QStringLiteral("output tokens per second");
        row.claim = { { Quantity::Throughput, 2.0, 2.0 }, { Quantity::Cost, -0.3, -0.3 }, Difficulty::Medium, 2 };
        break;
    case Technique::Compression:
        row.name = QStringLiteral("Prompt compression");
        row.metric = QStringLiteral("time to first token");
        row.claim = { { Quantity::Latency, -0.2, -0.1 }, { Quantity::Cost, -0.3, -0.1 }, Difficulty::Low, 2 };
        break;
    case Technique::Variant:
        row.name = QStringLiteral("Variant");
        row.metric = QStringLiteral("decode speed");
        row.claim = { { Quantity::Speed, 0.2, 0.2 }, { Quantity::Memory, -0.5, -0.5 }, Difficulty::High, 1 };
        break;
    case Technique::PromptCache:
        row.name = QStringLiteral("Provider prompt caching");
        row.metric = QStringLiteral("time to first token");
        row.claim = { { Quantity::Ttft, 0, 0, false }, { Quantity::Cost, 0, 0, false }, Difficulty::Low, 0 };
        break;
    }
    row.change = { value, low, high, 8, 8 };
    return row;
}

QList<Technique> orderOf(const ImpactRanking &ranking)
{
    QList<Technique> out;
    for (const RankedTechnique &entry : ranking.order)
        out.append(entry.technique);
    return out;
}

} // namespace

class TestImpactRanking : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void gainsInTheTypicalOrderAgree()
    {
        const ImpactRanking ranking = ImpactRanking::rank({
            measured(Technique::Streaming, -0.8, -0.85, -0.75),
            measured(Technique::SemanticCache, -0.55, -0.6, -0.5),
            measured(Technique::Batching, 0.4, 0.3, 0.5),
            measured(Technique::Compression, -0.15, -0.2, -0.1),
            measured(Technique::Variant, 0.1, 0.05, 0.15),
        });
        QCOMPARE(orderOf(ranking), QList<Technique>({ Technique::Streaming, Technique::SemanticCache,
                                                      Technique::Batching, Technique::Compression,
                                                      Technique::Variant }));
        QVERIFY(ranking.differences.isEmpty());
        QCOMPARE(ranking.summary(), QStringLiteral("On this endpoint, the measured order follows the typical priority."));
    }

    void theCachePaysMoreThanStreaming()
    {
        // Both ★★★; the table lists streaming first.
        const ImpactRanking ranking = ImpactRanking::rank({
            measured(Technique::Streaming, -0.3, -0.35, -0.25),
            measured(Technique::SemanticCache, -0.6, -0.65, -0.55),
        });
        QCOMPARE(orderOf(ranking), QList<Technique>({ Technique::SemanticCache, Technique::Streaming }));
        QCOMPARE(ranking.differences,
                 QStringList { QStringLiteral("On this endpoint, the semantic cache pays more than streaming.") });
        QCOMPARE(ranking.summary(), ranking.differences.constFirst());
    }

    void anUncertainGainRanksBelowASureOne()
    {
        // The cache's mean gain is larger, but its interval reaches down to 5%; compression's
        // smaller gain is sure to be at least 12%.
        const ImpactRanking ranking = ImpactRanking::rank({
            measured(Technique::SemanticCache, -0.5, -0.95, -0.05),
            measured(Technique::Compression, -0.15, -0.18, -0.12),
        });
        QCOMPARE(orderOf(ranking), QList<Technique>({ Technique::Compression, Technique::SemanticCache }));
        QCOMPARE(ranking.differences,
                 QStringList { QStringLiteral("On this endpoint, prompt compression pays more than the semantic cache.") });
    }

    void noMeasurableChangeComesLast()
    {
        const ImpactRanking ranking = ImpactRanking::rank({
            measured(Technique::Streaming, 0.01, -0.03, 0.06), // TTFT +1% [−3%, +6%]
            measured(Technique::Batching, 0.05, -0.1, 0.2),
            measured(Technique::Compression, -0.12, -0.16, -0.08),
            measured(Technique::Variant, 0.2, 0.1, 0.3),
        });
        QCOMPARE(orderOf(ranking), QList<Technique>({ Technique::Variant, Technique::Compression,
                                                      Technique::Streaming, Technique::Batching }));
        QCOMPARE(ranking.order.at(2).standing, RankedTechnique::Standing::NoMeasurableChange);
        QCOMPARE(ranking.order.at(3).standing, RankedTechnique::Standing::NoMeasurableChange);
        // One sentence per technique that moved up, naming the highest priority it overtook.
        QCOMPARE(ranking.differences, QStringList({
                                          QStringLiteral("On this endpoint, the variant endpoint pays more than streaming."),
                                          QStringLiteral("On this endpoint, prompt compression pays more than streaming."),
                                      }));
        QVERIFY(ImpactRanking::line(ranking.order.at(2)).endsWith(QStringLiteral("no measurable change")));
    }

    void aSureLossRanksBelowNoChange()
    {
        const ImpactRanking ranking = ImpactRanking::rank({
            measured(Technique::Batching, 0.0, -0.05, 0.05),
            measured(Technique::Compression, 0.08, 0.03, 0.12), // latency up: a loss
        });
        QCOMPARE(orderOf(ranking), QList<Technique>({ Technique::Batching, Technique::Compression }));
        QCOMPARE(ranking.order.at(1).standing, RankedTechnique::Standing::SureLoss);
        QVERIFY(ranking.differences.isEmpty());
        QVERIFY(ImpactRanking::line(ranking.order.at(1)).endsWith(QStringLiteral("worse with it than without")));
    }

    void rowsWithoutAMeasurementAreNotRanked()
    {
        ImpactRow failed = measured(Technique::Streaming, -0.9, -0.95, -0.85);
        failed.error = QStringLiteral("connection refused");
        ImpactRow skipped = measured(Technique::SemanticCache, -0.9, -0.95, -0.85);
        skipped.skipped = true;
        const ImpactRanking ranking
            = ImpactRanking::rank({ failed, skipped, measured(Technique::Batching, 1.0, 0.8, 1.2) });
        QCOMPARE(orderOf(ranking), QList<Technique>({ Technique::Batching }));
        QCOMPARE(ranking.unmeasured, QList<Technique>({ Technique::Streaming, Technique::SemanticCache,
                                                        Technique::Compression, Technique::Variant }));
        QVERIFY(ranking.differences.isEmpty());
        QCOMPARE(ranking.summary(),
                 QStringLiteral("Measure at least two techniques to compare their order with the typical priority."));
    }

    void thePromptCacheIsRankedButHasNoTypicalPlace()
    {
        // The biggest sure gain ranks first, but the typical table gives it no priority: no
        // sentence says it "pays more" than anything, and the typical techniques are still
        // compared among themselves.
        const ImpactRanking ranking = ImpactRanking::rank({
            measured(Technique::Streaming, -0.3, -0.35, -0.25),
            measured(Technique::SemanticCache, -0.6, -0.65, -0.55),
            measured(Technique::PromptCache, -0.7, -0.75, -0.66),
        });
        QCOMPARE(orderOf(ranking), QList<Technique>({ Technique::PromptCache, Technique::SemanticCache,
                                                      Technique::Streaming }));
        QVERIFY(!ranking.order.constFirst().typical);
        QCOMPARE(ranking.differences,
                 QStringList { QStringLiteral("On this endpoint, the semantic cache pays more than streaming.") });
        QCOMPARE(ImpactRanking::line(ranking.order.constFirst()),
                 QStringLiteral("Provider prompt caching: time to first token −70% [−75%, −66%] · not in the typical "
                                "table"));
        // Among techniques with no measurable change it comes after the typical ones.
        const ImpactRanking none = ImpactRanking::rank({
            measured(Technique::PromptCache, 0.0, -0.05, 0.05),
            measured(Technique::Variant, 0.01, -0.02, 0.04),
        });
        QCOMPARE(orderOf(none), QList<Technique>({ Technique::Variant, Technique::PromptCache }));
        QVERIFY(none.differences.isEmpty());
    }

    void thePromptCacheIsUnmeasuredOnlyWhenItsRowIsThere()
    {
        // Documents written before the row existed list the typical table's techniques only.
        const ImpactRanking without = ImpactRanking::rank({ measured(Technique::Batching, 1.0, 0.8, 1.2) });
        QVERIFY(!without.unmeasured.contains(Technique::PromptCache));
        QCOMPARE(without.unmeasured.size(), 4);
        ImpactRow failed = measured(Technique::PromptCache, -0.7, -0.75, -0.66);
        failed.error = QStringLiteral("the warm-up request failed");
        const ImpactRanking with = ImpactRanking::rank({ measured(Technique::Batching, 1.0, 0.8, 1.2), failed });
        QCOMPARE(with.unmeasured, QList<Technique>({ Technique::Streaming, Technique::SemanticCache,
                                                     Technique::PromptCache, Technique::Compression,
                                                     Technique::Variant }));
    }

    void lineNamesTheChangeAndThePriority()
    {
        const ImpactRanking ranking = ImpactRanking::rank({ measured(Technique::SemanticCache, -0.6, -0.65, -0.55) });
        QCOMPARE(ImpactRanking::line(ranking.order.constFirst()),
                 QStringLiteral("Semantic cache: latency per query −60% [−65%, −55%] · typical priority ★★★"));
    }
};

QTEST_GUILESS_MAIN(TestImpactRanking)
#include "tst_impactranking.moc"
