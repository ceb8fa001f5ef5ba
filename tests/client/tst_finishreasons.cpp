// FinishReasons::label: the protocols' words for why a generation ended, as one translated
// label per meaning (the Live panel shows it beside "Done").
#include "client/requesttrace.h"

#include <QTest>

class TestFinishReasons : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void labels_data()
    {
        QTest::addColumn<QString>("reason");
        QTest::addColumn<QString>("label");
        QTest::newRow("openai stop") << QStringLiteral("stop") << QStringLiteral("end of answer");
        QTest::newRow("anthropic end_turn") << QStringLiteral("end_turn") << QStringLiteral("end of answer");
        QTest::newRow("gemini STOP") << QStringLiteral("STOP") << QStringLiteral("end of answer");
        QTest::newRow("openai length") << QStringLiteral("length") << QStringLiteral("token limit reached");
        QTest::newRow("anthropic max_tokens") << QStringLiteral("max_tokens") << QStringLiteral("token limit reached");
        QTest::newRow("tool_calls") << QStringLiteral("tool_calls") << QStringLiteral("tool call");
        QTest::newRow("content_filter") << QStringLiteral("content_filter") << QStringLiteral("content filter");
        QTest::newRow("unknown stays as sent") << QStringLiteral("eos_token") << QStringLiteral("eos_token");
        QTest::newRow("empty") << QString() << QString();
    }

    void labels()
    {
        QFETCH(QString, reason);
        QFETCH(QString, label);
        QCOMPARE(FinishReasons::label(reason), label);
    }
};

QTEST_GUILESS_MAIN(TestFinishReasons)
#include "tst_finishreasons.moc"
