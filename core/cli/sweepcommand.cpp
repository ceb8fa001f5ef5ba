#include "clicommon.h"
#include "clishard.h"
#include "cliworkload.h"
#include "clihistory.h"
#include "cliservermetrics.h"
#include "commands_p.h"

#include "batching/endpointsweep.h"
#include "client/streamingclient.h"
#include "common/clock.h"
#include "common/wallclock.h"
#include "format/batchexport.h"
#include "format/runexport.h"
#include "format/servermetricsjson.h"

#include <QJsonArray>

#include <QElapsedTimer>
#include <QJsonDocument>
#include <QJsonObject>

#include <memory>

namespace {

/// Distinct prompts a sweep's workload options make (then used in turn).
constexpr int SweepPromptCount = 500;

using CliCommon::fmt;

QString levelText(double level)
{
    return QString::number(level, 'g', 6);
}

void printTable(const QList<SweepLevelResult> &results, const QList<int> &front, SweepAxis axis)
{
    QTextStream &out = CliCommon::out();
    const QStringList headers {
        axis == SweepAxis::Concurrency ? CliText::tr("conc") : CliText::tr("rate"),
        CliText::tr("ok"),
        CliText::tr("failed"),
        CliText::tr("req/s"),
        CliText::tr("tok/s"),
        CliText::tr("TTFT p50"),
        CliText::tr("TTFT p99"),
        CliText::tr("TPOT p50"),
        CliText::tr("TPOT p99"),
        CliText::tr("E2E p50"),
        CliText::tr("E2E p99"),
        CliText::tr("stable"),
        CliText::tr("goodput"),
    };
    const int widths[] = { 8, 6, 7, 8, 9, 9, 9, 9, 9, 9, 9, 7, 8 };
    out << "  ";
    for (qsizetype c = 0; c < headers.size(); ++c)
        out << CliCommon::padRight(headers.at(c), widths[c]) << ' ';
    out << '\n';
    for (qsizetype i = 0; i < results.size(); ++i) {
        const SweepLevelResult &r = results.at(i);
        const QStringList cells {
            levelText(r.level),
            QString::number(r.requestsOk),
            QString::number(r.requestsFailed),
            fmt(r.requestsPerSecond, 2),
            fmt(r.outputTokensPerSecond),
            fmt(r.ttftMs.p50),
            fmt(r.ttftMs.p99),
            fmt(r.tpotMs.p50),
            fmt(r.tpotMs.p99),
            fmt(r.e2eMs.p50),
            fmt(r.e2eMs.p99),
            r.stable ? CliText::tr("yes") : CliText::tr("no"),
            fmt(r.goodput, 2),
        };
        out << (front.contains(int(i)) ? "* " : "  ");
        for (qsizetype c = 0; c < cells.size(); ++c)
            out << CliCommon::padRight(cells.at(c), widths[c]) << ' ';
        out << '\n';
    }
    out << CliText::tr("Times in ms; throughput and goodput per second over each level's last windows; "
                       "* marks the throughput/latency (E2E p99) Pareto front.")
        << '\n';
}

// What the server said during each level, beside the client's TTFT p99 of that level.
void printServerTable(const QList<SweepLevelResult> &results, const QList<ServerWindowSummary> &server,
                      SweepAxis axis, const QString &serverName)
{
    QTextStream &out = CliCommon::out();
    const auto cell = [](const std::optional<double> &v, int decimals) {
        return v ? fmt(*v, decimals) : QStringLiteral("-");
    };
    out << '\n' << CliText::tr("Server (%1) per level:").arg(serverName) << '\n';
    const QStringList headers {
        axis == SweepAxis::Concurrency ? CliText::tr("conc") : CliText::tr("rate"),
        CliText::tr("running mean"),
        CliText::tr("waiting max"),
        CliText::tr("KV max %"),
        CliText::tr("TTFT p99 server"),
        CliText::tr("TTFT p99 client"),
    };
    const int widths[] = { 8, 13, 12, 9, 16, 16 };
    out << "  ";
    for (qsizetype c = 0; c < headers.size(); ++c)
        out << CliCommon::padRight(headers.at(c), widths[c]) << ' ';
    out << '\n';
    for (qsizetype i = 0; i < results.size() && i < server.size(); ++i) {
        const ServerWindowSummary &s = server.at(i);
        const QStringList cells {
            levelText(results.at(i).level),
            cell(s.runningMean, 1),
            cell(s.waitingMax, 0),
            cell(s.kvCacheMax ? std::optional<double>(*s.kvCacheMax * 100) : std::nullopt, 1),
            cell(s.ttftP99Ms, 1),
            results.at(i).ttftMs.isEmpty() ? QStringLiteral("-") : fmt(results.at(i).ttftMs.p99),
        };
        out << "  ";
        for (qsizetype c = 0; c < cells.size(); ++c)
            out << CliCommon::padRight(cells.at(c), widths[c]) << ' ';
        out << '\n';
    }
    out << CliText::tr(
        "From the server's /metrics during each level; its TTFT starts when the request reaches "
        "it, the client's when it is sent (the difference is network + client). The server's "
        "percentiles are estimated inside its histogram's buckets, so they are only as fine as "
        "those buckets.")
        << '\n';
}

} // namespace

