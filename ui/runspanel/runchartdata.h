#pragma once

#include "models/endpointrun.h"

#include "charts/seriesdata.h"

/*!
 * \brief Turns the runs of several endpoints into chart series, one per endpoint in its
 * colour. Warm-ups and failed requests are left out, as they are from the statistics.
 */
namespace RunChartData {
/// Time to first token per request; ids are request indexes (for picking a point).
QList<SeriesData> ttft(const QList<EndpointRun> &runs);
/// End-to-end latency per request.
QList<SeriesData> e2e(const QList<EndpointRun> &runs);
/// Every inter-token latency of every request.
QList<SeriesData> itl(const QList<EndpointRun> &runs);
/*!
 * Output tokens per second in buckets of chunk arrival times (see bucketSeconds()); x is the
 * bucket's start in seconds since the first request of any endpoint, so the lines share a
 * time axis.
 */
QList<SeriesData> throughput(const QList<EndpointRun> &runs);
/// One second for runs of 10 s or more; shorter runs get finer buckets (at most 40 of them).
double bucketSeconds(double spanSeconds);
} // namespace RunChartData
