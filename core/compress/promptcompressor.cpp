#include "promptcompressor.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSaveFile>
#include <QSet>
#include <QStringMatcher>

#include <vector>

namespace {

// The text being compressed, with the input offset of each UTF-16 unit (-1: inserted by a
// rule). Rules only delete and replace, never reorder, so the offsets increase; the edit
// spans are read off their gaps at the end.
struct Work
{
    QString text;
    std::vector<qint32> origin;
};

struct Replacement
{
    qsizetype start;
    qsizetype end;
    QString with;
};

// Applies non-overlapping, ordered replacements. The part a replacement shares with the text
// it replaces (common prefix and suffix) keeps its origin, so "   " -> " " shows two spaces
// removed rather than three replaced.
void applyReplacements(Work &work, const std::vector<Replacement> &replacements)
{
    if (replacements.empty())
        return;
    QString text;
    std::vector<qint32> origin;
    text.reserve(work.text.size());
    origin.reserve(work.origin.size());
    qsizetype at = 0;
    const auto copy = [&](qsizetype from, qsizetype to) {
        text.append(QStringView(work.text).mid(from, to - from));
        origin.insert(origin.end(), work.origin.begin() + from, work.origin.begin() + to);
    };
    for (const Replacement &r : replacements) {
        copy(at, r.start);
        const QStringView matched = QStringView(work.text).mid(r.start, r.end - r.start);
        qsizetype prefix = 0;
        while (prefix < matched.size() && prefix < r.with.size() && matched.at(prefix) == r.with.at(prefix))
            ++prefix;
        qsizetype suffix = 0;
        while (suffix < matched.size() - prefix && suffix < r.with.size() - prefix
               && matched.at(matched.size() - 1 - suffix) == r.with.at(r.with.size() - 1 - suffix))
            ++suffix;
        // Never keep half of a surrogate pair as "common".
        while (prefix > 0 && matched.at(prefix - 1).isHighSurrogate())
            --prefix;
        while (suffix > 0 && matched.at(matched.size() - suffix).isLowSurrogate())
            --suffix;
        copy(r.start, r.start + prefix);
        const QStringView middle = QStringView(r.with).mid(prefix, r.with.size() - prefix - suffix);
        text.append(middle);
        origin.insert(origin.end(), size_t(middle.size()), -1);
        copy(r.end - suffix, r.end);
        at = r.end;
    }
    copy(at, work.text.size());
    work.text = std::move(text);
    work.origin = std::move(origin);
}

// \1..\9, $1..$9, ${name}, \\ and $$ in a regex rule's replacement.
QString expand(const QRegularExpressionMatch &match, const QString &replacement, int ordinal)
{
    if (!replacement.contains(u'\\') && !replacement.contains(u'$'))
        return replacement;
    QString out;
    for (qsizetype i = 0; i < replacement.size(); ++i) {
        const QChar c = replacement.at(i);
        const QChar next = i + 1 < replacement.size() ? replacement.at(i + 1) : QChar();
        if ((c == u'\\' || c == u'$') && next.isDigit() && next != u'0') {
            out += match.captured(next.digitValue());
            ++i;
        } else if (c == u'$' && next == u'{') {
            const qsizetype close = replacement.indexOf(u'}', i + 2);
            if (close < 0) {
                out += c;
                continue;
            }
            const QString name = replacement.mid(i + 2, close - i - 2);
            out += name == u"#" ? QString::number(ordinal) : match.captured(name);
            i = close;
        } else if ((c == u'\\' && next == u'\\') || (c == u'$' && next == u'$')) {
            out += c;
            ++i;
        } else {
            out += c;
        }
    }
    return out;
}

bool isHorizontalSpace(QChar c)
{
    return c.isSpace() && c != u'\n' && c != u'\r';
}

bool isSentenceEnd(QStringView text, qsizetype i)
{
    const QChar c = text.at(i);
    if (c == u'。' || c == u'！' || c == u'？' || c == u'；' || c == u'\n')
        return true;
    if (c == u'.' || c == u'!' || c == u'?' || c == u';')
        return i + 1 >= text.size() || text.at(i + 1).isSpace();
    return false;
}

void removeRepeats(Work &work, bool sentences, int *removed)
{
    const QStringView text(work.text);
    std::vector<Replacement> cuts;
    QSet<QString> seen;
    qsizetype start = 0;
    while (start < text.size()) {
        qsizetype end = start;
        if (sentences) {
            while (end < text.size() && !isSentenceEnd(text, end))
                ++end;
        } else {
            while (end < text.size() && text.at(end) != u'\n')
                ++end;
        }
        if (end < text.size())
            ++end; // the terminator belongs to its sentence / line
        if (sentences) { // and the spaces after it
            while (end < text.size() && isHorizontalSpace(text.at(end)))
                ++end;
        }
        const QString key = text.mid(start, end - start).trimmed().toString();
        if (!key.isEmpty() && !(key.size() == 1 && !key.at(0).isLetterOrNumber())) {
            if (seen.contains(key)) {
                cuts.push_back({ start, end, QString() });
                ++*removed;
            } else {
                seen.insert(key);
            }
        }
        start = end;
    }
    applyReplacements(work, cuts);
}

void normalizeSpaces(Work &work)
{
    // Pass 1: CR LF -> LF, runs of spaces/tabs inside a line -> one space, spaces at line ends
    // and at the very start/end go. Indentation (spaces after a line break) is kept: code
    // depends on it.
    {
        const QStringView text(work.text);
        std::vector<Replacement> cuts;
        for (qsizetype i = 0; i < text.size();) {
            if (text.at(i) == u'\r' && i + 1 < text.size() && text.at(i + 1) == u'\n') {
                cuts.push_back({ i, i + 1, QString() });
                ++i;
                continue;
            }
            if (!isHorizontalSpace(text.at(i))) {
                ++i;
                continue;
            }
            qsizetype end = i;
            while (end < text.size() && isHorizontalSpace(text.at(end)))
                ++end;
            const bool atStart = i == 0;
            const bool atLineStart = i > 0 && text.at(i - 1) == u'\n';
            const bool atLineEnd = end == text.size() || text.at(end) == u'\n' || text.at(end) == u'\r';
            if (atStart || atLineEnd)
                cuts.push_back({ i, end, QString() });
            else if (!atLineStart && (end - i > 1 || text.at(i) != u' '))
                cuts.push_back({ i, end, QStringLiteral(" ") });
            i = end;
        }
        applyReplacements(work, cuts);
    }
    // Pass 2: three or more line breaks -> two; none at the start or end.
    {
        const QStringView text(work.text);
        std::vector<Replacement> cuts;
        for (qsizetype i = 0; i < text.size();) {
            if (text.at(i) != u'\n') {
                ++i;
                continue;
            }
            qsizetype end = i;
            while (end < text.size() && text.at(end) == u'\n')
                ++end;
            if (i == 0 || end == text.size())
                cuts.push_back({ i, end, QString() });
            else if (end - i > 2)
                cuts.push_back({ i + 2, end, QString() });
            i = end;
        }
        applyReplacements(work, cuts);
    }
}

QList<EditSpan> editsOf(const Work &work, qsizetype originalSize)
{
    QList<EditSpan> edits;
    qsizetype expected = 0; // next input offset if nothing was removed
    qsizetype i = 0;
    const auto n = qsizetype(work.origin.size());
    while (i < n) {
        if (work.origin[size_t(i)] >= 0) {
            const qsizetype o = work.origin[size_t(i)];
            if (o > expected)
                edits.append({ EditSpan::Kind::Removed, expected, o - expected, i, 0 });
            expected = o + 1;
            ++i;
            continue;
        }
        qsizetype j = i;
        while (j < n && work.origin[size_t(j)] < 0)
            ++j;
        const qsizetype nextOrigin = j < n ? work.origin[size_t(j)] : originalSize;
        if (nextOrigin > expected)
            edits.append({ EditSpan::Kind::Replaced, expected, nextOrigin - expected, i, j - i });
        else
            edits.append({ EditSpan::Kind::Inserted, expected, 0, i, j - i });
        expected = nextOrigin;
        i = j;
    }
    if (expected < originalSize)
        edits.append({ EditSpan::Kind::Removed, expected, originalSize - expected, n, 0 });
    return edits;
}

CompressionRule literal(const char *name, const QString &pattern, const QString &replacement)
{
    return { QString::fromUtf8(name), pattern, replacement, false, true, false };
}
CompressionRule regexRule(const char *name, const QString &pattern, const QString &replacement,
                          bool ignoreCase = false)
{
    return { QString::fromUtf8(name), pattern, replacement, true, true, ignoreCase };
}

} // namespace

