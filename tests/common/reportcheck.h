#pragma once

// Checks a written report as a reader would see it: its PDF rendered to page images by
// poppler's pdftoppm (captions found with pdftotext -bbox), its HTML opened in a real browser
// (chromium --headless --screenshot). Each chart area must be drawn: ink over the whole
// width of the page's text, as tall as a chart (not a 100×30 chart blown up into one giant
// word), in the series' colours, spread over its area. The charts' text is checked in their
// SVG (the PDF draws the same SVG at scale 1; its text is not extractable from the PDF).

#include <QDir>
#include <QFile>
#include <QImage>
#include <QList>
#include <QProcess>
#include <QRectF>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QString>
#include <QStringList>
#include <QTemporaryDir>
#include <QUrl>

#include <algorithm>
#include <optional>
#include <utility>

namespace ReportCheck {

/// The report's A4 margin (ReportWriter's MarginMm) in points.
inline constexpr double MarginPt = 15 / 25.4 * 72;
/// ReportWriter::chartSize(): the A4 text width at 96 DPI, 3:5.
inline constexpr int ChartWidth = 680;
inline constexpr int ChartHeight = 408;
/// The smallest text a chart may print with.
inline constexpr double MinFontPt = 8;
/// Room for the page footer (two lines of 9 pt) above the bottom margin.
inline constexpr double FooterPt = 24;

inline QString tool(const char *name)
{
    return QStandardPaths::findExecutable(QString::fromLatin1(name));
}

/// Runs \a program; its standard output, or nullopt with what went wrong in \a error.
inline std::optional<QByteArray> run(const QString &program, const QStringList &args, QString *error,
                                     int timeoutMs = 120'000)
{
    QProcess p;
    p.start(program, args);
    if (!p.waitForFinished(timeoutMs) || p.exitStatus() != QProcess::NormalExit || p.exitCode() != 0) {
        if (p.state() != QProcess::NotRunning) {
            p.kill();
            p.waitForFinished();
        }
        *error = program + u' ' + args.join(u' ') + QStringLiteral(" failed: ")
            + QString::fromLocal8Bit(p.readAllStandardError()) + p.errorString();
        return std::nullopt;
    }
    return p.readAllStandardOutput();
}

/// Every page of \a pdf as an image at \a dpi (pdftoppm -r DPI -png), in page order.
inline QList<QImage> pdfPages(const QString &pdf, int dpi, QString *error)
{
    QTemporaryDir dir;
    if (!run(tool("pdftoppm"), { QStringLiteral("-r"), QString::number(dpi), QStringLiteral("-png"), pdf,
                                 dir.filePath(QStringLiteral("page")) },
             error))
        return {};
    // pdftoppm pads the page numbers to one width, so the names sort in page order.
    const QStringList files = QDir(dir.path()).entryList({ QStringLiteral("page*.png") }, QDir::Files, QDir::Name);
    QList<QImage> pages;
    for (const QString &file : files)
        pages.append(QImage(dir.filePath(file)).convertToFormat(QImage::Format_RGB32));
    if (pages.isEmpty())
        *error = QStringLiteral("pdftoppm wrote no page of ") + pdf;
    return pages;
}

/// A word of a PDF and its box in points (origin at the top left of its page).
struct Word
{
    int page = 0;
    QRectF box;
    QString text;
    QSizeF pageSize;
};

/// Every word of \a pdf with its box (pdftotext -bbox).
inline QList<Word> pdfWords(const QString &pdf, QString *error)
{
    const auto out = run(tool("pdftotext"), { QStringLiteral("-bbox"), pdf, QStringLiteral("-") }, error);
    if (!out)
        return {};
    const QString xhtml = QString::fromUtf8(*out);
    static const QRegularExpression tag(QStringLiteral(
        R"re(<page width="([\d.]+)" height="([\d.]+)">|<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>)re"));
    QList<Word> words;
    int page = -1;
    QSizeF pageSize;
    for (auto it = tag.globalMatch(xhtml); it.hasNext();) {
        const QRegularExpressionMatch m = it.next();
        if (m.capturedLength(1) > 0) {
            ++page;
            pageSize = QSizeF(m.captured(1).toDouble(), m.captured(2).toDouble());
            continue;
        }
        QString text = m.captured(7);
        text.replace(QStringLiteral("&lt;"), QStringLiteral("<"))
            .replace(QStringLiteral("&gt;"), QStringLiteral(">"))
            .replace(QStringLiteral("&quot;"), QStringLiteral("\""))
            .replace(QStringLiteral("&amp;"), QStringLiteral("&"));
        // Fonts draw "fi" as one ligature glyph, which pdftotext reports as U+FB01.
        text = text.normalized(QString::NormalizationForm_KC);
        words.append({ page,
                       QRectF(QPointF(m.captured(3).toDouble(), m.captured(4).toDouble()),
                              QPointF(m.captured(5).toDouble(), m.captured(6).toDouble())),
                       text, pageSize });
    }
    return words;
}

/// The box of the first place \a phrase is written (its words in a row on one page) inside
/// the page's text area: QTextDocument also writes, clipped away, the start of what continues
/// on the next page.
inline std::optional<Word> findPhrase(const QList<Word> &words, const QString &phrase)
{
    const QStringList parts = phrase.split(u' ', Qt::SkipEmptyParts);
    for (qsizetype i = 0; i + parts.size() <= words.size(); ++i) {
        Word found = words.at(i);
        bool match = true;
        for (qsizetype k = 0; k < parts.size() && match; ++k) {
            const Word &w = words.at(i + k);
            match = w.text == parts.at(k) && w.page == found.page;
            found.box |= w.box;
        }
        if (match && found.box.bottom() <= found.pageSize.height() - MarginPt - FooterPt) {
            found.text = phrase;
            return found;
        }
    }
    return std::nullopt;
}

inline bool isInk(QRgb p)
{
    return std::min({ qRed(p), qGreen(p), qBlue(p) }) < 235;
}

inline bool isColoured(QRgb p)
{
    const int hi = std::max({ qRed(p), qGreen(p), qBlue(p) });
    const int lo = std::min({ qRed(p), qGreen(p), qBlue(p) });
    return hi - lo > 60;
}

/// Empty when \a region of \a image holds a drawn chart; else what is wrong with it.
inline QString chartProblem(const QImage &image, const QRect &region)
{
    const QRect area = region.intersected(image.rect());
    if (area.width() < 50 || area.height() < 30)
        return QStringLiteral("the chart's area is only %1×%2 px").arg(area.width()).arg(area.height());
    int left = area.right(), right = area.left(), top = area.bottom(), bottom = area.top();
    int ink = 0, coloured = 0;
    for (int y = area.top(); y <= area.bottom(); ++y) {
        for (int x = area.left(); x <= area.right(); ++x) {
            const QRgb p = image.pixel(x, y);
            if (!isInk(p))
                continue;
            ++ink;
            coloured += isColoured(p) ? 1 : 0;
            left = std::min(left, x);
            right = std::max(right, x);
            top = std::min(top, y);
            bottom = std::max(bottom, y);
        }
    }
    if (ink == 0)
        return QStringLiteral("nothing is drawn");
    const QRect drawn(QPoint(left, top), QPoint(right, bottom));
    QStringList problems;
    if (drawn.width() < area.width() * 0.8)
        problems.append(QStringLiteral("the drawing is %1 px wide of %2").arg(drawn.width()).arg(area.width()));
    // Charts are 3:5; the 100×30 bug gave a band a third as tall as wide.
    if (drawn.height() < drawn.width() * 0.45)
        problems.append(QStringLiteral("the drawing is %1×%2 px, too flat for a chart").arg(drawn.width()).arg(drawn.height()));
    if (coloured < 20)
        problems.append(QStringLiteral("no series colour is drawn (%1 coloured pixels)").arg(coloured));
    // Title, tick labels, curves and legend reach every band of a chart, across and down; a
    // word does not.
    constexpr int Strips = 4;
    int rows = 0, columns = 0;
    for (int i = 0; i < Strips; ++i) {
        const QRect row(drawn.left(), drawn.top() + drawn.height() * i / Strips, drawn.width(), drawn.height() / Strips);
        const QRect column(drawn.left() + drawn.width() * i / Strips, drawn.top(), drawn.width() / Strips, drawn.height());
        for (const auto &[strip, count] : { std::pair { row, &rows }, std::pair { column, &columns } }) {
            bool any = false;
            for (int y = strip.top(); y <= strip.bottom() && !any; ++y) {
                for (int x = strip.left(); x <= strip.right() && !any; ++x)
                    any = isInk(image.pixel(x, y));
            }
            *count += any ? 1 : 0;
        }
    }
    if (rows < Strips || columns < Strips)
        problems.append(QStringLiteral("ink in %1 of %3 rows and %2 of %3 columns of the area").arg(rows).arg(columns).arg(Strips));
    return problems.join(QStringLiteral("; "));
}

/*!
 * Checks every chart of the PDF report \a pdf, found by its \a captions (drawn above each
 * chart), on pages rendered at \a dpi. Returns the problems found, one line per chart; empty
 * when every chart is drawn. \a pagesOut gets the pages.
 */
inline QStringList pdfChartProblems(const QString &pdf, const QStringList &captions, int dpi = 50,
                                    QList<QImage> *pagesOut = nullptr)
{
    QString error;
    const QList<QImage> pages = pdfPages(pdf, dpi, &error);
    if (pages.isEmpty())
        return { error };
    if (pagesOut)
        *pagesOut = pages;
    const QList<Word> words = pdfWords(pdf, &error);
    if (words.isEmpty())
        return { error.isEmpty() ? QStringLiteral("pdftotext found no text in ") + pdf : error };
    QList<Word> found;
    QStringList problems;
    for (const QString &caption : captions) {
        const auto at = findPhrase(words, caption);
        if (!at)
            problems.append(QStringLiteral("no caption \"%1\" in the PDF").arg(caption));
        else
            found.append(*at);
    }
    for (qsizetype i = 0; i < found.size(); ++i) {
        const Word &caption = found.at(i);
        // The chart: under its caption, across the text width, down to the next caption on
        // the page or to the footer.
        double bottom = caption.pageSize.height() - MarginPt - FooterPt;
        for (const Word &next : std::as_const(found)) {
            if (next.page == caption.page && next.box.top() > caption.box.bottom())
                bottom = std::min(bottom, next.box.top());
        }
        const QRectF area(QPointF(MarginPt, caption.box.bottom() + 1),
                          QPointF(caption.pageSize.width() - MarginPt, bottom - 1));
        if (caption.page >= pages.size()) {
            problems.append(QStringLiteral("\"%1\": page %2 was not rendered").arg(caption.text).arg(caption.page + 1));
            continue;
        }
        const double scale = dpi / 72.0;
        const QRect pixels(QPoint(int(area.left() * scale), int(area.top() * scale)),
                           QPoint(int(area.right() * scale), int(area.bottom() * scale)));
        const QString problem = chartProblem(pages.at(caption.page), pixels);
        if (!problem.isEmpty())
            problems.append(QStringLiteral("\"%1\" (page %2): %3").arg(caption.text).arg(caption.page + 1).arg(problem));
    }
    return problems;
}

/// The SVG sizes of an HTML report (viewBox width × height), in document order.
inline QList<QSize> htmlSvgSizes(const QByteArray &html)
{
    static const QRegularExpression viewBox(QStringLiteral(R"re(<svg[^>]*?viewBox="0 0 (\d+) (\d+)")re"),
                                            QRegularExpression::DotMatchesEverythingOption);
    QList<QSize> sizes;
    for (auto it = viewBox.globalMatch(QString::fromUtf8(html)); it.hasNext();) {
        const QRegularExpressionMatch m = it.next();
        sizes.append(QSize(m.captured(1).toInt(), m.captured(2).toInt()));
    }
    return sizes;
}

/// The width and height attributes of each SVG (millimetres, as QSvgGenerator writes them).
inline QList<QSizeF> htmlSvgSizesMm(const QByteArray &html)
{
    static const QRegularExpression attributes(
        QStringLiteral(R"re(<svg[^>]*?width="([\d.]+)mm"[^>]*?height="([\d.]+)mm")re"),
        QRegularExpression::DotMatchesEverythingOption);
    QList<QSizeF> sizes;
    for (auto it = attributes.globalMatch(QString::fromUtf8(html)); it.hasNext();) {
        const QRegularExpressionMatch m = it.next();
        sizes.append(QSizeF(m.captured(1).toDouble(), m.captured(2).toDouble()));
    }
    return sizes;
}

/// The smallest text of each SVG in points, at one SVG unit per pixel at 96 DPI (as
/// QSvgGenerator writes font-size), which is how the PDF report prints charts of its size.
inline QList<double> htmlSvgMinFontPt(const QByteArray &html)
{
    static const QRegularExpression text(QStringLiteral(R"re(<text[^>]*?font-size="([\d.]+)")re"),
                                         QRegularExpression::DotMatchesEverythingOption);
    QList<double> sizes;
    const QString page = QString::fromUtf8(html);
    const QStringList svgs = page.split(QStringLiteral("<svg"));
    for (qsizetype i = 1; i < svgs.size(); ++i) {
        double smallest = 1e9;
        for (auto it = text.globalMatch(svgs.at(i)); it.hasNext();)
            smallest = std::min(smallest, it.next().captured(1).toDouble() * 72 / 96);
        sizes.append(smallest);
    }
    return sizes;
}

/// Debian's chromium (or another name of it), empty when none is installed.
inline QString chromium()
{
    for (const char *name : { "chromium", "chromium-browser", "google-chrome" }) {
        const QString path = tool(name);
        if (!path.isEmpty())
            return path;
    }
    return {};
}

/*!
 * Opens the HTML report \a html in headless chromium with every chart outlined (an outline
 * takes no room, so the page lays out as written) and checks each outlined area as
 * chartProblem() does. Expects \a charts of them. \a screenshotOut gets the screenshot.
 */
inline QStringList browserChartProblems(const QString &html, int charts, QImage *screenshotOut = nullptr)
{
    QFile in(html);
    if (!in.open(QIODevice::ReadOnly))
        return { QStringLiteral("cannot read ") + html };
    QByteArray page = in.readAll();
    constexpr int Outline = 3;
    page.replace("</head>", "<style>figure svg{outline:3px solid #00ff00;outline-offset:3px}</style>\n</head>");
    QTemporaryDir dir;
    const QString marked = dir.filePath(QStringLiteral("report.html"));
    const QString shot = dir.filePath(QStringLiteral("screenshot.png"));
    QFile out(marked);
    if (!out.open(QIODevice::WriteOnly) || out.write(page) != page.size())
        return { QStringLiteral("cannot write ") + marked };
    out.close();
    // Tall enough for the whole report: a 960 px wide page holds three 3:5 charts in ~2,400 px.
    QString error;
    const QStringList args { QStringLiteral("--headless"),
                             QStringLiteral("--no-sandbox"),
                             QStringLiteral("--disable-gpu"),
                             QStringLiteral("--disable-background-networking"),
                             QStringLiteral("--no-first-run"),
                             QStringLiteral("--hide-scrollbars"),
                             QStringLiteral("--disable-dev-shm-usage"),
                             QStringLiteral("--force-device-scale-factor=1"),
                             QStringLiteral("--user-data-dir=") + dir.filePath(QStringLiteral("profile")),
                             QStringLiteral("--screenshot=") + shot,
                             QStringLiteral("--window-size=1200,3600"),
                             QUrl::fromLocalFile(marked).toString() };
    if (!run(chromium(), args, &error) && !QFile::exists(shot))
        return { error };
    const QImage image = QImage(shot).convertToFormat(QImage::Format_RGB32);
    if (image.isNull())
        return { QStringLiteral("chromium wrote no screenshot: ") + error };
    if (screenshotOut)
        *screenshotOut = image;

    // The outlines: rows with a long run of outline green are the top and bottom edges.
    const auto green = [](QRgb p) { return qGreen(p) > 200 && qRed(p) < 60 && qBlue(p) < 60; };
    struct Band
    {
        int top, bottom, left, right;
    };
    QList<Band> bands;
    for (int y = 0; y < image.height(); ++y) {
        int count = 0, left = image.width(), right = -1;
        for (int x = 0; x < image.width(); ++x) {
            if (green(image.pixel(x, y))) {
                ++count;
                left = std::min(left, x);
                right = std::max(right, x);
            }
        }
        if (count < 200)
            continue;
        if (!bands.isEmpty() && bands.last().bottom == y - 1)
            bands.last().bottom = y;
        else
            bands.append({ y, y, left, right });
    }
    if (bands.size() != 2 * charts)
        return { QStringLiteral("found %1 outlined charts in the browser, expected %2").arg(bands.size() / 2.0).arg(charts) };
    QStringList problems;
    for (int i = 0; i < charts; ++i) {
        const Band &top = bands.at(2 * i);
        const Band &bottom = bands.at(2 * i + 1);
        const QRect inside(QPoint(top.left + 2 * Outline, top.bottom + 1 + Outline),
                           QPoint(top.right - 2 * Outline, bottom.top - 1 - Outline));
        const QString problem = chartProblem(image, inside);
        if (!problem.isEmpty())
            problems.append(QStringLiteral("chart %1 in the browser: %2").arg(i + 1).arg(problem));
    }
    return problems;
}

} // namespace ReportCheck
