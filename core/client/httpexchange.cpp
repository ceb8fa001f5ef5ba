#include "httpexchange.h"
#include "stampedsocket.h"
#include "epolleventdispatcher.h"

#include "exchangerelay.h"

#include "bodyinflater.h"
#include "connectionpool.h"

#include "common/clock.h"

#include <QCoreApplication>
#include <QThread>
#include <QSslSocket>

namespace {
/// What one read() of an unbuffered socket takes at most.
constexpr qsizetype ReadChunkBytes = 64 * 1024;

constexpr qsizetype MaxHeaderBytes = 64 * 1024;
constexpr qsizetype MaxLineBytes = 16 * 1024;

bool isSslError(QAbstractSocket::SocketError error)
{
    return error == QAbstractSocket::SslHandshakeFailedError || error == QAbstractSocket::SslInternalError
        || error == QAbstractSocket::SslInvalidUserDataError;
}

} // namespace

HttpExchange::HttpExchange(ConnectionPool *pool, Clock *clock, HttpRequestSpec spec,
                           std::unique_ptr<ProtocolAdapter> adapter, RequestOptions options,
                           RequestTrace trace, bool verifyTls, QObject *parent)
    : QObject(parent)
    , m_pool(pool)
    , m_clock(clock)
    , m_spec(std::move(spec))
    , m_adapter(std::move(adapter))
    , m_options(options)
    , m_trace(std::move(trace))
    , m_verifyTls(verifyTls)
{
    m_timer.setParent(this); // a child, so that it moves with the exchange to an I/O thread
    m_timer.setSingleShot(true);
    m_timer.setTimerType(Qt::PreciseTimer);
    connect(&m_timer, &QTimer::timeout, this, &HttpExchange::onTimer);
}

HttpExchange::~HttpExchange()
{
    if (m_relay)
        m_relay->forget(this);
    if (m_socket) {
        dropDirectReader();
        m_socket->disconnect(this);
        m_socket->abort();
    }
}

QString HttpExchange::poolKey() const
{
    const QUrl &url = m_spec.url;
    // A tunnel through a proxy is its own connection: never reused for a direct request.
    return url.scheme() + u'|' + url.host() + u'|'
        + QString::number(url.port(url.scheme() == u"https" ? 443 : 80)) + u'|' + (m_verifyTls ? u'v' : u'n')
        + u'|' + m_proxy.label + u'|' + m_proxy.proxy.user();
}

void HttpExchange::setPool(ConnectionPool *pool)
{
    m_pool = pool;
}

void HttpExchange::setProxy(const ProxyChoice &proxy)
{
    m_proxy = proxy;
    m_proxyError.clear();
}

void HttpExchange::prebuild()
{
    if (m_prebuilt)
        return;
    m_prebuilt = true;
    m_trace.url = m_spec.url.toString(QUrl::RemoveUserInfo | QUrl::RemoveQuery);
    m_trace.tlsVerificationDisabled = !m_verifyTls && m_spec.url.scheme() == u"https";
    const QString scheme = m_spec.url.scheme();
    m_validUrl = m_spec.url.isValid() && !m_spec.url.host().isEmpty() && (scheme == u"http" || scheme == u"https");
    m_plainHttp = scheme == u"http";
    if (!m_validUrl)
        return;

    // Serialise the request once: HTTP/1.1, identity encoding so byte counts are honest.
    QByteArray target = m_spec.url.path(QUrl::FullyEncoded).toLatin1();
    if (target.isEmpty())
        target = "/";
    if (m_spec.url.hasQuery())
        target += '?' + m_spec.url.query(QUrl::FullyEncoded).toLatin1();
    QByteArray host = m_spec.url.host(QUrl::FullyEncoded).toLatin1();
    if (host.contains(':'))
        host = '[' + host + ']';
    if (m_spec.url.port() > 0)
        host += ':' + QByteArray::number(m_spec.url.port());

    QByteArray req;
    req.reserve(512 + m_spec.body.size());
    req += m_spec.method + ' ' + target + " HTTP/1.1\r\nHost: " + host + "\r\n";
    bool hasUserAgent = false;
    for (const auto &[name, value] : std::as_const(m_spec.headers)) {
        if (name.compare("user-agent", Qt::CaseInsensitive) == 0)
            hasUserAgent = true;
        req += name + ": " + value + "\r\n";
    }
    if (!hasUserAgent)
        req += "User-Agent: TokenScope/" TOKENSCOPE_VERSION "\r\n";
    req += "Accept-Encoding: identity\r\n";
    req += m_options.reuseConnections ? "Connection: keep-alive\r\n" : "Connection: close\r\n";
    if (m_spec.method != "GET" || !m_spec.body.isEmpty())
        req += "Content-Length: " + QByteArray::number(m_spec.body.size()) + "\r\n";
    req += "\r\n";
    req += m_spec.body;
    m_requestBytes = std::move(req);
}

