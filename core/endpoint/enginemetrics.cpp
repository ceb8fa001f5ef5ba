#include "enginemetrics.h"

#include <QLocale>
#include <QString>

#include <algorithm>
#include <cmath>
#include <utility>

namespace Sim {

namespace {

// Bucket bounds in seconds, the shape of vLLM's defaults: fine below a second for first
// tokens, 10 ms up for inter-token gaps, 0.3 s up for whole requests.
QList<double> firstTokenBounds()
{
    return { 0.001, 0.005, 0.01, 0.02, 0.04, 0.06, 0.08, 0.1,  0.25,  0.5,   0.75,
             1.0,   2.5,   5.0,  7.5,  10.0, 20.0, 40.0, 80.0, 160.0, 640.0, 2560.0 };
}

QList<double> interTokenBounds()
{
    return { 0.01, 0.025, 0.05, 0.075, 0.1, 0.15, 0.2,  0.3,  0.4, 0.5,
             0.75, 1.0,   2.5,  5.0,   7.5, 10.0, 20.0, 40.0, 80.0 };
}

QList<double> requestBounds()
{
    return { 0.3,  0.5,  0.8,  1.0,  1.5,   2.0,   2.5,   5.0,   10.0,   15.0,  20.0,
             30.0, 40.0, 50.0, 60.0, 120.0, 240.0, 480.0, 960.0, 1920.0, 7680.0 };
}

/// A label value with the format's three escapes (backslash, double quote, line feed).
QByteArray escapeLabelValue(QByteArrayView value)
{
    QByteArray out;
    out.reserve(value.size());
    for (const char c : value) {
        if (c == '\\')
            out.append("\\\\");
        else if (c == '"')
            out.append("\\\"");
        else if (c == '\n')
            out.append("\\n");
        else
            out.append(c);
    }
    return out;
}

/// Appends metric families to one text body; every sample carries the model_name label.
class Exposition
{
public:
    explicit Exposition(QByteArrayView modelName)
        : m_model(escapeLabelValue(modelName))
    {
        m_out.reserve(8192);
    }

    void gauge(QByteArrayView name, QByteArrayView help, double value)
    {
        family(name, "gauge", help);
        sample(name, {}, {}, {}, value);
    }

    void counter(QByteArrayView name, QByteArrayView help, double value)
    {
        family(name, "counter", help);
        sample(name, {}, {}, {}, value);
    }

    /// A counter family with one sample per value of \a label.
    void counter(QByteArrayView name, QByteArrayView help, QByteArrayView label,
                 const QList<std::pair<QByteArray, double>> &values)
    {
        family(name, "counter", help);
        for (const auto &[labelValue, value] : values)
            sample(name, {}, label, labelValue, value);
    }

    void histogram(QByteArrayView name, QByteArrayView help, const MetricHistogram &h)
    {
        family(name, "histogram", help);
        const QList<double> &bounds = h.upperBounds();
        for (qsizetype i = 0; i < bounds.size(); ++i)
            sample(name, "_bucket", "le", prometheusNumber(bounds.at(i)), double(h.cumulativeCount(i)));
        sample(name, "_bucket", "le", "+Inf", double(h.count()));
        sample(name, "_sum", {}, {}, h.sum());
        sample(name, "_count", {}, {}, double(h.count()));
    }

    QByteArray text() const { return m_out; }

private:
    void family(QByteArrayView name, QByteArrayView type, QByteArrayView help)
    {
        m_out.append("# HELP ").append(name).append(' ').append(help).append('\n');
        m_out.append("# TYPE ").append(name).append(' ').append(type).append('\n');
    }

    void sample(QByteArrayView name, QByteArrayView suffix, QByteArrayView label, QByteArrayView labelValue,
                double value)
    {
        m_out.append(name).append(suffix).append("{model_name=\"").append(m_model).append('"');
        if (!label.isEmpty())
            m_out.append(',').append(label).append("=\"").append(escapeLabelValue(labelValue)).append('"');
        m_out.append("} ").append(prometheusNumber(value)).append('\n');
    }

