#pragma once

#include <QByteArray>
#include <QString>

#include <optional>

// The simulator's own types live in Sim:: so that none can collide with the client's
// (a GenerationRequest or ServerTimings here is not the one in core/protocol).
namespace Sim {

/// \brief The dialects the embedded endpoint answers (its own list: no code shared with the client).
enum class RouteKind {
    OpenAIChat,
    OpenAICompletions,
    OpenAIResponses,
    Anthropic,
    Gemini,
    Ollama,
    LlamaCpp,
    Tgi,
    Plain,
};

/// \brief Where a request goes, decided from its method and path alone.
struct EndpointRoute
{
    enum class Type {
        NotFound,
        MethodNotAllowed,
        Generation,
        Models,
        Tags,
        Stats,
        Metrics,
        Health,
        Embeddings,
        Tokenize
    };
    Type type = Type::NotFound;
    RouteKind kind = RouteKind::OpenAIChat;
    /// -1: the body's "stream" decides; 0: never streams; 1: always streams.
    int streamByPath = -1;
    QString pathModel; ///< Gemini's {model} path segment
    QByteArray allow; ///< the allowed method, for 405
};

EndpointRoute matchEndpointRoute(const QByteArray &method, const QByteArray &path);

/// \brief What the endpoint needs from a generation request body, whatever the dialect.
struct GenerationRequest
{
    RouteKind kind = RouteKind::OpenAIChat;
    bool stream = false;
    QString model;
    QString prompt;
    int maxTokens = 0;
    bool maxTokensGiven = false; ///< false: the model "stops naturally" at the default length
    bool includeUsage = false; ///< OpenAI stream_options.include_usage
};

inline constexpr int MaxGenerationTokens = 32768;
/// The model name used when a request names none (and listed by /v1/models, /api/tags).
inline constexpr char DefaultModelName[] = "tokenscope-sim";

/// Reads prompt, length and stream flag from \a body; nullopt with \a error on bad JSON.
std::optional<GenerationRequest> parseGenerationRequest(const EndpointRoute &route, const QByteArray &body,
                                                        int defaultMaxTokens, QString *error);

} // namespace Sim
