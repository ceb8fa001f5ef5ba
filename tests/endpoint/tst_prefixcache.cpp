// The embedded endpoint's automatic prefix cache: the PrefixCache itself, then the server over
// real loopback sockets (QNetworkAccessManager as a plain HTTP client, not the project's own,
// whose adapters read these fields: a bug there must not hide one here). Every expected count
// follows from the documented tokenizer rules and the 16-token blocks; the prompt phase is read
// from the server's own timings with jitter off, not from the client's clock.

#include "endpoint/embeddedendpoint.h"
#include "endpoint/prefixcache.h"
#include "endpoint/servertokenizer.h"

#include <QEventLoop>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkProxy>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QStringList>
#include <QTest>
#include <QTimer>

#include <memory>

using namespace Sim;

namespace {

constexpr int Block = EndpointCapacity::DefaultPrefixBlockTokens;

/// \a count distinct words of four letters or digits ("a000", "a001", ...): one token each by
/// the tokenizer's rules, so the prompt's token count is \a count. \a tag tells prompts apart.
QString words(QChar tag, int count, int first = 0)
{
    QStringList list;
    for (int i = first; i < first + count; ++i)
        list.append(QString(tag + QString::number(i % 1000).rightJustified(3, QLatin1Char('0'))));
    return list.join(QLatin1Char(' '));
}

/// What a prompt of \a tokens tokens finds cached after an identical one: its whole blocks,
/// but never its last token (vLLM recomputes it for the first output's logits).
int alignedRepeat(int tokens)
{
    return (tokens - 1) / Block * Block;
}

QJsonValue at(const QJsonValue &root, const QString &path)
{
    QJsonValue value = root;
    for (const QString &step : path.split(QLatin1Char('.'))) {
        bool isIndex = false;
        const int index = step.toInt(&isIndex);
        if (isIndex && value.isArray())
            value = value.toArray().at(index);
        else if (value.isObject())
            value = value.toObject().value(step);
        else
            return QJsonValue(QJsonValue::Undefined);
    }
    return value;
}

/// Every JSON object of a body: the document itself, or each SSE data line / NDJSON line.
QList<QJsonObject> objectsOf(const QByteArray &body)
{
    const QJsonDocument whole = QJsonDocument::fromJson(body);
    if (whole.isObject())
        return { whole.object() };
    QList<QJsonObject> objects;
    for (QByteArray line : body.split('\n')) {
        line = line.trimmed();
        if (line.startsWith("data:"))
            line = line.mid(5).trimmed();
        const QJsonDocument document = QJsonDocument::fromJson(line);
        if (document.isObject())
            objects.append(document.object());
    }
    return objects;
}

/// The value at \a path in the last object of \a body that has one (Undefined when none has).
QJsonValue lastAt(const QByteArray &body, const QString &path)
{
    QJsonValue found(QJsonValue::Undefined);
    for (const QJsonObject &object : objectsOf(body)) {
        const QJsonValue value = at(object, path);
        if (!value.isUndefined() && !value.isNull())
            found = value;
    }
    return found;
}

QJsonArray userMessage(const QString &text)
{
    return { QJsonObject { { QStringLiteral("role"), QStringLiteral("user") },
                           { QStringLiteral("content"), text } } };
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

struct Reply
{
    int status = 0;
    QByteArray body;
};

/// Prometheus text: the value of the first sample of \a series (NaN if none).
double metric(const QByteArray &text, const QByteArray &series)
{
    for (const QByteArray &line : text.split('\n')) {
        if (!line.startsWith(series))
            continue;
        const char next = line.size() > series.size() ? line.at(series.size()) : '\0';
        if (next == '{' || next == ' ')
            return line.mid(line.lastIndexOf(' ') + 1).toDouble();
    }
    return qQNaN();
}

/// The keys anywhere in \a value that contain \a part (generated text may say "cache"; a
/// key that does is a field).
QStringList keysContaining(const QJsonValue &value, QLatin1StringView part)
{
    QStringList found;
    if (value.isArray()) {
        for (const QJsonValue &element : value.toArray())
            found += keysContaining(element, part);
    } else if (value.isObject()) {
        const QJsonObject object = value.toObject();
        for (auto it = object.begin(); it != object.end(); ++it) {
            if (it.key().contains(part))
                found.append(it.key());
            found += keysContaining(it.value(), part);
        }
    }
    return found;
}

} // namespace

class TestPrefixCache : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();

