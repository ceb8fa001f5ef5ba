#include "protocolemitters.h"

#include "protocol/protocol.h"
#include "textgenerator.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <algorithm>

namespace Sim {

namespace {

const QString OverloadMessage = QStringLiteral("simulated overload");

QByteArray json(const QJsonObject &object)
{
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

QByteArray sseData(const QByteArray &payload)
{
    return QByteArrayLiteral("data: ") + payload + QByteArrayLiteral("\n\n");
}

QByteArray sseEvent(const QByteArray &name, const QByteArray &payload)
{
    return QByteArrayLiteral("event: ") + name + QByteArrayLiteral("\ndata: ") + payload
        + QByteArrayLiteral("\n\n");
}

QByteArray doneFrame()
{
    return sseData(QByteArray(Protocols::DoneSentinel));
}

double nsToMs(qint64 ns)
{
    return double(ns) / 1e6;
}

/// llama.cpp's "timings" object, from the times the simulation spent.
QJsonObject llamaTimings(const ServerTimings &t)
{
    const double promptMs = nsToMs(t.promptNs);
    const double predictedMs = nsToMs(t.predictedNs);
    return QJsonObject {
        { QStringLiteral("cache_n"), t.cacheN },
        { QStringLiteral("prompt_n"), t.promptN },
        { QStringLiteral("prompt_ms"), promptMs },
        { QStringLiteral("prompt_per_token_ms"), t.promptN > 0 ? promptMs / t.promptN : 0.0 },
        { QStringLiteral("prompt_per_second"), promptMs > 0 ? 1000.0 * t.promptN / promptMs : 0.0 },
        { QStringLiteral("predicted_n"), t.predictedN },
        { QStringLiteral("predicted_ms"), predictedMs },
        { QStringLiteral("predicted_per_token_ms"), t.predictedN > 0 ? predictedMs / t.predictedN : 0.0 },
        { QStringLiteral("predicted_per_second"),
          predictedMs > 0 ? 1000.0 * t.predictedN / predictedMs : 0.0 },
    };
}

/// OpenAI's usage object; prompt_tokens counts the cached tokens too, which are also
/// given apart (as OpenAI, vLLM and llama.cpp report them).
QJsonObject openAiUsage(const EmitterSetup &setup, int completion)
{
    return QJsonObject { { QStringLiteral("prompt_tokens"), setup.promptTokens },
                         { QStringLiteral("completion_tokens"), completion },
                         { QStringLiteral("total_tokens"), setup.promptTokens + completion },
                         { QStringLiteral("prompt_tokens_details"),
                           QJsonObject { { QStringLiteral("cached_tokens"), setup.cachedTokens } } } };
}

/// A stable fake vocabulary id for a token text (TGI and llama.cpp report ids).
int tokenId(const QString &token)
{
    return int(TextGenerator::stableHash(token.toUtf8()) % 32000u);
}

// --- OpenAI chat completions ------------------------------------------------------------

class OpenAIChatEmitter final : public ProtocolEmitter
{
public:
    using ProtocolEmitter::ProtocolEmitter;

    QByteArray token(int index, const QString &token) override
    {
        QJsonObject delta { { QStringLiteral("content"), token } };
        if (index == 0)
            delta.insert(QStringLiteral("role"), QStringLiteral("assistant"));
        return sseData(json(chunk(delta, QJsonValue::Null)));
    }

    QByteArray streamEnd(const ServerTimings &timings) override
    {
        QJsonObject last = chunk(QJsonObject {}, finishReason());
        // llama.cpp's server adds its timings to the final chunk; clients read them there.
        last.insert(QStringLiteral("timings"), llamaTimings(timings));
        QByteArray out = sseData(json(last));
        if (m_setup.includeUsage) {
            QJsonObject usage = chunk(QJsonObject {}, QJsonValue::Null);
            usage.insert(QStringLiteral("choices"), QJsonArray {});
            usage.insert(QStringLiteral("usage"), openAiUsage(m_setup, m_tokens));
            out += sseData(json(usage));
        }
        return out + doneFrame();
    }

    QByteArray malformed() const override
    {
        return QByteArrayLiteral("data: {\"choices\":[{\"delta\":{\"content\":\"x\"\n\n");
    }

    QByteArray errorEvent() override
    {
        return sseData(ProtocolEmitter::openAiError(OverloadMessage, QStringLiteral("server_error")));
    }

    QByteArray document(const ServerTimings &timings) const override
    {
        const QJsonObject message { { QStringLiteral("role"), QStringLiteral("assistant") },
                                    { QStringLiteral("content"), m_text } };
        const QJsonObject choice { { QStringLiteral("index"), 0 },
                                   { QStringLiteral("message"), message },
                                   { QStringLiteral("logprobs"), QJsonValue::Null },
                                   { QStringLiteral("finish_reason"), finishReason() } };
        return json(QJsonObject {
            { QStringLiteral("id"), QString(QStringLiteral("chatcmpl-") + m_setup.id) },
            { QStringLiteral("object"), QStringLiteral("chat.completion") },
            { QStringLiteral("created"), m_setup.created },
            { QStringLiteral("model"), m_setup.model },
            { QStringLiteral("choices"), QJsonArray { choice } },
            { QStringLiteral("usage"), openAiUsage(m_setup, m_tokens) },
            { QStringLiteral("timings"), llamaTimings(timings) },
        });
    }

private:
    QString finishReason() const
    {
        return m_setup.naturalStop ? QStringLiteral("stop") : QStringLiteral("length");
    }

    QJsonObject chunk(const QJsonObject &delta, const QJsonValue &finish) const
    {
        const QJsonObject choice { { QStringLiteral("index"), 0 },
                                   { QStringLiteral("delta"), delta },
                                   { QStringLiteral("finish_reason"), finish } };
        return QJsonObject {
            { QStringLiteral("id"), QString(QStringLiteral("chatcmpl-") + m_setup.id) },
            { QStringLiteral("object"), QStringLiteral("chat.completion.chunk") },
            { QStringLiteral("created"), m_setup.created },
            { QStringLiteral("model"), m_setup.model },
            { QStringLiteral("system_fingerprint"), QStringLiteral("tokenscope-embedded") },
            { QStringLiteral("choices"), QJsonArray { choice } },
        };
    }
};

// --- OpenAI legacy completions ----------------------------------------------------------

class OpenAICompletionsEmitter final : public ProtocolEmitter
{
public:
    using ProtocolEmitter::ProtocolEmitter;

    QByteArray token(int, const QString &token) override
    {
        return sseData(json(chunk(token, QJsonValue::Null)));
    }

    QByteArray streamEnd(const ServerTimings &timings) override
    {
        QJsonObject last = chunk(QString(), finishReason());
        last.insert(QStringLiteral("timings"), llamaTimings(timings));
        QByteArray out = sseData(json(last));
        if (m_setup.includeUsage) {
            QJsonObject usage = chunk(QString(), QJsonValue::Null);
            usage.insert(QStringLiteral("choices"), QJsonArray {});
            usage.insert(QStringLiteral("usage"), openAiUsage(m_setup, m_tokens));
            out += sseData(json(usage));
        }
        return out + doneFrame();
    }

    QByteArray malformed() const override
    {
        return QByteArrayLiteral("data: {\"choices\":[{\"text\":\"x\"\n\n");
    }

    QByteArray errorEvent() override
    {
        return sseData(ProtocolEmitter::openAiError(OverloadMessage, QStringLiteral("server_error")));
    }

    QByteArray document(const ServerTimings &timings) const override
    {
        QJsonObject body = chunk(m_text, finishReason());
        body.insert(QStringLiteral("usage"), openAiUsage(m_setup, m_tokens));
        body.insert(QStringLiteral("timings"), llamaTimings(timings));
        return json(body);
    }

private:
    QString finishReason() const
    {
        return m_setup.naturalStop ? QStringLiteral("stop") : QStringLiteral("length");
    }

    QJsonObject chunk(const QString &text, const QJsonValue &finish) const
    {
        const QJsonObject choice { { QStringLiteral("index"), 0 },
                                   { QStringLiteral("text"), text },
                                   { QStringLiteral("logprobs"), QJsonValue::Null },
                                   { QStringLiteral("finish_reason"), finish } };
        return QJsonObject {
            { QStringLiteral("id"), QString(QStringLiteral("cmpl-") + m_setup.id) },
            { QStringLiteral("object"), QStringLiteral("text_completion") },
            { QStringLiteral("created"), m_setup.created },
            { QStringLiteral("model"), m_setup.model },
            { QStringLiteral("choices"), QJsonArray { choice } },
        };
    }
};

// --- OpenAI Responses API ---------------------------------------------------------------

class OpenAIResponsesEmitter final : public ProtocolEmitter
{
public:
    using ProtocolEmitter::ProtocolEmitter;

    QByteArray streamStart() override
    {
        const QJsonObject response = responseObject(QStringLiteral("in_progress"), false);
        // Two statements: the sequence numbers must follow the order on the wire.
        QByteArray out = event("response.created", { { QStringLiteral("response"), response } });
        out += event("response.in_progress", { { QStringLiteral("response"), response } });
        return out;
    }

    QByteArray token(int index, const QString &token) override
    {
        QByteArray out;
        if (index == 0) {
            // The output item opens with the first token, as the real service does.
            out += event("response.output_item.added",
                         { { QStringLiteral("output_index"), 0 },
                           { QStringLiteral("item"), messageItem(QStringLiteral("in_progress"), false) } });
            out += event("response.content_part.added", withPart(outputText(QString())));
        }
        QJsonObject delta = itemRef();
        delta.insert(QStringLiteral("delta"), token);
        return out + event("response.output_text.delta", delta);
    }

    QByteArray streamEnd(const ServerTimings &) override
    {
        QJsonObject done = itemRef();
        done.insert(QStringLiteral("text"), m_text);
        QByteArray out = event("response.output_text.done", done);
        out += event("response.content_part.done", withPart(outputText(m_text)));
        out += event("response.output_item.done",
                     { { QStringLiteral("output_index"), 0 },
                       { QStringLiteral("item"), messageItem(QStringLiteral("completed"), true) } });
        out += event("response.completed",
                     { { QStringLiteral("response"), responseObject(QStringLiteral("completed"), true) } });
        return out;
    }

    QByteArray malformed() const override
    {
        return QByteArrayLiteral("event: response.output_text.delta\n"
                                 "data: {\"type\":\"response.output_text.delta\",\"delta\":\"x\n\n");
    }

    QByteArray errorEvent() override
    {
        return event("error",
                     { { QStringLiteral("code"), QStringLiteral("server_error") },
                       { QStringLiteral("message"), OverloadMessage },
                       { QStringLiteral("param"), QJsonValue::Null } });
    }

    QByteArray document(const ServerTimings &) const override
    {
        return json(responseObject(QStringLiteral("completed"), true));
    }

private:
    QString itemId() const { return QString(QStringLiteral("msg_") + m_setup.id); }

    QJsonObject itemRef() const
    {
        return { { QStringLiteral("item_id"), itemId() },
                 { QStringLiteral("output_index"), 0 },
                 { QStringLiteral("content_index"), 0 } };
    }

    static QJsonObject outputText(const QString &text)
    {
        return { { QStringLiteral("type"), QStringLiteral("output_text") },
                 { QStringLiteral("text"), text },
                 { QStringLiteral("annotations"), QJsonArray {} } };
    }

    QJsonObject withPart(const QJsonObject &part) const
    {
        QJsonObject object = itemRef();
        object.insert(QStringLiteral("part"), part);
        return object;
    }

    QJsonObject messageItem(const QString &status, bool withText) const
    {
        QJsonArray content;
        if (withText)
            content.append(outputText(m_text));
        return { { QStringLiteral("id"), itemId() },
                 { QStringLiteral("type"), QStringLiteral("message") },
                 { QStringLiteral("status"), status },
                 { QStringLiteral("role"), QStringLiteral("assistant") },
                 { QStringLiteral("content"), content } };
    }

    QJsonObject responseObject(const QString &status, bool complete) const
    {
        QJsonObject response {
            { QStringLiteral("id"), QString(QStringLiteral("resp_") + m_setup.id) },
            { QStringLiteral("object"), QStringLiteral("response") },
            { QStringLiteral("created_at"), m_setup.created },
            { QStringLiteral("status"), status },
            { QStringLiteral("model"), m_setup.model },
            { QStringLiteral("output"),
              complete ? QJsonArray { messageItem(QStringLiteral("completed"), true) } : QJsonArray {} },
            { QStringLiteral("usage"), QJsonValue::Null },
        };
        if (complete) {
            response.insert(
                QStringLiteral("usage"),
                QJsonObject { { QStringLiteral("input_tokens"), m_setup.promptTokens },
                              { QStringLiteral("input_tokens_details"),
                                QJsonObject { { QStringLiteral("cached_tokens"), m_setup.cachedTokens } } },
                              { QStringLiteral("output_tokens"), m_tokens },
                              { QStringLiteral("total_tokens"), m_setup.promptTokens + m_tokens } });
            if (!m_setup.naturalStop) {
                response.insert(
                    QStringLiteral("incomplete_details"),
                    QJsonObject { { QStringLiteral("reason"), QStringLiteral("max_output_tokens") } });
            }
        }
        return response;
    }

    QByteArray event(const char *type, QJsonObject payload)
    {
        payload.insert(QStringLiteral("type"), QLatin1String(type));
        payload.insert(QStringLiteral("sequence_number"), m_sequence++);
        return sseEvent(QByteArray(type), json(payload));
    }

    int m_sequence = 0;
};

// --- Anthropic Messages -----------------------------------------------------------------

class AnthropicEmitter final : public ProtocolEmitter
{
public:
    using ProtocolEmitter::ProtocolEmitter;

    QByteArray streamStart() override
    {
        QJsonObject message = messageObject(QJsonArray {}, QJsonValue::Null, 1);
        return event("message_start", { { QStringLiteral("message"), message } })
            + event("content_block_start",
                    { { QStringLiteral("index"), 0 },
                      { QStringLiteral("content_block"),
                        QJsonObject { { QStringLiteral("type"), QStringLiteral("text") },
                                      { QStringLiteral("text"), QString() } } } })
            + event("ping", {});
    }

    QByteArray token(int, const QString &token) override
    {
        return event("content_block_delta",
                     { { QStringLiteral("index"), 0 },
                       { QStringLiteral("delta"),
                         QJsonObject { { QStringLiteral("type"), QStringLiteral("text_delta") },
                                       { QStringLiteral("text"), token } } } });
    }

    QByteArray streamEnd(const ServerTimings &) override
    {
        return event("content_block_stop", { { QStringLiteral("index"), 0 } })
            + event("message_delta",
                    { { QStringLiteral("delta"),
                        QJsonObject { { QStringLiteral("stop_reason"), stopReason() },
                                      { QStringLiteral("stop_sequence"), QJsonValue::Null } } },
                      { QStringLiteral("usage"),
                        QJsonObject { { QStringLiteral("output_tokens"), m_tokens } } } })
            + event("message_stop", {});
    }

    QByteArray malformed() const override
    {
        return QByteArrayLiteral("event: content_block_delta\n"
                                 "data: {\"type\":\"content_block_delta\",\"index\":0,"
                                 "\"delta\":{\"type\":\"text_delta\",\"text\":\"x\"\n\n");
    }

    QByteArray errorEvent() override
    {
        return sseEvent("error", errorDocument(RouteKind::Anthropic, 503, OverloadMessage));
    }

    QByteArray document(const ServerTimings &) const override
    {
        const QJsonArray content { QJsonObject { { QStringLiteral("type"), QStringLiteral("text") },
                                                 { QStringLiteral("text"), m_text } } };
        return json(messageObject(content, stopReason(), m_tokens));
    }

private:
    QString stopReason() const
    {
        return m_setup.naturalStop ? QStringLiteral("end_turn") : QStringLiteral("max_tokens");
    }

    QJsonObject messageObject(const QJsonArray &content, const QJsonValue &stop, int outputTokens) const
    {
        return { { QStringLiteral("id"), QString(QStringLiteral("msg_") + m_setup.id) },
                 { QStringLiteral("type"), QStringLiteral("message") },
                 { QStringLiteral("role"), QStringLiteral("assistant") },
                 { QStringLiteral("model"), m_setup.model },
                 { QStringLiteral("content"), content },
                 { QStringLiteral("stop_reason"), stop },
                 { QStringLiteral("stop_sequence"), QJsonValue::Null },
                 { QStringLiteral("usage"), usage(outputTokens) } };
    }

    /// Anthropic's three input counts add up to the prompt: tokens read from the cache,
    /// tokens written to it, and input_tokens for the rest only.
    QJsonObject usage(int outputTokens) const
    {
        const int read = m_setup.cachedTokens;
        const int written = m_setup.cacheWriteTokens;
        return { { QStringLiteral("input_tokens"), std::max(0, m_setup.promptTokens - read - written) },
                 { QStringLiteral("cache_creation_input_tokens"), written },
                 { QStringLiteral("cache_read_input_tokens"), read },
                 { QStringLiteral("output_tokens"), outputTokens } };
    }

    static QByteArray event(const char *type, QJsonObject payload)
    {
        payload.insert(QStringLiteral("type"), QLatin1String(type));
        return sseEvent(QByteArray(type), json(payload));
    }
};

// --- Gemini -----------------------------------------------------------------------------

class GeminiEmitter final : public ProtocolEmitter
{
public:
    using ProtocolEmitter::ProtocolEmitter;

    QByteArray token(int, const QString &token) override
    {
        return sseData(json(response(token, QJsonValue::Undefined)));
    }

    QByteArray streamEnd(const ServerTimings &) override
    {
        // No end sentinel in Gemini's SSE: the finishReason chunk is the last one.
        return sseData(json(response(QString(), finishReason())));
    }

    QByteArray malformed() const override
    {
        return QByteArrayLiteral("data: {\"candidates\":[{\"content\":{\"parts\":[{\"text\":\"x\"\n\n");
    }

    QByteArray errorEvent() override
    {
        return sseData(errorDocument(RouteKind::Gemini, 503, OverloadMessage));
    }

    QByteArray document(const ServerTimings &) const override
    {
        return json(response(m_text, finishReason()));
    }

private:
    QString finishReason() const
    {
        return m_setup.naturalStop ? QStringLiteral("STOP") : QStringLiteral("MAX_TOKENS");
    }

    QJsonObject response(const QString &text, const QJsonValue &finish) const
    {
        QJsonObject candidate { { QStringLiteral("content"),
                                  QJsonObject {
                                      { QStringLiteral("parts"),
                                        QJsonArray { QJsonObject { { QStringLiteral("text"), text } } } },
                                      { QStringLiteral("role"), QStringLiteral("model") } } },
                                { QStringLiteral("index"), 0 } };
        if (!finish.isUndefined())
            candidate.insert(QStringLiteral("finishReason"), finish);
        QJsonObject usage { { QStringLiteral("promptTokenCount"), m_setup.promptTokens },
                            { QStringLiteral("candidatesTokenCount"), m_tokens },
                            { QStringLiteral("totalTokenCount"), m_setup.promptTokens + m_tokens } };
        // Gemini's implicit caching: the cached part of promptTokenCount, absent when none.
        if (m_setup.cachedTokens > 0)
            usage.insert(QStringLiteral("cachedContentTokenCount"), m_setup.cachedTokens);
        return { { QStringLiteral("candidates"), QJsonArray { candidate } },
                 { QStringLiteral("usageMetadata"), usage },
                 { QStringLiteral("modelVersion"), m_setup.model },
                 { QStringLiteral("responseId"), m_setup.id } };
    }
};

// --- Ollama (NDJSON) --------------------------------------------------------------------

class OllamaEmitter final : public ProtocolEmitter
{
public:
    using ProtocolEmitter::ProtocolEmitter;

    QByteArray streamContentType() const override { return QByteArray(Protocols::NdjsonContentType); }

    QByteArray token(int, const QString &token) override
    {
        QJsonObject line = base(token);
        line.insert(QStringLiteral("done"), false);
        return json(line) + '\n';
    }

    QByteArray streamEnd(const ServerTimings &timings) override
    {
        return json(finalObject(QString(), timings)) + '\n';
    }

    QByteArray malformed() const override
    {
        return QByteArrayLiteral("{\"model\":\"") + m_setup.model.toUtf8()
            + QByteArrayLiteral("\",\"message\":{\"role\":\"assistant\",\"content\":\"x\"\n");
    }

    QByteArray errorEvent() override { return errorDocument(RouteKind::Ollama, 503, OverloadMessage) + '\n'; }

    QByteArray document(const ServerTimings &timings) const override
    {
        return json(finalObject(m_text, timings));
    }

private:
    QJsonObject base(const QString &content) const
    {
        return { { QStringLiteral("model"), m_setup.model },
                 { QStringLiteral("created_at"),
                   QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs) },
                 { QStringLiteral("message"),
                   QJsonObject { { QStringLiteral("role"), QStringLiteral("assistant") },
                                 { QStringLiteral("content"), content } } } };
    }

    QJsonObject finalObject(const QString &content, const ServerTimings &t) const
    {
        QJsonObject line = base(content);
        line.insert(QStringLiteral("done"), true);
        line.insert(QStringLiteral("done_reason"),
                    m_setup.naturalStop ? QStringLiteral("stop") : QStringLiteral("length"));
        // Durations in nanoseconds, as Ollama reports them (doubles hold them exactly < 2^53).
        line.insert(QStringLiteral("total_duration"), double(t.totalNs));
        line.insert(QStringLiteral("load_duration"), qint64(0));
        // The whole prompt, cached or not (Ollama's count since it stopped dropping cached
        // tokens); only the duration shows the cache. Ollama reports no cached count.
        line.insert(QStringLiteral("prompt_eval_count"), t.promptN + t.cacheN);
        line.insert(QStringLiteral("prompt_eval_duration"), double(t.promptNs));
        line.insert(QStringLiteral("eval_count"), t.predictedN);
        line.insert(QStringLiteral("eval_duration"), double(t.predictedNs));
        return line;
    }
};

// --- llama.cpp native /completion --------------------------------------------------------

class LlamaCppEmitter final : public ProtocolEmitter
{
public:
    using ProtocolEmitter::ProtocolEmitter;

