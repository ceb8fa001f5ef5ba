#include "runexport.h"

#include "csv.h"
#include "requestjson.h"
#include "servermetricsjson.h"
#include "tracecodec.h"

#include "common/clock.h"
#include "metrics/workloadbreakdown.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QSaveFile>

#include <cmath>

namespace {

// The reader's messages kept their context when they moved here from the history.
class ReaderText
{
    Q_DECLARE_TR_FUNCTIONS(HistoryStore)
};

QJsonValue optionalMs(const std::optional<double> &v)
{
    return v ? QJsonValue(*v) : QJsonValue(QJsonValue::Null);
}

QJsonValue optionalInt(const std::optional<qint64> &v)
{
    return v ? QJsonValue(double(*v)) : QJsonValue(QJsonValue::Null);
}

QJsonObject phasesJson(const PhaseBreakdown &b)
{
    QJsonObject o;
    for (Phase p : Phases::all())
        o.insert(Phases::key(p), b[p]);
    return o;
}

QJsonObject phaseSourcesJson(const std::array<PhaseSource, PhaseCount> &sources)
{
    QJsonObject o;
    for (Phase p : Phases::all())
        o.insert(Phases::key(p), Phases::sourceKey(sources[size_t(p)]));
    return o;
}

QJsonValue relativeMs(qint64 ns, qint64 originNs)
{
    return ns >= 0 ? QJsonValue(Time::nsToMs(ns - originNs)) : QJsonValue(QJsonValue::Null);
}

QString number(const std::optional<double> &v)
{
    return v ? QString::number(*v, 'f', 3) : QString();
}

} // namespace

QJsonObject RunExport::distributionJson(const Distribution &d)
{
    if (d.isEmpty())
        return { { QStringLiteral("count"), 0 } };
    return { { QStringLiteral("count"), d.count },   { QStringLiteral("mean"), d.mean },
             { QStringLiteral("min"), d.min },       { QStringLiteral("max"), d.max },
             { QStringLiteral("stddev"), d.stddev }, { QStringLiteral("p50"), d.p50 },
             { QStringLiteral("p90"), d.p90 },       { QStringLiteral("p95"), d.p95 },
             { QStringLiteral("p99"), d.p99 } };
}

QJsonObject RunExport::summaryJson(const RunSummary &s)
{
    QJsonObject failures;
    for (auto it = s.failuresByClass.cbegin(); it != s.failuresByClass.cend(); ++it)
        failures.insert(ErrorClasses::name(it.key()), it.value());
    QJsonObject breakdown;
    for (Phase p : Phases::all())
        breakdown.insert(Phases::key(p), s.phaseMs[size_t(p)].mean);
    QJsonObject breakdownStats;
    for (Phase p : Phases::all())
        breakdownStats.insert(Phases::key(p), distributionJson(s.phaseMs[size_t(p)]));

    QJsonObject summary {
        { QStringLiteral("requests_ok"), s.requestsOk },
        { QStringLiteral("requests_failed"), s.requestsFailed },
        { QStringLiteral("requests_cancelled"), s.requestsCancelled },
        { QStringLiteral("failures_by_class"), failures },
        { QStringLiteral("ttft_ms"), distributionJson(s.ttftMs) },
        { QStringLiteral("ttfat_ms"), distributionJson(s.ttfatMs) },
        { QStringLiteral("itl_ms"), distributionJson(s.itlMs) },
        { QStringLiteral("tpot_ms"), distributionJson(s.tpotMs) },
        { QStringLiteral("e2e_ms"), distributionJson(s.e2eMs) },
        { QStringLiteral("e2e_from_schedule_ms"), distributionJson(s.e2eFromScheduleMs) },
        { QStringLiteral("client_wait_ms"), distributionJson(s.clientWaitMs) },
        { QStringLiteral("output_tokens"), distributionJson(s.outputTokens) },
        { QStringLiteral("total_output_tokens"), double(s.totalOutputTokens) },
        { QStringLiteral("total_prompt_tokens"), double(s.totalPromptTokens) },
        { QStringLiteral("output_tokens_per_s"), s.outputTokensPerSecond },
        { QStringLiteral("peak_output_tokens_per_s"), s.peakOutputTokensPerSecond },
        { QStringLiteral("requests_per_s"), s.requestsPerSecond },
        { QStringLiteral("peak_concurrency"), s.peakConcurrency },
        { QStringLiteral("wall_ms"), s.wallMs },
        { QStringLiteral("breakdown_ms"), breakdown },
        { QStringLiteral("breakdown_source"), phaseSourcesJson(s.phaseSource) },
        { QStringLiteral("breakdown_stats_ms"), breakdownStats },
        { QStringLiteral("dispatch_delay_ms"), distributionJson(s.dispatchDelayMs) },
    };
    // The client's own cost: flat figures for scripts, and the whole record to read back.
    if (const std::optional<ClientOverhead> &c = s.client) {
        summary.insert(QStringLiteral("client_lag_ms"),
                       QJsonObject { { QStringLiteral("p50"), c->lagMs.p50 },
                                     { QStringLiteral("p99"), c->lagMs.p99 },
                                     { QStringLiteral("max"), c->lagMs.max } });
        summary.insert(QStringLiteral("client_cpu_share"), c->cpuShare());
        summary.insert(QStringLiteral("includes_client_delay"), c->includesClientDelay());
        summary.insert(QStringLiteral("client_overhead"), c->toJson());
    }
    return summary;
}

