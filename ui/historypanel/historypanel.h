#pragma once

#include "storage/historystore.h"

#include "models/endpointrun.h"

#include <QHash>
#include <QByteArray>
#include <QWidget>

#include <optional>

class BoxPlotChart;
class CdfChart;
class HistoryRunModel;
class QCheckBox;
class QDateEdit;
class QLabel;
class QLineEdit;
class QPushButton;
class QTableView;
class QTableWidget;
class QTabWidget;

/*!
 * \brief The History panel: every stored run, filtered by endpoint, date and tag; reopen one,
 * compare several side by side (overlaid TTFT/E2E distributions and a figures table),
 * delete, tag, import and export.
 *
 * Reopening does not draw the run here: runOpened() hands it over, in the shape the Runs
 * panel already shows (see toEndpointRun()).
 *
 * Tests reach its widgets by object name: "charts" (the tabs) and "figures" (the compared
 * runs' table).
 */
class HistoryPanel : public QWidget
{
    Q_OBJECT
public:
    /// \a store must outlive the panel; it may be closed (a damaged file): the panel says so.
    explicit HistoryPanel(HistoryStore *store, QWidget *parent = nullptr);
    ~HistoryPanel() override;

    /// A stored run as one endpoint's results of the Runs panel (colour \a color).
    static EndpointRun toEndpointRun(const StoredRun &run, const QString &color = {});

    HistoryRunModel *model() const { return m_model; }
    /// Every configured endpoint (not only the checked ones): compared runs take their
    /// endpoint's colour, as the other panels draw it.
    void setEndpoints(const QList<EndpointProfile> &endpoints);
    HistoryFilter filter() const;
    /// The ids of the selected runs, in list order.
    QList<qint64> selectedRuns() const;
    void selectRuns(const QList<qint64> &ids);
    /// The runs last drawn by compare(), in the order given.
    const QList<EndpointRun> &compared() const { return m_compared; }
    CdfChart *ttftChart() const { return m_ttftCdf; }
    CdfChart *e2eChart() const { return m_e2eCdf; }
    BoxPlotChart *ttftBoxChart() const { return m_ttftBox; }
    /// The last error or confirmation shown under the list.
    QString statusText() const;

public Q_SLOTS:
    /// Reloads the list with the current filter.
    void refresh();
    void setFilter(const HistoryFilter &filter);
    /// Loads and emits runOpened() for run \a id.
    bool openRun(qint64 id);
    /// Draws \a ids side by side; false when fewer than one could be loaded.
    bool compare(const QList<qint64> &ids);
    bool deleteRuns(const QList<qint64> &ids);
    bool tagRuns(const QList<qint64> &ids, const QString &tag);
    /// Imports \a path ("tokenscope": a run --json export; "vllm": bench serve results).
    bool importFile(const QString &path, const QString &format);
    /// Merges the shards of one run (files of run --shard K/N --json) and stores the merged
    /// run; false with the reason in the status line when they are not one run's shards.
    bool importShards(const QStringList &paths);
    bool exportRun(qint64 id, const QString &path);
    /// The runs last compared, as a report: \a basePath + ".html" (charts inline as SVG) and ".pdf".
    bool exportComparisonReport(const QString &basePath, QString *error) const;

Q_SIGNALS:
    /// A run reopened, for the Runs panel to show as if it had just finished.
    /// \a serverMetrics: what the server's /metrics said during the run, when it was stored.
    void runOpened(const HistoryRun &run, const QList<RequestRecord> &records, const RunSummary &summary,
                   const std::optional<ServerMetricsRecord> &serverMetrics);

private:
    /// The file's bytes, or nothing after saying in the status line why not (unreadable, too large).
    std::optional<QByteArray> readImportFile(const QString &path);
    void showStatus(const QString &text, bool error);
    QString comparisonColor(const HistoryRun &run) const;
    void updateActions();
    void openSelected();
    void compareSelected();
    void deleteSelectedInteractively();
    void tagSelectedInteractively();
    void importInteractively();
    void exportSelectedInteractively();

    HistoryStore *m_store;
    HistoryRunModel *m_model;
    QLineEdit *m_endpointFilter;
    QLineEdit *m_tagFilter;
    QCheckBox *m_fromEnabled;
    QCheckBox *m_toEnabled;
    QDateEdit *m_from;
    QDateEdit *m_to;
    QTableView *m_view;
    QLabel *m_status;
    QPushButton *m_open;
    QPushButton *m_compare;
    QPushButton *m_delete;
    QPushButton *m_tag;
    QPushButton *m_import;
    QPushButton *m_export;
    QPushButton *m_report;
    QTabWidget *m_charts;
    CdfChart *m_ttftCdf;
    CdfChart *m_e2eCdf;
    BoxPlotChart *m_ttftBox;
    QTableWidget *m_figures;
    QList<EndpointRun> m_compared;
    QHash<QString, QString> m_endpointColors; ///< profile id → "#rrggbb"
};
