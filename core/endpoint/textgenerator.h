#pragma once

#include <QString>
#include <QStringList>
#include <QStringView>

#include <random>

// The simulator's own types live in Sim:: so that none can collide with the client's
// (a GenerationRequest or ServerTimings here is not the one in core/protocol).
namespace Sim {

/*!
 * \brief Deterministic pseudo-text for the embedded endpoint, one word piece per token.
 *
 * Mixes English and Chinese sentences and an occasional emoji, so that clients meet
 * multi-byte UTF-8 (2-, 3- and 4-byte sequences) in every stream. The same seed and prompt
 * always give the same tokens, on every platform (no std distributions, no qHash).
 */
class TextGenerator
{
public:
    TextGenerator(quint64 seed, QStringView prompt);

    /// The next token: a word piece, with a leading space where a word starts.
    QString next();
    /// Convenience: the first \a count tokens for \a seed and \a prompt.
    static QStringList generate(quint64 seed, QStringView prompt, int count);
    /// FNV-1a over \a data, stable across processes (unlike qHash).
    static quint64 stableHash(QByteArrayView data, quint64 basis = 0xcbf29ce484222325ULL);

private:
    quint64 below(quint64 bound) { return m_rng() % bound; }
    void refill();
    void appendEnglishSentence();
    void appendChineseSentence();

    std::mt19937_64 m_rng;
    QStringList m_pending;
    qsizetype m_pendingPos = 0;
    bool m_atStart = true;
};

} // namespace Sim
