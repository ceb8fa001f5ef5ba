#include "decoderharness.h"

#include "wire/ssedecoder.h"

#include <QFile>
#include <QStringDecoder>
#include <QTest>

namespace {

using Events = QList<WireEvent>;

WireEvent message(const QByteArray &data, const QByteArray &id = QByteArray())
{
    return WireEvent{QByteArrayLiteral("message"), data, id};
}

WireEvent typed(const QByteArray &type, const QByteArray &data, const QByteArray &id = QByteArray())
{
    return WireEvent{type, data, id};
}

// Small, so that tests cross it with little input.
constexpr qsizetype Limit = 1024;

std::unique_ptr<StreamDecoder> makeSse()
{
    return std::make_unique<SseDecoder>();
}

std::unique_ptr<StreamDecoder> makeLimitedSse()
{
    return std::make_unique<SseDecoder>(Limit);
}

} // namespace

class TestSseDecoder : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void events_data();
    void events();
    void retry_data();
    void retry();
    void lastEventIdPersists();
    void utf8SplitAnywhere();
    void llamaCppCapture();
    void lineOverLimit_data();
    void lineOverLimit();
    void dataOverLimit();
    void exactlyAtLimit();
    void inputAfterErrorIgnored();
    void finishDiscardsPendingEvent();
};

