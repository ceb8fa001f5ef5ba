#include "dataset.h"
#include "boundedread.h"
#include "inputtext.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonParseError>
#include <QStringList>

#include <algorithm>
#include <cmath>
#include <random>

namespace {

using InputText::columnOf;
using InputText::isBlank;
using InputText::isSpace;
using InputText::lineOf;
using InputText::positiveInt;

QByteArrayView withoutBom(QByteArrayView content)
{
    return content.startsWith("\xEF\xBB\xBF") ? content.sliced(3) : content;
}

/// The line of the first byte that is not strict UTF-8, or 0 when all of \a body is valid.
/// A line break is never part of a multi-byte sequence, so checking line by line finds it.
int firstInvalidUtf8Line(QByteArrayView body)
{
    if (body.isValidUtf8())
        return 0;
    int line = 0;
    for (qsizetype from = 0; from <= body.size();) {
        ++line;
        qsizetype end = body.indexOf('\n', from);
        if (end < 0)
            end = body.size();
        if (!body.sliced(from, end - from).isValidUtf8())
            return line;
        from = end + 1;
    }
    return line; // not reached: some line is invalid
}

int clampToInt(qint64 value)
{
    return int(std::clamp<qint64>(value, 0, std::numeric_limits<int>::max()));
}

enum class Speaker { Human, Answer, System, Other };

/// ShareGPT's "from": the names seen in ShareGPT dumps and their OpenAI-style equivalents.
Speaker speakerOf(const QString &from)
{
    const QString name = from.trimmed().toLower();
    if (name == u"human" || name == u"user")
        return Speaker::Human;
    if (name == u"gpt" || name == u"assistant" || name == u"chatgpt" || name == u"bard" || name == u"bing"
        || name == u"model") {
        return Speaker::Answer;
    }
    if (name == u"system")
        return Speaker::System;
    return Speaker::Other;
}

/// The chat role of a JSONL "role", or empty when the request cannot carry it ("tool", ...).
QString chatRoleOf(const QString &role)
{
    if (role == u"system" || role == u"developer") // "developer" is OpenAI's newer name for system
        return QStringLiteral("system");
    if (role == u"user" || role == u"assistant")
        return role;
    return {};
}

class Reader
{
public:
    Reader(QByteArrayView body, const QString &source)
        : m_body(body)
        , m_source(source)
    {
    }

    bool readShareGpt();
    bool readJsonl();
    bool readCsv(const QString &promptColumn);

    QList<DatasetEntry> entries;
    Dataset::Summary summary;
    QString error;

private:
    bool fail(int line, const QString &message)
    {
        error = QStringLiteral("%1:%2: %3").arg(m_source, QString::number(line), message);
        return false;
    }
    bool failAt(qsizetype offset, const QString &message)
    {
        error = QStringLiteral("%1:%2:%3: %4")
                    .arg(m_source, QString::number(lineOf(m_body, offset)),
                         QString::number(columnOf(m_body, offset)), message);
        return false;
    }
    void skip(Dataset::SkipReason reason) { ++summary.skipped[size_t(reason)]; }

    qsizetype skipSpace(qsizetype pos) const
    {
        while (pos < m_body.size() && isSpace(m_body.at(pos)))
            ++pos;
        return pos;
    }
    qsizetype objectEnd(qsizetype pos) const;

    /// Reads one ShareGPT conversation; false (with error set) only for malformed content.
    bool readConversation(const QJsonObject &object, int line, const QString &where);
    bool readJsonObject(const QJsonObject &object, int line);
    /// Adds \a entry, or skips it when its prompt is unusable.
    void add(DatasetEntry &&entry);