QJsonObject RunExport::requestJson(const RequestRecord &r)
{
    const RequestTrace &t = r.trace;
    const RequestMetrics &m = r.metrics;
    const qint64 origin = t.startNs;

    QJsonArray chunks;
    for (const TraceChunk &c : t.chunks) {
        QJsonObject o { { QStringLiteral("t_ms"), Time::nsToMs(c.tNs - origin) },
                        { QStringLiteral("text"), c.text } };
        if (c.reasoning)
            o.insert(QStringLiteral("reasoning"), true);
        if (c.tokensFromServer)
            o.insert(QStringLiteral("tokens"), double(c.tokens));
        chunks.append(o);
    }
    QJsonValue error(QJsonValue::Null);
    if (!t.ok())
        error = QJsonObject { { QStringLiteral("class"), ErrorClasses::name(t.error) },
                              { QStringLiteral("message"), t.errorMessage } };

    const QJsonObject timeline {
        { QStringLiteral("scheduled"), relativeMs(t.scheduledNs, origin) },
        { QStringLiteral("dns"), relativeMs(t.dnsDoneNs, origin) },
        { QStringLiteral("connect_start"), relativeMs(t.connectStartNs, origin) },
        { QStringLiteral("connected"), relativeMs(t.connectedNs, origin) },
        { QStringLiteral("tls"), relativeMs(t.tlsDoneNs, origin) },
        { QStringLiteral("request_sent"), relativeMs(t.requestSentNs, origin) },
        { QStringLiteral("response_start"), relativeMs(t.responseStartNs, origin) },
        { QStringLiteral("headers"), relativeMs(t.headersNs, origin) },
        { QStringLiteral("first_byte"), relativeMs(t.firstBodyByteNs, origin) },
        { QStringLiteral("first_token"), relativeMs(t.firstTokenNs, origin) },
        { QStringLiteral("first_answer_token"), relativeMs(t.firstAnswerTokenNs, origin) },
        { QStringLiteral("last_token"), relativeMs(t.lastTokenNs, origin) },
        { QStringLiteral("end"), relativeMs(t.endNs, origin) },
    };
    QJsonObject o {
        { QStringLiteral("index"), r.index },
        { QStringLiteral("id"), QString::number(t.id) },
        { QStringLiteral("warmup"), r.warmup },
        { QStringLiteral("endpoint"), t.endpointName },
        { QStringLiteral("status"), t.httpStatus },
        { QStringLiteral("error"), error },
        { QStringLiteral("timed_out"), ErrorClasses::isGenerationTimeout(t.error) },
        { QStringLiteral("ttft_ms"), optionalMs(m.ttftMs) },
        { QStringLiteral("ttfat_ms"), optionalMs(m.ttfatMs) },
        { QStringLiteral("e2e_ms"), m.e2eMs },
        { QStringLiteral("tpot_ms"), optionalMs(m.tpotMs) },
        { QStringLiteral("client_wait_ms"), optionalMs(m.clientWaitMs) },
        { QStringLiteral("dispatch_delay_ms"), optionalMs(m.dispatchDelayMs) },
        { QStringLiteral("e2e_from_schedule_ms"), optionalMs(m.e2eFromScheduleMs) },
        { QStringLiteral("output_tokens"), double(m.outputTokens) },
        { QStringLiteral("output_tokens_source"), tokenCountSourceKey(m.tokenSource) },
        { QStringLiteral("prompt_tokens"), optionalInt(t.usage.promptTokens) },
        // What the server said it read from its prompt (prefix) cache; null when it said nothing.
        { QStringLiteral("cached_prompt_tokens"),
          optionalInt(t.usage.cachedPromptTokens ? t.usage.cachedPromptTokens : t.timings.cachedPromptTokens) },
        { QStringLiteral("finish_reason"), t.finishReason },
        { QStringLiteral("reused_connection"), t.reusedConnection },
        // Whose clock said when the bytes came: the kernel's on receipt, or ours on reading.
        { QStringLiteral("receive_times"), t.kernelReceiveTimes ? QStringLiteral("kernel") : QStringLiteral("read") },
        { QStringLiteral("bytes_received"), double(t.bytesReceived) },
        { QStringLiteral("text"), t.text },
        { QStringLiteral("chunks"), chunks },
        { QStringLiteral("phases_ms"), phasesJson(m.phases) },
        { QStringLiteral("phase_sources"), phaseSourcesJson(m.phases.source) },
        { QStringLiteral("timeline_ms"), timeline },
    };
    if (!t.reasoning.isEmpty())
        o.insert(QStringLiteral("reasoning"), t.reasoning);
    // The proxy the request went through: its connect time is the proxy's, not the server's.
    if (!t.proxy.isEmpty())
        o.insert(QStringLiteral("proxy"), t.proxy);
    if (!t.timings.isEmpty())
        o.insert(RequestJson::serverTimingsKey(),
                 RequestJson::serverTimingsJson(t.timings, RequestJson::Missing::Null));
    const QJsonObject usage = RequestJson::usageJson(t.usage);
    if (!usage.isEmpty())
        o.insert(QStringLiteral("usage"), usage);
    if (t.serverProcessingMs)
        o.insert(QStringLiteral("server_processing_ms"), *t.serverProcessingMs);
    if (!t.requestIdHeader.isEmpty())
        o.insert(QStringLiteral("request_id"), QString::fromLatin1(t.requestIdHeader));
    if (t.tlsVerificationDisabled)
        o.insert(QStringLiteral("tls_verification_disabled"), true);
    if (!t.streamed)
        o.insert(QStringLiteral("streamed"), false);
    return o;
}

