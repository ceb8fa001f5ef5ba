#pragma once

#include "sim/latencymodel.h"

#include <chrono>
#include <random>

// The simulator's own types live in Sim:: so that none can collide with the client's
// (a GenerationRequest or ServerTimings here is not the one in core/protocol).
namespace Sim {

/*!
 * \brief Draws the jittered phase durations of a LatencyModel from a seeded generator.
 *
 * One sampler per endpoint, so a run against the same seed sees the same sequence of
 * delays (given the same order of requests).
 */
class LatencySampler
{
public:
    explicit LatencySampler(const LatencyModel &model = {});

    void setModel(const LatencyModel &model);
    const LatencyModel &model() const { return m_model; }

    /// A factor in [1 - jitter, 1 + jitter] (exactly 1 when jitter is 0).
    double factor();
    /// \a meanMs with jitter, never negative.
    double jittered(double meanMs);
    /// Mean duration of one decode step while \a decoding streams are decoded together.
    double stepMs(int decoding) const;
    /// A uniform value in [0, 1) from the fault generator (separate stream from the delays).
    double faultDraw();
    /// A uniform value in [0, 1) for output lengths (early stops): a third stream, so that
    /// turning early stops on shifts neither the delays nor the faults.
    double lengthDraw();

    static std::chrono::milliseconds toTimer(double ms);

private:
    static double unit(std::mt19937_64 &rng);

    LatencyModel m_model;
    std::mt19937_64 m_delays;
    std::mt19937_64 m_faults;
    std::mt19937_64 m_lengths;
};

} // namespace Sim
