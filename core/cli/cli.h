#pragma once

#include <QList>
#include <QStringList>

class QCoreApplication;
struct StoredRun;

/*!
 * \brief tokenscope-cli: the headless front end (serve, run, decode, batch-sim).
 *
 * Lives in core/ so that tests drive exactly what the executable runs.
 */
namespace Cli {
/// Runs the command line \a arguments (argv, program name first) to completion and
/// returns the process exit status: 0 success, 1 the work failed, 2 bad arguments.
int exec(QCoreApplication &app, const QStringList &arguments);

/*!
 * Writes the comparison report of `history compare --html/--pdf` (an empty path skips that
 * format); false with a sentence for the user in \a error on failure.
 *
 * Widgets draw the report's charts, and core/ links no widgets: the executable hands one in
 * (see app/tokenscope-cli/main.cpp) when it is built with the GUI. Without one, asking for
 * a report is an error and the rest of `history compare` still works.
 */
using ComparisonReportWriter = bool (*)(const QList<StoredRun> &runs, const QString &htmlPath,
                                        const QString &pdfPath, QString *error);
void setComparisonReportWriter(ComparisonReportWriter writer);
ComparisonReportWriter comparisonReportWriter();
/// Writes the comparison report of \a runs to \a htmlPath and/or \a pdfPath (nothing when both
/// are empty) and says where; the exit status: 0, or 1 after printing why it could not.
int writeComparisonReport(const QList<StoredRun> &runs, const QString &htmlPath, const QString &pdfPath);
} // namespace Cli
