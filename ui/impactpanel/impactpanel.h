#pragma once

#include "impact/impactexperiment.h"

#include <QCoroTask>
#include <QWidget>

class BarChart;
class QCheckBox;
class QComboBox;
class QLabel;
class QPushButton;
class QSpinBox;
class QTableWidget;
class StreamingClient;

/*!
 * \brief The Impact panel: the typical optimisation-effects table (latency and cost change,
 * difficulty, priority) beside measurements on the selected endpoint, each row with its spread,
 * its settings and the CLI command that reruns it; the order the techniques pay off in on this
 * endpoint; exported as a report (HTML + PDF) or JSON.
 */
class ImpactPanel : public QWidget
{
    Q_OBJECT
public:
    explicit ImpactPanel(StreamingClient *client, QWidget *parent = nullptr);
    ~ImpactPanel() override;

    /// The checked endpoints (keys resolved): the first is measured, another can be the variant.
    void setEndpoints(const QList<EndpointProfile> &endpoints);
    /// The experiment as the form describes it; nullopt (and \a error) when it cannot run.
    std::optional<ImpactConfig> config(QString *error) const;
    void start();
    void cancel();
    bool isRunning() const;
    const QList<ImpactRow> &rows() const { return m_rows; }

    /// Settings and the command that reruns row \a row, as shown by "Settings…".
    QString rowDetails(int row) const;
    bool exportReport(const QString &basePath, QString *error) const;
    bool exportJson(const QString &path, QString *error) const;
    BarChart *chart() const { return m_chart; }
    /// The recommended order as shown under the table: each technique's change, or with
    /// \a full its metric and typical priority too (the tooltip); then how it compares.
    QString orderText(bool full = true) const;

Q_SIGNALS:
    void finished();

private:
    QCoro::Task<> doRun(ImpactConfig config);
    void showRow(const ImpactRow &row);
    void refreshChart();
    void refreshOrder();
    static QStringList tableHeaders();
    /// One cell per column; the report shows the same cells.
    static QStringList rowCells(const ImpactRow &row);
    void updateActions();
    void showRowDetails(int row);
    QString reportBody() const;

    StreamingClient *m_client;
    ImpactRunner *m_runner;
    QList<EndpointProfile> m_endpoints;
    QList<ImpactRow> m_rows;
    ImpactConfig m_lastConfig;

    QLabel *m_endpointLabel;
    QComboBox *m_variant;
    QList<QCheckBox *> m_techniques;
    QSpinBox *m_repetitions;
    QSpinBox *m_maxTokens;
    QSpinBox *m_batchRequests;
    QSpinBox *m_concurrency;
    QSpinBox *m_cacheQueries;
    QComboBox *m_preset;
    QPushButton *m_run;
    QPushButton *m_cancel;
    QPushButton *m_exportReport;
    QPushButton *m_exportJson;
    QLabel *m_status;
    QTableWidget *m_table;
    QLabel *m_order;
    BarChart *m_chart;
};
