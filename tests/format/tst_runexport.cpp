// The run export (tokenscope-cli run --json, the GUI's JSON export, history export) read back
// by its own reader: every request as it was traced, the settings, the history's record of
// the run; and files written before the export carried usage and cached prompt tokens.
#include "records.h"

#include "format/runexport.h"
#include "format/tracecodec.h"

#include <QJsonArray>
#include <QTemporaryDir>
#include <QFile>
#include <QTest>

#include <functional>

using namespace FormatTests;

namespace {

LoadConfig config()
{
    LoadConfig c;
    c.endpoint.name = QStringLiteral("gpu-a");
    c.endpoint.baseUrl = QUrl(QStringLiteral("https://user:pw@gpu-a.example:8443/v1?key=zzz"));
    c.endpoint.model = QStringLiteral("qwen2.5-7b");
    c.endpoint.apiKey = QStringLiteral("sk-planted-SECRET-4242");
    c.endpoint.verifyTls = false;
    GenerationRequest g;
    g.messages = { { QStringLiteral("user"), QStringLiteral("什么是机器学习？") } };
    g.maxTokens = 96;
    c.prompts = { g };
    c.requests = 3;
    c.concurrency = 2;
    c.rate = 4.5;
    c.poisson = true;
    c.seed = 18'446'744'073'709'551'557ull; // beyond a double's exact range
    c.warmup = 1;
    return c;
}

QList<RequestRecord> records()
{
    const qint64 t0 = 1'000'000'000'000'000; // a monotonic reading beyond a double's exact range
    return { fullRecord(0, t0 + 3'000'000), failedRecord(1, t0), fullRecord(2, t0 + 9'000'001) };
}

qint64 earliestStart(const QList<RequestRecord> &records)
{
    qint64 origin = records.constFirst().trace.startNs;
    for (const RequestRecord &r : records)
        origin = std::min(origin, r.trace.startNs);
    return origin;
}

} // namespace

class TestRunExport : public QObject
{
    Q_OBJECT

private:
    /// The run document of \a live with its first request changed by \a change.
    static QByteArray withFirstRequest(const QList<RequestRecord> &live,
                                       const std::function<void(QJsonObject &)> &change)
    {
        QJsonObject root = RunExport::runJson(config(), live, Metrics::summarize(live)).object();
        QJsonArray requests = root.value(QStringLiteral("requests")).toArray();
        QJsonObject first = requests.at(0).toObject();
        change(first);
        requests.replace(0, first);
        root.insert(QStringLiteral("requests"), requests);
        return QJsonDocument(root).toJson();
    }

private Q_SLOTS:
    void runRoundTrip()
    {
        const LoadConfig c = config();
        const QList<RequestRecord> live = records();
        const RunSummary summary = Metrics::summarize(live, TraceCodec::peakConcurrency(live));
        const QByteArray json = RunExport::runJson(c, live, summary).toJson();
        QVERIFY(!json.contains("SECRET"));
        QVERIFY(!json.contains("pw@"));
        QVERIFY(!json.contains("key=zzz"));

        QString error;
        const auto back = RunExport::readRun(json, &error);
        QVERIFY2(back, qPrintable(error));
        QCOMPARE(back->tool, QStringLiteral("TokenScope " TOKENSCOPE_VERSION));
        QVERIFY(back->settings == RunSettings::fromConfig(c));
        QVERIFY(!back->history);
        QCOMPARE(back->records.size(), live.size());
        const qint64 originA = earliestStart(live);
        const qint64 originB = earliestStart(back->records);
        for (qsizetype i = 0; i < live.size(); ++i) {
            compareRecords(live.at(i), back->records.at(i), originA, originB);
            if (QTest::currentTestFailed())
                QFAIL(qPrintable(QStringLiteral("request %1").arg(i)));
        }
        // The reader recomputes the summary from the records: the same figures.
        QCOMPARE(back->summary.requestsOk, summary.requestsOk);
        QCOMPARE(back->summary.requestsFailed, summary.requestsFailed);
        QCOMPARE(back->summary.peakConcurrency, summary.peakConcurrency);
        QCOMPARE(back->summary.wallMs, summary.wallMs);
        QCOMPARE(back->summary.ttftMs.p50, summary.ttftMs.p50);
        QCOMPARE(back->summary.clientWaitMs.mean, summary.clientWaitMs.mean);

        // Written again, the document says exactly the same.
        QCOMPARE(RunExport::runJson(*back).object(), QJsonDocument::fromJson(json).object());
    }

