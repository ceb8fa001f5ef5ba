#pragma once

#include "requestmetrics.h"

#include <QString>

#include <optional>

/// \brief A span of milliseconds, both ends included.
struct PhaseRange
{
    double minMs = 0;
    double maxMs = 0;

    bool contains(double ms) const { return ms >= minMs && ms <= maxMs; }
};

/// \brief Where a measured phase sits against its typical range.
enum class RangeVerdict {
    Below,
    Within,
    Above,
    NoRange, ///< the phase has no fixed range (generation grows with the output tokens)
};

/*
 * The typical range of each phase is the commonly claimed figure for a production LLM
 * endpoint: network 50–200 ms, prompt processing 100–500 ms, inference 500–5,000 ms,
 * generation linear in the output tokens, post-processing 10–50 ms. TokenScope shows it
 * beside what it measured; it is a claim to compare against, not a target.
 */
namespace Phases {
/// The typical range of \a phase; none for Generation, which is linear in the output tokens.
std::optional<PhaseRange> typicalRange(Phase phase);
/// "50–200 ms", or for Generation "linear in output tokens" (translatable).
QString typicalRangeText(Phase phase);
/// Below / within / above the typical range (ends included); NoRange for Generation.
RangeVerdict verdict(Phase phase, double ms);
/// "below", "within", "above", "none": stable keys for files and scripts.
QString verdictKey(RangeVerdict verdict);
/// "below typical range", "within typical range", "above typical range", "no fixed range".
QString verdictLabel(RangeVerdict verdict);
/// "▼", "✓", "▲", or empty for NoRange: the mark drawn on a phase's segment.
QString verdictSymbol(RangeVerdict verdict);
} // namespace Phases
