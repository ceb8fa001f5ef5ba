#include "cachesimulator.h"

#include "embedder.h"

#include "client/streamingclient.h"
#include "common/clock.h"
#include "sim/textnormalizer.h"

#include <QElapsedTimer>
#include <QPointer>

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <set>
#include <unordered_map>

namespace {

/// What one lookup of a replay found, before its latency and cost are filled in.
QueryOutcome outcomeOf(int index, const TraceQuery &query, double timeS, const CacheLookup &lookup, double lookupMs)
{
    QueryOutcome o;
    o.index = index;
    o.text = query.text;
    o.group = query.group;
    o.timeS = timeS;
    o.kind = lookup.kind;
    o.score = lookup.score;
    o.matchedText = lookup.matchedText;
    o.matchedGroup = lookup.matchedGroup;
    o.falseHit = lookup.falseHit;
    o.duplicatePresent = lookup.duplicatePresent;
    o.lookupMs = lookupMs;
    return o;
}


constexpr int EmbedChunk = 128;

qint64 secondsToNs(double s)
{
    return qint64(std::llround(s * 1e9));
}

std::span<const float> spanOf(const QList<float> &v)
{
    return { v.constData(), size_t(v.size()) };
}

/// One lookup of the observer replay (the semantic layer never answers; every miss stored).
struct Observation
{
    bool exact = false;
    bool exactFalse = false;
    float score = -2;
    bool labelled = false;
    bool matchedLabelled = false;
    bool sameGroup = false;
    bool duplicatePresent = false;
    quint64 matchedId = 0; ///< exact: the entry hit; else the nearest entry
    quint64 insertedId = 0; ///< the entry this query became (0: exact hit)
};

QList<Observation> observe(const QueryTrace &trace, const QList<QList<float>> &vectors, int dimension,
                           CacheConfig cache)
{
    cache.threshold = 2.0; // cosine never reaches it: the semantic layer only reports scores
    cache.admitSemanticHits = false;
    ManualClock clock;
    SemanticCache observer(dimension, cache, &clock);
    QList<Observation> result;
    result.reserve(trace.queries.size());
    const QList<double> times = trace.times();
    for (qsizetype i = 0; i < trace.queries.size(); ++i) {
        const TraceQuery &query = trace.queries.at(i);
        clock.setNs(secondsToNs(times.at(i)));
        const auto vector = spanOf(vectors.at(i));
        const CacheLookup lookup = observer.lookup(query.text, vector, query.group);
        Observation o;
        o.exact = lookup.kind == CacheLookup::Kind::ExactHit;
        o.exactFalse = lookup.falseHit;
        o.score = lookup.score;
        o.labelled = !query.group.isEmpty();
        o.matchedLabelled = !lookup.matchedGroup.isEmpty();
        o.sameGroup = lookup.nearestSameGroup;
        o.duplicatePresent = lookup.duplicatePresent;
        o.matchedId = lookup.entryId;
        if (!o.exact)
            o.insertedId = observer.insert(query.text, vector, {}, query.group);
        result.append(o);
    }
    return result;
}

} // namespace

// ---------------------------------------------------------------------------------------------

double CacheCostModel::missLatencyMs(qint64 promptTokens) const
{
    return latency.networkMs + latency.promptFixedMs + latency.promptMsPerToken * double(promptTokens) + latency.inferenceMs
        + latency.generationMsPerToken * double(outputTokens) + latency.postprocessMs;
}

double CacheCostModel::cost(qint64 promptTokens, qint64 completionTokens) const
{
    return (double(promptTokens) * pricePerMInput + double(completionTokens) * pricePerMOutput) / 1e6;
}

qint64 CacheCostModel::estimateTokens(const QString &text)
{
    qint64 cjk = 0;
    qint64 words = 0;
    bool inWord = false;
    for (uint c : text.toUcs4()) {
        if (TextNormalizer::isCjk(c)) {
            ++cjk;
            inWord = false;
        } else if (QChar::isLetterOrNumber(c)) {
            if (!inWord)
                ++words;
            inWord = true;
        } else {
            inWord = false;
        }
    }
    return 8 + cjk + qint64(std::ceil(double(words) * 1.3));
}

// ---------------------------------------------------------------------------------------------

double CacheReport::latencySavedShare() const
{
    return totalLatencyWithoutMs > 0 ? 1.0 - totalLatencyWithMs / totalLatencyWithoutMs : 0;
}

double CacheReport::tokensSavedShare() const
{
    return tokensWithout > 0 ? 1.0 - double(tokensWith) / double(tokensWithout) : 0;
}

