#include "clicommon.h"
#include "clihistory.h"
#include "cliservermetrics.h"
#include "clishard.h"
#include "commands_p.h"
#include "cliworkload.h"

#include "client/streamingclient.h"
#include "common/clock.h"
#include "common/wallclock.h"
#include "format/runexport.h"
#include "format/servermetricsjson.h"
#include "load/loadrunner.h"
#include "load/promptset.h"
#include "metrics/phaseranges.h"
#include "metrics/workloadbreakdown.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QPointer>

#include <memory>

#include <sys/resource.h>

namespace {

// CPU time this process has used (user + system), in seconds.
double processCpuSeconds()
{
    rusage usage {};
    getrusage(RUSAGE_SELF, &usage);
    return double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec)
        + double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6;
}

using CliCommon::fmt;

QString summaryRow(const QString &label, const Distribution &d)
{
    QString line = CliCommon::padRight(label, 16);
    if (d.isEmpty())
        return line + QStringLiteral("      -");
    for (double v : { d.mean, d.p50, d.p90, d.p95, d.p99, d.min, d.max })
        line += fmt(v).rightJustified(9);
    return line;
}

void printSummary(const LoadConfig &config, const QList<GenerationRequest> &prompts, const RunSummary &s,
                  const QList<RequestRecord> &records,
                  const std::optional<EndpointStats> &embedded, double clientCpuSeconds)
{
    QTextStream &out = CliCommon::out();
    out << '\n'
        << CliText::tr("Endpoint: %1 (%2, model %3)")
               .arg(config.endpoint.name, Protocols::name(config.endpoint.protocol), config.endpoint.model)
        << '\n';
    out << CliText::tr("Requests: %1 ok, %2 failed, %3 cancelled   wall time %4 s")
               .arg(s.requestsOk)
               .arg(s.requestsFailed)
               .arg(s.requestsCancelled)
               .arg(fmt(s.wallMs / 1000.0, 2))
        << '\n';
    for (auto it = s.failuresByClass.cbegin(); it != s.failuresByClass.cend(); ++it) {
        QString example;
        for (const RequestRecord &r : records) {
            if (!r.warmup && r.trace.error == it.key()) {
                example = r.trace.errorMessage;
                break;
            }
        }
        out << "  " << CliText::tr("%1 × %2: %3").arg(it.value()).arg(ErrorClasses::name(it.key()), example)
            << '\n';
    }
    if (s.requestsOk == 0) {
        out.flush();
        return;
    }
    out << '\n' << QString().leftJustified(16);
    for (const char *h : { "mean", "p50", "p90", "p95", "p99", "min", "max" })
        out << QString::fromLatin1(h).rightJustified(9);
    out << '\n'
        << summaryRow(CliText::tr("TTFT (ms)"), s.ttftMs) << '\n'
        << summaryRow(CliText::tr("ITL (ms)"), s.itlMs) << '\n'
        << summaryRow(CliText::tr("TPOT (ms)"), s.tpotMs) << '\n'
        << summaryRow(CliText::tr("E2E (ms)"), s.e2eMs) << '\n';
    if (!s.clientWaitMs.isEmpty()) {
        out << summaryRow(CliText::tr("E2E sched (ms)"), s.e2eFromScheduleMs) << '\n'
            << summaryRow(CliText::tr("Client wait (ms)"), s.clientWaitMs) << '\n';
    }
    if (s.ttfatMs.count > 0 && s.ttfatMs.mean - s.ttftMs.mean > 0.5)
        out << summaryRow(CliText::tr("TTFA (ms)"), s.ttfatMs) << '\n';
    out << '\n'
        << CliText::tr("Output tokens/s: %1 (peak %2)   requests/s: %3   peak concurrency: %4")
               .arg(fmt(s.outputTokensPerSecond), fmt(s.peakOutputTokensPerSecond),
                    fmt(s.requestsPerSecond, 2))
               .arg(s.peakConcurrency)
        << '\n';
    if (embedded)
        out << CliText::tr(
                   "Embedded endpoint: peak %1 streams served at once (its CPU time is included below)")
                   .arg(embedded->peakStreams)
            << '\n';
    const WorkloadBreakdown workload = WorkloadBreakdown::of(records, prompts);
    // Conversations: the TTFT of each turn, as the history it carries grows.
    if (!workload.ttftByTurnMs.isEmpty()) {
        QStringList turns;
        for (auto it = workload.ttftByTurnMs.cbegin(); it != workload.ttftByTurnMs.cend(); ++it)
            turns.append(CliText::tr("%1: %2 ms").arg(it.key()).arg(fmt(it.value().p50)));
        out << CliText::tr("TTFT p50 by conversation turn: %1").arg(turns.join(QStringLiteral("   "))) << '\n';
    }
    if (!workload.cachedTtftMs.isEmpty()) {
        // What the server's prompt (prefix) cache did for the requests it served partly from it.
        out << CliText::tr("Prompt cache: %1 of %2 requests read %3% of their prompt tokens from the server's cache; "
                           "TTFT p50 %4 ms with, %5 ms without")
                   .arg(workload.cachedTtftMs.count)
                   .arg(workload.cachedTtftMs.count + workload.uncachedTtftMs.count)
                   .arg(fmt(100.0 * workload.cachedTokenShare()))
                   .arg(fmt(workload.cachedTtftMs.p50),
                        workload.uncachedTtftMs.isEmpty() ? QStringLiteral("-") : fmt(workload.uncachedTtftMs.p50))
            << '\n';
    }
    if (workload.requestsEndedEarly > 0)
        out << CliText::tr("%1 of %2 requests ended before their max_tokens (the model stopped; --ignore-eos asks "
                           "it not to where the server allows)")
                   .arg(workload.requestsEndedEarly)
                   .arg(workload.requestsWithTarget)
            << '\n';
    if (s.totalOutputTokens > 0)
        out << CliText::tr("Client CPU time: %1 s, %2 µs per output token")
                   .arg(fmt(clientCpuSeconds, 2), fmt(clientCpuSeconds * 1e6 / double(s.totalOutputTokens)))
            << '\n';
    // What the client itself cost: a figure that includes client delay must say so.
    if (const std::optional<ClientOverhead> &c = s.client) {
        out << CliText::tr("Client overhead: event-loop lag p50 %1 / p99 %2 / max %3 ms; dispatch delay p50 %4 / "
                           "p99 %5 / max %6 ms; %n I/O thread(s) busy %7% of the run",
                           nullptr, c->ioThreads)
                   .arg(fmt(c->lagMs.p50, 2), fmt(c->lagMs.p99, 2), fmt(c->lagMs.max, 2),
                        fmt(s.dispatchDelayMs.p50, 2), fmt(s.dispatchDelayMs.p99, 2), fmt(s.dispatchDelayMs.max, 2),
                        fmt(100.0 * c->cpuShare(), 0))
            << '\n';
        if (c->includesClientDelay())
            out << CliText::tr("Warning: %1").arg(c->warning()) << '\n';
    }
    // Whose clock the token times are on: the kernel's stamps are immune to the lag above.
    if (const int kernel = s.kernelTimedRequests, total = s.timedRequests; total > 0) {
        if (kernel == total)
            out << CliText::tr("Receive times: the kernel's, for every request (when the bytes arrived, however "
                               "late the client read them)");
        else if (kernel == 0)
            out << CliText::tr("Receive times: when the client read the bytes (the kernel's are used on plain "
                               "TCP only, not through TLS or a proxy)");
        else
            out << CliText::tr("Receive times: the kernel's for %1 of %2 requests, the others' when the client read "
                               "their bytes")
                       .arg(kernel)
                       .arg(total);
        out << '\n';
    }

    out << '\n' << CliText::tr("Latency breakdown (mean ms of successful requests):") << '\n';
    const PhaseBreakdown b = s.meanBreakdown();
    const double total = std::max(b.total(), 1e-9);
    constexpr int BarWidth = 30;
    // Each mean beside the typical range claimed for its phase, and where it falls.
    out << "  " << QString(18 + 9 + 2 + BarWidth + 2, u' ') << CliCommon::padRight(CliText::tr("source"), 17)
        << CliCommon::padRight(CliText::tr("typical range"), 26) << CliText::tr("vs typical range") << '\n';
    for (Phase p : Phases::all()) {
        const double v = b[p];
        const int bar = int(v / total * BarWidth + 0.5);
        const RangeVerdict verdict = Phases::verdict(p, v);
        const QString verdictText = verdict == RangeVerdict::NoRange
            ? QStringLiteral("-")
            : Phases::verdictSymbol(verdict) + u' ' + Phases::verdictLabel(verdict);
        out << "  " << CliCommon::padRight(Phases::label(p), 18) << fmt(v).rightJustified(9) << "  "
            << QString(bar, u'#').leftJustified(BarWidth) << "  "
            << CliCommon::padRight(Phases::sourceLabel(b.sourceOf(p)), 17)
            << CliCommon::padRight(Phases::typicalRangeText(p), 26) << verdictText << '\n';
    }
    out << "  " << CliCommon::padRight(CliText::tr("Total"), 18) << fmt(b.total()).rightJustified(9) << '\n';
    out.flush();
}

} // namespace

