// The run history: schema, writing as requests end, reopening into the same figures,
// filters, tags, deletion, JSON round trip, secrets, damaged and newer files.
#include "storage/historystore.h"

#include "format/runexport.h"
#include "format/tracecodec.h"

#include <QFile>
#include <QJsonArray>
#include <QLockFile>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

namespace {

const QString PlantedKey = QStringLiteral("sk-planted-SECRET-4242424242");
const QByteArray PlantedHeaderValue = "hdr-secret-value-777777";

// A request as the client would have traced it: streamed chunks, usage, server timings.
RequestRecord makeRecord(int index, qint64 startNs, bool ok = true, int tokens = 5)
{
    RequestRecord r;
    r.index = index;
    RequestTrace &t = r.trace;
    t.id = quint64(index + 1);
    t.endpointName = QStringLiteral("local-sim");
    t.protocol = Protocol::OpenAIChat;
    t.model = QStringLiteral("m1");
    t.url = QStringLiteral("http://127.0.0.1:9/v1/chat/completions");
    t.startNs = startNs;
    t.connectStartNs = startNs + 100'000;
    t.connectedNs = startNs + 300'000;
    t.requestSentNs = startNs + 400'000;
    t.responseStartNs = startNs + 5'000'000;
    t.headersNs = startNs + 5'100'000;
    t.firstBodyByteNs = startNs + 5'200'000;
    t.httpStatus = ok ? 200 : 503;
    t.bytesSent = 321;
    t.bytesReceived = 4567;
    t.usage.promptTokens = 17;
    t.timings.queueMs = 1.5;
    t.timings.promptMs = 2.25;
    if (ok) {
        qint64 at = startNs + 20'000'000 + index * 1'000'000;
        t.firstTokenNs = at;
        t.firstAnswerTokenNs = at;
        for (int i = 0; i < tokens; ++i) {
            t.chunks.append({ at, QStringLiteral("tok%1 ").arg(i), 1, false, false });
            t.text += QStringLiteral("tok%1 ").arg(i);
            at += 3'000'000 + i * 10'000;
        }
        t.lastTokenNs = t.chunks.constLast().tNs;
        t.endNs = t.lastTokenNs + 500'000;
        t.usage.completionTokens = tokens;
        t.finishReason = QStringLiteral("stop");
    } else {
        t.error = ErrorClass::HttpStatus;
        t.errorMessage = QStringLiteral("HTTP 503: overloaded");
        t.endNs = startNs + 6'000'000;
    }
    r.metrics = Metrics::compute(t);
    return r;
}

LoadConfig makeConfig(const QString &name = QStringLiteral("local-sim"))
{
    LoadConfig c;
    c.endpoint.name = name;
    c.endpoint.baseUrl = QUrl(QStringLiteral("http://user:pw@127.0.0.1:9/v1?key=zzz"));
    c.endpoint.model = QStringLiteral("m1");
    c.endpoint.apiKey = PlantedKey;
    c.endpoint.apiKeyEnv = QStringLiteral("MY_KEY_VAR");
    c.endpoint.headers = { { "Authorization", "Bearer " + PlantedKey.toLatin1() },
                           { "X-Api-Key", PlantedHeaderValue },
                           { "X-Trace-Me", "visible-header" } };
    GenerationRequest g;
    g.messages = { { QStringLiteral("user"), QStringLiteral("Say hello") } };
    g.maxTokens = 64;
    g.temperature = 0.5;
    c.prompts = { g };
    c.requests = 3;
    c.concurrency = 2;
    return c;
}

void compareRecords(const QList<RequestRecord> &a, const QList<RequestRecord> &b, double toleranceMs)
{
    QCOMPARE(a.size(), b.size());
    for (qsizetype i = 0; i < a.size(); ++i) {
        const RequestMetrics &x = a.at(i).metrics;
        const RequestMetrics &y = b.at(i).metrics;
        QCOMPARE(a.at(i).index, b.at(i).index);
        QCOMPARE(a.at(i).trace.error, b.at(i).trace.error);
        QCOMPARE(a.at(i).trace.errorMessage, b.at(i).trace.errorMessage);
        QCOMPARE(a.at(i).trace.text, b.at(i).trace.text);
        QCOMPARE(x.ttftMs.has_value(), y.ttftMs.has_value());
        if (x.ttftMs)
            QVERIFY(qAbs(*x.ttftMs - *y.ttftMs) <= toleranceMs);
        QVERIFY(qAbs(x.e2eMs - y.e2eMs) <= toleranceMs);
        QCOMPARE(x.outputTokens, y.outputTokens);
        QCOMPARE(x.tokenSource, y.tokenSource);
        QCOMPARE(x.itlMs.size(), y.itlMs.size());
        for (qsizetype k = 0; k < x.itlMs.size(); ++k)
            QVERIFY(qAbs(x.itlMs.at(k) - y.itlMs.at(k)) <= toleranceMs);
        for (Phase p : Phases::all()) {
            QVERIFY2(qAbs(x.phases[p] - y.phases[p]) <= toleranceMs, qPrintable(Phases::key(p)));
            QCOMPARE(x.phases.sourceOf(p), y.phases.sourceOf(p));
        }
    }
}

QByteArray fileBytes(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

} // namespace

class TestHistoryStore : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init()
    {
        QVERIFY(m_dir.isValid());
        m_path = m_dir.filePath(QStringLiteral("h%1.sqlite").arg(++m_n));
    }

