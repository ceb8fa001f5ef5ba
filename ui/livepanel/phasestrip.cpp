#include "phasestrip.h"

#include "charts/phasestyle.h"

#include <QEvent>
#include <QFontMetricsF>
#include <QHelpEvent>
#include <QLocale>
#include <QPainter>
#include <QToolTip>

#include <algorithm>

namespace {

constexpr double BarHeight = 26;
constexpr double Gap = 8;

QString formatMs(double ms)
{
    const QLocale locale;
    if (ms < 10)
        return PhaseStrip::tr("%1 ms").arg(locale.toString(ms, 'f', 1));
    return PhaseStrip::tr("%1 ms").arg(locale.toString(qRound64(ms)));
}

} // namespace

PhaseStrip::PhaseStrip(QWidget *parent)
    : QWidget(parent)
{
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
    setMouseTracking(true);
    setAttribute(Qt::WA_OpaquePaintEvent, false);
}

PhaseStrip::~PhaseStrip() = default;

void PhaseStrip::setPhases(const PhaseBreakdown &phases)
{
    m_phases = phases;
    layoutSegments();
    setToolTip(legendText());
    update();
}

void PhaseStrip::clear()
{
    m_phases.reset();
    m_segments = {};
    setToolTip(QString());
    update();
}

double PhaseStrip::value(Phase phase) const
{
    return m_phases ? (*m_phases)[phase] : 0.0;
}

bool PhaseStrip::isEstimated(Phase phase) const
{
    return m_phases && m_phases->sourceOf(phase) == PhaseSource::Estimated;
}

QString PhaseStrip::segmentText(Phase phase) const
{
    return m_segments[size_t(phase)].text;
}

QString PhaseStrip::legendText() const
{
    if (!m_phases)
        return {};
    QString rows;
    for (Phase phase : Phases::all()) {
        const QString swatch = QStringLiteral("<span style=\"color:%1\">&#9632;</span>")
                                   .arg(PhaseStyle::color(phase).name());
        rows += QStringLiteral("<tr><td>%1&nbsp;%2</td><td align=\"right\">&nbsp;&nbsp;%3</td><td>&nbsp;&nbsp;<i>%4</i></td>"
                               "<td>&nbsp;&nbsp;%5</td></tr>")
                    .arg(swatch, Phases::label(phase).toHtmlEscaped(), formatMs(value(phase)),
                         Phases::sourceLabel(m_phases->sourceOf(phase)).toHtmlEscaped(),
                         verdictText(phase).toHtmlEscaped());
    }
    rows += QStringLiteral("<tr><td><b>%1</b></td><td align=\"right\">&nbsp;&nbsp;<b>%2</b></td><td></td><td></td></tr>")
                .arg(tr("Total").toHtmlEscaped(), formatMs(m_phases->total()));
    return QStringLiteral("<table cellspacing=\"0\">%1</table><p>%2</p>")
        .arg(rows, tr("Striped phases are estimated: the trace cannot separate them.").toHtmlEscaped());
}

RangeVerdict PhaseStrip::verdict(Phase phase) const
{
    return m_phases ? Phases::verdict(phase, value(phase)) : RangeVerdict::NoRange;
}

QString PhaseStrip::verdictText(Phase phase) const
{
    if (!m_phases)
        return {};
    const RangeVerdict v = verdict(phase);
    if (v == RangeVerdict::NoRange)
        return Phases::typicalRangeText(phase);
    return tr("%1 %2 (%3)").arg(Phases::verdictSymbol(v), Phases::verdictLabel(v), Phases::typicalRangeText(phase));
}

QSize PhaseStrip::sizeHint() const
{
    return QSize(320, int(BarHeight) + 4);
}

QSize PhaseStrip::minimumSizeHint() const
{
    return QSize(160, int(BarHeight) + 4);
}

QFont PhaseStrip::valueFont() const
{
    QFont f = font();
    f.setBold(true);
    return f;
}

QFont PhaseStrip::totalFont() const
{
    QFont f = font();
    f.setBold(true);
    f.setPointSizeF(f.pointSizeF() * 1.15);
    return f;
}

QString PhaseStrip::totalText() const
{
    return m_phases ? formatMs(m_phases->total()) : QString();
}

QRectF PhaseStrip::barRect() const
{
    // The total sits at the right, so the bar's width is what is left of it.
    const QFontMetricsF metrics(totalFont());
    const double totalWidth = metrics.horizontalAdvance(totalText()) + Gap;
    const double top = (height() - BarHeight) / 2.0;
    return QRectF(1, top, std::max(10.0, width() - totalWidth - 2), BarHeight);
}

