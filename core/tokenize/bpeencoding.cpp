#include "bpeencoding.h"

#include <QChar>
#include <QCoreApplication>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>

#include <algorithm>
#include <cstring>
#include <queue>

namespace {

class BpeText
{
    Q_DECLARE_TR_FUNCTIONS(BpeEncoding)
};

// The split patterns the hand-written pre-tokenizers below implement. A rank file with any
// other pattern is refused rather than silently split differently.
constexpr char Cl100kPattern[]
    = R"((?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\r\n\p{L}\p{N}]?\p{L}+|\p{N}{1,3}| ?[^\s\p{L}\p{N}]+[\r\n]*|\s*[\r\n]+|\s+(?!\S)|\s+)";
constexpr char O200kPattern[]
    = R"([^\r\n\p{L}\p{N}]?[\p{Lu}\p{Lt}\p{Lm}\p{Lo}\p{M}]*[\p{Ll}\p{Lm}\p{Lo}\p{M}]+(?i:'s|'t|'re|'ve|'m|'ll|'d)?|[^\r\n\p{L}\p{N}]?[\p{Lu}\p{Lt}\p{Lm}\p{Lo}\p{M}]+[\p{Ll}\p{Lm}\p{Lo}\p{M}]*(?i:'s|'t|'re|'ve|'m|'ll|'d)?|\p{N}{1,3}| ?[^\s\p{L}\p{N}]+[\r\n/]*|\s*[\r\n]+|\s+(?!\S)|\s+)";

constexpr quint32 NoRank = 0xFFFFFFFFu;

// The character classes the two split patterns distinguish.
enum Cls : quint8 {
    Upper, ///< Lu, Lt
    Lower, ///< Ll
    OtherLetter, ///< Lm, Lo
    Mark, ///< Mn, Mc, Me (not \p{L}, but in o200k's letter classes)
    Number, ///< Nd, Nl, No
    Newline, ///< \r, \n
    Space, ///< any other Unicode White_Space (what \s matches)
    Other,
};

inline bool isLetter(quint8 c)
{
    return c <= OtherLetter;
}
inline bool isUpperSet(quint8 c) // [\p{Lu}\p{Lt}\p{Lm}\p{Lo}\p{M}]
{
    return c == Upper || c == OtherLetter || c == Mark;
}
inline bool isLowerSet(quint8 c) // [\p{Ll}\p{Lm}\p{Lo}\p{M}]
{
    return c == Lower || c == OtherLetter || c == Mark;
}
inline bool isPrefix(quint8 c) // [^\r\n\p{L}\p{N}]
{
    return c == Mark || c == Space || c == Other;
}
inline bool isPunct(quint8 c) // [^\s\p{L}\p{N}]
{
    return c == Mark || c == Other;
}
inline bool isWhite(quint8 c)
{
    return c == Newline || c == Space;
}

bool isUnicodeWhiteSpace(char32_t c)
{
    return (c >= 0x09 && c <= 0x0D) || c == 0x20 || c == 0x85 || c == 0xA0 || c == 0x1680
        || (c >= 0x2000 && c <= 0x200A) || c == 0x2028 || c == 0x2029 || c == 0x202F || c == 0x205F
        || c == 0x3000;
}

Cls classify(char32_t c)
{
    if (c == '\r' || c == '\n')
        return Newline;
    if (isUnicodeWhiteSpace(c))
        return Space;
    switch (QChar::category(c)) {
    case QChar::Letter_Uppercase:
    case QChar::Letter_Titlecase:
        return Upper;
    case QChar::Letter_Lowercase:
        return Lower;
    case QChar::Letter_Modifier:
    case QChar::Letter_Other:
        return OtherLetter;
    case QChar::Mark_NonSpacing:
    case QChar::Mark_SpacingCombining:
    case QChar::Mark_Enclosing:
        return Mark;
    case QChar::Number_DecimalDigit:
    case QChar::Number_Letter:
    case QChar::Number_Other:
        return Number;
    default:
        return Other;
    }
}

struct AsciiTable
{
    quint8 cls[128];
    AsciiTable()
    {
        for (char32_t c = 0; c < 128; ++c)
            cls[c] = classify(c);
    }
};
const AsciiTable &asciiTable()
{
    static const AsciiTable table;
    return table;
}

// The input as code points: byte offset and class of each (offsets has one extra entry, the end).
// Invalid UTF-8 bytes become one "Other" code point each.
struct CodePoints
{
    std::vector<quint32> offsets;
    std::vector<quint8> classes;

