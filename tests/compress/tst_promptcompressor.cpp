#include "compress/promptcompressor.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTemporaryDir>
#include <QTest>

class TestPromptCompressor : public QObject
{
    Q_OBJECT

    static CompressionRule literal(const QString &pattern, const QString &replacement)
    {
        return { pattern, pattern, replacement, false, true, false };
    }
    static CompressionRule regex(const QString &pattern, const QString &replacement)
    {
        return { pattern, pattern, replacement, true, true, false };
    }
    static PromptCompressor bare(const QList<CompressionRule> &rules)
    {
        PromptCompressor c;
        c.setRules(rules);
        c.setNormalizeWhitespace(false);
        c.setRemoveRepeatedLines(false);
        return c;
    }

private Q_SLOTS:
    void seedExampleCompressesAsItsRulesSay()
    {
        // The seed's rules: "请你" -> "", "首先," -> "1." (and the rest of the zh preset).
        const PromptCompressor zh = PromptCompressor::preset(PromptCompressor::Preset::Chinese);
        const QString prompt = QStringLiteral("请你首先,分析这段代码的性能瓶颈,其次,给出优化建议。谢谢！");
        const CompressionResult r = zh.compress(prompt);
        QCOMPARE(r.text, QStringLiteral("1.分析这段代码的性能瓶颈,2.给出优化建议。"));
        QCOMPARE(r.fires.at(0), 1); // 请你
        QVERIFY(r.reductionPercent() > 20);
        QVERIFY(r.ruleErrors.join(QString()).isEmpty());
    }

    void englishPreset()
    {
        const PromptCompressor en = PromptCompressor::preset(PromptCompressor::Preset::English);
        const CompressionResult r
            = en.compress(QStringLiteral("Could you please summarize this article in order to help me? "
                                         "Firstly, list the key points. Thank you!"));
        QCOMPARE(r.text, QStringLiteral("summarize this article to help me? 1. list the key points."));
    }

    void ruleOrderMatters()
    {
        const QString input = QStringLiteral("abc");
        const auto first = bare({ literal(QStringLiteral("ab"), QStringLiteral("x")),
                                  literal(QStringLiteral("xc"), QStringLiteral("y")) });
        QCOMPARE(first.compress(input).text, QStringLiteral("y"));
        const auto swapped = bare({ literal(QStringLiteral("xc"), QStringLiteral("y")),
                                    literal(QStringLiteral("ab"), QStringLiteral("x")) });
        const CompressionResult r = swapped.compress(input);
        QCOMPARE(r.text, QStringLiteral("xc"));
        QCOMPARE(r.fires, QList<int>({ 0, 1 }));
        // and the order is kept by the JSON round trip
        QString error;
        const auto loaded = PromptCompressor::fromJson(swapped.toJson(), &error);
        QVERIFY2(loaded, qPrintable(error));
        QCOMPARE(loaded->rules(), swapped.rules());
    }

    void regexGroups()
    {
        const auto c = bare({ regex(QStringLiteral("(\\d+)-(\\d+)"), QStringLiteral("$2..\\1")),
                              regex(QStringLiteral("(?<word>[a-z]+)!"), QStringLiteral("${word}")),
                              regex(QStringLiteral("cost"), QStringLiteral("$$5 \\\\")) });
        const CompressionResult r = c.compress(QStringLiteral("range 10-20 wow! cost"));
        QCOMPARE(r.text, QStringLiteral("range 20..10 wow $5 \\"));
        QCOMPARE(r.fires, QList<int>({ 1, 1, 1 }));
    }

    void invalidRegexReportedAtTheRule()
    {
        auto c = bare({ literal(QStringLiteral("a"), QStringLiteral("b")),
                        regex(QStringLiteral("(unclosed"), QString()),
                        literal(QStringLiteral("zz"), QStringLiteral("d")) });
        const QList<QString> errors = c.ruleErrors();
        QVERIFY(errors.at(0).isEmpty());
        QVERIFY(errors.at(1).contains(QLatin1String("offset")));
        QVERIFY(errors.at(2).isEmpty());
        const CompressionResult r = c.compress(QStringLiteral("a(unclosed zz"));
        QCOMPARE(r.text, QStringLiteral("b(unclosed d")); // the others still ran
        QCOMPARE(r.ruleErrors.at(1), errors.at(1));
        QCOMPARE(r.fires.at(1), 0);
    }

    void emptyInputIsFine()
    {
        const PromptCompressor zh = PromptCompressor::preset(PromptCompressor::Preset::Chinese);
        const CompressionResult r = zh.compress(QString());
        QCOMPARE(r.text, QString());
        QCOMPARE(r.charRatio(), 1.0);
        QCOMPARE(r.reductionPercent(), 0.0);
        QVERIFY(r.edits.isEmpty());
        const CompressionResult spaces = zh.compress(QStringLiteral("   \n\n "));
        QCOMPARE(spaces.text, QString());
        QCOMPARE(spaces.reductionPercent(), 100.0);
    }

