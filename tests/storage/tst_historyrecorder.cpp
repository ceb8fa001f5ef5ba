// HistoryRecorder: the GUI's way of writing a run as its requests finish.
#include "storage/historyrecorder.h"

#include <QSignalSpy>
#include <QTest>

namespace {

RequestRecord record(int index)
{
    RequestRecord r;
    r.index = index;
    r.trace.startNs = index * 1'000'000;
    r.trace.firstTokenNs = r.trace.startNs + 5'000'000;
    r.trace.chunks = { { r.trace.firstTokenNs, QStringLiteral("x"), 1, false, false } };
    r.trace.lastTokenNs = r.trace.firstTokenNs;
    r.trace.endNs = r.trace.firstTokenNs + 1'000'000;
    r.metrics = Metrics::compute(r.trace);
    return r;
}

LoadConfig config()
{
    LoadConfig c;
    c.endpoint.name = QStringLiteral("gui-endpoint");
    c.endpoint.baseUrl = QUrl(QStringLiteral("http://127.0.0.1:1/v1"));
    return c;
}

} // namespace

class TestHistoryRecorder : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void recordsARun()
    {
        HistoryStore store;
        QVERIFY(store.open(QStringLiteral(":memory:")));
        HistoryRecorder recorder(&store);
        QSignalSpy stored(&recorder, &HistoryRecorder::runStored);
        QSignalSpy failed(&recorder, &HistoryRecorder::writeFailed);
        QVERIFY(recorder.begin(config(), QStringLiteral("run"), { QStringLiteral("gui") }));
        const qint64 id = recorder.runId();
        QVERIFY(recorder.isRecording());
        for (int i = 0; i < 3; ++i)
            recorder.append(record(i));
        QCOMPARE(store.run(id)->status, RunStatus::Running);
        QCOMPARE(store.run(id)->requests, 3); // written as they came, before the end
        recorder.finish();
        QVERIFY(!recorder.isRecording());
        QCOMPARE(stored.size(), 1);
        QCOMPARE(stored.at(0).at(0).toLongLong(), id);
        QCOMPARE(store.run(id)->status, RunStatus::Finished);
        QCOMPARE(store.run(id)->tags, QStringList { QStringLiteral("gui") });
        QVERIFY(failed.isEmpty());
        recorder.append(record(9)); // after the end: ignored
        QCOMPARE(store.run(id)->requests, 3);
    }

    void aNewRunCancelsAnOpenOne()
    {
        HistoryStore store;
        QVERIFY(store.open(QStringLiteral(":memory:")));
        HistoryRecorder recorder(&store);
        QVERIFY(recorder.begin(config()));
        const qint64 first = recorder.runId();
        recorder.append(record(0));
        QVERIFY(recorder.begin(config()));
        QVERIFY(recorder.runId() != first);
        QCOMPARE(store.run(first)->status, RunStatus::Cancelled);
        recorder.finish(true);
        QCOMPARE(store.listRuns().constFirst().status, RunStatus::Cancelled);
    }

    void failuresAreReportedOnce()
    {
        HistoryStore store;
        HistoryRecorder recorder(&store);
        QVERIFY(!recorder.begin(config())); // not open: nothing to write to
        QVERIFY(store.open(QStringLiteral(":memory:")));
        QSignalSpy failed(&recorder, &HistoryRecorder::writeFailed);
        QVERIFY(recorder.begin(config()));
        store.close(); // the history went away mid-run
        recorder.append(record(0));
        recorder.append(record(1));
        QCOMPARE(failed.size(), 1);
        QVERIFY(failed.at(0).at(0).toString().contains(QStringLiteral("not open")));
    }
};

QTEST_GUILESS_MAIN(TestHistoryRecorder)
#include "tst_historyrecorder.moc"
