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
    /// vLLM's and llama.cpp's ignore_eos: never stop by itself, generate maxTokens exactly.
    bool ignoreEos = false;
    /// vLLM's min_tokens: the model does not stop by itself before this many (0 = no floor).
    int minTokens = 0;
};

/// \brief How long a request's output is and how it ends.
struct OutputPlan
{
    int length = 0; ///< tokens to generate (at least 1)
    bool naturalStop = false; ///< true: it stopped by itself ("stop"); false: at its limit ("length")
};

/*!
 * \brief The output \a request gets.
 *
 * With ignore_eos: maxTokens (given or the default) and "length". Without max_tokens: the
 * default length, or min_tokens when more, and "stop". With max_tokens: that many and
 * "length", except when \a earlyStop says it stops by itself first: then a length in
 * [max(1, minTokens), maxTokens - 1] picked by \a draw (in [0, 1)) and "stop". \a earlyStop
 * is ignored when that range is empty (min_tokens at or above max_tokens).
 */
OutputPlan planOutput(const GenerationRequest &request, bool earlyStop, double draw);
/// Whether \a request could stop early at all (max_tokens given, no ignore_eos, room below it).
bool canStopEarly(const GenerationRequest &request);

inline constexpr int MaxGenerationTokens = 32768;
/// The model name used when a request names none (and listed by /v1/models, /api/tags).
inline constexpr char DefaultModelName[] = "tokenscope-sim";

/// Reads prompt, length and stream flag from \a body; nullopt with \a error on bad JSON, or
/// on an ignore_eos that is not a boolean, a min_tokens that is not a whole number >= 0 or one
/// above the max_tokens given (as vLLM refuses them).
std::optional<GenerationRequest> parseGenerationRequest(const EndpointRoute &route, const QByteArray &body,
                                                        int defaultMaxTokens, QString *error);

} // namespace Sim
