#pragma once

#include "endpoint/embeddedendpoint.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QString>
#include <QTextStream>

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

/// Options describing the embedded endpoint's latency model and faults.
void addSimulationOptions(QCommandLineParser &parser);
/// Reads them back; nullopt (after printing the error) when one is invalid.
struct Simulation
{
    LatencyModel model;
    EndpointFault fault = EndpointFault::None;
    double faultProbability = 0;
};
std::optional<Simulation> simulationFrom(const QCommandLineParser &parser);

/// \a text padded with spaces to \a columns terminal columns (CJK characters take two).
QString padRight(const QString &text, int columns);

/// Parses a number option; prints an error naming the option when it is not one.
std::optional<double> number(const QCommandLineParser &parser, const QString &name, double min, double max);

} // namespace CliCommon
