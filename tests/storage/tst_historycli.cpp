// tokenscope-cli and the run history: run and sweep write to it, `history` lists, shows,
// exports, imports, tags and deletes; --no-history; a damaged file; no secret in the file.
#include "../common/clirunner.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

namespace {

struct Result
{
    int exitCode = -1;
    QString out;
    QString err;
};

const QString PlantedKey = QStringLiteral("sk-cli-planted-9f8e7d6c5b4a");
const QString PlantedHeader = QStringLiteral("hdr-cli-planted-13579");

Result cli(const QStringList &args, const QProcessEnvironment &env = QProcessEnvironment::systemEnvironment())
{
    const CliOutcome o = runTokenscopeCli(args, 120'000, env);
    return { o.exitCode, QString::fromUtf8(o.out), QString::fromUtf8(o.err) };
}

QStringList fast()
{
    return { QStringLiteral("--network-ms"),
             QStringLiteral("1"),
             QStringLiteral("--inference-ms"),
             QStringLiteral("5"),
             QStringLiteral("--generation-ms-per-token"),
             QStringLiteral("1"),
             QStringLiteral("--max-tokens"),
             QStringLiteral("6"),
             QStringLiteral("--jitter"),
             QStringLiteral("0"),
             QStringLiteral("--quiet") };
}

QByteArray bytes(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

QJsonArray listJson(const QString &db, const QStringList &filters = {})
{
    const Result r
        = cli(QStringList { QStringLiteral("history"), QStringLiteral("list"), QStringLiteral("--history-db"),
                            db, QStringLiteral("--json"), QStringLiteral("-") }
              + filters);
    if (r.exitCode != 0)
        qWarning() << r.err;
    return QJsonDocument::fromJson(r.out.toUtf8()).array();
}

} // namespace

class TestHistoryCli : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_db = m_dir.filePath(QStringLiteral("history.sqlite"));
    }