void CliSweep::printResults(const EndpointSweepConfig &config, const QList<SweepLevelResult> &results)
{
    const EndpointSweepAnalysis analysis = EndpointSweep::analyse(results, config.slo.isSet(), config.sloTarget);
    QTextStream &out = CliCommon::out();
    printTable(results, analysis.paretoFront, config.axis);
    if (config.timedLevels())
        out << CliText::tr("Each level ran %1 s; its figures are those of its last %2 windows of %3 s.")
                   .arg(levelText(config.levelSeconds))
                   .arg(std::clamp(config.stabilityWindows, 1, std::max(1, config.maxWindows)))
                   .arg(levelText(config.timedWindowSeconds()))
            << '\n';
    if (analysis.knee >= 0)
        out << CliText::tr("Knee: %1 (%2 tokens/s)")
                   .arg(levelText(results.at(analysis.knee).level), fmt(results.at(analysis.knee).outputTokensPerSecond))
            << '\n';
    if (config.slo.isSet()) {
        if (analysis.bestSloLevel >= 0)
            out << CliText::tr("Highest level meeting the SLOs for %1% of requests: %2 (goodput %3 requests/s)")
                       .arg(config.sloTarget * 100)
                       .arg(levelText(results.at(analysis.bestSloLevel).level),
                            fmt(results.at(analysis.bestSloLevel).goodput, 2))
                << '\n';
        else
            out << CliText::tr("No level meets the SLOs for %1% of requests.").arg(config.sloTarget * 100) << '\n';
    }
    for (const SweepLevelResult &r : results) {
        for (auto it = r.failuresByClass.cbegin(); it != r.failuresByClass.cend(); ++it)
            out << CliText::tr("Level %1: %2 × %3").arg(levelText(r.level)).arg(it.value()).arg(ErrorClasses::name(it.key()))
                << '\n';
    }
    out.flush();
}

