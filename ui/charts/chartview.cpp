#include "chartview.h"
#include "palette.h"

#include <QAbstractAxis>
#include <QAbstractBarSeries>
#include <QAbstractSeries>
#include <QBarSet>
#include <QBoxPlotSeries>
#include <QPieSeries>
#include <QXYSeries>
#include <QAction>
#include <QContextMenuEvent>
#include <QFontMetricsF>
#include <QCoreApplication>
#include <QGraphicsLayout>
#include <QGraphicsRectItem>
#include <QGraphicsSimpleTextItem>
#include <QGraphicsScene>
#include <QLegend>
#include <QLegendMarker>
#include <QMenu>
#include <QScrollArea>
#include <QTextDocumentFragment>
#include <QValueAxis>

#include <algorithm>
#include <cmath>

ChartView::ChartView(QWidget *parent)
    : QChartView(new QChart, parent)
{
    setRenderHint(QPainter::Antialiasing);
    setRenderHint(QPainter::TextAntialiasing);
    setFrameShape(QFrame::NoFrame);
    // Animations would fight the ~30 Hz live refresh and make exports catch a half-drawn frame.
    chart()->setAnimationOptions(QChart::NoAnimation);
    chart()->setBackgroundRoundness(0);
    chart()->layout()->setContentsMargins(0, 0, 0, 0);
    chart()->legend()->setAlignment(Qt::AlignBottom);
    m_baseBottomMargin = chart()->margins().bottom(); // the legend's rows come on top of it
    // Qt Charts' legend is the model (markers, their colours, labels and visibility);
    // layoutLegend() draws it. Qt's own stays "visible" (hiding it hides every marker, and so
    // does a legend too small for them) but takes no room and draws nothing: detached, with
    // room for every entry, out of the scene's view, transparent. Entries come and go with the
    // data: each change re-lays Qt's legend out, and ours after it.
    chart()->legend()->detachFromChart();
    chart()->legend()->setGeometry(QRectF(-100'000, -100'000, 100'000, 1'000));
    chart()->legend()->setOpacity(0);
    chart()->legend()->installEventFilter(this);
    // Axis titles are re-broken whenever the plot changes size (data, ticks, legend, window);
    // queued, so the fit never runs inside Qt Charts' own layout pass.
    connect(chart(), &QChart::plotAreaChanged, this, [this] {
        fitAxisTitles();
        fitLabels();
    }, Qt::QueuedConnection);

    m_exportAction = new QAction(QIcon::fromTheme(QStringLiteral("document-export")), tr("Export…"), this);
    m_exportAction->setToolTip(tr("Export the chart as PNG, SVG or PDF"));
    connect(m_exportAction, &QAction::triggered, this, [this] {
        QString name = !title().isEmpty() ? title() : !windowTitle().isEmpty() ? windowTitle() : tr("chart");
        name.replace(QLatin1Char('/'), QLatin1Char('-'));
        ChartExport::exportInteractively(this, name + QStringLiteral(".png"));
    });
    m_copyAction = new QAction(QIcon::fromTheme(QStringLiteral("edit-copy")), tr("Copy Image"), this);
    m_copyAction->setToolTip(tr("Copy the chart to the clipboard as an image"));
    connect(m_copyAction, &QAction::triggered, this, [this] { ChartExport::copyToClipboard(this); });

    m_light = screenIsLight();
    applyTheme(m_light);
}

ChartView::~ChartView() = default;

bool ChartView::exportTo(const QString &path, int dpi, QString *error, const QSize &size)
{
    const std::optional<ExportFormat> format = ChartExport::formatForPath(path);
    if (!format) {
        if (error)
            *error = tr("Unknown file type for %1: use .png, .svg or .pdf.").arg(path);
        return false;
    }
    return ChartExport::exportWidget(this, path, *format, dpi, error, size);
}

