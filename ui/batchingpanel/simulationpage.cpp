#include "simulationpage.h"

#include "batchingform.h"
#include "models/batchtablemodels.h"
#include "comparisonview.h"
#include "rulecomparisonview.h"

#include "batching/simulationjob.h"
#include "charts/barchart.h"
#include "charts/palette.h"
#include "charts/timeserieschart.h"
#include "charts/tradeoffchart.h"
#include "format/batchexport.h"
#include "format/runexport.h"

#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFileDialog>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QMap>
#include <QMessageBox>
#include <QProgressBar>
#include <QPushButton>
#include <QScrollArea>
#include <QScrollBar>
#include <QSortFilterProxyModel>
#include <QSpinBox>
#include <QSplitter>
#include <QTabWidget>
#include <QTableView>
#include <QVBoxLayout>

namespace {

QSpinBox *spin(QWidget *parent, const char *name, int min, int max, int value)
{
    auto *box = new QSpinBox(parent);
    box->setObjectName(QString::fromLatin1(name));
    box->setRange(min, max);
    box->setValue(value);
    box->setGroupSeparatorShown(true);
    return box;
}

QLineEdit *listEdit(QWidget *parent, const char *name, const QString &text)
{
    auto *edit = new QLineEdit(text, parent);
    edit->setObjectName(QString::fromLatin1(name));
    edit->setClearButtonEnabled(true);
    return edit;
}

} // namespace

SimulationPage::SimulationPage(QWidget *parent)
    : QWidget(parent)
    , m_job(new SimulationJob(this))
    , m_compareJob(new SimulationJob(this))
    , m_ruleJob(new SimulationJob(this))
    , m_model(new SimulationRowsModel(this))
{
    auto *splitter = new QSplitter(Qt::Horizontal, this);
    splitter->addWidget(createForm());
    splitter->addWidget(createResults());
    splitter->setStretchFactor(1, 1);
    splitter->setSizes({ 380, 900 });
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(splitter);

    connect(m_job, &SimulationJob::rowFinished, this, &SimulationPage::onRow);
    connect(m_job, &SimulationJob::progress, this, [this](int done, int total) {
        m_progress->setMaximum(total);
        m_progress->setValue(done);
    });
    connect(m_job, &SimulationJob::finished, this, &SimulationPage::onFinished);
    connect(m_compareJob, &SimulationJob::comparisonFinished, this, [this](const BatchComparison &c) {
        m_comparison->setComparison(c);
        Q_EMIT comparisonFinished();
    });
    connect(m_compareJob, &SimulationJob::finished, this, [this] {
        if (m_pendingCompare >= 0) {
            const int row = m_pendingCompare;
            m_pendingCompare = -1;
            compareRow(row);
        }
    });
    connect(m_ruleJob, &SimulationJob::ruleComparisonFinished, this, [this](const BatchRuleComparison &c) {
        m_rules->setComparison(c);
        Q_EMIT ruleComparisonFinished();
    });
    connect(m_ruleJob, &SimulationJob::finished, this, [this] { m_rules->setRunning(false); });
    connect(m_rules, &RuleComparisonView::compareRequested, this, &SimulationPage::compareRules);
    updateForm();
    updateButtons();
}

SimulationPage::~SimulationPage() = default;

