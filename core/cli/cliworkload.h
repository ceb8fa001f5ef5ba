#pragma once

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
};

/// --trace, --time-scale, --turns and --think-time (run only: a sweep sets its own pace).
QList<QCommandLineOption> scheduleOptions();

/*!
 * Applies the options to \a prompts (the --prompt/--prompts ones, each a copy of the request
 * defaults): nothing changes when no workload option is given. \a count is how many distinct
 * prompts to make (a run's requests, warm-up included). nullopt after printing the error when
 * an option is invalid or a file cannot be read.
 */
std::optional<Workload> apply(const QCommandLineParser &parser, const QList<GenerationRequest> &prompts,
                              int count, bool withSchedule = false);

} // namespace CliWorkload