QJsonObject RunExport::settingsJson(const LoadConfig &config)
{
    return RunSettings::fromConfig(config).toJson();
}

QJsonDocument RunExport::runJson(const LoadConfig &config, const QList<RequestRecord> &records,
                                 const RunSummary &summary)
{
    return runJson(RunSettings::fromConfig(config), records, summary);
}

QJsonDocument RunExport::runJson(const RunSettings &settings, const QList<RequestRecord> &records,
                                 const RunSummary &summary)
{
    return runJson(RunDocument { {}, settings, records, summary, std::nullopt });
}

namespace {

qint64 runOriginOf(const QList<RequestRecord> &records)
{
    qint64 origin = -1;
    for (const RequestRecord &r : records) {
        if (r.trace.startNs >= 0 && (origin < 0 || r.trace.startNs < origin))
            origin = r.trace.startNs;
    }
    return origin;
}

/// Request \a r of \a document as the export writes it, placed in the run by \a runOrigin.
QJsonObject runRequestJson(const RunDocument &document, const QList<GenerationRequest> &prompts,
                           const RequestRecord &r, qint64 runOrigin)
{
    QJsonObject o = RunExport::requestJson(r);
    if (r.trace.startNs >= 0)
        o.insert(QStringLiteral("start_offset_ms"), Time::nsToMs(r.trace.startNs - runOrigin));
    if (r.turn > 0)
        o.insert(QStringLiteral("turn"), r.turn);
    if (r.sweepLevel >= 0) {
        o.insert(QStringLiteral("sweep_level"), r.sweepLevel);
        o.insert(QStringLiteral("sweep_window"), r.sweepWindow);
    }
    // A shard's request on the wall clock, to line shards of several hosts up.
    if (document.shard && document.shard->hasAnchor() && r.trace.startNs >= 0)
        o.insert(QStringLiteral("wall_start_ns"), QString::number(document.shard->wallNs(r.trace.startNs)));
    if (!prompts.isEmpty() && r.index >= 0) {
        const GenerationRequest &sent = prompts.at(r.index % prompts.size());
        QJsonArray messages;
        // A conversation's turn sent its history too.
        for (const ChatMessage &m : r.sentMessages.isEmpty() ? sent.messages : r.sentMessages)
            messages.append(QJsonObject { { QStringLiteral("role"), m.role },
                                          { QStringLiteral("content"), m.content } });
        o.insert(QStringLiteral("messages"), messages);
        o.insert(QStringLiteral("max_tokens"), sent.maxTokens);
        // Served fewer tokens than asked without hitting the limit: the model stopped.
        o.insert(QStringLiteral("ended_early"), WorkloadBreakdown::endedEarly(r, sent));
    }
    return o;
}

/// Everything of the export but "requests".
QJsonObject runRoot(const RunDocument &document, qint64 runOrigin)
{
    const QList<GenerationRequest> prompts = document.settings.promptSet.value_or(QList<GenerationRequest> {});
    QJsonObject summary = RunExport::summaryJson(document.summary);
    const WorkloadBreakdown workload = WorkloadBreakdown::of(document.records, prompts);
    if (!prompts.isEmpty())
        summary.insert(QStringLiteral("requests_ended_early"), workload.requestsEndedEarly);
    const auto brief = [](const Distribution &d) {
        return QJsonObject { { QStringLiteral("count"), d.count },
                             { QStringLiteral("mean"), d.mean },
                             { QStringLiteral("p50"), d.p50 },
                             { QStringLiteral("p99"), d.p99 } };
    };
    // Conversations: does the TTFT grow with the history a turn carries?
    if (!workload.ttftByTurnMs.isEmpty()) {
        QJsonArray turns;
        for (auto it = workload.ttftByTurnMs.cbegin(); it != workload.ttftByTurnMs.cend(); ++it) {
            QJsonObject o = brief(it.value());
            o.insert(QStringLiteral("turn"), it.key());
            turns.append(o);
        }
        summary.insert(QStringLiteral("ttft_by_turn_ms"), turns);
    }
    // Prompt caching: TTFT of requests the server served partly from its cache, and of the rest.
    if (workload.hasPromptCacheFigures())
        summary.insert(QStringLiteral("ttft_by_prompt_cache_ms"),
                       QJsonObject { { QStringLiteral("cached"), brief(workload.cachedTtftMs) },
                                     { QStringLiteral("uncached"), brief(workload.uncachedTtftMs) } });
    QJsonObject root {
        { QStringLiteral("tool"), QStringLiteral("TokenScope " TOKENSCOPE_VERSION) },
        { QStringLiteral("settings"), document.settings.toJson() },
        { QStringLiteral("summary"), summary },
    };
    if (const auto &h = document.history)
        root.insert(QStringLiteral("history"),
                    QJsonObject { { QStringLiteral("id"), double(h->id) },
                                  { QStringLiteral("status"), h->status },
                                  { QStringLiteral("source"), h->source },
                                  { QStringLiteral("recorded_with"), h->recordedWith },
                                  { QStringLiteral("started_at"), h->startedAt.toString(Qt::ISODateWithMs) },
                                  { QStringLiteral("ended_at"), h->endedAt.toString(Qt::ISODateWithMs) },
                                  { QStringLiteral("tags"), QJsonArray::fromStringList(h->tags) } });
    if (document.serverMetrics)
        root.insert(ServerMetricsJson::key(), ServerMetricsJson::toJson(*document.serverMetrics));
    if (document.shard) {
        ShardInfo shard = *document.shard;
        if (shard.hasAnchor() && runOrigin >= 0)
            shard.originWallNs = shard.wallNs(runOrigin);
        root.insert(QStringLiteral("shard"), shard.toJson());
    }
    return root;
}

} // namespace

