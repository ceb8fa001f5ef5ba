// kill -9 during a run: a real tokenscope-cli process measuring its embedded endpoint is
// killed after some requests finished. Reopening the history finds every request it had
// written, the run marked interrupted and a sound database file.
#include "storage/historystore.h"

#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QSet>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>

namespace {

// Rows the child has committed, read through a plain connection of our own (a reader in WAL
// mode never blocks the writer).
int committedRequests(const QString &path)
{
    int n = -1;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("peek"));
        db.setDatabaseName(path);
        db.setConnectOptions(QStringLiteral("QSQLITE_BUSY_TIMEOUT=2000"));
        if (db.open()) {
            QSqlQuery q(db);
            if (q.exec(QStringLiteral("SELECT count(*) FROM requests")) && q.next())
                n = q.value(0).toInt();
        }
    }
    QSqlDatabase::removeDatabase(QStringLiteral("peek"));
    return n;
}

} // namespace

class TestHistoryKill : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void killNineKeepsFinishedRequests()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("history.sqlite"));
        QProcess child;
        child.setProgram(QStringLiteral(TOKENSCOPE_BIN_DIR "/tokenscope-cli"));
        // Far more requests than can finish before the kill; ~10 ms each, two in flight.
        child.setArguments({ QStringLiteral("run"),
                             QStringLiteral("--requests"),
                             QStringLiteral("100000"),
                             QStringLiteral("--concurrency"),
                             QStringLiteral("2"),
                             QStringLiteral("--max-tokens"),
                             QStringLiteral("8"),
                             QStringLiteral("--network-ms"),
                             QStringLiteral("1"),
                             QStringLiteral("--inference-ms"),
                             QStringLiteral("5"),
                             QStringLiteral("--generation-ms-per-token"),
                             QStringLiteral("1"),
                             QStringLiteral("--postprocess-ms"),
                             QStringLiteral("1"),
                             QStringLiteral("--jitter"),
                             QStringLiteral("0"),
                             QStringLiteral("--quiet"),
                             QStringLiteral("--history-db"),
                             path,
                             QStringLiteral("--tag"),
                             QStringLiteral("killed") });
        child.start();
        QVERIFY(child.waitForStarted());

        // Wait until a good number of requests are in the file.
        constexpr int Wanted = 40;
        int before = 0;
        QElapsedTimer waited;
        waited.start();
        while (before < Wanted) {
            QVERIFY2(child.state() == QProcess::Running,
                     qPrintable(QString::fromUtf8(child.readAllStandardError())));
            QVERIFY2(waited.elapsed() < 60'000, "the child wrote too few requests in 60 s");
            QTest::qWait(20);
            before = committedRequests(path);
        }
        const qint64 pid = child.processId();
        QVERIFY(::kill(pid_t(pid), SIGKILL) == 0);
        QVERIFY(child.waitForFinished(10'000));
        QCOMPARE(child.exitStatus(), QProcess::CrashExit);
        const int after = committedRequests(path);
        QVERIFY2(after >= before,
                 qPrintable(QStringLiteral("%1 rows before the kill, %2 after").arg(before).arg(after)));
        QVERIFY(after < 100000);
        qInfo("%d requests committed when the kill was sent, %d in the file after it", before, after);
        QVERIFY(QFile::exists(path + QStringLiteral(".run-1.lock"))); // the dead writer's lock is left behind

        HistoryStore store;
        QVERIFY2(store.open(path), qPrintable(store.errorString()));
        QCOMPARE(store.integrityCheck(), QStringLiteral("ok"));
        QCOMPARE(store.recoveredRuns(), QList<qint64> { 1 });
        QVERIFY(!QFile::exists(path + QStringLiteral(".run-1.lock")));
        const auto run = store.loadRun(1);
        QVERIFY2(run, qPrintable(store.errorString()));
        QCOMPARE(run->run.status, RunStatus::Interrupted);
        QVERIFY(run->run.endedAt.isValid());
        QCOMPARE(run->run.tags, QStringList { QStringLiteral("killed") });
        QCOMPARE(run->records.size(), after);
        QSet<int> indexes;
        for (const RequestRecord &r : run->records) {
            QVERIFY2(r.trace.ok(), qPrintable(r.trace.errorMessage));
            QCOMPARE(r.metrics.outputTokens, 8);
            QVERIFY(r.metrics.ttftMs && *r.metrics.ttftMs > 0);
            indexes.insert(r.index);
        }
        QCOMPARE(indexes.size(), after); // no request written twice
        QCOMPARE(run->summary.requestsOk, after);
        QCOMPARE(run->run.settings.requests.value_or(0), 100000);

        // Recovery happens once: the next open finds nothing left to recover.
        store.close();
        QVERIFY(store.open(path));
        QVERIFY(store.recoveredRuns().isEmpty());
        QCOMPARE(store.run(1)->status, RunStatus::Interrupted);
    }
};

QTEST_GUILESS_MAIN(TestHistoryKill)
#include "tst_historykill.moc"
