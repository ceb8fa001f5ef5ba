#include "impactpanel.h"

#include "charts/barchart.h"
#include "charts/palette.h"
#include "format/impactexport.h"
#include "format/runexport.h"
#include "impact/impactranking.h"
#include "report/reportwriter.h"

#include <QApplication>
#include <QCheckBox>
#include <QClipboard>
#include <QComboBox>
#include <QDateTime>
#include <QDialog>
#include <QDialogButtonBox>
#include <QFileDialog>
#include <QFormLayout>
#include <QGridLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonDocument>
#include <QLabel>
#include <QLocale>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QScrollArea>
#include <QSpinBox>
#include <QSplitter>
#include <QTableWidget>
#include <QVBoxLayout>

namespace {

enum Column {
    TechniqueColumn,
    ClaimColumn,
    CostClaimColumn,
    DifficultyColumn,
    PriorityColumn,
    ChangeColumn,
    CostColumn,
    FiguresColumn,
    ReadingColumn,
    DetailsColumn, ///< in the report; a tooltip on the panel's row, to leave the table its width
    ColumnCount
};

constexpr int TableColumns = DetailsColumn;

const QList<Technique> AllTechniques = ImpactTable::rowOrder();

QSpinBox *spin(QWidget *parent, const char *name, int min, int max, int value)
{
    auto *box = new QSpinBox(parent);
    box->setObjectName(QString::fromLatin1(name));
    box->setRange(min, max);
    box->setValue(value);
    return box;
}

} // namespace

