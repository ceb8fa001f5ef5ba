// tokenscope-cli merge: the shards of one run (run --shard, on Slurm or Kubernetes) merged into
// that run, with every shard beside it.
#include "cli.h"
#include "clicommon.h"
#include "clihistory.h"
#include "commands_p.h"

#include "format/batchexport.h"
#include "format/runexport.h"
#include "shard/shardmerge.h"
#include "storage/historystore.h"

#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLocale>

namespace {

constexpr qint64 MaxShardBytes = 1024ll * 1024 * 1024;

using CliCommon::fmt;

QString ms(const Distribution &d, double Distribution::*field)
{
    return d.count > 0 ? fmt(d.*field) : QStringLiteral("-");
}

QJsonObject shardRowJson(const ShardRow &row)
{
    QJsonObject o {
        { QStringLiteral("index"), row.index },
        { QStringLiteral("host"), row.host },
        { QStringLiteral("file"), QFileInfo(row.path).fileName() },
        { QStringLiteral("planned_requests"), row.planned },
        { QStringLiteral("recorded_requests"), row.recorded },
        { QStringLiteral("requests_ok"), row.summary.requestsOk },
        { QStringLiteral("requests_failed"), row.summary.requestsFailed },
        { QStringLiteral("ttft_ms"), RunExport::distributionJson(row.summary.ttftMs) },
        { QStringLiteral("start_offset_ms"), row.startOffsetMs },
        { QStringLiteral("clock_synchronized"),
          row.clockSynchronized ? QJsonValue(*row.clockSynchronized) : QJsonValue() },
        { QStringLiteral("stands_out"), row.standsOut.isEmpty() ? QJsonValue() : QJsonValue(row.standsOut) },
    };
    if (const auto &c = row.summary.client) {
        o.insert(QStringLiteral("client_lag_ms"),
                 QJsonObject { { QStringLiteral("p50"), c->lagMs.p50 },
                               { QStringLiteral("p99"), c->lagMs.p99 },
                               { QStringLiteral("max"), c->lagMs.max } });
        o.insert(QStringLiteral("client_cpu_share"), c->cpuShare());
    }
    return o;
}

StoredRun storedRun(const RunDocument &document, const QString &name, qint64 id)
{
    StoredRun s;
    s.run.id = id;
    s.run.endpointName = name;
    s.run.endpointUrl = document.settings.endpoint.url;
    s.run.model = document.settings.endpoint.model;
    s.run.protocol = document.settings.endpoint.protocol;
    s.run.settings = document.settings;
    s.run.source = QStringLiteral("merge");
    s.records = document.records;
    s.summary = document.summary;
    return s;
}

} // namespace

