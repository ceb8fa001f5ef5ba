// The HTTP request each adapter builds: URL (with a path-prefixed base), body fields
// under each provider's own names, and headers (auth per provider).

#include "protocol/protocoladapter.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

class TestRequestBuilding : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void build_data();
    void build();
    void profileHeadersWin();
    void forcedOutputLength_data();
    void forcedOutputLength();
    void noKeyNoAuth_data();
    void noKeyNoAuth();
};

namespace {
GenerationRequest sampleRequest(bool stream)
{
    GenerationRequest request;
    request.messages = { { QStringLiteral("system"), QStringLiteral("Be brief.") },
                         { QStringLiteral("user"), QStringLiteral("Hi \"there\"") } };
    request.maxTokens = 64;
    request.temperature = 0.5;
    request.stream = stream;
    return request;
}

// "a/b/0/c" into a JSON document; undefined when any step is missing.
QJsonValue at(const QJsonDocument &document, const QString &path)
{
    QJsonValue value = document.isObject() ? QJsonValue(document.object()) : QJsonValue(document.array());
    const QStringList steps = path.split(QLatin1Char('/'));
    for (const QString &step : steps) {
        bool isIndex = false;
        const int index = step.toInt(&isIndex);
        if (isIndex && value.isArray()) {
            const QJsonArray array = value.toArray();
            if (index < 0 || index >= array.size())
                return QJsonValue(QJsonValue::Undefined);
            value = array.at(index);
        } else if (value.isObject() && value.toObject().contains(step)) {
            value = value.toObject().value(step);
        } else {
            return QJsonValue(QJsonValue::Undefined);
        }
    }
    return value;
}

QByteArray header(const HttpRequestSpec &spec, const QByteArray &name)
{
    QByteArray found;
    int count = 0;
    for (const auto &h : spec.headers) {
        if (h.first.compare(name, Qt::CaseInsensitive) == 0) {
            found = h.second;
            ++count;
        }
    }
    return count == 1 ? found : (count ? QByteArrayLiteral("<duplicate>") : QByteArray());
}
} // namespace

