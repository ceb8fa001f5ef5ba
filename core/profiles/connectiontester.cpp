#include "connectiontester.h"

#include "client/proxyresolver.h"

#include "client/streamingclient.h"
#include "profilestore.h"

#include <QCoroSignal>
#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QPointer>
#include <QTimer>
#if QT_CONFIG(ssl)
#include <QSslConfiguration>
#endif

#include <memory>

namespace {

QString shown(const QUrl &url)
{
    return url.toDisplayString(QUrl::RemoveUserInfo | QUrl::RemoveQuery);
}

// The key may come back in an error text (a proxy echoing a header, a key in the URL).
QString scrub(QString text, const QString &key)
{
    if (key.size() >= 4)
        text.replace(key, QStringLiteral("••••"));
    return text;
}

QString serverErrorText(const QByteArray &body)
{
    const QJsonObject o = QJsonDocument::fromJson(body).object();
    const QJsonValue error = o.value(QStringLiteral("error"));
    if (error.isObject())
        return error.toObject().value(QStringLiteral("message")).toString();
    if (error.isString())
        return error.toString();
    return o.value(QStringLiteral("message")).toString();
}

} // namespace

ConnectionTester::ConnectionTester(QObject *parent)
    : QObject(parent)
    , m_nam(new QNetworkAccessManager(this))
{
    // Follow a redirect only when it does not downgrade https to http.
    m_nam->setRedirectPolicy(QNetworkRequest::NoLessSafeRedirectPolicy);
}

ConnectionTester::~ConnectionTester() = default;

QUrl ConnectionTester::modelsUrl(const EndpointProfile &profile)
{
    switch (profile.protocol) {
    case Protocol::OpenAIChat:
    case Protocol::OpenAIResponses:
    case Protocol::OpenAICompletions:
        return profile.urlFor(QStringLiteral("/models"));
    case Protocol::Ollama:
        return profile.urlFor(QStringLiteral("/api/tags"));
    case Protocol::Gemini:
        return profile.urlFor(QStringLiteral("/v1beta/models"));
    case Protocol::Anthropic:
    case Protocol::LlamaCpp:
    case Protocol::Tgi:
    case Protocol::SimpleSse:
        break;
    }
    return profile.urlFor(QStringLiteral("/v1/models"));
}

QStringList ConnectionTester::parseModels(const QByteArray &body)
{
    QStringList models;
    const QJsonObject o = QJsonDocument::fromJson(body).object();
    // OpenAI and Anthropic: {"data": [{"id": ...}]}
    const QJsonArray data = o.value(QStringLiteral("data")).toArray();
    for (const QJsonValue &entry : data) {
        const QString id = entry.toObject().value(QStringLiteral("id")).toString();
        if (!id.isEmpty())
            models.append(id);
    }
    // Ollama: {"models": [{"name": "x:latest"}]}; Gemini: {"models": [{"name": "models/x"}]}
    const QJsonArray list = o.value(QStringLiteral("models")).toArray();
    for (const QJsonValue &entry : list) {
        const QJsonObject m = entry.toObject();
        QString name = m.value(QStringLiteral("name")).toString();
        if (name.isEmpty())
            name = m.value(QStringLiteral("model")).toString();
        if (name.isEmpty())
            name = m.value(QStringLiteral("id")).toString();
        if (name.startsWith(QLatin1String("models/")))
            name = name.mid(7);
        if (!name.isEmpty())
            models.append(name);
    }
    models.removeDuplicates();
    return models;
}

