#include "cli.h"

#include "clicommon.h"
#include "commands_p.h"

#include <QCoreApplication>
#include <QCoroTask>

namespace {

Cli::ComparisonReportWriter reportWriter = nullptr;

void printUsage()
{
    CliCommon::out() << CliText::tr(
        "Usage: tokenscope-cli <command> [options]\n"
        "\n"
        "Measure, explain and compare the latency of LLM inference endpoints.\n"
        "\n"
        "Commands:\n"
        "  run      Send streaming requests and report TTFT, ITL, TPOT, E2E and the\n"
        "           five-phase latency breakdown (embedded endpoint unless --endpoint).\n"
        "  sweep    Sweep concurrency levels or request rates against an endpoint: throughput,\n"
        "           latency percentiles, goodput under SLOs, the knee and the Pareto front.\n"
        "  serve    Run the simulated endpoint as a standalone HTTP server.\n"
        "  decode   Decode a captured SSE/NDJSON response body into JSON lines.\n"
        "  batch-sim  Simulate an LLM server over a grid of batching settings and show\n"
        "           the throughput/latency trade-off.\n"
        "  compress Compress a prompt with rewrite rules and truncate it to a token budget.\n"
        "  tokens   Count the tokens of a text (cl100k_base, o200k_base, or an estimate).\n"
        "  cache-sim  Replay a query trace through a semantic cache: hit rate, false hits,\n"
        "           latency and cost saved, the threshold curve.\n"
        "  history  List, show, export, import, tag and delete the runs in the run history.\n"
        "  merge    Merge the shards of one run (run --shard K/N, on Slurm or Kubernetes) into\n"
        "           that run, each shard beside it.\n"
        "  impact   Measure each optimisation technique on an endpoint beside its typical claim.\n"
        "\n"
        "Run 'tokenscope-cli <command> --help' for the options of a command.\n");
    CliCommon::out().flush();
}

} // namespace

void Cli::setComparisonReportWriter(ComparisonReportWriter writer)
{
    reportWriter = writer;
}

Cli::ComparisonReportWriter Cli::comparisonReportWriter()
{
    return reportWriter;
}

int Cli::writeComparisonReport(const QList<StoredRun> &runs, const QString &htmlPath, const QString &pdfPath)
{
    if (htmlPath.isEmpty() && pdfPath.isEmpty())
        return 0;
    if (!reportWriter) {
        CliCommon::printError(CliText::tr("this tokenscope-cli was built without the GUI libraries, which draw "
                                          "the report's charts; rebuild with TOKENSCOPE_BUILD_GUI=ON"));
        return 1;
    }
    QString error;
    if (!reportWriter(runs, htmlPath, pdfPath, &error)) {
        CliCommon::printError(error);
        return 1;
    }
    for (const QString &file : { htmlPath, pdfPath }) {
        if (!file.isEmpty())
            CliCommon::err() << CliText::tr("Report written to %1").arg(file) << Qt::endl;
    }
    return 0;
}

int Cli::exec(QCoreApplication &app, const QStringList &arguments)
{
    if (arguments.size() < 2) {
        printUsage();
        return 2;
    }
    const QString command = arguments.at(1);
    QStringList rest = arguments.mid(1);
    rest[0] = arguments.at(0) + u' ' + command;

    if (command == u"--help" || command == u"-h" || command == u"help") {
        printUsage();
        return 0;
    }
    if (command == u"--version" || command == u"-v" || command == u"version") {
        CliCommon::out() << "tokenscope-cli " TOKENSCOPE_VERSION << Qt::endl;
        return 0;
    }
    if (command == u"serve")
        return CliCommands::serve(app, rest);
    if (command == u"decode")
        return CliCommands::decode(rest);
    if (command == u"batch-sim")
        return CliCommands::batchSim(rest);
    if (command == u"compress")
        return CliCommands::compress(rest);
    if (command == u"tokens")
        return CliCommands::tokens(rest);
    if (command == u"history")
        return CliCommands::history(rest);
    if (command == u"merge")
        return CliCommands::merge(rest);
    if (command == u"run" || command == u"sweep" || command == u"cache-sim" || command == u"impact") {
        int status = 1;
        bool done = false;
        // A command that fails before its first suspension completes right here, before
        // the event loop runs: app.exit() would be lost, so the flag decides.
        QCoro::connect(command == u"run"         ? CliCommands::run(rest)
                           : command == u"sweep" ? CliCommands::sweep(rest)
                           : command == u"impact" ? CliCommands::impact(rest)
                                                 : CliCommands::cacheSim(rest),
                       &app,
                       [&status, &done, &app](int rc) {
            status = rc;
            done = true;
            app.exit(rc);
        });
        if (!done)
            app.exec();
        return status;
    }
    CliCommon::printError(CliText::tr("unknown command \"%1\"; try 'tokenscope-cli --help'").arg(command));
    return 2;
}
