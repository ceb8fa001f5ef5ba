#include "charts/cdfchart.h"
#include "charts/chartexport.h"
#include "charts/phasebarchart.h"
#include "charts/phasestyle.h"
#include "testartifacts.h"

#include "../../common/reportcheck.h"

#include <QFile>
#include <QSvgRenderer>
#include <QTest>

namespace {

PhaseBarChart::Bar bar(const QString &label, const QColor &color, std::array<double, PhaseCount> ms)
{
    PhaseBarChart::Bar b;
    b.label = label;
    b.color = color;
    b.phases.ms = ms;
    b.phases.source.fill(PhaseSource::Measured);
    b.phases.source[size_t(Phase::Prompt)] = PhaseSource::Estimated;
    return b;
}

QList<SeriesData> twoSeries()
{
    SeriesData fast { QStringLiteral("fast"), QColor(0x00, 0x72, 0xB2), {}, {}, {} };
    SeriesData slow { QStringLiteral("slow"), QColor(0xE6, 0x9F, 0x00), {}, {}, {} };
    for (int i = 0; i < 20; ++i) {
        fast.values.append(20 + i * 1.5);
        slow.values.append(120 + i * 4.0);
    }
    return { fast, slow };
}

} // namespace

class TestChartExport : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void formatForPath_data();
    void formatForPath();
    void png();
    void svg();
    void pdf();
    void exportRestoresScreenTheme();
    void badPathGivesError();
    void unknownSuffixGivesError();
    void neverShownChartExportsAtASize();
    void selectionMarkLeftOutOfExports();

private:
    QString m_dir;
    std::unique_ptr<PhaseBarChart> m_chart;
};

void TestChartExport::initTestCase()
{
    m_dir = TestArtifacts::directory();
    m_chart = std::make_unique<PhaseBarChart>();
    m_chart->setTitle(QStringLiteral("Export Title Check"));
    m_chart->setBars({bar(QStringLiteral("local-vllm"), QColor(0x33, 0x66, 0xCC), {12, 140, 60, 900, 8}),
                      bar(QStringLiteral("cloud-api"), QColor(0xCC, 0x33, 0x33), {85, 210, 120, 1300, 15})});
    m_chart->resize(800, 420);
    m_chart->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_chart.get()));
    TestArtifacts::save(m_chart.get(), QStringLiteral("chartexport-screen.png"));
}

void TestChartExport::formatForPath_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<int>("format"); // -1: none

    QTest::newRow("png") << QStringLiteral("/tmp/a.png") << int(ExportFormat::Png);
    QTest::newRow("upper-case") << QStringLiteral("/tmp/A.PNG") << int(ExportFormat::Png);
    QTest::newRow("svg") << QStringLiteral("chart.svg") << int(ExportFormat::Svg);
    QTest::newRow("pdf") << QStringLiteral("x.y.pdf") << int(ExportFormat::Pdf);
    QTest::newRow("jpeg") << QStringLiteral("x.jpg") << -1;
    QTest::newRow("none") << QStringLiteral("chart") << -1;
}

void TestChartExport::formatForPath()
{
    QFETCH(QString, path);
    QFETCH(int, format);
    const std::optional<ExportFormat> got = ChartExport::formatForPath(path);
    QCOMPARE(got ? int(*got) : -1, format);
}

void TestChartExport::png()
{
    const QString path = m_dir + QStringLiteral("/chartexport.png");
    QFile::remove(path);
    QString error;
    QVERIFY2(m_chart->exportTo(path, 192, &error), qPrintable(error));

    QImage image(path);
    QVERIFY(!image.isNull());
    QCOMPARE(image.size(), m_chart->size() * 2);
    QCOMPARE(image.dotsPerMeterX(), qRound(192 / 0.0254));
    QVERIFY(TestArtifacts::hasInk(image));
    // The phase colours made it into the file: the network blue of the first segment.
    bool foundNetwork = false;
    const QRgb network = PhaseStyle::color(Phase::Network).rgb();
    for (int y = 0; y < image.height() && !foundNetwork; y += 3) {
        for (int x = 0; x < image.width() && !foundNetwork; x += 3)
            foundNetwork = image.pixel(x, y) == network;
    }
    QVERIFY(foundNetwork);
    // Exports are light whatever the screen: the corners are white.
    QCOMPARE(QColor(image.pixel(2, 2)), QColor(Qt::white));

    QVERIFY2(m_chart->exportTo(m_dir + QStringLiteral("/chartexport-96dpi.png"), 96, &error), qPrintable(error));
    QCOMPARE(QImage(m_dir + QStringLiteral("/chartexport-96dpi.png")).size(), m_chart->size());
}

void TestChartExport::svg()
{
    const QString path = m_dir + QStringLiteral("/chartexport.svg");
    QString error;
    QVERIFY2(m_chart->exportTo(path, 192, &error), qPrintable(error));
    QSvgRenderer renderer(path);
    QVERIFY(renderer.isValid());
    QCOMPARE(renderer.viewBox().size(), m_chart->size());
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QByteArray svg = file.readAll();
    QVERIFY(svg.contains("Export Title Check"));
    QVERIFY(svg.contains("local-vllm"));

    // What the SVG draws, rasterised, so a person can compare it with the PNG.
    QImage image(m_chart->size(), QImage::Format_ARGB32);
    image.fill(Qt::white);
    QPainter painter(&image);
    renderer.render(&painter);
    painter.end();
    QVERIFY(TestArtifacts::hasInk(image));
    image.save(m_dir + QStringLiteral("/chartexport-svg-rendered.png"));
}

