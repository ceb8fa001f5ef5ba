#include "charts/barchart.h"
#include "charts/boxplotchart.h"
#include "charts/cdfchart.h"
#include "charts/histogramchart.h"
#include "charts/timeserieschart.h"
#include "testartifacts.h"

#include <QGraphicsScene>
#include <QGraphicsTextItem>
#include <QLegend>
#include <QLegendMarker>
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
    void histogramFoldsTheTailIntoAnOverflowBin();
    void boxPlotStartsAtTheDataAndKeepsNames();
    void legendMarkersAreOpaque();
    void timeSeriesLog2AxisAndMarkers();
    void percentAxesEndAt100();
    void longTextsBreakIntoLinesInsteadOfBeingCut();
    void chineseAxisTitleKeepsItsRoomBesideShortTicks();

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

void TestDistributionCharts::histogramFoldsTheTailIntoAnOverflowBin()
{
    // 199 ITLs of 10–30 ms and one stall of 4 s: the stall must not make the body one bar.
    SeriesData data { QStringLiteral("endpoint"), QColor(0x33, 0x66, 0xCC), {}, {}, {} };
    for (int i = 0; i < 199; ++i)
        data.values.append(10 + (i % 21));
    data.values.append(4000);
    HistogramChart chart;
    chart.setSeries({ data });
    QVERIFY(chart.overflowFrom());
    const QList<double> edges = chart.binEdges();
    const QList<int> counts = chart.counts(0);
    QCOMPARE(counts.size(), edges.size() - 1);
    QCOMPARE(std::accumulate(counts.cbegin(), counts.cend(), 0), 200); // nothing dropped
    QCOMPARE_GE(counts.constLast(), 1); // the stall, in the overflow bin
    QCOMPARE_LT(edges.constLast(), 100.0); // the axis ends near the body, not at 4000
    QCOMPARE_GE(edges.size() - 1, HistogramChart::MinBins + 1);
    QVERIFY2(chart.overflowLabel().startsWith(QStringLiteral("≥ ")), qPrintable(chart.overflowLabel()));
    chart.resize(700, 400);
    chart.show();
    QVERIFY(QTest::qWaitForWindowExposed(&chart));
    TestArtifacts::save(&chart, QStringLiteral("histogram-overflow.png"));

    // A sample without a long tail keeps every bin as it was.
    SeriesData even = data;
    even.values.removeLast();
    chart.setSeries({ even });
    QVERIFY(!chart.overflowFrom());
    QVERIFY(chart.overflowLabel().isEmpty());
}

void TestDistributionCharts::boxPlotStartsAtTheDataAndKeepsNames()
{
    QList<SeriesData> series;
    for (const QString &name : { QStringLiteral("OpenAI chat (gpt-4o-mini, eu-west)"),
                                 QStringLiteral("OpenAI chat (gpt-4o-mini, us-east)") }) {
        SeriesData data { name, QColor(0x33, 0x66, 0xCC), {}, {}, {} };
        for (int i = 0; i < 50; ++i)
            data.values.append(1200 + (i % 10) * 4);
        series.append(data);
    }
    BoxPlotChart chart;
    chart.resize(600, 400);
    chart.show();
    QVERIFY(QTest::qWaitForWindowExposed(&chart));
    chart.setSeries(series);
    QCoreApplication::sendPostedEvents();
    // 1200–1236 ms boxes on a 0–1300 axis would be flat lines.
    const auto [low, high] = chart.valueRange();
    QCOMPARE_GT(low, 1000.0);
    QCOMPARE_LT(high, 1300.0);
    // Two names that differ only at the end stay apart, and whole where there is room.
    const QString first = chart.categoryLabel(0);
    const QString second = chart.categoryLabel(1);
    QVERIFY2(first.contains(QStringLiteral("eu-west")), qPrintable(first));
    QVERIFY2(second.contains(QStringLiteral("us-east")), qPrintable(second));
    QVERIFY2(!first.contains(QStringLiteral("...")), qPrintable(first));
    TestArtifacts::save(&chart, QStringLiteral("boxplot-names.png"));
}

void TestDistributionCharts::legendMarkersAreOpaque()
{
    // The histograms' fills are translucent; their legend squares must not be.
    for (bool dark : { false, true }) {
        HistogramChart chart;
        QPalette palette = chart.palette();
        if (dark) {
            palette.setColor(QPalette::Window, QColor(0x20, 0x20, 0x20));
            palette.setColor(QPalette::Base, QColor(0x18, 0x18, 0x18));
            chart.setPalette(palette);
        }
        chart.setSeries(m_series);
        const QList<QLegendMarker *> markers = chart.chart()->legend()->markers();
        QCOMPARE(markers.size(), m_series.size());
        for (int i = 0; i < markers.size(); ++i) {
            QCOMPARE(markers.at(i)->brush().color().alpha(), 255);
            QCOMPARE(markers.at(i)->brush().color().rgb(), m_series.at(i).color.rgb());
        }
    }
}

