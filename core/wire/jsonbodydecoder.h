#pragma once

#include "streamdecoder.h"

#include <QByteArray>

/*!
 * \brief A non-streamed body: buffered whole (within the limit) and emitted as one event.
 *
 * finish() always emits exactly one event, even for an empty body, so that the adapter
 * is the one to report what is wrong with it.
 */
class JsonBodyDecoder final : public StreamDecoder
{
public:
    /// A non-positive \a maxEventBytes means StreamDecoder::DefaultMaxEventBytes.
    explicit JsonBodyDecoder(qsizetype maxEventBytes = DefaultMaxEventBytes);

    bool feed(QByteArrayView bytes, QList<WireEvent> &out) override;
    bool finish(QList<WireEvent> &out) override;

    qsizetype maxEventBytes() const { return m_maxEventBytes; }

private:
    qsizetype m_maxEventBytes;
    QByteArray m_body;
    bool m_finished = false;
};
