#include "runsettings.h"

#include <QJsonArray>

#include <algorithm>
#include <cmath>

namespace {

// QJsonValue::toInt's rules (a whole number in int's range), or nullopt.
std::optional<int> intOf(const QJsonValue &v)
{
    const int a = v.toInt(0);
    return a == v.toInt(1) ? std::optional<int>(a) : std::nullopt;
}

std::optional<double> doubleOf(const QJsonValue &v)
{
    return v.isDouble() ? std::optional<double>(v.toDouble()) : std::nullopt;
}

std::optional<bool> boolOf(const QJsonValue &v)
{
    return v.isBool() ? std::optional<bool>(v.toBool()) : std::nullopt;
}

std::optional<QString> stringOf(const QJsonValue &v)
{
    return v.isString() ? std::optional<QString>(v.toString()) : std::nullopt;
}

template<typename T> void put(QJsonObject &o, QLatin1String key, const std::optional<T> &v)
{
    if (v)
        o.insert(key, *v);
}

bool samePrompt(const GenerationRequest &a, const GenerationRequest &b)
{
    if (a.maxTokens != b.maxTokens || a.stream != b.stream || a.temperature != b.temperature
        || a.messages.size() != b.messages.size())
        return false;
    for (qsizetype i = 0; i < a.messages.size(); ++i) {
        if (a.messages.at(i).role != b.messages.at(i).role
            || a.messages.at(i).content != b.messages.at(i).content)
            return false;
    }
    return true;
}

} // namespace

bool RunSettings::Endpoint::isEmpty() const
{
    return *this == Endpoint();
}

RunSettings RunSettings::fromConfig(const LoadConfig &c, Detail detail)
{
    RunSettings s;
    const EndpointProfile &e = c.endpoint;
    s.endpoint.name = e.name;
    s.endpoint.url = e.baseUrl.toString(QUrl::RemoveUserInfo | QUrl::RemoveQuery);
    s.endpoint.protocol = Protocols::name(e.protocol);
    s.endpoint.model = e.model;
    s.endpoint.verifyTls = e.verifyTls;
    s.requests = c.requests;
    s.concurrency = c.concurrency;
    s.rate = c.rate;
    s.poisson = c.poisson;
    s.seed = c.seed;
    s.warmup = c.warmup;
    s.promptCount = int(c.prompts.size());
    s.maxTokens = c.prompts.isEmpty() ? 0 : c.prompts.constFirst().maxTokens;
    s.reuseConnections = c.options.reuseConnections;
    s.timeouts = Timeouts { c.options.connectTimeoutMs, c.options.firstTokenTimeoutMs,
                            c.options.stallTimeoutMs, c.options.totalTimeoutMs };
    if (detail == Detail::History) {
        s.endpoint.id = e.id;
        if (e.id == EmbeddedEndpointId)
            s.endpoint.name = EmbeddedEndpointId; // shown translated, stored stable
        s.endpoint.apiKeyEnv = e.apiKeyEnv;
        QList<std::pair<QString, QString>> headers;
        for (const auto &h : e.headers) {
            if (!isSecretHeader(h.first))
                headers.append({ QString::fromLatin1(h.first), QString::fromLatin1(h.second) });
        }
        s.endpoint.headers = headers;
    }
    // Every prompt as sent, so that a run (synthetic or sampled prompts included) can be
    // repeated exactly, and each request in an export can name what it sent.
    s.promptSet = c.prompts;
    return s;
}

