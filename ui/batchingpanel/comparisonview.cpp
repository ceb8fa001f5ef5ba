#include "comparisonview.h"

#include "charts/barchart.h"
#include "charts/palette.h"

#include <QGridLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QTableWidget>
#include <QVBoxLayout>

namespace {

QString number(double v, int decimals)
{
    return QLocale().toString(v, 'f', decimals);
}

} // namespace

ComparisonView::ComparisonView(QWidget *parent)
    : QWidget(parent)
{
    m_verdict = new QLabel(this);
    m_verdict->setObjectName(QStringLiteral("comparisonVerdict"));
    m_verdict->setWordWrap(true);
    m_verdict->setTextFormat(Qt::PlainText);
    QFont bold = m_verdict->font();
    bold.setBold(true);
    bold.setPointSizeF(bold.pointSizeF() * 1.15);
    m_verdict->setFont(bold);
    m_settings = new QLabel(this);
    m_settings->setWordWrap(true);
    m_settings->setTextFormat(Qt::PlainText);
    // A claim checked without its source reads as ours.
    m_claimSource
        = new QLabel(tr("The +3× claim: \"batching: throughput +3×\", as the commonly quoted table of "
                        "LLM serving optimisations puts it (the Impact panel lists its other rows); "
                        "Triton's dynamic-batching tutorial measures a gain of that size. It holds "
                        "here when throughput is at least ×3 at an E2E p95 no worse than without "
                        "batching."),
                     this);
    m_claimSource->setObjectName(QStringLiteral("claimSource"));
    m_claimSource->setWordWrap(true);
    m_claimSource->setTextFormat(Qt::PlainText);
    m_claimSource->setForegroundRole(QPalette::PlaceholderText);

    m_table = new QTableWidget(0, 4, this);
    m_table->setObjectName(QStringLiteral("comparisonTable"));
    m_table->setHorizontalHeaderLabels({ tr("Figure"), tr("No batching"), tr("Dynamic batching"), tr("Ratio") });
    m_table->verticalHeader()->hide();
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    // As wide as its columns, Ratio included: the grid would otherwise give it a fixed share
    // and cut the last column.
    m_table->setSizeAdjustPolicy(QAbstractScrollArea::AdjustToContents);
    m_table->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_table->setSizePolicy(QSizePolicy::Minimum, QSizePolicy::Expanding);
    m_table->setMinimumWidth(360);

    m_throughputChart = new BarChart(this);

    m_throughputChart->setEmptyText(tr("Select a configuration in the sweep table to compare it with no batching."));
    m_throughputChart->setObjectName(QStringLiteral("comparisonThroughputChart"));
    m_throughputChart->setTitle(tr("Throughput"));
    m_throughputChart->setAxisTitles(QString(), tr("Requests per second"));
    m_throughputChart->setValueLabelsVisible(true, 4);
    m_throughputChart->setLegendVisible(false); // the latency chart's legend names both colours
    m_latencyChart = new BarChart(this);
    m_latencyChart->setEmptyText(tr("Select a configuration in the sweep table to compare it with no batching."));
    m_latencyChart->setObjectName(QStringLiteral("comparisonLatencyChart"));
    m_latencyChart->setTitle(tr("End-to-end latency"));
    m_latencyChart->setAxisTitles(QString(), tr("Milliseconds"));

    auto *layout = new QGridLayout(this);
    // The table above the two charts, which share the width below it.
    layout->addWidget(m_verdict, 0, 0, 1, 2);
    layout->addWidget(m_settings, 1, 0, 1, 2);
    layout->addWidget(m_table, 2, 0, 1, 2);
    layout->addWidget(m_throughputChart, 3, 0);
    layout->addWidget(m_latencyChart, 3, 1);
    layout->addWidget(m_claimSource, 4, 0, 1, 2);
    m_throughputChart->setMinimumHeight(ChartView::LegibleHeight);
    m_latencyChart->setMinimumHeight(ChartView::LegibleHeight);
    layout->setColumnStretch(0, 1);
    layout->setColumnStretch(1, 1);
    layout->setRowStretch(2, 1);
    layout->setRowStretch(3, 2);
    clear();
}

void ComparisonView::clear()
{
    m_has = false;
    m_verdict->setText(tr("Select a configuration in the sweep to compare it with the same server "
                          "without batching."));
    m_settings->clear();
    m_table->setRowCount(0);
    m_throughputChart->setData({}, {});
    m_latencyChart->setData({}, {});
}

void ComparisonView::setBusy(const QString &message)
{
    m_verdict->setText(message);
}

QString ComparisonView::verdictText() const
{
    return m_verdict->text();
}

