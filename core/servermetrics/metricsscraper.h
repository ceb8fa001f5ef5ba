#pragma once

#include "prometheusparser.h"
#include "servermetricstimeline.h"

#include <QByteArray>
#include <QElapsedTimer>
#include <QObject>
#include <QTimer>
#include <QUrl>

#include <chrono>

class Clock;
class QNetworkAccessManager;
class QNetworkReply;

/*!
 * \brief Polls a server's Prometheus /metrics while TokenScope measures it, into a
 * ServerMetricsTimeline.
 *
 * Uses its own QNetworkAccessManager, so a scrape never shares (or queues behind) a connection
 * of a measured request, which go through the client's own connection pool. One scrape at a
 * time: the next starts one interval after the previous one started, or at once when the
 * previous took longer. Each scrape is stamped on the injected clock when its response headers
 * arrive (the server rendered the body just before), has its own timeout, and a capped body.
 */
class MetricsScraper : public QObject
{
    Q_OBJECT
public:
    static constexpr std::chrono::milliseconds DefaultInterval { 250 };
    static constexpr std::chrono::milliseconds DefaultTimeout { 2000 };
    static constexpr qsizetype DefaultMaxBodyBytes = qsizetype(8) * 1024 * 1024;

    explicit MetricsScraper(QObject *parent = nullptr);
    /// \a clock stamps the scrapes and must outlive the scraper; null means Clock::system().
    explicit MetricsScraper(Clock *clock, QObject *parent = nullptr);
    ~MetricsScraper() override;

    /// scheme://host:port/metrics for \a baseUrl, whatever its path, query or user info; an
    /// invalid URL when \a baseUrl is no http(s) address with a host.
    static QUrl metricsUrlFor(const QUrl &baseUrl);

    /// Polls \a url as given; an HTTP error is reported on every scrape and polling goes on.
    void setMetricsUrl(const QUrl &url);
    /*!
     * Polls /metrics at the root of \a baseUrl's host. A 404 there (or llama.cpp's 501 when it
     * was started without --metrics) means the server exposes none: reported once through
     * failed(), and polling stops (isUnavailable()).
     */
    void discoverFrom(const QUrl &baseUrl);
    /// The /metrics address \a setting names for an endpoint at \a baseUrl: "" or "auto" →
    /// the host's root (metricsUrlFor), "off" → an invalid URL, anything else → that URL.
    static QUrl addressFor(const QString &setting, const QUrl &baseUrl);
    /// Applies \a setting as addressFor() reads it (discovering for "auto"); false for "off".
    bool configure(const QString &setting, const QUrl &baseUrl);
    QUrl metricsUrl() const { return m_url; }
    bool isDiscovering() const { return m_discover; }

    void setInterval(std::chrono::milliseconds interval);
    std::chrono::milliseconds interval() const { return m_interval; }
    void setTimeout(std::chrono::milliseconds timeout);
    std::chrono::milliseconds timeout() const { return m_timeout; }
    /// Bodies above this are dropped (the same cap applies to the parser's input).
    void setMaxBodyBytes(qsizetype bytes);
    qsizetype maxBodyBytes() const { return m_maxBodyBytes; }

    /// The run's start on the scraper's clock: the timeline's points count from it.
    void setRunStartNs(qint64 ns) { m_timeline.setOriginNs(ns); }

    /// Starts polling with a scrape at once. An unusable URL is reported through failed().
    void start();
    /// Stops polling and aborts a scrape in flight (nothing is emitted for it).
    void stop();
    bool isRunning() const { return m_running; }
    /// Discovery found no /metrics, and polling stopped.
    bool isUnavailable() const { return m_unavailable; }

    const ServerMetricsTimeline &timeline() const { return m_timeline; }
    /// The timeline so far; the scraper goes on with an empty one (same origin).
    ServerMetricsTimeline takeTimeline();

    int scrapeCount() const { return m_scrapeCount; } ///< successful scrapes
    int failureCount() const { return m_failureCount; }
    QString lastError() const { return m_lastError; }
    /// What the last successful scrape skipped as malformed, or empty.
    QString lastWarning() const { return m_lastWarning; }

Q_SIGNALS:
    /// A scrape was added to the timeline.
    void scraped();
    /// A scrape failed; \a message says why, for the user (HTTP status, not Prometheus text,
    /// connection refused, no answer in time, body too large, no /metrics at all).
    void failed(const QString &message);

private:
    void scrapeNow();
    void onMetaDataChanged();
    void onReadyRead();
    void onFinished();
    void onTimeout();
    void scheduleNext();
    void dropReply();
    void abortLater();
    /// Aborts the scrape in flight and concludes it (a timeout, or a body over the cap).
    void abortReply();
    /// Ends the scrape of \a reply (m_reply): concludes it, schedules the next, then reports.
    void finish(QNetworkReply *reply);
    /// Handles a finished reply; returns the failure message, empty on success.
    QString conclude(QNetworkReply *reply, qint64 tNs);

    Clock *m_clock;
    QNetworkAccessManager *m_nam;
    QNetworkReply *m_reply = nullptr; ///< the scrape in flight (a child of m_nam)
    QTimer m_pollTimer;
    QTimer m_timeoutTimer;
    QElapsedTimer m_pace;
    qint64 m_lastStartMs = 0;

    QUrl m_url;
    bool m_discover = false;
    std::chrono::milliseconds m_interval = DefaultInterval;
    std::chrono::milliseconds m_timeout = DefaultTimeout;
    qsizetype m_maxBodyBytes = DefaultMaxBodyBytes;

    QByteArray m_body;
    qint64 m_headersNs = -1;
    bool m_timedOut = false;
    bool m_tooLarge = false;

    bool m_running = false;
    bool m_unavailable = false;
    ServerMetricsTimeline m_timeline;
    int m_scrapeCount = 0;
    int m_failureCount = 0;
    QString m_lastError;
    QString m_lastWarning;
};
