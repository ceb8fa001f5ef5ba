// tokenscope-cli run and sweep reading the server's /metrics while they measure: the embedded
// endpoint's batch and queue in the run JSON, the history and each sweep level; off means
// off; a server without /metrics costs nothing but one line.
#include "../common/clirunner.h"

#include <QAtomicInt>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSemaphore>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

#include <memory>

namespace {

struct Result
{
    int exitCode = -1;
    QString out;
    QString err;
};

Result runCli(const QStringList &args, int timeoutMs = 120'000)
{
    const CliOutcome o = runTokenscopeCli(args, timeoutMs);
    return { o.exitCode, QString::fromUtf8(o.out), QString::fromUtf8(o.err) };
}

QJsonObject readJson(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    return QJsonDocument::fromJson(f.readAll()).object();
}

// The fast preset with a shorter inference, a few tokens, and no progress line: a request
// takes about a third of a second, long enough for several scrapes while it holds its slot.
QStringList quickRequests()
{
    return { QStringLiteral("--latency-preset"), QStringLiteral("fast"),
             QStringLiteral("--inference-ms"),   QStringLiteral("100"),
             QStringLiteral("--max-tokens"),     QStringLiteral("8"),
             QStringLiteral("--quiet") };
}

/*!
 * A loopback server with no /metrics: GET /metrics gets a 404, anything else a short
 * simple-sse stream. Blocking sockets on its own thread, since the test's thread waits on the
 * CLI process meanwhile. One connection at a time, each closed after its response.
 */
class NoMetricsServer : public QThread
{
public:
    ~NoMetricsServer() override
    {
        m_stop.storeRelaxed(1);
        wait();
    }

    quint16 startServing()
    {
        start();
        m_ready.acquire();
        return m_port;
    }
    int metricsRequests() const { return m_metricsRequests.loadRelaxed(); }
    int streamRequests() const { return m_streamRequests.loadRelaxed(); }

protected:
    void run() override
    {
        QTcpServer server;
        if (server.listen(QHostAddress::LocalHost))
            m_port = server.serverPort();
        m_ready.release();
        while (!m_stop.loadRelaxed() && server.isListening()) {
            // Several connections may have been accepted at once: serve those first.
            if (!server.hasPendingConnections() && !server.waitForNewConnection(50))
                continue;
            const std::unique_ptr<QTcpSocket> socket(server.nextPendingConnection());
            if (socket)
                serve(*socket);
        }
    }

private:
    void serve(QTcpSocket &socket)
    {
        QByteArray request;
        qsizetype headerEnd = -1;
        while ((headerEnd = request.indexOf("\r\n\r\n")) < 0) {
            if (!socket.waitForReadyRead(5000))
                return;
            request += socket.readAll();
        }
        qsizetype contentLength = 0;
        const QList<QByteArray> lines = request.left(headerEnd).split('\n');
        for (const QByteArray &line : lines) {
            if (line.toLower().startsWith("content-length:"))
                contentLength = line.mid(15).trimmed().toLongLong();
        }
        while (request.size() < headerEnd + 4 + contentLength) {
            if (!socket.waitForReadyRead(5000))
                return;
            request += socket.readAll();
        }
        const QByteArray path = lines.constFirst().split(' ').value(1);
        QByteArray response;
        if (path.startsWith("/metrics")) {
            m_metricsRequests.ref();
            response = "HTTP/1.1 404 Not Found\r\nContent-Type: text/plain\r\nContent-Length: 9\r\n"
                       "Connection: close\r\n\r\nnot found";
        } else {
            m_streamRequests.ref();
            const QByteArray body = "data: {\"token\":\"Hello\"}\n\n"
                                    "data: {\"token\":\" there\"}\n\n"
                                    "data: {\"token\":\"!\",\"finish_reason\":\"stop\"}\n\n"
                                    "data: [DONE]\n\n";
            response = "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nContent-Length: "
                + QByteArray::number(body.size()) + "\r\nConnection: close\r\n\r\n" + body;
        }
        socket.write(response);
        socket.waitForBytesWritten(5000);
        socket.disconnectFromHost();
        if (socket.state() != QAbstractSocket::UnconnectedState)
            socket.waitForDisconnected(5000);
    }

    QSemaphore m_ready;
    quint16 m_port = 0;
    QAtomicInt m_stop = 0;
    QAtomicInt m_metricsRequests = 0;
    QAtomicInt m_streamRequests = 0;
};

} // namespace

class TestServerMetricsCli : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void runRecordsTheServersBatch()
    {
        QTemporaryDir dir;
        const QString json = dir.filePath(QStringLiteral("run.json"));
        const QString csv = dir.filePath(QStringLiteral("server.csv"));
        const QString db = dir.filePath(QStringLiteral("history.sqlite"));
        const Result r
            = runCli(QStringList { QStringLiteral("run"), QStringLiteral("--requests"), QStringLiteral("16"),
                                   QStringLiteral("--concurrency"), QStringLiteral("8"),
                                   QStringLiteral("--server-metrics-interval"), QStringLiteral("25"),
                                   QStringLiteral("--json"), json, QStringLiteral("--server-metrics-csv"),
                                   csv, QStringLiteral("--history-db"), db }
                     + quickRequests());
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        // Beside the client's figures, what the server said.
        QVERIFY2(r.out.contains(QStringLiteral("Server metrics: vLLM")), qPrintable(r.out));
        QVERIFY2(r.out.contains(QStringLiteral("TTFT p50 / p99: server")), qPrintable(r.out));