    void runWritesTheHistory()
    {
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("TS_TEST_KEY"), PlantedKey);
        const Result r
            = cli(QStringList { QStringLiteral("run"), QStringLiteral("--requests"), QStringLiteral("5"),
                                QStringLiteral("--history-db"), m_db, QStringLiteral("--tag"),
                                QStringLiteral("first"), QStringLiteral("--api-key-env"),
                                QStringLiteral("TS_TEST_KEY"), QStringLiteral("--header"),
                                QStringLiteral("X-Api-Key: ") + PlantedHeader }
                      + fast(),
                  env);
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QVERIFY2(r.err.contains(QStringLiteral("Saved to the history as run 1")), qPrintable(r.err));
        const QJsonArray runs = listJson(m_db);
        QCOMPARE(runs.size(), 1);
        const QJsonObject run = runs.at(0).toObject();
        QCOMPARE(run.value(QStringLiteral("status")).toString(), QStringLiteral("finished"));
        QCOMPARE(run.value(QStringLiteral("source")).toString(), QStringLiteral("run"));
        QCOMPARE(run.value(QStringLiteral("requests")).toInt(), 5);
        QCOMPARE(run.value(QStringLiteral("requests_ok")).toInt(), 5);
        QCOMPARE(run.value(QStringLiteral("tags")).toArray(), QJsonArray { QStringLiteral("first") });
    }

    void sweepWritesTheHistory()
    {
        const Result r = cli(QStringList { QStringLiteral("sweep"), QStringLiteral("--concurrency"),
                                           QStringLiteral("1,2"), QStringLiteral("--window"),
                                           QStringLiteral("4"), QStringLiteral("--max-windows"),
                                           QStringLiteral("2"), QStringLiteral("--history-db"), m_db }
                             + fast());
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QVERIFY2(r.err.contains(QStringLiteral("Saved to the history as run 2")), qPrintable(r.err));
        const QJsonArray runs = listJson(m_db);
        QCOMPARE(runs.size(), 2);
        const QJsonObject sweep = runs.at(0).toObject();
        QCOMPARE(sweep.value(QStringLiteral("source")).toString(), QStringLiteral("sweep"));
        QVERIFY(sweep.value(QStringLiteral("requests")).toInt() >= 8); // 2 levels, ≥ 1 window of ≥ 4 each
    }

    void noHistorySkips()
    {
        const Result r
            = cli(QStringList { QStringLiteral("run"), QStringLiteral("--requests"), QStringLiteral("2"),
                                QStringLiteral("--history-db"), m_db, QStringLiteral("--no-history") }
                  + fast());
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QVERIFY(!r.err.contains(QStringLiteral("Saved to the history")));
        QCOMPARE(listJson(m_db).size(), 2);
    }

    void showExportImportTagDelete()
    {
        Result r = cli({ QStringLiteral("history"), QStringLiteral("show"), QStringLiteral("1"),
                         QStringLiteral("--history-db"), m_db });
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QVERIFY(r.out.contains(QStringLiteral("Requests: 5 ok, 0 failed")));
        QVERIFY(r.out.contains(QStringLiteral("TTFT (ms)")));
        QVERIFY(r.out.contains(QStringLiteral("Tags: first")));

        const QString exported = m_dir.filePath(QStringLiteral("run1.json"));
        r = cli({ QStringLiteral("history"), QStringLiteral("export"), QStringLiteral("1"),
                  QStringLiteral("--json"), exported, QStringLiteral("--history-db"), m_db });
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        const QJsonObject doc = QJsonDocument::fromJson(bytes(exported)).object();
        QCOMPARE(doc.value(QStringLiteral("requests")).toArray().size(), 5);
        QCOMPARE(doc.value(QStringLiteral("summary"))[QStringLiteral("requests_ok")].toInt(), 5);
        QVERIFY(doc.value(QStringLiteral("settings"))[QStringLiteral("endpoint")][QStringLiteral("url")]
                    .toString()
                    .startsWith(QStringLiteral("http://127.0.0.1:")));

        r = cli({ QStringLiteral("history"), QStringLiteral("import"), exported,
                  QStringLiteral("--history-db"), m_db });
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QVERIFY2(r.out.contains(QStringLiteral("Imported 5 requests as run 3")), qPrintable(r.out));

        r = cli({ QStringLiteral("history"), QStringLiteral("import"),
                  QStringLiteral(TOKENSCOPE_TEST_DATA "/storage/vllm_bench_serve_detailed.json"),
                  QStringLiteral("--format"), QStringLiteral("vllm"), QStringLiteral("--tag"),
                  QStringLiteral("vllm-a"), QStringLiteral("--history-db"), m_db });
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QVERIFY2(r.out.contains(QStringLiteral("Imported 4 requests as run 4")), qPrintable(r.out));
        QJsonArray tagged = listJson(m_db, { QStringLiteral("--tag"), QStringLiteral("vllm-a") });
        QCOMPARE(tagged.size(), 1);
        QCOMPARE(tagged.at(0)[QStringLiteral("source")].toString(), QStringLiteral("vllm"));
        QCOMPARE(tagged.at(0)[QStringLiteral("requests_ok")].toInt(), 3);

        r = cli({ QStringLiteral("history"), QStringLiteral("tag"), QStringLiteral("3"),
                  QStringLiteral("copy"), QStringLiteral("--history-db"), m_db });
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        tagged = listJson(m_db, { QStringLiteral("--tag"), QStringLiteral("copy") });
        QCOMPARE(tagged.size(), 1);
        QCOMPARE(tagged.at(0)[QStringLiteral("id")].toInt(), 3);
        QCOMPARE(listJson(m_db, { QStringLiteral("--endpoint"), QStringLiteral("vLLM") }).size(), 1);

        r = cli({ QStringLiteral("history"), QStringLiteral("delete"), QStringLiteral("3"),
                  QStringLiteral("--history-db"), m_db });
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QCOMPARE(listJson(m_db).size(), 3);
        r = cli({ QStringLiteral("history"), QStringLiteral("list"), QStringLiteral("--history-db"), m_db });
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QVERIFY(r.out.contains(QStringLiteral("first")));
        QVERIFY(r.out.contains(QStringLiteral("vllm")));
    }

    void errorsAreClear_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<int>("exitCode");
        QTest::addColumn<QString>("message");
        QTest::newRow("no action") << QStringList {} << 2 << QStringLiteral("needs an action");
        QTest::newRow("unknown action")
            << QStringList { QStringLiteral("frob") } << 2 << QStringLiteral("unknown history action");
        QTest::newRow("missing run") << QStringList { QStringLiteral("show"), QStringLiteral("99") } << 1
                                     << QStringLiteral("no run 99");
        QTest::newRow("bad id") << QStringList { QStringLiteral("delete"), QStringLiteral("abc") } << 2
                                << QStringLiteral("not a run id");
        QTest::newRow("export without file") << QStringList { QStringLiteral("export"), QStringLiteral("1") }
                                             << 2 << QStringLiteral("--json FILE");
        QTest::newRow("bad format") << QStringList { QStringLiteral("import"), QStringLiteral("x.json"),
                                                     QStringLiteral("--format"), QStringLiteral("csv") }
                                    << 2 << QStringLiteral("tokenscope or vllm");
        QTest::newRow("missing file")
            << QStringList { QStringLiteral("import"), QStringLiteral("/nonexistent/x.json") } << 1
            << QStringLiteral("cannot read");
        QTest::newRow("vllm file as tokenscope")
            << QStringList { QStringLiteral("import"),
                             QStringLiteral(TOKENSCOPE_TEST_DATA "/storage/vllm_bench_serve_detailed.json") }
            << 1 << QStringLiteral("not a TokenScope run export");
        QTest::newRow("bad date") << QStringList { QStringLiteral("list"), QStringLiteral("--from"),
                                                   QStringLiteral("yesterday") }
                                  << 2 << QStringLiteral("expects a date");
        QTest::newRow("bad tag") << QStringList { QStringLiteral("tag"), QStringLiteral("1"),
                                                  QStringLiteral(" ") }
                                 << 1 << QStringLiteral("a tag is");
    }

    void errorsAreClear()
    {
        QFETCH(QStringList, args);
        QFETCH(int, exitCode);
        QFETCH(QString, message);
        const Result r = cli(QStringList { QStringLiteral("history") } + args
                             + QStringList { QStringLiteral("--history-db"), m_db });
        QCOMPARE(r.exitCode, exitCode);
        QVERIFY2(r.err.contains(message), qPrintable(r.err));
    }

    void noSecretInTheFileOrExports()
    {
        const QString exported = m_dir.filePath(QStringLiteral("secrets.json"));
        const Result r = cli({ QStringLiteral("history"), QStringLiteral("export"), QStringLiteral("1"),
                               QStringLiteral("--json"), exported, QStringLiteral("--history-db"), m_db });
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        const QByteArray all = bytes(m_db) + bytes(m_db + QStringLiteral("-wal")) + bytes(exported);
        QVERIFY(all.contains("TS_TEST_KEY")); // the variable's name is kept, to rerun the run
        QVERIFY(!all.contains(PlantedKey.toLatin1()));
        QVERIFY(!all.contains(PlantedHeader.toLatin1()));
    }

    void damagedHistoryDoesNotStopARun()
    {
        const QString bad = m_dir.filePath(QStringLiteral("bad.sqlite"));
        QFile f(bad);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(QByteArray(4096, 'z'));
        f.close();
        Result r = cli(QStringList { QStringLiteral("run"), QStringLiteral("--requests"), QStringLiteral("2"),
                                     QStringLiteral("--history-db"), bad }
                       + fast());
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QVERIFY2(r.err.contains(QStringLiteral("damaged")), qPrintable(r.err));
        QVERIFY(r.out.contains(QStringLiteral("Requests: 2 ok")));
        r = cli({ QStringLiteral("history"), QStringLiteral("list"), QStringLiteral("--history-db"), bad });
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains(QStringLiteral("damaged")), qPrintable(r.err));
        QCOMPARE(bytes(bad), QByteArray(4096, 'z'));
    }

private:
    QTemporaryDir m_dir;
    QString m_db;
};

QTEST_GUILESS_MAIN(TestHistoryCli)
#include "tst_historycli.moc"
