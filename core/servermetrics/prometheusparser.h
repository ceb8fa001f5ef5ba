#pragma once

#include <QByteArrayView>
#include <QHash>
#include <QList>
#include <QMap>
#include <QString>

#include <optional>

/*!
 * \brief The Prometheus text exposition format, version 0.0.4: what GET /metrics of vLLM,
 * SGLang, TGI and llama.cpp answers.
 *
 * Reads `# HELP` / `# TYPE` lines, samples with labels, escapes, NaN and ±Inf, optional
 * timestamps, comments, blank lines and CRLF line ends. Untrusted input: a malformed line is
 * skipped and counted (the first few with their line numbers), never fatal; only a limit
 * (input size, sample count) stops parsing, with an error that says which. Linear in the input.
 */
namespace Prometheus {

/// \brief What a family's TYPE line declared (Untyped without one).
enum class MetricType { Untyped, Counter, Gauge, Histogram, Summary };

/// "counter", "gauge", "histogram", "summary" or "untyped", as written in a TYPE line.
QString typeName(MetricType type);

/// Label name → value (unescaped, UTF-8 decoded). Sorted, so two samples compare by content.
using Labels = QMap<QString, QString>;

/// \brief One sample line: a name, its labels, a value and the optional timestamp.
struct Sample
{
    QString name; ///< as written: "x", or "x_bucket", "x_sum", "x_count" for a histogram x
    Labels labels;
    double value = 0; ///< may be NaN or ±Inf
    std::optional<qint64> timestampMs;
};

/*!
 * \brief All the samples of one metric: a histogram "x" holds its x_bucket, x_sum and x_count
 * samples, a summary "x" its quantile samples and x_sum/x_count.
 */
struct MetricFamily
{
    QString name;
    MetricType type = MetricType::Untyped;
    QString help;
    QList<Sample> samples;
};

/// \brief What the parser accepts before it stops (or, for one line, skips it).
struct ParseLimits
{
    qsizetype maxInputBytes = qsizetype(8) * 1024 * 1024; ///< a larger input is not read at all
    qsizetype maxLineBytes = qsizetype(64) * 1024; ///< a longer line is skipped as malformed
    int maxSamples = 200'000; ///< parsing stops here (also the cap on families)
};

/// \brief A malformed line: 1-based line number and what was wrong with it.
struct LineError
{
    int line = 0;
    QString message;
};

/// \brief What one exposition held, plus what was wrong with it.
struct ParseResult
{
    /// How many malformed lines keep their line number in firstErrors.
    static constexpr int MaxReportedErrors = 5;

    QList<MetricFamily> families; ///< in the order first named (by a HELP, TYPE or sample line)
    int sampleCount = 0;
    int lineCount = 0;
    int skippedLines = 0; ///< malformed lines, skipped
    QList<LineError> firstErrors; ///< the first MaxReportedErrors malformed lines
    /// A limit stopped parsing (families then hold what came before it); empty when complete.
    QString error;

    bool ok() const { return error.isEmpty(); }
    /// The family named \a name, or null.
    const MetricFamily *family(const QString &name) const;
    /// "2 malformed lines skipped (line 3: …; line 9: …)", or empty when none was.
    QString skippedSummary() const;

    QHash<QString, qsizetype> familyIndex; ///< name → index in families
};

/// Parses \a text (UTF-8). Never throws, never reads past \a limits.
ParseResult parse(QByteArrayView text, const ParseLimits &limits = {});

/// A sample value or an `le`/`quantile` bound: decimal or scientific notation, NaN, ±Inf.
std::optional<double> parseValue(QByteArrayView token);

/// Whether \a name matches [a-zA-Z_:][a-zA-Z0-9_:]*.
bool isValidMetricName(QStringView name);
/// Whether \a name matches [a-zA-Z_][a-zA-Z0-9_]*.
bool isValidLabelName(QStringView name);

} // namespace Prometheus
