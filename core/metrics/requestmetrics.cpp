#include "requestmetrics.h"

#include "common/clock.h"

#include <QCoreApplication>

#include <algorithm>
#include <cmath>

QList<Phase> Phases::all()
{
    return { Phase::Network, Phase::Prompt, Phase::Inference, Phase::Generation, Phase::Postprocess };
}

QString Phases::key(Phase phase)
{
    switch (phase) {
    case Phase::Network:
        return QStringLiteral("network");
    case Phase::Prompt:
        return QStringLiteral("prompt");
    case Phase::Inference:
        return QStringLiteral("inference");
    case Phase::Generation:
        return QStringLiteral("generation");
    case Phase::Postprocess:
        return QStringLiteral("postprocess");
    }
    return {};
}

QString Phases::label(Phase phase)
{
    switch (phase) {
    case Phase::Network:
        return QCoreApplication::translate("Phase", "Network");
    case Phase::Prompt:
        return QCoreApplication::translate("Phase", "Prompt processing");
    case Phase::Inference:
        return QCoreApplication::translate("Phase", "Inference");
    case Phase::Generation:
        return QCoreApplication::translate("Phase", "Generation");
    case Phase::Postprocess:
        return QCoreApplication::translate("Phase", "Post-processing");
    }
    return {};
}

QString Phases::sourceKey(PhaseSource source)
{
    switch (source) {
    case PhaseSource::Measured:
        return QStringLiteral("measured");
    case PhaseSource::ServerReported:
        return QStringLiteral("server");
    case PhaseSource::Estimated:
        return QStringLiteral("estimated");
    }
    return {};
}

QString Phases::sourceLabel(PhaseSource source)
{
    switch (source) {
    case PhaseSource::Measured:
        return QCoreApplication::translate("Phase", "measured");
    case PhaseSource::ServerReported:
        return QCoreApplication::translate("Phase", "server-reported");
    case PhaseSource::Estimated:
        return QCoreApplication::translate("Phase", "estimated");
    }
    return {};
}

double PhaseBreakdown::total() const
{
    double sum = 0;
    for (double v : ms)
        sum += v;
    return sum;
}

QString tokenCountSourceKey(TokenCountSource source)
{
    switch (source) {
    case TokenCountSource::Usage:
        return QStringLiteral("usage");
    case TokenCountSource::ServerChunks:
        return QStringLiteral("server-chunks");
    case TokenCountSource::Chunks:
        return QStringLiteral("counted");
    }
    return {};
}

namespace {

double ms(qint64 ns)
{
    return Time::nsToMs(ns);
}

PhaseBreakdown breakdown(const RequestTrace &t, std::optional<double> tpotMs)
{
    PhaseBreakdown b;
    const qint64 start = t.startNs;
    const qint64 end = std::max(t.endNs, start);
    // Anchors clamped into [start, end] and into order, so that the phases always add up.
    auto clampTo = [](qint64 v, qint64 lo, qint64 hi) {
        return std::clamp(v, lo, std::max(lo, hi));
    };
    qint64 sent = t.requestSentNs >= 0 ? t.requestSentNs : (t.connectedNs >= 0 ? t.connectedNs : start);
    sent = clampTo(sent, start, end);
    const qint64 first = clampTo(t.firstTokenNs >= 0 ? t.firstTokenNs : end, sent, end);
    const qint64 last = clampTo(t.lastTokenNs >= 0 ? t.lastTokenNs : first, first, end);

    // Network: connection set-up and upload, plus the response's transit. When the server
    // sends its headers before the first token, "time to headers" is that transit; else the
    // TCP handshake's round trip stands in for it.
    qint64 transit = 0;
    PhaseSource networkSource = PhaseSource::Measured;
    if (t.headersNs >= 0 && t.headersNs < first) {
        transit = clampTo(t.headersNs, sent, first) - sent;
    } else if (t.connectedNs >= 0 && t.connectStartNs >= 0) {
        transit = std::clamp<qint64>(t.connectedNs - t.connectStartNs, 0, first - sent);
    } else {
        networkSource = PhaseSource::Estimated;
    }
    const qint64 network = (sent - start) + transit;
    const qint64 wait = first - sent - transit; // the server's time to first token

    double promptMs = 0;
    PhaseSource promptSource = PhaseSource::Estimated;
    PhaseSource inferenceSource = PhaseSource::Estimated;
    if (t.timings.promptMs) {
        promptMs = std::clamp(*t.timings.promptMs, 0.0, ms(wait));
        promptSource = PhaseSource::ServerReported;
        inferenceSource = PhaseSource::Measured; // what the client saw, less what the server said
    } else if (t.usage.promptTokens && tpotMs) {
        promptMs = std::clamp(double(*t.usage.promptTokens) * *tpotMs / Metrics::EstimatedPrefillSpeedup, 0.0,
                              ms(wait));
    }

    // A response that arrives in one piece (not streamed) hides its generation inside the
    // wait: the server's decode time takes it out again when the server reports one.
    double generationMs = ms(last - first);
    PhaseSource generationSource = PhaseSource::Measured;
    if (!t.streamed && last == first) {
        if (t.timings.generationMs) {
            generationMs = std::clamp(*t.timings.generationMs, 0.0, ms(wait) - promptMs);
            generationSource = PhaseSource::ServerReported;
        } else {
            inferenceSource = PhaseSource::Estimated; // generation is folded into it
        }
    }

    b.ms[size_t(Phase::Network)] = ms(network);
    b.ms[size_t(Phase::Prompt)] = promptMs;
    b.ms[size_t(Phase::Inference)]
        = ms(wait) - promptMs - (generationSource == PhaseSource::ServerReported ? generationMs : 0.0);
    b.ms[size_t(Phase::Generation)]
        = generationSource == PhaseSource::ServerReported ? generationMs : ms(last - first);
    b.ms[size_t(Phase::Postprocess)] = ms(end - last);
    b.source = { networkSource, promptSource, inferenceSource, generationSource, PhaseSource::Measured };
    return b;
}

} // namespace

