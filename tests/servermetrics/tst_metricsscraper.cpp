// MetricsScraper against a tiny /metrics server on a real loopback socket: changing values
// between scrapes, a server without /metrics, garbage, a closed port, silence and a huge body.
#include "common/clock.h"
#include "servermetrics/metricsscraper.h"

#include <QElapsedTimer>
#include <QHash>
#include <QJsonDocument>
#include <QJsonValue>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>

#include <memory>

using namespace std::chrono_literals;

namespace {

constexpr qint64 Ms = 1'000'000;
constexpr qint64 S = 1'000'000'000;

// A vLLM-like exposition: a gauge and a counter.
QByteArray vllmBody(int running, int generated)
{
    return "# HELP vllm:num_requests_running Number of requests in model execution batches.\n"
           "# TYPE vllm:num_requests_running gauge\n"
           "vllm:num_requests_running{engine=\"0\",model_name=\"m\"} "
        + QByteArray::number(running)
        + ".0\n"
          "# HELP vllm:generation_tokens_total Number of generation tokens processed.\n"
          "# TYPE vllm:generation_tokens_total counter\n"
          "vllm:generation_tokens_total{engine=\"0\",model_name=\"m\"} "
        + QByteArray::number(generated) + ".0\n";
}

} // namespace

/// \brief Answers GET requests on loopback: /metrics with the queued responses in turn (the last
/// one repeats), anything else with 404. Keep-alive, one request after another per connection.
class MetricsServer : public QObject
{
    Q_OBJECT
public:
    struct Response
    {
        int status = 200;
        QByteArray contentType = "text/plain; version=0.0.4; charset=utf-8";
        QByteArray body;
        bool silent = false; ///< read the request, never answer
    };

    ~MetricsServer() override
    {
        // The accepted sockets are children of m_server, the first member, so they would die
        // after m_buffers; a socket still connected emits disconnected() as it dies, into the
        // handler that erases its buffer. Close them while the members they use are alive.
        const QList<QTcpSocket *> sockets
            = m_server.findChildren<QTcpSocket *>(QString(), Qt::FindDirectChildrenOnly);
        for (QTcpSocket *socket : sockets) {
            socket->disconnect(this);
            delete socket;
        }
    }

    bool listen()
    {
        connect(&m_server, &QTcpServer::newConnection, this, &MetricsServer::accept);
        return m_server.listen(QHostAddress::LocalHost);
    }
    QUrl url(const QString &path) const
    {
        return QUrl(QStringLiteral("http://127.0.0.1:%1%2").arg(m_server.serverPort()).arg(path));
    }
    void setResponses(const QList<Response> &responses)
    {
        m_responses = responses;
        m_next = 0;
    }
    int requests(const QString &path) const { return int(m_paths.count(path)); }
    QStringList paths() const { return m_paths; }

private:
    void accept()
    {
        while (QTcpSocket *socket = m_server.nextPendingConnection()) {
            connect(socket, &QTcpSocket::readyRead, this, [this, socket] { read(socket); });
            connect(socket, &QTcpSocket::disconnected, this, [this, socket] { m_buffers.remove(socket); });
            connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
        }
    }

    void read(QTcpSocket *socket)
    {
        QByteArray &buffer = m_buffers[socket];
        buffer += socket->readAll();
        for (;;) {
            const qsizetype end = buffer.indexOf("\r\n\r\n");
            if (end < 0)
                return;
            const QByteArray head = buffer.left(end);
            buffer.remove(0, end + 4);
            const QList<QByteArray> requestLine = head.left(head.indexOf("\r\n")).split(' ');
            const QString path = requestLine.size() >= 2 ? QString::fromLatin1(requestLine[1]) : QString();
            m_paths.append(path);
            answer(socket, path);
        }
    }

    void answer(QTcpSocket *socket, const QString &path)
    {
        Response r;
        if (path == QLatin1String("/metrics") && !m_responses.isEmpty()) {
            r = m_responses[qMin<qsizetype>(m_next, m_responses.size() - 1)];
            ++m_next;
        } else {
            r.status = 404;
            r.contentType = "text/plain";
            r.body = "404 page not found\n";
        }
        if (r.silent)
            return;
        socket->write("HTTP/1.1 " + QByteArray::number(r.status) + (r.status == 200 ? " OK" : " Error")
                      + "\r\nContent-Type: " + r.contentType
                      + "\r\nContent-Length: " + QByteArray::number(r.body.size()) + "\r\n\r\n" + r.body);
    }

