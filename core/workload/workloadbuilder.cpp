#include "workloadbuilder.h"

#include <algorithm>
#include <limits>

GenerationRequest WorkloadBuilder::defaultsOf(const QList<GenerationRequest> &prompts)
{
    GenerationRequest defaults = prompts.isEmpty() ? GenerationRequest() : prompts.constFirst();
    QList<ChatMessage> system;
    for (const ChatMessage &m : std::as_const(defaults.messages)) {
        if (m.role == u"system")
            system.append(m);
    }
    defaults.messages = system;
    return defaults;
}

QStringList WorkloadBuilder::tokenizerNames()
{
    QStringList names;
    for (BpeEncodingId id : BpeEncodings::all())
        names.append(BpeEncodings::name(id));
    return names;
}

std::optional<TokenCounter> WorkloadBuilder::tokenCounter(QStringView name)
{
    const std::optional<BpeEncodingId> id = BpeEncodings::fromName(name);
    if (!id)
        return std::nullopt;
    return TokenCounter::forEncoding(*id);
}

std::optional<WorkloadBuilder::SyntheticRequests>
WorkloadBuilder::syntheticRequests(SyntheticPromptSpec spec, int count, const TokenCounter &counter,
                                   const GenerationRequest &defaults, QString *error)
{
    return syntheticRequests(spec, count, PromptTokenCounter::from(counter), defaults, error);
}

std::optional<WorkloadBuilder::SyntheticRequests>
WorkloadBuilder::syntheticRequests(SyntheticPromptSpec spec, int count, const PromptTokenCounter &counter,
                                   const GenerationRequest &defaults, QString *error)
{
    spec.count = std::clamp(count, 1, SyntheticPromptGenerator::MaxPrompts);
    const SyntheticPromptGenerator generator(counter);
    const std::optional<SyntheticPromptSet> set = generator.generate(spec, error);
    if (!set)
        return std::nullopt;
    SyntheticRequests out;
    out.spec = spec;
    out.spec.language = SyntheticPromptGenerator::normalizedLanguage(spec.language);
    out.method = set->method;
    out.source = set->source;
    out.prefixTokenShare = set->prefixTokenShare();
    out.notes = set->notes;
    out.prompts.reserve(set->prompts.size());
    for (const SyntheticPrompt &p : set->prompts) {
        GenerationRequest r = defaults;
        r.messages.append({ QStringLiteral("user"), p.text });
        out.prompts.append(std::move(r));
        out.inputTokens.append(p.tokens);
    }
    return out;
}

QList<int> WorkloadBuilder::syntheticLengths(const LengthDistribution &input, int count, quint64 seed)
{
    SyntheticPromptSpec spec;
    spec.input = input;
    spec.seed = seed;
    spec.count = std::clamp(count, 0, SyntheticPromptGenerator::MaxPrompts);
    return SyntheticPromptGenerator::lengths(spec);
}

Dataset::TokenCountFunction WorkloadBuilder::countFunction(const TokenCounter &counter)
{
    return [counter](QStringView text) {
        return counter.tokens(text);
    };
}

Dataset::TokenCountFunction WorkloadBuilder::countFunction(const PromptTokenCounter &counter)
{
    return [count = counter.count](QStringView text) {
        return qint64(count(text));
    };
}

Dataset WorkloadBuilder::inRange(const Dataset &data, const Dataset::TokenRange &input,
                                 const Dataset::TokenRange &output, const TokenCounter &counter)
{
    if (input.isUnbounded() && output.isUnbounded())
        return data;
    return data.filtered(input, output, countFunction(counter));
}

Dataset WorkloadBuilder::inRange(const Dataset &data, const Dataset::TokenRange &input,
                                 const Dataset::TokenRange &output, const PromptTokenCounter &counter)
{
    if (input.isUnbounded() && output.isUnbounded())
        return data;
    return data.filtered(input, output, countFunction(counter));
}

Dataset WorkloadBuilder::sample(const Dataset &data, int count, quint64 seed)
{
    return data.sampled(std::max(1, count), SeededRandom::derive(seed, SampleStream));
}

QList<GenerationRequest> WorkloadBuilder::datasetRequests(const Dataset &sample,
                                                          const GenerationRequest &defaults,
                                                          const TokenCounter &counter)
{
    return sample.toRequests(defaults, countFunction(counter));
}

QList<GenerationRequest> WorkloadBuilder::datasetRequests(const Dataset &sample,
                                                          const GenerationRequest &defaults,
                                                          const PromptTokenCounter &counter)
{
    return sample.toRequests(defaults, countFunction(counter));
}

QList<int> WorkloadBuilder::datasetInputLengths(const Dataset &sample, const TokenCounter &counter)
{
    QList<int> lengths;
    lengths.reserve(sample.size());
    for (const DatasetEntry &entry : sample.entries()) {
        if (entry.inputTokens) {
            lengths.append(*entry.inputTokens);
            continue;
        }
        qint64 tokens = 0;
        for (const ChatMessage &message : entry.messages)
            tokens += counter.tokens(message.content);
        lengths.append(int(std::min<qint64>(tokens, std::numeric_limits<int>::max())));
    }
    return lengths;
}

void WorkloadBuilder::applyOutputLengths(QList<GenerationRequest> &requests, const LengthDistribution &output,
                                         quint64 seed)
{
    const QList<int> lengths
        = output.samples(int(requests.size()), SeededRandom::derive(seed, OutputLengthStream));
    for (qsizetype i = 0; i < requests.size() && i < lengths.size(); ++i)
        requests[i].maxTokens = lengths.at(i);
}

void WorkloadBuilder::forceOutputLength(QList<GenerationRequest> &requests)
{
    for (GenerationRequest &r : requests)
        r.forceOutputLength = true;
}
