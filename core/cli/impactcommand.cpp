#include "clicommon.h"
#include "commands_p.h"

#include "client/streamingclient.h"
#include "export/runexport.h"
#include "impact/impactexperiment.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QLocale>

#include <memory>

namespace {

QString percentText(double change)
{
    return (change > 0 ? QStringLiteral("+") : QString()) + QString::number(change * 100, 'f', 0) + u'%';
}

QString measuredText(const ImpactRow &row)
{
    if (!row.error.isEmpty())
        return CliText::tr("error: %1").arg(row.error);
    if (row.skipped)
        return row.verdict;
    return CliText::tr("%1 [%2, %3]").arg(percentText(row.change.value), percentText(row.change.low),
                                          percentText(row.change.high));
}

void printRow(const ImpactRow &row)
{
    QTextStream &out = CliCommon::out();
    out << CliCommon::padRight(row.name, 26) << CliCommon::padRight(row.claim, 30) << measuredText(row) << '\n';
    if (row.ok()) {
        out << "    " << row.metric << ": " << QString::number(row.baseline, 'f', 1) << " → "
            << QString::number(row.optimised, 'f', 1) << ' ' << row.unit << " · " << row.verdict << '\n';
        QStringList details;
        for (const auto &[k, v] : row.details)
            details.append(k + u' ' + v);
        if (!details.isEmpty())
            out << "    " << details.join(QStringLiteral(" · ")) << '\n';
    }
    out.flush();
}

} // namespace

QCoro::Task<int> CliCommands::impact(QStringList arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(CliText::tr(
        "Runs one short experiment per optimisation technique against an endpoint and prints the seed's "
        "claim beside the measured change, with a 95% bootstrap interval: streaming (time to first text), "
        "semantic cache (latency over a trace), batching (throughput at a concurrency), prompt compression "
        "(TTFT, tokens, cost) and a variant endpoint (speed, answer drift). Against the embedded endpoint "
        "unless --endpoint is given."));
    parser.addHelpOption();
    parser.addOptions(CliCommon::endpointOptions());
    parser.addOptions(CliCommon::promptOptions());
    parser.addOptions(CliCommon::requestOptions());
    parser.addOptions({
        { QStringLiteral("only"),
          CliText::tr("Techniques to run, comma-separated: streaming, cache, batching, compression, variant "
                      "(default: all)."),
          CliText::tr("list") },
        { QStringLiteral("repetitions"),
          CliText::tr("Streaming pairs, A/B requests per arm and variant rounds (default 5)."), CliText::tr("n"),
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
                    CliText::tr("--only expects streaming, cache, batching, compression or variant, got \"%1\"")
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
    QTextStream &out = CliCommon::out();
    out << CliCommon::padRight(CliText::tr("technique"), 26) << CliCommon::padRight(CliText::tr("claim"), 30)
        << CliText::tr("measured change [95% interval]") << '\n';
    out.flush();
    const QList<ImpactRow> rows = co_await runner.run(config);

    int status = 0;
    bool anyOk = false;
    for (const ImpactRow &row : rows)
        anyOk = anyOk || row.ok();
    if (parser.isSet(QStringLiteral("json"))) {
        QJsonArray rowsJson;
        for (const ImpactRow &row : rows)
            rowsJson.append(row.toJson());
        const QJsonObject root { { QStringLiteral("tool"), QStringLiteral("tokenscope " TOKENSCOPE_VERSION) },
                                 { QStringLiteral("settings"), config.toJson() },
                                 { QStringLiteral("rows"), rowsJson } };
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
