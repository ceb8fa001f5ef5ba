#include "ruletablemodel.h"

#include <QBrush>
#include <QGuiApplication>
#include <QPalette>
#include <QColor>
#include <QDataStream>
#include <QMimeData>

namespace {
/// A pattern or replacement on one table line: line breaks and tabs shown as \n, \t.
QString visibleControls(QString text)
{
    text.replace(u'\n', QStringLiteral("\\n"));
    text.replace(u'\r', QStringLiteral("\\r"));
    text.replace(u'\t', QStringLiteral("\\t"));
    return text;
}
} // namespace

namespace {
const QString RowsMime = QStringLiteral("application/x-tokenscope-rule-rows");
}

RuleTableModel::RuleTableModel(QObject *parent)
    : QAbstractTableModel(parent)
{
}

void RuleTableModel::setRules(const QList<CompressionRule> &rules)
{
    beginResetModel();
    m_rules = rules;
    m_errors.clear();
    for (const CompressionRule &r : rules)
        m_errors.append(PromptCompressor::ruleError(r));
    m_fires = QList<int>(rules.size(), 0);
    endResetModel();
    Q_EMIT rulesEdited();
}

void RuleTableModel::setFires(const QList<int> &fires)
{
    if (fires.size() != m_rules.size() || fires == m_fires)
        return;
    m_fires = fires;
    if (!m_rules.isEmpty())
        Q_EMIT dataChanged(index(0, Fires), index(int(m_rules.size()) - 1, Fires));
}

void RuleTableModel::addRule(const CompressionRule &rule)
{
    const int row = int(m_rules.size());
    beginInsertRows({}, row, row);
    m_rules.append(rule);
    m_errors.append(PromptCompressor::ruleError(rule));
    m_fires.append(0);
    endInsertRows();
    Q_EMIT rulesEdited();
}

int RuleTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rules.size());
}

int RuleTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant RuleTableModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const CompressionRule &r = m_rules.at(index.row());
    const QString &error = m_errors.at(index.row());
    if (role == Qt::CheckStateRole) {
        switch (index.column()) {
        case Enabled:
            return r.enabled ? Qt::Checked : Qt::Unchecked;
        case Regex:
            return r.regex ? Qt::Checked : Qt::Unchecked;
        case IgnoreCase:
            return r.ignoreCase ? Qt::Checked : Qt::Unchecked;
        default:
            return {};
        }
    }
    if (role == Qt::DisplayRole || role == Qt::EditRole) {
        switch (index.column()) {
        case Name:
            return r.name;
        case Pattern:
            return role == Qt::DisplayRole ? visibleControls(r.pattern) : r.pattern;
        case Replacement:
            if (role == Qt::EditRole)
                return r.replacement;
            return r.replacement.isEmpty() ? tr("(remove)") : visibleControls(r.replacement);
        case Fires:
            return m_fires.value(index.row());
        default:
            return {};
        }
    }
    if (role == Qt::ForegroundRole && index.column() == Replacement && r.replacement.isEmpty())
        return QGuiApplication::palette().brush(QPalette::PlaceholderText); // greyed, yet 4.5:1
    if (role == Qt::ForegroundRole && index.column() == Pattern && !error.isEmpty())
        return QBrush(QColor(0x20, 0x20, 0x20)); // dark on the pink, whatever the theme
    if (role == Qt::BackgroundRole && index.column() == Pattern && !error.isEmpty())
        return QBrush(QColor(0xF4, 0xB6, 0xB6));
    if (role == Qt::ToolTipRole) {
        if (index.column() == Pattern && !error.isEmpty())
            return error;
        if (index.column() == Replacement && r.regex)
            return tr("\\1 or $1 inserts a group, ${name} a named group");
    }
    if (role == Qt::TextAlignmentRole && index.column() == Fires)
        return int(Qt::AlignRight | Qt::AlignVCenter);
    return {};
}

