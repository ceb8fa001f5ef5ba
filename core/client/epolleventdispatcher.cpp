#include "epolleventdispatcher.h"
#include "stampedsocket.h"

#include <QCoreApplication>
#include <QLoggingCategory>
#include <QSocketNotifier>
#include <QTimerEvent>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <ctime>
#include <limits>

#ifdef Q_OS_LINUX
#include <sys/epoll.h>
#include <sys/socket.h>
#include <sys/eventfd.h>
#include <sys/prctl.h>
#include <sys/timerfd.h>
#include <unistd.h>
#endif
#ifdef TOKENSCOPE_HAVE_LIBURING
#include <liburing.h>
#endif

Q_LOGGING_CATEGORY(lcEpoll, "tokenscope.epoll")

namespace {
constexpr int MaxEventsPerWait = 256;
constexpr qint64 NsPerMs = 1'000'000;
// A batched read's buffer: a token's event is a few hundred bytes; a read that fills it is
// followed by the reader's own. Allocated uninitialised, so only what is read is resident.
constexpr qint64 BatchSlotBytes = 16 * 1024;
constexpr int NotReaped = std::numeric_limits<int>::min();
} // namespace

/// One socket's read in a batch: its buffer, header and receive time, and what came of it.
struct EpollEventDispatcher::BatchSlot
{
    std::unique_ptr<char[]> data { new char[BatchSlotBytes] };
#ifdef Q_OS_LINUX
    iovec io {};
    msghdr message {};
    alignas(cmsghdr) char control[CMSG_SPACE(sizeof(timespec))] {};
#endif
    int fd = -1;
    quint64 readerGeneration = 0;
    quint64 socketId = 0;
    int result = 0; ///< the read's: bytes, 0 at the peer's close, or -errno
    qint64 stampRealNs = 0;
    bool delivered = false;
};

/// The reads of one pass: the slot of each event that was read (-1: none).
struct EpollEventDispatcher::ReadBatch
{
    std::vector<std::unique_ptr<BatchSlot>> slots;
    int used = 0;
    std::vector<int> slotOfEvent;
};

/// The loop's io_uring, made on its thread at its first batch.
struct EpollEventDispatcher::Ring
{
#ifdef TOKENSCOPE_HAVE_LIBURING
    io_uring ring {};
    bool made = false; ///< io_uring_queue_init() succeeded: only then is there a ring to end
    ~Ring()
    {
        if (made)
            io_uring_queue_exit(&ring);
    }
#endif
};

EpollEventDispatcher::EpollEventDispatcher(QObject *parent)
    : QAbstractEventDispatcher(parent)
{
#ifdef Q_OS_LINUX
    // TOKENSCOPE_EPOLL_TIMERFD=1 takes the path of kernels without epoll_pwait2 (for its tests).
    m_pwait2 = !qEnvironmentVariableIsSet("TOKENSCOPE_EPOLL_TIMERFD");
    // TOKENSCOPE_IO_URING=0 reads each socket on its own (for its tests, and where io_uring
    // misbehaves); without liburing at build time the loop always does.
#ifdef TOKENSCOPE_HAVE_LIBURING
    m_batching = qEnvironmentVariable("TOKENSCOPE_IO_URING") != QLatin1String("0");
#else
    m_batching = false;
#endif
    m_epoll = epoll_create1(EPOLL_CLOEXEC);
    m_epollQuiet = epoll_create1(EPOLL_CLOEXEC);
    m_wake = eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
    m_timerFd = timerfd_create(CLOCK_MONOTONIC, TFD_NONBLOCK | TFD_CLOEXEC);
    if (!isValid()) {
        qCWarning(lcEpoll, "epoll, eventfd or timerfd unavailable: %s", std::strerror(errno));
        return;
    }
    for (const int set : { m_epoll, m_epollQuiet }) {
        for (const int fd : { m_wake, m_timerFd }) {
            epoll_event event {};
            event.events = EPOLLIN;
            event.data.fd = fd;
            epoll_ctl(set, EPOLL_CTL_ADD, fd, &event);
        }
    }
#endif
}

EpollEventDispatcher::~EpollEventDispatcher()
{
#ifdef Q_OS_LINUX
    for (const int fd : { m_epoll, m_epollQuiet, m_wake, m_timerFd }) {
        if (fd >= 0)
            ::close(fd);
    }
#endif
}