void HttpExchange::start()
{
    if (m_state != State::Idle)
        return; // cancelled while it waited for its time, or started already
    if (m_trace.startNs < 0)
        m_trace.startNs = m_clock->nowNs();
    prebuild();
    if (!m_validUrl) {
        finish(ErrorClass::InvalidRequest,
               tr("invalid endpoint URL \"%1\": expected http:// or https:// with a host")
                   .arg(m_spec.url.toString(QUrl::RemoveUserInfo)));
        return;
    }

    if (!m_proxyError.isEmpty()) {
        finish(ErrorClass::InvalidRequest, tr("no usable proxy: %1").arg(m_proxyError));
        return;
    }
    m_trace.proxy = m_proxy.label;
    // A proxy sees a plain-http tunnel's bytes: an API key never goes through one in clear.
    if (!m_proxy.isDirect() && m_plainHttp) {
        for (const auto &[name, value] : std::as_const(m_spec.headers)) {
            const QByteArray n = name.toLower();
            if (!value.isEmpty()
                && (n == "authorization" || n == "x-api-key" || n == "api-key" || n == "x-goog-api-key")) {
                finish(ErrorClass::InvalidRequest,
                       tr("refused to send the API key in clear text through the proxy %1: use https, or set "
                          "the endpoint's proxy to \"none\" (or list %2 in NO_PROXY)")
                           .arg(m_proxy.label, m_spec.url.host()));
                return;
            }
        }
    }

    if (m_options.reuseConnections && m_pool)
        m_socket = m_pool->take(poolKey());
    if (m_socket) {
        m_trace.reusedConnection = true;
        attachSocket();
        markStampedSocket();
        sendRequest();
    } else {
        openConnection();
    }
    if (m_state != State::Done)
        armTimer();
}

void HttpExchange::openConnection()
{
    const bool tls = m_spec.url.scheme() == u"https";
    if (tls) {
        auto *ssl = new QSslSocket;
        if (!m_verifyTls)
            ssl->setPeerVerifyMode(QSslSocket::VerifyNone);
        m_socket.reset(ssl);
    } else if (m_proxy.isDirect()) {
        // Read unbuffered with the kernel's receive times (TLS and proxy sockets keep Qt's
        // buffer, which their engines need).
        m_socket = std::make_unique<StampedTcpSocket>();
    } else {
        m_socket = std::make_unique<QTcpSocket>();
    }
    m_trace.reusedConnection = false;
    // Always set: the application-wide proxy never decides for a measured request.
    m_socket->setProxy(m_proxy.proxy);
    attachSocket();
    m_state = State::Connecting;
    m_connectStartedNs = m_clock->nowNs();
    m_trace.connectStartNs = m_connectStartedNs;

    const quint16 port = quint16(m_spec.url.port(tls ? 443 : 80));
    if (tls) {
        auto *ssl = static_cast<QSslSocket *>(m_socket.get());
        connect(ssl, &QSslSocket::encrypted, this, [this] {
            m_trace.tlsDoneNs = m_clock->nowNs();
            sendRequest();
        });
        ssl->connectToHostEncrypted(m_spec.url.host(), port);
    } else if (m_proxy.isDirect()) {
        m_socket->connectToHost(m_spec.url.host(), port, QIODevice::ReadWrite | QIODevice::Unbuffered);
    } else {
        m_socket->connectToHost(m_spec.url.host(), port);
    }
}

void HttpExchange::attachSocket()
{
    QTcpSocket *s = m_socket.get();
    const bool tls = qobject_cast<QSslSocket *>(s) != nullptr;
    connect(s, &QAbstractSocket::hostFound, this, [this] { m_trace.dnsDoneNs = m_clock->nowNs(); });
    connect(s, &QAbstractSocket::connected, this, [this, tls] {
        m_trace.connectedNs = m_clock->nowNs();
        m_socket->setSocketOption(QAbstractSocket::LowDelayOption, 1);
        // The kernel's receive times only where the trace is on the real clock (tests with a
        // clock of their own decide every time themselves).
        if (auto *stamped = dynamic_cast<StampedTcpSocket *>(m_socket.get()); stamped && m_clock == Clock::system())
            stamped->enableStamps();
        markStampedSocket();
        if (!tls)
            sendRequest();
        notifyProgress(); // last: a listener may cancel, which releases the socket
    });
    connect(s, &QIODevice::readyRead, this, &HttpExchange::onReadyRead);
    connect(s, &QIODevice::bytesWritten, this, &HttpExchange::onBytesWritten);
    connect(s, &QAbstractSocket::errorOccurred, this, &HttpExchange::onSocketError);
    connect(s, &QAbstractSocket::disconnected, this, &HttpExchange::onDisconnected);
}

void HttpExchange::sendRequest()
{
    m_state = State::StatusLine;
    m_written = 0;
    m_trace.bytesSent += m_requestBytes.size();
    m_socket->write(m_requestBytes);
    // An unbuffered socket hands what it can to the kernel inside write() and says nothing of
    // it (bytesWritten() comes only for a rest it had to keep): what left is counted here.
    if (m_socket->openMode() & QIODevice::Unbuffered) {
        const qint64 handedOver = m_requestBytes.size() - m_socket->bytesToWrite();
        if (handedOver > 0)
            onBytesWritten(handedOver);
    }
    armTimer();
}

void HttpExchange::onBytesWritten(qint64 bytes)
{
    m_written += bytes;
    if (m_written >= m_requestBytes.size() && m_trace.requestSentNs < 0) {
        m_trace.requestSentNs = m_clock->nowNs();
        notifyProgress();
    }
}

