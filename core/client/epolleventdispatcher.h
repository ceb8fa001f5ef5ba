#pragma once

#include <QAbstractEventDispatcher>
#include <QHash>

#include <atomic>
#include <functional>
#include <map>
#include <memory>
#include <set>
#include <utility>
#include <vector>

class QSocketNotifier;
struct epoll_event;

/*!
 * \brief An event dispatcher for Linux whose wake-ups cost what is ready, not what is open.
 *
 * Qt 6.4's dispatchers (GLib's main loop, or Qt's own) hand every socket to poll() on every
 * wake-up: at 1,000 open streams each token paid for 1,000 sockets. This one keeps the sockets
 * in an epoll set, changed only when a notifier is switched on or off, so a wake-up returns
 * only the sockets with something to read or write. Timers are kept in a deadline-ordered list;
 * the wait ends at the earliest one with nanosecond resolution (the 1 ms lag probe depends on
 * it): epoll_pwait2()'s own timeout, one system call a pass, or on kernels before 5.11 a
 * timerfd in the set. The thread's timer slack is set to 1 ns. An eventfd wakes the loop for
 * posted events and from other threads.
 *
 * Meant for the client's I/O threads (QThread::setEventDispatcher before start()) and for the
 * command line's main thread. Not for a GUI thread: it knows no window-system events.
 * Where epoll is missing (not Linux), create() gives Qt's own dispatcher instead.
 */
class EpollEventDispatcher : public QAbstractEventDispatcher
{
    Q_OBJECT
public:
    explicit EpollEventDispatcher(QObject *parent = nullptr);
    ~EpollEventDispatcher() override;

    /// An epoll dispatcher where the OS has epoll, else null (Qt then makes its own).
    static QAbstractEventDispatcher *create();
    /// False when the kernel refused the epoll, eventfd or timerfd descriptor.
    bool isValid() const { return m_epoll >= 0 && m_epollQuiet >= 0 && m_wake >= 0 && m_timerFd >= 0; }

    bool processEvents(QEventLoop::ProcessEventsFlags flags) override;

    void registerSocketNotifier(QSocketNotifier *notifier) override;
    void unregisterSocketNotifier(QSocketNotifier *notifier) override;

    void registerTimer(int timerId, qint64 interval, Qt::TimerType timerType, QObject *object) override;
    bool unregisterTimer(int timerId) override;
    bool unregisterTimers(QObject *object) override;
    QList<TimerInfo> registeredTimers(QObject *object) const override;
    int remainingTime(int timerId) override;

    void wakeUp() override;
    void interrupt() override;
    void startingUp() override;

    /// How long a busy loop lets socket news gather before it looks again (0: never waits).
    /// Only while every socket it reads has the kernel's receive times (markStamped()) and no
    /// socket waits to connect or to write: then a late read changes no timestamp, and one
    /// wake-up serves the tokens of many streams. Posted events and timers end it at once.
    void setGatherWindow(qint64 ns) { m_gatherNs = ns; }
    qint64 gatherWindow() const { return m_gatherNs; }
    /// Tells the current thread's dispatcher, if it is one of these, that socket \a fd's reads
    /// carry the kernel's receive times. Forgotten when the socket's last notifier goes.
    static void markStamped(qintptr fd);
    /// Tells the current thread's dispatcher, if it is one of these, to hand socket \a fd's
    /// read news straight to \a reader instead of sending its read notifier an event, until
    /// \a reader is null again, the socket's last notifier goes or \a reader returns false
    /// (it no longer reads there: the notifier gets that news and the next). For an
    /// unbuffered socket read with recvmsg() by its owner, whose readyRead() would only call
    /// \a reader: one call where Qt's chain (notifier, socket engine, socket, signal) was five.
    /// False if the dispatcher is not one of these or does not watch \a fd.
    static bool setDirectReader(qintptr fd, std::function<bool()> reader);

    /// \brief A read the loop made for a socket's reader (setBatchedReader()).
    struct BatchedRead
    {
        const char *data = nullptr;
        qint64 bytes = 0; ///< what was read; 0: nothing was there (the socket is drained)
        qint64 capacity = 0; ///< the buffer's size: a read that filled it may have left more
        qint64 stampRealNs = 0; ///< the kernel's receive time of its last segment (0: none)
    };
    /*!
     * As setDirectReader(), for a socket with the kernel's receive times (markStamped()) whose
     * owner reads it with recvmsg(): when one wait reports several such sockets, the loop reads
     * them all in one io_uring submission, one system call where each read was one, and hands
     * \a reader its socket's read. \a reader gets null when it should read itself: its
     * socket was alone in the wait, or the read met the peer's close or an error (the
     * reader's own read then meets the close; an error already taken shows as the close, as
     * when a read of the reader's own takes it). A read whose bytes fill \a capacity may have
     * left more: the reader reads on. Bytes read for a socket whose reader went (or declined
     * them) before it took them would leave a hole in its stream: that socket is shut down,
     * so nothing reads on after the hole. A nested loop's pass that reports the socket again
     * hands over the outer pass's read first.
     */
    static bool setBatchedReader(qintptr fd, std::function<bool(const BatchedRead *)> reader);
    /// True where the loop reads in batches: io_uring is there and allowed (not for a process
    /// started with TOKENSCOPE_IO_URING=0), as far as the loop has tried it.
    bool batchesReads() const { return m_batching; }
    /// Reads made in batches so far (tests, diagnostics).
    quint64 batchedReads() const { return m_batchedReads; }

