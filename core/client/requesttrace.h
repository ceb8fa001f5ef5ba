#pragma once

#include "protocol/protocol.h"
#include "protocol/streamitem.h"

#include <QByteArray>
#include <QList>
#include <QMap>
#include <QMetaType>
#include <QString>
#include <QStringView>

#include <functional>
#include <initializer_list>
#include <iterator>

/// \brief Why a request failed, as TokenScope classifies it.
enum class ErrorClass {
    None,
    InvalidRequest, ///< the request could not be built (bad URL, unsupported scheme)
    Dns, ///< the host name did not resolve
    Connect, ///< TCP connection refused or unreachable
    Tls, ///< TLS handshake or certificate verification failed
    HttpStatus, ///< the server answered with a non-2xx status
    ConnectTimeout, ///< no connection within the connect timeout
    FirstTokenTimeout, ///< no first token within the first-token timeout
    StallTimeout, ///< no bytes between chunks for the stall timeout
    TotalTimeout, ///< the whole request took longer than the total timeout
    MalformedStream, ///< the body broke its framing or carried invalid JSON
    ServerError, ///< the server reported an error inside the stream
    Reset, ///< the connection was reset or the body was truncated
    Cancelled, ///< cancelled by the user
};

namespace ErrorClasses {
/// Stable machine name used in JSON/CSV ("dns", "timeout-first-token", ...).
QString name(ErrorClass error);
/// A short translatable label for the UI.
QString label(ErrorClass error);
QList<ErrorClass> all();
/// True when a timeout cut the generation short (first token, stall or total): whatever
/// arrived before it is kept, and the answer is marked as timed out.
bool isGenerationTimeout(ErrorClass error);
} // namespace ErrorClasses

namespace FinishReasons {
/// Why a generation ended, for the UI: the protocols' words ("stop", "length", "max_tokens",
/// "end_turn", "tool_calls", "content_filter", …) as translated labels; an unknown word as is.
QString label(const QString &reason);
} // namespace FinishReasons

/// \brief One piece of streamed content, stamped when its bytes arrived.
struct TraceChunk
{
    qint64 tNs = 0; ///< arrival time (Clock::system())
    QString text;
    qint64 tokens = 1; ///< tokens in this chunk (from the server when it says, else 1)
    bool tokensFromServer = false;
    bool reasoning = false;
};

/*!
 * \brief A request's chunks, kept compact: 16 bytes of time, token count and flags each, their
 * texts one after the other in one string.
 *
 * A long run holds millions of chunks: one allocation per chunk text (a TraceChunk's QString)
 * made the traces several times larger than their text. Reads give TraceChunk values, so code
 * that iterates over chunks reads as before; the per-field accessors avoid building them in hot
 * paths. Copies are implicitly shared, as a QList's.
 */
class ChunkList
{
public:
    ChunkList() = default;
    ChunkList(std::initializer_list<TraceChunk> chunks);
    ChunkList &operator=(std::initializer_list<TraceChunk> chunks);

    void append(const TraceChunk &chunk);
    void append(qint64 tNs, QStringView text, qint64 tokens = 1, bool tokensFromServer = false,
                bool reasoning = false);
    /// Appends \a other's chunks from index \a from up to \a to (-1: its end).
    void appendFrom(const ChunkList &other, qsizetype from, qsizetype to = -1);
    void reserve(qsizetype chunks, qsizetype textChars = 0);
    void clear();

    qsizetype size() const { return m_entries.size(); }
    qsizetype count() const { return m_entries.size(); }
    bool isEmpty() const { return m_entries.isEmpty(); }

    TraceChunk at(qsizetype i) const;
    TraceChunk operator[](qsizetype i) const { return at(i); }
    TraceChunk constFirst() const { return at(0); }
    TraceChunk constLast() const { return at(size() - 1); }
    TraceChunk first() const { return at(0); }
    TraceChunk last() const { return at(size() - 1); }

    qint64 timeAt(qsizetype i) const { return m_entries.at(i).tNs; }
    QStringView textAt(qsizetype i) const;
    qint64 tokensAt(qsizetype i) const { return qint64(m_entries.at(i).tokens & TokenMask); }
    bool tokensFromServerAt(qsizetype i) const { return m_entries.at(i).tokens & FromServerFlag; }
    bool reasoningAt(qsizetype i) const { return m_entries.at(i).tokens & ReasoningFlag; }

    void setTimeAt(qsizetype i, qint64 tNs) { m_entries[i].tNs = tNs; }
    void setTokensAt(qsizetype i, qint64 tokens, bool fromServer);
    void setReasoningAt(qsizetype i, bool reasoning);
    /// Moves every chunk's time by \a deltaNs.
    void shiftTimes(qint64 deltaNs);
    /// Replaces every chunk's text by \a transform of it (e.g. secrets scrubbed).
    void transformTexts(const std::function<QString(const QString &)> &transform);

    /// What the chunks take in memory besides the list objects, in bytes.
    qsizetype memoryBytes() const;

    bool operator==(const ChunkList &other) const;