void HttpExchange::onReadyRead()
{
    // The arrival time of these bytes: taken before anything else is done with them.
    const qint64 now = m_clock->nowNs();
    if (m_state == State::Done || !m_socket)
        return;
    if (!(m_socket->openMode() & QIODevice::Unbuffered)) {
        const QByteArray data = m_socket->readAll();
        received(data, now);
        return;
    }
    readUnbuffered(dynamic_cast<StampedTcpSocket *>(m_socket.get()), now, false);
}

void HttpExchange::readUnbuffered(StampedTcpSocket *stamped, qint64 now, bool direct,
                                  const EpollEventDispatcher::BatchedRead *taken)
{
    // The kernel's receive time of each read, where it stamps this socket's segments: a token
    // then keeps the time it came even when this thread got to it late. The kernel's clock is
    // the wall clock; it is brought onto the trace's through a pair of readings taken now.
    const qint64 realNow = stamped && stamped->stampsEnabled() ? StampedTcpSocket::realNowNs() : 0;
    const auto arrivedAt = [&](qint64 stampRealNs) {
        if (stampRealNs <= 0 || realNow <= 0)
            return now;
        m_trace.kernelReceiveTimes = true;
        return arrivalTime(now, realNow, stampRealNs);
    };
    // The loop's read comes first; one that filled its buffer may have left more, read here.
    if (taken) {
        if (taken->bytes > 0)
            received(QByteArrayView(taken->data, taken->bytes), arrivedAt(taken->stampRealNs));
        if (taken->bytes < taken->capacity)
            return;
    }
    // An unbuffered socket: straight from the kernel into one buffer of this thread's, one
    // read() per wake-up, where a buffered one asks the kernel how much there is first and
    // copies twice. The buffer is lent to one read at a time (a listener's nested event loop
    // could start another one here).
    thread_local QByteArray threadBuffer;
    thread_local bool lent = false;
    QByteArray own;
    QByteArray &buffer = lent ? own : threadBuffer;
    if (buffer.size() != ReadChunkBytes)
        buffer.resize(ReadChunkBytes);
    const bool lending = !lent;
    lent = true;
    while (m_socket && m_state != State::Done) {
        qint64 n = -1;
        qint64 at = now;
        if (stamped) {
            const StampedTcpSocket::Read got = stamped->readStamped(buffer.data(), buffer.size(), direct);
            n = got.bytes;
            at = arrivedAt(got.stampRealNs);
        }
        if (n < 0)
            n = m_socket->read(buffer.data(), buffer.size());
        if (n < 0) {
            // An unbuffered socket says nothing of a close or an error: read() returns -1 and
            // the socket is unconnected, with the reason in error().
            if (lending)
                lent = false;
            const QAbstractSocket::SocketError error = m_socket->error();
            if (error == QAbstractSocket::RemoteHostClosedError)
                onDisconnected();
            else
                onSocketError(error);
            return;
        }
        if (n == 0)
            break;
        received(QByteArrayView(buffer.constData(), n), at);
        if (n < buffer.size())
            break;
    }
    if (lending)
        lent = false;
}

void HttpExchange::markStampedSocket()
{
    auto *stamped = dynamic_cast<StampedTcpSocket *>(m_socket.get());
    if (!stamped)
        return;
    // Once per connection and request, not per read: its thread may then wait to read it.
    if (stamped->stampsEnabled())
        EpollEventDispatcher::markStamped(stamped->socketDescriptor());
    // Its read news straight to onReadyRead(), which is all its readyRead() would do: an
    // unbuffered socket read with recvmsg() needs nothing of Qt's chain in between. Not where
    // nothing is read (the exchange is over): Qt's socket then holds the news as usual.
    // dropDirectReader() ends it before the socket goes to the pool or away, or this goes.
    // With the kernel's receive times, the loop may make the read itself, together with the
    // other sockets one wait reported (one system call for all of them).
    auto reader = [this, stamped](const EpollEventDispatcher::BatchedRead *taken) {
        if (m_state == State::Done || m_socket.get() != stamped)
            return false;
        readUnbuffered(stamped, m_clock->nowNs(), true, taken);
        return true;
    };
    const bool direct = stamped->stampsEnabled()
        ? EpollEventDispatcher::setBatchedReader(stamped->socketDescriptor(), std::move(reader))
        : EpollEventDispatcher::setDirectReader(stamped->socketDescriptor(), [reader] { return reader(nullptr); });
    stamped->setReadDirectly(direct);
}

void HttpExchange::dropDirectReader()
{
    auto *stamped = dynamic_cast<StampedTcpSocket *>(m_socket.get());
    if (!stamped)
        return;
    stamped->setReadDirectly(false);
    if (thread() == QThread::currentThread())
        EpollEventDispatcher::setDirectReader(stamped->socketDescriptor(), nullptr);
}

