#include "requesttrace.h"

#include <QCoreApplication>
#include <QHash>

QList<ErrorClass> ErrorClasses::all()
{
    return { ErrorClass::None,
             ErrorClass::InvalidRequest,
             ErrorClass::Dns,
             ErrorClass::Connect,
             ErrorClass::Tls,
             ErrorClass::HttpStatus,
             ErrorClass::ConnectTimeout,
             ErrorClass::FirstTokenTimeout,
             ErrorClass::StallTimeout,
             ErrorClass::TotalTimeout,
             ErrorClass::MalformedStream,
             ErrorClass::ServerError,
             ErrorClass::Reset,
             ErrorClass::Cancelled };
}

bool ErrorClasses::isGenerationTimeout(ErrorClass error)
{
    // A connect timeout is not one: no generation had started.
    return error == ErrorClass::FirstTokenTimeout || error == ErrorClass::StallTimeout
        || error == ErrorClass::TotalTimeout;
}

QString ErrorClasses::name(ErrorClass error)
{
    switch (error) {
    case ErrorClass::None:
        return QStringLiteral("none");
    case ErrorClass::InvalidRequest:
        return QStringLiteral("invalid-request");
    case ErrorClass::Dns:
        return QStringLiteral("dns");
    case ErrorClass::Connect:
        return QStringLiteral("connect");
    case ErrorClass::Tls:
        return QStringLiteral("tls");
    case ErrorClass::HttpStatus:
        return QStringLiteral("http-status");
    case ErrorClass::ConnectTimeout:
        return QStringLiteral("timeout-connect");
    case ErrorClass::FirstTokenTimeout:
        return QStringLiteral("timeout-first-token");
    case ErrorClass::StallTimeout:
        return QStringLiteral("timeout-stall");
    case ErrorClass::TotalTimeout:
        return QStringLiteral("timeout-total");
    case ErrorClass::MalformedStream:
        return QStringLiteral("malformed-stream");
    case ErrorClass::ServerError:
        return QStringLiteral("server-error");
    case ErrorClass::Reset:
        return QStringLiteral("reset");
    case ErrorClass::Cancelled:
        return QStringLiteral("cancelled");
    }
    return {};
}

QString FinishReasons::label(const QString &reason)
{
    // OpenAI, Anthropic, Gemini and Ollama name the same few endings differently.
    static const QHash<QString, const char *> labels {
        { QStringLiteral("stop"), QT_TRANSLATE_NOOP("FinishReason", "end of answer") },
        { QStringLiteral("end_turn"), QT_TRANSLATE_NOOP("FinishReason", "end of answer") },
        { QStringLiteral("STOP"), QT_TRANSLATE_NOOP("FinishReason", "end of answer") },
        { QStringLiteral("length"), QT_TRANSLATE_NOOP("FinishReason", "token limit reached") },
        { QStringLiteral("max_tokens"), QT_TRANSLATE_NOOP("FinishReason", "token limit reached") },
        { QStringLiteral("MAX_TOKENS"), QT_TRANSLATE_NOOP("FinishReason", "token limit reached") },
        { QStringLiteral("stop_sequence"), QT_TRANSLATE_NOOP("FinishReason", "stop sequence") },
        { QStringLiteral("tool_calls"), QT_TRANSLATE_NOOP("FinishReason", "tool call") },
        { QStringLiteral("tool_use"), QT_TRANSLATE_NOOP("FinishReason", "tool call") },
        { QStringLiteral("function_call"), QT_TRANSLATE_NOOP("FinishReason", "tool call") },
        { QStringLiteral("content_filter"), QT_TRANSLATE_NOOP("FinishReason", "content filter") },
        { QStringLiteral("SAFETY"), QT_TRANSLATE_NOOP("FinishReason", "content filter") },
    };
    const auto it = labels.constFind(reason);
    return it == labels.cend() ? reason : QCoreApplication::translate("FinishReason", it.value());
}

QString ErrorClasses::label(ErrorClass error)
{
    const char *text = "";
    switch (error) {
    case ErrorClass::None:
        text = QT_TRANSLATE_NOOP("ErrorClass", "OK");
        break;
    case ErrorClass::InvalidRequest:
        text = QT_TRANSLATE_NOOP("ErrorClass", "Invalid request");
        break;
    case ErrorClass::Dns:
        text = QT_TRANSLATE_NOOP("ErrorClass", "DNS failure");
        break;
    case ErrorClass::Connect:
        text = QT_TRANSLATE_NOOP("ErrorClass", "Connection failed");
        break;
    case ErrorClass::Tls:
        text = QT_TRANSLATE_NOOP("ErrorClass", "TLS failure");
        break;
    case ErrorClass::HttpStatus:
        text = QT_TRANSLATE_NOOP("ErrorClass", "HTTP error");
        break;
    case ErrorClass::ConnectTimeout:
        text = QT_TRANSLATE_NOOP("ErrorClass", "Connect timeout");
        break;
    case ErrorClass::FirstTokenTimeout:
        text = QT_TRANSLATE_NOOP("ErrorClass", "First-token timeout");
        break;
    case ErrorClass::StallTimeout:
        text = QT_TRANSLATE_NOOP("ErrorClass", "Stall timeout");
        break;
    case ErrorClass::TotalTimeout:
        text = QT_TRANSLATE_NOOP("ErrorClass", "Total timeout");
        break;
    case ErrorClass::MalformedStream:
        text = QT_TRANSLATE_NOOP("ErrorClass", "Malformed stream");
        break;
    case ErrorClass::ServerError:
        text = QT_TRANSLATE_NOOP("ErrorClass", "Server error");
        break;
    case ErrorClass::Reset:
        text = QT_TRANSLATE_NOOP("ErrorClass", "Reset or truncated");
        break;
    case ErrorClass::Cancelled:
        text = QT_TRANSLATE_NOOP("ErrorClass", "Cancelled");
        break;
    }
    return QCoreApplication::translate("ErrorClass", text);
}
