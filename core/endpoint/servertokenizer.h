#pragma once

#include <QList>
#include <QStringView>

// The simulator's own types live in Sim:: so that none can collide with the client's
// (a GenerationRequest or ServerTimings here is not the one in core/protocol).
namespace Sim {

/*!
 * \brief The embedded endpoint's prompt tokenizer: a cheap, documented approximation.
 *
 * Counting rules, applied per Unicode code point:
 * - a CJK ideograph, kana or Hangul syllable is one token;
 * - a run of letters/digits (a Latin word) is ceil(length / 4) tokens;
 * - whitespace, combining marks, zero-width joiners and variation selectors are free;
 * - anything else (punctuation, symbols, emoji) is one token each.
 * There is no BOS token. The endpoint reports this count as the usage prompt tokens.
 */
namespace ServerTokenizer {
int countTokens(QStringView text);
/// One id per token that countTokens() counts (a stable hash of the token's text), for POST /tokenize.
QList<int> tokenIds(QStringView text);
bool isCjk(char32_t codePoint);
} // namespace ServerTokenizer

} // namespace Sim