    /// The client's lag probe, kept by the loop itself: after a pass that did work (read or
    /// wrote sockets, fired timers, ran calls) a 1 ms deadline is set, and when the loop gets
    /// to it \a observer hears how late, in ns (a 1 ms timer's lateness, as ClientLagProbe's
    /// own timer measures it elsewhere). Armed by work, it never wakes a quiet loop, and on a
    /// busy one it falls where the gathering ends anyway: it costs no wake-up of its own.
    /// Observers are told apart by \a owner; a null \a observer removes \a owner's.
    void setLagObserver(const QObject *owner, std::function<void(qint64 lateNs)> observer);
    /// The probe's interval: 1 ms.
    static constexpr qint64 LagProbeIntervalNs = 1'000'000;

    /// Runs \a call on this dispatcher's thread (call it from there) at \a deadlineNs of
    /// monotonicNowNs()'s clock, as exactly as the kernel wakes: Qt's timers count whole
    /// milliseconds. A request due at a scheduled time is sent by it.
    void callAt(qint64 deadlineNs, std::function<void()> call);
    /// CLOCK_MONOTONIC in ns, the clock of callAt().
    static qint64 monotonicNowNs() { return nowNs(); }

private:
    struct BatchSlot;
    struct ReadBatch;
    struct Ring;
    struct Descriptor
    {
        QSocketNotifier *read = nullptr;
        QSocketNotifier *write = nullptr;
        QSocketNotifier *exception = nullptr;
        quint32 events = 0; ///< what epoll watches now
        bool stamped = false; ///< its reads carry the kernel's receive times
        bool hungUp = false; ///< its peer closed or failed: the level again for its reader
        std::function<bool(const BatchedRead *)> directReader; ///< setDirectReader()'s or setBatchedReader()'s
        bool takesBatchedReads = false; ///< set by setBatchedReader()
        quint64 readerGeneration = 0; ///< which change of a direct reader set it (m_readerChanges)
        quint64 socketId = 0; ///< which socket has the number (a new one with each read notifier)
        BatchSlot *pendingRead = nullptr; ///< a batch's read for it, not handed over yet
    };
    struct Timer
    {
        int id = 0;
        qint64 intervalMs = 0;
        Qt::TimerType type = Qt::CoarseTimer;
        QObject *object = nullptr;
        qint64 deadlineNs = 0;
        quint64 pass = 0; ///< the pass it was (re)armed in: fires only in a later one
    };

    void updateDescriptor(int fd, Descriptor &descriptor);
    /// Counts \a descriptor in (+1) or out (-1) of the sockets that forbid gathering.
    void account(const Descriptor &descriptor, int sign);
    bool mayGather() const { return m_unstampedReaders == 0 && m_writers == 0; }
    void activate(int fd, quint32 events, BatchSlot *slot);
    static bool setReader(qintptr fd, std::function<bool(const BatchedRead *)> reader, bool batched);
    /// Reads the sockets of \a events whose readers take batched reads, in one submission;
    /// null when there are fewer than two or the loop does not batch.
    ReadBatch *readInBatch(const epoll_event *events, int count);
    /// After a pass: bytes of \a batch that no reader took (see setBatchedReader()).
    void settle(ReadBatch &batch);
    int activateTimers();
    int runDueCalls();
    /// Tells the lag observers when the probe's deadline is due; true if it was.
    bool probeLag();
    /// The earliest timer or call deadline, -1 when there is none.
    qint64 nextDeadlineNs() const;
    void armTimerFd();
    void drainWake();
    static qint64 nowNs();
    qint64 intervalNs(const Timer &timer) const;

    int m_epoll = -1;
    int m_epollQuiet = -1; ///< the wake-up and timer descriptors only (ExcludeSocketNotifiers)
    int m_wake = -1; ///< eventfd: posted events, wakeUp() from any thread
    int m_timerFd = -1;
    std::atomic<bool> m_wakePending { false };
    /// interrupt()s so far, from any thread, and how many a pass of this thread has taken: a
    /// pass that began before the last one taken ends on it too (a nested loop took it).
    std::atomic<quint64> m_interrupts { 0 };
    quint64 m_interruptsTaken = 0;
    QHash<int, Descriptor> m_descriptors;
    QHash<int, Timer> m_timers;
    /// (deadline, id) of every timer, earliest first: an I/O thread has one timeout timer per
    /// request in flight, so finding the next one must not cost a scan.
    std::set<std::pair<qint64, int>> m_queue;
    qint64 m_armedDeadlineNs = -1; ///< what the timerfd is set to (-1: disarmed)
    bool m_pwait2 = true; ///< epoll_pwait2() is there (Linux 5.11); else the timerfd
    quint64 m_pass = 0;
    qint64 m_gatherNs = 0;
    std::multimap<qint64, std::function<void()>> m_calls; ///< callAt()'s, by deadline
    int m_unstampedReaders = 0; ///< sockets read without the kernel's receive times
    int m_writers = 0; ///< sockets waiting to connect, to write, or for urgent data
    bool m_lastPassHadSockets = false;
    std::vector<std::pair<const QObject *, std::function<void(qint64)>>> m_lagObservers;
    quint64 m_readerChanges = 0; ///< direct readers set or dropped so far
    qint64 m_probeDeadlineNs = -1; ///< the lag probe's next deadline (-1: not armed)
    quint64 m_socketIds = 0;
    bool m_batching = false; ///< io_uring allowed and, once tried, there
    std::unique_ptr<Ring> m_ring; ///< made by the loop's thread at its first batch
    /// One batch per depth of nested passes: a handler's nested loop reads into its own.
    std::vector<std::unique_ptr<ReadBatch>> m_batches;
    int m_batchDepth = 0;
    quint64 m_batchedReads = 0;
};
