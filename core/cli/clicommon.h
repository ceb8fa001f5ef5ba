#pragma once

#include "client/requestoptions.h"
#include "endpoint/embeddedendpoint.h"
#include "protocol/endpointprofile.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QString>
#include <QTextStream>

#include <memory>

class StreamingClient;
#include <optional>

/// Shared pieces of the CLI commands: output streams, errors, option groups.
/// \brief The translation context of every tokenscope-cli message.
class CliText
{
    Q_DECLARE_TR_FUNCTIONS(Cli)
};

namespace CliCommon {

QTextStream &out();
QTextStream &err();
/// Prints "tokenscope-cli: error: <message>" on stderr.
void printError(const QString &message);
/// True when stderr is a terminal (progress lines are only drawn there).
bool stderrIsTerminal();

/// Options describing the embedded endpoint's latency model, capacity and faults.
void addSimulationOptions(QCommandLineParser &parser);
/// Reads them back; nullopt (after printing the error) when one is invalid.
struct Simulation
{
    LatencyPreset preset = LatencyPreset::Fast; ///< what --latency-preset named; model starts from it
    LatencyModel model;
    EndpointFault fault = EndpointFault::None;
    double faultProbability = 0;
    EndpointCapacity capacity; ///< --max-concurrent-decodes, --kv-cache-tokens
};
std::optional<Simulation> simulationFrom(const QCommandLineParser &parser);

/// The options naming the endpoint: --endpoint, --protocol, --model, --api-key-env, --header, --insecure.
QList<QCommandLineOption> endpointOptions();
/// The prompt options: --prompt, --prompts, --system.
QList<QCommandLineOption> promptOptions();
/// How each request is made: --max-tokens, --temperature, the timeouts, --no-reuse, --no-stream.
QList<QCommandLineOption> requestOptions();
/// --io-threads: how many threads carry the requests' connections (default: the cores).
QCommandLineOption ioThreadsOption();
/// Gives \a client the threads --io-threads asks for; false with the error printed.
bool applyIoThreads(const QCommandLineParser &parser, StreamingClient &client);

/// \brief What endpointOptions(), promptOptions(), requestOptions() and the simulation
/// options describe: the endpoint (or the embedded one to start) and the requests to send.
struct Target
{
    EndpointProfile profile;
    QList<GenerationRequest> prompts;
    RequestOptions options;
    Simulation sim;
    bool embedded = false; ///< no --endpoint: startTarget() starts the simulated endpoint
};
/// Reads and checks those options; nullopt (after printing the error) when one is invalid.
std::optional<Target> targetFrom(const QCommandLineParser &parser);
/// Starts the embedded endpoint into \a runner when \a target needs one and points the profile
/// at it; false after printing the error.
bool startTarget(Target &target, std::unique_ptr<EmbeddedEndpointRunner> &runner);

/// "1,2,4" → numbers within [min, max]; prints an error naming the option otherwise.
std::optional<QList<double>> numberList(const QCommandLineParser &parser, const QString &name, double min,
                                        double max, bool whole);

/// \a v with \a decimals digits after the point ("12.3"), as every table of the CLI prints a figure.
QString fmt(double v, int decimals = 1);

/// \a text padded with spaces to \a columns terminal columns (CJK characters take two).
QString padRight(const QString &text, int columns);

/// Parses \a arguments with --help handling and no positional arguments. Returns the exit
/// status when the command must stop here (help shown: 0, bad arguments: 2), else nullopt.
std::optional<int> parseCommandLine(QCommandLineParser &parser, const QStringList &arguments,
                                    bool positionalArguments = false);

/// Parses a number option; prints an error naming the option when it is not one.
std::optional<double> number(const QCommandLineParser &parser, const QString &name, double min, double max);

} // namespace CliCommon