QJsonDocument RunExport::runJson(const RunDocument &document)
{
    // Each request's times are relative to its own start; the offset places it in the run,
    // so that a reader can rebuild wall time, concurrency and throughput.
    const qint64 runOrigin = runOriginOf(document.records);
    // Each request keeps what it sent: its messages and the output length it asked for, from
    // the run's prompt set (request i sent prompt i mod its size).
    const QList<GenerationRequest> prompts = document.settings.promptSet.value_or(QList<GenerationRequest> {});
    QJsonArray requests;
    for (const RequestRecord &r : document.records)
        requests.append(runRequestJson(document, prompts, r, runOrigin));
    QJsonObject root = runRoot(document, runOrigin);
    root.insert(QStringLiteral("requests"), requests);
    return QJsonDocument(root);
}

bool RunExport::writeRunJson(const QString &path, const RunDocument &document, const QJsonObject &summaryExtras,
                             const QJsonObject &rootExtras, QString *error)
{
    // Written as it is made, one request at a time: a run of a million chunks never holds its
    // whole JSON tree in memory. The top level is indented, each request one compact line.
    QSaveFile file(path);
    const auto fail = [&] {
        if (error)
            *error = QCoreApplication::translate("RunExport", "cannot write %1: %2").arg(path, file.errorString());
        return false;
    };
    if (!file.open(QIODevice::WriteOnly))
        return fail();
    const qint64 runOrigin = runOriginOf(document.records);
    QJsonObject root = runRoot(document, runOrigin);
    if (!summaryExtras.isEmpty()) {
        QJsonObject summary = root.value(QStringLiteral("summary")).toObject();
        for (auto it = summaryExtras.constBegin(); it != summaryExtras.constEnd(); ++it)
            summary.insert(it.key(), it.value());
        root.insert(QStringLiteral("summary"), summary);
    }
    for (auto it = rootExtras.constBegin(); it != rootExtras.constEnd(); ++it)
        root.insert(it.key(), it.value());
    // The root without its closing brace, then the requests, then the brace.
    QByteArray head = QJsonDocument(root).toJson(QJsonDocument::Indented);
    head.chop(head.size() - head.lastIndexOf('}'));
    while (head.endsWith('\n') || head.endsWith(' '))
        head.chop(1);
    head += root.isEmpty() ? "\n    \"requests\": [" : ",\n    \"requests\": [";
    bool ok = file.write(head) == head.size();
    const QList<GenerationRequest> prompts = document.settings.promptSet.value_or(QList<GenerationRequest> {});
    for (qsizetype i = 0; ok && i < document.records.size(); ++i) {
        QByteArray line = i == 0 ? "\n        " : ",\n        ";
        line += QJsonDocument(runRequestJson(document, prompts, document.records.at(i), runOrigin))
                    .toJson(QJsonDocument::Compact);
        ok = file.write(line) == line.size();
    }
    const QByteArray tail = document.records.isEmpty() ? "]\n}\n" : "\n    ]\n}\n";
    ok = ok && file.write(tail) == tail.size();
    if (!ok || !file.commit())
        return fail();
    return true;
}



