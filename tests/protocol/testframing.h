#pragma once

// Test-only framing of whole, well-formed bodies into WireEvents, so that the adapter
// tests do not depend on core/wire while its decoders are being written.
//
// Once StreamDecoder::create() exists, frameBody() can become
//     auto decoder = StreamDecoder::create(format); decoder->feed(body, out); decoder->finish(out);
// and every fixture row then also exercises the real decoder: callers only use frameBody().

#include "wire/wireevent.h"

#include <QByteArray>
#include <QList>

namespace TestFraming {

/// SSE per the HTML standard, as far as well-formed fixtures need it: events end at a
/// blank line; "data" lines are joined with '\n'; ':' lines are comments; unknown fields
/// (llama.cpp's "error:") are ignored; an event without data is not dispatched.
inline QList<WireEvent> frameSse(const QByteArray &body)
{
    QList<WireEvent> events;
    QByteArray normalized = body;
    normalized.replace("\r\n", "\n");
    normalized.replace('\r', '\n');
    QByteArray type;
    QList<QByteArray> data;
    QByteArray lastId;
    bool hasData = false;
    auto dispatch = [&] {
        if (hasData) {
            WireEvent event;
            event.type = type.isEmpty() ? QByteArrayLiteral("message") : type;
            event.data = data.join('\n');
            event.id = lastId;
            events.append(event);
        }
        type.clear();
        data.clear();
        hasData = false;
    };
    const QList<QByteArray> lines = normalized.split('\n');
    for (const QByteArray &line : lines) {
        if (line.isEmpty()) {
            dispatch();
            continue;
        }
        if (line.startsWith(':'))
            continue;
        const qsizetype colon = line.indexOf(':');
        const QByteArray field = colon < 0 ? line : line.left(colon);
        QByteArray value = colon < 0 ? QByteArray() : line.mid(colon + 1);
        if (value.startsWith(' '))
            value.remove(0, 1);
        if (field == "data") {
            data.append(value);
            hasData = true;
        } else if (field == "event") {
            type = value;
        } else if (field == "id") {
            lastId = value;
        }
    }
    // A final event without its blank line is incomplete: dropped, as the standard says.
    return events;
}

/// NDJSON: one event per non-empty line.
inline QList<WireEvent> frameNdjson(const QByteArray &body)
{
    QList<WireEvent> events;
    const QList<QByteArray> lines = body.split('\n');
    for (const QByteArray &line : lines) {
        const QByteArray trimmed = line.trimmed();
        if (!trimmed.isEmpty())
            events.append(WireEvent { QByteArray(), trimmed, QByteArray() });
    }
    return events;
}

inline QList<WireEvent> frameBody(WireFormat format, const QByteArray &body)
{
    return format == WireFormat::Ndjson ? frameNdjson(body) : frameSse(body);
}

} // namespace TestFraming
