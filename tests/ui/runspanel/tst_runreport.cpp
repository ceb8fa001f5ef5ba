// The run report written by a real Runs panel after a real run against the embedded
// endpoint: a self-contained HTML page and a PDF that colleagues can open, with every
// chart, the figures as the panel shows them, and no trace of the endpoint's secrets.
#include "../../common/artifacts.h"
#include "runspanel/runreport.h"
#include "models/endpointresultsmodel.h"
#include "runspanel/runconfigwidget.h"
#include "runspanel/runspanel.h"

#include "client/streamingclient.h"
#include "endpoint/embeddedendpoint.h"
#include "format/runexport.h"
#include "../../common/widgetlookup.h"

#include <QComboBox>
#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QRegularExpression>
#include <QSettings>
#include <QSignalSpy>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

namespace {

const QByteArray PlantedSecret = QByteArrayLiteral("sk-PLANTED-0123456789abcdef");
// Markup in a name must come out as text, never as tags.
const QString EndpointName = QStringLiteral("Sim <fast> & co");

LatencyModel fastModel()
{
    LatencyModel m;
    m.networkMs = 2;
    m.promptMsPerToken = 0;
    m.inferenceMs = 20;
    m.generationMsPerToken = 2;
    m.postprocessMs = 2;
    m.batchSlowdown = 0;
    m.jitter = 0;
    return m;
}

EndpointProfile profileFor(const QUrl &root)
{
    EndpointProfile e;
    e.id = QStringLiteral("sim");
    e.name = EndpointName;
    e.color = QStringLiteral("#1f77b4");
    e.protocol = Protocol::OpenAIChat;
    e.model = QStringLiteral("tokenscope-sim");
    e.baseUrl = root;
    e.baseUrl.setPath(QStringLiteral("/v1"));
    e.apiKey = QString::fromLatin1(PlantedSecret);
    e.headers.append({ QByteArrayLiteral("Authorization"), "Bearer " + PlantedSecret });
    e.pricePerMInput = 1.0;
    e.pricePerMOutput = 4.0;
    return e;
}

QByteArray readAll(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return file.readAll();
}


} // namespace

