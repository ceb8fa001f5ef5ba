#pragma once

#include <QCoreApplication>
#include <QList>
#include <QString>

#include <optional>

struct ImpactRow;

/*!
 * \brief The techniques the Impact table measures: those of the typical "optimisation effects"
 * table, in its order, then those it has no row for (see ImpactTable::rowOrder() for the order
 * the rows are shown in).
 */
enum class Technique {
    Streaming,
    SemanticCache,
    Batching,
    Compression,
    Variant,
    PromptCache, ///< the provider's prompt (prefix) cache; not in the typical table
};

/*!
 * \brief A relative change with its spread: (optimised − baseline) / baseline.
 *
 * \c low and \c high bound a 95% interval: a percentile bootstrap (2,000 resamples, fixed
 * random seed, so a rerun over the same samples gives the same interval) of the ratio of the
 * two means.
 */
struct Change
{
    double value = 0; ///< e.g. −0.8 for −80%
    double low = 0;
    double high = 0;
    int baselineSamples = 0;
    int optimisedSamples = 0;

    /// From two independent samples (each resampled on its own).
    static Change ofMeans(const QList<double> &baseline, const QList<double> &optimised, quint64 seed = 1);
    /// From paired samples (pairs resampled together).
    static Change ofPairs(const QList<double> &baseline, const QList<double> &optimised, quint64 seed = 1);
};

/// \brief What a claimed or measured change is a change of, and so which direction is a gain.
enum class Quantity {
    Ttft, ///< time to first token: lower is better
    Latency, ///< lower is better
    Throughput, ///< output tokens per second over all requests: higher is better
    Speed, ///< one request's decode speed: higher is better
    Cost, ///< lower is better
    Memory, ///< the server's (GPU) memory: lower is better, and out of a client's sight
};

/// \brief A claimed relative change: one figure (low == high) or a range, e.g. −70%..−40%.
struct ClaimedChange
{
    Quantity quantity = Quantity::Latency;
    double low = 0; ///< the lower end as a change, e.g. −0.7 of "−40–70%"
    double high = 0; ///< e.g. −0.4
    /// false: the typical table states no figure (low and high are 0 and mean nothing); the
    /// quantity still says what is measured and which direction is a gain.
    bool stated = true;

    bool operator==(const ClaimedChange &) const = default;
};

enum class Difficulty { Low, Medium, High };

/// \brief One row of the typical table: the claimed latency and cost changes, the difficulty
/// of putting the technique in place, and its priority.
struct TypicalClaim
{
    ClaimedChange latency; ///< the "latency" column (time to first token, throughput or speed for some rows)
    ClaimedChange cost; ///< the "cost" column (the server's memory for quantization)
    Difficulty difficulty = Difficulty::Low; ///< meaningless when !listed()
    int stars = 0; ///< priority: ★★★ (3) first, ★ (1) last; 0 when !listed()

    /// false: the typical table has no row for the technique, so no figure, difficulty or priority.
    bool listed() const { return latency.stated || cost.stated; }
    bool operator==(const TypicalClaim &) const = default;
};

/// \brief A measured change read against a claim.
enum class Reading {
    NoMeasurableChange, ///< the 95% interval contains 0, whatever the mean says
    AsClaimed, ///< the interval overlaps the claimed range
    BiggerGain, ///< a sure gain above the claimed range
    SmallerGain, ///< a sure gain below the claimed range
    Opposite, ///< a sure change the other way: a loss where a gain was claimed
    Gain, ///< a sure gain, with no claimed figure to read it against
    Loss, ///< a sure loss, with no claimed figure to read it against
};

/// \brief How the cost of a request was counted.
enum class CostBasis {
    NotMeasured, ///< the experiment did not run, failed, or the server reported no usage
    Prices, ///< usage tokens × the endpoint's prices per million tokens
    Tokens, ///< no price set for the endpoint: prompt + completion tokens stand in for cost
    NotMeasurable, ///< not something a client can see (the server's memory)
};

