// A history written by schema version 1 opens, is migrated to the current version and
// keeps every run, request and tag.
#include "storage/historystore.h"

#include "format/tracecodec.h"

#include <QJsonArray>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

namespace {

// Schema version 1 as it shipped: no tags table (tags lived in the settings JSON), no
// runs.source. Written out here on purpose, so the fixture does not follow later changes.
const char *const V1[] = {
    "PRAGMA application_id=1414744147",
    "CREATE TABLE runs (id INTEGER PRIMARY KEY, started_at INTEGER NOT NULL, ended_at INTEGER,"
    " status TEXT NOT NULL CHECK (status IN ('running','finished','cancelled','interrupted')),"
    " tool_version TEXT NOT NULL, endpoint_name TEXT NOT NULL DEFAULT '', endpoint_url TEXT NOT NULL DEFAULT "
    "'',"
    " model TEXT NOT NULL DEFAULT '', protocol TEXT NOT NULL DEFAULT '', settings TEXT NOT NULL)",
    "CREATE TABLE requests (id INTEGER PRIMARY KEY,"
    " run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE, idx INTEGER NOT NULL,"
    " warmup INTEGER NOT NULL, ok INTEGER NOT NULL, error_class TEXT, ttft_ms REAL, e2e_ms REAL NOT NULL,"
    " output_tokens INTEGER NOT NULL, written_at INTEGER NOT NULL, trace TEXT NOT NULL)",
    "CREATE INDEX requests_by_run ON requests(run_id)",
    "PRAGMA user_version=1",
};

RequestRecord record(int index, qint64 startNs)
{
    RequestRecord r;
    r.index = index;
    RequestTrace &t = r.trace;
    t.id = quint64(index + 1);
    t.endpointName = QStringLiteral("old-endpoint");
    t.startNs = startNs;
    t.requestSentNs = startNs + 1'000'000;
    t.firstTokenNs = startNs + 40'000'000;
    t.firstAnswerTokenNs = t.firstTokenNs;
    t.chunks = { { t.firstTokenNs, QStringLiteral("a"), 1, false, false },
                 { t.firstTokenNs + 9'000'000, QStringLiteral("b"), 1, false, false } };
    t.text = QStringLiteral("ab");
    t.lastTokenNs = t.firstTokenNs + 9'000'000;
    t.endNs = t.lastTokenNs + 1'000'000;
    t.httpStatus = 200;
    r.metrics = Metrics::compute(t);
    return r;
}

} // namespace

