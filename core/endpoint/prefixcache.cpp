#include "prefixcache.h"

#include <algorithm>

namespace Sim {

namespace {

constexpr quint64 FnvOffset = 0xcbf29ce484222325ULL;
constexpr quint64 FnvPrime = 0x100000001b3ULL;

quint64 mixByte(quint64 hash, quint8 byte)
{
    return (hash ^ byte) * FnvPrime;
}

quint64 mixWord(quint64 hash, quint32 word)
{
    for (int shift = 0; shift < 32; shift += 8)
        hash = mixByte(hash, quint8(word >> shift));
    return hash;
}

} // namespace

void PrefixCache::configure(bool enabled, int blockTokens, qint64 capacityTokens)
{
    const int block = std::max(1, blockTokens);
    if (enabled != m_enabled || block != m_blockTokens) {
        clear();
        ++m_epoch; // lookups made before this cannot write their blocks any more
    }
    m_enabled = enabled;
    m_blockTokens = block;
    m_capacityBlocks = std::max<qint64>(0, capacityTokens) / block;
    evictBeyond(m_capacityBlocks);
}

QList<quint64> PrefixCache::blockHashes(const QList<int> &tokenIds) const
{
    QList<quint64> hashes;
    const qsizetype blocks = tokenIds.size() / m_blockTokens;
    hashes.reserve(blocks);
    // The root differs per block size, so that no hash means two different blocks.
    quint64 parent = mixWord(FnvOffset, quint32(m_blockTokens));
    for (qsizetype b = 0; b < blocks; ++b) {
        quint64 hash = parent;
        for (int i = 0; i < m_blockTokens; ++i)
            hash = mixWord(hash, quint32(tokenIds.at(b * m_blockTokens + i)));
        hashes.append(hash);
        parent = hash;
    }
    return hashes;
}

PrefixCache::Match PrefixCache::lookup(const QList<quint64> &hashes, int promptTokens)
{
    Match match;
    match.epoch = m_epoch;
    if (!m_enabled)
        return match;
    qsizetype present = 0;
    while (present < hashes.size() && m_index.contains(hashes.at(present)))
        ++present;
    // The last prompt token is always computed: at most (promptTokens - 1) / block blocks hit.
    const qsizetype limit = promptTokens > 0 ? (promptTokens - 1) / m_blockTokens : 0;
    const qsizetype hits = std::min(present, limit);
    for (qsizetype b = hits - 1; b >= 0; --b)
        touch(hashes.at(b));
    match.cachedTokens = int(hits * m_blockTokens);
    // What its prefill will write (nothing when the cache has no room at all).
    if (m_capacityBlocks > 0)
        match.newTokens = int((hashes.size() - present) * m_blockTokens);
    return match;
}

void PrefixCache::insert(const QList<quint64> &hashes, quint64 epoch)
{
    if (!m_enabled || epoch != m_epoch || m_capacityBlocks <= 0)
        return;
    // Tail first: the prompt's first block ends up the most recently used.
    for (qsizetype b = hashes.size() - 1; b >= 0; --b) {
        const quint64 hash = hashes.at(b);
        if (m_index.contains(hash)) {
            touch(hash);
            continue;
        }
        m_lru.push_front(hash);
        m_index.insert(hash, m_lru.begin());
        evictBeyond(m_capacityBlocks);
    }
}

void PrefixCache::clear()
{
    m_lru.clear();
    m_index.clear();
}

void PrefixCache::touch(quint64 hash)
{
    const auto it = m_index.constFind(hash);
    if (it == m_index.constEnd())
        return;
    m_lru.splice(m_lru.begin(), m_lru, it.value());
}

void PrefixCache::evictBeyond(qint64 blocks)
{
    while (qint64(m_index.size()) > blocks && !m_lru.empty()) {
        m_index.remove(m_lru.back());
        m_lru.pop_back();
    }
}

} // namespace Sim
