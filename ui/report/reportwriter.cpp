#include "reportwriter.h"

#include "charts/chartexport.h"

#include <QAbstractTextDocumentLayout>
#include <QBuffer>
#include <QColor>
#include <QDir>
#include <QFontMetricsF>
#include <QPageLayout>
#include <QPageSize>
#include <QPainter>
#include <QPdfWriter>
#include <QRegularExpression>
#include <QSaveFile>
#include <QSvgRenderer>
#include <QTextBlock>
#include <QTextCursor>
#include <QTextDocument>
#include <QTextFrame>
#include <QTextObjectInterface>
#include <QWidget>

#include <cmath>
#include <limits>
#include <optional>

namespace {

// A4 at 96 DPI keeps the PDF's layout units the same as the on-screen pixels the charts
// were sized in; vector output does not lose anything at that resolution.
constexpr int PdfDpi = 96;
constexpr qreal MarginMm = 15;
constexpr qreal PdfFontPt = 9;
constexpr qreal A4WidthMm = 210;
// Charts are 3:5, tall enough for a legend under a readable plot.
constexpr qreal ChartAspect = 0.6;

constexpr int ChartObjectType = QTextFormat::UserObject + 1;
constexpr int SvgProperty = QTextFormat::UserProperty + 1;
constexpr int CaptionProperty = QTextFormat::UserProperty + 2;
constexpr int SizeProperty = QTextFormat::UserProperty + 3;
constexpr int CaptionHeightProperty = QTextFormat::UserProperty + 4;

bool fail(QString *error, const QString &message)
{
    if (error)
        *error = message;
    return false;
}

QString esc(const QString &text)
{
    return text.toHtmlEscaped();
}

/// The language of the translation in use (not of the system locale: the user may run the
/// UI in another language), so that browsers hyphenate and read the report aloud properly.
QString languageTag()
{
    const QString tag = ReportWriter::tr("en", "The BCP 47 tag of this translation, for the report's "
                                            "HTML lang attribute (zh-CN for Simplified Chinese)");
    static const QRegularExpression valid(QStringLiteral("^[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*$"));
    return valid.match(tag).hasMatch() ? tag : QStringLiteral("en");
}

struct RenderedChart
{
    QString title;
    QByteArray svg; ///< empty when the chart could not be drawn
    QString error;
};

QList<RenderedChart> renderCharts(const QList<ReportWriter::Chart> &charts)
{
    QList<RenderedChart> out;
    for (const ReportWriter::Chart &chart : charts) {
        RenderedChart rendered { chart.title, {}, {} };
        const QSize size = chart.size.isEmpty() ? ReportWriter::chartSize() : chart.size;
        rendered.svg = ChartExport::svgBytes(chart.widget, size, &rendered.error);
        out.append(rendered);
    }
    return out;
}

/// The SVG as an element for an HTML page: no XML prolog, and ids made unique per chart
/// because all inline SVGs share one id namespace with the page.
QString inlineSvg(const QByteArray &svg, int index)
{
    QString text = QString::fromUtf8(svg);
    const qsizetype start = text.indexOf(u"<svg");
    if (start < 0)
        return {};
    text = text.mid(start);
    const QString prefix = QStringLiteral("chart%1-").arg(index);
    text.replace(QStringLiteral("id=\""), u"id=\"" + prefix);
    text.replace(QStringLiteral("url(#"), u"url(#" + prefix);
    text.replace(QStringLiteral("href=\"#"), u"href=\"#" + prefix);
    return text;
}

QString htmlDocument(const QString &title, const QString &body, const QList<RenderedChart> &charts)
{
    static const auto style = QStringLiteral(
        "body{font-family:system-ui,-apple-system,'Segoe UI','Noto Sans',sans-serif;color:#222;background:#fff;"
        "max-width:60rem;margin:2rem auto;padding:0 1rem;line-height:1.4}"
        "h1{font-size:1.6rem;margin-bottom:.2rem}h2{font-size:1.2rem;margin-top:2rem;"
        "border-bottom:1px solid #ccc;padding-bottom:.2rem}"
        ".meta,.note{color:#555;font-size:.9rem}"
        ".warning{color:#8a3b00;font-weight:600}"
        "table.grid{border-collapse:collapse;font-size:.9rem;font-variant-numeric:tabular-nums}"
        "table.grid th,table.grid td{border:1px solid #ccc;padding:.25rem .5rem;vertical-align:top}"
        "table.grid thead th{background:#f0f0f0}table.grid th.rowhead{font-weight:normal;background:#fafafa}"
        "table.grid td{overflow-wrap:anywhere}.source{color:#666}"
        "figure{margin:1.5rem 0;break-inside:avoid}figcaption{font-weight:bold;margin-bottom:.3rem}"
        "figure svg{width:100%;height:auto;display:block}"
        // Qt writes its generic "Sans Serif", which browsers do not know (they would pick a
        // serif face); ask for the faces Qt resolves it to, or ones of the same widths.
        "figure svg text{font-family:'DejaVu Sans','Bitstream Vera Sans',Verdana,sans-serif}"
        ".error{color:#a00}"
        "@media print{body{margin:0;max-width:none}}");
    QString out = u"<!DOCTYPE html>\n<html lang=\"" + esc(languageTag())
        + u"\">\n<head>\n<meta charset=\"utf-8\">\n"
          u"<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
          u"<meta name=\"generator\" content=\"TokenScope " TOKENSCOPE_VERSION u"\">\n<title>"
        + esc(title) + u"</title>\n<style>" + style + u"</style>\n</head>\n<body>\n" + body
        + u"\n<h2>" + esc(ReportWriter::tr("Charts")) + u"</h2>\n";
    for (int i = 0; i < charts.size(); ++i) {
        const RenderedChart &chart = charts.at(i);
        out += u"<figure>\n<figcaption>" + esc(chart.title) + u"</figcaption>\n";
        const QString svg = inlineSvg(chart.svg, i + 1);
        if (svg.isEmpty())
            out += u"<p class=\"error\">" + esc(ReportWriter::tr("This chart could not be drawn: %1").arg(chart.error))
                + u"</p>\n";
        else
            out += svg + u'\n';
        out += u"</figure>\n";
    }
    out += u"</body>\n</html>\n";
    return out;
}

bool saveBytes(const QString &path, const QByteArray &bytes, QString *error)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return fail(error, ReportWriter::tr("Cannot write %1: %2").arg(QDir::toNativeSeparators(path), file.errorString()));
    if (file.write(bytes) != bytes.size()) {
        const QString reason = file.errorString();
        file.cancelWriting();
        return fail(error, ReportWriter::tr("Cannot write %1: %2").arg(QDir::toNativeSeparators(path), reason));
    }
    if (!file.commit())
        return fail(error, ReportWriter::tr("Cannot save %1: %2").arg(QDir::toNativeSeparators(path), file.errorString()));
    return true;
}

