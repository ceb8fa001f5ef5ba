#include "promptset.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonParseError>
#include <QStringDecoder>

#include <cmath>
#include <limits>

namespace {

bool isBlank(QByteArrayView line)
{
    for (const char c : line) {
        if (c != ' ' && c != '\t' && c != '\r' && c != '\v' && c != '\f')
            return false;
    }
    return true;
}

QByteArrayView withoutBom(QByteArrayView content)
{
    return content.startsWith("\xEF\xBB\xBF") ? content.sliced(3) : content;
}

/// Strict UTF-8: QString::fromUtf8 would silently put U+FFFD where a user's prompt was.
std::optional<QString> decodeUtf8(QByteArrayView bytes)
{
    // Stateless: a sequence cut off at the end of the line is an error, not a pending state.
    QStringDecoder decoder(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless);
    QString text = decoder(bytes);
    if (decoder.hasError())
        return std::nullopt;
    return text;
}

/// Parses one JSONL line into \a request; returns an error text (without the location) or {}.
QString parseJsonLine(QByteArrayView line, GenerationRequest &request)
{
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(line.toByteArray(), &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        return QCoreApplication::translate("PromptSet", "invalid JSON at column %1: %2")
            .arg(QString::number(parseError.offset + 1), parseError.errorString());
    }
    if (!document.isObject())
        return QCoreApplication::translate("PromptSet", "expected a JSON object");
    const QJsonObject object = document.object();

    const QJsonValue prompt = object.value(QLatin1String("prompt"));
    const QJsonValue messages = object.value(QLatin1String("messages"));
    if (!prompt.isUndefined() && !messages.isUndefined())
        return QCoreApplication::translate("PromptSet", "give either \"prompt\" or \"messages\", not both");

    QList<ChatMessage> chat;
    if (prompt.isString()) {
        if (prompt.toString().trimmed().isEmpty())
            return QCoreApplication::translate("PromptSet", "the prompt is empty");
        chat.append(ChatMessage { QStringLiteral("user"), prompt.toString() });
    } else if (messages.isArray()) {
        const QJsonArray array = messages.toArray();
        if (array.isEmpty())
            return QCoreApplication::translate("PromptSet", "\"messages\" is empty");
        for (qsizetype i = 0; i < array.size(); ++i) {
            const QJsonObject message = array.at(i).toObject();
            const QJsonValue role = message.value(QLatin1String("role"));
            const QJsonValue content = message.value(QLatin1String("content"));
            if (!role.isString() || !content.isString()) {
                return QCoreApplication::translate("PromptSet",
                                                   "message %1 needs a \"role\" string"
                                                   " and a \"content\" string")
                    .arg(i + 1);
            }
            const QString roleName = role.toString();
            if (roleName != QLatin1String("system") && roleName != QLatin1String("user")
                && roleName != QLatin1String("assistant")) {
                return QCoreApplication::translate("PromptSet",
                                                   "message %1 has the unknown role \"%2\""
                                                   " (expected system, user or assistant)")
                    .arg(QString::number(i + 1), roleName);
            }
            chat.append(ChatMessage { roleName, content.toString() });
        }
    } else {
        return QCoreApplication::translate("PromptSet",
                                           "expected a \"prompt\" string or a \"messages\" array");
    }

    const QJsonValue system = object.value(QLatin1String("system"));
    if (!system.isUndefined()) {
        if (!system.isString())
            return QCoreApplication::translate("PromptSet", "\"system\" must be a string");
        if (!system.toString().isEmpty())
            chat.prepend(ChatMessage { QStringLiteral("system"), system.toString() });
    }

    const QJsonValue maxTokens = object.value(QLatin1String("max_tokens"));
    if (!maxTokens.isUndefined()) {
        const double value = maxTokens.toDouble(-1);
        if (!maxTokens.isDouble() || value < 1 || value > std::numeric_limits<int>::max()
            || std::floor(value) != value) {
            return QCoreApplication::translate("PromptSet", "\"max_tokens\" must be a positive integer");
        }
        request.maxTokens = int(value);
    }
    request.messages = chat;
    return {};
}

} // namespace

