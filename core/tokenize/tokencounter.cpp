#include "tokencounter.h"

#include <QDir>
#include <QFileInfo>
#include <QHash>
#include <QMutex>
#include <QStandardPaths>

#include <cmath>

namespace {

bool isCjk(char32_t cp)
{
    return (cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0x3400 && cp <= 0x4DBF)
        || (cp >= 0x20000 && cp <= 0x2FA1F) || (cp >= 0xF900 && cp <= 0xFAFF)
        || (cp >= 0x3040 && cp <= 0x30FF) || (cp >= 0x3100 && cp <= 0x312F) || (cp >= 0xAC00 && cp <= 0xD7AF);
}

// Weights fitted to cl100k_base by relative least squares (non-negative) on the ordinary
// prose/code cases of tests/data/tokenize/corpus.txt; see tests/data/tokenize/README.md.
constexpr double WCjk = 0.914;
constexpr double WAsciiWord = 0.124; // per ASCII letter run, on top of its letters
constexpr double WAsciiLetter = 0.213;
constexpr double WOtherLetter = 1.288; // non-CJK letters and marks outside ASCII
constexpr double WDigit = 0.636;
constexpr double WAsciiPunctRun = 0.891; // per run of ASCII punctuation
constexpr double WOtherSymbol = 1.556; // other BMP symbols and punctuation
constexpr double WAstral = 2.526; // outside the BMP: emoji
constexpr double WNewline = 0.804; // per run of line breaks
constexpr double WTab = 1.421;

enum class Kind {
    Cjk,
    AsciiLetter,
    OtherLetter,
    Digit,
    Space,
    Tab,
    Newline,
    AsciiPunct,
    OtherSymbol,
    Astral
};

Kind kindOf(char32_t cp)
{
    if (cp < 0x80) {
        if ((cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z'))
            return Kind::AsciiLetter;
        if (cp >= '0' && cp <= '9')
            return Kind::Digit;
        if (cp == '\n')
            return Kind::Newline;
        if (cp == '\t')
            return Kind::Tab;
        if (cp == ' ' || cp == '\r' || cp == '\f' || cp == '\v')
            return Kind::Space;
        return Kind::AsciiPunct;
    }
    if (isCjk(cp))
        return Kind::Cjk;
    if (QChar::isLetter(cp) || QChar::isMark(cp))
        return Kind::OtherLetter;
    if (QChar::isNumber(cp))
        return Kind::Digit;
    if (QChar::isSpace(cp))
        return Kind::Space;
    if (cp > 0xFFFF)
        return Kind::Astral;
    return Kind::OtherSymbol;
}

// Walks \a text and calls step(endOffset, cost) per code point.
template<typename Step> void walkEstimate(QStringView text, Step &&step)
{
    Kind previous = Kind::Space;
    for (qsizetype i = 0; i < text.size();) {
        char32_t cp = text.at(i).unicode();
        qsizetype next = i + 1;
        if (QChar::isHighSurrogate(cp) && next < text.size() && text.at(next).isLowSurrogate()) {
            cp = QChar::surrogateToUcs4(text.at(i), text.at(next));
            ++next;
        }
        const Kind kind = kindOf(cp);
        double cost = 0;
        switch (kind) {
        case Kind::Cjk:
            cost = WCjk;
            break;
        case Kind::AsciiLetter:
            cost = WAsciiLetter + (previous == Kind::AsciiLetter ? 0.0 : WAsciiWord);
            break;
        case Kind::OtherLetter:
            cost = WOtherLetter;
            break;
        case Kind::Digit:
            cost = WDigit;
            break;
        case Kind::Space:
            break;
        case Kind::Tab:
            cost = WTab;
            break;
        case Kind::Newline:
            cost = previous == Kind::Newline ? 0.0 : WNewline;
            break;
        case Kind::AsciiPunct:
            cost = previous == Kind::AsciiPunct ? 0.0 : WAsciiPunctRun;
            break;
        case Kind::OtherSymbol:
            cost = WOtherSymbol;
            break;
        case Kind::Astral:
            cost = WAstral;
            break;
        }
        previous = kind;
        step(next, cost);
        i = next;
    }
}

// UTF-16 → UTF-8 with, for each byte, nothing; for each UTF-16 unit its byte offset. Lone
// surrogates become U+FFFD (what a browser's TextEncoder does, and what tiktoken sees).
QByteArray toUtf8WithMap(QStringView text, std::vector<quint32> *unitToByte)
{
    QByteArray out;
    out.reserve(text.size() * 3);
    unitToByte->assign(size_t(text.size()) + 1, 0);
    for (qsizetype i = 0; i < text.size(); ++i) {
        (*unitToByte)[size_t(i)] = quint32(out.size());
        char32_t cp = text.at(i).unicode();
        if (QChar::isHighSurrogate(cp) && i + 1 < text.size() && text.at(i + 1).isLowSurrogate()) {
            cp = QChar::surrogateToUcs4(text.at(i), text.at(i + 1));
            ++i;
            (*unitToByte)[size_t(i)] = quint32(out.size());
        } else if (QChar::isSurrogate(cp)) {
            cp = 0xFFFD;
        }
        if (cp < 0x80) {
            out.append(char(cp));
        } else if (cp < 0x800) {
            out.append(char(0xC0 | (cp >> 6)));
            out.append(char(0x80 | (cp & 0x3F)));
        } else if (cp < 0x10000) {
            out.append(char(0xE0 | (cp >> 12)));
            out.append(char(0x80 | ((cp >> 6) & 0x3F)));
            out.append(char(0x80 | (cp & 0x3F)));
        } else {
            out.append(char(0xF0 | (cp >> 18)));
            out.append(char(0x80 | ((cp >> 12) & 0x3F)));
            out.append(char(0x80 | ((cp >> 6) & 0x3F)));
            out.append(char(0x80 | (cp & 0x3F)));
        }
    }
    (*unitToByte)[size_t(text.size())] = quint32(out.size());
    return out;
}

struct Registry
{
    QMutex mutex;
    QString overrideDirectory;
    QHash<int, std::shared_ptr<const BpeEncoding>> loaded;
    QHash<int, QString> failures;
};

Registry &registry()
{
    static Registry r;
    return r;
}

} // namespace

QString TokenCount::methodName() const
{
    switch (method) {
    case CountMethod::Exact:
        return QStringLiteral("exact");
    case CountMethod::Endpoint:
        return QStringLiteral("endpoint");
    case CountMethod::Estimate:
        return QStringLiteral("estimate");
    }
    return {};
}

QString TokenCount::label() const
{
    switch (method) {
    case CountMethod::Exact:
        return tr("%n token(s) (exact, %1)", nullptr, int(tokens)).arg(source);
    case CountMethod::Endpoint:
        return tr("%n token(s) (counted by the endpoint, %1)", nullptr, int(tokens)).arg(source);
    case CountMethod::Estimate:
        return tr("~%n token(s) (estimated)", nullptr, int(tokens));
    }
    return {};
}

double TokenEstimator::estimate(QStringView text)
{
    double total = 0;
    walkEstimate(text, [&total](qsizetype, double cost) { total += cost; });
    return total;
}

qint64 TokenEstimator::count(QStringView text)
{
    if (text.isEmpty())
        return 0;
    return std::max<qint64>(1, qint64(std::ceil(estimate(text) - 1e-9)));
}

QStringList TiktokenFiles::searchPaths()
{
    QStringList paths;
    {
        QMutexLocker lock(&registry().mutex);
        if (!registry().overrideDirectory.isEmpty())
            return { registry().overrideDirectory };
    }
    const QString env = qEnvironmentVariable("TOKENSCOPE_TIKTOKEN_DIR");
    if (!env.isEmpty())
        paths.append(env);
    for (const QString &dir : QStandardPaths::standardLocations(QStandardPaths::AppDataLocation))
        paths.append(dir + QStringLiteral("/tiktoken"));
    for (const QString &dir : QStandardPaths::standardLocations(QStandardPaths::GenericDataLocation))
        paths.append(dir + QStringLiteral("/tokenscope/tiktoken"));
    if (QCoreApplication::instance())
        paths.append(QCoreApplication::applicationDirPath()
                     + QStringLiteral("/../share/tokenscope/tiktoken"));
#ifdef TOKENSCOPE_BUILD_TIKTOKEN_DIR
    paths.append(QStringLiteral(TOKENSCOPE_BUILD_TIKTOKEN_DIR));
#endif
    paths.removeDuplicates();
    return paths;
}

void TiktokenFiles::setDirectory(const QString &directory)
{
    QMutexLocker lock(&registry().mutex);
    registry().overrideDirectory = directory;
    registry().failures.clear();
    registry().loaded.clear();
}

QString TiktokenFiles::fileName(BpeEncodingId id)
{
    return BpeEncodings::name(id) + QStringLiteral(".json");
}

std::shared_ptr<const BpeEncoding> TiktokenFiles::encoding(BpeEncodingId id, QString *error)
{
    const int key = int(id);
    {
        QMutexLocker lock(&registry().mutex);
        if (auto it = registry().loaded.constFind(key); it != registry().loaded.constEnd())
            return *it;
        if (auto it = registry().failures.constFind(key); it != registry().failures.constEnd()) {
            if (error)
                *error = *it;
            return nullptr;
        }
    }
    const QStringList paths = searchPaths();
    QString why;
    std::shared_ptr<const BpeEncoding> found;
    for (const QString &dir : paths) {
        const QString path = QDir(dir).filePath(fileName(id));
        if (!QFileInfo::exists(path))
            continue;
        found = BpeEncoding::load(id, path, &why);
        break; // a present but broken file is reported, not skipped
    }
    if (!found && why.isEmpty()) {
        why = TokenCount::tr("%1 is unavailable: %2 was not found in %3 (run scripts/common.sh's "
                             "fetch_tiktoken_ranks or set TOKENSCOPE_TIKTOKEN_DIR)")
                  .arg(BpeEncodings::name(id), fileName(id), paths.join(QStringLiteral(", ")));
    }
    QMutexLocker lock(&registry().mutex);
    if (found) {
        registry().loaded.insert(key, found);
    } else {
        registry().failures.insert(key, why);
        if (error)
            *error = why;
    }
    return found;
}

TokenCounter::TokenCounter(std::shared_ptr<const BpeEncoding> encoding)
    : m_encoding(std::move(encoding))
{
}

TokenCounter TokenCounter::forEncoding(BpeEncodingId id)
{
    QString error;
    TokenCounter counter(TiktokenFiles::encoding(id, &error));
    counter.m_note = error;
    return counter;
}

qint64 TokenCounter::tokens(QStringView text) const
{
    if (!m_encoding)
        return TokenEstimator::count(text);
    std::vector<quint32> map;
    return m_encoding->count(QByteArrayView(toUtf8WithMap(text, &map)));
}

TokenCount TokenCounter::count(QStringView text) const
{
    TokenCount result;
    result.tokens = tokens(text);
    if (m_encoding) {
        result.method = CountMethod::Exact;
        result.source = m_encoding->name();
    } else {
        result.method = CountMethod::Estimate;
        result.source = QStringLiteral("per-script estimate");
        result.note = m_note;
    }
    return result;
}

QList<qsizetype> TokenCounter::tokenEnds(QStringView text) const
{
    QList<qsizetype> ends;
    if (text.isEmpty())
        return ends;
    if (!m_encoding) {
        // A token ends wherever the running estimate crosses a whole number.
        double total = 0;
        qint64 emitted = 0;
        walkEstimate(text, [&](qsizetype end, double cost) {
            total += cost;
            while (double(emitted + 1) <= total + 1e-9) {
                ends.append(end);
                ++emitted;
            }
        });
        // Same total as TokenEstimator::count(): a started token counts, trailing free
        // characters (spaces) belong to the last token.
        if (ends.isEmpty() || double(emitted) < total - 1e-9)
            ends.append(text.size());
        else
            ends.last() = text.size();
        return ends;
    }
    std::vector<quint32> unitToByte;
    const QByteArray utf8 = toUtf8WithMap(text, &unitToByte);
    std::vector<quint32> ids, byteEnds;
    m_encoding->encodeWithOffsets(QByteArrayView(utf8), &ids, &byteEnds);
    ends.reserve(qsizetype(byteEnds.size()));
    // unitToByte is non-decreasing; a token ending inside a code point ends after it.
    qsizetype unit = 0;
    for (quint32 byteEnd : byteEnds) {
        while (unit < text.size() && unitToByte[size_t(unit)] < byteEnd)
            ++unit;
        // unit is now the first UTF-16 unit starting at or after byteEnd; a low surrogate shares its
        // high surrogate's offset, so step over it.
        while (unit < text.size() && unit > 0 && text.at(unit).isLowSurrogate()
               && text.at(unit - 1).isHighSurrogate())
            ++unit;
        ends.append(unit);
    }
    return ends;
}
