#include "breakdownpanel.h"

#include "charts/phasebarchart.h"
#include "charts/phasestyle.h"
#include "metrics/phaseranges.h"
#include "waterfallview.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPainter>
#include <QPixmap>
#include <QSplitter>
#include <QStyle>
#include <QTableWidget>
#include <QToolButton>
#include <QVBoxLayout>

#include <algorithm>

namespace {

QString formatMs(double ms)
{
    return ms < 10 ? BreakdownPanel::tr("%1 ms").arg(ms, 0, 'f', 2) : BreakdownPanel::tr("%1 ms").arg(ms, 0, 'f', 1);
}

/// The verdict in a word: the column's header says against what.
QString verdictWord(RangeVerdict verdict)
{
    switch (verdict) {
    case RangeVerdict::Below:
        return BreakdownPanel::tr("below");
    case RangeVerdict::Within:
        return BreakdownPanel::tr("within");
    case RangeVerdict::Above:
        return BreakdownPanel::tr("above");
    case RangeVerdict::NoRange:
        break;
    }
    return QStringLiteral("\u2014");
}

QIcon swatch(const QColor &color)
{
    QPixmap pixmap(12, 12);
    pixmap.fill(Qt::transparent);
    QPainter painter(&pixmap);
    painter.setPen(QPen(color.darker(140), 1));
    painter.setBrush(color);
    painter.drawRect(QRectF(0.5, 0.5, 11, 11));
    return QIcon(pixmap);
}

} // namespace

BreakdownPanel::BreakdownPanel(QWidget *parent)
    : QWidget(parent)
{
    m_statistic = new QComboBox(this);
    m_statistic->setObjectName(QStringLiteral("statistic"));
    m_statistic->addItem(tr("Mean"), QVariant::fromValue(Statistic::Mean));
    m_statistic->addItem(tr("Median (p50)"), QVariant::fromValue(Statistic::P50));
    m_statistic->addItem(tr("p90"), QVariant::fromValue(Statistic::P90));
    m_statistic->addItem(tr("p99"), QVariant::fromValue(Statistic::P99));
    m_statistic->setToolTip(tr("Which figure of each phase the bars show"));
    auto *statisticLabel = new QLabel(tr("&Statistic:"), this);
    statisticLabel->setBuddy(m_statistic);

    m_chart = new PhaseBarChart(this);

    m_chart->setEmptyText(tr("Send a request on the Live tab, or run a load on the Runs tab, to see its five phases."));
    m_chart->setTitle(tr("Latency by phase"));
    m_chart->setMinimumHeight(220);

    auto *exportButton = new QToolButton(this);
    exportButton->setDefaultAction(m_chart->exportAction());
    auto *copyButton = new QToolButton(this);
    copyButton->setDefaultAction(m_chart->copyAction());

    auto *top = new QHBoxLayout;
    top->addWidget(statisticLabel);
    top->addWidget(m_statistic);
    top->addStretch(1);
    top->addWidget(exportButton);
    top->addWidget(copyButton);

    m_note = new QLabel(this);
    m_note->setWordWrap(true);
    m_note->setForegroundRole(QPalette::PlaceholderText);

    m_table = new QTableWidget(this);
    m_table->setObjectName(QStringLiteral("phaseTable"));
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setSelectionMode(QAbstractItemView::NoSelection);
    m_table->setAlternatingRowColors(true);
    // Fixed, compact rows: the table must show all six rows without a scroll bar.
    m_table->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    m_table->verticalHeader()->setDefaultSectionSize(m_table->fontMetrics().height() + 8);
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::Stretch);
    m_table->setVerticalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_table->setSizeAdjustPolicy(QAbstractScrollArea::AdjustIgnored);
    m_table->setWordWrap(false);
    m_table->installEventFilter(this);

    m_waterfall = new WaterfallView(this);

    auto *upper = new QWidget(this);
    auto *upperLayout = new QVBoxLayout(upper);
    upperLayout->setContentsMargins(0, 0, 0, 0);
    upperLayout->addWidget(m_chart, 3);
    upperLayout->addWidget(m_table, 0);

    auto *splitter = new QSplitter(Qt::Vertical, this);
    splitter->addWidget(upper);
    splitter->addWidget(m_waterfall);
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 2);
    splitter->setChildrenCollapsible(false);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(top);
    layout->addWidget(m_note);
    layout->addWidget(splitter, 1);

    connect(m_statistic, &QComboBox::currentIndexChanged, this, &BreakdownPanel::refresh);
    connect(m_chart, &PhaseBarChart::barClicked, this, &BreakdownPanel::runClicked);
    refresh();
}

