// Requests through the proxies users sit behind: which proxy a request takes (an endpoint's
// own, HTTPS_PROXY / HTTP_PROXY / ALL_PROXY with NO_PROXY, loopback direct), and real tunnels
// on loopback through Debian's tinyproxy (HTTP CONNECT) and microsocks (SOCKS5), started here.
#include "../common/clirunner.h"

#include "client/proxyresolver.h"
#include "client/streamingclient.h"
#include "endpoint/embeddedendpoint.h"

#include <QCoroTask>
#include <QDeadlineTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QStandardPaths>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

#include <memory>

namespace {

LatencyModel fastModel()
{
    LatencyModel m;
    m.networkMs = 2;
    m.promptMsPerToken = 0;
    m.inferenceMs = 10;
    m.generationMsPerToken = 1;
    m.postprocessMs = 1;
    m.batchSlowdown = 0;
    m.jitter = 0;
    return m;
}

GenerationRequest prompt()
{
    GenerationRequest r;
    r.messages = { { QStringLiteral("user"), QStringLiteral("Say hello.") } };
    r.maxTokens = 6;
    return r;
}

EndpointProfile profileFor(const QUrl &root)
{
    EndpointProfile p;
    p.name = QStringLiteral("embedded");
    p.model = QStringLiteral("tokenscope-sim");
    p.baseUrl = root;
    p.baseUrl.setPath(QStringLiteral("/v1"));
    return p;
}

QProcessEnvironment environment(std::initializer_list<std::pair<const char *, QString>> vars)
{
    QProcessEnvironment env;
    for (const auto &[name, value] : vars)
        env.insert(QLatin1String(name), value);
    return env;
}

int freePort()
{
    QTcpServer server;
    server.listen(QHostAddress::LocalHost, 0);
    return server.serverPort();
}

/// A proxy program on loopback, with what it printed.
class ProxyProcess
{
public:
    bool start(const QString &program, const QStringList &args, int port)
    {
        m_process.setProgram(program);
        m_process.setArguments(args);
        m_process.setProcessChannelMode(QProcess::MergedChannels);
        m_process.start();
        if (!m_process.waitForStarted(5000))
            return false;
        // Listening once a connection is taken.
        const QDeadlineTimer deadline(10'000);
        while (!deadline.hasExpired()) {
            QTcpSocket probe;
            probe.connectToHost(QHostAddress::LocalHost, quint16(port));
            if (probe.waitForConnected(200))
                return true;
            QThread::msleep(50);
        }
        return false;
    }
    ~ProxyProcess()
    {
        m_process.terminate();
        if (!m_process.waitForFinished(3000))
            m_process.kill();
        m_process.waitForFinished(3000);
    }
    QString output()
    {
        m_output += QString::fromUtf8(m_process.readAll());
        return m_output;
    }

private:
    QProcess m_process;
    QString m_output;
};

} // namespace

class TestProxy : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        QVERIFY2(m_endpoint.start(fastModel()), qPrintable(m_endpoint.errorString()));
    }

    void whichProxy_data()
    {
        QTest::addColumn<QString>("target");
        QTest::addColumn<QString>("setting");
        QTest::addColumn<QProcessEnvironment>("env");
        QTest::addColumn<QString>("expected"); // the proxy's label; empty: direct
        const QString http = QStringLiteral("http://proxy.corp:3128");
        QTest::newRow("https uses HTTPS_PROXY")
            << "https://api.example.com/v1" << QString()
            << environment({ { "HTTPS_PROXY", http }, { "HTTP_PROXY", QStringLiteral("http://other:1") } }) << http;
        QTest::newRow("lower case first")
            << "https://api.example.com/v1" << QString()
            << environment({ { "https_proxy", QStringLiteral("http://lower:8080") }, { "HTTPS_PROXY", http } })
            << "http://lower:8080";
        QTest::newRow("http uses HTTP_PROXY")
            << "http://api.example.com/v1" << QString()
            << environment({ { "HTTPS_PROXY", QStringLiteral("http://other:1") }, { "HTTP_PROXY", http } }) << http;
        QTest::newRow("ALL_PROXY otherwise")
            << "https://api.example.com/v1" << QString()
            << environment({ { "ALL_PROXY", QStringLiteral("socks5h://socks.corp:1080") } })
            << "socks5h://socks.corp:1080";
        QTest::newRow("host:port is an http proxy")
            << "https://api.example.com/v1" << QString() << environment({ { "HTTPS_PROXY", QStringLiteral("proxy.corp:3128") } })
            << http;
        QTest::newRow("NO_PROXY domain covers subdomains")
            << "https://api.example.com/v1" << QString()
            << environment({ { "HTTPS_PROXY", http }, { "NO_PROXY", QStringLiteral("foo.org, example.com") } }) << QString();
        QTest::newRow("NO_PROXY leading dot")
            << "https://api.example.com/v1" << QString()
            << environment({ { "HTTPS_PROXY", http }, { "no_proxy", QStringLiteral(".example.com") } }) << QString();
        QTest::newRow("NO_PROXY suffix is not a substring")
            << "https://notexample.com/v1" << QString()
            << environment({ { "HTTPS_PROXY", http }, { "NO_PROXY", QStringLiteral("example.com") } }) << http;
        QTest::newRow("NO_PROXY star")
            << "https://api.example.com/v1" << QString()
            << environment({ { "HTTPS_PROXY", http }, { "NO_PROXY", QStringLiteral("*") } }) << QString();
        QTest::newRow("NO_PROXY CIDR")
            << "http://10.1.2.3:8000/v1" << QString()
            << environment({ { "HTTP_PROXY", http }, { "NO_PROXY", QStringLiteral("10.0.0.0/8") } }) << QString();
        QTest::newRow("NO_PROXY other port")
            << "http://gpu.lan:8000/v1" << QString()
            << environment({ { "HTTP_PROXY", http }, { "NO_PROXY", QStringLiteral("gpu.lan:9000") } }) << http;
        QTest::newRow("NO_PROXY same port")
            << "http://gpu.lan:8000/v1" << QString()
            << environment({ { "HTTP_PROXY", http }, { "NO_PROXY", QStringLiteral("gpu.lan:8000") } }) << QString();
        QTest::newRow("loopback goes direct")
            << "http://127.0.0.1:8088/v1" << QString() << environment({ { "HTTP_PROXY", http } }) << QString();
        QTest::newRow("localhost goes direct")
            << "http://localhost:8088/v1" << QString() << environment({ { "HTTP_PROXY", http } }) << QString();
        QTest::newRow("the endpoint's proxy wins")
            << "http://127.0.0.1:8088/v1" << QStringLiteral("socks5://127.0.0.1:9050")
            << environment({ { "HTTP_PROXY", http } }) << "socks5://127.0.0.1:9050";
        QTest::newRow("the endpoint says none")
            << "https://api.example.com/v1" << QStringLiteral("none") << environment({ { "HTTPS_PROXY", http } })
            << QString();
    }

    void whichProxy()
    {
        QFETCH(QString, target);
        QFETCH(QString, setting);
        QFETCH(QProcessEnvironment, env);
        QFETCH(QString, expected);
        QString error;
        const std::optional<ProxyChoice> choice = ProxyResolver::resolve(QUrl(target), setting, env, &error);
        QVERIFY2(choice, qPrintable(error));
        QCOMPARE(choice->label, expected);
        QCOMPARE(choice->isDirect(), expected.isEmpty());
    }

    void badProxiesAreExplained()
    {
        QString error;
        QVERIFY(!ProxyResolver::resolve(QUrl(QStringLiteral("https://api.example.com")), QString(),
                                        environment({ { "HTTPS_PROXY", QStringLiteral("ftp://proxy:21") } }), &error));
        QVERIFY2(error.startsWith(QStringLiteral("HTTPS_PROXY: ")) && error.contains(QStringLiteral("ftp://")),
                 qPrintable(error));
        QVERIFY(!ProxyResolver::fromUrl(QStringLiteral("http://proxy:99999"), QStringLiteral("--proxy"), &error));
        QVERIFY2(error.startsWith(QStringLiteral("--proxy: ")), qPrintable(error));
        // Credentials: taken from a variable, never shown, refused in a stored endpoint.
        const auto withUser = ProxyResolver::fromUrl(QStringLiteral("http://me:p%40ss@proxy:3128"), QString(), &error);
        QVERIFY(withUser);
        QCOMPARE(withUser->proxy.user(), QStringLiteral("me"));
        QCOMPARE(withUser->proxy.password(), QStringLiteral("p@ss"));
        QCOMPARE(withUser->label, QStringLiteral("http://proxy:3128"));
        QVERIFY(!ProxyResolver::settingError(QStringLiteral("http://me:secret@proxy:3128")).isEmpty());
        QVERIFY(ProxyResolver::settingError(QStringLiteral("socks5://proxy:1080")).isEmpty());
        QVERIFY(ProxyResolver::settingError(QStringLiteral("none")).isEmpty());
        QVERIFY(ProxyResolver::settingError(QString()).isEmpty());
    }

    void throughTinyproxy()
    {
        const QString program = QStandardPaths::findExecutable(QStringLiteral("tinyproxy"));
        if (program.isEmpty())
            QSKIP("tinyproxy is not installed (scripts/test.sh installs it)");
        const int port = freePort();
        const QString conf = m_dir.filePath(QStringLiteral("tinyproxy.conf"));
        QFile f(conf);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(QStringLiteral("Port %1\nListen 127.0.0.1\nTimeout 60\nLogLevel Info\nAllow 127.0.0.1\n")
                    .arg(port)
                    .toUtf8());
        f.close();
        ProxyProcess proxy;
        QVERIFY2(proxy.start(program, { QStringLiteral("-d"), QStringLiteral("-c"), conf }, port),
                 qPrintable(proxy.output()));

        StreamingClient client;
        EndpointProfile profile = profileFor(m_endpoint.baseUrl());
        const QString label = QStringLiteral("http://127.0.0.1:%1").arg(port);
        profile.proxy = label;
        RequestTrace t = QCoro::waitFor(client.send(profile, prompt()));
        QVERIFY2(t.ok(), qPrintable(t.errorMessage));
        QCOMPARE(t.proxy, label);
        QVERIFY(!t.text.isEmpty());
        QVERIFY(t.connectStartNs >= 0 && t.connectedNs >= t.connectStartNs); // the proxy's connect
        // The proxy really carried it: it logged the tunnel to the endpoint.
        const QString target = QStringLiteral("127.0.0.1:%1").arg(m_endpoint.baseUrl().port());
        QTRY_VERIFY2(proxy.output().contains(target), qPrintable(proxy.output()));
        // A second request reuses the tunnel, and a direct request never takes it.
        t = QCoro::waitFor(client.send(profile, prompt()));
        QVERIFY2(t.ok(), qPrintable(t.errorMessage));
        QVERIFY(t.reusedConnection);
        EndpointProfile direct = profileFor(m_endpoint.baseUrl());
        direct.proxy = QStringLiteral("none");
        t = QCoro::waitFor(client.send(direct, prompt()));
        QVERIFY2(t.ok(), qPrintable(t.errorMessage));
        QVERIFY(t.proxy.isEmpty());
        QVERIFY(!t.reusedConnection);

        // An API key never crosses a proxy in clear text: refused before anything is sent.
        const qsizetype before = proxy.output().count(target);
        EndpointProfile keyed = profile;
        keyed.apiKey = QStringLiteral("sk-never-in-clear-0042");
        StreamingClient fresh;
        t = QCoro::waitFor(fresh.send(keyed, prompt()));
        QCOMPARE(t.error, ErrorClass::InvalidRequest);
        QVERIFY2(t.errorMessage.contains(QStringLiteral("refused to send the API key")), qPrintable(t.errorMessage));
        QVERIFY(!t.errorMessage.contains(keyed.apiKey));
        QTest::qWait(200);
        QCOMPARE(proxy.output().count(target), before);

        // The environment's proxy, for a host that is not loopback: the proxy is asked and its
        // refusal (the name does not resolve) is told as the proxy's.
        StreamingClient viaEnv;
        viaEnv.setProxyEnvironment(environment({ { "HTTP_PROXY", label } }));
        EndpointProfile unknown = profileFor(QUrl(QStringLiteral("http://tokenscope-no-such-host.invalid:8088")));
        t = QCoro::waitFor(viaEnv.send(unknown, prompt()));
        QCOMPARE(t.proxy, label);
        QVERIFY(!t.ok());
        QVERIFY2(t.errorMessage.contains(label), qPrintable(t.errorMessage));
        // Listed in NO_PROXY: no proxy, the client's own lookup fails.
        viaEnv.setProxyEnvironment(environment({ { "HTTP_PROXY", label }, { "NO_PROXY", QStringLiteral(".invalid") } }));
        t = QCoro::waitFor(viaEnv.send(unknown, prompt()));
        QVERIFY(t.proxy.isEmpty());
        QCOMPARE(t.error, ErrorClass::Dns);

        // The CLI takes --proxy, and its JSON names the proxy of each request.
        const QString json = m_dir.filePath(QStringLiteral("proxied.json"));
        const CliOutcome cli = runTokenscopeCli({ QStringLiteral("run"), QStringLiteral("--no-history"),
                                                  QStringLiteral("--endpoint"), m_endpoint.baseUrl().resolved(QUrl(QStringLiteral("/v1"))).toString(),
                                                  QStringLiteral("--model"), QStringLiteral("tokenscope-sim"),
                                                  QStringLiteral("--requests"), QStringLiteral("2"),
                                                  QStringLiteral("--max-tokens"), QStringLiteral("4"),
                                                  QStringLiteral("--proxy"), label, QStringLiteral("--json"), json });
        QVERIFY2(cli.exitCode == 0, cli.err.constData());
        QFile out(json);
        QVERIFY(out.open(QIODevice::ReadOnly));
        const QJsonArray requests = QJsonDocument::fromJson(out.readAll())[QLatin1String("requests")].toArray();
        QCOMPARE(requests.size(), 2);
        for (const QJsonValue &r : requests)
            QCOMPARE(r[QLatin1String("proxy")].toString(), label);
    }

    void throughSocks5()
    {
        const QString program = QStandardPaths::findExecutable(QStringLiteral("microsocks"));
        if (program.isEmpty())
            QSKIP("microsocks is not installed (scripts/test.sh installs it)");
        const int port = freePort();
        ProxyProcess proxy;
        QVERIFY2(proxy.start(program,
                             { QStringLiteral("-i"), QStringLiteral("127.0.0.1"), QStringLiteral("-p"),
                               QString::number(port) },
                             port),
                 qPrintable(proxy.output()));
        StreamingClient client;
        for (const char *scheme : { "socks5", "socks5h" }) {
            EndpointProfile profile = profileFor(m_endpoint.baseUrl());
            profile.proxy = QStringLiteral("%1://127.0.0.1:%2").arg(QLatin1String(scheme)).arg(port);
            const RequestTrace t = QCoro::waitFor(client.send(profile, prompt()));
            QVERIFY2(t.ok(), qPrintable(t.errorMessage));
            QCOMPARE(t.proxy, profile.proxy);
            QVERIFY(!t.text.isEmpty());
        }
    }

    void aProxyThatIsDownIsNamed()
    {
        StreamingClient client;
        EndpointProfile profile = profileFor(m_endpoint.baseUrl());
        const int port = freePort(); // nothing listens there
        profile.proxy = QStringLiteral("http://127.0.0.1:%1").arg(port);
        const RequestTrace t = QCoro::waitFor(client.send(profile, prompt()));
        QCOMPARE(t.error, ErrorClass::Connect);
        QVERIFY2(t.errorMessage.contains(QStringLiteral("proxy")) && t.errorMessage.contains(profile.proxy),
                 qPrintable(t.errorMessage));
    }

private:
    QTemporaryDir m_dir;
    EmbeddedEndpointRunner m_endpoint;
};

QTEST_GUILESS_MAIN(TestProxy)
#include "tst_proxy.moc"