void ComparisonView::setComparison(const BatchComparison &c)
{
    m_comparison = c;
    m_has = true;
    const QString gain = number(c.throughputGain(), 2);
    const QString p95 = number(c.p95LatencyRatio(), 2);
    m_verdict->setText(c.meetsSeedClaim()
                           ? tr("Throughput ×%1 at E2E p95 ×%2: the +3× claim holds with these settings.")
                                 .arg(gain, p95)
                           : tr("Throughput ×%1 at E2E p95 ×%2: the +3× claim does not hold with these settings.")
                                 .arg(gain, p95));
    const SimulationConfig &b = c.batchedConfig;
    const QString batchedName
        = b.mode == SchedulingMode::Continuous ? tr("Continuous batching") : tr("Dynamic batching");
    m_table->setHorizontalHeaderLabels({ tr("Figure"), tr("No batching"), batchedName, tr("Ratio") });
    const QString load = b.arrivals == ArrivalPattern::ClosedLoop
        ? tr("%n clients in a closed loop", nullptr, b.clients)
        : tr("%1 requests/s (%2 arrivals)").arg(number(b.ratePerSecond, 2), BatchSimulator::arrivalName(b.arrivals));
    const QString policy = b.mode == SchedulingMode::Continuous
        ? tr("continuous batching, up to %1 sequences, %2 tokens per step")
              .arg(b.maxSequences)
              .arg(b.tokenBudget)
        : !b.policy.hasTimer()
        ? tr("dynamic batching, full batches of %1 only (no timer)").arg(b.policy.maxBatchSize)
        : tr("dynamic batching, max batch %1, max wait %2 ms")
              .arg(b.policy.maxBatchSize)
              .arg(number(double(b.policy.maxQueueDelayNs) / 1e6, 1));
    m_settings->setText(tr("Same %1 requests and seed %2 through both: %3; %4; %5 prompt + %6 output tokens; model %7.")
                            .arg(b.requests)
                            .arg(b.seed)
                            .arg(load, policy)
                            .arg(b.promptTokens)
                            .arg(b.outputTokens)
                            .arg(b.model.name));

    struct Row
    {
        QString name;
        double baseline;
        double batched;
        int decimals;
    };
    const QList<Row> rows {
        { tr("Requests/s"), c.baseline.requestsPerSecond, c.batched.requestsPerSecond, 2 },
        { tr("Output tokens/s"), c.baseline.outputTokensPerSecond, c.batched.outputTokensPerSecond, 0 },
        { tr("TTFT p50 (ms)"), c.baseline.ttftMs.p50, c.batched.ttftMs.p50, 1 },
        { tr("E2E p50 (ms)"), c.baseline.e2eMs.p50, c.batched.e2eMs.p50, 1 },
        { tr("E2E p95 (ms)"), c.baseline.e2eMs.p95, c.batched.e2eMs.p95, 1 },
        { tr("E2E p99 (ms)"), c.baseline.e2eMs.p99, c.batched.e2eMs.p99, 1 },
        { tr("Queue wait (ms)"), c.baseline.queueWaitMs.mean, c.batched.queueWaitMs.mean, 1 },
        { tr("Mean batch"), c.baseline.meanBatchSize, c.batched.meanBatchSize, 2 },
        { tr("Busy %"), c.baseline.utilisation * 100, c.batched.utilisation * 100, 1 },
    };
    m_table->setRowCount(int(rows.size()));
    for (int i = 0; i < rows.size(); ++i) {
        const Row &r = rows.at(i);
        const QStringList cells { r.name, number(r.baseline, r.decimals), number(r.batched, r.decimals),
                                  r.baseline > 0 ? QStringLiteral("×") + number(r.batched / r.baseline, 2)
                                                 : QStringLiteral("–") };
        for (int col = 0; col < cells.size(); ++col) {
            auto *item = new QTableWidgetItem(cells.at(col));
            if (col > 0)
                item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
            m_table->setItem(i, col, item);
        }
    }

    const QColor baselineColor = Palette::series(6);
    const QColor batchedColor = Palette::series(0);
    m_throughputChart->setData({ QStringLiteral(" ") },
                               { { tr("No batching"), baselineColor, { c.baseline.requestsPerSecond } },
                                 { batchedName, batchedColor, { c.batched.requestsPerSecond } } });
    m_latencyChart->setData({ QStringLiteral("p50"), QStringLiteral("p95"), QStringLiteral("p99") },
                            { { tr("No batching"), baselineColor,
                                { c.baseline.e2eMs.p50, c.baseline.e2eMs.p95, c.baseline.e2eMs.p99 } },
                              { batchedName, batchedColor,
                                { c.batched.e2eMs.p50, c.batched.e2eMs.p95, c.batched.e2eMs.p99 } } });
}
