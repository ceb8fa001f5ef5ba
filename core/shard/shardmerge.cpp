#include "shardmerge.h"

#include "format/batchexport.h"
#include "format/tracecodec.h"

#include <QCoreApplication>
#include <QFileInfo>
#include <QLocale>
#include <QMap>

#include <algorithm>

namespace {

QString tr(const char *text, const char *disambiguation = nullptr, int n = -1)
{
    return QCoreApplication::translate("ShardMerge", text, disambiguation, n);
}

QString nameOf(const ShardFile &f)
{
    return QFileInfo(f.path).fileName();
}

double failureShare(const RunSummary &s)
{
    const int all = s.requestsOk + s.requestsFailed;
    return all > 0 ? double(s.requestsFailed) / double(all) : 0.0;
}

} // namespace

void ShardMerge::shiftTrace(RequestTrace &t, qint64 delta)
{
    for (qint64 *at : { &t.scheduledNs, &t.startNs, &t.dnsDoneNs, &t.connectStartNs, &t.connectedNs, &t.tlsDoneNs,
                        &t.requestSentNs, &t.responseStartNs, &t.headersNs, &t.firstBodyByteNs, &t.firstTokenNs,
                        &t.firstAnswerTokenNs, &t.lastTokenNs, &t.endNs }) {
        if (*at >= 0)
            *at += delta;
    }
    t.chunks.shiftTimes(delta);
}