    QByteArrayView m_body;
    QString m_source;
};

void Reader::add(DatasetEntry &&entry)
{
    const bool hasUser = std::any_of(entry.messages.cbegin(), entry.messages.cend(),
                                     [](const ChatMessage &m) { return m.role == u"user"; });
    if (!hasUser) {
        skip(Dataset::SkipReason::NoPrompt);
        return;
    }
    if (entry.messages.constLast().content.trimmed().isEmpty()) {
        skip(Dataset::SkipReason::EmptyPrompt);
        return;
    }
    entries.append(std::move(entry));
}

/// The offset just past the object starting at \a pos ('{'), or -1 when the file ends first.
/// Only strings and nesting are tracked; QJsonDocument then checks the object properly.
qsizetype Reader::objectEnd(qsizetype pos) const
{
    int depth = 0;
    bool inString = false;
    const char *data = m_body.data();
    for (qsizetype i = pos; i < m_body.size(); ++i) {
        const char c = data[i];
        if (inString) {
            if (c == '\\')
                ++i;
            else if (c == '"')
                inString = false;
            continue;
        }
        if (c == '"') {
            inString = true;
        } else if (c == '{' || c == '[') {
            ++depth;
        } else if (c == '}' || c == ']') {
            if (--depth == 0)
                return i + 1;
        }
    }
    return -1;
}

// The array is split into its conversations and each is parsed alone: a 650 MB file never
// becomes one QJsonDocument (several times its size in memory), and each entry knows its line.
bool Reader::readShareGpt()
{
    const auto truncated = [this] {
        return failAt(m_body.size(),
                      Dataset::tr("the file ends before the array is closed (is it truncated?)"));
    };
    qsizetype pos = skipSpace(0);
    if (pos < m_body.size() && m_body.at(pos) == '{') {
        return failAt(pos,
                      Dataset::tr("expected a JSON array of conversations"
                                  " ([{\"conversations\": [...]}, ...]); a file of one object"
                                  " per line is read as JSONL"));
    }
    if (pos >= m_body.size() || m_body.at(pos) != '[') {
        return failAt(pos,
                      Dataset::tr("expected a JSON array of conversations"
                                  " ([{\"conversations\": [...]}, ...])"));
    }
    pos = skipSpace(pos + 1);
    const bool emptyArray = pos < m_body.size() && m_body.at(pos) == ']';

    int line = 1;
    qsizetype lineCountedTo = 0;
    for (qsizetype index = 1; !emptyArray; ++index) {
        pos = skipSpace(pos);
        if (pos >= m_body.size())
            return truncated();
        if (m_body.at(pos) != '{') {
            return failAt(pos, Dataset::tr("conversation %1: expected a JSON object").arg(index));
        }
        line += int(std::count(m_body.begin() + lineCountedTo, m_body.begin() + pos, '\n'));
        lineCountedTo = pos;

        const qsizetype end = objectEnd(pos);
        if (end < 0) {
            return failAt(m_body.size(),
                          Dataset::tr("the file ends inside conversation %1, which starts on line %2"
                                      " (is it truncated?)")
                              .arg(index)
                              .arg(line));
        }
        QJsonParseError parseError;
        const QJsonDocument document
            = QJsonDocument::fromJson(QByteArray(m_body.data() + pos, end - pos), &parseError);
        if (parseError.error != QJsonParseError::NoError)
            return failAt(pos + parseError.offset,
                          Dataset::tr("invalid JSON: %1").arg(parseError.errorString()));
        if (!readConversation(document.object(), line, Dataset::tr("conversation %1").arg(index)))
            return false;

        pos = skipSpace(end);
        if (pos >= m_body.size())
            return truncated();
        if (m_body.at(pos) == ',') {
            const qsizetype next = skipSpace(pos + 1);
            if (next < m_body.size() && m_body.at(next) == ']')
                return failAt(pos, Dataset::tr("a comma before the closing ']' (JSON allows none)"));
            pos = next;
            continue;
        }
        if (m_body.at(pos) == ']')
            break;
        return failAt(pos, Dataset::tr("expected ',' or ']' after conversation %1").arg(index));
    }
    pos = skipSpace(pos + 1);
    if (pos < m_body.size())
        return failAt(pos, Dataset::tr("unexpected content after the array"));
    return true;
}

bool Reader::readConversation(const QJsonObject &object, int line, const QString &where)
{
    ++summary.records;
    const QJsonValue turnsValue = object.value(QLatin1String("conversations"));
    if (!turnsValue.isArray())
        return fail(line, Dataset::tr("%1: expected a \"conversations\" array").arg(where));
    const QJsonArray turns = turnsValue.toArray();

    QList<Speaker> speakers;
    QStringList values;
    speakers.reserve(turns.size());
    values.reserve(turns.size());
    for (qsizetype i = 0; i < turns.size(); ++i) {
        const QJsonObject turn = turns.at(i).toObject();
        const QJsonValue from = turn.value(QLatin1String("from"));
        const QJsonValue value = turn.value(QLatin1String("value"));
        if (!from.isString() || !value.isString()) {
            return fail(line,
                        Dataset::tr("%1, turn %2: expected an object with \"from\" and \"value\" strings")
                            .arg(where)
                            .arg(i + 1));
        }
        speakers.append(speakerOf(from.toString()));
        values.append(value.toString());
    }

    const qsizetype human = speakers.indexOf(Speaker::Human);
    if (human < 0) {
        skip(Dataset::SkipReason::NoPrompt);
        return true;
    }
    if (values.at(human).trimmed().isEmpty()) {
        skip(Dataset::SkipReason::EmptyPrompt);
        return true;
    }
    if (human + 1 >= speakers.size() || speakers.at(human + 1) != Speaker::Answer
        || values.at(human + 1).trimmed().isEmpty()) {
        skip(Dataset::SkipReason::NoAnswer);
        return true;
    }

    DatasetEntry entry;
    entry.line = line;
    const QJsonValue id = object.value(QLatin1String("id"));
    if (id.isString())
        entry.id = id.toString();
    else if (id.isDouble())
        entry.id = QString::number(id.toDouble(), 'g', 17);
    if (human > 0 && speakers.at(human - 1) == Speaker::System && !values.at(human - 1).trimmed().isEmpty())
        entry.messages.append(ChatMessage { QStringLiteral("system"), values.at(human - 1) });
    entry.messages.append(ChatMessage { QStringLiteral("user"), values.at(human) });
    entry.referenceAnswer = values.at(human + 1);
    add(std::move(entry));
    return true;
}

bool Reader::readJsonl()
{
    qsizetype lineNumber = 0;
    for (qsizetype from = 0; from < m_body.size();) {
        ++lineNumber;
        qsizetype end = m_body.indexOf('\n', from);
        if (end < 0)
            end = m_body.size();
        const qsizetype lineStart = from;
        const QByteArrayView line = m_body.sliced(from, end - from);
        from = end + 1;
        if (isBlank(line))
            continue;

        QJsonParseError parseError;
        const QJsonDocument document = QJsonDocument::fromJson(line.toByteArray(), &parseError);
        if (parseError.error != QJsonParseError::NoError)
            return failAt(lineStart + parseError.offset,
                          Dataset::tr("invalid JSON: %1").arg(parseError.errorString()));
        if (!document.isObject())
            return fail(int(lineNumber), Dataset::tr("expected a JSON object"));
        if (!readJsonObject(document.object(), int(lineNumber)))
            return false;
    }
    return true;
}

bool Reader::readJsonObject(const QJsonObject &object, int line)
{
    const QJsonValue prompt = object.value(QLatin1String("prompt"));
    const QJsonValue messages = object.value(QLatin1String("messages"));
    const QJsonValue conversations = object.value(QLatin1String("conversations"));
    // ShareGPT conversations saved one per line.
    if (prompt.isUndefined() && messages.isUndefined() && !conversations.isUndefined())
        return readConversation(object, line, Dataset::tr("the conversation"));

    ++summary.records;
    if (!prompt.isUndefined() && !messages.isUndefined())
        return fail(line, Dataset::tr("give either \"prompt\" or \"messages\", not both"));
    if (!prompt.isString() && !messages.isArray())
        return fail(line, Dataset::tr("expected a \"prompt\" string or a \"messages\" array"));

    DatasetEntry entry;
    entry.line = line;
    const QJsonValue id = object.value(QLatin1String("id"));
    if (id.isString())
        entry.id = id.toString();
    else if (id.isDouble())
        entry.id = QString::number(id.toDouble(), 'g', 17);

    const QJsonValue outputTokens = object.value(QLatin1String("output_tokens"));
    const QJsonValue maxTokens = object.value(QLatin1String("max_tokens"));
    if (!outputTokens.isUndefined() && !maxTokens.isUndefined())
        return fail(line, Dataset::tr("give either \"output_tokens\" or \"max_tokens\", not both"));
    const QJsonValue length = outputTokens.isUndefined() ? maxTokens : outputTokens;
    if (!length.isUndefined() && !length.isNull()) {
        entry.outputTokens = positiveInt(length);
        if (!entry.outputTokens) {
            return fail(line,
                        Dataset::tr("\"%1\" must be a positive integer")
                            .arg(outputTokens.isUndefined() ? QStringLiteral("max_tokens")
                                                            : QStringLiteral("output_tokens")));
        }
    }

    const QJsonValue system = object.value(QLatin1String("system"));
    if (!system.isUndefined() && !system.isNull() && !system.isString())
        return fail(line, Dataset::tr("\"system\" must be a string"));
    const QJsonValue completion = object.value(QLatin1String("completion"));
    if (!completion.isUndefined() && !completion.isNull() && !completion.isString())
        return fail(line, Dataset::tr("\"completion\" must be a string"));

    bool unsupported = false;
    if (prompt.isString()) {
        entry.messages.append(ChatMessage { QStringLiteral("user"), prompt.toString() });
    } else {
        const QJsonArray array = messages.toArray();
        for (qsizetype i = 0; i < array.size(); ++i) {
            const QJsonObject message = array.at(i).toObject();
            const QJsonValue role = message.value(QLatin1String("role"));
            const QJsonValue content = message.value(QLatin1String("content"));
            if (!role.isString()) {
                return fail(line, Dataset::tr("message %1 needs a \"role\" string").arg(i + 1));
            }
            QString text;
            if (content.isString()) {
                text = content.toString();
            } else if (content.isArray()) {
                // Text parts are joined by line breaks; an image or audio part cannot be sent
                // as text, so the entry is skipped rather than sent without it.
                QStringList parts;
                const QJsonArray partArray = content.toArray();
                for (qsizetype p = 0; p < partArray.size(); ++p) {
                    const QJsonObject part = partArray.at(p).toObject();
                    const QJsonValue type = part.value(QLatin1String("type"));
                    if (!type.isString()) {
                        return fail(
                            line,
                            Dataset::tr("message %1, part %2 needs a \"type\" string").arg(i + 1).arg(p + 1));
                    }
                    if (type.toString() != u"text") {
                        unsupported = true;
                        continue;
                    }
                    const QJsonValue partText = part.value(QLatin1String("text"));
                    if (!partText.isString()) {
                        return fail(
                            line,
                            Dataset::tr("message %1, part %2 needs a \"text\" string").arg(i + 1).arg(p + 1));
                    }
                    parts.append(partText.toString());
                }
                text = parts.join(QLatin1Char('\n'));
            } else if (content.isNull()) {
                unsupported = true; // e.g. an assistant message holding only tool calls
            } else {
                return fail(
                    line,
                    Dataset::tr("message %1 needs a \"content\" string or an array of parts").arg(i + 1));
            }
            const QString chatRole = chatRoleOf(role.toString());
            if (chatRole.isEmpty())
                unsupported = true;
            entry.messages.append(ChatMessage { chatRole, text });
        }
    }
    if (unsupported) {
        skip(Dataset::SkipReason::Unsupported);
        return true;
    }

    if (!entry.messages.isEmpty() && entry.messages.constLast().role == u"assistant")
        entry.referenceAnswer = entry.messages.takeLast().content;
    else if (completion.isString())
        entry.referenceAnswer = completion.toString();
    if (system.isString() && !system.toString().trimmed().isEmpty())
        entry.messages.prepend(ChatMessage { QStringLiteral("system"), system.toString() });
    add(std::move(entry));
    return true;
}

/// RFC 4180 records over the raw bytes (the special characters are all ASCII, so no UTF-8
/// sequence can be cut): quoted fields may hold commas, doubled quotes and line breaks; records
/// end with LF or CRLF. A quote inside an unquoted field is taken literally.
class CsvParser
{
public:
    explicit CsvParser(QByteArrayView data)
        : m_data(data)
    {
    }