    void build(const uchar *s, qsizetype n)
    {
        offsets.clear();
        classes.clear();
        offsets.reserve(size_t(n) + 1);
        classes.reserve(size_t(n));
        const quint8 *ascii = asciiTable().cls;
        qsizetype i = 0;
        while (i < n) {
            const uchar b = s[i];
            offsets.push_back(quint32(i));
            if (b < 0x80) {
                classes.push_back(ascii[b]);
                ++i;
                continue;
            }
            int len = 0;
            char32_t cp = 0;
            if (b >= 0xC2 && b <= 0xDF) {
                len = 2;
                cp = b & 0x1F;
            } else if (b >= 0xE0 && b <= 0xEF) {
                len = 3;
                cp = b & 0x0F;
            } else if (b >= 0xF0 && b <= 0xF4) {
                len = 4;
                cp = b & 0x07;
            }
            bool ok = len > 0 && i + len <= n;
            for (int k = 1; ok && k < len; ++k) {
                const uchar c = s[i + k];
                if ((c & 0xC0) != 0x80)
                    ok = false;
                cp = (cp << 6) | (c & 0x3F);
            }
            if (!ok) {
                classes.push_back(Other);
                ++i;
                continue;
            }
            classes.push_back(classify(cp));
            i += len;
        }
        offsets.push_back(quint32(n));
    }
};

// The pre-tokenizers: each returns the end (code point index) of the piece starting at i,
// exactly as the encoding's regex would match it (leftmost-first alternation, greedy with
// backtracking, worked out by hand for these patterns).
class Splitter
{
public:
    Splitter(const uchar *s, const CodePoints &cps)
        : m_s(s)
        , m_off(cps.offsets.data())
        , m_cls(cps.classes.data())
        , m_n(qsizetype(cps.classes.size()))
    {
    }

    qsizetype nextCl100k(qsizetype i) const
    {
        const quint8 c = m_cls[i];
        // (?i:'s|'t|'re|'ve|'m|'ll|'d)
        if (m_s[m_off[i]] == '\'') {
            if (const int k = contraction(i))
                return i + k;
        }
        // [^\r\n\p{L}\p{N}]?\p{L}+
        {
            qsizetype j = i;
            if (isPrefix(c) && i + 1 < m_n && isLetter(m_cls[i + 1]))
                j = i + 1;
            if (isLetter(m_cls[j])) {
                while (j < m_n && isLetter(m_cls[j]))
                    ++j;
                return j;
            }
        }
        if (c == Number)
            return digits(i);
        // ' ?[^\s\p{L}\p{N}]+[\r\n]*'
        {
            qsizetype j = i;
            if (isSpaceChar(i) && i + 1 < m_n && isPunct(m_cls[i + 1]))
                j = i + 1;
            if (isPunct(m_cls[j])) {
                while (j < m_n && isPunct(m_cls[j]))
                    ++j;
                while (j < m_n && m_cls[j] == Newline)
                    ++j;
                return j;
            }
        }
        return whitespace(i);
    }