double CacheReport::costSavedShare() const
{
    return costWithout > 0 ? 1.0 - costWith / costWithout : 0;
}

// ---------------------------------------------------------------------------------------------

CacheSimulator::CacheSimulator(QObject *parent)
    : QObject(parent)
{
}

CacheSimulator::~CacheSimulator() = default;

QList<double> CacheSimulator::defaultThresholds()
{
    QList<double> thresholds;
    for (int i = 50; i <= 99; ++i)
        thresholds.append(i / 100.0);
    return thresholds;
}

QList<ThresholdPoint> CacheSimulator::thresholdCurve(const QueryTrace &trace,
                                                     const QList<QList<float>> &vectors, int dimension,
                                                     const CacheConfig &cache,
                                                     const QList<double> &thresholds)
{
    QList<ThresholdPoint> curve;
    if (trace.queries.isEmpty() || vectors.size() != trace.queries.size())
        return curve;
    const QList<Observation> observations = observe(trace, vectors, dimension, cache);
    const qint64 lookups = observations.size();
    qint64 positives = 0;
    for (const Observation &o : observations)
        positives += o.duplicatePresent ? 1 : 0;
    for (double t : thresholds) {
        ThresholdPoint p;
        p.threshold = t;
        qint64 correct = 0;
        for (const Observation &o : observations) {
            const bool hit = o.exact || (cache.semantic && o.score >= float(t));
            if (!hit)
                continue;
            ++p.hits;
            const bool wrong = o.exact ? o.exactFalse : (o.labelled && o.matchedLabelled && !o.sameGroup);
            if (wrong)
                ++p.falseHits;
            else if (o.sameGroup)
                ++correct;
        }
        p.hitRate = double(p.hits) / double(lookups);
        p.falseHitRate = double(p.falseHits) / double(lookups);
        p.precision = correct + p.falseHits > 0 ? double(correct) / double(correct + p.falseHits) : 1.0;
        p.recall = positives > 0 ? double(correct) / double(positives) : 0.0;
        p.f1 = p.precision + p.recall > 0 ? 2 * p.precision * p.recall / (p.precision + p.recall) : 0.0;
        curve.append(p);
    }
    return curve;
}

std::optional<ThresholdPoint> CacheSimulator::bestThreshold(const QList<ThresholdPoint> &curve,
                                                            double maxFalseHitRate)
{
    std::optional<ThresholdPoint> best;
    for (const ThresholdPoint &p : curve) {
        if (p.falseHitRate > maxFalseHitRate + 1e-12)
            continue;
        // Most hits; among equals the higher threshold (the same hits with more margin).
        if (!best || p.hits > best->hits || (p.hits == best->hits && p.threshold > best->threshold))
            best = p;
    }
    return best;
}

qint64 CacheSimulator::beladyHits(const QList<qint64> &keys, qsizetype capacity)
{
    if (capacity <= 0)
        return 0;
    const qsizetype n = keys.size();
    constexpr qsizetype Never = std::numeric_limits<qsizetype>::max();
    QList<qsizetype> nextUse(n, Never);
    std::unordered_map<qint64, qsizetype> last;
    for (qsizetype i = n - 1; i >= 0; --i) {
        auto it = last.find(keys.at(i));
        nextUse[i] = it == last.end() ? Never : it->second;
        last[keys.at(i)] = i;
    }
    std::unordered_map<qint64, qsizetype> cached; // key → its next use
    std::set<std::pair<qsizetype, qint64>> byNext; // (next use, key); the last is the farthest
    qint64 hits = 0;
    for (qsizetype i = 0; i < n; ++i) {
        const qint64 key = keys.at(i);
        auto it = cached.find(key);
        if (it != cached.end()) {
            ++hits;
            byNext.erase({ it->second, key });
            it->second = nextUse.at(i);
            byNext.insert({ it->second, key });
            continue;
        }
        if (nextUse.at(i) == Never)
            continue; // never asked again: an optimal cache does not keep it
        if (qsizetype(cached.size()) >= capacity) {
            auto farthest = std::prev(byNext.end());
            if (farthest->first <= nextUse.at(i))
                continue; // everything cached is needed sooner
            cached.erase(farthest->second);
            byNext.erase(farthest);
        }
        cached.emplace(key, nextUse.at(i));
        byNext.insert({ nextUse.at(i), key });
    }
    return hits;
}

