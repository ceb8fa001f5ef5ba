#include "runchartdata.h"

#include <limits>

namespace {

SeriesData seriesFor(const EndpointRun &run)
{
    SeriesData s;
    s.name = run.endpoint.name;
    s.color = QColor::fromString(run.endpoint.color);
    return s;
}

bool counts(const RequestRecord &r)
{
    return !r.warmup && r.metrics.ok;
}

} // namespace

QList<SeriesData> RunChartData::ttft(const QList<EndpointRun> &runs)
{
    QList<SeriesData> out;
    for (const EndpointRun &run : runs) {
        SeriesData s = seriesFor(run);
        for (const RequestRecord &r : run.records) {
            if (counts(r) && r.metrics.ttftMs) {
                s.values.append(*r.metrics.ttftMs);
                s.ids.append(r.index);
            }
        }
        out.append(s);
    }
    return out;
}

QList<SeriesData> RunChartData::e2e(const QList<EndpointRun> &runs)
{
    QList<SeriesData> out;
    for (const EndpointRun &run : runs) {
        SeriesData s = seriesFor(run);
        for (const RequestRecord &r : run.records) {
            if (counts(r)) {
                s.values.append(r.metrics.e2eMs);
                s.ids.append(r.index);
            }
        }
        out.append(s);
    }
    return out;
}

QList<SeriesData> RunChartData::itl(const QList<EndpointRun> &runs)
{
    QList<SeriesData> out;
    for (const EndpointRun &run : runs) {
        SeriesData s = seriesFor(run);
        for (const RequestRecord &r : run.records) {
            if (counts(r))
                s.values.append(r.metrics.itlMs);
        }
        out.append(s);
    }
    return out;
}

double RunChartData::bucketSeconds(double spanSeconds)
{
    if (spanSeconds >= 10)
        return 1.0;
    // A short run in one-second buckets would be a single point, which draws no line.
    for (double bucket : { 0.05, 0.1, 0.25, 0.5 }) {
        if (spanSeconds / bucket <= 40)
            return bucket;
    }
    return 1.0;
}

QList<SeriesData> RunChartData::throughput(const QList<EndpointRun> &runs)
{
    qint64 origin = std::numeric_limits<qint64>::max();
    qint64 last = std::numeric_limits<qint64>::min();
    for (const EndpointRun &run : runs) {
        for (const RequestRecord &r : run.records) {
            if (r.warmup)
                continue;
            if (r.trace.startNs >= 0)
                origin = std::min(origin, r.trace.startNs);
            if (!r.trace.chunks.isEmpty())
                last = std::max(last, r.trace.chunks.constLast().tNs);
        }
    }
    const double bucket = last > origin ? bucketSeconds(double(last - origin) / 1e9) : 1.0;
    const qint64 bucketNs = qint64(bucket * 1e9);

    QList<SeriesData> out;
    for (const EndpointRun &run : runs) {
        SeriesData s = seriesFor(run);
        QList<double> tokens;
        for (const RequestRecord &r : run.records) {
            if (r.warmup)
                continue;
            // Failed requests streamed tokens too; they were real load on the endpoint.
            const ChunkList &chunks = r.trace.chunks;
            for (qsizetype i = 0; i < chunks.size(); ++i) {
                const qint64 tNs = chunks.timeAt(i);
                if (tNs < origin)
                    continue;
                const qsizetype at = qsizetype((tNs - origin) / bucketNs);
                if (at >= tokens.size())
                    tokens.resize(at + 1, 0.0);
                tokens[at] += double(chunks.tokensAt(i));
            }
        }
        for (qsizetype i = 0; i < tokens.size(); ++i) {
            s.xs.append(double(i) * bucket);
            s.values.append(tokens.at(i) / bucket);
        }
        out.append(s);
    }
    return out;
}
