#pragma once

#include "lengthdistribution.h"

#include "tokenize/tokencounter.h"

#include <QCoreApplication>
#include <QList>
#include <QString>
#include <QStringList>
#include <QStringView>

#include <functional>
#include <optional>

/*!
 * \brief "--shared-prefix TOKENS:SHARE[:COUNT]": how many prompts begin with a common prefix.
 *
 * COUNT distinct prefixes of exactly TOKENS tokens each; round(SHARE × n) of the n prompts
 * (SHARE 0..1, or a percentage such as "50%"), picked in a seeded order, begin with one of
 * them, the prefixes taken in turn: COUNT prefixes × about SHARE × n / COUNT suffixes. The
 * other prompts have no shared prefix at all. TOKENS counts toward each prompt's sampled
 * length, so a suffix has length − TOKENS tokens; a picked prompt not longer than TOKENS gets
 * no prefix. A prefix ends with a blank line, so the suffix after it tokenises on its own and
 * the prefix's tokens are the same in every prompt that shares it (a server's prefix cache hits).
 */
struct SharedPrefixSpec
{
    static constexpr int MaxCount = 10'000;

    int tokens = 0; ///< tokens of each prefix; 0 turns shared prefixes off
    double share = 0; ///< fraction of the prompts that begin with a shared prefix, 0..1
    int count = 1; ///< distinct prefixes, 1..MaxCount

    bool isEnabled() const { return tokens > 0 && share > 0; }
    /// Canonical "TOKENS:SHARE" or "TOKENS:SHARE:COUNT" (COUNT only when not 1); parses back
    /// to the same values. Empty when disabled.
    QString spec() const;
    bool operator==(const SharedPrefixSpec &other) const = default;
};

/// Parses "TOKENS:SHARE" or "TOKENS:SHARE:COUNT"; on failure \a error says which part is wrong.
std::optional<SharedPrefixSpec> parseSharedPrefix(const QString &spec, QString *error = nullptr);

/*!
 * \brief The synchronous token counter a SyntheticPromptGenerator fits texts to, and what it is.
 *
 * The algorithm needs only \a count; \a tokenEnds makes the first cut cheaper (without it the
 * cut is found by bisection, about log2(characters) counts). An endpoint's /tokenize answers
 * asynchronously: to fit to it, either give a \a count that looks up counts fetched beforehand,
 * or (simpler) generate with the local encoding and verify each prompt with
 * EndpointTokenCounter afterwards, reporting the difference.
 */
struct PromptTokenCounter
{
    std::function<qsizetype(QStringView)> count; ///< required
    /// Optional: as TokenCounter::tokenEnds (ends of tokens, never inside a code point).
    std::function<QList<qsizetype>(QStringView)> tokenEnds;
    CountMethod method = CountMethod::Estimate;
    QString source; ///< e.g. "cl100k_base", "POST /tokenize", "per-script estimate"
    QString note; ///< why counts are not exact, when they are not

    /// Exact when \a counter has an encoding, else its estimate with its note.
    static PromptTokenCounter from(const TokenCounter &counter);
    /// Lengths are exact in the target tokenizer (a real encoding or the endpoint's own count).
    bool isExact() const { return method != CountMethod::Estimate; }
};

/// \brief What SyntheticPromptGenerator::generate() makes.
struct SyntheticPromptSpec
{
    LengthDistribution input; ///< each prompt's total tokens, shared prefix included
    QString language = QStringLiteral("en"); ///< "en" or "zh" (see SyntheticPromptGenerator::languages())
    quint64 seed = 0;
    int count = 1; ///< number of prompts, 0..SyntheticPromptGenerator::MaxPrompts
    SharedPrefixSpec prefix;
    /*!
     * Each prompt (after its shared prefix, if any) begins with its number ("17. "), and each
     * shared prefix with "Context N: " ("背景N：" in Chinese), so two texts never share their
     * first tokens by chance: a server's prefix cache would otherwise hit on a common first
     * sentence and flatter TTFT.
     */
    bool numbered = true;
};

/// \brief One generated prompt.
struct SyntheticPrompt
{
    QString text;
    int tokens = 0; ///< as the generator's counter counts text; equals the sampled length
    int prefixIndex = -1; ///< which shared prefix text begins with; -1 for none
    int prefixTokens = 0; ///< tokens of that prefix (0 without one)
    qsizetype prefixLength = 0; ///< UTF-16 units of text that are the prefix
};

/// \brief The prompts of one spec, the shared prefixes, and how their lengths were counted.
struct SyntheticPromptSet
{
    QList<SyntheticPrompt> prompts;
    QStringList prefixes; ///< the shared prefixes' texts, by prefixIndex
    CountMethod method = CountMethod::Estimate;
    QString source; ///< the counter's source, e.g. "cl100k_base"
    QStringList notes; ///< translated caveats: estimated lengths, prompts too short for a prefix

