// A request's chunks kept compact: what goes in comes out (times, texts, token counts, flags),
// edits keep the rest, copies share, and a chunk costs 16 bytes besides its text.
#include "client/requesttrace.h"

#include <QTest>

class TestChunkList : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void whatGoesInComesOut()
    {
        ChunkList list { { 10, QStringLiteral("Hel"), 1, false, false },
                         { 20, QStringLiteral("lo, 世界"), 3, true, false },
                         { 30, QString(), 1, false, true },
                         { 45, QStringLiteral("🙂!"), 2, true, true } };
        QCOMPARE(list.size(), 4);
        QCOMPARE(list.at(1).text, QStringLiteral("lo, 世界"));
        QCOMPARE(list.textAt(2), QStringView());
        QCOMPARE(list.textAt(3), QStringView(u"🙂!"));
        QCOMPARE(list.tokensAt(1), 3);
        QVERIFY(list.tokensFromServerAt(1));
        QVERIFY(!list.reasoningAt(1));
        QVERIFY(list.reasoningAt(2));
        QCOMPARE(list.constLast().tNs, 45);
        QCOMPARE(list.constFirst().text, QStringLiteral("Hel"));
        QString joined;
        qint64 tokens = 0;
        for (const TraceChunk &c : list) {
            joined += c.text;
            tokens += c.tokens;
        }
        QCOMPARE(joined, QStringLiteral("Hello, 世界🙂!"));
        QCOMPARE(tokens, 7);
        QCOMPARE(std::distance(list.begin(), list.end()), 4);
        // A count beyond the field is clamped, never wrapped into the flags.
        list.append(50, u"x", qint64(1) << 40, false, false);
        QCOMPARE(list.tokensAt(4), qint64(0x3fffffff));
        QVERIFY(!list.tokensFromServerAt(4) && !list.reasoningAt(4));
    }

    void editsKeepTheRest()
    {
        ChunkList list { { 10, QStringLiteral("a"), 1, false, true }, { 20, QStringLiteral("bb"), 1, false, false } };
        const ChunkList copy = list; // shares until written
        list.setTokensAt(0, 5, true);
        QCOMPARE(list.tokensAt(0), 5);
        QVERIFY(list.reasoningAt(0)); // kept
        list.setReasoningAt(0, false);
        QVERIFY(!list.reasoningAt(0));
        QCOMPARE(list.tokensAt(0), 5);
        list.setTimeAt(1, 25);
        list.shiftTimes(100);
        QCOMPARE(list.timeAt(0), 110);
        QCOMPARE(list.timeAt(1), 125);
        list.transformTexts([](const QString &t) { return t == u"bb" ? QStringLiteral("[redacted]") : t; });
        QCOMPARE(list.at(1).text, QStringLiteral("[redacted]"));
        QCOMPARE(list.at(0).text, QStringLiteral("a"));
        QCOMPARE(list.tokensAt(0), 5);
        // The copy did not change.
        QCOMPARE(copy.timeAt(0), 10);
        QCOMPARE(copy.at(1).text, QStringLiteral("bb"));
        QVERIFY(!(copy == list));
        ChunkList again { { 10, QStringLiteral("a"), 1, false, true }, { 20, QStringLiteral("bb"), 1, false, false } };
        QVERIFY(copy == again);
        list.clear();
        QVERIFY(list.isEmpty());
    }

    void sixteenBytesAChunkBesidesItsText()
    {
        ChunkList list;
        constexpr int n = 100'000;
        list.reserve(n, 4 * n);
        for (int i = 0; i < n; ++i)
            list.append(i, u"tok ", 1, false, false);
        // 16 bytes of time, count and flags, and the text itself (4 UTF-16 units = 8 bytes).
        QVERIFY(list.memoryBytes() >= qsizetype(n) * (16 + 8));
        QVERIFY2(list.memoryBytes() <= qsizetype(n) * (16 + 8) * 101 / 100, qPrintable(QString::number(list.memoryBytes())));
    }
};

QTEST_GUILESS_MAIN(TestChunkList)
#include "tst_chunklist.moc"
