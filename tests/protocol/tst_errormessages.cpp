// ProtocolAdapter::errorMessageFromBody: what the user reads when a server says no.

#include "protocol/protocoladapter.h"

#include <QTest>

class TestErrorMessages : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void fromBody_data();
    void fromBody();
    void neverControlCharacters_data();
    void neverControlCharacters();
};

void TestErrorMessages::fromBody_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("message");
    QTest::addColumn<QString>("type");

    auto row
        = [](const char *name, const QByteArray &body, int status, const QString &message, const char *type) {
              QTest::newRow(name) << body << status << message << QString::fromUtf8(type);
          };
    row("openai",
        R"({"error":{"message":"Incorrect API key provided: sk-x.","type":"invalid_request_error","param":null,"code":"invalid_api_key"}})",
        401, QStringLiteral("Incorrect API key provided: sk-x."), "invalid_request_error");
    row("anthropic",
        R"({"type":"error","error":{"type":"overloaded_error","message":"Overloaded"},"request_id":"req_1"})",
        529, QStringLiteral("Overloaded"), "overloaded_error");
    row("gemini",
        R"({"error":{"code":429,"message":"Resource has been exhausted (e.g. check quota).","status":"RESOURCE_EXHAUSTED"}})",
        429, QStringLiteral("Resource has been exhausted (e.g. check quota)."), "RESOURCE_EXHAUSTED");
    row("gemini array",
        R"([{"error":{"code":400,"message":"API key not valid.","status":"INVALID_ARGUMENT"}}])", 400,
        QStringLiteral("API key not valid."), "INVALID_ARGUMENT");
    row("ollama", R"({"error":"model \"llama9\" not found, try pulling it first"})", 404,
        QStringLiteral("model \"llama9\" not found, try pulling it first"), "");
    row("tgi",
        R"({"error":"Input validation error: `inputs` must have less than 4096 tokens","error_type":"validation"})",
        422, QStringLiteral("Input validation error: `inputs` must have less than 4096 tokens"),
        "validation");
    row("vllm message",
        R"({"object":"error","message":"The model `x` does not exist.","type":"NotFoundError","param":null,"code":404})",
        404, QStringLiteral("The model `x` does not exist."), "NotFoundError");
    row("bare message", R"({"message":"Forbidden"})", 403, QStringLiteral("Forbidden"), "");
    // A lone JSON string is no JSON document (as in Qt): the body is read as text.
    row("json string body", R"("Rate limit exceeded")", 429, QStringLiteral("\"Rate limit exceeded\""), "http");
    row("detail string", R"({"detail":"Not authenticated"})", 401, QStringLiteral("Not authenticated"), "");
    row("detail list",
        R"({"detail":[{"loc":["body","max_tokens"],"msg":"value is not a valid integer","type":"type_error.integer"},{"loc":["body"],"msg":"field required"}]})",
        422, QStringLiteral("value is not a valid integer; field required"), "");
    row("error code only", R"({"error":{"code":503}})", 503, QStringLiteral("503"), "503");
    row("html title",
        "<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body><center><h1>502 Bad "
        "Gateway</h1></center><hr><center>nginx</center></body></html>",
        502, QStringLiteral("502 Bad Gateway"), "http");
    row("html entities", "<!DOCTYPE html><html><head><title>Error &amp; &lt;oops&gt;</title>", 500,
        QStringLiteral("Error & <oops>"), "http");
    row("html without title", "<html><body>\n<h1>Service Unavailable</h1>\n<p>Try later</p></body></html>",
        503, QStringLiteral("Service Unavailable"), "http");
    row("plain text", "\n\n  upstream connect error or disconnect/reset before headers  \nsecond line", 503,
        QStringLiteral("upstream connect error or disconnect/reset before headers"), "http");
    row("empty", QByteArray(), 500, QStringLiteral("HTTP 500"), "http");
    row("whitespace", "  \r\n\t ", 504, QStringLiteral("HTTP 504"), "http");
    row("json without error", R"({"status":"ok"})", 500, QStringLiteral("HTTP 500"), "http");
    row("json wrong types", R"({"error":{"message":42,"type":["x"]}})", 500, QStringLiteral("HTTP 500"), "");
    row("json error null", R"({"error":null})", 500, QStringLiteral("HTTP 500"), "http");
    row("long text", QByteArray(1000, 'x'), 500, QString(299, QLatin1Char('x')) + QChar(0x2026), "http");
    row("invalid utf8", "bad \xff\xfe bytes", 500,
        QStringLiteral("bad ") + QChar(0xFFFD) + QChar(0xFFFD) + QStringLiteral(" bytes"), "http");
    row("control chars", "{\"error\":{\"message\":\"line1\\nline2\\u0007\\u202e!\"}}", 500,
        QStringLiteral("line1 line2 !"), "");
    row("message only control chars", R"({"error":{"message":"\u0000\u001b","msg":"Bad input"}})", 500,
        QStringLiteral("Bad input"), "");
    row("error string only control chars", R"({"error":"\u0007\u202e","error_type":"validation"})", 422,
        QStringLiteral("HTTP 422"), "validation");
}

void TestErrorMessages::fromBody()
{
    QFETCH(QByteArray, body);
    QFETCH(int, status);
    QFETCH(QString, message);
    QFETCH(QString, type);
    QCOMPARE(ProtocolAdapter::errorMessageFromBody(body, status), message);
    const StreamItem item = ProtocolAdapter::errorItemFromBody(body, status);
    QCOMPARE(item.kind, StreamItem::Kind::Error);
    QCOMPARE(item.text, message);
    QCOMPARE(item.errorType, type);
}

void TestErrorMessages::neverControlCharacters_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::newRow("tabs and bells") << QByteArray("\x01\x02oops\t\x07\x1b[31mred\x7f");
    QTest::newRow("json escapes") << QByteArray(R"({"error":"a\u0000b\u001bc\r\nd"})");
    QTest::newRow("html") << QByteArray("<title>\x1b\x08T\ritle</title>");
    QTest::newRow("only controls") << QByteArray("\x01\x02\x03");
}

void TestErrorMessages::neverControlCharacters()
{
    QFETCH(QByteArray, body);
    const QString message = ProtocolAdapter::errorMessageFromBody(body, 500);
    QVERIFY(!message.isEmpty());
    for (const QChar c : message)
        QVERIFY2(c.category() != QChar::Other_Control, qPrintable(message));
}

QTEST_GUILESS_MAIN(TestErrorMessages)
#include "tst_errormessages.moc"
