// PromptSet::fromBytes on arbitrary bytes. The first byte picks the format: 't' text,
// 'j' JSONL, anything else Auto (decided by the content, as for a file with no extension).
//
// Invariants beyond "no crash, no UB, no leak":
// - either a non-empty list of prompts or an error naming the source, never both;
// - every prompt has messages with a known role, max_tokens stays positive and the sampling
//   defaults are carried over;
// - a text-format prompt is one user message, trimmed and never blank (fromText() refuses
//   blank prompts too). JSONL "messages" may hold empty contents: that is left to the file.

#include "fuzzcheck.h"

#include "load/promptset.h"

namespace {

bool isKnownRole(const QString &role)
{
    return role == QLatin1String("system") || role == QLatin1String("user")
        || role == QLatin1String("assistant");
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    if (size < 1)
        return 0;
    PromptSet::Format format = PromptSet::Format::Auto;
    if (data[0] == 't')
        format = PromptSet::Format::Text;
    else if (data[0] == 'j')
        format = PromptSet::Format::Jsonl;
    const QByteArrayView content(reinterpret_cast<const char *>(data) + 1, qsizetype(size - 1));

    GenerationRequest defaults;
    defaults.maxTokens = 77;
    defaults.temperature = 0.5;
    const QString source = QStringLiteral("fuzz-prompts");
    QString error;
    const auto requests = PromptSet::fromBytes(content, source, defaults, &error, format);

    if (!requests) {
        FUZZ_CHECK(error.startsWith(source));
        return 0;
    }
    FUZZ_CHECK(error.isEmpty());
    FUZZ_CHECK(!requests->isEmpty());
    for (const GenerationRequest &request : *requests) {
        FUZZ_CHECK(!request.messages.isEmpty());
        FUZZ_CHECK(request.maxTokens >= 1);
        FUZZ_CHECK(request.temperature == defaults.temperature);
        FUZZ_CHECK(request.stream == defaults.stream);
        if (format == PromptSet::Format::Text) {
            FUZZ_CHECK(request.maxTokens == defaults.maxTokens && request.messages.size() == 1);
            FUZZ_CHECK(request.messages.first().role == QLatin1String("user"));
            FUZZ_CHECK(!request.messages.first().content.trimmed().isEmpty());
            FUZZ_CHECK(request.messages.first().content == request.messages.first().content.trimmed());
        }
        for (const ChatMessage &message : request.messages)
            FUZZ_CHECK(isKnownRole(message.role));
    }
    return 0;
}