RequestMetrics Metrics::compute(const RequestTrace &t)
{
    RequestMetrics m;
    m.ok = t.ok();
    m.e2eMs = t.endNs >= t.startNs ? ms(t.endNs - t.startNs) : 0;
    if (t.firstTokenNs >= 0)
        m.ttftMs = ms(t.firstTokenNs - t.startNs);
    if (t.firstAnswerTokenNs >= 0)
        m.ttfatMs = ms(t.firstAnswerTokenNs - t.startNs);
    if (t.scheduledNs >= 0) {
        m.clientWaitMs = ms(std::max<qint64>(0, t.startNs - t.scheduledNs));
        m.e2eFromScheduleMs = ms(t.endNs - t.scheduledNs);
        if (t.firstTokenNs >= 0)
            m.ttftFromScheduleMs = ms(t.firstTokenNs - t.scheduledNs);
    }
    if (t.requestSentNs >= 0 && t.startNs >= 0) {
        const qint64 due = t.scheduledNs >= 0 ? std::min(t.scheduledNs, t.startNs) : t.startNs;
        // A new connection's set-up is the network's time, not the client's.
        const qint64 setupEnd = t.reusedConnection ? -1 : std::max(t.tlsDoneNs, t.connectedNs);
        const qint64 setup = setupEnd >= t.startNs ? setupEnd - t.startNs : 0;
        m.dispatchDelayMs = ms(std::max<qint64>(0, t.requestSentNs - due - setup));
    }

    // Output tokens: the server's count when it gives one, else what the chunks say.
    qint64 chunkTokens = 0;
    bool allFromServer = !t.chunks.isEmpty();
    for (qsizetype i = 0; i < t.chunks.size(); ++i) {
        chunkTokens += t.chunks.tokensAt(i);
        allFromServer = allFromServer && t.chunks.tokensFromServerAt(i);
    }
    if (t.usage.completionTokens) {
        m.outputTokens = *t.usage.completionTokens;
        m.tokenSource = TokenCountSource::Usage;
    } else {
        m.outputTokens = chunkTokens;
        m.tokenSource = allFromServer ? TokenCountSource::ServerChunks : TokenCountSource::Chunks;
    }

    // Inter-token latencies: a chunk carrying k tokens stands for k gaps of gap / k. Without
    // per-chunk counts, a usage total larger than the chunk count is spread evenly.
    const qsizetype n = t.chunks.size();
    double spread = 1.0;
    if (!allFromServer && t.usage.completionTokens && n > 1 && *t.usage.completionTokens > n)
        spread = double(*t.usage.completionTokens - 1) / double(n - 1);
    for (qsizetype i = 1; i < n; ++i) {
        const double gap = ms(t.chunks.timeAt(i) - t.chunks.timeAt(i - 1));
        const double k
            = t.chunks.tokensFromServerAt(i) ? double(std::max<qint64>(1, t.chunks.tokensAt(i))) : spread;
        const int whole = std::max(1, int(std::lround(k)));
        for (int j = 0; j < whole; ++j)
            m.itlMs.append(gap / double(whole));
    }
    if (t.firstTokenNs >= 0 && t.lastTokenNs > t.firstTokenNs && m.outputTokens > 1) {
        m.tpotMs = ms(t.lastTokenNs - t.firstTokenNs) / double(m.outputTokens - 1);
        if (*m.tpotMs > 0)
            m.tokensPerSecond = 1000.0 / *m.tpotMs;
    }
    m.phases = breakdown(t, m.tpotMs);
    return m;
}

LiveFigures Metrics::live(const RequestTrace &t, qint64 nowNs)
{
    LiveFigures f;
    f.ended = t.endNs >= 0;
    qint64 counted = 0;
    for (qsizetype i = 0; i < t.chunks.size(); ++i)
        counted += t.chunks.tokensAt(i);
    qint64 rateEnd = nowNs;
    if (f.ended) {
        const RequestMetrics m = compute(t);
        f.elapsedMs = m.e2eMs;
        f.ttftMs = m.ttftMs;
        // A failed stream may hold only an early usage report (Anthropic announces one output
        // token up front), so the counted chunks win when they say more.
        f.outputTokens = t.ok() && m.outputTokens > 0 ? m.outputTokens : std::max(m.outputTokens, counted);
        rateEnd = t.lastTokenNs;
    } else {
        f.elapsedMs = t.startNs >= 0 ? ms(std::max<qint64>(0, nowNs - t.startNs)) : 0;
        if (t.firstTokenNs >= 0 && t.startNs >= 0)
            f.ttftMs = ms(t.firstTokenNs - t.startNs);
        f.outputTokens = counted;
    }
    if (t.firstTokenNs >= 0 && rateEnd >= 0) {
        const double windowMs = ms(rateEnd - t.firstTokenNs);
        if (windowMs >= MinLiveRateWindowMs)
            f.tokensPerSecond = double(f.outputTokens) / (windowMs / 1000.0);
    }
    return f;
}
