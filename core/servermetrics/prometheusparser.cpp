#include "prometheusparser.h"

#include "wire/wirelimit.h"

#include <QCoreApplication>
#include <QStringList>

#include <charconv>
#include <cmath>
#include <cstring>
#include <limits>

namespace Prometheus {

namespace {

bool isBlank(char c)
{
    return c == ' ' || c == '\t';
}

bool isDigit(char c)
{
    return c >= '0' && c <= '9';
}

bool isLabelStart(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
}

bool isLabelChar(char c)
{
    return isLabelStart(c) || isDigit(c);
}

bool isNameStart(char c)
{
    return isLabelStart(c) || c == ':';
}

bool isNameChar(char c)
{
    return isLabelChar(c) || c == ':';
}

bool equalsIgnoreCase(QByteArrayView a, QByteArrayView lowerCase)
{
    if (a.size() != lowerCase.size())
        return false;
    for (qsizetype i = 0; i < a.size(); ++i) {
        char c = a[i];
        if (c >= 'A' && c <= 'Z')
            c = char(c - 'A' + 'a');
        if (c != lowerCase[i])
            return false;
    }
    return true;
}

// from_chars reports both overflow and underflow as out of range. Prometheus (Go's ParseFloat)
// rejects an overflow but reads an underflow as zero, so tell them apart: the decimal exponent
// of the first significant digit, plus the written exponent, is negative for an underflow.
bool isUnderflow(QByteArrayView digits)
{
    qsizetype i = 0;
    qint64 integerDigits = 0;
    qint64 zerosAfterPoint = 0;
    bool significant = false;
    for (; i < digits.size() && isDigit(digits[i]); ++i) {
        if (digits[i] != '0' || significant) {
            significant = true;
            ++integerDigits;
        }
    }
    if (i < digits.size() && digits[i] == '.') {
        for (++i; i < digits.size() && isDigit(digits[i]); ++i) {
            if (!significant) {
                if (digits[i] == '0')
                    ++zerosAfterPoint;
                else
                    significant = true;
            }
        }
    }
    if (!significant)
        return true; // all zeros: out of range can only mean "too small"
    qint64 exponent = 0;
    if (i < digits.size() && (digits[i] == 'e' || digits[i] == 'E')) {
        ++i;
        bool negative = false;
        if (i < digits.size() && (digits[i] == '+' || digits[i] == '-'))
            negative = digits[i++] == '-';
        for (; i < digits.size() && isDigit(digits[i]); ++i) {
            if (exponent < 1'000'000'000)
                exponent = exponent * 10 + (digits[i] - '0');
        }
        if (negative)
            exponent = -exponent;
    }
    const qint64 magnitude = integerDigits > 0 ? integerDigits - 1 : -(zerosAfterPoint + 1);
    return magnitude + exponent < 0;
}

struct Suffix
{
    QByteArrayView text;
    bool histogram;
    bool summary;
    bool counter;
};

// The sample names that belong to a family declared under a shorter name.
constexpr Suffix Suffixes[]
    = {
          { "_bucket", true, false, false }, { "_sum", true, true, false },
          { "_count", true, true, false },   { "_created", true, true, true },
          { "_total", false, false, true }, // OpenMetrics style: "# TYPE x counter" with samples x_total
      };

bool fits(const Suffix &suffix, MetricType type)
{
    switch (type) {
    case MetricType::Histogram:
        return suffix.histogram;
    case MetricType::Summary:
        return suffix.summary;
    case MetricType::Counter:
        return suffix.counter;
    case MetricType::Gauge:
    case MetricType::Untyped:
        break;
    }
    return false;
}

class Parser
{
public:
    explicit Parser(const ParseLimits &limits)
        : m_limits(limits)
    {
    }

    ParseResult run(QByteArrayView text);

private:
    struct FamilyState
    {
        bool hasHelp = false;
        bool hasType = false;
        bool hasSamples = false;
    };

    void parseLine(QByteArrayView line);
    void parseComment(QByteArrayView rest);
    void parseSample(QByteArrayView line);
    bool parseLabels(QByteArrayView line, qsizetype &pos, Labels &labels);
    bool fail(const QString &message);
    void stop(const QString &error);

    qsizetype find(QByteArrayView name) const;
    qsizetype findOrCreate(QByteArrayView name);
    QString intern(QByteArrayView bytes);

    const ParseLimits &m_limits;
    ParseResult m_result;
    QList<FamilyState> m_state;
    QHash<QByteArray, qsizetype> m_byName;
    QHash<QByteArray, QString> m_strings; ///< metric and label names, shared by every sample
    int m_line = 0;
    bool m_stopped = false;
};

ParseResult Parser::run(QByteArrayView text)
{
    if (text.size() > m_limits.maxInputBytes) {
        m_result.error = QCoreApplication::translate("Prometheus", "the metrics text is larger than %1")
                             .arg(Wire::limitText(m_limits.maxInputBytes));
        return std::move(m_result);
    }
    const char *p = text.data();
    const char *const end = p + text.size();
    while (p < end && !m_stopped) {
        const auto *newline = static_cast<const char *>(std::memchr(p, '\n', size_t(end - p)));
        const char *lineEnd = newline ? newline : end;
        ++m_line;
        QByteArrayView line(p, lineEnd - p);
        if (!line.isEmpty() && line.back() == '\r')
            line.chop(1);
        if (line.size() > m_limits.maxLineBytes) {
            fail(QCoreApplication::translate("Prometheus", "line longer than %1")
                     .arg(Wire::limitText(m_limits.maxLineBytes)));
        } else {
            parseLine(line);
        }
        p = newline ? newline + 1 : end;
    }
    m_result.lineCount = m_line;
    return std::move(m_result);
}

bool Parser::fail(const QString &message)
{
    ++m_result.skippedLines;
    if (m_result.firstErrors.size() < ParseResult::MaxReportedErrors)
        m_result.firstErrors.append(LineError { m_line, message });
    return false;
}

void Parser::stop(const QString &error)
{
    m_result.error = error;
    m_stopped = true;
}

qsizetype Parser::find(QByteArrayView name) const
{
    // A key over the caller's bytes: no copy for a lookup.
    const auto it = m_byName.constFind(QByteArray::fromRawData(name.data(), name.size()));
    return it == m_byName.cend() ? -1 : *it;
}

qsizetype Parser::findOrCreate(QByteArrayView name)
{
    if (const qsizetype index = find(name); index >= 0)
        return index;
    if (m_result.families.size() >= m_limits.maxSamples) {
        stop(QCoreApplication::translate("Prometheus", "more than %n metric families; the rest was not read",
                                         nullptr, m_limits.maxSamples));
        return -1;
    }
    MetricFamily family;
    family.name = intern(name);
    const qsizetype index = m_result.families.size();
    m_result.families.append(std::move(family));
    m_state.append(FamilyState {});
    m_byName.insert(name.toByteArray(), index);
    m_result.familyIndex.insert(m_result.families.back().name, index);
    return index;
}

QString Parser::intern(QByteArrayView bytes)
{
    const auto it = m_strings.constFind(QByteArray::fromRawData(bytes.data(), bytes.size()));
    if (it != m_strings.cend())
        return *it;
    QString text = QString::fromLatin1(bytes); // names are ASCII by grammar
    m_strings.insert(bytes.toByteArray(), text);
    return text;
}

void Parser::parseLine(QByteArrayView line)
{
    while (!line.isEmpty() && isBlank(line.front()))
        line = line.sliced(1);
    while (!line.isEmpty() && isBlank(line.back()))
        line.chop(1);
    if (line.isEmpty())
        return;
    if (line.front() == '#')
        parseComment(line.sliced(1));
    else
        parseSample(line);
}

void Parser::parseComment(QByteArrayView rest)
{
    qsizetype pos = 0;
    while (pos < rest.size() && isBlank(rest[pos]))
        ++pos;
    const qsizetype keywordStart = pos;
    while (pos < rest.size() && !isBlank(rest[pos]))
        ++pos;
    const QByteArrayView keyword = rest.sliced(keywordStart, pos - keywordStart);
    const bool help = keyword == QByteArrayView("HELP");
    const bool type = keyword == QByteArrayView("TYPE");
    // Any other comment, or a bare "# HELP", is a plain comment (as Prometheus reads it).
    if ((!help && !type) || pos == rest.size())
        return;
    while (pos < rest.size() && isBlank(rest[pos]))
        ++pos;
    const qsizetype nameStart = pos;
    if (pos < rest.size() && isNameStart(rest[pos])) {
        while (pos < rest.size() && isNameChar(rest[pos]))
            ++pos;
    }
    const QByteArrayView name = rest.sliced(nameStart, pos - nameStart);
    if (name.isEmpty() || (pos < rest.size() && !isBlank(rest[pos]))) {
        fail(help ? QCoreApplication::translate("Prometheus", "HELP line without a valid metric name")
                  : QCoreApplication::translate("Prometheus", "TYPE line without a valid metric name"));
        return;
    }
    while (pos < rest.size() && isBlank(rest[pos]))
        ++pos;
    const QByteArrayView text = rest.sliced(pos);

    if (type) {
        MetricType parsed = MetricType::Untyped;
        if (text == QByteArrayView("counter"))
            parsed = MetricType::Counter;
        else if (text == QByteArrayView("gauge"))
            parsed = MetricType::Gauge;
        else if (text == QByteArrayView("histogram"))
            parsed = MetricType::Histogram;
        else if (text == QByteArrayView("summary"))
            parsed = MetricType::Summary;
        else if (text == QByteArrayView("untyped"))
            parsed = MetricType::Untyped;
        else {
            fail(QCoreApplication::translate("Prometheus", "unknown metric type \"%1\"")
                     .arg(QString::fromUtf8(text.first(qMin(text.size(), 40)))));
            return;
        }
        const qsizetype index = findOrCreate(name);
        if (index < 0)
            return;
        FamilyState &state = m_state[index];
        if (state.hasType) {
            fail(QCoreApplication::translate("Prometheus", "a second TYPE line for %1")
                     .arg(m_result.families[index].name));
            return;
        }
        if (state.hasSamples) {
            fail(QCoreApplication::translate("Prometheus", "the TYPE line for %1 comes after its samples")
                     .arg(m_result.families[index].name));
            return;
        }
        state.hasType = true;
        m_result.families[index].type = parsed;
        return;
    }

    const qsizetype index = findOrCreate(name);
    if (index < 0)
        return;
    if (m_state[index].hasHelp) {
        fail(QCoreApplication::translate("Prometheus", "a second HELP line for %1")
                 .arg(m_result.families[index].name));
        return;
    }
    // Docstrings escape only backslash and newline; any other backslash is kept as written.
    QByteArray unescaped;
    unescaped.reserve(text.size());
    for (qsizetype i = 0; i < text.size(); ++i) {
        if (text[i] == '\\' && i + 1 < text.size() && (text[i + 1] == '\\' || text[i + 1] == 'n')) {
            unescaped.append(text[i + 1] == 'n' ? '\n' : '\\');
            ++i;
        } else {
            unescaped.append(text[i]);
        }
    }
    m_state[index].hasHelp = true;
    m_result.families[index].help = QString::fromUtf8(unescaped);
}

bool Parser::parseLabels(QByteArrayView line, qsizetype &pos, Labels &labels)
{
    ++pos; // '{'
    for (;;) {
        while (pos < line.size() && isBlank(line[pos]))
            ++pos;
        if (pos >= line.size())
            return fail(QCoreApplication::translate("Prometheus", "unterminated label set"));
        if (line[pos] == '}') {
            ++pos;
            return true;
        }
        const qsizetype nameStart = pos;
        if (isLabelStart(line[pos])) {
            while (pos < line.size() && isLabelChar(line[pos]))
                ++pos;
        }
        if (pos == nameStart)
            return fail(QCoreApplication::translate("Prometheus", "expected a label name"));
        const QByteArrayView name = line.sliced(nameStart, pos - nameStart);
        while (pos < line.size() && isBlank(line[pos]))
            ++pos;
        if (pos >= line.size() || line[pos] != '=')
            return fail(QCoreApplication::translate("Prometheus", "expected = after a label name"));
        ++pos;
        while (pos < line.size() && isBlank(line[pos]))
            ++pos;
        if (pos >= line.size() || line[pos] != '"')
            return fail(QCoreApplication::translate("Prometheus", "a label value must be in double quotes"));
        ++pos;

        // Copied in runs between escapes, so a long value costs one pass.
        QByteArray value;
        qsizetype runStart = pos;
        bool closed = false;
        while (pos < line.size()) {
            const char c = line[pos];
            if (c == '"') {
                closed = true;
                break;
            }
            if (c != '\\') {
                ++pos;
                continue;
            }
            value.append(line.sliced(runStart, pos - runStart));
            if (pos + 1 >= line.size())
                break;
            const char escaped = line[pos + 1];
            if (escaped == '\\')
                value.append('\\');
            else if (escaped == '"')
                value.append('"');
            else if (escaped == 'n')
                value.append('\n');
            else
                return fail(
                    QCoreApplication::translate("Prometheus", "invalid escape sequence in a label value"));
            pos += 2;
            runStart = pos;
        }
        if (!closed)
            return fail(QCoreApplication::translate("Prometheus", "unterminated label value"));
        value.append(line.sliced(runStart, pos - runStart));
        ++pos; // closing quote

        const QString key = intern(name);
        if (labels.contains(key))
            return fail(QCoreApplication::translate("Prometheus", "label %1 appears twice").arg(key));
        labels.insert(key, QString::fromUtf8(value));

        while (pos < line.size() && isBlank(line[pos]))
            ++pos;
        if (pos < line.size() && line[pos] == ',') {
            ++pos;
            continue;
        }
        if (pos < line.size() && line[pos] == '}') {
            ++pos;
            return true;
        }
        return fail(QCoreApplication::translate("Prometheus", "expected , or } after a label"));
    }
}

void Parser::parseSample(QByteArrayView line)
{
    qsizetype pos = 0;
    if (isNameStart(line[0])) {
        while (pos < line.size() && isNameChar(line[pos]))
            ++pos;
    }
    if (pos == 0) {
        fail(QCoreApplication::translate("Prometheus", "expected a metric name"));
        return;
    }
    const QByteArrayView name = line.first(pos);

    if (pos < line.size() && !isBlank(line[pos]) && line[pos] != '{') {
        fail(QCoreApplication::translate("Prometheus", "invalid character in a metric name"));
        return;
    }
    // Blanks may separate the name from its labels, as Prometheus reads it.
    while (pos < line.size() && isBlank(line[pos]))
        ++pos;
    Labels labels;
    if (pos < line.size() && line[pos] == '{') {
        if (!parseLabels(line, pos, labels))
            return;
        while (pos < line.size() && isBlank(line[pos]))
            ++pos;
    }
    const qsizetype valueStart = pos;
    while (pos < line.size() && !isBlank(line[pos]))
        ++pos;
    if (pos == valueStart) {
        fail(QCoreApplication::translate("Prometheus", "a sample without a value"));
        return;
    }
    const std::optional<double> value = parseValue(line.sliced(valueStart, pos - valueStart));
    if (!value) {
        fail(QCoreApplication::translate("Prometheus", "the value is not a number"));
        return;
    }
    while (pos < line.size() && isBlank(line[pos]))
        ++pos;
    std::optional<qint64> timestamp;
    if (pos < line.size()) {
        const qsizetype start = pos;
        while (pos < line.size() && !isBlank(line[pos]))
            ++pos;
        qint64 ms = 0;
        const char *first = line.data() + start;
        const char *last = line.data() + pos;
        const auto [ptr, ec] = std::from_chars(first, last, ms);
        if (ec != std::errc() || ptr != last) {
            fail(QCoreApplication::translate("Prometheus",
                                             "the timestamp is not an integer number of milliseconds"));
            return;
        }
        timestamp = ms;
        while (pos < line.size() && isBlank(line[pos]))
            ++pos;
        if (pos < line.size()) {
            fail(QCoreApplication::translate("Prometheus", "unexpected text after the timestamp"));
            return;
        }
    }

    if (m_result.sampleCount >= m_limits.maxSamples) {
        stop(QCoreApplication::translate("Prometheus", "more than %n sample(s); the rest was not read",
                                         nullptr, m_limits.maxSamples));
        return;
    }

    // Which family: the one of this exact name, else a histogram/summary/counter declared under
    // the name without the suffix, else a new untyped one.
    qsizetype index = find(name);
    const Suffix *suffix = nullptr;
    if (index < 0) {
        for (const Suffix &candidate : Suffixes) {
            if (name.size() <= candidate.text.size() || !name.endsWith(candidate.text))
                continue;
            const qsizetype base = find(name.chopped(candidate.text.size()));
            if (base >= 0 && fits(candidate, m_result.families[base].type)) {
                index = base;
                suffix = &candidate;
                break;
            }
        }
    }
    if (index < 0) {
        index = findOrCreate(name);
        if (index < 0)
            return;
    }
    const MetricFamily &family = m_result.families[index];
    if (family.type == MetricType::Histogram && !suffix) {
        fail(QCoreApplication::translate("Prometheus",
                                         "%1 is a histogram: its samples end in _bucket, _sum or _count")
                 .arg(family.name));
        return;
    }
    if (family.type == MetricType::Histogram && suffix->text == QByteArrayView("_bucket")) {
        const auto le = labels.constFind(QStringLiteral("le"));
        if (le == labels.cend() || !parseValue(le->toUtf8())) {
            fail(QCoreApplication::translate("Prometheus", "a histogram bucket without a valid le label"));
            return;
        }
    }
    if (family.type == MetricType::Summary && !suffix) {
        const auto quantile = labels.constFind(QStringLiteral("quantile"));
        if (quantile == labels.cend() || !parseValue(quantile->toUtf8())) {
            fail(
                QCoreApplication::translate("Prometheus", "a summary sample without a valid quantile label"));
            return;
        }
    }
    Sample sample;
    sample.name = intern(name);
    sample.labels = std::move(labels);
    sample.value = *value;
    sample.timestampMs = timestamp;
    m_result.families[index].samples.append(std::move(sample));
    m_state[index].hasSamples = true;
    ++m_result.sampleCount;
}

} // namespace

QString typeName(MetricType type)
{
    switch (type) {
    case MetricType::Counter:
        return QStringLiteral("counter");
    case MetricType::Gauge:
        return QStringLiteral("gauge");
    case MetricType::Histogram:
        return QStringLiteral("histogram");
    case MetricType::Summary:
        return QStringLiteral("summary");
    case MetricType::Untyped:
        break;
    }
    return QStringLiteral("untyped");
}

const MetricFamily *ParseResult::family(const QString &name) const
{
    const auto it = familyIndex.constFind(name);
    return it == familyIndex.cend() ? nullptr : &families.at(*it);
}

QString ParseResult::skippedSummary() const
{
    if (skippedLines == 0)
        return {};
    QStringList parts;
    for (const LineError &e : firstErrors)
        parts.append(QCoreApplication::translate("Prometheus", "line %1: %2").arg(e.line).arg(e.message));
    if (skippedLines > firstErrors.size())
        parts.append(QStringLiteral("…"));
    return QCoreApplication::translate("Prometheus", "%n malformed line(s) skipped (%1)", nullptr,
                                       skippedLines)
        .arg(parts.join(QStringLiteral("; ")));
}

ParseResult parse(QByteArrayView text, const ParseLimits &limits)
{
    return Parser(limits).run(text);
}

std::optional<double> parseValue(QByteArrayView token)
{
    if (token.isEmpty())
        return std::nullopt;
    bool negative = false;
    QByteArrayView body = token;
    if (body.front() == '+' || body.front() == '-') {
        negative = body.front() == '-';
        body = body.sliced(1);
    }
    if (body.isEmpty())
        return std::nullopt;
    constexpr double Inf = std::numeric_limits<double>::infinity();
    if (equalsIgnoreCase(body, "inf") || equalsIgnoreCase(body, "infinity"))
        return negative ? -Inf : Inf;
    if (equalsIgnoreCase(body, "nan"))
        return std::numeric_limits<double>::quiet_NaN();
    // from_chars would also take "inf"/"nan(…)" spellings; only digits get this far.
    if (!isDigit(body.front()) && body.front() != '.')
        return std::nullopt;
    double value = 0;
    const char *last = body.data() + body.size();
    const auto [ptr, ec] = std::from_chars(body.data(), last, value, std::chars_format::general);
    if (ptr != last)
        return std::nullopt;
    if (ec == std::errc::result_out_of_range) {
        if (!isUnderflow(body))
            return std::nullopt;
        value = 0;
    } else if (ec != std::errc()) {
        return std::nullopt;
    }
    return negative ? -value : value;
}

namespace {
/// ASCII only; the first character by \a start, the others by \a rest.
bool isValidName(QStringView name, bool (*start)(char), bool (*rest)(char))
{
    if (name.isEmpty())
        return false;
    for (qsizetype i = 0; i < name.size(); ++i) {
        const char16_t c = name[i].unicode();
        if (c > 0x7F || !(i == 0 ? start(char(c)) : rest(char(c))))
            return false;
    }
    return true;
}
} // namespace

bool isValidMetricName(QStringView name)
{
    return isValidName(name, isNameStart, isNameChar);
}

bool isValidLabelName(QStringView name)
{
    return isValidName(name, isLabelStart, isLabelChar);
}

} // namespace Prometheus
