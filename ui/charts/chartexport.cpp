#include "chartexport.h"

#include <QApplication>
#include <QBuffer>
#include <QClipboard>
#include <QCoreApplication>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QGraphicsView>
#include <QInputDialog>
#include <QMessageBox>
#include <QPageSize>
#include <QPainter>
#include <QPdfWriter>
#include <QSaveFile>
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

/// Paints \a widget into \a painter at its logical size (the painter carries any scaling).
/// Graphics views go through their scene so that vector devices (SVG, PDF) stay vector.
void paintWidget(QWidget *widget, QPainter &painter)
{
    const QRectF target(QPointF(0, 0), QSizeF(widget->size()));
    painter.fillRect(target, Qt::white);
    if (auto *view = qobject_cast<QGraphicsView *>(widget)) {
        painter.setRenderHint(QPainter::Antialiasing);
        painter.setRenderHint(QPainter::TextAntialiasing);
        view->render(&painter, target, view->viewport()->rect(), Qt::IgnoreAspectRatio);
        return;
    }
    widget->render(&painter, QPoint(), QRegion(),
                   QWidget::RenderFlags(QWidget::DrawWindowBackground | QWidget::DrawChildren));
}

QImage renderAt(QWidget *widget, int dpi)
{
    const qreal scale = qreal(dpi) / ScreenDpi;
    const QSize size = (QSizeF(widget->size()) * scale).toSize();
    QImage image(size, QImage::Format_ARGB32_Premultiplied);
    image.fill(Qt::white);
    const int dotsPerMeter = qRound(dpi / 0.0254);
    image.setDotsPerMeterX(dotsPerMeter);
    image.setDotsPerMeterY(dotsPerMeter);
    QPainter painter(&image);
    painter.scale(scale, scale);
    paintWidget(widget, painter);
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

bool exportPng(QWidget *widget, const QString &path, int dpi, QString *error)
{
    const QImage image = renderAt(widget, dpi);
    return writeAtomically(path, error, [&](QIODevice &device) { return image.save(&device, "PNG"); });
}

/// The SVG document of \a widget (already in its export theme); empty when rendering failed.
QByteArray renderSvg(QWidget *widget, QString *error)
{
    QBuffer buffer;
    buffer.open(QIODevice::WriteOnly);
    QSvgGenerator generator;
    generator.setOutputDevice(&buffer);
    generator.setSize(widget->size());
    generator.setViewBox(QRect(QPoint(0, 0), widget->size()));
    // One SVG user unit per screen pixel, so the drawing keeps its on-screen size.
    generator.setResolution(ScreenDpi);
    generator.setTitle(titleOf(widget));
    generator.setDescription(Text::tr("Exported from TokenScope"));
    QPainter painter;
    if (!painter.begin(&generator)) {
        fail(error, Text::tr("Could not start the SVG renderer."));
        return {};
    }
    paintWidget(widget, painter);
    painter.end();
    return buffer.data();
}

bool exportSvg(QWidget *widget, const QString &path, QString *error)
{
    const QByteArray bytes = renderSvg(widget, error);
    if (bytes.isEmpty())
        return false;
    return writeAtomically(path, error, [&](QIODevice &device) {
        return device.write(bytes) == bytes.size();
    });
}

bool exportPdf(QWidget *widget, const QString &path, int dpi, QString *error)
{
    QBuffer buffer;
    buffer.open(QIODevice::WriteOnly);
    {
        QPdfWriter writer(&buffer);
        writer.setCreator(QStringLiteral("TokenScope"));
        writer.setTitle(titleOf(widget));
        writer.setResolution(dpi);
        // The page is the widget itself (in points), so nothing is scaled or cropped.
        const QSizeF points = QSizeF(widget->size()) * 72.0 / ScreenDpi;
        writer.setPageSize(QPageSize(points, QPageSize::Point, QString(), QPageSize::ExactMatch));
        writer.setPageMargins(QMarginsF(0, 0, 0, 0));
        QPainter painter;
        if (!painter.begin(&writer))
            return fail(error, Text::tr("Could not start the PDF renderer."));
        const qreal scale = qreal(dpi) / ScreenDpi;
        painter.scale(scale, scale);
        paintWidget(widget, painter);
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

bool ChartExport::exportWidget(QWidget *widget, const QString &path, ExportFormat format, int dpi,
                               QString *error)
{
    if (!widget)
        return fail(error, Text::tr("There is nothing to export."));
    if (path.isEmpty())
        return fail(error, Text::tr("No file name was given."));
    if (widget->width() <= 0 || widget->height() <= 0)
        return fail(error, Text::tr("The chart has no size yet; show it before exporting."));
    if (dpi < MinDpi || dpi > MaxDpi)
        return fail(error, Text::tr("The resolution must be between %1 and %2 DPI.").arg(MinDpi).arg(MaxDpi));

    ExportThemeScope theme(widget, format);
    switch (format) {
    case ExportFormat::Png: return exportPng(widget, path, dpi, error);
    case ExportFormat::Svg: return exportSvg(widget, path, error);
    case ExportFormat::Pdf: return exportPdf(widget, path, dpi, error);
    }
    return fail(error, Text::tr("Unknown export format."));
}

QByteArray ChartExport::svgBytes(QWidget *widget, QString *error)
{
    if (!widget) {
        fail(error, Text::tr("There is nothing to export."));
        return {};
    }
    if (widget->width() <= 0 || widget->height() <= 0) {
        fail(error, Text::tr("The chart has no size yet; show it before exporting."));
        return {};
    }
    ExportThemeScope theme(widget, ExportFormat::Svg);
    return renderSvg(widget, error);
}

QImage ChartExport::renderImage(QWidget *widget, int dpi)
{
    if (!widget || widget->width() <= 0 || widget->height() <= 0)
        return {};
    ExportThemeScope theme(widget);
    return renderAt(widget, qBound(MinDpi, dpi, MaxDpi));
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

bool ChartExport::exportInteractively(QWidget *widget, const QString &suggestedName)
{
    if (!widget)
        return false;
    const QString dir = QStandardPaths::writableLocation(QStandardPaths::PicturesLocation);
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

    int dpi = 192;
    if (*format != ExportFormat::Svg) {
        bool ok = false;
        dpi = QInputDialog::getInt(widget, Text::tr("Export Resolution"), Text::tr("Resolution (DPI):"), dpi, MinDpi,
                                   MaxDpi, 24, &ok);
        if (!ok)
            return false;
    }

    QString error;
    if (!exportWidget(widget, path, *format, dpi, &error)) {
        QMessageBox::warning(widget, Text::tr("Export Failed"), error);
        return false;
    }
    return true;
}
