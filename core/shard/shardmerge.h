#pragma once

#include "batching/endpointsweep.h"
#include "format/runexport.h"

#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

/// \brief One shard's file as read.
struct ShardFile
{
    QString path;
    RunDocument document; ///< with its ShardInfo
};

/// \brief A shard beside the others in the merged run: does it stand out?
struct ShardRow
{
    int index = 0;
    QString host;
    QString path;
    RunSummary summary; ///< its own figures (client overhead included)
    int planned = 0; ///< the measured requests it was to send
    int recorded = 0; ///< the measured requests in its file
    double startOffsetMs = 0; ///< its first request after the merged run's first, on the wall clock
    std::optional<bool> clockSynchronized;
    QString standsOut; ///< why it stands out (client delay, failures); empty when it does not
};

/// \brief The merged run, its shards, and what the merge has to say about them.
struct MergedRun
{
    RunDocument document; ///< every shard's requests on one timeline; summary from their union
    QString runId;
    int shardCount = 0;
    qint64 originWallNs = -1; ///< the wall-clock time of the merged timeline's zero
    QList<ShardRow> shards; ///< by index
    QStringList warnings; ///< start skew, unsynchronised clocks, short shards, missing ones
    /// Shards of a sweep (sweep --shard, timed levels): the sweep, and its levels measured
    /// from the union of the shards' requests, each in its level and window.
    std::optional<EndpointSweepConfig> sweep;
    QList<SweepLevelResult> sweepLevels;
};

/*!
 * \brief Merges the shards of one run into that run.
 *
 * Percentiles come from the union of every shard's requests (never averages of per-shard
 * percentiles), throughput from the union's timeline, which lines the shards up by their wall
 * clocks (latencies never depend on it: each is a difference on one host's monotonic clock).
 * Refuses files that are not shards, shards of different runs or settings, and a shard given
 * twice; a missing shard is an error unless \a allowPartial, then a warning.
 */
namespace ShardMerge {

/// Shards started further apart than this are named in a warning.
constexpr double MaxStartSkewMs = 1000.0;

std::optional<MergedRun> merge(const QList<ShardFile> &shards, bool allowPartial, QString *error = nullptr);

/// Moves every time of \a trace by \a deltaNs (times that did not happen stay -1).
void shiftTrace(RequestTrace &trace, qint64 deltaNs);

} // namespace ShardMerge
