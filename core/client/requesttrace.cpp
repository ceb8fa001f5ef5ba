#include "requesttrace.h"

#include <QCoreApplication>
#include <QHash>

#include <algorithm>

QList<ErrorClass> ErrorClasses::all()
{
    return { ErrorClass::None,
             ErrorClass::InvalidRequest,
             ErrorClass::Dns,
             ErrorClass::Connect,
             ErrorClass::Tls,
             ErrorClass::HttpStatus,
             ErrorClass::ConnectTimeout,
             ErrorClass::FirstTokenTimeout,
             ErrorClass::StallTimeout,
             ErrorClass::TotalTimeout,
             ErrorClass::MalformedStream,
             ErrorClass::ServerError,
             ErrorClass::Reset,
             ErrorClass::Cancelled };
}

bool ErrorClasses::isGenerationTimeout(ErrorClass error)
{
    // A connect timeout is not one: no generation had started.
    return error == ErrorClass::FirstTokenTimeout || error == ErrorClass::StallTimeout
        || error == ErrorClass::TotalTimeout;
}

QString ErrorClasses::name(ErrorClass error)
{
    switch (error) {
    case ErrorClass::None:
        return QStringLiteral("none");
    case ErrorClass::InvalidRequest:
        return QStringLiteral("invalid-request");
    case ErrorClass::Dns:
        return QStringLiteral("dns");
    case ErrorClass::Connect:
        return QStringLiteral("connect");
    case ErrorClass::Tls:
        return QStringLiteral("tls");
    case ErrorClass::HttpStatus:
        return QStringLiteral("http-status");
    case ErrorClass::ConnectTimeout:
        return QStringLiteral("timeout-connect");
    case ErrorClass::FirstTokenTimeout:
        return QStringLiteral("timeout-first-token");
    case ErrorClass::StallTimeout:
        return QStringLiteral("timeout-stall");
    case ErrorClass::TotalTimeout:
        return QStringLiteral("timeout-total");
    case ErrorClass::MalformedStream:
        return QStringLiteral("malformed-stream");
    case ErrorClass::ServerError:
        return QStringLiteral("server-error");
    case ErrorClass::Reset:
        return QStringLiteral("reset");
    case ErrorClass::Cancelled:
        return QStringLiteral("cancelled");
    }
    return {};
}

QString FinishReasons::label(const QString &reason)
{
    // OpenAI, Anthropic, Gemini and Ollama name the same few endings differently.
    static const QHash<QString, const char *> labels {
        { QStringLiteral("stop"), QT_TRANSLATE_NOOP("FinishReason", "end of answer") },
        { QStringLiteral("end_turn"), QT_TRANSLATE_NOOP("FinishReason", "end of answer") },
        { QStringLiteral("STOP"), QT_TRANSLATE_NOOP("FinishReason", "end of answer") },
        { QStringLiteral("length"), QT_TRANSLATE_NOOP("FinishReason", "token limit reached") },
        { QStringLiteral("max_tokens"), QT_TRANSLATE_NOOP("FinishReason", "token limit reached") },
        { QStringLiteral("MAX_TOKENS"), QT_TRANSLATE_NOOP("FinishReason", "token limit reached") },
        { QStringLiteral("stop_sequence"), QT_TRANSLATE_NOOP("FinishReason", "stop sequence") },
        { QStringLiteral("tool_calls"), QT_TRANSLATE_NOOP("FinishReason", "tool call") },
        { QStringLiteral("tool_use"), QT_TRANSLATE_NOOP("FinishReason", "tool call") },
        { QStringLiteral("function_call"), QT_TRANSLATE_NOOP("FinishReason", "tool call") },
        { QStringLiteral("content_filter"), QT_TRANSLATE_NOOP("FinishReason", "content filter") },
        { QStringLiteral("SAFETY"), QT_TRANSLATE_NOOP("FinishReason", "content filter") },
    };
    const auto it = labels.constFind(reason);
    return it == labels.cend() ? reason : QCoreApplication::translate("FinishReason", it.value());
}

