#include "runspanel.h"
#include "metrics/figureformat.h"

#include "models/endpointresultsmodel.h"
#include "runchartdata.h"
#include "figuretable.h"
#include "runconfigwidget.h"
#include "workloadpage.h"

#include "breakdownpanel/breakdownpanel.h"
#include "charts/boxplotchart.h"
#include "charts/cdfchart.h"
#include "charts/histogramchart.h"
#include "charts/phasebarchart.h"
#include "charts/timeserieschart.h"
#include "format/runexport.h"
#include "runspanel/runreport.h"
#include "storage/historyrecorder.h"

#include <QAction>
#include <QApplication>
#include <QColor>
#include <QDir>
#include <QFileDialog>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QMenu>
#include <QMessageBox>
#include <QProgressBar>
#include <QPushButton>
#include <QScrollArea>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QSet>
#include <QStyle>
#include <QTableView>
#include <QTableWidget>
#include <QTabWidget>
#include <QTimer>
#include <QToolBar>
#include <QToolButton>
#include <QVBoxLayout>

#include <cmath>
#include <functional>

namespace {

/*!
 * The Runs charts two by two, or one under the other when two side by side would be narrower
 * than a chart needs for its ticks and labels (the pane beside the form at 1280 pixels). Each
 * keeps ChartView::LegibleHeight; the scroll area around the grid takes what is left.
 */
class ChartGrid : public QWidget
{
public:
    ChartGrid(const QList<ChartView *> &charts, QWidget *parent)
        : QWidget(parent)
        , m_charts(charts)
        , m_grid(new QGridLayout(this))
    {
        m_grid->setContentsMargins(0, 0, 0, 0);
        m_grid->setSpacing(4);
        for (ChartView *chart : charts)
            chart->setMinimumHeight(ChartView::LegibleHeight);
        arrange(2);
    }

protected:
    void resizeEvent(QResizeEvent *event) override
    {
        QWidget::resizeEvent(event);
        const int columns = width() >= 2 * MinChartWidth ? 2 : 1;
        if (columns != m_columns)
            arrange(columns);
    }

private:
    static constexpr int MinChartWidth = 420;

    void arrange(int columns)
    {
        m_columns = columns;
        for (ChartView *chart : std::as_const(m_charts))
            m_grid->removeWidget(chart);
        for (int i = 0; i < m_charts.size(); ++i)
            m_grid->addWidget(m_charts.at(i), i / columns, i % columns);
        for (int i = 0; i < 4; ++i) {
            m_grid->setRowStretch(i, i < (m_charts.size() + columns - 1) / columns ? 1 : 0);
            m_grid->setColumnStretch(i, i < columns ? 1 : 0);
        }
    }

    QList<ChartView *> m_charts;
    QGridLayout *m_grid;
    int m_columns = 0;
};
constexpr int FlushIntervalMs = 33; // the request table grows at most ~30 times a second

QTableView *makeTable(QWidget *parent, QSortFilterProxyModel *proxy, const char *name)
{
    auto *view = new QTableView(parent);
    view->setObjectName(QString::fromLatin1(name));
    view->setModel(proxy);
    view->setSelectionBehavior(QAbstractItemView::SelectRows);
    view->setSelectionMode(QAbstractItemView::SingleSelection);
    view->setAlternatingRowColors(true);
    view->setWordWrap(false);
    view->verticalHeader()->hide();
    view->verticalHeader()->setDefaultSectionSize(view->fontMetrics().height() + 8);
    view->horizontalHeader()->setHighlightSections(false);
    view->horizontalHeader()->setSectionResizeMode(QHeaderView::Interactive);
    // No sort column at first: rows stay in the order they arrived until the user picks one.
    view->horizontalHeader()->setSortIndicator(-1, Qt::AscendingOrder);
    view->setSortingEnabled(true);
    return view;
}

/*!
 * The summary table's proxy: headers break before their unit ("TTFT p50" over "(ms)"), so
 * that a column is as wide as its figures rather than its title, and the columns that
 * matter fit the panel at 1280×800 without a scroll bar.
 */
class SummaryProxy : public QSortFilterProxyModel
{
public:
    using QSortFilterProxyModel::QSortFilterProxyModel;

