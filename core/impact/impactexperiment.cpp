#include "impactexperiment.h"

#include "cache/cachesimulator.h"
#include "cache/embedder.h"
#include "cache/querytrace.h"
#include "client/streamingclient.h"
#include "compress/abmeasurement.h"
#include "compress/promptcompressor.h"
#include "load/loadrunner.h"
#include "metrics/requestmetrics.h"
#include "protocol/protocol.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QLocale>

#include <algorithm>
#include <numeric>
#include <random>

namespace {

class Text
{
    Q_DECLARE_TR_FUNCTIONS(ImpactRunner)
};

constexpr int BootstrapResamples = 2000;
// Request ids of the Impact experiments, away from the load runner's and the batcher's.
constexpr quint64 IdBase = quint64(3) << 61;

double mean(const QList<double> &values)
{
    return values.isEmpty() ? 0 : std::accumulate(values.cbegin(), values.cend(), 0.0) / double(values.size());
}

// The 2.5th and 97.5th percentiles of the resampled ratios (type 7 on the sorted list).
std::pair<double, double> interval(QList<double> ratios)
{
    if (ratios.isEmpty())
        return { 0, 0 };
    std::sort(ratios.begin(), ratios.end());
    const auto at = [&ratios](double p) {
        const double h = (ratios.size() - 1) * p;
        const qsizetype lo = qsizetype(std::floor(h));
        const qsizetype hi = std::min(lo + 1, ratios.size() - 1);
        return ratios.at(lo) + (h - double(lo)) * (ratios.at(hi) - ratios.at(lo));
    };
    return { at(0.025), at(0.975) };
}

QString percent(double change)
{
    return QLocale().toString(change * 100, 'f', 0) + QStringLiteral("%");
}

QString signedPercent(double change)
{
    return (change > 0 ? QStringLiteral("+") : QString()) + percent(change);
}

QJsonObject endpointJson(const EndpointProfile &p)
{
    return { { QStringLiteral("name"), p.name },
             { QStringLiteral("protocol"), Protocols::name(p.protocol) },
             { QStringLiteral("model"), p.model },
             { QStringLiteral("base_url"), p.baseUrl.toString(QUrl::RemoveUserInfo | QUrl::RemoveQuery) } };
}

GenerationRequest requestFor(const ImpactConfig &config, bool stream)
{
    GenerationRequest r;
    r.messages = { ChatMessage { QStringLiteral("user"),
                                 config.prompt.isEmpty() ? ImpactRunner::defaultPrompt() : config.prompt } };
    r.maxTokens = config.maxTokens;
    r.stream = stream;
    return r;
}

double msBetween(qint64 fromNs, qint64 toNs)
{
    return double(toNs - fromNs) / 1e6;
}

} // namespace

Change Change::ofMeans(const QList<double> &baseline, const QList<double> &optimised, quint64 seed)
{
    Change c;
    c.baselineSamples = int(baseline.size());
    c.optimisedSamples = int(optimised.size());
    const double b = mean(baseline);
    if (baseline.isEmpty() || optimised.isEmpty() || b == 0)
        return c;
    c.value = mean(optimised) / b - 1;
    std::mt19937_64 rng(seed);
    QList<double> ratios;
    ratios.reserve(BootstrapResamples);
    for (int k = 0; k < BootstrapResamples; ++k) {
        double sb = 0, so = 0;
        std::uniform_int_distribution<qsizetype> pickB(0, baseline.size() - 1);
        std::uniform_int_distribution<qsizetype> pickO(0, optimised.size() - 1);
        for (qsizetype i = 0; i < baseline.size(); ++i)
            sb += baseline.at(pickB(rng));
        for (qsizetype i = 0; i < optimised.size(); ++i)
            so += optimised.at(pickO(rng));
        if (sb > 0)
            ratios.append((so / double(optimised.size())) / (sb / double(baseline.size())) - 1);
    }
    std::tie(c.low, c.high) = interval(ratios);
    return c;
}