class TestHistoryMigration : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void migratesVersion1()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("v1.sqlite"));
        // 0x54534853 is HistoryStore::ApplicationId; the fixture spells it out as v1 did.
        QCOMPARE(1414744147, HistoryStore::ApplicationId);
        {
            QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("v1"));
            db.setDatabaseName(path);
            QVERIFY(db.open());
            QSqlQuery q(db);
            QVERIFY(q.exec(QStringLiteral("PRAGMA journal_mode=WAL")));
            for (const char *sql : V1)
                QVERIFY2(q.exec(QString::fromLatin1(sql)), qPrintable(q.lastError().text()));
            const char *settings[] = {
                R"({"endpoint":{"name":"old-endpoint","url":"http://127.0.0.1:1/v1","protocol":"openai-chat","model":"m"},"tags":["baseline","gpu-a"]})",
                R"({"endpoint":{"name":"other","url":"http://127.0.0.1:2/v1","protocol":"ollama","model":"m2"}})",
            };
            for (int i = 0; i < 2; ++i) {
                q.prepare(QStringLiteral(
                    "INSERT INTO runs(started_at, ended_at, status, tool_version, endpoint_name, "
                    "endpoint_url, model, protocol, settings) VALUES (?, ?, ?, '0.0.9', ?, ?, ?, ?, ?)"));
                q.addBindValue(qint64(1'700'000'000'000 + i * 1000));
                q.addBindValue(qint64(1'700'000'000'500 + i * 1000));
                q.addBindValue(i == 0 ? QStringLiteral("finished") : QStringLiteral("interrupted"));
                q.addBindValue(i == 0 ? QStringLiteral("old-endpoint") : QStringLiteral("other"));
                q.addBindValue(QStringLiteral("http://127.0.0.1:%1/v1").arg(i + 1));
                q.addBindValue(i == 0 ? QStringLiteral("m") : QStringLiteral("m2"));
                q.addBindValue(i == 0 ? QStringLiteral("openai-chat") : QStringLiteral("ollama"));
                q.addBindValue(QString::fromUtf8(settings[i]));
                QVERIFY2(q.exec(), qPrintable(q.lastError().text()));
            }
            for (int i = 0; i < 3; ++i) {
                const RequestRecord r = record(i, 10'000'000'000 + i * 5'000'000);
                q.prepare(QStringLiteral(
                    "INSERT INTO requests(run_id, idx, warmup, ok, error_class, ttft_ms, e2e_ms, "
                    "output_tokens, written_at, trace) VALUES (1, ?, 0, 1, NULL, ?, ?, ?, ?, ?)"));
                q.addBindValue(i);
                q.addBindValue(*r.metrics.ttftMs);
                q.addBindValue(r.metrics.e2eMs);
                q.addBindValue(r.metrics.outputTokens);
                q.addBindValue(qint64(1'700'000'000'100 + i));
                q.addBindValue(
                    QString::fromUtf8(QJsonDocument(TraceCodec::encode(r)).toJson(QJsonDocument::Compact)));
                QVERIFY2(q.exec(), qPrintable(q.lastError().text()));
            }
        }
        QSqlDatabase::removeDatabase(QStringLiteral("v1"));

        HistoryStore store;
        QVERIFY2(store.open(path), qPrintable(store.errorString()));
        QCOMPARE(store.openedVersion(), 1);
        QCOMPARE(store.integrityCheck(), QStringLiteral("ok"));

        const QList<HistoryRun> runs = store.listRuns();
        QCOMPARE(runs.size(), 2);
        const HistoryRun &old = runs.at(1);
        QCOMPARE(old.id, 1);
        QCOMPARE(old.source, QStringLiteral("run")); // the new column's default
        QCOMPARE(old.tags, (QStringList { QStringLiteral("baseline"), QStringLiteral("gpu-a") }));
        QCOMPARE(old.toolVersion, QStringLiteral("0.0.9"));
        QCOMPARE(old.requests, 3);
        QCOMPARE(runs.at(0).status, RunStatus::Interrupted);
        QVERIFY(runs.at(0).tags.isEmpty());

        // The migrated tags are real rows: filtering and tagging work on the old run.
        HistoryFilter byTag;
        byTag.tag = QStringLiteral("gpu-a");
        QCOMPARE(store.listRuns(byTag).size(), 1);
        QVERIFY(store.addTag(2, QStringLiteral("new")));
        byTag.tag = QStringLiteral("new");
        QCOMPARE(store.listRuns(byTag).constFirst().id, 2);

        const auto loaded = store.loadRun(1);
        QVERIFY2(loaded, qPrintable(store.errorString()));
        QCOMPARE(loaded->records.size(), 3);
        QCOMPARE(*loaded->records.at(1).metrics.ttftMs, 40.0);
        QCOMPARE(loaded->records.at(1).metrics.itlMs, QList<double> { 9.0 });
        QCOMPARE(loaded->summary.requestsOk, 3);

        // Migrated once: the next open finds the current version.
        store.close();
        QVERIFY(store.open(path));
        QCOMPARE(store.openedVersion(), HistoryStore::SchemaVersion);
        QCOMPARE(store.listRuns().size(), 2);
    }
};

QTEST_GUILESS_MAIN(TestHistoryMigration)
#include "tst_historymigration.moc"
