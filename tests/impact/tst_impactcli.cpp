// tokenscope-cli impact as a user runs it: the table on stdout, the JSON with settings and
// the command of each row, errors as exit codes.
#include "../common/clirunner.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

namespace {

const QStringList FastModel { QStringLiteral("--network-ms"), QStringLiteral("2"), QStringLiteral("--inference-ms"),
                              QStringLiteral("20"), QStringLiteral("--generation-ms-per-token"), QStringLiteral("4"),
                              QStringLiteral("--max-tokens"), QStringLiteral("16") };

} // namespace

class TestImpactCli : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void tableAndJson()
    {
        QTemporaryDir dir;
        const QString json = dir.filePath(QStringLiteral("impact.json"));
        const CliOutcome o = runTokenscopeCli(QStringList { QStringLiteral("impact"), QStringLiteral("--only"),
                                                            QStringLiteral("streaming,prompt-cache,batching"),
                                                            QStringLiteral("--repetitions"), QStringLiteral("3"),
                                                            QStringLiteral("--batch-requests"), QStringLiteral("8"),
                                                            QStringLiteral("--concurrency"), QStringLiteral("4"),
                                                            QStringLiteral("--json"), json }
                                                  + FastModel,
                                              120'000);
        QVERIFY2(o.exitCode == 0, o.err.constData());
        QVERIFY(o.out.contains("Streaming"));
        // The typical table's columns, as commonly quoted, on every row whether it ran or not.
        for (const char *cell : { "typical claim", "cost claim", "difficulty", "priority" })
            QVERIFY2(o.out.contains(cell), cell);
        const QList<QByteArray> lines = o.out.split('\n');
        const auto lineOf = [&lines](const char *start) {
            for (const QByteArray &line : lines) {
                if (line.startsWith(start))
                    return line;
            }
            return QByteArray();
        };
        const QByteArray streamingLine = lineOf("Streaming");
        for (const char *cell : { "TTFT −80%", " 0% ", "low", "★★★" })
            QVERIFY2(streamingLine.contains(cell), streamingLine.constData());
        const QByteArray cacheLine = lineOf("Semantic cache");
        QVERIFY2(cacheLine.count("−40–70%") == 2, cacheLine.constData()); // latency and cost
        const QByteArray batchingLine = lineOf("Batching");
        for (const char *cell : { "throughput +3×", "−30%", "medium", "★★" })
            QVERIFY2(batchingLine.contains(cell), batchingLine.constData());
        QVERIFY2(!batchingLine.contains("★★★"), batchingLine.constData());
        const QByteArray compressionLine = lineOf("Prompt compression");
        for (const char *cell : { "−10–20%", "−10–30%", "low", "★★" })
            QVERIFY2(compressionLine.contains(cell), compressionLine.constData());
        const QByteArray variantLine = lineOf("Variant");
        for (const char *cell : { "speed +20%", "GPU memory −50%", "high", "★", "not measurable from a client" })
            QVERIFY2(variantLine.contains(cell), variantLine.constData());
        QVERIFY2(!variantLine.contains("★★"), variantLine.constData());
        // The typical table has no row for the provider's prompt cache, and the line says so.
        const QByteArray promptCacheLine = lineOf("Provider prompt caching");
        QVERIFY2(promptCacheLine.count("no typical claim") == 2, promptCacheLine.constData());
        QVERIFY2(!promptCacheLine.contains("★"), promptCacheLine.constData());
        QVERIFY2(o.out.contains("cached tokens, shared prefix"), o.out.constData());
        QVERIFY2(o.out.contains("not in the typical table"), o.out.constData());
        // No price on the embedded endpoint: tokens stand in for cost, and say so.
        QVERIFY(o.out.contains("(tokens)"));
        QVERIFY(o.out.contains("Recommended order for this endpoint"));
        QVERIFY(!o.out.contains("seed"));
        QFile file(json);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QJsonObject root = QJsonDocument::fromJson(file.readAll()).object();
        const QJsonArray rows = root.value(QStringLiteral("rows")).toArray();
        QCOMPARE(rows.size(), 6);
        const QJsonObject streaming = rows.at(0).toObject();
        QCOMPARE(streaming.value(QStringLiteral("technique")).toString(), QStringLiteral("streaming"));
        QVERIFY(streaming.value(QStringLiteral("change")).toDouble() < -0.3);
        QVERIFY(streaming.value(QStringLiteral("command")).toString().contains(QStringLiteral("--only streaming")));
        QVERIFY(!streaming.value(QStringLiteral("settings")).toObject().isEmpty());
        const QJsonObject claim = streaming.value(QStringLiteral("claim")).toObject();
        QCOMPARE(claim.value(QStringLiteral("priority")).toInt(), 3);
        QCOMPARE(claim.value(QStringLiteral("difficulty")).toString(), QStringLiteral("low"));
        QCOMPARE(streaming.value(QStringLiteral("cost")).toObject().value(QStringLiteral("basis")).toString(),
                 QStringLiteral("tokens"));
        const QJsonArray order
            = root.value(QStringLiteral("recommended_order")).toObject().value(QStringLiteral("techniques")).toArray();
        QCOMPARE(order.size(), 3);
        QVERIFY(order.contains(QStringLiteral("streaming")) && order.contains(QStringLiteral("batching"))
                && order.contains(QStringLiteral("prompt-cache")));
        // Beside the semantic cache: a shorter TTFT once the shared prefix is cached.
        const QJsonObject promptCache = rows.at(2).toObject();
        QCOMPARE(promptCache.value(QStringLiteral("technique")).toString(), QStringLiteral("prompt-cache"));
        QVERIFY2(promptCache.value(QStringLiteral("change")).toDouble() < -0.3,
                 qPrintable(QString::number(promptCache.value(QStringLiteral("change")).toDouble())));
        QCOMPARE(promptCache.value(QStringLiteral("claim")).toObject().value(QStringLiteral("latency")).toObject()
                     .value(QStringLiteral("stated")),
                 QJsonValue(false));
        QCOMPARE(promptCache.value(QStringLiteral("reading")).toString(), QStringLiteral("gain"));
        QCOMPARE(promptCache.value(QStringLiteral("details")).toObject()
                     .value(QStringLiteral("cached tokens, distinct prefixes")).toString(),
                 QStringLiteral("0%"));
        const QJsonObject batching = rows.at(3).toObject();
        QCOMPARE(batching.value(QStringLiteral("technique")).toString(), QStringLiteral("batching"));
        QVERIFY(batching.value(QStringLiteral("change")).toDouble() > 0.5);
        QCOMPARE(rows.at(1).toObject().value(QStringLiteral("skipped")).toBool(), true);
    }

    void badArguments()
    {
        QCOMPARE(runTokenscopeCli({ QStringLiteral("impact"), QStringLiteral("--only"), QStringLiteral("magic") }).exitCode,
                 2);
        QCOMPARE(runTokenscopeCli({ QStringLiteral("impact"), QStringLiteral("--preset"), QStringLiteral("fr") }).exitCode,
                 2);
        QCOMPARE(runTokenscopeCli({ QStringLiteral("impact"), QStringLiteral("--variant-endpoint"), QStringLiteral("ftp://x") })
                     .exitCode,
                 2);
    }

    void unreachableEndpointFailsWithOne()
    {
        const CliOutcome o = runTokenscopeCli({ QStringLiteral("impact"), QStringLiteral("--only"), QStringLiteral("streaming"),
                                                QStringLiteral("--endpoint"), QStringLiteral("http://127.0.0.1:9/v1"),
                                                QStringLiteral("--model"), QStringLiteral("m"), QStringLiteral("--repetitions"),
                                                QStringLiteral("1") });
        QCOMPARE(o.exitCode, 1);
        QVERIFY(o.err.contains("no experiment succeeded"));
        QVERIFY(o.out.contains("error"));
    }
};

QTEST_GUILESS_MAIN(TestImpactCli)
#include "tst_impactcli.moc"
