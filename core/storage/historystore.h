#pragma once

#include "format/runsettings.h"
#include "load/loadrunner.h"
#include "servermetrics/servermetricsrecord.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QHash>
#include <QJsonDocument>
#include <QJsonObject>
#include <QStringList>

#include <memory>
#include <optional>

class QLockFile;

/// \brief Where a stored run stands.
enum class RunStatus {
    Running, ///< its writer is (or was, until the next open finds it gone) still adding requests
    Finished,
    Cancelled, ///< stopped by the user; its finished requests are kept
    Interrupted, ///< its writer died (crash, kill -9, power loss) before finishing it
};

namespace RunStatuses {
QString key(RunStatus status); ///< "running", "finished", "cancelled", "interrupted"
std::optional<RunStatus> fromKey(const QString &key);
QString label(RunStatus status); ///< translatable
} // namespace RunStatuses

/// \brief One row of the run list: what a run was, without its requests.
struct HistoryRun
{
    qint64 id = 0;
    QDateTime startedAt; ///< UTC
    QDateTime endedAt; ///< UTC; invalid while running
    RunStatus status = RunStatus::Running;
    QString source; ///< "run", "sweep", "import", "vllm"
    QString toolVersion;
    QString endpointName; ///< as stored; RunSettings::EmbeddedEndpointId for the embedded endpoint
    QString endpointId; ///< the profile's id when the run recorded one (settings.endpoint.id)
    QString endpointUrl;
    QString model;
    QString protocol;
    RunSettings settings; ///< secrets stripped; the history's detail (RunSettings::Detail::History)
    QStringList tags; ///< sorted
    int requests = 0; ///< stored requests, warm-ups included
    int requestsOk = 0;
    bool hasServerMetrics = false; ///< the server's /metrics were stored with it (StoredRun::serverMetrics)
};

/// \brief Which runs listRuns() returns. Unset fields do not filter.
struct HistoryFilter
{
    QString endpoint; ///< part of the endpoint's name or URL (case-insensitive)
    QDateTime from; ///< started at or after
    QDateTime to; ///< started before
    QString tag; ///< has this tag exactly
    int limit = 0; ///< newest first; 0 = all
};

/// \brief A run reopened: the same records and summary a live run has.
struct StoredRun
{
    HistoryRun run;
    QList<RequestRecord> records; ///< in the order they finished
    RunSummary summary;
    /// What the server's /metrics said during the run; nullopt when none was stored (or the
    /// stored one is damaged: the run loads without it).
    std::optional<ServerMetricsRecord> serverMetrics;
};

/// \brief A complete run from elsewhere (a JSON export, another tool), ready to store.
struct ImportedRun
{
    RunSettings settings; ///< its endpoint's name, URL, protocol and model make it filterable
    QString source = QStringLiteral("import");
    QString toolVersion;
    QDateTime startedAt; ///< invalid: now
    QDateTime endedAt;
    RunStatus status = RunStatus::Finished;
    QList<RequestRecord> records;
    std::optional<ServerMetricsRecord> serverMetrics;
    std::optional<ClientOverhead> clientOverhead; ///< RunSummary::client of the run, when it was watched
};

/*!
 * \brief The run history: every run and every finished request, in one SQLite database.
 *
 * WAL journal with synchronous=NORMAL: a committed request survives the process being
 * killed (the WAL is in the OS's page cache and is replayed on the next open); only an OS
 * crash or power loss can lose the last few commits, never corrupt the file. FULL would
 * add an fsync per request (milliseconds on a laptop disk) for that rare case.
 *
 * A running run is owned by its writer through a lock file beside the database
 * ("<db>.run-<id>.lock", QLockFile: PID, host and program name). open() turns every
 * 'running' run whose lock is stale or missing into 'interrupted'; a run whose writer is
 * alive (another TokenScope process) is left alone.
 *
 * Not thread-safe: one store per thread.
 */
