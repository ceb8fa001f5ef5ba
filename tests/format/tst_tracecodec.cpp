// The history's lossless request record: every field back to the nanosecond, server timings
// under the key the run export uses (and records stored under the old key still read).
#include "records.h"

#include "format/runexport.h"
#include "format/tracecodec.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

using namespace FormatTests;

class TestTraceCodec : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void roundTrip_data()
    {
        QTest::addColumn<RequestRecord>("record");
        QTest::newRow("streamed, every timestamp") << fullRecord(3, 1'000'000'000'000'000'123);
        QTest::newRow("refused, not streamed") << failedRecord(1, 77);
    }

    void roundTrip()
    {
        QFETCH(RequestRecord, record);
        const QByteArray json = QJsonDocument(TraceCodec::encode(record)).toJson(QJsonDocument::Compact);
        QString error;
        const auto back = TraceCodec::decode(QJsonDocument::fromJson(json).object(), &error);
        QVERIFY2(back, qPrintable(error));
        QCOMPARE(back->trace.startNs, record.trace.startNs); // lossless: the very same clock reading
        compareRecords(record, *back, 0, 0);
        QCOMPARE(back->trace.bytesSent, record.trace.bytesSent);
        QCOMPARE(back->trace.url, record.trace.url);
    }

    // Both request formats write one server-timings object, under one key, with the same
    // figures (the run export lists the missing ones as null).
    void formatsAgreeOnServerTimings()
    {
        const RequestRecord r = fullRecord(0, 5'000'000);
        const QJsonObject record = TraceCodec::encode(r);
        const QJsonObject exported = RunExport::requestJson(r);
        QVERIFY(record.contains(QStringLiteral("server_timings")));
        QVERIFY(!record.contains(QStringLiteral("timings")));
        QJsonObject exportedTimings = exported.value(QStringLiteral("server_timings")).toObject();
        for (auto it = exportedTimings.begin(); it != exportedTimings.end();) {
            if (it.value().isNull())
                it = exportedTimings.erase(it);
            else
                ++it;
        }
        QCOMPARE(record.value(QStringLiteral("server_timings")).toObject(), exportedTimings);
        QCOMPARE(exportedTimings.value(QStringLiteral("cached_prompt_tokens")).toInteger(), 8);
        QCOMPARE(record.value(QStringLiteral("usage")).toObject(),
                 exported.value(QStringLiteral("usage")).toObject());
    }

    // Records stored before the formats agreed keep their server timings under "timings".
    void readsOldTimingsKey()
    {
        const RequestRecord r = fullRecord(0, 5'000'000);
        QJsonObject old = TraceCodec::encode(r);
        old.insert(QStringLiteral("timings"), old.take(QStringLiteral("server_timings")));
        const auto back = TraceCodec::decode(old);
        QVERIFY(back);
        QCOMPARE(back->trace.timings.promptMs, std::optional<double>(2.25));
        QCOMPARE(back->trace.timings.cachedPromptTokens, std::optional<qint64>(8));
        QCOMPARE(back->trace.timings.generatedTokens, std::optional<qint64>(7));
    }

    // Numbers no measurement can have (a damaged or hostile history row) are not converted to
    // integers they do not fit (undefined behaviour, found by fuzz_import): counts beyond 1e15
    // read as absent, and times or chunk gaps that would leave the clock's range refuse the row.
    void outOfRangeNumbersAreNotConverted()
    {
        const RequestRecord r = fullRecord(2, 5'000'000);
        QJsonObject o = TraceCodec::encode(r);
        o.insert(QStringLiteral("bytes_received"), 2.2e22);
        o.insert(QStringLiteral("bytes_sent"), -1e300);
        QJsonArray tokens = o.value(QStringLiteral("chunk_tokens")).toArray();
        QVERIFY(!tokens.isEmpty());
        tokens.replace(0, 1e19);
        o.insert(QStringLiteral("chunk_tokens"), tokens);
        QJsonObject stamps = o.value(QStringLiteral("t_ns")).toObject();
        stamps.insert(QStringLiteral("end"), 9e18);
        o.insert(QStringLiteral("t_ns"), stamps);
        QString error;
        const auto back = TraceCodec::decode(o, &error);
        QVERIFY2(back, qPrintable(error));
        QCOMPARE(back->trace.bytesReceived, 0);
        QCOMPARE(back->trace.bytesSent, 0);
        QCOMPARE(back->trace.chunks.tokensAt(0), 0);
        QCOMPARE(back->trace.endNs, -1);

        QJsonArray gaps = o.value(QStringLiteral("chunk_gaps_ns")).toArray();
        gaps.replace(1, 9e17);
        QJsonObject badGaps = o;
        badGaps.insert(QStringLiteral("chunk_gaps_ns"), gaps);
        QVERIFY(!TraceCodec::decode(badGaps, &error));
        QVERIFY(error.contains(QStringLiteral("malformed chunks")));

        QJsonObject badStart = o;
        badStart.insert(QStringLiteral("start_ns"), QStringLiteral("9200000000000000000"));
        QVERIFY(!TraceCodec::decode(badStart, &error));
    }
};

QTEST_GUILESS_MAIN(TestTraceCodec)
#include "tst_tracecodec.moc"
