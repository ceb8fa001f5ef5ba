// Protocol names and paths, URL building and the small value types.

#include "protocol/endpointprofile.h"
#include "protocol/protocol.h"
#include "protocol/streamitem.h"

#include <QTest>

class TestProtocols : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void names_data();
    void names();
    void unknownNames();
    void urlFor_data();
    void urlFor();
    void promptText();
    void mergeFrom();
    void constructors();
};

void TestProtocols::names_data()
{
    QTest::addColumn<Protocol>("protocol");
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("streamPath");
    QTest::addColumn<QString>("nonStreamPath");

    auto row = [](Protocol p, const char *name, const char *stream, const char *nonStream) {
        QTest::newRow(name) << p << QString::fromLatin1(name) << QString::fromLatin1(stream)
                            << QString::fromLatin1(nonStream);
    };
    row(Protocol::OpenAIChat, "openai-chat", "/chat/completions", "/chat/completions");
    row(Protocol::OpenAIResponses, "openai-responses", "/responses", "/responses");
    row(Protocol::OpenAICompletions, "openai-completions", "/completions", "/completions");
    row(Protocol::Anthropic, "anthropic", "/v1/messages", "/v1/messages");
    row(Protocol::Gemini, "gemini", "/v1beta/models/{model}:streamGenerateContent?alt=sse",
        "/v1beta/models/{model}:generateContent");
    row(Protocol::Ollama, "ollama", "/api/chat", "/api/chat");
    row(Protocol::LlamaCpp, "llamacpp", "/completion", "/completion");
    row(Protocol::Tgi, "tgi", "/generate_stream", "/generate");
    row(Protocol::SimpleSse, "simple-sse", "/v1/chat/stream", "/v1/chat/stream");
}

void TestProtocols::names()
{
    QFETCH(Protocol, protocol);
    QFETCH(QString, name);
    QFETCH(QString, streamPath);
    QFETCH(QString, nonStreamPath);

    QCOMPARE(Protocols::name(protocol), name);
    QCOMPARE(Protocols::fromName(name), std::optional<Protocol>(protocol));
    QCOMPARE(Protocols::fromName(name.toUpper()), std::optional<Protocol>(protocol));
    QVERIFY(Protocols::names().contains(name));
    QVERIFY(Protocols::all().contains(protocol));
    QVERIFY(!Protocols::description(protocol).isEmpty());
    QCOMPARE(Protocols::streamPath(protocol), streamPath);
    QCOMPARE(Protocols::nonStreamPath(protocol), nonStreamPath);
}

void TestProtocols::unknownNames()
{
    QCOMPARE(Protocols::all().size(), 9);
    QCOMPARE(Protocols::names().size(), 9);
    QCOMPARE(Protocols::fromName(u"openai"), std::nullopt);
    QCOMPARE(Protocols::fromName(u""), std::nullopt);
}

void TestProtocols::urlFor_data()
{
    QTest::addColumn<QString>("base");
    QTest::addColumn<QString>("path");
    QTest::addColumn<QString>("expected");

    auto row = [](const char *name, const char *base, const char *path, const char *expected) {
        QTest::newRow(name) << QString::fromUtf8(base) << QString::fromUtf8(path)
                            << QString::fromUtf8(expected);
    };
    row("openai root /v1", "https://api.openai.com/v1", "/chat/completions",
        "https://api.openai.com/v1/chat/completions");
    row("trailing slash", "https://api.openai.com/v1/", "/chat/completions",
        "https://api.openai.com/v1/chat/completions");
    row("gateway prefix", "https://gw.example.com/proxy/openai/v1", "/chat/completions",
        "https://gw.example.com/proxy/openai/v1/chat/completions");
    row("host root", "http://127.0.0.1:8080", "/completion", "http://127.0.0.1:8080/completion");
    row("host root slash", "http://localhost:11434/", "/api/chat", "http://localhost:11434/api/chat");
    row("gemini alt=sse", "https://generativelanguage.googleapis.com",
        "/v1beta/models/gemini-2.5-flash:streamGenerateContent?alt=sse",
        "https://generativelanguage.googleapis.com/v1beta/models/"
        "gemini-2.5-flash:streamGenerateContent?alt=sse");
    row("queries merged", "https://gw.example.com/google?key=abc",
        "/v1beta/models/m:streamGenerateContent?alt=sse",
        "https://gw.example.com/google/v1beta/models/m:streamGenerateContent?key=abc&alt=sse");
    row("base query kept, no path query", "https://x.openai.azure.com/openai/v1?api-version=preview",
        "/responses", "https://x.openai.azure.com/openai/v1/responses?api-version=preview");
    row("user's own alt wins", "https://h.example?alt=json", "/v1beta/models/m:generateContent?alt=sse",
        "https://h.example/v1beta/models/m:generateContent?alt=json");
    row("version not doubled", "https://api.anthropic.com/v1", "/v1/messages",
        "https://api.anthropic.com/v1/messages");
    row("v1beta not doubled", "https://generativelanguage.googleapis.com/v1beta",
        "/v1beta/models/m:generateContent",
        "https://generativelanguage.googleapis.com/v1beta/models/m:generateContent");
    row("encoded prefix kept", "https://h.example/a%20b/v1", "/completions",
        "https://h.example/a%20b/v1/completions");
    row("encoded query kept", "https://h.example/p?sig=a%2Fb%3D%26c",
        "/v1beta/models/m:streamGenerateContent?alt=sse",
        "https://h.example/p/v1beta/models/m:streamGenerateContent?sig=a%2Fb%3D%26c&alt=sse");
    row("fragment dropped", "https://h.example/v1#x", "/completions", "https://h.example/v1/completions");
}