double CompressionResult::charRatio() const
{
    return originalChars == 0 ? 1.0 : double(compressedChars) / double(originalChars);
}

double CompressionResult::reductionPercent() const
{
    return (1.0 - charRatio()) * 100.0;
}

PromptCompressor PromptCompressor::preset(Preset preset)
{
    PromptCompressor c;
    QList<CompressionRule> rules;
    if (preset == Preset::Reference) {
        // The typical rules as printed, in their order: literal replacements, then the ends
        // trimmed. The last one reads " " -> " " (a no-op); what it plainly means is two or
        // more spaces -> one, and its name says so. Repeats are not removed: the rules do not.
        rules = {
            literal("请你 → (removed)", QStringLiteral("请你"), QString()),
            literal("请注意 → 注意", QStringLiteral("请注意"), QStringLiteral("注意")),
            literal("你需要 → (removed)", QStringLiteral("你需要"), QString()),
            literal("以下是 → (removed)", QStringLiteral("以下是"), QString()),
            literal("首先, → 1.", QStringLiteral("首先,"), QStringLiteral("1.")),
            literal("其次, → 2.", QStringLiteral("其次,"), QStringLiteral("2.")),
            literal("最后, → 3.", QStringLiteral("最后,"), QStringLiteral("3.")),
            literal("three line breaks → two", QStringLiteral("\n\n\n"), QStringLiteral("\n\n")),
            regexRule("two or more spaces → one (printed as \" \" → \" \")", QStringLiteral(" {2,}"),
                      QStringLiteral(" ")),
        };
        c.setRules(rules);
        c.setRemoveRepeatedLines(false);
        return c;
    }
    if (preset == Preset::Chinese) {
        // The typical rules first ("请你" -> "", 首先/其次/最后 -> numbers), then the usual
        // politeness and filler phrases of Chinese prompts. Names say what each rule removes.
        rules = {
            literal("请你", QStringLiteral("请你"), QString()),
            literal("请您", QStringLiteral("请您"), QString()),
            regexRule("麻烦你/您", QStringLiteral("麻烦(你|您)"), QString()),
            regexRule("能否/可以帮我", QStringLiteral("(你)?(能否|能不能|可不可以|可以)(帮我|帮忙)"),
                      QString()),
            literal("帮我", QStringLiteral("帮我"), QString()),
            // Numbered in the order they appear (首先, 其次, 最后 -> 1. 2. 3.), and the comma
            // before each goes: the number separates the items now.
            regexRule("首先/其次/然后/最后 → 1. 2. 3.",
                      QStringLiteral("[,，、]?[ \\t]*(?:(?<first>首先)|其次|再次|然后|最后)[,，:：][ \\t]*"), QStringLiteral("${#}.")),
            literal("一下", QStringLiteral("一下"), QString()),
            regexRule("进行 + 动词", QStringLiteral("进行(?=\\p{Han})"), QString()),
            regexRule("我想/希望你", QStringLiteral("我(想|希望|需要)你(能|可以)?"), QString()),
            regexRule("谢谢", QStringLiteral("(非常)?(感谢|谢谢)(你|您)?[!！。.]?"), QString()),
            regexRule("非常/十分", QStringLiteral("(非常|十分|特别)(?=\\p{Han})"), QString()),
            regexRule("的话", QStringLiteral("(如果[^，,。]{1,20})的话"), QStringLiteral("\\1")),
        };
    } else {
        rules = {
            regexRule("please", QStringLiteral("\\bplease\\b[,]?\\s*"), QString(), true),
            regexRule("kindly", QStringLiteral("\\bkindly\\s+"), QString(), true),
            regexRule("could/can you", QStringLiteral("\\b(could|can|would) you( please)?\\s+"), QString(),
                      true),
            regexRule("I want you to", QStringLiteral("\\bI (would like|want|need) you to\\s+"), QString(),
                      true),
            regexRule("thanks",
                      QStringLiteral("\\b(thank you|thanks)( (very|so) much| in advance)?[.!]?\\s*"),
                      QString(), true),
            regexRule("in order to", QStringLiteral("\\bin order to\\b"), QStringLiteral("to"), true),
            regexRule("due to the fact that", QStringLiteral("\\bdue to the fact that\\b"),
                      QStringLiteral("because"), true),
            regexRule("at this point in time", QStringLiteral("\\bat this point in time\\b"),
                      QStringLiteral("now"), true),
            regexRule("it is important to note",
                      QStringLiteral("\\bit is (important|worth) (to note|noting) that\\s+"), QString(),
                      true),
            regexRule("first, → 1.", QStringLiteral("\\bfirst(ly)?,\\s*"), QStringLiteral("1. "), true),
            regexRule("second, → 2.", QStringLiteral("\\bsecond(ly)?,\\s*"), QStringLiteral("2. "), true),
            regexRule("third, → 3.", QStringLiteral("\\bthird(ly)?,\\s*"), QStringLiteral("3. "), true),
            regexRule("fillers", QStringLiteral("\\b(basically|actually|really|very|just|quite)\\s+"),
                      QString(), true),
        };
    }
    c.setRules(rules);
    return c;
}

