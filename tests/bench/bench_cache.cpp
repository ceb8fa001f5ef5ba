// The semantic cache's costs: lookup latency at 1k / 10k / 100k entries with exact search and
// with HNSW (p50 and p99 reported as counters, target p99 <= 1 ms at 100k), where the switch
// from exact to HNSW pays, embedding speed, and whole-trace replay throughput.
#include "cache/cachesimulator.h"
#include "cache/querytrace.h"
#include "cache/semanticcache.h"
#include "cache/vectorindex.h"
#include "sim/hashingembedder.h"

#include <benchmark/benchmark.h>

#include <QString>

#include <algorithm>
#include <chrono>
#include <ctime>
#include <map>
#include <memory>
#include <random>
#include <string>
#include <vector>

namespace {

constexpr int Dimension = HashingEmbedder::DefaultDimension;

// Synthetic questions shaped like the sample trace: a few topic words, bilingual.
const char16_t *const Words[] = {
    u"python",  u"java",  u"rust",   u"learn",  u"install",  u"error",    u"memory",   u"cache",
    u"latency", u"model", u"token",  u"server", u"docker",   u"network",  u"database", u"index",
    u"query",   u"train", u"deploy", u"gpu",    u"机器学习", u"深度学习", u"怎么",     u"安装",
    u"错误",    u"内存",  u"缓存",   u"延迟",   u"模型",     u"服务器",   u"数据库",   u"索引",
    u"查询",    u"训练",  u"部署",   u"显卡",   u"天气",     u"旅游",     u"北京",     u"上海",
};

QString syntheticQuestion(std::mt19937 &rng, int serial)
{
    std::uniform_int_distribution<int> pick(0, int(std::size(Words)) - 1);
    QString text;
    for (int k = 0; k < 4; ++k)
        text += QString::fromUtf16(Words[pick(rng)]) + u' ';
    return text + QString::number(serial); // unique, as distinct user questions are
}

struct Corpus
{
    std::vector<std::vector<float>> vectors;
    std::vector<std::vector<float>> queries;
};

const Corpus &corpus(int size)
{
    static std::map<int, std::unique_ptr<Corpus>> cache;
    auto &slot = cache[size];
    if (!slot) {
        slot = std::make_unique<Corpus>();
        std::mt19937 rng(1234);
        const HashingEmbedder embedder;
        for (int i = 0; i < size; ++i) {
            const QList<float> v = embedder.embed(syntheticQuestion(rng, i));
            slot->vectors.emplace_back(v.begin(), v.end());
        }
        for (int i = 0; i < 1000; ++i) {
            const QList<float> v = embedder.embed(syntheticQuestion(rng, size + i));
            slot->queries.emplace_back(v.begin(), v.end());
        }
    }
    return *slot;
}

template<typename Index> Index &filledIndex(int size)
{
    static std::map<int, std::unique_ptr<Index>> cache;
    auto &slot = cache[size];
    if (!slot) {
        if constexpr (std::is_same_v<Index, HnswIndex>)
            slot = std::make_unique<Index>(Dimension, HnswParameters(), size_t(size));
        else
            slot = std::make_unique<Index>(Dimension);
        const Corpus &c = corpus(size);
        for (int i = 0; i < size; ++i)
            slot->add(quint64(i + 1), c.vectors.at(size_t(i)));
    }
    return *slot;
}

/// This thread's CPU time: unlike wall time it leaves out the time the scheduler gave to other
/// processes, so its p99 shows the search's own tail on a shared machine.
double threadCpuNs()
{
    timespec ts {};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return double(ts.tv_sec) * 1e9 + double(ts.tv_nsec);
}

/// Wall and CPU time of each timed call.
struct CallTimes
{
    std::vector<double> wall;
    std::vector<double> cpu;
    double cpuStart = 0;
    std::chrono::steady_clock::time_point wallStart;

    void start()
    {
        cpuStart = threadCpuNs();
        wallStart = std::chrono::steady_clock::now();
    }
    void stop()
    {
        wall.push_back(double(
            std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::steady_clock::now() - wallStart)
                .count()));
        cpu.push_back(threadCpuNs() - cpuStart);
    }
};

/// Nearest-rank percentiles (p50, p99, max) in µs, as counters named with \a prefix.
void reportPercentiles(benchmark::State &state, std::vector<double> &ns, const std::string &prefix)
{
    if (ns.empty())
        return;
    std::sort(ns.begin(), ns.end());
    auto at = [&ns](double p) {
        return ns.at(std::min(ns.size() - 1, size_t(p * double(ns.size() - 1) + 0.5))) / 1000.0;
    };
    state.counters[prefix + "p50_us"] = at(0.50);
    state.counters[prefix + "p99_us"] = at(0.99);
    state.counters[prefix + "max_us"] = ns.back() / 1000.0;
}

void reportPercentiles(benchmark::State &state, CallTimes &times)
{
    reportPercentiles(state, times.wall, {});
    reportPercentiles(state, times.cpu, "cpu_");
}

