#include "impactpanel.h"

#include "charts/barchart.h"
#include "charts/palette.h"
#include "export/runexport.h"
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
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLabel>
#include <QLocale>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QSplitter>
#include <QTableWidget>
#include <QVBoxLayout>

namespace {

enum Column { TechniqueColumn, ClaimColumn, ChangeColumn, FiguresColumn, VerdictColumn, DetailsColumn, ColumnCount };

const QList<Technique> AllTechniques { Technique::Streaming, Technique::SemanticCache, Technique::Batching,
                                       Technique::Compression, Technique::Variant };

QString percent(double change)
{
    return (change > 0 ? QStringLiteral("+") : QString()) + QLocale().toString(change * 100, 'f', 0) + u'%';
}

QSpinBox *spin(QWidget *parent, const char *name, int min, int max, int value)
{
    auto *box = new QSpinBox(parent);
    box->setObjectName(QString::fromLatin1(name));
    box->setRange(min, max);
    box->setValue(value);
    return box;
}

// The claim's middle, as a change, for the chart ("−40–70%" → −55%).
double claimedChange(Technique t)
{
    switch (t) {
    case Technique::Streaming: return -0.8;
    case Technique::SemanticCache: return -0.55;
    case Technique::Batching: return 2.0;
    case Technique::Compression: return -0.15;
    case Technique::Variant: return 0.2;
    }
    return 0;
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
    auto *techniqueLayout = new QHBoxLayout(techniqueRow);
    techniqueLayout->setContentsMargins(0, 0, 0, 0);
    for (Technique t : AllTechniques) {
        auto *box = new QCheckBox(ImpactRunner::name(t), techniqueRow);
        box->setObjectName(QStringLiteral("technique-") + ImpactRunner::key(t));
        box->setChecked(true);
        techniqueLayout->addWidget(box);
        m_techniques.append(box);
    }
    techniqueLayout->addStretch();
    m_repetitions = spin(settings, "repetitions", 1, 1000, 5);
    m_repetitions->setToolTip(tr("Streaming pairs, requests per arm of the compression A/B, variant rounds."));
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

    m_table = new QTableWidget(0, ColumnCount, this);
    m_table->setObjectName(QStringLiteral("impactTable"));
    m_table->setHorizontalHeaderLabels({ tr("Technique"), tr("The seed's claim"), tr("Measured change [95%]"),
                                         tr("Without → with"), tr("Reading"), tr("Details") });
    m_table->verticalHeader()->hide();
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setWordWrap(true);
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_table->horizontalHeader()->setSectionResizeMode(DetailsColumn, QHeaderView::Stretch);
    m_table->setToolTip(tr("Double-click a row for its settings and the command that reruns it."));

    m_chart = new BarChart(this);
    m_chart->setObjectName(QStringLiteral("impactChart"));
    m_chart->setTitle(tr("Measured change beside the seed's claim"));
    m_chart->setAxisTitles(QString(), tr("Change (%)"));

    auto *split = new QSplitter(Qt::Vertical, this);
    split->addWidget(m_table);
    split->addWidget(m_chart);
    split->setStretchFactor(0, 1);
    split->setStretchFactor(1, 1);
    split->setSizes({ 360, 320 }); // the chart keeps its room before the first run too

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
    auto task = m_runner->run(config);
    updateActions();
    const QList<ImpactRow> rows = co_await task;
    if (!self)
        co_return;
    m_rows = rows;
    refreshChart();
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
    QString change;
    QString figures;
    QString details;
    if (!row.error.isEmpty()) {
        change = tr("failed");
        details = row.error;
    } else if (row.skipped) {
        change = QStringLiteral("–");
        details = row.verdict;
    } else {
        change = tr("%1 [%2, %3]").arg(percent(row.change.value), percent(row.change.low), percent(row.change.high));
        figures = tr("%1: %2 → %3 %4")
                      .arg(row.metric, QLocale().toString(row.baseline, 'f', 1),
                           QLocale().toString(row.optimised, 'f', 1), row.unit);
        QStringList parts;
        for (const auto &[k, v] : row.details)
            parts.append(k + u' ' + v);
        details = parts.join(QStringLiteral(" · "));
    }
    const QStringList cells { row.name, row.claim, change, figures, row.ok() ? row.verdict : QString(), details };
    for (int c = 0; c < cells.size(); ++c) {
        auto *item = new QTableWidgetItem(cells.at(c));
        if (!row.error.isEmpty() && (c == ChangeColumn || c == DetailsColumn))
            item->setForeground(QColor(0xD55E00));
        m_table->setItem(r, c, item);
    }
    m_table->resizeRowToContents(r);
    m_rows.append(row);
    refreshChart();
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
        claimed.append(claimedChange(row.technique) * 100);
        measured.append(row.change.value * 100);
    }
    m_chart->setData(categories, { { tr("The seed's claim"), Palette::series(6), claimed },
                                   { tr("Measured"), Palette::series(0), measured } });
    m_chart->setValueLabelsVisible(true, 3);
}

QString ImpactPanel::rowDetails(int row) const
{
    if (row < 0 || row >= m_rows.size())
        return {};
    const ImpactRow &r = m_rows.at(row);
    return tr("Rerun from the command line:\n%1\n\nSettings:\n%2")
        .arg(r.command, QString::fromUtf8(QJsonDocument(r.settings).toJson(QJsonDocument::Indented)));
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
    QJsonArray rows;
    for (const ImpactRow &row : m_rows)
        rows.append(row.toJson());
    const QJsonObject root { { QStringLiteral("tool"), QStringLiteral("tokenscope " TOKENSCOPE_VERSION) },
                             { QStringLiteral("settings"), m_lastConfig.toJson() },
                             { QStringLiteral("rows"), rows } };
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
    body += u"<h2>" + esc(tr("Measured effects")) + u"</h2><p class=\"note\">"
        + esc(tr("Each change is (with − without) / without of the means, with a 95% bootstrap interval. "
                 "The claims are the seed's, as written."))
        + u"</p><table class=\"grid\" cellspacing=\"0\" cellpadding=\"4\"><thead><tr>";
    for (const QString &h : { tr("Technique"), tr("The seed's claim"), tr("Measured change [95%]"),
                              tr("Without → with"), tr("Reading"), tr("Details") })
        body += u"<th>" + esc(h) + u"</th>";
    body += QStringLiteral("</tr></thead><tbody>");
    for (const ImpactRow &row : m_rows) {
        QStringList parts;
        for (const auto &[k, v] : row.details)
            parts.append(k + u' ' + v);
        const QString change = !row.error.isEmpty() ? tr("failed: %1").arg(row.error)
            : row.skipped                           ? row.verdict
                                                    : tr("%1 [%2, %3]").arg(percent(row.change.value),
                                                                          percent(row.change.low),
                                                                          percent(row.change.high));
        const QString figures = row.ok() ? tr("%1: %2 → %3 %4")
                                               .arg(row.metric, QLocale().toString(row.baseline, 'f', 1),
                                                    QLocale().toString(row.optimised, 'f', 1), row.unit)
                                         : QString();
        body += u"<tr><td>" + esc(row.name) + u"</td><td>" + esc(row.claim) + u"</td><td>" + esc(change)
            + u"</td><td>" + esc(figures) + u"</td><td>" + esc(row.ok() ? row.verdict : QString()) + u"</td><td>"
            + esc(parts.join(QStringLiteral(" · "))) + u"</td></tr>";
    }
    body += QStringLiteral("</tbody></table>");
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
