#pragma once

#include "requesttrace.h"

#include <QObject>

#include <functional>
#include <vector>

class HttpExchange;

/// \brief What one request did since its last update, on its way from an I/O thread.
struct ExchangeUpdate
{
    quint64 id = 0;
    /// Every field but the growing ones (chunks, text, reasoning), which come as tails below;
    /// once finished, the whole final trace.
    RequestTrace trace;
    ChunkList newChunks; ///< chunks since the last update (only while someone watches them)
    QString newText; ///< trace.text since the last update (likewise)
    QString newReasoning;
    int progressed = 0; ///< milestones before the first content stamped since the last update
    bool finished = false;
    bool connectionKept = false; ///< finished, and its connection waits in its thread's pool
};

/*!
 * \brief Carries the requests of one I/O thread to the thread that started them, in batches.
 *
 * Lives in the I/O thread. An exchange with news marks itself here; once per pass of the
 * thread's event loop (after every socket that was ready has been read) the news of all
 * marked exchanges goes to the receiver's thread as one queued call. At 1,000 streams the
 * main thread then wakes once per pass, not once per token.
 */
class ExchangeRelay : public QObject
{
    Q_OBJECT
public:
    using Apply = std::function<void(std::vector<ExchangeUpdate> &&)>;

    /// \a apply runs in \a receiver's thread. The receiver must outlive this relay's thread
    /// (StreamingClient stops its I/O threads before it goes).
    ExchangeRelay(QObject *receiver, Apply apply, QObject *parent = nullptr);
    ~ExchangeRelay() override;

    /// \a exchange has news (called in this thread, once until its update is taken).
    void mark(HttpExchange *exchange);
    /// \a exchange is going away: its news with it.
    void forget(HttpExchange *exchange);

private:
    void flush();

    QObject *m_receiver;
    Apply m_apply;
    std::vector<HttpExchange *> m_marked;
    bool m_flushQueued = false;
};
