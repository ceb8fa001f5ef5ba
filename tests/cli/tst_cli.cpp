// tokenscope-cli end to end: the real executable, as a user runs it.
#include "../common/clirunner.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>

namespace {

struct Result
{
    int exitCode = -1;
    QString out;
    QString err;
};

Result runCli(const QStringList &args, int timeoutMs = 60'000,
              const QProcessEnvironment &env = QProcessEnvironment::systemEnvironment())
{
    const CliOutcome o = runTokenscopeCli(args, timeoutMs, env);
    return { o.exitCode, QString::fromUtf8(o.out), QString::fromUtf8(o.err) };
}

QStringList fastSimulation()
{
    return {QStringLiteral("--network-ms"), QStringLiteral("5"), QStringLiteral("--inference-ms"), QStringLiteral("30"),
            QStringLiteral("--generation-ms-per-token"), QStringLiteral("2"), QStringLiteral("--postprocess-ms"), QStringLiteral("3"),
            QStringLiteral("--jitter"), QStringLiteral("0"), QStringLiteral("--quiet")};
}

/// The line of the latency breakdown that starts with \a label ("Network", ...).
QString phaseLine(const QString &out, const QString &label)
{
    const QStringList lines = out.split(u'\n');
    for (const QString &line : lines) {
        if (line.trimmed().startsWith(label))
            return line;
    }
    return {};
}

QJsonObject readJson(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    return QJsonDocument::fromJson(f.readAll()).object();
}

} // namespace

