#include "phasebarchart.h"

#include "phasestyle.h"

#include <QBarCategoryAxis>
#include <QBarSet>
#include <QCursor>
#include <QFontMetricsF>
#include <QGraphicsRectItem>
#include <QGraphicsSimpleTextItem>
#include <QHorizontalStackedBarSeries>
#include <QLegend>
#include <QLegendMarker>
#include <QToolTip>
#include <QValueAxis>

#include <algorithm>

namespace {

QString formatMs(double ms)
{
    // Sub-10 ms phases (network on loopback) would all read "0 ms" without a decimal.
    return ms < 10 ? PhaseBarChart::tr("%1 ms").arg(ms, 0, 'f', 1)
                   : PhaseBarChart::tr("%1 ms").arg(qRound64(ms));
}

} // namespace

PhaseBarChart::PhaseBarChart(QWidget *parent)
    : ChartView(parent)
{
    m_series = new QHorizontalStackedBarSeries(this);
    m_series->setBarWidth(0.62);
    for (Phase phase : Phases::all()) {
        const size_t i = size_t(phase);
        m_measured[i] = new QBarSet(Phases::label(phase), this);
        m_estimated[i] = new QBarSet(tr("%1 (estimated)").arg(Phases::label(phase)), this);
        m_series->append(m_measured[i]);
        m_series->append(m_estimated[i]);
        for (bool estimated : {false, true}) {
            QBarSet *set = estimated ? m_estimated[i] : m_measured[i];
            connect(set, &QBarSet::hovered, this, [this, phase, estimated](bool status, int index) {
                const int b = slot(index);
                if (!status || b < 0 || b >= m_bars.size()) {
                    QToolTip::hideText();
                    return;
                }
                const Bar &bar = m_bars.at(b);
                const PhaseSource source = bar.phases.sourceOf(phase);
                QString text = tr("%1 — %2: %3 (%4)")
                                   .arg(bar.label, Phases::label(phase), formatMs(bar.phases[phase]),
                                        Phases::sourceLabel(source));
                if (estimated)
                    text += QLatin1Char('\n') + tr("Estimated: the trace cannot separate this phase.");
                QToolTip::showText(QCursor::pos(), text, this);
            });
        }
    }
    // Per-phase striped sets stay out of the legend; this one entry explains the stripes.
    m_estimatedKey = new QBarSet(tr("Estimated"), this);
    m_series->append(m_estimatedKey);
    chart()->addSeries(m_series);

    m_axisY = new QBarCategoryAxis(this);
    m_axisX = new QValueAxis(this);
    chart()->addAxis(m_axisY, Qt::AlignLeft);
    chart()->addAxis(m_axisX, Qt::AlignBottom);
    m_series->attachAxis(m_axisY);
    m_series->attachAxis(m_axisX);
    setAxisTitles(tr("Latency (ms)"), QString());

    connect(m_series, &QAbstractBarSeries::clicked, this, [this](int index, QBarSet *) {
        const int bar = slot(index);
        if (bar >= 0 && bar < m_bars.size())
            Q_EMIT barClicked(bar);
    });
    connect(chart(), &QChart::plotAreaChanged, this, &PhaseBarChart::layoutLabels);
    restyle();
}

PhaseBarChart::~PhaseBarChart() = default;

void PhaseBarChart::setBars(const QList<Bar> &bars)
{
    m_bars = bars;
    QStringList categories;
    double maxTotal = 0;
    std::array<QList<qreal>, PhaseCount> measured;
    std::array<QList<qreal>, PhaseCount> estimated;
    // Reversed, so that bar 0 is drawn at the top like the first row of a table.
    for (auto it = bars.crbegin(); it != bars.crend(); ++it) {
        const Bar &bar = *it;
        categories.append(bar.label.toHtmlEscaped()); // labels are rich text
        double total = 0;
        for (Phase phase : Phases::all()) {
            const size_t i = size_t(phase);
            // A negative phase (clock skew between server and client timings) cannot be stacked.
            const double value = std::max(0.0, bar.phases[phase]);
            const bool isEstimated = bar.phases.sourceOf(phase) == PhaseSource::Estimated;
            measured[i].append(isEstimated ? 0.0 : value);
            estimated[i].append(isEstimated ? value : 0.0);
            total += value;
        }
        maxTotal = std::max(maxTotal, total);
    }
    for (size_t i = 0; i < size_t(PhaseCount); ++i) {
        m_measured[i]->remove(0, m_measured[i]->count());
        m_measured[i]->append(measured[i]);
        m_estimated[i]->remove(0, m_estimated[i]->count());
        m_estimated[i]->append(estimated[i]);
    }
    m_estimatedKey->remove(0, m_estimatedKey->count());
    m_estimatedKey->append(QList<qreal>(bars.size(), 0.0));
    m_axisY->clear();
    m_axisY->append(categories);
    // Headroom on the right for the total printed after each bar.
    setNiceRange(m_axisX, 0, std::max(1.0, maxTotal * 1.2));
    restyle();
    layoutLabels();
}

double PhaseBarChart::segmentValue(int bar, Phase phase) const
{
    if (bar < 0 || bar >= m_bars.size())
        return 0;
    const size_t i = size_t(phase);
    return m_measured[i]->at(slot(bar)) + m_estimated[i]->at(slot(bar));
}

