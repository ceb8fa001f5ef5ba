#pragma once

#include <QMetaType>
#include <QString>

#include <optional>

/*!
 * \brief Timings a server reports about its own work (llama.cpp `timings`, Ollama
 * durations, vLLM `metrics`). All in milliseconds; absent when the server did not say.
 */
struct ServerTimings
{
    std::optional<double> queueMs;      ///< waiting in the server's queue before scheduling
    std::optional<double> loadMs;       ///< model load (Ollama load_duration)
    std::optional<double> promptMs;     ///< prompt processing (prefill)
    std::optional<qint64> promptTokens; ///< tokens the server processed in prefill
    std::optional<qint64> cachedPromptTokens; ///< prompt tokens served from the server's cache
    std::optional<double> generationMs; ///< decoding
    std::optional<qint64> generatedTokens;
    std::optional<double> totalMs;      ///< the server's own end-to-end figure

    bool isEmpty() const
    {
        return !queueMs && !loadMs && !promptMs && !promptTokens && !cachedPromptTokens
            && !generationMs && !generatedTokens && !totalMs;
    }
    /// Fills fields that are absent here from \a other.
    void mergeFrom(const ServerTimings &other);
};

/// \brief Token usage as the server reports it.
struct Usage
{
    std::optional<qint64> promptTokens;
    std::optional<qint64> completionTokens;
    std::optional<qint64> reasoningTokens;
    std::optional<qint64> cachedPromptTokens;
};

/*!
 * \brief One item of the uniform stream every protocol adapter produces.
 */
struct StreamItem
{
    enum class Kind {
        TextDelta,      ///< answer text
        ReasoningDelta, ///< reasoning/thinking text, kept apart from the answer
        Usage,          ///< token usage (may arrive several times; later values win)
        Timings,        ///< server-reported timings
        Finish,         ///< the generation ended (finishReason says why)
        Error,          ///< the server reported an error (in the body or as an event)
    };

    Kind kind = Kind::TextDelta;
    QString text;              ///< delta text (TextDelta/ReasoningDelta) or error message (Error)
    std::optional<qint64> tokens; ///< tokens carried by this delta, when the server says
    ::Usage usage;
    ServerTimings timings;
    QString finishReason;      ///< Finish: "stop", "length", ...
    QString errorType;         ///< Error: the server's error type/code when it gives one
    /// TextDelta: the choice it belongs to when a server sends several; 0 is the one measured.
    int choice = 0;

    static StreamItem delta(QString text, std::optional<qint64> tokens = {});
    static StreamItem reasoning(QString text, std::optional<qint64> tokens = {});
    static StreamItem usageItem(const ::Usage &usage);
    static StreamItem timingsItem(const ServerTimings &timings);
    static StreamItem finish(QString reason);
    static StreamItem error(QString message, QString type = {});
};

Q_DECLARE_METATYPE(StreamItem)
