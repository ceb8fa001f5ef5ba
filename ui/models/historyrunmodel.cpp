#include "historyrunmodel.h"

#include "endpoint/embeddedendpointservice.h"

#include <QLocale>

HistoryRunModel::HistoryRunModel(QObject *parent)
    : QAbstractTableModel(parent)
{
}

void HistoryRunModel::setRuns(const QList<HistoryRun> &runs)
{
    beginResetModel();
    m_runs = runs;
    endResetModel();
}

QString HistoryRunModel::endpointLabel(const HistoryRun &run)
{
    if (run.endpointId == EmbeddedEndpointService::ProfileId)
        return EmbeddedEndpointService::displayName();
    return run.endpointName.isEmpty() ? run.endpointUrl : run.endpointName;
}

int HistoryRunModel::rowOf(qint64 id) const
{
    for (qsizetype i = 0; i < m_runs.size(); ++i) {
        if (m_runs.at(i).id == id)
            return int(i);
    }
    return -1;
}

int HistoryRunModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_runs.size());
}

int HistoryRunModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant HistoryRunModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const HistoryRun &r = m_runs.at(index.row());
    if (role == RunIdRole)
        return r.id;
    if (role == Qt::TextAlignmentRole && (index.column() == Id || index.column() == Requests))
        return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
    if (role == Qt::ToolTipRole && index.column() == Endpoint)
        return r.endpointUrl;
    if (role != Qt::DisplayRole)
        return {};
    switch (index.column()) {
    case Id:
        return r.id;
    case Started:
        return QLocale().toString(r.startedAt.toLocalTime(), QLocale::ShortFormat);
    case Status:
        return RunStatuses::label(r.status);
    case Source:
        return r.source;
    case Endpoint:
        return endpointLabel(r);
    case Model:
        return r.model;
    case Requests:
        return tr("%1 / %2").arg(r.requestsOk).arg(r.requests);
    case Tags:
        return r.tags.join(QStringLiteral(", "));
    default:
        return {};
    }
}

QVariant HistoryRunModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case Id:
        return tr("ID");
    case Started:
        return tr("Started");
    case Status:
        return tr("Status");
    case Source:
        return tr("Source");
    case Endpoint:
        return tr("Endpoint");
    case Model:
        return tr("Model");
    case Requests:
        return tr("OK / requests");
    case Tags:
        return tr("Tags");
    default:
        return {};
    }
}
