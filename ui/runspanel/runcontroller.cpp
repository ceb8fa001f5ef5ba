#include "runcontroller.h"

#include "client/streamingclient.h"
#include "common/clock.h"
#include "servermetrics/metricsscraper.h"

#include <QTimer>

namespace {
constexpr int ProgressIntervalMs = 33; // ~30 Hz
constexpr int SummaryIntervalMs = 200; // ~5 Hz: summarizing sorts every figure of the run
} // namespace

RunController::RunController(StreamingClient *client, QObject *parent)
    : QObject(parent)
    , m_client(client)
    , m_progressTimer(new QTimer(this))
    , m_summaryTimer(new QTimer(this))
{
    m_progressTimer->setSingleShot(true);
    m_progressTimer->setInterval(ProgressIntervalMs);
    connect(m_progressTimer, &QTimer::timeout, this, &RunController::emitProgress);
    m_summaryTimer->setSingleShot(true);
    m_summaryTimer->setInterval(SummaryIntervalMs);
    connect(m_summaryTimer, &QTimer::timeout, this, &RunController::recomputeSummaries);
}

RunController::~RunController()
{
    // The runners are our children; bumping the generation drops anything they still say.
    ++m_generation;
}

void RunController::start(QList<EndpointProfile> endpoints, LoadConfig base)
{
    if (m_running || endpoints.isEmpty())
        return;
    for (const QPointer<LoadRunner> &runner : std::as_const(m_runners)) {
        if (runner)
            runner->deleteLater();
    }
    m_runners.clear();
    m_runs.clear();
    m_dirty.clear();
    const quint64 generation = ++m_generation;
    m_running = true;
    m_cancelled = false;
    m_done = m_failed = 0;
    m_total = int(endpoints.size()) * std::max(0, base.requests);
    m_startNs = m_client->clock()->nowNs();
    m_endNs = 0;

    for (const EndpointProfile &endpoint : std::as_const(endpoints)) {
        EndpointRun run;
        run.endpoint = endpoint;
        run.config = base;
        run.config.endpoint = endpoint;
        m_runs.append(run);
        m_dirty.append(false);
    }
    startScrapers();
    Q_EMIT started();
    Q_EMIT progress(0, 0, m_total, 0, -1);

    for (int slot = 0; slot < m_runs.size(); ++slot) {
        auto *runner = new LoadRunner(m_client, this);
        m_runners.append(runner);
        connect(
            runner, &LoadRunner::requestFinished, this,
            [this, generation, slot](const RequestRecord &record) { onRecord(generation, slot, record); });
        QCoro::connect(
            runner->run(m_runs.at(slot).config), this,
            [this, generation, slot](const QList<RequestRecord> &) { onRunnerDone(generation, slot); });
    }
}

void RunController::cancel()
{
    if (!m_running)
        return;
    m_cancelled = true;
    for (const QPointer<LoadRunner> &runner : std::as_const(m_runners)) {
        if (runner)
            runner->cancel();
    }
}

double RunController::elapsedSeconds() const
{
    if (m_startNs == 0)
        return 0;
    const qint64 end = m_running ? m_client->clock()->nowNs() : m_endNs;
    return double(end - m_startNs) / 1e9;
}

void RunController::onRecord(quint64 generation, int slot, const RequestRecord &record)
{
    if (generation != m_generation || slot >= m_runs.size())
        return;
    EndpointRun &run = m_runs[slot];
    run.records.append(record);
    m_dirty[slot] = true;
    if (!record.warmup) {
        ++m_done;
        // A cancelled request is the user's doing, not the endpoint's failure.
        if (!record.trace.ok() && record.trace.error != ErrorClass::Cancelled)
            ++m_failed;
    }
    Q_EMIT requestFinished(run.endpoint.id, run.records.constLast());
    if (!m_progressTimer->isActive())
        m_progressTimer->start();
    if (!m_summaryTimer->isActive())
        m_summaryTimer->start();
}