Change Change::ofPairs(const QList<double> &baseline, const QList<double> &optimised, quint64 seed)
{
    Change c;
    const qsizetype n = std::min(baseline.size(), optimised.size());
    c.baselineSamples = c.optimisedSamples = int(n);
    const double b = mean(baseline.mid(0, n));
    if (n == 0 || b == 0)
        return c;
    c.value = mean(optimised.mid(0, n)) / b - 1;
    std::mt19937_64 rng(seed);
    std::uniform_int_distribution<qsizetype> pick(0, n - 1);
    QList<double> ratios;
    ratios.reserve(BootstrapResamples);
    for (int k = 0; k < BootstrapResamples; ++k) {
        double sb = 0, so = 0;
        for (qsizetype i = 0; i < n; ++i) {
            const qsizetype j = pick(rng);
            sb += baseline.at(j);
            so += optimised.at(j);
        }
        if (sb > 0)
            ratios.append(so / sb - 1);
    }
    std::tie(c.low, c.high) = interval(ratios);
    return c;
}

QJsonObject ImpactRow::toJson() const
{
    QJsonObject detailsJson;
    for (const auto &[k, v] : details)
        detailsJson.insert(k, v);
    QJsonObject o {
        { QStringLiteral("technique"), ImpactRunner::key(technique) },
        { QStringLiteral("name"), name },
        { QStringLiteral("claim"), claim },
        { QStringLiteral("metric"), metric },
        { QStringLiteral("unit"), unit },
        { QStringLiteral("baseline"), baseline },
        { QStringLiteral("optimised"), optimised },
        { QStringLiteral("change"), change.value },
        { QStringLiteral("change_low"), change.low },
        { QStringLiteral("change_high"), change.high },
        { QStringLiteral("baseline_samples"), change.baselineSamples },
        { QStringLiteral("optimised_samples"), change.optimisedSamples },
        { QStringLiteral("details"), detailsJson },
        { QStringLiteral("settings"), settings },
        { QStringLiteral("command"), command },
        { QStringLiteral("verdict"), verdict },
        { QStringLiteral("skipped"), skipped },
    };
    if (!error.isEmpty())
        o.insert(QStringLiteral("error"), error);
    return o;
}

QJsonObject ImpactConfig::toJson() const
{
    QJsonArray techniqueKeys;
    for (Technique t : techniques)
        techniqueKeys.append(ImpactRunner::key(t));
    QJsonObject o {
        { QStringLiteral("endpoint"), endpointJson(endpoint) },
        { QStringLiteral("techniques"), techniqueKeys },
        { QStringLiteral("prompt"), prompt.isEmpty() ? ImpactRunner::defaultPrompt() : prompt },
        { QStringLiteral("max_tokens"), maxTokens },
        { QStringLiteral("repetitions"), repetitions },
        { QStringLiteral("batch_requests"), batchRequests },
        { QStringLiteral("concurrency"), concurrency },
        { QStringLiteral("cache_queries"), cacheQueries },
        { QStringLiteral("cache_trace"), cacheTrace.isEmpty() ? QStringLiteral("sample") : cacheTrace },
        { QStringLiteral("compression_preset"), compressionPreset },
    };
    if (variant)
        o.insert(QStringLiteral("variant"), endpointJson(*variant));
    return o;
}

ImpactRunner::ImpactRunner(StreamingClient *client, QObject *parent)
    : QObject(parent)
    , m_client(client ? client : new StreamingClient(this))
{
    qRegisterMetaType<ImpactRow>();
}

ImpactRunner::~ImpactRunner() = default;

QString ImpactRunner::key(Technique technique)
{
    switch (technique) {
    case Technique::Streaming: return QStringLiteral("streaming");
    case Technique::SemanticCache: return QStringLiteral("cache");
    case Technique::Batching: return QStringLiteral("batching");
    case Technique::Compression: return QStringLiteral("compression");
    case Technique::Variant: return QStringLiteral("variant");
    }
    return {};
}