    qsizetype nextO200k(qsizetype i) const
    {
        const quint8 c = m_cls[i];
        // [^\r\n\p{L}\p{N}]?[\p{Lu}\p{Lt}\p{Lm}\p{Lo}\p{M}]*[\p{Ll}\p{Lm}\p{Lo}\p{M}]+(?i:...)?
        if (isPrefix(c) && i + 1 < m_n) {
            if (const qsizetype e = wordA(i + 1); e >= 0)
                return e;
        }
        if (const qsizetype e = wordA(i); e >= 0)
            return e;
        // [^\r\n\p{L}\p{N}]?[\p{Lu}\p{Lt}\p{Lm}\p{Lo}\p{M}]+[\p{Ll}\p{Lm}\p{Lo}\p{M}]*(?i:...)?
        if (isPrefix(c) && i + 1 < m_n) {
            if (const qsizetype e = wordB(i + 1); e >= 0)
                return e;
        }
        if (const qsizetype e = wordB(i); e >= 0)
            return e;
        if (c == Number)
            return digits(i);
        // ' ?[^\s\p{L}\p{N}]+[\r\n/]*'
        {
            qsizetype j = i;
            if (isSpaceChar(i) && i + 1 < m_n && isPunct(m_cls[i + 1]))
                j = i + 1;
            if (isPunct(m_cls[j])) {
                while (j < m_n && isPunct(m_cls[j]))
                    ++j;
                while (j < m_n && (m_cls[j] == Newline || m_s[m_off[j]] == '/'))
                    ++j;
                return j;
            }
        }
        return whitespace(i);
    }

private:
    bool isSpaceChar(qsizetype i) const { return m_s[m_off[i]] == ' '; }

    // The lower-cased ASCII letter at code point i, 0 for anything else. U+017F (long s)
    // case-folds to 's' under (?i), as it does in the regex engines tiktoken uses.
    char folded(qsizetype i) const
    {
        if (i >= m_n)
            return 0;
        const uchar b = m_s[m_off[i]];
        if (b < 0x80)
            return (b >= 'A' && b <= 'Z') ? char(b + 32) : char(b);
        if (b == 0xC5 && m_off[i + 1] - m_off[i] == 2 && m_s[m_off[i] + 1] == 0xBF)
            return 's';
        return 0;
    }

    // Code points matched by (?i:'s|'t|'re|'ve|'m|'ll|'d) at i (0: none).
    int contraction(qsizetype i) const
    {
        if (i >= m_n || m_s[m_off[i]] != '\'')
            return 0;
        const char a = folded(i + 1);
        if (a == 's' || a == 't' || a == 'm' || a == 'd')
            return 2;
        const char b = folded(i + 2);
        if ((a == 'r' && b == 'e') || (a == 'v' && b == 'e') || (a == 'l' && b == 'l'))
            return 3;
        return 0;
    }

    qsizetype digits(qsizetype i) const
    {
        qsizetype j = i;
        while (j < m_n && j - i < 3 && m_cls[j] == Number)
            ++j;
        return j;
    }

    // \s*[\r\n]+ | \s+(?!\S) | \s+ at a whitespace code point.
    qsizetype whitespace(qsizetype i) const
    {
        qsizetype end = i;
        qsizetype lastNewline = -1;
        while (end < m_n && isWhite(m_cls[end])) {
            if (m_cls[end] == Newline)
                lastNewline = end;
            ++end;
        }
        if (end == i) // unreachable for valid classes; never loop forever
            return i + 1;
        if (lastNewline >= 0)
            return lastNewline + 1;
        if (end == m_n)
            return end;
        if (end - i >= 2)
            return end - 1;
        return end;
    }

    // [\p{Lu}\p{Lt}\p{Lm}\p{Lo}\p{M}]*[\p{Ll}\p{Lm}\p{Lo}\p{M}]+ contraction? from s; -1: no match.
    qsizetype wordA(qsizetype s) const
    {
        qsizetype u = s;
        while (u < m_n && isUpperSet(m_cls[u]))
            ++u;
        qsizetype end = -1;
        if (u < m_n && m_cls[u] == Lower) {
            end = u;
            while (end < m_n && isLowerSet(m_cls[end]))
                ++end;
        } else {
            // Backtrack the upper run: the last code point that is in both sets ends the match.
            for (qsizetype q = u - 1; q >= s; --q) {
                if (isLowerSet(m_cls[q])) {
                    end = q + 1;
                    break;
                }
            }
        }
        if (end < 0)
            return -1;
        return end + contraction(end);
    }