ImpactPanel::ImpactPanel(StreamingClient *client, QWidget *parent)
    : QWidget(parent)
    , m_client(client)
    , m_runner(new ImpactRunner(client, this))
{
    auto *settings = new QGroupBox(tr("Experiment"), this);
    m_endpointLabel = new QLabel(settings);
    m_endpointLabel->setObjectName(QStringLiteral("endpoint"));
    m_endpointLabel->setTextFormat(Qt::PlainText);
    m_endpointLabel->setWordWrap(true);
    m_variant = new QComboBox(settings);
    m_variant->setObjectName(QStringLiteral("variant"));
    m_variant->setToolTip(tr("A second checked endpoint serving the same model (e.g. a quantized build)."));
    auto *techniqueRow = new QWidget(settings);
    // Three to a row: five in one row made the panel wider than a 1280-pixel screen leaves it.
    // The tooltip says what a technique's row measures where the name alone does not.
    auto *techniqueLayout = new QGridLayout(techniqueRow);
    techniqueLayout->setContentsMargins(0, 0, 0, 0);
    for (Technique t : AllTechniques) {
        auto *box = new QCheckBox(ImpactRunner::name(t), techniqueRow);
        box->setObjectName(QStringLiteral("technique-") + ImpactRunner::key(t));
        box->setChecked(true);
        if (t == Technique::PromptCache)
            box->setToolTip(tr("Time to first token of prompts sharing a long prefix, sent after one warm "
                               "request, against the same prompts with distinct prefixes; and the prompt tokens "
                               "the server reports as cached. The typical table has no row for it."));
        const int i = int(m_techniques.size());
        techniqueLayout->addWidget(box, i / 3, i % 3);
        m_techniques.append(box);
    }
    techniqueLayout->setColumnStretch(3, 1);
    m_repetitions = spin(settings, "repetitions", 1, 1000, 5);
    m_repetitions->setToolTip(
        tr("Streaming pairs, prompt-cache pairs, requests per arm of the compression A/B, variant rounds."));
    m_maxTokens = spin(settings, "maxTokens", 1, 100'000, 64);
    m_batchRequests = spin(settings, "batchRequests", 2, 100'000, 16);
    m_concurrency = spin(settings, "concurrency", 2, 10'000, 8);
    m_cacheQueries = spin(settings, "cacheQueries", 0, 1'000'000, 40);
    m_cacheQueries->setSpecialValueText(tr("all"));
    m_cacheQueries->setToolTip(tr("Queries of the built-in bilingual trace replayed through the cache."));
    m_preset = new QComboBox(settings);
    m_preset->setObjectName(QStringLiteral("preset"));
    m_preset->addItem(tr("Chinese rules"), QStringLiteral("zh"));
    m_preset->addItem(tr("English rules"), QStringLiteral("en"));

    auto *left = new QFormLayout;
    left->addRow(tr("Endpoint:"), m_endpointLabel);
    left->addRow(tr("Variant:"), m_variant);
    left->addRow(tr("Techniques:"), techniqueRow);
    auto *right = new QFormLayout;
    right->addRow(tr("Repetitions:"), m_repetitions);
    right->addRow(tr("Max tokens:"), m_maxTokens);
    right->addRow(tr("Batching requests:"), m_batchRequests);
    right->addRow(tr("Concurrency:"), m_concurrency);
    right->addRow(tr("Cache queries:"), m_cacheQueries);
    right->addRow(tr("Compression:"), m_preset);
    auto *settingsLayout = new QHBoxLayout(settings);
    settingsLayout->addLayout(left, 2);
    settingsLayout->addLayout(right, 1);

    m_run = new QPushButton(tr("Run Experiments"), this);
    m_run->setObjectName(QStringLiteral("runImpact"));
    m_cancel = new QPushButton(tr("Cancel"), this);
    m_exportReport = new QPushButton(tr("Export Report…"), this);
    m_exportJson = new QPushButton(tr("Export JSON…"), this);
    m_status = new QLabel(this);
    m_status->setObjectName(QStringLiteral("status"));
    m_status->setTextFormat(Qt::PlainText);
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_run);
    buttons->addWidget(m_cancel);
    buttons->addWidget(m_status, 1);
    buttons->addWidget(m_exportReport);
    buttons->addWidget(m_exportJson);

    m_table = new QTableWidget(0, TableColumns, this);
    m_table->setObjectName(QStringLiteral("impactTable"));
    m_table->setHorizontalHeaderLabels(tableHeaders().mid(0, TableColumns));
    m_table->horizontalHeaderItem(ClaimColumn)
        ->setToolTip(tr("The commonly quoted change: time to first token, latency, throughput or speed. "
                        "“No typical claim” where the typical table has no row for the technique."));
    m_table->horizontalHeaderItem(CostColumn)
        ->setToolTip(tr("Per request: usage tokens at the endpoint's prices, or tokens when it has no price. "
                        "Prompt caching prices the cached prompt tokens at the endpoint's cached-input price, "
                        "or at its input price when it sets none."));
    m_table->horizontalHeaderItem(ReadingColumn)
        ->setToolTip(tr("An interval that contains 0 is no measurable change, whatever its middle."));
    m_table->verticalHeader()->hide();
    // Rows grow with the wrapped text whenever a column's width changes.
    m_table->verticalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setWordWrap(true);
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    // The two long texts wrap in columns wide enough for a few words each (the last one takes
    // what is left); where the window is too narrow for every column, the table scrolls
    // sideways rather than squeezing them to a word per line.
    const int textWidth = 16 * m_table->fontMetrics().averageCharWidth() + 12;
    for (const int column : { int(FiguresColumn), int(ReadingColumn) }) {
        m_table->horizontalHeader()->setSectionResizeMode(column, QHeaderView::Interactive);
        m_table->horizontalHeader()->resizeSection(column, textWidth);
    }
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->setToolTip(tr("Double-click a row for its settings and the command that reruns it."));

    m_chart = new BarChart(this);

    m_chart->setEmptyText(tr("Click “Run Experiments” to measure what each technique gains on this endpoint."));
    m_chart->setObjectName(QStringLiteral("impactChart"));
    m_chart->setMinimumHeight(ChartView::LegibleHeight);
    m_chart->setTitle(tr("Measured gain beside the typical claim (higher is better)"));
    // Latency and cost cuts count as gains, like throughput and speed rises: one direction.
    m_chart->setAxisTitles(QString(), tr("Gain (%)"));

    auto *orderBox = new QGroupBox(tr("Recommended order for this endpoint"), this);
    m_order = new QLabel(orderBox);
    m_order->setObjectName(QStringLiteral("recommendedOrder"));
    m_order->setTextFormat(Qt::PlainText);
    m_order->setWordWrap(true);
    m_order->setAlignment(Qt::AlignLeft | Qt::AlignTop);
    m_order->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto *orderScroll = new QScrollArea(orderBox);
    orderScroll->setWidget(m_order);
    orderScroll->setWidgetResizable(true);
    orderScroll->setFrameShape(QFrame::NoFrame);
    auto *orderLayout = new QVBoxLayout(orderBox);
    orderLayout->addWidget(orderScroll);

    // The chart keeps the whole width, so that its category names stay whole.
    auto *split = new QSplitter(Qt::Vertical, this);
    split->addWidget(m_table);
    split->addWidget(orderBox);
    split->addWidget(m_chart);
    split->setStretchFactor(0, 1);
    split->setStretchFactor(1, 0);
    split->setStretchFactor(2, 1);
    split->setSizes({ 280, 90, 350 }); // the chart keeps its room before the first run too

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(settings);
    layout->addLayout(buttons);
    layout->addWidget(split, 1);

    connect(m_run, &QPushButton::clicked, this, &ImpactPanel::start);
    connect(m_cancel, &QPushButton::clicked, this, &ImpactPanel::cancel);
    connect(m_runner, &ImpactRunner::progress, m_status, &QLabel::setText);
    connect(m_runner, &ImpactRunner::rowFinished, this, &ImpactPanel::showRow);
    connect(m_table, &QTableWidget::cellDoubleClicked, this, [this](int row, int) { showRowDetails(row); });
    connect(m_exportJson, &QPushButton::clicked, this, [this] {
        const QString path = QFileDialog::getSaveFileName(this, tr("Export Impact Table as JSON"),
                                                          QStringLiteral("impact.json"), tr("JSON files (*.json)"));
        QString error;
        if (!path.isEmpty() && !exportJson(path, &error))
            QMessageBox::warning(this, tr("Export Failed"), error);
    });
    connect(m_exportReport, &QPushButton::clicked, this, [this] {
        const QString path = QFileDialog::getSaveFileName(this, tr("Export Impact Report"),
                                                          QStringLiteral("impact-report.html"),
                                                          tr("Report (HTML and PDF) (*.html)"));
        QString error;
        if (path.isEmpty())
            return;
        if (!exportReport(path, &error))
            QMessageBox::warning(this, tr("Export Failed"), error);
        else
            m_status->setText(tr("Report written: %1.html and .pdf").arg(QString(path).remove(QStringLiteral(".html"))));
    });
    setEndpoints({});
}

ImpactPanel::~ImpactPanel() = default;

void ImpactPanel::setEndpoints(const QList<EndpointProfile> &endpoints)
{
    m_endpoints = endpoints;
    m_endpointLabel->setText(endpoints.isEmpty() ? tr("No endpoint: check one in the sidebar.")
                                                 : endpoints.constFirst().name);
    const QString previous = m_variant->currentData().toString();
    m_variant->clear();
    m_variant->addItem(tr("none"), QString());
    for (qsizetype i = 1; i < endpoints.size(); ++i)
        m_variant->addItem(endpoints.at(i).name, endpoints.at(i).id);
    // Keep the variant the user picked while it is still checked; else the second endpoint.
    const int keep = previous.isEmpty() ? -1 : m_variant->findData(previous);
    m_variant->setCurrentIndex(keep >= 0 ? keep : (endpoints.size() > 1 ? 1 : 0));
    updateActions();
}

bool ImpactPanel::isRunning() const
{
    return m_runner->isRunning();
}

void ImpactPanel::updateActions()
{
    const bool running = isRunning();
    m_run->setEnabled(!running && !m_endpoints.isEmpty());
    m_cancel->setEnabled(running);
    bool any = false;
    for (const ImpactRow &r : m_rows)
        any = any || r.ok();
    m_exportReport->setEnabled(!running && any);
    m_exportJson->setEnabled(!running && !m_rows.isEmpty());
}

std::optional<ImpactConfig> ImpactPanel::config(QString *error) const
{
    if (m_endpoints.isEmpty()) {
        *error = tr("Check an endpoint in the sidebar first.");
        return std::nullopt;
    }
    ImpactConfig c;
    c.endpoint = m_endpoints.constFirst();
    const QString variantId = m_variant->currentData().toString();
    for (const EndpointProfile &e : m_endpoints) {
        if (!variantId.isEmpty() && e.id == variantId && e.id != c.endpoint.id)
            c.variant = e;
    }
    c.techniques.clear();
    for (int i = 0; i < AllTechniques.size(); ++i) {
        if (m_techniques.at(i)->isChecked())
            c.techniques.append(AllTechniques.at(i));
    }
    if (c.techniques.isEmpty()) {
        *error = tr("Choose at least one technique.");
        return std::nullopt;
    }
    c.repetitions = m_repetitions->value();
    c.maxTokens = m_maxTokens->value();
    c.batchRequests = m_batchRequests->value();
    c.concurrency = m_concurrency->value();
    c.cacheQueries = m_cacheQueries->value();
    c.compressionPreset = m_preset->currentData().toString();
    return c;
}

void ImpactPanel::start()
{
    if (isRunning())
        return;
    QString error;
    const auto c = config(&error);
    if (!c) {
        m_status->setText(error);
        return;
    }
    QCoro::connect(doRun(*c), this, [] {});
}

QCoro::Task<> ImpactPanel::doRun(ImpactConfig config)
{
    QPointer<ImpactPanel> self(this);
    m_lastConfig = config;
    m_rows.clear();
    m_table->setRowCount(0);
    refreshChart();
    refreshOrder();
    auto task = m_runner->run(config);
    updateActions();
    const QList<ImpactRow> rows = co_await task;
    if (!self)
        co_return;
    m_rows = rows;
    refreshChart();
    refreshOrder();
    updateActions();
    int ok = 0;
    for (const ImpactRow &r : rows)
        ok += r.ok() ? 1 : 0;
    m_status->setText(tr("Done: %n experiment(s) measured.", nullptr, ok));
    Q_EMIT finished();
}

void ImpactPanel::cancel()
{
    m_runner->cancel();
    m_status->setText(tr("Cancelling…"));
}

void ImpactPanel::showRow(const ImpactRow &row)
{
    const int r = m_table->rowCount();
    m_table->insertRow(r);
    const QStringList cells = rowCells(row);
    // The second figures of the row (hit rate, answer drift …) where the pointer rests on it.
    const QString details = cells.at(DetailsColumn);
    for (int c = 0; c < TableColumns; ++c) {
        auto *item = new QTableWidgetItem(cells.at(c));
        if (!details.isEmpty())
            item->setToolTip(details + u"\n\n" + m_table->toolTip());
        if (!row.error.isEmpty() && (c == ChangeColumn || c == ReadingColumn))
            item->setForeground(QColor(0xD55E00));
        m_table->setItem(r, c, item);
    }
    m_table->item(r, PriorityColumn)
        ->setToolTip(row.claim.listed() ? tr("Typical priority: %n star(s) of 3", nullptr, row.claim.stars)
                                        : tr("The typical table has no row for this technique."));
    m_rows.append(row);
    refreshChart();
    refreshOrder();
}

QStringList ImpactPanel::tableHeaders()
{
    return { tr("Technique"),
             tr("Typical claim"),
             tr("Typical claim: cost"),
             tr("Difficulty"),
             tr("Priority"),
             tr("Measured change [95%]"),
             tr("Measured cost [95%]"),
             tr("Without → with"),
             tr("Reading"),
             tr("Details") };
}

QStringList ImpactPanel::rowCells(const ImpactRow &row)
{
    return { row.name,
             ImpactTable::claim(row.claim.latency),
             ImpactTable::claim(row.claim.cost),
             ImpactTable::difficulty(row.claim),
             ImpactTable::priority(row.claim),
             row.ok() ? ImpactTable::change(row.change) : !row.error.isEmpty() ? tr("failed") : QString(QChar(0x2013)),
             // The server's memory is out of a client's sight whether the row ran or not.
             row.ok() || row.cost.basis == CostBasis::NotMeasurable ? ImpactTable::cost(row.cost) : QString(),
             ImpactTable::figures(row),
             // Why a row has no measurement stands where its reading would.
             row.ok() ? ImpactTable::readings(row) : !row.error.isEmpty() ? row.error : row.verdict,
             ImpactTable::details(row) };
}

QString ImpactPanel::orderText(bool full) const
{
    bool any = false;
    for (const ImpactRow &r : m_rows)
        any = any || r.ok();
    if (!any)
        return tr("Run the experiments to rank the techniques by what they gain on this endpoint.");
    const ImpactRanking ranking = ImpactRanking::rank(m_rows);
    QStringList items;
    for (qsizetype i = 0; i < ranking.order.size(); ++i) {
        const RankedTechnique &entry = ranking.order.at(i);
        items.append(QStringLiteral("%1. ").arg(i + 1)
                     + (full ? ImpactRanking::line(entry)
                             : tr("%1: %2").arg(entry.name, ImpactTable::change(entry.change))));
    }
    // One entry a line in the tooltip; side by side under the table, so that the chart keeps its room.
    return items.join(full ? QStringLiteral("\n") : QStringLiteral("    ")) + u'\n' + ranking.summary();
}

void ImpactPanel::refreshOrder()
{
    m_order->setText(orderText(false));
    m_order->setToolTip(orderText(true));
}

void ImpactPanel::refreshChart()
{
    QStringList categories;
    QList<double> claimed;
    QList<double> measured;
    for (const ImpactRow &row : m_rows) {
        if (!row.ok())
            continue;
        categories.append(row.name);
        // A technique the typical table states no figure for gets no claim bar (0, drawn as
        // nothing and labelled with nothing); its table row says "no typical claim".
        claimed.append(ImpactTable::claimedGain(row.claim.latency) * 100);
        measured.append(ImpactTable::gain(row.change.value, row.claim.latency.quantity) * 100);
    }
    m_chart->setData(categories, { { tr("Typical claim"), Palette::series(6), claimed },
                                   { tr("Measured"), Palette::series(0), measured } });
    m_chart->setValueLabelsVisible(true, 3);
}

QString ImpactPanel::rowDetails(int row) const
{
    if (row < 0 || row >= m_rows.size())
        return {};
    const ImpactRow &r = m_rows.at(row);
    return tr("Rerun from the command line:\n%1\n\nSettings:\n%2")
        .arg(r.command,
             QString::fromUtf8(
                 QJsonDocument(ImpactExport::configJson(r.settings)).toJson(QJsonDocument::Indented)));
}

void ImpactPanel::showRowDetails(int row)
{
    if (row < 0 || row >= m_rows.size())
        return;
    QDialog dialog(this);
    dialog.setWindowTitle(tr("%1: settings").arg(m_rows.at(row).name));
    auto *text = new QPlainTextEdit(rowDetails(row), &dialog);
    text->setReadOnly(true);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, &dialog);
    QPushButton *copy = buttons->addButton(tr("Copy Command"), QDialogButtonBox::ActionRole);
    connect(copy, &QPushButton::clicked, &dialog,
            [this, row] { QApplication::clipboard()->setText(m_rows.at(row).command); });
    connect(buttons, &QDialogButtonBox::rejected, &dialog, &QDialog::reject);
    auto *layout = new QVBoxLayout(&dialog);
    layout->addWidget(text);
    layout->addWidget(buttons);
    dialog.resize(640, 480);
    dialog.exec();
}

bool ImpactPanel::exportJson(const QString &path, QString *error) const
{
    const QJsonObject root = ImpactExport::documentJson({ {}, m_lastConfig, m_rows });
    return RunExport::writeFile(path, QJsonDocument(root).toJson(QJsonDocument::Indented), error);
}

QString ImpactPanel::reportBody() const
{
    const auto esc = &ReportWriter::escape;
    QString body = u"<h1>" + esc(tr("TokenScope optimisation impact")) + u"</h1><p class=\"meta\">"
        + esc(tr("Created with TokenScope %1 on %2")
                  .arg(QStringLiteral(TOKENSCOPE_VERSION), QLocale().toString(QDateTime::currentDateTime(),
                                                                               QLocale::LongFormat)))
        + u"<br>" + esc(tr("Endpoint: %1 (%2, model %3)")
                            .arg(m_lastConfig.endpoint.name,
                                 m_lastConfig.endpoint.baseUrl.toString(QUrl::RemoveUserInfo | QUrl::RemoveQuery),
                                 m_lastConfig.endpoint.model))
        + u"</p>";
    const auto table = [&esc](const QStringList &headers, const QList<QStringList> &rows) -> QString {
        QString html = QStringLiteral("<table class=\"grid\" cellspacing=\"0\" cellpadding=\"4\"><thead><tr>");
        for (const QString &h : headers)
            html += u"<th>" + esc(h) + u"</th>";
        html += QStringLiteral("</tr></thead><tbody>");
        for (const QStringList &cells : rows) {
            html += QStringLiteral("<tr>");
            for (const QString &c : cells)
                html += u"<td>" + esc(c) + u"</td>";
            html += QStringLiteral("</tr>");
        }
        return html + QStringLiteral("</tbody></table>");
    };
    // The table's columns in two tables, so that each fits the width of an A4 page.
    const QStringList headers = tableHeaders();
    QList<QStringList> effects, measurements;
    for (const ImpactRow &row : m_rows) {
        const QStringList cells = rowCells(row);
        effects.append(cells.mid(0, FiguresColumn) << cells.at(ReadingColumn));
        if (row.ok())
            measurements.append({ cells.at(TechniqueColumn), cells.at(FiguresColumn), cells.at(DetailsColumn) });
    }
    body += u"<h2>" + esc(tr("Measured effects")) + u"</h2><p class=\"note\">"
        + esc(tr("Each change is (with − without) / without of the means, with a 95% bootstrap interval; an "
                 "interval that contains 0 is no measurable change. The typical claims are the figures commonly "
                 "quoted for each technique; provider prompt caching has none. Cost is per request: usage tokens "
                 "at the endpoint's prices (cached prompt tokens at its cached-input price, if it sets one), or "
                 "tokens when it has no price."))
        + u"</p>" + table(headers.mid(0, FiguresColumn) << headers.at(ReadingColumn), effects);
    body += u"<h2>" + esc(tr("Recommended order for this endpoint")) + u"</h2><p class=\"note\">"
        + esc(tr("Ranked by the lower end of each measured gain's interval, so that an uncertain gain ranks "
                 "below a sure one; techniques with no measurable change come last."))
        + u"</p>";
    const ImpactRanking ranking = ImpactRanking::rank(m_rows);
    body += QStringLiteral("<ol>");
    for (const RankedTechnique &entry : ranking.order)
        body += u"<li>" + esc(ImpactRanking::line(entry)) + u"</li>";
    body += u"</ol><p>" + esc(ranking.summary()) + u"</p>";
    body += u"<h2>" + esc(tr("Measurements")) + u"</h2>"
        + table({ headers.at(TechniqueColumn), headers.at(FiguresColumn), headers.at(DetailsColumn) }, measurements);
    body += u"<h2>" + esc(tr("Settings")) + u"</h2><p class=\"note\">"
        + esc(tr("Every row can be rerun with the command beside it.")) + u"</p><table class=\"grid\" "
          u"cellspacing=\"0\" cellpadding=\"4\"><tbody>";
    for (const ImpactRow &row : m_rows) {
        if (row.skipped)
            continue;
        body += u"<tr><th class=\"rowhead\">" + esc(row.name) + u"</th><td><code>" + esc(row.command)
            + u"</code></td></tr>";
    }
    body += QStringLiteral("</tbody></table>");
    return body;
}

bool ImpactPanel::exportReport(const QString &basePath, QString *error) const
{
    QString base = basePath;
    for (const QLatin1String suffix : { QLatin1String(".html"), QLatin1String(".pdf") }) {
        if (base.endsWith(suffix, Qt::CaseInsensitive))
            base.chop(suffix.size());
    }
    const QString title = tr("TokenScope optimisation impact");
    const QList<ReportWriter::Chart> charts { { m_chart->title(), m_chart } };
    const QString body = reportBody();
    return ReportWriter::writeHtml(base + u".html", title, body, charts, error)
        && ReportWriter::writePdf(base + u".pdf", title, body, charts, error);
}