QCoro::Task<int> CliCommands::sweep(QStringList arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(CliText::tr(
        "Runs an endpoint at each concurrency level or request rate until its throughput is "
        "stable (the last 3 windows within 10%) or a limit ends the level, and reports "
        "throughput, TTFT/TPOT/E2E percentiles, errors and goodput per level, the knee of the "
        "curve, the highest level meeting the SLOs and the Pareto front. Without --endpoint, a "
        "simulated endpoint is started in-process."));
    parser.addHelpOption();
    parser.addOptions(CliCommon::endpointOptions());
    parser.addOptions(CliCommon::promptOptions());
    parser.addOptions({
        { QStringLiteral("concurrency"), CliText::tr("Concurrency levels to sweep, e.g. 1,2,4,8 (closed loop)."),
          CliText::tr("list") },
        { QStringLiteral("rates"), CliText::tr("Request rates to sweep, e.g. 1,2,5 (requests/s, open loop)."),
          CliText::tr("list") },
        { QStringLiteral("poisson"), CliText::tr("With --rates: exponential gaps between sends.") },
        { QStringLiteral("seed"), CliText::tr("Seed of the Poisson schedule (default 1)."), CliText::tr("n"),
          QStringLiteral("1") },
        { QStringLiteral("window"),
          CliText::tr("Requests per measurement window (default 32; at least 2 × the concurrency)."),
          CliText::tr("n"), QStringLiteral("32") },
        { QStringLiteral("window-seconds"), CliText::tr("Measure in windows of this many seconds instead."),
          CliText::tr("s") },
        { QStringLiteral("max-windows"),
          CliText::tr("Windows after which a level that is not stable ends anyway (default 10)."),
          CliText::tr("n"), QStringLiteral("10") },
        { QStringLiteral("max-requests"), CliText::tr("At most this many requests per level."),
          CliText::tr("n") },
        { QStringLiteral("max-seconds"), CliText::tr("At most this long per level."), CliText::tr("s") },
        { QStringLiteral("level-seconds"),
          CliText::tr("Timed levels: each level runs exactly this long, in --max-windows equal windows (default 6 "
                      "here), its figures from the last 3; levels 1 s apart. Needed by shards (--shard), so that they run each "
                      "level together and merge exactly."),
          CliText::tr("s") },
        { QStringLiteral("slo-ttft-ms"), CliText::tr("TTFT limit for goodput."), CliText::tr("ms") },
        { QStringLiteral("slo-tpot-ms"), CliText::tr("TPOT limit for goodput."), CliText::tr("ms") },
        { QStringLiteral("slo-e2e-ms"), CliText::tr("End-to-end limit for goodput."), CliText::tr("ms") },
    });
    parser.addOptions(CliCommon::requestOptions());
    parser.addOption(CliCommon::ioThreadsOption());
    parser.addOptions(CliWorkload::options());
    parser.addOptions({
        { QStringLiteral("json"), CliText::tr("Write every level and the analysis as JSON."),
          CliText::tr("file") },
        { QStringLiteral("csv"), CliText::tr("Write one CSV row per level."), CliText::tr("file") },
        { QStringLiteral("quiet"), CliText::tr("No progress line.") },
    });
    parser.addOptions(CliServerMetrics::options());
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

    EndpointSweepConfig config;
    const bool byConcurrency = parser.isSet(QStringLiteral("concurrency"));
    const bool byRate = parser.isSet(QStringLiteral("rates"));
    if (byConcurrency == byRate) {
        CliCommon::printError(CliText::tr("give either --concurrency or --rates"));
        co_return 2;
    }
    const auto levels = byConcurrency
        ? CliCommon::numberList(parser, QStringLiteral("concurrency"), 1, 100'000, true)
        : CliCommon::numberList(parser, QStringLiteral("rates"), 1e-6, 1e6, false);
    if (!levels)
        co_return 2;
    config.levels = *levels;
    config.axis = byConcurrency ? SweepAxis::Concurrency : SweepAxis::Rate;
    if (parser.isSet(QStringLiteral("poisson"))) {
        if (!byRate) {
            CliCommon::printError(CliText::tr("--poisson needs --rates"));
            co_return 2;
        }
        config.poisson = true;
    }
    bool seedOk = false;
    config.seed = parser.value(QStringLiteral("seed")).toULongLong(&seedOk);
    if (!seedOk) {
        CliCommon::printError(CliText::tr("--seed expects a whole number"));
        co_return 2;
    }
    const auto window = CliCommon::number(parser, QStringLiteral("window"), 1, 1'000'000);
    const auto maxWindows = CliCommon::number(parser, QStringLiteral("max-windows"), 1, 10'000);
    if (!window || !maxWindows)
        co_return 2;
    config.windowRequests = int(*window);
    config.maxWindows = int(*maxWindows);
    if (parser.isSet(QStringLiteral("window-seconds"))) {
        const auto v = CliCommon::number(parser, QStringLiteral("window-seconds"), 0.001, 86'400);
        if (!v)
            co_return 2;
        config.windowSeconds = *v;
    }
    if (parser.isSet(QStringLiteral("max-requests"))) {
        const auto v = CliCommon::number(parser, QStringLiteral("max-requests"), 1, 10'000'000);
        if (!v)
            co_return 2;
        config.maxRequestsPerLevel = int(*v);
    }
    if (parser.isSet(QStringLiteral("max-seconds"))) {
        const auto v = CliCommon::number(parser, QStringLiteral("max-seconds"), 0.001, 86'400);
        if (!v)
            co_return 2;
        config.maxSecondsPerLevel = *v;
    }
    if (parser.isSet(QStringLiteral("level-seconds"))) {
        const auto v = CliCommon::number(parser, QStringLiteral("level-seconds"), 0.01, 86'400);
        if (!v)
            co_return 2;
        for (const char *other : { "window", "window-seconds", "max-requests", "max-seconds" }) {
            if (parser.isSet(QString::fromLatin1(other))) {
                CliCommon::printError(CliText::tr("--level-seconds sets each level's length and windows: leave out --%1")
                                          .arg(QString::fromLatin1(other)));
                co_return 2;
            }
        }
        config.levelSeconds = *v;
        // The first half of a timed level brings it up to speed; its second half is measured.
        if (!parser.isSet(QStringLiteral("max-windows")))
            config.maxWindows = 6;
    }
    for (const auto &[name, field] :
         { std::pair { "slo-ttft-ms", &config.slo.ttftMs }, std::pair { "slo-tpot-ms", &config.slo.tpotMs },
           std::pair { "slo-e2e-ms", &config.slo.e2eMs } }) {
        const QString option = QString::fromLatin1(name);
        if (!parser.isSet(option))
            continue;
        const auto v = CliCommon::number(parser, option, 0.001, 86'400'000);
        if (!v)
            co_return 2;
        *field = *v;
    }

    std::unique_ptr<EmbeddedEndpointRunner> embedded;
    if (!CliCommon::startTarget(*target, embedded))
        co_return 1;
    config.endpoint = target->profile;
    {
        // A sweep's request count is not known ahead: prompts enough for most sweeps, then reused.
        const auto workload = CliWorkload::apply(parser, target->prompts, SweepPromptCount, target->profile);
        if (!workload)
            co_return 2;
        target->prompts = workload->prompts;
        for (const QString &note : workload->notes)
            CliCommon::err() << note << '\n';
        CliCommon::err().flush();
    }
    config.prompts = std::move(target->prompts);
    config.options = target->options;
    const EndpointProfile profile = config.endpoint;

    // The sweep as every shard of it sees it: its settings name it, and merge rebuilds its levels.
    LoadConfig historyConfig;
    historyConfig.endpoint = config.endpoint;
    historyConfig.prompts = config.prompts;
    historyConfig.options = config.options;
    RunSettings wholeSettings = RunSettings::fromConfig(historyConfig);
    wholeSettings.sweep = BatchExport::sweepSettings(config);
    bool shardOk = true;
    const std::optional<CliShard::Setup> shard
        = CliShard::setupSweep(parser, wholeSettings, embedded != nullptr, &shardOk);
    if (!shardOk)
        co_return 2;
    const bool sharded = shard && shard->spec.isSharded();
    if (sharded) {
        if (!config.timedLevels()) {
            CliCommon::printError(CliText::tr("a shard of a sweep needs --level-seconds, so that every shard runs each "
                                              "level at the same time for as long"));
            co_return 2;
        }
        if (!parser.isSet(QStringLiteral("json"))) {
            CliCommon::printError(CliText::tr("a shard of a sweep writes its requests with --json FILE, for merge"));
            co_return 2;
        }
        // Its share of each level, its own Poisson streams and its own slice of the prompts.
        const ShardSpec &spec = shard->spec;
        for (double level : std::as_const(config.levels))
            config.runLevels.append(config.axis == SweepAxis::Concurrency
                                        ? double(ShardPlan::share(int(std::lround(level)), spec))
                                        : level / spec.count);
        config.seed = config.seed * 1'000'003ULL + quint64(spec.index) + 1;
        if (config.prompts.size() >= spec.count) {
            QList<GenerationRequest> mine;
            for (qsizetype i = spec.index; i < config.prompts.size(); i += spec.count)
                mine.append(config.prompts.at(i));
            config.prompts = std::move(mine);
        }
        if (!parser.isSet(QStringLiteral("quiet"))) {
            QStringList shares;
            for (double v : std::as_const(config.runLevels))
                shares.append(levelText(v));
            CliCommon::err() << CliText::tr("Shard %1 (from %2) of sweep \"%3\": levels %4 of its own")
                                    .arg(spec.text(), spec.source, shard->runId, shares.join(QStringLiteral(", ")))
                             << Qt::endl;
        }
    }

    StreamingClient client;
    if (!CliCommon::applyIoThreads(parser, client))
        co_return 2;
    EndpointSweep sweep(&client);
    // The whole sweep is one run of the history, every request as soon as it ends.
    const std::unique_ptr<HistoryStore> history = CliHistory::open(parser);
    RunSettings historySettings = RunSettings::fromConfig(historyConfig, RunSettings::Detail::History);
    historySettings.sweep = wholeSettings.sweep;
    CliHistory::Recorder recorder(history.get(), historySettings, RunSettings::secretsOf(config.endpoint),
                                  QStringLiteral("sweep"), parser.values(QStringLiteral("tag")));
    // The sweep's own client keeps the system clock's time: the scrapes are stamped on it too.
    Clock *clock = Clock::system();
    CliServerMetrics::Session serverMetrics(*serverMetricsSettings, clock);
    qint64 originNs = -1; // the earliest request start of the whole sweep: the time axis's 0
    QList<RequestRecord> shardRecords; // a shard's every request, for its file
    QObject::connect(&sweep, &EndpointSweep::requestFinished, &sweep,
                     [&recorder, &originNs, &shardRecords, sharded](const RequestRecord &record) {
                         recorder.append(record);
                         if (sharded)
                             shardRecords.append(record);
                         if (record.trace.startNs >= 0 && (originNs < 0 || record.trace.startNs < originNs))
                             originNs = record.trace.startNs;
                     });
    // Each finished level's stretch of the clock, in the order of the results.
    qint64 levelStartNs = 0;
    QList<std::pair<qint64, qint64>> levelWindows;
    QObject::connect(&sweep, &EndpointSweep::levelStarted, &sweep,
                     [&levelStartNs, clock] { levelStartNs = clock->nowNs(); });
    QObject::connect(&sweep, &EndpointSweep::levelFinished, &sweep, [&levelStartNs, &levelWindows, clock] {
        levelWindows.append({ levelStartNs, clock->nowNs() });
    });
    const bool progress = !parser.isSet(QStringLiteral("quiet")) && CliCommon::stderrIsTerminal();
    QElapsedTimer sinceStart;
    sinceStart.start();
    qint64 lastDrawMs = -1000;
    QObject::connect(&sweep, &EndpointSweep::progress, &sweep,
                     [&](int level, int levelCount, int windows, int finished) {
                         if (!progress)
                             return;
                         const qint64 now = sinceStart.elapsed();
                         if (now - lastDrawMs < 100)
                             return;
                         lastDrawMs = now;
                         CliCommon::err() << '\r'
                                          << CliText::tr("level %1/%2 (%3): %4 windows, %5 requests, %6 s")
                                                 .arg(level + 1)
                                                 .arg(levelCount)
                                                 .arg(levelText(config.levels.at(level)))
                                                 .arg(windows)
                                                 .arg(finished)
                                                 .arg(fmt(double(now) / 1000.0))
                                          << "   ";
                         CliCommon::err().flush();
                     });

    CliCommon::err() << CliText::tr("Sweeping %1 levels against %2 (%3) ...")
                            .arg(config.levels.size())
                            .arg(profile.baseUrl.toString(QUrl::RemoveUserInfo | QUrl::RemoveQuery),
                                 Protocols::name(profile.protocol))
                     << Qt::endl;
    serverMetrics.start(profile.baseUrl);
    co_await serverMetrics.baseline();
    if (shard && shard->startAt.isValid())
        co_await CliShard::waitForStart(shard->startAt);
    // One reading of both clocks: a shard's requests go on a merged timeline by it, and its
    // levels start from it.
    const qint64 startedNs = clock->nowNs();
    const qint64 startedWallNs = WallClock::nowNs();
    if (config.timedLevels())
        config.firstLevelStartNs = startedNs;
    const QList<SweepLevelResult> results = co_await sweep.run(config);
    if (progress)
        CliCommon::err() << '\n';
    // One scrape after the last level, so that its window holds the server's last figures.
    co_await serverMetrics.settle();
    serverMetrics.stop();
    const std::optional<ServerMetricsRecord> serverRecord
        = serverMetrics.record(originNs >= 0 ? originNs : startedNs);
    QList<ServerWindowSummary> serverLevels;
    if (serverRecord && serverRecord->scrapes > 0) {
        for (const auto &[from, to] : std::as_const(levelWindows))
            serverLevels.append(serverMetrics.window(from, to));
    }
    if (serverRecord)
        recorder.setServerMetrics(*serverRecord);
    recorder.finish(false);

    const EndpointSweepAnalysis analysis = EndpointSweep::analyse(results, config.slo.isSet(), config.sloTarget);
    QTextStream &out = CliCommon::out();
    out << '\n'
        << CliText::tr("Endpoint: %1 (%2, model %3)")
               .arg(profile.name, Protocols::name(profile.protocol), profile.model)
        << '\n';
    if (sharded)
        out << CliText::tr("Shard %1 of sweep \"%2\": its share of each level (merge the shards for the sweep's figures)")
                   .arg(shard->spec.text(), shard->runId)
            << '\n';
    CliSweep::printResults(config, results);
    if (!serverLevels.isEmpty())
        printServerTable(results, serverLevels, config.axis,
                         ServerMetrics::kindDisplayName(ServerMetrics::kindFromName(serverRecord->server)));
    out.flush();

    int status = 0;
    QString writeError;
    if (sharded) {
        // A shard's file is a run's: the sweep's settings, the shard, every request in its
        // level and window. merge makes the sweep of it.
        RunDocument document;
        document.settings = wholeSettings;
        document.shard = CliShard::info(*shard, 0, startedNs, startedWallNs);
        document.records = shardRecords;
        document.summary = Metrics::summarize(shardRecords);
        document.serverMetrics = serverRecord;
        if (!RunExport::writeRunJson(parser.value(QStringLiteral("json")), document, {}, {}, &writeError)) {
            CliCommon::printError(writeError);
            status = 1;
        }
    } else if (parser.isSet(QStringLiteral("json"))) {
        QJsonObject root = BatchExport::endpointSweepJson(config, results, analysis);
        if (serverRecord) {
            // Each level gets the server's figures of its window; the whole timeline goes beside.
            QJsonArray levels = root.value(QStringLiteral("levels")).toArray();
            for (qsizetype i = 0; i < levels.size() && i < serverLevels.size(); ++i) {
                QJsonObject level = levels.at(i).toObject();
                const QJsonObject server = ServerMetricsJson::windowJson(serverLevels.at(i));
                for (auto it = server.constBegin(); it != server.constEnd(); ++it)
                    level.insert(it.key(), it.value());
                levels.replace(i, level);
            }
            root.insert(QStringLiteral("levels"), levels);
            root.insert(ServerMetricsJson::key(), ServerMetricsJson::toJson(*serverRecord));
        }
        if (!RunExport::writeFile(parser.value(QStringLiteral("json")),
                                  QJsonDocument(root).toJson(QJsonDocument::Indented), &writeError)) {
            CliCommon::printError(writeError);
            status = 1;
        }
    }
    if (parser.isSet(QStringLiteral("csv"))) {
        if (!RunExport::writeFile(parser.value(QStringLiteral("csv")), BatchExport::endpointSweepCsv(results, analysis),
                                  &writeError)) {
            CliCommon::printError(writeError);
            status = 1;
        }
    }
    int ok = 0;
    for (const SweepLevelResult &r : results)
        ok += r.requestsOk;
    if (ok == 0) {
        CliCommon::printError(CliText::tr("no request succeeded at any level"));
        status = 1;
    }
    co_return status;
}