QList<CapacityPoint> CacheSimulator::capacitySweep(const QueryTrace &trace,
                                                   const QList<QList<float>> &vectors, int dimension,
                                                   const CacheConfig &cache,
                                                   const QList<qsizetype> &capacities)
{
    QList<CapacityPoint> points;
    if (trace.queries.isEmpty() || vectors.size() != trace.queries.size())
        return points;
    const double lookups = double(trace.queries.size());

    // The key sequence for the bound: a replay with no capacity limit, in which each query
    // stands for the entry it hits (exact or semantic), or for itself when it misses and is
    // stored. At a capacity no smaller than the trace, Belady equals this replay exactly.
    CacheConfig unlimited = cache;
    unlimited.maxEntries = 0;
    unlimited.maxBytes = 0;
    QList<qint64> keys;
    {
        ManualClock clock;
        SemanticCache replayCache(dimension, unlimited, &clock);
        std::unordered_map<quint64, qint64> keyOfEntry;
        const QList<double> times = trace.times();
        for (qsizetype i = 0; i < trace.queries.size(); ++i) {
            const TraceQuery &query = trace.queries.at(i);
            clock.setNs(secondsToNs(times.at(i)));
            const auto vector = spanOf(vectors.at(i));
            const CacheLookup lookup = replayCache.lookup(query.text, vector, query.group);
            qint64 key = i;
            if (lookup.isHit()) {
                auto it = keyOfEntry.find(lookup.entryId);
                if (it != keyOfEntry.end())
                    key = it->second;
            }
            if (!lookup.isHit()
                || (unlimited.admitSemanticHits && lookup.kind == CacheLookup::Kind::SemanticHit)) {
                const quint64 id = replayCache.insert(query.text, vector, lookup.answer, query.group);
                keyOfEntry[id] = key;
            }
            keys.append(key);
        }
    }

    for (qsizetype capacity : capacities) {
        CapacityPoint point;
        point.capacity = capacity;
        for (EvictionPolicy policy : { EvictionPolicy::Lru, EvictionPolicy::Lfu, EvictionPolicy::Fifo }) {
            CacheSimConfig config;
            config.cache = cache;
            config.cache.maxEntries = capacity;
            config.cache.maxBytes = 0;
            config.cache.policy = policy;
            config.thresholds = { cache.threshold };
            const CacheReport report = replay(trace, vectors, dimension, config);
            const double rate = report.stats.hitRate();
            (policy == EvictionPolicy::Lru       ? point.lru
                 : policy == EvictionPolicy::Lfu ? point.lfu
                                                 : point.fifo)
                = rate;
        }
        point.belady = double(beladyHits(keys, capacity)) / lookups;
        points.append(point);
    }
    return points;
}

QList<TtlPoint> CacheSimulator::ttlSweep(const QueryTrace &trace, const QList<QList<float>> &vectors,
                                         int dimension, const CacheConfig &cache, const QList<double> &ttlsS)
{
    QList<TtlPoint> points;
    for (double ttl : ttlsS) {
        CacheSimConfig config;
        config.cache = cache;
        config.cache.ttlNs = secondsToNs(ttl);
        config.thresholds = { cache.threshold };
        const CacheReport report = replay(trace, vectors, dimension, config);
        points.append({ ttl, report.stats.hitRate(), report.stats.expirations });
    }
    return points;
}

CacheReport CacheSimulator::replay(const QueryTrace &trace, const QList<QList<float>> &vectors, int dimension,
                                   const CacheSimConfig &config)
{
    CacheReport report;
    report.config = config;
    report.traceSource = trace.source;
    if (vectors.size() != trace.queries.size()) {
        report.error
            = QStringLiteral("%1 vectors for %2 queries").arg(vectors.size()).arg(trace.queries.size());
        return report;
    }
    ManualClock clock;
    SemanticCache cache(dimension, config.cache, &clock);
    const QString answerText(config.cost.outputTokens * 4, u'a'); // stands in for the answer's bytes
    QElapsedTimer timer;
    const QList<double> times = trace.times();
    for (qsizetype i = 0; i < trace.queries.size(); ++i) {
        const TraceQuery &query = trace.queries.at(i);
        clock.setNs(secondsToNs(times.at(i)));
        const auto vector = spanOf(vectors.at(i));
        timer.start();
        const CacheLookup lookup = cache.lookup(query.text, vector, query.group);
        const double lookupMs = double(timer.nsecsElapsed()) / 1e6;

        QueryOutcome o = outcomeOf(int(i), query, times.at(i), lookup, lookupMs);
        o.promptTokens = CacheCostModel::estimateTokens(query.text);
        o.uncachedLatencyMs = config.cost.missLatencyMs(o.promptTokens);
        if (lookup.isHit()) {
            o.completionTokens = lookup.answer.completionTokens;
            o.latencyMs = lookupMs;
            if (config.cache.admitSemanticHits && lookup.kind == CacheLookup::Kind::SemanticHit)
                cache.insert(query.text, vector, lookup.answer, query.group);
        } else {
            o.completionTokens = config.cost.outputTokens;
            o.latencyMs = lookupMs + o.uncachedLatencyMs;
            CachedAnswer answer { answerText, o.promptTokens, o.completionTokens, o.uncachedLatencyMs };
            cache.insert(query.text, vector, answer, query.group);
        }
        report.outcomes.append(o);
    }
    report.stats = cache.stats();
    report.cacheSize = cache.size();
    report.indexKind = QString::fromLatin1(cache.indexKind());
    summarize(report);
    return report;
}

