#pragma once

#include "wire/streamdecoder.h"

#include <QtGlobal>

/// \brief Limits and switches for one request (0 disables a timeout).
struct RequestOptions
{
    qint64 connectTimeoutMs = 10'000; ///< until TCP (and TLS) is up
    qint64 firstTokenTimeoutMs = 120'000; ///< from start until the first content token
    qint64 stallTimeoutMs = 60'000; ///< no bytes at all for this long after the first token
    qint64 totalTimeoutMs = 600'000; ///< the whole request
    bool reuseConnections = true; ///< keep-alive pool; off = a cold connection per request
    qsizetype maxEventBytes = StreamDecoder::DefaultMaxEventBytes; ///< one SSE event / NDJSON line
    qsizetype maxErrorBodyBytes = 1024 * 1024; ///< what is kept of a non-2xx body
    qsizetype maxTextChars = 32 * 1024 * 1024; ///< answer + reasoning text kept per request
};
