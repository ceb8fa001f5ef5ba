#pragma once

#include "chartview.h"
#include "metrics/requestmetrics.h"

#include <QList>

#include <array>

class QBarCategoryAxis;
class QBarSet;
class QGraphicsItem;
class QHorizontalStackedBarSeries;
class QValueAxis;

/*!
 * \brief The five phases of each endpoint as one stacked horizontal bar.
 *
 * Segments follow the seed's phase order and PhaseStyle colours, carry an "N ms" label
 * when they are wide enough, and are striped when the phase is estimated rather than
 * measured. Each phase has two bar sets (solid and striped) because Qt Charts gives a bar
 * set one brush for all its bars; at each bar only one of the pair is non-zero.
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

Q_SIGNALS:
    void barClicked(int bar);

protected:
    void restyle() override;

private:
    void layoutLabels();
    /// Bar sets hold bars bottom-up (Qt draws category 0 at the bottom); bars are top-down.
    int slot(int bar) const { return int(m_bars.size()) - 1 - bar; }
    void clearLabels();

    QList<Bar> m_bars;
    QHorizontalStackedBarSeries *m_series = nullptr;
    std::array<QBarSet *, PhaseCount> m_measured{};
    std::array<QBarSet *, PhaseCount> m_estimated{};
    QBarSet *m_estimatedKey = nullptr; ///< an empty set: the legend's one "estimated" entry
    QBarCategoryAxis *m_axisY = nullptr;
    QValueAxis *m_axisX = nullptr;
    QList<QGraphicsItem *> m_labels; ///< segment values and totals, owned by the chart
};