/// \brief The cost change a technique made, per request.
struct CostMeasurement
{
    CostBasis basis = CostBasis::NotMeasured;
    double baseline = 0; ///< mean per request without the technique (currency units or tokens)
    double optimised = 0; ///< mean per request with it
    Change change;

    bool measured() const { return basis == CostBasis::Prices || basis == CostBasis::Tokens; }
};

/*!
 * \brief The typical table of optimisation effects as data, how a measured change reads
 * against it, and the one text form of each of its figures (used by the panel, the report
 * and the CLI alike, so that they never disagree by a rounding).
 *
 * Gains share one signed axis: a change of a lower-is-better quantity (latency, cost) counts
 * as a gain when it is negative, so gain() flips its sign; a change of a higher-is-better one
 * (throughput, speed) is a gain as it stands.
 */
class ImpactTable
{
    Q_DECLARE_TR_FUNCTIONS(ImpactTable)
public:
    /// The techniques in the typical table's order, which is also its priority order.
    static QList<Technique> typicalOrder();
    /// Every technique in the order the Impact table shows its rows (and runs them): the
    /// typical table's, with provider prompt caching beside the semantic cache.
    static QList<Technique> rowOrder();
    /// 0 for the first technique of typicalOrder(); a technique the typical table does not
    /// list comes after all of them (typicalOrder().size()).
    static int typicalPosition(Technique technique);
    static TypicalClaim typicalClaim(Technique technique);

    static bool lowerIsBetter(Quantity quantity);
    /// False for what only the server sees (its memory).
    static bool measurableFromClient(Quantity quantity);
    /// \a change of \a quantity on the one axis where a gain is positive.
    static double gain(double change, Quantity quantity);
    /// The same for a change and its interval (for a lower-is-better quantity the bounds swap).
    static Change gain(const Change &change, Quantity quantity);
    /// The middle of a claimed range on the gain axis ("−40–70%" latency: +0.55); 0 when no
    /// figure is stated.
    static double claimedGain(const ClaimedChange &claim);
    /// Against a claim that states no figure: no measurable change, a gain or a loss.
    static Reading reading(const Change &measured, const ClaimedChange &claim);

    /// A change as a signed whole percentage: "+12%", "−80%", "0%".
    static QString percent(double change);
    /// A share (hit rate …) as an unsigned whole percentage: "40%".
    static QString share(double fraction);
    /// "−78% [−80%, −75%]".
    static QString change(const Change &change);
    /// The claimed change in the table's words: "TTFT −80%", "−40–70%", "throughput +3×";
    /// "no typical claim" when the table states no figure.
    static QString claim(const ClaimedChange &claim);
    static QString difficulty(Difficulty difficulty);
    /// The difficulty column of \a claim's row: its difficulty, or "–" when the typical table
    /// has no row for it.
    static QString difficulty(const TypicalClaim &claim);
    /// "★★★".
    static QString stars(int stars);
    /// The priority column of \a claim's row: its stars, or "–" when the typical table has no
    /// row for it.
    static QString priority(const TypicalClaim &claim);
    static QString reading(Reading reading);
    /// The measured cost change: "−45% [−52%, −38%]", "… (tokens)", "not measurable from a client".
    static QString cost(const CostMeasurement &cost);
    /// The technique as a sentence names it: "the semantic cache".
    static QString inSentence(Technique technique);

    /// The JSON keys: "ttft", "latency", …; "low", "medium", "high"; "prices", "tokens", …;
    /// "as_claimed", "gain", ….
    static QString key(Quantity quantity);
    static std::optional<Quantity> quantityFromKey(QStringView key);
    static QString key(Difficulty difficulty);
    static std::optional<Difficulty> difficultyFromKey(QStringView key);
    static QString key(CostBasis basis);
    static std::optional<CostBasis> costBasisFromKey(QStringView key);
    static QString key(Reading reading);

    /// A measured row's figures: "time to first text: 812.5 → 96.3 ms".
    static QString figures(const ImpactRow &row);
    /// The headline's reading, and the cost's when it was measured.
    static QString readings(const ImpactRow &row);
    /// "pairs 4 · failed 0".
    static QString details(const ImpactRow &row);
};
