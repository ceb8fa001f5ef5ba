// The Batching panel: a simulated sweep fills the charts and the table row by row, cancel
// keeps finished rows, the comparison with no batching reproduces the Triton tutorial's
// gain, and an endpoint sweep against the embedded endpoint; pictures for a human to look at.
#include "../../common/artifacts.h"
#include "batchingpanel/batchingpanel.h"
#include "models/batchtablemodels.h"
#include "batchingpanel/comparisonview.h"
#include "batchingpanel/endpointsweeppage.h"
#include "batchingpanel/rulecomparisonview.h"
#include "batchingpanel/simulationpage.h"

#include "charts/timeserieschart.h"
#include "charts/tradeoffchart.h"
#include "client/streamingclient.h"
#include "endpoint/embeddedendpoint.h"

#include <QAbstractItemModelTester>
#include <QComboBox>
#include <QDir>
#include <QDoubleSpinBox>
#include <QFile>
#include <QHeaderView>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QSignalSpy>
#include <QSortFilterProxyModel>
#include <QSpinBox>
#include <QTableView>
#include <QTableWidget>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>

namespace {

template<typename T>
T *field(QWidget *parent, const char *name)
{
    T *w = parent->findChild<T *>(QString::fromLatin1(name));
    if (!w)
        qFatal("no child %s", name);
    return w;
}


QJsonObject readJson(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return QJsonDocument::fromJson(file.readAll()).object();
}

EndpointProfile embeddedProfile(const EmbeddedEndpointRunner &endpoint)
{
    EndpointProfile profile;
    profile.id = QStringLiteral("sim");
    profile.name = QStringLiteral("Embedded");
    profile.color = QStringLiteral("#17a398");
    profile.protocol = Protocol::OpenAIChat;
    profile.model = QStringLiteral("tokenscope-sim");
    profile.baseUrl = endpoint.baseUrl();
    profile.baseUrl.setPath(QStringLiteral("/v1"));
    return profile;
}

void selectSourceRow(QTableView *view, int row)
{
    auto *proxy = static_cast<QSortFilterProxyModel *>(view->model());
    view->setCurrentIndex(proxy->mapFromSource(proxy->sourceModel()->index(row, 0)));
}

} // namespace

