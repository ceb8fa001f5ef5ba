#include "barchart.h"

#include <QBarCategoryAxis>
#include <QBarSeries>
#include <QBarSet>
#include <QValueAxis>

#include <algorithm>

BarChart::BarChart(QWidget *parent)
    : ChartView(parent)
{
    m_axisX = new QBarCategoryAxis(this);
    m_axisY = new QValueAxis(this);
    m_axisY->setLabelFormat(QStringLiteral("%.0f"));
    setNiceRange(m_axisY, 0, 10);
    chart()->addAxis(m_axisX, Qt::AlignBottom);
    chart()->addAxis(m_axisY, Qt::AlignLeft);
    restyle();
}

BarChart::~BarChart() = default;

void BarChart::fitLabels()
{
    // Qt Charts cuts a category label wider than (plot width) / (categories + 2) less its
    // padding (measured; its layout has a point beyond each end); longer names are broken
    // into lines rather than cut.
    const double plotWidth = chart()->plotArea().width() > 0 ? chart()->plotArea().width() : width() * 0.8;
    const QStringList labels = fittedLabels(m_categories, m_axisX->labelsFont(),
                                            plotWidth / double(m_categories.size() + 2) - 14);
    if (labels != m_axisX->categories()) {
        m_axisX->clear();
        m_axisX->append(labels);
    }
}

void BarChart::setPercentAxis(bool percent)
{
    m_percent = percent;
    setData(m_categories, m_data);
}

std::pair<double, double> BarChart::valueRange() const
{
    return { m_axisY->min(), m_axisY->max() };
}

void BarChart::setValueLabelsVisible(bool visible, int precision)
{
    m_valueLabels = visible;
    m_precision = precision;
    if (m_bars) {
        m_bars->setLabelsVisible(visible);
        m_bars->setLabelsFormat(QStringLiteral("@value"));
        m_bars->setLabelsPrecision(precision);
    }
}

void BarChart::setData(const QStringList &categories, const QList<Series> &series)
{
    if (m_bars) {
        chart()->removeSeries(m_bars);
        delete m_bars;
        m_bars = nullptr;
    }
    m_categories = categories;
    m_data = series;
    m_axisX->clear();
    fitLabels();

    double maxY = 0;
    double minY = 0;
    m_bars = new QBarSeries(this);
    for (const Series &s : series) {
        auto *set = new QBarSet(s.name.toHtmlEscaped()); // legends render rich text
        for (qsizetype i = 0; i < categories.size(); ++i) {
            const double v = i < s.values.size() ? s.values.at(i) : 0;
            set->append(v);
            maxY = std::max(maxY, v);
            minY = std::min(minY, v);
        }
        m_bars->append(set);
    }
    chart()->addSeries(m_bars);
    m_bars->attachAxis(m_axisX);
    m_bars->attachAxis(m_axisY);
    m_bars->setLabelsPosition(m_percent ? QAbstractBarSeries::LabelsInsideEnd
                                        : QAbstractBarSeries::LabelsOutsideEnd);
    setValueLabelsVisible(m_valueLabels, m_precision);
    // Negative bars (a latency cut) hang below zero; the axis spans both ways when needed.
    if (m_percent && minY >= 0 && maxY <= 100)
        setNiceRange(m_axisY, 0, 100);
    else
        setNiceRange(m_axisY, minY < 0 ? minY * 1.15 : 0, maxY > 0 ? maxY * 1.15 : (minY < 0 ? 0 : 1));
    setLegendShown(m_legend && series.size() > 1);
    restyle();
}

void BarChart::setLegendVisible(bool visible)
{
    m_legend = visible;
    setLegendShown(m_legend && m_data.size() > 1);
}

void BarChart::restyle()
{
    if (!m_bars)
        return;
    const QList<QBarSet *> sets = m_bars->barSets();
    for (int i = 0; i < sets.size() && i < m_data.size(); ++i) {
        sets.at(i)->setColor(m_data.at(i).color);
        sets.at(i)->setBorderColor(m_data.at(i).color);
        sets.at(i)->setLabelColor(foregroundColor());
    }
    ensureLegendContrast();
}
