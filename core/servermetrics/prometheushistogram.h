#pragma once

#include "prometheusparser.h"

#include <QList>

#include <optional>
#include <utility>

namespace Prometheus {

/// \brief One cumulative bucket: how many observations were at most upperBound.
struct HistogramBucket
{
    double upperBound = 0;
    double cumulativeCount = 0;

    bool operator==(const HistogramBucket &) const = default;
};

/*!
 * \brief A classic Prometheus histogram, its buckets summed over the label sets of a family.
 *
 * Quantiles are estimated the way Prometheus' histogram_quantile() estimates them, and this is
 * the one place that definition lives (Statistics::percentile is for exact samples; a server's
 * histogram only has bucket counts):
 * - buckets are cumulative and sorted by upper bound; counts that go down are raised to the
 *   previous count first (floating-point noise, or scrapes of series taken at different times);
 * - the rank is q × the count of the +Inf bucket; the estimate lies in the first bucket whose
 *   count reaches the rank, interpolated linearly between that bucket's lower bound (the previous
 *   upper bound, or 0 for the first bucket when its upper bound is positive) and its upper bound;
 * - a rank that lands in the +Inf bucket returns the largest finite upper bound;
 * - a first bucket with an upper bound ≤ 0 returns that bound;
 * - no +Inf bucket, fewer than two buckets, no observations or q outside [0, 1] give no estimate.
 * Unlike Prometheus, q = 0 is placed at the lower bound of the first populated bucket rather
 * than dividing by an empty bucket, and an estimate never leaves its bucket through rounding
 * (so estimates never decrease as q grows).
 */
struct Histogram
{
    QList<HistogramBucket> buckets; ///< ascending by upper bound; complete when the last is +Inf
    double sum = 0; ///< of all observations (x_sum)
    double count = 0; ///< observations (x_count, else the +Inf bucket)

    bool operator==(const Histogram &) const = default;

    bool isEmpty() const { return count <= 0; }
    /// The +Inf bucket is there, so quantile() can answer.
    bool isComplete() const;

    /*!
     * The histogram of \a family (of type histogram), its series summed over every label set
     * that holds all of \a filter (every series when \a filter is empty). nullopt when the
     * family is no histogram or no bucket matches.
     */
    static std::optional<Histogram> fromFamily(const MetricFamily &family, const Labels &filter = {});

    /*!
     * The observations made after \a earlier, a scrape of the same histogram: bucket by bucket,
     * this minus \a earlier. When the counts went down (the server restarted) or the bucket
     * layout changed, everything in this histogram is new, and it is returned as is.
     */
    Histogram since(const Histogram &earlier) const;
    /// Whether since(\a earlier) found a reset (see since()).
    bool isResetSince(const Histogram &earlier) const;
    /// This plus \a other, bucket by bucket; \a other as is when this is empty, nullopt when the
    /// layouts differ.
    std::optional<Histogram> plus(const Histogram &other) const;

    /// The q-quantile (0 ≤ q ≤ 1) as defined above, in the unit of the bounds.
    std::optional<double> quantile(double q) const;
    /*!
     * The bucket quantile(\a q) was estimated in, as [lower, upper]: the true quantile lies
     * somewhere in it, and a wide bucket makes the estimate coarse. upper is +Inf when the rank
     * lands in the +Inf bucket (quantile() then says the largest finite bound). nullopt exactly
     * when quantile() gives no estimate.
     */
    std::optional<std::pair<double, double>> quantileBucket(double q) const;
    /// sum / count; nullopt without observations.
    std::optional<double> mean() const;
};

} // namespace Prometheus
