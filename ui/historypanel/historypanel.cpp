#include "historypanel.h"

#include "comparisonreport.h"

#include "models/historyrunmodel.h"

#include "charts/boxplotchart.h"
#include "charts/cdfchart.h"
#include "charts/chartexport.h"
#include "charts/palette.h"
#include "format/runexport.h"
#include "storage/vllmimport.h"
#include "shard/shardmerge.h"

#include <QCheckBox>
#include <QDateEdit>
#include <QDir>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QInputDialog>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QSplitter>
#include <QTableView>
#include <QTableWidget>
#include <QTabWidget>
#include <QVBoxLayout>

namespace {

// Import files beyond this are refused rather than read into memory.
constexpr qint64 MaxImportBytes = 512ll * 1024 * 1024;

} // namespace

HistoryPanel::HistoryPanel(HistoryStore *store, QWidget *parent)
    : QWidget(parent)
    , m_store(store)
    , m_model(new HistoryRunModel(this))
{
    m_endpointFilter = new QLineEdit(this);
    m_endpointFilter->setPlaceholderText(tr("Endpoint name or URL"));
    m_endpointFilter->setClearButtonEnabled(true);
    m_tagFilter = new QLineEdit(this);
    m_tagFilter->setPlaceholderText(tr("Tag"));
    m_tagFilter->setClearButtonEnabled(true);
    m_fromEnabled = new QCheckBox(tr("From"), this);
    m_toEnabled = new QCheckBox(tr("Before"), this);
    m_from = new QDateEdit(QDate::currentDate().addDays(-30), this);
    m_to = new QDateEdit(QDate::currentDate().addDays(1), this);
    for (QDateEdit *d : { m_from, m_to }) {
        d->setCalendarPopup(true);
        d->setEnabled(false);
    }
    connect(m_fromEnabled, &QCheckBox::toggled, m_from, &QWidget::setEnabled);
    connect(m_toEnabled, &QCheckBox::toggled, m_to, &QWidget::setEnabled);
    auto *filters = new QHBoxLayout;
    filters->addWidget(new QLabel(tr("Filter:"), this));
    filters->addWidget(m_endpointFilter, 2);
    filters->addWidget(m_tagFilter, 1);
    filters->addWidget(m_fromEnabled);
    filters->addWidget(m_from);
    filters->addWidget(m_toEnabled);
    filters->addWidget(m_to);
    for (QLineEdit *e : { m_endpointFilter, m_tagFilter })
        connect(e, &QLineEdit::textChanged, this, &HistoryPanel::refresh);
    for (QCheckBox *c : { m_fromEnabled, m_toEnabled })
        connect(c, &QCheckBox::toggled, this, &HistoryPanel::refresh);
    for (QDateEdit *d : { m_from, m_to })
        connect(d, &QDateEdit::dateChanged, this, &HistoryPanel::refresh);

    m_view = new QTableView(this);
    m_view->setModel(m_model);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_view->verticalHeader()->hide();
    m_view->horizontalHeader()->setStretchLastSection(true);
    m_view->setAlternatingRowColors(true);
    connect(m_view->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &HistoryPanel::updateActions);
    connect(m_view, &QTableView::doubleClicked, this, &HistoryPanel::openSelected);

    m_open = new QPushButton(tr("Open"), this);
    m_open->setToolTip(tr("Show the run in the Runs panel, as if it had just finished"));
    m_compare = new QPushButton(tr("Compare"), this);
    m_compare->setToolTip(tr("Overlay the selected runs' distributions"));
    m_tag = new QPushButton(tr("Tag…"), this);
    m_delete = new QPushButton(tr("Delete…"), this);
    m_import = new QPushButton(tr("Import…"), this);
    m_export = new QPushButton(tr("Export…"), this);
    m_report = new QPushButton(tr("Comparison Report…"), this);
    m_report->setToolTip(tr("The runs compared below as a report: HTML with the charts inline, and PDF."));
    auto *refreshButton = new QPushButton(tr("Refresh"), this);
    connect(m_open, &QPushButton::clicked, this, &HistoryPanel::openSelected);
    connect(m_compare, &QPushButton::clicked, this, &HistoryPanel::compareSelected);
    connect(m_tag, &QPushButton::clicked, this, &HistoryPanel::tagSelectedInteractively);
    connect(m_delete, &QPushButton::clicked, this, &HistoryPanel::deleteSelectedInteractively);
    connect(m_import, &QPushButton::clicked, this, &HistoryPanel::importInteractively);
    connect(m_export, &QPushButton::clicked, this, &HistoryPanel::exportSelectedInteractively);
    connect(refreshButton, &QPushButton::clicked, this, &HistoryPanel::refresh);
    connect(m_report, &QPushButton::clicked, this, [this] {
        const QString path = QFileDialog::getSaveFileName(
            this, tr("Export Comparison Report"),
            QDir(ChartExport::lastFolder()).filePath(QStringLiteral("comparison-report.html")),
            tr("Report (HTML and PDF) (*.html)"));
        QString error;
        if (path.isEmpty())
            return;
        ChartExport::setLastFolder(QFileInfo(path).absolutePath());
        if (exportComparisonReport(path, &error))
            showStatus(tr("Report written (HTML and PDF)."), false);
        else
            showStatus(error, true);
    });
    auto *buttons = new QHBoxLayout;
    for (QPushButton *b : { m_open, m_compare, m_tag, m_delete, m_import, m_export, m_report })
        buttons->addWidget(b);
    buttons->addStretch(1);
    buttons->addWidget(refreshButton);

    m_status = new QLabel(this);
    m_status->setWordWrap(true);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);

    m_ttftCdf = new CdfChart(this);

    m_ttftCdf->setEmptyText(tr("Select two or more runs and click Compare."));
    m_e2eCdf = new CdfChart(this);
    m_e2eCdf->setEmptyText(tr("Select two or more runs and click Compare."));
    m_ttftBox = new BoxPlotChart(this);
    m_ttftBox->setEmptyText(tr("Select two or more runs and click Compare."));
    ComparisonReport::setUpCharts(m_ttftCdf, m_e2eCdf, m_ttftBox);
    m_figures = new QTableWidget(this);
    m_figures->setObjectName(QStringLiteral("figures"));
    m_figures->verticalHeader()->hide();
    m_figures->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_charts = new QTabWidget(this);
    m_charts->setObjectName(QStringLiteral("charts"));
    m_charts->addTab(m_figures, tr("Figures"));
    m_charts->addTab(m_ttftCdf, tr("TTFT distribution"));
    m_charts->addTab(m_e2eCdf, tr("E2E distribution"));
    m_charts->addTab(m_ttftBox, tr("TTFT box plot"));

    auto *top = new QWidget(this);
    auto *topLayout = new QVBoxLayout(top);
    topLayout->setContentsMargins(0, 0, 0, 0);
    topLayout->addLayout(filters);
    topLayout->addWidget(m_view, 1);
    topLayout->addLayout(buttons);
    topLayout->addWidget(m_status);
    auto *splitter = new QSplitter(Qt::Vertical, this);
    splitter->addWidget(top);
    splitter->addWidget(m_charts);
    splitter->setStretchFactor(0, 1);
    splitter->setStretchFactor(1, 1);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(splitter);

    refresh();
}

