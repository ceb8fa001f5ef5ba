// OpenAI-style protocols: Chat Completions and legacy Completions (one chunk shape, served
// by OpenAI, vLLM, SGLang, llama.cpp, LM Studio...) and the Responses API (typed events).

#include "adapters_p.h"

#include <algorithm>

using namespace ProtocolDetail;

namespace {

/*!
 * Chat Completions and Completions chunks differ only in where the text sits
 * (choices[].delta.content vs choices[].text), so one class serves both.
 */
class OpenAIStyleAdapter : public JsonAdapterBase
{
public:
    explicit OpenAIStyleAdapter(bool chat)
        : m_chat(chat)
    {
    }

    Protocol protocol() const override { return m_chat ? Protocol::OpenAIChat : Protocol::OpenAICompletions; }

    HttpRequestSpec buildRequest(const EndpointProfile &profile,
                                 const GenerationRequest &request) const override
    {
        QJsonObject body;
        body.insert(QStringLiteral("model"), profile.model);
        if (m_chat)
            body.insert(QStringLiteral("messages"), chatMessages(request, true));
        else if (!request.prompts.isEmpty())
            body.insert(QStringLiteral("prompt"), QJsonArray::fromStringList(request.prompts));
        else
            body.insert(QStringLiteral("prompt"), request.promptText());
        body.insert(QStringLiteral("max_tokens"), request.maxTokens);
        if (request.forceOutputLength) {
            body.insert(QStringLiteral("ignore_eos"), true);
            body.insert(QStringLiteral("min_tokens"), request.maxTokens);
        }
        if (request.temperature)
            body.insert(QStringLiteral("temperature"), *request.temperature);
        body.insert(QStringLiteral("stream"), request.stream);
        if (request.stream) {
            // Without it the server sends no usage at all while streaming.
            body.insert(QStringLiteral("stream_options"),
                        QJsonObject { { QStringLiteral("include_usage"), true } });
        }
        return bearerSpec(profile, request, protocol(), body, QByteArray(Protocols::SseContentType));
    }

protected:
    void handleObject(const QByteArray &, const JsonObject &root, QList<StreamItem> &out) override
    {
        if (auto error = errorFrom(root)) {
            out.append(*error);
            return;
        }
        handleChoices(root, /*streamed=*/true, out);
    }

