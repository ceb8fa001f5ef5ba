// The Prometheus text parser on arbitrary bytes, and what reads its output: histogram quantiles,
// the common-name mapping and the timeline. The first byte chooses the limits: with its top
// bit set, tiny ones (so the limit paths run often); otherwise the production defaults. The
// corpus files start with a '\n' for the defaults.
//
// Invariants beyond "no crash, no UB, no leak":
// - nothing beyond the limits: samples, families, reported errors; an input over the size limit
//   is not read at all;
// - every family and sample name is a valid metric name, every label name a valid label name,
//   family names are unique and the index finds each one; a histogram holds only its _bucket
//   (with a valid le), _sum, _count and _created samples;
// - CRLF line ends read exactly like LF ones;
// - histogram quantiles are never NaN and never decrease as q grows;
// - the timeline of two identical scrapes has no NaN anywhere.

#include "fuzzcheck.h"

#include "servermetrics/prometheushistogram.h"
#include "servermetrics/prometheusparser.h"
#include "servermetrics/servermetricsmapping.h"
#include "servermetrics/servermetricstimeline.h"

#include <cmath>
#include <cstring>

using namespace Prometheus;

namespace {

ParseLimits limitsFor(std::uint8_t selector)
{
    ParseLimits limits;
    if (selector & 0x80u) {
        limits.maxInputBytes = 64 + 64 * qsizetype(selector & 0x3Fu);
        limits.maxLineBytes = 8 + 4 * qsizetype(selector & 0x1Fu);
        limits.maxSamples = 1 + int(selector & 0x0Fu);
    }
    return limits;
}

bool sameValue(double a, double b)
{
    return std::memcmp(&a, &b, sizeof a) == 0 || (std::isnan(a) && std::isnan(b));
}

bool sameResult(const ParseResult &a, const ParseResult &b)
{
    if (a.error != b.error || a.sampleCount != b.sampleCount || a.skippedLines != b.skippedLines
        || a.families.size() != b.families.size() || a.firstErrors.size() != b.firstErrors.size())
        return false;
    for (qsizetype i = 0; i < a.firstErrors.size(); ++i) {
        if (a.firstErrors[i].line != b.firstErrors[i].line
            || a.firstErrors[i].message != b.firstErrors[i].message)
            return false;
    }
    for (qsizetype i = 0; i < a.families.size(); ++i) {
        const MetricFamily &fa = a.families[i];
        const MetricFamily &fb = b.families[i];
        if (fa.name != fb.name || fa.type != fb.type || fa.help != fb.help
            || fa.samples.size() != fb.samples.size())
            return false;
        for (qsizetype j = 0; j < fa.samples.size(); ++j) {
            const Sample &sa = fa.samples[j];
            const Sample &sb = fb.samples[j];
            if (sa.name != sb.name || sa.labels != sb.labels || !sameValue(sa.value, sb.value)
                || sa.timestampMs != sb.timestampMs)
                return false;
        }
    }
    return true;
}

bool hasSuffix(const QString &sample, const QString &family, const char *suffix)
{
    return sample.size() > family.size() && sample.startsWith(family)
        && QStringView(sample).sliced(family.size()) == QLatin1String(suffix);
}

void checkStructure(const ParseResult &r, const ParseLimits &limits, qsizetype inputSize)
{
    FUZZ_CHECK(r.ok() == r.error.isEmpty());
    FUZZ_CHECK(r.sampleCount <= limits.maxSamples);
    FUZZ_CHECK(r.families.size() <= limits.maxSamples);
    FUZZ_CHECK(r.skippedLines >= 0 && r.skippedLines <= r.lineCount);
    FUZZ_CHECK(r.firstErrors.size() == qMin<qsizetype>(r.skippedLines, ParseResult::MaxReportedErrors));
    int previousLine = 0;
    for (const LineError &e : r.firstErrors) {
        FUZZ_CHECK(e.line > previousLine && e.line <= r.lineCount);
        FUZZ_CHECK(!e.message.isEmpty());
        previousLine = e.line;
    }
    if (inputSize > limits.maxInputBytes) {
        FUZZ_CHECK(!r.ok());
        FUZZ_CHECK(r.families.isEmpty() && r.lineCount == 0);
    }
    FUZZ_CHECK(r.familyIndex.size() == r.families.size());

    int samples = 0;
    for (qsizetype i = 0; i < r.families.size(); ++i) {
        const MetricFamily &f = r.families[i];
        FUZZ_CHECK(isValidMetricName(f.name));
        FUZZ_CHECK(r.family(f.name) == &r.families[i]);
        for (const Sample &s : f.samples) {
            ++samples;
            FUZZ_CHECK(isValidMetricName(s.name));
            for (auto it = s.labels.cbegin(); it != s.labels.cend(); ++it)
                FUZZ_CHECK(isValidLabelName(it.key()));
            if (f.type == MetricType::Histogram) {
                const bool bucket = hasSuffix(s.name, f.name, "_bucket");
                FUZZ_CHECK(bucket || hasSuffix(s.name, f.name, "_sum") || hasSuffix(s.name, f.name, "_count")
                           || hasSuffix(s.name, f.name, "_created"));
                if (bucket)
                    FUZZ_CHECK(parseValue(s.labels.value(QStringLiteral("le")).toUtf8()).has_value());
            } else if (s.name != f.name) {
                FUZZ_CHECK(s.name.startsWith(f.name));
            }
        }
    }
    FUZZ_CHECK(samples == r.sampleCount);
}

void checkHistograms(const ParseResult &r)
{
    static constexpr double Qs[] = { 0.0, 0.01, 0.25, 0.5, 0.9, 0.99, 1.0 };
    for (const MetricFamily &f : r.families) {
        const std::optional<Histogram> h = Histogram::fromFamily(f);
        if (!h)
            continue;
        for (qsizetype i = 1; i < h->buckets.size(); ++i)
            FUZZ_CHECK(h->buckets[i - 1].upperBound < h->buckets[i].upperBound);
        std::optional<double> previous;
        for (const double q : Qs) {
            const std::optional<double> estimate = h->quantile(q);
            if (!estimate)
                continue;
            FUZZ_CHECK(!std::isnan(*estimate));
            if (previous)
                FUZZ_CHECK(*estimate >= *previous);
            previous = estimate;
        }
        const Histogram none = h->since(*h);
        FUZZ_CHECK(!h->isResetSince(*h));
        FUZZ_CHECK(none.count == 0 || std::isnan(h->count) || std::isinf(h->count));
    }
}

void checkTimeline(const ParseResult &r)
{
    ServerMetricsTimeline timeline;
    timeline.append(0, r);
    timeline.append(250'000'000, r);
    for (const ServerSeries s : ServerMetrics::allSeries()) {
        for (const ServerMetricsPoint &p : timeline.series(s))
            FUZZ_CHECK(std::isfinite(p.value) && std::isfinite(p.tMs));
        if (const std::optional<ServerSeriesSummary> summary = timeline.summary(s))
            FUZZ_CHECK(!std::isnan(summary->mean) && !std::isnan(summary->max));
    }
    for (const ServerHistogram h : ServerMetrics::allHistograms()) {
        if (const std::optional<ServerHistogramSummary> summary = timeline.histogramSummary(h)) {
            if (summary->p50Ms && summary->p99Ms)
                FUZZ_CHECK(*summary->p50Ms <= *summary->p99Ms);
        }
    }
    for (const QString &name : timeline.otherSeriesNames()) {
        for (const ServerMetricsPoint &p : timeline.otherSeries(name))
            FUZZ_CHECK(!std::isnan(p.value));
    }
    FUZZ_CHECK(timeline.unmappedNames().size() <= ServerMetricsTimeline::MaxOtherSeries);
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    if (size < 1)
        return 0;
    const ParseLimits limits = limitsFor(data[0]);
    const QByteArrayView text(reinterpret_cast<const char *>(data) + 1, qsizetype(size - 1));

    const ParseResult r = parse(text, limits);
    checkStructure(r, limits, text.size());
    checkHistograms(r);
    checkTimeline(r);

    // The same text with CRLF line ends reads the same (when it has no CR of its own, and the
    // longer text still fits).
    if (!text.contains('\r')) {
        QByteArray crlf = text.toByteArray();
        crlf.replace("\n", "\r\n");
        if (crlf.size() <= limits.maxInputBytes)
            FUZZ_CHECK(sameResult(r, parse(crlf, limits)));
    }
    return 0;
}