template<typename Index> void lookup(benchmark::State &state)
{
    const int size = int(state.range(0));
    const Index &index = filledIndex<Index>(size);
    const Corpus &c = corpus(size);
    CallTimes times;
    size_t q = 0;
    for (auto _ : state) {
        times.start();
        auto result = index.search(c.queries.at(q++ % c.queries.size()), 1);
        benchmark::DoNotOptimize(result);
        times.stop();
    }
    reportPercentiles(state, times);
}

void BM_LookupExact(benchmark::State &state)
{
    lookup<ExactIndex>(state);
}

void BM_LookupHnsw(benchmark::State &state)
{
    lookup<HnswIndex>(state);
    // How often HNSW's nearest is the true nearest, on the same queries.
    const int size = int(state.range(0));
    const Corpus &c = corpus(size);
    const ExactIndex &exact = filledIndex<ExactIndex>(size);
    const HnswIndex &hnsw = filledIndex<HnswIndex>(size);
    int agree = 0;
    for (int i = 0; i < 200; ++i) {
        const auto &query = c.queries.at(size_t(i));
        agree += exact.search(query, 1).front().id == hnsw.search(query, 1).front().id ? 1 : 0;
    }
    state.counters["recall_at_1"] = agree / 200.0;
}

// A whole cache lookup (normalise, exact layer, AutoIndex) with the embedding done beforehand.
void BM_CacheLookup(benchmark::State &state)
{
    const int size = int(state.range(0));
    static std::map<int, std::unique_ptr<SemanticCache>> caches;
    auto &cache = caches[size];
    if (!cache) {
        cache = std::make_unique<SemanticCache>(Dimension);
        std::mt19937 rng(99);
        const Corpus &c = corpus(size);
        for (int i = 0; i < size; ++i)
            cache->insert(QStringLiteral("entry %1").arg(i), c.vectors.at(size_t(i)),
                          CachedAnswer { QStringLiteral("answer"), 10, 100, 1000 });
    }
    const Corpus &c = corpus(size);
    CallTimes times;
    size_t q = 0;
    const QString text = QStringLiteral("  What is the QUERY text？ ");
    for (auto _ : state) {
        times.start();
        auto result = cache->lookup(text, c.queries.at(q++ % c.queries.size()));
        benchmark::DoNotOptimize(result);
        times.stop();
    }
    reportPercentiles(state, times);
    state.counters["index_is_hnsw"] = QByteArray(cache->indexKind()) == "hnsw" ? 1 : 0;
}

void BM_Embed(benchmark::State &state)
{
    const HashingEmbedder embedder;
    const QString texts[]
        = { QStringLiteral("什么是机器学习?"), QStringLiteral("How do I reverse a list in Python?"),
            QStringLiteral("北京今天天气怎么样？适合出去玩吗"),
            QStringLiteral("explain self-attention in transformers") };
    size_t i = 0;
    for (auto _ : state) {
        auto v = embedder.embed(texts[i++ % 4]);
        benchmark::DoNotOptimize(v);
    }
    state.SetItemsProcessed(state.iterations());
}

// The sample trace end to end offline: embed every query, replay through the cache.
void BM_ReplaySample(benchmark::State &state)
{
    const QueryTrace trace = QueryTraceReader::sample();
    const HashingEmbedder embedder;
    CacheSimConfig config;
    for (auto _ : state) {
        QList<QList<float>> vectors;
        vectors.reserve(trace.queries.size());
        for (const TraceQuery &q : trace.queries)
            vectors.append(embedder.embed(q.text));
        const CacheReport report = CacheSimulator::replay(trace, vectors, Dimension, config);
        benchmark::DoNotOptimize(report.stats.lookups);
    }
    state.SetItemsProcessed(state.iterations() * trace.queries.size());
}

// Replay throughput at scale: 100k synthetic queries, half of them repeats, through a cache
// capped at 20k entries (evicting all the time).
void BM_ReplayLarge(benchmark::State &state)
{
    const Corpus &c = corpus(50000);
    std::mt19937 rng(5);
    std::uniform_int_distribution<int> pick(0, 49999);
    std::vector<int> order;
    for (int i = 0; i < 100000; ++i)
        order.push_back(i < 50000 ? i : pick(rng));
    std::shuffle(order.begin(), order.end(), rng);
    CacheConfig config;
    config.maxEntries = 20000;
    for (auto _ : state) {
        SemanticCache cache(Dimension, config);
        for (int i : order) {
            const QString key = QString::number(i);
            if (!cache.lookup(key, c.vectors.at(size_t(i))).isHit())
                cache.insert(key, c.vectors.at(size_t(i)), CachedAnswer {});
        }
        state.counters["hit_rate"] = cache.stats().hitRate();
    }
    state.SetItemsProcessed(state.iterations() * qint64(order.size()));
}

} // namespace

BENCHMARK(BM_LookupExact)
    ->Arg(1000)
    ->Arg(2000)
    ->Arg(4000)
    ->Arg(10000)
    ->Arg(100000)
    ->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_LookupHnsw)
    ->Arg(1000)
    ->Arg(2000)
    ->Arg(4000)
    ->Arg(10000)
    ->Arg(100000)
    ->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_CacheLookup)->Arg(1000)->Arg(10000)->Arg(100000)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_Embed)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_ReplaySample)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_ReplayLarge)->Unit(benchmark::kMillisecond)->Iterations(1);

BENCHMARK_MAIN();
