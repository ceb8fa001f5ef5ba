#pragma once

#include <QByteArray>
#include <QImage>
#include <QSize>
#include <QtGlobal>
#include <QString>

#include <optional>

class QPainter;
class QWidget;

/// \brief The file formats a chart or a waterfall can be exported to.
enum class ExportFormat { Png, Svg, Pdf };

/*!
 * \brief A widget that can switch to a light, print-friendly look for the time of an export.
 *
 * ChartExport calls applyExportTheme(true) before rendering and applyExportTheme(false)
 * afterwards, so an export looks the same whatever theme the screen uses.
 */
class ExportThemable
{
public:
    virtual ~ExportThemable() = default;
    virtual void applyExportTheme(bool light) = 0;
    /// Called before applyExportTheme(true) with the format about to be written, because
    /// SVG cannot carry everything (QSvgGenerator drops texture brushes).
    virtual void prepareExport(ExportFormat format) { Q_UNUSED(format) }
    /// The title written into SVG/PDF metadata (empty: the window title is used).
    virtual QString exportTitle() const { return {}; }
    /*!
     * Draws the widget into \a painter as it looks when laid out at \a size (logical pixels),
     * whether or not it is shown, and returns true; false lets ChartExport draw the widget
     * itself (resized to \a size for the time of the drawing).
     */
    virtual bool renderForExport(QPainter &painter, const QSize &size)
    {
        Q_UNUSED(painter)
        Q_UNUSED(size)
        return false;
    }
};

/// \brief Renders widgets (charts, waterfalls) to PNG, SVG, PDF or the clipboard.
namespace ChartExport {
/// What an export draws at when no size is asked for and the widget was never laid out.
inline constexpr QSize DefaultSize { 800, 480 };
/*!
 * The size an export of \a widget draws at: \a requested when it is valid; else the widget's
 * own size once a layout or the user has sized it; else DefaultSize. A chart on a tab that was
 * never opened still has QWidget's default 100×30, which is no size to draw a chart at.
 */
QSize exportSize(const QWidget *widget, const QSize &requested = {});
/// The format a file name asks for by its suffix, or nullopt for an unknown suffix.
std::optional<ExportFormat> formatForPath(const QString &path);
/// The suffix (without dot) written for \a format.
QString suffix(ExportFormat format);
/*!
 * Writes \a widget to \a path, drawn at exportSize(widget, size) whether or not it is shown.
 * The file is replaced atomically: a failed export leaves any previous file untouched.
 * \a dpi sets the PNG's pixel density and the PDF's resolution; SVG is vector and keeps the
 * size in pixels. On failure returns false and, when \a error is given, a sentence for the user.
 */
bool exportWidget(QWidget *widget, const QString &path, ExportFormat format, int dpi, QString *error,
                  const QSize &size = {});
/*!
 * The SVG document of \a widget in the light export theme at exportSize(widget, size), as
 * exportWidget() would write it (for embedding in a report). Empty on failure, with a
 * sentence for the user in \a error.
 */
QByteArray svgBytes(QWidget *widget, const QSize &size, QString *error = nullptr);
/// The widget at \a dpi (96 = one pixel per logical pixel) in the light export theme.
QImage renderImage(QWidget *widget, int dpi, const QSize &size = {});
/// Puts a high-resolution image of \a widget on the clipboard.
void copyToClipboard(QWidget *widget);
/// The QFileDialog filter listing the three formats, translated.
QString fileFilter();
/// Asks for a file name (and a DPI for PNG and PDF), exports, and reports errors in a message
/// box. Starts in the folder of the last export (QSettings "export/lastFolder"). Returns true
/// when a file was written.
bool exportInteractively(QWidget *widget, const QString &suggestedName);
/// The folder the export dialog starts in: the last one exported to, else Pictures.
QString lastFolder();
/// Remembers \a folder for the next export dialog.
void setLastFolder(const QString &folder);
} // namespace ChartExport
