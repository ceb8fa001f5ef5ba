#include "metricsscraper.h"

#include "common/clock.h"
#include "wire/wirelimit.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QPointer>

namespace {

constexpr std::chrono::milliseconds MinInterval { 10 };
constexpr std::chrono::milliseconds MinTimeout { 10 };
constexpr qsizetype MaxDetailChars = 160;

QString shown(const QUrl &url)
{
    return url.toDisplayString(QUrl::RemoveUserInfo);
}

// Some llama.cpp builds served their metrics as one JSON string (ggml-org/llama.cpp#17384):
// the text inside is still Prometheus text.
QByteArray unwrapJsonString(const QByteArray &body)
{
    const QByteArray trimmed = body.trimmed();
    if (trimmed.size() < 2 || trimmed.front() != '"' || trimmed.back() != '"')
        return body;
    // Qt 6.4 reads only an object or an array at the top: wrap the string in one.
    QByteArray wrapped;
    wrapped.reserve(trimmed.size() + 2);
    wrapped.append('[').append(trimmed).append(']');
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(wrapped, &error);
    if (error.error != QJsonParseError::NoError || !doc.isArray() || !doc.array().at(0).isString())
        return body;
    return doc.array().at(0).toString().toUtf8();
}

// The server's own words about an error, short: a JSON error message, or a line of plain text.
QString serverDetail(const QByteArray &body)
{
    const QJsonObject o = QJsonDocument::fromJson(body).object();
    QString detail;
    const QJsonValue error = o.value(QStringLiteral("error"));
    if (error.isObject())
        detail = error.toObject().value(QStringLiteral("message")).toString();
    else if (error.isString())
        detail = error.toString();
    if (detail.isEmpty())
        detail = o.value(QStringLiteral("message")).toString();
    if (detail.isEmpty() && o.isEmpty() && !body.trimmed().startsWith('<'))
        detail = QString::fromUtf8(body.left(4 * MaxDetailChars)).simplified();
    if (detail.size() > MaxDetailChars)
        detail = detail.left(MaxDetailChars - 1) + QChar(0x2026);
    return detail;
}

} // namespace

MetricsScraper::MetricsScraper(QObject *parent)
    : MetricsScraper(nullptr, parent)
{
}

MetricsScraper::MetricsScraper(Clock *clock, QObject *parent)
    : QObject(parent)
    , m_clock(clock ? clock : Clock::system())
    , m_nam(new QNetworkAccessManager(this))
{
    m_nam->setRedirectPolicy(QNetworkRequest::NoLessSafeRedirectPolicy);
    m_pollTimer.setSingleShot(true);
    m_timeoutTimer.setSingleShot(true);
    connect(&m_pollTimer, &QTimer::timeout, this, &MetricsScraper::scrapeNow);
    connect(&m_timeoutTimer, &QTimer::timeout, this, &MetricsScraper::onTimeout);
}

MetricsScraper::~MetricsScraper()
{
    dropReply();
}

QUrl MetricsScraper::metricsUrlFor(const QUrl &baseUrl)
{
    const QString scheme = baseUrl.scheme().toLower();
    if (!baseUrl.isValid() || baseUrl.host().isEmpty()
        || (scheme != QLatin1String("http") && scheme != QLatin1String("https")))
        return {};
    QUrl url;
    url.setScheme(scheme);
    url.setHost(baseUrl.host());
    url.setPort(baseUrl.port());
    url.setPath(QStringLiteral("/metrics"));
    return url;
}

void MetricsScraper::setMetricsUrl(const QUrl &url)
{
    m_url = url;
    m_discover = false;
    m_unavailable = false;
}

QUrl MetricsScraper::addressFor(const QString &setting, const QUrl &baseUrl)
{
    const QString s = setting.trimmed();
    if (s == u"off")
        return {};
    if (s.isEmpty() || s == u"auto")
        return metricsUrlFor(baseUrl);
    return QUrl(s, QUrl::StrictMode);
}

bool MetricsScraper::configure(const QString &setting, const QUrl &baseUrl)
{
    const QString s = setting.trimmed();
    if (s == u"off")
        return false;
    if (s.isEmpty() || s == u"auto")
        discoverFrom(baseUrl);
    else
        setMetricsUrl(QUrl(s, QUrl::StrictMode));
    return true;
}

