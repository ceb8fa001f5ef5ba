// Native APIs of the self-hosted servers: Ollama (/api/chat, NDJSON), llama.cpp
// (/completion), Hugging Face TGI (/generate_stream), and TokenScope's minimal SSE stream.

#include "adapters_p.h"

using namespace ProtocolDetail;

namespace {

constexpr double NsPerMs = 1e6;

class OllamaAdapter : public JsonAdapterBase
{
public:
    Protocol protocol() const override { return Protocol::Ollama; }
    WireFormat streamFormat() const override { return WireFormat::Ndjson; }

    HttpRequestSpec buildRequest(const EndpointProfile &profile,
                                 const GenerationRequest &request) const override
    {
        QJsonObject options;
        options.insert(QStringLiteral("num_predict"), request.maxTokens);
        if (request.temperature)
            options.insert(QStringLiteral("temperature"), *request.temperature);
        QJsonObject body;
        body.insert(QStringLiteral("model"), profile.model);
        body.insert(QStringLiteral("messages"), chatMessages(request, true));
        body.insert(QStringLiteral("stream"), request.stream);
        body.insert(QStringLiteral("options"), options);
        // Plain Ollama ignores it; Ollama behind an authenticating proxy or ollama.com needs it.
        return bearerSpec(profile, request, protocol(), body, QByteArray(Protocols::NdjsonContentType));
    }

protected:
    void handleObject(const QByteArray &, const JsonObject &root, QList<StreamItem> &out) override
    {
        handleChunk(root, out);
    }

    void handleDocument(const JsonDocument &document, QList<StreamItem> &out) override
    {
        handleChunk(document.object(), out);
    }

private:
    void handleChunk(const JsonObject &root, QList<StreamItem> &out)
    {
        if (auto error = errorFrom(root)) {
            out.append(*error);
            return;
        }
        const JsonObject message = object(root, QLatin1String("message"));
        const QString thinking = string(message, QLatin1String("thinking"));
        if (!thinking.isEmpty())
            out.append(StreamItem::reasoning(thinking));
        QString text = string(message, QLatin1String("content"));
        if (text.isEmpty()) // /api/generate shape, for profiles pointed at it
            text = string(root, QLatin1String("response"));
        if (!text.isEmpty())
            out.append(StreamItem::delta(text));

        if (!isTrue(root, QLatin1String("done")))
            return;

        ::Usage usage;
        usage.promptTokens = count(root, QLatin1String("prompt_eval_count"));
        usage.completionTokens = count(root, QLatin1String("eval_count"));
        if (!isEmpty(usage))
            out.append(StreamItem::usageItem(usage));

        auto ms = [&](const char *key) -> std::optional<double> {
            if (const auto ns = count(root, QLatin1String(key)))
                return double(*ns) / NsPerMs;
            return std::nullopt;
        };
        ServerTimings timings;
        timings.totalMs = ms("total_duration");
        timings.loadMs = ms("load_duration");
        timings.promptMs = ms("prompt_eval_duration");
        timings.generationMs = ms("eval_duration");
        if (!timings.isEmpty()) {
            timings.promptTokens = usage.promptTokens;
            timings.generatedTokens = usage.completionTokens;
            out.append(StreamItem::timingsItem(timings));
        }

        const QString reason = string(root, QLatin1String("done_reason"));
        out.append(StreamItem::finish(reason.isEmpty() ? QStringLiteral("stop") : reason));
        markEnded();
    }
};

class LlamaCppAdapter : public JsonAdapterBase
{
public:
    Protocol protocol() const override { return Protocol::LlamaCpp; }

    HttpRequestSpec buildRequest(const EndpointProfile &profile,
                                 const GenerationRequest &request) const override
    {
        QJsonObject body;
        body.insert(QStringLiteral("prompt"), request.promptText());
        body.insert(QStringLiteral("n_predict"), request.maxTokens);
        if (request.forceOutputLength)
            body.insert(QStringLiteral("ignore_eos"), true);
        if (request.temperature)
            body.insert(QStringLiteral("temperature"), *request.temperature);
        body.insert(QStringLiteral("stream"), request.stream);
        if (!profile.model.isEmpty()) // a single-model server ignores it; a router needs it
            body.insert(QStringLiteral("model"), profile.model);
        return bearerSpec(profile, request, protocol(), body, QByteArray(Protocols::SseContentType));
    }

protected:
    void handleObject(const QByteArray &, const JsonObject &root, QList<StreamItem> &out) override
    {
        handleChunk(root, true, out);
    }

