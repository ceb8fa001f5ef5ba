#include "cachepanel.h"

#include "models/cacheoutcomemodel.h"

#include "cache/embedder.h"
#include "cache/referencescenario.h"
#include "charts/barchart.h"
#include "charts/palette.h"
#include "charts/timeserieschart.h"
#include "endpoint/embeddedendpointservice.h"
#include "sim/textnormalizer.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QProgressBar>
#include <QPushButton>
#include <QSortFilterProxyModel>
#include <QSpinBox>
#include <QSplitter>
#include <QTableView>
#include <QTabWidget>
#include <QVBoxLayout>

namespace {

enum MissTarget { MissesModelled, MissesToEmbedded, MissesToEndpoint };
enum EmbedderChoice { EmbedBuiltin, EmbedEmbedded, EmbedEndpoint };

QString pct(double share)
{
    return QString::number(share * 100, 'f', 1) + u'%';
}

} // namespace

CachePanel::CachePanel(QWidget *parent)
    : QWidget(parent)
    , m_model(new CacheOutcomeModel(this))
{
    auto *layout = new QHBoxLayout(this);
    auto *splitter = new QSplitter(Qt::Horizontal, this);
    splitter->addWidget(createForm());
    splitter->addWidget(createResults());
    splitter->setStretchFactor(1, 1);
    layout->addWidget(splitter);
    useSample();
    updateButtons();
}

CachePanel::~CachePanel()
{
    if (m_simulator)
        m_simulator->cancel();
}