void MetricsScraper::discoverFrom(const QUrl &baseUrl)
{
    m_url = metricsUrlFor(baseUrl);
    m_discover = true;
    m_unavailable = false;
}

void MetricsScraper::setInterval(std::chrono::milliseconds interval)
{
    m_interval = qMax(interval, MinInterval);
}

void MetricsScraper::setTimeout(std::chrono::milliseconds timeout)
{
    m_timeout = qMax(timeout, MinTimeout);
}

void MetricsScraper::setMaxBodyBytes(qsizetype bytes)
{
    m_maxBodyBytes = qMax<qsizetype>(1, bytes);
}

ServerMetricsTimeline MetricsScraper::takeTimeline()
{
    ServerMetricsTimeline taken = std::move(m_timeline);
    m_timeline = ServerMetricsTimeline();
    m_timeline.setOriginNs(taken.originNs());
    m_timeline.setMaxScrapes(taken.maxScrapes());
    return taken;
}

void MetricsScraper::start()
{
    if (m_running)
        return;
    const QString scheme = m_url.scheme();
    if (!m_url.isValid() || m_url.host().isEmpty()
        || (scheme != QLatin1String("http") && scheme != QLatin1String("https"))) {
        m_lastError
            = tr("No metrics address to poll: \"%1\" is not an http(s) URL with a host.").arg(shown(m_url));
        ++m_failureCount;
        Q_EMIT failed(m_lastError);
        return;
    }
    m_running = true;
    m_unavailable = false;
    if (!m_pace.isValid())
        m_pace.start();
    scrapeNow();
}

void MetricsScraper::stop()
{
    m_running = false;
    m_pollTimer.stop();
    m_timeoutTimer.stop();
    dropReply();
}

void MetricsScraper::dropReply()
{
    if (!m_reply)
        return;
    QNetworkReply *reply = m_reply;
    m_reply = nullptr;
    reply->disconnect(this);
    reply->abort();
    reply->deleteLater();
}

void MetricsScraper::scrapeNow()
{
    if (!m_running || m_reply)
        return;
    m_lastStartMs = m_pace.elapsed();
    m_body.clear();
    m_headersNs = -1;
    m_timedOut = false;
    m_tooLarge = false;

    QNetworkRequest request(m_url);
    request.setRawHeader("Accept", "text/plain;version=0.0.4;q=1.0,*/*;q=0.1");
    request.setTransferTimeout(0); // our own timer: see CONVENTIONS.md
    request.setAttribute(QNetworkRequest::CacheLoadControlAttribute, QNetworkRequest::AlwaysNetwork);
    request.setAttribute(QNetworkRequest::CacheSaveControlAttribute, false);
    m_reply = m_nam->get(request);
    connect(m_reply, &QNetworkReply::metaDataChanged, this, &MetricsScraper::onMetaDataChanged);
    connect(m_reply, &QNetworkReply::readyRead, this, &MetricsScraper::onReadyRead);
    connect(m_reply, &QNetworkReply::finished, this, &MetricsScraper::onFinished);
    m_timeoutTimer.start(m_timeout);
}

void MetricsScraper::onMetaDataChanged()
{
    if (!m_reply || sender() != m_reply)
        return;
    if (m_headersNs < 0)
        m_headersNs = m_clock->nowNs();
    const QVariant length = m_reply->header(QNetworkRequest::ContentLengthHeader);
    if (length.isValid() && length.toLongLong() > m_maxBodyBytes) {
        m_tooLarge = true;
        abortLater(); // then concluded as too large
    }
}

void MetricsScraper::onReadyRead()
{
    if (!m_reply || sender() != m_reply || m_tooLarge)
        return;
    m_body += m_reply->readAll();
    if (m_body.size() > m_maxBodyBytes) {
        m_tooLarge = true;
        m_body = QByteArray();
        abortLater();
    }
}

void MetricsScraper::abortLater()
{
    // Not from inside the reply's own signal: the reply may still be working on the bytes that
    // emitted it. Dropped when the scraper is gone by then, or the scrape is over (the reply is
    // a QPointer: a later reply at the same address is not this one).
    QMetaObject::invokeMethod(
        this,
        [this, reply = QPointer<QNetworkReply>(m_reply)] {
            if (reply && reply == m_reply)
                abortReply();
        },
        Qt::QueuedConnection);
}

void MetricsScraper::onTimeout()
{
    if (!m_reply)
        return;
    m_timedOut = true;
    abortReply();
}