void CacheSimulator::summarize(CacheReport &report)
{
    double missSum = 0, hitSum = 0;
    qint64 missCount = 0, hitCount = 0;
    for (const QueryOutcome &o : std::as_const(report.outcomes)) {
        if (o.kind == CacheLookup::Kind::Miss && o.error.isEmpty()) {
            missSum += o.uncachedLatencyMs;
            ++missCount;
        } else if (o.kind != CacheLookup::Kind::Miss) {
            hitSum += o.latencyMs;
            ++hitCount;
        }
    }
    report.meanMissLatencyMs = missCount ? missSum / double(missCount) : 0;
    report.meanHitLatencyMs = hitCount ? hitSum / double(hitCount) : 0;
    report.totalLatencyWithoutMs = report.totalLatencyWithMs = 0;
    report.tokensWithout = report.tokensWith = 0;
    report.costWithout = report.costWith = 0;
    const CacheCostModel &cost = report.config.cost;
    for (QueryOutcome &o : report.outcomes) {
        // A hit would have cost what its answer cost; its latency is the mean measured miss
        // when misses were really sent (the model's figure offline).
        if (o.kind != CacheLookup::Kind::Miss && report.online && missCount)
            o.uncachedLatencyMs = report.meanMissLatencyMs;
        report.totalLatencyWithoutMs += o.uncachedLatencyMs;
        report.totalLatencyWithMs += o.latencyMs;
        const qint64 tokens = o.promptTokens + o.completionTokens;
        report.tokensWithout += tokens;
        report.costWithout += cost.cost(o.promptTokens, o.completionTokens);
        if (o.kind == CacheLookup::Kind::Miss) {
            report.tokensWith += tokens;
            report.costWith += cost.cost(o.promptTokens, o.completionTokens);
        }
    }
}

void CacheSimulator::addSweeps(CacheReport &report, const QueryTrace &trace,
                               const QList<QList<float>> &vectors, int dimension)
{
    const CacheSimConfig &config = report.config;
    const QList<double> thresholds = config.thresholds.isEmpty() ? defaultThresholds() : config.thresholds;
    report.curve = thresholdCurve(trace, vectors, dimension, config.cache, thresholds);
    report.best = bestThreshold(report.curve, config.maxFalseHitRate);
    if (!config.capacities.isEmpty())
        report.capacitySweep = capacitySweep(trace, vectors, dimension, config.cache, config.capacities);
    if (!config.ttlsS.isEmpty())
        report.ttlSweep = ttlSweep(trace, vectors, dimension, config.cache, config.ttlsS);
}

