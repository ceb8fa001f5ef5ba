// The epoll event dispatcher of the I/O threads: timers, posted events, wake-ups from other
// threads and sockets, each on a real thread that runs it.
#include "client/epolleventdispatcher.h"
#include "client/stampedsocket.h"

#include <QElapsedTimer>
#include <QEventLoop>
#include <QPointer>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>
#include <QThread>
#include <QTimer>

#include <fcntl.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <thread>

namespace {

/// A thread that runs an EpollEventDispatcher, stopped and joined when it goes.
class EpollThread
{
public:
    EpollThread()
    {
        dispatcher = new EpollEventDispatcher;
        valid = dispatcher->isValid();
        thread.setEventDispatcher(dispatcher);
        thread.start();
    }
    ~EpollThread()
    {
        m_release = true; // a thread still held by hold()
        thread.quit();
        thread.wait();
    }
    /// Runs \a f in the thread and waits for it.
    template<typename F>
    void run(F f)
    {
        QObject context;
        context.moveToThread(&thread);
        QMetaObject::invokeMethod(&context, f, Qt::BlockingQueuedConnection);
    }
    /// A copy of \a value made in the thread, for what the thread writes.
    template<typename T>
    T copied(const T &value)
    {
        T copy;
        run([&] { copy = value; });
        return copy;
    }
    /// Holds the thread in a posted call until release(), so that what arrives meanwhile is
    /// reported by one wait afterwards. True once the thread is held.
    bool hold()
    {
        m_held = false;
        m_release = false;
        if (!m_holder) {
            m_holder = std::make_unique<QObject>();
            m_holder->moveToThread(&thread);
        }
        QMetaObject::invokeMethod(m_holder.get(), [this] {
            m_held = true;
            while (!m_release)
                QThread::usleep(200);
        }, Qt::QueuedConnection);
        QElapsedTimer waited;
        waited.start();
        while (!m_held && waited.elapsed() < 5000)
            QThread::usleep(200);
        return m_held;
    }
    void release() { m_release = true; }

    QThread thread;
    EpollEventDispatcher *dispatcher = nullptr; ///< owned by the thread
    bool valid = false;

private:
    std::unique_ptr<QObject> m_holder; ///< hold()'s context, in the thread
    std::atomic<bool> m_held { false };
    std::atomic<bool> m_release { false };
};

/// A socket connected to \a port on loopback, unbuffered (its reads go to the kernel, as a
/// direct reader's do), made in the calling thread; null if it did not connect.
QTcpSocket *connectUnbuffered(quint16 port)
{
    auto socket = std::make_unique<QTcpSocket>();
    socket->connectToHost(QHostAddress::LocalHost, port, QIODevice::ReadWrite | QIODevice::Unbuffered);
    return socket->waitForConnected(5000) ? socket.release() : nullptr;
}

/// One read from the kernel, as a direct reader makes it, appended to \a got: the bytes read,
/// 0 at the peer's close, -1 when there was nothing.
ssize_t readOnce(QTcpSocket *socket, QByteArray &got)
{
    char buffer[4096];
    const ssize_t n = ::recv(int(socket->socketDescriptor()), buffer, sizeof buffer, MSG_DONTWAIT);
    if (n > 0)
        got.append(buffer, qsizetype(n));
    return n;
}

/// connectUnbuffered() whose segments carry the kernel's receive time (SO_TIMESTAMPNS), as a
/// StampedTcpSocket's do: a batched reader's socket.
QTcpSocket *connectStamped(quint16 port)
{
    QTcpSocket *socket = connectUnbuffered(port);
    const int on = 1;
    if (socket && ::setsockopt(int(socket->socketDescriptor()), SOL_SOCKET, SO_TIMESTAMPNS, &on, sizeof on) != 0) {
        delete socket;
        return nullptr;
    }
    return socket;
}

/// What one socket's batched reader heard: its bytes, and of each call whether the loop had
/// read for it and the kernel's receive time it gave.
struct BatchLog
{
    QByteArray got;
    int calls = 0;
    int taken = 0; ///< calls with a read the loop made
    qint64 lastStampRealNs = 0;
    bool sawFullBuffer = false;
};

/// The reader a batched-read test sets: the loop's read when there is one, else (and after a
/// read that filled its buffer) its own, until the kernel has nothing more.
std::function<bool(const EpollEventDispatcher::BatchedRead *)> batchLogger(QTcpSocket *socket, BatchLog &log)
{
    return [socket, &log](const EpollEventDispatcher::BatchedRead *taken) {
        ++log.calls;
        if (taken) {
            ++log.taken;
            log.got.append(taken->data, qsizetype(taken->bytes));
            if (taken->stampRealNs > 0)
                log.lastStampRealNs = taken->stampRealNs;
            if (taken->bytes < taken->capacity)
                return true;
            log.sawFullBuffer = true;
        }
        ssize_t n = 0;
        while ((n = readOnce(socket, log.got)) > 0) { }
        return n != 0;
    };
}

/*!
 * Waits until the kernel stamps arriving segments: it switches receive timestamps on for the
 * whole system when the first socket asks, a moment later (deferred work), so the first
 * segments after may come without a time. Keeps a stamped connection of its own open, which
 * keeps them on. False if no stamped segment came within 2 s.
 */
class KernelStamps
{
public:
    bool waitUntilOn()
    {
        if (!m_server.listen(QHostAddress::LocalHost))
            return false;
        m_client.reset(connectStamped(m_server.serverPort()));
        if (!m_client || !m_server.waitForNewConnection(5000))
            return false;
        m_peer.reset(m_server.nextPendingConnection());
        QElapsedTimer waited;
        waited.start();
        while (m_peer && waited.elapsed() < 2000) {
            m_peer->write("x");
            m_peer->waitForBytesWritten(1000);
            QThread::msleep(5);
            char byte = 0;
            iovec io { &byte, 1 };
            alignas(cmsghdr) char control[CMSG_SPACE(sizeof(timespec))] {};
            msghdr message {};
            message.msg_iov = &io;
            message.msg_iovlen = 1;
            message.msg_control = control;
            message.msg_controllen = sizeof control;
            if (::recvmsg(int(m_client->socketDescriptor()), &message, MSG_DONTWAIT) > 0 && CMSG_FIRSTHDR(&message))
                return true;
        }
        return false;
    }

private:
    QTcpServer m_server;
    std::unique_ptr<QTcpSocket> m_client;
    std::unique_ptr<QTcpSocket> m_peer;
};

qint64 realNowNs()
{
    timespec ts {};
    clock_gettime(CLOCK_REALTIME, &ts);
    return qint64(ts.tv_sec) * 1'000'000'000 + ts.tv_nsec;
}

/*!
 * \brief Stamped connections on loopback whose client ends live in an EpollThread, each with a
 * batched reader (by default batchLogger()); the peers stay in the test's thread.
 */
class BatchedSockets
{
public:
    using Reader = std::function<bool(const EpollEventDispatcher::BatchedRead *)>;

