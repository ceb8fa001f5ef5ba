#pragma once

#include "batching/batchcomparison.h"
#include "batching/batchsweep.h"
#include "batching/endpointsweep.h"
#include "format/runsettings.h"

#include <QByteArray>
#include <QJsonObject>

#include <optional>

/// \brief A simulated sweep as one document: its base configuration, rows and analysis.
struct SimulationSweepDocument
{
    /// What the JSON holds of it. The service model's figures are not written: a preset's
    /// name brings its figures back, any other model (a fitted one) only its name and source.
    SimulationConfig base;
    QList<SweepRow> rows;
    SimulationAnalysis analysis;
    qint64 elapsedMs = -1; ///< −1: not written
};

/// \brief An endpoint sweep as one document: its settings, levels and analysis.
struct EndpointSweepDocument
{
    /// What the JSON holds of it: the endpoint's name, protocol, model, URL and TLS check (no
    /// secrets, no prompts), the axis, the window rules and the SLOs.
    EndpointSweepConfig config;
    QList<SweepLevelResult> results;
    EndpointSweepAnalysis analysis;
};

/*!
 * \brief Batching results as JSON and CSV: one format, written by the CLI and the GUI alike,
 * and read back.
 *
 * Times are milliseconds, rates per second; keys are snake_case like the run export's.
 * Distributions carry count, mean, p50, p90, p95, p99 and max.
 */
namespace BatchExport {

QJsonObject distributionJson(const Distribution &distribution);
Distribution distributionFromJson(const QJsonObject &json);

/// A simulated sweep: the base configuration, one object per row, and the analysis.
QJsonObject simulationJson(const SimulationConfig &base, const QList<SweepRow> &rows,
                           const SimulationAnalysis &analysis, qint64 elapsedMs = -1);
/// What simulationJson wrote; nullopt with \a error when \a json is not a simulated sweep.
std::optional<SimulationSweepDocument> readSimulation(const QJsonObject &json, QString *error = nullptr);
QByteArray simulationCsv(const QList<SweepRow> &rows, const SimulationAnalysis &analysis);

/// An endpoint sweep: endpoint (without secrets or URL user info/query), settings, levels, analysis.
QJsonObject endpointSweepJson(const EndpointSweepConfig &config, const QList<SweepLevelResult> &results,
                              const EndpointSweepAnalysis &analysis);
/// What endpointSweepJson wrote; nullopt with \a error when \a json is not an endpoint sweep.
std::optional<EndpointSweepDocument> readEndpointSweep(const QJsonObject &json, QString *error = nullptr);
/// A sweep's settings as a run keeps them (its settings' "sweep", with the endpoint beside)
/// and back: what merge rebuilds a sharded sweep's levels from.
RunSettings::Sweep sweepSettings(const EndpointSweepConfig &config);
EndpointSweepConfig sweepConfig(const RunSettings &settings);
QByteArray endpointSweepCsv(const QList<SweepLevelResult> &results, const EndpointSweepAnalysis &analysis);
/// One sweep: endpointSweepJson; several endpoints swept side by side: {"sweeps": [...]}.
QJsonObject endpointSweepsJson(const QList<EndpointSweepDocument> &sweeps);
/// Either form of endpointSweepsJson back.
std::optional<QList<EndpointSweepDocument>> readEndpointSweeps(const QJsonObject &json, QString *error = nullptr);
/// endpointSweepCsv's rows of every sweep behind a quoted "endpoint" column (the endpoint's
/// name), under one header.
QByteArray endpointSweepsCsv(const QList<EndpointSweepDocument> &sweeps);

/// No batching vs dynamic batching over one arrival trace.
QJsonObject comparisonJson(const BatchComparison &comparison);
/// Full batch only vs max wait over one arrival trace: both sides ("full_batch", "max_wait"),
/// the p99 costs in ms of waiting for a full batch, and the summary sentence.
QJsonObject ruleComparisonJson(const BatchRuleComparison &comparison);

} // namespace BatchExport
