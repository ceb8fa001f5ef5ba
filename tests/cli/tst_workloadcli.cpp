// tokenscope-cli run with production-like inputs: synthetic prompts of an exact cl100k_base
// length, output lengths forced per request, shared prefixes that the embedded endpoint's
// prefix cache turns into cached tokens and a shorter TTFT, datasets, and clear errors.
#include "../common/clirunner.h"
#include "../tokenize/tiktokenpath.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

namespace {

struct Result
{
    int exitCode = -1;
    QString out;
    QString err;
};

Result runCli(const QStringList &args, int timeoutMs = 120'000)
{
    const CliOutcome o = runTokenscopeCli(args, timeoutMs);
    return { o.exitCode, QString::fromUtf8(o.out), QString::fromUtf8(o.err) };
}

QJsonObject readJson(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    return QJsonDocument::fromJson(f.readAll()).object();
}

QString lastUserText(const QJsonObject &request)
{
    const QJsonArray messages = request.value(QStringLiteral("messages")).toArray();
    return messages.isEmpty() ? QString() : messages.last().toObject().value(QStringLiteral("content")).toString();
}

double meanTtft(const QJsonArray &requests, int from)
{
    double sum = 0;
    int n = 0;
    for (int i = from; i < requests.size(); ++i) {
        sum += requests.at(i).toObject().value(QStringLiteral("ttft_ms")).toDouble();
        ++n;
    }
    return n ? sum / n : 0;
}

} // namespace

class TestWorkloadCli : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QVERIFY(m_dir.isValid()); }

    void syntheticPromptsOfExactLength()
    {
        REQUIRE_ENCODING(encoding, BpeEncodingId::Cl100kBase);
        const QString json = m_dir.filePath(QStringLiteral("synthetic.json"));
        const Result r = runCli({ QStringLiteral("run"), QStringLiteral("--requests"), QStringLiteral("6"),
                                  QStringLiteral("--concurrency"), QStringLiteral("2"),
                                  QStringLiteral("--latency-preset"), QStringLiteral("fast"),
                                  QStringLiteral("--input-tokens"), QStringLiteral("uniform:64:300"),
                                  QStringLiteral("--output-tokens"), QStringLiteral("12"),
                                  QStringLiteral("--ignore-eos"), QStringLiteral("--json"), json });
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QVERIFY2(r.err.contains(QStringLiteral("Workload: 6 synthetic prompts")), qPrintable(r.err));
        const QJsonObject doc = readJson(json);
        const QJsonArray requests = doc.value(QStringLiteral("requests")).toArray();
        QCOMPARE(requests.size(), 6);
        QSet<QString> distinct;
        for (const QJsonValue &v : requests) {
            const QJsonObject o = v.toObject();
            const QString text = lastUserText(o);
            distinct.insert(text);
            const qsizetype tokens = encoding->count(text);
            QVERIFY2(tokens >= 64 && tokens <= 300, qPrintable(QString::number(tokens)));
            QCOMPARE(o.value(QStringLiteral("max_tokens")).toInt(), 12);
            QCOMPARE(o.value(QStringLiteral("output_tokens")).toInt(), 12);
            QCOMPARE(o.value(QStringLiteral("ended_early")).toBool(), false);
            // The embedded endpoint reports its prefix cache: a number, never left out.
            QVERIFY(o.value(QStringLiteral("cached_prompt_tokens")).isDouble());
        }
        QCOMPARE(distinct.size(), 6); // one prompt per request
        // The prompts are in the settings too, so the run can be repeated exactly.
        QCOMPARE(doc.value(QStringLiteral("settings"))[QLatin1String("prompt_set")].toArray().size(), 6);
        QCOMPARE(doc.value(QStringLiteral("summary"))[QLatin1String("requests_ended_early")].toInt(), 0);

        // The same seed gives the same prompts; another seed others.
        const QString again = m_dir.filePath(QStringLiteral("again.json"));
        QCOMPARE(runCli({ QStringLiteral("run"), QStringLiteral("--requests"), QStringLiteral("2"),
                          QStringLiteral("--latency-preset"), QStringLiteral("fast"), QStringLiteral("--quiet"),
                          QStringLiteral("--input-tokens"), QStringLiteral("uniform:64:300"),
                          QStringLiteral("--json"), again })
                     .exitCode,
                 0);
        // The requests are listed as they finished: the first prompt is the one of index 0.
        const auto indexZero = [](const QJsonArray &list) {
            for (const QJsonValue &v : list) {
                if (v[QLatin1String("index")].toInt(-1) == 0)
                    return v.toObject();
            }
            return QJsonObject();
        };
        const QJsonArray first = readJson(again).value(QStringLiteral("requests")).toArray();
        QVERIFY(!indexZero(first).isEmpty() && !indexZero(requests).isEmpty());
        QCOMPARE(lastUserText(indexZero(first)), lastUserText(indexZero(requests)));
    }

    void sharedPrefixIsCachedAndFaster()
    {
        // One prefix of 768 tokens in every 1024-token prompt: after the first request the
        // embedded endpoint's prefix cache holds it, reports it, and skips its prefill.
        const auto run = [this](const QString &share, const QString &name) {
            const QString json = m_dir.filePath(name);
            const Result r = runCli({ QStringLiteral("run"), QStringLiteral("--requests"), QStringLiteral("8"),
                                      QStringLiteral("--concurrency"), QStringLiteral("1"), QStringLiteral("--quiet"),
                                      QStringLiteral("--max-tokens"), QStringLiteral("4"),
                                      QStringLiteral("--input-tokens"), QStringLiteral("1024"),
                                      QStringLiteral("--shared-prefix"), QStringLiteral("768:%1:1").arg(share),
                                      QStringLiteral("--json"), json });
            if (r.exitCode != 0)
                qWarning("%s", qPrintable(r.err));
            return readJson(json).value(QStringLiteral("requests")).toArray();
        };
        const QJsonArray shared = run(QStringLiteral("1"), QStringLiteral("shared.json"));
        const QJsonArray unshared = run(QStringLiteral("0"), QStringLiteral("unshared.json"));
        QCOMPARE(shared.size(), 8);
        QCOMPARE(unshared.size(), 8);
        QCOMPARE(shared.at(0).toObject().value(QStringLiteral("cached_prompt_tokens")).toInt(), 0);
        for (int i = 1; i < shared.size(); ++i) {
            const QJsonObject o = shared.at(i).toObject();
            const int cached = o.value(QStringLiteral("cached_prompt_tokens")).toInt();
            const int prompt = o.value(QStringLiteral("prompt_tokens")).toInt();
            // Most of the prefix, in whole cache blocks; never the prompt's own suffix.
            QVERIFY2(cached > prompt / 2 && cached < prompt, qPrintable(QStringLiteral("%1 of %2").arg(cached).arg(prompt)));
        }
        for (const QJsonValue &v : unshared)
            QCOMPARE(v.toObject().value(QStringLiteral("cached_prompt_tokens")).toInt(), 0);
        // Half the prefill skipped or more: the TTFT drops well beyond the model's jitter.
        const double cachedTtft = meanTtft(shared, 1);
        const double coldTtft = meanTtft(unshared, 1);
        QVERIFY2(cachedTtft < 0.85 * coldTtft, qPrintable(QStringLiteral("%1 vs %2 ms").arg(cachedTtft).arg(coldTtft)));
    }

    void datasetPrompts()
    {
        REQUIRE_ENCODING(encoding, BpeEncodingId::Cl100kBase);
        const QString path = m_dir.filePath(QStringLiteral("sharegpt.json"));
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(R"([
 {"id": "a", "conversations": [{"from": "human", "value": "What is a KV cache?"},
                               {"from": "gpt", "value": "It keeps the keys and values of earlier tokens."}]},
 {"id": "b", "conversations": [{"from": "human", "value": "Why stream tokens?"},
                               {"from": "gpt", "value": "The first words arrive sooner."}]},
 {"id": "c", "conversations": [{"from": "gpt", "value": "An answer without a question."}]}
])");
        f.close();
        const QString json = m_dir.filePath(QStringLiteral("dataset.json"));
        const Result r = runCli({ QStringLiteral("run"), QStringLiteral("--requests"), QStringLiteral("4"),
                                  QStringLiteral("--latency-preset"), QStringLiteral("fast"),
                                  QStringLiteral("--dataset"), path, QStringLiteral("--json"), json });
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QVERIFY2(r.err.contains(QStringLiteral("sharegpt")), qPrintable(r.err));
        const QJsonArray requests = readJson(json).value(QStringLiteral("requests")).toArray();
        QCOMPARE(requests.size(), 4);
        for (const QJsonValue &v : requests) {
            const QJsonObject o = v.toObject();
            const QString prompt = lastUserText(o);
            QVERIFY2(prompt == u"What is a KV cache?" || prompt == u"Why stream tokens?", qPrintable(prompt));
            // The answer's length is the output target.
            const QString answer = prompt == u"What is a KV cache?"
                ? QStringLiteral("It keeps the keys and values of earlier tokens.")
                : QStringLiteral("The first words arrive sooner.");
            QCOMPARE(o.value(QStringLiteral("max_tokens")).toInt(), int(encoding->count(answer)));
        }

        // A broken file: the error names the file and the line.
        const QString broken = m_dir.filePath(QStringLiteral("broken.jsonl"));
        QFile b(broken);
        QVERIFY(b.open(QIODevice::WriteOnly));
        b.write("{\"prompt\": \"fine\"}\n{\"prompt\": \n");
        b.close();
        const Result bad = runCli({ QStringLiteral("run"), QStringLiteral("--dataset"), broken });
        QCOMPARE(bad.exitCode, 2);
        QVERIFY2(bad.err.contains(QStringLiteral("broken.jsonl:2")), qPrintable(bad.err));
    }

    void traceReplayedAtItsPace()
    {
        // Arrivals at 1.0, 1.5 and 3.0 s, replayed twice as fast: sent at 0, 250 and 1000 ms
        // after the start, never before, each asking for its line's output length.
        const QString path = m_dir.filePath(QStringLiteral("trace.jsonl"));
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("{\"timestamp\": 1000, \"input_tokens\": 200, \"output_tokens\": 10}\n"
                "{\"timestamp\": 3000, \"input_tokens\": 100, \"output_tokens\": 8}\n"
                "{\"timestamp\": 1500, \"input_tokens\": 300, \"output_tokens\": 12, \"session_id\": \"s1\"}\n");
        f.close();
        const QString json = m_dir.filePath(QStringLiteral("trace.json"));
        const Result r = runCli({ QStringLiteral("run"), QStringLiteral("--trace"), path, QStringLiteral("--time-scale"),
                                  QStringLiteral("0.5"), QStringLiteral("--latency-preset"), QStringLiteral("fast"),
                                  QStringLiteral("--quiet"), QStringLiteral("--json"), json });
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QJsonArray requests = readJson(json).value(QStringLiteral("requests")).toArray();
        QCOMPARE(requests.size(), 3);
        QList<QJsonObject> byIndex(3);
        for (const QJsonValue &v : requests)
            byIndex[v.toObject().value(QStringLiteral("index")).toInt()] = v.toObject();
        const double scheduled[] = { 0, 250, 1000 };
        const int maxTokens[] = { 10, 12, 8 };
        const double first = byIndex[0].value(QStringLiteral("start_offset_ms")).toDouble();
        for (int i = 0; i < 3; ++i) {
            const double start = byIndex[i].value(QStringLiteral("start_offset_ms")).toDouble() - first;
            QVERIFY2(start >= scheduled[i] - 1, qPrintable(QStringLiteral("request %1 at %2 ms").arg(i).arg(start)));
            QCOMPARE(byIndex[i].value(QStringLiteral("max_tokens")).toInt(), maxTokens[i]);
        }

        // A trace sets its own pace.
        const Result bad = runCli({ QStringLiteral("run"), QStringLiteral("--trace"), path, QStringLiteral("--rate"),
                                    QStringLiteral("5") });
        QCOMPARE(bad.exitCode, 2);
        QVERIFY2(bad.err.contains(QStringLiteral("--rate")), qPrintable(bad.err));
    }

    void conversationsCarryTheirHistory()
    {
        const QString json = m_dir.filePath(QStringLiteral("conversation.json"));
        const Result r = runCli({ QStringLiteral("run"), QStringLiteral("--requests"), QStringLiteral("6"),
                                  QStringLiteral("--concurrency"), QStringLiteral("2"), QStringLiteral("--turns"),
                                  QStringLiteral("3"), QStringLiteral("--think-time"), QStringLiteral("0.05"),
                                  QStringLiteral("--input-tokens"), QStringLiteral("120"), QStringLiteral("--max-tokens"),
                                  QStringLiteral("12"), QStringLiteral("--latency-preset"), QStringLiteral("fast"),
                                  QStringLiteral("--json"), json });
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QVERIFY2(r.out.contains(QStringLiteral("TTFT p50 by conversation turn")), qPrintable(r.out));
        const QJsonObject doc = readJson(json);
        QList<QJsonObject> byIndex(6);
        for (const QJsonValue &v : doc.value(QStringLiteral("requests")).toArray())
            byIndex[v.toObject().value(QStringLiteral("index")).toInt()] = v.toObject();
        for (int i = 0; i < 6; ++i) {
            const QJsonObject &o = byIndex[i];
            const int turn = i % 3 + 1;
            QCOMPARE(o.value(QStringLiteral("turn")).toInt(), turn);
            const QJsonArray messages = o.value(QStringLiteral("messages")).toArray();
            QCOMPARE(messages.size(), 2 * turn - 1); // user, (assistant, user) per earlier turn
            if (turn > 1) {
                // The previous turn's prompt and its answer, as they were.
                const QJsonObject previous = byIndex[i - 1];
                QCOMPARE(messages.at(messages.size() - 3).toObject().value(QStringLiteral("content")).toString(),
                         lastUserText(previous));
                QCOMPARE(messages.at(messages.size() - 2).toObject().value(QStringLiteral("role")).toString(),
                         QStringLiteral("assistant"));
                QCOMPARE(messages.at(messages.size() - 2).toObject().value(QStringLiteral("content")).toString(),
                         previous.value(QStringLiteral("text")).toString());
                // The server counts the history too.
                QVERIFY(o.value(QStringLiteral("prompt_tokens")).toInt() > previous.value(QStringLiteral("prompt_tokens")).toInt());
            }
        }
        QCOMPARE(doc.value(QStringLiteral("summary"))[QLatin1String("ttft_by_turn_ms")].toArray().size(), 3);
    }

    void endpointTokenizerIsCheckedAgainstUsage()
    {
        // Lengths in the server's own tokens (POST /tokenize); after the run, each request's
        // usage.prompt_tokens less the template overhead measured before it is the asked length.
        const Result r = runCli({ QStringLiteral("run"), QStringLiteral("--requests"), QStringLiteral("4"),
                                  QStringLiteral("--latency-preset"), QStringLiteral("fast"), QStringLiteral("--input-tokens"),
                                  QStringLiteral("uniform:40:200"), QStringLiteral("--tokenizer"),
                                  QStringLiteral("endpoint"), QStringLiteral("--max-tokens"), QStringLiteral("4") });
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QVERIFY2(r.err.contains(QStringLiteral("Lengths counted by the endpoint (POST /tokenize)")), qPrintable(r.err));
        QVERIFY2(r.err.contains(QStringLiteral("(POST /tokenize, en)")), qPrintable(r.err));
        QVERIFY2(r.out.contains(QStringLiteral("Input lengths: all 4 requests' prompt_tokens less the template's")),
                 qPrintable(r.out));

        // A system message is part of every prompt: the one-message overhead does not apply, so
        // nothing is claimed.
        const Result withSystem = runCli({ QStringLiteral("run"), QStringLiteral("--requests"), QStringLiteral("2"),
                                           QStringLiteral("--latency-preset"), QStringLiteral("fast"),
                                           QStringLiteral("--input-tokens"), QStringLiteral("40"),
                                           QStringLiteral("--tokenizer"), QStringLiteral("endpoint"),
                                           QStringLiteral("--system"), QStringLiteral("Be brief."),
                                           QStringLiteral("--max-tokens"), QStringLiteral("4") });
        QVERIFY2(withSystem.exitCode == 0, qPrintable(withSystem.err));
        QVERIFY2(!withSystem.out.contains(QStringLiteral("Input lengths:")), qPrintable(withSystem.out));
    }

    void badOptionsAreExplained_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QString>("message");
        QTest::newRow("min above max") << QStringList { QStringLiteral("--input-tokens"), QStringLiteral("uniform:500:100") }
                                       << QStringLiteral("--input-tokens");
        QTest::newRow("unknown kind") << QStringList { QStringLiteral("--input-tokens"), QStringLiteral("zipf:3") }
                                      << QStringLiteral("--input-tokens");
        QTest::newRow("prefix without input")
            << QStringList { QStringLiteral("--shared-prefix"), QStringLiteral("100:0.5") }
            << QStringLiteral("--shared-prefix needs --input-tokens");
        QTest::newRow("two sources") << QStringList { QStringLiteral("--input-tokens"), QStringLiteral("100"),
                                                      QStringLiteral("--prompt"), QStringLiteral("hi") }
                                     << QStringLiteral("--input-tokens replaces --prompt");
        QTest::newRow("unknown tokenizer") << QStringList { QStringLiteral("--input-tokens"), QStringLiteral("100"),
                                                            QStringLiteral("--tokenizer"), QStringLiteral("gpt2") }
                                           << QStringLiteral("--tokenizer expects one of");
        QTest::newRow("no tokenize route")
            << QStringList { QStringLiteral("--endpoint"), QStringLiteral("http://127.0.0.1:9/v1"), QStringLiteral("--model"), QStringLiteral("m"),
                             QStringLiteral("--input-tokens"), QStringLiteral("100"), QStringLiteral("--tokenizer"),
                             QStringLiteral("endpoint") }
            << QStringLiteral("--tokenizer endpoint: the endpoint counts no tokens at");
        QTest::newRow("missing dataset") << QStringList { QStringLiteral("--dataset"), QStringLiteral("/nonexistent/d.json") }
                                         << QStringLiteral("/nonexistent/d.json");
    }

    void badOptionsAreExplained()
    {
        QFETCH(QStringList, args);
        QFETCH(QString, message);
        const Result r = runCli(QStringList { QStringLiteral("run") } + args);
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains(message), qPrintable(r.err));
    }

private:
    QTemporaryDir m_dir;
};

QTEST_GUILESS_MAIN(TestWorkloadCli)
#include "tst_workloadcli.moc"
