#pragma once

#include "chartview.h"
#include "seriesdata.h"

#include <optional>

class QAbstractAxis;
class QLineSeries;
class QLogValueAxis;
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
    /// A vertical line at \a x across the plot, named in the legend (e.g. "current threshold").
    struct Marker
    {
        double x = 0;
        QString name;
        QColor color;
        Qt::PenStyle style = Qt::DashLine;
    };

    explicit TimeSeriesChart(QWidget *parent = nullptr);
    ~TimeSeriesChart() override;

    void setSeries(const QList<SeriesData> &series);
    int seriesCount() const { return int(m_lines.size()); }
    int pointCount(int index) const;
    /*!
     * Draws x on a base-2 log scale, ticks at 1, 2, 4, 8…: for x values that double (batch
     * sizes, concurrency levels), where a linear axis ticks 2.5, 7.5 between them. Every x
     * must be positive.
     */
    void setLogX(bool log2);
    bool isLogX() const { return m_logX != nullptr; }
    /// The x axis' range as drawn.
    std::pair<double, double> xRange() const;
    /*!
     * The x axis covers at least [\a min, \a max] whatever the data (linear axis only): charts
     * stacked on one time axis (throughput over the server's queue) line up tick for tick.
     */
    void setMinimumXRange(double min, double max);
    /// Pins the y axis to [\a min, \a max] (shares: 0–100 %, not a rounded-up 125).
    void setFixedYRange(double min, double max);
    std::pair<double, double> yRange() const;
    /*!
     * Dashed lines on a second y axis at the right, pinned to [\a min, \a max] and titled
     * \a axisTitle (a share in % beside counts, say). An empty list removes the axis.
     */
    void setSecondarySeries(const QList<SeriesData> &series, const QString &axisTitle, double min, double max);
    int secondarySeriesCount() const { return int(m_lines2.size()); }
    /// Replaces the vertical marker lines.
    void setMarkers(const QList<Marker> &markers);
    int markerCount() const { return int(m_markerLines.size()); }

protected:
    void restyle() override;
    void resizeEvent(QResizeEvent *event) override;

private:
    QAbstractAxis *xAxis() const;
    /// Ticks on the y axes: fewer in a short chart, where Qt Charts would elide crowded labels.
    int yTicks() const;

    QList<SeriesData> m_data;
    QList<Marker> m_markers;
    QList<QLineSeries *> m_markerLines;
    std::optional<std::pair<double, double>> m_fixedY;
    std::optional<std::pair<double, double>> m_minimumX;
    QLogValueAxis *m_logX = nullptr;
    QList<QLineSeries *> m_lines;
    QList<SeriesData> m_data2; ///< on the right axis
    QList<QLineSeries *> m_lines2;
    QValueAxis *m_axisY2 = nullptr;
    QString m_y2Title;
    std::pair<double, double> m_y2Range { 0, 100 };
    QValueAxis *m_axisX = nullptr;
    QValueAxis *m_axisY = nullptr;
    int m_yTicks = 0; ///< yTicks() when the series were last laid out
};
