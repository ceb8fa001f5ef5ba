// The server's metrics of a run as a document: the "server_metrics" object written and read
// back, inside the run JSON too; a run without one or with a damaged one still reads; the
// per-level sweep fields; the long CSV.
#include "format/runexport.h"
#include "format/servermetricsjson.h"

#include "records.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

#include <limits>

namespace {

ServerMetricsRecord sample()
{
    ServerMetricsRecord r;
    r.server = QStringLiteral("vllm");
    r.url = QStringLiteral("http://127.0.0.1:8000/metrics");
    r.intervalMs = 250;
    r.scrapes = 3;
    r.failures = 1;
    r.lastError = QStringLiteral("No answer from http://127.0.0.1:8000/metrics within 2 s.");
    r.series.insert(QStringLiteral("running"), { { -1.5, 0 }, { 248.125, 8 }, { 501.0000001, 7 } });
    r.series.insert(QStringLiteral("kv_cache_usage"), { { -1.5, 0 }, { 248.125, 0.123456789 } });
    r.series.insert(QStringLiteral("generation_tokens_per_s"), { { 248.125, 1234.5 } });
    r.summary.insert(QStringLiteral("running"), ServerSeriesSummary { 3, 8, 5.25, std::nullopt });
    r.summary.insert(QStringLiteral("kv_cache_usage"),
                     ServerSeriesSummary { 2, 0.123456789, 0.06, std::nullopt });
    r.summary.insert(QStringLiteral("generation_tokens_per_s"),
                     ServerSeriesSummary { 1, 1234.5, 1234.5, 310.0 });
    r.serverTtft = ServerHistogramSummary { 16, 301.5, 280.0, 410.25, 498.0, std::pair { 250.0, 500.0 },
                                            std::pair { 250.0, 500.0 } };
    r.serverItl = ServerHistogramSummary { 200, 21.0, 20.0, 24.5, std::nullopt, std::pair { 10.0, 25.0 },
                                           std::nullopt }; // p99 not estimable
    r.unmapped
        = { QStringLiteral("vllm:lora_requests_info"), QStringLiteral("python_gc_objects_collected_total") };
    return r;
}

QJsonObject reparse(const QJsonObject &o)
{
    return QJsonDocument::fromJson(QJsonDocument(o).toJson(QJsonDocument::Compact)).object();
}

RunDocument runWith(const std::optional<ServerMetricsRecord> &server)
{
    RunDocument doc;
    doc.settings.endpoint.name = QStringLiteral("gpu-a");
    doc.settings.endpoint.url = QStringLiteral("http://127.0.0.1:8000/v1");
    doc.settings.endpoint.protocol = QStringLiteral("openai-chat");
    doc.records = { FormatTests::fullRecord(0, 5'000'000'000), FormatTests::fullRecord(1, 5'010'000'000) };
    doc.serverMetrics = server;
    return doc;
}

} // namespace

