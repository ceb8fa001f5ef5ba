// The process's one embedded endpoint and the profile every front end builds from it.
// Like tst_embeddedendpoint, it talks to the server with a raw socket, not the client.

#include "endpoint/embeddedendpoint.h"
#include "endpoint/embeddedendpointservice.h"

#include <QTcpSocket>
#include <QTest>

class TestEmbeddedEndpointService : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void oneServerPerProcess()
    {
        EmbeddedEndpointService *service = EmbeddedEndpointService::instance();
        QCOMPARE(EmbeddedEndpointService::instance(), service);
        QVERIFY2(service->ensureStarted(), qPrintable(service->errorString()));
        QVERIFY(service->isRunning());
        const QUrl root = service->baseUrl();
        QCOMPARE(root.scheme(), QStringLiteral("http"));
        QCOMPARE(root.host(), QStringLiteral("127.0.0.1"));
        QVERIFY(root.port() > 0);
        // Asking again, or for a profile, neither restarts the server nor moves it.
        QVERIFY(service->ensureStarted());
        QCOMPARE(service->baseUrl(), root);
        QCOMPARE(service->profile(Protocol::Ollama).baseUrl, root);
        QCOMPARE(service->runner()->baseUrl(), root);
    }

    void profileForEachProtocol_data()
    {
        QTest::addColumn<Protocol>("protocol");
        QTest::addColumn<QString>("path");
        QTest::newRow("openai-chat") << Protocol::OpenAIChat << QStringLiteral("/v1");
        QTest::newRow("openai-responses") << Protocol::OpenAIResponses << QStringLiteral("/v1");
        QTest::newRow("openai-completions") << Protocol::OpenAICompletions << QStringLiteral("/v1");
        QTest::newRow("anthropic") << Protocol::Anthropic << QString();
        QTest::newRow("gemini") << Protocol::Gemini << QString();
        QTest::newRow("ollama") << Protocol::Ollama << QString();
        QTest::newRow("llamacpp") << Protocol::LlamaCpp << QString();
        QTest::newRow("tgi") << Protocol::Tgi << QString();
        QTest::newRow("simple-sse") << Protocol::SimpleSse << QString();
    }

    void profileForEachProtocol()
    {
        QFETCH(Protocol, protocol);
        QFETCH(QString, path);
        const QUrl root(QStringLiteral("http://127.0.0.1:4567"));
        const EndpointProfile p = EmbeddedEndpointService::profileFor(root, protocol);
        QCOMPARE(p.id, QStringLiteral("embedded"));
        QCOMPARE(p.name, QStringLiteral("Embedded (simulated)"));
        QCOMPARE(p.protocol, protocol);
        QCOMPARE(p.model, QStringLiteral("tokenscope-sim"));
        QCOMPARE(p.baseUrl.toString(), QStringLiteral("http://127.0.0.1:4567") + path);
        QVERIFY(p.verifyTls);
        QVERIFY(p.apiKeyEnv.isEmpty() && p.headers.isEmpty());
        // No server yet: no URL, rather than one that points nowhere.
        QVERIFY(EmbeddedEndpointService::profileFor(QUrl(), protocol).baseUrl.isEmpty());
    }

    void theProfilePointsAtTheServer()
    {
        const EndpointProfile p = EmbeddedEndpointService::instance()->profile();
        QCOMPARE(p.baseUrl.path(), QStringLiteral("/v1"));
        QTcpSocket socket;
        socket.connectToHost(p.baseUrl.host(), quint16(p.baseUrl.port()));
        QVERIFY(socket.waitForConnected(5000));
        socket.write("GET " + p.baseUrl.path().toLatin1()
                     + "/models HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
        QByteArray answer;
        while (socket.state() == QAbstractSocket::ConnectedState && socket.waitForReadyRead(5000))
            answer += socket.readAll();
        answer += socket.readAll();
        QVERIFY2(answer.startsWith("HTTP/1.1 200"), answer.constData());
        QVERIFY2(answer.contains(p.model.toLatin1()), answer.constData());
    }
};

QTEST_GUILESS_MAIN(TestEmbeddedEndpointService)
#include "tst_embeddedendpointservice.moc"