    QVariant headerData(int section, Qt::Orientation orientation, int role) const override
    {
        QVariant value = QSortFilterProxyModel::headerData(section, orientation, role);
        if (role != Qt::DisplayRole || orientation != Qt::Horizontal)
            return value;
        const QString text = value.toString();
        const qsizetype unit = text.lastIndexOf(QStringLiteral(" ("));
        if (unit <= 0)
            return text;
        QString head = text.left(unit);
        QString tail = text.mid(unit + 1);
        // A long title breaks at its middle space, its second half joining the unit.
        if (head.size() > 10) {
            qsizetype best = -1;
            for (qsizetype i = head.indexOf(u' '); i > 0; i = head.indexOf(u' ', i + 1)) {
                if (best < 0 || std::abs(i - head.size() / 2) < std::abs(best - head.size() / 2))
                    best = i;
            }
            if (best > 0) {
                tail = head.mid(best + 1) + u' ' + tail;
                head.truncate(best);
            }
        }
        return QString(head + u'\n' + tail);
    }
};

// Shown by default; the rest are one right-click on the header away.
// (Eight columns fit the ~630 pixels a 1280-pixel window leaves the table.)
constexpr EndpointResultsModel::Column DefaultSummaryColumns[] = {
    EndpointResultsModel::NameColumn,     EndpointResultsModel::OkColumn,
    EndpointResultsModel::TtftP50Column,  EndpointResultsModel::TtftP99Column,
    EndpointResultsModel::E2eP99Column,   EndpointResultsModel::TokensPerSecondColumn,
    EndpointResultsModel::FailuresColumn, EndpointResultsModel::CostColumn,
};

QString seconds(double s)
{
    return QLocale().toString(s, 'f', 1);
}

// Titles shared by the panel's charts and the report's copies of them.
void setupTtftChart(CdfChart *chart)
{
    chart->setTitle(RunsPanel::tr("Time to first token (CDF)"));
    chart->setAxisTitles(RunsPanel::tr("TTFT (ms)"), RunsPanel::tr("Share of requests"));
}

void setupE2eChart(BoxPlotChart *chart)
{
    chart->setTitle(RunsPanel::tr("End-to-end latency"));
    chart->setAxisTitles(QString(), RunsPanel::tr("E2E (ms)"));
}

void setupItlChart(HistogramChart *chart)
{
    chart->setTitle(RunsPanel::tr("Inter-token latency"));
    chart->setAxisTitles(RunsPanel::tr("ITL (ms)"), RunsPanel::tr("Tokens"));
}

void setupThroughputChart(TimeSeriesChart *chart)
{
    chart->setTitle(RunsPanel::tr("Output throughput"));
    chart->setAxisTitles(RunsPanel::tr("Time since start (s)"), RunsPanel::tr("Tokens/s"));
}

/// The servers' series of \a runs (each /metrics address once, named by its first endpoint):
/// requests running and waiting, or (\a kv) KV cache use in %.
QList<SeriesData> serverSeries(const QList<EndpointRun> &runs, bool kv)
{
    QList<SeriesData> out;
    QSet<QString> seen;
    const auto points = [](const ServerMetricsRecord &r, const QString &name, double scale, SeriesData &series) {
        const QList<ServerMetricsPoint> pts = r.series.value(name);
        for (const ServerMetricsPoint &p : pts) {
            series.xs.append(p.tMs / 1000.0);
            series.values.append(p.value * scale);
        }
    };
    QSet<QString> scraped;
    for (const EndpointRun &run : runs) {
        if (run.serverMetrics && run.serverMetrics->scrapes > 0)
            scraped.insert(run.serverMetrics->url);
    }
    const qsizetype servers = scraped.size();
    for (const EndpointRun &run : runs) {
        if (!run.serverMetrics || run.serverMetrics->scrapes == 0 || seen.contains(run.serverMetrics->url))
            continue;
        seen.insert(run.serverMetrics->url);
        const QColor color = QColor::fromString(run.endpoint.color);
        // One server: the legend needs no name (narrow charts cut long legends short).
        const bool named = servers > 1;
        if (kv) {
            SeriesData cache { named ? RunsPanel::tr("%1: KV cache").arg(run.endpoint.name) : RunsPanel::tr("KV cache"),
                               color.lighter(130), {}, {}, {} };
            points(*run.serverMetrics, QStringLiteral("kv_cache_usage"), 100.0, cache);
            if (!cache.values.isEmpty())
                out.append(cache);
            continue;
        }
        SeriesData running { named ? RunsPanel::tr("%1: running").arg(run.endpoint.name) : RunsPanel::tr("Running"),
                             color, {}, {}, {} };
        points(*run.serverMetrics, QStringLiteral("running"), 1.0, running);
        SeriesData waiting { named ? RunsPanel::tr("%1: waiting").arg(run.endpoint.name) : RunsPanel::tr("Waiting"),
                             color.darker(160), {}, {}, {} };
        points(*run.serverMetrics, QStringLiteral("waiting"), 1.0, waiting);
        if (!running.values.isEmpty())
            out.append(running);
        if (!waiting.values.isEmpty())
            out.append(waiting);
    }
    return out;
}

/// The time covered by any of \a lists' points (seconds), for charts that share a time axis.
std::pair<double, double> timeSpan(std::initializer_list<const QList<SeriesData> *> lists)
{
    double lo = 0;
    double hi = 0;
    for (const QList<SeriesData> *list : lists) {
        for (const SeriesData &series : *list) {
            for (double x : series.xs) {
                lo = std::min(lo, x);
                hi = std::max(hi, x);
            }
        }
    }
    return { lo, hi };
}

void setupServerLoadChart(TimeSeriesChart *chart)
{
    chart->setTitle(RunsPanel::tr("Server: requests running and waiting, KV cache"));
    chart->setAxisTitles(RunsPanel::tr("Time since start (s)"), RunsPanel::tr("Requests"));
}


constexpr QSize ReportChartSize(800, 440);

/*!
 * Copies of the panel's charts for the report, drawn at one fixed size: the report must
 * look the same whether the panel is large, small, on another tab or never shown.
 */
class ReportCharts
{
public:
    explicit ReportCharts(const QList<EndpointRun> &runs)
    {
        QList<PhaseBarChart::Bar> bars;
        for (const EndpointRun &run : runs) {
            PhaseBarChart::Bar bar;
            bar.label = run.endpoint.name;
            bar.color = QColor(run.endpoint.color);
            for (Phase phase : Phases::all()) {
                const size_t i = size_t(phase);
                bar.phases.ms[i] = run.summary.phaseMs[i].mean;
                bar.phases.source[i] = run.summary.phaseSource[i];
            }
            bars.append(bar);
        }
        m_phases.setBars(bars);
        setupTtftChart(&m_ttft);
        m_ttft.setSeries(RunChartData::ttft(runs));
        setupE2eChart(&m_e2e);
        m_e2e.setSeries(RunChartData::e2e(runs));
        setupItlChart(&m_itl);
        m_itl.setSeries(RunChartData::itl(runs));
        setupThroughputChart(&m_throughput);
        const QList<SeriesData> throughput = RunChartData::throughput(runs);
        const QList<SeriesData> load = serverSeries(runs, false);
        const QList<SeriesData> kv = serverSeries(runs, true);
        // The server's charts follow the throughput's, on the same time axis.
        const std::pair<double, double> span = timeSpan({ &throughput, &load, &kv });
        for (TimeSeriesChart *chart : { &m_throughput, &m_serverLoad })
            chart->setMinimumXRange(span.first, span.second);
        m_throughput.setSeries(throughput);

        // The phase bars need room per endpoint; the distributions share one shape.
        const int phaseHeight = std::max(260, 140 + 60 * int(runs.size()));
        add(&m_phases, RunsPanel::tr("Mean latency by phase"), QSize(ReportChartSize.width(), phaseHeight));
        add(&m_ttft, m_ttft.title(), ReportChartSize);
        add(&m_e2e, m_e2e.title(), ReportChartSize);
        add(&m_itl, m_itl.title(), ReportChartSize);
        add(&m_throughput, m_throughput.title(), ReportChartSize);
        // What the servers said, on the same time axis as the throughput (when scraped).
        if (!load.isEmpty() || !kv.isEmpty()) {
            setupServerLoadChart(&m_serverLoad);
            m_serverLoad.setSecondarySeries(kv, RunsPanel::tr("KV %"), 0, 100);
            m_serverLoad.setSeries(load);
            add(&m_serverLoad, m_serverLoad.title(), ReportChartSize);
        }
        // Conversations: the TTFT of each turn.
        QStringList turns;
        const QList<BarChart::Series> turnSeries = RunWorkloadPage::turnSeries(runs, &turns);
        if (!turnSeries.isEmpty()) {
            RunWorkloadPage::setUpTurnChart(&m_turns);
            m_turns.setData(turns, turnSeries);
            add(&m_turns, m_turns.title(), ReportChartSize);
        }
        // Charts lay out their axes and labels from posted events of their own.
        QCoreApplication::sendPostedEvents();
    }

    QList<RunReport::Chart> charts() const { return m_charts; }

private:
    void add(ChartView *chart, const QString &title, QSize size)
    {
        // The report prints the title above the chart; inside it, it would say it twice.
        chart->setTitle(QString());
        chart->setWindowTitle(title);
        // Never on screen, but "shown" so that Qt Charts lays the chart out at this size.
        chart->setAttribute(Qt::WA_DontShowOnScreen);
        chart->resize(size);
        chart->show();
        m_charts.append({ title, chart });
    }

    PhaseBarChart m_phases;
    CdfChart m_ttft;
    BoxPlotChart m_e2e;
    HistogramChart m_itl;
    TimeSeriesChart m_throughput;
    TimeSeriesChart m_serverLoad;
    BarChart m_turns;
    QList<RunReport::Chart> m_charts;
};

} // namespace