QWidget *SimulationPage::createForm()
{
    auto *form = new QWidget(this);

    auto *serverBox = new QGroupBox(tr("Server"), form);
    m_preset = new QComboBox(serverBox);
    m_preset->setObjectName(QStringLiteral("preset"));
    for (const QString &name : ServiceModel::presetNames())
        m_preset->addItem(name, name);
    m_presetSource = new QLabel(serverBox);
    m_presetSource->setWordWrap(true);
    m_presetSource->setTextFormat(Qt::PlainText);
    QFont small = m_presetSource->font();
    small.setPointSizeF(small.pointSizeF() * 0.9);
    m_presetSource->setFont(small);
    m_mode = new QComboBox(serverBox);
    m_mode->setObjectName(QStringLiteral("mode"));
    m_mode->addItem(tr("Dynamic batching (request level)"), int(SchedulingMode::RequestLevel));
    m_mode->addItem(tr("Continuous batching (step level)"), int(SchedulingMode::Continuous));
    m_mode->setToolTip(tr("Request level: a batch runs until its longest request ends (Triton). "
                          "Step level: sequences join and leave at every step (Orca, vLLM)."));
    auto *serverLayout = new QFormLayout(serverBox);
    serverLayout->addRow(tr("Model:"), m_preset);
    serverLayout->addRow(m_presetSource);
    serverLayout->addRow(tr("Scheduling:"), m_mode);

    auto *loadBox = new QGroupBox(tr("Load"), form);
    m_arrivals = new QComboBox(loadBox);
    m_arrivals->setObjectName(QStringLiteral("arrivals"));
    m_arrivals->addItem(tr("Closed loop (clients)"), int(ArrivalPattern::ClosedLoop));
    m_arrivals->addItem(tr("Constant rate"), int(ArrivalPattern::Constant));
    m_arrivals->addItem(tr("Poisson"), int(ArrivalPattern::Poisson));
    m_arrivals->addItem(tr("Gamma (bursty)"), int(ArrivalPattern::Gamma));
    m_clients = spin(loadBox, "clients", 1, 100'000, 64);
    m_rate = new QDoubleSpinBox(loadBox);
    m_rate->setObjectName(QStringLiteral("rate"));
    m_rate->setRange(0.001, 1e6);
    m_rate->setDecimals(3);
    m_rate->setValue(10);
    m_rate->setSuffix(tr(" req/s"));
    m_burstiness = new QDoubleSpinBox(loadBox);
    m_burstiness->setObjectName(QStringLiteral("burstiness"));
    m_burstiness->setRange(0.01, 100);
    m_burstiness->setValue(0.5);
    m_burstiness->setToolTip(tr("Gamma shape: 1 is Poisson, below 1 burstier, above 1 more regular."));
    m_requests = spin(loadBox, "requests", 1, 1'000'000, 1000);
    m_promptTokens = spin(loadBox, "promptTokens", 1, 1'000'000, 512);
    m_outputTokens = spin(loadBox, "outputTokens", 1, 1'000'000, 128);
    m_spread = new QDoubleSpinBox(loadBox);
    m_spread->setObjectName(QStringLiteral("spread"));
    m_spread->setRange(0, 0.99);
    m_spread->setSingleStep(0.1);
    m_spread->setValue(0.5);
    m_spread->setToolTip(tr("Lengths are drawn uniformly within ± this share of the sizes above."));
    m_seed = spin(loadBox, "seed", 0, std::numeric_limits<int>::max(), 1);
    auto *loadLayout = new QFormLayout(loadBox);
    loadLayout->addRow(tr("Arrivals:"), m_arrivals);
    loadLayout->addRow(tr("Clients:"), m_clients);
    loadLayout->addRow(tr("Rate:"), m_rate);
    loadLayout->addRow(tr("Burstiness:"), m_burstiness);
    loadLayout->addRow(tr("Requests:"), m_requests);
    loadLayout->addRow(tr("Prompt tokens:"), m_promptTokens);
    loadLayout->addRow(tr("Output tokens:"), m_outputTokens);
    loadLayout->addRow(tr("Length spread:"), m_spread);
    loadLayout->addRow(tr("Seed:"), m_seed);

    auto *gridBox = new QGroupBox(tr("Sweep"), form);
    m_batchSizes = listEdit(gridBox, "batchSizes", QStringLiteral("1, 2, 4, 8, 16, 32, 64"));
    m_waits = listEdit(gridBox, "waits", QStringLiteral("0, 10, 50"));
    m_budgets = listEdit(gridBox, "budgets", QStringLiteral("512, 2048"));
    m_waitsLabel = new QLabel(tr("Max wait (ms):"), gridBox);
    m_budgetsLabel = new QLabel(tr("Token budgets:"), gridBox);
    m_rule = new QComboBox(gridBox);
    m_rule->setObjectName(QStringLiteral("rule"));
    m_rule->addItem(tr("Max wait (a timer sends partial batches)"), int(BatchRule::MaxWait));
    m_rule->addItem(tr("Full batch only (no timer, typical)"), int(BatchRule::FullBatchOnly));
    m_rule->setToolTip(tr("When a partial batch leaves. Max wait: once its oldest request has waited the max "
                          "wait. Full batch only: never; a batch leaves when it is full, as in the typical "
                          "batcher, and what is left leaves at the end of the trace."));
    m_ruleLabel = new QLabel(tr("Batching rule:"), gridBox);
    m_ruleNote = new QLabel(tr("Without a timer the last requests wait for the end of the trace."), gridBox);
    m_ruleNote->setObjectName(QStringLiteral("ruleFormNote"));
    m_ruleNote->setWordWrap(true);
    m_ruleNote->setTextFormat(Qt::PlainText);
    auto *gridLayout = new QFormLayout(gridBox);
    gridLayout->addRow(tr("Max batch sizes:"), m_batchSizes);
    gridLayout->addRow(m_ruleLabel, m_rule);
    gridLayout->addRow(m_ruleNote);
    gridLayout->addRow(m_waitsLabel, m_waits);
    gridLayout->addRow(m_budgetsLabel, m_budgets);
    auto *triton = new QPushButton(tr("Triton tutorial example"), gridBox);
    triton->setObjectName(QStringLiteral("tritonExample"));
    triton->setToolTip(tr("16 clients, 1-token requests, max batch 1 to 16, on the model fitted to "
                          "Triton's dynamic-batching tutorial."));
    gridLayout->addRow(triton);

    auto *sloBox = new QGroupBox(tr("Service levels"), form);
    m_slo = new SloEditor(sloBox);
    auto *sloLayout = new QVBoxLayout(sloBox);
    sloLayout->addWidget(m_slo);

    m_run = new QPushButton(tr("Run sweep"), form);
    m_run->setObjectName(QStringLiteral("runSweep"));
    m_run->setDefault(true);
    m_cancel = new QPushButton(tr("Cancel"), form);
    m_cancel->setObjectName(QStringLiteral("cancelSweep"));
    m_progress = new QProgressBar(form);
    m_progress->setTextVisible(true);
    m_progress->setObjectName(QStringLiteral("sweepProgress"));
    m_progress->setFormat(tr("%v of %n configuration(s)", nullptr, 0));
    m_status = new QLabel(form);
    m_status->setObjectName(QStringLiteral("status"));
    m_status->setWordWrap(true);
    m_status->setTextFormat(Qt::PlainText);

    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_run);
    buttons->addWidget(m_cancel);

    auto *content = new QWidget(form);
    auto *contentLayout = new QVBoxLayout(content);
    for (QWidget *w : { static_cast<QWidget *>(serverBox), static_cast<QWidget *>(loadBox),
                        static_cast<QWidget *>(gridBox), static_cast<QWidget *>(sloBox) })
        contentLayout->addWidget(w);
    contentLayout->addStretch();
    QWidget *scroll = BatchingForm::scrollArea(content, form);

    auto *layout = new QVBoxLayout(form);
    layout->addWidget(scroll, 1);
    layout->addLayout(buttons);
    layout->addWidget(m_progress);
    layout->addWidget(m_status);

    connect(m_preset, &QComboBox::currentIndexChanged, this, &SimulationPage::updateForm);
    connect(m_mode, &QComboBox::currentIndexChanged, this, &SimulationPage::updateForm);
    connect(m_arrivals, &QComboBox::currentIndexChanged, this, &SimulationPage::updateForm);
    connect(m_rule, &QComboBox::currentIndexChanged, this, &SimulationPage::updateForm);
    connect(m_run, &QPushButton::clicked, this, &SimulationPage::startSweep);
    connect(m_cancel, &QPushButton::clicked, this, &SimulationPage::cancel);
    connect(triton, &QPushButton::clicked, this, &SimulationPage::useTritonExample);
    return form;
}

