#include "iothreads.h"

#include "connectionpool.h"
#include "epolleventdispatcher.h"

#include <QThread>

namespace {
constexpr qint64 GatherWindowNs = 1'000'000;
} // namespace

IoThreads::IoThreads(int count, QObject *receiver, const ExchangeRelay::Apply &apply)
{
    count = qMax(1, count);
    m_workers.reserve(size_t(count));
    for (int i = 0; i < count; ++i) {
        Worker worker;
        worker.thread = new QThread;
        worker.thread->setObjectName(QStringLiteral("tokenscope-io-%1").arg(i + 1));
        // Null where the OS has no epoll: the thread then makes Qt's usual dispatcher.
        if (QAbstractEventDispatcher *dispatcher = EpollEventDispatcher::create()) {
            // A busy thread reads every 1 ms at most (the lag probe's period): plain sockets'
            // tokens keep the kernel's receive times, and one wake-up serves many streams.
            static_cast<EpollEventDispatcher *>(dispatcher)->setGatherWindow(GatherWindowNs);
            worker.thread->setEventDispatcher(dispatcher);
        }
        worker.pool = new ConnectionPool;
        worker.relay = new ExchangeRelay(receiver, apply);
        worker.pool->moveToThread(worker.thread);
        worker.relay->moveToThread(worker.thread);
        // Deleted in their thread, as it ends (QThread sends its deferred deletes then).
        QObject::connect(worker.thread, &QThread::finished, worker.pool, &QObject::deleteLater);
        QObject::connect(worker.thread, &QThread::finished, worker.relay, &QObject::deleteLater);
        worker.thread->start();
        m_workers.push_back(worker);
    }
}

IoThreads::~IoThreads()
{
    for (const Worker &worker : m_workers)
        worker.thread->quit();
    for (const Worker &worker : m_workers) {
        worker.thread->wait();
        delete worker.thread;
    }
}

QList<QThread *> IoThreads::threads() const
{
    QList<QThread *> list;
    for (const Worker &worker : m_workers)
        list.append(worker.thread);
    return list;
}

void IoThreads::closeIdleConnections()
{
    for (const Worker &worker : m_workers) {
        ConnectionPool *pool = worker.pool;
        QMetaObject::invokeMethod(pool, [pool] { pool->clear(); }, Qt::BlockingQueuedConnection);
    }
}

int IoThreads::defaultCount()
{
    return qMax(1, QThread::idealThreadCount());
}
