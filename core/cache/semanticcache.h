#pragma once

#include "vectorindex.h"

#include <QHash>
#include <QString>

#include <list>
#include <memory>
#include <optional>
#include <set>
#include <span>
#include <tuple>
#include <unordered_map>

class Clock;

/// \brief Which entry leaves first when the cache is full.
enum class EvictionPolicy {
    Lru, ///< least recently used (a hit moves the entry to the back of a list): O(1)
    Lfu, ///< least frequently used, oldest use first among equals (an ordered set): O(log n)
    Fifo, ///< first inserted (hits change nothing): O(1)
};

namespace EvictionPolicies {
QString name(EvictionPolicy policy); ///< "lru", "lfu", "fifo"
std::optional<EvictionPolicy> fromName(QStringView name);
} // namespace EvictionPolicies

/// \brief How an entry's time to live runs.
enum class TtlMode {
    Absolute, ///< from insertion, whatever happens
    Sliding, ///< restarted by every hit (as RedisVL's refresh on read)
};

/// \brief Settings of one SemanticCache.
struct CacheConfig
{
    /// The default similarity threshold for the built-in embedder, read off the sample trace's
    /// threshold curve (tokenscope-cli cache-sim --trace sample --sweep 0.5:0.99:0.01): at 0.80
    /// precision is 0.95 and false hits 2.1% of lookups, down from 5.4% at 0.70, while the
    /// typical reordered pair (什么是机器学习? / 机器学习是什么?, cosine 0.80) still matches. Users
    /// who need ≤ 1% false hits on that trace go to 0.86 (the simulator reports the best
    /// threshold for any limit).
    static constexpr double DefaultThreshold = 0.80;

    double threshold = DefaultThreshold; ///< cosine similarity for a semantic hit
    bool semantic = true; ///< false: exact layer only
    qint64 ttlNs = 0; ///< 0: entries never expire
    TtlMode ttlMode = TtlMode::Absolute;
    qsizetype maxEntries = 0; ///< 0: no limit
    qint64 maxBytes = 0; ///< 0: no limit (see SemanticCache::entryBytes)
    EvictionPolicy policy = EvictionPolicy::Lru;
    /// Also store the query of a semantic hit as an entry of its own (with the answer it got).
    /// The threshold curve is computed this way, so a replay with this on (and no capacity
    /// limit) reproduces the curve exactly.
    bool admitSemanticHits = false;
    qsizetype indexSwitchSize = AutoIndex::DefaultSwitchSize; ///< exact search below, HNSW above
};

/// \brief What the cache stores for a query: the answer and what producing it cost.
struct CachedAnswer
{
    QString text;
    qint64 promptTokens = 0;
    qint64 completionTokens = 0;
    double latencyMs = 0; ///< what the miss took to answer
};

/// \brief The outcome of one lookup.
struct CacheLookup
{
    enum class Kind { Miss, ExactHit, SemanticHit };
    Kind kind = Kind::Miss;
    quint64 entryId = 0; ///< the matched entry (hits), else the nearest one (0: cache empty)
    /// Similarity of the nearest live entry: 1 for an exact hit, -2 when the cache was empty
    /// or the semantic layer is off.
    float score = -2;
    QString matchedText;
    QString matchedGroup;
    CachedAnswer answer; ///< hits only
    bool falseHit = false; ///< a hit on an entry of a different duplicate group
    /// The query has a group and a live entry of that group was in the cache.
    bool duplicatePresent = false;
    /// The nearest entry has the query's group (false when either has none).
    bool nearestSameGroup = false;

    bool isHit() const { return kind != Kind::Miss; }
};

/// \brief Counters of a SemanticCache; the hit and miss counts add up to lookups.
struct CacheStats
{
    qint64 lookups = 0;
    qint64 exactHits = 0;
    qint64 semanticHits = 0;
    qint64 misses = 0;
    qint64 inserts = 0;
    qint64 evictions = 0;
    qint64 expirations = 0;
    qint64 falseHits = 0; ///< hits whose entry belongs to another duplicate group
    qint64 missedDuplicates = 0; ///< misses while an entry of the query's group was cached
    qint64 rejected = 0; ///< inserts larger than maxBytes on their own

