#pragma once

#include <QDateTime>
#include <QJsonObject>
#include <QString>

#include <optional>

/*!
 * \brief What makes a shard's run file self-describing: which shard of which run, where it
 * ran, and one reading of its monotonic and wall clocks to place its requests on a merged
 * timeline. The top-level "shard" object of a run's JSON.
 */
struct ShardInfo
{
    int index = 0; ///< 0-based
    int count = 1;
    QString source; ///< "--shard", "SLURM_PROCID/SLURM_NTASKS", "JOB_COMPLETION_INDEX"
    QString runId; ///< the same for every shard of one run
    QString host;
    /// SHA-256 of the whole run's settings (before the split): equal for every shard of a run.
    QString settingsFingerprint;
    int plannedRequests = 0; ///< the measured requests this shard was to send
    qint64 monotonicAnchorNs = -1; ///< the client's monotonic clock …
    qint64 wallAnchorNs = -1; ///< … and the wall clock (ns since the epoch), read together
    qint64 startedWallNs = -1; ///< when the shard began sending
    /// The wall-clock time of the run's origin, its earliest request start: where the run's
    /// "start_offset_ms" count from. Written with the run (RunExport::runJson).
    qint64 originWallNs = -1;
    QDateTime startAt; ///< --start-at, when it was given
    std::optional<bool> clockSynchronized; ///< the host said its clock is (not) kept in sync
    std::optional<double> clockMaxErrorMs;

    /// The wall-clock time of a reading \a monotonicNs of the shard's monotonic clock.
    qint64 wallNs(qint64 monotonicNs) const { return wallAnchorNs + (monotonicNs - monotonicAnchorNs); }
    bool hasAnchor() const { return monotonicAnchorNs >= 0 && wallAnchorNs > 0; }

    QJsonObject toJson() const;
    /// nullopt with \a error when the object is not a shard's (damaged, or of another tool).
    static std::optional<ShardInfo> fromJson(const QJsonObject &json, QString *error = nullptr);

    /// The fingerprint of a run's settings object (its compact JSON's SHA-256, hex).
    static QString fingerprint(const QJsonObject &settings);
};
