#include "clishard.h"
#include "clicommon.h"

#include "common/wallclock.h"
#include "format/runsettings.h"

#include <QHostInfo>
#include <QJsonObject>
#include <QLocale>
#include <QProcessEnvironment>
#include <QTimeZone>
#include <QTimer>

#include <QCoroTimer>

#include <cmath>

namespace {
const QString Shard = QStringLiteral("shard");
const QString Shards = QStringLiteral("shards");
const QString RunId = QStringLiteral("run-id");
const QString StartAt = QStringLiteral("start-at");
} // namespace

QList<QCommandLineOption> CliShard::options()
{
    return {
        { Shard,
          CliText::tr("Run shard K of N (K from 0 to N-1): its share of --requests, --concurrency and --rate, and its "
                      "own prompts. Under Slurm, SLURM_PROCID and SLURM_NTASKS say it without this option."),
          CliText::tr("K/N") },
        { Shards,
          CliText::tr("The number of shards, the index coming from JOB_COMPLETION_INDEX (Kubernetes Indexed Jobs)."),
          CliText::tr("n") },
        { RunId,
          CliText::tr("The name every shard of one run shares, so that merge keeps runs apart (under Slurm: "
                      "slurm-$SLURM_JOB_ID)."),
          CliText::tr("id") },
        { StartAt,
          CliText::tr("Wait until this wall-clock time before sending, so that shards start together: ISO 8601 "
                      "(2026-12-04T10:00:00Z) or Unix seconds."),
          CliText::tr("time") },
    };
}

QDateTime CliShard::parseStartAt(const QString &text)
{
    const QString t = text.trimmed();
    bool isNumber = false;
    const double seconds = t.toDouble(&isNumber);
    if (isNumber && std::isfinite(seconds) && seconds > 0)
        return QDateTime::fromMSecsSinceEpoch(qint64(seconds * 1000.0), QTimeZone::utc());
    QDateTime when = QDateTime::fromString(t, Qt::ISODateWithMs);
    if (when.isValid() && when.timeSpec() == Qt::LocalTime && !t.endsWith(u'Z') && !t.contains(u'+'))
        when.setTimeZone(QTimeZone::utc()); // a time without a zone is UTC, as schedulers write it
    return when;
}

