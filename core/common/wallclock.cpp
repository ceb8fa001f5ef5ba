#include "wallclock.h"

#include <ctime>

#if defined(Q_OS_LINUX)
#include <sys/timex.h>
#endif

qint64 WallClock::nowNs()
{
    timespec ts {};
    clock_gettime(CLOCK_REALTIME, &ts);
    return qint64(ts.tv_sec) * 1'000'000'000 + ts.tv_nsec;
}

WallClock::SyncState WallClock::syncState()
{
    SyncState s;
#if defined(Q_OS_LINUX)
    timex tx {};
    // modes = 0: a read, allowed without privileges and inside containers.
    const int state = adjtimex(&tx);
    if (state >= 0) {
        s.synchronized = state != TIME_ERROR && !(tx.status & STA_UNSYNC);
        s.maxErrorMs = double(tx.maxerror) / 1000.0; // µs
    }
#endif
    return s;
}
