#include "endpointresultsmodel.h"

#include "client/requesttrace.h"

#include <QColor>
#include <QLocale>
#include <limits>

namespace {

const Distribution *distributionFor(const RunSummary &s, int column)
{
    switch (column) {
    case EndpointResultsModel::TtftP50Column:
    case EndpointResultsModel::TtftP90Column:
    case EndpointResultsModel::TtftP99Column:
        return &s.ttftMs;
    case EndpointResultsModel::ItlP50Column:
    case EndpointResultsModel::ItlP90Column:
    case EndpointResultsModel::ItlP99Column:
        return &s.itlMs;
    case EndpointResultsModel::TpotP50Column:
    case EndpointResultsModel::TpotP90Column:
    case EndpointResultsModel::TpotP99Column:
        return &s.tpotMs;
    case EndpointResultsModel::E2eP50Column:
    case EndpointResultsModel::E2eP90Column:
    case EndpointResultsModel::E2eP99Column:
        return &s.e2eMs;
    default:
        return nullptr;
    }
}

double percentileOf(const Distribution &d, int column)
{
    switch ((column - EndpointResultsModel::TtftP50Column) % 3) {
    case 0:
        return d.p50;
    case 1:
        return d.p90;
    default:
        return d.p99;
    }
}

QString formatMs(double ms)
{
    return QLocale().toString(ms, 'f', ms < 10 ? 2 : 1);
}

} // namespace

EndpointResultsModel::EndpointResultsModel(QObject *parent)
    : QAbstractTableModel(parent)
{
}

void EndpointResultsModel::setRuns(const QList<EndpointRun> &runs)
{
    bool sameRows = runs.size() == m_runs.size();
    for (int i = 0; sameRows && i < runs.size(); ++i)
        sameRows = runs.at(i).endpoint.id == m_runs.at(i).endpoint.id;
    if (!sameRows) {
        beginResetModel();
        m_runs = runs;
        endResetModel();
        return;
    }
    m_runs = runs;
    if (!m_runs.isEmpty())
        Q_EMIT dataChanged(index(0, 0), index(rowCount() - 1, ColumnCount - 1));
}

void EndpointResultsModel::clear()
{
    setRuns({});
}

std::optional<double> EndpointResultsModel::costPerThousand(const EndpointRun &run)
{
    const EndpointProfile &e = run.endpoint;
    if (e.pricePerMInput <= 0 && e.pricePerMOutput <= 0)
        return std::nullopt;
    double cost = 0;
    int counted = 0;
    for (const RequestRecord &r : run.records) {
        if (r.warmup || r.trace.error == ErrorClass::Cancelled)
            continue;
        const Usage &u = r.trace.usage;
        const qint64 in = u.promptTokens.value_or(0);
        const qint64 out = u.completionTokens.value_or(r.metrics.outputTokens);
        // Prompt tokens read from the provider's cache at its cached-input price.
        const qint64 cached = u.cachedPromptTokens ? *u.cachedPromptTokens : r.trace.timings.cachedPromptTokens.value_or(0);
        cost += e.requestCost(in, cached, out);
        ++counted;
    }
    if (counted == 0)
        return std::nullopt;
    return cost / counted * 1000.0;
}

QString EndpointResultsModel::failureText(const RunSummary &summary)
{
    QList<std::pair<ErrorClass, int>> failures;
    for (auto it = summary.failuresByClass.cbegin(); it != summary.failuresByClass.cend(); ++it) {
        if (it.value() > 0)
            failures.append({ it.key(), it.value() });
    }
    std::stable_sort(failures.begin(), failures.end(),
                     [](const auto &a, const auto &b) { return a.second > b.second; });
    QStringList parts;
    for (const auto &[error, count] : std::as_const(failures))
        parts.append(ErrorClasses::name(error) + u' ' + QString::number(count));
    return parts.join(QStringLiteral(", "));
}

int EndpointResultsModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_runs.size());
}

int EndpointResultsModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant EndpointResultsModel::number(const EndpointRun &run, int column) const
{
    const RunSummary &s = run.summary;
    if (const Distribution *d = distributionFor(s, column))
        return d->isEmpty() ? QVariant() : QVariant(percentileOf(*d, column));
    switch (column) {
    case OkColumn:
        return s.requestsOk;
    case TokensPerSecondColumn:
        return s.outputTokensPerSecond;
    case PeakTokensPerSecondColumn:
        return s.peakOutputTokensPerSecond;
    case FailuresColumn:
        return s.requestsFailed;
    case CostColumn: {
        const std::optional<double> cost = costPerThousand(run);
        return cost ? QVariant(*cost) : QVariant();
    }
    default:
        return {};
    }
}

