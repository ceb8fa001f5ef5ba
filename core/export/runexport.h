#pragma once

#include "load/loadrunner.h"

#include <QByteArray>
#include <QJsonDocument>
#include <QJsonObject>

/*!
 * \brief A run's results as the CLI's JSON and CSV formats (the GUI exports the same).
 *
 * Never contains a secret: the endpoint appears as name, URL, protocol and model only.
 */
namespace RunExport {
QJsonObject distributionJson(const Distribution &d);
QJsonObject summaryJson(const RunSummary &summary);
QJsonObject requestJson(const RequestRecord &record);
QJsonObject settingsJson(const LoadConfig &config);
/// {"tool", "settings", "summary", "requests"}; requests in the order they finished.
/// Each request also carries "start_offset_ms": its start from the run's earliest start.
QJsonDocument runJson(const LoadConfig &config, const QList<RequestRecord> &records,
                      const RunSummary &summary);
/// The same with ready-made settings (a run reopened from the history).
QJsonDocument runJson(const QJsonObject &settings, const QList<RequestRecord> &records,
                      const RunSummary &summary);
/// One row per request, with a header row.
QByteArray runCsv(const QList<RequestRecord> &records);
/// Writes atomically (QSaveFile). On failure returns false and sets \a error.
bool writeFile(const QString &path, const QByteArray &data, QString *error);
} // namespace RunExport
