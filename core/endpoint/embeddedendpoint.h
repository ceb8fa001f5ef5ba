#pragma once

#include "sim/latencymodel.h"

#include <QHostAddress>
#include <QHash>
#include <QObject>
#include <QString>
#include <QUrl>

#include <atomic>
#include <memory>
#include <optional>

class QThread;

/// \brief A fault the embedded endpoint can inject.
enum class EndpointFault {
    None,
    RateLimited,    ///< HTTP 429 with Retry-After and a JSON error body
    ServerError,    ///< HTTP 500 with a JSON error body
    ResetMidStream, ///< the connection is reset (RST) after a few tokens
    Truncated,      ///< the body ends without its terminating chunk / [DONE]
    Stall,          ///< stops sending after a few tokens, keeps the connection open
    MalformedJson,  ///< a chunk with broken JSON in the middle of the stream
    ErrorEvent,     ///< an error event in the protocol's own format mid-stream
    TinyReads,      ///< every byte of the body written separately (split reads)
};

namespace EndpointFaults {
QString name(EndpointFault fault); ///< "none", "429", "500", "reset", "truncate", "stall", "malformed", "error-event", "tiny-reads"
std::optional<EndpointFault> fromName(QStringView name);
QStringList names();
} // namespace EndpointFaults

/// \brief Counters the endpoint keeps while it serves (readable from any thread).
struct EndpointStats
{
    qint64 requests = 0;       ///< requests served (any route)
    qint64 streams = 0;        ///< generation requests served
    int activeStreams = 0;     ///< generation requests being served now
    int peakStreams = 0;       ///< the most generation requests served at once
    qint64 tokens = 0;         ///< output tokens sent
    qint64 connections = 0;    ///< TCP connections accepted
    int running = 0;           ///< requests holding a decode slot now (vllm:num_requests_running)
    int waiting = 0;           ///< requests queued for a decode slot now (vllm:num_requests_waiting)
    qint64 prefixCacheQueries = 0; ///< prompt tokens looked up in the prefix cache (vllm:prefix_cache_queries)
    qint64 prefixCacheHits = 0;    ///< of those, tokens served from it (vllm:prefix_cache_hits)
};

/*!
 * \brief How much the simulated engine runs at once, its simulated KV cache with the prefix
 * cache inside it, and how its outputs end.
 *
 * A request takes a decode slot when it reaches the engine (after the simulated network
 * delay) and holds it through prompt processing, the first step and every decode step; it
 * frees it at its last token. Requests beyond maxConcurrentDecodes wait in a FIFO queue, so
 * their queue time adds to their time to first token; a request whose client goes away
 * leaves the queue (or frees its slot) at once.
 *
 * Prefix caching (on by default, as in vLLM) works like vLLM's automatic prefix caching: the
 * prompt's tokens (ServerTokenizer ids) are cut into blocks of prefixBlockTokens; a block
 * whose whole prefix was prefilled before is a hit, and prompt processing is charged only for
 * the tokens after the longest cached prefix (the fixed part, LatencyModel::promptFixedMs,
 * is always charged, and the prompt's last token is always computed). The prefix cache
 * shares the KV budget: it holds at most kvCacheTokens / prefixBlockTokens blocks, least
 * recently used evicted first (running requests' own tokens are not subtracted from that
 * room: the simulation keeps the two apart). A request is looked up when it reaches the
 * engine and writes its blocks when its prefill ends. See PrefixCache.
 */
struct EndpointCapacity
{
    /// Requests decoded at once; 0 = unlimited (every request runs as soon as it arrives).
    int maxConcurrentDecodes = 0;
    /// Simulated KV cache in tokens: GET /metrics reports vllm:gpu_cache_usage_perc as the
    /// prompt plus output tokens of the running requests over this (at most 1). It is also the
    /// prefix cache's room (0 leaves none: nothing is cached).
    qint64 kvCacheTokens = DefaultKvCacheTokens;
    /// Automatic prefix caching; false: every prompt is prefilled in full and reports 0 cached.
    bool prefixCaching = true;
    /// Tokens per prefix-cache block (vLLM's --block-size); at least 1. A new size empties the cache.
    int prefixBlockTokens = DefaultPrefixBlockTokens;
    /*!
     * Share (0..1) of the requests that give a max_tokens (and not ignore_eos) which stop by
     * themselves before it, at a seeded length between max(1, min_tokens) and max_tokens - 1,
     * with finish reason "stop". 0 (the default): a request that gives max_tokens always
     * generates exactly that many, finishing by "length"; one that gives none generates
     * LatencyModel::defaultMaxTokens (or min_tokens, if more) and stops by itself.
     */
    double earlyStopShare = 0;
    /*!
     * For accuracy checks: keep, by response id (its X-Request-Id), when the bytes of each
     * streamed token were handed to the OS (read just before the flushed write), on the
     * process's Clock::system(). Read with
     * EmbeddedEndpoint::tokenSendTimes(); memory grows with every token while on.
     */
    bool logTokenSendTimes = false;

