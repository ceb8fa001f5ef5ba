// The run history's costs: what writing one finished request adds to a run (it happens on
// the thread that measures, once per request), and how long reopening a run takes.
#include "storage/historystore.h"

#include <benchmark/benchmark.h>

#include <QCoreApplication>
#include <QTemporaryDir>

namespace {

// A streamed answer of \a tokens chunks, shaped like the client's traces.
RequestRecord record(int index, int tokens)
{
    RequestRecord r;
    r.index = index;
    RequestTrace &t = r.trace;
    t.id = quint64(index + 1);
    t.endpointName = QStringLiteral("bench");
    t.model = QStringLiteral("m");
    t.url = QStringLiteral("http://127.0.0.1:8000/v1/chat/completions");
    const qint64 start = 1'000'000'000'000 + qint64(index) * 50'000'000;
    t.startNs = start;
    t.requestSentNs = start + 200'000;
    t.headersNs = start + 5'000'000;
    t.firstBodyByteNs = start + 5'100'000;
    qint64 at = start + 30'000'000;
    t.firstTokenNs = at;
    t.firstAnswerTokenNs = at;
    for (int i = 0; i < tokens; ++i) {
        const QString piece = (i % 3 == 0) ? QStringLiteral("模型") : QStringLiteral(" token");
        t.chunks.append({ at, piece, 1, false, false });
        t.text += piece;
        at += 12'000'000;
    }
    t.lastTokenNs = at - 12'000'000;
    t.endNs = at;
    t.httpStatus = 200;
    t.usage.promptTokens = 120;
    t.usage.completionTokens = tokens;
    r.metrics = Metrics::compute(t);
    return r;
}

LoadConfig config()
{
    LoadConfig c;
    c.endpoint.name = QStringLiteral("bench");
    c.endpoint.baseUrl = QUrl(QStringLiteral("http://127.0.0.1:8000/v1"));
    c.endpoint.apiKey = QStringLiteral("sk-bench-key-123456");
    return c;
}

// One request written to a WAL database on disk (synchronous=NORMAL), per token count.
void BM_AppendRequest(benchmark::State &state)
{
    QTemporaryDir dir;
    HistoryStore store;
    if (!store.open(dir.filePath(QStringLiteral("h.sqlite")))) {
        state.SkipWithError("cannot open the history");
        return;
    }
    const qint64 id = store.beginRun(config());
    const RequestRecord r = record(0, int(state.range(0)));
    for (auto _ : state) {
        if (!store.appendRequest(id, r))
            state.SkipWithError("append failed");
    }
    store.finishRun(id, RunStatus::Finished);
    state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_AppendRequest)->Arg(16)->Arg(256)->Arg(2048)->Unit(benchmark::kMicrosecond);

// Reopening a run of N requests of 256 tokens: decode, metrics, summary.
void BM_LoadRun(benchmark::State &state)
{
    QTemporaryDir dir;
    HistoryStore store;
    if (!store.open(dir.filePath(QStringLiteral("h.sqlite")))) {
        state.SkipWithError("cannot open the history");
        return;
    }
    ImportedRun run;
    for (int i = 0; i < state.range(0); ++i)
        run.records.append(record(i, 256));
    const qint64 id = store.importRun(run);
    if (id < 0) {
        state.SkipWithError("import failed");
        return;
    }
    for (auto _ : state) {
        const auto loaded = store.loadRun(id);
        if (!loaded || loaded->records.size() != state.range(0))
            state.SkipWithError("load failed");
        benchmark::DoNotOptimize(loaded);
    }
    state.SetItemsProcessed(state.iterations() * state.range(0));
}
BENCHMARK(BM_LoadRun)->Arg(100)->Arg(1000)->Unit(benchmark::kMillisecond);

// The History panel's list: 2000 runs, filtered by tag.
void BM_ListRuns(benchmark::State &state)
{
    QTemporaryDir dir;
    HistoryStore store;
    if (!store.open(dir.filePath(QStringLiteral("h.sqlite")))) {
        state.SkipWithError("cannot open the history");
        return;
    }
    ImportedRun run;
    run.settings = RunSettings::fromConfig(config(), RunSettings::Detail::History);
    run.records = { record(0, 16) };
    for (int i = 0; i < 2000; ++i)
        store.importRun(run, { i % 10 == 0 ? QStringLiteral("tenth") : QStringLiteral("other") });
    HistoryFilter filter;
    if (state.range(0))
        filter.tag = QStringLiteral("tenth");
    for (auto _ : state) {
        const auto runs = store.listRuns(filter);
        benchmark::DoNotOptimize(runs);
    }
}
BENCHMARK(BM_ListRuns)->Arg(0)->Arg(1)->Unit(benchmark::kMillisecond);

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv); // Qt SQL wants an application object
    benchmark::Initialize(&argc, argv);
    benchmark::RunSpecifiedBenchmarks();
    benchmark::Shutdown();
    return 0;
}