    QTcpServer m_server;
    QHash<QTcpSocket *, QByteArray> m_buffers;
    QList<Response> m_responses;
    qsizetype m_next = 0;
    QStringList m_paths;
};

class TestMetricsScraper : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void metricsUrlFor_data();
    void metricsUrlFor();
    void scrapesIntoTheTimeline();
    void discoveryStopsWithoutMetrics_data();
    void discoveryStopsWithoutMetrics();
    void explicitUrlKeepsPolling();
    void garbageIsNotPrometheusText();
    void malformedLinesAreAWarning();
    void jsonQuotedBody();
    void connectionRefused();
    void silentServerTimesOut();
    void bodyOverLimit();
    void stopAbortsTheScrapeInFlight();
    void deletedFromItsFailedSignal_data();
    void deletedFromItsFailedSignal();
    void unusableUrl();
    void takeTimeline();

private:
    std::unique_ptr<MetricsServer> m_server;
};

void TestMetricsScraper::init()
{
    m_server = std::make_unique<MetricsServer>();
    QVERIFY(m_server->listen());
}

void TestMetricsScraper::metricsUrlFor_data()
{
    QTest::addColumn<QString>("base");
    QTest::addColumn<QString>("expected");

    QTest::newRow("openai base") << QStringLiteral("http://127.0.0.1:8000/v1")
                                 << QStringLiteral("http://127.0.0.1:8000/metrics");
    QTest::newRow("path, query and fragment dropped")
        << QStringLiteral("https://api.example.com/openai/v1?x=1#f")
        << QStringLiteral("https://api.example.com/metrics");
    QTest::newRow("user info dropped")
        << QStringLiteral("http://user:secret@host:9/v1") << QStringLiteral("http://host:9/metrics");
    QTest::newRow("upper case scheme")
        << QStringLiteral("HTTP://Host:30000") << QStringLiteral("http://host:30000/metrics");
    QTest::newRow("ipv6") << QStringLiteral("http://[::1]:8080/v1")
                          << QStringLiteral("http://[::1]:8080/metrics");
    QTest::newRow("not http") << QStringLiteral("ftp://host/x") << QString();
    QTest::newRow("no host") << QStringLiteral("/v1") << QString();
}

void TestMetricsScraper::metricsUrlFor()
{
    QFETCH(QString, base);
    QFETCH(QString, expected);
    QCOMPARE(MetricsScraper::metricsUrlFor(QUrl(base)).toString(), expected);
}

void TestMetricsScraper::scrapesIntoTheTimeline()
{
    m_server->setResponses({ { 200, "text/plain; version=0.0.4", vllmBody(1, 100) },
                             { 200, "text/plain; version=0.0.4", vllmBody(2, 200) },
                             { 200, "text/plain; version=0.0.4", vllmBody(3, 400) } });
    // A clock that moves 250 ms per scrape: the timestamps, and so the rates, are exact.
    ManualClock clock;
    clock.setNs(10 * S);
    MetricsScraper scraper(&clock);
    scraper.setRunStartNs(10 * S);
    scraper.setInterval(20ms);
    scraper.discoverFrom(m_server->url(QStringLiteral("/v1")));
    QCOMPARE(scraper.metricsUrl(), m_server->url(QStringLiteral("/metrics")));
    QSignalSpy failed(&scraper, &MetricsScraper::failed);
    int scrapes = 0;
    connect(&scraper, &MetricsScraper::scraped, this, [&] {
        clock.advanceNs(250 * Ms);
        if (++scrapes == 3)
            scraper.stop();
    });
    scraper.start();
    QVERIFY(scraper.isRunning());
    QTRY_COMPARE(scrapes, 3);
    QVERIFY2(failed.isEmpty(), failed.isEmpty() ? "" : qPrintable(failed.front().front().toString()));
    QVERIFY(!scraper.isRunning());
    QCOMPARE(scraper.scrapeCount(), 3);

    const ServerMetricsTimeline &t = scraper.timeline();
    QCOMPARE(t.serverKind(), ServerKind::Vllm);
    QCOMPARE(t.series(ServerSeries::Running),
             QList<ServerMetricsPoint>({ { 0, 1 }, { 250, 2 }, { 500, 3 } }));
    // 100 tokens in 250 ms, then 200.
    QCOMPARE(t.series(ServerSeries::GenerationTokensPerS),
             QList<ServerMetricsPoint>({ { 250, 400 }, { 500, 800 } }));
    QCOMPARE(m_server->requests(QStringLiteral("/metrics")), 3);
    QCOMPARE(m_server->paths(), QStringList(3, QStringLiteral("/metrics")));

    // Nothing more after stop().
    QTest::qWait(100);
    QCOMPARE(m_server->requests(QStringLiteral("/metrics")), 3);
}

