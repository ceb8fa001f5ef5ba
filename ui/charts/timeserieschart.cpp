#include "timeserieschart.h"

#include <QLineSeries>
#include <QLogValueAxis>
#include <QValueAxis>

#include <algorithm>
#include <cmath>
#include <limits>

TimeSeriesChart::TimeSeriesChart(QWidget *parent)
    : ChartView(parent)
{
    m_axisX = new QValueAxis(this);
    m_axisY = new QValueAxis(this);
    m_axisX->setLabelFormat(QStringLiteral("%.0f"));
    m_axisY->setLabelFormat(QStringLiteral("%.0f"));
    chart()->addAxis(m_axisX, Qt::AlignBottom);
    chart()->addAxis(m_axisY, Qt::AlignLeft);
    setAxisTitles(tr("Time (s)"), tr("Tokens per second"));
    restyle();
}

TimeSeriesChart::~TimeSeriesChart() = default;

void TimeSeriesChart::setLogX(bool log2)
{
    if (log2 == isLogX())
        return;
    for (QLineSeries *line : std::as_const(m_lines))
        line->detachAxis(xAxis());
    if (log2) {
        chart()->removeAxis(m_axisX);
        m_axisX->setParent(this);
        m_logX = new QLogValueAxis(this);
        m_logX->setBase(2);
        m_logX->setLabelFormat(QStringLiteral("%.0f"));
        m_logX->setMinorTickCount(0);
        chart()->addAxis(m_logX, Qt::AlignBottom);
    } else {
        chart()->removeAxis(m_logX);
        delete m_logX;
        m_logX = nullptr;
        chart()->addAxis(m_axisX, Qt::AlignBottom);
    }
    applyAxisTitles();
    setSeries(m_data);
}

QAbstractAxis *TimeSeriesChart::xAxis() const
{
    return m_logX ? static_cast<QAbstractAxis *>(m_logX) : m_axisX;
}

std::pair<double, double> TimeSeriesChart::xRange() const
{
    return m_logX ? std::pair { m_logX->min(), m_logX->max() } : std::pair { m_axisX->min(), m_axisX->max() };
}

void TimeSeriesChart::setMinimumXRange(double min, double max)
{
    m_minimumX = std::pair { min, max };
    setSeries(m_data);
}

void TimeSeriesChart::setSecondarySeries(const QList<SeriesData> &series, const QString &axisTitle, double min,
                                         double max)
{
    m_data2 = series;
    m_y2Title = axisTitle;
    m_y2Range = { min, max };
    setSeries(m_data);
}

void TimeSeriesChart::setFixedYRange(double min, double max)
{
    m_fixedY = std::pair { min, max };
    setSeries(m_data);
}

std::pair<double, double> TimeSeriesChart::yRange() const
{
    return { m_axisY->min(), m_axisY->max() };
}

void TimeSeriesChart::setMarkers(const QList<Marker> &markers)
{
    m_markers = markers;
    setSeries(m_data);
}

int TimeSeriesChart::pointCount(int index) const
{
    return index >= 0 && index < m_lines.size() ? m_lines.at(index)->count() : 0;
}

