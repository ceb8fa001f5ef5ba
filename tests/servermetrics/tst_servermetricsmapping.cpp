// Each server's own metric names mapped to the common ones: a real llama.cpp capture, and vLLM,
// SGLang and TGI expositions written from their documented metric lists
// (tests/data/servermetrics/*.prom), checked value by value.
#include "servermetrics/servermetricsmapping.h"

#include <QFile>
#include <QTest>

#include <cmath>
#include <limits>

using namespace Prometheus;

namespace {

constexpr double Absent = std::numeric_limits<double>::quiet_NaN();

QByteArray readFile(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        qFatal("cannot open %s", qPrintable(path));
    return file.readAll();
}

MappedScrape mapText(const QByteArray &text)
{
    return ServerMetrics::map(parse(text));
}

// A value the mapping must (or, for Absent, must not) produce.
bool matches(const std::optional<double> &actual, double expected)
{
    if (std::isnan(expected))
        return !actual.has_value();
    return actual.has_value() && std::abs(*actual - expected) <= 1e-9 * qMax(1.0, std::abs(expected));
}

QString shown(const std::optional<double> &v)
{
    return v ? QString::number(*v, 'g', 17) : QStringLiteral("(none)");
}

std::optional<double> otherValue(const MappedScrape &m, const QString &name, bool *counter = nullptr)
{
    for (const OtherValue &v : m.other) {
        if (v.name == name) {
            if (counter)
                *counter = v.counter;
            return v.value;
        }
    }
    return std::nullopt;
}

} // namespace