void TestMetricsScraper::discoveryStopsWithoutMetrics_data()
{
    QTest::addColumn<int>("status");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QString>("detail");

    // SGLang without --enable-metrics, Ollama: no route at all.
    QTest::newRow("404") << 404 << QByteArray("404 page not found\n") << QStringLiteral("404 page not found");
    // llama.cpp without --metrics answers 501 with an error object.
    QTest::newRow("llama.cpp 501") << 501
                                   << QByteArray("{\"error\":{\"code\":501,\"message\":\"This server does "
                                                 "not support metrics endpoint. Start it "
                                                 "with `--metrics`\",\"type\":\"not_supported_error\"}}")
                                   << QStringLiteral("Start it with `--metrics`");
}

void TestMetricsScraper::discoveryStopsWithoutMetrics()
{
    QFETCH(int, status);
    QFETCH(QByteArray, body);
    QFETCH(QString, detail);
    m_server->setResponses({ { status, "application/json", body } });
    MetricsScraper scraper;
    scraper.setInterval(20ms);
    scraper.discoverFrom(m_server->url(QStringLiteral("/v1")));
    QSignalSpy failed(&scraper, &MetricsScraper::failed);
    QSignalSpy scraped(&scraper, &MetricsScraper::scraped);
    scraper.start();
    QTRY_COMPARE(failed.size(), 1);
    const QString message = failed.front().front().toString();
    QVERIFY2(message.contains(QStringLiteral("exposes no /metrics"))
                 && message.contains(QString::number(status)) && message.contains(detail),
             qPrintable(message));
    QVERIFY(!scraper.isRunning());
    QVERIFY(scraper.isUnavailable());
    QCOMPARE(scraper.lastError(), message);

    // It stopped asking.
    QTest::qWait(200);
    QCOMPARE(m_server->requests(QStringLiteral("/metrics")), 1);
    QCOMPARE(failed.size(), 1);
    QVERIFY(scraped.isEmpty());
}

void TestMetricsScraper::explicitUrlKeepsPolling()
{
    // A URL given by hand: a 404 is reported, and the scraper keeps asking (the server may be
    // starting up behind a proxy).
    MetricsScraper scraper;
    scraper.setInterval(20ms);
    scraper.setMetricsUrl(m_server->url(QStringLiteral("/custom/metrics")));
    QSignalSpy failed(&scraper, &MetricsScraper::failed);
    scraper.start();
    QTRY_VERIFY(failed.size() >= 2);
    scraper.stop();
    const QString message = failed.front().front().toString();
    QVERIFY2(message.contains(QStringLiteral("HTTP 404"))
                 && message.contains(QStringLiteral("/custom/metrics")),
             qPrintable(message));
    QVERIFY(!scraper.isUnavailable());
    QVERIFY(m_server->requests(QStringLiteral("/custom/metrics")) >= 2);
}

void TestMetricsScraper::garbageIsNotPrometheusText()
{
    // A web front end that answers every path with its page.
    m_server->setResponses(
        { { 200, "text/html; charset=utf-8", "<!DOCTYPE html>\n<html><body>App</body></html>\n" },
          { 200, "text/plain", vllmBody(4, 10) } });
    MetricsScraper scraper;
    scraper.setInterval(20ms);
    scraper.discoverFrom(m_server->url(QString()));
    QSignalSpy failed(&scraper, &MetricsScraper::failed);
    QSignalSpy scraped(&scraper, &MetricsScraper::scraped);
    scraper.start();
    QTRY_COMPARE(failed.size(), 1);
    const QString message = failed.front().front().toString();
    QVERIFY2(message.contains(QStringLiteral("did not answer with Prometheus text"))
                 && message.contains(QStringLiteral("text/html"))
                 && message.contains(QStringLiteral("Line 1")),
             qPrintable(message));
    // Not a reason to stop: the next answer is good.
    QTRY_VERIFY(!scraped.isEmpty());
    scraper.stop();
    QCOMPARE(scraper.failureCount(), 1);
    QCOMPARE(scraper.timeline().series(ServerSeries::Running).front().value, 4.0);
}

