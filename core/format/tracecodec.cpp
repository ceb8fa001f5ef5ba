#include "tracecodec.h"

#include "requestjson.h"

#include <QCoreApplication>
#include <QJsonArray>

#include <algorithm>
#include <cmath>
#include <limits>

namespace {

struct Stamp
{
    const char *key;
    qint64 RequestTrace::*field;
};

// A time in a record is at most this far from its request's start (about 11.6 days).
constexpr double MaxOffsetNs = 1e15;

constexpr Stamp Stamps[] = {
    { "scheduled", &RequestTrace::scheduledNs },
    { "dns", &RequestTrace::dnsDoneNs },
    { "connect_start", &RequestTrace::connectStartNs },
    { "connected", &RequestTrace::connectedNs },
    { "tls", &RequestTrace::tlsDoneNs },
    { "sent", &RequestTrace::requestSentNs },
    { "response", &RequestTrace::responseStartNs },
    { "headers", &RequestTrace::headersNs },
    { "first_byte", &RequestTrace::firstBodyByteNs },
    { "first_token", &RequestTrace::firstTokenNs },
    { "first_answer", &RequestTrace::firstAnswerTokenNs },
    { "last_token", &RequestTrace::lastTokenNs },
    { "end", &RequestTrace::endNs },
};

class TraceCodecText
{
    Q_DECLARE_TR_FUNCTIONS(TraceCodec)
};

} // namespace

QJsonObject TraceCodec::encode(const RequestRecord &r)
{
    const RequestTrace &t = r.trace;
    const qint64 origin = t.startNs;
    QJsonObject stamps;
    for (const Stamp &s : Stamps) {
        const qint64 v = t.*(s.field);
        if (v >= 0)
            stamps.insert(QLatin1String(s.key), double(v - origin));
    }
    // Chunks column by column: a few arrays instead of one object per token keeps writing a
    // request cheap (it happens on the measuring thread). Counts and flags only when not 1/0.
    QJsonArray chunkTimes;
    QJsonArray chunkTexts;
    QJsonArray chunkTokens;
    QJsonArray chunkFlags;
    bool plain = true;
    qint64 previous = origin;
    const ChunkList &chunks = t.chunks;
    for (qsizetype i = 0; i < chunks.size(); ++i) {
        chunkTimes.append(double(chunks.timeAt(i) - previous)); // gaps: small numbers, short text
        previous = chunks.timeAt(i);
        chunkTexts.append(chunks.textAt(i).toString());
        plain = plain && chunks.tokensAt(i) == 1 && !chunks.tokensFromServerAt(i) && !chunks.reasoningAt(i);
    }
    if (!plain) {
        for (qsizetype i = 0; i < chunks.size(); ++i) {
            chunkTokens.append(double(chunks.tokensAt(i)));
            chunkFlags.append((chunks.tokensFromServerAt(i) ? 1 : 0) | (chunks.reasoningAt(i) ? 2 : 0));
        }
    }
    QJsonObject o {
        { QStringLiteral("v"), Version },
        { QStringLiteral("index"), r.index },
        { QStringLiteral("warmup"), r.warmup },
        { QStringLiteral("id"), QString::number(t.id) },
        { QStringLiteral("endpoint"), t.endpointName },
        { QStringLiteral("protocol"), Protocols::name(t.protocol) },
        { QStringLiteral("model"), t.model },
        { QStringLiteral("url"), t.url },
        { QStringLiteral("streamed"), t.streamed },
        { QStringLiteral("start_ns"), QString::number(origin) },
        { QStringLiteral("t_ns"), stamps },
        { QStringLiteral("reused"), t.reusedConnection },
        { QStringLiteral("kernel_times"), t.kernelReceiveTimes },
        { QStringLiteral("tls_off"), t.tlsVerificationDisabled },
        { QStringLiteral("status"), t.httpStatus },
        { QStringLiteral("bytes_sent"), double(t.bytesSent) },
        { QStringLiteral("bytes_received"), double(t.bytesReceived) },
        { QStringLiteral("usage"), RequestJson::usageJson(t.usage) },
        { RequestJson::serverTimingsKey(),
          RequestJson::serverTimingsJson(t.timings, RequestJson::Missing::Omit) },
        { QStringLiteral("text"), t.text },
        { QStringLiteral("chunk_gaps_ns"), chunkTimes },
        { QStringLiteral("chunk_texts"), chunkTexts },
        { QStringLiteral("finish"), t.finishReason },
    };
    if (!t.proxy.isEmpty())
        o.insert(QStringLiteral("proxy"), t.proxy);
    if (r.turn > 0)
        o.insert(QStringLiteral("turn"), r.turn);
    if (r.sweepLevel >= 0) {
        o.insert(QStringLiteral("sweep_level"), r.sweepLevel);
        o.insert(QStringLiteral("sweep_window"), r.sweepWindow);
    }
    if (!plain) {
        o.insert(QStringLiteral("chunk_tokens"), chunkTokens);
        o.insert(QStringLiteral("chunk_flags"), chunkFlags);
    }
    if (!t.reasoning.isEmpty())
        o.insert(QStringLiteral("reasoning"), t.reasoning);
    if (!t.requestIdHeader.isEmpty())
        o.insert(QStringLiteral("request_id"), QString::fromLatin1(t.requestIdHeader));
    if (t.serverProcessingMs)
        o.insert(QStringLiteral("server_ms"), *t.serverProcessingMs);
    if (!t.ok()) {
        o.insert(QStringLiteral("error"), ErrorClasses::name(t.error));
        o.insert(QStringLiteral("error_message"), t.errorMessage);
    }
    return o;
}

