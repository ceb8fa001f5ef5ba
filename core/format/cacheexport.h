#pragma once

#include "cache/cachesimulator.h"
#include "cache/referencescenario.h"

#include <QByteArray>
#include <QJsonObject>

#include <optional>

/*!
 * \brief A cache simulation's report as JSON and CSV (tokenscope-cli cache-sim --json/--csv),
 * and the reader of that JSON.
 *
 * The JSON holds the settings, the counts (with the entries held at the end as stats.size and
 * the hits of both layers as stats.hits, the typical words), the savings, the curve and sweeps,
 * and per query what a user reads (result, score, match, latency, lookup time); derived shares
 * (hit rate, savings) are written for readers and recomputed from the counts when read. A replay
 * of the typical scenario adds a "reference" block: each query's claimed outcome beside the
 * cache's, and the rephrased pair's similarity.
 */
namespace CacheExport {

/// \brief What a cache report document holds, typed: the report and the typical scenario's comparison.
struct ReportDocument
{
    CacheReport report; ///< stats.size is report.cacheSize; stats.hits is report.stats.hits()
    /// The "reference" block. Its settings, agreement and statistics are not stored: they are the
    /// scenario's constants or follow from the queries and the report, and are written from them.
    std::optional<ReferenceComparison> reference;
};

/// The report; with \a reference (a replay of the typical scenario), its "reference" block too.
QJsonObject reportJson(const CacheReport &report,
                       const std::optional<ReferenceComparison> &reference = std::nullopt);
QJsonObject reportJson(const ReportDocument &document);
/// What reportJson wrote; nullopt with \a error when \a json is not a cache report, or when
/// its stats.hits is not its exact plus semantic hits.
std::optional<ReportDocument> readReport(const QJsonObject &json, QString *error = nullptr);
/// One row per query.
QByteArray outcomesCsv(const CacheReport &report);
/// One row per threshold.
QByteArray curveCsv(const CacheReport &report);
} // namespace CacheExport
