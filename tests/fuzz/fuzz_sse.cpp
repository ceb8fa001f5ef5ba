// SseDecoder on arbitrary bytes: the first two bytes choose the event size limit and how the
// rest is split into reads.
//
// Invariants beyond "no crash, no UB, no leak":
// - no event (data, type, id) is larger than the limit, and the buffer stays within twice it;
// - the events and the error state do not depend on how the body was split.

#include "fuzzcheck.h"

#include "wire/ssedecoder.h"

#include <QList>

namespace {

// The production default is 8 MiB; 64 KiB keeps over-limit inputs within the fuzzer's reach.
// Seeds with the top bit set use a tiny limit (1..256 bytes) so the error path runs often.
constexpr qsizetype DefaultLimit = 64 * 1024;

qsizetype limitFor(std::uint16_t seed)
{
    return (seed & 0x8000u) ? qsizetype(1 + (seed & 0xFFu)) : DefaultLimit;
}

void checkEvents(const QList<WireEvent> &events, qsizetype limit)
{
    for (const WireEvent &event : events) {
        FUZZ_CHECK(event.data.size() <= limit);
        FUZZ_CHECK(event.type.size() <= limit);
        FUZZ_CHECK(event.id.size() <= limit);
        FUZZ_CHECK(!event.type.isEmpty());
    }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    if (size < 2)
        return 0;
    const auto seed = std::uint16_t(data[0] | (data[1] << 8));
    const QByteArrayView body(reinterpret_cast<const char *>(data) + 2, qsizetype(size - 2));
    const qsizetype limit = limitFor(seed);

    // Reference: the whole body in one read.
    SseDecoder whole(limit);
    QList<WireEvent> expected;
    const bool wholeOk = whole.feed(body, expected) && whole.finish(expected);
    checkEvents(expected, limit);
    FUZZ_CHECK(wholeOk != whole.hasError());
    FUZZ_CHECK(!wholeOk || whole.bufferedBytes() == 0);
    if (whole.retryMs())
        FUZZ_CHECK(*whole.retryMs() >= 0);

    // The same body in reads of varying size.
    SseDecoder split(limit);
    QList<WireEvent> events;
    Fuzz::Splitter splitter(seed);
    bool ok = true;
    for (qsizetype at = 0; ok && at < body.size();) {
        const qsizetype n = qMin(qsizetype(splitter.next()), body.size() - at);
        ok = split.feed(body.sliced(at, n), events);
        FUZZ_CHECK(split.bufferedBytes() <= 2 * limit);
        at += n;
    }
    if (ok)
        ok = split.finish(events);
    checkEvents(events, limit);

    FUZZ_CHECK(ok == wholeOk);
    FUZZ_CHECK(split.hasError() == whole.hasError());
    FUZZ_CHECK(events == expected);
    FUZZ_CHECK(split.retryMs() == whole.retryMs());
    FUZZ_CHECK(split.lastEventId() == whole.lastEventId());
    return 0;
}