class TestRunReport : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName(QStringLiteral("TokenScopeTests"));
        QCoreApplication::setApplicationName(QStringLiteral("tst_runreport"));
        QSettings().remove(QStringLiteral("runs"));
        qRegisterMetaType<RequestRecord>();

        QVERIFY(m_endpoint.start(fastModel()));
        m_panel = std::make_unique<RunsPanel>(&m_client);
        m_panel->setEndpoints({ profileFor(m_endpoint.baseUrl()) });
        RunConfigWidget *config = m_panel->configWidget();
        auto *promptInline = child<QRadioButton>(config, "promptInline");
        auto *promptText = child<QPlainTextEdit>(config, "promptText");
        auto *mode = child<QComboBox>(config, "mode");
        auto *requests = child<QSpinBox>(config, "requests");
        auto *concurrency = child<QSpinBox>(config, "concurrency");
        auto *warmup = child<QSpinBox>(config, "warmup");
        auto *maxTokens = child<QSpinBox>(config, "maxTokens");
        QVERIFY(promptInline && promptText && mode && requests && concurrency && warmup && maxTokens);
        promptInline->setChecked(true);
        promptText->setPlainText(QStringLiteral("Say hello."));
        mode->setCurrentIndex(0);
        requests->setValue(10);
        concurrency->setValue(2);
        warmup->setValue(0);
        maxTokens->setValue(16);

        auto *button = child<QPushButton>(m_panel.get(), "exportReportButton");
        QVERIFY(button);
        QVERIFY2(!button->isEnabled(), "nothing to report before a run");
        QString error;
        QVERIFY(!m_panel->exportReport(m_dir.filePath(QStringLiteral("empty")), &error));
        QVERIFY(!error.isEmpty());

        QSignalSpy finished(m_panel.get(), &RunsPanel::runFinished);
        QVERIFY(m_panel->run());
        QVERIFY(finished.wait(60'000));
        QVERIFY(button->isEnabled());
        QCOMPARE(m_panel->controller()->results().constFirst().summary.requestsOk, 10);

        // A suffix typed into the dialog is dropped: both files get the base name.
        const QString base = m_dir.filePath(QStringLiteral("report"));
        QVERIFY2(m_panel->exportReport(base + u".html", &error), qPrintable(error));
        m_html = readAll(base + u".html");
        m_pdf = readAll(base + u".pdf");
        QVERIFY(!m_html.isEmpty());
        QVERIFY(!m_pdf.isEmpty());

        // For a human to look at.
        const QDir artifacts(artifactsDir());
        QFile::remove(artifacts.filePath(QStringLiteral("run-report.html")));
        QFile::remove(artifacts.filePath(QStringLiteral("run-report.pdf")));
        QFile::copy(base + u".html", artifacts.filePath(QStringLiteral("run-report.html")));
        QFile::copy(base + u".pdf", artifacts.filePath(QStringLiteral("run-report.pdf")));
    }

    void cleanupTestCase()
    {
        m_panel.reset();
        QSettings().remove(QStringLiteral("runs"));
    }

    void htmlIsOneSelfContainedDocument()
    {
        const QString html = QString::fromUtf8(m_html);
        QVERIFY(html.startsWith(u"<!DOCTYPE html>"));
        QVERIFY(html.contains(u"<meta charset=\"utf-8\">"));
        QVERIFY(QRegularExpression(QStringLiteral("<html lang=\"[A-Za-z-]+\">")).match(html).hasMatch());
        QVERIFY(html.contains(u"TokenScope " TOKENSCOPE_VERSION));
        QVERIFY(html.trimmed().endsWith(u"</html>"));
        // Nothing to fetch and nothing to run.
        for (const char *outside : { "<script", "<img", "<link", "<iframe", "src=" })
            QVERIFY2(!html.contains(QLatin1String(outside), Qt::CaseInsensitive), outside);
    }

    void htmlHasEveryChartAsInlineSvg()
    {
        const QString html = QString::fromUtf8(m_html);
        // The five of the run, and the one of what its server's /metrics said.
        QCOMPARE(html.count(u"<svg"), 6);
        QCOMPARE(html.count(u"</svg>"), 6);
        QCOMPARE(html.count(u"<figure>"), 6);
        QVERIFY2(!html.contains(u"<?xml"), "an XML prolog is not allowed inside HTML");
        for (const char *caption : { "Mean latency by phase", "Time to first token (CDF)", "End-to-end latency",
                                     "Inter-token latency", "Output throughput", "Server: requests running and waiting, KV cache" })
            QVERIFY2(html.contains(u"<figcaption>" + QString::fromLatin1(caption) + u"</figcaption>"), caption);
        // Ids are unique across the charts, or url(#…) references would hit another chart.
        QRegularExpression id(QStringLiteral("\\sid=\"([^\"]+)\""));
        QSet<QString> ids;
        for (auto it = id.globalMatch(html); it.hasNext();) {
            const QString value = it.next().captured(1);
            QVERIFY2(!ids.contains(value), qPrintable(value));
            ids.insert(value);
        }
    }

    void htmlShowsTheFiguresAsThePanelDoes()
    {
        const QString html = QString::fromUtf8(m_html);
        const QString escapedName = EndpointName.toHtmlEscaped();
        QVERIFY(html.contains(escapedName));
        QVERIFY2(!html.contains(EndpointName), "an endpoint name is text, never markup");
        EndpointResultsModel *model = m_panel->endpointResultsModel();
        const QString p50 = model->index(0, EndpointResultsModel::TtftP50Column).data().toString();
        QVERIFY(!p50.isEmpty());
        QVERIFY2(html.contains(u"<td align=\"right\">" + p50 + u"</td>"), qPrintable(p50));
        const QString cost = model->index(0, EndpointResultsModel::CostColumn).data().toString();
        QVERIFY2(html.contains(u">" + cost + u"<"), qPrintable(cost));
        // The five phases with their sources.
        for (Phase phase : Phases::all())
            QVERIFY2(html.contains(Phases::label(phase).toHtmlEscaped()), qPrintable(Phases::label(phase)));
        QVERIFY(html.contains(u"(" + Phases::sourceLabel(PhaseSource::Measured).toHtmlEscaped() + u")"));
        // Plain HTTP on loopback: the token times are the kernel's, and the report says so.
        QVERIFY(html.contains(u">Receive times<"));
        QVERIFY(html.contains(u">kernel's<"));
    }

    void settingsComeFromTheSecretFreeExport()
    {
        const EndpointRun run = m_panel->controller()->results().constFirst();
        QCOMPARE(run.config.endpoint.apiKey, QString::fromLatin1(PlantedSecret)); // it was there to leak
        const QJsonObject settings = RunExport::settingsJson(run.config);
        QVERIFY(!QJsonDocument(settings).toJson().contains("PLANTED"));
        const QString html = QString::fromUtf8(m_html);
        const QString url = settings.value(QStringLiteral("endpoint")).toObject().value(QStringLiteral("url")).toString();
        QVERIFY2(html.contains(u"<td align=\"right\">" + url.toHtmlEscaped() + u"</td>"), qPrintable(url));
        QVERIFY(html.contains(u"<td align=\"right\">tokenscope-sim</td>"));
        QVERIFY(html.contains(u"2 in flight (closed loop)"));
        QVERIFY(html.contains(u"connect 10 s · first token 120 s · stall 60 s · total 600 s"));
    }

    void noSecretInEitherFile()
    {
        for (const QByteArray &bytes : { m_html, m_pdf }) {
            QVERIFY(!bytes.contains(PlantedSecret));
            QVERIFY(!bytes.contains("PLANTED"));
            QVERIFY(!bytes.contains("Bearer"));
            QVERIFY(!bytes.contains("Authorization"));
        }
    }

    void pdfHasPagesAndWeight()
    {
        QVERIFY(m_pdf.startsWith("%PDF-"));
        QVERIFY(m_pdf.trimmed().endsWith("%%EOF"));
        // "/Type /Page" but not "/Type /Pages" (the page tree).
        int count = 0;
        for (auto it = QRegularExpression(QStringLiteral("/Type\\s*/Page(?!s)")).globalMatch(QString::fromLatin1(m_pdf));
             it.hasNext(); it.next())
            ++count;
        QCOMPARE_GE(count, 2);
        QCOMPARE_GT(m_pdf.size(), 10 * 1024);
    }

    void failureNamesTheFile()
    {
        QString error;
        const QString base = m_dir.filePath(QStringLiteral("missing/dir/report"));
        QVERIFY(!m_panel->exportReport(base, &error));
        QVERIFY2(error.contains(QDir::toNativeSeparators(m_dir.filePath(QStringLiteral("missing/dir")))),
                 qPrintable(error));
        QVERIFY(!QFile::exists(base + u".html"));
    }

private:
    EmbeddedEndpointRunner m_endpoint;
    StreamingClient m_client;
    std::unique_ptr<RunsPanel> m_panel;
    QTemporaryDir m_dir;
    QByteArray m_html;
    QByteArray m_pdf;
};

QTEST_MAIN(TestRunReport)
#include "tst_runreport.moc"
