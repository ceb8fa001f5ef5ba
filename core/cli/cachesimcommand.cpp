#include "clicommon.h"
#include "commands_p.h"

#include "cache/cachesimulator.h"
#include "cache/embedder.h"
#include "cache/querytrace.h"
#include "cache/referencescenario.h"
#include "endpoint/embeddedendpointservice.h"
#include "format/cacheexport.h"
#include "format/runexport.h"

#include <QCommandLineParser>
#include <QFileInfo>
#include <QJsonDocument>

#include <cmath>
#include <memory>

namespace {

QString pct(double share, int decimals = 1)
{
    return QString::number(share * 100, 'f', decimals) + u'%';
}

using CliCommon::fmt;

/// "0.5:0.99:0.01" → thresholds; nullopt after printing the error.
std::optional<QList<double>> parseSweep(const QString &text)
{
    const QStringList parts = text.split(u':');
    bool ok[3] = { false, false, false };
    if (parts.size() == 3) {
        const double from = parts.at(0).toDouble(&ok[0]);
        const double to = parts.at(1).toDouble(&ok[1]);
        const double step = parts.at(2).toDouble(&ok[2]);
        if (ok[0] && ok[1] && ok[2] && from >= -1 && to <= 1 && from <= to && step > 0
            && (to - from) / step <= 10'000) {
            QList<double> values;
            const int count = int(std::floor((to - from) / step + 1e-9));
            for (int i = 0; i <= count; ++i)
                values.append(std::round((from + i * step) * 1e6) / 1e6);
            return values;
        }
    }
    CliCommon::printError(
        CliText::tr("--sweep expects FROM:TO:STEP with -1 <= FROM <= TO <= 1 and STEP > 0, got \"%1\"")
            .arg(text));
    return std::nullopt;
}

void printCurve(const CacheReport &report)
{
    QTextStream &out = CliCommon::out();
    const QStringList headers { CliText::tr("threshold"), CliText::tr("hit rate"), CliText::tr("false hits"),
                                CliText::tr("precision"), CliText::tr("recall"),   CliText::tr("F1") };
    for (const QString &h : headers)
        out << h.rightJustified(11);
    out << '\n';
    for (const ThresholdPoint &p : report.curve) {
        const bool best = report.best && std::abs(report.best->threshold - p.threshold) < 1e-9;
        out << fmt(p.threshold, 2).rightJustified(11) << pct(p.hitRate).rightJustified(11)
            << pct(p.falseHitRate).rightJustified(11) << fmt(p.precision, 3).rightJustified(11)
            << fmt(p.recall, 3).rightJustified(11) << fmt(p.f1, 3).rightJustified(11)
            << (best ? QStringLiteral("  *") : QString()) << '\n';
    }
    out << '\n';
}

void printReport(const CacheReport &report, bool showCurve)
{
    QTextStream &out = CliCommon::out();
    const CacheStats &s = report.stats;
    const CacheConfig &c = report.config.cache;
    out << CliText::tr("Trace: %1 (%2 queries); embedder: %3; index: %4")
               .arg(report.traceSource)
               .arg(report.outcomes.size())
               .arg(report.embedder, report.indexKind)
        << '\n';
    out << CliText::tr("Cache: threshold %1, policy %2, capacity %3, TTL %4")
               .arg(fmt(c.threshold, 2), EvictionPolicies::name(c.policy),
                    c.maxEntries > 0 ? QString::number(c.maxEntries) : CliText::tr("unlimited"),
                    c.ttlNs > 0 ? CliText::tr("%1 s (%2)")
                                      .arg(fmt(double(c.ttlNs) / 1e9, 0),
                                           c.ttlMode == TtlMode::Sliding ? CliText::tr("sliding")
                                                                         : CliText::tr("absolute"))
                                : CliText::tr("none"))
        << '\n';
    if (report.online)
        out << CliText::tr("Misses sent to %1: %2 (%3 failed)")
                   .arg(report.endpointName)
                   .arg(report.sentRequests)
                   .arg(report.failedRequests)
            << '\n';
    else
        out << CliText::tr("Offline: miss latency and tokens from the latency model (no endpoint called)")
            << '\n';
    out << '\n';
    out << CliText::tr("Statistics: %1").arg(ReferenceScenario::statsText(report.cacheSize, s)) << '\n';
    out << CliText::tr("Lookups %1: exact hits %2, semantic hits %3")
               .arg(s.lookups)
               .arg(s.exactHits)
               .arg(s.semanticHits)
        << '\n';
    out << CliText::tr("False hits %1 (%2 of lookups); missed duplicates %3; evictions %4; expirations %5")
               .arg(s.falseHits)
               .arg(pct(s.falseHitRate()))
               .arg(s.missedDuplicates)
               .arg(s.evictions)
               .arg(s.expirations)
        << '\n';
    out << CliText::tr(
               "Latency: miss %1 ms, hit %2 ms (mean); total %3 s without the cache, %4 s with it (%5 saved)")
               .arg(fmt(report.meanMissLatencyMs), fmt(report.meanHitLatencyMs, 3),
                    fmt(report.totalLatencyWithoutMs / 1000), fmt(report.totalLatencyWithMs / 1000),
                    pct(report.latencySavedShare()))
        << '\n';
    out << CliText::tr("Tokens: %1 without, %2 with (%3 saved); cost %4 → %5 (%6 saved)")
               .arg(report.tokensWithout)
               .arg(report.tokensWith)
               .arg(pct(report.tokensSavedShare()))
               .arg(fmt(report.costWithout, 4), fmt(report.costWith, 4), pct(report.costSavedShare()))
        << '\n';
    if (report.best) {
        out << CliText::tr("Best threshold for at most %1 false hits: %2 (hit rate %3, false hits %4, F1 %5)")
                   .arg(pct(report.config.maxFalseHitRate), fmt(report.best->threshold, 2),
                        pct(report.best->hitRate), pct(report.best->falseHitRate), fmt(report.best->f1, 3))
            << '\n';
    } else {
        out << CliText::tr("No threshold keeps false hits at or below %1.")
                   .arg(pct(report.config.maxFalseHitRate))
            << '\n';
    }
    out << '\n';
    if (showCurve)
        printCurve(report);
    if (!report.capacitySweep.isEmpty()) {
        out << CliText::tr("Capacity sweep (hit rate):") << '\n';
        const QStringList headers { CliText::tr("entries"), QStringLiteral("LRU"), QStringLiteral("LFU"),
                                    QStringLiteral("FIFO"), CliText::tr("Belady") };
        for (const QString &h : headers)
            out << h.rightJustified(10);
        out << '\n';
        for (const CapacityPoint &p : report.capacitySweep)
            out << QString::number(p.capacity).rightJustified(10) << pct(p.lru).rightJustified(10)
                << pct(p.lfu).rightJustified(10) << pct(p.fifo).rightJustified(10)
                << pct(p.belady).rightJustified(10) << '\n';
        out << '\n';
    }
    if (!report.ttlSweep.isEmpty()) {
        out << CliText::tr("TTL sweep:") << '\n';
        out << CliText::tr("TTL s").rightJustified(10) << CliText::tr("hit rate").rightJustified(10)
            << CliText::tr("expired").rightJustified(10) << '\n';
        for (const TtlPoint &p : report.ttlSweep)
            out << fmt(p.ttlS, 0).rightJustified(10) << pct(p.hitRate).rightJustified(10)
                << QString::number(p.expirations).rightJustified(10) << '\n';
        out << '\n';
    }
    out.flush();
}

/// The typical scenario: each query's claimed outcome beside this cache's, and why they differ.
void printReference(const ReferenceComparison &comparison)
{
    QTextStream &out = CliCommon::out();
    out << CliText::tr("Typical scenario: the claimed outcome of each query beside this cache's") << '\n';
    out << QStringLiteral("#").rightJustified(3) << QStringLiteral("  ")
        << CliText::tr("typical claim").leftJustified(15) << CliText::tr("TokenScope").leftJustified(15)
        << CliText::tr("similarity").rightJustified(10) << QStringLiteral("  ")
        << CliText::tr("query → best match") << '\n';
    for (const ReferenceQueryCheck &q : comparison.queries) {
        out << QString::number(q.index + 1).rightJustified(3) << QStringLiteral("  ")
            << ReferenceScenario::outcomeText(q.expected).leftJustified(15)
            << ReferenceScenario::outcomeText(q.actual).leftJustified(15)
            << (q.score > -1.5f ? fmt(double(q.score), 3) : QStringLiteral("—")).rightJustified(10)
            << QStringLiteral("  ") << q.text;
        if (!q.matchedText.isEmpty())
            out << QStringLiteral(" → ") << q.matchedText;
        if (!q.agrees())
            out << QStringLiteral("  ") << CliText::tr("(differs)");
        out << '\n';
    }
    for (const QString &note : comparison.notes())
        out << note << '\n';
    out << '\n';
    out.flush();
}

} // namespace

