#include "protocol.h"

#include <QCoreApplication>

namespace {
struct ProtocolInfo
{
    Protocol protocol;
    QLatin1String name;
    QLatin1String streamPath;
    QLatin1String nonStreamPath;
};

// One table so that names and paths cannot drift apart per protocol.
constexpr ProtocolInfo Infos[] = {
    { Protocol::OpenAIChat, QLatin1String("openai-chat"), QLatin1String("/chat/completions"),
      QLatin1String("/chat/completions") },
    { Protocol::OpenAIResponses, QLatin1String("openai-responses"), QLatin1String("/responses"),
      QLatin1String("/responses") },
    { Protocol::OpenAICompletions, QLatin1String("openai-completions"), QLatin1String("/completions"),
      QLatin1String("/completions") },
    { Protocol::Anthropic, QLatin1String("anthropic"), QLatin1String("/v1/messages"),
      QLatin1String("/v1/messages") },
    { Protocol::Gemini, QLatin1String("gemini"),
      QLatin1String("/v1beta/models/{model}:streamGenerateContent?alt=sse"),
      QLatin1String("/v1beta/models/{model}:generateContent") },
    { Protocol::Ollama, QLatin1String("ollama"), QLatin1String("/api/chat"), QLatin1String("/api/chat") },
    { Protocol::LlamaCpp, QLatin1String("llamacpp"), QLatin1String("/completion"),
      QLatin1String("/completion") },
    { Protocol::Tgi, QLatin1String("tgi"), QLatin1String("/generate_stream"), QLatin1String("/generate") },
    { Protocol::SimpleSse, QLatin1String("simple-sse"), QLatin1String("/v1/chat/stream"),
      QLatin1String("/v1/chat/stream") },
};

const ProtocolInfo &info(Protocol protocol)
{
    for (const auto &i : Infos) {
        if (i.protocol == protocol)
            return i;
    }
    return Infos[0]; // unreachable for valid enum values; never UB for casted garbage
}
} // namespace

namespace Protocols {

QList<Protocol> all()
{
    QList<Protocol> result;
    for (const auto &i : Infos)
        result.append(i.protocol);
    return result;
}

QString name(Protocol protocol)
{
    return info(protocol).name;
}

std::optional<Protocol> fromName(QStringView name)
{
    const QStringView trimmed = name.trimmed();
    for (const auto &i : Infos) {
        if (trimmed.compare(i.name, Qt::CaseInsensitive) == 0)
            return i.protocol;
    }
    return std::nullopt;
}

QStringList names()
{
    QStringList result;
    for (const auto &i : Infos)
        result.append(i.name);
    return result;
}

QString description(Protocol protocol)
{
    switch (protocol) {
    case Protocol::OpenAIChat:
        return QCoreApplication::translate("Protocols",
                                           "OpenAI-compatible Chat Completions (vLLM, SGLang, "
                                           "llama.cpp, LM Studio, OpenAI)");
    case Protocol::OpenAIResponses:
        return QCoreApplication::translate("Protocols", "OpenAI Responses API");
    case Protocol::OpenAICompletions:
        return QCoreApplication::translate("Protocols", "OpenAI-compatible legacy text Completions");
    case Protocol::Anthropic:
        return QCoreApplication::translate("Protocols", "Anthropic Messages API");
    case Protocol::Gemini:
        return QCoreApplication::translate("Protocols", "Google Gemini generateContent");
    case Protocol::Ollama:
        return QCoreApplication::translate("Protocols", "Ollama native chat (NDJSON)");
    case Protocol::LlamaCpp:
        return QCoreApplication::translate("Protocols", "llama.cpp server native /completion");
    case Protocol::Tgi:
        return QCoreApplication::translate("Protocols", "Hugging Face Text Generation Inference");
    case Protocol::SimpleSse:
        return QCoreApplication::translate("Protocols",
                                           "Minimal SSE token stream (TokenScope test endpoint)");
    }
    return {};
}

QString streamPath(Protocol protocol)
{
    return info(protocol).streamPath;
}

QString nonStreamPath(Protocol protocol)
{
    return info(protocol).nonStreamPath;
}

} // namespace Protocols
