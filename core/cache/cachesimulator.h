#pragma once

#include "querytrace.h"
#include "semanticcache.h"

#include "client/requestoptions.h"
#include "protocol/endpointprofile.h"
#include "sim/latencymodel.h"

#include <QCoroTask>
#include <QList>
#include <QObject>

#include <optional>

class Embedder;

/*!
 * \brief What a miss costs when no endpoint is called (offline replay), and prices for both.
 *
 * Offline, a miss takes the mean of the embedded endpoint's latency model (LatencyModel, no
 * jitter): network + prompt tokens × promptMsPerToken + inference + outputTokens ×
 * generationMsPerToken + postprocess, and produces outputTokens tokens.
 */
struct CacheCostModel
{
    LatencyModel latency;
    int outputTokens = 128;
    double pricePerMInput = 0.5; ///< currency units per million input tokens
    double pricePerMOutput = 1.5; ///< currency units per million output tokens

    double missLatencyMs(qint64 promptTokens) const;
    double cost(qint64 promptTokens, qint64 completionTokens) const;
    /// A rough prompt size: one token per CJK character, 1.3 per Latin word, plus 8 for the chat frame.
    static qint64 estimateTokens(const QString &text);
};

/// \brief Settings of one simulation.
struct CacheSimConfig
{
    CacheConfig cache;
    CacheCostModel cost;
    double maxFalseHitRate = 0.01; ///< for the best threshold
    QList<double> thresholds; ///< the curve's points; empty: 0.50, 0.51, ..., 0.99
    QList<qsizetype> capacities; ///< capacity sweep in entries (empty: none)
    QList<double> ttlsS; ///< TTL sweep in seconds (empty: none)
    /// Online only: each miss is sent to this endpoint (through StreamingClient).
    std::optional<EndpointProfile> endpoint;
    RequestOptions requestOptions;
};

/// \brief What happened to one query of the trace.
struct QueryOutcome
{
    int index = 0;
    QString text;
    QString group;
    double timeS = 0;
    CacheLookup::Kind kind = CacheLookup::Kind::Miss;
    float score = -2; ///< nearest live entry's similarity (-2: none)
    QString matchedText;
    QString matchedGroup;
    bool falseHit = false;
    bool duplicatePresent = false;
    double lookupMs = 0; ///< measured: exact + semantic lookup
    double embedMs = 0; ///< the query's share of its embedding batch
    double latencyMs = 0; ///< what the user waited with the cache in front
    double uncachedLatencyMs = 0; ///< what the user would have waited without it
    qint64 promptTokens = 0;
    qint64 completionTokens = 0;
    bool sent = false; ///< a miss really sent to the endpoint
    QString error; ///< the endpoint's error for a failed miss (not cached)
};

/// \brief One point of the threshold curve.
struct ThresholdPoint
{
    double threshold = 0;
    qint64 hits = 0;
    qint64 falseHits = 0;
    double hitRate = 0;
    double falseHitRate = 0; ///< false hits / lookups
    double precision = 0; ///< correct hits / labelled hits (1 when there are none)
    double recall = 0; ///< correct hits / lookups whose duplicate was cached
    double f1 = 0;
};

/// \brief Hit rates at one capacity: the three policies replayed, and the Belady bound.
struct CapacityPoint
{
    qsizetype capacity = 0;
    double lru = 0;
    double lfu = 0;
    double fifo = 0;
    double belady = 0;
};

struct TtlPoint
{
    double ttlS = 0;
    double hitRate = 0;
    qint64 expirations = 0;
};

/// \brief Everything one simulation found.
struct CacheReport
{
    QString traceSource;
    QString embedder;
    QString indexKind;
    CacheSimConfig config;
    CacheStats stats;
    qsizetype cacheSize = 0; ///< entries the cache held when the replay ended
    QList<QueryOutcome> outcomes;
    bool online = false;
    QString endpointName;
    qint64 sentRequests = 0;
    qint64 failedRequests = 0;

    QList<ThresholdPoint> curve;
    std::optional<ThresholdPoint> best; ///< most hits with falseHitRate ≤ maxFalseHitRate
    QList<CapacityPoint> capacitySweep;
    QList<TtlPoint> ttlSweep;

    double meanMissLatencyMs = 0;
    double meanHitLatencyMs = 0;
    double totalLatencyWithoutMs = 0;
    double totalLatencyWithMs = 0;
    qint64 tokensWithout = 0;
    qint64 tokensWith = 0;
    double costWithout = 0;
    double costWith = 0;
    QString error; ///< non-empty: the simulation could not run

    double latencySavedShare() const;
    double tokensSavedShare() const;
    double costSavedShare() const;
};

/*!
 * \brief Replays a query trace through a SemanticCache in front of an endpoint.
 *
 * Time in the cache follows the trace's timestamps (a ManualClock), so TTLs mean what the
 * trace says however fast the replay runs. Misses are sent to the endpoint one at a time
 * (online) or priced by the CacheCostModel (offline); hits are served from the cache, and
 * their lookup is timed on the real clock.
 *
 * The threshold curve comes from one extra replay in which the semantic layer never answers
 * and every miss is stored: each lookup keeps its nearest score and whether that entry had
 * the query's group. A replay at threshold t with admitSemanticHits, no capacity limit and an
 * absolute (or no) TTL stores exactly the same entries, so its counts equal the curve's at t.
 */
class CacheSimulator : public QObject
{
    Q_OBJECT
public:
    explicit CacheSimulator(QObject *parent = nullptr);
    ~CacheSimulator() override;

    /// The whole simulation: embeds every query (through \a embedder), replays, sweeps.
    QCoro::Task<CacheReport> run(QueryTrace trace, Embedder *embedder, CacheSimConfig config);
    void cancel() { m_cancelled = true; }
    /// The embeddings of the last run's queries, in trace order (for "try a query").
    const QList<QList<float>> &vectors() const { return m_vectors; }

    /// The offline replay of \a vectors (one per query, each of \a dimension floats).
    static CacheReport replay(const QueryTrace &trace, const QList<QList<float>> &vectors, int dimension,
                              const CacheSimConfig &config);
    static QList<ThresholdPoint> thresholdCurve(const QueryTrace &trace, const QList<QList<float>> &vectors,
                                                int dimension, const CacheConfig &cache,
                                                const QList<double> &thresholds);
    static std::optional<ThresholdPoint> bestThreshold(const QList<ThresholdPoint> &curve,
                                                       double maxFalseHitRate);
    static QList<CapacityPoint> capacitySweep(const QueryTrace &trace, const QList<QList<float>> &vectors,
                                              int dimension, const CacheConfig &cache,
                                              const QList<qsizetype> &capacities);
    static QList<TtlPoint> ttlSweep(const QueryTrace &trace, const QList<QList<float>> &vectors,
                                    int dimension, const CacheConfig &cache, const QList<double> &ttlsS);
    /// Hits of an optimal (Belady) cache of \a capacity keys over \a keys (farthest next use leaves).
    static qint64 beladyHits(const QList<qint64> &keys, qsizetype capacity);
    static QList<double> defaultThresholds();

Q_SIGNALS:
    /// \a phase: "embed" or "replay"; \a done of \a total queries.
    void progress(const QString &phase, int done, int total);

private:
    static void summarize(CacheReport &report);
    static void addSweeps(CacheReport &report, const QueryTrace &trace, const QList<QList<float>> &vectors,
                          int dimension);

    bool m_cancelled = false;
    QList<QList<float>> m_vectors;
};
