// Shards merged into one run: the union's percentiles, one timeline by the wall clocks, and
// every way a set of files is not one run's shards, refused or reported.
#include "shard/shardmerge.h"

#include <QTest>

namespace {
constexpr qint64 Ms = 1'000'000;

RequestRecord request(int index, qint64 startNs, double ttftMs, bool ok = true)
{
    RequestRecord r;
    r.index = index;
    RequestTrace &t = r.trace;
    t.startNs = startNs;
    t.requestSentNs = startNs + Ms;
    t.firstTokenNs = t.firstAnswerTokenNs = startNs + qint64(ttftMs * Ms);
    t.chunks = { { t.firstTokenNs, QStringLiteral("x"), 1, false, false } };
    t.lastTokenNs = t.firstTokenNs;
    t.endNs = t.firstTokenNs + Ms;
    t.httpStatus = ok ? 200 : 500;
    if (!ok)
        t.error = ErrorClass::HttpStatus;
    r.metrics = Metrics::compute(t);
    return r;
}

/// Shard \a index of \a count whose run origin was \a originWallNs on the wall clock.
ShardFile shard(int index, int count, qint64 originWallNs, const QList<double> &ttfts, const QString &runId = QStringLiteral("r1"))
{
    ShardFile f;
    f.path = QStringLiteral("shard-%1.json").arg(index);
    ShardInfo s;
    s.index = index;
    s.count = count;
    s.runId = runId;
    s.host = QStringLiteral("host%1").arg(index);
    s.settingsFingerprint = QStringLiteral("abc");
    s.plannedRequests = int(ttfts.size());
    s.originWallNs = originWallNs;
    s.wallAnchorNs = originWallNs;
    s.monotonicAnchorNs = 0;
    s.startedWallNs = originWallNs;
    s.clockSynchronized = true;
    f.document.shard = s;
    for (int i = 0; i < ttfts.size(); ++i)
        f.document.records.append(request(i * count + index, i * 100 * Ms, ttfts.at(i)));
    f.document.summary = Metrics::summarize(f.document.records);
    return f;
}

} // namespace

