#include "historystore.h"

#include "format/runexport.h"
#include "format/servermetricsjson.h"
#include "format/tracecodec.h"

#include <QAtomicInteger>
#include <QDir>
#include <QFileInfo>
#include <QJsonArray>
#include <QLockFile>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QStandardPaths>

namespace {

QAtomicInteger<quint64> s_connections = 0;

constexpr int MaxTagLength = 64;
const QString Redacted = QStringLiteral("[redacted]");

// Version 1, exactly as it shipped: the tests build a v1 file with it to check migration.
const char *const SchemaV1[] = {
    "CREATE TABLE runs ("
    " id INTEGER PRIMARY KEY,"
    " started_at INTEGER NOT NULL," // ms since the epoch, UTC
    " ended_at INTEGER,"
    " status TEXT NOT NULL CHECK (status IN ('running','finished','cancelled','interrupted')),"
    " tool_version TEXT NOT NULL,"
    " endpoint_name TEXT NOT NULL DEFAULT '',"
    " endpoint_url TEXT NOT NULL DEFAULT '',"
    " model TEXT NOT NULL DEFAULT '',"
    " protocol TEXT NOT NULL DEFAULT '',"
    " settings TEXT NOT NULL)", // JSON; v1 kept the run's tags in it ("tags": [...])
    "CREATE TABLE requests ("
    " id INTEGER PRIMARY KEY," // the order requests finished
    " run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,"
    " idx INTEGER NOT NULL,"
    " warmup INTEGER NOT NULL,"
    " ok INTEGER NOT NULL,"
    " error_class TEXT,"
    " ttft_ms REAL,"
    " e2e_ms REAL NOT NULL,"
    " output_tokens INTEGER NOT NULL,"
    " written_at INTEGER NOT NULL,"
    " trace TEXT NOT NULL)", // TraceCodec JSON
    "CREATE INDEX requests_by_run ON requests(run_id)",
};

// Version 2: tags become rows (filterable, one per tag), runs say where they came from.
const char *const SchemaV2[] = {
    "ALTER TABLE runs ADD COLUMN source TEXT NOT NULL DEFAULT 'run'",
    "CREATE TABLE tags ("
    " run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,"
    " tag TEXT NOT NULL,"
    " PRIMARY KEY (run_id, tag)) WITHOUT ROWID",
    "CREATE INDEX tags_by_tag ON tags(tag)",
    "CREATE INDEX runs_by_start ON runs(started_at)",
};

// Version 3: what the server's /metrics said during the run (ServerMetricsJson), NULL when
// nothing was scraped. One column of JSON: it is read with the run, never queried into.
const char *const SchemaV3[] = {
    "ALTER TABLE runs ADD COLUMN server_metrics TEXT",
};

// Version 4: what the client itself cost during the run (ClientOverhead JSON: event-loop lag,
// CPU of its I/O threads), NULL when it was not watched (older runs, most imports).
const char *const SchemaV4[] = {
    "ALTER TABLE runs ADD COLUMN client_overhead TEXT",
};

QString cleanTag(const QString &tag)
{
    QString t = tag.trimmed();
    for (const QChar c : t) {
        if (c.category() == QChar::Other_Control)
            return {};
    }
    return t.size() <= MaxTagLength ? t : QString();
}

QString scrub(QString text, const QStringList &secrets)
{
    for (const QString &s : secrets)
        text.replace(s, Redacted);
    return text;
}

QDateTime fromMs(const QVariant &v)
{
    return v.isNull() ? QDateTime() : QDateTime::fromMSecsSinceEpoch(v.toLongLong(), Qt::UTC);
}

QString serverMetricsText(const ServerMetricsRecord &record, const QStringList &secrets)
{
    return scrub(
        QString::fromUtf8(QJsonDocument(ServerMetricsJson::toJson(record)).toJson(QJsonDocument::Compact)),
        secrets);
}

} // namespace

QString RunStatuses::key(RunStatus status)
{
    switch (status) {
    case RunStatus::Running:
        return QStringLiteral("running");
    case RunStatus::Finished:
        return QStringLiteral("finished");
    case RunStatus::Cancelled:
        return QStringLiteral("cancelled");
    case RunStatus::Interrupted:
        return QStringLiteral("interrupted");
    }
    return {};
}

