#pragma once

#include "batchsimulator.h"

#include <QCoreApplication>

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
    /// The typical claim: "+3× throughput" under concurrency, at equal or lower p95 latency.
    bool meetsSeedClaim(double factor = 3.0) const;

    /// Runs both configurations of \a config (its policy / limits are the batched side).
    static BatchComparison run(const SimulationConfig &config);
};

/*!
 * \brief "Full batch only vs max wait": one arrival trace through the same server under both
 * batching rules, so the tail latency that a missing timer costs can be read off.
 *
 * The full-batch side is the typical sketch's rule (BatchRule::FullBatchOnly: no timer, a final
 * flush when no further request can arrive); the max-wait side is the configuration's policy with
 * its timer. Both use the configuration's max batch size (the typical usage is 4), its seed (so the
 * same arrivals and lengths) and no preferred sizes, so the timer is the only difference. Request
 * level only: continuous batching has no batches to wait for.
 */
struct BatchRuleComparison
{
    Q_DECLARE_TR_FUNCTIONS(BatchRuleComparison)
public:
    /// The batch size of the typical usage: a batcher of 4.
    static constexpr int TypicalMaxBatchSize = 4;

    SimulationConfig fullBatchConfig;
    SimulationConfig maxWaitConfig;
    SimulationResult fullBatch;
    SimulationResult maxWait;

    /// What waiting for a full batch adds to end-to-end p99, in ms (negative: it saves).
    double e2eP99CostMs() const { return fullBatch.e2eMs.p99 - maxWait.e2eMs.p99; }
    double ttftP99CostMs() const { return fullBatch.ttftMs.p99 - maxWait.ttftMs.p99; }
    /// Requests/s, full batch only over max wait.
    double throughputRatio() const;
    /// Both rules give the same tail: the p99s differ by at most 1 ms or 2 %, whichever is larger.
    bool tailsConverge() const;
    /// Fewer closed-loop clients than the batch size: without a timer every client would end up
    /// waiting for a batch that never fills (the simulator flushes instead, see SimulationConfig).
    bool wouldStall() const;
    /// The cost in words, e.g. "At 2 requests/s, waiting for a full batch of 4 adds 1.4 s to p99."
    QString summary() const;

    /// Runs \a config (forced to request level) under both rules.
    static BatchRuleComparison run(const SimulationConfig &config);
};
