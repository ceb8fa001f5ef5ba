#pragma once

#include "statistics.h"

#include <QJsonObject>

#include <optional>

/*!
 * \brief What the client itself cost during a run, so that a figure never hides client delay.
 *
 * A 1 ms timer on each I/O thread shows how late the thread got to its events (the lag a
 * socket read waited too); the thread's own CPU time over the run's wall time shows how busy
 * it was. Either one high means the run's latencies include time the client spent, not the
 * server: the run then says so.
 */
struct ClientOverhead
{
    /// Above this event-loop lag p99 (ms), a run's figures include client delay.
    static constexpr double LagLimitMs = 1.0;
    /// Above this share of its I/O threads' time, the client is the bottleneck.
    static constexpr double CpuShareLimit = 0.8;

    Distribution lagMs; ///< how late a 1 ms timer fired on the I/O threads, one value per firing
    double cpuSeconds = 0; ///< CPU time of the I/O threads during the run (user + system)
    double wallSeconds = 0; ///< how long they were watched
    int ioThreads = 1;

    /// CPU time over the time the I/O threads had (wall × threads), in [0, 1] when measured.
    double cpuShare() const;
    bool lagging() const { return lagMs.count > 0 && lagMs.p99 > LagLimitMs; }
    bool cpuBound() const { return cpuShare() > CpuShareLimit; }
    /// The run's figures include client delay (lagging() or cpuBound()).
    bool includesClientDelay() const { return lagging() || cpuBound(); }

    /// The translated sentence that says so, naming what was over its limit; empty when fine.
    QString warning() const;

    /// {"lag_ms": {count, p50, p99, max}, "cpu_seconds", "wall_seconds", "io_threads"}.
    QJsonObject toJson() const;
    static std::optional<ClientOverhead> fromJson(const QJsonObject &json);
};
