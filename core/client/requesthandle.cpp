#include "requesthandle.h"

#include "httpexchange.h"

#include <QCoroSignal>

RequestHandle::RequestHandle(quint64 id, std::unique_ptr<HttpExchange> exchange, QObject *parent)
    : QObject(parent)
    , m_id(id)
    , m_exchange(std::move(exchange))
{
    // Direct connections: the chunk's timestamp was taken where its bytes were read; the
    // listeners see it in the same call, before the event loop runs again.
    connect(m_exchange.get(), &HttpExchange::chunkReceived, this, &RequestHandle::chunkReceived);
    connect(m_exchange.get(), &HttpExchange::progressed, this, &RequestHandle::progressed);
    connect(m_exchange.get(), &HttpExchange::finished, this, &RequestHandle::finished);
}

RequestHandle::~RequestHandle()
{
    // The exchange aborts its socket when destroyed; say nothing more to anyone.
    if (m_exchange)
        m_exchange->disconnect(this);
}

bool RequestHandle::isFinished() const
{
    return m_exchange->isFinished();
}

const RequestTrace &RequestHandle::trace() const
{
    return m_exchange->trace();
}

void RequestHandle::cancel()
{
    m_exchange->cancel();
}

QCoro::Task<RequestTrace> RequestHandle::result()
{
    if (!isFinished())
        co_await qCoro(this, &RequestHandle::finished);
    co_return m_exchange->trace();
}