    QByteArray m_model;
    QByteArray m_out;
};

} // namespace

MetricHistogram::MetricHistogram(QList<double> upperBounds)
    : m_bounds(std::move(upperBounds))
    , m_perBucket(m_bounds.size() + 1, 0)
{
    std::sort(m_bounds.begin(), m_bounds.end());
}

void MetricHistogram::observe(double value)
{
    if (std::isnan(value))
        return;
    // The first bound not below the value: "le" includes the bound itself.
    const auto it = std::lower_bound(m_bounds.cbegin(), m_bounds.cend(), value);
    ++m_perBucket[it - m_bounds.cbegin()];
    ++m_count;
    m_sum += value;
}

qint64 MetricHistogram::cumulativeCount(qsizetype i) const
{
    qint64 total = 0;
    for (qsizetype b = 0; b <= i && b < m_perBucket.size(); ++b)
        total += m_perBucket.at(b);
    return total;
}

EngineCounters::EngineCounters()
    : timeToFirstToken(firstTokenBounds())
    , timePerOutputToken(interTokenBounds())
    , e2eLatency(requestBounds())
    , queueTime(requestBounds())
{
}

QByteArray prometheusNumber(double value)
{
    if (std::isnan(value))
        return QByteArrayLiteral("NaN");
    if (std::isinf(value))
        return value > 0 ? QByteArrayLiteral("+Inf") : QByteArrayLiteral("-Inf");
    // Whole numbers exactly ("27453.0", never "2.7453e+04"); others in their shortest form.
    if (value == std::floor(value) && std::abs(value) < 1e15)
        return QByteArray::number(qint64(value)) + QByteArrayLiteral(".0");
    return QString::number(value, 'g', QLocale::FloatingPointShortest).toLatin1();
}

QByteArray vllmMetricsText(const EngineCounters &counters, const EngineGauges &gauges,
                           QByteArrayView modelName)
{
    Exposition out(modelName);
    out.gauge("vllm:num_requests_running",
              "Number of requests in the engine's running batch (prefill or decode).",
              double(gauges.running));
    out.gauge("vllm:num_requests_waiting", "Number of requests queued for a slot in the running batch.",
              double(gauges.waiting));
    // vLLM reports a fraction despite the name. The simulated engine admits by its slot limit,
    // not by cache space, and never preempts: tokens held beyond the budget read as a full cache.
    const double usage = gauges.kvCapacityTokens > 0
        ? std::min(1.0, double(gauges.kvTokens) / double(gauges.kvCapacityTokens))
        : 0.0;
    out.gauge("vllm:gpu_cache_usage_perc", "Simulated KV-cache usage as a fraction: 1 means 100 percent.",
              usage);
    out.gauge("vllm:kv_cache_usage_perc",
              "Simulated KV-cache usage as a fraction (newer name of the same gauge).", usage);
    out.counter("vllm:prompt_tokens_total", "Number of prompt tokens prefilled, cached ones included.",
                double(counters.promptTokens));
    // vLLM's prefix-cache counters, in tokens (hit rate = hits / queries), and its prompt
    // tokens by where their KV came from.
    out.counter("vllm:prefix_cache_queries_total",
                "Prefix cache queries, in terms of number of queried tokens.",
                double(counters.prefixCacheQueries));
    out.counter("vllm:prefix_cache_hits_total", "Prefix cache hits, in terms of number of cached tokens.",
                double(counters.prefixCacheHits));
    out.counter("vllm:prompt_tokens_by_source_total",
                "Number of prompt tokens prefilled, by where their KV cache came from.", "source",
                { { QByteArrayLiteral("local_compute"),
                    double(std::max<qint64>(0, counters.promptTokens - counters.promptTokensCached)) },
                  { QByteArrayLiteral("local_cache_hit"), double(counters.promptTokensCached) },
                  { QByteArrayLiteral("external_kv_transfer"), 0.0 } });
    out.counter("vllm:generation_tokens_total", "Number of output tokens generated.",
                double(gauges.generationTokens));
    out.counter("vllm:num_preemptions_total", "Number of preemptions (the simulated engine never preempts).",
                double(counters.preemptions));
    out.counter("vllm:request_success_total", "Number of requests completed, by finish reason.",
                "finished_reason",
                { { QByteArrayLiteral("stop"), double(counters.successStop) },
                  { QByteArrayLiteral("length"), double(counters.successLength) } });
    out.histogram("vllm:time_to_first_token_seconds",
                  "Time from the request's arrival at the engine to its first token, in seconds.",
                  counters.timeToFirstToken);
    out.histogram("vllm:time_per_output_token_seconds",
                  "Time between successive output tokens of a request, in seconds.",
                  counters.timePerOutputToken);
    out.histogram("vllm:e2e_request_latency_seconds",
                  "Time from the request's arrival at the engine to the end of its response, in seconds.",
                  counters.e2eLatency);
    out.histogram("vllm:request_queue_time_seconds",
                  "Time a request waited for a slot in the running batch, in seconds.", counters.queueTime);
    return out.text();
}

} // namespace Sim