HistoryPanel::~HistoryPanel() = default;

EndpointRun HistoryPanel::toEndpointRun(const StoredRun &run, const QString &color)
{
    EndpointRun e;
    const HistoryRun &r = run.run;
    e.endpoint.id = QStringLiteral("history-%1").arg(r.id);
    const QString endpoint = HistoryRunModel::endpointLabel(r);
    // A run not (yet) in the history has no id to show.
    e.endpoint.name = r.id > 0 ? tr("#%1 %2").arg(r.id).arg(endpoint.isEmpty() ? r.source : endpoint)
                               : (endpoint.isEmpty() ? r.source : endpoint);
    e.endpoint.color = color;
    e.endpoint.baseUrl = QUrl(r.endpointUrl);
    e.endpoint.model = r.model;
    e.endpoint.protocol = Protocols::fromName(r.protocol).value_or(Protocol::OpenAIChat);
    e.config.endpoint = e.endpoint;
    e.config.requests = r.settings.requests.value_or(int(run.records.size()));
    e.config.concurrency = r.settings.concurrency.value_or(1);
    e.config.rate = r.settings.rate.value_or(0);
    e.config.warmup = r.settings.warmup.value_or(0);
    e.records = run.records;
    e.serverMetrics = run.serverMetrics;
    e.summary = run.summary;
    e.finished = true;
    return e;
}

HistoryFilter HistoryPanel::filter() const
{
    HistoryFilter f;
    f.endpoint = m_endpointFilter->text().trimmed();
    f.tag = m_tagFilter->text().trimmed();
    if (m_fromEnabled->isChecked())
        f.from = m_from->date().startOfDay();
    if (m_toEnabled->isChecked())
        f.to = m_to->date().startOfDay();
    return f;
}