QJsonObject RunSettings::toJson() const
{
    QJsonObject o = extra;
    if (!endpoint.isEmpty()) {
        QJsonObject e { { QStringLiteral("name"), endpoint.name },
                        { QStringLiteral("url"), endpoint.url },
                        { QStringLiteral("protocol"), endpoint.protocol },
                        { QStringLiteral("model"), endpoint.model } };
        put(e, QLatin1String("verify_tls"), endpoint.verifyTls);
        put(e, QLatin1String("id"), endpoint.id);
        put(e, QLatin1String("api_key_env"), endpoint.apiKeyEnv);
        if (endpoint.headers) {
            QJsonArray headers;
            for (const auto &[name, value] : *endpoint.headers)
                headers.append(QJsonArray { name, value });
            e.insert(QStringLiteral("headers"), headers);
        }
        o.insert(QStringLiteral("endpoint"), e);
    }
    put(o, QLatin1String("requests"), requests);
    put(o, QLatin1String("concurrency"), concurrency);
    put(o, QLatin1String("rate"), rate);
    put(o, QLatin1String("poisson"), poisson);
    // A string: a 64-bit seed may not fit a JSON double.
    if (seed)
        o.insert(QStringLiteral("seed"), QString::number(*seed));
    put(o, QLatin1String("warmup"), warmup);
    put(o, QLatin1String("prompts"), promptCount);
    put(o, QLatin1String("max_tokens"), maxTokens);
    put(o, QLatin1String("reuse_connections"), reuseConnections);
    if (timeouts)
        o.insert(QStringLiteral("timeouts_ms"),
                 QJsonObject { { QStringLiteral("connect"), double(timeouts->connectMs) },
                               { QStringLiteral("first_token"), double(timeouts->firstTokenMs) },
                               { QStringLiteral("stall"), double(timeouts->stallMs) },
                               { QStringLiteral("total"), double(timeouts->totalMs) } });
    if (promptSet) {
        QJsonArray prompts;
        for (const GenerationRequest &g : *promptSet) {
            QJsonArray messages;
            for (const ChatMessage &m : g.messages)
                messages.append(QJsonObject { { QStringLiteral("role"), m.role },
                                              { QStringLiteral("content"), m.content } });
            QJsonObject p { { QStringLiteral("messages"), messages },
                            { QStringLiteral("max_tokens"), g.maxTokens },
                            { QStringLiteral("stream"), g.stream } };
            if (g.temperature)
                p.insert(QStringLiteral("temperature"), *g.temperature);
            prompts.append(p);
        }
        o.insert(QStringLiteral("prompt_set"), prompts);
    }
    if (sweep) {
        QJsonArray levels;
        for (double level : sweep->levels)
            levels.append(level);
        QJsonObject w { { QStringLiteral("axis"), sweep->axis }, { QStringLiteral("levels"), levels } };
        if (sweep->levelSeconds > 0) {
            w.insert(QStringLiteral("level_seconds"), sweep->levelSeconds);
            w.insert(QStringLiteral("windows"), sweep->windows);
            w.insert(QStringLiteral("measured_windows"), sweep->measuredWindows);
            w.insert(QStringLiteral("tolerance"), sweep->tolerance);
            w.insert(QStringLiteral("gap_seconds"), sweep->gapSeconds);
            QJsonObject slo;
            if (sweep->sloTtftMs > 0)
                slo.insert(QStringLiteral("ttft_ms"), sweep->sloTtftMs);
            if (sweep->sloTpotMs > 0)
                slo.insert(QStringLiteral("tpot_ms"), sweep->sloTpotMs);
            if (sweep->sloE2eMs > 0)
                slo.insert(QStringLiteral("e2e_ms"), sweep->sloE2eMs);
            if (!slo.isEmpty()) {
                slo.insert(QStringLiteral("target"), sweep->sloTarget);
                w.insert(QStringLiteral("slo"), slo);
            }
        }
        o.insert(QStringLiteral("sweep"), w);
    }
    return o;
}

