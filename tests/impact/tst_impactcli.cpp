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
                                                            QStringLiteral("streaming,batching"),
                                                            QStringLiteral("--repetitions"), QStringLiteral("3"),
                                                            QStringLiteral("--batch-requests"), QStringLiteral("8"),
                                                            QStringLiteral("--concurrency"), QStringLiteral("4"),
                                                            QStringLiteral("--json"), json }
                                                  + FastModel,
                                              120'000);
        QVERIFY2(o.exitCode == 0, o.err.constData());
        QVERIFY(o.out.contains("Streaming"));
        QVERIFY(o.out.contains("TTFT −80%"));
        QFile file(json);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QJsonObject root = QJsonDocument::fromJson(file.readAll()).object();
        const QJsonArray rows = root.value(QStringLiteral("rows")).toArray();
        QCOMPARE(rows.size(), 5);
        const QJsonObject streaming = rows.at(0).toObject();
        QCOMPARE(streaming.value(QStringLiteral("technique")).toString(), QStringLiteral("streaming"));
        QVERIFY(streaming.value(QStringLiteral("change")).toDouble() < -0.3);
        QVERIFY(streaming.value(QStringLiteral("command")).toString().contains(QStringLiteral("--only streaming")));
        QVERIFY(!streaming.value(QStringLiteral("settings")).toObject().isEmpty());
        const QJsonObject batching = rows.at(2).toObject();
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