    QByteArray token(int index, const QString &token) override
    {
        return sseData(json({ { QStringLiteral("index"), 0 },
                              { QStringLiteral("content"), token },
                              { QStringLiteral("tokens"), QJsonArray { tokenId(token) } },
                              { QStringLiteral("stop"), false },
                              { QStringLiteral("id_slot"), -1 },
                              { QStringLiteral("tokens_predicted"), index + 1 },
                              { QStringLiteral("tokens_evaluated"), m_setup.promptTokens } }));
    }

    QByteArray streamEnd(const ServerTimings &timings) override
    {
        return sseData(json(finalObject(QString(), timings)));
    }

    QByteArray malformed() const override
    {
        return QByteArrayLiteral("data: {\"index\":0,\"content\":\"x\",\"stop\":fal\n\n");
    }

    QByteArray errorEvent() override
    {
        return sseData(errorDocument(RouteKind::LlamaCpp, 503, OverloadMessage));
    }

    QByteArray document(const ServerTimings &timings) const override
    {
        return json(finalObject(m_text, timings));
    }

private:
    QJsonObject finalObject(const QString &content, const ServerTimings &timings) const
    {
        const bool eos = m_setup.naturalStop;
        return { { QStringLiteral("index"), 0 },
                 { QStringLiteral("content"), content },
                 { QStringLiteral("tokens"), QJsonArray {} },
                 { QStringLiteral("id_slot"), 0 },
                 { QStringLiteral("stop"), true },
                 { QStringLiteral("model"), m_setup.model },
                 { QStringLiteral("tokens_predicted"), m_tokens },
                 { QStringLiteral("tokens_evaluated"), m_setup.promptTokens },
                 { QStringLiteral("tokens_cached"), m_setup.cachedTokens },
                 { QStringLiteral("stop_type"), eos ? QStringLiteral("eos") : QStringLiteral("limit") },
                 { QStringLiteral("stopped_eos"), eos },
                 { QStringLiteral("stopped_limit"), !eos },
                 { QStringLiteral("stopped_word"), false },
                 { QStringLiteral("stopping_word"), QString() },
                 { QStringLiteral("truncated"), false },
                 { QStringLiteral("timings"), llamaTimings(timings) } };
    }
};

// --- Hugging Face TGI -------------------------------------------------------------------

class TgiEmitter final : public ProtocolEmitter
{
public:
    using ProtocolEmitter::ProtocolEmitter;

