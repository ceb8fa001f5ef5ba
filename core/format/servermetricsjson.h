#pragma once

#include "servermetrics/servermetricsrecord.h"

#include <QByteArray>
#include <QJsonObject>
#include <QJsonValue>

#include <optional>

/*!
 * \brief The server's metrics of a run as a document: the run JSON's top-level
 * "server_metrics" object, the per-level server figures of a sweep, and a long CSV.
 *
 * Layout of the object (times in ms from the run's start, the axis of the requests'
 * "start_offset_ms"; the scrape taken just before the first request may sit slightly below 0):
 * \code
 * { "server": "vllm", "url": "http://host:8000/metrics", "interval_ms": 250,
 *   "scrapes": 40, "failures": 0, "last_error": "…",            // last_error only after a failure
 *   "series":  { "running": [ { "t_ms": 12.5, "value": 8 }, … ], "waiting": [ … ], … },
 *   "summary": { "running": { "max": 8, "mean": 7.6, "points": 40 },
 *                "prompt_tokens_per_s": { "max": …, "mean": …, "points": …, "total": … }, … },
 *   "server_ttft_ms": { "count": 64, "mean": …, "p50": …, "p90": …, "p99": … },   // where exported
 *   "server_itl_ms": { … }, "server_e2e_ms": { … },
 *   "unmapped": [ "vllm:num_preemptions_total", … ] }
 * \endcode
 * A percentile the histogram cannot give is null. The reader is lenient: what is missing or
 * of the wrong type is left out, never an error, so a damaged object never costs the run.
 */
namespace ServerMetricsJson {
/// "server_metrics": the key of the object in a run (and a sweep) document.
QString key();

QJsonObject toJson(const ServerMetricsRecord &record);
/// What toJson wrote; nullopt when \a value is no object at all.
std::optional<ServerMetricsRecord> fromJson(const QJsonValue &value);

QJsonObject histogramJson(const ServerHistogramSummary &histogram);
std::optional<ServerHistogramSummary> histogramFromJson(const QJsonValue &value);

/*!
 * The server figures of one sweep level, to be merged into the level's object:
 * "server_running_mean", "server_waiting_max", "server_kv_cache_max" (0..1) and
 * "server_ttft_p99_ms"; a figure the window lacks is left out.
 */
QJsonObject windowJson(const ServerWindowSummary &summary);
/// Reads those fields back from a level object (scrapes is not written: 0).
ServerWindowSummary windowFromJson(const QJsonObject &level);

/// Every point of every series, long format: "series,t_ms,value", series in name order.
QByteArray serverMetricsCsv(const ServerMetricsRecord &record);
} // namespace ServerMetricsJson
