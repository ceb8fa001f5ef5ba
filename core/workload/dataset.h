#pragma once

#include "protocol/endpointprofile.h"

#include <QByteArrayView>
#include <QCoreApplication>
#include <QList>
#include <QString>
#include <QStringView>

#include <array>
#include <functional>
#include <limits>
#include <optional>

/// \brief One prompt of a dataset, with what the dataset says the answer was.
struct DatasetEntry
{
    QList<ChatMessage> messages; ///< the prompt: an optional system message, then the turns to send
    QString referenceAnswer; ///< the recorded answer (ShareGPT's gpt turn, a final assistant message); may be
                             ///< empty
    std::optional<int> outputTokens; ///< the output length the file states ("output_tokens"/"max_tokens")
    int line = 0; ///< 1-based line where the entry starts in its file
    QString id; ///< the entry's "id" when the file gives one

    /// Filled by Dataset::filtered() (and toRequests() with a counter); unset until counted.
    std::optional<int> inputTokens; ///< all message contents, counted
    std::optional<int> referenceTokens; ///< the reference answer, counted (unset when it is empty)

    /// The length to ask for: outputTokens when the file states it, else the counted reference answer.
    std::optional<int> outputTarget() const { return outputTokens ? outputTokens : referenceTokens; }
};

/*!
 * \brief A dataset of production-like prompts: ShareGPT JSON, chat JSONL or CSV, sampled with
 * a seed and filtered by token length.
 *
 * - ShareGPT: a top-level array of {"id": ..., "conversations": [{"from": ..., "value": ...}]}.
 *   The first "human"/"user" turn is the prompt (with the system turn just before it, if any);
 *   the turn right after it must be an answer ("gpt", "assistant", "chatgpt", "bard", "bing",
 *   "model") and becomes the reference answer. Other conversations are skipped and counted.
 * - JSONL: one object per non-blank line, either {"messages": [{"role", "content"}]} (content a
 *   string or an array of {"type": "text", "text": ...} parts) or {"prompt": "..."} with an
 *   optional "completion" as the reference answer; an optional "system" string; an optional
 *   "output_tokens" or "max_tokens". A final assistant message is the reference answer, not part
 *   of the prompt.
 * - CSV (RFC 4180, header row): the prompt column is the one named on request, else the first of
 *   "prompt", "question", "input", "text" (case-insensitive). Optional columns: "system",
 *   "output_tokens" (else "max_tokens"), and a reference answer ("answer", "response",
 *   "completion", "output" or "reference").
 *
 * The file must be strict UTF-8 (a BOM is ignored). Malformed content is an error naming the
 * file and line (and column, for JSON syntax); content that is well formed but unusable (a blank
 * prompt, no answer, an image part) is skipped and counted by reason in summary().
 */
class Dataset
{
    Q_DECLARE_TR_FUNCTIONS(Dataset)
public:
    enum class Format {
        Auto, ///< by extension (.json, .jsonl/.ndjson, .csv), else by the first non-blank character
        ShareGpt,
        Jsonl,
        Csv,
    };

    /// Why a well-formed record did not become an entry.
    enum class SkipReason {
        EmptyPrompt, ///< the prompt text is blank
        NoPrompt, ///< no human/user turn (or, after the reference answer is taken, no message left)
        NoAnswer, ///< ShareGPT: the first human turn is not followed by a non-empty answer
        Unsupported, ///< a content part that is not text, or a role other than system/user/assistant
    };
    static constexpr int SkipReasonCount = 4;

    /// Why an entry did not pass filtered().
    enum class FilterReason {
        InputOutOfRange,
        OutputOutOfRange,
        OutputUnknown, ///< an output range was given, but the entry has neither a stated length nor a
                       ///< reference answer
    };
    static constexpr int FilterReasonCount = 3;

    /// \brief An inclusive range of token counts; the default admits every count.
    struct TokenRange
    {
        qint64 min = 0;
        qint64 max = std::numeric_limits<qint64>::max();
        bool contains(qint64 tokens) const { return tokens >= min && tokens <= max; }
        bool isUnbounded() const { return min <= 0 && max == std::numeric_limits<qint64>::max(); }
    };

    /// Counts the tokens of a text, e.g. a TokenCounter's tokens() (cl100k_base when exact).
    using TokenCountFunction = std::function<qint64(QStringView)>;