qint64 HttpExchange::arrivalTime(qint64 now, qint64 realNow, qint64 stampRealNs)
{
    constexpr qint64 Plausible = 10'000'000'000; // 10 s: beyond, the wall clock was stepped
    const qint64 age = realNow - stampRealNs;
    qint64 at = now;
    if (age < Plausible && age > -Plausible) {
        at = now - age;
        // Bytes that came after the pair of readings were taken (a later read of this pass).
        if (at > now)
            at = std::min(at, m_clock->nowNs());
    }
    // Never before what this exchange already saw: a reply cannot come before its request
    // left (on loopback the server can answer before write() has returned to us).
    m_lastArrivalNs = std::max({ at, m_lastArrivalNs, m_trace.requestSentNs });
    return m_lastArrivalNs;
}

void HttpExchange::received(QByteArrayView data, qint64 now)
{
    if (data.isEmpty())
        return;
    if (m_trace.responseStartNs < 0)
        m_trace.responseStartNs = now;
    if (m_trace.requestSentNs < 0)
        m_trace.requestSentNs = now; // bytesWritten can trail the answer on loopback
    m_sawResponseByte = true;
    m_lastActivityNs = now;
    m_trace.bytesReceived += data.size();
    const bool hadToken = m_trace.firstTokenNs >= 0;
    consume(data, now);
    // The first token swaps the first-token deadline for the (usually shorter) stall one.
    // Later reads only move the stall deadline; onTimer() re-arms lazily for those.
    if (!hadToken && m_trace.firstTokenNs >= 0)
        armTimer();
}

bool HttpExchange::takeLine(QByteArrayView &data, QByteArrayView &line)
{
    const qsizetype nl = data.indexOf('\n');
    if (nl < 0) {
        m_line += data;
        data = {};
        if (m_line.size() > MaxLineBytes)
            finish(ErrorClass::MalformedStream, tr("the response has a header or chunk line over 16 KiB"));
        return false;
    }
    if (m_line.isEmpty()) {
        line = data.first(nl); // the usual case, a chunk's size line: read in place, no copy
    } else {
        m_line += data.first(nl);
        m_assembled.swap(m_line);
        m_line.clear();
        line = m_assembled;
    }
    data = data.sliced(nl + 1);
    if (line.endsWith('\r'))
        line.chop(1);
    return true;
}

void HttpExchange::consume(QByteArrayView data, qint64 nowNs)
{
    QByteArrayView line;
    while (!data.isEmpty() && m_state != State::Done) {
        switch (m_state) {
        case State::StatusLine:
            if (takeLine(data, line)) {
                m_headerBytes += line.size();
                handleStatusLine(line.toByteArray());
            }
            break;
        case State::Headers:
            if (takeLine(data, line)) {
                m_headerBytes += line.size() + 2;
                if (m_headerBytes > MaxHeaderBytes) {
                    finish(ErrorClass::MalformedStream, tr("the response headers exceed 64 KiB"));
                    return;
                }
                if (line.isEmpty()) {
                    if (m_trace.headersNs < 0 || m_trace.httpStatus >= 200)
                        m_trace.headersNs = nowNs;
                    headersComplete();
                    if (m_state == State::Done)
                        return;
                    notifyProgress();
                    if (m_state == State::BodyLength && m_remaining == 0) {
                        bodyComplete(nowNs);
                        return;
                    }
                } else {
                    handleHeaderLine(line.toByteArray());
                }
            }
            break;
        case State::ChunkSize:
            if (takeLine(data, line)) {
                const qsizetype semi = line.indexOf(';');
                const QByteArrayView hex = (semi >= 0 ? line.first(semi) : line).trimmed();
                bool ok = false;
                const qint64 size = hex.toLongLong(&ok, 16);
                if (!ok || size < 0 || hex.isEmpty()) {
                    finish(ErrorClass::MalformedStream, tr("invalid chunked encoding: bad chunk size line"));
                    return;
                }
                if (size == 0) {
                    m_state = State::Trailers;
                } else {
                    m_remaining = size;
                    m_state = State::ChunkData;
                }
            }
            break;
        case State::ChunkData: {
            const qsizetype n = qsizetype(qMin<qint64>(m_remaining, data.size()));
            feedBody(data.first(n), nowNs);
            data = data.sliced(n);
            m_remaining -= n;
            if (m_remaining == 0 && m_state == State::ChunkData)
                m_state = State::ChunkDataEnd;
            break;
        }
        case State::ChunkDataEnd:
            if (takeLine(data, line)) {
                if (!line.isEmpty()) {
                    finish(ErrorClass::MalformedStream,
                           tr("invalid chunked encoding: chunk longer than its size"));
                    return;
                }
                m_state = State::ChunkSize;
            }
            break;
        case State::Trailers:
            if (takeLine(data, line) && line.isEmpty()) {
                bodyComplete(nowNs);
                return;
            }
            break;
        case State::BodyLength: {
            const qsizetype n = qsizetype(qMin<qint64>(m_remaining, data.size()));
            feedBody(data.first(n), nowNs);
            data = data.sliced(n);
            m_remaining -= n;
            if (m_remaining == 0 && m_state == State::BodyLength) {
                bodyComplete(nowNs);
                return;
            }
            break;
        }
        case State::BodyUntilClose:
            feedBody(data, nowNs);
            data = {};
            break;
        case State::Idle:
        case State::Connecting:
        case State::Done:
            return;
        }
    }
    if (m_state == State::Trailers && m_line.isEmpty() && data.isEmpty()) {
        // "0\r\n" seen; the final CRLF may still be on its way.
    }
}

