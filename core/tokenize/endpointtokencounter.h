#pragma once

#include "tokencounter.h"

#include "protocol/endpointprofile.h"

#include <QCoroTask>
#include <QObject>

class QNetworkAccessManager;
class StreamingClient;

/*!
 * \brief Asks an endpoint how many tokens a text is, in the endpoint's own tokenizer.
 *
 * First POST {root}/tokenize (llama.cpp: {"content": text} -> {"tokens": [...]}; vLLM:
 * {"model", "prompt"} -> {"count": n, "tokens": [...]}; one body carries both shapes). When
 * that route is missing or fails, sends the text as a one-token generation request and reads
 * usage.prompt_tokens (which includes the chat template's own tokens, and says so in the
 * count's note). A count of -1 with a note when neither works.
 */
class EndpointTokenCounter : public QObject
{
    Q_OBJECT
public:
    explicit EndpointTokenCounter(QObject *parent = nullptr);
    ~EndpointTokenCounter() override;

    void setTimeoutMs(int ms) { m_timeoutMs = ms; }

    QCoro::Task<TokenCount> count(EndpointProfile profile, QString text);
    /// Only POST /tokenize (tokens -1 with the note set on failure).
    QCoro::Task<TokenCount> tokenizeRoute(EndpointProfile profile, QString text);
    /// Only usage.prompt_tokens of a one-token generation request (tokens -1 on failure).
    QCoro::Task<TokenCount> promptUsage(EndpointProfile profile, QString text);

    /// The server root of \a profile's base URL (without a trailing /v1).
    static QUrl rootUrl(const EndpointProfile &profile);

private:
    QNetworkAccessManager *m_nam;
    StreamingClient *m_client;
    int m_timeoutMs = 15'000;
};
