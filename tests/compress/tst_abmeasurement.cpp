// A/B of an original against a compressed prompt on the embedded endpoint, whose latency
// model charges prefill per prompt token: the compressed prompt must measure fewer prompt
// tokens and a shorter prefill.
#include "compress/abmeasurement.h"
#include "compress/promptcompressor.h"
#include "endpoint/embeddedendpoint.h"

#include <QCoroTask>
#include <QSignalSpy>
#include <QTest>

class TestAbMeasurement : public QObject
{
    Q_OBJECT

    EmbeddedEndpointRunner m_endpoint;

    AbConfig config() const
    {
        AbConfig c;
        c.profile.name = QStringLiteral("embedded");
        c.profile.protocol = Protocol::OpenAIChat;
        c.profile.model = QStringLiteral("tokenscope-sim");
        c.profile.baseUrl = m_endpoint.baseUrl();
        c.profile.baseUrl.setPath(QStringLiteral("/v1"));
        c.profile.pricePerMInput = 2.5;
        c.profile.pricePerMOutput = 10;
        c.repetitions = 3;
        c.maxTokens = 8;
        return c;
    }

    static QString longPrompt()
    {
        QString text;
        for (int i = 0; i < 12; ++i)
            text += QStringLiteral("请你首先,仔细阅读下面的材料,然后帮我总结一下它的主要观点。谢谢！"
                                   "Please could you kindly summarize the key points in order to help me. ");
        return text + QStringLiteral("问题：延迟由哪些阶段组成？");
    }

private Q_SLOTS:
    void initTestCase()
    {
        LatencyModel m;
        m.networkMs = 1;
        m.promptMsPerToken = 0.5;
        m.inferenceMs = 2;
        m.generationMsPerToken = 1;
        m.postprocessMs = 1;
        m.jitter = 0;
        QVERIFY2(m_endpoint.start(m), qPrintable(m_endpoint.errorString()));
    }

    void compressedPromptIsCheaperAndFaster()
    {
        const QString original = longPrompt();
        PromptCompressor zh = PromptCompressor::preset(PromptCompressor::Preset::Chinese);
        const QList<CompressionRule> en = PromptCompressor::preset(PromptCompressor::Preset::English).rules();
        for (const CompressionRule &r : en)
            zh.addRule(r);
        zh.setRemoveRepeatedSentences(true);
        const QString compressed = zh.compress(original).text;
        QVERIFY(compressed.size() < original.size() / 3);

        AbMeasurement ab;
        QSignalSpy progress(&ab, &AbMeasurement::progress);
        const AbResult r = QCoro::waitFor(ab.run(config(), original, compressed));
        QCOMPARE(r.original.samples.size(), 3);
        QCOMPARE(r.compressed.samples.size(), 3);
        QCOMPARE(r.original.failures, 0);
        QCOMPARE(r.compressed.failures, 0);
        QCOMPARE(progress.constLast().at(0).toInt(), 6);
        QVERIFY(r.original.samples.first().promptTokensFromUsage);

        QVERIFY(r.compressed.promptTokens.mean < r.original.promptTokens.mean / 2);
        QVERIFY(r.compressed.cost.mean < r.original.cost.mean);
        // 0.5 ms per prompt token: the prefill difference is far above scheduling noise.
        const double prefillSaved = r.original.prefillMs.mean - r.compressed.prefillMs.mean;
        const double tokensSaved = r.original.promptTokens.mean - r.compressed.promptTokens.mean;
        QVERIFY2(prefillSaved > 0.25 * tokensSaved,
                 qPrintable(QStringLiteral("prefill %1 -> %2 ms for %3 fewer tokens")
                                .arg(r.original.prefillMs.mean)
                                .arg(r.compressed.prefillMs.mean)
                                .arg(tokensSaved)));
        QVERIFY(r.compressed.ttftMs.mean < r.original.ttftMs.mean);
        QVERIFY(AbResult::changePercent(r.original.ttftMs, r.compressed.ttftMs) < 0);
        QVERIFY(r.original.ttftMs.low <= r.original.ttftMs.mean
                && r.original.ttftMs.mean <= r.original.ttftMs.high);
        QVERIFY(r.similarity.mean >= 0 && r.similarity.mean <= 1);
        QCOMPARE(r.similarity.n, 3);
    }

    void sweepRowsFollowTheRatio()
    {
        AbMeasurement ab;
        AbConfig c = config();
        c.repetitions = 2;
        const QList<AbSweepRow> rows
            = QCoro::waitFor(ab.sweep(c, longPrompt(), { 0.25, 0.5, 0.75 }, TruncationStrategy::Middle));
        QCOMPARE(rows.size(), 4);
        QCOMPARE(rows.constLast().targetRatio, 1.0);
        for (qsizetype i = 0; i + 1 < rows.size(); ++i) {
            QVERIFY(rows.at(i).arm.countedPromptTokens <= rows.at(i).budget);
            QVERIFY(rows.at(i).arm.promptTokens.mean < rows.at(i + 1).arm.promptTokens.mean);
            QVERIFY(rows.at(i).arm.prefillMs.mean < rows.at(i + 1).arm.prefillMs.mean);
        }
    }

    void similarityMeasure()
    {
        QCOMPARE(AnswerSimilarity::dice(u"", u""), 1.0);
        QCOMPARE(AnswerSimilarity::dice(u"abc", u""), 0.0);
        QCOMPARE(AnswerSimilarity::dice(u"Hello  World", u"hello world"), 1.0);
        QCOMPARE(AnswerSimilarity::dice(u"night", u"nacht"), 0.25); // ht shared of 4 + 4 bigrams
        QVERIFY(AnswerSimilarity::dice(u"延迟由五个阶段组成", u"延迟由四个阶段组成") > 0.5);
        const MeanCi one = MeanCi::of({ 2.0 });
        QCOMPARE(one.low, 2.0);
        const MeanCi ci = MeanCi::of({ 1, 2, 3 });
        QCOMPARE(ci.mean, 2.0);
        QVERIFY(qAbs(ci.high - (2.0 + 4.303 / std::sqrt(3.0))) < 1e-9);
    }

    void cancelStopsEarly()
    {
        AbMeasurement ab;
        AbConfig c = config();
        c.repetitions = 50;
        connect(&ab, &AbMeasurement::progress, &ab, [&ab](int done, int) {
            if (done == 2)
                ab.cancel();
        });
        const AbResult r = QCoro::waitFor(ab.run(c, longPrompt(), QStringLiteral("short")));
        QVERIFY(r.cancelled);
        QVERIFY(r.original.samples.size() + r.compressed.samples.size() < 100);
    }
};

QTEST_GUILESS_MAIN(TestAbMeasurement)
#include "tst_abmeasurement.moc"