bool RuleTableModel::setData(const QModelIndex &index, const QVariant &value, int role)
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return false;
    CompressionRule &r = m_rules[index.row()];
    if (role == Qt::CheckStateRole) {
        const bool on = value.toInt() == Qt::Checked;
        if (index.column() == Enabled)
            r.enabled = on;
        else if (index.column() == Regex)
            r.regex = on;
        else if (index.column() == IgnoreCase)
            r.ignoreCase = on;
        else
            return false;
    } else if (role == Qt::EditRole) {
        if (index.column() == Name)
            r.name = value.toString();
        else if (index.column() == Pattern)
            r.pattern = value.toString();
        else if (index.column() == Replacement)
            r.replacement = value.toString();
        else
            return false;
    } else {
        return false;
    }
    m_errors[index.row()] = PromptCompressor::ruleError(r);
    Q_EMIT dataChanged(this->index(index.row(), 0), this->index(index.row(), ColumnCount - 1));
    Q_EMIT rulesEdited();
    return true;
}

QVariant RuleTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case Enabled:
        return tr("On");
    case Name:
        return tr("Name");
    case Pattern:
        return tr("Find");
    case Replacement:
        return tr("Replace with");
    case Regex:
        return tr("Regex");
    case IgnoreCase:
        return tr("Aa");
    case Fires:
        return tr("Fired");
    }
    return {};
}

Qt::ItemFlags RuleTableModel::flags(const QModelIndex &index) const
{
    if (!index.isValid())
        return Qt::ItemIsDropEnabled;
    Qt::ItemFlags f = Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemIsDragEnabled;
    switch (index.column()) {
    case Enabled:
    case Regex:
    case IgnoreCase:
        f |= Qt::ItemIsUserCheckable;
        break;
    case Name:
    case Pattern:
    case Replacement:
        f |= Qt::ItemIsEditable;
        break;
    default:
        break;
    }
    return f;
}

bool RuleTableModel::removeRows(int row, int count, const QModelIndex &parent)
{
    if (parent.isValid() || row < 0 || count <= 0 || row + count > m_rules.size())
        return false;
    beginRemoveRows({}, row, row + count - 1);
    m_rules.remove(row, count);
    m_errors.remove(row, count);
    m_fires.remove(row, count);
    endRemoveRows();
    Q_EMIT rulesEdited();
    return true;
}

bool RuleTableModel::moveRows(const QModelIndex &sourceParent, int sourceRow, int count,
                              const QModelIndex &destinationParent, int destinationChild)
{
    if (sourceParent.isValid() || destinationParent.isValid() || count <= 0 || sourceRow < 0
        || sourceRow + count > m_rules.size() || destinationChild < 0 || destinationChild > m_rules.size()
        || (destinationChild >= sourceRow && destinationChild <= sourceRow + count))
        return false;
    if (!beginMoveRows({}, sourceRow, sourceRow + count - 1, {}, destinationChild))
        return false;
    const int to = destinationChild > sourceRow ? destinationChild - count : destinationChild;
    for (int i = 0; i < count; ++i) {
        const int from = destinationChild > sourceRow ? sourceRow : sourceRow + i;
        const int target = destinationChild > sourceRow ? to + count - 1 : to + i;
        m_rules.move(from, target);
        m_errors.move(from, target);
        m_fires.move(from, target);
    }
    endMoveRows();
    Q_EMIT rulesEdited();
    return true;
}

Qt::DropActions RuleTableModel::supportedDropActions() const
{
    return Qt::MoveAction;
}

QStringList RuleTableModel::mimeTypes() const
{
    return { RowsMime };
}

QMimeData *RuleTableModel::mimeData(const QModelIndexList &indexes) const
{
    int row = -1;
    for (const QModelIndex &i : indexes) {
        if (i.isValid())
            row = row < 0 ? i.row() : std::min(row, i.row());
    }
    if (row < 0)
        return nullptr;
    auto *mime = new QMimeData;
    mime->setData(RowsMime, QByteArray::number(row));
    return mime;
}

bool RuleTableModel::dropMimeData(const QMimeData *data, Qt::DropAction action, int row, int,
                                  const QModelIndex &parent)
{
    if (!data || action != Qt::MoveAction || !data->hasFormat(RowsMime))
        return false;
    bool ok = false;
    const int from = data->data(RowsMime).toInt(&ok);
    if (!ok || from < 0 || from >= m_rules.size())
        return false;
    int to = int(m_rules.size()); // below the last row
    if (row >= 0)
        to = row; // between rows: before that one
    else if (parent.isValid())
        to = parent.row() > from ? parent.row() + 1 : parent.row(); // onto a row: take its place
    to = std::min(to, int(m_rules.size()));
    moveRows({}, from, 1, {}, to);
    // false: the move is done; the view must not remove the source row as well.
    return false;
}
