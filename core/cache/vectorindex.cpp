#include "vectorindex.h"

#include <hnswlib/hnswlib.h>

#include <algorithm>
#include <queue>

namespace {

// Eight independent partial sums: a single running sum is one long dependency chain the
// compiler may not reorder (no -ffast-math), eight of them vectorise and pipeline.
float dot(const float *a, const float *b, int n)
{
    float acc[8] = {};
    int i = 0;
    for (; i + 8 <= n; i += 8) {
        for (int k = 0; k < 8; ++k)
            acc[k] += a[i + k] * b[i + k];
    }
    float sum = ((acc[0] + acc[1]) + (acc[2] + acc[3])) + ((acc[4] + acc[5]) + (acc[6] + acc[7]));
    for (; i < n; ++i)
        sum += a[i] * b[i];
    return sum;
}

} // namespace

// ---------------------------------------------------------------------------------------------

ExactIndex::ExactIndex(int dimension)
    : m_dimension(dimension)
{
}

void ExactIndex::add(quint64 id, std::span<const float> vector)
{
    if (qsizetype(vector.size()) != m_dimension)
        return;
    auto it = m_slot.find(id);
    if (it != m_slot.end()) {
        std::copy(vector.begin(), vector.end(), m_data.begin() + ptrdiff_t(it->second * size_t(m_dimension)));
        return;
    }
    m_slot.emplace(id, m_ids.size());
    m_ids.push_back(id);
    m_data.insert(m_data.end(), vector.begin(), vector.end());
}

void ExactIndex::remove(quint64 id)
{
    auto it = m_slot.find(id);
    if (it == m_slot.end())
        return;
    const size_t slot = it->second;
    const size_t last = m_ids.size() - 1;
    if (slot != last) {
        std::copy_n(m_data.begin() + ptrdiff_t(last * size_t(m_dimension)), m_dimension,
                    m_data.begin() + ptrdiff_t(slot * size_t(m_dimension)));
        m_ids[slot] = m_ids[last];
        m_slot[m_ids[slot]] = slot;
    }
    m_ids.pop_back();
    m_data.resize(m_data.size() - size_t(m_dimension));
    m_slot.erase(it);
}

std::vector<VectorMatch> ExactIndex::search(std::span<const float> query, int k) const
{
    std::vector<VectorMatch> result;
    if (k <= 0 || qsizetype(query.size()) != m_dimension || m_ids.empty())
        return result;
    if (k == 1) {
        VectorMatch best;
        for (size_t i = 0; i < m_ids.size(); ++i) {
            const float score = dot(query.data(), m_data.data() + i * size_t(m_dimension), m_dimension);
            if (score > best.score)
                best = { m_ids[i], score };
        }
        result.push_back(best);
        return result;
    }
    // Keep the k best in a min-heap.
    auto worse = [](const VectorMatch &a, const VectorMatch &b) {
        return a.score > b.score;
    };
    std::priority_queue<VectorMatch, std::vector<VectorMatch>, decltype(worse)> heap(worse);
    for (size_t i = 0; i < m_ids.size(); ++i) {
        const float score = dot(query.data(), m_data.data() + i * size_t(m_dimension), m_dimension);
        if (int(heap.size()) < k)
            heap.push({ m_ids[i], score });
        else if (score > heap.top().score) {
            heap.pop();
            heap.push({ m_ids[i], score });
        }
    }
    while (!heap.empty()) {
        result.push_back(heap.top());
        heap.pop();
    }
    std::reverse(result.begin(), result.end());
    return result;
}

void ExactIndex::clear()
{
    m_data.clear();
    m_ids.clear();
    m_slot.clear();
}

std::span<const float> ExactIndex::vectorOf(quint64 id) const
{
    auto it = m_slot.find(id);
    if (it == m_slot.end())
        return {};
    return { m_data.data() + it->second * size_t(m_dimension), size_t(m_dimension) };
}

// ---------------------------------------------------------------------------------------------