QCoro::Task<CacheReport> CacheSimulator::run(QueryTrace trace, Embedder *embedder, CacheSimConfig config)
{
    CacheReport report;
    report.config = config;
    report.traceSource = trace.source;
    report.embedder = embedder ? embedder->name() : QString();
    m_cancelled = false;
    m_vectors.clear();
    QPointer<CacheSimulator> self(this);
    if (!embedder || trace.queries.isEmpty()) {
        report.error = tr("nothing to simulate: no embedder or an empty trace");
        co_return report;
    }

    // 1. Embed every query, a chunk per call (the remote embedder batches inside a chunk too).
    const qsizetype total = trace.queries.size();
    QList<QList<float>> vectors;
    vectors.reserve(total);
    QList<double> embedMs;
    embedMs.reserve(total);
    int dimension = 0;
    for (qsizetype start = 0; start < total; start += EmbedChunk) {
        QStringList texts;
        for (qsizetype i = start; i < qMin(total, start + EmbedChunk); ++i)
            texts.append(trace.queries.at(i).text);
        EmbeddingBatch batch = co_await embedder->embed(texts);
        if (!self)
            co_return report;
        if (!batch.ok()) {
            report.error = tr("embedding failed: %1").arg(batch.error);
            co_return report;
        }
        for (auto &vector : batch.vectors) {
            if (dimension == 0)
                dimension = int(vector.size());
            if (vector.size() != dimension || dimension == 0) {
                report.error = tr("the embedder returned vectors of different lengths");
                co_return report;
            }
            vectors.append(std::move(vector));
            embedMs.append(batch.elapsedMs / double(texts.size()));
        }
        Q_EMIT progress(QStringLiteral("embed"), int(vectors.size()), int(total));
        if (m_cancelled) {
            report.error = tr("cancelled");
            co_return report;
        }
    }

    m_vectors = vectors;
    if (!config.endpoint) {
        CacheReport offline = replay(trace, vectors, dimension, config);
        offline.embedder = report.embedder;
        for (QueryOutcome &o : offline.outcomes) {
            o.embedMs = embedMs.at(o.index);
            o.latencyMs += o.embedMs;
        }
        summarize(offline);
        addSweeps(offline, trace, vectors, dimension);
        Q_EMIT progress(QStringLiteral("replay"), int(total), int(total));
        co_return offline;
    }

    // 2. Online: misses really go to the endpoint, one at a time.
    report.online = true;
    report.endpointName
        = config.endpoint->name.isEmpty() ? config.endpoint->baseUrl.toString() : config.endpoint->name;
    StreamingClient client;
    ManualClock clock;
    SemanticCache cache(dimension, config.cache, &clock);
    QElapsedTimer timer;
    const QList<double> times = trace.times();
    for (qsizetype i = 0; i < total; ++i) {
        const TraceQuery &query = trace.queries.at(i);
        clock.setNs(secondsToNs(times.at(i)));
        const auto vector = spanOf(vectors.at(i));
        timer.start();
        const CacheLookup lookup = cache.lookup(query.text, vector, query.group);
        const double lookupMs = double(timer.nsecsElapsed()) / 1e6;
        QueryOutcome o = outcomeOf(int(i), query, times.at(i), lookup, lookupMs);
        o.embedMs = embedMs.at(i);
        o.promptTokens = CacheCostModel::estimateTokens(query.text);
        if (lookup.isHit()) {
            o.completionTokens = lookup.answer.completionTokens;
            o.latencyMs = o.embedMs + lookupMs;
            if (config.cache.admitSemanticHits && lookup.kind == CacheLookup::Kind::SemanticHit)
                cache.insert(query.text, vector, lookup.answer, query.group);
        } else {
            GenerationRequest request;
            request.messages = { ChatMessage { QStringLiteral("user"), query.text } };
            request.maxTokens = config.cost.outputTokens;
            request.stream = true;
            const RequestTrace sent
                = co_await client.send(*config.endpoint, request, config.requestOptions);
            if (!self)
                co_return report;
            o.sent = true;
            ++report.sentRequests;
            const double requestMs = sent.endNs > sent.startNs ? double(sent.endNs - sent.startNs) / 1e6 : 0;
            o.uncachedLatencyMs = requestMs;
            o.latencyMs = o.embedMs + lookupMs + requestMs;
            if (sent.usage.promptTokens)
                o.promptTokens = *sent.usage.promptTokens;
            qint64 completion = 0;
            for (qsizetype i = 0; i < sent.chunks.size(); ++i)
                completion += sent.chunks.tokensAt(i);
            o.completionTokens = sent.usage.completionTokens.value_or(completion);
            if (!sent.ok()) {
                ++report.failedRequests;
                o.error = sent.errorMessage.isEmpty() ? ErrorClasses::name(sent.error) : sent.errorMessage;
            } else {
                CachedAnswer answer { sent.text, o.promptTokens, o.completionTokens, requestMs };
                cache.insert(query.text, vector, answer, query.group);
            }
        }
        report.outcomes.append(o);
        if ((i + 1) % 8 == 0 || i + 1 == total)
            Q_EMIT progress(QStringLiteral("replay"), int(i + 1), int(total));
        if (m_cancelled) {
            report.error = tr("cancelled");
            break;
        }
    }
    report.stats = cache.stats();
    report.cacheSize = cache.size();
    report.indexKind = QString::fromLatin1(cache.indexKind());
    summarize(report);
    addSweeps(report, trace, vectors, dimension);
    co_return report;
}
