#pragma once

#include <QList>
#include <QString>
#include <QStringList>
#include <QtGlobal>

#include <optional>

/*!
 * \brief How long one scheduler step of a simulated LLM server takes.
 *
 * step = floor + perToken × max(0, tokens in the step − knee) + context tokens read × KV bytes
 * per token / memory bandwidth, with KV bytes per token = 2 (K and V) × layers × hidden ×
 * bytes per value. Below the knee a step is bound by fixed costs (weights read, launches);
 * above it every extra token costs compute.
 */
struct ServiceModel
{
    QString name;
    QString source; ///< where the figures come from, shown beside the preset
    double floorMs = 5.0;
    double perTokenUs = 20.0;
    int kneeTokens = 1;
    int layers = 0;
    int hidden = 0;
    int bytesPerValue = 2;
    double memoryBandwidthGBps = 0; ///< GB/s (1e9 bytes per second); 0 disables the KV term

    double kvBytesPerToken() const { return 2.0 * layers * hidden * bytesPerValue; }
    /// Nanoseconds to read one cached context token (0 when the KV term is off).
    double kvReadNsPerToken() const;
    /// One step that processes \a tokens new tokens while reading \a contextTokens cached ones.
    qint64 stepNs(qint64 tokens, qint64 contextTokens) const;
    /// \a steps decode steps of a request-level batch of \a batch sequences whose prompts
    /// total \a promptTokens: step k reads promptTokens + batch × k cached tokens.
    qint64 decodeStepsNs(qint64 batch, qint64 promptTokens, qint64 steps) const;

    /// Llama-2-7B, fp16, one H100 SXM: floor ~5.6 ms, ~20 µs per token above the knee.
    static ServiceModel h100Llama2_7b();
    /// Llama-2-7B, fp16, one A100 80GB: floor ~9.3 ms, ~63 µs per token above the knee.
    static ServiceModel a100Llama2_7b();
    /// Triton's dynamic-batching tutorial model (one inference = one token, no KV cache).
    static ServiceModel tritonTutorial();
    /// A constant service time per step (queueing-theory checks).
    static ServiceModel constant(double ms);
    /// Two measured points (batch size, step time) → floor and per-token cost, knee at \a b1.
    static ServiceModel fitted(int b1, double stepMs1, int b2, double stepMs2);
    /// A least-squares line through measured (sequences per step, decode step time in ms)
    /// points, e.g. (concurrency, TPOT p50) from an endpoint sweep: the step time at one
    /// sequence becomes the floor, the slope the cost per extra token. Needs two distinct
    /// batch sizes; nullopt otherwise.
    static std::optional<ServiceModel> fitDecodeSteps(const QList<std::pair<int, double>> &points);

    static QStringList presetNames();
    static std::optional<ServiceModel> preset(const QString &name);
};