void TestChartExport::pdf()
{
    const QString path = m_dir + QStringLiteral("/chartexport.pdf");
    QString error;
    QVERIFY2(m_chart->exportTo(path, 300, &error), qPrintable(error));
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QByteArray pdf = file.readAll();
    QVERIFY(pdf.startsWith("%PDF"));
    QVERIFY(pdf.contains("/Type /Page") || pdf.contains("/Type/Page"));
    QVERIFY2(pdf.size() > 1024, QByteArray::number(pdf.size()).constData());
}

void TestChartExport::exportRestoresScreenTheme()
{
    // Pretend the screen is dark: the export must still be white and the screen stay dark.
    QPalette dark = m_chart->palette();
    dark.setColor(QPalette::Window, QColor(0x20, 0x20, 0x20));
    dark.setColor(QPalette::Base, QColor(0x18, 0x18, 0x18));
    m_chart->setPalette(dark);
    QVERIFY(!m_chart->isLight());
    const QImage image = ChartExport::renderImage(m_chart.get(), 96);
    QCOMPARE(QColor(image.pixel(2, 2)), QColor(Qt::white));
    QVERIFY(!m_chart->isLight());
    TestArtifacts::save(m_chart.get(), QStringLiteral("chartexport-dark-screen.png"));
    m_chart->setPalette(QPalette());
    QVERIFY(m_chart->isLight());
}

void TestChartExport::badPathGivesError()
{
    const QString path = QStringLiteral("/nonexistent-dir-for-tokenscope/sub/chart.png");
    for (ExportFormat format : {ExportFormat::Png, ExportFormat::Svg, ExportFormat::Pdf}) {
        QString error;
        QVERIFY(!ChartExport::exportWidget(m_chart.get(), path, format, 192, &error));
        QVERIFY2(error.contains(QStringLiteral("nonexistent-dir-for-tokenscope")), qPrintable(error));
    }
    QString error;
    QVERIFY(!ChartExport::exportWidget(nullptr, m_dir + QStringLiteral("/x.png"), ExportFormat::Png, 96, &error));
    QVERIFY(!error.isEmpty());
    QVERIFY(!ChartExport::exportWidget(m_chart.get(), m_dir + QStringLiteral("/x.png"), ExportFormat::Png, 0, &error));
    QVERIFY(!error.isEmpty());
    // And no error pointer at all must not crash either.
    QVERIFY(!ChartExport::exportWidget(m_chart.get(), path, ExportFormat::Png, 192, nullptr));
}

void TestChartExport::unknownSuffixGivesError()
{
    QString error;
    QVERIFY(!m_chart->exportTo(m_dir + QStringLiteral("/chart.bmp"), 96, &error));
    QVERIFY(error.contains(QStringLiteral(".png")));
    QVERIFY(!QFile::exists(m_dir + QStringLiteral("/chart.bmp")));
}

void TestChartExport::neverShownChartExportsAtASize()
{
    // A chart on a tab never opened has QWidget's default 100×30: exports used to draw it so.
    CdfChart chart;
    chart.setTitle(QStringLiteral("End-to-end latency"));
    chart.setSeries(twoSeries());
    QCOMPARE(ChartExport::exportSize(&chart), ChartExport::DefaultSize);

    QString error;
    const QString svg = m_dir + QStringLiteral("/chartexport-never-shown.svg");
    QVERIFY2(chart.exportTo(svg, 96, &error), qPrintable(error));
    QSvgRenderer renderer(svg);
    QVERIFY(renderer.isValid());
    QCOMPARE(renderer.viewBox().size(), ChartExport::DefaultSize);

    const QString png = m_dir + QStringLiteral("/chartexport-never-shown.png");
    QVERIFY2(chart.exportTo(png, 96, &error, QSize(640, 384)), qPrintable(error));
    const QImage image = QImage(png).convertToFormat(QImage::Format_RGB32);
    QCOMPARE(image.size(), QSize(640, 384));
    const QString problem = ReportCheck::chartProblem(image, image.rect());
    QVERIFY2(problem.isEmpty(), qPrintable(problem));
    // Exporting did not make the chart look laid out at its default size.
    QCOMPARE(ChartExport::exportSize(&chart), ChartExport::DefaultSize);
}

void TestChartExport::selectionMarkLeftOutOfExports()
{
    CdfChart chart;
    chart.setSeries(twoSeries());
    chart.resize(640, 384);
    chart.show();
    QVERIFY(QTest::qWaitForWindowExposed(&chart));
    const QImage unmarkedScreen = chart.grab().toImage();
    const QImage unmarked = ChartExport::renderImage(&chart, 96);

    chart.highlight(1, 5);
    QVERIFY(chart.highlightedPoint());
    // The clicked point's mark is the screen's state, not part of the figure…
    QCOMPARE(ChartExport::renderImage(&chart, 96), unmarked);
    // …and it is still there on screen after the export.
    QVERIFY(chart.highlightedPoint());
    QVERIFY(chart.grab().toImage() != unmarkedScreen);
}

QTEST_MAIN(TestChartExport)
#include "tst_chartexport.moc"
