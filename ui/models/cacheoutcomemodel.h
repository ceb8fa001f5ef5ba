#pragma once

#include "cache/cachesimulator.h"

#include <QAbstractTableModel>
#include <QPalette>
#include <QColor>

/*!
 * \brief The queries of a cache simulation, one row each, coloured by what happened:
 * exact hit, semantic hit, miss, or false hit (a hit on another question's entry).
 *
 * Qt::UserRole gives the raw value for sorting; Qt::BackgroundRole the outcome's colour.
 */
class CacheOutcomeModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column {
        IndexColumn,
        TimeColumn,
        QueryColumn,
        ResultColumn,
        ScoreColumn,
        MatchedColumn,
        GroupColumn,
        LatencyColumn,
        ColumnCount
    };
    explicit CacheOutcomeModel(QObject *parent = nullptr);

    void setOutcomes(const QList<QueryOutcome> &outcomes);
    const QList<QueryOutcome> &outcomes() const { return m_outcomes; }

    /// The colour that marks \a outcome in the table and the legend: its hue laid over the
    /// application palette's base, so rows stay tints of the background in a dark theme too.
    static QColor colorOf(const QueryOutcome &outcome);
    static QColor colorOf(const QueryOutcome &outcome, const QPalette &palette);
    /// "exact hit", "semantic hit", "miss", "false hit" (translated).
    static QString resultText(const QueryOutcome &outcome);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QList<QueryOutcome> m_outcomes;
};
