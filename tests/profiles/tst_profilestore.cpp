// ProfileStore: persistence, the embedded profile's rules, secrets kept out of files.
#include "profiles/profilestore.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QUuid>

namespace {

EndpointProfile sample(const QString &name = QStringLiteral("vLLM box"))
{
    EndpointProfile p;
    p.name = name;
    p.baseUrl = QUrl(QStringLiteral("http://gpu-01.lan:8000/v1"));
    p.protocol = Protocol::OpenAIChat;
    p.model = QStringLiteral("meta-llama/Llama-3.1-8B-Instruct");
    p.headers = { { QByteArrayLiteral("X-Team"), QByteArrayLiteral("latency") } };
    p.apiKeyEnv = QStringLiteral("VLLM_API_KEY");
    p.verifyTls = false;
    p.pricePerMInput = 0.15;
    p.pricePerMOutput = 0.6;
    p.pricePerMCachedInput = 0.075;
    return p;
}

const QByteArray PlantedKey = QByteArrayLiteral("sk-planted-7f3a9c1e5b2d4f60");

} // namespace

class TestProfileStore : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init()
    {
        m_dir = std::make_unique<QTemporaryDir>();
        QVERIFY(m_dir->isValid());
        m_path = m_dir->filePath(QStringLiteral("endpoints.json"));
    }

    void embeddedIsFirstAndFixed()
    {
        ProfileStore store;
        store.setEmbeddedBaseUrl(QUrl(QStringLiteral("http://127.0.0.1:4567")));
        QVERIFY(!store.add(sample()).isEmpty());
        const auto list = store.profiles();
        QCOMPARE(list.size(), 2);
        QCOMPARE(list.first().id, QStringLiteral("embedded"));
        QCOMPARE(list.first().name, QStringLiteral("Embedded (simulated)"));
        // OpenAI protocols get the /v1 base, the others the host root.
        QCOMPARE(list.first().baseUrl, QUrl(QStringLiteral("http://127.0.0.1:4567/v1")));
        QCOMPARE(list.first().urlFor(QStringLiteral("/chat/completions")).toString(),
                 QStringLiteral("http://127.0.0.1:4567/v1/chat/completions"));

        QVERIFY(!store.remove(QStringLiteral("embedded")));
        QVERIFY(store.duplicate(QStringLiteral("embedded")).isEmpty());
        QCOMPARE(store.profiles().first().id, QStringLiteral("embedded"));

        // Only protocol and model change; a new name or URL is ignored.
        EndpointProfile edited = list.first();
        edited.name = QStringLiteral("Hijacked");
        edited.baseUrl = QUrl(QStringLiteral("http://evil.example"));
        edited.protocol = Protocol::Ollama;
        edited.model = QStringLiteral("llama3");
        QVERIFY(store.update(edited));
        const auto embedded = store.profile(QStringLiteral("embedded"));
        QVERIFY(embedded);
        QCOMPARE(embedded->name, QStringLiteral("Embedded (simulated)"));
        QCOMPARE(embedded->protocol, Protocol::Ollama);
        QCOMPARE(embedded->model, QStringLiteral("llama3"));
        QCOMPARE(embedded->baseUrl, QUrl(QStringLiteral("http://127.0.0.1:4567")));
        QCOMPARE(embedded->urlFor(QStringLiteral("/api/chat")).toString(),
                 QStringLiteral("http://127.0.0.1:4567/api/chat"));
    }

    void addUpdateDuplicateRemove()
    {
        ProfileStore store;
        QSignalSpy changed(&store, &ProfileStore::profilesChanged);
        const QString a = store.add(sample(QStringLiteral("A")));
        const QString b = store.add(sample(QStringLiteral("B")));
        QVERIFY(!a.isEmpty() && !b.isEmpty() && a != b);
        QCOMPARE(changed.size(), 2);
        QVERIFY(QUuid::fromString(a).isNull() == false);
        // Each gets its own colour, none the embedded grey.
        const auto pa = *store.profile(a);
        const auto pb = *store.profile(b);
        QVERIFY(pa.color != pb.color);
        QVERIFY(pa.color != store.profiles().first().color);

        EndpointProfile changedA = pa;
        changedA.name = QStringLiteral("A renamed");
        QVERIFY(store.update(changedA));
        QCOMPARE(store.profile(a)->name, QStringLiteral("A renamed"));
        changedA.name.clear();
        QVERIFY(!store.update(changedA)); // invalid: refused, old value kept
        QCOMPARE(store.profile(a)->name, QStringLiteral("A renamed"));

        const QString c = store.duplicate(a);
        QVERIFY(!c.isEmpty() && c != a);
        QCOMPARE(store.profile(c)->name, QStringLiteral("A renamed (copy)"));
        QCOMPARE(store.profile(c)->model, pa.model);
        QVERIFY(store.profile(c)->color != pa.color);

        QVERIFY(store.remove(b));
        QVERIFY(!store.remove(b));
        QVERIFY(!store.profile(b));
        QCOMPARE(store.profiles().size(), 3);

        // An invalid profile is not added.
        EndpointProfile bad = sample();
        bad.baseUrl = QUrl(QStringLiteral("ftp://x"));
        QVERIFY(store.add(bad).isEmpty());
        QCOMPARE(store.profiles().size(), 3);
    }

    void saveLoadRoundTrip()
    {
        QString id;
        {
            ProfileStore store;
            store.setStorePath(m_path);
            EndpointProfile p = sample();
            p.apiKey = QString::fromLatin1(PlantedKey);
            id = store.add(p);
            EndpointProfile embedded = *store.profile(QStringLiteral("embedded"));
            embedded.protocol = Protocol::Anthropic;
            embedded.model = QStringLiteral("claude-sim");
            QVERIFY(store.update(embedded));
            QString error;
            QVERIFY2(store.save(&error), qPrintable(error));
        }
        QFile file(m_path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QVERIFY2(!file.readAll().contains(PlantedKey), "the API key reached the file");

        ProfileStore loaded;
        loaded.setStorePath(m_path);
        QSignalSpy changed(&loaded, &ProfileStore::profilesChanged);
        QString error;
        QVERIFY2(loaded.load(&error), qPrintable(error));
        QVERIFY(changed.size() >= 1);
        QCOMPARE(loaded.profiles().size(), 2);
        const auto p = loaded.profile(id);
        QVERIFY(p);
        const EndpointProfile expected = sample();
        QCOMPARE(p->name, expected.name);
        QCOMPARE(p->baseUrl, expected.baseUrl);
        QCOMPARE(p->protocol, expected.protocol);
        QCOMPARE(p->model, expected.model);
        QCOMPARE(p->headers, expected.headers);
        QCOMPARE(p->apiKeyEnv, expected.apiKeyEnv);
        QVERIFY(p->apiKey.isEmpty());
        QCOMPARE(p->verifyTls, false);
        QCOMPARE(p->pricePerMInput, 0.15);
        QCOMPARE(p->pricePerMOutput, 0.6);
        QCOMPARE(p->pricePerMCachedInput, std::optional<double>(0.075));
        QVERIFY(!p->color.isEmpty());
        QCOMPARE(loaded.profile(QStringLiteral("embedded"))->protocol, Protocol::Anthropic);
        QCOMPARE(loaded.profile(QStringLiteral("embedded"))->model, QStringLiteral("claude-sim"));
    }

    void missingFileIsAnEmptyStore()
    {
        ProfileStore store;
        store.setStorePath(m_path);
        QString error;
        QVERIFY(store.load(&error));
        QVERIFY(error.isEmpty());
        QCOMPARE(store.profiles().size(), 1);
    }

    void brokenFileIsKept()
    {
        const QByteArray broken = QByteArrayLiteral("{\"version\": 1, \"profiles\": [ {\"name\": ");
        {
            QFile file(m_path);
            QVERIFY(file.open(QIODevice::WriteOnly));
            file.write(broken);
        }
        ProfileStore store;
        store.setStorePath(m_path);
        QString error;
        QVERIFY(!store.load(&error));
        QVERIFY2(error.contains(QStringLiteral("damaged")), qPrintable(error));
        QVERIFY2(error.contains(m_path + QStringLiteral(".broken")), qPrintable(error));
        QCOMPARE(store.profiles().size(), 1); // only the embedded one
        QVERIFY(!QFile::exists(m_path));
        QFile kept(m_path + QStringLiteral(".broken"));
        QVERIFY(kept.open(QIODevice::ReadOnly));
        QCOMPARE(kept.readAll(), broken);

        // A second broken file does not overwrite the first one kept.
        {
            QFile file(m_path);
            QVERIFY(file.open(QIODevice::WriteOnly));
            file.write("[]");
        }
        QVERIFY(!store.load(&error));
        QVERIFY(QFile::exists(m_path + QStringLiteral(".broken.2")));
        QFile first(m_path + QStringLiteral(".broken"));
        QVERIFY(first.open(QIODevice::ReadOnly));
        QCOMPARE(first.readAll(), broken);

        // Saving afterwards works and starts a fresh file.
        QVERIFY(!store.add(sample()).isEmpty());
        QVERIFY(store.save(&error));
        ProfileStore again;
        again.setStorePath(m_path);
        QVERIFY(again.load(&error));
        QCOMPARE(again.profiles().size(), 2);
    }

    void exportHasNoSecret()
    {
        ProfileStore store;
        EndpointProfile p = sample();
        p.apiKey = QString::fromLatin1(PlantedKey);
        p.headers.append({ QByteArrayLiteral("Authorization"), "Bearer " + PlantedKey });
        const QString id = store.add(p);
        // The store never keeps apiKey, but exportJson must not leak one handed to update()
        // either.
        p.id = id;
        p.color = store.profile(id)->color;
        QVERIFY(store.update(p));
        const QByteArray json = store.exportJson({ id, QStringLiteral("embedded") });
        QVERIFY2(!json.contains(PlantedKey), json.constData());
        QVERIFY(json.contains("VLLM_API_KEY")); // the variable's name is no secret
        QVERIFY(json.contains("X-Team"));
        const QJsonArray list
            = QJsonDocument::fromJson(json).object().value(QStringLiteral("profiles")).toArray();
        QCOMPARE(list.size(), 1); // the embedded one is never exported

        // And it imports back as a new profile.
        ProfileStore other;
        QString error;
        QVERIFY2(other.importJson(json, &error), qPrintable(error));
        QCOMPARE(other.profiles().size(), 2);
        QCOMPARE(other.profiles().at(1).model, p.model);
    }

    void importIgnoresApiKey()
    {
        const QByteArray json = "{\"profiles\": [{\"id\": \"x1\", \"name\": \"Imported\", "
                                "\"base_url\": \"https://api.example.com/v1\", \"protocol\": "
                                "\"openai-chat\", \"model\": \"gpt-x\", \"api_key\": \""
            + PlantedKey + "\", \"apiKey\": \"" + PlantedKey + "\"}]}";
        ProfileStore store;
        store.setStorePath(m_path);
        QString error;
        QVERIFY2(store.importJson(json, &error), qPrintable(error));
        const auto p = store.profile(QStringLiteral("x1"));
        QVERIFY(p);
        QVERIFY(p->apiKey.isEmpty());
        QVERIFY(!store.exportJson({ QStringLiteral("x1") }).contains(PlantedKey));
        QVERIFY(store.save(&error));
        QFile file(m_path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QVERIFY(!file.readAll().contains(PlantedKey));

        // Importing the same file again: the ids clash, so new ones are assigned.
        QVERIFY(store.importJson(json, &error));
        QCOMPARE(store.profiles().size(), 3);
        QCOMPARE(store.lastImportedIds().size(), 1);
        QVERIFY(store.lastImportedIds().first() != QStringLiteral("x1"));
    }

    void importIsAllOrNothing()
    {
        const QByteArray json
            = "[{\"name\": \"ok\", \"base_url\": \"http://h:1\", \"protocol\": \"tgi\"},"
              " {\"name\": \"bad\", \"base_url\": \"http://h:1\", \"protocol\": \"warp-drive\"}]";
        ProfileStore store;
        QSignalSpy changed(&store, &ProfileStore::profilesChanged);
        QString error;
        QVERIFY(!store.importJson(json, &error));
        QVERIFY2(error.contains(QStringLiteral("#2")) && error.contains(QStringLiteral("warp-drive")),
                 qPrintable(error));
        QCOMPARE(store.profiles().size(), 1);
        QCOMPARE(changed.size(), 0);
        QVERIFY(!store.importJson("not json", &error));
        QVERIFY(!error.isEmpty());
    }

    void validate_data()
    {
        QTest::addColumn<QString>("what");
        QTest::addColumn<QString>("field"); // empty: valid
        QTest::newRow("valid") << QString() << QString();
        QTest::newRow("empty name") << QStringLiteral("name=") << QStringLiteral("name");
        QTest::newRow("blank name") << QStringLiteral("name=   ") << QStringLiteral("name");
        QTest::newRow("ftp url") << QStringLiteral("url=ftp://h/v1") << QStringLiteral("baseUrl");
        QTest::newRow("no scheme") << QStringLiteral("url=localhost:8000") << QStringLiteral("baseUrl");
        QTest::newRow("no host") << QStringLiteral("url=http:///v1") << QStringLiteral("baseUrl");
        QTest::newRow("https ok") << QStringLiteral("url=https://api.openai.com/v1") << QString();
        QTest::newRow("no model, openai") << QStringLiteral("model=") << QStringLiteral("model");
        QTest::newRow("no model, anthropic")
            << QStringLiteral("model=;protocol=anthropic") << QStringLiteral("model");
        QTest::newRow("no model, ollama")
            << QStringLiteral("model=;protocol=ollama") << QStringLiteral("model");
        QTest::newRow("no model, llamacpp") << QStringLiteral("model=;protocol=llamacpp") << QString();
        QTest::newRow("no model, tgi") << QStringLiteral("model=;protocol=tgi") << QString();
        QTest::newRow("no model, simple-sse") << QStringLiteral("model=;protocol=simple-sse") << QString();
        QTest::newRow("duplicate header") << QStringLiteral("header=x-team") << QStringLiteral("headers");
        QTest::newRow("bad header name") << QStringLiteral("header=Bad Name") << QStringLiteral("headers");
        QTest::newRow("colour name") << QStringLiteral("color=red") << QStringLiteral("color");
        QTest::newRow("short colour") << QStringLiteral("color=#fff") << QStringLiteral("color");
        QTest::newRow("empty colour") << QStringLiteral("color=") << QStringLiteral("color");
        QTest::newRow("negative price") << QStringLiteral("price=-1") << QStringLiteral("pricePerMOutput");
    }

    void validate()
    {
        QFETCH(QString, what);
        QFETCH(QString, field);
        EndpointProfile p = sample();
        p.color = QStringLiteral("#1f77b4");
        const auto parts = what.split(QLatin1Char(';'), Qt::SkipEmptyParts);
        for (const QString &part : parts) {
            const QString key = part.section(QLatin1Char('='), 0, 0);
            const QString value = part.section(QLatin1Char('='), 1);
            if (key == QLatin1String("name"))
                p.name = value;
            else if (key == QLatin1String("url"))
                p.baseUrl = QUrl(value);
            else if (key == QLatin1String("model"))
                p.model = value;
            else if (key == QLatin1String("protocol"))
                p.protocol = *Protocols::fromName(value);
            else if (key == QLatin1String("header"))
                p.headers.append({ value.toLatin1(), QByteArrayLiteral("v") });
            else if (key == QLatin1String("color"))
                p.color = value;
            else if (key == QLatin1String("price"))
                p.pricePerMOutput = value.toDouble();
        }
        QString gotField = QStringLiteral("untouched");
        const QString message = ProfileStore::validate(p, &gotField);
        if (field.isEmpty()) {
            QVERIFY2(message.isEmpty(), qPrintable(message));
            QVERIFY(gotField.isEmpty());
        } else {
            QVERIFY(!message.isEmpty());
            QCOMPARE(gotField, field);
        }
    }

    void baseUrlProblemSaysWhatIsWrong_data()
    {
        QTest::addColumn<QString>("url");
        QTest::addColumn<QString>("message"); // empty: usable
        QTest::newRow("ok") << QStringLiteral("http://gpu-01.lan:8000/v1") << QString();
        QTest::newRow("ok, ipv6") << QStringLiteral("http://[::1]:8080/v1") << QString();
        QTest::newRow("ok, user info") << QStringLiteral("https://me@api.example.com/v1") << QString();
        QTest::newRow("bad host and port") << QStringLiteral("http://bad host:99999/v1")
                                           << QStringLiteral("The host name \"bad host\" is not valid. "
                                                             "The port 99999 is out of range (1\u201365535).");
        QTest::newRow("ftp") << QStringLiteral("ftp://x")
                             << QStringLiteral("The scheme \"ftp\" is not supported: the base URL must start "
                                               "with http:// or https://.");
        QTest::newRow("port, no host") << QStringLiteral("http://:80") << QStringLiteral("The base URL has no host name.");
        QTest::newRow("port not a number") << QStringLiteral("http://h:80a/v1")
                                           << QStringLiteral("The port \"80a\" is not a number.");
        QTest::newRow("no scheme") << QStringLiteral("localhost:8000")
                                   << QStringLiteral("The base URL has no scheme: it must start with http:// or "
                                                     "https://.");
        QTest::newRow("empty") << QStringLiteral("  ") << QStringLiteral("The base URL is empty.");
    }

    void baseUrlProblemSaysWhatIsWrong()
    {
        QFETCH(QString, url);
        QFETCH(QString, message);
        QCOMPARE(ProfileStore::baseUrlProblem(url), message);
        // validate() says the same of a URL that parses.
        const QUrl parsed(url, QUrl::StrictMode);
        if (parsed.isValid() && !url.trimmed().isEmpty()) {
            EndpointProfile p = sample();
            p.color = QStringLiteral("#d62728");
            p.baseUrl = parsed;
            QCOMPARE(ProfileStore::validate(p), message);
        }
    }

    void withProtocolAdjustsOnlyKnownShapes()
    {
        EndpointProfile p;
        p.baseUrl = QUrl(QStringLiteral("http://h:1"));
        QCOMPARE(ProfileStore::withProtocol(p, Protocol::OpenAIResponses).baseUrl.path(),
                 QStringLiteral("/v1"));
        p.baseUrl = QUrl(QStringLiteral("http://h:1/v1/"));
        QCOMPARE(ProfileStore::withProtocol(p, Protocol::Gemini).baseUrl.path(), QString());
        p.baseUrl = QUrl(QStringLiteral("https://gw.example/openai/v1"));
        QCOMPARE(ProfileStore::withProtocol(p, Protocol::Ollama).baseUrl, p.baseUrl);
    }

private:
    std::unique_ptr<QTemporaryDir> m_dir;
    QString m_path;
};

QTEST_GUILESS_MAIN(TestProfileStore)
#include "tst_profilestore.moc"
