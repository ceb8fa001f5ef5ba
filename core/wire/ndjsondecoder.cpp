#include "ndjsondecoder.h"

#include "wirelimit.h"

#include <QCoreApplication>

#include <cstring>
#include <utility>

namespace {

bool isBlank(QByteArrayView line)
{
    for (const char c : line) {
        if (c != ' ' && c != '\t' && c != '\r' && c != '\v' && c != '\f')
            return false;
    }
    return true;
}

} // namespace

NdjsonDecoder::NdjsonDecoder(qsizetype maxEventBytes)
    : m_maxEventBytes(maxEventBytes > 0 ? maxEventBytes : DefaultMaxEventBytes)
{
}

bool NdjsonDecoder::fail()
{
    m_error = QCoreApplication::translate("NdjsonDecoder", "NDJSON line exceeds the %1 limit")
                  .arg(Wire::limitText(m_maxEventBytes));
    m_line = QByteArray();
    return false;
}

bool NdjsonDecoder::emitLine(QByteArrayView line, QList<WireEvent> &out)
{
    if (line.endsWith('\r'))
        line.chop(1);
    if (line.size() > m_maxEventBytes)
        return fail();
    if (!isBlank(line))
        out.append(WireEvent{QByteArray(), line.toByteArray(), QByteArray()});
    return true;
}

bool NdjsonDecoder::feed(QByteArrayView bytes, QList<WireEvent> &out)
{
    if (hasError())
        return false;
    const char *p = bytes.data();
    const char *const end = p + bytes.size();
    while (p < end) {
        const auto *lf = static_cast<const char *>(std::memchr(p, '\n', size_t(end - p)));
        if (!lf) {
            // One byte of slack for a '\r' that the line end will strip; only new bytes are
            // scanned, so a long line arriving in small pieces stays linear.
            if (m_line.size() + (end - p) > m_maxEventBytes + 1)
                return fail();
            m_line.append(p, end - p);
            return true;
        }
        QByteArrayView line(p, lf - p);
        if (!m_line.isEmpty()) {
            if (m_line.size() + line.size() > m_maxEventBytes + 1)
                return fail();
            m_line.append(line);
            line = m_line;
        }
        if (!emitLine(line, out))
            return false;
        if (m_line.capacity() > Wire::KeepCapacity)
            m_line = QByteArray();
        else
            m_line.resize(0);
        p = lf + 1;
    }
    return true;
}

bool NdjsonDecoder::finish(QList<WireEvent> &out)
{
    if (hasError())
        return false;
    const QByteArray last = std::exchange(m_line, QByteArray());
    return emitLine(last, out);
}