    // The cache alone
    void hashesAreChainedAndStable();
    void lastTokenIsAlwaysComputed();
    void evictsLeastRecentlyUsedTailFirst();
    void newBlockSizeEmptiesTheCache();

    // The server
    void repeatedPromptIsCachedAndPrefillShrinks();
    void sharedPrefixIsCachedUpToItsBlocks_data();
    void sharedPrefixIsCachedUpToItsBlocks();
    void capacityEvicts();
    void cacheOffReportsNothingCached();
    void everyDialectReportsItsCachedField_data();
    void everyDialectReportsItsCachedField();
    void anthropicSplitsInputThreeWays();
    void dialectsWithoutACachedCount_data();
    void dialectsWithoutACachedCount();
    void metricsCountQueriesAndHits();

private:
    Reply post(const EmbeddedEndpointRunner &endpoint, const QString &path, const QJsonObject &body);
    Reply get(const EmbeddedEndpointRunner &endpoint, const QString &path);
    Reply wait(QNetworkReply *reply);
    /// A chat completion of \a prompt (non-streaming, 2 output tokens).
    QJsonObject chat(const EmbeddedEndpointRunner &endpoint, const QString &prompt);
    std::unique_ptr<EmbeddedEndpointRunner> start(const LatencyModel &model = quickModel(),
                                                  const EndpointCapacity &capacity = {});

    QNetworkAccessManager m_http;
};

void TestPrefixCache::initTestCase()
{
    // A proxy from the environment must not see the loopback requests.
    m_http.setProxy(QNetworkProxy::NoProxy);
    QCOMPARE(ServerTokenizer::countTokens(words(u'a', 530)), 530);
    QCOMPARE(EndpointCapacity {}.prefixCaching, true); // on unless turned off
    QCOMPARE(EndpointCapacity {}.prefixBlockTokens, 16);
}

std::unique_ptr<EmbeddedEndpointRunner> TestPrefixCache::start(const LatencyModel &model,
                                                               const EndpointCapacity &capacity)
{
    auto endpoint = std::make_unique<EmbeddedEndpointRunner>();
    endpoint->setCapacity(capacity);
    if (!endpoint->start(model))
        qWarning("endpoint: %s", qPrintable(endpoint->errorString()));
    return endpoint;
}

