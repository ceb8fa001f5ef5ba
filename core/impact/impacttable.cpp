#include "impacttable.h"

#include "impactexperiment.h"
#include "metrics/statistics.h"

#include <QLocale>

#include <algorithm>
#include <random>

namespace {

constexpr int BootstrapResamples = 2000;

using Statistics::mean;

// The 2.5th and 97.5th percentiles of the resampled ratios.
std::pair<double, double> interval(QList<double> ratios)
{
    if (ratios.isEmpty())
        return { 0, 0 };
    std::sort(ratios.begin(), ratios.end());
    return { *Statistics::percentile(ratios, 2.5), *Statistics::percentile(ratios, 97.5) };
}

const QChar Minus(0x2212);

// A magnitude in whole percent, without its sign.
QString wholePercent(double magnitude)
{
    return QLocale().toString(qRound64(magnitude * 100)) + u'%';
}

} // namespace

Change Change::ofMeans(const QList<double> &baseline, const QList<double> &optimised, quint64 seed)
{
    Change c;
    c.baselineSamples = int(baseline.size());
    c.optimisedSamples = int(optimised.size());
    const double b = mean(baseline);
    if (baseline.isEmpty() || optimised.isEmpty() || b == 0)
        return c;
    c.value = mean(optimised) / b - 1;
    std::mt19937_64 rng(seed);
    QList<double> ratios;
    ratios.reserve(BootstrapResamples);
    for (int k = 0; k < BootstrapResamples; ++k) {
        double sb = 0, so = 0;
        std::uniform_int_distribution<qsizetype> pickB(0, baseline.size() - 1);
        std::uniform_int_distribution<qsizetype> pickO(0, optimised.size() - 1);
        for (qsizetype i = 0; i < baseline.size(); ++i)
            sb += baseline.at(pickB(rng));
        for (qsizetype i = 0; i < optimised.size(); ++i)
            so += optimised.at(pickO(rng));
        if (sb > 0)
            ratios.append((so / double(optimised.size())) / (sb / double(baseline.size())) - 1);
    }
    std::tie(c.low, c.high) = interval(ratios);
    return c;
}

Change Change::ofPairs(const QList<double> &baseline, const QList<double> &optimised, quint64 seed)
{
    Change c;
    const qsizetype n = std::min(baseline.size(), optimised.size());
    c.baselineSamples = c.optimisedSamples = int(n);
    const double b = mean(baseline.mid(0, n));
    if (n == 0 || b == 0)
        return c;
    c.value = mean(optimised.mid(0, n)) / b - 1;
    std::mt19937_64 rng(seed);
    std::uniform_int_distribution<qsizetype> pick(0, n - 1);
    QList<double> ratios;
    ratios.reserve(BootstrapResamples);
    for (int k = 0; k < BootstrapResamples; ++k) {
        double sb = 0, so = 0;
        for (qsizetype i = 0; i < n; ++i) {
            const qsizetype j = pick(rng);
            sb += baseline.at(j);
            so += optimised.at(j);
        }
        if (sb > 0)
            ratios.append(so / sb - 1);
    }
    std::tie(c.low, c.high) = interval(ratios);
    return c;
}

QList<Technique> ImpactTable::typicalOrder()
{
    return { Technique::Streaming, Technique::SemanticCache, Technique::Batching, Technique::Compression,
             Technique::Variant };
}

QList<Technique> ImpactTable::rowOrder()
{
    // The provider's prompt cache sits beside the semantic cache: both answer "what if the
    // same work came again", one on the client, one inside the server.
    return { Technique::Streaming, Technique::SemanticCache, Technique::PromptCache, Technique::Batching,
             Technique::Compression, Technique::Variant };
}

int ImpactTable::typicalPosition(Technique technique)
{
    const QList<Technique> typical = typicalOrder();
    const qsizetype position = typical.indexOf(technique);
    return int(position < 0 ? typical.size() : position);
}

TypicalClaim ImpactTable::typicalClaim(Technique technique)
{
    // The commonly quoted table: latency change, cost change, difficulty, priority. "+3×"
    // throughput is three times the throughput, a change of +200%.
    switch (technique) {
    case Technique::Streaming:
        return { { Quantity::Ttft, -0.8, -0.8 }, { Quantity::Cost, 0, 0 }, Difficulty::Low, 3 };
    case Technique::SemanticCache:
        return { { Quantity::Latency, -0.7, -0.4 }, { Quantity::Cost, -0.7, -0.4 }, Difficulty::Medium, 3 };
    case Technique::Batching:
        return { { Quantity::Throughput, 2.0, 2.0 }, { Quantity::Cost, -0.3, -0.3 }, Difficulty::Medium, 2 };
    case Technique::Compression:
        return { { Quantity::Latency, -0.2, -0.1 }, { Quantity::Cost, -0.3, -0.1 }, Difficulty::Low, 2 };
    case Technique::Variant:
        return { { Quantity::Speed, 0.2, 0.2 }, { Quantity::Memory, -0.5, -0.5 }, Difficulty::High, 1 };
    case Technique::PromptCache:
        // The typical table has no row for it: what is measured (TTFT, cost), and no figure.
        return { { Quantity::Ttft, 0, 0, false }, { Quantity::Cost, 0, 0, false }, Difficulty::Low, 0 };
    }
    return {};
}

