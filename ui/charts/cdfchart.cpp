#include "cdfchart.h"

#include <QLineSeries>
#include <QMouseEvent>
#include <QResizeEvent>
#include <QScatterSeries>
#include <QValueAxis>

#include <algorithm>
#include <limits>
#include <numeric>

CdfChart::CdfChart(QWidget *parent)
    : ChartView(parent)
{
    m_axisX = new QValueAxis(this);
    m_axisY = new QValueAxis(this);
    m_axisX->setLabelFormat(QStringLiteral("%.0f"));
    setNiceRange(m_axisX, 0, 1000, 5); // the empty chart: whole-number labels, not 0 0 1 1 1
    m_axisY->setRange(0, 1);
    m_axisY->setTickCount(6);
    m_axisY->setLabelFormat(QStringLiteral("%.1f"));
    chart()->addAxis(m_axisX, Qt::AlignBottom);
    chart()->addAxis(m_axisY, Qt::AlignLeft);

    m_highlight = new QScatterSeries(this);
    m_highlight->setMarkerSize(13);
    chart()->addSeries(m_highlight);
    m_highlight->attachAxis(m_axisX);
    m_highlight->attachAxis(m_axisY);
    setTransient(m_highlight);
    setAxisTitles(tr("Latency (ms)"), tr("Share of requests"));
    restyle();
}

CdfChart::~CdfChart() = default;

void CdfChart::clearCurves()
{
    for (Curve &curve : m_curves) {
        chart()->removeSeries(curve.line);
        delete curve.line;
    }
    m_curves.clear();
}

void CdfChart::setSeries(const QList<SeriesData> &series)
{
    clearCurves();
    m_highlight->clear();
    m_highlightSeries = -1;
    double minValue = std::numeric_limits<double>::max();
    double maxValue = std::numeric_limits<double>::lowest();
    for (const SeriesData &data : series) {
        Curve curve;
        curve.data = data;
        QList<qsizetype> order(data.values.size());
        std::iota(order.begin(), order.end(), 0);
        std::stable_sort(order.begin(), order.end(),
                         [&](qsizetype a, qsizetype b) { return data.values.at(a) < data.values.at(b); });
        const double n = double(order.size());
        QList<QPointF> steps;
        steps.reserve(order.size() * 2);
        for (qsizetype rank = 0; rank < order.size(); ++rank) {
            const double value = data.values.at(order.at(rank));
            // Rise at each value: from the share below it to the share at or below it.
            steps.append(QPointF(value, double(rank) / n));
            steps.append(QPointF(value, double(rank + 1) / n));
            curve.corners.append(QPointF(value, double(rank + 1) / n));
            curve.sortedIds.append(data.idAt(order.at(rank)));
            minValue = std::min(minValue, value);
            maxValue = std::max(maxValue, value);
        }
        curve.line = new QLineSeries(this);
        curve.line->setName(data.name.toHtmlEscaped()); // legends render rich text
        // replace() once: one repaint however many requests the run had.
        curve.line->replace(steps);
        chart()->addSeries(curve.line);
        curve.line->attachAxis(m_axisX);
        curve.line->attachAxis(m_axisY);
        m_curves.append(curve);
    }
    if (minValue <= maxValue) {
        const double pad = std::max((maxValue - minValue) * 0.04, 1.0);
        setNiceRange(m_axisX, std::max(0.0, minValue - pad), maxValue + pad, 6);
    } else {
        setNiceRange(m_axisX, 0, 1000, 5);
    }
    m_axisY->setRange(0, 1);
    // Series draw in insertion order; the mark must stay above the new lines.
    chart()->removeSeries(m_highlight);
    chart()->addSeries(m_highlight);
    m_highlight->attachAxis(m_axisX);
    m_highlight->attachAxis(m_axisY);
    restyle();
}

int CdfChart::stepPointCount(int seriesIndex) const
{
    if (seriesIndex < 0 || seriesIndex >= m_curves.size())
        return 0;
    return m_curves.at(seriesIndex).line->count();
}

void CdfChart::highlight(int seriesIndex, int id)
{
    m_highlight->clear();
    m_highlightSeries = -1;
    if (seriesIndex < 0 || seriesIndex >= m_curves.size())
        return;
    const Curve &curve = m_curves.at(seriesIndex);
    const qsizetype at = curve.sortedIds.indexOf(id);
    if (at < 0)
        return;
    m_highlightSeries = seriesIndex;
    m_highlight->replace(QList<QPointF>{curve.corners.at(at)});
    restyle();
}

std::optional<QPointF> CdfChart::highlightedPoint() const
{
    if (m_highlight->count() == 0)
        return std::nullopt;
    return m_highlight->at(0);
}

std::optional<std::pair<int, int>> CdfChart::pickAt(const QPoint &viewportPos, double radius) const
{
    const QPointF scenePos = mapToScene(viewportPos);
    std::optional<std::pair<int, int>> best;
    double bestDistance = radius;
    for (int s = 0; s < m_curves.size(); ++s) {
        const Curve &curve = m_curves.at(s);
        for (qsizetype i = 0; i < curve.corners.size(); ++i) {
            const QPointF point = chart()->mapToScene(chart()->mapToPosition(curve.corners.at(i), curve.line));
            const double distance = QLineF(point, scenePos).length();
            if (distance <= bestDistance) {
                bestDistance = distance;
                best = std::make_pair(s, curve.sortedIds.at(i));
            }
        }
    }
    return best;
}

void CdfChart::mousePressEvent(QMouseEvent *event)
{
    if (event->button() == Qt::LeftButton) {
        if (const auto picked = pickAt(event->position().toPoint())) {
            highlight(picked->first, picked->second);
            Q_EMIT pointClicked(picked->first, picked->second);
        }
    }
    ChartView::mousePressEvent(event);
}

void CdfChart::restyle()
{
    for (Curve &curve : m_curves) {
        curve.line->setPen(QPen(curve.data.color, 2));
        setLegendColor(curve.line, curve.data.color);
    }
    const QColor colour = m_highlightSeries >= 0 ? m_curves.at(m_highlightSeries).data.color : QColor(Qt::black);
    m_highlight->setColor(colour);
    m_highlight->setBorderColor(foregroundColor());
    m_highlight->setPen(QPen(foregroundColor(), 2));
    hideFromLegend(m_highlight);
}

void CdfChart::resizeEvent(QResizeEvent *event)
{
    ChartView::resizeEvent(event);
    // The plot is the chart less its title, legend and x axis: about 7 lines of text.
    const int line = fontMetrics().height();
    m_axisY->setTickCount(height() - 7 * line >= 5 * 2 * line ? 6 : 3);
}