Reply TestPrefixCache::wait(QNetworkReply *raw)
{
    std::unique_ptr<QNetworkReply> reply(raw);
    QEventLoop loop;
    connect(reply.get(), &QNetworkReply::finished, &loop, &QEventLoop::quit);
    QTimer::singleShot(20'000, &loop, &QEventLoop::quit);
    if (!reply->isFinished())
        loop.exec();
    Reply result;
    if (!reply->isFinished()) {
        reply->abort();
        return result;
    }
    result.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    result.body = reply->readAll();
    return result;
}

Reply TestPrefixCache::post(const EmbeddedEndpointRunner &endpoint, const QString &path,
                            const QJsonObject &body)
{
    QNetworkRequest request(QUrl(endpoint.baseUrl().toString() + path));
    request.setAttribute(QNetworkRequest::Http2AllowedAttribute, false);
    request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    return wait(m_http.post(request, QJsonDocument(body).toJson(QJsonDocument::Compact)));
}

Reply TestPrefixCache::get(const EmbeddedEndpointRunner &endpoint, const QString &path)
{
    QNetworkRequest request(QUrl(endpoint.baseUrl().toString() + path));
    request.setAttribute(QNetworkRequest::Http2AllowedAttribute, false);
    return wait(m_http.get(request));
}

QJsonObject TestPrefixCache::chat(const EmbeddedEndpointRunner &endpoint, const QString &prompt)
{
    const Reply r
        = post(endpoint, QStringLiteral("/v1/chat/completions"),
               { { QStringLiteral("messages"), userMessage(prompt) }, { QStringLiteral("max_tokens"), 2 } });
    if (r.status != 200)
        qWarning("chat: HTTP %d %s", r.status, r.body.constData());
    return QJsonDocument::fromJson(r.body).object();
}

void TestPrefixCache::hashesAreChainedAndStable()
{
    PrefixCache cache;
    cache.configure(true, 4, 1000);
    const QList<int> a { 1, 2, 3, 4, 5, 6, 7, 8, 9 };
    const QList<int> b { 9, 9, 9, 9, 5, 6, 7, 8, 9 }; // the same second block after another first
    const QList<quint64> ha = cache.blockHashes(a);
    QCOMPARE(ha.size(), 2); // the partial third block has no hash
    PrefixCache other;
    other.configure(true, 4, 1000);
    QCOMPARE(other.blockHashes(a), ha); // the same on every instance (and run)
    const QList<quint64> hb = cache.blockHashes(b);
    QVERIFY(hb.at(1) != ha.at(1)); // a block's hash covers everything before it

    QCOMPARE(cache.lookup(ha, 9).cachedTokens, 0);
    cache.insert(ha, cache.lookup(ha, 9).epoch);
    QCOMPARE(cache.lookup(ha, 9).cachedTokens, 8);
    // Its second block alone is there in content, but not after this first block: no hit.
    const PrefixCache::Match m = cache.lookup(hb, 9);
    QCOMPARE(m.cachedTokens, 0);
    QCOMPARE(m.newTokens, 8);
}

void TestPrefixCache::lastTokenIsAlwaysComputed()
{
    PrefixCache cache;
    cache.configure(true, 16, 1 << 20);
    QList<int> ids;
    for (int i = 0; i < 32; ++i)
        ids.append(100 + i);
    const QList<quint64> hashes = cache.blockHashes(ids);
    QCOMPARE(hashes.size(), 2);
    cache.insert(hashes, cache.lookup(hashes, 32).epoch);
    // 32 tokens, both blocks cached: the second holds the last token, so only the first hits.
    const PrefixCache::Match again = cache.lookup(hashes, 32);
    QCOMPARE(again.cachedTokens, 16);
    QCOMPARE(again.newTokens, 0);
    // One token more: both blocks hit.
    ids.append(7);
    QCOMPARE(cache.lookup(cache.blockHashes(ids), 33).cachedTokens, 32);
}

void TestPrefixCache::evictsLeastRecentlyUsedTailFirst()
{
    PrefixCache cache;
    cache.configure(true, 2, 8); // room for four blocks
    const QList<int> a { 1, 1, 2, 2, 3, 3, 0 };
    const QList<int> b { 4, 4, 5, 5, 6, 6, 0 };
    const QList<quint64> ha = cache.blockHashes(a);
    const QList<quint64> hb = cache.blockHashes(b);
    cache.insert(ha, cache.lookup(ha, 7).epoch);
    QCOMPARE(cache.size(), 3);
    cache.insert(hb, cache.lookup(hb, 7).epoch);
    QCOMPARE(cache.size(), 4);
    // b's three blocks pushed out a's last two: a keeps its first block, not its tail.
    QCOMPARE(cache.lookup(ha, 7).cachedTokens, 2);
    QCOMPARE(cache.lookup(hb, 7).cachedTokens, 6);

    // Less room evicts at once; none leaves nothing to hit.
    cache.configure(true, 2, 2);
    QCOMPARE(cache.size(), 1);
    cache.configure(true, 2, 0);
    QCOMPARE(cache.size(), 0);
    QCOMPARE(cache.lookup(hb, 7).newTokens, 0); // nothing will be written either
}

void TestPrefixCache::newBlockSizeEmptiesTheCache()
{
    PrefixCache cache;
    cache.configure(true, 2, 100);
    const QList<int> a { 1, 2, 3, 4, 5 };
    const QList<quint64> ha = cache.blockHashes(a);
    const quint64 before = cache.lookup(ha, 5).epoch;
    cache.configure(true, 4, 100);
    // A prefill looked up under the old block size does not write its blocks.
    cache.insert(ha, before);
    QCOMPARE(cache.size(), 0);
    cache.configure(false, 4, 100);
    QCOMPARE(cache.lookup(cache.blockHashes(a), 5).cachedTokens, 0);
    cache.insert(cache.blockHashes(a), cache.lookup(cache.blockHashes(a), 5).epoch);
    QCOMPARE(cache.size(), 0);
}

void TestPrefixCache::repeatedPromptIsCachedAndPrefillShrinks()
{
    // 1 ms of prefill per computed token, no jitter: the server's prompt_ms says what it skipped.
    LatencyModel model = quickModel();
    model.promptMsPerToken = 1;
    const auto endpoint = start(model);
    QVERIFY(!endpoint->baseUrl().isEmpty());
    constexpr int Tokens = 530;
    const QString prompt = words(u'a', Tokens);

    const QJsonObject first = chat(*endpoint, prompt);
    QCOMPARE(at(first, QStringLiteral("usage.prompt_tokens")).toInt(), Tokens);
    QCOMPARE(at(first, QStringLiteral("usage.prompt_tokens_details.cached_tokens")).toInt(-1), 0);
    QCOMPARE(at(first, QStringLiteral("timings.cache_n")).toInt(-1), 0);
    QCOMPARE(at(first, QStringLiteral("timings.prompt_n")).toInt(), Tokens);

    const QJsonObject second = chat(*endpoint, prompt);
    const int cached = alignedRepeat(Tokens);
    QCOMPARE(cached, 528);
    QCOMPARE(at(second, QStringLiteral("usage.prompt_tokens")).toInt(), Tokens); // still the whole prompt
    QCOMPARE(at(second, QStringLiteral("usage.prompt_tokens_details.cached_tokens")).toInt(), cached);
    // llama.cpp's timings: prompt_n counts the computed tokens, cache_n the reused ones.
    QCOMPARE(at(second, QStringLiteral("timings.cache_n")).toInt(), cached);
    QCOMPARE(at(second, QStringLiteral("timings.prompt_n")).toInt(), Tokens - cached);

    const double firstMs = at(first, QStringLiteral("timings.prompt_ms")).toDouble();
    const double secondMs = at(second, QStringLiteral("timings.prompt_ms")).toDouble();
    QVERIFY2(firstMs >= Tokens - 2, qPrintable(QString::number(firstMs)));
    // Two computed tokens: 2 ms, plus whatever a loaded machine adds to a timer.
    QVERIFY2(secondMs < 100, qPrintable(QString::number(secondMs)));
    QVERIFY(secondMs < firstMs / 5);
}

void TestPrefixCache::sharedPrefixIsCachedUpToItsBlocks_data()
{
    QTest::addColumn<int>("shared");
    QTest::addColumn<int>("cached");
    QTest::newRow("512 shared: 32 whole blocks") << 512 << 512;
    QTest::newRow("500 shared: the block across the fork misses") << 500 << 496;
    QTest::newRow("10 shared: less than a block") << 10 << 0;
}

void TestPrefixCache::sharedPrefixIsCachedUpToItsBlocks()
{
    QFETCH(int, shared);
    QFETCH(int, cached);
    const auto endpoint = start();
    const QString prefix = words(u's', shared);
    const QString first = prefix + QLatin1Char(' ') + words(u'x', 40);
    const QString second = prefix + QLatin1Char(' ') + words(u'y', 40);
    QCOMPARE(ServerTokenizer::countTokens(second), shared + 40);

    QCOMPARE(
        at(chat(*endpoint, first), QStringLiteral("usage.prompt_tokens_details.cached_tokens")).toInt(-1), 0);
    const QJsonObject reply = chat(*endpoint, second);
    QCOMPARE(at(reply, QStringLiteral("usage.prompt_tokens_details.cached_tokens")).toInt(-1), cached);
    QCOMPARE(at(reply, QStringLiteral("timings.prompt_n")).toInt(), shared + 40 - cached);
}

void TestPrefixCache::capacityEvicts()
{
    // The prefix cache shares the KV budget: 64 tokens are four 16-token blocks.
    EndpointCapacity capacity;
    capacity.kvCacheTokens = 64;
    const auto endpoint = start(quickModel(), capacity);
    const QString a = words(u'a', 50); // three whole blocks and two tokens
    const QString b = words(u'b', 50);
    const auto cached = [&](const QString &prompt) {
        return at(chat(*endpoint, prompt), QStringLiteral("usage.prompt_tokens_details.cached_tokens"))
            .toInt(-1);
    };
    QCOMPARE(cached(a), 0);
    QCOMPARE(cached(a), 48);
    QCOMPARE(cached(b), 0);
    // b's blocks took the room of a's tail; a's first block, used last, stayed.
    QCOMPARE(cached(a), 16);
    // a wrote its blocks back and pushed out b's tail in turn.
    QCOMPARE(cached(a), 48);
    QCOMPARE(cached(b), 16);

    const QJsonObject stats = QJsonDocument::fromJson(get(*endpoint, QStringLiteral("/stats")).body).object();
    QCOMPARE(stats.value(QLatin1String("prefix_cache_blocks")).toInt(), 4);
    QCOMPARE(stats.value(QLatin1String("prefix_block_tokens")).toInt(), 16);
    QCOMPARE(stats.value(QLatin1String("prefix_caching")).toBool(), true);
}

void TestPrefixCache::cacheOffReportsNothingCached()
{
    EndpointCapacity off;
    off.prefixCaching = false;
    LatencyModel model = quickModel();
    model.promptMsPerToken = 0.5;
    const auto endpoint = start(model, off);
    const QString prompt = words(u'a', 200);
    for (int i = 0; i < 2; ++i) {
        const QJsonObject reply = chat(*endpoint, prompt);
        QCOMPARE(at(reply, QStringLiteral("usage.prompt_tokens_details.cached_tokens")).toInt(-1), 0);
        QCOMPARE(at(reply, QStringLiteral("timings.prompt_n")).toInt(), 200);
        // All 200 tokens prefilled again: 100 ms.
        QVERIFY2(at(reply, QStringLiteral("timings.prompt_ms")).toDouble() >= 98,
                 qPrintable(QString::number(at(reply, QStringLiteral("timings.prompt_ms")).toDouble())));
    }
    QCOMPARE(endpoint->stats().prefixCacheQueries, qint64(0));

    // Turned on while running: the next prompts are cached.
    EndpointCapacity on;
    endpoint->setCapacity(on);
    QCOMPARE(at(chat(*endpoint, prompt), QStringLiteral("usage.prompt_tokens_details.cached_tokens")).toInt(),
             0);
    QCOMPARE(at(chat(*endpoint, prompt), QStringLiteral("usage.prompt_tokens_details.cached_tokens")).toInt(),
             alignedRepeat(200));
    // And off again: what it held is dropped, so turning it back on starts empty.
    endpoint->setCapacity(off);
    QCOMPARE(at(chat(*endpoint, prompt), QStringLiteral("usage.prompt_tokens_details.cached_tokens")).toInt(),
             0);
    endpoint->setCapacity(on);
    QCOMPARE(at(chat(*endpoint, prompt), QStringLiteral("usage.prompt_tokens_details.cached_tokens")).toInt(),
             0);
}

void TestPrefixCache::everyDialectReportsItsCachedField_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<QJsonObject>("body"); // "PROMPT" is replaced by the prompt
    QTest::addColumn<QString>("field");
    QTest::addColumn<bool>("absentWhenNone"); // Gemini leaves the count out when it is 0

    const QString prompt = QStringLiteral("PROMPT");
    const QJsonObject streamUsage { { QStringLiteral("include_usage"), true } };
    const QJsonArray geminiContents { QJsonObject {
        { QStringLiteral("role"), QStringLiteral("user") },
        { QStringLiteral("parts"), QJsonArray { QJsonObject { { QStringLiteral("text"), prompt } } } } } };
    const QJsonObject geminiConfig { { QStringLiteral("maxOutputTokens"), 2 } };

    for (const bool stream : { false, true }) {
        const char *mode = stream ? "stream" : "document";
        QTest::addRow("openai-chat %s", mode)
            << QStringLiteral("/v1/chat/completions")
            << QJsonObject { { QStringLiteral("messages"), userMessage(prompt) },
                             { QStringLiteral("max_tokens"), 2 },
                             { QStringLiteral("stream"), stream },
                             { QStringLiteral("stream_options"), streamUsage } }
            << QStringLiteral("usage.prompt_tokens_details.cached_tokens") << false;
        QTest::addRow("openai-completions %s", mode)
            << QStringLiteral("/v1/completions")
            << QJsonObject { { QStringLiteral("prompt"), prompt },
                             { QStringLiteral("max_tokens"), 2 },
                             { QStringLiteral("stream"), stream },
                             { QStringLiteral("stream_options"), streamUsage } }
            << QStringLiteral("usage.prompt_tokens_details.cached_tokens") << false;
        QTest::addRow("openai-responses %s", mode)
            << QStringLiteral("/v1/responses")
            << QJsonObject { { QStringLiteral("input"), prompt },
                             { QStringLiteral("max_output_tokens"), 2 },
                             { QStringLiteral("stream"), stream } }
            << (stream ? QStringLiteral("response.usage.input_tokens_details.cached_tokens")
                       : QStringLiteral("usage.input_tokens_details.cached_tokens"))
            << false;
        QTest::addRow("anthropic %s", mode)
            << QStringLiteral("/v1/messages")
            << QJsonObject { { QStringLiteral("messages"), userMessage(prompt) },
                             { QStringLiteral("max_tokens"), 2 },
                             { QStringLiteral("stream"), stream } }
            << (stream ? QStringLiteral("message.usage.cache_read_input_tokens")
                       : QStringLiteral("usage.cache_read_input_tokens"))
            << false;
        QTest::addRow("gemini %s", mode)
            << (stream ? QStringLiteral("/v1beta/models/gemini-test:streamGenerateContent?alt=sse")
                       : QStringLiteral("/v1beta/models/gemini-test:generateContent"))
            << QJsonObject { { QStringLiteral("contents"), geminiContents },
                             { QStringLiteral("generationConfig"), geminiConfig } }
            << QStringLiteral("usageMetadata.cachedContentTokenCount") << true;
        QTest::addRow("llamacpp %s", mode) << QStringLiteral("/completion")
                                           << QJsonObject { { QStringLiteral("prompt"), prompt },
                                                            { QStringLiteral("n_predict"), 2 },
                                                            { QStringLiteral("stream"), stream } }
                                           << QStringLiteral("timings.cache_n") << false;
    }
    QTest::addRow("llamacpp tokens_cached")
        << QStringLiteral("/completion")
        << QJsonObject { { QStringLiteral("prompt"), prompt }, { QStringLiteral("n_predict"), 2 } }
        << QStringLiteral("tokens_cached") << false;
}