namespace {

std::optional<QJsonDocument> parse(const QByteArray &json, QString *error)
{
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &parseError);
    if (parseError.error == QJsonParseError::NoError)
        return doc;
    if (error)
        *error
            = ReaderText::tr("not JSON: %1 at byte %2").arg(parseError.errorString()).arg(parseError.offset);
    return std::nullopt;
}

std::optional<RunDocument> readRunObject(const QJsonObject &root, QString *error)
{
    auto fail = [error](const QString &why) -> std::optional<RunDocument> {
        if (error)
            *error = why;
        return std::nullopt;
    };
    if (!root.value(QStringLiteral("settings")).isObject()
        || !root.value(QStringLiteral("requests")).isArray())
        return fail(ReaderText::tr("not a TokenScope run export (it needs \"settings\" and \"requests\")"));

    RunDocument run;
    run.tool = root.value(QStringLiteral("tool")).toString();
    run.settings = RunSettings::fromJson(root.value(QStringLiteral("settings")).toObject());
    if (root.value(QStringLiteral("history")).isObject()) {
        const QJsonObject h = root.value(QStringLiteral("history")).toObject();
        RunHistoryInfo info;
        info.id = h.value(QStringLiteral("id")).toInteger();
        info.status = h.value(QStringLiteral("status")).toString();
        info.source = h.value(QStringLiteral("source")).toString();
        info.recordedWith = h.value(QStringLiteral("recorded_with")).toString();
        info.startedAt
            = QDateTime::fromString(h.value(QStringLiteral("started_at")).toString(), Qt::ISODateWithMs);
        info.endedAt
            = QDateTime::fromString(h.value(QStringLiteral("ended_at")).toString(), Qt::ISODateWithMs);
        const QJsonArray tags = h.value(QStringLiteral("tags")).toArray();
        for (const QJsonValue &tag : tags)
            info.tags.append(tag.toString());
        run.history = info;
    }
    run.serverMetrics = ServerMetricsJson::fromJson(root.value(ServerMetricsJson::key()));
    if (root.value(QStringLiteral("shard")).isObject()) {
        QString why;
        run.shard = ShardInfo::fromJson(root.value(QStringLiteral("shard")).toObject(), &why);
        if (!run.shard)
            return fail(why);
    }

    const Protocol protocol
        = Protocols::fromName(run.settings.endpoint.protocol).value_or(Protocol::OpenAIChat);

    // Times are milliseconds from the request's start: anything negative, not finite or
    // beyond ~30 years is not a time (and would overflow the nanosecond arithmetic).
    constexpr double MaxMs = RequestJson::MaxMs;
    auto ns = [](const QJsonValue &ms, qint64 origin) -> qint64 {
        const double v = ms.isDouble() ? ms.toDouble() : -1;
        return std::isfinite(v) && v >= 0 && v <= MaxMs ? origin + std::llround(v * 1e6) : -1;
    };
    // Only the schedule may lie before a request's start (the client was late); the run is
    // moved right far enough that the earliest scheduled time is not negative either.
    auto scheduledMs = [](const QJsonObject &o) {
        return RequestJson::number(o.value(QStringLiteral("timeline_ms"))[QLatin1String("scheduled")]);
    };
    const QJsonArray requests = root.value(QStringLiteral("requests")).toArray();
    qint64 shift = 0;
    for (const QJsonValue &value : requests) {
        const QJsonObject o = value.toObject();
        const auto scheduled = scheduledMs(o);
        if (scheduled && *scheduled < 0)
            shift = std::max(shift,
                             -(std::max<qint64>(ns(o.value(QStringLiteral("start_offset_ms")), 0), 0)
                               + std::llround(*scheduled * 1e6)));
    }
    run.originNs = shift;
    // The read times count from the run's origin: anchor the shard's clocks there.
    if (run.shard && run.shard->originWallNs > 0) {
        run.shard->monotonicAnchorNs = shift;
        run.shard->wallAnchorNs = run.shard->originWallNs;
    } else if (run.shard) {
        run.shard->monotonicAnchorNs = run.shard->wallAnchorNs = -1;
    }
    int n = 0;
    for (const QJsonValue &value : requests) {
        ++n;
        if (!value.isObject())
            return fail(ReaderText::tr("request %1 is not an object").arg(n));
        const QJsonObject o = value.toObject();
        const qint64 startOffset = ns(o.value(QStringLiteral("start_offset_ms")), 0);
        const qint64 origin = shift + (startOffset > 0 ? startOffset : 0);
        const QJsonObject tl = o.value(QStringLiteral("timeline_ms")).toObject();
        RequestRecord r;
        r.index = o.value(QStringLiteral("index")).toInt();
        r.warmup = o.value(QStringLiteral("warmup")).toBool();
        r.turn = std::max(0, o.value(QStringLiteral("turn")).toInt());
        r.sweepLevel = std::max(-1, o.value(QStringLiteral("sweep_level")).toInt(-1));
        r.sweepWindow = r.sweepLevel >= 0 ? std::max(-1, o.value(QStringLiteral("sweep_window")).toInt(-1)) : -1;
        RequestTrace &t = r.trace;
        t.id = o.value(QStringLiteral("id")).toString().toULongLong();
        t.endpointName = o.value(QStringLiteral("endpoint")).toString();
        t.protocol = protocol;
        t.model = run.settings.endpoint.model;
        t.url = run.settings.endpoint.url;
        t.streamed = o.value(QStringLiteral("streamed")).toBool(true);
        t.startNs = origin;
        if (const auto scheduled = scheduledMs(o))
            t.scheduledNs = origin + std::llround(*scheduled * 1e6);
        t.dnsDoneNs = ns(tl.value(QStringLiteral("dns")), origin);
        t.connectStartNs = ns(tl.value(QStringLiteral("connect_start")), origin);
        t.connectedNs = ns(tl.value(QStringLiteral("connected")), origin);
        t.tlsDoneNs = ns(tl.value(QStringLiteral("tls")), origin);
        t.requestSentNs = ns(tl.value(QStringLiteral("request_sent")), origin);
        t.responseStartNs = ns(tl.value(QStringLiteral("response_start")), origin);
        t.headersNs = ns(tl.value(QStringLiteral("headers")), origin);
        t.firstBodyByteNs = ns(tl.value(QStringLiteral("first_byte")), origin);
        t.firstTokenNs = ns(tl.value(QStringLiteral("first_token")), origin);
        t.firstAnswerTokenNs = ns(tl.value(QStringLiteral("first_answer_token")), origin);
        t.lastTokenNs = ns(tl.value(QStringLiteral("last_token")), origin);
        t.endNs = ns(tl.value(QStringLiteral("end")), origin);
        if (t.endNs < 0)
            t.endNs = ns(o.value(QStringLiteral("e2e_ms")), origin);
        if (t.endNs < 0)
            return fail(
                ReaderText::tr("request %1 has neither an end time nor an end-to-end latency").arg(n));
        t.httpStatus = o.value(QStringLiteral("status")).toInt();
        if (o.value(QStringLiteral("error")).isObject()) {
            const QJsonObject e = o.value(QStringLiteral("error")).toObject();
            t.error = RequestJson::errorClassFromName(e.value(QStringLiteral("class")).toString());
            if (t.error == ErrorClass::None)
                t.error = ErrorClass::ServerError;
            t.errorMessage = e.value(QStringLiteral("message")).toString();
        }
        if (o.value(QStringLiteral("usage")).isObject()) {
            t.usage = RequestJson::usageFromJson(o.value(QStringLiteral("usage")).toObject());
        } else {
            // Files written before the export carried usage: what its other keys say of it.
            if (o.value(QStringLiteral("output_tokens_source")).toString()
                == tokenCountSourceKey(TokenCountSource::Usage))
                t.usage.completionTokens = RequestJson::integer(o.value(QStringLiteral("output_tokens")));
            t.usage.promptTokens = RequestJson::integer(o.value(QStringLiteral("prompt_tokens")));
        }
        t.timings = RequestJson::serverTimingsOf(o);
        t.serverProcessingMs = RequestJson::number(o.value(QStringLiteral("server_processing_ms")));
        t.finishReason = o.value(QStringLiteral("finish_reason")).toString();
        t.reusedConnection = o.value(QStringLiteral("reused_connection")).toBool();
        t.kernelReceiveTimes = o.value(QStringLiteral("receive_times")).toString() == u"kernel";
        t.proxy = o.value(QStringLiteral("proxy")).toString().left(512);
        t.bytesReceived = RequestJson::integer(o.value(QStringLiteral("bytes_received"))).value_or(0);
        t.text = o.value(QStringLiteral("text")).toString();
        t.reasoning = o.value(QStringLiteral("reasoning")).toString();
        t.requestIdHeader = o.value(QStringLiteral("request_id")).toString().toLatin1();
        t.tlsVerificationDisabled = o.value(QStringLiteral("tls_verification_disabled")).toBool();
        const QJsonArray chunks = o.value(QStringLiteral("chunks")).toArray();
        for (const QJsonValue &cv : chunks) {
            const QJsonObject c = cv.toObject();
            TraceChunk chunk;
            chunk.tNs = ns(c.value(QStringLiteral("t_ms")), origin);
            if (chunk.tNs < 0)
                return fail(ReaderText::tr("request %1 has a chunk without a time").arg(n));
            chunk.text = c.value(QStringLiteral("text")).toString();
            chunk.reasoning = c.value(QStringLiteral("reasoning")).toBool();
            if (c.value(QStringLiteral("tokens")).isDouble()) {
                chunk.tokens = RequestJson::integer(c.value(QStringLiteral("tokens"))).value_or(0);
                chunk.tokensFromServer = true;
            }
            t.chunks.append(chunk);
        }
        // A request's times must lie between its start and its end, tokens in order: a file
        // that says otherwise is refused rather than turned into negative latencies.
        bool ordered = t.endNs >= t.startNs
            && (t.firstTokenNs < 0 || t.lastTokenNs < 0 || t.firstTokenNs <= t.lastTokenNs);
        for (const qint64 at :
             { t.dnsDoneNs, t.connectStartNs, t.connectedNs, t.tlsDoneNs, t.requestSentNs, t.responseStartNs,
               t.headersNs, t.firstBodyByteNs, t.firstTokenNs, t.firstAnswerTokenNs, t.lastTokenNs })
            ordered = ordered && (at < 0 || (at >= t.startNs && at <= t.endNs));
        qint64 previous = t.startNs;
        for (qsizetype i = 0; i < t.chunks.size(); ++i) {
            const qint64 at = t.chunks.timeAt(i);
            ordered = ordered && at >= previous && at <= t.endNs;
            previous = at;
        }
        if (!ordered)
            return fail(
                ReaderText::tr(
                    "request %1: its times are out of order (an event before the start or after the end)")
                    .arg(n));
        r.metrics = Metrics::compute(t);
        run.records.append(std::move(r));
    }
    run.summary = Metrics::summarize(run.records, TraceCodec::peakConcurrency(run.records));
    // What the client cost is not in the requests: it comes back from the summary.
    run.summary.client = ClientOverhead::fromJson(
        root.value(QStringLiteral("summary")).toObject().value(QStringLiteral("client_overhead")).toObject());
    return run;
}

} // namespace

