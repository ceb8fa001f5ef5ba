// The Runs panel against the embedded endpoint: two endpoints side by side, the shared
// selection, cancel, export, and a picture of the panel for a human to look at.
#include "../../common/artifacts.h"
#include "models/endpointresultsmodel.h"
#include "models/requesttablemodel.h"
#include "runspanel/runconfigwidget.h"
#include "runspanel/runspanel.h"

#include "breakdownpanel/breakdownpanel.h"
#include "breakdownpanel/waterfallview.h"
#include "charts/barchart.h"
#include "charts/cdfchart.h"
#include "client/streamingclient.h"
#include "endpoint/embeddedendpoint.h"
#include "charts/timeserieschart.h"
#include "storage/historystore.h"
#include "profiles/profilestore.h"
#include "../../common/widgetlookup.h"

#include <QAbstractItemModelTester>
#include <QComboBox>
#include <QDir>
#include <QFile>
#include <QHeaderView>
#include <QJsonArray>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QRadioButton>
#include <QRegularExpression>
#include <QScrollArea>
#include <QScrollBar>
#include <QSettings>
#include <QSignalSpy>
#include <QSortFilterProxyModel>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTableView>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTableWidget>
#include <QTest>

namespace {

LatencyModel fastModel(double msPerToken)
{
    LatencyModel m;
    m.networkMs = 2;
    m.promptMsPerToken = 0;
    m.inferenceMs = 20;
    m.generationMsPerToken = msPerToken;
    m.postprocessMs = 2;
    m.batchSlowdown = 0;
    m.jitter = 0;
    return m;
}

QList<EndpointProfile> profilesFor(const QUrl &root)
{
    EndpointProfile chat;
    chat.id = QStringLiteral("openai");
    chat.name = QStringLiteral("OpenAI chat");
    chat.color = QStringLiteral("#1f77b4");
    chat.protocol = Protocol::OpenAIChat;
    chat.model = QStringLiteral("tokenscope-sim");
    chat.baseUrl = root;
    chat.baseUrl.setPath(QStringLiteral("/v1"));
    chat.pricePerMInput = 1.0;
    chat.pricePerMOutput = 4.0;

    EndpointProfile anthropic;
    anthropic.id = QStringLiteral("anthropic");
    anthropic.name = QStringLiteral("Anthropic");
    anthropic.color = QStringLiteral("#e6550d");
    anthropic.protocol = Protocol::Anthropic;
    anthropic.model = QStringLiteral("tokenscope-sim");
    anthropic.baseUrl = root;
    return { chat, anthropic };
}

/// Sets the run's fields as a user would; false when one of them is missing.
bool configure(RunsPanel &panel, int requests, int concurrency, int maxTokens)
{
    RunConfigWidget *config = panel.configWidget();
    auto *promptInline = child<QRadioButton>(config, "promptInline");
    auto *promptText = child<QPlainTextEdit>(config, "promptText");
    auto *mode = child<QComboBox>(config, "mode");
    auto *requestsBox = child<QSpinBox>(config, "requests");
    auto *concurrencyBox = child<QSpinBox>(config, "concurrency");
    auto *warmup = child<QSpinBox>(config, "warmup");
    auto *maxTokensBox = child<QSpinBox>(config, "maxTokens");
    if (!promptInline || !promptText || !mode || !requestsBox || !concurrencyBox || !warmup || !maxTokensBox)
        return false;
    promptInline->setChecked(true);
    promptText->setPlainText(QStringLiteral("Say hello."));
    mode->setCurrentIndex(0);
    requestsBox->setValue(requests);
    concurrencyBox->setValue(concurrency);
    warmup->setValue(0);
    maxTokensBox->setValue(maxTokens);
    return true;
}

int rowsOf(const RequestTableModel &model, const QString &endpointId)
{
    int n = 0;
    for (int r = 0; r < model.rowCount(); ++r)
        n += model.keyAt(r).endpointId == endpointId ? 1 : 0;
    return n;
}


} // namespace