void TimeSeriesChart::setSeries(const QList<SeriesData> &series)
{
    for (QLineSeries *line : std::as_const(m_lines)) {
        chart()->removeSeries(line);
        delete line;
    }
    m_lines.clear();
    for (QLineSeries *line : std::as_const(m_markerLines)) {
        chart()->removeSeries(line);
        delete line;
    }
    m_markerLines.clear();
    for (QLineSeries *line : std::as_const(m_lines2)) {
        chart()->removeSeries(line);
        delete line;
    }
    m_lines2.clear();
    m_data = series;
    m_yTicks = yTicks();

    double minX = std::numeric_limits<double>::max();
    double maxX = std::numeric_limits<double>::lowest();
    double maxY = 0;
    for (const SeriesData &data : series) {
        QList<QPointF> points;
        points.reserve(data.values.size());
        for (qsizetype i = 0; i < data.values.size(); ++i) {
            const double x = i < data.xs.size() ? data.xs.at(i) : double(i + (m_logX ? 1 : 0));
            if (m_logX && x <= 0)
                continue; // no place on a log scale
            points.append(QPointF(x, data.values.at(i)));
            minX = std::min(minX, x);
            maxX = std::max(maxX, x);
            maxY = std::max(maxY, data.values.at(i));
        }
        auto *line = new QLineSeries(this);
        line->setName(data.name.toHtmlEscaped()); // legends render rich text
        line->replace(points);
        chart()->addSeries(line);
        line->attachAxis(xAxis());
        line->attachAxis(m_axisY);
        m_lines.append(line);
    }
    // The right axis' lines (linear x only): they widen the time axis like the others.
    if (!m_logX && !m_data2.isEmpty()) {
        if (!m_axisY2) {
            m_axisY2 = new QValueAxis(this);
            chart()->addAxis(m_axisY2, Qt::AlignRight);
        }
        setAxisTitle(m_axisY2, m_y2Title);
        setNiceRange(m_axisY2, m_y2Range.first, m_y2Range.second, yTicks());
        m_axisY2->setRange(m_y2Range.first, m_y2Range.second);
        for (const SeriesData &data : std::as_const(m_data2)) {
            QList<QPointF> points;
            points.reserve(data.values.size());
            for (qsizetype i = 0; i < data.values.size() && i < data.xs.size(); ++i) {
                points.append(QPointF(data.xs.at(i), data.values.at(i)));
                minX = std::min(minX, data.xs.at(i));
                maxX = std::max(maxX, data.xs.at(i));
            }
            auto *line = new QLineSeries(this);
            line->setName(data.name.toHtmlEscaped());
            line->replace(points);
            chart()->addSeries(line);
            line->attachAxis(xAxis());
            line->attachAxis(m_axisY2);
            m_lines2.append(line);
        }
    } else if (m_axisY2) {
        chart()->removeAxis(m_axisY2);
        delete m_axisY2;
        m_axisY2 = nullptr;
    }
    if (m_minimumX && !m_logX && !series.isEmpty()) {
        minX = std::min(minX, m_minimumX->first);
        maxX = std::max(maxX, m_minimumX->second);
    }
    if (m_logX && minX <= maxX) {
        // Whole powers of two at both ends, so that every tick is one.
        const double lo = std::exp2(std::floor(std::log2(minX) + 1e-9));
        double hi = std::exp2(std::ceil(std::log2(maxX) - 1e-9));
        if (hi <= lo)
            hi = lo * 2;
        m_logX->setRange(lo, hi);
    } else if (minX <= maxX) {
        setNiceRange(m_axisX, minX, minX < maxX ? maxX : minX + 1, 6);
    }
    if (m_fixedY) {
        setNiceRange(m_axisY, m_fixedY->first, m_fixedY->second, yTicks());
        m_axisY->setRange(m_fixedY->first, m_fixedY->second); // exactly, not widened to a tick
    } else {
        setNiceRange(m_axisY, 0, std::max(1.0, maxY * 1.05), yTicks());
    }
    if (!m_data.isEmpty() && !m_markers.isEmpty()) {
        // Attaching a series may widen the axes to its points: put the ranges back after.
        const std::pair<double, double> x = xRange();
        const std::pair<double, double> y = yRange();
        for (const Marker &marker : std::as_const(m_markers)) {
            if (m_logX && marker.x <= 0)
                continue;
            auto *line = new QLineSeries(this);
            line->setName(marker.name.toHtmlEscaped());
            line->replace({ QPointF(marker.x, m_axisY->min()), QPointF(marker.x, m_axisY->max()) });
            chart()->addSeries(line);
            line->attachAxis(xAxis());
            line->attachAxis(m_axisY);
            m_markerLines.append(line);
        }
        xAxis()->setRange(x.first, x.second);
        m_axisY->setRange(y.first, y.second);
    }
    restyle();
}

int TimeSeriesChart::yTicks() const
{
    // About one tick per two lines of text over the plot (roughly the chart's height less
    // its title, legend and x axis); never more than five.
    const int line = fontMetrics().height();
    return std::clamp((height() - 6 * line) / (2 * line), 2, 5);
}

void TimeSeriesChart::resizeEvent(QResizeEvent *event)
{
    ChartView::resizeEvent(event);
    if (yTicks() != m_yTicks)
        setSeries(m_data);
}

void TimeSeriesChart::restyle()
{
    for (int i = 0; i < m_lines.size() && i < m_data.size(); ++i) {
        m_lines.at(i)->setPen(QPen(m_data.at(i).color, 2));
        setLegendColor(m_lines.at(i), m_data.at(i).color);
    }
    for (int i = 0; i < m_lines2.size() && i < m_data2.size(); ++i) {
        m_lines2.at(i)->setPen(QPen(m_data2.at(i).color, 2, Qt::DashLine));
        setLegendColor(m_lines2.at(i), m_data2.at(i).color);
    }
    for (int i = 0; i < m_markerLines.size() && i < m_markers.size(); ++i) {
        const QColor c = m_markers.at(i).color.isValid() ? m_markers.at(i).color : foregroundColor();
        m_markerLines.at(i)->setPen(QPen(c, 1.5, m_markers.at(i).style));
        setLegendColor(m_markerLines.at(i), c);
    }
}