void TestSseDecoder::events_data()
{
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<Events>("expected");

    // Line ends.
    QTest::newRow("lf") << QByteArray("data: a\n\n") << Events{message("a")};
    QTest::newRow("cr") << QByteArray("data: a\r\r") << Events{message("a")};
    QTest::newRow("crlf") << QByteArray("data: a\r\n\r\n") << Events{message("a")};
    QTest::newRow("mixed line ends")
        << QByteArray("data: a\r\ndata: b\rdata: c\n\r\n") << Events{message("a\nb\nc")};
    QTest::newRow("crlf then lf is a blank line")
        << QByteArray("data: a\r\n\n") << Events{message("a")};
    QTest::newRow("cr then crlf is a blank line")
        << QByteArray("data: a\r\r\n") << Events{message("a")};
    // LF CR is two line ends, not one: the CR is a blank line that dispatches.
    QTest::newRow("lf cr is two line ends")
        << QByteArray("data: a\n\rdata: b\n\n") << Events{message("a"), message("b")};
    QTest::newRow("stream ends on a lone cr") << QByteArray("data: a\n\r") << Events{message("a")};
    QTest::newRow("cr cr cr") << QByteArray("data: a\r\r\rdata: b\r\r")
                              << Events{message("a"), message("b")};

    // Byte order mark.
    QTest::newRow("bom stripped")
        << QByteArray("\xEF\xBB\xBF" "data: a\n\n") << Events{message("a")};
    QTest::newRow("only one bom stripped")
        << QByteArray("\xEF\xBB\xBF\xEF\xBB\xBF" "data: a\n\n") << Events{};
    QTest::newRow("bom prefix is ordinary bytes")
        << QByteArray("\xEF\xBB" "data: a\n\n") << Events{};
    QTest::newRow("bom prefix then comment")
        << QByteArray("\xEF:x\ndata: a\n\n") << Events{message("a")};
    QTest::newRow("bom inside a value kept")
        << QByteArray("data: \xEF\xBB\xBF" "a\n\n") << Events{message("\xEF\xBB\xBF" "a")};
    QTest::newRow("bom then blank line then event")
        << QByteArray("\xEF\xBB\xBF\n\ndata: a\n\n") << Events{message("a")};

    // Comments and fields.
    QTest::newRow("comments ignored")
        << QByteArray(": hello\ndata: a\n:another: one\n\n") << Events{message("a")};
    QTest::newRow("comment-only block") << QByteArray(": keep-alive\n\n") << Events{};
    QTest::newRow("multi-line data")
        << QByteArray("data: YHOO\ndata: +2\ndata: 10\n\n") << Events{message("YHOO\n+2\n10")};
    QTest::newRow("value keeps later colons")
        << QByteArray("data: a: b:c\n\n") << Events{message("a: b:c")};
    QTest::newRow("data:x") << QByteArray("data:x\n\n") << Events{message("x")};
    QTest::newRow("data: x") << QByteArray("data: x\n\n") << Events{message("x")};
    QTest::newRow("data:  x keeps one space")
        << QByteArray("data:  x\n\n") << Events{message(" x")};
    QTest::newRow("data: trailing space kept")
        << QByteArray("data: x \n\n") << Events{message("x ")};
    QTest::newRow("data without colon") << QByteArray("data\n\n") << Events{message("")};
    QTest::newRow("data: with empty value") << QByteArray("data:\n\n") << Events{message("")};
    QTest::newRow("two empty data lines") << QByteArray("data\ndata\n\n") << Events{message("\n")};
    QTest::newRow("empty block, no event") << QByteArray("\n\n\n") << Events{};
    QTest::newRow("id-only block, no event") << QByteArray("id: 1\n\n") << Events{};
    QTest::newRow("unknown fields ignored")
        << QByteArray("foo: bar\ndata: a\nDATA: b\nData: c\nfoo\n\n") << Events{message("a")};
    QTest::newRow("space before colon is part of the name")
        << QByteArray("data : x\n\n") << Events{};
    QTest::newRow("leading space is part of the name") << QByteArray(" data: x\n\n") << Events{};

    // Event type.
    QTest::newRow("event types")
        << QByteArray("event: add\ndata: 1\n\nevent: remove\ndata: 2\n\ndata: 3\n\n")
        << Events{typed("add", "1"), typed("remove", "2"), message("3")};
    QTest::newRow("type reset by empty block")
        << QByteArray("event: x\n\ndata: a\n\n") << Events{message("a")};
    QTest::newRow("empty type means message")
        << QByteArray("event:\ndata: a\n\n") << Events{message("a")};
    QTest::newRow("event without colon means message")
        << QByteArray("event: x\nevent\ndata: a\n\n") << Events{message("a")};
    QTest::newRow("last event field wins")
        << QByteArray("event: a\nevent: b\ndata: x\n\n") << Events{typed("b", "x")};
    QTest::newRow("type keeps inner spaces")
        << QByteArray("event:  padded \ndata: x\n\n") << Events{typed(" padded ", "x")};

    // Last event id.
    QTest::newRow("id persists")
        << QByteArray("id: 1\ndata: a\n\ndata: b\n\nid: 2\ndata: c\n\n")
        << Events{message("a", "1"), message("b", "1"), message("c", "2")};
    QTest::newRow("id set in an empty block persists")
        << QByteArray("id: 7\n\ndata: a\n\n") << Events{message("a", "7")};
    QTest::newRow("id without value resets")
        << QByteArray("id: 1\ndata: a\n\nid\ndata: b\n\n")
        << Events{message("a", "1"), message("b")};
    QTest::newRow("id with NUL ignored")
        << rawBytes("id: 1\ndata: a\n\nid: 2\0x\ndata: b\n\n")
        << Events{message("a", "1"), message("b", "1")};
    QTest::newRow("id after data in the same block")
        << QByteArray("data: a\nid: 9\n\n") << Events{message("a", "9")};
    QTest::newRow("NUL in data kept")
        << rawBytes("data: a\0b\n\n") << Events{message(rawBytes("a\0b"))};

    // End of stream.
    QTest::newRow("no blank line at eof") << QByteArray("data: a\n") << Events{};
    QTest::newRow("unterminated line at eof") << QByteArray("data: a") << Events{};
    QTest::newRow("last event incomplete")
        << QByteArray("data: a\n\ndata: b\n") << Events{message("a")};
    QTest::newRow("empty stream") << QByteArray() << Events{};

    // The standard's own examples.
    QTest::newRow("standard: stock ticker")
        << QByteArray("data: YHOO\ndata: +2\ndata: 10\n\n") << Events{message("YHOO\n+2\n10")};
    QTest::newRow("standard: comment, ids, spaces")
        << QByteArray(": test stream\n\ndata: first event\nid: 1\n\ndata:second event\nid\n\n"
                      "data:  third event\n\n")
        << Events{message("first event", "1"), message("second event"), message(" third event")};
    QTest::newRow("standard: empty data")
        << QByteArray("data\n\ndata\ndata\n\ndata:") << Events{message(""), message("\n")};
    QTest::newRow("standard: one space optional")
        << QByteArray("data:test\n\ndata: test\n\n") << Events{message("test"), message("test")};
    QTest::newRow("standard: typed events")
        << QByteArray("event: add\ndata: 73857293\n\nevent: remove\ndata: 2153\n\n"
                      "event: add\ndata: 113411\n\n")
        << Events{typed("add", "73857293"), typed("remove", "2153"), typed("add", "113411")};

    // What LLM servers send.
    QTest::newRow("openai chunks and done")
        << QByteArray("data: {\"choices\":[{\"delta\":{\"content\":\"Hi\"}}]}\n\n"
                      "data: [DONE]\n\n")
        << Events{message("{\"choices\":[{\"delta\":{\"content\":\"Hi\"}}]}"), message("[DONE]")};
    QTest::newRow("anthropic named events")
        << QByteArray("event: message_start\ndata: {\"type\":\"message_start\"}\n\n"
                      "event: ping\ndata: {\"type\": \"ping\"}\n\n"
                      "event: content_block_delta\r\n"
                      "data: {\"type\":\"content_block_delta\"}\r\n\r\n")
        << Events{typed("message_start", "{\"type\":\"message_start\"}"),
                  typed("ping", "{\"type\": \"ping\"}"),
                  typed("content_block_delta", "{\"type\":\"content_block_delta\"}")};
}

