#include "mainwindow.h"

#include "settingsdialog.h"

#include "breakdownpanel/breakdownpanel.h"
#include "endpoint/embeddedendpoint.h"
#include "endpoints/endpointsidebar.h"
#include "livepanel/livepanel.h"
#include "profiles/profilestore.h"
#include "batchingpanel/batchingpanel.h"
#include "cachepanel/cachepanel.h"
#include "compressorpanel/compressorpanel.h"
#include "historypanel/historypanel.h"
#include "impactpanel/impactpanel.h"
#include "storage/historystore.h"
#include "profiles/secretstore.h"
#include "runspanel/runspanel.h"

#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QFileDialog>
#include <QKeySequence>
#include <QLabel>
#include <QMenuBar>
#include <QMessageBox>
#include <QPointer>
#include <QSettings>
#include <QSplitter>
#include <QStatusBar>
#include <QTabWidget>
#include <QTimer>

// The icon lives in this static library's resources, which the linker would drop unless
// something refers to them.
static void initResources()
{
    Q_INIT_RESOURCE(resources);
}

MainWindow::MainWindow(ProfileStore *profiles, StreamingClient *client,
                       const EmbeddedEndpointRunner *embedded, QWidget *parent)
    : QMainWindow(parent)
    , m_profiles(profiles)
    , m_client(client)
    , m_embedded(embedded)
{
    initResources();
    setWindowTitle(tr("TokenScope — LLM latency workbench"));
    setWindowIcon(QIcon(QStringLiteral(":/icons/tokenscope.svg")));

    m_sidebar = new EndpointSidebar(m_profiles, m_client, this);
    m_live = new LivePanel(m_client, m_sidebar->secretStore(), this);
    m_runs = new RunsPanel(m_client, this);
    m_breakdown = new BreakdownPanel(this);
    m_batching = new BatchingPanel(m_client, this);
    m_cache = new CachePanel(this);
    m_compressor = new CompressorPanel(this);
    // The run history shared with the CLI; a damaged file leaves it closed and the panel says so.
    m_history = std::make_unique<HistoryStore>();
    if (!m_history->open(HistoryStore::defaultPath()))
        qWarning("tokenscope: run history unavailable: %s", qPrintable(m_history->errorString()));
    m_runs->setHistory(m_history.get());
    m_historyPanel = new HistoryPanel(m_history.get(), this);
    m_impact = new ImpactPanel(m_client, this);

    m_tabs = new QTabWidget(this);
    m_tabs->setDocumentMode(true);
    m_tabs->addTab(m_live, tr("&Live"));
    m_tabs->addTab(m_runs, tr("&Runs"));
    m_tabs->addTab(m_breakdown, tr("&Breakdown"));
    m_tabs->addTab(m_batching, tr("B&atching"));
    m_tabs->addTab(m_cache, tr("&Cache"));
    m_tabs->addTab(m_compressor, tr("Com&pressor"));
    m_tabs->addTab(m_historyPanel, tr("Hi&story"));
    m_tabs->addTab(m_impact, tr("&Impact"));
    m_tabs->setTabToolTip(
        0, tr("Stream one prompt to up to four endpoints at once and watch the tokens arrive"));
    m_tabs->setTabToolTip(
        1, tr("Load runs: many requests at a concurrency or rate, with percentiles and charts"));
    m_tabs->setTabToolTip(2, tr("The five latency phases of every endpoint's live requests"));
    m_tabs->setTabToolTip(int(Panel::Batching),
                          tr("Batching: the throughput/latency trade-off, simulated and measured on endpoints"));
    m_tabs->setTabToolTip(int(Panel::Cache),
                          tr("A semantic cache replaying a query trace: hit rate against wrong answers served"));
    m_tabs->setTabToolTip(int(Panel::Compressor),
                          tr("Tune a prompt compressor: rules, truncation to exact token budgets, A/B on an endpoint"));
    m_tabs->setTabToolTip(int(Panel::History),
                          tr("Every run, kept across restarts: reopen, compare, tag, import and export"));
    m_tabs->setTabToolTip(int(Panel::Impact),
                          tr("The typical optimisation table, measured on your endpoint, with a report"));

    m_splitter = new QSplitter(Qt::Horizontal, this);
    m_splitter->addWidget(m_sidebar);
    m_splitter->addWidget(m_tabs);
    m_splitter->setStretchFactor(0, 0);
    m_splitter->setStretchFactor(1, 1);
    m_splitter->setSizes({ 280, 1200 });
    setCentralWidget(m_splitter);

    m_status = new QLabel(this);
    statusBar()->addPermanentWidget(m_status);
    m_statusTimer = new QTimer(this);
    m_statusTimer->setInterval(1000);
    connect(m_statusTimer, &QTimer::timeout, this, &MainWindow::updateStatus);
    m_statusTimer->start();

    connect(m_sidebar, &EndpointSidebar::checkedProfilesChanged, this, &MainWindow::onCheckedProfilesChanged);
    connect(m_profiles, &ProfileStore::profilesChanged, this, &MainWindow::onCheckedProfilesChanged);
    // The Breakdown panel lists endpoints as the sidebar does, not in the order requests end.
    connect(m_profiles, &ProfileStore::profilesChanged, this, &MainWindow::updateEndpointOrder);
    updateEndpointOrder();
    connect(m_live, &LivePanel::requestFinished, this, &MainWindow::recordLiveRequest);
    connect(m_runs, &RunsPanel::requestSelected, m_breakdown, &BreakdownPanel::showRequest);
    // Compared runs take their endpoint's colour: every profile, not only the checked ones.
    m_historyPanel->setEndpoints(m_profiles->profiles());
    connect(m_profiles, &ProfileStore::profilesChanged, m_historyPanel,
            [this] { m_historyPanel->setEndpoints(m_profiles->profiles()); });
    connect(m_runs, &RunsPanel::runStored, m_historyPanel, &HistoryPanel::refresh);
    connect(m_historyPanel, &HistoryPanel::runOpened, this,
            [this](const HistoryRun &run, const QList<RequestRecord> &records, const RunSummary &summary,
                   const std::optional<ServerMetricsRecord> &serverMetrics) {
                if (m_runs->isRunning()) {
                    statusBar()->showMessage(tr("A run is in progress: open the stored run when it ends."), 5000);
                    return;
                }
                m_runs->showStoredRuns(
                    { HistoryPanel::toEndpointRun(StoredRun { run, records, summary, serverMetrics }) });
                showPanel(Panel::Runs);
            });

    createMenus();
    restoreState();
    onCheckedProfilesChanged();
    updateStatus();
}