bool ChartView::renderForExport(QPainter &painter, const QSize &size)
{
    // The root cause of reports drawing charts at 100×30: QChartView sizes its chart only in
    // resizeEvent(), which a view on a tab never opened has not had, and rendering the view
    // draws its (equally stale) viewport. Laying out the chart itself at the export size and
    // drawing its scene does not depend on the view at all.
    QChart *c = chart();
    if (!c || !scene())
        return false;
    const QRectF onScreen = c->geometry();
    const QRectF target(QPointF(0, 0), QSizeF(size));
    c->setGeometry(QRectF(onScreen.topLeft(), QSizeF(size)));
    settleLayout();
    layoutLegend(QSizeF(size));
    settleLayout();
    fitAxisTitles();
    settleLayout();
    scene()->render(&painter, target, QRectF(onScreen.topLeft(), QSizeF(size)), Qt::IgnoreAspectRatio);
    if (!hasData() && !m_emptyText.isEmpty()) {
        const QRectF plot = c->plotArea().translated(-onScreen.topLeft());
        drawEmptyText(painter, plot.isValid() ? plot : target);
    }
    c->setGeometry(onScreen);
    settleLayout();
    layoutLegend(onScreen.size());
    settleLayout();
    fitAxisTitles();
    return true;
}

QScrollArea *ChartView::scrolledPage(QWidget *page, QWidget *parent)
{
    auto *scroll = new QScrollArea(parent);
    if (!page->objectName().isEmpty())
        scroll->setObjectName(page->objectName() + QStringLiteral("Scroll"));
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    scroll->setWidget(page);
    return scroll;
}

void ChartView::setLegendShown(bool shown)
{
    if (m_legendShown == shown)
        return;
    m_legendShown = shown;
    layoutLegend(chart()->size());
}

void ChartView::clearLegendItems()
{
    qDeleteAll(m_legendItems);
    m_legendItems.clear();
}

void ChartView::layoutLegend(const QSizeF &size)
{
    if (m_layingOutLegend)
        return;
    m_layingOutLegend = true;
    clearLegendItems();
    QLegend *legend = chart()->legend();
    struct Entry
    {
        const QLegendMarker *marker;
        QString label;
        qreal width;
    };
    QList<Entry> entries;
    const QFont font = legend->font();
    const QFontMetricsF metrics(font);
    const qreal square = std::round(metrics.height() * 0.75);
    const qreal gap = 6; // square to label
    const qreal spacing = 16; // between entries
    const qreal pad = 8;
    if (m_legendShown) {
        const QList<QLegendMarker *> markers = legend->markers();
        for (const QLegendMarker *marker : markers) {
            if (!marker->isVisible() || marker->label().isEmpty())
                continue;
            // Series names are HTML-escaped for Qt's legend, which renders rich text.
            const QString label = QTextDocumentFragment::fromHtml(marker->label()).toPlainText();
            entries.append(Entry { marker, label, square + gap + metrics.horizontalAdvance(label) });
        }
    }
    // Rows, filled left to right; an entry wider than the chart gets a row of its own.
    const qreal room = std::max<qreal>(40, size.width() - 2 * pad);
    QList<QList<Entry>> rows;
    qreal used = 0;
    for (const Entry &e : std::as_const(entries)) {
        if (rows.isEmpty() || (used > 0 && used + spacing + e.width > room)) {
            rows.append(QList<Entry> {});
            used = 0;
        }
        used += (used > 0 ? spacing : 0) + e.width;
        rows.last().append(e);
    }
    const qreal lineHeight = std::ceil(metrics.height() * 1.35);
    const qreal height = rows.isEmpty() ? 0 : rows.size() * lineHeight + pad;
    // Below the plot: the chart's own margin (its theme's) and the legend's rows.
    QMargins margins = chart()->margins();
    const int bottom = m_baseBottomMargin + int(std::ceil(height));
    if (margins.bottom() != bottom) {
        margins.setBottom(bottom);
        chart()->setMargins(margins); // the plot takes its new place on the next layout pass
    }
    qreal y = size.height() - height + pad / 2;
    for (const QList<Entry> &row : std::as_const(rows)) {
        qreal width = 0;
        for (const Entry &e : row)
            width += (width > 0 ? spacing : 0) + e.width;
        qreal x = std::max(pad, (size.width() - width) / 2);
        for (const Entry &e : row) {
            auto *box = new QGraphicsRectItem(x, y + (lineHeight - square) / 2, square, square, chart());
            box->setBrush(e.marker->brush());
            box->setPen(e.marker->pen());
            auto *label = new QGraphicsSimpleTextItem(e.label, chart());
            label->setFont(font);
            label->setBrush(legend->labelColor());
            label->setPos(x + square + gap, y + (lineHeight - metrics.height()) / 2);
            box->setZValue(10);
            label->setZValue(10);
            m_legendItems << box << label;
            x += e.width + spacing;
        }
        y += lineHeight;
    }
    m_layingOutLegend = false;
}

