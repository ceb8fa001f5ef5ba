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

namespace Statistics {
/// The p-th percentile (0..100) of \a sorted (ascending), as defined above. nullopt if empty.
std::optional<double> percentile(const QList<double> &sorted, double p);
} // namespace Statistics