QAbstractEventDispatcher *EpollEventDispatcher::create()
{
#ifdef Q_OS_LINUX
    auto *dispatcher = new EpollEventDispatcher;
    if (dispatcher->isValid())
        return dispatcher;
    delete dispatcher;
#endif
    return nullptr;
}

qint64 EpollEventDispatcher::nowNs()
{
    timespec ts {};
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return qint64(ts.tv_sec) * 1'000'000'000 + ts.tv_nsec;
}

// ---- sockets ----------------------------------------------------------------------------

void EpollEventDispatcher::registerSocketNotifier(QSocketNotifier *notifier)
{
    const int fd = int(notifier->socket());
    Descriptor &descriptor = m_descriptors[fd];
    account(descriptor, -1);
    QSocketNotifier **slot = nullptr;
    switch (notifier->type()) {
    case QSocketNotifier::Read:
        slot = &descriptor.read;
        break;
    case QSocketNotifier::Write:
        slot = &descriptor.write;
        break;
    case QSocketNotifier::Exception:
        slot = &descriptor.exception;
        break;
    }
    if (*slot && *slot != notifier)
        qCWarning(lcEpoll, "a second socket notifier of the same type for socket %d replaces the first", fd);
    if (slot == &descriptor.read && !descriptor.read)
        descriptor.socketId = ++m_socketIds; // a socket that may be new (see unregister)
    *slot = notifier;
    account(descriptor, +1);
    updateDescriptor(fd, descriptor);
}

void EpollEventDispatcher::unregisterSocketNotifier(QSocketNotifier *notifier)
{
    const int fd = int(notifier->socket());
    const auto it = m_descriptors.find(fd);
    if (it == m_descriptors.end())
        return;
    account(*it, -1);
    for (QSocketNotifier **slot : { &it->read, &it->write, &it->exception }) {
        if (*slot == notifier)
            *slot = nullptr;
    }
    if (!it->read) {
        it->stamped = false; // a new socket may get the number
        it->hungUp = false;
        it->directReader = nullptr;
        it->takesBatchedReads = false;
        it->readerGeneration = ++m_readerChanges;
    }
    account(*it, +1);
    updateDescriptor(fd, *it);
}

void EpollEventDispatcher::account(const Descriptor &descriptor, int sign)
{
    if (descriptor.read && !descriptor.stamped)
        m_unstampedReaders += sign;
    if (descriptor.write || descriptor.exception)
        m_writers += sign;
}

void EpollEventDispatcher::markStamped(qintptr fd)
{
    auto *self = qobject_cast<EpollEventDispatcher *>(QAbstractEventDispatcher::instance());
    if (!self)
        return;
    const auto it = self->m_descriptors.find(int(fd));
    if (it == self->m_descriptors.end() || it->stamped)
        return;
    self->account(*it, -1);
    it->stamped = true;
    self->account(*it, +1);
}

bool EpollEventDispatcher::setDirectReader(qintptr fd, std::function<bool()> reader)
{
    std::function<bool(const BatchedRead *)> call;
    if (reader)
        call = [reader = std::move(reader)](const BatchedRead *) { return reader(); };
    return setReader(fd, std::move(call), false);
}

bool EpollEventDispatcher::setBatchedReader(qintptr fd, std::function<bool(const BatchedRead *)> reader)
{
    return setReader(fd, std::move(reader), true);
}

bool EpollEventDispatcher::setReader(qintptr fd, std::function<bool(const BatchedRead *)> reader, bool batched)
{
    auto *self = qobject_cast<EpollEventDispatcher *>(QAbstractEventDispatcher::instance());
    if (!self)
        return false;
    const auto it = self->m_descriptors.find(int(fd));
    if (it == self->m_descriptors.end() || !it->read)
        return false;
    const bool dropped = !reader;
    it->directReader = std::move(reader);
    it->takesBatchedReads = batched && !dropped;
    it->readerGeneration = ++self->m_readerChanges;
    // Edge-triggered from the reader's first read on (activate()), not here: a request's
    // start pays no system call for it. Back to the level at once when the reader goes.
    if (dropped)
        self->updateDescriptor(int(fd), *it);
    return true;
}