void TestDistributionCharts::timeSeriesLog2AxisAndMarkers()
{
    SeriesData sizes { QStringLiteral("wait 0 ms"), QColor(0x33, 0x66, 0xCC), {}, {}, {} };
    for (int size : { 1, 2, 4, 8, 16, 32, 64 }) {
        sizes.xs.append(size);
        sizes.values.append(100.0 * size / (size + 4));
    }
    TimeSeriesChart chart;
    chart.setLogX(true);
    chart.setSeries({ sizes });
    QVERIFY(chart.isLogX());
    QCOMPARE(chart.pointCount(0), 7);
    // Ticks at powers of two only: the axis runs from one to another.
    QCOMPARE(chart.xRange(), (std::pair<double, double> { 1.0, 64.0 }));

    chart.setFixedYRange(0, 100);
    QCOMPARE(chart.yRange(), (std::pair<double, double> { 0.0, 100.0 }));
    chart.setMarkers({ { 4, QStringLiteral("current"), QColor(), Qt::DashLine },
                       { 16, QStringLiteral("best"), QColor(0x7F, 0x7F, 0x7F), Qt::DotLine } });
    QCOMPARE(chart.markerCount(), 2);
    QCOMPARE(chart.seriesCount(), 1); // markers are not data series
    QCOMPARE(chart.xRange(), (std::pair<double, double> { 1.0, 64.0 }));
    QCOMPARE(chart.yRange(), (std::pair<double, double> { 0.0, 100.0 }));
    chart.resize(600, 400);
    chart.show();
    QVERIFY(QTest::qWaitForWindowExposed(&chart));
    TestArtifacts::save(&chart, QStringLiteral("timeseries-log2.png"));
}

void TestDistributionCharts::percentAxesEndAt100()
{
    BarChart chart;
    chart.setValueLabelsVisible(true, 3);
    chart.setPercentAxis(true);
    chart.setData({ QStringLiteral("Latency"), QStringLiteral("Cost") },
                  { { QStringLiteral("without"), QColor(0x99, 0x99, 0x99), { 100, 100 } },
                    { QStringLiteral("with"), QColor(0x33, 0x66, 0xCC), { 42, 37 } } });
    QCOMPARE(chart.valueRange(), (std::pair<double, double> { 0.0, 100.0 }));
    // A share above 100 % still fits.
    chart.setData({ QStringLiteral("Latency") },
                  { { QStringLiteral("with"), QColor(0x33, 0x66, 0xCC), { 130 } } });
    QCOMPARE_GE(chart.valueRange().second, 130.0);
}

namespace {
/// Every text item Qt Charts drew, as plain text.
QStringList drawnTexts(const ChartView &chart)
{
    QStringList texts;
    const QList<QGraphicsItem *> items = chart.scene()->items();
    for (const QGraphicsItem *item : items) {
        if (const auto *t = dynamic_cast<const QGraphicsTextItem *>(item); t && t->isVisible())
            texts.append(t->toPlainText());
    }
    return texts;
}

void settle(ChartView &chart)
{
    for (int i = 0; i < 6; ++i) {
        QCoreApplication::sendPostedEvents();
        QCoreApplication::processEvents();
    }
    Q_UNUSED(chart);
}
} // namespace

// A narrow chart: its title, its axis title and its category names are broken into lines
// (Qt Charts would cut each to "Throughput by max bat..."), and none is cut.
void TestDistributionCharts::longTextsBreakIntoLinesInsteadOfBeingCut()
{
    BarChart chart;
    chart.resize(300, 260);
    chart.setTitle(QStringLiteral("Throughput by max batch size and maximum wait"));
    chart.setAxisTitles(QString(), QStringLiteral("Output tokens per second, all endpoints"));
    chart.setData({ QStringLiteral("Embedded (simulated)"), QStringLiteral("Anthropic-style simulator") },
                  { { QStringLiteral("a"), QColor(0x33, 0x66, 0xCC), { 10, 12 } } });
    chart.show();
    QVERIFY(QTest::qWaitForWindowExposed(&chart));
    settle(chart);
    QVERIFY2(chart.chart()->title().contains(QStringLiteral("<br>")), qPrintable(chart.chart()->title()));
    QCOMPARE(chart.title(), QStringLiteral("Throughput by max batch size and maximum wait")); // plain, for exports
    QVERIFY(chart.chart()->axes(Qt::Vertical).first()->titleText().contains(QStringLiteral("<br>")));
    QCOMPARE(chart.categories().first(), QStringLiteral("Embedded (simulated)")); // the data keep their names
    for (const QString &text : drawnTexts(chart))
        QVERIFY2(!text.contains(QStringLiteral("...")), qPrintable(text));

    // Wide again: one line each.
    chart.resize(1400, 700);
    settle(chart);
    QVERIFY(!chart.chart()->title().contains(QStringLiteral("<br>")));
    QVERIFY(!chart.chart()->axes(Qt::Vertical).first()->titleText().contains(QStringLiteral("<br>")));
}

// Beside one-digit ticks Qt Charts leaves a vertical title the tick labels' width plus a Latin
// line: a Chinese title, taller, was cut to "..." whatever its length.
void TestDistributionCharts::chineseAxisTitleKeepsItsRoomBesideShortTicks()
{
    TimeSeriesChart chart;
    chart.resize(900, 600);
    chart.setAxisTitles(QStringLiteral("并发"), QStringLiteral("请求数"));
    SeriesData data { QStringLiteral("a"), QColor(0x33, 0x66, 0xCC), { 0.5, 0, 4 }, {}, { 1, 2, 4 } };
    chart.setSeries({ data });
    chart.show();
    QVERIFY(QTest::qWaitForWindowExposed(&chart));
    settle(chart);
    const QStringList texts = drawnTexts(chart);
    QVERIFY2(texts.contains(QStringLiteral("请求数")), qPrintable(texts.join(u'|')));
    for (const QString &text : texts)
        QVERIFY2(!text.contains(QStringLiteral("...")), qPrintable(text));
}

QTEST_MAIN(TestDistributionCharts)
#include "tst_distributioncharts.moc"