QWidget *SimulationPage::createResults()
{
    auto *results = new QWidget(this);
    m_summary = new QLabel(results);
    m_summary->setObjectName(QStringLiteral("summary"));
    m_summary->setWordWrap(true);
    m_summary->setTextFormat(Qt::PlainText);
    m_exportJson = new QPushButton(tr("Export JSON…"), results);
    m_exportCsv = new QPushButton(tr("Export CSV…"), results);
    auto *top = new QHBoxLayout;
    top->addWidget(m_summary, 1);
    top->addWidget(m_exportJson);
    top->addWidget(m_exportCsv);

    m_chartNote = new QLabel(results);
    m_chartNote->setObjectName(QStringLiteral("chartNote"));
    m_chartNote->setWordWrap(true);
    m_chartNote->setTextFormat(Qt::PlainText);
    m_chartNote->hide();

    m_tabs = new QTabWidget(results);
    m_tabs->setObjectName(QStringLiteral("simulationTabs"));
    m_tradeoff = new TradeoffChart(m_tabs);
    m_tradeoff->setEmptyText(tr("Click “Run sweep” to simulate each batch size and wait."));
    m_tradeoff->setObjectName(QStringLiteral("tradeoffChart"));
    m_tradeoff->setTitle(tr("Throughput vs latency, one point per configuration"));
    m_tradeoff->setAxisTitles(tr("Requests per second"), tr("End-to-end p99 (ms)"));
    m_tabs->addTab(m_tradeoff, tr("Trade-off"));

    auto *bySize = new QWidget(m_tabs);
    m_throughputBySize = new TimeSeriesChart(bySize);
    m_throughputBySize->setEmptyText(tr("Click “Run sweep” to simulate each batch size and wait."));
    m_throughputBySize->setObjectName(QStringLiteral("throughputBySize"));
    m_throughputBySize->setTitle(tr("Throughput by max batch size"));
    m_throughputBySize->setAxisTitles(tr("Max batch size"), tr("Requests per second"));
    m_throughputBySize->setLogX(true); // sizes double: 1, 2, 4, 8…
    m_latencyBySize = new TimeSeriesChart(bySize);
    m_latencyBySize->setEmptyText(tr("Click “Run sweep” to simulate each batch size and wait."));
    m_latencyBySize->setObjectName(QStringLiteral("latencyBySize"));
    m_latencyBySize->setTitle(tr("End-to-end p99 by max batch size"));
    m_latencyBySize->setAxisTitles(tr("Max batch size"), tr("End-to-end p99 (ms)"));
    m_latencyBySize->setLogX(true);
    auto *bySizeLayout = new QHBoxLayout(bySize);
    bySizeLayout->addWidget(m_throughputBySize);
    bySizeLayout->addWidget(m_latencyBySize);
    m_tabs->addTab(bySize, tr("By batch size"));

    m_histogram = new BarChart(m_tabs);

    m_histogram->setEmptyText(tr("Click “Run sweep” to simulate each batch size and wait."));
    m_histogram->setObjectName(QStringLiteral("batchHistogram"));
    m_histogram->setTitle(tr("Batch sizes the server ran"));
    m_histogram->setAxisTitles(tr("Batch size"), tr("Batches"));
    m_tabs->addTab(m_histogram, tr("Batch sizes"));

    m_comparison = new ComparisonView(m_tabs);
    m_comparison->setObjectName(QStringLiteral("comparison"));
    m_tabs->addTab(ChartView::scrolledPage(m_comparison, m_tabs), tr("Batching gain"));
    m_tabs->setTabToolTip(m_tabs->count() - 1, tr("No batching vs batching, at the same load"));

    m_rules = new RuleComparisonView(m_tabs);
    m_rules->setObjectName(QStringLiteral("ruleComparison"));
    m_tabs->addTab(ChartView::scrolledPage(m_rules, m_tabs), tr("Batch rules"));
    m_tabs->setTabToolTip(m_tabs->count() - 1, tr("Full batch only vs a maximum wait"));

    m_table = BatchingForm::table(results, m_model, "simulationTable");

    auto *split = new QSplitter(Qt::Vertical, results);
    split->addWidget(m_tabs);
    split->addWidget(m_table);
    split->setStretchFactor(0, 3);
    split->setStretchFactor(1, 2);

    auto *layout = new QVBoxLayout(results);
    layout->addLayout(top);
    layout->addWidget(m_chartNote);
    layout->addWidget(split, 1);

    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this, &SimulationPage::onSelection);
    connect(m_exportJson, &QPushButton::clicked, this, [this] { exportInteractively(true); });
    connect(m_exportCsv, &QPushButton::clicked, this, [this] { exportInteractively(false); });
    return results;
}

