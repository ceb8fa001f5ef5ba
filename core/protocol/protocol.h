#pragma once

#include <QByteArray>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

/// \brief The wire protocols TokenScope speaks (client adapters and the embedded endpoint).
enum class Protocol {
    OpenAIChat,        ///< POST {base}/chat/completions (base ends in /v1)
    OpenAIResponses,   ///< POST {base}/responses
    OpenAICompletions, ///< POST {base}/completions
    Anthropic,         ///< POST {root}/v1/messages
    Gemini,            ///< POST {root}/v1beta/models/{model}:streamGenerateContent?alt=sse
    Ollama,            ///< POST {root}/api/chat (NDJSON)
    LlamaCpp,          ///< POST {root}/completion
    Tgi,               ///< POST {root}/generate_stream
    SimpleSse,         ///< POST {root}/v1/chat/stream -> data: {"token": "..."} ... data: [DONE]
};

namespace Protocols {
/// Every protocol, in the order the UI lists them.
QList<Protocol> all();
/// The name used on the CLI and in profiles ("openai-chat", ...).
QString name(Protocol protocol);
/// Parses a CLI/profile name; nullopt when unknown.
std::optional<Protocol> fromName(QStringView name);
QStringList names();
/// A one-line human description (translatable).
QString description(Protocol protocol);

/// The path the adapter appends to the base URL. For Gemini it contains "{model}".
QString streamPath(Protocol protocol);
/// The path for a non-streaming request (differs only for Gemini and TGI).
QString nonStreamPath(Protocol protocol);

// Wire constants shared by the client adapters and the embedded endpoint. Only constants:
// the two sides never share code paths, so that a bug in one cannot hide one in the other.
inline constexpr char DoneSentinel[] = "[DONE]";
inline constexpr char SseContentType[] = "text/event-stream";
inline constexpr char NdjsonContentType[] = "application/x-ndjson";
inline constexpr char JsonContentType[] = "application/json";
/// Request header the embedded endpoint reads to inject a fault into one request.
inline constexpr char FaultHeader[] = "X-TokenScope-Fault";
} // namespace Protocols
