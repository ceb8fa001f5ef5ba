// The embedded endpoint's latency presets against the typical ranges commonly claimed for a
// production LLM endpoint, written out here on their own: network 50–200 ms, prompt
// processing 100–500 ms, inference 500–5,000 ms, generation linear in the output tokens (no
// fixed range), post-processing 10–50 ms.
#include "client/streamingclient.h"
#include "endpoint/embeddedendpoint.h"
#include "endpoint/latencysampler.h"
#include "metrics/requestmetrics.h"

#include <QTest>

#include <iterator>
#include <memory>
#include <vector>

namespace {

struct Range
{
    Phase phase;
    double minMs;
    double maxMs;
};

const Range Typical[] = {
    {Phase::Network, 50, 200},
    {Phase::Prompt, 100, 500},
    {Phase::Inference, 500, 5000},
    {Phase::Postprocess, 10, 50},
};

} // namespace

class TestLatencyPresets : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void presetsAreNamed();
    void typicalDrawsStayInRange_data();
    void typicalDrawsStayInRange();
    void typicalEndpointMeasuresInRange();
};

void TestLatencyPresets::presetsAreNamed()
{
    // The fast defaults stay as they were, under a name that says what they are for.
    const LatencyModel fast = LatencyModels::fast();
    const LatencyModel defaults;
    QCOMPARE(fast.inferenceMs, defaults.inferenceMs);
    QCOMPARE(fast.networkMs, defaults.networkMs);
    QCOMPARE(fast.promptFixedMs, 0.0);
    QCOMPARE(LatencyModels::label(LatencyPreset::Fast), QStringLiteral("Fast (for demos and tests)"));
    QCOMPARE(LatencyModels::label(LatencyPreset::TypicalProduction), QStringLiteral("Typical production endpoint"));
    QVERIFY(fast.inferenceMs < 500); // below the typical 500–5,000 ms: why it is not "typical"
    QVERIFY(LatencyModels::fromName(u"typical") == LatencyPreset::TypicalProduction);
    QVERIFY(LatencyModels::fromName(u" FAST ") == LatencyPreset::Fast);
    QVERIFY(!LatencyModels::fromName(u"warp"));
    QCOMPARE(LatencyModels::names(), QStringList({QStringLiteral("fast"), QStringLiteral("typical")}));
}

void TestLatencyPresets::typicalDrawsStayInRange_data()
{
    QTest::addColumn<int>("promptTokens");
    QTest::newRow("empty prompt") << 0;
    QTest::newRow("short prompt") << 15;
    QTest::newRow("400 tokens") << 400;
    QTest::newRow("1,000 tokens") << 1000;
}

void TestLatencyPresets::typicalDrawsStayInRange()
{
    // What the endpoint draws for each phase, exactly as it draws it, thousands of times:
    // the jitter never pushes a phase out of its typical range.
    QFETCH(int, promptTokens);
    const LatencyModel model = LatencyModels::typicalProduction();
    for (quint64 seed : {1ULL, 42ULL, 20240601ULL}) {
        LatencyModel seeded = model;
        seeded.seed = seed;
        Sim::LatencySampler sampler(seeded);
        for (int i = 0; i < 2000; ++i) {
            const double drawn[] = {
                sampler.jittered(model.networkMs),
                sampler.jittered(model.promptFixedMs + model.promptMsPerToken * promptTokens),
                sampler.jittered(model.inferenceMs),
                sampler.jittered(model.postprocessMs),
            };
            for (size_t r = 0; r < std::size(Typical); ++r) {
                QVERIFY2(drawn[r] >= Typical[r].minMs && drawn[r] <= Typical[r].maxMs,
                         qPrintable(QStringLiteral("%1: %2 ms").arg(Phases::label(Typical[r].phase)).arg(drawn[r])));
            }
        }
    }
    // Generation grows with the output: a fixed cost per token, no fixed total.
    QVERIFY(model.generationMsPerToken > 0);
}

void TestLatencyPresets::typicalEndpointMeasuresInRange()
{
    // Over real loopback the network is next to nothing: what the client measures as network
    // is the delay the endpoint adds before its response headers. Three requests at once and
    // four tokens each keep this to about two seconds.
    EmbeddedEndpointRunner endpoint;
    QVERIFY(endpoint.start(LatencyModels::typicalProduction()));
    EndpointProfile profile;
    profile.name = QStringLiteral("typical");
    profile.protocol = Protocol::OpenAIChat;
    profile.model = QStringLiteral("tokenscope-sim");
    profile.baseUrl = endpoint.baseUrl();
    profile.baseUrl.setPath(QStringLiteral("/v1"));
    GenerationRequest request;
    request.messages = {{QStringLiteral("user"), QStringLiteral("Why does streaming lower the time to first token?")}};
    request.maxTokens = 4;
    request.stream = true;

    StreamingClient client;
    std::vector<std::unique_ptr<RequestHandle>> handles;
    for (int i = 0; i < 3; ++i)
        handles.push_back(client.start(profile, request));
    for (const auto &handle : handles)
        QTRY_VERIFY_WITH_TIMEOUT(handle->isFinished(), 15'000);

    for (const auto &handle : handles) {
        const RequestTrace &trace = handle->trace();
        QVERIFY2(trace.ok(), qPrintable(trace.errorMessage));
        const RequestMetrics m = Metrics::compute(trace);
        // Every figure is read off the trace or reported by the server, none estimated.
        QCOMPARE(m.phases.sourceOf(Phase::Network), PhaseSource::Measured);
        QCOMPARE(m.phases.sourceOf(Phase::Prompt), PhaseSource::ServerReported);
        for (const Range &range : Typical) {
            const double ms = m.phases[range.phase];
            QVERIFY2(ms >= range.minMs && ms <= range.maxMs,
                     qPrintable(QStringLiteral("%1: %2 ms").arg(Phases::label(range.phase)).arg(ms)));
        }
        QCOMPARE(m.outputTokens, 4);
        QVERIFY(m.phases[Phase::Generation] > 0);
    }
}

QTEST_GUILESS_MAIN(TestLatencyPresets)
#include "tst_latencypresets.moc"