    void streamedWriteIsTheSameDocument()
    {
        // Written request by request, the file is the document runJson makes, plus the extras.
        RunDocument doc;
        doc.settings = RunSettings::fromConfig(config());
        doc.records = records();
        doc.summary = Metrics::summarize(doc.records, TraceCodec::peakConcurrency(doc.records));
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("run.json"));
        QString error;
        const QJsonObject extras { { QStringLiteral("client_cpu_s"), 1.5 } };
        const QJsonObject top { { QStringLiteral("note"), QStringLiteral("x") } };
        QVERIFY2(RunExport::writeRunJson(path, doc, extras, top, &error), qPrintable(error));
        QFile f(path);
        QVERIFY(f.open(QIODevice::ReadOnly));
        QJsonParseError parseError;
        const QJsonObject written = QJsonDocument::fromJson(f.readAll(), &parseError).object();
        QVERIFY2(parseError.error == QJsonParseError::NoError, qPrintable(parseError.errorString()));
        QJsonObject expected = RunExport::runJson(doc).object();
        QJsonObject summary = expected.value(QStringLiteral("summary")).toObject();
        summary.insert(QStringLiteral("client_cpu_s"), 1.5);
        expected.insert(QStringLiteral("summary"), summary);
        expected.insert(QStringLiteral("note"), QStringLiteral("x"));
        QCOMPARE(written, expected);