class TestBatchingPanel : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void simulatedSweepFillsChartsTableAndComparison()
    {
        StreamingClient client;
        BatchingPanel panel(&client);
        panel.resize(1400, 900);
        SimulationPage *page = panel.simulationPage();
        QAbstractItemModelTester tester(const_cast<SimulationRowsModel *>(page->model()));
        field<QSpinBox>(page, "requests")->setValue(400);
        field<QLineEdit>(page, "batchSizes")->setText(QStringLiteral("1, 4, 16, 64"));
        field<QLineEdit>(page, "waits")->setText(QStringLiteral("0, 20"));
        field<QSpinBox>(page, "clients")->setValue(64);

        QSignalSpy finished(page, &SimulationPage::sweepFinished);
        QSignalSpy compared(page, &SimulationPage::comparisonFinished);
        field<QPushButton>(page, "runSweep")->click();
        QVERIFY(page->isRunning());
        QVERIFY(finished.wait(60'000));
        QCOMPARE(page->model()->rowCount(), 8);
        QVERIFY(!page->isRunning());
        // One series per max wait, each point labelled by its batch size; waits whose results
        // coincide share one line, and the note above the charts says so (the old assertion,
        // always 2, held only while coinciding lines were drawn over each other unsaid).
        const bool coincide = !field<QLabel>(page, "chartNote")->isHidden();
        QCOMPARE(page->tradeoffChart()->seriesCount(), coincide ? 1 : 2);
        QVERIFY(page->tradeoffChart()->labels().contains(QStringLiteral("b64")));
        QVERIFY(!field<QLabel>(page, "summary")->text().isEmpty());
        // Batching pays under 64 clients: batch 64 serves far more than batch 1.
        const QList<SweepRow> &rows = page->model()->rows();
        double one = 0, big = 0;
        for (const SweepRow &r : rows) {
            if (r.maxBatchSize == 1)
                one = r.result.requestsPerSecond;
            if (r.maxBatchSize == 64)
                big = r.result.requestsPerSecond;
        }
        QVERIFY2(big > 3 * one, qPrintable(QStringLiteral("%1 vs %2").arg(big).arg(one)));
        // Batch sizes double, so the by-size charts tick 1, 2, 4… on a log₂ axis, not 2.5, 7.5.
        for (const char *name : { "throughputBySize", "latencyBySize" }) {
            auto *chart = field<TimeSeriesChart>(page, name);
            QVERIFY(chart->isLogX());
            QCOMPARE(chart->xRange(), (std::pair<double, double> { 1.0, 64.0 }));
        }
        // Request-level batching has no token budget: its column is not shown.
        auto *table = field<QTableView>(page, "simulationTable");
        QVERIFY(table->isColumnHidden(SimulationRowsModel::BudgetColumn));
        QVERIFY(!table->isColumnHidden(SimulationRowsModel::WaitColumn));

        // The sweep selects a row at the end, which runs the comparison for it.
        QVERIFY(compared.count() > 0 || compared.wait(30'000));
        QVERIFY(page->comparisonView()->hasComparison());
        QCOMPARE(page->comparisonView()->comparison().baselineConfig.policy.maxBatchSize, 1);

        QTemporaryDir dir;
        QString error;
        const QString json = dir.filePath(QStringLiteral("sim.json"));
        QVERIFY2(page->exportJson(json, &error), qPrintable(error));
        const QJsonObject root = readJson(json);
        QCOMPARE(root.value(QStringLiteral("rows")).toArray().size(), 8);
        QCOMPARE(root.value(QStringLiteral("arrivals")).toString(), QStringLiteral("closed-loop"));
        const QString csv = dir.filePath(QStringLiteral("sim.csv"));
        QVERIFY2(page->exportCsv(csv, &error), qPrintable(error));
        QFile csvFile(csv);
        QVERIFY(csvFile.open(QIODevice::ReadOnly));
        QCOMPARE(csvFile.readAll().count('\n'), 9);

        // Pictures of each result tab.
        panel.show();
        QVERIFY(QTest::qWaitForWindowExposed(&panel));
        auto *tabs = field<QTabWidget>(page, "simulationTabs");
        const QStringList names { QStringLiteral("tradeoff"), QStringLiteral("bysize"), QStringLiteral("histogram"),
                                  QStringLiteral("comparison") };
        for (int i = 0; i < tabs->count() && i < names.size(); ++i) {
            tabs->setCurrentIndex(i);
            QTest::qWait(50);
            QVERIFY(panel.grab().save(
                QDir(artifactsDir()).filePath(QStringLiteral("batching-%1.png").arg(names.at(i)))));
        }
        // The comparison shows its Ratio column whole, and says where the +3× claim comes from.
        tabs->setCurrentIndex(3); // no batching vs batching
        QTest::qWait(50);
        auto *comparisonTable = field<QTableWidget>(page, "comparisonTable");
        QCOMPARE_LE(comparisonTable->horizontalHeader()->length(), comparisonTable->viewport()->width());
        QCOMPARE(comparisonTable->horizontalHeaderItem(3)->text(), QStringLiteral("Ratio"));
        const QString source = field<QLabel>(page, "claimSource")->text();
        QVERIFY2(source.contains(QStringLiteral("+3×")) && source.contains(QStringLiteral("Triton")),
                 qPrintable(source));
        QVERIFY(page->tradeoffChart()->exportTo(dir.filePath(QStringLiteral("tradeoff.svg")), 96, &error));
    }

    void tritonExampleShowsTheThreefoldGain()
    {
        StreamingClient client;
        BatchingPanel panel(&client);
        SimulationPage *page = panel.simulationPage();
        page->useTritonExample();
        QSignalSpy finished(page, &SimulationPage::sweepFinished);
        page->startSweep();
        QVERIFY(finished.wait(60'000));
        QCOMPARE(page->model()->rowCount(), 5);
        int row16 = -1;
        for (int i = 0; i < page->model()->rows().size(); ++i) {
            if (page->model()->rows().at(i).maxBatchSize == 16)
                row16 = i;
        }
        QVERIFY(row16 >= 0);
        QSignalSpy compared(page, &SimulationPage::comparisonFinished);
        selectSourceRow(field<QTableView>(page, "simulationTable"), row16);
        // A comparison may still be running for the knee; wait until ours has arrived.
        QTRY_VERIFY_WITH_TIMEOUT(page->comparisonView()->hasComparison()
                                     && page->comparisonView()->comparison().batchedConfig.policy.maxBatchSize == 16,
                                 30'000);
        const BatchComparison &c = page->comparisonView()->comparison();
        QVERIFY2(c.throughputGain() >= 3.0, qPrintable(QString::number(c.throughputGain())));
        QVERIFY(c.meetsSeedClaim());
        QVERIFY(page->comparisonView()->verdictText().contains(QStringLiteral("holds")));
    }

    void fullBatchOnlyAgainstMaxWait()
    {
        StreamingClient client;
        BatchingPanel panel(&client);
        panel.resize(1400, 900);
        SimulationPage *page = panel.simulationPage();
        field<QSpinBox>(page, "requests")->setValue(2000);
        // The typical batcher by default: batches of 4 at 2 requests/s, against a 100 ms max wait.
        QCOMPARE(field<QSpinBox>(page, "ruleBatchSize")->value(), 4);
        QCOMPARE(field<QDoubleSpinBox>(page, "ruleRate")->value(), 2.0);
        QCOMPARE(field<QDoubleSpinBox>(page, "ruleMaxWait")->value(), 100.0);
        QSignalSpy done(page, &SimulationPage::ruleComparisonFinished);
        field<QPushButton>(page, "compareRules")->click();
        QVERIFY(done.wait(30'000));
        const RuleComparisonView *view = page->ruleComparisonView();
        QVERIFY(view->hasComparison());
        const BatchRuleComparison &c = view->comparison();
        QCOMPARE(c.fullBatchConfig.policy.rule, BatchRule::FullBatchOnly);
        QCOMPARE(c.maxWaitConfig.policy.rule, BatchRule::MaxWait);
        QCOMPARE(c.fullBatchConfig.seed, c.maxWaitConfig.seed);
        QCOMPARE(c.fullBatch.completed, 2000);
        QCOMPARE(c.maxWait.completed, 2000);
        QVERIFY2(c.e2eP99CostMs() > 1000, qPrintable(QString::number(c.e2eP99CostMs())));
        QVERIFY2(view->verdictText().startsWith(
                     QStringLiteral("At 2 requests/s, waiting for a full batch of 4 adds ")),
                 qPrintable(view->verdictText()));
        QVERIFY(field<QLabel>(page, "ruleNote")
                    ->text()
                    .contains(QStringLiteral("wait for the end of the trace")));
        auto *table = field<QTableWidget>(page, "ruleTable");
        QCOMPARE(table->rowCount(), 10);
        QCOMPARE(table->horizontalHeaderItem(1)->text(), QStringLiteral("Full batch only (typical)"));
        QCOMPARE(table->horizontalHeaderItem(2)->text(), QStringLiteral("Max wait 100.0 ms"));
        QCOMPARE(table->item(7, 0)->text(), QStringLiteral("E2E p99 (ms)"));
        QVERIFY(table->item(7, 3)->text().startsWith(u'+'));

        // The rule in the sweep form: no wait axis without a timer, and a note on the last requests.
        auto *rule = field<QComboBox>(page, "rule");
        QVERIFY(field<QLabel>(page, "ruleFormNote")->isHidden());
        rule->setCurrentIndex(rule->findData(int(BatchRule::FullBatchOnly)));
        QVERIFY(!field<QLineEdit>(page, "waits")->isEnabled());
        QVERIFY(!field<QLabel>(page, "ruleFormNote")->isHidden());
        QString error;
        const auto settings = page->settings(&error);
        QVERIFY2(settings, qPrintable(error));
        QCOMPARE(settings->first.policy.rule, BatchRule::FullBatchOnly);
        QCOMPARE(settings->second.maxWaitMs, QList<double> { 0 });

        panel.show();
        QVERIFY(QTest::qWaitForWindowExposed(&panel));
        field<QTabWidget>(page, "simulationTabs")
            ->setCurrentWidget(field<RuleComparisonView>(page, "ruleComparison"));
        QTest::qWait(50);
        QVERIFY(panel.grab().save(QDir(artifactsDir()).filePath(QStringLiteral("batching-rules.png"))));
    }

    void cancelKeepsFinishedRows()
    {
        StreamingClient client;
        BatchingPanel panel(&client);
        SimulationPage *page = panel.simulationPage();
        field<QComboBox>(page, "mode")->setCurrentIndex(1); // continuous: the slower simulation
        field<QSpinBox>(page, "requests")->setValue(20'000);
        QStringList sizes;
        for (int i = 1; i <= 200; ++i)
            sizes.append(QString::number(i));
        field<QLineEdit>(page, "batchSizes")->setText(sizes.join(u','));
        field<QLineEdit>(page, "budgets")->setText(QStringLiteral("2048"));
        QSignalSpy finished(page, &SimulationPage::sweepFinished);
        page->startSweep();
        QTRY_VERIFY_WITH_TIMEOUT(page->model()->rowCount() >= 2, 60'000);
        page->cancel();
        QVERIFY(finished.wait(60'000));
        const int kept = page->model()->rowCount();
        QVERIFY(kept >= 2);
        QVERIFY(kept < 200);
        QVERIFY(field<QLabel>(page, "status")->text().startsWith(QStringLiteral("Cancelled")));
        // Kept rows are real, complete configurations.
        for (const SweepRow &r : page->model()->rows())
            QCOMPARE(r.result.completed, 20'000);
    }

    void coincidingWaitsAreDrawnOnceAndSaid()
    {
        StreamingClient client;
        BatchingPanel panel(&client);
        SimulationPage *page = panel.simulationPage();
        field<QSpinBox>(page, "requests")->setValue(300);
        // A batch of one is full on arrival: no max wait can change anything.
        field<QLineEdit>(page, "batchSizes")->setText(QStringLiteral("1"));
        field<QLineEdit>(page, "waits")->setText(QStringLiteral("0, 10, 50"));
        QSignalSpy finished(page, &SimulationPage::sweepFinished);
        page->startSweep();
        QVERIFY(finished.wait(60'000));
        QCOMPARE(page->model()->rowCount(), 3);
        QCOMPARE(page->tradeoffChart()->seriesCount(), 1);
        QCOMPARE(field<TimeSeriesChart>(page, "throughputBySize")->seriesCount(), 1);
        auto *note = field<QLabel>(page, "chartNote");
        QVERIFY(!note->isHidden());
        QVERIFY2(note->text().contains(QStringLiteral("0, 10, 50")), qPrintable(note->text()));
        // Said once, under the chart: the summary above does not repeat it.
        QVERIFY(!field<QLabel>(page, "summary")->text().contains(note->text()));
        QCOMPARE(field<QProgressBar>(page, "sweepProgress")->value(), 3);
    }

    void eachSchedulingModeShowsOnlyItsAxis()
    {
        StreamingClient client;
        BatchingPanel panel(&client);
        SimulationPage *page = panel.simulationPage();
        auto *mode = field<QComboBox>(page, "mode");
        mode->setCurrentIndex(0); // request level: max waits, no token budget
        QVERIFY(field<QLineEdit>(page, "budgets")->isHidden());
        QVERIFY(!field<QLineEdit>(page, "waits")->isHidden());
        mode->setCurrentIndex(1); // continuous: token budgets, no max wait
        QVERIFY(!field<QLineEdit>(page, "budgets")->isHidden());
        QVERIFY(field<QLineEdit>(page, "waits")->isHidden());
    }

    void endpointSweepProgressCountsEveryEndpoint()
    {
        LatencyModel model;
        model.networkMs = 1;
        model.inferenceMs = 5;
        model.generationMsPerToken = 1;
        model.jitter = 0;
        EmbeddedEndpointRunner endpoint;
        QVERIFY(endpoint.start(model));
        EndpointProfile first = embeddedProfile(endpoint);
        EndpointProfile second = first;
        second.id = QStringLiteral("sim2");
        second.name = QStringLiteral("Embedded again");

        StreamingClient client;
        BatchingPanel panel(&client);
        EndpointSweepPage *page = panel.endpointPage();
        panel.setEndpoints({ first, second });
        field<QLineEdit>(page, "levels")->setText(QStringLiteral("1, 2, 4"));
        field<QSpinBox>(page, "maxTokens")->setValue(4);
        field<QSpinBox>(page, "windowRequests")->setValue(4);
        field<QSpinBox>(page, "maxWindows")->setValue(3);
        auto *bar = field<QProgressBar>(page, "sweepProgress");
        QList<int> values;
        connect(bar, &QProgressBar::valueChanged, bar, [&values](int v) { values.append(v); });
        QSignalSpy finished(page, &EndpointSweepPage::sweepFinished);
        page->start();
        QVERIFY(finished.wait(120'000));
        QCOMPARE(page->runs().size(), 2);
        // One bar for the whole sweep: six levels, never back to 0 for the second endpoint,
        // and 4 of 6 done reads 4 (67 %), not the second endpoint's 1 of 3.
        QCOMPARE(bar->maximum(), 6);
        QCOMPARE(bar->value(), 6);
        QVERIFY(!values.isEmpty());
        for (qsizetype i = 1; i < values.size(); ++i)
            QVERIFY2(values.at(i) >= values.at(i - 1),
                     qPrintable(QStringLiteral("%1 after %2").arg(values.at(i)).arg(values.at(i - 1))));
        QVERIFY(values.contains(4));
    }

    void invalidGridIsReportedNotRun()
    {
        StreamingClient client;
        BatchingPanel panel(&client);
        SimulationPage *page = panel.simulationPage();
        field<QLineEdit>(page, "batchSizes")->setText(QStringLiteral("1, x"));
        page->startSweep();
        QVERIFY(!page->isRunning());
        QVERIFY(field<QLabel>(page, "status")->text().contains(QStringLiteral("\"x\" is not a number")));
        field<QLineEdit>(page, "batchSizes")->setText(QStringLiteral("0"));
        page->startSweep();
        QVERIFY(!page->isRunning());
        QVERIFY(field<QLabel>(page, "status")->text().contains(QStringLiteral("outside")));
    }

    void endpointSweepAgainstTheEmbeddedEndpoint()
    {
        LatencyModel model;
        model.networkMs = 1;
        model.promptMsPerToken = 0;
        model.inferenceMs = 10;
        model.generationMsPerToken = 4;
        model.postprocessMs = 1;
        model.batchSlowdown = 0.15;
        model.jitter = 0;
        EmbeddedEndpointRunner endpoint;
        QVERIFY(endpoint.start(model));
        const EndpointProfile profile = embeddedProfile(endpoint);

        StreamingClient client;
        BatchingPanel panel(&client);
        EndpointSweepPage *page = panel.endpointPage();
        QVERIFY(!field<QPushButton>(page, "runSweep")->isEnabled()); // no endpoint yet
        panel.setEndpoints({ profile });
        QVERIFY(field<QPushButton>(page, "runSweep")->isEnabled());
        field<QLineEdit>(page, "levels")->setText(QStringLiteral("1, 4, 16"));
        field<QSpinBox>(page, "maxTokens")->setValue(8);
        field<QSpinBox>(page, "windowRequests")->setValue(8);
        field<QSpinBox>(page, "maxWindows")->setValue(4);
        QSignalSpy finished(page, &EndpointSweepPage::sweepFinished);
        page->start();
        QVERIFY(page->isRunning());
        QVERIFY(finished.wait(120'000));
        QCOMPARE(page->runs().size(), 1);
        const QList<SweepLevelResult> &levels = page->runs().constFirst().levels;
        QCOMPARE(levels.size(), 3);
        for (const SweepLevelResult &l : levels)
            QVERIFY(l.requestsOk > 0);
        // The endpoint batches: 16 in flight serve more tokens per second than 1.
        QVERIFY(levels.at(2).outputTokensPerSecond > 2 * levels.at(0).outputTokensPerSecond);
        QCOMPARE(page->tradeoffChart()->labels(),
                 (QStringList { QStringLiteral("c=1"), QStringLiteral("c=4"), QStringLiteral("c=16") }));

        QTemporaryDir dir;
        QString error;
        const QString json = dir.filePath(QStringLiteral("sweep.json"));
        QVERIFY2(page->exportJson(json, &error), qPrintable(error));
        const QJsonObject root = readJson(json);
        QCOMPARE(root.value(QStringLiteral("levels")).toArray().size(), 3);
        QCOMPARE(root.value(QStringLiteral("axis")).toString(), QStringLiteral("concurrency"));
        const QString csv = dir.filePath(QStringLiteral("sweep.csv"));
        QVERIFY2(page->exportCsv(csv, &error), qPrintable(error));
        QFile csvFile(csv);
        QVERIFY(csvFile.open(QIODevice::ReadOnly));
        const QByteArray csvText = csvFile.readAll();
        QVERIFY(csvText.startsWith("endpoint,level,"));
        QCOMPARE(csvText.count('\n'), 4);

        // Fit the simulator's step model to the sweep: TPOT grows with concurrency by the
        // endpoint's batch slowdown (0.15 × 4 ms per extra sequence), from about 4 ms.
        auto *fit = field<QPushButton>(page, "fitModel");
        QVERIFY(fit->isEnabled());
        fit->click();
        auto *preset = field<QComboBox>(panel.simulationPage(), "preset");
        QCOMPARE(preset->currentText(), QStringLiteral("fitted: Embedded"));
        const auto fitted = EndpointSweep::fitServiceModel(levels, SweepAxis::Concurrency);
        QVERIFY(fitted);
        QVERIFY2(fitted->floorMs > 2 && fitted->floorMs < 10, qPrintable(QString::number(fitted->floorMs)));
        QVERIFY2(fitted->perTokenUs > 200 && fitted->perTokenUs < 1500, qPrintable(QString::number(fitted->perTokenUs)));
        QString settingsError;
        const auto settings = panel.simulationPage()->settings(&settingsError);
        QVERIFY2(settings, qPrintable(settingsError));
        QCOMPARE(settings->first.model.name, QStringLiteral("fitted: Embedded"));

        panel.resize(1400, 900);
        panel.show();
        QVERIFY(QTest::qWaitForWindowExposed(&panel));
        field<QTabWidget>(&panel, "batchingTabs")->setCurrentIndex(1);
        QTest::qWait(50);
        QVERIFY(panel.grab().save(QDir(artifactsDir()).filePath(QStringLiteral("batching-endpoint.png"))));
    }

    void endpointSweepCancelKeepsFinishedLevels()
    {
        LatencyModel model;
        model.networkMs = 1;
        model.inferenceMs = 5;
        model.generationMsPerToken = 2;
        model.jitter = 0;
        EmbeddedEndpointRunner endpoint;
        QVERIFY(endpoint.start(model));
        const EndpointProfile profile = embeddedProfile(endpoint);

        StreamingClient client;
        BatchingPanel panel(&client);
        EndpointSweepPage *page = panel.endpointPage();
        panel.setEndpoints({ profile });
        field<QLineEdit>(page, "levels")->setText(QStringLiteral("1, 2, 3, 4, 5, 6, 7, 8"));
        field<QSpinBox>(page, "maxTokens")->setValue(8);
        field<QSpinBox>(page, "windowRequests")->setValue(4);
        field<QSpinBox>(page, "maxWindows")->setValue(3);
        QSignalSpy finished(page, &EndpointSweepPage::sweepFinished);
        page->start();
        QTRY_VERIFY_WITH_TIMEOUT(!page->runs().isEmpty() && page->runs().constFirst().levels.size() >= 1, 60'000);
        page->cancel();
        QVERIFY(finished.wait(60'000));
        const int kept = int(page->runs().constFirst().levels.size());
        QVERIFY(kept >= 1);
        QVERIFY(kept < 8);
        QVERIFY(field<QLabel>(page, "status")->text().startsWith(QStringLiteral("Cancelled")));
    }
};

QTEST_MAIN(TestBatchingPanel)
#include "tst_batchingpanel.moc"