BreakdownPanel::~BreakdownPanel() = default;

void BreakdownPanel::setRuns(const QList<std::pair<EndpointProfile, RunSummary>> &runs)
{
    m_runs = runs;
    sortRuns();
    refresh();
}

void BreakdownPanel::setEndpointOrder(const QStringList &ids)
{
    if (ids == m_order)
        return;
    m_order = ids;
    sortRuns();
    refresh();
}

void BreakdownPanel::sortRuns()
{
    const auto rank = [this](const EndpointProfile &profile) {
        const qsizetype at = m_order.indexOf(profile.id);
        return at < 0 ? m_order.size() : at;
    };
    std::stable_sort(m_runs.begin(), m_runs.end(),
                     [&rank](const auto &a, const auto &b) { return rank(a.first) < rank(b.first); });
}

QStringList BreakdownPanel::endpointNames() const
{
    QStringList names;
    for (const auto &run : m_runs)
        names.append(run.first.name);
    return names;
}

void BreakdownPanel::showRequest(const RequestRecord &record)
{
    m_waterfall->setRecord(record);
}

BreakdownPanel::Statistic BreakdownPanel::statistic() const
{
    return m_statistic->currentData().value<Statistic>();
}

void BreakdownPanel::setStatistic(Statistic statistic)
{
    m_statistic->setCurrentIndex(m_statistic->findData(QVariant::fromValue(statistic)));
}

double BreakdownPanel::pick(const Distribution &distribution, Statistic statistic)
{
    switch (statistic) {
    case Statistic::Mean: return distribution.mean;
    case Statistic::P50: return distribution.p50;
    case Statistic::P90: return distribution.p90;
    case Statistic::P99: return distribution.p99;
    }
    return distribution.mean;
}

