#pragma once

#include "client/requestoptions.h"
#include "metrics/runsummary.h"
#include "protocol/endpointprofile.h"

#include <QCoroTask>
#include <QObject>
#include <QPointer>
#include <QSet>

#include <coroutine>
#include <vector>

class PreparedRequest;

class ClientLagProbe;
class RequestHandle;
class StreamingClient;
class QTimer;

/// \brief What a load run does: which endpoint, which prompts, how many, how fast.
struct LoadConfig
{
    EndpointProfile endpoint;
    QList<GenerationRequest> prompts; ///< used in turn, request i gets prompts[i % size]
    int requests = 10;
    /// Closed loop: this many requests in flight at all times. With a rate, a cap on
    /// requests in flight (0 = none).
    int concurrency = 1;
    double rate = 0; ///< requests per second; 0 = closed loop at \c concurrency
    bool poisson = false; ///< exponential gaps between sends instead of constant ones
    quint64 seed = 1; ///< for the Poisson schedule
    int warmup = 0; ///< requests sent first and left out of statistics
    RequestOptions options;
    /*!
     * An explicit open-loop schedule, a replayed trace's: the i-th measured request is sent
     * arrivalsNs[i] after the start (ascending). When set, it decides the number of measured
     * requests, and rate and poisson are not used.
     */
    QList<qint64> arrivalsNs;
    /*!
     * Multi-turn conversations (closed loop): each session sends \c turns requests in a row,
     * each carrying the earlier turns' prompts and answers before its own prompt, and waits
     * \c thinkTimeMs between an answer and the next turn. Request i is turn (i mod turns) + 1
     * of its session; its prompt is still prompts[i % size].
     */
    int turns = 1;
    double thinkTimeMs = 0;
};

/*!
 * \brief Runs a LoadConfig against an endpoint and streams out each request as it finishes.
 *
 * Concurrency is real: every request has its own connection when it needs one (the
 * client has no per-host limit). With a rate, each request has a scheduled send time and
 * its latency is measured from there too, so a client that falls behind shows up as client
 * wait instead of hiding it (no coordinated omission).
 */
class LoadRunner : public QObject
{
    Q_OBJECT
public:
    explicit LoadRunner(StreamingClient *client, QObject *parent = nullptr);
    ~LoadRunner() override;

    /// Runs \a config to the end (or until cancel()); returns every record, warm-ups
    /// included, in the order they finished.
    QCoro::Task<QList<RequestRecord>> run(LoadConfig config);
    /// Stops sending; requests in flight end as cancelled, finished ones are kept.
    void cancel();

    bool isRunning() const { return m_running; }
    bool wasCancelled() const { return m_cancelled; }
    int peakConcurrency() const { return m_peakInFlight; }
    const QList<RequestRecord> &records() const { return m_records; }
    /// The run's figures so far, with the client's own overhead (RunSummary::client).
    RunSummary summary() const;
    /// What the client cost during the run so far (event-loop lag, I/O thread CPU); nullopt
    /// before the first run.
    std::optional<ClientOverhead> clientOverhead() const;

    /// The scheduled send offsets (ns from the run's start) for \a n requests at \a rate.
    static QList<qint64> schedule(int n, double rate, bool poisson, quint64 seed);

Q_SIGNALS:
    void requestFinished(const RequestRecord &record);
    /// \a done counts measured requests finished so far (warm-ups excluded).
    void progress(int done, int failed, int total);
    void finished();

private:
    QCoro::Task<> closedLoop(int first, int count, bool warmup);
    QCoro::Task<> worker(int first, int end, bool warmup);
    QCoro::Task<> openLoop(int first, int count);
    QCoro::Task<> session(int end, bool warmup);
    /// Sends \a request as request \a index; returns the answer text (empty on failure).
    QCoro::Task<QString> sendOne(int index, bool warmup, qint64 scheduledNs, GenerationRequest request,
                                 int turn = 0);
    /// Sends \a request, built ahead; \a sent are the messages a multi-turn record keeps.
    QCoro::Task<QString> sendPrepared(int index, bool warmup, qint64 scheduledNs, PreparedRequest request,
                                      QList<ChatMessage> sent, int turn = 0);
    QCoro::Task<> sleepUntilNs(qint64 whenNs);
    /// Awaited by the open loop while the cap on requests in flight is reached.
    struct FreeSlot;
    /// Resumes, from the event loop, every open loop waiting for a free slot.
    void wakeSlotWaiters();

    StreamingClient *m_client;
    LoadConfig m_config;
    QList<RequestRecord> m_records;
    QSet<RequestHandle *> m_live; ///< requests in flight, for cancel()
    int m_nextIndex = 0;
    int m_inFlight = 0;
    int m_peakInFlight = 0;
    int m_done = 0;
    int m_failed = 0;
    bool m_running = false;
    bool m_cancelled = false;
    QTimer *m_sleepTimer = nullptr; ///< the open loop's pending wait, woken by cancel()
    std::vector<std::coroutine_handle<>> m_slotWaiters; ///< open loops waiting for a free slot
    void startProbes();
    void stopProbes();
    /// The client's event-loop lag and CPU while a run goes: one probe on each of the client's
    /// I/O threads (deleted when their thread ends), or one on this thread when it has none.
    QList<QPointer<ClientLagProbe>> m_probes;
    bool m_probing = false;
};
