#pragma once

#include "bpeencoding.h"

#include <QCoreApplication>
#include <QList>
#include <QString>
#include <QStringView>

#include <memory>

/// \brief How a token count was obtained; every count carries one.
enum class CountMethod {
    Exact, ///< byte-level BPE with the encoding's own rank file (cl100k_base, o200k_base)
    Endpoint, ///< the endpoint's own count (/tokenize, or usage.prompt_tokens)
    Estimate, ///< TokenEstimator's per-script estimate
};

/// \brief A number of tokens and how it was counted.
struct TokenCount
{
    Q_DECLARE_TR_FUNCTIONS(TokenCount)
public:
    qint64 tokens = 0;
    CountMethod method = CountMethod::Estimate;
    QString source; ///< "cl100k_base", "POST /tokenize", "usage.prompt_tokens", "per-script estimate"
    QString note; ///< why a better method was not used (e.g. the rank file is missing); may be empty

    /// "exact", "endpoint" or "estimate" (stable, for JSON).
    QString methodName() const;
    /// Translated, e.g. "1234 tokens (exact, cl100k_base)".
    QString label() const;
};

/*!
 * \brief A fast token estimate from character classes, calibrated against exact cl100k_base counts.
 *
 * tokens ≈ Σ weight(class) × count(class) over: CJK ideographs/kana/Hangul, ASCII letter runs
 * and their letters, other letters and marks, digits, runs of ASCII punctuation, other BMP
 * symbols, characters outside the BMP (emoji), runs of line breaks and tabs. The weights were
 * fitted (non-negative relative least squares) to the cl100k_base counts of the ordinary
 * cases of tests/data/tokenize/corpus.txt; see ErrorBound.
 */
namespace TokenEstimator {
/// The estimate, unrounded.
double estimate(QStringView text);
/// The estimate rounded up (0 only for empty text).
qint64 count(QStringView text);
/// Relative error against cl100k_base stated for texts of at least MinTokensForBound tokens
/// of ordinary prose or code (English, Chinese, mixed); tests/tokenize checks it.
constexpr double ErrorBound = 0.25;
constexpr int MinTokensForBound = 20;
} // namespace TokenEstimator

/// \brief Where the tiktoken rank files are looked for, and the loaded encodings (shared, cached).
namespace TiktokenFiles {
/// The directories searched, first match wins: the TOKENSCOPE_TIKTOKEN_DIR environment
/// variable, the application data directory's "tiktoken", ../share/tokenscope/tiktoken beside
/// the executable, and the build tree's data/tiktoken. Only the one given to setDirectory() when set.
QStringList searchPaths();
/// Searches only \a directory from now on (empty: the default list); forgets loaded encodings.
void setDirectory(const QString &directory);
/// "<name>.json" for \a id.
QString fileName(BpeEncodingId id);
/// The loaded encoding, or nullptr with \a error explaining why it is unavailable. Loads once
/// per process (thread-safe) and remembers failures until setDirectory() is called.
std::shared_ptr<const BpeEncoding> encoding(BpeEncodingId id, QString *error = nullptr);
} // namespace TiktokenFiles

/*!
 * \brief Counts tokens exactly when it has an encoding, else estimates; says which it did.
 *
 * A cheap value type: copies share the encoding.
 */
class TokenCounter
{
public:
    TokenCounter() = default; ///< estimates
    explicit TokenCounter(std::shared_ptr<const BpeEncoding> encoding);
    /// Exact with \a id when its rank file is found, else the estimator with a note saying why.
    static TokenCounter forEncoding(BpeEncodingId id);

    bool isExact() const { return bool(m_encoding); }
    const std::shared_ptr<const BpeEncoding> &encoding() const { return m_encoding; }
    QString unavailableReason() const { return m_note; }

    qint64 tokens(QStringView text) const;
    TokenCount count(QStringView text) const;
    /// For each token, the UTF-16 offset in \a text where it ends, never inside a code point
    /// (a token ending inside a character ends after it). Increasing; the last is text.size().
    QList<qsizetype> tokenEnds(QStringView text) const;

private:
    std::shared_ptr<const BpeEncoding> m_encoding;
    QString m_note;
};