RunsPanel::RunsPanel(StreamingClient *client, QWidget *parent)
    : QWidget(parent)
    , m_client(client)
    , m_controller(new RunController(client, this))
    , m_config(new RunConfigWidget(this))
    , m_endpointModel(new EndpointResultsModel(this))
    , m_endpointProxy(new SummaryProxy(this))
    , m_requestModel(new RequestTableModel(this))
    , m_requestProxy(new QSortFilterProxyModel(this))
    , m_flushTimer(new QTimer(this))
{
    // Left: the settings, scrollable so that they fit any window height.
    auto *configScroll = new QScrollArea(this);
    configScroll->setObjectName(QStringLiteral("runConfigScroll"));
    configScroll->setWidget(m_config);
    configScroll->setWidgetResizable(true);
    configScroll->setFrameShape(QFrame::NoFrame);
    configScroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    configScroll->setMinimumWidth(std::min(m_config->minimumSizeHint().width() + 24, 380));
    configScroll->setMaximumWidth(460);

    // Top bar: what runs where, and the run's controls.
    m_endpointsLabel = new QLabel(this);
    m_endpointsLabel->setObjectName(QStringLiteral("endpointsLabel"));
    m_endpointsLabel->setTextFormat(Qt::PlainText);
    m_endpointsLabel->setWordWrap(true); // many endpoints wrap instead of widening the window
    m_runButton = new QPushButton(tr("Run"), this);
    m_runButton->setObjectName(QStringLiteral("runButton"));
    m_runButton->setToolTip(tr("Run the load against every checked endpoint (Ctrl+R)"));
    m_runButton->setDefault(true);
    m_cancelButton = new QPushButton(tr("Cancel"), this);
    m_cancelButton->setObjectName(QStringLiteral("cancelButton"));
    m_cancelButton->setToolTip(tr("Stop sending; finished requests are kept (Esc)"));
    m_exportCsvButton = new QPushButton(tr("Export CSV…"), this);
    m_exportCsvButton->setObjectName(QStringLiteral("exportCsvButton"));
    m_exportJsonButton = new QPushButton(tr("Export JSON…"), this);
    m_exportJsonButton->setObjectName(QStringLiteral("exportJsonButton"));
    m_exportReportButton = new QPushButton(tr("Export report…"), this);
    m_exportReportButton->setObjectName(QStringLiteral("exportReportButton"));
    m_exportReportButton->setToolTip(tr("Write the settings, results and charts as an HTML page and a PDF"));
    auto *topRow = new QHBoxLayout;
    topRow->addWidget(m_endpointsLabel, 1);
    topRow->addWidget(m_runButton);
    topRow->addWidget(m_cancelButton);
    topRow->addSpacing(12);
    topRow->addWidget(m_exportCsvButton);
    topRow->addWidget(m_exportJsonButton);
    topRow->addWidget(m_exportReportButton);

    m_progressBar = new QProgressBar(this);
    m_progressBar->setObjectName(QStringLiteral("runProgress"));
    m_progressBar->setRange(0, 1);
    m_progressBar->setValue(0);
    m_progressBar->setTextVisible(false);
    m_progressBar->setMaximumHeight(std::max(m_progressBar->fontMetrics().height(), m_progressBar->minimumSizeHint().height()));
    m_progressLabel = new QLabel(tr("Ready"), this);
    m_progressLabel->setObjectName(QStringLiteral("progressLabel"));
    m_progressLabel->setTextFormat(Qt::PlainText);
    m_progressLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto *progressRow = new QHBoxLayout;
    progressRow->addWidget(m_progressBar, 1);
    progressRow->addWidget(m_progressLabel, 2);
    // What TokenScope itself cost while the run went: a figure that includes client delay says so.
    m_clientLabel = new QLabel(this);
    m_clientLabel->setObjectName(QStringLiteral("clientOverheadLabel"));
    m_clientLabel->setTextFormat(Qt::PlainText);
    m_clientLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    // Wraps rather than widening the window; one line at usual widths.
    m_clientLabel->setWordWrap(true);
    m_clientTip =
        tr("Event-loop lag: how late a 1 ms timer fired on the I/O threads that read the sockets (a token read there "
           "waited as long, unless its time is the kernel's receive time, as on plain TCP). Dispatch: from when a request was due to its last byte written, less any new "
           "connection's set-up. Busy: those threads' CPU time over the time they had. Above %1 ms of lag at p99 "
           "or %2% busy, the figures include client delay.")
            .arg(QLocale().toString(ClientOverhead::LagLimitMs), QLocale().toString(100.0 * ClientOverhead::CpuShareLimit));
    m_clientLabel->setToolTip(m_clientTip);
    m_clientLabel->hide();
    progressRow->addWidget(m_clientLabel, 3);

    // Results: endpoints always visible; charts and requests in tabs below.
    m_endpointProxy->setSourceModel(m_endpointModel);
    m_endpointProxy->setSortRole(EndpointResultsModel::SortRole);
    m_endpointView = makeTable(this, m_endpointProxy, "endpointResultsView");
    m_endpointView->setSelectionMode(QAbstractItemView::NoSelection);
    // Widths are ours (fitSummaryColumns): ResizeToContents would also reserve a sort arrow's
    // room, as wide as the two-line header is tall, in every column.
    m_endpointView->horizontalHeader()->setSectionResizeMode(QHeaderView::Interactive);
    // The spare width goes to the endpoint's name, not to the last figure.
    m_endpointView->horizontalHeader()->setStretchLastSection(false);
    m_endpointView->horizontalHeader()->setSectionResizeMode(EndpointResultsModel::NameColumn, QHeaderView::Stretch);
    m_endpointView->horizontalHeader()->setDefaultAlignment(Qt::AlignCenter);
    m_endpointView->setTextElideMode(Qt::ElideMiddle);
    for (int c = 0; c < EndpointResultsModel::ColumnCount; ++c)
        m_endpointView->setColumnHidden(c,
                                        std::find(std::begin(DefaultSummaryColumns),
                                                  std::end(DefaultSummaryColumns),
                                                  EndpointResultsModel::Column(c))
                                            == std::end(DefaultSummaryColumns));
    // The hidden percentiles are a right-click away, on the header.
    m_endpointView->horizontalHeader()->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(m_endpointView->horizontalHeader(), &QWidget::customContextMenuRequested, this,
            [this](const QPoint &pos) {
                QMenu menu(this);
                menu.setObjectName(QStringLiteral("summaryColumnsMenu"));
                for (int c = 1; c < EndpointResultsModel::ColumnCount; ++c) {
                    QAction *action
                        = menu.addAction(m_endpointModel->headerData(c, Qt::Horizontal).toString());
                    action->setCheckable(true);
                    action->setChecked(!m_endpointView->isColumnHidden(c));
                    connect(action, &QAction::toggled, this, [this, c](bool on) {
                        m_endpointView->setColumnHidden(c, !on);
                        fitSummaryColumns();
                        fitSummaryTable();
                    });
                }
                menu.exec(m_endpointView->horizontalHeader()->mapToGlobal(pos));
            });
    connect(m_endpointModel, &QAbstractItemModel::modelReset, this, &RunsPanel::fitSummaryTable);
    connect(m_endpointModel, &QAbstractItemModel::modelReset, this, [this] { fitSummaryColumns(); });
    // While figures update, columns only grow: a width the user dragged is kept.
    connect(m_endpointModel, &QAbstractItemModel::dataChanged, this, [this] { fitSummaryColumns(true); });
    connect(m_endpointView->horizontalHeader(), &QHeaderView::sortIndicatorChanged, this,
            [this] { fitSummaryColumns(true); }); // room for the arrow

    m_requestProxy->setSourceModel(m_requestModel);
    m_requestProxy->setSortRole(RequestTableModel::SortRole);
    m_requestView = makeTable(this, m_requestProxy, "requestView");
    const QFontMetrics fm = m_requestView->fontMetrics();
    for (int c = 0; c < RequestTableModel::ColumnCount; ++c) {
        const QString header = m_requestModel->headerData(c, Qt::Horizontal).toString();
        m_requestView->setColumnWidth(
            c, std::max(fm.horizontalAdvance(header) + 28, fm.horizontalAdvance(u'0') * 8));
    }
    m_requestView->setColumnWidth(RequestTableModel::ErrorColumn, fm.horizontalAdvance(u'M') * 9);
    m_requestView->horizontalHeader()->setStretchLastSection(true);

    m_breakdown = new BreakdownPanel(this);
    m_breakdown->setObjectName(QStringLiteral("breakdownPanel"));

    // The breakdown needs its full width for "6660 ms" and the phase names, and its full
    // height for the waterfall: it scrolls rather than being squeezed below its size.
    auto *breakdownScroll = new QScrollArea(this);
    breakdownScroll->setObjectName(QStringLiteral("breakdownScroll"));
    breakdownScroll->setWidget(m_breakdown);
    breakdownScroll->setWidgetResizable(true);
    breakdownScroll->setFrameShape(QFrame::NoFrame);
    breakdownScroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_breakdown->setMinimumSize(
        std::max(m_breakdown->minimumSizeHint().width(), fm.horizontalAdvance(u'M') * 30),
        std::max(m_breakdown->minimumSizeHint().height(), m_breakdown->sizeHint().height()));
    breakdownScroll->setMinimumWidth(m_breakdown->minimumWidth()
                                     + breakdownScroll->style()->pixelMetric(QStyle::PM_ScrollBarExtent));

    auto *requestSplitter = new QSplitter(Qt::Horizontal, this);
    requestSplitter->setObjectName(QStringLiteral("requestSplitter"));
    requestSplitter->setChildrenCollapsible(false);
    requestSplitter->addWidget(m_requestView);
    requestSplitter->addWidget(breakdownScroll);
    requestSplitter->setStretchFactor(0, 1);
    requestSplitter->setStretchFactor(1, 1);
    requestSplitter->setSizes({ 480, 520 });

    m_tabs = new QTabWidget(this);
    m_tabs->setObjectName(QStringLiteral("resultTabs"));
    m_tabs->setDocumentMode(true);
    m_tabs->addTab(createChartsPage(), tr("Charts"));
    m_tabs->addTab(requestSplitter, tr("Requests"));
    m_tabs->addTab(createServerPage(), tr("Server"));
    m_tabs->setTabToolTip(m_tabs->count() - 1, tr("What the server's /metrics said during the run"));
    m_workloadPage = new RunWorkloadPage(this);
    m_tabs->addTab(m_workloadPage, tr("Workload"));
    m_tabs->setTabToolTip(m_tabs->count() - 1,
                          tr("Requests that ended before max_tokens, TTFT with and without the server's prompt "
                             "cache, TTFT by conversation turn"));

    auto *resultSplitter = new QSplitter(Qt::Vertical, this);
    resultSplitter->setChildrenCollapsible(false);
    resultSplitter->addWidget(m_endpointView);
    resultSplitter->addWidget(m_tabs);
    resultSplitter->setStretchFactor(0, 0);
    resultSplitter->setStretchFactor(1, 1);
    m_resultSplitter = resultSplitter;
    fitSummaryColumns();
    fitSummaryTable();

    auto *right = new QWidget(this);
    auto *rightLayout = new QVBoxLayout(right);
    rightLayout->setContentsMargins(0, 0, 0, 0);
    rightLayout->addLayout(topRow);
    rightLayout->addLayout(progressRow);
    rightLayout->addWidget(resultSplitter, 1);

    auto *mainSplitter = new QSplitter(Qt::Horizontal, this);
    mainSplitter->setChildrenCollapsible(false);
    mainSplitter->addWidget(configScroll);
    mainSplitter->addWidget(right);
    mainSplitter->setStretchFactor(0, 0);
    mainSplitter->setStretchFactor(1, 1);
    mainSplitter->setSizes({ 340, 1060 });
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(mainSplitter);

    // Keyboard: local to the panel, so other panels may use the same keys.
    m_runAction = new QAction(tr("Run"), this);
    m_runAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_R));
    m_runAction->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    addAction(m_runAction);
    m_cancelAction = new QAction(tr("Cancel Run"), this);
    m_cancelAction->setShortcut(QKeySequence(Qt::Key_Escape));
    m_cancelAction->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    addAction(m_cancelAction);

    m_flushTimer->setSingleShot(true);
    m_flushTimer->setInterval(FlushIntervalMs);

    connect(m_runAction, &QAction::triggered, this, [this] { run(); });
    connect(m_cancelAction, &QAction::triggered, this, &RunsPanel::cancel);
    connect(m_runButton, &QPushButton::clicked, this, [this] { run(); });
    connect(m_cancelButton, &QPushButton::clicked, this, &RunsPanel::cancel);
    connect(m_exportCsvButton, &QPushButton::clicked, this, [this] { exportInteractively(false); });
    connect(m_exportJsonButton, &QPushButton::clicked, this, [this] { exportInteractively(true); });
    connect(m_exportReportButton, &QPushButton::clicked, this, &RunsPanel::exportReportInteractively);
    connect(m_flushTimer, &QTimer::timeout, this, &RunsPanel::flushPending);
    connect(m_controller, &RunController::requestFinished, this, &RunsPanel::onRequestFinished);
    connect(m_controller, &RunController::resultsChanged, this, &RunsPanel::refreshResults);
    connect(m_controller, &RunController::progress, this, &RunsPanel::onProgress);
    connect(m_controller, &RunController::finished, this, &RunsPanel::onFinished);
    connect(m_requestView->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            [this](const QModelIndex &current) { onCurrentRowChanged(current); });
    connect(m_ttftChart, &CdfChart::pointClicked, this, &RunsPanel::onPointClicked);

    setEndpoints({});
}

