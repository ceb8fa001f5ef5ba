#include "rulecomparisonview.h"

#include "charts/barchart.h"
#include "charts/palette.h"

#include <QDoubleSpinBox>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QSpinBox>
#include <QTableWidget>

#include <cmath>

namespace {

QString number(double v, int decimals)
{
    return QLocale().toString(v, 'f', decimals);
}

QString signedNumber(double v, int decimals)
{
    const QString text = number(std::abs(v), decimals);
    if (text == number(0, decimals))
        return text;
    return (v > 0 ? QStringLiteral("+") : QStringLiteral("−")) + text;
}

QLabel *plainLabel(QWidget *parent, const char *name)
{
    auto *label = new QLabel(parent);
    label->setObjectName(QString::fromLatin1(name));
    label->setWordWrap(true);
    label->setTextFormat(Qt::PlainText);
    return label;
}

} // namespace

RuleComparisonView::RuleComparisonView(QWidget *parent)
    : QWidget(parent)
{
    auto *intro = plainLabel(this, "ruleIntro");
    intro->setText(
        tr("The typical batcher sends a batch only when it is full: it declares a maximum wait but "
           "never uses it. Here the same Poisson arrivals (same seed) go through that rule and through "
           "the same batcher with a timer. The server, token counts, requests and seed come from the "
           "form on the left."));

    m_rate = new QDoubleSpinBox(this);
    m_rate->setObjectName(QStringLiteral("ruleRate"));
    m_rate->setRange(0.001, 1e6);
    m_rate->setDecimals(3);
    m_rate->setValue(2);
    m_rate->setSuffix(tr(" req/s"));
    m_rate->setToolTip(tr("Mean rate of the Poisson arrivals. A missing timer costs most at low load."));
    m_batchSize = new QSpinBox(this);
    m_batchSize->setObjectName(QStringLiteral("ruleBatchSize"));
    m_batchSize->setRange(1, 100'000);
    m_batchSize->setValue(BatchRuleComparison::TypicalMaxBatchSize);
    m_batchSize->setToolTip(tr("Requests per batch; the typical usage is 4."));
    m_maxWait = new QDoubleSpinBox(this);
    m_maxWait->setObjectName(QStringLiteral("ruleMaxWait"));
    m_maxWait->setRange(0, 3'600'000);
    m_maxWait->setDecimals(1);
    m_maxWait->setValue(100);
    m_maxWait->setSuffix(tr(" ms"));
    m_maxWait->setToolTip(tr("How long the max-wait rule lets a partial batch wait; 100 ms is the wait the "
                             "typical batcher declares."));
    m_compare = new QPushButton(tr("Compare rules"), this);
    m_compare->setObjectName(QStringLiteral("compareRules"));
    // Two rows of two: in one row the fields alone were wider than the space beside the form.
    auto *controls = new QGridLayout;
    controls->addWidget(new QLabel(tr("Rate:"), this), 0, 0);
    controls->addWidget(m_rate, 0, 1);
    controls->addWidget(new QLabel(tr("Max batch size:"), this), 0, 2);
    controls->addWidget(m_batchSize, 0, 3);
    controls->addWidget(new QLabel(tr("Max wait:"), this), 1, 0);
    controls->addWidget(m_maxWait, 1, 1);
    controls->addWidget(m_compare, 1, 2, 1, 2, Qt::AlignLeft);
    controls->setColumnStretch(4, 1);

    m_verdict = plainLabel(this, "ruleVerdict");
    QFont bold = m_verdict->font();
    bold.setBold(true);
    bold.setPointSizeF(bold.pointSizeF() * 1.15);
    m_verdict->setFont(bold);
    auto *note = plainLabel(this, "ruleNote");
    note->setText(
        tr("Without a timer a partial batch waits for more requests, so the last requests wait for the "
           "end of the trace, where a final flush sends them. With a timer a partial batch leaves once "
           "its oldest request has waited the max wait."));
    m_settings = plainLabel(this, "ruleSettings");

    m_table = new QTableWidget(0, 4, this);
    m_table->setObjectName(QStringLiteral("ruleTable"));
    m_table->verticalHeader()->hide();
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_table->setMinimumWidth(380);

    m_ttftChart = new BarChart(this);

    m_ttftChart->setEmptyText(tr("Click “Compare rules” to run both rules at the same load."));
    m_ttftChart->setObjectName(QStringLiteral("ruleTtftChart"));
    m_ttftChart->setTitle(tr("Time to first token"));
    m_ttftChart->setAxisTitles(QString(), tr("Milliseconds"));
    m_ttftChart->setLegendVisible(false); // the end-to-end chart's legend names both colours
    m_e2eChart = new BarChart(this);
    m_e2eChart->setEmptyText(tr("Click “Compare rules” to run both rules at the same load."));
    m_e2eChart->setObjectName(QStringLiteral("ruleE2eChart"));
    m_e2eChart->setTitle(tr("End-to-end latency"));
    m_e2eChart->setAxisTitles(QString(), tr("Milliseconds"));

    auto *layout = new QGridLayout(this);
    layout->addWidget(intro, 0, 0, 1, 2);
    layout->addLayout(controls, 1, 0, 1, 2);
    layout->addWidget(m_verdict, 2, 0, 1, 2);
    layout->addWidget(note, 3, 0, 1, 2);
    layout->addWidget(m_settings, 4, 0, 1, 2);
    // The table above the two charts: side by side they need more width than a 1280-pixel
    // screen leaves beside the form.
    layout->addWidget(m_table, 5, 0, 1, 2);
    layout->addWidget(m_ttftChart, 6, 0);
    layout->addWidget(m_e2eChart, 6, 1);
    m_ttftChart->setMinimumHeight(ChartView::LegibleHeight);
    m_e2eChart->setMinimumHeight(ChartView::LegibleHeight);
    layout->setColumnStretch(0, 1);
    layout->setColumnStretch(1, 1);
    layout->setRowStretch(5, 1);
    layout->setRowStretch(6, 2);

    connect(m_compare, &QPushButton::clicked, this, &RuleComparisonView::compareRequested);
    clear();
}

double RuleComparisonView::ratePerSecond() const
{
    return m_rate->value();
}

int RuleComparisonView::maxBatchSize() const
{
    return m_batchSize->value();
}

double RuleComparisonView::maxWaitMs() const
{
    return m_maxWait->value();
}

void RuleComparisonView::clear()
{
    m_has = false;
    m_verdict->setText(tr("Press Compare rules to see what waiting for a full batch costs at this rate."));
    m_settings->clear();
    m_table->setRowCount(0);
    m_table->setHorizontalHeaderLabels(
        { tr("Figure"), tr("Full batch only (typical)"), tr("Max wait"), tr("Difference") });
    m_ttftChart->setData({}, {});
    m_e2eChart->setData({}, {});
}

void RuleComparisonView::setBusy(const QString &message)
{
    m_verdict->setText(message);
}

void RuleComparisonView::setRunning(bool running)
{
    m_compare->setEnabled(!running);
}

QString RuleComparisonView::verdictText() const
{
    return m_verdict->text();
}

void RuleComparisonView::setComparison(const BatchRuleComparison &c)
{
    m_comparison = c;
    m_has = true;
    m_verdict->setText(c.summary());
    const SimulationConfig &f = c.fullBatchConfig;
    const QString waitName
        = tr("Max wait %1 ms").arg(number(double(c.maxWaitConfig.policy.maxQueueDelayNs) / 1e6, 1));
    const QString fullName = tr("Full batch only (typical)");
    m_settings->setText(tr("Same %1 requests and seed %2 through both: Poisson arrivals at %3 requests/s; "
                           "max batch %4; %5 prompt + "
                           "%6 output tokens; model %7.")
                            .arg(f.requests)
                            .arg(f.seed)
                            .arg(QLocale().toString(f.ratePerSecond, 'f', QLocale::FloatingPointShortest))
                            .arg(f.policy.maxBatchSize)
                            .arg(f.promptTokens)
                            .arg(f.outputTokens)
                            .arg(f.model.name));
    m_table->setHorizontalHeaderLabels({ tr("Figure"), fullName, waitName, tr("Difference") });

    struct Row
    {
        QString name;
        double fullBatch;
        double maxWait;
        int decimals;
    };
    const SimulationResult &a = c.fullBatch;
    const SimulationResult &b = c.maxWait;
    const QList<Row> rows {
        { tr("Requests/s"), a.requestsPerSecond, b.requestsPerSecond, 2 },
        { tr("Output tokens/s"), a.outputTokensPerSecond, b.outputTokensPerSecond, 0 },
        { tr("TTFT p50 (ms)"), a.ttftMs.p50, b.ttftMs.p50, 1 },
        { tr("TTFT p95 (ms)"), a.ttftMs.p95, b.ttftMs.p95, 1 },
        { tr("TTFT p99 (ms)"), a.ttftMs.p99, b.ttftMs.p99, 1 },
        { tr("E2E p50 (ms)"), a.e2eMs.p50, b.e2eMs.p50, 1 },
        { tr("E2E p95 (ms)"), a.e2eMs.p95, b.e2eMs.p95, 1 },
        { tr("E2E p99 (ms)"), a.e2eMs.p99, b.e2eMs.p99, 1 },
        { tr("Queue wait (ms)"), a.queueWaitMs.mean, b.queueWaitMs.mean, 1 },
        { tr("Mean batch"), a.meanBatchSize, b.meanBatchSize, 2 },
    };
    m_table->setRowCount(int(rows.size()));
    for (int i = 0; i < rows.size(); ++i) {
        const Row &r = rows.at(i);
        const QStringList cells { r.name, number(r.fullBatch, r.decimals), number(r.maxWait, r.decimals),
                                  signedNumber(r.fullBatch - r.maxWait, r.decimals) };
        for (int col = 0; col < cells.size(); ++col) {
            auto *item = new QTableWidgetItem(cells.at(col));
            if (col > 0)
                item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
            m_table->setItem(i, col, item);
        }
    }

    const QColor fullColor = Palette::series(5);
    const QColor waitColor = Palette::series(0);
    const QStringList percentiles { QStringLiteral("p50"), QStringLiteral("p95"), QStringLiteral("p99") };
    m_ttftChart->setData(percentiles,
                         { { fullName, fullColor, { a.ttftMs.p50, a.ttftMs.p95, a.ttftMs.p99 } },
                           { waitName, waitColor, { b.ttftMs.p50, b.ttftMs.p95, b.ttftMs.p99 } } });
    m_e2eChart->setData(percentiles,
                        { { fullName, fullColor, { a.e2eMs.p50, a.e2eMs.p95, a.e2eMs.p99 } },
                          { waitName, waitColor, { b.e2eMs.p50, b.e2eMs.p95, b.e2eMs.p99 } } });
}
