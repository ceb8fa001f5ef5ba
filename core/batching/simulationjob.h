#pragma once

#include "batchcomparison.h"
#include "batchsweep.h"

#include <QObject>
#include <QPointer>

#include <atomic>
#include <memory>

class QThread;

/*!
 * \brief Runs a simulated sweep (or a comparison) on a worker thread, row by row.
 *
 * The GUI's front to the simulator: rows arrive through rowFinished() as each configuration
 * ends, so a cancel keeps every finished row. One job at a time; start() while running is
 * refused. Signals are delivered on the thread that owns the job.
 */
class SimulationJob : public QObject
{
    Q_OBJECT
public:
    explicit SimulationJob(QObject *parent = nullptr);
    ~SimulationJob() override; ///< cancels and waits for the worker

    /// Runs every configuration of \a grid over \a base; false if a job is already running.
    bool start(const SimulationConfig &base, const SweepGrid &grid);
    /// Runs BatchComparison::run(\a config); false if a job is already running.
    bool startComparison(const SimulationConfig &config);
    /// Runs BatchRuleComparison::run(\a config); false if a job is already running.
    bool startRuleComparison(const SimulationConfig &config);
    /// Stops after the configuration being simulated now; finished rows stay.
    void cancel();

    bool isRunning() const { return m_thread != nullptr; }
    bool wasCancelled() const { return m_cancelled; }
    const QList<SweepRow> &rows() const { return m_rows; }

Q_SIGNALS:
    void rowFinished(int index, const SweepRow &row);
    void progress(int done, int total);
    void comparisonFinished(const BatchComparison &comparison);
    void ruleComparisonFinished(const BatchRuleComparison &comparison);
    void finished();

private:
    /// Runs \a run(config) once on a worker thread and delivers its result through \a finished.
    template<typename Result>
    bool startOnce(const SimulationConfig &config, Result (*run)(const SimulationConfig &),
                   void (SimulationJob::*finished)(const Result &));
    void launch(QThread *thread);
    void onThreadFinished();

    QThread *m_thread = nullptr;
    std::shared_ptr<std::atomic<bool>> m_stop;
    QList<SweepRow> m_rows;
    bool m_cancelled = false;
};

Q_DECLARE_METATYPE(SweepRow)
Q_DECLARE_METATYPE(BatchComparison)
Q_DECLARE_METATYPE(BatchRuleComparison)