void HttpExchange::handleStatusLine(const QByteArray &line)
{
    // HTTP/1.1 200 OK
    const QList<QByteArray> parts = line.split(' ');
    bool ok = false;
    const int status = parts.size() >= 2 ? parts.at(1).toInt(&ok) : 0;
    if (!line.startsWith("HTTP/") || !ok || status < 100 || status > 999) {
        finish(ErrorClass::MalformedStream,
               tr("the server did not answer with HTTP: \"%1\"")
                   .arg(QString::fromUtf8(line.left(80)).toHtmlEscaped()));
        return;
    }
    m_trace.httpStatus = status;
    m_keepAlive = !line.startsWith("HTTP/1.0");
    m_chunked = false;
    m_contentLength = -1;
    m_state = State::Headers;
}

void HttpExchange::handleHeaderLine(const QByteArray &line)
{
    const qsizetype colon = line.indexOf(':');
    if (colon <= 0)
        return; // tolerated, as browsers do
    const QByteArray name = line.left(colon).trimmed().toLower();
    const QByteArray value = line.mid(colon + 1).trimmed();
    if (name == "content-length") {
        bool ok = false;
        const qint64 n = value.toLongLong(&ok);
        m_contentLength = ok && n >= 0 ? n : -1;
    } else if (name == "transfer-encoding") {
        m_chunked = value.toLower().contains("chunked");
    } else if (name == "connection") {
        const QByteArray v = value.toLower();
        if (v.contains("close"))
            m_keepAlive = false;
        else if (v.contains("keep-alive"))
            m_keepAlive = true;
    } else if (name == "content-type") {
        m_contentType = value.toLower();
    } else if (name == "content-encoding") {
        m_contentEncoding = value.toLower();
    } else if (name == "retry-after") {
        m_retryAfter = value;
    } else if (name == "x-request-id" || name == "request-id" || name == "x-amzn-requestid"
               || name == "cf-ray") {
        if (m_trace.requestIdHeader.isEmpty())
            m_trace.requestIdHeader = value.left(200);
    } else if (name == "openai-processing-ms") {
        bool ok = false;
        const double ms = value.toDouble(&ok);
        if (ok)
            m_trace.serverProcessingMs = ms;
    }
}

void HttpExchange::headersComplete()
{
    const int status = m_trace.httpStatus;
    if (status >= 100 && status < 200) {
        // Interim response (100 Continue, 103 Early Hints): the real one follows.
        m_state = State::StatusLine;
        return;
    }
    m_successStatus = status >= 200 && status < 300;

    if (!m_contentEncoding.isEmpty() && m_contentEncoding != "identity") {
        m_inflater = BodyInflater::create(m_contentEncoding);
        if (!m_inflater) {
            finish(ErrorClass::MalformedStream,
                   tr("the server sent a body with Content-Encoding \"%1\", which TokenScope cannot decode")
                       .arg(QString::fromLatin1(m_contentEncoding.left(40))));
            return;
        }
    }

    if (m_successStatus) {
        // A server may answer a streaming request with one JSON document (it ignored the
        // stream flag, or it reports an error that way): read what it actually sent.
        m_bodyFormat = m_trace.streamed ? m_adapter->streamFormat() : WireFormat::Json;
        if (m_trace.streamed && m_contentType.startsWith(Protocols::JsonContentType))
            m_bodyFormat = WireFormat::Json;
        m_decoder = StreamDecoder::create(m_bodyFormat, m_options.maxEventBytes);
    }

    if (status == 204 || status == 304) {
        m_state = State::BodyLength;
        m_remaining = 0;
    } else if (m_chunked) {
        m_state = State::ChunkSize;
    } else if (m_contentLength >= 0) {
        m_state = State::BodyLength;
        m_remaining = m_contentLength;
    } else {
        m_state = State::BodyUntilClose;
        m_keepAlive = false;
    }
}

void HttpExchange::feedBody(QByteArrayView bytes, qint64 nowNs)
{
    if (bytes.isEmpty())
        return;
    if (m_trace.firstBodyByteNs < 0)
        m_trace.firstBodyByteNs = nowNs;
    if (m_inflater) {
        m_inflated.clear();
        if (!m_inflater->inflate(bytes, m_inflated)) {
            finish(ErrorClass::MalformedStream, m_inflater->errorString());
            return;
        }
        bytes = m_inflated;
        if (bytes.isEmpty())
            return;
    }
    if (!m_successStatus) {
        const qsizetype room = m_options.maxErrorBodyBytes - m_errorBody.size();
        if (room > 0)
            m_errorBody += bytes.first(qMin(room, bytes.size()));
        return;
    }
    if (!m_decoder->feed(bytes, m_events)) {
        processEvents(nowNs);
        if (m_state != State::Done)
            finish(ErrorClass::MalformedStream, m_decoder->errorString());
        return;
    }
    processEvents(nowNs);
}