std::optional<Technique> ImpactRunner::fromKey(QStringView key)
{
    for (Technique t : { Technique::Streaming, Technique::SemanticCache, Technique::Batching, Technique::Compression,
                         Technique::Variant }) {
        if (key == ImpactRunner::key(t))
            return t;
    }
    return std::nullopt;
}

QString ImpactRunner::name(Technique technique)
{
    switch (technique) {
    case Technique::Streaming: return tr("Streaming");
    case Technique::SemanticCache: return tr("Semantic cache");
    case Technique::Batching: return tr("Batching / concurrency");
    case Technique::Compression: return tr("Prompt compression");
    case Technique::Variant: return tr("Variant (e.g. quantized)");
    }
    return {};
}

QString ImpactRunner::claim(Technique technique)
{
    switch (technique) {
    case Technique::Streaming: return tr("TTFT −80%");
    case Technique::SemanticCache: return tr("latency and cost −40–70%");
    case Technique::Batching: return tr("throughput +3×, cost −30%");
    case Technique::Compression: return tr("latency −10–20%, cost −10–30%");
    case Technique::Variant: return tr("speed +20%, memory −50%");
    }
    return {};
}

QString ImpactRunner::defaultPrompt()
{
    return tr("Explain in a few sentences why streaming responses feel faster to users.");
}

QString ImpactRunner::defaultCompressionPrompt(const QString &preset)
{
    if (preset == u"en")
        return QStringLiteral(
            "Hello! I would like you to please help me with something. Could you please kindly explain, in "
            "a clear and detailed way, what machine learning is? Basically, I am really just trying to "
            "understand the basic idea. Please note that I am a beginner. Please note that I am a "
            "beginner. Thank you very much in advance for your help!");
    return QStringLiteral("你好！请你帮我一个忙。首先，请你详细地解释一下什么是机器学习。其次，请你举一个简单的例子。"
                          "需要注意的是，我是一个初学者，所以请你尽量用通俗易懂的语言来回答。"
                          "需要注意的是，我是一个初学者。非常感谢你的帮助！");
}

void ImpactRunner::cancel()
{
    m_cancelled = true;
    if (m_cache)
        m_cache->cancel();
    if (m_ab)
        m_ab->cancel();
    if (m_runner)
        m_runner->cancel();
}

QString ImpactRunner::command(const ImpactConfig &config, Technique technique)
{
    QStringList args { QStringLiteral("tokenscope-cli"), QStringLiteral("impact"), QStringLiteral("--only"),
                       key(technique) };
    // The embedded endpoint is the CLI's default target; any other is named (never its key).
    if (config.endpoint.id != u"embedded") {
        args << QStringLiteral("--endpoint") << config.endpoint.baseUrl.toString(QUrl::RemoveUserInfo | QUrl::RemoveQuery)
             << QStringLiteral("--protocol") << Protocols::name(config.endpoint.protocol);
        if (!config.endpoint.model.isEmpty())
            args << QStringLiteral("--model") << config.endpoint.model;
        if (!config.endpoint.apiKeyEnv.isEmpty())
            args << QStringLiteral("--api-key-env") << config.endpoint.apiKeyEnv;
    }
    if (technique == Technique::Variant && config.variant) {
        args << QStringLiteral("--variant-endpoint")
             << config.variant->baseUrl.toString(QUrl::RemoveUserInfo | QUrl::RemoveQuery);
        if (!config.variant->model.isEmpty())
            args << QStringLiteral("--variant-model") << config.variant->model;
    }
    args << QStringLiteral("--max-tokens") << QString::number(config.maxTokens) << QStringLiteral("--repetitions")
         << QString::number(config.repetitions);
    if (technique == Technique::Batching)
        args << QStringLiteral("--batch-requests") << QString::number(config.batchRequests)
             << QStringLiteral("--concurrency") << QString::number(config.concurrency);
    if (technique == Technique::SemanticCache)
        args << QStringLiteral("--cache-queries") << QString::number(config.cacheQueries);
    if (technique == Technique::Compression)
        args << QStringLiteral("--preset") << config.compressionPreset;
    return args.join(u' ');
}

