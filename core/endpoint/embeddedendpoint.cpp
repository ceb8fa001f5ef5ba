#include "embeddedendpoint.h"

#include "embeddingsresponse.h"
#include "enginemetrics.h"
#include "generationrequest.h"
#include "httpserverconnection.h"
#include "latencysampler.h"
#include "prefixcache.h"
#include "common/clock.h"
#include "protocol/protocol.h"
#include "protocolemitters.h"
#include "servertokenizer.h"
#include "textgenerator.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMutex>
#include <QMutexLocker>
#include <QPointer>
#include <QSet>
#include <QTcpServer>
#include <QTcpSocket>
#include <QThread>
#include <QTimer>

#ifdef Q_OS_UNIX
#include <sys/resource.h>
#endif

#include <algorithm>
#include <array>
#include <chrono>
#include <cmath>

using namespace Sim;

using namespace std::chrono_literals;

namespace {

constexpr int FaultAfterTokens = 3;
constexpr auto StallLimit = 5min;

const std::array<std::pair<EndpointFault, const char *>, 9> faultNames { {
    { EndpointFault::None, "none" },
    { EndpointFault::RateLimited, "429" },
    { EndpointFault::ServerError, "500" },
    { EndpointFault::ResetMidStream, "reset" },
    { EndpointFault::Truncated, "truncate" },
    { EndpointFault::Stall, "stall" },
    { EndpointFault::MalformedJson, "malformed" },
    { EndpointFault::ErrorEvent, "error-event" },
    { EndpointFault::TinyReads, "tiny-reads" },
} };

QByteArray jsonContentType()
{
    return QByteArray(Protocols::JsonContentType);
}

QByteArray compact(const QJsonObject &object)
{
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

double seconds(qint64 ns)
{
    return double(ns) / 1e9;
}

} // namespace

namespace EndpointFaults {

QString name(EndpointFault fault)
{
    for (const auto &[value, text] : faultNames) {
        if (value == fault)
            return QString::fromLatin1(text);
    }
    return QStringLiteral("none");
}

std::optional<EndpointFault> fromName(QStringView name)
{
    const QStringView trimmed = name.trimmed();
    for (const auto &[value, text] : faultNames) {
        if (trimmed.compare(QLatin1String(text), Qt::CaseInsensitive) == 0)
            return value;
    }
    return std::nullopt;
}

QStringList names()
{
    QStringList list;
    for (const auto &entry : faultNames)
        list.append(QString::fromLatin1(entry.second));
    return list;
}

} // namespace EndpointFaults

class GenerationJob;

// Everything of the endpoint that its jobs reach (EmbeddedEndpoint::Private is not nameable
// outside the class, so the state lives here and Private merely is one).
class EndpointState
{
public:
    explicit EndpointState(EmbeddedEndpoint *q);

    qint64 nowNs() const { return m_clock.nsecsElapsed(); }
    void onNewConnections();
    void onRequest(HttpServerConnection *connection, const HttpRequest &request);
    void answer(HttpServerConnection *connection, const QByteArray &path, int status, const QByteArray &body,
                const HttpHeaderList &extra = {});
    EndpointFault pickFault(const HttpRequest &request, bool *unknown);

    void beginStream();
    void endStream() { --m_active; }

    // Admission: at most m_capacity.maxConcurrentDecodes jobs hold a decode slot (from their
    // arrival at the engine to their last token); the others wait in arrival order.
    void requestSlot(GenerationJob *job);
    /// Leaves the queue or frees the slot (no-op for a job in neither); admits the next.
    void releaseSlot(GenerationJob *job);
    void admitWaiting();
    bool hasFreeSlot() const;
    void setCapacity(const EndpointCapacity &capacity);
    void publishQueueSizes();
    EngineGauges gauges() const;

    // The shared decode-step scheduler: one timer ticks a step for every decoding stream.
    void joinDecode(GenerationJob *job);
    void leaveDecode(GenerationJob *job) { m_decoding.removeOne(job); }
    void scheduleStep(qint64 tickStartNs);
    void onStep();

    EmbeddedEndpoint *q;
    QTcpServer *m_server;
    QTimer *m_stepTimer;
    QElapsedTimer m_clock;
    LatencySampler m_sampler;
    EndpointFault m_fault = EndpointFault::None;
    double m_faultProbability = 0;
    QString m_error;
    QSet<HttpServerConnection *> m_connections;
    QList<GenerationJob *> m_decoding;
    quint64 m_nextId = 0;
    EndpointCapacity m_capacity;
    QList<GenerationJob *> m_running; // holding a decode slot, in admission order
    QList<GenerationJob *> m_waiting; // FIFO
    EngineCounters m_counters; // what /metrics reports besides the gauges
    PrefixCache m_prefixCache; // configured from m_capacity
    bool m_closing = false; // the endpoint is being destroyed: admit nothing more

