#include "waterfallview.h"

#include "charts/phasestyle.h"
#include "common/clock.h"
#include "metrics/figureformat.h"

#include <QAction>
#include <QContextMenuEvent>
#include <QFontMetricsF>
#include <QHelpEvent>
#include <QMenu>
#include <QPainter>
#include <QToolTip>

#include <algorithm>
#include <cmath>

namespace {

constexpr double Margin = 12;
constexpr double RowHeight = 24;
constexpr double AxisHeight = 22;
constexpr double DurationWidth = 84;

QString formatMs(double ms)
{
    if (ms < 10)
        return WaterfallView::tr("%1 ms").arg(ms, 0, 'f', 2);
    if (ms < 100)
        return WaterfallView::tr("%1 ms").arg(ms, 0, 'f', 1);
    return WaterfallView::tr("%1 ms").arg(qRound64(ms));
}

/// A step of 1, 2 or 5 × 10^k giving about \a target ticks over \a span.
double niceStep(double span, int target)
{
    const double raw = span / std::max(target, 1);
    const double magnitude = std::pow(10.0, std::floor(std::log10(raw)));
    for (double m : {1.0, 2.0, 5.0}) {
        if (m * magnitude >= raw)
            return m * magnitude;
    }
    return 10 * magnitude;
}

} // namespace

WaterfallView::WaterfallView(QWidget *parent)
    : QWidget(parent)
{
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Preferred);
    m_exportAction = new QAction(QIcon::fromTheme(QStringLiteral("document-export")), tr("Export…"), this);
    m_exportAction->setToolTip(tr("Export the waterfall as PNG, SVG or PDF"));
    connect(m_exportAction, &QAction::triggered, this, [this] {
        ChartExport::exportInteractively(this, tr("request-waterfall") + QStringLiteral(".png"));
    });
    m_copyAction = new QAction(QIcon::fromTheme(QStringLiteral("edit-copy")), tr("Copy Image"), this);
    m_copyAction->setToolTip(tr("Copy the waterfall to the clipboard as an image"));
    connect(m_copyAction, &QAction::triggered, this, [this] { ChartExport::copyToClipboard(this); });
    m_exportAction->setEnabled(false);
    m_copyAction->setEnabled(false);
}

WaterfallView::~WaterfallView() = default;

void WaterfallView::setRecord(const RequestRecord &record)
{
    m_record = record;
    buildRows();
    m_exportAction->setEnabled(true);
    m_copyAction->setEnabled(true);
    updateGeometry();
    update();
}

void WaterfallView::clear()
{
    m_record.reset();
    m_rows.clear();
    m_spanMs = 1;
    m_axisMs = 1;
    m_exportAction->setEnabled(false);
    m_copyAction->setEnabled(false);
    updateGeometry();
    update();
}

bool WaterfallView::exportTo(const QString &path, int dpi, QString *error)
{
    const std::optional<ExportFormat> format = ChartExport::formatForPath(path);
    if (!format) {
        if (error)
            *error = tr("Unknown file type for %1: use .png, .svg or .pdf.").arg(path);
        return false;
    }
    return ChartExport::exportWidget(this, path, *format, dpi, error);
}

void WaterfallView::applyExportTheme(bool light)
{
    m_exportLight = light;
    update();
}

QString WaterfallView::exportTitle() const
{
    if (!m_record)
        return tr("Request waterfall");
    return tr("Request %1 — %2").arg(m_record->index).arg(m_record->trace.endpointName);
}