    // [\p{Lu}\p{Lt}\p{Lm}\p{Lo}\p{M}]+[\p{Ll}\p{Lm}\p{Lo}\p{M}]* contraction? from s; -1: no match.
    qsizetype wordB(qsizetype s) const
    {
        if (s >= m_n || !isUpperSet(m_cls[s]))
            return -1;
        qsizetype end = s;
        while (end < m_n && isUpperSet(m_cls[end]))
            ++end;
        while (end < m_n && isLowerSet(m_cls[end]))
            ++end;
        return end + contraction(end);
    }

    const uchar *m_s;
    const quint32 *m_off;
    const quint8 *m_cls;
    qsizetype m_n;
};

inline quint64 hashBytes(const uchar *p, size_t n)
{
    quint64 h = 0x9E3779B97F4A7C15ull ^ (quint64(n) * 0x100000001B3ull);
    while (n >= 8) {
        quint64 v;
        std::memcpy(&v, p, 8);
        h = (h ^ v) * 0xFF51AFD7ED558CCDull;
        h ^= h >> 32;
        p += 8;
        n -= 8;
    }
    quint64 v = 0;
    std::memcpy(&v, p, n);
    h = (h ^ v) * 0xC4CEB9FE1A85EC53ull;
    h ^= h >> 29;
    return h;
}

} // namespace

class BpeEncoding::Private
{
public:
    // 16 bytes: a token of up to 8 bytes is compared by its key alone (no trip to the blob),
    // which is what BPE merges look up almost always.
    struct Slot
    {
        quint64 key = 0; // shortKey() for up to 8 bytes, else hashBytes()
        quint32 rank = NoRank;
        quint32 lengthOffset = 0; // length << 24 | offset in blob; 0: empty slot
    };
    struct Token
    {
        quint32 offset = 0;
        quint32 length = 0;
    };

    QByteArray blob; // every token's bytes, back to back
    std::vector<Slot> slots; // open addressing, power-of-two size
    quint64 capacity = 1; // three slots per token: probe runs stay short (measured faster than 1.4 or 2)
    std::vector<Token> tokens; // by rank
    quint32 byteRank[256];
    int rankCount = 0;
    bool o200k = false;

    // The bytes of a 1..8 byte string as one number (unique for a given length): two
    // overlapping 4-byte loads, or three single bytes for lengths up to 3.
    static quint64 shortKey(const uchar *p, size_t n)
    {
        if (n >= 4) {
            quint32 lo, hi;
            std::memcpy(&lo, p, 4);
            std::memcpy(&hi, p + n - 4, 4);
            return quint64(lo) | (quint64(hi) << 32);
        }
        return quint64(p[0]) | (quint64(p[n >> 1]) << 8) | (quint64(p[n - 1]) << 16);
    }
    static quint64 slotOf(quint64 key, size_t n)
    {
        quint64 h = (key ^ (quint64(n) << 59)) * 0x9E3779B97F4A7C15ull;
        return h ^ (h >> 31);
    }
    // A slot index in [0, capacity) from a 64-bit hash, without a power-of-two table.
    quint64 home(quint64 hash) const
    {
        __extension__ using Wide = unsigned __int128;
        return quint64((Wide(hash) * capacity) >> 64);
    }

    quint32 lookup(const uchar *p, size_t n) const
    {
        const auto length = quint32(n);
        if (n <= 8) {
            const quint64 key = shortKey(p, n);
            for (quint64 i = home(slotOf(key, n));; i = i + 1 == capacity ? 0 : i + 1) {
                const Slot &slot = slots[i];
                if (slot.lengthOffset == 0)
                    return NoRank;
                if (slot.key == key && (slot.lengthOffset >> 24) == length)
                    return slot.rank;
            }
        }
        const quint64 h = hashBytes(p, n);
        const uchar *base = reinterpret_cast<const uchar *>(blob.constData());
        for (quint64 i = home(slotOf(h, n));; i = i + 1 == capacity ? 0 : i + 1) {
            const Slot &slot = slots[i];
            if (slot.lengthOffset == 0)
                return NoRank;
            if (slot.key == h && (slot.lengthOffset >> 24) == length
                && std::memcmp(base + (slot.lengthOffset & 0xFFFFFFu), p, n) == 0)
                return slot.rank;
        }
    }

