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
