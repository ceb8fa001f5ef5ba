#include "endpointsweeppage.h"
#include "common/clock.h"
#include "servermetrics/metricsscraper.h"

#include "batchingform.h"

#include "charts/timeserieschart.h"
#include "charts/tradeoffchart.h"
#include "client/streamingclient.h"
#include "format/batchexport.h"
#include "format/runexport.h"

#include <QAbstractProxyModel>
#include <QCheckBox>
#include <QComboBox>
#include <QFileDialog>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QMessageBox>
#include <QProgressBar>
#include <QPushButton>
#include <QScrollArea>
#include <QScrollBar>
#include <QSpinBox>
#include <QSplitter>
#include <QTabWidget>
#include <QTableView>
#include <QVBoxLayout>

#include <cmath>

namespace {

QSpinBox *spin(QWidget *parent, const char *name, int min, int max, int value)
{
    auto *box = new QSpinBox(parent);
    box->setObjectName(QString::fromLatin1(name));
    box->setRange(min, max);
    box->setValue(value);
    return box;
}

QList<EndpointSweepDocument> documentsOf(const QList<EndpointSweepRun> &runs)
{
    QList<EndpointSweepDocument> documents;
    for (const EndpointSweepRun &run : runs)
        documents.append({ run.config, run.levels, run.analysis });
    return documents;
}

} // namespace

EndpointSweepPage::EndpointSweepPage(StreamingClient *client, QWidget *parent)
    : QWidget(parent)
    , m_client(client)
    , m_model(new EndpointLevelsModel(this))
{
    auto *splitter = new QSplitter(Qt::Horizontal, this);
    splitter->addWidget(createForm());
    splitter->addWidget(createResults());
    splitter->setStretchFactor(1, 1);
    splitter->setSizes({ 380, 900 });
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(splitter);
    setEndpoints({});
}

EndpointSweepPage::~EndpointSweepPage()
{
    if (m_sweep)
        m_sweep->cancel();
}

