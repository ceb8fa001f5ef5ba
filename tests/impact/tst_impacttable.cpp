// The typical optimisation-effects table as TokenScope holds it, and how a measured change
// reads against it. Every expected figure is typed here from the table as commonly quoted:
//   streaming           TTFT −80%        cost 0%        low     ★★★
//   semantic cache      −40~70%          −40~70%        medium  ★★★
//   batching            throughput +3×   −30%           medium  ★★
//   prompt compression  −10~20%          −10~30%        low     ★★
//   quantization        +20% (speed)     memory −50%    high    ★
// Provider prompt (prefix) caching has no row in it: TokenScope measures it all the same, and
// says "no typical claim" rather than invent one.
#include "impact/impacttable.h"

#include "common/i18n.h"

#include <QTest>
#include <QTranslator>

Q_DECLARE_METATYPE(Technique)
Q_DECLARE_METATYPE(Change)
Q_DECLARE_METATYPE(Quantity)
Q_DECLARE_METATYPE(Difficulty)
Q_DECLARE_METATYPE(Reading)

namespace {

Change change(double value, double low, double high)
{
    return { value, low, high, 10, 10 };
}

} // namespace

class TestImpactTable : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void typicalFigures_data()
    {
        QTest::addColumn<Technique>("technique");
        QTest::addColumn<Quantity>("latencyQuantity");
        QTest::addColumn<double>("latencyLow");
        QTest::addColumn<double>("latencyHigh");
        QTest::addColumn<Quantity>("costQuantity");
        QTest::addColumn<double>("costLow");
        QTest::addColumn<double>("costHigh");
        QTest::addColumn<Difficulty>("difficulty");
        QTest::addColumn<int>("stars");
        QTest::newRow("streaming") << Technique::Streaming << Quantity::Ttft << -0.8 << -0.8 << Quantity::Cost << 0.0
                                   << 0.0 << Difficulty::Low << 3;
        QTest::newRow("semantic cache") << Technique::SemanticCache << Quantity::Latency << -0.7 << -0.4
                                        << Quantity::Cost << -0.7 << -0.4 << Difficulty::Medium << 3;
        // Three times the throughput is a change of +200%.
        QTest::newRow("batching") << Technique::Batching << Quantity::Throughput << 2.0 << 2.0 << Quantity::Cost
                                  << -0.3 << -0.3 << Difficulty::Medium << 2;
        QTest::newRow("prompt compression") << Technique::Compression << Quantity::Latency << -0.2 << -0.1
                                            << Quantity::Cost << -0.3 << -0.1 << Difficulty::Low << 2;
        QTest::newRow("quantization") << Technique::Variant << Quantity::Speed << 0.2 << 0.2 << Quantity::Memory
                                      << -0.5 << -0.5 << Difficulty::High << 1;
    }

    void typicalFigures()
    {
        QFETCH(Technique, technique);
        const TypicalClaim claim = ImpactTable::typicalClaim(technique);
        QTEST(claim.latency.quantity, "latencyQuantity");
        QTEST(claim.latency.low, "latencyLow");
        QTEST(claim.latency.high, "latencyHigh");
        QTEST(claim.cost.quantity, "costQuantity");
        QTEST(claim.cost.low, "costLow");
        QTEST(claim.cost.high, "costHigh");
        QTEST(claim.difficulty, "difficulty");
        QTEST(claim.stars, "stars");
    }

    void typicalWords_data()
    {
        QTest::addColumn<Technique>("technique");
        QTest::addColumn<QString>("latency");
        QTest::addColumn<QString>("cost");
        QTest::addColumn<QString>("difficulty");
        QTest::addColumn<QString>("priority");
        QTest::newRow("streaming") << Technique::Streaming << QStringLiteral("TTFT −80%") << QStringLiteral("0%")
                                   << QStringLiteral("low") << QStringLiteral("★★★");
        QTest::newRow("semantic cache") << Technique::SemanticCache << QStringLiteral("−40–70%")
                                        << QStringLiteral("−40–70%") << QStringLiteral("medium")
                                        << QStringLiteral("★★★");
        QTest::newRow("batching") << Technique::Batching << QStringLiteral("throughput +3×") << QStringLiteral("−30%")
                                  << QStringLiteral("medium") << QStringLiteral("★★");
        QTest::newRow("prompt compression") << Technique::Compression << QStringLiteral("−10–20%")
                                            << QStringLiteral("−10–30%") << QStringLiteral("low")
                                            << QStringLiteral("★★");
        QTest::newRow("quantization") << Technique::Variant << QStringLiteral("speed +20%")
                                      << QStringLiteral("GPU memory −50%") << QStringLiteral("high")
                                      << QStringLiteral("★");
    }

    void typicalWords()
    {
        QFETCH(Technique, technique);
        const TypicalClaim claim = ImpactTable::typicalClaim(technique);
        QTEST(ImpactTable::claim(claim.latency), "latency");
        QTEST(ImpactTable::claim(claim.cost), "cost");
        QTEST(ImpactTable::difficulty(claim.difficulty), "difficulty");
        QTEST(ImpactTable::stars(claim.stars), "priority");
    }

    void typicalWordsInChinese()
    {
        QCOMPARE(I18n::install(*qApp, QStringLiteral("zh_CN")), QStringLiteral("zh_CN"));
        const TypicalClaim batching = ImpactTable::typicalClaim(Technique::Batching);
        const TypicalClaim variant = ImpactTable::typicalClaim(Technique::Variant);
        const QString throughput = ImpactTable::claim(batching.latency);
        const QString memory = ImpactTable::claim(variant.cost);
        const QString words = ImpactTable::difficulty(Difficulty::Low) + u'/'
            + ImpactTable::difficulty(Difficulty::Medium) + u'/' + ImpactTable::difficulty(Difficulty::High);
        const QString none = ImpactTable::reading(Reading::NoMeasurableChange);
        const QString unmeasurable = ImpactTable::cost({ CostBasis::NotMeasurable, 0, 0, {} });
        const auto translators = qApp->findChildren<QTranslator *>();
        for (QTranslator *t : translators)
            qApp->removeTranslator(t);
        QCOMPARE(throughput, QStringLiteral("吞吐量 +3×"));
        QCOMPARE(memory, QStringLiteral("显存 −50%"));
        QCOMPARE(words, QStringLiteral("低/中/高"));
        QCOMPARE(none, QStringLiteral("无可测变化"));
        QCOMPARE(unmeasurable, QStringLiteral("无法在客户端测量"));
    }

    void typicalOrderIsThePriorityOrder()
    {
        QCOMPARE(ImpactTable::typicalOrder(),
                 QList<Technique>({ Technique::Streaming, Technique::SemanticCache, Technique::Batching,
                                    Technique::Compression, Technique::Variant }));
    }

    void rowOrderPutsThePromptCacheBesideTheSemanticCache()
    {
        QCOMPARE(ImpactTable::rowOrder(),
                 QList<Technique>({ Technique::Streaming, Technique::SemanticCache, Technique::PromptCache,
                                    Technique::Batching, Technique::Compression, Technique::Variant }));
        // Not in the typical table, so after every technique of it in the typical priority.
        QCOMPARE(ImpactTable::typicalPosition(Technique::PromptCache), 5);
        QCOMPARE(ImpactTable::typicalPosition(Technique::Variant), 4);
    }

    void promptCacheHasNoTypicalClaim()
    {
        const TypicalClaim claim = ImpactTable::typicalClaim(Technique::PromptCache);
        QVERIFY(!claim.listed());
        QVERIFY(!claim.latency.stated);
        QVERIFY(!claim.cost.stated);
        // What is measured, and which way is a gain, all the same.
        QCOMPARE(claim.latency.quantity, Quantity::Ttft);
        QCOMPARE(claim.cost.quantity, Quantity::Cost);
        QCOMPARE(claim.stars, 0);
        QCOMPARE(ImpactTable::claim(claim.latency), QStringLiteral("no typical claim"));
        QCOMPARE(ImpactTable::claim(claim.cost), QStringLiteral("no typical claim"));
        QCOMPARE(ImpactTable::difficulty(claim), QStringLiteral("–"));
        QCOMPARE(ImpactTable::priority(claim), QStringLiteral("–"));
        QCOMPARE(ImpactTable::claimedGain(claim.latency), 0.0);
        // Every listed technique keeps its columns.
        for (Technique t : ImpactTable::typicalOrder()) {
            const TypicalClaim listed = ImpactTable::typicalClaim(t);
            QVERIFY(listed.listed());
            QCOMPARE(ImpactTable::difficulty(listed), ImpactTable::difficulty(listed.difficulty));
            QCOMPARE(ImpactTable::priority(listed), ImpactTable::stars(listed.stars));
        }
    }

    void readingWithoutAClaim_data()
    {
        QTest::addColumn<Change>("measured");
        QTest::addColumn<Reading>("expected");
        QTest::newRow("TTFT −60% [−70%, −50%]") << change(-0.6, -0.7, -0.5) << Reading::Gain;
        QTest::newRow("TTFT +10% [+5%, +20%]") << change(0.1, 0.05, 0.2) << Reading::Loss;
        QTest::newRow("TTFT +1% [−3%, +6%]") << change(0.01, -0.03, 0.06) << Reading::NoMeasurableChange;
        QTest::newRow("0% [0%, 0%]") << change(0, 0, 0) << Reading::NoMeasurableChange;
    }

    void readingWithoutAClaim()
    {
        QFETCH(Change, measured);
        const ClaimedChange none = ImpactTable::typicalClaim(Technique::PromptCache).latency;
        QTEST(ImpactTable::reading(measured, none), "expected");
    }

    void gainsShareOneAxis()
    {
        // A cut in latency and a rise in throughput both point up.
        QCOMPARE(ImpactTable::gain(-0.8, Quantity::Ttft), 0.8);
        QCOMPARE(ImpactTable::gain(2.0, Quantity::Throughput), 2.0);
        QCOMPARE(ImpactTable::gain(-0.1, Quantity::Speed), -0.1);
        const Change g = ImpactTable::gain(change(-0.5, -0.6, -0.4), Quantity::Latency);
        QCOMPARE(g.value, 0.5);
        QCOMPARE(g.low, 0.4);
        QCOMPARE(g.high, 0.6);
        // The chart's claim bars: the middle of "−40~70%" is a gain of 55%, "+3×" one of 200%.
        QCOMPARE(ImpactTable::claimedGain({ Quantity::Latency, -0.7, -0.4 }), 0.55);
        QCOMPARE(ImpactTable::claimedGain({ Quantity::Throughput, 2.0, 2.0 }), 2.0);
    }

    void reading_data()
    {
        QTest::addColumn<Change>("measured");
        QTest::addColumn<Quantity>("quantity");
        QTest::addColumn<double>("claimLow");
        QTest::addColumn<double>("claimHigh");
        QTest::addColumn<Reading>("expected");
        // An interval that contains 0 is no measurable change, however the mean leans.
        QTest::newRow("+1% [−3%, +6%] vs −10~20%")
            << change(0.01, -0.03, 0.06) << Quantity::Latency << -0.2 << -0.1 << Reading::NoMeasurableChange;
        QTest::newRow("−30% [−80%, +10%] vs −40~70%")
            << change(-0.3, -0.8, 0.1) << Quantity::Latency << -0.7 << -0.4 << Reading::NoMeasurableChange;
        QTest::newRow("−5% [−10%, 0%] vs −10~20%")
            << change(-0.05, -0.1, 0.0) << Quantity::Latency << -0.2 << -0.1 << Reading::NoMeasurableChange;
        QTest::newRow("+5% [−10%, +20%] vs throughput +3×")
            << change(0.05, -0.1, 0.2) << Quantity::Throughput << 2.0 << 2.0 << Reading::NoMeasurableChange;
        QTest::newRow("0% [0%, 0%] vs cost 0%")
            << change(0, 0, 0) << Quantity::Cost << 0.0 << 0.0 << Reading::NoMeasurableChange;
        QTest::newRow("−78% [−80%, −75%] vs TTFT −80%")
            << change(-0.78, -0.8, -0.75) << Quantity::Ttft << -0.8 << -0.8 << Reading::AsClaimed;
        QTest::newRow("−50% [−60%, −45%] vs −40~70%")
            << change(-0.5, -0.6, -0.45) << Quantity::Latency << -0.7 << -0.4 << Reading::AsClaimed;
        QTest::newRow("+18% [+10%, +25%] vs speed +20%")
            << change(0.18, 0.1, 0.25) << Quantity::Speed << 0.2 << 0.2 << Reading::AsClaimed;
        QTest::newRow("−90% [−93%, −86%] vs TTFT −80%")
            << change(-0.9, -0.93, -0.86) << Quantity::Ttft << -0.8 << -0.8 << Reading::BiggerGain;
        QTest::newRow("+250% [+210%, +290%] vs throughput +3×")
            << change(2.5, 2.1, 2.9) << Quantity::Throughput << 2.0 << 2.0 << Reading::BiggerGain;
        QTest::newRow("cost −5% [−7%, −3%] vs 0%")
            << change(-0.05, -0.07, -0.03) << Quantity::Cost << 0.0 << 0.0 << Reading::BiggerGain;
        QTest::newRow("−20% [−25%, −15%] vs −40~70%")
            << change(-0.2, -0.25, -0.15) << Quantity::Latency << -0.7 << -0.4 << Reading::SmallerGain;
        QTest::newRow("+150% [+120%, +180%] vs throughput +3×")
            << change(1.5, 1.2, 1.8) << Quantity::Throughput << 2.0 << 2.0 << Reading::SmallerGain;
        QTest::newRow("cost −15% [−20%, −12%] vs −30%")
            << change(-0.15, -0.2, -0.12) << Quantity::Cost << -0.3 << -0.3 << Reading::SmallerGain;
        // A sure change the wrong way is not "a smaller gain".
        QTest::newRow("+8% [+3%, +12%] vs −10~20%")
            << change(0.08, 0.03, 0.12) << Quantity::Latency << -0.2 << -0.1 << Reading::Opposite;
        QTest::newRow("−10% [−15%, −5%] vs throughput +3×")
            << change(-0.1, -0.15, -0.05) << Quantity::Throughput << 2.0 << 2.0 << Reading::Opposite;
    }

    void reading()
    {
        QFETCH(Change, measured);
        QFETCH(Quantity, quantity);
        QFETCH(double, claimLow);
        QFETCH(double, claimHigh);
        QTEST(ImpactTable::reading(measured, { quantity, claimLow, claimHigh }), "expected");
    }

    void readingWords()
    {
        QCOMPARE(ImpactTable::reading(Reading::NoMeasurableChange), QStringLiteral("no measurable change"));
        QCOMPARE(ImpactTable::reading(Reading::AsClaimed), QStringLiteral("consistent with the claim"));
        QCOMPARE(ImpactTable::reading(Reading::SmallerGain), QStringLiteral("a smaller gain than claimed"));
        QCOMPARE(ImpactTable::reading(Reading::Gain), QStringLiteral("a measurable gain (no typical claim to compare)"));
        QCOMPARE(ImpactTable::key(Reading::Gain), QStringLiteral("gain"));
        QCOMPARE(ImpactTable::key(Reading::Loss), QStringLiteral("loss"));
    }

    void figureTexts()
    {
        QCOMPARE(ImpactTable::percent(-0.8), QStringLiteral("−80%"));
        QCOMPARE(ImpactTable::percent(2.0), QStringLiteral("+200%"));
        QCOMPARE(ImpactTable::percent(-0.004), QStringLiteral("0%")); // never "−0%"
        QCOMPARE(ImpactTable::change(change(0.01, -0.03, 0.06)), QStringLiteral("+1% [−3%, +6%]"));
        QCOMPARE(ImpactTable::share(0.4), QStringLiteral("40%"));
    }

    void costTexts()
    {
        const Change saved = change(-0.45, -0.52, -0.38);
        QCOMPARE(ImpactTable::cost({ CostBasis::Prices, 2e-4, 1.1e-4, saved }), QStringLiteral("−45% [−52%, −38%]"));
        QCOMPARE(ImpactTable::cost({ CostBasis::Tokens, 180, 99, saved }),
                 QStringLiteral("−45% [−52%, −38%] (tokens)"));
        // Quantization's memory saving: the server's memory is out of a client's sight.
        QCOMPARE(ImpactTable::cost({ CostBasis::NotMeasurable, 0, 0, {} }),
                 QStringLiteral("not measurable from a client"));
        QVERIFY(!ImpactTable::measurableFromClient(ImpactTable::typicalClaim(Technique::Variant).cost.quantity));
        for (Technique t : { Technique::Streaming, Technique::SemanticCache, Technique::Batching,
                             Technique::Compression, Technique::PromptCache })
            QVERIFY(ImpactTable::measurableFromClient(ImpactTable::typicalClaim(t).cost.quantity));
    }
};

QTEST_GUILESS_MAIN(TestImpactTable)
#include "tst_impacttable.moc"
