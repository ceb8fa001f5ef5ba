#pragma once

#include "exchangerelay.h"

#include <QList>

#include <vector>

class ConnectionPool;
class QThread;

/*!
 * \brief The threads a StreamingClient's connections live on, each with its own event loop.
 *
 * Each thread has an epoll event dispatcher (EpollEventDispatcher, where the OS has epoll),
 * its own pool of keep-alive connections and a relay that sends its requests' news to the
 * client's thread in batches. StreamingClient chooses the thread of each request (one with an
 * idle connection to reuse, else the least busy); a request stays on its thread from the
 * connect to the last byte, so its timestamps are taken where its bytes are read.
 */
class IoThreads
{
public:
    /// Starts \a count threads (at least 1); their relays deliver to \a receiver with \a apply.
    IoThreads(int count, QObject *receiver, const ExchangeRelay::Apply &apply);
    /// Stops the threads. Every exchange on them must be gone or handed to deleteLater().
    ~IoThreads();
    IoThreads(const IoThreads &) = delete;
    IoThreads &operator=(const IoThreads &) = delete;

    int count() const { return int(m_workers.size()); }
    QThread *thread(int i) const { return m_workers.at(size_t(i)).thread; }
    ConnectionPool *pool(int i) const { return m_workers.at(size_t(i)).pool; }
    ExchangeRelay *relay(int i) const { return m_workers.at(size_t(i)).relay; }
    QList<QThread *> threads() const;
    /// Closes the idle connections of every thread (waits for each).
    void closeIdleConnections();

    /// The default thread count: the number of cores.
    static int defaultCount();

private:
    struct Worker
    {
        QThread *thread = nullptr;
        ConnectionPool *pool = nullptr;
        ExchangeRelay *relay = nullptr;
    };
    std::vector<Worker> m_workers;
};