bool firstFailure(const QList<RenderedChart> &charts, QString *error)
{
    for (const RenderedChart &chart : charts) {
        if (chart.svg.isEmpty())
            return fail(error, ReportWriter::tr("The chart “%1” could not be drawn: %2").arg(chart.title, chart.error));
    }
    return true;
}

/// Draws a chart inside a QTextDocument as vector graphics: the caption and the SVG form
/// one inline object, so pagination moves them to the next page together instead of
/// cutting the chart or leaving its caption behind.
class ChartObject : public QObject, public QTextObjectInterface
{
    Q_OBJECT
    Q_INTERFACES(QTextObjectInterface)
public:
    QSizeF intrinsicSize(QTextDocument *, int, const QTextFormat &format) override
    {
        return format.property(SizeProperty).toSizeF();
    }

    void drawObject(QPainter *painter, const QRectF &rect, QTextDocument *document, int,
                    const QTextFormat &format) override
    {
        const qreal captionHeight = format.doubleProperty(CaptionHeightProperty);
        painter->save();
        QFont font = document->defaultFont();
        font.setBold(true);
        painter->setFont(font);
        painter->setPen(Qt::black);
        painter->drawText(QRectF(rect.left(), rect.top(), rect.width(), captionHeight),
                          Qt::AlignLeft | Qt::AlignVCenter, format.stringProperty(CaptionProperty));
        QSvgRenderer renderer(format.property(SvgProperty).toByteArray());
        renderer.render(painter, QRectF(rect.left(), rect.top() + captionHeight, rect.width(),
                                        rect.height() - captionHeight));
        painter->restore();
    }
};

