#pragma once

#include <QCoroTask>
#include <QStringList>

class QCoreApplication;

// One function per tokenscope-cli command; each gets argv with the command as argv[0].
namespace CliCommands {
int serve(QCoreApplication &app, const QStringList &arguments);
QCoro::Task<int> run(QStringList arguments);
QCoro::Task<int> sweep(QStringList arguments);
QCoro::Task<int> impact(QStringList arguments);
QCoro::Task<int> cacheSim(QStringList arguments);
int decode(const QStringList &arguments);
int batchSim(const QStringList &arguments);
int compress(const QStringList &arguments);
int tokens(const QStringList &arguments);
int history(const QStringList &arguments);
int merge(const QStringList &arguments);
} // namespace CliCommands

struct EndpointSweepConfig;
struct SweepLevelResult;

namespace CliSweep {
/// A sweep's table and what it reads from it (knee, SLOs, failures): sweep's output, and
/// merge's for the shards of a sweep.
void printResults(const EndpointSweepConfig &config, const QList<SweepLevelResult> &results);
} // namespace CliSweep
