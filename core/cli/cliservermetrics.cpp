#include "cliservermetrics.h"

#include "clicommon.h"

#include "common/clock.h"

#include <QCoroTimer>
#include <QPointer>
#include <QTimer>

#include <cmath>
#include <limits>

namespace {

constexpr std::chrono::milliseconds MinInterval { 10 };
constexpr std::chrono::milliseconds MaxInterval { 3'600'000 };

using CliCommon::fmt;

QString fmtOrDash(const std::optional<double> &v, int decimals = 1)
{
    return v && std::isfinite(*v) ? fmt(*v, decimals) : QStringLiteral("-");
}

/*!
 * Resumes once \a scraper has concluded a scrape taken at or after \a afterNs, failed again,
 * or stopped; or after \a limit. A free coroutine: it owns nothing it could outlive.
 */
QCoro::Task<> scrapeAfter(QPointer<MetricsScraper> scraper, qint64 afterNs, std::chrono::milliseconds limit)
{
    if (!scraper || !scraper->isRunning())
        co_return;
    QTimer done;
    done.setSingleShot(true);
    const int failuresBefore = scraper->failureCount();
    const auto check = [&done, scraper, afterNs, failuresBefore] {
        const std::optional<qint64> last = scraper ? scraper->timeline().lastNs() : std::nullopt;
        if (!scraper || !scraper->isRunning() || scraper->failureCount() > failuresBefore
            || (last && *last >= afterNs))
            done.start(0);
    };
    QObject::connect(scraper.data(), &MetricsScraper::scraped, &done, check);
    QObject::connect(scraper.data(), &MetricsScraper::failed, &done, check);
    QObject::connect(scraper.data(), &QObject::destroyed, &done, [&done] { done.start(0); });
    done.start(limit);
    // Not qCoro(&done, &QTimer::timeout): see LoadRunner::sleepUntilNs.
    co_await qCoro(&done).waitForTimeout();
}

} // namespace

QList<QCommandLineOption> CliServerMetrics::options()
{
    return {
        { QStringLiteral("server-metrics"),
          CliText::tr("Read the server's Prometheus metrics while measuring: auto (GET /metrics at the root "
                      "of the endpoint's host, when it has one), off, or the URL to poll (default auto)."),
          CliText::tr("auto|off|url"), QStringLiteral("auto") },
        { QStringLiteral("server-metrics-interval"),
          CliText::tr("Milliseconds between two scrapes of the server's metrics (default %1).")
              .arg(MetricsScraper::DefaultInterval.count()),
          CliText::tr("ms"), QString::number(MetricsScraper::DefaultInterval.count()) },
    };
}

QCommandLineOption CliServerMetrics::csvOption()
{
    return { QStringLiteral("server-metrics-csv"),
             CliText::tr("Write every point of the server's series as CSV (series,t_ms,value)."),
             CliText::tr("file") };
}

std::optional<CliServerMetrics::Settings> CliServerMetrics::settingsFrom(const QCommandLineParser &parser)
{
    Settings settings;
    const QString mode = parser.value(QStringLiteral("server-metrics")).trimmed();
    if (mode.compare(QLatin1String("off"), Qt::CaseInsensitive) == 0) {
        settings.mode = Settings::Mode::Off;
    } else if (mode.isEmpty() || mode.compare(QLatin1String("auto"), Qt::CaseInsensitive) == 0) {
        settings.mode = Settings::Mode::Auto;
    } else {
        const QUrl url(mode, QUrl::StrictMode);
        if (!url.isValid() || (url.scheme() != u"http" && url.scheme() != u"https") || url.host().isEmpty()) {
            CliCommon::printError(
                CliText::tr("--server-metrics expects auto, off or an http:// or https:// URL, got \"%1\"")
                    .arg(mode));
            return std::nullopt;
        }
        settings.mode = Settings::Mode::Url;
        settings.url = url;
    }
    const auto interval = CliCommon::number(parser, QStringLiteral("server-metrics-interval"),
                                            double(MinInterval.count()), double(MaxInterval.count()));
    if (!interval)
        return std::nullopt;
    settings.interval = std::chrono::milliseconds(qint64(std::llround(*interval)));
    return settings;
}

CliServerMetrics::Session::Session(const Settings &settings, Clock *clock)
    : m_settings(settings)
    , m_clock(clock ? clock : Clock::system())
{
}

CliServerMetrics::Session::~Session() = default;

void CliServerMetrics::Session::start(const QUrl &endpointBaseUrl)
{
    if (m_settings.mode == Settings::Mode::Off || m_scraper)
        return;
    m_scraper = std::make_unique<MetricsScraper>(m_clock);
    m_scraper->setInterval(m_settings.interval);
    if (m_settings.mode == Settings::Mode::Url)
        m_scraper->setMetricsUrl(m_settings.url);
    else
        m_scraper->discoverFrom(endpointBaseUrl);
    // The first request starts right after: every point counts from the run's start anyway.
    m_scraper->setRunStartNs(m_clock->nowNs());
    QObject::connect(m_scraper.get(), &MetricsScraper::failed, m_scraper.get(),
                     [this](const QString &message) { onFailed(message); });
    m_scraper->start();
}

void CliServerMetrics::Session::onFailed(const QString &message)
{
    // Auto-discovery is a guess: a server that does not answer it the first time has no
    // metrics worth a warning on every scrape, and is not polled again.
    const bool giveUp = m_settings.mode == Settings::Mode::Auto && m_scraper->scrapeCount() == 0;
    if (giveUp)
        m_scraper->stop();
    if (m_told)
        return;
    m_told = true;
    // Not an error: the measurement goes on without the server's side.
    if (giveUp || m_scraper->isUnavailable())
        CliCommon::err() << CliText::tr("tokenscope-cli: no server metrics: %1").arg(message) << Qt::endl;
    else
        CliCommon::err() << CliText::tr("tokenscope-cli: warning: server metrics: %1 (later failures are "
                                        "counted in the results, not shown)")
                                .arg(message)
                         << Qt::endl;
}

