#pragma once

#include "report/reportwriter.h"
#include "models/endpointrun.h"

#include <QCoreApplication>
#include <QList>
#include <QString>

class QWidget;

/*!
 * \brief A run written up for colleagues: one self-contained HTML file or one A4 PDF with
 * the settings, the results, the five-phase breakdown and every chart.
 *
 * Everything is in the UI language. Settings come from RunSettings::fromConfig(), so API
 * keys and request headers never reach a report. Charts are drawn in the light export
 * theme at their current widget size and scaled to the page width; both formats keep
 * them as vector graphics.
 */
class RunReport
{
    Q_DECLARE_TR_FUNCTIONS(RunReport)
public:
    /// A chart of the run and the caption it gets in the report.
    using Chart = ReportWriter::Chart;

    /// The report as an HTML5 document with the charts inline as SVG (no external files).
    static QString html(const QList<EndpointRun> &runs, const QList<Chart> &charts);
    /// Writes html() to \a path atomically. On failure returns false and sets \a error.
    static bool writeHtml(const QString &path, const QList<EndpointRun> &runs, const QList<Chart> &charts,
                          QString *error = nullptr);
    /// Writes the report as an A4 portrait PDF, charts never split across pages.
    static bool writePdf(const QString &path, const QList<EndpointRun> &runs, const QList<Chart> &charts,
                         QString *error = nullptr);
};
