#include "requesttablemodel.h"

#include "client/requesttrace.h"

#include <QLocale>

namespace {
QVariant optionalMs(const std::optional<double> &ms)
{
    return ms ? QVariant(*ms) : QVariant();
}
} // namespace

RequestTableModel::RequestTableModel(QObject *parent)
    : QAbstractTableModel(parent)
{
}

void RequestTableModel::appendRecords(const EndpointProfile &endpoint, const QList<RequestRecord> &records)
{
    if (records.isEmpty())
        return;
    const int first = int(m_rows.size());
    beginInsertRows({}, first, first + int(records.size()) - 1);
    const QColor color = QColor::fromString(endpoint.color);
    for (const RequestRecord &record : records) {
        m_rowOf.insert(RequestKey { endpoint.id, record.index }, int(m_rows.size()));
        m_rows.append(Row { endpoint.id, endpoint.name, color, record });
    }
    endInsertRows();
}

void RequestTableModel::clear()
{
    if (m_rows.isEmpty())
        return;
    beginResetModel();
    m_rows.clear();
    m_rowOf.clear();
    endResetModel();
}

int RequestTableModel::rowOf(const RequestKey &key) const
{
    return m_rowOf.value(key, -1);
}

RequestKey RequestTableModel::keyAt(int row) const
{
    if (row < 0 || row >= m_rows.size())
        return {};
    return RequestKey { m_rows.at(row).endpointId, m_rows.at(row).record.index };
}

int RequestTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int RequestTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QString RequestTableModel::statusText(const RequestRecord &record) const
{
    const RequestTrace &t = record.trace;
    QString text;
    if (t.error == ErrorClass::Cancelled)
        text = tr("cancelled");
    else if (t.ok())
        text = tr("ok");
    else if (t.error == ErrorClass::HttpStatus && t.httpStatus != 0)
        text = tr("HTTP %1").arg(t.httpStatus);
    else
        text = tr("failed"); // the Error column says how (a stream can fail after HTTP 200)
    if (record.warmup)
        text = tr("%1 (warm-up)").arg(text);
    return text;
}

QVariant RequestTableModel::number(const Row &row, int column) const
{
    const RequestMetrics &m = row.record.metrics;
    switch (column) {
    case IndexColumn:
        return row.record.index;
    case StatusColumn:
        return row.record.trace.httpStatus;
    case TtftColumn:
        return optionalMs(m.ttftMs);
    case TtfaColumn:
        return optionalMs(m.ttfatMs);
    case E2eColumn:
        return m.e2eMs;
    case TpotColumn:
        return optionalMs(m.tpotMs);
    case TokensColumn:
        return m.outputTokens;
    case ReusedColumn:
        return row.record.trace.reusedConnection ? 1 : 0;
    default:
        return {};
    }
}

QVariant RequestTableModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Row &row = m_rows.at(index.row());
    const RequestTrace &trace = row.record.trace;
    const int column = index.column();

    switch (role) {
    case KeyRole:
        return QVariant::fromValue(RequestKey { row.endpointId, row.record.index });
    case EndpointIdRole:
        return row.endpointId;
    case RequestIndexRole:
        return row.record.index;
    case SortRole:
        if (column == EndpointColumn)
            return row.endpointName;
        if (column == ErrorColumn)
            return trace.ok() ? QString() : ErrorClasses::name(trace.error);
        if (column == StatusColumn) // failures sort after successes, cancellations last
            return trace.ok() ? 0 : (trace.error == ErrorClass::Cancelled ? 2 : 1);
        return number(row, column).isValid() ? number(row, column) : QVariant(-1.0);
    case Qt::DecorationRole:
        if (column == EndpointColumn && row.color.isValid())
            return row.color;
        return {};
    case Qt::TextAlignmentRole:
        if (column == EndpointColumn || column == ErrorColumn || column == StatusColumn)
            return QVariant(Qt::AlignLeft | Qt::AlignVCenter);
        return QVariant(Qt::AlignRight | Qt::AlignVCenter);
    case Qt::ToolTipRole:
        if (column == ErrorColumn && !trace.ok())
            return trace.errorMessage;
        return {};
    case Qt::DisplayRole:
        break;
    default:
        return {};
    }

    switch (column) {
    case EndpointColumn:
        return row.endpointName;
    case IndexColumn:
        return row.record.index;
    case StatusColumn:
        return statusText(row.record);
    case ErrorColumn:
        if (trace.ok())
            return QString();
        if (trace.errorMessage.isEmpty())
            return ErrorClasses::label(trace.error);
        return tr("%1: %2").arg(ErrorClasses::label(trace.error), trace.errorMessage);
    case ReusedColumn:
        return trace.reusedConnection ? tr("yes") : tr("no");
    case TokensColumn:
        return QLocale().toString(row.record.metrics.outputTokens);
    default:
        break;
    }
    const QVariant value = number(row, column);
    if (!value.isValid())
        return tr("—");
    return QLocale().toString(value.toDouble(), 'f', 1);
}

QVariant RequestTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || section < 0 || section >= ColumnCount)
        return {};
    if (role == Qt::ToolTipRole) {
        switch (section) {
        case IndexColumn:
            return tr("The request's position in the prompt schedule");
        case TtftColumn:
            return tr("Time to first token of any kind, in milliseconds");
        case TtfaColumn:
            return tr("Time to the first answer token (after reasoning), in milliseconds");
        case E2eColumn:
            return tr("End-to-end latency, in milliseconds");
        case TpotColumn:
            return tr("Time per output token after the first, in milliseconds");
        case TokensColumn:
            return tr("Output tokens");
        case ReusedColumn:
            return tr("Whether the request went over a kept-alive connection");
        default:
            return {};
        }
    }
    if (role != Qt::DisplayRole)
        return {};
    switch (section) {
    case EndpointColumn:
        return tr("Endpoint");
    case IndexColumn:
        return tr("#");
    case StatusColumn:
        return tr("Status");
    case ErrorColumn:
        return tr("Error");
    case TtftColumn:
        return tr("TTFT (ms)");
    case TtfaColumn:
        return tr("TTFA (ms)");
    case E2eColumn:
        return tr("E2E (ms)");
    case TpotColumn:
        return tr("TPOT (ms)");
    case TokensColumn:
        return tr("Tokens");
    case ReusedColumn:
        return tr("Reused");
    default:
        return {};
    }
}
