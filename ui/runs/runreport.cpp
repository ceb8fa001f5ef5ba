#include "runreport.h"

#include "charts/chartexport.h"
#include "export/runexport.h"
#include "runs/endpointresultsmodel.h"

#include <QAbstractTextDocumentLayout>
#include <QBuffer>
#include <QColor>
#include <QDateTime>
#include <QDir>
#include <QJsonObject>
#include <QLocale>
#include <QPageLayout>
#include <QPageSize>
#include <QPainter>
#include <QPdfWriter>
#include <QRegularExpression>
#include <QSaveFile>
#include <QSvgRenderer>
#include <QTextCursor>
#include <QTextFrame>
#include <QTextDocument>
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
    const QString tag = RunReport::tr("en", "The BCP 47 tag of this translation, for the report's "
                                            "HTML lang attribute (zh-CN for Simplified Chinese)");
    static const QRegularExpression valid(QStringLiteral("^[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*$"));
    return valid.match(tag).hasMatch() ? tag : QStringLiteral("en");
}

QString formatMs(double ms)
{
    return RunReport::tr("%1 ms").arg(QLocale().toString(ms, 'f', ms < 10 ? 2 : 1));
}

QString formatSeconds(double ms)
{
    const double s = ms / 1000.0;
    const int decimals = std::fmod(ms, 1000.0) == 0 ? 0 : (std::fmod(ms, 100.0) == 0 ? 1 : 3);
    return RunReport::tr("%1 s").arg(QLocale().toString(s, 'f', decimals));
}

QString yesNo(bool value)
{
    return value ? RunReport::tr("Yes") : RunReport::tr("No");
}

QString dash()
{
    return RunReport::tr("—");
}

/// The endpoint's colour as a square before its name; the colour is re-serialised by QColor
/// so that a profile's colour string cannot smuggle anything into the markup.
QString endpointHeader(const EndpointProfile &endpoint)
{
    const QColor color = QColor::fromString(endpoint.color);
    const QString swatch = color.isValid()
        ? QStringLiteral("<span style=\"color:%1\">&#9632;</span>&nbsp;").arg(color.name())
        : QString();
    return swatch + esc(endpoint.name);
}

/// One row of a table with a column per endpoint; cells are ready HTML (already escaped).
struct Row
{
    QString label;
    QStringList cells;
    bool emphasised = false;
};

QString table(const QString &corner, const QList<EndpointRun> &runs, const QList<Row> &rows)
{
    QString out = QStringLiteral("<table class=\"grid\" width=\"100%\" cellspacing=\"0\" cellpadding=\"4\">"
                                 "<thead><tr><th align=\"left\">")
        + esc(corner) + u"</th>";
    for (const EndpointRun &run : runs)
        out += u"<th align=\"right\">" + endpointHeader(run.endpoint) + u"</th>";
    out += u"</tr></thead><tbody>";
    for (const Row &row : rows) {
        out += u"<tr><th align=\"left\" class=\"rowhead\">" + esc(row.label) + u"</th>";
        for (const QString &cell : row.cells) {
            if (row.emphasised)
                out += u"<td align=\"right\"><b>" + cell + u"</b></td>";
            else
                out += u"<td align=\"right\">" + cell + u"</td>";
        }
        out += u"</tr>";
    }
    out += u"</tbody></table>";
    return out;
}

QString loadText(const QJsonObject &settings)
{
    const double rate = settings.value(QStringLiteral("rate")).toDouble();
    const int concurrency = settings.value(QStringLiteral("concurrency")).toInt();
    if (rate <= 0)
        return RunReport::tr("%1 in flight (closed loop)").arg(QLocale().toString(concurrency));
    const QString perSecond = QLocale().toString(rate, 'g', 6);
    QString text = settings.value(QStringLiteral("poisson")).toBool()
        ? RunReport::tr("%1 requests/s, Poisson arrivals").arg(perSecond)
        : RunReport::tr("%1 requests/s, evenly spaced").arg(perSecond);
    if (concurrency > 0)
        text = RunReport::tr("%1, at most %2 in flight").arg(text, QLocale().toString(concurrency));
    return text;
}

