#include "textgenerator.h"

#include <array>

namespace Sim {

namespace {

// Long words on purpose: they are split into several pieces, like a BPE tokenizer would.
constexpr std::array englishWords = {
    "the",         "latency",
    "of",          "a",
    "streaming",   "endpoint",
    "depends",     "on",
    "prompt",      "length",
    "and",         "batch",
    "size",        "every",
    "token",       "arrives",
    "after",       "decode",
    "step",        "while",
    "server",      "schedules",
    "requests",    "continuously",
    "measurement", "shows",
    "that",        "first",
    "byte",        "is",
    "not",         "yet",
    "throughput",  "under",
    "concurrent",  "load",
    "grows",       "slowly",
    "network",     "adds",
    "round",       "trip",
    "time",        "inference",
    "engine",      "keeps",
    "cache",       "warm",
    "model",       "answers",
    "with",        "deterministic",
    "pseudo",      "text",
    "for",         "reproducible",
    "tests",       "international",
    "characters",  "matter",
    "here",        "because",
    "clients",     "must",
    "decode",      "multibyte",
    "sequences",   "correctly",
    "across",      "chunk",
    "boundaries",
};

constexpr std::array chineseWords = {
    "模型", "延迟", "流式",   "输出", "首个",   "令牌", "吞吐量", "服务器", "请求", "并发",
    "测量", "网络", "推理",   "缓存", "批处理", "结果", "稳定",   "数据",   "时间", "每秒",
    "字符", "编码", "客户端", "连接", "响应",   "速度", "分析",   "我们",   "可以", "看到",
};

// Includes a 3-byte sign and 4-byte emoji; the skin-tone one is two code points.
constexpr std::array emoji = { "🚀", "✨", "📈", "🙂", "🔥", "⏱️", "👍🏽", "🧪" };

} // namespace

TextGenerator::TextGenerator(quint64 seed, QStringView prompt)
{
    const QByteArray seedBytes = QByteArray::number(seed);
    const quint64 h = stableHash(prompt.toUtf8(), stableHash(seedBytes));
    m_rng.seed(h);
}

quint64 TextGenerator::stableHash(QByteArrayView data, quint64 basis)
{
    quint64 h = basis;
    for (const char c : data) {
        h ^= quint64(quint8(c));
        h *= 0x100000001b3ULL;
    }
    return h;
}

QString TextGenerator::next()
{
    while (m_pendingPos >= m_pending.size())
        refill();
    return m_pending.at(m_pendingPos++);
}

QStringList TextGenerator::generate(quint64 seed, QStringView prompt, int count)
{
    TextGenerator generator(seed, prompt);
    QStringList tokens;
    tokens.reserve(count);
    for (int i = 0; i < count; ++i)
        tokens.append(generator.next());
    return tokens;
}

void TextGenerator::refill()
{
    m_pending.clear();
    m_pendingPos = 0;
    if (below(10) < 7)
        appendEnglishSentence();
    else
        appendChineseSentence();
}

void TextGenerator::appendEnglishSentence()
{
    const int words = 5 + int(below(10));
    for (int w = 0; w < words; ++w) {
        const bool emojiHere = below(12) == 0;
        QString word = emojiHere ? QString::fromUtf8(emoji[below(emoji.size())])
                                 : QString::fromLatin1(englishWords[below(englishWords.size())]);
        if (w == 0 && !emojiHere)
            word[0] = word[0].toUpper();
        // Word pieces of 3..5 letters, as a subword tokenizer would cut them.
        bool firstPiece = true;
        qsizetype pos = 0;
        while (pos < word.size()) {
            qsizetype len = word.size() - pos;
            if (!emojiHere && len > 5)
                len = 3 + qsizetype(below(3));
            QString piece = word.mid(pos, len);
            if (firstPiece && !m_atStart)
                piece.prepend(QLatin1Char(' '));
            m_pending.append(piece);
            pos += len;
            firstPiece = false;
            m_atStart = false;
        }
        if (w + 1 < words && below(8) == 0)
            m_pending.append(QStringLiteral(","));
    }
    m_pending.append(QStringLiteral("."));
}

void TextGenerator::appendChineseSentence()
{
    if (!m_atStart)
        m_pending.append(QStringLiteral(" "));
    const int words = 4 + int(below(8));
    for (int w = 0; w < words; ++w) {
        const QString word = QString::fromUtf8(chineseWords[below(chineseWords.size())]);
        // Common words are one token, rarer cuts split them per character.
        if (below(3) == 0) {
            for (const QChar c : word)
                m_pending.append(QString(c));
        } else {
            m_pending.append(word);
        }
        if (w + 1 < words && below(6) == 0)
            m_pending.append(QStringLiteral("，"));
        if (below(15) == 0)
            m_pending.append(QString::fromUtf8(emoji[below(emoji.size())]));
    }
    m_pending.append(QStringLiteral("。"));
    m_atStart = false;
}

} // namespace Sim
