#pragma once

#include "storage/historystore.h"

#include <QAbstractTableModel>

/// \brief The runs of the history as a table: one row per run, newest first.
class HistoryRunModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { Id, Started, Status, Source, Endpoint, Model, Requests, Tags, ColumnCount };
    /// The run id of a row, under this role on every column.
    static constexpr int RunIdRole = Qt::UserRole + 1;

    explicit HistoryRunModel(QObject *parent = nullptr);

    void setRuns(const QList<HistoryRun> &runs);
    const QList<HistoryRun> &runs() const { return m_runs; }
    /// The row of run \a id, -1 when it is not listed.
    int rowOf(qint64 id) const;
    /// The endpoint as the interface names it: the embedded endpoint (stored by its stable id)
    /// in the current language, any other by its stored name, else its URL.
    static QString endpointLabel(const HistoryRun &run);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QList<HistoryRun> m_runs;
};