void EpollEventDispatcher::updateDescriptor(int fd, Descriptor &descriptor)
{
#ifdef Q_OS_LINUX
    quint32 wanted = 0;
    if (descriptor.read)
        wanted |= EPOLLIN;
    if (descriptor.write)
        wanted |= EPOLLOUT;
    if (descriptor.exception)
        wanted |= EPOLLPRI;
    // A direct reader reads until the kernel has nothing more (a short read): told of each
    // arrival once, the next wait does not look at its socket again (level-triggered, every
    // wait after a report polls the socket once more). Qt's notifiers, which may leave bytes
    // unread, sockets with a writer, and sockets whose peer has closed (a short read leaves
    // the close unread) keep the level.
    if (descriptor.directReader && wanted == EPOLLIN && !descriptor.hungUp)
        wanted |= EPOLLET | EPOLLRDHUP;
    if (wanted == descriptor.events) {
        if (!wanted)
            m_descriptors.remove(fd);
        return;
    }
    epoll_event event {};
    event.events = wanted;
    event.data.fd = fd;
    if (!wanted) {
        // A socket closed before its notifier went is already out of the set (EBADF, ENOENT).
        epoll_ctl(m_epoll, EPOLL_CTL_DEL, fd, &event);
        m_descriptors.remove(fd);
        return;
    }
    int result = epoll_ctl(m_epoll, descriptor.events ? EPOLL_CTL_MOD : EPOLL_CTL_ADD, fd, &event);
    // The kernel forgets a closed descriptor on its own, and a new socket can reuse the number
    // (MOD: ENOENT); or the set already has it (ADD: EEXIST). Try the other operation.
    if (result < 0 && (errno == ENOENT || errno == EEXIST))
        result = epoll_ctl(m_epoll, errno == ENOENT ? EPOLL_CTL_ADD : EPOLL_CTL_MOD, fd, &event);
    if (result < 0) {
        qCWarning(lcEpoll, "cannot watch socket %d: %s", fd, std::strerror(errno));
        descriptor.events = 0;
        return;
    }
    descriptor.events = wanted;
#else
    Q_UNUSED(fd);
    Q_UNUSED(descriptor);
#endif
}

void EpollEventDispatcher::activate(int fd, quint32 events, BatchSlot *slot)
{
#ifdef Q_OS_LINUX
    // Each notifier is looked up afresh: the one before it may have removed or deleted it.
    auto send = [this, fd](QSocketNotifier *Descriptor::*slot) {
        const auto it = m_descriptors.constFind(fd);
        if (it == m_descriptors.cend())
            return;
        if (QSocketNotifier *notifier = (*it).*slot) {
            QEvent event(QEvent::SockAct);
            QCoreApplication::sendEvent(notifier, &event);
        }
    };
    // As Qt's own dispatchers: a hang-up or an error is news for the reader and the writer.
    if (events & (EPOLLIN | EPOLLHUP | EPOLLERR | EPOLLRDHUP)) {
        bool read = false;
        const auto it = m_descriptors.find(fd);
        // The level again from now on (see updateDescriptor()), also when the news goes to
        // the notifier: a nested loop's pass can get it while the reader, moved out, runs in
        // the outer one, which puts the reader back afterwards.
        if (it != m_descriptors.end() && (events & (EPOLLHUP | EPOLLERR | EPOLLRDHUP)))
            it->hungUp = true;
        if (it != m_descriptors.end() && it->directReader) {
            // Moved out for the call: the reader may close the socket, which takes the
            // descriptor away, or set another reader. Put back only if neither happened.
            std::function<bool(const BatchedRead *)> reader = std::move(it->directReader);
            it->directReader = nullptr;
            const quint64 generation = it->readerGeneration;
            // The batch's read, for the reader it was made for. One that met the peer's close
            // or an error is not given: the reader's own read meets the close (an error the
            // batch's read took shows as the close, as when a read of the reader's took it).
            // A read an outer pass made and has not handed over yet (a nested loop's pass, run
            // by a handler there, reports the socket again) comes first: later bytes after it.
            // This wait's report is then used up, so the reader reads on after it.
            BatchSlot *pending = std::exchange(it->pendingRead, nullptr);
            const bool fromOuterPass = !slot && pending;
            if (!slot)
                slot = pending;
            BatchedRead taken;
            const BatchedRead *given = nullptr;
            if (slot && !slot->delivered && slot->readerGeneration == generation && slot->socketId == it->socketId) {
                slot->delivered = true;
                if (slot->result > 0 || slot->result == -EAGAIN) {
                    taken.data = slot->data.get();
                    taken.bytes = std::max(0, slot->result);
                    taken.capacity = fromOuterPass ? taken.bytes : BatchSlotBytes;
                    taken.stampRealNs = slot->stampRealNs;
                    given = &taken;
                }
            }
            read = reader(given);
            // Bytes given to a reader that declined them (it no longer reads there) left a
            // hole: the socket is shut down before its notifier can read on after it.
            if (given && given->bytes > 0 && !read) {
                const auto owner = m_descriptors.constFind(fd);
                if (owner != m_descriptors.cend() && owner->socketId == slot->socketId) {
                    qCDebug(lcEpoll, "socket %d: %d bytes declined by its reader; shut down", fd, slot->result);
                    ::shutdown(fd, SHUT_RDWR);
                }
            }
            const auto again = m_descriptors.find(fd);
            if (again != m_descriptors.end()) {
                if (read && again->readerGeneration == generation)
                    again->directReader = std::move(reader);
                // Edge-triggered with a reader only: one that declined leaves the socket to
                // its notifier, which needs the level (the bytes it left are reported again).
                updateDescriptor(fd, *again);
            }
        }
        if (!read)
            send(&Descriptor::read);
    }
    if (events & (EPOLLOUT | EPOLLHUP | EPOLLERR))
        send(&Descriptor::write);
    if (events & EPOLLPRI)
        send(&Descriptor::exception);
#else
    Q_UNUSED(fd);
    Q_UNUSED(events);
    Q_UNUSED(slot);
#endif
}

