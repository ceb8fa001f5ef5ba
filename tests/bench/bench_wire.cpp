// Throughput of the wire decoders on bodies shaped like what LLM servers stream.
#include "wire/ndjsondecoder.h"
#include "wire/ssedecoder.h"

#include <benchmark/benchmark.h>

#include <QByteArray>
#include <QList>

namespace {

constexpr int EventCount = 5000;

// Deltas the size real tokenizers produce, mixing CJK and Latin text as bilingual chats do.
const char *const Deltas[] = {
    "Hello", " world", "你好", "，", "世界", " the", " model", "模型", "的", " latency",
    " is", "延迟", "是", " measured", "在", " tokens", "每秒", " per", " second", "。",
    "🙂", " streaming", "流式", "输出", " fine", "-tuned", "参数", " and", "以及", "\\n",
};

QByteArray openAiChatStream()
{
    QByteArray body;
    body.reserve(EventCount * 200);
    for (int i = 0; i < EventCount; ++i) {
        body += "data: {\"id\":\"chatcmpl-9xQv2bB7kLmN4pR8sT1uW3yZ5aC6dE0f\",\"object\":"
                "\"chat.completion.chunk\",\"created\":1732406400,"
                "\"model\":\"gpt-4o-mini-2024-07-18\","
                "\"system_fingerprint\":\"fp_0ba0d124f1\",\"choices\":[{\"index\":0,\"delta\":"
                "{\"content\":\"";
        body += Deltas[i % std::size(Deltas)];
        body += "\"},\"logprobs\":null,\"finish_reason\":null}]}\n\n";
    }
    body += "data: [DONE]\n\n";
    return body;
}

QByteArray ollamaChatStream()
{
    QByteArray body;
    body.reserve(EventCount * 160);
    for (int i = 0; i < EventCount; ++i) {
        body += "{\"model\":\"qwen2.5:7b\",\"created_at\":\"2024-11-24T00:00:00.000000Z\","
                "\"message\":{\"role\":\"assistant\",\"content\":\"";
        body += Deltas[i % std::size(Deltas)];
        body += "\"},\"done\":false}\n";
    }
    body += "{\"model\":\"qwen2.5:7b\",\"done\":true,\"eval_count\":5000}\n";
    return body;
}

template<typename Decoder>
void decodeInPieces(benchmark::State &state, const QByteArray &body, qsizetype expectedEvents)
{
    const qsizetype piece = state.range(0);
    QList<WireEvent> out;
    qsizetype events = 0;
    for (auto _ : state) {
        Decoder decoder;
        events = 0;
        // Events are taken per piece, as the client does on each readyRead.
        for (qsizetype at = 0; at < body.size(); at += piece) {
            decoder.feed(QByteArrayView(body).sliced(at, qMin(piece, body.size() - at)), out);
            events += out.size();
            benchmark::DoNotOptimize(out.data());
            out.clear();
        }
        decoder.finish(out);
        events += out.size();
        out.clear();
    }
    if (events != expectedEvents)
        state.SkipWithError("wrong number of events");
    state.SetBytesProcessed(state.iterations() * body.size());
    state.counters["events"] = benchmark::Counter(double(state.iterations()) * double(events),
                                                  benchmark::Counter::kIsRate);
}

void BM_SseOpenAiChat(benchmark::State &state)
{
    static const QByteArray body = openAiChatStream();
    decodeInPieces<SseDecoder>(state, body, EventCount + 1);
}

void BM_SseOpenAiChatCrlf(benchmark::State &state)
{
    static const QByteArray body = [] {
        QByteArray crlf = openAiChatStream();
        crlf.replace("\n", "\r\n");
        return crlf;
    }();
    decodeInPieces<SseDecoder>(state, body, EventCount + 1);
}

void BM_NdjsonOllamaChat(benchmark::State &state)
{
    static const QByteArray body = ollamaChatStream();
    decodeInPieces<NdjsonDecoder>(state, body, EventCount + 1);
}

} // namespace

BENCHMARK(BM_SseOpenAiChat)->Arg(1024)->Arg(16 * 1024);
BENCHMARK(BM_SseOpenAiChatCrlf)->Arg(1024)->Arg(16 * 1024);
BENCHMARK(BM_NdjsonOllamaChat)->Arg(1024)->Arg(16 * 1024);

BENCHMARK_MAIN();
