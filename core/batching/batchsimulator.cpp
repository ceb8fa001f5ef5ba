#include "batchsimulator.h"

#include <algorithm>
#include <cmath>
#include <deque>
#include <limits>
#include <queue>
#include <random>
#include <vector>

namespace {

constexpr qint64 Never = std::numeric_limits<qint64>::max();

// The engine is std::mt19937_64 (its output is fixed by the standard); the transforms below are
// our own, because std's distributions may differ between standard libraries.
class Random
{
public:
    explicit Random(quint64 seed)
        : m_engine(seed)
    {
    }
    double uniform() { return double(m_engine() >> 11) * 0x1.0p-53; } // [0, 1)
    double exponential(double mean) { return -std::log1p(-uniform()) * mean; }
    double normal()
    {
        const double u1 = 1.0 - uniform();
        const double u2 = uniform();
        return std::sqrt(-2.0 * std::log(u1)) * std::cos(2.0 * M_PI * u2);
    }
    // Marsaglia & Tsang (2000); shape < 1 by boosting to shape + 1.
    double gamma(double shape, double scale)
    {
        if (shape < 1) {
            const double u = 1.0 - uniform();
            return gamma(shape + 1, scale) * std::pow(u, 1.0 / shape);
        }
        const double d = shape - 1.0 / 3.0;
        const double c = 1.0 / std::sqrt(9.0 * d);
        for (;;) {
            double x, v;
            do {
                x = normal();
                v = 1.0 + c * x;
            } while (v <= 0);
            v = v * v * v;
            const double u = 1.0 - uniform();
            if (std::log(u) < 0.5 * x * x + d - d * v + d * std::log(v))
                return d * v * scale;
        }
    }

private:
    std::mt19937_64 m_engine;
};

struct Request
{
    int prompt = 1;
    int output = 1;
    qint64 arrival = Never;
    qint64 start = 0;
    qint64 firstToken = 0;
    qint64 finish = 0;
};

int drawLength(Random &rng, int mean, double spread)
{
    mean = std::max(1, mean);
    if (spread <= 0)
        return mean;
    const double lo = mean * (1 - std::min(spread, 0.99));
    const double hi = mean * (1 + std::min(spread, 0.99));
    return std::max(1, int(std::lround(lo + (hi - lo) * rng.uniform())));
}

// Where the next request comes from: a fixed open-loop schedule, or clients waiting on replies.
class Arrivals
{
public:
    Arrivals(const SimulationConfig &c, std::vector<Request> &requests)
        : m_requests(requests)
        , m_closed(c.arrivals == ArrivalPattern::ClosedLoop)
    {
        const int n = int(requests.size());
        if (m_closed) {
            const int clients = std::clamp(c.clients, 1, n);
            for (int i = 0; i < clients; ++i)
                issue(0);
            return;
        }
        Random rng(c.seed * 0x9E3779B97F4A7C15ull + 1);
        const double meanGapNs = 1e9 / std::max(1e-9, c.ratePerSecond);
        double t = 0;
        for (int i = 0; i < n; ++i) {
            m_requests[i].arrival = qint64(std::llround(t));
            switch (c.arrivals) {
            case ArrivalPattern::Constant:
                t += meanGapNs;
                break;
            case ArrivalPattern::Poisson:
                t += rng.exponential(meanGapNs);
                break;
            case ArrivalPattern::Gamma: {
                const double shape = std::max(1e-3, c.burstiness);
                t += rng.gamma(shape, meanGapNs / shape);
                break;
            }
            case ArrivalPattern::ClosedLoop:
                break;
            }
        }
    }
    qint64 nextTime() const
    {
        if (m_closed)
            return m_pending.empty() ? Never : m_pending.top();
        return m_next < int(m_requests.size()) ? m_requests[m_next].arrival : Never;
    }
    // The next request's index; call only when nextTime() <= now.
    int take()
    {
        if (m_closed) {
            m_requests[m_next].arrival = m_pending.top();
            m_pending.pop();
        }
        return m_next++;
    }
    // A closed-loop client whose request ended at \a t sends its next one.
    void completed(qint64 t)
    {
        if (m_closed)
            issue(t);
    }

private:
    void issue(qint64 t)
    {
        if (m_issued < int(m_requests.size())) {
            ++m_issued;
            m_pending.push(t);
        }
    }
    std::vector<Request> &m_requests;
    bool m_closed;
    int m_next = 0;
    int m_issued = 0;
    std::priority_queue<qint64, std::vector<qint64>, std::greater<>> m_pending;
};

struct Accounting
{
    qint64 busyNs = 0;
    qint64 batches = 0;
    qint64 batchMembers = 0;
    qint64 events = 0;
    QList<qint64> histogram;
    void countBatch(int size)
    {
        if (histogram.size() <= size)
            histogram.resize(size + 1, 0);
        ++histogram[size];
        ++batches;
        batchMembers += size;
    }
};

void runRequestLevel(const SimulationConfig &c, std::vector<Request> &reqs, Arrivals &arrivals,
                     Accounting &acc)
{
    const int n = int(reqs.size());
    std::vector<qint64> busyUntil(std::max(1, c.instances), 0);
    std::deque<int> queue;
    int done = 0;
    qint64 t = 0;
    std::vector<int> batch;
    while (done < n) {
        ++acc.events;
        while (arrivals.nextTime() <= t)
            queue.push_back(arrivals.take());
        for (qint64 &b : busyUntil) {
            if (b != 0 && b <= t) {
                b = 0; // free again; its requests were counted when the batch was planned
            }
        }
        for (qint64 &slot : busyUntil) {
            if (slot != 0 || queue.empty())
                continue;
            // Without a timer, what is queued leaves once no further request can arrive: the end of
            // an open-loop trace, or every closed-loop client waiting (a batcher with neither a
            // timer nor this flush would hold them forever).
            const bool flushing = !c.policy.hasTimer() && arrivals.nextTime() == Never;
            const int size
                = c.policy.batchToSend(int(queue.size()), t - reqs[queue.front()].arrival, flushing);
            if (size == 0)
                break;
            batch.assign(queue.begin(), queue.begin() + size);
            queue.erase(queue.begin(), queue.begin() + size);
            qint64 prompt = 0;
            int longest = 0;
            for (int i : batch) {
                prompt += reqs[i].prompt;
                longest = std::max(longest, reqs[i].output);
            }
            const qint64 prefill = c.model.stepNs(prompt, 0);
            const qint64 end = t + prefill + c.model.decodeStepsNs(size, prompt, longest - 1);
            for (int i : batch) {
                Request &r = reqs[i];
                r.start = t;
                r.firstToken = t + prefill;
                // Streaming: a request's last token comes at its own step; its slot stays padded.
                r.finish = r.firstToken + c.model.decodeStepsNs(size, prompt, r.output - 1);
                arrivals.completed(r.finish);
                ++done;
            }
            slot = std::max<qint64>(end, 1);
            acc.busyNs += end - t;
            acc.countBatch(size);
        }
        // Next event: an arrival, a batch ending, or the oldest queued request running out of patience.
        qint64 next = arrivals.nextTime();
        bool anyFree = false;
        for (qint64 b : busyUntil) {
            if (b != 0)
                next = std::min(next, b);
            else
                anyFree = true;
        }
        if (anyFree && !queue.empty() && c.policy.hasTimer())
            next = std::min(next, reqs[queue.front()].arrival + c.policy.maxQueueDelayNs);
        if (next == Never)
            break;
        t = std::max(t, next);
    }
}

void runContinuous(const SimulationConfig &c, std::vector<Request> &reqs, Arrivals &arrivals, Accounting &acc)
{
    struct Sequence
    {
        int index;
        int prefilled;
        int generated;
        int chunk; // this step: prompt tokens (> 0), one decode token (-1), or nothing (0)
    };
    const int n = int(reqs.size());
    const int maxSeqs = std::max(1, c.maxSequences);
    const int budgetPerStep = std::max(1, c.tokenBudget);
    std::vector<Sequence> running;
    running.reserve(maxSeqs);
    std::deque<int> waiting;
    int done = 0;
    qint64 t = 0;
    while (done < n) {
        ++acc.events;
        while (arrivals.nextTime() <= t)
            waiting.push_back(arrivals.take());
        while (int(running.size()) < maxSeqs && !waiting.empty()) {
            reqs[waiting.front()].start = t;
            running.push_back({ waiting.front(), 0, 0, 0 });
            waiting.pop_front();
        }
        if (running.empty()) {
            const qint64 next = arrivals.nextTime();
            if (next == Never)
                break;
            t = next;
            continue;
        }
        // Decodes first (they hold KV memory and users are watching), then prefill chunks, FCFS.
        qint64 budget = budgetPerStep;
        qint64 tokens = 0;
        qint64 context = 0;
        int members = 0;
        for (Sequence &s : running) {
            s.chunk = 0;
            const Request &r = reqs[s.index];
            if (s.prefilled == r.prompt && budget > 0) {
                s.chunk = -1;
                --budget;
                ++tokens;
                context += r.prompt + s.generated;
                ++members;
            }
        }
        for (Sequence &s : running) {
            const Request &r = reqs[s.index];
            const int remaining = r.prompt - s.prefilled;
            if (remaining == 0 || budget == 0)
                continue;
            int chunk = 0;
            if (c.chunkedPrefill)
                chunk = int(std::min<qint64>(remaining, budget));
            else if (remaining <= budget || tokens == 0)
                chunk = remaining; // an unchunked prompt larger than the budget runs alone
            if (chunk == 0)
                continue;
            s.chunk = chunk;
            budget = std::max<qint64>(0, budget - chunk);
            tokens += chunk;
            context += s.prefilled;
            ++members;
        }
        const qint64 dt = c.model.stepNs(tokens, context);
        t += dt;
        acc.busyNs += dt;
        acc.countBatch(members);
        for (Sequence &s : running) {
            Request &r = reqs[s.index];
            if (s.chunk == -1) {
                ++s.generated;
            } else if (s.chunk > 0) {
                s.prefilled += s.chunk;
                if (s.prefilled == r.prompt) {
                    r.firstToken = t; // the prefill's last chunk yields the first token
                    s.generated = 1;
                }
            } else {
                continue;
            }
            if (s.prefilled == r.prompt && s.generated >= r.output) {
                r.finish = t;
                arrivals.completed(t);
                ++done;
                s.index = -1;
            }
        }
        running.erase(
            std::remove_if(running.begin(), running.end(), [](const Sequence &s) { return s.index < 0; }),
            running.end());
    }
}

} // namespace

