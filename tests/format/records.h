// Requests as the client traces them, and a field-by-field comparison, for the request
// formats' round trips (the run export and the history's TraceCodec).
#pragma once

#include "metrics/runsummary.h"

#include <QTest>

namespace FormatTests {

// A streamed request with every timestamp, reasoning, server-counted chunks, usage (with
// cached prompt tokens), server timings (with cached prompt tokens) and a request id.
inline RequestRecord fullRecord(int index, qint64 startNs)
{
    RequestRecord r;
    r.index = index;
    RequestTrace &t = r.trace;
    t.id = quint64(1000 + index);
    t.endpointName = QStringLiteral("gpu-a");
    t.protocol = Protocol::OpenAIChat;
    t.model = QStringLiteral("qwen2.5-7b");
    t.startNs = startNs;
    t.scheduledNs = startNs - 1'250'000; // the client was 1.25 ms late
    t.dnsDoneNs = startNs + 40'001;
    t.connectStartNs = startNs + 41'002;
    t.connectedNs = startNs + 310'003;
    t.tlsDoneNs = startNs + 900'004;
    t.requestSentNs = startNs + 950'005;
    t.responseStartNs = startNs + 5'000'006;
    t.headersNs = startNs + 5'100'007;
    t.firstBodyByteNs = startNs + 5'200'008;
    qint64 at = startNs + 20'000'009 + index * 1'000'003;
    t.firstTokenNs = at;
    t.chunks.append({ at, QStringLiteral("让我想想"), 3, true, true }); // reasoning, counted by the server
    t.reasoning = QStringLiteral("让我想想");
    at += 7'777'777;
    t.firstAnswerTokenNs = at;
    for (int i = 0; i < 4; ++i) {
        const QString text = i == 2 ? QStringLiteral("机器 \"学习\", ") : QStringLiteral("tok%1 ").arg(i);
        t.chunks.append({ at, text, 1, false, false });
        t.text += text;
        at += 3'000'001 + i * 10'007;
    }
    t.lastTokenNs = t.chunks.constLast().tNs;
    t.endNs = t.lastTokenNs + 500'011;
    t.reusedConnection = index % 2 == 1;
    t.kernelReceiveTimes = index % 3 != 0;
    t.tlsVerificationDisabled = true;
    t.httpStatus = 200;
    t.requestIdHeader = "req-" + QByteArray::number(index);
    t.serverProcessingMs = 41.5;
    t.bytesReceived = 4567;
    t.usage.promptTokens = 17;
    t.usage.completionTokens = 7;
    t.usage.reasoningTokens = 3;
    t.usage.cachedPromptTokens = 8;
    t.timings.queueMs = 1.5;
    t.timings.promptMs = 2.25;
    t.timings.promptTokens = 17;
    t.timings.cachedPromptTokens = 8;
    t.timings.generationMs = 30.125;
    t.timings.generatedTokens = 7;
    t.finishReason = QStringLiteral("stop");
    r.metrics = Metrics::compute(t);
    return r;
}

// A request the server refused, on a fresh connection, not streamed.
inline RequestRecord failedRecord(int index, qint64 startNs)
{
    RequestRecord r;
    r.index = index;
    r.warmup = true;
    RequestTrace &t = r.trace;
    t.id = quint64(2000 + index);
    t.endpointName = QStringLiteral("gpu-a");
    t.protocol = Protocol::OpenAIChat;
    t.model = QStringLiteral("qwen2.5-7b");
    t.streamed = false;
    t.startNs = startNs;
    t.connectStartNs = startNs + 100'000;
    t.connectedNs = startNs + 300'000;
    t.requestSentNs = startNs + 400'000;
    t.responseStartNs = startNs + 5'000'000;
    t.headersNs = startNs + 5'100'000;
    t.endNs = startNs + 6'000'000;
    t.httpStatus = 503;
    t.error = ErrorClass::HttpStatus;
    t.errorMessage = QStringLiteral("HTTP 503: overloaded, retry in 2 s");
    t.text = QStringLiteral("{\"error\": \"overloaded\"}");
    r.metrics = Metrics::compute(t);
    return r;
}

// Every field both request formats carry; times relative to each trace's own origin, since
// the run export places a run anywhere on the clock.
inline void compareRecords(const RequestRecord &a, const RequestRecord &b, qint64 originA, qint64 originB)
{
    QCOMPARE(b.index, a.index);
    QCOMPARE(b.warmup, a.warmup);
    const RequestTrace &x = a.trace;
    const RequestTrace &y = b.trace;
    const auto at = [](qint64 ns, qint64 origin) {
        return ns < 0 ? ns : ns - origin;
    };
    QCOMPARE(y.id, x.id);
    QCOMPARE(y.endpointName, x.endpointName);
    QCOMPARE(y.protocol, x.protocol);
    QCOMPARE(y.model, x.model);
    QCOMPARE(y.streamed, x.streamed);
    QCOMPARE(at(y.startNs, originB), at(x.startNs, originA));
    for (auto field : { &RequestTrace::scheduledNs, &RequestTrace::dnsDoneNs, &RequestTrace::connectStartNs,
                        &RequestTrace::connectedNs, &RequestTrace::tlsDoneNs, &RequestTrace::requestSentNs,
                        &RequestTrace::responseStartNs, &RequestTrace::headersNs,
                        &RequestTrace::firstBodyByteNs, &RequestTrace::firstTokenNs,
                        &RequestTrace::firstAnswerTokenNs, &RequestTrace::lastTokenNs, &RequestTrace::endNs })
        QCOMPARE(at(y.*field, y.startNs), at(x.*field, x.startNs));
    QCOMPARE(y.reusedConnection, x.reusedConnection);
    QCOMPARE(y.kernelReceiveTimes, x.kernelReceiveTimes);
    QCOMPARE(y.tlsVerificationDisabled, x.tlsVerificationDisabled);
    QCOMPARE(y.httpStatus, x.httpStatus);
    QCOMPARE(y.requestIdHeader, x.requestIdHeader);
    QCOMPARE(y.serverProcessingMs, x.serverProcessingMs);
    QCOMPARE(y.bytesReceived, x.bytesReceived);
    QCOMPARE(y.usage.promptTokens, x.usage.promptTokens);
    QCOMPARE(y.usage.completionTokens, x.usage.completionTokens);
    QCOMPARE(y.usage.reasoningTokens, x.usage.reasoningTokens);
    QCOMPARE(y.usage.cachedPromptTokens, x.usage.cachedPromptTokens);
    QCOMPARE(y.timings.queueMs, x.timings.queueMs);
    QCOMPARE(y.timings.loadMs, x.timings.loadMs);
    QCOMPARE(y.timings.promptMs, x.timings.promptMs);
    QCOMPARE(y.timings.promptTokens, x.timings.promptTokens);
    QCOMPARE(y.timings.cachedPromptTokens, x.timings.cachedPromptTokens);
    QCOMPARE(y.timings.generationMs, x.timings.generationMs);
    QCOMPARE(y.timings.generatedTokens, x.timings.generatedTokens);
    QCOMPARE(y.timings.totalMs, x.timings.totalMs);
    QCOMPARE(y.text, x.text);
    QCOMPARE(y.reasoning, x.reasoning);
    QCOMPARE(y.chunks.size(), x.chunks.size());
    for (qsizetype i = 0; i < x.chunks.size(); ++i) {
        QCOMPARE(at(y.chunks.at(i).tNs, y.startNs), at(x.chunks.at(i).tNs, x.startNs));
        QCOMPARE(y.chunks.at(i).text, x.chunks.at(i).text);
        QCOMPARE(y.chunks.at(i).tokens, x.chunks.at(i).tokens);
        QCOMPARE(y.chunks.at(i).tokensFromServer, x.chunks.at(i).tokensFromServer);
        QCOMPARE(y.chunks.at(i).reasoning, x.chunks.at(i).reasoning);
    }
    QCOMPARE(y.finishReason, x.finishReason);
    QCOMPARE(y.error, x.error);
    QCOMPARE(y.errorMessage, x.errorMessage);
    // The figures are a function of the trace: the same trace, the same figures.
    QCOMPARE(b.metrics.ttftMs, a.metrics.ttftMs);
    QCOMPARE(b.metrics.e2eMs, a.metrics.e2eMs);
    QCOMPARE(b.metrics.clientWaitMs, a.metrics.clientWaitMs);
    QCOMPARE(b.metrics.outputTokens, a.metrics.outputTokens);
    QCOMPARE(b.metrics.itlMs, a.metrics.itlMs);
}

} // namespace FormatTests