#define CHECK_VALUE(actual, expected)                                                                        \
    QVERIFY2(matches((actual), (expected)),                                                                  \
             qPrintable(                                                                                     \
                 QStringLiteral(#actual ": %1, expected %2").arg(shown(actual)).arg(expected, 0, 'g', 17)))

class TestServerMetricsMapping : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void llamaCppCapture();
    void documentedServers_data();
    void documentedServers();
    void vllmUnmappedKeptByName();
    void kvCacheUsage_data();
    void kvCacheUsage();
    void preferredNamesAreNotSummed();
    void countsAddUpAcrossEngines();
    void openMetricsStyleCounter();
    void nonFiniteValuesAreNoValues();
    void detectKind_data();
    void detectKind();
    void otherValuesAreCapped();
    void names();
};

void TestServerMetricsMapping::llamaCppCapture()
{
    // GET /metrics of a real llama.cpp server (0253fb21, --metrics), after a few requests.
    const ParseResult parsed
        = parse(readFile(QStringLiteral(TOKENSCOPE_SHARED_FIXTURES "/llamacpp-0253fb21/metrics.body")));
    QVERIFY(parsed.ok());
    QCOMPARE(parsed.skippedLines, 0);
    const MappedScrape m = ServerMetrics::map(parsed);

    QCOMPARE(m.kind, ServerKind::LlamaCpp);
    CHECK_VALUE(m.value(ServerSeries::Running), 0.0); // llamacpp:requests_processing
    CHECK_VALUE(m.value(ServerSeries::Waiting), 0.0); // llamacpp:requests_deferred
    CHECK_VALUE(m.value(ServerSeries::KvCacheUsage), Absent); // this version has no KV-cache gauge
    CHECK_VALUE(m.value(ServerSeries::PromptTokensPerS), 57.0); // the counter, llamacpp:prompt_tokens_total
    CHECK_VALUE(m.value(ServerSeries::GenerationTokensPerS), 56.0); // llamacpp:tokens_predicted_total
    CHECK_VALUE(m.value(ServerSeries::DecodeStepsPerS), 56.0); // llamacpp:n_decode_total
    CHECK_VALUE(m.value(ServerSeries::PromptTokensPerSReported), 5181.82);
    CHECK_VALUE(m.value(ServerSeries::GenerationTokensPerSReported), 777.778);
    CHECK_VALUE(m.value(ServerSeries::Preemptions), Absent);
    for (const ServerHistogram h : ServerMetrics::allHistograms())
        QVERIFY(!m.histogram(h));

    QCOMPARE(m.unmappedFamilies,
             QStringList({ QStringLiteral("llamacpp:prompt_seconds_total"),
                           QStringLiteral("llamacpp:tokens_predicted_seconds_total"),
                           QStringLiteral("llamacpp:n_tokens_max"),
                           QStringLiteral("llamacpp:n_busy_slots_per_decode") }));
    QCOMPARE(m.other.size(), 4);
    bool counter = false;
    CHECK_VALUE(otherValue(m, QStringLiteral("llamacpp:prompt_seconds_total"), &counter), 0.011);
    QVERIFY(counter);
    CHECK_VALUE(otherValue(m, QStringLiteral("llamacpp:tokens_predicted_seconds_total")), 0.072);
    CHECK_VALUE(otherValue(m, QStringLiteral("llamacpp:n_tokens_max")), 44.0);
    CHECK_VALUE(otherValue(m, QStringLiteral("llamacpp:n_busy_slots_per_decode"), &counter), 1.0);
    QVERIFY(!counter);
}

void TestServerMetricsMapping::documentedServers_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<ServerKind>("kind");
    QTest::addColumn<double>("running");
    QTest::addColumn<double>("waiting");
    QTest::addColumn<double>("kvCacheUsage");
    QTest::addColumn<double>("promptTokens");
    QTest::addColumn<double>("generationTokens");
    QTest::addColumn<double>("preemptions");
    QTest::addColumn<double>("reportedGeneration");
    QTest::addColumn<double>("ttftCount");
    QTest::addColumn<double>("ttftP50");
    QTest::addColumn<double>("ttftP99");
    QTest::addColumn<double>("itlCount");
    QTest::addColumn<double>("itlP50");
    QTest::addColumn<double>("e2eCount");
    QTest::addColumn<bool>("queue");
    QTest::addColumn<int>("unmapped");

    // TTFT p50 (rank 75 of 150): 0.08 + 0.02 × 15/30; p99 (rank 148.5): 0.75 + 0.25 × 0.5/1.
    // ITL p50 (rank 5000 of 10000): 0.025 + 0.025 × 3000/5000. The deprecated
    // time_per_output_token_seconds repeats the ITL histogram: it must not double the count.
    QTest::newRow("vllm") << QStringLiteral("vllm.prom") << ServerKind::Vllm << 8.0 << 3.0 << 0.4375
                          << 123456.0 << 65432.0 << 2.0 << Absent << 150.0 << 0.09 << 0.875 << 10000.0 << 0.04
                          << 150.0 << true << 6;
    // TTFT p50 (rank 2500 of 5000): 0.1 + 0.1 × 1500/2000; p99 (rank 4950): 2 + 2 × 50/90.
    // ITL p50 (rank 375000 of 750000): 0.01 + 0.01 × 275000/400000.
    QTest::newRow("sglang") << QStringLiteral("sglang.prom") << ServerKind::Sglang << 12.0 << 5.0 << 0.28
                            << 8128902.0 << 7557572.0 << Absent << 1386.2 << 5000.0 << 0.175
                            << (2.0 + 2.0 * 50 / 90) << 750000.0 << 0.016875 << 5000.0 << false << 2;
    // TGI counts tokens in per-request histograms (their _sum); it has no TTFT histogram.
    // ITL p50 (rank 740 of 1480): 0.02 + 0.01 × 440/800.
    QTest::newRow("tgi") << QStringLiteral("tgi.prom") << ServerKind::Tgi << 24.0 << 7.0 << Absent << 612345.0
                         << 296000.0 << Absent << Absent << Absent << Absent << Absent << 1480.0 << 0.0255
                         << 1480.0 << true << 5;
}

void TestServerMetricsMapping::documentedServers()
{
    QFETCH(QString, file);
    QFETCH(ServerKind, kind);
    QFETCH(double, running);
    QFETCH(double, waiting);
    QFETCH(double, kvCacheUsage);
    QFETCH(double, promptTokens);
    QFETCH(double, generationTokens);
    QFETCH(double, preemptions);
    QFETCH(double, reportedGeneration);
    QFETCH(double, ttftCount);
    QFETCH(double, ttftP50);
    QFETCH(double, ttftP99);
    QFETCH(double, itlCount);
    QFETCH(double, itlP50);
    QFETCH(double, e2eCount);
    QFETCH(bool, queue);
    QFETCH(int, unmapped);

    const ParseResult parsed = parse(readFile(QStringLiteral(TOKENSCOPE_TEST_DATA "/servermetrics/") + file));
    QVERIFY(parsed.ok());
    QCOMPARE(parsed.skippedLines, 0);
    const MappedScrape m = ServerMetrics::map(parsed);
    QCOMPARE(m.kind, kind);
    CHECK_VALUE(m.value(ServerSeries::Running), running);
    CHECK_VALUE(m.value(ServerSeries::Waiting), waiting);
    CHECK_VALUE(m.value(ServerSeries::KvCacheUsage), kvCacheUsage);
    CHECK_VALUE(m.value(ServerSeries::PromptTokensPerS), promptTokens);
    CHECK_VALUE(m.value(ServerSeries::GenerationTokensPerS), generationTokens);
    CHECK_VALUE(m.value(ServerSeries::Preemptions), preemptions);
    CHECK_VALUE(m.value(ServerSeries::GenerationTokensPerSReported), reportedGeneration);

    const Histogram *ttft = m.histogram(ServerHistogram::Ttft);
    if (std::isnan(ttftCount)) {
        QVERIFY(!ttft);
    } else {
        QVERIFY(ttft);
        QCOMPARE(ttft->count, ttftCount);
        CHECK_VALUE(ttft->quantile(0.5), ttftP50);
        CHECK_VALUE(ttft->quantile(0.99), ttftP99);
    }
    const Histogram *itl = m.histogram(ServerHistogram::Itl);
    QVERIFY(itl);
    QCOMPARE(itl->count, itlCount);
    CHECK_VALUE(itl->quantile(0.5), itlP50);
    QVERIFY(m.histogram(ServerHistogram::E2e));
    QCOMPARE(m.histogram(ServerHistogram::E2e)->count, e2eCount);
    QCOMPARE(m.histogram(ServerHistogram::Queue) != nullptr, queue);
    QVERIFY2(m.unmappedFamilies.size() == unmapped, qPrintable(m.unmappedFamilies.join(QLatin1Char(' '))));
}

void TestServerMetricsMapping::vllmUnmappedKeptByName()
{
    const MappedScrape m = mapText(readFile(QStringLiteral(TOKENSCOPE_TEST_DATA "/servermetrics/vllm.prom")));
    QCOMPARE(
        m.unmappedFamilies,
        QStringList({ QStringLiteral("vllm:prefix_cache_queries_total"),
                      QStringLiteral("vllm:prefix_cache_hits_total"),
                      QStringLiteral("vllm:request_success_total"), QStringLiteral("vllm:cache_config_info"),
                      QStringLiteral("python_gc_objects_collected_total"),
                      QStringLiteral("process_resident_memory_bytes") }));
    bool counter = false;
    // One sample without labels: its name alone. Several, or labels: the name with its labels.
    CHECK_VALUE(otherValue(m, QStringLiteral("process_resident_memory_bytes"), &counter), 2147483648.0);
    QVERIFY(!counter);
    CHECK_VALUE(
        otherValue(m, QStringLiteral("python_gc_objects_collected_total{generation=\"1\"}"), &counter),
        2345.0);
    QVERIFY(counter);
    CHECK_VALUE(
        otherValue(m,
                   QStringLiteral("vllm:request_success_total{engine=\"0\",finished_reason=\"length\","
                                  "model_name=\"meta-llama/Llama-3.1-8B-Instruct\"}")),
        30.0);
    CHECK_VALUE(otherValue(m,
                           QStringLiteral("vllm:prefix_cache_hits_total{engine=\"0\",model_name=\"meta-llama/"
                                          "Llama-3.1-8B-Instruct\"}")),
                40960.0);
    // Histograms and the mapped families are not repeated among the other values.
    for (const OtherValue &v : m.other) {
        QVERIFY2(!v.name.startsWith(QLatin1String("vllm:time_to_first_token")), qPrintable(v.name));
        QVERIFY2(!v.name.startsWith(QLatin1String("vllm:num_requests_running")), qPrintable(v.name));
    }
}

void TestServerMetricsMapping::kvCacheUsage_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<double>("expected");

    QTest::newRow("vllm fraction") << QByteArray("vllm:gpu_cache_usage_perc 0.42\n") << 0.42;
    QTest::newRow("vllm percentage") << QByteArray("vllm:gpu_cache_usage_perc 42\n") << 0.42;
    QTest::newRow("v1 name") << QByteArray("vllm:kv_cache_usage_perc 0.9\n") << 0.9;
    QTest::newRow("full is a fraction") << QByteArray("llamacpp:kv_cache_usage_ratio 1\n") << 1.0;
    QTest::newRow("sglang token usage") << QByteArray("sglang:token_usage 0.28\n") << 0.28;
    QTest::newRow("mean over engines") << QByteArray(
        "vllm:kv_cache_usage_perc{engine=\"0\"} 0.2\nvllm:kv_cache_usage_perc{engine=\"1\"} 0.6\n")
                                       << 0.4;
    QTest::newRow("a percentage and a fraction") << QByteArray(
        "vllm:kv_cache_usage_perc{engine=\"0\"} 20\nvllm:kv_cache_usage_perc{engine=\"1\"} 0.6\n")
                                                 << 0.4;
}