void TestRequestBuilding::build_data()
{
    QTest::addColumn<Protocol>("protocol");
    QTest::addColumn<QString>("base");
    QTest::addColumn<bool>("stream");
    QTest::addColumn<QString>("url");
    QTest::addColumn<QStringList>("headers"); // "Name: value"; "Name:" = must be absent
    QTest::addColumn<QStringList>("fields"); // "path=json"; "path" alone = must be absent

    auto row = [](const char *name, Protocol p, const char *base, bool stream, const char *url,
                  const QStringList &headers, const QStringList &fields) {
        QTest::newRow(name) << p << QString::fromUtf8(base) << stream << QString::fromUtf8(url) << headers
                            << fields;
    };
    auto L = [](std::initializer_list<const char *> items) {
        QStringList list;
        for (const char *item : items)
            list.append(QString::fromUtf8(item));
        return list;
    };

    row("openai-chat stream", Protocol::OpenAIChat, "https://gw.example.com/proxy/openai/v1", true,
        "https://gw.example.com/proxy/openai/v1/chat/completions",
        L({ "Authorization: Bearer sk-test", "Accept: text/event-stream", "Content-Type: application/json",
            "x-api-key:" }),
        L({ "model=\"m-1\"", "max_tokens=64", "temperature=0.5", "stream=true",
            "stream_options/include_usage=true", "messages/0/role=\"system\"",
            "messages/0/content=\"Be brief.\"", "messages/1/role=\"user\"",
            "messages/1/content=\"Hi \\\"there\\\"\"", "prompt" }));
    row("openai-chat no stream", Protocol::OpenAIChat, "http://127.0.0.1:8000/v1", false,
        "http://127.0.0.1:8000/v1/chat/completions", L({ "Accept: application/json" }),
        L({ "stream=false", "stream_options" }));
    row("openai-completions", Protocol::OpenAICompletions, "https://gw.example.com/p/v1", true,
        "https://gw.example.com/p/v1/completions", L({ "Authorization: Bearer sk-test" }),
        L({ "prompt=\"Be brief.\\n\\nHi \\\"there\\\"\"", "max_tokens=64", "stream=true",
            "stream_options/include_usage=true", "messages" }));
    row("openai-responses", Protocol::OpenAIResponses, "https://gw.example.com/p/v1", true,
        "https://gw.example.com/p/v1/responses",
        L({ "Authorization: Bearer sk-test", "Accept: text/event-stream" }),
        L({ "model=\"m-1\"", "max_output_tokens=64", "instructions=\"Be brief.\"", "input/0/role=\"user\"",
            "input/1", "stream=true", "temperature=0.5", "max_tokens" }));
    row("anthropic", Protocol::Anthropic, "https://gw.example.com/anthropic", true,
        "https://gw.example.com/anthropic/v1/messages",
        L({ "x-api-key: sk-test", "anthropic-version: 2023-06-01",
            "Authorization:", "Accept: text/event-stream" }),
        L({ "model=\"m-1\"", "max_tokens=64", "system=\"Be brief.\"", "messages/0/role=\"user\"",
            "messages/1", "stream=true", "temperature=0.5" }));
    row("gemini stream", Protocol::Gemini, "https://gw.example.com/google", true,
        "https://gw.example.com/google/v1beta/models/m-1:streamGenerateContent?alt=sse",
        L({ "x-goog-api-key: sk-test", "Authorization:", "Accept: text/event-stream" }),
        L({ "contents/0/role=\"user\"", "contents/0/parts/0/text=\"Hi \\\"there\\\"\"", "contents/1",
            "systemInstruction/parts/0/text=\"Be brief.\"", "generationConfig/maxOutputTokens=64",
            "generationConfig/temperature=0.5", "stream", "model" }));
    row("gemini no stream", Protocol::Gemini, "https://generativelanguage.googleapis.com", false,
        "https://generativelanguage.googleapis.com/v1beta/models/m-1:generateContent",
        L({ "Accept: application/json" }), L({ "generationConfig/maxOutputTokens=64" }));
    row("ollama", Protocol::Ollama, "http://box.lan:11434/ollama", true,
        "http://box.lan:11434/ollama/api/chat",
        L({ "Accept: application/x-ndjson", "Authorization: Bearer sk-test" }),
        L({ "model=\"m-1\"", "options/num_predict=64", "options/temperature=0.5", "stream=true",
            "messages/0/role=\"system\"", "messages/1/role=\"user\"", "max_tokens" }));
    row("llamacpp", Protocol::LlamaCpp, "http://127.0.0.1:8080/llama", true,
        "http://127.0.0.1:8080/llama/completion",
        L({ "Authorization: Bearer sk-test", "Accept: text/event-stream" }),
        L({ "prompt=\"Be brief.\\n\\nHi \\\"there\\\"\"", "n_predict=64", "temperature=0.5", "stream=true",
            "max_tokens" }));
    row("tgi stream", Protocol::Tgi, "http://tgi.lan/prefix", true, "http://tgi.lan/prefix/generate_stream",
        L({ "Authorization: Bearer sk-test" }),
        L({ "inputs=\"Be brief.\\n\\nHi \\\"there\\\"\"", "parameters/max_new_tokens=64",
            "parameters/temperature=0.5", "parameters/details=true" }));
    row("tgi no stream", Protocol::Tgi, "http://tgi.lan", false, "http://tgi.lan/generate",
        L({ "Accept: application/json" }), L({ "parameters/max_new_tokens=64", "stream=false" }));
    row("simple-sse", Protocol::SimpleSse, "http://127.0.0.1:9000/sim", true,
        "http://127.0.0.1:9000/sim/v1/chat/stream",
        L({ "Authorization: Bearer sk-test", "Accept: text/event-stream" }),
        L({ "model=\"m-1\"", "max_tokens=64", "stream=true", "messages/1/role=\"user\"" }));
}

void TestRequestBuilding::forcedOutputLength_data()
{
    QTest::addColumn<Protocol>("protocol");
    QTest::addColumn<QString>("ignoreEos"); // JSON path of the field, or empty: never sent
    QTest::addColumn<QString>("minTokens");
    QTest::newRow("openai-chat") << Protocol::OpenAIChat << QStringLiteral("ignore_eos") << QStringLiteral("min_tokens");
    QTest::newRow("openai-completions") << Protocol::OpenAICompletions << QStringLiteral("ignore_eos")
                                        << QStringLiteral("min_tokens");
    QTest::newRow("llama.cpp") << Protocol::LlamaCpp << QStringLiteral("ignore_eos") << QString();
    QTest::newRow("simple-sse") << Protocol::SimpleSse << QStringLiteral("ignore_eos") << QStringLiteral("min_tokens");
    // Hosted APIs refuse fields they do not know: never sent to them.
    QTest::newRow("anthropic") << Protocol::Anthropic << QString() << QString();
    QTest::newRow("gemini") << Protocol::Gemini << QString() << QString();
    QTest::newRow("openai-responses") << Protocol::OpenAIResponses << QString() << QString();
}

void TestRequestBuilding::forcedOutputLength()
{
    QFETCH(Protocol, protocol);
    QFETCH(QString, ignoreEos);
    QFETCH(QString, minTokens);
    EndpointProfile profile;
    profile.baseUrl = QUrl(QStringLiteral("http://127.0.0.1:8000"));
    profile.protocol = protocol;
    profile.model = QStringLiteral("m-1");
    const auto adapter = ProtocolAdapter::create(protocol);
    GenerationRequest request = sampleRequest(true);
    // Not asked for: nothing extra in the body.
    QJsonObject body = QJsonDocument::fromJson(adapter->buildRequest(profile, request).body).object();
    QVERIFY(!body.contains(QStringLiteral("ignore_eos")) && !body.contains(QStringLiteral("min_tokens")));
    request.forceOutputLength = true;
    body = QJsonDocument::fromJson(adapter->buildRequest(profile, request).body).object();
    if (ignoreEos.isEmpty())
        QVERIFY(!body.contains(QStringLiteral("ignore_eos")));
    else
        QCOMPARE(body.value(ignoreEos), QJsonValue(true));
    if (minTokens.isEmpty())
        QVERIFY(!body.contains(QStringLiteral("min_tokens")));
    else
        QCOMPARE(body.value(minTokens), QJsonValue(request.maxTokens));
}

