#pragma once

#include "chartview.h"
#include "metrics/phaseranges.h"
#include "metrics/requestmetrics.h"

#include <QList>
#include <QRectF>

#include <array>
#include <optional>

class QBarCategoryAxis;
class QBarSet;
class QGraphicsItem;
class QHorizontalStackedBarSeries;
class QValueAxis;

/*!
 * \brief The five phases of each endpoint as one stacked horizontal bar.
 *
 * Segments follow the typical phase order and PhaseStyle colours, carry an "N ms" label
 * when they are wide enough, and are striped when the phase is estimated rather than
 * measured. Each phase has two bar sets (solid and striped) because Qt Charts gives a bar
 * set one brush for all its bars; at each bar only one of the pair is non-zero.
 *
 * Under each bar, one thin lane per phase that has a typical range shows that range as a
 * translucent band in the phase's colour, placed where the phase starts: the band spans
 * [start + min, start + max], so a segment whose end falls inside its band is typical.
 * Above each segment a mark says below (▼), within (✓) or above (▲) its typical range;
 * generation, linear in the output tokens, has neither.
 */
class PhaseBarChart : public ChartView
{
    Q_OBJECT
public:
    struct Bar
    {
        QString label;  ///< the endpoint's name, shown on the category axis
        QColor color;   ///< the endpoint's colour, shown as a swatch beside the total
        PhaseBreakdown phases;
    };

    explicit PhaseBarChart(QWidget *parent = nullptr);
    ~PhaseBarChart() override;

    /// Replaces the bars; bar 0 is drawn at the top.
    void setBars(const QList<Bar> &bars);
    QList<Bar> bars() const { return m_bars; }
    int barCount() const { return int(m_bars.size()); }

    /// The value drawn for \a phase in bar \a bar, read back from the chart's bar sets.
    double segmentValue(int bar, Phase phase) const;
    /// Whether that segment is drawn as estimated (striped).
    bool segmentIsEstimated(int bar, Phase phase) const;
    /// Where that segment starts on the value axis (ms): the sum of the segments before it.
    double segmentStart(int bar, Phase phase) const;
    /// The typical range band of that segment on the value axis, [start + min, start + max]
    /// in ms; none for Generation or an unknown bar.
    std::optional<PhaseRange> typicalBand(int bar, Phase phase) const;
    /// The band as drawn, in chart coordinates (clipped to the plot); empty when not drawn.
    QRectF typicalBandRect(int bar, Phase phase) const;
    /// How the segment's value compares with its phase's typical range.
    RangeVerdict segmentVerdict(int bar, Phase phase) const;
    /// The mark drawn above that segment ("▼", "✓", "▲"); empty when none is drawn.
    QString verdictMark(int bar, Phase phase) const;
    /// The bar's area in chart coordinates (for tests and overlays).
    QRectF barRect(int bar) const;

Q_SIGNALS:
    void barClicked(int bar);

protected:
    void restyle() override;
    void fitLabels() override;

private:
    QStringList m_names; ///< the bars' labels, bottom-up as the axis lists them
    void layoutLabels();
    /// The typical-range bands under the bars and the verdict marks above them.
    void layoutTypicalRanges(const QRectF &plot);
    /// Bar sets hold bars bottom-up (Qt draws category 0 at the bottom); bars are top-down.
    int slot(int bar) const { return int(m_bars.size()) - 1 - bar; }
    void clearLabels();

    QList<Bar> m_bars;
    QHorizontalStackedBarSeries *m_series = nullptr;
    std::array<QBarSet *, PhaseCount> m_measured{};
    std::array<QBarSet *, PhaseCount> m_estimated{};
    QBarSet *m_estimatedKey = nullptr; ///< an empty set: the legend's one "estimated" entry
    QBarSet *m_typicalKey = nullptr; ///< an empty set: the legend's "typical range" entry
    QBarCategoryAxis *m_axisY = nullptr;
    QValueAxis *m_axisX = nullptr;
    QList<QGraphicsItem *> m_labels; ///< segment values, totals, bands and marks, owned by the chart
    /// Per bar (top-down) and phase: the band and the mark as last laid out.
    QList<std::array<QRectF, PhaseCount>> m_bandRects;
    QList<std::array<QString, PhaseCount>> m_marks;
};