class TestRunsPanel : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        // Keep the user's remembered run settings out of (and untouched by) the test.
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName(QStringLiteral("TokenScopeTests"));
        QCoreApplication::setApplicationName(QStringLiteral("tst_runspanel"));
        QSettings().remove(QStringLiteral("runs"));
        qRegisterMetaType<RequestRecord>();
    }

    void cleanupTestCase() { QSettings().remove(QStringLiteral("runs")); }

    void badPromptFileIsShownAtTheField()
    {
        StreamingClient client;
        RunsPanel panel(&client);
        EmbeddedEndpointRunner endpoint;
        QVERIFY(endpoint.start(fastModel(2)));
        panel.setEndpoints(profilesFor(endpoint.baseUrl()));
        RunConfigWidget *config = panel.configWidget();
        auto *fromFile = child<QRadioButton>(config, "promptFromFile");
        auto *promptFile = child<QLineEdit>(config, "promptFile");
        const auto *error = child<QLabel>(config, "promptError");
        QVERIFY(fromFile && promptFile && error);
        fromFile->setChecked(true);
        promptFile->setText(QStringLiteral("/nonexistent/prompts.jsonl"));
        QSignalSpy started(&panel, &RunsPanel::runStarted);
        QVERIFY(!panel.run());
        QCOMPARE(started.count(), 0);
        QVERIFY(!error->isHidden());
        QVERIFY2(error->text().contains(QStringLiteral("prompts.jsonl")), qPrintable(error->text()));
        QVERIFY(!panel.isRunning());
    }

    void settingsAreRemembered()
    {
        {
            RunConfigWidget config;
            auto *promptInline = child<QRadioButton>(&config, "promptInline");
            auto *requests = child<QSpinBox>(&config, "requests");
            auto *mode = child<QComboBox>(&config, "mode");
            QVERIFY(promptInline && requests && mode);
            promptInline->setChecked(true);
            requests->setValue(37);
            mode->setCurrentIndex(1);
        }
        RunConfigWidget config;
        auto *requests = child<QSpinBox>(&config, "requests");
        auto *mode = child<QComboBox>(&config, "mode");
        QVERIFY(requests && mode);
        QCOMPARE(requests->value(), 37);
        EndpointProfile e;
        const std::optional<LoadConfig> c = config.config(e);
        QVERIFY(c);
        QCOMPARE(c->requests, 37);
        QCOMPARE_GT(c->rate, 0.0);
        mode->setCurrentIndex(0);
    }

    void twoEndpointsSideBySide()
    {
        EmbeddedEndpointRunner endpoint;
        QVERIFY(endpoint.start(fastModel(2)));
        StreamingClient client;
        RunsPanel panel(&client);
        QAbstractItemModelTester endpointTester(panel.endpointResultsModel());
        QAbstractItemModelTester requestTester(panel.requestTableModel());
        auto *requestView = child<QTableView>(&panel, "requestView");
        auto *endpointView = child<QTableView>(&panel, "endpointResultsView");
        auto *endpointsLabel = child<QLabel>(&panel, "endpointsLabel");
        auto *progressLabel = child<QLabel>(&panel, "progressLabel");
        auto *resultTabs = child<QTabWidget>(&panel, "resultTabs");
        QVERIFY(requestView && endpointView && endpointsLabel && progressLabel && resultTabs);
        QAbstractItemModelTester requestProxyTester(requestView->model());
        QAbstractItemModelTester endpointProxyTester(endpointView->model());

        const QList<EndpointProfile> profiles = profilesFor(endpoint.baseUrl());
        panel.setEndpoints(profiles);
        QCOMPARE(endpointsLabel->text(), QStringLiteral("Endpoints: OpenAI chat, Anthropic"));
        QVERIFY(configure(panel, 20, 4, 16));

        QSignalSpy started(&panel, &RunsPanel::runStarted);
        QSignalSpy finished(&panel, &RunsPanel::runFinished);
        QSignalSpy progress(panel.controller(), &RunController::progress);
        QVERIFY(panel.run());
        QCOMPARE(started.count(), 1);
        QVERIFY(panel.isRunning());
        QVERIFY(finished.wait(60'000));
        QVERIFY(!panel.isRunning());

        // Progress: coalesced (far fewer updates than requests would be fine, but never
        // more than one per request plus start and end), and it ends complete.
        QVERIFY(!progress.isEmpty());
        QCOMPARE_LE(progress.count(), 40 + 2);
        const QList<QVariant> last = progress.constLast();
        QCOMPARE(last.at(0).toInt(), 40);
        QCOMPARE(last.at(1).toInt(), 0);
        QCOMPARE(last.at(2).toInt(), 40);
        QVERIFY2(progressLabel->text().startsWith(QStringLiteral("40/40 done · 0 failed")),
                 qPrintable(progressLabel->text()));

        // One row per endpoint, 20 good requests each, real TTFTs.
        const EndpointResultsModel *results = panel.endpointResultsModel();
        QCOMPARE(results->rowCount(), 2);
        for (int row = 0; row < 2; ++row) {
            const QString name = results->index(row, EndpointResultsModel::NameColumn).data().toString();
            QCOMPARE(name, profiles.at(row).name);
            QCOMPARE(results->index(row, EndpointResultsModel::OkColumn)
                         .data(EndpointResultsModel::SortRole)
                         .toInt(),
                     20);
            QCOMPARE_GT(results->index(row, EndpointResultsModel::TtftP50Column)
                            .data(EndpointResultsModel::SortRole)
                            .toDouble(),
                        0.0);
            QCOMPARE_GE(results->index(row, EndpointResultsModel::E2eP99Column)
                            .data(EndpointResultsModel::SortRole)
                            .toDouble(),
                        results->index(row, EndpointResultsModel::E2eP50Column)
                            .data(EndpointResultsModel::SortRole)
                            .toDouble());
            QCOMPARE(results->index(row, EndpointResultsModel::NameColumn)
                         .data(Qt::DecorationRole)
                         .value<QColor>(),
                     QColor::fromString(profiles.at(row).color));
        }
        // Only the first endpoint has prices.
        QCOMPARE_GT(results->index(0, EndpointResultsModel::CostColumn)
                        .data(EndpointResultsModel::SortRole)
                        .toDouble(),
                    0.0);
        QCOMPARE(results->index(1, EndpointResultsModel::CostColumn).data().toString(), QStringLiteral("—"));

        // Sorting by a number sorts numerically (the proxy uses SortRole).
        endpointView->sortByColumn(EndpointResultsModel::TtftP50Column, Qt::DescendingOrder);
        const QAbstractItemModel *proxy = endpointView->model();
        QCOMPARE_GE(proxy->index(0, EndpointResultsModel::TtftP50Column)
                        .data(EndpointResultsModel::SortRole)
                        .toDouble(),
                    proxy->index(1, EndpointResultsModel::TtftP50Column)
                        .data(EndpointResultsModel::SortRole)
                        .toDouble());

        const RequestTableModel *requests = panel.requestTableModel();
        QCOMPARE(requests->rowCount(), 40);
        QCOMPARE(rowsOf(*requests, QStringLiteral("openai")), 20);
        QCOMPARE(rowsOf(*requests, QStringLiteral("anthropic")), 20);
        for (int r = 0; r < requests->rowCount(); ++r)
            QVERIFY(requests->recordAt(r).trace.ok());

        // Table -> CDF highlight, breakdown waterfall and requestSelected.
        QSignalSpy selected(&panel, &RunsPanel::requestSelected);
        const int sourceRow = requests->rowCount() - 1; // an anthropic or openai row, whichever came last
        const RequestKey key
            = requests->index(sourceRow, 0).data(RequestTableModel::KeyRole).value<RequestKey>();
        QVERIFY(key.isValid());
        auto *proxyModel = qobject_cast<QSortFilterProxyModel *>(requestView->model());
        QVERIFY(proxyModel);
        requestView->setCurrentIndex(
            proxyModel->mapFromSource(requests->index(sourceRow, RequestTableModel::TtftColumn)));
        QCOMPARE(selected.count(), 1);
        const RequestRecord picked = selected.constLast().at(0).value<RequestRecord>();
        QCOMPARE(picked.index, key.index);
        QCOMPARE(picked.trace.id, requests->recordAt(sourceRow).trace.id);
        QVERIFY(panel.breakdownPanel()->waterfall()->hasRecord());
        QCOMPARE_GT(panel.breakdownPanel()->waterfall()->spanMs(), 0.0);
        const std::optional<QPointF> mark = panel.ttftChart()->highlightedPoint();
        QVERIFY(mark);
        QCOMPARE(mark->x(), *picked.metrics.ttftMs);

        // CDF click -> table row (and everything else).
        const int otherSeries = key.endpointId == QStringLiteral("openai") ? 1 : 0;
        const QString otherId = profiles.at(otherSeries).id;
        int otherIndex = -1;
        for (int r = 0; r < requests->rowCount() && otherIndex < 0; ++r) {
            if (requests->keyAt(r).endpointId == otherId)
                otherIndex = requests->keyAt(r).index;
        }
        QVERIFY(otherIndex >= 0);
        Q_EMIT panel.ttftChart()->pointClicked(otherSeries, otherIndex);
        QCOMPARE(selected.count(), 2);
        const RequestKey now
            = requestView->currentIndex().data(RequestTableModel::KeyRole).value<RequestKey>();
        QCOMPARE(now.endpointId, otherId);
        QCOMPARE(now.index, otherIndex);
        QCOMPARE(panel.selectedRequest().endpointId, otherId);

        // Export: CSV with all 40 rows and JSON with both runs, parsed back.
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString csvPath = dir.filePath(QStringLiteral("run.csv"));
        const QString jsonPath = dir.filePath(QStringLiteral("run.json"));
        QString error;
        QVERIFY2(panel.exportCsv(csvPath, &error), qPrintable(error));
        QVERIFY2(panel.exportJson(jsonPath, &error), qPrintable(error));
        QFile csvFile(csvPath);
        QVERIFY(csvFile.open(QIODevice::ReadOnly));
        const QList<QByteArray> lines = csvFile.readAll().trimmed().split('\n');
        QCOMPARE(lines.size(), 41);
        const QList<QByteArray> header = lines.constFirst().split(',');
        const qsizetype endpointColumn = header.indexOf("endpoint");
        QVERIFY(endpointColumn >= 0);
        int chatRows = 0;
        for (qsizetype i = 1; i < lines.size(); ++i) {
            const QList<QByteArray> cells = lines.at(i).split(',');
            QCOMPARE(cells.size(), header.size());
            chatRows += cells.at(endpointColumn) == "OpenAI chat" ? 1 : 0;
        }
        QCOMPARE(chatRows, 20);
        QFile jsonFile(jsonPath);
        QVERIFY(jsonFile.open(QIODevice::ReadOnly));
        QJsonParseError parseError;
        const QJsonDocument doc = QJsonDocument::fromJson(jsonFile.readAll(), &parseError);
        QCOMPARE(parseError.error, QJsonParseError::NoError);
        const QJsonArray runs = doc.object().value(QStringLiteral("runs")).toArray();
        QCOMPARE(runs.size(), 2);
        for (const QJsonValue &run : runs) {
            QCOMPARE(run.toObject().value(QStringLiteral("requests")).toArray().size(), 20);
            QVERIFY(run.toObject().contains(QStringLiteral("summary")));
        }

        // A picture of the panel after the run, for a human to look at.
        panel.resize(1400, 900);
        panel.show();
        QVERIFY(QTest::qWaitForWindowExposed(&panel));
        QTest::qWait(100);
        const QString dirPath = artifactsDir();
        QVERIFY(panel.grab().save(QDir(dirPath).filePath(QStringLiteral("runspanel.png"))));
        resultTabs->setCurrentIndex(1);
        QTest::qWait(50);
        QVERIFY(panel.grab().save(QDir(dirPath).filePath(QStringLiteral("runspanel-requests.png"))));
    }

    void serverMetricsOnTheRunsTimeAxisAndInTheHistory()
    {
        // The embedded endpoint decodes at most 4 streams: at concurrency 8 its /metrics say 4
        // running and the rest waiting, and the Server tab shows both over the run.
        EmbeddedEndpointRunner endpoint;
        EndpointCapacity capacity;
        capacity.maxConcurrentDecodes = 4;
        endpoint.setCapacity(capacity);
        QVERIFY(endpoint.start(fastModel(6)));
        QTemporaryDir dir;
        HistoryStore history;
        QVERIFY(history.open(dir.filePath(QStringLiteral("history.sqlite"))));
        StreamingClient client;
        RunsPanel panel(&client);
        panel.setHistory(&history);
        panel.setEndpoints({ profilesFor(endpoint.baseUrl()).constFirst() });
        QVERIFY(configure(panel, 32, 8, 40));
        QSignalSpy finished(&panel, &RunsPanel::runFinished);
        QVERIFY(panel.run());
        QVERIFY(finished.wait(60'000));

        const EndpointRun run = panel.controller()->results().constFirst();
        QVERIFY(run.serverMetrics);
        const ServerMetricsRecord &r = *run.serverMetrics;
        QCOMPARE(r.server, QStringLiteral("vllm"));
        QVERIFY(r.scrapes >= 2);
        QCOMPARE(r.summary.value(QStringLiteral("running")).max, 4.0); // the decode limit
        QVERIFY(r.summary.value(QStringLiteral("waiting")).max > 0); // the other streams queued
        auto *load = child<TimeSeriesChart>(&panel, "serverLoadChart");
        auto *throughput = child<TimeSeriesChart>(&panel, "serverThroughputChart");
        auto *table = child<QTableWidget>(&panel, "serverTable");
        QVERIFY(load && throughput && table);
        QCOMPARE(load->seriesCount(), 2); // running and waiting
        QVERIFY(load->pointCount(0) >= 2);
        QCOMPARE(load->secondarySeriesCount(), 1); // KV cache %, on the right axis
        // Under the throughput chart, on the same time axis.
        QCOMPARE(throughput->seriesCount(), 1);
        QCOMPARE(load->xRange(), throughput->xRange());
        // The Server tab's table: a row for the server, its figures by column.
        QCOMPARE(table->rowCount(), 1);
        const auto cell = [table](const QString &header) {
            for (int c = 0; c < table->columnCount(); ++c) {
                if (table->horizontalHeaderItem(c)->text().simplified() == header)
                    return table->item(0, c)->text();
            }
            return QStringLiteral("(no column %1)").arg(header);
        };
        QCOMPARE(cell(QStringLiteral("Endpoint")), run.endpoint.name);
        QVERIFY2(cell(QStringLiteral("Waiting (max)")).toDouble() > 0, qPrintable(cell(QStringLiteral("Waiting (max)"))));
        QVERIFY(cell(QStringLiteral("Running (mean)")).toDouble() > 0);
        // The server's TTFT beside the client's, with the bucket its estimate comes from.
        QVERIFY(cell(QStringLiteral("TTFT p99 client (ms)")).toDouble() > 0);
        QVERIFY(cell(QStringLiteral("TTFT p99 server (ms)")).toDouble() > 0);
        QVERIFY2(cell(QStringLiteral("Its bucket (ms)")).contains(u'–') || cell(QStringLiteral("Its bucket (ms)")).startsWith(u'>'),
                 qPrintable(cell(QStringLiteral("Its bucket (ms)"))));

        // In the run report too, beside the throughput chart.
        QString error;
        QVERIFY2(panel.exportReport(dir.filePath(QStringLiteral("report")), &error), qPrintable(error));
        QFile html(dir.filePath(QStringLiteral("report.html")));
        QVERIFY(html.open(QIODevice::ReadOnly));
        QVERIFY(html.readAll().contains("Server: requests running and waiting, KV cache"));

        // Stored with the run, and back when the run is reopened.
        const QList<HistoryRun> stored = history.listRuns();
        QCOMPARE(stored.size(), 1);
        const auto loaded = history.loadRun(stored.constFirst().id);
        QVERIFY(loaded && loaded->serverMetrics);
        QCOMPARE(loaded->serverMetrics->summary.value(QStringLiteral("running")).max, 4.0);
    }

    void workloadTabShowsTurnsCacheAndEndedEarly()
    {
        // Conversations of three turns on the embedded endpoint (which reports its prefix cache):
        // the Workload tab gets a row of figures and a bar per turn.
        EmbeddedEndpointRunner endpoint;
        QVERIFY(endpoint.start(fastModel(2)));
        StreamingClient client;
        RunsPanel panel(&client);
        panel.setEndpoints({ profilesFor(endpoint.baseUrl()).constFirst() });
        auto *table = child<QTableWidget>(&panel, "workloadTable");
        auto *turns = child<BarChart>(&panel, "turnChart");
        auto *note = child<QLabel>(&panel, "workloadNote");
        QVERIFY(table && turns && note);
        // Before a run: what to do, no figures.
        QVERIFY(!note->isHidden());
        QVERIFY(table->isHidden());
        QVERIFY(!turns->hasData());
        QVERIFY(!turns->emptyText().isEmpty());

        QVERIFY(configure(panel, 6, 2, 8));
        auto *turnsBox = child<QSpinBox>(panel.configWidget(), "turns");
        QVERIFY(turnsBox);
        turnsBox->setValue(3);
        QSignalSpy finished(&panel, &RunsPanel::runFinished);
        QVERIFY(panel.run());
        QVERIFY(finished.wait(60'000));

        QVERIFY(note->isHidden());
        QVERIFY(!table->isHidden());
        QCOMPARE(table->rowCount(), 1);
        const auto cell = [table](const QString &header) {
            for (int c = 0; c < table->columnCount(); ++c) {
                if (table->horizontalHeaderItem(c)->text().simplified() == header)
                    return table->item(0, c)->text();
            }
            return QStringLiteral("(no column %1)").arg(header);
        };
        // The embedded endpoint serves max_tokens unless asked to stop early.
        QCOMPARE(cell(QStringLiteral("Ended before max_tokens")), QStringLiteral("0 of 6"));
        const QString cache = cell(QStringLiteral("Prompt cache: requests · tokens"));
        QVERIFY2(QRegularExpression(QStringLiteral("^\\d of 6 · [0-9.]+%$")).match(cache).hasMatch(), qPrintable(cache));
        QVERIFY2(cell(QStringLiteral("TTFT p50 (ms): cached / not")).contains(QStringLiteral(" / ")),
                 qPrintable(cell(QStringLiteral("TTFT p50 (ms): cached / not"))));
        // One bar per turn, for the one endpoint.
        QVERIFY(turns->hasData());
        QCOMPARE(turns->categories(), (QStringList { QStringLiteral("Turn 1"), QStringLiteral("Turn 2"), QStringLiteral("Turn 3") }));
        QCOMPARE(turns->seriesCount(), 1);

        // The run report draws the turn chart too.
        QTemporaryDir dir;
        QString error;
        QVERIFY2(panel.exportReport(dir.filePath(QStringLiteral("report")), &error), qPrintable(error));
        QFile html(dir.filePath(QStringLiteral("report.html")));
        QVERIFY(html.open(QIODevice::ReadOnly));
        QVERIFY(html.readAll().contains("TTFT p50 by conversation turn"));
    }

    void serverMetricsOffPerEndpoint()
    {
        // An endpoint whose profile says "off" is measured without its /metrics being read;
        // the other keeps them.
        EmbeddedEndpointRunner endpoint;
        QVERIFY(endpoint.start(fastModel(2)));
        StreamingClient client;
        RunsPanel panel(&client);
        QList<EndpointProfile> profiles = profilesFor(endpoint.baseUrl());
        profiles[0].serverMetrics = QStringLiteral("off");
        panel.setEndpoints(profiles);
        QVERIFY(configure(panel, 8, 2, 8));
        QSignalSpy finished(&panel, &RunsPanel::runFinished);
        QVERIFY(panel.run());
        QVERIFY(finished.wait(60'000));
        const QList<EndpointRun> runs = panel.controller()->results();
        QVERIFY(!runs.at(0).serverMetrics);
        QVERIFY(runs.at(1).serverMetrics && runs.at(1).serverMetrics->scrapes >= 1);
        QCOMPARE(ProfileStore::validate(profiles[0]), QString());
        profiles[0].serverMetrics = QStringLiteral("ftp://nowhere/metrics");
        QString field;
        QVERIFY(!ProfileStore::validate(profiles[0], &field).isEmpty());
        QCOMPARE(field, QStringLiteral("serverMetrics"));
    }

    void cancelKeepsFinishedRequests()
    {
        EmbeddedEndpointRunner endpoint;
        QVERIFY(endpoint.start(fastModel(20)));
        StreamingClient client;
        RunsPanel panel(&client);
        QAbstractItemModelTester endpointTester(panel.endpointResultsModel());
        QAbstractItemModelTester requestTester(panel.requestTableModel());
        panel.setEndpoints(profilesFor(endpoint.baseUrl()));
        QVERIFY(configure(panel, 200, 4, 16));
        panel.resize(1200, 800);
        panel.show();
        QVERIFY(QTest::qWaitForWindowExposed(&panel));
        panel.activateWindow();

        QSignalSpy started(&panel, &RunsPanel::runStarted);
        QSignalSpy finished(&panel, &RunsPanel::runFinished);
        QSignalSpy records(panel.controller(), &RunController::requestFinished);
        // Ctrl+R runs, Esc cancels: the panel's own shortcuts.
        QTest::keyClick(&panel, Qt::Key_R, Qt::ControlModifier);
        QCOMPARE(started.count(), 1);
        QTRY_VERIFY_WITH_TIMEOUT(records.count() >= 8, 30'000);
        QTest::keyClick(&panel, Qt::Key_Escape);
        QVERIFY(panel.controller()->wasCancelled());
        QVERIFY(finished.count() == 1 || finished.wait(30'000));
        QVERIFY(!panel.isRunning());
        QVERIFY(panel.controller()->wasCancelled());

        const RequestTableModel *requests = panel.requestTableModel();
        QCOMPARE(requests->rowCount(), records.count());
        QCOMPARE_GE(requests->rowCount(), 8);
        QCOMPARE_LT(rowsOf(*requests, QStringLiteral("openai")), 200);
        QCOMPARE_LT(rowsOf(*requests, QStringLiteral("anthropic")), 200);
        int ok = 0;
        for (int r = 0; r < requests->rowCount(); ++r) {
            const RequestTrace &t = requests->recordAt(r).trace;
            QVERIFY2(t.ok() || t.error == ErrorClass::Cancelled, qPrintable(t.errorMessage));
            ok += t.ok() ? 1 : 0;
        }
        QCOMPARE_GE(ok, 8);
        const QList<EndpointRun> results = panel.controller()->results();
        QCOMPARE(results.size(), 2);
        QCOMPARE(results.at(0).summary.requestsOk + results.at(1).summary.requestsOk, ok);
        QCOMPARE(panel.endpointResultsModel()->rowCount(), 2);
        auto *progressLabel = child<QLabel>(&panel, "progressLabel");
        QVERIFY(progressLabel);
        QVERIFY2(progressLabel->text().endsWith(QStringLiteral("cancelled")),
                 qPrintable(progressLabel->text()));

        // A second run after a cancelled one starts clean.
        QVERIFY(configure(panel, 4, 2, 4));
        QVERIFY(panel.run());
        QVERIFY(finished.wait(30'000));
        QCOMPARE(panel.requestTableModel()->rowCount(), 8);
        QVERIFY(!panel.controller()->wasCancelled());
    }

    void summaryShowsEveryFigureThatMattersAt1280()
    {
        EmbeddedEndpointRunner endpoint;
        QVERIFY(endpoint.start(fastModel(2)));
        StreamingClient client;
        RunsPanel panel(&client);
        QList<EndpointProfile> profiles = profilesFor(endpoint.baseUrl());
        profiles[0].name = QStringLiteral("OpenAI chat (gpt-4o-mini, eu-west)");
        panel.setEndpoints(profiles);
        QVERIFY(configure(panel, 6, 2, 8));
        // The Runs tab of a 1280×800 window, less the endpoint sidebar.
        panel.resize(1000, 740);
        panel.show();
        QVERIFY(QTest::qWaitForWindowExposed(&panel));
        QSignalSpy finished(&panel, &RunsPanel::runFinished);
        QVERIFY(panel.run());
        QVERIFY(finished.wait(60'000));
        QTest::qWait(50);

        auto *view = child<QTableView>(&panel, "endpointResultsView");
        QVERIFY(view);
        // Every row in view, not two rows and a scroll bar.
        QCOMPARE(view->model()->rowCount(), 2);
        QCOMPARE_GE(view->viewport()->height(), 2 * view->verticalHeader()->defaultSectionSize());
        for (int row = 0; row < 2; ++row)
            QVERIFY(
                view->viewport()->rect().contains(view->visualRect(view->model()->index(row, 0)).center()));
        // Throughput, failures and cost are on screen, not behind a horizontal scroll bar.
        QVERIFY(!view->horizontalScrollBar()->isVisible());
        for (int column :
             { int(EndpointResultsModel::TtftP50Column), int(EndpointResultsModel::E2eP99Column),
               int(EndpointResultsModel::TokensPerSecondColumn), int(EndpointResultsModel::FailuresColumn),
               int(EndpointResultsModel::CostColumn) }) {
            QVERIFY2(!view->isColumnHidden(column), qPrintable(QString::number(column)));
            const QRect cell = view->visualRect(view->model()->index(0, column));
            QVERIFY2(cell.right() <= view->viewport()->width(), qPrintable(QString::number(column)));
        }
        // Units in the headers, broken onto their own line to keep the columns narrow.
        QCOMPARE(view->model()->headerData(EndpointResultsModel::TtftP50Column, Qt::Horizontal).toString(),
                 QStringLiteral("TTFT p50\n(ms)"));
        // No failure is "0", not a blank.
        QCOMPARE(view->model()->index(0, EndpointResultsModel::FailuresColumn).data().toString(),
                 QStringLiteral("0"));

        // The Requests tab's side column gets the width its figures and phase names need.
        auto *tabs = child<QTabWidget>(&panel, "resultTabs");
        auto *breakdownScroll = child<QScrollArea>(&panel, "breakdownScroll");
        QVERIFY(tabs && breakdownScroll);
        tabs->setCurrentIndex(1);
        QTest::qWait(50);
        QCOMPARE_GE(breakdownScroll->width(), panel.breakdownPanel()->minimumSizeHint().width());
        QCOMPARE_GE(panel.breakdownPanel()->width(), panel.fontMetrics().horizontalAdvance(u'M') * 30);
        QVERIFY(panel.grab().save(QDir(artifactsDir()).filePath(QStringLiteral("runspanel-1280.png"))));

        // A selection names its request; a new run forgets it rather than showing a stale one.
        auto *selectionLabel = child<QLabel>(&panel, "selectionLabel");
        auto *requestView = child<QTableView>(&panel, "requestView");
        QVERIFY(selectionLabel && requestView);
        const QString hint = selectionLabel->text();
        requestView->setCurrentIndex(requestView->model()->index(0, 0));
        QVERIFY(selectionLabel->text() != hint);
        QVERIFY(panel.run());
        QCOMPARE(selectionLabel->text(), hint);
        QVERIFY(finished.wait(60'000));
    }

    void zeroRequestsIsRefusedWithAMessage()
    {
        EmbeddedEndpointRunner endpoint;
        QVERIFY(endpoint.start(fastModel(2)));
        StreamingClient client;
        RunsPanel panel(&client);
        panel.setEndpoints(profilesFor(endpoint.baseUrl()));
        QVERIFY(configure(panel, 0, 2, 8));
        // The user typed 0: the field holds 0, not the last valid count.
        QCOMPARE(child<QSpinBox>(panel.configWidget(), "requests")->value(), 0);
        QSignalSpy started(&panel, &RunsPanel::runStarted);
        QVERIFY(!panel.run());
        QCOMPARE(started.count(), 0);
        QVERIFY(!panel.isRunning());
        auto *progressLabel = child<QLabel>(&panel, "progressLabel");
        QVERIFY(progressLabel);
        QVERIFY2(progressLabel->text().contains(QStringLiteral("1 or more")),
                 qPrintable(progressLabel->text()));
        QCOMPARE(panel.requestTableModel()->rowCount(), 0);
    }
};

QTEST_MAIN(TestRunsPanel)
#include "tst_runspanel.moc"
