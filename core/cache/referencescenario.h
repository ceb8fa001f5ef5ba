#pragma once

#include "cachesimulator.h"
#include "querytrace.h"
#include "semanticcache.h"

#include <QCoreApplication>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

/// \brief One query of the typical scenario: the outcome it is claimed to have beside the cache's.
struct ReferenceQueryCheck
{
    int index = 0;
    QString text;
    CacheLookup::Kind expected = CacheLookup::Kind::Miss;
    CacheLookup::Kind actual = CacheLookup::Kind::Miss;
    float score = -2; ///< similarity of the best match (1 for an exact hit, -2: none)
    QString matchedText;

    bool agrees() const { return expected == actual; }
};

/// \brief How one replay of the typical scenario compares with the outcomes claimed for it.
struct ReferenceComparison
{
    QList<ReferenceQueryCheck> queries;
    QString embedder;
    double threshold = 0; ///< the run's
    bool semantic = true; ///< the run's semantic layer was on
    QString pairQuery; ///< the rephrased question (机器学习是什么?)
    QString pairCached; ///< the question it rephrases (什么是机器学习?)
    /// Cosine similarity of the pair under the run's embedder; nullopt when it is not known.
    std::optional<double> pairSimilarity;
    /// The largest threshold in steps of 0.01 at which the pair matches (from pairSimilarity).
    std::optional<double> matchingThreshold;

    /// Every query of the scenario was replayed.
    bool isComplete() const;
    /// Every outcome is the claimed one.
    bool agrees() const;
    /// Why the outcomes are what they are, a sentence each (translated).
    QStringList notes() const;
};

/*!
 * \brief The typical semantic-cache scenario: five queries (the built-in "reference" trace),
 * the settings they are claimed with (capacity 10,000 entries, TTL 1,800 s, threshold 0.85)
 * and the outcomes claimed for them: miss, exact hit, semantic hit, miss, exact hit.
 *
 * The third query rephrases the first. A cache keyed by exact (stripped, lower-cased) text
 * misses it at any threshold; only the semantic layer can serve it, and only when the
 * embedder scores the pair at or above the threshold. compare() says which happened and at
 * which threshold the pair would match.
 */
class ReferenceScenario
{
    Q_DECLARE_TR_FUNCTIONS(ReferenceScenario)
public:
    static constexpr qsizetype Capacity = 10'000;
    static constexpr double TtlS = 1800;
    static constexpr double Threshold = 0.85;
    static constexpr int QueryCount = 5;
    static constexpr int PairQuery = 2; ///< 0-based index of the rephrased question
    static constexpr int PairCached = 0; ///< 0-based index of the question it rephrases

    /// "reference": the --trace name and the trace's source.
    static QString name();
    static bool isReference(const QueryTrace &trace);
    static QueryTrace trace() { return QueryTraceReader::reference(); }
    /// \a config with the scenario's capacity, TTL (absolute) and threshold.
    static CacheConfig withDefaults(CacheConfig config);
    /// The claimed outcome of each query, in trace order.
    static QList<CacheLookup::Kind> expectedOutcomes();
    /// The largest multiple of 0.01 that a pair scoring \a similarity still reaches.
    static double matchingThreshold(double similarity);
    /// Compares \a report (a replay of the reference trace) with the claimed outcomes; the pair's
    /// similarity comes from \a vectors (the run's embeddings, in trace order) when given, else
    /// from the third query's best match when that is the first query.
    static ReferenceComparison compare(const CacheReport &report, const QList<QList<float>> &vectors = {});

    /// "miss", "exact hit", "semantic hit" (translated).
    static QString outcomeText(CacheLookup::Kind kind);
    /// A hit rate as a percentage with one decimal: "40.0%".
    static QString hitRateText(double share);
    /// A cache's statistics in the typical words: "size 3, hits 2, misses 3, hit rate 40.0%".
    static QString statsText(qsizetype size, const CacheStats &stats);
    /// What the scenario is and why an exact-text cache misses its third query (help, tooltips).
    static QString description();
};