    QByteArray token(int index, const QString &token) override
    {
        const int id = tokenId(token);
        const bool last = index + 1 >= m_setup.maxTokens;
        // TGI's last token event is its final one: it carries the text and the details.
        const QJsonObject event {
            { QStringLiteral("index"), index + 1 },
            { QStringLiteral("token"),
              QJsonObject { { QStringLiteral("id"), id },
                            { QStringLiteral("text"), token },
                            { QStringLiteral("logprob"), -0.01 - (id % 997) / 1000.0 },
                            { QStringLiteral("special"), false } } },
            { QStringLiteral("generated_text"), last ? QJsonValue(m_text) : QJsonValue::Null },
            { QStringLiteral("details"), last ? QJsonValue(details(false)) : QJsonValue::Null },
            { QStringLiteral("top_tokens"), QJsonValue::Null }
        };
        // TGI writes "data:" without the optional space; clients must accept both.
        return QByteArrayLiteral("data:") + json(event) + QByteArrayLiteral("\n\n");
    }

    QByteArray streamEnd(const ServerTimings &) override { return {}; }

    QByteArray malformed() const override
    {
        return QByteArrayLiteral("data:{\"index\":1,\"token\":{\"id\":1,\"text\":\"x\"\n\n");
    }

    QByteArray errorEvent() override
    {
        return QByteArrayLiteral("data:") + errorDocument(RouteKind::Tgi, 503, OverloadMessage)
            + QByteArrayLiteral("\n\n");
    }