HnswIndex::HnswIndex(int dimension, Parameters parameters, size_t initialCapacity)
    : m_dimension(dimension)
    , m_parameters(parameters)
    , m_space(std::make_unique<hnswlib::InnerProductSpace>(size_t(dimension)))
{
    create(std::max<size_t>(16, initialCapacity));
}

HnswIndex::~HnswIndex() = default;

void HnswIndex::create(size_t capacity)
{
    m_graph = std::make_unique<hnswlib::HierarchicalNSW<float>>(
        m_space.get(), capacity, size_t(m_parameters.m), size_t(m_parameters.efConstruction), 100);
    m_graph->setEf(size_t(m_parameters.efSearch));
    m_present.clear();
    m_live = 0;
    m_deleted = 0;
}

void HnswIndex::add(quint64 id, std::span<const float> vector)
{
    if (qsizetype(vector.size()) != m_dimension)
        return;
    auto it = m_present.find(id);
    if (it == m_present.end() && m_graph->cur_element_count >= m_graph->max_elements_)
        m_graph->resizeIndex(m_graph->max_elements_ * 2);
    // An existing label (live or deleted) is updated in place and revived by hnswlib.
    m_graph->addPoint(vector.data(), size_t(id));
    if (it == m_present.end()) {
        m_present.emplace(id, true);
        ++m_live;
    } else if (!it->second) {
        it->second = true;
        ++m_live;
        --m_deleted;
    }
}

void HnswIndex::remove(quint64 id)
{
    auto it = m_present.find(id);
    if (it == m_present.end() || !it->second)
        return;
    m_graph->markDelete(size_t(id));
    it->second = false;
    --m_live;
    ++m_deleted;
}

std::vector<VectorMatch> HnswIndex::search(std::span<const float> query, int k) const
{
    std::vector<VectorMatch> result;
    if (k <= 0 || m_live == 0 || qsizetype(query.size()) != m_dimension)
        return result;
    auto heap = m_graph->searchKnn(query.data(), size_t(std::min<qsizetype>(k, m_live)));
    while (!heap.empty()) {
        // InnerProductSpace's distance is 1 - dot.
        result.push_back({ quint64(heap.top().second), 1.0f - heap.top().first });
        heap.pop();
    }
    std::reverse(result.begin(), result.end());
    return result;
}

void HnswIndex::clear()
{
    create(1024);
}

// ---------------------------------------------------------------------------------------------

AutoIndex::AutoIndex(int dimension, qsizetype switchSize)
    : m_exact(dimension)
    , m_switchSize(std::max<qsizetype>(2, switchSize))
{
}

AutoIndex::~AutoIndex() = default;

void AutoIndex::add(quint64 id, std::span<const float> vector)
{
    m_exact.add(id, vector);
    if (m_hnsw) {
        m_hnsw->add(id, vector);
    } else if (m_exact.size() >= m_switchSize) {
        // Build the graph once, from every vector held.
        rebuildGraph();
    }
}

void AutoIndex::rebuildGraph()
{
    m_hnsw = std::make_unique<HnswIndex>(dimension(), HnswIndex::Parameters {},
                                         size_t(std::max(m_switchSize, m_exact.size()) * 2));
    for (quint64 id : m_exact.ids())
        m_hnsw->add(id, m_exact.vectorOf(id));
}

void AutoIndex::remove(quint64 id)
{
    m_exact.remove(id);
    if (m_hnsw) {
        m_hnsw->remove(id);
        if (m_exact.size() < m_switchSize / 2)
            m_hnsw.reset();
        else if (m_hnsw->deletedCount() > m_exact.size())
            rebuildGraph(); // amortised: one rebuild per size() deletions
    }
}

std::vector<VectorMatch> AutoIndex::search(std::span<const float> query, int k) const
{
    return m_hnsw ? m_hnsw->search(query, k) : m_exact.search(query, k);
}

void AutoIndex::clear()
{
    m_exact.clear();
    m_hnsw.reset();
}
