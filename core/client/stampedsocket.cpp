#include "stampedsocket.h"

#include <cerrno>
#include <cstring>
#include <ctime>

#ifdef Q_OS_LINUX
#include <sys/socket.h>
#include <sys/uio.h>
#endif

bool StampedTcpSocket::enableStamps()
{
#if defined(Q_OS_LINUX) && defined(SO_TIMESTAMPNS)
    const int one = 1;
    const int fd = int(socketDescriptor());
    m_stamps = fd >= 0 && ::setsockopt(fd, SOL_SOCKET, SO_TIMESTAMPNS, &one, sizeof one) == 0;
#endif
    return m_stamps;
}

void StampedTcpSocket::setReadDirectly(bool direct)
{
    m_directFd = direct ? int(socketDescriptor()) : -1;
}

qint64 StampedTcpSocket::receiveTimeOf(const msghdr &message)
{
    qint64 stampRealNs = -1;
#if defined(Q_OS_LINUX) && defined(SO_TIMESTAMPNS)
    auto &header = const_cast<msghdr &>(message); // CMSG_NXTHDR takes it non-const, reads only
    for (cmsghdr *c = CMSG_FIRSTHDR(&header); c; c = CMSG_NXTHDR(&header, c)) {
        if (c->cmsg_level == SOL_SOCKET && c->cmsg_type == SCM_TIMESTAMPNS
            && c->cmsg_len >= CMSG_LEN(sizeof(timespec))) {
            timespec ts {};
            std::memcpy(&ts, CMSG_DATA(c), sizeof ts);
            if (ts.tv_sec > 0)
                stampRealNs = qint64(ts.tv_sec) * 1'000'000'000 + ts.tv_nsec;
        }
    }
#else
    Q_UNUSED(message);
#endif
    return stampRealNs;
}

qint64 StampedTcpSocket::realNowNs()
{
    timespec ts {};
    clock_gettime(CLOCK_REALTIME, &ts);
    return qint64(ts.tv_sec) * 1'000'000'000 + ts.tv_nsec;
}

StampedTcpSocket::Read StampedTcpSocket::readStamped(char *data, qint64 maxSize, bool direct)
{
    Read result;
#if defined(Q_OS_LINUX) && defined(SO_TIMESTAMPNS)
    // Read directly, the socket is connected (its loop calls only while it watches it); else
    // Qt's socket is asked.
    direct = direct && m_directFd >= 0;
    const int fd = direct ? m_directFd : int(socketDescriptor());
    if (fd < 0 || (!direct && state() != ConnectedState)) {
        result.bytes = -1;
        return result;
    }
    iovec io { data, size_t(maxSize) };
    alignas(cmsghdr) char control[CMSG_SPACE(sizeof(timespec))];
    msghdr message {};
    message.msg_iov = &io;
    message.msg_iovlen = 1;
    message.msg_control = m_stamps ? control : nullptr;
    message.msg_controllen = m_stamps ? sizeof control : 0;
    ssize_t n = -1;
    do {
        n = ::recvmsg(fd, &message, MSG_DONTWAIT);
    } while (n < 0 && errno == EINTR);
    if (n == 0 || (n < 0 && errno != EAGAIN && errno != EWOULDBLOCK)) {
        // The peer's close or an error: read() meets it again and reports it as Qt does.
        result.bytes = -1;
        return result;
    }
    result.bytes = n > 0 ? n : 0;
    if (m_stamps && n > 0)
        result.stampRealNs = receiveTimeOf(message);
    // What an unbuffered read() does after the kernel's: the data is taken, so the socket's
    // next read notification is news again (a read of 0 bytes makes no system call). Read
    // directly, Qt's socket never heard of the news.
    if (!direct)
        QTcpSocket::readData(nullptr, 0);
#else
    result.bytes = read(data, maxSize);
#endif
    return result;
}