class TestCli : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void runAgainstEmbeddedEndpointWritesJsonAndCsv()
    {
        QTemporaryDir dir;
        const QString json = dir.filePath(QStringLiteral("run.json"));
        const QString csv = dir.filePath(QStringLiteral("run.csv"));
        const Result r = runCli(QStringList{QStringLiteral("run"), QStringLiteral("--requests"), QStringLiteral("6"),
                                            QStringLiteral("--concurrency"), QStringLiteral("3"),
                                            QStringLiteral("--max-tokens"), QStringLiteral("10"),
                                            QStringLiteral("--json"), json, QStringLiteral("--csv"), csv}
                                + fastSimulation());
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        // The readable summary has the figures and the five phases.
        for (const char *needle : {"TTFT (ms)", "ITL (ms)", "TPOT (ms)", "E2E (ms)", "Network", "Prompt processing",
                                   "Inference", "Generation", "Post-processing", "6 ok, 0 failed"})
            QVERIFY2(r.out.contains(QLatin1String(needle)), needle);
        // Each phase beside its typical range: 5 ms of network and 30 ms of inference are far
        // below the usual 50–200 ms and 500–5,000 ms; generation has no fixed range.
        QVERIFY(r.out.contains(QStringLiteral("typical range")));
        QVERIFY2(phaseLine(r.out, QStringLiteral("Network")).contains(QStringLiteral("below typical range")), qPrintable(r.out));
        QVERIFY2(phaseLine(r.out, QStringLiteral("Network")).contains(QStringLiteral("50")), qPrintable(r.out));
        QVERIFY2(phaseLine(r.out, QStringLiteral("Inference")).contains(QStringLiteral("below typical range")), qPrintable(r.out));
        QVERIFY2(phaseLine(r.out, QStringLiteral("Generation")).contains(QStringLiteral("linear")), qPrintable(r.out));
        QVERIFY(!phaseLine(r.out, QStringLiteral("Generation")).contains(QStringLiteral("typical range")));

        const QJsonObject root = readJson(json);
        const QJsonObject summary = root.value(QStringLiteral("summary")).toObject();
        QCOMPARE(summary.value(QStringLiteral("requests_ok")).toInt(), 6);
        QCOMPARE(summary.value(QStringLiteral("requests_failed")).toInt(), 0);
        for (const char *key : {"ttft_ms", "itl_ms", "tpot_ms", "e2e_ms"}) {
            const QJsonObject d = summary.value(QLatin1String(key)).toObject();
            for (const char *stat : {"mean", "min", "max", "p50", "p90", "p95", "p99"})
                QVERIFY2(d.value(QLatin1String(stat)).isDouble(), key);
        }
        QVERIFY(summary.value(QStringLiteral("output_tokens_per_s")).toDouble() > 0);
        // The client's own overhead, in every summary.
        for (const char *key : { "client_lag_ms", "dispatch_delay_ms" }) {
            const QJsonObject d = summary.value(QLatin1String(key)).toObject();
            for (const char *stat : { "p50", "p99", "max" })
                QVERIFY2(d.value(QLatin1String(stat)).isDouble() && d.value(QLatin1String(stat)).toDouble() >= 0, key);
        }
        const double share = summary.value(QStringLiteral("client_cpu_share")).toDouble(-1);
        QVERIFY2(share >= 0 && share <= 1.05, qPrintable(QString::number(share)));
        QVERIFY(summary.value(QStringLiteral("includes_client_delay")).isBool());
        QCOMPARE(summary.value(QStringLiteral("kernel_receive_times_share")).toDouble(-1), 1.0);
        QVERIFY(r.out.contains(QStringLiteral("Client overhead: event-loop lag p50")));
        // Plain HTTP on loopback: every token's time is the kernel's receive time.
        QVERIFY2(r.out.contains(QStringLiteral("Receive times: the kernel's, for every request")), qPrintable(r.out));
        const QJsonObject breakdown = summary.value(QStringLiteral("breakdown_ms")).toObject();
        double phaseSum = 0;
        for (const char *phase : {"network", "prompt", "inference", "generation", "postprocess"}) {
            QVERIFY2(breakdown.value(QLatin1String(phase)).isDouble(), phase);
            phaseSum += breakdown.value(QLatin1String(phase)).toDouble();
        }
        QCOMPARE_LE(qAbs(phaseSum - summary.value(QStringLiteral("e2e_ms")).toObject().value(QStringLiteral("mean")).toDouble()), 1e-6);

        const QJsonArray requests = root.value(QStringLiteral("requests")).toArray();
        QCOMPARE(requests.size(), 6);
        for (const QJsonValue &v : requests) {
            const QJsonObject req = v.toObject();
            QVERIFY(req.value(QStringLiteral("error")).isNull());
            QCOMPARE(req.value(QStringLiteral("timed_out")), QJsonValue(false));
            QCOMPARE(req.value(QStringLiteral("status")).toInt(), 200);
            QCOMPARE(req.value(QStringLiteral("output_tokens")).toInt(), 10);
            QVERIFY(!req.value(QStringLiteral("text")).toString().isEmpty());
            const QJsonArray chunks = req.value(QStringLiteral("chunks")).toArray();
            QVERIFY(chunks.size() >= 5);
            QString joined;
            double previous = 0;
            for (const QJsonValue &c : chunks) {
                joined += c.toObject().value(QStringLiteral("text")).toString();
                const double t = c.toObject().value(QStringLiteral("t_ms")).toDouble();
                QCOMPARE_GE(t, previous);
                previous = t;
            }
            QCOMPARE(joined, req.value(QStringLiteral("text")).toString());
            QVERIFY(req.value(QStringLiteral("phases_ms")).isObject());
            QVERIFY(req.value(QStringLiteral("timeline_ms")).isObject());
            QCOMPARE_LE(qAbs(req.value(QStringLiteral("ttft_ms")).toDouble()
                             - req.value(QStringLiteral("timeline_ms")).toObject().value(QStringLiteral("first_token")).toDouble()), 1e-6);
        }

        QFile f(csv);
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QList<QByteArray> lines = f.readAll().trimmed().split('\n');
        QCOMPARE(lines.size(), 7);
        QVERIFY(lines.constFirst().startsWith("index,warmup,endpoint,status"));
    }

    void typicalPresetKeepsEveryPhaseInItsRange()
    {
        // The typical ranges as commonly claimed for a production endpoint (generation, linear
        // in the output tokens, has none).
        const QList<std::tuple<const char *, const char *, double, double>> ranges{
            {"network", "Network", 50, 200},
            {"prompt", "Prompt processing", 100, 500},
            {"inference", "Inference", 500, 5000},
            {"postprocess", "Post-processing", 10, 50}};
        QTemporaryDir dir;
        const QString json = dir.filePath(QStringLiteral("typical.json"));
        // About two seconds a request: two at once, few tokens.
        const Result r = runCli({QStringLiteral("run"), QStringLiteral("--latency-preset"), QStringLiteral("typical"),
                                 QStringLiteral("--requests"), QStringLiteral("2"), QStringLiteral("--concurrency"), QStringLiteral("2"),
                                 QStringLiteral("--max-tokens"), QStringLiteral("4"), QStringLiteral("--json"), json,
                                 QStringLiteral("--quiet")});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        for (const auto &[key, label, min, max] : ranges) {
            const QString line = phaseLine(r.out, QLatin1String(label));
            QVERIFY2(line.contains(QStringLiteral("within typical range")), qPrintable(r.out));
        }
        const QJsonArray requests = readJson(json).value(QStringLiteral("requests")).toArray();
        QCOMPARE(requests.size(), 2);
        for (const QJsonValue &v : requests) {
            const QJsonObject phases = v.toObject().value(QStringLiteral("phases_ms")).toObject();
            for (const auto &[key, label, min, max] : ranges) {
                const double ms = phases.value(QLatin1String(key)).toDouble(-1);
                QVERIFY2(ms >= min && ms <= max, qPrintable(QStringLiteral("%1: %2 ms").arg(QLatin1String(key)).arg(ms)));
            }
        }

        // A bad preset name is refused with the known ones.
        const Result bad = runCli({QStringLiteral("run"), QStringLiteral("--latency-preset"), QStringLiteral("warp")});
        QCOMPARE(bad.exitCode, 2);
        QVERIFY2(bad.err.contains(QStringLiteral("fast")) && bad.err.contains(QStringLiteral("typical")), qPrintable(bad.err));
    }

    void timedOutStreamKeepsTextAndIsMarked()
    {
        // A stream cut by the timeout keeps what arrived and says it timed out.
        QTemporaryDir dir;
        const QString json = dir.filePath(QStringLiteral("timeout.json"));
        const Result r = runCli({QStringLiteral("run"), QStringLiteral("--requests"), QStringLiteral("2"),
                                 QStringLiteral("--max-tokens"), QStringLiteral("60"), QStringLiteral("--total-timeout"), QStringLiteral("0.6"),
                                 QStringLiteral("--network-ms"), QStringLiteral("5"), QStringLiteral("--inference-ms"), QStringLiteral("30"),
                                 QStringLiteral("--generation-ms-per-token"), QStringLiteral("40"), QStringLiteral("--jitter"), QStringLiteral("0"),
                                 QStringLiteral("--json"), json, QStringLiteral("--quiet")});
        QCOMPARE(r.exitCode, 1);
        const QJsonArray requests = readJson(json).value(QStringLiteral("requests")).toArray();
        QCOMPARE(requests.size(), 2);
        for (const QJsonValue &v : requests) {
            const QJsonObject req = v.toObject();
            QCOMPARE(req.value(QStringLiteral("error")).toObject().value(QStringLiteral("class")).toString(), QStringLiteral("timeout-total"));
            QCOMPARE(req.value(QStringLiteral("timed_out")), QJsonValue(true));
            QVERIFY(!req.value(QStringLiteral("text")).toString().isEmpty());
            QVERIFY(req.value(QStringLiteral("output_tokens")).toInt() < 60);
        }
    }

    void unreachableEndpointFailsClearlyAndStillWritesJson()
    {
        QTcpServer server;
        QVERIFY(server.listen(QHostAddress::LocalHost));
        const QString url = QStringLiteral("http://127.0.0.1:%1/v1").arg(server.serverPort());
        server.close();
        QTemporaryDir dir;
        const QString json = dir.filePath(QStringLiteral("failed.json"));
        const Result r = runCli({QStringLiteral("run"), QStringLiteral("--endpoint"), url, QStringLiteral("--model"), QStringLiteral("m"),
                                 QStringLiteral("--requests"), QStringLiteral("2"), QStringLiteral("--json"), json, QStringLiteral("--quiet")});
        QCOMPARE(r.exitCode, 1);
        const QStringList errorLines = r.err.split(u'\n', Qt::SkipEmptyParts).filter(QStringLiteral("error:"));
        QCOMPARE(errorLines.size(), 1);
        QVERIFY2(errorLines.constFirst().contains(QStringLiteral("connection refused")), qPrintable(r.err));
        const QJsonObject root = readJson(json);
        const QJsonArray requests = root.value(QStringLiteral("requests")).toArray();
        QCOMPARE(requests.size(), 2);
        QCOMPARE(requests.at(0).toObject().value(QStringLiteral("error")).toObject().value(QStringLiteral("class")).toString(),
                 QStringLiteral("connect"));
        QCOMPARE(root.value(QStringLiteral("summary")).toObject().value(QStringLiteral("requests_failed")).toInt(), 2);
    }

    void faultKeepsPartialTextInJson()
    {
        QTemporaryDir dir;
        const QString json = dir.filePath(QStringLiteral("reset.json"));
        const Result r = runCli(QStringList{QStringLiteral("run"), QStringLiteral("--requests"), QStringLiteral("2"),
                                            QStringLiteral("--fault"), QStringLiteral("reset"), QStringLiteral("--json"), json}
                                + fastSimulation());
        QCOMPARE(r.exitCode, 1);
        const QJsonArray requests = readJson(json).value(QStringLiteral("requests")).toArray();
        QCOMPARE(requests.size(), 2);
        for (const QJsonValue &v : requests) {
            QCOMPARE(v.toObject().value(QStringLiteral("error")).toObject().value(QStringLiteral("class")).toString(), QStringLiteral("reset"));
            QVERIFY(!v.toObject().value(QStringLiteral("text")).toString().isEmpty());
        }
    }

    void apiKeyNeverLeaksIntoOutput()
    {
        // A planted key travels to the endpoint (the embedded one ignores it) and must appear
        // in nothing the run writes or prints.
        const QByteArray planted = "sk-PLANTED-7f3a9c0e5b2d4816";
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("TOKENSCOPE_TEST_KEY"), QString::fromLatin1(planted));
        QTemporaryDir dir;
        const QString json = dir.filePath(QStringLiteral("k.json"));
        const QString csv = dir.filePath(QStringLiteral("k.csv"));
        for (const QString &fault : {QStringLiteral("none"), QStringLiteral("500")}) {
            const Result r = runCli(QStringList{QStringLiteral("run"), QStringLiteral("--requests"), QStringLiteral("2"),
                                                QStringLiteral("--api-key-env"), QStringLiteral("TOKENSCOPE_TEST_KEY"),
                                                QStringLiteral("--fault"), fault, QStringLiteral("--json"), json,
                                                QStringLiteral("--csv"), csv}
                                        + fastSimulation(),
                                    60'000, env);
            QVERIFY2(r.exitCode == (fault == u"none" ? 0 : 1), qPrintable(r.err));
            QVERIFY(!r.out.toUtf8().contains(planted));
            QVERIFY(!r.err.toUtf8().contains(planted));
            for (const QString &path : {json, csv}) {
                QFile f(path);
                QVERIFY(f.open(QIODevice::ReadOnly));
                const QByteArray bytes = f.readAll();
                QVERIFY(!bytes.isEmpty());
                QVERIFY2(!bytes.contains(planted), qPrintable(path));
            }
        }
    }

    void badArguments_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QString>("message");
        QTest::newRow("no command") << QStringList{} << QString();
        QTest::newRow("unknown command") << QStringList{QStringLiteral("fly")} << QStringLiteral("unknown command");
        QTest::newRow("unknown protocol") << QStringList{QStringLiteral("run"), QStringLiteral("--protocol"), QStringLiteral("smoke")} << QStringLiteral("unknown protocol");
        QTest::newRow("bad number") << QStringList{QStringLiteral("run"), QStringLiteral("--requests"), QStringLiteral("many")} << QStringLiteral("--requests");
        QTest::newRow("bad url") << QStringList{QStringLiteral("run"), QStringLiteral("--endpoint"), QStringLiteral("ftp://x")} << QStringLiteral("--endpoint");
        QTest::newRow("model needed") << QStringList{QStringLiteral("run"), QStringLiteral("--endpoint"), QStringLiteral("http://127.0.0.1:1/v1")} << QStringLiteral("--model");
        QTest::newRow("missing prompts file") << QStringList{QStringLiteral("run"), QStringLiteral("--prompts"), QStringLiteral("/nonexistent/p.txt")} << QStringLiteral("p.txt");
        QTest::newRow("unknown fault") << QStringList{QStringLiteral("run"), QStringLiteral("--fault"), QStringLiteral("gremlins")} << QStringLiteral("unknown fault");
        QTest::newRow("unset key variable") << QStringList{QStringLiteral("run"), QStringLiteral("--api-key-env"), QStringLiteral("TOKENSCOPE_SURELY_UNSET")} << QStringLiteral("TOKENSCOPE_SURELY_UNSET");
        QTest::newRow("decode needs format") << QStringList{QStringLiteral("decode"), QStringLiteral("x")} << QStringLiteral("--format");
    }

    void badArguments()
    {
        QFETCH(QStringList, args);
        QFETCH(QString, message);
        const Result r = runCli(args);
        QCOMPARE(r.exitCode, 2);
        if (!message.isEmpty()) {
            QVERIFY2(r.err.contains(message), qPrintable(r.err));
            QCOMPARE(r.err.trimmed().count(u'\n'), 0); // one line
        }
    }

    void decodeCapturedLlamaCppStream()
    {
        const QString body = QStringLiteral(TOKENSCOPE_SHARED_FIXTURES "/llamacpp/chat-stream.body");
        if (!QFile::exists(body))
            QSKIP("shared fixtures not present beside the project");
        for (const QString &chunk : {QStringLiteral("1"), QStringLiteral("7"), QStringLiteral("4096")}) {
            const Result r = runCli({QStringLiteral("decode"), QStringLiteral("--protocol"), QStringLiteral("openai-chat"),
                                     QStringLiteral("--chunk"), chunk, body});
            QVERIFY2(r.exitCode == 0, qPrintable(r.err));
            int events = 0, deltas = 0, usage = 0, timings = 0, finish = 0;
            for (const QString &line : r.out.split(u'\n', Qt::SkipEmptyParts)) {
                const QJsonObject o = QJsonDocument::fromJson(line.toUtf8()).object();
                const QString kind = o.value(QStringLiteral("kind")).toString();
                events += kind == u"event";
                deltas += kind == u"delta";
                usage += kind == u"usage";
                timings += kind == u"timings";
                finish += kind == u"finish";
                if (kind == u"event")
                    QCOMPARE(o.value(QStringLiteral("event")).toString(), QStringLiteral("message"));
            }
            QVERIFY(events > 3);
            QVERIFY(deltas > 3);
            QVERIFY(usage >= 1);
            QVERIFY(timings >= 1);
            QCOMPARE(finish, 1);
        }
    }

    void decodeNdjsonFromStdin()
    {
        QProcess p;
        p.setProgram(QStringLiteral(TOKENSCOPE_BIN_DIR "/tokenscope-cli"));
        p.setArguments({QStringLiteral("decode"), QStringLiteral("--format"), QStringLiteral("ndjson"), QStringLiteral("-")});
        p.start();
        p.write("{\"a\":1}\r\n\n{\"b\":\"\xe4\xb8\xad\"}\n");
        p.closeWriteChannel();
        QVERIFY(p.waitForFinished(10'000));
        QCOMPARE(p.exitCode(), 0);
        const QStringList lines = QString::fromUtf8(p.readAllStandardOutput()).split(u'\n', Qt::SkipEmptyParts);
        QCOMPARE(lines.size(), 2);
        QCOMPARE(QJsonDocument::fromJson(lines.at(1).toUtf8()).object().value(QStringLiteral("json")).toObject().value(QStringLiteral("b")).toString(),
                 QString::fromUtf8("\xe4\xb8\xad"));
    }

    void serveStandaloneAndRunAgainstIt()
    {
        QProcess server;
        server.setProgram(QStringLiteral(TOKENSCOPE_BIN_DIR "/tokenscope-cli"));
        server.setArguments(QStringList{QStringLiteral("serve"), QStringLiteral("--port"), QStringLiteral("0")} + fastSimulation().mid(0, 10));
        server.start();
        QVERIFY(server.waitForStarted());
        QString banner;
        QTRY_VERIFY_WITH_TIMEOUT((banner += QString::fromUtf8(server.readAllStandardOutput())).contains(QStringLiteral("listening on")), 10'000);
        const QRegularExpressionMatch m = QRegularExpression(QStringLiteral("listening on (http://[0-9.]+:[0-9]+)")).match(banner);
        QVERIFY2(m.hasMatch(), qPrintable(banner));
        const QString root = m.captured(1);

        const Result r = runCli({QStringLiteral("run"), QStringLiteral("--endpoint"), root, QStringLiteral("--protocol"), QStringLiteral("ollama"),
                                 QStringLiteral("--model"), QStringLiteral("sim"), QStringLiteral("--requests"), QStringLiteral("3"),
                                 QStringLiteral("--concurrency"), QStringLiteral("3"), QStringLiteral("--max-tokens"), QStringLiteral("5"), QStringLiteral("--quiet")});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err + r.out));
        QVERIFY(r.out.contains(QStringLiteral("3 ok, 0 failed")));

        server.terminate(); // SIGTERM: a clean stop that reports what it served
        QVERIFY(server.waitForFinished(10'000));
        const QString tail = QString::fromUtf8(server.readAllStandardOutput());
        QVERIFY2(tail.contains(QStringLiteral("peak 3 streams at once")), qPrintable(tail));
    }
};

QTEST_GUILESS_MAIN(TestCli)
#include "tst_cli.moc"
