#pragma once

#include "loadrunner.h"

#include <QProcessEnvironment>
#include <QString>

#include <optional>

/// \brief Which share of a run this process runs: shard \c index of \c count (0-based, as
/// SLURM_PROCID and Kubernetes' JOB_COMPLETION_INDEX count).
struct ShardSpec
{
    int index = 0;
    int count = 1;
    QString source; ///< where it came from: "--shard", "SLURM_PROCID/SLURM_NTASKS", "JOB_COMPLETION_INDEX"

    bool isSharded() const { return count > 1; }
    /// "2/4"
    QString text() const { return QStringLiteral("%1/%2").arg(index).arg(count); }
};

/*!
 * \brief Splits one run into shards that together send exactly what the run would.
 *
 * Every shard plans the whole run and takes its part: its share of the requests (whole
 * conversations when there are turns), of the concurrency and of the rate (a Poisson rate
 * becomes independent Poisson streams of rate/N, each from its own random seed), the prompts
 * of its requests, and a trace's lines. Measured request g of the whole run (0-based, in the
 * order a single run would send them) goes to shard (g / B) mod N, B being the turns of a
 * conversation; its record keeps g's index, so merged shards have each index once.
 */
namespace ShardPlan {

/// "K/N" with 0 <= K < N; nullopt with \a error otherwise.
std::optional<ShardSpec> parse(const QString &text, QString *error = nullptr);

/*!
 * The shard a scheduler gave: SLURM_PROCID of SLURM_NTASKS (when more than one task), or
 * JOB_COMPLETION_INDEX of \a shards (Kubernetes Indexed Jobs say the index, not the count).
 * nullopt without \a error when the environment says nothing; with it when it is inconsistent.
 */
std::optional<ShardSpec> fromEnvironment(const QProcessEnvironment &env, int shards, QString *error = nullptr);

/// The share of \a total for \a shard: total / N, the first total mod N shards one more.
int share(int total, const ShardSpec &shard);

/*!
 * The part of \a whole that \a shard sends: its requests (and trace lines), concurrency
 * (at least 1 in a closed loop; a cap of 0 stays 0), rate and random seed, and its prompts
 * in its order (warm-ups keep the whole run's first prompts). nullopt with \a error when the
 * run cannot be split that way (fewer requests or conversations than shards).
 */
std::optional<LoadConfig> apply(const LoadConfig &whole, const ShardSpec &shard, QString *error = nullptr);

/// The whole run's index of the shard's request \a localIndex (warm-ups keep theirs).
int globalIndex(const LoadConfig &whole, const ShardSpec &shard, int localIndex);

} // namespace ShardPlan
