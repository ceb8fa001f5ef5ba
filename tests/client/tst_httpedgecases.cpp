// What a misbehaving or unusual server sends, from a raw socket: compressed bodies, interim
// responses, error pages, redirects, broken framing. Each case ends in its error class with
// the server's message where there is one, and never crashes.
#include "client/streamingclient.h"

#include <QCoroTask>
#include <QPointer>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>

#include <zlib.h>

namespace {

QByteArray compress(const QByteArray &data, int windowBits)
{
    z_stream z{};
    deflateInit2(&z, Z_BEST_SPEED, Z_DEFLATED, windowBits, 8, Z_DEFAULT_STRATEGY);
    QByteArray out(int(deflateBound(&z, uLong(data.size()))) + 64, Qt::Uninitialized);
    z.next_in = reinterpret_cast<Bytef *>(const_cast<char *>(data.data()));
    z.avail_in = uInt(data.size());
    z.next_out = reinterpret_cast<Bytef *>(out.data());
    z.avail_out = uInt(out.size());
    deflate(&z, Z_FINISH);
    out.resize(qsizetype(z.total_out));
    deflateEnd(&z);
    return out;
}

const QByteArray SseBody = "data: {\"token\": \"hello\"}\n\ndata: {\"token\": \" world\"}\n\ndata: [DONE]\n\n";

QByteArray response(const QByteArray &headers, const QByteArray &body, const QByteArray &status = "200 OK")
{
    return "HTTP/1.1 " + status + "\r\n" + headers + "Content-Length: " + QByteArray::number(body.size())
        + "\r\nConnection: close\r\n\r\n" + body;
}

// Answers every request with fixed bytes, then closes (or resets) the connection.
class RawServer : public QObject
{
public:
    bool start()
    {
        connect(&m_server, &QTcpServer::newConnection, this, [this] {
            while (QTcpSocket *s = m_server.nextPendingConnection()) {
                connect(s, &QAbstractSocket::disconnected, s, &QObject::deleteLater);
                connect(s, &QIODevice::readyRead, s, [this, s] {
                    m_seen += s->readAll();
                    if (!m_seen.contains("\r\n\r\n") || m_answered)
                        return;
                    m_answered = true;
                    if (m_reply.isEmpty()) {
                        s->abort();
                        return;
                    }
                    s->write(m_reply);
                    if (m_reset) {
                        s->flush();
                        s->abort();
                    } else if (m_close) {
                        s->disconnectFromHost();
                    }
                });
            }
        });
        return m_server.listen(QHostAddress::LocalHost);
    }
    void arm(QByteArray reply, bool close = true, bool reset = false)
    {
        m_reply = std::move(reply);
        m_close = close;
        m_reset = reset;
        m_seen.clear();
        m_answered = false;
    }
    QUrl url() const { return QUrl(QStringLiteral("http://127.0.0.1:%1").arg(m_server.serverPort())); }

private:
    QTcpServer m_server;
    QByteArray m_reply;
    QByteArray m_seen;
    bool m_close = true;
    bool m_reset = false;
    bool m_answered = false;
};

// Streams one endless SSE event (or line) without ever ending it: writes as fast as the
// client reads, up to \a limit bytes (0 = forever), and counts what it managed to send.
class FloodServer : public QObject
{
public:
    bool start(qint64 limit, QByteArray prefix)
    {
        m_limit = limit;
        m_prefix = std::move(prefix);
        connect(&m_server, &QTcpServer::newConnection, this, [this] {
            QTcpSocket *s = m_server.nextPendingConnection();
            if (!s)
                return;
            m_socket = s;
            connect(s, &QAbstractSocket::disconnected, this, [this] { m_closed = true; });
            connect(s, &QIODevice::readyRead, s, [this, s] {
                m_seen += s->readAll();
                if (m_started || !m_seen.contains("\r\n\r\n"))
                    return;
                m_started = true;
                s->write("HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nConnection: close\r\n\r\n" + m_prefix);
                pump();
            });
            connect(s, &QIODevice::bytesWritten, this, [this] { pump(); });
        });
        return m_server.listen(QHostAddress::LocalHost);
    }
    QUrl url() const { return QUrl(QStringLiteral("http://127.0.0.1:%1").arg(m_server.serverPort())); }
    qint64 sent() const { return m_sent; }
    bool closedByPeer() const { return m_closed; }

private:
    void pump()
    {
        if (!m_socket || m_socket->state() != QAbstractSocket::ConnectedState)
            return;
        static const QByteArray block(1024 * 1024, 'x');
        // Keep a few MiB queued; more only as the client reads.
        while (m_socket->bytesToWrite() < 4 * 1024 * 1024 && (m_limit == 0 || m_sent < m_limit)) {
            m_socket->write(block);
            m_sent += block.size();
        }
    }