SimulationResult BatchSimulator::run(const SimulationConfig &c)
{
    const int n = std::max(1, c.requests);
    std::vector<Request> reqs(n);
    {
        Random shapes(c.seed);
        for (Request &r : reqs) {
            r.prompt = drawLength(shapes, c.promptTokens, c.lengthSpread);
            r.output = drawLength(shapes, c.outputTokens, c.lengthSpread);
        }
    }
    Arrivals arrivals(c, reqs);
    Accounting acc;
    if (c.mode == SchedulingMode::RequestLevel)
        runRequestLevel(c, reqs, arrivals, acc);
    else
        runContinuous(c, reqs, arrivals, acc);

    SimulationResult result;
    QList<double> ttft, tpot, e2e, wait;
    ttft.reserve(n);
    e2e.reserve(n);
    wait.reserve(n);
    tpot.reserve(n);
    qint64 first = Never, last = 0, outputTokens = 0, promptTokens = 0;
    int meeting = 0;
    for (const Request &r : reqs) {
        if (r.arrival == Never)
            continue;
        ++result.completed;
        first = std::min(first, r.arrival);
        last = std::max(last, r.finish);
        outputTokens += r.output;
        promptTokens += r.prompt;
        const double ttftMs = double(r.firstToken - r.arrival) / 1e6;
        const double e2eMs = double(r.finish - r.arrival) / 1e6;
        ttft.append(ttftMs);
        e2e.append(e2eMs);
        wait.append(double(r.start - r.arrival) / 1e6);
        double tpotMs = 0;
        if (r.output > 1) {
            tpotMs = double(r.finish - r.firstToken) / 1e6 / double(r.output - 1);
            tpot.append(tpotMs);
        }
        const ServiceLevel &s = c.slo;
        if ((s.ttftMs <= 0 || ttftMs <= s.ttftMs) && (s.tpotMs <= 0 || tpotMs <= s.tpotMs)
            && (s.e2eMs <= 0 || e2eMs <= s.e2eMs))
            ++meeting;
    }
    if (result.completed == 0)
        return result;
    const double span = std::max<qint64>(1, last - first) / 1e9;
    result.spanS = span;
    result.requestsPerSecond = result.completed / span;
    result.outputTokensPerSecond = double(outputTokens) / span;
    result.totalTokensPerSecond = double(outputTokens + promptTokens) / span;
    result.ttftMs = Distribution::of(std::move(ttft));
    result.tpotMs = Distribution::of(std::move(tpot));
    result.e2eMs = Distribution::of(std::move(e2e));
    result.queueWaitMs = Distribution::of(std::move(wait));
    result.batchSizeHistogram = std::move(acc.histogram);
    result.batches = acc.batches;
    result.meanBatchSize = acc.batches > 0 ? double(acc.batchMembers) / double(acc.batches) : 0;
    const int instances = c.mode == SchedulingMode::RequestLevel ? std::max(1, c.instances) : 1;
    result.utilisation = std::min(1.0, double(acc.busyNs) / 1e9 / (span * instances));
    result.sloAttainment = double(meeting) / result.completed;
    result.goodputRps = meeting / span;
    result.events = acc.events;
    return result;
}

QString BatchSimulator::modeName(SchedulingMode mode)
{
    return mode == SchedulingMode::RequestLevel ? QStringLiteral("request") : QStringLiteral("continuous");
}

QString BatchSimulator::arrivalName(ArrivalPattern pattern)
{
    switch (pattern) {
    case ArrivalPattern::Constant:
        return QStringLiteral("constant");
    case ArrivalPattern::Poisson:
        return QStringLiteral("poisson");
    case ArrivalPattern::Gamma:
        return QStringLiteral("gamma");
    case ArrivalPattern::ClosedLoop:
        return QStringLiteral("closed-loop");
    }
    return {};
}
