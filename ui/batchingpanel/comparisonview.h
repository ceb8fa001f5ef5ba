#pragma once

#include "batching/batchcomparison.h"

#include <QWidget>

class BarChart;
class QLabel;
class QTableWidget;

/*!
 * \brief "No batching vs dynamic batching" side by side: the same arrivals through both
 * servers, the measured throughput gain and latency cost, and whether the typical +3× holds.
 */
class ComparisonView : public QWidget
{
    Q_OBJECT
public:
    explicit ComparisonView(QWidget *parent = nullptr);

    void setComparison(const BatchComparison &comparison);
    void setBusy(const QString &message);
    void clear();
    bool hasComparison() const { return m_has; }
    const BatchComparison &comparison() const { return m_comparison; }
    QString verdictText() const;

private:
    BatchComparison m_comparison;
    bool m_has = false;
    QLabel *m_verdict;
    QLabel *m_settings;
    QLabel *m_claimSource;
    QTableWidget *m_table;
    BarChart *m_throughputChart;
    BarChart *m_latencyChart;
};
