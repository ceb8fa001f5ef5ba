#include "impactexperiment.h"

#include "cache/cachesimulator.h"
#include "cache/embedder.h"
#include "cache/querytrace.h"
#include "client/streamingclient.h"
#include "compress/abmeasurement.h"
#include "compress/promptcompressor.h"
#include "load/loadrunner.h"
#include "metrics/requestmetrics.h"
#include "metrics/statistics.h"
#include "protocol/protocol.h"
#include "tokenize/tokencounter.h"
#include "workload/syntheticprompts.h"

#include <QCoreApplication>
#include <QLocale>
#include <QRandomGenerator>

#include <algorithm>

namespace {

using Statistics::mean;

// A row's settings say what was run, never how it was authorised.
EndpointProfile withoutSecrets(EndpointProfile profile)
{
    profile.apiKey.clear();
    profile.headers.clear();
    return profile;
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
    case Technique::PromptCache: return QStringLiteral("prompt-cache");
    }
    return {};
}

std::optional<Technique> ImpactRunner::fromKey(QStringView key)
{
    for (Technique t : ImpactTable::rowOrder()) {
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
    case Technique::PromptCache: return tr("Provider prompt caching");
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
    row.claim = ImpactTable::typicalClaim(technique);
    if (!ImpactTable::measurableFromClient(row.claim.cost.quantity))
        row.cost.basis = CostBasis::NotMeasurable;
    row.settings = config;
    row.settings.techniques = { technique };
    row.settings.endpoint = withoutSecrets(config.endpoint);
    if (config.variant)
        row.settings.variant = withoutSecrets(*config.variant);
    row.command = command(config, technique);
    return row;
}

QCoro::Task<QList<ImpactRow>> ImpactRunner::run(ImpactConfig config)
{
    QPointer<ImpactRunner> self(this);
    m_running = true;
    m_cancelled = false;
    QList<ImpactRow> rows;
    for (Technique t : ImpactTable::rowOrder()) {
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
            case Technique::PromptCache: row = co_await promptCache(config); break;
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

QString verdictFor(const ImpactRow &row)
{
    return ImpactTable::reading(ImpactTable::reading(row.change, row.claim.latency));
}

bool hasPrices(const EndpointProfile &endpoint)
{
    return endpoint.pricePerMInput > 0 || endpoint.pricePerMOutput > 0;
}

// What a request cost: its tokens at the endpoint's prices, or the tokens themselves when
// the endpoint has no price (the row then says "tokens").
double costOf(const EndpointProfile &endpoint, qint64 promptTokens, qint64 completionTokens)
{
    if (!hasPrices(endpoint))
        return double(promptTokens + completionTokens);
    return (double(promptTokens) * endpoint.pricePerMInput + double(completionTokens) * endpoint.pricePerMOutput)
        / 1e6;
}

// The cost of a request from the usage the server reported; nullopt without usage.
std::optional<double> costOf(const EndpointProfile &endpoint, const RequestTrace &trace)
{
    if (!trace.usage.promptTokens && !trace.usage.completionTokens)
        return std::nullopt;
    return costOf(endpoint, trace.usage.promptTokens.value_or(0),
                  trace.usage.completionTokens.value_or(Metrics::compute(trace).outputTokens));
}

CostMeasurement costMeasurement(const EndpointProfile &endpoint, const QList<double> &without,
                                const QList<double> &with, bool paired)
{
    CostMeasurement m;
    if (without.isEmpty() || with.isEmpty())
        return m;
    m.basis = hasPrices(endpoint) ? CostBasis::Prices : CostBasis::Tokens;
    m.baseline = mean(without);
    m.optimised = mean(with);
    m.change = paired ? Change::ofPairs(without, with, 3) : Change::ofMeans(without, with, 3);
    return m;
}

QString number(double v, int decimals)
{
    return QLocale().toString(v, 'f', decimals);
}

// The prompt-cache row's shared context: readable English of exactly PromptCachePrefixTokens
// cl100k_base tokens (an estimate without the rank file), the same text in every run.
std::optional<QString> promptCacheContext(QString *error)
{
    const SyntheticPromptGenerator generator(TokenCounter::forEncoding(BpeEncodingId::Cl100kBase));
    return generator.text(ImpactRunner::PromptCachePrefixTokens, u"en", 17, error);
}

// The line a prompt opens with: eight random decimal digits, so that two references share no
// first block while every prompt keeps its length (digits tokenise in fixed groups in
// cl100k_base and o200k_base, and as two tokens on the embedded endpoint).
QString referenceLine()
{
    const QString digits
        = QString::number(QRandomGenerator::global()->bounded(100'000'000u)).rightJustified(8, u'0');
    return QStringLiteral("Reference %1\n\n").arg(digits);
}

GenerationRequest promptCacheRequest(const QString &reference, const QString &context, int question,
                                     const ImpactConfig &config)
{
    GenerationRequest r;
    // The shared part first, the question after it: only a prefix can be served from a cache.
    r.messages = {
        ChatMessage { QStringLiteral("system"), reference + context },
        ChatMessage { QStringLiteral("user"),
                      QStringLiteral("Question %1: in one sentence, what is the reference above mainly about?")
                          .arg(question) },
    };
    r.maxTokens = std::min(config.maxTokens, ImpactRunner::PromptCacheMaxTokens);
    r.stream = true;
    return r;
}

// Prompt tokens the server served from its cache: its usage, else its timings (llama.cpp's cache_n).
std::optional<qint64> cachedTokensOf(const RequestTrace &trace)
{
    return trace.usage.cachedPromptTokens ? trace.usage.cachedPromptTokens : trace.timings.cachedPromptTokens;
}

// The whole prompt as the server counted it (usage counts cached tokens in; llama.cpp's prompt_n does not).
std::optional<qint64> promptTokensOf(const RequestTrace &trace)
{
    if (trace.usage.promptTokens)
        return trace.usage.promptTokens;
    if (trace.timings.promptTokens)
        return *trace.timings.promptTokens + trace.timings.cachedPromptTokens.value_or(0);
    return std::nullopt;
}

// What a prompt-cache request cost: the cached prompt tokens at the profile's cached-input
// price (the input price when it sets none), the rest as costOf() counts them; nullopt
// without usage.
std::optional<double> promptCacheCostOf(const EndpointProfile &endpoint, const RequestTrace &trace)
{
    const auto prompt = promptTokensOf(trace);
    if (!prompt && !trace.usage.completionTokens)
        return std::nullopt;
    const qint64 completion = trace.usage.completionTokens.value_or(Metrics::compute(trace).outputTokens);
    if (!hasPrices(endpoint))
        return double(prompt.value_or(0) + completion);
    return endpoint.requestCost(prompt.value_or(0), cachedTokensOf(trace).value_or(0), completion);
}

// How the row's cost counted the cached tokens, in the row's words.
QString cachedPriceNote(const EndpointProfile &endpoint)
{
    if (!hasPrices(endpoint))
        return QCoreApplication::translate("ImpactRunner",
                                           "like any other token (the endpoint has no prices)");
    if (!endpoint.pricePerMCachedInput)
        return QCoreApplication::translate(
            "ImpactRunner", "at the full input price (the profile sets no cached-input price)");
    return QCoreApplication::translate("ImpactRunner",
                                       "at %1 per million tokens instead of the input price %2")
        .arg(QLocale().toString(*endpoint.pricePerMCachedInput), QLocale().toString(endpoint.pricePerMInput));
}

} // namespace

QCoro::Task<ImpactRow> ImpactRunner::streaming(ImpactConfig config)
{
    QPointer<ImpactRunner> self(this);
    ImpactRow row = emptyRow(Technique::Streaming, config);
    row.metric = tr("time to first text");
    row.unit = QStringLiteral("ms");
    QList<double> streamed, whole;
    QList<double> costStreamed, costWhole; // pairs whose both requests reported usage
    int failures = 0;
    QString firstError;
    // Pairs, streamed first then not, so that drift in the endpoint's load hits both alike.
    for (int i = 0; i < config.repetitions && !m_cancelled; ++i) {
        Q_EMIT progress(tr("Streaming: pair %1 of %2").arg(i + 1).arg(config.repetitions));
        const RequestTrace s
            = co_await m_client->send(config.endpoint, requestFor(config, true), config.options);
        if (!self)
            co_return row;
        const RequestTrace w
            = co_await m_client->send(config.endpoint, requestFor(config, false), config.options);
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
        const auto cs = costOf(config.endpoint, s);
        const auto cw = costOf(config.endpoint, w);
        if (cs && cw) {
            costStreamed.append(*cs);
            costWhole.append(*cw);
        }
    }
    if (streamed.isEmpty()) {
        row.error = firstError.isEmpty() ? tr("cancelled") : firstError;
        co_return row;
    }
    row.baseline = mean(whole);
    row.optimised = mean(streamed);
    row.change = Change::ofPairs(whole, streamed);
    row.cost = costMeasurement(config.endpoint, costWhole, costStreamed, true);
    row.details = { { tr("pairs"), QString::number(streamed.size()) }, { tr("failed"), QString::number(failures) } };
    row.verdict = verdictFor(row);
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
    QList<double> costWithout, costWith;
    for (const QueryOutcome &q : report.outcomes) {
        if (!q.error.isEmpty())
            continue;
        without.append(q.uncachedLatencyMs);
        with.append(q.latencyMs);
        // A hit's answer is what the endpoint once charged for; this time nothing is sent.
        const double cost = costOf(config.endpoint, q.promptTokens, q.completionTokens);
        costWithout.append(cost);
        costWith.append(q.kind == CacheLookup::Kind::Miss ? cost : 0.0);
    }
    if (without.isEmpty()) {
        row.error = tr("every request of the replay failed");
        co_return row;
    }
    row.baseline = mean(without);
    row.optimised = mean(with);
    row.change = Change::ofPairs(without, with);
    row.cost = costMeasurement(config.endpoint, costWithout, costWith, true);
    row.details = {
        { tr("queries"), QString::number(report.outcomes.size()) },
        { tr("hit rate"), ImpactTable::share(report.stats.hitRate()) },
        { tr("false hits"), QString::number(report.stats.falseHits) },
        { tr("tokens"), ImpactTable::percent(-report.tokensSavedShare()) },
        { tr("requests sent"), QString::number(report.sentRequests) },
    };
    row.verdict = verdictFor(row);
    co_return row;
}

QCoro::Task<ImpactRow> ImpactRunner::promptCache(ImpactConfig config)
{
    QPointer<ImpactRunner> self(this);
    ImpactRow row = emptyRow(Technique::PromptCache, config);
    row.metric = tr("time to first token");
    row.unit = QStringLiteral("ms");
    QString error;
    const std::optional<QString> context = promptCacheContext(&error);
    if (!context) {
        row.error = error;
        co_return row;
    }
    // A new shared reference every run, so that the warm-up really writes the cache, even
    // against a server an earlier run left warm.
    const QString shared = referenceLine();

    Q_EMIT progress(tr("Prompt caching: warm-up request"));
    // Each request is built before its co_await: GCC 12 mishandles temporaries (and a
    // conditional's) inside a co_await expression.
    const GenerationRequest warmUpRequest = promptCacheRequest(shared, *context, 0, config);
    const RequestTrace warmUp = co_await m_client->send(config.endpoint, warmUpRequest, config.options);
    if (!self)
        co_return row;
    const RequestMetrics warmUpMetrics = Metrics::compute(warmUp);
    if (!warmUp.ok() || !warmUpMetrics.ttftMs) {
        row.error = tr("the warm-up request failed: %1")
                        .arg(warmUp.ok() ? tr("no token arrived") : warmUp.errorMessage);
        co_return row;
    }

    // Arm 0: every prompt opens with a reference of its own (cold); arm 1: the shared one.
    QList<double> ttft[2], costs[2], promptMs[2];
    qint64 cached[2] = { 0, 0 }, prompt[2] = { 0, 0 };
    bool cachedReported = true;
    bool promptReported = true;
    int failures = 0;
    QString firstError;
    for (int i = 1; i <= config.repetitions && !m_cancelled; ++i) {
        Q_EMIT progress(tr("Prompt caching: pair %1 of %2").arg(i).arg(config.repetitions));
        // Distinct first, then shared, so that drift in the endpoint's load hits both alike.
        RequestTrace traces[2];
        for (int arm = 0; arm < 2; ++arm) {
            const QString reference = arm == 0 ? referenceLine() : shared;
            const GenerationRequest request = promptCacheRequest(reference, *context, i, config);
            traces[arm] = co_await m_client->send(config.endpoint, request, config.options);
            if (!self)
                co_return row;
        }
        const RequestMetrics metrics[2] = { Metrics::compute(traces[0]), Metrics::compute(traces[1]) };
        if (!traces[0].ok() || !traces[1].ok() || !metrics[0].ttftMs || !metrics[1].ttftMs) {
            ++failures;
            if (firstError.isEmpty())
                firstError = !traces[0].ok() ? traces[0].errorMessage
                    : !traces[1].ok()        ? traces[1].errorMessage
                                             : tr("no token arrived");
            continue;
        }
        const auto c0 = promptCacheCostOf(config.endpoint, traces[0]);
        const auto c1 = promptCacheCostOf(config.endpoint, traces[1]);
        if (c0 && c1) {
            costs[0].append(*c0);
            costs[1].append(*c1);
        }
        for (int arm = 0; arm < 2; ++arm) {
            const RequestTrace &t = traces[arm];
            ttft[arm].append(*metrics[arm].ttftMs);
            const auto c = cachedTokensOf(t);
            const auto p = promptTokensOf(t);
            cachedReported = cachedReported && c && p;
            cached[arm] += c.value_or(0);
            prompt[arm] += p.value_or(0);
            // Only the server can tell prefill from the rest: an estimate would not know the cache.
            promptReported = promptReported
                && metrics[arm].phases.sourceOf(Phase::Prompt) == PhaseSource::ServerReported;
            promptMs[arm].append(metrics[arm].phases[Phase::Prompt]);
        }
    }
    if (ttft[0].isEmpty()) {
        row.error = firstError.isEmpty() ? tr("cancelled") : firstError;
        co_return row;
    }
    row.baseline = mean(ttft[0]);
    row.optimised = mean(ttft[1]);
    row.change = Change::ofPairs(ttft[0], ttft[1]);
    row.cost = costMeasurement(config.endpoint, costs[0], costs[1], true);

    const QString notReported = tr("not reported by the server");
    const auto cachedShare = [&](int arm) {
        return cachedReported && prompt[arm] > 0 ? ImpactTable::share(double(cached[arm]) / double(prompt[arm]))
                                                 : notReported;
    };
    QString promptPhase = notReported;
    if (promptReported && mean(promptMs[0]) > 0)
        promptPhase = tr("%1 (%2 → %3 ms)")
                          .arg(ImpactTable::percent(mean(promptMs[1]) / mean(promptMs[0]) - 1),
                               number(mean(promptMs[0]), 1), number(mean(promptMs[1]), 1));
    const int pairs = int(ttft[0].size());
    row.details = {
        { tr("pairs"), QString::number(pairs) },
        { tr("prompt tokens"), prompt[1] > 0 ? number(double(prompt[1]) / pairs, 0) : notReported },
        { tr("cached tokens, shared prefix"), cachedShare(1) },
        { tr("cached tokens, distinct prefixes"), cachedShare(0) },
        { tr("prompt processing"), promptPhase },
        { tr("warm-up TTFT"), number(*warmUpMetrics.ttftMs, 0) + QStringLiteral(" ms") },
        // Without a cached-input price the discount a provider may give is not in the cost
        // column, and the row says so rather than guess one.
        { tr("cached tokens billed"), cachedPriceNote(config.endpoint) },
        { tr("failed"), QString::number(failures) },
    };
    row.verdict = verdictFor(row);
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
    QList<double> costs[2];
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
            if (const auto cost = costOf(config.endpoint, r.trace))
                costs[arm].append(*cost);
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
    row.cost = costMeasurement(config.endpoint, costs[0], costs[1], false);
    row.details = {
        { tr("concurrency"), QString::number(levels[1]) },
        { tr("E2E latency"), ImpactTable::percent(latency.value) },
        // Per-token prices charge a batched request what it costs alone; where the bill is
        // the server's time, the cost of a token falls as the throughput rises.
        { tr("server time per output token"), ImpactTable::percent(1 / (1 + row.change.value) - 1) },
        { tr("E2E p50, one at a time"), number(summaries[0].e2eMs.p50, 0) + QStringLiteral(" ms") },
        { tr("E2E p50, batched"), number(summaries[1].e2eMs.p50, 0) + QStringLiteral(" ms") },
        { tr("failed"), QString::number(summaries[0].requestsFailed + summaries[1].requestsFailed) },
    };
    row.verdict = verdictFor(row);
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
    QList<double> costs[2];
    for (int arm = 0; arm < 2; ++arm) {
        for (const AbSample &s : (arm == 0 ? result.original : result.compressed).samples) {
            if (!s.ok)
                continue;
            ttft[arm].append(s.ttftMs);
            costs[arm].append(costOf(config.endpoint, s.promptTokens, s.completionTokens));
        }
    }
    if (ttft[0].isEmpty() || ttft[1].isEmpty()) {
        row.error = result.cancelled ? tr("cancelled") : tr("no request succeeded in one of the arms");
        co_return row;
    }
    row.baseline = mean(ttft[0]);
    row.optimised = mean(ttft[1]);
    row.change = Change::ofMeans(ttft[0], ttft[1]);
    row.cost = costMeasurement(config.endpoint, costs[0], costs[1], false);
    row.details = {
        { tr("prompt tokens"), ImpactTable::percent(AbResult::changePercent(result.original.promptTokens,
                                                                            result.compressed.promptTokens) / 100) },
        { tr("E2E latency"),
          ImpactTable::percent(AbResult::changePercent(result.original.e2eMs, result.compressed.e2eMs) / 100) },
        { tr("answer similarity"), number(result.similarity.mean, 2) + QStringLiteral(" (")
              + tr("run to run %1").arg(number(result.baselineSimilarity.mean, 2)) + QStringLiteral(")") },
    };
    row.verdict = verdictFor(row);
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
            const RequestTrace t = co_await m_client->send(endpoints[side], requestFor(config, true), config.options);
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
        { tr("E2E latency"), ImpactTable::percent(Change::ofMeans(e2e[0], e2e[1]).value) },
        { tr("answer similarity"), number(drift.mean, 2) + QStringLiteral(" (")
              + tr("run to run %1").arg(number(within.mean, 2)) + QStringLiteral(")") },
        { tr("failed"), QString::number(failures) },
    };
    row.verdict = verdictFor(row);
    co_return row;
}
