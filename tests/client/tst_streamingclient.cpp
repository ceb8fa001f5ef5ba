// The streaming client against the embedded endpoint, over real loopback sockets.
#include "client/streamingclient.h"
#include "common/clock.h"
#include "endpoint/embeddedendpoint.h"
#include "metrics/requestmetrics.h"
#include "../common/iothreadmodes.h"

#include <QCoroSignal>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTest>
#include <QThread>

#include <atomic>
#include <thread>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

namespace {

LatencyModel fastModel()
{
    LatencyModel m;
    m.networkMs = 5;
    m.promptMsPerToken = 0;
    m.inferenceMs = 20;
    m.generationMsPerToken = 2;
    m.postprocessMs = 5;
    m.batchSlowdown = 0;
    m.jitter = 0;
    return m;
}

GenerationRequest prompt(int maxTokens = 12, bool stream = true)
{
    GenerationRequest r;
    r.messages = {{QStringLiteral("user"), QStringLiteral("What is machine learning? 什么是机器学习？")}};
    r.maxTokens = maxTokens;
    r.stream = stream;
    return r;
}

EndpointProfile profileFor(const QUrl &root, Protocol protocol)
{
    EndpointProfile p;
    p.name = QStringLiteral("embedded");
    p.protocol = protocol;
    p.model = QStringLiteral("tokenscope-sim");
    p.baseUrl = root;
    if (protocol == Protocol::OpenAIChat || protocol == Protocol::OpenAICompletions
        || protocol == Protocol::OpenAIResponses)
        p.baseUrl.setPath(QStringLiteral("/v1"));
    return p;
}

// Every test runs twice: with the requests on the test's thread, and on two I/O threads.
int s_ioThreads = 0;

RequestTrace sendAndWait(StreamingClient &client, const EndpointProfile &profile,
                         const GenerationRequest &request, RequestOptions options = {})
{
    return QCoro::waitFor(client.send(profile, request, options));
}

// A server on a thread of its own, on plain sockets, so that nothing the client's threads do
// holds it up: it sends a first token at once and a second one 40 ms later.
class PacedServer
{
public:
    PacedServer()
    {
        m_listener = ::socket(AF_INET, SOCK_STREAM, 0);
        sockaddr_in address {};
        address.sin_family = AF_INET;
        address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        socklen_t length = sizeof address;
        if (::bind(m_listener, reinterpret_cast<sockaddr *>(&address), length) == 0
            && ::listen(m_listener, 1) == 0
            && ::getsockname(m_listener, reinterpret_cast<sockaddr *>(&address), &length) == 0)
            m_port = ntohs(address.sin_port);
        if (m_port)
            m_thread = std::thread([this] { serve(); });
    }
    ~PacedServer()
    {
        ::shutdown(m_listener, SHUT_RDWR);
        if (m_thread.joinable())
            m_thread.join();
        ::close(m_listener);
    }
    quint16 port() const { return m_port; }
    /// When the second token was handed to the kernel (Clock::system()), -1 before.
    qint64 secondSentNs() const { return m_secondSentNs.load(); }

private:
    void serve()
    {
        const int connection = ::accept(m_listener, nullptr, nullptr);
        if (connection < 0)
            return;
        QByteArray request;
        char buffer[4096];
        while (!request.contains("\r\n\r\n")) {
            const ssize_t n = ::read(connection, buffer, sizeof buffer);
            if (n <= 0)
                break;
            request.append(buffer, n);
        }
        const auto send = [connection](const QByteArray &bytes) {
            return ::write(connection, bytes.constData(), size_t(bytes.size())) == bytes.size();
        };
        send("HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nConnection: close\r\n\r\n"
             "data: {\"token\": \"one\"}\n\n");
        std::this_thread::sleep_for(std::chrono::milliseconds(40));
        m_secondSentNs = Clock::system()->nowNs();
        send("data: {\"token\": \" two\"}\n\n");
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
        send("data: [DONE]\n\n");
        ::close(connection);
    }

