#pragma once

#include "metrics/clientoverhead.h"

#include <QList>
#include <QObject>
#include <QPointer>

#include <vector>

class Clock;
class EpollEventDispatcher;
class QTimer;

/*!
 * \brief Watches the thread it lives on while a run goes: how late a 1 ms timer fires there
 * (the event-loop lag every socket read on that thread also waits), and the thread's CPU time.
 *
 * A 1 ms timer is armed again and again and each firing records how much later than asked it
 * came. On an epoll loop (the client's I/O threads, the command line's main thread) the loop
 * keeps that timer itself and arms it after each pass that did work
 * (EpollEventDispatcher::setLagObserver()): a quiet thread is not woken by it, and on a busy
 * one it falls where the loop's gathering ends, so it adds no wake-up. Elsewhere (the GUI's
 * thread) it is a precise single-shot QTimer, always armed: ~1,000 wake-ups a second, each a
 * clock read and a count. The lags are counted in 5 µs buckets up to 50 ms (40 KB, whatever the
 * run's length, so that overhead() is as cheap an hour in as at the start); the rare longer
 * ones are kept as they are.
 */
class ClientLagProbe : public QObject
{
    Q_OBJECT
public:
    explicit ClientLagProbe(const Clock *clock, QObject *parent = nullptr);
    ~ClientLagProbe() override;

    /// Starts watching (again: earlier figures are dropped).
    void start();
    /// Stops watching; overhead() keeps what was seen.
    void stop();
    bool isRunning() const { return m_running; }

    /// The figures so far (while running, up to now).
    ClientOverhead overhead() const;
    /// The figures of several probes, each on its own I/O thread, as one: every firing of all
    /// of them in one distribution, their CPU time added up, over the longest watch. Called
    /// from the thread that owns the run; each probe is read in its own thread.
    static ClientOverhead combined(const QList<ClientLagProbe *> &probes);

    /// CPU time (user + system) of the calling thread, in seconds; 0 where the OS cannot say.
    static double threadCpuSeconds();

    /// Counts one lag as if the timer had fired \a lagMs late (the firing's own bookkeeping).
    void addLag(double lagMs);

private:
    void fired();
    /// Adds what this probe saw to \a total (in this probe's thread).
    void addTo(ClientLagProbe &total) const;

    const Clock *m_clock;
    QTimer *m_timer;
    QPointer<EpollEventDispatcher> m_loop; ///< the loop that keeps the probe, while running
    std::vector<quint32> m_buckets; ///< lags counted by BucketNs
    std::vector<double> m_longLagsMs; ///< lags past the last bucket, as they were
    quint64 m_count = 0;
    double m_sumMs = 0;
    double m_maxMs = 0;
    qint64 m_startedNs = 0;
    qint64 m_stoppedNs = 0;
    qint64 m_armedNs = 0; ///< when the timer was last started
    double m_cpuAtStart = 0;
    double m_cpuAtStop = 0;
    bool m_running = false;
};
