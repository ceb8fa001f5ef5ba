// The DynamicBatcher on real endpoints: batches sent as concurrent requests (the embedded
// endpoint's continuous batching serves them together) and as one OpenAI Completions request
// with a prompt array, its choices matched back to the callers by index.
#include "batching/dynamicbatcher.h"
#include "batching/endpointbatchexecutor.h"

#include "client/streamingclient.h"
#include "endpoint/embeddedendpoint.h"
#include "protocol/protocoladapter.h"

#include <QCoroTask>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>

namespace {

// Reads one whole request (headers + Content-Length body), keeps its body, answers \a reply.
class OneShotServer : public QObject
{
public:
    bool start(QByteArray reply)
    {
        m_reply = std::move(reply);
        connect(&m_server, &QTcpServer::newConnection, this, [this] {
            while (QTcpSocket *s = m_server.nextPendingConnection()) {
                connect(s, &QAbstractSocket::disconnected, s, &QObject::deleteLater);
                connect(s, &QIODevice::readyRead, s, [this, s] {
                    m_seen += s->readAll();
                    const qsizetype end = m_seen.indexOf("\r\n\r\n");
                    if (end < 0 || m_answered)
                        return;
                    qsizetype length = 0;
                    for (const QByteArray &line : m_seen.left(end).split('\n')) {
                        if (line.toLower().startsWith("content-length:"))
                            length = line.mid(15).trimmed().toLongLong();
                    }
                    if (m_seen.size() < end + 4 + length)
                        return;
                    m_body = m_seen.mid(end + 4, length);
                    m_answered = true;
                    ++m_requests;
                    s->write(m_reply);
                    s->disconnectFromHost();
                });
            }
        });
        return m_server.listen(QHostAddress::LocalHost);
    }
    QUrl url() const { return QUrl(QStringLiteral("http://127.0.0.1:%1/v1").arg(m_server.serverPort())); }
    QJsonObject body() const { return QJsonDocument::fromJson(m_body).object(); }
    int requests() const { return m_requests; }

private:
    QTcpServer m_server;
    QByteArray m_reply;
    QByteArray m_seen;
    QByteArray m_body;
    bool m_answered = false;
    int m_requests = 0;
};

QByteArray jsonResponse(const QByteArray &body)
{
    return "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: " + QByteArray::number(body.size())
        + "\r\nConnection: close\r\n\r\n" + body;
}

QByteArray sseResponse(const QByteArray &body)
{
    return "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nConnection: close\r\n\r\n" + body;
}

EndpointProfile completionsProfile(const QUrl &url)
{
    EndpointProfile p;
    p.id = QStringLiteral("completions");
    p.name = QStringLiteral("Completions");
    p.protocol = Protocol::OpenAICompletions;
    p.model = QStringLiteral("m");
    p.baseUrl = url;
    return p;
}

BatchRequest request(quint64 id, const QString &prompt)
{
    BatchRequest r;
    r.id = id;
    r.prompt = prompt;
    return r;
}

BatchPolicy fullBatchesOf(int n)
{
    BatchPolicy policy;
    policy.maxBatchSize = n;
    policy.maxQueueDelayNs = 2'000'000'000; // only a full batch leaves
    return policy;
}

GenerationRequest nonStreaming(int maxTokens)
{
    GenerationRequest r;
    r.maxTokens = maxTokens;
    r.stream = false;
    return r;
}

} // namespace