class TestServerMetricsJson : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void roundTrip()
    {
        const ServerMetricsRecord r = sample();
        const QJsonObject json = reparse(ServerMetricsJson::toJson(r));
        // The layout other tools read.
        QCOMPARE(json.value(QStringLiteral("server")).toString(), QStringLiteral("vllm"));
        QCOMPARE(json.value(QStringLiteral("interval_ms")).toDouble(), 250.0);
        QCOMPARE(json.value(QStringLiteral("scrapes")).toInt(), 3);
        QCOMPARE(json.value(QStringLiteral("failures")).toInt(), 1);
        const QJsonArray running = json.value(QStringLiteral("series"))[QLatin1String("running")].toArray();
        QCOMPARE(running.size(), 3);
        QCOMPARE(running.at(1).toObject().value(QStringLiteral("t_ms")).toDouble(), 248.125);
        QCOMPARE(running.at(1).toObject().value(QStringLiteral("value")).toDouble(), 8.0);
        const QJsonObject summary
            = json.value(QStringLiteral("summary"))[QLatin1String("running")].toObject();
        QCOMPARE(summary.value(QStringLiteral("max")).toDouble(), 8.0);
        QCOMPARE(summary.value(QStringLiteral("mean")).toDouble(), 5.25);
        QCOMPARE(summary.value(QStringLiteral("points")).toInt(), 3);
        QVERIFY(!summary.contains(QStringLiteral("total"))); // a gauge has none
        QCOMPARE(json.value(QStringLiteral(
                     "summary"))[QLatin1String("generation_tokens_per_s")][QLatin1String("total")]
                     .toDouble(),
                 310.0);
        const QJsonObject ttft = json.value(QStringLiteral("server_ttft_ms")).toObject();
        QCOMPARE(ttft.value(QStringLiteral("p99")).toDouble(), 498.0);
        QCOMPARE(ttft.value(QStringLiteral("count")).toDouble(), 16.0);
        // The bucket each percentile was estimated in, so a reader sees how coarse it is.
        QCOMPARE(ttft.value(QStringLiteral("p99_bucket")).toArray(), (QJsonArray { 250.0, 500.0 }));
        QVERIFY(json.value(QStringLiteral("server_itl_ms"))[QLatin1String("p99")].isNull());
        QVERIFY(!json.contains(QStringLiteral("server_e2e_ms")));
        QCOMPARE(json.value(QStringLiteral("unmapped")).toArray().size(), 2);

        const std::optional<ServerMetricsRecord> back = ServerMetricsJson::fromJson(json);
        QVERIFY(back.has_value());
        QVERIFY(*back == r);

        // No failure, no "last_error".
        ServerMetricsRecord clean = r;
        clean.failures = 0;
        clean.lastError.clear();
        QVERIFY(!ServerMetricsJson::toJson(clean).contains(QStringLiteral("last_error")));
        QVERIFY(*ServerMetricsJson::fromJson(reparse(ServerMetricsJson::toJson(clean))) == clean);

        // A percentile past the last finite bound: its bucket's top is +Inf, written as null.
        ServerMetricsRecord open = r;
        open.serverTtft->p99BucketMs = std::pair { 500.0, std::numeric_limits<double>::infinity() };
        const QJsonObject openJson = reparse(ServerMetricsJson::toJson(open));
        QVERIFY(openJson.value(QStringLiteral("server_ttft_ms"))[QLatin1String("p99_bucket")][1].isNull());
        QVERIFY(*ServerMetricsJson::fromJson(openJson) == open);
    }

    void insideTheRunJson()
    {
        const RunDocument doc = runWith(sample());
        const QJsonDocument json = RunExport::runJson(doc);
        QVERIFY(json.object().value(QStringLiteral("server_metrics")).isObject());
        QString error;
        const auto back = RunExport::readRun(json.toJson(), &error);
        QVERIFY2(back, qPrintable(error));
        QVERIFY(back->serverMetrics.has_value());
        QVERIFY(*back->serverMetrics == sample());
        QCOMPARE(back->records.size(), 2);

        // Several runs side by side keep theirs each.
        const auto runs
            = RunExport::readRuns(RunExport::runsJson({ doc, runWith(std::nullopt) }).toJson(), &error);
        QVERIFY2(runs, qPrintable(error));
        QCOMPARE(runs->size(), 2);
        QVERIFY(runs->at(0).serverMetrics.has_value());
        QVERIFY(!runs->at(1).serverMetrics.has_value());
    }

    void absentIsNone()
    {
        const QJsonDocument json = RunExport::runJson(runWith(std::nullopt));
        QVERIFY(!json.object().contains(QStringLiteral("server_metrics")));
        QString error;
        const auto back = RunExport::readRun(json.toJson(), &error);
        QVERIFY2(back, qPrintable(error));
        QVERIFY(!back->serverMetrics.has_value());
    }

    void damagedNeverCostsTheRun_data()
    {
        QTest::addColumn<QJsonValue>("damaged");
        QTest::addColumn<bool>("kept");
        QTest::newRow("string") << QJsonValue(QStringLiteral("vllm")) << false;
        QTest::newRow("array") << QJsonValue(QJsonArray { 1, 2 }) << false;
        QTest::newRow("null") << QJsonValue(QJsonValue::Null) << false;
        QTest::newRow("wrong types") << QJsonValue(QJsonObject {
            { QStringLiteral("server"), 5 },
            { QStringLiteral("scrapes"), QStringLiteral("many") },
            { QStringLiteral("interval_ms"), QJsonArray {} },
            { QStringLiteral("series"), QJsonObject { { QStringLiteral("running"), QStringLiteral("x") } } },
            { QStringLiteral("summary"), QJsonArray { 1 } },
            { QStringLiteral("server_ttft_ms"), 12 },
            { QStringLiteral("unmapped"), QJsonObject {} } })
                                     << true;
        QTest::newRow("bad points") << QJsonValue(QJsonObject {
            { QStringLiteral("series"),
              QJsonObject { { QStringLiteral("running"),
                              QJsonArray { QJsonObject { { QStringLiteral("t_ms"), 1 } }, 7,
                                           QJsonObject { { QStringLiteral("t_ms"), 2 },
                                                         { QStringLiteral("value"), 3 } } } } } },
            { QStringLiteral("scrapes"), -4 } })
                                    << true;
    }

    void damagedNeverCostsTheRun()
    {
        QFETCH(QJsonValue, damaged);
        QFETCH(bool, kept);
        QJsonObject root = RunExport::runJson(runWith(std::nullopt)).object();
        root.insert(QStringLiteral("server_metrics"), damaged);
        QString error;
        const auto back = RunExport::readRun(QJsonDocument(root).toJson(), &error);
        QVERIFY2(back, qPrintable(error));
        QCOMPARE(back->records.size(), 2);
        QCOMPARE(back->serverMetrics.has_value(), kept);
        if (!kept)
            return;
        const ServerMetricsRecord &r = *back->serverMetrics;
        QVERIFY(r.server.isEmpty());
        QCOMPARE(r.scrapes, 0);
        QCOMPARE(r.intervalMs, 250.0);
        QVERIFY(r.summary.isEmpty());
        QVERIFY(!r.serverTtft);
        QVERIFY(r.unmapped.isEmpty());
        // Only whole points are kept.
        const QList<ServerMetricsPoint> running = r.series.value(QStringLiteral("running"));
        QVERIFY(running.isEmpty() || running == QList<ServerMetricsPoint>({ { 2, 3 } }));
    }

    void sweepLevelFields()
    {
        ServerWindowSummary s;
        s.runningMean = 3.75;
        s.waitingMax = 0;
        s.kvCacheMax = 0.42;
        s.ttftP99Ms = 512.5;
        const QJsonObject json = ServerMetricsJson::windowJson(s);
        QCOMPARE(json.value(QStringLiteral("server_running_mean")).toDouble(), 3.75);
        QCOMPARE(json.value(QStringLiteral("server_waiting_max")).toDouble(), 0.0);
        QCOMPARE(json.value(QStringLiteral("server_kv_cache_max")).toDouble(), 0.42);
        QCOMPARE(json.value(QStringLiteral("server_ttft_p99_ms")).toDouble(), 512.5);
        QVERIFY(ServerMetricsJson::windowFromJson(reparse(json)) == s);

        // A figure the server does not export is left out, not written as 0.
        ServerWindowSummary partial;
        partial.runningMean = 2;
        const QJsonObject few = ServerMetricsJson::windowJson(partial);
        QCOMPARE(few.size(), 1);
        QVERIFY(ServerMetricsJson::windowFromJson(few) == partial);
    }

    void csvLongFormat()
    {
        const QList<QByteArray> lines = ServerMetricsJson::serverMetricsCsv(sample()).trimmed().split('\n');
        QCOMPARE(lines.constFirst(), QByteArray("series,t_ms,value"));
        QCOMPARE(lines.size(), 1 + 3 + 2 + 1);
        // Series in name order, each point on its own row.
        QCOMPARE(lines.at(1), QByteArray("generation_tokens_per_s,248.125,1234.5"));
        QCOMPARE(lines.at(2), QByteArray("kv_cache_usage,-1.500,0"));
        QCOMPARE(lines.at(3), QByteArray("kv_cache_usage,248.125,0.123456789"));
        QCOMPARE(lines.at(5), QByteArray("running,248.125,8"));
        QCOMPARE(ServerMetricsJson::serverMetricsCsv(ServerMetricsRecord {}),
                 QByteArray("series,t_ms,value\n"));
    }
};

QTEST_GUILESS_MAIN(TestServerMetricsJson)
#include "tst_servermetricsjson.moc"
