// A run sharded over several tokenscope-cli processes against one endpoint, then merged: the
// shards overlap on the server, the merged run has every request once, its percentiles are the
// union's, and files that are not one run's shards are refused with the reason.
#include "../common/clirunner.h"

#include "endpoint/embeddedendpoint.h"
#include "metrics/statistics.h"

#include <QDateTime>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

namespace {

QJsonObject readJson(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    return QJsonDocument::fromJson(f.readAll()).object();
}

QList<double> ttfts(const QJsonObject &run)
{
    QList<double> out;
    for (const QJsonValue &v : run.value(QStringLiteral("requests")).toArray()) {
        const QJsonObject r = v.toObject();
        if (!r.value(QStringLiteral("warmup")).toBool() && r.value(QStringLiteral("error")).isNull()
            && r.value(QStringLiteral("ttft_ms")).isDouble())
            out.append(r.value(QStringLiteral("ttft_ms")).toDouble());
    }
    return out;
}

} // namespace

class TestShardCli : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        LatencyModel model;
        model.networkMs = 2;
        model.promptMsPerToken = 0;
        model.inferenceMs = 150; // long enough for the shards' requests to overlap
        model.generationMsPerToken = 2;
        model.postprocessMs = 1;
        model.batchSlowdown = 0;
        model.jitter = 0;
        QVERIFY2(m_endpoint.start(model), qPrintable(m_endpoint.errorString()));
    }

    void threeShardsMergeIntoOneRun()
    {
        const QString start = QDateTime::currentDateTimeUtc().addSecs(3).toString(Qt::ISODate);
        std::vector<std::unique_ptr<QProcess>> shards;
        for (int k = 0; k < 3; ++k) {
            auto p = std::make_unique<QProcess>();
            p->setProgram(QStringLiteral(TOKENSCOPE_BIN_DIR "/tokenscope-cli"));
            p->setArguments({ QStringLiteral("run"), QStringLiteral("--no-history"), QStringLiteral("--quiet"),
                              QStringLiteral("--endpoint"), m_endpoint.baseUrl().resolved(QUrl(QStringLiteral("/v1"))).toString(),
                              QStringLiteral("--model"), QStringLiteral("tokenscope-sim"),
                              QStringLiteral("--requests"), QStringLiteral("30"), QStringLiteral("--concurrency"),
                              QStringLiteral("6"), QStringLiteral("--max-tokens"), QStringLiteral("8"),
                              QStringLiteral("--input-tokens"), QStringLiteral("40"),
                              QStringLiteral("--shard"), QStringLiteral("%1/3").arg(k), QStringLiteral("--run-id"),
                              QStringLiteral("test-run"), QStringLiteral("--start-at"), start, QStringLiteral("--json"),
                              m_dir.filePath(QStringLiteral("shard-%1.json").arg(k)) });
            p->start();
            shards.push_back(std::move(p));
        }
        for (auto &p : shards) {
            QVERIFY(p->waitForFinished(120'000));
            QVERIFY2(p->exitCode() == 0, p->readAllStandardError().constData());
        }
        // They ran at once: the server saw the three shards' streams together.
        QVERIFY2(m_endpoint.stats().peakStreams >= 5, qPrintable(QString::number(m_endpoint.stats().peakStreams)));

        int sum = 0;
        QList<double> all;
        for (int k = 0; k < 3; ++k) {
            const QJsonObject shard = readJson(m_dir.filePath(QStringLiteral("shard-%1.json").arg(k)));
            const QJsonObject info = shard.value(QStringLiteral("shard")).toObject();
            QCOMPARE(info.value(QStringLiteral("index")).toInt(), k);
            QCOMPARE(info.value(QStringLiteral("count")).toInt(), 3);
            QCOMPARE(info.value(QStringLiteral("run_id")).toString(), QStringLiteral("test-run"));
            QVERIFY(!info.value(QStringLiteral("host")).toString().isEmpty());
            QCOMPARE(info.value(QStringLiteral("planned_requests")).toInt(), 10);
            QVERIFY(!shard.value(QStringLiteral("requests"))[0][QLatin1String("wall_start_ns")].toString().isEmpty());
            // The settings are the whole run's: equal in every shard.
            QCOMPARE(shard.value(QStringLiteral("settings"))[QLatin1String("requests")].toInt(), 30);
            sum += shard.value(QStringLiteral("requests")).toArray().size();
            all += ttfts(shard);
        }
        QCOMPARE(sum, 30);

        QStringList files;
        for (int k = 0; k < 3; ++k)
            files.append(m_dir.filePath(QStringLiteral("shard-%1.json").arg(k)));
        const QString merged = m_dir.filePath(QStringLiteral("merged.json"));
        const CliOutcome m = runTokenscopeCli(QStringList { QStringLiteral("merge"), QStringLiteral("--no-history") }
                                              + files + QStringList { QStringLiteral("--json"), merged });
        QVERIFY2(m.exitCode == 0, m.err.constData());
        QVERIFY2(m.out.contains("Merged run \"test-run\": 3 of 3 shards, 30 ok"), m.out.constData());
        const QJsonObject run = readJson(merged);
        const QJsonArray requests = run.value(QStringLiteral("requests")).toArray();
        QCOMPARE(requests.size(), 30);
        // Each of the whole run's indices once, each with the prompt the whole run gives it.
        QSet<int> indices;
        for (const QJsonValue &v : requests)
            indices.insert(v[QLatin1String("index")].toInt());
        QCOMPARE(indices.size(), 30);
        // The union's percentiles, not an average of the shards'.
        const Distribution expected = Distribution::of(all);
        const QJsonObject ttft = run.value(QStringLiteral("summary"))[QLatin1String("ttft_ms")].toObject();
        QCOMPARE(ttft.value(QStringLiteral("p50")).toDouble(), expected.p50);
        QCOMPARE(ttft.value(QStringLiteral("p99")).toDouble(), expected.p99);
        QCOMPARE(run.value(QStringLiteral("merged"))[QLatin1String("shards")].toArray().size(), 3);
        QVERIFY(run.value(QStringLiteral("summary"))[QLatin1String("peak_concurrency")].toInt() >= 5);

        // Missing, foreign and broken shards are named.
        CliOutcome bad = runTokenscopeCli({ QStringLiteral("merge"), QStringLiteral("--no-history"), files.at(0), files.at(2) });
        QCOMPARE(bad.exitCode, 1);
        QVERIFY2(bad.err.contains("missing: 1"), bad.err.constData());
        bad = runTokenscopeCli({ QStringLiteral("merge"), QStringLiteral("--no-history"), QStringLiteral("--allow-partial"),
                                 files.at(0), files.at(2) });
        QCOMPARE(bad.exitCode, 0);
        QVERIFY2(bad.err.contains("missing: 1"), bad.err.constData());
        QFile cut(m_dir.filePath(QStringLiteral("cut.json")));
        QVERIFY(cut.open(QIODevice::WriteOnly));
        QFile whole(files.at(1));
        QVERIFY(whole.open(QIODevice::ReadOnly));
        cut.write(whole.readAll().left(2000));
        cut.close();
        bad = runTokenscopeCli({ QStringLiteral("merge"), QStringLiteral("--no-history"), files.at(0), cut.fileName(),
                                 files.at(2) });
        QCOMPARE(bad.exitCode, 1);
        QVERIFY2(bad.err.contains("cut.json"), bad.err.constData());
    }

    void sweepShardsMergeIntoOneSweep()
    {
        // Two shards of a concurrency sweep 2, 4 in timed levels of 1.2 s (4 windows of 0.3 s,
        // the last 3 measured, levels 1 s apart); each runs half of each level.
        const QString start = QDateTime::currentDateTimeUtc().addSecs(3).toString(Qt::ISODate);
        std::vector<std::unique_ptr<QProcess>> shards;
        QStringList files;
        for (int k = 0; k < 2; ++k) {
            files.append(m_dir.filePath(QStringLiteral("sweep-shard-%1.json").arg(k)));
            auto p = std::make_unique<QProcess>();
            p->setProgram(QStringLiteral(TOKENSCOPE_BIN_DIR "/tokenscope-cli"));
            p->setArguments({ QStringLiteral("sweep"), QStringLiteral("--no-history"), QStringLiteral("--quiet"),
                              QStringLiteral("--endpoint"), m_endpoint.baseUrl().resolved(QUrl(QStringLiteral("/v1"))).toString(),
                              QStringLiteral("--model"), QStringLiteral("tokenscope-sim"),
                              QStringLiteral("--concurrency"), QStringLiteral("2,4"), QStringLiteral("--level-seconds"),
                              QStringLiteral("1.2"), QStringLiteral("--max-windows"), QStringLiteral("4"),
                              QStringLiteral("--max-tokens"), QStringLiteral("4"), QStringLiteral("--slo-ttft-ms"),
                              QStringLiteral("1000"), QStringLiteral("--shard"), QStringLiteral("%1/2").arg(k),
                              QStringLiteral("--run-id"), QStringLiteral("sweep-run"), QStringLiteral("--start-at"), start,
                              QStringLiteral("--json"), files.constLast() });
            p->start();
            shards.push_back(std::move(p));
        }
        for (auto &p : shards) {
            QVERIFY(p->waitForFinished(120'000));
            const QByteArray err = p->readAllStandardError();
            QVERIFY2(p->exitCode() == 0, err.constData());
        }

        // The union of the shards' measured requests (windows 1 to 3) of each level, and each
        // shard's first send of each level on the wall clock.
        QList<QList<double>> measured(2);
        QList<QList<qint64>> levelStarts(2, QList<qint64>(2, -1));
        for (int k = 0; k < 2; ++k) {
            const QJsonObject shard = readJson(files.at(k));
            QCOMPARE(shard.value(QStringLiteral("settings"))[QLatin1String("sweep")][QLatin1String("level_seconds")]
                         .toDouble(),
                     1.2);
            for (const QJsonValue &v : shard.value(QStringLiteral("requests")).toArray()) {
                const int level = v[QLatin1String("sweep_level")].toInt(-1);
                const int window = v[QLatin1String("sweep_window")].toInt(-1);
                QVERIFY(level == 0 || level == 1);
                const qint64 wall = v[QLatin1String("wall_start_ns")].toString().toLongLong();
                qint64 &first = levelStarts[k][level];
                first = first < 0 ? wall : std::min(first, wall);
                if (window >= 1 && v[QLatin1String("error")].isNull())
                    measured[level].append(v[QLatin1String("ttft_ms")].toDouble());
            }
        }
        for (int level = 0; level < 2; ++level) {
            // The shards began each level together, and the second level 2.2 s after the first.
            QVERIFY2(std::abs(levelStarts[0][level] - levelStarts[1][level]) < 300'000'000,
                     qPrintable(QString::number(double(levelStarts[0][level] - levelStarts[1][level]) / 1e6)));
        }
        for (int k = 0; k < 2; ++k) {
            const double apart = double(levelStarts[k][1] - levelStarts[k][0]) / 1e9;
            QVERIFY2(apart > 2.1 && apart < 2.5, qPrintable(QString::number(apart)));
        }

        const QString merged = m_dir.filePath(QStringLiteral("sweep-merged.json"));
        const QString csv = m_dir.filePath(QStringLiteral("sweep-merged.csv"));
        const CliOutcome m = runTokenscopeCli(QStringList { QStringLiteral("merge"), QStringLiteral("--no-history") }
                                              + files
                                              + QStringList { QStringLiteral("--json"), merged, QStringLiteral("--csv"), csv });
        QVERIFY2(m.exitCode == 0, m.err.constData());
        QVERIFY2(m.out.contains("Sweep, levels measured from every shard's requests"), m.out.constData());
        QVERIFY2(m.out.contains("Each level ran 1.2 s"), m.out.constData());
        const QJsonObject sweep = readJson(merged);
        QCOMPARE(sweep.value(QStringLiteral("axis")).toString(), QStringLiteral("concurrency"));
        QCOMPARE(sweep.value(QStringLiteral("level_seconds")).toDouble(), 1.2);
        const QJsonArray levels = sweep.value(QStringLiteral("levels")).toArray();
        QCOMPARE(levels.size(), 2);
        for (int level = 0; level < 2; ++level) {
            const QJsonObject l = levels.at(level).toObject();
            QCOMPARE(l.value(QStringLiteral("level")).toDouble(), level == 0 ? 2.0 : 4.0);
            QCOMPARE(l.value(QStringLiteral("requests_ok")).toInt(), measured.at(level).size());
            QVERIFY(measured.at(level).size() >= 6);
            const Distribution expected = Distribution::of(measured.at(level));
            QCOMPARE(l.value(QStringLiteral("ttft_ms"))[QLatin1String("p50")].toDouble(), expected.p50);
            QCOMPARE(l.value(QStringLiteral("ttft_ms"))[QLatin1String("p99")].toDouble(), expected.p99);
            QCOMPARE(l.value(QStringLiteral("measured_seconds")).toDouble(), 0.9);
        }
        // Four in flight give about twice the throughput of two (each request ~165 ms).
        const double low = levels.at(0)[QLatin1String("output_tokens_per_second")].toDouble();
        const double high = levels.at(1)[QLatin1String("output_tokens_per_second")].toDouble();
        QVERIFY2(high > 1.6 * low, qPrintable(QStringLiteral("%1 vs %2").arg(high).arg(low)));
        QCOMPARE(sweep.value(QStringLiteral("merged"))[QLatin1String("shards")].toArray().size(), 2);
        QFile table(csv);
        QVERIFY(table.open(QIODevice::ReadOnly));
        QCOMPARE(table.readAll().trimmed().split('\n').size(), 3); // header + a row per level

        // A shard of a sweep needs timed levels and a file.
        CliOutcome bad = runTokenscopeCli({ QStringLiteral("sweep"), QStringLiteral("--no-history"),
                                            QStringLiteral("--concurrency"), QStringLiteral("1,2"), QStringLiteral("--shard"),
                                            QStringLiteral("0/2"), QStringLiteral("--run-id"), QStringLiteral("x") });
        QCOMPARE(bad.exitCode, 2);
        QVERIFY2(bad.err.contains("--level-seconds"), bad.err.constData());
        bad = runTokenscopeCli({ QStringLiteral("sweep"), QStringLiteral("--no-history"), QStringLiteral("--concurrency"),
                                 QStringLiteral("1,2"), QStringLiteral("--level-seconds"), QStringLiteral("1"),
                                 QStringLiteral("--window"), QStringLiteral("8") });
        QCOMPARE(bad.exitCode, 2);
        QVERIFY2(bad.err.contains("leave out --window"), bad.err.constData());
    }

    void embeddedShardsMergeWithAReport()
    {
        // Without --endpoint each shard measures an embedded endpoint of its own (another port
        // each): still one run. The merged run's report shows it beside each shard.
        QStringList files;
        for (int k = 0; k < 2; ++k) {
            const QString json = m_dir.filePath(QStringLiteral("embedded-%1.json").arg(k));
            const CliOutcome r = runTokenscopeCli({ QStringLiteral("run"), QStringLiteral("--no-history"),
                                                    QStringLiteral("--quiet"), QStringLiteral("--requests"),
                                                    QStringLiteral("6"), QStringLiteral("--latency-preset"),
                                                    QStringLiteral("fast"), QStringLiteral("--max-tokens"),
                                                    QStringLiteral("6"), QStringLiteral("--shard"),
                                                    QStringLiteral("%1/2").arg(k), QStringLiteral("--run-id"),
                                                    QStringLiteral("embedded-run"), QStringLiteral("--json"), json });
            QVERIFY2(r.exitCode == 0, r.err.constData());
            files.append(json);
        }
        const QString html = m_dir.filePath(QStringLiteral("merged.html"));
        const QString pdf = m_dir.filePath(QStringLiteral("merged.pdf"));
        const CliOutcome m = runTokenscopeCli(QStringList { QStringLiteral("merge"), QStringLiteral("--no-history") } + files
                                              + QStringList { QStringLiteral("--html"), html, QStringLiteral("--pdf"), pdf },
                                              120'000);
        if (m.err.contains("built without the GUI libraries"))
            QSKIP("this tokenscope-cli has no report writer (TOKENSCOPE_BUILD_GUI=OFF)");
        QVERIFY2(m.exitCode == 0, m.err.constData());
        QVERIFY2(m.out.contains("2 of 2 shards, 6 ok"), m.out.constData());
        QFile h(html);
        QVERIFY(h.open(QIODevice::ReadOnly));
        const QByteArray page = h.readAll();
        QVERIFY(page.contains("merged run embedded-run"));
        QVERIFY(page.contains("shard 1"));
        QVERIFY(page.contains("<svg"));
        QFile p(pdf);
        QVERIFY(p.open(QIODevice::ReadOnly));
        QVERIFY(p.read(5) == "%PDF-");
    }

    void slurmSaysWhichShard()
    {
        // Under srun every task sees SLURM_PROCID and SLURM_NTASKS: no --shard needed.
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("SLURM_PROCID"), QStringLiteral("1"));
        env.insert(QStringLiteral("SLURM_NTASKS"), QStringLiteral("2"));
        env.insert(QStringLiteral("SLURM_JOB_ID"), QStringLiteral("4242"));
        const QString json = m_dir.filePath(QStringLiteral("slurm.json"));
        const CliOutcome r = runTokenscopeCli({ QStringLiteral("run"), QStringLiteral("--no-history"),
                                                QStringLiteral("--requests"), QStringLiteral("4"),
                                                QStringLiteral("--latency-preset"), QStringLiteral("fast"),
                                                QStringLiteral("--max-tokens"), QStringLiteral("4"),
                                                QStringLiteral("--json"), json },
                                              120'000, env);
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QVERIFY2(r.err.contains("Shard 1/2 (from SLURM_PROCID/SLURM_NTASKS)"), r.err.constData());
        const QJsonObject info = readJson(json).value(QStringLiteral("shard")).toObject();
        QCOMPARE(info.value(QStringLiteral("run_id")).toString(), QStringLiteral("slurm-4242"));
        QCOMPARE(readJson(json).value(QStringLiteral("requests")).toArray().size(), 2);

        // Without a run id a shard is refused, with the reason.
        const CliOutcome noId = runTokenscopeCli({ QStringLiteral("run"), QStringLiteral("--no-history"),
                                                   QStringLiteral("--shard"), QStringLiteral("0/2") });
        QCOMPARE(noId.exitCode, 2);
        QVERIFY2(noId.err.contains("--run-id"), noId.err.constData());
    }

private:
    QTemporaryDir m_dir;
    EmbeddedEndpointRunner m_endpoint;
};

QTEST_GUILESS_MAIN(TestShardCli)
#include "tst_shardcli.moc"
