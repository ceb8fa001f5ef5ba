#include "servicemodel.h"

#include <QCoreApplication>

#include <algorithm>
#include <cmath>

double ServiceModel::kvReadNsPerToken() const
{
    if (memoryBandwidthGBps <= 0)
        return 0;
    return kvBytesPerToken() / memoryBandwidthGBps; // bytes / (bytes per ns)
}

qint64 ServiceModel::stepNs(qint64 tokens, qint64 contextTokens) const
{
    const double ns = floorMs * 1e6 + perTokenUs * 1e3 * double(std::max<qint64>(0, tokens - kneeTokens))
        + kvReadNsPerToken() * double(std::max<qint64>(0, contextTokens));
    return std::max<qint64>(1, std::llround(ns));
}

qint64 ServiceModel::decodeStepsNs(qint64 batch, qint64 promptTokens, qint64 steps) const
{
    if (steps <= 0)
        return 0;
    // The steps differ only in their KV term, which grows linearly: sum it in closed form.
    const double fixed = floorMs * 1e6 + perTokenUs * 1e3 * double(std::max<qint64>(0, batch - kneeTokens));
    const double m = double(steps);
    const double context = double(promptTokens) * m + double(batch) * m * (m + 1) / 2;
    return std::llround(fixed * m + kvReadNsPerToken() * context);
}

// Llama-2-7B architecture: 32 layers, hidden size 4096, fp16 (2 bytes per value), so
// 2 × 32 × 4096 × 2 = 512 KiB of KV cache per token.
// Step costs: Vidur (Agrawal et al., MLSys 2024) profiling of Llama-2-7B per-layer operators,
// summed over the model: an H100 step costs ~5.6 ms up to the knee and ~20 µs per extra token.
// Bandwidth: H100 SXM HBM3 ~3.35 TB/s (NVIDIA datasheet).
ServiceModel ServiceModel::h100Llama2_7b()
{
    ServiceModel m;
    m.name = QStringLiteral("h100-llama2-7b");
    m.source = QCoreApplication::translate(
        "ServiceModel", "Vidur (Agrawal et al., MLSys 2024) profiling; H100 SXM 3.35 TB/s");
    m.floorMs = 5.6;
    m.perTokenUs = 20.0;
    // The knee is our assumption, not a profiled figure: near floor / perToken (~280 tokens),
    // where a step turns from memory-bound to compute-bound.
    m.kneeTokens = 256;
    m.layers = 32;
    m.hidden = 4096;
    m.bytesPerValue = 2;
    m.memoryBandwidthGBps = 3350;
    return m;
}

// Same model; Vidur (Agrawal et al., MLSys 2024) profiling on an A100: ~9.3 ms floor and
// ~63 µs per token above the knee. Bandwidth: A100 80GB HBM2e ~2.0 TB/s (NVIDIA datasheet).
ServiceModel ServiceModel::a100Llama2_7b()
{
    ServiceModel m = h100Llama2_7b();
    m.name = QStringLiteral("a100-llama2-7b");
    m.source = QCoreApplication::translate(
        "ServiceModel", "Vidur (Agrawal et al., MLSys 2024) profiling; A100 80GB 2.0 TB/s");
    m.floorMs = 9.3;
    m.perTokenUs = 63.0;
    m.memoryBandwidthGBps = 2000;
    return m;
}

// Triton Inference Server tutorial "Dynamic batching & concurrent model execution"
// (densenet_onnx, concurrency 16): 975 inferences/s without batching, 3,188/s with dynamic
// batching (batches of up to 16). One inference is one "token" here, so
// batch 1 takes 1/975 s and batch 16 takes 16/3188 s; the per-token cost is the slope between.
ServiceModel ServiceModel::tritonTutorial()
{
    ServiceModel m = fitted(1, 1000.0 / 975.0, 16, 16.0 * 1000.0 / 3188.0);
    m.name = QStringLiteral("triton-tutorial");
    m.source = QCoreApplication::translate(
        "ServiceModel",
        "Triton tutorial 'Dynamic batching': 975/s unbatched, 3188/s batched at concurrency 16");
    return m;
}

ServiceModel ServiceModel::constant(double ms)
{
    ServiceModel m;
    m.name = QStringLiteral("constant");
    m.source = QCoreApplication::translate("ServiceModel", "a constant step time (queueing-theory checks)");
    m.floorMs = ms;
    m.perTokenUs = 0;
    m.kneeTokens = 0;
    return m;
}

ServiceModel ServiceModel::fitted(int b1, double stepMs1, int b2, double stepMs2)
{
    ServiceModel m;
    m.name = QStringLiteral("fitted");
    m.source = QCoreApplication::translate("ServiceModel",
                                           "fitted to two measured (batch size, step time) points");
    m.floorMs = stepMs1;
    m.kneeTokens = b1;
    m.perTokenUs = b2 != b1 ? std::max(0.0, (stepMs2 - stepMs1) * 1e3 / double(b2 - b1)) : 0.0;
    return m;
}

std::optional<ServiceModel> ServiceModel::fitDecodeSteps(const QList<std::pair<int, double>> &points)
{
    double n = 0, sx = 0, sy = 0, sxx = 0, sxy = 0;
    int minB = 0, maxB = 0;
    for (const auto &[b, ms] : points) {
        if (b < 1 || !(ms > 0))
            continue;
        minB = n == 0 ? b : std::min(minB, b);
        maxB = n == 0 ? b : std::max(maxB, b);
        n += 1;
        sx += b;
        sy += ms;
        sxx += double(b) * b;
        sxy += double(b) * ms;
    }
    if (n < 2 || minB == maxB)
        return std::nullopt;
    const double slope = (n * sxy - sx * sy) / (n * sxx - sx * sx);
    const double intercept = (sy - slope * sx) / n;
    ServiceModel m = fitted(1, std::max(0.01, intercept + slope), 2, std::max(0.01, intercept + 2 * slope));
    m.source = QCoreApplication::translate("ServiceModel",
                                           "fitted to %n measured (concurrency, TPOT) points", nullptr, int(n));
    return m;
}

QStringList ServiceModel::presetNames()
{
    return { QStringLiteral("h100-llama2-7b"), QStringLiteral("a100-llama2-7b"),
             QStringLiteral("triton-tutorial") };
}

std::optional<ServiceModel> ServiceModel::preset(const QString &name)
{
    for (const ServiceModel &m : { h100Llama2_7b(), a100Llama2_7b(), tritonTutorial() }) {
        if (m.name == name)
            return m;
    }
    return std::nullopt;
}
