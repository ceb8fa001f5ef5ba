#include "endpointbatchexecutor.h"

#include "client/streamingclient.h"

#include <QCoreApplication>

#include <algorithm>
#include <cmath>

namespace {

class Text
{
    Q_DECLARE_TR_FUNCTIONS(EndpointBatchExecutor)
};

GenerationRequest forPrompt(GenerationRequest request, const QString &prompt)
{
    request.prompts.clear();
    request.messages = { ChatMessage { QStringLiteral("user"), prompt } };
    return request;
}

QString failureText(const RequestTrace &trace)
{
    return trace.errorMessage.isEmpty() ? ErrorClasses::label(trace.error) : trace.errorMessage;
}

} // namespace

EndpointBatchExecutor::EndpointBatchExecutor(StreamingClient *client, EndpointProfile profile,
                                             GenerationRequest request, RequestOptions options, Mode mode)
    : m_client(client)
    , m_profile(std::move(profile))
    , m_request(std::move(request))
    , m_options(options)
    , m_mode(mode)
{
}

bool EndpointBatchExecutor::acceptsPromptArray(Protocol protocol)
{
    return protocol == Protocol::OpenAICompletions;
}

EndpointBatchExecutor::Mode EndpointBatchExecutor::effectiveMode() const
{
    if (m_mode != Mode::Auto)
        return m_mode;
    return acceptsPromptArray(m_profile.protocol) ? Mode::PromptArray : Mode::Concurrent;
}

QCoro::Task<QList<BatchResult>> EndpointBatchExecutor::execute(QList<BatchRequest> batch)
{
    if (batch.isEmpty())
        co_return QList<BatchResult> {};
    if (!m_client) {
        QList<BatchResult> failed;
        for (const BatchRequest &r : std::as_const(batch))
            failed.append(BatchResult::failed(r.id, Text::tr("the client is gone")));
        co_return failed;
    }
    // One prompt needs no array; a protocol without arrays cannot take one.
    const bool asArray = batch.size() > 1 && effectiveMode() == Mode::PromptArray
        && acceptsPromptArray(m_profile.protocol);
    if (asArray)
        co_return co_await executeAsArray(std::move(batch));
    co_return co_await executeConcurrently(std::move(batch));
}

QCoro::Task<QList<BatchResult>> EndpointBatchExecutor::executeAsArray(QList<BatchRequest> batch)
{
    GenerationRequest request = m_request;
    request.messages.clear();
    request.prompts.clear();
    for (const BatchRequest &r : std::as_const(batch))
        request.prompts.append(r.prompt);
    ++m_requestsSent;
    QPointer<StreamingClient> client = m_client;
    const RequestTrace trace = co_await client->send(m_profile, request, m_options);

    QList<BatchResult> results;
    const qint64 completion = trace.usage.completionTokens.value_or(0);
    qint64 totalChars = trace.text.size();
    for (auto it = trace.otherChoices.cbegin(); it != trace.otherChoices.cend(); ++it)
        totalChars += it.value().size();
    for (qsizetype i = 0; i < batch.size(); ++i) {
        const quint64 requestId = batch.at(i).id;
        const bool present = i == 0 ? !trace.text.isEmpty() || trace.ok() : trace.otherChoices.contains(int(i));
        if (!trace.ok() && !present) {
            results.append(BatchResult::failed(requestId, failureText(trace)));
            continue;
        }
        if (!present) {
            results.append(BatchResult::failed(
                requestId, Text::tr("the server answered no choice %1 for a batch of %2 prompts (does it take "
                                    "a prompt array?)")
                               .arg(i)
                               .arg(batch.size())));
            continue;
        }
        BatchResult result;
        result.status = trace.ok() ? BatchResult::Status::Ok : BatchResult::Status::Failed;
        result.id = requestId;
        result.text = i == 0 ? trace.text : trace.otherChoices.value(int(i));
        if (!trace.ok())
            result.error = failureText(trace);
        results.append(result);
    }
    // The server reports usage for the whole request: share it by answer length, largest
    // remainders first, so that the shares add up to the reported total.
    if (totalChars > 0 && completion > 0) {
        QList<std::pair<double, qsizetype>> remainders;
        qint64 given = 0;
        for (qsizetype i = 0; i < results.size(); ++i) {
            const double exact = double(completion) * double(results.at(i).text.size()) / double(totalChars);
            results[i].outputTokens = int(exact);
            given += results.at(i).outputTokens;
            remainders.append({ exact - std::floor(exact), i });
        }
        std::sort(remainders.begin(), remainders.end(), [](const auto &a, const auto &b) { return a.first > b.first; });
        for (qsizetype k = 0; k < remainders.size() && given < completion; ++k, ++given)
            ++results[remainders.at(k).second].outputTokens;
    }
    co_return results;
}

QCoro::Task<QList<BatchResult>> EndpointBatchExecutor::executeConcurrently(QList<BatchRequest> batch)
{
    // Every request starts now (tasks run eagerly to their first suspension), then all are
    // awaited: the batch takes as long as its slowest request.
    QPointer<StreamingClient> client = m_client;
    std::vector<QCoro::Task<RequestTrace>> tasks;
    tasks.reserve(std::size_t(batch.size()));
    for (const BatchRequest &r : std::as_const(batch)) {
        ++m_requestsSent;
        tasks.push_back(client->send(m_profile, forPrompt(m_request, r.prompt), m_options));
    }
    QList<BatchResult> results;
    for (std::size_t i = 0; i < tasks.size(); ++i) {
        const RequestTrace trace = co_await tasks[i];
        const quint64 requestId = batch.at(qsizetype(i)).id;
        if (!trace.ok()) {
            results.append(BatchResult::failed(requestId, failureText(trace)));
            continue;
        }
        BatchResult result;
        result.status = BatchResult::Status::Ok;
        result.id = requestId;
        result.text = trace.text;
        result.outputTokens = int(trace.usage.completionTokens.value_or(trace.chunks.size()));
        results.append(result);
    }
    co_return results;
}
