// The comparison report as a reader sees it: the History panel's report and ComparisonReport
// itself, its PDF rendered by poppler (pdftoppm) and its HTML opened in chromium. Every chart
// must be drawn at the report's size whether or not its tab was ever opened (the PDF used to
// show a giant "End-to-en" for a chart laid out at QWidget's default 100×30).
#include "historypanel/comparisonreport.h"
#include "historypanel/historypanel.h"

#include "charts/cdfchart.h"
#include "report/reportwriter.h"

#include "../../common/artifacts.h"
#include "../../common/reportcheck.h"

#include <QDir>
#include <QFile>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>

namespace {

RequestRecord record(int index, double ttftMs)
{
    RequestRecord r;
    r.index = index;
    RequestTrace &t = r.trace;
    t.startNs = qint64(index) * 10'000'000;
    t.requestSentNs = t.startNs + 100'000;
    t.firstTokenNs = t.startNs + qint64(ttftMs * 1e6);
    t.firstAnswerTokenNs = t.firstTokenNs;
    t.chunks = { { t.firstTokenNs, QStringLiteral("a"), 1, false, false },
                 { t.firstTokenNs + 4'000'000, QStringLiteral("b"), 1, false, false } };
    t.lastTokenNs = t.firstTokenNs + 4'000'000;
    t.endNs = t.lastTokenNs + 1'000'000;
    t.httpStatus = 200;
    r.metrics = Metrics::compute(t);
    return r;
}

ImportedRun run(const QString &endpoint, double baseTtft, int n)
{
    ImportedRun r;
    LoadConfig c;
    c.endpoint.name = endpoint;
    c.endpoint.baseUrl = QUrl(QStringLiteral("http://127.0.0.1:1/v1"));
    r.settings = RunSettings::fromConfig(c);
    for (int i = 0; i < n; ++i)
        r.records.append(record(i, baseTtft + 3 * i));
    return r;
}

QStringList captions()
{
    return { ComparisonReport::tr("Time to first token (CDF)"), ComparisonReport::tr("End-to-end latency (CDF)"),
             ComparisonReport::tr("Time to first token (box plot)") };
}

QByteArray bytes(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

void saveForReview(const QList<QImage> &pages, const QString &name)
{
    const QDir dir(artifactsDir());
    for (qsizetype i = 0; i < pages.size(); ++i)
        pages.at(i).save(dir.filePath(QStringLiteral("%1-page%2.png").arg(name).arg(i + 1)));
}

} // namespace


class TestComparisonReport : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        QVERIFY(m_store.open(m_dir.filePath(QStringLiteral("history.sqlite"))));
        m_fast = m_store.importRun(run(QStringLiteral("fast-gpu"), 20, 12));
        m_slow = m_store.importRun(run(QStringLiteral("slow-cpu"), 200, 12));
        QVERIFY(m_fast > 0 && m_slow > 0);
        QCOMPARE(ReportWriter::chartSize(), QSize(ReportCheck::ChartWidth, ReportCheck::ChartHeight));
    }

    void panelReportWithTabsNeverOpened()
    {
        if (ReportCheck::tool("pdftoppm").isEmpty() || ReportCheck::tool("pdftotext").isEmpty())
            QFAIL("poppler-utils (pdftoppm, pdftotext) is not installed; scripts/test.sh installs it");
        // The panel is never shown: none of its chart tabs was ever laid out.
        HistoryPanel panel(&m_store);
        QVERIFY(panel.compare({ m_fast, m_slow }));
        const QString base = m_dir.filePath(QStringLiteral("hidden"));
        QString error;
        QVERIFY2(panel.exportComparisonReport(base, &error), qPrintable(error));

        // Each SVG of the HTML is drawn at the report's chart size.
        const QByteArray html = bytes(base + u".html");
        const QList<QSize> sizes = ReportCheck::htmlSvgSizes(html);
        QCOMPARE(sizes.size(), 3);
        const QList<QSizeF> mm = ReportCheck::htmlSvgSizesMm(html);
        QCOMPARE(mm.size(), 3);
        for (qsizetype i = 0; i < sizes.size(); ++i) {
            QCOMPARE(sizes.at(i), ReportWriter::chartSize());
            QVERIFY2(qAbs(mm.at(i).width() - ReportWriter::chartSize().width() * 25.4 / 96) < 0.1,
                     qPrintable(QString::number(mm.at(i).width())));
            QVERIFY2(qAbs(mm.at(i).height() - ReportWriter::chartSize().height() * 25.4 / 96) < 0.1,
                     qPrintable(QString::number(mm.at(i).height())));
        }

        // Legible in print: the PDF draws these SVGs at scale 1.
        const QList<double> fonts = ReportCheck::htmlSvgMinFontPt(html);
        QCOMPARE(fonts.size(), 3);
        for (double pt : fonts)
            QVERIFY2(pt >= ReportCheck::MinFontPt, qPrintable(QStringLiteral("a chart's text prints at %1 pt").arg(pt)));

        QList<QImage> pages;
        const QStringList problems = ReportCheck::pdfChartProblems(base + u".pdf", captions(), 50, &pages);
        saveForReview(pages, QStringLiteral("comparison-report-hidden-tabs"));
        QVERIFY2(problems.isEmpty(), qPrintable(problems.join(u'\n')));
    }

    void reportDoesNotDependOnTheScreen()
    {
        if (ReportCheck::tool("pdftoppm").isEmpty() || ReportCheck::tool("pdftotext").isEmpty())
            QFAIL("poppler-utils (pdftoppm, pdftotext) is not installed; scripts/test.sh installs it");
        // Shown small, one tab opened: the report's charts keep the report's size, and the
        // export leaves the screen as it was.
        HistoryPanel panel(&m_store);
        panel.resize(700, 500);
        panel.show();
        QVERIFY(QTest::qWaitForWindowExposed(&panel));
        auto *tabs = panel.findChild<QTabWidget *>(QStringLiteral("charts"));
        QVERIFY(tabs);
        QVERIFY(panel.compare({ m_fast, m_slow }));
        tabs->setCurrentWidget(panel.ttftChart());
        // Settled: the chart's legend and plot take their places over a few layout passes.
        QTest::qWait(100);
        const QImage before = panel.ttftChart()->grab().toImage();

        const QString base = m_dir.filePath(QStringLiteral("shown"));
        QString error;
        QVERIFY2(panel.exportComparisonReport(base, &error), qPrintable(error));
        QTest::qWait(100);
        QCOMPARE(panel.ttftChart()->grab().toImage(), before);

        const QList<QSize> sizes = ReportCheck::htmlSvgSizes(bytes(base + u".html"));
        QCOMPARE(sizes, QList<QSize>(3, ReportWriter::chartSize()));
        const QStringList problems = ReportCheck::pdfChartProblems(base + u".pdf", captions());
        QVERIFY2(problems.isEmpty(), qPrintable(problems.join(u'\n')));
    }

    void reportInTheBrowser()
    {
        const QString base = m_dir.filePath(QStringLiteral("browser"));
        QString error;
        QVERIFY2(ComparisonReport::writeStored({ *m_store.loadRun(m_fast), *m_store.loadRun(m_slow) },
                                               base + u".html", QString(), &error),
                 qPrintable(error));
        QVERIFY(!QFile::exists(base + u".pdf")); // an empty path skips that format
        if (ReportCheck::chromium().isEmpty())
            QSKIP("chromium is not installed: the HTML report was not checked in a browser "
                  "(apt-get install chromium)");
        QImage screenshot;
        const QStringList problems = ReportCheck::browserChartProblems(base + u".html", 3, &screenshot);
        screenshot.save(QDir(artifactsDir()).filePath(QStringLiteral("comparison-report-chromium.png")));
        QVERIFY2(problems.isEmpty(), qPrintable(problems.join(u'\n')));
    }

    void nothingToCompare()
    {
        QString error;
        QVERIFY(!ComparisonReport::write({}, m_dir.filePath(QStringLiteral("none.html")), QString(), &error));
        QVERIFY(!error.isEmpty());
        QVERIFY(!QFile::exists(m_dir.filePath(QStringLiteral("none.html"))));
    }

private:
    QTemporaryDir m_dir;
    HistoryStore m_store;
    qint64 m_fast = 0, m_slow = 0;
};

QTEST_MAIN(TestComparisonReport)
#include "tst_comparisonreport.moc"
