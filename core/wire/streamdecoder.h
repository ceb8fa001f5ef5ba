#pragma once

#include "wireevent.h"

#include <QByteArrayView>
#include <QString>

#include <memory>

/*!
 * \brief Incremental framing decoder: bytes in (split anywhere), events out.
 *
 * Decoders work on bytes and split only at line ends, which never occur inside a UTF-8
 * multi-byte sequence, so text split across reads is never corrupted.
 */
class StreamDecoder
{
public:
    static constexpr qsizetype DefaultMaxEventBytes = 8 * 1024 * 1024;

    virtual ~StreamDecoder() = default;

    /// Feeds the next bytes; appends every completed event to \a out.
    /// Returns false once the stream is in error (see errorString()); further input is ignored.
    virtual bool feed(QByteArrayView bytes, QList<WireEvent> &out) = 0;
    /// End of stream: appends what the format says a clean end yields (nothing for SSE).
    virtual bool finish(QList<WireEvent> &out) = 0;

    bool hasError() const { return !m_error.isEmpty(); }
    QString errorString() const { return m_error; }

    static std::unique_ptr<StreamDecoder> create(WireFormat format,
                                                 qsizetype maxEventBytes = DefaultMaxEventBytes);

protected:
    QString m_error;
};
