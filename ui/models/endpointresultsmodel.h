#pragma once

#include "endpointrun.h"

#include <QAbstractTableModel>

/*!
 * \brief One row per endpoint of a run: its percentiles, throughput, failures and cost.
 *
 * Qt::DisplayRole is formatted text; SortRole holds the plain number, so a
 * QSortFilterProxyModel with setSortRole(SortRole) sorts numerically.
 */
class EndpointResultsModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column {
        NameColumn,
        OkColumn,
        TtftP50Column,
        TtftP90Column,
        TtftP99Column,
        ItlP50Column,
        ItlP90Column,
        ItlP99Column,
        TpotP50Column,
        TpotP90Column,
        TpotP99Column,
        E2eP50Column,
        E2eP90Column,
        E2eP99Column,
        TokensPerSecondColumn,
        PeakTokensPerSecondColumn,
        FailuresColumn,
        CostColumn,
        ColumnCount
    };
    enum Role {
        SortRole = Qt::UserRole, ///< the cell as a number (a double, or a string for names)
        EndpointIdRole, ///< the row's EndpointProfile::id (any column)
    };

    explicit EndpointResultsModel(QObject *parent = nullptr);

    /// Replaces the rows; rows of the same endpoints in the same order are updated in place.
    void setRuns(const QList<EndpointRun> &runs);
    void clear();
    const EndpointRun &run(int row) const { return m_runs.at(row); }

    /// Usage-based cost of 1000 requests like these, or nullopt when the endpoint has no prices.
    static std::optional<double> costPerThousand(const EndpointRun &run);
    /// "reset 2, http-status 1": failures by class, most frequent first.
    static QString failureText(const RunSummary &summary);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QVariant number(const EndpointRun &run, int column) const;

    QList<EndpointRun> m_runs;
};
