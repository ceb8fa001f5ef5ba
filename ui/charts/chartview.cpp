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
#include <QCoreApplication>
#include <QGraphicsLayout>
#include <QGraphicsScene>
#include <QLegend>
#include <QLegendMarker>
#include <QMenu>
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
    scene()->render(&painter, target, QRectF(onScreen.topLeft(), QSizeF(size)), Qt::IgnoreAspectRatio);
    if (!hasData() && !m_emptyText.isEmpty()) {
        const QRectF plot = c->plotArea().translated(-onScreen.topLeft());
        drawEmptyText(painter, plot.isValid() ? plot : target);
    }
    c->setGeometry(onScreen);
    settleLayout();
    return true;
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