namespace {

/// The shard (options or scheduler), --start-at and --run-id. nullopt with *ok when the process
/// is not a shard and has no start time; nullopt without it after printing an error.
std::optional<CliShard::Setup> readShard(const QCommandLineParser &parser, bool *ok)
{
    *ok = true;
    const auto failWith = [ok](const QString &why) -> std::optional<CliShard::Setup> {
        CliCommon::printError(why);
        *ok = false;
        return std::nullopt;
    };
    const QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    std::optional<ShardSpec> spec;
    QString error;
    if (parser.isSet(Shard)) {
        if (parser.isSet(Shards))
            return failWith(CliText::tr("give --shard K/N or --shards N, not both"));
        spec = ShardPlan::parse(parser.value(Shard), &error);
        if (!spec)
            return failWith(error);
    } else {
        int shards = 0;
        if (parser.isSet(Shards)) {
            bool good = false;
            shards = parser.value(Shards).toInt(&good);
            if (!good || shards < 1 || shards > 100'000)
                return failWith(CliText::tr("--shards expects a number of shards, got \"%1\"").arg(parser.value(Shards)));
        }
        spec = ShardPlan::fromEnvironment(env, shards, &error);
        if (!spec && !error.isEmpty())
            return failWith(error);
    }
    QDateTime startAt;
    if (parser.isSet(StartAt)) {
        startAt = CliShard::parseStartAt(parser.value(StartAt));
        if (!startAt.isValid())
            return failWith(CliText::tr("--start-at expects an ISO 8601 time (2026-12-04T10:00:00Z) or Unix seconds, "
                                        "got \"%1\"")
                                .arg(parser.value(StartAt)));
    }
    if (!spec || !spec->isSharded()) {
        if (parser.isSet(RunId))
            return failWith(CliText::tr("--run-id names the shards of one run: give --shard or --shards too"));
        if (!startAt.isValid())
            return std::nullopt;
        CliShard::Setup unsharded;
        unsharded.startAt = startAt;
        return unsharded;
    }
    CliShard::Setup s;
    s.spec = *spec;
    s.startAt = startAt;
    s.runId = parser.value(RunId).trimmed();
    if (s.runId.isEmpty() && !env.value(QStringLiteral("SLURM_JOB_ID")).isEmpty())
        s.runId = u"slurm-" + env.value(QStringLiteral("SLURM_JOB_ID"));
    if (s.runId.isEmpty())
        return failWith(CliText::tr("a shard needs --run-id, the name all shards of the run share (Slurm gives one: "
                                    "SLURM_JOB_ID)"));
    return s;
}

/// What the shards of one run must share. With \a embeddedTarget each shard measures an
/// embedded endpoint of its own, on a port of its own: the address is left out.
QString fingerprintOf(QJsonObject settings, bool embeddedTarget)
{
    if (embeddedTarget) {
        QJsonObject endpoint = settings.value(QStringLiteral("endpoint")).toObject();
        endpoint.remove(QStringLiteral("url"));
        settings.insert(QStringLiteral("endpoint"), endpoint);
    }
    return ShardInfo::fingerprint(settings);
}

} // namespace

std::optional<CliShard::Setup> CliShard::setup(const QCommandLineParser &parser, LoadConfig &config,
                                               bool embeddedTarget, bool *ok)
{
    std::optional<Setup> s = readShard(parser, ok);
    if (!s)
        return std::nullopt;
    s->whole = config;
    if (!s->spec.isSharded())
        return s;
    s->fingerprint = fingerprintOf(RunSettings::fromConfig(config).toJson(), embeddedTarget);
    QString error;
    const std::optional<LoadConfig> part = ShardPlan::apply(config, s->spec, &error);
    if (!part) {
        CliCommon::printError(error);
        *ok = false;
        return std::nullopt;
    }
    config = *part;
    return s;
}

std::optional<CliShard::Setup> CliShard::setupSweep(const QCommandLineParser &parser, const RunSettings &whole,
                                                    bool embeddedTarget, bool *ok)
{
    std::optional<Setup> s = readShard(parser, ok);
    if (s && s->spec.isSharded())
        s->fingerprint = fingerprintOf(whole.toJson(), embeddedTarget);
    return s;
}

QCoro::Task<> CliShard::waitForStart(QDateTime startAt)
{
    if (!startAt.isValid())
        co_return;
    const qint64 target = startAt.toMSecsSinceEpoch() * 1'000'000;
    const qint64 late = WallClock::nowNs() - target;
    if (late > 1'000'000'000) {
        CliCommon::err() << CliText::tr("tokenscope-cli: warning: --start-at %1 was %2 s ago: starting now")
                                .arg(startAt.toUTC().toString(Qt::ISODate),
                                     QLocale().toString(double(late) / 1e9, 'f', 1))
                         << Qt::endl;
        co_return;
    }
    QTimer timer;
    timer.setSingleShot(true);
    timer.setTimerType(Qt::PreciseTimer);
    for (;;) {
        const qint64 left = target - WallClock::nowNs();
        if (left <= 0)
            break;
        timer.start(int(std::min<qint64>((left + 999'999) / 1'000'000, 60'000)));
        co_await qCoro(&timer).waitForTimeout();
    }
}

ShardInfo CliShard::info(const Setup &setup, int plannedRequests, qint64 monotonicNs, qint64 wallNs)
{
    ShardInfo i;
    i.index = setup.spec.index;
    i.count = setup.spec.count;
    i.source = setup.spec.source;
    i.runId = setup.runId;
    i.host = QHostInfo::localHostName();
    i.settingsFingerprint = setup.fingerprint;
    i.plannedRequests = plannedRequests;
    i.monotonicAnchorNs = monotonicNs;
    i.wallAnchorNs = wallNs;
    i.startedWallNs = wallNs;
    i.startAt = setup.startAt;
    const WallClock::SyncState sync = WallClock::syncState();
    i.clockSynchronized = sync.synchronized;
    i.clockMaxErrorMs = sync.maxErrorMs;
    return i;
}
