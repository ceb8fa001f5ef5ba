#pragma once

#include "chartview.h"
#include "seriesdata.h"

#include <QPointF>

#include <optional>
#include <utility>

class QLineSeries;
class QScatterSeries;
class QValueAxis;

/*!
 * \brief Empirical cumulative distributions: for each series the share of requests
 * (0..1) at or below each latency, drawn as a step line.
 *
 * A click near a step's corner emits pointClicked() with that request's id.
 */
class CdfChart : public ChartView
{
    Q_OBJECT
public:
    using SeriesData = ::SeriesData;

    explicit CdfChart(QWidget *parent = nullptr);
    ~CdfChart() override;

    void setSeries(const QList<SeriesData> &series);
    int seriesCount() const { return int(m_curves.size()); }
    /// Points of the drawn step line of \a seriesIndex (two per value).
    int stepPointCount(int seriesIndex) const;

    /// Marks the request \a id of series \a seriesIndex; an unknown id removes the mark.
    void highlight(int seriesIndex, int id);
    /// Where the mark is, in chart values (latency ms, cumulative share).
    std::optional<QPointF> highlightedPoint() const;

    /// The (series, id) whose point lies within \a radius pixels of \a viewportPos.
    std::optional<std::pair<int, int>> pickAt(const QPoint &viewportPos, double radius = 8) const;

Q_SIGNALS:
    void pointClicked(int seriesIndex, int id);

protected:
    /// Ticks at every 0.2 of the share while the plot has room for their labels, at 0.5 when
    /// it is short (Qt Charts writes "..." for labels closer than a line apart).
    void resizeEvent(QResizeEvent *event) override;
    void restyle() override;
    void mousePressEvent(QMouseEvent *event) override;

private:
    struct Curve
    {
        SeriesData data;
        QList<QPointF> corners; ///< (value, share) at the top of each step, ascending
        QList<int> sortedIds;   ///< id of each corner
        QLineSeries *line = nullptr;
    };

    void clearCurves();

    QList<Curve> m_curves;
    QScatterSeries *m_highlight = nullptr;
    int m_highlightSeries = -1;
    QValueAxis *m_axisX = nullptr;
    QValueAxis *m_axisY = nullptr;
};