void TestSseDecoder::events()
{
    QFETCH(QByteArray, input);
    QFETCH(Events, expected);
    checkEverySplit(makeSse, input, expected);
}

void TestSseDecoder::retry_data()
{
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<int>("expected"); // -1: no retry set

    QTest::newRow("digits") << QByteArray("retry: 1500\n") << 1500;
    QTest::newRow("no space") << QByteArray("retry:250\n") << 250;
    QTest::newRow("zero") << QByteArray("retry: 0\n") << 0;
    QTest::newRow("12a ignored") << QByteArray("retry: 12a\n") << -1;
    QTest::newRow("negative ignored") << QByteArray("retry: -5\n") << -1;
    QTest::newRow("two spaces ignored") << QByteArray("retry:  10\n") << -1;
    QTest::newRow("empty ignored") << QByteArray("retry:\n") << -1;
    QTest::newRow("no colon ignored") << QByteArray("retry\n") << -1;
    QTest::newRow("invalid keeps previous") << QByteArray("retry: 10\nretry: x\n") << 10;
    QTest::newRow("last valid wins") << QByteArray("retry: 10\nretry: 20\n") << 20;
    QTest::newRow("huge clamped") << QByteArray("retry: 99999999999999999999\n") << INT_MAX;
}

void TestSseDecoder::retry()
{
    QFETCH(QByteArray, input);
    QFETCH(int, expected);
    for (qsizetype piece : {input.size(), qsizetype(1)}) {
        SseDecoder decoder;
        QList<WireEvent> out;
        for (qsizetype at = 0; at < input.size(); at += piece) {
            const auto chunk = QByteArrayView(input).sliced(at, qMin(piece, input.size() - at));
            QVERIFY(decoder.feed(chunk, out));
        }
        QVERIFY(decoder.finish(out));
        QCOMPARE(decoder.retryMs().value_or(-1), expected);
        QVERIFY(out.isEmpty());
    }
}