QWidget *EndpointSweepPage::createForm()
{
    auto *form = new QWidget(this);
    m_endpointsLabel = new QLabel(form);
    m_endpointsLabel->setObjectName(QStringLiteral("endpoints"));
    m_endpointsLabel->setWordWrap(true);
    m_endpointsLabel->setTextFormat(Qt::PlainText);

    auto *sweepBox = new QGroupBox(tr("Sweep"), form);
    m_axis = new QComboBox(sweepBox);
    m_axis->setObjectName(QStringLiteral("axis"));
    m_axis->addItem(tr("Concurrency (requests in flight)"), int(SweepAxis::Concurrency));
    m_axis->addItem(tr("Request rate (per second)"), int(SweepAxis::Rate));
    m_levels = new QLineEdit(QStringLiteral("1, 2, 4, 8, 16, 32"), sweepBox);
    m_levels->setObjectName(QStringLiteral("levels"));
    m_poisson = new QCheckBox(tr("Poisson arrivals"), sweepBox);
    m_maxTokens = spin(sweepBox, "maxTokens", 1, 100'000, 64);
    m_windowRequests = spin(sweepBox, "windowRequests", 1, 100'000, 32);
    m_windowRequests->setToolTip(tr("A measurement window ends after this many requests (at least twice the "
                                    "concurrency)."));
    m_maxWindows = spin(sweepBox, "maxWindows", 3, 1000, 8);
    m_maxWindows->setToolTip(tr("A level ends when the last 3 windows agree within 10%, or after this many."));
    m_maxSeconds = spin(sweepBox, "maxSeconds", 0, 86'400, 60);
    m_maxSeconds->setSuffix(tr(" s"));
    m_maxSeconds->setSpecialValueText(tr("no limit"));
    auto *sweepLayout = new QFormLayout(sweepBox);
    sweepLayout->addRow(tr("Vary:"), m_axis);
    sweepLayout->addRow(tr("Levels:"), m_levels);
    sweepLayout->addRow(QString(), m_poisson);
    sweepLayout->addRow(tr("Max tokens:"), m_maxTokens);
    sweepLayout->addRow(tr("Window:"), m_windowRequests);
    sweepLayout->addRow(tr("Max windows:"), m_maxWindows);
    sweepLayout->addRow(tr("Time per level:"), m_maxSeconds);

    auto *sloBox = new QGroupBox(tr("Service levels"), form);
    m_slo = new SloEditor(sloBox);
    auto *sloLayout = new QVBoxLayout(sloBox);
    sloLayout->addWidget(m_slo);

    m_run = new QPushButton(tr("Run sweep"), form);
    m_run->setObjectName(QStringLiteral("runSweep"));
    m_cancel = new QPushButton(tr("Cancel"), form);
    m_cancel->setObjectName(QStringLiteral("cancelSweep"));
    m_clear = new QPushButton(tr("Clear"), form);
    m_progress = new QProgressBar(form);
    m_progress->setObjectName(QStringLiteral("sweepProgress"));
    m_status = new QLabel(form);
    m_status->setObjectName(QStringLiteral("status"));
    m_status->setWordWrap(true);
    m_status->setTextFormat(Qt::PlainText);
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_run);
    buttons->addWidget(m_cancel);
    buttons->addWidget(m_clear);

    auto *content = new QWidget(form);
    auto *contentLayout = new QVBoxLayout(content);
    contentLayout->addWidget(m_endpointsLabel);
    contentLayout->addWidget(sweepBox);
    contentLayout->addWidget(sloBox);
    contentLayout->addStretch();
    QWidget *scroll = BatchingForm::scrollArea(content, form);
    auto *layout = new QVBoxLayout(form);
    layout->addWidget(scroll, 1);
    layout->addLayout(buttons);
    layout->addWidget(m_progress);
    layout->addWidget(m_status);

    connect(m_axis, &QComboBox::currentIndexChanged, this, [this] {
        const bool rate = SweepAxis(m_axis->currentData().toInt()) == SweepAxis::Rate;
        m_poisson->setEnabled(rate);
        m_levels->setText(rate ? QStringLiteral("1, 2, 4, 8, 16") : QStringLiteral("1, 2, 4, 8, 16, 32"));
    });
    m_poisson->setEnabled(false);
    connect(m_run, &QPushButton::clicked, this, &EndpointSweepPage::start);
    connect(m_cancel, &QPushButton::clicked, this, &EndpointSweepPage::cancel);
    connect(m_clear, &QPushButton::clicked, this, &EndpointSweepPage::clear);
    return form;
}

QWidget *EndpointSweepPage::createResults()
{
    auto *results = new QWidget(this);
    m_summary = new QLabel(results);
    m_summary->setObjectName(QStringLiteral("summary"));
    m_summary->setWordWrap(true);
    m_summary->setTextFormat(Qt::PlainText);
    m_exportJson = new QPushButton(tr("Export JSON…"), results);
    m_exportCsv = new QPushButton(tr("Export CSV…"), results);
    m_fit = new QPushButton(tr("Fit Simulator Model"), results);
    m_fit->setObjectName(QStringLiteral("fitModel"));
    m_fit->setToolTip(tr("Fit the simulator's step-time model to this concurrency sweep (TPOT against "
                         "concurrency) and use it on the Simulated server page."));
    auto *top = new QHBoxLayout;
    top->addWidget(m_summary, 1);
    top->addWidget(m_fit);
    top->addWidget(m_exportJson);
    top->addWidget(m_exportCsv);

    auto *tabs = new QTabWidget(results);
    m_tradeoff = new TradeoffChart(tabs);
    m_tradeoff->setEmptyText(tr("Click “Run sweep” to measure the checked endpoints at each level."));
    m_tradeoff->setObjectName(QStringLiteral("endpointTradeoffChart"));
    m_tradeoff->setTitle(tr("Throughput vs latency, one point per level"));
    m_tradeoff->setAxisTitles(tr("Output tokens per second"), tr("End-to-end p99 (ms)"));
    tabs->addTab(m_tradeoff, tr("Trade-off"));
    auto *byLevel = new QWidget(tabs);
    m_throughputByLevel = new TimeSeriesChart(byLevel);
    m_throughputByLevel->setEmptyText(tr("Click “Run sweep” to measure the checked endpoints at each level."));
    m_throughputByLevel->setObjectName(QStringLiteral("throughputByLevel"));
    m_throughputByLevel->setTitle(tr("Throughput by level"));
    m_latencyByLevel = new TimeSeriesChart(byLevel);
    m_latencyByLevel->setEmptyText(tr("Click “Run sweep” to measure the checked endpoints at each level."));
    m_latencyByLevel->setObjectName(QStringLiteral("latencyByLevel"));
    m_latencyByLevel->setTitle(tr("End-to-end p99 by level"));
    auto *byLevelLayout = new QHBoxLayout(byLevel);
    byLevelLayout->addWidget(m_throughputByLevel);
    byLevelLayout->addWidget(m_latencyByLevel);
    tabs->addTab(byLevel, tr("By level"));
    m_serverByLevel = new TimeSeriesChart(tabs);
    m_serverByLevel->setObjectName(QStringLiteral("serverByLevel"));
    m_serverByLevel->setTitle(tr("Server: running batch (mean) and queue (max) by level"));
    m_serverByLevel->setEmptyText(tr("Click “Run sweep”: servers that expose /metrics show their batch and queue "
                                     "at each level here."));
    tabs->addTab(m_serverByLevel, tr("Server"));

    m_table = BatchingForm::table(results, m_model, "levelsTable");
    auto *split = new QSplitter(Qt::Vertical, results);
    split->addWidget(tabs);
    split->addWidget(m_table);
    split->setStretchFactor(0, 3);
    split->setStretchFactor(1, 2);
    auto *layout = new QVBoxLayout(results);
    layout->addLayout(top);
    layout->addWidget(split, 1);

    connect(m_exportJson, &QPushButton::clicked, this, [this] { exportInteractively(true); });
    connect(m_exportCsv, &QPushButton::clicked, this, [this] { exportInteractively(false); });
    connect(m_fit, &QPushButton::clicked, this, &EndpointSweepPage::fitModel);
    connect(m_tradeoff, &TradeoffChart::pointClicked, this, [this](int run, int level) {
        const int row = m_model->rowOf(run, level);
        if (row < 0)
            return;
        auto *proxy = static_cast<QAbstractProxyModel *>(m_table->model());
        m_table->setCurrentIndex(proxy->mapFromSource(m_model->index(row, 0)));
    });
    return results;
}

void EndpointSweepPage::setEndpoints(const QList<EndpointProfile> &endpoints)
{
    m_endpoints = endpoints;
    QStringList names;
    for (const EndpointProfile &e : endpoints)
        names.append(e.name);
    m_endpointsLabel->setText(names.isEmpty()
                                  ? tr("No endpoints: check one or more in the sidebar.")
                                  : tr("Sweeps each in turn: %1").arg(names.join(QStringLiteral(", "))));
    updateButtons();
}

void EndpointSweepPage::updateButtons()
{
    m_run->setEnabled(!m_running && !m_endpoints.isEmpty());
    m_cancel->setEnabled(m_running);
    m_clear->setEnabled(!m_running && !m_runs.isEmpty());
    m_exportJson->setEnabled(!m_running && !m_runs.isEmpty());
    m_exportCsv->setEnabled(!m_running && !m_runs.isEmpty());
    m_fit->setEnabled(!m_running && !m_runs.isEmpty()
                      && EndpointSweep::fitServiceModel(m_runs.constLast().levels, m_runs.constLast().config.axis));
}

void EndpointSweepPage::fitModel()
{
    if (m_runs.isEmpty())
        return;
    const EndpointSweepRun &run = m_runs.constLast();
    std::optional<ServiceModel> model = EndpointSweep::fitServiceModel(run.levels, run.config.axis);
    if (!model)
        return;
    model->name = tr("fitted: %1").arg(run.endpointName);
    m_status->setText(tr("Fitted %1: step floor %2 ms, %3 µs per extra sequence. Selected on the Simulated "
                         "server page.")
                          .arg(run.endpointName, QLocale().toString(model->floorMs, 'f', 2),
                               QLocale().toString(model->perTokenUs, 'f', 0)));
    Q_EMIT modelFitted(*model);
}

std::optional<EndpointSweepConfig> EndpointSweepPage::settings(const EndpointProfile &endpoint, QString *error) const
{
    EndpointSweepConfig config;
    config.endpoint = endpoint;
    config.axis = SweepAxis(m_axis->currentData().toInt());
    const bool rate = config.axis == SweepAxis::Rate;
    QString listError;
    const auto levels = BatchingForm::parseList(m_levels->text(), rate ? 0.001 : 1, rate ? 1e6 : 10'000, !rate,
                                                &listError);
    if (!levels) {
        *error = tr("Levels: %1").arg(listError);
        return std::nullopt;
    }
    config.levels = *levels;
    config.poisson = rate && m_poisson->isChecked();
    config.maxTokens = m_maxTokens->value();
    config.windowRequests = m_windowRequests->value();
    config.maxWindows = m_maxWindows->value();
    config.maxSecondsPerLevel = m_maxSeconds->value();
    config.slo = m_slo->value();
    return config;
}

void EndpointSweepPage::start()
{
    if (m_running || m_endpoints.isEmpty())
        return;
    QString error;
    if (!settings(m_endpoints.constFirst(), &error)) {
        m_status->setText(error);
        return;
    }
    QCoro::connect(doRun(m_endpoints), this, [] {});
}

QCoro::Task<> EndpointSweepPage::doRun(QList<EndpointProfile> endpoints)
{
    QPointer<EndpointSweepPage> self(this);
    m_running = true;
    m_cancelled = false;
    updateButtons();
    const int endpointCount = int(endpoints.size());
    int endpointIndex = -1;
    m_progress->setValue(0);
    for (const EndpointProfile &endpoint : std::as_const(endpoints)) {
        ++endpointIndex;
        QString error;
        const auto config = settings(endpoint, &error);
        if (!config)
            break;
        // A new sweep of an endpoint replaces its old one; other endpoints' stay for comparison.
        for (qsizetype i = m_runs.size() - 1; i >= 0; --i) {
            if (m_runs.at(i).endpointName == endpoint.name)
                m_runs.removeAt(i);
        }
        m_runs.append({ endpoint.name, endpoint.color, *config, {}, {}, {} });
        auto *sweep = new EndpointSweep(m_client, this);
        m_sweep = sweep;
        // The server's /metrics during the sweep, on a connection of its own.
        if (m_scraper)
            m_scraper->deleteLater();
        m_scraper = new MetricsScraper(m_client->clock(), this);
        m_scraper->setRunStartNs(m_client->clock()->nowNs());
        if (m_scraper->configure(endpoint.serverMetrics, QUrl(endpoint.baseUrl)))
            m_scraper->start();
        m_levelStartNs = m_client->clock()->nowNs();
        connect(sweep, &EndpointSweep::levelStarted, this, [this] { m_levelStartNs = m_client->clock()->nowNs(); });
        connect(sweep, &EndpointSweep::levelFinished, this, &EndpointSweepPage::onLevelFinished);
        // The bar counts finished levels of the whole sweep, every endpoint's: "4 of 6 levels
        // done" is 67%, not the current endpoint's 1 of 3.
        const int levelCount = int(config->levels.size());
        const auto showDone = [this, endpointIndex, endpointCount, levelCount](int levelsDone) {
            const int total = std::max(1, endpointCount * levelCount);
            m_progress->setMaximum(total);
            m_progress->setValue(endpointIndex * levelCount + levelsDone);
            m_progress->setFormat(tr("%v of %n level(s) done", nullptr, total));
        };
        showDone(0);
        connect(sweep, &EndpointSweep::progress, this,
                [this, showDone, name = endpoint.name](int level, int levels, int windows, int) {
                    showDone(level); // the levels before the current one are done
                    m_status->setText(tr("%1: level %2 of %3, %n window(s) measured…", nullptr, windows)
                                          .arg(name)
                                          .arg(level + 1)
                                          .arg(levels));
                });
        connect(sweep, &EndpointSweep::levelFinished, this,
                [showDone, sweep] { showDone(int(sweep->results().size())); });
        refresh();
        const QList<SweepLevelResult> results = co_await sweep->run(*config);
        if (!self)
            co_return;
        const bool cancelled = sweep->wasCancelled();
        sweep->deleteLater();
        if (m_scraper)
            m_scraper->stop();
        EndpointSweepRun &run = m_runs.last();
        run.levels = results;
        run.server.resize(results.size());
        run.analysis = EndpointSweep::analyse(results, config->slo.isSet(), config->sloTarget);
        refresh();
        if (cancelled || m_cancelled) {
            m_cancelled = true;
            break;
        }
    }
    m_running = false;
    int levels = 0;
    for (const EndpointSweepRun &run : std::as_const(m_runs))
        levels += int(run.levels.size());
    m_status->setText(m_cancelled ? tr("Cancelled: finished levels kept (%n in all).", nullptr, levels)
                                  : tr("Done: %n level(s) measured.", nullptr, levels));
    if (!m_cancelled)
        m_progress->setValue(m_progress->maximum());
    updateButtons();
    Q_EMIT sweepFinished();
}

void EndpointSweepPage::onLevelFinished(const SweepLevelResult &result)
{
    if (m_runs.isEmpty())
        return;
    EndpointSweepRun &run = m_runs.last();
    run.levels.append(result);
    run.server.resize(run.levels.size() - 1);
    run.server.append(serverFigures(m_levelStartNs, m_client->clock()->nowNs()));
    run.analysis = EndpointSweep::analyse(run.levels, run.config.slo.isSet(), run.config.sloTarget);
    refresh();
}

std::optional<ServerLevelFigures> EndpointSweepPage::serverFigures(qint64 fromNs, qint64 toNs) const
{
    if (!m_scraper || m_scraper->timeline().isEmpty())
        return std::nullopt;
    const ServerMetricsTimeline &timeline = m_scraper->timeline();
    const ServerMetricsWindow window { fromNs, toNs };
    const auto running = timeline.summary(ServerSeries::Running, window);
    const auto waiting = timeline.summary(ServerSeries::Waiting, window);
    if (!running && !waiting)
        return std::nullopt;
    ServerLevelFigures f;
    f.runningMean = running ? running->mean : 0;
    f.waitingMax = waiting ? waiting->max : 0;
    if (const auto kv = timeline.summary(ServerSeries::KvCacheUsage, window))
        f.kvCacheMax = kv->max;
    f.serverTtftP99Ms = timeline.serverTtftP99Ms(window);
    return f;
}

void EndpointSweepPage::cancel()
{
    m_cancelled = true;
    if (m_sweep)
        m_sweep->cancel();
}

void EndpointSweepPage::clear()
{
    if (m_running)
        return;
    m_runs.clear();
    refresh();
    m_status->clear();
    updateButtons();
}

void EndpointSweepPage::refresh()
{
    m_model->setRuns(m_runs);
    QList<TradeoffChart::Series> tradeoff;
    QList<SeriesData> throughput;
    QList<SeriesData> latency;
    QList<SeriesData> server;
    QList<TimeSeriesChart::Marker> knees;
    QList<TradeoffChart::Limit> limits;
    QStringList summary;
    bool rate = false;
    for (const EndpointSweepRun &run : std::as_const(m_runs)) {
        rate = run.config.axis == SweepAxis::Rate;
        TradeoffChart::Series series { run.endpointName, run.color, {} };
        SeriesData tp { run.endpointName, run.color, {}, {}, {} };
        SeriesData lat = tp;
        for (const SweepLevelResult &l : run.levels) {
            const QString level = QLocale().toString(l.level, 'g', 6);
            series.points.append({ l.outputTokensPerSecond, l.e2eMs.p99,
                                   rate ? tr("r=%1").arg(level) : tr("c=%1").arg(level) });
            tp.values.append(l.outputTokensPerSecond);
            tp.xs.append(l.level);
            lat.values.append(l.e2eMs.p99);
            lat.xs.append(l.level);
        }
        tradeoff.append(series);
        throughput.append(tp);
        latency.append(lat);
        SeriesData running { tr("%1: running (mean)").arg(run.endpointName), run.color, {}, {}, {} };
        SeriesData waiting { tr("%1: waiting (max)").arg(run.endpointName), run.color.darker(170), {}, {}, {} };
        for (qsizetype i = 0; i < run.levels.size() && i < run.server.size(); ++i) {
            if (!run.server.at(i))
                continue;
            running.xs.append(run.levels.at(i).level);
            running.values.append(run.server.at(i)->runningMean);
            waiting.xs.append(run.levels.at(i).level);
            waiting.values.append(run.server.at(i)->waitingMax);
        }
        if (!running.values.isEmpty()) {
            server.append(running);
            server.append(waiting);
        }
        if (run.analysis.knee >= 0)
            knees.append({ run.levels.at(run.analysis.knee).level, tr("%1: knee").arg(run.endpointName), run.color,
                           Qt::DashLine });
        if (run.config.slo.e2eMs > 0 && limits.isEmpty())
            limits.append({ tr("SLO: E2E ≤ %1 ms").arg(run.config.slo.e2eMs), run.config.slo.e2eMs });
        if (run.analysis.knee >= 0)
            summary.append(tr("%1: knee at %2").arg(run.endpointName,
                                                    QLocale().toString(run.levels.at(run.analysis.knee).level, 'g', 6)));
        if (run.config.slo.isSet()) {
            summary.append(run.analysis.bestSloLevel >= 0
                               ? tr("%1: highest level meeting the SLOs %2 (goodput %3 req/s)")
                                     .arg(run.endpointName,
                                          QLocale().toString(run.levels.at(run.analysis.bestSloLevel).level, 'g', 6),
                                          QLocale().toString(run.levels.at(run.analysis.bestSloLevel).goodput, 'f', 2))
                               : tr("%1: no level meets the SLOs").arg(run.endpointName));
        }
    }
    m_tradeoff->setSeries(tradeoff);
    m_tradeoff->setLimits(limits);
    const QString levelTitle = rate ? tr("Requests per second offered") : tr("Concurrency");
    m_throughputByLevel->setAxisTitles(levelTitle, tr("Output tokens per second"));
    m_latencyByLevel->setAxisTitles(levelTitle, tr("Milliseconds"));
    m_throughputByLevel->setSeries(throughput);
    m_latencyByLevel->setSeries(latency);
    m_serverByLevel->setAxisTitles(levelTitle, tr("Requests"));
    m_serverByLevel->setSeries(server);
    // The knee on both: where throughput stops growing, the server's queue starts to.
    m_throughputByLevel->setMarkers(knees);
    m_serverByLevel->setMarkers(server.isEmpty() ? QList<TimeSeriesChart::Marker> {} : knees);
    m_summary->setText(summary.join(QStringLiteral("; ")));
}

bool EndpointSweepPage::exportJson(const QString &path, QString *error) const
{
    // One endpoint: exactly the CLI's `sweep --json` document; several: {"sweeps": [...]}.
    const QJsonObject root = BatchExport::endpointSweepsJson(documentsOf(m_runs));
    return RunExport::writeFile(path, QJsonDocument(root).toJson(QJsonDocument::Indented), error);
}

bool EndpointSweepPage::exportCsv(const QString &path, QString *error) const
{
    // The CLI's columns with the endpoint's name in front, one header for all endpoints.
    return RunExport::writeFile(path, BatchExport::endpointSweepsCsv(documentsOf(m_runs)), error);
}

void EndpointSweepPage::exportInteractively(bool json)
{
    BatchingForm::exportWithDialog(this, json, QStringLiteral("sweep"), [this, json](const QString &path, QString *error) {
        return json ? exportJson(path, error) : exportCsv(path, error);
    });
}
