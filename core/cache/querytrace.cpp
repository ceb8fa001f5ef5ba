#include "querytrace.h"

#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QStringDecoder>

#include <cmath>

static void initCacheResources()
{
    Q_INIT_RESOURCE(cache_traces);
}

bool QueryTrace::hasGroups() const
{
    for (const TraceQuery &query : queries) {
        if (!query.group.isEmpty())
            return true;
    }
    return false;
}

bool QueryTrace::hasTimestamps() const
{
    if (queries.isEmpty())
        return false;
    for (const TraceQuery &query : queries) {
        if (!query.timestampS)
            return false;
    }
    return true;
}

QList<double> QueryTrace::times() const
{
    QList<double> result;
    result.reserve(queries.size());
    const bool stamped = hasTimestamps();
    for (qsizetype i = 0; i < queries.size(); ++i)
        result.append(stamped ? *queries.at(i).timestampS - *queries.constFirst().timestampS : double(i));
    return result;
}

double QueryTrace::timeOf(qsizetype i) const
{
    if (hasTimestamps())
        return *queries.at(i).timestampS - *queries.constFirst().timestampS;
    return double(i);
}

namespace {

/// Splits into lines (LF or CRLF), decoding each as strict UTF-8.
struct LineSplitter
{
    const QByteArray &data;
    qsizetype pos = 0;
    int line = 0;

    bool next(QByteArray &out)
    {
        if (pos >= data.size())
            return false;
        qsizetype end = data.indexOf('\n', pos);
        if (end < 0)
            end = data.size();
        out = data.mid(pos, end - pos);
        if (out.endsWith('\r'))
            out.chop(1);
        pos = end + 1;
        ++line;
        return true;
    }
};

std::optional<QString> strictUtf8(const QByteArray &bytes)
{
    QStringDecoder decoder(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless);
    QString text = decoder.decode(bytes);
    if (decoder.hasError())
        return std::nullopt;
    return text;
}

} // namespace

std::optional<QueryTrace> QueryTraceReader::readJsonl(const QByteArray &data, QString *error)
{
    QueryTrace trace;
    LineSplitter lines { data };
    QByteArray raw;
    while (lines.next(raw)) {
        if (raw.trimmed().isEmpty())
            continue;
        if (!strictUtf8(raw)) {
            *error = tr("line %1: invalid UTF-8").arg(lines.line);
            return std::nullopt;
        }
        QJsonParseError parseError;
        const QJsonDocument document = QJsonDocument::fromJson(raw, &parseError);
        if (parseError.error != QJsonParseError::NoError) {
            *error = tr("line %1: invalid JSON: %2 at column %3")
                         .arg(lines.line)
                         .arg(parseError.errorString())
                         .arg(parseError.offset + 1);
            return std::nullopt;
        }
        if (!document.isObject()) {
            *error = tr("line %1: expected a JSON object with a \"text\" field").arg(lines.line);
            return std::nullopt;
        }
        const QJsonObject object = document.object();
        const QJsonValue text = object.value(QLatin1String("text"));
        if (!text.isString() || text.toString().trimmed().isEmpty()) {
            *error = tr("line %1: \"text\" is missing or not a non-empty string").arg(lines.line);
            return std::nullopt;
        }
        TraceQuery query;
        query.line = lines.line;
        query.text = text.toString();
        if (query.text.size() > MaxTextChars) {
            *error = tr("line %1: the text is longer than %2 characters").arg(lines.line).arg(MaxTextChars);
            return std::nullopt;
        }
        QJsonValue timestamp = object.value(QLatin1String("timestamp"));
        if (timestamp.isUndefined())
            timestamp = object.value(QLatin1String("ts"));
        if (!timestamp.isUndefined() && !timestamp.isNull()) {
            if (!timestamp.isDouble() || !std::isfinite(timestamp.toDouble())) {
                *error = tr("line %1: \"timestamp\" must be a number of seconds").arg(lines.line);
                return std::nullopt;
            }
            query.timestampS = timestamp.toDouble();
        }
        QJsonValue group = object.value(QLatin1String("group"));
        if (group.isUndefined())
            group = object.value(QLatin1String("label"));
        if (group.isString())
            query.group = group.toString();
        else if (group.isDouble())
            query.group = QString::number(group.toDouble(), 'g', 17);
        else if (!group.isUndefined() && !group.isNull()) {
            *error = tr("line %1: \"group\" must be a string or a number").arg(lines.line);
            return std::nullopt;
        }
        trace.queries.append(std::move(query));
    }
    if (trace.queries.isEmpty()) {
        *error = tr("the trace holds no queries");
        return std::nullopt;
    }
    return trace;
}

namespace {

/// One CSV record (RFC 4180) starting at \a pos; may span lines inside quotes.
bool readCsvRecord(const QString &text, qsizetype &pos, int &line, QStringList &fields, QString *error)
{
    fields.clear();
    QString field;
    bool quoted = false;
    bool fieldStarted = false;
    const int startLine = line;
    while (pos < text.size()) {
        const QChar c = text.at(pos);
        if (quoted) {
            if (c == u'"') {
                if (pos + 1 < text.size() && text.at(pos + 1) == u'"') {
                    field += u'"';
                    pos += 2;
                    continue;
                }
                quoted = false;
                ++pos;
                continue;
            }
            if (c == u'\n')
                ++line;
            field += c;
            ++pos;
            continue;
        }
        if (c == u'"' && !fieldStarted) {
            quoted = true;
            fieldStarted = true;
            ++pos;
            continue;
        }
        if (c == u',') {
            fields.append(field);
            field.clear();
            fieldStarted = false;
            ++pos;
            continue;
        }
        if (c == u'\r' && pos + 1 < text.size() && text.at(pos + 1) == u'\n') {
            ++pos;
            continue;
        }
        if (c == u'\n') {
            ++pos;
            ++line;
            fields.append(field);
            return true;
        }
        field += c;
        fieldStarted = true;
        ++pos;
    }
    if (quoted) {
        *error = QueryTraceReader::tr("line %1: a quoted field is not closed").arg(startLine);
        return false;
    }
    fields.append(field);
    ++line;
    return true;
}

} // namespace

