#include "textnormalizer.h"

#include <QStringList>

namespace TextNormalizer {

bool isCjk(char32_t c)
{
    return (c >= 0x4E00 && c <= 0x9FFF) // CJK Unified Ideographs
        || (c >= 0x3400 && c <= 0x4DBF) // Extension A
        || (c >= 0x20000 && c <= 0x2FA1F) // Extensions B.. and compatibility supplement
        || (c >= 0xF900 && c <= 0xFAFF) // compatibility ideographs
        || (c >= 0x3040 && c <= 0x30FF) // Hiragana, Katakana
        || (c >= 0xAC00 && c <= 0xD7AF); // Hangul syllables
}

namespace {

char32_t mapCjkPunctuation(char32_t c)
{
    switch (c) {
    case 0x3002: // 。
    case 0xFF61: // ｡
        return U'.';
    case 0x3001: // 、
        return U',';
    case 0x300C:
    case 0x300D:
    case 0x300E:
    case 0x300F: // 「」『』
    case 0x201C:
    case 0x201D: // “”
        return U'"';
    case 0x2018:
    case 0x2019: // ‘’
        return U'\'';
    case 0x3010:
    case 0x3016: // 【〖
        return U'[';
    case 0x3011:
    case 0x3017: // 】〗
        return U']';
    case 0x300A:
    case 0x3008: // 《〈
        return U'<';
    case 0x300B:
    case 0x3009: // 》〉
        return U'>';
    case 0x2026: // … (NFKC gives "...", kept for completeness)
        return U'.';
    default:
        return c;
    }
}

bool isSentenceEnd(char32_t c)
{
    return c == U'?' || c == U'!' || c == U'.';
}

} // namespace

QString normalize(QStringView text)
{
    const QString nfkc = text.toString().normalized(QString::NormalizationForm_KC);
    const QString folded = nfkc.toCaseFolded();

    // Work on code points: CJK extension characters are surrogate pairs.
    const QList<uint> points = folded.toUcs4();
    std::u32string mapped;
    mapped.reserve(points.size());
    bool pendingSpace = false;
    for (uint raw : points) {
        char32_t c = mapCjkPunctuation(char32_t(raw));
        if (c < 0x20 || c == 0x7F)
            c = U' '; // control characters count as whitespace
        if (QChar::isSpace(c)) {
            pendingSpace = !mapped.empty();
            continue;
        }
        if (pendingSpace) {
            // No space between a CJK character and its neighbour: "Python 怎么学" == "Python怎么学".
            if (!isCjk(mapped.back()) && !isCjk(c))
                mapped.push_back(U' ');
            pendingSpace = false;
        }
        mapped.push_back(c);
    }
    while (!mapped.empty() && isSentenceEnd(mapped.back()))
        mapped.pop_back();
    while (!mapped.empty() && mapped.back() == U' ')
        mapped.pop_back();
    return QString::fromUcs4(mapped.data(), qsizetype(mapped.size()));
}

} // namespace TextNormalizer
