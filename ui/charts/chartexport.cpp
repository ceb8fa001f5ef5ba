#include "chartexport.h"

#include <QApplication>
#include <QBuffer>
#include <QClipboard>
#include <QCoreApplication>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QInputDialog>
#include <QMessageBox>
#include <QPageSize>
#include <QPainter>
#include <QPdfWriter>
#include <QSaveFile>
#include <QSettings>
#include <QStandardPaths>
#include <QSvgGenerator>

#include <array>

namespace {

// Gives the free functions below a translation context that lupdate understands.
class Text
{
    Q_DECLARE_TR_FUNCTIONS(ChartExport)
};

constexpr int ScreenDpi = 96;
constexpr int MinDpi = 48;
constexpr int MaxDpi = 1200;
constexpr int ClipboardDpi = 192;
const auto LastFolderKey = QStringLiteral("export/lastFolder");

/// Switches a themable widget to the export look for as long as it lives.
class ExportThemeScope
{
public:
    explicit ExportThemeScope(QWidget *widget, ExportFormat format = ExportFormat::Png)
        : m_themable(dynamic_cast<ExportThemable *>(widget))
    {
        if (m_themable) {
            m_themable->prepareExport(format);
            m_themable->applyExportTheme(true);
            // Qt Charts re-lays out fonts and legends through posted layout requests; they
            // must land before we paint or the export shows the old geometry.
            QCoreApplication::sendPostedEvents(nullptr, QEvent::LayoutRequest);
        }
    }
    ~ExportThemeScope()
    {
        if (m_themable)
            m_themable->applyExportTheme(false);
    }
    ExportThemeScope(const ExportThemeScope &) = delete;
    ExportThemeScope &operator=(const ExportThemeScope &) = delete;

private:
    ExportThemable *m_themable;
};

QString titleOf(QWidget *widget)
{
    if (auto *themable = dynamic_cast<ExportThemable *>(widget)) {
        const QString title = themable->exportTitle();
        if (!title.isEmpty())
            return title;
    }
    return widget->windowTitle();
}

/// Paints \a widget into \a painter laid out at \a size (logical pixels; the painter carries
/// any scaling), whatever its size on screen and whether or not it was ever shown.
void paintWidget(QWidget *widget, QPainter &painter, const QSize &size)
{
    painter.fillRect(QRectF(QPointF(0, 0), QSizeF(size)), Qt::white);
    painter.setRenderHint(QPainter::Antialiasing);
    painter.setRenderHint(QPainter::TextAntialiasing);
    // Charts lay themselves out at the size and draw their scene (vector devices stay vector).
    if (auto *themable = dynamic_cast<ExportThemable *>(widget); themable && themable->renderForExport(painter, size))
        return;
    // Anything else is resized for the time of the drawing: QWidget::render() delivers the
    // pending resize event of a hidden widget, so its paintEvent() sees the export size.
    const QSize screenSize = widget->size();
    const bool wasResized = widget->testAttribute(Qt::WA_Resized);
    if (screenSize != size)
        widget->resize(size);
    widget->render(&painter, QPoint(), QRegion(),
                   QWidget::RenderFlags(QWidget::DrawWindowBackground | QWidget::DrawChildren));
    if (screenSize != size) {
        widget->resize(screenSize);
        // Still "never laid out" when it was, so the next export does not take 100×30 for a size.
        widget->setAttribute(Qt::WA_Resized, wasResized);
    }
}

QImage renderAt(QWidget *widget, int dpi, const QSize &logical)
{
    const qreal scale = qreal(dpi) / ScreenDpi;
    const QSize size = (QSizeF(logical) * scale).toSize();
    QImage image(size, QImage::Format_ARGB32_Premultiplied);
    image.fill(Qt::white);
    const int dotsPerMeter = qRound(dpi / 0.0254);
    image.setDotsPerMeterX(dotsPerMeter);
    image.setDotsPerMeterY(dotsPerMeter);
    QPainter painter(&image);
    painter.scale(scale, scale);
    paintWidget(widget, painter, logical);
    painter.end();
    return image;
}

bool fail(QString *error, const QString &message)
{
    if (error)
        *error = message;
    return false;
}

/// Writes \a bytes (or the output of \a writeTo) through QSaveFile so a reader never sees a
/// half-written file and a failure keeps the previous one.
template<typename Writer>
bool writeAtomically(const QString &path, QString *error, Writer writeTo)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return fail(error, Text::tr("Cannot write %1: %2").arg(QDir::toNativeSeparators(path), file.errorString()));
    if (!writeTo(file)) {
        file.cancelWriting();
        return fail(error, Text::tr("Could not render the image for %1.").arg(QDir::toNativeSeparators(path)));
    }
    if (!file.commit())
        return fail(error, Text::tr("Cannot save %1: %2").arg(QDir::toNativeSeparators(path), file.errorString()));
    return true;
}