void TestPrefixCache::everyDialectReportsItsCachedField()
{
    QFETCH(QString, path);
    QFETCH(QJsonObject, body);
    QFETCH(QString, field);
    QFETCH(bool, absentWhenNone);
    const auto endpoint = start();
    constexpr int Tokens = 100;
    const QByteArray json = QJsonDocument(body).toJson(QJsonDocument::Compact);
    const QByteArray withPrompt = QByteArray(json).replace("PROMPT", words(u'q', Tokens).toUtf8());
    const QJsonObject request = QJsonDocument::fromJson(withPrompt).object();

    const Reply first = post(*endpoint, path, request);
    QCOMPARE(first.status, 200);
    const QJsonValue none = lastAt(first.body, field);
    if (absentWhenNone)
        QVERIFY2(none.isUndefined(), first.body.constData());
    else
        QCOMPARE(none.toInt(-1), 0);

    const Reply second = post(*endpoint, path, request);
    QCOMPARE(second.status, 200);
    const QJsonValue cached = lastAt(second.body, field);
    QVERIFY2(cached.isDouble(), second.body.constData());
    QCOMPARE(cached.toInt(), alignedRepeat(Tokens)); // 96
}

void TestPrefixCache::anthropicSplitsInputThreeWays()
{
    // Anthropic's input_tokens counts neither what was read from the cache nor what was
    // written to it: the three add up to the prompt.
    const auto endpoint = start();
    constexpr int Tokens = 100; // six whole blocks (96) and four tokens
    const QJsonObject request { { QStringLiteral("messages"), userMessage(words(u'n', Tokens)) },
                                { QStringLiteral("max_tokens"), 2 } };
    const QJsonObject first
        = QJsonDocument::fromJson(post(*endpoint, QStringLiteral("/v1/messages"), request).body).object();
    QCOMPARE(at(first, QStringLiteral("usage.cache_read_input_tokens")).toInt(-1), 0);
    QCOMPARE(at(first, QStringLiteral("usage.cache_creation_input_tokens")).toInt(-1), 96);
    QCOMPARE(at(first, QStringLiteral("usage.input_tokens")).toInt(-1), 4);
    const QJsonObject second
        = QJsonDocument::fromJson(post(*endpoint, QStringLiteral("/v1/messages"), request).body).object();
    QCOMPARE(at(second, QStringLiteral("usage.cache_read_input_tokens")).toInt(-1), 96);
    QCOMPARE(at(second, QStringLiteral("usage.cache_creation_input_tokens")).toInt(-1), 0);
    QCOMPARE(at(second, QStringLiteral("usage.input_tokens")).toInt(-1), 4);

    // A longer prompt on the same prefix reads the six blocks and writes the new ones.
    const QJsonObject longer { { QStringLiteral("messages"),
                                 userMessage(words(u'n', Tokens) + QLatin1Char(' ') + words(u'm', 40)) },
                               { QStringLiteral("max_tokens"), 2 } };
    const QJsonObject third
        = QJsonDocument::fromJson(post(*endpoint, QStringLiteral("/v1/messages"), longer).body).object();
    QCOMPARE(at(third, QStringLiteral("usage.cache_read_input_tokens")).toInt(-1), 96);
    QCOMPARE(at(third, QStringLiteral("usage.cache_creation_input_tokens")).toInt(-1), 32); // 140 -> 8 blocks
    QCOMPARE(at(third, QStringLiteral("usage.input_tokens")).toInt(-1), 140 - 96 - 32);
}

