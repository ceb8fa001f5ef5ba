#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QString>

#include <memory>

/*!
 * \brief Streaming decompression of a gzip or deflate response body.
 *
 * TokenScope asks for identity encoding, but proxies and gateways compress anyway; the
 * stream must still be read token by token, so the body is inflated as it arrives.
 */
class BodyInflater
{
public:
    ~BodyInflater();

    /// An inflater for a Content-Encoding value ("gzip", "x-gzip", "deflate"); null otherwise.
    static std::unique_ptr<BodyInflater> create(QByteArrayView contentEncoding);

    /// Inflates \a in, appending to \a out. False on corrupt data (see errorString()).
    bool inflate(QByteArrayView in, QByteArray &out);
    /// True once the compressed stream said it was complete.
    bool isFinished() const { return m_finished; }
    QString errorString() const { return m_error; }

private:
    BodyInflater() = default;
    bool init(int windowBits);

    struct Stream;
    std::unique_ptr<Stream> m_stream;
    bool m_deflate = false;
    bool m_sawInput = false;
    bool m_finished = false;
    QString m_error;
};