QCoro::Task<int> CliCommands::cacheSim(QStringList arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(CliText::tr(
        "Replays a query trace through a semantic cache (exact layer + embedding similarity) and reports "
        "hit rate, false hits, latency, tokens and cost saved, and the whole threshold curve from one "
        "replay. Offline unless --embedded or --endpoint: then every miss is really sent."));
    parser.addHelpOption();
    parser.addOptions({
        { QStringLiteral("trace"),
          CliText::tr(
              "Query trace: JSONL (\"text\", optional \"timestamp\" in s, \"group\") or CSV with a "
              "header; \"sample\" for the built-in bilingual trace; \"reference\" for the typical "
              "five-query scenario, whose settings (capacity %1, TTL %2 s, threshold %3) apply unless "
              "given. Its third query rephrases the first: a cache keyed by exact text misses it at "
              "any threshold; the semantic layer is what can turn it into a semantic hit.")
              .arg(ReferenceScenario::Capacity)
              .arg(ReferenceScenario::TtlS)
              .arg(ReferenceScenario::Threshold),
          CliText::tr("file") },
        { QStringLiteral("threshold"),
          CliText::tr("Similarity threshold of the semantic layer (default %1).")
              .arg(CacheConfig::DefaultThreshold),
          CliText::tr("t") },
        { QStringLiteral("sweep"),
          CliText::tr("Print the threshold curve over FROM:TO:STEP (e.g. 0.5:0.99:0.01)."),
          CliText::tr("range") },
        { QStringLiteral("max-false-hit"),
          CliText::tr("Largest acceptable false-hit rate, 0..1, for the best threshold (default 0.01)."),
          CliText::tr("rate"), QStringLiteral("0.01") },
        { QStringLiteral("exact-only"), CliText::tr("Exact layer only (no semantic matching).") },
        { QStringLiteral("ttl"), CliText::tr("Time to live of an entry (default: none)."), CliText::tr("s") },
        { QStringLiteral("sliding"), CliText::tr("A hit restarts the entry's TTL.") },
        { QStringLiteral("capacity"), CliText::tr("Maximum entries (default: unlimited)."),
          CliText::tr("n") },
        { QStringLiteral("capacity-bytes"), CliText::tr("Maximum bytes of entries (default: unlimited)."),
          CliText::tr("bytes") },
        { QStringLiteral("policy"), CliText::tr("Eviction: lru, lfu or fifo (default lru)."),
          CliText::tr("name"), QStringLiteral("lru") },
        { QStringLiteral("admit-hits"), CliText::tr("Also store the query of a semantic hit as an entry.") },
        { QStringLiteral("capacity-sweep"),
          CliText::tr("Capacities to compare LRU, LFU, FIFO and the Belady bound at (e.g. 10,20,50,100)."),
          CliText::tr("list") },
        { QStringLiteral("ttl-sweep"), CliText::tr("TTLs in seconds to compare (e.g. 60,300,1800)."),
          CliText::tr("list") },
        { QStringLiteral("embedder"),
          CliText::tr("builtin (offline character n-gram hashing) or endpoint (POST /v1/embeddings)."),
          CliText::tr("name"), QStringLiteral("builtin") },
        { QStringLiteral("embed-endpoint"),
          CliText::tr("Base URL of the embeddings endpoint (default: the --endpoint, or the embedded one)."),
          CliText::tr("url") },
        { QStringLiteral("embed-model"), CliText::tr("Model name for the embeddings endpoint."),
          CliText::tr("name") },
        { QStringLiteral("embed-batch"), CliText::tr("Inputs per embeddings call (default 64)."),
          CliText::tr("n"), QStringLiteral("64") },
        { QStringLiteral("embedded"), CliText::tr("Send misses to the embedded simulated endpoint.") },
        { QStringLiteral("price-in"), CliText::tr("Price per million input tokens (default 0.5)."),
          CliText::tr("price"), QStringLiteral("0.5") },
        { QStringLiteral("price-out"), CliText::tr("Price per million output tokens (default 1.5)."),
          CliText::tr("price"), QStringLiteral("1.5") },
        { QStringLiteral("json"),
          CliText::tr("Write the report (every query, the curve, the sweeps) as JSON."),
          CliText::tr("file") },
        { QStringLiteral("csv"),
          CliText::tr("Write one CSV row per query (and the curve to FILE with .curve.csv)."),
          CliText::tr("file") },
    });
    parser.addOptions(CliCommon::endpointOptions());
    parser.addOptions(CliCommon::requestOptions());
    for (QCommandLineOption option : CliCommon::promptOptions()) {
        option.setFlags(QCommandLineOption::HiddenFromHelp); // the trace gives the prompts
        parser.addOption(option);
    }
    CliCommon::addSimulationOptions(parser);
    if (auto status = CliCommon::parseCommandLine(parser, arguments))
        co_return *status;

    if (!parser.isSet(QStringLiteral("trace"))) {
        CliCommon::printError(CliText::tr("--trace FILE is required (or --trace sample, --trace reference)"));
        co_return 2;
    }
    QString error;
    auto trace = QueryTraceReader::readFile(parser.value(QStringLiteral("trace")), &error);
    if (!trace) {
        CliCommon::printError(error);
        co_return 1;
    }

    CacheSimConfig config;
    CacheConfig &cache = config.cache;
    const bool reference = ReferenceScenario::isReference(*trace);
    if (reference) {
        // The scenario's own settings, each unless the user gave it.
        const CacheConfig typical = ReferenceScenario::withDefaults(cache);
        cache.threshold = typical.threshold;
        cache.ttlNs = typical.ttlNs;
        cache.maxEntries = typical.maxEntries;
    }
    if (parser.isSet(QStringLiteral("threshold"))) {
        const auto t = CliCommon::number(parser, QStringLiteral("threshold"), -1, 1);
        if (!t)
            co_return 2;
        cache.threshold = *t;
    }
    if (parser.isSet(QStringLiteral("sweep"))) {
        if (parser.isSet(QStringLiteral("threshold"))) {
            CliCommon::printError(CliText::tr("give --threshold or --sweep, not both"));
            co_return 2;
        }
        const auto thresholds = parseSweep(parser.value(QStringLiteral("sweep")));
        if (!thresholds)
            co_return 2;
        config.thresholds = *thresholds;
    }
    const auto maxFalse = CliCommon::number(parser, QStringLiteral("max-false-hit"), 0, 1);
    if (!maxFalse)
        co_return 2;
    config.maxFalseHitRate = *maxFalse;
    cache.semantic = !parser.isSet(QStringLiteral("exact-only"));
    cache.admitSemanticHits = parser.isSet(QStringLiteral("admit-hits"));
    if (parser.isSet(QStringLiteral("ttl"))) {
        const auto ttl = CliCommon::number(parser, QStringLiteral("ttl"), 0.001, 1e9);
        if (!ttl)
            co_return 2;
        cache.ttlNs = qint64(*ttl * 1e9);
    }
    cache.ttlMode = parser.isSet(QStringLiteral("sliding")) ? TtlMode::Sliding : TtlMode::Absolute;
    if (parser.isSet(QStringLiteral("capacity"))) {
        const auto n = CliCommon::number(parser, QStringLiteral("capacity"), 1, 1e9);
        if (!n)
            co_return 2;
        cache.maxEntries = qsizetype(*n);
    }
    if (parser.isSet(QStringLiteral("capacity-bytes"))) {
        const auto n = CliCommon::number(parser, QStringLiteral("capacity-bytes"), 1, 1e15);
        if (!n)
            co_return 2;
        cache.maxBytes = qint64(*n);
    }
    const auto policy = EvictionPolicies::fromName(parser.value(QStringLiteral("policy")));
    if (!policy) {
        CliCommon::printError(CliText::tr("--policy expects lru, lfu or fifo, got \"%1\"")
                                  .arg(parser.value(QStringLiteral("policy"))));
        co_return 2;
    }
    cache.policy = *policy;
    if (parser.isSet(QStringLiteral("capacity-sweep"))) {
        const auto list = CliCommon::numberList(parser, QStringLiteral("capacity-sweep"), 1, 1e9, true);
        if (!list)
            co_return 2;
        for (double v : *list)
            config.capacities.append(qsizetype(v));
    }
    if (parser.isSet(QStringLiteral("ttl-sweep"))) {
        const auto list = CliCommon::numberList(parser, QStringLiteral("ttl-sweep"), 0.001, 1e9, false);
        if (!list)
            co_return 2;
        config.ttlsS = *list;
    }
    const auto priceIn = CliCommon::number(parser, QStringLiteral("price-in"), 0, 1e6);
    const auto priceOut = CliCommon::number(parser, QStringLiteral("price-out"), 0, 1e6);
    const auto embedBatch = CliCommon::number(parser, QStringLiteral("embed-batch"), 1, 2048);
    if (!priceIn || !priceOut || !embedBatch)
        co_return 2;
    config.cost.pricePerMInput = *priceIn;
    config.cost.pricePerMOutput = *priceOut;

    const QString embedderName = parser.value(QStringLiteral("embedder"));
    if (embedderName != u"builtin" && embedderName != u"endpoint") {
        CliCommon::printError(
            CliText::tr("--embedder expects builtin or endpoint, got \"%1\"").arg(embedderName));
        co_return 2;
    }
    if (parser.isSet(QStringLiteral("embedded")) && parser.isSet(QStringLiteral("endpoint"))) {
        CliCommon::printError(CliText::tr("give --embedded or --endpoint, not both"));
        co_return 2;
    }

    auto target = CliCommon::targetFrom(parser);
    if (!target)
        co_return 2;
    config.cost.outputTokens = target->prompts.isEmpty() ? 128 : target->prompts.constFirst().maxTokens;
    config.cost.latency = target->sim.model;
    config.cost.latency.jitter = 0;
    config.requestOptions = target->options;

    // The embedded endpoint runs when misses go to it, or when it serves the embeddings.
    const bool sendMisses = parser.isSet(QStringLiteral("embedded")) || !target->embedded;
    const bool embedFromEmbedded
        = embedderName == u"endpoint" && !parser.isSet(QStringLiteral("embed-endpoint")) && target->embedded;
    std::unique_ptr<EmbeddedEndpointRunner> runner;
    if ((sendMisses || embedFromEmbedded) && !CliCommon::startTarget(*target, runner))
        co_return 1;
    if (sendMisses)
        config.endpoint = target->profile;

    std::unique_ptr<Embedder> embedder;
    if (embedderName == u"builtin") {
        embedder = std::make_unique<BuiltinEmbedder>();
    } else {
        EndpointProfile profile = target->profile;
        if (parser.isSet(QStringLiteral("embed-endpoint"))) {
            const QUrl url = QUrl::fromUserInput(parser.value(QStringLiteral("embed-endpoint")));
            if (!url.isValid() || (url.scheme() != u"http" && url.scheme() != u"https")
                || url.host().isEmpty()) {
                CliCommon::printError(
                    CliText::tr("--embed-endpoint expects an http:// or https:// URL, got \"%1\"")
                        .arg(parser.value(QStringLiteral("embed-endpoint"))));
                co_return 2;
            }
            profile.baseUrl = url;
            profile.name = url.host();
        } else if (target->embedded) {
            // The embeddings route sits under /v1 whatever --protocol the misses use.
            profile.baseUrl
                = EmbeddedEndpointService::profileFor(runner->baseUrl(), Protocol::OpenAIChat).baseUrl;
        }
        profile.model = parser.value(QStringLiteral("embed-model"));
        embedder = std::make_unique<RemoteEmbedder>(profile, int(*embedBatch));
    }

    CacheSimulator simulator;
    const bool progress = CliCommon::stderrIsTerminal();
    if (progress) {
        QObject::connect(&simulator, &CacheSimulator::progress, &simulator,
                         [](const QString &phase, int done, int total) {
                             CliCommon::err() << '\r' << phase << ' ' << done << '/' << total << "   ";
                             CliCommon::err().flush();
                         });
    }
    const CacheReport report = co_await simulator.run(*trace, embedder.get(), config);
    if (progress)
        CliCommon::err() << '\r' << QString(40, u' ') << '\r';
    if (!report.error.isEmpty()) {
        CliCommon::printError(report.error);
        co_return 1;
    }
    printReport(report, parser.isSet(QStringLiteral("sweep")));
    std::optional<ReferenceComparison> comparison;
    if (reference) {
        comparison = ReferenceScenario::compare(report, simulator.vectors());
        printReference(*comparison);
    }

    QString writeError;
    if (parser.isSet(QStringLiteral("json"))
        && !RunExport::writeFile(
            parser.value(QStringLiteral("json")),
            QJsonDocument(CacheExport::reportJson(report, comparison)).toJson(QJsonDocument::Indented),
            &writeError)) {
        CliCommon::printError(writeError);
        co_return 1;
    }
    if (parser.isSet(QStringLiteral("csv"))) {
        const QString path = parser.value(QStringLiteral("csv"));
        QString curvePath = path;
        if (curvePath.endsWith(QLatin1String(".csv"), Qt::CaseInsensitive))
            curvePath.chop(4);
        curvePath += QStringLiteral(".curve.csv");
        if (!RunExport::writeFile(path, CacheExport::outcomesCsv(report), &writeError)
            || !RunExport::writeFile(curvePath, CacheExport::curveCsv(report), &writeError)) {
            CliCommon::printError(writeError);
            co_return 1;
        }
    }
    co_return report.failedRequests > 0 && report.failedRequests == report.sentRequests ? 1 : 0;
}
