#include "generationrequest.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonParseError>
#include <QStringList>

#include <algorithm>
#include <cmath>

namespace Sim {

namespace {

struct FixedRoute
{
    const char *path;
    const char *method;
    EndpointRoute::Type type;
    RouteKind kind;
    int streamByPath;
};

// The paths are hard-coded here on purpose: the endpoint must not reuse the client's tables.
constexpr FixedRoute fixedRoutes[] = {
    { "/v1/chat/completions", "POST", EndpointRoute::Type::Generation, RouteKind::OpenAIChat, -1 },
    { "/v1/completions", "POST", EndpointRoute::Type::Generation, RouteKind::OpenAICompletions, -1 },
    { "/v1/responses", "POST", EndpointRoute::Type::Generation, RouteKind::OpenAIResponses, -1 },
    { "/v1/messages", "POST", EndpointRoute::Type::Generation, RouteKind::Anthropic, -1 },
    { "/api/chat", "POST", EndpointRoute::Type::Generation, RouteKind::Ollama, -1 },
    { "/completion", "POST", EndpointRoute::Type::Generation, RouteKind::LlamaCpp, -1 },
    { "/generate_stream", "POST", EndpointRoute::Type::Generation, RouteKind::Tgi, 1 },
    { "/generate", "POST", EndpointRoute::Type::Generation, RouteKind::Tgi, 0 },
    { "/v1/chat/stream", "POST", EndpointRoute::Type::Generation, RouteKind::Plain, 1 },
    { "/v1/models", "GET", EndpointRoute::Type::Models, RouteKind::OpenAIChat, 0 },
    { "/v1/embeddings", "POST", EndpointRoute::Type::Embeddings, RouteKind::OpenAIChat, 0 },
    { "/api/tags", "GET", EndpointRoute::Type::Tags, RouteKind::Ollama, 0 },
    { "/stats", "GET", EndpointRoute::Type::Stats, RouteKind::OpenAIChat, 0 },
    { "/metrics", "GET", EndpointRoute::Type::Metrics, RouteKind::OpenAIChat, 0 },
    { "/health", "GET", EndpointRoute::Type::Health, RouteKind::OpenAIChat, 0 },
    { "/tokenize", "POST", EndpointRoute::Type::Tokenize, RouteKind::LlamaCpp, 0 },
};

QString collectText(const QJsonValue &value)
{
    if (value.isString())
        return value.toString();
    if (value.isArray()) {
        QStringList parts;
        const QJsonArray array = value.toArray();
        for (const auto &element : array) {
            const QString text = collectText(element);
            if (!text.isEmpty())
                parts.append(text);
        }
        return parts.join(QLatin1Char('\n'));
    }
    if (value.isObject()) {
        const QJsonObject object = value.toObject();
        if (object.value(QLatin1String("text")).isString())
            return object.value(QLatin1String("text")).toString();
        if (object.contains(QLatin1String("content")))
            return collectText(object.value(QLatin1String("content")));
        if (object.contains(QLatin1String("parts")))
            return collectText(object.value(QLatin1String("parts")));
    }
    return {};
}

QString joinNonEmpty(const QStringList &parts)
{
    QStringList kept;
    for (const QString &part : parts) {
        if (!part.isEmpty())
            kept.append(part);
    }
    return kept.join(QLatin1Char('\n'));
}

/// The first of \a path's keys present as a number; dotted keys walk into objects.
std::optional<double> numberAt(const QJsonObject &root, const QStringList &keys)
{
    for (const QString &key : keys) {
        const QStringList steps = key.split(QLatin1Char('.'));
        QJsonValue value = root;
        for (const QString &step : steps)
            value = value.toObject().value(step);
        if (value.isDouble())
            return value.toDouble();
    }
    return std::nullopt;
}

} // namespace

EndpointRoute matchEndpointRoute(const QByteArray &method, const QByteArray &rawPath)
{
    const QByteArray path = QByteArray::fromPercentEncoding(rawPath);
    EndpointRoute route;
    for (const FixedRoute &fixed : fixedRoutes) {
        if (path != fixed.path)
            continue;
        if (method != fixed.method) {
            route.type = EndpointRoute::Type::MethodNotAllowed;
            route.allow = fixed.method;
            return route;
        }
        route.type = fixed.type;
        route.kind = fixed.kind;
        route.streamByPath = fixed.streamByPath;
        return route;
    }

    // Gemini: /v1beta/models/{model}:streamGenerateContent or :generateContent
    static constexpr QByteArrayView geminiPrefix = "/v1beta/models/";
    if (path.startsWith(geminiPrefix)) {
        const QByteArray rest = path.mid(geminiPrefix.size());
        const qsizetype colon = rest.lastIndexOf(':');
        if (colon > 0) {
            const QByteArray action = rest.mid(colon + 1);
            const bool streaming = action == "streamGenerateContent";
            if (streaming || action == "generateContent") {
                if (method != "POST") {
                    route.type = EndpointRoute::Type::MethodNotAllowed;
                    route.allow = QByteArrayLiteral("POST");
                    return route;
                }
                route.type = EndpointRoute::Type::Generation;
                route.kind = RouteKind::Gemini;
                route.streamByPath = streaming ? 1 : 0;
                route.pathModel = QString::fromUtf8(rest.left(colon));
                return route;
            }
        }
    }
    return route;
}

std::optional<GenerationRequest> parseGenerationRequest(const EndpointRoute &route, const QByteArray &body,
                                                        int defaultMaxTokens, QString *error)
{
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(body, &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        *error = QStringLiteral("invalid JSON body: %1 at offset %2")
                     .arg(parseError.errorString())
                     .arg(parseError.offset);
        return std::nullopt;
    }
    if (!document.isObject()) {
        *error = QStringLiteral("the request body must be a JSON object");
        return std::nullopt;
    }
    const QJsonObject json = document.object();
    const auto text = [&json](const char *key) {
        return collectText(json.value(QLatin1String(key)));
    };

    GenerationRequest request;
    request.kind = route.kind;
    request.model = json.value(QLatin1String("model")).toString();
    if (!route.pathModel.isEmpty())
        request.model = route.pathModel;
    if (request.model.isEmpty())
        request.model = QString::fromLatin1(DefaultModelName);

    const QJsonValue streamValue = json.value(QLatin1String("stream"));
    if (route.streamByPath >= 0)
        request.stream = route.streamByPath == 1;
    else if (route.kind == RouteKind::Ollama)
        request.stream = streamValue.toBool(true); // Ollama streams unless told not to
    else
        request.stream = streamValue.toBool(false);

    QStringList maxKeys;
    switch (route.kind) {
    case RouteKind::OpenAIChat:
        request.prompt = text("messages");
        maxKeys = { QStringLiteral("max_completion_tokens"), QStringLiteral("max_tokens") };
        break;
    case RouteKind::OpenAICompletions:
        request.prompt = text("prompt");
        maxKeys = { QStringLiteral("max_tokens") };
        break;
    case RouteKind::OpenAIResponses:
        request.prompt = joinNonEmpty({ text("instructions"), text("input") });
        maxKeys = { QStringLiteral("max_output_tokens") };
        break;
    case RouteKind::Anthropic:
        request.prompt = joinNonEmpty({ text("system"), text("messages") });
        maxKeys = { QStringLiteral("max_tokens") };
        break;
    case RouteKind::Gemini:
        request.prompt = joinNonEmpty({ text("systemInstruction"), text("contents") });
        maxKeys = { QStringLiteral("generationConfig.maxOutputTokens") };
        break;
    case RouteKind::Ollama:
        request.prompt = joinNonEmpty({ text("messages"), text("prompt") });
        maxKeys = { QStringLiteral("options.num_predict") };
        break;
    case RouteKind::LlamaCpp:
        request.prompt = text("prompt");
        maxKeys = { QStringLiteral("n_predict"), QStringLiteral("max_tokens") };
        break;
    case RouteKind::Tgi:
        request.prompt = text("inputs");
        maxKeys = { QStringLiteral("parameters.max_new_tokens") };
        break;
    case RouteKind::Plain:
        request.prompt = joinNonEmpty({ text("prompt"), text("messages"), text("input") });
        maxKeys = { QStringLiteral("max_tokens") };
        break;
    }

    request.maxTokens = std::max(1, defaultMaxTokens);
    // Zero or negative (llama.cpp's -1 = "until done") fall back to the default length.
    if (const auto max = numberAt(json, maxKeys); max && *max >= 1) {
        request.maxTokens = int(std::min<double>(std::floor(*max), MaxGenerationTokens));
        request.maxTokensGiven = true;
    }
    request.maxTokens = std::min(request.maxTokens, MaxGenerationTokens);

    // Output length control where the real servers take it: vLLM's OpenAI-compatible routes
    // (ignore_eos, min_tokens), llama.cpp's /completion (ignore_eos); the plain dialect is
    // ours and takes both. Elsewhere the fields are unknown and ignored, as those servers do.
    const bool takesIgnoreEos = route.kind == RouteKind::OpenAIChat
        || route.kind == RouteKind::OpenAICompletions || route.kind == RouteKind::LlamaCpp
        || route.kind == RouteKind::Plain;
    const bool takesMinTokens = route.kind == RouteKind::OpenAIChat
        || route.kind == RouteKind::OpenAICompletions || route.kind == RouteKind::Plain;
    const QJsonValue ignoreEos = json.value(QLatin1String("ignore_eos"));
    if (takesIgnoreEos && !ignoreEos.isUndefined() && !ignoreEos.isNull()) {
        if (!ignoreEos.isBool()) {
            *error = QStringLiteral("ignore_eos must be a boolean");
            return std::nullopt;
        }
        request.ignoreEos = ignoreEos.toBool();
    }
    const QJsonValue minTokens = json.value(QLatin1String("min_tokens"));
    if (takesMinTokens && !minTokens.isUndefined() && !minTokens.isNull()) {
        const double value = minTokens.toDouble(-1);
        if (!minTokens.isDouble() || value < 0 || value != std::floor(value)) {
            *error = QStringLiteral("min_tokens must be a whole number greater than or equal to 0");
            return std::nullopt;
        }
        if (request.maxTokensGiven && value > request.maxTokens) {
            *error = QStringLiteral("min_tokens must be less than or equal to max_tokens=%1, got %2")
                         .arg(request.maxTokens)
                         .arg(qint64(value));
            return std::nullopt;
        }
        request.minTokens = int(std::min<double>(value, MaxGenerationTokens));
    }

    request.includeUsage = json.value(QLatin1String("stream_options"))
                               .toObject()
                               .value(QLatin1String("include_usage"))
                               .toBool(false);
    return request;
}

bool canStopEarly(const GenerationRequest &request)
{
    return request.maxTokensGiven && !request.ignoreEos && std::max(1, request.minTokens) < request.maxTokens;
}

OutputPlan planOutput(const GenerationRequest &request, bool earlyStop, double draw)
{
    OutputPlan plan;
    const int limit = std::clamp(request.maxTokens, 1, MaxGenerationTokens);
    if (request.ignoreEos) {
        plan.length = limit;
        plan.naturalStop = false;
    } else if (!request.maxTokensGiven) {
        // The default length is where the model stops by itself; min_tokens can push it out.
        plan.length = std::clamp(std::max(limit, request.minTokens), 1, MaxGenerationTokens);
        plan.naturalStop = true;
    } else if (earlyStop && canStopEarly(request)) {
        const int low = std::max(1, request.minTokens);
        const int high = limit - 1;
        const int span = high - low + 1;
        plan.length = low + std::min(span - 1, int(std::clamp(draw, 0.0, 1.0) * span));
        plan.naturalStop = true;
    } else {
        plan.length = limit;
        plan.naturalStop = false;
    }
    return plan;
}

} // namespace Sim
