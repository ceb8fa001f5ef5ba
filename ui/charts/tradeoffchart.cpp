#include "tradeoffchart.h"

#include <QGraphicsSimpleTextItem>
#include <QLineSeries>
#include <QMouseEvent>
#include <QScatterSeries>
#include <QValueAxis>

#include <algorithm>
#include <cmath>
#include <limits>

TradeoffChart::TradeoffChart(QWidget *parent)
    : ChartView(parent)
{
    m_axisX = new QValueAxis(this);
    m_axisY = new QValueAxis(this);
    m_axisX->setLabelFormat(QStringLiteral("%.0f"));
    m_axisY->setLabelFormat(QStringLiteral("%.0f"));
    setNiceRange(m_axisX, 0, 10);
    setNiceRange(m_axisY, 0, 1000);
    chart()->addAxis(m_axisX, Qt::AlignBottom);
    chart()->addAxis(m_axisY, Qt::AlignLeft);
    m_highlight = new QScatterSeries(this);
    m_highlight->setMarkerSize(16);
    chart()->addSeries(m_highlight);
    m_highlight->attachAxis(m_axisX);
    m_highlight->attachAxis(m_axisY);
    setTransient(m_highlight);
    setAxisTitles(tr("Throughput"), tr("Latency (ms)"));
    // Labels follow their points whenever the plot area moves (resize, legend, export).
    connect(chart(), &QChart::plotAreaChanged, this, &TradeoffChart::placeLabels);
    restyle();
}

TradeoffChart::~TradeoffChart() = default;

void TradeoffChart::setSeries(const QList<Series> &series)
{
    m_data = series;
    rebuild();
}

void TradeoffChart::setLimits(const QList<Limit> &limits)
{
    m_limits = limits;
    rebuild();
}

QStringList TradeoffChart::labels() const
{
    QStringList out;
    for (const Series &s : m_data) {
        for (const Point &p : s.points)
            out.append(p.label);
    }
    return out;
}

void TradeoffChart::highlight(int seriesIndex, int pointIndex)
{
    m_highlight->clear();
    if (seriesIndex < 0 || seriesIndex >= m_data.size())
        return;
    const QList<Point> &points = m_data.at(seriesIndex).points;
    if (pointIndex < 0 || pointIndex >= points.size())
        return;
    m_highlight->append(points.at(pointIndex).throughput, points.at(pointIndex).latency);
}

void TradeoffChart::rebuild()
{
    for (QAbstractSeries *s : std::as_const(m_lines))
        chart()->removeSeries(s);
    for (QAbstractSeries *s : std::as_const(m_points))
        chart()->removeSeries(s);
    for (QAbstractSeries *s : std::as_const(m_limitLines))
        chart()->removeSeries(s);
    qDeleteAll(m_lines);
    qDeleteAll(m_points);
    qDeleteAll(m_limitLines);
    qDeleteAll(m_labels);
    m_lines.clear();
    m_points.clear();
    m_limitLines.clear();
    m_labels.clear();
    m_highlight->clear();

    double maxX = 0;
    double maxY = 0;
    for (const Series &s : std::as_const(m_data)) {
        for (const Point &p : s.points) {
            if (std::isfinite(p.throughput))
                maxX = std::max(maxX, p.throughput);
            if (std::isfinite(p.latency))
                maxY = std::max(maxY, p.latency);
        }
    }
    for (const Limit &limit : std::as_const(m_limits))
        maxY = std::max(maxY, limit.latency);

    for (const Series &s : std::as_const(m_data)) {
        QList<QPointF> points;
        for (const Point &p : s.points) {
            points.append(QPointF(p.throughput, p.latency));
            auto *label = new QGraphicsSimpleTextItem(p.label, chart());
            label->setZValue(10);
            m_labels.append(label);
        }
        auto *line = new QLineSeries(this);
        line->setName(s.name.toHtmlEscaped()); // legends render rich text
        line->replace(points);
        auto *dots = new QScatterSeries(this);
        dots->setMarkerSize(9);
        dots->replace(points);
        chart()->addSeries(line);
        chart()->addSeries(dots);
        for (QAbstractSeries *series : { static_cast<QAbstractSeries *>(line), static_cast<QAbstractSeries *>(dots) }) {
            series->attachAxis(m_axisX);
            series->attachAxis(m_axisY);
        }
        hideFromLegend(dots);
        m_lines.append(line);
        m_points.append(dots);
    }
    const double xMax = maxX > 0 ? maxX * 1.08 : 10;
    for (const Limit &limit : std::as_const(m_limits)) {
        auto *line = new QLineSeries(this);
        line->setName(limit.name.toHtmlEscaped());
        line->replace({ QPointF(0, limit.latency), QPointF(xMax, limit.latency) });
        chart()->addSeries(line);
        line->attachAxis(m_axisX);
        line->attachAxis(m_axisY);
        m_limitLines.append(line);
    }
    setNiceRange(m_axisX, 0, xMax);
    setNiceRange(m_axisY, 0, maxY > 0 ? maxY * 1.1 : 1000);
    restyle();
    placeLabels();
}

