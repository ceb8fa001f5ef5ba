#include "streamingclient.h"

#include "connectionpool.h"
#include "httpexchange.h"

#include "common/clock.h"
#include "protocol/protocoladapter.h"

#include <QCoroSignal>

StreamingClient::StreamingClient(QObject *parent, Clock *clock)
    : QObject(parent)
    , m_clock(clock ? clock : Clock::system())
    , m_pool(new ConnectionPool(this))
{
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

QCoro::Task<RequestTrace> StreamingClient::send(EndpointProfile profile, GenerationRequest request,
                                                RequestOptions options, quint64 id, qint64 scheduledNs)
{
    RequestTrace seed;
    seed.id = id;
    seed.endpointName = profile.name;
    seed.protocol = profile.protocol;
    seed.model = profile.model;
    seed.streamed = request.stream;
    seed.scheduledNs = scheduledNs;
    seed.startNs = m_clock->nowNs();

    profile.apiKey = resolveApiKey(profile);
    auto adapter = ProtocolAdapter::create(profile.protocol);
    HttpRequestSpec spec = adapter->buildRequest(profile, request);

    // The exchange lives in this coroutine frame: it must outlive the queued resumption.
    auto exchange = std::make_unique<HttpExchange>(m_pool, m_clock, std::move(spec), std::move(adapter),
                                                   options, std::move(seed), profile.verifyTls);
    connect(exchange.get(), &HttpExchange::chunkReceived, this,
            [this, id](const TraceChunk &chunk) { Q_EMIT chunkReceived(id, chunk); });
    m_live.insert(id, exchange.get());

    QPointer<StreamingClient> self(this);
    exchange->start();
    if (!exchange->isFinished())
        co_await qCoro(exchange.get(), &HttpExchange::finished);

    if (self)
        m_live.remove(id);
    co_return exchange->takeTrace();
}

void StreamingClient::cancel(quint64 id)
{
    if (auto exchange = m_live.value(id))
        exchange->cancel();
}

void StreamingClient::cancelAll()
{
    const auto live = m_live.values();
    for (const auto &exchange : live) {
        if (exchange)
            exchange->cancel();
    }
}

void StreamingClient::closeIdleConnections()
{
    m_pool->clear();
}
