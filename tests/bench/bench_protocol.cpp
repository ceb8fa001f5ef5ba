// Adapter throughput: how many decoded events per second an adapter maps to items.
// Measured without the wire decoder, so the figure is the protocol layer's own cost.

#include "protocol/protocoladapter.h"

#include <benchmark/benchmark.h>

namespace {

QList<WireEvent> openAiEvents(int count)
{
    QList<WireEvent> events;
    for (int i = 0; i < count; ++i) {
        const QByteArray data
            = QByteArrayLiteral(R"({"id":"chatcmpl-bench","object":"chat.completion.chunk",)"
                                R"("created":1700000000,"model":"bench-model","system_fingerprint":"fp_1",)"
                                R"("choices":[{"index":0,"delta":{"content":" token)")
            + QByteArray::number(i) + QByteArrayLiteral(R"("},"logprobs":null,"finish_reason":null}]})");
        events.append(WireEvent { QByteArrayLiteral("message"), data, QByteArray() });
    }
    return events;
}

QList<WireEvent> anthropicEvents(int count)
{
    QList<WireEvent> events;
    for (int i = 0; i < count; ++i) {
        const QByteArray data
            = QByteArrayLiteral(
                  R"({"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":" token)")
            + QByteArray::number(i) + QByteArrayLiteral(R"("}})");
        events.append(WireEvent { QByteArrayLiteral("content_block_delta"), data, QByteArray() });
    }
    return events;
}

void run(benchmark::State &state, Protocol protocol, const QList<WireEvent> &events)
{
    QList<StreamItem> items;
    items.reserve(events.size() * 2);
    for (auto _ : state) {
        // A fresh adapter per pass: one adapter serves one request.
        const auto adapter = ProtocolAdapter::create(protocol);
        items.clear();
        for (const WireEvent &event : events)
            adapter->handleEvent(event, items);
        benchmark::DoNotOptimize(items.data());
    }
    state.SetItemsProcessed(state.iterations() * events.size());
    state.counters["events/s"]
        = benchmark::Counter(double(state.iterations() * events.size()), benchmark::Counter::kIsRate);
}

void BM_OpenAIChatEvents(benchmark::State &state)
{
    run(state, Protocol::OpenAIChat, openAiEvents(int(state.range(0))));
}

void BM_AnthropicEvents(benchmark::State &state)
{
    run(state, Protocol::Anthropic, anthropicEvents(int(state.range(0))));
}

} // namespace

BENCHMARK(BM_OpenAIChatEvents)->Arg(1000);
BENCHMARK(BM_AnthropicEvents)->Arg(1000);

BENCHMARK_MAIN();
