#pragma once

#include <optional>

#include "batching/batchsweep.h"
#include "batching/endpointsweep.h"

#include <QAbstractTableModel>
#include <QColor>

/*!
 * \brief The rows of a simulated sweep, one per configuration, for a QTableView.
 *
 * Numbers are returned as doubles under Qt::UserRole for sorting; Qt::DisplayRole is the
 * formatted text. Rows on the Pareto front carry a mark in the last column.
 */
class SimulationRowsModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column {
        BatchColumn, WaitColumn, BudgetColumn, RequestsPerSecondColumn, TokensPerSecondColumn, TtftP50Column,
        TtftP99Column, TpotP50Column, E2eP50Column, E2eP99Column, QueueWaitColumn, MeanBatchColumn,
        UtilisationColumn, SloColumn, ParetoColumn, ColumnCount
    };
    explicit SimulationRowsModel(QObject *parent = nullptr);

    void clear();
    void append(const SweepRow &row);
    void setAnalysis(const SimulationAnalysis &analysis);
    const QList<SweepRow> &rows() const { return m_rows; }
    const SimulationAnalysis &analysis() const { return m_analysis; }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QList<SweepRow> m_rows;
    SimulationAnalysis m_analysis;
};

/// \brief One endpoint's sweep: the levels it finished and their analysis.
/// \brief What the server's /metrics said during one level of an endpoint sweep.
struct ServerLevelFigures
{
    double runningMean = 0; ///< the running batch, time-weighted mean
    double waitingMax = 0; ///< the longest queue seen
    std::optional<double> kvCacheMax; ///< 0–1
    std::optional<double> serverTtftP99Ms; ///< from the server's own TTFT histogram
};

struct EndpointSweepRun
{
    QString endpointName;
    QColor color;
    EndpointSweepConfig config;
    QList<SweepLevelResult> levels;
    EndpointSweepAnalysis analysis;
    /// Parallel to levels: the server's figures for each level (nullopt: nothing scraped).
    QList<std::optional<ServerLevelFigures>> server;
};

/// \brief Every level of every endpoint swept, one row each.
class EndpointLevelsModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column {
        EndpointColumn, LevelColumn, OkColumn, FailedColumn, RequestsPerSecondColumn, TokensPerSecondColumn,
        TtftP50Column, TtftP99Column, TpotP50Column, E2eP50Column, E2eP99Column, StableColumn, GoodputColumn,
        SloColumn, MarksColumn, ColumnCount
    };
    explicit EndpointLevelsModel(QObject *parent = nullptr);

    void setRuns(const QList<EndpointSweepRun> &runs);
    /// (run, level) of a row.
    std::pair<int, int> locate(int row) const;
    int rowOf(int run, int level) const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QList<EndpointSweepRun> m_runs;
    QList<std::pair<int, int>> m_index;
};
