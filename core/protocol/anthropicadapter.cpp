// Anthropic Messages API: named SSE events, text and extended-thinking content blocks,
// usage split between message_start (input) and message_delta (output).

#include "adapters_p.h"

using namespace ProtocolDetail;

namespace {

class AnthropicAdapter : public JsonAdapterBase
{
public:
    Protocol protocol() const override { return Protocol::Anthropic; }

    HttpRequestSpec buildRequest(const EndpointProfile &profile,
                                 const GenerationRequest &request) const override
    {
        QJsonObject body;
        body.insert(QStringLiteral("model"), profile.model);
        body.insert(QStringLiteral("max_tokens"), request.maxTokens);
        const QString system = request.systemText();
        if (!system.isEmpty()) // the Messages API takes the system prompt apart
            body.insert(QStringLiteral("system"), system);
        body.insert(QStringLiteral("messages"), chatMessages(request, false));
        if (request.temperature)
            body.insert(QStringLiteral("temperature"), *request.temperature);
        body.insert(QStringLiteral("stream"), request.stream);

        HttpRequestSpec spec = makeSpec(profile, request, Protocols::streamPath(protocol()), body,
                                        QByteArray(Protocols::SseContentType));
        if (!profile.apiKey.isEmpty())
            setHeader(spec.headers, QByteArrayLiteral("x-api-key"), profile.apiKey.toUtf8());
        setHeader(spec.headers, QByteArrayLiteral("anthropic-version"), QByteArrayLiteral("2023-06-01"));
        applyProfileHeaders(spec, profile);
        return spec;
    }

private:
    // A block's opening object and its deltas carry text the same way: answer text under
    // "text" (types text / text_delta), reasoning under "thinking" (thinking / thinking_delta).
    static void appendContent(const JsonObject &part, QList<StreamItem> &out)
    {
        const QString kind = string(part, QLatin1String("type"));
        if (kind == QLatin1String("text") || kind == QLatin1String("text_delta")) {
            const QString text = string(part, QLatin1String("text"));
            if (!text.isEmpty())
                out.append(StreamItem::delta(text));
        } else if (kind == QLatin1String("thinking") || kind == QLatin1String("thinking_delta")) {
            const QString text = string(part, QLatin1String("thinking"));
            if (!text.isEmpty())
                out.append(StreamItem::reasoning(text));
        }
    }

protected:
    void handleObject(const QByteArray &eventType, const JsonObject &root, QList<StreamItem> &out) override
    {
        // The data's "type" repeats the SSE event name; the data is what the API documents
        // as authoritative, the event name only a fallback for terse proxies.
        QString type = string(root, QLatin1String("type"));
        if (type.isEmpty())
            type = QString::fromUtf8(eventType);

        if (type == QLatin1String("content_block_delta")) {
            // signature_delta, input_json_delta, citations_delta: not text the user reads.
            appendContent(object(root, QLatin1String("delta")), out);
        } else if (type == QLatin1String("content_block_start")) {
            // A block may open with initial content; normally it is empty.
            appendContent(object(root, QLatin1String("content_block")), out);
        } else if (type == QLatin1String("message_start")) {
            if (mergeUsage(object(object(root, QLatin1String("message")), QLatin1String("usage"))))
                out.append(StreamItem::usageItem(m_usage));
        } else if (type == QLatin1String("message_delta")) {
            if (mergeUsage(object(root, QLatin1String("usage"))))
                out.append(StreamItem::usageItem(m_usage));
            const QString reason = string(object(root, QLatin1String("delta")), QLatin1String("stop_reason"));
            if (!reason.isEmpty())
                out.append(StreamItem::finish(reason));
        } else if (type == QLatin1String("message_stop")) {
            markEnded();
        } else if (type == QLatin1String("error")) {
            if (auto error = errorFrom(root))
                out.append(*error);
            else
                out.append(StreamItem::error(QStringLiteral("error event"), QStringLiteral("error")));
        }
        // ping, content_block_stop and future event types carry nothing we measure.
    }

    void handleDocument(const JsonDocument &document, QList<StreamItem> &out) override
    {
        const JsonObject root = document.object();
        if (auto error = errorFrom(root)) {
            out.append(*error);
            return;
        }
        const JsonArray content = array(root, QLatin1String("content"));
        for (const JsonValue blockValue : content) {
            const JsonObject block = blockValue.toObject();
            const QString blockType = string(block, QLatin1String("type"));
            if (blockType == QLatin1String("text")) {
                const QString text = string(block, QLatin1String("text"));
                if (!text.isEmpty())
                    out.append(StreamItem::delta(text));
            } else if (blockType == QLatin1String("thinking")) {
                const QString text = string(block, QLatin1String("thinking"));
                if (!text.isEmpty())
                    out.append(StreamItem::reasoning(text));
            }
        }
        if (mergeUsage(object(root, QLatin1String("usage"))))
            out.append(StreamItem::usageItem(m_usage));
        const QString reason = string(root, QLatin1String("stop_reason"));
        if (!reason.isEmpty())
            out.append(StreamItem::finish(reason));
    }

private:
    /// Usage arrives in pieces; each item carries everything known so far, so that a
    /// consumer keeping only the latest usage item still has the input tokens.
    bool mergeUsage(const JsonObject &usage)
    {
        bool changed = false;
        auto take = [&](std::optional<qint64> &field, const char *key) {
            if (const auto value = count(usage, QLatin1String(key))) {
                field = value;
                changed = true;
            }
        };
        take(m_input, "input_tokens");
        take(m_usage.completionTokens, "output_tokens");
        take(m_usage.cachedPromptTokens, "cache_read_input_tokens");
        take(m_cacheCreation, "cache_creation_input_tokens");
        // With prompt caching, input_tokens counts only what was neither read from nor written
        // to the cache: the prompt is the three together.
        if (m_input)
            m_usage.promptTokens
                = *m_input + m_usage.cachedPromptTokens.value_or(0) + m_cacheCreation.value_or(0);
        return changed;
    }

    ::Usage m_usage;
    std::optional<qint64> m_input; ///< input_tokens: the uncached part of the prompt
    std::optional<qint64> m_cacheCreation; ///< cache_creation_input_tokens: written to the cache
};

} // namespace

std::unique_ptr<ProtocolAdapter> makeAnthropicAdapter()
{
    return std::make_unique<AnthropicAdapter>();
}
