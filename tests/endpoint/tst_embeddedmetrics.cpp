// GET /metrics of the embedded endpoint against its own scheduler: the project's streaming
// client is the load, a plain QNetworkAccessManager the scraper, and the Prometheus text is
// read here with a few lines of the test's own (no parser of the project's).
#include "client/streamingclient.h"
#include "endpoint/embeddedendpoint.h"
#include "endpoint/embeddedendpointservice.h"

#include <QEventLoop>
#include <QMap>
#include <QNetworkAccessManager>
#include <QNetworkProxy>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QTest>
#include <QTimer>

#include <algorithm>
#include <cmath>
#include <limits>
#include <memory>
#include <vector>

namespace {

using Labels = QMap<QByteArray, QByteArray>;

struct Sample
{
    QByteArray name;
    Labels labels;
    double value = 0;
};

/// One scrape: the response and its samples, "# HELP" names and "# TYPE" lines.
struct Scrape
{
    int status = 0;
    QByteArray contentType;
    QList<Sample> samples;
    QList<QByteArray> helped; // metric names with a # HELP line
    QList<QByteArray> typed; // "name type" of each # TYPE line

    /// The one sample called \a name whose labels include \a labels; NaN when none or several.
    double value(const QByteArray &name, const Labels &labels = {}) const
    {
        double found = std::numeric_limits<double>::quiet_NaN();
        int matches = 0;
        for (const Sample &s : samples) {
            if (s.name != name)
                continue;
            bool all = true;
            for (auto it = labels.cbegin(); it != labels.cend(); ++it)
                all = all && s.labels.value(it.key()) == it.value();
            if (all) {
                found = s.value;
                ++matches;
            }
        }
        return matches == 1 ? found : std::numeric_limits<double>::quiet_NaN();
    }

    double running() const { return value("vllm:num_requests_running"); }
    double waiting() const { return value("vllm:num_requests_waiting"); }
    double succeeded() const
    {
        return value("vllm:request_success_total", { { "finished_reason", "stop" } })
            + value("vllm:request_success_total", { { "finished_reason", "length" } });
    }
};

/// The text format as far as the endpoint writes it: `name{k="v",...} value` per line.
/// Label values here hold no commas or quotes (the model name, bucket bounds, reasons).
void parseInto(const QByteArray &body, Scrape &scrape)
{
    for (const QByteArray &line : body.split('\n')) {
        if (line.isEmpty())
            continue;
        if (line.startsWith("# HELP ")) {
            scrape.helped.append(line.mid(7).split(' ').value(0));
            continue;
        }
        if (line.startsWith("# TYPE ")) {
            scrape.typed.append(line.mid(7));
            continue;
        }
        if (line.startsWith('#'))
            continue;
        Sample sample;
        const qsizetype space = line.lastIndexOf(' ');
        bool ok = false;
        sample.value = line.mid(space + 1).toDouble(&ok);
        if (!ok)
            sample.value = std::numeric_limits<double>::quiet_NaN();
        const QByteArray series = line.left(space);
        const qsizetype brace = series.indexOf('{');
        sample.name = brace < 0 ? series : series.left(brace);
        if (brace >= 0) {
            const QByteArray inner = series.mid(brace + 1, series.size() - brace - 2);
            for (const QByteArray &pair : inner.split(',')) {
                const qsizetype eq = pair.indexOf('=');
                QByteArray v = pair.mid(eq + 1);
                if (v.startsWith('"') && v.endsWith('"'))
                    v = v.mid(1, v.size() - 2);
                sample.labels.insert(pair.left(eq), v);
            }
        }
        scrape.samples.append(sample);
    }
}

LatencyModel fastPreset()
{
    // The fast preset as it is: 20 ms a decode step, so a stream of a hundred tokens stays in
    // the batch for about two seconds, a wide window for a scrape "mid-run".
    return LatencyModels::fast();
}

GenerationRequest question(int maxTokens)
{
    GenerationRequest r;
    r.messages = { { QStringLiteral("user"), QStringLiteral("Why is the first token slow under load?") } };
    r.maxTokens = maxTokens;
    r.stream = true;
    return r;
}

double ttftMs(const RequestTrace &trace)
{
    return double(trace.firstTokenNs - trace.startNs) / 1e6;
}

} // namespace