QCoro::Task<ConnectionTestResult> ConnectionTester::test(EndpointProfile profile)
{
    ConnectionTestResult result;
    result.url = modelsUrl(profile);
    if (!profile.baseUrl.isValid() || profile.baseUrl.host().isEmpty()
        || (profile.baseUrl.scheme() != QLatin1String("http")
            && profile.baseUrl.scheme() != QLatin1String("https"))) {
        result.message
            = tr("The base URL \"%1\" is not an http(s) address with a host.").arg(shown(profile.baseUrl));
        co_return result;
    }

    const QString key = StreamingClient::resolveApiKey(profile);
    QNetworkRequest request(result.url);
    request.setRawHeader("Accept", "application/json");
    request.setTransferTimeout(0); // our own timer below; QCoro 0.8 and transfer timeouts disagree
    switch (profile.protocol) {
    case Protocol::Anthropic:
        request.setRawHeader("anthropic-version", "2023-06-01");
        if (!key.isEmpty())
            request.setRawHeader("x-api-key", key.toUtf8());
        break;
    case Protocol::Gemini:
        if (!key.isEmpty())
            request.setRawHeader("x-goog-api-key", key.toUtf8());
        break;
    default:
        if (!key.isEmpty())
            request.setRawHeader("Authorization", "Bearer " + key.toUtf8());
        break;
    }
    for (const auto &header : std::as_const(profile.headers))
        request.setRawHeader(header.first, header.second);
#if QT_CONFIG(ssl)
    if (!profile.verifyTls && result.url.scheme() == QLatin1String("https")) {
        QSslConfiguration ssl = request.sslConfiguration();
        ssl.setPeerVerifyMode(QSslSocket::VerifyNone);
        request.setSslConfiguration(ssl);
    }
#endif

    // Through the proxy the requests would take, so that the test says what a run will meet.
    {
        QString proxyError;
        const std::optional<ProxyChoice> proxy = ProxyResolver::resolve(
            result.url, profile.proxy, QProcessEnvironment::systemEnvironment(), &proxyError);
        if (!proxy) {
            result.ok = false;
            result.message = tr("No usable proxy: %1").arg(proxyError);
            co_return result;
        }
        m_nam->setProxy(proxy->proxy);
    }

    QPointer<ConnectionTester> self(this);
    QElapsedTimer clock;
    qint64 finishedNs = -1;
    bool timedOut = false;
    clock.start();
    std::unique_ptr<QNetworkReply> reply(m_nam->get(request));
    // The end is timed in a direct connection: the coroutine resumes one loop hop later.
    connect(reply.get(), &QNetworkReply::finished, reply.get(),
            [&finishedNs, &clock] { finishedNs = clock.nsecsElapsed(); });
    QTimer timer;
    timer.setSingleShot(true);
    connect(&timer, &QTimer::timeout, reply.get(), [&timedOut, r = reply.get()] {
        timedOut = true;
        r->abort();
    });
    timer.start(m_timeout);
    if (!reply->isFinished())
        co_await qCoro(reply.get(), &QNetworkReply::finished);
    timer.stop();
    if (!self)
        co_return result;

    result.roundTripMs = double(finishedNs >= 0 ? finishedNs : clock.nsecsElapsed()) / 1e6;
    result.httpStatus = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    const QByteArray body = reply->isOpen() ? reply->readAll() : QByteArray();
    const QString where = shown(result.url);

    if (timedOut) {
        result.message
            = tr("No answer from %1 within %2 s.").arg(where).arg(double(m_timeout.count()) / 1000.0);
    } else if (result.httpStatus == 0) {
        result.message = scrub(tr("Could not reach %1: %2").arg(where, reply->errorString()), key);
    } else if (result.httpStatus < 200 || result.httpStatus >= 300) {
        QString detail = serverErrorText(body);
        if (result.httpStatus == 401 || result.httpStatus == 403)
            detail = tr("check the API key. %1").arg(detail);
        else if (result.httpStatus == 404)
            detail = tr("the model list is not at this address; check the base URL and the "
                        "protocol. %1")
                         .arg(detail);
        result.message = scrub(
            tr("%1 answered HTTP %2: %3").arg(where).arg(result.httpStatus).arg(detail.trimmed()), key);
    } else {
        result.models = parseModels(body);
        result.ok = true;
        result.message
            = tr("Connected: HTTP %1 in %2 ms, %n model(s) listed (%3).", nullptr, int(result.models.size()))
                  .arg(result.httpStatus)
                  .arg(result.roundTripMs, 0, 'f', 1)
                  .arg(where);
    }
    co_return result;
}
