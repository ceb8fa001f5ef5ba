#pragma once

#include "batchsimulator.h"

/*!
 * \brief "No batching vs dynamic batching": one arrival trace through both servers.
 *
 * The baseline serves one request at a time (max batch 1, no queue delay); the batched
 * server uses the configuration's policy (request level) or its continuous-batching limits.
 * Both see the same seed, so the same arrivals and lengths. Gains are batched / baseline
 * for throughput and batched / baseline for latency (below 1 = batching is also faster).
 */
struct BatchComparison
{
    SimulationConfig baselineConfig;
    SimulationConfig batchedConfig;
    SimulationResult baseline;
    SimulationResult batched;

    double throughputGain() const; ///< requests/s, batched over baseline
    double p50LatencyRatio() const; ///< end-to-end p50, batched over baseline
    double p95LatencyRatio() const;
    double p99LatencyRatio() const;
    /// The seed's claim: "+3× throughput" under concurrency, at equal or lower p95 latency.
    bool meetsSeedClaim(double factor = 3.0) const;

    /// Runs both configurations of \a config (its policy / limits are the batched side).
    static BatchComparison run(const SimulationConfig &config);
};
