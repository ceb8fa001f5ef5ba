#pragma once

#include "compress/promptcompressor.h"
#include "compress/truncation.h"
#include "tokenize/tokencounter.h"

#include <QJsonObject>

#include <optional>

/// \brief The figures of one prompt compression (tokenscope-cli compress --stats / --json).
struct CompressionReport
{
    /// One rule of the set and what it did.
    struct Rule
    {
        QString name;
        bool enabled = true;
        int fires = 0;
        QString error; ///< why it could not run (an invalid pattern); empty when it ran
        bool operator==(const Rule &) const = default;
    };
    /// The cut to a token budget, when one was asked for.
    struct Truncation
    {
        QString strategy; ///< TruncationStrategies::name
        qint64 budget = 0;
        bool truncated = false;
        qint64 tokensBefore = 0;
        qint64 tokensAfter = 0;
        bool operator==(const Truncation &) const = default;
    };

    qsizetype inputChars = 0;
    qsizetype outputChars = 0;
    TokenCount inputTokens;
    TokenCount outputTokens;
    int repeatsRemoved = 0;
    QList<Rule> rules;
    std::optional<Truncation> truncation;

    /// (1 − output / input) × 100; 0 for an empty input. Derived figures (these and the
    /// typical chars-per-token guess) are written for readers and recomputed when read.
    double charReductionPercent() const;
    double tokenReductionPercent() const;

    /// The report of \a input compressed by \a rules into \a result, then perhaps cut to
    /// \a output; tokens counted by \a counter.
    static CompressionReport of(const QString &input, const QList<CompressionRule> &rules,
                                const CompressionResult &result, const QString &output,
                                const TokenCounter &counter, std::optional<Truncation> truncation);
};

/*!
 * \brief A compression report as JSON, and its reader.
 *
 * Token counts say how they were counted ({"tokens", "method", "source", "note"}), so that an
 * estimate is never read as an exact count.
 */
namespace CompressionExport {
QJsonObject reportJson(const CompressionReport &report);
/// What reportJson wrote; nullopt with \a error when \a json is not a compression report.
std::optional<CompressionReport> readReport(const QJsonObject &json, QString *error = nullptr);
/// {"tokens", "method", "source"[, "note"]}.
QJsonObject countJson(const TokenCount &count);
TokenCount countFromJson(const QJsonObject &json);
} // namespace CompressionExport