    void createsVersionedSchemaInWalMode()
    {
        HistoryStore store;
        QVERIFY2(store.open(m_path), qPrintable(store.errorString()));
        QCOMPARE(store.openedVersion(), 0);
        store.close();
        {
            QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("peek"));
            db.setDatabaseName(m_path);
            QVERIFY(db.open());
            QSqlQuery q(db);
            QVERIFY(q.exec(QStringLiteral("PRAGMA user_version")) && q.next());
            QCOMPARE(q.value(0).toInt(), HistoryStore::SchemaVersion);
            QVERIFY(q.exec(QStringLiteral("PRAGMA application_id")) && q.next());
            QCOMPARE(q.value(0).toInt(), HistoryStore::ApplicationId);
            QVERIFY(q.exec(QStringLiteral("PRAGMA journal_mode")) && q.next());
            QCOMPARE(q.value(0).toString(), QStringLiteral("wal"));
            QVERIFY(
                q.exec(QStringLiteral("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")));
            QStringList tables;
            while (q.next())
                tables.append(q.value(0).toString());
            QCOMPARE(
                tables,
                (QStringList { QStringLiteral("requests"), QStringLiteral("runs"), QStringLiteral("tags") }));
        }
        QSqlDatabase::removeDatabase(QStringLiteral("peek"));
        QVERIFY(store.open(m_path));
        QCOMPARE(store.openedVersion(), HistoryStore::SchemaVersion);
    }

    void traceCodecIsLossless()
    {
        RequestRecord r = makeRecord(2, 123'456'789'012'345'678, true, 4);
        r.warmup = true;
        r.trace.chunks.setReasoningAt(0, true);
        r.trace.chunks.setTokensAt(0, 3, true);
        r.trace.chunks.setTokensAt(1, 2, true);
        r.trace.reasoning = QStringLiteral("thinking…");
        r.trace.firstAnswerTokenNs = r.trace.chunks[1].tNs;
        r.trace.scheduledNs = r.trace.startNs - 2'000'000;
        r.trace.requestIdHeader = "req-77";
        r.trace.serverProcessingMs = 41.5;
        r.trace.usage.cachedPromptTokens = 8;
        r.trace.timings.generatedTokens = 9;
        r.trace.reusedConnection = true;
        r.trace.streamed = false;
        r.metrics = Metrics::compute(r.trace);
        const QByteArray json = QJsonDocument(TraceCodec::encode(r)).toJson(QJsonDocument::Compact);
        const auto back = TraceCodec::decode(QJsonDocument::fromJson(json).object());
        QVERIFY(back);
        const RequestTrace &a = r.trace;
        const RequestTrace &b = back->trace;
        QCOMPARE(back->index, 2);
        QVERIFY(back->warmup);
        QCOMPARE(b.startNs, a.startNs);
        QCOMPARE(b.scheduledNs, a.scheduledNs);
        QCOMPARE(b.firstAnswerTokenNs, a.firstAnswerTokenNs);
        QCOMPARE(b.endNs, a.endNs);
        QCOMPARE(b.dnsDoneNs, -1);
        QCOMPARE(b.chunks.size(), a.chunks.size());
        for (qsizetype i = 0; i < a.chunks.size(); ++i) {
            QCOMPARE(b.chunks[i].tNs, a.chunks[i].tNs);
            QCOMPARE(b.chunks[i].text, a.chunks[i].text);
            QCOMPARE(b.chunks[i].tokens, a.chunks[i].tokens);
            QCOMPARE(b.chunks[i].tokensFromServer, a.chunks[i].tokensFromServer);
            QCOMPARE(b.chunks[i].reasoning, a.chunks[i].reasoning);
        }
        QCOMPARE(b.reasoning, a.reasoning);
        QCOMPARE(b.requestIdHeader, a.requestIdHeader);
        QCOMPARE(b.serverProcessingMs, a.serverProcessingMs);
        QCOMPARE(b.usage.cachedPromptTokens, a.usage.cachedPromptTokens);
        QCOMPARE(b.timings.generatedTokens, a.timings.generatedTokens);
        QCOMPARE(b.timings.promptMs, a.timings.promptMs);
        QCOMPARE(b.reusedConnection, true);
        QCOMPARE(b.streamed, false);
        compareRecords({ r }, { *back }, 0.0);

        // Damaged records are refused with a reason.
        QJsonObject broken = TraceCodec::encode(r);
        broken.insert(QStringLiteral("chunk_texts"), QJsonArray {});
        QString error;
        QVERIFY(!TraceCodec::decode(broken, &error));
        QVERIFY(error.contains(QStringLiteral("malformed chunks")));
        broken = TraceCodec::encode(r);
        broken.remove(QStringLiteral("start_ns"));
        QVERIFY(!TraceCodec::decode(broken, &error));
        QVERIFY(!TraceCodec::decode(QJsonObject {}, &error));
    }

    void damagedRowIsReportedNotCrashed()
    {
        HistoryStore store;
        QVERIFY(store.open(m_path));
        ImportedRun run;
        run.records = { makeRecord(0, 0), makeRecord(1, 10) };
        const qint64 id = store.importRun(run);
        store.close();
        {
            QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("spoil"));
            db.setDatabaseName(m_path);
            QVERIFY(db.open());
            QSqlQuery q(db);
            QVERIFY(q.exec(QStringLiteral("UPDATE requests SET trace = '{\"v\": 1, \"start' WHERE idx = 1")));
        }
        QSqlDatabase::removeDatabase(QStringLiteral("spoil"));
        QVERIFY(store.open(m_path));
        QVERIFY(!store.loadRun(id));
        QVERIFY2(store.errorString().contains(QStringLiteral("damaged")), qPrintable(store.errorString()));
        QCOMPARE(store.listRuns().size(), 1); // the list still works
    }

    void reopensARunIntoTheSameFigures()
    {
        HistoryStore store;
        QVERIFY(store.open(m_path));
        const qint64 id = store.beginRun(makeConfig(), QStringLiteral("run"), { QStringLiteral("baseline") });
        QVERIFY2(id > 0, qPrintable(store.errorString()));
        QList<RequestRecord> live;
        const qint64 t0 = 1'000'000'000'000'000; // a monotonic reading beyond a double's exact range
        for (int i = 0; i < 6; ++i) {
            live.append(makeRecord(i, t0 + i * 7'000'000, i != 3));
            QVERIFY(store.appendRequest(id, live.constLast()));
        }
        QVERIFY(store.finishRun(id, RunStatus::Finished));

        const auto stored = store.loadRun(id);
        QVERIFY2(stored, qPrintable(store.errorString()));
        QCOMPARE(stored->run.status, RunStatus::Finished);
        QCOMPARE(stored->run.requests, 6);
        QCOMPARE(stored->run.requestsOk, 5);
        QCOMPARE(stored->run.tags, QStringList { QStringLiteral("baseline") });
        QCOMPARE(stored->run.endpointName, QStringLiteral("local-sim"));
        QVERIFY(stored->run.endedAt.isValid());
        compareRecords(live, stored->records, 0.0); // lossless: exactly the same figures
        QCOMPARE(stored->records.at(2).trace.startNs, live.at(2).trace.startNs);
        const RunSummary liveSummary = Metrics::summarize(live, TraceCodec::peakConcurrency(live));
        QCOMPARE(stored->summary.requestsOk, liveSummary.requestsOk);
        QCOMPARE(stored->summary.requestsFailed, 1);
        QCOMPARE(stored->summary.failuresByClass.value(ErrorClass::HttpStatus), 1);
        QCOMPARE(stored->summary.ttftMs.p50, liveSummary.ttftMs.p50);
        QCOMPARE(stored->summary.wallMs, liveSummary.wallMs);
        QCOMPARE(stored->summary.peakConcurrency,
                 4); // 7 ms apart, ~33 ms long: 0, 1, 2 and 4 overlap at 28 ms
        QCOMPARE(stored->run.settings.concurrency.value_or(0), 2);
        QVERIFY(stored->run.settings.promptSet);
        const QList<GenerationRequest> &prompts = *stored->run.settings.promptSet;
        QCOMPARE(prompts.size(), 1);
        QCOMPARE(prompts.at(0).maxTokens, 64);
        QCOMPARE(prompts.at(0).messages.at(0).content, QStringLiteral("Say hello"));
    }

    void secretsNeverReachTheFileOrTheExport()
    {
        HistoryStore store;
        QVERIFY(store.open(m_path));
        const qint64 id = store.beginRun(makeConfig());
        QVERIFY(id > 0);
        RequestRecord r = makeRecord(0, 1000);
        // A server that echoes the key back in an error must not plant it in the history either.
        r.trace.error = ErrorClass::HttpStatus;
        r.trace.errorMessage = QStringLiteral("HTTP 401: bad key ") + PlantedKey;
        r.metrics = Metrics::compute(r.trace);
        QVERIFY(store.appendRequest(id, r));
        QVERIFY(store.finishRun(id, RunStatus::Finished));
        const auto doc = store.exportRun(id);
        QVERIFY(doc);
        const QByteArray exported = doc->toJson();
        const auto stored = store.loadRun(id);
        QVERIFY(stored);
        QCOMPARE(stored->records.constFirst().trace.errorMessage,
                 QStringLiteral("HTTP 401: bad key [redacted]"));
        const RunSettings::Endpoint &endpoint = stored->run.settings.endpoint;
        QCOMPARE(endpoint.apiKeyEnv, QStringLiteral("MY_KEY_VAR"));
        QCOMPARE(endpoint.url, QStringLiteral("http://127.0.0.1:9/v1"));
        QVERIFY(endpoint.headers);
        QCOMPARE(endpoint.headers->size(), 1);
        QCOMPARE(endpoint.headers->at(0).first, QStringLiteral("X-Trace-Me"));
        store.close();

        QByteArray bytes = fileBytes(m_path) + fileBytes(m_path + QStringLiteral("-wal"));
        QVERIFY(bytes.size() > 1000);
        QVERIFY(bytes.contains("visible-header")); // the grep works on this file
        for (const QByteArray &secret :
             { PlantedKey.toLatin1(), PlantedHeaderValue, QByteArray("pw@"), QByteArray("key=zzz") }) {
            QVERIFY2(!bytes.contains(secret), secret.constData());
            QVERIFY2(!exported.contains(secret), secret.constData());
        }
    }

    void filtersByEndpointDateAndTag()
    {
        HistoryStore store;
        QVERIFY(store.open(m_path));
        ImportedRun a;
        a.settings = RunSettings::fromConfig(makeConfig(QStringLiteral("Alpha GPU")));
        a.startedAt = QDateTime(QDate(2026, 1, 10), QTime(12, 0), Qt::UTC);
        a.records = { makeRecord(0, 0) };
        ImportedRun b = a;
        b.settings = RunSettings::fromConfig(makeConfig(QStringLiteral("beta-cpu")));
        b.startedAt = QDateTime(QDate(2026, 2, 10), QTime(12, 0), Qt::UTC);
        ImportedRun c = a;
        c.startedAt = QDateTime(QDate(2026, 3, 10), QTime(12, 0), Qt::UTC);
        const qint64 ia = store.importRun(a, { QStringLiteral("quantized") });
        const qint64 ib = store.importRun(b);
        const qint64 ic = store.importRun(c, { QStringLiteral("quantized"), QStringLiteral("fp16") });
        QVERIFY(ia > 0 && ib > 0 && ic > 0);

        auto ids = [&store](const HistoryFilter &f) {
            QList<qint64> out;
            for (const HistoryRun &r : store.listRuns(f))
                out.append(r.id);
            return out;
        };
        QCOMPARE(ids({}), (QList<qint64> { ic, ib, ia })); // newest first
        HistoryFilter byEndpoint;
        byEndpoint.endpoint = QStringLiteral("alpha");
        QCOMPARE(ids(byEndpoint), (QList<qint64> { ic, ia }));
        HistoryFilter byUrl;
        byUrl.endpoint = QStringLiteral("127.0.0.1:9");
        QCOMPARE(ids(byUrl).size(), 3);
        HistoryFilter byDate;
        byDate.from = QDateTime(QDate(2026, 2, 1), QTime(0, 0), Qt::UTC);
        byDate.to = QDateTime(QDate(2026, 3, 1), QTime(0, 0), Qt::UTC);
        QCOMPARE(ids(byDate), QList<qint64> { ib });
        HistoryFilter byTag;
        byTag.tag = QStringLiteral("quantized");
        QCOMPARE(ids(byTag), (QList<qint64> { ic, ia }));
        byTag.endpoint = QStringLiteral("beta");
        QVERIFY(ids(byTag).isEmpty());
        HistoryFilter limited;
        limited.limit = 1;
        QCOMPARE(ids(limited), QList<qint64> { ic });
    }

    void tagsAndDeletes()
    {
        HistoryStore store;
        QVERIFY(store.open(m_path));
        ImportedRun a;
        a.settings = RunSettings::fromConfig(makeConfig());
        a.records = { makeRecord(0, 0), makeRecord(1, 10) };
        const qint64 id = store.importRun(a);
        const qint64 other = store.importRun(a);
        QVERIFY(store.addTag(id, QStringLiteral("  slow  ")));
        QVERIFY(store.addTag(id, QStringLiteral("slow"))); // once only
        QVERIFY(store.addTag(id, QStringLiteral("量化")));
        QCOMPARE(store.run(id)->tags, (QStringList { QStringLiteral("slow"), QStringLiteral("量化") }));
        QVERIFY(!store.addTag(id, QString()));
        QVERIFY(!store.addTag(id, QString(65, u'x')));
        QVERIFY(!store.addTag(id, QStringLiteral("a\nb")));
        QVERIFY(!store.addTag(999, QStringLiteral("x")));
        QVERIFY(store.removeTag(id, QStringLiteral("slow")));
        QCOMPARE(store.run(id)->tags, QStringList { QStringLiteral("量化") });

        QVERIFY(store.deleteRun(id));
        QVERIFY(!store.run(id));
        QVERIFY(!store.loadRun(id));
        QVERIFY(store.errorString().contains(QString::number(id)));
        QVERIFY(!store.deleteRun(id));
        QCOMPARE(store.listRuns().size(), 1);
        QCOMPARE(store.loadRun(other)->records.size(), 2);
        // The requests and tags went with the run (foreign keys on).
        store.close();
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("peek2"));
        db.setDatabaseName(m_path);
        QVERIFY(db.open());
        {
            QSqlQuery q(db);
            QVERIFY(q.exec(QStringLiteral("SELECT count(*) FROM requests")) && q.next());
            QCOMPARE(q.value(0).toInt(), 2);
            QVERIFY(q.exec(QStringLiteral("SELECT count(*) FROM tags")) && q.next());
            QCOMPARE(q.value(0).toInt(), 0);
        }
        db.close();
        db = QSqlDatabase();
        QSqlDatabase::removeDatabase(QStringLiteral("peek2"));
    }

    void jsonRoundTrip()
    {
        HistoryStore store;
        QVERIFY(store.open(m_path));
        const qint64 id = store.beginRun(makeConfig(), QStringLiteral("run"), { QStringLiteral("rt") });
        QList<RequestRecord> live;
        for (int i = 0; i < 4; ++i) {
            live.append(makeRecord(i, 5'000'000'000 + i * 2'000'000, i != 1, 3 + i));
            QVERIFY(store.appendRequest(id, live.constLast()));
        }
        live[2].trace.streamed = false;
        QVERIFY(store.finishRun(id, RunStatus::Cancelled));
        const auto doc = store.exportRun(id);
        QVERIFY(doc);

        QString error;
        const auto imported = HistoryStore::readExport(doc->toJson(), &error);
        QVERIFY2(imported, qPrintable(error));
        QCOMPARE(imported->status, RunStatus::Cancelled);
        const qint64 copy = store.importRun(*imported, { QStringLiteral("copy") });
        QVERIFY2(copy > 0, qPrintable(store.errorString()));
        const auto a = store.loadRun(id);
        const auto b = store.loadRun(copy);
        QVERIFY(a && b);
        compareRecords(a->records, b->records, 1e-6);
        QCOMPARE(b->run.status, RunStatus::Cancelled);
        QCOMPARE(b->run.endpointName, a->run.endpointName);
        QVERIFY(qAbs(a->summary.wallMs - b->summary.wallMs) < 1e-6);
        QCOMPARE(a->summary.peakConcurrency, b->summary.peakConcurrency);
        QVERIFY(qAbs(a->summary.itlMs.p90 - b->summary.itlMs.p90) < 1e-6);
        // A second export of the copy says the same about every request.
        const QJsonArray ra = doc->object().value(QStringLiteral("requests")).toArray();
        const QJsonArray rb = store.exportRun(copy)->object().value(QStringLiteral("requests")).toArray();
        QCOMPARE(ra.size(), rb.size());
        for (qsizetype i = 0; i < ra.size(); ++i) {
            for (const char *key : { "index", "status", "output_tokens", "text", "error", "finish_reason" })
                QCOMPARE(ra.at(i)[QLatin1String(key)], rb.at(i)[QLatin1String(key)]);
        }
    }

    void readExportRejectsBadInput_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<QString>("message");
        QTest::newRow("not json") << QByteArray("{\"settings\": ") << QStringLiteral("not JSON");
        QTest::newRow("invalid utf-8")
            << QByteArray("{\"settings\": {\"endpoint\": {\"name\": \"\xff\xfe\"}}, "
                          "\"requests\": []}")
            << QStringLiteral("not JSON");
        QTest::newRow("array") << QByteArray("[1,2]") << QStringLiteral("not a TokenScope run export");
        QTest::newRow("no requests") << QByteArray("{\"settings\": {}}")
                                     << QStringLiteral("not a TokenScope run export");
        QTest::newRow("request not object") << QByteArray("{\"settings\": {}, \"requests\": [3]}")
                                            << QStringLiteral("request 1 is not an object");
        QTest::newRow("no end") << QByteArray("{\"settings\": {}, \"requests\": [{\"index\": 0}]}")
                                << QStringLiteral("neither an end time");
        QTest::newRow("chunk without time") << QByteArray(
            "{\"settings\": {}, \"requests\": [{\"e2e_ms\": 5, \"chunks\": [{\"text\": \"a\"}]}]}")
                                            << QStringLiteral("chunk without a time");
        // Found by fuzz_import: times that run backwards became negative latencies.
        QTest::newRow("end before first token") << QByteArray(
            "{\"settings\": {}, \"requests\": [{\"timeline_ms\": {\"first_token\": 50, \"end\": 20}}]}")
                                                << QStringLiteral("out of order");
        QTest::newRow("chunk after the end") << QByteArray(
            "{\"settings\": {}, \"requests\": [{\"e2e_ms\": 5, \"chunks\": [{\"t_ms\": 9, \"text\": \"a\"}]}]}")
                                             << QStringLiteral("out of order");
        QTest::newRow("huge time") << QByteArray(
            "{\"settings\": {}, \"requests\": [{\"e2e_ms\": 1e300}]}")
                                   << QStringLiteral("neither an end time");
    }

    void readExportRejectsBadInput()
    {
        QFETCH(QByteArray, json);
        QFETCH(QString, message);
        QString error;
        QVERIFY(!HistoryStore::readExport(json, &error));
        QVERIFY2(error.contains(message), qPrintable(error));
    }

    void newerSchemaIsRefusedClearly()
    {
        {
            HistoryStore store;
            QVERIFY(store.open(m_path));
        }
        {
            QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("bump"));
            db.setDatabaseName(m_path);
            QVERIFY(db.open());
            QSqlQuery q(db);
            QVERIFY(q.exec(QStringLiteral("PRAGMA user_version=%1").arg(HistoryStore::SchemaVersion + 5)));
        }
        QSqlDatabase::removeDatabase(QStringLiteral("bump"));
        HistoryStore store;
        QVERIFY(!store.open(m_path));
        QVERIFY(!store.isOpen());
        QVERIFY2(store.errorString().contains(QStringLiteral("newer TokenScope")),
                 qPrintable(store.errorString()));
        QVERIFY(store.errorString().contains(QString::number(HistoryStore::SchemaVersion + 5)));
        QVERIFY(store.listRuns().isEmpty()); // a closed store answers, it does not crash
        QCOMPARE(store.beginRun(makeConfig()), -1);
    }

    void damagedFileIsRefusedClearly_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::newRow("garbage") << QByteArray(8192, 'x');
        QByteArray header("SQLite format 3");
        header.append('\0');
        header.append(QByteArray(4096, '\x07')); // an SQLite header with a ruined page
        QTest::newRow("ruined header") << header;
    }

    void damagedFileIsRefusedClearly()
    {
        QFETCH(QByteArray, bytes);
        QFile f(m_path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(bytes);
        f.close();
        HistoryStore store;
        QVERIFY(!store.open(m_path));
        QVERIFY2(store.errorString().contains(QStringLiteral("damaged")), qPrintable(store.errorString()));
        QVERIFY(!store.isOpen());
        // The file is left as it was, for the user to look at.
        QCOMPARE(fileBytes(m_path), bytes);
        // And the store still works with another file.
        QVERIFY(store.open(m_path + QStringLiteral(".new")));
    }

    void foreignDatabaseIsRefused()
    {
        {
            QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("foreign"));
            db.setDatabaseName(m_path);
            QVERIFY(db.open());
            QSqlQuery q(db);
            QVERIFY(q.exec(QStringLiteral("CREATE TABLE notes(x TEXT)")));
        }
        QSqlDatabase::removeDatabase(QStringLiteral("foreign"));
        HistoryStore store;
        QVERIFY(!store.open(m_path));
        QVERIFY2(store.errorString().contains(QStringLiteral("another program")),
                 qPrintable(store.errorString()));
    }

    void orphanedRunBecomesInterrupted()
    {
        qint64 orphan = 0;
        qint64 alive = 0;
        {
            HistoryStore writer;
            QVERIFY(writer.open(m_path));
            orphan = writer.beginRun(makeConfig());
            QVERIFY(writer.appendRequest(orphan, makeRecord(0, 0)));
            QVERIFY(writer.appendRequest(orphan, makeRecord(1, 100)));
            // Closing without finishing stands for a writer that died: its lock goes with it.
        }
        QVERIFY(!QFile::exists(m_path + QStringLiteral(".run-%1.lock").arg(orphan)));
        HistoryStore writer2;
        QVERIFY(writer2.open(m_path));
        QCOMPARE(writer2.recoveredRuns(), QList<qint64> { orphan });
        alive = writer2.beginRun(makeConfig());
        QVERIFY(alive > orphan);

        // A second store (the GUI while the CLI runs) leaves the live run alone.
        HistoryStore reader;
        QVERIFY(reader.open(m_path));
        QVERIFY(reader.recoveredRuns().isEmpty());
        QCOMPARE(reader.run(orphan)->status, RunStatus::Interrupted);
        QCOMPARE(reader.run(orphan)->requests, 2);
        QVERIFY(reader.run(orphan)->endedAt.isValid());
        QCOMPARE(reader.run(alive)->status, RunStatus::Running);
        QVERIFY(!reader.deleteRun(orphan + 1000));
        QVERIFY(writer2.finishRun(alive, RunStatus::Finished));
        QCOMPARE(reader.run(alive)->status, RunStatus::Finished);
        QVERIFY(!QFile::exists(m_path + QStringLiteral(".run-%1.lock").arg(alive)));
        QCOMPARE(reader.integrityCheck(), QStringLiteral("ok"));
    }

    void memoryDatabaseWorks()
    {
        HistoryStore store;
        QVERIFY(store.open(QStringLiteral(":memory:")));
        const qint64 id = store.beginRun(makeConfig());
        QVERIFY(store.appendRequest(id, makeRecord(0, 0)));
        QVERIFY(store.finishRun(id, RunStatus::Finished));
        QCOMPARE(store.loadRun(id)->records.size(), 1);
        ImportedRun bare; // no endpoint, no settings: still stored
        bare.records = { makeRecord(0, 0) };
        const qint64 bareId = store.importRun(bare);
        QVERIFY2(bareId > 0, qPrintable(store.errorString()));
        QCOMPARE(store.run(bareId)->endpointName, QString());
    }

    void defaultPathIsSharedByGuiAndCli()
    {
        const QByteArray saved = qgetenv("TOKENSCOPE_HISTORY_DB");
        qunsetenv("TOKENSCOPE_HISTORY_DB");
        const QString path = HistoryStore::defaultPath();
        QVERIFY(path.endsWith(QStringLiteral("/TokenScope/history.sqlite")));
        QVERIFY(!path.contains(QCoreApplication::applicationName()));
        qputenv("TOKENSCOPE_HISTORY_DB", "/elsewhere/h.sqlite");
        QCOMPARE(HistoryStore::defaultPath(), QStringLiteral("/elsewhere/h.sqlite"));
        if (saved.isEmpty())
            qunsetenv("TOKENSCOPE_HISTORY_DB");
        else
            qputenv("TOKENSCOPE_HISTORY_DB", saved);
    }

private:
    QTemporaryDir m_dir;
    QString m_path;
    int m_n = 0;
};

QTEST_GUILESS_MAIN(TestHistoryStore)
#include "tst_historystore.moc"
