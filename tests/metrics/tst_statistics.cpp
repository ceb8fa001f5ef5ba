// The one statistics module every feature uses: type-7 percentiles (sorted or not), means,
// standard deviations, Student's t intervals and distributions.
#include "metrics/statistics.h"

#include <QTest>

#include <cmath>

class TestStatistics : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void percentiles_data()
    {
        QTest::addColumn<QList<double>>("values");
        QTest::addColumn<double>("p");
        QTest::addColumn<double>("expected");
        // NumPy: np.percentile([15, 20, 35, 40, 50], p) (linear, the default).
        const QList<double> five { 40, 15, 50, 35, 20 };
        QTest::newRow("p0") << five << 0.0 << 15.0;
        QTest::newRow("p25") << five << 25.0 << 20.0;
        QTest::newRow("p40") << five << 40.0 << 29.0;
        QTest::newRow("p50") << five << 50.0 << 35.0;
        QTest::newRow("p97.5") << five << 97.5 << 49.0;
        QTest::newRow("p100") << five << 100.0 << 50.0;
        QTest::newRow("one value") << QList<double> { 7 } << 90.0 << 7.0;
    }

    void percentiles()
    {
        QFETCH(QList<double>, values);
        QFETCH(double, p);
        QFETCH(double, expected);
        QCOMPARE(*Statistics::percentileOfUnsorted(values, p), expected);
        std::sort(values.begin(), values.end());
        QCOMPARE(*Statistics::percentile(values, p), expected);
    }

    void emptyHasNoPercentile()
    {
        QVERIFY(!Statistics::percentile({}, 50));
        QVERIFY(!Statistics::percentileOfUnsorted({}, 50));
        QCOMPARE(Statistics::mean({}), 0.0);
        QCOMPARE(Statistics::sampleStddev({ 3 }, 3), 0.0);
    }

    void meanAndSpread()
    {
        const QList<double> values { 2, 4, 4, 4, 5, 5, 7, 9 };
        QCOMPARE(Statistics::mean(values), 5.0);
        QCOMPARE(Statistics::sampleStddev(values, 5.0), std::sqrt(32.0 / 7.0));
        const Distribution d = Distribution::of(values);
        QCOMPARE(d.mean, 5.0);
        QCOMPARE(d.stddev, std::sqrt(32.0 / 7.0));
        QCOMPARE(d.p50, 4.5);
        QCOMPARE(d.min, 2.0);
        QCOMPARE(d.max, 9.0);
    }

    void meanWithConfidenceInterval()
    {
        QCOMPARE(Statistics::tQuantile95(1), 12.706);
        QCOMPARE(Statistics::tQuantile95(30), 2.042);
        QCOMPARE(Statistics::tQuantile95(0), 0.0);
        QVERIFY(std::abs(Statistics::tQuantile95(60) - 2.000) < 0.005);
        const MeanCi ci = MeanCi::of({ 1, 2, 3 });
        QCOMPARE(ci.n, 3);
        QCOMPARE(ci.mean, 2.0);
        const double half = 4.303 * 1.0 / std::sqrt(3.0);
        QVERIFY(std::abs(ci.high - (2.0 + half)) < 1e-12);
        QVERIFY(std::abs(ci.low - (2.0 - half)) < 1e-12);
        const MeanCi one = MeanCi::of({ 2.5 });
        QCOMPARE(one.low, 2.5);
        QCOMPARE(one.high, 2.5);
    }
};

QTEST_GUILESS_MAIN(TestStatistics)
#include "tst_statistics.moc"