QString settingsSection(const QList<EndpointRun> &runs)
{
    QList<Row> rows {
        { RunReport::tr("URL"), {} },
        { RunReport::tr("Protocol"), {} },
        { RunReport::tr("Model"), {} },
        { RunReport::tr("Requests"), {} },
        { RunReport::tr("Load"), {} },
        { RunReport::tr("Warm-up requests"), {} },
        { RunReport::tr("Max output tokens"), {} },
        { RunReport::tr("Timeouts"), {} },
        { RunReport::tr("Connection reuse"), {} },
        { RunReport::tr("TLS verification"), {} },
    };
    for (const EndpointRun &run : runs) {
        // Only what RunExport puts in its JSON: the profile's key and headers stay out.
        const QJsonObject s = RunExport::settingsJson(run.config);
        const QJsonObject e = s.value(QStringLiteral("endpoint")).toObject();
        const QJsonObject t = s.value(QStringLiteral("timeouts_ms")).toObject();
        const QString timeouts
            = RunReport::tr("connect %1 · first token %2 · stall %3 · total %4")
                  .arg(formatSeconds(t.value(QStringLiteral("connect")).toDouble()),
                       formatSeconds(t.value(QStringLiteral("first_token")).toDouble()),
                       formatSeconds(t.value(QStringLiteral("stall")).toDouble()),
                       formatSeconds(t.value(QStringLiteral("total")).toDouble()));
        const QStringList values {
            e.value(QStringLiteral("url")).toString(),
            e.value(QStringLiteral("protocol")).toString(),
            e.value(QStringLiteral("model")).toString(),
            QLocale().toString(s.value(QStringLiteral("requests")).toInt()),
            loadText(s),
            QLocale().toString(s.value(QStringLiteral("warmup")).toInt()),
            QLocale().toString(s.value(QStringLiteral("max_tokens")).toInt()),
            timeouts,
            yesNo(s.value(QStringLiteral("reuse_connections")).toBool()),
            yesNo(e.value(QStringLiteral("verify_tls")).toBool()),
        };
        for (qsizetype i = 0; i < rows.size(); ++i)
            rows[i].cells.append(values.at(i).isEmpty() ? dash() : esc(values.at(i)));
    }
    return u"<h2>" + esc(RunReport::tr("Settings")) + u"</h2>" + table(RunReport::tr("Setting"), runs, rows);
}

QString resultsSection(const QList<EndpointRun> &runs)
{
    // The same model as the Runs panel's table, so every figure reads exactly as on screen.
    EndpointResultsModel model;
    model.setRuns(runs);
    const auto header = [&](int column) { return model.headerData(column, Qt::Horizontal).toString(); };
    const auto cell = [&](int row, int column) {
        const QString text = model.data(model.index(row, column)).toString();
        return text.isEmpty() ? dash() : esc(text);
    };

    QList<Row> rows;
    rows.append({ RunReport::tr("Succeeded"), {} });
    rows.append({ RunReport::tr("Failed"), {} });
    rows.append({ RunReport::tr("Cancelled"), {} });
    for (int row = 0; row < runs.size(); ++row) {
        const RunSummary &s = runs.at(row).summary;
        rows[0].cells.append(cell(row, EndpointResultsModel::OkColumn));
        rows[1].cells.append(esc(QLocale().toString(s.requestsFailed)));
        rows[2].cells.append(esc(QLocale().toString(s.requestsCancelled)));
    }
    for (int column = EndpointResultsModel::TtftP50Column; column <= EndpointResultsModel::E2eP99Column; ++column) {
        Row r { RunReport::tr("%1 (ms)").arg(header(column)), {} };
        for (int row = 0; row < runs.size(); ++row)
            r.cells.append(cell(row, column));
        rows.append(r);
    }
    for (int column : { int(EndpointResultsModel::TokensPerSecondColumn),
                        int(EndpointResultsModel::PeakTokensPerSecondColumn),
                        int(EndpointResultsModel::FailuresColumn), int(EndpointResultsModel::CostColumn) }) {
        Row r { column == EndpointResultsModel::FailuresColumn ? RunReport::tr("Failures by class") : header(column),
                {} };
        for (int row = 0; row < runs.size(); ++row)
            r.cells.append(cell(row, column));
        rows.append(r);
    }
    return u"<h2>" + esc(RunReport::tr("Results")) + u"</h2><p class=\"note\">"
        + esc(RunReport::tr("Percentiles and throughput leave out warm-up and failed requests."))
        + u"</p>" + table(RunReport::tr("Figure"), runs, rows);
}

