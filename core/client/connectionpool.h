#pragma once

#include <QHash>
#include <QList>
#include <QObject>
#include <QPointer>
#include <QTcpSocket>

#include <memory>

/*!
 * \brief Idle keep-alive connections, by scheme/host/port/TLS mode.
 *
 * Unlike QNetworkAccessManager (six connections per host in Qt 6.4), the pool never limits
 * how many connections are open: a run at concurrency 500 has 500 of them.
 */
class ConnectionPool : public QObject
{
    Q_OBJECT
public:
    explicit ConnectionPool(QObject *parent = nullptr);
    ~ConnectionPool() override;

    /// An idle, still connected socket for \a key, or null. The caller owns it.
    std::unique_ptr<QTcpSocket> take(const QString &key);
    /// Parks a socket whose response was read completely.
    void giveBack(const QString &key, std::unique_ptr<QTcpSocket> socket);
    void clear();
    int idleCount() const;

private:
    void drop(QTcpSocket *socket);

    QHash<QString, QList<QTcpSocket *>> m_idle;
};
