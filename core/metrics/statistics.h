#pragma once

#include <QList>

#include <optional>

/*!
 * \brief Descriptive statistics of one figure over many requests.
 *
 * Percentiles are defined once, here: linear interpolation between the two nearest ranks
 * of the sorted sample (the "type 7" definition that NumPy and most spreadsheets use):
 * p-th percentile = x[floor(h)] + (h - floor(h)) * (x[floor(h)+1] - x[floor(h)]),
 * with h = (n - 1) * p / 100 on 0-based sorted values.
 */
struct Distribution
{
    int count = 0;
    double mean = 0;
    double min = 0;
    double max = 0;
    double stddev = 0; ///< sample standard deviation (n - 1); 0 for one value
    double p50 = 0;
    double p90 = 0;
    double p95 = 0;
    double p99 = 0;

    bool isEmpty() const { return count == 0; }
    static Distribution of(QList<double> values);
};

/// \brief A mean with its 95% confidence interval (Student's t, n - 1 degrees of freedom).
struct MeanCi
{
    int n = 0;
    double mean = 0;
    double low = 0; ///< equal to mean when n < 2
    double high = 0;

    static MeanCi of(const QList<double> &values);
};

/// \brief The one implementation of each statistic every feature uses.
namespace Statistics {
/// The p-th percentile (0..100) of \a sorted (ascending), as defined above. nullopt if empty.
std::optional<double> percentile(const QList<double> &sorted, double p);
/// The same of \a values in any order.
std::optional<double> percentileOfUnsorted(QList<double> values, double p);
/// The arithmetic mean, summed in the order given; 0 for no values.
double mean(const QList<double> &values);
/// The sample standard deviation (n - 1) around \a mean; 0 for fewer than two values.
double sampleStddev(const QList<double> &values, double mean);
/// The two-sided 95% quantile of Student's t with \a df degrees of freedom (0 for df < 1).
double tQuantile95(int df);
} // namespace Statistics
