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
#include <QTextDocumentFragment>
#include <QValueAxis>

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
    scene()->render(&painter, target, QRectF(onScreen.topLeft(), QSizeF(size)), Qt::IgnoreAspectRatio);
    if (!hasData() && !m_emptyText.isEmpty()) {
        const QRectF plot = c->plotArea().translated(-onScreen.topLeft());
        drawEmptyText(painter, plot.isValid() ? plot : target);
    }
    c->setGeometry(onScreen);
    settleLayout();
    layoutLegend(onScreen.size());
    settleLayout();
    return true;
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
    chart()->setTitle(title);
}

QString ChartView::title() const
{
    return chart()->title();
}

void ChartView::setAxisTitles(const QString &x, const QString &y)
{
    m_xTitle = x;
    m_yTitle = y;
    applyAxisTitles();
}

void ChartView::applyAxisTitles()
{
    const auto set = [](const QList<QAbstractAxis *> &axes, const QString &text) {
        if (axes.isEmpty())
            return;
        axes.first()->setTitleText(text);
        axes.first()->setTitleVisible(!text.isEmpty());
    };
    set(chart()->axes(Qt::Horizontal), m_xTitle);
    set(chart()->axes(Qt::Vertical), m_yTitle);
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
        QColor border = m_light ? fill.darker(140) : fill.lighter(140);
        for (int i = 0; i < 12 && Palette::contrast(border, background) < 3.0; ++i)
            border = m_light ? border.darker(120) : border.lighter(120);
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
