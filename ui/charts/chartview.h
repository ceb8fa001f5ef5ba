#pragma once

#include "chartexport.h"

#include <QChart>
#include <QChartView>

class QAbstractSeries;
class QAction;
class QValueAxis;

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
    ~ChartView() override;

    /// "Export…": asks for a file and writes PNG, SVG or PDF (for toolbars and menus).
    QAction *exportAction() const { return m_exportAction; }
    /// "Copy image": puts the chart on the clipboard as an image.
    QAction *copyAction() const { return m_copyAction; }

    /// Writes the chart to \a path; the format follows the suffix (.png, .svg, .pdf).
    bool exportTo(const QString &path, int dpi = 192, QString *error = nullptr);

    void setTitle(const QString &title);
    QString title() const;
    /// Titles of the first horizontal and vertical axes (empty hides a title).
    void setAxisTitles(const QString &x, const QString &y);

    /// Switches to the light print theme (true) or back to the screen theme (false).
    void applyExportTheme(bool light) override;
    QString exportTitle() const override;
    void prepareExport(ExportFormat format) override { m_exportFormat = format; }

    /// True while the chart is drawn with a light background (screen or export).
    bool isLight() const { return m_light; }

protected:
    /// Re-applies series colours, pens and brushes; called after every theme change.
    virtual void restyle() {}
    /// True while an SVG export is drawn: textures must give way to plain fills.
    bool exportingSvg() const { return m_exporting && m_exportFormat == ExportFormat::Svg; }
    /// The text colour that reads on the current background.
    QColor foregroundColor() const;
    /// Hides \a series from the legend (markers, highlights and other helpers).
    void hideFromLegend(QAbstractSeries *series);
    /// Re-applies the remembered axis titles (after axes were replaced).
    void applyAxisTitles();
    /// Sets \a axis to [min, max] widened to whole ticks of a 1–2–2.5–5 step (about
    /// \a ticks of them), so tick labels are round numbers whatever the data.
    static void setNiceRange(QValueAxis *axis, double min, double max, int ticks = 5);

    void changeEvent(QEvent *event) override;
    void contextMenuEvent(QContextMenuEvent *event) override;

private:
    void applyTheme(bool light);
    bool screenIsLight() const;

    QAction *m_exportAction = nullptr;
    QAction *m_copyAction = nullptr;
    QString m_xTitle;
    QString m_yTitle;
    bool m_light = true;
    bool m_exporting = false;
    ExportFormat m_exportFormat = ExportFormat::Png;
};