    bool atEnd() const { return m_pos >= m_data.size(); }
    int line() const { return m_line; }

    /// The next record; false with \a problem (and \a problemLine) on malformed quoting.
    bool next(QList<QByteArray> &fields, bool &quoted, QString &problem, int &problemLine)
    {
        fields.clear();
        quoted = false;
        QByteArray field;
        const int startLine = m_line;
        while (m_pos < m_data.size()) {
            const char c = m_data.at(m_pos);
            if (c == '"' && !m_fieldStarted) {
                quoted = true;
                ++m_pos;
                if (!readQuoted(field)) {
                    problem = QCoreApplication::translate("Dataset",
                                                          "a quoted field that opens on line %1 is"
                                                          " never closed")
                                  .arg(m_quoteLine);
                    problemLine = startLine;
                    return false;
                }
                m_fieldStarted = true;
                if (m_pos < m_data.size() && !isRecordBreak(m_pos) && m_data.at(m_pos) != ',') {
                    problem = Dataset::tr("unexpected text after a closing quote (a quote inside a"
                                          " quoted field is written twice: \"\")");
                    problemLine = m_line;
                    return false;
                }
                continue;
            }
            if (c == ',') {
                fields.append(field);
                field.clear();
                m_fieldStarted = false;
                ++m_pos;
                continue;
            }
            if (isRecordBreak(m_pos)) {
                m_pos += c == '\r' ? 2 : 1;
                ++m_line;
                break;
            }
            field.append(c);
            m_fieldStarted = true;
            ++m_pos;
        }
        fields.append(field);
        m_fieldStarted = false;
        return true;
    }

private:
    bool isRecordBreak(qsizetype pos) const
    {
        const char c = m_data.at(pos);
        return c == '\n' || (c == '\r' && pos + 1 < m_data.size() && m_data.at(pos + 1) == '\n');
    }

