#include "impactranking.h"

#include "impactexperiment.h"

#include <algorithm>

namespace {

// The typical priority: more stars first, then the table's order.
bool typicallyBefore(const RankedTechnique &a, const RankedTechnique &b)
{
    if (a.stars != b.stars)
        return a.stars > b.stars;
    return a.typicalPosition < b.typicalPosition;
}

bool rankedBefore(const RankedTechnique &a, const RankedTechnique &b)
{
    if (a.standing != b.standing)
        return int(a.standing) < int(b.standing);
    switch (a.standing) {
    case RankedTechnique::Standing::SureGain:
        if (a.gain.low != b.gain.low)
            return a.gain.low > b.gain.low;
        if (a.gain.value != b.gain.value)
            return a.gain.value > b.gain.value;
        break;
    case RankedTechnique::Standing::NoMeasurableChange: break; // indistinguishable: the typical order
    case RankedTechnique::Standing::SureLoss:
        if (a.gain.value != b.gain.value)
            return a.gain.value > b.gain.value;
        break;
    }
    return typicallyBefore(a, b);
}

} // namespace

ImpactRanking ImpactRanking::rank(const QList<ImpactRow> &rows)
{
    ImpactRanking ranking;
    const QList<Technique> typical = ImpactTable::typicalOrder();
    for (Technique t : ImpactTable::rowOrder()) {
        const auto row = std::find_if(rows.cbegin(), rows.cend(), [t](const ImpactRow &r) { return r.technique == t; });
        if (row == rows.cend() || !row->ok()) {
            // The typical table's techniques are always accounted for; another only when it
            // was asked for, so that a document written before it existed lists the same.
            if (row != rows.cend() || typical.contains(t))
                ranking.unmeasured.append(t);
            continue;
        }
        RankedTechnique entry;
        entry.technique = t;
        entry.name = row->name;
        entry.metric = row->metric;
        entry.change = row->change;
        entry.gain = ImpactTable::gain(row->change, row->claim.latency.quantity);
        entry.standing = entry.gain.low > 0 ? RankedTechnique::Standing::SureGain
            : entry.gain.high < 0           ? RankedTechnique::Standing::SureLoss
                                            : RankedTechnique::Standing::NoMeasurableChange;
        entry.typicalPosition = ImpactTable::typicalPosition(t);
        entry.stars = row->claim.stars;
        entry.typical = typical.contains(t) && row->claim.listed();
        ranking.order.append(entry);
    }
    std::stable_sort(ranking.order.begin(), ranking.order.end(), rankedBefore);

    // One sentence per technique that overtook others, naming the one of those the typical
    // priority puts first: the departure that matters, without a sentence for every pair.
    for (qsizetype i = 0; i < ranking.order.size(); ++i) {
        const RankedTechnique &above = ranking.order.at(i);
        if (!above.typical)
            continue;
        const RankedTechnique *overtaken = nullptr;
        for (qsizetype j = i + 1; j < ranking.order.size(); ++j) {
            const RankedTechnique &below = ranking.order.at(j);
            if (!below.typical)
                continue;
            if (typicallyBefore(below, above) && (!overtaken || typicallyBefore(below, *overtaken)))
                overtaken = &below;
        }
        if (overtaken)
            ranking.differences.append(tr("On this endpoint, %1 pays more than %2.")
                                           .arg(ImpactTable::inSentence(above.technique),
                                                ImpactTable::inSentence(overtaken->technique)));
    }
    return ranking;
}

QString ImpactRanking::summary() const
{
    if (order.size() < 2)
        return tr("Measure at least two techniques to compare their order with the typical priority.");
    if (differences.isEmpty())
        return tr("On this endpoint, the measured order follows the typical priority.");
    return differences.join(u' ');
}

QString ImpactRanking::line(const RankedTechnique &entry)
{
    QString text = entry.typical ? tr("%1: %2 %3 · typical priority %4")
                                       .arg(entry.name, entry.metric, ImpactTable::change(entry.change),
                                            ImpactTable::stars(entry.stars))
                                 : tr("%1: %2 %3 · not in the typical table")
                                       .arg(entry.name, entry.metric, ImpactTable::change(entry.change));
    if (entry.standing == RankedTechnique::Standing::NoMeasurableChange)
        text += QStringLiteral(" · ") + ImpactTable::reading(Reading::NoMeasurableChange);
    else if (entry.standing == RankedTechnique::Standing::SureLoss)
        text += QStringLiteral(" · ") + tr("worse with it than without");
    return text;
}
