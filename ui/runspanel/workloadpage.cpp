#include "workloadpage.h"
#include "figuretable.h"

#include "metrics/figureformat.h"
#include "metrics/workloadbreakdown.h"

#include <QLabel>
#include <QLocale>
#include <QTableWidget>
#include <QVBoxLayout>

#include <functional>

RunWorkloadPage::RunWorkloadPage(QWidget *parent)
    : QWidget(parent)
    , m_note(new QLabel(this))
    , m_table(new QTableWidget(this))
    , m_turnChart(new BarChart(this))
{
    setObjectName(QStringLiteral("workloadPage"));
    m_note->setObjectName(QStringLiteral("workloadNote"));
    m_note->setTextFormat(Qt::PlainText);
    m_note->setWordWrap(true);
    m_note->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_table->setObjectName(QStringLiteral("workloadTable"));
    FigureTable::setUp(m_table);
    m_turnChart->setObjectName(QStringLiteral("turnChart"));
    setUpTurnChart(m_turnChart);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_note);
    layout->addWidget(m_table);
    layout->addWidget(m_turnChart, 1);
    setRuns({});
}

void RunWorkloadPage::setUpTurnChart(BarChart *chart)
{
    chart->setTitle(tr("TTFT p50 by conversation turn"));
    chart->setAxisTitles(QString(), tr("TTFT p50 (ms)"));
    chart->setEmptyText(tr("Run conversations (Workload → Turns) to see whether the TTFT grows with the history "
                           "each turn carries."));
    chart->setValueLabelsVisible(true, 4);
}

QList<BarChart::Series> RunWorkloadPage::turnSeries(const QList<EndpointRun> &runs, QStringList *categories)
{
    QList<WorkloadBreakdown> breakdowns;
    int turns = 0;
    for (const EndpointRun &run : runs) {
        breakdowns.append(WorkloadBreakdown::of(run.records, run.config.prompts));
        if (!breakdowns.constLast().ttftByTurnMs.isEmpty())
            turns = std::max(turns, breakdowns.constLast().ttftByTurnMs.lastKey());
    }
    QList<BarChart::Series> series;
    if (categories)
        categories->clear();
    if (turns == 0)
        return series;
    for (int t = 1; t <= turns; ++t) {
        if (categories)
            categories->append(tr("Turn %1").arg(t));
    }
    for (qsizetype i = 0; i < runs.size(); ++i) {
        if (breakdowns.at(i).ttftByTurnMs.isEmpty())
            continue;
        BarChart::Series s;
        s.name = runs.at(i).endpoint.name;
        s.color = QColor::fromString(runs.at(i).endpoint.color);
        for (int t = 1; t <= turns; ++t)
            s.values.append(breakdowns.at(i).ttftByTurnMs.value(t).p50);
        series.append(s);
    }
    return series;
}

void RunWorkloadPage::setRuns(const QList<EndpointRun> &runs)
{
    QList<std::pair<const EndpointRun *, WorkloadBreakdown>> rows;
    for (const EndpointRun &run : runs)
        rows.append({ &run, WorkloadBreakdown::of(run.records, run.config.prompts) });

    const QString none = QStringLiteral("—");
    const auto ms = [none](const Distribution &d) {
        return d.isEmpty() ? none : FigureFormat::milliseconds(d.p50);
    };
    using Cell = std::function<QString(const EndpointRun &, const WorkloadBreakdown &)>;
    const std::pair<QString, Cell> columns[] = {
        { tr("Endpoint"), [](const EndpointRun &run, const WorkloadBreakdown &) { return run.endpoint.name; } },
        { tr("Ended before\nmax_tokens"),
          [none](const EndpointRun &, const WorkloadBreakdown &b) {
              return b.requestsWithTarget == 0 ? none
                                               : tr("%1 of %2").arg(b.requestsEndedEarly).arg(b.requestsWithTarget);
          } },
        { tr("Prompt cache:\nrequests · tokens"),
          [none](const EndpointRun &, const WorkloadBreakdown &b) {
              return b.hasPromptCacheFigures()
                  ? tr("%1 of %2 · %3%")
                        .arg(b.cachedTtftMs.count)
                        .arg(b.cachedTtftMs.count + b.uncachedTtftMs.count)
                        .arg(QLocale().toString(100.0 * b.cachedTokenShare(), 'f', 1))
                  : none;
          } },
        { tr("TTFT p50 (ms):\ncached / not"),
          [ms](const EndpointRun &, const WorkloadBreakdown &b) {
              return tr("%1 / %2").arg(ms(b.cachedTtftMs), ms(b.uncachedTtftMs));
          } },
    };
    m_table->clear();
    m_table->setColumnCount(int(std::size(columns)));
    m_table->setRowCount(int(rows.size()));
    QStringList headers;
    for (const auto &column : columns)
        headers.append(column.first);
    m_table->setHorizontalHeaderLabels(headers);
    bool anyFigure = false;
    for (int r = 0; r < int(rows.size()); ++r) {
        const auto &[run, breakdown] = rows.at(r);
        anyFigure = anyFigure || breakdown.requestsWithTarget > 0 || breakdown.hasPromptCacheFigures();
        for (int c = 0; c < int(std::size(columns)); ++c) {
            auto *item = new QTableWidgetItem(columns[c].second(*run, breakdown));
            item->setTextAlignment(c == 0 ? Qt::AlignLeft | Qt::AlignVCenter : Qt::AlignRight | Qt::AlignVCenter);
            m_table->setItem(r, c, item);
        }
    }
    m_table->setToolTip(tr("A request ended early when the model stopped before its max_tokens (--ignore-eos "
                           "asks it not to, where the server allows). Cached figures come from the server's "
                           "usage: OpenAI cached_tokens, Anthropic cache_read_input_tokens, Gemini "
                           "cachedContentTokenCount, llama.cpp cache_n."));
    m_table->setVisible(anyFigure);
    FigureTable::fit(m_table);

    QStringList categories;
    const QList<BarChart::Series> series = turnSeries(runs, &categories);
    m_turnChart->setData(categories, series);

    if (!anyFigure)
        m_note->setText(tr("Set a Workload in the run settings. Each endpoint's row then shows how many requests "
                           "stopped before their max_tokens, and the TTFT of requests its server's prompt cache "
                           "served against the rest; conversations show their TTFT turn by turn below."));
    m_note->setVisible(!anyFigure);
}
