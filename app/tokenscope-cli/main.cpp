#include "cli/cli.h"
#include "common/i18n.h"

#include <QCoreApplication>

#ifdef TOKENSCOPE_CLI_REPORTS
#include "historypanel/comparisonreport.h"

#include <QApplication>
#endif

#include <memory>

namespace {

/// True for the command lines that draw charts: `history compare … --html/--pdf` and
/// `merge … --html/--pdf`.
[[maybe_unused]] bool drawsCharts(int argc, char **argv)
{
    if (argc < 3 || (qstrcmp(argv[1], "history") != 0 && qstrcmp(argv[1], "merge") != 0))
        return false;
    for (int i = 2; i < argc; ++i) {
        const QByteArray arg(argv[i]);
        if (arg == "--html" || arg == "--pdf" || arg.startsWith("--html=") || arg.startsWith("--pdf="))
            return true;
    }
    return false;
}

} // namespace

int main(int argc, char **argv)
{
    // The comparison report is the History panel's, charts and all, and Qt Charts needs
    // widgets: core/ must not link them, so this executable brings in ui/historypanel's
    // ComparisonReport when the GUI is built and hands it to core/cli. Drawing the charts a
    // second way without widgets would make two reports that drift apart. Only that command
    // gets a QApplication, on the offscreen platform unless asked otherwise, so every other
    // command keeps running on machines without a display (and without the platform plugin).
    std::unique_ptr<QCoreApplication> app;
#ifdef TOKENSCOPE_CLI_REPORTS
    if (drawsCharts(argc, argv)) {
        if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
            qputenv("QT_QPA_PLATFORM", "offscreen");
        app = std::make_unique<QApplication>(argc, argv);
        Cli::setComparisonReportWriter(&ComparisonReport::writeStored);
    }
#endif
    if (!app)
        app = std::make_unique<QCoreApplication>(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("tokenscope-cli"));
    QCoreApplication::setOrganizationName(QStringLiteral("TokenScope"));
    QCoreApplication::setApplicationVersion(QStringLiteral(TOKENSCOPE_VERSION));
    I18n::install(*app, qEnvironmentVariable("TOKENSCOPE_LANGUAGE"));
    return Cli::exec(*app, QCoreApplication::arguments());
}
