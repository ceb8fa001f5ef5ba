#pragma once

#include "load/loadrunner.h"

#include <QAbstractTableModel>
#include <QColor>
#include <QHash>

/// \brief Names one request of a multi-endpoint run: its endpoint and its schedule index.
struct RequestKey
{
    QString endpointId;
    int index = -1;

    bool isValid() const { return index >= 0; }
    friend bool operator==(const RequestKey &a, const RequestKey &b)
    {
        return a.index == b.index && a.endpointId == b.endpointId;
    }
};
Q_DECLARE_METATYPE(RequestKey)

inline size_t qHash(const RequestKey &key, size_t seed = 0)
{
    return qHashMulti(seed, key.endpointId, key.index);
}

/*!
 * \brief One row per request of every endpoint of a run, in the order they finished.
 *
 * Qt::DisplayRole is formatted text, SortRole the plain number; KeyRole returns the
 * row's RequestKey so a view can tell a chart or the breakdown which request it is.
 */
class RequestTableModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column {
        EndpointColumn,
        IndexColumn,
        StatusColumn,
        ErrorColumn,
        TtftColumn,
        TtfaColumn,
        E2eColumn,
        TpotColumn,
        TokensColumn,
        ReusedColumn,
        ColumnCount
    };
    enum Role {
        SortRole = Qt::UserRole, ///< the cell as a number (or text for text columns)
        KeyRole, ///< the row's RequestKey
        EndpointIdRole, ///< the row's endpoint id (QString)
        RequestIndexRole, ///< the request's index in its endpoint's schedule (int)
    };

    explicit RequestTableModel(QObject *parent = nullptr);

    /// Appends requests of \a endpoint (one insertion for the whole batch).
    void appendRecords(const EndpointProfile &endpoint, const QList<RequestRecord> &records);
    void clear();

    /// The row of \a key, or -1.
    int rowOf(const RequestKey &key) const;
    RequestKey keyAt(int row) const;
    const RequestRecord &recordAt(int row) const { return m_rows.at(row).record; }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    struct Row
    {
        QString endpointId;
        QString endpointName;
        QColor color;
        RequestRecord record;
    };
    QVariant number(const Row &row, int column) const;
    QString statusText(const RequestRecord &record) const;

    QList<Row> m_rows;
    QHash<RequestKey, int> m_rowOf;
};
