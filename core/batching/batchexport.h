#pragma once

#include "batchcomparison.h"
#include "batchsweep.h"
#include "endpointsweep.h"

#include <QByteArray>
#include <QJsonObject>

/*!
 * \brief Batching results as JSON and CSV: one format, written by the CLI and the GUI alike.
 *
 * Times are milliseconds, rates per second; keys are snake_case like the run export's.
 */
namespace BatchExport {

QJsonObject distributionJson(const Distribution &distribution);

/// A simulated sweep: the base configuration, one object per row, and the analysis.
QJsonObject simulationJson(const SimulationConfig &base, const QList<SweepRow> &rows,
                           const SimulationAnalysis &analysis, qint64 elapsedMs = -1);
QByteArray simulationCsv(const QList<SweepRow> &rows, const SimulationAnalysis &analysis);

/// An endpoint sweep: endpoint (without secrets or URL user info/query), settings, levels, analysis.
QJsonObject endpointSweepJson(const EndpointSweepConfig &config, const QList<SweepLevelResult> &results,
                              const EndpointSweepAnalysis &analysis);
QByteArray endpointSweepCsv(const QList<SweepLevelResult> &results, const EndpointSweepAnalysis &analysis);

/// No batching vs dynamic batching over one arrival trace.
QJsonObject comparisonJson(const BatchComparison &comparison);

} // namespace BatchExport