int CliCommands::merge(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(CliText::tr(
        "Merges the shards of one run (files of run or sweep --shard K/N --json) into that run: percentiles from the union "
        "of every shard's requests, throughput over the shards' common timeline, a row per shard. Refuses shards "
        "of different runs or settings; a missing or cut-short shard is reported."));
    parser.addHelpOption();
    parser.addPositionalArgument(QStringLiteral("files"), CliText::tr("The shards' JSON files."),
                                 CliText::tr("shard.json…"));
    parser.addOptions({
        { QStringLiteral("json"),
          CliText::tr("Write the merged run as JSON (the format of run --json; of sweep --json for a sweep's shards)."),
          CliText::tr("file") },
        { QStringLiteral("csv"),
          CliText::tr("Write one CSV row per request of the merged run (per level for a sweep's shards)."),
          CliText::tr("file") },
        { QStringLiteral("html"),
          CliText::tr("Write a report of the merged run beside each shard as HTML, charts inline as SVG."),
          CliText::tr("file") },
        { QStringLiteral("pdf"), CliText::tr("Write the same report as an A4 PDF."), CliText::tr("file") },
        { QStringLiteral("allow-partial"), CliText::tr("Merge the shards given even when some are missing.") },
    });
    parser.addOptions(CliHistory::options());
    if (const auto status = CliCommon::parseCommandLine(parser, arguments, true))
        return *status;
    const QStringList paths = parser.positionalArguments();
    if (paths.isEmpty()) {
        CliCommon::printError(CliText::tr("merge needs the shards' files (e.g. shard-*.json)"));
        return 2;
    }

    // Every file is read before anything is merged: a broken one is named, never skipped.
    QList<ShardFile> files;
    for (const QString &path : paths) {
        QFile f(path);
        if (!f.open(QIODevice::ReadOnly)) {
            CliCommon::printError(CliText::tr("cannot read %1: %2").arg(path, f.errorString()));
            return 1;
        }
        if (f.size() > MaxShardBytes) {
            CliCommon::printError(CliText::tr("%1 is larger than %2 MiB").arg(path).arg(MaxShardBytes >> 20));
            return 1;
        }
        QString error;
        std::optional<RunDocument> document = RunExport::readRun(f.readAll(), &error);
        if (!document) {
            CliCommon::printError(CliText::tr("%1: %2 (a shard cut short by a crash or a full disk?)").arg(path, error));
            return 1;
        }
        files.append({ path, std::move(*document) });
    }
    QString error;
    const std::optional<MergedRun> merged = ShardMerge::merge(files, parser.isSet(QStringLiteral("allow-partial")), &error);
    if (!merged) {
        CliCommon::printError(error);
        return 1;
    }

    QTextStream &out = CliCommon::out();
    const RunSummary &s = merged->document.summary;
    out << CliText::tr("Merged run \"%1\": %2 of %3 shards, %4 ok, %5 failed, %6 cancelled, wall time %7 s")
               .arg(merged->runId)
               .arg(merged->shards.size())
               .arg(merged->shardCount)
               .arg(s.requestsOk)
               .arg(s.requestsFailed)
               .arg(s.requestsCancelled)
               .arg(fmt(s.wallMs / 1000.0, 2))
        << "\n\n";
    out << CliCommon::padRight(CliText::tr("shard"), 7) << CliCommon::padRight(CliText::tr("host"), 22)
        << CliText::tr("requests").rightJustified(11) << CliText::tr("failed").rightJustified(8)
        << CliText::tr("TTFT p50").rightJustified(10) << CliText::tr("TTFT p99").rightJustified(10)
        << CliText::tr("lag p99").rightJustified(9) << CliText::tr("start +ms").rightJustified(11) << "  "
        << CliText::tr("stands out") << '\n';
    for (const ShardRow &row : merged->shards) {
        out << CliCommon::padRight(QString::number(row.index), 7) << CliCommon::padRight(row.host.left(21), 22)
            << (row.planned > 0 ? QStringLiteral("%1/%2").arg(row.recorded).arg(row.planned)
                                : QString::number(row.recorded))
                   .rightJustified(11)
            << QString::number(row.summary.requestsFailed).rightJustified(8)
            << ms(row.summary.ttftMs, &Distribution::p50).rightJustified(10)
            << ms(row.summary.ttftMs, &Distribution::p99).rightJustified(10)
            << (row.summary.client ? fmt(row.summary.client->lagMs.p99, 2) : QStringLiteral("-")).rightJustified(9)
            << fmt(row.startOffsetMs).rightJustified(11) << "  " << row.standsOut << '\n';
    }
    out << '\n' << QString().leftJustified(16);
    for (const char *h : { "mean", "p50", "p90", "p99", "max" })
        out << QString::fromLatin1(h).rightJustified(9);
    out << '\n';
    const auto line = [&](const QString &name, const Distribution &d) {
        out << CliCommon::padRight(name, 16);
        for (double Distribution::*f : { &Distribution::mean, &Distribution::p50, &Distribution::p90,
                                         &Distribution::p99, &Distribution::max })
            out << ms(d, f).rightJustified(9);
        out << '\n';
    };
    line(CliText::tr("TTFT (ms)"), s.ttftMs);
    line(CliText::tr("ITL (ms)"), s.itlMs);
    line(CliText::tr("TPOT (ms)"), s.tpotMs);
    line(CliText::tr("E2E (ms)"), s.e2eMs);
    out << CliText::tr("Output tokens/s: %1 (peak %2)   requests/s: %3   peak concurrency: %4")
               .arg(fmt(s.outputTokensPerSecond), fmt(s.peakOutputTokensPerSecond), fmt(s.requestsPerSecond, 2))
               .arg(s.peakConcurrency)
        << '\n';
    const PhaseBreakdown b = s.meanBreakdown();
    QStringList phases;
    for (Phase p : Phases::all())
        phases.append(QStringLiteral("%1 %2").arg(Phases::label(p), fmt(b[p])));
    out << CliText::tr("Latency breakdown (mean ms): %1").arg(phases.join(QStringLiteral(" · "))) << '\n';
    if (merged->sweep) {
        out << '\n' << CliText::tr("Sweep, levels measured from every shard's requests:") << '\n';
        CliSweep::printResults(*merged->sweep, merged->sweepLevels);
    }
    out.flush();
    for (const QString &warning : merged->warnings)
        CliCommon::err() << CliText::tr("tokenscope-cli: warning: %1").arg(warning) << '\n';
    CliCommon::err().flush();

    int status = 0;
    if (parser.isSet(QStringLiteral("json"))) {
        QJsonArray rows;
        for (const ShardRow &row : merged->shards)
            rows.append(shardRowJson(row));
        const QJsonObject mergedJson {
            { QStringLiteral("merged"),
              QJsonObject { { QStringLiteral("run_id"), merged->runId },
                            { QStringLiteral("shard_count"), merged->shardCount },
                            { QStringLiteral("origin_wall_ns"), merged->originWallNs > 0
                                                                    ? QJsonValue(QString::number(merged->originWallNs))
                                                                    : QJsonValue() },
                            { QStringLiteral("shards"), rows },
                            { QStringLiteral("warnings"), QJsonArray::fromStringList(merged->warnings) } } }
        };
        bool written = false;
        if (merged->sweep) {
            // The shards of a sweep make a sweep: the format of sweep --json, the shards beside.
            QJsonObject root = BatchExport::endpointSweepJson(
                *merged->sweep, merged->sweepLevels,
                EndpointSweep::analyse(merged->sweepLevels, merged->sweep->slo.isSet(), merged->sweep->sloTarget));
            for (auto it = mergedJson.constBegin(); it != mergedJson.constEnd(); ++it)
                root.insert(it.key(), it.value());
            written = RunExport::writeFile(parser.value(QStringLiteral("json")),
                                           QJsonDocument(root).toJson(QJsonDocument::Indented), &error);
        } else {
            written = RunExport::writeRunJson(parser.value(QStringLiteral("json")), merged->document, {}, mergedJson,
                                              &error);
        }
        if (!written) {
            CliCommon::printError(error);
            status = 1;
        }
    }
    if (parser.isSet(QStringLiteral("csv"))) {
        const QByteArray csv = merged->sweep
            ? BatchExport::endpointSweepCsv(
                  merged->sweepLevels,
                  EndpointSweep::analyse(merged->sweepLevels, merged->sweep->slo.isSet(), merged->sweep->sloTarget))
            : RunExport::runCsv(merged->document.records);
        if (!RunExport::writeFile(parser.value(QStringLiteral("csv")), csv, &error)) {
            CliCommon::printError(error);
            status = 1;
        }
    }

    // Into the history as one run, like any other.
    qint64 storedId = 0;
    if (const std::unique_ptr<HistoryStore> history = CliHistory::open(parser)) {
        ImportedRun run;
        run.settings = merged->document.settings;
        run.source = QStringLiteral("merge");
        run.records = merged->document.records;
        storedId = history->importRun(run, parser.values(QStringLiteral("tag")));
        if (storedId > 0)
            CliCommon::err() << CliText::tr("Saved to the history as run %1 (%2)").arg(storedId).arg(history->path())
                             << Qt::endl;
        else
            CliCommon::err() << CliText::tr("tokenscope-cli: warning: %1").arg(history->errorString()) << Qt::endl;
    }

    const QString html = parser.value(QStringLiteral("html"));
    const QString pdf = parser.value(QStringLiteral("pdf"));
    if (!html.isEmpty() || !pdf.isEmpty()) {
        // The merged run first, then each shard: one that stands out shows in every chart.
        QList<StoredRun> runs { storedRun(merged->document, CliText::tr("merged run %1").arg(merged->runId), storedId) };
        for (const ShardFile &f : files)
            runs.append(storedRun(f.document,
                                  CliText::tr("shard %1 (%2)").arg(f.document.shard->index).arg(f.document.shard->host),
                                  0));
        if (const int reportStatus = Cli::writeComparisonReport(runs, html, pdf))
            return reportStatus;
    }
    return status;
}
