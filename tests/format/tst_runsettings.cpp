// A run's settings as a document: what LoadConfig says, without a secret, written and read
// back to the same document; what it does not model (another tool's figures, old keys) kept.
#include "format/runsettings.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

namespace {

const QString PlantedKey = QStringLiteral("sk-planted-SECRET-4242424242");

LoadConfig config()
{
    LoadConfig c;
    c.endpoint.id = QStringLiteral("6d2f0c1e");
    c.endpoint.name = QStringLiteral("gpu-a");
    c.endpoint.baseUrl = QUrl(QStringLiteral("http://user:pw@127.0.0.1:9/v1?key=zzz"));
    c.endpoint.protocol = Protocol::Ollama;
    c.endpoint.model = QStringLiteral("m1");
    c.endpoint.apiKey = PlantedKey;
    c.endpoint.apiKeyEnv = QStringLiteral("MY_KEY_VAR");
    c.endpoint.headers = { { "Authorization", "Bearer " + PlantedKey.toLatin1() },
                           { "X-Api-Key", "hdr-secret-value-777777" },
                           { "X-Trace-Me", "visible-header" } };
    GenerationRequest a;
    a.messages = { { QStringLiteral("system"), QStringLiteral("简洁") },
                   { QStringLiteral("user"), QStringLiteral("Say hello") } };
    a.maxTokens = 64;
    a.temperature = 0.5;
    GenerationRequest b;
    b.messages = { { QStringLiteral("user"), QStringLiteral("What is 2+2?") } };
    b.maxTokens = 8;
    b.stream = false;
    c.prompts = { a, b };
    c.requests = 30;
    c.concurrency = 4;
    c.rate = 2.5;
    c.poisson = true;
    c.seed = 18'446'744'073'709'551'557ull;
    c.warmup = 2;
    c.options.connectTimeoutMs = 1500;
    c.options.firstTokenTimeoutMs = 20'000;
    c.options.stallTimeoutMs = 7000;
    c.options.totalTimeoutMs = 90'000;
    c.options.reuseConnections = false;
    return c;
}

} // namespace