void TestServerMetricsMapping::kvCacheUsage()
{
    QFETCH(QByteArray, text);
    QFETCH(double, expected);
    CHECK_VALUE(mapText(text).value(ServerSeries::KvCacheUsage), expected);
}

void TestServerMetricsMapping::preferredNamesAreNotSummed()
{
    const MappedScrape m = mapText("vllm:gpu_cache_usage_perc 0.9\n"
                                   "vllm:kv_cache_usage_perc 0.3\n"
                                   "# TYPE vllm:time_per_output_token_seconds histogram\n"
                                   "vllm:time_per_output_token_seconds_bucket{le=\"0.1\"} 7\n"
                                   "vllm:time_per_output_token_seconds_bucket{le=\"+Inf\"} 7\n"
                                   "vllm:time_per_output_token_seconds_count 7\n"
                                   "# TYPE vllm:inter_token_latency_seconds histogram\n"
                                   "vllm:inter_token_latency_seconds_bucket{le=\"0.1\"} 2\n"
                                   "vllm:inter_token_latency_seconds_bucket{le=\"+Inf\"} 3\n"
                                   "vllm:inter_token_latency_seconds_count 3\n");
    CHECK_VALUE(m.value(ServerSeries::KvCacheUsage), 0.3);
    QVERIFY(m.histogram(ServerHistogram::Itl));
    QCOMPARE(m.histogram(ServerHistogram::Itl)->count, 3.0);
    // Both are known names: neither is listed as unmapped.
    QVERIFY(m.unmappedFamilies.isEmpty());

    // The older name alone is read.
    const MappedScrape old = mapText("# TYPE vllm:time_per_output_token_seconds histogram\n"
                                     "vllm:time_per_output_token_seconds_bucket{le=\"0.1\"} 7\n"
                                     "vllm:time_per_output_token_seconds_bucket{le=\"+Inf\"} 7\n");
    QVERIFY(old.histogram(ServerHistogram::Itl));
    QCOMPARE(old.histogram(ServerHistogram::Itl)->count, 7.0);
}