void TradeoffChart::placeLabels()
{
    int k = 0;
    for (const Series &s : std::as_const(m_data)) {
        for (const Point &p : s.points) {
            if (k >= m_labels.size())
                return;
            QGraphicsSimpleTextItem *label = m_labels.at(k++);
            const QPointF at = chart()->mapToPosition(QPointF(p.throughput, p.latency), m_lines.constFirst());
            label->setPos(at + QPointF(6, -label->boundingRect().height() - 2));
            label->setVisible(chart()->plotArea().contains(at));
        }
    }
}

void TradeoffChart::resizeEvent(QResizeEvent *event)
{
    ChartView::resizeEvent(event);
    placeLabels();
}

void TradeoffChart::restyle()
{
    const QColor text = foregroundColor();
    for (int i = 0; i < m_lines.size() && i < m_data.size(); ++i) {
        const QColor c = m_data.at(i).color;
        m_lines.at(i)->setPen(QPen(c, 2));
        m_points.at(i)->setColor(c);
        m_points.at(i)->setBorderColor(c);
        setLegendColor(m_lines.at(i), c);
    }
    for (QGraphicsSimpleTextItem *label : std::as_const(m_labels))
        label->setBrush(text);
    const QList<Qt::PenStyle> styles { Qt::DashLine, Qt::DotLine, Qt::DashDotLine };
    for (int i = 0; i < m_limitLines.size(); ++i) {
        QPen pen(QColor(0xD55E00), 1.5, styles.at(i % styles.size()));
        m_limitLines.at(i)->setPen(pen);
        setLegendColor(m_limitLines.at(i), pen.color());
    }
    m_highlight->setColor(Qt::transparent);
    m_highlight->setBorderColor(text);
    QPen ring(text, 2);
    m_highlight->setPen(ring);
}

void TradeoffChart::mousePressEvent(QMouseEvent *event)
{
    ChartView::mousePressEvent(event);
    if (event->button() != Qt::LeftButton || m_lines.isEmpty())
        return;
    const QPointF click = chart()->mapFromScene(mapToScene(event->position().toPoint()));
    double best = 12 * 12; // pixels², the click radius
    int bestSeries = -1;
    int bestPoint = -1;
    for (int s = 0; s < m_data.size(); ++s) {
        const QList<Point> &points = m_data.at(s).points;
        for (int i = 0; i < points.size(); ++i) {
            const QPointF at = chart()->mapToPosition(QPointF(points.at(i).throughput, points.at(i).latency),
                                                      m_lines.constFirst());
            const QPointF d = at - click;
            const double d2 = d.x() * d.x() + d.y() * d.y();
            if (d2 < best) {
                best = d2;
                bestSeries = s;
                bestPoint = i;
            }
        }
    }
    if (bestSeries >= 0) {
        highlight(bestSeries, bestPoint);
        Q_EMIT pointClicked(bestSeries, bestPoint);
    }
}
