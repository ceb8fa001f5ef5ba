#include "simulationjob.h"

#include <QThread>

SimulationJob::SimulationJob(QObject *parent)
    : QObject(parent)
{
    qRegisterMetaType<SweepRow>();
    qRegisterMetaType<BatchComparison>();
    qRegisterMetaType<BatchRuleComparison>();
}

SimulationJob::~SimulationJob()
{
    if (m_thread) {
        m_stop->store(true);
        m_thread->wait();
        delete m_thread;
    }
}

bool SimulationJob::start(const SimulationConfig &base, const SweepGrid &grid)
{
    if (m_thread)
        return false;
    m_rows.clear();
    m_cancelled = false;
    m_stop = std::make_shared<std::atomic<bool>>(false);
    const QList<SimulationConfig> configs = BatchSweep::configurations(base, grid);
    const auto stop = m_stop;
    QPointer<SimulationJob> self(this);
    // The worker only reads its copies and posts results back; it never touches `this`
    // directly, so a job destroyed mid-run (which waits for the worker) stays safe.
    QThread *thread = QThread::create([configs, stop, self] {
        for (qsizetype i = 0; i < configs.size(); ++i) {
            if (stop->load())
                return;
            const SimulationConfig &c = configs.at(i);
            SweepRow row;
            row.maxBatchSize = c.policy.maxBatchSize;
            row.maxWaitMs = double(c.policy.maxQueueDelayNs) / 1e6;
            row.tokenBudget = c.tokenBudget;
            row.rate = c.ratePerSecond;
            row.result = BatchSimulator::run(c);
            const int index = int(i);
            const int total = int(configs.size());
            QMetaObject::invokeMethod(
                self,
                [self, index, total, row] {
                    if (!self)
                        return;
                    self->m_rows.append(row);
                    Q_EMIT self->rowFinished(index, row);
                    Q_EMIT self->progress(index + 1, total);
                },
                Qt::QueuedConnection);
        }
    });
    launch(thread);
    return true;
}

template<typename Result>
bool SimulationJob::startOnce(const SimulationConfig &config, Result (*run)(const SimulationConfig &),
                              void (SimulationJob::*finished)(const Result &))
{
    if (m_thread)
        return false;
    m_rows.clear();
    m_cancelled = false;
    m_stop = std::make_shared<std::atomic<bool>>(false);
    QPointer<SimulationJob> self(this);
    QThread *thread = QThread::create([config, run, finished, self] {
        const Result result = run(config);
        QMetaObject::invokeMethod(
            self,
            [self, finished, result] {
                if (self)
                    Q_EMIT(self.data()->*finished)(result);
            },
            Qt::QueuedConnection);
    });
    launch(thread);
    return true;
}

bool SimulationJob::startComparison(const SimulationConfig &config)
{
    return startOnce(config, &BatchComparison::run, &SimulationJob::comparisonFinished);
}

bool SimulationJob::startRuleComparison(const SimulationConfig &config)
{
    return startOnce(config, &BatchRuleComparison::run, &SimulationJob::ruleComparisonFinished);
}

void SimulationJob::launch(QThread *thread)
{
    m_thread = thread;
    // Queued after every row the worker posted, so finished() is always the last signal.
    connect(thread, &QThread::finished, this, &SimulationJob::onThreadFinished, Qt::QueuedConnection);
    thread->start(QThread::LowPriority);
}

void SimulationJob::cancel()
{
    if (!m_thread)
        return;
    m_cancelled = true;
    m_stop->store(true);
}

void SimulationJob::onThreadFinished()
{
    if (!m_thread)
        return;
    m_thread->wait();
    delete m_thread;
    m_thread = nullptr;
    Q_EMIT finished();
}
