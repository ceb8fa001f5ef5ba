#pragma once

#include "batchpolicy.h"
#include "servicemodel.h"

#include "metrics/statistics.h"

#include <QList>
#include <QString>

/// \brief How requests arrive at the simulated server.
enum class ArrivalPattern {
    Constant, ///< evenly spaced, 1/rate apart
    Poisson, ///< exponential gaps, mean 1/rate
    Gamma, ///< gamma gaps, shape = burstiness, mean 1/rate (vLLM's benchmark); < 1 is burstier
    ClosedLoop, ///< `clients` users, each sending its next request when the previous one ends
};

/// \brief How the simulated server schedules work.
enum class SchedulingMode {
    RequestLevel, ///< Triton-style: BatchPolicy forms a batch that runs to its longest request
    Continuous, ///< Orca/vLLM-style: sequences join and leave at every step, chunked prefill
};

/// \brief Latency targets; 0 means "no limit" for that figure.
struct ServiceLevel
{
    double ttftMs = 0;
    double tpotMs = 0;
    double e2eMs = 0;
    bool isSet() const { return ttftMs > 0 || tpotMs > 0 || e2eMs > 0; }
};

/// \brief One simulated configuration.
struct SimulationConfig
{
    ServiceModel model = ServiceModel::h100Llama2_7b();
    SchedulingMode mode = SchedulingMode::RequestLevel;

    ArrivalPattern arrivals = ArrivalPattern::Poisson;
    double ratePerSecond = 10;
    double burstiness = 1; ///< gamma shape (Gamma only)
    int clients = 16; ///< ClosedLoop only
    int requests = 1000;
    quint64 seed = 1;

    int promptTokens = 128;
    int outputTokens = 128;
    /// 0: every request has exactly the sizes above; s in (0, 1): uniform in mean × [1 − s, 1 + s].
    double lengthSpread = 0;

    // RequestLevel
    /// Under BatchRule::FullBatchOnly the final partial batch is flushed when no further request
    /// can arrive (the end of the trace, or every closed-loop client waiting for a reply).
    BatchPolicy policy;
    int instances = 1; ///< batches that can run at once

    // Continuous
    int maxSequences = 256;
    int tokenBudget = 2048; ///< tokens processed per step (decodes first, then prefill chunks)
    bool chunkedPrefill = true;

    ServiceLevel slo; ///< goodput is counted against this
};

/// \brief What one configuration did. Times in milliseconds.
struct SimulationResult
{
    int completed = 0;
    double spanS = 0; ///< first arrival → last completion
    double requestsPerSecond = 0;
    double outputTokensPerSecond = 0;
    double totalTokensPerSecond = 0; ///< prompt + output
    Distribution ttftMs;
    Distribution tpotMs; ///< requests with more than one output token
    Distribution e2eMs;
    Distribution queueWaitMs; ///< arrival → start of service (batch dispatch, or admission)
    /// Index = batch size (sequences per step in Continuous mode), value = how many batches/steps.
    QList<qint64> batchSizeHistogram;
    double meanBatchSize = 0;
    qint64 batches = 0; ///< batches (RequestLevel) or steps (Continuous)
    double utilisation = 0; ///< busy time / (span × instances)
    double sloAttainment = 1; ///< share of requests meeting every limit of the SLO
    double goodputRps = 0; ///< requests per second that met the SLO
    qint64 events = 0; ///< simulator loop iterations (for events/s)
};

/*!
 * \brief A deterministic discrete-event simulation of an LLM server under load.
 *
 * Same config and seed → the same result, bit for bit. Simulated time is integer nanoseconds.
 */
class BatchSimulator
{
public:
    static SimulationResult run(const SimulationConfig &config);
    static QString modeName(SchedulingMode mode);
    static QString arrivalName(ArrivalPattern pattern);
};
