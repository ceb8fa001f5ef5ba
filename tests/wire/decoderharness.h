#pragma once

#include "wire/streamdecoder.h"

#include <QByteArray>
#include <QList>
#include <QString>
#include <QTest>

#include <functional>

// Readable failure messages: QCOMPARE on event lists prints the events that differ.
inline char *toString(const WireEvent &event)
{
    const QByteArray text = "WireEvent(type=" + event.type.toPercentEncoding(" {}:,\"")
        + ", data=" + event.data.toPercentEncoding(" {}:,\"") + ", id="
        + event.id.toPercentEncoding(" {}:,\"") + ')';
    return qstrdup(text.constData());
}

/// What one run of a decoder over a whole input produced.
struct DecodeResult
{
    QList<WireEvent> events;
    bool ok = true;
    QString error;
};

using DecoderFactory = std::function<std::unique_ptr<StreamDecoder>()>;

/// Feeds \a input cut at the given offsets (ascending), then finishes.
inline DecodeResult decodeInPieces(const DecoderFactory &make, const QByteArray &input,
                                   const QList<qsizetype> &cuts)
{
    auto decoder = make();
    DecodeResult result;
    qsizetype from = 0;
    auto feedUpTo = [&](qsizetype to) {
        if (result.ok)
            result.ok = decoder->feed(QByteArrayView(input).sliced(from, to - from), result.events);
        from = to;
    };
    for (const qsizetype cut : cuts)
        feedUpTo(cut);
    feedUpTo(input.size());
    if (result.ok)
        result.ok = decoder->finish(result.events);
    result.error = decoder->errorString();
    return result;
}

/// The same input fed whole, split in two at every byte, and one byte at a time; every way
/// must give \a expected. Returns false (after a failed QCOMPARE) on the first mismatch.
inline void checkEverySplit(const DecoderFactory &make, const QByteArray &input,
                            const QList<WireEvent> &expected)
{
    const DecodeResult whole = decodeInPieces(make, input, {});
    QVERIFY2(whole.ok, qPrintable(whole.error));
    QCOMPARE(whole.events, expected);

    for (qsizetype at = 0; at <= input.size(); ++at) {
        const DecodeResult split = decodeInPieces(make, input, {at});
        if (!split.ok || split.events != expected) {
            qWarning("input split at byte %lld", qlonglong(at));
            QVERIFY2(split.ok, qPrintable(split.error));
            QCOMPARE(split.events, expected);
        }
    }

    QList<qsizetype> everyByte;
    for (qsizetype at = 1; at < input.size(); ++at)
        everyByte.append(at);
    const DecodeResult bytes = decodeInPieces(make, input, everyByte);
    QVERIFY2(bytes.ok, qPrintable(bytes.error));
    QCOMPARE(bytes.events, expected);
}

/// Bytes from a literal that may hold NUL (QByteArray(const char *) would stop there).
template<qsizetype N>
QByteArray rawBytes(const char (&literal)[N])
{
    return QByteArray(literal, N - 1);
}