std::optional<QueryTrace> QueryTraceReader::readCsv(const QByteArray &data, QString *error)
{
    // Find the first invalid byte's line before decoding.
    {
        LineSplitter lines { data };
        QByteArray raw;
        while (lines.next(raw)) {
            if (!strictUtf8(raw)) {
                *error = tr("line %1: invalid UTF-8").arg(lines.line);
                return std::nullopt;
            }
        }
    }
    QString text = QString::fromUtf8(data);
    if (text.startsWith(QChar(0xFEFF)))
        text.remove(0, 1);
    qsizetype pos = 0;
    int line = 1;
    QStringList fields;
    if (!readCsvRecord(text, pos, line, fields, error))
        return std::nullopt;
    int textColumn = -1, timeColumn = -1, groupColumn = -1;
    for (int i = 0; i < fields.size(); ++i) {
        const QString name = fields.at(i).trimmed().toLower();
        if (name == u"text" || name == u"query" || name == u"prompt")
            textColumn = i;
        else if (name == u"timestamp" || name == u"ts" || name == u"time")
            timeColumn = i;
        else if (name == u"group" || name == u"label")
            groupColumn = i;
    }
    if (textColumn < 0) {
        *error = tr("line 1: the CSV header has no \"text\" column");
        return std::nullopt;
    }
    QueryTrace trace;
    while (pos < text.size()) {
        const int recordLine = line;
        if (!readCsvRecord(text, pos, line, fields, error))
            return std::nullopt;
        if (fields.size() == 1 && fields.constFirst().trimmed().isEmpty())
            continue; // blank line
        if (fields.size() <= textColumn) {
            *error = tr("line %1: expected at least %2 fields, found %3")
                         .arg(recordLine)
                         .arg(textColumn + 1)
                         .arg(fields.size());
            return std::nullopt;
        }
        TraceQuery query;
        query.line = recordLine;
        query.text = fields.at(textColumn);
        if (query.text.trimmed().isEmpty()) {
            *error = tr("line %1: the text is empty").arg(recordLine);
            return std::nullopt;
        }
        if (query.text.size() > MaxTextChars) {
            *error = tr("line %1: the text is longer than %2 characters").arg(recordLine).arg(MaxTextChars);
            return std::nullopt;
        }
        if (timeColumn >= 0 && timeColumn < fields.size() && !fields.at(timeColumn).trimmed().isEmpty()) {
            bool ok = false;
            const double value = fields.at(timeColumn).trimmed().toDouble(&ok);
            if (!ok || !std::isfinite(value)) {
                *error = tr("line %1: the timestamp \"%2\" is not a number of seconds")
                             .arg(recordLine)
                             .arg(fields.at(timeColumn).left(40));
                return std::nullopt;
            }
            query.timestampS = value;
        }
        if (groupColumn >= 0 && groupColumn < fields.size())
            query.group = fields.at(groupColumn).trimmed();
        trace.queries.append(std::move(query));
    }
    if (trace.queries.isEmpty()) {
        *error = tr("the trace holds no queries");
        return std::nullopt;
    }
    return trace;
}

QString QueryTraceReader::samplePath()
{
    return QStringLiteral(":/tokenscope/traces/cache_sample.jsonl");
}

QString QueryTraceReader::referencePath()
{
    return QStringLiteral(":/tokenscope/traces/cache_reference.jsonl");
}

std::optional<QueryTrace> QueryTraceReader::readFile(const QString &path, QString *error)
{
    if (path == u"sample" || path == u"reference") {
        QueryTrace trace = path == u"sample" ? sample() : reference();
        if (trace.queries.isEmpty()) {
            *error = tr("the built-in %1 trace is missing").arg(path);
            return std::nullopt;
        }
        return trace;
    }
    initCacheResources();
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        *error = tr("cannot open %1: %2").arg(path, file.errorString());
        return std::nullopt;
    }
    if (file.size() > MaxFileBytes) {
        *error = tr("%1 is larger than %2 MiB").arg(path).arg(MaxFileBytes / (1024 * 1024));
        return std::nullopt;
    }
    const QByteArray data = file.readAll();
    QString inner;
    std::optional<QueryTrace> trace = path.endsWith(QLatin1String(".csv"), Qt::CaseInsensitive)
        ? readCsv(data, &inner)
        : readJsonl(data, &inner);
    if (!trace) {
        *error = QFileInfo(path).fileName() + QStringLiteral(": ") + inner;
        return std::nullopt;
    }
    trace->source = path;
    return trace;
}

QueryTrace QueryTraceReader::sample()
{
    return builtin(samplePath(), QStringLiteral("sample"));
}

QueryTrace QueryTraceReader::reference()
{
    return builtin(referencePath(), QStringLiteral("reference"));
}

QueryTrace QueryTraceReader::builtin(const QString &resource, const QString &source)
{
    initCacheResources();
    QFile file(resource);
    QueryTrace trace;
    if (!file.open(QIODevice::ReadOnly))
        return trace;
    QString error;
    auto read = readJsonl(file.readAll(), &error);
    if (read)
        trace = std::move(*read);
    trace.source = source;
    return trace;
}