class TestRunSettings : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void roundTrip_data()
    {
        QTest::addColumn<int>("detail");
        QTest::newRow("export") << int(RunSettings::Detail::Export);
        QTest::newRow("history") << int(RunSettings::Detail::History);
    }

    void roundTrip()
    {
        QFETCH(int, detail);
        const RunSettings s = RunSettings::fromConfig(config(), RunSettings::Detail(detail));
        const QJsonObject json = s.toJson();
        const RunSettings back
            = RunSettings::fromJson(QJsonDocument::fromJson(QJsonDocument(json).toJson()).object());
        QVERIFY(back == s);
        QCOMPARE(back.toJson(), json);
        QCOMPARE(back.seed, std::optional<quint64>(18'446'744'073'709'551'557ull));
        QCOMPARE(back.rate, std::optional<double>(2.5));
        QCOMPARE(back.timeouts->stallMs, 7000);
        QCOMPARE(back.endpoint.url, QStringLiteral("http://127.0.0.1:9/v1"));
        QCOMPARE(back.endpoint.protocol, QStringLiteral("ollama"));
        QCOMPARE(back.endpoint.verifyTls, std::optional<bool>(true));
    }

    void exportLeavesOutProfileDetailAndSecrets()
    {
        const QByteArray exported = QJsonDocument(RunSettings::fromConfig(config()).toJson()).toJson();
        const QByteArray history
            = QJsonDocument(RunSettings::fromConfig(config(), RunSettings::Detail::History).toJson())
                  .toJson();
        for (const QByteArray &secret : { PlantedKey.toLatin1(), QByteArray("hdr-secret-value"),
                                          QByteArray("pw@"), QByteArray("key=zzz") }) {
            QVERIFY2(!exported.contains(secret), secret.constData());
            QVERIFY2(!history.contains(secret), secret.constData());
        }
        QVERIFY(!exported.contains("visible-header"));
        // The prompts are the run: an export keeps them, so that it can be repeated exactly.
        QVERIFY(exported.contains("prompt_set"));
        QVERIFY(history.contains("visible-header"));
        QVERIFY(history.contains("MY_KEY_VAR"));
        const RunSettings h = RunSettings::fromConfig(config(), RunSettings::Detail::History);
        QCOMPARE(h.endpoint.headers->size(), 1);
        QCOMPARE(h.promptSet->size(), 2);
        QCOMPARE(h.promptSet->at(0).temperature, std::optional<double>(0.5));
        QCOMPARE(h.promptSet->at(1).stream, false);
    }

    void historyNamesTheEmbeddedEndpointByItsStableId()
    {
        // The embedded endpoint's name is translated; the history keeps its id as the name so
        // runs recorded in two interface languages stay one endpoint. Exports keep the name.
        LoadConfig c = config();
        c.endpoint.id = QStringLiteral("embedded");
        c.endpoint.name = QStringLiteral("内嵌（模拟）");
        const RunSettings h = RunSettings::fromConfig(c, RunSettings::Detail::History);
        QCOMPARE(h.endpoint.name, QStringLiteral("embedded"));
        QCOMPARE(h.endpoint.id, std::optional<QString>(QStringLiteral("embedded")));
        QCOMPARE(RunSettings::fromConfig(c).endpoint.name, QStringLiteral("内嵌（模拟）"));
        // Any other endpoint keeps the name its user gave it.
        c.endpoint.id = QStringLiteral("3f2b");
        c.endpoint.name = QStringLiteral("我的端点");
        QCOMPARE(RunSettings::fromConfig(c, RunSettings::Detail::History).endpoint.name,
                 QStringLiteral("我的端点"));
    }

    // What another tool wrote, or an older TokenScope, comes back exactly as it was.
    void keepsWhatItDoesNotModel()
    {
        // (One raw string per line: moc cannot read one that spans lines.)
        const QByteArray json
            = R"({"endpoint": {"name": "vLLM bench", "url": "http://h:8000", "protocol": "vllm",)"
              R"("model": "Qwen"}, "requests": 4, "concurrency": null, "rate": "inf",)"
              R"("vllm": {"mean_ttft_ms": 51.5, "completed": 3}, "tags": ["baseline"]})";
        const QJsonObject in = QJsonDocument::fromJson(json).object();
        const RunSettings s = RunSettings::fromJson(in);
        QCOMPARE(s.endpoint.protocol, QStringLiteral("vllm"));
        QCOMPARE(s.requests, std::optional<int>(4));
        QVERIFY(!s.concurrency);
        QVERIFY(!s.rate);
        QCOMPARE(s.extra.value(QStringLiteral("vllm"))[QStringLiteral("completed")].toInt(), 3);
        QCOMPARE(s.toJson(), in);
    }

    void dropsSecretHeadersFromAFile()
    {
        const QByteArray json
            = R"({"endpoint": {"name": "e", "url": "", "protocol": "openai-chat", "model": "",)"
              R"("headers": [["Authorization", "Bearer sk-hand-edited"], ["X-Team", "infra"]]}})";
        const RunSettings s = RunSettings::fromJson(QJsonDocument::fromJson(json).object());
        QVERIFY(s.endpoint.headers);
        QCOMPARE(s.endpoint.headers->size(), 1);
        QCOMPARE(s.endpoint.headers->constFirst().first, QStringLiteral("X-Team"));
        QVERIFY(!QJsonDocument(s.toJson()).toJson().contains("sk-hand-edited"));
    }

    void anEmptyDocumentStaysEmpty()
    {
        const RunSettings s = RunSettings::fromJson({});
        QVERIFY(s.endpoint.isEmpty());
        QVERIFY(s.toJson().isEmpty());
        QVERIFY(s == RunSettings());
    }

    void secretHeaders_data()
    {
        QTest::addColumn<QByteArray>("name");
        QTest::addColumn<bool>("secret");
        QTest::newRow("authorization") << QByteArray("Authorization") << true;
        QTest::newRow("x-goog-api-key") << QByteArray(" X-Goog-Api-Key ") << true;
        QTest::newRow("token in name") << QByteArray("X-Session-Token") << true;
        QTest::newRow("cookie") << QByteArray("Cookie") << true;
        QTest::newRow("trace id") << QByteArray("X-Trace-Me") << false;
        QTest::newRow("accept") << QByteArray("Accept") << false;
    }

    void secretHeaders()
    {
        QFETCH(QByteArray, name);
        QFETCH(bool, secret);
        QCOMPARE(RunSettings::isSecretHeader(name), secret);
    }
};

QTEST_GUILESS_MAIN(TestRunSettings)
#include "tst_runsettings.moc"