void SimulationPage::updateForm()
{
    if (const auto model = modelNamed(m_preset->currentData().toString()))
        m_presetSource->setText(model->source);
    const bool continuous = SchedulingMode(m_mode->currentData().toInt()) == SchedulingMode::Continuous;
    const bool fullBatch
        = !continuous && BatchRule(m_rule->currentData().toInt()) == BatchRule::FullBatchOnly;
    m_rule->setEnabled(!continuous);
    m_ruleLabel->setEnabled(!continuous);
    m_ruleNote->setVisible(fullBatch);
    // Each mode shows only its own axis: a token budget means nothing to request-level
    // batching, a max wait nothing to continuous batching.
    m_waits->setVisible(!continuous);
    m_waitsLabel->setVisible(!continuous);
    m_waits->setEnabled(!continuous && !fullBatch);
    m_waitsLabel->setEnabled(!continuous && !fullBatch);
    m_budgets->setVisible(continuous);
    m_budgetsLabel->setVisible(continuous);
    m_budgets->setEnabled(continuous);
    m_budgetsLabel->setEnabled(continuous);
    const auto arrivals = ArrivalPattern(m_arrivals->currentData().toInt());
    m_clients->setEnabled(arrivals == ArrivalPattern::ClosedLoop);
    m_rate->setEnabled(arrivals != ArrivalPattern::ClosedLoop);
    m_burstiness->setEnabled(arrivals == ArrivalPattern::Gamma);
}