void HttpExchange::processEvents(qint64 nowNs)
{
    if (m_events.isEmpty())
        return;
    for (const WireEvent &event : std::as_const(m_events)) {
        if (m_adapter->isComplete())
            break; // anything after the end marker is ignored
        if (m_bodyFormat == WireFormat::Json)
            m_adapter->handleBody(event.data, m_items);
        else
            m_adapter->handleEvent(event, m_items);
        for (const StreamItem &item : std::as_const(m_items)) {
            applyItem(item, nowNs);
            if (m_state == State::Done)
                break;
        }
        m_items.clear();
        if (m_state == State::Done)
            break;
    }
    m_events.clear();
}

void HttpExchange::applyItem(const StreamItem &item, qint64 nowNs)
{
    switch (item.kind) {
    case StreamItem::Kind::TextDelta:
    case StreamItem::Kind::ReasoningDelta: {
        if (item.text.isEmpty() && !item.tokens)
            return; // role-only or keep-alive chunks carry no token
        if (item.choice > 0) {
            QString &other = m_trace.otherChoices[item.choice];
            other += item.text;
            m_otherChoiceChars += item.text.size();
            if (m_otherChoiceChars + m_trace.text.size() > m_options.maxTextChars)
                finish(ErrorClass::MalformedStream,
                       tr("the response text exceeds %1 MiB; the rest was not read")
                           .arg(m_options.maxTextChars / (1024 * 1024)));
            return;
        }
        const bool reasoning = item.kind == StreamItem::Kind::ReasoningDelta;
        TraceChunk chunk;
        chunk.tNs = nowNs;
        chunk.text = item.text;
        chunk.reasoning = reasoning;
        if (item.tokens) {
            chunk.tokens = *item.tokens;
            chunk.tokensFromServer = true;
        }
        if (m_trace.firstTokenNs < 0)
            m_trace.firstTokenNs = nowNs;
        if (!reasoning && m_trace.firstAnswerTokenNs < 0)
            m_trace.firstAnswerTokenNs = nowNs;
        m_trace.lastTokenNs = nowNs;
        (reasoning ? m_trace.reasoning : m_trace.text) += item.text;
        m_trace.chunks.append(chunk);
        notifyChunk(chunk);
        if (m_trace.text.size() + m_trace.reasoning.size() > m_options.maxTextChars)
            finish(ErrorClass::MalformedStream,
                   tr("the response text exceeds %1 MiB; the rest was not read")
                       .arg(m_options.maxTextChars / (1024 * 1024)));
        return;
    }
    case StreamItem::Kind::Usage:
        if (item.usage.promptTokens)
            m_trace.usage.promptTokens = item.usage.promptTokens;
        if (item.usage.completionTokens)
            m_trace.usage.completionTokens = item.usage.completionTokens;
        if (item.usage.reasoningTokens)
            m_trace.usage.reasoningTokens = item.usage.reasoningTokens;
        if (item.usage.cachedPromptTokens)
            m_trace.usage.cachedPromptTokens = item.usage.cachedPromptTokens;
        return;
    case StreamItem::Kind::Timings: {
        ServerTimings merged = item.timings;
        merged.mergeFrom(m_trace.timings);
        m_trace.timings = merged;
        return;
    }
    case StreamItem::Kind::Finish:
        m_trace.finishReason = item.finishReason;
        return;
    case StreamItem::Kind::Error:
        if (item.errorType == u"malformed")
            finish(ErrorClass::MalformedStream, item.text);
        else
            finish(ErrorClass::ServerError,
                   item.errorType.isEmpty() ? item.text : item.errorType + u": " + item.text);
        return;
    }
}

void HttpExchange::bodyComplete(qint64 nowNs)
{
    if (m_state == State::Done)
        return;
    if (!m_successStatus) {
        QString message = QStringLiteral("HTTP %1: %2")
                              .arg(m_trace.httpStatus)
                              .arg(ProtocolAdapter::errorMessageFromBody(m_errorBody, m_trace.httpStatus));
        if (!m_retryAfter.isEmpty())
            message += tr(" (retry after %1)").arg(QString::fromLatin1(m_retryAfter.left(40)));
        m_state = State::Idle;
        releaseSocket(m_keepAlive);
        finish(ErrorClass::HttpStatus, message);
        return;
    }
    m_decoder->finish(m_events);
    processEvents(nowNs);
    if (m_state == State::Done)
        return;
    if (m_decoder->hasError()) {
        finish(ErrorClass::MalformedStream, m_decoder->errorString());
        return;
    }
    m_state = State::Idle;
    releaseSocket(m_keepAlive);
    if (m_trace.streamed && !m_adapter->isComplete() && m_trace.finishReason.isEmpty()
        && m_bodyFormat != WireFormat::Json) {
        finish(ErrorClass::Reset,
               tr("the stream ended without the protocol's end marker (truncated response)"));
        return;
    }
    finish(ErrorClass::None);
}

bool HttpExchange::retryOnFreshConnection()
{
    // A parked keep-alive connection the server had already closed: the request never
    // reached it, so sending it again on a new connection is safe and is what browsers do.
    if (!m_trace.reusedConnection || m_retried || m_sawResponseByte)
        return false;
    m_retried = true;
    dropDirectReader();
    m_socket->disconnect(this);
    m_socket->abort();
    m_socket.release()->deleteLater();
    m_trace.requestSentNs = -1;
    m_trace.bytesSent = 0;
    openConnection();
    return true;
}

