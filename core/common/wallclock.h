#pragma once

#include <QtGlobal>

#include <optional>

/*!
 * \brief The wall clock beside the monotonic one, for lining up runs made on several hosts.
 *
 * Latencies never use it: each is a difference of one host's monotonic clock. Only a merged
 * timeline (shards of one run on several machines) needs the hosts' wall clocks to agree,
 * so a shard records one reading of both clocks and whether its host keeps time in sync.
 */
namespace WallClock {

/// Nanoseconds since the Unix epoch (UTC).
qint64 nowNs();

/// \brief Whether the host's clock is kept in sync (NTP, chrony, PTP), as the kernel says.
struct SyncState
{
    std::optional<bool> synchronized; ///< nullopt where the host does not say (not Linux)
    std::optional<double> maxErrorMs; ///< the kernel's bound on the clock's error
};

/// adjtimex(2) on Linux: synchronised unless the kernel marks the clock unsynchronised.
SyncState syncState();

} // namespace WallClock
