#include "endpointsweep.h"

#include "batchsweep.h"

#include "client/streamingclient.h"
#include "common/clock.h"
#include "load/loadrunner.h"

#include <QTimer>

#include <QCoroTimer>

#include <cmath>

EndpointSweep::EndpointSweep(StreamingClient *client, QObject *parent)
    : QObject(parent)
    , m_client(client ? client : new StreamingClient(this))
    , m_levelTimer(new QTimer(this))
{
    m_levelTimer->setSingleShot(true);
    connect(m_levelTimer, &QTimer::timeout, this, [this] {
        if (m_config.timedLevels()) { // the level's end: what is in flight is cancelled
            if (!m_levelDone)
                endLevel(false);
            return;
        }
        // The time limit: what has finished so far is the measurement.
        if (!m_current.records.isEmpty())
            closeWindow(m_current.records.constLast().trace.endNs);
        if (!m_levelDone)
            endLevel(false);
    });
}

EndpointSweep::~EndpointSweep()
{
    cancel();
}

bool EndpointSweep::isStable(const QList<double> &throughputs, int windows, double tolerance)
{
    windows = std::max(1, windows);
    if (throughputs.size() < windows)
        return false;
    double mean = 0;
    for (qsizetype i = throughputs.size() - windows; i < throughputs.size(); ++i)
        mean += throughputs.at(i);
    mean /= windows;
    if (mean <= 0)
        return false;
    for (qsizetype i = throughputs.size() - windows; i < throughputs.size(); ++i) {
        if (std::abs(throughputs.at(i) - mean) > tolerance * mean)
            return false;
    }
    return true;
}

bool EndpointSweep::meetsSlo(const RequestMetrics &metrics, const ServiceLevel &slo)
{
    if (!metrics.ok)
        return false;
    if (slo.ttftMs > 0 && (!metrics.ttftMs || *metrics.ttftMs > slo.ttftMs))
        return false;
    // A one-token answer has no TPOT; it cannot break a TPOT limit.
    if (slo.tpotMs > 0 && metrics.tpotMs && *metrics.tpotMs > slo.tpotMs)
        return false;
    if (slo.e2eMs > 0 && metrics.e2eMs > slo.e2eMs)
        return false;
    return true;
}

EndpointSweepAnalysis EndpointSweep::analyse(const QList<SweepLevelResult> &results, bool sloSet,
                                             double sloTarget)
{
    EndpointSweepAnalysis a;
    QList<double> levels;
    QList<double> throughput;
    QList<double> attainment;
    for (const SweepLevelResult &r : results) {
        levels.append(r.level);
        throughput.append(r.outputTokensPerSecond);
        attainment.append(r.sloAttainment);
    }
    a.knee = BatchSweep::kneeIndex(levels, throughput);
    if (sloSet)
        a.bestSloLevel = BatchSweep::highestLevelMeetingSlo(levels, attainment, sloTarget);

    // A level where nothing succeeded has no latency; it must not "win" on it.
    QList<int> measured;
    QList<double> frontThroughput;
    QList<double> frontLatency;
    for (qsizetype i = 0; i < results.size(); ++i) {
        if (results.at(i).requestsOk == 0)
            continue;
        measured.append(int(i));
        frontThroughput.append(results.at(i).outputTokensPerSecond);
        frontLatency.append(results.at(i).e2eMs.p99);
    }
    for (int i : BatchSweep::paretoFront(frontThroughput, frontLatency))
        a.paretoFront.append(measured.at(i));
    return a;
}

