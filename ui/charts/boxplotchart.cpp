#include "boxplotchart.h"

#include "metrics/statistics.h"

#include <QBarCategoryAxis>
#include <QBoxPlotSeries>
#include <QBoxSet>
#include <QCursor>
#include <QFontMetrics>
#include <QLegend>
#include <QLocale>
#include <QScatterSeries>
#include <QToolTip>
#include <QValueAxis>

#include <algorithm>
#include <limits>

BoxPlotChart::BoxPlotChart(QWidget *parent)
    : ChartView(parent)
{
    m_series = new QBoxPlotSeries(this);
    m_series->setBoxWidth(0.45);
    chart()->addSeries(m_series);
    m_axisX = new QBarCategoryAxis(this);
    m_axisY = new QValueAxis(this);
    m_axisY->setLabelFormat(QStringLiteral("%.0f"));
    chart()->addAxis(m_axisX, Qt::AlignBottom);
    chart()->addAxis(m_axisY, Qt::AlignLeft);
    m_series->attachAxis(m_axisX);
    m_series->attachAxis(m_axisY);
    // The category axis already names every box; a legend would repeat one entry.
    setLegendShown(false);
    setAxisTitles(QString(), tr("Latency (ms)"));
    // The category labels may be shortened: hovering a box names it in full, with its figures.
    connect(m_series, &QBoxPlotSeries::hovered, this, [this](bool on, QBoxSet *set) {
        const int i = int(m_series->boxSets().indexOf(set));
        if (!on || i < 0 || i >= m_boxes.size()) {
            QToolTip::hideText();
            return;
        }
        const Box &b = m_boxes.at(i);
        const QLocale locale;
        QToolTip::showText(QCursor::pos(),
                           tr("%1\nmedian %2 ms, p25–p75 %3–%4 ms")
                               .arg(m_data.at(i).name, locale.toString(b.median, 'f', 1),
                                    locale.toString(b.p25, 'f', 1), locale.toString(b.p75, 'f', 1)),
                           this);
    });
    restyle();
}

BoxPlotChart::~BoxPlotChart() = default;

BoxPlotChart::Box BoxPlotChart::computeBox(QList<double> values)
{
    Box box;
    if (values.isEmpty())
        return box;
    std::sort(values.begin(), values.end());
    box.p25 = Statistics::percentile(values, 25).value_or(0);
    box.median = Statistics::percentile(values, 50).value_or(0);
    box.p75 = Statistics::percentile(values, 75).value_or(0);
    const double iqr = box.p75 - box.p25;
    const double low = box.p25 - 1.5 * iqr;
    const double high = box.p75 + 1.5 * iqr;
    box.lowerWhisker = box.p25;
    box.upperWhisker = box.p75;
    for (double v : std::as_const(values)) {
        if (v < low || v > high) {
            box.outliers.append(v);
            continue;
        }
        box.lowerWhisker = std::min(box.lowerWhisker, v);
        box.upperWhisker = std::max(box.upperWhisker, v);
    }
    return box;
}

BoxPlotChart::Box BoxPlotChart::box(int index) const
{
    return index >= 0 && index < m_boxes.size() ? m_boxes.at(index) : Box{};
}

void BoxPlotChart::setSeries(const QList<SeriesData> &series)
{
    m_series->clear();
    for (QScatterSeries *outliers : std::as_const(m_outliers)) {
        chart()->removeSeries(outliers);
        delete outliers;
    }
    m_outliers.clear();
    m_data = series;
    m_boxes.clear();

    double minValue = std::numeric_limits<double>::max();
    double maxValue = std::numeric_limits<double>::lowest();
    for (int i = 0; i < series.size(); ++i) {
        const SeriesData &data = series.at(i);
        const Box box = computeBox(data.values);
        m_boxes.append(box);
        auto *set = new QBoxSet(box.lowerWhisker, box.p25, box.median, box.p75, box.upperWhisker, data.name);
        m_series->append(set);
        // A category axis also places xy series: x = i is the centre of box i.
        auto *outliers = new QScatterSeries(this);
        outliers->setName(data.name.toHtmlEscaped()); // legends render rich text
        QList<QPointF> points;
        for (double v : box.outliers)
            points.append(QPointF(i, v));
        outliers->replace(points);
        chart()->addSeries(outliers);
        outliers->attachAxis(m_axisX);
        outliers->attachAxis(m_axisY);
        m_outliers.append(outliers);
        if (!data.values.isEmpty()) {
            minValue = std::min(minValue, *std::min_element(data.values.cbegin(), data.values.cend()));
            maxValue = std::max(maxValue, *std::max_element(data.values.cbegin(), data.values.cend()));
        }
    }
    m_axisX->clear();
    fitLabels();
    if (minValue <= maxValue) {
        // From just below the fastest value, not from 0: boxes a few ms tall at 1.2 s would
        // otherwise be flat lines. Below 0 it never goes, latencies cannot.
        const double span = maxValue - minValue;
        const double pad = span > 0 ? span * 0.06 : std::max(std::abs(maxValue) * 0.05, 0.5);
        setNiceRange(m_axisY, minValue >= 0 ? std::max(0.0, minValue - pad) : minValue - pad, maxValue + pad);
    }
    restyle();
}

QString BoxPlotChart::categoryLabel(int index) const
{
    const QStringList categories = m_axisX->categories();
    return index >= 0 && index < categories.size() ? categories.at(index) : QString();
}

std::pair<double, double> BoxPlotChart::valueRange() const
{
    return { m_axisY->min(), m_axisY->max() };
}

void BoxPlotChart::fitLabels()
{
    if (m_data.isEmpty())
        return;
    // Qt Charts cuts a label wider than (plot width) / (boxes + 2) less its padding (measured).
    const double plotWidth = chart()->plotArea().width() > 0 ? chart()->plotArea().width() : width() * 0.8;
    QStringList names;
    for (const SeriesData &s : std::as_const(m_data))
        names.append(s.name);
    const QStringList categories
        = fittedLabels(names, m_axisX->labelsFont(), plotWidth / double(m_data.size() + 2) - 14);
    if (categories != m_axisX->categories()) {
        m_axisX->clear();
        m_axisX->append(categories);
    }
}

void BoxPlotChart::resizeEvent(QResizeEvent *event)
{
    ChartView::resizeEvent(event);
    fitLabels();
}

void BoxPlotChart::restyle()
{
    const QList<QBoxSet *> sets = m_series->boxSets();
    for (int i = 0; i < sets.size() && i < m_data.size(); ++i) {
        QColor fill = m_data.at(i).color;
        fill.setAlphaF(0.45f);
        sets.at(i)->setBrush(fill);
        sets.at(i)->setPen(QPen(m_data.at(i).color.darker(130), 1.5));
    }
    for (int i = 0; i < m_outliers.size() && i < m_data.size(); ++i) {
        m_outliers.at(i)->setMarkerSize(6);
        m_outliers.at(i)->setColor(m_data.at(i).color);
        m_outliers.at(i)->setBorderColor(m_data.at(i).color.darker(130));
    }
}
