#include "histogramchart.h"

#include "metrics/statistics.h"

#include <QAreaSeries>
#include <QLineSeries>
#include <QValueAxis>

#include <algorithm>
#include <cmath>

HistogramChart::HistogramChart(QWidget *parent)
    : ChartView(parent)
{
    m_axisX = new QValueAxis(this);
    m_axisY = new QValueAxis(this);
    m_axisX->setLabelFormat(QStringLiteral("%.0f"));
    m_axisY->setLabelFormat(QStringLiteral("%.0f"));
    chart()->addAxis(m_axisX, Qt::AlignBottom);
    chart()->addAxis(m_axisY, Qt::AlignLeft);
    setAxisTitles(tr("Latency (ms)"), tr("Requests"));
    restyle();
}

HistogramChart::~HistogramChart() = default;

QList<double> HistogramChart::computeEdges(const QList<double> &values)
{
    if (values.isEmpty())
        return {};
    QList<double> sorted = values;
    std::sort(sorted.begin(), sorted.end());
    const double lo = sorted.first();
    const double hi = sorted.last();
    if (hi <= lo) {
        // Every value equal: one bin around it, wide enough to be seen.
        const double half = std::max(std::abs(lo) * 0.05, 0.5);
        return {lo - half, lo + half};
    }
    const double iqr = Statistics::percentile(sorted, 75).value_or(0) - Statistics::percentile(sorted, 25).value_or(0);
    const double n = double(sorted.size());
    int bins = 0;
    if (iqr > 0) {
        const double width = 2 * iqr / std::cbrt(n);
        bins = int(std::ceil((hi - lo) / width));
    } else {
        bins = int(std::ceil(std::sqrt(n)));
    }
    bins = std::clamp(bins, MinBins, MaxBins);
    QList<double> edges;
    edges.reserve(bins + 1);
    for (int i = 0; i <= bins; ++i)
        edges.append(lo + (hi - lo) * i / bins);
    return edges;
}

QList<int> HistogramChart::counts(int index) const
{
    return index >= 0 && index < m_counts.size() ? m_counts.at(index) : QList<int>{};
}

void HistogramChart::setSeries(const QList<SeriesData> &series)
{
    for (QAreaSeries *area : std::as_const(m_areas)) {
        chart()->removeSeries(area);
        delete area; // owns its upper line series
    }
    m_areas.clear();
    m_counts.clear();
    m_data = series;

    QList<double> all;
    for (const SeriesData &data : series)
        all.append(data.values);
    m_edges = computeEdges(all);
    const qsizetype bins = m_edges.size() - 1;

    int maxCount = 0;
    for (const SeriesData &data : series) {
        QList<int> counts(std::max<qsizetype>(bins, 0), 0);
        for (double v : data.values) {
            if (bins <= 0)
                break;
            // The last bin is closed so that the maximum is counted.
            auto it = std::upper_bound(m_edges.cbegin(), m_edges.cend(), v);
            qsizetype bin = std::clamp<qsizetype>(it - m_edges.cbegin() - 1, 0, bins - 1);
            ++counts[bin];
        }
        QList<QPointF> outline;
        outline.reserve(bins * 2 + 2);
        for (qsizetype b = 0; b < bins; ++b) {
            outline.append(QPointF(m_edges.at(b), counts.at(b)));
            outline.append(QPointF(m_edges.at(b + 1), counts.at(b)));
            maxCount = std::max(maxCount, counts.at(b));
        }
        if (!outline.isEmpty()) {
            outline.prepend(QPointF(m_edges.first(), 0));
            outline.append(QPointF(m_edges.last(), 0));
        }
        auto *upper = new QLineSeries;
        upper->replace(outline);
        auto *area = new QAreaSeries(upper);
        upper->setParent(area);
        area->setName(data.name.toHtmlEscaped()); // legends render rich text
        chart()->addSeries(area);
        area->attachAxis(m_axisX);
        area->attachAxis(m_axisY);
        m_areas.append(area);
        m_counts.append(counts);
    }
    if (!m_edges.isEmpty()) {
        setNiceRange(m_axisX, m_edges.first(), m_edges.last(), 6);
    }
    setNiceRange(m_axisY, 0, std::max(1.0, maxCount * 1.05));
    restyle();
}

void HistogramChart::restyle()
{
    for (int i = 0; i < m_areas.size() && i < m_data.size(); ++i) {
        // Translucent fills so overlapping histograms stay visible through each other.
        QColor fill = m_data.at(i).color;
        fill.setAlphaF(0.35f);
        m_areas.at(i)->setBrush(fill);
        m_areas.at(i)->setPen(QPen(m_data.at(i).color, 1.5));
    }
}
