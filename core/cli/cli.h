#pragma once

#include <QStringList>

class QCoreApplication;

/*!
 * \brief tokenscope-cli: the headless front end (serve, run, decode, batch-sim).
 *
 * Lives in core/ so that tests drive exactly what the executable runs.
 */
namespace Cli {
/// Runs the command line \a arguments (argv, program name first) to completion and
/// returns the process exit status: 0 success, 1 the work failed, 2 bad arguments.
int exec(QCoreApplication &app, const QStringList &arguments);
} // namespace Cli