QWidget *CachePanel::createForm()
{
    auto *form = new QWidget(this);
    auto *layout = new QFormLayout(form);

    m_traceLabel = new QLabel(form);
    m_traceLabel->setWordWrap(true);
    auto *sample = new QPushButton(tr("Sample"), form);
    sample->setToolTip(
        tr("The built-in bilingual trace: paraphrase groups in Chinese and English, with near misses."));
    auto *reference = new QPushButton(tr("Typical scenario"), form);
    reference->setToolTip(ReferenceScenario::description());
    auto *load = new QPushButton(tr("Load trace…"), form);
    auto *traceButtons = new QHBoxLayout;
    traceButtons->addWidget(sample);
    traceButtons->addWidget(reference);
    traceButtons->addWidget(load);
    layout->addRow(tr("Trace:"), m_traceLabel);
    layout->addRow(QString(), traceButtons);
    connect(sample, &QPushButton::clicked, this, &CachePanel::useSample);
    connect(reference, &QPushButton::clicked, this, &CachePanel::useReference);
    connect(load, &QPushButton::clicked, this, [this] {
        const QString path
            = QFileDialog::getOpenFileName(this, tr("Load a query trace"), QString(),
                                           tr("Query traces (*.jsonl *.json *.csv);;All files (*)"));
        if (!path.isEmpty())
            loadTrace(path);
    });

    m_threshold = new QDoubleSpinBox(form);
    m_threshold->setRange(0, 1);
    m_threshold->setDecimals(2);
    m_threshold->setSingleStep(0.01);
    m_threshold->setValue(CacheConfig::DefaultThreshold);
    m_threshold->setToolTip(tr("Cosine similarity from which a query is served an entry's answer."));
    layout->addRow(tr("Threshold:"), m_threshold);
    connect(m_threshold, &QDoubleSpinBox::valueChanged, this, &CachePanel::updateSweepMarkers);

    m_maxFalseHits = new QDoubleSpinBox(form);
    m_maxFalseHits->setRange(0, 100);
    m_maxFalseHits->setDecimals(1);
    m_maxFalseHits->setSuffix(QStringLiteral(" %"));
    m_maxFalseHits->setValue(1);
    m_maxFalseHits->setToolTip(
        tr("The largest share of wrong answers you accept; the sweep marks the best threshold for it."));
    layout->addRow(tr("Max false hits:"), m_maxFalseHits);

    m_ttl = new QSpinBox(form);
    m_ttl->setRange(0, 30 * 24 * 3600);
    m_ttl->setSuffix(tr(" s"));
    m_ttl->setSpecialValueText(tr("none"));
    layout->addRow(tr("TTL:"), m_ttl);
    m_sliding = new QCheckBox(tr("Sliding (a hit restarts the TTL)"), form);
    layout->addRow(QString(), m_sliding);

    m_capacity = new QSpinBox(form);
    m_capacity->setRange(0, 10'000'000);
    m_capacity->setSpecialValueText(tr("unlimited"));
    m_capacity->setSuffix(tr(" entries"));
    layout->addRow(tr("Capacity:"), m_capacity);

    m_policy = new QComboBox(form);
    m_policy->addItem(tr("LRU (least recently used)"), int(EvictionPolicy::Lru));
    m_policy->addItem(tr("LFU (least frequently used)"), int(EvictionPolicy::Lfu));
    m_policy->addItem(tr("FIFO (first in, first out)"), int(EvictionPolicy::Fifo));
    layout->addRow(tr("Eviction:"), m_policy);

    m_embedderChoice = new QComboBox(form);
    m_embedderChoice->addItem(tr("Built-in (offline n-gram hashing)"), int(EmbedBuiltin));
    m_embedderChoice->addItem(tr("Embedded endpoint /v1/embeddings"), int(EmbedEmbedded));
    m_embedderChoice->addItem(tr("Checked endpoint /v1/embeddings"), int(EmbedEndpoint));
    layout->addRow(tr("Embedder:"), m_embedderChoice);

    m_missTarget = new QComboBox(form);
    m_missTarget->addItem(tr("Nowhere (latency model)"), int(MissesModelled));
    m_missTarget->addItem(tr("Embedded endpoint"), int(MissesToEmbedded));
    m_missTarget->addItem(tr("Checked endpoint"), int(MissesToEndpoint));
    m_missTarget->setToolTip(tr("Where misses are really sent; hits are always served from the cache."));
    layout->addRow(tr("Send misses to:"), m_missTarget);

    m_run = new QPushButton(tr("Run"), form);
    m_cancel = new QPushButton(tr("Cancel"), form);
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_run);
    buttons->addWidget(m_cancel);
    layout->addRow(buttons);
    m_progress = new QProgressBar(form);
    m_progress->setRange(0, 1);
    m_progress->setValue(0);
    layout->addRow(m_progress);
    m_status = new QLabel(form);
    m_status->setWordWrap(true);
    layout->addRow(m_status);
    connect(m_run, &QPushButton::clicked, this, &CachePanel::start);
    connect(m_cancel, &QPushButton::clicked, this, &CachePanel::cancel);
    return form;
}

