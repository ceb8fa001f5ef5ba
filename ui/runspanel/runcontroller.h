#pragma once

#include "models/endpointrun.h"

#include <QList>
#include <QObject>
#include <QPointer>

class MetricsScraper;
class QTimer;


/*!
 * \brief Runs the same load against several endpoints at once and merges their progress.
 *
 * One LoadRunner per endpoint, all sharing one StreamingClient, so the endpoints are
 * measured side by side under the same conditions. Progress is coalesced to at most ~30
 * updates a second and summaries to ~5, so a fast run cannot flood the UI.
 */
class RunController : public QObject
{
    Q_OBJECT
public:
    explicit RunController(StreamingClient *client, QObject *parent = nullptr);
    ~RunController() override;

    /// Starts \a base against every endpoint in \a endpoints (ignored while a run is going).
    void start(QList<EndpointProfile> endpoints, LoadConfig base);
    /// Stops sending everywhere; requests in flight end as cancelled, finished ones are kept.
    void cancel();
    bool isRunning() const { return m_running; }
    bool wasCancelled() const { return m_cancelled; }

    /// Every endpoint's results so far, in the order the endpoints were given.
    QList<EndpointRun> results() const { return m_runs; }
    /// Seconds since start() (frozen once the run ended).
    double elapsedSeconds() const;
    /// Scrape each endpoint's /metrics (at its host's root) during runs; on by default. A
    /// server without one is noted once and the run goes on.
    void setServerMetricsEnabled(bool enabled) { m_scrapeServers = enabled; }
    bool serverMetricsEnabled() const { return m_scrapeServers; }
    void setServerMetricsInterval(int ms) { m_scrapeIntervalMs = ms; }

Q_SIGNALS:
    /// \a remainingS is extrapolated from the rate so far; negative while unknown.
    void progress(int done, int failed, int total, double elapsedS, double remainingS);
    void requestFinished(const QString &endpointId, const RequestRecord &record);
    /// The summaries in results() were recomputed.
    void resultsChanged();
    void started();
    void finished();

private:
    void onRecord(quint64 generation, int slot, const RequestRecord &record);
    void onRunnerDone(quint64 generation, int slot);
    void recomputeSummaries();
    void emitProgress();
    void startScrapers();
    void stopScrapers();
    void updateServerRecords();

    StreamingClient *m_client;
    QList<EndpointRun> m_runs;
    QList<QPointer<LoadRunner>> m_runners;
    QList<bool> m_dirty; ///< per endpoint: records arrived since the last summary
    QTimer *m_progressTimer;
    QTimer *m_summaryTimer;
    quint64 m_generation = 0; ///< results of an older run are dropped
    qint64 m_startNs = 0;
    qint64 m_endNs = 0;
    int m_total = 0;
    int m_done = 0;
    int m_failed = 0;
    bool m_running = false;
    bool m_cancelled = false;
    bool m_scrapeServers = true;
    int m_scrapeIntervalMs = 250;
    /// One scraper per /metrics address (two endpoints on one server share it), and the
    /// scraper of each endpoint slot (null when not scraped).
    QList<QPointer<MetricsScraper>> m_scrapers;
    QList<QPointer<MetricsScraper>> m_scraperOfSlot;
};