    bool readQuoted(QByteArray &field)
    {
        m_quoteLine = m_line;
        while (m_pos < m_data.size()) {
            const char c = m_data.at(m_pos);
            if (c == '"') {
                if (m_pos + 1 < m_data.size() && m_data.at(m_pos + 1) == '"') {
                    field.append('"');
                    m_pos += 2;
                    continue;
                }
                ++m_pos;
                return true;
            }
            if (c == '\r' && m_pos + 1 < m_data.size() && m_data.at(m_pos + 1) == '\n') {
                field.append('\n'); // a file saved on Windows must not change the prompt
                m_pos += 2;
                ++m_line;
                continue;
            }
            if (c == '\n')
                ++m_line;
            field.append(c);
            ++m_pos;
        }
        return false;
    }

    QByteArrayView m_data;
    qsizetype m_pos = 0;
    int m_line = 1;
    int m_quoteLine = 1;
    bool m_fieldStarted = false;
};

bool Reader::readCsv(const QString &promptColumn)
{
    CsvParser parser(m_body);
    QList<QByteArray> fields;
    bool quoted = false;
    QString problem;
    int problemLine = 0;

    // The header: the first record that is not a blank line.
    QStringList header;
    int headerLine = 0;
    while (header.isEmpty()) {
        if (parser.atEnd())
            return fail(parser.line(), Dataset::tr("expected a header row naming the columns"));
        headerLine = parser.line();
        if (!parser.next(fields, quoted, problem, problemLine))
            return fail(problemLine, problem);
        if (fields.size() == 1 && !quoted && isBlank(fields.constFirst()))
            continue;
        for (const QByteArray &name : std::as_const(fields))
            header.append(QString::fromUtf8(name).trimmed());
    }

    const auto column = [&header](QStringView name) {
        for (qsizetype i = 0; i < header.size(); ++i) {
            if (header.at(i).compare(name, Qt::CaseInsensitive) == 0)
                return int(i);
        }
        return -1;
    };
    const auto firstColumn = [&column](std::initializer_list<const char16_t *> names) {
        for (const char16_t *name : names) {
            const int index = column(QStringView(name));
            if (index >= 0)
                return index;
        }
        return -1;
    };

    int promptIndex = -1;
    if (!promptColumn.trimmed().isEmpty()) {
        promptIndex = column(promptColumn.trimmed());
        if (promptIndex < 0) {
            return fail(headerLine,
                        Dataset::tr("no column named \"%1\" (the header has: %2)")
                            .arg(promptColumn.trimmed(), header.join(QStringLiteral(", "))));
        }
    } else {
        promptIndex = firstColumn({ u"prompt", u"question", u"input", u"text" });
        if (promptIndex < 0) {
            return fail(headerLine,
                        Dataset::tr("no prompt column: name one \"prompt\", \"question\", \"input\""
                                    " or \"text\" (the header has: %1)")
                            .arg(header.join(QStringLiteral(", "))));
        }
    }
    int lengthIndex = firstColumn({ u"output_tokens" });
    if (lengthIndex < 0)
        lengthIndex = firstColumn({ u"max_tokens" });
    const int systemIndex = firstColumn({ u"system" });
    int answerIndex = firstColumn({ u"answer", u"response", u"completion", u"output", u"reference" });
    if (answerIndex == promptIndex)
        answerIndex = -1;

    while (!parser.atEnd()) {
        const int recordLine = parser.line();
        if (!parser.next(fields, quoted, problem, problemLine))
            return fail(problemLine, problem);
        if (fields.size() == 1 && !quoted && isBlank(fields.constFirst()))
            continue; // a blank line
        if (fields.size() != header.size()) {
            return fail(recordLine,
                        Dataset::tr("this row has %n field(s), not %1 as in the header"
                                    " (an unquoted comma?)",
                                    "", int(fields.size()))
                            .arg(header.size()));
        }
        ++summary.records;
        DatasetEntry entry;
        entry.line = recordLine;
        if (lengthIndex >= 0) {
            const QString cell = QString::fromUtf8(fields.at(lengthIndex)).trimmed();
            if (!cell.isEmpty()) {
                bool ok = false;
                const int value = cell.toInt(&ok);
                if (!ok || value < 1) {
                    return fail(recordLine,
                                Dataset::tr("\"%1\" must be a positive integer, not \"%2\"")
                                    .arg(header.at(lengthIndex), cell.left(40)));
                }
                entry.outputTokens = value;
            }
        }
        if (systemIndex >= 0) {
            const QString system = QString::fromUtf8(fields.at(systemIndex));
            if (!system.trimmed().isEmpty())
                entry.messages.append(ChatMessage { QStringLiteral("system"), system });
        }
        entry.messages.append(
            ChatMessage { QStringLiteral("user"), QString::fromUtf8(fields.at(promptIndex)) });
        if (answerIndex >= 0)
            entry.referenceAnswer = QString::fromUtf8(fields.at(answerIndex));
        add(std::move(entry));
    }
    return true;
}

/// Draws uniformly from [0, bound): values of the generator in the incomplete last block of
/// \a bound are rejected, so no remainder is favoured (unlike a plain modulo).
quint64 boundedDraw(std::mt19937_64 &generator, quint64 bound)
{
    const quint64 remainder = (0 - bound) % bound; // 2^64 mod bound
    const quint64 highest = std::numeric_limits<quint64>::max() - remainder;
    for (;;) {
        const quint64 value = generator();
        if (value <= highest)
            return value % bound;
    }
}

} // namespace

