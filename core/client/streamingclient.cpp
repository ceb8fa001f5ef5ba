#include "streamingclient.h"

#include "epolleventdispatcher.h"

#include "connectionpool.h"
#include "exchangerelay.h"
#include "httpexchange.h"
#include "iothreads.h"

#include "common/clock.h"
#include "protocol/protocoladapter.h"

#include <algorithm>
#include <atomic>

namespace {
// One sequence for every client of the process: ids never collide, however many
// runners, panels and probes share a client (or use clients of their own).
quint64 nextRequestId()
{
    static std::atomic<quint64> next { 1 };
    return next.fetch_add(1, std::memory_order_relaxed);
}
} // namespace

StreamingClient::StreamingClient(QObject *parent, Clock *clock)
    : QObject(parent)
    , m_clock(clock ? clock : Clock::system())
    , m_pool(new ConnectionPool(this))
    , m_proxyEnvironment(QProcessEnvironment::systemEnvironment())
{
}

void StreamingClient::setProxyEnvironment(const QProcessEnvironment &environment)
{
    m_proxyEnvironment = environment;
}

std::optional<ProxyChoice> StreamingClient::proxyFor(const EndpointProfile &profile, const QUrl &url,
                                                     QString *error) const
{
    return ProxyResolver::resolve(url, profile.proxy, m_proxyEnvironment, error);
}

StreamingClient::~StreamingClient()
{
    cancelAll();
    stopIoThreads();
}

void StreamingClient::setIoThreads(int count)
{
    count = qMax(0, count);
    if (count == ioThreads())
        return;
    stopIoThreads();
    m_pool->clear();
    if (count > 0) {
        m_io = std::make_unique<IoThreads>(count, this, [this](std::vector<ExchangeUpdate> &&batch) {
            deliver(std::move(batch));
        });
        m_threadLoad.assign(size_t(count), 0);
    }
}

int StreamingClient::ioThreads() const
{
    return m_io ? m_io->count() : 0;
}

QList<QThread *> StreamingClient::ioThreadList() const
{
    return m_io ? m_io->threads() : QList<QThread *>();
}

void StreamingClient::stopIoThreads()
{
    if (!m_io)
        return;
    // The exchanges still on the threads go first, each in its own thread (those of ended
    // requests too, whose handles are still around); a request in flight ends as cancelled.
    const auto remotes = m_remote.values();
    for (const Remote &remote : remotes)
        remote.handle->detach(m_clock->nowNs());
    m_remote.clear();
    m_idleByThread.clear();
    m_threadLoad.clear();
    m_io.reset();
}

int StreamingClient::pickThread(const QString &poolKey)
{
    const int n = m_io->count();
    const auto idle = m_idleByThread.find(poolKey);
    if (idle != m_idleByThread.end()) {
        int best = -1;
        for (int i = 0; i < n; ++i) {
            if ((*idle)[size_t(i)] > 0 && (best < 0 || (*idle)[size_t(i)] > (*idle)[size_t(best)]))
                best = i;
        }
        if (best >= 0) {
            --(*idle)[size_t(best)];
            return best;
        }
    }
    // In turn among the least busy, so that equal loads still spread.
    int best = -1;
    for (int k = 0; k < n; ++k) {
        const int i = (m_nextThread + k) % n;
        if (best < 0 || m_threadLoad[size_t(i)] < m_threadLoad[size_t(best)])
            best = i;
    }
    m_nextThread = (best + 1) % n;
    return best;
}

void StreamingClient::forget(quint64 id)
{
    const auto it = m_remote.find(id);
    if (it == m_remote.end())
        return;
    if (!it->ended && size_t(it->thread) < m_threadLoad.size())
        --m_threadLoad[size_t(it->thread)];
    m_remote.erase(it);
}

void StreamingClient::deliver(std::vector<ExchangeUpdate> &&batch)
{
    for (ExchangeUpdate &update : batch) {
        // A handle deleted meanwhile took its id out; its exchange is going too.
        const auto it = m_remote.find(update.id);
        if (it == m_remote.end())
            continue;
        if (update.finished && !it->ended) {
            it->ended = true;
            --m_threadLoad[size_t(it->thread)];
            if (update.connectionKept) {
                std::vector<int> &idle = m_idleByThread[it->poolKey];
                idle.resize(m_threadLoad.size(), 0);
                ++idle[size_t(it->thread)];
            }
        }
        RequestHandle *handle = it->handle; // a listener may start requests (the hash grows)
        handle->apply(std::move(update));
    }
}

QString StreamingClient::resolveApiKey(const EndpointProfile &profile)
{
    if (!profile.apiKey.isEmpty())
        return profile.apiKey;
    if (!profile.apiKeyEnv.isEmpty())
        return qEnvironmentVariable(profile.apiKeyEnv.toLocal8Bit().constData());
    return {};
}

PreparedRequest::PreparedRequest() = default;
PreparedRequest::PreparedRequest(PreparedRequest &&other) noexcept = default;
PreparedRequest &PreparedRequest::operator=(PreparedRequest &&other) noexcept = default;
PreparedRequest::~PreparedRequest() = default;

std::unique_ptr<RequestHandle> StreamingClient::start(EndpointProfile profile, GenerationRequest request,
                                                      RequestOptions options, qint64 scheduledNs)
{
    return start(prepare(std::move(profile), std::move(request), options), scheduledNs);
}