std::optional<PromptCompressor::Preset> PromptCompressor::presetFromName(QStringView name)
{
    if (name == u"zh")
        return Preset::Chinese;
    if (name == u"reference")
        return Preset::Reference;
    if (name == u"en")
        return Preset::English;
    return std::nullopt;
}

void PromptCompressor::setRules(const QList<CompressionRule> &rules)
{
    m_rules = rules;
    compile();
}

void PromptCompressor::addRule(const CompressionRule &rule)
{
    m_rules.append(rule);
    compile();
}

void PromptCompressor::compile()
{
    m_compiled.clear();
    m_compiled.reserve(m_rules.size());
    for (const CompressionRule &rule : std::as_const(m_rules)) {
        QRegularExpression re;
        if (rule.regex) {
            QRegularExpression::PatternOptions options = QRegularExpression::UseUnicodePropertiesOption;
            if (rule.ignoreCase)
                options |= QRegularExpression::CaseInsensitiveOption;
            re = QRegularExpression(rule.pattern, options);
            re.optimize();
        }
        m_compiled.append(re);
    }
}

QString PromptCompressor::ruleError(const CompressionRule &rule)
{
    if (rule.pattern.isEmpty())
        return tr("the pattern is empty");
    if (!rule.regex)
        return {};
    const QRegularExpression re(rule.pattern, QRegularExpression::UseUnicodePropertiesOption);
    if (re.isValid())
        return {};
    return tr("invalid regular expression at offset %1: %2")
        .arg(re.patternErrorOffset())
        .arg(re.errorString());
}