    bool insert(quint32 offset, quint32 length, quint32 rank)
    {
        const uchar *p = reinterpret_cast<const uchar *>(blob.constData()) + offset;
        if (lookup(p, length) != NoRank)
            return false; // duplicate
        const quint64 key = length <= 8 ? shortKey(p, length) : hashBytes(p, length);
        for (quint64 i = home(slotOf(key, length));; i = i + 1 == capacity ? 0 : i + 1) {
            Slot &slot = slots[i];
            if (slot.lengthOffset == 0) {
                slot = { key, rank, (length << 24) | offset };
                return true;
            }
        }
    }

    // Scratch space for one encode call.
    struct Scratch
    {
        CodePoints cps;
        std::vector<quint32> tok;
        std::vector<quint32> pairRank;
        std::vector<qint32> next;
        std::vector<qint32> prev;
        std::vector<quint64> heap;
    };

    // BPE of one piece; calls emit(rank, endByteOffsetInPiece) for each token, in order.
    template<typename Emit> void encodePiece(const uchar *p, qsizetype len, Scratch &sc, Emit &&emit) const
    {
        if (len == 1) {
            emit(byteRank[p[0]], 1);
            return;
        }
        if (const quint32 whole = lookup(p, size_t(len)); whole != NoRank) {
            emit(whole, len);
            return;
        }
        // Parts are byte ranges [pos, next[pos]); pairRank[pos] is the rank of the part at pos
        // merged with the part after it. The lowest rank merges first, leftmost on ties
        // (tiktoken's order); a min-heap keyed (rank, pos) with lazy deletion finds it.
        const auto n = size_t(len);
        sc.tok.resize(n);
        sc.pairRank.resize(n);
        sc.next.resize(n);
        sc.prev.resize(n);
        sc.heap.clear();
        for (size_t i = 0; i < n; ++i) {
            sc.tok[i] = byteRank[p[i]];
            sc.next[i] = qint32(i + 1);
            sc.prev[i] = qint32(i) - 1;
        }
        const auto push = [&sc](quint32 rank, size_t pos) {
            sc.heap.push_back((quint64(rank) << 32) | pos);
            std::push_heap(sc.heap.begin(), sc.heap.end(), std::greater<>());
        };
        for (size_t i = 0; i + 1 < n; ++i) {
            sc.pairRank[i] = lookup(p + i, 2);
            if (sc.pairRank[i] != NoRank)
                push(sc.pairRank[i], i);
        }
        sc.pairRank[n - 1] = NoRank;
        const auto rankAfter = [&](qint32 pos) -> quint32 { // pos merged with its next part
            const qint32 right = sc.next[size_t(pos)];
            if (right >= qint32(n))
                return NoRank;
            const qint32 end = sc.next[size_t(right)];
            return lookup(p + pos, size_t(end - pos));
        };
        while (!sc.heap.empty()) {
            std::pop_heap(sc.heap.begin(), sc.heap.end(), std::greater<>());
            const quint64 top = sc.heap.back();
            sc.heap.pop_back();
            const quint32 rank = quint32(top >> 32);
            const auto pos = qint32(top & 0xFFFFFFFFu);
            if (sc.pairRank[size_t(pos)] != rank)
                continue; // stale: this part or its neighbour changed since
            const qint32 right = sc.next[size_t(pos)];
            sc.tok[size_t(pos)] = rank;
            sc.next[size_t(pos)] = sc.next[size_t(right)];
            if (sc.next[size_t(pos)] < qint32(n))
                sc.prev[size_t(sc.next[size_t(pos)])] = pos;
            sc.pairRank[size_t(right)] = NoRank;
            sc.pairRank[size_t(pos)] = rankAfter(pos);
            if (sc.pairRank[size_t(pos)] != NoRank)
                push(sc.pairRank[size_t(pos)], size_t(pos));
            if (const qint32 left = sc.prev[size_t(pos)]; left >= 0) {
                sc.pairRank[size_t(left)] = rankAfter(left);
                if (sc.pairRank[size_t(left)] != NoRank)
                    push(sc.pairRank[size_t(left)], size_t(left));
            }
        }
        for (qint32 pos = 0; pos < qint32(n); pos = sc.next[size_t(pos)])
            emit(sc.tok[size_t(pos)], sc.next[size_t(pos)]);
    }

