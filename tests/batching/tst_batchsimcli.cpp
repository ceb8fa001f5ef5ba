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
    return runTokenscopeCli(args, 60'000);
}

} // namespace

class TestBatchSimCli : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void writesOneRowPerConfiguration()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString json = dir.filePath(QStringLiteral("sim.json"));
        const QString csv = dir.filePath(QStringLiteral("sim.csv"));
        const Outcome o
            = runCli({ QStringLiteral("batch-sim"), QStringLiteral("--max-batch"), QStringLiteral("1,4,16"),
                       QStringLiteral("--max-wait-ms"), QStringLiteral("0,20"), QStringLiteral("--rate"),
                       QStringLiteral("8"), QStringLiteral("--poisson"), QStringLiteral("--requests"),
                       QStringLiteral("400"), QStringLiteral("--seed"), QStringLiteral("3"),
                       QStringLiteral("--json"), json, QStringLiteral("--csv"), csv });
        QVERIFY2(o.exitCode == 0, o.err.constData());
        QVERIFY(o.out.contains("TTFT p99"));

        QFile file(json);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QJsonObject root = QJsonDocument::fromJson(file.readAll()).object();
        QCOMPARE(root.value(QStringLiteral("preset")).toString(), QStringLiteral("h100-llama2-7b"));
        QCOMPARE(root.value(QStringLiteral("arrivals")).toString(), QStringLiteral("poisson"));
        const QJsonArray rows = root.value(QStringLiteral("rows")).toArray();
        QCOMPARE(rows.size(), 6);
        QCOMPARE(rows.at(0).toObject().value(QStringLiteral("max_batch")).toInt(), 1);
        QCOMPARE(rows.at(5).toObject().value(QStringLiteral("max_batch")).toInt(), 16);
        QCOMPARE(rows.at(5).toObject().value(QStringLiteral("max_wait_ms")).toDouble(), 20.0);
        for (const QJsonValue &v : rows) {
            const QJsonObject row = v.toObject();
            QCOMPARE(row.value(QStringLiteral("completed")).toInt(), 400);
            QVERIFY(row.value(QStringLiteral("requests_per_s")).toDouble() > 0);
            const QJsonObject e2e = row.value(QStringLiteral("e2e_ms")).toObject();
            QVERIFY(e2e.value(QStringLiteral("p99")).toDouble()
                    >= e2e.value(QStringLiteral("p50")).toDouble());
        }
        // Batch 1 cannot keep up with 8 req/s of 128+128 tokens on this model (~1.4 s each); 16 can.
        QVERIFY(rows.at(5).toObject().value(QStringLiteral("requests_per_s")).toDouble()
                > 2 * rows.at(0).toObject().value(QStringLiteral("requests_per_s")).toDouble());
        QVERIFY(!root.value(QStringLiteral("pareto_front")).toArray().isEmpty());

        QFile csvFile(csv);
        QVERIFY(csvFile.open(QIODevice::ReadOnly));
        QCOMPARE(csvFile.readAll().count('\n'), 7); // header + 6 rows
    }

    void sameSeedSameJson()
    {
        QTemporaryDir dir;
        const QStringList args { QStringLiteral("batch-sim"),  QStringLiteral("--mode"),
                                 QStringLiteral("continuous"), QStringLiteral("--max-batch"),
                                 QStringLiteral("8,32"),       QStringLiteral("--rate"),
                                 QStringLiteral("10"),         QStringLiteral("--gamma"),
                                 QStringLiteral("0.5"),        QStringLiteral("--requests"),
                                 QStringLiteral("300") };
        QByteArray rows[2];
        for (int i = 0; i < 2; ++i) {
            const QString path = dir.filePath(QStringLiteral("run%1.json").arg(i));
            const Outcome o = runCli(args + QStringList { QStringLiteral("--json"), path });
            QVERIFY2(o.exitCode == 0, o.err.constData());
            QFile f(path);
            QVERIFY(f.open(QIODevice::ReadOnly));
            const QJsonObject root = QJsonDocument::fromJson(f.readAll()).object();
            QCOMPARE(root.value(QStringLiteral("rows")).toArray().size(), 2); // max wait ignored here
            rows[i] = QJsonDocument(root.value(QStringLiteral("rows")).toArray()).toJson();
        }
        QCOMPARE(rows[0], rows[1]);
    }

    void compareRunsBothServersOverOneTrace()
    {
        QTemporaryDir dir;
        const QString json = dir.filePath(QStringLiteral("compare.json"));
        const Outcome o = runCli({ QStringLiteral("batch-sim"), QStringLiteral("--compare"), QStringLiteral("--preset"),
                                   QStringLiteral("triton-tutorial"), QStringLiteral("--clients"), QStringLiteral("16"),
                                   QStringLiteral("--max-batch"), QStringLiteral("16"), QStringLiteral("--max-wait-ms"),
                                   QStringLiteral("0"), QStringLiteral("--prompt-tokens"), QStringLiteral("1"),
                                   QStringLiteral("--output-tokens"), QStringLiteral("1"), QStringLiteral("--requests"),
                                   QStringLiteral("20000"), QStringLiteral("--json"), json });
        QVERIFY2(o.exitCode == 0, o.err.constData());
        QVERIFY(o.out.contains("no batching"));
        QVERIFY(o.out.contains("Throughput gain"));
        QFile file(json);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QJsonObject root = QJsonDocument::fromJson(file.readAll()).object();
        QVERIFY(root.value(QStringLiteral("throughput_gain")).toDouble() >= 3.0);
        QCOMPARE(root.value(QStringLiteral("meets_3x_claim")).toBool(), true);
        // One configuration only: a grid is refused.
        const Outcome grid = runCli({ QStringLiteral("batch-sim"), QStringLiteral("--compare"), QStringLiteral("--clients"),
                                      QStringLiteral("16"), QStringLiteral("--max-batch"), QStringLiteral("4,8") });
        QCOMPARE(grid.exitCode, 2);
        QVERIFY(grid.err.contains("--compare"));
    }

    void badArgumentsExitWithTwo_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::newRow("bad list") << QStringList { QStringLiteral("--max-batch"), QStringLiteral("1,x"),
                                                   QStringLiteral("--rate"), QStringLiteral("5") };
        QTest::newRow("zero batch") << QStringList { QStringLiteral("--max-batch"), QStringLiteral("0"),
                                                     QStringLiteral("--rate"), QStringLiteral("5") };
        QTest::newRow("no rate") << QStringList {};
        QTest::newRow("unknown preset") << QStringList { QStringLiteral("--rate"), QStringLiteral("5"),
                                                         QStringLiteral("--preset"), QStringLiteral("tpu") };
        QTest::newRow("unknown mode") << QStringList { QStringLiteral("--rate"), QStringLiteral("5"),
                                                       QStringLiteral("--mode"), QStringLiteral("static") };
        QTest::newRow("poisson and gamma")
            << QStringList { QStringLiteral("--rate"), QStringLiteral("5"), QStringLiteral("--poisson"),
                             QStringLiteral("--gamma"), QStringLiteral("2") };
    }
    void badArgumentsExitWithTwo()
    {
        QFETCH(QStringList, args);
        const Outcome o = runCli(QStringList { QStringLiteral("batch-sim") } + args);
        QCOMPARE(o.exitCode, 2);
        QVERIFY(o.err.contains("error"));
    }
};

QTEST_GUILESS_MAIN(TestBatchSimCli)
#include "tst_batchsimcli.moc"