QVariant EndpointResultsModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const EndpointRun &run = m_runs.at(index.row());
    const int column = index.column();

    switch (role) {
    case EndpointIdRole:
        return run.endpoint.id;
    case SortRole:
        if (column == NameColumn)
            return run.endpoint.name;
        // A missing figure (no prices, no successful request) sorts after every real one.
        return number(run, column).isValid() ? number(run, column) : QVariant(std::numeric_limits<double>::max());
    case Qt::DecorationRole:
        if (column == NameColumn) {
            const QColor color = QColor::fromString(run.endpoint.color);
            return color.isValid() ? QVariant(color) : QVariant();
        }
        return {};
    case Qt::TextAlignmentRole:
        if (column == NameColumn || column == FailuresColumn)
            return QVariant(Qt::AlignLeft | Qt::AlignVCenter);
        return QVariant(Qt::AlignRight | Qt::AlignVCenter);
    case Qt::ToolTipRole:
        if (column == NameColumn)
            // The name first: a narrow column shows it elided.
            return QString(run.endpoint.name + u'\n' + run.endpoint.baseUrl.toDisplayString() + u'\n'
                           + run.endpoint.model);
        if (column == FailuresColumn) {
            QStringList lines;
            for (auto it = run.summary.failuresByClass.cbegin(); it != run.summary.failuresByClass.cend();
                 ++it)
                lines.append(tr("%1: %2").arg(ErrorClasses::label(it.key())).arg(it.value()));
            if (run.summary.requestsCancelled > 0)
                lines.append(tr("Cancelled: %1").arg(run.summary.requestsCancelled));
            return lines.join(u'\n');
        }
        return {};
    case Qt::DisplayRole:
        break;
    default:
        return {};
    }

    if (column == NameColumn)
        return run.endpoint.name;
    if (column == FailuresColumn) {
        // A clean run says so: an empty cell reads as "not measured".
        const QString text = failureText(run.summary);
        return text.isEmpty() ? QLocale().toString(run.summary.requestsFailed) : text;
    }
    const QVariant value = number(run, column);
    if (column == CostColumn && !value.isValid())
        return tr("—");
    if (!value.isValid())
        return tr("—");
    if (column == OkColumn)
        return QLocale().toString(value.toInt());
    if (column == CostColumn) {
        const double cost = value.toDouble();
        return QLocale().toString(cost, 'f', cost < 1 ? 4 : 2);
    }
    if (column == TokensPerSecondColumn || column == PeakTokensPerSecondColumn)
        return QLocale().toString(value.toDouble(), 'f', 1);
    return formatMs(value.toDouble());
}

QVariant EndpointResultsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || section < 0 || section >= ColumnCount)
        return {};
    if (role == Qt::ToolTipRole) {
        switch (section) {
        case NameColumn:
            return tr("The endpoint, in its chart colour");
        case OkColumn:
            return tr("Requests that completed without error (warm-ups excluded)");
        case TtftP50Column:
        case TtftP90Column:
        case TtftP99Column:
            return tr("Time to first token, in milliseconds");
        case ItlP50Column:
        case ItlP90Column:
        case ItlP99Column:
            return tr("Inter-token latency, in milliseconds");
        case TpotP50Column:
        case TpotP90Column:
        case TpotP99Column:
            return tr("Time per output token after the first, in milliseconds");
        case E2eP50Column:
        case E2eP90Column:
        case E2eP99Column:
            return tr("End-to-end latency of a request, in milliseconds");
        case TokensPerSecondColumn:
            return tr("Output tokens per second over the run's wall time");
        case PeakTokensPerSecondColumn:
            return tr("Output tokens per second in the busiest one-second window");
        case FailuresColumn:
            return tr("Failed requests by error class");
        case CostColumn:
            return tr("Cost of 1000 such requests from the reported token usage and the endpoint's prices, "
                      "in the currency those prices are given in");
        default:
            return {};
        }
    }
    if (role != Qt::DisplayRole)
        return {};
    switch (section) {
    case NameColumn:
        return tr("Endpoint");
    case OkColumn:
        return tr("OK");
    case TtftP50Column:
        return tr("TTFT p50 (ms)");
    case TtftP90Column:
        return tr("TTFT p90 (ms)");
    case TtftP99Column:
        return tr("TTFT p99 (ms)");
    case ItlP50Column:
        return tr("ITL p50 (ms)");
    case ItlP90Column:
        return tr("ITL p90 (ms)");
    case ItlP99Column:
        return tr("ITL p99 (ms)");
    case TpotP50Column:
        return tr("TPOT p50 (ms)");
    case TpotP90Column:
        return tr("TPOT p90 (ms)");
    case TpotP99Column:
        return tr("TPOT p99 (ms)");
    case E2eP50Column:
        return tr("E2E p50 (ms)");
    case E2eP90Column:
        return tr("E2E p90 (ms)");
    case E2eP99Column:
        return tr("E2E p99 (ms)");
    case TokensPerSecondColumn:
        return tr("Output (tokens/s)");
    case PeakTokensPerSecondColumn:
        return tr("Peak (tokens/s)");
    case FailuresColumn:
        return tr("Failures");
    case CostColumn:
        // Profiles carry prices without a currency (whatever the provider bills in), so the unit
        // is "¤", the generic currency sign, rather than a guessed "$" over a ¥ price list.
        return tr("Cost / 1k req (¤)");
    default:
        return {};
    }
}
