#pragma once

#include <QCoreApplication>
#include <QJsonObject>
#include <QList>
#include <QRegularExpression>
#include <QString>

#include <optional>

/// \brief One rewrite rule: a literal text or a regular expression, and what replaces it.
struct CompressionRule
{
    QString name;
    QString pattern;
    /// For regular expressions \1..\9 and $1..$9 insert groups, ${name} a named group,
    /// ${#} the match's number in its list (1, 2, 3…; a blank line, or a match in which a
    /// group named "first" took part, starts again at 1);
    /// \\ and $$ are a literal backslash and dollar.
    QString replacement;
    bool regex = false;
    bool enabled = true;
    bool ignoreCase = false;

    bool operator==(const CompressionRule &) const = default;
};

/// \brief A changed part of the input, for highlighting: the original range and what it became.
struct EditSpan
{
    enum class Kind { Removed, Replaced, Inserted };
    Kind kind = Kind::Removed;
    qsizetype originalStart = 0; ///< UTF-16 offset in the input
    qsizetype originalLength = 0;
    qsizetype outputStart = 0; ///< UTF-16 offset in the output
    qsizetype outputLength = 0; ///< 0 for Removed

    bool operator==(const EditSpan &) const = default;
};

/// \brief What PromptCompressor::compress() did.
struct CompressionResult
{
    QString text;
    QList<int> fires; ///< per rule (same order), how many times it replaced something
    QList<QString> ruleErrors; ///< per rule: empty, or why it could not run (invalid regex)
    int repeatsRemoved = 0; ///< repeated lines or sentences dropped
    QList<EditSpan> edits; ///< in input order, never overlapping
    qsizetype originalChars = 0;
    qsizetype compressedChars = 0;

    /// Output characters per input character (1 for empty input).
    double charRatio() const;
    /// 1 - charRatio(), as a percentage.
    double reductionPercent() const;
};

/*!
 * \brief Rewrites a prompt with ordered rules, then drops repeats and normalises whitespace.
 *
 * Steps, in this order: every enabled rule, in list order (a later rule sees the output of
 * the earlier ones, so order matters); removal of repeated lines and/or sentences (the
 * first occurrence stays); whitespace normalisation (runs of spaces and tabs become one
 * space, spaces at line ends go, three or more line breaks become two, the ends are trimmed).
 * Regular expressions are Perl-compatible (QRegularExpression, Unicode properties on);
 * matches of zero length are skipped. A rule with an invalid expression is reported at
 * that rule and skipped; nothing else stops.
 */
class PromptCompressor
{
    Q_DECLARE_TR_FUNCTIONS(PromptCompressor)
public:
    /// Reference: exactly the typical rules of the latency chapter (see preset()).
    enum class Preset { Chinese, English, Reference };

    PromptCompressor() = default;
    static PromptCompressor preset(Preset preset);
    /// "zh" / "en" / "reference".
    static std::optional<Preset> presetFromName(QStringView name);

    QList<CompressionRule> rules() const { return m_rules; }
    void setRules(const QList<CompressionRule> &rules);
    void addRule(const CompressionRule &rule);

    bool normalizeWhitespace() const { return m_normalizeWhitespace; }
    void setNormalizeWhitespace(bool on) { m_normalizeWhitespace = on; }
    bool removeRepeatedLines() const { return m_removeRepeatedLines; }
    void setRemoveRepeatedLines(bool on) { m_removeRepeatedLines = on; }
    bool removeRepeatedSentences() const { return m_removeRepeatedSentences; }
    void setRemoveRepeatedSentences(bool on) { m_removeRepeatedSentences = on; }

    /// Per rule: empty, or the error that keeps it from running ("invalid regular expression
    /// at offset 3: missing closing parenthesis").
    QList<QString> ruleErrors() const;
    /// The error of one rule as it would be checked (for editors validating as the user types).
    static QString ruleError(const CompressionRule &rule);

    CompressionResult compress(QStringView input) const;

    /// The typical rule of thumb for Chinese prompts: about two characters a token. Only ever
    /// shown beside an exact count, so that the user sees how far off the guess is.
    static constexpr int TypicalCharsPerToken = 2;
    static qint64 typicalTokenGuess(qsizetype chars) { return qint64(chars) / TypicalCharsPerToken; }

    /// {"version":1,"normalizeWhitespace":…,"removeRepeatedLines":…,"removeRepeatedSentences":…,
    ///  "rules":[{"name","pattern","replacement","regex","enabled","ignoreCase"}]}
    QJsonObject toJson() const;
    /// nullopt with \a error naming the problem (and the rule index) for malformed JSON.
    /// Invalid regular expressions load fine and are reported by ruleErrors().
    static std::optional<PromptCompressor> fromJson(const QJsonObject &json, QString *error);
    static std::optional<PromptCompressor> load(const QString &path, QString *error);
    bool save(const QString &path, QString *error) const;

private:
    void compile();

    QList<CompressionRule> m_rules;
    QList<QRegularExpression> m_compiled; // one per rule; unused for literal rules
    bool m_normalizeWhitespace = true;
    bool m_removeRepeatedLines = true;
    bool m_removeRepeatedSentences = false;
};