QWidget *CachePanel::createResults()
{
    auto *results = new QWidget(this);
    auto *layout = new QVBoxLayout(results);
    m_summary = new QLabel(results);
    m_summary->setWordWrap(true);
    m_summary->setTextInteractionFlags(Qt::TextSelectableByMouse);
    layout->addWidget(m_summary);

    auto *splitter = new QSplitter(Qt::Vertical, results);
    m_table = new QTableView(splitter);
    auto *proxy = new QSortFilterProxyModel(this);
    proxy->setSourceModel(m_model);
    proxy->setSortRole(Qt::UserRole);
    m_table->setModel(proxy);
    m_table->setSortingEnabled(true);
    m_table->sortByColumn(CacheOutcomeModel::IndexColumn, Qt::AscendingOrder);
    m_table->verticalHeader()->hide();
    // Every short column as wide as its header and figures; the two texts share the rest.
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_table->horizontalHeader()->setSectionResizeMode(CacheOutcomeModel::QueryColumn, QHeaderView::Stretch);
    m_table->horizontalHeader()->setSectionResizeMode(CacheOutcomeModel::MatchedColumn, QHeaderView::Stretch);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    // One line per query: long texts are elided (their tooltip and the Explore tab show them
    // whole) rather than wrapped into rows too short for them.
    m_table->setWordWrap(false);
    m_table->setProperty("auditElidedColumns",
                         QVariantList { int(CacheOutcomeModel::QueryColumn), int(CacheOutcomeModel::MatchedColumn) });
    splitter->addWidget(m_table);

    m_charts = new QTabWidget(splitter);
    m_charts->setObjectName(QStringLiteral("charts"));
    m_hitRateChart = new TimeSeriesChart(m_charts);
    m_hitRateChart->setEmptyText(tr("Start a replay to see how the cache does on this trace."));
    m_hitRateChart->setTitle(tr("Hit rate over time"));
    m_hitRateChart->setAxisTitles(tr("Time in the trace (s)"), tr("Cumulative share of queries (%)"));
    m_hitRateChart->setFixedYRange(0, 100); // a share: never above 100 %
    m_charts->addTab(m_hitRateChart, tr("Hit rate over time"));
    m_sweepChart = new TimeSeriesChart(m_charts);
    m_sweepChart->setEmptyText(tr("Start a replay to see how the cache does on this trace."));
    m_sweepChart->setTitle(tr("Threshold sweep (one replay)"));
    m_sweepChart->setObjectName(QStringLiteral("sweepChart"));
    m_sweepChart->setAxisTitles(tr("Similarity threshold"), tr("Rate (%)"));
    m_sweepChart->setFixedYRange(0, 100);
    m_charts->addTab(m_sweepChart, tr("Threshold sweep"));
    m_savingsChart = new BarChart(m_charts);
    m_savingsChart->setEmptyText(tr("Start a replay to see how the cache does on this trace."));
    m_savingsChart->setTitle(tr("With and without the cache (% of no cache)"));
    m_savingsChart->setValueLabelsVisible(true, 3);
    m_savingsChart->setPercentAxis(true);
    m_charts->addTab(m_savingsChart, tr("Latency and cost"));

    auto *tryBox = new QWidget(m_charts);
    auto *tryLayout = new QVBoxLayout(tryBox);
    auto *row = new QHBoxLayout;
    m_query = new QLineEdit(tryBox);
    m_query->setPlaceholderText(tr("Type a question, e.g. 机器学习是什么?"));
    auto *ask = new QPushButton(tr("Find nearest"), tryBox);
    row->addWidget(m_query);
    row->addWidget(ask);
    tryLayout->addLayout(row);
    m_neighbours = new QListWidget(tryBox);
    m_neighbours->setObjectName(QStringLiteral("neighbours"));
    tryLayout->addWidget(m_neighbours);
    m_charts->addTab(tryBox, tr("Try a query"));
    connect(ask, &QPushButton::clicked, this, [this] { tryQuery(m_query->text()); });
    connect(m_query, &QLineEdit::returnPressed, this, [this] { tryQuery(m_query->text()); });

    splitter->addWidget(m_charts);
    splitter->setStretchFactor(0, 1);
    splitter->setStretchFactor(1, 1);
    // Half each from the start: by their size hints the table would get four rows.
    splitter->setSizes({ 1000, 1000 });
    layout->addWidget(splitter, 1);
    return results;
}

void CachePanel::setEndpoints(const QList<EndpointProfile> &endpoints)
{
    m_endpoints = endpoints;
    updateButtons();
}

