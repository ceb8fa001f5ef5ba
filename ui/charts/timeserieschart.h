#pragma once

#include "chartview.h"
#include "seriesdata.h"

class QLineSeries;
class QValueAxis;

/*!
 * \brief One line per series over time (e.g. throughput during a load run): x from
 * SeriesData::xs, y from SeriesData::values. Missing xs fall back to the value's index.
 */
class TimeSeriesChart : public ChartView
{
    Q_OBJECT
public:
    using SeriesData = ::SeriesData;

    explicit TimeSeriesChart(QWidget *parent = nullptr);
    ~TimeSeriesChart() override;

    void setSeries(const QList<SeriesData> &series);
    int seriesCount() const { return int(m_lines.size()); }
    int pointCount(int index) const;

protected:
    void restyle() override;

private:
    QList<SeriesData> m_data;
    QList<QLineSeries *> m_lines;
    QValueAxis *m_axisX = nullptr;
    QValueAxis *m_axisY = nullptr;
};
