#include "batchtablemodels.h"

#include <QLocale>

#include <cmath>
#include <limits>

namespace {

QString number(double v, int decimals)
{
    return QLocale().toString(v, 'f', decimals);
}

} // namespace

SimulationRowsModel::SimulationRowsModel(QObject *parent)
    : QAbstractTableModel(parent)
{
}

void SimulationRowsModel::clear()
{
    beginResetModel();
    m_rows.clear();
    m_analysis = {};
    endResetModel();
}

void SimulationRowsModel::append(const SweepRow &row)
{
    beginInsertRows({}, int(m_rows.size()), int(m_rows.size()));
    m_rows.append(row);
    endInsertRows();
}

void SimulationRowsModel::setAnalysis(const SimulationAnalysis &analysis)
{
    m_analysis = analysis;
    if (!m_rows.isEmpty())
        Q_EMIT dataChanged(index(0, ParetoColumn), index(int(m_rows.size()) - 1, ParetoColumn));
}

int SimulationRowsModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int SimulationRowsModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant SimulationRowsModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_rows.size())
        return {};
    const SweepRow &row = m_rows.at(index.row());
    const SimulationResult &r = row.result;
    double value = 0;
    int decimals = 1;
    switch (index.column()) {
    case BatchColumn: value = row.maxBatchSize; decimals = 0; break;
    case WaitColumn: value = row.maxWaitMs; break;
    case BudgetColumn: value = row.tokenBudget; decimals = 0; break;
    case RequestsPerSecondColumn: value = r.requestsPerSecond; decimals = 2; break;
    case TokensPerSecondColumn: value = r.outputTokensPerSecond; decimals = 0; break;
    case TtftP50Column: value = r.ttftMs.p50; break;
    case TtftP99Column: value = r.ttftMs.p99; break;
    case TpotP50Column: value = r.tpotMs.p50; decimals = 2; break;
    case E2eP50Column: value = r.e2eMs.p50; break;
    case E2eP99Column: value = r.e2eMs.p99; break;
    case QueueWaitColumn: value = r.queueWaitMs.mean; break;
    case MeanBatchColumn: value = r.meanBatchSize; decimals = 2; break;
    case UtilisationColumn: value = r.utilisation * 100; break;
    case SloColumn: value = r.sloAttainment * 100; break;
    case ParetoColumn: {
        const bool onFront = m_analysis.paretoFront.contains(index.row());
        QStringList marks;
        if (onFront)
            marks.append(tr("Pareto"));
        if (m_analysis.knee == index.row())
            marks.append(tr("knee"));
        if (m_analysis.bestUnderSlo == index.row())
            marks.append(tr("best under SLO"));
        if (role == Qt::DisplayRole)
            return marks.join(QStringLiteral(", "));
        if (role == Qt::UserRole)
            return double(marks.size());
        return {};
    }
    default: return {};
    }
    if (role == Qt::DisplayRole)
        return number(value, decimals);
    if (role == Qt::UserRole)
        return value;
    if (role == Qt::TextAlignmentRole)
        return int(Qt::AlignRight | Qt::AlignVCenter);
    return {};
}

QVariant SimulationRowsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal)
        return {};
    if (role == Qt::ToolTipRole) {
        switch (section) {
        case BatchColumn: return tr("Maximum batch size (sequences in flight in continuous mode)");
        case WaitColumn: return tr("Maximum queue delay before a partial batch leaves (request level)");
        case BudgetColumn: return tr("Tokens processed per scheduler step (continuous mode)");
        case QueueWaitColumn: return tr("Mean time from arrival to the start of service");
        case UtilisationColumn: return tr("Share of the time the server was busy");
        case SloColumn: return tr("Share of requests that met every SLO limit");
        default: return {};
        }
    }
    if (role != Qt::DisplayRole)
        return {};
    switch (section) {
    case BatchColumn: return tr("Batch");
    case WaitColumn: return tr("Wait (ms)");
    case BudgetColumn: return tr("Budget (tokens)");
    case RequestsPerSecondColumn: return tr("Req/s");
    case TokensPerSecondColumn: return tr("Tok/s");
    case TtftP50Column: return tr("TTFT p50 (ms)");
    case TtftP99Column: return tr("TTFT p99 (ms)");
    case TpotP50Column: return tr("TPOT p50 (ms)");
    case E2eP50Column: return tr("E2E p50 (ms)");
    case E2eP99Column: return tr("E2E p99 (ms)");
    case QueueWaitColumn: return tr("Queue (ms)");
    case MeanBatchColumn: return tr("Mean batch");
    case UtilisationColumn: return tr("Busy %");
    case SloColumn: return tr("SLO met %");
    case ParetoColumn: return tr("Marks");
    default: return {};
    }
}

EndpointLevelsModel::EndpointLevelsModel(QObject *parent)
    : QAbstractTableModel(parent)
{
}

