#pragma once

#include <QElapsedTimer>
#include <QtGlobal>

/*!
 * \brief The one monotonic clock of TokenScope, in integer nanoseconds.
 *
 * Every timestamp in a trace comes from here. Tests swap in a ManualClock so that
 * timeouts, TTLs and schedules are deterministic.
 */
class Clock
{
public:
    virtual ~Clock() = default;
    /// Nanoseconds since an arbitrary fixed origin (monotonic).
    virtual qint64 nowNs() const = 0;

    /// The process-wide steady clock.
    static Clock *system();
};

/// \brief A clock that only moves when told to (for tests).
class ManualClock final : public Clock
{
public:
    qint64 nowNs() const override { return m_now; }
    void advanceNs(qint64 ns) { m_now += ns; }
    void setNs(qint64 ns) { m_now = ns; }

private:
    qint64 m_now = 0;
};

namespace Time {
constexpr double nsToMs(qint64 ns)
{
    return double(ns) / 1e6;
}
constexpr qint64 msToNs(double ms)
{
    return qint64(ms * 1e6);
}
} // namespace Time
