#pragma once

#include <QList>
#include <QString>
#include <QStringView>

#include <span>

/*!
 * \brief The built-in offline embedder: hashed character n-grams and words, L2-normalised.
 *
 * Features of the normalised text (TextNormalizer::normalize):
 * - runs of CJK characters give character unigrams, bigrams and trigrams;
 * - Latin words (letters and digits) give the word itself, its character trigrams with
 *   word boundaries ("#py", "pyt", ...), so "learn" and "learning" stay close, and the pair
 *   of consecutive words (so "celsius to fahrenheit" differs from "fahrenheit to celsius").
 *
 * Weighting is fixed and documented instead of learned, so that a vector never changes once
 * computed (a cache keeps vectors for hours): a feature's weight is its kind's weight
 * (CJK unigram 1.0, bigram 1.2, trigram 0.6, Latin word 2.2, Latin trigram 0.5, word pair 1.0) times 0.25
 * when it is a function word or function character ("the", "what", "how", 的, 是, 什么, 怎么, ...),
 * a fixed stand-in for a low inverse document frequency. Repeated features add up with
 * sublinear (square root) term frequency. Each feature is hashed (FNV-1a 64) to one of
 * dimension() buckets with a hashed sign, so collisions cancel on average instead of piling up.
 *
 * Thread-safe: embed() keeps no state.
 */
class HashingEmbedder
{
public:
    static constexpr int DefaultDimension = 256;
    explicit HashingEmbedder(int dimension = DefaultDimension);

    int dimension() const { return m_dimension; }
    /// The unit vector of \a text (all zeros for a text with no features, e.g. only punctuation).
    QList<float> embed(QStringView text) const;
    /// The same into \a out (size dimension()).
    void embedInto(QStringView text, std::span<float> out) const;

    /// A stable name for reports: "tokenscope-hash-256".
    QString modelName() const;

private:
    int m_dimension;
};
