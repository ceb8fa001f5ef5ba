#pragma once

#include "compress/promptcompressor.h"

#include <QAbstractTableModel>

/*!
 * \brief The compressor's rules as an editable table: on/off, name, pattern, replacement,
 * regex, ignore case, and how often each fired in the last compression.
 *
 * Rows reorder by drag and drop (and moveRows()); rule order is the order rules run in.
 * An invalid regular expression shows in its pattern cell (red, with the error as tooltip).
 */
class RuleTableModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { Enabled, Name, Pattern, Replacement, Regex, IgnoreCase, Fires, ColumnCount };

    explicit RuleTableModel(QObject *parent = nullptr);

    QList<CompressionRule> rules() const { return m_rules; }
    void setRules(const QList<CompressionRule> &rules);
    /// Fire counts from the last compression (one per rule; ignored when the count differs).
    void setFires(const QList<int> &fires);
    void addRule(const CompressionRule &rule);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    bool setData(const QModelIndex &index, const QVariant &value, int role = Qt::EditRole) override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;
    bool removeRows(int row, int count, const QModelIndex &parent = {}) override;
    bool moveRows(const QModelIndex &sourceParent, int sourceRow, int count,
                  const QModelIndex &destinationParent, int destinationChild) override;

    Qt::DropActions supportedDropActions() const override;
    QStringList mimeTypes() const override;
    QMimeData *mimeData(const QModelIndexList &indexes) const override;
    bool dropMimeData(const QMimeData *data, Qt::DropAction action, int row, int column,
                      const QModelIndex &parent) override;

Q_SIGNALS:
    /// The rules changed (edited, toggled, added, removed or reordered).
    void rulesEdited();

private:
    QList<CompressionRule> m_rules;
    QList<QString> m_errors;
    QList<int> m_fires;
};
