#pragma once

#include "cache/cachesimulator.h"
#include "cache/querytrace.h"
#include "cache/semanticcache.h"

#include "protocol/endpointprofile.h"

#include <QCoroTask>
#include <QPointer>
#include <QWidget>

#include <memory>

class BarChart;
class CacheOutcomeModel;
class Embedder;
class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QLineEdit;
class QListWidget;
class QProgressBar;
class QPushButton;
class QSpinBox;
class QTableView;
class QTabWidget;
class TimeSeriesChart;

/*!
 * \brief The Cache panel: replays a query trace through a semantic cache and shows hit rate
 * against wrong answers served, before a user deploys one.
 *
 * Parameters on the left (threshold, TTL, capacity, eviction, embedder, where misses go),
 * the trace (a file, the built-in sample or the typical five-query scenario, which also sets
 * its capacity, TTL and threshold), Run with a progress bar; a table of queries
 * coloured by outcome; charts of hit rate over time, the threshold sweep and latency/tokens/
 * cost with and without the cache; and "try a query" against the cache the run left.
 *
 * Tests reach its widgets by object name: "charts" (the tabs) and "neighbours" (the
 * answers to "try a query").
 */
class CachePanel : public QWidget
{
    Q_OBJECT
public:
    explicit CachePanel(QWidget *parent = nullptr);
    ~CachePanel() override;

    /// The endpoints checked in the sidebar (API keys resolved): misses and embeddings can go to the first.
    void setEndpoints(const QList<EndpointProfile> &endpoints);
    /// Loads a JSONL/CSV trace ("sample" and "reference" for the built-in ones); false with
    /// \a error shown in the panel. The reference trace sets the form to its settings.
    bool loadTrace(const QString &path, QString *error = nullptr);
    void useSample();
    /// The typical scenario (ReferenceScenario) with its capacity, TTL and threshold.
    void useReference();
    /// Settings from the form.
    CacheSimConfig settings() const;
    void setThreshold(double threshold);

    void start();
    void cancel();
    bool isRunning() const { return m_running; }
    const CacheReport &report() const { return m_report; }
    const QueryTrace &trace() const { return m_trace; }
    /// The summary above the table, as shown (rich text).
    QString summaryText() const;

    /// The nearest entries of \a text in the cache the last run left (built-in embedder only;
    /// a remote embedder answers asynchronously into the list).
    QList<CacheNeighbour> tryQuery(const QString &text);

    CacheOutcomeModel *outcomeModel() const { return m_model; }
    TimeSeriesChart *hitRateChart() const { return m_hitRateChart; }
    TimeSeriesChart *sweepChart() const { return m_sweepChart; }
    BarChart *savingsChart() const { return m_savingsChart; }

Q_SIGNALS:
    void finished();

private:
    QWidget *createForm();
    QWidget *createResults();
    QCoro::Task<> doRun(CacheSimConfig config);
    void showReport();
    /// Marks the threshold in the form and the best one on the threshold sweep.
    void updateSweepMarkers();
    /// The typical scenario's comparison, for the summary (rich text).
    QString referenceSummary() const;
    void rebuildExploreCache();
    void showNeighbours(const QString &text, const QList<float> &vector);
    void updateButtons();
    std::unique_ptr<Embedder> makeEmbedder(QString *error);

    QueryTrace m_trace;
    QList<EndpointProfile> m_endpoints;
    CacheReport m_report;
    QPointer<CacheSimulator> m_simulator;
    std::unique_ptr<Embedder> m_embedder; ///< the last run's, kept for "try a query"
    std::unique_ptr<SemanticCache> m_explore;
    bool m_running = false;

    QLabel *m_traceLabel;
    QDoubleSpinBox *m_threshold;
    QDoubleSpinBox *m_maxFalseHits;
    QSpinBox *m_ttl;
    QCheckBox *m_sliding;
    QSpinBox *m_capacity;
    QComboBox *m_policy;
    QComboBox *m_embedderChoice;
    QComboBox *m_missTarget;
    QPushButton *m_run;
    QPushButton *m_cancel;
    QProgressBar *m_progress;
    QLabel *m_summary;
    QLabel *m_status;
    CacheOutcomeModel *m_model;
    QTableView *m_table;
    QTabWidget *m_charts;
    TimeSeriesChart *m_hitRateChart;
    TimeSeriesChart *m_sweepChart = nullptr;
    BarChart *m_savingsChart;
    QLineEdit *m_query;
    QListWidget *m_neighbours;
};