ImpactRow ImpactRunner::emptyRow(Technique technique, const ImpactConfig &config) const
{
    ImpactRow row;
    row.technique = technique;
    row.name = name(technique);
    row.claim = claim(technique);
    QJsonObject settings = config.toJson();
    settings.insert(QStringLiteral("techniques"), QJsonArray { key(technique) });
    row.settings = settings;
    row.command = command(config, technique);
    return row;
}

QCoro::Task<QList<ImpactRow>> ImpactRunner::run(ImpactConfig config)
{
    QPointer<ImpactRunner> self(this);
    m_running = true;
    m_cancelled = false;
    QList<ImpactRow> rows;
    for (Technique t : { Technique::Streaming, Technique::SemanticCache, Technique::Batching, Technique::Compression,
                         Technique::Variant }) {
        ImpactRow row;
        if (m_cancelled) {
            break;
        } else if (!config.techniques.contains(t)) {
            row = emptyRow(t, config);
            row.skipped = true;
            row.verdict = tr("not run");
        } else if (t == Technique::Variant && !config.variant) {
            row = emptyRow(t, config);
            row.skipped = true;
            row.verdict = tr("needs a second endpoint serving the same model");
        } else {
            Q_EMIT rowStarted(t);
            switch (t) {
            case Technique::Streaming: row = co_await streaming(config); break;
            case Technique::SemanticCache: row = co_await semanticCache(config); break;
            case Technique::Batching: row = co_await batching(config); break;
            case Technique::Compression: row = co_await compression(config); break;
            case Technique::Variant: row = co_await variant(config); break;
            }
            if (!self)
                co_return rows;
        }
        rows.append(row);
        Q_EMIT rowFinished(row);
    }
    m_running = false;
    co_return rows;
}

namespace {

// Reads a measured change against the claimed range [low, high] (both as changes, e.g.
// −0.8 for −80%). lowerIsBetter: a more negative change is a bigger gain.
QString verdictFor(const Change &c, double claimLow, double claimHigh, bool lowerIsBetter)
{
    const bool overlaps = c.high >= claimLow && c.low <= claimHigh;
    if (overlaps)
        return Text::tr("consistent with the claim");
    const bool better = lowerIsBetter ? c.high < claimLow : c.low > claimHigh;
    return better ? Text::tr("a bigger gain than claimed") : Text::tr("a smaller gain than claimed");
}

QString number(double v, int decimals)
{
    return QLocale().toString(v, 'f', decimals);
}

} // namespace

QCoro::Task<ImpactRow> ImpactRunner::streaming(ImpactConfig config)
{
    QPointer<ImpactRunner> self(this);
    ImpactRow row = emptyRow(Technique::Streaming, config);
    row.metric = tr("time to first text");
    row.unit = QStringLiteral("ms");
    QList<double> streamed, whole;
    int failures = 0;
    QString firstError;
    // Pairs, streamed first then not, so that drift in the endpoint's load hits both alike.
    for (int i = 0; i < config.repetitions && !m_cancelled; ++i) {
        Q_EMIT progress(tr("Streaming: pair %1 of %2").arg(i + 1).arg(config.repetitions));
        const RequestTrace s
            = co_await m_client->send(config.endpoint, requestFor(config, true), config.options, IdBase + m_nextId++);
        if (!self)
            co_return row;
        const RequestTrace w
            = co_await m_client->send(config.endpoint, requestFor(config, false), config.options, IdBase + m_nextId++);
        if (!self)
            co_return row;
        if (!s.ok() || !w.ok() || s.firstAnswerTokenNs < 0) {
            ++failures;
            if (firstError.isEmpty())
                firstError = !s.ok() ? s.errorMessage : !w.ok() ? w.errorMessage : tr("no answer token arrived");
            continue;
        }
        streamed.append(msBetween(s.startNs, s.firstAnswerTokenNs));
        // Without streaming the text is there only when the whole body is.
        whole.append(msBetween(w.startNs, w.endNs));
    }
    if (streamed.isEmpty()) {
        row.error = firstError.isEmpty() ? tr("cancelled") : firstError;
        co_return row;
    }
    row.baseline = mean(whole);
    row.optimised = mean(streamed);
    row.change = Change::ofPairs(whole, streamed);
    row.details = { { tr("pairs"), QString::number(streamed.size()) }, { tr("failed"), QString::number(failures) } };
    row.verdict = verdictFor(row.change, -0.8, -0.8, true);
    co_return row;
}

