#pragma once

#include "metrics/runsummary.h"
#include "protocol/endpointprofile.h"

#include <QCommandLineOption>
#include <QCommandLineParser>
#include <QList>
#include <QString>

#include <optional>

/*!
 * \brief The production-like inputs of run and sweep: synthetic prompts of exact token
 * lengths (--input-tokens, --tokenizer, --language, --shared-prefix), output lengths
 * (--output-tokens, --ignore-eos) and datasets (--dataset, --dataset-format and token ranges),
 * all seeded by --workload-seed.
 */
namespace CliWorkload {

QList<QCommandLineOption> options();

/// \brief The prompts the options made, and what to tell the user about them.
struct Workload
{
    QList<GenerationRequest> prompts;
    QStringList notes; ///< one line each: how the prompts were made (counts, method, lengths)
    QList<qint64> arrivalsNs; ///< --trace: each request's send time from the start (the prompts' order)
    int turns = 1; ///< --turns: requests per conversation
    double thinkTimeMs = 0; ///< --think-time, in milliseconds
    /// Synthetic prompts: each prompt's asked length in the tokenizer's tokens (else empty).
    QList<int> inputTokens;
    /// --tokenizer endpoint: the tokens the endpoint's chat template adds to a one-message
    /// prompt, measured once before the run (nullopt when it could not be).
    std::optional<qint64> templateOverhead;
};

/// --trace, --time-scale, --turns and --think-time (run only: a sweep sets its own pace).
QList<QCommandLineOption> scheduleOptions();

/*!
 * Applies the options to \a prompts (the --prompt/--prompts ones, each a copy of the request
 * defaults): nothing changes when no workload option is given. \a count is how many distinct
 * prompts to make (a run's requests, warm-up included). \a endpoint is the started target,
 * asked for its /tokenize with --tokenizer endpoint. nullopt after printing the error when
 * an option is invalid or a file cannot be read.
 */
std::optional<Workload> apply(const QCommandLineParser &parser, const QList<GenerationRequest> &prompts,
                              int count, const EndpointProfile &endpoint, bool withSchedule = false);

/*!
 * After a run of synthetic prompts counted by the endpoint (--tokenizer endpoint): the line
 * saying how many requests' usage.prompt_tokens, less the template overhead, equal the asked
 * length; empty when there is nothing to check. Only first turns of one-message prompts count.
 */
QString lengthCheck(const Workload &workload, const QList<GenerationRequest> &prompts,
                    const QList<RequestRecord> &records);

} // namespace CliWorkload
