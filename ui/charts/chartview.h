#pragma once

#include "chartexport.h"

#include <QChart>
#include <QChartView>
#include <QPointer>

class QAbstractSeries;
class QGraphicsItem;
class QAction;
class QValueAxis;
class QScrollArea;

/*!
 * \brief The base of every TokenScope chart: antialiased, themed, exportable.
 *
 * This class and its subclasses are the only place that touches Qt Charts (deprecated
 * after Qt 6.10), so swapping the backend later means rewriting ui/charts/ alone.
 * Subclasses put their colours in restyle(), because QChart::setTheme() overwrites the
 * colours of every series.
 */
class ChartView : public QChartView, public ExportThemable
{
    Q_OBJECT
public:
    explicit ChartView(QWidget *parent = nullptr);

    /// The least height at which a chart keeps its ticks, axis titles and a two-row legend
    /// whole. Pages with several charts scroll rather than squeeze them below it.
    static constexpr int LegibleHeight = 250;
    /// \a page in a frameless, vertically scrolling area (object name: the page's + "Scroll"),
    /// for a page whose charts keep LegibleHeight on a small window.
    static QScrollArea *scrolledPage(QWidget *page, QWidget *parent);
    ~ChartView() override;

    /// "Export…": asks for a file and writes PNG, SVG or PDF (for toolbars and menus).
    QAction *exportAction() const { return m_exportAction; }
    /// "Copy image": puts the chart on the clipboard as an image.
    QAction *copyAction() const { return m_copyAction; }

    /// Writes the chart to \a path; the format follows the suffix (.png, .svg, .pdf). \a size
    /// is the size to draw at (default: ChartExport::exportSize(), whether or not it is shown).
    bool exportTo(const QString &path, int dpi = 192, QString *error = nullptr, const QSize &size = {});

    void setTitle(const QString &title);
    QString title() const;
    /// Titles of the first horizontal and vertical axes (empty hides a title).
    void setAxisTitles(const QString &x, const QString &y);

    /// Switches to the light print theme (true) or back to the screen theme (false).
    void applyExportTheme(bool light) override;
    QString exportTitle() const override;
    void prepareExport(ExportFormat format) override { m_exportFormat = format; }
    /// Lays the chart out at \a size (not the view's size: a view never shown has none) and
    /// draws its scene, then puts the chart back as it was on screen.
    bool renderForExport(QPainter &painter, const QSize &size) override;

    /// True while the chart is drawn with a light background (screen or export).
    bool isLight() const { return m_light; }

    /// What the chart says while it has no data: what to do to fill it ("Run a sweep to see
    /// …"). Drawn in the middle of the plot area on screen and in exports.
    void setEmptyText(const QString &text);
    QString emptyText() const { return m_emptyText; }
    /// True when some series has a point, a bar or a box to draw.
    virtual bool hasData() const;
    /// Whether the chart shows its legend (below the plot, wrapped onto rows as needed).
    void setLegendShown(bool shown);
    bool legendShown() const { return m_legendShown; }
    /// The legend's entries as drawn, in order: each marker's square and label.
    QList<QGraphicsItem *> legendItems() const { return m_legendItems; }

protected:
    /// Re-applies series colours, pens and brushes; called after every theme change.
    virtual void restyle() {}
    /// True while an SVG export is drawn: textures must give way to plain fills.
    bool exportingSvg() const { return m_exporting && m_exportFormat == ExportFormat::Svg; }
    /// The text colour that reads on the current background.
    QColor foregroundColor() const;
    /// Hides \a series from the legend (markers, highlights and other helpers).
    void hideFromLegend(QAbstractSeries *series);
    /// Marks \a series as a transient mark (a clicked point's highlight): left out of exports
    /// and reports, and out of the legend.
    void setTransient(QAbstractSeries *series);
    /// Gives the legend markers of \a series the opaque \a color with a border that reads on
    /// the background: Qt Charts copies a series' translucent fill, which fades to nothing on
    /// a dark palette.
    void setLegendColor(QAbstractSeries *series, const QColor &color);
    /// Gives every visible legend marker a border that stands out from the background by 3:1
    /// (WCAG for graphics), keeping its fill; call after colours change.
    void ensureLegendContrast();
    /// Re-applies the remembered axis titles (after axes were replaced).
    void applyAxisTitles();
    /// Gives \a axis the plain-text \a title (empty hides it), broken into lines whenever it
    /// is longer than its side of the plot.
    void setAxisTitle(QAbstractAxis *axis, const QString &title);
    /// Re-breaks every axis title for the plot's current size.
    void fitAxisTitles();
    /*!
     * Category labels for \a names, each at most \a room pixels wide in \a font: broken at
     * spaces (or between Chinese characters) into at most \a maxLines lines, the last one
     * elided in the middle when still too long. Rich text, as Qt Charts draws labels, and each
     * unique, since categories are keys. Qt Charts would cut each at its end to one line
     * instead, which turns "gpt-4o-mini (EU)" and "gpt-4o-mini (US)" into the same "gpt-4o-...".
     */
    static QStringList fittedLabels(const QStringList &names, const QFont &font, qreal room, int maxLines = 2);
    /// Re-fits the chart's category labels to the plot's current size (after it changed).
    virtual void fitLabels() {}
    /// Sets \a axis to [min, max] widened to whole ticks of a 1–2–2.5–5 step (about
    /// \a ticks of them), so tick labels are round numbers whatever the data.
    static void setNiceRange(QValueAxis *axis, double min, double max, int ticks = 5);

    void changeEvent(QEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;
    bool eventFilter(QObject *watched, QEvent *event) override;
    void drawForeground(QPainter *painter, const QRectF &rect) override;
    void contextMenuEvent(QContextMenuEvent *event) override;

private:
    void applyTheme(bool light);
    bool screenIsLight() const;
    /// Applies the chart's layout now rather than on the next event loop pass.
    void settleLayout();
    void drawEmptyText(QPainter &painter, const QRectF &area) const;
    /// Lays the legend out below the plot for a chart \a size big, wrapping onto as many
    /// rows as its entries need, and makes room for it. Qt Charts' own legend cuts every
    /// entry of a row that is too long ("Anthropic-sty...") instead of wrapping, so it stays
    /// hidden: its markers (colours, visibility, labels) are what this legend draws.
    void layoutLegend(const QSizeF &size);
    void clearLegendItems();

    QAction *m_exportAction = nullptr;
    QAction *m_copyAction = nullptr;
    QString m_title; ///< plain text; the chart shows it escaped, broken into lines to fit
    QString m_emptyText;
    QString m_xTitle;
    QString m_yTitle;
    bool m_light = true;
    bool m_exporting = false;
    ExportFormat m_exportFormat = ExportFormat::Png;
    QList<QPointer<QAbstractSeries>> m_transient;
    bool m_legendShown = true;
    bool m_layingOutLegend = false;
    int m_baseBottomMargin = 0; ///< the chart's bottom margin without the legend
    QList<QGraphicsItem *> m_legendItems; ///< children of the chart
};
