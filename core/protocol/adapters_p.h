#pragma once

// Private to core/protocol: the concrete adapters and the JSON helpers they share.

#include "jsonview_p.h"
#include "protocoladapter.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonValue>

#include <optional>

namespace ProtocolDetail {

// Typed accessors. A field of the wrong JSON type reads as absent, so that a server
// sending "content": 5 or "usage": "n/a" can never crash or poison the figures.
QString string(const JsonObject &object, QLatin1String key);
JsonObject object(const JsonObject &object, QLatin1String key);
JsonArray array(const JsonObject &object, QLatin1String key);
std::optional<double> number(const JsonObject &object, QLatin1String key);
/// A non-negative integral count (token counts, nanosecond durations).
std::optional<qint64> count(const JsonObject &object, QLatin1String key);
/// true only for a JSON boolean true.
bool isTrue(const JsonObject &object, QLatin1String key);

/// An Error item when \a root carries an error in any provider's shape, else nullopt.
/// Handles {"error": {...}}, {"error": "..."} (+ "error_type"), {"type": "error", ...}.
/// \a fallbackMessage is used when the error names neither a message nor a type.
std::optional<StreamItem> errorFrom(const JsonObject &root,
                                    const QString &fallbackMessage
                                    = QStringLiteral("the server reported an error without a message"));

/// One line of readable text: control characters become spaces, runs are collapsed.
QString cleanText(const QString &text);

/// A usage item from OpenAI-style usage {prompt_tokens, completion_tokens, ...details}.
::Usage openAiUsage(const JsonObject &usage);
/// llama.cpp `timings` {prompt_n, prompt_ms, predicted_n, predicted_ms, cache_n}.
ServerTimings llamaTimings(const JsonObject &timings);
/// vLLM per-request `metrics` (seconds since the epoch / durations in seconds).
ServerTimings vllmMetrics(const JsonObject &metrics);
bool isEmpty(const ::Usage &usage);

/// The common request headers: a JSON body and \a accept.
QList<QPair<QByteArray, QByteArray>> baseHeaders(const QByteArray &accept);
void setHeader(QList<QPair<QByteArray, QByteArray>> &headers, const QByteArray &name,
               const QByteArray &value);
void addBearer(QList<QPair<QByteArray, QByteArray>> &headers, const EndpointProfile &profile);
/// Chat messages as [{"role", "content"}], optionally without system messages.
QJsonArray chatMessages(const GenerationRequest &request, bool includeSystem);

} // namespace ProtocolDetail

/*!
 * \brief What every adapter does before it looks at an event: sentinel, emptiness,
 * JSON parsing, and ignoring whatever follows the end of the stream.
 */
class JsonAdapterBase : public ProtocolAdapter
{
public:
    WireFormat streamFormat() const override { return WireFormat::Sse; }
    bool isComplete() const override { return m_complete; }

    void handleEvent(const WireEvent &event, QList<StreamItem> &out) final;
    void handleBody(const QByteArray &body, QList<StreamItem> &out) final;

protected:
    /// One parsed stream event (\a eventType is the SSE type, "message" when unnamed).
    virtual void handleObject(const QByteArray &eventType, const ProtocolDetail::JsonObject &object, QList<StreamItem> &out)
        = 0;
    /// A whole non-streamed body; \a document is valid JSON (an object or an array).
    virtual void handleDocument(const ProtocolDetail::JsonDocument &document, QList<StreamItem> &out) = 0;

    /// The stream ended: later events are ignored (a proxy appending junk after [DONE],
    /// or a server repeating it, must not add text or errors to a finished request).
    void markEnded()
    {
        m_complete = true;
        m_ended = true;
    }

    bool m_complete = false;
    bool m_ended = false;
};

/// POST \a path (relative to the profile's base) with \a body; Accept is \a streamAccept
/// for a streamed request and JSON otherwise. Auth headers are the caller's business.
HttpRequestSpec makeSpec(const EndpointProfile &profile, const GenerationRequest &request,
                         const QString &path, const QJsonObject &body, const QByteArray &streamAccept);

/// The profile's own headers go last and replace ours of the same name.
void applyProfileHeaders(HttpRequestSpec &spec, const EndpointProfile &profile);

/// makeSpec() at the protocol's streaming or non-streaming path, with a Bearer key (when the
/// profile has one) and the profile's headers: the request of every Bearer-style protocol.
HttpRequestSpec bearerSpec(const EndpointProfile &profile, const GenerationRequest &request, Protocol protocol,
                           const QJsonObject &body, const QByteArray &streamAccept);

std::unique_ptr<ProtocolAdapter> makeOpenAIChatAdapter();
std::unique_ptr<ProtocolAdapter> makeOpenAICompletionsAdapter();
std::unique_ptr<ProtocolAdapter> makeOpenAIResponsesAdapter();
std::unique_ptr<ProtocolAdapter> makeAnthropicAdapter();
std::unique_ptr<ProtocolAdapter> makeGeminiAdapter();
std::unique_ptr<ProtocolAdapter> makeOllamaAdapter();
std::unique_ptr<ProtocolAdapter> makeLlamaCppAdapter();
std::unique_ptr<ProtocolAdapter> makeTgiAdapter();
std::unique_ptr<ProtocolAdapter> makeSimpleSseAdapter();