std::optional<RunStatus> RunStatuses::fromKey(const QString &key)
{
    for (RunStatus s :
         { RunStatus::Running, RunStatus::Finished, RunStatus::Cancelled, RunStatus::Interrupted }) {
        if (RunStatuses::key(s) == key)
            return s;
    }
    return std::nullopt;
}

QString RunStatuses::label(RunStatus status)
{
    switch (status) {
    case RunStatus::Running:
        return HistoryStore::tr("running");
    case RunStatus::Finished:
        return HistoryStore::tr("finished");
    case RunStatus::Cancelled:
        return HistoryStore::tr("cancelled");
    case RunStatus::Interrupted:
        return HistoryStore::tr("interrupted");
    }
    return {};
}

QString HistoryStore::defaultPath()
{
    // For test suites and scripted setups: one variable moves every process's default.
    const QString overridden = qEnvironmentVariable("TOKENSCOPE_HISTORY_DB");
    if (!overridden.isEmpty())
        return overridden;
    // The organisation's folder, not the application's: the GUI ("TokenScope") and the CLI
    // ("tokenscope-cli") are two applications sharing one history.
    QString base = QStandardPaths::writableLocation(QStandardPaths::GenericDataLocation);
    QString org = QCoreApplication::organizationName();
    if (org.isEmpty())
        org = QStringLiteral("TokenScope");
    return base + u'/' + org + QStringLiteral("/history.sqlite");
}

HistoryStore::HistoryStore() = default;

HistoryStore::~HistoryStore()
{
    close();
}

bool HistoryStore::fail(const QString &message)
{
    m_error = message;
    return false;
}

bool HistoryStore::exec(const QString &sql)
{
    QSqlQuery q(QSqlDatabase::database(m_connection, false));
    if (!q.exec(sql))
        return fail(tr("database error in %1: %2").arg(sql.left(60), q.lastError().text()));
    return true;
}

bool HistoryStore::isOpen() const
{
    return !m_connection.isEmpty();
}

void HistoryStore::close()
{
    if (m_connection.isEmpty())
        return;
    // Runs still open here were not finished by their writer: they stay 'running' with their
    // lock released, and the next open() marks them interrupted.
    m_locks.clear();
    m_secrets.clear();
    {
        QSqlDatabase db = QSqlDatabase::database(m_connection, false);
        db.close();
    }
    QSqlDatabase::removeDatabase(m_connection);
    m_connection.clear();
}

bool HistoryStore::open(const QString &path)
{
    close();
    m_error.clear();
    m_recovered.clear();
    m_path = path;
    const bool memory = path == u":memory:";
    if (!memory) {
        const QFileInfo info(path);
        if (!QDir().mkpath(info.absolutePath()))
            return fail(tr("cannot create the folder %1").arg(info.absolutePath()));
    }
    m_connection = QStringLiteral("tokenscope-history-%1").arg(++s_connections);
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), m_connection);
        db.setDatabaseName(path);
        // Another TokenScope process (GUI and CLI) may be writing: wait rather than fail.
        db.setConnectOptions(QStringLiteral("QSQLITE_BUSY_TIMEOUT=5000"));
        if (!db.open()) {
            const QString why = db.lastError().text();
            close();
            return fail(tr("cannot open the history %1: %2").arg(path, why));
        }
    }

    auto damaged = [this, &path](const QString &why) {
        close();
        return fail(tr("%1 is not a TokenScope history or is damaged (%2); TokenScope runs on "
                       "without history. Move the file away to start a new one.")
                        .arg(path, why));
    };
    QSqlQuery q(QSqlDatabase::database(m_connection, false));
    // The first read of the file: a damaged or foreign file fails here.
    if (!q.exec(QStringLiteral("PRAGMA user_version")) || !q.next())
        return damaged(q.lastError().text());
    const int version = q.value(0).toInt();
    if (!q.exec(QStringLiteral("PRAGMA application_id")) || !q.next())
        return damaged(q.lastError().text());
    const int appId = q.value(0).toInt();
    if (!q.exec(QStringLiteral("SELECT count(*) FROM sqlite_master")) || !q.next())
        return damaged(q.lastError().text());
    const bool empty = q.value(0).toInt() == 0;
    q.finish();
    if (!empty && appId != ApplicationId)
        return damaged(tr("another program's database"));
    if (version > SchemaVersion) {
        close();
        return fail(tr("the history %1 was written by a newer TokenScope (schema version %2; this "
                       "version reads up to %3). Update TokenScope or choose another file.")
                        .arg(path)
                        .arg(version)
                        .arg(SchemaVersion));
    }
    m_openedVersion = empty ? 0 : version;

    // WAL: readers (the History panel) never block the writer of a running run.
    if (!memory) {
        if (!q.exec(QStringLiteral("PRAGMA journal_mode=WAL")) || !q.next())
            return damaged(q.lastError().text());
        q.finish(); // an active statement would keep the migration from committing
    }
    if (!exec(QStringLiteral("PRAGMA synchronous=NORMAL"))
        || !exec(QStringLiteral("PRAGMA foreign_keys=ON"))) {
        const QString why = m_error;
        return damaged(why);
    }
    if (m_openedVersion < SchemaVersion && !migrate(m_openedVersion)) {
        const QString why = m_error;
        close();
        return fail(tr("cannot upgrade the history %1: %2").arg(path, why));
    }
    recoverOrphans();
    return true;
}