class TestEmbeddedMetrics : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void idleScrapeHasEveryFamily();
    void runningMatchesConcurrency();
    void queueBeyondCapacity();
    void cancelledRequestsLeaveTheQueue();

private:
    Scrape scrape(const EmbeddedEndpointRunner &endpoint, const QByteArray &verb = "GET");
    std::vector<std::unique_ptr<RequestHandle>> startMany(const EmbeddedEndpointRunner &endpoint, int count,
                                                          int maxTokens);

    QNetworkAccessManager m_scraper;
    StreamingClient m_client;
};

void TestEmbeddedMetrics::initTestCase()
{
    // A proxy from the environment must not see the loopback scrapes.
    m_scraper.setProxy(QNetworkProxy::NoProxy);
}

Scrape TestEmbeddedMetrics::scrape(const EmbeddedEndpointRunner &endpoint, const QByteArray &verb)
{
    QUrl url = endpoint.baseUrl();
    url.setPath(QStringLiteral("/metrics"));
    QNetworkRequest request(url);
    // Plain HTTP/1.1, as a Prometheus server scrapes (no h2c upgrade offered).
    request.setAttribute(QNetworkRequest::Http2AllowedAttribute, false);
    std::unique_ptr<QNetworkReply> reply(
        verb == "GET" ? m_scraper.get(request) : m_scraper.sendCustomRequest(request, verb, QByteArray()));
    QEventLoop loop;
    connect(reply.get(), &QNetworkReply::finished, &loop, &QEventLoop::quit);
    QTimer::singleShot(10'000, &loop, &QEventLoop::quit);
    if (!reply->isFinished())
        loop.exec();
    Scrape result;
    if (!reply->isFinished()) {
        reply->abort();
        return result;
    }
    result.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    result.contentType = reply->rawHeader("Content-Type");
    parseInto(reply->readAll(), result);
    return result;
}

std::vector<std::unique_ptr<RequestHandle>>
TestEmbeddedMetrics::startMany(const EmbeddedEndpointRunner &endpoint, int count, int maxTokens)
{
    const EndpointProfile profile
        = EmbeddedEndpointService::profileFor(endpoint.baseUrl(), Protocol::OpenAIChat);
    std::vector<std::unique_ptr<RequestHandle>> handles;
    for (int i = 0; i < count; ++i)
        handles.push_back(m_client.start(profile, question(maxTokens)));
    return handles;
}

void TestEmbeddedMetrics::idleScrapeHasEveryFamily()
{
    EmbeddedEndpointRunner endpoint;
    QVERIFY2(endpoint.start(fastPreset()), qPrintable(endpoint.errorString()));

    const Scrape idle = scrape(endpoint);
    QCOMPARE(idle.status, 200);
    QCOMPARE(idle.contentType, QByteArrayLiteral("text/plain; version=0.0.4; charset=utf-8"));
    const QList<QByteArray> families = {
        "vllm:num_requests_running gauge",
        "vllm:num_requests_waiting gauge",
        "vllm:gpu_cache_usage_perc gauge",
        "vllm:kv_cache_usage_perc gauge",
        "vllm:prompt_tokens_total counter",
        "vllm:generation_tokens_total counter",
        "vllm:num_preemptions_total counter",
        "vllm:request_success_total counter",
        "vllm:time_to_first_token_seconds histogram",
        "vllm:time_per_output_token_seconds histogram",
        "vllm:e2e_request_latency_seconds histogram",
        "vllm:request_queue_time_seconds histogram",
    };
    for (const QByteArray &family : families) {
        QVERIFY2(idle.typed.contains(family), family.constData());
        QVERIFY2(idle.helped.contains(family.split(' ').constFirst()), family.constData());
    }
    for (const Sample &s : idle.samples)
        QCOMPARE(s.labels.value("model_name"), QByteArrayLiteral("tokenscope-sim"));
    QCOMPARE(idle.running(), 0.0);
    QCOMPARE(idle.waiting(), 0.0);
    QCOMPARE(idle.value("vllm:gpu_cache_usage_perc"), 0.0);
    QCOMPARE(idle.value("vllm:num_preemptions_total"), 0.0);
    QCOMPARE(idle.succeeded(), 0.0);
    QCOMPARE(idle.value("vllm:time_to_first_token_seconds_count"), 0.0);
    QCOMPARE(idle.value("vllm:time_to_first_token_seconds_bucket", { { "le", "+Inf" } }), 0.0);

    // Only GET: the route exists, so another method is told which one to use.
    QCOMPARE(scrape(endpoint, "POST").status, 405);
}

void TestEmbeddedMetrics::runningMatchesConcurrency()
{
    constexpr int Streams = 8;
    constexpr int MaxTokens = 100;
    EmbeddedEndpointRunner endpoint;
    QVERIFY2(endpoint.start(fastPreset()), qPrintable(endpoint.errorString()));
    const auto handles = startMany(endpoint, Streams, MaxTokens);

    // Mid-run: once all eight have reached the engine, all eight run and none waits.
    Scrape mid;
    QTRY_VERIFY_WITH_TIMEOUT((mid = scrape(endpoint)).running() == Streams, 10'000);
    QCOMPARE(mid.waiting(), 0.0);
    const double usage = mid.value("vllm:gpu_cache_usage_perc");
    QVERIFY2(usage > 0 && usage < 1, qPrintable(QString::number(usage)));

    for (const auto &handle : handles)
        QTRY_VERIFY_WITH_TIMEOUT(handle->isFinished(), 30'000);
    qint64 streamed = 0;
    qint64 promptTokens = 0;
    double clientTtftSeconds = 0;
    for (const auto &handle : handles) {
        const RequestTrace &trace = handle->trace();
        QVERIFY2(trace.ok(), qPrintable(trace.errorMessage));
        QCOMPARE(trace.chunks.size(), qsizetype(MaxTokens));
        streamed += trace.chunks.size();
        QVERIFY(trace.usage.promptTokens.has_value());
        promptTokens += *trace.usage.promptTokens;
        clientTtftSeconds += ttftMs(trace) / 1000;
    }

    const Scrape after = scrape(endpoint);
    QCOMPARE(after.status, 200);
    QCOMPARE(after.running(), 0.0);
    QCOMPARE(after.waiting(), 0.0);
    QCOMPARE(after.value("vllm:gpu_cache_usage_perc"), 0.0);
    QCOMPARE(after.value("vllm:generation_tokens_total"), double(streamed));
    QCOMPARE(after.value("vllm:prompt_tokens_total"), double(promptTokens));
    // max_tokens was given and reached: every request finished by length.
    QCOMPARE(after.succeeded(), double(Streams));
    QCOMPARE(after.value("vllm:request_success_total", { { "finished_reason", "length" } }), double(Streams));
    QCOMPARE(after.value("vllm:time_to_first_token_seconds_count"), double(Streams));
    QCOMPARE(after.value("vllm:e2e_request_latency_seconds_count"), double(Streams));
    // As vLLM does: one observation per gap between two tokens of a request.
    QCOMPARE(after.value("vllm:time_per_output_token_seconds_count"), double(streamed - Streams));

    // Buckets are cumulative and end at the count.
    double previous = 0;
    for (const Sample &s : after.samples) {
        if (s.name != "vllm:time_to_first_token_seconds_bucket")
            continue;
        QVERIFY2(s.value >= previous, s.labels.value("le").constData());
        previous = s.value;
    }
    QCOMPARE(previous, double(Streams));

    // The server counts from the request's arrival to its first token written: inside what
    // the client saw, which also holds the network on both sides.
    const double serverTtftSeconds = after.value("vllm:time_to_first_token_seconds_sum");
    QVERIFY2(
        serverTtftSeconds > 0 && serverTtftSeconds <= clientTtftSeconds,
        qPrintable(QStringLiteral("server %1 s, client %2 s").arg(serverTtftSeconds).arg(clientTtftSeconds)));
    QCOMPARE(endpoint.stats().running, 0);
}

void TestEmbeddedMetrics::queueBeyondCapacity()
{
    constexpr int Streams = 8;
    constexpr int Slots = 4;
    constexpr int MaxTokens = 100;
    EmbeddedEndpointRunner endpoint;
    EndpointCapacity capacity;
    capacity.maxConcurrentDecodes = Slots;
    endpoint.setCapacity(capacity);
    QVERIFY2(endpoint.start(fastPreset()), qPrintable(endpoint.errorString()));
    QCOMPARE(endpoint.capacity().maxConcurrentDecodes, Slots);
    const auto handles = startMany(endpoint, Streams, MaxTokens);

    Scrape mid;
    QTRY_VERIFY_WITH_TIMEOUT((mid = scrape(endpoint)).running() == Slots && mid.waiting() == Streams - Slots,
                             10'000);

    for (const auto &handle : handles)
        QTRY_VERIFY_WITH_TIMEOUT(handle->isFinished(), 30'000);
    std::vector<double> ttft;
    for (const auto &handle : handles) {
        const RequestTrace &trace = handle->trace();
        QVERIFY2(trace.ok(), qPrintable(trace.errorMessage));
        QCOMPARE(trace.chunks.size(), qsizetype(MaxTokens));
        ttft.push_back(ttftMs(trace));
    }
    std::sort(ttft.begin(), ttft.end());
    // The queued four start only when one of the first four has decoded all its tokens, so
    // their first token comes a whole decode later; without the limit all eight are alike.
    const double decodeMs = (MaxTokens - 1) * fastPreset().generationMsPerToken;
    QVERIFY2(ttft.at(Slots) - ttft.at(Slots - 1) > 0.5 * decodeMs,
             qPrintable(QStringLiteral("TTFT of the last admitted %1 ms, of the first queued %2 ms")
                            .arg(ttft.at(Slots - 1))
                            .arg(ttft.at(Slots))));

    const Scrape after = scrape(endpoint);
    QCOMPARE(after.running(), 0.0);
    QCOMPARE(after.waiting(), 0.0);
    QCOMPARE(after.succeeded(), double(Streams));
    QCOMPARE(after.value("vllm:time_to_first_token_seconds_count"), double(Streams));
    QCOMPARE(after.value("vllm:e2e_request_latency_seconds_count"), double(Streams));
    QCOMPARE(after.value("vllm:request_queue_time_seconds_count"), double(Streams));
    const double queuedSeconds = after.value("vllm:request_queue_time_seconds_sum");
    QVERIFY2(queuedSeconds > (Streams - Slots) * 0.5 * decodeMs / 1000,
             qPrintable(QString::number(queuedSeconds)));
}

void TestEmbeddedMetrics::cancelledRequestsLeaveTheQueue()
{
    // One slot, four requests, each decoding for seconds: nothing finishes during the test.
    EmbeddedEndpointRunner endpoint;
    EndpointCapacity capacity;
    capacity.maxConcurrentDecodes = 1;
    endpoint.setCapacity(capacity);
    QVERIFY2(endpoint.start(fastPreset()), qPrintable(endpoint.errorString()));
    auto handles = startMany(endpoint, 4, 300);

    Scrape s;
    QTRY_VERIFY_WITH_TIMEOUT((s = scrape(endpoint)).running() == 1 && s.waiting() == 3, 10'000);
    const auto started = [&handles] {
        return std::count_if(handles.cbegin(), handles.cend(),
                             [](const auto &h) { return h && h->trace().firstTokenNs >= 0; });
    };
    QTRY_COMPARE_WITH_TIMEOUT(int(started()), 1, 10'000);

    // A queued request whose client gives up leaves the queue.
    auto queued = std::find_if(handles.begin(), handles.end(),
                               [](const auto &h) { return h->trace().firstTokenNs < 0; });
    QVERIFY(queued != handles.end());
    queued->reset();
    QTRY_VERIFY_WITH_TIMEOUT((s = scrape(endpoint)).running() == 1 && s.waiting() == 2, 10'000);

    // The running one gives up: its slot goes to the head of the queue.
    auto running = std::find_if(handles.begin(), handles.end(),
                                [](const auto &h) { return h && h->trace().firstTokenNs >= 0; });
    QVERIFY(running != handles.end());
    (*running)->cancel();
    QTRY_VERIFY_WITH_TIMEOUT((s = scrape(endpoint)).running() == 1 && s.waiting() == 1, 10'000);

    // Lifting the limit admits the rest at once.
    endpoint.setCapacity(EndpointCapacity {});
    QTRY_VERIFY_WITH_TIMEOUT((s = scrape(endpoint)).running() == 2 && s.waiting() == 0, 10'000);
    QCOMPARE(s.succeeded(), 0.0);
}

QTEST_GUILESS_MAIN(TestEmbeddedMetrics)
#include "tst_embeddedmetrics.moc"