    BatchedSockets(EpollThread &t, int count)
        : logs(size_t(count))
        , m_t(t)
        , m_clients(size_t(count), nullptr)
        , m_peers(size_t(count))
    {
    }
    ~BatchedSockets()
    {
        m_t.run([this] {
            for (QTcpSocket *client : m_clients)
                delete client;
        });
    }

    /// Connects the sockets in the thread, each marked stamped with the reader \a readerFor
    /// gives (batchLogger() when none), and accepts their peers. False if any step failed.
    bool open(const std::function<Reader(int)> &readerFor = {})
    {
        if (!m_server.listen(QHostAddress::LocalHost))
            return false;
        bool set = true;
        m_t.run([&] {
            for (size_t i = 0; i < m_clients.size() && set; ++i) {
                m_clients[i] = connectStamped(m_server.serverPort());
                set = m_clients[i] != nullptr;
            }
            for (size_t i = 0; i < m_clients.size() && set; ++i) {
                const qintptr fd = m_clients[i]->socketDescriptor();
                EpollEventDispatcher::markStamped(fd);
                set = EpollEventDispatcher::setBatchedReader(fd, readerFor ? readerFor(int(i)) : logger(int(i)));
            }
        });
        for (size_t i = 0; i < m_peers.size() && set; ++i) {
            if (!m_server.hasPendingConnections() && !m_server.waitForNewConnection(5000))
                return false;
            m_peers[i].reset(m_server.nextPendingConnection());
            set = m_peers[i] != nullptr;
        }
        return set;
    }
    /// batchLogger() of socket \a i, into logs[i].
    Reader logger(int i) { return batchLogger(m_clients[size_t(i)], logs[size_t(i)]); }
    /// Holds the thread and writes bytes[i] to peer i, so that one wait reports them all
    /// once the caller releases it (EpollThread::release()).
    bool holdAndWrite(const QList<QByteArray> &bytes)
    {
        if (!m_t.hold())
            return false;
        for (size_t i = 0; i < m_peers.size(); ++i) {
            m_peers[i]->write(bytes.value(qsizetype(i)));
            if (!m_peers[i]->waitForBytesWritten(5000))
                return false;
        }
        QThread::msleep(20);
        return true;
    }

    QTcpSocket *client(int i) const { return m_clients[size_t(i)]; }
    QTcpSocket *peer(int i) const { return m_peers[size_t(i)].get(); }
    /// A copy of socket \a i's log, made in the thread.
    BatchLog log(int i) { return m_t.copied(logs[size_t(i)]); }
    bool batching()
    {
        bool on = false;
        m_t.run([&] { on = m_t.dispatcher->batchesReads(); });
        return on;
    }
    quint64 batchedReads()
    {
        quint64 reads = 0;
        m_t.run([&] { reads = m_t.dispatcher->batchedReads(); });
        return reads;
    }

    std::vector<BatchLog> logs; ///< written in the thread: read them with log()

private:
    EpollThread &m_t;
    QTcpServer m_server;
    std::vector<QTcpSocket *> m_clients;
    std::vector<std::unique_ptr<QTcpSocket>> m_peers;
};

/// Runs \a pass in \a t's thread: true if it returned by itself, false if it was still
/// waiting after 10 s (a helper then wakes the loop, so that the test goes on).
template<typename F>
bool passEndsByItself(EpollThread &t, F pass)
{
    bool rescued = false;
    t.run([&] {
        std::mutex mutex;
        std::condition_variable returned;
        bool done = false;
        std::thread rescue([&] {
            std::unique_lock lock(mutex);
            if (!returned.wait_for(lock, std::chrono::seconds(10), [&] { return done; })) {
                rescued = true;
                t.dispatcher->wakeUp();
            }
        });
        pass();
        {
            std::lock_guard lock(mutex);
            done = true;
        }
        returned.notify_one();
        rescue.join();
    });
    return !rescued;
}

} // namespace

