#include "shardinfo.h"

#include <QCoreApplication>
#include <QCryptographicHash>
#include <QJsonDocument>

#include <cmath>

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("ShardInfo", text);
}

// Nanosecond times do not fit a JSON number's 53 bits: they are strings.
QJsonValue ns(qint64 value)
{
    return value >= 0 ? QJsonValue(QString::number(value)) : QJsonValue();
}

qint64 nsOf(const QJsonValue &value)
{
    bool ok = false;
    const qint64 v = value.toString().toLongLong(&ok);
    return ok ? v : -1;
}

} // namespace

QJsonObject ShardInfo::toJson() const
{
    QJsonObject o {
        { QStringLiteral("index"), index },
        { QStringLiteral("count"), count },
        { QStringLiteral("source"), source },
        { QStringLiteral("run_id"), runId },
        { QStringLiteral("host"), host },
        { QStringLiteral("settings_fingerprint"), settingsFingerprint },
        { QStringLiteral("planned_requests"), plannedRequests },
        { QStringLiteral("monotonic_anchor_ns"), ns(monotonicAnchorNs) },
        { QStringLiteral("wall_anchor_ns"), ns(wallAnchorNs) },
        { QStringLiteral("started_wall_ns"), ns(startedWallNs) },
        { QStringLiteral("origin_wall_ns"), ns(originWallNs) },
        { QStringLiteral("start_at"), startAt.isValid() ? QJsonValue(startAt.toUTC().toString(Qt::ISODateWithMs))
                                                        : QJsonValue() },
        { QStringLiteral("clock_synchronized"), clockSynchronized ? QJsonValue(*clockSynchronized) : QJsonValue() },
        { QStringLiteral("clock_max_error_ms"), clockMaxErrorMs ? QJsonValue(*clockMaxErrorMs) : QJsonValue() },
    };
    return o;
}

std::optional<ShardInfo> ShardInfo::fromJson(const QJsonObject &o, QString *error)
{
    ShardInfo s;
    s.index = o.value(QLatin1String("index")).toInt(-1);
    s.count = o.value(QLatin1String("count")).toInt(0);
    if (s.count < 1 || s.index < 0 || s.index >= s.count) {
        if (error)
            *error = tr("its \"shard\" object has no valid index and count");
        return std::nullopt;
    }
    s.source = o.value(QLatin1String("source")).toString().left(100);
    s.runId = o.value(QLatin1String("run_id")).toString().left(200);
    s.host = o.value(QLatin1String("host")).toString().left(255);
    s.settingsFingerprint = o.value(QLatin1String("settings_fingerprint")).toString().left(128);
    s.plannedRequests = std::max(0, o.value(QLatin1String("planned_requests")).toInt());
    s.monotonicAnchorNs = nsOf(o.value(QLatin1String("monotonic_anchor_ns")));
    s.wallAnchorNs = nsOf(o.value(QLatin1String("wall_anchor_ns")));
    s.startedWallNs = nsOf(o.value(QLatin1String("started_wall_ns")));
    s.originWallNs = nsOf(o.value(QLatin1String("origin_wall_ns")));
    s.startAt = QDateTime::fromString(o.value(QLatin1String("start_at")).toString(), Qt::ISODateWithMs);
    if (o.value(QLatin1String("clock_synchronized")).isBool())
        s.clockSynchronized = o.value(QLatin1String("clock_synchronized")).toBool();
    if (const QJsonValue e = o.value(QLatin1String("clock_max_error_ms")); e.isDouble() && std::isfinite(e.toDouble()))
        s.clockMaxErrorMs = e.toDouble();
    return s;
}

QString ShardInfo::fingerprint(const QJsonObject &settings)
{
    return QString::fromLatin1(
        QCryptographicHash::hash(QJsonDocument(settings).toJson(QJsonDocument::Compact), QCryptographicHash::Sha256)
            .toHex());
}
