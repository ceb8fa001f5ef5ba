#include "decoderharness.h"

#include "wire/ndjsondecoder.h"

#include <QTest>

namespace {

using Events = QList<WireEvent>;

WireEvent line(const QByteArray &data)
{
    return WireEvent{QByteArray(), data, QByteArray()};
}

constexpr qsizetype Limit = 1024;

std::unique_ptr<StreamDecoder> makeNdjson()
{
    return std::make_unique<NdjsonDecoder>();
}

std::unique_ptr<StreamDecoder> makeLimitedNdjson()
{
    return std::make_unique<NdjsonDecoder>(Limit);
}

} // namespace

class TestNdjsonDecoder : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void events_data();
    void events();
    void utf8SplitAnywhere();
    void lineOverLimit_data();
    void lineOverLimit();
    void exactlyAtLimit();
    void inputAfterErrorIgnored();
};

void TestNdjsonDecoder::events_data()
{
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<Events>("expected");

    QTest::newRow("one line") << QByteArray("{\"a\":1}\n") << Events{line("{\"a\":1}")};
    QTest::newRow("two lines") << QByteArray("{\"a\":1}\n{\"b\":2}\n")
                               << Events{line("{\"a\":1}"), line("{\"b\":2}")};
    QTest::newRow("crlf") << QByteArray("{\"a\":1}\r\n{\"b\":2}\r\n")
                          << Events{line("{\"a\":1}"), line("{\"b\":2}")};
    QTest::newRow("only one cr stripped") << QByteArray("a\r\r\n") << Events{line("a\r")};
    QTest::newRow("lone cr is not a line end") << QByteArray("a\rb\n") << Events{line("a\rb")};
    QTest::newRow("blank lines skipped") << QByteArray("\n\na\n\n\nb\n\n")
                                         << Events{line("a"), line("b")};
    QTest::newRow("whitespace-only lines skipped")
        << QByteArray(" \n\t\n \r\n\r\na\n  \t \r\n") << Events{line("a")};
    QTest::newRow("inner whitespace kept") << QByteArray("  {\"a\": 1}  \n")
                                           << Events{line("  {\"a\": 1}  ")};
    QTest::newRow("unterminated last line emitted")
        << QByteArray("a\nb") << Events{line("a"), line("b")};
    QTest::newRow("unterminated last line with cr")
        << QByteArray("a\nb\r") << Events{line("a"), line("b")};
    QTest::newRow("unterminated blank last line") << QByteArray("a\n  \t") << Events{line("a")};
    QTest::newRow("empty stream") << QByteArray() << Events{};
    QTest::newRow("NUL kept") << rawBytes("a\0b\n") << Events{line(rawBytes("a\0b"))};
    QTest::newRow("not parsed as json") << QByteArray("not json\n[1,2]\n")
                                        << Events{line("not json"), line("[1,2]")};
    QTest::newRow("ollama chunks")
        << QByteArray("{\"model\":\"m\",\"message\":{\"role\":\"assistant\",\"content\":\"Hi\"},"
                      "\"done\":false}\n"
                      "{\"model\":\"m\",\"done\":true,\"eval_count\":2}\n")
        << Events{line("{\"model\":\"m\",\"message\":{\"role\":\"assistant\",\"content\":\"Hi\"},"
                       "\"done\":false}"),
                  line("{\"model\":\"m\",\"done\":true,\"eval_count\":2}")};
}

void TestNdjsonDecoder::events()
{
    QFETCH(QByteArray, input);
    QFETCH(Events, expected);
    checkEverySplit(makeNdjson, input, expected);
}

void TestNdjsonDecoder::utf8SplitAnywhere()
{
    const QString first = QStringLiteral("{\"content\":\"你好，世界 🌍🚀\"}");
    const QString second = QStringLiteral("{\"content\":\"👩‍💻 naïve ✓\"}");
    const QByteArray input = first.toUtf8() + "\r\n" + second.toUtf8();
    checkEverySplit(makeNdjson, input, Events{line(first.toUtf8()), line(second.toUtf8())});
}

void TestNdjsonDecoder::lineOverLimit_data()
{
    QTest::addColumn<QByteArray>("input");
    const QByteArray big(2000, 'x');
    QTest::newRow("unterminated") << big;
    QTest::newRow("terminated") << QByteArray(big + '\n');
    QTest::newRow("after a good line") << QByteArray("{}\n" + big + "\n{}\n");
    QTest::newRow("whitespace") << QByteArray(2000, ' ');
}

void TestNdjsonDecoder::lineOverLimit()
{
    QFETCH(QByteArray, input);
    for (const qsizetype piece : {qsizetype(1), qsizetype(7), qsizetype(512), input.size()}) {
        NdjsonDecoder decoder(Limit);
        QList<WireEvent> out;
        bool ok = true;
        for (qsizetype at = 0; at < input.size() && ok; at += piece) {
            const auto chunk = QByteArrayView(input).sliced(at, qMin(piece, input.size() - at));
            ok = decoder.feed(chunk, out);
            QVERIFY(decoder.bufferedBytes() <= Limit + 1);
        }
        QVERIFY2(!ok, "the decoder accepted a line over the limit");
        QCOMPARE(decoder.errorString(), QStringLiteral("NDJSON line exceeds the 1 KiB limit"));
        QCOMPARE(decoder.bufferedBytes(), 0);
        QVERIFY(!decoder.finish(out));
        QVERIFY(out.size() <= 1);
    }
}

void TestNdjsonDecoder::exactlyAtLimit()
{
    const QByteArray atLimit(Limit, 'a');
    checkEverySplit(makeLimitedNdjson, atLimit + "\r\n" + atLimit,
                    Events{line(atLimit), line(atLimit)});
    if (QTest::currentTestFailed())
        return;
    const QByteArray over(Limit + 1, 'b');
    for (const QByteArray &input : {QByteArray(over + '\n'), QByteArray(over + "\r\n"), over}) {
        for (qsizetype at = 0; at <= input.size(); ++at) {
            const DecodeResult result = decodeInPieces(makeLimitedNdjson, input, {at});
            QVERIFY(!result.ok);
            QVERIFY(result.events.isEmpty());
        }
    }
}

void TestNdjsonDecoder::inputAfterErrorIgnored()
{
    NdjsonDecoder decoder(Limit);
    QList<WireEvent> out;
    QVERIFY(!decoder.feed(QByteArray(4096, 'z'), out));
    const QByteArray more(1 << 20, 'z');
    for (int i = 0; i < 16; ++i)
        QVERIFY(!decoder.feed(more, out));
    QVERIFY(!decoder.feed("{}\n", out));
    QCOMPARE(decoder.bufferedBytes(), 0);
    QVERIFY(out.isEmpty());
}

QTEST_GUILESS_MAIN(TestNdjsonDecoder)
#include "tst_ndjsondecoder.moc"