class TestEndpointBatchExecutor : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void completionsAdapterSendsAPromptArray()
    {
        GenerationRequest r;
        r.prompts = { QStringLiteral("a"), QStringLiteral("b") };
        const auto adapter = ProtocolAdapter::create(Protocol::OpenAICompletions);
        const HttpRequestSpec spec = adapter->buildRequest(completionsProfile(QUrl(QStringLiteral("http://x/v1"))), r);
        const QJsonValue prompt = QJsonDocument::fromJson(spec.body).object().value(QStringLiteral("prompt"));
        QVERIFY(prompt.isArray());
        QCOMPARE(prompt.toArray().size(), 2);
        QCOMPARE(prompt.toArray().at(1).toString(), QStringLiteral("b"));
        QVERIFY(EndpointBatchExecutor::acceptsPromptArray(Protocol::OpenAICompletions));
        QVERIFY(!EndpointBatchExecutor::acceptsPromptArray(Protocol::OpenAIChat));
    }

    void promptArrayChoicesMapBackByIndex()
    {
        // Choices in a shuffled order, as a server may send them: index decides, not position.
        OneShotServer server;
        QVERIFY(server.start(jsonResponse(
            R"({"id":"c","object":"text_completion","choices":[)"
            R"({"index":2,"text":"answer C","finish_reason":"stop"},)"
            R"({"index":0,"text":"answer A","finish_reason":"stop"},)"
            R"({"index":1,"text":"answer B B B B","finish_reason":"stop"}],)"
            R"("usage":{"prompt_tokens":9,"completion_tokens":12,"total_tokens":21}})")));
        StreamingClient client;
        auto executor = std::make_shared<EndpointBatchExecutor>(&client, completionsProfile(server.url()),
                                                                nonStreaming(16));
        QCOMPARE(executor->effectiveMode(), EndpointBatchExecutor::Mode::PromptArray);
        DynamicBatcher batcher(executor, fullBatchesOf(3));
        auto a = batcher.submit(request(10, QStringLiteral("question A")));
        auto b = batcher.submit(request(11, QStringLiteral("question B")));
        auto c = batcher.submit(request(12, QStringLiteral("question C")));
        const BatchResult ra = QCoro::waitFor(a);
        const BatchResult rb = QCoro::waitFor(b);
        const BatchResult rc = QCoro::waitFor(c);
        QCOMPARE(server.requests(), 1);
        QCOMPARE(executor->requestsSent(), 1);
        const QJsonArray prompts = server.body().value(QStringLiteral("prompt")).toArray();
        QCOMPARE(prompts.size(), 3);
        QCOMPARE(prompts.at(0).toString(), QStringLiteral("question A"));
        QCOMPARE(prompts.at(2).toString(), QStringLiteral("question C"));
        QVERIFY2(ra.ok(), qPrintable(ra.error));
        QCOMPARE(ra.id, quint64(10));
        QCOMPARE(ra.text, QStringLiteral("answer A"));
        QCOMPARE(rb.text, QStringLiteral("answer B B B B"));
        QCOMPARE(rc.text, QStringLiteral("answer C"));
        QCOMPARE(ra.batchSize, 3);
        // 12 completion tokens shared by answer length (8 + 14 + 8 characters): 3 + 6 + 3.
        QCOMPARE(ra.outputTokens + rb.outputTokens + rc.outputTokens, 12);
        QVERIFY(rb.outputTokens > ra.outputTokens);
    }

    void streamedPromptArrayKeepsEachChoiceApart()
    {
        OneShotServer server;
        QVERIFY(server.start(sseResponse(
            "data: {\"choices\":[{\"index\":1,\"text\":\"B1 \"}]}\n\n"
            "data: {\"choices\":[{\"index\":0,\"text\":\"A1 \"}]}\n\n"
            "data: {\"choices\":[{\"index\":1,\"text\":\"B2\",\"finish_reason\":\"stop\"}]}\n\n"
            "data: {\"choices\":[{\"index\":0,\"text\":\"A2\",\"finish_reason\":\"stop\"}]}\n\n"
            "data: [DONE]\n\n")));
        StreamingClient client;
        GenerationRequest streaming;
        streaming.maxTokens = 8;
        auto executor = std::make_shared<EndpointBatchExecutor>(&client, completionsProfile(server.url()), streaming);
        DynamicBatcher batcher(executor, fullBatchesOf(2));
        auto a = batcher.submit(request(1, QStringLiteral("a")));
        auto b = batcher.submit(request(2, QStringLiteral("b")));
        QCOMPARE(QCoro::waitFor(a).text, QStringLiteral("A1 A2"));
        QCOMPARE(QCoro::waitFor(b).text, QStringLiteral("B1 B2"));
    }

    void serverWithoutArraysFailsTheMissingAnswersClearly()
    {
        OneShotServer server;
        QVERIFY(server.start(jsonResponse(
            R"({"choices":[{"index":0,"text":"only one","finish_reason":"stop"}]})")));
        StreamingClient client;
        auto executor = std::make_shared<EndpointBatchExecutor>(&client, completionsProfile(server.url()),
                                                                nonStreaming(8));
        DynamicBatcher batcher(executor, fullBatchesOf(2));
        auto a = batcher.submit(request(1, QStringLiteral("a")));
        auto b = batcher.submit(request(2, QStringLiteral("b")));
        const BatchResult ra = QCoro::waitFor(a);
        const BatchResult rb = QCoro::waitFor(b);
        QVERIFY(ra.ok());
        QCOMPARE(ra.text, QStringLiteral("only one"));
        QCOMPARE(rb.status, BatchResult::Status::Failed);
        QVERIFY2(rb.error.contains(QStringLiteral("prompt array")), qPrintable(rb.error));
    }

    void httpErrorFailsEveryRequestOfTheBatch()
    {
        OneShotServer server;
        const QByteArray body = R"({"error":{"message":"model is overloaded","type":"server_error"}})";
        QVERIFY(server.start("HTTP/1.1 503 Service Unavailable\r\nContent-Type: application/json\r\nContent-Length: "
                             + QByteArray::number(body.size()) + "\r\nConnection: close\r\n\r\n" + body));
        StreamingClient client;
        auto executor = std::make_shared<EndpointBatchExecutor>(&client, completionsProfile(server.url()),
                                                                nonStreaming(8));
        DynamicBatcher batcher(executor, fullBatchesOf(2));
        auto a = batcher.submit(request(1, QStringLiteral("a")));
        auto b = batcher.submit(request(2, QStringLiteral("b")));
        for (const BatchResult &r : { QCoro::waitFor(a), QCoro::waitFor(b) }) {
            QCOMPARE(r.status, BatchResult::Status::Failed);
            QVERIFY2(r.error.contains(QStringLiteral("overloaded")), qPrintable(r.error));
        }
    }

    void concurrentBatchesOnTheEmbeddedEndpoint()
    {
        LatencyModel model;
        model.networkMs = 1;
        model.promptMsPerToken = 0;
        model.inferenceMs = 30;
        model.generationMsPerToken = 3;
        model.postprocessMs = 1;
        model.jitter = 0;
        EmbeddedEndpointRunner endpoint;
        QVERIFY(endpoint.start(model));
        EndpointProfile chat;
        chat.id = QStringLiteral("sim");
        chat.name = QStringLiteral("Embedded");
        chat.protocol = Protocol::OpenAIChat;
        chat.model = QStringLiteral("tokenscope-sim");
        chat.baseUrl = endpoint.baseUrl();
        chat.baseUrl.setPath(QStringLiteral("/v1"));

        StreamingClient client;
        GenerationRequest template_;
        template_.maxTokens = 6;
        auto executor = std::make_shared<EndpointBatchExecutor>(&client, chat, template_);
        QCOMPARE(executor->effectiveMode(), EndpointBatchExecutor::Mode::Concurrent);
        DynamicBatcher batcher(executor, fullBatchesOf(4));
        std::vector<QCoro::Task<BatchResult>> tasks;
        for (int i = 0; i < 4; ++i)
            tasks.push_back(batcher.submit(request(quint64(100 + i), QStringLiteral("prompt %1").arg(i))));
        for (int i = 0; i < 4; ++i) {
            const BatchResult r = QCoro::waitFor(tasks[std::size_t(i)]);
            QVERIFY2(r.ok(), qPrintable(r.error));
            QCOMPARE(r.id, quint64(100 + i));
            QCOMPARE(r.batchSize, 4);
            QVERIFY(!r.text.isEmpty());
            QCOMPARE(r.outputTokens, 6);
        }
        QCOMPARE(executor->requestsSent(), 4);
        // The four were in flight together: the endpoint saw them as one batch.
        QCOMPARE(endpoint.stats().peakStreams, 4);
    }
};

QTEST_GUILESS_MAIN(TestEndpointBatchExecutor)
#include "tst_endpointbatchexecutor.moc"