std::optional<RunDocument> RunExport::readRun(const QByteArray &json, QString *error)
{
    const auto doc = parse(json, error);
    return doc ? readRunObject(doc->object(), error) : std::nullopt;
}

QJsonDocument RunExport::runsJson(const QList<RunDocument> &runs)
{
    if (runs.size() == 1)
        return runJson(runs.constFirst());
    QJsonArray array;
    for (const RunDocument &run : runs)
        array.append(runJson(run).object());
    return QJsonDocument(QJsonObject { { QStringLiteral("runs"), array } });
}

std::optional<QList<RunDocument>> RunExport::readRuns(const QByteArray &json, QString *error)
{
    const auto doc = parse(json, error);
    if (!doc)
        return std::nullopt;
    const QJsonObject root = doc->object();
    if (!root.value(QStringLiteral("runs")).isArray()) {
        auto one = readRunObject(root, error);
        return one ? std::optional<QList<RunDocument>>({ *one }) : std::nullopt;
    }
    QList<RunDocument> runs;
    const QJsonArray array = root.value(QStringLiteral("runs")).toArray();
    for (const QJsonValue &v : array) {
        auto one = readRunObject(v.toObject(), error);
        if (!one)
            return std::nullopt;
        runs.append(std::move(*one));
    }
    return runs;
}