    // Splits and encodes all of s; emit(rank, endByteOffset).
    template<typename Emit> void encodeAll(const uchar *s, qsizetype n, Emit &&emit) const
    {
        thread_local Scratch sc;
        sc.cps.build(s, n);
        const Splitter splitter(s, sc.cps);
        const auto count = qsizetype(sc.cps.classes.size());
        const quint32 *off = sc.cps.offsets.data();
        qsizetype i = 0;
        while (i < count) {
            const qsizetype j = o200k ? splitter.nextO200k(i) : splitter.nextCl100k(i);
            const quint32 start = off[i];
            encodePiece(s + start, qsizetype(off[j] - start), sc,
                        [&](quint32 rank, qsizetype end) { emit(rank, start + quint32(end)); });
            i = j;
        }
    }
};

BpeEncoding::BpeEncoding()
    : d(std::make_unique<Private>())
{
}

BpeEncoding::~BpeEncoding() = default;

int BpeEncoding::rankCount() const
{
    return d->rankCount;
}

std::shared_ptr<const BpeEncoding> BpeEncoding::load(BpeEncodingId id, const QString &jsonPath,
                                                     QString *error)
{
    QFile file(jsonPath);
    if (!file.open(QIODevice::ReadOnly)) {
        if (error)
            *error = BpeText::tr("cannot read the rank file %1: %2").arg(jsonPath, file.errorString());
        return nullptr;
    }
    // The largest standard file is ~2.3 MB; anything far bigger is not a rank file.
    if (file.size() > 64 * 1024 * 1024) {
        if (error)
            *error = BpeText::tr("%1 is too large to be a rank file").arg(jsonPath);
        return nullptr;
    }
    QString why;
    auto encoding = fromJson(id, file.readAll(), &why);
    if (!encoding && error)
        *error = BpeText::tr("%1: %2").arg(jsonPath, why);
    return encoding;
}

std::shared_ptr<const BpeEncoding> BpeEncoding::fromJson(BpeEncodingId id, const QByteArray &json,
                                                         QString *error)
{
    const auto fail = [error](const QString &message) {
        if (error)
            *error = message;
        return nullptr;
    };
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &parseError);
    if (!doc.isObject())
        return fail(BpeText::tr("not a JSON object (%1)").arg(parseError.errorString()));
    const QJsonObject root = doc.object();
    const QString pattern = root.value(QLatin1String("pat_str")).toString();
    const char *expected = id == BpeEncodingId::O200kBase ? O200kPattern : Cl100kPattern;
    if (pattern != QLatin1String(expected))
        return fail(BpeText::tr("the split pattern is not %1's").arg(BpeEncodings::name(id)));
    const QJsonValue ranksValue = root.value(QLatin1String("bpe_ranks"));
    if (!ranksValue.isString())
        return fail(BpeText::tr("\"bpe_ranks\" is missing"));
    const QByteArray ranks = ranksValue.toString().toLatin1();

    std::shared_ptr<BpeEncoding> encoding(new BpeEncoding);
    encoding->m_id = id;
    Private &p = *encoding->d;
    p.o200k = id == BpeEncodingId::O200kBase;

    // "<tag> <first rank> <base64 token> <base64 token> ..." per line; ranks count up from the first.
    struct Entry
    {
        quint32 offset;
        quint32 length;
        quint32 rank;
    };
    std::vector<Entry> entries;
    quint32 maxRank = 0;
    const QList<QByteArray> lines = ranks.split('\n');
    for (const QByteArray &line : lines) {
        if (line.trimmed().isEmpty())
            continue;
        const QList<QByteArray> fields = line.split(' ');
        if (fields.size() < 2)
            return fail(BpeText::tr("malformed \"bpe_ranks\" line"));
        bool ok = false;
        const quint32 first = fields.at(1).toUInt(&ok);
        if (!ok)
            return fail(BpeText::tr("malformed rank \"%1\"").arg(QString::fromLatin1(fields.at(1).left(32))));
        entries.reserve(entries.size() + size_t(fields.size()));
        for (qsizetype k = 2; k < fields.size(); ++k) {
            const auto decoded
                = QByteArray::fromBase64Encoding(fields.at(k), QByteArray::AbortOnBase64DecodingErrors);
            if (!decoded || decoded.decoded.isEmpty() || decoded.decoded.size() > 255)
                return fail(
                    BpeText::tr("malformed token \"%1\"").arg(QString::fromLatin1(fields.at(k).left(32))));
            const quint64 rank = quint64(first) + quint64(k - 2);
            if (rank >= NoRank / 2)
                return fail(BpeText::tr("rank out of range"));
            entries.push_back({ quint32(p.blob.size()), quint32(decoded.decoded.size()), quint32(rank) });
            p.blob += decoded.decoded;
            if (p.blob.size() >= (1 << 24))
                return fail(BpeText::tr("too many token bytes"));
            maxRank = std::max(maxRank, quint32(rank));
        }
    }
    if (entries.empty())
        return fail(BpeText::tr("no ranks"));

    p.capacity = entries.size() * 3 + 16;
    p.slots.assign(p.capacity, {});
    p.tokens.assign(size_t(maxRank) + 1, {});
    std::fill(std::begin(p.byteRank), std::end(p.byteRank), NoRank);
    for (const Entry &e : entries) {
        if (p.tokens[e.rank].length != 0 || !p.insert(e.offset, e.length, e.rank))
            return fail(BpeText::tr("duplicate token or rank %1").arg(e.rank));
        p.tokens[e.rank] = { e.offset, e.length };
        if (e.length == 1)
            p.byteRank[uchar(p.blob.at(e.offset))] = e.rank;
    }
    for (int b = 0; b < 256; ++b) {
        if (p.byteRank[b] == NoRank)
            return fail(BpeText::tr("byte %1 has no rank").arg(b));
    }
    p.rankCount = int(entries.size());
    return encoding;
}

