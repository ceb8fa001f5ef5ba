#include "clicommon.h"
#include "commands_p.h"

#include "endpoint/embeddedendpoint.h"

#include <QCoreApplication>
#include <QSocketNotifier>

#include <csignal>
#include <sys/socket.h>
#include <unistd.h>

namespace {

// Self-pipe: the signal handler only writes a byte; the event loop does the rest.
int g_signalPipe[2] = { -1, -1 };

void onSignal(int)
{
    const char byte = 1;
    [[maybe_unused]] const auto n = ::write(g_signalPipe[1], &byte, 1);
}

} // namespace

int CliCommands::serve(QCoreApplication &app, const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        CliText::tr("Runs TokenScope's simulated LLM endpoint: a real HTTP/1.1 server that speaks every "
                    "supported protocol with a five-phase latency model and fault injection."));
    parser.addHelpOption();
    parser.addOptions({
        { QStringLiteral("port"), CliText::tr("TCP port (default 8088; 0 picks a free one)."),
          CliText::tr("n"), QStringLiteral("8088") },
        { QStringLiteral("host"), CliText::tr("Address to listen on (default 127.0.0.1)."),
          CliText::tr("address"), QStringLiteral("127.0.0.1") },
    });
    CliCommon::addSimulationOptions(parser);
    if (const auto status = CliCommon::parseCommandLine(parser, arguments))
        return *status;
    const auto sim = CliCommon::simulationFrom(parser);
    const auto port = CliCommon::number(parser, QStringLiteral("port"), 0, 65535);
    if (!sim || !port)
        return 2;
    const QHostAddress address(parser.value(QStringLiteral("host")));
    if (address.isNull()) {
        CliCommon::printError(CliText::tr("--host expects an IP address, got \"%1\"")
                                  .arg(parser.value(QStringLiteral("host"))));
        return 2;
    }

    EmbeddedEndpoint endpoint;
    endpoint.setLatencyModel(sim->model);
    endpoint.setFault(sim->fault, sim->faultProbability);
    endpoint.setCapacity(sim->capacity);
    if (!endpoint.listen(address, quint16(*port))) {
        CliCommon::printError(CliText::tr("cannot listen on %1:%2: %3")
                                  .arg(address.toString())
                                  .arg(*port)
                                  .arg(endpoint.errorString()));
        return 1;
    }

    if (::socketpair(AF_UNIX, SOCK_STREAM, 0, g_signalPipe) == 0) {
        std::signal(SIGINT, onSignal);
        std::signal(SIGTERM, onSignal);
    }
    QSocketNotifier notifier(g_signalPipe[0], QSocketNotifier::Read);
    QObject::connect(&notifier, &QSocketNotifier::activated, &app, [&app] {
        char byte;
        [[maybe_unused]] const auto n = ::read(g_signalPipe[0], &byte, 1);
        app.quit();
    });

    const QString base = endpoint.baseUrl().toString();
    CliCommon::out()
        << CliText::tr("TokenScope simulated endpoint listening on %1").arg(base) << '\n'
        << CliText::tr("  OpenAI-compatible base URL: %1/v1   (chat, completions, responses)").arg(base)
        << '\n'
        << CliText::tr("  Anthropic, Gemini, Ollama, llama.cpp, TGI, plain SSE: %1").arg(base) << '\n'
        << CliText::tr("  Latency preset: %1").arg(LatencyModels::label(sim->preset)) << '\n'
        << (sim->capacity.maxConcurrentDecodes > 0
                ? CliText::tr("  Decodes at most %n request(s) at once; the others wait in a queue.", "",
                              sim->capacity.maxConcurrentDecodes)
                : CliText::tr("  No limit on the requests decoded at once (see --max-concurrent-decodes)."))
        << '\n'
        << CliText::tr("  Metrics (Prometheus text, vLLM's names): %1/metrics").arg(base) << '\n'
        << CliText::tr("  Statistics: %1/stats   Stop with Ctrl+C.").arg(base) << Qt::endl;
    const int rc = app.exec();
    const EndpointStats stats = endpoint.stats();
    CliCommon::out() << CliText::tr("Served %1 requests (%2 streams, %3 tokens); peak %4 streams at once.")
                            .arg(stats.requests)
                            .arg(stats.streams)
                            .arg(stats.tokens)
                            .arg(stats.peakStreams)
                     << Qt::endl;
    return rc;
}