void TestProtocols::urlFor()
{
    QFETCH(QString, base);
    QFETCH(QString, path);
    QFETCH(QString, expected);
    EndpointProfile profile;
    profile.baseUrl = QUrl(base);
    QCOMPARE(profile.urlFor(path).toString(QUrl::FullyEncoded), expected);
}

void TestProtocols::promptText()
{
    GenerationRequest request;
    request.messages = { { QStringLiteral("system"), QStringLiteral("Be brief.") },
                         { QStringLiteral("user"), QStringLiteral("Hi") },
                         { QStringLiteral("assistant"), QStringLiteral("Hello") },
                         { QStringLiteral("system"), QStringLiteral("No emojis.") },
                         { QStringLiteral("user"), QStringLiteral("Why?") } };
    QCOMPARE(request.promptText(), QStringLiteral("Be brief.\n\nHi\n\nHello\n\nNo emojis.\n\nWhy?"));
    QCOMPARE(request.systemText(), QStringLiteral("Be brief.\n\nNo emojis."));
    QCOMPARE(GenerationRequest().promptText(), QString());
    QCOMPARE(GenerationRequest().systemText(), QString());
}

void TestProtocols::mergeFrom()
{
    ServerTimings mine;
    mine.promptMs = 10;
    mine.generatedTokens = 5;
    ServerTimings other;
    other.promptMs = 99;
    other.queueMs = 3;
    other.totalMs = 120;
    other.generatedTokens = 7;
    mine.mergeFrom(other);
    QCOMPARE(mine.promptMs, std::optional<double>(10)); // kept
    QCOMPARE(mine.generatedTokens, std::optional<qint64>(5)); // kept
    QCOMPARE(mine.queueMs, std::optional<double>(3)); // filled
    QCOMPARE(mine.totalMs, std::optional<double>(120)); // filled
    QCOMPARE(mine.loadMs, std::nullopt);
    QVERIFY(!mine.isEmpty());
    QVERIFY(ServerTimings().isEmpty());
}

void TestProtocols::constructors()
{
    const StreamItem d = StreamItem::delta(QStringLiteral("a"), 2);
    QCOMPARE(d.kind, StreamItem::Kind::TextDelta);
    QCOMPARE(d.text, QStringLiteral("a"));
    QCOMPARE(d.tokens, std::optional<qint64>(2));
    const StreamItem r = StreamItem::reasoning(QStringLiteral("b"));
    QCOMPARE(r.kind, StreamItem::Kind::ReasoningDelta);
    QCOMPARE(r.tokens, std::nullopt);
    Usage u;
    u.promptTokens = 4;
    QCOMPARE(StreamItem::usageItem(u).kind, StreamItem::Kind::Usage);
    QCOMPARE(StreamItem::usageItem(u).usage.promptTokens, std::optional<qint64>(4));
    ServerTimings t;
    t.loadMs = 1.5;
    QCOMPARE(StreamItem::timingsItem(t).timings.loadMs, std::optional<double>(1.5));
    const StreamItem f = StreamItem::finish(QStringLiteral("length"));
    QCOMPARE(f.kind, StreamItem::Kind::Finish);
    QCOMPARE(f.finishReason, QStringLiteral("length"));
    const StreamItem e = StreamItem::error(QStringLiteral("boom"), QStringLiteral("server_error"));
    QCOMPARE(e.kind, StreamItem::Kind::Error);
    QCOMPARE(e.text, QStringLiteral("boom"));
    QCOMPARE(e.errorType, QStringLiteral("server_error"));
}

QTEST_GUILESS_MAIN(TestProtocols)
#include "tst_protocols.moc"
