#include "shardplan.h"

#include <QCoreApplication>

#include <algorithm>

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("ShardPlan", text);
}

bool fail(QString *error, const QString &why)
{
    if (error)
        *error = why;
    return false;
}

/// Requests per block: a conversation's turns (closed loop), else 1.
int blockSize(const LoadConfig &config)
{
    return config.arrivalsNs.isEmpty() && config.rate <= 0 ? std::max(1, config.turns) : 1;
}

} // namespace

std::optional<ShardSpec> ShardPlan::parse(const QString &text, QString *error)
{
    const QStringList parts = text.trimmed().split(u'/');
    bool okIndex = false;
    bool okCount = false;
    ShardSpec s;
    if (parts.size() == 2) {
        s.index = parts.at(0).trimmed().toInt(&okIndex);
        s.count = parts.at(1).trimmed().toInt(&okCount);
    }
    if (!okIndex || !okCount || s.count < 1 || s.count > 100'000 || s.index < 0 || s.index >= s.count) {
        fail(error, tr("--shard expects K/N with K from 0 to N-1 (as SLURM_PROCID counts), got \"%1\"").arg(text));
        return std::nullopt;
    }
    s.source = QStringLiteral("--shard");
    return s;
}

std::optional<ShardSpec> ShardPlan::fromEnvironment(const QProcessEnvironment &env, int shards, QString *error)
{
    if (error)
        error->clear();
    const auto number = [&](const char *name, bool *ok) { return env.value(QLatin1String(name)).toInt(ok); };
    if (shards > 1) {
        if (!env.contains(QStringLiteral("JOB_COMPLETION_INDEX"))) {
            fail(error, tr("--shards needs JOB_COMPLETION_INDEX (a Kubernetes Indexed Job sets it); give --shard K/N "
                           "elsewhere"));
            return std::nullopt;
        }
        bool ok = false;
        const int index = number("JOB_COMPLETION_INDEX", &ok);
        if (!ok || index < 0 || index >= shards) {
            fail(error, tr("JOB_COMPLETION_INDEX is \"%1\": expected 0 to %2 for --shards %3")
                            .arg(env.value(QStringLiteral("JOB_COMPLETION_INDEX")))
                            .arg(shards - 1)
                            .arg(shards));
            return std::nullopt;
        }
        return ShardSpec { index, shards, QStringLiteral("JOB_COMPLETION_INDEX") };
    }
    if (env.contains(QStringLiteral("SLURM_PROCID")) && env.contains(QStringLiteral("SLURM_NTASKS"))) {
        bool okIndex = false;
        bool okCount = false;
        const int index = number("SLURM_PROCID", &okIndex);
        const int count = number("SLURM_NTASKS", &okCount);
        if (!okIndex || !okCount || count < 1 || index < 0 || index >= count) {
            fail(error, tr("SLURM_PROCID %1 of SLURM_NTASKS %2 is no shard")
                            .arg(env.value(QStringLiteral("SLURM_PROCID")), env.value(QStringLiteral("SLURM_NTASKS"))));
            return std::nullopt;
        }
        if (count > 1)
            return ShardSpec { index, count, QStringLiteral("SLURM_PROCID/SLURM_NTASKS") };
    }
    return std::nullopt;
}

int ShardPlan::share(int total, const ShardSpec &shard)
{
    const int n = std::max(1, shard.count);
    return total / n + (shard.index < total % n ? 1 : 0);
}

int ShardPlan::globalIndex(const LoadConfig &whole, const ShardSpec &shard, int localIndex)
{
    if (localIndex < whole.warmup || !shard.isSharded())
        return localIndex;
    const int b = blockSize(whole);
    const int j = localIndex - whole.warmup;
    return whole.warmup + ((j / b) * shard.count + shard.index) * b + j % b;
}

std::optional<LoadConfig> ShardPlan::apply(const LoadConfig &whole, const ShardSpec &shard, QString *error)
{
    if (!shard.isSharded())
        return whole;
    LoadConfig part = whole;
    const int b = blockSize(whole);
    const int measured = whole.arrivalsNs.isEmpty() ? whole.requests : int(whole.arrivalsNs.size());
    // Whole conversations per shard: a turn never leaves its conversation's shard.
    const int blocks = (measured + b - 1) / b;
    if (blocks < shard.count) {
        fail(error, b > 1 ? tr("%1 conversations cannot be split into %2 shards").arg(blocks).arg(shard.count)
                          : tr("%1 requests cannot be split into %2 shards").arg(measured).arg(shard.count));
        return std::nullopt;
    }
    QList<int> mine; // the whole run's measured indices (0-based, without warm-ups) this shard sends
    for (int block = shard.index; block < blocks; block += shard.count) {
        for (int k = 0; k < b && block * b + k < measured; ++k)
            mine.append(block * b + k);
    }
    part.requests = int(mine.size());
    if (!whole.arrivalsNs.isEmpty()) {
        part.arrivalsNs.clear();
        for (int g : std::as_const(mine))
            part.arrivalsNs.append(whole.arrivalsNs.at(g));
    }
    // Closed loop: its share of the workers; open loop: its share of the cap (none stays none).
    if (whole.rate > 0 || !whole.arrivalsNs.isEmpty())
        part.concurrency = whole.concurrency > 0 ? std::max(1, share(whole.concurrency, shard)) : 0;
    else
        part.concurrency = std::max(1, share(whole.concurrency, shard));
    if (whole.rate > 0) {
        part.rate = whole.rate / shard.count;
        // Independent streams: each shard's gaps from a random seed of its own.
        part.seed = whole.seed * 1'000'003ULL + quint64(shard.index) + 1;
    }
    // Its prompts in its order, after the warm-ups' (the whole run's first ones).
    if (!whole.prompts.isEmpty()) {
        const qsizetype n = whole.prompts.size();
        QList<GenerationRequest> prompts;
        prompts.reserve(whole.warmup + mine.size());
        for (int i = 0; i < whole.warmup; ++i)
            prompts.append(whole.prompts.at(i % n));
        for (int g : std::as_const(mine))
            prompts.append(whole.prompts.at((whole.warmup + g) % n));
        part.prompts = prompts;
    }
    return part;
}