EpollEventDispatcher::ReadBatch *EpollEventDispatcher::readInBatch(const epoll_event *events, int count)
{
#ifdef TOKENSCOPE_HAVE_LIBURING
    if (!m_batching)
        return nullptr;
    // Only sockets whose reader takes the loop's reads, with something to read and no error
    // (which a read would take from the socket and the reader would never hear of).
    int wanted = 0;
    for (int i = 0; i < count; ++i) {
        const int fd = events[i].data.fd;
        if (fd == m_wake || fd == m_timerFd || !(events[i].events & EPOLLIN) || (events[i].events & EPOLLERR))
            continue;
        const auto it = m_descriptors.constFind(fd);
        if (it != m_descriptors.cend() && it->directReader && it->takesBatchedReads && it->stamped && !it->pendingRead)
            ++wanted;
    }
    if (wanted < 2)
        return nullptr; // one read costs one system call either way
    if (!m_ring) {
        auto ring = std::make_unique<Ring>();
        unsigned flags = 0;
#ifdef IORING_SETUP_SINGLE_ISSUER
        flags |= IORING_SETUP_SINGLE_ISSUER;
#endif
#ifdef IORING_SETUP_COOP_TASKRUN
        flags |= IORING_SETUP_COOP_TASKRUN;
#endif
        int result = io_uring_queue_init(MaxEventsPerWait, &ring->ring, flags);
#ifdef IORING_SETUP_SINGLE_ISSUER
        if (result == -EINVAL) // before Linux 6.0
            result = io_uring_queue_init(MaxEventsPerWait, &ring->ring, flags &= ~unsigned(IORING_SETUP_SINGLE_ISSUER));
#endif
        if (result == -EINVAL && flags) // before Linux 5.19
            result = io_uring_queue_init(MaxEventsPerWait, &ring->ring, 0);
        ring->made = result == 0;
        if (result < 0) {
            // Not built into the kernel, switched off, or refused by a seccomp filter (as in
            // many containers): each socket is read on its own, as without liburing.
            qCInfo(lcEpoll, "io_uring unavailable (%s): reads are not batched", std::strerror(-result));
            m_batching = false;
            return nullptr;
        }
        m_ring = std::move(ring);
    }
    if (m_batchDepth >= int(m_batches.size()))
        m_batches.push_back(std::make_unique<ReadBatch>());
    ReadBatch &batch = *m_batches[size_t(m_batchDepth)];
    batch.used = 0;
    batch.slotOfEvent.assign(size_t(count), -1);
    io_uring &ring = m_ring->ring;
    for (int i = 0; i < count; ++i) {
        const int fd = events[i].data.fd;
        if (fd == m_wake || fd == m_timerFd || !(events[i].events & EPOLLIN) || (events[i].events & EPOLLERR))
            continue;
        const auto it = m_descriptors.find(fd);
        if (it == m_descriptors.end() || !it->directReader || !it->takesBatchedReads || !it->stamped || it->pendingRead)
            continue;
        if (batch.used >= int(batch.slots.size()))
            batch.slots.push_back(std::make_unique<BatchSlot>());
        BatchSlot &slot = *batch.slots[size_t(batch.used)];
        slot.fd = fd;
        slot.readerGeneration = it->readerGeneration;
        slot.socketId = it->socketId;
        slot.result = NotReaped;
        slot.stampRealNs = 0;
        slot.delivered = false;
        slot.io = { slot.data.get(), size_t(BatchSlotBytes) };
        slot.message = {};
        slot.message.msg_iov = &slot.io;
        slot.message.msg_iovlen = 1;
        slot.message.msg_control = slot.control;
        slot.message.msg_controllen = sizeof slot.control;
        // A read without a receive time (the kernel switches them on a moment after the first
        // socket asks) must never find the last read's in the buffer: the kernel says how much
        // control data it wrote, and the buffer is cleared as well.
        std::memset(slot.control, 0, sizeof slot.control);
        io_uring_sqe *entry = io_uring_get_sqe(&ring);
        if (!entry)
            break; // the queue is full (not with one entry per event): the rest read themselves
        // Never waits: a socket with nothing (any more) completes with -EAGAIN at once.
        io_uring_prep_recvmsg(entry, fd, &slot.message, MSG_DONTWAIT);
        io_uring_sqe_set_data64(entry, __u64(batch.used));
        batch.slotOfEvent[size_t(i)] = batch.used;
        it->pendingRead = &slot;
        ++batch.used;
    }
    // Every read submitted is reaped before the buffers are looked at or reused: none is left
    // in the kernel to write into them later.
    int submitted = io_uring_submit_and_wait(&ring, unsigned(batch.used));
    while (submitted == -EINTR) // interrupted before anything went in
        submitted = io_uring_submit_and_wait(&ring, unsigned(batch.used));
    bool healthy = submitted == batch.used;
    if (!healthy)
        qCWarning(lcEpoll, "io_uring took %d of %d reads (%s): reads are no longer batched", std::max(0, submitted),
                  batch.used, submitted < 0 ? std::strerror(-submitted) : "short submission");
    for (int reaped = 0; reaped < std::max(0, submitted);) {
        io_uring_cqe *completion = nullptr;
        const int result = io_uring_wait_cqe(&ring, &completion);
        if (result == -EINTR)
            continue;
        if (result < 0 || !completion) {
            // Not seen with a kernel that has io_uring at all. The reads not reaped may still
            // write into their buffers: those buffers and the ring are let go of, never reused.
            qCWarning(lcEpoll, "io_uring lost a batched read (%s): reads are no longer batched", std::strerror(-result));
            for (int i = 0; i < batch.used; ++i) {
                if (batch.slots[size_t(i)]->result != NotReaped)
                    continue;
                // The whole slot (buffer, header, control) is let go of; a fresh one stands in.
                BatchSlot *lost = batch.slots[size_t(i)].release();
                lost->result = -EIO;
                batch.slots[size_t(i)] = std::make_unique<BatchSlot>();
                batch.slots[size_t(i)]->result = -EIO;
            }
            (void)m_ring.release();
            m_batching = false;
            healthy = true; // the ring is let go of above, not torn down below
            break;
        }
        const quint64 index = io_uring_cqe_get_data64(completion);
        if (index < quint64(batch.used)) {
            BatchSlot &slot = *batch.slots[size_t(index)];
            slot.result = completion->res;
            if (slot.result > 0)
                slot.stampRealNs = std::max<qint64>(0, StampedTcpSocket::receiveTimeOf(slot.message));
        }
        io_uring_cqe_seen(&ring, completion);
        ++reaped;
    }
    if (!healthy) {
        // Entries the kernel did not take are still queued: tearing the ring down discards
        // them, so none is sent later into a buffer reused by then.
        m_ring.reset();
        m_batching = false;
    }
    // A read not made (not submitted, or lost) is its reader's to make: nothing is given.
    for (int i = 0; i < batch.used; ++i) {
        BatchSlot &slot = *batch.slots[size_t(i)];
        if (slot.result == NotReaped)
            slot.result = -EIO;
    }
    m_batchedReads += quint64(batch.used);
    ++m_batchDepth;
    return &batch;
#else
    Q_UNUSED(events);
    Q_UNUSED(count);
    return nullptr;
#endif
}

