#pragma once

#include <QtGlobal>

#include <memory>
#include <span>
#include <unordered_map>
#include <vector>

namespace hnswlib {
template<typename T> class HierarchicalNSW;
class InnerProductSpace;
} // namespace hnswlib

/// \brief One search result: an entry id and its cosine similarity (vectors are unit length).
struct VectorMatch
{
    quint64 id = 0;
    float score = -2;
};

/*!
 * \brief Nearest-neighbour search over unit vectors by inner product (= cosine similarity).
 */
class VectorIndex
{
public:
    virtual ~VectorIndex() = default;
    virtual int dimension() const = 0;
    virtual qsizetype size() const = 0;
    /// Adds (or replaces) the vector of \a id.
    virtual void add(quint64 id, std::span<const float> vector) = 0;
    virtual void remove(quint64 id) = 0;
    /// Up to \a k nearest entries, best first.
    virtual std::vector<VectorMatch> search(std::span<const float> query, int k) const = 0;
    virtual void clear() = 0;
    virtual const char *kindName() const = 0;
};

/*!
 * \brief Brute-force search: every vector in one contiguous float array, a dot product each.
 * Removal swaps the last vector into the hole (O(dimension)).
 */
class ExactIndex final : public VectorIndex
{
public:
    explicit ExactIndex(int dimension);
    int dimension() const override { return m_dimension; }
    qsizetype size() const override { return qsizetype(m_ids.size()); }
    void add(quint64 id, std::span<const float> vector) override;
    void remove(quint64 id) override;
    std::vector<VectorMatch> search(std::span<const float> query, int k) const override;
    void clear() override;
    const char *kindName() const override { return "exact"; }
    /// The stored vector of \a id (empty when absent).
    std::span<const float> vectorOf(quint64 id) const;
    const std::vector<quint64> &ids() const { return m_ids; }

private:
    int m_dimension;
    std::vector<float> m_data;
    std::vector<quint64> m_ids;
    std::unordered_map<quint64, size_t> m_slot;
};

/// \brief HNSW graph settings (hnswlib's M, ef_construction and ef).
struct HnswParameters
{
    int m = 16;
    int efConstruction = 100;
    int efSearch = 64;
};

/*!
 * \brief Approximate search with hnswlib's HNSW graph (InnerProductSpace). Deletion marks
 * the element deleted (markDelete); Debian's hnswlib 0.6.2 cannot reuse deleted slots, so
 * deletedCount() grows until the owner rebuilds (AutoIndex does, once deleted > live).
 */
class HnswIndex final : public VectorIndex
{
public:
    using Parameters = HnswParameters;
    explicit HnswIndex(int dimension, Parameters parameters = HnswParameters(),
                       size_t initialCapacity = 1024);
    ~HnswIndex() override;
    int dimension() const override { return m_dimension; }
    qsizetype size() const override { return m_live; }
    void add(quint64 id, std::span<const float> vector) override;
    void remove(quint64 id) override;
    std::vector<VectorMatch> search(std::span<const float> query, int k) const override;
    void clear() override;
    const char *kindName() const override { return "hnsw"; }
    qsizetype deletedCount() const { return m_deleted; }

private:
    void create(size_t capacity);

    int m_dimension;
    Parameters m_parameters;
    std::unique_ptr<hnswlib::InnerProductSpace> m_space;
    std::unique_ptr<hnswlib::HierarchicalNSW<float>> m_graph;
    std::unordered_map<quint64, bool> m_present; ///< label → live (false: marked deleted)
    qsizetype m_live = 0;
    qsizetype m_deleted = 0;
};

/*!
 * \brief Exact search while small, HNSW from switchSize entries on. Moves back to exact
 * search when it shrinks below half of switchSize.
 *
 * The switch is measured (tests/bench/bench_cache.cpp, 256 dimensions, p50 per lookup):
 * at 1,000 entries exact search takes 23 µs and HNSW 35 µs; at 2,000, 62 µs against 46 µs;
 * at 10,000, 370 µs against 77 µs. Below 2,000 brute force is faster and exact.
 */
class AutoIndex final : public VectorIndex
{
public:
    static constexpr qsizetype DefaultSwitchSize = 2000;
    explicit AutoIndex(int dimension, qsizetype switchSize = DefaultSwitchSize);
    ~AutoIndex() override;
    int dimension() const override { return m_exact.dimension(); }
    qsizetype size() const override { return m_exact.size(); }
    void add(quint64 id, std::span<const float> vector) override;
    void remove(quint64 id) override;
    std::vector<VectorMatch> search(std::span<const float> query, int k) const override;
    void clear() override;
    const char *kindName() const override { return m_hnsw ? "hnsw" : "exact"; }

private:
    void rebuildGraph();
    // The exact index keeps every vector (the source of truth, and what the HNSW graph is
    // rebuilt from); the graph only answers searches when the cache is large.
    ExactIndex m_exact;
    std::unique_ptr<HnswIndex> m_hnsw;
    qsizetype m_switchSize;
};