std::optional<MergedRun> ShardMerge::merge(const QList<ShardFile> &files, bool allowPartial, QString *error)
{
    const auto fail = [error](const QString &why) -> std::optional<MergedRun> {
        if (error)
            *error = why;
        return std::nullopt;
    };
    if (files.isEmpty())
        return fail(tr("no shard files to merge"));
    for (const ShardFile &f : files) {
        if (!f.document.shard)
            return fail(tr("%1 is not a shard: it has no \"shard\" object (was it written by run --shard?)")
                            .arg(nameOf(f)));
    }
    const ShardInfo &first = *files.constFirst().document.shard;
    QMap<int, const ShardFile *> byIndex;
    for (const ShardFile &f : files) {
        const ShardInfo &s = *f.document.shard;
        if (s.runId != first.runId)
            return fail(tr("%1 is of run \"%2\" and %3 of run \"%4\": shards of different runs cannot be merged")
                            .arg(nameOf(files.constFirst()), first.runId, nameOf(f), s.runId));
        if (s.count != first.count)
            return fail(tr("%1 is one of %2 shards and %3 one of %4: they are not of one run")
                            .arg(nameOf(files.constFirst()))
                            .arg(first.count)
                            .arg(nameOf(f))
                            .arg(s.count));
        if (s.settingsFingerprint != first.settingsFingerprint)
            return fail(tr("%1 and %2 were run with different settings: shards of one run share them")
                            .arg(nameOf(files.constFirst()), nameOf(f)));
        if (const ShardFile *other = byIndex.value(s.index))
            return fail(tr("shard %1 is given twice (%2 and %3)").arg(s.index).arg(nameOf(*other), nameOf(f)));
        byIndex.insert(s.index, &f);
    }

    MergedRun merged;
    merged.runId = first.runId;
    merged.shardCount = first.count;
    QStringList missing;
    for (int i = 0; i < first.count; ++i) {
        if (!byIndex.contains(i))
            missing.append(QString::number(i));
    }
    if (!missing.isEmpty()) {
        const QString what = tr("%n shard(s) of %1 missing: %2", "", int(missing.size()))
                                 .arg(first.count)
                                 .arg(missing.join(QStringLiteral(", ")));
        if (!allowPartial)
            return fail(what + tr(" (give every shard's file, or --allow-partial to merge the others)"));
        merged.warnings.append(what + tr("; the merged run has only the others' requests"));
    }

    // One timeline: each shard's times moved so that its wall clock lines up with the others'.
    qint64 base = -1;
    for (const ShardFile *f : std::as_const(byIndex)) {
        const ShardInfo &s = *f->document.shard;
        if (s.hasAnchor())
            base = base < 0 ? s.originWallNs : std::min(base, s.originWallNs);
    }
    merged.originWallNs = base;
    qint64 earliestStart = -1;
    qint64 latestStart = -1;
    QStringList unsynchronized;
    QStringList unanchored;
    QList<double> failureShares;
    for (const ShardFile *f : std::as_const(byIndex)) {
        const ShardInfo &s = *f->document.shard;
        ShardRow row;
        row.index = s.index;
        row.host = s.host;
        row.path = f->path;
        row.summary = f->document.summary;
        row.planned = s.plannedRequests;
        row.clockSynchronized = s.clockSynchronized;
        for (const RequestRecord &r : f->document.records)
            row.recorded += r.warmup ? 0 : 1;
        qint64 delta = 0;
        if (s.hasAnchor() && base >= 0) {
            delta = s.originWallNs - base - f->document.originNs;
            row.startOffsetMs = double(s.originWallNs - base) / 1e6;
            const qint64 started = s.startedWallNs > 0 ? s.startedWallNs : s.originWallNs;
            earliestStart = earliestStart < 0 ? started : std::min(earliestStart, started);
            latestStart = std::max(latestStart, started);
        } else {
            unanchored.append(QString::number(s.index));
        }
        for (RequestRecord r : f->document.records) {
            shiftTrace(r.trace, delta);
            merged.document.records.append(std::move(r));
        }
        if (s.clockSynchronized == false)
            unsynchronized.append(QStringLiteral("%1 (%2)").arg(s.index).arg(s.host));
        if (row.planned > 0 && row.recorded < row.planned)
            merged.warnings.append(tr("shard %1 (%2) recorded %3 of its %4 requests: it was cancelled or cut short")
                                       .arg(s.index)
                                       .arg(s.host)
                                       .arg(row.recorded)
                                       .arg(row.planned));
        failureShares.append(failureShare(row.summary));
        merged.shards.append(row);
    }
    if (!unsynchronized.isEmpty())
        merged.warnings.append(tr("the clock of shard %1 is not kept in sync (NTP): the merged throughput over time "
                                  "may be misaligned; latencies are not affected")
                                   .arg(unsynchronized.join(QStringLiteral(", "))));
    if (!unanchored.isEmpty())
        merged.warnings.append(tr("shard %1 has no wall-clock reading: its requests are placed at the start")
                                   .arg(unanchored.join(QStringLiteral(", "))));
    if (earliestStart > 0 && double(latestStart - earliestStart) / 1e6 > MaxStartSkewMs)
        merged.warnings.append(tr("the shards started %1 s apart (more than 1 s): start them together with "
                                  "--start-at")
                                   .arg(QLocale().toString(double(latestStart - earliestStart) / 1e9, 'f', 1)));

    // A shard stands out when its client lagged, or when it failed far more than the others did.
    for (qsizetype i = 0; i < merged.shards.size(); ++i) {
        ShardRow &row = merged.shards[i];
        QList<double> others = failureShares;
        others.removeAt(i);
        std::sort(others.begin(), others.end());
        const double typical = others.isEmpty() ? 0.0 : others.at(others.size() / 2);
        QStringList why;
        if (row.summary.client && row.summary.client->includesClientDelay())
            why.append(tr("client delay"));
        const double failures = failureShares.at(i);
        if (failures > std::max(0.05, 2.0 * typical))
            why.append(tr("%1% failed").arg(QLocale().toString(100.0 * failures, 'f', 0)));
        row.standsOut = why.join(QStringLiteral(", "));
    }

    std::sort(merged.document.records.begin(), merged.document.records.end(),
              [](const RequestRecord &a, const RequestRecord &b) { return a.trace.startNs < b.trace.startNs; });
    const RunDocument &any = files.constFirst().document;
    merged.document.tool = any.tool;
    merged.document.settings = any.settings;
    merged.document.summary
        = Metrics::summarize(merged.document.records, TraceCodec::peakConcurrency(merged.document.records));
    // A sweep's shards ran each level at the same time for the same length: each level's
    // windows are the union of theirs.
    if (any.settings.sweep && any.settings.sweep->levelSeconds > 0) {
        merged.sweep = BatchExport::sweepConfig(any.settings);
        merged.sweepLevels = EndpointSweep::timedLevelResults(*merged.sweep, merged.document.records);
    }
    return merged;
}