bool HistoryStore::migrate(int from)
{
    QSqlDatabase db = QSqlDatabase::database(m_connection, false);
    // Each step in its own transaction with its version: a crash mid-way leaves a file at
    // the last complete version, and the next open continues from there.
    for (int v = from + 1; v <= SchemaVersion; ++v) {
        if (!db.transaction())
            return fail(db.lastError().text());
        bool ok = true;
        if (v == 1) {
            ok = exec(QStringLiteral("PRAGMA application_id=%1").arg(ApplicationId));
            for (const char *sql : SchemaV1)
                ok = ok && exec(QString::fromLatin1(sql));
        } else if (v == 2) {
            for (const char *sql : SchemaV2)
                ok = ok && exec(QString::fromLatin1(sql));
            // Move v1's tags out of the settings JSON into rows.
            QSqlQuery read(db);
            QSqlQuery insert(db);
            ok = ok && read.exec(QStringLiteral("SELECT id, settings FROM runs"));
            insert.prepare(QStringLiteral("INSERT OR IGNORE INTO tags(run_id, tag) VALUES (?, ?)"));
            while (ok && read.next()) {
                const QJsonObject settings = QJsonDocument::fromJson(read.value(1).toByteArray()).object();
                const QJsonArray tags = settings.value(QStringLiteral("tags")).toArray();
                for (const QJsonValue &t : tags) {
                    const QString tag = cleanTag(t.toString());
                    if (tag.isEmpty())
                        continue;
                    insert.addBindValue(read.value(0));
                    insert.addBindValue(tag);
                    if (!insert.exec())
                        ok = fail(insert.lastError().text());
                }
            }
            if (ok && read.lastError().isValid())
                ok = fail(read.lastError().text());
            read.finish();
            insert.finish();
        } else if (v == 3) {
            for (const char *sql : SchemaV3)
                ok = ok && exec(QString::fromLatin1(sql));
        } else if (v == 4) {
            for (const char *sql : SchemaV4)
                ok = ok && exec(QString::fromLatin1(sql));
        }
        ok = ok && exec(QStringLiteral("PRAGMA user_version=%1").arg(v));
        if (!ok) {
            db.rollback();
            return false;
        }
        if (!db.commit())
            return fail(db.lastError().text());
    }
    return true;
}

QString HistoryStore::lockPath(qint64 runId) const
{
    return m_path + QStringLiteral(".run-%1.lock").arg(runId);
}