    qint64 hits() const { return exactHits + semanticHits; }
    double hitRate() const { return lookups ? double(hits()) / double(lookups) : 0; }
    double falseHitRate() const { return lookups ? double(falseHits) / double(lookups) : 0; }
};

/// \brief One neighbour of a query, for "try a query".
struct CacheNeighbour
{
    quint64 id = 0;
    float score = 0;
    QString text;
    QString group;
};

/*!
 * \brief A two-layer LLM response cache: exact (normalised text) then semantic (embedding
 * cosine similarity ≥ threshold), with TTL, capacity and O(1)/O(log n) eviction.
 *
 * The caller embeds; the cache takes unit vectors of dimension(). Time comes from the
 * injected Clock, so TTL is deterministic under a ManualClock. Expired entries are purged
 * (in expiry order, O(log n) each) at the start of every lookup and insert.
 */
class SemanticCache
{
public:
    SemanticCache(int dimension, CacheConfig config = {}, Clock *clock = nullptr);
    ~SemanticCache();

    const CacheConfig &config() const { return m_config; }
    int dimension() const { return m_index->dimension(); }
    qsizetype size() const { return qsizetype(m_entries.size()); }
    qint64 bytes() const { return m_bytes; }
    const CacheStats &stats() const { return m_stats; }
    const char *indexKind() const { return m_index->kindName(); }

    /// Looks \a text up; \a vector is its embedding (may be empty when semantic is off);
    /// \a group is its duplicate-group label, when known.
    CacheLookup lookup(const QString &text, std::span<const float> vector, const QString &group = {});
    /// Stores \a answer for \a text (replacing the entry of the same normalised text).
    /// Returns the entry id, 0 when the entry alone is larger than maxBytes.
    quint64 insert(const QString &text, std::span<const float> vector, const CachedAnswer &answer,
                   const QString &group = {});
    /// The \a k nearest live entries of \a vector, best first (does not count as a lookup).
    QList<CacheNeighbour> nearest(std::span<const float> vector, int k);
    /// Drops expired entries now.
    void purgeExpired();
    void clear();

    /// The bytes an entry is charged: its texts (UTF-16), its vector and a fixed overhead.
    qint64 entryBytes(const QString &key, const QString &text, const QString &group,
                      const CachedAnswer &answer) const;

private:
    struct Entry
    {
        quint64 id = 0;
        QString key;
        QString text;
        QString group;
        CachedAnswer answer;
        qint64 bytes = 0;
        qint64 expiresNs = 0; ///< 0: never
        quint64 uses = 0;
        quint64 lastUse = 0;
        std::list<quint64>::iterator order; ///< LRU/FIFO position
    };
    using LfuKey = std::tuple<quint64, quint64, quint64>; ///< uses, lastUse, id

    void touch(Entry &entry);
    void removeEntry(quint64 id);
    void evictOne();
    CacheLookup hit(Entry &entry, CacheLookup::Kind kind, float score, const QString &group,
                    bool duplicatePresent);

    CacheConfig m_config;
    Clock *m_clock;
    std::unique_ptr<VectorIndex> m_index;
    std::unordered_map<quint64, Entry> m_entries;
    QHash<QString, quint64> m_byKey;
    QHash<QString, int> m_groupCount;
    std::list<quint64> m_order; ///< front = next LRU/FIFO victim
    std::set<LfuKey> m_lfu; ///< begin = next LFU victim
    std::set<std::pair<qint64, quint64>> m_expiry; ///< (expiresNs, id)
    quint64 m_nextId = 1;
    quint64 m_useCounter = 0;
    qint64 m_bytes = 0;
    CacheStats m_stats;
};