RunsPanel::~RunsPanel() = default;

void RunsPanel::refreshClientOverhead(const QList<EndpointRun> &runs)
{
    // The endpoints of a race share the client's thread: its worst figures speak for all.
    std::optional<ClientOverhead> worst;
    Distribution dispatch;
    for (const EndpointRun &run : runs) {
        if (run.summary.dispatchDelayMs.count > 0 && run.summary.dispatchDelayMs.p99 >= dispatch.p99)
            dispatch = run.summary.dispatchDelayMs;
        if (const std::optional<ClientOverhead> &c = run.summary.client) {
            if (!worst || c->lagMs.p99 > worst->lagMs.p99 || c->cpuShare() > worst->cpuShare())
                worst = c;
        }
    }
    if (!worst || worst->lagMs.count == 0) {
        m_clientLabel->hide();
        return;
    }
    // Short on the progress row; the whole story in the tooltip.
    const QString figures = tr("Client: lag p99 %1 ms · busy %2%")
                                .arg(QLocale().toString(worst->lagMs.p99, 'f', 2),
                                     QLocale().toString(100.0 * worst->cpuShare(), 'f', 0));
    QString tip = tr("Client overhead: event-loop lag p99 %1 ms (max %2 ms) · dispatch delay p99 %3 ms · I/O threads "
                     "busy %4% of the run")
                      .arg(QLocale().toString(worst->lagMs.p99, 'f', 2), QLocale().toString(worst->lagMs.max, 'f', 1),
                           QLocale().toString(dispatch.p99, 'f', 2),
                           QLocale().toString(100.0 * worst->cpuShare(), 'f', 0))
        + u"\n\n" + m_clientTip;
    if (worst->includesClientDelay()) {
        m_clientLabel->setText(tr("⚠ Includes client delay · %1").arg(figures));
        tip = worst->warning() + u"\n\n" + tip;
    } else {
        m_clientLabel->setText(figures);
    }
    m_clientLabel->setToolTip(tip);
    m_clientLabel->show();
}