void HistoryStore::recoverOrphans()
{
    QSqlDatabase db = QSqlDatabase::database(m_connection, false);
    QSqlQuery q(db);
    if (!q.exec(QStringLiteral("SELECT id FROM runs WHERE status = 'running'")))
        return;
    QList<qint64> running;
    while (q.next())
        running.append(q.value(0).toLongLong());
    const bool memory = m_path == u":memory:";
    for (qint64 id : running) {
        if (m_locks.contains(id))
            continue;
        if (!memory) {
            QLockFile lock(lockPath(id));
            // Only a dead writer's lock is stale, however old: a long run keeps its lock.
            lock.setStaleLockTime(0);
            if (!lock.tryLock(0))
                continue; // its writer is alive (another TokenScope process)
            lock.unlock(); // removes the file
        }
        QSqlQuery u(db);
        u.prepare(QStringLiteral("UPDATE runs SET status = 'interrupted', ended_at = coalesce("
                                 " (SELECT max(written_at) FROM requests WHERE run_id = runs.id), started_at)"
                                 " WHERE id = ? AND status = 'running'"));
        u.addBindValue(id);
        if (u.exec() && u.numRowsAffected() > 0)
            m_recovered.append(id);
    }
}

qint64 HistoryStore::beginRun(const LoadConfig &config, const QString &source, const QStringList &tags)
{
    return beginRun(RunSettings::fromConfig(config, RunSettings::Detail::History), source, tags,
                    RunSettings::secretsOf(config.endpoint));
}

qint64 HistoryStore::beginRun(const RunSettings &settings, const QString &source, const QStringList &tags,
                              const QStringList &secrets)
{
    if (!isOpen()) {
        fail(tr("the history is not open"));
        return -1;
    }
    QStringList scrubbed;
    for (const QString &s : secrets) {
        if (!s.isEmpty())
            scrubbed.append(s);
    }
    ImportedRun r;
    r.settings = settings;
    if (!scrubbed.isEmpty()) {
        // The settings hold no secret header, but a prompt or a URL might quote the key.
        const QString text = scrub(
            QString::fromUtf8(QJsonDocument(settings.toJson()).toJson(QJsonDocument::Compact)), scrubbed);
        const QJsonDocument doc = QJsonDocument::fromJson(text.toUtf8());
        if (doc.isObject())
            r.settings = RunSettings::fromJson(doc.object());
    }
    r.source = source;
    r.status = RunStatus::Running;
    // The row and its lock in one transaction: when another process can see the run as
    // 'running', its lock already exists, so it cannot be taken for an orphan.
    QSqlDatabase db = QSqlDatabase::database(m_connection, false);
    if (!db.transaction()) {
        fail(db.lastError().text());
        return -1;
    }
    const qint64 id = importRun(r, tags);
    if (id < 0) {
        db.rollback();
        return -1;
    }
    if (m_path != u":memory:") {
        auto lock = std::make_shared<QLockFile>(lockPath(id));
        lock->setStaleLockTime(0);
        if (!lock->tryLock(0)) {
            db.rollback();
            fail(tr("cannot create the lock file %1").arg(lockPath(id)));
            return -1;
        }
        m_locks.insert(id, lock);
    }
    if (!db.commit()) {
        m_locks.remove(id);
        fail(db.lastError().text());
        return -1;
    }
    if (!scrubbed.isEmpty())
        m_secrets.insert(id, scrubbed);
    return id;
}

bool HistoryStore::appendRequest(qint64 runId, const RequestRecord &record)
{
    if (!isOpen())
        return fail(tr("the history is not open"));
    RequestRecord r = record;
    const QStringList secrets = m_secrets.value(runId);
    if (!secrets.isEmpty()) {
        RequestTrace &t = r.trace;
        t.text = scrub(t.text, secrets);
        t.reasoning = scrub(t.reasoning, secrets);
        t.errorMessage = scrub(t.errorMessage, secrets);
        t.url = scrub(t.url, secrets);
        t.chunks.transformTexts([&secrets](const QString &text) { return scrub(text, secrets); });
    }
    QSqlQuery q(QSqlDatabase::database(m_connection, false));
    q.prepare(QStringLiteral("INSERT INTO requests(run_id, idx, warmup, ok, error_class, ttft_ms, e2e_ms, "
                             "output_tokens, written_at, trace) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"));
    q.addBindValue(runId);
    q.addBindValue(r.index);
    q.addBindValue(r.warmup ? 1 : 0);
    q.addBindValue(r.trace.ok() ? 1 : 0);
    q.addBindValue(r.trace.ok() ? QVariant() : QVariant(ErrorClasses::name(r.trace.error)));
    q.addBindValue(r.metrics.ttftMs ? QVariant(*r.metrics.ttftMs) : QVariant());
    q.addBindValue(r.metrics.e2eMs);
    q.addBindValue(r.metrics.outputTokens);
    q.addBindValue(QDateTime::currentMSecsSinceEpoch());
    q.addBindValue(QString::fromUtf8(QJsonDocument(TraceCodec::encode(r)).toJson(QJsonDocument::Compact)));
    if (!q.exec())
        return fail(tr("cannot store a request of run %1: %2").arg(runId).arg(q.lastError().text()));
    return true;
}

