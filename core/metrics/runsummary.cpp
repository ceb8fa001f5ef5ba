#include "runsummary.h"

#include "common/clock.h"

#include <algorithm>
#include <limits>

PhaseBreakdown RunSummary::meanBreakdown() const
{
    PhaseBreakdown b;
    for (int i = 0; i < PhaseCount; ++i) {
        b.ms[size_t(i)] = phaseMs[size_t(i)].mean;
        b.source[size_t(i)] = phaseSource[size_t(i)];
    }
    return b;
}

double Metrics::peakTokensPerSecond(const QList<RequestRecord> &records)
{
    // Token arrival events, then a sliding one-second window over them (a run shorter than
    // a second reports the tokens of its whole span).
    QList<std::pair<qint64, double>> events;
    for (const RequestRecord &r : records) {
        if (r.warmup)
            continue;
        const auto &chunks = r.trace.chunks;
        qint64 chunkTokens = 0;
        for (qsizetype i = 0; i < chunks.size(); ++i)
            chunkTokens += chunks.tokensAt(i);
        // Scale chunk counts to the usage total when the server reported one.
        const double scale = chunkTokens > 0 && r.metrics.tokenSource == TokenCountSource::Usage
            ? double(r.metrics.outputTokens) / double(chunkTokens)
            : 1.0;
        for (qsizetype i = 0; i < chunks.size(); ++i)
            events.append({ chunks.timeAt(i), double(chunks.tokensAt(i)) * scale });
    }
    if (events.isEmpty())
        return 0;
    std::sort(events.begin(), events.end());
    constexpr qint64 window = 1'000'000'000;
    double best = 0, inWindow = 0;
    qsizetype lo = 0;
    for (qsizetype hi = 0; hi < events.size(); ++hi) {
        inWindow += events.at(hi).second;
        while (events.at(hi).first - events.at(lo).first >= window)
            inWindow -= events.at(lo++).second;
        best = std::max(best, inWindow);
    }
    return best;
}

RunSummary Metrics::summarize(const QList<RequestRecord> &records, int peakConcurrency)
{
    RunSummary s;
    s.peakConcurrency = peakConcurrency;
    QList<double> ttft, ttfat, itl, tpot, e2e, e2eSched, wait, tokens, dispatch;
    std::array<QList<double>, PhaseCount> phases;
    std::array<std::array<int, 3>, PhaseCount> sourceVotes {};
    qint64 first = std::numeric_limits<qint64>::max(), last = std::numeric_limits<qint64>::min();

    for (const RequestRecord &r : records) {
        if (r.warmup)
            continue;
        const RequestTrace &t = r.trace;
        const RequestMetrics &m = r.metrics;
        first = std::min(first, t.scheduledNs >= 0 ? std::min(t.scheduledNs, t.startNs) : t.startNs);
        last = std::max(last, t.endNs);
        ++s.timedRequests;
        if (t.kernelReceiveTimes)
            ++s.kernelTimedRequests;
        // The client's cost of sending does not depend on how the request ended.
        if (m.dispatchDelayMs)
            dispatch.append(*m.dispatchDelayMs);
        if (t.error == ErrorClass::Cancelled) {
            ++s.requestsCancelled;
            continue;
        }
        if (!m.ok) {
            ++s.requestsFailed;
            ++s.failuresByClass[t.error];
            continue;
        }
        ++s.requestsOk;
        if (m.ttftMs)
            ttft.append(*m.ttftMs);
        if (m.ttfatMs)
            ttfat.append(*m.ttfatMs);
        itl.append(m.itlMs);
        if (m.tpotMs)
            tpot.append(*m.tpotMs);
        e2e.append(m.e2eMs);
        if (m.e2eFromScheduleMs)
            e2eSched.append(*m.e2eFromScheduleMs);
        if (m.clientWaitMs)
            wait.append(*m.clientWaitMs);
        tokens.append(double(m.outputTokens));
        s.totalOutputTokens += m.outputTokens;
        s.totalPromptTokens += t.usage.promptTokens.value_or(0);
        for (int i = 0; i < PhaseCount; ++i) {
            phases[size_t(i)].append(m.phases.ms[size_t(i)]);
            ++sourceVotes[size_t(i)][size_t(m.phases.source[size_t(i)])];
        }
    }
    s.ttftMs = Distribution::of(ttft);
    s.ttfatMs = Distribution::of(ttfat);
    s.itlMs = Distribution::of(itl);
    s.tpotMs = Distribution::of(tpot);
    s.e2eMs = Distribution::of(e2e);
    s.e2eFromScheduleMs = Distribution::of(e2eSched);
    s.clientWaitMs = Distribution::of(wait);
    s.dispatchDelayMs = Distribution::of(dispatch);
    s.outputTokens = Distribution::of(tokens);
    for (int i = 0; i < PhaseCount; ++i) {
        s.phaseMs[size_t(i)] = Distribution::of(phases[size_t(i)]);
        const auto &votes = sourceVotes[size_t(i)];
        s.phaseSource[size_t(i)] = PhaseSource(std::max_element(votes.begin(), votes.end()) - votes.begin());
    }
    if (last > first) {
        s.wallMs = Time::nsToMs(last - first);
        s.outputTokensPerSecond = double(s.totalOutputTokens) / (s.wallMs / 1000.0);
        s.requestsPerSecond = double(s.requestsOk) / (s.wallMs / 1000.0);
    }
    s.peakOutputTokensPerSecond = peakTokensPerSecond(records);
    return s;
}
