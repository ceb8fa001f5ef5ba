#pragma once

#include "servermetrics/metricsscraper.h"
#include "servermetrics/servermetricsrecord.h"

#include "metrics/runsummary.h"

#include <QCommandLineOption>
#include <QCommandLineParser>
#include <QCoroTask>
#include <QUrl>

#include <chrono>
#include <memory>
#include <optional>

class Clock;

/// \brief How run and sweep read the server's Prometheus /metrics while they measure.
namespace CliServerMetrics {

/// --server-metrics auto|off|URL, --server-metrics-interval MS.
QList<QCommandLineOption> options();
/// --server-metrics-csv FILE (run only).
QCommandLineOption csvOption();

/// \brief What the options asked for.
struct Settings
{
    enum class Mode {
        Off,
        Auto, ///< /metrics at the root of the endpoint's host, if it has one
        Url, ///< this address, whatever it answers
    };
    Mode mode = Mode::Auto;
    QUrl url; ///< Mode::Url
    std::chrono::milliseconds interval = MetricsScraper::DefaultInterval;
};
/// Reads the options; nullopt (after printing the error) when one is invalid.
std::optional<Settings> settingsFrom(const QCommandLineParser &parser);

/*!
 * \brief One command's scraping of the server: started beside the measurement on its own
 * connection and on the measurement's clock, so that its points share the requests' time axis.
 *
 * Failures are told once on stderr and never fail the command. With auto-discovery, a server
 * that answers the first scrape with no /metrics (or not at all) is left alone for the rest of
 * the command.
 */
class Session
{
public:
    /// \a clock must be the clock of the measured requests, and outlive the session.
    Session(const Settings &settings, Clock *clock);
    ~Session();
    Session(const Session &) = delete;
    Session &operator=(const Session &) = delete;

    /// Starts polling for the endpoint at \a endpointBaseUrl; nothing when the mode is Off.
    void start(const QUrl &endpointBaseUrl);
    /*!
     * Waits until the first scrape has come back (or failed), at most the scrape timeout:
     * awaited before the first request, so that the server's counters and histograms are read
     * once before the run adds to them. Returns at once when nothing is polled.
     */
    QCoro::Task<> baseline();
    /*!
     * Waits until a scrape taken after this call has come back (or failed), at most two
     * intervals plus the scrape timeout: the server's histograms then hold the last requests.
     * Awaited by the command before stop(). Returns at once when nothing is polled.
     */
    QCoro::Task<> settle();
    /// Stops polling.
    void stop();

    bool isEnabled() const { return m_scraper != nullptr; }
    /// The scrapes so far (on the clock given to the constructor).
    const ServerMetricsTimeline *timeline() const;

    /*!
     * The record to export and store, its times counted from \a originNs (the run's earliest
     * request start). nullopt when off, or when auto-discovery found nothing to scrape.
     */
    std::optional<ServerMetricsRecord> record(qint64 originNs) const;
    /// The server's figures between two instants of the clock (a sweep level).
    ServerWindowSummary window(qint64 fromNs, qint64 toNs) const;

private:
    void onFailed(const QString &message);

    Settings m_settings;
    Clock *m_clock;
    std::unique_ptr<MetricsScraper> m_scraper;
    bool m_told = false;
};

/// The server's lines of the run's text summary: kind, mean running, max waiting, max KV
/// cache use, and the server's TTFT p50/p99 beside the client's.
void printRunSummary(const ServerMetricsRecord &record, const RunSummary &client);

} // namespace CliServerMetrics