QWidget *RunsPanel::createServerPage()
{
    auto *page = new QWidget(this);
    page->setObjectName(QStringLiteral("serverPage"));
    m_serverNote = new QLabel(page);
    m_serverNote->setObjectName(QStringLiteral("serverNote"));
    m_serverNote->setTextFormat(Qt::PlainText);
    m_serverNote->setWordWrap(true);
    m_serverNote->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_serverTable = new QTableWidget(page);
    m_serverTable->setObjectName(QStringLiteral("serverTable"));
    FigureTable::setUp(m_serverTable);
    // The run's throughput again, with what the server did under it on the same time axis.
    m_serverThroughputChart = new TimeSeriesChart(page);
    m_serverThroughputChart->setObjectName(QStringLiteral("serverThroughputChart"));
    setupThroughputChart(m_serverThroughputChart);
    // The chart below has the same time axis and says so; this one keeps the height (its
    // title goes to exported files' names only).
    m_serverThroughputChart->setWindowTitle(m_serverThroughputChart->title());
    m_serverThroughputChart->setTitle(QString());
    m_serverThroughputChart->setAxisTitles(QString(), tr("Tokens/s"));
    m_serverThroughputChart->setEmptyText(tr("Click Run to measure the checked endpoints."));
    m_serverLoadChart = new TimeSeriesChart(page);
    m_serverLoadChart->setObjectName(QStringLiteral("serverLoadChart"));
    setupServerLoadChart(m_serverLoadChart);
    m_serverLoadChart->setEmptyText(tr("Click Run: servers that expose /metrics show their batch, queue "
                                       "and KV cache here."));
    // Equal shares of the page, each chart at least legible; on a small window it scrolls.
    m_serverThroughputChart->setMinimumHeight(ChartView::LegibleHeight);
    m_serverLoadChart->setMinimumHeight(ChartView::LegibleHeight);
    auto *content = new QWidget(page);
    auto *layout = new QVBoxLayout(content);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_serverNote);
    layout->addWidget(m_serverTable);
    layout->addWidget(m_serverThroughputChart, 1);
    layout->addWidget(m_serverLoadChart, 1);
    content->setObjectName(QStringLiteral("server"));
    QScrollArea *scroll = ChartView::scrolledPage(content, page);
    auto *pageLayout = new QVBoxLayout(page);
    pageLayout->addWidget(scroll);
    refreshServer({});
    return page;
}

void RunsPanel::refreshServer(const QList<EndpointRun> &runs)
{
    // A row per server: two endpoints on one server share its figures.
    QList<const EndpointRun *> rows;
    QStringList failures;
    QSet<QString> seen;
    for (const EndpointRun &run : runs) {
        if (!run.serverMetrics || seen.contains(run.serverMetrics->url))
            continue;
        seen.insert(run.serverMetrics->url);
        if (run.serverMetrics->scrapes == 0) {
            const QString &error = run.serverMetrics->lastError;
            failures.append(tr("%1: no server metrics (%2)")
                                .arg(run.endpoint.name, error.isEmpty() ? tr("none read yet") : error));
            continue;
        }
        rows.append(&run);
    }

    const auto summary = [](const ServerMetricsRecord &r, const QString &name, bool max, double scale,
                            int decimals) {
        const auto it = r.summary.constFind(name);
        if (it == r.summary.constEnd())
            return QStringLiteral("—");
        return QLocale().toString((max ? it->max : it->mean) * scale, 'f', decimals);
    };
    const auto bucket = [](const std::optional<std::pair<double, double>> &b) {
        if (!b)
            return QStringLiteral("—");
        if (std::isinf(b->second))
            return tr("> %1").arg(FigureFormat::milliseconds(b->first));
        return tr("%1–%2").arg(FigureFormat::milliseconds(b->first), FigureFormat::milliseconds(b->second));
    };
    using Cell = std::function<QString(const EndpointRun &, const ServerMetricsRecord &)>;
    const std::pair<QString, Cell> columns[] = {
        { tr("Endpoint"), [](const EndpointRun &run, const ServerMetricsRecord &) { return run.endpoint.name; } },
        { tr("Running\n(mean)"),
          [&](const EndpointRun &, const ServerMetricsRecord &r) {
              return summary(r, QStringLiteral("running"), false, 1, 1);
          } },
        { tr("Waiting\n(max)"),
          [&](const EndpointRun &, const ServerMetricsRecord &r) {
              return summary(r, QStringLiteral("waiting"), true, 1, 0);
          } },
        { tr("KV cache\n(max %)"),
          [&](const EndpointRun &, const ServerMetricsRecord &r) {
              return summary(r, QStringLiteral("kv_cache_usage"), true, 100, 1);
          } },
        { tr("TTFT p99\nclient (ms)"),
          [](const EndpointRun &run, const ServerMetricsRecord &) {
              return run.summary.ttftMs.isEmpty() ? QStringLiteral("—")
                                                  : FigureFormat::milliseconds(run.summary.ttftMs.p99);
          } },
        { tr("TTFT p99\nserver (ms)"),
          [](const EndpointRun &, const ServerMetricsRecord &r) {
              return r.serverTtft && r.serverTtft->p99Ms ? FigureFormat::milliseconds(*r.serverTtft->p99Ms)
                                                          : QStringLiteral("—");
          } },
        { tr("Its bucket\n(ms)"),
          [&](const EndpointRun &, const ServerMetricsRecord &r) {
              return r.serverTtft ? bucket(r.serverTtft->p99BucketMs) : QStringLiteral("—");
          } },
    };
    m_serverTable->clear();
    m_serverTable->setColumnCount(int(std::size(columns)));
    m_serverTable->setRowCount(int(rows.size()));
    QStringList headers;
    for (const auto &column : columns)
        headers.append(column.first);
    m_serverTable->setHorizontalHeaderLabels(headers);
    for (int r = 0; r < rows.size(); ++r) {
        const EndpointRun &run = *rows.at(r);
        for (int c = 0; c < int(std::size(columns)); ++c) {
            auto *item = new QTableWidgetItem(columns[c].second(run, *run.serverMetrics));
            item->setTextAlignment(c == 0 ? Qt::AlignLeft | Qt::AlignVCenter : Qt::AlignRight | Qt::AlignVCenter);
            if (c == 0)
                item->setToolTip(run.serverMetrics->server + u' ' + run.serverMetrics->url);
            m_serverTable->setItem(r, c, item);
        }
    }
    m_serverTable->setVisible(!rows.isEmpty());
    // As tall as its rows: the charts below need every pixel at 1280×800.
    FigureTable::fit(m_serverTable);

    QStringList notes = failures;
    if (rows.isEmpty() && failures.isEmpty()) {
        notes.append(tr("During a run, TokenScope reads each server's /metrics (vLLM, SGLang, TGI, "
                        "llama.cpp with --metrics, the embedded endpoint) every 250 ms on a connection "
                        "of its own, and draws them under the run's throughput."));
    }
    m_serverNote->setText(notes.join(u'\n'));
    m_serverNote->setVisible(!notes.isEmpty());
    const QString bucketNote = tr("The server estimates its TTFT inside histogram buckets: its true p99 lies "
                                  "anywhere in the bucket shown. Client minus server is network and client time.");
    m_serverTable->setToolTip(bucketNote);

    // The server's chart under the throughput, on the same time axis.
    const QList<SeriesData> throughput = RunChartData::throughput(runs);
    const QList<SeriesData> load = serverSeries(runs, false);
    const QList<SeriesData> kv = serverSeries(runs, true);
    const std::pair<double, double> span = timeSpan({ &throughput, &load, &kv });
    for (TimeSeriesChart *chart : { m_serverThroughputChart, m_serverLoadChart })
        chart->setMinimumXRange(span.first, span.second);
    m_serverThroughputChart->setSeries(throughput);
    m_serverLoadChart->setSecondarySeries(kv, tr("KV %"), 0, 100);
    m_serverLoadChart->setSeries(load);
}

