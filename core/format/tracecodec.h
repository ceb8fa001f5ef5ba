#pragma once

#include "metrics/runsummary.h"

#include <QJsonObject>

#include <optional>

/*!
 * \brief The lossless form of a finished request that the history database stores.
 *
 * Unlike the CLI's export (milliseconds relative to each request), this keeps every
 * timestamp as integer nanoseconds, so that a reopened run recomputes exactly the figures
 * it had live: metrics are a pure function of the trace (Metrics::compute).
 * Timestamps are stored relative to the trace's start; the start itself as a string,
 * because a monotonic nanosecond reading may not fit a JSON double exactly. Usage and server
 * timings are written as the run export writes them (RequestJson); records stored before the
 * two agreed keep their server timings under "timings", which decode() still reads.
 */
namespace TraceCodec {
inline constexpr int Version = 1;

QJsonObject encode(const RequestRecord &record);
/// The record back, with its metrics recomputed; nullopt with \a error when \a o is not one.
std::optional<RequestRecord> decode(const QJsonObject &o, QString *error = nullptr);

/// Most requests in flight at once, from the records' start and end times.
int peakConcurrency(const QList<RequestRecord> &records);
} // namespace TraceCodec