QString ErrorClasses::label(ErrorClass error)
{
    const char *text = "";
    switch (error) {
    case ErrorClass::None:
        text = QT_TRANSLATE_NOOP("ErrorClass", "OK");
        break;
    case ErrorClass::InvalidRequest:
        text = QT_TRANSLATE_NOOP("ErrorClass", "Invalid request");
        break;
    case ErrorClass::Dns:
        text = QT_TRANSLATE_NOOP("ErrorClass", "DNS failure");
        break;
    case ErrorClass::Connect:
        text = QT_TRANSLATE_NOOP("ErrorClass", "Connection failed");
        break;
    case ErrorClass::Tls:
        text = QT_TRANSLATE_NOOP("ErrorClass", "TLS failure");
        break;
    case ErrorClass::HttpStatus:
        text = QT_TRANSLATE_NOOP("ErrorClass", "HTTP error");
        break;
    case ErrorClass::ConnectTimeout:
        text = QT_TRANSLATE_NOOP("ErrorClass", "Connect timeout");
        break;
    case ErrorClass::FirstTokenTimeout:
        text = QT_TRANSLATE_NOOP("ErrorClass", "First-token timeout");
        break;
    case ErrorClass::StallTimeout:
        text = QT_TRANSLATE_NOOP("ErrorClass", "Stall timeout");
        break;
    case ErrorClass::TotalTimeout:
        text = QT_TRANSLATE_NOOP("ErrorClass", "Total timeout");
        break;
    case ErrorClass::MalformedStream:
        text = QT_TRANSLATE_NOOP("ErrorClass", "Malformed stream");
        break;
    case ErrorClass::ServerError:
        text = QT_TRANSLATE_NOOP("ErrorClass", "Server error");
        break;
    case ErrorClass::Reset:
        text = QT_TRANSLATE_NOOP("ErrorClass", "Reset or truncated");
        break;
    case ErrorClass::Cancelled:
        text = QT_TRANSLATE_NOOP("ErrorClass", "Cancelled");
        break;
    }
    return QCoreApplication::translate("ErrorClass", text);
}

ChunkList::ChunkList(std::initializer_list<TraceChunk> chunks)
{
    *this = chunks;
}

ChunkList &ChunkList::operator=(std::initializer_list<TraceChunk> chunks)
{
    clear();
    for (const TraceChunk &c : chunks)
        append(c);
    return *this;
}

void ChunkList::append(const TraceChunk &chunk)
{
    append(chunk.tNs, chunk.text, chunk.tokens, chunk.tokensFromServer, chunk.reasoning);
}

void ChunkList::append(qint64 tNs, QStringView text, qint64 tokens, bool tokensFromServer, bool reasoning)
{
    m_text.append(text);
    Entry e;
    e.tNs = tNs;
    e.end = quint32(m_text.size());
    e.tokens = quint32(std::clamp<qint64>(tokens, 0, TokenMask)) | (tokensFromServer ? FromServerFlag : 0u)
        | (reasoning ? ReasoningFlag : 0u);
    m_entries.append(e);
}

void ChunkList::appendFrom(const ChunkList &other, qsizetype from, qsizetype to)
{
    const qsizetype end = to < 0 ? other.size() : qMin(to, other.size());
    for (qsizetype i = qMax<qsizetype>(0, from); i < end; ++i) {
        const Entry &e = other.m_entries.at(i);
        const QStringView text = other.textAt(i);
        m_text.append(text);
        m_entries.append({ e.tNs, quint32(m_text.size()), e.tokens });
    }
}

void ChunkList::reserve(qsizetype chunks, qsizetype textChars)
{
    m_entries.reserve(chunks);
    if (textChars > 0)
        m_text.reserve(textChars);
}

void ChunkList::clear()
{
    m_entries.clear();
    m_text.clear();
}

QStringView ChunkList::textAt(qsizetype i) const
{
    const qsizetype begin = i > 0 ? qsizetype(m_entries.at(i - 1).end) : 0;
    return QStringView(m_text).mid(begin, qsizetype(m_entries.at(i).end) - begin);
}

TraceChunk ChunkList::at(qsizetype i) const
{
    TraceChunk c;
    c.tNs = timeAt(i);
    c.text = textAt(i).toString();
    c.tokens = tokensAt(i);
    c.tokensFromServer = tokensFromServerAt(i);
    c.reasoning = reasoningAt(i);
    return c;
}

void ChunkList::setTokensAt(qsizetype i, qint64 tokens, bool fromServer)
{
    Entry &e = m_entries[i];
    e.tokens = quint32(std::clamp<qint64>(tokens, 0, TokenMask)) | (fromServer ? FromServerFlag : 0u)
        | (e.tokens & ReasoningFlag);
}

void ChunkList::setReasoningAt(qsizetype i, bool reasoning)
{
    Entry &e = m_entries[i];
    e.tokens = (e.tokens & ~ReasoningFlag) | (reasoning ? ReasoningFlag : 0u);
}

void ChunkList::shiftTimes(qint64 deltaNs)
{
    for (Entry &e : m_entries)
        e.tNs += deltaNs;
}

void ChunkList::transformTexts(const std::function<QString(const QString &)> &transform)
{
    ChunkList out;
    out.reserve(size(), m_text.size());
    for (qsizetype i = 0; i < size(); ++i)
        out.append(timeAt(i), transform(textAt(i).toString()), tokensAt(i), tokensFromServerAt(i), reasoningAt(i));
    *this = out;
}

qsizetype ChunkList::memoryBytes() const
{
    return m_entries.capacity() * qsizetype(sizeof(Entry)) + m_text.capacity() * qsizetype(sizeof(QChar));
}

bool ChunkList::operator==(const ChunkList &other) const
{
    if (size() != other.size() || m_text != other.m_text)
        return false;
    for (qsizetype i = 0; i < size(); ++i) {
        const Entry &a = m_entries.at(i);
        const Entry &b = other.m_entries.at(i);
        if (a.tNs != b.tNs || a.end != b.end || a.tokens != b.tokens)
            return false;
    }
    return true;
}
