#include "loadrunner.h"

#include "clientlagprobe.h"

#include "client/streamingclient.h"
#include "common/clock.h"

#include <QCoroTimer>
#include <QPointer>
#include <QThread>
#include <QTimer>

#include <deque>
#include <random>
#include <vector>

LoadRunner::LoadRunner(StreamingClient *client, QObject *parent)
    : QObject(parent)
    , m_client(client)
{
}

LoadRunner::~LoadRunner()
{
    cancel();
    for (const QPointer<ClientLagProbe> &probe : std::as_const(m_probes)) {
        if (probe)
            probe->deleteLater();
    }
}

void LoadRunner::startProbes()
{
    for (const QPointer<ClientLagProbe> &probe : std::as_const(m_probes)) {
        if (probe)
            probe->deleteLater();
    }
    m_probes.clear();
    const QList<QThread *> threads = m_client->ioThreadList();
    if (threads.isEmpty()) {
        auto *probe = new ClientLagProbe(m_client->clock(), this);
        m_probes.append(probe);
        probe->start();
    }
    for (QThread *thread : threads) {
        auto *probe = new ClientLagProbe(m_client->clock());
        probe->moveToThread(thread);
        connect(thread, &QThread::finished, probe, &QObject::deleteLater);
        m_probes.append(probe);
        QMetaObject::invokeMethod(probe, [probe] { probe->start(); }, Qt::BlockingQueuedConnection);
    }
    m_probing = true;
}

void LoadRunner::stopProbes()
{
    for (const QPointer<ClientLagProbe> &probe : std::as_const(m_probes)) {
        if (!probe)
            continue;
        if (probe->thread() == thread()) {
            probe->stop();
        } else {
            ClientLagProbe *p = probe;
            QMetaObject::invokeMethod(p, [p] { p->stop(); }, Qt::BlockingQueuedConnection);
        }
    }
    m_probing = false;
}

QList<qint64> LoadRunner::schedule(int n, double rate, bool poisson, quint64 seed)
{
    QList<qint64> offsets;
    offsets.reserve(n);
    if (rate <= 0) {
        offsets.fill(0, n);
        return offsets;
    }
    std::mt19937_64 rng(seed);
    std::exponential_distribution<double> gap(rate);
    double t = 0;
    for (int i = 0; i < n; ++i) {
        offsets.append(qint64(t * 1e9));
        t += poisson ? gap(rng) : 1.0 / rate;
    }
    return offsets;
}

