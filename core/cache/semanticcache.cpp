#include "semanticcache.h"

#include "common/clock.h"
#include "sim/textnormalizer.h"

namespace EvictionPolicies {

QString name(EvictionPolicy policy)
{
    switch (policy) {
    case EvictionPolicy::Lru:
        return QStringLiteral("lru");
    case EvictionPolicy::Lfu:
        return QStringLiteral("lfu");
    case EvictionPolicy::Fifo:
        return QStringLiteral("fifo");
    }
    return {};
}

std::optional<EvictionPolicy> fromName(QStringView name)
{
    for (EvictionPolicy policy : { EvictionPolicy::Lru, EvictionPolicy::Lfu, EvictionPolicy::Fifo }) {
        if (name.compare(EvictionPolicies::name(policy), Qt::CaseInsensitive) == 0)
            return policy;
    }
    return std::nullopt;
}

} // namespace EvictionPolicies

SemanticCache::SemanticCache(int dimension, CacheConfig config, Clock *clock)
    : m_config(config)
    , m_clock(clock ? clock : Clock::system())
    , m_index(std::make_unique<AutoIndex>(dimension, config.indexSwitchSize))
{
}

SemanticCache::~SemanticCache() = default;

qint64 SemanticCache::entryBytes(const QString &key, const QString &text, const QString &group,
                                 const CachedAnswer &answer) const
{
    constexpr qint64 overhead = 160; // the entry's bookkeeping in the maps, lists and index
    return 2 * qint64(key.size() + text.size() + group.size() + answer.text.size())
        + qint64(sizeof(float)) * dimension() + overhead;
}

void SemanticCache::purgeExpired()
{
    if (m_expiry.empty())
        return;
    const qint64 now = m_clock->nowNs();
    while (!m_expiry.empty() && m_expiry.begin()->first <= now) {
        const quint64 id = m_expiry.begin()->second;
        removeEntry(id);
        ++m_stats.expirations;
    }
}

CacheLookup SemanticCache::lookup(const QString &text, std::span<const float> vector, const QString &group)
{
    purgeExpired();
    ++m_stats.lookups;
    const bool duplicatePresent = !group.isEmpty() && m_groupCount.value(group) > 0;

    const QString key = TextNormalizer::normalize(text);
    if (auto it = m_byKey.constFind(key); it != m_byKey.cend()) {
        Entry &entry = m_entries.at(it.value());
        return hit(entry, CacheLookup::Kind::ExactHit, 1.0f, group, duplicatePresent);
    }

    CacheLookup result;
    result.duplicatePresent = duplicatePresent;
    if (m_config.semantic && qsizetype(vector.size()) == dimension() && m_index->size() > 0) {
        const auto matches = m_index->search(vector, 1);
        if (!matches.empty()) {
            const VectorMatch best = matches.front();
            auto found = m_entries.find(best.id);
            if (found != m_entries.end()) {
                if (best.score >= float(m_config.threshold))
                    return hit(found->second, CacheLookup::Kind::SemanticHit, best.score, group,
                               duplicatePresent);
                result.entryId = best.id;
                result.score = best.score;
                result.matchedText = found->second.text;
                result.matchedGroup = found->second.group;
                result.nearestSameGroup = !group.isEmpty() && found->second.group == group;
            }
        }
    }
    ++m_stats.misses;
    if (duplicatePresent)
        ++m_stats.missedDuplicates;
    return result;
}

CacheLookup SemanticCache::hit(Entry &entry, CacheLookup::Kind kind, float score, const QString &group,
                               bool duplicatePresent)
{
    CacheLookup result;
    result.kind = kind;
    result.entryId = entry.id;
    result.score = score;
    result.matchedText = entry.text;
    result.matchedGroup = entry.group;
    result.answer = entry.answer;
    result.duplicatePresent = duplicatePresent;
    result.nearestSameGroup = !group.isEmpty() && entry.group == group;
    result.falseHit = !group.isEmpty() && !entry.group.isEmpty() && entry.group != group;
    if (kind == CacheLookup::Kind::ExactHit)
        ++m_stats.exactHits;
    else
        ++m_stats.semanticHits;
    if (result.falseHit)
        ++m_stats.falseHits;
    touch(entry);
    return result;
}