void BreakdownPanel::refresh()
{
    const Statistic stat = statistic();
    if (stat == Statistic::Mean) {
        m_note->setText(tr("Means add up: each bar is the mean end-to-end latency."));
    } else {
        // Percentiles are taken phase by phase over different requests, so the stack is
        // not the percentile of the end-to-end latency; say so where the bars are read.
        m_note->setText(tr("Each phase shows its own %1 over all requests. Percentiles of phases do not add "
                           "up to the end-to-end %1.")
                            .arg(m_statistic->currentText()));
    }

    QList<PhaseBarChart::Bar> bars;
    for (const auto &[profile, summary] : std::as_const(m_runs)) {
        PhaseBarChart::Bar bar;
        bar.label = profile.name;
        bar.color = QColor(profile.color);
        for (Phase phase : Phases::all()) {
            const size_t i = size_t(phase);
            bar.phases.ms[i] = pick(summary.phaseMs[i], stat);
            bar.phases.source[i] = summary.phaseSource[i];
        }
        bars.append(bar);
    }
    m_chart->setBars(bars);

    // Rows are phases and columns endpoints: five rows stay short however many endpoints.
    // The first column is each phase's typical range; every endpoint has its figures and,
    // beside them, where they fall against that range.
    const QList<Phase> phases = Phases::all();
    m_table->clear();
    m_table->setRowCount(int(phases.size()) + 1);
    m_table->setColumnCount(1 + 2 * int(m_runs.size()));
    auto *rangeHeader = new QTableWidgetItem(tr("Typical range"));
    rangeHeader->setToolTip(tr("The range commonly claimed for each phase of a production endpoint; "
                               "generation has none, it grows linearly with the output tokens"));
    m_table->setHorizontalHeaderItem(TypicalRangeColumn, rangeHeader);
    m_table->horizontalHeader()->setSectionResizeMode(TypicalRangeColumn, QHeaderView::ResizeToContents);
    for (int c = 0; c < m_runs.size(); ++c) {
        const QString name = m_runs.at(c).first.name;
        auto *header = new QTableWidgetItem(swatch(QColor(m_runs.at(c).first.color)), name);
        m_table->setHorizontalHeaderItem(valueColumn(c), header);
        auto *verdictHeader = new QTableWidgetItem(tr("vs typical"));
        verdictHeader->setToolTip(tr("%1 against the typical range of each phase").arg(name));
        m_table->setHorizontalHeaderItem(verdictColumn(c), verdictHeader);
        m_table->horizontalHeader()->setSectionResizeMode(valueColumn(c), QHeaderView::Stretch);
        m_table->horizontalHeader()->setSectionResizeMode(verdictColumn(c), QHeaderView::ResizeToContents);
    }
    for (int r = 0; r < phases.size(); ++r) {
        const Phase phase = phases.at(r);
        m_table->setVerticalHeaderItem(r, new QTableWidgetItem(swatch(PhaseStyle::color(phase)), Phases::label(phase)));
        auto *range = new QTableWidgetItem(Phases::typicalRangeText(phase));
        range->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
        if (!Phases::typicalRange(phase))
            range->setToolTip(tr("No fixed range: generation grows linearly with the output tokens."));
        m_table->setItem(r, TypicalRangeColumn, range);
    }
    m_table->setVerticalHeaderItem(int(phases.size()), new QTableWidgetItem(tr("Sum of phases")));
    for (int c = 0; c < m_runs.size(); ++c) {
        const RunSummary &summary = m_runs.at(c).second;
        double sum = 0;
        for (int r = 0; r < phases.size(); ++r) {
            const Phase phase = phases.at(r);
            const size_t i = size_t(phase);
            const double value = pick(summary.phaseMs[i], stat);
            sum += value;
            const PhaseSource source = summary.phaseSource[i];
            auto *item = new QTableWidgetItem(
                tr("%1  (%2)").arg(formatMs(value), Phases::sourceLabel(source)));
            item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
            if (source == PhaseSource::Estimated) {
                QFont italic = item->font();
                italic.setItalic(true);
                item->setFont(italic);
                item->setToolTip(tr("Estimated: the trace cannot separate this phase, so it is modelled."));
            }
            m_table->setItem(r, valueColumn(c), item);

            const RangeVerdict verdict = Phases::verdict(phase, value);
            auto *mark = new QTableWidgetItem(verdict == RangeVerdict::NoRange
                                                  ? verdictWord(verdict)
                                                  : Phases::verdictSymbol(verdict) + u' ' + verdictWord(verdict));
            mark->setData(Qt::UserRole, QVariant::fromValue(verdict));
            mark->setToolTip(verdict == RangeVerdict::NoRange
                                 ? tr("No fixed range: generation grows linearly with the output tokens.")
                                 : tr("%1 of %2: %3 (%4)")
                                       .arg(m_statistic->currentText(), formatMs(value), Phases::verdictLabel(verdict),
                                            Phases::typicalRangeText(phase)));
            m_table->setItem(r, verdictColumn(c), mark);
        }
        auto *total = new QTableWidgetItem(formatMs(sum));
        total->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
        QFont bold = total->font();
        bold.setBold(true);
        total->setFont(bold);
        m_table->setItem(int(phases.size()), valueColumn(c), total);
    }
    fitTable();
}

void BreakdownPanel::fitTable()
{
    // Columns share the width while their headers and figures fit in it; where they do not
    // (the narrow column beside the Requests table), each is as wide as its contents and the
    // table scrolls sideways rather than cutting endpoint names and wrapping figures.
    QHeaderView *header = m_table->horizontalHeader();
    header->setSectionResizeMode(QHeaderView::ResizeToContents);
    const bool fits = header->length() <= m_table->viewport()->width();
    if (fits)
        header->setSectionResizeMode(QHeaderView::Stretch);
    m_table->setHorizontalScrollBarPolicy(fits ? Qt::ScrollBarAlwaysOff : Qt::ScrollBarAsNeeded);
    // Tall enough for every row (and the sideways scroll bar), no more: the chart above should
    // get the spare space.
    const int height = header->sizeHint().height() + 2 * m_table->frameWidth()
        + m_table->rowCount() * m_table->verticalHeader()->defaultSectionSize()
        + (fits ? 0 : m_table->style()->pixelMetric(QStyle::PM_ScrollBarExtent, nullptr, m_table));
    m_table->setFixedHeight(height + 2);
}

bool BreakdownPanel::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_table && event->type() == QEvent::Resize)
        QMetaObject::invokeMethod(this, &BreakdownPanel::fitTable, Qt::QueuedConnection);
    return QWidget::eventFilter(watched, event);
}