void WaterfallView::buildRows()
{
    m_rows.clear();
    if (!m_record)
        return;
    const RequestTrace &t = m_record->trace;
    // The request's own start is zero; a trace without one starts at its first timestamp.
    qint64 origin = t.startNs;
    if (origin < 0) {
        for (qint64 ns : {t.dnsDoneNs, t.connectStartNs, t.connectedNs, t.requestSentNs, t.responseStartNs,
                          t.firstTokenNs, t.endNs}) {
            if (ns >= 0) {
                origin = ns;
                break;
            }
        }
    }
    const auto at = [origin](qint64 ns) -> std::optional<double> {
        if (ns < 0 || origin < 0)
            return std::nullopt;
        return Time::nsToMs(ns - origin);
    };
    const auto interval = [this](const QString &label, double from, double to, const QColor &color) {
        Row row;
        row.label = label;
        row.startMs = from;
        row.endMs = std::max(from, to);
        row.color = color;
        m_rows.append(row);
    };
    const QColor network = PhaseStyle::color(Phase::Network);

    double cursor = 0; // where the previous step ended
    if (t.reusedConnection) {
        Row note;
        note.kind = Row::Kind::Note;
        note.label = tr("Connection");
        note.detail = tr("reused connection: no DNS, connect or TLS");
        m_rows.append(note);
    } else {
        if (const auto dns = at(t.dnsDoneNs)) {
            interval(tr("DNS lookup"), 0, *dns, network.lighter(165));
            cursor = *dns;
        }
        if (const auto connected = at(t.connectedNs)) {
            const double from = at(t.connectStartNs).value_or(cursor);
            // Through a proxy, the connect is the proxy's: TCP to it, then its tunnel.
            interval(t.proxy.isEmpty() ? tr("Connect") : tr("Proxy connect"), from, *connected,
                     network.lighter(135));
            cursor = *connected;
        }
        if (const auto tls = at(t.tlsDoneNs)) {
            interval(tr("TLS handshake"), cursor, *tls, network);
            cursor = *tls;
        }
    }
    const auto sent = at(t.requestSentNs);
    if (sent) {
        interval(tr("Request sent"), cursor, *sent, network.darker(125));
        cursor = *sent;
    }
    const auto responseStart = at(t.responseStartNs);
    if (sent && responseStart) {
        interval(tr("Waiting (server)"), *sent, *responseStart, PhaseStyle::color(Phase::Prompt));
        cursor = *responseStart;
    }
    const auto firstToken = at(t.firstTokenNs);
    if (firstToken) {
        interval(tr("First token"), cursor, *firstToken, PhaseStyle::color(Phase::Inference));
        cursor = *firstToken;
    }
    if (firstToken && !t.chunks.isEmpty()) {
        Row row;
        row.kind = Row::Kind::Chunks;
        row.label = tr("Tokens arriving");
        row.startMs = *firstToken;
        row.color = PhaseStyle::color(Phase::Generation);
        for (qsizetype i = 0; i < t.chunks.size(); ++i) {
            if (const auto when = at(t.chunks.timeAt(i)))
                row.ticksMs.append(*when);
        }
        row.endMs = at(t.lastTokenNs).value_or(row.ticksMs.isEmpty() ? row.startMs : row.ticksMs.last());
        row.endMs = std::max(row.endMs, row.startMs);
        row.detail = tr("%n chunk(s)", nullptr, int(t.chunks.size()));
        m_rows.append(row);
        cursor = row.endMs;
    }
    const auto end = at(t.endNs);
    if (t.ok()) {
        if (end)
            interval(tr("End"), cursor, *end, PhaseStyle::color(Phase::Postprocess));
    } else {
        Row row;
        row.kind = Row::Kind::Error;
        row.label = tr("Error: %1").arg(ErrorClasses::label(t.error));
        row.startMs = cursor;
        row.endMs = std::max(cursor, end.value_or(cursor));
        row.color = QColor(0xD0, 0x1C, 0x1C);
        row.detail = t.errorMessage;
        m_rows.append(row);
    }

    m_spanMs = 1;
    for (const Row &row : std::as_const(m_rows))
        m_spanMs = std::max(m_spanMs, row.endMs);
    // The axis ends on a round tick so the last grid line closes the timeline.
    const double step = niceStep(m_spanMs, 6);
    m_axisMs = std::ceil(m_spanMs / step - 1e-9) * step;
}

QSize WaterfallView::sizeHint() const
{
    const Layout layout = layoutFor(QSize(720, 0));
    int rows = m_rows.isEmpty() ? 2 : int(m_rows.size());
    if (m_record && !m_record->trace.ok() && !m_record->trace.errorMessage.isEmpty())
        ++rows; // the error message line
    return QSize(720, int(layout.top + rows * RowHeight + Margin));
}

QSize WaterfallView::minimumSizeHint() const
{
    return QSize(360, 120);
}

WaterfallView::Layout WaterfallView::layoutFor(const QSize &size) const
{
    Layout layout;
    const QFontMetricsF metrics(font());
    QFont bold = font();
    bold.setBold(true);
    const QFontMetricsF boldMetrics(bold); // error rows are drawn bold
    double labelWidth = metrics.horizontalAdvance(tr("Waiting (server)"));
    for (const Row &row : std::as_const(m_rows)) {
        labelWidth = std::max(labelWidth, row.kind == Row::Kind::Error ? boldMetrics.horizontalAdvance(row.label)
                                                                        : metrics.horizontalAdvance(row.label));
    }
    labelWidth = std::min(labelWidth + 16, size.width() * 0.4);
    const double headerHeight = metrics.height() * 2 + 10;
    layout.header = QRectF(Margin, Margin, size.width() - 2 * Margin, headerHeight);
    layout.labelX = Margin;
    layout.durationX = size.width() - Margin - DurationWidth;
    const double barsLeft = Margin + labelWidth;
    layout.axis = QRectF(barsLeft, layout.header.bottom(), layout.durationX - barsLeft - 8, AxisHeight);
    layout.rowHeight = RowHeight;
    layout.top = layout.axis.bottom() + 4;
    layout.bars = QRectF(layout.axis.left(), layout.top, layout.axis.width(),
                         std::max(0.0, size.height() - layout.top - Margin));
    return layout;
}

