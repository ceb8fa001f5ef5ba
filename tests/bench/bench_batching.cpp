// The batching simulator's speed: events per second in each scheduling mode, and how long
// a 64-level sweep takes (the GUI runs sweeps of this size interactively).
//   build/bin/bench_batching
#include "batching/batchsimulator.h"
#include "batching/batchsweep.h"

#include <benchmark/benchmark.h>

namespace {

SimulationConfig base(SchedulingMode mode)
{
    SimulationConfig c;
    c.model = ServiceModel::h100Llama2_7b();
    c.mode = mode;
    c.arrivals = ArrivalPattern::Poisson;
    c.ratePerSecond = 40;
    c.requests = 2000;
    c.promptTokens = 512;
    c.outputTokens = 128;
    c.lengthSpread = 0.5;
    c.policy.maxBatchSize = 32;
    c.policy.maxQueueDelayNs = 10'000'000;
    c.maxSequences = 64;
    c.tokenBudget = 2048;
    return c;
}

void simulate(benchmark::State &state, SchedulingMode mode)
{
    const SimulationConfig c = base(mode);
    qint64 events = 0;
    for (auto _ : state) {
        const SimulationResult r = BatchSimulator::run(c);
        events += r.events;
        benchmark::DoNotOptimize(r.requestsPerSecond);
    }
    state.counters["events/s"] = benchmark::Counter(double(events), benchmark::Counter::kIsRate);
    state.counters["requests/s"]
        = benchmark::Counter(double(state.iterations()) * c.requests, benchmark::Counter::kIsRate);
}

void BM_SimulateRequestLevel(benchmark::State &state)
{
    simulate(state, SchedulingMode::RequestLevel);
}
BENCHMARK(BM_SimulateRequestLevel)->Unit(benchmark::kMillisecond);

void BM_SimulateContinuous(benchmark::State &state)
{
    simulate(state, SchedulingMode::Continuous);
}
BENCHMARK(BM_SimulateContinuous)->Unit(benchmark::kMillisecond);

// 64 levels: max batch 1..64 at one max wait, 1,000 requests each.
void sweep64(benchmark::State &state, SchedulingMode mode)
{
    SimulationConfig c = base(mode);
    c.requests = 1000;
    SweepGrid grid;
    for (int b = 1; b <= 64; ++b)
        grid.maxBatchSizes.append(b);
    for (auto _ : state) {
        const QList<SweepRow> rows = BatchSweep::run(c, grid);
        benchmark::DoNotOptimize(rows.size());
    }
}

void BM_Sweep64RequestLevel(benchmark::State &state)
{
    sweep64(state, SchedulingMode::RequestLevel);
}
BENCHMARK(BM_Sweep64RequestLevel)->Unit(benchmark::kMillisecond);

void BM_Sweep64Continuous(benchmark::State &state)
{
    sweep64(state, SchedulingMode::Continuous);
}
BENCHMARK(BM_Sweep64Continuous)->Unit(benchmark::kMillisecond);

} // namespace

BENCHMARK_MAIN();