qsizetype Dataset::Summary::skippedTotal() const
{
    qsizetype total = 0;
    for (const qsizetype count : skipped)
        total += count;
    return total;
}

QString Dataset::Summary::text() const
{
    QString text = Dataset::tr("%n record(s)", "", int(records)) + QStringLiteral(": ")
        + Dataset::tr("%n entry(s)", "", int(entries));
    if (skippedTotal() > 0) {
        QStringList reasons;
        for (int i = 0; i < SkipReasonCount; ++i) {
            const int count = int(skipped.at(size_t(i)));
            if (count == 0)
                continue;
            switch (SkipReason(i)) {
            case SkipReason::EmptyPrompt:
                reasons.append(Dataset::tr("%n with an empty prompt", "", count));
                break;
            case SkipReason::NoPrompt:
                reasons.append(Dataset::tr("%n without a user turn", "", count));
                break;
            case SkipReason::NoAnswer:
                reasons.append(Dataset::tr("%n without an answer", "", count));
                break;
            case SkipReason::Unsupported:
                reasons.append(Dataset::tr("%n with non-text content or another role", "", count));
                break;
            }
        }
        text += QStringLiteral(", ") + Dataset::tr("%n skipped", "", int(skippedTotal()))
            + QStringLiteral(" (") + reasons.join(QStringLiteral(", ")) + QLatin1Char(')');
    }
    if (kept) {
        text += QStringLiteral("; ") + Dataset::tr("%n in the token range", "", int(*kept));
        QStringList reasons;
        for (int i = 0; i < FilterReasonCount; ++i) {
            const int count = int(filteredOut.at(size_t(i)));
            if (count == 0)
                continue;
            switch (FilterReason(i)) {
            case FilterReason::InputOutOfRange:
                reasons.append(Dataset::tr("%n with the input out of range", "", count));
                break;
            case FilterReason::OutputOutOfRange:
                reasons.append(Dataset::tr("%n with the output out of range", "", count));
                break;
            case FilterReason::OutputUnknown:
                reasons.append(Dataset::tr("%n without an output length", "", count));
                break;
            }
        }
        if (!reasons.isEmpty())
            text += QStringLiteral(" (") + reasons.join(QStringLiteral(", ")) + QLatin1Char(')');
    }
    if (sampled) {
        text += QStringLiteral("; ") + Dataset::tr("%n sampled", "", int(*sampled));
        if (sampledWithRepeats)
            text += QStringLiteral(" ") + Dataset::tr("(more than there are: entries repeat)");
    }
    return text;
}

