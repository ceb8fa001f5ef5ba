#pragma once

#include "storage/historystore.h"

#include <QByteArray>

#include <optional>

/*!
 * \brief Reads the results file of vLLM's serving benchmark into a run.
 *
 * The file `vllm bench serve --save-result --save-detailed` (or the older
 * benchmarks/benchmark_serving.py) writes: aggregate fields ("duration", "completed",
 * "model_id", "backend", "request_rate", "max_concurrency", "date", "mean_ttft_ms", ...)
 * and per-request lists of equal length: "input_lens", "output_lens", "ttfts" (seconds),
 * "itls" (a list of seconds per request), "generated_texts", "errors" ("" when it succeeded).
 *
 * vLLM does not record when each request was sent, so every imported request starts at 0;
 * its first token arrives at its TTFT and each next chunk one ITL later. vLLM's own
 * aggregates are kept in the settings under "vllm" for comparison.
 */
namespace VllmImport {
/// nullopt with \a error when \a json is not such a file (or its lists disagree).
std::optional<ImportedRun> read(const QByteArray &json, QString *error);
} // namespace VllmImport