    static constexpr qint64 DefaultKvCacheTokens = 262144;
    static constexpr int DefaultPrefixBlockTokens = 16;
    friend bool operator==(const EndpointCapacity &, const EndpointCapacity &) = default;
};

/*!
 * \brief A real HTTP/1.1 server on loopback that simulates an LLM inference endpoint.
 *
 * Speaks every Protocol at its usual path (see Protocols::streamPath), streaming and not,
 * plus GET /v1/models, GET /stats (EndpointStats as JSON), GET /metrics (its scheduler's
 * state in the Prometheus text format under vLLM's metric names, see enginemetrics.h),
 * POST /v1/embeddings (the built-in HashingEmbedder, see embeddingsresponse.h) and
 * POST /tokenize (llama.cpp's shape, ids from ServerTokenizer). Keep-alive and chunked
 * transfer encoding. Shares only wire constants with the client, never code.
 *
 * Prompt tokens served from the prefix cache (EndpointCapacity) are reported in each dialect's
 * usage as its server does: OpenAI chat and completions usage.prompt_tokens_details.cached_tokens,
 * Responses usage.input_tokens_details.cached_tokens, Anthropic usage.cache_read_input_tokens
 * (with cache_creation_input_tokens for the blocks the request writes, and input_tokens for the
 * rest only), Gemini usageMetadata.cachedContentTokenCount (when not 0), llama.cpp timings.cache_n
 * (prompt_n then counts the computed tokens only) and tokens_cached. Ollama and TGI report no
 * cached count (Ollama's prompt_eval_count stays the whole prompt, its prompt_eval_duration
 * shrinks).
 *
 * Output length: max_tokens and its dialect's equivalents; vLLM's ignore_eos and min_tokens
 * in OpenAI chat and completions and the plain dialect, llama.cpp's ignore_eos in /completion
 * (see EndpointCapacity::earlyStopShare for when a request stops by itself).
 *
 * Per request, the header X-TokenScope-Fault (an EndpointFaults name) injects a fault;
 * setFault() injects one into a share of all requests.
 */
class EmbeddedEndpoint : public QObject
{
    Q_OBJECT
public:
    explicit EmbeddedEndpoint(QObject *parent = nullptr);
    ~EmbeddedEndpoint() override;

    void setLatencyModel(const LatencyModel &model);
    LatencyModel latencyModel() const;
    /// Injects \a fault into a share \a probability (0..1) of requests (seeded).
    void setFault(EndpointFault fault, double probability = 1.0);
    /// Takes effect at once: a higher limit admits queued requests now, a lower one lets the
    /// running requests finish and admits no more until they are below it.
    void setCapacity(const EndpointCapacity &capacity);
    EndpointCapacity capacity() const;

    /// Starts listening; port 0 picks a free one. Returns false with errorString() set.
    bool listen(const QHostAddress &address = QHostAddress::LocalHost, quint16 port = 0);
    void close();
    quint16 port() const;
    /// "http://127.0.0.1:PORT" (the host root; OpenAI protocols use baseUrl() + "/v1").
    QUrl baseUrl() const;
    QString errorString() const;

    /// Thread-safe snapshot of the counters.
    EndpointStats stats() const;
    /// EndpointCapacity::logTokenSendTimes' record: each response id's token send times (ns).
    QHash<QString, QList<qint64>> tokenSendTimes() const;

Q_SIGNALS:
    void requestServed(const QString &path, int status);

private:
    class Private;
    std::unique_ptr<Private> d;
};

/*!
 * \brief Runs an EmbeddedEndpoint on its own thread, so that the server's work never
 * delays the client's timestamps. Used by the GUI and `tokenscope-cli run`.
 */
class EmbeddedEndpointRunner
{
public:
    EmbeddedEndpointRunner();
    ~EmbeddedEndpointRunner(); ///< stops the server and joins the thread

    /// Starts the thread and listens on loopback. Blocks until listening (or failed).
    bool start(const LatencyModel &model = {}, EndpointFault fault = EndpointFault::None,
               double faultProbability = 0, quint16 port = 0);
    void stop();
    /// The capacity of the next start() and, while running, of the server now (applied on
    /// the server's thread; callable from the runner's thread only).
    void setCapacity(const EndpointCapacity &capacity);
    EndpointCapacity capacity() const { return m_capacity; }
    QUrl baseUrl() const;
    QString errorString() const;
    EndpointStats stats() const;
    /// See EmbeddedEndpoint::tokenSendTimes(); callable from any thread.
    QHash<QString, QList<qint64>> tokenSendTimes() const;

private:
    QThread *m_thread = nullptr;
    EmbeddedEndpoint *m_endpoint = nullptr;
    QUrl m_baseUrl;
    QString m_error;
    EndpointCapacity m_capacity;
};
