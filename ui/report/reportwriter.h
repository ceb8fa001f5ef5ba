#pragma once

#include <QCoreApplication>
#include <QList>
#include <QSize>
#include <QString>

class QWidget;

/*!
 * \brief Writes a report: one self-contained HTML file (charts inline as SVG) or an A4 PDF.
 *
 * The caller gives the title, the body (headings, paragraphs and tables in the subset of HTML
 * that QTextDocument renders, so both formats share it) and the charts; the writer adds the
 * page frame, the charts in the light export theme as vector graphics (never split across
 * pages, captions kept with them) and the page footer. Used by the run, comparison and
 * Impact reports, so they all look and print the same.
 */
class ReportWriter
{
    Q_DECLARE_TR_FUNCTIONS(ReportWriter)
public:
    /// A chart and the caption it gets in the report.
    struct Chart
    {
        QString title;
        QWidget *widget = nullptr;
        /// The size to lay the chart out at, in pixels at 96 DPI; empty: chartSize(). Never the
        /// widget's size on screen: a chart on a tab never opened has none.
        QSize size = {};
    };

    /*!
     * The size charts are drawn at unless a Chart asks otherwise: the width of an A4 page's
     * text at 96 DPI, so the PDF prints them at scale 1 and their labels at their point sizes
     * (at least 8 pt), and browsers scale the same drawing to the page.
     */
    static QSize chartSize();

    static QString escape(const QString &text);
    /// The report as an HTML5 document with the charts inline as SVG (no external files).
    static QString html(const QString &title, const QString &body, const QList<Chart> &charts);
    /// Writes html() to \a path atomically. On failure returns false and sets \a error.
    static bool writeHtml(const QString &path, const QString &title, const QString &body,
                          const QList<Chart> &charts, QString *error = nullptr);
    /// Writes the report as an A4 portrait PDF.
    static bool writePdf(const QString &path, const QString &title, const QString &body,
                         const QList<Chart> &charts, QString *error = nullptr);
};