RunSettings RunSettings::fromJson(const QJsonObject &json)
{
    RunSettings s;
    // A key leaves extra only once it has been read: one of an unexpected type (vLLM's
    // "request_rate": "inf", a null concurrency) is written back exactly as it came.
    s.extra = json;
    const auto read = [&s](QLatin1String key, bool ok) {
        if (ok)
            s.extra.remove(key);
    };
    const auto value = [&json](const char *key) {
        return json.value(QLatin1String(key));
    };

    if (value("endpoint").isObject()) {
        const QJsonObject e = value("endpoint").toObject();
        s.endpoint.name = e.value(QLatin1String("name")).toString();
        s.endpoint.url = e.value(QLatin1String("url")).toString();
        s.endpoint.protocol = e.value(QLatin1String("protocol")).toString();
        s.endpoint.model = e.value(QLatin1String("model")).toString();
        s.endpoint.verifyTls = boolOf(e.value(QLatin1String("verify_tls")));
        s.endpoint.id = stringOf(e.value(QLatin1String("id")));
        s.endpoint.apiKeyEnv = stringOf(e.value(QLatin1String("api_key_env")));
        if (e.value(QLatin1String("headers")).isArray()) {
            // An export never carries secrets, but a hand-edited file might.
            QList<std::pair<QString, QString>> headers;
            const QJsonArray array = e.value(QLatin1String("headers")).toArray();
            for (const QJsonValue &h : array) {
                const QString name = h.toArray().at(0).toString();
                if (!isSecretHeader(name.toLatin1()))
                    headers.append({ name, h.toArray().at(1).toString() });
            }
            s.endpoint.headers = headers;
        }
        read(QLatin1String("endpoint"), true);
    }
    s.requests = intOf(value("requests"));
    read(QLatin1String("requests"), s.requests.has_value());
    s.concurrency = intOf(value("concurrency"));
    read(QLatin1String("concurrency"), s.concurrency.has_value());
    s.rate = doubleOf(value("rate"));
    read(QLatin1String("rate"), s.rate.has_value());
    s.poisson = boolOf(value("poisson"));
    read(QLatin1String("poisson"), s.poisson.has_value());
    bool seedOk = false;
    const quint64 seed = value("seed").toString().toULongLong(&seedOk);
    if (seedOk)
        s.seed = seed;
    read(QLatin1String("seed"), seedOk);
    s.warmup = intOf(value("warmup"));
    read(QLatin1String("warmup"), s.warmup.has_value());
    s.promptCount = intOf(value("prompts"));
    read(QLatin1String("prompts"), s.promptCount.has_value());
    s.maxTokens = intOf(value("max_tokens"));
    read(QLatin1String("max_tokens"), s.maxTokens.has_value());
    s.reuseConnections = boolOf(value("reuse_connections"));
    read(QLatin1String("reuse_connections"), s.reuseConnections.has_value());
    if (value("timeouts_ms").isObject()) {
        const QJsonObject t = value("timeouts_ms").toObject();
        s.timeouts = Timeouts { t.value(QLatin1String("connect")).toInteger(),
                                t.value(QLatin1String("first_token")).toInteger(),
                                t.value(QLatin1String("stall")).toInteger(),
                                t.value(QLatin1String("total")).toInteger() };
        read(QLatin1String("timeouts_ms"), true);
    }
    if (value("prompt_set").isArray()) {
        QList<GenerationRequest> prompts;
        const QJsonArray array = value("prompt_set").toArray();
        for (const QJsonValue &pv : array) {
            const QJsonObject p = pv.toObject();
            GenerationRequest g;
            const QJsonArray messages = p.value(QLatin1String("messages")).toArray();
            for (const QJsonValue &m : messages)
                g.messages.append(
                    { m[QLatin1String("role")].toString(), m[QLatin1String("content")].toString() });
            g.maxTokens = p.value(QLatin1String("max_tokens")).toInt(g.maxTokens);
            g.stream = p.value(QLatin1String("stream")).toBool(g.stream);
            g.temperature = doubleOf(p.value(QLatin1String("temperature")));
            prompts.append(g);
        }
        s.promptSet = prompts;
        read(QLatin1String("prompt_set"), true);
    }
    if (value("sweep").isObject()) {
        const QJsonObject w = value("sweep").toObject();
        Sweep sweep;
        sweep.axis = w.value(QLatin1String("axis")).toString();
        const QJsonArray levels = w.value(QLatin1String("levels")).toArray();
        for (const QJsonValue &l : levels)
            sweep.levels.append(l.toDouble());
        const auto positive = [&w](const char *key) {
            const double v = w.value(QLatin1String(key)).toDouble();
            return std::isfinite(v) && v > 0 ? v : 0.0;
        };
        sweep.levelSeconds = positive("level_seconds");
        if (sweep.levelSeconds > 0) {
            sweep.windows = std::clamp(w.value(QLatin1String("windows")).toInt(), 0, 10'000);
            sweep.measuredWindows = std::clamp(w.value(QLatin1String("measured_windows")).toInt(), 0, sweep.windows);
            sweep.tolerance = positive("tolerance");
            sweep.gapSeconds = positive("gap_seconds");
            const QJsonObject slo = w.value(QLatin1String("slo")).toObject();
            const auto sloValue = [&slo](const char *key) {
                const double v = slo.value(QLatin1String(key)).toDouble();
                return std::isfinite(v) && v > 0 ? v : 0.0;
            };
            sweep.sloTtftMs = sloValue("ttft_ms");
            sweep.sloTpotMs = sloValue("tpot_ms");
            sweep.sloE2eMs = sloValue("e2e_ms");
            sweep.sloTarget = sloValue("target");
        }
        s.sweep = sweep;
        read(QLatin1String("sweep"), true);
    }
    return s;
}

bool RunSettings::isSecretHeader(const QByteArray &name)
{
    const QByteArray n = name.trimmed().toLower();
    static const QByteArray exact[]
        = { "authorization", "proxy-authorization", "cookie", "set-cookie", "x-api-key",
            "api-key",       "x-goog-api-key" };
    for (const QByteArray &e : exact) {
        if (n == e)
            return true;
    }
    for (const char *part : { "key", "token", "secret", "password", "auth" }) {
        if (n.contains(part))
            return true;
    }
    return false;
}

QStringList RunSettings::secretsOf(const EndpointProfile &profile)
{
    QStringList secrets;
    auto add = [&secrets](const QString &s) {
        // Very short values would redact ordinary text; they are not keys anyway.
        if (s.size() >= 6 && !secrets.contains(s))
            secrets.append(s);
    };
    add(profile.apiKey);
    // The client reads the key from its variable at send time; the value must not leak either.
    if (!profile.apiKeyEnv.isEmpty())
        add(qEnvironmentVariable(profile.apiKeyEnv.toLocal8Bit().constData()));
    for (const auto &h : profile.headers) {
        if (!isSecretHeader(h.first))
            continue;
        const QString value = QString::fromLatin1(h.second).trimmed();
        add(value);
        // "Bearer sk-..." : the credential alone too.
        const qsizetype space = value.indexOf(u' ');
        if (space > 0)
            add(value.mid(space + 1).trimmed());
    }
    return secrets;
}

bool RunSettings::operator==(const RunSettings &o) const
{
    const auto samePrompts = [](const std::optional<QList<GenerationRequest>> &a,
                                const std::optional<QList<GenerationRequest>> &b) {
        if (a.has_value() != b.has_value())
            return false;
        if (!a)
            return true;
        if (a->size() != b->size())
            return false;
        for (qsizetype i = 0; i < a->size(); ++i) {
            if (!samePrompt(a->at(i), b->at(i)))
                return false;
        }
        return true;
    };
    return endpoint == o.endpoint && requests == o.requests && concurrency == o.concurrency && rate == o.rate
        && poisson == o.poisson && seed == o.seed && warmup == o.warmup && promptCount == o.promptCount
        && maxTokens == o.maxTokens && reuseConnections == o.reuseConnections && timeouts == o.timeouts
        && samePrompts(promptSet, o.promptSet) && sweep == o.sweep && extra == o.extra;
}
