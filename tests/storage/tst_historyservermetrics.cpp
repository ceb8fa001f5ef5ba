// The server's metrics kept with a run in the history: stored, listed, loaded, exported and
// imported back; secrets scrubbed from them; a damaged column never costs the run; a history
// of schema version 2 gains the column.
#include "storage/historyrecorder.h"
#include "storage/historystore.h"

#include <QJsonObject>
#include <QSignalSpy>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

namespace {

const QString Secret = QStringLiteral("sk-server-metrics-secret-4242");

RequestRecord record(int index)
{
    RequestRecord r;
    r.index = index;
    r.trace.startNs = 1'000'000'000 + index * 1'000'000;
    r.trace.firstTokenNs = r.trace.startNs + 5'000'000;
    r.trace.chunks = { { r.trace.firstTokenNs, QStringLiteral("x"), 1, false, false } };
    r.trace.lastTokenNs = r.trace.firstTokenNs;
    r.trace.endNs = r.trace.firstTokenNs + 1'000'000;
    r.trace.httpStatus = 200;
    r.metrics = Metrics::compute(r.trace);
    return r;
}

ServerMetricsRecord serverRecord(const QString &lastError = {})
{
    ServerMetricsRecord r;
    r.server = QStringLiteral("vllm");
    r.url = QStringLiteral("http://127.0.0.1:8000/metrics");
    r.intervalMs = 100;
    r.scrapes = 2;
    r.failures = lastError.isEmpty() ? 0 : 1;
    r.lastError = lastError;
    r.series.insert(QStringLiteral("running"), { { -0.5, 0 }, { 99.75, 6 } });
    r.series.insert(QStringLiteral("waiting"), { { -0.5, 0 }, { 99.75, 2 } });
    r.summary.insert(QStringLiteral("running"), ServerSeriesSummary { 2, 6, 0, std::nullopt });
    r.summary.insert(QStringLiteral("waiting"), ServerSeriesSummary { 2, 2, 0, std::nullopt });
    r.serverTtft = ServerHistogramSummary { 6, 120.5, 110.0, 180.0, 199.0 };
    r.unmapped = { QStringLiteral("vllm:cache_config_info") };
    return r;
}

RunSettings settings()
{
    RunSettings s;
    s.endpoint.name = QStringLiteral("gpu-a");
    s.endpoint.url = QStringLiteral("http://127.0.0.1:8000/v1");
    s.endpoint.protocol = QStringLiteral("openai-chat");
    s.endpoint.model = QStringLiteral("m");
    return s;
}

// Schema version 2 as it shipped (v1 plus tags and runs.source), written out here so that the
// fixture does not follow later changes.
const char *const V2[] = {
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
    "ALTER TABLE runs ADD COLUMN source TEXT NOT NULL DEFAULT 'run'",
    "CREATE TABLE tags (run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE, tag TEXT NOT NULL,"
    " PRIMARY KEY (run_id, tag)) WITHOUT ROWID",
    "CREATE INDEX tags_by_tag ON tags(tag)",
    "CREATE INDEX runs_by_start ON runs(started_at)",
    "INSERT INTO runs(started_at, ended_at, status, tool_version, endpoint_name, endpoint_url, model, "
    "protocol,"
    " settings, source) VALUES (1700000000000, 1700000000500, 'finished', '0.1.0', 'old', "
    "'http://127.0.0.1:1/v1',"
    " 'm', 'openai-chat', '{\"endpoint\":{\"name\":\"old\"}}', 'run')",
    "PRAGMA user_version=2",
};

} // namespace

