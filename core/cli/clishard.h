#pragma once

#include "format/runsettings.h"
#include "format/shardinfo.h"
#include "load/shardplan.h"

#include <QCommandLineOption>
#include <QCommandLineParser>
#include <QCoroTask>
#include <QDateTime>
#include <QList>

#include <optional>

/*!
 * \brief run's and sweep's sharding: --shard K/N (or the scheduler's SLURM_PROCID/SLURM_NTASKS, or
 * JOB_COMPLETION_INDEX with --shards N), --run-id and --start-at.
 */
namespace CliShard {

QList<QCommandLineOption> options();

/// \brief A shard's plan: the whole run, this shard's part of it, and what names the run.
struct Setup
{
    ShardSpec spec;
    LoadConfig whole; ///< the run as one process would send it
    QString runId;
    QString fingerprint; ///< of the whole run's settings
    QDateTime startAt; ///< invalid: start at once
};

/*!
 * Reads the options and the environment. Without sharding, nothing (and \a config as it is);
 * with it, \a config becomes the shard's part. \a ok is false after printing an error. With
 * \a embeddedTarget each shard measures an embedded endpoint of its own, on a port of its own:
 * the address is then left out of the settings the shards must share.
 */
std::optional<Setup> setup(const QCommandLineParser &parser, LoadConfig &config, bool embeddedTarget, bool *ok);

/*!
 * The same for one shard of a sweep: its share of each level is the caller's (see
 * ShardPlan::share); \a whole is the sweep's settings, which every shard must share.
 */
std::optional<Setup> setupSweep(const QCommandLineParser &parser, const RunSettings &whole, bool embeddedTarget,
                                bool *ok);

/// Waits until \a startAt (wall clock); says so when it is already more than a second past.
QCoro::Task<> waitForStart(QDateTime startAt);

/// The shard's self-description, with the clocks read at \a monotonicNs / \a wallNs.
ShardInfo info(const Setup &setup, int plannedRequests, qint64 monotonicNs, qint64 wallNs);

/// --start-at's value: ISO 8601 (UTC unless it says otherwise) or Unix seconds.
QDateTime parseStartAt(const QString &text);

} // namespace CliShard
