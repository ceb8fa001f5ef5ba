#include "batchcomparison.h"

#include <QLocale>

#include <cmath>

namespace {

double ratio(double numerator, double denominator)
{
    return denominator > 0 ? numerator / denominator : 0;
}

// A latency difference as people say it: "350 ms", "1.4 s".
QString duration(double ms)
{
    const double magnitude = std::abs(ms);
    return magnitude < 1000
        ? BatchRuleComparison::tr("%1 ms").arg(QLocale().toString(magnitude, 'f', 0))
        : BatchRuleComparison::tr("%1 s").arg(QLocale().toString(magnitude / 1000, 'f', 1));
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

double BatchRuleComparison::throughputRatio() const
{
    return ratio(fullBatch.requestsPerSecond, maxWait.requestsPerSecond);
}

bool BatchRuleComparison::wouldStall() const
{
    const SimulationConfig &c = fullBatchConfig;
    return c.arrivals == ArrivalPattern::ClosedLoop && c.clients < c.policy.maxBatchSize;
}

bool BatchRuleComparison::tailsConverge() const
{
    return std::abs(e2eP99CostMs()) <= std::max(1.0, 0.02 * maxWait.e2eMs.p99);
}

QString BatchRuleComparison::summary() const
{
    const SimulationConfig &c = fullBatchConfig;
    const int size = c.policy.maxBatchSize;
    if (wouldStall())
        return tr("With %n client(s), fewer than a batch of %1, a batcher without a timer would wait "
                  "forever: every client ends up waiting for a batch that never fills. The simulation "
                  "flushes then, which flatters the full-batch rule.",
                  nullptr, c.clients)
            .arg(size);
    const QString load = c.arrivals == ArrivalPattern::ClosedLoop
        ? tr("With %n client(s)", nullptr, c.clients)
        : tr("At %1 requests/s")
              .arg(QLocale().toString(c.ratePerSecond, 'f', QLocale::FloatingPointShortest));
    if (tailsConverge())
        return tr("%1 the queue fills batches of %2 on its own: waiting for a full batch adds nothing to "
                  "p99.")
            .arg(load)
            .arg(size);
    if (e2eP99CostMs() > 0)
        return tr("%1, waiting for a full batch of %2 adds %3 to p99.")
            .arg(load)
            .arg(size)
            .arg(duration(e2eP99CostMs()));
    return tr("%1, waiting for a full batch of %2 takes %3 off p99.")
        .arg(load)
        .arg(size)
        .arg(duration(e2eP99CostMs()));
}

BatchRuleComparison BatchRuleComparison::run(const SimulationConfig &config)
{
    BatchRuleComparison comparison;
    SimulationConfig maxWait = config;
    maxWait.mode = SchedulingMode::RequestLevel;
    maxWait.policy.preferredBatchSizes.clear();
    maxWait.policy.rule = BatchRule::MaxWait;
    SimulationConfig fullBatch = maxWait;
    fullBatch.policy.rule = BatchRule::FullBatchOnly;
    comparison.maxWaitConfig = maxWait;
    comparison.fullBatchConfig = fullBatch;
    comparison.maxWait = BatchSimulator::run(maxWait);
    comparison.fullBatch = BatchSimulator::run(fullBatch);
    return comparison;
}
