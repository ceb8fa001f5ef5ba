#pragma once

#include "client/requestoptions.h"
#include "impacttable.h"
#include "protocol/endpointprofile.h"

#include <QCoroTask>
#include <QList>
#include <QObject>
#include <QPointer>

#include <optional>

class StreamingClient;
class CacheSimulator;
class AbMeasurement;
class LoadRunner;

/// \brief What the Impact experiments send, and how much.
struct ImpactConfig
{
    EndpointProfile endpoint;
    std::optional<EndpointProfile> variant; ///< the same model served differently (e.g. quantized)
    QList<Technique> techniques { Technique::Streaming, Technique::SemanticCache, Technique::PromptCache,
                                  Technique::Batching, Technique::Compression, Technique::Variant };
    QString prompt; ///< used by streaming, batching and variant; empty: a default question
    int maxTokens = 64; ///< the prompt-cache row asks for at most ImpactRunner::PromptCacheMaxTokens
    /// Streaming pairs, prompt-cache pairs, A/B requests per arm, variant requests per endpoint.
    int repetitions = 5;
    int batchRequests = 16; ///< per arm of the batching experiment
    int concurrency = 8; ///< the batched arm
    int cacheQueries = 40; ///< the first queries of the sample trace (0: all of it)
    QString cacheTrace; ///< a trace file; empty: the built-in bilingual sample
    QString compressionPreset = QStringLiteral("zh"); ///< zh | en
    QString compressionPrompt; ///< empty: a built-in verbose prompt in the preset's language
    RequestOptions options;
};

/// \brief One row of the table: the typical claim beside what was measured.
struct ImpactRow
{
    Technique technique = Technique::Streaming;
    QString name; ///< "Streaming", translated
    TypicalClaim claim; ///< the typical table's figures for this technique
    QString metric; ///< what was measured, e.g. "time to first text"
    QString unit; ///< of baseline/optimised: "ms", "tokens/s", "tokens", "cost"
    double baseline = 0; ///< mean without the technique
    double optimised = 0; ///< mean with it
    Change change; ///< the headline change
    CostMeasurement cost; ///< per request: usage tokens at the endpoint's prices, else tokens
    /// Second figures (latency cost of batching, false-hit rate, answer drift …): name → value.
    QList<std::pair<QString, QString>> details;
    /// Exactly what was run: the run's config narrowed to this technique (its JSON, written
    /// by ImpactExport, holds no secret).
    ImpactConfig settings;
    QString command; ///< the tokenscope-cli command that reruns this row
    QString verdict; ///< the headline change read against the claim (ImpactTable::reading)
    QString error; ///< non-empty: the experiment could not run
    bool skipped = false; ///< not asked for, or nothing to compare (no variant endpoint)

    bool ok() const { return error.isEmpty() && !skipped; }
};

/*!
 * \brief Runs one short experiment per technique against an endpoint and fills the typical
 * optimisation table with measured numbers and their spread.
 *
 * - Streaming: the same request streamed and not, in pairs; time to first text (first answer
 *   token when streamed, the whole body when not).
 * - Semantic cache: the first queries of a trace replayed through the cache in front of the
 *   endpoint (misses really sent, hits from the cache), against the same queries all sent.
 * - Provider prompt (prefix) caching: streamed requests whose prompts share a long prefix (a
 *   readable context of PromptCachePrefixTokens cl100k_base tokens, then a short question), sent
 *   after one request that puts the prefix in the server's cache, against the same requests each
 *   opening with a line of their own (a random reference), so that no prefix block matches:
 *   time to first token, in pairs (distinct first, then shared). Beside it, the share of the
 *   prompt tokens the server reports as cached in each arm (OpenAI's
 *   prompt_tokens_details.cached_tokens and its dialects' equivalents, llama.cpp's cache_n) and
 *   the prompt-processing phase where the server reports it. Every run draws new references,
 *   so a rerun against the same server starts cold again. The typical table has no row for it.
 * - Batching: the same requests one at a time, then at a concurrency (the server batches
 *   what is in flight): output tokens/s, and end-to-end latency as the cost.
 * - Compression: the A/B measurement of a verbose prompt against its compressed form.
 * - Variant: the same requests to a second endpoint serving the same model: speed and how
 *   far the answers drift (character-bigram Dice, see AnswerSimilarity).
 *
 * Each row's cost is the mean cost of a request with and without the technique: its usage
 * tokens at the endpoint's prices per million, or, with no price set, the tokens themselves.
 * Hits of the cache cost nothing; a batched request costs what it costs alone (per-token
 * prices do not reward batching; the server's time per token is a detail of the row). The
 * prompt cache's cost prices the prompt tokens the server reports as cached at the profile's
 * cached-input price (EndpointProfile::requestCost); a profile that sets none bills them at the
 * input price, and the row says so (a provider's discount then does not show). The variant's
 * claimed saving is the server's memory, which no client can measure.
 * Rows arrive one by one (rowFinished); cancel() stops after the running step.
 */
class ImpactRunner : public QObject
{
    Q_OBJECT
public:
    /// Uses \a client (not owned) or a client of its own.
    explicit ImpactRunner(StreamingClient *client = nullptr, QObject *parent = nullptr);
    ~ImpactRunner() override;

    QCoro::Task<QList<ImpactRow>> run(ImpactConfig config);
    void cancel();
    bool isRunning() const { return m_running; }

    /// Tokens (cl100k_base) of the prompt-cache row's shared context: above the 1,024 a prompt
    /// needs before OpenAI caches it, and many prefix blocks on a vLLM-like server.
    static constexpr int PromptCachePrefixTokens = 1200;
    /// The most output tokens a prompt-cache request asks for: it measures the time to the first.
    static constexpr int PromptCacheMaxTokens = 8;

    static QString name(Technique technique);
    /// "streaming", "cache", "prompt-cache", "batching", "compression", "variant".
    static QString key(Technique technique);
    static std::optional<Technique> fromKey(QStringView key);
    static QString defaultPrompt();
    /// The tokenscope-cli command that reruns \a technique's experiment with \a config.
    static QString command(const ImpactConfig &config, Technique technique);
    static QString defaultCompressionPrompt(const QString &preset);

Q_SIGNALS:
    void rowStarted(Technique technique);
    void rowFinished(const ImpactRow &row);
    void progress(const QString &text);

private:
    QCoro::Task<ImpactRow> streaming(ImpactConfig config);
    QCoro::Task<ImpactRow> semanticCache(ImpactConfig config);
    QCoro::Task<ImpactRow> promptCache(ImpactConfig config);
    QCoro::Task<ImpactRow> batching(ImpactConfig config);
    QCoro::Task<ImpactRow> compression(ImpactConfig config);
    QCoro::Task<ImpactRow> variant(ImpactConfig config);
    ImpactRow emptyRow(Technique technique, const ImpactConfig &config) const;

    StreamingClient *m_client;
    QPointer<CacheSimulator> m_cache;
    QPointer<AbMeasurement> m_ab;
    QPointer<LoadRunner> m_runner;
    bool m_running = false;
    bool m_cancelled = false;
};

Q_DECLARE_METATYPE(ImpactRow)