Dataset::Dataset(QList<DatasetEntry> entries, const QString &source)
    : m_entries(std::move(entries))
    , m_source(source)
{
    m_summary.records = m_entries.size();
    m_summary.entries = m_entries.size();
}

std::optional<Dataset> Dataset::fromFile(const QString &path, QString *error, Format format,
                                         const QString &promptColumn)
{
    const QString name = QDir::toNativeSeparators(path);
    const auto fail = [error](const QString &message) {
        if (error)
            *error = message;
        return std::nullopt;
    };
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return fail(tr("%1: cannot read the file: %2").arg(name, file.errorString()));
    const auto tooLarge = [&] {
        return fail(tr("%1: the file is larger than %2 MiB, the most a dataset may be")
                        .arg(name, QString::number(MaxFileBytes / (qint64(1024) * 1024))));
    };
    if (file.size() > MaxFileBytes)
        return tooLarge();

    // Mapped rather than read: a 650 MB ShareGPT file is not copied onto the heap.
    QByteArray buffer;
    QByteArrayView content;
    const qint64 size = file.size();
    if (size > 0) {
        if (const uchar *mapped = file.map(0, size))
            content = QByteArrayView(reinterpret_cast<const char *>(mapped), size);
    }
    if (content.isNull()) {
        std::optional<QByteArray> read = BoundedRead::readAtMost(file, MaxFileBytes);
        if (!read)
            return tooLarge();
        buffer = std::move(*read);
        content = buffer;
    }
    return fromBytes(content, name, error, format == Format::Auto ? detectFormat(path, content) : format,
                     promptColumn);
}

