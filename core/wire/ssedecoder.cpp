#include "ssedecoder.h"

#include "wirelimit.h"

#include <QCoreApplication>

#include <cstring>
#include <limits>

namespace {

constexpr char Bom[] = "\xEF\xBB\xBF";
constexpr int BomSize = 3;

// The standard's default type; a literal shares static data, so each event copies no bytes.
const QByteArray &messageType()
{
    static const QByteArray type = QByteArrayLiteral("message");
    return type;
}

bool isAsciiDigits(QByteArrayView value)
{
    if (value.isEmpty())
        return false;
    for (const char c : value) {
        if (c < '0' || c > '9')
            return false;
    }
    return true;
}

int parseRetry(QByteArrayView digits)
{
    qint64 value = 0;
    for (const char c : digits) {
        value = value * 10 + (c - '0');
        if (value > std::numeric_limits<int>::max())
            return std::numeric_limits<int>::max();
    }
    return int(value);
}

} // namespace

SseDecoder::SseDecoder(qsizetype maxEventBytes)
    : m_maxEventBytes(maxEventBytes > 0 ? maxEventBytes : DefaultMaxEventBytes)
{
}

bool SseDecoder::fail()
{
    m_error = QCoreApplication::translate("SseDecoder", "SSE event exceeds the %1 limit")
                  .arg(Wire::limitText(m_maxEventBytes));
    // Release what was buffered: an over-limit stream must not keep holding memory.
    m_line = QByteArray();
    m_data = QByteArray();
    m_eventType = QByteArray();
    return false;
}

bool SseDecoder::feed(QByteArrayView bytes, QList<WireEvent> &out)
{
    if (hasError())
        return false;
    const char *p = bytes.data();
    const char *const end = p + bytes.size();

    // The BOM may arrive one byte per read, so match it incrementally before anything else.
    if (!m_bomChecked) {
        while (p < end && m_bomMatched < BomSize && *p == Bom[m_bomMatched]) {
            ++m_bomMatched;
            ++p;
        }
        if (m_bomMatched == BomSize) {
            m_bomChecked = true;
        } else if (p < end) {
            // Not a BOM after all: the bytes held back are ordinary input (they hold no line end).
            m_bomChecked = true;
            if (!consume(Bom, Bom + m_bomMatched, out))
                return false;
        } else {
            return true;
        }
    }
    return consume(p, end, out);
}

bool SseDecoder::consume(const char *begin, const char *end, QList<WireEvent> &out)
{
    const char *p = begin;
    if (m_pendingCr && p < end) {
        m_pendingCr = false;
        if (*p == '\n')
            ++p;
    }

    // Next CR and LF, each found by one memchr over the rest of the chunk and reused until
    // passed, so a chunk is scanned in linear time however its lines are terminated.
    const char *nextCr = nullptr;
    const char *nextLf = nullptr;
    bool crSearched = false;
    bool lfSearched = false;

    while (p < end) {
        if (!crSearched || (nextCr && nextCr < p)) {
            nextCr = static_cast<const char *>(std::memchr(p, '\r', size_t(end - p)));
            crSearched = true;
        }
        if (!lfSearched || (nextLf && nextLf < p)) {
            nextLf = static_cast<const char *>(std::memchr(p, '\n', size_t(end - p)));
            lfSearched = true;
        }
        const char *eol = nextCr && (!nextLf || nextCr < nextLf) ? nextCr : nextLf;

        if (!eol) {
            // Only the new bytes were scanned: a long line arriving in small pieces stays linear.
            if (m_line.size() + (end - p) > m_maxEventBytes)
                return fail();
            m_line.append(p, end - p);
            return true;
        }

        QByteArrayView line(p, eol - p);
        if (!m_line.isEmpty()) {
            if (m_line.size() + line.size() > m_maxEventBytes)
                return fail();
            m_line.append(line);
            line = m_line;
        } else if (line.size() > m_maxEventBytes) {
            return fail();
        }
        if (!processLine(line, out))
            return false;
        if (m_line.capacity() > Wire::KeepCapacity)
            m_line = QByteArray();
        else
            m_line.resize(0); // keeps the capacity for the next partial line

        if (*eol == '\r') {
            if (eol + 1 == end) {
                m_pendingCr = true;
                return true;
            }
            p = eol[1] == '\n' ? eol + 2 : eol + 1;
        } else {
            p = eol + 1;
        }
    }
    return true;
}

bool SseDecoder::processLine(QByteArrayView line, QList<WireEvent> &out)
{
    if (line.isEmpty()) {
        dispatch(out);
        return true;
    }
    if (line.front() == ':')
        return true;

    QByteArrayView field = line;
    QByteArrayView value;
    const auto *colon =
        static_cast<const char *>(std::memchr(line.data(), ':', size_t(line.size())));
    if (colon) {
        const qsizetype at = colon - line.data();
        field = line.first(at);
        value = line.sliced(at + 1);
        if (!value.isEmpty() && value.front() == ' ')
            value = value.sliced(1);
    }

    if (field == QByteArrayView("data")) {
        // Counts the separators already in the buffer but not this line's own '\n', which
        // dispatch strips: the limit is on the data an event would carry.
        if (m_data.size() + value.size() > m_maxEventBytes)
            return fail();
        m_data.append(value);
        m_data.append('\n');
    } else if (field == QByteArrayView("event")) {
        // Streams repeat a few types (Anthropic names every event): reuse the bytes.
        if (value != QByteArrayView(m_typeCache))
            m_typeCache = value.toByteArray();
        m_eventType = m_typeCache;
    } else if (field == QByteArrayView("id")) {
        // An empty view may carry a null pointer, which memchr must never see.
        if (value.isEmpty() || !std::memchr(value.data(), '\0', size_t(value.size())))
            m_lastEventId = value.toByteArray();
    } else if (field == QByteArrayView("retry")) {
        if (isAsciiDigits(value))
            m_retryMs = parseRetry(value);
    }
    return true;
}

void SseDecoder::dispatch(QList<WireEvent> &out)
{
    if (m_data.isEmpty()) {
        m_eventType.clear();
        return;
    }
    WireEvent event;
    // Copying out (instead of moving) keeps m_data's capacity: the next event appends
    // without reallocating.
    event.data = QByteArray(m_data.constData(), m_data.size() - 1);
    event.type = m_eventType.isEmpty() ? messageType() : m_eventType;
    event.id = m_lastEventId;
    out.append(std::move(event));

    if (m_data.capacity() > Wire::KeepCapacity)
        m_data = QByteArray();
    else
        m_data.resize(0);
    m_eventType.clear();
}

bool SseDecoder::finish(QList<WireEvent> &out)
{
    Q_UNUSED(out);
    if (hasError())
        return false;
    // An event not closed by a blank line is incomplete, and the standard discards it.
    m_line = QByteArray();
    m_data = QByteArray();
    m_eventType = QByteArray();
    m_pendingCr = false;
    return true;
}