void RunController::onRunnerDone(quint64 generation, int slot)
{
    if (generation != m_generation || slot >= m_runs.size())
        return;
    m_runs[slot].finished = true;
    m_dirty[slot] = true;
    const bool allDone
        = std::all_of(m_runs.cbegin(), m_runs.cend(), [](const EndpointRun &run) { return run.finished; });
    if (!allDone)
        return;
    m_endNs = m_client->clock()->nowNs();
    m_running = false;
    m_progressTimer->stop();
    m_summaryTimer->stop();
    stopScrapers();
    for (bool &dirty : m_dirty)
        dirty = true;
    recomputeSummaries();
    emitProgress();
    Q_EMIT finished();
}

void RunController::startScrapers()
{
    for (const QPointer<MetricsScraper> &scraper : std::as_const(m_scrapers)) {
        if (scraper)
            scraper->deleteLater();
    }
    m_scrapers.clear();
    m_scraperOfSlot.clear();
    QHash<QUrl, MetricsScraper *> byUrl;
    for (const EndpointRun &run : std::as_const(m_runs)) {
        const QUrl base(run.endpoint.baseUrl);
        const QUrl url = MetricsScraper::addressFor(run.endpoint.serverMetrics, base);
        if (!m_scrapeServers || !url.isValid()) {
            m_scraperOfSlot.append(nullptr);
            continue;
        }
        MetricsScraper *scraper = byUrl.value(url);
        if (!scraper) {
            // Its own connection: a scrape never queues behind, or delays, a measured request.
            scraper = new MetricsScraper(m_client->clock(), this);
            scraper->setInterval(std::chrono::milliseconds(m_scrapeIntervalMs));
            scraper->setRunStartNs(m_startNs);
            scraper->configure(run.endpoint.serverMetrics, base);
            connect(scraper, &MetricsScraper::scraped, this, [this] {
                if (!m_summaryTimer->isActive())
                    m_summaryTimer->start();
            });
            byUrl.insert(url, scraper);
            m_scrapers.append(scraper);
            scraper->start();
        }
        m_scraperOfSlot.append(scraper);
    }
}

void RunController::stopScrapers()
{
    for (const QPointer<MetricsScraper> &scraper : std::as_const(m_scrapers)) {
        if (scraper)
            scraper->stop();
    }
}

void RunController::updateServerRecords()
{
    for (int slot = 0; slot < m_runs.size() && slot < m_scraperOfSlot.size(); ++slot) {
        const MetricsScraper *scraper = m_scraperOfSlot.at(slot);
        if (!scraper)
            continue;
        ServerMetricsRecord record = ServerMetricsRecord::fromTimeline(scraper->timeline());
        record.url = scraper->metricsUrl().toString();
        record.intervalMs = double(scraper->interval().count());
        record.failures = scraper->failureCount();
        record.lastError = scraper->lastError();
        m_runs[slot].serverMetrics = record;
    }
}

void RunController::recomputeSummaries()
{
    updateServerRecords();
    bool changed = !m_scrapers.isEmpty();
    for (int slot = 0; slot < m_runs.size(); ++slot) {
        if (!m_dirty.at(slot))
            continue;
        const LoadRunner *runner = m_runners.value(slot);
        m_runs[slot].summary
            = Metrics::summarize(m_runs.at(slot).records, runner ? runner->peakConcurrency() : 0);
        if (runner)
            m_runs[slot].summary.client = runner->clientOverhead();
        m_dirty[slot] = false;
        changed = true;
    }
    if (changed)
        Q_EMIT resultsChanged();
}

void RunController::emitProgress()
{
    const double elapsed = elapsedSeconds();
    double remaining = -1;
    if (!m_running)
        remaining = 0;
    else if (m_done > 0 && elapsed > 0)
        remaining = elapsed * double(m_total - m_done) / double(m_done);
    Q_EMIT progress(m_done, m_failed, m_total, elapsed, remaining);
}