MainWindow::~MainWindow() = default;

void MainWindow::createMenus()
{
    QMenu *file = menuBar()->addMenu(tr("&File"));
    QAction *exportAction = file->addAction(tr("&Export Results…"), this, &MainWindow::exportCurrent);
    exportAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_E));
    file->addSeparator();
    QAction *settings = file->addAction(tr("&Settings…"), this, &MainWindow::showSettings);
    settings->setShortcut(QKeySequence::Preferences);
    settings->setMenuRole(QAction::PreferencesRole);
    file->addSeparator();
    QAction *quit = file->addAction(tr("&Quit"), this, &QWidget::close);
    quit->setShortcut(QKeySequence::Quit);
    quit->setMenuRole(QAction::QuitRole);

    QMenu *view = menuBar()->addMenu(tr("&View"));
    const QList<std::pair<QString, Panel>> panels { { tr("&Live"), Panel::Live },
                                                    { tr("&Runs"), Panel::Runs },
                                                    { tr("&Breakdown"), Panel::Breakdown },
                                                    { tr("B&atching"), Panel::Batching },
                                                    { tr("&Cache"), Panel::Cache },
                                                    { tr("Com&pressor"), Panel::Compressor },
                                                    { tr("Hi&story"), Panel::History },
                                                    { tr("&Impact"), Panel::Impact } };
    int n = 1;
    for (const auto &[label, panel] : panels) {
        QAction *a = view->addAction(label, this, [this, panel = panel] { showPanel(panel); });
        a->setShortcut(QKeySequence(Qt::ALT | Qt::Key(Qt::Key_0 + n++)));
    }

    QMenu *help = menuBar()->addMenu(tr("&Help"));
    help->addAction(tr("&About TokenScope"), this, &MainWindow::showAbout);
    QAction *aboutQt = help->addAction(tr("About &Qt"), qApp, &QApplication::aboutQt);
    aboutQt->setMenuRole(QAction::AboutQtRole);
}