void EpollEventDispatcher::settle(ReadBatch &batch)
{
#ifdef Q_OS_LINUX
    for (int i = 0; i < batch.used; ++i) {
        BatchSlot &slot = *batch.slots[size_t(i)];
        const auto owner = m_descriptors.find(slot.fd);
        if (owner != m_descriptors.end() && owner->pendingRead == &slot)
            owner->pendingRead = nullptr;
        if (slot.delivered || slot.result <= 0)
            continue;
        // Read, but its reader went first (its request ended or it handed the socket back):
        // the stream now has a hole. If the socket is still open it is shut down, so that
        // nothing reads on after the hole (a connection parked for reuse is then dropped).
        const auto it = m_descriptors.constFind(slot.fd);
        if (it != m_descriptors.cend() && it->socketId == slot.socketId) {
            qCDebug(lcEpoll, "socket %d: %d bytes read for a reader that went; shut down", slot.fd, slot.result);
            ::shutdown(slot.fd, SHUT_RDWR);
        }
    }
#else
    Q_UNUSED(batch);
#endif
}

// ---- timers -----------------------------------------------------------------------------

qint64 EpollEventDispatcher::intervalNs(const Timer &timer) const
{
    qint64 ms = timer.intervalMs;
    // Very coarse timers fire on whole seconds, as Qt's own dispatchers do it.
    if (timer.type == Qt::VeryCoarseTimer && ms > 0)
        ms = qMax<qint64>(1000, (ms + 500) / 1000 * 1000);
    return ms * NsPerMs;
}