class TestShardMerge : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void unionPercentilesOnOneTimeline()
    {
        const qint64 wall = 1'760'000'000'000'000'000;
        // Shard 1 started 500 ms after shard 0 on the wall clock (its own clock began anew).
        const QList<ShardFile> files { shard(0, 2, wall, { 100, 110, 120 }), shard(1, 2, wall + 500 * Ms, { 300, 310 }) };
        QString error;
        const auto merged = ShardMerge::merge(files, false, &error);
        QVERIFY2(merged, qPrintable(error));
        QCOMPARE(merged->document.records.size(), 5);
        QCOMPARE(merged->originWallNs, wall);
        QVERIFY(merged->warnings.isEmpty());
        // Percentiles of the union, not of the shards' percentiles.
        const Distribution expected = Distribution::of({ 100, 110, 120, 300, 310 });
        QCOMPARE(merged->document.summary.ttftMs.p50, expected.p50);
        QCOMPARE(merged->document.summary.ttftMs.p99, expected.p99);
        QCOMPARE(merged->document.summary.requestsOk, 5);
        // Shard 1's first request sits 500 ms in; its latencies did not change.
        qint64 shard1First = -1;
        for (const RequestRecord &r : merged->document.records) {
            if (r.index == 1)
                shard1First = r.trace.startNs;
        }
        QCOMPARE(shard1First, 500 * Ms);
        QCOMPARE(merged->shards.size(), 2);
        QCOMPARE(merged->shards.at(1).startOffsetMs, 500.0);
        QCOMPARE(merged->shards.at(1).summary.ttftMs.p50, 305.0);
    }

    void sweepShardsMergeIntoTheSweepsLevels()
    {
        // Two shards of a sweep of levels 2 and 4, each level 1 s in 4 windows of 0.25 s, the
        // last 2 measured. Each shard's requests carry their level and window; shard 1 ran
        // on a clock of its own, 40 ms later.
        const qint64 wall = 1'760'000'000'000'000'000;
        RunSettings settings;
        RunSettings::Sweep sweep;
        sweep.axis = QStringLiteral("concurrency");
        sweep.levels = { 2, 4 };
        sweep.levelSeconds = 1;
        sweep.windows = 4;
        sweep.measuredWindows = 2;
        sweep.tolerance = 0.1;
        sweep.gapSeconds = 1;
        sweep.sloTtftMs = 150;
        sweep.sloTarget = 0.9;
        settings.sweep = sweep;
        // (level, window, TTFT ms, output tokens) of each request, per shard.
        struct Req { int level; int window; double ttft; };
        const QList<QList<Req>> shards {
            { { 0, 0, 90 }, { 0, 2, 100 }, { 0, 3, 120 }, { 1, 1, 130 }, { 1, 2, 140 }, { 1, 3, 200 }, { 1, -1, 500 } },
            { { 0, 2, 110 }, { 0, 3, 105 }, { 1, 2, 160 }, { 1, 3, 170 }, { 1, 3, 180 } },
        };
        QList<ShardFile> files;
        for (int k = 0; k < shards.size(); ++k) {
            ShardFile f = shard(k, 2, wall + k * 40 * Ms, {});
            f.document.settings = settings;
            int i = 0;
            for (const Req &q : shards.at(k)) {
                RequestRecord r = request(i * 2 + k, i * 50 * Ms, q.ttft);
                r.sweepLevel = q.level;
                r.sweepWindow = q.window;
                f.document.records.append(r);
                ++i;
            }
            f.document.summary = Metrics::summarize(f.document.records);
            files.append(f);
        }
        QString error;
        const auto merged = ShardMerge::merge(files, false, &error);
        QVERIFY2(merged, qPrintable(error));
        QVERIFY(merged->sweep);
        QCOMPARE(merged->sweep->levels, (QList<double> { 2, 4 }));
        QCOMPARE(merged->sweep->slo.ttftMs, 150.0);
        QCOMPARE(merged->sweepLevels.size(), 2);

        // Level 2: measured windows 2 and 3 of both shards: TTFT 100, 120, 110, 105.
        const SweepLevelResult &low = merged->sweepLevels.at(0);
        QCOMPARE(low.level, 2.0);
        QCOMPARE(low.requestsOk, 4);
        QCOMPARE(low.requestsFinished, 5);
        QCOMPARE(low.measuredSeconds, 0.5);
        QCOMPARE(low.ttftMs.p50, Distribution::of({ 100, 120, 110, 105 }).p50);
        QCOMPARE(low.ttftMs.p99, Distribution::of({ 100, 120, 110, 105 }).p99);
        // One token each: window throughputs are the union's requests per window over 0.25 s.
        QCOMPARE(low.windowTokensPerSecond, (QList<double> { 4, 0, 8, 8 }));
        QCOMPARE(low.outputTokensPerSecond, 8.0);
        QCOMPARE(low.goodput, 8.0); // every one within 150 ms
        QVERIFY(low.stable);

        // Level 4: windows 2 and 3: 140, 200, 160, 170, 180; the window -1 request (cut off by the
        // level's end) is not counted anywhere.
        const SweepLevelResult &high = merged->sweepLevels.at(1);
        QCOMPARE(high.requestsOk, 5);
        QCOMPARE(high.requestsFinished, 6);
        QCOMPARE(high.ttftMs.p50, Distribution::of({ 140, 200, 160, 170, 180 }).p50);
        QCOMPARE(high.sloAttainment, 1.0 / 5);
        QCOMPARE(high.goodput, 2.0);
        QCOMPARE(high.windowTokensPerSecond, (QList<double> { 0, 4, 8, 12 }));
        QVERIFY(!high.stable);
    }

    void notOneRunIsRefused()
    {
        const qint64 wall = 1'760'000'000'000'000'000;
        QString error;
        QVERIFY(!ShardMerge::merge({ shard(0, 2, wall, { 1 }), shard(1, 2, wall, { 1 }, QStringLiteral("r2")) }, false,
                                   &error));
        QVERIFY2(error.contains(QStringLiteral("different runs")), qPrintable(error));
        ShardFile other = shard(1, 2, wall, { 1 });
        other.document.shard->settingsFingerprint = QStringLiteral("xyz");
        QVERIFY(!ShardMerge::merge({ shard(0, 2, wall, { 1 }), other }, false, &error));
        QVERIFY2(error.contains(QStringLiteral("different settings")), qPrintable(error));
        QVERIFY(!ShardMerge::merge({ shard(0, 2, wall, { 1 }), shard(0, 2, wall, { 1 }) }, false, &error));
        QVERIFY2(error.contains(QStringLiteral("given twice")), qPrintable(error));
        ShardFile plain = shard(0, 1, wall, { 1 });
        plain.document.shard.reset();
        QVERIFY(!ShardMerge::merge({ plain }, false, &error));
        QVERIFY2(error.contains(QStringLiteral("not a shard")), qPrintable(error));
    }

    void missingShortAndSkewedShardsAreReported()
    {
        const qint64 wall = 1'760'000'000'000'000'000;
        QString error;
        const QList<ShardFile> two { shard(0, 3, wall, { 1, 2 }), shard(2, 3, wall, { 3 }) };
        QVERIFY(!ShardMerge::merge(two, false, &error));
        QVERIFY2(error.contains(QStringLiteral("missing: 1")) && error.contains(QStringLiteral("--allow-partial")),
                 qPrintable(error));
        auto partial = ShardMerge::merge(two, true, &error);
        QVERIFY(partial);
        QCOMPARE(partial->document.records.size(), 3);
        QVERIFY(partial->warnings.join(u'\n').contains(QStringLiteral("missing: 1")));

        ShardFile late = shard(1, 2, wall + 3000 * Ms, { 5 });
        late.document.shard->clockSynchronized = false;
        late.document.shard->plannedRequests = 4; // it recorded 1
        const auto merged = ShardMerge::merge({ shard(0, 2, wall, { 5 }), late }, false, &error);
        QVERIFY2(merged, qPrintable(error));
        const QString warnings = merged->warnings.join(u'\n');
        QVERIFY2(warnings.contains(QStringLiteral("apart")), qPrintable(warnings));
        QVERIFY2(warnings.contains(QStringLiteral("not kept in sync")), qPrintable(warnings));
        QVERIFY2(warnings.contains(QStringLiteral("recorded 1 of its 4")), qPrintable(warnings));
    }

    void aShardThatFailsMoreStandsOut()
    {
        const qint64 wall = 1'760'000'000'000'000'000;
        ShardFile bad = shard(1, 2, wall, { 10, 10, 10, 10 });
        for (int i = 0; i < 3; ++i)
            bad.document.records[i] = request(i * 2 + 1, i * 100 * Ms, 10, false);
        bad.document.summary = Metrics::summarize(bad.document.records);
        QString error;
        const auto merged = ShardMerge::merge({ shard(0, 2, wall, { 10, 10, 10, 10 }), bad }, false, &error);
        QVERIFY2(merged, qPrintable(error));
        QVERIFY(merged->shards.at(0).standsOut.isEmpty());
        QVERIFY2(merged->shards.at(1).standsOut.contains(QStringLiteral("failed")), qPrintable(merged->shards.at(1).standsOut));
    }
};

QTEST_GUILESS_MAIN(TestShardMerge)
#include "tst_shardmerge.moc"