void TestSseDecoder::lastEventIdPersists()
{
    SseDecoder decoder;
    QList<WireEvent> out;
    QVERIFY(decoder.feed("id: 42\ndata: a\n\n", out));
    QVERIFY(decoder.feed("data: b\n\n", out));
    QCOMPARE(out, (Events{message("a", "42"), message("b", "42")}));
    QCOMPARE(decoder.lastEventId(), QByteArray("42"));
}

void TestSseDecoder::utf8SplitAnywhere()
{
    const QString first = QStringLiteral("你好，世界 🌍🚀 héllo");
    const QString second = QStringLiteral("👩‍💻 写代码 ✓");
    const QByteArray input = "data: " + first.toUtf8() + "\ndata: " + second.toUtf8()
        + "\n\nevent: 通知\ndata: 😀\n\n";
    const Events expected{message(first.toUtf8() + '\n' + second.toUtf8()),
                          typed(QStringLiteral("通知").toUtf8(),
                                QStringLiteral("😀").toUtf8())};
    checkEverySplit(makeSse, input, expected);
    if (QTest::currentTestFailed())
        return;

    // And the bytes still decode to the same text, with no replacement characters.
    const DecodeResult result = decodeInPieces(makeSse, input, {7, 8, 9, 10, 11});
    QStringDecoder utf8(QStringDecoder::Utf8);
    const QString text = utf8(result.events.value(0).data);
    QVERIFY(!utf8.hasError());
    QCOMPARE(text, first + QLatin1Char('\n') + second);
}

void TestSseDecoder::llamaCppCapture()
{
    QFile file(QStringLiteral(TOKENSCOPE_SHARED_FIXTURES "/llamacpp/chat-stream.body"));
    if (!file.open(QIODevice::ReadOnly))
        QSKIP("llama.cpp capture not available");
    const QByteArray body = file.readAll();

    // Independent count: every event in that capture is exactly one "data: " line.
    const qsizetype dataLines = body.count("\ndata: ") + (body.startsWith("data: ") ? 1 : 0);
    QVERIFY(dataLines > 5);

    const QList<qsizetype> pieces{1, 3, 64, 1024, body.size()};
    for (const qsizetype piece : pieces) {
        QList<qsizetype> cuts;
        for (qsizetype at = piece; at < body.size(); at += piece)
            cuts.append(at);
        const DecodeResult result = decodeInPieces(makeSse, body, cuts);
        QVERIFY2(result.ok, qPrintable(result.error));
        QCOMPARE(result.events.size(), dataLines);
        for (const WireEvent &event : result.events) {
            QCOMPARE(event.type, QByteArray("message"));
            QVERIFY2(event.data.startsWith('{') || event.data == "[DONE]", event.data.constData());
            QVERIFY(!event.data.contains('\n'));
        }
    }
}

void TestSseDecoder::lineOverLimit_data()
{
    QTest::addColumn<QByteArray>("input");
    const QByteArray big(2000, 'x');
    QTest::newRow("unterminated data line") << QByteArray("data: " + big);
    QTest::newRow("terminated data line") << QByteArray("data: " + big + "\n\n");
    QTest::newRow("comment line") << QByteArray(": " + big + "\n");
    QTest::newRow("unknown field line") << QByteArray("x-" + big + ": 1\n");
    QTest::newRow("event type line") << QByteArray("event: " + big + "\r\n");
}

void TestSseDecoder::lineOverLimit()
{
    QFETCH(QByteArray, input);
    for (const qsizetype piece : {qsizetype(1), qsizetype(7), qsizetype(512), input.size()}) {
        SseDecoder decoder(Limit);
        QList<WireEvent> out;
        bool ok = true;
        for (qsizetype at = 0; at < input.size() && ok; at += piece) {
            const auto chunk = QByteArrayView(input).sliced(at, qMin(piece, input.size() - at));
            ok = decoder.feed(chunk, out);
            QVERIFY(decoder.bufferedBytes() <= Limit);
        }
        QVERIFY2(!ok, "the decoder accepted a line over the limit");
        QVERIFY(decoder.hasError());
        QCOMPARE(decoder.errorString(), QStringLiteral("SSE event exceeds the 1 KiB limit"));
        QCOMPARE(decoder.bufferedBytes(), 0);
        QVERIFY(!decoder.finish(out));
        QVERIFY(out.isEmpty());
    }
}