    bool isExact() const { return method != CountMethod::Estimate; }
    qint64 totalTokens() const;
    /// Σ prefix tokens / Σ tokens: the part of the input a perfect prefix cache could skip
    /// (counting each prefix's first use too); 0 when there are no tokens.
    double prefixTokenShare() const;
};

/*!
 * \brief Readable prompts of an exact token length, for workloads shaped like production.
 *
 * Text comes from a built-in corpus of ordinary sentences (English or Simplified Chinese) in a
 * seeded order, then is cut to exactly N tokens as the counter counts: cut at the end of token
 * N, re-count (a cut can change how the text next to it tokenises), step one code point at a
 * time towards N, and when one code point jumps over N (a character of several tokens), end on
 * a short punctuation mark instead. Every candidate is counted whole, so a returned text has
 * exactly the requested count; every step is bounded, and when no text fits an error says so.
 * Cuts never fall inside a code point.
 *
 * Deterministic: the same spec and seed give the same prompts on every platform for the same
 * counter (sentence orders use integer arithmetic only; see SeededRandom for normal lengths).
 * Without shared prefixes prompt i depends only on the random seed, i and its length, so a larger
 * count keeps the earlier prompts (which prompts share a prefix depends on the count).
 * Against a server with a prefix cache, give each run a new seed, or the second run's prompts
 * hit the cache the first one filled.
 */
class SyntheticPromptGenerator
{
    Q_DECLARE_TR_FUNCTIONS(SyntheticPromptGenerator)
public:
    static constexpr int MaxPrompts = 100'000;
    /// generate() refuses specs whose expected total (count × mean length) is larger.
    static constexpr double MaxTotalTokens = 200'000'000;

    explicit SyntheticPromptGenerator(PromptTokenCounter counter);
    explicit SyntheticPromptGenerator(const TokenCounter &counter);

    const PromptTokenCounter &counter() const { return m_counter; }

    /// The languages of the built-in corpus: "en", "zh".
    static QStringList languages();
    /// "en", "zh" for \a language given as such or as a locale name ("zh_CN", "en-US"); empty
    /// when there is no corpus for it.
    static QString normalizedLanguage(QStringView language);
    /// The built-in sentences of \a language (empty for an unknown one).
    static QStringList corpus(QStringView language);

    /*!
     * Samples spec.count lengths from spec.input (seed SeededRandom::derive(spec.seed, 1)),
     * picks the prompts that share a prefix (derive(seed, 2)) and makes every text. A prompt
     * picked to share a prefix whose length is not above the prefix's gets none (a note says
     * how many). Nothing and \a error on a bad spec or when a length cannot be reached.
     */
    std::optional<SyntheticPromptSet> generate(const SyntheticPromptSpec &spec,
                                               QString *error = nullptr) const;

    /// The lengths generate() samples for spec.count prompts of \a spec, in order, without
    /// making any text (cheap: for a preview). Empty when spec.count ≤ 0.
    static QList<int> lengths(const SyntheticPromptSpec &spec);

    /// Readable text of exactly \a tokens tokens (≥ 1) in \a language in the sentence order \a seed draws.
    std::optional<QString> text(int tokens, QStringView language, quint64 seed,
                                QString *error = nullptr) const;

    /*!
     * Cuts \a source so that it, followed by \a tail, counts exactly \a tokens; returns the cut
     * text followed by \a tail. When no cut of whole code points fits, a short mark (punctuation,
     * or digits and dots as a last resort) ends the text before \a tail.
     * Nothing and \a error when \a source is too short or no cut fits.
     */
    std::optional<QString> fit(QStringView source, int tokens, QStringView tail = {},
                               QString *error = nullptr) const;

private:
    enum class FitStatus { Fitted, NeedMore, NoFit };
    struct FitResult
    {
        FitStatus status = FitStatus::NoFit;
        QString text;
    };
    FitResult fitImpl(QStringView source, qsizetype target, QStringView tail, bool sourceIsAll) const;
    qsizetype firstCut(QStringView source, qsizetype target, QStringView tail, bool sourceIsAll,
                       bool *needMore) const;
    std::optional<QString> fitFromStream(int tokens, const QString &language, const QString &opener,
                                         QStringView tail, quint64 streamSeed, QString *error) const;
    std::optional<SyntheticPrompt> makePrompt(const SyntheticPromptSpec &spec, int index, int length,
                                              int prefixIndex, const QStringList &prefixes,
                                              QString *error) const;

    PromptTokenCounter m_counter;
};