std::vector<quint32> BpeEncoding::encode(QByteArrayView utf8) const
{
    std::vector<quint32> ids;
    ids.reserve(size_t(utf8.size() / 3));
    d->encodeAll(reinterpret_cast<const uchar *>(utf8.data()), utf8.size(),
                 [&ids](quint32 rank, quint32) { ids.push_back(rank); });
    return ids;
}

void BpeEncoding::encodeWithOffsets(QByteArrayView utf8, std::vector<quint32> *ids,
                                    std::vector<quint32> *ends) const
{
    ids->clear();
    ends->clear();
    d->encodeAll(reinterpret_cast<const uchar *>(utf8.data()), utf8.size(),
                 [ids, ends](quint32 rank, quint32 end) {
                     ids->push_back(rank);
                     ends->push_back(end);
                 });
}

qsizetype BpeEncoding::count(QByteArrayView utf8) const
{
    qsizetype n = 0;
    d->encodeAll(reinterpret_cast<const uchar *>(utf8.data()), utf8.size(), [&n](quint32, quint32) { ++n; });
    return n;
}

qsizetype BpeEncoding::count(QStringView text) const
{
    return count(QByteArrayView(text.toUtf8()));
}

QByteArray BpeEncoding::decode(const std::vector<quint32> &ids) const
{
    QByteArray out;
    for (quint32 id : ids) {
        if (id < d->tokens.size() && d->tokens[id].length)
            out.append(d->blob.constData() + d->tokens[id].offset, d->tokens[id].length);
    }
    return out;
}

QString BpeEncodings::name(BpeEncodingId id)
{
    switch (id) {
    case BpeEncodingId::Cl100kBase:
        return QStringLiteral("cl100k_base");
    case BpeEncodingId::O200kBase:
        return QStringLiteral("o200k_base");
    }
    return {};
}

std::optional<BpeEncodingId> BpeEncodings::fromName(QStringView name)
{
    for (BpeEncodingId id : all()) {
        if (name == BpeEncodings::name(id))
            return id;
    }
    return std::nullopt;
}

QList<BpeEncodingId> BpeEncodings::all()
{
    return { BpeEncodingId::Cl100kBase, BpeEncodingId::O200kBase };
}