bool exportPng(QWidget *widget, const QString &path, int dpi, const QSize &size, QString *error)
{
    const QImage image = renderAt(widget, dpi, size);
    return writeAtomically(path, error, [&](QIODevice &device) { return image.save(&device, "PNG"); });
}

/// The SVG document of \a widget (already in its export theme); empty when rendering failed.
QByteArray renderSvg(QWidget *widget, const QSize &size, QString *error)
{
    QBuffer buffer;
    buffer.open(QIODevice::WriteOnly);
    QSvgGenerator generator;
    generator.setOutputDevice(&buffer);
    generator.setSize(size);
    generator.setViewBox(QRect(QPoint(0, 0), size));
    // One SVG user unit per screen pixel, so the drawing keeps its on-screen size.
    generator.setResolution(ScreenDpi);
    generator.setTitle(titleOf(widget));
    generator.setDescription(Text::tr("Exported from TokenScope"));
    QPainter painter;
    if (!painter.begin(&generator)) {
        fail(error, Text::tr("Could not start the SVG renderer."));
        return {};
    }
    paintWidget(widget, painter, size);
    painter.end();
    return buffer.data();
}

bool exportSvg(QWidget *widget, const QString &path, const QSize &size, QString *error)
{
    const QByteArray bytes = renderSvg(widget, size, error);
    if (bytes.isEmpty())
        return false;
    return writeAtomically(path, error, [&](QIODevice &device) {
        return device.write(bytes) == bytes.size();
    });
}

bool exportPdf(QWidget *widget, const QString &path, int dpi, const QSize &size, QString *error)
{
    QBuffer buffer;
    buffer.open(QIODevice::WriteOnly);
    {
        QPdfWriter writer(&buffer);
        writer.setCreator(QStringLiteral("TokenScope"));
        writer.setTitle(titleOf(widget));
        writer.setResolution(dpi);
        // The page is the widget itself (in points), so nothing is scaled or cropped.
        const QSizeF points = QSizeF(size) * 72.0 / ScreenDpi;
        writer.setPageSize(QPageSize(points, QPageSize::Point, QString(), QPageSize::ExactMatch));
        writer.setPageMargins(QMarginsF(0, 0, 0, 0));
        QPainter painter;
        if (!painter.begin(&writer))
            return fail(error, Text::tr("Could not start the PDF renderer."));
        const qreal scale = qreal(dpi) / ScreenDpi;
        painter.scale(scale, scale);
        paintWidget(widget, painter, size);
        painter.end();
    }
    const QByteArray bytes = buffer.data();
    return writeAtomically(path, error, [&](QIODevice &device) {
        return device.write(bytes) == bytes.size();
    });
}

} // namespace

std::optional<ExportFormat> ChartExport::formatForPath(const QString &path)
{
    const QString ext = QFileInfo(path).suffix().toLower();
    if (ext == QLatin1String("png"))
        return ExportFormat::Png;
    if (ext == QLatin1String("svg"))
        return ExportFormat::Svg;
    if (ext == QLatin1String("pdf"))
        return ExportFormat::Pdf;
    return std::nullopt;
}

QString ChartExport::suffix(ExportFormat format)
{
    switch (format) {
    case ExportFormat::Png: return QStringLiteral("png");
    case ExportFormat::Svg: return QStringLiteral("svg");
    case ExportFormat::Pdf: return QStringLiteral("pdf");
    }
    return {};
}

QSize ChartExport::exportSize(const QWidget *widget, const QSize &requested)
{
    if (!requested.isEmpty())
        return requested;
    // WA_Resized: a layout (or the user) gave the widget a size; a page of a QTabWidget that
    // was never opened has had none.
    if (widget && !widget->size().isEmpty() && (widget->isVisible() || widget->testAttribute(Qt::WA_Resized)))
        return widget->size();
    return DefaultSize;
}

