// Timing maths on hand-built traces: every figure is checked against its definition.
#include "metrics/requestmetrics.h"
#include "metrics/runsummary.h"
#include "metrics/statistics.h"

#include <QTest>

namespace {
constexpr qint64 Ms = 1'000'000;

// A cold streaming request: connect 0-2 ms, sent at 3, headers at 53, tokens from 300 every
// 20 ms, end 20 ms after the last token.
RequestTrace baseTrace(int tokens)
{
    RequestTrace t;
    t.startNs = 1000 * Ms;
    t.connectStartNs = t.startNs;
    t.connectedNs = t.startNs + 2 * Ms;
    t.requestSentNs = t.startNs + 3 * Ms;
    t.headersNs = t.startNs + 53 * Ms;
    for (int i = 0; i < tokens; ++i) {
        TraceChunk c;
        c.tNs = t.startNs + (300 + 20 * i) * Ms;
        c.text = QStringLiteral("w%1 ").arg(i);
        t.chunks.append(c);
        t.text += c.text;
    }
    t.firstTokenNs = t.firstAnswerTokenNs = t.chunks.constFirst().tNs;
    t.lastTokenNs = t.chunks.constLast().tNs;
    t.endNs = t.lastTokenNs + 20 * Ms;
    t.httpStatus = 200;
    return t;
}
} // namespace

