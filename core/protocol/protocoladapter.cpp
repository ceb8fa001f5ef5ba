#include "protocoladapter.h"

#include "adapters_p.h"

#include <QRegularExpression>

#include <cmath>

namespace ProtocolDetail {

QString string(const JsonObject &object, QLatin1String key)
{
    return object.value(key).toString(); // empty unless it is a string
}

JsonObject object(const JsonObject &object, QLatin1String key)
{
    return object.value(key).toObject(); // empty unless it is an object
}

JsonArray array(const JsonObject &object, QLatin1String key)
{
    return object.value(key).toArray();
}

std::optional<double> number(const JsonObject &object, QLatin1String key)
{
    const JsonValue value = object.value(key);
    if (!value.isDouble())
        return std::nullopt;
    const double d = value.toDouble();
    if (!std::isfinite(d))
        return std::nullopt;
    return d;
}

std::optional<qint64> count(const JsonObject &object, QLatin1String key)
{
    const auto d = number(object, key);
    // 2^53: beyond it a JSON number is no longer an exact integer, so it is not a count.
    if (!d || *d < 0 || *d > 9007199254740992.0)
        return std::nullopt;
    return static_cast<qint64>(std::llround(*d));
}

bool isTrue(const JsonObject &object, QLatin1String key)
{
    const JsonValue value = object.value(key);
    return value.isBool() && value.toBool();
}

QString cleanText(const QString &text)
{
    QString result;
    result.reserve(text.size());
    for (const QChar c : text) {
        const auto category = c.category();
        // Other_Format covers bidi overrides, which could disguise a message in a log.
        if (category == QChar::Other_Control || category == QChar::Other_Format || c == QChar::LineSeparator
            || c == QChar::ParagraphSeparator)
            result.append(QLatin1Char(' '));
        else
            result.append(c);
    }
    return result.simplified();
}

namespace {
QString scalarText(const JsonValue &value)
{
    if (value.isString())
        return value.toString();
    if (value.isDouble()) {
        const double d = value.toDouble();
        if (std::isfinite(d) && d == std::floor(d) && std::fabs(d) < 1e15)
            return QString::number(static_cast<qint64>(d));
        return QString::number(d);
    }
    return {};
}

const QString NoMessage = QStringLiteral("the server reported an error without a message");

/// \a typeIsEnvelope: the object's "type" is "error", the envelope's, not the error's kind.
StreamItem errorFromObject(const JsonObject &error, const QString &fallbackType, const QString &fallbackMessage,
                           bool typeIsEnvelope = false)
{
    // Cleaned before the emptiness tests: a field holding only control characters is empty.
    QString message = cleanText(string(error, QLatin1String("message")));
    if (message.isEmpty())
        message = cleanText(string(error, QLatin1String("msg")));
    if (message.isEmpty())
        message = cleanText(string(error, QLatin1String("detail")));
    // "type" (OpenAI, Anthropic), "status" (Google: RESOURCE_EXHAUSTED), then "code".
    QString type = typeIsEnvelope ? QString() : cleanText(string(error, QLatin1String("type")));
    if (type.isEmpty())
        type = cleanText(string(error, QLatin1String("status")));
    if (type.isEmpty())
        type = cleanText(scalarText(error.value(QLatin1String("code"))));
    if (type.isEmpty())
        type = cleanText(fallbackType);
    if (message.isEmpty())
        message = type.isEmpty() ? fallbackMessage : type;
    return StreamItem::error(message, type);
}
} // namespace

std::optional<StreamItem> errorFrom(const JsonObject &root, const QString &fallbackMessage)
{
    const JsonValue error = root.value(QLatin1String("error"));
    if (error.isObject())
        return errorFromObject(error.toObject(), string(root, QLatin1String("error_type")), fallbackMessage);
    if (error.isString() && !error.toString().isEmpty()) {
        const QString message = cleanText(error.toString());
        return StreamItem::error(message.isEmpty() ? fallbackMessage : message,
                                 cleanText(string(root, QLatin1String("error_type"))));
    }
    const bool typeIsError = root.value(QLatin1String("type")).isString(QLatin1String("error"));
    if (typeIsError || root.value(QLatin1String("object")).isString(QLatin1String("error"))) {
        // Here "type" is the envelope ("error"), not the error's kind: the code says more.
        return errorFromObject(root, {}, fallbackMessage, typeIsError);
    }
    return std::nullopt;
}

::Usage openAiUsage(const JsonObject &usage)
{
    ::Usage result;
    if (usage.isEmpty()) // the usual case: a token's chunk has none
        return result;
    result.promptTokens = count(usage, QLatin1String("prompt_tokens"));
    result.completionTokens = count(usage, QLatin1String("completion_tokens"));
    result.reasoningTokens
        = count(object(usage, QLatin1String("completion_tokens_details")), QLatin1String("reasoning_tokens"));
    result.cachedPromptTokens
        = count(object(usage, QLatin1String("prompt_tokens_details")), QLatin1String("cached_tokens"));
    return result;
}

bool isEmpty(const ::Usage &usage)
{
    return !usage.promptTokens && !usage.completionTokens && !usage.reasoningTokens
        && !usage.cachedPromptTokens;
}

ServerTimings llamaTimings(const JsonObject &timings)
{
    ServerTimings result;
    if (timings.isEmpty()) // the usual case: a token's chunk has none
        return result;
    result.promptTokens = count(timings, QLatin1String("prompt_n"));
    result.promptMs = number(timings, QLatin1String("prompt_ms"));
    result.generatedTokens = count(timings, QLatin1String("predicted_n"));
    result.generationMs = number(timings, QLatin1String("predicted_ms"));
    result.cachedPromptTokens = count(timings, QLatin1String("cache_n"));
    return result;
}

ServerTimings vllmMetrics(const JsonObject &metrics)
{
    ServerTimings result;
    if (metrics.isEmpty()) // the usual case: a token's chunk has none
        return result;
    auto seconds = [&](const char *key) {
        return number(metrics, QLatin1String(key));
    };
    if (const auto queue = seconds("time_in_queue"); queue && *queue >= 0)
        result.queueMs = *queue * 1000.0;
    const auto scheduled = seconds("first_scheduled_time");
    const auto firstToken = seconds("first_token_time");
    const auto lastToken = seconds("last_token_time");
    const auto arrival = seconds("arrival_time");
    const auto finished = seconds("finished_time");
    // Differences of absolute times: only meaningful when both ends are there and in order.
    if (scheduled && firstToken && *firstToken >= *scheduled)
        result.promptMs = (*firstToken - *scheduled) * 1000.0;
    if (firstToken && lastToken && *lastToken >= *firstToken)
        result.generationMs = (*lastToken - *firstToken) * 1000.0;
    if (arrival && finished && *finished >= *arrival)
        result.totalMs = (*finished - *arrival) * 1000.0;
    return result;
}

void setHeader(QList<QPair<QByteArray, QByteArray>> &headers, const QByteArray &name, const QByteArray &value)
{
    headers.removeIf([&](const QPair<QByteArray, QByteArray> &h) {
        return h.first.compare(name, Qt::CaseInsensitive) == 0;
    });
    headers.append({ name, value });
}

QList<QPair<QByteArray, QByteArray>> baseHeaders(const QByteArray &accept)
{
    QList<QPair<QByteArray, QByteArray>> headers;
    headers.append({ QByteArrayLiteral("Content-Type"), QByteArray(Protocols::JsonContentType) });
    headers.append({ QByteArrayLiteral("Accept"), accept });
    return headers;
}

void addBearer(QList<QPair<QByteArray, QByteArray>> &headers, const EndpointProfile &profile)
{
    if (!profile.apiKey.isEmpty())
        setHeader(headers, QByteArrayLiteral("Authorization"),
                  QByteArrayLiteral("Bearer ") + profile.apiKey.toUtf8());
}

QJsonArray chatMessages(const GenerationRequest &request, bool includeSystem)
{
    QJsonArray messages;
    for (const ChatMessage &message : request.messages) {
        if (!includeSystem && message.role == QLatin1String("system"))
            continue;
        messages.append(QJsonObject { { QStringLiteral("role"), message.role },
                                      { QStringLiteral("content"), message.content } });
    }
    return messages;
}

} // namespace ProtocolDetail

