#include "connectionpool.h"

ConnectionPool::ConnectionPool(QObject *parent)
    : QObject(parent)
{
}

ConnectionPool::~ConnectionPool()
{
    clear();
}

std::unique_ptr<QTcpSocket> ConnectionPool::take(const QString &key)
{
    auto it = m_idle.find(key);
    while (it != m_idle.end() && !it->isEmpty()) {
        QTcpSocket *socket = it->takeLast();
        socket->disconnect(this);
        socket->setParent(nullptr);
        // A server may have closed the connection while it was parked; bytes waiting on an
        // idle HTTP/1.1 connection are garbage too.
        if (socket->state() == QAbstractSocket::ConnectedState && socket->bytesAvailable() == 0)
            return std::unique_ptr<QTcpSocket>(socket);
        socket->abort();
        delete socket;
    }
    return {};
}

void ConnectionPool::giveBack(const QString &key, std::unique_ptr<QTcpSocket> socket)
{
    if (!socket || socket->state() != QAbstractSocket::ConnectedState)
        return;
    QTcpSocket *raw = socket.release();
    raw->setParent(this);
    connect(raw, &QAbstractSocket::disconnected, this, [this, raw] { drop(raw); });
    connect(raw, &QIODevice::readyRead, this, [this, raw] { drop(raw); });
    m_idle[key].append(raw);
}

void ConnectionPool::drop(QTcpSocket *socket)
{
    for (auto &list : m_idle) {
        if (list.removeOne(socket)) {
            socket->disconnect(this);
            socket->abort();
            socket->deleteLater();
            return;
        }
    }
}

void ConnectionPool::clear()
{
    for (auto &list : m_idle) {
        for (QTcpSocket *socket : std::as_const(list)) {
            socket->disconnect(this);
            socket->abort();
            delete socket;
        }
    }
    m_idle.clear();
}

int ConnectionPool::idleCount() const
{
    int n = 0;
    for (const auto &list : m_idle)
        n += int(list.size());
    return n;
}