std::optional<Dataset> Dataset::fromBytes(QByteArrayView content, const QString &sourceName, QString *error,
                                          Format format, const QString &promptColumn)
{
    const auto fail = [error](const QString &message) {
        if (error)
            *error = message;
        return std::nullopt;
    };
    if (format == Format::Auto)
        format = detectFormat(sourceName, content);
    const QByteArrayView body = withoutBom(content);
    if (isBlank(body))
        return fail(tr("%1: the file is empty").arg(sourceName));
    if (const int badLine = firstInvalidUtf8Line(body))
        return fail(
            QStringLiteral("%1:%2: %3").arg(sourceName, QString::number(badLine), tr("invalid UTF-8")));

    Reader reader(body, sourceName);
    bool ok = false;
    switch (format) {
    case Format::Auto: // resolved above
    case Format::ShareGpt:
        ok = reader.readShareGpt();
        break;
    case Format::Jsonl:
        ok = reader.readJsonl();
        break;
    case Format::Csv:
        ok = reader.readCsv(promptColumn);
        break;
    }
    if (!ok)
        return fail(reader.error);

    Dataset dataset;
    dataset.m_entries = std::move(reader.entries);
    dataset.m_source = sourceName;
    dataset.m_format = format;
    dataset.m_summary = reader.summary;
    dataset.m_summary.entries = dataset.m_entries.size();
    if (dataset.m_entries.isEmpty()) {
        if (dataset.m_summary.records == 0)
            return fail(tr("%1: no entries found").arg(sourceName));
        return fail(tr("%1: no usable entries (%2)").arg(sourceName, dataset.m_summary.text()));
    }
    return dataset;
}

Dataset::Format Dataset::detectFormat(const QString &path, QByteArrayView content)
{
    const QString suffix = QFileInfo(path).suffix().toLower();
    if (suffix == u"json")
        return Format::ShareGpt;
    if (suffix == u"jsonl" || suffix == u"ndjson")
        return Format::Jsonl;
    if (suffix == u"csv")
        return Format::Csv;
    for (const char c : withoutBom(content)) {
        if (isSpace(c))
            continue;
        if (c == '[')
            return Format::ShareGpt;
        return c == '{' ? Format::Jsonl : Format::Csv;
    }
    return Format::Csv;
}

std::optional<Dataset::Format> Dataset::formatFromName(QStringView name)
{
    for (const Format format : { Format::Auto, Format::ShareGpt, Format::Jsonl, Format::Csv }) {
        if (name.trimmed().compare(formatName(format), Qt::CaseInsensitive) == 0)
            return format;
    }
    return std::nullopt;
}

QString Dataset::formatName(Format format)
{
    switch (format) {
    case Format::Auto:
        return QStringLiteral("auto");
    case Format::ShareGpt:
        return QStringLiteral("sharegpt");
    case Format::Jsonl:
        return QStringLiteral("jsonl");
    case Format::Csv:
        return QStringLiteral("csv");
    }
    return {};
}