using namespace ProtocolDetail;

HttpRequestSpec makeSpec(const EndpointProfile &profile, const GenerationRequest &request,
                         const QString &path, const QJsonObject &body, const QByteArray &streamAccept)
{
    HttpRequestSpec spec;
    spec.method = QByteArrayLiteral("POST");
    spec.url = profile.urlFor(path);
    spec.headers = baseHeaders(request.stream ? streamAccept : QByteArray(Protocols::JsonContentType));
    spec.body = QJsonDocument(body).toJson(QJsonDocument::Compact);
    return spec;
}

void applyProfileHeaders(HttpRequestSpec &spec, const EndpointProfile &profile)
{
    // The user knows their gateway: a header they set wins over the adapter's default.
    for (const auto &header : profile.headers)
        setHeader(spec.headers, header.first, header.second);
}

HttpRequestSpec bearerSpec(const EndpointProfile &profile, const GenerationRequest &request, Protocol protocol,
                           const QJsonObject &body, const QByteArray &streamAccept)
{
    const QString path = request.stream ? Protocols::streamPath(protocol) : Protocols::nonStreamPath(protocol);
    HttpRequestSpec spec = makeSpec(profile, request, path, body, streamAccept);
    addBearer(spec.headers, profile);
    applyProfileHeaders(spec, profile);
    return spec;
}

