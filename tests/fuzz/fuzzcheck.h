#pragma once

// Shared by the harnesses: an invariant check that stays on in release builds (Q_ASSERT does
// not), and a tiny deterministic generator that turns input bytes into read sizes.

#include <cstdint>
#include <cstdio>
#include <cstdlib>

#define FUZZ_CHECK(condition)                                                                  \
    do {                                                                                       \
        if (!(condition)) {                                                                    \
            std::fprintf(stderr, "%s:%d: invariant failed: %s\n", __FILE__, __LINE__,          \
                         #condition);                                                          \
            std::abort();                                                                      \
        }                                                                                      \
    } while (false)

namespace Fuzz {

/// Read sizes for splitting a body, derived from a 16-bit seed taken from the input itself,
/// so that a crash file replays the same splits. Mostly small reads (1..16 bytes, where
/// boundary bugs live), now and then a large one.
class Splitter
{
public:
    explicit Splitter(std::uint16_t seed) : m_state(seed * 2654435761u + 1u) {}

    std::size_t next()
    {
        m_state = m_state * 1103515245u + 12345u;
        const std::uint32_t r = m_state >> 8;
        return (r & 7u) == 0 ? 1 + (r >> 3) % 4096 : 1 + (r >> 3) % 16;
    }

private:
    std::uint32_t m_state;
};

} // namespace Fuzz