    std::atomic<qint64> m_requests { 0 };
    std::atomic<qint64> m_streams { 0 };
    std::atomic<int> m_active { 0 };
    std::atomic<int> m_peak { 0 };
    std::atomic<qint64> m_tokens { 0 };
    /// EndpointCapacity::logTokenSendTimes: send times by response id, read from other threads.
    mutable QMutex m_sendLogMutex;
    QHash<QString, QList<qint64>> m_sendLog;
    std::atomic<qint64> m_connectionCount { 0 };
    std::atomic<int> m_runningCount { 0 };
    std::atomic<int> m_waitingCount { 0 };
    std::atomic<qint64> m_prefixQueries { 0 };
    std::atomic<qint64> m_prefixHits { 0 };
};

class EmbeddedEndpoint::Private : public EndpointState
{
public:
    using EndpointState::EndpointState;
};

/*
 * One generation request from receipt to its last byte. Its timers use it as context, so
 * they die with it; it is a child of its connection, so it dies when the connection does.
 */
class GenerationJob : public QObject
{
public:
    GenerationJob(EndpointState *d, HttpServerConnection *connection, const GenerationRequest &request,
                  EndpointFault fault, const QByteArray &path)
        : QObject(connection)
        , d(d)
        , m_connection(connection)
        , m_request(request)
        , m_fault(fault)
        , m_path(QString::fromUtf8(path))
        , m_generator(d->m_sampler.model().seed, request.prompt)
    {
        EmitterSetup setup;
        setup.kind = request.kind;
        setup.model = request.model;
        setup.id = QStringLiteral("%1").arg(++d->m_nextId ^ (d->m_sampler.model().seed << 24), 16, 16,
                                            QLatin1Char('0'));
        setup.created = QDateTime::currentSecsSinceEpoch();
        setup.promptTokens = ServerTokenizer::countTokens(request.prompt);
        const OutputPlan plan = planOutputFor(request);
        m_length = plan.length;
        setup.maxTokens = plan.length;
        setup.naturalStop = plan.naturalStop;
        setup.includeUsage = request.includeUsage;
        m_emitter = ProtocolEmitter::create(setup);
        m_faultAt = std::min(FaultAfterTokens, m_length);
        connect(connection, &HttpServerConnection::closed, this, [this] { end(m_status); });
    }

    ~GenerationJob() override
    {
        // Destroyed with its connection (endpoint closing): leave the counters right.
        d->leaveDecode(this);
        d->releaseSlot(this);
        if (m_counted && !m_ended)
            d->endStream();
    }

    bool isDecoding() const { return m_decodingNow; }
    /// Tokens this job holds in the simulated KV cache while it has a slot.
    qint64 kvTokens() const { return qint64(m_emitter->setup().promptTokens) + m_emitted; }

    /// The engine gave this job a decode slot: prompt processing starts now.
    void admit()
    {
        m_processStartNs = d->nowNs();
        d->m_counters.queueTime.observe(seconds(m_processStartNs - m_arrivalNs));
        const LatencyModel &model = d->m_sampler.model();
        // Prefill skips the cached prefix; its fixed part and the last token always remain.
        const int computed = m_emitter->setup().promptTokens - m_cachedTokens;
        const double promptMs
            = d->m_sampler.jittered(model.promptFixedMs + model.promptMsPerToken * computed);
        // A client that left meanwhile is noticed at the first token (or by closed() before).
        QTimer::singleShot(LatencySampler::toTimer(promptMs), Qt::PreciseTimer, this,
                           [this] { onPromptDone(); });
    }

    void start()
    {
        const double networkMs = d->m_sampler.jittered(d->m_sampler.model().networkMs);
        if (m_fault == EndpointFault::RateLimited || m_fault == EndpointFault::ServerError) {
            QTimer::singleShot(LatencySampler::toTimer(networkMs), Qt::PreciseTimer, this,
                               [this] { sendStatusFault(); });
            return;
        }
        m_counted = true;
        d->beginStream();
        QTimer::singleShot(LatencySampler::toTimer(networkMs), Qt::PreciseTimer, this,
                           [this] { onNetworkDone(); });
    }

    /// One decode step of the batch.
    void step()
    {
        if (!emitToken())
            return;
        if (m_emitted >= m_length) {
            setDecoding(false);
            afterLastToken();
        }
    }

private:
    /// The output's length and ending; early stops draw from the sampler's length stream
    /// only when they are on and could happen, so that by default nothing shifts.
    OutputPlan planOutputFor(const GenerationRequest &request) const
    {
        const double share = std::clamp(d->m_capacity.earlyStopShare, 0.0, 1.0);
        bool early = false;
        double draw = 0;
        if (share > 0 && canStopEarly(request)) {
            early = d->m_sampler.lengthDraw() < share;
            draw = d->m_sampler.lengthDraw();
        }
        return planOutput(request, early, draw);
    }

