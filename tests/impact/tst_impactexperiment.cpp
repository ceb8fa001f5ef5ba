// The optimisation-effects experiments against the embedded endpoint, whose latency model
// says what each technique must gain: the measured rows have to reproduce it.
#include "impact/impactexperiment.h"

#include "client/streamingclient.h"
#include "endpoint/embeddedendpoint.h"
#include "format/impactexport.h"

#include <QCoroTask>
#include <QJsonArray>
#include <QJsonObject>
#include <QLocale>
#include <QSignalSpy>
#include <QTest>

namespace {

LatencyModel model(double generationMs, double batchSlowdown = 0.0)
{
    LatencyModel m;
    m.networkMs = 5;
    m.promptMsPerToken = 1.0;
    m.inferenceMs = 30;
    m.generationMsPerToken = generationMs;
    m.postprocessMs = 5;
    m.batchSlowdown = batchSlowdown;
    m.jitter = 0;
    return m;
}

EndpointProfile profileFor(const EmbeddedEndpointRunner &endpoint, const QString &name)
{
    EndpointProfile p;
    p.id = name.toLower();
    p.name = name;
    p.protocol = Protocol::OpenAIChat;
    p.model = QStringLiteral("tokenscope-sim");
    p.baseUrl = endpoint.baseUrl();
    p.baseUrl.setPath(QStringLiteral("/v1"));
    p.pricePerMInput = 1;
    p.pricePerMOutput = 4;
    return p;
}

ImpactConfig only(Technique t, const EndpointProfile &endpoint)
{
    ImpactConfig c;
    c.endpoint = endpoint;
    c.techniques = { t };
    c.maxTokens = 24;
    c.repetitions = 4;
    c.batchRequests = 16;
    c.concurrency = 8;
    c.cacheQueries = 40;
    return c;
}

ImpactRow rowOf(const QList<ImpactRow> &rows, Technique t)
{
    for (const ImpactRow &r : rows) {
        if (r.technique == t)
            return r;
    }
    return {};
}

QString detail(const ImpactRow &row, const QString &name)
{
    for (const auto &[k, v] : row.details) {
        if (k == name)
            return v;
    }
    return {};
}

} // namespace