    int m_listener = -1;
    quint16 m_port = 0;
    std::atomic<qint64> m_secondSentNs { -1 };
    std::thread m_thread;
};

} // namespace

class TestStreamingClient : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase_data() { addIoThreadModes(); }
    void init() { s_ioThreads = ioThreadsOfThisRow(); }

    void initTestCase()
    {
        QVERIFY2(m_endpoint.start(fastModel()), qPrintable(m_endpoint.errorString()));
    }

    void everyProtocolStreams_data()
    {
        QTest::addColumn<Protocol>("protocol");
        QTest::addColumn<bool>("stream");
        for (Protocol p : Protocols::all()) {
            QTest::addRow("%s-stream", qPrintable(Protocols::name(p))) << p << true;
            if (p != Protocol::SimpleSse)
                QTest::addRow("%s-nostream", qPrintable(Protocols::name(p))) << p << false;
        }
    }

    void everyProtocolStreams()
    {
        QFETCH(Protocol, protocol);
        QFETCH(bool, stream);
        StreamingClient client;
        client.setIoThreads(s_ioThreads);
        const RequestTrace t = sendAndWait(client, profileFor(m_endpoint.baseUrl(), protocol), prompt(12, stream));
        QVERIFY2(t.ok(), qPrintable(ErrorClasses::name(t.error) + u": " + t.errorMessage));
        QCOMPARE(t.httpStatus, 200);
        QVERIFY(!t.text.isEmpty());
        QVERIFY(t.firstTokenNs > t.startNs);
        QVERIFY(t.endNs >= t.lastTokenNs);
        // Stamped when the request left, not taken from the answer's first byte (the endpoint
        // waits 5 ms of simulated network before it answers).
        QVERIFY(t.requestSentNs > t.startNs);
        QCOMPARE_LT(t.requestSentNs, t.responseStartNs - 1'000'000);
        if (stream) {
            QVERIFY2(t.chunks.size() >= 6, qPrintable(QString::number(t.chunks.size())));
            QString joined;
            for (const TraceChunk &c : t.chunks)
                joined += c.text;
            QCOMPARE(joined, t.text);
        }
        const RequestMetrics m = Metrics::compute(t);
        // Simple-SSE gives no usage; every other protocol reports the 12 tokens it sent.
        if (protocol != Protocol::SimpleSse) {
            QCOMPARE(m.outputTokens, 12);
            QCOMPARE(m.tokenSource, TokenCountSource::Usage);
        } else {
            QCOMPARE(m.outputTokens, 12);
        }
        QCOMPARE_LE(qAbs(m.phases.total() - m.e2eMs), 1e-6);
    }

    void firstTokenDelayIsMeasured_data()
    {
        QTest::addColumn<double>("networkMs");
        QTest::addColumn<double>("inferenceMs");
        QTest::newRow("fast") << 10.0 << 60.0;
        QTest::newRow("slow") << 80.0 << 250.0;
    }

    void firstTokenDelayIsMeasured()
    {
        QFETCH(double, networkMs);
        QFETCH(double, inferenceMs);
        LatencyModel model = fastModel();
        model.networkMs = networkMs;
        model.inferenceMs = inferenceMs;
        EmbeddedEndpointRunner endpoint;
        QVERIFY(endpoint.start(model));
        StreamingClient client;
        client.setIoThreads(s_ioThreads);
        const RequestTrace t = sendAndWait(client, profileFor(endpoint.baseUrl(), Protocol::OpenAIChat), prompt(8));
        QVERIFY2(t.ok(), qPrintable(t.errorMessage));
        const RequestMetrics m = Metrics::compute(t);
        const double expected = networkMs + inferenceMs;
        // Timers fire late, never early; loopback and scheduling add a little.
        QCOMPARE_GE(*m.ttftMs, expected - 1.0);
        QCOMPARE_LE(*m.ttftMs, expected + 60.0);
        // The breakdown finds the configured network delay (headers come before the first token).
        QCOMPARE_GE(m.phases[Phase::Network], networkMs - 1.0);
        QCOMPARE_LE(m.phases[Phase::Network], networkMs + 30.0);
        QCOMPARE(m.phases.sourceOf(Phase::Network), PhaseSource::Measured);
    }

    void fivePhasesMatchTheInjectedDelays()
    {
        // Every phase of the latency model is known, so the breakdown is checked against it.
        LatencyModel model = fastModel();
        model.networkMs = 40;
        model.promptMsPerToken = 2;
        model.inferenceMs = 100;
        model.generationMsPerToken = 5;
        model.postprocessMs = 30;
        EmbeddedEndpointRunner endpoint;
        QVERIFY(endpoint.start(model));
        StreamingClient client;
        client.setIoThreads(s_ioThreads);
        const int tokens = 20;
        const RequestTrace t = sendAndWait(client, profileFor(endpoint.baseUrl(), Protocol::OpenAIChat), prompt(tokens));
        QVERIFY2(t.ok(), qPrintable(t.errorMessage));
        QVERIFY(t.usage.promptTokens.has_value());
        const RequestMetrics m = Metrics::compute(t);
        const double promptMs = 2.0 * double(*t.usage.promptTokens);
        const struct
        {
            Phase phase;
            double expected;
            PhaseSource source;
        } rows[] = {
            {Phase::Network, 40, PhaseSource::Measured},
            {Phase::Prompt, promptMs, PhaseSource::ServerReported},
            {Phase::Inference, 100, PhaseSource::Measured},
            {Phase::Generation, 5.0 * (tokens - 1), PhaseSource::Measured},
            {Phase::Postprocess, 30, PhaseSource::Measured},
        };
        for (const auto &row : rows) {
            const QByteArray what = Phases::key(row.phase).toLatin1() + " = " + QByteArray::number(m.phases[row.phase]);
            // Timers fire late, never early: a little below for rounding, more above for load.
            QVERIFY2(m.phases[row.phase] >= row.expected - 2.0, what.constData());
            QVERIFY2(m.phases[row.phase] <= row.expected + 40.0, what.constData());
            QCOMPARE(m.phases.sourceOf(row.phase), row.source);
        }
        QCOMPARE_LE(qAbs(m.phases.total() - m.e2eMs), 1e-6);
    }

    void faultsEndInTheirErrorClass_data()
    {
        QTest::addColumn<QByteArray>("fault");
        QTest::addColumn<Protocol>("protocol");
        QTest::addColumn<ErrorClass>("expected");
        QTest::addColumn<bool>("partialText");
        QTest::addColumn<QString>("messagePart");
        const QList<Protocol> protocols{Protocol::OpenAIChat, Protocol::Anthropic, Protocol::Ollama};
        for (Protocol p : protocols) {
            const QByteArray n = Protocols::name(p).toLatin1();
            QTest::addRow("429-%s", n.constData()) << QByteArray("429") << p << ErrorClass::HttpStatus << false << QStringLiteral("429");
            QTest::addRow("500-%s", n.constData()) << QByteArray("500") << p << ErrorClass::HttpStatus << false << QStringLiteral("500");
            QTest::addRow("reset-%s", n.constData()) << QByteArray("reset") << p << ErrorClass::Reset << true << QString();
            QTest::addRow("truncate-%s", n.constData()) << QByteArray("truncate") << p << ErrorClass::Reset << true << QString();
            QTest::addRow("stall-%s", n.constData()) << QByteArray("stall") << p << ErrorClass::StallTimeout << true << QStringLiteral("stalled");
            QTest::addRow("malformed-%s", n.constData()) << QByteArray("malformed") << p << ErrorClass::MalformedStream << true << QString();
            QTest::addRow("error-event-%s", n.constData()) << QByteArray("error-event") << p << ErrorClass::ServerError << true << QStringLiteral("overload");
            QTest::addRow("tiny-reads-%s", n.constData()) << QByteArray("tiny-reads") << p << ErrorClass::None << true << QString();
        }
    }

    void faultsEndInTheirErrorClass()
    {
        QFETCH(QByteArray, fault);
        QFETCH(Protocol, protocol);
        QFETCH(ErrorClass, expected);
        QFETCH(bool, partialText);
        QFETCH(QString, messagePart);
        EndpointProfile profile = profileFor(m_endpoint.baseUrl(), protocol);
        profile.headers.append({QByteArray(Protocols::FaultHeader), fault});
        RequestOptions options;
        options.stallTimeoutMs = 300;
        StreamingClient client;
        client.setIoThreads(s_ioThreads);
        const RequestTrace t = sendAndWait(client, profile, prompt(12), options);
        QCOMPARE(ErrorClasses::name(t.error), ErrorClasses::name(expected));
        if (partialText)
            QVERIFY2(!t.text.isEmpty(), "partial text must be kept");
        if (!messagePart.isEmpty())
            QVERIFY2(t.errorMessage.contains(messagePart, Qt::CaseInsensitive), qPrintable(t.errorMessage));
        if (!t.ok())
            QVERIFY(!t.errorMessage.isEmpty());
        const RequestMetrics m = Metrics::compute(t);
        QCOMPARE_LE(qAbs(m.phases.total() - m.e2eMs), 1e-6);
    }

    void tinyReadsGiveTheSameText()
    {
        StreamingClient client;
        client.setIoThreads(s_ioThreads);
        const EndpointProfile plain = profileFor(m_endpoint.baseUrl(), Protocol::OpenAIChat);
        EndpointProfile tiny = plain;
        tiny.headers.append({QByteArray(Protocols::FaultHeader), QByteArrayLiteral("tiny-reads")});
        const RequestTrace a = sendAndWait(client, plain, prompt(16));
        const RequestTrace b = sendAndWait(client, tiny, prompt(16), {});
        QVERIFY(a.ok() && b.ok());
        QCOMPARE(b.text, a.text);
        QVERIFY(b.chunks.size() >= a.chunks.size());
    }

    void timeouts()
    {
        LatencyModel model = fastModel();
        model.inferenceMs = 3000;
        EmbeddedEndpointRunner slow;
        QVERIFY(slow.start(model));
        StreamingClient client;
        client.setIoThreads(s_ioThreads);
        RequestOptions options;
        options.firstTokenTimeoutMs = 200;
        RequestTrace t = sendAndWait(client, profileFor(slow.baseUrl(), Protocol::OpenAIChat), prompt(), options);
        QCOMPARE(t.error, ErrorClass::FirstTokenTimeout);
        QCOMPARE_LT(Time::nsToMs(t.endNs - t.startNs), 1500.0);

        options.firstTokenTimeoutMs = 0;
        options.totalTimeoutMs = 250;
        t = sendAndWait(client, profileFor(slow.baseUrl(), Protocol::OpenAIChat), prompt(), options);
        QCOMPARE(t.error, ErrorClass::TotalTimeout);
    }

    void connectionRefused()
    {
        QTcpServer server;
        QVERIFY(server.listen(QHostAddress::LocalHost));
        const quint16 port = server.serverPort();
        server.close();
        StreamingClient client;
        client.setIoThreads(s_ioThreads);
        EndpointProfile p = profileFor(QUrl(QStringLiteral("http://127.0.0.1:%1").arg(port)), Protocol::OpenAIChat);
        const RequestTrace t = sendAndWait(client, p, prompt());
        QCOMPARE(t.error, ErrorClass::Connect);
        QVERIFY2(t.errorMessage.contains(QStringLiteral("refused")), qPrintable(t.errorMessage));
    }

    void invalidUrl()
    {
        StreamingClient client;
        client.setIoThreads(s_ioThreads);
        EndpointProfile p = profileFor(QUrl(QStringLiteral("ftp://example.invalid/")), Protocol::OpenAIChat);
        const RequestTrace t = sendAndWait(client, p, prompt());
        QCOMPARE(t.error, ErrorClass::InvalidRequest);
    }

    void httpErrorCarriesTheServersMessage()
    {
        StreamingClient client;
        client.setIoThreads(s_ioThreads);
        EndpointProfile p = profileFor(m_endpoint.baseUrl(), Protocol::OpenAIChat);
        p.baseUrl.setPath(QStringLiteral("/nowhere"));
        const RequestTrace t = sendAndWait(client, p, prompt());
        QCOMPARE(t.error, ErrorClass::HttpStatus);
        QCOMPARE(t.httpStatus, 404);
        QVERIFY2(t.errorMessage.startsWith(QStringLiteral("HTTP 404")), qPrintable(t.errorMessage));
    }

    void cancelKeepsPartialText()
    {
        LatencyModel model = fastModel();
        model.generationMsPerToken = 30;
        EmbeddedEndpointRunner endpoint;
        QVERIFY(endpoint.start(model));
        StreamingClient client;
        client.setIoThreads(s_ioThreads);
        const std::unique_ptr<RequestHandle> handle
            = client.start(profileFor(endpoint.baseUrl(), Protocol::OpenAIChat), prompt(100));
        int chunks = 0;
        connect(handle.get(), &RequestHandle::chunkReceived, this, [&](const TraceChunk &) {
            if (++chunks == 3)
                handle->cancel();
        });
        const RequestTrace t = QCoro::waitFor(handle->result());
        QCOMPARE(t.error, ErrorClass::Cancelled);
        QCOMPARE(t.chunks.size(), 3);
        QVERIFY(!t.text.isEmpty());
    }

    void connectionReuse()
    {
        EmbeddedEndpointRunner endpoint;
        QVERIFY(endpoint.start(fastModel()));
        StreamingClient client;
        client.setIoThreads(s_ioThreads);
        const EndpointProfile p = profileFor(endpoint.baseUrl(), Protocol::OpenAIChat);
        RequestTrace a = sendAndWait(client, p, prompt(4), {});
        RequestTrace b = sendAndWait(client, p, prompt(4), {});
        QVERIFY(a.ok() && b.ok());
        QVERIFY(!a.reusedConnection);
        QVERIFY(b.reusedConnection);
        QCOMPARE(b.connectStartNs, -1);
        QCOMPARE(endpoint.stats().connections, 1);

        RequestOptions cold;
        cold.reuseConnections = false;
        RequestTrace c = sendAndWait(client, p, prompt(4), cold);
        RequestTrace d = sendAndWait(client, p, prompt(4), cold);
        QVERIFY(c.ok() && d.ok());
        QVERIFY(!d.reusedConnection);
        QVERIFY(d.connectedNs > 0);
        QCOMPARE(endpoint.stats().connections, 3);
    }

    void chunksArriveInOrderAsSignals()
    {
        StreamingClient client;
        client.setIoThreads(s_ioThreads);
        const std::unique_ptr<RequestHandle> handle
            = client.start(profileFor(m_endpoint.baseUrl(), Protocol::Anthropic), prompt(10));
        QSignalSpy spy(handle.get(), &RequestHandle::chunkReceived);
        const RequestTrace t = QCoro::waitFor(handle->result());
        QVERIFY(t.ok());
        QCOMPARE(t.id, handle->id());
        QCOMPARE(spy.size(), t.chunks.size());
        qint64 previous = 0;
        for (qsizetype i = 0; i < spy.size(); ++i) {
            const auto chunk = spy.at(i).at(0).value<TraceChunk>();
            QCOMPARE(chunk.tNs, t.chunks.at(i).tNs); // the very chunk the trace keeps
            QCOMPARE(chunk.text, t.chunks.at(i).text);
            QCOMPARE_GE(chunk.tNs, previous);
            previous = chunk.tNs;
        }
    }

    // A token keeps the time the kernel received it, even when the thread that reads it is
    // busy elsewhere by then: here it is blocked for 200 ms after the first token, and the
    // second one comes 40 ms later.
    void tokensKeepTheirArrivalTimeWhenTheReaderIsLate()
    {
        PacedServer server;
        QVERIFY(server.port() > 0);
        EndpointProfile profile;
        profile.name = QStringLiteral("paced");
        profile.protocol = Protocol::SimpleSse;
        profile.baseUrl = QUrl(QStringLiteral("http://127.0.0.1:%1").arg(server.port()));
        StreamingClient client;
        client.setIoThreads(s_ioThreads);
        const std::unique_ptr<RequestHandle> handle = client.start(profile, prompt(2));

        // Blocks the thread that reads the socket: this one, or the I/O threads.
        std::vector<QObject *> onIoThreads;
        for (QThread *thread : client.ioThreadList()) {
            onIoThreads.push_back(new QObject);
            onIoThreads.back()->moveToThread(thread);
        }
        std::atomic<qint64> wokeNs { -1 };
        const auto block = [&wokeNs] {
            QThread::msleep(200);
            wokeNs = Clock::system()->nowNs();
        };
        bool blocked = false;
        connect(handle.get(), &RequestHandle::chunkReceived, this, [&] {
            if (std::exchange(blocked, true))
                return;
            if (onIoThreads.empty())
                block();
            for (QObject *object : onIoThreads)
                QMetaObject::invokeMethod(object, block, Qt::QueuedConnection);
        });
        const RequestTrace t = QCoro::waitFor(handle->result());
        QVERIFY2(t.ok(), qPrintable(t.errorMessage));
        QCOMPARE(t.text, QStringLiteral("one two"));
        QCOMPARE(t.chunks.size(), 2);
        QVERIFY(wokeNs > 0);
        const qint64 second = t.chunks.at(1).tNs;
        // Not before the server sent it, and long before the reader could read it.
        QCOMPARE_GE(second, server.secondSentNs());
        QCOMPARE_LT(second, wokeNs.load() - Time::msToNs(80));
        QCOMPARE_GE(second - t.chunks.at(0).tNs, Time::msToNs(39));
        for (QObject *object : onIoThreads)
            object->deleteLater(); // in their threads, which still run (the client goes next)
    }

    void preparedRequestsStartWhenStarted()
    {
        // Built ahead (as a load schedule does), sent later: the trace starts at start(), and
        // the schedule's time is the one given then.
        StreamingClient client;
        client.setIoThreads(s_ioThreads);
        const EndpointProfile p = profileFor(m_endpoint.baseUrl(), Protocol::OpenAIChat);
        PreparedRequest prepared = client.prepare(p, prompt(3));
        QVERIFY(prepared.isValid());
        QThread::msleep(30);
        const qint64 startedAt = client.clock()->nowNs();
        const qint64 scheduled = startedAt - Time::msToNs(1);
        const std::unique_ptr<RequestHandle> handle = client.start(std::move(prepared), scheduled);
        QVERIFY(handle);
        QVERIFY(!prepared.isValid());
        const RequestTrace t = QCoro::waitFor(handle->result());
        QVERIFY2(t.ok(), qPrintable(t.errorMessage));
        QCOMPARE(t.scheduledNs, scheduled);
        QCOMPARE_GE(t.startNs, startedAt);
        QCOMPARE_GT(t.requestSentNs, t.startNs);
        QCOMPARE(t.id, handle->id());

        // One that was never built, or already sent, starts nothing.
        QVERIFY(!client.start(PreparedRequest()));
        // One dropped unsent sends nothing.
        const qint64 before = m_endpoint.stats().requests;
        { PreparedRequest dropped = client.prepare(p, prompt(3)); }
        QCOMPARE(m_endpoint.stats().requests, before);
    }

    void requestsDueLaterGoAtTheirTime()
    {
        // On I/O threads a request given with a later scheduled time waits in its thread and
        // goes at that time; its trace starts then. On the caller's thread it goes at once
        // (the caller waits). Cancelled before its time, it never reaches the server.
        StreamingClient client;
        client.setIoThreads(s_ioThreads);
        const EndpointProfile p = profileFor(m_endpoint.baseUrl(), Protocol::OpenAIChat);
        const qint64 due = client.clock()->nowNs() + Time::msToNs(40);
        const std::unique_ptr<RequestHandle> handle = client.start(p, prompt(2), {}, due);
        const RequestTrace t = QCoro::waitFor(handle->result());
        QVERIFY2(t.ok(), qPrintable(t.errorMessage));
        QCOMPARE(t.scheduledNs, due);
        if (s_ioThreads > 0) {
            QCOMPARE(t.startNs, due);
            QCOMPARE_GE(t.requestSentNs, due);
        } else {
            QCOMPARE_LT(t.requestSentNs, due);
        }

        if (s_ioThreads == 0)
            return;
        const qint64 before = m_endpoint.stats().requests;
        const std::unique_ptr<RequestHandle> cancelled
            = client.start(p, prompt(2), {}, client.clock()->nowNs() + Time::msToNs(60));
        cancelled->cancel();
        const RequestTrace c = QCoro::waitFor(cancelled->result());
        QCOMPARE(c.error, ErrorClass::Cancelled);
        QTest::qWait(120); // past its time
        QCOMPARE(m_endpoint.stats().requests, before);
    }

    void handlesOwnTheirSignalsAndIds()
    {
        // Two requests at once on one client, and one on another client: each handle hears
        // only its own chunks, and no two ids are equal.
        StreamingClient client;
        client.setIoThreads(s_ioThreads);
        StreamingClient other;
        const EndpointProfile p = profileFor(m_endpoint.baseUrl(), Protocol::OpenAIChat);
        const std::unique_ptr<RequestHandle> a = client.start(p, prompt(6));
        const std::unique_ptr<RequestHandle> b = client.start(p, prompt(9));
        const std::unique_ptr<RequestHandle> c = other.start(p, prompt(3));
        QVERIFY(a->id() != b->id() && a->id() != c->id() && b->id() != c->id());
        QSignalSpy spyA(a.get(), &RequestHandle::chunkReceived);
        QSignalSpy spyB(b.get(), &RequestHandle::chunkReceived);
        QSignalSpy doneA(a.get(), &RequestHandle::finished);
        QCOMPARE(client.inFlight(), 2);
        const RequestTrace ta = QCoro::waitFor(a->result());
        const RequestTrace tb = QCoro::waitFor(b->result());
        const RequestTrace tc = QCoro::waitFor(c->result());
        QVERIFY(ta.ok() && tb.ok() && tc.ok());
        QCOMPARE(spyA.size(), ta.chunks.size());
        QCOMPARE(spyB.size(), tb.chunks.size());
        QVERIFY(ta.chunks.size() != tb.chunks.size()); // 6 and 9 tokens asked
        QCOMPARE(doneA.size(), 1);
        QCOMPARE(client.inFlight(), 0);
        // result() of a finished handle completes at once with the same trace.
        QCOMPARE(QCoro::waitFor(a->result()).text, ta.text);
    }

    void liveViewMatchesTheFinalFigures()
    {
        // While a request streams, its handle's trace grows; the live figures taken on it
        // are the ones the finished request reports, to the nanosecond.
        LatencyModel model = fastModel();
        model.generationMsPerToken = 15;
        EmbeddedEndpointRunner endpoint;
        QVERIFY(endpoint.start(model));
        StreamingClient client;
        client.setIoThreads(s_ioThreads);
        const std::unique_ptr<RequestHandle> handle
            = client.start(profileFor(endpoint.baseUrl(), Protocol::OpenAIChat), prompt(12));
        QSignalSpy progress(handle.get(), &RequestHandle::progressed);
        std::optional<double> liveTtft;
        qsizetype grew = 0;
        connect(handle.get(), &RequestHandle::chunkReceived, this, [&](const TraceChunk &chunk) {
            const RequestTrace &now = handle->trace();
            QCOMPARE(now.chunks.constLast().tNs, chunk.tNs);
            grew = now.chunks.size();
            if (!liveTtft)
                liveTtft = Metrics::live(now, chunk.tNs).ttftMs;
            QVERIFY(!handle->isFinished());
        });
        const RequestTrace t = QCoro::waitFor(handle->result());
        QVERIFY(t.ok());
        QCOMPARE(grew, t.chunks.size());
        QVERIFY(progress.size() >= 2); // connected (new connection), request sent, headers
        const RequestMetrics done = Metrics::compute(t);
        QVERIFY(liveTtft && done.ttftMs);
        QCOMPARE(*liveTtft, *done.ttftMs);
        const LiveFigures ended = Metrics::live(t, t.endNs + 1'000'000'000);
        QVERIFY(ended.ended);
        QCOMPARE(ended.elapsedMs, done.e2eMs); // the clock no longer moves an ended request
        QCOMPARE(ended.outputTokens, done.outputTokens);
    }

    void destroyingAHandleAbortsItsRequest()
    {
        LatencyModel model = fastModel();
        model.generationMsPerToken = 40;
        EmbeddedEndpointRunner endpoint;
        QVERIFY(endpoint.start(model));
        StreamingClient client;
        client.setIoThreads(s_ioThreads);
        auto handle = client.start(profileFor(endpoint.baseUrl(), Protocol::OpenAIChat), prompt(200));
        QTRY_VERIFY_WITH_TIMEOUT(!handle->trace().chunks.isEmpty(), 5000);
        handle.reset();
        QCOMPARE(client.inFlight(), 0);
        // The server sees its client go away instead of streaming 200 tokens into nothing.
        QTRY_COMPARE_WITH_TIMEOUT(endpoint.stats().activeStreams, 0, 5000);
    }

    void handlesOutliveTheirClient()
    {
        // A finished handle keeps its trace after the client is gone; one still streaming ends
        // as cancelled with what it had. Destroying them afterwards frees everything (the
        // sanitizer run checks for leaks).
        LatencyModel model = fastModel();
        model.generationMsPerToken = 40;
        EmbeddedEndpointRunner endpoint;
        QVERIFY(endpoint.start(model));
        const EndpointProfile p = profileFor(endpoint.baseUrl(), Protocol::OpenAIChat);
        auto client = std::make_unique<StreamingClient>();
        client->setIoThreads(s_ioThreads);
        const std::unique_ptr<RequestHandle> done = client->start(p, prompt(3));
        const RequestTrace finished = QCoro::waitFor(done->result());
        QVERIFY(finished.ok());
        const std::unique_ptr<RequestHandle> streaming = client->start(p, prompt(200));
        QSignalSpy ended(streaming.get(), &RequestHandle::finished);
        QTRY_VERIFY_WITH_TIMEOUT(!streaming->trace().chunks.isEmpty(), 5000);
        client.reset();
        QCOMPARE(ended.size(), 1);
        QVERIFY(streaming->isFinished());
        QCOMPARE(streaming->trace().error, ErrorClass::Cancelled);
        QVERIFY(!streaming->trace().chunks.isEmpty());
        QVERIFY(done->isFinished());
        QCOMPARE(done->trace().text, finished.text);
        QTRY_COMPARE_WITH_TIMEOUT(endpoint.stats().activeStreams, 0, 5000);
    }

private:
    EmbeddedEndpointRunner m_endpoint;
};

QTEST_GUILESS_MAIN(TestStreamingClient)
#include "tst_streamingclient.moc"
