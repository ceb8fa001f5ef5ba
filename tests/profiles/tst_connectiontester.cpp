// ConnectionTester against the embedded endpoint over real loopback sockets.
#include "endpoint/embeddedendpoint.h"
#include "profiles/connectiontester.h"
#include "profiles/profilestore.h"

#include <QElapsedTimer>
#include <QTcpServer>
#include <QTest>

class TestConnectionTester : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY2(m_endpoint.start(), qPrintable(m_endpoint.errorString()));
        m_store.setEmbeddedBaseUrl(m_endpoint.baseUrl());
    }

    void listsModels_data()
    {
        QTest::addColumn<Protocol>("protocol");
        QTest::addColumn<QString>("model");
        QTest::newRow("openai-chat") << Protocol::OpenAIChat << QStringLiteral("tokenscope-sim");
        QTest::newRow("openai-responses") << Protocol::OpenAIResponses << QStringLiteral("tokenscope-sim");
        QTest::newRow("ollama") << Protocol::Ollama << QStringLiteral("tokenscope-sim");
        QTest::newRow("llamacpp") << Protocol::LlamaCpp << QStringLiteral("tokenscope-sim");
        QTest::newRow("simple-sse") << Protocol::SimpleSse << QStringLiteral("tokenscope-sim");
    }

    void listsModels()
    {
        QFETCH(Protocol, protocol);
        QFETCH(QString, model);
        // The embedded profile as the store hands it out: /v1 only for the OpenAI protocols.
        EndpointProfile p
            = ProfileStore::withProtocol(*m_store.profile(QStringLiteral("embedded")), protocol);
        p.apiKey = QStringLiteral("sk-test-never-shown-123456");
        ConnectionTester tester;
        const ConnectionTestResult r = QCoro::waitFor(tester.test(p));
        QVERIFY2(r.ok, qPrintable(r.message));
        QCOMPARE(r.httpStatus, 200);
        QVERIFY(r.roundTripMs > 0);
        QVERIFY2(std::any_of(r.models.cbegin(), r.models.cend(),
                             [&](const QString &m) { return m.startsWith(model); }),
                 qPrintable(r.models.join(QLatin1Char(','))));
        QVERIFY(r.message.contains(QStringLiteral("HTTP 200")));
        QVERIFY(!r.message.contains(p.apiKey));
    }

    void closedPort()
    {
        // A port that was free a moment ago and has nobody listening now.
        QTcpServer probe;
        QVERIFY(probe.listen(QHostAddress::LocalHost));
        const quint16 port = probe.serverPort();
        probe.close();

        EndpointProfile p;
        p.name = QStringLiteral("nobody");
        p.baseUrl = QUrl(QStringLiteral("http://127.0.0.1:%1/v1").arg(port));
        p.model = QStringLiteral("m");
        p.apiKey = QStringLiteral("sk-test-never-shown-123456");
        ConnectionTester tester;
        QElapsedTimer elapsed;
        elapsed.start();
        const ConnectionTestResult r = QCoro::waitFor(tester.test(p));
        QVERIFY(!r.ok);
        QCOMPARE(r.httpStatus, 0);
        QVERIFY(elapsed.elapsed() < 5000);
        QVERIFY2(r.message.contains(QStringLiteral("Could not reach"))
                     && r.message.contains(QString::number(port))
                     && r.message.contains(QStringLiteral("refused"), Qt::CaseInsensitive),
                 qPrintable(r.message));
        QVERIFY(!r.message.contains(p.apiKey));
    }

    void wrongPathIs404()
    {
        EndpointProfile p;
        p.name = QStringLiteral("wrong prefix");
        p.baseUrl = m_endpoint.baseUrl();
        p.baseUrl.setPath(QStringLiteral("/not-here/v1"));
        p.model = QStringLiteral("tokenscope-sim");
        ConnectionTester tester;
        const ConnectionTestResult r = QCoro::waitFor(tester.test(p));
        QVERIFY(!r.ok);
        QCOMPARE(r.httpStatus, 404);
        QVERIFY2(r.message.contains(QStringLiteral("HTTP 404"))
                     && r.message.contains(QStringLiteral("base URL")),
                 qPrintable(r.message));
        QVERIFY(r.models.isEmpty());
    }

    void silentServerTimesOut()
    {
        // Accepts the connection and never answers.
        QTcpServer silent;
        QVERIFY(silent.listen(QHostAddress::LocalHost));
        EndpointProfile p;
        p.name = QStringLiteral("silent");
        p.baseUrl = QUrl(QStringLiteral("http://127.0.0.1:%1/v1").arg(silent.serverPort()));
        p.model = QStringLiteral("m");
        ConnectionTester tester;
        tester.setTimeout(std::chrono::milliseconds(300));
        QElapsedTimer elapsed;
        elapsed.start();
        const ConnectionTestResult r = QCoro::waitFor(tester.test(p));
        QVERIFY(!r.ok);
        QVERIFY(elapsed.elapsed() < 3000);
        QVERIFY2(r.message.contains(QStringLiteral("No answer")), qPrintable(r.message));
    }

    void modelsUrlPerProtocol_data()
    {
        QTest::addColumn<Protocol>("protocol");
        QTest::addColumn<QString>("base");
        QTest::addColumn<QString>("expected");
        QTest::newRow("openai") << Protocol::OpenAIChat << QStringLiteral("https://api.openai.com/v1")
                                << QStringLiteral("https://api.openai.com/v1/models");
        QTest::newRow("anthropic") << Protocol::Anthropic << QStringLiteral("https://api.anthropic.com")
                                   << QStringLiteral("https://api.anthropic.com/v1/models");
        QTest::newRow("anthropic /v1")
            << Protocol::Anthropic << QStringLiteral("https://api.anthropic.com/v1")
            << QStringLiteral("https://api.anthropic.com/v1/models");
        QTest::newRow("gemini") << Protocol::Gemini
                                << QStringLiteral("https://generativelanguage.googleapis.com")
                                << QStringLiteral("https://generativelanguage.googleapis.com/v1beta/models");
        QTest::newRow("ollama") << Protocol::Ollama << QStringLiteral("http://localhost:11434")
                                << QStringLiteral("http://localhost:11434/api/tags");
        QTest::newRow("tgi") << Protocol::Tgi << QStringLiteral("http://h:8080")
                             << QStringLiteral("http://h:8080/v1/models");
    }

    void modelsUrlPerProtocol()
    {
        QFETCH(Protocol, protocol);
        QFETCH(QString, base);
        QFETCH(QString, expected);
        EndpointProfile p;
        p.protocol = protocol;
        p.baseUrl = QUrl(base);
        QCOMPARE(ConnectionTester::modelsUrl(p).toString(), expected);
    }

    void parsesGeminiNames()
    {
        const QByteArray body
            = R"({"models":[{"name":"models/gemini-2.0-flash"},{"name":"models/gemini-pro"}]})";
        QCOMPARE(ConnectionTester::parseModels(body),
                 QStringList({ QStringLiteral("gemini-2.0-flash"), QStringLiteral("gemini-pro") }));
    }

private:
    EmbeddedEndpointRunner m_endpoint;
    ProfileStore m_store;
};

QTEST_GUILESS_MAIN(TestConnectionTester)
#include "tst_connectiontester.moc"