void TestPrefixCache::dialectsWithoutACachedCount_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<QJsonObject>("body");
    QTest::addColumn<QString>("promptField");
    const QString prompt = QStringLiteral("PROMPT");
    // Ollama counts the whole prompt in prompt_eval_count and has no cached count; TGI
    // reports nothing about its prefix cache.
    QTest::newRow("ollama") << QStringLiteral("/api/chat")
                            << QJsonObject { { QStringLiteral("messages"), userMessage(prompt) },
                                             { QStringLiteral("stream"), false },
                                             { QStringLiteral("options"),
                                               QJsonObject { { QStringLiteral("num_predict"), 2 } } } }
                            << QStringLiteral("prompt_eval_count");
    QTest::newRow("tgi") << QStringLiteral("/generate")
                         << QJsonObject { { QStringLiteral("inputs"), prompt },
                                          { QStringLiteral("parameters"),
                                            QJsonObject { { QStringLiteral("max_new_tokens"), 2 } } } }
                         << QStringLiteral("details.input_length");
}

void TestPrefixCache::dialectsWithoutACachedCount()
{
    QFETCH(QString, path);
    QFETCH(QJsonObject, body);
    QFETCH(QString, promptField);
    const auto endpoint = start();
    const QByteArray json = QJsonDocument(body).toJson(QJsonDocument::Compact);
    const QJsonObject request
        = QJsonDocument::fromJson(QByteArray(json).replace("PROMPT", words(u'o', 100).toUtf8())).object();
    QCOMPARE(post(*endpoint, path, request).status, 200);
    const Reply second = post(*endpoint, path, request);
    QCOMPARE(second.status, 200);
    QCOMPARE(lastAt(second.body, promptField).toInt(), 100);
    const QStringList cacheKeys
        = keysContaining(QJsonDocument::fromJson(second.body).object(), QLatin1StringView("cache"));
    QVERIFY2(cacheKeys.isEmpty(), qPrintable(cacheKeys.join(u' ')));
    // The server did serve the prompt from its cache all the same.
    QCOMPARE(endpoint->stats().prefixCacheHits, qint64(alignedRepeat(100)));
}