    void handleDocument(const JsonDocument &document, QList<StreamItem> &out) override
    {
        const JsonObject root = document.object();
        if (auto error = errorFrom(root)) {
            out.append(*error);
            return;
        }
        handleChoices(root, /*streamed=*/false, out);
    }

private:
    void handleChoices(const JsonObject &root, bool streamed, QList<StreamItem> &out)
    {
        const JsonArray choices = array(root, QLatin1String("choices"));
        // With n = 1 there is one choice; when a server sends several, the first is the
        // one we measure (mixing choices would interleave two texts).
        // The measured choice is index 0 (or, without indexes, the first object). Other
        // indexes are kept apart: a prompt array streams each prompt's answer as its own index.
        JsonObject choice;
        bool haveChoice = false;
        qsizetype i = -1;
        for (const JsonValue value : choices) {
            ++i;
            if (!value.isObject())
                continue;
            const JsonObject candidate = value.toObject();
            const JsonValue indexValue = candidate.value(QLatin1String("index"));
            const int index = indexValue.isDouble() ? int(indexValue.toInteger(-1)) : (haveChoice ? int(i) : 0);
            if (index == 0 && !haveChoice) {
                choice = candidate;
                haveChoice = true;
                continue;
            }
            if (index <= 0)
                continue;
            const QString otherText = m_chat
                ? string(object(candidate, streamed ? QLatin1String("delta") : QLatin1String("message")),
                         QLatin1String("content"))
                : string(candidate, QLatin1String("text"));
            if (!otherText.isEmpty()) {
                StreamItem item = StreamItem::delta(otherText);
                item.choice = index;
                out.append(item);
            }
        }
        const QString finishReason = string(choice, QLatin1String("finish_reason"));

        const ::Usage usage = openAiUsage(object(root, QLatin1String("usage")));

        // vLLM's continuous_usage_stats puts cumulative usage on every chunk: the change
        // in completion_tokens is what this chunk carried. A single usage on the final
        // chunk (llama.cpp, OpenAI) would attribute the whole count to one delta, so that
        // case is only used once a previous chunk already reported usage.
        std::optional<qint64> chunkTokens;
        if (streamed && !choices.isEmpty() && usage.completionTokens) {
            if (m_lastCompletionTokens || finishReason.isEmpty()) {
                const qint64 diff = *usage.completionTokens - m_lastCompletionTokens.value_or(0);
                if (diff >= 0)
                    chunkTokens = diff;
            }
            m_lastCompletionTokens = usage.completionTokens;
        }

        QString text;
        QString reasoning;
        if (m_chat) {
            const JsonObject message
                = object(choice, streamed ? QLatin1String("delta") : QLatin1String("message"));
            text = string(message, QLatin1String("content"));
            // DeepSeek/vLLM/SGLang/llama.cpp use reasoning_content; OpenRouter and newer
            // vLLM use reasoning. A server sends one of them, never both for one token.
            reasoning = string(message, QLatin1String("reasoning_content"));
            if (reasoning.isEmpty())
                reasoning = string(message, QLatin1String("reasoning"));
        } else {
            text = string(choice, QLatin1String("text"));
        }
        if (!reasoning.isEmpty()) {
            out.append(StreamItem::reasoning(reasoning, text.isEmpty() ? chunkTokens : std::nullopt));
        }
        if (!text.isEmpty())
            out.append(StreamItem::delta(text, chunkTokens));

        if (!isEmpty(usage))
            out.append(StreamItem::usageItem(usage));

        ServerTimings timings = llamaTimings(object(root, QLatin1String("timings")));
        timings.mergeFrom(vllmMetrics(object(root, QLatin1String("metrics"))));
        if (!timings.isEmpty())
            out.append(StreamItem::timingsItem(timings));

        if (!finishReason.isEmpty())
            out.append(StreamItem::finish(finishReason));
    }

    bool m_chat;
    std::optional<qint64> m_lastCompletionTokens;
};

/*!
 * The Responses API streams typed events (response.output_text.delta, ...) and ends
 * with response.completed / response.incomplete / response.failed instead of [DONE].
 */
class OpenAIResponsesAdapter : public JsonAdapterBase
{
public:
    Protocol protocol() const override { return Protocol::OpenAIResponses; }

    HttpRequestSpec buildRequest(const EndpointProfile &profile,
                                 const GenerationRequest &request) const override
    {
        QJsonObject body;
        body.insert(QStringLiteral("model"), profile.model);
        const QString system = request.systemText();
        if (!system.isEmpty())
            body.insert(QStringLiteral("instructions"), system);
        body.insert(QStringLiteral("input"), chatMessages(request, false));
        body.insert(QStringLiteral("max_output_tokens"), request.maxTokens);
        if (request.temperature)
            body.insert(QStringLiteral("temperature"), *request.temperature);
        body.insert(QStringLiteral("stream"), request.stream);
        return bearerSpec(profile, request, protocol(), body, QByteArray(Protocols::SseContentType));
    }

protected:
    void handleObject(const QByteArray &eventType, const JsonObject &root, QList<StreamItem> &out) override
    {
        QString type = string(root, QLatin1String("type"));
        if (type.isEmpty())
            type = QString::fromUtf8(eventType);

        if (type == QLatin1String("response.output_text.delta")) {
            const QString text = string(root, QLatin1String("delta"));
            if (!text.isEmpty())
                out.append(StreamItem::delta(text));
        } else if (type == QLatin1String("response.reasoning_summary_text.delta")
                   || type == QLatin1String("response.reasoning_text.delta")) {
            const QString text = string(root, QLatin1String("delta"));
            if (!text.isEmpty())
                out.append(StreamItem::reasoning(text));
        } else if (type == QLatin1String("response.completed") || type == QLatin1String("response.incomplete")
                   || type == QLatin1String("response.failed")) {
            // The status in the event type is the fallback for a terse response object.
            const QString status = type.section(QLatin1Char('.'), 1);
            const qsizetype before = out.size();
            finishResponse(object(root, QLatin1String("response")), status, out);
            const bool reported = std::any_of(out.cbegin() + before, out.cend(), [](const StreamItem &i) {
                return i.kind == StreamItem::Kind::Error;
            });
            if (status == QLatin1String("failed") && !reported) {
                auto error = errorFrom(root);
                out.append(
                    error ? *error
                          : StreamItem::error(QStringLiteral("response failed"), QStringLiteral("failed")));
            }
            markEnded();
        } else if (type == QLatin1String("error")) {
            // Top-level {"type":"error","code","message"}; some servers nest "error".
            if (auto error = errorFrom(root))
                out.append(*error);
        } else if (root.contains(QLatin1String("error")) && !type.startsWith(QLatin1String("response."))) {
            if (auto error = errorFrom(root))
                out.append(*error);
        }
        // Other events (created, in_progress, output_item.*, content_part.*, *.done)
        // repeat what the deltas already said.
    }

