#include "batching/dynamicbatcher.h"

#include <QCoroTimer>
#include <QElapsedTimer>
#include <QSignalSpy>
#include <QTest>

#include <chrono>
#include <vector>

namespace {

// Echoes every request and records the batches it was given; the first batch can be slowed
// down so that later batches finish first.
class RecordingExecutor final : public BatchExecutor
{
public:
    QList<QList<quint64>> batches;
    std::chrono::milliseconds firstBatchDelay { 0 };
    std::chrono::milliseconds delay { 0 };
    bool wrongCount = false;
    int completed = 0; ///< batches whose execution has returned

    QCoro::Task<QList<BatchResult>> execute(QList<BatchRequest> batch) override
    {
        QList<quint64> ids;
        for (const BatchRequest &r : batch)
            ids.append(r.id);
        batches.append(ids);
        const auto wait = batches.size() == 1 ? firstBatchDelay : delay;
        const bool wrong = wrongCount;
        if (wait.count() > 0)
            co_await QCoro::sleepFor(wait);
        QList<BatchResult> results;
        for (const BatchRequest &r : batch) {
            BatchResult res;
            res.status = BatchResult::Status::Ok;
            res.id = r.id;
            res.text = QStringLiteral("answer to ") + r.prompt;
            results.append(res);
        }
        if (wrong)
            results.removeLast();
        ++completed;
        co_return results;
    }
};

BatchRequest request(quint64 id)
{
    BatchRequest r;
    r.id = id;
    r.prompt = QStringLiteral("prompt %1").arg(id);
    return r;
}

BatchPolicy policy(int maxBatch, double maxWaitMs, QList<int> preferred = {})
{
    BatchPolicy p;
    p.maxBatchSize = maxBatch;
    p.maxQueueDelayNs = qint64(maxWaitMs * 1e6);
    p.preferredBatchSizes = preferred;
    return p;
}

} // namespace