bool ImpactTable::lowerIsBetter(Quantity quantity)
{
    return quantity != Quantity::Throughput && quantity != Quantity::Speed;
}

bool ImpactTable::measurableFromClient(Quantity quantity)
{
    return quantity != Quantity::Memory;
}

double ImpactTable::gain(double change, Quantity quantity)
{
    return lowerIsBetter(quantity) ? -change : change;
}

Change ImpactTable::gain(const Change &change, Quantity quantity)
{
    if (!lowerIsBetter(quantity))
        return change;
    Change g = change;
    g.value = -change.value;
    g.low = -change.high;
    g.high = -change.low;
    return g;
}

double ImpactTable::claimedGain(const ClaimedChange &claim)
{
    if (!claim.stated)
        return 0;
    return gain((claim.low + claim.high) / 2, claim.quantity);
}

Reading ImpactTable::reading(const Change &measured, const ClaimedChange &claim)
{
    // An interval that contains 0 says nothing about the direction, let alone the size.
    if (measured.low <= 0 && measured.high >= 0)
        return Reading::NoMeasurableChange;
    const Change g = gain(measured, claim.quantity);
    if (!claim.stated)
        return g.low > 0 ? Reading::Gain : Reading::Loss;
    if (g.high < 0)
        return Reading::Opposite;
    const double claimLow = std::min(gain(claim.low, claim.quantity), gain(claim.high, claim.quantity));
    const double claimHigh = std::max(gain(claim.low, claim.quantity), gain(claim.high, claim.quantity));
    if (g.high >= claimLow && g.low <= claimHigh)
        return Reading::AsClaimed;
    return g.low > claimHigh ? Reading::BiggerGain : Reading::SmallerGain;
}

QString ImpactTable::percent(double change)
{
    const qint64 whole = qRound64(change * 100);
    if (whole == 0)
        return wholePercent(0);
    return (whole > 0 ? QString(u'+') : QString(Minus)) + wholePercent(std::abs(change));
}

QString ImpactTable::share(double fraction)
{
    return wholePercent(fraction);
}

QString ImpactTable::change(const Change &change)
{
    return tr("%1 [%2, %3]").arg(percent(change.value), percent(change.low), percent(change.high));
}

QString ImpactTable::claim(const ClaimedChange &claim)
{
    if (!claim.stated)
        return tr("no typical claim");
    QString value;
    if (claim.low == claim.high) {
        // A gain of several times reads as a factor, as it is usually quoted ("+3×").
        value = claim.quantity == Quantity::Throughput && claim.low >= 1
            ? u'+' + QLocale().toString(1 + claim.low, 'g', 3) + QChar(0x00D7)
            : percent(claim.low);
    } else if ((claim.low < 0) == (claim.high < 0)) {
        const double a = std::min(std::abs(claim.low), std::abs(claim.high));
        const double b = std::max(std::abs(claim.low), std::abs(claim.high));
        value = (claim.low < 0 ? QString(Minus) : QString(u'+')) + QLocale().toString(qRound64(a * 100))
            + QChar(0x2013) + wholePercent(b);
    } else {
        value = percent(claim.low) + QChar(0x2013) + percent(claim.high);
    }
    switch (claim.quantity) {
    case Quantity::Ttft: return tr("TTFT %1").arg(value);
    case Quantity::Throughput: return tr("throughput %1").arg(value);
    case Quantity::Speed: return tr("speed %1").arg(value);
    case Quantity::Memory: return tr("GPU memory %1").arg(value);
    case Quantity::Latency:
    case Quantity::Cost: break; // the column says it
    }
    return value;
}

QString ImpactTable::difficulty(Difficulty difficulty)
{
    switch (difficulty) {
    case Difficulty::Low: return tr("low", "difficulty of putting a technique in place");
    case Difficulty::Medium: return tr("medium", "difficulty of putting a technique in place");
    case Difficulty::High: return tr("high", "difficulty of putting a technique in place");
    }
    return {};
}

QString ImpactTable::difficulty(const TypicalClaim &claim)
{
    return claim.listed() ? difficulty(claim.difficulty) : QString(QChar(0x2013));
}

QString ImpactTable::stars(int stars)
{
    return QString(std::clamp(stars, 0, 5), QChar(0x2605));
}

QString ImpactTable::priority(const TypicalClaim &claim)
{
    return claim.listed() ? stars(claim.stars) : QString(QChar(0x2013));
}

