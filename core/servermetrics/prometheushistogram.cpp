#include "prometheushistogram.h"

#include <QMap>

#include <algorithm>
#include <cmath>

namespace Prometheus {

namespace {

bool holds(const Labels &labels, const Labels &filter)
{
    for (auto it = filter.cbegin(); it != filter.cend(); ++it) {
        const auto found = labels.constFind(it.key());
        if (found == labels.cend() || *found != it.value())
            return false;
    }
    return true;
}

} // namespace

bool Histogram::isComplete() const
{
    return !buckets.isEmpty() && std::isinf(buckets.back().upperBound) && buckets.back().upperBound > 0;
}

std::optional<Histogram> Histogram::fromFamily(const MetricFamily &family, const Labels &filter)
{
    if (family.type != MetricType::Histogram)
        return std::nullopt;
    const QString bucketName = family.name + QLatin1String("_bucket");
    const QString sumName = family.name + QLatin1String("_sum");
    const QString countName = family.name + QLatin1String("_count");
    const QString le = QStringLiteral("le");

    // Series of different label sets (engines, models) add up bucket by bucket.
    QMap<double, double> byBound;
    Histogram h;
    bool sawCount = false;
    for (const Sample &s : family.samples) {
        if (!std::isfinite(s.value) || !holds(s.labels, filter))
            continue;
        if (s.name == bucketName) {
            const std::optional<double> bound = parseValue(s.labels.value(le).toUtf8());
            if (bound && !std::isnan(*bound))
                byBound[*bound] += s.value;
        } else if (s.name == sumName) {
            h.sum += s.value;
        } else if (s.name == countName) {
            h.count += s.value;
            sawCount = true;
        }
    }
    if (byBound.isEmpty())
        return std::nullopt;
    h.buckets.reserve(byBound.size());
    for (auto it = byBound.cbegin(); it != byBound.cend(); ++it)
        h.buckets.append(HistogramBucket { it.key(), it.value() });
    if (!sawCount)
        h.count = h.buckets.back().cumulativeCount;
    return h;
}

bool Histogram::isResetSince(const Histogram &earlier) const
{
    if (count < earlier.count || buckets.size() != earlier.buckets.size())
        return true;
    for (qsizetype i = 0; i < buckets.size(); ++i) {
        if (buckets[i].upperBound != earlier.buckets[i].upperBound
            || buckets[i].cumulativeCount < earlier.buckets[i].cumulativeCount)
            return true;
    }
    return false;
}

Histogram Histogram::since(const Histogram &earlier) const
{
    if (isResetSince(earlier))
        return *this;
    Histogram d;
    d.sum = sum - earlier.sum;
    d.count = count - earlier.count;
    d.buckets.reserve(buckets.size());
    for (qsizetype i = 0; i < buckets.size(); ++i)
        d.buckets.append(HistogramBucket { buckets[i].upperBound,
                                           buckets[i].cumulativeCount - earlier.buckets[i].cumulativeCount });
    return d;
}

std::optional<Histogram> Histogram::plus(const Histogram &other) const
{
    if (buckets.isEmpty())
        return other;
    if (other.buckets.isEmpty())
        return *this;
    if (buckets.size() != other.buckets.size())
        return std::nullopt;
    Histogram s;
    s.sum = sum + other.sum;
    s.count = count + other.count;
    s.buckets.reserve(buckets.size());
    for (qsizetype i = 0; i < buckets.size(); ++i) {
        if (buckets[i].upperBound != other.buckets[i].upperBound)
            return std::nullopt;
        s.buckets.append(HistogramBucket { buckets[i].upperBound,
                                           buckets[i].cumulativeCount + other.buckets[i].cumulativeCount });
    }
    return s;
}

namespace {

/// Where quantile(q) of \a h lies: the bucket's index and the rank within the cumulative counts.
struct QuantilePlace
{
    qsizetype bucket = 0;
    double rank = 0;
    QList<double> counts; ///< cumulative, made non-decreasing
};

std::optional<QuantilePlace> placeQuantile(const Histogram &h, double q)
{
    if (!(q >= 0 && q <= 1) || h.buckets.size() < 2 || !h.isComplete())
        return std::nullopt;
    QuantilePlace place;
    place.counts.reserve(h.buckets.size());
    double previous = 0;
    for (const HistogramBucket &b : h.buckets) {
        // A count below the previous one is noise; NaN is no information.
        const double c = b.cumulativeCount > previous ? b.cumulativeCount : previous;
        place.counts.append(c);
        previous = c;
    }
    const double observations = place.counts.back();
    if (!(observations > 0) || std::isinf(observations))
        return std::nullopt;
    place.rank = q * observations;
    // The first bucket that reaches the rank and holds something (counts only grow, so a
    // linear walk over the few buckets of a latency histogram is the search).
    const qsizetype n = h.buckets.size();
    while (place.bucket < n - 1 && !(place.counts[place.bucket] >= place.rank && place.counts[place.bucket] > 0))
        ++place.bucket;
    return place;
}

} // namespace

std::optional<double> Histogram::quantile(double q) const
{
    const std::optional<QuantilePlace> place = placeQuantile(*this, q);
    if (!place)
        return std::nullopt;
    const qsizetype n = buckets.size();
    const qsizetype b = place->bucket;
    const QList<double> &counts = place->counts;
    if (b == n - 1)
        return buckets[n - 2].upperBound;
    if (b == 0 && buckets[0].upperBound <= 0)
        return buckets[0].upperBound;
    const double start = b == 0 ? 0.0 : buckets[b - 1].upperBound;
    const double end = buckets[b].upperBound;
    const double below = b == 0 ? 0.0 : counts[b - 1];
    const double inBucket = counts[b] - below;
    if (!(inBucket > 0))
        return end;
    const double fraction = (place->rank - below) / inBucket; // in [0, 1]: the bucket reaches the rank
    const double width = end - start;
    if (!std::isfinite(width)) // from -Inf, or bounds too far apart to subtract
        return fraction > 0 ? end : start;
    // Clamped: rounding must not carry an estimate past its bucket (estimates grow with q).
    return std::clamp(start + width * fraction, start, end);
}

std::optional<std::pair<double, double>> Histogram::quantileBucket(double q) const
{
    const std::optional<QuantilePlace> place = placeQuantile(*this, q);
    if (!place)
        return std::nullopt;
    const qsizetype b = place->bucket;
    if (b == 0 && buckets[0].upperBound <= 0)
        return std::pair { buckets[0].upperBound, buckets[0].upperBound };
    const double lower = b == 0 ? 0.0 : buckets[b - 1].upperBound;
    return std::pair { lower, buckets[b].upperBound };
}

std::optional<double> Histogram::mean() const
{
    if (!(count > 0))
        return std::nullopt;
    return sum / count;
}

} // namespace Prometheus
