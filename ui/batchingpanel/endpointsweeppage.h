#pragma once

#include "models/batchtablemodels.h"

#include "batching/endpointsweep.h"

#include <QCoroTask>
#include <QPointer>
#include <QWidget>

class EndpointLevelsModel;
class MetricsScraper;
class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;
class QSpinBox;
class QTableView;
class SloEditor;
class StreamingClient;
class TimeSeriesChart;
class TradeoffChart;

/*!
 * \brief The Batching panel's endpoint page: sweeps concurrency levels or request rates
 * against each checked endpoint in turn, each level until its throughput is stable.
 *
 * Every endpoint's sweep becomes one series in the charts; sweeps are kept until cleared,
 * so endpoints can be compared one after another. Cancel keeps every finished level.
 */
class EndpointSweepPage : public QWidget
{
    Q_OBJECT
public:
    explicit EndpointSweepPage(StreamingClient *client, QWidget *parent = nullptr);
    ~EndpointSweepPage() override;

    void setEndpoints(const QList<EndpointProfile> &endpoints);
    /// The sweep settings from the form for \a endpoint; nullopt (and \a error) if invalid.
    std::optional<EndpointSweepConfig> settings(const EndpointProfile &endpoint, QString *error) const;
    void start();
    void cancel();
    void clear();
    bool isRunning() const { return m_running; }
    const QList<EndpointSweepRun> &runs() const { return m_runs; }

    bool exportJson(const QString &path, QString *error) const;
    bool exportCsv(const QString &path, QString *error) const;
    TradeoffChart *tradeoffChart() const { return m_tradeoff; }

Q_SIGNALS:
    void sweepFinished();
    /// "Fit simulator model": the service model fitted to the last concurrency sweep.
    void modelFitted(const ServiceModel &model);

private:
    QWidget *createForm();
    QWidget *createResults();
    QCoro::Task<> doRun(QList<EndpointProfile> endpoints);
    void onLevelFinished(const SweepLevelResult &result);
    std::optional<ServerLevelFigures> serverFigures(qint64 fromNs, qint64 toNs) const;
    void refresh();
    void updateButtons();
    void exportInteractively(bool json);
    void fitModel();

    StreamingClient *m_client;
    QList<EndpointProfile> m_endpoints;
    QList<EndpointSweepRun> m_runs;
    QPointer<EndpointSweep> m_sweep;
    QPointer<MetricsScraper> m_scraper; ///< the swept endpoint's /metrics, on its own connection
    qint64 m_levelStartNs = 0;
    bool m_running = false;
    bool m_cancelled = false;

    QLabel *m_endpointsLabel;
    QComboBox *m_axis;
    QLineEdit *m_levels;
    QCheckBox *m_poisson;
    QSpinBox *m_maxTokens;
    QSpinBox *m_windowRequests;
    QSpinBox *m_maxWindows;
    QSpinBox *m_maxSeconds;
    SloEditor *m_slo;
    QPushButton *m_run;
    QPushButton *m_cancel;
    QPushButton *m_clear;
    QPushButton *m_exportJson;
    QPushButton *m_exportCsv;
    QPushButton *m_fit;
    QProgressBar *m_progress;
    QLabel *m_status;
    QLabel *m_summary;

    EndpointLevelsModel *m_model;
    QTableView *m_table;
    TradeoffChart *m_tradeoff;
    TimeSeriesChart *m_throughputByLevel;
    TimeSeriesChart *m_serverByLevel = nullptr; ///< the server's running batch and queue per level
    TimeSeriesChart *m_latencyByLevel;
};
