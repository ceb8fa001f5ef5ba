#include "tracefile.h"
#include "boundedread.h"
#include "inputtext.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonParseError>

#include <algorithm>
#include <cmath>
#include <limits>

namespace {

using InputText::columnOf;
using InputText::isBlank;
using InputText::positiveInt;

/// \a value in units of \a unitNs nanoseconds, as whole nanoseconds. The whole and fractional
/// parts are converted apart, so epoch milliseconds (~1.7e12) keep their precision.
qint64 toNanoseconds(double value, qint64 unitNs)
{
    const double whole = std::floor(value);
    const double fraction = value - whole;
    return qint64(whole) * unitNs + qint64(std::llround(fraction * double(unitNs)));
}

struct TimeField
{
    QLatin1String key;
    qint64 unitNs;
};

const TimeField timeFields[] = {
    { QLatin1String("timestamp"), 1'000'000 },
    { QLatin1String("arrival_ms"), 1'000'000 },
    { QLatin1String("arrival_s"), 1'000'000'000 },
    { QLatin1String("t"), 1'000'000'000 },
};

/// Reads one line's object into \a entry and its raw time into \a timeNs; returns an error text
/// (without the location) or {}.
QString parseEntry(const QJsonObject &object, TraceEntry &entry, qint64 &timeNs)
{
    const TimeField *timeField = nullptr;
    for (const TimeField &field : timeFields) {
        if (!object.contains(field.key))
            continue;
        if (timeField) {
            return TraceFile::tr("give one arrival time, not both \"%1\" and \"%2\"")
                .arg(timeField->key, field.key);
        }
        timeField = &field;
    }
    if (!timeField) {
        return TraceFile::tr("no arrival time: give \"timestamp\" or \"arrival_ms\" (milliseconds),"
                             " or \"arrival_s\" or \"t\" (seconds)");
    }
    const QJsonValue time = object.value(timeField->key);
    if (!time.isDouble() || !std::isfinite(time.toDouble()))
        return TraceFile::tr("\"%1\" must be a number").arg(timeField->key);
    const double seconds = time.toDouble() * (double(timeField->unitNs) / 1e9);
    if (std::abs(seconds) > TraceFile::MaxAbsSeconds) {
        return TraceFile::tr("\"%1\" is out of range (more than %2 seconds from 0)")
            .arg(timeField->key, QString::number(TraceFile::MaxAbsSeconds, 'f', 0));
    }
    timeNs = toNanoseconds(time.toDouble(), timeField->unitNs);

    const auto tokens = [&object](QLatin1String name, QLatin1String alias, int &out, bool &given) -> QString {
        const bool hasName = object.contains(name);
        const bool hasAlias = object.contains(alias);
        given = hasName || hasAlias;
        if (hasName && hasAlias)
            return TraceFile::tr("give either \"%1\" or \"%2\", not both").arg(name, alias);
        if (!given)
            return {};
        const QLatin1String key = hasName ? name : alias;
        const std::optional<int> value = positiveInt(object.value(key));
        if (!value)
            return TraceFile::tr("\"%1\" must be a whole number of at least 1").arg(key);
        out = *value;
        return {};
    };
    bool inputGiven = false;
    bool outputGiven = false;
    QString problem
        = tokens(QLatin1String("input_tokens"), QLatin1String("input_length"), entry.inputTokens, inputGiven);
    if (!problem.isEmpty())
        return problem;
    problem = tokens(QLatin1String("output_tokens"), QLatin1String("output_length"), entry.outputTokens,
                     outputGiven);
    if (!problem.isEmpty())
        return problem;

    const QJsonValue prompt = object.value(QLatin1String("prompt"));
    if (!prompt.isUndefined() && !prompt.isNull() && !prompt.isString())
        return TraceFile::tr("\"prompt\" must be a string");
    entry.prompt = prompt.toString();
    if (!inputGiven && entry.prompt.trimmed().isEmpty())
        return TraceFile::tr("needs \"input_tokens\" (or \"input_length\") or a non-empty \"prompt\"");

    const QJsonValue session = object.value(QLatin1String("session_id"));
    if (session.isString()) {
        entry.sessionId = session.toString();
    } else if (session.isDouble()) {
        const double number = session.toDouble();
        if (std::floor(number) != number || std::abs(number) > 9007199254740992.0) // 2^53: exact
            return TraceFile::tr("\"session_id\" must be a string or an integer");
        entry.sessionId = QString::number(qint64(number));
    } else if (!session.isUndefined() && !session.isNull()) {
        return TraceFile::tr("\"session_id\" must be a string or an integer");
    }

    const QJsonValue hashIds = object.value(QLatin1String("hash_ids"));
    if (hashIds.isArray()) {
        const QJsonArray array = hashIds.toArray();
        entry.hashIds.reserve(array.size());
        for (const QJsonValue id : array) {
            const double number = id.toDouble(-1);
            if (!id.isDouble() || number < 0 || number > 9007199254740992.0 || std::floor(number) != number)
                return TraceFile::tr("\"hash_ids\" must be an array of non-negative whole numbers");
            entry.hashIds.append(qint64(number));
        }
    } else if (!hashIds.isUndefined() && !hashIds.isNull()) {
        return TraceFile::tr("\"hash_ids\" must be an array of non-negative whole numbers");
    }
    return {};
}

} // namespace

std::optional<TraceFile> TraceFile::fromFile(const QString &path, QString *error)
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
        return fail(tr("%1: the file is larger than %2 MiB, the most a trace may be")
                        .arg(name, QString::number(MaxFileBytes / (qint64(1024) * 1024))));
    };
    if (file.size() > MaxFileBytes)
        return tooLarge();
    const std::optional<QByteArray> content = BoundedRead::readAtMost(file, MaxFileBytes);
    if (!content)
        return tooLarge();
    return fromBytes(*content, name, error);
}