    QTcpServer m_server;
    QPointer<QTcpSocket> m_socket;
    QByteArray m_prefix;
    QByteArray m_seen;
    qint64 m_limit = 0;
    qint64 m_sent = 0;
    bool m_started = false;
    bool m_closed = false;
};

RequestTrace sendTo(const QUrl &url)
{
    EndpointProfile p;
    p.name = QStringLiteral("raw");
    p.protocol = Protocol::SimpleSse;
    p.baseUrl = url;
    GenerationRequest r;
    r.messages = { { QStringLiteral("user"), QStringLiteral("hi") } };
    RequestOptions options;
    options.totalTimeoutMs = 60'000;
    StreamingClient client;
    return QCoro::waitFor(client.send(p, r, options));
}

} // namespace

class TestHttpEdgeCases : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QVERIFY(m_server.start()); }

    void cases_data()
    {
        QTest::addColumn<QByteArray>("reply");
        QTest::addColumn<bool>("reset");
        QTest::addColumn<QString>("errorClass");
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("messagePart");

        const QByteArray sse = "Content-Type: text/event-stream\r\n";
        QTest::newRow("gzip body") << response(sse + "Content-Encoding: gzip\r\n", compress(SseBody, 31)) << false
                                   << QStringLiteral("none") << QStringLiteral("hello world") << QString();
        QTest::newRow("zlib deflate body") << response(sse + "Content-Encoding: deflate\r\n", compress(SseBody, 15)) << false
                                           << QStringLiteral("none") << QStringLiteral("hello world") << QString();
        QTest::newRow("raw deflate body") << response(sse + "Content-Encoding: deflate\r\n", compress(SseBody, -15)) << false
                                          << QStringLiteral("none") << QStringLiteral("hello world") << QString();
        const QByteArray gz = compress(SseBody, 31);
        QByteArray chunkedGzip = "HTTP/1.1 200 OK\r\n" + sse + "Content-Encoding: gzip\r\nTransfer-Encoding: chunked\r\n\r\n";
        for (qsizetype i = 0; i < gz.size(); i += 7) {
            const QByteArray piece = gz.mid(i, 7);
            chunkedGzip += QByteArray::number(piece.size(), 16) + "\r\n" + piece + "\r\n";
        }
        chunkedGzip += "0\r\n\r\n";
        QTest::newRow("gzip in tiny chunks") << chunkedGzip << false << QStringLiteral("none") << QStringLiteral("hello world") << QString();
        QTest::newRow("corrupt gzip") << response(sse + "Content-Encoding: gzip\r\n", QByteArray("\x1f\x8b\x08\x00garbage-not-deflate", 24)) << false
                                      << QStringLiteral("malformed-stream") << QString() << QStringLiteral("corrupt");
        QTest::newRow("brotli") << response(sse + "Content-Encoding: br\r\n", "xyz") << false
                                << QStringLiteral("malformed-stream") << QString() << QStringLiteral("br");
        QTest::newRow("100 continue first") << "HTTP/1.1 100 Continue\r\n\r\n" + response(sse, SseBody) << false
                                            << QStringLiteral("none") << QStringLiteral("hello world") << QString();
        QTest::newRow("503 html page") << response("Content-Type: text/html\r\n",
                                                   "<html><head><title>Upstream overloaded</title></head><body>try later</body></html>",
                                                   "503 Service Unavailable")
                                       << false << QStringLiteral("http-status") << QString() << QStringLiteral("Upstream overloaded");
        QTest::newRow("401 json") << response("Content-Type: application/json\r\n",
                                              "{\"error\":{\"message\":\"Invalid API key\",\"type\":\"auth\"}}", "401 Unauthorized")
                                  << false << QStringLiteral("http-status") << QString() << QStringLiteral("Invalid API key");
        QTest::newRow("error body cut short") << QByteArray("HTTP/1.1 500 Internal Server Error\r\nContent-Length: 500\r\n\r\n{\"error\":")
                                              << false << QStringLiteral("http-status") << QString() << QStringLiteral("HTTP 500");
        QTest::newRow("redirect is not followed") << QByteArray("HTTP/1.1 301 Moved Permanently\r\nLocation: http://elsewhere.invalid/\r\nContent-Length: 0\r\n\r\n")
                                                  << false << QStringLiteral("http-status") << QString() << QStringLiteral("301");
        QTest::newRow("wrong content type") << response("Content-Type: text/plain\r\n", SseBody) << false
                                            << QStringLiteral("none") << QStringLiteral("hello world") << QString();
        QTest::newRow("done twice, data after done") << response(sse, SseBody + "data: [DONE]\n\ndata: {\"token\": \"late\"}\n\n") << false
                                                     << QStringLiteral("none") << QStringLiteral("hello world") << QString();
        QTest::newRow("invalid utf-8") << response(sse, QByteArray("data: {\"token\": \"a\xff\xfe" "b\"}\n\ndata: [DONE]\n\n")) << false
                                       << QStringLiteral("none") << QString::fromUtf8("a\xef\xbf\xbd\xef\xbf\xbd" "b") << QString();
        QTest::newRow("closed before answering") << QByteArray() << false << QStringLiteral("reset") << QString() << QStringLiteral("before answering");
        QTest::newRow("reset mid-body") << QByteArray("HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nTransfer-Encoding: chunked\r\n\r\n"
                                                      "19\r\ndata: {\"token\": \"part\"}\n\n\r\n")
                                        << true << QStringLiteral("reset") << QStringLiteral("part") << QString();
        QTest::newRow("not http") << QByteArray("SSH-2.0-OpenSSH_9.2\r\n\r\n") << false << QStringLiteral("malformed-stream") << QString() << QStringLiteral("HTTP");
        QTest::newRow("bad chunk size") << QByteArray("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\nxx\r\n") << false
                                        << QStringLiteral("malformed-stream") << QString() << QStringLiteral("chunk");
        QTest::newRow("huge header") << QByteArray("HTTP/1.1 200 OK\r\nX-Big: " + QByteArray(70'000, 'a') + "\r\n\r\n") << false
                                     << QStringLiteral("malformed-stream") << QString() << QString();
        QTest::newRow("429 without retry-after") << response("Content-Type: application/json\r\n",
                                                             "{\"error\":{\"message\":\"Rate limit reached\"}}",
                                                             "429 Too Many Requests")
                                                 << false << QStringLiteral("http-status") << QString()
                                                 << QStringLiteral("Rate limit reached");
        QTest::newRow("429 with retry-after") << response("Retry-After: 7\r\nContent-Type: application/json\r\n",
                                                          "{\"error\":{\"message\":\"slow down\"}}",
                                                          "429 Too Many Requests")
                                              << false << QStringLiteral("http-status") << QString() << QStringLiteral("7");
        QTest::newRow("404 plain") << response("Content-Type: text/plain\r\n", "no such model", "404 Not Found") << false
                                   << QStringLiteral("http-status") << QString() << QStringLiteral("404");
        QTest::newRow("redirect loop is not followed")
            << QByteArray("HTTP/1.1 302 Found\r\nLocation: /v1/chat/completions\r\nContent-Length: 0\r\n\r\n") << false
            << QStringLiteral("http-status") << QString() << QStringLiteral("302");
        QTest::newRow("reset after headers") << QByteArray("HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\n"
                                                           "Transfer-Encoding: chunked\r\n\r\n")
                                             << true << QStringLiteral("reset") << QString() << QString();
        QTest::newRow("chunked body closed mid-chunk")
            << QByteArray("HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nTransfer-Encoding: chunked\r\n\r\n"
                          "19\r\ndata: {\"token\": \"part\"}\n\n\r\n40\r\ndata: {\"tok")
            << false << QStringLiteral("reset") << QStringLiteral("part") << QString();
        QTest::newRow("endless line") << response(sse, "data: " + QByteArray(9 * 1024 * 1024, 'x')) << false
                                      << QStringLiteral("malformed-stream") << QString() << QStringLiteral("8 MiB");
    }

    void cases()
    {
        QFETCH(QByteArray, reply);
        QFETCH(bool, reset);
        QFETCH(QString, errorClass);
        QFETCH(QString, text);
        QFETCH(QString, messagePart);
        m_server.arm(reply, true, reset);
        EndpointProfile p;
        p.name = QStringLiteral("raw");
        p.protocol = Protocol::SimpleSse;
        p.baseUrl = m_server.url();
        GenerationRequest r;
        r.messages = {{QStringLiteral("user"), QStringLiteral("hi")}};
        RequestOptions options;
        options.totalTimeoutMs = 10'000;
        StreamingClient client;
        const RequestTrace t = QCoro::waitFor(client.send(p, r, options));
        QCOMPARE(ErrorClasses::name(t.error), errorClass);
        if (!text.isNull())
            QCOMPARE(t.text, text);
        if (!messagePart.isEmpty())
            QVERIFY2(t.errorMessage.contains(messagePart), qPrintable(t.errorMessage));
        if (!t.ok())
            QVERIFY(!t.errorMessage.isEmpty());
    }

    // A single 100 MB event, streamed: the client gives up at its 8 MiB event limit and stops
    // reading, so the server never gets to send it all and memory stays bounded.
    void hundredMegabyteEvent()
    {
        FloodServer server;
        QVERIFY(server.start(100 * 1024 * 1024, "data: {\"token\": \"before\"}\n\ndata: {\"token\": \""));
        const RequestTrace t = sendTo(server.url());
        QCOMPARE(ErrorClasses::name(t.error), QStringLiteral("malformed-stream"));
        QVERIFY2(t.errorMessage.contains(QStringLiteral("8 MiB")), qPrintable(t.errorMessage));
        QCOMPARE(t.text, QStringLiteral("before")); // what arrived before the flood is kept
        QTRY_VERIFY(server.closedByPeer());
        QVERIFY2(server.sent() < 64 * 1024 * 1024, qPrintable(QString::number(server.sent())));
    }

    // A line that never ends (no newline, ever): the same limit ends it.
    void lineWithoutNewlineForever()
    {
        FloodServer server;
        QVERIFY(server.start(0, "data: "));
        const RequestTrace t = sendTo(server.url());
        QCOMPARE(ErrorClasses::name(t.error), QStringLiteral("malformed-stream"));
        QVERIFY2(t.errorMessage.contains(QStringLiteral("8 MiB")), qPrintable(t.errorMessage));
        QTRY_VERIFY(server.closedByPeer());
        QVERIFY2(server.sent() < 64 * 1024 * 1024, qPrintable(QString::number(server.sent())));
    }

private:
    RawServer m_server;
};

QTEST_GUILESS_MAIN(TestHttpEdgeCases)
#include "tst_httpedgecases.moc"