QString breakdownSection(const QList<EndpointRun> &runs)
{
    QList<Row> rows;
    for (Phase phase : Phases::all())
        rows.append({ Phases::label(phase), {} });
    Row sum { RunReport::tr("Sum of phases"), {}, true };
    for (const EndpointRun &run : runs) {
        double total = 0;
        bool any = false;
        for (Phase phase : Phases::all()) {
            const size_t i = size_t(phase);
            const Distribution &d = run.summary.phaseMs[i];
            if (d.isEmpty()) {
                rows[qsizetype(i)].cells.append(dash());
                continue;
            }
            any = true;
            total += d.mean;
            const PhaseSource source = run.summary.phaseSource[i];
            QString text = esc(formatMs(d.mean)) + u" <span class=\"source\">("
                + esc(Phases::sourceLabel(source)) + u")</span>";
            if (source == PhaseSource::Estimated)
                text = u"<i>" + text + u"</i>";
            rows[qsizetype(i)].cells.append(text);
        }
        sum.cells.append(any ? esc(formatMs(total)) : dash());
    }
    rows.append(sum);
    return u"<h2>" + esc(RunReport::tr("Where the time goes")) + u"</h2><p class=\"note\">"
        + esc(RunReport::tr("Mean of each phase over the successful requests; the means add up to the mean "
                            "end-to-end latency. Each figure says where it comes from: measured by TokenScope, "
                            "reported by the server, or estimated (in italics) where the trace cannot tell "
                            "the phases apart."))
        + u"</p>" + table(RunReport::tr("Phase"), runs, rows);
}

QString title()
{
    return RunReport::tr("TokenScope run report");
}

/// Title, version and date, then the three tables: the part both formats share.
QString textSections(const QList<EndpointRun> &runs, const QDateTime &when)
{
    QStringList names;
    for (const EndpointRun &run : runs)
        names.append(run.endpoint.name);
    const QString created = RunReport::tr("Created with TokenScope %1 on %2")
                                .arg(QStringLiteral(TOKENSCOPE_VERSION), QLocale().toString(when, QLocale::LongFormat));
    return u"<h1>" + esc(title()) + u"</h1><p class=\"meta\">" + esc(created) + u"<br>"
        + esc(RunReport::tr("Endpoints: %1").arg(names.join(QStringLiteral(", ")))) + u"</p>"
        + settingsSection(runs) + resultsSection(runs) + breakdownSection(runs);
}

struct RenderedChart
{
    QString title;
    QByteArray svg; ///< empty when the chart could not be drawn
    QString error;
};