    QByteArray document(const ServerTimings &) const override
    {
        return json(
            { { QStringLiteral("generated_text"), m_text }, { QStringLiteral("details"), details(true) } });
    }

private:
    QJsonObject details(bool full) const
    {
        QJsonObject details { { QStringLiteral("finish_reason"),
                                m_setup.naturalStop ? QStringLiteral("eos_token")
                                                    : QStringLiteral("length") },
                              { QStringLiteral("generated_tokens"), m_tokens },
                              { QStringLiteral("input_length"), m_setup.promptTokens },
                              { QStringLiteral("seed"), QJsonValue::Null } };
        if (full) {
            details.insert(QStringLiteral("prefill"), QJsonArray {});
            details.insert(QStringLiteral("tokens"), QJsonArray {});
        }
        return details;
    }
};

// --- the plain dialect ------------------------------------------------------------------

class PlainEmitter final : public ProtocolEmitter
{
public:
    using ProtocolEmitter::ProtocolEmitter;

    QByteArray token(int, const QString &token) override
    {
        return sseData(json({ { QStringLiteral("token"), token } }));
    }

    QByteArray streamEnd(const ServerTimings &) override { return doneFrame(); }

    QByteArray malformed() const override { return QByteArrayLiteral("data: {\"token\": \"x\n\n"); }

