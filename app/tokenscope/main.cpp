#include "mainwindow/apptheme.h"
#include "mainwindow/mainwindow.h"
#include "mainwindow/settingsdialog.h"

#include "livepanel/livepanel.h"

#include "client/iothreads.h"
#include "client/streamingclient.h"
#include "common/i18n.h"
#include "endpoint/embeddedendpointservice.h"
#include "profiles/profilestore.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QMessageBox>
#include <QTimer>

int main(int argc, char **argv)
{
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("TokenScope"));
    QApplication::setOrganizationName(QStringLiteral("TokenScope"));
    QApplication::setApplicationVersion(QStringLiteral(TOKENSCOPE_VERSION));
    QApplication::setDesktopFileName(QStringLiteral("tokenscope"));

    QCommandLineParser parser;
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption languageOption(QStringLiteral("language"),
                                            QStringLiteral("UI language: system, en, zh_CN."),
                                            QStringLiteral("lang"));
    const QCommandLineOption darkOption(QStringLiteral("dark"), QStringLiteral("Use the dark palette."));
    const QCommandLineOption screenshotOption(
        QStringLiteral("screenshot"),
        QStringLiteral("Save a PNG of the window after --screenshot-delay ms, then quit."),
        QStringLiteral("file"));
    const QCommandLineOption delayOption(QStringLiteral("screenshot-delay"),
                                         QStringLiteral("Delay before the screenshot (default 1500 ms)."),
                                         QStringLiteral("ms"), QStringLiteral("1500"));
    const QCommandLineOption sendOption(
        QStringLiteral("send"),
        QStringLiteral("Send the prompt once the window is up (for demos and screenshots)."));
    const QCommandLineOption panelOption(QStringLiteral("panel"),
                                         QStringLiteral("Panel to show first: live, runs, breakdown, batching, cache, compressor, history, impact."),
                                         QStringLiteral("name"));
    const QCommandLineOption latencyOption(
        QStringLiteral("latency-preset"),
        QStringLiteral("The embedded endpoint's latency model: fast (the default) or typical (every phase in its typical range)."),
        QStringLiteral("name"));
    const QCommandLineOption ioThreadsOption(
        QStringLiteral("io-threads"),
        QStringLiteral("Threads that read and write the requests' connections (default: the number of cores; 0: "
                       "on the window's thread)."),
        QStringLiteral("n"));
    parser.addOptions({ languageOption, darkOption, screenshotOption, delayOption, sendOption, panelOption,
                        latencyOption, ioThreadsOption });
    parser.process(app);

    I18n::install(app,
                  parser.isSet(languageOption) ? parser.value(languageOption) : SettingsDialog::language());
    app.setStyle(AppTheme::createStyle());
    if (parser.isSet(darkOption) || SettingsDialog::appearance() == u"dark")
        app.setPalette(AppTheme::darkPalette());
    else
        app.setPalette(AppTheme::lightPalette());
    Q_INIT_RESOURCE(resources);
    app.setWindowIcon(QIcon(QStringLiteral(":/icons/tokenscope.svg")));

    // The embedded endpoint runs on its own thread: the first click works offline. Every
    // panel that measures on it uses this one server.
    EmbeddedEndpointService *embedded = EmbeddedEndpointService::instance();
    LatencyPreset preset = SettingsDialog::latencyPreset();
    if (parser.isSet(latencyOption)) {
        const auto named = LatencyModels::fromName(parser.value(latencyOption));
        if (!named) {
            qCritical("tokenscope: unknown latency preset \"%s\"; use %s", qPrintable(parser.value(latencyOption)),
                      qPrintable(LatencyModels::names().join(QStringLiteral(", "))));
            return 2;
        }
        preset = *named;
    }
    embedded->setLatencyModel(LatencyModels::preset(preset));
    const bool embeddedUp = embedded->ensureStarted();

    ProfileStore profiles;
    QString loadError;
    const bool loaded = profiles.load(&loadError);
    if (embeddedUp)
        profiles.setEmbeddedBaseUrl(embedded->baseUrl());

    // The requests' sockets live on I/O threads: a busy window never delays a timestamp, and
    // a run at high concurrency never makes the window stutter.
    StreamingClient client;
    int ioThreads = IoThreads::defaultCount();
    if (parser.isSet(ioThreadsOption)) {
        bool ok = false;
        ioThreads = parser.value(ioThreadsOption).toInt(&ok);
        if (!ok || ioThreads < 0 || ioThreads > 256) {
            qCritical("tokenscope: --io-threads expects a whole number from 0 to 256, got \"%s\"",
                      qPrintable(parser.value(ioThreadsOption)));
            return 2;
        }
    }
    client.setIoThreads(ioThreads);
    MainWindow window(&profiles, &client, embedded->runner());
    if (parser.isSet(panelOption)) {
        const QString panel = parser.value(panelOption);
        if (const auto named = MainWindow::panelNamed(panel))
            window.showPanel(*named);
        else
            qWarning("tokenscope: unknown panel \"%s\"", qPrintable(panel));
    }
    window.show();

    if (!embeddedUp)
        QMessageBox::warning(
            &window, QObject::tr("Embedded endpoint"),
            QObject::tr("The embedded simulated endpoint could not start: %1").arg(embedded->errorString()));
    if (!loaded)
        QMessageBox::warning(&window, QObject::tr("Endpoint profiles"), loadError);

    if (parser.isSet(sendOption))
        QTimer::singleShot(300, window.livePanel(), [&window] { window.livePanel()->send(); });
    if (parser.isSet(screenshotOption)) {
        const QString path = parser.value(screenshotOption);
        QTimer::singleShot(parser.value(delayOption).toInt(), &window, [&window, path] {
            window.grab().save(path);
            // exit(), not quit(): quit() closes the window first, which asks whether to stop
            // requests still streaming (--send), and a scripted screenshot must not wait on that.
            QCoreApplication::exit(0);
        });
    }
    return app.exec();
}
