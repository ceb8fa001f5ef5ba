#pragma once

#include "batching/batchsweep.h"

#include <QWidget>

class BarChart;
class ComparisonView;
class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;
class QSpinBox;
class QTabWidget;
class QTableView;
class RuleComparisonView;
class SimulationJob;
class SimulationRowsModel;
class SloEditor;
class TimeSeriesChart;
class TradeoffChart;

/*!
 * \brief The Batching panel's simulator page: a server model, a load, a grid of batching
 * settings; runs the sweep off the GUI thread and shows the trade-off as it fills in.
 */
class SimulationPage : public QWidget
{
    Q_OBJECT
public:
    explicit SimulationPage(QWidget *parent = nullptr);
    ~SimulationPage() override;

    /// The settings as the form shows them; nullopt (and \a error) when a field is invalid.
    std::optional<std::pair<SimulationConfig, SweepGrid>> settings(QString *error) const;
    void startSweep();
    void cancel();
    bool isRunning() const;
    /// Writes the sweep as JSON or CSV (the formats of `tokenscope-cli batch-sim`).
    bool exportJson(const QString &path, QString *error) const;
    bool exportCsv(const QString &path, QString *error) const;
    /// Shows the comparison with no batching for row \a row of the sweep.
    void compareRow(int row);
    /// Runs "full batch only vs max wait" with the rule view's rate, batch size and max wait on
    /// the form's server, lengths, requests and seed.
    void compareRules();

    const SimulationRowsModel *model() const { return m_model; }
    const ComparisonView *comparisonView() const { return m_comparison; }
    const RuleComparisonView *ruleComparisonView() const { return m_rules; }
    TradeoffChart *tradeoffChart() const { return m_tradeoff; }
    /// Applies the Triton tutorial's settings (16 clients, 1-token requests, max batch 1..16).
    void useTritonExample();
    /// Adds (or replaces, by name) a model to the model list and selects it.
    void addModel(const ServiceModel &model);

Q_SIGNALS:
    void sweepFinished();
    void comparisonFinished();
    void ruleComparisonFinished();

private:
    QWidget *createForm();
    QWidget *createResults();
    void onRow(int index, const SweepRow &row);
    void onFinished();
    void refreshCharts();
    void onSelection();
    void showHistogram(int row);
    void updateForm();
    void updateButtons();
    void exportInteractively(bool json);
    /// The form's server and load (no grid); nullopt (and \a error) when a field is invalid.
    std::optional<SimulationConfig> baseSettings(QString *error) const;

    SimulationJob *m_job;
    SimulationJob *m_compareJob;
    SimulationJob *m_ruleJob;
    SimulationConfig m_base;
    SweepGrid m_grid;
    int m_pendingCompare = -1;

    QList<ServiceModel> m_customModels; ///< fitted to endpoint sweeps
    std::optional<ServiceModel> modelNamed(const QString &name) const;
    QComboBox *m_preset;
    QLabel *m_presetSource;
    QComboBox *m_mode;
    QComboBox *m_arrivals;
    QSpinBox *m_clients;
    QDoubleSpinBox *m_rate;
    QDoubleSpinBox *m_burstiness;
    QSpinBox *m_requests;
    QSpinBox *m_promptTokens;
    QSpinBox *m_outputTokens;
    QDoubleSpinBox *m_spread;
    QSpinBox *m_seed;
    QLineEdit *m_batchSizes;
    QLineEdit *m_waits;
    QLineEdit *m_budgets;
    QComboBox *m_rule;
    QLabel *m_ruleLabel;
    QLabel *m_ruleNote;
    QLabel *m_waitsLabel;
    QLabel *m_budgetsLabel;
    SloEditor *m_slo;

    QPushButton *m_run;
    QPushButton *m_cancel;
    QPushButton *m_exportJson;
    QPushButton *m_exportCsv;
    QProgressBar *m_progress;
    QLabel *m_status;
    QLabel *m_summary;
    QLabel *m_chartNote = nullptr; ///< says when several series coincide
    QString m_identicalNote;

    SimulationRowsModel *m_model;
    QTableView *m_table;
    QTabWidget *m_tabs;
    TradeoffChart *m_tradeoff;
    TimeSeriesChart *m_throughputBySize;
    TimeSeriesChart *m_latencyBySize;
    BarChart *m_histogram;
    ComparisonView *m_comparison;
    RuleComparisonView *m_rules;
};
