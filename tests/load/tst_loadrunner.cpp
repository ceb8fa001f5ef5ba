// The load runner against the embedded endpoint: real concurrency, schedules, warm-up, cancel.
#include "client/streamingclient.h"
#include "endpoint/embeddedendpoint.h"
#include "load/loadrunner.h"
#include "../common/iothreadmodes.h"

#include <QSignalSpy>
#include <QSet>
#include <QTest>
#include <QTimer>

namespace {

LatencyModel quickModel()
{
    LatencyModel m;
    m.networkMs = 2;
    m.promptMsPerToken = 0;
    m.inferenceMs = 10;
    m.generationMsPerToken = 5;
    m.postprocessMs = 2;
    m.batchSlowdown = 0;
    m.jitter = 0;
    return m;
}

// Every test runs twice: with the requests on the test's thread, and on two I/O threads.
int s_ioThreads = 0;

LoadConfig configFor(const QUrl &root, int requests, int maxTokens = 8)
{
    LoadConfig c;
    c.endpoint.name = QStringLiteral("embedded");
    c.endpoint.protocol = Protocol::OpenAIChat;
    c.endpoint.model = QStringLiteral("tokenscope-sim");
    c.endpoint.baseUrl = root;
    c.endpoint.baseUrl.setPath(QStringLiteral("/v1"));
    GenerationRequest r;
    r.messages = {{QStringLiteral("user"), QStringLiteral("hello")}};
    r.maxTokens = maxTokens;
    c.prompts = {r};
    c.requests = requests;
    return c;
}

} // namespace