void SimulationPage::updateButtons()
{
    const bool running = m_job->isRunning();
    m_run->setEnabled(!running);
    m_cancel->setEnabled(running);
    m_exportJson->setEnabled(!running && m_model->rowCount() > 0);
    m_exportCsv->setEnabled(!running && m_model->rowCount() > 0);
}

bool SimulationPage::isRunning() const
{
    return m_job->isRunning();
}

std::optional<SimulationConfig> SimulationPage::baseSettings(QString *error) const
{
    SimulationConfig base;
    const auto model = modelNamed(m_preset->currentData().toString());
    if (!model) {
        *error = tr("Choose a server model.");
        return std::nullopt;
    }
    base.model = *model;
    base.mode = SchedulingMode(m_mode->currentData().toInt());
    base.arrivals = ArrivalPattern(m_arrivals->currentData().toInt());
    base.clients = m_clients->value();
    base.ratePerSecond = m_rate->value();
    base.burstiness = m_burstiness->value();
    base.requests = m_requests->value();
    base.promptTokens = m_promptTokens->value();
    base.outputTokens = m_outputTokens->value();
    base.lengthSpread = m_spread->value();
    base.seed = quint64(m_seed->value());
    base.slo = m_slo->value();
    if (base.mode == SchedulingMode::RequestLevel)
        base.policy.rule = BatchRule(m_rule->currentData().toInt());
    return base;
}