QCoro::Task<ImpactRow> ImpactRunner::semanticCache(ImpactConfig config)
{
    QPointer<ImpactRunner> self(this);
    ImpactRow row = emptyRow(Technique::SemanticCache, config);
    row.metric = tr("latency per query over a trace");
    row.unit = QStringLiteral("ms");
    QString error;
    std::optional<QueryTrace> trace = config.cacheTrace.isEmpty()
        ? std::optional<QueryTrace>(QueryTraceReader::sample())
        : QueryTraceReader::readFile(config.cacheTrace, &error);
    if (!trace || trace->queries.isEmpty()) {
        row.error = trace ? tr("the trace has no queries") : error;
        co_return row;
    }
    if (config.cacheQueries > 0 && trace->queries.size() > config.cacheQueries)
        trace->queries = trace->queries.mid(0, config.cacheQueries);
    Q_EMIT progress(tr("Semantic cache: replaying %n queries", nullptr, int(trace->queries.size())));

    CacheSimConfig sim;
    sim.endpoint = config.endpoint;
    sim.requestOptions = config.options;
    sim.cost.outputTokens = config.maxTokens;
    if (config.endpoint.pricePerMInput > 0 || config.endpoint.pricePerMOutput > 0) {
        sim.cost.pricePerMInput = config.endpoint.pricePerMInput;
        sim.cost.pricePerMOutput = config.endpoint.pricePerMOutput;
    }
    BuiltinEmbedder embedder;
    auto *simulator = new CacheSimulator(this);
    m_cache = simulator;
    const CacheReport report = co_await simulator->run(*trace, &embedder, sim);
    if (!self)
        co_return row;
    simulator->deleteLater();
    if (!report.error.isEmpty()) {
        row.error = report.error;
        co_return row;
    }
    QList<double> without, with;
    for (const QueryOutcome &q : report.outcomes) {
        if (!q.error.isEmpty())
            continue;
        without.append(q.uncachedLatencyMs);
        with.append(q.latencyMs);
    }
    if (without.isEmpty()) {
        row.error = tr("every request of the replay failed");
        co_return row;
    }
    row.baseline = mean(without);
    row.optimised = mean(with);
    row.change = Change::ofPairs(without, with);
    row.details = {
        { tr("queries"), QString::number(report.outcomes.size()) },
        { tr("hit rate"), percent(report.stats.hitRate()) },
        { tr("false hits"), QString::number(report.stats.falseHits) },
        { tr("cost"), report.costWithout > 0 ? signedPercent(-report.costSavedShare()) : tr("no prices set for the endpoint") },
        { tr("tokens"), signedPercent(-report.tokensSavedShare()) },
        { tr("requests sent"), QString::number(report.sentRequests) },
    };
    row.verdict = verdictFor(row.change, -0.7, -0.4, true);
    co_return row;
}