QList<RenderedChart> renderCharts(const QList<RunReport::Chart> &charts)
{
    QList<RenderedChart> out;
    for (const RunReport::Chart &chart : charts) {
        RenderedChart rendered { chart.title, {}, {} };
        rendered.svg = ChartExport::svgBytes(chart.widget, &rendered.error);
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

QString htmlDocument(const QList<EndpointRun> &runs, const QList<RenderedChart> &charts, const QDateTime &when)
{
    static const auto style = QStringLiteral(
        "body{font-family:system-ui,-apple-system,'Segoe UI','Noto Sans',sans-serif;color:#222;background:#fff;"
        "max-width:60rem;margin:2rem auto;padding:0 1rem;line-height:1.4}"
        "h1{font-size:1.6rem;margin-bottom:.2rem}h2{font-size:1.2rem;margin-top:2rem;"
        "border-bottom:1px solid #ccc;padding-bottom:.2rem}"
        ".meta,.note{color:#555;font-size:.9rem}"
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
        + esc(title()) + u"</title>\n<style>" + style + u"</style>\n</head>\n<body>\n" + textSections(runs, when)
        + u"\n<h2>" + esc(RunReport::tr("Charts")) + u"</h2>\n";
    for (int i = 0; i < charts.size(); ++i) {
        const RenderedChart &chart = charts.at(i);
        out += u"<figure>\n<figcaption>" + esc(chart.title) + u"</figcaption>\n";
        const QString svg = inlineSvg(chart.svg, i + 1);
        if (svg.isEmpty())
            out += u"<p class=\"error\">" + esc(RunReport::tr("This chart could not be drawn: %1").arg(chart.error))
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
        return fail(error, RunReport::tr("Cannot write %1: %2").arg(QDir::toNativeSeparators(path), file.errorString()));
    if (file.write(bytes) != bytes.size()) {
        const QString reason = file.errorString();
        file.cancelWriting();
        return fail(error, RunReport::tr("Cannot write %1: %2").arg(QDir::toNativeSeparators(path), reason));
    }
    if (!file.commit())
        return fail(error, RunReport::tr("Cannot save %1: %2").arg(QDir::toNativeSeparators(path), file.errorString()));
    return true;
}

bool firstFailure(const QList<RenderedChart> &charts, QString *error)
{
    for (const RenderedChart &chart : charts) {
        if (chart.svg.isEmpty())
            return fail(error, RunReport::tr("The chart “%1” could not be drawn: %2").arg(chart.title, chart.error));
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

QString RunReport::html(const QList<EndpointRun> &runs, const QList<Chart> &charts)
{
    return htmlDocument(runs, renderCharts(charts), QDateTime::currentDateTime());
}

bool RunReport::writeHtml(const QString &path, const QList<EndpointRun> &runs, const QList<Chart> &charts,
                          QString *error)
{
    const QList<RenderedChart> rendered = renderCharts(charts);
    if (!firstFailure(rendered, error))
        return false;
    return saveBytes(path, htmlDocument(runs, rendered, QDateTime::currentDateTime()).toUtf8(), error);
}

bool RunReport::writePdf(const QString &path, const QList<EndpointRun> &runs, const QList<Chart> &charts,
                         QString *error)
{
    const QList<RenderedChart> rendered = renderCharts(charts);
    if (!firstFailure(rendered, error))
        return false;

    QBuffer buffer;
    buffer.open(QIODevice::WriteOnly);
    {
        QPdfWriter writer(&buffer);
        writer.setTitle(title());
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
            "table.grid { border-collapse: collapse; border-color: #bbbbbb; }"
            "th, td { border: 1px solid #bbbbbb; } thead th { background-color: #eeeeee; }"));
        ChartObject chartObject;
        document.documentLayout()->registerHandler(ChartObjectType, &chartObject);
        document.setHtml(textSections(runs, QDateTime::currentDateTime()) + u"<h2>" + esc(tr("Charts")) + u"</h2>");

        QTextCursor cursor(&document);
        cursor.movePosition(QTextCursor::End);
        QFont captionFont = font;
        captionFont.setBold(true);
        const qreal captionHeight = QFontMetricsF(captionFont, &writer).height() * 1.6;
        for (const RenderedChart &chart : rendered) {
            QSvgRenderer renderer(chart.svg);
            const QSizeF natural = renderer.defaultSize();
            // The page width, unless that would make the chart taller than what a page holds.
            const qreal maxChartHeight = body.height() * 0.9 - captionHeight;
            qreal scale = body.width() / natural.width();
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
                             tr("%1 · page %2 of %3").arg(title()).arg(page + 1).arg(pages));
        }
        painter.end();
    }
    return saveBytes(path, buffer.data(), error);
}

#include "runreport.moc"
