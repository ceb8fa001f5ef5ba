#pragma once

#include "batchsimulator.h"

#include "client/requestoptions.h"
#include "metrics/runsummary.h"
#include "protocol/endpointprofile.h"

#include <QCoroTask>
#include <QList>
#include <QMap>
#include <QObject>
#include <QPointer>

#include <algorithm>

class LoadRunner;
class StreamingClient;
class QTimer;

/// \brief What a sweep varies: requests in flight (closed loop) or requests per second (open loop).
enum class SweepAxis {
    Concurrency,
    Rate,
};

/// \brief A sweep of one endpoint over concurrency levels or request rates.
struct EndpointSweepConfig
{
    EndpointProfile endpoint;
    QList<GenerationRequest> prompts; ///< used in turn; empty = one default request
    int maxTokens = 0; ///< > 0: overrides every prompt's max tokens
    RequestOptions options;

    SweepAxis axis = SweepAxis::Concurrency;
    QList<double> levels; ///< concurrencies (whole numbers ≥ 1) or rates (> 0), in the order run
    bool poisson = false; ///< rates: exponential gaps instead of constant ones
    quint64 seed = 1; ///< rates: seed of the Poisson schedule

    /// A measurement window ends when this many requests have finished. At a concurrency C
    /// it is raised to at least 2 × C, so that a window spans whole rounds of requests.
    int windowRequests = 32;
    /// > 0: windows by time instead; a window ends with the first request that finishes at
    /// least this long after the window began (so it always spans whole requests).
    double windowSeconds = 0;
    /// Stable (perf_analyzer's rule): the output tokens/s of the last \c stabilityWindows
    /// windows are all within \c stabilityTolerance of their mean.
    int stabilityWindows = 3;
    double stabilityTolerance = 0.10;
    int maxWindows = 10; ///< a level that is not stable after this many windows ends anyway
    int maxRequestsPerLevel = 0; ///< 0 = no limit beyond maxWindows
    double maxSecondsPerLevel = 0; ///< 0 = no limit

    ServiceLevel slo; ///< for goodput and attainment; unset = every successful request counts
    double sloTarget = 0.99; ///< the attainment a level needs to "meet the SLOs"

    /// > 0: timed levels. Each level runs exactly this long (what is still in flight then is
    /// cancelled), cut into \c maxWindows equal windows by finish time; the last
    /// \c stabilityWindows are measured, and stability is reported but never ends a level
    /// early. The shards of a sweep run timed levels, so that they start and end each level
    /// together and their requests merge into exactly the levels one process would measure.
    double levelSeconds = 0;
    double levelGapSeconds = 1.0; ///< timed levels: the pause between levels, for cancelled requests to go
    /// Timed levels: when the first level starts on the client's clock (-1: at once); level i
    /// starts at firstLevelStartNs + i × (levelSeconds + levelGapSeconds).
    qint64 firstLevelStartNs = -1;
    /// One shard of a sweep: what it runs at each level (its share of the concurrency or the
    /// rate); a share below 1 of a concurrency sits the level out. Empty: the levels themselves.
    QList<double> runLevels;

    bool timedLevels() const { return levelSeconds > 0; }
    /// Timed levels: the length of a window.
    double timedWindowSeconds() const { return levelSeconds / std::max(1, maxWindows); }
};

/// \brief What one level of an endpoint sweep measured (over its last, measured windows).
struct SweepLevelResult
{
    double level = 0;
    int requestsOk = 0; ///< in the measured windows
    int requestsFailed = 0; ///< in the measured windows (cancellations excluded)
    int requestsFinished = 0; ///< everything that finished during the level, every window
    QMap<ErrorClass, int> failuresByClass; ///< in the measured windows

    double requestsPerSecond = 0; ///< successful requests / measured time
    double outputTokensPerSecond = 0; ///< output tokens of successful requests / measured time
    Distribution ttftMs;
    Distribution tpotMs;
    Distribution e2eMs;

    QList<double> windowTokensPerSecond; ///< every window of the level, in order
    int measuredWindows = 0; ///< the last windows the figures above come from
    double measuredSeconds = 0;
    bool stable = false; ///< false: a limit ended the level before it stabilised

    double goodput = 0; ///< requests/s that succeeded and met every SLO
    double sloAttainment = 0; ///< share of finished requests that succeeded and met every SLO
};