class TestDynamicBatcher : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void fullBatchDispatchesAtOnce()
    {
        auto executor = std::make_shared<RecordingExecutor>();
        DynamicBatcher batcher(executor, policy(4, 10'000)); // a 10 s wait that must not happen
        QElapsedTimer elapsed;
        elapsed.start();
        std::vector<QCoro::Task<BatchResult>> tasks;
        for (quint64 i = 1; i <= 4; ++i)
            tasks.push_back(batcher.submit(request(i)));
        for (auto &t : tasks) {
            const BatchResult r = QCoro::waitFor(t);
            QVERIFY(r.ok());
            QCOMPARE(r.batchSize, 4);
        }
        QVERIFY2(elapsed.elapsed() < 1000, qPrintable(QString::number(elapsed.elapsed())));
        QCOMPARE(executor->batches.size(), 1);
        QCOMPARE(executor->batches.first(), (QList<quint64> { 1, 2, 3, 4 }));
    }

    void loneRequestLeavesAfterMaxWait()
    {
        auto executor = std::make_shared<RecordingExecutor>();
        DynamicBatcher batcher(executor, policy(8, 30));
        QElapsedTimer elapsed;
        elapsed.start();
        const BatchResult r = QCoro::waitFor(batcher.submit(request(7)));
        const qint64 ms = elapsed.elapsed();
        QVERIFY(r.ok());
        QCOMPARE(r.batchSize, 1);
        QCOMPARE(r.text, QStringLiteral("answer to prompt 7"));
        QVERIFY2(ms >= 30 && ms < 500, qPrintable(QString::number(ms)));
        QVERIFY(r.queueWaitNs >= 30'000'000);
    }

    void resultsMapBackToTheirCallers()
    {
        auto executor = std::make_shared<RecordingExecutor>();
        executor->firstBatchDelay = std::chrono::milliseconds(80); // the first batch finishes last
        DynamicBatcher batcher(executor, policy(3, 5), /*maxConcurrentBatches=*/0);
        std::vector<QCoro::Task<BatchResult>> tasks;
        for (quint64 i = 1; i <= 10; ++i)
            tasks.push_back(batcher.submit(request(i)));
        for (size_t i = 0; i < tasks.size(); ++i) {
            const BatchResult r = QCoro::waitFor(tasks[i]);
            QVERIFY(r.ok());
            QCOMPARE(r.id, quint64(i + 1));
            QCOMPARE(r.text, QStringLiteral("answer to prompt %1").arg(i + 1));
        }
        QCOMPARE(executor->batches.size(), 4); // 3 + 3 + 3 + a lone one after 5 ms
        QCOMPARE(executor->batches.at(0), (QList<quint64> { 1, 2, 3 }));
        QCOMPARE(executor->batches.at(3), (QList<quint64> { 10 }));
    }

    void preferredSizeLeavesEarly()
    {
        auto executor = std::make_shared<RecordingExecutor>();
        DynamicBatcher batcher(executor, policy(8, 10'000, { 2, 4 }));
        QElapsedTimer elapsed;
        elapsed.start();
        std::vector<QCoro::Task<BatchResult>> tasks;
        for (quint64 i = 1; i <= 4; ++i)
            tasks.push_back(batcher.submit(request(i)));
        for (auto &t : tasks)
            QCOMPARE(QCoro::waitFor(t).batchSize, 4);
        QVERIFY(elapsed.elapsed() < 1000);
    }

    void flushSendsWhatIsQueued()
    {
        auto executor = std::make_shared<RecordingExecutor>();
        DynamicBatcher batcher(executor, policy(8, 10'000));
        std::vector<QCoro::Task<BatchResult>> tasks;
        for (quint64 i = 1; i <= 3; ++i)
            tasks.push_back(batcher.submit(request(i)));
        QCOMPARE(batcher.pendingCount(), 3);
        batcher.flush();
        for (auto &t : tasks)
            QCOMPARE(QCoro::waitFor(t).batchSize, 3);
        QCOMPARE(executor->batches.size(), 1);
    }

    void fullBatchOnlyWaitsForAFullBatchOrAFlush()
    {
        // The typical batcher: a batch of 4, a declared wait that nothing uses, and a flush.
        auto executor = std::make_shared<RecordingExecutor>();
        BatchPolicy p = policy(4, 30);
        p.rule = BatchRule::FullBatchOnly;
        DynamicBatcher batcher(executor, p);
        std::vector<QCoro::Task<BatchResult>> tasks;
        for (quint64 i = 1; i <= 3; ++i)
            tasks.push_back(batcher.submit(request(i)));
        QTest::qWait(200); // well past the 30 ms a timer would have waited
        QCOMPARE(executor->batches.size(), 0);
        QCOMPARE(batcher.pendingCount(), 3);
        tasks.push_back(batcher.submit(request(4))); // the fourth fills the batch
        for (auto &t : tasks) {
            const BatchResult r = QCoro::waitFor(t);
            QVERIFY(r.ok());
            QCOMPARE(r.batchSize, 4);
        }
        QCOMPARE(executor->batches.first(), (QList<quint64> { 1, 2, 3, 4 }));
        QCoro::Task<BatchResult> last = batcher.submit(request(5));
        QTest::qWait(100);
        QCOMPARE(executor->batches.size(), 1); // a lone request stays until someone flushes
        batcher.flush();
        const BatchResult r = QCoro::waitFor(last);
        QVERIFY(r.ok());
        QCOMPARE(r.batchSize, 1);
        QVERIFY(r.queueWaitNs >= 100'000'000);
        QCOMPARE(executor->batches.size(), 2);
    }

    void shutdownCancelsPendingAndInFlight()
    {
        auto executor = std::make_shared<RecordingExecutor>();
        executor->firstBatchDelay = std::chrono::milliseconds(2000);
        DynamicBatcher batcher(executor, policy(1, 0)); // one slot: request 1 runs, 2 and 3 queue
        std::vector<QCoro::Task<BatchResult>> tasks;
        for (quint64 i = 1; i <= 3; ++i)
            tasks.push_back(batcher.submit(request(i)));
        QCOMPARE(batcher.inFlightBatches(), 1);
        QCOMPARE(batcher.pendingCount(), 2);
        QElapsedTimer elapsed;
        elapsed.start();
        batcher.shutdown();
        for (size_t i = 0; i < tasks.size(); ++i) {
            const BatchResult r = QCoro::waitFor(tasks[i]);
            QCOMPARE(r.status, BatchResult::Status::Cancelled);
            QCOMPARE(r.id, quint64(i + 1));
            QVERIFY(!r.error.isEmpty());
        }
        QVERIFY2(elapsed.elapsed() < 1000, "shutdown must not wait for the running batch");
        const BatchResult late = QCoro::waitFor(batcher.submit(request(4)));
        QCOMPARE(late.status, BatchResult::Status::Cancelled);
        // The cancelled batch still runs to its end in the executor; let it, so that no
        // coroutine is left suspended when the test ends.
        QTRY_COMPARE_WITH_TIMEOUT(executor->completed, 1, 5000);
    }

    void destroyingTheBatcherCancels()
    {
        auto executor = std::make_shared<RecordingExecutor>();
        auto batcher = std::make_unique<DynamicBatcher>(executor, policy(8, 10'000));
        auto task = batcher->submit(request(1));
        batcher.reset();
        QCOMPARE(QCoro::waitFor(task).status, BatchResult::Status::Cancelled);
    }

    void wrongResultCountFailsTheBatch()
    {
        auto executor = std::make_shared<RecordingExecutor>();
        executor->wrongCount = true;
        DynamicBatcher batcher(executor, policy(2, 10'000));
        auto a = batcher.submit(request(1));
        auto b = batcher.submit(request(2));
        const BatchResult ra = QCoro::waitFor(a);
        QCOMPARE(ra.status, BatchResult::Status::Failed);
        QVERIFY(!ra.error.isEmpty());
        QCOMPARE(QCoro::waitFor(b).status, BatchResult::Status::Failed);
    }

    void simulatedExecutorTakesTheModelledTime()
    {
        auto executor = std::make_shared<SimulatedBatchExecutor>(ServiceModel::constant(40));
        DynamicBatcher batcher(executor, policy(2, 10'000));
        QSignalSpy dispatched(&batcher, &DynamicBatcher::batchDispatched);
        auto a = batcher.submit(request(1));
        auto b = batcher.submit(request(2));
        const BatchResult ra = QCoro::waitFor(a);
        QVERIFY(ra.ok());
        QCOMPARE(ra.text, QStringLiteral("prompt 1"));
        QVERIFY2(ra.executeNs >= 40'000'000 && ra.executeNs < 500'000'000,
                 qPrintable(QString::number(ra.executeNs)));
        QCOMPARE(QCoro::waitFor(b).text, QStringLiteral("prompt 2"));
        QCOMPARE(dispatched.size(), 1);
        QCOMPARE(executor->batchesExecuted(), 1);
    }
};

QTEST_GUILESS_MAIN(TestDynamicBatcher)
#include "tst_dynamicbatcher.moc"
