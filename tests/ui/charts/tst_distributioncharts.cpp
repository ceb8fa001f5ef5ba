#include "charts/boxplotchart.h"
#include "charts/cdfchart.h"
#include "charts/histogramchart.h"
#include "charts/timeserieschart.h"
#include "testartifacts.h"

#include <QRandomGenerator>

#include <cmath>
#include <numeric>
#include <QSignalSpy>
#include <QTest>

class TestDistributionCharts : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cdfSteps();
    void cdfClickSelectsRequest();
    void boxUsesTukeyWhiskers();
    void histogramSharesBins();
    void timeSeries();

private:
    QList<SeriesData> m_series;
};

void TestDistributionCharts::initTestCase()
{
    // Two skewed latency samples (log-normal-ish) with a few slow outliers.
    QRandomGenerator rng(42);
    const QList<std::tuple<QString, QColor, double>> specs = {
        {QStringLiteral("local-vllm"), QColor(0x33, 0x66, 0xCC), 300},
        {QStringLiteral("cloud-api"), QColor(0xCC, 0x33, 0x33), 520},
    };
    for (const auto &[name, color, base] : specs) {
        SeriesData data;
        data.name = name;
        data.color = color;
        for (int i = 0; i < 200; ++i) {
            const double noise = std::exp(rng.generateDouble() * 0.9 - 0.2);
            data.values.append(base * noise + (i % 50 == 0 ? base * 2.5 : 0));
            data.ids.append(1000 + i);
            data.xs.append(i * 0.5);
        }
        m_series.append(data);
    }
}

void TestDistributionCharts::cdfSteps()
{
    CdfChart chart;
    chart.setSeries(m_series);
    QCOMPARE(chart.seriesCount(), 2);
    QCOMPARE(chart.stepPointCount(0), 400);
    chart.highlight(1, 1007);
    const auto point = chart.highlightedPoint();
    QVERIFY(point);
    QCOMPARE(point->x(), m_series.at(1).values.at(7));
    chart.highlight(1, -5);
    QVERIFY(!chart.highlightedPoint());
}

void TestDistributionCharts::cdfClickSelectsRequest()
{
    CdfChart chart;
    chart.setTitle(QStringLiteral("Time to first token (CDF)"));
    chart.setSeries(m_series);
    chart.resize(800, 450);
    chart.show();
    QVERIFY(QTest::qWaitForWindowExposed(&chart));
    QSignalSpy clicked(&chart, &CdfChart::pointClicked);

    // Click exactly on the step of request 1042 of the first series.
    chart.highlight(0, 1042);
    const QPointF value = *chart.highlightedPoint();
    const QPointF inChart = chart.chart()->mapToPosition(value, chart.chart()->series().first());
    const QPoint inView = chart.mapFromScene(chart.chart()->mapToScene(inChart));
    chart.highlight(0, -1);
    QTest::mouseClick(chart.viewport(), Qt::LeftButton, {}, inView);
    QCOMPARE(clicked.size(), 1);
    QCOMPARE(clicked.first().at(0).toInt(), 0);
    // Neighbouring steps may be within a pixel; the one picked must sit where we clicked.
    const int id = clicked.first().at(1).toInt();
    const qsizetype index = m_series.at(0).ids.indexOf(id);
    QVERIFY(index >= 0);
    QVERIFY(std::abs(m_series.at(0).values.at(index) - value.x()) < 5);
    QVERIFY(chart.highlightedPoint());
    TestArtifacts::save(&chart, QStringLiteral("cdfchart.png"));

    // A click in an empty corner selects nothing.
    QTest::mouseClick(chart.viewport(), Qt::LeftButton, {}, QPoint(5, 5));
    QCOMPARE(clicked.size(), 1);
}

void TestDistributionCharts::boxUsesTukeyWhiskers()
{
    const BoxPlotChart::Box box = BoxPlotChart::computeBox({1, 2, 3, 4, 5, 6, 7, 8, 100});
    QCOMPARE(box.median, 5.0);
    QCOMPARE(box.p25, 3.0);
    QCOMPARE(box.p75, 7.0);
    QCOMPARE(box.lowerWhisker, 1.0);
    QCOMPARE(box.upperWhisker, 8.0);
    QCOMPARE(box.outliers, QList<double>{100});

    BoxPlotChart chart;
    chart.setTitle(QStringLiteral("End-to-end latency"));
    chart.setSeries(m_series);
    QCOMPARE(chart.boxCount(), 2);
    QVERIFY(!chart.box(0).outliers.isEmpty());
    chart.resize(600, 400);
    chart.show();
    QVERIFY(QTest::qWaitForWindowExposed(&chart));
    QVERIFY(TestArtifacts::hasInk(chart.grab().toImage()));
    TestArtifacts::save(&chart, QStringLiteral("boxplotchart.png"));
}

void TestDistributionCharts::histogramSharesBins()
{
    HistogramChart chart;
    chart.setTitle(QStringLiteral("End-to-end latency histogram"));
    chart.setSeries(m_series);
    const QList<double> edges = chart.binEdges();
    QVERIFY(edges.size() >= HistogramChart::MinBins + 1);
    QVERIFY(edges.size() <= HistogramChart::MaxBins + 1);
    for (int s = 0; s < m_series.size(); ++s) {
        const QList<int> counts = chart.counts(s);
        QCOMPARE(counts.size(), edges.size() - 1);
        QCOMPARE(std::accumulate(counts.cbegin(), counts.cend(), 0), int(m_series.at(s).values.size()));
    }
    QCOMPARE(HistogramChart::computeEdges({5, 5, 5}).size(), 2);
    chart.resize(700, 400);
    chart.show();
    QVERIFY(QTest::qWaitForWindowExposed(&chart));
    TestArtifacts::save(&chart, QStringLiteral("histogramchart.png"));
}

void TestDistributionCharts::timeSeries()
{
    TimeSeriesChart chart;
    chart.setTitle(QStringLiteral("Output tokens per second"));
    chart.setSeries(m_series);
    QCOMPARE(chart.seriesCount(), 2);
    QCOMPARE(chart.pointCount(1), 200);
    chart.setAxisTitles(QStringLiteral("Time (s)"), QStringLiteral("tok/s"));
    chart.resize(700, 400);
    chart.show();
    QVERIFY(QTest::qWaitForWindowExposed(&chart));
    TestArtifacts::save(&chart, QStringLiteral("timeserieschart.png"));
}

QTEST_MAIN(TestDistributionCharts)
#include "tst_distributioncharts.moc"