void HttpExchange::onSocketError(QAbstractSocket::SocketError error)
{
    if (m_state == State::Done)
        return;
    const QString detail = m_socket ? m_socket->errorString() : QString();
    const QString hostPort = m_spec.url.host() + u':'
        + QString::number(m_spec.url.port(m_spec.url.scheme() == u"https" ? 443 : 80));
    // The proxy's own failures name the proxy: the server was never reached.
    const QString proxy = m_proxy.label;
    switch (error) {
    case QAbstractSocket::ProxyConnectionRefusedError:
        finish(ErrorClass::Connect, tr("connection refused by the proxy %1").arg(proxy));
        return;
    case QAbstractSocket::ProxyNotFoundError:
        finish(ErrorClass::Dns, tr("could not resolve the proxy %1").arg(proxy));
        return;
    case QAbstractSocket::ProxyAuthenticationRequiredError:
        finish(ErrorClass::Connect,
               tr("the proxy %1 asks for credentials: give them in the proxy URL of HTTPS_PROXY or ALL_PROXY")
                   .arg(proxy));
        return;
    case QAbstractSocket::ProxyConnectionTimeoutError:
        finish(ErrorClass::ConnectTimeout, tr("the proxy %1 did not answer in time").arg(proxy));
        return;
    case QAbstractSocket::ProxyConnectionClosedError:
    case QAbstractSocket::ProxyProtocolError:
        finish(ErrorClass::Connect,
               tr("the proxy %1 would not open a tunnel to %2: %3").arg(proxy, hostPort, detail));
        return;
    case QAbstractSocket::HostNotFoundError:
        finish(ErrorClass::Dns, tr("could not resolve host \"%1\"").arg(m_spec.url.host()));
        return;
    case QAbstractSocket::ConnectionRefusedError:
        finish(ErrorClass::Connect, tr("connection refused by %1").arg(hostPort));
        return;
    case QAbstractSocket::RemoteHostClosedError:
        onDisconnected();
        return;
    default:
        break;
    }
    if (isSslError(error)) {
        finish(ErrorClass::Tls, tr("TLS handshake with %1 failed: %2").arg(hostPort, detail));
        return;
    }
    if (m_state == State::Connecting) {
        finish(ErrorClass::Connect, tr("could not connect to %1: %2").arg(hostPort, detail));
        return;
    }
    if (retryOnFreshConnection())
        return;
    finish(ErrorClass::Reset, tr("connection to %1 failed: %2").arg(hostPort, detail));
}

void HttpExchange::onDisconnected()
{
    if (m_state == State::Done || !m_socket)
        return;
    const qint64 now = m_clock->nowNs();
    // Bytes may still be buffered when the close is reported.
    if (m_socket->bytesAvailable() > 0)
        onReadyRead();
    if (m_state == State::Done)
        return;
    if (m_state == State::BodyUntilClose) {
        bodyComplete(now);
        return;
    }
    if (m_trace.headersNs >= 0 && !m_successStatus && m_trace.httpStatus >= 200) {
        // The status already says what went wrong; a cut-short error body does not change it.
        bodyComplete(now);
        return;
    }
    if (m_successStatus && m_adapter->isComplete()) {
        // The server said the stream was over; it only skipped the body's terminator.
        m_keepAlive = false;
        finish(ErrorClass::None);
        return;
    }
    if (m_state == State::StatusLine && retryOnFreshConnection())
        return;
    if (m_state == State::Connecting) {
        finish(ErrorClass::Connect, tr("the connection closed while connecting"));
        return;
    }
    if (!m_sawResponseByte) {
        finish(ErrorClass::Reset, tr("the server closed the connection before answering"));
        return;
    }
    finish(ErrorClass::Reset,
           m_trace.headersNs < 0
               ? tr("the connection closed in the middle of the response headers")
               : tr("the connection closed before the response was complete (reset or truncated body)"));
}