class HistoryStore
{
    Q_DECLARE_TR_FUNCTIONS(HistoryStore)
public:
    /// v1: runs + requests. v2: tags table, runs.source. v3: runs.server_metrics (JSON).
    static constexpr int SchemaVersion = 4;
    /// PRAGMA application_id of a TokenScope history ("TSHS").
    static constexpr int ApplicationId = 0x54534853;

    /// The shared history of the GUI and the CLI: "history.sqlite" in the organisation's
    /// folder of the per-user data location (~/.local/share/TokenScope on Linux), unless the
    /// environment variable TOKENSCOPE_HISTORY_DB names another file.
    static QString defaultPath();

    HistoryStore();
    ~HistoryStore();
    HistoryStore(const HistoryStore &) = delete;
    HistoryStore &operator=(const HistoryStore &) = delete;

    /// Opens (creating or migrating) the database at \a path (":memory:" for a private one).
    /// False with errorString() set for a damaged file, a foreign database or a newer schema.
    bool open(const QString &path);
    void close();
    bool isOpen() const;
    QString path() const { return m_path; }
    QString errorString() const { return m_error; }
    /// The schema version the file had before open() migrated it (0: new file).
    int openedVersion() const { return m_openedVersion; }
    /// The runs open() marked interrupted.
    QList<qint64> recoveredRuns() const { return m_recovered; }

    /// Starts a run with \a config's settings (RunSettings::Detail::History, secrets
    /// stripped); -1 on error.
    qint64 beginRun(const LoadConfig &config, const QString &source = QStringLiteral("run"),
                    const QStringList &tags = {});
    /// Starts a run with ready-made \a settings; \a secrets are scrubbed from them and from
    /// every request text written to the run. -1 on error.
    qint64 beginRun(const RunSettings &settings, const QString &source, const QStringList &tags = {},
                    const QStringList &secrets = {});
    /// Writes one finished request (one small transaction).
    bool appendRequest(qint64 runId, const RequestRecord &record);
    /// Stores what the server's /metrics said during the run (ServerMetricsJson; replaces
    /// what was stored before). Before finishRun(), so that the run's secrets are scrubbed
    /// from it too.
    bool setServerMetrics(qint64 runId, const ServerMetricsRecord &record);
    /// Stores what the client itself cost during the run (RunSummary::client); loadRun() puts
    /// it back in the summary.
    bool setClientOverhead(qint64 runId, const ClientOverhead &overhead);
    /// Marks a run finished or cancelled and releases its lock.
    bool finishRun(qint64 runId, RunStatus status);

    QList<HistoryRun> listRuns(const HistoryFilter &filter = {});
    std::optional<HistoryRun> run(qint64 id);
    std::optional<StoredRun> loadRun(qint64 id);
    bool deleteRun(qint64 id);
    bool addTag(qint64 id, const QString &tag);
    bool removeTag(qint64 id, const QString &tag);

    /// Stores a complete run in one transaction; -1 on error.
    qint64 importRun(const ImportedRun &run, const QStringList &tags = {});
    /// The run in the CLI's JSON format (RunExport::runJson layout), with its "history" object.
    std::optional<QJsonDocument> exportRun(qint64 id);
    /// A CLI JSON export (tokenscope-cli run --json, or exportRun) read by RunExport::readRun,
    /// ready to store.
    static std::optional<ImportedRun> readExport(const QByteArray &json, QString *error);

    /// PRAGMA integrity_check: "ok" when the file is sound.
    QString integrityCheck();

private:
    bool exec(const QString &sql);
    bool migrate(int from);
    bool fail(const QString &message);
    QString lockPath(qint64 runId) const;
    void recoverOrphans();
    std::optional<HistoryRun> runFromQuery(const class QSqlQuery &q);

    QString m_connection;
    QString m_path;
    QString m_error;
    int m_openedVersion = 0;
    QList<qint64> m_recovered;
    QHash<qint64, std::shared_ptr<QLockFile>> m_locks;
    QHash<qint64, QStringList> m_secrets;
};
