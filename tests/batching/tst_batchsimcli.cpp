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

    void compareFullBatchDefaultsToTheTypicalBatcher()
    {
        // No --max-batch or --max-wait-ms: the typical batcher of 4 without a timer against the same
        // batcher with the 100 ms wait it declares, over one Poisson trace at 2 requests/s.
        QTemporaryDir dir;
        const QString json = dir.filePath(QStringLiteral("rules.json"));
        const Outcome o = runCli({ QStringLiteral("batch-sim"), QStringLiteral("--compare-full-batch"),
                                   QStringLiteral("--rate"), QStringLiteral("2"), QStringLiteral("--poisson"),
                                   QStringLiteral("--requests"), QStringLiteral("2000"),
                                   QStringLiteral("--json"), json });
        QVERIFY2(o.exitCode == 0, o.err.constData());
        QVERIFY(o.out.contains("full batch only (typical)"));
        QVERIFY(o.out.contains("max wait 100.0 ms"));
        QVERIFY(o.out.contains("TTFT p95"));
        QVERIFY(o.out.contains("E2E p99"));
        QVERIFY2(o.out.contains("At 2 requests/s, waiting for a full batch of 4 adds "), o.out.constData());
        QVERIFY(o.out.contains("the last ones wait for the end of the trace"));
        QFile file(json);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QJsonObject root = QJsonDocument::fromJson(file.readAll()).object();
        const QJsonObject full = root.value(QStringLiteral("full_batch")).toObject();
        const QJsonObject wait = root.value(QStringLiteral("max_wait")).toObject();
        const QJsonObject fullConfig = full.value(QStringLiteral("config")).toObject();
        const QJsonObject waitConfig = wait.value(QStringLiteral("config")).toObject();
        QCOMPARE(fullConfig.value(QStringLiteral("max_batch")).toInt(), 4);
        QCOMPARE(fullConfig.value(QStringLiteral("rule")).toString(), QStringLiteral("full-batch"));
        QCOMPARE(waitConfig.value(QStringLiteral("max_batch")).toInt(), 4);
        QCOMPARE(waitConfig.value(QStringLiteral("max_wait_ms")).toDouble(), 100.0);
        QCOMPARE(waitConfig.value(QStringLiteral("rule")).toString(), QStringLiteral("max-wait"));
        QCOMPARE(fullConfig.value(QStringLiteral("seed")), waitConfig.value(QStringLiteral("seed")));
        // Without a timer every batch is full, but for the final flush at the end of the trace.
        const QJsonArray histogram = full.value(QStringLiteral("result"))
                                         .toObject()
                                         .value(QStringLiteral("batch_size_histogram"))
                                         .toArray();
        qint64 partial = 0;
        for (int size = 1; size < 4 && size < histogram.size(); ++size)
            partial += histogram.at(size).toInteger();
        QVERIFY(partial <= 1);
        QCOMPARE(histogram.at(4).toInteger(), 500);
        QCOMPARE(full.value(QStringLiteral("result")).toObject().value(QStringLiteral("completed")).toInt(),
                 2000);
        // At this load the missing timer costs seconds at p99.
        QVERIFY2(root.value(QStringLiteral("e2e_p99_cost_ms")).toDouble() > 1000,
                 qPrintable(QString::number(root.value(QStringLiteral("e2e_p99_cost_ms")).toDouble())));
        QCOMPARE(root.value(QStringLiteral("tails_converge")).toBool(), false);
    }

    void fullBatchRuleInASweep()
    {
        QTemporaryDir dir;
        const QString json = dir.filePath(QStringLiteral("sweep.json"));
        const Outcome o
            = runCli({ QStringLiteral("batch-sim"), QStringLiteral("--rule"), QStringLiteral("full-batch"),
                       QStringLiteral("--rate"), QStringLiteral("5"), QStringLiteral("--max-batch"),
                       QStringLiteral("1,4"), QStringLiteral("--max-wait-ms"), QStringLiteral("0,50"),
                       QStringLiteral("--requests"), QStringLiteral("200"), QStringLiteral("--json"), json });
        QVERIFY2(o.exitCode == 0, o.err.constData());
        QVERIFY(o.out.contains("Rule: full batch only"));
        QFile file(json);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QJsonObject root = QJsonDocument::fromJson(file.readAll()).object();
        QCOMPARE(root.value(QStringLiteral("rule")).toString(), QStringLiteral("full-batch"));
        QCOMPARE(root.value(QStringLiteral("rows")).toArray().size(), 2); // no timer: one row per batch size
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
        QTest::newRow("unknown rule") << QStringList { QStringLiteral("--rate"), QStringLiteral("5"),
                                                       QStringLiteral("--rule"), QStringLiteral("full") };
        QTest::newRow("full batch in continuous mode")
            << QStringList { QStringLiteral("--rate"), QStringLiteral("5"), QStringLiteral("--mode"),
                             QStringLiteral("continuous"), QStringLiteral("--compare-full-batch") };
        QTest::newRow("both rules and a rule")
            << QStringList { QStringLiteral("--rate"), QStringLiteral("5"),
                             QStringLiteral("--compare-full-batch"), QStringLiteral("--rule"),
                             QStringLiteral("max-wait") };
        QTest::newRow("both comparisons") << QStringList { QStringLiteral("--rate"),
                                                           QStringLiteral("5"),
                                                           QStringLiteral("--compare-full-batch"),
                                                           QStringLiteral("--compare"),
                                                           QStringLiteral("--max-batch"),
                                                           QStringLiteral("4"),
                                                           QStringLiteral("--max-wait-ms"),
                                                           QStringLiteral("50") };
        QTest::newRow("a grid to compare rules over")
            << QStringList { QStringLiteral("--rate"), QStringLiteral("5"),
                             QStringLiteral("--compare-full-batch"), QStringLiteral("--max-batch"),
                             QStringLiteral("4,8") };
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
