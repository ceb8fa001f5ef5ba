// How responsive the GUI stays during a 500-concurrency run: the Runs panel (table, charts,
// progress) drives a run against the embedded endpoint (its own thread) while a 10 ms timer
// measures how late the event loop wakes up. Prints the lag's median, p99 and maximum.
//
// Usage: bench_ui_responsiveness [requests=1000] [concurrency=500] [max-tokens=32]
#include "client/iothreads.h"
#include "client/streamingclient.h"
#include "common/clock.h"
#include "endpoint/embeddedendpoint.h"
#include "metrics/statistics.h"
#include "protocol/endpointprofile.h"
#include "runspanel/runconfigwidget.h"
#include "runspanel/runcontroller.h"
#include "runspanel/runspanel.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTimer>

#include <cstdio>

int main(int argc, char **argv)
{
    qputenv("QT_QPA_PLATFORM", qEnvironmentVariableIsSet("DISPLAY") ? QByteArray() : QByteArray("offscreen"));
    QApplication app(argc, argv);
    QStandardPaths::setTestModeEnabled(true); // never touch the user's saved settings
    const QStringList args = app.arguments();
    const int requests = args.size() > 1 ? args.at(1).toInt() : 1000;
    const int concurrency = args.size() > 2 ? args.at(2).toInt() : 500;
    const int maxTokens = args.size() > 3 ? args.at(3).toInt() : 32;

    EmbeddedEndpointRunner embedded;
    if (!embedded.start()) {
        std::fprintf(stderr, "cannot start the embedded endpoint\n");
        return 1;
    }
    EndpointProfile endpoint;
    endpoint.id = QStringLiteral("embedded");
    endpoint.name = QStringLiteral("Embedded");
    endpoint.color = QStringLiteral("#17a398");
    endpoint.protocol = Protocol::OpenAIChat;
    endpoint.model = QStringLiteral("tokenscope-sim");
    endpoint.baseUrl = embedded.baseUrl();
    endpoint.baseUrl.setPath(QStringLiteral("/v1"));

    // As the app: the sockets on I/O threads (TOKENSCOPE_IO_THREADS=0: on the window's thread).
    StreamingClient client;
    client.setIoThreads(qEnvironmentVariableIsSet("TOKENSCOPE_IO_THREADS")
                            ? qEnvironmentVariableIntValue("TOKENSCOPE_IO_THREADS")
                            : IoThreads::defaultCount());
    RunsPanel panel(&client);
    panel.resize(1400, 900);
    panel.show();
    panel.setEndpoints({endpoint});
    // The settings widget's spin boxes, found by object name.
    RunConfigWidget *config = panel.configWidget();
    const auto spins = config->findChildren<QSpinBox *>();
    for (QSpinBox *spin : spins) {
        const QString name = spin->objectName();
        if (name == u"requests")
            spin->setValue(requests);
        else if (name == u"concurrency")
            spin->setValue(concurrency);
        else if (name == u"maxTokens")
            spin->setValue(maxTokens);
    }

    QList<double> lagMs;
    QElapsedTimer sinceTick;
    QTimer probe;
    probe.setTimerType(Qt::PreciseTimer);
    probe.setInterval(10);
    QObject::connect(&probe, &QTimer::timeout, [&] {
        if (sinceTick.isValid())
            lagMs.append(std::max(0.0, double(sinceTick.nsecsElapsed()) / 1e6 - 10.0));
        sinceTick.restart();
    });

    QElapsedTimer wall;
    QObject::connect(panel.controller(), &RunController::finished, &app, [&] {
        probe.stop();
        const Distribution d = Distribution::of(lagMs);
        const auto results = panel.controller()->results();
        const RunSummary s = results.isEmpty() ? RunSummary{} : results.constFirst().summary;
        std::printf("run: %d ok, %d failed, peak concurrency %d, embedded peak streams %d, %.1f s\n",
                    s.requestsOk, s.requestsFailed, s.peakConcurrency, embedded.stats().peakStreams,
                    double(wall.elapsed()) / 1000.0);
        std::printf("event-loop lag over %d ticks of a 10 ms timer: median %.2f ms, p99 %.2f ms, max %.2f ms\n",
                    d.count, d.p50, d.p99, d.max);
        app.quit();
    });
    QTimer::singleShot(200, &app, [&] {
        wall.start();
        probe.start();
        if (!panel.run()) {
            std::fprintf(stderr, "the run did not start\n");
            app.exit(1);
        }
    });
    return app.exec();
}