void ChartView::resizeEvent(QResizeEvent *event)
{
    QChartView::resizeEvent(event);
    layoutLegend(chart()->size());
    // Also when the plot keeps its (degenerate) size: a view laid out at 100×30 before it was
    // first shown has titles broken for that size.
    QMetaObject::invokeMethod(this, [this] {
        fitAxisTitles();
        fitLabels();
    }, Qt::QueuedConnection);
}

bool ChartView::eventFilter(QObject *watched, QEvent *event)
{
    // Qt's (transparent) legend re-lays itself out whenever a marker comes, goes or changes;
    // its markers show their new state once it has: let it, then lay ours out.
    if (watched == chart()->legend() && event->type() == QEvent::LayoutRequest && !m_layingOutLegend) {
        static_cast<QObject *>(watched)->event(event);
        layoutLegend(chart()->size());
        return true;
    }
    return QChartView::eventFilter(watched, event);
}

void ChartView::setEmptyText(const QString &text)
{
    m_emptyText = text;
    viewport()->update();
}

bool ChartView::hasData() const
{
    const QList<QAbstractSeries *> all = chart()->series();
    for (const QAbstractSeries *series : all) {
        if (const auto *xy = qobject_cast<const QXYSeries *>(series); xy && xy->count() > 0)
            return true;
        if (const auto *bars = qobject_cast<const QAbstractBarSeries *>(series)) {
            const QList<QBarSet *> sets = bars->barSets();
            for (const QBarSet *set : sets) {
                if (set->count() > 0)
                    return true;
            }
        }
        if (const auto *boxes = qobject_cast<const QBoxPlotSeries *>(series); boxes && boxes->count() > 0)
            return true;
        if (const auto *pie = qobject_cast<const QPieSeries *>(series); pie && pie->count() > 0)
            return true;
        if (series->type() == QAbstractSeries::SeriesTypeArea)
            return true;
    }
    return false;
}

void ChartView::drawForeground(QPainter *painter, const QRectF &rect)
{
    QChartView::drawForeground(painter, rect);
    if (m_emptyText.isEmpty() || hasData())
        return;
    QRectF plot = chart()->plotArea();
    if (!plot.isValid() || plot.width() < 40)
        plot = chart()->geometry();
    drawEmptyText(*painter, plot);
}

void ChartView::drawEmptyText(QPainter &painter, const QRectF &area) const
{
    painter.save();
    QColor color = foregroundColor();
    color.setAlphaF(0.75f);
    painter.setPen(color);
    painter.setFont(font());
    painter.drawText(area.adjusted(12, 12, -12, -12), Qt::AlignCenter | Qt::TextWordWrap, m_emptyText);
    painter.restore();
}

void ChartView::settleLayout()
{
    if (QGraphicsLayout *layout = chart()->layout()) {
        layout->invalidate();
        layout->activate();
    }
    // The legend and the axes re-lay out through posted layout requests.
    QCoreApplication::sendPostedEvents(nullptr, QEvent::LayoutRequest);
}

void ChartView::setTitle(const QString &title)
{
    m_title = title;
    chart()->setTitle(title.toHtmlEscaped());
    fitAxisTitles();
}

QString ChartView::title() const
{
    return m_title;
}

void ChartView::setAxisTitles(const QString &x, const QString &y)
{
    m_xTitle = x;
    m_yTitle = y;
    applyAxisTitles();
}