void TestMetricsScraper::malformedLinesAreAWarning()
{
    m_server->setResponses({ { 200, "text/plain", vllmBody(5, 10) + "this line is { broken\n" } });
    MetricsScraper scraper;
    scraper.setMetricsUrl(m_server->url(QStringLiteral("/metrics")));
    QSignalSpy scraped(&scraper, &MetricsScraper::scraped);
    scraper.start();
    QTRY_VERIFY(!scraped.isEmpty());
    scraper.stop();
    QVERIFY2(scraper.lastWarning().contains(QStringLiteral("1 malformed line")),
             qPrintable(scraper.lastWarning()));
    QVERIFY2(scraper.lastWarning().contains(QStringLiteral("line 7:")), qPrintable(scraper.lastWarning()));
    QCOMPARE(scraper.timeline().series(ServerSeries::Running).front().value, 5.0);
}

void TestMetricsScraper::jsonQuotedBody()
{
    // Some llama.cpp builds sent their metrics as one JSON string.
    const QByteArray text = "# TYPE llamacpp:requests_processing gauge\nllamacpp:requests_processing 3\n";
    const QByteArray quoted = QJsonDocument::fromVariant(QVariantList { QString::fromUtf8(text) })
                                  .toJson(QJsonDocument::Compact)
                                  .mid(1)
                                  .chopped(1);
    QVERIFY(quoted.startsWith('"'));
    m_server->setResponses({ { 200, "application/json", quoted } });
    MetricsScraper scraper;
    scraper.setMetricsUrl(m_server->url(QStringLiteral("/metrics")));
    QSignalSpy scraped(&scraper, &MetricsScraper::scraped);
    scraper.start();
    QTRY_VERIFY(!scraped.isEmpty());
    scraper.stop();
    QCOMPARE(scraper.timeline().serverKind(), ServerKind::LlamaCpp);
    QCOMPARE(scraper.timeline().series(ServerSeries::Running).front().value, 3.0);
}

void TestMetricsScraper::connectionRefused()
{
    // A port that was free a moment ago and has nobody listening now.
    QTcpServer probe;
    QVERIFY(probe.listen(QHostAddress::LocalHost));
    const quint16 port = probe.serverPort();
    probe.close();

    MetricsScraper scraper;
    scraper.setInterval(50ms);
    scraper.discoverFrom(QUrl(QStringLiteral("http://127.0.0.1:%1/v1").arg(port)));
    QSignalSpy failed(&scraper, &MetricsScraper::failed);
    scraper.start();
    QTRY_VERIFY(failed.size() >= 1);
    const QString message = failed.front().front().toString();
    QVERIFY2(message.contains(QStringLiteral("Could not reach")) && message.contains(QString::number(port))
                 && message.contains(QStringLiteral("refused"), Qt::CaseInsensitive),
             qPrintable(message));
    // A server that is not up yet may come up: polling goes on.
    QVERIFY(scraper.isRunning());
    QTRY_VERIFY(failed.size() >= 2);
    scraper.stop();
}

void TestMetricsScraper::silentServerTimesOut()
{
    m_server->setResponses({ { 200, "text/plain", QByteArray(), true } });
    MetricsScraper scraper;
    scraper.setInterval(5000ms); // one scrape in this test
    scraper.setTimeout(200ms);
    scraper.setMetricsUrl(m_server->url(QStringLiteral("/metrics")));
    QSignalSpy failed(&scraper, &MetricsScraper::failed);
    QElapsedTimer elapsed;
    elapsed.start();
    scraper.start();
    QTRY_COMPARE(failed.size(), 1);
    QVERIFY(elapsed.elapsed() < 3000);
    scraper.stop();
    const QString message = failed.front().front().toString();
    QVERIFY2(message.contains(QStringLiteral("No answer")) && message.contains(QStringLiteral("0.2 s")),
             qPrintable(message));
}

