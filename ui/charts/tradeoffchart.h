#pragma once

#include "chartview.h"

#include <QColor>
#include <QList>
#include <QString>

class QGraphicsSimpleTextItem;
class QLineSeries;
class QScatterSeries;
class QValueAxis;

/*!
 * \brief Throughput against latency, one labelled point per sweep level, one line per series.
 *
 * Each series (an endpoint, or a group of simulated configurations) is drawn as points joined
 * in level order, every point labelled (e.g. "c=16" or "b8"). Horizontal dashed lines mark
 * latency limits (SLOs). Clicking near a point emits pointClicked(series, point).
 */
class TradeoffChart : public ChartView
{
    Q_OBJECT
public:
    struct Point
    {
        double throughput = 0;
        double latency = 0;
        QString label;
    };
    struct Series
    {
        QString name;
        QColor color;
        QList<Point> points;
    };
    struct Limit
    {
        QString name;
        double latency = 0;
    };

    explicit TradeoffChart(QWidget *parent = nullptr);
    ~TradeoffChart() override;

    void setSeries(const QList<Series> &series);
    void setLimits(const QList<Limit> &limits);
    /// Rings one point (−1 clears).
    void highlight(int seriesIndex, int pointIndex);

    int seriesCount() const { return int(m_data.size()); }
    int limitCount() const { return int(m_limits.size()); }
    QStringList labels() const; ///< every point label, in series then point order

Q_SIGNALS:
    void pointClicked(int seriesIndex, int pointIndex);

protected:
    void restyle() override;
    void mousePressEvent(QMouseEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;

private:
    void rebuild();
    void placeLabels();

    QList<Series> m_data;
    QList<Limit> m_limits;
    QList<QLineSeries *> m_lines;
    QList<QScatterSeries *> m_points;
    QList<QLineSeries *> m_limitLines;
    QList<QGraphicsSimpleTextItem *> m_labels;
    QScatterSeries *m_highlight = nullptr;
    QValueAxis *m_axisX = nullptr;
    QValueAxis *m_axisY = nullptr;
};
