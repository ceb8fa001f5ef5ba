#include "clientlagprobe.h"

#include "client/epolleventdispatcher.h"
#include "common/clock.h"

#include <QThread>
#include <QTimer>

#include <algorithm>
#include <cmath>
#include <ctime>
#include <limits>

namespace {
constexpr int IntervalMs = 1;
constexpr qint64 IntervalNs = qint64(IntervalMs) * 1'000'000;
constexpr qint64 BucketNs = 5'000;
constexpr size_t BucketCount = 10'000; ///< up to 50 ms
} // namespace

ClientLagProbe::ClientLagProbe(const Clock *clock, QObject *parent)
    : QObject(parent)
    , m_clock(clock)
    , m_timer(new QTimer(this))
{
    m_timer->setSingleShot(true);
    m_timer->setTimerType(Qt::PreciseTimer);
    connect(m_timer, &QTimer::timeout, this, &ClientLagProbe::fired);
}

ClientLagProbe::~ClientLagProbe()
{
    if (m_loop)
        m_loop->setLagObserver(this, nullptr);
}

double ClientLagProbe::threadCpuSeconds()
{
#if defined(CLOCK_THREAD_CPUTIME_ID)
    timespec ts {};
    if (clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts) == 0)
        return double(ts.tv_sec) + double(ts.tv_nsec) / 1e9;
#endif
    return 0;
}

void ClientLagProbe::start()
{
    m_buckets.assign(BucketCount, 0);
    m_longLagsMs.clear();
    m_count = 0;
    m_sumMs = 0;
    m_maxMs = 0;
    m_running = true;
    m_startedNs = m_clock->nowNs();
    m_cpuAtStart = threadCpuSeconds();
    m_armedNs = m_startedNs;
    // On an epoll loop the loop keeps the probe's deadline, armed by its own work (no wake-ups
    // of the probe's own); elsewhere a 1 ms timer of ours, always armed.
    m_loop = qobject_cast<EpollEventDispatcher *>(QAbstractEventDispatcher::instance());
    if (m_loop)
        m_loop->setLagObserver(this, [this](qint64 lateNs) { addLag(double(lateNs) / 1e6); });
    else
        m_timer->start(IntervalMs);
}

void ClientLagProbe::stop()
{
    if (!m_running)
        return;
    m_timer->stop();
    if (m_loop)
        m_loop->setLagObserver(this, nullptr);
    m_loop = nullptr;
    m_running = false;
    m_stoppedNs = m_clock->nowNs();
    m_cpuAtStop = threadCpuSeconds();
}

void ClientLagProbe::fired()
{
    const qint64 now = m_clock->nowNs();
    addLag(double(std::max<qint64>(0, now - m_armedNs - IntervalNs)) / 1e6);
    m_armedNs = now;
    m_timer->start(IntervalMs);
}

void ClientLagProbe::addLag(double lagMs)
{
    if (m_buckets.size() != BucketCount)
        m_buckets.assign(BucketCount, 0);
    lagMs = std::max(0.0, lagMs);
    const auto bucket = size_t(lagMs * 1e6 / double(BucketNs));
    if (bucket < BucketCount)
        ++m_buckets[bucket];
    else
        m_longLagsMs.push_back(lagMs);
    ++m_count;
    m_sumMs += lagMs;
    m_maxMs = std::max(m_maxMs, lagMs);
}

ClientOverhead ClientLagProbe::overhead() const
{
    ClientOverhead o;
    if (m_count > 0) {
        Distribution &d = o.lagMs;
        d.count = int(std::min<quint64>(m_count, quint64(std::numeric_limits<int>::max())));
        d.mean = m_sumMs / double(m_count);
        d.max = m_maxMs;
        std::vector<double> longLags = m_longLagsMs;
        std::sort(longLags.begin(), longLags.end());
        // The value of rank k (0-based): a bucket's middle, or a long lag as it was.
        const auto at = [&](quint64 k) {
            quint64 seen = 0;
            for (size_t b = 0; b < m_buckets.size(); ++b) {
                seen += m_buckets[b];
                if (k < seen)
                    return std::min(m_maxMs, (double(b) + 0.5) * double(BucketNs) / 1e6);
            }
            const quint64 i = k - seen;
            return i < longLags.size() ? longLags[size_t(i)] : m_maxMs;
        };
        const auto percentile = [&](double q) {
            return at(quint64(std::llround(q / 100.0 * double(m_count - 1))));
        };
        d.min = at(0);
        d.p50 = percentile(50);
        d.p90 = percentile(90);
        d.p95 = percentile(95);
        d.p99 = percentile(99);
    }
    const qint64 end = m_running ? m_clock->nowNs() : m_stoppedNs;
    o.wallSeconds = double(std::max<qint64>(0, end - m_startedNs)) / 1e9;
    o.cpuSeconds = std::max(0.0, (m_running ? threadCpuSeconds() : m_cpuAtStop) - m_cpuAtStart);
    o.ioThreads = 1;
    return o;
}

void ClientLagProbe::addTo(ClientLagProbe &total) const
{
    if (total.m_buckets.size() != BucketCount)
        total.m_buckets.assign(BucketCount, 0);
    for (size_t b = 0; b < m_buckets.size() && b < BucketCount; ++b)
        total.m_buckets[b] += m_buckets[b];
    total.m_longLagsMs.insert(total.m_longLagsMs.end(), m_longLagsMs.begin(), m_longLagsMs.end());
    total.m_count += m_count;
    total.m_sumMs += m_sumMs;
    total.m_maxMs = std::max(total.m_maxMs, m_maxMs);
    const qint64 end = m_running ? m_clock->nowNs() : m_stoppedNs;
    total.m_startedNs = std::min(total.m_startedNs, m_startedNs);
    total.m_stoppedNs = std::max(total.m_stoppedNs, end);
    // This thread's CPU clock can only be read here.
    total.m_cpuAtStop += std::max(0.0, (m_running ? threadCpuSeconds() : m_cpuAtStop) - m_cpuAtStart);
}

ClientOverhead ClientLagProbe::combined(const QList<ClientLagProbe *> &probes)
{
    if (probes.size() == 1 && probes.constFirst()->thread() == QThread::currentThread())
        return probes.constFirst()->overhead();
    if (probes.isEmpty())
        return {};
    ClientLagProbe total(probes.constFirst()->m_clock);
    total.m_startedNs = std::numeric_limits<qint64>::max();
    total.m_stoppedNs = 0;
    for (ClientLagProbe *probe : probes) {
        if (probe->thread() == QThread::currentThread())
            probe->addTo(total);
        else
            QMetaObject::invokeMethod(probe, [probe, &total] { probe->addTo(total); }, Qt::BlockingQueuedConnection);
    }
    if (total.m_startedNs > total.m_stoppedNs)
        total.m_startedNs = total.m_stoppedNs;
    ClientOverhead o = total.overhead();
    o.ioThreads = int(probes.size());
    return o;
}