class TestImpactExperiment : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void bootstrapIntervalsBracketTheChange()
    {
        const QList<double> baseline { 100, 110, 90, 105, 95, 100 };
        const QList<double> optimised { 50, 55, 45, 52, 48, 50 };
        const Change c = Change::ofPairs(baseline, optimised);
        QCOMPARE(c.value, -0.5);
        QVERIFY(c.low <= c.value && c.value <= c.high);
        QVERIFY(c.high - c.low < 0.05);
        // Same samples, same seed: the same interval.
        const Change again = Change::ofPairs(baseline, optimised);
        QCOMPARE(again.low, c.low);
        QCOMPARE(again.high, c.high);
        const Change independent = Change::ofMeans(baseline, optimised);
        QCOMPARE(independent.value, -0.5);
        QVERIFY(independent.low < -0.5 && independent.high > -0.5);
        QCOMPARE(Change::ofMeans({}, optimised).value, 0.0);
    }

    void streamingGainMatchesTheLatencyModel()
    {
        EmbeddedEndpointRunner endpoint;
        QVERIFY(endpoint.start(model(6)));
        StreamingClient client;
        ImpactRunner runner(&client);
        const EndpointProfile profile = profileFor(endpoint, QStringLiteral("Embedded"));
        const ImpactConfig config = only(Technique::Streaming, profile);
        const QList<ImpactRow> rows = QCoro::waitFor(runner.run(config));
        QCOMPARE(rows.size(), 6); // every technique has its row, the others skipped
        const ImpactRow row = rowOf(rows, Technique::Streaming);
        QVERIFY2(row.ok(), qPrintable(row.error));
        QCOMPARE(row.change.baselineSamples, 4);

        // The model's truth, with the answer length the endpoint really produced.
        GenerationRequest probe;
        probe.messages = { ChatMessage { QStringLiteral("user"), ImpactRunner::defaultPrompt() } };
        probe.maxTokens = config.maxTokens;
        probe.stream = false;
        const RequestTrace t = QCoro::waitFor(client.send(profile, probe, {}));
        QVERIFY(t.ok());
        const double tokens = double(t.usage.completionTokens.value_or(0));
        const double promptTokens = double(t.usage.promptTokens.value_or(0));
        QVERIFY(tokens > 0);
        const LatencyModel m = model(6);
        const double prefill = promptTokens * m.promptMsPerToken;
        const double firstText = m.networkMs + prefill + m.inferenceMs + m.generationMsPerToken;
        const double whole = m.networkMs + prefill + m.inferenceMs + tokens * m.generationMsPerToken + m.postprocessMs;
        const double expected = firstText / whole - 1;
        QVERIFY2(qAbs(row.optimised - firstText) < 25,
                 qPrintable(QStringLiteral("first text %1 ms, model %2").arg(row.optimised).arg(firstText)));
        QVERIFY2(qAbs(row.baseline - whole) < 30,
                 qPrintable(QStringLiteral("whole %1 ms, model %2").arg(row.baseline).arg(whole)));
        QVERIFY2(qAbs(row.change.value - expected) < 0.1,
                 qPrintable(QStringLiteral("change %1, model %2").arg(row.change.value).arg(expected)));
        QVERIFY(row.change.low <= row.change.value && row.change.value <= row.change.high);
        QVERIFY(row.command.startsWith(QStringLiteral("tokenscope-cli impact --only streaming")));
        QVERIFY(!row.verdict.isEmpty());
        // Cost 0%, as typically claimed: the same tokens are billed streamed or not.
        QCOMPARE(row.cost.basis, CostBasis::Prices);
        QCOMPARE(row.cost.change.baselineSamples, 4);
        QCOMPARE(ImpactTable::reading(row.cost.change, row.claim.cost), Reading::NoMeasurableChange);
        QCOMPARE(ImpactExport::rowJson(row).value(QStringLiteral("technique")).toString(), QStringLiteral("streaming"));
    }

    void batchingRaisesThroughputByTheModelsFactor()
    {
        // A decode step with n streams takes 6 × (1 + 0.1 (n − 1)) ms, and the fixed work of
        // each request (network, prefill, inference, post-processing) overlaps too: with 8 in
        // flight each request takes fixed + tokens × 6 × 1.7 instead of fixed + tokens × 6,
        // and 8 of them finish in that time.
        EmbeddedEndpointRunner endpoint;
        QVERIFY(endpoint.start(model(6, 0.1)));
        StreamingClient client;
        ImpactRunner runner(&client);
        const EndpointProfile profile = profileFor(endpoint, QStringLiteral("Embedded"));
        const ImpactConfig config = only(Technique::Batching, profile);
        const QList<ImpactRow> rows = QCoro::waitFor(runner.run(config));
        const ImpactRow row = rowOf(rows, Technique::Batching);
        QVERIFY2(row.ok(), qPrintable(row.error));

        GenerationRequest probe;
        probe.messages = { ChatMessage { QStringLiteral("user"), ImpactRunner::defaultPrompt() } };
        probe.maxTokens = config.maxTokens;
        const RequestTrace t = QCoro::waitFor(client.send(profile, probe, {}));
        QVERIFY(t.ok());
        const LatencyModel m = model(6, 0.1);
        const double tokens = double(t.usage.completionTokens.value_or(0));
        const double fixed = m.networkMs + double(t.usage.promptTokens.value_or(0)) * m.promptMsPerToken
            + m.inferenceMs + m.postprocessMs;
        const double alone = fixed + tokens * m.generationMsPerToken;
        const double batched = fixed + tokens * m.generationMsPerToken * (1 + m.batchSlowdown * 7);
        const double expected = 8 * alone / batched - 1;
        QVERIFY2(qAbs(row.change.value - expected) < 0.25 * (expected + 1),
                 qPrintable(QStringLiteral("change %1, model %2").arg(row.change.value).arg(expected)));
        QVERIFY(row.optimised > 2.5 * row.baseline); // the wall-clock throughputs agree
        QVERIFY(detail(row, QStringLiteral("E2E latency")).startsWith(u'+')); // batching costs latency
        QCOMPARE(endpoint.stats().peakStreams, 8);
        // At per-token prices a batched request costs what it costs alone: the typical −30%
        // is the server's time per token, which falls as the throughput rises.
        QCOMPARE(row.cost.basis, CostBasis::Prices);
        QCOMPARE(ImpactTable::reading(row.cost.change, row.claim.cost), Reading::NoMeasurableChange);
        QVERIFY(detail(row, QStringLiteral("server time per output token")).startsWith(QChar(0x2212)));
    }

    void semanticCacheSavesLatencyOnTheSampleTrace()
    {
        EmbeddedEndpointRunner endpoint;
        QVERIFY(endpoint.start(model(3)));
        StreamingClient client;
        ImpactRunner runner(&client);
        const QList<ImpactRow> rows = QCoro::waitFor(
            runner.run(only(Technique::SemanticCache, profileFor(endpoint, QStringLiteral("Embedded")))));
        const ImpactRow row = rowOf(rows, Technique::SemanticCache);
        QVERIFY2(row.ok(), qPrintable(row.error));
        QCOMPARE(detail(row, QStringLiteral("queries")), QStringLiteral("40"));
        QVERIFY(row.change.value < 0);
        // Misses really went to the endpoint; hits did not.
        const int sent = detail(row, QStringLiteral("requests sent")).toInt();
        QVERIFY(sent > 0 && sent < 40);
        QCOMPARE(endpoint.stats().streams, qint64(sent));
        // Typically "cost −40~70%": a hit is not billed, so the cost falls with the hits.
        QCOMPARE(row.cost.basis, CostBasis::Prices);
        QVERIFY2(row.cost.change.high < 0, qPrintable(ImpactTable::cost(row.cost)));
        QVERIFY(row.cost.optimised < row.cost.baseline);
    }

    void promptCacheServesTheSharedPrefix()
    {
        // Prefill is 0.25 ms a prompt token here, and the shared context is well over a
        // thousand tokens: cached, its blocks skip almost all of the prompt's processing.
        EmbeddedEndpointRunner endpoint;
        LatencyModel m = model(3);
        m.promptMsPerToken = 0.25;
        QVERIFY(endpoint.start(m));
        StreamingClient client;
        ImpactRunner runner(&client);
        const EndpointProfile profile = profileFor(endpoint, QStringLiteral("Embedded"));
        const QList<ImpactRow> rows = QCoro::waitFor(runner.run(only(Technique::PromptCache, profile)));
        QCOMPARE(rows.size(), 6);
        const ImpactRow row = rowOf(rows, Technique::PromptCache);
        QVERIFY2(row.ok(), qPrintable(row.error));
        QCOMPARE(row.change.baselineSamples, 4);
        QCOMPARE(detail(row, QStringLiteral("pairs")), QStringLiteral("4"));
        QCOMPARE(detail(row, QStringLiteral("failed")), QStringLiteral("0"));

        // Nearly every prompt token came from the cache after the warm-up (all whole 16-token
        // blocks of the shared part; the question after it is new each time) …
        const QString shared = detail(row, QStringLiteral("cached tokens, shared prefix"));
        QVERIFY2(shared.endsWith(u'%') && shared.chopped(1).toDouble() >= 80, qPrintable(shared));
        // … and none when each prompt opens with its own reference.
        QCOMPARE(detail(row, QStringLiteral("cached tokens, distinct prefixes")), QStringLiteral("0%"));
        const qint64 promptTokens = QLocale().toLongLong(detail(row, QStringLiteral("prompt tokens")));
        QVERIFY2(promptTokens > 1000, qPrintable(detail(row, QStringLiteral("prompt tokens"))));
        QVERIFY(endpoint.stats().prefixCacheHits > 0);

        // TTFT falls by the prefill the cache skipped: a sure cut, as the model predicts.
        QVERIFY2(row.change.high < 0, qPrintable(ImpactTable::change(row.change)));
        const double share = shared.chopped(1).toDouble() / 100;
        const double cold = m.networkMs + double(promptTokens) * m.promptMsPerToken + m.inferenceMs;
        const double warm = m.networkMs + double(promptTokens) * (1 - share) * m.promptMsPerToken + m.inferenceMs;
        QVERIFY2(qAbs(row.baseline - cold) < 40,
                 qPrintable(QStringLiteral("distinct %1 ms, model %2").arg(row.baseline).arg(cold)));
        QVERIFY2(qAbs(row.optimised - warm) < 40,
                 qPrintable(QStringLiteral("shared %1 ms, model %2").arg(row.optimised).arg(warm)));
        QVERIFY2(row.change.value < -0.5, qPrintable(ImpactTable::change(row.change)));
        // The server reports its prefill (llama.cpp-style timings): it is what shrank.
        QVERIFY2(detail(row, QStringLiteral("prompt processing")).startsWith(QChar(0x2212)),
                 qPrintable(detail(row, QStringLiteral("prompt processing"))));
        // No typical claim to read it against: a measurable gain, said as such.
        QCOMPARE(ImpactTable::claim(row.claim.latency), QStringLiteral("no typical claim"));
        QCOMPARE(ImpactTable::reading(row.change, row.claim.latency), Reading::Gain);
        QVERIFY(row.command.startsWith(QStringLiteral("tokenscope-cli impact --only prompt-cache")));

        // The profile sets no cached-input price: the same tokens at the same prices, and the
        // row says that this is why the cost does not move.
        QCOMPARE(row.cost.basis, CostBasis::Prices);
        QCOMPARE(row.cost.change.value, 0.0);
        QCOMPARE(ImpactTable::reading(row.cost.change, row.claim.cost), Reading::NoMeasurableChange);
        QVERIFY(detail(row, QStringLiteral("cached tokens billed")).startsWith(QStringLiteral("at the full input price")));

        // A rerun against the same (now warm) server starts cold again: new references. With
        // a cached-input price a tenth of the input price, the cached tokens cost less.
        EndpointProfile discounted = profile;
        discounted.pricePerMCachedInput = 0.1;
        const QList<ImpactRow> rerun = QCoro::waitFor(runner.run(only(Technique::PromptCache, discounted)));
        const ImpactRow again = rowOf(rerun, Technique::PromptCache);
        QVERIFY2(again.ok(), qPrintable(again.error));
        QCOMPARE(detail(again, QStringLiteral("cached tokens, distinct prefixes")), QStringLiteral("0%"));
        QVERIFY2(again.change.high < 0, qPrintable(ImpactTable::change(again.change)));
        QCOMPARE(again.cost.basis, CostBasis::Prices);
        QVERIFY2(again.cost.change.high < 0, qPrintable(ImpactTable::cost(again.cost)));
        // Each cached token saves 0.9 of its input price: prompt × share × 0.9 of the cost.
        const double saved = (again.cost.baseline - again.cost.optimised) * 1e6;
        QVERIFY2(qAbs(saved - double(promptTokens) * share * 0.9) < 0.05 * double(promptTokens),
                 qPrintable(QStringLiteral("saved %1 per million requests").arg(saved)));
        QCOMPARE(detail(again, QStringLiteral("cached tokens billed")),
                 QStringLiteral("at 0.1 per million tokens instead of the input price 1"));
    }

    void promptCacheOffCachesNothing()
    {
        EmbeddedEndpointRunner endpoint;
        EndpointCapacity capacity;
        capacity.prefixCaching = false;
        endpoint.setCapacity(capacity);
        LatencyModel m = model(3);
        m.promptMsPerToken = 0.25;
        QVERIFY(endpoint.start(m));
        StreamingClient client;
        ImpactRunner runner(&client);
        const EndpointProfile profile = profileFor(endpoint, QStringLiteral("Embedded"));
        const QList<ImpactRow> rows = QCoro::waitFor(runner.run(only(Technique::PromptCache, profile)));
        const ImpactRow row = rowOf(rows, Technique::PromptCache);
        QVERIFY2(row.ok(), qPrintable(row.error));
        QCOMPARE(detail(row, QStringLiteral("cached tokens, shared prefix")), QStringLiteral("0%"));
        QCOMPARE(detail(row, QStringLiteral("cached tokens, distinct prefixes")), QStringLiteral("0%"));
        QCOMPARE(endpoint.stats().prefixCacheHits, qint64(0));
        // Both arms prefill every token: no change worth the name.
        QVERIFY2(qAbs(row.change.value) < 0.1, qPrintable(ImpactTable::change(row.change)));
    }

    void promptCacheRowWithoutAClaimRoundTrips()
    {
        ImpactRow row;
        row.technique = Technique::PromptCache;
        row.name = ImpactRunner::name(Technique::PromptCache);
        row.claim = ImpactTable::typicalClaim(Technique::PromptCache);
        row.metric = QStringLiteral("time to first token");
        row.unit = QStringLiteral("ms");
        row.baseline = 640;
        row.optimised = 95;
        row.change = { -0.85, -0.87, -0.83, 5, 5 };
        row.cost = { CostBasis::Prices, 0.0012, 0.0012, { 0, 0, 0, 5, 5 } };
        row.details = { { QStringLiteral("cached tokens, shared prefix"), QStringLiteral("97%") } };
        const QJsonObject json = ImpactExport::rowJson(row);
        QCOMPARE(json.value(QStringLiteral("technique")).toString(), QStringLiteral("prompt-cache"));
        const QJsonObject claim = json.value(QStringLiteral("claim")).toObject();
        const QJsonObject latency = claim.value(QStringLiteral("latency")).toObject();
        // Written as no claim, never as a claim of 0%.
        QCOMPARE(latency.value(QStringLiteral("stated")), QJsonValue(false));
        QVERIFY(!latency.contains(QStringLiteral("low")) && !latency.contains(QStringLiteral("high")));
        QCOMPARE(latency.value(QStringLiteral("text")).toString(), QStringLiteral("no typical claim"));
        QVERIFY(claim.value(QStringLiteral("difficulty")).isNull());
        QCOMPARE(claim.value(QStringLiteral("priority")).toInt(), 0);
        QCOMPARE(json.value(QStringLiteral("reading")).toString(), QStringLiteral("gain"));
        const ImpactRow back = ImpactExport::rowFromJson(json);
        QCOMPARE(back.technique, Technique::PromptCache);
        QCOMPARE(back.claim, row.claim);
        QCOMPARE(ImpactExport::rowJson(back), json);
        // Named by its key in the settings and in --only.
        QCOMPARE(ImpactRunner::fromKey(u"prompt-cache"), std::optional<Technique>(Technique::PromptCache));
        QVERIFY(ImpactExport::configJson(ImpactConfig {})
                    .value(QStringLiteral("techniques"))
                    .toArray()
                    .contains(QStringLiteral("prompt-cache")));
    }

    void costIsCountedInTokensWithoutPrices()
    {
        EmbeddedEndpointRunner endpoint;
        QVERIFY(endpoint.start(model(3)));
        StreamingClient client;
        ImpactRunner runner(&client);
        EndpointProfile profile = profileFor(endpoint, QStringLiteral("Embedded"));
        profile.pricePerMInput = profile.pricePerMOutput = 0;
        const ImpactRow row = rowOf(QCoro::waitFor(runner.run(only(Technique::SemanticCache, profile))),
                                    Technique::SemanticCache);
        QVERIFY2(row.ok(), qPrintable(row.error));
        QCOMPARE(row.cost.basis, CostBasis::Tokens);
        QVERIFY(row.cost.change.high < 0);
        QVERIFY2(ImpactTable::cost(row.cost).endsWith(QStringLiteral("(tokens)")), qPrintable(ImpactTable::cost(row.cost)));
        // The tokens the hits did not send, as the row's detail counts them.
        QCOMPARE(ImpactTable::percent(row.cost.change.value), detail(row, QStringLiteral("tokens")));
    }

    void compressionCutsPromptTokensAndPrefill()
    {
        EmbeddedEndpointRunner endpoint;
        LatencyModel m = model(3);
        m.promptMsPerToken = 3; // prefill dominates TTFT here
        QVERIFY(endpoint.start(m));
        StreamingClient client;
        ImpactRunner runner(&client);
        const QList<ImpactRow> rows = QCoro::waitFor(
            runner.run(only(Technique::Compression, profileFor(endpoint, QStringLiteral("Embedded")))));
        const ImpactRow row = rowOf(rows, Technique::Compression);
        QVERIFY2(row.ok(), qPrintable(row.error));
        QVERIFY2(row.change.value < -0.05, qPrintable(QString::number(row.change.value)));
        QVERIFY(detail(row, QStringLiteral("prompt tokens")).startsWith(QChar(0x2212)));
        // Typically "cost −10~30%": fewer prompt tokens billed.
        QCOMPARE(row.cost.basis, CostBasis::Prices);
        QVERIFY2(row.cost.change.value < 0, qPrintable(ImpactTable::cost(row.cost)));
    }

    void variantComparesSpeedAndAnswers()
    {
        EmbeddedEndpointRunner base;
        EmbeddedEndpointRunner fast;
        QVERIFY(base.start(model(6)));
        QVERIFY(fast.start(model(3)));
        StreamingClient client;
        ImpactRunner runner(&client);
        ImpactConfig config = only(Technique::Variant, profileFor(base, QStringLiteral("Base")));
        config.variant = profileFor(fast, QStringLiteral("Quantized"));
        const QList<ImpactRow> rows = QCoro::waitFor(runner.run(config));
        const ImpactRow row = rowOf(rows, Technique::Variant);
        QVERIFY2(row.ok(), qPrintable(row.error));
        // Decoding twice as fast: +100% tokens per second.
        QVERIFY2(row.change.value > 0.7 && row.change.value < 1.3, qPrintable(QString::number(row.change.value)));
        QVERIFY(!detail(row, QStringLiteral("answer similarity")).isEmpty());
        // Typically "memory −50%": the server's memory, which no client sees.
        QCOMPARE(row.cost.basis, CostBasis::NotMeasurable);
        QCOMPARE(ImpactTable::cost(row.cost), QStringLiteral("not measurable from a client"));

        // Without a variant endpoint the row says what it needs instead of failing.
        ImpactConfig none = only(Technique::Variant, profileFor(base, QStringLiteral("Base")));
        const ImpactRow skipped = rowOf(QCoro::waitFor(runner.run(none)), Technique::Variant);
        QVERIFY(skipped.skipped);
        QVERIFY(skipped.error.isEmpty());
        QCOMPARE(skipped.cost.basis, CostBasis::NotMeasurable);
    }

    void unreachableEndpointGivesAnErrorRowNotACrash()
    {
        EndpointProfile dead;
        dead.id = QStringLiteral("dead");
        dead.name = QStringLiteral("Dead");
        dead.protocol = Protocol::OpenAIChat;
        dead.baseUrl = QUrl(QStringLiteral("http://127.0.0.1:9/v1")); // discard port: refused
        StreamingClient client;
        ImpactRunner runner(&client);
        ImpactConfig config = only(Technique::Streaming, dead);
        config.techniques = { Technique::Streaming, Technique::Batching };
        config.repetitions = 2;
        config.batchRequests = 2;
        QSignalSpy finished(&runner, &ImpactRunner::rowFinished);
        const QList<ImpactRow> rows = QCoro::waitFor(runner.run(config));
        QCOMPARE(finished.count(), 6);
        QVERIFY(!rowOf(rows, Technique::Streaming).error.isEmpty());
        QVERIFY(!rowOf(rows, Technique::Batching).error.isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestImpactExperiment)
#include "tst_impactexperiment.moc"