QCoro::Task<ImpactRow> ImpactRunner::batching(ImpactConfig config)
{
    QPointer<ImpactRunner> self(this);
    ImpactRow row = emptyRow(Technique::Batching, config);
    row.metric = tr("output tokens per second");
    row.unit = tr("tokens/s");
    // Little's law per request: with C requests always in flight, each request's tokens over
    // its own latency, times C, estimates the throughput; its mean is the run's throughput.
    QList<double> rates[2];
    QList<double> e2e[2];
    RunSummary summaries[2];
    const int levels[2] = { 1, std::max(2, config.concurrency) };
    for (int arm = 0; arm < 2 && !m_cancelled; ++arm) {
        Q_EMIT progress(arm == 0 ? tr("Batching: %n request(s) one at a time", nullptr, config.batchRequests)
                                 : tr("Batching: %1 requests, %2 at a time").arg(config.batchRequests).arg(levels[arm]));
        LoadConfig load;
        load.endpoint = config.endpoint;
        load.prompts = { requestFor(config, true) };
        load.requests = config.batchRequests;
        load.concurrency = levels[arm];
        load.options = config.options;
        auto *runner = new LoadRunner(m_client, this);
        m_runner = runner;
        const QList<RequestRecord> records = co_await runner->run(load);
        if (!self)
            co_return row;
        summaries[arm] = runner->summary();
        runner->deleteLater();
        for (const RequestRecord &r : records) {
            if (r.warmup || !r.trace.ok() || r.metrics.e2eMs <= 0)
                continue;
            rates[arm].append(levels[arm] * double(r.metrics.outputTokens) * 1000.0 / r.metrics.e2eMs);
            e2e[arm].append(r.metrics.e2eMs);
        }
    }
    if (rates[0].isEmpty() || rates[1].isEmpty()) {
        row.error = m_cancelled ? tr("cancelled") : tr("no request succeeded in one of the arms");
        co_return row;
    }
    row.baseline = summaries[0].outputTokensPerSecond;
    row.optimised = summaries[1].outputTokensPerSecond;
    row.change = Change::ofMeans(rates[0], rates[1]);
    const Change latency = Change::ofMeans(e2e[0], e2e[1], 2);
    row.details = {
        { tr("concurrency"), QString::number(levels[1]) },
        { tr("E2E latency"), signedPercent(latency.value) },
        { tr("E2E p50, one at a time"), number(summaries[0].e2eMs.p50, 0) + QStringLiteral(" ms") },
        { tr("E2E p50, batched"), number(summaries[1].e2eMs.p50, 0) + QStringLiteral(" ms") },
        { tr("failed"), QString::number(summaries[0].requestsFailed + summaries[1].requestsFailed) },
    };
    row.verdict = verdictFor(row.change, 2.0, 2.0, false);
    co_return row;
}

