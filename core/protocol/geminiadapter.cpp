// Google Gemini generateContent: every SSE event (alt=sse) is a whole
// GenerateContentResponse; there is no end sentinel, finishReason ends the answer.

#include "adapters_p.h"

#include <QUrl>

using namespace ProtocolDetail;

namespace {

class GeminiAdapter : public JsonAdapterBase
{
public:
    Protocol protocol() const override { return Protocol::Gemini; }

    HttpRequestSpec buildRequest(const EndpointProfile &profile,
                                 const GenerationRequest &request) const override
    {
        QJsonArray contents;
        for (const ChatMessage &message : request.messages) {
            if (message.role == QLatin1String("system"))
                continue;
            // Gemini names the assistant "model".
            const QString role = message.role == QLatin1String("assistant") ? QStringLiteral("model")
                                                                            : QStringLiteral("user");
            contents.append(QJsonObject {
                { QStringLiteral("role"), role },
                { QStringLiteral("parts"),
                  QJsonArray { QJsonObject { { QStringLiteral("text"), message.content } } } } });
        }
        QJsonObject body;
        body.insert(QStringLiteral("contents"), contents);
        const QString system = request.systemText();
        if (!system.isEmpty()) {
            body.insert(
                QStringLiteral("systemInstruction"),
                QJsonObject { { QStringLiteral("parts"),
                                QJsonArray { QJsonObject { { QStringLiteral("text"), system } } } } });
        }
        QJsonObject config;
        config.insert(QStringLiteral("maxOutputTokens"), request.maxTokens);
        if (request.temperature)
            config.insert(QStringLiteral("temperature"), *request.temperature);
        body.insert(QStringLiteral("generationConfig"), config);

        // Users copy model ids as "models/gemini-..." from the models list.
        QString model = profile.model;
        if (model.startsWith(QLatin1String("models/")))
            model = model.mid(7);
        QString path
            = request.stream ? Protocols::streamPath(protocol()) : Protocols::nonStreamPath(protocol());
        path.replace(QLatin1String("{model}"), QString::fromLatin1(QUrl::toPercentEncoding(model)));

        HttpRequestSpec spec = makeSpec(profile, request, path, body, QByteArray(Protocols::SseContentType));
        if (!profile.apiKey.isEmpty())
            setHeader(spec.headers, QByteArrayLiteral("x-goog-api-key"), profile.apiKey.toUtf8());
        applyProfileHeaders(spec, profile);
        return spec;
    }

protected:
    void handleObject(const QByteArray &, const JsonObject &root, QList<StreamItem> &out) override
    {
        handleResponse(root, out);
    }

    void handleDocument(const JsonDocument &document, QList<StreamItem> &out) override
    {
        // Without alt=sse, streamGenerateContent answers with an array of responses.
        if (document.isArray()) {
            const JsonArray responses = document.array();
            for (const JsonValue value : responses)
                handleResponse(value.toObject(), out);
        } else {
            handleResponse(document.object(), out);
        }
    }

private:
    void handleResponse(const JsonObject &root, QList<StreamItem> &out)
    {
        if (auto error = errorFrom(root)) {
            out.append(*error);
            return;
        }
        const JsonObject candidate = array(root, QLatin1String("candidates")).first().toObject();
        const JsonArray parts = array(object(candidate, QLatin1String("content")), QLatin1String("parts"));
        for (const JsonValue partValue : parts) {
            const JsonObject part = partValue.toObject();
            const QString text = string(part, QLatin1String("text"));
            if (text.isEmpty())
                continue;
            if (isTrue(part, QLatin1String("thought")))
                out.append(StreamItem::reasoning(text));
            else
                out.append(StreamItem::delta(text));
        }

        const JsonObject metadata = object(root, QLatin1String("usageMetadata"));
        ::Usage usage;
        usage.promptTokens = count(metadata, QLatin1String("promptTokenCount"));
        usage.completionTokens = count(metadata, QLatin1String("candidatesTokenCount"));
        usage.reasoningTokens = count(metadata, QLatin1String("thoughtsTokenCount"));
        usage.cachedPromptTokens = count(metadata, QLatin1String("cachedContentTokenCount"));
        if (!isEmpty(usage))
            out.append(StreamItem::usageItem(usage));

        // A blocked prompt yields no candidates at all: a failure, not an empty answer.
        const QString blockReason
            = string(object(root, QLatin1String("promptFeedback")), QLatin1String("blockReason"));
        if (!blockReason.isEmpty()) {
            out.append(StreamItem::error(QStringLiteral("prompt blocked: ") + cleanText(blockReason),
                                         QStringLiteral("blocked")));
            m_complete = true;
        }

        const QString reason = string(candidate, QLatin1String("finishReason"));
        if (!reason.isEmpty()) {
            out.append(StreamItem::finish(reason));
            // Not markEnded(): a last usage-only event may still follow the finish.
            m_complete = true;
        }
    }
};

} // namespace

std::unique_ptr<ProtocolAdapter> makeGeminiAdapter()
{
    return std::make_unique<GeminiAdapter>();
}
