#pragma once

#include "models/requesttablemodel.h"
#include "runcontroller.h"

#include <QHash>
#include <QJsonDocument>
#include <QWidget>

#include <optional>

class BoxPlotChart;
class BreakdownPanel;
class CdfChart;
class EndpointResultsModel;
class HistogramChart;
class QAction;
class QLabel;
class QProgressBar;
class QPushButton;
class QSortFilterProxyModel;
class QTableWidget;
class QSplitter;
class QTabWidget;
class QTableView;
class QTimer;
class QToolBar;
class RunConfigWidget;
class RunWorkloadPage;
class HistoryRecorder;
class HistoryStore;
class StreamingClient;
class TimeSeriesChart;

/*!
 * \brief The Runs panel: configure a load run, run it against the checked endpoints at
 * once, and compare them in tables and overlaid charts while it goes.
 *
 * One selection is shared by the request table, the TTFT chart and the breakdown: picking
 * a request in any of them shows it in the others.
 */
class RunsPanel : public QWidget
{
    Q_OBJECT
public:
    explicit RunsPanel(StreamingClient *client, QWidget *parent = nullptr);
    ~RunsPanel() override;

    /// The endpoints the next run goes to (the sidebar's checked ones).
    void setEndpoints(const QList<EndpointProfile> &endpoints);
    QList<EndpointProfile> endpoints() const { return m_endpoints; }

    /// Starts a run with the current settings (Ctrl+R); false if it could not start.
    bool run();
    /// Stops the run (Esc); finished requests are kept.
    void cancel();
    /// Every run from now on is written to \a history as it goes (nullptr: none). Not owned.
    void setHistory(HistoryStore *history);
    /// Shows runs reopened from the history in the same tables and charts as a live one.
    void showStoredRuns(const QList<EndpointRun> &runs);
    bool isRunning() const;

    /// The results as RunExport CSV: one row per request of every endpoint.
    QByteArray csv() const;
    /// The results as RunExport JSON: one run, or {"runs": [...]} for several endpoints.
    QJsonDocument json() const;
    bool exportCsv(const QString &path, QString *error = nullptr) const;
    bool exportJson(const QString &path, QString *error = nullptr) const;
    /*!
     * Writes the run report as \a basePath.html and \a basePath.pdf (a ".html" or ".pdf"
     * suffix on \a basePath is dropped). On failure returns false and sets \a error.
     */
    bool exportReport(const QString &basePath, QString *error = nullptr);

    /// Selects \a key in the request table (and so in the charts and the breakdown).
    void selectRequest(const RequestKey &key);
    RequestKey selectedRequest() const { return m_selected; }

    RunController *controller() const { return m_controller; }
    RunConfigWidget *configWidget() const { return m_config; }
    EndpointResultsModel *endpointResultsModel() const { return m_endpointModel; }
    RequestTableModel *requestTableModel() const { return m_requestModel; }
    BreakdownPanel *breakdownPanel() const { return m_breakdown; }
    CdfChart *ttftChart() const { return m_ttftChart; }

Q_SIGNALS:
    void runStarted();
    void runFinished();
    /// A run's requests are all in the history (one signal per endpoint).
    void runStored(qint64 runId);
    void requestSelected(const RequestRecord &record);

private:
    QWidget *createChartsPage();
    QWidget *createServerPage();
    void refreshServer(const QList<EndpointRun> &runs);
    /// The client's own lag, dispatch delay and CPU, and a warning when they reach the figures.
    void refreshClientOverhead(const QList<EndpointRun> &runs);
    void onRequestFinished(const QString &endpointId, const RequestRecord &record);
    void flushPending();
    void refreshResults();
    void onProgress(int done, int failed, int total, double elapsedS, double remainingS);
    void onFinished();
    void onCurrentRowChanged(const QModelIndex &current);
    void onPointClicked(int seriesIndex, int id);
    void applyHighlight();
    void updateActions();
    void clearSelectionLabel();
    /// Gives the summary table the height of all its rows (it sits in a splitter).
    void fitSummaryTable();
    /// Sizes the summary's columns to their figures and two-line headers.
    void fitSummaryColumns(bool growOnly = false);
    QList<EndpointRun> currentRuns() const;
    void startRecording();
    void exportInteractively(bool json);
    void exportReportInteractively();

    StreamingClient *m_client;
    RunController *m_controller;
    RunConfigWidget *m_config;
    QLabel *m_endpointsLabel;
    QPushButton *m_runButton;
    QPushButton *m_cancelButton;
    QPushButton *m_exportCsvButton;
    QPushButton *m_exportJsonButton;
    QPushButton *m_exportReportButton;
    QProgressBar *m_progressBar;
    QLabel *m_progressLabel;
    QLabel *m_clientLabel = nullptr; ///< the client's overhead during the shown run
    QString m_clientTip; ///< what the client's figures mean
    EndpointResultsModel *m_endpointModel;
    QSortFilterProxyModel *m_endpointProxy;
    QTableView *m_endpointView;
    RequestTableModel *m_requestModel;
    QSortFilterProxyModel *m_requestProxy;
    QTableView *m_requestView;
    QTabWidget *m_tabs;
    QSplitter *m_resultSplitter = nullptr;
    QToolBar *m_chartToolBar = nullptr;
    QLabel *m_selectionLabel = nullptr;
    CdfChart *m_ttftChart = nullptr;
    BoxPlotChart *m_e2eChart = nullptr;
    HistogramChart *m_itlChart = nullptr;
    TimeSeriesChart *m_throughputChart = nullptr;
    TimeSeriesChart *m_serverThroughputChart = nullptr; ///< the run's throughput, over the server's chart
    TimeSeriesChart *m_serverLoadChart = nullptr; ///< running and waiting (left), KV cache % (right)
    QLabel *m_serverNote = nullptr; ///< how to read the server table, or why a server said nothing
    QTableWidget *m_serverTable = nullptr; ///< a column per server: batch, queue, KV, TTFT server vs client
    RunWorkloadPage *m_workloadPage = nullptr; ///< ended early, prompt cache, TTFT by turn
    BreakdownPanel *m_breakdown;
    QAction *m_runAction;
    QAction *m_cancelAction;
    QTimer *m_flushTimer;

    QList<EndpointProfile> m_endpoints;
    QHash<QString, EndpointProfile> m_runEndpoints; ///< the endpoints of the shown run, by id
    QStringList m_seriesIds; ///< endpoint id of each chart series
    std::optional<QList<EndpointRun>> m_stored; ///< runs reopened from the history, shown instead of the live one
    HistoryStore *m_history = nullptr;
    QHash<QString, HistoryRecorder *> m_recorders; ///< the live run's recorders, by endpoint id
    QList<std::pair<QString, RequestRecord>> m_pending; ///< finished, not yet in the table
    RequestKey m_selected;
};
