#pragma once

#include "dataset.h"
#include "lengthdistribution.h"
#include "syntheticprompts.h"

#include "protocol/endpointprofile.h"
#include "tokenize/tokencounter.h"

#include <QList>
#include <QString>
#include <QStringList>
#include <QStringView>

#include <optional>

/*!
 * \brief The requests of a production-like workload: synthetic prompts of exact token lengths,
 * a seeded sample of a dataset, output lengths drawn from a spec.
 *
 * The one place that turns workload settings into requests, so the CLI (run, sweep) and the
 * Runs panel make the same prompts from the same settings and seed. Callers parse and check
 * their own inputs (option strings, form fields) and word their own messages; the functions
 * here take parsed values. Every draw comes from its own stream of the one workload seed
 * (SeededRandom::derive), so equal specs for input and output do not give equal lists.
 */
namespace WorkloadBuilder {

/// The streams of the workload seed used here (the synthetic prompts use 1 to 4 themselves).
constexpr quint64 OutputLengthStream = 5;
constexpr quint64 SampleStream = 7;
constexpr quint64 TraceTextStream = 11;

/// The request defaults of \a prompts without their user turn: sampling settings and system
/// messages (a copy of the first prompt; an empty request when there is none).
GenerationRequest defaultsOf(const QList<GenerationRequest> &prompts);

/// The names a tokenizer can be given by ("cl100k_base", "o200k_base").
QStringList tokenizerNames();
/// A counter for the encoding named \a name: exact when its rank file is found, else the
/// estimator with a note saying why. nullopt for an unknown name.
std::optional<TokenCounter> tokenCounter(QStringView name);

/// \brief Synthetic prompts as requests, and what was said about how they were made.
struct SyntheticRequests
{
    QList<GenerationRequest> prompts; ///< one per generated prompt, in order
    QList<int> inputTokens; ///< each prompt's text length in the counter's tokens
    SyntheticPromptSpec spec; ///< what was generated (count clamped, language normalised)
    CountMethod method = CountMethod::Estimate;
    QString source; ///< the counter's source, e.g. "cl100k_base"
    double prefixTokenShare = 0; ///< see SyntheticPromptSet::prefixTokenShare()
    QStringList notes; ///< the generator's translated caveats (estimated lengths, short prompts)

    bool isExact() const { return method != CountMethod::Estimate; }
};

/*!
 * \brief \a count synthetic prompts (clamped to 1..SyntheticPromptGenerator::MaxPrompts) of
 * \a spec (its count is replaced), each a copy of \a defaults with the text as a user turn
 * after the defaults' messages. Nothing and \a error (the generator's) when a length cannot be
 * reached or the spec is out of range.
 */
std::optional<SyntheticRequests> syntheticRequests(SyntheticPromptSpec spec, int count,
                                                   const TokenCounter &counter,
                                                   const GenerationRequest &defaults,
                                                   QString *error = nullptr);
/// The same with any counter, e.g. the endpoint's own (EndpointPromptCounter).
std::optional<SyntheticRequests> syntheticRequests(SyntheticPromptSpec spec, int count,
                                                   const PromptTokenCounter &counter,
                                                   const GenerationRequest &defaults,
                                                   QString *error = nullptr);

/// The input lengths syntheticRequests() gives its first \a count prompts, in order, without
/// making any text: cheap enough for a live preview.
QList<int> syntheticLengths(const LengthDistribution &input, int count, quint64 seed);

/// Counts with \a counter, for Dataset::filtered() and Dataset::toRequests().
Dataset::TokenCountFunction countFunction(const TokenCounter &counter);
Dataset::TokenCountFunction countFunction(const PromptTokenCounter &counter);

/// The entries of \a data within \a input and \a output tokens as \a counter counts them
/// (Dataset::filtered()); \a data itself when both ranges are unbounded. May be empty.
Dataset inRange(const Dataset &data, const Dataset::TokenRange &input, const Dataset::TokenRange &output,
                const TokenCounter &counter);
Dataset inRange(const Dataset &data, const Dataset::TokenRange &input, const Dataset::TokenRange &output,
                const PromptTokenCounter &counter);

/// \a count entries of \a data (at least 1) drawn with the workload \a seed: the first
/// entries of one shuffle, so a smaller count gives the first prompts of a larger one.
Dataset sample(const Dataset &data, int count, quint64 seed);

/// One request per entry of \a sample (Dataset::toRequests()): its messages, and its output
/// target (stated, else the counted reference answer) as maxTokens.
QList<GenerationRequest> datasetRequests(const Dataset &sample, const GenerationRequest &defaults,
                                         const TokenCounter &counter);
QList<GenerationRequest> datasetRequests(const Dataset &sample, const GenerationRequest &defaults,
                                         const PromptTokenCounter &counter);

/// The input length of each entry of \a sample: all its messages, counted (or as counted by
/// inRange()). For a preview of what datasetRequests() sends.
QList<int> datasetInputLengths(const Dataset &sample, const TokenCounter &counter);

/// Sets each request's maxTokens from \a output: one length per request, drawn in their order
/// with the workload \a seed.
void applyOutputLengths(QList<GenerationRequest> &requests, const LengthDistribution &output, quint64 seed);

/// Asks every request for exactly its maxTokens (GenerationRequest::forceOutputLength).
void forceOutputLength(QList<GenerationRequest> &requests);

} // namespace WorkloadBuilder
