#include "clicommon.h"
#include "commands_p.h"

#include "client/streamingclient.h"
#include "format/impactexport.h"
#include "format/runexport.h"
#include "impact/impactexperiment.h"
#include "impact/impactranking.h"

#include <QJsonDocument>
#include <QLocale>

#include <memory>

namespace {

// Terminal columns of the table; CJK text counts two a character (CliCommon::padRight).
constexpr int NameWidth = 26;
constexpr int ClaimWidth = 18;
constexpr int CostClaimWidth = 17;
constexpr int DifficultyWidth = 11;
constexpr int PriorityWidth = 9;
constexpr int ChangeWidth = 22;

QString cell(const QString &text, int width)
{
    return CliCommon::padRight(text, width - 1) + u' ';
}

QString measuredText(const ImpactRow &row)
{
    if (!row.error.isEmpty())
        return CliText::tr("error: %1").arg(row.error);
    if (row.skipped)
        return row.verdict;
    return ImpactTable::change(row.change);
}

void printHeader()
{
    QTextStream &out = CliCommon::out();
    out << cell(CliText::tr("technique"), NameWidth) << cell(CliText::tr("typical claim"), ClaimWidth)
        << cell(CliText::tr("cost claim"), CostClaimWidth) << cell(CliText::tr("difficulty"), DifficultyWidth)
        << cell(CliText::tr("priority"), PriorityWidth) << cell(CliText::tr("measured [95%]"), ChangeWidth)
        << CliText::tr("measured cost [95%]") << '\n';
    out.flush();
}

void printRow(const ImpactRow &row)
{
    QTextStream &out = CliCommon::out();
    out << cell(row.name, NameWidth) << cell(ImpactTable::claim(row.claim.latency), ClaimWidth)
        << cell(ImpactTable::claim(row.claim.cost), CostClaimWidth)
        << cell(ImpactTable::difficulty(row.claim), DifficultyWidth)
        << cell(ImpactTable::priority(row.claim), PriorityWidth);
    // The server's memory is out of a client's sight whether the row ran or not.
    if (row.ok() || row.cost.basis == CostBasis::NotMeasurable)
        out << cell(measuredText(row), ChangeWidth) << ImpactTable::cost(row.cost) << '\n';
    else
        out << measuredText(row) << '\n';
    if (row.ok()) {
        out << "    " << ImpactTable::figures(row) << " · " << ImpactTable::readings(row) << '\n';
        const QString details = ImpactTable::details(row);
        if (!details.isEmpty())
            out << "    " << details << '\n';
    }
    out.flush();
}

void printRanking(const ImpactRanking &ranking)
{
    QTextStream &out = CliCommon::out();
    out << '\n' << CliText::tr("Recommended order for this endpoint (by the surest measured gain):") << '\n';
    for (qsizetype i = 0; i < ranking.order.size(); ++i)
        out << "  " << (i + 1) << ". " << ImpactRanking::line(ranking.order.at(i)) << '\n';
    out << ranking.summary() << '\n';
    out.flush();
}

} // namespace

