#include "jsonbodydecoder.h"

#include "wirelimit.h"

#include <QCoreApplication>

#include <utility>

JsonBodyDecoder::JsonBodyDecoder(qsizetype maxEventBytes)
    : m_maxEventBytes(maxEventBytes > 0 ? maxEventBytes : DefaultMaxEventBytes)
{
}

bool JsonBodyDecoder::feed(QByteArrayView bytes, QList<WireEvent> &out)
{
    Q_UNUSED(out);
    if (hasError())
        return false;
    if (m_body.size() + bytes.size() > m_maxEventBytes) {
        m_error = QCoreApplication::translate("JsonBodyDecoder",
                                              "JSON response body exceeds the %1 limit")
                      .arg(Wire::limitText(m_maxEventBytes));
        m_body = QByteArray();
        return false;
    }
    m_body.append(bytes);
    return true;
}

bool JsonBodyDecoder::finish(QList<WireEvent> &out)
{
    if (hasError())
        return false;
    // A second finish() must not emit the body twice.
    if (!m_finished) {
        m_finished = true;
        out.append(WireEvent{QByteArray(), std::exchange(m_body, QByteArray()), QByteArray()});
    }
    return true;
}
