#pragma once

#include "chartview.h"
#include "seriesdata.h"

class QAreaSeries;
class QValueAxis;

/*!
 * \brief Overlaid, semi-transparent histograms that share one set of bins.
 *
 * The bin width comes from the Freedman–Diaconis rule on all values together,
 * 2 × IQR × n^(-1/3), clamped to 5..60 bins; when the IQR is zero the square-root rule
 * is used instead. Shared bins keep the series comparable bar for bar.
 */
class HistogramChart : public ChartView
{
    Q_OBJECT
public:
    using SeriesData = ::SeriesData;
    static constexpr int MinBins = 5;
    static constexpr int MaxBins = 60;

    explicit HistogramChart(QWidget *parent = nullptr);
    ~HistogramChart() override;

    void setSeries(const QList<SeriesData> &series);
    /// The shared bin edges (bins + 1 values).
    QList<double> binEdges() const { return m_edges; }
    /// Values of series \a index in each bin.
    QList<int> counts(int index) const;
    /// The bin edges for \a values by the rule above.
    static QList<double> computeEdges(const QList<double> &values);

protected:
    void restyle() override;

private:
    QList<SeriesData> m_data;
    QList<QList<int>> m_counts;
    QList<double> m_edges;
    QList<QAreaSeries *> m_areas;
    QValueAxis *m_axisX = nullptr;
    QValueAxis *m_axisY = nullptr;
};
