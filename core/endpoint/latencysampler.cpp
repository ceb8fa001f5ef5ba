#include "latencysampler.h"

#include <algorithm>
#include <cmath>

namespace Sim {

LatencySampler::LatencySampler(const LatencyModel &model)
{
    setModel(model);
}

void LatencySampler::setModel(const LatencyModel &model)
{
    m_model = model;
    m_delays.seed(model.seed);
    // A different stream for faults, so that enabling a fault does not shift every delay.
    m_faults.seed(model.seed ^ 0x9E3779B97F4A7C15ULL);
    m_lengths.seed(model.seed ^ 0xC2B2AE3D27D4EB4FULL);
}

double LatencySampler::unit(std::mt19937_64 &rng)
{
    // 53 random bits -> [0, 1); avoids std distributions, whose output differs per library.
    return double(rng() >> 11) * (1.0 / 9007199254740992.0);
}

double LatencySampler::factor()
{
    const double jitter = std::clamp(m_model.jitter, 0.0, 1.0);
    if (jitter == 0)
        return 1.0;
    return 1.0 + jitter * (2.0 * unit(m_delays) - 1.0);
}

double LatencySampler::jittered(double meanMs)
{
    return std::max(0.0, meanMs * factor());
}

double LatencySampler::stepMs(int decoding) const
{
    const int n = std::max(1, decoding);
    return m_model.generationMsPerToken * (1.0 + std::max(0.0, m_model.batchSlowdown) * (n - 1));
}

double LatencySampler::faultDraw()
{
    return unit(m_faults);
}

double LatencySampler::lengthDraw()
{
    return unit(m_lengths);
}

std::chrono::milliseconds LatencySampler::toTimer(double ms)
{
    return std::chrono::milliseconds(std::llround(std::max(0.0, ms)));
}

} // namespace Sim
