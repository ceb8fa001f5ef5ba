#pragma once

#include "runsettings.h"
#include "shardinfo.h"

#include "servermetrics/servermetricsrecord.h"

#include "load/loadrunner.h"

#include <QByteArray>
#include <QDateTime>
#include <QJsonDocument>
#include <QJsonObject>
#include <QStringList>

#include <optional>

/// \brief Where a run exported from the history came from (the export's "history" object).
struct RunHistoryInfo
{
    qint64 id = 0;
    QString status; ///< RunStatuses::key: "finished", "cancelled", ...
    QString source; ///< "run", "sweep", "import", "vllm"
    QString recordedWith; ///< the TokenScope version that measured it
    QDateTime startedAt; ///< UTC
    QDateTime endedAt;
    QStringList tags;

    bool operator==(const RunHistoryInfo &) const = default;
};

/// \brief A run as one document: what tokenscope-cli run --json writes and the importers read.
struct RunDocument
{
    QString tool; ///< who wrote it, e.g. "TokenScope 0.1.0" (a writer always puts itself)
    RunSettings settings;
    QList<RequestRecord> records; ///< in the order they finished
    RunSummary summary; ///< as written; a reader recomputes it from the records
    std::optional<RunHistoryInfo> history; ///< set when the run came out of the history
    /// What the server's /metrics said during the run (top-level "server_metrics"), when scraped.
    std::optional<ServerMetricsRecord> serverMetrics;
    /// When the run is one shard of several (top-level "shard"): which, where, its clocks.
    /// Each request then also carries "wall_start_ns", its start on the wall clock.
    std::optional<ShardInfo> shard;
    /// Where a read run's reconstructed times put its origin (its earliest request start):
    /// 0 unless a request was scheduled before it. Trace time T was on the wall clock at
    /// shard->originWallNs + (T - originNs).
    qint64 originNs = 0;
};

/*!
 * \brief A run's results as the CLI's JSON and CSV formats (the GUI exports the same), and
 * the reader of that JSON.
 *
 * Never contains a secret: the endpoint appears as name, URL, protocol and model only.
 * Request times are milliseconds from each request's start; "start_offset_ms" places each
 * request in the run, so that a reader rebuilds the same traces (to the nanosecond's
 * rounding) and therefore the same figures.
 */
namespace RunExport {
QJsonObject distributionJson(const Distribution &d);
QJsonObject summaryJson(const RunSummary &summary);
QJsonObject requestJson(const RequestRecord &record);
/// RunSettings::fromConfig(config).toJson(): the export's view of the settings.
QJsonObject settingsJson(const LoadConfig &config);
/// {"tool", "settings", "summary", "requests"}; requests in the order they finished.
/// Each request also carries "start_offset_ms": its start from the run's earliest start.
QJsonDocument runJson(const LoadConfig &config, const QList<RequestRecord> &records,
                      const RunSummary &summary);
/// The same with ready-made settings (a run reopened from the history).
QJsonDocument runJson(const RunSettings &settings, const QList<RequestRecord> &records,
                      const RunSummary &summary);
/// The same, plus a "history" object and a "server_metrics" object (ServerMetricsJson) when
/// the document has them.
QJsonDocument runJson(const RunDocument &document);
/*!
 * Writes runJson(\a document) to \a path as it is made, one request at a time, with
 * \a summaryExtras added to its "summary" and \a rootExtras to its top level: the same document, read by the same reader, without
 * holding the run's whole JSON tree in memory (a long run's chunks would double its peak).
 * Atomic (QSaveFile). On failure returns false and sets \a error.
 */
bool writeRunJson(const QString &path, const RunDocument &document, const QJsonObject &summaryExtras = {},
                  const QJsonObject &rootExtras = {}, QString *error = nullptr);
/// Reads what runJson writes (or any file in its layout): the settings, every request with
/// its metrics recomputed, the summary recomputed, the history object, the server's metrics.
/// Old files' request "timings" are read like "server_timings". nullopt with \a error for
/// anything that is not such a run, or whose times are out of order; a damaged
/// "server_metrics" object is read as far as it goes (or dropped), never a reason to refuse the run.
std::optional<RunDocument> readRun(const QByteArray &json, QString *error);
/// One run: runJson; several (the Runs panel's endpoints side by side): {"runs": [...]}.
QJsonDocument runsJson(const QList<RunDocument> &runs);
/// Either form of runsJson back, each run as readRun reads it.
std::optional<QList<RunDocument>> readRuns(const QByteArray &json, QString *error);

/// One row per request, with a header row.
QByteArray runCsv(const QList<RequestRecord> &records);
/// Writes atomically (QSaveFile). On failure returns false and sets \a error.
bool writeFile(const QString &path, const QByteArray &data, QString *error);
} // namespace RunExport