/*!
 * Moves a section heading to the next page when what it introduces (its table or chart)
 * starts on a later page, so that no page ends on a lone heading. QTextDocument keeps
 * lines and table rows whole, but it has no "keep with next".
 */
void keepHeadingsWithContent(QTextDocument &document, qreal pageHeight)
{
    QAbstractTextDocumentLayout *layout = document.documentLayout();
    const QList<QTextFrame *> frames = document.rootFrame()->childFrames();
    for (QTextBlock block = document.begin(); block.isValid(); block = block.next()) {
        if (block.blockFormat().headingLevel() != 2)
            continue;
        // The first table or chart after the heading; enough of it to be worth reading.
        std::optional<qreal> bottom;
        int position = std::numeric_limits<int>::max();
        for (QTextFrame *frame : frames) {
            if (frame->firstPosition() > block.position()) {
                const QRectF rect = layout->frameBoundingRect(frame);
                const qreal rows = QFontMetricsF(document.defaultFont(), layout->paintDevice()).height() * 4;
                bottom = rect.top() + std::min(rect.height(), rows);
                position = frame->firstPosition();
                break;
            }
        }
        for (QTextBlock next = block.next(); next.isValid() && next.position() < position; next = next.next()) {
            if (next.text().contains(QChar::ObjectReplacementCharacter)) {
                bottom = layout->blockBoundingRect(next).bottom();
                break;
            }
        }
        if (!bottom)
            continue;
        const qreal top = layout->blockBoundingRect(block).top();
        if (int(top / pageHeight) != int((*bottom - 1) / pageHeight)) {
            QTextBlockFormat format;
            format.setPageBreakPolicy(QTextFormat::PageBreak_AlwaysBefore);
            QTextCursor(block).mergeBlockFormat(format);
        }
    }
}

} // namespace

QSize ReportWriter::chartSize()
{
    const int width = int((A4WidthMm - 2 * MarginMm) / 25.4 * PdfDpi);
    return { width, int(width * ChartAspect) };
}

QString ReportWriter::escape(const QString &text)
{
    return esc(text);
}

QString ReportWriter::html(const QString &title, const QString &body, const QList<Chart> &charts)
{
    return htmlDocument(title, body, renderCharts(charts));
}

bool ReportWriter::writeHtml(const QString &path, const QString &title, const QString &body,
                             const QList<Chart> &charts, QString *error)
{
    const QList<RenderedChart> rendered = renderCharts(charts);
    if (!firstFailure(rendered, error))
        return false;
    return saveBytes(path, htmlDocument(title, body, rendered).toUtf8(), error);
}