QByteArray RunExport::runCsv(const QList<RequestRecord> &records)
{
    QStringList header { QStringLiteral("index"),          QStringLiteral("warmup"),
                         QStringLiteral("endpoint"),       QStringLiteral("status"),
                         QStringLiteral("error_class"),    QStringLiteral("error_message"),
                         QStringLiteral("ttft_ms"),        QStringLiteral("ttfat_ms"),
                         QStringLiteral("e2e_ms"),         QStringLiteral("tpot_ms"),
                         QStringLiteral("client_wait_ms"), QStringLiteral("output_tokens"),
                         QStringLiteral("prompt_tokens"),  QStringLiteral("reused_connection") };
    for (Phase p : Phases::all())
        header.append(Phases::key(p) + u"_ms");
    QString out = header.join(u',') + u'\n';
    for (const RequestRecord &r : records) {
        const RequestTrace &t = r.trace;
        const RequestMetrics &m = r.metrics;
        QStringList row { QString::number(r.index),
                          r.warmup ? QStringLiteral("1") : QStringLiteral("0"),
                          Csv::field(t.endpointName),
                          QString::number(t.httpStatus),
                          t.ok() ? QString() : ErrorClasses::name(t.error),
                          Csv::field(t.errorMessage),
                          number(m.ttftMs),
                          number(m.ttfatMs),
                          QString::number(m.e2eMs, 'f', 3),
                          number(m.tpotMs),
                          number(m.clientWaitMs),
                          QString::number(m.outputTokens),
                          t.usage.promptTokens ? QString::number(*t.usage.promptTokens) : QString(),
                          t.reusedConnection ? QStringLiteral("1") : QStringLiteral("0") };
        for (Phase p : Phases::all())
            row.append(QString::number(m.phases[p], 'f', 3));
        out += row.join(u',') + u'\n';
    }
    return out.toUtf8();
}

bool RunExport::writeFile(const QString &path, const QByteArray &data, QString *error)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(data) != data.size() || !file.commit()) {
        if (error)
            *error = QCoreApplication::translate("RunExport", "cannot write %1: %2")
                         .arg(path, file.errorString());
        return false;
    }
    return true;
}