QCoro::Task<int> CliCommands::impact(QStringList arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(CliText::tr(
        "Runs one short experiment per optimisation technique against an endpoint and prints the typical "
        "claim (latency and cost change, difficulty, priority) beside the measured change and cost, with a "
        "95% bootstrap interval: streaming (time to first text), semantic cache (latency over a trace), "
        "provider prompt caching (TTFT of prompts sharing a long prefix after one warm request against "
        "distinct prefixes, and the cached tokens; the typical table has no row for it), batching "
        "(throughput at a concurrency), prompt compression (TTFT, tokens, cost) and a variant endpoint "
        "(speed, answer drift); then the order the techniques pay off in on this endpoint. Cost is usage "
        "tokens at the endpoint's prices (cached prompt tokens at its cached-input price), or tokens when it "
        "has none. Against the embedded endpoint unless --endpoint is given."));
    parser.addHelpOption();
    parser.addOptions(CliCommon::endpointOptions());
    parser.addOptions(CliCommon::promptOptions());
    parser.addOptions(CliCommon::requestOptions());
    parser.addOptions({
        { QStringLiteral("only"),
          CliText::tr("Techniques to run, comma-separated: streaming, cache, prompt-cache, batching, "
                      "compression, variant (default: all)."),
          CliText::tr("list") },
        { QStringLiteral("repetitions"),
          CliText::tr("Streaming pairs, prompt-cache pairs, A/B requests per arm and variant rounds (default 5)."),
          CliText::tr("n"),
          QStringLiteral("5") },
        { QStringLiteral("batch-requests"), CliText::tr("Requests per arm of the batching experiment (default 16)."),
          CliText::tr("n"), QStringLiteral("16") },
        { QStringLiteral("concurrency"), CliText::tr("Requests in flight in the batched arm (default 8)."),
          CliText::tr("n"), QStringLiteral("8") },
        { QStringLiteral("cache-queries"),
          CliText::tr("Queries of the trace replayed through the cache (default 40; 0: all)."), CliText::tr("n"),
          QStringLiteral("40") },
        { QStringLiteral("cache-trace"), CliText::tr("Query trace (JSONL or CSV; default: the built-in sample)."),
          CliText::tr("file") },
        { QStringLiteral("preset"), CliText::tr("Compression rule preset: zh or en (default zh)."),
          CliText::tr("name"), QStringLiteral("zh") },
        { QStringLiteral("variant-endpoint"),
          CliText::tr("A second endpoint serving the same model (e.g. quantized), for the variant row."),
          CliText::tr("url") },
        { QStringLiteral("variant-model"), CliText::tr("The variant's model (default: --model)."),
          CliText::tr("name") },
        { QStringLiteral("json"), CliText::tr("Write the table, settings and commands as JSON."), CliText::tr("file") },
    });
    CliCommon::addSimulationOptions(parser);
    if (const auto status = CliCommon::parseCommandLine(parser, arguments))
        co_return *status;

    auto target = CliCommon::targetFrom(parser);
    if (!target)
        co_return 2;
    ImpactConfig config;
    if (parser.isSet(QStringLiteral("only"))) {
        config.techniques.clear();
        for (const QString &key : parser.value(QStringLiteral("only")).split(u',', Qt::SkipEmptyParts)) {
            const auto t = ImpactRunner::fromKey(key.trimmed());
            if (!t) {
                CliCommon::printError(
                    CliText::tr("--only expects streaming, cache, prompt-cache, batching, compression or variant, "
                                "got \"%1\"")
                        .arg(key));
                co_return 2;
            }
            config.techniques.append(*t);
        }
    }
    const auto repetitions = CliCommon::number(parser, QStringLiteral("repetitions"), 1, 10'000);
    const auto batchRequests = CliCommon::number(parser, QStringLiteral("batch-requests"), 1, 1'000'000);
    const auto concurrency = CliCommon::number(parser, QStringLiteral("concurrency"), 2, 100'000);
    const auto cacheQueries = CliCommon::number(parser, QStringLiteral("cache-queries"), 0, 10'000'000);
    if (!repetitions || !batchRequests || !concurrency || !cacheQueries)
        co_return 2;
    config.repetitions = int(*repetitions);
    config.batchRequests = int(*batchRequests);
    config.concurrency = int(*concurrency);
    config.cacheQueries = int(*cacheQueries);
    config.cacheTrace = parser.value(QStringLiteral("cache-trace"));
    config.compressionPreset = parser.value(QStringLiteral("preset"));
    if (config.compressionPreset != u"zh" && config.compressionPreset != u"en") {
        CliCommon::printError(CliText::tr("--preset expects zh or en, got \"%1\"").arg(config.compressionPreset));
        co_return 2;
    }
    if (!target->prompts.isEmpty()) {
        config.maxTokens = target->prompts.constFirst().maxTokens;
        if (parser.isSet(QStringLiteral("prompt")))
            config.prompt = parser.value(QStringLiteral("prompt"));
    }
    if (!parser.isSet(QStringLiteral("max-tokens")))
        config.maxTokens = 64;
    if (parser.isSet(QStringLiteral("variant-endpoint"))) {
        const QUrl url = QUrl::fromUserInput(parser.value(QStringLiteral("variant-endpoint")));
        if (!url.isValid() || (url.scheme() != u"http" && url.scheme() != u"https") || url.host().isEmpty()) {
            CliCommon::printError(CliText::tr("--variant-endpoint expects an http:// or https:// URL, got \"%1\"")
                                      .arg(parser.value(QStringLiteral("variant-endpoint"))));
            co_return 2;
        }
        EndpointProfile variant = target->profile;
        variant.id = QStringLiteral("variant");
        variant.baseUrl = url;
        variant.name = url.host();
        if (parser.isSet(QStringLiteral("variant-model")))
            variant.model = parser.value(QStringLiteral("variant-model"));
        config.variant = variant;
    }

    std::unique_ptr<EmbeddedEndpointRunner> embedded;
    if (!CliCommon::startTarget(*target, embedded))
        co_return 1;
    if (target->embedded)
        target->profile.id = QStringLiteral("embedded");
    config.endpoint = target->profile;
    config.options = target->options;

    StreamingClient client;
    ImpactRunner runner(&client);
    QObject::connect(&runner, &ImpactRunner::progress, &runner, [](const QString &text) {
        if (CliCommon::stderrIsTerminal())
            CliCommon::err() << '\r' << text << "\x1b[K" << Qt::flush;
    });
    QObject::connect(&runner, &ImpactRunner::rowFinished, &runner, [](const ImpactRow &row) {
        if (CliCommon::stderrIsTerminal())
            CliCommon::err() << "\r\x1b[K" << Qt::flush;
        printRow(row);
    });
    printHeader();
    const QList<ImpactRow> rows = co_await runner.run(config);

    int status = 0;
    bool anyOk = false;
    for (const ImpactRow &row : rows)
        anyOk = anyOk || row.ok();
    if (anyOk)
        printRanking(ImpactRanking::rank(rows));
    if (parser.isSet(QStringLiteral("json"))) {
        const QJsonObject root = ImpactExport::documentJson({ {}, config, rows });
        QString error;
        if (!RunExport::writeFile(parser.value(QStringLiteral("json")),
                                  QJsonDocument(root).toJson(QJsonDocument::Indented), &error)) {
            CliCommon::printError(error);
            status = 1;
        }
    }
    if (!anyOk) {
        CliCommon::printError(CliText::tr("no experiment succeeded"));
        status = 1;
    }
    co_return status;
}