QCoro::Task<QList<RequestRecord>> LoadRunner::run(LoadConfig config)
{
    m_config = std::move(config);
    if (m_config.prompts.isEmpty())
        m_config.prompts.append(GenerationRequest {});
    m_config.concurrency = std::max(0, m_config.concurrency);
    m_config.turns = std::max(1, m_config.turns);
    if (!m_config.arrivalsNs.isEmpty())
        m_config.requests = int(m_config.arrivalsNs.size());
    m_records.clear();
    // Up front, a record being large; capped, for runs bounded by time rather than count.
    m_records.reserve(std::min<qsizetype>(qsizetype(m_config.warmup) + m_config.requests, 100'000));
    m_live.clear();
    m_nextIndex = 0;
    m_inFlight = m_peakInFlight = m_done = m_failed = 0;
    m_running = true;
    m_cancelled = false;
    QPointer<LoadRunner> self(this);
    // The client's own lag and CPU over the whole run, warm-up included.
    startProbes();

    if (m_config.warmup > 0)
        co_await closedLoop(0, m_config.warmup, true);
    if (self && !m_cancelled) {
        if (m_config.rate > 0 || !m_config.arrivalsNs.isEmpty())
            co_await openLoop(m_config.warmup, m_config.requests);
        else
            co_await closedLoop(m_config.warmup, m_config.requests, false);
    }
    if (!self)
        co_return {};
    stopProbes();
    m_running = false;
    Q_EMIT finished();
    QList<RequestRecord> records = m_records; // the caller's copy; summary() keeps reading ours
    co_return records;
}

QCoro::Task<> LoadRunner::closedLoop(int first, int count, bool warmup)
{
    m_nextIndex = first;
    const int workers = std::clamp(m_config.concurrency, 1, std::max(1, count));
    std::vector<QCoro::Task<>> tasks;
    tasks.reserve(size_t(workers));
    for (int w = 0; w < workers; ++w) {
        if (m_config.turns > 1 && !warmup)
            tasks.push_back(session(first + count, warmup));
        else
            tasks.push_back(worker(first, first + count, warmup));
    }
    for (auto &task : tasks)
        co_await task;
}

QCoro::Task<> LoadRunner::worker(int /*first*/, int end, bool warmup)
{
    QPointer<LoadRunner> self(this);
    while (self && !m_cancelled && m_nextIndex < end) {
        const int index = m_nextIndex++;
        co_await sendOne(index, warmup, -1, m_config.prompts.at(index % m_config.prompts.size()));
    }
}

QCoro::Task<> LoadRunner::session(int end, bool warmup)
{
    // Each pass of the loop is one conversation of up to `turns` requests.
    QPointer<LoadRunner> self(this);
    while (self && !m_cancelled && m_nextIndex < end) {
        const int first = m_nextIndex;
        const int last = std::min(end, first + m_config.turns);
        m_nextIndex = last;
        QList<ChatMessage> history;
        for (int index = first; index < last; ++index) {
            GenerationRequest request = m_config.prompts.at(index % m_config.prompts.size());
            if (!history.isEmpty()) {
                // The history (with the first turn's system message), then this turn's user turn.
                QList<ChatMessage> messages = history;
                for (const ChatMessage &m : std::as_const(request.messages)) {
                    if (m.role != u"system")
                        messages.append(m);
                }
                request.messages = messages;
            }
            const QList<ChatMessage> sent = request.messages;
            const QString answer = co_await sendOne(index, warmup, -1, request, index - first + 1);
            if (!self || m_cancelled)
                co_return;
            history = sent;
            history.append({ QStringLiteral("assistant"), answer });
            if (index + 1 < last && m_config.thinkTimeMs > 0)
                co_await sleepUntilNs(m_client->clock()->nowNs() + qint64(m_config.thinkTimeMs * 1e6));
        }
    }
}

QCoro::Task<> LoadRunner::sleepUntilNs(qint64 whenNs)
{
    // A precise timer: the default coarse one may fire 5% late, which would be measured.
    // Rounded up and re-checked, so a request is never sent before its scheduled time.
    QPointer<LoadRunner> self(this);
    QTimer timer;
    timer.setSingleShot(true);
    timer.setTimerType(Qt::PreciseTimer);
    for (;;) {
        const qint64 now = m_client->clock()->nowNs();
        if (whenNs <= now || m_cancelled)
            co_return;
        timer.start(int((whenNs - now + 999'999) / 1'000'000));
        m_sleepTimer = &timer;
        // Not qCoro(&timer, &QTimer::timeout): that binds the signal's private tag to a null
        // reference (undefined behaviour that UBSan reports).
        co_await qCoro(&timer).waitForTimeout();
        if (!self)
            co_return;
        m_sleepTimer = nullptr;
    }
}

// Not qCoro(this, &LoadRunner::requestFinished): QCoro 0.8's signal awaiter, queued, ran a
// second time after its frame was freed when two requests ended in one pass of the loop with
// the cap reached (a crash at --rate with --concurrency).
struct LoadRunner::FreeSlot
{
    LoadRunner *runner;
    bool await_ready() const noexcept { return false; }
    void await_suspend(std::coroutine_handle<> waiter) { runner->m_slotWaiters.push_back(waiter); }
    void await_resume() const noexcept { }
};

void LoadRunner::wakeSlotWaiters()
{
    if (m_slotWaiters.empty())
        return;
    // From the event loop, not from inside the request that ended: the waiter then starts its
    // next request on a clean stack. Dropped with this runner if it goes first.
    QMetaObject::invokeMethod(
        this,
        [waiters = std::exchange(m_slotWaiters, {})] {
            for (const std::coroutine_handle<> waiter : waiters)
                waiter.resume();
        },
        Qt::QueuedConnection);
}

QCoro::Task<> LoadRunner::openLoop(int first, int count)
{
    QPointer<LoadRunner> self(this);
    const QList<qint64> offsets = m_config.arrivalsNs.isEmpty()
        ? schedule(count, m_config.rate, m_config.poisson, m_config.seed)
        : m_config.arrivalsNs;
    count = std::min<int>(count, int(offsets.size()));
    // Requests are built ahead of their time, so that a request's dispatch delay holds only
    // its sending: those due in the schedule's first PrepareAheadNs before its clock starts,
    // then, before each wait, every one due within PrepareAheadNs of the next.
    // At most PrepareAheadMax wait built at a time: a schedule of a million requests all due
    // at once must not build them all before the first one goes.
    constexpr qint64 PrepareAheadNs = 20'000'000;
    constexpr size_t PrepareAheadMax = 1024;
    constexpr qint64 HandOverNs = 2'000'000;
    std::deque<PreparedRequest> prepared;
    int preparedUpTo = 0; // requests [0, preparedUpTo) are prepared or sent
    const auto prepareUntil = [&](qint64 offsetNs) {
        while (preparedUpTo < count && offsets.at(preparedUpTo) <= offsetNs && prepared.size() < PrepareAheadMax) {
            const int index = first + preparedUpTo;
            prepared.push_back(m_client->prepare(m_config.endpoint,
                                                 m_config.prompts.at(index % m_config.prompts.size()),
                                                 m_config.options));
            ++preparedUpTo;
        }
    };
    prepareUntil(count > 0 ? offsets.at(0) + PrepareAheadNs : 0);
    const qint64 origin = m_client->clock()->nowNs();
    std::vector<QCoro::Task<QString>> tasks;
    tasks.reserve(size_t(count));
    for (int i = 0; i < count; ++i) {
        prepareUntil(std::max(offsets.at(i), m_client->clock()->nowNs() - origin) + PrepareAheadNs);
        const qint64 scheduled = origin + offsets.at(i);
        // With I/O threads a request is handed over HandOverNs early, and its thread sends it
        // at its time to the microsecond; this thread's timers would round it to milliseconds.
        co_await sleepUntilNs(m_client->ioThreads() > 0 ? scheduled - HandOverNs : scheduled);
        if (!self || m_cancelled)
            break;
        // A cap on requests in flight makes the client wait; that wait is measured.
        while (self && !m_cancelled && m_config.concurrency > 0 && m_inFlight >= m_config.concurrency)
            co_await FreeSlot { this };
        if (!self || m_cancelled)
            break;
        if (prepared.empty()) // beyond the cap
            prepareUntil(offsets.at(i));
        PreparedRequest request = std::move(prepared.front());
        prepared.pop_front();
        tasks.push_back(sendPrepared(first + i, false, scheduled, std::move(request), {}));
    }
    for (auto &task : tasks)
        co_await task;
}

QCoro::Task<QString> LoadRunner::sendOne(int index, bool warmup, qint64 scheduledNs, GenerationRequest request,
                                         int turn)
{
    QList<ChatMessage> sent = turn > 0 ? request.messages : QList<ChatMessage> {};
    PreparedRequest prepared = m_client->prepare(m_config.endpoint, std::move(request), m_config.options);
    co_return co_await sendPrepared(index, warmup, scheduledNs, std::move(prepared), std::move(sent), turn);
}

QCoro::Task<QString> LoadRunner::sendPrepared(int index, bool warmup, qint64 scheduledNs, PreparedRequest request,
                                              QList<ChatMessage> sent, int turn)
{
    QPointer<LoadRunner> self(this);
    ++m_inFlight;
    m_peakInFlight = std::max(m_peakInFlight, m_inFlight);

    const std::unique_ptr<RequestHandle> handle = m_client->start(std::move(request), scheduledNs);
    m_live.insert(handle.get());
    RequestTrace trace = co_await handle->result();
    if (!self)
        co_return QString();
    --m_inFlight;
    m_live.remove(handle.get());
    wakeSlotWaiters();

    RequestRecord record;
    record.index = index;
    record.warmup = warmup;
    record.turn = turn;
    record.sentMessages = sent;
    record.metrics = Metrics::compute(trace);
    record.trace = std::move(trace);
    m_records.append(record);
    if (!warmup) {
        ++m_done;
        if (!record.metrics.ok)
            ++m_failed;
    }
    Q_EMIT requestFinished(m_records.constLast());
    Q_EMIT progress(m_done, m_failed, m_config.requests);
    co_return m_records.constLast().trace.text;
}

void LoadRunner::cancel()
{
    if (!m_running)
        return;
    m_cancelled = true;
    const auto live = m_live;
    for (RequestHandle *handle : live)
        handle->cancel();
    if (m_sleepTimer)
        m_sleepTimer->start(0);
    wakeSlotWaiters();
    // Wake an open loop waiting for a free slot.
    Q_EMIT progress(m_done, m_failed, m_config.requests);
}

RunSummary LoadRunner::summary() const
{
    RunSummary s = Metrics::summarize(m_records, m_peakInFlight);
    s.client = clientOverhead();
    return s;
}

std::optional<ClientOverhead> LoadRunner::clientOverhead() const
{
    if (!m_probing && m_records.isEmpty())
        return std::nullopt;
    QList<ClientLagProbe *> probes;
    for (const QPointer<ClientLagProbe> &probe : m_probes) {
        if (probe)
            probes.append(probe);
    }
    if (probes.isEmpty())
        return std::nullopt;
    return ClientLagProbe::combined(probes);
}
