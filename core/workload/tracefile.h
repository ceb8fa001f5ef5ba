#pragma once

#include <QByteArrayView>
#include <QCoreApplication>
#include <QList>
#include <QString>

#include <optional>

/// \brief One request of a timestamped trace.
struct TraceEntry
{
    qint64 arrivalNs = 0; ///< since the trace's first arrival (so the first entry is at 0)
    int inputTokens = 0; ///< prompt length; 0 when the line gives only a "prompt" (count it)
    int outputTokens = 0; ///< answer length to ask for; 0 when the line does not say
    QString sessionId; ///< requests of one conversation share it; may be empty
    QString prompt; ///< the prompt text, when the trace carries it; may be empty
    /// Mooncake's "hash_ids": one id per block of the prompt (512 tokens in the published
    /// traces); entries sharing leading ids share that prefix. Empty when absent.
    QList<qint64> hashIds;
    int line = 0; ///< 1-based line in the file
};

/*!
 * \brief A timestamped request trace to replay: JSONL, one object per non-blank line.
 *
 * Each line gives an arrival time in exactly one of:
 * - "timestamp": milliseconds (the Mooncake trace format: "timestamp", "input_length",
 *   "output_length", "hash_ids"),
 * - "arrival_ms": milliseconds,
 * - "arrival_s" or "t": seconds;
 * numbers may be fractional and need not start at 0. Then "input_tokens" (or "input_length"),
 * a whole number ≥ 1, which may be left out when a "prompt" string is given; optional
 * "output_tokens" (or "output_length"), ≥ 1; optional "session_id" (string or integer); optional
 * "prompt"; optional "hash_ids" (array of integers ≥ 0). Other keys are ignored.
 *
 * Entries are sorted by arrival time, stably (equal times keep their file order), and times are
 * made relative to the earliest. The file must be strict UTF-8 (a BOM is ignored); every error
 * names the file and line.
 */
class TraceFile
{
    Q_DECLARE_TR_FUNCTIONS(TraceFile)
public:
    static constexpr qint64 MaxFileBytes = 512ll * 1024 * 1024;
    static constexpr qsizetype MaxEntries = 2'000'000;
    /// Arrival times beyond ±this many seconds (about 126 years) are refused, so any two
    /// times are apart by less than qint64 nanoseconds can hold.
    static constexpr double MaxAbsSeconds = 4.0e9;

    /// Reads the file at \a path; errors are prefixed with \a path (and ":line:").
    static std::optional<TraceFile> fromFile(const QString &path, QString *error = nullptr);
    /// Parses file contents; \a sourceName (usually the path) prefixes every error.
    /// \a maxEntries lowers the limit (for tests).
    static std::optional<TraceFile> fromBytes(QByteArrayView content, const QString &sourceName,
                                              QString *error = nullptr, qsizetype maxEntries = MaxEntries);

    const QList<TraceEntry> &entries() const { return m_entries; }
    qsizetype size() const { return m_entries.size(); }
    bool isEmpty() const { return m_entries.isEmpty(); }
    QString source() const { return m_source; }
    /// The last arrival: how long the replay takes to send everything.
    qint64 durationNs() const { return m_entries.isEmpty() ? 0 : m_entries.constLast().arrivalNs; }
    /// The earliest time in the file, in nanoseconds of its own clock (what was subtracted).
    qint64 originNs() const { return m_originNs; }
    /// Lines whose time is earlier than the line before them (0 when the file was in order).
    qsizetype outOfOrderLines() const { return m_outOfOrder; }

    /*!
     * The same trace with every arrival time multiplied by \a timeScale: 2 replays it twice as
     * slowly, 0.5 twice as fast. \a timeScale must be a finite number > 0, and the scaled trace
     * must last less than qint64 nanoseconds can hold; otherwise nullopt with \a error saying so.
     */
    std::optional<TraceFile> scaled(double timeScale, QString *error = nullptr) const;

private:
    QList<TraceEntry> m_entries;
    QString m_source;
    qint64 m_originNs = 0;
    qsizetype m_outOfOrder = 0;
};
