// The project's client reads the cached prompt tokens the embedded endpoint reports, in every
// dialect that reports them, streamed and not. The server's own counter of prefix-cache hits
// is the truth the client's figure is held to; the field names themselves are checked with a
// plain HTTP client in tst_prefixcache.
#include "client/streamingclient.h"
#include "endpoint/embeddedendpoint.h"
#include "endpoint/embeddedendpointservice.h"

#include <QStringList>
#include <QTest>

#include <memory>

namespace {

/// 120 one-token words: seven whole 16-token blocks.
QString longPrompt(QChar tag)
{
    QStringList words;
    for (int i = 0; i < 120; ++i)
        words.append(QString(tag + QString::number(i).rightJustified(3, QLatin1Char('0'))));
    return words.join(QLatin1Char(' '));
}

LatencyModel quickModel()
{
    LatencyModel m;
    m.networkMs = 1;
    m.promptMsPerToken = 0;
    m.inferenceMs = 2;
    m.generationMsPerToken = 1;
    m.postprocessMs = 1;
    m.jitter = 0;
    return m;
}

} // namespace

class TestCachedTokensClient : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void clientReadsTheCachedTokens_data();
    void clientReadsTheCachedTokens();

private:
    RequestTrace run(const EndpointProfile &profile, const GenerationRequest &request);

    StreamingClient m_client;
};

RequestTrace TestCachedTokensClient::run(const EndpointProfile &profile, const GenerationRequest &request)
{
    const std::unique_ptr<RequestHandle> handle = m_client.start(profile, request);
    if (!QTest::qWaitFor([&] { return handle->isFinished(); }, 20'000))
        qWarning("request did not finish");
    return handle->trace();
}

void TestCachedTokensClient::clientReadsTheCachedTokens_data()
{
    QTest::addColumn<Protocol>("protocol");
    QTest::addColumn<bool>("stream");
    QTest::addColumn<bool>("inTimings"); // llama.cpp's /completion says it in its timings only
    const struct
    {
        const char *name;
        Protocol protocol;
        bool inTimings;
    } rows[] = {
        { "openai-chat", Protocol::OpenAIChat, false },
        { "openai-completions", Protocol::OpenAICompletions, false },
        { "openai-responses", Protocol::OpenAIResponses, false },
        { "anthropic", Protocol::Anthropic, false },
        { "gemini", Protocol::Gemini, false },
        { "llamacpp", Protocol::LlamaCpp, true },
    };
    for (const auto &row : rows) {
        for (const bool stream : { true, false })
            QTest::addRow("%s %s", row.name, stream ? "stream" : "document")
                << row.protocol << stream << row.inTimings;
    }
}

void TestCachedTokensClient::clientReadsTheCachedTokens()
{
    QFETCH(Protocol, protocol);
    QFETCH(bool, stream);
    QFETCH(bool, inTimings);
    EmbeddedEndpointRunner endpoint;
    QVERIFY2(endpoint.start(quickModel()), qPrintable(endpoint.errorString()));
    const EndpointProfile profile = EmbeddedEndpointService::profileFor(endpoint.baseUrl(), protocol);
    GenerationRequest request;
    request.messages = { ChatMessage { QStringLiteral("user"), longPrompt(u'c') } };
    request.maxTokens = 3;
    request.stream = stream;
    const auto cachedOf = [inTimings](const RequestTrace &t) {
        return inTimings ? t.timings.cachedPromptTokens : t.usage.cachedPromptTokens;
    };

    const RequestTrace first = run(profile, request);
    QVERIFY2(first.ok(), qPrintable(first.errorMessage));
    QCOMPARE(endpoint.stats().prefixCacheHits, qint64(0));
    QCOMPARE(cachedOf(first).value_or(0), qint64(0));

    const RequestTrace second = run(profile, request);
    QVERIFY2(second.ok(), qPrintable(second.errorMessage));
    const qint64 served = endpoint.stats().prefixCacheHits;
    QVERIFY(served >= 112); // the prompt's seven whole blocks (more if the client adds a template)
    QCOMPARE(served % 16, qint64(0));
    QVERIFY(cachedOf(second).has_value());
    QCOMPARE(*cachedOf(second), served);
}

QTEST_GUILESS_MAIN(TestCachedTokensClient)
#include "tst_cachedtokensclient.moc"
