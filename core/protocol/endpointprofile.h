#pragma once

#include "protocol.h"

#include <QByteArray>
#include <QList>
#include <QPair>
#include <QString>
#include <QStringList>
#include <QUrl>

#include <optional>

/*!
 * \brief An endpoint as a user configures it: where, which protocol, which model.
 *
 * The base URL is the one the provider documents (".../v1" for the OpenAI protocols, the
 * host root for the others); the adapter appends its own path and keeps any path prefix.
 * The profile never holds a secret itself: \c apiKeyEnv names an environment variable,
 * and \c apiKey is filled only in memory, just before sending.
 */
struct EndpointProfile
{
    QString id;    ///< stable identity across renames (a UUID; "embedded" for the built-in one)
    QString name;
    QString color; ///< "#rrggbb", the endpoint's colour in every chart
    QUrl baseUrl;
    Protocol protocol = Protocol::OpenAIChat;
    QString model;
    QList<QPair<QByteArray, QByteArray>> headers; ///< extra request headers
    QString apiKeyEnv;  ///< environment variable holding the API key (may be empty)
    QString apiKey;     ///< resolved at send time; never persisted, logged or exported
    bool verifyTls = true;
    double pricePerMInput = 0;  ///< currency units per million input tokens
    double pricePerMOutput = 0; ///< currency units per million output tokens
    /// Per million prompt tokens the provider read from its prompt cache (cheaper on most
    /// APIs); unset: the input price.
    std::optional<double> pricePerMCachedInput;
    /// Where the server's Prometheus metrics are read during runs and sweeps: empty (or
    /// "auto") for /metrics at the base URL's host root, "off", or the URL of its /metrics.
    QString serverMetrics;
    /// The proxy requests go through: empty for the environment's (HTTPS_PROXY, HTTP_PROXY,
    /// ALL_PROXY, NO_PROXY) or the system's, "none" for a direct connection, or a proxy URL
    /// (http://host:port for HTTP CONNECT, socks5:// or socks5h:// for SOCKS5). See ProxyResolver.
    QString proxy;

    /// Base URL + \a path, keeping any path prefix of the base URL and its query.
    QUrl urlFor(const QString &path) const;
    /*!
     * What a request cost: \a cachedPromptTokens of its \a promptTokens at the cached-input
     * price, the rest at the input price, \a completionTokens at the output price.
     */
    double requestCost(qint64 promptTokens, qint64 cachedPromptTokens, qint64 completionTokens) const;
};

/// \brief One chat message of a prompt.
struct ChatMessage
{
    QString role; ///< "system", "user" or "assistant"
    QString content;
};

/// \brief What is asked of the model: the prompt and the sampling parameters.
struct GenerationRequest
{
    QList<ChatMessage> messages;
    int maxTokens = 256;
    std::optional<double> temperature;
    bool stream = true;
    /// Several prompts in one request, for protocols that take a prompt array (OpenAI
    /// Completions): sent instead of the messages, answered as one choice per prompt, matched
    /// back by choice index. Empty: one prompt, from the messages.
    QStringList prompts;
    /*!
     * Asks for exactly maxTokens output tokens where the server has a way: `ignore_eos` (vLLM,
     * SGLang, llama.cpp) and `min_tokens` (vLLM), sent by the OpenAI-style, llama.cpp and plain
     * protocols only. Hosted APIs refuse unknown fields, so it is off unless asked for.
     */
    bool forceOutputLength = false;

    /// The prompt as one text (for completion-style protocols): messages joined.
    QString promptText() const;
    QString systemText() const;
};

/// \brief An HTTP request ready to send, as an adapter builds it.
struct HttpRequestSpec
{
    QByteArray method = "POST";
    QUrl url;
    QList<QPair<QByteArray, QByteArray>> headers;
    QByteArray body;
};
