#include "../tokenize/tiktokenpath.h"
#include "compress/truncation.h"

#include <QTest>

class TestTruncation : public QObject
{
    Q_OBJECT

    static QString sample(const QString &kind)
    {
        QString seed;
        if (kind == QLatin1String("chinese"))
            seed = QStringLiteral(
                "大型语言模型的推理延迟由五个阶段组成。每个阶段都可以单独测量！为什么首个令牌这么慢？");
        else if (kind == QLatin1String("emoji"))
            seed = QStringLiteral(
                "😀👍🏽 family 👨‍👩‍👧‍👦 flags 🇨🇳🇺🇸 ✨. ");
        else if (kind == QLatin1String("english"))
            seed = QStringLiteral("The quick brown fox jumps over the lazy dog. It isn't slow! ");
        else
            seed = QStringLiteral("混合 mixed 文本😀 with numbers 12345。Next sentence here. ");
        QString text;
        for (int i = 0; i < 30; ++i)
            text += seed;
        return text + QStringLiteral("最后的问题是什么？");
    }

    static void checkResult(const QString &input, const TruncationResult &r, qint64 budget,
                            TruncationStrategy strategy, const TokenCounter &counter)
    {
        QVERIFY2(r.tokens <= budget,
                 qPrintable(QStringLiteral("%1 tokens > budget %2").arg(r.tokens).arg(budget)));
        QCOMPARE(r.tokens, counter.tokens(r.text)); // the reported count is the real one
        for (qsizetype i = 0; i < r.text.size(); ++i) {
            const QChar c = r.text.at(i);
            if (c.isHighSurrogate())
                QVERIFY2(i + 1 < r.text.size() && r.text.at(i + 1).isLowSurrogate(), "lone high surrogate");
            if (c.isLowSurrogate())
                QVERIFY2(i > 0 && r.text.at(i - 1).isHighSurrogate(), "lone low surrogate");
        }
        QVERIFY(r.truncated);
        if (!r.text.isEmpty())
            QVERIFY(r.text.contains(Truncator::defaultMarker()));
        const QString marker = Truncator::defaultMarker();
        if (strategy == TruncationStrategy::Head && r.text.size() > marker.size()) {
            QVERIFY(r.text.endsWith(marker));
            QVERIFY(input.startsWith(r.text.chopped(marker.size())));
        }
        if (strategy == TruncationStrategy::Tail && r.text.size() > marker.size()) {
            QVERIFY(r.text.startsWith(marker));
            QVERIFY(input.endsWith(r.text.mid(marker.size())));
        }
        if (strategy == TruncationStrategy::Middle && r.text.size() > marker.size()) {
            const qsizetype at = r.text.indexOf(marker);
            QVERIFY(input.startsWith(r.text.left(at)));
            QVERIFY(input.endsWith(r.text.mid(at + marker.size())));
        }
        // The UTF-8 form is valid: round-trips unchanged.
        QCOMPARE(QString::fromUtf8(r.text.toUtf8()), r.text);
    }

    void runMatrix(const TokenCounter &counter)
    {
        for (const QString &kind : { QStringLiteral("chinese"), QStringLiteral("emoji"),
                                     QStringLiteral("english"), QStringLiteral("mixed") }) {
            const QString input = sample(kind);
            const qint64 total = counter.tokens(input);
            for (TruncationStrategy strategy : TruncationStrategies::all()) {
                for (qint64 budget : { qint64(0), qint64(1), qint64(2), qint64(3), qint64(7), qint64(50),
                                       total / 3, total - 1 }) {
                    const TruncationResult r = Truncator::truncate(input, budget, strategy, counter);
                    QCOMPARE(r.originalTokens, total);
                    checkResult(input, r, budget, strategy, counter);
                    if (QTest::currentTestFailed()) {
                        qWarning() << kind << TruncationStrategies::name(strategy) << budget << r.text;
                        return;
                    }
                }
                const TruncationResult whole = Truncator::truncate(input, total, strategy, counter);
                QVERIFY(!whole.truncated);
                QCOMPARE(whole.text, input);
            }
        }
    }

private Q_SLOTS:
    void exactCounterEveryStrategy()
    {
        REQUIRE_ENCODING(enc, BpeEncodingId::Cl100kBase);
        runMatrix(TokenCounter(enc));
    }