QList<QString> PromptCompressor::ruleErrors() const
{
    QList<QString> errors;
    for (const CompressionRule &rule : m_rules)
        errors.append(ruleError(rule));
    return errors;
}

CompressionResult PromptCompressor::compress(QStringView input) const
{
    CompressionResult result;
    result.originalChars = input.size();
    result.ruleErrors = ruleErrors();
    result.fires = QList<int>(m_rules.size(), 0);

    Work work;
    work.text = input.toString();
    work.origin.resize(size_t(input.size()));
    for (qsizetype i = 0; i < input.size(); ++i)
        work.origin[size_t(i)] = qint32(i);

    std::vector<Replacement> replacements;
    for (qsizetype r = 0; r < m_rules.size(); ++r) {
        const CompressionRule &rule = m_rules.at(r);
        if (!rule.enabled || !result.ruleErrors.at(r).isEmpty() || work.text.isEmpty())
            continue;
        replacements.clear();
        if (rule.regex) {
            auto it = m_compiled.at(r).globalMatch(work.text);
            int ordinal = 0;
            qsizetype previousEnd = 0;
            while (it.hasNext()) {
                const QRegularExpressionMatch m = it.next();
                if (m.capturedLength() == 0)
                    continue;
                // ${#} numbers the matches of a list: a blank line, or a match whose group
                // "first" took part (say 首先), starts a new one.
                if (QStringView(work.text).mid(previousEnd, m.capturedStart() - previousEnd).contains(u"\n\n")
                    || m.capturedStart(u"first") >= 0)
                    ordinal = 0;
                ++ordinal;
                previousEnd = m.capturedEnd();
                replacements.push_back({ m.capturedStart(), m.capturedEnd(), expand(m, rule.replacement, ordinal) });
            }
        } else {
            const QStringMatcher matcher(rule.pattern,
                                         rule.ignoreCase ? Qt::CaseInsensitive : Qt::CaseSensitive);
            for (qsizetype at = matcher.indexIn(work.text); at >= 0;
                 at = matcher.indexIn(work.text, at + rule.pattern.size()))
                replacements.push_back({ at, at + rule.pattern.size(), rule.replacement });
        }
        result.fires[r] = int(replacements.size());
        applyReplacements(work, replacements);
    }
    if (m_removeRepeatedLines)
        removeRepeats(work, false, &result.repeatsRemoved);
    if (m_removeRepeatedSentences)
        removeRepeats(work, true, &result.repeatsRemoved);
    if (m_normalizeWhitespace)
        normalizeSpaces(work);

    result.edits = editsOf(work, input.size());
    result.text = std::move(work.text);
    result.compressedChars = result.text.size();
    return result;
}