void HistoryPanel::setFilter(const HistoryFilter &f)
{
    const QSignalBlocker b1(m_endpointFilter), b2(m_tagFilter), b3(m_fromEnabled), b4(m_toEnabled),
        b5(m_from), b6(m_to);
    m_endpointFilter->setText(f.endpoint);
    m_tagFilter->setText(f.tag);
    m_fromEnabled->setChecked(f.from.isValid());
    m_from->setEnabled(f.from.isValid());
    if (f.from.isValid())
        m_from->setDate(f.from.toLocalTime().date());
    m_toEnabled->setChecked(f.to.isValid());
    m_to->setEnabled(f.to.isValid());
    if (f.to.isValid())
        m_to->setDate(f.to.toLocalTime().date());
    refresh();
}

QString HistoryPanel::statusText() const
{
    return m_status->text();
}

void HistoryPanel::showStatus(const QString &text, bool error)
{
    m_status->setText(text);
    m_status->setStyleSheet(error ? QStringLiteral("color: #d55e00;") : QString());
}

void HistoryPanel::refresh()
{
    const QList<qint64> selected = selectedRuns();
    if (!m_store || !m_store->isOpen()) {
        m_model->setRuns({});
        showStatus(tr("The run history is not available: %1")
                       .arg(m_store ? m_store->errorString() : tr("no database")),
                   true);
        updateActions();
        return;
    }
    m_model->setRuns(m_store->listRuns(filter()));
    m_view->resizeColumnsToContents();
    selectRuns(selected);
    updateActions();
}

QList<qint64> HistoryPanel::selectedRuns() const
{
    QList<int> rows;
    const QModelIndexList indexes = m_view->selectionModel()->selectedRows();
    for (const QModelIndex &i : indexes)
        rows.append(i.row());
    std::sort(rows.begin(), rows.end());
    QList<qint64> ids;
    for (int row : std::as_const(rows))
        ids.append(m_model->runs().at(row).id);
    return ids;
}

void HistoryPanel::selectRuns(const QList<qint64> &ids)
{
    QItemSelection selection;
    for (qint64 id : ids) {
        const int row = m_model->rowOf(id);
        if (row >= 0)
            selection.select(m_model->index(row, 0), m_model->index(row, HistoryRunModel::ColumnCount - 1));
    }
    m_view->selectionModel()->select(selection, QItemSelectionModel::ClearAndSelect);
    updateActions();
}

void HistoryPanel::updateActions()
{
    const bool open = m_store && m_store->isOpen();
    const qsizetype n = open ? selectedRuns().size() : 0;
    m_open->setEnabled(n == 1);
    m_export->setEnabled(n == 1);
    m_compare->setEnabled(n >= 1);
    m_tag->setEnabled(n >= 1);
    m_delete->setEnabled(n >= 1);
    m_import->setEnabled(open);
    m_report->setEnabled(!m_compared.isEmpty());
}

bool HistoryPanel::exportComparisonReport(const QString &basePath, QString *error) const
{
    QString base = basePath;
    for (const QLatin1String suffix : { QLatin1String(".html"), QLatin1String(".pdf") }) {
        if (base.endsWith(suffix, Qt::CaseInsensitive))
            base.chop(suffix.size());
    }
    // The report draws charts of its own at its page size: the tabs here may never have been
    // opened, and then their charts have no size to draw at.
    return ComparisonReport::write(m_compared, base + u".html", base + u".pdf", error);
}

bool HistoryPanel::openRun(qint64 id)
{
    const auto stored = m_store ? m_store->loadRun(id) : std::nullopt;
    if (!stored) {
        showStatus(m_store ? m_store->errorString() : QString(), true);
        return false;
    }
    Q_EMIT runOpened(stored->run, stored->records, stored->summary, stored->serverMetrics);
    showStatus(tr("Opened run %1 (%n request(s)).", nullptr, int(stored->records.size())).arg(id), false);
    return true;
}

void HistoryPanel::setEndpoints(const QList<EndpointProfile> &endpoints)
{
    m_endpointColors.clear();
    for (const EndpointProfile &p : endpoints) {
        if (!p.color.isEmpty())
            m_endpointColors.insert(p.id, p.color);
    }
}

