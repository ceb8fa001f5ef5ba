#include "cli/cli.h"
#include "common/i18n.h"

#include <QCoreApplication>

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("tokenscope-cli"));
    QCoreApplication::setOrganizationName(QStringLiteral("TokenScope"));
    QCoreApplication::setApplicationVersion(QStringLiteral(TOKENSCOPE_VERSION));
    I18n::install(app, qEnvironmentVariable("TOKENSCOPE_LANGUAGE"));
    return Cli::exec(app, QCoreApplication::arguments());
}
