#include "requesthandle.h"

#include "exchangerelay.h"
#include "httpexchange.h"
#include "streamingclient.h"

#include <QCoroSignal>
#include <QMetaMethod>

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

RequestHandle::RequestHandle(quint64 id, HttpExchange *exchange, StreamingClient *client, RequestTrace seed)
    : QObject(nullptr)
    , m_id(id)
    , m_remote(exchange)
    , m_client(client)
    , m_trace(std::move(seed))
{
}

RequestHandle::~RequestHandle()
{
    // The exchange aborts its socket when destroyed; say nothing more to anyone.
    if (m_exchange)
        m_exchange->disconnect(this);
    if (m_remote) {
        if (m_client)
            m_client->forget(m_id);
        m_remote->deleteLater(); // in its thread, which its socket belongs to
    }
}

void RequestHandle::connectNotify(const QMetaMethod &signal)
{
    if (m_remote && signal == QMetaMethod::fromSignal(&RequestHandle::chunkReceived))
        m_remote->setLive(true);
}

bool RequestHandle::isFinished() const
{
    return m_exchange ? m_exchange->isFinished() : m_finished;
}

const RequestTrace &RequestHandle::trace() const
{
    if (m_exchange)
        return m_exchange->trace();
    // Someone looks at the request while it runs: from now on every chunk comes along.
    if (m_remote && !m_finished)
        m_remote->setLive(true);
    return m_trace;
}

void RequestHandle::cancel()
{
    if (m_exchange) {
        m_exchange->cancel();
    } else if (m_remote && !m_finished) {
        HttpExchange *exchange = m_remote;
        QMetaObject::invokeMethod(exchange, [exchange] { exchange->cancel(); }, Qt::QueuedConnection);
    }
}

void RequestHandle::apply(ExchangeUpdate &&update)
{
    if (m_finished)
        return;
    // The fields as they are now; the growing ones keep what this handle has, and grow below
    // one chunk at a time, so that a listener finds its chunk last in trace().chunks.
    ChunkList chunks = std::move(m_trace.chunks);
    QString text = std::move(m_trace.text);
    QString reasoning = std::move(m_trace.reasoning);
    RequestTrace finalTrace;
    if (update.finished) {
        finalTrace = std::move(update.trace);
        m_trace = finalTrace;
    } else {
        m_trace = std::move(update.trace);
    }
    m_trace.chunks = std::move(chunks);
    m_trace.text = std::move(text) + update.newText;
    m_trace.reasoning = std::move(reasoning) + update.newReasoning;
    const ChunkList &incoming = update.finished ? finalTrace.chunks : update.newChunks;
    const qsizetype from = update.finished ? m_trace.chunks.size() : 0;

    QPointer<RequestHandle> self(this); // a listener may delete the handle
    for (int i = 0; self && i < update.progressed; ++i)
        Q_EMIT progressed();
    const bool watched = self && isSignalConnected(QMetaMethod::fromSignal(&RequestHandle::chunkReceived));
    // The final trace has every chunk: only a listener needs them one by one.
    const qsizetype to = update.finished && !watched ? from : incoming.size();
    for (qsizetype i = from; self && i < to; ++i) {
        m_trace.chunks.appendFrom(incoming, i, i + 1);
        if (watched)
            Q_EMIT chunkReceived(m_trace.chunks.constLast());
    }
    if (!self || !update.finished)
        return;
    m_trace = std::move(finalTrace);
    m_finished = true;
    Q_EMIT finished();
}

void RequestHandle::detach(qint64 nowNs)
{
    if (!m_remote)
        return;
    HttpExchange *exchange = std::exchange(m_remote, nullptr);
    QMetaObject::invokeMethod(exchange, [exchange] { delete exchange; }, Qt::BlockingQueuedConnection);
    m_client = nullptr;
    if (!m_finished) {
        m_finished = true;
        m_trace.endNs = nowNs;
        m_trace.error = ErrorClass::Cancelled;
        m_trace.errorMessage = tr("cancelled: the client was closed");
        Q_EMIT finished();
    }
}

QCoro::Task<RequestTrace> RequestHandle::result()
{
    if (!isFinished())
        co_await qCoro(this, &RequestHandle::finished);
    co_return trace();
}