bool ChartExport::exportWidget(QWidget *widget, const QString &path, ExportFormat format, int dpi,
                               QString *error, const QSize &requested)
{
    if (!widget)
        return fail(error, Text::tr("There is nothing to export."));
    if (path.isEmpty())
        return fail(error, Text::tr("No file name was given."));
    if (dpi < MinDpi || dpi > MaxDpi)
        return fail(error, Text::tr("The resolution must be between %1 and %2 DPI.").arg(MinDpi).arg(MaxDpi));

    const QSize size = exportSize(widget, requested);
    ExportThemeScope theme(widget, format);
    switch (format) {
    case ExportFormat::Png: return exportPng(widget, path, dpi, size, error);
    case ExportFormat::Svg: return exportSvg(widget, path, size, error);
    case ExportFormat::Pdf: return exportPdf(widget, path, dpi, size, error);
    }
    return fail(error, Text::tr("Unknown export format."));
}

QByteArray ChartExport::svgBytes(QWidget *widget, const QSize &size, QString *error)
{
    if (!widget) {
        fail(error, Text::tr("There is nothing to export."));
        return {};
    }
    ExportThemeScope theme(widget, ExportFormat::Svg);
    return renderSvg(widget, exportSize(widget, size), error);
}

QImage ChartExport::renderImage(QWidget *widget, int dpi, const QSize &size)
{
    if (!widget)
        return {};
    ExportThemeScope theme(widget);
    return renderAt(widget, qBound(MinDpi, dpi, MaxDpi), exportSize(widget, size));
}

void ChartExport::copyToClipboard(QWidget *widget)
{
    const QImage image = renderImage(widget, ClipboardDpi);
    if (!image.isNull())
        QApplication::clipboard()->setImage(image);
}

QString ChartExport::fileFilter()
{
    return Text::tr("PNG image (*.png)") + QStringLiteral(";;") + Text::tr("SVG (*.svg)") + QStringLiteral(";;")
        + Text::tr("PDF (*.pdf)");
}

QString ChartExport::lastFolder()
{
    const QString last = QSettings().value(LastFolderKey).toString();
    if (!last.isEmpty() && QFileInfo(last).isDir())
        return last;
    return QStandardPaths::writableLocation(QStandardPaths::PicturesLocation);
}

void ChartExport::setLastFolder(const QString &folder)
{
    if (!folder.isEmpty())
        QSettings().setValue(LastFolderKey, folder);
}

bool ChartExport::exportInteractively(QWidget *widget, const QString &suggestedName)
{
    if (!widget)
        return false;
    const QString dir = lastFolder();
    const QString start = dir.isEmpty() ? suggestedName : dir + QLatin1Char('/') + suggestedName;
    QString selectedFilter;
    QString path = QFileDialog::getSaveFileName(widget, Text::tr("Export Chart"), start, fileFilter(),
                                                &selectedFilter);
    if (path.isEmpty())
        return false;

    std::optional<ExportFormat> format = formatForPath(path);
    if (!format) {
        // No known suffix typed: take the format of the filter the user picked.
        const QStringList filters = fileFilter().split(QStringLiteral(";;"));
        const int index = qMax(0, filters.indexOf(selectedFilter));
        format = std::array{ExportFormat::Png, ExportFormat::Svg, ExportFormat::Pdf}[size_t(qMin(index, 2))];
        path += QLatin1Char('.') + suffix(*format);
    }

    setLastFolder(QFileInfo(path).absolutePath());

    int dpi = 192;
    if (*format != ExportFormat::Svg) {
        QInputDialog ask(widget);
        ask.setObjectName(QStringLiteral("exportResolutionDialog"));
        ask.setWindowTitle(Text::tr("Export Resolution"));
        ask.setLabelText(Text::tr("Resolution (DPI):"));
        ask.setInputMode(QInputDialog::IntInput);
        ask.setIntRange(MinDpi, MaxDpi);
        ask.setIntStep(24);
        ask.setIntValue(dpi);
        // Window managers clip a title wider than the dialog: QInputDialog sizes itself to its
        // label and spin box alone. Leave room for the title and the title bar's buttons.
        ask.setMinimumWidth(ask.fontMetrics().horizontalAdvance(ask.windowTitle()) + 160);
        if (ask.exec() != QDialog::Accepted)
            return false;
        dpi = ask.intValue();
    }

    QString error;
    if (!exportWidget(widget, path, *format, dpi, &error)) {
        QMessageBox::warning(widget, Text::tr("Export Failed"), error);
        return false;
    }
    return true;
}
