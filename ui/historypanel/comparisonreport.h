#pragma once

#include "models/endpointrun.h"
#include "storage/historystore.h"

#include <QCoreApplication>
#include <QList>
#include <QString>
#include <QStringList>

class BoxPlotChart;
class CdfChart;

/*!
 * \brief Stored runs compared side by side, on screen and as a report (self-contained HTML
 * with the charts inline as SVG, and an A4 PDF).
 *
 * The History panel and `tokenscope-cli history compare --html/--pdf` write the same report
 * through write(). Its charts are widgets of its own, never shown and laid out at the report's
 * size, so the report does not depend on which of the panel's tabs were ever opened.
 */
class ComparisonReport
{
    // The panel's context: these strings were the panel's and keep their translations.
    Q_DECLARE_TR_FUNCTIONS(HistoryPanel)
public:
    /// Stored runs as the comparison draws them, each in the next series colour.
    static QList<EndpointRun> fromStored(const QList<StoredRun> &runs);

    /// The figures table: its column headers and one row of cells per run.
    static QStringList figureHeaders();
    static QStringList figureRow(const EndpointRun &run);

    /// Gives the comparison's charts their titles and axis titles.
    static void setUpCharts(CdfChart *ttft, CdfChart *e2e, BoxPlotChart *ttftBox);
    /// Draws \a runs in the comparison's charts.
    static void fillCharts(const QList<EndpointRun> &runs, CdfChart *ttft, CdfChart *e2e, BoxPlotChart *ttftBox);

    /*!
     * Writes the report of \a runs to \a htmlPath and \a pdfPath (an empty path skips that
     * format). Needs a QApplication (the offscreen platform will do). On failure returns
     * false and sets \a error.
     */
    static bool write(const QList<EndpointRun> &runs, const QString &htmlPath, const QString &pdfPath,
                      QString *error);
    /// write() for runs as the history stores them: what tokenscope-cli calls.
    static bool writeStored(const QList<StoredRun> &runs, const QString &htmlPath, const QString &pdfPath,
                            QString *error);
};