    /// The request reaches the engine: its prompt is looked up in the prefix cache.
    void lookUpPrefix()
    {
        PrefixCache &cache = d->m_prefixCache;
        if (!cache.isEnabled())
            return;
        const int promptTokens = m_emitter->setup().promptTokens;
        m_blockHashes = cache.blockHashes(ServerTokenizer::tokenIds(m_request.prompt));
        const PrefixCache::Match match = cache.lookup(m_blockHashes, promptTokens);
        m_cacheEpoch = match.epoch;
        m_cachedTokens = match.cachedTokens;
        m_emitter->setPromptCache(match.cachedTokens, match.newTokens);
        d->m_counters.prefixCacheQueries += promptTokens;
        d->m_counters.prefixCacheHits += match.cachedTokens;
        d->m_prefixQueries += promptTokens;
        d->m_prefixHits += match.cachedTokens;
    }

    void setDecoding(bool decoding)
    {
        if (decoding == m_decodingNow)
            return;
        m_decodingNow = decoding;
        if (decoding)
            d->joinDecode(this);
        else
            d->leaveDecode(this);
    }

    void sendStatusFault()
    {
        if (!m_connection || !m_connection->isConnected())
            return end(0);
        const bool rateLimited = m_fault == EndpointFault::RateLimited;
        const int status = rateLimited ? 429 : 500;
        HttpHeaderList extra;
        if (rateLimited)
            extra.append({ QByteArrayLiteral("Retry-After"), QByteArrayLiteral("1") });
        const QString message
            = rateLimited ? QStringLiteral("simulated rate limit") : QStringLiteral("simulated server error");
        m_connection->sendResponse(status, jsonContentType(),
                                   ProtocolEmitter::errorDocument(m_request.kind, status, message), extra);
        end(status);
    }

    void onNetworkDone()
    {
        if (!m_connection || !m_connection->isConnected())
            return end(0);
        // The request reaches the engine: the server's figures (TTFT, E2E) count from here.
        m_arrivalNs = d->nowNs();
        // Before the first event: some dialects report the cached tokens in it.
        lookUpPrefix();
        if (m_request.stream) {
            m_connection->startChunked(200, m_emitter->streamContentType(), requestIdHeader());
            m_status = 200;
            if (m_fault == EndpointFault::TinyReads)
                m_connection->setTinyWrites(true);
            m_connection->writeChunk(m_emitter->streamStart());
        }
        // Admitted at once (admit()) when a slot is free, else queued until one is.
        d->requestSlot(this);
    }

    void onPromptDone()
    {
        m_promptEndNs = d->nowNs();
        // vLLM counts the whole prompt as prompt tokens, and the cached part apart.
        d->m_counters.promptTokens += m_emitter->setup().promptTokens;
        d->m_counters.promptTokensCached += m_cachedTokens;
        // Its blocks are computed now: later prompts with the same prefix find them.
        d->m_prefixCache.insert(m_blockHashes, m_cacheEpoch);
        m_blockHashes.clear();
        const double inferenceMs = d->m_sampler.jittered(d->m_sampler.model().inferenceMs);
        QTimer::singleShot(LatencySampler::toTimer(inferenceMs), Qt::PreciseTimer, this,
                           [this] { onFirstToken(); });
    }

    void onFirstToken()
    {
        // The first token ends the inference phase; the others come from the batch steps.
        if (!emitToken())
            return;
        if (m_emitted < m_length)
            setDecoding(true);
        else
            afterLastToken();
    }

    /// Emits the next token; false when the job must not go on (fault, closed).
    bool emitToken()
    {
        if (m_ended || !m_connection || !m_connection->isConnected()) {
            end(0);
            return false;
        }
        const QString token = m_generator.next();
        m_emitter->record(token);
        ++d->m_tokens;
        const qint64 now = d->nowNs();
        if (m_emitted == 0)
            d->m_counters.timeToFirstToken.observe(seconds(now - m_arrivalNs));
        else
            d->m_counters.timePerOutputToken.observe(seconds(now - m_lastTokenNs));
        m_lastTokenNs = now;
        if (m_request.stream) {
            const QByteArray bytes = m_emitter->token(m_emitted, token);
            // Read just before the write, which hands the bytes to the kernel (it flushes): a
            // client on another thread may read them before this thread reads a clock again.
            if (d->m_capacity.logTokenSendTimes) {
                const qint64 sent = Clock::system()->nowNs();
                const QMutexLocker lock(&d->m_sendLogMutex);
                d->m_sendLog[m_emitter->setup().id].append(sent);
            }
            m_connection->writeChunk(bytes);
        }
        ++m_emitted;
        if (m_emitted == m_faultAt && m_request.stream)
            return applyStreamFault();
        return true;
    }