void TestServerMetricsMapping::countsAddUpAcrossEngines()
{
    const MappedScrape m = mapText("# TYPE vllm:num_requests_running gauge\n"
                                   "vllm:num_requests_running{engine=\"0\"} 3\n"
                                   "vllm:num_requests_running{engine=\"1\"} 5\n"
                                   "# TYPE vllm:generation_tokens_total counter\n"
                                   "vllm:generation_tokens_total{engine=\"0\"} 100\n"
                                   "vllm:generation_tokens_total{engine=\"1\"} 250\n");
    CHECK_VALUE(m.value(ServerSeries::Running), 8.0);
    CHECK_VALUE(m.value(ServerSeries::GenerationTokensPerS), 350.0);
}

void TestServerMetricsMapping::openMetricsStyleCounter()
{
    const MappedScrape m = mapText("# TYPE vllm:prompt_tokens counter\n"
                                   "vllm:prompt_tokens_total 42\n"
                                   "vllm:prompt_tokens_created 1.7e9\n");
    CHECK_VALUE(m.value(ServerSeries::PromptTokensPerS), 42.0);
}

void TestServerMetricsMapping::nonFiniteValuesAreNoValues()
{
    const MappedScrape m = mapText("vllm:num_requests_running NaN\nvllm:num_requests_waiting +Inf\n");
    CHECK_VALUE(m.value(ServerSeries::Running), Absent);
    CHECK_VALUE(m.value(ServerSeries::Waiting), Absent);
}

