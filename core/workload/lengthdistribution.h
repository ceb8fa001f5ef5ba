#pragma once

#include <QCoreApplication>
#include <QList>
#include <QPair>
#include <QString>
#include <QStringView>

#include <optional>
#include <random>
#include <vector>

/*!
 * \brief Seeded random numbers whose values are the same on every platform.
 *
 * std::mt19937_64 is fully specified by the C++ standard, but std::uniform_int_distribution,
 * std::normal_distribution and friends are not: their output differs between standard libraries.
 * These mappings are written out here so that a stored seed repeats a run anywhere.
 */
namespace SeededRandom {
/// A uniform integer in [0, bound) (bound > 0): rejection of the biased low range, then modulo.
quint64 below(std::mt19937_64 &rng, quint64 bound);
/// A uniform integer in [min, max], inclusive.
qint64 between(std::mt19937_64 &rng, qint64 min, qint64 max);
/// A uniform double in [0, 1) with 53 random bits.
double unit(std::mt19937_64 &rng);
/*!
 * A standard normal deviate: Marsaglia's polar form of Box–Muller (no trigonometry). It calls
 * std::log and std::sqrt; sqrt is exact by IEEE 754, and a last-bit difference in another C
 * library's log could change a rounded length only within ~1e-12 of a half-integer.
 */
double standardNormal(std::mt19937_64 &rng);
/// An independent seed for stream \a stream of \a seed (SplitMix64 of both), e.g. one stream
/// for input lengths and another for output lengths, so equal specs do not give equal lists.
quint64 derive(quint64 seed, quint64 stream);
/// Fisher–Yates shuffle of [0, n) with below().
QList<int> permutation(std::mt19937_64 &rng, int n);
} // namespace SeededRandom

/*!
 * \brief A distribution of token lengths, parsed from a short spec (the CLI's --input-tokens).
 *
 * Specs (integers are tokens, 1 ≤ n ≤ MaxTokens):
 * - "N" or "fixed:N": always N;
 * - "uniform:MIN:MAX": every integer in MIN..MAX equally likely;
 * - "normal:MEAN:STDDEV" and "normal:MEAN:STDDEV:MIN:MAX": a normal deviate rounded half up,
 *   then clamped to MIN..MAX (1..MaxTokens when not given), so the bounds carry the tails;
 *   MEAN and STDDEV may have decimals;
 * - "hist:FILE": a histogram file (see fromHistogramFile());
 * - "weights:LEN=W,LEN=W,...": the same table inline; spec() writes histograms in this form.
 *
 * spec() is canonical and parse(spec()) gives an equal distribution, so a run's settings can
 * store it and repeat the run exactly, even after a histogram file has changed.
 * samples() gives the same list for the same seed on every platform (see SeededRandom).
 */
class LengthDistribution
{
    Q_DECLARE_TR_FUNCTIONS(LengthDistribution)
public:
    enum class Kind {
        Fixed,
        Uniform,
        Normal,
        Histogram, ///< from "hist:FILE" or "weights:..."
    };

    /// No length above this is accepted, in any form.
    static constexpr int MaxTokens = 1'000'000;
    /// Histogram files larger than this are refused (they are read whole).
    static constexpr qint64 MaxHistogramFileBytes = 16 * 1024 * 1024;

    /// A fixed length of 1 token; use parse() or fixed() for anything useful.
    LengthDistribution() = default;
    /// Always \a tokens (clamped to 1..MaxTokens).
    static LengthDistribution fixed(int tokens);

    /// Parses \a spec (see the class description). On failure returns nothing and sets \a error
    /// to a sentence naming what is wrong. "hist:" paths are relative to the current directory.
    static std::optional<LengthDistribution> parse(const QString &spec, QString *error = nullptr);

