#include "clock.h"

namespace {
class SteadyClock final : public Clock
{
public:
    SteadyClock() { m_timer.start(); }
    qint64 nowNs() const override { return m_timer.nsecsElapsed(); }

private:
    QElapsedTimer m_timer;
};
} // namespace

Clock *Clock::system()
{
    static SteadyClock clock;
    return &clock;
}
