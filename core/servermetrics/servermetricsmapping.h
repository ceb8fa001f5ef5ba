#pragma once

#include "prometheushistogram.h"
#include "prometheusparser.h"

#include <QList>
#include <QString>
#include <QStringList>

#include <array>
#include <optional>

/// \brief The inference servers whose own metric names TokenScope maps to common names.
enum class ServerKind { Unknown, Vllm, Sglang, Tgi, LlamaCpp };

/*!
 * \brief A common series: the same figure whatever the server calls it.
 *
 * Its name (ServerMetrics::name) is the key used in documents: "running", "waiting",
 * "kv_cache_usage", "prompt_tokens_per_s", "generation_tokens_per_s", "preemptions",
 * "decode_steps_per_s", "prompt_tokens_per_s_reported", "generation_tokens_per_s_reported".
 */
enum class ServerSeries {
    Running, ///< requests in the running batch (decoding or prefilling)
    Waiting, ///< requests waiting, queued or deferred
    KvCacheUsage, ///< share of the KV cache in use, 0..1
    PromptTokensPerS, ///< rate of the server's prompt-token counter
    GenerationTokensPerS, ///< rate of the server's generated-token counter
    Preemptions, ///< preemptions per scrape interval (a counter's increase)
    DecodeStepsPerS, ///< rate of forward passes (llama.cpp's llama_decode() calls)
    PromptTokensPerSReported, ///< the server's own average prompt throughput, as it reports it
    GenerationTokensPerSReported, ///< the server's own average generation throughput
};
inline constexpr int ServerSeriesCount = 9;

/// \brief A latency histogram of the server, in seconds ("server_ttft", "server_itl", …).
enum class ServerHistogram {
    Ttft, ///< "server_ttft": time to first token as the server measures it
    Itl, ///< "server_itl": inter-token latency (TGI: each request's mean time per token)
    E2e, ///< "server_e2e": the request's end-to-end latency inside the server
    Queue, ///< "server_queue": time spent waiting before scheduling
};
inline constexpr int ServerHistogramCount = 4;

/// \brief How a series turns scrapes into points.
enum class SeriesKind {
    Gauge, ///< the value as read
    Rate, ///< a counter's increase per second between consecutive scrapes
    Increase, ///< a counter's increase between consecutive scrapes
};

/// \brief An unmapped counter, gauge or untyped sample, kept by its own name.
struct OtherValue
{
    QString name; ///< "family" alone, or "family{label=\"value\",…}" when it has labels
    double value = 0;
    bool counter = false; ///< from a counter family: a timeline turns it into a rate
};

/*!
 * \brief One scrape in common names.
 *
 * Values are summed over label sets (several engines or data-parallel ranks add up), except
 * KV-cache usage, which is their mean. Rate and Increase series hold the cumulative counter;
 * ServerMetricsTimeline turns consecutive scrapes into rates.
 */
struct MappedScrape
{
    ServerKind kind = ServerKind::Unknown;
    std::array<std::optional<double>, ServerSeriesCount> values {};
    std::array<std::optional<Prometheus::Histogram>, ServerHistogramCount> histograms {}; ///< seconds
    QList<OtherValue> other; ///< at most ServerMetrics::MaxOtherValues
    QStringList unmappedFamilies; ///< every family no common name reads, in exposition order

    std::optional<double> value(ServerSeries series) const { return values[size_t(series)]; }
    const Prometheus::Histogram *histogram(ServerHistogram h) const
    {
        const auto &slot = histograms[size_t(h)];
        return slot ? &*slot : nullptr;
    }
};

/// \brief Each server's own metric names, mapped to the common series.
namespace ServerMetrics {

/// How many unmapped samples one scrape keeps by name.
inline constexpr int MaxOtherValues = 256;

/// "vllm", "sglang", "tgi", "llamacpp" or "unknown": the key used in documents.
QString kindName(ServerKind kind);
/// "vLLM", "SGLang", "TGI", "llama.cpp", or a translated "unknown server".
QString kindDisplayName(ServerKind kind);
/// The kind whose key is \a name (Unknown for anything else).
ServerKind kindFromName(QStringView name);

QString name(ServerSeries series);
QString name(ServerHistogram histogram);
SeriesKind kind(ServerSeries series);
std::optional<ServerSeries> seriesFromName(QStringView name);
std::optional<ServerHistogram> histogramFromName(QStringView name);
QList<ServerSeries> allSeries();
QList<ServerHistogram> allHistograms();

/// The server's own families read for \a series (or \a histogram), most preferred first.
QStringList sourcesOf(ServerSeries series, ServerKind kind);
QStringList sourcesOf(ServerHistogram histogram, ServerKind kind);

/// The server, from the prefixes of the family names ("vllm:", "sglang:", "tgi_", "llamacpp:"):
/// the prefix most families carry.
ServerKind detectKind(const Prometheus::ParseResult &parsed);

/*!
 * One scrape in common names. Where a server offers two names for one figure (vLLM's
 * kv_cache_usage_perc and the older gpu_cache_usage_perc; inter_token_latency_seconds and
 * time_per_output_token_seconds), the first present is read, never both.
 */
MappedScrape map(const Prometheus::ParseResult &parsed);

} // namespace ServerMetrics