    bool applyStreamFault()
    {
        switch (m_fault) {
        case EndpointFault::ResetMidStream:
            m_connection->reset();
            end(200);
            return false;
        case EndpointFault::Truncated:
            // FIN without the terminating chunk or the end sentinel.
            m_connection->closeGracefully();
            end(200);
            return false;
        case EndpointFault::Stall:
            stall();
            return false;
        case EndpointFault::MalformedJson:
            m_connection->writeChunk(m_emitter->malformed());
            return true;
        case EndpointFault::ErrorEvent:
            m_connection->writeChunk(m_emitter->errorEvent());
            m_connection->finishChunked();
            end(200);
            return false;
        case EndpointFault::None:
        case EndpointFault::RateLimited:
        case EndpointFault::ServerError:
        case EndpointFault::TinyReads:
            break;
        }
        return true;
    }

    void stall()
    {
        setDecoding(false);
        // The engine is done with it; only its HTTP response hangs, so the slot goes free.
        d->releaseSlot(this);
        // Stays counted as active: the client still waits on it. Ends when the client
        // gives up (closed() -> end) or after the limit.
        QTimer::singleShot(StallLimit, this, [this] {
            if (m_connection)
                m_connection->closeGracefully();
            end(m_status);
        });
    }

    void afterLastToken()
    {
        // Post-processing happens outside the batch: the next request may take the slot.
        d->releaseSlot(this);
        const double postMs = d->m_sampler.jittered(d->m_sampler.model().postprocessMs);
        QTimer::singleShot(LatencySampler::toTimer(postMs), Qt::PreciseTimer, this, [this] { finish(); });
    }

    ServerTimings timings() const
    {
        ServerTimings t;
        t.promptN = m_emitter->setup().promptTokens - m_cachedTokens;
        t.cacheN = m_cachedTokens;
        t.predictedN = m_emitted;
        t.promptNs = m_promptEndNs - m_processStartNs;
        t.predictedNs = m_lastTokenNs - m_promptEndNs;
        t.totalNs = d->nowNs() - m_processStartNs;
        return t;
    }

    void finish()
    {
        if (!m_connection || !m_connection->isConnected())
            return end(0);
        if (m_request.stream) {
            m_connection->writeChunk(m_emitter->streamEnd(timings()));
            m_connection->finishChunked();
            recordSuccess();
            return end(200);
        }
        sendDocument();
    }

    void recordSuccess()
    {
        EngineCounters &counters = d->m_counters;
        if (m_emitter->setup().naturalStop)
            ++counters.successStop;
        else
            ++counters.successLength;
        counters.e2eLatency.observe(seconds(d->nowNs() - m_arrivalNs));
    }

    void sendDocument()
    {
        const QByteArray body = m_emitter->document(timings());
        const QByteArray half = body.left(body.size() / 2);
        const HttpHeaderList extra = requestIdHeader();
        // A non-streaming client sees nothing before the body, so body faults hit the body.
        switch (m_fault) {
        case EndpointFault::ResetMidStream:
        case EndpointFault::Truncated:
        case EndpointFault::Stall:
            m_status = 200;
            m_connection->startFixedLength(200, jsonContentType(), body.size(), extra);
            m_connection->writeBody(half);
            if (m_fault == EndpointFault::Stall)
                return stall();
            if (m_fault == EndpointFault::ResetMidStream)
                m_connection->reset();
            else
                m_connection->closeGracefully();
            return end(200);
        case EndpointFault::MalformedJson:
            m_connection->sendResponse(200, jsonContentType(), half, extra);
            return end(200);
        case EndpointFault::ErrorEvent:
            m_connection->sendResponse(
                503, jsonContentType(),
                ProtocolEmitter::errorDocument(m_request.kind, 503, QStringLiteral("simulated overload")),
                extra);
            return end(503);
        case EndpointFault::TinyReads:
            m_connection->setTinyWrites(true);
            break;
        case EndpointFault::None:
        case EndpointFault::RateLimited:
        case EndpointFault::ServerError:
            break;
        }
        m_connection->sendResponse(200, jsonContentType(), body, extra);
        recordSuccess();
        end(200);
    }

    HttpHeaderList requestIdHeader() const
    {
        return { { QByteArrayLiteral("X-Request-Id"), m_emitter->setup().id.toLatin1() } };
    }

    void end(int status)
    {
        if (m_ended)
            return;
        m_ended = true;
        setDecoding(false);
        d->releaseSlot(this);
        if (m_counted)
            d->endStream();
        Q_EMIT d->q->requestServed(m_path, status);
        deleteLater();
    }

