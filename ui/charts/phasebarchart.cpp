#include "phasebarchart.h"

#include "phasestyle.h"

#include <QBarCategoryAxis>
#include <QBarSet>
#include <QCursor>
#include <QFontMetricsF>
#include <QGraphicsLineItem>
#include <QGraphicsRectItem>
#include <QGraphicsSimpleTextItem>
#include <QHorizontalStackedBarSeries>
#include <QLegend>
#include <QLegendMarker>
#include <QToolTip>
#include <QValueAxis>

#include <algorithm>

namespace {

// In category units (one bar per unit): the bar's thickness, and under it the strip of
// typical-range lanes, one per phase that has a range.
constexpr double BarWidth = 0.56;
constexpr double StripTop = BarWidth / 2 + 0.025;
constexpr double LaneStep = 0.045;
constexpr double LaneHeight = 0.038;

QString formatMs(double ms)
{
    // Sub-10 ms phases (network on loopback) would all read "0 ms" without a decimal.
    return ms < 10 ? PhaseBarChart::tr("%1 ms").arg(ms, 0, 'f', 1)
                   : PhaseBarChart::tr("%1 ms").arg(qRound64(ms));
}

/// The lane of \a phase under the bar: phases with a typical range, in phase order.
int laneOf(Phase phase)
{
    int lane = 0;
    for (Phase p : Phases::all()) {
        if (p == phase)
            return lane;
        if (Phases::typicalRange(p))
            ++lane;
    }
    return lane;
}

} // namespace

PhaseBarChart::PhaseBarChart(QWidget *parent)
    : ChartView(parent)
{
    m_series = new QHorizontalStackedBarSeries(this);
    m_series->setBarWidth(BarWidth);
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
                const RangeVerdict verdict = Phases::verdict(phase, bar.phases[phase]);
                text += QLatin1Char('\n')
                    + (verdict == RangeVerdict::NoRange
                           ? tr("Typical range: none (%1)").arg(Phases::typicalRangeText(phase))
                           : tr("Typical range: %1 — %2 %3")
                                 .arg(Phases::typicalRangeText(phase), Phases::verdictSymbol(verdict),
                                      Phases::verdictLabel(verdict)));
                QToolTip::showText(QCursor::pos(), text, this);
            });
        }
    }
    // Per-phase striped sets stay out of the legend; this one entry explains the stripes.
    m_estimatedKey = new QBarSet(tr("Estimated"), this);
    m_series->append(m_estimatedKey);
    // The bands under the bars are not bars: this empty set only gives them a legend entry.
    m_typicalKey = new QBarSet(tr("Typical range"), this);
    m_series->append(m_typicalKey);
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

void PhaseBarChart::fitLabels()
{
    // The names left of the bars: Qt Charts gives them about a third of the chart's width and
    // cuts what is longer; broken into two lines they keep their ends.
    const QStringList labels = fittedLabels(m_names, m_axisY->labelsFont(), chart()->size().width() * 0.28 - 16);
    if (labels != m_axisY->categories()) {
        m_axisY->clear();
        m_axisY->append(labels);
    }
}

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
        categories.append(bar.label);
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
    m_typicalKey->remove(0, m_typicalKey->count());
    m_typicalKey->append(QList<qreal>(bars.size(), 0.0));
    m_names = categories;
    m_axisY->clear();
    fitLabels();
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

double PhaseBarChart::segmentStart(int bar, Phase phase) const
{
    double start = 0;
    for (Phase p : Phases::all()) {
        if (p == phase)
            break;
        start += segmentValue(bar, p);
    }
    return start;
}

std::optional<PhaseRange> PhaseBarChart::typicalBand(int bar, Phase phase) const
{
    const auto range = Phases::typicalRange(phase);
    if (!range || bar < 0 || bar >= m_bars.size())
        return std::nullopt;
    const double start = segmentStart(bar, phase);
    return PhaseRange { start + range->minMs, start + range->maxMs };
}

QRectF PhaseBarChart::typicalBandRect(int bar, Phase phase) const
{
    if (bar < 0 || bar >= m_bandRects.size())
        return {};
    return m_bandRects.at(bar)[size_t(phase)];
}

RangeVerdict PhaseBarChart::segmentVerdict(int bar, Phase phase) const
{
    if (bar < 0 || bar >= m_bars.size())
        return RangeVerdict::NoRange;
    return Phases::verdict(phase, m_bars.at(bar).phases[phase]);
}

QString PhaseBarChart::verdictMark(int bar, Phase phase) const
{
    if (bar < 0 || bar >= m_marks.size())
        return {};
    return m_marks.at(bar)[size_t(phase)];
}

