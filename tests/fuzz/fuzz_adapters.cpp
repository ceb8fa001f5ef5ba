// Every protocol adapter on arbitrary bytes. The first byte picks the protocol: '0' + the
// index in Protocols::all() ('0' OpenAI chat ... '8' simple SSE; any other byte wraps
// around). The rest is one response body, used three ways:
//  1. framed by the real StreamDecoder for the protocol's stream format, every event fed to
//     handleEvent() (what the streaming client does);
//  2. handed whole to handleBody() of a fresh adapter (a non-streamed answer);
//  3. read by ProtocolAdapter::errorMessageFromBody() (an HTTP error body).
//
// Invariants beyond "no crash, no UB, no leak":
// - an Error item always carries a message;
// - errorMessageFromBody() is never empty, at most 300 characters, one line without
//   control or format characters, and never ends in half a surrogate pair.

#include "fuzzcheck.h"

#include "protocol/protocoladapter.h"
#include "wire/streamdecoder.h"

#include <QList>

namespace {

constexpr qsizetype Limit = 1024 * 1024;

void checkItems(const QList<StreamItem> &items)
{
    for (const StreamItem &item : items) {
        if (item.kind == StreamItem::Kind::Error)
            FUZZ_CHECK(!item.text.isEmpty());
    }
}

void checkMessage(const QString &message)
{
    FUZZ_CHECK(!message.isEmpty());
    FUZZ_CHECK(message.size() <= 300);
    for (const QChar c : message) {
        FUZZ_CHECK(c.category() != QChar::Other_Control);
        FUZZ_CHECK(c.category() != QChar::Other_Format);
        FUZZ_CHECK(c != QChar::LineSeparator && c != QChar::ParagraphSeparator);
    }
    FUZZ_CHECK(!message.back().isHighSurrogate());
    FUZZ_CHECK(message == message.simplified());
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    if (size < 1)
        return 0;
    static const QList<Protocol> protocols = Protocols::all();
    const auto index = qsizetype(std::uint8_t(data[0] - '0') % protocols.size());
    const Protocol protocol = protocols.at(index);
    const QByteArray body(reinterpret_cast<const char *>(data) + 1, qsizetype(size - 1));

    // 1. Streamed.
    {
        const auto adapter = ProtocolAdapter::create(protocol);
        FUZZ_CHECK(adapter && adapter->protocol() == protocol);
        const auto decoder = StreamDecoder::create(adapter->streamFormat(), Limit);
        QList<WireEvent> events;
        decoder->feed(body, events);
        decoder->finish(events);
        QList<StreamItem> items;
        for (const WireEvent &event : std::as_const(events))
            adapter->handleEvent(event, items);
        checkItems(items);
        (void)adapter->isComplete();
    }

    // 2. Not streamed.
    {
        const auto adapter = ProtocolAdapter::create(protocol);
        QList<StreamItem> items;
        adapter->handleBody(body, items);
        checkItems(items);
    }

    // 3. An HTTP error body (the status only shows in the fallback text).
    const int status = 400 + int(index) * 10;
    checkMessage(ProtocolAdapter::errorMessageFromBody(body, status));
    const StreamItem item = ProtocolAdapter::errorItemFromBody(body, status);
    FUZZ_CHECK(item.kind == StreamItem::Kind::Error);
    checkMessage(item.text);
    return 0;
}