void ChartView::applyAxisTitles()
{
    const auto set = [this](const QList<QAbstractAxis *> &axes, const QString &text) {
        if (!axes.isEmpty())
            setAxisTitle(axes.first(), text);
    };
    set(chart()->axes(Qt::Horizontal), m_xTitle);
    set(chart()->axes(Qt::Vertical), m_yTitle);
}

namespace {
constexpr const char *PlainTitle = "tokenscopePlainTitle";

/// \a text broken into lines of at most \a room pixels: at spaces, after a slash, and
/// between Chinese characters (a line breaks there without a space). A word longer than the
/// room keeps its line.
QStringList wrapTitle(const QString &text, const QFontMetricsF &fm, qreal room)
{
    struct Piece
    {
        QString text;
        bool spaceBefore;
    };
    const auto isWide = [](QChar c) {
        return c.script() == QChar::Script_Han || c.unicode() >= 0x3000 && c.unicode() <= 0x30FF
            || c.unicode() >= 0xFF00 && c.unicode() <= 0xFFEF;
    };
    QList<Piece> pieces;
    bool space = false;
    QString word;
    const auto flush = [&] {
        if (word.isEmpty())
            return;
        pieces.append(Piece { word, space });
        word.clear();
        space = false;
    };
    for (const QChar c : text) {
        if (c.isSpace()) {
            flush();
            space = !pieces.isEmpty();
        } else if (isWide(c)) {
            flush();
            // Closing punctuation never starts a line: it stays with what it closes.
            static const QString closing = QStringLiteral("）」』】》〉，。、：；！？");
            if (closing.contains(c) && !pieces.isEmpty() && !space)
                pieces.last().text += c;
            else
                pieces.append(Piece { QString(c), space });
            space = false;
        } else {
            word += c;
            if (c == u'/')
                flush();
        }
    }
    flush();
    QStringList lines;
    QString line;
    for (const Piece &piece : std::as_const(pieces)) {
        const QString candidate = line.isEmpty() ? piece.text
                                                 : line + (piece.spaceBefore ? QStringLiteral(" ") : QString()) + piece.text;
        if (line.isEmpty() || fm.horizontalAdvance(candidate) <= room) {
            line = candidate;
        } else {
            lines.append(line);
            line = piece.text;
        }
    }
    if (!line.isEmpty())
        lines.append(line);
    return lines;
}

/// \a text as the rich text Qt Charts draws: whole when it fits \a room, else broken into at
/// most \a most lines.
QString fittedHtml(const QString &text, const QFontMetricsF &fm, qreal room, int most);

/// \a lines cut to \a most, the last one holding the rest of \a text (which Qt then elides).
QStringList atMost(QStringList lines, int most, const QString &text)
{
    if (lines.size() <= most)
        return lines;
    const QString joiner = text.contains(u' ') ? QStringLiteral(" ") : QString();
    const QString rest = lines.mid(most - 1).join(joiner);
    lines = lines.mid(0, most - 1);
    lines.append(rest);
    return lines;
}

QString fittedHtml(const QString &text, const QFontMetricsF &fm, qreal room, int most)
{
    if (fm.horizontalAdvance(text) <= room)
        return text.toHtmlEscaped();
    QStringList lines = atMost(wrapTitle(text, fm, room), most, text);
    for (QString &line : lines)
        line = line.toHtmlEscaped();
    return lines.join(QStringLiteral("<br>"));
}
} // namespace

QStringList ChartView::fittedLabels(const QStringList &names, const QFont &font, qreal room, int maxLines)
{
    const QFontMetricsF fm(font);
    room = std::max<qreal>(room, 24);
    QStringList labels;
    for (const QString &name : names) {
        const QStringList lines = atMost(wrapTitle(name, fm, room), maxLines, name);
        QStringList html;
        for (const QString &line : std::as_const(lines))
            html.append(fm.elidedText(line, Qt::ElideMiddle, room).toHtmlEscaped());
        // A blank name stays itself: Qt Charts drops a null category, and its bars with it.
        QString label = html.isEmpty() ? QString(name.isEmpty() ? QStringLiteral(" ") : name) : html.join(QStringLiteral("<br>"));
        while (labels.contains(label))
            label += QChar(0x200B); // an invisible difference
        labels.append(label);
    }
    return labels;
}