    void handleDocument(const JsonDocument &document, QList<StreamItem> &out) override
    {
        const JsonObject root = document.object();
        if (string(root, QLatin1String("object")) != QLatin1String("response")
            && !root.contains(QLatin1String("output"))) {
            if (auto error = errorFrom(root)) {
                out.append(*error);
                return;
            }
        }
        const JsonArray output = array(root, QLatin1String("output"));
        for (const JsonValue itemValue : output) {
            const JsonObject item = itemValue.toObject();
            const QString itemType = string(item, QLatin1String("type"));
            if (itemType == QLatin1String("message")) {
                const JsonArray content = array(item, QLatin1String("content"));
                for (const JsonValue partValue : content) {
                    const JsonObject part = partValue.toObject();
                    const QString text = string(part, QLatin1String("text"));
                    if (string(part, QLatin1String("type")) == QLatin1String("output_text")
                        && !text.isEmpty())
                        out.append(StreamItem::delta(text));
                }
            } else if (itemType == QLatin1String("reasoning")) {
                for (const auto key : { QLatin1String("summary"), QLatin1String("content") }) {
                    const JsonArray parts = array(item, key);
                    for (const JsonValue partValue : parts) {
                        const QString text = string(partValue.toObject(), QLatin1String("text"));
                        if (!text.isEmpty())
                            out.append(StreamItem::reasoning(text));
                    }
                }
            }
        }
        finishResponse(root, QString(), out);
    }

private:
    static void finishResponse(const JsonObject &response, const QString &fallbackStatus,
                               QList<StreamItem> &out)
    {
        const JsonObject usageObject = object(response, QLatin1String("usage"));
        ::Usage usage;
        usage.promptTokens = count(usageObject, QLatin1String("input_tokens"));
        usage.completionTokens = count(usageObject, QLatin1String("output_tokens"));
        usage.cachedPromptTokens = count(object(usageObject, QLatin1String("input_tokens_details")),
                                         QLatin1String("cached_tokens"));
        usage.reasoningTokens = count(object(usageObject, QLatin1String("output_tokens_details")),
                                      QLatin1String("reasoning_tokens"));
        if (!isEmpty(usage))
            out.append(StreamItem::usageItem(usage));

        QString status = string(response, QLatin1String("status"));
        if (status.isEmpty())
            status = fallbackStatus;
        if (status == QLatin1String("failed")) {
            if (auto error = errorFrom(response))
                out.append(*error);
        } else if (status == QLatin1String("incomplete")) {
            const QString reason
                = string(object(response, QLatin1String("incomplete_details")), QLatin1String("reason"));
            out.append(StreamItem::finish(reason.isEmpty() ? status : reason));
        } else if (!status.isEmpty()) {
            out.append(StreamItem::finish(status));
        }
    }
};

} // namespace

std::unique_ptr<ProtocolAdapter> makeOpenAIChatAdapter()
{
    return std::make_unique<OpenAIStyleAdapter>(true);
}

std::unique_ptr<ProtocolAdapter> makeOpenAICompletionsAdapter()
{
    return std::make_unique<OpenAIStyleAdapter>(false);
}

std::unique_ptr<ProtocolAdapter> makeOpenAIResponsesAdapter()
{
    return std::make_unique<OpenAIResponsesAdapter>();
}