QWidget *RunsPanel::createChartsPage()
{
    auto *page = new QWidget(this);
    m_ttftChart = new CdfChart(page);
    m_ttftChart->setEmptyText(tr("Click Run to measure the checked endpoints."));
    m_ttftChart->setObjectName(QStringLiteral("ttftChart"));
    setupTtftChart(m_ttftChart);
    m_e2eChart = new BoxPlotChart(page);
    m_e2eChart->setEmptyText(tr("Click Run to measure the checked endpoints."));
    m_e2eChart->setObjectName(QStringLiteral("e2eChart"));
    setupE2eChart(m_e2eChart);
    m_itlChart = new HistogramChart(page);
    m_itlChart->setEmptyText(tr("Click Run to measure the checked endpoints."));
    m_itlChart->setObjectName(QStringLiteral("itlChart"));
    setupItlChart(m_itlChart);
    m_throughputChart = new TimeSeriesChart(page);
    m_throughputChart->setEmptyText(tr("Click Run to measure the checked endpoints."));
    m_throughputChart->setObjectName(QStringLiteral("throughputChart"));
    setupThroughputChart(m_throughputChart);

    m_chartToolBar = new QToolBar(page);
    m_chartToolBar->setObjectName(QStringLiteral("chartToolBar"));
    m_chartToolBar->setToolButtonStyle(Qt::ToolButtonTextOnly);
    const std::pair<ChartView *, QString> charts[] = {
        { m_ttftChart, tr("TTFT CDF") },
        { m_e2eChart, tr("E2E box plot") },
        { m_itlChart, tr("ITL histogram") },
        { m_throughputChart, tr("Throughput") },
    };
    for (const auto &[chart, name] : charts) {
        auto *menu = new QMenu(name, page);
        menu->addAction(chart->exportAction());
        menu->addAction(chart->copyAction());
        auto *button = new QToolButton(m_chartToolBar);
        button->setText(name);
        button->setToolTip(tr("Export or copy the %1 chart").arg(name));
        button->setMenu(menu);
        button->setPopupMode(QToolButton::InstantPopup);
        m_chartToolBar->addWidget(button);
    }
    auto *spacer = new QWidget(m_chartToolBar);
    spacer->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Preferred);
    m_chartToolBar->addWidget(spacer);
    m_selectionLabel = new QLabel(m_chartToolBar);
    m_selectionLabel->setObjectName(QStringLiteral("selectionLabel"));
    m_selectionLabel->setTextFormat(Qt::PlainText);
    m_selectionLabel->setWordWrap(true);
    m_chartToolBar->addWidget(m_selectionLabel);
    clearSelectionLabel();

    // The four charts share the page, but never below a legible height (ticks, axis titles and
    // a two-row legend): on a small window the page scrolls instead.
    auto *chartGrid = new ChartGrid({ m_ttftChart, m_e2eChart, m_itlChart, m_throughputChart }, page);
    chartGrid->setObjectName(QStringLiteral("charts"));
    QScrollArea *scroll = ChartView::scrolledPage(chartGrid, page);

    auto *layout = new QVBoxLayout(page);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_chartToolBar);
    layout->addWidget(scroll, 1);
    return page;
}

void RunsPanel::setEndpoints(const QList<EndpointProfile> &endpoints)
{
    m_endpoints = endpoints;
    QStringList names;
    for (const EndpointProfile &e : endpoints)
        names.append(e.name);
    if (names.isEmpty())
        m_endpointsLabel->setText(tr("No endpoints: check one or more in the sidebar"));
    else
        m_endpointsLabel->setText(tr("Endpoints: %1").arg(names.join(QStringLiteral(", "))));
    updateActions();
}

bool RunsPanel::isRunning() const
{
    return m_controller->isRunning();
}

bool RunsPanel::run()
{
    if (isRunning() || m_endpoints.isEmpty())
        return false;
    QString error;
    const std::optional<LoadConfig> config = m_config->config(m_endpoints.constFirst(), &error);
    if (!config) {
        m_progressLabel->setText(tr("Cannot start: %1").arg(error));
        return false;
    }
    m_flushTimer->stop();
    m_pending.clear();
    m_selected = {};
    m_runEndpoints.clear();
    m_seriesIds.clear();
    const QFontMetrics fm = m_requestView->fontMetrics();
    int nameWidth = fm.horizontalAdvance(
        m_requestModel->headerData(RequestTableModel::EndpointColumn, Qt::Horizontal).toString());
    for (const EndpointProfile &e : std::as_const(m_endpoints)) {
        m_runEndpoints.insert(e.id, e);
        m_seriesIds.append(e.id);
        nameWidth = std::max(nameWidth, fm.horizontalAdvance(e.name));
    }
    // Room for the colour swatch, its gap and the cell's margins besides the longest name.
    m_requestView->setColumnWidth(
        RequestTableModel::EndpointColumn,
        std::min(nameWidth + m_requestView->iconSize().width() + fm.height() + 16, 280));
    m_requestModel->clear();
    m_endpointModel->clear();
    m_breakdown->setRuns({});
    m_stored.reset();
    clearSelectionLabel(); // the old run's request is gone
    m_controller->start(m_endpoints, *config);
    startRecording();
    refreshResults();
    updateActions();
    Q_EMIT runStarted();
    return true;
}