QString HistoryPanel::comparisonColor(const HistoryRun &run) const
{
    QStringList used;
    for (const EndpointRun &e : std::as_const(m_compared))
        used.append(e.endpoint.color);
    // The endpoint's own colour, as every other chart draws it; a second run of the same
    // endpoint gets a lighter or darker shade of it so the two stay apart.
    const QString own = m_endpointColors.value(run.endpointId);
    if (!own.isEmpty()) {
        const QColor base = QColor::fromString(own);
        for (int step = 0; step < 8; ++step) {
            const int factor = 100 + (step + 1) / 2 * 30;
            const QColor shade = step == 0 ? base : (step % 2 ? base.lighter(factor) : base.darker(factor));
            if (!used.contains(shade.name()))
                return shade.name();
        }
    }
    // A run of an endpoint no longer configured: the first series colour not taken.
    const QList<QString> endpointColors = m_endpointColors.values();
    for (int i = 0; i < 64; ++i) {
        const QString color = Palette::series(i).name();
        if (!used.contains(color) && !endpointColors.contains(color))
            return color;
    }
    return Palette::series(int(used.size())).name();
}

bool HistoryPanel::compare(const QList<qint64> &ids)
{
    m_compared.clear();
    QStringList errors;
    for (qint64 id : ids) {
        const auto stored = m_store ? m_store->loadRun(id) : std::nullopt;
        if (!stored) {
            errors.append(m_store ? m_store->errorString() : QString());
            continue;
        }
        m_compared.append(toEndpointRun(*stored, comparisonColor(stored->run)));
    }
    ComparisonReport::fillCharts(m_compared, m_ttftCdf, m_e2eCdf, m_ttftBox);

    const QStringList headers = ComparisonReport::figureHeaders();
    m_figures->clear();
    m_figures->setColumnCount(int(headers.size()));
    m_figures->setHorizontalHeaderLabels(headers);
    m_figures->setRowCount(int(m_compared.size()));
    for (qsizetype row = 0; row < m_compared.size(); ++row) {
        const EndpointRun &e = m_compared.at(row);
        const QStringList cells = ComparisonReport::figureRow(e);
        for (qsizetype c = 0; c < cells.size(); ++c) {
            auto *item = new QTableWidgetItem(cells.at(c));
            if (c == 0)
                item->setData(Qt::DecorationRole, QColor::fromString(e.endpoint.color)); // a swatch: text stays readable
            else
                item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
            m_figures->setItem(int(row), int(c), item);
        }
    }
    m_figures->resizeColumnsToContents();
    if (!errors.isEmpty())
        showStatus(errors.join(u'\n'), true);
    else
        showStatus(tr("Comparing %n run(s).", nullptr, int(m_compared.size())), false);
    updateActions();
    return !m_compared.isEmpty();
}

bool HistoryPanel::deleteRuns(const QList<qint64> &ids)
{
    bool ok = true;
    for (qint64 id : ids) {
        if (!m_store || !m_store->deleteRun(id)) {
            showStatus(m_store ? m_store->errorString() : QString(), true);
            ok = false;
        }
    }
    refresh();
    if (ok)
        showStatus(tr("Deleted %n run(s).", nullptr, int(ids.size())), false);
    return ok;
}

bool HistoryPanel::tagRuns(const QList<qint64> &ids, const QString &tag)
{
    for (qint64 id : ids) {
        if (!m_store || !m_store->addTag(id, tag)) {
            showStatus(m_store ? m_store->errorString() : QString(), true);
            refresh();
            return false;
        }
    }
    refresh();
    return true;
}

std::optional<QByteArray> HistoryPanel::readImportFile(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) {
        showStatus(tr("Cannot read %1: %2").arg(path, f.errorString()), true);
        return std::nullopt;
    }
    if (f.size() > MaxImportBytes) {
        showStatus(tr("%1 is larger than %2 MiB.").arg(path).arg(MaxImportBytes >> 20), true);
        return std::nullopt;
    }
    return f.readAll();
}

bool HistoryPanel::importFile(const QString &path, const QString &format)
{
    if (!m_store || !m_store->isOpen())
        return false;
    const std::optional<QByteArray> read = readImportFile(path);
    if (!read)
        return false;
    QString error;
    const QByteArray &data = *read;
    const auto run
        = format == u"vllm" ? VllmImport::read(data, &error) : HistoryStore::readExport(data, &error);
    if (!run) {
        showStatus(tr("Cannot import %1: %2").arg(QFileInfo(path).fileName(), error), true);
        return false;
    }
    const qint64 id = m_store->importRun(*run);
    if (id < 0) {
        showStatus(m_store->errorString(), true);
        return false;
    }
    refresh();
    selectRuns({ id });
    showStatus(tr("Imported %1 as run %2.").arg(QFileInfo(path).fileName()).arg(id), false);
    return true;
}