class TestEpollDispatcher : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    // Every test twice: timed waits by epoll_pwait2's timeout, and by the timerfd that kernels
    // before 5.11 need.
    void initTestCase_data()
    {
        QTest::addColumn<bool>("timerfd");
        QTest::newRow("pwait2") << false;
        QTest::newRow("timerfd") << true;
    }

    void init()
    {
        QFETCH_GLOBAL(bool, timerfd);
        if (timerfd)
            qputenv("TOKENSCOPE_EPOLL_TIMERFD", "1");
        else
            qunsetenv("TOKENSCOPE_EPOLL_TIMERFD");
    }

    void theThreadRunsTheEpollDispatcher()
    {
        EpollThread t;
        QVERIFY(t.valid);
        bool isEpoll = false;
        t.run([&] { isEpoll = qobject_cast<EpollEventDispatcher *>(QAbstractEventDispatcher::instance()) != nullptr; });
        QVERIFY(isEpoll);
    }

    void postedCallsRunInOrder()
    {
        EpollThread t;
        QObject receiver;
        receiver.moveToThread(&t.thread);
        std::atomic<int> last { 0 };
        std::atomic<bool> inOrder { true };
        for (int i = 1; i <= 1000; ++i) {
            QMetaObject::invokeMethod(&receiver, [&, i] {
                if (last.load() != i - 1)
                    inOrder = false;
                last = i;
            }, Qt::QueuedConnection);
        }
        QTRY_COMPARE_WITH_TIMEOUT(last.load(), 1000, 5000);
        QVERIFY(inOrder.load());
        t.run([] {}); // receiver's queue is empty before it goes
    }

    void timersFireNeverEarlyAndRepeat()
    {
        EpollThread t;
        qint64 singleMs = -1;
        int repeats = 0;
        qint64 repeatedMs = -1;
        t.run([&] {
            auto *single = new QTimer;
            single->setSingleShot(true);
            single->setTimerType(Qt::PreciseTimer);
            auto *elapsed = new QElapsedTimer;
            elapsed->start();
            QObject::connect(single, &QTimer::timeout, single, [&, single, elapsed] {
                singleMs = elapsed->elapsed();
                delete elapsed;
                single->deleteLater();
            });
            single->start(30);

            auto *repeating = new QTimer;
            repeating->setTimerType(Qt::PreciseTimer);
            auto *since = new QElapsedTimer;
            since->start();
            QObject::connect(repeating, &QTimer::timeout, repeating, [&, repeating, since] {
                if (++repeats == 10) {
                    repeatedMs = since->elapsed();
                    delete since;
                    repeating->deleteLater();
                }
            });
            repeating->start(5);
        });
        QTRY_VERIFY_WITH_TIMEOUT(singleMs >= 0 && repeatedMs >= 0, 5000);
        QCOMPARE_GE(singleMs, 30);
        QCOMPARE_GE(repeatedMs, 50); // ten firings 5 ms apart, none early
        QCOMPARE(repeats, 10);
    }

    void stoppedAndRestartedTimers()
    {
        EpollThread t;
        std::atomic<int> stoppedFired { 0 };
        std::atomic<int> restartedFired { 0 };
        int remaining = -2;
        int remainingAfterStop = -2;
        QObject *owner = nullptr;
        t.run([&] {
            owner = new QObject;
            auto *stopped = new QTimer(owner);
            QObject::connect(stopped, &QTimer::timeout, [&] { ++stoppedFired; });
            stopped->start(20);
            remaining = stopped->remainingTime();
            stopped->stop();
            remainingAfterStop = stopped->remainingTime();

            auto *restarted = new QTimer(owner);
            restarted->setSingleShot(true);
            QObject::connect(restarted, &QTimer::timeout, [&] { ++restartedFired; });
            restarted->start(10);
            restarted->start(40); // replaces the first deadline
        });
        QCOMPARE_GT(remaining, 0);
        QCOMPARE_LE(remaining, 20);
        QCOMPARE(remainingAfterStop, -1);
        QTest::qWait(100);
        QCOMPARE(stoppedFired.load(), 0);
        QCOMPARE(restartedFired.load(), 1);
        t.run([&] { delete owner; });
    }

    void zeroTimersDoNotStarveOtherWork()
    {
        // A 0 ms timer that restarts itself forever: posted calls and a socket still get
        // their turn.
        EpollThread t;
        std::atomic<int> spins { 0 };
        QTimer *zero = nullptr;
        t.run([&] {
            zero = new QTimer;
            QObject::connect(zero, &QTimer::timeout, [&] { ++spins; });
            zero->start(0);
        });
        QObject receiver;
        receiver.moveToThread(&t.thread);
        std::atomic<bool> ran { false };
        QMetaObject::invokeMethod(&receiver, [&] { ran = true; }, Qt::QueuedConnection);
        QTRY_VERIFY_WITH_TIMEOUT(ran.load(), 2000);
        QCOMPARE_GT(spins.load(), 0);
        t.run([&] { delete zero; });
    }

    void nestedEventLoopsAndQuit()
    {
        EpollThread t;
        bool exited = false;
        t.run([&] {
            QEventLoop loop;
            QTimer::singleShot(10, &loop, [&loop] { loop.quit(); });
            loop.exec();
            exited = true;
        });
        QVERIFY(exited);
        // quit() from this thread ends the thread's loop (interrupt + wake-up).
        t.thread.quit();
        QVERIFY(t.thread.wait(5000));
    }

    void anInterruptBeforeThePassEndsIt()
    {
        // QThread::quit() sets the loop's exit flag and interrupts: when that comes after the
        // loop last looked at the flag, the pass it starts next must end at once, though its
        // wake-up is drained at the pass's start. (It was lost: the I/O thread slept on, and
        // the client's destructor waited for it forever.) Here the interrupt comes first, in
        // the thread itself.
        EpollThread t;
        QVERIFY(t.valid);
        QVERIFY(passEndsByItself(t, [&] {
            t.dispatcher->interrupt();
            t.dispatcher->processEvents(QEventLoop::WaitForMoreEvents);
        }));
        // Taken by that pass: the next one waits for work again (a posted call here).
        bool ran = false;
        t.run([&] { ran = true; });
        QVERIFY(ran);
    }

    void anInterruptTakenByANestedPassEndsTheOuterOne()
    {
        // quit() interrupts each loop of the thread; a nested loop's pass, run by a handler of
        // the outer pass, may take the interrupt and its wake-up both. The outer pass must end
        // on it too, not wait for work with its loop's exit due.
        EpollThread t;
        QVERIFY(t.valid);
        QVERIFY(passEndsByItself(t, [&] {
            QObject context;
            QMetaObject::invokeMethod(&context, [&] {
                t.dispatcher->interrupt();
                t.dispatcher->processEvents(QEventLoop::AllEvents); // the nested pass
            }, Qt::QueuedConnection);
            t.dispatcher->processEvents(QEventLoop::WaitForMoreEvents); // the outer pass
        }));
    }

    void socketsEchoAcrossManyConnections()
    {
        // A server on this thread, 200 clients on the epoll thread, each sending a line and
        // reading it back; then the server closes them all, and every client sees it.
        QTcpServer server;
        QVERIFY(server.listen(QHostAddress::LocalHost));
        QList<QTcpSocket *> accepted;
        connect(&server, &QTcpServer::newConnection, this, [&] {
            while (QTcpSocket *s = server.nextPendingConnection()) {
                accepted.append(s);
                connect(s, &QTcpSocket::readyRead, s, [s] { s->write(s->readAll()); });
            }
        });
        constexpr int Clients = 200;
        std::atomic<int> echoed { 0 };
        std::atomic<int> disconnected { 0 };
        EpollThread t;
        QObject *owner = nullptr;
        const quint16 port = server.serverPort();
        t.run([&] {
            owner = new QObject;
            for (int i = 0; i < Clients; ++i) {
                auto *socket = new QTcpSocket(owner);
                const QByteArray line = "hello " + QByteArray::number(i) + '\n';
                auto *got = new QByteArray;
                QObject::connect(socket, &QTcpSocket::connected, socket, [socket, line] { socket->write(line); });
                QObject::connect(socket, &QTcpSocket::readyRead, socket, [socket, line, got, &echoed] {
                    *got += socket->readAll();
                    if (*got == line)
                        ++echoed;
                });
                QObject::connect(socket, &QTcpSocket::disconnected, socket, [got, &disconnected] {
                    delete got;
                    ++disconnected;
                });
                socket->connectToHost(QHostAddress::LocalHost, port);
            }
        });
        QTRY_COMPARE_WITH_TIMEOUT(echoed.load(), Clients, 10000);
        for (QTcpSocket *s : std::as_const(accepted))
            s->disconnectFromHost();
        QTRY_COMPARE_WITH_TIMEOUT(disconnected.load(), Clients, 10000);
        t.run([&] { delete owner; });
        qDeleteAll(accepted);
    }

    void excludedSocketsNeitherFireNorEndTheWait()
    {
        // A socket with bytes waiting: a pass that excludes socket notifiers neither reads it
        // nor returns at once because of it; it waits for its timer. The next pass reads it.
        EpollThread t;
        int readsWhileExcluded = -1;
        int readsAfter = -1;
        int passes = -1;
        bool connected = false;
        t.run([&] {
            QTcpServer server;
            server.listen(QHostAddress::LocalHost);
            QTcpSocket client;
            client.connectToHost(QHostAddress::LocalHost, server.serverPort());
            connected = client.waitForConnected(5000) && server.waitForNewConnection(5000);
            if (!connected)
                return;
            std::unique_ptr<QTcpSocket> peer(server.nextPendingConnection());
            peer->write("bytes");
            peer->waitForBytesWritten(5000);
            QThread::msleep(20); // the bytes reach the client's socket
            int reads = 0;
            QObject::connect(&client, &QTcpSocket::readyRead, &client, [&reads] { ++reads; });
            bool fired = false;
            QTimer::singleShot(30, &client, [&fired] { fired = true; });
            passes = 0;
            while (!fired) {
                QCoreApplication::processEvents(QEventLoop::ExcludeSocketNotifiers | QEventLoop::WaitForMoreEvents);
                ++passes;
            }
            readsWhileExcluded = reads;
            QCoreApplication::processEvents(QEventLoop::AllEvents);
            readsAfter = reads;
        });
        QVERIFY(connected);
        QCOMPARE(readsWhileExcluded, 0);
        QCOMPARE_LE(passes, 3); // asleep until the timer, not spinning on the socket
        QCOMPARE(readsAfter, 1);
    }

    void stampedSocketsGatherOthersDoNot_data()
    {
        QTest::addColumn<bool>("stamped");
        QTest::newRow("stamped") << true;
        QTest::newRow("not stamped") << false;
    }

    void stampedSocketsGatherOthersDoNot()
    {
        // After a pass that read a socket, a loop whose every socket has the kernel's receive
        // times waits its gather window before it looks at the sockets again; a posted call
        // still runs at once. With a socket read without them, it looks at once.
        QFETCH_GLOBAL(bool, timerfd);
        QFETCH(bool, stamped);
        if (timerfd)
            QSKIP("gathering waits with epoll_pwait2 only");
        constexpr qint64 WindowMs = 300;
        QTcpServer server;
        QVERIFY(server.listen(QHostAddress::LocalHost));
        EpollThread t;
        t.dispatcher->setGatherWindow(WindowMs * 1'000'000);
        QElapsedTimer clock;
        clock.start();
        QTcpSocket *client = nullptr;
        std::atomic<qint64> readAtMs[2] = { -1, -1 };
        std::atomic<int> reads { 0 };
        bool connected = false;
        t.run([&] {
            client = new QTcpSocket;
            QObject::connect(client, &QTcpSocket::readyRead, client, [&] {
                const QByteArray got = client->readAll();
                for (int i = 0; i < got.size() && reads < 2; ++i)
                    readAtMs[reads++] = clock.elapsed();
            });
            client->connectToHost(QHostAddress::LocalHost, server.serverPort());
            connected = client->waitForConnected(5000);
            if (connected && stamped)
                EpollEventDispatcher::markStamped(client->socketDescriptor());
        });
        QVERIFY(connected);
        QVERIFY(server.waitForNewConnection(5000));
        std::unique_ptr<QTcpSocket> peer(server.nextPendingConnection());
        peer->write("a");
        QVERIFY(peer->waitForBytesWritten(5000));
        QTRY_COMPARE_WITH_TIMEOUT(reads.load(), 1, 5000);
        // The loop has just read "a": a stamped one now gathers for WindowMs.
        QThread::msleep(20);
        const qint64 secondSentMs = clock.elapsed();
        peer->write("b");
        QVERIFY(peer->waitForBytesWritten(5000));
        QTRY_COMPARE_WITH_TIMEOUT(reads.load(), 2, 5000);
        const qint64 readLateBy = readAtMs[1] - secondSentMs;
        if (stamped)
            QCOMPARE_GE(readLateBy, WindowMs / 2); // at the window's end, ~280 ms
        else
            QCOMPARE_LT(readLateBy, WindowMs / 2); // at once

        // The loop has just read "b" and gathers again: a call posted to it runs at once.
        std::atomic<qint64> postedRanMs { -1 };
        QObject context;
        context.moveToThread(&t.thread);
        const qint64 postedMs = clock.elapsed();
        QMetaObject::invokeMethod(&context, [&] { postedRanMs = clock.elapsed(); }, Qt::QueuedConnection);
        QTRY_VERIFY_WITH_TIMEOUT(postedRanMs.load() >= 0, 5000);
        QCOMPARE_LT(postedRanMs.load() - postedMs, WindowMs / 2);
        t.run([&] { delete client; });
    }

    void aDirectReaderTakesTheReadNews()
    {
        // setDirectReader(): the socket's read news goes to the reader, not to readyRead();
        // a reader that says it no longer reads there hands that news back to the notifier, and
        // so does dropping it.
        QTcpServer server;
        QVERIFY(server.listen(QHostAddress::LocalHost));
        EpollThread t;
        QTcpSocket *client = nullptr;
        std::atomic<int> direct { 0 };
        std::atomic<int> notified { 0 };
        std::atomic<bool> keepReading { true };
        QByteArray got; // the reader's and readyRead()'s bytes, in the thread
        bool connected = false;
        bool set = false;
        t.run([&] {
            client = new QTcpSocket;
            QObject::connect(client, &QTcpSocket::readyRead, client, [&] {
                ++notified;
                got += client->readAll();
            });
            // Unbuffered, as the reader is meant for: its reads go to the kernel.
            client->connectToHost(QHostAddress::LocalHost, server.serverPort(),
                                  QIODevice::ReadWrite | QIODevice::Unbuffered);
            connected = client->waitForConnected(5000);
            if (!connected)
                return;
            set = EpollEventDispatcher::setDirectReader(client->socketDescriptor(), [&] {
                if (!keepReading)
                    return false;
                ++direct;
                got += client->readAll();
                return true;
            });
        });
        QVERIFY(connected);
        QVERIFY(set);
        QVERIFY(server.waitForNewConnection(5000));
        std::unique_ptr<QTcpSocket> peer(server.nextPendingConnection());
        const auto send = [&](const char *bytes) {
            peer->write(bytes);
            return peer->waitForBytesWritten(5000);
        };
        const auto received = [&] { return t.copied(got); };
        QVERIFY(send("a"));
        QTRY_COMPARE_WITH_TIMEOUT(received(), QByteArray("a"), 5000);
        QVERIFY(send("b"));
        QTRY_COMPARE_WITH_TIMEOUT(received(), QByteArray("ab"), 5000);
        QCOMPARE(direct.load(), 2);
        QCOMPARE(notified.load(), 0);

        // The reader declines: this news and the next go to readyRead().
        keepReading = false;
        QVERIFY(send("c"));
        QTRY_COMPARE_WITH_TIMEOUT(received(), QByteArray("abc"), 5000);
        keepReading = true;
        QVERIFY(send("d"));
        QTRY_COMPARE_WITH_TIMEOUT(received(), QByteArray("abcd"), 5000);
        QCOMPARE(direct.load(), 2);
        QCOMPARE(notified.load(), 2);

        // Set again, then dropped: readyRead() again.
        t.run([&] {
            set = EpollEventDispatcher::setDirectReader(client->socketDescriptor(), [&] {
                ++direct;
                got += client->readAll();
                return true;
            });
        });
        QVERIFY(set);
        QVERIFY(send("e"));
        QTRY_COMPARE_WITH_TIMEOUT(received(), QByteArray("abcde"), 5000);
        QCOMPARE(direct.load(), 3);
        t.run([&] { EpollEventDispatcher::setDirectReader(client->socketDescriptor(), nullptr); });
        QVERIFY(send("f"));
        QTRY_COMPARE_WITH_TIMEOUT(received(), QByteArray("abcdef"), 5000);
        QCOMPARE(direct.load(), 3);
        QCOMPARE(notified.load(), 3);

        // A reader that closes its socket: the loop goes on, and knows the socket no more.
        t.run([&] {
            set = EpollEventDispatcher::setDirectReader(client->socketDescriptor(), [&] {
                ++direct;
                client->abort();
                return true;
            });
        });
        QVERIFY(set);
        QVERIFY(send("g"));
        QTRY_COMPARE_WITH_TIMEOUT(direct.load(), 4, 5000);
        t.run([&] {
            set = EpollEventDispatcher::setDirectReader(client->socketDescriptor(), [] { return true; });
            delete client;
        });
        QVERIFY(!set); // no descriptor: nothing to read directly
        // Where the dispatcher is not an epoll one, nothing is set.
        QVERIFY(!EpollEventDispatcher::setDirectReader(peer->socketDescriptor(), [] { return true; }));
    }

    void aDirectReaderHearsTheCloseAfterTheLastBytes()
    {
        // A direct reader is told of each arrival once (edge-triggered) and stops at a short
        // read. Bytes and the peer's close both waiting when it reads: the close is news again,
        // or a truncated stream would wait for its stall timeout.
        QTcpServer server;
        QVERIFY(server.listen(QHostAddress::LocalHost));
        EpollThread t;
        QTcpSocket *client = nullptr;
        std::atomic<bool> eof { false };
        QByteArray got;
        bool set = false;
        t.run([&] {
            client = connectUnbuffered(server.serverPort());
            if (!client)
                return;
            set = EpollEventDispatcher::setDirectReader(client->socketDescriptor(), [&] {
                const ssize_t n = readOnce(client, got);
                if (n == 0)
                    eof = true;
                return n != 0; // the close to Qt's socket, which reports it
            });
        });
        QVERIFY(set);
        QVERIFY(server.waitForNewConnection(5000));
        std::unique_ptr<QTcpSocket> peer(server.nextPendingConnection());
        // The thread is held while the bytes and the close arrive.
        QVERIFY(t.hold());
        peer->write("xyz");
        QVERIFY(peer->waitForBytesWritten(5000));
        peer->disconnectFromHost();
        QThread::msleep(20);
        t.release();
        QTRY_VERIFY_WITH_TIMEOUT(eof.load(), 5000);
        QCOMPARE(t.copied(got), QByteArray("xyz"));
        t.run([&] { delete client; });
    }

    void aStampedSocketReadThroughQtAfterDirectReads()
    {
        // A socket set up for direct reads whose news comes through readyRead() after all (the
        // loop dropped its reader, as when Qt switches its notifier off and on): each read
        // still tells Qt's socket the bytes are gone, so its notifier stays armed and every
        // write arrives.
        QTcpServer server;
        QVERIFY(server.listen(QHostAddress::LocalHost));
        EpollThread t;
        StampedTcpSocket *client = nullptr;
        QByteArray got;
        bool connected = false;
        t.run([&] {
            client = new StampedTcpSocket;
            QObject::connect(client, &QTcpSocket::readyRead, client, [&] {
                char buffer[64];
                const StampedTcpSocket::Read read = client->readStamped(buffer, sizeof buffer);
                if (read.bytes > 0)
                    got.append(buffer, read.bytes);
            });
            client->connectToHost(QHostAddress::LocalHost, server.serverPort(),
                                  QIODevice::ReadWrite | QIODevice::Unbuffered);
            connected = client->waitForConnected(5000);
            if (connected)
                client->setReadDirectly(true); // and no reader: the news goes to readyRead()
        });
        QVERIFY(connected);
        QVERIFY(server.waitForNewConnection(5000));
        std::unique_ptr<QTcpSocket> peer(server.nextPendingConnection());
        const auto received = [&] { return t.copied(got); };
        for (const char *bytes : { "a", "b", "c" }) {
            peer->write(bytes);
            QVERIFY(peer->waitForBytesWritten(5000));
            QTRY_VERIFY_WITH_TIMEOUT(received().endsWith(bytes), 5000);
        }
        QCOMPARE(received(), QByteArray("abc"));
        t.run([&] { delete client; });
    }

    void theLagProbeIsArmedByWorkOnly()
    {
        // setLagObserver(): a 1 ms deadline after each pass that did work, its lateness told;
        // a quiet loop is not woken by it, a held one is caught late.
        EpollThread t;
        std::atomic<int> firings { 0 };
        std::atomic<qint64> maxLateNs { 0 };
        QObject owner;
        t.run([&] {
            t.dispatcher->setLagObserver(&owner, [&](qint64 lateNs) {
                ++firings;
                maxLateNs = std::max<qint64>(maxLateNs.load(), lateNs);
            });
        });
        QThread::msleep(100);
        QCOMPARE(firings.load(), 0); // nothing to do, nothing armed

        // A timer every 2 ms is work: the probe follows it, a firing for each.
        QTimer *busy = nullptr;
        t.run([&] {
            busy = new QTimer;
            busy->setTimerType(Qt::PreciseTimer);
            busy->start(2);
        });
        QThread::msleep(200);
        t.run([&] { busy->stop(); });
        const int whileBusy = firings.load();
        QCOMPARE_GE(whileBusy, 20); // ~100 on an idle machine
        QThread::msleep(100);
        QCOMPARE_LE(firings.load(), whileBusy + 1); // one more at most, then asleep

        // Handlers that hold the loop 4 ms: the probe's deadline falls inside, and is late.
        maxLateNs = 0;
        t.run([&] {
            QObject::connect(busy, &QTimer::timeout, busy, [] {
                QElapsedTimer held;
                held.start();
                while (held.nsecsElapsed() < 4'000'000) {
                }
            });
            busy->start(1);
        });
        QThread::msleep(200);
        t.run([&] {
            busy->stop();
            delete busy;
            t.dispatcher->setLagObserver(&owner, nullptr);
        });
        QCOMPARE_GE(maxLateNs.load(), 2'000'000);
        const int atRemoval = firings.load();
        t.run([&] {
            busy = new QTimer;
            busy->start(1);
        });
        QThread::msleep(50);
        t.run([&] { delete busy; });
        QCOMPARE(firings.load(), atRemoval); // removed: told nothing more
    }

    void callsRunAtTheirTimeInOrder()
    {
        // callAt(): never before its deadline, in deadline order whatever the order they were
        // given in, and one a call adds waits for its own time.
        EpollThread t;
        std::vector<std::pair<int, qint64>> ran; // which, how early (< 0) or late (ns)
        std::atomic<bool> done { false };
        t.run([&] {
            auto *loop = t.dispatcher;
            const qint64 base = EpollEventDispatcher::monotonicNowNs();
            const auto at = [&, loop](int which, qint64 offsetNs) {
                const qint64 deadline = base + offsetNs;
                loop->callAt(deadline, [&ran, &done, loop, which, deadline] {
                    ran.emplace_back(which, EpollEventDispatcher::monotonicNowNs() - deadline);
                    if (which == 2) {
                        const qint64 later = EpollEventDispatcher::monotonicNowNs() + 4'000'000; // after 3
                        loop->callAt(later, [&ran, &done, later] {
                            ran.emplace_back(4, EpollEventDispatcher::monotonicNowNs() - later);
                            done = true;
                        });
                    }
                });
            };
            at(3, 7'300'000);
            at(1, 2'300'000);
            at(2, 4'700'000);
        });
        QTRY_VERIFY_WITH_TIMEOUT(done.load(), 5000);
        t.run([] {});
        QCOMPARE(ran.size(), size_t(4));
        QCOMPARE(ran.at(0).first, 1);
        QCOMPARE(ran.at(1).first, 2);
        QCOMPARE(ran.at(2).first, 3);
        QCOMPARE(ran.at(3).first, 4);
        for (const auto &[which, late] : ran)
            QCOMPARE_GE(late, 0);
    }

    void wakeUpFromAnotherThreadIsNotLost()
    {
        // Calls posted from two threads at once, many times: none waits for a later one.
        EpollThread t;
        QObject receiver;
        receiver.moveToThread(&t.thread);
        std::atomic<int> count { 0 };
        QThread other;
        other.start();
        QObject otherContext;
        otherContext.moveToThread(&other);
        constexpr int Each = 2000;
        QMetaObject::invokeMethod(&otherContext, [&] {
            for (int i = 0; i < Each; ++i)
                QMetaObject::invokeMethod(&receiver, [&] { ++count; }, Qt::QueuedConnection);
        }, Qt::QueuedConnection);
        for (int i = 0; i < Each; ++i)
            QMetaObject::invokeMethod(&receiver, [&] { ++count; }, Qt::QueuedConnection);
        QTRY_COMPARE_WITH_TIMEOUT(count.load(), 2 * Each, 5000);
        other.quit();
        other.wait();
        t.run([] {});
        // And the loop sleeps again afterwards: a wake-up written after its pass had drained
        // the descriptor (a race of that storm) must not leave it readable, or every wait
        // would return at once. Its passes over 200 ms of nothing to do:
        std::atomic<int> passes { 0 };
        const QMetaObject::Connection counting = QObject::connect(
            t.dispatcher, &QAbstractEventDispatcher::awake, t.dispatcher, [&] { ++passes; }, Qt::DirectConnection);
        t.run([] {});
        passes = 0;
        QThread::msleep(200);
        QCOMPARE_LT(passes.load(), 20);
        QObject::disconnect(counting);
    }

    void aDirectReaderHearsEveryReportedSocketDespiteAnInterrupt()
    {
        // An interrupt taken in the middle of the sockets one wait reported (a handler's nested
        // loop ends, or quit() from elsewhere) must not drop the rest: a socket read directly
        // is watched edge-triggered and would not be reported again for bytes already there.
        QTcpServer server;
        QVERIFY(server.listen(QHostAddress::LocalHost));
        EpollThread t;
        QVERIFY(t.valid);
        constexpr int Sockets = 2;
        QTcpSocket *clients[Sockets] = {};
        QByteArray got[Sockets];
        std::atomic<bool> interruptOnce { false };
        bool set = true;
        t.run([&] {
            for (int i = 0; i < Sockets; ++i) {
                clients[i] = connectUnbuffered(server.serverPort());
                if (!clients[i]) {
                    set = false;
                    return;
                }
                set = set && EpollEventDispatcher::setDirectReader(clients[i]->socketDescriptor(), [&, i] {
                    const ssize_t n = readOnce(clients[i], got[i]);
                    if (interruptOnce.exchange(false))
                        t.dispatcher->interrupt();
                    return n != 0;
                });
            }
        });
        QVERIFY(set);
        std::unique_ptr<QTcpSocket> peers[Sockets];
        for (auto &peer : peers) {
            if (!server.hasPendingConnections())
                QVERIFY(server.waitForNewConnection(5000));
            peer.reset(server.nextPendingConnection());
            QVERIFY(peer);
        }
        const auto received = [&](int i) { return t.copied(got[i]); };
        // A first read each: edge-triggered from then on.
        for (int i = 0; i < Sockets; ++i) {
            peers[i]->write("a");
            QVERIFY(peers[i]->waitForBytesWritten(5000));
            QTRY_COMPARE_WITH_TIMEOUT(received(i), QByteArray("a"), 5000);
        }
        // Both arrive while the thread is held: one wait reports both.
        QVERIFY(t.hold());
        for (auto &peer : peers) {
            peer->write("b");
            QVERIFY(peer->waitForBytesWritten(5000));
        }
        QThread::msleep(20);
        interruptOnce = true;
        t.release();
        for (int i = 0; i < Sockets; ++i)
            QTRY_COMPARE_WITH_TIMEOUT(received(i), QByteArray("ab"), 5000);
        t.run([&] {
            for (QTcpSocket *client : clients)
                delete client;
        });
    }

    void aCloseANestedLoopHeardDuringADirectReadIsNotLost()
    {
        // The reader of a socket runs a nested loop (a listener's), whose pass gets the peer's
        // last bytes and close: the reader is out of its place then, so Qt's notifier gets the
        // news, reads the bytes and leaves the close. The reader, put back afterwards, must be
        // told of that close again (the level), or the stream would wait for its stall timeout.
        QTcpServer server;
        QVERIFY(server.listen(QHostAddress::LocalHost));
        EpollThread t;
        QVERIFY(t.valid);
        QTcpSocket *client = nullptr;
        QByteArray got;
        std::atomic<int> phase { 0 }; // 1: the next read runs the nested loop
        std::atomic<bool> nestedWaits { false };
        std::atomic<bool> closed { false };
        std::atomic<bool> eof { false };
        bool set = false;
        t.run([&] {
            client = connectUnbuffered(server.serverPort());
            if (!client)
                return;
            // What an exchange's onReadyRead() does: one read from the kernel, through Qt.
            QObject::connect(client, &QTcpSocket::readyRead, client, [&] { got += client->read(4096); });
            set = EpollEventDispatcher::setDirectReader(client->socketDescriptor(), [&] {
                const ssize_t n = readOnce(client, got);
                if (n == 0) {
                    eof = true;
                    return false; // the close to Qt's socket
                }
                if (phase.exchange(0) == 1) {
                    nestedWaits = true;
                    while (!closed)
                        QThread::usleep(200);
                    t.dispatcher->processEvents(QEventLoop::AllEvents);
                }
                return true;
            });
        });
        QVERIFY(set);
        QVERIFY(server.waitForNewConnection(5000));
        std::unique_ptr<QTcpSocket> peer(server.nextPendingConnection());
        const auto received = [&] { return t.copied(got); };
        peer->write("a");
        QVERIFY(peer->waitForBytesWritten(5000));
        QTRY_COMPARE_WITH_TIMEOUT(received(), QByteArray("a"), 5000);
        phase = 1;
        peer->write("b");
        QVERIFY(peer->waitForBytesWritten(5000));
        QTRY_VERIFY_WITH_TIMEOUT(nestedWaits.load(), 5000);
        peer->write("c");
        QVERIFY(peer->waitForBytesWritten(5000));
        peer->disconnectFromHost();
        QThread::msleep(20);
        closed = true;
        QTRY_VERIFY_WITH_TIMEOUT(eof.load(), 5000);
        QCOMPARE(received(), QByteArray("abc"));
        t.run([&] { delete client; });
    }

    void theReadsOfOneWaitAreMadeInOneBatch()
    {
        // Three stamped sockets with batched readers, bytes on all three when the loop looks:
        // the loop reads them in one io_uring submission and gives each reader its read, with
        // the kernel's receive time.
        KernelStamps stamps;
        QVERIFY2(stamps.waitUntilOn(), "the kernel never stamped a segment");
        EpollThread t;
        QVERIFY(t.valid);
        BatchedSockets sockets(t, 3);
        QVERIFY(sockets.open());
        const qint64 sentRealNs = realNowNs();
        QVERIFY(sockets.holdAndWrite({ "token 0", "token 1", "token 2" }));
        const qint64 heldUntilRealNs = realNowNs();
        t.release();
        for (int i = 0; i < 3; ++i)
            QTRY_COMPARE_WITH_TIMEOUT(sockets.log(i).got, QByteArray("token ") + QByteArray::number(i), 5000);
        if (!sockets.batching())
            QSKIP("io_uring is not available on this machine: each reader reads for itself");
        QCOMPARE(sockets.batchedReads(), quint64(3));
        for (int i = 0; i < 3; ++i) {
            const BatchLog log = sockets.log(i);
            QCOMPARE(log.taken, 1);
            QCOMPARE(log.calls, 1);
            // The time the bytes came in, not when the held thread got to them.
            QVERIFY2(log.lastStampRealNs >= sentRealNs - 1'000'000 && log.lastStampRealNs <= heldUntilRealNs,
                     qPrintable(QStringLiteral("stamp %1 ns after sending, hold ended %2 ns after")
                                    .arg(log.lastStampRealNs - sentRealNs)
                                    .arg(heldUntilRealNs - sentRealNs)));
        }
    }

    void aBatchedReadThatFillsItsBufferLeavesTheRestToTheReader()
    {
        // 100 KB on one socket (more than a batched read takes), a few bytes on the other: the
        // first reader gets a full buffer and reads the rest itself; nothing is lost or reordered.
        EpollThread t;
        QVERIFY(t.valid);
        BatchedSockets sockets(t, 2);
        QVERIFY(sockets.open());
        QByteArray big;
        for (int i = 0; big.size() < 100'000; ++i)
            big += QByteArray::number(i) + ' ';
        QVERIFY(sockets.holdAndWrite({ big, "small" }));
        t.release();
        QTRY_COMPARE_WITH_TIMEOUT(sockets.log(1).got, QByteArray("small"), 5000);
        QTRY_COMPARE_WITH_TIMEOUT(sockets.log(0).got.size(), big.size(), 5000);
        QCOMPARE(sockets.log(0).got, big);
        if (!sockets.batching())
            QSKIP("io_uring is not available on this machine: each reader reads for itself");
        QVERIFY(sockets.log(0).sawFullBuffer);
    }

    void bytesReadForAReaderThatWentShutItsSocket()
    {
        // Two sockets read in one batch; whichever reader is called first drops the other's
        // (its request ended meanwhile). The bytes already read for the other would leave a
        // hole in its stream: its socket is shut down, and its peer sees the close.
        EpollThread t;
        QVERIFY(t.valid);
        BatchedSockets sockets(t, 2);
        int first = -1;
        QVERIFY(sockets.open([&](int i) {
            auto log = sockets.logger(i);
            return [&, i, log](const EpollEventDispatcher::BatchedRead *taken) {
                if (first < 0) {
                    first = i;
                    EpollEventDispatcher::setDirectReader(sockets.client(1 - i)->socketDescriptor(), nullptr);
                }
                return log(taken);
            };
        }));
        QVERIFY(sockets.holdAndWrite({ "bytes", "bytes" }));
        t.release();
        QTRY_VERIFY_WITH_TIMEOUT(t.copied(first) >= 0, 5000);
        const int kept = t.copied(first);
        QTRY_COMPARE_WITH_TIMEOUT(sockets.log(kept).got, QByteArray("bytes"), 5000);
        if (!sockets.batching())
            QSKIP("io_uring is not available on this machine: each reader reads for itself");
        // The dropped reader never got its bytes; its socket was shut down, so its peer hears
        // the close; the kept one stays open.
        QCOMPARE(sockets.log(1 - kept).calls, 0);
        QTRY_COMPARE_WITH_TIMEOUT(sockets.peer(1 - kept)->state(), QAbstractSocket::UnconnectedState, 5000);
        QCOMPARE(sockets.peer(kept)->state(), QAbstractSocket::ConnectedState);
    }

    void aReadANestedPassFindsComesBeforeItsLaterBytes()
    {
        // One wait reports A and B; the batch reads "1" for each. A's reader runs a nested loop
        // (a listener's), in which "2" arrives on B: the nested pass must hand B the outer
        // read first, then B reads on, so B's stream is "12", never "21".
        EpollThread t;
        QVERIFY(t.valid);
        BatchedSockets sockets(t, 2);
        std::atomic<int> nestedFor { -1 }; // the socket whose reader runs the nested loop
        QVERIFY(sockets.open([&](int i) {
            auto log = sockets.logger(i);
            return [&, i, log](const EpollEventDispatcher::BatchedRead *taken) {
                const bool read = log(taken);
                int none = -1;
                if (taken && nestedFor.compare_exchange_strong(none, i)) {
                    // The other socket gets "2" now; passes run until its reader has it.
                    QElapsedTimer waited;
                    waited.start();
                    while (!sockets.logs[1 - i].got.contains('2') && waited.elapsed() < 5000)
                        t.dispatcher->processEvents(QEventLoop::AllEvents);
                }
                return read;
            };
        }));
        QVERIFY(sockets.holdAndWrite({ "1", "1" }));
        t.release();
        QTRY_VERIFY_WITH_TIMEOUT(nestedFor.load() >= 0, 5000);
        const int other = 1 - nestedFor.load();
        sockets.peer(other)->write("2");
        QVERIFY(sockets.peer(other)->waitForBytesWritten(5000));
        QTRY_COMPARE_WITH_TIMEOUT(sockets.log(other).got, QByteArray("12"), 5000);
        QTRY_COMPARE_WITH_TIMEOUT(sockets.log(1 - other).got, QByteArray("1"), 5000);
        if (!sockets.batching())
            QSKIP("io_uring is not available on this machine: each reader reads for itself");
        QCOMPARE(sockets.log(other).taken, 1);
    }

    void bytesAReaderDeclinesShutItsSocket()
    {
        // A reader that no longer reads there declines the batch's read of its socket: those
        // bytes are gone from the kernel, so the socket is shut down rather than left to Qt's
        // notifier to read on after the hole.
        EpollThread t;
        QVERIFY(t.valid);
        BatchedSockets sockets(t, 2);
        QVERIFY(sockets.open([&](int i) {
            auto log = sockets.logger(i);
            return [i, log](const EpollEventDispatcher::BatchedRead *taken) {
                return i == 0 ? log(taken) : false; // socket 1's reader declines
            };
        }));
        QVERIFY(sockets.holdAndWrite({ "bytes", "bytes" }));
        t.release();
        QTRY_COMPARE_WITH_TIMEOUT(sockets.log(0).got, QByteArray("bytes"), 5000);
        if (!sockets.batching())
            QSKIP("io_uring is not available on this machine: each reader reads for itself");
        QTRY_COMPARE_WITH_TIMEOUT(sockets.peer(1)->state(), QAbstractSocket::UnconnectedState, 5000);
        QCOMPARE(sockets.peer(0)->state(), QAbstractSocket::ConnectedState);
    }

    void aBatchedReadWithoutAReceiveTimeGetsNone()
    {
        // Two batches on the same buffers: the first with receive times, the second after the
        // sockets stopped asking for them. The second's reads must not carry the first's.
        KernelStamps stamps;
        QVERIFY2(stamps.waitUntilOn(), "the kernel never stamped a segment");
        EpollThread t;
        QVERIFY(t.valid);
        BatchedSockets sockets(t, 2);
        QVERIFY(sockets.open());
        QVERIFY(sockets.holdAndWrite({ "a", "a" }));
        t.release();
        for (int i = 0; i < 2; ++i)
            QTRY_COMPARE_WITH_TIMEOUT(sockets.log(i).got, QByteArray("a"), 5000);
        if (!sockets.batching())
            QSKIP("io_uring is not available on this machine: each reader reads for itself");
        for (int i = 0; i < 2; ++i)
            QVERIFY(sockets.log(i).lastStampRealNs > 0);
        t.run([&] {
            const int off = 0;
            for (int i = 0; i < 2; ++i) {
                ::setsockopt(int(sockets.client(i)->socketDescriptor()), SOL_SOCKET, SO_TIMESTAMPNS, &off, sizeof off);
                sockets.logs[i].lastStampRealNs = 0;
            }
        });
        QVERIFY(sockets.holdAndWrite({ "b", "b" }));
        t.release();
        for (int i = 0; i < 2; ++i)
            QTRY_COMPARE_WITH_TIMEOUT(sockets.log(i).got, QByteArray("ab"), 5000);
        for (int i = 0; i < 2; ++i) {
            const BatchLog log = sockets.log(i);
            QCOMPARE(log.taken, 2);
            QCOMPARE(log.lastStampRealNs, qint64(0));
        }
    }

    void aLoopThatCannotMakeItsRingReadsAsBefore()
    {
        // No descriptor left for the ring (as where io_uring is refused): the loop reads each
        // socket on its own, and giving up on the ring closes nothing of anyone else's (a
        // ring that was never made has no descriptor: fd 0 must stay open).
        if (::fcntl(0, F_GETFD) < 0)
            QVERIFY(::open("/dev/null", O_RDONLY) == 0);
        EpollThread t;
        QVERIFY(t.valid);
        BatchedSockets sockets(t, 2);
        QVERIFY(sockets.open());
        QVERIFY(sockets.holdAndWrite({ "x", "x" }));
        // Every descriptor taken, under a lowered limit, while the loop is held.
        rlimit limit {};
        QVERIFY(::getrlimit(RLIMIT_NOFILE, &limit) == 0);
        const rlimit before = limit;
        int highest = 0;
        for (int fd = 0; fd < 4096; ++fd) {
            if (::fcntl(fd, F_GETFD) >= 0)
                highest = fd;
        }
        limit.rlim_cur = rlim_t(highest + 8);
        QVERIFY(::setrlimit(RLIMIT_NOFILE, &limit) == 0);
        std::vector<int> fillers;
        for (int fd; (fd = ::open("/dev/null", O_RDONLY)) >= 0;)
            fillers.push_back(fd);
        const bool exhausted = errno == EMFILE;
        t.release();
        bool read = true;
        for (int i = 0; i < 2; ++i) {
            QElapsedTimer waited;
            waited.start();
            while (sockets.log(i).got != "x" && waited.elapsed() < 5000)
                QThread::msleep(5);
            read = read && sockets.log(i).got == "x";
        }
        const bool stdinOpen = ::fcntl(0, F_GETFD) >= 0;
        for (const int fd : fillers)
            ::close(fd);
        QVERIFY(::setrlimit(RLIMIT_NOFILE, &before) == 0);
        QVERIFY(exhausted);
        QVERIFY(read);
        QVERIFY2(stdinOpen, "giving up on the ring closed descriptor 0");
        QVERIFY(!sockets.batching());
        QCOMPARE(sockets.batchedReads(), quint64(0));
    }

    void withoutIoUringEachReaderReadsForItself()
    {
        // TOKENSCOPE_IO_URING=0: no batch; the same readers get null and read on their own.
        qputenv("TOKENSCOPE_IO_URING", "0");
        EpollThread t;
        qunsetenv("TOKENSCOPE_IO_URING");
        QVERIFY(t.valid);
        BatchedSockets sockets(t, 2);
        QVERIFY(sockets.open());
        QVERIFY(sockets.holdAndWrite({ "x", "x" }));
        t.release();
        for (int i = 0; i < 2; ++i)
            QTRY_COMPARE_WITH_TIMEOUT(sockets.log(i).got, QByteArray("x"), 5000);
        QCOMPARE(sockets.batchedReads(), quint64(0));
        QVERIFY(!sockets.batching());
        for (int i = 0; i < 2; ++i)
            QCOMPARE(sockets.log(i).taken, 0);
    }
};

QTEST_GUILESS_MAIN(TestEpollDispatcher)
#include "tst_epolldispatcher.moc"
