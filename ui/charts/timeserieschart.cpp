#include "timeserieschart.h"

#include <QLineSeries>
#include <QValueAxis>

#include <algorithm>
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
    m_data = series;

    double minX = std::numeric_limits<double>::max();
    double maxX = std::numeric_limits<double>::lowest();
    double maxY = 0;
    for (const SeriesData &data : series) {
        QList<QPointF> points;
        points.reserve(data.values.size());
        for (qsizetype i = 0; i < data.values.size(); ++i) {
            const double x = i < data.xs.size() ? data.xs.at(i) : double(i);
            points.append(QPointF(x, data.values.at(i)));
            minX = std::min(minX, x);
            maxX = std::max(maxX, x);
            maxY = std::max(maxY, data.values.at(i));
        }
        auto *line = new QLineSeries(this);
        line->setName(data.name.toHtmlEscaped()); // legends render rich text
        line->replace(points);
        chart()->addSeries(line);
        line->attachAxis(m_axisX);
        line->attachAxis(m_axisY);
        m_lines.append(line);
    }
    if (minX <= maxX)
        setNiceRange(m_axisX, minX, minX < maxX ? maxX : minX + 1, 6);
    setNiceRange(m_axisY, 0, std::max(1.0, maxY * 1.05));
    restyle();
}

void TimeSeriesChart::restyle()
{
    for (int i = 0; i < m_lines.size() && i < m_data.size(); ++i)
        m_lines.at(i)->setPen(QPen(m_data.at(i).color, 2));
}