bool ReportWriter::writePdf(const QString &path, const QString &title, const QString &bodyHtml,
                            const QList<Chart> &charts, QString *error)
{
    const QList<RenderedChart> rendered = renderCharts(charts);
    if (!firstFailure(rendered, error))
        return false;

    QBuffer buffer;
    buffer.open(QIODevice::WriteOnly);
    {
        QPdfWriter writer(&buffer);
        writer.setTitle(title);
        writer.setCreator(QStringLiteral("TokenScope " TOKENSCOPE_VERSION));
        writer.setResolution(PdfDpi);
        writer.setPageLayout(QPageLayout(QPageSize(QPageSize::A4), QPageLayout::Portrait,
                                         QMarginsF(MarginMm, MarginMm, MarginMm, MarginMm), QPageLayout::Millimeter));
        const QRectF paintRect = writer.pageLayout().paintRectPixels(PdfDpi);

        QFont font;
        font.setPointSizeF(PdfFontPt);
        const qreal footerHeight = QFontMetricsF(font, &writer).height() * 2;
        const QSizeF body(paintRect.width(), paintRect.height() - footerHeight);

        QTextDocument document;
        // Measure text on the PDF itself, so the layout matches what gets drawn.
        document.documentLayout()->setPaintDevice(&writer);
        document.setDefaultFont(font);
        document.setDocumentMargin(0);
        document.setPageSize(body);
        document.setDefaultStyleSheet(QStringLiteral(
            "h1 { font-size: 16pt; } h2 { font-size: 12pt; margin-top: 14px; } .meta, .note, .source { color: #555; }"
            ".warning { color: #8a3b00; font-weight: 600; }"
            "table.grid { border-collapse: collapse; border-color: #bbbbbb; }"
            "th, td { border: 1px solid #bbbbbb; } thead th { background-color: #eeeeee; }"));
        ChartObject chartObject;
        document.documentLayout()->registerHandler(ChartObjectType, &chartObject);
        document.setHtml(bodyHtml + u"<h2>" + esc(tr("Charts")) + u"</h2>");

        QTextCursor cursor(&document);
        cursor.movePosition(QTextCursor::End);
        QFont captionFont = font;
        captionFont.setBold(true);
        const qreal captionHeight = QFontMetricsF(captionFont, &writer).height() * 1.6;
        for (const RenderedChart &chart : rendered) {
            QSvgRenderer renderer(chart.svg);
            const QSizeF natural = renderer.defaultSize();
            // Scale 1 for charts of chartSize() (their labels print at their point sizes); wider
            // ones shrink to the page width, and any to what a page holds.
            const qreal maxChartHeight = body.height() * 0.9 - captionHeight;
            qreal scale = std::min(1.0, body.width() / natural.width());
            if (natural.height() * scale > maxChartHeight)
                scale = maxChartHeight / natural.height();
            QTextCharFormat format;
            format.setObjectType(ChartObjectType);
            format.setProperty(SvgProperty, chart.svg);
            format.setProperty(CaptionProperty, chart.title);
            format.setProperty(CaptionHeightProperty, captionHeight);
            format.setProperty(SizeProperty, QSizeF(natural.width() * scale, natural.height() * scale + captionHeight));
            QTextBlockFormat block;
            block.setTopMargin(captionHeight * 0.5);
            cursor.insertBlock(block, QTextCharFormat());
            cursor.insertText(QString(QChar::ObjectReplacementCharacter), format);
        }

        keepHeadingsWithContent(document, body.height());

        QPainter painter;
        if (!painter.begin(&writer))
            return fail(error, tr("Could not start the PDF renderer."));
        const int pages = document.pageCount();
        for (int page = 0; page < pages; ++page) {
            if (page > 0)
                writer.newPage();
            painter.save();
            painter.translate(0, -page * body.height());
            document.drawContents(&painter, QRectF(QPointF(0, page * body.height()), body));
            painter.restore();
            painter.setFont(font);
            painter.setPen(QColor(0x66, 0x66, 0x66));
            painter.drawText(QRectF(0, body.height(), body.width(), footerHeight), Qt::AlignRight | Qt::AlignBottom,
                             tr("%1 · page %2 of %3").arg(title).arg(page + 1).arg(pages));
        }
        painter.end();
    }
    return saveBytes(path, buffer.data(), error);
}

#include "reportwriter.moc"