std::optional<MainWindow::Panel> MainWindow::panelNamed(const QString &name)
{
    static const QList<std::pair<QLatin1String, Panel>> names {
        { QLatin1String("live"), Panel::Live },
        { QLatin1String("runs"), Panel::Runs },
        { QLatin1String("breakdown"), Panel::Breakdown },
        { QLatin1String("batching"), Panel::Batching },
        { QLatin1String("cache"), Panel::Cache },
        { QLatin1String("compressor"), Panel::Compressor },
        { QLatin1String("history"), Panel::History },
        { QLatin1String("impact"), Panel::Impact },
    };
    for (const auto &[n, panel] : names) {
        if (name.compare(n, Qt::CaseInsensitive) == 0)
            return panel;
    }
    return std::nullopt;
}

void MainWindow::showPanel(Panel panel)
{
    m_tabs->setCurrentIndex(int(panel));
}

void MainWindow::restoreState()
{
    QSettings settings;
    settings.beginGroup(QStringLiteral("mainwindow"));
    if (!restoreGeometry(settings.value(QStringLiteral("geometry")).toByteArray()))
        resize(1500, 950);
    QMainWindow::restoreState(settings.value(QStringLiteral("state")).toByteArray());
    m_splitter->restoreState(settings.value(QStringLiteral("splitter")).toByteArray());
    m_tabs->setCurrentIndex(settings.value(QStringLiteral("tab"), 0).toInt());
    const QStringList checked = settings.value(QStringLiteral("checkedEndpoints")).toStringList();
    if (!checked.isEmpty())
        m_sidebar->setCheckedIds(checked);
    settings.endGroup();
}

void MainWindow::saveState() const
{
    QSettings settings;
    settings.beginGroup(QStringLiteral("mainwindow"));
    settings.setValue(QStringLiteral("geometry"), saveGeometry());
    settings.setValue(QStringLiteral("state"), QMainWindow::saveState());
    settings.setValue(QStringLiteral("splitter"), m_splitter->saveState());
    settings.setValue(QStringLiteral("tab"), m_tabs->currentIndex());
    settings.setValue(QStringLiteral("checkedEndpoints"), m_sidebar->checkedIds());
    settings.endGroup();
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    if (m_runs->isRunning() || m_live->isBusy() || m_batching->isRunning() || m_impact->isRunning()
        || m_cache->isRunning() || m_compressor->isMeasuring()) {
        const auto answer = QMessageBox::question(this, tr("Quit TokenScope"),
                                                  tr("Requests are still running. Quit anyway? Finished "
                                                     "results are kept in the exports you made."));
        if (answer != QMessageBox::Yes) {
            event->ignore();
            return;
        }
        m_runs->cancel();
        m_live->stop();
        m_batching->cancel();
        m_impact->cancel();
        m_cache->cancel();
        m_compressor->cancelMeasurement();
    }
    saveState();
    event->accept();
}

void MainWindow::onCheckedProfilesChanged()
{
    // Keys kept in the keychain are read asynchronously; the panels get the profiles at once
    // (the live panel resolves keys itself) and again with their keys.
    const QList<EndpointProfile> profiles = m_sidebar->checkedProfiles();
    m_live->setEndpoints(profiles);
    m_runs->setEndpoints(profiles);
    m_batching->setEndpoints(profiles);
    m_impact->setEndpoints(profiles);
    m_cache->setEndpoints(profiles);
    m_compressor->setEndpoints(profiles);
    QCoro::connect(resolveKeys(profiles), this, [] {});
}