void ChartView::setAxisTitle(QAbstractAxis *axis, const QString &title)
{
    axis->setProperty(PlainTitle, title);
    axis->setTitleVisible(!title.isEmpty());
    axis->setTitleText(title.toHtmlEscaped());
    fitAxisTitles();
}

void ChartView::fitAxisTitles()
{
    // Qt Charts cuts an axis title longer than its side of the plot ("Throughput by max
    // bat..."): break it into lines that fit instead. Wrapping a title only ever takes room
    // from the plot, so a title wrapped here never fits whole on the next pass: no ping-pong.
    // The chart's title likewise, across the chart's width.
    if (!m_title.isEmpty()) {
        const QMargins margins = chart()->margins();
        const qreal room = chart()->size().width() - margins.left() - margins.right() - 16;
        // Below ~120 px the view has not been laid out yet: a tower of words would be worse.
        const QString html = room > 120 ? fittedHtml(m_title, QFontMetricsF(chart()->titleFont()), room, 2)
                                        : m_title.toHtmlEscaped();
        if (chart()->title() != html)
            chart()->setTitle(html);
    }
    const QRectF plot = chart()->plotArea();
    if (plot.width() < 8 || plot.height() < 8)
        return;
    const QList<QAbstractAxis *> axes = chart()->axes();
    for (QAbstractAxis *axis : axes) {
        const QString title = axis->property(PlainTitle).toString();
        if (title.isEmpty())
            continue;
        const qreal room = (axis->orientation() == Qt::Vertical ? plot.height() : plot.width()) - 6;
        const QString html = room > 40 ? fittedHtml(title, QFontMetricsF(axis->titleFont()), room, 3)
                                       : title.toHtmlEscaped();
        if (axis->titleText() != html)
            axis->setTitleText(html);
        // A Chinese title is taller than a Latin one (the CJK font's line), and Qt Charts sizes
        // a vertical title's room from the tick labels' width: beside one-digit ticks it cuts
        // "请求数" to "…". Two invisible non-breaking spaces before each (right-aligned) tick
        // label give it the room.
        if (auto *values = qobject_cast<QValueAxis *>(axis); values && axis->orientation() == Qt::Vertical) {
            static const QString pad = QStringLiteral("&nbsp;&nbsp;");
            const bool wide = std::any_of(title.cbegin(), title.cend(), [](QChar c) { return c.unicode() >= 0x2E80; });
            const QString format = values->labelFormat();
            if (wide && !format.startsWith(pad))
                values->setLabelFormat(pad + format);
            else if (!wide && format.startsWith(pad))
                values->setLabelFormat(format.mid(pad.size()));
        }
    }
}

void ChartView::setNiceRange(QValueAxis *axis, double min, double max, int ticks)
{
    if (!std::isfinite(min) || !std::isfinite(max))
        return;
    if (max <= min)
        max = min + 1;
    const double raw = (max - min) / std::max(ticks, 1);
    const double magnitude = std::pow(10.0, std::floor(std::log10(raw)));
    double step = 10 * magnitude;
    for (double m : {1.0, 2.0, 2.5, 5.0}) {
        if (m * magnitude >= raw * (1 - 1e-9)) {
            step = m * magnitude;
            break;
        }
    }
    const double lo = std::floor(min / step + 1e-9) * step;
    const double hi = std::ceil(max / step - 1e-9) * step;
    int decimals = 0;
    while (decimals < 6 && std::abs(step * std::pow(10.0, decimals) - std::round(step * std::pow(10.0, decimals))) > 1e-6)
        ++decimals;
    axis->setLabelFormat(QStringLiteral("%.") + QString::number(decimals) + QStringLiteral("f"));
    // Dynamic ticks anchored at a multiple of the step: QValueAxis's fixed tick count would
    // otherwise split odd ranges into labels like 375.
    axis->setTickType(QValueAxis::TicksDynamic);
    axis->setTickAnchor(lo);
    axis->setTickInterval(step);
    axis->setRange(lo, hi);
}

