// HTTPS against a local TLS server with a self-signed certificate: verification on by
// default (a TLS error), and the explicit per-endpoint opt-out (works, and says so).
#include "client/streamingclient.h"

#include <QCoroTask>
#include <QFile>
#include <QSslCertificate>
#include <QSslKey>
#include <QSslServer>
#include <QSslSocket>
#include <QTest>

namespace {

// A minimal HTTPS server: answers every request with a short plain-SSE stream.
class TinyTlsServer : public QObject
{
public:
    bool start()
    {
        QFile certFile(QStringLiteral(TOKENSCOPE_TEST_DATA "/tls/localhost.crt"));
        QFile keyFile(QStringLiteral(TOKENSCOPE_TEST_DATA "/tls/localhost.key"));
        if (!certFile.open(QIODevice::ReadOnly) || !keyFile.open(QIODevice::ReadOnly))
            return false;
        QSslConfiguration config = QSslConfiguration::defaultConfiguration();
        config.setLocalCertificate(QSslCertificate(&certFile, QSsl::Pem));
        config.setPrivateKey(QSslKey(&keyFile, QSsl::Rsa, QSsl::Pem));
        config.setPeerVerifyMode(QSslSocket::VerifyNone);
        m_server.setSslConfiguration(config);
        connect(&m_server, &QTcpServer::pendingConnectionAvailable, this, [this] {
            while (QTcpSocket *socket = m_server.nextPendingConnection()) {
                connect(socket, &QIODevice::readyRead, socket, [socket] {
                    if (!socket->readAll().contains("\r\n\r\n"))
                        return;
                    socket->write("HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nConnection: close\r\n\r\n"
                                  "data: {\"token\": \"hi\"}\n\ndata: {\"token\": \" there\"}\n\ndata: [DONE]\n\n");
                    socket->disconnectFromHost();
                });
                connect(socket, &QAbstractSocket::disconnected, socket, &QObject::deleteLater);
            }
        });
        return m_server.listen(QHostAddress::LocalHost);
    }
    quint16 port() const { return m_server.serverPort(); }

private:
    QSslServer m_server;
};

EndpointProfile profileFor(quint16 port)
{
    EndpointProfile p;
    p.name = QStringLiteral("tls");
    p.protocol = Protocol::SimpleSse;
    p.baseUrl = QUrl(QStringLiteral("https://127.0.0.1:%1").arg(port));
    return p;
}

GenerationRequest prompt()
{
    GenerationRequest r;
    r.messages = {{QStringLiteral("user"), QStringLiteral("hello")}};
    r.maxTokens = 4;
    return r;
}

} // namespace

class TestTls : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        if (!QSslSocket::supportsSsl())
            QSKIP("no TLS backend");
        QVERIFY(m_server.start());
    }

    void selfSignedIsRejectedByDefault()
    {
        StreamingClient client;
        const RequestTrace t = QCoro::waitFor(client.send(profileFor(m_server.port()), prompt(), {}));
        QCOMPARE(ErrorClasses::name(t.error), ErrorClasses::name(ErrorClass::Tls));
        QVERIFY2(t.errorMessage.contains(QStringLiteral("TLS")), qPrintable(t.errorMessage));
        QVERIFY(!t.tlsVerificationDisabled);
        QVERIFY(t.text.isEmpty());
    }

    void explicitOptOutWorksAndIsMarked()
    {
        StreamingClient client;
        EndpointProfile p = profileFor(m_server.port());
        p.verifyTls = false;
        const RequestTrace t = QCoro::waitFor(client.send(p, prompt(), {}));
        QVERIFY2(t.ok(), qPrintable(t.errorMessage));
        QCOMPARE(t.text, QStringLiteral("hi there"));
        QVERIFY(t.tlsVerificationDisabled);
        // The TLS handshake is its own timestamp, between connect and the request.
        QVERIFY(t.connectedNs > 0);
        QVERIFY(t.tlsDoneNs > t.connectedNs);
        QVERIFY(t.requestSentNs >= t.tlsDoneNs);
    }

private:
    TinyTlsServer m_server;
};

QTEST_GUILESS_MAIN(TestTls)
#include "tst_tls.moc"