std::optional<RequestRecord> TraceCodec::decode(const QJsonObject &o, QString *error)
{
    auto fail = [error](const QString &why) -> std::optional<RequestRecord> {
        if (error)
            *error = why;
        return std::nullopt;
    };
    if (o.value(QStringLiteral("v")).toInt() != Version)
        return fail(TraceCodecText::tr("unknown request record version"));
    bool ok = false;
    const qint64 origin = o.value(QStringLiteral("start_ns")).toString().toLongLong(&ok);
    // Times are monotonic-clock nanoseconds: far from the ends of qint64, so offsets add safely.
    if (!ok || std::abs(origin) > std::numeric_limits<qint64>::max() / 2)
        return fail(TraceCodecText::tr("request record without a start time"));

    RequestRecord r;
    r.index = o.value(QStringLiteral("index")).toInt();
    r.warmup = o.value(QStringLiteral("warmup")).toBool();
    r.turn = std::max(0, o.value(QStringLiteral("turn")).toInt());
    r.sweepLevel = std::max(-1, o.value(QStringLiteral("sweep_level")).toInt(-1));
    r.sweepWindow = r.sweepLevel >= 0 ? std::max(-1, o.value(QStringLiteral("sweep_window")).toInt(-1)) : -1;
    RequestTrace &t = r.trace;
    t.id = o.value(QStringLiteral("id")).toString().toULongLong();
    t.endpointName = o.value(QStringLiteral("endpoint")).toString();
    t.protocol
        = Protocols::fromName(o.value(QStringLiteral("protocol")).toString()).value_or(Protocol::OpenAIChat);
    t.model = o.value(QStringLiteral("model")).toString();
    t.url = o.value(QStringLiteral("url")).toString();
    t.streamed = o.value(QStringLiteral("streamed")).toBool(true);
    t.startNs = origin;
    const QJsonObject stamps = o.value(QStringLiteral("t_ns")).toObject();
    for (const Stamp &s : Stamps) {
        const QJsonValue v = stamps.value(QLatin1String(s.key));
        const auto offset = RequestJson::integer(v, MaxOffsetNs);
        t.*(s.field) = offset ? origin + *offset : -1;
    }
    t.reusedConnection = o.value(QStringLiteral("reused")).toBool();
    t.kernelReceiveTimes = o.value(QStringLiteral("kernel_times")).toBool();
    t.proxy = o.value(QStringLiteral("proxy")).toString().left(512);
    t.tlsVerificationDisabled = o.value(QStringLiteral("tls_off")).toBool();
    t.httpStatus = o.value(QStringLiteral("status")).toInt();
    t.requestIdHeader = o.value(QStringLiteral("request_id")).toString().toLatin1();
    t.serverProcessingMs = RequestJson::number(o.value(QStringLiteral("server_ms")));
    t.bytesSent = RequestJson::integer(o.value(QStringLiteral("bytes_sent"))).value_or(0);
    t.bytesReceived = RequestJson::integer(o.value(QStringLiteral("bytes_received"))).value_or(0);
    t.usage = RequestJson::usageFromJson(o.value(QStringLiteral("usage")).toObject());
    t.timings = RequestJson::serverTimingsOf(o);
    t.text = o.value(QStringLiteral("text")).toString();
    t.reasoning = o.value(QStringLiteral("reasoning")).toString();
    const QJsonArray gaps = o.value(QStringLiteral("chunk_gaps_ns")).toArray();
    const QJsonArray texts = o.value(QStringLiteral("chunk_texts")).toArray();
    const QJsonArray tokens = o.value(QStringLiteral("chunk_tokens")).toArray();
    const QJsonArray flags = o.value(QStringLiteral("chunk_flags")).toArray();
    const qsizetype n = gaps.size();
    if (texts.size() != n || (!tokens.isEmpty() && tokens.size() != n) || flags.size() != tokens.size())
        return fail(TraceCodecText::tr("malformed chunks in a request record"));
    t.chunks.reserve(n);
    qint64 at = origin;
    for (qsizetype i = 0; i < n; ++i) {
        // Gaps are bounded one by one and in sum, so no file can overflow the clock.
        const auto gap = RequestJson::integer(gaps.at(i), MaxOffsetNs);
        if (!gap || std::abs(at - origin + *gap) > MaxOffsetNs)
            return fail(TraceCodecText::tr("malformed chunks in a request record"));
        TraceChunk chunk;
        at += *gap;
        chunk.tNs = at;
        chunk.text = texts.at(i).toString();
        if (!tokens.isEmpty()) {
            chunk.tokens = RequestJson::integer(tokens.at(i)).value_or(0);
            const int f = flags.at(i).toInt();
            chunk.tokensFromServer = f & 1;
            chunk.reasoning = f & 2;
        }
        t.chunks.append(chunk);
    }
    t.finishReason = o.value(QStringLiteral("finish")).toString();
    if (o.contains(QStringLiteral("error"))) {
        t.error = RequestJson::errorClassFromName(o.value(QStringLiteral("error")).toString());
        if (t.error == ErrorClass::None) // an error we no longer know is still an error
            t.error = ErrorClass::ServerError;
        t.errorMessage = o.value(QStringLiteral("error_message")).toString();
    }
    r.metrics = Metrics::compute(t);
    return r;
}

int TraceCodec::peakConcurrency(const QList<RequestRecord> &records)
{
    // +1 at each start, -1 at each end; ends sort before starts at the same instant.
    QList<std::pair<qint64, int>> events;
    events.reserve(records.size() * 2);
    for (const RequestRecord &r : records) {
        if (r.trace.startNs < 0 || r.trace.endNs < r.trace.startNs)
            continue;
        events.append({ r.trace.startNs, +1 });
        events.append({ r.trace.endNs, -1 });
    }
    std::sort(events.begin(), events.end());
    int now = 0;
    int peak = 0;
    for (const auto &e : events) {
        now += e.second;
        peak = std::max(peak, now);
    }
    return peak;
}
