// The Impact table as JSON (tokenscope-cli impact --json and the Impact panel's export),
// read back: the settings, every row with its typical claim (latency and cost change,
// difficulty, priority), its change, cost, interval, details and own settings.
#include "format/impactexport.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

namespace {

EndpointProfile endpoint(const QString &name, const QString &url)
{
    EndpointProfile p;
    p.name = name;
    p.baseUrl = QUrl(url);
    p.protocol = Protocol::OpenAIChat;
    p.model = QStringLiteral("qwen2.5-7b");
    p.apiKey = QStringLiteral("sk-planted-SECRET-4242");
    p.headers = { { "Authorization", "Bearer sk-planted-SECRET-4242" } };
    return p;
}

ImpactConfig config()
{
    ImpactConfig c;
    c.endpoint
        = endpoint(QStringLiteral("gpu-a"), QStringLiteral("https://user:pw@gpu-a.example/v1?key=zzz"));
    c.variant = endpoint(QStringLiteral("gpu-a-awq"), QStringLiteral("https://gpu-a.example:8001/v1"));
    c.techniques = { Technique::Streaming, Technique::Compression, Technique::Variant };
    c.prompt = QStringLiteral("用三句话解释流式输出。");
    c.maxTokens = 48;
    c.repetitions = 7;
    c.batchRequests = 24;
    c.concurrency = 6;
    c.cacheQueries = 0;
    c.cacheTrace = QStringLiteral("/data/traces/prod.jsonl");
    c.compressionPreset = QStringLiteral("en");
    return c;
}

ImpactRow row(Technique t, const ImpactConfig &c)
{
    ImpactRow r;
    r.technique = t;
    r.name = ImpactRunner::name(t);
    r.claim = ImpactTable::typicalClaim(t);
    r.metric = QStringLiteral("time to first text");
    r.unit = QStringLiteral("ms");
    r.baseline = 812.5;
    r.optimised = 96.25;
    r.change = { -0.8815, -0.9, -0.86, 7, 7 };
    r.cost = { CostBasis::Tokens, 118.0, 118.0, { 0, 0, 0, 7, 7 } };
    r.details = { { QStringLiteral("failed"), QStringLiteral("0") },
                  { QStringLiteral("pairs"), QStringLiteral("7") } };
    r.settings = c;
    r.settings.techniques = { t };
    r.command = ImpactRunner::command(c, t);
    r.verdict = QStringLiteral("consistent with the claim");
    return r;
}

void compareConfigs(const ImpactConfig &b, const ImpactConfig &a)
{
    QCOMPARE(b.endpoint.name, a.endpoint.name);
    QCOMPARE(b.endpoint.protocol, a.endpoint.protocol);
    QCOMPARE(b.endpoint.model, a.endpoint.model);
    QCOMPARE(b.endpoint.baseUrl, a.endpoint.baseUrl.adjusted(QUrl::RemoveUserInfo | QUrl::RemoveQuery));
    QCOMPARE(b.variant.has_value(), a.variant.has_value());
    if (a.variant)
        QCOMPARE(b.variant->name, a.variant->name);
    QCOMPARE(b.techniques, a.techniques);
    QCOMPARE(b.prompt, a.prompt);
    QCOMPARE(b.maxTokens, a.maxTokens);
    QCOMPARE(b.repetitions, a.repetitions);
    QCOMPARE(b.batchRequests, a.batchRequests);
    QCOMPARE(b.concurrency, a.concurrency);
    QCOMPARE(b.cacheQueries, a.cacheQueries);
    QCOMPARE(b.cacheTrace, a.cacheTrace);
    QCOMPARE(b.compressionPreset, a.compressionPreset);
}

} // namespace