    void disabledRuleDoesNothing()
    {
        auto rule = literal(QStringLiteral("a"), QStringLiteral("b"));
        rule.enabled = false;
        QCOMPARE(bare({ rule }).compress(QStringLiteral("aaa")).text, QStringLiteral("aaa"));
    }

    void editSpansPointAtChanges()
    {
        const auto c = bare({ literal(QStringLiteral("请你"), QString()),
                              literal(QStringLiteral("首先,"), QStringLiteral("1.")) });
        const QString input = QStringLiteral("请你首先,看");
        const CompressionResult r = c.compress(input);
        QCOMPARE(r.text, QStringLiteral("1.看"));
        // Adjacent changes are one span: "请你首先," became "1.".
        QCOMPARE(r.edits.size(), 1);
        QCOMPARE(r.edits.at(0).kind, EditSpan::Kind::Replaced);
        QCOMPARE(input.mid(r.edits.at(0).originalStart, r.edits.at(0).originalLength),
                 QStringLiteral("请你首先,"));
        QCOMPARE(r.text.mid(r.edits.at(0).outputStart, r.edits.at(0).outputLength), QStringLiteral("1."));
        // Apart, they are two: a removal and a replacement.
        const QString apart = QStringLiteral("请你看,首先,看");
        const CompressionResult two = c.compress(apart);
        QCOMPARE(two.text, QStringLiteral("看,1.看"));
        QCOMPARE(two.edits.size(), 2);
        QCOMPARE(two.edits.at(0).kind, EditSpan::Kind::Removed);
        QCOMPARE(apart.mid(two.edits.at(0).originalStart, two.edits.at(0).originalLength),
                 QStringLiteral("请你"));
        QCOMPARE(two.edits.at(1).kind, EditSpan::Kind::Replaced);
        QCOMPARE(apart.mid(two.edits.at(1).originalStart, two.edits.at(1).originalLength),
                 QStringLiteral("首先,"));
        QCOMPARE(two.text.mid(two.edits.at(1).outputStart, two.edits.at(1).outputLength),
                 QStringLiteral("1."));
    }

    void whitespaceAndRepeats()
    {
        PromptCompressor c;
        c.setRemoveRepeatedSentences(true);
        const QString input = QStringLiteral("  Hello   world.\t\tSame line.\r\nSame line.\n\n\n\nNew para   "
                                             "\n    indented code\nHello   world.\n");
        const CompressionResult r = c.compress(input);
        QCOMPARE(r.text, QStringLiteral("Hello world. Same line.\n\nNew para\n    indented code"));
        QVERIFY(r.repeatsRemoved >= 2);
        // Every removed span really is in the input, in order and without overlap.
        qsizetype last = 0;
        for (const EditSpan &e : r.edits) {
            QVERIFY(e.originalStart >= last);
            last = e.originalStart + e.originalLength;
            QVERIFY(last <= input.size());
        }
    }

    void jsonRoundTripAndErrors()
    {
        const PromptCompressor en = PromptCompressor::preset(PromptCompressor::Preset::English);
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("rules.json"));
        QString error;
        QVERIFY2(en.save(path, &error), qPrintable(error));
        const auto loaded = PromptCompressor::load(path, &error);
        QVERIFY2(loaded, qPrintable(error));
        QCOMPARE(loaded->rules(), en.rules());
        QCOMPARE(loaded->toJson(), en.toJson());

        QVERIFY(!PromptCompressor::fromJson(QJsonObject { { QStringLiteral("rules"), 3 } }, &error));
        QVERIFY(!PromptCompressor::fromJson(
            QJsonObject {
                { QStringLiteral("rules"), QJsonArray { QJsonObject { { QStringLiteral("name"), 1 } } } } },
            &error));
        QVERIFY(error.contains(QLatin1String("rule 1")));
        QVERIFY(!PromptCompressor::load(dir.filePath(QStringLiteral("missing.json")), &error));
        QFile bad(dir.filePath(QStringLiteral("bad.json")));
        QVERIFY(bad.open(QIODevice::WriteOnly));
        bad.write("{ not json");
        bad.close();
        QVERIFY(!PromptCompressor::load(bad.fileName(), &error));
        QVERIFY(!error.isEmpty());
    }

    void neverSplitsSurrogatePairs()
    {
        // A rule whose replacement shares half a surrogate pair with the match.
        const auto c = bare({ literal(QStringLiteral("😀"), QStringLiteral("😃")) });
        const CompressionResult r = c.compress(QStringLiteral("a😀b"));
        QCOMPARE(r.text, QStringLiteral("a😃b"));
        QCOMPARE(r.edits.size(), 1);
        QCOMPARE(r.edits.at(0).originalLength, 2);
    }
};

QTEST_GUILESS_MAIN(TestPromptCompressor)
#include "tst_promptcompressor.moc"