std::optional<TraceFile> TraceFile::fromBytes(QByteArrayView content, const QString &sourceName,
                                              QString *error, qsizetype maxEntries)
{
    const auto fail = [&](qsizetype line, const QString &message) {
        if (error)
            *error = QStringLiteral("%1:%2: %3").arg(sourceName, QString::number(line), message);
        return std::nullopt;
    };
    const QByteArrayView body = content.startsWith("\xEF\xBB\xBF") ? content.sliced(3) : content;

    TraceFile trace;
    trace.m_source = sourceName;
    std::optional<qint64> previousNs; // raw, on the file's own clock
    const bool allValidUtf8 = body.isValidUtf8();
    qsizetype lineNumber = 0;
    for (qsizetype from = 0; from < body.size();) {
        ++lineNumber;
        qsizetype end = body.indexOf('\n', from);
        if (end < 0)
            end = body.size();
        const QByteArrayView line = body.sliced(from, end - from);
        from = end + 1;
        // A line break is never inside a UTF-8 sequence, so a line checks on its own.
        if (!allValidUtf8 && !line.isValidUtf8())
            return fail(lineNumber, tr("invalid UTF-8"));
        if (isBlank(line))
            continue;
        if (trace.m_entries.size() >= maxEntries)
            return fail(lineNumber, tr("more than %1 entries, the most a trace may hold").arg(maxEntries));

        QJsonParseError parseError;
        const QJsonDocument document = QJsonDocument::fromJson(line.toByteArray(), &parseError);
        if (parseError.error != QJsonParseError::NoError) {
            if (error) {
                *error = QStringLiteral("%1:%2:%3: %4")
                             .arg(sourceName, QString::number(lineNumber),
                                  QString::number(columnOf(line, parseError.offset)),
                                  tr("invalid JSON: %1").arg(parseError.errorString()));
            }
            return std::nullopt;
        }
        if (!document.isObject())
            return fail(lineNumber, tr("expected a JSON object"));

        TraceEntry entry;
        entry.line = int(lineNumber);
        qint64 timeNs = 0;
        const QString problem = parseEntry(document.object(), entry, timeNs);
        if (!problem.isEmpty())
            return fail(lineNumber, problem);
        if (previousNs && timeNs < *previousNs)
            ++trace.m_outOfOrder;
        previousNs = timeNs;
        entry.arrivalNs = timeNs;
        trace.m_entries.append(std::move(entry));
    }
    if (trace.m_entries.isEmpty()) {
        if (error)
            *error = tr("%1: the trace holds no entries").arg(sourceName);
        return std::nullopt;
    }

    // Stable, so requests stamped with the same time go out in the order the file lists them.
    if (trace.m_outOfOrder > 0) {
        std::stable_sort(trace.m_entries.begin(), trace.m_entries.end(),
                         [](const TraceEntry &a, const TraceEntry &b) { return a.arrivalNs < b.arrivalNs; });
    }
    trace.m_originNs = trace.m_entries.constFirst().arrivalNs;
    for (TraceEntry &entry : trace.m_entries)
        entry.arrivalNs -= trace.m_originNs;
    return trace;
}

std::optional<TraceFile> TraceFile::scaled(double timeScale, QString *error) const
{
    if (!std::isfinite(timeScale) || timeScale <= 0) {
        if (error)
            *error = tr("the time scale must be a number greater than 0, not %1").arg(timeScale);
        return std::nullopt;
    }
    // Keeps a margin below 2^63 for the rounding of the product.
    constexpr double Limit = 9.0e18;
    if (double(durationNs()) * timeScale >= Limit) {
        if (error) {
            *error = tr("scaled by %1, the trace would last longer than %2 years")
                         .arg(timeScale)
                         .arg(qint64(Limit / 1e9 / (365.25 * 24 * 3600)));
        }
        return std::nullopt;
    }
    TraceFile result = *this;
    if (timeScale != 1.0) {
        for (TraceEntry &entry : result.m_entries)
            entry.arrivalNs = qint64(std::llround(double(entry.arrivalNs) * timeScale));
    }
    return result;
}
