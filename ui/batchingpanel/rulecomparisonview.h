#pragma once

#include "batching/batchcomparison.h"

#include <QWidget>

class BarChart;
class QDoubleSpinBox;
class QLabel;
class QPushButton;
class QSpinBox;
class QTableWidget;

/*!
 * \brief "Full batch only vs max wait" side by side: the typical batcher's rule (a batch leaves
 * only when it is full) against the same batcher with a timer, over one Poisson arrival trace,
 * with the tail latency that the missing timer costs stated in words.
 *
 * The view holds the controls that differ from the sweep (rate, batch size, max wait) and asks
 * for a run with compareRequested(); the page fills in the server, lengths, requests and seed.
 */
class RuleComparisonView : public QWidget
{
    Q_OBJECT
public:
    explicit RuleComparisonView(QWidget *parent = nullptr);

    double ratePerSecond() const;
    int maxBatchSize() const;
    double maxWaitMs() const;

    void setComparison(const BatchRuleComparison &comparison);
    /// Shows \a message where the verdict goes (progress, or why the run could not start).
    void setBusy(const QString &message);
    void setRunning(bool running);
    void clear();
    bool hasComparison() const { return m_has; }
    const BatchRuleComparison &comparison() const { return m_comparison; }
    QString verdictText() const;

Q_SIGNALS:
    void compareRequested();

private:
    BatchRuleComparison m_comparison;
    bool m_has = false;
    QDoubleSpinBox *m_rate;
    QSpinBox *m_batchSize;
    QDoubleSpinBox *m_maxWait;
    QPushButton *m_compare;
    QLabel *m_verdict;
    QLabel *m_settings;
    QTableWidget *m_table;
    BarChart *m_ttftChart;
    BarChart *m_e2eChart;
};
