#include "cacheoutcomemodel.h"

#include <QGuiApplication>

CacheOutcomeModel::CacheOutcomeModel(QObject *parent)
    : QAbstractTableModel(parent)
{
}

void CacheOutcomeModel::setOutcomes(const QList<QueryOutcome> &outcomes)
{
    beginResetModel();
    m_outcomes = outcomes;
    endResetModel();
}

QColor CacheOutcomeModel::colorOf(const QueryOutcome &outcome)
{
    return colorOf(outcome, QGuiApplication::palette());
}

QColor CacheOutcomeModel::colorOf(const QueryOutcome &outcome, const QPalette &palette)
{
    // A hue blended over the base: pastel on a light base, a deep tint on a dark one, and in
    // both the palette's text colour stays readable on it.
    const auto over = [&palette](const QColor &hue, double alpha) {
        const QColor base = palette.color(QPalette::Active, QPalette::Base);
        return QColor::fromRgbF(float(hue.redF() * alpha + base.redF() * (1 - alpha)),
                                float(hue.greenF() * alpha + base.greenF() * (1 - alpha)),
                                float(hue.blueF() * alpha + base.blueF() * (1 - alpha)));
    };
    if (outcome.falseHit)
        return over(QColor(0xD6, 0x45, 0x45), 0.4); // red: a wrong answer served
    switch (outcome.kind) {
    case CacheLookup::Kind::ExactHit:
        return over(QColor(0x2E, 0xA0, 0x4F), 0.4); // green
    case CacheLookup::Kind::SemanticHit:
        return over(QColor(0x2F, 0x80, 0xC8), 0.4); // blue
    case CacheLookup::Kind::Miss:
        break;
    }
    return over(palette.color(QPalette::Active, QPalette::Text), 0.1); // a grey of the theme
}

QString CacheOutcomeModel::resultText(const QueryOutcome &outcome)
{
    if (outcome.falseHit)
        return tr("false hit");
    switch (outcome.kind) {
    case CacheLookup::Kind::ExactHit:
        return tr("exact hit");
    case CacheLookup::Kind::SemanticHit:
        return tr("semantic hit");
    case CacheLookup::Kind::Miss:
        break;
    }
    return outcome.error.isEmpty() ? tr("miss") : tr("miss (failed: %1)").arg(outcome.error);
}

int CacheOutcomeModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_outcomes.size());
}

int CacheOutcomeModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant CacheOutcomeModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_outcomes.size())
        return {};
    const QueryOutcome &o = m_outcomes.at(index.row());
    if (role == Qt::BackgroundRole)
        return colorOf(o);
    if (role == Qt::ForegroundRole) // the tints keep the base's lightness: its text reads on them
        return QGuiApplication::palette().color(QPalette::Active, QPalette::Text);
    if (role == Qt::TextAlignmentRole) {
        const bool number = index.column() == IndexColumn || index.column() == TimeColumn
            || index.column() == ScoreColumn || index.column() == LatencyColumn;
        return int((number ? Qt::AlignRight : Qt::AlignLeft) | Qt::AlignVCenter);
    }
    const bool hasScore = o.score > -1.5f;
    if (role == Qt::UserRole) {
        switch (index.column()) {
        case IndexColumn:
            return o.index + 1;
        case TimeColumn:
            return o.timeS;
        case ScoreColumn:
            return hasScore ? double(o.score) : -2.0;
        case LatencyColumn:
            return o.latencyMs;
        default:
            break;
        }
    }
    if (role != Qt::DisplayRole && role != Qt::UserRole && role != Qt::ToolTipRole)
        return {};
    switch (index.column()) {
    case IndexColumn:
        return o.index + 1;
    case TimeColumn:
        return QString::number(o.timeS, 'f', 1);
    case QueryColumn:
        return o.text;
    case ResultColumn:
        return resultText(o);
    case ScoreColumn:
        return hasScore ? QString::number(double(o.score), 'f', 3) : QString();
    case MatchedColumn:
        return o.matchedText;
    case GroupColumn:
        return o.matchedGroup.isEmpty() ? o.group : o.group + QStringLiteral(" → ") + o.matchedGroup;
    case LatencyColumn:
        return QString::number(o.latencyMs, 'f', o.latencyMs < 10 ? 3 : 1);
    default:
        return {};
    }
}

QVariant CacheOutcomeModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal)
        return {};
    if (role == Qt::ToolTipRole && section == MatchedColumn)
        return tr("The cached entry a hit was answered from, or the nearest entry a miss found");
    if (role != Qt::DisplayRole)
        return {};
    switch (section) {
    case IndexColumn:
        return tr("#");
    case TimeColumn:
        return tr("Time (s)");
    case QueryColumn:
        return tr("Query");
    case ResultColumn:
        return tr("Result");
    case ScoreColumn:
        return tr("Similarity");
    case MatchedColumn:
        return tr("Nearest entry");
    case GroupColumn:
        return tr("Group → matched group");
    case LatencyColumn:
        return tr("Latency (ms)");
    default:
        return {};
    }
}
