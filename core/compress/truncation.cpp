#include "truncation.h"

#include <algorithm>
#include <numeric>

namespace {

bool endsSentence(QStringView text, qsizetype i)
{
    const QChar c = text.at(i);
    if (c == u'。' || c == u'！' || c == u'？' || c == u'\n')
        return true;
    if (c == u'.' || c == u'!' || c == u'?')
        return i + 1 >= text.size() || text.at(i + 1).isSpace();
    return false;
}

struct Unit
{
    qsizetype start;
    qsizetype end;
    qint64 tokens;
    int priority; // lower is kept first
};

} // namespace

QString TruncationStrategies::name(TruncationStrategy strategy)
{
    switch (strategy) {
    case TruncationStrategy::Head:
        return QStringLiteral("head");
    case TruncationStrategy::Tail:
        return QStringLiteral("tail");
    case TruncationStrategy::Middle:
        return QStringLiteral("middle");
    case TruncationStrategy::Sentences:
        return QStringLiteral("sentence");
    }
    return {};
}

std::optional<TruncationStrategy> TruncationStrategies::fromName(QStringView name)
{
    for (TruncationStrategy s : all()) {
        if (name == TruncationStrategies::name(s))
            return s;
    }
    return std::nullopt;
}

QString TruncationStrategies::label(TruncationStrategy strategy)
{
    switch (strategy) {
    case TruncationStrategy::Head:
        return Truncator::tr("Keep the beginning");
    case TruncationStrategy::Tail:
        return Truncator::tr("Keep the end");
    case TruncationStrategy::Middle:
        return Truncator::tr("Keep both ends (cut the middle)");
    case TruncationStrategy::Sentences:
        return Truncator::tr("Keep whole sentences");
    }
    return {};
}

QList<TruncationStrategy> TruncationStrategies::all()
{
    return { TruncationStrategy::Head, TruncationStrategy::Tail, TruncationStrategy::Middle,
             TruncationStrategy::Sentences };
}

TruncationResult Truncator::truncate(QStringView text, qint64 budget, TruncationStrategy strategy,
                                     const TokenCounter &counter, const QString &marker)
{
    TruncationResult result;
    budget = std::max<qint64>(0, budget);
    const QList<qsizetype> ends = counter.tokenEnds(text);
    const auto n = qint64(ends.size());
    result.originalTokens = n;
    const auto finish = [&](QString out) {
        result.count = counter.count(out);
        result.tokens = result.count.tokens;
        result.text = std::move(out);
        return result;
    };
    if (n <= budget)
        return finish(text.toString());
    result.truncated = true;

    const qint64 markerTokens = counter.tokens(marker);
    if (markerTokens > budget)
        return finish(QString());
    const auto startOf = [&ends](qint64 i) {
        return i == 0 ? qsizetype(0) : ends.at(i - 1);
    };
    const qint64 available = budget - markerTokens;

    if (strategy == TruncationStrategy::Sentences) {
        std::vector<Unit> units;
        qsizetype start = 0;
        qint64 token = 0; // first token not yet assigned to a unit
        for (qsizetype i = 0; i < text.size(); ++i) {
            if (!endsSentence(text, i) && i + 1 < text.size())
                continue;
            qsizetype end = i + 1;
            while (end < text.size() && text.at(end).isSpace() && text.at(end) != u'\n')
                ++end;
            qint64 tokens = 0;
            while (token < n && ends.at(token) <= end) {
                ++token;
                ++tokens;
            }
            units.push_back({ start, end, tokens, 0 });
            start = end;
            i = end - 1;
        }
        // Priority: the last sentence (usually the question), the first, then the rest in order.
        for (size_t k = 0; k < units.size(); ++k)
            units[k].priority = k + 1 == units.size() ? 0 : int(k) + 1;
        std::vector<size_t> order(units.size());
        std::iota(order.begin(), order.end(), size_t(0));
        std::stable_sort(order.begin(), order.end(),
                         [&units](size_t a, size_t b) { return units[a].priority < units[b].priority; });
        std::vector<bool> keep(units.size(), false);
        qint64 used = 0;
        for (size_t k : order) {
            // Each kept unit may open one more gap, which costs a marker.
            if (used + units[k].tokens + markerTokens <= budget) {
                keep[k] = true;
                used += units[k].tokens + markerTokens;
            }
        }
        const auto build = [&] {
            QString out;
            bool inGap = false;
            for (size_t k = 0; k < units.size(); ++k) {
                if (keep[k]) {
                    out += text.mid(units[k].start, units[k].end - units[k].start);
                    inGap = false;
                } else if (!inGap) {
                    out += marker;
                    inGap = true;
                }
            }
            return out;
        };
        for (int attempt = 0; attempt < 1000; ++attempt) {
            if (std::none_of(keep.begin(), keep.end(), [](bool b) { return b; }))
                break; // not one whole sentence fits: cut inside one instead (below)
            QString out = build();
            const qint64 tokens = counter.tokens(out);
            if (tokens <= budget)
                return finish(std::move(out));
            // Drop the least important kept sentences until about the excess is gone.
            qint64 excess = tokens - budget;
            for (auto it = order.rbegin(); it != order.rend() && excess > 0; ++it) {
                if (keep[*it]) {
                    keep[*it] = false;
                    excess -= std::max<qint64>(1, units[*it].tokens);
                }
            }
        }
        strategy = TruncationStrategy::Head;
    }

    qint64 head = 0;
    qint64 tail = 0;
    switch (strategy) {
    case TruncationStrategy::Head:
    case TruncationStrategy::Sentences:
        head = available;
        break;
    case TruncationStrategy::Tail:
        tail = available;
        break;
    case TruncationStrategy::Middle:
        head = (available + 1) / 2;
        tail = available - head;
        break;
    }
    // A cut can change how the text next to it tokenises (and a token end inside a character
    // moves to its end), so the candidate is counted whole and the cut moves until it fits.
    while (head > 0 || tail > 0) {
        QString out;
        if (head > 0)
            out += text.left(ends.at(head - 1));
        out += marker;
        if (tail > 0)
            out += text.mid(startOf(n - tail));
        const qint64 tokens = counter.tokens(out);
        if (tokens <= budget)
            return finish(std::move(out));
        qint64 excess = std::max<qint64>(1, tokens - budget);
        if (head > 0 && tail > 0) {
            const qint64 fromHead = std::min(head, (excess + 1) / 2);
            head -= fromHead;
            excess -= fromHead;
            const qint64 fromTail = std::min(tail, std::max<qint64>(excess, 0));
            tail -= fromTail;
        } else if (head > 0) {
            head = std::max<qint64>(0, head - excess);
        } else {
            tail = std::max<qint64>(0, tail - excess);
        }
    }
    return finish(marker);
}