bool HistoryStore::setClientOverhead(qint64 runId, const ClientOverhead &overhead)
{
    if (!isOpen())
        return fail(tr("the history is not open"));
    QSqlQuery q(QSqlDatabase::database(m_connection, false));
    q.prepare(QStringLiteral("UPDATE runs SET client_overhead = ? WHERE id = ?"));
    q.addBindValue(QString::fromUtf8(QJsonDocument(overhead.toJson()).toJson(QJsonDocument::Compact)));
    q.addBindValue(runId);
    if (!q.exec())
        return fail(tr("cannot store the client overhead of run %1: %2").arg(runId).arg(q.lastError().text()));
    if (q.numRowsAffected() == 0)
        return fail(tr("no run %1 in the history").arg(runId));
    return true;
}

bool HistoryStore::setServerMetrics(qint64 runId, const ServerMetricsRecord &record)
{
    if (!isOpen())
        return fail(tr("the history is not open"));
    QSqlQuery q(QSqlDatabase::database(m_connection, false));
    q.prepare(QStringLiteral("UPDATE runs SET server_metrics = ? WHERE id = ?"));
    q.addBindValue(serverMetricsText(record, m_secrets.value(runId)));
    q.addBindValue(runId);
    if (!q.exec())
        return fail(tr("cannot store the server metrics of run %1: %2").arg(runId).arg(q.lastError().text()));
    if (q.numRowsAffected() == 0)
        return fail(tr("no run %1 in the history").arg(runId));
    return true;
}

bool HistoryStore::finishRun(qint64 runId, RunStatus status)
{
    if (!isOpen())
        return fail(tr("the history is not open"));
    QSqlQuery q(QSqlDatabase::database(m_connection, false));
    q.prepare(QStringLiteral("UPDATE runs SET status = ?, ended_at = ? WHERE id = ?"));
    q.addBindValue(RunStatuses::key(status));
    q.addBindValue(QDateTime::currentMSecsSinceEpoch());
    q.addBindValue(runId);
    const bool ok = q.exec();
    // The lock goes only once the status is written: in between, a reader sees a live run.
    m_locks.remove(runId);
    m_secrets.remove(runId);
    if (!ok)
        return fail(tr("cannot finish run %1: %2").arg(runId).arg(q.lastError().text()));
    return true;
}

namespace {
const char RunColumns[]
    = "SELECT r.id, r.started_at, r.ended_at, r.status, r.source, r.tool_version, r.endpoint_name,"
      " r.endpoint_url, r.model, r.protocol, r.settings,"
      " (SELECT group_concat(tag, char(31)) FROM tags WHERE run_id = r.id),"
      " (SELECT count(*) FROM requests WHERE run_id = r.id),"
      " (SELECT count(*) FROM requests WHERE run_id = r.id AND ok = 1),"
      " r.server_metrics IS NOT NULL"
      " FROM runs r";
} // namespace

std::optional<HistoryRun> HistoryStore::runFromQuery(const QSqlQuery &q)
{
    HistoryRun r;
    r.id = q.value(0).toLongLong();
    r.startedAt = fromMs(q.value(1));
    r.endedAt = fromMs(q.value(2));
    r.status = RunStatuses::fromKey(q.value(3).toString()).value_or(RunStatus::Interrupted);
    r.source = q.value(4).toString();
    r.toolVersion = q.value(5).toString();
    r.endpointName = q.value(6).toString();
    r.endpointUrl = q.value(7).toString();
    r.model = q.value(8).toString();
    r.protocol = q.value(9).toString();
    r.settings = RunSettings::fromJson(QJsonDocument::fromJson(q.value(10).toString().toUtf8()).object());
    r.endpointId = r.settings.endpoint.id.value_or(QString());
    // Runs stored before the name was kept stable hold it in the language of the day.
    if (r.endpointId == RunSettings::EmbeddedEndpointId)
        r.endpointName = RunSettings::EmbeddedEndpointId;
    const QString tags = q.value(11).toString();
    if (!tags.isEmpty()) {
        r.tags = tags.split(QChar(31));
        r.tags.sort();
    }
    r.requests = q.value(12).toInt();
    r.requestsOk = q.value(13).toInt();
    r.hasServerMetrics = q.value(14).toBool();
    return r;
}