QList<EndpointRun> RunsPanel::currentRuns() const
{
    return m_stored ? *m_stored : m_controller->results();
}

void RunsPanel::setHistory(HistoryStore *history)
{
    m_history = history;
}

void RunsPanel::startRecording()
{
    qDeleteAll(m_recorders);
    m_recorders.clear();
    if (!m_history || !m_history->isOpen())
        return;
    // One history run per endpoint, like the CLI's: each reopens on its own.
    for (const EndpointRun &run : m_controller->results()) {
        auto *recorder = new HistoryRecorder(m_history, this);
        connect(recorder, &HistoryRecorder::writeFailed, this, [this](const QString &message) {
            m_progressLabel->setText(tr("Not saved to the history: %1").arg(message));
        });
        connect(recorder, &HistoryRecorder::runStored, this, &RunsPanel::runStored);
        if (recorder->begin(run.config, QStringLiteral("gui")))
            m_recorders.insert(run.endpoint.id, recorder);
        else
            delete recorder;
    }
}

void RunsPanel::showStoredRuns(const QList<EndpointRun> &runs)
{
    if (isRunning())
        return;
    m_flushTimer->stop();
    m_pending.clear();
    m_selected = {};
    m_runEndpoints.clear();
    m_seriesIds.clear();
    m_requestModel->clear();
    clearSelectionLabel();
    m_stored = runs;
    for (const EndpointRun &run : runs) {
        m_runEndpoints.insert(run.endpoint.id, run.endpoint);
        m_seriesIds.append(run.endpoint.id);
        m_requestModel->appendRecords(run.endpoint, run.records);
    }
    refreshResults();
    updateActions();
    m_progressLabel->setText(tr("Showing a stored run from the history."));
}

void RunsPanel::cancel()
{
    if (!isRunning())
        return;
    m_controller->cancel();
    m_progressLabel->setText(tr("Cancelling…"));
}

void RunsPanel::onRequestFinished(const QString &endpointId, const RequestRecord &record)
{
    if (HistoryRecorder *recorder = m_recorders.value(endpointId))
        recorder->append(record); // in the history as soon as it ends

    m_pending.append({ endpointId, record });
    if (!m_flushTimer->isActive())
        m_flushTimer->start();
}

void RunsPanel::flushPending()
{
    m_flushTimer->stop();
    // One insertion per run of consecutive rows of the same endpoint.
    qsizetype i = 0;
    while (i < m_pending.size()) {
        const QString id = m_pending.at(i).first;
        QList<RequestRecord> batch;
        for (; i < m_pending.size() && m_pending.at(i).first == id; ++i)
            batch.append(m_pending.at(i).second);
        m_requestModel->appendRecords(m_runEndpoints.value(id), batch);
    }
    m_pending.clear();
}

void RunsPanel::refreshResults()
{
    const QList<EndpointRun> runs = currentRuns();
    m_endpointModel->setRuns(runs);
    m_ttftChart->setSeries(RunChartData::ttft(runs));
    m_e2eChart->setSeries(RunChartData::e2e(runs));
    m_itlChart->setSeries(RunChartData::itl(runs));
    m_throughputChart->setSeries(RunChartData::throughput(runs));
    refreshServer(runs);
    m_workloadPage->setRuns(runs);
    refreshClientOverhead(runs);
    QList<std::pair<EndpointProfile, RunSummary>> summaries;
    for (const EndpointRun &run : runs)
        summaries.append({ run.endpoint, run.summary });
    m_breakdown->setRuns(summaries);
    applyHighlight();
}

void RunsPanel::onProgress(int done, int failed, int total, double elapsedS, double remainingS)
{
    m_progressBar->setRange(0, std::max(1, total));
    m_progressBar->setValue(std::min(done, std::max(1, total)));
    QString text
        = tr("%1/%2 done · %3 failed · %4 s elapsed").arg(done).arg(total).arg(failed).arg(seconds(elapsedS));
    if (isRunning()) {
        if (remainingS >= 0)
            text = tr("%1 · ~%2 s left").arg(text, QLocale().toString(qRound(remainingS)));
    } else {
        text = m_controller->wasCancelled() ? tr("%1 · cancelled").arg(text) : tr("%1 · finished").arg(text);
    }
    m_progressLabel->setText(text);
}

void RunsPanel::onFinished()
{
    // The server's /metrics and the client's overhead go with each endpoint's stored run,
    // before it is closed.
    const QList<EndpointRun> runs = m_controller->results();
    for (const EndpointRun &run : runs) {
        HistoryRecorder *recorder = m_recorders.value(run.endpoint.id);
        if (!recorder)
            continue;
        if (run.serverMetrics)
            recorder->setServerMetrics(*run.serverMetrics);
        if (run.summary.client)
            recorder->setClientOverhead(*run.summary.client);
    }
    for (HistoryRecorder *recorder : std::as_const(m_recorders))
        recorder->finish(m_controller->wasCancelled());
    flushPending();
    refreshResults();
    updateActions();
    Q_EMIT runFinished();
}

void RunsPanel::updateActions()
{
    const bool running = isRunning();
    const bool hasResults = m_requestModel->rowCount() > 0 || !m_pending.isEmpty();
    // Disabling the widget that has focus would leave none in the panel, and the panel's
    // shortcuts (Esc, Ctrl+R) would then do nothing: hand focus on first.
    const QWidget *focus = QApplication::focusWidget();
    m_runButton->setEnabled(!running && !m_endpoints.isEmpty());
    m_runAction->setEnabled(!running && !m_endpoints.isEmpty());
    m_cancelButton->setEnabled(running);
    m_cancelAction->setEnabled(running);
    if (running && (focus == m_runButton || (focus && m_config->isAncestorOf(focus))))
        m_cancelButton->setFocus(Qt::OtherFocusReason);
    else if (!running && focus == m_cancelButton)
        m_runButton->setFocus(Qt::OtherFocusReason);
    m_exportCsvButton->setEnabled(!running && hasResults);
    m_exportJsonButton->setEnabled(!running && hasResults);
    m_exportReportButton->setEnabled(!running && hasResults);
    m_config->setEnabled(!running);
}

void RunsPanel::onCurrentRowChanged(const QModelIndex &current)
{
    const QModelIndex source = m_requestProxy->mapToSource(current);
    if (!source.isValid())
        return;
    const RequestKey key = m_requestModel->keyAt(source.row());
    const RequestRecord &record = m_requestModel->recordAt(source.row());
    m_selected = key;
    applyHighlight();
    const RequestMetrics &m = record.metrics;
    const QString name = m_runEndpoints.value(key.endpointId).name;
    if (m.ttftMs)
        m_selectionLabel->setText(
            tr("%1 #%2: TTFT %3 ms, E2E %4 ms")
                .arg(name)
                .arg(key.index)
                .arg(QLocale().toString(*m.ttftMs, 'f', 1), QLocale().toString(m.e2eMs, 'f', 1)));
    else
        m_selectionLabel->setText(tr("%1 #%2: no token").arg(name).arg(key.index));
    m_breakdown->showRequest(record);
    Q_EMIT requestSelected(record);
}

