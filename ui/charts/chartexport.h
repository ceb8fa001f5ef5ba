#pragma once

#include <QByteArray>
#include <QImage>
#include <QtGlobal>
#include <QString>

#include <optional>

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
};

/// \brief Renders widgets (charts, waterfalls) to PNG, SVG, PDF or the clipboard.
namespace ChartExport {
/// The format a file name asks for by its suffix, or nullopt for an unknown suffix.
std::optional<ExportFormat> formatForPath(const QString &path);
/// The suffix (without dot) written for \a format.
QString suffix(ExportFormat format);
/*!
 * Writes \a widget to \a path. The file is replaced atomically: a failed export leaves any
 * previous file untouched. \a dpi sets the PNG's pixel density and the PDF's resolution;
 * SVG is vector and keeps the widget's size in pixels. On failure returns false and, when
 * \a error is given, a sentence for the user.
 */
bool exportWidget(QWidget *widget, const QString &path, ExportFormat format, int dpi, QString *error);
/*!
 * The SVG document of \a widget in the light export theme, as exportWidget() would write it
 * (for embedding in a report). Empty on failure, with a sentence for the user in \a error.
 */
QByteArray svgBytes(QWidget *widget, QString *error = nullptr);
/// The widget at \a dpi (96 = its size on screen) in the light export theme.
QImage renderImage(QWidget *widget, int dpi);
/// Puts a high-resolution image of \a widget on the clipboard.
void copyToClipboard(QWidget *widget);
/// The QFileDialog filter listing the three formats, translated.
QString fileFilter();
/// Asks for a file name (and a DPI for PNG), exports, and reports errors in a message box.
/// Returns true when a file was written.
bool exportInteractively(QWidget *widget, const QString &suggestedName);
} // namespace ChartExport
