#include "batchcomparison.h"

namespace {

double ratio(double numerator, double denominator)
{
    return denominator > 0 ? numerator / denominator : 0;
}

} // namespace

double BatchComparison::throughputGain() const
{
    return ratio(batched.requestsPerSecond, baseline.requestsPerSecond);
}

double BatchComparison::p50LatencyRatio() const
{
    return ratio(batched.e2eMs.p50, baseline.e2eMs.p50);
}

double BatchComparison::p95LatencyRatio() const
{
    return ratio(batched.e2eMs.p95, baseline.e2eMs.p95);
}

double BatchComparison::p99LatencyRatio() const
{
    return ratio(batched.e2eMs.p99, baseline.e2eMs.p99);
}

bool BatchComparison::meetsSeedClaim(double factor) const
{
    return baseline.completed > 0 && batched.completed > 0 && throughputGain() >= factor
        && batched.e2eMs.p95 <= baseline.e2eMs.p95;
}

BatchComparison BatchComparison::run(const SimulationConfig &config)
{
    BatchComparison comparison;
    comparison.batchedConfig = config;
    // The baseline is the same server with batching off: one request per step, never waiting
    // for company. In request-level mode that is max batch 1; in continuous mode one sequence.
    SimulationConfig baseline = config;
    baseline.mode = SchedulingMode::RequestLevel;
    baseline.policy = BatchPolicy {};
    baseline.policy.maxBatchSize = 1;
    baseline.policy.maxQueueDelayNs = 0;
    comparison.baselineConfig = baseline;
    comparison.baseline = BatchSimulator::run(baseline);
    comparison.batched = BatchSimulator::run(config);
    return comparison;
}
