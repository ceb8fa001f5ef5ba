#include "batchsweep.h"

#include <algorithm>
#include <numeric>

QList<SimulationConfig> BatchSweep::configurations(const SimulationConfig &base, const SweepGrid &grid)
{
    const QList<double> rates = grid.rates.isEmpty() ? QList<double> { base.ratePerSecond } : grid.rates;
    const QList<int> sizes
        = grid.maxBatchSizes.isEmpty() ? QList<int> { base.policy.maxBatchSize } : grid.maxBatchSizes;
    const QList<double> waits = grid.maxWaitMs.isEmpty()
        ? QList<double> { double(base.policy.maxQueueDelayNs) / 1e6 }
        : grid.maxWaitMs;
    const QList<int> budgets
        = grid.tokenBudgets.isEmpty() ? QList<int> { base.tokenBudget } : grid.tokenBudgets;
    QList<SimulationConfig> out;
    out.reserve(rates.size() * sizes.size() * waits.size() * budgets.size());
    for (double rate : rates) {
        for (int size : sizes) {
            for (double wait : waits) {
                for (int budget : budgets) {
                    SimulationConfig c = base;
                    c.ratePerSecond = rate;
                    c.policy.maxBatchSize = size;
                    c.maxSequences = size; // in continuous mode the batch size caps sequences in flight
                    c.policy.maxQueueDelayNs = qint64(wait * 1e6);
                    c.tokenBudget = budget;
                    out.append(c);
                }
            }
        }
    }
    return out;
}

QList<SweepRow> BatchSweep::run(const SimulationConfig &base, const SweepGrid &grid,
                                const std::function<void(int, int)> &progress)
{
    const QList<SimulationConfig> configs = configurations(base, grid);
    QList<SweepRow> rows;
    rows.reserve(configs.size());
    for (const SimulationConfig &c : configs) {
        SweepRow row;
        row.maxBatchSize = c.policy.maxBatchSize;
        row.maxWaitMs = double(c.policy.maxQueueDelayNs) / 1e6;
        row.tokenBudget = c.tokenBudget;
        row.rate = c.ratePerSecond;
        row.result = BatchSimulator::run(c);
        rows.append(row);
        if (progress)
            progress(int(rows.size()), int(configs.size()));
    }
    return rows;
}

int BatchSweep::kneeIndex(const QList<double> &x, const QList<double> &y)
{
    const qsizetype n = std::min(x.size(), y.size());
    if (n < 3)
        return -1;
    const auto [xMin, xMax] = std::minmax_element(x.cbegin(), x.cbegin() + n);
    const auto [yMin, yMax] = std::minmax_element(y.cbegin(), y.cbegin() + n);
    const double dx = *xMax - *xMin;
    const double dy = *yMax - *yMin;
    if (dx <= 0 || dy <= 0)
        return -1;
    // Distance above the chord of the normalised curve; the chord runs from (0, y0) to (1, yn).
    const double y0 = (y.at(0) - *yMin) / dy;
    const double y1 = (y.at(n - 1) - *yMin) / dy;
    int best = -1;
    double bestGap = 0;
    for (qsizetype i = 0; i < n; ++i) {
        const double xn = (x.at(i) - *xMin) / dx;
        const double yn = (y.at(i) - *yMin) / dy;
        const double gap = yn - (y0 + (y1 - y0) * xn);
        if (gap > bestGap) {
            bestGap = gap;
            best = int(i);
        }
    }
    return best;
}

QList<int> BatchSweep::paretoFront(const QList<double> &throughput, const QList<double> &latency)
{
    const qsizetype n = std::min(throughput.size(), latency.size());
    QList<int> order(n);
    std::iota(order.begin(), order.end(), 0);
    // Highest throughput first (ties: lowest latency); keep a point when its latency beats every kept one.
    std::sort(order.begin(), order.end(), [&](int a, int b) {
        if (throughput.at(a) != throughput.at(b))
            return throughput.at(a) > throughput.at(b);
        return latency.at(a) < latency.at(b);
    });
    QList<int> front;
    double bestLatency = std::numeric_limits<double>::infinity();
    for (int i : order) {
        if (latency.at(i) < bestLatency) {
            front.append(i);
            bestLatency = latency.at(i);
        }
    }
    std::reverse(front.begin(), front.end());
    return front;
}

QList<int> BatchSweep::paretoFront(const QList<SweepRow> &rows)
{
    QList<double> throughput, latency;
    for (const SweepRow &r : rows) {
        throughput.append(r.result.requestsPerSecond);
        latency.append(r.result.e2eMs.p99);
    }
    return paretoFront(throughput, latency);
}

int BatchSweep::highestLevelMeetingSlo(const QList<double> &level, const QList<double> &attainment,
                                       double target)
{
    int best = -1;
    for (qsizetype i = 0; i < std::min(level.size(), attainment.size()); ++i) {
        if (attainment.at(i) >= target && (best < 0 || level.at(i) > level.at(best)))
            best = int(i);
    }
    return best;
}

SimulationAnalysis BatchSweep::analyse(const QList<SweepRow> &rows, const ServiceLevel &slo, double sloTarget)
{
    SimulationAnalysis analysis;
    analysis.paretoFront = paretoFront(rows);
    QList<double> frontLatency, frontThroughput;
    for (int i : std::as_const(analysis.paretoFront)) {
        frontLatency.append(rows.at(i).result.e2eMs.p99);
        frontThroughput.append(rows.at(i).result.requestsPerSecond);
    }
    const int knee = kneeIndex(frontLatency, frontThroughput);
    analysis.knee = knee >= 0 ? analysis.paretoFront.at(knee) : -1;
    if (slo.isSet()) {
        QList<double> throughput, attainment;
        for (const SweepRow &r : rows) {
            throughput.append(r.result.requestsPerSecond);
            attainment.append(r.result.sloAttainment);
        }
        analysis.bestUnderSlo = highestLevelMeetingSlo(throughput, attainment, sloTarget);
    }
    return analysis;
}
