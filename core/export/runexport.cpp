#include "runexport.h"

#include "common/clock.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QSaveFile>

namespace {

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

QString csvField(const QString &s)
{
    if (!s.contains(u',') && !s.contains(u'"') && !s.contains(u'\n') && !s.contains(u'\r'))
        return s;
    QString q = s;
    q.replace(u'"', QStringLiteral("\"\""));
    return u'"' + q + u'"';
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

    return {
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
    };
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
    const ServerTimings &st = t.timings;
    QJsonObject timings;
    if (!st.isEmpty())
        timings = { { QStringLiteral("queue_ms"), optionalMs(st.queueMs) },
                    { QStringLiteral("load_ms"), optionalMs(st.loadMs) },
                    { QStringLiteral("prompt_ms"), optionalMs(st.promptMs) },
                    { QStringLiteral("prompt_tokens"), optionalInt(st.promptTokens) },
                    { QStringLiteral("generation_ms"), optionalMs(st.generationMs) },
                    { QStringLiteral("generated_tokens"), optionalInt(st.generatedTokens) },
                    { QStringLiteral("total_ms"), optionalMs(st.totalMs) } };

    QJsonObject o {
        { QStringLiteral("index"), r.index },
        { QStringLiteral("id"), QString::number(t.id) },
        { QStringLiteral("warmup"), r.warmup },
        { QStringLiteral("endpoint"), t.endpointName },
        { QStringLiteral("status"), t.httpStatus },
        { QStringLiteral("error"), error },
        { QStringLiteral("ttft_ms"), optionalMs(m.ttftMs) },
        { QStringLiteral("ttfat_ms"), optionalMs(m.ttfatMs) },
        { QStringLiteral("e2e_ms"), m.e2eMs },
        { QStringLiteral("tpot_ms"), optionalMs(m.tpotMs) },
        { QStringLiteral("client_wait_ms"), optionalMs(m.clientWaitMs) },
        { QStringLiteral("e2e_from_schedule_ms"), optionalMs(m.e2eFromScheduleMs) },
        { QStringLiteral("output_tokens"), double(m.outputTokens) },
        { QStringLiteral("output_tokens_source"), tokenCountSourceKey(m.tokenSource) },
        { QStringLiteral("prompt_tokens"), optionalInt(t.usage.promptTokens) },
        { QStringLiteral("finish_reason"), t.finishReason },
        { QStringLiteral("reused_connection"), t.reusedConnection },
        { QStringLiteral("bytes_received"), double(t.bytesReceived) },
        { QStringLiteral("text"), t.text },
        { QStringLiteral("chunks"), chunks },
        { QStringLiteral("phases_ms"), phasesJson(m.phases) },
        { QStringLiteral("phase_sources"), phaseSourcesJson(m.phases.source) },
        { QStringLiteral("timeline_ms"), timeline },
    };
    if (!t.reasoning.isEmpty())
        o.insert(QStringLiteral("reasoning"), t.reasoning);
    if (!timings.isEmpty())
        o.insert(QStringLiteral("server_timings"), timings);
    if (!t.requestIdHeader.isEmpty())
        o.insert(QStringLiteral("request_id"), QString::fromLatin1(t.requestIdHeader));
    if (t.tlsVerificationDisabled)
        o.insert(QStringLiteral("tls_verification_disabled"), true);
    if (!t.streamed)
        o.insert(QStringLiteral("streamed"), false);
    return o;
}

QJsonObject RunExport::settingsJson(const LoadConfig &c)
{
    const EndpointProfile &e = c.endpoint;
    return {
        { QStringLiteral("endpoint"),
          QJsonObject {
              { QStringLiteral("name"), e.name },
              { QStringLiteral("url"), e.baseUrl.toString(QUrl::RemoveUserInfo | QUrl::RemoveQuery) },
              { QStringLiteral("protocol"), Protocols::name(e.protocol) },
              { QStringLiteral("model"), e.model },
              { QStringLiteral("verify_tls"), e.verifyTls } } },
        { QStringLiteral("requests"), c.requests },
        { QStringLiteral("concurrency"), c.concurrency },
        { QStringLiteral("rate"), c.rate },
        { QStringLiteral("poisson"), c.poisson },
        { QStringLiteral("seed"), QString::number(c.seed) },
        { QStringLiteral("warmup"), c.warmup },
        { QStringLiteral("prompts"), int(c.prompts.size()) },
        { QStringLiteral("max_tokens"), c.prompts.isEmpty() ? 0 : c.prompts.constFirst().maxTokens },
        { QStringLiteral("reuse_connections"), c.options.reuseConnections },
        { QStringLiteral("timeouts_ms"),
          QJsonObject { { QStringLiteral("connect"), double(c.options.connectTimeoutMs) },
                        { QStringLiteral("first_token"), double(c.options.firstTokenTimeoutMs) },
                        { QStringLiteral("stall"), double(c.options.stallTimeoutMs) },
                        { QStringLiteral("total"), double(c.options.totalTimeoutMs) } } },
    };
}

QJsonDocument RunExport::runJson(const LoadConfig &config, const QList<RequestRecord> &records,
                                 const RunSummary &summary)
{
    return runJson(settingsJson(config), records, summary);
}

QJsonDocument RunExport::runJson(const QJsonObject &settings, const QList<RequestRecord> &records,
                                 const RunSummary &summary)
{
    // Each request's times are relative to its own start; the offset places it in the run,
    // so that a reader can rebuild wall time, concurrency and throughput.
    qint64 runOrigin = -1;
    for (const RequestRecord &r : records) {
        if (r.trace.startNs >= 0 && (runOrigin < 0 || r.trace.startNs < runOrigin))
            runOrigin = r.trace.startNs;
    }
    QJsonArray requests;
    for (const RequestRecord &r : records) {
        QJsonObject o = requestJson(r);
        if (r.trace.startNs >= 0)
            o.insert(QStringLiteral("start_offset_ms"), Time::nsToMs(r.trace.startNs - runOrigin));
        requests.append(o);
    }
    return QJsonDocument(QJsonObject {
        { QStringLiteral("tool"), QStringLiteral("TokenScope " TOKENSCOPE_VERSION) },
        { QStringLiteral("settings"), settings },
        { QStringLiteral("summary"), summaryJson(summary) },
        { QStringLiteral("requests"), requests },
    });
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
                          csvField(t.endpointName),
                          QString::number(t.httpStatus),
                          t.ok() ? QString() : ErrorClasses::name(t.error),
                          csvField(t.errorMessage),
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
