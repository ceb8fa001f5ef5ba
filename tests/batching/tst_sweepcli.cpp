// `tokenscope-cli sweep` against the embedded endpoint: the table, the JSON, bad arguments.
#include "../common/clirunner.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

namespace {

using Outcome = CliOutcome;

Outcome runCli(const QStringList &args)
{
    return runTokenscopeCli(args, 90'000);
}

QStringList fastSimulation()
{
    return { QStringLiteral("--network-ms"), QStringLiteral("5"), QStringLiteral("--inference-ms"), QStringLiteral("30"),
             QStringLiteral("--generation-ms-per-token"), QStringLiteral("2"), QStringLiteral("--postprocess-ms"),
             QStringLiteral("3"), QStringLiteral("--jitter"), QStringLiteral("0"), QStringLiteral("--quiet") };
}

} // namespace

class TestSweepCli : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void sweepsConcurrencyLevels()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString json = dir.filePath(QStringLiteral("sweep.json"));
        const QString csv = dir.filePath(QStringLiteral("sweep.csv"));
        const Outcome o = runCli(QStringList { QStringLiteral("sweep"), QStringLiteral("--concurrency"), QStringLiteral("1,4"),
                                               QStringLiteral("--window"), QStringLiteral("8"), QStringLiteral("--max-windows"),
                                               QStringLiteral("3"), QStringLiteral("--max-tokens"), QStringLiteral("8"),
                                               QStringLiteral("--slo-e2e-ms"), QStringLiteral("10000"),
                                               QStringLiteral("--json"), json, QStringLiteral("--csv"), csv }
                                 + fastSimulation());
        QVERIFY2(o.exitCode == 0, o.err.constData());
        for (const char *needle : { "TTFT p50", "E2E p99", "goodput", "Highest level meeting the SLOs" })
            QVERIFY2(o.out.contains(needle), needle);

        QFile file(json);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QJsonObject root = QJsonDocument::fromJson(file.readAll()).object();
        QCOMPARE(root.value(QStringLiteral("axis")).toString(), QStringLiteral("concurrency"));
        QCOMPARE(root.value(QStringLiteral("endpoint")).toObject().value(QStringLiteral("name")).toString(),
                 QStringLiteral("embedded"));
        const QJsonArray levels = root.value(QStringLiteral("levels")).toArray();
        QCOMPARE(levels.size(), 2);
        QCOMPARE(levels.at(0).toObject().value(QStringLiteral("level")).toDouble(), 1.0);
        QCOMPARE(levels.at(1).toObject().value(QStringLiteral("level")).toDouble(), 4.0);
        for (const QJsonValue &v : levels) {
            const QJsonObject l = v.toObject();
            QVERIFY(l.value(QStringLiteral("requests_ok")).toInt() > 0);
            QCOMPARE(l.value(QStringLiteral("requests_failed")).toInt(), 0);
            QVERIFY(l.value(QStringLiteral("output_tokens_per_second")).toDouble() > 0);
            QVERIFY(l.value(QStringLiteral("e2e_ms")).toObject().value(QStringLiteral("p99")).toDouble() > 0);
            const int windows = int(l.value(QStringLiteral("window_tokens_per_second")).toArray().size());
            QVERIFY(windows >= 1 && windows <= 3);
            // Every request met the loose SLO.
            QCOMPARE(l.value(QStringLiteral("slo_attainment")).toDouble(), 1.0);
        }
        // Four streams against a 2 ms/token decode with no batch slowdown: more throughput.
        QVERIFY(levels.at(1).toObject().value(QStringLiteral("output_tokens_per_second")).toDouble()
                > 2 * levels.at(0).toObject().value(QStringLiteral("output_tokens_per_second")).toDouble());
        QCOMPARE(root.value(QStringLiteral("best_slo_level")).toDouble(), 4.0);
        QVERIFY(!root.value(QStringLiteral("pareto_front")).toArray().isEmpty());

        QFile csvFile(csv);
        QVERIFY(csvFile.open(QIODevice::ReadOnly));
        const QList<QByteArray> lines = csvFile.readAll().trimmed().split('\n');
        QCOMPARE(lines.size(), 3);
        QVERIFY(lines.at(0).startsWith("level,requests_ok,"));
    }

    void badArgumentsExitTwo_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::newRow("no levels") << QStringList { QStringLiteral("sweep") };
        QTest::newRow("both axes") << QStringList { QStringLiteral("sweep"), QStringLiteral("--concurrency"), QStringLiteral("1"),
                                                    QStringLiteral("--rates"), QStringLiteral("2") };
        QTest::newRow("bad list") << QStringList { QStringLiteral("sweep"), QStringLiteral("--concurrency"), QStringLiteral("1,x") };
        QTest::newRow("fractional concurrency")
            << QStringList { QStringLiteral("sweep"), QStringLiteral("--concurrency"), QStringLiteral("1.5") };
        QTest::newRow("bad window") << QStringList { QStringLiteral("sweep"), QStringLiteral("--concurrency"), QStringLiteral("1"),
                                                     QStringLiteral("--window"), QStringLiteral("0") };
    }

    void badArgumentsExitTwo()
    {
        QFETCH(QStringList, args);
        const Outcome o = runCli(args);
        QCOMPARE(o.exitCode, 2);
        QVERIFY(o.err.contains("error:"));
    }
};

QTEST_GUILESS_MAIN(TestSweepCli)
#include "tst_sweepcli.moc"
