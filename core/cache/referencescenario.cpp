#include "referencescenario.h"

#include "sim/textnormalizer.h"

#include <algorithm>
#include <cmath>

namespace {

QString fixed(double value, int decimals)
{
    return QString::number(value, 'f', decimals);
}

} // namespace

bool ReferenceComparison::isComplete() const
{
    return queries.size() == ReferenceScenario::QueryCount;
}

bool ReferenceComparison::agrees() const
{
    return isComplete() && std::all_of(queries.cbegin(), queries.cend(), [](const ReferenceQueryCheck &q) {
               return q.agrees();
           });
}

QStringList ReferenceComparison::notes() const
{
    QStringList result;
    if (!isComplete())
        return result;
    const QString typical = fixed(ReferenceScenario::Threshold, 2);
    result.append(
        ReferenceScenario::tr(
            "The typical claim expects a semantic hit for “%1”, a rephrasing of “%2”, at threshold %3.")
            .arg(pairQuery, pairCached, typical));
    if (!semantic)
        result.append(ReferenceScenario::tr(
            "The semantic layer is off: matching exact text only, the cache misses it at any threshold."));
    if (pairSimilarity) {
        const QString score = fixed(*pairSimilarity, 3);
        result.append(
            semantic ? ReferenceScenario::tr("Embedder %1 scores the pair %2.").arg(embedder, score)
                     : ReferenceScenario::tr("With the semantic layer on, embedder %1 scores the pair %2.")
                           .arg(embedder, score));
        if (*pairSimilarity >= ReferenceScenario::Threshold)
            result.append(ReferenceScenario::tr("That reaches %1: a semantic hit at the typical threshold.")
                              .arg(typical));
        else
            result.append(ReferenceScenario::tr("That is below %1, so at the typical threshold it misses; a "
                                                "threshold of %2 or lower matches it.")
                              .arg(typical, fixed(matchingThreshold.value_or(-1), 2)));
    }
    return result;
}

QString ReferenceScenario::name()
{
    return QStringLiteral("reference");
}

bool ReferenceScenario::isReference(const QueryTrace &trace)
{
    return trace.source == name();
}

CacheConfig ReferenceScenario::withDefaults(CacheConfig config)
{
    config.maxEntries = Capacity;
    config.ttlNs = qint64(TtlS * 1e9);
    config.ttlMode = TtlMode::Absolute;
    config.threshold = Threshold;
    return config;
}

QList<CacheLookup::Kind> ReferenceScenario::expectedOutcomes()
{
    using Kind = CacheLookup::Kind;
    // The first question, the same text again, the first question reworded, a new question,
    // the new question again.
    return { Kind::Miss, Kind::ExactHit, Kind::SemanticHit, Kind::Miss, Kind::ExactHit };
}

double ReferenceScenario::matchingThreshold(double similarity)
{
    // The cache compares in float; the margin keeps a rounding of the score from missing.
    const double t = std::floor((similarity - 1e-6) * 100) / 100;
    return std::clamp(t, -1.0, 1.0);
}

ReferenceComparison ReferenceScenario::compare(const CacheReport &report, const QList<QList<float>> &vectors)
{
    ReferenceComparison result;
    result.embedder = report.embedder;
    result.threshold = report.config.cache.threshold;
    result.semantic = report.config.cache.semantic;
    const QList<CacheLookup::Kind> expected = expectedOutcomes();
    const qsizetype n = std::min(report.outcomes.size(), expected.size());
    for (qsizetype i = 0; i < n; ++i) {
        const QueryOutcome &o = report.outcomes.at(i);
        ReferenceQueryCheck check;
        check.index = o.index;
        check.text = o.text;
        check.expected = expected.at(i);
        check.actual = o.kind;
        check.score = o.score;
        check.matchedText = o.matchedText;
        result.queries.append(check);
    }
    if (!result.isComplete())
        return result;
    result.pairQuery = report.outcomes.at(PairQuery).text;
    result.pairCached = report.outcomes.at(PairCached).text;

    const qsizetype needed = std::max(PairQuery, PairCached) + 1;
    if (vectors.size() >= needed && !vectors.at(PairQuery).isEmpty()
        && vectors.at(PairQuery).size() == vectors.at(PairCached).size()) {
        // The embedders return unit vectors: the cosine is the dot product.
        const QList<float> &a = vectors.at(PairQuery);
        const QList<float> &b = vectors.at(PairCached);
        double dot = 0;
        for (qsizetype i = 0; i < a.size(); ++i)
            dot += double(a.at(i)) * double(b.at(i));
        result.pairSimilarity = dot;
    } else {
        const QueryOutcome &o = report.outcomes.at(PairQuery);
        if (o.score > -1.5f && o.kind != CacheLookup::Kind::ExactHit
            && TextNormalizer::normalize(o.matchedText) == TextNormalizer::normalize(result.pairCached))
            result.pairSimilarity = double(o.score);
    }
    if (result.pairSimilarity)
        result.matchingThreshold = matchingThreshold(*result.pairSimilarity);
    return result;
}

QString ReferenceScenario::outcomeText(CacheLookup::Kind kind)
{
    switch (kind) {
    case CacheLookup::Kind::ExactHit:
        return tr("exact hit");
    case CacheLookup::Kind::SemanticHit:
        return tr("semantic hit");
    case CacheLookup::Kind::Miss:
        break;
    }
    return tr("miss");
}

QString ReferenceScenario::hitRateText(double share)
{
    return fixed(share * 100, 1) + u'%';
}

QString ReferenceScenario::statsText(qsizetype size, const CacheStats &stats)
{
    return tr("size %1, hits %2, misses %3, hit rate %4")
        .arg(size)
        .arg(stats.hits())
        .arg(stats.misses)
        .arg(hitRateText(stats.hitRate()));
}

QString ReferenceScenario::description()
{
    return tr("The five queries of the typical semantic-cache scenario, with its settings (capacity %1 "
              "entries, TTL %2 s, threshold %3); each query's claimed outcome is shown beside the cache's. "
              "A cache keyed by exact text (stripped, lower-cased) misses the rephrased third query at any "
              "threshold; TokenScope's semantic layer is what can turn it into a semantic hit.")
        .arg(Capacity)
        .arg(TtlS)
        .arg(fixed(Threshold, 2));
}
