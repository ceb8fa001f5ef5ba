#pragma once

#include "chartview.h"
#include "seriesdata.h"

#include <optional>

class QAreaSeries;
class QValueAxis;

/*!
 * \brief Overlaid, semi-transparent histograms that share one set of bins.
 *
 * The bin width comes from the Freedman–Diaconis rule on all values together,
 * 2 × IQR × n^(-1/3), clamped to 5..60 bins; when the IQR is zero the square-root rule
 * is used instead. Shared bins keep the series comparable bar for bar.
 *
 * A long tail would stretch the axis until the body is one bar: values above the
 * OverflowPercentile-th percentile go to one overflow bin at the right, labelled "≥ x", when
 * they would otherwise take more than a third of the axis.
 */
class HistogramChart : public ChartView
{
    Q_OBJECT
public:
    using SeriesData = ::SeriesData;
    static constexpr int MinBins = 5;
    static constexpr int MaxBins = 60;
    static constexpr double OverflowPercentile = 99;

    explicit HistogramChart(QWidget *parent = nullptr);
    ~HistogramChart() override;

    void setSeries(const QList<SeriesData> &series);
    /// The shared bin edges (bins + 1 values); with an overflow bin, the last bin is it.
    QList<double> binEdges() const { return m_edges; }
    /// The value from which on the last bin counts everything, or nullopt (no overflow bin).
    std::optional<double> overflowFrom() const { return m_overflowFrom; }
    /// The text over the overflow bin ("≥ 412"), empty without one.
    QString overflowLabel() const;
    /// Values of series \a index in each bin.
    QList<int> counts(int index) const;
    /// The bin edges for \a values by the rule above.
    static QList<double> computeEdges(const QList<double> &values);
    /// Where the overflow bin of \a values starts, or nullopt when the tail is short enough.
    static std::optional<double> computeOverflow(const QList<double> &values);

protected:
    void restyle() override;
    void resizeEvent(QResizeEvent *event) override;

private:
    void placeOverflowLabel();

    QList<SeriesData> m_data;
    std::optional<double> m_overflowFrom;
    int m_overflowHeight = 0; ///< the tallest series' count in the overflow bin
    double m_yTop = 1; ///< the count axis' top before rounding to a tick
    /// Ticks of the count axis that the chart's height has room for.
    int yTicks() const;
    class QGraphicsSimpleTextItem *m_overflowText = nullptr;
    QList<QList<int>> m_counts;
    QList<double> m_edges;
    QList<QAreaSeries *> m_areas;
    QValueAxis *m_axisX = nullptr;
    QValueAxis *m_axisY = nullptr;
};
