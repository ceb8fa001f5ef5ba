#pragma once

#include <QByteArray>
#include <QList>
#include <QMetaType>

/*!
 * \brief One framed unit of a streamed response body, before any protocol meaning.
 *
 * For Server-Sent Events: the dispatched event (type, joined data, last event id).
 * For NDJSON: one non-empty line in \c data, \c type and \c id empty.
 */
struct WireEvent
{
    QByteArray type; ///< SSE event type; "message" when the stream names none. Empty for NDJSON.
    QByteArray data; ///< SSE data lines joined with '\n'; the whole line for NDJSON.
    QByteArray id;   ///< SSE last event id (persists across events, as the standard says).

    friend bool operator==(const WireEvent &, const WireEvent &) = default;
};

/// \brief How a response body is framed.
enum class WireFormat {
    Sse,    ///< text/event-stream
    Ndjson, ///< application/x-ndjson (one JSON value per line)
    Json,   ///< a single JSON document (non-streaming responses)
};

Q_DECLARE_METATYPE(WireEvent)