void JsonAdapterBase::handleEvent(const WireEvent &event, QList<StreamItem> &out)
{
    if (m_ended)
        return;
    const QByteArray data = event.data.trimmed();
    if (data.isEmpty())
        return;
    if (data == Protocols::DoneSentinel) {
        markEnded();
        return;
    }
    QString parseError;
    const JsonDocument document = JsonDocument::parse(data, &parseError);
    if (document.isNull()) {
        // Some servers name an error event and put plain text in it.
        if (event.type == "error") {
            const QString message = cleanText(QString::fromUtf8(data).left(1000));
            out.append(StreamItem::error(message.isEmpty() ? QStringLiteral("error event") : message,
                                         QStringLiteral("error")));
            return;
        }
        out.append(StreamItem::error(QStringLiteral("malformed JSON in stream: ") + parseError,
                                     QStringLiteral("malformed")));
        return;
    }
    if (!document.isObject()) {
        out.append(StreamItem::error(QStringLiteral("malformed JSON in stream: expected an object"),
                                     QStringLiteral("malformed")));
        return;
    }
    handleObject(event.type, document.object(), out);
}

void JsonAdapterBase::handleBody(const QByteArray &body, QList<StreamItem> &out)
{
    QString parseError;
    const JsonDocument document = JsonDocument::parse(body.trimmed(), &parseError);
    if (document.isNull()) {
        out.append(
            StreamItem::error(QStringLiteral("malformed JSON in response body: ") + parseError,
                              QStringLiteral("malformed")));
        return;
    }
    if (!document.isObject() && !document.isArray()) {
        out.append(StreamItem::error(QStringLiteral("malformed JSON in response body: expected an object"),
                                     QStringLiteral("malformed")));
        return;
    }
    handleDocument(document, out);
    m_complete = true;
}

// ---------------------------------------------------------------------------------------