void TestMetricsScraper::bodyOverLimit()
{
    QByteArray big;
    for (int i = 0; big.size() < 4096; ++i)
        big += "unmapped_" + QByteArray::number(i) + " 1\n";
    m_server->setResponses({ { 200, "text/plain", big }, { 200, "text/plain", vllmBody(1, 1) } });
    MetricsScraper scraper;
    scraper.setInterval(20ms);
    scraper.setMaxBodyBytes(1024);
    scraper.setMetricsUrl(m_server->url(QStringLiteral("/metrics")));
    QSignalSpy failed(&scraper, &MetricsScraper::failed);
    QSignalSpy scraped(&scraper, &MetricsScraper::scraped);
    scraper.start();
    QTRY_COMPARE(failed.size(), 1);
    const QString message = failed.front().front().toString();
    QVERIFY2(message.contains(QStringLiteral("1 KiB")), qPrintable(message));
    QTRY_VERIFY(!scraped.isEmpty()); // the next, smaller body is read
    scraper.stop();
}

void TestMetricsScraper::stopAbortsTheScrapeInFlight()
{
    m_server->setResponses({ { 200, "text/plain", QByteArray(), true } });
    MetricsScraper scraper;
    scraper.setTimeout(5000ms);
    scraper.setMetricsUrl(m_server->url(QStringLiteral("/metrics")));
    QSignalSpy failed(&scraper, &MetricsScraper::failed);
    QSignalSpy scraped(&scraper, &MetricsScraper::scraped);
    scraper.start();
    QTRY_COMPARE(m_server->requests(QStringLiteral("/metrics")), 1);
    scraper.stop();
    QVERIFY(!scraper.isRunning());
    QTest::qWait(200);
    QVERIFY(failed.isEmpty());
    QVERIFY(scraped.isEmpty());
}

void TestMetricsScraper::deletedFromItsFailedSignal_data()
{
    QTest::addColumn<bool>("silent");

    QTest::newRow("timeout") << true;
    QTest::newRow("body over limit") << false;
}

void TestMetricsScraper::deletedFromItsFailedSignal()
{
    // A receiver may delete the scraper from failed(), also when the failure comes from aborting
    // the scrape: no answer in time, or a body over the cap.
    QFETCH(bool, silent);
    m_server->setResponses({ { 200, "text/plain", QByteArray(4 * 1024 * 1024, 'x'), silent } });
    auto scraper = std::make_unique<MetricsScraper>();
    scraper->setTimeout(100ms);
    scraper->setMaxBodyBytes(1024);
    scraper->setMetricsUrl(m_server->url(QStringLiteral("/metrics")));
    QString message;
    connect(scraper.get(), &MetricsScraper::failed, this, [&](const QString &m) {
        message = m;
        scraper.reset();
    });
    scraper->start();
    QTRY_VERIFY(!scraper);
    QVERIFY2(message.contains(silent ? QStringLiteral("No answer") : QStringLiteral("1 KiB")),
             qPrintable(message));
    QTest::qWait(50); // whatever the scrape left queued
}

void TestMetricsScraper::unusableUrl()
{
    MetricsScraper scraper;
    scraper.discoverFrom(QUrl(QStringLiteral("ftp://example.com/v1")));
    QVERIFY(!scraper.metricsUrl().isValid());
    QSignalSpy failed(&scraper, &MetricsScraper::failed);
    scraper.start();
    QCOMPARE(failed.size(), 1);
    QVERIFY2(failed.front().front().toString().contains(QStringLiteral("not an http(s) URL")),
             qPrintable(failed.front().front().toString()));
    QVERIFY(!scraper.isRunning());
}

void TestMetricsScraper::takeTimeline()
{
    m_server->setResponses({ { 200, "text/plain", vllmBody(6, 60) } });
    MetricsScraper scraper;
    scraper.setRunStartNs(42);
    scraper.setMetricsUrl(m_server->url(QStringLiteral("/metrics")));
    QSignalSpy scraped(&scraper, &MetricsScraper::scraped);
    scraper.start();
    QTRY_VERIFY(!scraped.isEmpty());
    scraper.stop();
    const ServerMetricsTimeline taken = scraper.takeTimeline();
    QCOMPARE(taken.scrapeCount(), 1);
    QCOMPARE(taken.originNs(), qint64(42));
    QVERIFY(scraper.timeline().isEmpty());
    QCOMPARE(scraper.timeline().originNs(), qint64(42));
}

QTEST_GUILESS_MAIN(TestMetricsScraper)
#include "tst_metricsscraper.moc"
