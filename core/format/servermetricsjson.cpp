#include "servermetricsjson.h"

#include "csv.h"

#include <QJsonArray>

#include <cmath>
#include <limits>

namespace {

const QString Server = QStringLiteral("server");
const QString Url = QStringLiteral("url");
const QString IntervalMs = QStringLiteral("interval_ms");
const QString Scrapes = QStringLiteral("scrapes");
const QString Failures = QStringLiteral("failures");
const QString LastError = QStringLiteral("last_error");
const QString Series = QStringLiteral("series");
const QString Summary = QStringLiteral("summary");
const QString TMs = QStringLiteral("t_ms");
const QString Value = QStringLiteral("value");
const QString Max = QStringLiteral("max");
const QString Mean = QStringLiteral("mean");
const QString Points = QStringLiteral("points");
const QString Total = QStringLiteral("total");
const QString Count = QStringLiteral("count");
const QString P50 = QStringLiteral("p50");
const QString P90 = QStringLiteral("p90");
const QString P99 = QStringLiteral("p99");
const QString P50Bucket = QStringLiteral("p50_bucket");
const QString P99Bucket = QStringLiteral("p99_bucket");
const QString ServerTtft = QStringLiteral("server_ttft_ms");
const QString ServerItl = QStringLiteral("server_itl_ms");
const QString ServerE2e = QStringLiteral("server_e2e_ms");
const QString Unmapped = QStringLiteral("unmapped");
const QString RunningMean = QStringLiteral("server_running_mean");
const QString WaitingMax = QStringLiteral("server_waiting_max");
const QString KvCacheMax = QStringLiteral("server_kv_cache_max");
const QString TtftP99 = QStringLiteral("server_ttft_p99_ms");

// A series or family name as a key: a damaged file's megabyte-long "name" is not one.
constexpr qsizetype MaxNameChars = 512;

// JSON has no NaN or infinity: they are written as null.
QJsonValue number(double v)
{
    return std::isfinite(v) ? QJsonValue(v) : QJsonValue(QJsonValue::Null);
}

QJsonValue number(const std::optional<double> &v)
{
    return v ? number(*v) : QJsonValue(QJsonValue::Null);
}

std::optional<double> finite(const QJsonValue &v)
{
    if (!v.isDouble() || !std::isfinite(v.toDouble()))
        return std::nullopt;
    return v.toDouble();
}

int count(const QJsonValue &v)
{
    const std::optional<double> d = finite(v);
    return d && *d >= 0 && *d <= 2e9 ? int(*d) : 0;
}

QJsonObject summaryJson(const ServerSeriesSummary &s)
{
    QJsonObject o { { Max, number(s.max) }, { Mean, number(s.mean) }, { Points, s.points } };
    if (s.total)
        o.insert(Total, number(*s.total));
    return o;
}

ServerSeriesSummary summaryFromJson(const QJsonObject &o)
{
    ServerSeriesSummary s;
    s.max = finite(o.value(Max)).value_or(std::nan(""));
    s.mean = finite(o.value(Mean)).value_or(std::nan(""));
    s.points = count(o.value(Points));
    s.total = finite(o.value(Total));
    return s;
}

QString text(double v)
{
    return QString::number(v, 'g', 12);
}

} // namespace

QString ServerMetricsJson::key()
{
    return QStringLiteral("server_metrics");
}

namespace {

// A percentile's bucket as [lower, upper]; upper is null past the last finite bound (+Inf).
QJsonValue bucketJson(const std::optional<std::pair<double, double>> &b)
{
    if (!b)
        return QJsonValue(QJsonValue::Null);
    return QJsonArray { number(b->first), number(b->second) };
}

std::optional<std::pair<double, double>> bucketFromJson(const QJsonValue &v)
{
    const QJsonArray a = v.toArray();
    if (a.size() != 2)
        return std::nullopt;
    const std::optional<double> lower = finite(a.at(0));
    if (!lower)
        return std::nullopt;
    if (a.at(1).isNull())
        return std::pair { *lower, std::numeric_limits<double>::infinity() };
    const std::optional<double> upper = finite(a.at(1));
    if (!upper || *upper < *lower)
        return std::nullopt;
    return std::pair { *lower, *upper };
}

} // namespace

QJsonObject ServerMetricsJson::histogramJson(const ServerHistogramSummary &h)
{
    QJsonObject o { { Count, number(h.count) },
                    { Mean, number(h.meanMs) },
                    { P50, number(h.p50Ms) },
                    { P90, number(h.p90Ms) },
                    { P99, number(h.p99Ms) } };
    if (h.p50BucketMs)
        o.insert(P50Bucket, bucketJson(h.p50BucketMs));
    if (h.p99BucketMs)
        o.insert(P99Bucket, bucketJson(h.p99BucketMs));
    return o;
}

std::optional<ServerHistogramSummary> ServerMetricsJson::histogramFromJson(const QJsonValue &value)
{
    if (!value.isObject())
        return std::nullopt;
    const QJsonObject o = value.toObject();
    ServerHistogramSummary h;
    h.count = finite(o.value(Count)).value_or(0);
    h.meanMs = finite(o.value(Mean));
    h.p50Ms = finite(o.value(P50));
    h.p90Ms = finite(o.value(P90));
    h.p99Ms = finite(o.value(P99));
    h.p50BucketMs = bucketFromJson(o.value(P50Bucket));
    h.p99BucketMs = bucketFromJson(o.value(P99Bucket));
    return h;
}

