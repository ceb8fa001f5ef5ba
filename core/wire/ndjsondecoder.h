#pragma once

#include "streamdecoder.h"

#include <QByteArray>

/*!
 * \brief Newline-delimited JSON framing: one event per non-blank line, JSON left unparsed.
 *
 * Lines end at '\n'; a '\r' before it is dropped. Lines made only of whitespace are skipped.
 */
class NdjsonDecoder final : public StreamDecoder
{
public:
    /// A non-positive \a maxEventBytes means StreamDecoder::DefaultMaxEventBytes.
    explicit NdjsonDecoder(qsizetype maxEventBytes = DefaultMaxEventBytes);

    bool feed(QByteArrayView bytes, QList<WireEvent> &out) override;
    /// Emits a last line that the stream did not terminate, unless it is blank.
    bool finish(QList<WireEvent> &out) override;

    qsizetype maxEventBytes() const { return m_maxEventBytes; }
    /// Bytes held for the line in progress; never above the limit (plus a CR).
    qsizetype bufferedBytes() const { return m_line.size(); }

private:
    bool emitLine(QByteArrayView line, QList<WireEvent> &out);
    bool fail();

    qsizetype m_maxEventBytes;
    QByteArray m_line; ///< the unterminated tail of the input, bounded by the limit
};
