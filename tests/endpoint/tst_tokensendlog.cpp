// The embedded endpoint's send log (EndpointCapacity::logTokenSendTimes), what bench_accuracy
// holds the client's timestamps to: one time per streamed token, in order, under the response's
// X-Request-Id, never after the client saw the token; nothing kept when it is off.
#include "client/streamingclient.h"
#include "endpoint/embeddedendpoint.h"

#include <QCoroTask>
#include <QTest>

namespace {

LatencyModel quickModel()
{
    LatencyModel m;
    m.networkMs = 1;
    m.promptMsPerToken = 0;
    m.inferenceMs = 2;
    m.generationMsPerToken = 2;
    m.postprocessMs = 1;
    m.jitter = 0;
    return m;
}

EndpointProfile profileFor(const QUrl &root)
{
    EndpointProfile p;
    p.name = QStringLiteral("embedded");
    p.model = QStringLiteral("tokenscope-sim");
    p.baseUrl = root.resolved(QUrl(QStringLiteral("/v1")));
    return p;
}

GenerationRequest request(int tokens)
{
    GenerationRequest r;
    r.messages = { { QStringLiteral("user"), QStringLiteral("Say hello.") } };
    r.maxTokens = tokens;
    r.forceOutputLength = true;
    return r;
}

} // namespace

class TestTokenSendLog : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void oneTimePerTokenBeforeTheClientSawIt()
    {
        EmbeddedEndpointRunner endpoint;
        EndpointCapacity capacity;
        capacity.logTokenSendTimes = true;
        endpoint.setCapacity(capacity);
        QVERIFY(endpoint.start(quickModel()));
        StreamingClient client;
        const RequestTrace t = QCoro::waitFor(client.send(profileFor(endpoint.baseUrl()), request(8)));
        QVERIFY2(t.ok(), qPrintable(t.errorMessage));
        QVERIFY(!t.requestIdHeader.isEmpty());
        const QList<qint64> sent = endpoint.tokenSendTimes().value(QString::fromLatin1(t.requestIdHeader));
        QCOMPARE(sent.size(), 8);
        QCOMPARE(t.chunks.size(), 8);
        for (qsizetype i = 0; i < sent.size(); ++i) {
            if (i > 0)
                QVERIFY(sent.at(i) >= sent.at(i - 1));
            // One clock for both: the client stamps a token after the server sent it.
            QVERIFY2(t.chunks.timeAt(i) >= sent.at(i), qPrintable(QString::number(i)));
        }
    }

    void nothingKeptWhenOff()
    {
        EmbeddedEndpointRunner endpoint;
        QVERIFY(endpoint.start(quickModel()));
        StreamingClient client;
        const RequestTrace t = QCoro::waitFor(client.send(profileFor(endpoint.baseUrl()), request(4)));
        QVERIFY(t.ok());
        QVERIFY(endpoint.tokenSendTimes().isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestTokenSendLog)
#include "tst_tokensendlog.moc"
