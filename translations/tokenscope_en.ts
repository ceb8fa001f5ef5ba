<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
<context>
    <name>BatchRuleComparison</name>
    <message numerus="yes">
        <source>With %n client(s), fewer than a batch of %1, a batcher without a timer would wait forever: every client ends up waiting for a batch that never fills. The simulation flushes then, which flatters the full-batch rule.</source>
        <translation>
            <numerusform>With %n client, fewer than a batch of %1, a batcher without a timer would wait forever: every client ends up waiting for a batch that never fills. The simulation flushes then, which flatters the full-batch rule.</numerusform>
            <numerusform>With %n clients, fewer than a batch of %1, a batcher without a timer would wait forever: every client ends up waiting for a batch that never fills. The simulation flushes then, which flatters the full-batch rule.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>With %n client(s)</source>
        <translation>
            <numerusform>With %n client</numerusform>
            <numerusform>With %n clients</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Cli</name>
    <message numerus="yes">
        <source>%n scrape(s)</source>
        <translation>
            <numerusform>%n scrape</numerusform>
            <numerusform>%n scrapes</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>  Decodes at most %n request(s) at once; the others wait in a queue.</source>
        <translation>
            <numerusform>  Decodes at most %n request at once; the others wait in a queue.</numerusform>
            <numerusform>  Decodes at most %n requests at once; the others wait in a queue.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Workload: %n synthetic prompt(s), %1 (%2, %3), seed %4</source>
        <translation>
            <numerusform>Workload: %n synthetic prompt, %1 (%2, %3), seed %4</numerusform>
            <numerusform>Workload: %n synthetic prompts, %1 (%2, %3), seed %4</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Workload: trace %1, %n request(s) over %2 s (time scale %3)</source>
        <translation>
            <numerusform>Workload: trace %1, %n request over %2 s (time scale %3)</numerusform>
            <numerusform>Workload: trace %1, %n requests over %2 s (time scale %3)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Conversations of %n turn(s), %1 s between an answer and the next turn</source>
        <translation>
            <numerusform>Conversations of %n turn, %1 s between an answer and the next turn</numerusform>
            <numerusform>Conversations of %n turns, %1 s between an answer and the next turn</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Lengths counted by the endpoint (POST /tokenize); its chat template adds %n token(s) to a one-message prompt</source>
        <translation>
            <numerusform>Lengths counted by the endpoint (POST /tokenize); its chat template adds %n token to a one-message prompt</numerusform>
            <numerusform>Lengths counted by the endpoint (POST /tokenize); its chat template adds %n tokens to a one-message prompt</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Client overhead: event-loop lag p50 %1 / p99 %2 / max %3 ms; dispatch delay p50 %4 / p99 %5 / max %6 ms; %n I/O thread(s) busy %7% of the run</source>
        <translation>
            <numerusform>Client overhead: event-loop lag p50 %1 / p99 %2 / max %3 ms; dispatch delay p50 %4 / p99 %5 / max %6 ms; %n I/O thread busy %7% of the run</numerusform>
            <numerusform>Client overhead: event-loop lag p50 %1 / p99 %2 / max %3 ms; dispatch delay p50 %4 / p99 %5 / max %6 ms; %n I/O threads busy %7% of the run</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ComparisonView</name>
    <message numerus="yes">
        <source>%n clients in a closed loop</source>
        <translation>
            <numerusform>%n clients in a closed loop</numerusform>
            <numerusform>%n clients in a closed loop</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>CompressorPanel</name>
    <message numerus="yes">
        <source>Truncated to fit %n token(s).</source>
        <translation>
            <numerusform>Truncated to fit %n token.</numerusform>
            <numerusform>Truncated to fit %n tokens.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n rule(s) skipped: invalid pattern (see the red cells).</source>
        <translation>
            <numerusform>%n rule skipped: invalid pattern (see the red cells).</numerusform>
            <numerusform>%n rules skipped: invalid pattern (see the red cells).</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>mean of %n request(s); 95% confidence interval %1 to %2</source>
        <translation>
            <numerusform>mean of %n request; 95% confidence interval %1 to %2</numerusform>
            <numerusform>mean of %n requests; 95% confidence interval %1 to %2</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1: %n request(s) failed and are left out.</source>
        <translation>
            <numerusform>%1: %n request failed and are left out.</numerusform>
            <numerusform>%1: %n requests failed and are left out.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ConnectionTester</name>
    <message numerus="yes">
        <source>Connected: HTTP %1 in %2 ms, %n model(s) listed (%3).</source>
        <translation>
            <numerusform>Connected: HTTP %1 in %2 ms, %n model listed (%3).</numerusform>
            <numerusform>Connected: HTTP %1 in %2 ms, %n models listed (%3).</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Dataset</name>
    <message numerus="yes">
        <source>this row has %n field(s), not %1 as in the header (an unquoted comma?)</source>
        <translation>
            <numerusform>this row has %n field, not %1 as in the header (an unquoted comma?)</numerusform>
            <numerusform>this row has %n fields, not %1 as in the header (an unquoted comma?)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n record(s)</source>
        <translation>
            <numerusform>%n record</numerusform>
            <numerusform>%n records</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n entry(s)</source>
        <translation>
            <numerusform>%n entry</numerusform>
            <numerusform>%n entries</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n with an empty prompt</source>
        <translation>
            <numerusform>%n with an empty prompt</numerusform>
            <numerusform>%n with an empty prompt</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n without a user turn</source>
        <translation>
            <numerusform>%n without a user turn</numerusform>
            <numerusform>%n without a user turn</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n without an answer</source>
        <translation>
            <numerusform>%n without an answer</numerusform>
            <numerusform>%n without an answer</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n with non-text content or another role</source>
        <translation>
            <numerusform>%n with non-text content or another role</numerusform>
            <numerusform>%n with non-text content or another role</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n skipped</source>
        <translation>
            <numerusform>%n skipped</numerusform>
            <numerusform>%n skipped</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n in the token range</source>
        <translation>
            <numerusform>%n in the token range</numerusform>
            <numerusform>%n in the token range</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n with the input out of range</source>
        <translation>
            <numerusform>%n with the input out of range</numerusform>
            <numerusform>%n with the input out of range</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n with the output out of range</source>
        <translation>
            <numerusform>%n with the output out of range</numerusform>
            <numerusform>%n with the output out of range</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n without an output length</source>
        <translation>
            <numerusform>%n without an output length</numerusform>
            <numerusform>%n without an output length</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n sampled</source>
        <translation>
            <numerusform>%n sampled</numerusform>
            <numerusform>%n sampled</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>EndpointDialog</name>
    <message numerus="yes">
        <source>%n model(s) found.</source>
        <translation>
            <numerusform>%n model found.</numerusform>
            <numerusform>%n models found.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>EndpointSidebar</name>
    <message numerus="yes">
        <source>%n endpoint(s) imported. API keys are not part of the file: set the variables or store the keys again.</source>
        <translation>
            <numerusform>%n endpoint imported. API keys are not part of the file: set the variables or store the keys again.</numerusform>
            <numerusform>%n endpoints imported. API keys are not part of the file: set the variables or store the keys again.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n endpoint(s) exported without API keys.</source>
        <translation>
            <numerusform>%n endpoint exported without API keys.</numerusform>
            <numerusform>%n endpoints exported without API keys.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>… and %n more</source>
        <translation>
            <numerusform>… and %n more</numerusform>
            <numerusform>… and %n more</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>EndpointSweepPage</name>
    <message numerus="yes">
        <source>%v of %n level(s) done</source>
        <translation>
            <numerusform>%v of %n level done</numerusform>
            <numerusform>%v of %n levels done</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1: level %2 of %3, %n window(s) measured…</source>
        <translation>
            <numerusform>%1: level %2 of %3, %n window measured…</numerusform>
            <numerusform>%1: level %2 of %3, %n windows measured…</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Cancelled: finished levels kept (%n in all).</source>
        <translation>
            <numerusform>Cancelled: finished levels kept (%n in all).</numerusform>
            <numerusform>Cancelled: finished levels kept (%n in all).</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Done: %n level(s) measured.</source>
        <translation>
            <numerusform>Done: %n level measured.</numerusform>
            <numerusform>Done: %n levels measured.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>HistoryPanel</name>
    <message numerus="yes">
        <source>Opened run %1 (%n request(s)).</source>
        <translation>
            <numerusform>Opened run %1 (%n request).</numerusform>
            <numerusform>Opened run %1 (%n requests).</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Comparing %n run(s).</source>
        <translation>
            <numerusform>Comparing %n run.</numerusform>
            <numerusform>Comparing %n runs.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Deleted %n run(s).</source>
        <translation>
            <numerusform>Deleted %n run.</numerusform>
            <numerusform>Deleted %n runs.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Delete %n run(s) and all their requests from the history?</source>
        <translation>
            <numerusform>Delete %n run and all their requests from the history?</numerusform>
            <numerusform>Delete %n runs and all their requests from the history?</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Merged %n shard(s) of run &quot;%1&quot; as run %2.</source>
        <translation>
            <numerusform>Merged %n shard of run &quot;%1&quot; as run %2.</numerusform>
            <numerusform>Merged %n shards of run &quot;%1&quot; as run %2.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ImpactPanel</name>
    <message numerus="yes">
        <source>Done: %n experiment(s) measured.</source>
        <translation>
            <numerusform>Done: %n experiment measured.</numerusform>
            <numerusform>Done: %n experiments measured.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Typical priority: %n star(s) of 3</source>
        <translation>
            <numerusform>Typical priority: %n star of 3</numerusform>
            <numerusform>Typical priority: %n stars of 3</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ImpactRunner</name>
    <message numerus="yes">
        <source>Semantic cache: replaying %n queries</source>
        <translation>
            <numerusform>Semantic cache: replaying %n queries</numerusform>
            <numerusform>Semantic cache: replaying %n queries</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Batching: %n request(s) one at a time</source>
        <translation>
            <numerusform>Batching: %n request one at a time</numerusform>
            <numerusform>Batching: %n requests one at a time</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>LengthDistribution</name>
    <message numerus="yes">
        <source>fixed, %n token(s)</source>
        <translation>
            <numerusform>fixed, %n token</numerusform>
            <numerusform>fixed, %n tokens</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Prometheus</name>
    <message numerus="yes">
        <source>more than %n metric families; the rest was not read</source>
        <translation>
            <numerusform>more than %n metric families; the rest was not read</numerusform>
            <numerusform>more than %n metric families; the rest was not read</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>more than %n sample(s); the rest was not read</source>
        <translation>
            <numerusform>more than %n sample; the rest was not read</numerusform>
            <numerusform>more than %n samples; the rest was not read</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n malformed line(s) skipped (%1)</source>
        <translation>
            <numerusform>%n malformed line skipped (%1)</numerusform>
            <numerusform>%n malformed lines skipped (%1)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>RunConfigWidget</name>
    <message numerus="yes">
        <source>Lengths of the first %1 of %n prompt(s)</source>
        <translation>
            <numerusform>Lengths of the first %1 of %n prompt</numerusform>
            <numerusform>Lengths of the first %1 of %n prompts</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n prompt(s)</source>
        <translation>
            <numerusform>%n prompt</numerusform>
            <numerusform>%n prompts</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ServiceModel</name>
    <message numerus="yes">
        <source>fitted to %n measured (concurrency, TPOT) points</source>
        <translation>
            <numerusform>fitted to %n measured (concurrency, TPOT) points</numerusform>
            <numerusform>fitted to %n measured (concurrency, TPOT) points</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ShardMerge</name>
    <message numerus="yes">
        <source>%n shard(s) of %1 missing: %2</source>
        <translation>
            <numerusform>%n shard of %1 missing: %2</numerusform>
            <numerusform>%n shards of %1 missing: %2</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SimulationPage</name>
    <message numerus="yes">
        <source>%v of %n configuration(s)</source>
        <translation>
            <numerusform>%v of %n configuration</numerusform>
            <numerusform>%v of %n configurations</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>The grid has %n configuration(s); at most 10,000 can be run at once.</source>
        <translation>
            <numerusform>The grid has %n configuration; at most 10,000 can be run at once.</numerusform>
            <numerusform>The grid has %n configurations; at most 10,000 can be run at once.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Simulating %n configuration(s)…</source>
        <translation>
            <numerusform>Simulating %n configuration…</numerusform>
            <numerusform>Simulating %n configurations…</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Cancelled: %1 of %n configuration(s) kept.</source>
        <translation>
            <numerusform>Cancelled: %1 of %n configuration kept.</numerusform>
            <numerusform>Cancelled: %1 of %n configurations kept.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Done: %n configuration(s).</source>
        <translation>
            <numerusform>Done: %n configuration.</numerusform>
            <numerusform>Done: %n configurations.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n configuration(s) on the Pareto front.</source>
        <translation>
            <numerusform>%n configuration on the Pareto front.</numerusform>
            <numerusform>%n configurations on the Pareto front.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SyntheticPromptGenerator</name>
    <message numerus="yes">
        <source>the text has only %n token(s)</source>
        <translation>
            <numerusform>the text has only %n token</numerusform>
            <numerusform>the text has only %n tokens</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>no cut of the text counts exactly %n token(s) with %1</source>
        <translation>
            <numerusform>no cut of the text counts exactly %n token with %1</numerusform>
            <numerusform>no cut of the text counts exactly %n tokens with %1</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>could not build a text of exactly %n token(s) with %1</source>
        <translation>
            <numerusform>could not build a text of exactly %n token with %1</numerusform>
            <numerusform>could not build a text of exactly %n tokens with %1</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>could not join shared prefix %1 and a suffix into exactly %n token(s) with %2</source>
        <translation>
            <numerusform>could not join shared prefix %1 and a suffix into exactly %n token with %2</numerusform>
            <numerusform>could not join shared prefix %1 and a suffix into exactly %n tokens with %2</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n prompt(s) picked to share a prefix were not longer than the prefix and have none</source>
        <translation>
            <numerusform>%n prompt picked to share a prefix was not longer than the prefix and has none</numerusform>
            <numerusform>%n prompts picked to share a prefix were not longer than the prefix and have none</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>TokenCount</name>
    <message numerus="yes">
        <source>%n token(s) (exact, %1)</source>
        <translation>
            <numerusform>%n token (exact, %1)</numerusform>
            <numerusform>%n tokens (exact, %1)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n token(s) (counted by the endpoint, %1)</source>
        <translation>
            <numerusform>%n token (counted by the endpoint, %1)</numerusform>
            <numerusform>%n tokens (counted by the endpoint, %1)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>~%n token(s) (estimated)</source>
        <translation>
            <numerusform>~%n token (estimated)</numerusform>
            <numerusform>~%n tokens (estimated)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>WaterfallView</name>
    <message numerus="yes">
        <source>%n chunk(s)</source>
        <translation>
            <numerusform>%n chunk</numerusform>
            <numerusform>%n chunks</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n token(s)</source>
        <translation>
            <numerusform>%n token</numerusform>
            <numerusform>%n tokens</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Wire</name>
    <message numerus="yes">
        <source>%n byte(s)</source>
        <translation>
            <numerusform>%n byte</numerusform>
            <numerusform>%n bytes</numerusform>
        </translation>
    </message>
</context>
</TS>
