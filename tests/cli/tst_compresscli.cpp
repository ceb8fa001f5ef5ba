// tokenscope-cli compress and tokens, run as a user would.
#include "../common/clirunner.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

namespace {

QProcessEnvironment withRanks()
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("TOKENSCOPE_TIKTOKEN_DIR"), QStringLiteral(TOKENSCOPE_TIKTOKEN_DIR));
    return env;
}

bool ranksPresent()
{
    return QFile::exists(QStringLiteral(TOKENSCOPE_TIKTOKEN_DIR "/cl100k_base.json"))
        && QFile::exists(QStringLiteral(TOKENSCOPE_TIKTOKEN_DIR "/o200k_base.json"));
}

} // namespace

class TestCompressCli : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;

    QString write(const QString &name, const QByteArray &bytes)
    {
        QFile f(m_dir.filePath(name));
        if (!f.open(QIODevice::WriteOnly))
            return {};
        f.write(bytes);
        return f.fileName();
    }

    void requireRanks()
    {
        if (ranksPresent())
            return;
        if (qEnvironmentVariableIntValue("TOKENSCOPE_REQUIRE_TIKTOKEN") == 1)
            QFAIL("the tiktoken rank files are missing");
        QSKIP("the tiktoken rank files are missing");
    }

private Q_SLOTS:
    void zhPresetWithStats()
    {
        requireRanks();
        const QString prompt
            = write(QStringLiteral("p.txt"),
                    QStringLiteral("请你首先,分析这段代码的性能瓶颈,其次,给出优化建议。谢谢！\n").toUtf8());
        const QString json = m_dir.filePath(QStringLiteral("stats.json"));
        const CliOutcome o
            = runTokenscopeCli({ QStringLiteral("compress"), QStringLiteral("--preset"), QStringLiteral("zh"),
                                 QStringLiteral("--stats"), QStringLiteral("--json"), json, prompt },
                               60'000, withRanks());
        QVERIFY2(o.exitCode == 0, o.err.constData());
        // Numbered in order, the comma before each number gone.
        QCOMPARE(QString::fromUtf8(o.out), QStringLiteral("1.分析这段代码的性能瓶颈2.给出优化建议。"));
        const QJsonObject stats = QJsonDocument::fromJson(o.err).object();
        QVERIFY2(!stats.isEmpty(), o.err.constData());
        QFile file(json);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QCOMPARE(QJsonDocument::fromJson(file.readAll()).object(), stats);
        const QJsonObject before = stats.value(QLatin1String("input_tokens")).toObject();
        const QJsonObject after = stats.value(QLatin1String("output_tokens")).toObject();
        QCOMPARE(before.value(QLatin1String("method")).toString(), QStringLiteral("exact"));
        QCOMPARE(before.value(QLatin1String("source")).toString(), QStringLiteral("cl100k_base"));
        QVERIFY(after.value(QLatin1String("tokens")).toInt() < before.value(QLatin1String("tokens")).toInt());
        QCOMPARE(stats.value(QLatin1String("rules"))
                     .toArray()
                     .at(0)
                     .toObject()
                     .value(QLatin1String("fires"))
                     .toInt(),
                 1);
    }

    void referencePresetReproducesTheChapter()
    {
        // The chapter's verbose prompt through its own rules: 65 -> 51 characters (-21.5%),
        // shown beside the exact tokens with the chapter's two-characters-a-token guess.
        requireRanks();
        const QString prompt = write(QStringLiteral("chapter.txt"),
                                     QStringLiteral("\n请你帮我分析以下是一段代码,你需要首先,理解代码的功能,其次,找出潜在的问题,"
                                                    "最后,给出改进建议。\n请注意代码的性能和可读性。\n")
                                         .toUtf8());
        const CliOutcome o = runTokenscopeCli(
            { QStringLiteral("compress"), QStringLiteral("--preset"), QStringLiteral("reference"),
              QStringLiteral("--stats"), prompt },
            60'000, withRanks());
        QVERIFY2(o.exitCode == 0, o.err.constData());
        QCOMPARE(QString::fromUtf8(o.out),
                 QStringLiteral("帮我分析一段代码,1.理解代码的功能,2.找出潜在的问题,3.给出改进建议。\n注意代码的性能和可读性。"));
        const QJsonObject stats = QJsonDocument::fromJson(o.err).object();
        QVERIFY2(!stats.isEmpty(), o.err.constData());
        QCOMPARE(stats.value(QLatin1String("input_chars")).toInt(), 65);
        QCOMPARE(stats.value(QLatin1String("output_chars")).toInt(), 51);
        QCOMPARE(QString::number(stats.value(QLatin1String("char_reduction_percent")).toDouble(), 'f', 1),
                 QStringLiteral("21.5"));
        const QJsonObject guess = stats.value(QLatin1String("typical_guess")).toObject();
        QCOMPARE(guess.value(QLatin1String("chars_per_token")).toInt(), 2);
        QCOMPARE(guess.value(QLatin1String("input_tokens")).toInt(), 32);
        QCOMPARE(guess.value(QLatin1String("output_tokens")).toInt(), 25);
        // The exact count is there too, and differs from the guess.
        const int exact = stats.value(QLatin1String("input_tokens")).toObject().value(QLatin1String("tokens")).toInt();
        QVERIFY(exact > 0);
        QVERIFY(exact != 32);
    }

    void budgetFitsForEveryStrategy()
    {
        requireRanks();
        QByteArray text;
        for (int i = 0; i < 40; ++i)
            text += "大型语言模型的推理延迟由五个阶段组成。Each phase can be measured 😀 on its own. ";
        const QString prompt = write(QStringLiteral("long.txt"), text);
        for (const char *strategy : { "head", "tail", "middle", "sentence" }) {
            const CliOutcome o = runTokenscopeCli(
                { QStringLiteral("compress"), QStringLiteral("--budget"), QStringLiteral("50"),
                  QStringLiteral("--strategy"), QString::fromLatin1(strategy), QStringLiteral("--encoding"),
                  QStringLiteral("o200k_base"), QStringLiteral("--stats"), prompt },
                60'000, withRanks());
            QVERIFY2(o.exitCode == 0, o.err.constData());
            const QJsonObject t
                = QJsonDocument::fromJson(o.err).object().value(QLatin1String("truncation")).toObject();
            QVERIFY2(t.value(QLatin1String("truncated")).toBool(), o.err.constData());
            QVERIFY(t.value(QLatin1String("tokens_after")).toInt() <= 50);
            QVERIFY(QString::fromUtf8(o.out).contains(QStringLiteral("…")));
            // Valid UTF-8 throughout: nothing was cut inside a character.
            QCOMPARE(QString::fromUtf8(o.out).toUtf8(), o.out);
        }
    }

    void tokensCommand()
    {
        requireRanks();
        const QString text = write(QStringLiteral("t.txt"), "hello world");
        const CliOutcome o = runTokenscopeCli(
            { QStringLiteral("tokens"), QStringLiteral("--json"), QStringLiteral("--ids"), text }, 60'000,
            withRanks());
        QVERIFY2(o.exitCode == 0, o.err.constData());
        const QJsonObject r = QJsonDocument::fromJson(o.out).object();
        QCOMPARE(r.value(QLatin1String("tokens")).toInt(), 2);
        QCOMPARE(r.value(QLatin1String("method")).toString(), QStringLiteral("exact"));
        QCOMPARE(r.value(QLatin1String("ids")).toArray(), QJsonArray({ 15339, 1917 })); // tiktoken's ids
    }

    void badInputIsAClearError_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<int>("exitCode");
        QTest::addColumn<QString>("message");
        const QString ok = write(QStringLiteral("ok.txt"), "text");
        const QString invalid = write(QStringLiteral("bad.txt"), QByteArray("ab\xff\xfe", 4));
        const QString badRules = write(QStringLiteral("rules.json"), "{ nope");
        QTest::newRow("invalid utf-8")
            << QStringList { QStringLiteral("tokens"), invalid } << 1 << QStringLiteral("UTF-8");
        QTest::newRow("missing file")
            << QStringList { QStringLiteral("compress"), m_dir.filePath(QStringLiteral("none")) } << 1
            << QStringLiteral("cannot read");
        QTest::newRow("bad rules") << QStringList { QStringLiteral("compress"), QStringLiteral("--rules"),
                                                    badRules, ok }
                                   << 2 << QStringLiteral("not a rule set");
        QTest::newRow("unknown preset")
            << QStringList { QStringLiteral("compress"), QStringLiteral("--preset"), QStringLiteral("fr"),
                             ok }
            << 2 << QStringLiteral("unknown preset");
        QTest::newRow("unknown strategy")
            << QStringList { QStringLiteral("compress"),   QStringLiteral("--budget"), QStringLiteral("5"),
                             QStringLiteral("--strategy"), QStringLiteral("sideways"), ok }
            << 2 << QStringLiteral("unknown strategy");
        QTest::newRow("unknown encoding")
            << QStringList { QStringLiteral("tokens"), QStringLiteral("--encoding"), QStringLiteral("p50k"),
                             ok }
            << 2 << QStringLiteral("unknown encoding");
        QTest::newRow("no file") << QStringList { QStringLiteral("compress") } << 2
                                 << QStringLiteral("one FILE");
    }
    void badInputIsAClearError()
    {
        QFETCH(QStringList, args);
        QFETCH(int, exitCode);
        QFETCH(QString, message);
        const CliOutcome o = runTokenscopeCli(args);
        QCOMPARE(o.exitCode, exitCode);
        QVERIFY2(QString::fromUtf8(o.err).contains(message), o.err.constData());
    }

    void invalidRegexRuleIsReportedAndSkipped()
    {
        const QString rules = write(QStringLiteral("r.json"),
                                    "{\"version\":1,\"rules\":["
                                    "{\"name\":\"broken\",\"pattern\":\"(oops\",\"regex\":true},"
                                    "{\"name\":\"drop x\",\"pattern\":\"x\",\"replacement\":\"\"}]}");
        const QString text = write(QStringLiteral("x.txt"), "axbxc");
        const CliOutcome o
            = runTokenscopeCli({ QStringLiteral("compress"), QStringLiteral("--rules"), rules, text });
        QCOMPARE(o.exitCode, 0);
        QCOMPARE(o.out, QByteArray("abc"));
        QVERIFY2(o.err.contains("rule 1 \"broken\""), o.err.constData());
    }
};

QTEST_GUILESS_MAIN(TestCompressCli)
#include "tst_compresscli.moc"
