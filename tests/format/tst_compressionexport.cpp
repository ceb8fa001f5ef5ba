// The figures of a prompt compression as JSON (tokenscope-cli compress --stats/--json), read
// back: characters, token counts with how they were counted, rules, repeats and truncation.
#include "format/compressionexport.h"

#include <QJsonDocument>
#include <QTest>

class TestCompressionExport : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void reportRoundTrip_data()
    {
        QTest::addColumn<bool>("truncate");
        QTest::newRow("compressed") << false;
        QTest::newRow("compressed and truncated") << true;
    }

    void reportRoundTrip()
    {
        QFETCH(bool, truncate);
        PromptCompressor compressor = PromptCompressor::preset(PromptCompressor::Preset::Chinese);
        CompressionRule broken;
        broken.name = QStringLiteral("broken pattern");
        broken.pattern = QStringLiteral("([");
        broken.regex = true;
        compressor.addRule(broken);
        compressor.setRemoveRepeatedSentences(true);
        const QString input
            = QStringLiteral("你好！请你帮我一个忙。首先，请你详细地解释一下什么是机器学习。\n"
                             "需要注意的是，我是一个初学者。\n需要注意的是，我是一个初学者。\n");
        const CompressionResult result = compressor.compress(input);
        const TokenCounter counter = TokenCounter::forEncoding(BpeEncodingId::Cl100kBase);
        QString output = result.text;
        std::optional<CompressionReport::Truncation> truncation;
        if (truncate) {
            const TruncationResult cut = Truncator::truncate(output, 12, TruncationStrategy::Head, counter);
            truncation = CompressionReport::Truncation { TruncationStrategies::name(TruncationStrategy::Head),
                                                         12, cut.truncated, cut.originalTokens, cut.tokens };
            output = cut.text;
        }
        const CompressionReport a
            = CompressionReport::of(input, compressor.rules(), result, output, counter, truncation);
        QVERIFY(a.repeatsRemoved > 0);
        QVERIFY(!a.rules.constLast().error.isEmpty()); // the broken rule says why it did not run

        const QJsonObject json = CompressionExport::reportJson(a);
        QString error;
        const auto b = CompressionExport::readReport(
            QJsonDocument::fromJson(QJsonDocument(json).toJson()).object(), &error);
        QVERIFY2(b, qPrintable(error));
        QCOMPARE(b->inputChars, a.inputChars);
        QCOMPARE(b->outputChars, a.outputChars);
        QCOMPARE(b->inputTokens.tokens, a.inputTokens.tokens);
        QCOMPARE(b->inputTokens.method, a.inputTokens.method);
        QCOMPARE(b->inputTokens.source, a.inputTokens.source);
        QCOMPARE(b->inputTokens.note, a.inputTokens.note);
        QCOMPARE(b->outputTokens.tokens, a.outputTokens.tokens);
        QCOMPARE(b->outputTokens.method, a.outputTokens.method);
        QCOMPARE(b->repeatsRemoved, a.repeatsRemoved);
        QCOMPARE(b->rules, a.rules);
        QCOMPARE(b->truncation, a.truncation);
        QCOMPARE(b->charReductionPercent(), a.charReductionPercent());
        QCOMPARE(b->tokenReductionPercent(), a.tokenReductionPercent());
        QCOMPARE(CompressionExport::reportJson(*b), json);
    }

    void countsSayHowTheyWereCounted_data()
    {
        QTest::addColumn<int>("method");
        QTest::newRow("exact") << int(CountMethod::Exact);
        QTest::newRow("endpoint") << int(CountMethod::Endpoint);
        QTest::newRow("estimate") << int(CountMethod::Estimate);
    }

    void countsSayHowTheyWereCounted()
    {
        QFETCH(int, method);
        TokenCount count;
        count.tokens = 1234;
        count.method = CountMethod(method);
        count.source = QStringLiteral("cl100k_base");
        count.note = QStringLiteral("rank file missing");
        const TokenCount back = CompressionExport::countFromJson(CompressionExport::countJson(count));
        QCOMPARE(back.tokens, count.tokens);
        QCOMPARE(back.method, count.method);
        QCOMPARE(back.source, count.source);
        QCOMPARE(back.note, count.note);
    }

    void refusesOtherDocuments()
    {
        QString error;
        QVERIFY(!CompressionExport::readReport(QJsonObject { { QStringLiteral("rules"), 1 } }, &error));
        QVERIFY(!error.isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestCompressionExport)
#include "tst_compressionexport.moc"