void TestSseDecoder::dataOverLimit()
{
    // Each line is well under the limit; together they are not.
    const QByteArray line = "data: " + QByteArray(100, 'y') + '\n';
    SseDecoder decoder(Limit);
    QList<WireEvent> out;
    QVERIFY(decoder.feed("data: first\n\n", out));
    bool ok = true;
    int fed = 0;
    for (; fed < 1000 && ok; ++fed) {
        ok = decoder.feed(line, out);
        QVERIFY(decoder.bufferedBytes() <= Limit);
    }
    QVERIFY(!ok);
    QCOMPARE(fed, 11); // 10 lines hold 1010 bytes, the 11th would make 1110
    QCOMPARE(decoder.errorString(), QStringLiteral("SSE event exceeds the 1 KiB limit"));
    QCOMPARE(out, Events{message("first")});
    QCOMPARE(decoder.bufferedBytes(), 0);
}

void TestSseDecoder::exactlyAtLimit()
{
    // Data of exactly the limit (two lines: 512 + '\n' + 511) is accepted...
    const QByteArray atLimit =
        "data:" + QByteArray(512, 'a') + "\ndata:" + QByteArray(511, 'b') + "\n\n";
    checkEverySplit(makeLimitedSse, atLimit,
                    Events{message(QByteArray(512, 'a') + '\n' + QByteArray(511, 'b'))});
    if (QTest::currentTestFailed())
        return;
    // ...one more byte is not, however the input is cut.
    const QByteArray overLimit =
        "data:" + QByteArray(512, 'a') + "\ndata:" + QByteArray(512, 'b') + "\n\n";
    for (qsizetype at = 0; at <= overLimit.size(); ++at) {
        const DecodeResult result = decodeInPieces(makeLimitedSse,
                                                   overLimit, {at});
        QVERIFY(!result.ok);
        QVERIFY(result.events.isEmpty());
    }
    // A line of exactly the limit is accepted, one byte longer is not.
    const QByteArray longLine = "data: " + QByteArray(Limit - 6, 'c');
    QCOMPARE(decodeInPieces(makeLimitedSse, longLine + "\n\n", {})
                 .events,
             Events{message(QByteArray(Limit - 6, 'c'))});
    QVERIFY(!decodeInPieces(makeLimitedSse, longLine + "c\n\n", {3}).ok);
}

void TestSseDecoder::inputAfterErrorIgnored()
{
    SseDecoder decoder(1024);
    QList<WireEvent> out;
    QVERIFY(!decoder.feed(QByteArray(4096, 'z'), out));
    const QByteArray more(1 << 20, 'z');
    for (int i = 0; i < 16; ++i)
        QVERIFY(!decoder.feed(more, out));
    QVERIFY(!decoder.feed("data: late\n\n", out));
    QCOMPARE(decoder.bufferedBytes(), 0);
    QVERIFY(out.isEmpty());
}

void TestSseDecoder::finishDiscardsPendingEvent()
{
    SseDecoder decoder;
    QList<WireEvent> out;
    QVERIFY(decoder.feed("data: done\n\nevent: x\ndata: partial\ndata: more", out));
    QCOMPARE(out, Events{message("done")});
    QVERIFY(decoder.finish(out));
    QCOMPARE(out, Events{message("done")});
    QCOMPARE(decoder.bufferedBytes(), 0);
}

QTEST_GUILESS_MAIN(TestSseDecoder)
#include "tst_ssedecoder.moc"