class TestLoadRunner : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase_data() { addIoThreadModes(); }
    void init() { s_ioThreads = ioThreadsOfThisRow(); }

    void scheduleIsDeterministicAndHasTheRightRate()
    {
        const QList<qint64> constant = LoadRunner::schedule(5, 10, false, 1);
        QCOMPARE(constant, (QList<qint64>{0, 100'000'000, 200'000'000, 300'000'000, 400'000'000}));

        const QList<qint64> a = LoadRunner::schedule(20'000, 50, true, 7);
        QCOMPARE(a, LoadRunner::schedule(20'000, 50, true, 7));
        QVERIFY(a != LoadRunner::schedule(20'000, 50, true, 8));
        // Mean gap of an exponential with rate 50/s is 20 ms; with 20k samples within 2%.
        const double meanGapMs = double(a.constLast()) / 1e6 / double(a.size() - 1);
        QCOMPARE_LE(qAbs(meanGapMs - 20.0), 0.4);
    }

    void concurrency500IsReal()
    {
        EmbeddedEndpointRunner endpoint;
        LatencyModel model = quickModel();
        model.inferenceMs = 300; // long enough for every stream to be open at once
        QVERIFY(endpoint.start(model));
        StreamingClient client;
        client.setIoThreads(s_ioThreads);
        LoadRunner runner(&client);
        LoadConfig config = configFor(endpoint.baseUrl(), 500);
        config.concurrency = 500;
        const QList<RequestRecord> records = QCoro::waitFor(runner.run(config));
        QCOMPARE(records.size(), 500);
        const RunSummary s = runner.summary();
        QCOMPARE(s.requestsOk, 500);
        QCOMPARE(s.peakConcurrency, 500);
        // The server's own count: 500 streams at once, not six.
        QCOMPARE(endpoint.stats().peakStreams, 500);
        QCOMPARE(s.totalOutputTokens, 500 * 8);
        // The client watched itself all along: its lag, its CPU, every request's dispatch delay.
        QVERIFY(s.client);
        QVERIFY(s.client->lagMs.count > 0);
        QVERIFY(s.client->wallSeconds > 0);
        // One probe on each I/O thread, their firings in one distribution.
        QCOMPARE(s.client->ioThreads, qMax(1, s_ioThreads));
        QCOMPARE(s.dispatchDelayMs.count, 500);
        QVERIFY(s.dispatchDelayMs.min >= 0);
    }

    void warmupIsLeftOutOfStatistics()
    {
        EmbeddedEndpointRunner endpoint;
        QVERIFY(endpoint.start(quickModel()));
        StreamingClient client;
        client.setIoThreads(s_ioThreads);
        LoadRunner runner(&client);
        LoadConfig config = configFor(endpoint.baseUrl(), 5);
        config.warmup = 2;
        QSignalSpy progress(&runner, &LoadRunner::progress);
        const QList<RequestRecord> records = QCoro::waitFor(runner.run(config));
        QCOMPARE(records.size(), 7);
        QCOMPARE(std::count_if(records.cbegin(), records.cend(), [](const RequestRecord &r) { return r.warmup; }), 2);
        QCOMPARE(runner.summary().requestsOk, 5);
        QCOMPARE(progress.constLast().at(0).toInt(), 5);
        QCOMPARE(progress.constLast().at(2).toInt(), 5);
    }

    void rateScheduleMeasuresFromTheScheduledTime()
    {
        EmbeddedEndpointRunner endpoint;
        QVERIFY(endpoint.start(quickModel()));
        StreamingClient client;
        client.setIoThreads(s_ioThreads);
        LoadRunner runner(&client);
        LoadConfig config = configFor(endpoint.baseUrl(), 10, 4);
        config.rate = 50;
        config.concurrency = 0;
        const QList<RequestRecord> records = QCoro::waitFor(runner.run(config));
        QCOMPARE(records.size(), 10);
        QList<qint64> scheduled;
        for (const RequestRecord &r : records) {
            QVERIFY(r.trace.ok());
            QVERIFY(r.metrics.clientWaitMs.has_value());
            QCOMPARE_GE(*r.metrics.e2eFromScheduleMs, r.metrics.e2eMs);
            scheduled.append(r.trace.scheduledNs);
        }
        std::sort(scheduled.begin(), scheduled.end());
        for (int i = 1; i < scheduled.size(); ++i)
            QCOMPARE(scheduled.at(i) - scheduled.at(i - 1), qint64(20'000'000));
        QCOMPARE(runner.summary().clientWaitMs.count, 10);
    }

    void cappedRateMakesTheClientWait()
    {
        // One slot and a rate far above what one slot can serve: the client falls behind,
        // and that shows as client wait instead of vanishing (no coordinated omission).
        EmbeddedEndpointRunner endpoint;
        QVERIFY(endpoint.start(quickModel()));
        StreamingClient client;
        client.setIoThreads(s_ioThreads);
        LoadRunner runner(&client);
        LoadConfig config = configFor(endpoint.baseUrl(), 6, 4);
        config.rate = 200;
        config.concurrency = 1;
        QCoro::waitFor(runner.run(config));
        const RunSummary s = runner.summary();
        QCOMPARE(s.requestsOk, 6);
        QCOMPARE(s.peakConcurrency, 1);
        QCOMPARE_GT(s.clientWaitMs.max, 50.0);
        QCOMPARE_GT(s.e2eFromScheduleMs.mean, s.e2eMs.mean);
    }

    void cappedBurstWhoseRequestsEndTogether()
    {
        // Everything due at once with a cap of 30: requests end in groups in one pass of the
        // loop while the open loop waits for a slot. (QCoro's signal awaiter, used here before,
        // ran again after its frame was freed: a crash.)
        EmbeddedEndpointRunner endpoint;
        LatencyModel model = quickModel();
        model.networkMs = 0;
        model.inferenceMs = 1;
        model.postprocessMs = 0;
        QVERIFY(endpoint.start(model));
        StreamingClient client;
        client.setIoThreads(s_ioThreads);
        LoadRunner runner(&client);
        // More than the open loop builds ahead at once (1,024): each index is sent once.
        LoadConfig config = configFor(endpoint.baseUrl(), 1100, 1);
        config.warmup = 30;
        config.rate = 1e6;
        config.concurrency = 30;
        const QList<RequestRecord> records = QCoro::waitFor(runner.run(config));
        const RunSummary s = runner.summary();
        QCOMPARE(s.requestsOk, 1100);
        QCOMPARE(s.peakConcurrency, 30);
        QSet<int> indices;
        for (const RequestRecord &r : records) {
            if (!r.warmup)
                indices.insert(r.index);
        }
        QCOMPARE(indices.size(), 1100);
    }

    void cancelKeepsFinishedRequests()
    {
        EmbeddedEndpointRunner endpoint;
        LatencyModel model = quickModel();
        model.generationMsPerToken = 20;
        QVERIFY(endpoint.start(model));
        StreamingClient client;
        client.setIoThreads(s_ioThreads);
        LoadRunner runner(&client);
        LoadConfig config = configFor(endpoint.baseUrl(), 40, 5);
        config.concurrency = 2;
        int finished = 0;
        connect(&runner, &LoadRunner::requestFinished, this, [&] {
            if (++finished == 4)
                runner.cancel();
        });
        const QList<RequestRecord> records = QCoro::waitFor(runner.run(config));
        QVERIFY(runner.wasCancelled());
        QCOMPARE_LT(records.size(), 40);
        const int ok = int(std::count_if(records.cbegin(), records.cend(), [](const RequestRecord &r) { return r.trace.ok(); }));
        QCOMPARE_GE(ok, 4);
        for (const RequestRecord &r : records)
            QVERIFY(r.trace.ok() || r.trace.error == ErrorClass::Cancelled);
        QCOMPARE(runner.summary().requestsOk, ok);
    }

    // Every fault the endpoint can inject, in half of the requests: each failure is classified
    // with a message, the partial text of streams cut short is kept, and the run carries on to
    // the last request.
    void everyFaultIsClassifiedAndTheRunGoesOn_data()
    {
        QTest::addColumn<int>("fault");
        QTest::addColumn<int>("expected"); // the error class of a failed request; -1: none fail
        QTest::addColumn<bool>("partialText");
        QTest::newRow("429") << int(EndpointFault::RateLimited) << int(ErrorClass::HttpStatus) << false;
        QTest::newRow("500") << int(EndpointFault::ServerError) << int(ErrorClass::HttpStatus) << false;
        QTest::newRow("reset") << int(EndpointFault::ResetMidStream) << int(ErrorClass::Reset) << true;
        QTest::newRow("truncate") << int(EndpointFault::Truncated) << int(ErrorClass::Reset) << true;
        QTest::newRow("stall") << int(EndpointFault::Stall) << int(ErrorClass::StallTimeout) << true;
        QTest::newRow("malformed") << int(EndpointFault::MalformedJson) << int(ErrorClass::MalformedStream) << true;
        QTest::newRow("error-event") << int(EndpointFault::ErrorEvent) << int(ErrorClass::ServerError) << true;
        QTest::newRow("tiny-reads") << int(EndpointFault::TinyReads) << -1 << false;
    }

    void everyFaultIsClassifiedAndTheRunGoesOn()
    {
        QFETCH(int, fault);
        QFETCH(int, expected);
        QFETCH(bool, partialText);
        EmbeddedEndpointRunner endpoint;
        QVERIFY(endpoint.start(quickModel(), EndpointFault(fault), 0.5));
        StreamingClient client;
        client.setIoThreads(s_ioThreads);
        LoadRunner runner(&client);
        QList<RequestRecord> records;
        connect(&runner, &LoadRunner::requestFinished, this, [&records](const RequestRecord &r) { records.append(r); });
        LoadConfig config = configFor(endpoint.baseUrl(), 16, 12);
        config.concurrency = 4;
        config.options.stallTimeoutMs = 300;
        QCoro::waitFor(runner.run(config));
        const RunSummary s = runner.summary();
        QCOMPARE(s.requestsOk + s.requestsFailed, 16);
        QCOMPARE(int(records.size()), 16);
        QCOMPARE_GT(s.requestsOk, 0);
        if (expected < 0) {
            QCOMPARE(s.requestsFailed, 0);
            return;
        }
        QCOMPARE_GT(s.requestsFailed, 0);
        QCOMPARE(s.failuresByClass.value(ErrorClass(expected)), s.requestsFailed);
        for (const RequestRecord &r : std::as_const(records)) {
            if (r.trace.ok())
                continue;
            QVERIFY(!r.trace.errorMessage.isEmpty());
            if (partialText)
                QVERIFY2(!r.trace.text.isEmpty(), qPrintable(r.trace.errorMessage));
        }
    }

    void failuresAreCountedAndTheRunGoesOn()
    {
        EmbeddedEndpointRunner endpoint;
        QVERIFY(endpoint.start(quickModel(), EndpointFault::ServerError, 0.5));
        StreamingClient client;
        client.setIoThreads(s_ioThreads);
        LoadRunner runner(&client);
        LoadConfig config = configFor(endpoint.baseUrl(), 30, 3);
        config.concurrency = 3;
        QCoro::waitFor(runner.run(config));
        const RunSummary s = runner.summary();
        QCOMPARE(s.requestsOk + s.requestsFailed, 30);
        QCOMPARE_GT(s.requestsFailed, 0);
        QCOMPARE_GT(s.requestsOk, 0);
        QCOMPARE(s.failuresByClass.value(ErrorClass::HttpStatus), s.requestsFailed);
    }
};

QTEST_GUILESS_MAIN(TestLoadRunner)
#include "tst_loadrunner.moc"
