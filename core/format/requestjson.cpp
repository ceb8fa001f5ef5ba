#include "requestjson.h"

#include <cmath>

namespace {

void put(QJsonObject &o, QLatin1String key, const std::optional<double> &v, RequestJson::Missing missing)
{
    if (v)
        o.insert(key, *v);
    else if (missing == RequestJson::Missing::Null)
        o.insert(key, QJsonValue(QJsonValue::Null));
}

void put(QJsonObject &o, QLatin1String key, const std::optional<qint64> &v, RequestJson::Missing missing)
{
    put(o, key, v ? std::optional<double>(double(*v)) : std::nullopt, missing);
}

} // namespace

QString RequestJson::serverTimingsKey()
{
    return QStringLiteral("server_timings");
}

std::optional<double> RequestJson::number(const QJsonValue &v, double limit)
{
    if (!v.isDouble())
        return std::nullopt;
    const double d = v.toDouble();
    return std::isfinite(d) && std::abs(d) <= limit ? std::optional<double>(d) : std::nullopt;
}

std::optional<qint64> RequestJson::integer(const QJsonValue &v, double limit)
{
    const auto d = number(v, limit);
    return d ? std::optional<qint64>(qint64(*d)) : std::nullopt;
}

QJsonObject RequestJson::serverTimingsJson(const ServerTimings &t, Missing missing)
{
    QJsonObject o;
    put(o, QLatin1String("queue_ms"), t.queueMs, missing);
    put(o, QLatin1String("load_ms"), t.loadMs, missing);
    put(o, QLatin1String("prompt_ms"), t.promptMs, missing);
    put(o, QLatin1String("prompt_tokens"), t.promptTokens, missing);
    put(o, QLatin1String("cached_prompt_tokens"), t.cachedPromptTokens, missing);
    put(o, QLatin1String("generation_ms"), t.generationMs, missing);
    put(o, QLatin1String("generated_tokens"), t.generatedTokens, missing);
    put(o, QLatin1String("total_ms"), t.totalMs, missing);
    return o;
}

ServerTimings RequestJson::serverTimingsFromJson(const QJsonObject &o)
{
    ServerTimings t;
    t.queueMs = number(o.value(QLatin1String("queue_ms")));
    t.loadMs = number(o.value(QLatin1String("load_ms")));
    t.promptMs = number(o.value(QLatin1String("prompt_ms")));
    t.promptTokens = integer(o.value(QLatin1String("prompt_tokens")));
    t.cachedPromptTokens = integer(o.value(QLatin1String("cached_prompt_tokens")));
    t.generationMs = number(o.value(QLatin1String("generation_ms")));
    t.generatedTokens = integer(o.value(QLatin1String("generated_tokens")));
    t.totalMs = number(o.value(QLatin1String("total_ms")));
    return t;
}

ServerTimings RequestJson::serverTimingsOf(const QJsonObject &request)
{
    const QJsonValue current = request.value(serverTimingsKey());
    return serverTimingsFromJson(current.isObject() ? current.toObject()
                                                    : request.value(QLatin1String("timings")).toObject());
}

QJsonObject RequestJson::usageJson(const Usage &usage)
{
    QJsonObject o;
    put(o, QLatin1String("prompt"), usage.promptTokens, Missing::Omit);
    put(o, QLatin1String("completion"), usage.completionTokens, Missing::Omit);
    put(o, QLatin1String("reasoning"), usage.reasoningTokens, Missing::Omit);
    put(o, QLatin1String("cached"), usage.cachedPromptTokens, Missing::Omit);
    return o;
}

Usage RequestJson::usageFromJson(const QJsonObject &o)
{
    Usage u;
    u.promptTokens = integer(o.value(QLatin1String("prompt")));
    u.completionTokens = integer(o.value(QLatin1String("completion")));
    u.reasoningTokens = integer(o.value(QLatin1String("reasoning")));
    u.cachedPromptTokens = integer(o.value(QLatin1String("cached")));
    return u;
}

ErrorClass RequestJson::errorClassFromName(const QString &name)
{
    for (ErrorClass e : ErrorClasses::all()) {
        if (ErrorClasses::name(e) == name)
            return e;
    }
    return ErrorClass::None;
}