QString ImpactTable::reading(Reading reading)
{
    switch (reading) {
    case Reading::NoMeasurableChange: return tr("no measurable change");
    case Reading::AsClaimed: return tr("consistent with the claim");
    case Reading::BiggerGain: return tr("a bigger gain than claimed");
    case Reading::SmallerGain: return tr("a smaller gain than claimed");
    case Reading::Opposite: return tr("the opposite of the claim");
    case Reading::Gain: return tr("a measurable gain (no typical claim to compare)");
    case Reading::Loss: return tr("a measurable loss (no typical claim to compare)");
    }
    return {};
}

QString ImpactTable::cost(const CostMeasurement &cost)
{
    switch (cost.basis) {
    case CostBasis::NotMeasured: return QString(QChar(0x2013));
    case CostBasis::NotMeasurable: return tr("not measurable from a client");
    case CostBasis::Prices: return change(cost.change);
    case CostBasis::Tokens: return tr("%1 (tokens)").arg(change(cost.change));
    }
    return {};
}

QString ImpactTable::inSentence(Technique technique)
{
    switch (technique) {
    case Technique::Streaming: return tr("streaming", "in a sentence");
    case Technique::SemanticCache: return tr("the semantic cache", "in a sentence");
    case Technique::Batching: return tr("batching", "in a sentence");
    case Technique::Compression: return tr("prompt compression", "in a sentence");
    case Technique::Variant: return tr("the variant endpoint", "in a sentence");
    case Technique::PromptCache: return tr("the provider's prompt cache", "in a sentence");
    }
    return {};
}

QString ImpactTable::key(Quantity quantity)
{
    switch (quantity) {
    case Quantity::Ttft: return QStringLiteral("ttft");
    case Quantity::Latency: return QStringLiteral("latency");
    case Quantity::Throughput: return QStringLiteral("throughput");
    case Quantity::Speed: return QStringLiteral("speed");
    case Quantity::Cost: return QStringLiteral("cost");
    case Quantity::Memory: return QStringLiteral("memory");
    }
    return {};
}

std::optional<Quantity> ImpactTable::quantityFromKey(QStringView key)
{
    for (Quantity q : { Quantity::Ttft, Quantity::Latency, Quantity::Throughput, Quantity::Speed, Quantity::Cost,
                        Quantity::Memory }) {
        if (key == ImpactTable::key(q))
            return q;
    }
    return std::nullopt;
}

QString ImpactTable::key(Difficulty difficulty)
{
    switch (difficulty) {
    case Difficulty::Low: return QStringLiteral("low");
    case Difficulty::Medium: return QStringLiteral("medium");
    case Difficulty::High: return QStringLiteral("high");
    }
    return {};
}

std::optional<Difficulty> ImpactTable::difficultyFromKey(QStringView key)
{
    for (Difficulty d : { Difficulty::Low, Difficulty::Medium, Difficulty::High }) {
        if (key == ImpactTable::key(d))
            return d;
    }
    return std::nullopt;
}

QString ImpactTable::key(CostBasis basis)
{
    switch (basis) {
    case CostBasis::NotMeasured: return QStringLiteral("not_measured");
    case CostBasis::Prices: return QStringLiteral("prices");
    case CostBasis::Tokens: return QStringLiteral("tokens");
    case CostBasis::NotMeasurable: return QStringLiteral("not_measurable");
    }
    return {};
}

std::optional<CostBasis> ImpactTable::costBasisFromKey(QStringView key)
{
    for (CostBasis b : { CostBasis::NotMeasured, CostBasis::Prices, CostBasis::Tokens, CostBasis::NotMeasurable }) {
        if (key == ImpactTable::key(b))
            return b;
    }
    return std::nullopt;
}

QString ImpactTable::key(Reading reading)
{
    switch (reading) {
    case Reading::NoMeasurableChange: return QStringLiteral("no_measurable_change");
    case Reading::AsClaimed: return QStringLiteral("as_claimed");
    case Reading::BiggerGain: return QStringLiteral("bigger_gain");
    case Reading::SmallerGain: return QStringLiteral("smaller_gain");
    case Reading::Opposite: return QStringLiteral("opposite");
    case Reading::Gain: return QStringLiteral("gain");
    case Reading::Loss: return QStringLiteral("loss");
    }
    return {};
}

QString ImpactTable::figures(const ImpactRow &row)
{
    if (!row.ok())
        return {};
    return tr("%1: %2 → %3 %4")
        .arg(row.metric, QLocale().toString(row.baseline, 'f', 1), QLocale().toString(row.optimised, 'f', 1),
             row.unit);
}

QString ImpactTable::readings(const ImpactRow &row)
{
    if (!row.ok())
        return {};
    if (!row.cost.measured())
        return row.verdict;
    return tr("%1; cost: %2").arg(row.verdict, reading(reading(row.cost.change, row.claim.cost)));
}

QString ImpactTable::details(const ImpactRow &row)
{
    QStringList parts;
    for (const auto &[k, v] : row.details)
        parts.append(k + u' ' + v);
    return parts.join(QStringLiteral(" · "));
}
