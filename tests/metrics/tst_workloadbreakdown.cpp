// The figures a production-like workload adds to a run (TTFT by turn, prompt cache split, ended
// early), on hand-built records: each one checked against its definition.
#include "metrics/workloadbreakdown.h"

#include <QTest>

namespace {

RequestRecord record(int index, double ttftMs, qint64 outputTokens, std::optional<qint64> cached = std::nullopt,
                     qint64 promptTokens = 100, int turn = 0)
{
    RequestRecord r;
    r.index = index;
    r.turn = turn;
    r.metrics.ttftMs = ttftMs;
    r.metrics.outputTokens = outputTokens;
    r.trace.usage.promptTokens = promptTokens;
    r.trace.usage.cachedPromptTokens = cached;
    return r;
}

GenerationRequest asking(int maxTokens)
{
    GenerationRequest g;
    g.maxTokens = maxTokens;
    return g;
}

} // namespace

class TestWorkloadBreakdown : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void endedEarlyAgainstEachPromptsTarget()
    {
        // Request i sent prompt i mod 2: targets 10 and 20.
        const QList<GenerationRequest> prompts { asking(10), asking(20) };
        QList<RequestRecord> records {
            record(0, 100, 10), // full
            record(1, 100, 12), // 12 < 20: ended early
            record(2, 100, 9), // 9 < 10: ended early
            record(3, 100, 20), // full
        };
        RequestRecord warm = record(4, 100, 1);
        warm.warmup = true; // never counted
        records.append(warm);
        RequestRecord failed = record(5, 100, 0);
        failed.trace.error = ErrorClass::HttpStatus;
        records.append(failed); // a failure did not "end early"
        const WorkloadBreakdown b = WorkloadBreakdown::of(records, prompts);
        QCOMPARE(b.requestsWithTarget, 4);
        QCOMPARE(b.requestsEndedEarly, 2);
        QVERIFY(WorkloadBreakdown::endedEarly(records.at(1), prompts.at(1)));
        QVERIFY(!WorkloadBreakdown::endedEarly(warm, prompts.at(0)));
        QVERIFY(!WorkloadBreakdown::endedEarly(failed, prompts.at(1)));

        // Without the prompt set no target is known, so none ended early.
        const WorkloadBreakdown unknown = WorkloadBreakdown::of(records, {});
        QCOMPARE(unknown.requestsWithTarget, 0);
        QCOMPARE(unknown.requestsEndedEarly, 0);
    }

    void promptCacheSplitsTheTtft()
    {
        const QList<RequestRecord> records {
            record(0, 400, 5, 0, 1000), // the server read nothing from its cache
            record(1, 100, 5, 768, 1000),
            record(2, 120, 5, 768, 1000),
            record(3, 500, 5, std::nullopt, 1000), // the server said nothing: in neither group
        };
        const WorkloadBreakdown b = WorkloadBreakdown::of(records, {});
        QVERIFY(b.hasPromptCacheFigures());
        QCOMPARE(b.cachedTtftMs.count, 2);
        QCOMPARE(b.cachedTtftMs.p50, 110.0);
        QCOMPARE(b.uncachedTtftMs.count, 1);
        QCOMPARE(b.uncachedTtftMs.p50, 400.0);
        // Over the three that reported: 1536 of 3000 prompt tokens.
        QCOMPARE(b.cachedPromptTokens, 1536);
        QCOMPARE(b.promptTokens, 3000);
        QCOMPARE(b.cachedTokenShare(), 0.512);

        // llama.cpp says it in its timings (cache_n), not in the usage.
        RequestRecord llama = record(0, 90, 5, std::nullopt, 50);
        llama.trace.timings.cachedPromptTokens = 40;
        QCOMPARE(WorkloadBreakdown::cachedTokensOf(llama), std::optional<qint64>(40));
        QCOMPARE(WorkloadBreakdown::of({ llama }, {}).cachedTtftMs.count, 1);

        QVERIFY(!WorkloadBreakdown::of({ record(0, 1, 1) }, {}).hasPromptCacheFigures());
    }

    void ttftByTurn()
    {
        const QList<RequestRecord> records {
            record(0, 100, 5, std::nullopt, 100, 1), record(1, 150, 5, std::nullopt, 100, 2),
            record(2, 200, 5, std::nullopt, 100, 3), record(3, 110, 5, std::nullopt, 100, 1),
            record(4, 170, 5, std::nullopt, 100, 2), record(5, 240, 5, std::nullopt, 100, 3),
        };
        const WorkloadBreakdown b = WorkloadBreakdown::of(records, {});
        QCOMPARE(b.ttftByTurnMs.keys(), (QList<int> { 1, 2, 3 }));
        QCOMPARE(b.ttftByTurnMs.value(1).p50, 105.0);
        QCOMPARE(b.ttftByTurnMs.value(2).p50, 160.0);
        QCOMPARE(b.ttftByTurnMs.value(3).p50, 220.0);
        // Not a conversation: no turns.
        QVERIFY(WorkloadBreakdown::of({ record(0, 1, 1) }, {}).ttftByTurnMs.isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestWorkloadBreakdown)
#include "tst_workloadbreakdown.moc"
