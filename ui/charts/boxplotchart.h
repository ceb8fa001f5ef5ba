#pragma once

#include "chartview.h"
#include "seriesdata.h"

class QBarCategoryAxis;
class QBoxPlotSeries;
class QBoxSet;
class QScatterSeries;
class QValueAxis;

/*!
 * \brief One box per series: the box spans p25..p75 with the median inside; whiskers reach
 * the furthest values within 1.5 × IQR of the box (Tukey), and values beyond are drawn as
 * outlier points. Quartiles use the shared percentile definition (Statistics::percentile).
 */
class BoxPlotChart : public ChartView
{
    Q_OBJECT
public:
    using SeriesData = ::SeriesData;

    /// The five numbers of one box, as drawn.
    struct Box
    {
        double lowerWhisker = 0;
        double p25 = 0;
        double median = 0;
        double p75 = 0;
        double upperWhisker = 0;
        QList<double> outliers;
    };

    explicit BoxPlotChart(QWidget *parent = nullptr);
    ~BoxPlotChart() override;

    void setSeries(const QList<SeriesData> &series);
    int boxCount() const { return int(m_data.size()); }
    /// The box computed for series \a index.
    Box box(int index) const;
    /// The figures drawn for \a values (Tukey whiskers).
    static Box computeBox(QList<double> values);
    /// The label under box \a index as drawn: the name, broken into lines (or elided in the
    /// middle) to fit the box's share of the width, since Qt Charts would cut it at the end.
    QString categoryLabel(int index) const;
    /// The latency axis' range: it starts where the data is, not at 0.
    std::pair<double, double> valueRange() const;

protected:
    void restyle() override;
    void resizeEvent(QResizeEvent *event) override;
    void fitLabels() override;

private:

    QList<SeriesData> m_data;
    QList<Box> m_boxes;
    QBoxPlotSeries *m_series = nullptr;
    QList<QScatterSeries *> m_outliers;
    QBarCategoryAxis *m_axisX = nullptr;
    QValueAxis *m_axisY = nullptr;
};
