#pragma once

#include "streamdecoder.h"

#include <QByteArray>

#include <optional>

/*!
 * \brief Server-Sent Events framing, as the WHATWG HTML standard interprets an event stream.
 *
 * Works on bytes: field values are passed on undecoded, so a multi-byte character split
 * across reads comes out whole. One decoder per response body.
 */
class SseDecoder final : public StreamDecoder
{
public:
    /// A non-positive \a maxEventBytes means StreamDecoder::DefaultMaxEventBytes.
    explicit SseDecoder(qsizetype maxEventBytes = DefaultMaxEventBytes);

    bool feed(QByteArrayView bytes, QList<WireEvent> &out) override;
    /// Discards an event not yet closed by a blank line, as the standard requires.
    bool finish(QList<WireEvent> &out) override;

    /// The last "retry" field made only of ASCII digits, in milliseconds (clamped to INT_MAX).
    std::optional<int> retryMs() const { return m_retryMs; }
    /// The last event id buffer (it persists across events).
    QByteArray lastEventId() const { return m_lastEventId; }
    qsizetype maxEventBytes() const { return m_maxEventBytes; }
    /// Bytes held for the event in progress (partial line + data); stays within twice the limit.
    qsizetype bufferedBytes() const { return m_line.size() + m_data.size(); }

private:
    bool consume(const char *begin, const char *end, QList<WireEvent> &out);
    bool processLine(QByteArrayView line, QList<WireEvent> &out);
    void dispatch(QList<WireEvent> &out);
    bool fail();

    qsizetype m_maxEventBytes;
    QByteArray m_line;        ///< the unterminated tail of the input, never above the limit
    QByteArray m_data;        ///< the data buffer: each data line followed by '\n'
    QByteArray m_eventType;
    QByteArray m_typeCache;   ///< the last type seen, shared by the events that repeat it
    QByteArray m_lastEventId;
    std::optional<int> m_retryMs;
    int m_bomMatched = 0;     ///< leading bytes matched against the UTF-8 BOM so far
    bool m_bomChecked = false;
    bool m_pendingCr = false; ///< the last byte seen was a CR: a LF right after it belongs to it
};