QCoro::Task<QList<SweepLevelResult>> EndpointSweep::run(EndpointSweepConfig config)
{
    QPointer<EndpointSweep> self(this);
    m_config = std::move(config);
    if (m_config.prompts.isEmpty())
        m_config.prompts.append(GenerationRequest {});
    if (m_config.maxTokens > 0) {
        for (GenerationRequest &p : m_config.prompts)
            p.maxTokens = m_config.maxTokens;
    }
    m_config.stabilityWindows = std::max(1, m_config.stabilityWindows);
    m_config.maxWindows = std::max(m_config.maxWindows, m_config.stabilityWindows);
    m_results.clear();
    m_running = true;
    m_cancelled = false;
    const bool timed = m_config.timedLevels();
    const qint64 firstStartNs = m_config.firstLevelStartNs >= 0 ? m_config.firstLevelStartNs
                                                                 : m_client->clock()->nowNs();
    const qint64 levelNs = qint64(std::llround(m_config.levelSeconds * 1e9));
    const qint64 strideNs = levelNs + qint64(std::llround(std::max(0.0, m_config.levelGapSeconds) * 1e9));

    for (qsizetype i = 0; i < m_config.levels.size() && !m_cancelled; ++i) {
        const double level = m_config.levels.at(i);
        // What this process runs: the level, or a shard's share of it.
        const double runLevel = i < m_config.runLevels.size() ? m_config.runLevels.at(i) : level;
        const bool closed = m_config.axis == SweepAxis::Concurrency;
        const int concurrency = closed ? std::max(1, int(std::lround(runLevel))) : 0;
        const bool sitsOut = closed ? std::lround(runLevel) < 1 : runLevel <= 0;

        LoadConfig load;
        load.endpoint = m_config.endpoint;
        load.prompts = m_config.prompts;
        load.options = m_config.options;
        load.concurrency = concurrency;
        load.rate = closed ? 0 : runLevel;
        load.poisson = m_config.poisson;
        load.seed = m_config.seed + quint64(i);

        m_levelIndex = int(i);
        m_windowRequests = std::max(1, m_config.windowRequests);
        if (closed)
            m_windowRequests = std::max(m_windowRequests, 2 * concurrency);
        // Enough requests that the last window still has the level's load in flight; the
        // run is cancelled as soon as the level ends, so the surplus is never sent.
        qint64 requests = 0;
        if (timed) {
            requests = closed ? 10'000'000 : qint64(std::ceil(runLevel * m_config.levelSeconds * 1.5)) + 16;
        } else if (m_config.windowSeconds > 0) {
            double seconds = m_config.windowSeconds * m_config.maxWindows;
            if (m_config.maxSecondsPerLevel > 0)
                seconds = std::min(seconds, m_config.maxSecondsPerLevel);
            requests = closed ? 10'000'000 : qint64(std::ceil(level * seconds * 1.5)) + 16;
        } else {
            requests = qint64(m_windowRequests) * m_config.maxWindows
                + (closed ? concurrency : m_windowRequests + qint64(std::ceil(level)));
        }
        if (m_config.maxRequestsPerLevel > 0)
            requests = std::min<qint64>(requests, m_config.maxRequestsPerLevel);
        load.requests = int(std::clamp<qint64>(requests, 1, 10'000'000));

        m_windows.clear();
        m_current = {};
        m_finished = 0;
        m_levelDone = false;
        m_levelStable = false;
        m_levelRecords.clear();

        if (timed) {
            // Every shard starts and ends the level at the same time on its clock.
            m_levelStartNs = firstStartNs + qint64(i) * strideNs;
            if (!co_await waitUntil(m_levelStartNs))
                co_return {};
            if (m_cancelled)
                break;
        }
        LoadRunner *runner = sitsOut ? nullptr : new LoadRunner(m_client, this);
        m_runner = runner;
        if (runner)
            connect(runner, &LoadRunner::requestFinished, this, &EndpointSweep::onRequestFinished);
        Q_EMIT levelStarted(int(i), level);
        m_current.startNs = timed ? m_levelStartNs : m_client->clock()->nowNs();
        if (timed)
            m_levelTimer->start(int(std::max<qint64>(0, (m_levelStartNs + levelNs - m_client->clock()->nowNs() + 999'999)
                                                            / 1'000'000)));
        else if (m_config.maxSecondsPerLevel > 0)
            m_levelTimer->start(int(std::ceil(m_config.maxSecondsPerLevel * 1000)));

        if (m_cancelled) { // by a slot of levelStarted
            if (runner)
                runner->deleteLater();
            break;
        }
        if (!runner) {
            // A shard whose share of this level is nothing: it waits for the level to end.
            if (!co_await waitUntil(timed ? m_levelStartNs + levelNs : m_client->clock()->nowNs()))
                co_return {};
        } else {
            co_await runner->run(load);
            if (!self)
                co_return {};
            runner->deleteLater();
        }
        m_levelTimer->stop();
        if (m_cancelled)
            break;
        if (timed) {
            m_levelDone = true;
            EndpointSweepConfig one = m_config;
            one.levels = { level };
            QList<RequestRecord> records = std::move(m_levelRecords);
            for (RequestRecord &r : records)
                r.sweepLevel = 0;
            SweepLevelResult result = timedLevelResults(one, records).constFirst();
            m_results.append(result);
            Q_EMIT levelFinished(result);
            continue;
        }
        if (!m_levelDone) {
            // The runner ran out of requests (a request limit) before the level ended.
            if (!m_current.records.isEmpty())
                closeWindow(m_current.records.constLast().trace.endNs);
            m_levelDone = true;
            m_levelStable = isStable(windowThroughputs(), m_config.stabilityWindows,
                                     m_config.stabilityTolerance);
        }
        SweepLevelResult result = levelResult(level);
        m_results.append(result);
        Q_EMIT levelFinished(result);
    }
    m_running = false;
    QList<SweepLevelResult> results = m_results; // co_return moves; keep ours for results()
    co_return results;
}

QList<double> EndpointSweep::windowThroughputs() const
{
    QList<double> values;
    for (const Window &w : m_windows)
        values.append(w.tokensPerSecond);
    return values;
}

QCoro::Task<bool> EndpointSweep::waitUntil(qint64 clockNs)
{
    QPointer<EndpointSweep> self(this);
    QTimer timer;
    timer.setSingleShot(true);
    timer.setTimerType(Qt::PreciseTimer);
    for (;;) {
        const qint64 left = clockNs - m_client->clock()->nowNs();
        if (left <= 0 || m_cancelled)
            co_return true;
        timer.start(int(std::min<qint64>((left + 999'999) / 1'000'000, 1000)));
        co_await qCoro(&timer).waitForTimeout();
        if (!self)
            co_return false;
    }
}

void EndpointSweep::onTimedRequestFinished(RequestRecord &record)
{
    const qint64 endNs = record.trace.endNs;
    const qint64 windowNs = std::max<qint64>(1, qint64(std::llround(m_config.timedWindowSeconds() * 1e9)));
    const qint64 levelEndNs = m_levelStartNs + windowNs * m_config.maxWindows;
    // By its end time, not by when it reaches us: one that ended just before the level's end
    // counts even when the level's timer fired first.
    if (m_cancelled || record.warmup || record.trace.error == ErrorClass::Cancelled || endNs < m_levelStartNs
        || endNs > levelEndNs)
        return;
    record.sweepWindow = int(std::min<qint64>((endNs - m_levelStartNs) / windowNs, m_config.maxWindows - 1));
    ++m_finished;
    m_levelRecords.append(record);
    Q_EMIT progress(m_levelIndex, int(m_config.levels.size()), record.sweepWindow, m_finished);
}

void EndpointSweep::onRequestFinished(RequestRecord record)
{
    record.sweepLevel = m_levelIndex;
    record.sweepWindow = -1;
    if (m_config.timedLevels()) {
        onTimedRequestFinished(record);
        Q_EMIT requestFinished(record);
        return;
    }
    if (m_levelDone || m_cancelled || record.warmup || record.trace.error == ErrorClass::Cancelled) {
        Q_EMIT requestFinished(record);
        return;
    }
    record.sweepWindow = int(m_windows.size());
    Q_EMIT requestFinished(record);
    ++m_finished;
    m_current.records.append(record);
    const qint64 endNs = record.trace.endNs;
    const bool full = m_config.windowSeconds > 0
        ? double(endNs - m_current.startNs) >= m_config.windowSeconds * 1e9
        : m_current.records.size() >= m_windowRequests;
    if (full) {
        closeWindow(endNs);
        if (isStable(windowThroughputs(), m_config.stabilityWindows, m_config.stabilityTolerance)) {
            endLevel(true);
            return;
        }
        if (m_windows.size() >= m_config.maxWindows) {
            endLevel(false);
            return;
        }
    }
    if (m_config.maxRequestsPerLevel > 0 && m_finished >= m_config.maxRequestsPerLevel) {
        if (!m_current.records.isEmpty())
            closeWindow(endNs);
        endLevel(false);
        return;
    }
    Q_EMIT progress(m_levelIndex, int(m_config.levels.size()), int(m_windows.size()), m_finished);
}

void EndpointSweep::closeWindow(qint64 endNs)
{
    Window w = std::move(m_current);
    w.endNs = std::max(endNs, w.startNs + 1);
    qint64 tokens = 0;
    for (const RequestRecord &r : w.records) {
        if (r.metrics.ok)
            tokens += r.metrics.outputTokens;
    }
    w.tokensPerSecond = double(tokens) * 1e9 / double(w.endNs - w.startNs);
    m_current = {};
    m_current.startNs = w.endNs;
    m_windows.append(std::move(w));
    Q_EMIT progress(m_levelIndex, int(m_config.levels.size()), int(m_windows.size()), m_finished);
}

void EndpointSweep::endLevel(bool stable)
{
    m_levelDone = true;
    m_levelStable = stable;
    m_levelTimer->stop();
    cancelRunnerLater();
}

void EndpointSweep::cancelRunnerLater()
{
    // Not from inside the runner's own signal (a slot of requestFinished or of our progress):
    // cancel once the emission has returned.
    if (m_runner)
        QMetaObject::invokeMethod(
            m_runner.data(),
            [runner = m_runner] {
                if (runner)
                    runner->cancel();
            },
            Qt::QueuedConnection);
}

SweepLevelResult EndpointSweep::levelResult(double level) const
{
    SweepLevelResult r;
    r.level = level;
    r.requestsFinished = m_finished;
    r.stable = m_levelStable;
    r.windowTokensPerSecond = windowThroughputs();
    if (m_windows.isEmpty())
        return r;

    const qsizetype first = std::max<qsizetype>(0, m_windows.size() - m_config.stabilityWindows);
    QList<RequestRecord> records;
    for (qsizetype i = first; i < m_windows.size(); ++i)
        records += m_windows.at(i).records;
    r.measuredWindows = int(m_windows.size() - first);
    r.measuredSeconds = double(m_windows.constLast().endNs - m_windows.at(first).startNs) / 1e9;

    fillFigures(r, records, m_config.slo);
    return r;
}

void EndpointSweep::fillFigures(SweepLevelResult &r, const QList<RequestRecord> &records, const ServiceLevel &slo)
{
    const RunSummary s = Metrics::summarize(records);
    r.requestsOk = s.requestsOk;
    r.requestsFailed = s.requestsFailed;
    r.failuresByClass = s.failuresByClass;
    r.ttftMs = s.ttftMs;
    r.tpotMs = s.tpotMs;
    r.e2eMs = s.e2eMs;

    qint64 tokens = 0;
    int meeting = 0;
    for (const RequestRecord &rec : records) {
        if (!rec.metrics.ok)
            continue;
        tokens += rec.metrics.outputTokens;
        if (meetsSlo(rec.metrics, slo))
            ++meeting;
    }
    if (r.measuredSeconds > 0) {
        r.requestsPerSecond = r.requestsOk / r.measuredSeconds;
        r.outputTokensPerSecond = double(tokens) / r.measuredSeconds;
        r.goodput = meeting / r.measuredSeconds;
    }
    const int counted = r.requestsOk + r.requestsFailed;
    r.sloAttainment = counted > 0 ? double(meeting) / counted : 0;
}

QList<SweepLevelResult> EndpointSweep::timedLevelResults(const EndpointSweepConfig &config,
                                                         const QList<RequestRecord> &records)
{
    const int windows = std::max(1, config.maxWindows);
    const int measured = std::clamp(config.stabilityWindows, 1, windows);
    const double windowSeconds = config.timedWindowSeconds();
    QList<QList<QList<RequestRecord>>> byLevel(config.levels.size(), QList<QList<RequestRecord>>(windows));
    for (const RequestRecord &r : records) {
        if (r.sweepLevel >= 0 && r.sweepLevel < config.levels.size() && r.sweepWindow >= 0
            && r.sweepWindow < windows)
            byLevel[r.sweepLevel][r.sweepWindow].append(r);
    }
    QList<SweepLevelResult> results;
    for (qsizetype i = 0; i < config.levels.size(); ++i) {
        SweepLevelResult r;
        r.level = config.levels.at(i);
        QList<RequestRecord> measuredRecords;
        for (int w = 0; w < windows; ++w) {
            const QList<RequestRecord> &in = byLevel.at(i).at(w);
            r.requestsFinished += int(in.size());
            qint64 tokens = 0;
            for (const RequestRecord &rec : in) {
                if (rec.metrics.ok)
                    tokens += rec.metrics.outputTokens;
            }
            r.windowTokensPerSecond.append(windowSeconds > 0 ? double(tokens) / windowSeconds : 0);
            if (w >= windows - measured)
                measuredRecords += in;
        }
        r.measuredWindows = measured;
        r.measuredSeconds = windowSeconds * measured;
        r.stable = isStable(r.windowTokensPerSecond, measured, config.stabilityTolerance);
        fillFigures(r, measuredRecords, config.slo);
        results.append(r);
    }
    return results;
}

void EndpointSweep::cancel()
{
    if (!m_running)
        return;
    m_cancelled = true;
    m_levelTimer->stop();
    cancelRunnerLater();
}

std::optional<ServiceModel> EndpointSweep::fitServiceModel(const QList<SweepLevelResult> &results, SweepAxis axis)
{
    if (axis != SweepAxis::Concurrency)
        return std::nullopt;
    QList<std::pair<int, double>> points;
    for (const SweepLevelResult &r : results) {
        if (r.tpotMs.count > 0 && r.tpotMs.p50 > 0)
            points.append({ int(r.level), r.tpotMs.p50 });
    }
    return ServiceModel::fitDecodeSteps(points);
}