QJsonObject ServerMetricsJson::toJson(const ServerMetricsRecord &record)
{
    QJsonObject series;
    for (auto it = record.series.cbegin(); it != record.series.cend(); ++it) {
        QJsonArray points;
        for (const ServerMetricsPoint &p : it.value()) {
            if (std::isfinite(p.tMs) && std::isfinite(p.value))
                points.append(QJsonObject { { TMs, p.tMs }, { Value, p.value } });
        }
        series.insert(it.key(), points);
    }
    QJsonObject summary;
    for (auto it = record.summary.cbegin(); it != record.summary.cend(); ++it)
        summary.insert(it.key(), summaryJson(it.value()));

    QJsonObject o {
        { Server, record.server },
        { Url, record.url },
        { IntervalMs, number(record.intervalMs) },
        { Scrapes, record.scrapes },
        { Failures, record.failures },
        { Series, series },
        { Summary, summary },
        { Unmapped, QJsonArray::fromStringList(record.unmapped) },
    };
    if (!record.lastError.isEmpty())
        o.insert(LastError, record.lastError);
    if (record.serverTtft)
        o.insert(ServerTtft, histogramJson(*record.serverTtft));
    if (record.serverItl)
        o.insert(ServerItl, histogramJson(*record.serverItl));
    if (record.serverE2e)
        o.insert(ServerE2e, histogramJson(*record.serverE2e));
    return o;
}

std::optional<ServerMetricsRecord> ServerMetricsJson::fromJson(const QJsonValue &value)
{
    if (!value.isObject())
        return std::nullopt;
    const QJsonObject o = value.toObject();
    ServerMetricsRecord r;
    r.server = o.value(Server).toString().left(MaxNameChars);
    r.url = o.value(Url).toString();
    r.intervalMs = finite(o.value(IntervalMs)).value_or(r.intervalMs);
    r.scrapes = count(o.value(Scrapes));
    r.failures = count(o.value(Failures));
    r.lastError = o.value(LastError).toString();

    const QJsonObject series = o.value(Series).toObject();
    for (auto it = series.constBegin(); it != series.constEnd(); ++it) {
        if (it.key().isEmpty() || it.key().size() > MaxNameChars || !it.value().isArray())
            continue;
        QList<ServerMetricsPoint> points;
        const QJsonArray array = it.value().toArray();
        points.reserve(array.size());
        for (const QJsonValue &p : array) {
            const QJsonObject point = p.toObject();
            const std::optional<double> t = finite(point.value(TMs));
            const std::optional<double> v = finite(point.value(Value));
            if (t && v)
                points.append(ServerMetricsPoint { *t, *v });
        }
        r.series.insert(it.key(), std::move(points));
    }
    const QJsonObject summary = o.value(Summary).toObject();
    for (auto it = summary.constBegin(); it != summary.constEnd(); ++it) {
        if (it.key().isEmpty() || it.key().size() > MaxNameChars || !it.value().isObject())
            continue;
        r.summary.insert(it.key(), summaryFromJson(it.value().toObject()));
    }
    r.serverTtft = histogramFromJson(o.value(ServerTtft));
    r.serverItl = histogramFromJson(o.value(ServerItl));
    r.serverE2e = histogramFromJson(o.value(ServerE2e));
    const QJsonArray unmapped = o.value(Unmapped).toArray();
    for (const QJsonValue &name : unmapped) {
        if (r.unmapped.size() >= ServerMetricsTimeline::MaxOtherSeries)
            break;
        if (name.isString() && !name.toString().isEmpty() && name.toString().size() <= MaxNameChars)
            r.unmapped.append(name.toString());
    }
    return r;
}

QJsonObject ServerMetricsJson::windowJson(const ServerWindowSummary &s)
{
    QJsonObject o;
    const auto put = [&o](const QString &key, const std::optional<double> &v) {
        if (v && std::isfinite(*v))
            o.insert(key, *v);
    };
    put(RunningMean, s.runningMean);
    put(WaitingMax, s.waitingMax);
    put(KvCacheMax, s.kvCacheMax);
    put(TtftP99, s.ttftP99Ms);
    return o;
}

ServerWindowSummary ServerMetricsJson::windowFromJson(const QJsonObject &level)
{
    ServerWindowSummary s;
    s.runningMean = finite(level.value(RunningMean));
    s.waitingMax = finite(level.value(WaitingMax));
    s.kvCacheMax = finite(level.value(KvCacheMax));
    s.ttftP99Ms = finite(level.value(TtftP99));
    return s;
}

QByteArray ServerMetricsJson::serverMetricsCsv(const ServerMetricsRecord &record)
{
    QString out = QStringLiteral("series,t_ms,value\n");
    for (auto it = record.series.cbegin(); it != record.series.cend(); ++it) {
        const QString name = Csv::field(it.key());
        for (const ServerMetricsPoint &p : it.value())
            out += name + u',' + QString::number(p.tMs, 'f', 3) + u',' + text(p.value) + u'\n';
    }
    return out.toUtf8();
}
