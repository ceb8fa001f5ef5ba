#pragma once

#include <QCoreApplication>
#include <QList>
#include <QString>

#include <optional>

/// \brief One query of a trace.
struct TraceQuery
{
    QString text;
    std::optional<double> timestampS; ///< seconds from any origin, when the trace says
    QString group; ///< duplicate-group label: queries of one group ask the same question
    int line = 0; ///< 1-based line in the file it came from
};

/// \brief A query trace, as read by QueryTraceReader.
struct QueryTrace
{
    QList<TraceQuery> queries;
    QString source; ///< file name, or "sample" / "reference" for a built-in trace

    bool hasGroups() const;
    bool hasTimestamps() const;
    /// Seconds of query \a i: its timestamp relative to the first, else i (one query a second).
    /// O(n) (it checks every query has a timestamp): replays use times() once instead.
    double timeOf(qsizetype i) const;
    /// timeOf() of every query, in one pass.
    QList<double> times() const;
};

/*!
 * \brief Reads query traces: JSONL (one object a line: "text", optional "timestamp"/"ts"
 * in seconds, optional "group"/"label") or CSV with a header naming the columns (text,
 * timestamp, group; RFC 4180 quoting). Every error names its line.
 */
class QueryTraceReader
{
    Q_DECLARE_TR_FUNCTIONS(QueryTraceReader)
public:
    static constexpr qint64 MaxFileBytes = 256ll * 1024 * 1024;
    static constexpr qsizetype MaxTextChars = 100'000;

    /// Reads \a path; the format follows its suffix (.csv, else JSONL). "sample" and "reference"
    /// read the built-in traces.
    static std::optional<QueryTrace> readFile(const QString &path, QString *error);
    static std::optional<QueryTrace> readJsonl(const QByteArray &data, QString *error);
    static std::optional<QueryTrace> readCsv(const QByteArray &data, QString *error);
    /// The bilingual sample trace compiled into the library (":/tokenscope/traces/cache_sample.jsonl").
    static QueryTrace sample();
    static QString samplePath();
    /// The five-query typical scenario (":/tokenscope/traces/cache_reference.jsonl"); its
    /// expected outcomes and settings are in ReferenceScenario.
    static QueryTrace reference();
    static QString referencePath();

private:
    static QueryTrace builtin(const QString &resource, const QString &source);
};
