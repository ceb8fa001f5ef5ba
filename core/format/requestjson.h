#pragma once

#include "client/requesttrace.h"

#include <QJsonObject>

#include <optional>

/*!
 * \brief The parts of a request that both request formats write alike: the run export
 * (RunExport, milliseconds) and the lossless history record (TraceCodec, nanoseconds).
 *
 * One writer and one reader each for token usage, server timings and error classes, so that
 * the two formats cannot disagree on a key or drop a field the other keeps.
 */
namespace RequestJson {
/// The key of a request's server timings in both formats.
QString serverTimingsKey(); ///< "server_timings"

/// What a writer puts where a figure is unknown: nothing (compact), or null (every key present).
enum class Missing { Omit, Null };

/// queue_ms, load_ms, prompt_ms, prompt_tokens, cached_prompt_tokens, generation_ms,
/// generated_tokens, total_ms.
QJsonObject serverTimingsJson(const ServerTimings &timings, Missing missing);
ServerTimings serverTimingsFromJson(const QJsonObject &o);
/// The server timings of a request object: "server_timings", or "timings" as history records
/// written before the formats agreed have it.
ServerTimings serverTimingsOf(const QJsonObject &request);

/// {"prompt", "completion", "reasoning", "cached"}, the figures the server reported.
QJsonObject usageJson(const Usage &usage);
Usage usageFromJson(const QJsonObject &o);

/// The error class with this stable name (ErrorClasses::name); None when unknown.
ErrorClass errorClassFromName(const QString &name);

/// Milliseconds or counts beyond this are not measurements (and would overflow nanoseconds).
inline constexpr double MaxMs = 1e12;
/// A finite number of at most \a limit in magnitude; nullopt otherwise (absent, null, text).
std::optional<double> number(const QJsonValue &v, double limit = MaxMs);
/// The same, truncated to an integer.
std::optional<qint64> integer(const QJsonValue &v, double limit = 1e15);
} // namespace RequestJson
