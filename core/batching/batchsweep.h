#pragma once

#include "batchsimulator.h"

#include <QList>

#include <functional>

/// \brief The axes of a simulated sweep; an empty axis keeps the base configuration's value.
struct SweepGrid
{
    QList<int> maxBatchSizes;
    QList<double> maxWaitMs;
    QList<int> tokenBudgets;
    QList<double> rates;
};

/// \brief One configuration of a sweep and what it did.
struct SweepRow
{
    int maxBatchSize = 0;
    double maxWaitMs = 0;
    int tokenBudget = 0;
    double rate = 0;
    SimulationResult result;
};

/// \brief A simulated sweep read as a whole (indexes into its rows; −1 when there is none).
struct SimulationAnalysis
{
    QList<int> paretoFront; ///< requests/s against E2E p99, throughput ascending
    int knee = -1; ///< the knee of the throughput/latency curve, read along the Pareto front
    int bestUnderSlo = -1; ///< highest throughput whose SLO attainment meets the target
};

/// \brief Runs the simulator over a grid and reads the trade-off out of the rows.
namespace BatchSweep {

/// The grid's configurations (rate × max batch × max wait × token budget, in that nesting).
QList<SimulationConfig> configurations(const SimulationConfig &base, const SweepGrid &grid);
/// Every configuration of the grid; \a progress (optional) after each one.
QList<SweepRow> run(const SimulationConfig &base, const SweepGrid &grid,
                    const std::function<void(int done, int total)> &progress = {});

/// The knee of an increasing, flattening curve (x ascending): the point farthest above the
/// chord from the first to the last point, both axes scaled to [0, 1] (Kneedle). −1 if < 3 points.
int kneeIndex(const QList<double> &x, const QList<double> &y);
/// Indexes of the points no other point beats on both throughput (higher) and latency (lower),
/// ordered by throughput ascending.
QList<int> paretoFront(const QList<double> &throughput, const QList<double> &latency);
/// paretoFront over rows: requests/s against end-to-end p99.
QList<int> paretoFront(const QList<SweepRow> &rows);
/// The index of the highest \a level whose SLO attainment is at least \a target; −1 if none.
int highestLevelMeetingSlo(const QList<double> &level, const QList<double> &attainment, double target = 0.99);

/// Pareto front, knee and best row under \a slo (needs slo.isSet()) of a simulated sweep.
SimulationAnalysis analyse(const QList<SweepRow> &rows, const ServiceLevel &slo, double sloTarget = 0.99);

} // namespace BatchSweep
