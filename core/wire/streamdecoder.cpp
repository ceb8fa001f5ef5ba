#include "streamdecoder.h"

#include "jsonbodydecoder.h"
#include "ndjsondecoder.h"
#include "ssedecoder.h"

std::unique_ptr<StreamDecoder> StreamDecoder::create(WireFormat format, qsizetype maxEventBytes)
{
    switch (format) {
    case WireFormat::Sse:
        return std::make_unique<SseDecoder>(maxEventBytes);
    case WireFormat::Ndjson:
        return std::make_unique<NdjsonDecoder>(maxEventBytes);
    case WireFormat::Json:
        return std::make_unique<JsonBodyDecoder>(maxEventBytes);
    }
    Q_UNREACHABLE();
    return {};
}