void EpollEventDispatcher::registerTimer(int timerId, qint64 interval, Qt::TimerType timerType, QObject *object)
{
    unregisterTimer(timerId);
    Timer timer;
    timer.id = timerId;
    timer.intervalMs = qMax<qint64>(0, interval);
    timer.type = timerType;
    timer.object = object;
    timer.deadlineNs = nowNs() + intervalNs(timer);
    timer.pass = m_pass;
    m_queue.emplace(timer.deadlineNs, timerId);
    m_timers.insert(timerId, timer);
}

bool EpollEventDispatcher::unregisterTimer(int timerId)
{
    const auto it = m_timers.find(timerId);
    if (it == m_timers.end())
        return false;
    m_queue.erase({ it->deadlineNs, timerId });
    m_timers.erase(it);
    return true;
}

bool EpollEventDispatcher::unregisterTimers(QObject *object)
{
    bool any = false;
    for (auto it = m_timers.begin(); it != m_timers.end();) {
        if (it->object == object) {
            m_queue.erase({ it->deadlineNs, it->id });
            it = m_timers.erase(it);
            any = true;
        } else {
            ++it;
        }
    }
    return any;
}

QList<QAbstractEventDispatcher::TimerInfo> EpollEventDispatcher::registeredTimers(QObject *object) const
{
    QList<TimerInfo> timers;
    for (const Timer &timer : m_timers) {
        if (timer.object == object)
            timers.append(TimerInfo(timer.id, int(timer.intervalMs), timer.type));
    }
    return timers;
}

int EpollEventDispatcher::remainingTime(int timerId)
{
    const auto it = m_timers.constFind(timerId);
    if (it == m_timers.cend())
        return -1;
    return int(qMax<qint64>(0, (it->deadlineNs - nowNs() + NsPerMs - 1) / NsPerMs));
}

int EpollEventDispatcher::activateTimers()
{
    if (m_queue.empty())
        return 0;
    const qint64 now = nowNs();
    // A timer started or restarted during this pass waits for the next one, so that a 0 ms
    // timer cannot keep the loop from its sockets.
    const quint64 pass = ++m_pass;
    std::vector<int> due;
    for (auto it = m_queue.cbegin(); it != m_queue.cend() && it->first <= now; ++it)
        due.push_back(it->second);
    int fired = 0;
    for (const int id : due) {
        const auto it = m_timers.find(id);
        if (it == m_timers.end() || it->pass >= pass || it->deadlineNs > now)
            continue;
        // The next deadline first: the handler may stop or restart the timer.
        m_queue.erase({ it->deadlineNs, id });
        const qint64 step = intervalNs(*it);
        it->deadlineNs += step;
        if (it->deadlineNs <= now)
            it->deadlineNs = now + step; // late: skip the missed firings, as Qt does
        it->pass = pass;
        m_queue.emplace(it->deadlineNs, id);
        QObject *object = it->object;
        QTimerEvent event(id);
        QCoreApplication::sendEvent(object, &event);
        ++fired;
    }
    return fired;
}

qint64 EpollEventDispatcher::nextDeadlineNs() const
{
    qint64 next = m_queue.empty() ? -1 : m_queue.cbegin()->first;
    if (!m_calls.empty() && (next < 0 || m_calls.cbegin()->first < next))
        next = m_calls.cbegin()->first;
    if (m_probeDeadlineNs >= 0 && (next < 0 || m_probeDeadlineNs < next))
        next = m_probeDeadlineNs;
    return next;
}

