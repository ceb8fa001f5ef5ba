#include "histogramchart.h"

#include "metrics/statistics.h"

#include <QAreaSeries>
#include <QGraphicsSimpleTextItem>
#include <QLineSeries>
#include <QLocale>
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
    m_overflowText = new QGraphicsSimpleTextItem(chart());
    m_overflowText->setZValue(10);
    m_overflowText->setVisible(false);
    connect(chart(), &QChart::plotAreaChanged, this, &HistogramChart::placeOverflowLabel);
    restyle();
}

HistogramChart::~HistogramChart() = default;

namespace {

QList<double> edgesFor(const QList<double> &values, int maxBins)
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
    bins = std::clamp(bins, HistogramChart::MinBins, maxBins);
    QList<double> edges;
    edges.reserve(bins + 1);
    for (int i = 0; i <= bins; ++i)
        edges.append(lo + (hi - lo) * i / bins);
    return edges;
}

} // namespace

QList<double> HistogramChart::computeEdges(const QList<double> &values)
{
    return edgesFor(values, MaxBins);
}

std::optional<double> HistogramChart::computeOverflow(const QList<double> &values)
{
    if (values.size() < 20) // too few to call anything the tail
        return std::nullopt;
    QList<double> sorted = values;
    std::sort(sorted.begin(), sorted.end());
    const double lo = sorted.first();
    const double hi = sorted.last();
    const std::optional<double> cut = Statistics::percentile(sorted, OverflowPercentile);
    if (!cut || *cut <= lo || hi <= *cut)
        return std::nullopt;
    // Only a tail that would take over a third of the axis is worth folding away.
    if (hi - *cut <= (*cut - lo) * 0.5)
        return std::nullopt;
    return *cut;
}

QString HistogramChart::overflowLabel() const
{
    if (!m_overflowFrom)
        return {};
    return tr("≥ %1").arg(QLocale().toString(*m_overflowFrom, 'f', *m_overflowFrom < 10 ? 2 : 0));
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
    m_overflowFrom = computeOverflow(all);
    if (m_overflowFrom) {
        QList<double> body;
        for (double v : std::as_const(all)) {
            if (v <= *m_overflowFrom)
                body.append(v);
        }
        m_edges = edgesFor(body, MaxBins - 1); // and the overflow bin makes MaxBins
        // The overflow bin is as wide as the others, right after the body.
        if (m_edges.size() >= 2) {
            m_edges.last() = std::max(m_edges.last(), *m_overflowFrom);
            m_edges.append(m_edges.last() + (m_edges.last() - m_edges.first()) / double(m_edges.size() - 1));
        } else {
            m_overflowFrom.reset();
            m_edges = computeEdges(all);
        }
    } else {
        m_edges = computeEdges(all);
    }
    const qsizetype bins = m_edges.size() - 1;
    m_overflowHeight = 0;

    int maxCount = 0;
    for (const SeriesData &data : series) {
        QList<int> counts(std::max<qsizetype>(bins, 0), 0);
        for (double v : data.values) {
            if (bins <= 0)
                break;
            // The last bin is closed so that the maximum is counted.
            qsizetype bin = bins - 1;
            if (!m_overflowFrom || v <= *m_overflowFrom) {
                auto it = std::upper_bound(m_edges.cbegin(), m_edges.cend(), v);
                bin = std::clamp<qsizetype>(it - m_edges.cbegin() - 1, 0,
                                            m_overflowFrom ? bins - 2 : bins - 1);
            }
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
        if (m_overflowFrom && bins > 0)
            m_overflowHeight = std::max(m_overflowHeight, counts.at(bins - 1));
    }
    if (!m_edges.isEmpty()) {
        setNiceRange(m_axisX, m_edges.first(), m_edges.last(), 6);
    }
    // Head room for the overflow bin's label.
    m_yTop = std::max(1.0, maxCount * (m_overflowFrom ? 1.15 : 1.05));
    setNiceRange(m_axisY, 0, m_yTop, yTicks());
    m_overflowText->setText(overflowLabel());
    m_overflowText->setToolTip(
        m_overflowFrom ? tr("Values of %1 and above, the slowest %2%, are counted in this last bin")
                             .arg(QLocale().toString(*m_overflowFrom, 'f', 1))
                             .arg(QLocale().toString(100 - OverflowPercentile))
                       : QString());
    restyle();
    placeOverflowLabel();
}

void HistogramChart::placeOverflowLabel()
{
    const bool show = m_overflowFrom && m_edges.size() >= 2 && !m_areas.isEmpty();
    m_overflowText->setVisible(show);
    if (!show)
        return;
    const double mid = (m_edges.at(m_edges.size() - 2) + m_edges.last()) / 2;
    const QPointF at = chart()->mapToPosition(QPointF(mid, m_overflowHeight), m_areas.constFirst());
    const QRectF box = m_overflowText->boundingRect();
    m_overflowText->setPos(at - QPointF(box.width() / 2, box.height() + 2));
}

int HistogramChart::yTicks() const
{
    // About one tick per two lines of text over the plot (the chart less its title, legend
    // and x axis, some 7 lines): Qt Charts writes "..." for labels closer than that.
    const int line = fontMetrics().height();
    return std::clamp((height() - 7 * line) / (2 * line), 2, 5);
}

void HistogramChart::resizeEvent(QResizeEvent *event)
{
    ChartView::resizeEvent(event);
    setNiceRange(m_axisY, 0, m_yTop, yTicks());
    placeOverflowLabel();
}

void HistogramChart::restyle()
{
    if (m_overflowText)
        m_overflowText->setBrush(foregroundColor());
    for (int i = 0; i < m_areas.size() && i < m_data.size(); ++i) {
        // Translucent fills so overlapping histograms stay visible through each other.
        QColor fill = m_data.at(i).color;
        fill.setAlphaF(0.35f);
        m_areas.at(i)->setBrush(fill);
        m_areas.at(i)->setPen(QPen(m_data.at(i).color, 1.5));
        setLegendColor(m_areas.at(i), m_data.at(i).color);
    }
}
