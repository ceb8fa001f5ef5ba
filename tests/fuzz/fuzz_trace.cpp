// QueryTraceReader (the semantic cache's query traces) on arbitrary bytes. The first byte
// picks the format: 'c' CSV, anything else JSONL.
//
// Invariants beyond "no crash, no UB, no leak":
// - either a trace or an error that names a line, never both;
// - a trace is never empty, every query has text, and line numbers increase;
// - times() gives one value per query and never goes backwards when timestamps are absent.

#include "fuzzcheck.h"

#include "cache/querytrace.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    if (size < 1)
        return 0;
    const bool csv = data[0] == 'c';
    const QByteArray content(reinterpret_cast<const char *>(data) + 1, qsizetype(size - 1));
    QString error;
    const std::optional<QueryTrace> trace
        = csv ? QueryTraceReader::readCsv(content, &error) : QueryTraceReader::readJsonl(content, &error);
    FUZZ_CHECK(trace.has_value() != !error.isEmpty());
    if (!trace)
        return 0;
    FUZZ_CHECK(!trace->queries.isEmpty());
    int lastLine = 0;
    for (const TraceQuery &q : trace->queries) {
        FUZZ_CHECK(!q.text.isEmpty());
        FUZZ_CHECK(q.line > lastLine);
        lastLine = q.line;
    }
    const QList<double> times = trace->times();
    FUZZ_CHECK(times.size() == trace->queries.size());
    if (!trace->hasTimestamps()) {
        for (qsizetype i = 1; i < times.size(); ++i)
            FUZZ_CHECK(times.at(i) >= times.at(i - 1));
    }
    return 0;
}
