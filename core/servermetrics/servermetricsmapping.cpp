#include "servermetricsmapping.h"

#include <QCoreApplication>
#include <QSet>

#include <cmath>

using Prometheus::MetricFamily;
using Prometheus::MetricType;
using Prometheus::ParseResult;
using Prometheus::Sample;

namespace ServerMetrics {

namespace {

enum class Read {
    Value, ///< the samples named like the family (a counter's x_total too)
    Ratio, ///< a 0..1 share; a value above 1 is a percentage and is divided by 100
    HistogramSum, ///< the x_sum of a histogram: a counter of everything observed (TGI's token counts)
};

struct SeriesRule
{
    ServerKind kind;
    const char *family;
    ServerSeries series;
    Read read = Read::Value;
};

struct HistogramRule
{
    ServerKind kind;
    ServerHistogram histogram;
    const char *family;
};

// Names as the servers document them (vLLM "Production Metrics", SGLang "Production Metrics",
// TGI "Metrics", llama.cpp server README). For one series, earlier rows are preferred.
// vLLM's *_perc gauges are fractions despite the name ("1 means 100 percent").
constexpr SeriesRule SeriesRules[] = {
    { ServerKind::Vllm, "vllm:num_requests_running", ServerSeries::Running },
    { ServerKind::Vllm, "vllm:num_requests_waiting", ServerSeries::Waiting },
    { ServerKind::Vllm, "vllm:kv_cache_usage_perc", ServerSeries::KvCacheUsage, Read::Ratio },
    { ServerKind::Vllm, "vllm:gpu_cache_usage_perc", ServerSeries::KvCacheUsage, Read::Ratio },
    { ServerKind::Vllm, "vllm:prompt_tokens_total", ServerSeries::PromptTokensPerS },
    { ServerKind::Vllm, "vllm:generation_tokens_total", ServerSeries::GenerationTokensPerS },
    { ServerKind::Vllm, "vllm:num_preemptions_total", ServerSeries::Preemptions },
    { ServerKind::Vllm, "vllm:avg_prompt_throughput_toks_per_s", ServerSeries::PromptTokensPerSReported },
    { ServerKind::Vllm, "vllm:avg_generation_throughput_toks_per_s",
      ServerSeries::GenerationTokensPerSReported },

    { ServerKind::Sglang, "sglang:num_running_reqs", ServerSeries::Running },
    { ServerKind::Sglang, "sglang:num_queue_reqs", ServerSeries::Waiting },
    { ServerKind::Sglang, "sglang:token_usage", ServerSeries::KvCacheUsage, Read::Ratio },
    { ServerKind::Sglang, "sglang:prompt_tokens_total", ServerSeries::PromptTokensPerS },
    { ServerKind::Sglang, "sglang:generation_tokens_total", ServerSeries::GenerationTokensPerS },
    { ServerKind::Sglang, "sglang:gen_throughput", ServerSeries::GenerationTokensPerSReported },

    // TGI counts tokens only per request, in histograms: their sums are the counters.
    { ServerKind::Tgi, "tgi_batch_current_size", ServerSeries::Running },
    { ServerKind::Tgi, "tgi_queue_size", ServerSeries::Waiting },
    { ServerKind::Tgi, "tgi_request_input_length", ServerSeries::PromptTokensPerS, Read::HistogramSum },
    { ServerKind::Tgi, "tgi_request_generated_tokens", ServerSeries::GenerationTokensPerS,
      Read::HistogramSum },

    { ServerKind::LlamaCpp, "llamacpp:requests_processing", ServerSeries::Running },
    { ServerKind::LlamaCpp, "llamacpp:requests_deferred", ServerSeries::Waiting },
    { ServerKind::LlamaCpp, "llamacpp:kv_cache_usage_ratio", ServerSeries::KvCacheUsage, Read::Ratio },
    { ServerKind::LlamaCpp, "llamacpp:prompt_tokens_total", ServerSeries::PromptTokensPerS },
    { ServerKind::LlamaCpp, "llamacpp:tokens_predicted_total", ServerSeries::GenerationTokensPerS },
    { ServerKind::LlamaCpp, "llamacpp:n_decode_total", ServerSeries::DecodeStepsPerS },
    // Averages over the server's busy time, not the wall clock: kept apart from the rates.
    { ServerKind::LlamaCpp, "llamacpp:prompt_tokens_seconds", ServerSeries::PromptTokensPerSReported },
    { ServerKind::LlamaCpp, "llamacpp:predicted_tokens_seconds", ServerSeries::GenerationTokensPerSReported },
};

constexpr HistogramRule HistogramRules[] = {
    { ServerKind::Vllm, ServerHistogram::Ttft, "vllm:time_to_first_token_seconds" },
    { ServerKind::Vllm, ServerHistogram::Itl, "vllm:inter_token_latency_seconds" },
    { ServerKind::Vllm, ServerHistogram::Itl, "vllm:time_per_output_token_seconds" },
    { ServerKind::Vllm, ServerHistogram::E2e, "vllm:e2e_request_latency_seconds" },
    { ServerKind::Vllm, ServerHistogram::Queue, "vllm:request_queue_time_seconds" },

    { ServerKind::Sglang, ServerHistogram::Ttft, "sglang:time_to_first_token_seconds" },
    { ServerKind::Sglang, ServerHistogram::Itl, "sglang:inter_token_latency_seconds" },
    { ServerKind::Sglang, ServerHistogram::Itl, "sglang:time_per_output_token_seconds" },
    { ServerKind::Sglang, ServerHistogram::E2e, "sglang:e2e_request_latency_seconds" },

    // TGI has no time-to-first-token histogram.
    { ServerKind::Tgi, ServerHistogram::Itl, "tgi_request_mean_time_per_token_duration" },
    { ServerKind::Tgi, ServerHistogram::E2e, "tgi_request_duration" },
    { ServerKind::Tgi, ServerHistogram::Queue, "tgi_request_queue_duration" },
};

struct Prefix
{
    ServerKind kind;
    QLatin1String text;
};

const Prefix Prefixes[] = {
    { ServerKind::Vllm, QLatin1String("vllm:") },
    { ServerKind::Sglang, QLatin1String("sglang:") },
    { ServerKind::Tgi, QLatin1String("tgi_") },
    { ServerKind::LlamaCpp, QLatin1String("llamacpp:") },
};

// A counter documented as "x_total" may be declared OpenMetrics style, as "x" with samples x_total.
const MetricFamily *findFamily(const ParseResult &parsed, const char *name)
{
    const QString full = QString::fromLatin1(name);
    if (const MetricFamily *f = parsed.family(full))
        return f;
    if (full.endsWith(QLatin1String("_total"))) {
        const MetricFamily *f = parsed.family(full.chopped(6));
        if (f && f->type == MetricType::Counter)
            return f;
    }
    return nullptr;
}

std::optional<double> readSeries(const MetricFamily &family, Read read)
{
    QString wanted = family.name;
    QString alternative; // a counter family "x" holds "x_total" samples
    if (read == Read::HistogramSum) {
        if (family.type != MetricType::Histogram)
            return std::nullopt;
        wanted = family.name + QLatin1String("_sum");
    } else if (family.type == MetricType::Counter && !family.name.endsWith(QLatin1String("_total"))) {
        alternative = family.name + QLatin1String("_total");
    } else if (family.type == MetricType::Histogram || family.type == MetricType::Summary) {
        return std::nullopt;
    }
    double total = 0;
    int n = 0;
    for (const Sample &s : family.samples) {
        if (!std::isfinite(s.value) || (s.name != wanted && s.name != alternative))
            continue;
        double v = s.value;
        if (read == Read::Ratio && v > 1.0)
            v /= 100.0; // a percentage
        total += v;
        ++n;
    }
    if (n == 0 || !std::isfinite(total))
        return std::nullopt;
    return read == Read::Ratio ? total / n : total;
}

QString escapeLabelValue(const QString &value)
{
    QString out;
    out.reserve(value.size());
    for (const QChar c : value) {
        if (c == QLatin1Char('\\'))
            out += QLatin1String("\\\\");
        else if (c == QLatin1Char('"'))
            out += QLatin1String("\\\"");
        else if (c == QLatin1Char('\n'))
            out += QLatin1String("\\n");
        else
            out += c;
    }
    return out;
}

QString otherName(const Sample &s, bool alone)
{
    if (alone && s.labels.isEmpty())
        return s.name;
    QString text = s.name + QLatin1Char('{');
    bool first = true;
    for (auto it = s.labels.cbegin(); it != s.labels.cend(); ++it) {
        if (!first)
            text += QLatin1Char(',');
        first = false;
        text += it.key() + QLatin1String("=\"") + escapeLabelValue(it.value()) + QLatin1Char('"');
    }
    return text + QLatin1Char('}');
}

} // namespace

QString kindName(ServerKind kind)
{
    switch (kind) {
    case ServerKind::Vllm:
        return QStringLiteral("vllm");
    case ServerKind::Sglang:
        return QStringLiteral("sglang");
    case ServerKind::Tgi:
        return QStringLiteral("tgi");
    case ServerKind::LlamaCpp:
        return QStringLiteral("llamacpp");
    case ServerKind::Unknown:
        break;
    }
    return QStringLiteral("unknown");
}

QString kindDisplayName(ServerKind kind)
{
    switch (kind) {
    case ServerKind::Vllm:
        return QStringLiteral("vLLM");
    case ServerKind::Sglang:
        return QStringLiteral("SGLang");
    case ServerKind::Tgi:
        return QStringLiteral("TGI");
    case ServerKind::LlamaCpp:
        return QStringLiteral("llama.cpp");
    case ServerKind::Unknown:
        break;
    }
    return QCoreApplication::translate("ServerMetrics", "unknown server");
}

ServerKind kindFromName(QStringView name)
{
    for (const ServerKind kind :
         { ServerKind::Vllm, ServerKind::Sglang, ServerKind::Tgi, ServerKind::LlamaCpp }) {
        if (name == kindName(kind))
            return kind;
    }
    return ServerKind::Unknown;
}

QString name(ServerSeries series)
{
    switch (series) {
    case ServerSeries::Running:
        return QStringLiteral("running");
    case ServerSeries::Waiting:
        return QStringLiteral("waiting");
    case ServerSeries::KvCacheUsage:
        return QStringLiteral("kv_cache_usage");
    case ServerSeries::PromptTokensPerS:
        return QStringLiteral("prompt_tokens_per_s");
    case ServerSeries::GenerationTokensPerS:
        return QStringLiteral("generation_tokens_per_s");
    case ServerSeries::Preemptions:
        return QStringLiteral("preemptions");
    case ServerSeries::DecodeStepsPerS:
        return QStringLiteral("decode_steps_per_s");
    case ServerSeries::PromptTokensPerSReported:
        return QStringLiteral("prompt_tokens_per_s_reported");
    case ServerSeries::GenerationTokensPerSReported:
        return QStringLiteral("generation_tokens_per_s_reported");
    }
    return {};
}

QString name(ServerHistogram histogram)
{
    switch (histogram) {
    case ServerHistogram::Ttft:
        return QStringLiteral("server_ttft");
    case ServerHistogram::Itl:
        return QStringLiteral("server_itl");
    case ServerHistogram::E2e:
        return QStringLiteral("server_e2e");
    case ServerHistogram::Queue:
        return QStringLiteral("server_queue");
    }
    return {};
}

SeriesKind kind(ServerSeries series)
{
    switch (series) {
    case ServerSeries::PromptTokensPerS:
    case ServerSeries::GenerationTokensPerS:
    case ServerSeries::DecodeStepsPerS:
        return SeriesKind::Rate;
    case ServerSeries::Preemptions:
        return SeriesKind::Increase;
    case ServerSeries::Running:
    case ServerSeries::Waiting:
    case ServerSeries::KvCacheUsage:
    case ServerSeries::PromptTokensPerSReported:
    case ServerSeries::GenerationTokensPerSReported:
        break;
    }
    return SeriesKind::Gauge;
}

QList<ServerSeries> allSeries()
{
    QList<ServerSeries> all;
    for (int i = 0; i < ServerSeriesCount; ++i)
        all.append(ServerSeries(i));
    return all;
}

QList<ServerHistogram> allHistograms()
{
    QList<ServerHistogram> all;
    for (int i = 0; i < ServerHistogramCount; ++i)
        all.append(ServerHistogram(i));
    return all;
}

std::optional<ServerSeries> seriesFromName(QStringView text)
{
    for (int i = 0; i < ServerSeriesCount; ++i) {
        if (text == name(ServerSeries(i)))
            return ServerSeries(i);
    }
    return std::nullopt;
}

std::optional<ServerHistogram> histogramFromName(QStringView text)
{
    for (int i = 0; i < ServerHistogramCount; ++i) {
        if (text == name(ServerHistogram(i)))
            return ServerHistogram(i);
    }
    return std::nullopt;
}

QStringList sourcesOf(ServerSeries series, ServerKind kind)
{
    QStringList sources;
    for (const SeriesRule &rule : SeriesRules) {
        if (rule.series == series && rule.kind == kind)
            sources.append(QString::fromLatin1(rule.family));
    }
    return sources;
}

QStringList sourcesOf(ServerHistogram histogram, ServerKind kind)
{
    QStringList sources;
    for (const HistogramRule &rule : HistogramRules) {
        if (rule.histogram == histogram && rule.kind == kind)
            sources.append(QString::fromLatin1(rule.family));
    }
    return sources;
}

ServerKind detectKind(const ParseResult &parsed)
{
    int counts[std::size(Prefixes)] = {};
    for (const MetricFamily &f : parsed.families) {
        for (size_t i = 0; i < std::size(Prefixes); ++i) {
            if (f.name.startsWith(Prefixes[i].text)) {
                ++counts[i];
                break;
            }
        }
    }
    ServerKind best = ServerKind::Unknown;
    int bestCount = 0;
    for (size_t i = 0; i < std::size(Prefixes); ++i) {
        if (counts[i] > bestCount) {
            bestCount = counts[i];
            best = Prefixes[i].kind;
        }
    }
    return best;
}

MappedScrape map(const ParseResult &parsed)
{
    MappedScrape out;
    out.kind = detectKind(parsed);
    QSet<const MetricFamily *> known;

    for (const SeriesRule &rule : SeriesRules) {
        const MetricFamily *family = findFamily(parsed, rule.family);
        if (!family)
            continue;
        known.insert(family);
        std::optional<double> &slot = out.values[size_t(rule.series)];
        if (!slot)
            slot = readSeries(*family, rule.read);
    }
    for (const HistogramRule &rule : HistogramRules) {
        const MetricFamily *family = findFamily(parsed, rule.family);
        if (!family)
            continue;
        known.insert(family);
        std::optional<Prometheus::Histogram> &slot = out.histograms[size_t(rule.histogram)];
        if (!slot)
            slot = Prometheus::Histogram::fromFamily(*family);
    }

    for (const MetricFamily &f : parsed.families) {
        if (known.contains(&f))
            continue;
        out.unmappedFamilies.append(f.name);
        if (f.type == MetricType::Histogram || f.type == MetricType::Summary)
            continue; // listed by name; their buckets would crowd out everything else
        const bool alone = f.samples.size() == 1;
        for (const Sample &s : f.samples) {
            if (out.other.size() >= MaxOtherValues)
                break;
            const bool counter = f.type == MetricType::Counter && !s.name.endsWith(QLatin1String("_created"));
            out.other.append(OtherValue { otherName(s, alone), s.value, counter });
        }
    }
    return out;
}

} // namespace ServerMetrics
