#include "httpserverconnection.h"

#include <QTcpSocket>
#include <QTimer>

#ifdef Q_OS_UNIX
#include <sys/socket.h>

namespace Sim {
#endif

namespace {

QByteArray errorJson(const QByteArray &message)
{
    // Built by hand: the messages below are fixed ASCII, no escaping needed.
    return QByteArrayLiteral("{\"error\":{\"message\":\"") + message
        + QByteArrayLiteral("\",\"type\":\"invalid_request_error\"}}");
}

bool isToken(QByteArrayView text)
{
    if (text.isEmpty())
        return false;
    for (const char c : text) {
        const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
            || QByteArrayView("!#$%&'*+-.^_`|~").contains(c);
        if (!ok)
            return false;
    }
    return true;
}

} // namespace

QByteArray HttpRequest::header(QByteArrayView lowerName) const
{
    for (const auto &[name, value] : headers) {
        if (name == lowerName)
            return value;
    }
    return {};
}

HttpServerConnection::HttpServerConnection(QTcpSocket *socket, QObject *parent)
    : QObject(parent)
    , m_socket(socket)
    , m_idleTimer(new QTimer(this))
{
    socket->setParent(this);
    // Tokens are tiny writes that must leave at once; Nagle would hold them for an ACK.
    socket->setSocketOption(QAbstractSocket::LowDelayOption, 1);
    m_idleTimer->setSingleShot(true);
    m_idleTimer->setInterval(IdleTimeoutMs);
    connect(m_idleTimer, &QTimer::timeout, this, &HttpServerConnection::closeGracefully);
    connect(socket, &QTcpSocket::readyRead, this, &HttpServerConnection::onReadyRead);
    connect(socket, &QTcpSocket::disconnected, this, &HttpServerConnection::onDisconnected);
    connect(socket, &QTcpSocket::errorOccurred, this, [this](QAbstractSocket::SocketError error) {
        if (error == QAbstractSocket::RemoteHostClosedError || !isConnected())
            onDisconnected();
    });
    m_idleTimer->start();
    // Bytes may have arrived before we connected to readyRead.
    if (socket->bytesAvailable() > 0)
        QMetaObject::invokeMethod(this, &HttpServerConnection::onReadyRead, Qt::QueuedConnection);
}

HttpServerConnection::~HttpServerConnection() = default;

bool HttpServerConnection::isConnected() const
{
    return m_socket && !m_closing && !m_closedEmitted && m_socket->state() == QAbstractSocket::ConnectedState;
}

void HttpServerConnection::onReadyRead()
{
    if (!m_socket)
        return;
    m_buffer += m_socket->readAll();
    processBuffer();
}

void HttpServerConnection::processBuffer()
{
    if (m_busy || m_closing || m_closedEmitted)
        return;
    // RFC 9112 2.2: ignore empty lines before a request line.
    while (m_buffer.startsWith("\r\n"))
        m_buffer.remove(0, 2);
    if (m_buffer.isEmpty())
        return;

    const qsizetype headerEnd = m_buffer.indexOf("\r\n\r\n");
    if (headerEnd < 0) {
        if (m_buffer.size() > MaxHeaderBytes)
            rejectRequest(431, QByteArrayLiteral("request headers too large"));
        return;
    }
    if (headerEnd + 4 > MaxHeaderBytes) {
        rejectRequest(431, QByteArrayLiteral("request headers too large"));
        return;
    }

    const QList<QByteArray> lines = m_buffer.left(headerEnd).split('\n');
    HttpRequest request;
    const QList<QByteArray> requestLine = lines.first().trimmed().split(' ');
    if (requestLine.size() != 3 || !isToken(requestLine.at(0)) || requestLine.at(1).isEmpty()
        || !requestLine.at(1).startsWith('/')) {
        rejectRequest(400, QByteArrayLiteral("malformed request line"));
        return;
    }
    const QByteArray &version = requestLine.at(2);
    if (!version.startsWith("HTTP/")) {
        rejectRequest(400, QByteArrayLiteral("malformed request line"));
        return;
    }
    if (version != "HTTP/1.1" && version != "HTTP/1.0") {
        rejectRequest(505, QByteArrayLiteral("only HTTP/1.0 and HTTP/1.1 are supported"));
        return;
    }
    request.method = requestLine.at(0);
    request.target = requestLine.at(1);
    const qsizetype q = request.target.indexOf('?');
    request.path = q < 0 ? request.target : request.target.left(q);
    request.query = q < 0 ? QByteArray() : request.target.mid(q + 1);

    qint64 contentLength = 0;
    bool haveLength = false;
    for (qsizetype i = 1; i < lines.size(); ++i) {
        QByteArray line = lines.at(i);
        if (line.endsWith('\r'))
            line.chop(1);
        const qsizetype colon = line.indexOf(':');
        // Obsolete line folding (a leading space) is rejected, as RFC 9112 allows.
        if (colon <= 0 || line.startsWith(' ') || line.startsWith('\t')
            || !isToken(QByteArrayView(line).first(colon))) {
            rejectRequest(400, QByteArrayLiteral("malformed header line"));
            return;
        }
        const QByteArray name = line.left(colon).toLower();
        const QByteArray value = line.mid(colon + 1).trimmed();
        if (name == "content-length") {
            bool ok = false;
            const qint64 length = value.toLongLong(&ok);
            if (!ok || length < 0 || (haveLength && length != contentLength)) {
                rejectRequest(400, QByteArrayLiteral("invalid Content-Length"));
                return;
            }
            contentLength = length;
            haveLength = true;
        } else if (name == "transfer-encoding") {
            // Request bodies with chunked coding are not needed by any client we simulate.
            rejectRequest(501, QByteArrayLiteral("Transfer-Encoding in requests is not supported"));
            return;
        }
        request.headers.append({ name, value });
    }
    if (contentLength > MaxBodyBytes) {
        rejectRequest(413, QByteArrayLiteral("request body too large"));
        return;
    }

    const qsizetype bodyStart = headerEnd + 4;
    if (m_buffer.size() - bodyStart < contentLength) {
        if (!m_continueSent && request.header("expect").compare("100-continue", Qt::CaseInsensitive) == 0) {
            // Tell the client once that it may send the body.
            m_continueSent = true;
            writeRaw(QByteArrayLiteral("HTTP/1.1 100 Continue\r\n\r\n"));
        }
        return;
    }
    request.body = m_buffer.mid(bodyStart, contentLength);
    m_buffer.remove(0, bodyStart + contentLength);

    const QByteArray connection = request.header("connection").toLower();
    if (version == "HTTP/1.0")
        request.keepAlive = connection.contains("keep-alive");
    else
        request.keepAlive = !connection.contains("close");

    m_busy = true;
    m_continueSent = false;
    m_keepAlive = request.keepAlive;
    m_tiny = false;
    m_idleTimer->stop();
    Q_EMIT requestReceived(request);
}

void HttpServerConnection::rejectRequest(int status, const QByteArray &message)
{
    m_busy = true;
    m_keepAlive = false;
    m_buffer.clear();
    sendResponse(status, QByteArrayLiteral("application/json"), errorJson(message));
}

QByteArray HttpServerConnection::reasonPhrase(int status)
{
    switch (status) {
    case 100:
        return QByteArrayLiteral("Continue");
    case 200:
        return QByteArrayLiteral("OK");
    case 400:
        return QByteArrayLiteral("Bad Request");
    case 404:
        return QByteArrayLiteral("Not Found");
    case 405:
        return QByteArrayLiteral("Method Not Allowed");
    case 413:
        return QByteArrayLiteral("Content Too Large");
    case 429:
        return QByteArrayLiteral("Too Many Requests");
    case 431:
        return QByteArrayLiteral("Request Header Fields Too Large");
    case 500:
        return QByteArrayLiteral("Internal Server Error");
    case 501:
        return QByteArrayLiteral("Not Implemented");
    case 503:
        return QByteArrayLiteral("Service Unavailable");
    case 505:
        return QByteArrayLiteral("HTTP Version Not Supported");
    default:
        return QByteArrayLiteral("Unknown");
    }
}

void HttpServerConnection::writeHead(int status, const QByteArray &contentType, const HttpHeaderList &extra,
                                     const QByteArray &framingHeader)
{
    QByteArray head = QByteArrayLiteral("HTTP/1.1 ") + QByteArray::number(status) + ' ' + reasonPhrase(status)
        + QByteArrayLiteral("\r\nServer: TokenScope-Embedded\r\n");
    if (!contentType.isEmpty())
        head += QByteArrayLiteral("Content-Type: ") + contentType + QByteArrayLiteral("\r\n");
    head += framingHeader + QByteArrayLiteral("\r\n");
    for (const auto &[name, value] : extra)
        head += name + QByteArrayLiteral(": ") + value + QByteArrayLiteral("\r\n");
    head += m_keepAlive ? QByteArrayLiteral("Connection: keep-alive\r\n\r\n")
                        : QByteArrayLiteral("Connection: close\r\n\r\n");
    // The head always goes out in one write; tiny-reads only splits the body.
    const bool tiny = m_tiny;
    m_tiny = false;
    writeRaw(head);
    m_tiny = tiny;
}

void HttpServerConnection::writeRaw(const QByteArray &bytes)
{
    if (!isConnected() || bytes.isEmpty())
        return;
    if (m_tiny) {
        for (const char c : bytes) {
            m_socket->write(&c, 1);
            m_socket->flush();
        }
    } else {
        m_socket->write(bytes);
        m_socket->flush();
    }
}

void HttpServerConnection::sendResponse(int status, const QByteArray &contentType, const QByteArray &body,
                                        const HttpHeaderList &extra)
{
    startFixedLength(status, contentType, body.size(), extra);
    writeBody(body);
    finishFixedLength();
}

void HttpServerConnection::startFixedLength(int status, const QByteArray &contentType, qsizetype length,
                                            const HttpHeaderList &extra)
{
    writeHead(status, contentType, extra, QByteArrayLiteral("Content-Length: ") + QByteArray::number(length));
}

void HttpServerConnection::writeBody(const QByteArray &bytes)
{
    writeRaw(bytes);
}

void HttpServerConnection::finishFixedLength()
{
    responseDone();
}

void HttpServerConnection::startChunked(int status, const QByteArray &contentType,
                                        const HttpHeaderList &extra)
{
    HttpHeaderList headers = extra;
    headers.append({ QByteArrayLiteral("Cache-Control"), QByteArrayLiteral("no-cache") });
    writeHead(status, contentType, headers, QByteArrayLiteral("Transfer-Encoding: chunked"));
}

void HttpServerConnection::writeChunk(const QByteArray &data)
{
    if (data.isEmpty())
        return; // an empty chunk would end the body
    writeRaw(QByteArray::number(data.size(), 16) + QByteArrayLiteral("\r\n") + data
             + QByteArrayLiteral("\r\n"));
}

void HttpServerConnection::finishChunked()
{
    writeRaw(QByteArrayLiteral("0\r\n\r\n"));
    responseDone();
}

void HttpServerConnection::responseDone()
{
    m_busy = false;
    m_tiny = false;
    if (!m_keepAlive) {
        closeGracefully();
        return;
    }
    if (!isConnected())
        return;
    m_idleTimer->start();
    // Queued: the next request must not be handled inside the previous one's handler.
    QMetaObject::invokeMethod(this, &HttpServerConnection::processBuffer, Qt::QueuedConnection);
}

void HttpServerConnection::closeGracefully()
{
    if (!m_socket || m_closing)
        return;
    m_closing = true;
    m_idleTimer->stop();
    m_socket->flush();
    // Sends the pending bytes, then FIN; disconnected() follows.
    m_socket->disconnectFromHost();
    if (m_socket && m_socket->state() == QAbstractSocket::UnconnectedState)
        onDisconnected();
}

void HttpServerConnection::reset()
{
    if (!m_socket || m_closedEmitted)
        return;
    m_closing = true;
    m_idleTimer->stop();
#ifdef Q_OS_UNIX
    // Linger 0 makes close() send RST instead of FIN, so the client sees a real reset.
    const qintptr fd = m_socket->socketDescriptor();
    if (fd >= 0) {
        const linger option { 1, 0 };
        ::setsockopt(int(fd), SOL_SOCKET, SO_LINGER, &option, sizeof option);
    }
#endif
    m_socket->abort();
    onDisconnected();
}

void HttpServerConnection::onDisconnected()
{
    if (m_closedEmitted)
        return;
    m_closedEmitted = true;
    m_closing = true;
    m_idleTimer->stop();
    Q_EMIT closed();
}

} // namespace Sim