std::optional<QList<GenerationRequest>> PromptSet::fromText(const QString &text,
                                                            const GenerationRequest &defaults, QString *error)
{
    if (text.trimmed().isEmpty()) {
        if (error)
            *error = QCoreApplication::translate("PromptSet", "the prompt is empty");
        return std::nullopt;
    }
    GenerationRequest request = defaults;
    request.messages = { ChatMessage { QStringLiteral("user"), text } };
    return QList<GenerationRequest> { request };
}

std::optional<QList<GenerationRequest>>
PromptSet::fromFile(const QString &path, const GenerationRequest &defaults, QString *error, Format format)
{
    const QString name = QDir::toNativeSeparators(path);
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        if (error)
            *error = QCoreApplication::translate("PromptSet", "%1: cannot read the file: %2")
                         .arg(name, file.errorString());
        return std::nullopt;
    }
    if (file.size() > MaxFileBytes) {
        if (error)
            *error = QCoreApplication::translate("PromptSet", "%1: the file is larger than %2 MiB")
                         .arg(name, QString::number(MaxFileBytes / (1024 * 1024)));
        return std::nullopt;
    }
    const QByteArray content = file.readAll();
    if (format == Format::Auto)
        format = detectFormat(path, content);
    return fromBytes(content, name, defaults, error, format);
}

std::optional<QList<GenerationRequest>> PromptSet::fromBytes(QByteArrayView content,
                                                             const QString &sourceName,
                                                             const GenerationRequest &defaults,
                                                             QString *error, Format format)
{
    if (format == Format::Auto)
        format = detectFormat(sourceName, content);
    const auto fail = [&](qsizetype lineNumber, const QString &message) {
        if (error)
            *error = QStringLiteral("%1:%2: %3").arg(sourceName, QString::number(lineNumber), message);
        return std::nullopt;
    };

    QList<GenerationRequest> requests;
    const QByteArrayView body = withoutBom(content);
    qsizetype lineNumber = 0;
    for (qsizetype from = 0; from < body.size();) {
        ++lineNumber;
        qsizetype end = body.indexOf('\n', from);
        if (end < 0)
            end = body.size();
        QByteArrayView line = body.sliced(from, end - from);
        from = end + 1;
        if (line.endsWith('\r'))
            line.chop(1);
        if (isBlank(line))
            continue;

        const std::optional<QString> text = decodeUtf8(line);
        if (!text)
            return fail(lineNumber, QCoreApplication::translate("PromptSet", "invalid UTF-8"));
        // Blank only once decoded (a stray BOM the decoder drops, U+00A0, U+3000...): a
        // prompt of nothing would be sent as is, so the line is skipped like any blank one.
        if (text->trimmed().isEmpty())
            continue;

        GenerationRequest request = defaults;
        if (format == Format::Jsonl) {
            const QString problem = parseJsonLine(line, request);
            if (!problem.isEmpty())
                return fail(lineNumber, problem);
        } else {
            request.messages = { ChatMessage { QStringLiteral("user"), text->trimmed() } };
        }
        requests.append(std::move(request));
    }

    if (requests.isEmpty()) {
        if (error)
            *error = QCoreApplication::translate("PromptSet", "%1: no prompts found").arg(sourceName);
        return std::nullopt;
    }
    return requests;
}

PromptSet::Format PromptSet::detectFormat(const QString &path, QByteArrayView content)
{
    const QString suffix = QFileInfo(path).suffix();
    if (suffix.compare(QLatin1String("jsonl"), Qt::CaseInsensitive) == 0
        || suffix.compare(QLatin1String("ndjson"), Qt::CaseInsensitive) == 0) {
        return Format::Jsonl;
    }
    for (const char c : withoutBom(content)) {
        if (c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\v' || c == '\f')
            continue;
        return c == '{' ? Format::Jsonl : Format::Text;
    }
    return Format::Text;
}
