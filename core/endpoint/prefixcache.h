#pragma once

#include <QHash>
#include <QList>
#include <QtGlobal>

#include <list>

// The simulator's own types live in Sim:: so that none can collide with the client's
// (a GenerationRequest or ServerTimings here is not the one in core/protocol).
namespace Sim {

/*!
 * \brief The embedded endpoint's automatic prefix cache, modelled on vLLM's.
 *
 * A prompt's token ids are cut into blocks of blockTokens(); only whole blocks are cached.
 * Each block is known by a chain hash over its own ids and the hash of the block before it,
 * so a block can only hit when every block before it hits too: the cache serves the
 * longest cached prefix, never a piece from the middle. The hash is FNV-1a (64 bits) over the
 * ids as little-endian 32-bit integers, seeded with the previous block's hash, so it is the
 * same on every run and platform.
 *
 * As in vLLM, the prompt's last token is always computed (the first output needs its logits),
 * so a prompt that is entirely cached still reports its last block as uncached when its
 * length is a multiple of the block size.
 *
 * The cache is bounded: it holds at most capacityBlocks() blocks and evicts the least recently
 * used. A request's blocks are refreshed tail first, so that its first block is the most
 * recent: under pressure a prompt loses its ends before its beginning, as vLLM's free-block
 * queue does, and a shared system prompt outlives the different questions after it.
 *
 * Not thread-safe: it lives on the endpoint's thread.
 */
class PrefixCache
{
public:
    /// What a prompt finds in the cache when it is looked up.
    struct Match
    {
        int cachedTokens = 0; ///< served from the cache (whole blocks, never the last token)
        int newTokens = 0; ///< tokens of the prompt's whole blocks the cache does not hold yet
        quint64 epoch = 0; ///< the cache's configuration when looked up (see insert())
    };

    static constexpr int DefaultBlockTokens = 16;

    /// Enables or disables the cache, with its block size and its room in tokens. A new block
    /// size (or disabling) empties it; less room evicts down to the new size.
    void configure(bool enabled, int blockTokens, qint64 capacityTokens);

    bool isEnabled() const { return m_enabled; }
    int blockTokens() const { return m_blockTokens; }
    qint64 capacityBlocks() const { return m_capacityBlocks; }
    /// Blocks held now.
    qsizetype size() const { return m_index.size(); }

    /// The chain hashes of the whole blocks of \a tokenIds (a trailing partial block has none).
    QList<quint64> blockHashes(const QList<int> &tokenIds) const;

    /// Looks up a prompt of \a promptTokens tokens whose whole blocks hash to \a hashes, and
    /// refreshes the blocks it hits. Nothing is cached when the cache is disabled.
    Match lookup(const QList<quint64> &hashes, int promptTokens);

    /// Writes \a hashes (a prompt's whole blocks, after its prefill) into the cache, evicting
    /// the least recently used blocks beyond the capacity. Ignored when disabled, or when the
    /// cache was reconfigured since \a epoch (the hashes were cut for another block size).
    void insert(const QList<quint64> &hashes, quint64 epoch);

    /// Drops every block.
    void clear();

private:
    void touch(quint64 hash);
    void evictBeyond(qint64 blocks);

    bool m_enabled = true;
    int m_blockTokens = DefaultBlockTokens;
    qint64 m_capacityBlocks = 0;
    quint64 m_epoch = 1;
    std::list<quint64> m_lru; // most recently used first
    QHash<quint64, std::list<quint64>::iterator> m_index;
};

} // namespace Sim