class TestImpactExport : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void documentRoundTrip()
    {
        const ImpactConfig c = config();
        ImpactRow skipped = row(Technique::Batching, c);
        skipped.skipped = true;
        skipped.verdict = QStringLiteral("not run");
        ImpactRow failed = row(Technique::Variant, c);
        failed.error = QStringLiteral("no request succeeded on one of the endpoints");
        failed.cost = { CostBasis::NotMeasurable, 0, 0, {} };
        ImpactRow cache = row(Technique::SemanticCache, c);
        cache.cost = { CostBasis::Prices, 0.00021, 0.000105, { -0.5, -0.62, -0.38, 40, 40 } };
        // A claim other than the typical one must come back as written, not as the default.
        cache.claim.latency = { Quantity::Latency, -0.65, -0.35 };
        cache.claim.difficulty = Difficulty::High;
        cache.claim.stars = 1;
        const ImpactDocument doc { {}, c, { row(Technique::Streaming, c), cache, skipped, failed } };

        const QByteArray bytes = QJsonDocument(ImpactExport::documentJson(doc)).toJson();
        for (const char *secret : { "SECRET", "pw@", "key=zzz" })
            QVERIFY2(!bytes.contains(secret), secret);
        QString error;
        const auto back = ImpactExport::readDocument(QJsonDocument::fromJson(bytes).object(), &error);
        QVERIFY2(back, qPrintable(error));
        QCOMPARE(back->tool, QStringLiteral("tokenscope " TOKENSCOPE_VERSION));
        compareConfigs(back->settings, c);
        QCOMPARE(back->rows.size(), doc.rows.size());
        for (qsizetype i = 0; i < doc.rows.size(); ++i) {
            const ImpactRow &a = doc.rows.at(i);
            const ImpactRow &b = back->rows.at(i);
            QCOMPARE(b.technique, a.technique);
            QCOMPARE(b.name, a.name);
            QCOMPARE(b.claim, a.claim);
            QCOMPARE(b.cost.basis, a.cost.basis);
            QCOMPARE(b.cost.baseline, a.cost.baseline);
            QCOMPARE(b.cost.optimised, a.cost.optimised);
            QCOMPARE(b.cost.change.value, a.cost.change.value);
            QCOMPARE(b.cost.change.low, a.cost.change.low);
            QCOMPARE(b.cost.change.high, a.cost.change.high);
            QCOMPARE(b.cost.change.baselineSamples, a.cost.change.baselineSamples);
            QCOMPARE(b.metric, a.metric);
            QCOMPARE(b.unit, a.unit);
            QCOMPARE(b.baseline, a.baseline);
            QCOMPARE(b.optimised, a.optimised);
            QCOMPARE(b.change.value, a.change.value);
            QCOMPARE(b.change.low, a.change.low);
            QCOMPARE(b.change.high, a.change.high);
            QCOMPARE(b.change.baselineSamples, a.change.baselineSamples);
            QCOMPARE(b.change.optimisedSamples, a.change.optimisedSamples);
            QCOMPARE(b.details, a.details); // written as an object: back in name order
            compareConfigs(b.settings, a.settings);
            QCOMPARE(b.command, a.command);
            QCOMPARE(b.verdict, a.verdict);
            QCOMPARE(b.error, a.error);
            QCOMPARE(b.skipped, a.skipped);
        }
        QCOMPARE(ImpactExport::documentJson(*back), QJsonDocument::fromJson(bytes).object());
    }

    void claimColumnsAreWrittenAsTheTableHasThem()
    {
        // The five columns of the typical table for streaming, typed here from the table:
        // TTFT −80%, cost 0%, difficulty low, ★★★.
        const ImpactConfig c = config();
        const QJsonObject json = ImpactExport::rowJson(row(Technique::Streaming, c));
        const QJsonObject claim = json.value(QStringLiteral("claim")).toObject();
        const QJsonObject latency = claim.value(QStringLiteral("latency")).toObject();
        QCOMPARE(latency.value(QStringLiteral("quantity")).toString(), QStringLiteral("ttft"));
        QCOMPARE(latency.value(QStringLiteral("low")).toDouble(), -0.8);
        QCOMPARE(latency.value(QStringLiteral("high")).toDouble(), -0.8);
        QCOMPARE(latency.value(QStringLiteral("text")).toString(), QStringLiteral("TTFT −80%"));
        const QJsonObject cost = claim.value(QStringLiteral("cost")).toObject();
        QCOMPARE(cost.value(QStringLiteral("low")).toDouble(), 0.0);
        QCOMPARE(cost.value(QStringLiteral("high")).toDouble(), 0.0);
        QCOMPARE(claim.value(QStringLiteral("difficulty")).toString(), QStringLiteral("low"));
        QCOMPARE(claim.value(QStringLiteral("priority")).toInt(), 3);
        // −88% [−90%, −86%] against −80%: a bigger gain; its cost 0% [0%, 0%]: no measurable change.
        QCOMPARE(json.value(QStringLiteral("reading")).toString(), QStringLiteral("bigger_gain"));
        const QJsonObject measuredCost = json.value(QStringLiteral("cost")).toObject();
        QCOMPARE(measuredCost.value(QStringLiteral("basis")).toString(), QStringLiteral("tokens"));
        QCOMPARE(measuredCost.value(QStringLiteral("reading")).toString(), QStringLiteral("no_measurable_change"));

        // Quantization's memory saving is written as what it is: not measurable from a client.
        ImpactRow variant = row(Technique::Variant, c);
        variant.cost = { CostBasis::NotMeasurable, 0, 0, {} };
        const QJsonObject v = ImpactExport::rowJson(variant);
        QCOMPARE(v.value(QStringLiteral("claim")).toObject().value(QStringLiteral("cost")).toObject()
                     .value(QStringLiteral("quantity")).toString(),
                 QStringLiteral("memory"));
        QCOMPARE(v.value(QStringLiteral("cost")).toObject().value(QStringLiteral("basis")).toString(),
                 QStringLiteral("not_measurable"));
        QVERIFY(!v.value(QStringLiteral("cost")).toObject().contains(QStringLiteral("change")));
    }

    void documentCarriesTheRecommendedOrder()
    {
        const ImpactConfig c = config();
        ImpactRow streaming = row(Technique::Streaming, c);
        streaming.change = { -0.3, -0.4, -0.2, 5, 5 };
        ImpactRow cache = row(Technique::SemanticCache, c);
        cache.change = { -0.6, -0.7, -0.5, 40, 40 };
        const QJsonObject json = ImpactExport::documentJson({ {}, c, { streaming, cache } });
        const QJsonObject order = json.value(QStringLiteral("recommended_order")).toObject();
        QCOMPARE(order.value(QStringLiteral("techniques")).toArray(),
                 QJsonArray({ QStringLiteral("cache"), QStringLiteral("streaming") }));
        QCOMPARE(order.value(QStringLiteral("differences")).toArray(),
                 QJsonArray({ QStringLiteral("On this endpoint, the semantic cache pays more than streaming.") }));
        QCOMPARE(order.value(QStringLiteral("unmeasured")).toArray().size(), 3);
    }

    void earlierDocumentsGetTheTypicalClaim()
    {
        // Early documents wrote the claim as words and had no cost: the row gets the typical
        // claim of its technique back, and its cost reads as not measured.
        QJsonObject old = ImpactExport::rowJson(row(Technique::Compression, config()));
        old.insert(QStringLiteral("claim"), QStringLiteral("latency −10–20%, cost −10–30%"));
        old.remove(QStringLiteral("cost"));
        const ImpactRow back = ImpactExport::rowFromJson(old);
        QCOMPARE(back.claim.latency.low, -0.2);
        QCOMPARE(back.claim.latency.high, -0.1);
        QCOMPARE(back.claim.cost.low, -0.3);
        QCOMPARE(back.claim.cost.high, -0.1);
        QCOMPARE(back.claim.difficulty, Difficulty::Low);
        QCOMPARE(back.claim.stars, 2);
        QCOMPARE(back.cost.basis, CostBasis::NotMeasured);
    }

    void defaultsAreWrittenByName()
    {
        ImpactConfig c = config();
        c.prompt.clear();
        c.cacheTrace.clear();
        c.variant.reset();
        const QJsonObject json = ImpactExport::configJson(c);
        QCOMPARE(json.value(QStringLiteral("prompt")).toString(), ImpactRunner::defaultPrompt());
        QCOMPARE(json.value(QStringLiteral("cache_trace")).toString(), QStringLiteral("sample"));
        QVERIFY(!json.contains(QStringLiteral("variant")));
        const ImpactConfig back = ImpactExport::configFromJson(json);
        QVERIFY(back.cacheTrace.isEmpty()); // the built-in sample again
        QVERIFY(!back.variant);
    }

    void refusesOtherDocuments()
    {
        QString error;
        QVERIFY(!ImpactExport::readDocument(QJsonObject { { QStringLiteral("rows"), 3 } }, &error));
        QVERIFY(!error.isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestImpactExport)
#include "tst_impactexport.moc"