void EpollEventDispatcher::setLagObserver(const QObject *owner, std::function<void(qint64)> observer)
{
    const auto it = std::find_if(m_lagObservers.begin(), m_lagObservers.end(),
                                 [owner](const auto &entry) { return entry.first == owner; });
    if (it != m_lagObservers.end())
        m_lagObservers.erase(it);
    if (observer)
        m_lagObservers.emplace_back(owner, std::move(observer));
    if (m_lagObservers.empty())
        m_probeDeadlineNs = -1;
}

bool EpollEventDispatcher::probeLag()
{
    if (m_probeDeadlineNs < 0)
        return false;
    const qint64 now = nowNs();
    if (now < m_probeDeadlineNs)
        return false;
    const qint64 lateNs = now - m_probeDeadlineNs;
    m_probeDeadlineNs = -1;
    // A copy: an observer may remove itself.
    const auto observers = m_lagObservers;
    for (const auto &entry : observers)
        entry.second(lateNs);
    return true;
}

void EpollEventDispatcher::callAt(qint64 deadlineNs, std::function<void()> call)
{
    m_calls.emplace(deadlineNs, std::move(call));
}

int EpollEventDispatcher::runDueCalls()
{
    int ran = 0;
    const qint64 now = nowNs();
    // One at a time from the front: a call may add others (a later one waits for its time).
    while (!m_calls.empty() && m_calls.cbegin()->first <= now) {
        std::function<void()> call = std::move(m_calls.begin()->second);
        m_calls.erase(m_calls.begin());
        call();
        ++ran;
    }
    return ran;
}

