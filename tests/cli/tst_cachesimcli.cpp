// tokenscope-cli cache-sim, run as a user would.
#include "../common/clirunner.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

class TestCacheSimCli : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void sampleOfflineWithJsonAndCsv()
    {
        QTemporaryDir dir;
        const QString json = dir.filePath(QStringLiteral("cache.json"));
        const QString csv = dir.filePath(QStringLiteral("cache.csv"));
        const CliOutcome r = runTokenscopeCli(
            { QStringLiteral("cache-sim"), QStringLiteral("--trace"), QStringLiteral("sample"),
              QStringLiteral("--sweep"), QStringLiteral("0.5:0.99:0.01"), QStringLiteral("--capacity-sweep"),
              QStringLiteral("20,100"), QStringLiteral("--json"), json, QStringLiteral("--csv"), csv });
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QVERIFY(r.out.contains("Best threshold"));
        QVERIFY(r.out.contains("Belady"));
        QFile file(json);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QJsonObject root = QJsonDocument::fromJson(file.readAll()).object();
        QCOMPARE(root.value(QLatin1String("threshold_curve")).toArray().size(), 50);
        const QJsonObject stats = root.value(QLatin1String("stats")).toObject();
        QCOMPARE(stats.value(QLatin1String("exact_hits")).toInteger()
                     + stats.value(QLatin1String("semantic_hits")).toInteger()
                     + stats.value(QLatin1String("misses")).toInteger(),
                 stats.value(QLatin1String("lookups")).toInteger());
        QVERIFY(stats.value(QLatin1String("lookups")).toInteger() > 200);
        QCOMPARE(root.value(QLatin1String("mode")).toString(), QStringLiteral("offline"));
        QCOMPARE(root.value(QLatin1String("capacity_sweep")).toArray().size(), 2);
        QFile rows(csv);
        QVERIFY(rows.open(QIODevice::ReadOnly));
        QCOMPARE(rows.readAll().count('\n'), stats.value(QLatin1String("lookups")).toInteger() + 1);
        QVERIFY(QFile::exists(dir.filePath(QStringLiteral("cache.curve.csv"))));
    }

    void exactOnlyHitsLess()
    {
        auto hitRate = [](const QStringList &extra) {
            QTemporaryDir dir;
            const QString json = dir.filePath(QStringLiteral("r.json"));
            const CliOutcome r
                = runTokenscopeCli(QStringList { QStringLiteral("cache-sim"), QStringLiteral("--trace"),
                                                 QStringLiteral("sample"), QStringLiteral("--json"), json }
                                   + extra);
            QFile file(json);
            if (r.exitCode != 0 || !file.open(QIODevice::ReadOnly))
                return -1.0;
            return QJsonDocument::fromJson(file.readAll())
                .object()
                .value(QLatin1String("stats"))
                .toObject()
                .value(QLatin1String("hit_rate"))
                .toDouble();
        };
        const double semantic = hitRate({});
        const double exact = hitRate({ QStringLiteral("--exact-only") });
        QVERIFY(exact > 0);
        QVERIFY2(semantic > exact, qPrintable(QStringLiteral("%1 vs %2").arg(semantic).arg(exact)));
    }

    // Misses really go to the embedded endpoint; embeddings come from its /v1/embeddings.
    void embeddedEndpointWithRemoteEmbedder()
    {
        QTemporaryDir dir;
        const QString trace = dir.filePath(QStringLiteral("t.csv"));
        QFile file(trace);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("text,group\n"
                   "什么是机器学习?,ml\n"
                   "机器学习是什么?,ml\n"
                   "Python 怎么学?,py\n"
                   "Java 怎么学?,java\n"
                   "python怎么学？,py\n");
        file.close();
        const QString json = dir.filePath(QStringLiteral("r.json"));
        const CliOutcome r = runTokenscopeCli(
            { QStringLiteral("cache-sim"), QStringLiteral("--trace"), trace, QStringLiteral("--embedded"),
              QStringLiteral("--embedder"), QStringLiteral("endpoint"), QStringLiteral("--network-ms"),
              QStringLiteral("1"), QStringLiteral("--inference-ms"), QStringLiteral("1"),
              QStringLiteral("--generation-ms-per-token"), QStringLiteral("1"),
              QStringLiteral("--max-tokens"), QStringLiteral("8"), QStringLiteral("--json"), json });
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QFile out(json);
        QVERIFY(out.open(QIODevice::ReadOnly));
        const QJsonObject root = QJsonDocument::fromJson(out.readAll()).object();
        QCOMPARE(root.value(QLatin1String("mode")).toString(), QStringLiteral("endpoint"));
        const QJsonArray queries = root.value(QLatin1String("queries")).toArray();
        QCOMPARE(queries.size(), 5);
        QCOMPARE(queries.at(1).toObject().value(QLatin1String("result")).toString(),
                 QStringLiteral("semantic"));
        QCOMPARE(queries.at(3).toObject().value(QLatin1String("result")).toString(), QStringLiteral("miss"));
        QCOMPARE(queries.at(4).toObject().value(QLatin1String("result")).toString(), QStringLiteral("exact"));
        QCOMPARE(root.value(QLatin1String("sent_requests")).toInteger(), 3);
        QCOMPARE(root.value(QLatin1String("failed_requests")).toInteger(), 0);
    }

    // The typical scenario: its settings unless given, each query's claimed outcome beside the
    // cache's, and the statistics in the same words. Expected values are the typical text's: its
    // sketch, matching exact text only, stores three answers and counts 2 hits, 3 misses, 40.0%.
    void referenceScenario()
    {
        QTemporaryDir dir;
        const QString json = dir.filePath(QStringLiteral("reference.json"));
        const CliOutcome r
            = runTokenscopeCli({ QStringLiteral("cache-sim"), QStringLiteral("--trace"),
                                 QStringLiteral("reference"), QStringLiteral("--json"), json });
        QVERIFY2(r.exitCode == 0, r.err.constData());
        const QString out = QString::fromUtf8(r.out);
        QVERIFY2(out.contains(QStringLiteral("threshold 0.85")), r.out.constData());
        QVERIFY2(out.contains(QStringLiteral("capacity 10000")), r.out.constData());
        QVERIFY2(out.contains(QStringLiteral("TTL 1800 s")), r.out.constData());
        QVERIFY2(out.contains(QStringLiteral("Statistics: size 3, hits 2, misses 3, hit rate 40.0%")),
                 r.out.constData());
        QVERIFY2(out.contains(QStringLiteral("semantic hit")), r.out.constData());

        QFile file(json);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QJsonObject root = QJsonDocument::fromJson(file.readAll()).object();
        const QJsonObject stats = root.value(QLatin1String("stats")).toObject();
        QCOMPARE(stats.value(QLatin1String("size")).toInteger(), 3);
        QCOMPARE(stats.value(QLatin1String("hits")).toInteger(), 2);
        QCOMPARE(stats.value(QLatin1String("misses")).toInteger(), 3);
        QCOMPARE(stats.value(QLatin1String("hit_rate")).toDouble(), 0.4);
        const QJsonObject reference = root.value(QLatin1String("reference")).toObject();
        QCOMPARE(
            reference.value(QLatin1String("stats")).toObject().value(QLatin1String("hit_rate")).toString(),
            QStringLiteral("40.0%"));
        const QJsonArray queries = reference.value(QLatin1String("queries")).toArray();
        QCOMPARE(queries.size(), 5);
        const QStringList claimed { QStringLiteral("miss"), QStringLiteral("exact"),
                                    QStringLiteral("semantic"), QStringLiteral("miss"),
                                    QStringLiteral("exact") };
        const QStringList builtin { QStringLiteral("miss"), QStringLiteral("exact"), QStringLiteral("miss"),
                                    QStringLiteral("miss"), QStringLiteral("exact") };
        for (int i = 0; i < 5; ++i) {
            const QJsonObject q = queries.at(i).toObject();
            QCOMPARE(q.value(QLatin1String("expected")).toString(), claimed.at(i));
            QCOMPARE(q.value(QLatin1String("result")).toString(), builtin.at(i));
        }
        QCOMPARE(queries.at(2).toObject().value(QLatin1String("text")).toString(),
                 QStringLiteral("机器学习是什么?"));

        // The built-in embedder scores the reworded pair below 0.85; the output says so and names
        // the threshold at which it matches.
        const QJsonObject pair = reference.value(QLatin1String("pair")).toObject();
        const double similarity = pair.value(QLatin1String("similarity")).toDouble(-2);
        const double matching = pair.value(QLatin1String("matching_threshold")).toDouble(-2);
        QVERIFY2(similarity > 0.5 && similarity < 0.85, qPrintable(QString::number(similarity)));
        QVERIFY(matching <= similarity && matching > similarity - 0.011);
        const QString threshold = QString::number(matching, 'f', 2);
        QVERIFY2(out.contains(QString::number(similarity, 'f', 3)), r.out.constData());
        QVERIFY2(out.contains(QStringLiteral("a threshold of %1 or lower").arg(threshold)),
                 r.out.constData());

        // At that threshold the reworded query is the claimed semantic hit.
        const QString lowered = dir.filePath(QStringLiteral("lowered.json"));
        const CliOutcome again = runTokenscopeCli(
            { QStringLiteral("cache-sim"), QStringLiteral("--trace"), QStringLiteral("reference"),
              QStringLiteral("--threshold"), threshold, QStringLiteral("--json"), lowered });
        QVERIFY2(again.exitCode == 0, again.err.constData());
        QVERIFY2(again.out.contains("Statistics: size 2, hits 3, misses 2, hit rate 60.0%"),
                 again.out.constData());
        QFile loweredFile(lowered);
        QVERIFY(loweredFile.open(QIODevice::ReadOnly));
        const QJsonObject loweredRoot = QJsonDocument::fromJson(loweredFile.readAll()).object();
        const QJsonObject loweredReference = loweredRoot.value(QLatin1String("reference")).toObject();
        QVERIFY(loweredReference.value(QLatin1String("agrees")).toBool());
        QCOMPARE(loweredReference.value(QLatin1String("queries"))
                     .toArray()
                     .at(2)
                     .toObject()
                     .value(QLatin1String("result"))
                     .toString(),
                 QStringLiteral("semantic"));
    }

    // The same comparison with embeddings from /v1/embeddings (the embedded endpoint's).
    void referenceScenarioWithEndpointEmbedder()
    {
        const CliOutcome r = runTokenscopeCli({ QStringLiteral("cache-sim"), QStringLiteral("--trace"),
                                                QStringLiteral("reference"), QStringLiteral("--embedder"),
                                                QStringLiteral("endpoint") });
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QVERIFY2(r.out.contains("Statistics: size 3, hits 2, misses 3, hit rate 40.0%"), r.out.constData());
        QVERIFY2(r.out.contains("or lower matches it"), r.out.constData());
    }

    void referenceHelpSaysWhatTheSemanticLayerAdds()
    {
        const CliOutcome r = runTokenscopeCli({ QStringLiteral("cache-sim"), QStringLiteral("--help") });
        QCOMPARE(r.exitCode, 0);
        const QString help = QString::fromUtf8(r.out).simplified();
        QVERIFY2(help.contains(QStringLiteral("\"reference\"")), r.out.constData());
        QVERIFY2(help.contains(QStringLiteral("exact text")), r.out.constData());
    }

    void errors_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QByteArray>("message");
        QTest::newRow("no trace") << QStringList {} << QByteArray("--trace FILE is required");
        QTest::newRow("missing file")
            << QStringList { QStringLiteral("--trace"), QStringLiteral("/nonexistent/t.jsonl") }
            << QByteArray("cannot open");
        QTest::newRow("bad sweep") << QStringList { QStringLiteral("--trace"), QStringLiteral("sample"),
                                                    QStringLiteral("--sweep"), QStringLiteral("0.9:0.5:0.1") }
                                   << QByteArray("--sweep expects FROM:TO:STEP");
        QTest::newRow("both") << QStringList { QStringLiteral("--trace"),     QStringLiteral("sample"),
                                               QStringLiteral("--sweep"),     QStringLiteral("0.5:0.9:0.1"),
                                               QStringLiteral("--threshold"), QStringLiteral("0.8") }
                              << QByteArray("not both");
        QTest::newRow("bad policy") << QStringList { QStringLiteral("--trace"), QStringLiteral("sample"),
                                                     QStringLiteral("--policy"), QStringLiteral("random") }
                                    << QByteArray("--policy expects lru, lfu or fifo");
        QTest::newRow("bad embedder") << QStringList { QStringLiteral("--trace"), QStringLiteral("sample"),
                                                       QStringLiteral("--embedder"), QStringLiteral("bert") }
                                      << QByteArray("--embedder expects builtin or endpoint");
    }
    void errors()
    {
        QFETCH(QStringList, args);
        QFETCH(QByteArray, message);
        const CliOutcome r = runTokenscopeCli(QStringList { QStringLiteral("cache-sim") } + args);
        QVERIFY(r.exitCode == 1 || r.exitCode == 2);
        QVERIFY2(r.err.contains(message), r.err.constData());
    }

    void brokenTraceNamesTheLine()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("broken.jsonl"));
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("{\"text\":\"ok\"}\n{\"text\":\"\xC3\x28\"}\n");
        file.close();
        const CliOutcome r
            = runTokenscopeCli({ QStringLiteral("cache-sim"), QStringLiteral("--trace"), path });
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains("broken.jsonl: line 2: invalid UTF-8"), r.err.constData());
    }
};

QTEST_GUILESS_MAIN(TestCacheSimCli)
#include "tst_cachesimcli.moc"