    void handleDocument(const JsonDocument &document, QList<StreamItem> &out) override
    {
        handleChunk(document.object(), false, out);
    }

private:
    void handleChunk(const JsonObject &root, bool streamed, QList<StreamItem> &out)
    {
        if (auto error = errorFrom(root)) {
            out.append(*error);
            return;
        }
        const QString text = string(root, QLatin1String("content"));
        if (!text.isEmpty()) {
            // Each streamed event lists the token ids it carries.
            std::optional<qint64> tokens;
            const JsonValue ids = root.value(QLatin1String("tokens"));
            if (streamed && ids.isArray() && !ids.toArray().isEmpty())
                tokens = ids.toArray().size();
            out.append(StreamItem::delta(text, tokens));
        }

        const bool stop = isTrue(root, QLatin1String("stop"));
        if (!stop && streamed)
            return; // intermediate events repeat running counts; the last one has them all

        const ServerTimings timings = llamaTimings(object(root, QLatin1String("timings")));
        ::Usage usage;
        usage.promptTokens = count(root, QLatin1String("tokens_evaluated"));
        usage.completionTokens = count(root, QLatin1String("tokens_predicted"));
        if (!usage.promptTokens)
            usage.promptTokens = timings.promptTokens;
        if (!usage.completionTokens)
            usage.completionTokens = timings.generatedTokens;
        if (!isEmpty(usage))
            out.append(StreamItem::usageItem(usage));
        if (!timings.isEmpty())
            out.append(StreamItem::timingsItem(timings));

        if (stop || !streamed) {
            // stop_type: "eos", "limit", "word" (newer servers); older ones only say stop.
            QString reason = string(root, QLatin1String("stop_type"));
            if (reason.isEmpty())
                reason = QStringLiteral("stop");
            out.append(StreamItem::finish(reason));
            if (streamed)
                markEnded();
        }
    }
};

class TgiAdapter : public JsonAdapterBase
{
public:
    Protocol protocol() const override { return Protocol::Tgi; }

    HttpRequestSpec buildRequest(const EndpointProfile &profile,
                                 const GenerationRequest &request) const override
    {
        QJsonObject parameters;
        parameters.insert(QStringLiteral("max_new_tokens"), request.maxTokens);
        // TGI rejects temperature 0 ("must be strictly positive"); greedy is its default.
        if (request.temperature && *request.temperature > 0)
            parameters.insert(QStringLiteral("temperature"), *request.temperature);
        parameters.insert(QStringLiteral("details"), true);
        QJsonObject body;
        body.insert(QStringLiteral("inputs"), request.promptText());
        body.insert(QStringLiteral("parameters"), parameters);
        body.insert(QStringLiteral("stream"), request.stream);
        return bearerSpec(profile, request, protocol(), body, QByteArray(Protocols::SseContentType));
    }

protected:
    void handleObject(const QByteArray &, const JsonObject &root, QList<StreamItem> &out) override
    {
        if (auto error = errorFrom(root)) {
            out.append(*error);
            return;
        }
        const JsonObject token = object(root, QLatin1String("token"));
        // Special tokens (</s>, <|eot_id|>) are markup, not answer text.
        if (!isTrue(token, QLatin1String("special"))) {
            const QString text = string(token, QLatin1String("text"));
            if (!text.isEmpty())
                out.append(StreamItem::delta(text, 1));
        }
        // generated_text repeats the whole answer on the last event: only a marker here.
        const JsonObject details = object(root, QLatin1String("details"));
        if (!details.isEmpty() || root.value(QLatin1String("generated_text")).isString()) {
            finishDetails(details, out);
            markEnded();
        }
    }

