#include "clientoverhead.h"

#include <QCoreApplication>
#include <QLocale>

#include <algorithm>
#include <cmath>

namespace {
QString tr(const char *text)
{
    return QCoreApplication::translate("ClientOverhead", text);
}

double number(const QJsonObject &o, const char *key, double fallback = 0)
{
    const QJsonValue v = o.value(QLatin1String(key));
    return v.isDouble() && std::isfinite(v.toDouble()) ? v.toDouble() : fallback;
}
} // namespace

double ClientOverhead::cpuShare() const
{
    const double available = wallSeconds * std::max(1, ioThreads);
    return available > 0 ? cpuSeconds / available : 0.0;
}

QString ClientOverhead::warning() const
{
    if (!includesClientDelay())
        return {};
    QStringList why;
    if (lagging())
        why.append(tr("its event loop answered %1 ms late at p99 (more than %2 ms)")
                       .arg(QLocale().toString(lagMs.p99, 'f', 2), QLocale().toString(LagLimitMs)));
    if (cpuBound())
        why.append(tr("it used %1% of its I/O threads' time (more than %2%)")
                       .arg(QLocale().toString(100.0 * cpuShare(), 'f', 0), QLocale().toString(100.0 * CpuShareLimit)));
    return tr("These figures include client delay: %1. Run fewer streams per client, or more clients.")
        .arg(why.join(tr("; ")));
}

QJsonObject ClientOverhead::toJson() const
{
    return QJsonObject {
        { QStringLiteral("lag_ms"),
          QJsonObject { { QStringLiteral("count"), lagMs.count },
                        { QStringLiteral("p50"), lagMs.p50 },
                        { QStringLiteral("p99"), lagMs.p99 },
                        { QStringLiteral("max"), lagMs.max },
                        { QStringLiteral("mean"), lagMs.mean } } },
        { QStringLiteral("cpu_seconds"), cpuSeconds },
        { QStringLiteral("wall_seconds"), wallSeconds },
        { QStringLiteral("io_threads"), ioThreads },
    };
}

std::optional<ClientOverhead> ClientOverhead::fromJson(const QJsonObject &json)
{
    const QJsonObject lag = json.value(QLatin1String("lag_ms")).toObject();
    if (lag.isEmpty() || !json.value(QLatin1String("wall_seconds")).isDouble())
        return std::nullopt;
    ClientOverhead o;
    o.lagMs.count = std::max(0, int(number(lag, "count")));
    o.lagMs.p50 = number(lag, "p50");
    o.lagMs.p99 = number(lag, "p99");
    o.lagMs.max = number(lag, "max");
    o.lagMs.mean = number(lag, "mean");
    o.lagMs.min = 0;
    o.cpuSeconds = std::max(0.0, number(json, "cpu_seconds"));
    o.wallSeconds = std::max(0.0, number(json, "wall_seconds"));
    o.ioThreads = std::clamp(int(number(json, "io_threads", 1)), 1, 1024);
    return o;
}