QCoro::Task<int> CliCommands::run(QStringList arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(CliText::tr(
        "Sends streaming requests to an endpoint and reports TTFT, ITL, TPOT, end-to-end latency, "
        "throughput and the five-phase latency breakdown. Without --endpoint, a simulated "
        "endpoint is started in-process."));
    parser.addHelpOption();
    parser.addOptions(CliCommon::endpointOptions());
    parser.addOptions(CliCommon::promptOptions());
    parser.addOptions({
        { QStringLiteral("requests"), CliText::tr("Measured requests (default 10)."), CliText::tr("n"),
          QStringLiteral("10") },
        { QStringLiteral("concurrency"),
          CliText::tr("Requests in flight at once (default 1); with --rate, a cap (0 = none)."),
          CliText::tr("n") },
        { QStringLiteral("rate"),
          CliText::tr("Send at this many requests per second instead of a closed loop."), CliText::tr("r") },
        { QStringLiteral("poisson"),
          CliText::tr("With --rate: exponential gaps between sends (a Poisson process).") },
        { QStringLiteral("seed"), CliText::tr("Seed of the Poisson schedule (default 1)."), CliText::tr("n"),
          QStringLiteral("1") },
        { QStringLiteral("warmup"),
          CliText::tr("Warm-up requests sent first and left out of the statistics."), CliText::tr("n"),
          QStringLiteral("0") },
    });
    parser.addOptions(CliCommon::requestOptions());
    parser.addOption(CliCommon::ioThreadsOption());
    parser.addOptions(CliWorkload::options());
    parser.addOptions(CliWorkload::scheduleOptions());
    parser.addOptions({
        { QStringLiteral("json"), CliText::tr("Write the summary and every request as JSON."),
          CliText::tr("file") },
        { QStringLiteral("csv"), CliText::tr("Write one CSV row per request."), CliText::tr("file") },
        { QStringLiteral("quiet"), CliText::tr("No progress line.") },
    });
    parser.addOptions(CliServerMetrics::options());
    parser.addOption(CliServerMetrics::csvOption());
    parser.addOptions(CliHistory::options());
    parser.addOptions(CliShard::options());
    CliCommon::addSimulationOptions(parser);
    if (const auto status = CliCommon::parseCommandLine(parser, arguments))
        co_return *status;

    auto target = CliCommon::targetFrom(parser);
    if (!target)
        co_return 2;
    const auto serverMetricsSettings = CliServerMetrics::settingsFrom(parser);
    if (!serverMetricsSettings)
        co_return 2;
    LoadConfig config;
    EndpointProfile &profile = config.endpoint;

    auto intOption = [&parser](const char *name, int min, int max) -> std::optional<int> {
        const auto v = CliCommon::number(parser, QString::fromLatin1(name), min, max);
        if (!v)
            return std::nullopt;
        return int(*v);
    };
    const auto requests = intOption("requests", 1, 10'000'000);
    const auto warmup = intOption("warmup", 0, 1'000'000);
    if (!requests || !warmup)
        co_return 2;
    config.requests = *requests;
    config.warmup = *warmup;
    config.concurrency = 1;
    if (parser.isSet(QStringLiteral("rate"))) {
        const auto rate = CliCommon::number(parser, QStringLiteral("rate"), 1e-6, 1e6);
        if (!rate)
            co_return 2;
        config.rate = *rate;
        config.concurrency = 0;
        config.poisson = parser.isSet(QStringLiteral("poisson"));
        bool ok = false;
        config.seed = parser.value(QStringLiteral("seed")).toULongLong(&ok);
        if (!ok) {
            CliCommon::printError(CliText::tr("--seed expects a whole number"));
            co_return 2;
        }
    } else if (parser.isSet(QStringLiteral("poisson"))) {
        CliCommon::printError(CliText::tr("--poisson needs --rate"));
        co_return 2;
    }
    if (parser.isSet(QStringLiteral("concurrency"))) {
        const auto c = intOption("concurrency", config.rate > 0 ? 0 : 1, 100'000);
        if (!c)
            co_return 2;
        config.concurrency = *c;
    }

    // The target: a real endpoint, or the embedded one on its own thread.
    std::unique_ptr<EmbeddedEndpointRunner> embedded;
    if (!CliCommon::startTarget(*target, embedded))
        co_return 1;
    profile = target->profile;
    // Synthetic or dataset prompts: one per request, so none repeats (a prefix cache would hit).
    const std::optional<CliWorkload::Workload> workload
        = CliWorkload::apply(parser, target->prompts, *requests + *warmup, profile, true);
    if (!workload)
        co_return 2;
    {
        target->prompts = workload->prompts;
        config.turns = workload->turns;
        config.thinkTimeMs = workload->thinkTimeMs;
        if (!workload->arrivalsNs.isEmpty()) {
            if (config.rate > 0) {
                CliCommon::printError(CliText::tr("--trace sets its own pace: leave out --rate"));
                co_return 2;
            }
            if (parser.isSet(QStringLiteral("requests"))) {
                CliCommon::printError(CliText::tr("--trace sends one request per line: leave out --requests"));
                co_return 2;
            }
            // Warm-up requests use the first prompts; the trace's own lines all follow.
            QList<GenerationRequest> withWarmup = target->prompts.mid(0, std::min<qsizetype>(config.warmup, target->prompts.size()));
            withWarmup.append(target->prompts);
            if (config.warmup > 0 && config.warmup <= target->prompts.size())
                target->prompts = withWarmup;
            config.arrivalsNs = workload->arrivalsNs;
            config.requests = int(workload->arrivalsNs.size());
            // Open loop: the trace's arrivals, not a cap, decide how many are in flight.
            if (!parser.isSet(QStringLiteral("concurrency")))
                config.concurrency = 0;
        }
        if (!parser.isSet(QStringLiteral("quiet"))) {
            for (const QString &note : workload->notes)
                CliCommon::err() << note << '\n';
            CliCommon::err().flush();
        }
    }
    config.prompts = std::move(target->prompts);
    config.options = target->options;
    // A shard sends its part of the run; the whole run is kept to name it and index it.
    bool shardOk = true;
    const std::optional<CliShard::Setup> shard = CliShard::setup(parser, config, embedded != nullptr, &shardOk);
    if (!shardOk)
        co_return 2;
    const bool sharded = shard && shard->spec.isSharded();
    if (sharded && !parser.isSet(QStringLiteral("quiet")))
        CliCommon::err() << CliText::tr("Shard %1 (from %2) of run \"%3\": %4 of %5 requests, concurrency %6")
                                .arg(shard->spec.text(), shard->spec.source, shard->runId)
                                .arg(config.requests)
                                .arg(shard->whole.requests)
                                .arg(config.concurrency)
                         << Qt::endl;

    StreamingClient client;
    if (!CliCommon::applyIoThreads(parser, client))
        co_return 2;
    LoadRunner runner(&client);
    // On the client's clock and its own connection: its points share the requests' time axis,
    // and a scrape never waits behind (or delays) a measured request.
    CliServerMetrics::Session serverMetrics(*serverMetricsSettings, client.clock());
    // Each request is in the history as soon as it ends: a crash loses only those in flight.
    const std::unique_ptr<HistoryStore> history = CliHistory::open(parser);
    CliHistory::Recorder recorder(history.get(), config, QStringLiteral("run"),
                                  parser.values(QStringLiteral("tag")));
    QObject::connect(&runner, &LoadRunner::requestFinished, &runner,
                     [&recorder](const RequestRecord &record) { recorder.append(record); });
    const bool progress = !parser.isSet(QStringLiteral("quiet")) && CliCommon::stderrIsTerminal();
    QElapsedTimer sinceStart;
    sinceStart.start();
    qint64 lastDrawMs = -1000;
    QObject::connect(&runner, &LoadRunner::progress, &runner, [&](int done, int failed, int total) {
        if (!progress)
            return;
        const qint64 now = sinceStart.elapsed();
        if (done < total && now - lastDrawMs < 100)
            return;
        lastDrawMs = now;
        CliCommon::err() << '\r'
                         << CliText::tr("%1/%2 done, %3 failed, %4 in flight, %5 s")
                                .arg(done)
                                .arg(total)
                                .arg(failed)
                                .arg(client.inFlight())
                                .arg(fmt(double(now) / 1000.0))
                         << "   ";
        CliCommon::err().flush();
    });

    CliCommon::err() << CliText::tr("Running %1 requests against %2 (%3) ...")
                            .arg(config.requests)
                            .arg(profile.baseUrl.toString(QUrl::RemoveUserInfo | QUrl::RemoveQuery),
                                 Protocols::name(profile.protocol))
                     << Qt::endl;
    if (shard && shard->startAt.isValid())
        co_await CliShard::waitForStart(shard->startAt);
    // One reading of both clocks: a shard's requests go on a merged timeline by it.
    const qint64 startedNs = client.clock()->nowNs();
    const qint64 startedWallNs = WallClock::nowNs();
    serverMetrics.start(profile.baseUrl);
    co_await serverMetrics.baseline();
    const double cpuBefore = processCpuSeconds();
    QList<RequestRecord> records = co_await runner.run(config);
    // A shard's records carry the whole run's indices: merged shards have each index once.
    if (sharded) {
        for (RequestRecord &r : records)
            r.index = ShardPlan::globalIndex(shard->whole, shard->spec, r.index);
    }
    const double clientCpu = processCpuSeconds() - cpuBefore;
    if (progress)
        CliCommon::err() << '\n';
    // One scrape after the last request, so that the server's histograms hold every request.
    co_await serverMetrics.settle();
    serverMetrics.stop();
    // The run's axis starts at its earliest request, as the requests' "start_offset_ms" do.
    qint64 originNs = -1;
    for (const RequestRecord &r : records) {
        if (r.trace.startNs >= 0 && (originNs < 0 || r.trace.startNs < originNs))
            originNs = r.trace.startNs;
    }
    const std::optional<ServerMetricsRecord> serverRecord
        = serverMetrics.record(originNs >= 0 ? originNs : startedNs);
    if (serverRecord)
        recorder.setServerMetrics(*serverRecord);
    const RunSummary summary = runner.summary();
    if (summary.client)
        recorder.setClientOverhead(*summary.client);
    recorder.finish(runner.wasCancelled());
    std::optional<EndpointStats> stats;
    if (embedded)
        stats = embedded->stats();
    // Records index the whole run's prompts (a shard's too).
    const QList<GenerationRequest> &prompts = sharded ? shard->whole.prompts : config.prompts;
    printSummary(config, prompts, summary, records, stats, clientCpu);
    // --tokenizer endpoint: did the server count each prompt as long as it was asked to be?
    if (const QString check = CliWorkload::lengthCheck(*workload, prompts, records); !check.isEmpty()) {
        CliCommon::out() << check << '\n';
        CliCommon::out().flush();
    }
    if (serverRecord)
        CliServerMetrics::printRunSummary(*serverRecord, summary);

    int status = 0;
    QString writeError;
    if (parser.isSet(QStringLiteral("json"))) {
        RunDocument document;
        // A shard's settings are the whole run's (equal in every shard), its part in "shard".
        document.settings = RunSettings::fromConfig(sharded ? shard->whole : config);
        if (sharded)
            document.shard = CliShard::info(*shard, config.requests, startedNs, startedWallNs);
        document.records = records;
        document.summary = summary;
        document.serverMetrics = serverRecord;
        // Written request by request: the run's whole JSON tree is never in memory at once.
        QJsonObject summaryJson;
        summaryJson.insert(QStringLiteral("client_cpu_s"), clientCpu);
        if (summary.totalOutputTokens > 0)
            summaryJson.insert(QStringLiteral("client_cpu_us_per_token"),
                               clientCpu * 1e6 / double(summary.totalOutputTokens));
        if (stats)
            summaryJson.insert(QStringLiteral("embedded_peak_streams"), stats->peakStreams);
        if (summary.timedRequests > 0)
            summaryJson.insert(QStringLiteral("kernel_receive_times_share"),
                               double(summary.kernelTimedRequests) / double(summary.timedRequests));
        // The process's peak resident memory until now (the embedded endpoint's too, when it
        // ran here), before the JSON is written.
        rusage usage {};
        if (getrusage(RUSAGE_SELF, &usage) == 0)
            summaryJson.insert(QStringLiteral("client_peak_rss_mb"), double(usage.ru_maxrss) / 1024.0);
        if (!RunExport::writeRunJson(parser.value(QStringLiteral("json")), document, summaryJson, {}, &writeError)) {
            CliCommon::printError(writeError);
            status = 1;
        }
    }
    if (parser.isSet(QStringLiteral("csv"))) {
        if (!RunExport::writeFile(parser.value(QStringLiteral("csv")), RunExport::runCsv(records),
                                  &writeError)) {
            CliCommon::printError(writeError);
            status = 1;
        }
    }
    if (parser.isSet(QStringLiteral("server-metrics-csv"))) {
        // Without metrics the file still comes, with its header only: a script finds what it expects.
        if (!RunExport::writeFile(
                parser.value(QStringLiteral("server-metrics-csv")),
                ServerMetricsJson::serverMetricsCsv(serverRecord.value_or(ServerMetricsRecord {})),
                &writeError)) {
            CliCommon::printError(writeError);
            status = 1;
        }
    }
    if (summary.requestsOk == 0) {
        QString reason;
        for (const RequestRecord &r : records) {
            if (!r.warmup && !r.trace.ok()) {
                reason = ErrorClasses::name(r.trace.error) + u": " + r.trace.errorMessage;
                break;
            }
        }
        CliCommon::printError(CliText::tr("no request succeeded (%1 failed; first error %2)")
                                  .arg(summary.requestsFailed + summary.requestsCancelled)
                                  .arg(reason));
        status = 1;
    }
    co_return status;
}