void HttpExchange::armTimer()
{
    if (m_state == State::Done)
        return;
    const qint64 now = m_clock->nowNs();
    qint64 deadline = std::numeric_limits<qint64>::max();
    auto consider = [&deadline](qint64 at) {
        deadline = qMin(deadline, at);
    };
    const bool connecting = m_state == State::Connecting;
    if (connecting && m_options.connectTimeoutMs > 0)
        consider(m_connectStartedNs + Time::msToNs(double(m_options.connectTimeoutMs)));
    if (m_trace.firstTokenNs < 0 && m_options.firstTokenTimeoutMs > 0)
        consider(m_trace.startNs + Time::msToNs(double(m_options.firstTokenTimeoutMs)));
    if (m_trace.firstTokenNs >= 0 && m_options.stallTimeoutMs > 0)
        consider(qMax(m_lastActivityNs, m_trace.firstTokenNs)
                 + Time::msToNs(double(m_options.stallTimeoutMs)));
    if (m_options.totalTimeoutMs > 0)
        consider(m_trace.startNs + Time::msToNs(double(m_options.totalTimeoutMs)));
    if (deadline == std::numeric_limits<qint64>::max()) {
        m_timer.stop();
        return;
    }
    const qint64 waitMs = qMax<qint64>(0, (deadline - now + 999'999) / 1'000'000);
    m_timer.start(int(qMin<qint64>(waitMs, std::numeric_limits<int>::max())));
}

void HttpExchange::onTimer()
{
    if (m_state == State::Done)
        return;
    const qint64 now = m_clock->nowNs();
    auto expired = [now](qint64 since, qint64 limitMs) {
        return limitMs > 0 && since >= 0 && now - since >= Time::msToNs(double(limitMs));
    };
    if (m_state == State::Connecting && expired(m_connectStartedNs, m_options.connectTimeoutMs)) {
        finish(ErrorClass::ConnectTimeout,
               tr("no connection to %1 within %2 ms").arg(m_spec.url.host()).arg(m_options.connectTimeoutMs));
        return;
    }
    if (expired(m_trace.startNs, m_options.totalTimeoutMs)) {
        finish(ErrorClass::TotalTimeout,
               tr("the request took longer than the total timeout of %1 ms").arg(m_options.totalTimeoutMs));
        return;
    }
    if (m_trace.firstTokenNs < 0 && expired(m_trace.startNs, m_options.firstTokenTimeoutMs)) {
        finish(ErrorClass::FirstTokenTimeout,
               tr("no first token within %1 ms").arg(m_options.firstTokenTimeoutMs));
        return;
    }
    if (m_trace.firstTokenNs >= 0
        && expired(qMax(m_lastActivityNs, m_trace.firstTokenNs), m_options.stallTimeoutMs)) {
        if (m_adapter->isComplete()) {
            // Everything was said; only the body's end never came.
            m_keepAlive = false;
            finish(ErrorClass::None);
        } else {
            finish(ErrorClass::StallTimeout,
                   tr("the stream stalled: no data for %1 ms").arg(m_options.stallTimeoutMs));
        }
        return;
    }
    armTimer();
}

void HttpExchange::cancel()
{
    if (m_state != State::Done)
        finish(ErrorClass::Cancelled, tr("cancelled"));
}

void HttpExchange::releaseSocket(bool reusable)
{
    if (!m_socket)
        return;
    dropDirectReader();
    m_socket->disconnect(this);
    if (reusable && m_options.reuseConnections && m_pool
        && m_socket->state() == QAbstractSocket::ConnectedState && m_socket->bytesAvailable() == 0) {
        m_pool->giveBack(poolKey(), std::move(m_socket));
        m_connectionKept = true;
        return;
    }
    // An error or a half-read body leaves the connection unusable. We may be inside one of
    // the socket's own signals, so it is deleted later.
    m_socket->abort();
    m_socket.release()->deleteLater();
}

void HttpExchange::finish(ErrorClass error, const QString &message)
{
    if (m_state == State::Done)
        return;
    const bool clean = error == ErrorClass::None && m_keepAlive;
    m_state = State::Done;
    m_timer.stop();
    m_trace.endNs = m_clock->nowNs();
    m_trace.error = error;
    m_trace.errorMessage = message;
    if (m_socket) {
        // A socket must not be deleted inside its own signal emission.
        dropDirectReader();
        m_socket->disconnect(this);
        if (clean) {
            releaseSocket(true);
        } else {
            m_socket->abort();
            m_socket.release()->deleteLater();
        }
    }
    notifyFinished();
}

void HttpExchange::markForRelay()
{
    if (!m_marked) {
        m_marked = true;
        m_relay->mark(this);
    }
}

void HttpExchange::notifyProgress()
{
    if (!m_relay) {
        Q_EMIT progressed();
        return;
    }
    ++m_progressPending;
    markForRelay();
}

void HttpExchange::notifyChunk(const TraceChunk &chunk)
{
    if (!m_relay) {
        Q_EMIT chunkReceived(chunk);
        return;
    }
    // Nobody shows chunks live (a load run): they travel once, with the final trace.
    if (m_live.load(std::memory_order_relaxed))
        markForRelay();
}

void HttpExchange::notifyFinished()
{
    if (!m_relay) {
        Q_EMIT finished();
        return;
    }
    markForRelay();
}

ExchangeUpdate HttpExchange::takeUpdate()
{
    m_marked = false;
    ExchangeUpdate update;
    update.id = m_trace.id;
    update.progressed = std::exchange(m_progressPending, 0);
    if (m_state == State::Done) {
        update.finished = true;
        update.connectionKept = m_connectionKept;
        update.trace = std::move(m_trace);
        return update;
    }
    // The fields without the growing ones: a copy that shared the text would make the next
    // token here copy all of it.
    ChunkList chunks = std::move(m_trace.chunks);
    QString text = std::move(m_trace.text);
    QString reasoning = std::move(m_trace.reasoning);
    update.trace = m_trace;
    m_trace.chunks = std::move(chunks);
    m_trace.text = std::move(text);
    m_trace.reasoning = std::move(reasoning);
    if (m_live.load(std::memory_order_relaxed)) {
        update.newChunks.appendFrom(m_trace.chunks, m_sentChunks);
        update.newText = m_trace.text.mid(m_sentText);
        update.newReasoning = m_trace.reasoning.mid(m_sentReasoning);
        m_sentChunks = m_trace.chunks.size();
        m_sentText = m_trace.text.size();
        m_sentReasoning = m_trace.reasoning.size();
    }
    return update;
}