void TestPrefixCache::metricsCountQueriesAndHits()
{
    const auto endpoint = start();
    const QString prompt = words(u'm', 300);
    chat(*endpoint, prompt);
    chat(*endpoint, prompt);
    chat(*endpoint, words(u'z', 20)); // one block, nothing shared

    const Reply scrape = get(*endpoint, QStringLiteral("/metrics"));
    QCOMPARE(scrape.status, 200);
    for (const char *family :
         { "# TYPE vllm:prefix_cache_queries_total counter", "# TYPE vllm:prefix_cache_hits_total counter",
           "# TYPE vllm:prompt_tokens_by_source_total counter" })
        QVERIFY2(scrape.body.contains(family), family);
    const int hits = alignedRepeat(300); // 288
    QCOMPARE(metric(scrape.body, "vllm:prefix_cache_queries_total"), 620.0);
    QCOMPARE(metric(scrape.body, "vllm:prefix_cache_hits_total"), double(hits));
    // The prompt counter keeps counting whole prompts; the split says where their KV came from.
    QCOMPARE(metric(scrape.body, "vllm:prompt_tokens_total"), 620.0);
    double compute = qQNaN();
    double cacheHit = qQNaN();
    for (const QByteArray &line : scrape.body.split('\n')) {
        if (!line.startsWith("vllm:prompt_tokens_by_source_total{"))
            continue;
        const double value = line.mid(line.lastIndexOf(' ') + 1).toDouble();
        if (line.contains("source=\"local_compute\""))
            compute = value;
        else if (line.contains("source=\"local_cache_hit\""))
            cacheHit = value;
    }
    QCOMPARE(cacheHit, double(hits));
    QCOMPARE(compute, 620.0 - hits);
    const EndpointStats stats = endpoint->stats();
    QCOMPARE(stats.prefixCacheQueries, qint64(620));
    QCOMPARE(stats.prefixCacheHits, qint64(hits));
}

QTEST_GUILESS_MAIN(TestPrefixCache)
#include "tst_prefixcache.moc"
