#pragma once

#include <QList>
#include <QString>
#include <QStringList>
#include <QStringView>
#include <QtGlobal>

#include <optional>

/*!
 * \brief The latency model of the embedded endpoint: the typical five phases.
 *
 * Every figure is a mean; jitter multiplies each one by a seeded factor in
 * [1 - jitter, 1 + jitter]. The embedded endpoint draws its delays from it, and the offline
 * simulators (the cache's priced misses) take its means.
 */
struct LatencyModel
{
    double networkMs = 60; ///< added before the response headers (both directions)
    double promptMsPerToken = 0.5; ///< prompt processing (prefill), per prompt token
    /// Prompt processing's fixed part (tokenising, queueing the prefill), added to the per-token part.
    double promptFixedMs = 0;
    double inferenceMs = 250; ///< fixed work before the first token (scheduling, first step)
    double generationMsPerToken = 20; ///< one decode step with a single stream
    double postprocessMs = 20; ///< after the last token, before the stream ends
    /// Continuous batching: a decode step takes generationMsPerToken * (1 + batchSlowdown * (n - 1))
    /// when n streams are being decoded at once.
    double batchSlowdown = 0.02;
    double jitter = 0.1; ///< relative jitter, 0 = none
    quint64 seed = 42;
    int defaultMaxTokens = 128; ///< output length when the request gives none
};

/// \brief The named latency models the embedded endpoint offers.
enum class LatencyPreset {
    Fast, ///< LatencyModel's defaults: quick enough for demos and tests
    TypicalProduction, ///< every phase inside its typical range (see Phases::typicalRange)
};

namespace LatencyModels {
/// LatencyModel's defaults, so that a request takes well under a second: inference (250 ms)
/// and prompt processing (0.5 ms per token) sit below their typical ranges on purpose, and
/// the name says so, so that nobody mistakes them for typical figures.
LatencyModel fast();
/*!
 * A typical production endpoint: means inside each phase's typical range (network 120 ms,
 * prompt processing 300 ms + 0.1 ms per prompt token, inference 1,500 ms, post-processing
 * 25 ms, generation 30 ms per token) with a jitter of 25 %, so that every draw stays inside
 * the range for prompts of up to 1,000 tokens. A request takes about two seconds plus
 * 30 ms per output token.
 */
LatencyModel typicalProduction();
LatencyModel preset(LatencyPreset preset);
QList<LatencyPreset> presets();
/// "fast", "typical": the names the CLI takes.
QString name(LatencyPreset preset);
std::optional<LatencyPreset> fromName(QStringView name);
QStringList names();
/// "Fast (for demos and tests)", "Typical production endpoint" (translatable).
QString label(LatencyPreset preset);
} // namespace LatencyModels