    /*!
     * Reads a histogram file. Each non-blank line is "LENGTH WEIGHT", "LENGTH,WEIGHT" or a bare
     * "LENGTH" (weight 1), so a plain list of observed lengths works as is. '#' starts a comment
     * (a header line must be commented out). LENGTH is a whole number of tokens; WEIGHT is a
     * non-negative number and may have decimals (probabilities work); repeated lengths add up.
     * Errors name the file, and the line when one is at fault.
     */
    static std::optional<LengthDistribution> fromHistogramFile(const QString &path, QString *error = nullptr);
    /// The same from file contents; \a sourceName (usually the path) prefixes every error.
    static std::optional<LengthDistribution>
    fromHistogramBytes(QByteArrayView content, const QString &sourceName, QString *error = nullptr);

    /// The canonical spec: "fixed:N", "uniform:MIN:MAX", "normal:MEAN:STDDEV[:MIN:MAX]" or
    /// "weights:LEN=W,..." (lengths ascending, "=1" left out; one entry per distinct length,
    /// so a wide histogram gives a long spec).
    QString spec() const;
    /// A translated one-line description, e.g. "uniform, 128–1024 tokens"; a histogram read
    /// from a file names it.
    QString description() const;

    Kind kind() const { return m_kind; }
    /// True when every sample is the same length.
    bool isFixed() const { return m_min == m_max; }
    /// The smallest and largest length a sample can take.
    int min() const { return m_min; }
    int max() const { return m_max; }
    /// The exact expected value and standard deviation of a sample (for Normal, of the rounded
    /// and clamped deviate).
    double mean() const { return m_mean; }
    double stddev() const { return m_stddev; }
    /// Normal only: the parameters as given.
    double normalMean() const { return m_normalMean; }
    double normalStddev() const { return m_normalStddev; }
    /// Histogram only: the lengths with a positive weight, ascending, and their weights.
    QList<QPair<int, double>> table() const;
    /// Histogram only: the file it was read from, if any.
    QString sourceFile() const { return m_sourceFile; }

    /// One length, drawn from \a rng (Fixed draws nothing).
    int sample(std::mt19937_64 &rng) const;
    /// \a n lengths from a generator seeded with \a seed: the same list for the same seed on
    /// every platform and standard library. Empty when n ≤ 0.
    QList<int> samples(int n, quint64 seed) const;

    /// Same kind, parameters and table (not the source file).
    bool operator==(const LengthDistribution &other) const;
    bool operator!=(const LengthDistribution &other) const { return !(*this == other); }

private:
    static std::optional<LengthDistribution> parseFixed(QStringView value, QString *error);
    static std::optional<LengthDistribution> parseUniform(const QList<QStringView> &fields, QString *error);
    static std::optional<LengthDistribution> parseNormal(const QList<QStringView> &fields, QString *error);
    static std::optional<LengthDistribution> parseWeights(QStringView list, QString *error);
    static std::optional<LengthDistribution> fromTable(std::vector<std::pair<int, double>> entries,
                                                       const QString &sourceName, QString *error);
    void computeNormalMoments();

    Kind m_kind = Kind::Fixed;
    int m_min = 1;
    int m_max = 1;
    double m_mean = 1;
    double m_stddev = 0;
    double m_normalMean = 0;
    double m_normalStddev = 0;
    std::vector<int> m_lengths; ///< Histogram: ascending, each with a positive weight
    std::vector<double> m_weights;
    std::vector<double> m_cumulative; ///< running sums of m_weights, for sampling
    QString m_sourceFile;
};

/// \brief Lengths counted into bins of equal integer width, for a preview chart.
struct LengthHistogram
{
    /// counts.size() + 1 edges; bin i holds the lengths in [edges[i], edges[i + 1]).
    QList<int> edges;
    QList<int> counts;
    int total() const;
};

/*!
 * \brief Counts \a lengths into at most \a bins bins of one integer width covering min..max.
 *
 * Fewer bins when the range is narrower than \a bins (a width is never below 1 token); empty
 * when \a lengths is empty or \a bins < 1.
 */
LengthHistogram lengthHistogram(const QList<int> &lengths, int bins);
