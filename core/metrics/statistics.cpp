#include "statistics.h"

#include <algorithm>
#include <cmath>

namespace {

// Two-sided 95% Student's t quantiles for 1..30 degrees of freedom.
constexpr double TTable[] = { 12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228,
                              2.201,  2.179, 2.160, 2.145, 2.131, 2.120, 2.110, 2.101, 2.093, 2.086,
                              2.080,  2.074, 2.069, 2.064, 2.060, 2.056, 2.052, 2.048, 2.045, 2.042 };

} // namespace

std::optional<double> Statistics::percentile(const QList<double> &sorted, double p)
{
    if (sorted.isEmpty())
        return std::nullopt;
    const double h = (double(sorted.size()) - 1.0) * std::clamp(p, 0.0, 100.0) / 100.0;
    const auto lo = qsizetype(std::floor(h));
    const auto hi = std::min<qsizetype>(lo + 1, sorted.size() - 1);
    return sorted.at(lo) + (h - double(lo)) * (sorted.at(hi) - sorted.at(lo));
}

std::optional<double> Statistics::percentileOfUnsorted(QList<double> values, double p)
{
    std::sort(values.begin(), values.end());
    return percentile(values, p);
}

double Statistics::mean(const QList<double> &values)
{
    if (values.isEmpty())
        return 0;
    double sum = 0;
    for (double v : values)
        sum += v;
    return sum / double(values.size());
}

double Statistics::sampleStddev(const QList<double> &values, double mean)
{
    if (values.size() < 2)
        return 0;
    double squares = 0;
    for (double v : values)
        squares += (v - mean) * (v - mean);
    return std::sqrt(squares / double(values.size() - 1));
}

double Statistics::tQuantile95(int df)
{
    if (df <= 0)
        return 0;
    if (df <= 30)
        return TTable[df - 1];
    return 1.96 + 2.4 / df; // within 0.005 of the exact value above 30
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
    d.mean = Statistics::mean(values);
    d.stddev = Statistics::sampleStddev(values, d.mean);
    d.p50 = *Statistics::percentile(values, 50);
    d.p90 = *Statistics::percentile(values, 90);
    d.p95 = *Statistics::percentile(values, 95);
    d.p99 = *Statistics::percentile(values, 99);
    return d;
}

MeanCi MeanCi::of(const QList<double> &values)
{
    MeanCi m;
    m.n = int(values.size());
    if (m.n == 0)
        return m;
    m.mean = Statistics::mean(values);
    m.low = m.high = m.mean;
    if (m.n < 2)
        return m;
    const double half = Statistics::tQuantile95(m.n - 1) * Statistics::sampleStddev(values, m.mean)
        / std::sqrt(double(m.n));
    m.low = m.mean - half;
    m.high = m.mean + half;
    return m;
}
