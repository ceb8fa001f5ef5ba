#include "decoderharness.h"

#include "wire/jsonbodydecoder.h"
#include "wire/ndjsondecoder.h"
#include "wire/ssedecoder.h"

#include <QTest>

namespace {
using Events = QList<WireEvent>;
}

class TestStreamDecoder : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void factoryPicksTheFormat();
    void factoryPassesTheLimit();
    void sameBytesThreeFormats_data();
    void sameBytesThreeFormats();
    void jsonBodyOverLimit();
    void jsonBodyEmitsOnce();
};

void TestStreamDecoder::factoryPicksTheFormat()
{
    QVERIFY(dynamic_cast<SseDecoder *>(StreamDecoder::create(WireFormat::Sse).get()));
    QVERIFY(dynamic_cast<NdjsonDecoder *>(StreamDecoder::create(WireFormat::Ndjson).get()));
    QVERIFY(dynamic_cast<JsonBodyDecoder *>(StreamDecoder::create(WireFormat::Json).get()));
}

void TestStreamDecoder::factoryPassesTheLimit()
{
    const auto sse = StreamDecoder::create(WireFormat::Sse, 2048);
    QCOMPARE(static_cast<SseDecoder *>(sse.get())->maxEventBytes(), 2048);
    const auto ndjson = StreamDecoder::create(WireFormat::Ndjson);
    QCOMPARE(static_cast<NdjsonDecoder *>(ndjson.get())->maxEventBytes(),
             StreamDecoder::DefaultMaxEventBytes);
    const auto json = StreamDecoder::create(WireFormat::Json, 0);
    QCOMPARE(static_cast<JsonBodyDecoder *>(json.get())->maxEventBytes(),
             StreamDecoder::DefaultMaxEventBytes);
}

void TestStreamDecoder::sameBytesThreeFormats_data()
{
    QTest::addColumn<WireFormat>("format");
    QTest::addColumn<Events>("expected");
    const QByteArray body = "data: {\"a\":1}\n\n{\"b\":2}\n";
    QTest::newRow("sse") << WireFormat::Sse
                         << Events{WireEvent{"message", "{\"a\":1}", {}}};
    QTest::newRow("ndjson") << WireFormat::Ndjson
                            << Events{WireEvent{{}, "data: {\"a\":1}", {}},
                                      WireEvent{{}, "{\"b\":2}", {}}};
    QTest::newRow("json") << WireFormat::Json << Events{WireEvent{{}, body, {}}};
}

void TestStreamDecoder::sameBytesThreeFormats()
{
    QFETCH(WireFormat, format);
    QFETCH(Events, expected);
    const QByteArray body = "data: {\"a\":1}\n\n{\"b\":2}\n";
    checkEverySplit([format] { return StreamDecoder::create(format); }, body, expected);
}

void TestStreamDecoder::jsonBodyOverLimit()
{
    const auto decoder = StreamDecoder::create(WireFormat::Json, 1024);
    QList<WireEvent> out;
    QVERIFY(decoder->feed(QByteArray(1000, 'a'), out));
    QVERIFY(decoder->feed(QByteArray(24, 'a'), out)); // exactly the limit
    QVERIFY(!decoder->feed("a", out));
    QCOMPARE(decoder->errorString(), QStringLiteral("JSON response body exceeds the 1 KiB limit"));
    QVERIFY(!decoder->finish(out));
    QVERIFY(out.isEmpty());
}

void TestStreamDecoder::jsonBodyEmitsOnce()
{
    const auto decoder = StreamDecoder::create(WireFormat::Json);
    QList<WireEvent> out;
    QVERIFY(decoder->feed("{\"ok\":", out));
    QVERIFY(out.isEmpty());
    QVERIFY(decoder->feed("true}", out));
    QVERIFY(decoder->finish(out));
    QVERIFY(decoder->finish(out));
    QCOMPARE(out, (Events{WireEvent{{}, "{\"ok\":true}", {}}}));

    // An empty body still yields one (empty) event: the adapter reports what is wrong.
    const auto empty = StreamDecoder::create(WireFormat::Json);
    QList<WireEvent> none;
    QVERIFY(empty->finish(none));
    QCOMPARE(none, Events{WireEvent{}});
}

QTEST_GUILESS_MAIN(TestStreamDecoder)
#include "tst_streamdecoder.moc"