void ChartView::applyExportTheme(bool light)
{
    m_exporting = light;
    if (!light)
        m_exportFormat = ExportFormat::Png;
    applyTheme(light ? true : screenIsLight());
    // A highlighted point is the state of the screen, not part of the figure.
    for (const QPointer<QAbstractSeries> &series : std::as_const(m_transient)) {
        if (series) {
            series->setVisible(!light);
            hideFromLegend(series);
        }
    }
}

QString ChartView::exportTitle() const
{
    return title();
}

QColor ChartView::foregroundColor() const
{
    return m_light ? QColor(0x20, 0x20, 0x20) : QColor(0xE8, 0xE8, 0xE8);
}

void ChartView::hideFromLegend(QAbstractSeries *series)
{
    const QList<QLegendMarker *> markers = chart()->legend()->markers(series);
    for (QLegendMarker *marker : markers)
        marker->setVisible(false);
    layoutLegend(chart()->size());
}

void ChartView::setLegendColor(QAbstractSeries *series, const QColor &color)
{
    QColor solid = color;
    solid.setAlphaF(1.0f);
    const QList<QLegendMarker *> markers = chart()->legend()->markers(series);
    for (QLegendMarker *marker : markers)
        marker->setBrush(solid);
    ensureLegendContrast();
}

void ChartView::ensureLegendContrast()
{
    // However pale the series colour (the prompt phase's light blue on white is 2.3:1), the
    // marker's border reads.
    const QColor background = chart()->backgroundBrush().color();
    const QList<QLegendMarker *> markers = chart()->legend()->markers();
    for (QLegendMarker *marker : markers) {
        QColor fill = marker->brush().color();
        fill.setAlphaF(1.0f);
        if (Palette::contrast(fill, background) >= 3.0)
            continue;
        // Towards the text colour step by step (lighter() leaves black black: a hatched
        // brush's colour on a dark background).
        const QColor toward = m_light ? QColor(Qt::black) : QColor(Qt::white);
        QColor border = fill;
        for (int i = 1; i <= 20 && Palette::contrast(border, background) < 3.0; ++i) {
            const double t = i / 20.0;
            border = QColor::fromRgbF(float(fill.redF() * (1 - t) + toward.redF() * t),
                                      float(fill.greenF() * (1 - t) + toward.greenF() * t),
                                      float(fill.blueF() * (1 - t) + toward.blueF() * t));
        }
        marker->setPen(QPen(border, 1.5));
    }
    layoutLegend(chart()->size());
}

void ChartView::setTransient(QAbstractSeries *series)
{
    m_transient.append(series);
    hideFromLegend(series);
}

void ChartView::changeEvent(QEvent *event)
{
    QChartView::changeEvent(event);
    if (event->type() == QEvent::PaletteChange && !m_exporting)
        applyTheme(screenIsLight());
}

void ChartView::contextMenuEvent(QContextMenuEvent *event)
{
    QMenu menu(this);
    menu.addAction(m_exportAction);
    menu.addAction(m_copyAction);
    menu.exec(event->globalPos());
}

void ChartView::applyTheme(bool light)
{
    m_light = light;
    chart()->setTheme(light ? QChart::ChartThemeLight : QChart::ChartThemeDark);
    // The light theme's faint gradient shows as banding in PNGs; plain white prints cleanly.
    chart()->setBackgroundBrush(light ? QBrush(Qt::white) : QBrush(palette().color(QPalette::Base)));
    chart()->setTitleBrush(foregroundColor());
    QFont titleFont = chart()->titleFont();
    titleFont.setBold(true);
    titleFont.setPointSizeF(font().pointSizeF() * 1.15);
    chart()->setTitleFont(titleFont);
    // setTheme() resets the legend marker visibility too, so helpers reappear unless restyled.
    restyle();
    ensureLegendContrast();
}

bool ChartView::screenIsLight() const
{
    return palette().color(QPalette::Window).lightness() >= 128;
}
