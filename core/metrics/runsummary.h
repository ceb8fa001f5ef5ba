#pragma once

#include "requestmetrics.h"
#include "clientoverhead.h"
#include "statistics.h"

#include "protocol/endpointprofile.h"

#include <QMap>

/// \brief A finished request of a run: its trace, its figures and its place in the run.
struct RequestRecord
{
    int index = 0; ///< position in the prompt schedule
    bool warmup = false; ///< warm-up requests are kept but left out of statistics
    int turn = 0; ///< in a multi-turn conversation, this request's turn (1, 2, …); 0 otherwise
    /// In an endpoint sweep: the level (index into its levels) and the measurement window
    /// (0-based) the request finished in; -1 outside a sweep, and for a sweep's warm-up,
    /// cancelled or late requests (the window is -1 then).
    int sweepLevel = -1;
    int sweepWindow = -1;
    /// What a conversation turn sent (earlier turns included); empty when it sent its prompt as is.
    QList<ChatMessage> sentMessages;
    RequestTrace trace;
    RequestMetrics metrics;
};

/// \brief The aggregate figures of a run (warm-up requests excluded).
struct RunSummary
{
    int requestsOk = 0;
    int requestsFailed = 0; ///< failed for any reason but cancellation
    int requestsCancelled = 0;
    /// Requests (warm-ups left out) whose bytes carry the kernel's receive times, and of how
    /// many: those times do not depend on how late the client read.
    int kernelTimedRequests = 0;
    int timedRequests = 0;
    QMap<ErrorClass, int> failuresByClass;

    Distribution ttftMs;
    Distribution ttfatMs;
    Distribution itlMs;
    Distribution tpotMs;
    Distribution e2eMs;
    Distribution e2eFromScheduleMs; ///< empty unless the run had a schedule
    Distribution clientWaitMs; ///< empty unless the run had a schedule
    Distribution dispatchDelayMs; ///< RequestMetrics::dispatchDelayMs of every request sent
    /// What the client cost while the run went: nullopt when it was not watched (an import).
    std::optional<ClientOverhead> client;
    Distribution outputTokens;
    std::array<Distribution, PhaseCount> phaseMs; ///< per phase, over successful requests
    /// Per phase: the source most requests had (so a chart can mark estimated phases).
    std::array<PhaseSource, PhaseCount> phaseSource {};

    double wallMs = 0; ///< first send to last end
    qint64 totalOutputTokens = 0;
    qint64 totalPromptTokens = 0;
    double outputTokensPerSecond = 0; ///< total output tokens / wall time
    double requestsPerSecond = 0;
    double peakOutputTokensPerSecond = 0; ///< the busiest one-second window
    int peakConcurrency = 0; ///< most requests in flight at once

    /// Mean of each phase: the stacked bar of the run.
    PhaseBreakdown meanBreakdown() const;
};

namespace Metrics {
/// Aggregates \a records (ignoring warm-ups). \a peakConcurrency is what the runner saw.
RunSummary summarize(const QList<RequestRecord> &records, int peakConcurrency = 0);
/// The busiest one-second window of output tokens, from chunk arrival times.
double peakTokensPerSecond(const QList<RequestRecord> &records);
} // namespace Metrics