QList<HistoryRun> HistoryStore::listRuns(const HistoryFilter &filter)
{
    QList<HistoryRun> runs;
    if (!isOpen()) {
        fail(tr("the history is not open"));
        return runs;
    }
    QStringList where;
    QVariantList binds;
    if (!filter.endpoint.isEmpty()) {
        where.append(QStringLiteral("(instr(lower(r.endpoint_name), lower(?)) > 0 OR "
                                    "instr(lower(r.endpoint_url), lower(?)) > 0)"));
        binds << filter.endpoint << filter.endpoint;
    }
    if (filter.from.isValid()) {
        where.append(QStringLiteral("r.started_at >= ?"));
        binds << filter.from.toMSecsSinceEpoch();
    }
    if (filter.to.isValid()) {
        where.append(QStringLiteral("r.started_at < ?"));
        binds << filter.to.toMSecsSinceEpoch();
    }
    if (!filter.tag.isEmpty()) {
        where.append(QStringLiteral("EXISTS (SELECT 1 FROM tags t WHERE t.run_id = r.id AND t.tag = ?)"));
        binds << filter.tag.trimmed();
    }
    QString sql = QString::fromLatin1(RunColumns);
    if (!where.isEmpty())
        sql += QStringLiteral(" WHERE ") + where.join(QStringLiteral(" AND "));
    sql += QStringLiteral(" ORDER BY r.started_at DESC, r.id DESC");
    if (filter.limit > 0)
        sql += QStringLiteral(" LIMIT %1").arg(filter.limit);
    QSqlQuery q(QSqlDatabase::database(m_connection, false));
    q.setForwardOnly(true);
    q.prepare(sql);
    for (const QVariant &b : std::as_const(binds))
        q.addBindValue(b);
    if (!q.exec()) {
        fail(q.lastError().text());
        return runs;
    }
    while (q.next()) {
        if (auto r = runFromQuery(q))
            runs.append(*r);
    }
    return runs;
}

std::optional<HistoryRun> HistoryStore::run(qint64 id)
{
    if (!isOpen()) {
        fail(tr("the history is not open"));
        return std::nullopt;
    }
    QSqlQuery q(QSqlDatabase::database(m_connection, false));
    q.prepare(QString::fromLatin1(RunColumns) + QStringLiteral(" WHERE r.id = ?"));
    q.addBindValue(id);
    if (!q.exec()) {
        fail(q.lastError().text());
        return std::nullopt;
    }
    if (!q.next()) {
        fail(tr("no run %1 in the history").arg(id));
        return std::nullopt;
    }
    return runFromQuery(q);
}

