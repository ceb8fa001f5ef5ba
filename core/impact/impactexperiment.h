#pragma once

#include "client/requestoptions.h"
#include "protocol/endpointprofile.h"

#include <QCoroTask>
#include <QJsonObject>
#include <QList>
#include <QObject>
#include <QPointer>

#include <optional>

class StreamingClient;
class CacheSimulator;
class AbMeasurement;
class LoadRunner;

/// \brief The techniques of the seed's "optimisation effects" table, in its order.
enum class Technique { Streaming, SemanticCache, Batching, Compression, Variant };

/*!
 * \brief A relative change with its spread: (optimised − baseline) / baseline.
 *
 * \c low and \c high bound a 95% interval: a percentile bootstrap (2,000 resamples, fixed seed,
 * so a rerun over the same samples gives the same interval) of the ratio of the two means.
 */
struct Change
{
    double value = 0; ///< e.g. −0.8 for −80%
    double low = 0;
    double high = 0;
    int baselineSamples = 0;
    int optimisedSamples = 0;

    /// From two independent samples (each resampled on its own).
    static Change ofMeans(const QList<double> &baseline, const QList<double> &optimised, quint64 seed = 1);
    /// From paired samples (pairs resampled together).
    static Change ofPairs(const QList<double> &baseline, const QList<double> &optimised, quint64 seed = 1);
};

/// \brief One row of the table: the seed's claim beside what was measured.
struct ImpactRow
{
    Technique technique = Technique::Streaming;
    QString name; ///< "Streaming", translated
    QString claim; ///< the seed's words, e.g. "TTFT −80%"
    QString metric; ///< what was measured, e.g. "time to first text"
    QString unit; ///< of baseline/optimised: "ms", "tokens/s", "tokens", "cost"
    double baseline = 0; ///< mean without the technique
    double optimised = 0; ///< mean with it
    Change change; ///< the headline change
    /// Second figures (latency cost of batching, false-hit rate, answer drift …): name → value.
    QList<std::pair<QString, QString>> details;
    QJsonObject settings; ///< exactly what was run (no secrets)
    QString command; ///< the tokenscope-cli command that reruns this row
    QString verdict; ///< the measurement read against the claim
    QString error; ///< non-empty: the experiment could not run
    bool skipped = false; ///< not asked for, or nothing to compare (no variant endpoint)

    bool ok() const { return error.isEmpty() && !skipped; }
    QJsonObject toJson() const;
};

/// \brief What the Impact experiments send, and how much.
struct ImpactConfig
{
    EndpointProfile endpoint;
    std::optional<EndpointProfile> variant; ///< the same model served differently (e.g. quantized)
    QList<Technique> techniques { Technique::Streaming, Technique::SemanticCache, Technique::Batching,
                                  Technique::Compression, Technique::Variant };
    QString prompt; ///< used by streaming, batching and variant; empty: a default question
    int maxTokens = 64;
    int repetitions = 5; ///< streaming pairs, A/B requests per arm, variant requests per endpoint
    int batchRequests = 16; ///< per arm of the batching experiment
    int concurrency = 8; ///< the batched arm
    int cacheQueries = 40; ///< the first queries of the sample trace (0: all of it)
    QString cacheTrace; ///< a trace file; empty: the built-in bilingual sample
    QString compressionPreset = QStringLiteral("zh"); ///< zh | en
    QString compressionPrompt; ///< empty: a built-in verbose prompt in the preset's language
    RequestOptions options;

    QJsonObject toJson() const; ///< no secrets
};

/*!
 * \brief Runs one short experiment per technique against an endpoint and fills the seed's
 * optimisation table with measured numbers and their spread.
 *
 * - Streaming: the same request streamed and not, in pairs; time to first text (first answer
 *   token when streamed, the whole body when not).
 * - Semantic cache: the first queries of a trace replayed through the cache in front of the
 *   endpoint (misses really sent, hits from the cache), against the same queries all sent.
 * - Batching: the same requests one at a time, then at a concurrency (the server batches
 *   what is in flight): output tokens/s, and end-to-end latency as the cost.
 * - Compression: the A/B measurement of a verbose prompt against its compressed form.
 * - Variant: the same requests to a second endpoint serving the same model: speed and how
 *   far the answers drift (character-bigram Dice, see AnswerSimilarity).
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

    /// The seed's claim for \a technique, translated.
    static QString claim(Technique technique);
    static QString name(Technique technique);
    /// "streaming", "cache", "batching", "compression", "variant".
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
    QCoro::Task<ImpactRow> batching(ImpactConfig config);
    QCoro::Task<ImpactRow> compression(ImpactConfig config);
    QCoro::Task<ImpactRow> variant(ImpactConfig config);
    ImpactRow emptyRow(Technique technique, const ImpactConfig &config) const;

    StreamingClient *m_client;
    QPointer<CacheSimulator> m_cache;
    QPointer<AbMeasurement> m_ab;
    QPointer<LoadRunner> m_runner;
    quint64 m_nextId = 1;
    bool m_running = false;
    bool m_cancelled = false;
};

Q_DECLARE_METATYPE(ImpactRow)