double WaterfallView::xFor(const Layout &layout, double ms) const
{
    return layout.bars.left() + layout.bars.width() * std::clamp(ms / m_axisMs, 0.0, 1.0);
}

void WaterfallView::paintEvent(QPaintEvent *)
{
    QPainter p(this);
    p.setRenderHint(QPainter::Antialiasing);
    const bool light = m_exportLight || palette().color(QPalette::Window).lightness() >= 128;
    const QColor background = m_exportLight ? QColor(Qt::white) : palette().color(QPalette::Base);
    const QColor text = m_exportLight ? QColor(0x20, 0x20, 0x20) : palette().color(QPalette::Text);
    const QColor muted = light ? QColor(0x70, 0x70, 0x70) : QColor(0xA0, 0xA0, 0xA0);
    const QColor grid = light ? QColor(0xE4, 0xE4, 0xE4) : QColor(0x44, 0x44, 0x44);
    const QColor stripe = light ? QColor(0xF6, 0xF7, 0xF9) : background.lighter(112);
    const QColor errorColor(0xD0, 0x1C, 0x1C);
    p.fillRect(rect(), background);

    if (!m_record) {
        p.setPen(muted);
        p.drawText(rect(), Qt::AlignCenter | Qt::TextWordWrap, tr("Select a request to see its timeline."));
        return;
    }

    const Layout layout = layoutFor(size());
    const RequestTrace &t = m_record->trace;
    const QFontMetricsF metrics(font());

    // Header: which request, and its outcome in one line.
    QFont bold = font();
    bold.setBold(true);
    p.setFont(bold);
    p.setPen(text);
    const QString title = tr("Request #%1 — %2").arg(m_record->index).arg(t.endpointName)
        + (t.model.isEmpty() ? QString() : QStringLiteral(" · ") + t.model);
    p.drawText(QRectF(layout.header.left(), layout.header.top(), layout.header.width(), metrics.height()),
               Qt::AlignLeft | Qt::AlignVCenter, metrics.elidedText(title, Qt::ElideRight, layout.header.width()));
    p.setFont(font());
    QStringList facts;
    if (t.httpStatus > 0)
        facts.append(tr("HTTP %1").arg(t.httpStatus));
    if (m_record->metrics.ttftMs)
        // As the Live panel's readout and chart label show it (one function for a TTFT).
        facts.append(tr("TTFT %1").arg(FigureFormat::millisecondsWithUnit(*m_record->metrics.ttftMs)));
    facts.append(tr("total %1").arg(formatMs(m_spanMs)));
    if (m_record->metrics.outputTokens > 0)
        facts.append(tr("%n token(s)", nullptr, int(m_record->metrics.outputTokens)));
    if (!t.ok())
        facts.append(tr("failed: %1").arg(ErrorClasses::label(t.error)));
    p.setPen(t.ok() ? muted : errorColor);
    p.drawText(QRectF(layout.header.left(), layout.header.top() + metrics.height() + 2, layout.header.width(),
                      metrics.height()),
               Qt::AlignLeft | Qt::AlignVCenter,
               metrics.elidedText(facts.join(QStringLiteral("  ·  ")), Qt::ElideRight, layout.header.width()));

    // Time axis with grid lines through every row.
    const double rowsBottom = layout.top + m_rows.size() * layout.rowHeight;
    const double step = niceStep(m_axisMs, std::max(2, int(layout.bars.width() / 90)));
    p.setPen(muted);
    for (double ms = 0; ms <= m_axisMs + step * 1e-6; ms += step) {
        const double x = xFor(layout, ms);
        p.setPen(QPen(grid, 1));
        p.drawLine(QPointF(x, layout.axis.bottom() - 4), QPointF(x, rowsBottom));
        p.setPen(muted);
        const QString label = ms == 0 ? QStringLiteral("0") : formatMs(ms);
        const double w = metrics.horizontalAdvance(label);
        // Keep the last label inside the bar area instead of running into the durations.
        const double left = std::clamp(x - w / 2, layout.axis.left() - 4, layout.axis.right() - w);
        p.drawText(QRectF(left, layout.axis.top(), w + 1, layout.axis.height() - 6),
                   Qt::AlignLeft | Qt::AlignVCenter, label);
    }

    for (int i = 0; i < m_rows.size(); ++i) {
        const Row &row = m_rows.at(i);
        const QRectF band(Margin, layout.top + i * layout.rowHeight, width() - 2 * Margin, layout.rowHeight);
        if (i % 2 == 1)
            p.fillRect(band, stripe);
        const bool isError = row.kind == Row::Kind::Error;
        p.setPen(isError ? errorColor : text);
        p.setFont(isError ? bold : font());
        p.drawText(QRectF(layout.labelX + 2, band.top(), layout.bars.left() - layout.labelX - 8, band.height()),
                   Qt::AlignLeft | Qt::AlignVCenter,
                   metrics.elidedText(row.label, Qt::ElideRight, layout.bars.left() - layout.labelX - 8));
        p.setFont(font());

        const double barHeight = layout.rowHeight * 0.5;
        const double barTop = band.center().y() - barHeight / 2;
        if (row.kind == Row::Kind::Note) {
            p.setPen(muted);
            QFont italic = font();
            italic.setItalic(true);
            p.setFont(italic);
            p.drawText(QRectF(layout.bars.left() + 4, band.top(), layout.durationX - layout.bars.left(), band.height()),
                       Qt::AlignLeft | Qt::AlignVCenter, row.detail);
            p.setFont(font());
            continue;
        }

        const double x0 = xFor(layout, row.startMs);
        // Sub-pixel phases (loopback DNS) still get a visible sliver.
        const double x1 = std::max(xFor(layout, row.endMs), x0 + 2);
        if (row.kind == Row::Kind::Chunks) {
            QColor faint = row.color;
            faint.setAlphaF(0.25f);
            p.fillRect(QRectF(x0, barTop, x1 - x0, barHeight), faint);
            p.setPen(QPen(row.color, 1.2));
            double lastX = -1;
            for (double ms : row.ticksMs) {
                const double x = xFor(layout, ms);
                // One tick per pixel column: thousands of chunks must not cost thousands of lines.
                if (x - lastX < 1)
                    continue;
                lastX = x;
                p.drawLine(QPointF(x, barTop - 2), QPointF(x, barTop + barHeight + 2));
            }
        } else {
            p.setPen(Qt::NoPen);
            p.setBrush(row.color);
            p.drawRoundedRect(QRectF(x0, barTop, x1 - x0, barHeight), 2, 2);
            p.setBrush(Qt::NoBrush);
        }

        const QString right = row.kind == Row::Kind::Interval ? formatMs(row.endMs - row.startMs)
            : row.kind == Row::Kind::Chunks ? row.detail
                                             : tr("at %1").arg(formatMs(row.endMs));
        p.setPen(isError ? errorColor : text);
        p.drawText(QRectF(layout.durationX, band.top(), DurationWidth, band.height()), Qt::AlignRight | Qt::AlignVCenter,
                   metrics.elidedText(right, Qt::ElideRight, DurationWidth));
    }

    // The error message under the rows, in full when it fits.
    if (!t.ok() && !t.errorMessage.isEmpty()) {
        p.setPen(errorColor);
        p.drawText(QRectF(Margin, rowsBottom + 2, width() - 2 * Margin, layout.rowHeight),
                   Qt::AlignLeft | Qt::AlignVCenter,
                   metrics.elidedText(t.errorMessage, Qt::ElideRight, width() - 2 * Margin));
    }
}

