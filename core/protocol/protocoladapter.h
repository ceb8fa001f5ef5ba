#pragma once

#include "endpointprofile.h"
#include "streamitem.h"

#include "wire/wireevent.h"

#include <memory>

/*!
 * \brief Builds a provider's request and maps its decoded events to StreamItems.
 *
 * One adapter instance serves one request: it may keep state across events (Anthropic
 * content block types, the Responses API's event sequence).
 */
class ProtocolAdapter
{
public:
    virtual ~ProtocolAdapter() = default;

    virtual Protocol protocol() const = 0;
    /// Framing of the streamed body.
    virtual WireFormat streamFormat() const = 0;

    /// The HTTP request for \a request against \a profile (auth header from profile.apiKey).
    virtual HttpRequestSpec buildRequest(const EndpointProfile &profile,
                                         const GenerationRequest &request) const = 0;

    /// Maps one decoded event of a streamed body; appends zero or more items.
    /// An error the server reports becomes an Error item (its message, its type or code);
    /// an event that is not a JSON object becomes an Error item with errorType "malformed"
    /// and text "malformed JSON in stream: ...". Neither ends the stream: the caller decides.
    /// Events after the protocol's end marker ([DONE], message_stop, ...) are ignored.
    virtual void handleEvent(const WireEvent &event, QList<StreamItem> &out) = 0;

    /// Maps a whole non-streamed JSON body (a 2xx answer to a request with stream = false).
    virtual void handleBody(const QByteArray &body, QList<StreamItem> &out) = 0;

    /// The server said the stream is complete ([DONE], message_stop, done: true, ...).
    virtual bool isComplete() const = 0;

    /// The server's message from an HTTP error body (JSON error objects of any provider,
    /// or plain text/HTML shortened to one line). Never empty: falls back to a generic text.
    static QString errorMessageFromBody(const QByteArray &body, int httpStatus);
    /// The same as an Error item: the message plus the server's error type or code when
    /// the body names one ("http" when it is only the status).
    static StreamItem errorItemFromBody(const QByteArray &body, int httpStatus);

    static std::unique_ptr<ProtocolAdapter> create(Protocol protocol);
};