void EndpointLevelsModel::setRuns(const QList<EndpointSweepRun> &runs)
{
    beginResetModel();
    m_runs = runs;
    m_index.clear();
    for (int r = 0; r < runs.size(); ++r) {
        for (int l = 0; l < runs.at(r).levels.size(); ++l)
            m_index.append({ r, l });
    }
    endResetModel();
}

std::pair<int, int> EndpointLevelsModel::locate(int row) const
{
    return row >= 0 && row < m_index.size() ? m_index.at(row) : std::pair { -1, -1 };
}

int EndpointLevelsModel::rowOf(int run, int level) const
{
    return int(m_index.indexOf(std::pair { run, level }));
}

int EndpointLevelsModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_index.size());
}

int EndpointLevelsModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant EndpointLevelsModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_index.size())
        return {};
    const auto [runIndex, levelIndex] = m_index.at(index.row());
    const EndpointSweepRun &run = m_runs.at(runIndex);
    const SweepLevelResult &l = run.levels.at(levelIndex);
    if (index.column() == EndpointColumn) {
        if (role == Qt::DisplayRole || role == Qt::UserRole)
            return run.endpointName;
        if (role == Qt::DecorationRole)
            return run.color;
        return {};
    }
    if (index.column() == StableColumn) {
        if (role == Qt::DisplayRole)
            return l.stable ? tr("yes") : tr("no (limit)");
        if (role == Qt::UserRole)
            return l.stable ? 1.0 : 0.0;
        return {};
    }
    if (index.column() == MarksColumn) {
        QStringList marks;
        if (run.analysis.paretoFront.contains(levelIndex))
            marks.append(tr("Pareto"));
        if (run.analysis.knee == levelIndex)
            marks.append(tr("knee"));
        if (run.analysis.bestSloLevel == levelIndex)
            marks.append(tr("best under SLO"));
        if (role == Qt::DisplayRole)
            return marks.join(QStringLiteral(", "));
        if (role == Qt::UserRole)
            return double(marks.size());
        return {};
    }
    double value = 0;
    int decimals = 1;
    switch (index.column()) {
    case LevelColumn: value = l.level; decimals = l.level == std::floor(l.level) ? 0 : 2; break;
    case OkColumn: value = l.requestsOk; decimals = 0; break;
    case FailedColumn: value = l.requestsFailed; decimals = 0; break;
    case RequestsPerSecondColumn: value = l.requestsPerSecond; decimals = 2; break;
    case TokensPerSecondColumn: value = l.outputTokensPerSecond; decimals = 0; break;
    case TtftP50Column: value = l.ttftMs.p50; break;
    case TtftP99Column: value = l.ttftMs.p99; break;
    case TpotP50Column: value = l.tpotMs.p50; decimals = 2; break;
    case E2eP50Column: value = l.e2eMs.p50; break;
    case E2eP99Column: value = l.e2eMs.p99; break;
    case GoodputColumn: value = l.goodput; decimals = 2; break;
    case SloColumn: value = l.sloAttainment * 100; break;
    default: return {};
    }
    // A level where nothing succeeded has no latency: a dash, sorted after every real value,
    // never a 0 that reads as the fastest level.
    const bool latency = index.column() == TtftP50Column || index.column() == TtftP99Column
        || index.column() == TpotP50Column || index.column() == E2eP50Column || index.column() == E2eP99Column;
    const bool missing = latency && l.requestsOk == 0;
    if (role == Qt::DisplayRole)
        return missing ? QStringLiteral("—") : number(value, decimals);
    if (role == Qt::UserRole)
        return missing ? std::numeric_limits<double>::max() : value;
    if (role == Qt::TextAlignmentRole)
        return int(Qt::AlignRight | Qt::AlignVCenter);
    if (role == Qt::ForegroundRole && index.column() == FailedColumn && l.requestsFailed > 0)
        return QColor(0xD55E00);
    return {};
}

QVariant EndpointLevelsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case EndpointColumn: return tr("Endpoint");
    case LevelColumn: return tr("Level");
    case OkColumn: return tr("OK");
    case FailedColumn: return tr("Failed");
    case RequestsPerSecondColumn: return tr("Req/s");
    case TokensPerSecondColumn: return tr("Tok/s");
    case TtftP50Column: return tr("TTFT p50 (ms)");
    case TtftP99Column: return tr("TTFT p99 (ms)");
    case TpotP50Column: return tr("TPOT p50 (ms)");
    case E2eP50Column: return tr("E2E p50 (ms)");
    case E2eP99Column: return tr("E2E p99 (ms)");
    case StableColumn: return tr("Stable");
    case GoodputColumn: return tr("Goodput (req/s)");
    case SloColumn: return tr("SLO met %");
    case MarksColumn: return tr("Marks");
    default: return {};
    }
}