QCoro::Task<> CliServerMetrics::Session::baseline()
{
    const std::chrono::milliseconds limit
        = m_scraper ? m_scraper->timeout() + std::chrono::milliseconds(100) : std::chrono::milliseconds(0);
    // Any scrape at all: the first one is taken at once by start().
    return scrapeAfter(QPointer<MetricsScraper>(m_scraper.get()), std::numeric_limits<qint64>::min(), limit);
}

QCoro::Task<> CliServerMetrics::Session::settle()
{
    // Not a coroutine itself: the task is scrapeAfter's, which holds no pointer to the session.
    const std::chrono::milliseconds limit = m_scraper
        ? 2 * m_scraper->interval() + m_scraper->timeout() + std::chrono::milliseconds(100)
        : std::chrono::milliseconds(0);
    return scrapeAfter(QPointer<MetricsScraper>(m_scraper.get()), m_clock->nowNs(), limit);
}

void CliServerMetrics::Session::stop()
{
    if (m_scraper)
        m_scraper->stop();
}

const ServerMetricsTimeline *CliServerMetrics::Session::timeline() const
{
    return m_scraper ? &m_scraper->timeline() : nullptr;
}

std::optional<ServerMetricsRecord> CliServerMetrics::Session::record(qint64 originNs) const
{
    if (!m_scraper)
        return std::nullopt;
    // An address the user gave is recorded even when it never answered: the record says why.
    if (m_scraper->scrapeCount() == 0 && m_settings.mode != Settings::Mode::Url)
        return std::nullopt;
    ServerMetricsTimeline timeline = m_scraper->timeline();
    timeline.setOriginNs(originNs);
    ServerMetricsRecord record = ServerMetricsRecord::fromTimeline(timeline);
    record.url = m_scraper->metricsUrl().toString(QUrl::RemoveUserInfo | QUrl::RemoveQuery);
    record.intervalMs = double(m_scraper->interval().count());
    record.failures = m_scraper->failureCount();
    record.lastError = m_scraper->lastError();
    return record;
}

ServerWindowSummary CliServerMetrics::Session::window(qint64 fromNs, qint64 toNs) const
{
    if (!m_scraper)
        return {};
    return ServerWindowSummary::fromTimeline(m_scraper->timeline(), ServerMetricsWindow { fromNs, toNs });
}

void CliServerMetrics::printRunSummary(const ServerMetricsRecord &record, const RunSummary &client)
{
    QTextStream &out = CliCommon::out();
    const QString server = ServerMetrics::kindDisplayName(ServerMetrics::kindFromName(record.server));
    out << '\n'
        << CliText::tr("Server metrics: %1 (%2), %3 every %4 ms, %5 failed")
               .arg(server, record.url, CliText::tr("%n scrape(s)", "", record.scrapes),
                    QString::number(record.intervalMs), QString::number(record.failures))
        << '\n';
    if (record.scrapes == 0) {
        if (!record.lastError.isEmpty())
            out << "  " << CliText::tr("no scrape succeeded: %1").arg(record.lastError) << '\n';
        out.flush();
        return;
    }
    const auto stat = [&record](ServerSeries series, bool mean) -> std::optional<double> {
        const auto it = record.summary.constFind(ServerMetrics::name(series));
        if (it == record.summary.cend())
            return std::nullopt;
        return mean ? it->mean : it->max;
    };
    const std::optional<double> kv = stat(ServerSeries::KvCacheUsage, false);
    out << "  "
        << CliText::tr("running: mean %1, max %2   waiting: max %3   KV cache: max %4%")
               .arg(fmtOrDash(stat(ServerSeries::Running, true)), fmtOrDash(stat(ServerSeries::Running, false), 0),
                    fmtOrDash(stat(ServerSeries::Waiting, false), 0),
                    fmtOrDash(kv ? std::optional<double>(*kv * 100) : std::nullopt))
        << '\n';
    if (record.serverTtft) {
        const bool clientHas = !client.ttftMs.isEmpty();
        out << "  "
            << CliText::tr("TTFT p50 / p99: server %1 / %2 ms, client %3 / %4 ms (the difference is network "
                           "+ client)")
                   .arg(fmtOrDash(record.serverTtft->p50Ms), fmtOrDash(record.serverTtft->p99Ms),
                        clientHas ? fmt(client.ttftMs.p50) : QStringLiteral("-"),
                        clientHas ? fmt(client.ttftMs.p99) : QStringLiteral("-"))
            << '\n';
        // An estimate is only as fine as the bucket it comes from.
        const auto bucket = [](const std::optional<std::pair<double, double>> &b) {
            if (!b)
                return QStringLiteral("-");
            if (std::isinf(b->second))
                return CliText::tr("above %1 ms").arg(QString::number(b->first, 'f', 0));
            return CliText::tr("%1-%2 ms").arg(QString::number(b->first, 'f', 0), QString::number(b->second, 'f', 0));
        };
        out << "  "
            << CliText::tr("server estimates from histogram buckets: p50 in %1, p99 in %2")
                   .arg(bucket(record.serverTtft->p50BucketMs), bucket(record.serverTtft->p99BucketMs))
            << '\n';
    } else {
        out << "  " << CliText::tr("The server exports no TTFT histogram to compare with the client's.")
            << '\n';
    }
    out.flush();
}