int WaterfallView::rowAt(const QPoint &pos) const
{
    const Layout layout = layoutFor(size());
    if (pos.y() < layout.top)
        return -1;
    const int row = int((pos.y() - layout.top) / layout.rowHeight);
    return row < m_rows.size() ? row : -1;
}

bool WaterfallView::event(QEvent *event)
{
    if (event->type() == QEvent::ToolTip) {
        auto *help = static_cast<QHelpEvent *>(event);
        const int index = rowAt(help->pos());
        if (index < 0) {
            QToolTip::hideText();
            event->ignore();
            return true;
        }
        const Row &row = m_rows.at(index);
        QString text = row.kind == Row::Kind::Note
            ? row.detail
            : tr("%1: %2 → %3 (%4)")
                  .arg(row.label, formatMs(row.startMs), formatMs(row.endMs), formatMs(row.endMs - row.startMs));
        if (row.kind == Row::Kind::Error && !row.detail.isEmpty())
            text += QLatin1Char('\n') + row.detail;
        QToolTip::showText(help->globalPos(), text, this);
        return true;
    }
    return QWidget::event(event);
}

void WaterfallView::contextMenuEvent(QContextMenuEvent *event)
{
    QMenu menu(this);
    menu.addAction(m_exportAction);
    menu.addAction(m_copyAction);
    menu.exec(event->globalPos());
}
