#pragma once

#include "charts/barchart.h"
#include "models/endpointrun.h"

#include <QWidget>

class QLabel;
class QTableWidget;

/*!
 * \brief The Runs panel's Workload tab: what a production-like workload showed per endpoint.
 *
 * A row per endpoint with the requests that stopped before their max_tokens and the TTFT of
 * requests the server's prompt cache served against the rest (WorkloadBreakdown, as in the
 * CLI and the JSON), and a chart of the TTFT p50 of each conversation turn: does it grow with
 * the history a turn carries?
 */
class RunWorkloadPage : public QWidget
{
    Q_OBJECT
public:
    explicit RunWorkloadPage(QWidget *parent = nullptr);

    void setRuns(const QList<EndpointRun> &runs);

    QTableWidget *table() const { return m_table; }
    BarChart *turnChart() const { return m_turnChart; }

    /// The turn chart's data: categories "Turn 1", "Turn 2", … and a series per endpoint with
    /// its TTFT p50 (ms) at each turn (0 where it had none). Empty when no run had turns.
    static QList<BarChart::Series> turnSeries(const QList<EndpointRun> &runs, QStringList *categories);
    /// Sets up a chart for turnSeries() (title, axes, empty text): for the panel and the report.
    static void setUpTurnChart(BarChart *chart);

private:
    QLabel *m_note;
    QTableWidget *m_table;
    BarChart *m_turnChart;
};