bool PhaseBarChart::segmentIsEstimated(int bar, Phase phase) const
{
    if (bar < 0 || bar >= m_bars.size())
        return false;
    const size_t i = size_t(phase);
    if (m_estimated[i]->at(slot(bar)) > 0)
        return true;
    // A zero-length segment draws nothing either way; report what the data says.
    return m_measured[i]->at(slot(bar)) == 0 && m_bars.at(bar).phases.sourceOf(phase) == PhaseSource::Estimated;
}

void PhaseBarChart::restyle()
{
    const QColor separator = isLight() ? QColor(Qt::white) : QColor(0x20, 0x20, 0x20);
    for (Phase phase : Phases::all()) {
        const size_t i = size_t(phase);
        m_measured[i]->setBrush(PhaseStyle::color(phase));
        m_measured[i]->setPen(QPen(separator, 1));
        if (exportingSvg()) {
            // SVG has no texture fills: a pale tint with a dashed outline says "estimated".
            QColor tint = PhaseStyle::color(phase);
            tint.setAlphaF(0.35f);
            m_estimated[i]->setBrush(tint);
            m_estimated[i]->setPen(QPen(PhaseStyle::color(phase), 1.5, Qt::DashLine));
        } else {
            m_estimated[i]->setBrush(PhaseStyle::estimatedBrush(phase));
            m_estimated[i]->setPen(QPen(PhaseStyle::color(phase), 1));
        }
    }
    m_estimatedKey->setBrush(exportingSvg() ? QBrush(QColor(0xC8, 0xC8, 0xC8))
                                            : PhaseStyle::estimatedBrush(QColor(0x70, 0x70, 0x70)));
    m_estimatedKey->setPen(exportingSvg() ? QPen(QColor(0x70, 0x70, 0x70), 1, Qt::DashLine) : QPen(Qt::NoPen));
    // The legend lists the five phases, plus "estimated" only when some bar has stripes.
    bool anyEstimated = false;
    for (const Bar &bar : std::as_const(m_bars)) {
        for (Phase phase : Phases::all())
            anyEstimated = anyEstimated || bar.phases.sourceOf(phase) == PhaseSource::Estimated;
    }
    const QList<QLegendMarker *> markers = chart()->legend()->markers(m_series);
    for (QLegendMarker *marker : markers) {
        if (marker->label() == m_estimatedKey->label())
            marker->setVisible(anyEstimated);
        for (QBarSet *set : m_estimated) {
            if (marker->label() == set->label())
                marker->setVisible(false);
        }
    }
    layoutLabels();
}

void PhaseBarChart::clearLabels()
{
    qDeleteAll(m_labels);
    m_labels.clear();
}

void PhaseBarChart::layoutLabels()
{
    clearLabels();
    const QRectF plot = chart()->plotArea();
    if (m_bars.isEmpty() || plot.isEmpty())
        return;
    const QFont labelFont = font();
    const QFontMetricsF metrics(labelFont);
    const auto toPos = [this](double value, int bar) {
        return chart()->mapToPosition(QPointF(value, bar), m_series);
    };
    for (int b = 0; b < m_bars.size(); ++b) {
        double start = 0;
        for (Phase phase : Phases::all()) {
            const double value = segmentValue(b, phase);
            const QPointF from = toPos(start, slot(b));
            const QPointF to = toPos(start + value, slot(b));
            start += value;
            const QString text = formatMs(value);
            const double width = metrics.horizontalAdvance(text);
            // A label that does not fit inside its segment would cover the neighbours.
            if (value <= 0 || to.x() - from.x() < width + 8)
                continue;
            auto *label = new QGraphicsSimpleTextItem(text, chart());
            label->setFont(labelFont);
            const bool estimated = segmentIsEstimated(b, phase);
            // Striped segments are a light tint, so dark text reads on them.
            label->setBrush(estimated ? QColor(0x10, 0x10, 0x10) : PhaseStyle::textColorOn(PhaseStyle::color(phase)));
            const QPointF centre((from.x() + to.x()) / 2, from.y());
            label->setPos(centre.x() - width / 2, centre.y() - metrics.height() / 2);
            label->setZValue(10);
            m_labels.append(label);
        }
        // The total after the bar, with the endpoint's colour as a swatch.
        const QPointF end = toPos(start, slot(b));
        const double swatch = metrics.height() * 0.7;
        auto *box = new QGraphicsRectItem(end.x() + 6, end.y() - swatch / 2, swatch, swatch, chart());
        box->setBrush(m_bars.at(b).color.isValid() ? m_bars.at(b).color : QColor(Qt::gray));
        box->setPen(QPen(foregroundColor(), 0.5));
        box->setZValue(10);
        m_labels.append(box);
        auto *total = new QGraphicsSimpleTextItem(formatMs(start), chart());
        QFont totalFont = labelFont;
        totalFont.setBold(true);
        total->setFont(totalFont);
        total->setBrush(foregroundColor());
        total->setPos(end.x() + 10 + swatch, end.y() - metrics.height() / 2);
        total->setZValue(10);
        m_labels.append(total);
    }
}