        // No requests: still a document.
        doc.records.clear();
        QVERIFY(RunExport::writeRunJson(path, doc, {}, {}, &error));
        QFile empty(path);
        QVERIFY(empty.open(QIODevice::ReadOnly));
        QVERIFY(QJsonDocument::fromJson(empty.readAll()).object().value(QStringLiteral("requests")).isArray());
        // An unwritable place is an error with the reason.
        QVERIFY(!RunExport::writeRunJson(QStringLiteral("/nonexistent-dir/run.json"), doc, {}, {}, &error));
        QVERIFY(error.contains(QStringLiteral("/nonexistent-dir/run.json")));
    }

    void historyObjectRoundTrip()
    {
        RunDocument doc;
        doc.settings = RunSettings::fromConfig(config(), RunSettings::Detail::History);
        doc.records = records();
        doc.summary = Metrics::summarize(doc.records);
        doc.history = RunHistoryInfo { 42,
                                       QStringLiteral("cancelled"),
                                       QStringLiteral("sweep"),
                                       QStringLiteral("0.0.9"),
                                       QDateTime(QDate(2026, 1, 12), QTime(9, 30, 1, 250), Qt::UTC),
                                       QDateTime(QDate(2026, 1, 12), QTime(9, 31), Qt::UTC),
                                       { QStringLiteral("baseline"), QStringLiteral("量化") } };
        QString error;
        const auto back = RunExport::readRun(RunExport::runJson(doc).toJson(), &error);
        QVERIFY2(back, qPrintable(error));
        QVERIFY(back->history);
        QCOMPARE(*back->history, *doc.history);
        QVERIFY(back->settings == doc.settings);
        QVERIFY(back->settings.promptSet); // the history's detail survives the export
        QCOMPARE(back->settings.promptSet->constFirst().messages.constFirst().content,
                 QStringLiteral("什么是机器学习？"));
    }

    // The Runs panel's export of several endpoints run side by side.
    void severalRuns()
    {
        LoadConfig other = config();
        other.endpoint.name = QStringLiteral("gpu-b");
        const QList<RequestRecord> live = records();
        const QList<RunDocument> runs {
            { {}, RunSettings::fromConfig(config()), live, Metrics::summarize(live), {} },
            { {}, RunSettings::fromConfig(other), live.mid(1), Metrics::summarize(live.mid(1)), {} }
        };
        const QJsonDocument doc = RunExport::runsJson(runs);
        QCOMPARE(doc.object().value(QStringLiteral("runs")).toArray().size(), 2);
        QString error;
        const auto back = RunExport::readRuns(doc.toJson(), &error);
        QVERIFY2(back, qPrintable(error));
        QCOMPARE(back->size(), 2);
        QVERIFY(back->at(1).settings == runs.at(1).settings);
        QCOMPARE(back->at(1).records.size(), 2);
        // One run alone is exactly the CLI's document, which readRun reads too.
        const QJsonDocument one = RunExport::runsJson({ runs.constFirst() });
        QVERIFY(!one.object().contains(QStringLiteral("runs")));
        QVERIFY(RunExport::readRun(one.toJson(), &error));
        QCOMPARE(RunExport::readRuns(one.toJson(), &error)->size(), 1);
        QVERIFY(!RunExport::readRun(doc.toJson(), &error)); // several runs are no single run
    }

    // A file written before the export carried "usage" and cached prompt tokens, and one whose
    // requests name their server timings "timings" (as the history's records once did).
    void readsOlderFiles_data()
    {
        QTest::addColumn<QString>("timingsKey");
        QTest::newRow("server_timings") << QStringLiteral("server_timings");
        QTest::newRow("timings") << QStringLiteral("timings");
    }

    void readsOlderFiles()
    {
        QFETCH(QString, timingsKey);
        const QList<RequestRecord> live = records();
        const QByteArray json = withFirstRequest(live, [&](QJsonObject &first) {
            first.remove(QStringLiteral("usage"));
            QJsonObject timings = first.take(QStringLiteral("server_timings")).toObject();
            timings.remove(QStringLiteral("cached_prompt_tokens"));
            first.insert(timingsKey, timings);
        });

        QString error;
        const auto back = RunExport::readRun(json, &error);
        QVERIFY2(back, qPrintable(error));
        const RequestTrace &t = back->records.constFirst().trace;
        // Without "usage": what the request's other keys say of it.
        QCOMPARE(t.usage.promptTokens, std::optional<qint64>(17));
        QCOMPARE(t.usage.completionTokens, std::optional<qint64>(7)); // output_tokens_source "usage"
        QVERIFY(!t.usage.cachedPromptTokens);
        QCOMPARE(t.timings.queueMs, std::optional<double>(1.5));
        QCOMPARE(t.timings.generatedTokens, std::optional<qint64>(7));
        QVERIFY(!t.timings.cachedPromptTokens);
        QCOMPARE(back->records.constFirst().metrics.e2eMs, live.constFirst().metrics.e2eMs);
    }

    // Counts too large for an integer (a damaged file; found by fuzz_import) read as absent or
    // 0 instead of being converted with undefined behaviour.
    void outOfRangeCountsReadAsAbsent()
    {
        const QByteArray json = withFirstRequest(records(), [](QJsonObject &first) {
            first.remove(QStringLiteral("usage"));
            first.insert(QStringLiteral("output_tokens"), 2.2e22);
            first.insert(QStringLiteral("bytes_received"), 2.2e22);
            QJsonArray chunks = first.value(QStringLiteral("chunks")).toArray();
            QJsonObject chunk = chunks.at(0).toObject();
            chunk.insert(QStringLiteral("tokens"), -1e300);
            chunks.replace(0, chunk);
            first.insert(QStringLiteral("chunks"), chunks);
        });

        QString error;
        const auto back = RunExport::readRun(json, &error);
        QVERIFY2(back, qPrintable(error));
        const RequestTrace &t = back->records.constFirst().trace;
        QVERIFY(!t.usage.completionTokens);
        QCOMPARE(t.bytesReceived, 0);
        QCOMPARE(t.chunks.tokensAt(0), 0);
    }

    void serverTimingsAreWrittenWithEveryKey()
    {
        RequestRecord r = fullRecord(0, 5'000'000);
        r.trace.timings = {};
        r.trace.timings.totalMs = 12.5;
        const QJsonObject o = RunExport::requestJson(r);
        const QJsonObject timings = o.value(QStringLiteral("server_timings")).toObject();
        // The export lists every figure, null when the server did not say.
        QCOMPARE(timings.size(), 8);
        QVERIFY(timings.value(QStringLiteral("cached_prompt_tokens")).isNull());
        QCOMPARE(timings.value(QStringLiteral("total_ms")).toDouble(), 12.5);
        QVERIFY(!o.contains(QStringLiteral("timings")));
    }
};

QTEST_GUILESS_MAIN(TestRunExport)
#include "tst_runexport.moc"
