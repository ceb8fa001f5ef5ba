#pragma once

#include "truncation.h"

#include "client/requestoptions.h"
#include "metrics/statistics.h"
#include "protocol/endpointprofile.h"
#include "tokenize/tokencounter.h"

#include <QCoroTask>
#include <QObject>
#include <QPointer>

class StreamingClient;

/*!
 * \brief How similar two answers are: the Sørensen–Dice coefficient of their character bigrams.
 *
 * Both texts are lower-cased with whitespace runs collapsed to one space; each is the multiset
 * of its adjacent code-point pairs; Dice = 2·|A∩B| / (|A| + |B|), in [0, 1] (1: same bigrams;
 * two empty texts: 1). Works the same for Chinese and English, needs no tokenizer, and is
 * cheap; it measures surface overlap, not meaning.
 */
namespace AnswerSimilarity {
double dice(QStringView a, QStringView b);
/// Mean Dice of every answer in \a answers against every one in \a references.
MeanCi between(const QStringList &answers, const QStringList &references);
/// Mean Dice over all pairs within \a answers (the run-to-run baseline).
MeanCi within(const QStringList &answers);
} // namespace AnswerSimilarity

/// \brief One request of an A/B arm.
struct AbSample
{
    bool ok = false;
    QString error;
    qint64 promptTokens = 0; ///< usage.prompt_tokens, else counted by the configured counter
    bool promptTokensFromUsage = false;
    qint64 completionTokens = 0;
    double ttftMs = 0;
    double e2eMs = 0;
    double prefillMs = 0; ///< the "prompt" phase of the five-phase breakdown
    double cost = 0; ///< from the profile's prices per million tokens
    QString answer;
};

/// \brief All requests of one prompt, with means and confidence intervals of the successful ones.
struct AbArm
{
    QString prompt;
    qint64 countedPromptTokens = 0; ///< by the configured counter, before sending
    QList<AbSample> samples;
    int failures = 0;
    MeanCi promptTokens;
    MeanCi ttftMs;
    MeanCi e2eMs;
    MeanCi prefillMs;
    MeanCi cost;

    QStringList answers() const;
    void summarise();
};

/// \brief What to send, how often, and how prompt tokens are counted when usage is missing.
struct AbConfig
{
    EndpointProfile profile;
    QString systemPrompt; ///< optional; sent unchanged in both arms
    int repetitions = 5; ///< requests per prompt
    int maxTokens = 128;
    std::optional<double> temperature;
    RequestOptions options;
    TokenCounter counter;
    /*!
     * Starts every request with a line of its own ("Request 104729301."), so that a server's
     * prefix cache (vLLM's automatic prefix caching, say) cannot skip the prefill of a prompt
     * sent before: the A/B measures what compression saves, not what a cache saves. The line
     * costs the same few tokens in both arms.
     */
    bool bypassPrefixCache = true;
};

/// \brief The original prompt against the compressed one.
struct AbResult
{
    AbArm original;
    AbArm compressed;
    MeanCi similarity; ///< compressed answers against original answers
    MeanCi baselineSimilarity; ///< original answers against each other (what sampling alone gives)
    bool cancelled = false;

    /// (compressed - original) / original × 100 of the means; 0 when the original mean is 0.
    static double changePercent(const MeanCi &original, const MeanCi &compressed);
};

/// \brief One point of a compression-ratio sweep.
struct AbSweepRow
{
    double targetRatio = 1; ///< budget / original tokens asked for
    qint64 budget = 0;
    double actualRatio = 1; ///< counted prompt tokens / original counted tokens
    AbArm arm;
    MeanCi similarity; ///< against the original arm's answers
};

/*!
 * \brief Sends an original and a compressed prompt N times each to an endpoint and compares them.
 *
 * Requests go one at a time, alternating original and compressed (ABAB…), so that drift in
 * the endpoint's load affects both arms alike. Cancel with cancel(); results gathered so far
 * are returned with cancelled set.
 */
class AbMeasurement : public QObject
{
    Q_OBJECT
public:
    explicit AbMeasurement(QObject *parent = nullptr);
    ~AbMeasurement() override;

    QCoro::Task<AbResult> run(AbConfig config, QString original, QString compressed);
    /// The original prompt once, then for each ratio the prompt truncated to ratio × its tokens
    /// with \a strategy (by config.counter); one row per ratio.
    QCoro::Task<QList<AbSweepRow>> sweep(AbConfig config, QString original, QList<double> ratios,
                                         TruncationStrategy strategy);
    void cancel();

Q_SIGNALS:
    void progress(int done, int total);

private:
    QCoro::Task<AbSample> sendOne(AbConfig config, QString prompt);

    StreamingClient *m_client;
    quint32 m_requestNumber = 0; ///< the next request's own first line, when bypassing a prefix cache
    bool m_cancelled = false;
};