std::optional<StoredRun> HistoryStore::loadRun(qint64 id)
{
    auto info = run(id);
    if (!info)
        return std::nullopt;
    StoredRun stored;
    stored.run = *info;
    if (info->hasServerMetrics) {
        QSqlQuery m(QSqlDatabase::database(m_connection, false));
        m.prepare(QStringLiteral("SELECT server_metrics FROM runs WHERE id = ?"));
        m.addBindValue(id);
        // A damaged object costs the server's series, never the run.
        if (m.exec() && m.next()) {
            const QJsonDocument doc = QJsonDocument::fromJson(m.value(0).toString().toUtf8());
            if (doc.isObject())
                stored.serverMetrics = ServerMetricsJson::fromJson(doc.object());
        }
    }
    QSqlQuery q(QSqlDatabase::database(m_connection, false));
    q.setForwardOnly(true);
    q.prepare(QStringLiteral("SELECT id, trace FROM requests WHERE run_id = ? ORDER BY id"));
    q.addBindValue(id);
    if (!q.exec()) {
        fail(q.lastError().text());
        return std::nullopt;
    }
    while (q.next()) {
        QJsonParseError parseError;
        const QJsonDocument doc = QJsonDocument::fromJson(q.value(1).toString().toUtf8(), &parseError);
        QString why = parseError.errorString();
        std::optional<RequestRecord> record;
        if (doc.isObject())
            record = TraceCodec::decode(doc.object(), &why);
        if (!record) {
            fail(tr("request %1 of run %2 is damaged: %3").arg(q.value(0).toLongLong()).arg(id).arg(why));
            return std::nullopt;
        }
        stored.records.append(std::move(*record));
    }
    stored.summary = Metrics::summarize(stored.records, TraceCodec::peakConcurrency(stored.records));
    {
        // Not in the requests: what the client cost comes from its own column. A damaged one
        // costs that figure only.
        QSqlQuery c(QSqlDatabase::database(m_connection, false));
        c.prepare(QStringLiteral("SELECT client_overhead FROM runs WHERE id = ?"));
        c.addBindValue(id);
        if (c.exec() && c.next() && !c.value(0).isNull()) {
            const QJsonDocument doc = QJsonDocument::fromJson(c.value(0).toString().toUtf8());
            if (doc.isObject())
                stored.summary.client = ClientOverhead::fromJson(doc.object());
        }
    }
    return stored;
}

bool HistoryStore::deleteRun(qint64 id)
{
    if (!isOpen())
        return fail(tr("the history is not open"));
    if (m_locks.contains(id))
        return fail(tr("run %1 is still running").arg(id));
    QSqlQuery q(QSqlDatabase::database(m_connection, false));
    q.prepare(QStringLiteral("DELETE FROM runs WHERE id = ?"));
    q.addBindValue(id);
    if (!q.exec())
        return fail(q.lastError().text());
    if (q.numRowsAffected() == 0)
        return fail(tr("no run %1 in the history").arg(id));
    return true;
}

bool HistoryStore::addTag(qint64 id, const QString &tag)
{
    if (!isOpen())
        return fail(tr("the history is not open"));
    const QString t = cleanTag(tag);
    if (t.isEmpty())
        return fail(tr("a tag is 1 to %1 characters, without control characters").arg(MaxTagLength));
    if (!run(id))
        return false;
    QSqlQuery q(QSqlDatabase::database(m_connection, false));
    q.prepare(QStringLiteral("INSERT OR IGNORE INTO tags(run_id, tag) VALUES (?, ?)"));
    q.addBindValue(id);
    q.addBindValue(t);
    if (!q.exec())
        return fail(q.lastError().text());
    return true;
}

bool HistoryStore::removeTag(qint64 id, const QString &tag)
{
    if (!isOpen())
        return fail(tr("the history is not open"));
    QSqlQuery q(QSqlDatabase::database(m_connection, false));
    q.prepare(QStringLiteral("DELETE FROM tags WHERE run_id = ? AND tag = ?"));
    q.addBindValue(id);
    q.addBindValue(tag.trimmed());
    if (!q.exec())
        return fail(q.lastError().text());
    return true;
}

