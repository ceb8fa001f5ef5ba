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
    void referencePresetHoldsTheChaptersRules()
    {
        // The chapter's nine rules, literally and in its order; the last one, printed as a
        // space for a space, applied as what it means (two or more spaces become one).
        const QList<CompressionRule> rules = PromptCompressor::preset(PromptCompressor::Preset::Reference).rules();
        const QList<QPair<QString, QString>> chapter = {
            { QStringLiteral("请你"), QString() },          { QStringLiteral("请注意"), QStringLiteral("注意") },
            { QStringLiteral("你需要"), QString() },        { QStringLiteral("以下是"), QString() },
            { QStringLiteral("首先,"), QStringLiteral("1.") }, { QStringLiteral("其次,"), QStringLiteral("2.") },
            { QStringLiteral("最后,"), QStringLiteral("3.") }, { QStringLiteral("\n\n\n"), QStringLiteral("\n\n") },
        };
        QCOMPARE(rules.size(), 9);
        for (qsizetype i = 0; i < chapter.size(); ++i) {
            QCOMPARE(rules.at(i).pattern, chapter.at(i).first);
            QCOMPARE(rules.at(i).replacement, chapter.at(i).second);
            QVERIFY(!rules.at(i).regex);
        }
        QVERIFY(rules.at(8).name.contains(QLatin1String("two or more spaces")));
        const PromptCompressor reference = PromptCompressor::preset(PromptCompressor::Preset::Reference);
        QCOMPARE(reference.compress(QStringLiteral("a  b     c")).text, QStringLiteral("a b c"));
        QCOMPARE(PromptCompressor::presetFromName(u"reference"), PromptCompressor::Preset::Reference);
    }

    void referencePresetReproducesTheChaptersExample()
    {
        // The chapter's verbose prompt (a triple-quoted string: a line break at each end).
        const QString prompt = QStringLiteral("\n请你帮我分析以下是一段代码,你需要首先,理解代码的功能,其次,找出潜在的问题,"
                                              "最后,给出改进建议。\n请注意代码的性能和可读性。\n");
        const CompressionResult r = PromptCompressor::preset(PromptCompressor::Preset::Reference).compress(prompt);
        QCOMPARE(r.text, QStringLiteral("帮我分析一段代码,1.理解代码的功能,2.找出潜在的问题,3.给出改进建议。\n"
                                        "注意代码的性能和可读性。"));
        QCOMPARE(r.originalChars, 65);
        QCOMPARE(r.compressedChars, 51);
        QCOMPARE(QString::number(r.reductionPercent(), 'f', 1), QStringLiteral("21.5"));
        // The chapter's guess of two characters a token.
        QCOMPARE(PromptCompressor::typicalTokenGuess(r.originalChars), 32);
        QCOMPARE(PromptCompressor::typicalTokenGuess(r.compressedChars), 25);
    }

    void zhPresetNumbersEnumerationsInOrder()
    {
        // 首先/其次/最后 become 1./2./3. in the order they appear (最后 after 其次 is 3., not
        // 4.), and the comma before each number goes.
        const PromptCompressor zh = PromptCompressor::preset(PromptCompressor::Preset::Chinese);
        QCOMPARE(zh.compress(QStringLiteral("分析代码，首先，理解功能，其次，找出问题，最后，给出建议。")).text,
                 QStringLiteral("分析代码1.理解功能2.找出问题3.给出建议。"));
        QCOMPARE(zh.compress(QStringLiteral("首先，读题，然后，作答，再次，检查，最后，交卷。")).text,
                 QStringLiteral("1.读题2.作答3.检查4.交卷。"));
        // 首先 starts a new list, and so does a blank line.
        QCOMPARE(zh.compress(QStringLiteral("首先,甲,最后,乙。首先,丙,其次,丁。")).text,
                 QStringLiteral("1.甲2.乙。1.丙2.丁。"));
        QCOMPARE(zh.compress(QStringLiteral("首先,甲,最后,乙。\n\n首先,丙,其次,丁。")).text,
                 QStringLiteral("1.甲2.乙。\n\n1.丙2.丁。"));
    }

    void zhPresetKeepsTheTypicalRules()
    {
        // "请你" -> "", enumerations numbered (and the rest of the zh preset).
        const PromptCompressor zh = PromptCompressor::preset(PromptCompressor::Preset::Chinese);
        const QString prompt = QStringLiteral("请你首先,分析这段代码的性能瓶颈,其次,给出优化建议。谢谢！");
        const CompressionResult r = zh.compress(prompt);
        QCOMPARE(r.text, QStringLiteral("1.分析这段代码的性能瓶颈2.给出优化建议。"));
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

    void regexOrdinals()
    {
        const auto c = bare({ regex(QStringLiteral("\\* "), QStringLiteral("${#}) ")) });
        QCOMPARE(c.compress(QStringLiteral("* a\n* b\n* c\n\n* d")).text, QStringLiteral("1) a\n2) b\n3) c\n\n1) d"));
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
