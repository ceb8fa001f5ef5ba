#include "bodyinflater.h"

#include <QCoreApplication>

#include <zlib.h>

struct BodyInflater::Stream
{
    z_stream z{};
    bool initialised = false;
};

BodyInflater::~BodyInflater()
{
    if (m_stream && m_stream->initialised)
        inflateEnd(&m_stream->z);
}

std::unique_ptr<BodyInflater> BodyInflater::create(QByteArrayView contentEncoding)
{
    const QByteArray encoding = contentEncoding.toByteArray().trimmed().toLower();
    std::unique_ptr<BodyInflater> inflater(new BodyInflater);
    if (encoding == "gzip" || encoding == "x-gzip") {
        if (inflater->init(15 + 16))
            return inflater;
    } else if (encoding == "deflate") {
        // HTTP's "deflate" is meant to be zlib-wrapped, but some servers send raw deflate:
        // auto-detect zlib/gzip first and fall back to raw on the first bytes.
        inflater->m_deflate = true;
        if (inflater->init(15 + 32))
            return inflater;
    }
    return {};
}

bool BodyInflater::init(int windowBits)
{
    if (m_stream && m_stream->initialised)
        inflateEnd(&m_stream->z);
    m_stream = std::make_unique<Stream>();
    m_stream->initialised = inflateInit2(&m_stream->z, windowBits) == Z_OK;
    return m_stream->initialised;
}

bool BodyInflater::inflate(QByteArrayView in, QByteArray &out)
{
    if (!m_error.isEmpty())
        return false;
    if (m_finished || in.isEmpty())
        return true;
    z_stream &z = m_stream->z;
    z.next_in = reinterpret_cast<Bytef *>(const_cast<char *>(in.data()));
    z.avail_in = uInt(in.size());
    char buffer[16384];
    while (z.avail_in > 0 && !m_finished) {
        z.next_out = reinterpret_cast<Bytef *>(buffer);
        z.avail_out = sizeof buffer;
        const int rc = ::inflate(&z, Z_NO_FLUSH);
        if (rc == Z_DATA_ERROR && m_deflate && !m_sawInput) {
            // Not zlib-wrapped: start again as raw deflate.
            m_deflate = false;
            if (!init(-15))
                break;
            return inflate(in, out);
        }
        if (rc != Z_OK && rc != Z_STREAM_END && rc != Z_BUF_ERROR) {
            m_error = QCoreApplication::translate("BodyInflater", "the compressed body is corrupt (%1)")
                          .arg(QString::fromLatin1(z.msg ? z.msg : "zlib error"));
            return false;
        }
        m_sawInput = true;
        out.append(buffer, qsizetype(sizeof buffer - z.avail_out));
        if (rc == Z_STREAM_END)
            m_finished = true;
        if (rc == Z_BUF_ERROR && z.avail_out != 0)
            break; // needs more input
    }
    return true;
}