void EpollEventDispatcher::armTimerFd()
{
#ifdef Q_OS_LINUX
    const qint64 deadline = nextDeadlineNs();
    if (deadline == m_armedDeadlineNs)
        return;
    itimerspec spec {};
    if (deadline >= 0) {
        // An absolute time of 0 would disarm the timer: a due deadline is at least 1 ns.
        const qint64 at = qMax<qint64>(1, deadline);
        spec.it_value.tv_sec = time_t(at / 1'000'000'000);
        spec.it_value.tv_nsec = long(at % 1'000'000'000);
    }
    timerfd_settime(m_timerFd, TFD_TIMER_ABSTIME, &spec, nullptr);
    m_armedDeadlineNs = deadline;
#endif
}

// ---- the loop ---------------------------------------------------------------------------

void EpollEventDispatcher::wakeUp()
{
#ifdef Q_OS_LINUX
    if (!m_wakePending.exchange(true, std::memory_order_acq_rel)) {
        const quint64 one = 1;
        [[maybe_unused]] const ssize_t written = ::write(m_wake, &one, sizeof one);
    }
#endif
}

void EpollEventDispatcher::startingUp()
{
#ifdef Q_OS_LINUX
    // In the thread itself: the kernel may otherwise end a timed wait up to 50 µs late (the
    // default slack), which the lag probe would count as the client's lag.
    prctl(PR_SET_TIMERSLACK, 1UL, 0UL, 0UL, 0UL);
#endif
}

void EpollEventDispatcher::interrupt()
{
    m_interrupts.fetch_add(1, std::memory_order_acq_rel);
    wakeUp();
}

void EpollEventDispatcher::drainWake()
{
#ifdef Q_OS_LINUX
    quint64 count = 0;
    [[maybe_unused]] const ssize_t got = ::read(m_wake, &count, sizeof count);
#endif
}

bool EpollEventDispatcher::processEvents(QEventLoop::ProcessEventsFlags flags)
{
#ifdef Q_OS_LINUX
    // An interrupt is taken where it ends a pass, not cleared at its start: one that came
    // after the event loop last looked at its exit flag, and whose wake-up is drained below,
    // must still end this pass, or the loop would sleep on with its exit due. And one taken by
    // a nested loop (run by a handler of this pass) ends this pass as well.
    const quint64 taken = m_interruptsTaken;
    auto interrupted = [this, taken] {
        const quint64 now = m_interrupts.load(std::memory_order_acquire);
        if (now == taken)
            return false;
        m_interruptsTaken = now;
        return true;
    };
    Q_EMIT awake();
    // The wake-up is taken before the posted events are sent: one posted while they are being
    // sent writes the eventfd again, so the wait below returns at once for it.
    if (m_wakePending.exchange(false, std::memory_order_acq_rel))
        drainWake();
    QCoreApplication::sendPostedEvents();
    if (interrupted())
        return false;

    const bool wait = flags.testFlag(QEventLoop::WaitForMoreEvents)
        && !m_wakePending.load(std::memory_order_acquire) && m_interrupts.load(std::memory_order_acquire) == taken;
    if (wait)
        Q_EMIT aboutToBlock();
    epoll_event events[MaxEventsPerWait];
    if (wait && m_gatherNs > 0 && m_lastPassHadSockets && mayGather() && m_pwait2
        && !flags.testFlag(QEventLoop::ExcludeSocketNotifiers)) {
        // A busy pass is over: sockets' news gathers for a while (their times are the
        // kernel's), posted events and wake-ups end the wait at once, timers at their time.
        qint64 in = m_gatherNs;
        if (const qint64 next = nextDeadlineNs(); next >= 0)
            in = std::min(in, std::max<qint64>(0, next - nowNs()));
        if (in > 0) {
            const timespec gather { time_t(in / 1'000'000'000), long(in % 1'000'000'000) };
            epoll_pwait2(m_epollQuiet, events, MaxEventsPerWait, &gather, nullptr);
        }
    }
    // Without the sockets when they are excluded: a ready one would end every wait at once.
    const int set = flags.testFlag(QEventLoop::ExcludeSocketNotifiers) ? m_epollQuiet : m_epoll;
    int ready = -1;
    if (m_pwait2) {
        // The next timer as the wait's own timeout: no timerfd to set and read on each pass.
        timespec timeout {};
        const timespec *until = &timeout; // zero: do not wait
        if (wait) {
            if (const qint64 next = nextDeadlineNs(); next < 0) {
                until = nullptr;
            } else {
                const qint64 in = std::max<qint64>(0, next - nowNs());
                timeout.tv_sec = time_t(in / 1'000'000'000);
                timeout.tv_nsec = long(in % 1'000'000'000);
            }
        }
        ready = epoll_pwait2(set, events, MaxEventsPerWait, until, nullptr);
        if (ready < 0 && errno == ENOSYS)
            m_pwait2 = false; // a kernel before 5.11: the timerfd from now on
    }
    if (!m_pwait2) {
        armTimerFd();
        ready = epoll_wait(set, events, MaxEventsPerWait, wait ? -1 : 0);
    }
    if (ready < 0)
        ready = 0; // EINTR: a signal came; the caller loops

    // The reads of the sockets this wait reported, in one system call where there are several.
    ReadBatch *batch = ready > 1 && !flags.testFlag(QEventLoop::ExcludeSocketNotifiers) ? readInBatch(events, ready) : nullptr;
    int activated = 0;
    for (int i = 0; i < ready; ++i) {
        const int fd = events[i].data.fd;
        if (fd == m_wake) {
            // Drained here as well: a wakeUp() whose write came after this pass's start had
            // drained (its flag already taken) would leave the descriptor readable with no
            // flag set, and every wait would return at once on it. Posted events are sent at
            // every pass's start, so a wake-up drained here is never lost.
            drainWake();
            continue;
        }
        if (fd == m_timerFd) {
            quint64 expirations = 0;
            [[maybe_unused]] const ssize_t got = ::read(m_timerFd, &expirations, sizeof expirations);
            m_armedDeadlineNs = -1;
            continue;
        }
        // Every socket this wait reported gets its news, interrupt or not: an edge-triggered
        // one would not be reported again for bytes that are already there.
        const int slot = batch ? batch->slotOfEvent[size_t(i)] : -1;
        activate(fd, events[i].events, slot >= 0 ? batch->slots[size_t(slot)].get() : nullptr);
        ++activated;
    }
    if (batch) {
        settle(*batch);
        --m_batchDepth;
    }
    if (interrupted())
        return true;
    m_lastPassHadSockets = activated > 0;
    // The lag probe after the sockets, before the timers: where a timer of its own would fire.
    const bool probed = !m_lagObservers.empty() && probeLag();
    // Timers are checked on every pass, not only when the timerfd said so: a due 0 ms timer
    // must not wait for the kernel.
    activated += activateTimers();
    activated += runDueCalls();
    // Re-armed by work only: a pass that did nothing but probe leaves the loop to sleep.
    if (activated > 0 && !m_lagObservers.empty() && m_probeDeadlineNs < 0)
        m_probeDeadlineNs = nowNs() + LagProbeIntervalNs;
    return activated > 0 || probed;
#else
    Q_UNUSED(flags);
    return false;
#endif
}
