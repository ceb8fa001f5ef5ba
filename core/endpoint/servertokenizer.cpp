#include "servertokenizer.h"

#include <QChar>

namespace Sim {

namespace ServerTokenizer {

bool isCjk(char32_t cp)
{
    return (cp >= 0x4E00 && cp <= 0x9FFF) // CJK unified ideographs
        || (cp >= 0x3400 && cp <= 0x4DBF) // extension A
        || (cp >= 0x20000 && cp <= 0x2FA1F) // extensions B.. and compatibility supplement
        || (cp >= 0xF900 && cp <= 0xFAFF) // compatibility ideographs
        || (cp >= 0x3040 && cp <= 0x30FF) // hiragana, katakana
        || (cp >= 0x3100 && cp <= 0x312F) // bopomofo
        || (cp >= 0xAC00 && cp <= 0xD7AF); // Hangul syllables
}

int countTokens(QStringView text)
{
    int tokens = 0;
    int wordLength = 0;
    const auto endWord = [&] {
        tokens += (wordLength + 3) / 4;
        wordLength = 0;
    };
    for (qsizetype i = 0; i < text.size(); ++i) {
        char32_t cp = text.at(i).unicode();
        if (QChar::isHighSurrogate(cp) && i + 1 < text.size() && text.at(i + 1).isLowSurrogate()) {
            cp = QChar::surrogateToUcs4(text.at(i), text.at(i + 1));
            ++i;
        }
        if (isCjk(cp)) {
            endWord();
            ++tokens;
        } else if (QChar::isLetterOrNumber(cp)) {
            ++wordLength;
        } else {
            endWord();
            const auto category = QChar::category(cp);
            const bool free = QChar::isSpace(cp) || category == QChar::Mark_NonSpacing
                || category == QChar::Mark_SpacingCombining || category == QChar::Mark_Enclosing
                || cp == 0x200D || (cp >= 0xFE00 && cp <= 0xFE0F)
                || (cp >= 0x1F3FB && cp <= 0x1F3FF); // skin tones join the emoji before them
            if (!free)
                ++tokens;
        }
    }
    endWord();
    return tokens;
}

QList<int> tokenIds(QStringView text)
{
    // The same walk as countTokens(); tests check that the two always agree.
    QList<int> ids;
    const auto idOf = [](QStringView piece) {
        quint32 h = 2166136261u; // FNV-1a over the UTF-16 units: stable across runs
        for (QChar c : piece)
            h = (h ^ c.unicode()) * 16777619u;
        return int(1000 + h % 31000);
    };
    QList<qsizetype> word; // where each code point of the current word starts
    const auto endWord = [&](qsizetype end) {
        for (qsizetype k = 0; k < word.size(); k += 4) {
            const qsizetype to = k + 4 < word.size() ? word.at(k + 4) : end;
            ids.append(idOf(text.mid(word.at(k), to - word.at(k))));
        }
        word.clear();
    };
    for (qsizetype i = 0; i < text.size(); ++i) {
        const qsizetype start = i;
        char32_t cp = text.at(i).unicode();
        if (QChar::isHighSurrogate(cp) && i + 1 < text.size() && text.at(i + 1).isLowSurrogate()) {
            cp = QChar::surrogateToUcs4(text.at(i), text.at(i + 1));
            ++i;
        }
        if (isCjk(cp)) {
            endWord(start);
            ids.append(idOf(text.mid(start, i + 1 - start)));
        } else if (QChar::isLetterOrNumber(cp)) {
            word.append(start);
        } else {
            endWord(start);
            const auto category = QChar::category(cp);
            const bool free = QChar::isSpace(cp) || category == QChar::Mark_NonSpacing
                || category == QChar::Mark_SpacingCombining || category == QChar::Mark_Enclosing
                || cp == 0x200D || (cp >= 0xFE00 && cp <= 0xFE0F) || (cp >= 0x1F3FB && cp <= 0x1F3FF);
            if (!free)
                ids.append(idOf(text.mid(start, i + 1 - start)));
        }
    }
    endWord(text.size());
    return ids;
}

} // namespace ServerTokenizer

} // namespace Sim
