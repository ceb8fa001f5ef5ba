#include "hashingembedder.h"

#include "textnormalizer.h"

#include <QHash>
#include <QSet>

#include <cmath>
#include <string>

namespace {

constexpr float CjkUnigram = 1.0f;
constexpr float CjkBigram = 1.2f;
constexpr float CjkTrigram = 0.6f;
constexpr float LatinWord = 2.2f;
constexpr float LatinTrigram = 0.5f;
constexpr float LatinBigram = 1.0f;
constexpr float FunctionFactor = 0.25f;

bool isWordChar(char32_t c)
{
    return !TextNormalizer::isCjk(c) && (QChar::isLetterOrNumber(c) || c == U'_' || c == U'+' || c == U'#');
}

const QSet<QString> &functionWords()
{
    static const QSet<QString> words = [] {
        const char *const list[] = {
            "a",    "an",   "the",   "is",     "are",   "was",   "were",   "be",     "to",      "of",
            "in",   "on",   "for",   "and",    "or",    "do",    "does",   "did",    "i",       "you",
            "me",   "my",   "we",    "it",     "this",  "that",  "what",   "what's", "whats",   "how",
            "why",  "can",  "could", "should", "would", "will",  "please", "tell",   "explain", "about",
            "with", "from", "by",    "as",     "at",    "there", "which",  "some",   "any",     "s",
        };
        QSet<QString> set;
        for (const char *word : list)
            set.insert(QString::fromLatin1(word));
        return set;
    }();
    return words;
}

const QSet<QString> &functionCjk()
{
    // Characters and pairs that carry the question's form, not its topic.
    static const QSet<QString> grams = [] {
        const char16_t *const list[] = {
            u"的",     u"了",     u"吗",     u"呢",     u"吧",   u"啊",   u"是",   u"什",   u"么",   u"怎",
            u"样",     u"如",     u"何",     u"请",     u"问",   u"一",   u"下",   u"我",   u"你",   u"要",
            u"在",     u"有",     u"和",     u"与",     u"个",   u"这",   u"那",   u"为",   u"能",   u"可",
            u"以",     u"该",     u"会",     u"哪",     u"些",   u"说",   u"讲",   u"解",   u"释",   u"什么",
            u"怎么",   u"怎样",   u"如何",   u"请问",   u"一下", u"是什", u"么是", u"为什", u"可以", u"哪些",
            u"什么是", u"是什么", u"为什么", u"怎么样", u"解释", u"说说", u"讲讲", u"介绍",
        };
        QSet<QString> set;
        for (const char16_t *gram : list)
            set.insert(QString::fromUtf16(gram));
        return set;
    }();
    return grams;
}

quint64 fnv1a(QStringView kind, QStringView text)
{
    quint64 h = 14695981039346656037ull;
    auto feed = [&h](QStringView s) {
        for (QChar c : s) {
            h ^= c.unicode();
            h *= 1099511628211ull;
        }
        h ^= 0xFFFF; // separator
        h *= 1099511628211ull;
    };
    feed(kind);
    feed(text);
    // Final avalanche (splitmix64) so that low and high bits are both usable.
    h ^= h >> 30;
    h *= 0xbf58476d1ce4e5b9ull;
    h ^= h >> 27;
    h *= 0x94d049bb133111ebull;
    h ^= h >> 31;
    return h;
}

} // namespace

HashingEmbedder::HashingEmbedder(int dimension)
    : m_dimension(qMax(8, dimension))
{
}

QString HashingEmbedder::modelName() const
{
    return QStringLiteral("tokenscope-hash-%1").arg(m_dimension);
}

QList<float> HashingEmbedder::embed(QStringView text) const
{
    QList<float> vector(m_dimension, 0.0f);
    embedInto(text, vector);
    return vector;
}

void HashingEmbedder::embedInto(QStringView text, std::span<float> out) const
{
    std::fill(out.begin(), out.end(), 0.0f);
    if (qsizetype(out.size()) != m_dimension)
        return;
    const QString normalized = TextNormalizer::normalize(text);
    const QList<uint> points = normalized.toUcs4();

    // Weighted feature counts; sqrt of the summed weight gives sublinear term frequency.
    QHash<QString, float> features;
    auto add = [&features](const QString &key, float weight) {
        features[key] += weight * weight;
    };

    const auto &functionSet = functionCjk();
    const auto &wordSet = functionWords();
    qsizetype i = 0;
    const qsizetype n = points.size();
    QString previousWord; // word bigrams keep Latin word order ("celsius to" vs "to celsius")
    while (i < n) {
        const char32_t c = points.at(i);
        if (TextNormalizer::isCjk(c)) {
            qsizetype end = i;
            while (end < n && TextNormalizer::isCjk(points.at(end)))
                ++end;
            for (qsizetype k = i; k < end; ++k) {
                for (int len = 1; len <= 3 && k + len <= end; ++len) {
                    const QString gram
                        = QString::fromUcs4(reinterpret_cast<const char32_t *>(points.constData() + k), len);
                    float weight = len == 1 ? CjkUnigram : len == 2 ? CjkBigram : CjkTrigram;
                    if (functionSet.contains(gram))
                        weight *= FunctionFactor;
                    add(QStringLiteral("c") + gram, weight);
                }
            }
            i = end;
            previousWord.clear();
        } else if (isWordChar(c)) {
            qsizetype end = i;
            while (end < n && isWordChar(points.at(end)))
                ++end;
            const QString word
                = QString::fromUcs4(reinterpret_cast<const char32_t *>(points.constData() + i), end - i);
            const bool function = wordSet.contains(word);
            add(QStringLiteral("w") + word, function ? LatinWord * FunctionFactor : LatinWord);
            if (!function && word.size() > 2) {
                const QString padded = u'#' + word + u'#';
                for (qsizetype k = 0; k + 3 <= padded.size(); ++k)
                    add(QStringLiteral("t") + padded.mid(k, 3), LatinTrigram);
            }
            if (!previousWord.isEmpty())
                add(QStringLiteral("b") + previousWord + u' ' + word, LatinBigram);
            previousWord = word;
            i = end;
        } else {
            ++i;
        }
    }

    double norm = 0;
    std::vector<double> acc(out.size(), 0.0);
    for (auto it = features.cbegin(); it != features.cend(); ++it) {
        const quint64 h = fnv1a(it.key().left(1), QStringView(it.key()).mid(1));
        const size_t bucket = size_t(h % quint64(m_dimension));
        const double sign = (h >> 63) ? -1.0 : 1.0;
        acc[bucket] += sign * std::sqrt(double(it.value()));
    }
    for (double v : acc)
        norm += v * v;
    if (norm <= 0)
        return;
    const double scale = 1.0 / std::sqrt(norm);
    for (size_t k = 0; k < acc.size(); ++k)
        out[k] = float(acc[k] * scale);
}