QCoro::Task<> MainWindow::resolveKeys(QList<EndpointProfile> profiles)
{
    const quint64 generation = ++m_keyGeneration;
    QPointer<MainWindow> self(this);
    SecretStore *secrets = m_sidebar->secretStore();
    bool any = false;
    for (EndpointProfile &p : profiles) {
        if (!p.apiKeyEnv.isEmpty() || ProfileStore::isEmbedded(p.id))
            continue;
        p = co_await secrets->withApiKey(p);
        if (!self)
            co_return;
        any = any || !p.apiKey.isEmpty();
    }
    if (any && generation == m_keyGeneration) {
        m_runs->setEndpoints(profiles);
        m_batching->setEndpoints(profiles);
        m_impact->setEndpoints(profiles);
        m_cache->setEndpoints(profiles);
        m_compressor->setEndpoints(profiles);
    }
}

void MainWindow::recordLiveRequest(const EndpointProfile &endpoint, const RequestRecord &record)
{
    auto it = m_liveRecords.find(endpoint.id);
    if (it == m_liveRecords.end()) {
        it = m_liveRecords.insert(endpoint.id, { endpoint, {} });
        m_liveOrder.append(endpoint.id);
    }
    it->first = endpoint;
    it->second.append(record);
    refreshBreakdown();
    m_breakdown->showRequest(record);
}

void MainWindow::updateEndpointOrder()
{
    QStringList ids;
    const QList<EndpointProfile> profiles = m_profiles->profiles();
    for (const EndpointProfile &profile : profiles)
        ids.append(profile.id);
    m_breakdown->setEndpointOrder(ids);
}

void MainWindow::refreshBreakdown()
{
    QList<std::pair<EndpointProfile, RunSummary>> runs;
    for (const QString &id : std::as_const(m_liveOrder)) {
        const auto &[endpoint, records] = m_liveRecords.value(id);
        runs.append({ endpoint, Metrics::summarize(records) });
    }
    m_breakdown->setRuns(runs);
}

void MainWindow::updateStatus()
{
    if (!m_embedded || m_embedded->baseUrl().isEmpty()) {
        m_status->setText(tr("Embedded endpoint not running"));
        return;
    }
    const EndpointStats stats = m_embedded->stats();
    m_status->setText(tr("Embedded endpoint %1 · %2 streams now · peak %3 · %4 requests served")
                          .arg(m_embedded->baseUrl().toString())
                          .arg(stats.activeStreams)
                          .arg(stats.peakStreams)
                          .arg(stats.requests));
}

void MainWindow::exportCurrent()
{
    if (m_tabs->currentWidget() == m_runs) {
        const QString path = QFileDialog::getSaveFileName(
            this, tr("Export Results"), tr("tokenscope-run.json"), tr("JSON (*.json);;CSV (*.csv)"));
        if (path.isEmpty())
            return;
        QString error;
        const bool ok = path.endsWith(QStringLiteral(".csv"), Qt::CaseInsensitive)
            ? m_runs->exportCsv(path, &error)
            : m_runs->exportJson(path, &error);
        if (!ok)
            QMessageBox::warning(this, tr("Export Results"), error);
        return;
    }
    QMessageBox::information(this, tr("Export Results"),
                             tr("Every chart has Export… and Copy Image in its context menu (right click). "
                                "Results of load runs are exported from the Runs panel."));
}

void MainWindow::showSettings()
{
    SettingsDialog dialog(this);
    dialog.exec();
}

void MainWindow::showAbout()
{
    QMessageBox::about(this, tr("About TokenScope"),
                       tr("<h3>TokenScope %1</h3>"
                          "<p>Measures, explains and compares the latency of LLM inference endpoints: "
                          "time to first token, inter-token latency, throughput and the five phases "
                          "network → prompt processing → inference → generation → post-processing.</p>"
                          "<p>The embedded simulated endpoint works with no account and no network.</p>")
                           .arg(QStringLiteral(TOKENSCOPE_VERSION)));
}