        const QJsonObject root = readJson(json);
        const QJsonObject server = root.value(QStringLiteral("server_metrics")).toObject();
        QCOMPARE(server.value(QStringLiteral("server")).toString(), QStringLiteral("vllm"));
        QVERIFY(server.value(QStringLiteral("url")).toString().endsWith(QStringLiteral("/metrics")));
        QCOMPARE(server.value(QStringLiteral("interval_ms")).toDouble(), 25.0);
        QVERIFY(server.value(QStringLiteral("scrapes")).toInt() >= 2);
        // Eight requests at once are eight in the server's running batch (seven when a scrape
        // falls between one request's end and the next one's arrival).
        const QJsonObject running
            = server.value(QStringLiteral("summary"))[QLatin1String("running")].toObject();
        QVERIFY2(running.value(QStringLiteral("max")).toDouble() >= 7,
                 qPrintable(QString::number(running.value(QStringLiteral("max")).toDouble())));
        QVERIFY(running.value(QStringLiteral("max")).toDouble() <= 8);
        QCOMPARE(
            server.value(QStringLiteral("summary"))[QLatin1String("waiting")][QLatin1String("max")].toDouble(
                -1),
            0.0);
        const QJsonArray points = server.value(QStringLiteral("series"))[QLatin1String("running")].toArray();
        QCOMPARE(points.size(), server.value(QStringLiteral("scrapes")).toInt());
        double previous = -1e9;
        for (const QJsonValue &p : points) {
            const double t = p.toObject().value(QStringLiteral("t_ms")).toDouble();
            QVERIFY(t >= previous);
            previous = t;
        }
        QVERIFY(server.value(QStringLiteral("series"))[QLatin1String("kv_cache_usage")].toArray().size()
                >= 2);
        // A scrape after the last request: the server's TTFT histogram saw every one of them.
        QCOMPARE(server.value(QStringLiteral("server_ttft_ms"))[QLatin1String("count")].toDouble(), 16.0);

        QFile f(csv);
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QByteArray rows = f.readAll();
        QVERIFY(rows.startsWith("series,t_ms,value\n"));
        QVERIFY(rows.contains("\nrunning,"));

        // Stored with the run, and in the history's export of it.
        const QString exported = dir.filePath(QStringLiteral("exported.json"));
        const Result e = runCli({ QStringLiteral("history"), QStringLiteral("export"), QStringLiteral("1"),
                                  QStringLiteral("--json"), exported, QStringLiteral("--history-db"), db });
        QVERIFY2(e.exitCode == 0, qPrintable(e.err));
        QCOMPARE(readJson(exported).value(QStringLiteral("server_metrics")), QJsonValue(server));
        const Result show = runCli({ QStringLiteral("history"), QStringLiteral("show"), QStringLiteral("1"),
                                     QStringLiteral("--history-db"), db });
        QVERIFY2(show.out.contains(QStringLiteral("Server metrics: vLLM")), qPrintable(show.out));
    }

    void sweepQueuesOnlyAboveCapacity()
    {
        QTemporaryDir dir;
        const QString json = dir.filePath(QStringLiteral("sweep.json"));
        const Result r
            = runCli(QStringList { QStringLiteral("sweep"), QStringLiteral("--concurrency"),
                                   QStringLiteral("2,4,8"), QStringLiteral("--max-concurrent-decodes"),
                                   QStringLiteral("4"), QStringLiteral("--max-requests"), QStringLiteral("8"),
                                   QStringLiteral("--server-metrics-interval"), QStringLiteral("25"),
                                   QStringLiteral("--json"), json, QStringLiteral("--no-history") }
                     + quickRequests());
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QVERIFY2(r.out.contains(QStringLiteral("Server (vLLM) per level")), qPrintable(r.out));

        const QJsonObject root = readJson(json);
        QCOMPARE(root.value(QStringLiteral("server_metrics"))[QLatin1String("server")].toString(),
                 QStringLiteral("vllm"));
        const QJsonArray levels = root.value(QStringLiteral("levels")).toArray();
        QCOMPARE(levels.size(), 3);
        for (const QJsonValue &v : levels) {
            const QJsonObject level = v.toObject();
            const double concurrency = level.value(QStringLiteral("level")).toDouble();
            QVERIFY2(level.value(QStringLiteral("server_waiting_max")).isDouble(),
                     qPrintable(QString::number(concurrency)));
            QVERIFY(level.value(QStringLiteral("server_running_mean")).isDouble());
            QVERIFY(level.value(QStringLiteral("server_kv_cache_max")).isDouble());
            const double waiting = level.value(QStringLiteral("server_waiting_max")).toDouble();
            // Four decode slots: two or four requests never wait, eight do.
            if (concurrency <= 4)
                QCOMPARE(waiting, 0.0);
            else
                QVERIFY2(waiting > 0, qPrintable(QString::number(waiting)));
            // The running batch never exceeds the slots.
            QVERIFY(level.value(QStringLiteral("server_running_mean")).toDouble() <= 4.0 + 1e-9);
        }
    }