    void handleDocument(const JsonDocument &document, QList<StreamItem> &out) override
    {
        // /generate answers {...}; the compat route answers [{...}].
        const JsonObject root = document.isArray() ? document.array().first().toObject() : document.object();
        if (auto error = errorFrom(root)) {
            out.append(*error);
            return;
        }
        const QString text = string(root, QLatin1String("generated_text"));
        if (!text.isEmpty())
            out.append(StreamItem::delta(text));
        finishDetails(object(root, QLatin1String("details")), out);
    }

private:
    static void finishDetails(const JsonObject &details, QList<StreamItem> &out)
    {
        ::Usage usage;
        usage.completionTokens = count(details, QLatin1String("generated_tokens"));
        usage.promptTokens = count(details, QLatin1String("input_length"));
        if (!isEmpty(usage))
            out.append(StreamItem::usageItem(usage));
        const QString reason = string(details, QLatin1String("finish_reason"));
        out.append(StreamItem::finish(reason.isEmpty() ? QStringLiteral("stop") : reason));
    }
};

/// data: {"token": "..."} ... data: [DONE]; optional OpenAI-named usage/finish_reason.
class SimpleSseAdapter : public JsonAdapterBase
{
public:
    Protocol protocol() const override { return Protocol::SimpleSse; }

    HttpRequestSpec buildRequest(const EndpointProfile &profile,
                                 const GenerationRequest &request) const override
    {
        QJsonObject body;
        body.insert(QStringLiteral("model"), profile.model);
        body.insert(QStringLiteral("messages"), chatMessages(request, true));
        body.insert(QStringLiteral("max_tokens"), request.maxTokens);
        if (request.forceOutputLength) {
            body.insert(QStringLiteral("ignore_eos"), true);
            body.insert(QStringLiteral("min_tokens"), request.maxTokens);
        }
        if (request.temperature)
            body.insert(QStringLiteral("temperature"), *request.temperature);
        body.insert(QStringLiteral("stream"), request.stream);
        return bearerSpec(profile, request, protocol(), body, QByteArray(Protocols::SseContentType));
    }

protected:
    void handleObject(const QByteArray &, const JsonObject &root, QList<StreamItem> &out) override
    {
        handleChunk(root, QLatin1String("token"), out);
    }

    void handleDocument(const JsonDocument &document, QList<StreamItem> &out) override
    {
        handleChunk(document.object(), QLatin1String("text"), out);
    }

private:
    static void handleChunk(const JsonObject &root, QLatin1String textKey, QList<StreamItem> &out)
    {
        if (auto error = errorFrom(root)) {
            out.append(*error);
            return;
        }
        const JsonValue token = root.value(textKey);
        if (token.isString()) {
            if (!token.toString().isEmpty())
                out.append(StreamItem::delta(token.toString()));
        } else if (!token.isUndefined() && !token.isNull()) {
            // The token is the whole point of this format: a wrong type is a broken stream.
            out.append(StreamItem::error(QStringLiteral("malformed JSON in stream: \"") + textKey
                                             + QStringLiteral("\" is not a string"),
                                         QStringLiteral("malformed")));
        }
        const ::Usage usage = openAiUsage(object(root, QLatin1String("usage")));
        if (!isEmpty(usage))
            out.append(StreamItem::usageItem(usage));
        const QString reason = string(root, QLatin1String("finish_reason"));
        if (!reason.isEmpty())
            out.append(StreamItem::finish(reason));
    }
};

} // namespace

std::unique_ptr<ProtocolAdapter> makeOllamaAdapter()
{
    return std::make_unique<OllamaAdapter>();
}

std::unique_ptr<ProtocolAdapter> makeLlamaCppAdapter()
{
    return std::make_unique<LlamaCppAdapter>();
}

std::unique_ptr<ProtocolAdapter> makeTgiAdapter()
{
    return std::make_unique<TgiAdapter>();
}

std::unique_ptr<ProtocolAdapter> makeSimpleSseAdapter()
{
    return std::make_unique<SimpleSseAdapter>();
}