void PhaseStrip::layoutSegments()
{
    m_segments = {};
    if (!m_phases)
        return;
    const QRectF bar = barRect();
    const double total = m_phases->total();
    if (total <= 0)
        return;
    const QFontMetricsF metrics(valueFont());
    double x = bar.left();
    for (Phase phase : Phases::all()) {
        const double v = std::max(0.0, (*m_phases)[phase]);
        const double w = bar.width() * v / total;
        Segment &segment = m_segments[size_t(phase)];
        segment.rect = QRectF(x, bar.top(), w, bar.height());
        const QString text = formatMs(v);
        if (v > 0 && metrics.horizontalAdvance(text) + 8 <= w)
            segment.text = text;
        x += w;
    }
}

void PhaseStrip::resizeEvent(QResizeEvent *event)
{
    QWidget::resizeEvent(event);
    layoutSegments();
}

void PhaseStrip::paintEvent(QPaintEvent *)
{
    QPainter painter(this);
    painter.setRenderHint(QPainter::Antialiasing);
    if (!m_phases)
        return;
    const QRectF bar = barRect();
    for (Phase phase : Phases::all()) {
        const Segment &segment = m_segments[size_t(phase)];
        if (segment.rect.width() <= 0)
            continue;
        const bool estimated = isEstimated(phase);
        // At least a hairline, so that a phase of a few microseconds still shows it exists.
        QRectF r = segment.rect;
        if (r.width() < 1)
            r.setWidth(1);
        painter.fillRect(r, estimated ? PhaseStyle::estimatedBrush(phase) : QBrush(PhaseStyle::color(phase)));
        if (!segment.text.isEmpty()) {
            painter.setFont(valueFont());
            painter.setPen(estimated ? palette().color(QPalette::WindowText)
                                     : PhaseStyle::textColorOn(PhaseStyle::color(phase)));
            painter.drawText(r, Qt::AlignCenter, segment.text);
        }
    }
    painter.setPen(QPen(palette().color(QPalette::Mid), 1));
    painter.setBrush(Qt::NoBrush);
    painter.drawRect(bar.adjusted(-0.5, -0.5, 0.5, 0.5));

    painter.setFont(totalFont());
    painter.setPen(palette().color(QPalette::WindowText));
    painter.drawText(QRectF(bar.right() + Gap, 0, width() - bar.right() - Gap, height()),
                     Qt::AlignVCenter | Qt::AlignLeft, totalText());
}

bool PhaseStrip::event(QEvent *event)
{
    if (event->type() == QEvent::ToolTip && m_phases) {
        // One line for the phase under the pointer, then the whole legend.
        const auto *help = static_cast<QHelpEvent *>(event);
        QString head;
        for (Phase phase : Phases::all()) {
            if (m_segments[size_t(phase)].rect.contains(help->pos())) {
                head = QStringLiteral("<p><b>%1</b><br>%2</p>")
                           .arg(tr("%1: %2").arg(Phases::label(phase), formatMs(value(phase))).toHtmlEscaped(),
                                verdictText(phase).toHtmlEscaped());
                break;
            }
        }
        QToolTip::showText(help->globalPos(), head + legendText(), this);
        return true;
    }
    return QWidget::event(event);
}

PhaseLegend::PhaseLegend(QWidget *parent)
    : QWidget(parent)
{
    setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Fixed);
}

QList<std::pair<QString, QBrush>> PhaseLegend::entries() const
{
    QList<std::pair<QString, QBrush>> list;
    for (Phase phase : Phases::all())
        list.append({Phases::label(phase), QBrush(PhaseStyle::color(phase))});
    list.append({tr("estimated"), PhaseStyle::estimatedBrush(QColor(Qt::darkGray))});
    return list;
}

QSize PhaseLegend::sizeHint() const
{
    const QFontMetricsF metrics(font());
    double width = metrics.horizontalAdvance(tr("Phases:")) + 8;
    for (const auto &entry : entries())
        width += metrics.height() + 4 + metrics.horizontalAdvance(entry.first) + 14;
    return QSize(int(width) + 2, int(metrics.height()) + 6);
}

QSize PhaseLegend::minimumSizeHint() const
{
    return QSize(120, sizeHint().height());
}

void PhaseLegend::paintEvent(QPaintEvent *)
{
    QPainter painter(this);
    const QFontMetricsF metrics(font());
    const double box = metrics.height() - 4;
    const double mid = height() / 2.0;
    double x = 0;
    painter.setPen(palette().color(QPalette::WindowText));
    const QString caption = tr("Phases:");
    painter.drawText(QPointF(x, mid + metrics.ascent() / 2 - 1), caption);
    x += metrics.horizontalAdvance(caption) + 8;
    for (const auto &[label, brush] : entries()) {
        painter.fillRect(QRectF(x, mid - box / 2, box, box), brush);
        x += box + 4;
        painter.setPen(palette().color(QPalette::WindowText));
        painter.drawText(QPointF(x, mid + metrics.ascent() / 2 - 1), label);
        x += metrics.horizontalAdvance(label) + 14;
    }
}
