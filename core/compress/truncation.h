#pragma once

#include "tokenize/tokencounter.h"

#include <QCoreApplication>
#include <QString>

#include <optional>

/// \brief Which part of a prompt survives truncation to a token budget.
enum class TruncationStrategy {
    Head, ///< keep the beginning, cut the end
    Tail, ///< keep the end, cut the beginning
    Middle, ///< keep both ends, cut the middle (as LongBench does)
    Sentences, ///< keep whole sentences: the last one, the first one, then the rest in order, while they fit
};

namespace TruncationStrategies {
QString name(TruncationStrategy strategy); ///< "head", "tail", "middle", "sentence"
std::optional<TruncationStrategy> fromName(QStringView name);
QString label(TruncationStrategy strategy); ///< translated
QList<TruncationStrategy> all();
} // namespace TruncationStrategies

/// \brief A truncated prompt and its counts (by the same counter).
struct TruncationResult
{
    QString text;
    qint64 originalTokens = 0;
    qint64 tokens = 0; ///< of text, marker included; always <= the budget
    bool truncated = false;
    TokenCount count; ///< how tokens was counted
};

/*!
 * \brief Cuts \a text to at most \a budget tokens as \a counter counts them.
 *
 * The result is re-counted whole before it is returned, so it fits by construction: if the
 * cut changed how the text around it tokenises, the cut moves until it fits. Cuts fall on
 * token ends that never lie inside a code point (no broken UTF-8, no lone surrogate).
 * \a marker (default "…") stands where text was removed; if not even the marker fits,
 * the result is empty.
 */
class Truncator
{
    Q_DECLARE_TR_FUNCTIONS(Truncator)
public:
    static QString defaultMarker() { return QStringLiteral("…"); }
    static TruncationResult truncate(QStringView text, qint64 budget, TruncationStrategy strategy,
                                     const TokenCounter &counter, const QString &marker = defaultMarker());
};