QString Dataset::skipReasonText(SkipReason reason)
{
    switch (reason) {
    case SkipReason::EmptyPrompt:
        return tr("an empty prompt");
    case SkipReason::NoPrompt:
        return tr("no user turn");
    case SkipReason::NoAnswer:
        return tr("no answer after the first user turn");
    case SkipReason::Unsupported:
        return tr("non-text content or a role other than system, user or assistant");
    }
    return {};
}

QString Dataset::filterReasonText(FilterReason reason)
{
    switch (reason) {
    case FilterReason::InputOutOfRange:
        return tr("input out of range");
    case FilterReason::OutputOutOfRange:
        return tr("output out of range");
    case FilterReason::OutputUnknown:
        return tr("no output length");
    }
    return {};
}

QList<qsizetype> Dataset::samplePositions(qsizetype size, qsizetype n, quint64 seed)
{
    QList<qsizetype> positions;
    if (size <= 0 || n <= 0)
        return positions;
    n = std::min(n, MaxSampleSize);
    positions.reserve(n);
    std::mt19937_64 generator(seed);
    QList<qsizetype> order(size);
    for (qsizetype i = 0; i < size; ++i)
        order[i] = i;
    while (positions.size() < n) {
        // Forward Fisher–Yates: position i is final after draw i, so only the draws needed
        // are made and a shorter sample is a prefix of a longer one. A further pass shuffles
        // the previous permutation again, which is as uniform as shuffling the identity.
        const qsizetype take = std::min(size, n - positions.size());
        for (qsizetype i = 0; i < take; ++i) {
            const qsizetype j = i + qsizetype(boundedDraw(generator, quint64(size - i)));
            std::swap(order[i], order[j]);
            positions.append(order.at(i));
        }
    }
    return positions;
}

Dataset Dataset::sampled(qsizetype n, quint64 seed) const
{
    Dataset result;
    result.m_source = m_source;
    result.m_format = m_format;
    result.m_summary = m_summary;
    const QList<qsizetype> positions = samplePositions(m_entries.size(), n, seed);
    result.m_entries.reserve(positions.size());
    for (const qsizetype position : positions)
        result.m_entries.append(m_entries.at(position));
    result.m_summary.sampled = result.m_entries.size();
    result.m_summary.sampledWithRepeats = result.m_entries.size() > m_entries.size();
    return result;
}

Dataset Dataset::filtered(const TokenRange &input, const TokenRange &output,
                          const TokenCountFunction &count) const
{
    Q_ASSERT_X(count || (input.isUnbounded() && output.isUnbounded()), "Dataset::filtered",
               "a bounded range needs a token counter");
    Dataset result;
    result.m_source = m_source;
    result.m_format = m_format;
    result.m_summary = m_summary;
    const bool checkInput = !input.isUnbounded() && count;
    const bool checkOutput = !output.isUnbounded() && count;
    for (DatasetEntry entry : m_entries) {
        if (checkInput) {
            if (!entry.inputTokens) {
                qint64 tokens = 0;
                for (const ChatMessage &message : std::as_const(entry.messages))
                    tokens += count(message.content);
                entry.inputTokens = clampToInt(tokens);
            }
            if (!input.contains(*entry.inputTokens)) {
                ++result.m_summary.filteredOut[size_t(FilterReason::InputOutOfRange)];
                continue;
            }
        }
        if (checkOutput) {
            if (!entry.outputTokens && !entry.referenceTokens && !entry.referenceAnswer.isEmpty())
                entry.referenceTokens = clampToInt(count(entry.referenceAnswer));
            const std::optional<int> target = entry.outputTarget();
            if (!target) {
                ++result.m_summary.filteredOut[size_t(FilterReason::OutputUnknown)];
                continue;
            }
            if (!output.contains(*target)) {
                ++result.m_summary.filteredOut[size_t(FilterReason::OutputOutOfRange)];
                continue;
            }
        }
        result.m_entries.append(std::move(entry));
    }
    result.m_summary.kept = result.m_entries.size();
    return result;
}

QList<GenerationRequest> Dataset::toRequests(const GenerationRequest &defaults,
                                             const TokenCountFunction &count) const
{
    QList<GenerationRequest> requests;
    requests.reserve(m_entries.size());
    for (const DatasetEntry &entry : m_entries) {
        GenerationRequest request = defaults;
        request.messages = entry.messages;
        std::optional<int> target = entry.outputTarget();
        if (!target && count && !entry.referenceAnswer.isEmpty())
            target = clampToInt(count(entry.referenceAnswer));
        if (target && *target >= 1)
            request.maxTokens = *target;
        requests.append(std::move(request));
    }
    return requests;
}