bool CachePanel::loadTrace(const QString &path, QString *error)
{
    QString message;
    auto trace = QueryTraceReader::readFile(path, &message);
    if (!trace) {
        m_status->setText(message);
        if (error)
            *error = message;
        return false;
    }
    m_trace = std::move(*trace);
    const bool reference = ReferenceScenario::isReference(m_trace);
    const QString name = m_trace.source == u"sample" ? tr("built-in sample")
        : reference                                  ? tr("typical scenario")
                                                     : m_trace.source;
    m_traceLabel->setText(tr("%1 (%2 queries%3)")
                              .arg(name)
                              .arg(m_trace.queries.size())
                              .arg(m_trace.hasGroups() ? tr(", with duplicate groups") : QString()));
    m_traceLabel->setToolTip(reference ? ReferenceScenario::description() : QString());
    if (reference) {
        // The settings the scenario's outcomes are claimed with.
        const CacheConfig typical = ReferenceScenario::withDefaults({});
        m_threshold->setValue(typical.threshold);
        m_ttl->setValue(int(typical.ttlNs / 1'000'000'000));
        m_sliding->setChecked(typical.ttlMode == TtlMode::Sliding);
        m_capacity->setValue(int(typical.maxEntries));
    }
    m_status->clear();
    updateButtons();
    return true;
}

void CachePanel::useSample()
{
    loadTrace(QStringLiteral("sample"));
}

void CachePanel::useReference()
{
    loadTrace(ReferenceScenario::name());
}

QString CachePanel::summaryText() const
{
    return m_summary->text();
}

void CachePanel::setThreshold(double threshold)
{
    m_threshold->setValue(threshold);
}

CacheSimConfig CachePanel::settings() const
{
    CacheSimConfig config;
    config.cache.threshold = m_threshold->value();
    config.cache.ttlNs = qint64(m_ttl->value()) * 1'000'000'000;
    config.cache.ttlMode = m_sliding->isChecked() ? TtlMode::Sliding : TtlMode::Absolute;
    config.cache.maxEntries = m_capacity->value();
    config.cache.policy = EvictionPolicy(m_policy->currentData().toInt());
    config.maxFalseHitRate = m_maxFalseHits->value() / 100.0;
    config.cost.outputTokens = 64;
    return config;
}

std::unique_ptr<Embedder> CachePanel::makeEmbedder(QString *error)
{
    const int choice = m_embedderChoice->currentData().toInt();
    if (choice == EmbedBuiltin)
        return std::make_unique<BuiltinEmbedder>();
    EndpointProfile profile;
    if (choice == EmbedEmbedded) {
        profile = EmbeddedEndpointService::instance()->profile(Protocol::OpenAIChat);
        profile.name = tr("embedded");
        profile.model.clear(); // tokenscope-sim is its chat model; /v1/embeddings uses the built-in embedder
    } else {
        if (m_endpoints.isEmpty()) {
            *error = tr("check an endpoint in the sidebar to use its /v1/embeddings");
            return nullptr;
        }
        profile = m_endpoints.constFirst();
        profile.model.clear(); // a chat model is not an embedding model; the server picks its default
    }
    return std::make_unique<RemoteEmbedder>(profile);
}

void CachePanel::start()
{
    if (m_running || m_trace.queries.isEmpty())
        return;
    CacheSimConfig config = settings();
    const int target = m_missTarget->currentData().toInt();
    const bool needEmbedded
        = target == MissesToEmbedded || m_embedderChoice->currentData().toInt() == EmbedEmbedded;
    // The application's one embedded endpoint (started here if nothing started it yet).
    if (needEmbedded && !EmbeddedEndpointService::instance()->ensureStarted()) {
        m_status->setText(tr("cannot start the embedded endpoint: %1")
                              .arg(EmbeddedEndpointService::instance()->errorString()));
        return;
    }
    if (target == MissesToEmbedded) {
        EndpointProfile profile = EmbeddedEndpointService::instance()->profile(Protocol::OpenAIChat);
        profile.name = tr("embedded");
        config.endpoint = profile;
    } else if (target == MissesToEndpoint) {
        if (m_endpoints.isEmpty()) {
            m_status->setText(tr("check an endpoint in the sidebar to send misses to it"));
            return;
        }
        config.endpoint = m_endpoints.constFirst();
        config.cost.pricePerMInput = config.endpoint->pricePerMInput;
        config.cost.pricePerMOutput = config.endpoint->pricePerMOutput;
    }
    QString error;
    auto embedder = makeEmbedder(&error);
    if (!embedder) {
        m_status->setText(error);
        return;
    }
    m_embedder = std::move(embedder);
    QCoro::connect(doRun(config), this, [] {});
}

QCoro::Task<> CachePanel::doRun(CacheSimConfig config)
{
    QPointer<CachePanel> self(this);
    m_running = true;
    updateButtons();
    m_status->setText(tr("Embedding the trace…"));
    m_progress->setRange(0, int(m_trace.queries.size()));
    m_progress->setValue(0);
    auto *simulator = new CacheSimulator(this);
    m_simulator = simulator;
    connect(simulator, &CacheSimulator::progress, this, [this](const QString &phase, int done, int total) {
        m_status->setText(phase == u"embed" ? tr("Embedding the trace…")
                                            : tr("Replaying: misses go to the endpoint…"));
        m_progress->setRange(0, total);
        m_progress->setValue(done);
    });
    CacheReport report = co_await simulator->run(m_trace, m_embedder.get(), config);
    if (!self)
        co_return;
    m_running = false;
    if (report.error.isEmpty()) {
        m_report = std::move(report);
        showReport();
        rebuildExploreCache();
        m_status->setText(tr("Done: %1 queries.").arg(m_report.outcomes.size()));
        m_progress->setValue(m_progress->maximum());
    } else {
        m_status->setText(report.error);
    }
    simulator->deleteLater();
    updateButtons();
    Q_EMIT finished();
}

void CachePanel::cancel()
{
    if (m_simulator)
        m_simulator->cancel();
}

void CachePanel::showReport()
{
    const CacheReport &r = m_report;
    const CacheStats &s = r.stats;
    // The statistics in the typical words first (size, hits, misses, hit rate), then the detail.
    QString summary = tr("<b>%1</b> · exact hits %2 · semantic hits %3")
                          .arg(ReferenceScenario::statsText(r.cacheSize, s).toHtmlEscaped())
                          .arg(s.exactHits)
                          .arg(s.semanticHits);
    summary += QStringLiteral("<br>")
        + tr("<b>False hits %1</b> (%2 of lookups) · missed duplicates %3 · evictions %4 · expirations %5")
              .arg(s.falseHits)
              .arg(pct(s.falseHitRate()))
              .arg(s.missedDuplicates)
              .arg(s.evictions)
              .arg(s.expirations);
    summary += QStringLiteral("<br>")
        + tr("Latency saved %1 (miss %2 ms, hit %3 ms) · tokens saved %4 · cost saved %5 · embedder %6, %7 "
             "index%8")
              .arg(pct(r.latencySavedShare()), QString::number(r.meanMissLatencyMs, 'f', 1),
                   QString::number(r.meanHitLatencyMs, 'f', 3), pct(r.tokensSavedShare()),
                   pct(r.costSavedShare()), r.embedder, r.indexKind,
                   r.online ? tr(", misses sent to %1").arg(r.endpointName) : tr(", misses modelled"));
    if (r.best)
        summary += QStringLiteral("<br>")
            + tr("Best threshold for ≤ %1 false hits: <b>%2</b> (hit rate %3, F1 %4)")
                  .arg(pct(r.config.maxFalseHitRate), QString::number(r.best->threshold, 'f', 2),
                       pct(r.best->hitRate), QString::number(r.best->f1, 'f', 3));
    if (r.traceSource == ReferenceScenario::name())
        summary += referenceSummary();
    m_summary->setText(summary);
    m_model->setOutcomes(r.outcomes);

    // Hit rate over time: cumulative shares, one point per query.
    SeriesData hits { tr("hit rate"), Palette::series(0), {}, {}, {} };
    SeriesData semantic { tr("semantic hits"), Palette::series(1), {}, {}, {} };
    SeriesData wrong { tr("false hits"), QColor(0xD5, 0x5E, 0x00), {}, {}, {} };
    qint64 hitCount = 0, semanticCount = 0, falseCount = 0;
    for (qsizetype i = 0; i < r.outcomes.size(); ++i) {
        const QueryOutcome &o = r.outcomes.at(i);
        hitCount += o.kind != CacheLookup::Kind::Miss ? 1 : 0;
        semanticCount += o.kind == CacheLookup::Kind::SemanticHit ? 1 : 0;
        falseCount += o.falseHit ? 1 : 0;
        const double n = double(i + 1);
        for (SeriesData *series : { &hits, &semantic, &wrong })
            series->xs.append(o.timeS);
        hits.values.append(100.0 * double(hitCount) / n);
        semantic.values.append(100.0 * double(semanticCount) / n);
        wrong.values.append(100.0 * double(falseCount) / n);
    }
    m_hitRateChart->setSeries({ hits, semantic, wrong });

    SeriesData curveHit { tr("hit rate"), Palette::series(0), {}, {}, {} };
    SeriesData curveFalse { tr("false-hit rate"), QColor(0xD5, 0x5E, 0x00), {}, {}, {} };
    SeriesData curvePrecision { tr("precision"), Palette::series(2), {}, {}, {} };
    SeriesData curveRecall { tr("recall"), Palette::series(3), {}, {}, {} };
    SeriesData curveF1 { tr("F1"), Palette::series(4), {}, {}, {} };
    for (const ThresholdPoint &p : r.curve) {
        for (SeriesData *series : { &curveHit, &curveFalse, &curvePrecision, &curveRecall, &curveF1 })
            series->xs.append(p.threshold);
        curveHit.values.append(100 * p.hitRate);
        curveFalse.values.append(100 * p.falseHitRate);
        curvePrecision.values.append(100 * p.precision);
        curveRecall.values.append(100 * p.recall);
        curveF1.values.append(100 * p.f1);
    }
    m_sweepChart->setSeries({ curveHit, curveFalse, curvePrecision, curveRecall, curveF1 });
    updateSweepMarkers();

    auto share = [](double with, double without) {
        return without > 0 ? 100.0 * with / without : 0.0;
    };
    m_savingsChart->setData(
        { tr("Latency"), tr("Tokens"), tr("Cost") },
        { BarChart::Series { tr("without the cache"), QColor(0x99, 0x99, 0x99), { 100, 100, 100 } },
          BarChart::Series { tr("with the cache"),
                             Palette::series(0),
                             { share(r.totalLatencyWithMs, r.totalLatencyWithoutMs),
                               share(double(r.tokensWith), double(r.tokensWithout)),
                               share(r.costWith, r.costWithout) } } });
}

void CachePanel::updateSweepMarkers()
{
    if (!m_sweepChart)
        return;
    QList<TimeSeriesChart::Marker> markers;
    if (!m_report.curve.isEmpty()) {
        markers.append(
            { m_threshold->value(),
              tr("threshold %1 (the form's)").arg(QLocale().toString(m_threshold->value(), 'f', 2)), QColor(),
              Qt::DashLine }); // the text colour
        if (m_report.best)
            markers.append({ m_report.best->threshold,
                             tr("best %1 (≤ %2 false hits)")
                                 .arg(QLocale().toString(m_report.best->threshold, 'f', 2),
                                      QLocale().toString(100 * m_report.config.maxFalseHitRate, 'f', 1)
                                          + QStringLiteral(" %")),
                             Palette::series(6), Qt::DotLine });
    }
    m_sweepChart->setMarkers(markers);
}

QString CachePanel::referenceSummary() const
{
    const ReferenceComparison comparison
        = ReferenceScenario::compare(m_report, m_simulator ? m_simulator->vectors() : QList<QList<float>> {});
    const auto cell = [](const QString &text, bool strong = false) -> QString {
        return QStringLiteral("<td>") + (strong ? QStringLiteral("<b>") : QString()) + text.toHtmlEscaped()
            + (strong ? QStringLiteral("</b>") : QString()) + QStringLiteral("</td>");
    };
    QString html = QStringLiteral("<br><b>") + tr("Typical scenario").toHtmlEscaped()
        + QStringLiteral("</b>: ")
        + tr("the claimed outcome of each query beside this cache's (differences in bold)").toHtmlEscaped()
        + QStringLiteral("<table cellspacing=\"0\" cellpadding=\"2\"><tr>");
    for (const QString &header : { QStringLiteral("#"), tr("typical claim"), tr("TokenScope"),
                                   tr("similarity"), tr("query → best match") })
        html += QStringLiteral("<th align=\"left\">") + header.toHtmlEscaped() + QStringLiteral("</th>");
    html += QStringLiteral("</tr>");
    for (const ReferenceQueryCheck &q : comparison.queries) {
        html += QStringLiteral("<tr>") + cell(QString::number(q.index + 1))
            + cell(ReferenceScenario::outcomeText(q.expected))
            + cell(ReferenceScenario::outcomeText(q.actual), !q.agrees())
            + cell(q.score > -1.5f ? QString::number(double(q.score), 'f', 3) : QStringLiteral("—"))
            + cell(q.matchedText.isEmpty() ? q.text : q.text + QStringLiteral(" → ") + q.matchedText)
            + QStringLiteral("</tr>");
    }
    html += QStringLiteral("</table>") + comparison.notes().join(u' ').toHtmlEscaped();
    return html;
}

void CachePanel::rebuildExploreCache()
{
    // The entries the run stored: every miss that was answered (and admitted semantic hits).
    CacheConfig config = m_report.config.cache;
    config.maxEntries = 0;
    config.maxBytes = 0;
    config.ttlNs = 0;
    const auto &vectors = m_simulator ? m_simulator->vectors() : QList<QList<float>> {};
    if (vectors.isEmpty()) {
        m_explore.reset();
        return;
    }
    m_explore = std::make_unique<SemanticCache>(int(vectors.constFirst().size()), config);
    for (const QueryOutcome &o : std::as_const(m_report.outcomes)) {
        const bool stored = (o.kind == CacheLookup::Kind::Miss && o.error.isEmpty())
            || (config.admitSemanticHits && o.kind == CacheLookup::Kind::SemanticHit);
        if (stored && o.index < vectors.size()) {
            const QList<float> &v = vectors.at(o.index);
            m_explore->insert(o.text, { v.constData(), size_t(v.size()) }, {}, o.group);
        }
    }
}

QList<CacheNeighbour> CachePanel::tryQuery(const QString &text)
{
    m_neighbours->clear();
    if (text.trimmed().isEmpty())
        return {};
    if (!m_explore) {
        m_neighbours->addItem(tr("Run a simulation first: the query is compared with what it cached."));
        return {};
    }
    if (auto *builtin = dynamic_cast<BuiltinEmbedder *>(m_embedder.get())) {
        const QList<float> vector = builtin->hashing().embed(text);
        showNeighbours(text, vector);
        return m_explore->nearest({ vector.constData(), size_t(vector.size()) }, 5);
    }
    // A remote embedder answers later; the list fills in then.
    QPointer<CachePanel> self(this);
    QCoro::connect(m_embedder->embed({ text }), this, [this, self, text](const EmbeddingBatch &batch) {
        if (!self)
            return;
        if (!batch.ok() || batch.vectors.isEmpty()) {
            m_neighbours->addItem(tr("embedding failed: %1").arg(batch.error));
            return;
        }
        showNeighbours(text, batch.vectors.constFirst());
    });
    return {};
}

void CachePanel::showNeighbours(const QString &text, const QList<float> &vector)
{
    m_neighbours->clear();
    const QList<CacheNeighbour> near = m_explore->nearest({ vector.constData(), size_t(vector.size()) }, 5);
    const double threshold = m_report.config.cache.threshold;
    const QString key = TextNormalizer::normalize(text);
    for (const CacheNeighbour &n : near) {
        const bool exact = TextNormalizer::normalize(n.text) == key;
        const QString verdict = exact ? tr("exact hit")
            : n.score >= threshold    ? tr("semantic hit")
                                      : tr("below threshold");
        auto *item = new QListWidgetItem(
            tr("%1  %2  (%3)").arg(QString::number(double(n.score), 'f', 3), n.text, verdict), m_neighbours);
        item->setData(Qt::UserRole, double(n.score));
    }
    if (near.isEmpty())
        m_neighbours->addItem(tr("The cache is empty."));
}

void CachePanel::updateButtons()
{
    m_run->setEnabled(!m_running && !m_trace.queries.isEmpty());
    m_cancel->setEnabled(m_running);
}