std::optional<std::pair<SimulationConfig, SweepGrid>> SimulationPage::settings(QString *error) const
{
    const auto form = baseSettings(error);
    if (!form)
        return std::nullopt;
    const SimulationConfig &base = *form;

    QString listError;
    SweepGrid grid;
    const auto sizes = BatchingForm::parseList(m_batchSizes->text(), 1, 100'000, true, &listError);
    if (!sizes) {
        *error = tr("Max batch sizes: %1").arg(listError);
        return std::nullopt;
    }
    for (double v : *sizes)
        grid.maxBatchSizes.append(int(v));
    if (base.mode == SchedulingMode::RequestLevel && !base.policy.hasTimer()) {
        grid.maxWaitMs = { 0 }; // no timer: the wait axis would only repeat rows
        grid.tokenBudgets = { base.tokenBudget };
    } else if (base.mode == SchedulingMode::RequestLevel) {
        const auto waits = BatchingForm::parseList(m_waits->text(), 0, 3'600'000, false, &listError);
        if (!waits) {
            *error = tr("Max wait: %1").arg(listError);
            return std::nullopt;
        }
        grid.maxWaitMs = *waits;
        grid.tokenBudgets = { base.tokenBudget };
    } else {
        const auto budgets = BatchingForm::parseList(m_budgets->text(), 1, 100'000'000, true, &listError);
        if (!budgets) {
            *error = tr("Token budgets: %1").arg(listError);
            return std::nullopt;
        }
        for (double v : *budgets)
            grid.tokenBudgets.append(int(v));
        grid.maxWaitMs = { 0 };
    }
    const qsizetype count = grid.maxBatchSizes.size() * grid.maxWaitMs.size() * grid.tokenBudgets.size();
    if (count > 10'000) {
        *error
            = tr("The grid has %n configuration(s); at most 10,000 can be run at once.", nullptr, int(count));
        return std::nullopt;
    }
    return std::pair { base, grid };
}

std::optional<ServiceModel> SimulationPage::modelNamed(const QString &name) const
{
    for (const ServiceModel &m : m_customModels) {
        if (m.name == name)
            return m;
    }
    return ServiceModel::preset(name);
}

void SimulationPage::addModel(const ServiceModel &model)
{
    for (qsizetype i = m_customModels.size() - 1; i >= 0; --i) {
        if (m_customModels.at(i).name == model.name)
            m_customModels.removeAt(i);
    }
    m_customModels.append(model);
    if (m_preset->findData(model.name) < 0)
        m_preset->addItem(model.name, model.name);
    m_preset->setCurrentIndex(m_preset->findData(model.name));
    updateForm();
}

void SimulationPage::useTritonExample()
{
    m_preset->setCurrentIndex(m_preset->findData(ServiceModel::tritonTutorial().name));
    m_mode->setCurrentIndex(m_mode->findData(int(SchedulingMode::RequestLevel)));
    m_arrivals->setCurrentIndex(m_arrivals->findData(int(ArrivalPattern::ClosedLoop)));
    m_clients->setValue(16);
    m_requests->setValue(20'000);
    m_promptTokens->setValue(1);
    m_outputTokens->setValue(1);
    m_spread->setValue(0);
    m_batchSizes->setText(QStringLiteral("1, 2, 4, 8, 16"));
    m_waits->setText(QStringLiteral("0"));
}

void SimulationPage::startSweep()
{
    if (m_job->isRunning())
        return;
    QString error;
    const auto s = settings(&error);
    if (!s) {
        m_status->setText(error);
        return;
    }
    m_base = s->first;
    m_grid = s->second;
    m_model->clear();
    m_comparison->clear();
    m_histogram->setData({}, {});
    refreshCharts();
    const int total = int(BatchSweep::configurations(m_base, m_grid).size());
    m_progress->setMaximum(total);
    m_progress->setValue(0);
    m_progress->setFormat(tr("%v of %n configuration(s)", nullptr, total));
    // The table shows the sweep's own axis only: waits for request level, budgets for continuous.
    const bool continuous = m_base.mode == SchedulingMode::Continuous;
    m_table->setColumnHidden(SimulationRowsModel::BudgetColumn, !continuous);
    m_table->setColumnHidden(SimulationRowsModel::WaitColumn, continuous || !m_base.policy.hasTimer());
    m_status->setText(tr("Simulating %n configuration(s)…", nullptr, total));
    m_summary->clear();
    m_job->start(m_base, m_grid);
    updateButtons();
}

void SimulationPage::cancel()
{
    m_job->cancel();
}

void SimulationPage::onRow(int, const SweepRow &row)
{
    m_model->append(row);
    // Redraw at most a few times a second for big grids; every row for small ones.
    const int n = m_model->rowCount();
    if (n <= 64 || n % 16 == 0)
        refreshCharts();
}

void SimulationPage::onFinished()
{
    m_model->setAnalysis(BatchSweep::analyse(m_model->rows(), m_base.slo));
    refreshCharts();
    const int done = m_model->rowCount();
    const int total = int(BatchSweep::configurations(m_base, m_grid).size());
    m_status->setText(m_job->wasCancelled()
                          ? tr("Cancelled: %1 of %n configuration(s) kept.", nullptr, total).arg(done)
                          : tr("Done: %n configuration(s).", nullptr, done));

    const SimulationAnalysis &a = m_model->analysis();
    QStringList lines;
    if (a.knee >= 0) {
        const SweepRow &k = m_model->rows().at(a.knee);
        lines.append(tr("Knee: max batch %1, wait %2 ms: %3 req/s at E2E p99 %4 ms.")
                         .arg(k.maxBatchSize)
                         .arg(QLocale().toString(k.maxWaitMs, 'f', 1))
                         .arg(QLocale().toString(k.result.requestsPerSecond, 'f', 2))
                         .arg(QLocale().toString(k.result.e2eMs.p99, 'f', 0)));
    }
    if (m_base.slo.isSet()) {
        if (a.bestUnderSlo >= 0) {
            const SweepRow &b = m_model->rows().at(a.bestUnderSlo);
            lines.append(tr("Highest throughput meeting the SLOs for 99% of requests: max batch %1, wait %2 ms "
                            "(%3 req/s, goodput %4 req/s).")
                             .arg(b.maxBatchSize)
                             .arg(QLocale().toString(b.maxWaitMs, 'f', 1))
                             .arg(QLocale().toString(b.result.requestsPerSecond, 'f', 2))
                             .arg(QLocale().toString(b.result.goodputRps, 'f', 2)));
        } else {
            lines.append(tr("No configuration meets the SLOs for 99% of requests."));
        }
    }
    lines.append(tr("%n configuration(s) on the Pareto front.", nullptr, int(a.paretoFront.size())));
    // Merged identical lines are said once, in the note under the chart they concern.
    m_summary->setText(lines.join(u' '));
    updateButtons();
    // Select the knee (or the first row) so the histogram and comparison have something to show.
    if (done > 0) {
        // The knee, else the highest-throughput configuration (the end of the Pareto front).
        const int row = a.knee >= 0 ? a.knee : (a.paretoFront.isEmpty() ? 0 : a.paretoFront.constLast());
        auto *proxy = static_cast<QSortFilterProxyModel *>(m_table->model());
        m_table->setCurrentIndex(proxy->mapFromSource(m_model->index(row, 0)));
    }
    Q_EMIT sweepFinished();
}

void SimulationPage::refreshCharts()
{
    // One series per (max wait, token budget) group, its points in max batch order.
    const QList<SweepRow> &rows = m_model->rows();
    QMap<std::pair<double, int>, QList<int>> groups;
    for (int i = 0; i < rows.size(); ++i)
        groups[{ rows.at(i).maxWaitMs, rows.at(i).tokenBudget }].append(i);
    const bool continuous = m_base.mode == SchedulingMode::Continuous;
    QList<TradeoffChart::Series> tradeoff;
    QList<SeriesData> throughput;
    QList<SeriesData> latency;
    // Groups whose every point is the same draw one line over the other, so that only the
    // last is seen: they are drawn once, named together, and the note says so.
    QList<std::pair<QList<double>, QList<int>>> merged; // the group's keys, its rows
    const auto sameResults = [&rows](const QList<int> &a, const QList<int> &b) {
        if (a.size() != b.size())
            return false;
        for (qsizetype i = 0; i < a.size(); ++i) {
            const SimulationResult &x = rows.at(a.at(i)).result;
            const SimulationResult &y = rows.at(b.at(i)).result;
            if (rows.at(a.at(i)).maxBatchSize != rows.at(b.at(i)).maxBatchSize
                || std::abs(x.requestsPerSecond - y.requestsPerSecond)
                    > 1e-9 * std::max(1.0, x.requestsPerSecond)
                || std::abs(x.e2eMs.p99 - y.e2eMs.p99) > 1e-9 * std::max(1.0, x.e2eMs.p99))
                return false;
        }
        return true;
    };
    for (auto it = groups.cbegin(); it != groups.cend(); ++it) {
        QList<int> members = it.value();
        std::sort(members.begin(), members.end(),
                  [&rows](int a, int b) { return rows.at(a).maxBatchSize < rows.at(b).maxBatchSize; });
        const double key = continuous ? double(it.key().second) : it.key().first;
        auto same = std::find_if(merged.begin(), merged.end(),
                                 [&](const auto &m) { return sameResults(m.second, members); });
        if (same != merged.end())
            same->first.append(key);
        else
            merged.append({ { key }, members });
    }
    const auto list = [](const QList<double> &keys) {
        QStringList texts;
        for (double k : keys)
            texts.append(QLocale().toString(k, 'g', 6));
        return texts.join(QStringLiteral(", "));
    };
    m_identicalNote.clear();
    for (const auto &[keys, members] : std::as_const(merged)) {
        if (keys.size() < 2)
            continue;
        m_identicalNote = continuous
            ? tr("Token budgets of %1 gave identical results at every batch size: their lines are drawn as "
                 "one.")
                  .arg(list(keys))
            : tr("Max waits of %1 ms gave identical results at every batch size: their lines are drawn as "
                 "one.")
                  .arg(list(keys));
        break;
    }
    m_chartNote->setText(m_identicalNote);
    m_chartNote->setVisible(!m_identicalNote.isEmpty());
    int colour = 0;
    for (auto it = merged.cbegin(); it != merged.cend(); ++it, ++colour) {
        const QList<int> &members = it->second;
        const QList<double> &keys = it->first;
        const QString name = continuous ? tr("budget %1 tokens").arg(list(keys))
            : !m_base.policy.hasTimer() ? tr("full batches only")
                                        : tr("wait %1 ms").arg(list(keys));
        TradeoffChart::Series series { name, Palette::series(colour), {} };
        SeriesData tp { name, Palette::series(colour), {}, {}, {} };
        SeriesData lat = tp;
        for (int i : members) {
            const SweepRow &row = rows.at(i);
            series.points.append({ row.result.requestsPerSecond, row.result.e2eMs.p99,
                                   tr("b%1").arg(row.maxBatchSize) });
            tp.values.append(row.result.requestsPerSecond);
            tp.xs.append(row.maxBatchSize);
            tp.ids.append(i);
            lat.values.append(row.result.e2eMs.p99);
            lat.xs.append(row.maxBatchSize);
            lat.ids.append(i);
        }
        tradeoff.append(series);
        throughput.append(tp);
        latency.append(lat);
    }
    m_tradeoff->setSeries(tradeoff);
    QList<TradeoffChart::Limit> limits;
    if (m_base.slo.e2eMs > 0)
        limits.append({ tr("SLO: E2E ≤ %1 ms").arg(m_base.slo.e2eMs), m_base.slo.e2eMs });
    m_tradeoff->setLimits(limits);
    m_throughputBySize->setSeries(throughput);
    m_latencyBySize->setSeries(latency);
}

void SimulationPage::onSelection()
{
    const QModelIndex current = m_table->currentIndex();
    if (!current.isValid())
        return;
    auto *proxy = static_cast<QSortFilterProxyModel *>(m_table->model());
    const int row = proxy->mapToSource(current).row();
    showHistogram(row);
    compareRow(row);
}

void SimulationPage::showHistogram(int row)
{
    if (row < 0 || row >= m_model->rows().size())
        return;
    const SweepRow &r = m_model->rows().at(row);
    QStringList categories;
    QList<double> counts;
    const QList<qint64> &histogram = r.result.batchSizeHistogram;
    for (qsizetype size = 1; size < histogram.size(); ++size) {
        categories.append(QString::number(size));
        counts.append(double(histogram.at(size)));
    }
    m_histogram->setTitle(tr("Batch sizes the server ran (max batch %1, wait %2 ms)")
                              .arg(r.maxBatchSize)
                              .arg(QLocale().toString(r.maxWaitMs, 'f', 1)));
    m_histogram->setData(categories, { { tr("Batches"), Palette::series(0), counts } });
}

void SimulationPage::compareRow(int row)
{
    if (row < 0 || row >= m_model->rows().size())
        return;
    if (m_compareJob->isRunning()) {
        m_pendingCompare = row; // the latest selection wins once the running one ends
        return;
    }
    const SweepRow &r = m_model->rows().at(row);
    SimulationConfig config = m_base;
    config.policy.maxBatchSize = r.maxBatchSize;
    config.maxSequences = r.maxBatchSize;
    config.policy.maxQueueDelayNs = qint64(r.maxWaitMs * 1e6);
    config.tokenBudget = r.tokenBudget;
    config.ratePerSecond = r.rate;
    m_comparison->setBusy(tr("Simulating the same arrivals without batching…"));
    m_compareJob->startComparison(config);
}

void SimulationPage::compareRules()
{
    if (m_ruleJob->isRunning())
        return;
    QString error;
    const auto base = baseSettings(&error);
    if (!base) {
        m_rules->setBusy(error);
        return;
    }
    SimulationConfig config = *base;
    config.mode = SchedulingMode::RequestLevel;
    config.arrivals = ArrivalPattern::Poisson;
    config.ratePerSecond = m_rules->ratePerSecond();
    config.policy = BatchPolicy {};
    config.policy.maxBatchSize = m_rules->maxBatchSize();
    config.policy.maxQueueDelayNs = qint64(m_rules->maxWaitMs() * 1e6);
    m_rules->setBusy(tr("Simulating the same arrivals under both rules…"));
    m_rules->setRunning(true);
    m_ruleJob->startRuleComparison(config);
}

bool SimulationPage::exportJson(const QString &path, QString *error) const
{
    const QJsonObject root = BatchExport::simulationJson(m_base, m_model->rows(), m_model->analysis());
    return RunExport::writeFile(path, QJsonDocument(root).toJson(QJsonDocument::Indented), error);
}

bool SimulationPage::exportCsv(const QString &path, QString *error) const
{
    return RunExport::writeFile(path, BatchExport::simulationCsv(m_model->rows(), m_model->analysis()), error);
}

void SimulationPage::exportInteractively(bool json)
{
    BatchingForm::exportWithDialog(this, json, QStringLiteral("batch-sim"), [this, json](const QString &path, QString *error) {
        return json ? exportJson(path, error) : exportCsv(path, error);
    });
}