    /// \brief What happened to the records of the file: read, skipped, filtered, sampled.
    struct Summary
    {
        qsizetype records = 0; ///< conversations, non-blank lines or CSV rows seen
        std::array<qsizetype, SkipReasonCount> skipped {}; ///< by SkipReason
        qsizetype entries = 0; ///< usable entries read (records minus skipped)
        std::optional<qsizetype> kept; ///< entries left by the last filtered(), if any
        std::array<qsizetype, FilterReasonCount>
            filteredOut {}; ///< by FilterReason, summed over filtered() calls
        std::optional<qsizetype> sampled; ///< entries drawn by the last sampled(), if any
        bool sampledWithRepeats = false; ///< more were asked for than there were entries

        qsizetype skippedTotal() const;
        /// Translated, e.g. "1000 records: 990 entries, 10 skipped (7 without an answer, 3 with
        /// an empty prompt); 800 in the token range; 100 sampled".
        QString text() const;
    };

    /// Larger files are refused. ShareGPT_V3 (about 650 MB) fits; the file is memory-mapped, and
    /// JSON is parsed one conversation at a time, so memory grows with the entries kept.
    static constexpr qint64 MaxFileBytes = qint64(1) << 30;
    /// sampled() draws at most this many entries.
    static constexpr qsizetype MaxSampleSize = 10'000'000;

    Dataset() = default;
    explicit Dataset(QList<DatasetEntry> entries, const QString &source = {});

    /*!
     * Reads the file at \a path; errors are prefixed with \a path (and ":line:" or
     * ":line:column:"). \a promptColumn names the CSV prompt column (case-insensitive); empty
     * means the default names. Fails when no entry is usable (the error then says why they were
     * skipped).
     */
    static std::optional<Dataset> fromFile(const QString &path, QString *error = nullptr,
                                           Format format = Format::Auto, const QString &promptColumn = {});
    /// Parses file contents; \a sourceName (usually the path) prefixes every error.
    static std::optional<Dataset> fromBytes(QByteArrayView content, const QString &sourceName,
                                            QString *error = nullptr, Format format = Format::Auto,
                                            const QString &promptColumn = {});

    /// The format Auto resolves to for a file named \a path holding \a content.
    static Format detectFormat(const QString &path, QByteArrayView content);
    /// "auto", "sharegpt", "jsonl" or "csv" (case-insensitive); nullopt for anything else.
    static std::optional<Format> formatFromName(QStringView name);
    /// The name formatFromName() takes.
    static QString formatName(Format format);
    /// Translated, e.g. "without an answer".
    static QString skipReasonText(SkipReason reason);
    static QString filterReasonText(FilterReason reason);

    /*!
     * The positions of a deterministic sample of \a n out of \a size: a Fisher–Yates shuffle
     * driven by std::mt19937_64 seeded with \a seed and an unbiased bounded draw (rejection), so
     * the same seed gives the same sample with every compiler and platform. The first n of one
     * shuffle when n ≤ size, so a smaller sample is a prefix of a larger one with the same seed.
     * When n > size, whole shuffles follow one another (the next a new permutation), so every
     * entry appears once before any appears twice. Empty when n ≤ 0 or size ≤ 0; n is capped at
     * MaxSampleSize.
     */
    static QList<qsizetype> samplePositions(qsizetype size, qsizetype n, quint64 seed);

    const QList<DatasetEntry> &entries() const { return m_entries; }
    qsizetype size() const { return m_entries.size(); }
    bool isEmpty() const { return m_entries.isEmpty(); }
    Format format() const { return m_format; }
    QString source() const { return m_source; }
    const Summary &summary() const { return m_summary; }

    /// \a n entries in the order samplePositions() gives (see there for n > size()).
    Dataset sampled(qsizetype n, quint64 seed) const;

    /*!
     * The entries whose input length is in \a input and whose output target is in \a output,
     * counting with \a count: the input is every message's content, the output target is the
     * stated length, else the counted reference answer. An entry with no output target passes
     * only an unbounded output range. Counts are kept in the entries (inputTokens,
     * referenceTokens), so toRequests() uses them. Filter before sampling to draw n entries
     * that are all in range.
     */
    Dataset filtered(const TokenRange &input, const TokenRange &output,
                     const TokenCountFunction &count) const;

    /*!
     * One request per entry: a copy of \a defaults with the entry's messages and, when the entry
     * has an output target, that as maxTokens. With \a count, reference answers not yet counted
     * are counted here; without it, an entry's target is its stated length or an earlier count.
     */
    QList<GenerationRequest> toRequests(const GenerationRequest &defaults,
                                        const TokenCountFunction &count = {}) const;

private:
    QList<DatasetEntry> m_entries;
    QString m_source;
    Format m_format = Format::Auto;
    Summary m_summary;
};
