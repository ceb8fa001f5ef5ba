#pragma once

#include <QString>
#include <QStringView>

/*!
 * \brief The exact layer's key: a query reduced to what does not change its meaning.
 *
 * Steps, in order: Unicode NFKC (full-width letters, digits and punctuation become
 * half-width: ？→?, ，→, ！→!, Ａ→a, the ideographic space → space), the CJK punctuation NFKC
 * keeps (。、「」『』“”‘’【】《》) mapped to ASCII, case folding, whitespace collapsed to one
 * space and removed next to CJK characters, trimmed, and trailing sentence punctuation
 * (?!.) dropped: "  什么是 机器学习？ " and "什么是机器学习?" share one key.
 */
namespace TextNormalizer {
QString normalize(QStringView text);
/// True for Han, Hiragana, Katakana and Hangul code points (the characters with no spaces between words).
bool isCjk(char32_t codePoint);
} // namespace TextNormalizer