/// \brief The sweep read across levels.
struct EndpointSweepAnalysis
{
    int knee = -1; ///< index of the knee of output tokens/s against level; −1 if < 3 levels
    int bestSloLevel = -1; ///< index of the highest level meeting the SLOs; −1 if none (or no SLO)
    QList<int> paretoFront; ///< indexes: output tokens/s against E2E p99, throughput ascending
};

/*!
 * \brief Runs an endpoint at each level of a sweep until its throughput is stable or a
 * limit ends it, and reports throughput, latency percentiles, errors and goodput per level.
 *
 * Each level is one LoadRunner run (closed loop at the concurrency, or open loop at the
 * rate) sliced into windows by finish time, so requests stay in flight across window
 * boundaries; when the level ends, the requests still in flight are cancelled.
 */
class EndpointSweep : public QObject
{
    Q_OBJECT
public:
    /// Uses \a client if given (not owned), else a client of its own.
    explicit EndpointSweep(StreamingClient *client = nullptr, QObject *parent = nullptr);
    ~EndpointSweep() override;

    /// Runs every level in turn; returns the finished levels (all of them unless cancelled).
    QCoro::Task<QList<SweepLevelResult>> run(EndpointSweepConfig config);
    /// Stops the level running now (its results are dropped); finished levels are kept.
    void cancel();

    bool isRunning() const { return m_running; }
    bool wasCancelled() const { return m_cancelled; }
    const QList<SweepLevelResult> &results() const { return m_results; }

    /// Knee, best SLO level and Pareto front of \a results (\a sloSet: whether SLOs were given).
    static EndpointSweepAnalysis analyse(const QList<SweepLevelResult> &results, bool sloSet,
                                         double sloTarget = 0.99);
    /// perf_analyzer's rule on the last \a windows values of \a throughputs.
    static bool isStable(const QList<double> &throughputs, int windows = 3, double tolerance = 0.10);
    /// The simulator's service model fitted to a concurrency sweep: TPOT p50 against the
    /// concurrency of each level (a decode step serves that many sequences). nullopt for a
    /// rate sweep or fewer than two levels with TPOT figures.
    static std::optional<ServiceModel> fitServiceModel(const QList<SweepLevelResult> &results, SweepAxis axis);
    /// Whether a successful request's figures meet every limit of \a slo that is set.
    static bool meetsSlo(const RequestMetrics &metrics, const ServiceLevel &slo);
    /*!
     * Timed levels' results from their requests, each tagged with its level and window
     * (RequestRecord::sweepLevel, sweepWindow): one result per level of \a config. What the
     * sweep itself reports, and what merging its shards' requests gives: window throughputs
     * are the union's tokens over the window's length, percentiles the union's.
     */
    static QList<SweepLevelResult> timedLevelResults(const EndpointSweepConfig &config,
                                                     const QList<RequestRecord> &records);

Q_SIGNALS:
    void levelStarted(int index, double level);
    void levelFinished(const SweepLevelResult &result);
    /// \a windows of the current level closed so far; \a finished requests of the level.
    void progress(int levelIndex, int levelCount, int windows, int finished);
    /// Every request that ended, of every level (warm-ups and cancelled ones too): for the history.
    void requestFinished(const RequestRecord &record);

private:
    struct Window
    {
        QList<RequestRecord> records;
        qint64 startNs = 0;
        qint64 endNs = 0;
        double tokensPerSecond = 0;
    };

    void onRequestFinished(RequestRecord record);
    void onTimedRequestFinished(RequestRecord &record);
    QCoro::Task<bool> waitUntil(qint64 clockNs);
    void closeWindow(qint64 endNs);
    void endLevel(bool stable);
    void cancelRunnerLater();
    SweepLevelResult levelResult(double level) const;
    /// Counts, percentiles, throughput, goodput and attainment of \a records over r.measuredSeconds.
    static void fillFigures(SweepLevelResult &r, const QList<RequestRecord> &records, const ServiceLevel &slo);
    QList<double> windowThroughputs() const;

    StreamingClient *m_client = nullptr;
    EndpointSweepConfig m_config;
    QList<SweepLevelResult> m_results;
    QPointer<LoadRunner> m_runner;
    QTimer *m_levelTimer = nullptr;

    // The level running now.
    int m_levelIndex = 0;
    int m_windowRequests = 0;
    QList<Window> m_windows;
    Window m_current;
    int m_finished = 0;
    bool m_levelDone = false;
    bool m_levelStable = false;
    qint64 m_levelStartNs = 0; ///< timed levels: when this level began, on the client's clock
    QList<RequestRecord> m_levelRecords; ///< timed levels: this level's tagged requests

    bool m_running = false;
    bool m_cancelled = false;
};