bool HistoryPanel::importShards(const QStringList &paths)
{
    if (!m_store || !m_store->isOpen())
        return false;
    // Every file is read first: a broken shard is named, never skipped.
    QList<ShardFile> files;
    for (const QString &path : paths) {
        const std::optional<QByteArray> read = readImportFile(path);
        if (!read)
            return false;
        QString error;
        std::optional<RunDocument> document = RunExport::readRun(*read, &error);
        if (!document) {
            showStatus(tr("Cannot import %1: %2").arg(QFileInfo(path).fileName(), error), true);
            return false;
        }
        files.append({ path, std::move(*document) });
    }
    QString error;
    const std::optional<MergedRun> merged = ShardMerge::merge(files, false, &error);
    if (!merged) {
        showStatus(tr("Cannot merge the shards: %1").arg(error), true);
        return false;
    }
    ImportedRun run;
    run.settings = merged->document.settings;
    run.source = QStringLiteral("merge");
    run.records = merged->document.records;
    const qint64 id = m_store->importRun(run);
    if (id < 0) {
        showStatus(m_store->errorString(), true);
        return false;
    }
    refresh();
    selectRuns({ id });
    QString text = tr("Merged %n shard(s) of run \"%1\" as run %2.", nullptr, int(merged->shards.size()))
                       .arg(merged->runId)
                       .arg(id);
    for (const QString &warning : merged->warnings)
        text += u' ' + warning + u'.';
    showStatus(text, !merged->warnings.isEmpty());
    return true;
}

bool HistoryPanel::exportRun(qint64 id, const QString &path)
{
    const auto doc = m_store ? m_store->exportRun(id) : std::nullopt;
    QString error;
    if (!doc) {
        showStatus(m_store ? m_store->errorString() : QString(), true);
        return false;
    }
    if (!RunExport::writeFile(path, doc->toJson(QJsonDocument::Indented), &error)) {
        showStatus(error, true);
        return false;
    }
    showStatus(tr("Exported run %1 to %2.").arg(id).arg(path), false);
    return true;
}

void HistoryPanel::openSelected()
{
    const QList<qint64> ids = selectedRuns();
    if (ids.size() == 1)
        openRun(ids.constFirst());
}

void HistoryPanel::compareSelected()
{
    compare(selectedRuns());
}

void HistoryPanel::deleteSelectedInteractively()
{
    const QList<qint64> ids = selectedRuns();
    if (ids.isEmpty())
        return;
    const auto answer = QMessageBox::question(
        this, tr("Delete Runs"),
        tr("Delete %n run(s) and all their requests from the history?", nullptr, int(ids.size())));
    if (answer == QMessageBox::Yes)
        deleteRuns(ids);
}

void HistoryPanel::tagSelectedInteractively()
{
    const QList<qint64> ids = selectedRuns();
    if (ids.isEmpty())
        return;
    bool ok = false;
    const QString tag
        = QInputDialog::getText(this, tr("Tag Runs"), tr("Tag:"), QLineEdit::Normal, QString(), &ok);
    if (ok && !tag.trimmed().isEmpty())
        tagRuns(ids, tag);
}

void HistoryPanel::importInteractively()
{
    QString selectedFilter;
    const QString tokenscope = tr("TokenScope run JSON (*.json)");
    const QString vllm = tr("vLLM bench serve results (*.json)");
    // Several TokenScope files at once are the shards of one run (run --shard K/N): merged.
    const QStringList paths = QFileDialog::getOpenFileNames(
        this, tr("Import Run or Shards"), QString(), tokenscope + QStringLiteral(";;") + vllm, &selectedFilter);
    if (paths.size() > 1 && selectedFilter != vllm)
        importShards(paths);
    else if (!paths.isEmpty())
        importFile(paths.constFirst(), selectedFilter == vllm ? QStringLiteral("vllm") : QStringLiteral("tokenscope"));
}

void HistoryPanel::exportSelectedInteractively()
{
    const QList<qint64> ids = selectedRuns();
    if (ids.size() != 1)
        return;
    const QString path = QFileDialog::getSaveFileName(this, tr("Export Run as JSON"),
                                                      QStringLiteral("run-%1.json").arg(ids.constFirst()),
                                                      tr("JSON (*.json)"));
    if (!path.isEmpty() && !exportRun(ids.constFirst(), path))
        QMessageBox::warning(this, tr("Export Failed"), statusText());
}