void SemanticCache::touch(Entry &entry)
{
    if (m_config.policy == EvictionPolicy::Lfu)
        m_lfu.erase({ entry.uses, entry.lastUse, entry.id });
    ++entry.uses;
    entry.lastUse = ++m_useCounter;
    switch (m_config.policy) {
    case EvictionPolicy::Lru:
        m_order.splice(m_order.end(), m_order, entry.order);
        break;
    case EvictionPolicy::Lfu:
        m_lfu.insert({ entry.uses, entry.lastUse, entry.id });
        break;
    case EvictionPolicy::Fifo:
        break;
    }
    if (m_config.ttlMode == TtlMode::Sliding && entry.expiresNs > 0) {
        m_expiry.erase({ entry.expiresNs, entry.id });
        entry.expiresNs = m_clock->nowNs() + m_config.ttlNs;
        m_expiry.insert({ entry.expiresNs, entry.id });
    }
}

quint64 SemanticCache::insert(const QString &text, std::span<const float> vector, const CachedAnswer &answer,
                              const QString &group)
{
    purgeExpired();
    const QString key = TextNormalizer::normalize(text);
    const qint64 bytes = entryBytes(key, text, group, answer);
    if (m_config.maxBytes > 0 && bytes > m_config.maxBytes) {
        ++m_stats.rejected;
        return 0;
    }
    if (auto it = m_byKey.constFind(key); it != m_byKey.cend())
        removeEntry(it.value()); // a fresh answer replaces the old one (not an eviction)
    // Make room first: under LFU the newcomer has the lowest count and would leave at once.
    while (!m_entries.empty()
           && ((m_config.maxEntries > 0 && size() >= m_config.maxEntries)
               || (m_config.maxBytes > 0 && m_bytes + bytes > m_config.maxBytes)))
        evictOne();

    const quint64 id = m_nextId++;
    Entry entry;
    entry.id = id;
    entry.key = key;
    entry.text = text;
    entry.group = group;
    entry.answer = answer;
    entry.bytes = bytes;
    entry.uses = 1;
    entry.lastUse = ++m_useCounter;
    if (m_config.ttlNs > 0) {
        entry.expiresNs = m_clock->nowNs() + m_config.ttlNs;
        m_expiry.insert({ entry.expiresNs, id });
    }
    entry.order = m_order.insert(m_order.end(), id);
    if (m_config.policy == EvictionPolicy::Lfu)
        m_lfu.insert({ entry.uses, entry.lastUse, id });
    m_byKey.insert(key, id);
    if (!group.isEmpty())
        ++m_groupCount[group];
    if (qsizetype(vector.size()) == dimension())
        m_index->add(id, vector);
    m_bytes += bytes;
    m_entries.emplace(id, std::move(entry));
    ++m_stats.inserts;
    return id;
}

void SemanticCache::evictOne()
{
    const quint64 victim
        = m_config.policy == EvictionPolicy::Lfu ? std::get<2>(*m_lfu.begin()) : m_order.front();
    removeEntry(victim);
    ++m_stats.evictions;
}

void SemanticCache::removeEntry(quint64 id)
{
    auto it = m_entries.find(id);
    if (it == m_entries.end())
        return;
    Entry &entry = it->second;
    m_order.erase(entry.order);
    if (m_config.policy == EvictionPolicy::Lfu)
        m_lfu.erase({ entry.uses, entry.lastUse, id });
    if (entry.expiresNs > 0)
        m_expiry.erase({ entry.expiresNs, id });
    m_byKey.remove(entry.key);
    if (!entry.group.isEmpty()) {
        auto group = m_groupCount.find(entry.group);
        if (group != m_groupCount.end() && --group.value() <= 0)
            m_groupCount.erase(group);
    }
    m_index->remove(id);
    m_bytes -= entry.bytes;
    m_entries.erase(it);
}

QList<CacheNeighbour> SemanticCache::nearest(std::span<const float> vector, int k)
{
    purgeExpired();
    QList<CacheNeighbour> result;
    for (const VectorMatch &match : m_index->search(vector, k)) {
        auto it = m_entries.find(match.id);
        if (it != m_entries.end())
            result.append({ match.id, match.score, it->second.text, it->second.group });
    }
    return result;
}

void SemanticCache::clear()
{
    m_entries.clear();
    m_byKey.clear();
    m_groupCount.clear();
    m_order.clear();
    m_lfu.clear();
    m_expiry.clear();
    m_index->clear();
    m_bytes = 0;
    m_stats = {};
}
