#pragma once

#include "batchexecutor.h"

#include "client/requestoptions.h"
#include "protocol/endpointprofile.h"

#include <QPointer>

class StreamingClient;

/*!
 * \brief Runs a DynamicBatcher's batches on a real endpoint.
 *
 * Two ways to send a batch:
 *  - PromptArray: one request carrying every prompt, for protocols that take several
 *    (OpenAI Completions' `prompt` array); the answers come back as choices and are matched
 *    to the requests by choice index. A server that answers fewer choices fails those
 *    requests with a clear message (some servers take only one prompt).
 *  - Concurrent: one request per prompt, all sent at once on the shared client, awaited
 *    together: the server's own (continuous) batching sees them as a batch.
 * Auto picks PromptArray where the protocol supports it, Concurrent elsewhere.
 */
class EndpointBatchExecutor final : public BatchExecutor
{
public:
    enum class Mode { Auto, PromptArray, Concurrent };

    /// \a client is not owned and must outlive the executor's batches (requests fail cleanly
    /// if it is gone). \a request gives max tokens, temperature and streaming for every prompt.
    EndpointBatchExecutor(StreamingClient *client, EndpointProfile profile, GenerationRequest request,
                          RequestOptions options = {}, Mode mode = Mode::Auto);

    QCoro::Task<QList<BatchResult>> execute(QList<BatchRequest> batch) override;

    /// Whether \a protocol accepts several prompts in one request.
    static bool acceptsPromptArray(Protocol protocol);
    Mode effectiveMode() const;
    int requestsSent() const { return m_requestsSent; }

private:
    QCoro::Task<QList<BatchResult>> executeAsArray(QList<BatchRequest> batch);
    QCoro::Task<QList<BatchResult>> executeConcurrently(QList<BatchRequest> batch);

    QPointer<StreamingClient> m_client;
    EndpointProfile m_profile;
    GenerationRequest m_request;
    RequestOptions m_options;
    Mode m_mode;
    int m_requestsSent = 0;
};
