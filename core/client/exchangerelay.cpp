#include "exchangerelay.h"

#include "httpexchange.h"

#include <algorithm>

ExchangeRelay::ExchangeRelay(QObject *receiver, Apply apply, QObject *parent)
    : QObject(parent)
    , m_receiver(receiver)
    , m_apply(std::move(apply))
{
}

ExchangeRelay::~ExchangeRelay() = default;

void ExchangeRelay::mark(HttpExchange *exchange)
{
    m_marked.push_back(exchange);
    if (!m_flushQueued) {
        m_flushQueued = true;
        // Posted, so it runs once the sockets of this pass have all been read.
        QMetaObject::invokeMethod(this, &ExchangeRelay::flush, Qt::QueuedConnection);
    }
}

void ExchangeRelay::forget(HttpExchange *exchange)
{
    m_marked.erase(std::remove(m_marked.begin(), m_marked.end(), exchange), m_marked.end());
}

void ExchangeRelay::flush()
{
    m_flushQueued = false;
    std::vector<ExchangeUpdate> batch;
    batch.reserve(m_marked.size());
    for (HttpExchange *exchange : std::exchange(m_marked, {}))
        batch.push_back(exchange->takeUpdate());
    if (batch.empty())
        return;
    QMetaObject::invokeMethod(
        m_receiver, [apply = m_apply, batch = std::move(batch)]() mutable { apply(std::move(batch)); },
        Qt::QueuedConnection);
}
