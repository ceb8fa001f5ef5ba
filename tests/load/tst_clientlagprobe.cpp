// The client watching itself: the lag of a 1 ms timer on its thread, its CPU, and when a run
// must say its figures include client delay.
#include "load/clientlagprobe.h"

#include "common/clock.h"

#include <QElapsedTimer>
#include <QEventLoop>
#include <QJsonObject>
#include <QTest>
#include <QTimer>

class TestClientLagProbe : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void percentilesFromTheCountedLags()
    {
        ClientLagProbe probe(Clock::system());
        QVERIFY(!probe.overhead().lagMs.count);
        // 98 firings 10 µs late, one 5 ms late, one 80 ms late (past the counted range).
        for (int i = 0; i < 98; ++i)
            probe.addLag(0.010);
        probe.addLag(5.0);
        probe.addLag(80.0);
        const ClientOverhead o = probe.overhead();
        QCOMPARE(o.lagMs.count, 100);
        QVERIFY2(std::abs(o.lagMs.p50 - 0.010) <= 0.005, qPrintable(QString::number(o.lagMs.p50)));
        // Rank 98 of 0..99 is the 5 ms firing, within its 5 µs bucket.
        QVERIFY2(std::abs(o.lagMs.p99 - 5.0) <= 0.005, qPrintable(QString::number(o.lagMs.p99)));
        QCOMPARE(o.lagMs.max, 80.0); // kept as it was
        QVERIFY(std::abs(o.lagMs.mean - (98 * 0.010 + 85.0) / 100.0) < 1e-9);
        QVERIFY(o.lagging()); // p99 above 1 ms
    }

    void limitsAndWarning()
    {
        ClientOverhead o;
        o.lagMs.count = 1000;
        o.lagMs.p99 = 0.4;
        o.wallSeconds = 10;
        o.cpuSeconds = 2;
        QCOMPARE(o.cpuShare(), 0.2);
        QVERIFY(!o.includesClientDelay());
        QVERIFY(o.warning().isEmpty());
        o.cpuSeconds = 9; // 90% of one thread
        QVERIFY(o.cpuBound());
        QVERIFY2(o.warning().contains(QStringLiteral("90%")), qPrintable(o.warning()));
        o.ioThreads = 2; // 45% of two
        QVERIFY(!o.cpuBound());
        o.lagMs.p99 = 3.25;
        QVERIFY(o.lagging());
        QVERIFY2(o.warning().contains(QStringLiteral("3.25 ms")), qPrintable(o.warning()));

        // Written and read back as it was; a damaged object is no figure.
        const std::optional<ClientOverhead> back = ClientOverhead::fromJson(o.toJson());
        QVERIFY(back);
        QCOMPARE(back->lagMs.p99, 3.25);
        QCOMPARE(back->cpuSeconds, 9.0);
        QCOMPARE(back->ioThreads, 2);
        QVERIFY(!ClientOverhead::fromJson(QJsonObject {}));
        QVERIFY(!ClientOverhead::fromJson(QJsonObject { { QStringLiteral("lag_ms"), 3 } }));
    }

    void aBlockedThreadIsCaught()
    {
        // Handlers that hold the thread 4 ms out of every 5: every firing of the probe's timer
        // that falls in one waits for it, whatever the machine's load.
        ClientLagProbe probe(Clock::system());
        probe.start();
        QTimer busy;
        busy.setTimerType(Qt::PreciseTimer);
        connect(&busy, &QTimer::timeout, this, [] {
            QElapsedTimer t;
            t.start();
            while (t.nsecsElapsed() < 4'000'000) {
            }
        });
        busy.start(1);
        QEventLoop loop;
        QTimer::singleShot(400, &loop, &QEventLoop::quit);
        loop.exec();
        busy.stop();
        probe.stop();
        const ClientOverhead o = probe.overhead();
        QVERIFY(o.lagMs.count > 10);
        QVERIFY2(o.lagMs.max >= 2.0, qPrintable(QString::number(o.lagMs.max)));
        QVERIFY2(o.lagging(), qPrintable(QString::number(o.lagMs.p99)));
        QVERIFY(o.includesClientDelay());
        QVERIFY(!o.warning().isEmpty());
        QVERIFY(o.wallSeconds >= 0.35);
        // The thread's own CPU: the busy loops are most of it.
        QVERIFY2(o.cpuSeconds > 0.05, qPrintable(QString::number(o.cpuSeconds)));
        QVERIFY(o.cpuShare() <= 1.05);
        // Stopped: the figures stay.
        QCOMPARE(probe.overhead().lagMs.count, o.lagMs.count);
    }
};

QTEST_GUILESS_MAIN(TestClientLagProbe)
#include "tst_clientlagprobe.moc"
