#pragma once

#include <QTcpSocket>

struct msghdr;

/*!
 * \brief A plain TCP socket whose reads say when the kernel received their bytes.
 *
 * The kernel stamps each segment as it arrives (SO_TIMESTAMPNS), before any thread of ours
 * runs; a read returns the stamp of the latest segment it took. So a token's arrival time does
 * not depend on how soon the reading thread got to it: a thread that was descheduled, or that
 * had a hundred other sockets to serve first, still records when each byte came.
 *
 * Opened unbuffered, and read only through readStamped() (never read()): it takes the bytes
 * with one recvmsg() and then tells QAbstractSocket they are gone, so that its read notifier
 * stays armed. Where the kernel cannot stamp, reads carry no stamp and the caller uses its own
 * clock.
 */
class StampedTcpSocket final : public QTcpSocket
{
public:
    using QTcpSocket::QTcpSocket;

    /// Asks the kernel to stamp this connection's segments (once connected). False if it can't.
    bool enableStamps();
    bool stampsEnabled() const { return m_stamps; }

    struct Read
    {
        /// > 0: bytes read; 0: nothing to read now; -1: the end or an error, which a plain
        /// read() then reports (the caller falls back to it).
        qint64 bytes = 0;
        /// When the kernel received the last of these bytes, CLOCK_REALTIME ns; -1: no stamp.
        qint64 stampRealNs = -1;
    };
    /// \a direct: called by the owner's direct reader (EpollEventDispatcher::setDirectReader()),
    /// which the loop calls only while it watches the socket, connected: Qt's socket never
    /// heard of that news, so it is neither asked nor told the bytes are gone.
    Read readStamped(char *data, qint64 maxSize, bool direct = false);

    /// Keeps the descriptor for direct reads (set with the reader, cleared with it).
    void setReadDirectly(bool direct);

    /// CLOCK_REALTIME now, in ns (the clock the kernel's stamps are on).
    static qint64 realNowNs();
    /// The kernel's receive time in the control data of a recvmsg() (SCM_TIMESTAMPNS),
    /// CLOCK_REALTIME ns; -1 when it has none. Also for reads made elsewhere (the I/O loop's
    /// batched reads).
    static qint64 receiveTimeOf(const msghdr &message);

private:
    bool m_stamps = false;
    int m_directFd = -1; ///< the descriptor while read directly, else -1 (ask Qt's socket)
};