    void offMeansOff()
    {
        QTemporaryDir dir;
        const QString json = dir.filePath(QStringLiteral("off.json"));
        const Result r
            = runCli(QStringList { QStringLiteral("run"), QStringLiteral("--requests"), QStringLiteral("2"),
                                   QStringLiteral("--server-metrics"), QStringLiteral("off"),
                                   QStringLiteral("--json"), json, QStringLiteral("--no-history") }
                     + quickRequests());
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        const QJsonObject root = readJson(json);
        QCOMPARE(root.value(QStringLiteral("summary"))[QLatin1String("requests_ok")].toInt(), 2);
        QVERIFY(!root.contains(QStringLiteral("server_metrics")));
        QVERIFY(!r.out.contains(QStringLiteral("Server metrics")));

        // A bad value is refused like any other option.
        const Result bad = runCli(
            { QStringLiteral("run"), QStringLiteral("--server-metrics"), QStringLiteral("sometimes") });
        QCOMPARE(bad.exitCode, 2);
        QVERIFY2(bad.err.contains(QStringLiteral("--server-metrics")), qPrintable(bad.err));
    }

    void serverWithoutMetrics()
    {
        NoMetricsServer server;
        const quint16 port = server.startServing();
        QVERIFY(port != 0);
        const QString endpoint = QStringLiteral("http://127.0.0.1:%1").arg(port);
        QTemporaryDir dir;
        const QString json = dir.filePath(QStringLiteral("plain.json"));
        const Result r = runCli(
            { QStringLiteral("run"), QStringLiteral("--endpoint"), endpoint, QStringLiteral("--protocol"),
              QStringLiteral("simple-sse"), QStringLiteral("--requests"), QStringLiteral("3"),
              QStringLiteral("--server-metrics-interval"), QStringLiteral("20"), QStringLiteral("--json"),
              json, QStringLiteral("--no-history"), QStringLiteral("--quiet") });
        QVERIFY2(r.exitCode == 0, qPrintable(r.err + r.out));
        QCOMPARE(readJson(json).value(QStringLiteral("summary"))[QLatin1String("requests_ok")].toInt(), 3);
        // Said once, asked once, and nothing stored.
        QCOMPARE(r.err.count(QStringLiteral("exposes no /metrics")), 1);
        QCOMPARE(server.metricsRequests(), 1);
        QVERIFY(!readJson(json).contains(QStringLiteral("server_metrics")));

        // An address given by hand is polled on, its failures counted and told once.
        const Result given = runCli(
            { QStringLiteral("run"), QStringLiteral("--endpoint"), endpoint, QStringLiteral("--protocol"),
              QStringLiteral("simple-sse"), QStringLiteral("--requests"), QStringLiteral("3"),
              QStringLiteral("--server-metrics"), endpoint + QStringLiteral("/metrics"),
              QStringLiteral("--server-metrics-interval"), QStringLiteral("20"), QStringLiteral("--json"),
              json, QStringLiteral("--no-history"), QStringLiteral("--quiet") });
        QVERIFY2(given.exitCode == 0, qPrintable(given.err + given.out));
        QCOMPARE(given.err.count(QStringLiteral("server metrics:")), 1);
        const QJsonObject record = readJson(json).value(QStringLiteral("server_metrics")).toObject();
        QCOMPARE(record.value(QStringLiteral("scrapes")).toInt(), 0);
        QVERIFY(record.value(QStringLiteral("failures")).toInt() >= 1);
        QVERIFY(record.value(QStringLiteral("last_error")).toString().contains(QStringLiteral("404")));
        QVERIFY(server.metricsRequests() >= 2);
    }
};

QTEST_GUILESS_MAIN(TestServerMetricsCli)
#include "tst_servermetricscli.moc"
