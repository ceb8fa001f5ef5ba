#include "statistics.h"

#include <algorithm>
#include <cmath>

std::optional<double> Statistics::percentile(const QList<double> &sorted, double p)
{
    if (sorted.isEmpty())
        return std::nullopt;
    const double h = (double(sorted.size()) - 1.0) * std::clamp(p, 0.0, 100.0) / 100.0;
    const auto lo = qsizetype(std::floor(h));
    const auto hi = std::min<qsizetype>(lo + 1, sorted.size() - 1);
    return sorted.at(lo) + (h - double(lo)) * (sorted.at(hi) - sorted.at(lo));
}

Distribution Distribution::of(QList<double> values)
{
    Distribution d;
    if (values.isEmpty())
        return d;
    std::sort(values.begin(), values.end());
    d.count = int(values.size());
    d.min = values.constFirst();
    d.max = values.constLast();
    double sum = 0;
    for (double v : std::as_const(values))
        sum += v;
    d.mean = sum / double(d.count);
    if (d.count > 1) {
        double sq = 0;
        for (double v : std::as_const(values))
            sq += (v - d.mean) * (v - d.mean);
        d.stddev = std::sqrt(sq / double(d.count - 1));
    }
    d.p50 = *Statistics::percentile(values, 50);
    d.p90 = *Statistics::percentile(values, 90);
    d.p95 = *Statistics::percentile(values, 95);
    d.p99 = *Statistics::percentile(values, 99);
    return d;
}