void RunsPanel::clearSelectionLabel()
{
    m_selectionLabel->setText(tr("Click a point of the TTFT chart to select its request"));
}

void RunsPanel::fitSummaryColumns(bool growOnly)
{
    const QFontMetrics fm = m_endpointView->fontMetrics();
    const int padding = 2 * m_endpointView->style()->pixelMetric(QStyle::PM_HeaderMargin) + 4;
    const int arrow = fm.height() / 2 + 4; // the sort indicator, in the sorted column only
    const int sorted = m_endpointView->horizontalHeader()->sortIndicatorSection();
    const QAbstractItemModel *model = m_endpointView->model();
    for (int c = 0; c < EndpointResultsModel::ColumnCount; ++c) {
        if (m_endpointView->isColumnHidden(c))
            continue;
        int width = 0;
        const QStringList lines = model->headerData(c, Qt::Horizontal).toString().split(u'\n');
        for (const QString &line : lines)
            width = std::max(width, fm.horizontalAdvance(line) + padding + (c == sorted ? arrow : 0));
        for (int row = 0; row < model->rowCount(); ++row) {
            const QModelIndex index = model->index(row, c);
            int cell = fm.horizontalAdvance(index.data().toString()) + 12;
            if (index.data(Qt::DecorationRole).isValid())
                cell += m_endpointView->iconSize().width() + 6;
            width = std::max(width, cell);
        }
        // Long names and failure lists elide in the middle; the tooltip has them whole.
        if (c == EndpointResultsModel::NameColumn || c == EndpointResultsModel::FailuresColumn)
            width = std::min(width, fm.averageCharWidth() * 18);
        m_endpointView->setColumnWidth(c, growOnly ? std::max(width, m_endpointView->columnWidth(c)) : width);
    }
}

void RunsPanel::fitSummaryTable()
{
    if (!m_resultSplitter)
        return;
    // Every endpoint's row in view (up to eight), and room for a horizontal scroll bar should
    // the user show more columns than fit: it must never hide a row.
    const int rows = std::clamp(m_endpointModel->rowCount(), 3, 8);
    const int height = m_endpointView->horizontalHeader()->sizeHint().height()
        + rows * m_endpointView->verticalHeader()->defaultSectionSize() + 2 * m_endpointView->frameWidth()
        + m_endpointView->style()->pixelMetric(QStyle::PM_ScrollBarExtent, nullptr, m_endpointView);
    m_endpointView->setMinimumHeight(height);
    QList<int> sizes = m_resultSplitter->sizes();
    if (sizes.size() == 2 && sizes.at(0) < height) {
        const int total = sizes.at(0) + sizes.at(1);
        m_resultSplitter->setSizes({ height, total > height ? total - height : 700 });
    }
}

void RunsPanel::selectRequest(const RequestKey &key)
{
    flushPending();
    const int row = m_requestModel->rowOf(key);
    if (row < 0)
        return;
    const QModelIndex index = m_requestProxy->mapFromSource(m_requestModel->index(row, 0));
    m_requestView->selectionModel()->setCurrentIndex(
        index, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    m_requestView->scrollTo(index);
}

void RunsPanel::onPointClicked(int seriesIndex, int id)
{
    if (seriesIndex < 0 || seriesIndex >= m_seriesIds.size())
        return;
    selectRequest(RequestKey { m_seriesIds.at(seriesIndex), id });
}

void RunsPanel::applyHighlight()
{
    // An unknown series or id (a failed request has no TTFT) clears the mark.
    const int series = m_selected.isValid() ? int(m_seriesIds.indexOf(m_selected.endpointId)) : -1;
    m_ttftChart->highlight(series, m_selected.index);
}

QByteArray RunsPanel::csv() const
{
    QList<RequestRecord> all;
    const QList<EndpointRun> runs = currentRuns();
    for (const EndpointRun &run : runs)
        all.append(run.records);
    return RunExport::runCsv(all);
}

QJsonDocument RunsPanel::json() const
{
    QList<RunDocument> documents;
    const QList<EndpointRun> runs = currentRuns();
    for (const EndpointRun &run : runs)
        documents.append({ {}, RunSettings::fromConfig(run.config), run.records, run.summary, std::nullopt });
    return RunExport::runsJson(documents);
}

bool RunsPanel::exportCsv(const QString &path, QString *error) const
{
    return RunExport::writeFile(path, csv(), error);
}

bool RunsPanel::exportJson(const QString &path, QString *error) const
{
    return RunExport::writeFile(path, json().toJson(QJsonDocument::Indented), error);
}

void RunsPanel::exportInteractively(bool asJson)
{
    const QString path
        = QFileDialog::getSaveFileName(this, asJson ? tr("Export Run as JSON") : tr("Export Run as CSV"),
                                       asJson ? QStringLiteral("run.json") : QStringLiteral("run.csv"),
                                       asJson ? tr("JSON files (*.json)") : tr("CSV files (*.csv)"));
    if (path.isEmpty())
        return;
    QString error;
    const bool ok = asJson ? exportJson(path, &error) : exportCsv(path, &error);
    if (!ok)
        QMessageBox::warning(this, tr("Export Failed"), error);
}

bool RunsPanel::exportReport(const QString &basePath, QString *error)
{
    const QList<EndpointRun> runs = currentRuns();
    if (runs.isEmpty()) {
        if (error)
            *error = tr("There are no results to report yet.");
        return false;
    }
    QString base = basePath;
    for (const QLatin1String suffix : { QLatin1String(".html"), QLatin1String(".pdf") }) {
        if (base.endsWith(suffix, Qt::CaseInsensitive))
            base.chop(suffix.size());
    }
    if (base.isEmpty()) {
        if (error)
            *error = tr("No file name was given.");
        return false;
    }
    const ReportCharts charts(runs);
    return RunReport::writeHtml(base + u".html", runs, charts.charts(), error)
        && RunReport::writePdf(base + u".pdf", runs, charts.charts(), error);
}

void RunsPanel::exportReportInteractively()
{
    QString base = QFileDialog::getSaveFileName(this, tr("Export Report"), QStringLiteral("run-report"),
                                                tr("Report as HTML and PDF (*.html *.pdf)"));
    if (base.isEmpty())
        return;
    for (const QLatin1String suffix : { QLatin1String(".html"), QLatin1String(".pdf") }) {
        if (base.endsWith(suffix, Qt::CaseInsensitive))
            base.chop(suffix.size());
    }
    QString error;
    QApplication::setOverrideCursor(Qt::WaitCursor);
    const bool ok = exportReport(base, &error);
    QApplication::restoreOverrideCursor();
    if (!ok) {
        QMessageBox::warning(this, tr("Export Failed"), error);
        return;
    }
    m_progressLabel->setText(tr("Report saved as %1.html and %1.pdf").arg(QDir::toNativeSeparators(base)));
}