void TestServerMetricsMapping::detectKind_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<ServerKind>("kind");

    QTest::newRow("vllm") << QByteArray("vllm:num_requests_running 1\n") << ServerKind::Vllm;
    QTest::newRow("sglang") << QByteArray("sglang:num_running_reqs 1\n") << ServerKind::Sglang;
    QTest::newRow("tgi") << QByteArray("tgi_queue_size 1\n") << ServerKind::Tgi;
    QTest::newRow("llama.cpp") << QByteArray("llamacpp:requests_processing 1\n") << ServerKind::LlamaCpp;
    QTest::newRow("nothing known") << QByteArray("process_cpu_seconds_total 1\nup 1\n")
                                   << ServerKind::Unknown;
    QTest::newRow("empty") << QByteArray() << ServerKind::Unknown;
    QTest::newRow("most families win")
        << QByteArray("vllm:a 1\nsglang:b 1\nsglang:c 1\nprocess_x 1\n") << ServerKind::Sglang;
    QTest::newRow("prefix must start the name")
        << QByteArray("my_vllm:a 1\nxtgi_b 1\n") << ServerKind::Unknown;
}

void TestServerMetricsMapping::detectKind()
{
    QFETCH(QByteArray, text);
    QFETCH(ServerKind, kind);
    QCOMPARE(ServerMetrics::detectKind(parse(text)), kind);
}

void TestServerMetricsMapping::otherValuesAreCapped()
{
    QByteArray text;
    for (int i = 0; i < 300; ++i)
        text += "unmapped_" + QByteArray::number(i) + " 1\n";
    const MappedScrape m = mapText(text);
    QCOMPARE(m.other.size(), ServerMetrics::MaxOtherValues);
    QCOMPARE(m.unmappedFamilies.size(), 300);
}

void TestServerMetricsMapping::names()
{
    QStringList seen;
    for (const ServerSeries s : ServerMetrics::allSeries()) {
        const QString name = ServerMetrics::name(s);
        QVERIFY(!name.isEmpty() && !seen.contains(name));
        seen.append(name);
        QCOMPARE(ServerMetrics::seriesFromName(name), std::optional<ServerSeries>(s));
    }
    for (const ServerHistogram h : ServerMetrics::allHistograms()) {
        const QString name = ServerMetrics::name(h);
        QVERIFY(name.startsWith(QLatin1String("server_")) && !seen.contains(name));
        seen.append(name);
        QCOMPARE(ServerMetrics::histogramFromName(name), std::optional<ServerHistogram>(h));
    }
    QCOMPARE(ServerMetrics::name(ServerSeries::Running), QStringLiteral("running"));
    QCOMPARE(ServerMetrics::name(ServerSeries::Waiting), QStringLiteral("waiting"));
    QCOMPARE(ServerMetrics::name(ServerSeries::KvCacheUsage), QStringLiteral("kv_cache_usage"));
    QCOMPARE(ServerMetrics::name(ServerHistogram::Ttft), QStringLiteral("server_ttft"));
    QCOMPARE(ServerMetrics::kind(ServerSeries::Running), SeriesKind::Gauge);
    QCOMPARE(ServerMetrics::kind(ServerSeries::GenerationTokensPerS), SeriesKind::Rate);
    QCOMPARE(ServerMetrics::kind(ServerSeries::Preemptions), SeriesKind::Increase);
    QVERIFY(!ServerMetrics::seriesFromName(u"nope"));

    for (const ServerKind k : { ServerKind::Vllm, ServerKind::Sglang, ServerKind::Tgi, ServerKind::LlamaCpp })
        QCOMPARE(ServerMetrics::kindFromName(ServerMetrics::kindName(k)), k);
    QCOMPARE(ServerMetrics::kindFromName(u"whatever"), ServerKind::Unknown);
    QCOMPARE(ServerMetrics::sourcesOf(ServerSeries::KvCacheUsage, ServerKind::Vllm),
             QStringList({ QStringLiteral("vllm:kv_cache_usage_perc"),
                           QStringLiteral("vllm:gpu_cache_usage_perc") }));
    QVERIFY(ServerMetrics::sourcesOf(ServerHistogram::Ttft, ServerKind::Tgi).isEmpty());
}

QTEST_GUILESS_MAIN(TestServerMetricsMapping)
#include "tst_servermetricsmapping.moc"
