#pragma once

#include "impacttable.h"

#include <QCoreApplication>
#include <QList>
#include <QStringList>

struct ImpactRow;

/// \brief One measured technique in the recommended order.
struct RankedTechnique
{
    /// Where its gain stands: a sure gain, no measurable change, or a sure loss.
    enum class Standing { SureGain, NoMeasurableChange, SureLoss };

    Technique technique = Technique::Streaming;
    QString name; ///< the row's name
    QString metric; ///< what its headline measured, e.g. "time to first text"
    Change change; ///< the headline change as measured
    Change gain; ///< the same on the one axis where a gain is positive (ImpactTable::gain)
    Standing standing = Standing::NoMeasurableChange;
    int typicalPosition = 0; ///< 0: first in the typical priority order
    int stars = 0; ///< the typical priority (the row's claim)
    bool typical = true; ///< false: the typical table has no row for it, so no typical place
};

/*!
 * \brief The recommended order of the techniques for one endpoint, beside the typical one.
 *
 * Techniques are ranked by what their headline measurement gained on this endpoint, each on
 * the one gain axis (a latency cut and a throughput rise both count as positive):
 * - sure gains first (the 95% interval above 0), by the interval's lower bound, so that an
 *   uncertain gain ranks below a sure one even when its mean is higher;
 * - then the techniques with no measurable change (the interval contains 0), in the typical
 *   order, since the measurement cannot tell them apart;
 * - then sure losses, the smallest first.
 * Rows that failed or did not run are left out (listed in \c unmeasured: every technique of the
 * typical table without a measured row, and any other technique whose row is there but failed
 * or was skipped). The typical priority is the rows' stars, and the table's order among equal
 * stars. Each technique that ranks above techniques the typical priority puts before it gets one
 * sentence, naming the first of those in the typical order: "On this endpoint, the semantic cache
 * pays more than streaming." A technique the typical table has no row for (provider prompt
 * caching) is ranked by its gain like the others, after them among equals, but has no typical
 * place to depart from: it gets no sentence, and is named in none.
 */
struct ImpactRanking
{
    Q_DECLARE_TR_FUNCTIONS(ImpactRanking)
public:
    QList<RankedTechnique> order; ///< best first
    QList<Technique> unmeasured; ///< failed or not run, in the Impact table's row order
    QStringList differences; ///< one sentence per technique ranked above its typical place

    /// A pure function of \a rows.
    static ImpactRanking rank(const QList<ImpactRow> &rows);

    /// The agreement, or the differences, in one paragraph; says so when fewer than two
    /// techniques were measured.
    QString summary() const;
    /// One line of the order: "Semantic cache: latency per query −62% [−68%, −55%] · typical priority ★★★"
    /// ("· not in the typical table" for a technique it has no row for).
    static QString line(const RankedTechnique &entry);
};
