#include "endpointtokencounter.h"

#include "client/streamingclient.h"

#include <QCoroSignal>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QPointer>
#include <QTimer>

EndpointTokenCounter::EndpointTokenCounter(QObject *parent)
    : QObject(parent)
    , m_nam(new QNetworkAccessManager(this))
    , m_client(new StreamingClient(this))
{
}

EndpointTokenCounter::~EndpointTokenCounter() = default;

QUrl EndpointTokenCounter::rootUrl(const EndpointProfile &profile)
{
    QUrl root = profile.baseUrl;
    QString path = root.path();
    while (path.endsWith(u'/'))
        path.chop(1);
    if (path.endsWith(QLatin1String("/v1")))
        path.chop(3);
    root.setPath(path);
    root.setQuery(QString());
    return root;
}

QCoro::Task<TokenCount> EndpointTokenCounter::tokenizeRoute(EndpointProfile profile, QString text)
{
    TokenCount result;
    result.method = CountMethod::Endpoint;
    result.source = QStringLiteral("POST /tokenize");
    result.tokens = -1;

    QUrl url = rootUrl(profile);
    url.setPath(url.path() + QStringLiteral("/tokenize"));
    QNetworkRequest request(url);
    request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    const QString key = StreamingClient::resolveApiKey(profile);
    if (!key.isEmpty())
        request.setRawHeader("Authorization", "Bearer " + key.toUtf8());
    for (const auto &header : std::as_const(profile.headers))
        request.setRawHeader(header.first, header.second);
    const QJsonObject body { { QStringLiteral("content"), text },
                             { QStringLiteral("prompt"), text },
                             { QStringLiteral("model"), profile.model } };

    QPointer<EndpointTokenCounter> self(this);
    std::unique_ptr<QNetworkReply> reply(
        m_nam->post(request, QJsonDocument(body).toJson(QJsonDocument::Compact)));
    bool timedOut = false;
    QTimer timer;
    timer.setSingleShot(true);
    connect(&timer, &QTimer::timeout, reply.get(), [&timedOut, r = reply.get()] {
        timedOut = true;
        r->abort();
    });
    timer.start(m_timeoutMs);
    if (!reply->isFinished())
        co_await qCoro(reply.get(), &QNetworkReply::finished);
    timer.stop();
    if (!self)
        co_return result;
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    if (timedOut) {
        result.note = TokenCount::tr("POST /tokenize: no answer within %1 s").arg(m_timeoutMs / 1000.0);
        co_return result;
    }
    if (status < 200 || status >= 300) {
        result.note = status == 0 ? TokenCount::tr("POST /tokenize: %1").arg(reply->errorString())
                                  : TokenCount::tr("POST /tokenize: HTTP %1").arg(status);
        co_return result;
    }
    const QJsonObject answer = QJsonDocument::fromJson(reply->read(64 * 1024 * 1024)).object();
    const QJsonValue count = answer.value(QLatin1String("count"));
    const QJsonValue tokens = answer.value(QLatin1String("tokens"));
    if (count.isDouble())
        result.tokens = count.toInteger();
    else if (tokens.isArray())
        result.tokens = tokens.toArray().size();
    else
        result.note = TokenCount::tr("POST /tokenize: the answer has neither \"tokens\" nor \"count\"");
    co_return result;
}

QCoro::Task<TokenCount> EndpointTokenCounter::count(EndpointProfile profile, QString text)
{
    QPointer<EndpointTokenCounter> self(this);
    TokenCount viaRoute = co_await tokenizeRoute(profile, text);
    if (!self || viaRoute.tokens >= 0)
        co_return viaRoute;
    TokenCount viaUsage = co_await promptUsage(profile, text);
    if (!viaUsage.note.isEmpty())
        viaUsage.note = TokenCount::tr("%1; %2").arg(viaUsage.note, viaRoute.note);
    else
        viaUsage.note = viaRoute.note;
    co_return viaUsage;
}

QCoro::Task<TokenCount> EndpointTokenCounter::promptUsage(EndpointProfile profile, QString text)
{
    QPointer<EndpointTokenCounter> self(this);
    TokenCount result;
    result.method = CountMethod::Endpoint;
    result.source = QStringLiteral("usage.prompt_tokens");
    result.tokens = -1;
    GenerationRequest request;
    request.messages = { { QStringLiteral("user"), text } };
    request.maxTokens = 1;
    request.stream = true;
    RequestOptions options;
    options.totalTimeoutMs = m_timeoutMs;
    options.firstTokenTimeoutMs = m_timeoutMs;
    const RequestTrace trace = co_await m_client->send(profile, request, options);
    if (!self)
        co_return result;
    if (trace.usage.promptTokens) {
        result.tokens = *trace.usage.promptTokens;
        result.note = TokenCount::tr("includes the chat template's tokens, if any");
    } else {
        result.note = trace.ok()
            ? TokenCount::tr("the endpoint reported no prompt token usage")
            : TokenCount::tr("the request failed: %1")
                  .arg(trace.errorMessage.isEmpty() ? ErrorClasses::name(trace.error) : trace.errorMessage);
    }
    co_return result;
}