QCoro::Task<ImpactRow> ImpactRunner::compression(ImpactConfig config)
{
    QPointer<ImpactRunner> self(this);
    ImpactRow row = emptyRow(Technique::Compression, config);
    row.metric = tr("time to first token");
    row.unit = QStringLiteral("ms");
    const auto preset = PromptCompressor::presetFromName(config.compressionPreset);
    if (!preset) {
        row.error = tr("unknown compression preset \"%1\" (zh or en)").arg(config.compressionPreset);
        co_return row;
    }
    const QString original = config.compressionPrompt.isEmpty() ? defaultCompressionPrompt(config.compressionPreset)
                                                                 : config.compressionPrompt;
    const QString compressed = PromptCompressor::preset(*preset).compress(original).text;
    AbConfig ab;
    ab.profile = config.endpoint;
    ab.repetitions = config.repetitions;
    ab.maxTokens = config.maxTokens;
    ab.options = config.options;
    ab.counter = TokenCounter::forEncoding(BpeEncodingId::Cl100kBase);
    auto *measurement = new AbMeasurement(this);
    m_ab = measurement;
    connect(measurement, &AbMeasurement::progress, this, [this](int done, int total) {
        Q_EMIT progress(tr("Compression: request %1 of %2").arg(done).arg(total));
    });
    const AbResult result = co_await measurement->run(ab, original, compressed);
    if (!self)
        co_return row;
    measurement->deleteLater();
    QList<double> ttft[2];
    for (const AbSample &s : result.original.samples) {
        if (s.ok)
            ttft[0].append(s.ttftMs);
    }
    for (const AbSample &s : result.compressed.samples) {
        if (s.ok)
            ttft[1].append(s.ttftMs);
    }
    if (ttft[0].isEmpty() || ttft[1].isEmpty()) {
        row.error = result.cancelled ? tr("cancelled") : tr("no request succeeded in one of the arms");
        co_return row;
    }
    row.baseline = mean(ttft[0]);
    row.optimised = mean(ttft[1]);
    row.change = Change::ofMeans(ttft[0], ttft[1]);
    row.details = {
        { tr("prompt tokens"), signedPercent(AbResult::changePercent(result.original.promptTokens,
                                                                     result.compressed.promptTokens) / 100) },
        { tr("E2E latency"), signedPercent(AbResult::changePercent(result.original.e2eMs, result.compressed.e2eMs) / 100) },
        { tr("cost"), result.original.cost.mean > 0
                          ? signedPercent(AbResult::changePercent(result.original.cost, result.compressed.cost) / 100)
                          : tr("no prices set for the endpoint") },
        { tr("answer similarity"), number(result.similarity.mean, 2) + QStringLiteral(" (")
              + tr("run to run %1").arg(number(result.baselineSimilarity.mean, 2)) + QStringLiteral(")") },
    };
    row.verdict = verdictFor(row.change, -0.2, -0.1, true);
    co_return row;
}

QCoro::Task<ImpactRow> ImpactRunner::variant(ImpactConfig config)
{
    QPointer<ImpactRunner> self(this);
    ImpactRow row = emptyRow(Technique::Variant, config);
    row.metric = tr("decode speed");
    row.unit = tr("tokens/s");
    QList<double> speed[2], e2e[2];
    QStringList answers[2];
    int failures = 0;
    QString firstError;
    const EndpointProfile endpoints[2] = { config.endpoint, *config.variant };
    for (int i = 0; i < config.repetitions && !m_cancelled; ++i) {
        Q_EMIT progress(tr("Variant: round %1 of %2").arg(i + 1).arg(config.repetitions));
        for (int side = 0; side < 2; ++side) {
            const RequestTrace t = co_await m_client->send(endpoints[side], requestFor(config, true), config.options,
                                                           IdBase + m_nextId++);
            if (!self)
                co_return row;
            const RequestMetrics m = Metrics::compute(t);
            if (!t.ok()) {
                ++failures;
                if (firstError.isEmpty())
                    firstError = t.errorMessage;
                continue;
            }
            if (m.tokensPerSecond)
                speed[side].append(*m.tokensPerSecond);
            e2e[side].append(m.e2eMs);
            answers[side].append(t.text);
        }
    }
    if (speed[0].isEmpty() || speed[1].isEmpty()) {
        row.error = firstError.isEmpty() ? tr("no request succeeded on one of the endpoints") : firstError;
        co_return row;
    }
    row.baseline = mean(speed[0]);
    row.optimised = mean(speed[1]);
    row.change = Change::ofMeans(speed[0], speed[1]);
    const MeanCi drift = AnswerSimilarity::between(answers[1], answers[0]);
    const MeanCi within = AnswerSimilarity::within(answers[0]);
    row.details = {
        { tr("variant"), config.variant->name },
        { tr("E2E latency"), signedPercent(Change::ofMeans(e2e[0], e2e[1]).value) },
        { tr("answer similarity"), number(drift.mean, 2) + QStringLiteral(" (")
              + tr("run to run %1").arg(number(within.mean, 2)) + QStringLiteral(")") },
        { tr("memory"), tr("not measurable from outside the server") },
        { tr("failed"), QString::number(failures) },
    };
    row.verdict = verdictFor(row.change, 0.2, 0.2, false);
    co_return row;
}