QJsonObject PromptCompressor::toJson() const
{
    QJsonArray rules;
    for (const CompressionRule &rule : m_rules) {
        rules.append(QJsonObject { { QStringLiteral("name"), rule.name },
                                   { QStringLiteral("pattern"), rule.pattern },
                                   { QStringLiteral("replacement"), rule.replacement },
                                   { QStringLiteral("regex"), rule.regex },
                                   { QStringLiteral("enabled"), rule.enabled },
                                   { QStringLiteral("ignoreCase"), rule.ignoreCase } });
    }
    return { { QStringLiteral("version"), 1 },
             { QStringLiteral("normalizeWhitespace"), m_normalizeWhitespace },
             { QStringLiteral("removeRepeatedLines"), m_removeRepeatedLines },
             { QStringLiteral("removeRepeatedSentences"), m_removeRepeatedSentences },
             { QStringLiteral("rules"), rules } };
}

std::optional<PromptCompressor> PromptCompressor::fromJson(const QJsonObject &json, QString *error)
{
    const auto fail = [error](const QString &message) -> std::optional<PromptCompressor> {
        if (error)
            *error = message;
        return std::nullopt;
    };
    const QJsonValue version = json.value(QLatin1String("version"));
    if (!version.isUndefined() && version.toInt(-1) != 1)
        return fail(tr("unsupported rule set version %1").arg(version.toVariant().toString()));
    const QJsonValue rulesValue = json.value(QLatin1String("rules"));
    if (!rulesValue.isArray())
        return fail(tr("\"rules\" must be an array"));
    PromptCompressor c;
    const auto flag = [&json](const char *key, bool fallback) {
        const QJsonValue v = json.value(QLatin1String(key));
        return v.isBool() ? v.toBool() : fallback;
    };
    c.m_normalizeWhitespace = flag("normalizeWhitespace", true);
    c.m_removeRepeatedLines = flag("removeRepeatedLines", true);
    c.m_removeRepeatedSentences = flag("removeRepeatedSentences", false);
    QList<CompressionRule> rules;
    const QJsonArray array = rulesValue.toArray();
    for (qsizetype i = 0; i < array.size(); ++i) {
        if (!array.at(i).isObject())
            return fail(tr("rule %1 is not an object").arg(i + 1));
        const QJsonObject o = array.at(i).toObject();
        const QJsonValue pattern = o.value(QLatin1String("pattern"));
        if (!pattern.isString())
            return fail(tr("rule %1 has no \"pattern\" string").arg(i + 1));
        const QJsonValue replacement = o.value(QLatin1String("replacement"));
        if (!replacement.isUndefined() && !replacement.isString())
            return fail(tr("rule %1: \"replacement\" must be a string").arg(i + 1));
        CompressionRule rule;
        rule.name = o.value(QLatin1String("name")).toString();
        rule.pattern = pattern.toString();
        rule.replacement = replacement.toString();
        rule.regex = o.value(QLatin1String("regex")).toBool(false);
        rule.enabled = o.value(QLatin1String("enabled")).toBool(true);
        rule.ignoreCase = o.value(QLatin1String("ignoreCase")).toBool(false);
        rules.append(rule);
    }
    c.setRules(rules);
    return c;
}

std::optional<PromptCompressor> PromptCompressor::load(const QString &path, QString *error)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        if (error)
            *error = tr("cannot read %1: %2").arg(path, file.errorString());
        return std::nullopt;
    }
    if (file.size() > 16 * 1024 * 1024) {
        if (error)
            *error = tr("%1 is too large for a rule set").arg(path);
        return std::nullopt;
    }
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(file.readAll(), &parseError);
    if (!doc.isObject()) {
        if (error)
            *error = tr("%1 is not a rule set: %2").arg(path, parseError.errorString());
        return std::nullopt;
    }
    QString why;
    auto compressor = fromJson(doc.object(), &why);
    if (!compressor && error)
        *error = tr("%1: %2").arg(path, why);
    return compressor;
}

bool PromptCompressor::save(const QString &path, QString *error) const
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly)) {
        if (error)
            *error = tr("cannot write %1: %2").arg(path, file.errorString());
        return false;
    }
    file.write(QJsonDocument(toJson()).toJson(QJsonDocument::Indented));
    if (!file.commit()) {
        if (error)
            *error = tr("cannot write %1: %2").arg(path, file.errorString());
        return false;
    }
    return true;
}
