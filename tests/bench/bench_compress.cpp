// Throughput of the tokenizer, the compressor and truncation (Google Benchmark).
//   build-*/bin/bench_compress --benchmark_min_time=1
// The BPE and truncation benchmarks need the tiktoken rank files (scripts/common.sh's
// fetch_tiktoken_ranks puts them in <build>/data/tiktoken; TOKENSCOPE_TIKTOKEN_DIR overrides).
#include "compress/promptcompressor.h"
#include "compress/truncation.h"
#include "tokenize/tokencounter.h"

#include <QCoreApplication>
#include <QFile>

#include <benchmark/benchmark.h>

namespace {

QString corpus()
{
    QFile f(QStringLiteral(TOKENSCOPE_TEST_DATA "/tokenize/corpus.txt"));
    if (!f.open(QIODevice::ReadOnly))
        return QStringLiteral("The quick brown fox. 大型语言模型的推理延迟。😀 12345\n");
    return QString::fromUtf8(f.readAll());
}

// ~1 MB of the bilingual corpus (English, Chinese, code, emoji, numbers, whitespace).
const QByteArray &mixedMegabyte()
{
    static const QByteArray text = [] {
        const QByteArray seed = corpus().toUtf8();
        QByteArray out;
        while (out.size() < 1024 * 1024)
            out += seed;
        return out;
    }();
    return text;
}

std::shared_ptr<const BpeEncoding> encoding(BpeEncodingId id)
{
    if (!qEnvironmentVariableIsSet("TOKENSCOPE_TIKTOKEN_DIR"))
        TiktokenFiles::setDirectory(QStringLiteral(TOKENSCOPE_TIKTOKEN_DIR));
    return TiktokenFiles::encoding(id);
}

void BM_Bpe(benchmark::State &state)
{
    const auto enc = encoding(BpeEncodingId(state.range(0)));
    if (!enc) {
        state.SkipWithError("tiktoken rank files not found");
        return;
    }
    const QByteArray &text = mixedMegabyte();
    qsizetype tokens = 0;
    for (auto _ : state) {
        tokens = enc->count(QByteArrayView(text));
        benchmark::DoNotOptimize(tokens);
    }
    state.SetBytesProcessed(qint64(state.iterations()) * text.size());
    state.counters["tokens"] = double(tokens);
    state.SetLabel(enc->name().toStdString());
}
BENCHMARK(BM_Bpe)
    ->Arg(int(BpeEncodingId::Cl100kBase))
    ->Arg(int(BpeEncodingId::O200kBase))
    ->Unit(benchmark::kMillisecond);

void BM_Estimate(benchmark::State &state)
{
    const QString text = QString::fromUtf8(mixedMegabyte());
    for (auto _ : state)
        benchmark::DoNotOptimize(TokenEstimator::estimate(text));
    state.SetBytesProcessed(qint64(state.iterations()) * mixedMegabyte().size());
}
BENCHMARK(BM_Estimate)->Unit(benchmark::kMillisecond);

// 50 rules: the zh and en presets (28) and 22 more, half literal, half regex.
PromptCompressor fiftyRules()
{
    PromptCompressor c = PromptCompressor::preset(PromptCompressor::Preset::Chinese);
    for (const CompressionRule &r : PromptCompressor::preset(PromptCompressor::Preset::English).rules())
        c.addRule(r);
    for (int i = 0; c.rules().size() < 50; ++i) {
        CompressionRule r;
        r.name = QStringLiteral("extra %1").arg(i);
        r.regex = i % 2 == 1;
        r.pattern = r.regex ? QStringLiteral("\\bword%1(s|ed)?\\b").arg(i)
                            : QStringLiteral("filler phrase %1").arg(i);
        c.addRule(r);
    }
    return c;
}

void BM_Compress(benchmark::State &state)
{
    const PromptCompressor c = fiftyRules();
    const QString seed = QStringLiteral("请你首先,仔细阅读下面的材料,然后帮我总结一下它的主要观点。谢谢！"
                                        "Could you please summarize the key points in order to help me? "
                                        "It is important to note that latency has five phases.  \n");
    QString prompt;
    while (prompt.toUtf8().size() < 1024 * 1024)
        prompt += QString::number(prompt.size()) + u' ' + seed; // no two lines alike
    const qint64 bytes = prompt.toUtf8().size();
    qsizetype out = 0;
    for (auto _ : state) {
        const CompressionResult r = c.compress(prompt);
        out = r.text.size();
        benchmark::DoNotOptimize(out);
    }
    state.SetBytesProcessed(qint64(state.iterations()) * bytes);
    state.counters["rules"] = double(c.rules().size());
    state.counters["ratio"] = double(out) / double(prompt.size());
}
BENCHMARK(BM_Compress)->Unit(benchmark::kMillisecond);

void BM_Truncate(benchmark::State &state)
{
    const auto enc = encoding(BpeEncodingId::Cl100kBase);
    if (!enc) {
        state.SkipWithError("tiktoken rank files not found");
        return;
    }
    const TokenCounter counter(enc);
    // A 10k-token prompt from the mixed corpus, cut to half.
    QString prompt;
    const QString seed = corpus();
    while (counter.tokens(prompt) < 10'000)
        prompt += seed;
    const QList<qsizetype> ends = counter.tokenEnds(prompt);
    prompt.truncate(ends.at(9'999));
    const auto strategy = TruncationStrategy(state.range(0));
    qint64 tokens = 0;
    for (auto _ : state) {
        const TruncationResult r = Truncator::truncate(prompt, 5'000, strategy, counter);
        tokens = r.tokens;
        benchmark::DoNotOptimize(tokens);
    }
    state.SetLabel(TruncationStrategies::name(strategy).toStdString());
    state.counters["input_tokens"] = double(counter.tokens(prompt));
    state.counters["output_tokens"] = double(tokens);
}
BENCHMARK(BM_Truncate)
    ->Arg(int(TruncationStrategy::Head))
    ->Arg(int(TruncationStrategy::Tail))
    ->Arg(int(TruncationStrategy::Middle))
    ->Arg(int(TruncationStrategy::Sentences))
    ->Unit(benchmark::kMillisecond);

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    benchmark::Initialize(&argc, argv);
    benchmark::RunSpecifiedBenchmarks();
    benchmark::Shutdown();
    return 0;
}
