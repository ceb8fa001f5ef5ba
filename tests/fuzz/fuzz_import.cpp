// The run importers on arbitrary bytes: HistoryStore::readExport (a tokenscope-cli run --json
// file) when the first byte is 't', VllmImport::read (vllm bench serve results) otherwise.
//
// Invariants beyond "no crash, no UB, no leak":
// - either a run or an error, never both;
// - every imported request's metrics are finite and its timestamps never run backwards
//   (first token after start, end after the first token), whatever the file claims;
// - an imported run stores into an in-memory history and loads back with as many requests.

#include "fuzzcheck.h"

#include "storage/historystore.h"
#include "storage/vllmimport.h"

#include <cmath>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    if (size < 1)
        return 0;
    const bool tokenscope = data[0] == 't';
    const QByteArray content(reinterpret_cast<const char *>(data) + 1, qsizetype(size - 1));
    QString error;
    const std::optional<ImportedRun> run
        = tokenscope ? HistoryStore::readExport(content, &error) : VllmImport::read(content, &error);
    FUZZ_CHECK(run.has_value() != !error.isEmpty());
    if (!run)
        return 0;
    for (const RequestRecord &r : run->records) {
        FUZZ_CHECK(std::isfinite(r.metrics.e2eMs));
        if (r.metrics.ttftMs)
            FUZZ_CHECK(std::isfinite(*r.metrics.ttftMs));
        const RequestTrace &t = r.trace;
        if (t.firstTokenNs >= 0 && t.startNs >= 0)
            FUZZ_CHECK(t.firstTokenNs >= t.startNs);
        if (t.endNs >= 0 && t.firstTokenNs >= 0)
            FUZZ_CHECK(t.endNs >= t.firstTokenNs);
    }
    if (run->records.size() <= 2000) {
        HistoryStore store;
        FUZZ_CHECK(store.open(QStringLiteral(":memory:")));
        const qint64 id = store.importRun(*run);
        FUZZ_CHECK(id > 0);
        const std::optional<StoredRun> back = store.loadRun(id);
        FUZZ_CHECK(back.has_value());
        FUZZ_CHECK(back->records.size() == run->records.size());
    }
    return 0;
}