    void o200kEveryStrategy()
    {
        REQUIRE_ENCODING(enc, BpeEncodingId::O200kBase);
        runMatrix(TokenCounter(enc));
    }

    void estimatorEveryStrategy() { runMatrix(TokenCounter()); }

    void typicalStrategiesByExactTokens()
    {
        // The typical truncation: a 2,000-token budget; "head" keeps the beginning and marks the
        // cut at the end, "tail" keeps the end and marks it at the start, "middle" keeps half
        // from each end around the mark. Here by exact tokens, where the typical sketch
        // guesses two characters a token.
        REQUIRE_ENCODING(enc, BpeEncodingId::Cl100kBase);
        const TokenCounter counter(enc);
        QString context;
        for (int i = 0; context.size() < 12'000; ++i)
            context += QStringLiteral("第%1段：大型语言模型的推理延迟来自网络、预填充、推理、生成和后处理。").arg(i);
        const qint64 total = counter.tokens(context);
        QVERIFY(total > 4000);
        const qint64 budget = 2000;
        const QString marker = Truncator::defaultMarker();

        const TruncationResult head = Truncator::truncate(context, budget, TruncationStrategy::Head, counter);
        QVERIFY(head.truncated);
        QCOMPARE(head.tokens, counter.tokens(head.text));
        QVERIFY(head.tokens <= budget && head.tokens >= budget - 10);
        QVERIFY(head.text.endsWith(marker));
        QVERIFY(context.startsWith(head.text.chopped(marker.size())));

        const TruncationResult tail = Truncator::truncate(context, budget, TruncationStrategy::Tail, counter);
        QVERIFY(tail.tokens <= budget && tail.tokens >= budget - 10);
        QVERIFY(tail.text.startsWith(marker));
        QVERIFY(context.endsWith(tail.text.mid(marker.size())));

        const TruncationResult middle = Truncator::truncate(context, budget, TruncationStrategy::Middle, counter);
        QVERIFY(middle.tokens <= budget && middle.tokens >= budget - 10);
        const qsizetype at = middle.text.indexOf(marker);
        QVERIFY(at > 0);
        const qint64 front = counter.tokens(middle.text.left(at));
        const qint64 back = counter.tokens(middle.text.mid(at + marker.size()));
        QVERIFY(context.startsWith(middle.text.left(at)));
        QVERIFY(context.endsWith(middle.text.mid(at + marker.size())));
        QVERIFY2(qAbs(front - back) <= budget / 20, qPrintable(QStringLiteral("%1 vs %2").arg(front).arg(back)));
        // The typical guess would have kept 4,000 characters: how far that is from 2,000 tokens.
        QVERIFY(counter.tokens(context.left(budget * 2)) != budget);
    }

    void sentencesKeepWholeSentencesAndTheQuestion()
    {
        REQUIRE_ENCODING(enc, BpeEncodingId::Cl100kBase);
        const TokenCounter counter(enc);
        const QString input = QStringLiteral("First sentence is here. Second one is longer than the first. "
                                             "Third sentence. What is the question?");
        const TruncationResult r = Truncator::truncate(input, 14, TruncationStrategy::Sentences, counter);
        QVERIFY(r.tokens <= 14);
        QVERIFY2(r.text.endsWith(QLatin1String("What is the question?")), qPrintable(r.text));
        QVERIFY2(r.text.startsWith(QLatin1String("First sentence is here. ")), qPrintable(r.text));
        QVERIFY(!r.text.contains(QLatin1String("Second")));
    }

    void strategyNames()
    {
        for (TruncationStrategy s : TruncationStrategies::all())
            QCOMPARE(TruncationStrategies::fromName(TruncationStrategies::name(s)), s);
        QVERIFY(!TruncationStrategies::fromName(u"sideways"));
    }
};

QTEST_GUILESS_MAIN(TestTruncation)
#include "tst_truncation.moc"