class TestHistoryServerMetrics : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void storedLoadedExportedImported()
    {
        QTemporaryDir dir;
        HistoryStore store;
        QVERIFY2(store.open(dir.filePath(QStringLiteral("h.sqlite"))), qPrintable(store.errorString()));
        const qint64 id = store.beginRun(settings(), QStringLiteral("run"), {}, { Secret });
        QVERIFY(id > 0);
        QVERIFY(store.appendRequest(id, record(0)));
        QVERIFY(store.appendRequest(id, record(1)));
        QVERIFY(!store.run(id)->hasServerMetrics);
        // A failure message quoting the key (a URL with it in the query, say) is scrubbed.
        QVERIFY2(store.setServerMetrics(id, serverRecord(QStringLiteral("HTTP 401 for key ") + Secret)),
                 qPrintable(store.errorString()));
        QVERIFY(store.finishRun(id, RunStatus::Finished));

        QVERIFY(store.run(id)->hasServerMetrics);
        QVERIFY(store.listRuns().constFirst().hasServerMetrics);
        const auto stored = store.loadRun(id);
        QVERIFY2(stored, qPrintable(store.errorString()));
        QCOMPARE(stored->records.size(), 2);
        QVERIFY(stored->serverMetrics.has_value());
        const ServerMetricsRecord expected = serverRecord(QStringLiteral("HTTP 401 for key [redacted]"));
        QCOMPARE(stored->serverMetrics->lastError, expected.lastError);
        QVERIFY(*stored->serverMetrics == expected);

        // The history's export carries it, and an import of that export keeps it.
        const auto exported = store.exportRun(id);
        QVERIFY(exported);
        const QJsonObject server = exported->object().value(QStringLiteral("server_metrics")).toObject();
        QCOMPARE(server.value(QStringLiteral("server")).toString(), QStringLiteral("vllm"));
        QVERIFY(!exported->toJson().contains(Secret.toUtf8()));
        QString error;
        const auto imported = HistoryStore::readExport(exported->toJson(), &error);
        QVERIFY2(imported, qPrintable(error));
        QVERIFY(imported->serverMetrics.has_value());
        const qint64 copy = store.importRun(*imported);
        QVERIFY2(copy > 0, qPrintable(store.errorString()));
        QVERIFY(store.run(copy)->hasServerMetrics);
        QVERIFY(*store.loadRun(copy)->serverMetrics == expected);

        // Unknown runs are refused.
        QVERIFY(!store.setServerMetrics(9999, expected));
    }

    void clientOverheadStoredExportedImported()
    {
        // What the client cost goes with the run: back in the summary when it is loaded, in
        // its export, and kept by an import of that export.
        QTemporaryDir dir;
        HistoryStore store;
        QVERIFY2(store.open(dir.filePath(QStringLiteral("h.sqlite"))), qPrintable(store.errorString()));
        const qint64 id = store.beginRun(settings(), QStringLiteral("run"), {}, {});
        QVERIFY(store.appendRequest(id, record(0)));
        ClientOverhead overhead;
        overhead.lagMs.count = 900;
        overhead.lagMs.p50 = 0.05;
        overhead.lagMs.p99 = 1.75;
        overhead.lagMs.max = 12.5;
        overhead.cpuSeconds = 0.4;
        overhead.wallSeconds = 1.0;
        QVERIFY2(store.setClientOverhead(id, overhead), qPrintable(store.errorString()));
        QVERIFY(store.finishRun(id, RunStatus::Finished));

        const auto stored = store.loadRun(id);
        QVERIFY(stored && stored->summary.client);
        QCOMPARE(stored->summary.client->lagMs.p99, 1.75);
        QCOMPARE(stored->summary.client->cpuShare(), 0.4);
        QVERIFY(stored->summary.client->includesClientDelay()); // 1.75 ms of lag at p99

        const auto exported = store.exportRun(id);
        QVERIFY(exported);
        const QJsonObject summary = exported->object().value(QStringLiteral("summary")).toObject();
        QCOMPARE(summary.value(QStringLiteral("client_lag_ms"))[QLatin1String("p99")].toDouble(), 1.75);
        QCOMPARE(summary.value(QStringLiteral("client_cpu_share")).toDouble(), 0.4);
        QCOMPARE(summary.value(QStringLiteral("includes_client_delay")).toBool(), true);
        QString error;
        const auto imported = HistoryStore::readExport(exported->toJson(), &error);
        QVERIFY2(imported && imported->clientOverhead, qPrintable(error));
        const qint64 copy = store.importRun(*imported);
        QVERIFY2(copy > 0, qPrintable(store.errorString()));
        QCOMPARE(store.loadRun(copy)->summary.client->lagMs.max, 12.5);

        // A run never watched has none; an unknown run is refused.
        const qint64 other = store.beginRun(settings(), QStringLiteral("run"), {}, {});
        QVERIFY(store.finishRun(other, RunStatus::Finished));
        QVERIFY(!store.loadRun(other)->summary.client);
        QVERIFY(!store.setClientOverhead(9999, overhead));
    }

    void aRunWithoutThem()
    {
        HistoryStore store;
        QVERIFY(store.open(QStringLiteral(":memory:")));
        const qint64 id = store.beginRun(settings(), QStringLiteral("run"));
        QVERIFY(store.appendRequest(id, record(0)));
        QVERIFY(store.finishRun(id, RunStatus::Finished));
        QVERIFY(!store.run(id)->hasServerMetrics);
        QVERIFY(!store.loadRun(id)->serverMetrics.has_value());
        QVERIFY(!store.exportRun(id)->object().contains(QStringLiteral("server_metrics")));
    }

    void damagedColumnNeverCostsTheRun()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("d.sqlite"));
        qint64 id = 0;
        {
            HistoryStore store;
            QVERIFY(store.open(path));
            id = store.beginRun(settings(), QStringLiteral("run"));
            QVERIFY(store.appendRequest(id, record(0)));
            QVERIFY(store.setServerMetrics(id, serverRecord()));
            QVERIFY(store.finishRun(id, RunStatus::Finished));
        }
        {
            QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("damage"));
            db.setDatabaseName(path);
            QVERIFY(db.open());
            QSqlQuery q(db);
            QVERIFY(q.exec(QStringLiteral("UPDATE runs SET server_metrics = '{\"series\": [truncated'")));
        }
        QSqlDatabase::removeDatabase(QStringLiteral("damage"));
        HistoryStore store;
        QVERIFY(store.open(path));
        const auto stored = store.loadRun(id);
        QVERIFY2(stored, qPrintable(store.errorString()));
        QCOMPARE(stored->records.size(), 1);
        QVERIFY(!stored->serverMetrics.has_value());
        QVERIFY(store.exportRun(id).has_value());
    }

    void recorderStoresThem()
    {
        HistoryStore store;
        QVERIFY(store.open(QStringLiteral(":memory:")));
        HistoryRecorder recorder(&store);
        QSignalSpy failed(&recorder, &HistoryRecorder::writeFailed);
        LoadConfig config;
        config.endpoint.name = QStringLiteral("gui-endpoint");
        config.endpoint.baseUrl = QUrl(QStringLiteral("http://127.0.0.1:1/v1"));
        QVERIFY(recorder.begin(config));
        const qint64 id = recorder.runId();
        recorder.append(record(0));
        recorder.setServerMetrics(serverRecord());
        recorder.finish();
        QVERIFY(failed.isEmpty());
        QVERIFY(*store.loadRun(id)->serverMetrics == serverRecord());
        // After the end there is no run to store them with.
        ServerMetricsRecord later = serverRecord();
        later.scrapes = 99;
        recorder.setServerMetrics(later);
        QCOMPARE(store.loadRun(id)->serverMetrics->scrapes, 2);
    }

    void migratesVersion2()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("v2.sqlite"));
        {
            QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("v2"));
            db.setDatabaseName(path);
            QVERIFY(db.open());
            QSqlQuery q(db);
            for (const char *sql : V2)
                QVERIFY2(q.exec(QString::fromLatin1(sql)), qPrintable(q.lastError().text()));
        }
        QSqlDatabase::removeDatabase(QStringLiteral("v2"));

        HistoryStore store;
        QVERIFY2(store.open(path), qPrintable(store.errorString()));
        QCOMPARE(store.openedVersion(), 2);
        QCOMPARE(store.integrityCheck(), QStringLiteral("ok"));
        const QList<HistoryRun> runs = store.listRuns();
        QCOMPARE(runs.size(), 1);
        QVERIFY(!runs.constFirst().hasServerMetrics);
        QVERIFY(!store.loadRun(runs.constFirst().id)->serverMetrics.has_value());
        // The old run takes metrics now like any other.
        QVERIFY2(store.setServerMetrics(runs.constFirst().id, serverRecord()),
                 qPrintable(store.errorString()));
        QVERIFY(*store.loadRun(runs.constFirst().id)->serverMetrics == serverRecord());

        store.close();
        QVERIFY(store.open(path));
        QCOMPARE(store.openedVersion(), HistoryStore::SchemaVersion);
    }
};

QTEST_GUILESS_MAIN(TestHistoryServerMetrics)
#include "tst_historyservermetrics.moc"