void MetricsScraper::abortReply()
{
    // abort() emits finished() from inside itself and then goes on using the reply. Concluding
    // the scrape from that finished() would let a receiver of failed() delete the scraper, and
    // with m_nam the reply, in the middle of abort(). So: not connected during abort(), and
    // concluded here once abort() has returned.
    QNetworkReply *reply = m_reply;
    reply->disconnect(this);
    reply->abort();
    finish(reply);
}

void MetricsScraper::onFinished()
{
    QNetworkReply *reply = m_reply;
    if (!reply || sender() != reply)
        return;
    finish(reply);
}

void MetricsScraper::finish(QNetworkReply *reply)
{
    m_reply = nullptr;
    m_timeoutTimer.stop();
    reply->deleteLater();
    const qint64 tNs = m_headersNs >= 0 ? m_headersNs : m_clock->nowNs();
    if (!m_tooLarge && !m_timedOut) {
        m_body += reply->readAll();
        if (m_body.size() > m_maxBodyBytes) {
            m_tooLarge = true;
            m_body = QByteArray();
        }
    }

    const QString failure = conclude(reply, tNs);
    m_body = QByteArray();
    // Schedule before telling anyone: a receiver may stop or even delete the scraper.
    scheduleNext();
    if (failure.isEmpty()) {
        Q_EMIT scraped();
    } else {
        Q_EMIT failed(failure);
    }
}

QString MetricsScraper::conclude(QNetworkReply *reply, qint64 tNs)
{
    const QString where = shown(m_url);
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    const auto failWith = [this](const QString &message) {
        ++m_failureCount;
        m_lastError = message;
        return message;
    };

    if (m_timedOut) {
        return failWith(
            tr("No answer from %1 within %2 s.").arg(where).arg(double(m_timeout.count()) / 1000.0));
    }
    if (m_tooLarge) {
        return failWith(tr("%1 sent more than %2 of metrics; the scrape was dropped.")
                            .arg(where, Wire::limitText(m_maxBodyBytes)));
    }
    if (status == 0)
        return failWith(tr("Could not reach %1: %2").arg(where, reply->errorString()));

    const QString detail = serverDetail(m_body);
    if (m_discover && (status == 404 || status == 501)) {
        // Nothing will appear there while this server runs: stop asking.
        m_running = false;
        m_unavailable = true;
        m_pollTimer.stop();
        QString message = tr("The server exposes no /metrics (%1 answered HTTP %2). Its metrics must be "
                             "switched on: llama.cpp with --metrics, SGLang with --enable-metrics.")
                              .arg(where)
                              .arg(status);
        if (!detail.isEmpty())
            message += QLatin1Char(' ') + tr("The server said: %1").arg(detail);
        return failWith(message);
    }
    if (status < 200 || status >= 300) {
        QString message = tr("%1 answered HTTP %2.").arg(where).arg(status);
        if (!detail.isEmpty())
            message += QLatin1Char(' ') + tr("The server said: %1").arg(detail);
        return failWith(message);
    }

    Prometheus::ParseLimits limits;
    limits.maxInputBytes = m_maxBodyBytes;
    const Prometheus::ParseResult parsed = Prometheus::parse(unwrapJsonString(m_body), limits);
    if (!parsed.ok())
        return failWith(tr("The metrics from %1 could not be read: %2").arg(where, parsed.error));
    if (parsed.sampleCount == 0 && parsed.skippedLines > 0) {
        QString type = reply->header(QNetworkRequest::ContentTypeHeader).toString();
        if (type.isEmpty())
            type = tr("none");
        QString message = tr("%1 did not answer with Prometheus text (Content-Type: %2).").arg(where, type);
        if (!parsed.firstErrors.isEmpty()) {
            const Prometheus::LineError &first = parsed.firstErrors.front();
            message += QLatin1Char(' ') + tr("Line %1: %2.").arg(first.line).arg(first.message);
        }
        return failWith(message);
    }

    m_timeline.append(tNs, parsed);
    ++m_scrapeCount;
    m_lastWarning = parsed.skippedSummary();
    return {};
}

void MetricsScraper::scheduleNext()
{
    if (!m_running)
        return;
    const qint64 elapsed = m_pace.elapsed() - m_lastStartMs;
    const qint64 wait = qMax<qint64>(0, qint64(m_interval.count()) - elapsed);
    m_pollTimer.start(std::chrono::milliseconds(wait));
}