qint64 HistoryStore::importRun(const ImportedRun &run, const QStringList &tags)
{
    if (!isOpen()) {
        fail(tr("the history is not open"));
        return -1;
    }
    QStringList cleanTags;
    for (const QString &tag : tags) {
        const QString t = cleanTag(tag);
        if (t.isEmpty()) {
            fail(tr("a tag is 1 to %1 characters, without control characters").arg(MaxTagLength));
            return -1;
        }
        cleanTags.append(t);
    }
    QSqlDatabase db = QSqlDatabase::database(m_connection, false);
    // Nested in beginRun's transaction, or one of its own.
    const bool ownTransaction = run.status != RunStatus::Running;
    if (ownTransaction && !db.transaction()) {
        fail(db.lastError().text());
        return -1;
    }
    auto abort = [&](const QString &why) -> qint64 {
        if (ownTransaction)
            db.rollback();
        fail(why);
        return -1;
    };
    const RunSettings::Endpoint &endpoint = run.settings.endpoint;
    QSqlQuery q(db);
    q.prepare(QStringLiteral("INSERT INTO runs(started_at, ended_at, status, tool_version, endpoint_name, "
                             "endpoint_url, model, protocol, settings, source, server_metrics, client_overhead) "
                             "VALUES (?, ?, ?, ?, coalesce(?, ''), coalesce(?, ''), coalesce(?, ''), "
                             "coalesce(?, ''), ?, coalesce(?, 'run'), ?, ?)"));
    const QDateTime started = run.startedAt.isValid() ? run.startedAt : QDateTime::currentDateTimeUtc();
    q.addBindValue(started.toMSecsSinceEpoch());
    q.addBindValue(run.status == RunStatus::Running
                       ? QVariant()
                       : QVariant((run.endedAt.isValid() ? run.endedAt : started).toMSecsSinceEpoch()));
    q.addBindValue(RunStatuses::key(run.status));
    q.addBindValue(run.toolVersion.isEmpty() ? QStringLiteral(TOKENSCOPE_VERSION) : run.toolVersion);
    q.addBindValue(endpoint.id.value_or(QString()) == RunSettings::EmbeddedEndpointId
                       ? QString(RunSettings::EmbeddedEndpointId)
                       : endpoint.name);
    q.addBindValue(endpoint.url);
    q.addBindValue(endpoint.model);
    q.addBindValue(endpoint.protocol);
    q.addBindValue(QString::fromUtf8(QJsonDocument(run.settings.toJson()).toJson(QJsonDocument::Compact)));
    q.addBindValue(run.source);
    q.addBindValue(run.serverMetrics ? QVariant(serverMetricsText(*run.serverMetrics, {})) : QVariant());
    q.addBindValue(run.clientOverhead
                       ? QVariant(QString::fromUtf8(QJsonDocument(run.clientOverhead->toJson()).toJson(QJsonDocument::Compact)))
                       : QVariant());
    if (!q.exec())
        return abort(q.lastError().text());
    const qint64 id = q.lastInsertId().toLongLong();
    QSqlQuery t(db);
    t.prepare(QStringLiteral("INSERT OR IGNORE INTO tags(run_id, tag) VALUES (?, ?)"));
    for (const QString &tag : std::as_const(cleanTags)) {
        t.addBindValue(id);
        t.addBindValue(tag);
        if (!t.exec())
            return abort(t.lastError().text());
    }
    for (const RequestRecord &r : run.records) {
        if (!appendRequest(id, r))
            return abort(m_error);
    }
    if (ownTransaction && !db.commit())
        return abort(db.lastError().text());
    return id;
}

std::optional<QJsonDocument> HistoryStore::exportRun(qint64 id)
{
    auto stored = loadRun(id);
    if (!stored)
        return std::nullopt;
    const HistoryRun &r = stored->run;
    return RunExport::runJson(RunDocument { {},
                                            r.settings,
                                            stored->records,
                                            stored->summary,
                                            RunHistoryInfo { id, RunStatuses::key(r.status), r.source,
                                                             r.toolVersion, r.startedAt, r.endedAt, r.tags },
                                            stored->serverMetrics });
}

std::optional<ImportedRun> HistoryStore::readExport(const QByteArray &json, QString *error)
{
    std::optional<RunDocument> document = RunExport::readRun(json, error);
    if (!document)
        return std::nullopt;
    ImportedRun run;
    run.settings = std::move(document->settings);
    run.toolVersion = document->tool.remove(QStringLiteral("TokenScope ")).left(40);
    if (const auto &h = document->history) {
        run.startedAt = h->startedAt;
        run.endedAt = h->endedAt;
        // A run still running where the file was written is finished here: nothing will add to it.
        if (const auto status = RunStatuses::fromKey(h->status); status && *status != RunStatus::Running)
            run.status = *status;
    }
    run.records = std::move(document->records);
    run.serverMetrics = std::move(document->serverMetrics);
    run.clientOverhead = document->summary.client;
    return run;
}

QString HistoryStore::integrityCheck()
{
    if (!isOpen())
        return tr("the history is not open");
    QSqlQuery q(QSqlDatabase::database(m_connection, false));
    if (!q.exec(QStringLiteral("PRAGMA integrity_check")))
        return q.lastError().text();
    QStringList lines;
    while (q.next())
        lines.append(q.value(0).toString());
    return lines.join(u'\n');
}
