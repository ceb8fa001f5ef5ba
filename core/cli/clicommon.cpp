#include "clicommon.h"

#include <QCoreApplication>

#include <cstdio>
#include <unistd.h>

QTextStream &CliCommon::out()
{
    static QTextStream stream(stdout);
    return stream;
}

QTextStream &CliCommon::err()
{
    static QTextStream stream(stderr);
    return stream;
}

void CliCommon::printError(const QString &message)
{
    out().flush();
    err() << "tokenscope-cli: " << CliText::tr("error: %1").arg(message) << Qt::endl;
}

QString CliCommon::padRight(const QString &text, int columns)
{
    // East Asian wide characters (CJK ideographs, Hangul, full-width forms) fill two
    // terminal cells, so a table of Chinese labels must be padded by cells, not characters.
    int width = 0;
    for (const char32_t c : text.toUcs4()) {
        const bool wide = (c >= 0x1100 && c <= 0x115F) || (c >= 0x2E80 && c <= 0xA4CF)
            || (c >= 0xAC00 && c <= 0xD7A3) || (c >= 0xF900 && c <= 0xFAFF) || (c >= 0xFE30 && c <= 0xFE4F)
            || (c >= 0xFF00 && c <= 0xFF60) || (c >= 0xFFE0 && c <= 0xFFE6) || (c >= 0x20000 && c <= 0x3FFFD);
        width += wide ? 2 : 1;
    }
    return width >= columns ? text : text + QString(columns - width, u' ');
}

bool CliCommon::stderrIsTerminal()
{
    return isatty(fileno(stderr)) != 0;
}

void CliCommon::addSimulationOptions(QCommandLineParser &parser)
{
    const LatencyModel d;
    parser.addOptions({
        { QStringLiteral("network-ms"),
          CliText::tr("Simulated network delay before the response headers (default %1).").arg(d.networkMs),
          CliText::tr("ms") },
        { QStringLiteral("prompt-ms-per-token"),
          CliText::tr("Simulated prompt processing per prompt token (default %1).").arg(d.promptMsPerToken),
          CliText::tr("ms") },
        { QStringLiteral("inference-ms"),
          CliText::tr("Simulated fixed inference time before the first token (default %1).")
              .arg(d.inferenceMs),
          CliText::tr("ms") },
        { QStringLiteral("generation-ms-per-token"),
          CliText::tr("Simulated decode step with one stream (default %1).").arg(d.generationMsPerToken),
          CliText::tr("ms") },
        { QStringLiteral("postprocess-ms"),
          CliText::tr("Simulated post-processing after the last token (default %1).").arg(d.postprocessMs),
          CliText::tr("ms") },
        { QStringLiteral("batch-slowdown"),
          CliText::tr("Decode step growth per extra concurrent stream (default %1).").arg(d.batchSlowdown),
          CliText::tr("factor") },
        { QStringLiteral("jitter"),
          CliText::tr("Relative jitter of every simulated delay, 0..1 (default %1).").arg(d.jitter),
          CliText::tr("fraction") },
        { QStringLiteral("sim-seed"),
          CliText::tr("Seed of the simulation's jitter and text (default %1).").arg(d.seed),
          CliText::tr("n") },
        { QStringLiteral("fault"),
          CliText::tr("Inject a fault: %1.").arg(EndpointFaults::names().join(QStringLiteral(", "))),
          CliText::tr("name") },
        { QStringLiteral("fault-rate"),
          CliText::tr("Share of requests that get the fault, 0..1 (default 1)."), CliText::tr("p") },
    });
}

std::optional<double> CliCommon::number(const QCommandLineParser &parser, const QString &name, double min,
                                        double max)
{
    bool ok = false;
    const double v = parser.value(name).toDouble(&ok);
    if (!ok || v < min || v > max) {
        printError(CliText::tr("--%1 expects a number from %2 to %3, got \"%4\"")
                       .arg(name)
                       .arg(min)
                       .arg(max)
                       .arg(parser.value(name)));
        return std::nullopt;
    }
    return v;
}

std::optional<CliCommon::Simulation> CliCommon::simulationFrom(const QCommandLineParser &parser)
{
    Simulation sim;
    struct Field
    {
        const char *name;
        double *target;
        double max;
    };
    const Field fields[] = {
        { "network-ms", &sim.model.networkMs, 600'000 },
        { "prompt-ms-per-token", &sim.model.promptMsPerToken, 60'000 },
        { "inference-ms", &sim.model.inferenceMs, 600'000 },
        { "generation-ms-per-token", &sim.model.generationMsPerToken, 60'000 },
        { "postprocess-ms", &sim.model.postprocessMs, 600'000 },
        { "batch-slowdown", &sim.model.batchSlowdown, 100 },
        { "jitter", &sim.model.jitter, 1 },
    };
    for (const Field &f : fields) {
        const QString name = QString::fromLatin1(f.name);
        if (!parser.isSet(name))
            continue;
        const auto v = number(parser, name, 0, f.max);
        if (!v)
            return std::nullopt;
        *f.target = *v;
    }
    if (parser.isSet(QStringLiteral("sim-seed"))) {
        bool ok = false;
        sim.model.seed = parser.value(QStringLiteral("sim-seed")).toULongLong(&ok);
        if (!ok) {
            printError(CliText::tr("--sim-seed expects a whole number"));
            return std::nullopt;
        }
    }
    if (parser.isSet(QStringLiteral("fault"))) {
        const auto fault = EndpointFaults::fromName(parser.value(QStringLiteral("fault")));
        if (!fault) {
            printError(CliText::tr("unknown fault \"%1\"; known faults: %2")
                           .arg(parser.value(QStringLiteral("fault")),
                                EndpointFaults::names().join(QStringLiteral(", "))));
            return std::nullopt;
        }
        sim.fault = *fault;
        sim.faultProbability = 1;
    }
    if (parser.isSet(QStringLiteral("fault-rate"))) {
        const auto p = number(parser, QStringLiteral("fault-rate"), 0, 1);
        if (!p)
            return std::nullopt;
        sim.faultProbability = *p;
    }
    return sim;
}
