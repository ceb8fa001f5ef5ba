// vLLM `bench serve --save-result --save-detailed` results read into a run: the same
// per-request figures vLLM measured, and its aggregates agree with ours.
#include "storage/historystore.h"
#include "storage/vllmimport.h"

#include <QFile>
#include <QTest>

namespace {

QByteArray sample()
{
    QFile f(QStringLiteral(TOKENSCOPE_TEST_DATA "/storage/vllm_bench_serve_detailed.json"));
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

} // namespace

class TestVllmImport : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void readsPerRequestDetails()
    {
        QString error;
        const auto run = VllmImport::read(sample(), &error);
        QVERIFY2(run, qPrintable(error));
        QCOMPARE(run->source, QStringLiteral("vllm"));
        QCOMPARE(run->records.size(), 4);
        QCOMPARE(run->settings.endpoint.model, QStringLiteral("Qwen/Qwen2.5-0.5B-Instruct"));
        QCOMPARE(run->settings.concurrency.value_or(0), 2);
        QCOMPARE(run->startedAt.toLocalTime(), QDateTime(QDate(2026, 1, 12), QTime(9, 30)));
        QCOMPARE(run->startedAt.msecsTo(run->endedAt), 412);

        const RequestRecord &first = run->records.at(0);
        QVERIFY(first.trace.ok());
        QCOMPARE(*first.metrics.ttftMs, 50.0);
        QCOMPARE(first.metrics.outputTokens, 4);
        QCOMPARE(*first.trace.usage.promptTokens, 12);
        QCOMPARE(first.metrics.itlMs.size(), 3);
        QCOMPARE(first.metrics.itlMs.at(1), 12.0);
        QCOMPARE(first.metrics.e2eMs, 83.0);
        QCOMPARE(*first.metrics.tpotMs, 11.0);
        QCOMPARE(first.trace.text, QStringLiteral("Hello there, friend!"));

        const RequestRecord &failed = run->records.at(2);
        QVERIFY(!failed.trace.ok());
        QCOMPARE(failed.trace.errorMessage, QStringLiteral("Bad Request: prompt too long"));
        QVERIFY(!failed.metrics.ttftMs);

        // Our statistics over the imported requests agree with vLLM's own.
        const RunSummary s = Metrics::summarize(run->records);
        QCOMPARE(s.requestsOk, 3);
        QCOMPARE(s.requestsFailed, 1);
        const QJsonObject vllm = run->settings.extra.value(QStringLiteral("vllm")).toObject();
        QVERIFY(qAbs(s.ttftMs.mean - vllm.value(QStringLiteral("mean_ttft_ms")).toDouble()) < 1e-6);
        QVERIFY(qAbs(s.tpotMs.mean - vllm.value(QStringLiteral("mean_tpot_ms")).toDouble()) < 1e-6);
        QVERIFY(qAbs(s.itlMs.mean - vllm.value(QStringLiteral("mean_itl_ms")).toDouble()) < 1e-6);
        QCOMPARE(s.totalOutputTokens, vllm.value(QStringLiteral("total_output_tokens")).toInteger());
    }

    void storesAndReopens()
    {
        const auto run = VllmImport::read(sample(), nullptr);
        QVERIFY(run);
        HistoryStore store;
        QVERIFY(store.open(QStringLiteral(":memory:")));
        const qint64 id = store.importRun(*run, { QStringLiteral("vllm-baseline") });
        QVERIFY2(id > 0, qPrintable(store.errorString()));
        const auto loaded = store.loadRun(id);
        QVERIFY(loaded);
        QCOMPARE(loaded->run.source, QStringLiteral("vllm"));
        QCOMPARE(loaded->run.status, RunStatus::Finished);
        QCOMPARE(loaded->run.protocol, QStringLiteral("openai-chat"));
        QCOMPARE(loaded->records.size(), 4);
        QCOMPARE(loaded->summary.requestsOk, 3);
        QCOMPARE(loaded->summary.peakConcurrency, 3); // all start at 0: vLLM keeps no send times
        QCOMPARE(*loaded->records.at(3).metrics.ttftMs, 60.0);
    }

    void rejectsBadInput_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<QString>("message");
        QTest::newRow("not json") << QByteArray("{\"ttfts\": [") << QStringLiteral("not JSON");
        QTest::newRow("summary only")
            << QByteArray("{\"duration\": 3, \"completed\": 4}") << QStringLiteral("--save-detailed");
        QTest::newRow("lengths differ")
            << QByteArray("{\"ttfts\": [0.1, 0.2], \"itls\": [[]], \"output_lens\": [1, 1]}")
            << QStringLiteral("different lengths");
        QTest::newRow("negative itl")
            << QByteArray("{\"ttfts\": [0.1], \"itls\": [[-0.5]], \"output_lens\": [2], \"errors\": [\"\"]}")
            << QStringLiteral("invalid inter-token latency");
        QTest::newRow("text itl") << QByteArray(
            "{\"ttfts\": [0.1], \"itls\": [[\"x\"]], \"output_lens\": [2]}")
                                  << QStringLiteral("invalid inter-token latency");
        QTest::newRow("success without ttft")
            << QByteArray("{\"ttfts\": [null], \"itls\": [[]], \"output_lens\": [3]}")
            << QStringLiteral("no time to first token");
    }

    void rejectsBadInput()
    {
        QFETCH(QByteArray, json);
        QFETCH(QString, message);
        QString error;
        QVERIFY(!VllmImport::read(json, &error));
        QVERIFY2(error.contains(message), qPrintable(error));
    }
};

QTEST_GUILESS_MAIN(TestVllmImport)
#include "tst_vllmimport.moc"