    EndpointState *d;
    QPointer<HttpServerConnection> m_connection;
    GenerationRequest m_request;
    EndpointFault m_fault;
    QString m_path;
    TextGenerator m_generator;
    std::unique_ptr<ProtocolEmitter> m_emitter;
    int m_faultAt = FaultAfterTokens;
    int m_length = 1; ///< tokens this request generates (OutputPlan)
    int m_emitted = 0;
    int m_cachedTokens = 0; ///< prompt tokens the prefix cache served
    QList<quint64> m_blockHashes; ///< the prompt's whole blocks, written after its prefill
    quint64 m_cacheEpoch = 0;
    int m_status = 0;
    qint64 m_arrivalNs = 0; ///< reached the engine (after the simulated network delay)
    qint64 m_processStartNs = 0; ///< admitted: prompt processing began
    qint64 m_promptEndNs = 0;
    qint64 m_lastTokenNs = 0;
    bool m_counted = false;
    bool m_ended = false;
    bool m_decodingNow = false;
};

EndpointState::EndpointState(EmbeddedEndpoint *q)
    : q(q)
    , m_server(new QTcpServer(q))
    , m_stepTimer(new QTimer(q))
{
    m_clock.start();
    m_prefixCache.configure(m_capacity.prefixCaching, m_capacity.prefixBlockTokens, m_capacity.kvCacheTokens);
    m_stepTimer->setSingleShot(true);
    m_stepTimer->setTimerType(Qt::PreciseTimer);
    QObject::connect(m_stepTimer, &QTimer::timeout, q, [this] { onStep(); });
    // Hundreds of clients connect at once in load tests: do not make them wait in SYN queues.
    m_server->setListenBacklogSize(1024);
    m_server->setMaxPendingConnections(1024);
    QObject::connect(m_server, &QTcpServer::newConnection, q, [this] { onNewConnections(); });
}

void EndpointState::beginStream()
{
    ++m_streams;
    const int now = ++m_active;
    int peak = m_peak.load();
    while (now > peak && !m_peak.compare_exchange_weak(peak, now)) { }
}

bool EndpointState::hasFreeSlot() const
{
    return m_capacity.maxConcurrentDecodes <= 0 || m_running.size() < m_capacity.maxConcurrentDecodes;
}

void EndpointState::requestSlot(GenerationJob *job)
{
    // Nobody overtakes the queue, even when a slot is free at this very moment.
    if (!hasFreeSlot() || !m_waiting.isEmpty()) {
        m_waiting.append(job);
        publishQueueSizes();
        admitWaiting();
        return;
    }
    m_running.append(job);
    publishQueueSizes();
    job->admit();
}

void EndpointState::releaseSlot(GenerationJob *job)
{
    const bool wasRunning = m_running.removeOne(job);
    const bool wasWaiting = m_waiting.removeOne(job);
    if (!wasRunning && !wasWaiting)
        return;
    publishQueueSizes();
    if (wasRunning)
        admitWaiting();
}

void EndpointState::admitWaiting()
{
    // admit() only starts a timer, so no job leaves the lists while this runs.
    while (!m_closing && !m_waiting.isEmpty() && hasFreeSlot()) {
        GenerationJob *next = m_waiting.takeFirst();
        m_running.append(next);
        publishQueueSizes();
        next->admit();
    }
}

void EndpointState::setCapacity(const EndpointCapacity &capacity)
{
    m_capacity = capacity;
    m_capacity.maxConcurrentDecodes = std::max(0, capacity.maxConcurrentDecodes);
    m_capacity.kvCacheTokens = std::max<qint64>(0, capacity.kvCacheTokens);
    m_capacity.prefixBlockTokens = std::max(1, capacity.prefixBlockTokens);
    m_capacity.earlyStopShare
        = std::isfinite(capacity.earlyStopShare) ? std::clamp(capacity.earlyStopShare, 0.0, 1.0) : 0.0;
    m_prefixCache.configure(m_capacity.prefixCaching, m_capacity.prefixBlockTokens, m_capacity.kvCacheTokens);
    admitWaiting();
}

void EndpointState::publishQueueSizes()
{
    m_runningCount.store(int(m_running.size()));
    m_waitingCount.store(int(m_waiting.size()));
}

EngineGauges EndpointState::gauges() const
{
    EngineGauges g;
    g.running = int(m_running.size());
    g.waiting = int(m_waiting.size());
    for (const GenerationJob *job : m_running)
        g.kvTokens += job->kvTokens();
    g.kvCapacityTokens = m_capacity.kvCacheTokens;
    g.generationTokens = m_tokens.load();
    return g;
}

void EndpointState::joinDecode(GenerationJob *job)
{
    m_decoding.append(job);
    if (!m_stepTimer->isActive())
        scheduleStep(nowNs());
}

void EndpointState::scheduleStep(qint64 tickStartNs)
{
    const double stepMs = m_sampler.jittered(m_sampler.stepMs(int(m_decoding.size())));
    // The work of a tick (writing hundreds of chunks) is part of the step, not added to it.
    const double spentMs = double(nowNs() - tickStartNs) / 1e6;
    m_stepTimer->start(LatencySampler::toTimer(stepMs - spentMs));
}

void EndpointState::onStep()
{
    const qint64 tickStart = nowNs();
    const QList<GenerationJob *> batch = m_decoding;
    for (GenerationJob *job : batch) {
        // A job can leave the batch while an earlier one is written (its connection died).
        if (m_decoding.contains(job) && job->isDecoding())
            job->step();
    }
    if (!m_decoding.isEmpty())
        scheduleStep(tickStart);
}

void EndpointState::onNewConnections()
{
    while (QTcpSocket *socket = m_server->nextPendingConnection()) {
        ++m_connectionCount;
        auto *connection = new HttpServerConnection(socket, q);
        m_connections.insert(connection);
        QObject::connect(connection, &HttpServerConnection::requestReceived, q,
                         [this, connection](const HttpRequest &request) { onRequest(connection, request); });
        QObject::connect(connection, &HttpServerConnection::closed, q, [this, connection] {
            m_connections.remove(connection);
            connection->deleteLater();
        });
    }
}

EndpointFault EndpointState::pickFault(const HttpRequest &request, bool *unknown)
{
    *unknown = false;
    const QByteArray header = request.header(QByteArray(Protocols::FaultHeader).toLower());
    if (!header.isNull()) {
        const auto fault = EndpointFaults::fromName(QString::fromLatin1(header));
        if (!fault)
            *unknown = true;
        return fault.value_or(EndpointFault::None);
    }
    if (m_fault != EndpointFault::None && m_faultProbability > 0
        && m_sampler.faultDraw() < m_faultProbability)
        return m_fault;
    return EndpointFault::None;
}

void EndpointState::answer(HttpServerConnection *connection, const QByteArray &path, int status,
                           const QByteArray &body, const HttpHeaderList &extra)
{
    connection->sendResponse(status, jsonContentType(), body, extra);
    Q_EMIT q->requestServed(QString::fromUtf8(path), status);
}

void EndpointState::onRequest(HttpServerConnection *connection, const HttpRequest &request)
{
    ++m_requests;
    const EndpointRoute route = matchEndpointRoute(request.method, request.path);
    const QString model = QString::fromLatin1(DefaultModelName);
    switch (route.type) {
    case EndpointRoute::Type::NotFound:
        return answer(connection, request.path, 404,
                      ProtocolEmitter::openAiError(
                          QStringLiteral("no route for %1 %2")
                              .arg(QString::fromLatin1(request.method), QString::fromUtf8(request.path)),
                          QStringLiteral("invalid_request_error"), QStringLiteral("not_found")));
    case EndpointRoute::Type::MethodNotAllowed:
        return answer(connection, request.path, 405,
                      ProtocolEmitter::openAiError(
                          QStringLiteral("method %1 not allowed, use %2")
                              .arg(QString::fromLatin1(request.method), QString::fromLatin1(route.allow)),
                          QStringLiteral("invalid_request_error"), QStringLiteral("method_not_allowed")),
                      { { QByteArrayLiteral("Allow"), route.allow } });
    case EndpointRoute::Type::Models: {
        const QJsonObject entry { { QStringLiteral("id"), model },
                                  { QStringLiteral("object"), QStringLiteral("model") },
                                  { QStringLiteral("created"), qint64(0) },
                                  { QStringLiteral("owned_by"), QStringLiteral("tokenscope") } };
        return answer(connection, request.path, 200,
                      compact({ { QStringLiteral("object"), QStringLiteral("list") },
                                { QStringLiteral("data"), QJsonArray { entry } } }));
    }
    case EndpointRoute::Type::Tags: {
        const QJsonObject details { { QStringLiteral("format"), QStringLiteral("gguf") },
                                    { QStringLiteral("family"), QStringLiteral("llama") },
                                    { QStringLiteral("parameter_size"), QStringLiteral("1B") },
                                    { QStringLiteral("quantization_level"), QStringLiteral("Q4_0") } };
        const QJsonObject entry { { QStringLiteral("name"), QString(model + QStringLiteral(":latest")) },
                                  { QStringLiteral("model"), QString(model + QStringLiteral(":latest")) },
                                  { QStringLiteral("modified_at"), QStringLiteral("2024-01-01T00:00:00Z") },
                                  { QStringLiteral("size"), qint64(0) },
                                  { QStringLiteral("digest"), QStringLiteral("0000000000000000") },
                                  { QStringLiteral("details"), details } };
        return answer(connection, request.path, 200,
                      compact({ { QStringLiteral("models"), QJsonArray { entry } } }));
    }
    case EndpointRoute::Type::Stats: {
        const EndpointStats s = q->stats();
        return answer(connection, request.path, 200,
                      compact({ { QStringLiteral("requests"), s.requests },
                                { QStringLiteral("streams"), s.streams },
                                { QStringLiteral("active_streams"), s.activeStreams },
                                { QStringLiteral("peak_streams"), s.peakStreams },
                                { QStringLiteral("tokens"), s.tokens },
                                { QStringLiteral("connections"), s.connections },
                                { QStringLiteral("running"), s.running },
                                { QStringLiteral("waiting"), s.waiting },
                                { QStringLiteral("max_concurrent_decodes"), m_capacity.maxConcurrentDecodes },
                                { QStringLiteral("kv_cache_tokens"), m_capacity.kvCacheTokens },
                                { QStringLiteral("prefix_caching"), m_capacity.prefixCaching },
                                { QStringLiteral("prefix_block_tokens"), m_capacity.prefixBlockTokens },
                                { QStringLiteral("prefix_cache_blocks"), qint64(m_prefixCache.size()) },
                                { QStringLiteral("prefix_cache_queries"), s.prefixCacheQueries },
                                { QStringLiteral("prefix_cache_hits"), s.prefixCacheHits },
                                { QStringLiteral("early_stop_share"), m_capacity.earlyStopShare } }));
    }
    case EndpointRoute::Type::Metrics: {
        // Built from the state in memory on this thread: a few microseconds between two steps.
        connection->sendResponse(200, QByteArray(PrometheusContentType),
                                 vllmMetricsText(m_counters, gauges(), QByteArrayView(DefaultModelName)));
        Q_EMIT q->requestServed(QString::fromUtf8(request.path), 200);
        return;
    }
    case EndpointRoute::Type::Health:
        return answer(connection, request.path, 200,
                      compact({ { QStringLiteral("status"), QStringLiteral("ok") } }));
    case EndpointRoute::Type::Embeddings: {
        int status = 200;
        const QByteArray body = embeddingsResponse(request.body, &status);
        return answer(connection, request.path, status, body);
    }
    case EndpointRoute::Type::Tokenize: {
        // llama.cpp's shape: {"content": "..."} -> {"tokens": [ids]}, ids from ServerTokenizer.
        const QJsonObject body = QJsonDocument::fromJson(request.body).object();
        const QJsonValue content = body.value(QLatin1String("content"));
        if (!content.isString()) {
            return answer(connection, request.path, 400,
                          ProtocolEmitter::openAiError(QStringLiteral("\"content\" must be a string"),
                                                       QStringLiteral("invalid_request_error")));
        }
        QJsonArray ids;
        for (int id : Sim::ServerTokenizer::tokenIds(content.toString()))
            ids.append(id);
        return answer(connection, request.path, 200, compact({ { QStringLiteral("tokens"), ids } }));
    }
    case EndpointRoute::Type::Generation:
        break;
    }

    QString error;
    const auto generation
        = parseGenerationRequest(route, request.body, m_sampler.model().defaultMaxTokens, &error);
    if (!generation) {
        return answer(connection, request.path, 400,
                      ProtocolEmitter::openAiError(error, QStringLiteral("invalid_request_error")));
    }
    bool unknownFault = false;
    const EndpointFault fault = pickFault(request, &unknownFault);
    if (unknownFault) {
        return answer(
            connection, request.path, 400,
            ProtocolEmitter::openAiError(QStringLiteral("unknown %1, expected one of: %2")
                                             .arg(QLatin1String(Protocols::FaultHeader),
                                                  EndpointFaults::names().join(QStringLiteral(", "))),
                                         QStringLiteral("invalid_request_error")));
    }
    auto *job = new GenerationJob(this, connection, *generation, fault, request.path);
    job->start();
}

EmbeddedEndpoint::EmbeddedEndpoint(QObject *parent)
    : QObject(parent)
    , d(std::make_unique<Private>(this))
{
}

EmbeddedEndpoint::~EmbeddedEndpoint()
{
    d->m_closing = true;
    d->m_server->close();
    d->m_stepTimer->stop();
    // Connections (and the jobs they own) must go while d still exists: the open ones, and
    // the closed ones still waiting for their deleteLater() (found by ASan: a job of such a
    // connection unregistered itself from a d already freed).
    const QList<HttpServerConnection *> connections
        = findChildren<HttpServerConnection *>(Qt::FindDirectChildrenOnly);
    d->m_connections.clear();
    for (HttpServerConnection *connection : connections) {
        connection->disconnect(this);
        delete connection;
    }
}

void EmbeddedEndpoint::setLatencyModel(const LatencyModel &model)
{
    d->m_sampler.setModel(model);
}

LatencyModel EmbeddedEndpoint::latencyModel() const
{
    return d->m_sampler.model();
}

void EmbeddedEndpoint::setFault(EndpointFault fault, double probability)
{
    d->m_fault = fault;
    d->m_faultProbability = std::clamp(probability, 0.0, 1.0);
}

void EmbeddedEndpoint::setCapacity(const EndpointCapacity &capacity)
{
    d->setCapacity(capacity);
}

EndpointCapacity EmbeddedEndpoint::capacity() const
{
    return d->m_capacity;
}

bool EmbeddedEndpoint::listen(const QHostAddress &address, quint16 port)
{
    if (!d->m_server->listen(address, port)) {
        d->m_error = d->m_server->errorString();
        return false;
    }
    d->m_error.clear();
    return true;
}

void EmbeddedEndpoint::close()
{
    d->m_server->close();
    const QSet<HttpServerConnection *> connections = d->m_connections;
    for (HttpServerConnection *connection : connections)
        connection->reset();
}

quint16 EmbeddedEndpoint::port() const
{
    return d->m_server->serverPort();
}

QUrl EmbeddedEndpoint::baseUrl() const
{
    if (!d->m_server->isListening())
        return {};
    QUrl url;
    url.setScheme(QStringLiteral("http"));
    const QHostAddress address = d->m_server->serverAddress();
    url.setHost(address == QHostAddress::Any || address == QHostAddress::AnyIPv4 ? QStringLiteral("127.0.0.1")
                                                                                 : address.toString());
    url.setPort(port());
    return url;
}

QString EmbeddedEndpoint::errorString() const
{
    return d->m_error;
}

EndpointStats EmbeddedEndpoint::stats() const
{
    EndpointStats s;
    s.requests = d->m_requests.load();
    s.streams = d->m_streams.load();
    s.activeStreams = d->m_active.load();
    s.peakStreams = d->m_peak.load();
    s.tokens = d->m_tokens.load();
    s.connections = d->m_connectionCount.load();
    s.running = d->m_runningCount.load();
    s.waiting = d->m_waitingCount.load();
    s.prefixCacheQueries = d->m_prefixQueries.load();
    s.prefixCacheHits = d->m_prefixHits.load();
    return s;
}

// --- EmbeddedEndpointRunner -------------------------------------------------------------

namespace {

void raiseFileLimit()
{
#ifdef Q_OS_UNIX
    // Each stream is a socket on both sides; the default soft limit (1024) is too low.
    rlimit limit {};
    if (::getrlimit(RLIMIT_NOFILE, &limit) == 0 && limit.rlim_cur < limit.rlim_max) {
        limit.rlim_cur = limit.rlim_max;
        ::setrlimit(RLIMIT_NOFILE, &limit);
    }
#endif
}

} // namespace

EmbeddedEndpointRunner::EmbeddedEndpointRunner() = default;

EmbeddedEndpointRunner::~EmbeddedEndpointRunner()
{
    stop();
}

bool EmbeddedEndpointRunner::start(const LatencyModel &model, EndpointFault fault, double faultProbability,
                                   quint16 port)
{
    stop();
    raiseFileLimit();
    m_thread = new QThread;
    m_thread->setObjectName(QStringLiteral("EmbeddedEndpoint"));
    m_thread->start();
    m_endpoint = new EmbeddedEndpoint;
    m_endpoint->moveToThread(m_thread);

    bool ok = false;
    EmbeddedEndpoint *endpoint = m_endpoint;
    QMetaObject::invokeMethod(
        endpoint,
        [&] {
            endpoint->setLatencyModel(model);
            endpoint->setFault(fault, faultProbability);
            endpoint->setCapacity(m_capacity);
            ok = endpoint->listen(QHostAddress::LocalHost, port);
            m_baseUrl = endpoint->baseUrl();
            m_error = endpoint->errorString();
        },
        Qt::BlockingQueuedConnection);
    if (!ok) {
        stop();
        return false;
    }
    return true;
}

void EmbeddedEndpointRunner::stop()
{
    if (!m_thread)
        return;
    if (m_endpoint) {
        EmbeddedEndpoint *endpoint = m_endpoint;
        // Sockets and timers belong to the server's thread: close and delete them there.
        QMetaObject::invokeMethod(
            endpoint, [endpoint] { delete endpoint; }, Qt::BlockingQueuedConnection);
        m_endpoint = nullptr;
    }
    m_thread->quit();
    m_thread->wait();
    delete m_thread;
    m_thread = nullptr;
    m_baseUrl.clear();
}

void EmbeddedEndpointRunner::setCapacity(const EndpointCapacity &capacity)
{
    m_capacity = capacity;
    if (!m_endpoint)
        return;
    EmbeddedEndpoint *endpoint = m_endpoint;
    // Blocking, so that the requests sent after this call see the new limit.
    QMetaObject::invokeMethod(
        endpoint, [endpoint, capacity] { endpoint->setCapacity(capacity); }, Qt::BlockingQueuedConnection);
}

QUrl EmbeddedEndpointRunner::baseUrl() const
{
    return m_baseUrl;
}

QString EmbeddedEndpointRunner::errorString() const
{
    return m_error;
}

EndpointStats EmbeddedEndpointRunner::stats() const
{
    return m_endpoint ? m_endpoint->stats() : EndpointStats {};
}

QHash<QString, QList<qint64>> EmbeddedEndpointRunner::tokenSendTimes() const
{
    return m_endpoint ? m_endpoint->tokenSendTimes() : QHash<QString, QList<qint64>> {};
}

QHash<QString, QList<qint64>> EmbeddedEndpoint::tokenSendTimes() const
{
    const QMutexLocker lock(&d->m_sendLogMutex);
    return d->m_sendLog;
}