namespace {
QString htmlTitle(const QString &text)
{
    static const QRegularExpression re(QStringLiteral("<title[^>]*>(.*?)</title>"),
                                       QRegularExpression::CaseInsensitiveOption
                                           | QRegularExpression::DotMatchesEverythingOption);
    const auto match = re.match(text);
    return match.hasMatch() ? match.captured(1) : QString();
}

QString decodeEntities(QString text)
{
    text.replace(QLatin1String("&lt;"), QLatin1String("<"));
    text.replace(QLatin1String("&gt;"), QLatin1String(">"));
    text.replace(QLatin1String("&quot;"), QLatin1String("\""));
    text.replace(QLatin1String("&#39;"), QLatin1String("'"));
    text.replace(QLatin1String("&nbsp;"), QLatin1String(" "));
    text.replace(QLatin1String("&amp;"), QLatin1String("&")); // last: no double decoding
    return text;
}

QString stripTags(const QString &text)
{
    static const QRegularExpression tags(QStringLiteral("<[^>]*>"));
    QString result = text;
    result.replace(tags, QStringLiteral("\n"));
    return result;
}

QString firstLine(const QString &text)
{
    const auto lines = QStringView(text).split(QLatin1Char('\n'));
    for (const QStringView line : lines) {
        QString cleaned = cleanText(line.toString());
        if (!cleaned.isEmpty())
            return cleaned;
    }
    return {};
}

QString shorten(const QString &text)
{
    constexpr qsizetype Max = 300;
    if (text.size() <= Max)
        return text;
    qsizetype cut = Max - 1;
    if (text.at(cut - 1).isHighSurrogate()) // never leave half a surrogate pair
        --cut;
    return text.left(cut) + QChar(0x2026);
}

// FastAPI-style validation errors: {"detail": [{"loc": [...], "msg": "..."}]}.
QString detailText(const JsonValue &detail)
{
    if (detail.isString())
        return detail.toString();
    if (detail.isObject()) // as {"error": detail}
        return errorFromObject(detail.toObject(), QString(), NoMessage).text;
    if (detail.isArray()) {
        QStringList messages;
        const JsonArray items = detail.toArray();
        for (const JsonValue entry : items) {
            const QString text = entry.isObject()
                ? ProtocolDetail::string(entry.toObject(), QLatin1String("msg"))
                : (entry.isString() ? entry.toString() : QString());
            if (!text.isEmpty())
                messages.append(text);
        }
        return messages.join(QStringLiteral("; "));
    }
    return {};
}

std::optional<StreamItem> errorFromJsonBody(const JsonDocument &document, const QString &fallback)
{
    JsonObject root;
    if (document.isObject()) {
        root = document.object();
    } else if (document.isArray() && !document.array().isEmpty() && document.array().first().isObject()) {
        root = document.array().first().toObject(); // Gemini streams errors as [{...}]
    } else {
        return std::nullopt;
    }
    if (auto item = errorFrom(root, fallback))
        return item;
    const QString message = ProtocolDetail::string(root, QLatin1String("message"));
    if (!message.isEmpty()) {
        QString type = ProtocolDetail::string(root, QLatin1String("type"));
        if (type.isEmpty())
            type = ProtocolDetail::string(root, QLatin1String("code"));
        return StreamItem::error(cleanText(message), cleanText(type));
    }
    const QString detail = detailText(root.value(QLatin1String("detail")));
    if (!detail.isEmpty())
        return StreamItem::error(cleanText(detail));
    return std::nullopt;
}
} // namespace

StreamItem ProtocolAdapter::errorItemFromBody(const QByteArray &body, int httpStatus)
{
    const QString fallback = QStringLiteral("HTTP %1").arg(httpStatus);
    const QByteArray trimmed = body.trimmed();
    StreamItem item = StreamItem::error(fallback, QStringLiteral("http"));
    if (trimmed.isEmpty())
        return item;

    const JsonDocument document = JsonDocument::parse(trimmed);
    if (!document.isNull()) {
        if (auto fromJson = errorFromJsonBody(document, fallback); fromJson && !fromJson->text.isEmpty()) {
            fromJson->text = shorten(fromJson->text);
            return *fromJson;
        }
        return item; // JSON without an error we recognise: its raw text would not help
    }

    const QString text = QString::fromUtf8(trimmed.left(qsizetype(64) * 1024));
    QString message;
    if (text.startsWith(QLatin1Char('<')) || text.contains(QLatin1String("<html"), Qt::CaseInsensitive)) {
        message = cleanText(decodeEntities(htmlTitle(text)));
        if (message.isEmpty())
            message = firstLine(decodeEntities(stripTags(text)));
    } else {
        message = firstLine(text);
    }
    if (!message.isEmpty())
        item.text = shorten(message);
    return item;
}

QString ProtocolAdapter::errorMessageFromBody(const QByteArray &body, int httpStatus)
{
    return errorItemFromBody(body, httpStatus).text;
}

std::unique_ptr<ProtocolAdapter> ProtocolAdapter::create(Protocol protocol)
{
    switch (protocol) {
    case Protocol::OpenAIChat:
        return makeOpenAIChatAdapter();
    case Protocol::OpenAIResponses:
        return makeOpenAIResponsesAdapter();
    case Protocol::OpenAICompletions:
        return makeOpenAICompletionsAdapter();
    case Protocol::Anthropic:
        return makeAnthropicAdapter();
    case Protocol::Gemini:
        return makeGeminiAdapter();
    case Protocol::Ollama:
        return makeOllamaAdapter();
    case Protocol::LlamaCpp:
        return makeLlamaCppAdapter();
    case Protocol::Tgi:
        return makeTgiAdapter();
    case Protocol::SimpleSse:
        return makeSimpleSseAdapter();
    }
    return nullptr;
}