class TestRequestMetrics : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void percentiles_data()
    {
        QTest::addColumn<QList<double>>("values");
        QTest::addColumn<double>("p");
        QTest::addColumn<double>("expected");
        const QList<double> ten{10, 1, 9, 2, 8, 3, 7, 4, 6, 5};
        QTest::newRow("median of 1..10") << ten << 50.0 << 5.5;
        QTest::newRow("p90 of 1..10") << ten << 90.0 << 9.1;
        QTest::newRow("p99 of 1..10") << ten << 99.0 << 9.91;
        QTest::newRow("p0 is min") << ten << 0.0 << 1.0;
        QTest::newRow("p100 is max") << ten << 100.0 << 10.0;
        QTest::newRow("single value") << QList<double>{42} << 95.0 << 42.0;
        QTest::newRow("two values") << QList<double>{0, 100} << 25.0 << 25.0;
    }

    void percentiles()
    {
        QFETCH(QList<double>, values);
        QFETCH(double, p);
        QFETCH(double, expected);
        std::sort(values.begin(), values.end());
        QCOMPARE_LE(qAbs(*Statistics::percentile(values, p) - expected), 1e-9);
    }

    void distribution()
    {
        const Distribution d = Distribution::of({2, 4, 4, 4, 5, 5, 7, 9});
        QCOMPARE(d.count, 8);
        QCOMPARE(d.mean, 5.0);
        QCOMPARE(d.min, 2.0);
        QCOMPARE(d.max, 9.0);
        QCOMPARE_LE(qAbs(d.stddev - 2.138089935), 1e-6); // sample standard deviation
        QCOMPARE(d.p50, 4.5);
        QVERIFY(Distribution::of({}).isEmpty());
    }

    void streamingFigures()
    {
        const RequestTrace t = baseTrace(11);
        const RequestMetrics m = Metrics::compute(t);
        QVERIFY(m.ok);
        QCOMPARE(*m.ttftMs, 300.0);
        QCOMPARE(m.e2eMs, 520.0);
        QCOMPARE(m.outputTokens, 11);
        QCOMPARE(m.tokenSource, TokenCountSource::Chunks);
        QCOMPARE(m.itlMs.size(), 10);
        for (double gap : m.itlMs)
            QCOMPARE(gap, 20.0);
        QCOMPARE(*m.tpotMs, 20.0);
        QCOMPARE(*m.tokensPerSecond, 50.0);
    }

    void phasesAddUpAndAreLabelled()
    {
        RequestTrace t = baseTrace(11);
        t.usage.promptTokens = 100;
        RequestMetrics m = Metrics::compute(t);
        // network = set-up (3) + time to headers (50)
        QCOMPARE(m.phases[Phase::Network], 53.0);
        QCOMPARE(m.phases.sourceOf(Phase::Network), PhaseSource::Measured);
        // No server timings: prompt estimated from 100 tokens at TPOT/10 = 2 ms per token.
        QCOMPARE(m.phases[Phase::Prompt], 200.0);
        QCOMPARE(m.phases.sourceOf(Phase::Prompt), PhaseSource::Estimated);
        QCOMPARE(m.phases[Phase::Inference], 300.0 - 53.0 - 200.0);
        QCOMPARE(m.phases[Phase::Generation], 200.0);
        QCOMPARE(m.phases[Phase::Postprocess], 20.0);
        QCOMPARE(m.phases.total(), m.e2eMs);

        // Server timings replace the estimate.
        t.timings.promptMs = 120;
        m = Metrics::compute(t);
        QCOMPARE(m.phases[Phase::Prompt], 120.0);
        QCOMPARE(m.phases.sourceOf(Phase::Prompt), PhaseSource::ServerReported);
        QCOMPARE(m.phases[Phase::Inference], 300.0 - 53.0 - 120.0);
        QCOMPARE(m.phases.sourceOf(Phase::Inference), PhaseSource::Measured);
        QCOMPARE(m.phases.total(), m.e2eMs);

        // A server timing larger than the wait cannot push a phase negative.
        t.timings.promptMs = 10'000;
        m = Metrics::compute(t);
        QCOMPARE(m.phases[Phase::Inference], 0.0);
        QCOMPARE(m.phases.total(), m.e2eMs);
    }

    void nonStreamedResponseUsesServerDecodeTime()
    {
        // One JSON body at 800 ms: the wait holds prompt, inference and generation.
        RequestTrace t = baseTrace(1);
        t.streamed = false;
        t.chunks.setTimeAt(0, t.startNs + 800 * Ms);
        t.firstTokenNs = t.firstAnswerTokenNs = t.lastTokenNs = t.chunks.first().tNs;
        t.endNs = t.lastTokenNs;
        RequestMetrics m = Metrics::compute(t);
        QCOMPARE(m.phases[Phase::Generation], 0.0);
        QCOMPARE(m.phases.sourceOf(Phase::Inference), PhaseSource::Estimated);
        QCOMPARE(m.phases.total(), m.e2eMs);

        t.timings.promptMs = 100;
        t.timings.generationMs = 500;
        m = Metrics::compute(t);
        QCOMPARE(m.phases[Phase::Prompt], 100.0);
        QCOMPARE(m.phases[Phase::Generation], 500.0);
        QCOMPARE(m.phases.sourceOf(Phase::Generation), PhaseSource::ServerReported);
        QCOMPARE(m.phases[Phase::Inference], 800.0 - 53.0 - 100.0 - 500.0);
        QCOMPARE(m.phases.total(), m.e2eMs);
    }

    void headersWithFirstTokenUseConnectRoundTrip()
    {
        RequestTrace t = baseTrace(3);
        t.headersNs = t.firstTokenNs; // the server held its headers until the first token
        const RequestMetrics m = Metrics::compute(t);
        QCOMPARE(m.phases[Phase::Network], 3.0 + 2.0);
        QCOMPARE(m.phases.total(), m.e2eMs);
    }

    void failedRequestStillAddsUp()
    {
        RequestTrace t;
        t.startNs = 0;
        t.connectStartNs = 0;
        t.endNs = 5 * Ms;
        t.error = ErrorClass::Connect;
        const RequestMetrics m = Metrics::compute(t);
        QVERIFY(!m.ok);
        QVERIFY(!m.ttftMs);
        QCOMPARE(m.phases.total(), 5.0);
    }

    void multiTokenChunksAreNotOneGap()
    {
        RequestTrace t = baseTrace(5);
        // The server says each chunk after the first carries 4 tokens (continuous usage stats).
        for (int i = 0; i < t.chunks.size(); ++i) {
            t.chunks.setTokensAt(i, i == 0 ? 1 : 4, true);
        }
        RequestMetrics m = Metrics::compute(t);
        QCOMPARE(m.outputTokens, 17);
        QCOMPARE(m.tokenSource, TokenCountSource::ServerChunks);
        QCOMPARE(m.itlMs.size(), 16);
        for (double gap : m.itlMs)
            QCOMPARE(gap, 5.0);
        QCOMPARE(*m.tpotMs, 80.0 / 16.0);

        // Usage total without per-chunk counts: spread evenly, usage wins the count.
        t = baseTrace(5);
        t.usage.completionTokens = 17;
        m = Metrics::compute(t);
        QCOMPARE(m.outputTokens, 17);
        QCOMPARE(m.tokenSource, TokenCountSource::Usage);
        QCOMPARE(m.itlMs.size(), 16);
    }

    void scheduledRequests()
    {
        RequestTrace t = baseTrace(3);
        t.scheduledNs = t.startNs - 40 * Ms; // the client was 40 ms late
        const RequestMetrics m = Metrics::compute(t);
        QCOMPARE(*m.clientWaitMs, 40.0);
        QCOMPARE(*m.e2eFromScheduleMs, m.e2eMs + 40.0);
        QCOMPARE(*m.ttftFromScheduleMs, *m.ttftMs + 40.0);
        // Dispatch: due 40 ms before the start, connected 2 ms after it (the network's), the
        // last byte written 1 ms later: 40 + 1 ms of the client's.
        QCOMPARE(*m.dispatchDelayMs, 41.0);
    }

    void dispatchDelay()
    {
        // A new connection: its set-up is not the client's time.
        RequestTrace t = baseTrace(3);
        QCOMPARE(*Metrics::compute(t).dispatchDelayMs, 1.0); // connected at 2, sent at 3
        t.tlsDoneNs = t.startNs + 2'500'000; // TLS until 2.5 ms
        QCOMPARE(*Metrics::compute(t).dispatchDelayMs, 0.5);
        // A warm connection: everything from the start to the last byte is the client's.
        t.reusedConnection = true;
        t.connectStartNs = t.connectedNs = t.tlsDoneNs = -1;
        QCOMPARE(*Metrics::compute(t).dispatchDelayMs, 3.0);
        // Never written: no figure.
        t.requestSentNs = -1;
        QVERIFY(!Metrics::compute(t).dispatchDelayMs);
    }

    void summary()
    {
        QList<RequestRecord> records;
        for (int i = 0; i < 4; ++i) {
            RequestRecord r;
            r.index = i;
            r.trace = baseTrace(11);
            r.trace.startNs += i * 100 * Ms;
            r.trace.chunks.shiftTimes(i * 100 * Ms);
            r.trace.firstTokenNs += i * 100 * Ms;
            r.trace.firstAnswerTokenNs += i * 100 * Ms;
            r.trace.lastTokenNs += i * 100 * Ms;
            r.trace.endNs += i * 100 * Ms;
            r.warmup = i == 0;
            r.metrics = Metrics::compute(r.trace);
            records.append(r);
        }
        RequestRecord failed;
        failed.trace.startNs = 1000 * Ms;
        failed.trace.endNs = 1001 * Ms;
        failed.trace.error = ErrorClass::HttpStatus;
        failed.metrics = Metrics::compute(failed.trace);
        records.append(failed);

        const RunSummary s = Metrics::summarize(records, 3);
        QCOMPARE(s.requestsOk, 3); // the warm-up is left out
        QCOMPARE(s.requestsFailed, 1);
        QCOMPARE(s.failuresByClass.value(ErrorClass::HttpStatus), 1);
        QCOMPARE(s.ttftMs.mean, 300.0);
        QCOMPARE(s.totalOutputTokens, 33);
        QCOMPARE(s.peakConcurrency, 3);
        QCOMPARE(s.meanBreakdown().total(), s.e2eMs.mean);
        // Three overlapping streams of 50 tokens/s each, within one second.
        QCOMPARE(s.peakOutputTokensPerSecond, 33.0);
    }
};

QTEST_GUILESS_MAIN(TestRequestMetrics)
#include "tst_requestmetrics.moc"