QRectF PhaseBarChart::barRect(int bar) const
{
    if (bar < 0 || bar >= m_bars.size())
        return {};
    double total = 0;
    for (Phase phase : Phases::all())
        total += segmentValue(bar, phase);
    const QPointF a = chart()->mapToPosition(QPointF(0, slot(bar) + BarWidth / 2), m_series);
    const QPointF b = chart()->mapToPosition(QPointF(total, slot(bar) - BarWidth / 2), m_series);
    return QRectF(a, b).normalized();
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
    QColor band = foregroundColor();
    band.setAlphaF(0.35f);
    m_typicalKey->setBrush(band);
    m_typicalKey->setPen(QPen(foregroundColor(), 1));
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
        if (marker->label() == m_typicalKey->label())
            marker->setVisible(!m_bars.isEmpty());
        for (QBarSet *set : m_estimated) {
            if (marker->label() == set->label())
                marker->setVisible(false);
        }
    }
    ensureLegendContrast();
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
    m_bandRects = QList<std::array<QRectF, PhaseCount>>(m_bars.size());
    m_marks = QList<std::array<QString, PhaseCount>>(m_bars.size());
    const QRectF plot = chart()->plotArea();
    if (m_bars.isEmpty() || plot.isEmpty())
        return;
    layoutTypicalRanges(plot);
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

void PhaseBarChart::layoutTypicalRanges(const QRectF &plot)
{
    // Translucent enough that grid lines show through, opaque enough to read on a dark theme.
    const float bandAlpha = isLight() ? 0.32f : 0.6f;
    QFont markFont = font();
    markFont.setPointSizeF(markFont.pointSizeF() * 0.85);
    const QFontMetricsF markMetrics(markFont);
    QColor muted = foregroundColor();
    muted.setAlphaF(0.6f);
    for (int b = 0; b < m_bars.size(); ++b) {
        const double y = slot(b);
        double markRight = -1e9; // marks of tiny neighbouring segments are pushed apart
        for (Phase phase : Phases::all()) {
            const size_t i = size_t(phase);
            const QColor colour = PhaseStyle::color(phase);
            if (const auto band = typicalBand(b, phase)) {
                const double laneTop = y - StripTop - laneOf(phase) * LaneStep;
                const QPointF from = chart()->mapToPosition(QPointF(band->minMs, laneTop), m_series);
                const QPointF to = chart()->mapToPosition(QPointF(band->maxMs, laneTop - LaneHeight), m_series);
                QRectF rect = QRectF(from, to).normalized();
                rect.setHeight(std::max(2.0, rect.height()));
                const QRectF clipped = rect.intersected(QRectF(plot.left(), rect.top(), plot.width(), rect.height()));
                if (clipped.width() > 0) {
                    QColor fill = colour;
                    fill.setAlphaF(bandAlpha);
                    auto *item = new QGraphicsRectItem(clipped, chart());
                    item->setBrush(fill);
                    item->setPen(Qt::NoPen);
                    item->setZValue(6);
                    item->setToolTip(tr("%1: typical range %2").arg(Phases::label(phase), Phases::typicalRangeText(phase)));
                    m_labels.append(item);
                    // Solid ends where the range ends inside the plot; an end cut off by the
                    // axis stays open.
                    for (double x : {rect.left(), rect.right()}) {
                        if (x < plot.left() || x > plot.right())
                            continue;
                        auto *cap = new QGraphicsLineItem(x, rect.top(), x, rect.bottom(), chart());
                        cap->setPen(QPen(colour, 1.5));
                        cap->setZValue(7);
                        m_labels.append(cap);
                    }
                    m_bandRects[b][i] = clipped;
                }
            }

            const RangeVerdict verdict = segmentVerdict(b, phase);
            const QString mark = Phases::verdictSymbol(verdict);
            if (mark.isEmpty())
                continue;
            const double start = segmentStart(b, phase);
            const double centre
                = (chart()->mapToPosition(QPointF(start, y), m_series).x()
                   + chart()->mapToPosition(QPointF(start + segmentValue(b, phase), y), m_series).x())
                / 2;
            const double width = markMetrics.horizontalAdvance(mark);
            const double left = std::max(centre - width / 2, markRight + 1);
            const double top = chart()->mapToPosition(QPointF(start, y + BarWidth / 2), m_series).y()
                - markMetrics.height();
            auto *label = new QGraphicsSimpleTextItem(mark, chart());
            label->setFont(markFont);
            label->setBrush(verdict == RangeVerdict::Within ? muted : foregroundColor());
            label->setPos(left, top);
            label->setZValue(10);
            label->setToolTip(tr("%1: %2 (%3)")
                                  .arg(Phases::label(phase), Phases::verdictLabel(verdict),
                                       Phases::typicalRangeText(phase)));
            m_labels.append(label);
            m_marks[b][i] = mark;
            markRight = left + width;
        }
    }
}
