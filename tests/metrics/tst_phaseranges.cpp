// The typical range of each phase and the verdict on a measured value. Expected values are
// the commonly claimed figures for a production LLM endpoint, written out here on their own:
// network 50–200 ms, prompt processing 100–500 ms, inference 500–5,000 ms, generation
// linear in the output tokens (no fixed range), post-processing 10–50 ms.
#include "metrics/phaseranges.h"

#include <QSet>
#include <QTest>

class TestPhaseRanges : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void typicalRanges_data();
    void typicalRanges();
    void verdicts_data();
    void verdicts();
    void labels();
};

void TestPhaseRanges::typicalRanges_data()
{
    QTest::addColumn<Phase>("phase");
    QTest::addColumn<bool>("hasRange");
    QTest::addColumn<double>("minMs");
    QTest::addColumn<double>("maxMs");
    QTest::newRow("network") << Phase::Network << true << 50.0 << 200.0;
    QTest::newRow("prompt processing") << Phase::Prompt << true << 100.0 << 500.0;
    QTest::newRow("inference") << Phase::Inference << true << 500.0 << 5000.0;
    QTest::newRow("generation: linear in tokens") << Phase::Generation << false << 0.0 << 0.0;
    QTest::newRow("post-processing") << Phase::Postprocess << true << 10.0 << 50.0;
}

void TestPhaseRanges::typicalRanges()
{
    QFETCH(Phase, phase);
    QFETCH(bool, hasRange);
    QFETCH(double, minMs);
    QFETCH(double, maxMs);
    const auto range = Phases::typicalRange(phase);
    QCOMPARE(range.has_value(), hasRange);
    if (!hasRange) {
        QVERIFY(Phases::typicalRangeText(phase).contains(QStringLiteral("linear")));
        return;
    }
    QCOMPARE(range->minMs, minMs);
    QCOMPARE(range->maxMs, maxMs);
    // The text a table or the CLI shows names both ends and the unit.
    const QString text = Phases::typicalRangeText(phase);
    QVERIFY2(text.contains(QString::number(minMs)) && text.contains(QStringLiteral(" ms")), qPrintable(text));
    QVERIFY2(QString(text).remove(u',').contains(QString::number(maxMs)), qPrintable(text));
}

void TestPhaseRanges::verdicts_data()
{
    QTest::addColumn<Phase>("phase");
    QTest::addColumn<double>("ms");
    QTest::addColumn<RangeVerdict>("expected");
    // Both ends belong to the range.
    QTest::newRow("network 49.9 ms") << Phase::Network << 49.9 << RangeVerdict::Below;
    QTest::newRow("network 50 ms") << Phase::Network << 50.0 << RangeVerdict::Within;
    QTest::newRow("network 120 ms") << Phase::Network << 120.0 << RangeVerdict::Within;
    QTest::newRow("network 200 ms") << Phase::Network << 200.0 << RangeVerdict::Within;
    QTest::newRow("network 200.1 ms") << Phase::Network << 200.1 << RangeVerdict::Above;
    QTest::newRow("network on loopback 0.4 ms") << Phase::Network << 0.4 << RangeVerdict::Below;
    QTest::newRow("prompt 99.9 ms") << Phase::Prompt << 99.9 << RangeVerdict::Below;
    QTest::newRow("prompt 100 ms") << Phase::Prompt << 100.0 << RangeVerdict::Within;
    QTest::newRow("prompt 500 ms") << Phase::Prompt << 500.0 << RangeVerdict::Within;
    QTest::newRow("prompt 500.1 ms") << Phase::Prompt << 500.1 << RangeVerdict::Above;
    QTest::newRow("inference 250 ms") << Phase::Inference << 250.0 << RangeVerdict::Below;
    QTest::newRow("inference 499.9 ms") << Phase::Inference << 499.9 << RangeVerdict::Below;
    QTest::newRow("inference 500 ms") << Phase::Inference << 500.0 << RangeVerdict::Within;
    QTest::newRow("inference 5000 ms") << Phase::Inference << 5000.0 << RangeVerdict::Within;
    QTest::newRow("inference 5000.1 ms") << Phase::Inference << 5000.1 << RangeVerdict::Above;
    QTest::newRow("generation 3 ms") << Phase::Generation << 3.0 << RangeVerdict::NoRange;
    QTest::newRow("generation 60000 ms") << Phase::Generation << 60000.0 << RangeVerdict::NoRange;
    QTest::newRow("post-processing 9.9 ms") << Phase::Postprocess << 9.9 << RangeVerdict::Below;
    QTest::newRow("post-processing 10 ms") << Phase::Postprocess << 10.0 << RangeVerdict::Within;
    QTest::newRow("post-processing 50 ms") << Phase::Postprocess << 50.0 << RangeVerdict::Within;
    QTest::newRow("post-processing 50.1 ms") << Phase::Postprocess << 50.1 << RangeVerdict::Above;
}

void TestPhaseRanges::verdicts()
{
    QFETCH(Phase, phase);
    QFETCH(double, ms);
    QFETCH(RangeVerdict, expected);
    QCOMPARE(Phases::verdict(phase, ms), expected);
}

void TestPhaseRanges::labels()
{
    QCOMPARE(Phases::verdictLabel(RangeVerdict::Below), QStringLiteral("below typical range"));
    QCOMPARE(Phases::verdictLabel(RangeVerdict::Within), QStringLiteral("within typical range"));
    QCOMPARE(Phases::verdictLabel(RangeVerdict::Above), QStringLiteral("above typical range"));
    QCOMPARE(Phases::verdictKey(RangeVerdict::NoRange), QStringLiteral("none"));
    // A mark for every verdict but "no range", and no two alike.
    QVERIFY(Phases::verdictSymbol(RangeVerdict::NoRange).isEmpty());
    const QStringList marks{Phases::verdictSymbol(RangeVerdict::Below), Phases::verdictSymbol(RangeVerdict::Within),
                            Phases::verdictSymbol(RangeVerdict::Above)};
    for (const QString &mark : marks)
        QVERIFY(!mark.isEmpty());
    QCOMPARE(QSet<QString>(marks.cbegin(), marks.cend()).size(), 3);
}

QTEST_MAIN(TestPhaseRanges)
#include "tst_phaseranges.moc"