    QByteArray errorEvent() override
    {
        return sseData(ProtocolEmitter::openAiError(OverloadMessage, QStringLiteral("server_error")));
    }

    QByteArray document(const ServerTimings &) const override
    {
        return json({ { QStringLiteral("text"), m_text }, { QStringLiteral("tokens"), m_tokens } });
    }
};

} // namespace

ProtocolEmitter::ProtocolEmitter(const EmitterSetup &setup)
    : m_setup(setup)
{
}

ProtocolEmitter::~ProtocolEmitter() = default;

void ProtocolEmitter::setPromptCache(int cachedTokens, int cacheWriteTokens)
{
    m_setup.cachedTokens = std::max(0, cachedTokens);
    m_setup.cacheWriteTokens = std::max(0, cacheWriteTokens);
}

void ProtocolEmitter::record(const QString &token)
{
    m_text += token;
    ++m_tokens;
}

QByteArray ProtocolEmitter::streamContentType() const
{
    return QByteArray(Protocols::SseContentType);
}

std::unique_ptr<ProtocolEmitter> ProtocolEmitter::create(const EmitterSetup &setup)
{
    switch (setup.kind) {
    case RouteKind::OpenAIChat:
        return std::make_unique<OpenAIChatEmitter>(setup);
    case RouteKind::OpenAICompletions:
        return std::make_unique<OpenAICompletionsEmitter>(setup);
    case RouteKind::OpenAIResponses:
        return std::make_unique<OpenAIResponsesEmitter>(setup);
    case RouteKind::Anthropic:
        return std::make_unique<AnthropicEmitter>(setup);
    case RouteKind::Gemini:
        return std::make_unique<GeminiEmitter>(setup);
    case RouteKind::Ollama:
        return std::make_unique<OllamaEmitter>(setup);
    case RouteKind::LlamaCpp:
        return std::make_unique<LlamaCppEmitter>(setup);
    case RouteKind::Tgi:
        return std::make_unique<TgiEmitter>(setup);
    case RouteKind::Plain:
        return std::make_unique<PlainEmitter>(setup);
    }
    return std::make_unique<PlainEmitter>(setup);
}

QByteArray ProtocolEmitter::openAiError(const QString &message, const QString &type, const QString &code)
{
    return json({ { QStringLiteral("error"),
                    QJsonObject { { QStringLiteral("message"), message },
                                  { QStringLiteral("type"), type },
                                  { QStringLiteral("param"), QJsonValue::Null },
                                  { QStringLiteral("code"),
                                    code.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(code) } } } });
}

QByteArray ProtocolEmitter::errorDocument(RouteKind kind, int status, const QString &message)
{
    const bool rateLimited = status == 429;
    const bool unavailable = status == 503;
    switch (kind) {
    case RouteKind::Anthropic:
        return json({ { QStringLiteral("type"), QStringLiteral("error") },
                      { QStringLiteral("error"),
                        QJsonObject { { QStringLiteral("type"),
                                        rateLimited       ? QStringLiteral("rate_limit_error")
                                            : unavailable ? QStringLiteral("overloaded_error")
                                                          : QStringLiteral("api_error") },
                                      { QStringLiteral("message"), message } } } });
    case RouteKind::Gemini:
        return json({ { QStringLiteral("error"),
                        QJsonObject { { QStringLiteral("code"), status },
                                      { QStringLiteral("message"), message },
                                      { QStringLiteral("status"),
                                        rateLimited       ? QStringLiteral("RESOURCE_EXHAUSTED")
                                            : unavailable ? QStringLiteral("UNAVAILABLE")
                                                          : QStringLiteral("INTERNAL") } } } });
    case RouteKind::Ollama:
        return json({ { QStringLiteral("error"), message } });
    case RouteKind::Tgi:
        return json(
            { { QStringLiteral("error"), message },
              { QStringLiteral("error_type"),
                rateLimited || unavailable ? QStringLiteral("overloaded") : QStringLiteral("generation") } });
    case RouteKind::LlamaCpp:
        return json({ { QStringLiteral("error"),
                        QJsonObject { { QStringLiteral("code"), status },
                                      { QStringLiteral("message"), message },
                                      { QStringLiteral("type"),
                                        unavailable || rateLimited ? QStringLiteral("unavailable_error")
                                                                   : QStringLiteral("server_error") } } } });
    case RouteKind::OpenAIChat:
    case RouteKind::OpenAICompletions:
    case RouteKind::OpenAIResponses:
    case RouteKind::Plain:
        break;
    }
    if (rateLimited)
        return openAiError(message, QStringLiteral("rate_limit_error"),
                           QStringLiteral("rate_limit_exceeded"));
    return openAiError(message, QStringLiteral("server_error"));
}

} // namespace Sim
