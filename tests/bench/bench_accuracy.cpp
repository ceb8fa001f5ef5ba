// How exact the client's timestamps are: the embedded endpoint (its own thread, same process,
// same monotonic clock) logs when it handed each streamed token's bytes to the kernel, and the
// client's chunk times are compared with them, request by request.
//   TTFT error: client first-chunk time - server send time of the first token;
//   ITL error: |client gap - server gap| between consecutive tokens.
// Prints the median and p99 of each at every concurrency asked for.
//
// Usage: bench_accuracy [concurrency...]   (default: 1 100), 64 tokens a request
// TOKENSCOPE_IO_THREADS=n puts the client's sockets on n I/O threads (default: the number of
// cores, as the CLI; 0: on the main thread).
#include "client/iothreads.h"
#include "client/streamingclient.h"
#include "endpoint/embeddedendpoint.h"
#include "load/loadrunner.h"
#include "metrics/statistics.h"

#include <QCoreApplication>
#include <QCoroTask>

#include <cstdio>

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QList<int> levels;
    for (const QString &a : app.arguments().mid(1))
        levels.append(std::max(1, a.toInt()));
    if (levels.isEmpty())
        levels = { 1, 100 };
    constexpr int Tokens = 64;

    EmbeddedEndpointRunner endpoint;
    EndpointCapacity capacity;
    capacity.logTokenSendTimes = true;
    endpoint.setCapacity(capacity);
    LatencyModel model;
    model.networkMs = 2;
    model.promptMsPerToken = 0;
    model.inferenceMs = 30;
    model.generationMsPerToken = 5;
    model.postprocessMs = 1;
    model.batchSlowdown = 0;
    if (!endpoint.start(model)) {
        std::fprintf(stderr, "cannot start the embedded endpoint: %s\n", qPrintable(endpoint.errorString()));
        return 1;
    }
    EndpointProfile profile;
    profile.name = QStringLiteral("embedded");
    profile.model = QStringLiteral("tokenscope-sim");
    profile.baseUrl = endpoint.baseUrl().resolved(QUrl(QStringLiteral("/v1")));

    std::printf("%-12s %9s %12s %12s %12s %12s\n", "concurrency", "requests", "TTFT err p50", "TTFT err p99",
                "ITL err p50", "ITL err p99");
    for (int c : std::as_const(levels)) {
        StreamingClient client;
        client.setIoThreads(qEnvironmentVariableIsSet("TOKENSCOPE_IO_THREADS")
                                ? qEnvironmentVariableIntValue("TOKENSCOPE_IO_THREADS")
                                : IoThreads::defaultCount());
        LoadRunner runner(&client);
        LoadConfig config;
        config.endpoint = profile;
        GenerationRequest request;
        request.messages = { { QStringLiteral("user"), QStringLiteral("Explain what a KV cache is.") } };
        request.maxTokens = Tokens;
        request.forceOutputLength = true;
        config.prompts = { request };
        config.requests = std::max(50, 3 * c);
        config.concurrency = c;
        config.warmup = std::min(c, 20);
        const QList<RequestRecord> records = QCoro::waitFor(runner.run(config));
        const QHash<QString, QList<qint64>> sent = endpoint.tokenSendTimes();

        QList<double> ttftError;
        QList<double> itlError;
        int matched = 0;
        for (const RequestRecord &r : records) {
            if (r.warmup || !r.trace.ok())
                continue;
            const QList<qint64> times = sent.value(QString::fromLatin1(r.trace.requestIdHeader));
            const ChunkList &chunks = r.trace.chunks;
            if (times.isEmpty() || times.size() != chunks.size())
                continue; // one chunk per token on this protocol; anything else is not comparable
            ++matched;
            ttftError.append(double(chunks.timeAt(0) - times.at(0)) / 1e6);
            for (qsizetype i = 1; i < chunks.size(); ++i) {
                const qint64 client = chunks.timeAt(i) - chunks.timeAt(i - 1);
                const qint64 server = times.at(i) - times.at(i - 1);
                itlError.append(double(std::abs(client - server)) / 1e6);
            }
        }
        const Distribution ttft = Distribution::of(ttftError);
        const Distribution itl = Distribution::of(itlError);
        std::printf("%-12d %9d %9.3f ms %9.3f ms %9.3f ms %9.3f ms\n", c, matched, ttft.p50, ttft.p99, itl.p50,
                    itl.p99);
        std::fflush(stdout);
    }
    return 0;
}
