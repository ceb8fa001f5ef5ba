#pragma once

#include "generationrequest.h"

#include <QByteArray>
#include <QString>

#include <memory>

// The simulator's own types live in Sim:: so that none can collide with the client's
// (a GenerationRequest or ServerTimings here is not the one in core/protocol).
namespace Sim {

/// \brief What one emitter needs to know about its request.
struct EmitterSetup
{
    RouteKind kind = RouteKind::OpenAIChat;
    QString model;
    QString id; ///< response id, unique per request
    qint64 created = 0; ///< seconds since the epoch
    int promptTokens = 0; ///< the whole prompt, cached or not
    int cachedTokens = 0; ///< of promptTokens, served from the prefix cache
    int cacheWriteTokens = 0; ///< of promptTokens, in whole blocks this request writes to the cache
    int maxTokens = 0; ///< the output's planned length (its last token ends the stream)
    bool naturalStop = false; ///< finish as "stop" (true) or as "length" (false)
    bool includeUsage = false;
};

/// \brief The times the simulation really spent on a request, as the server reports them.
struct ServerTimings
{
    int promptN = 0; ///< prompt tokens computed (llama.cpp's prompt_n: the cached ones are not)
    int cacheN = 0; ///< prompt tokens served from the prefix cache (llama.cpp's cache_n)
    int predictedN = 0;
    qint64 promptNs = 0; ///< prefill: start of processing to end of prompt processing
    qint64 predictedNs = 0; ///< end of prefill to the last token (includes the first step)
    qint64 totalNs = 0; ///< start of processing to the final event
};

/*!
 * \brief Formats one request's response in one provider's wire format.
 *
 * One instance per request: it remembers the text so far, the event sequence numbers and
 * whatever else the format repeats. Stream methods return complete frames (SSE events or
 * NDJSON lines) ready for one HTTP chunk; document() is the non-streaming body.
 */
class ProtocolEmitter
{
public:
    static std::unique_ptr<ProtocolEmitter> create(const EmitterSetup &setup);
    /// The dialect's own error body (429, 500, 503) for \a kind.
    static QByteArray errorDocument(RouteKind kind, int status, const QString &message);
    /// An OpenAI-style error body, used for routing and parsing errors of every dialect.
    static QByteArray openAiError(const QString &message, const QString &type, const QString &code = {});

    explicit ProtocolEmitter(const EmitterSetup &setup);
    virtual ~ProtocolEmitter();

    const EmitterSetup &setup() const { return m_setup; }
    const QString &text() const { return m_text; }
    int tokenCount() const { return m_tokens; }

    /// What the prefix cache gave the prompt (known when the request reaches the engine,
    /// before streamStart()).
    void setPromptCache(int cachedTokens, int cacheWriteTokens);

    /// Records a generated token (streaming or not) before it is formatted.
    void record(const QString &token);

    virtual QByteArray streamContentType() const;
    /// Events sent together with the response headers (before any token).
    virtual QByteArray streamStart() { return {}; }
    /// The frame carrying token number \a index (0-based), already record()ed.
    virtual QByteArray token(int index, const QString &token) = 0;
    /// Final frames: finish reason, usage, timings, end sentinel.
    virtual QByteArray streamEnd(const ServerTimings &timings) = 0;
    /// A frame whose JSON is cut short (MalformedJson fault).
    virtual QByteArray malformed() const = 0;
    /// An error in the dialect's own streaming format (ErrorEvent fault).
    virtual QByteArray errorEvent() = 0;
    /// The non-streaming body.
    virtual QByteArray document(const ServerTimings &timings) const = 0;

protected:
    EmitterSetup m_setup;
    QString m_text;
    int m_tokens = 0;
};

} // namespace Sim
