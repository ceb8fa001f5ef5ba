// tokenscope-cli history compare: the runs side by side, and with --html/--pdf the History
// panel's comparison report, checked as a reader sees it: the PDF rendered by poppler's
// pdftoppm, the HTML opened in chromium. Every chart must be drawn at the report's size.
#include "../common/artifacts.h"
#include "../common/clirunner.h"
#include "../common/reportcheck.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

namespace {

struct Result
{
    int exitCode = -1;
    QString out;
    QString err;
};

Result cli(const QStringList &args)
{
    const CliOutcome o = runTokenscopeCli(args, 120'000);
    return { o.exitCode, QString::fromUtf8(o.out), QString::fromUtf8(o.err) };
}

QByteArray bytes(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

} // namespace

class TestHistoryCompareCli : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_db = m_dir.filePath(QStringLiteral("history.sqlite"));
        // Two runs on the simulated endpoint, one slower to answer than the other.
        for (const char *inferenceMs : { "5", "40" }) {
            const Result r = cli({ QStringLiteral("run"), QStringLiteral("--requests"), QStringLiteral("8"),
                                   QStringLiteral("--network-ms"), QStringLiteral("1"), QStringLiteral("--inference-ms"),
                                   QString::fromLatin1(inferenceMs), QStringLiteral("--generation-ms-per-token"),
                                   QStringLiteral("1"), QStringLiteral("--max-tokens"), QStringLiteral("6"),
                                   QStringLiteral("--quiet"), QStringLiteral("--history-db"), m_db });
            QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        }
    }

    void comparesInText()
    {
        const Result r = cli({ QStringLiteral("history"), QStringLiteral("compare"), QStringLiteral("1"),
                               QStringLiteral("2"), QStringLiteral("--history-db"), m_db });
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QVERIFY2(r.out.contains(QStringLiteral("TTFT p50")), qPrintable(r.out));
        QVERIFY2(r.out.contains(QStringLiteral("#1 ")) && r.out.contains(QStringLiteral("#2 ")), qPrintable(r.out));
    }

    void badArguments()
    {
        Result r = cli({ QStringLiteral("history"), QStringLiteral("compare"), QStringLiteral("--history-db"), m_db });
        QCOMPARE(r.exitCode, 2);
        r = cli({ QStringLiteral("history"), QStringLiteral("compare"), QStringLiteral("1"), QStringLiteral("x"),
                  QStringLiteral("--history-db"), m_db });
        QCOMPARE(r.exitCode, 2);
        const QString html = m_dir.filePath(QStringLiteral("missing.html"));
        r = cli({ QStringLiteral("history"), QStringLiteral("compare"), QStringLiteral("1"), QStringLiteral("99"),
                  QStringLiteral("--history-db"), m_db, QStringLiteral("--html"), html });
        QCOMPARE(r.exitCode, 1);
        QVERIFY(!QFile::exists(html));
    }

    void writesTheReport()
    {
        if (ReportCheck::tool("pdftoppm").isEmpty() || ReportCheck::tool("pdftotext").isEmpty())
            QFAIL("poppler-utils (pdftoppm, pdftotext) is not installed; scripts/test.sh installs it");
        const QString html = m_dir.filePath(QStringLiteral("compare.html"));
        const QString pdf = m_dir.filePath(QStringLiteral("compare.pdf"));
        const Result r = cli({ QStringLiteral("history"), QStringLiteral("compare"), QStringLiteral("1"),
                               QStringLiteral("2"), QStringLiteral("--history-db"), m_db, QStringLiteral("--html"),
                               html, QStringLiteral("--pdf"), pdf });
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));

        // The HTML: three charts, each an SVG of the report's chart size.
        const QByteArray page = bytes(html);
        QVERIFY(page.contains("</html>"));
        QCOMPARE(ReportCheck::htmlSvgSizes(page),
                 QList<QSize>(3, QSize(ReportCheck::ChartWidth, ReportCheck::ChartHeight)));

        for (double pt : ReportCheck::htmlSvgMinFontPt(page))
            QVERIFY2(pt >= ReportCheck::MinFontPt, qPrintable(QStringLiteral("a chart's text prints at %1 pt").arg(pt)));

        // The PDF: every chart drawn under its caption.
        QList<QImage> pages;
        const QStringList problems = ReportCheck::pdfChartProblems(
            pdf,
            { QStringLiteral("Time to first token (CDF)"), QStringLiteral("End-to-end latency (CDF)"),
              QStringLiteral("Time to first token (box plot)") },
            50, &pages);
        for (qsizetype i = 0; i < pages.size(); ++i)
            pages.at(i).save(QDir(artifactsDir()).filePath(QStringLiteral("cli-comparison-report-page%1.png").arg(i + 1)));
        QVERIFY2(problems.isEmpty(), qPrintable(problems.join(u'\n')));

        if (ReportCheck::chromium().isEmpty())
            QSKIP("chromium is not installed: the HTML report was not checked in a browser (apt-get install chromium)");
        QImage screenshot;
        const QStringList inBrowser = ReportCheck::browserChartProblems(html, 3, &screenshot);
        screenshot.save(QDir(artifactsDir()).filePath(QStringLiteral("cli-comparison-report-chromium.png")));
        QVERIFY2(inBrowser.isEmpty(), qPrintable(inBrowser.join(u'\n')));
    }

private:
    QTemporaryDir m_dir;
    QString m_db;
};

QTEST_GUILESS_MAIN(TestHistoryCompareCli)
#include "tst_historycomparecli.moc"