void TestRequestBuilding::build()
{
    QFETCH(Protocol, protocol);
    QFETCH(QString, base);
    QFETCH(bool, stream);
    QFETCH(QString, url);
    QFETCH(QStringList, headers);
    QFETCH(QStringList, fields);

    EndpointProfile profile;
    profile.baseUrl = QUrl(base);
    profile.protocol = protocol;
    profile.model = QStringLiteral("m-1");
    profile.apiKey = QStringLiteral("sk-test");

    const auto adapter = ProtocolAdapter::create(protocol);
    const HttpRequestSpec spec = adapter->buildRequest(profile, sampleRequest(stream));
    QCOMPARE(spec.method, QByteArrayLiteral("POST"));
    QCOMPARE(spec.url.toString(QUrl::FullyEncoded), url);

    for (const QString &h : headers) {
        const qsizetype colon = h.indexOf(QLatin1Char(':'));
        const QByteArray name = h.left(colon).toUtf8();
        const QByteArray value = h.mid(colon + 1).trimmed().toUtf8();
        QCOMPARE(header(spec, name), value);
    }

    QJsonParseError error;
    const QJsonDocument body = QJsonDocument::fromJson(spec.body, &error);
    QCOMPARE(error.error, QJsonParseError::NoError);
    QVERIFY(body.isObject());
    for (const QString &field : fields) {
        const qsizetype eq = field.indexOf(QLatin1Char('='));
        const QString path = eq < 0 ? field : field.left(eq);
        const QJsonValue actual = at(body, path);
        if (eq < 0) {
            QVERIFY2(actual.isUndefined(), qPrintable(path + QStringLiteral(" should be absent")));
            continue;
        }
        const QJsonValue expected
            = QJsonDocument::fromJson(QByteArray("[") + field.mid(eq + 1).toUtf8() + "]").array().at(0);
        QVERIFY2(!expected.isUndefined(), qPrintable(field));
        QVERIFY2(actual == expected,
                 qPrintable(path + QStringLiteral(": got ")
                            + QString::fromUtf8(
                                QJsonDocument(QJsonArray { actual }).toJson(QJsonDocument::Compact))));
    }
}

void TestRequestBuilding::profileHeadersWin()
{
    EndpointProfile profile;
    profile.baseUrl = QUrl(QStringLiteral("https://api.example.com/v1"));
    profile.model = QStringLiteral("m");
    profile.apiKey = QStringLiteral("sk-test");
    profile.headers = { { QByteArrayLiteral("authorization"), QByteArrayLiteral("Basic abc") },
                        { QByteArrayLiteral("X-Tenant"), QByteArrayLiteral("t1") } };
    const auto adapter = ProtocolAdapter::create(Protocol::OpenAIChat);
    const HttpRequestSpec spec = adapter->buildRequest(profile, sampleRequest(true));
    QCOMPARE(header(spec, "Authorization"), QByteArrayLiteral("Basic abc"));
    QCOMPARE(header(spec, "x-tenant"), QByteArrayLiteral("t1"));
}

void TestRequestBuilding::noKeyNoAuth_data()
{
    QTest::addColumn<Protocol>("protocol");
    for (const Protocol p : Protocols::all())
        QTest::newRow(Protocols::name(p).toUtf8().constData()) << p;
}

void TestRequestBuilding::noKeyNoAuth()
{
    QFETCH(Protocol, protocol);
    EndpointProfile profile;
    profile.baseUrl = QUrl(QStringLiteral("http://127.0.0.1:1234/v1"));
    profile.model = QStringLiteral("m");
    const auto adapter = ProtocolAdapter::create(protocol);
    QVERIFY(adapter);
    QCOMPARE(adapter->protocol(), protocol);
    const HttpRequestSpec spec = adapter->buildRequest(profile, sampleRequest(true));
    QCOMPARE(header(spec, "Authorization"), QByteArray());
    QCOMPARE(header(spec, "x-api-key"), QByteArray());
    QCOMPARE(header(spec, "x-goog-api-key"), QByteArray());
    QCOMPARE(header(spec, "Content-Type"), QByteArrayLiteral("application/json"));
    QVERIFY(!spec.body.isEmpty());
}

QTEST_GUILESS_MAIN(TestRequestBuilding)
#include "tst_requestbuilding.moc"
