#pragma once

#include "chartview.h"

#include <QColor>
#include <QList>
#include <QStringList>

class QBarCategoryAxis;
class QBarSeries;
class QValueAxis;

/*!
 * \brief Grouped vertical bars: one group per category, one bar per series.
 *
 * For counts by a discrete value (batch sizes) and for side-by-side figures (no batching vs
 * batching). Values can be shown on top of the bars.
 */
class BarChart : public ChartView
{
    Q_OBJECT
public:
    struct Series
    {
        QString name;
        QColor color;
        QList<double> values; ///< one per category
    };

    explicit BarChart(QWidget *parent = nullptr);
    ~BarChart() override;

    void setData(const QStringList &categories, const QList<Series> &series);
    /// Shows each bar's value above it, with \a precision significant digits.
    void setValueLabelsVisible(bool visible, int precision = 4);

    /// Hides the legend even when there are several series (another chart names them).
    void setLegendVisible(bool visible);
    /*!
     * For shares in percent: the axis ends at 100 when no bar is above it (not at a rounded-up
     * 125), and value labels go inside the bars' ends so that they need no head room.
     */
    void setPercentAxis(bool percent);
    /// The value axis' range as drawn.
    std::pair<double, double> valueRange() const;

    QStringList categories() const { return m_categories; }
    int seriesCount() const { return int(m_data.size()); }

protected:
    void restyle() override;
    void fitLabels() override;

private:
    QStringList m_categories;
    QList<Series> m_data;
    bool m_valueLabels = false;
    bool m_legend = true;
    bool m_percent = false;
    int m_precision = 4;
    QBarSeries *m_bars = nullptr;
    QBarCategoryAxis *m_axisX = nullptr;
    QValueAxis *m_axisY = nullptr;
};
