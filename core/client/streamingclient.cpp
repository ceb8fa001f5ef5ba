#include "streamingclient.h"

#include "connectionpool.h"
#include "httpexchange.h"

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
}

QString StreamingClient::resolveApiKey(const EndpointProfile &profile)
{
    if (!profile.apiKey.isEmpty())
        return profile.apiKey;
    if (!profile.apiKeyEnv.isEmpty())
        return qEnvironmentVariable(profile.apiKeyEnv.toLocal8Bit().constData());
    return {};
}

std::unique_ptr<RequestHandle> StreamingClient::start(EndpointProfile profile, GenerationRequest request,
                                                      RequestOptions options, qint64 scheduledNs)
{
    auto adapter = ProtocolAdapter::create(profile.protocol);
    return start(std::move(profile), std::move(adapter), std::move(request), options, scheduledNs);
}

std::unique_ptr<RequestHandle> StreamingClient::start(EndpointProfile profile,
                                                      std::unique_ptr<ProtocolAdapter> adapter,
                                                      GenerationRequest request, RequestOptions options,
                                                      qint64 scheduledNs)
{
    const quint64 id = nextRequestId();
    RequestTrace seed;
    seed.id = id;
    seed.endpointName = profile.name;
    seed.protocol = profile.protocol;
    seed.model = profile.model;
    seed.streamed = request.stream;
    seed.scheduledNs = scheduledNs;
    seed.startNs = m_clock->nowNs();

    profile.apiKey = resolveApiKey(profile);
    HttpRequestSpec spec = adapter->buildRequest(profile, request);
    auto exchange = std::make_unique<HttpExchange>(m_pool, m_clock, std::move(spec), std::move(adapter), options,
                                                   std::move(seed), profile.verifyTls);
    HttpExchange *raw = exchange.get();
    // The proxy, or why there can be none: the exchange then ends at once with the reason.
    QString proxyError;
    if (const std::optional<ProxyChoice> proxy = proxyFor(profile, raw->url(), &proxyError))
        raw->setProxy(*proxy);
    else
        raw->setProxyError(proxyError);
    std::unique_ptr<RequestHandle> handle(new RequestHandle(id, std::move(exchange), nullptr));

    m_handles.removeIf([](const QPointer<RequestHandle> &h) { return !h || h->isFinished(); });
    m_handles.append(handle.get());
    raw->start();
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
}
