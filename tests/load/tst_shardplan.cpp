// Splitting one run into shards: every request of the whole run goes to exactly one shard, with
// its own prompt and the whole run's index; concurrency, rates and traces split with it.
#include "load/shardplan.h"

#include <QSet>
#include <QTest>

namespace {

LoadConfig whole(int requests, int prompts)
{
    LoadConfig c;
    c.requests = requests;
    for (int i = 0; i < prompts; ++i) {
        GenerationRequest g;
        g.messages = { { QStringLiteral("user"), QStringLiteral("p%1").arg(i) } };
        c.prompts.append(g);
    }
    return c;
}

QString promptOf(const LoadConfig &c, int local)
{
    return c.prompts.at(local % c.prompts.size()).messages.constFirst().content;
}

} // namespace

class TestShardPlan : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void parseAndEnvironment()
    {
        QString error;
        const auto s = ShardPlan::parse(QStringLiteral("2/4"), &error);
        QVERIFY(s);
        QCOMPARE(s->index, 2);
        QCOMPARE(s->count, 4);
        for (const char *bad : { "4/4", "-1/4", "1/0", "x/2", "1", "" })
            QVERIFY2(!ShardPlan::parse(QLatin1String(bad), &error) && error.contains(QStringLiteral("--shard")), bad);

        QProcessEnvironment slurm;
        slurm.insert(QStringLiteral("SLURM_PROCID"), QStringLiteral("3"));
        slurm.insert(QStringLiteral("SLURM_NTASKS"), QStringLiteral("8"));
        auto fromSlurm = ShardPlan::fromEnvironment(slurm, 0, &error);
        QVERIFY(fromSlurm);
        QCOMPARE(fromSlurm->text(), QStringLiteral("3/8"));
        QCOMPARE(fromSlurm->source, QStringLiteral("SLURM_PROCID/SLURM_NTASKS"));
        // One task is no sharding.
        slurm.insert(QStringLiteral("SLURM_NTASKS"), QStringLiteral("1"));
        slurm.insert(QStringLiteral("SLURM_PROCID"), QStringLiteral("0"));
        QVERIFY(!ShardPlan::fromEnvironment(slurm, 0, &error));
        QVERIFY(error.isEmpty());

        QProcessEnvironment k8s;
        k8s.insert(QStringLiteral("JOB_COMPLETION_INDEX"), QStringLiteral("1"));
        auto fromK8s = ShardPlan::fromEnvironment(k8s, 4, &error);
        QVERIFY(fromK8s);
        QCOMPARE(fromK8s->text(), QStringLiteral("1/4"));
        k8s.insert(QStringLiteral("JOB_COMPLETION_INDEX"), QStringLiteral("4"));
        QVERIFY(!ShardPlan::fromEnvironment(k8s, 4, &error));
        QVERIFY(error.contains(QStringLiteral("JOB_COMPLETION_INDEX")));
        QVERIFY(!ShardPlan::fromEnvironment(QProcessEnvironment(), 4, &error));
        QVERIFY(error.contains(QStringLiteral("JOB_COMPLETION_INDEX")));
    }

    void everyRequestOnceWithItsPrompt()
    {
        LoadConfig c = whole(10, 10);
        c.concurrency = 5;
        c.warmup = 2;
        QSet<int> seen;
        int concurrency = 0;
        for (int k = 0; k < 3; ++k) {
            const ShardSpec spec { k, 3, QStringLiteral("--shard") };
            const auto part = ShardPlan::apply(c, spec);
            QVERIFY(part);
            QCOMPARE(part->requests, k == 0 ? 4 : 3);
            QCOMPARE(part->warmup, 2);
            concurrency += part->concurrency;
            for (int local = 0; local < part->warmup + part->requests; ++local) {
                const int g = ShardPlan::globalIndex(c, spec, local);
                // The prompt the shard sends is the one the whole run sends at that index.
                QCOMPARE(promptOf(*part, local), promptOf(c, g));
                if (local >= c.warmup) {
                    QVERIFY2(!seen.contains(g), qPrintable(QString::number(g)));
                    seen.insert(g);
                }
            }
        }
        QCOMPARE(seen.size(), 10); // indices 2..11, each once
        QCOMPARE(concurrency, 5);
        QVERIFY(!ShardPlan::apply(whole(2, 1), { 0, 3, {} }).has_value()); // fewer requests than shards
    }

    void conversationsStayWhole()
    {
        LoadConfig c = whole(12, 12);
        c.turns = 3;
        c.concurrency = 2;
        const ShardSpec first { 0, 2, {} };
        const auto part = ShardPlan::apply(c, first);
        QVERIFY(part);
        QCOMPARE(part->requests, 6); // conversations 0 and 2
        QList<int> indices;
        for (int local = 0; local < 6; ++local)
            indices.append(ShardPlan::globalIndex(c, first, local));
        QCOMPARE(indices, (QList<int> { 0, 1, 2, 6, 7, 8 }));
    }

    void ratesAndTracesSplit()
    {
        LoadConfig c = whole(100, 1);
        c.rate = 20;
        c.poisson = true;
        c.concurrency = 0;
        const auto a = ShardPlan::apply(c, { 0, 4, {} });
        const auto b = ShardPlan::apply(c, { 1, 4, {} });
        QVERIFY(a && b);
        QCOMPARE(a->rate, 5.0);
        QCOMPARE(a->concurrency, 0); // no cap stays no cap
        QVERIFY(a->seed != b->seed); // independent Poisson streams

        LoadConfig t = whole(0, 1);
        t.arrivalsNs = { 0, 10, 20, 30, 40 };
        const auto lines = ShardPlan::apply(t, { 1, 2, {} });
        QVERIFY(lines);
        QCOMPARE(lines->arrivalsNs, (QList<qint64> { 10, 30 }));
        QCOMPARE(lines->requests, 2);
    }
};

QTEST_GUILESS_MAIN(TestShardPlan)
#include "tst_shardplan.moc"