std::unique_ptr<RequestHandle> StreamingClient::start(EndpointProfile profile,
                                                      std::unique_ptr<ProtocolAdapter> adapter,
                                                      GenerationRequest request, RequestOptions options,
                                                      qint64 scheduledNs)
{
    return start(prepare(std::move(profile), std::move(adapter), std::move(request), options), scheduledNs);
}

PreparedRequest StreamingClient::prepare(EndpointProfile profile, GenerationRequest request, RequestOptions options)
{
    auto adapter = ProtocolAdapter::create(profile.protocol);
    return prepare(std::move(profile), std::move(adapter), std::move(request), options);
}

PreparedRequest StreamingClient::prepare(EndpointProfile profile, std::unique_ptr<ProtocolAdapter> adapter,
                                         GenerationRequest request, RequestOptions options)
{
    PreparedRequest prepared;
    prepared.m_id = nextRequestId();
    prepared.m_reuseConnections = options.reuseConnections;
    RequestTrace seed;
    seed.id = prepared.m_id;
    seed.endpointName = profile.name;
    seed.protocol = profile.protocol;
    seed.model = profile.model;
    seed.streamed = request.stream;

    profile.apiKey = resolveApiKey(profile);
    HttpRequestSpec spec = adapter->buildRequest(profile, request);
    prepared.m_exchange = std::make_unique<HttpExchange>(m_pool, m_clock, std::move(spec), std::move(adapter),
                                                         options, std::move(seed), profile.verifyTls);
    HttpExchange *raw = prepared.m_exchange.get();
    // The proxy, or why there can be none: the exchange then ends at once with the reason.
    QString proxyError;
    if (const std::optional<ProxyChoice> proxy = proxyFor(profile, raw->url(), &proxyError))
        raw->setProxy(*proxy);
    else
        raw->setProxyError(proxyError);
    raw->prebuild();
    return prepared;
}

std::unique_ptr<RequestHandle> StreamingClient::start(PreparedRequest prepared, qint64 scheduledNs)
{
    if (!prepared.isValid())
        return nullptr;
    const quint64 id = prepared.m_id;
    std::unique_ptr<HttpExchange> exchange = std::move(prepared.m_exchange);
    HttpExchange *raw = exchange.get();
    // Due later, on an I/O thread: that thread sends it at its time, to the microsecond (the
    // caller's timers count whole milliseconds), and its trace starts then.
    const qint64 now = m_clock->nowNs();
    const bool atItsTime = m_io && scheduledNs > now && m_clock == Clock::system();
    raw->setStartTimes(scheduledNs, atItsTime ? scheduledNs : now);

    // Pruned once the list has doubled: a scan at every start cost a burst of 1,000 requests
    // a million checks.
    if (m_handles.size() >= m_pruneAt) {
        m_handles.removeIf([](const QPointer<RequestHandle> &h) { return !h || h->isFinished(); });
        m_pruneAt = std::max<qsizetype>(64, 2 * m_handles.size());
    }
    if (!m_io) {
        std::unique_ptr<RequestHandle> handle(new RequestHandle(id, std::move(exchange), nullptr));
        m_handles.append(handle.get());
        raw->start();
        return handle;
    }
    // On an I/O thread: the exchange moves there and starts there, in its next pass.
    const QString key = raw->poolKey();
    const int thread = prepared.m_reuseConnections ? pickThread(key) : pickThread(QString());
    raw->setPool(m_io->pool(thread));
    raw->setRelay(m_io->relay(thread));
    ++m_threadLoad[size_t(thread)];
    std::unique_ptr<RequestHandle> handle(new RequestHandle(id, exchange.release(), this, raw->trace()));
    m_handles.append(handle.get());
    m_remote.insert(id, Remote { handle.get(), thread, key });
    raw->moveToThread(m_io->thread(thread));
    if (atItsTime) {
        const qint64 dueNs = EpollEventDispatcher::monotonicNowNs() + (scheduledNs - m_clock->nowNs());
        QMetaObject::invokeMethod(
            raw,
            [raw, dueNs] {
                if (auto *loop = qobject_cast<EpollEventDispatcher *>(QAbstractEventDispatcher::instance()))
                    loop->callAt(dueNs, [exchange = QPointer<HttpExchange>(raw)] {
                        if (exchange)
                            exchange->start();
                    });
                else
                    raw->start();
            },
            Qt::QueuedConnection);
        return handle;
    }
    QMetaObject::invokeMethod(raw, [raw] { raw->start(); }, Qt::QueuedConnection);
    return handle;
}

QCoro::Task<RequestTrace> StreamingClient::send(EndpointProfile profile, GenerationRequest request,
                                                RequestOptions options, qint64 scheduledNs)
{
    // The handle lives in this frame: it must outlive the queued resumption.
    const std::unique_ptr<RequestHandle> handle
        = start(std::move(profile), std::move(request), options, scheduledNs);
    co_return co_await handle->result();
}

void StreamingClient::cancelAll()
{
    const auto handles = m_handles;
    for (const QPointer<RequestHandle> &handle : handles) {
        if (handle)
            handle->cancel();
    }
}

int StreamingClient::inFlight() const
{
    return int(std::count_if(m_handles.cbegin(), m_handles.cend(),
                             [](const QPointer<RequestHandle> &h) { return h && !h->isFinished(); }));
}

void StreamingClient::closeIdleConnections()
{
    m_pool->clear();
    if (m_io)
        m_io->closeIdleConnections();
    m_idleByThread.clear();
}