    class const_iterator
    {
    public:
        using iterator_category = std::random_access_iterator_tag;
        using value_type = TraceChunk;
        using difference_type = qsizetype;
        using pointer = void;
        using reference = TraceChunk;

        const_iterator() = default;
        const_iterator(const ChunkList *list, qsizetype i) : m_list(list), m_i(i) { }
        TraceChunk operator*() const { return m_list->at(m_i); }
        const_iterator &operator++() { ++m_i; return *this; }
        const_iterator operator++(int) { const_iterator old = *this; ++m_i; return old; }
        const_iterator &operator--() { --m_i; return *this; }
        const_iterator &operator+=(difference_type n) { m_i += n; return *this; }
        const_iterator operator+(difference_type n) const { return { m_list, m_i + n }; }
        const_iterator operator-(difference_type n) const { return { m_list, m_i - n }; }
        difference_type operator-(const const_iterator &o) const { return m_i - o.m_i; }
        bool operator==(const const_iterator &o) const { return m_i == o.m_i; }
        bool operator!=(const const_iterator &o) const { return m_i != o.m_i; }
        bool operator<(const const_iterator &o) const { return m_i < o.m_i; }

    private:
        const ChunkList *m_list = nullptr;
        qsizetype m_i = 0;
    };
    const_iterator begin() const { return { this, 0 }; }
    const_iterator end() const { return { this, size() }; }
    const_iterator cbegin() const { return begin(); }
    const_iterator cend() const { return end(); }

private:
    static constexpr quint32 TokenMask = 0x3fffffffu;
    static constexpr quint32 FromServerFlag = 0x40000000u;
    static constexpr quint32 ReasoningFlag = 0x80000000u;
    struct Entry
    {
        qint64 tNs = 0;
        quint32 end = 0; ///< where the chunk's text ends in m_text (UTF-16 units)
        quint32 tokens = 1; ///< the token count (TokenMask) and the two flags
    };
    static_assert(sizeof(Entry) == 16);

    QList<Entry> m_entries;
    QString m_text;
};

/*!
 * \brief Everything one request did, with monotonic nanosecond timestamps.
 *
 * Timestamps are Clock::system() readings; -1 means "did not happen". They are taken in
 * direct connections to the socket's signals, when the bytes arrive.
 */
struct RequestTrace
{
    quint64 id = 0;
    QString endpointName;
    Protocol protocol = Protocol::OpenAIChat;
    QString model;
    QString url; ///< without query secrets (API keys never travel in URLs we build)
    bool streamed = true;

    qint64 scheduledNs = -1; ///< when a load schedule wanted it sent (-1: not scheduled)
    qint64 startNs = -1; ///< the client began working on it
    qint64 dnsDoneNs = -1; ///< host name resolved (new connections only)
    qint64 connectStartNs = -1; ///< TCP connect began (new connections only)
    qint64 connectedNs = -1; ///< TCP connected
    qint64 tlsDoneNs = -1; ///< TLS handshake done (https, new connections only)
    qint64 requestSentNs = -1; ///< the last request byte was handed to the OS
    qint64 responseStartNs = -1; ///< first byte of the response (status line)
    qint64 headersNs = -1; ///< response headers complete
    qint64 firstBodyByteNs = -1; ///< first byte of the body
    qint64 firstTokenNs = -1; ///< first content token of any kind (answer or reasoning)
    qint64 firstAnswerTokenNs = -1; ///< first answer token (after any reasoning)
    qint64 lastTokenNs = -1; ///< last content token
    qint64 endNs = -1; ///< the request ended (success or error)

    /// The proxy the request went through ("http://proxy:3128", "socks5://proxy:1080"; never
    /// its credentials); empty when it went direct. With one, connectStartNs..connectedNs is
    /// the proxy's connect: TCP to it and the tunnel to the server (CONNECT or SOCKS5).
    QString proxy;
    bool reusedConnection = false;
    /// Its bytes' times are the kernel's receive times (SO_TIMESTAMPNS on a plain-TCP socket),
    /// not when a thread of ours read them.
    bool kernelReceiveTimes = false;
    bool tlsVerificationDisabled = false;
    int httpStatus = 0;
    QByteArray requestIdHeader; ///< x-request-id / request-id, when sent
    std::optional<double> serverProcessingMs; ///< openai-processing-ms, when sent
    qint64 bytesSent = 0;
    qint64 bytesReceived = 0;

    Usage usage;
    ServerTimings timings;
    QString text; ///< the answer text received (kept on every error)
    QString reasoning; ///< reasoning text, kept apart
    /// Answer text of every choice after the first, by choice index: a server that answered
    /// several prompts in one request (a Completions prompt array) or n > 1. Not timed.
    QMap<int, QString> otherChoices;
    ChunkList chunks;
    QString finishReason;

    ErrorClass error = ErrorClass::None;
    QString errorMessage;

    bool ok() const { return error == ErrorClass::None; }
};

Q_DECLARE_METATYPE(TraceChunk)
Q_DECLARE_METATYPE(RequestTrace)
