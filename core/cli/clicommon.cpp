#include "clicommon.h"

#include "client/iothreads.h"
#include "client/streamingclient.h"

#include "client/proxyresolver.h"

#include "endpoint/embeddedendpointservice.h"
#include "load/promptset.h"

#include <QCoreApplication>

#include <cmath>
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

QString CliCommon::fmt(double v, int decimals)
{
    return QString::number(v, 'f', decimals);
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

std::optional<int> CliCommon::parseCommandLine(QCommandLineParser &parser, const QStringList &arguments,
                                               bool positionalArguments)
{
    if (!parser.parse(arguments)) {
        printError(parser.errorText());
        return 2;
    }
    if (parser.isSet(QStringLiteral("help"))) {
        out() << parser.helpText();
        out().flush();
        return 0;
    }
    if (!positionalArguments && !parser.positionalArguments().isEmpty()) {
        printError(CliText::tr("unexpected argument \"%1\"").arg(parser.positionalArguments().constFirst()));
        return 2;
    }
    return std::nullopt;
}

bool CliCommon::stderrIsTerminal()
{
    return isatty(fileno(stderr)) != 0;
}

void CliCommon::addSimulationOptions(QCommandLineParser &parser)
{
    const LatencyModel d;
    parser.addOptions({
        { QStringLiteral("latency-preset"),
          CliText::tr("Latency model to start from: fast (the default, for demos and tests) or typical (a "
                      "typical production endpoint: every phase inside its typical range, about 2 s a "
                      "request); the options below override its values."),
          CliText::tr("name") },
        { QStringLiteral("network-ms"),
          CliText::tr("Simulated network delay before the response headers (default %1).").arg(d.networkMs),
          CliText::tr("ms") },
        { QStringLiteral("prompt-ms-per-token"),
          CliText::tr("Simulated prompt processing per prompt token (default %1).").arg(d.promptMsPerToken),
          CliText::tr("ms") },
        { QStringLiteral("prompt-ms"),
          CliText::tr("Simulated fixed part of prompt processing, added to the per-token part (default %1).")
              .arg(d.promptFixedMs),
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
        { QStringLiteral("max-concurrent-decodes"),
          CliText::tr("Requests the simulated engine decodes at once; later ones wait in a FIFO queue, and "
                      "the wait is part of their time to first token (default 0: no limit)."),
          CliText::tr("n") },
        { QStringLiteral("kv-cache-tokens"),
          CliText::tr("Size of the simulated KV cache in tokens: GET /metrics reports the prompt and output "
                      "tokens of the running requests over it as vllm:gpu_cache_usage_perc (default %1).")
              .arg(EndpointCapacity::DefaultKvCacheTokens),
          CliText::tr("tokens") },
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
    if (parser.isSet(QStringLiteral("latency-preset"))) {
        const auto preset = LatencyModels::fromName(parser.value(QStringLiteral("latency-preset")));
        if (!preset) {
            printError(CliText::tr("unknown latency preset \"%1\"; known presets: %2")
                           .arg(parser.value(QStringLiteral("latency-preset")),
                                LatencyModels::names().join(QStringLiteral(", "))));
            return std::nullopt;
        }
        sim.preset = *preset;
        sim.model = LatencyModels::preset(*preset);
    }
    struct Field
    {
        const char *name;
        double *target;
        double max;
    };
    const Field fields[] = {
        { "network-ms", &sim.model.networkMs, 600'000 },
        { "prompt-ms-per-token", &sim.model.promptMsPerToken, 60'000 },
        { "prompt-ms", &sim.model.promptFixedMs, 600'000 },
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
    const auto wholeNumber = [&parser](const QString &name, double min, double max) -> std::optional<qint64> {
        const auto v = number(parser, name, min, max);
        if (!v)
            return std::nullopt;
        if (*v != std::floor(*v)) {
            printError(CliText::tr("--%1 expects a whole number from %2 to %3, got \"%4\"")
                           .arg(name)
                           .arg(min)
                           .arg(max)
                           .arg(parser.value(name)));
            return std::nullopt;
        }
        return qint64(*v);
    };
    if (parser.isSet(QStringLiteral("max-concurrent-decodes"))) {
        const auto n = wholeNumber(QStringLiteral("max-concurrent-decodes"), 0, 100'000);
        if (!n)
            return std::nullopt;
        sim.capacity.maxConcurrentDecodes = int(*n);
    }
    if (parser.isSet(QStringLiteral("kv-cache-tokens"))) {
        const auto n = wholeNumber(QStringLiteral("kv-cache-tokens"), 1, 1e12);
        if (!n)
            return std::nullopt;
        sim.capacity.kvCacheTokens = *n;
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

QList<QCommandLineOption> CliCommon::endpointOptions()
{
    return {
        { QStringLiteral("endpoint"),
          CliText::tr("Base URL as the provider documents it (e.g. https://api.openai.com/v1, "
                      "http://localhost:11434)."),
          CliText::tr("url") },
        { QStringLiteral("protocol"),
          CliText::tr("Wire protocol: %1 (default openai-chat).")
              .arg(Protocols::names().join(QStringLiteral(", "))),
          CliText::tr("name"), QStringLiteral("openai-chat") },
        { QStringLiteral("model"), CliText::tr("Model name sent to the endpoint."), CliText::tr("name") },
        { QStringLiteral("api-key-env"), CliText::tr("Environment variable that holds the API key."),
          CliText::tr("var") },
        { QStringLiteral("header"), CliText::tr("Extra request header \"Name: value\" (repeatable)."),
          CliText::tr("header") },
        { QStringLiteral("insecure"),
          CliText::tr("Do not verify the TLS certificate (marked on every result).") },
        { QStringLiteral("proxy"),
          CliText::tr("Proxy for every request: http://host:port (HTTP CONNECT), socks5:// or socks5h://host:port, "
                      "or none. Default: HTTPS_PROXY / HTTP_PROXY / ALL_PROXY with NO_PROXY (loopback goes direct)."),
          CliText::tr("url") },
    };
}

QList<QCommandLineOption> CliCommon::promptOptions()
{
    return {
        { QStringLiteral("prompt"), CliText::tr("The prompt (default: a short question)."),
          CliText::tr("text") },
        { QStringLiteral("prompts"),
          CliText::tr("Prompt file: one prompt per line, or JSONL with \"prompt\" or \"messages\"."),
          CliText::tr("file") },
        { QStringLiteral("system"), CliText::tr("System message."), CliText::tr("text") },
    };
}

QList<QCommandLineOption> CliCommon::requestOptions()
{
    return {
        { QStringLiteral("max-tokens"), CliText::tr("Maximum output tokens per request (default 128)."),
          CliText::tr("n"), QStringLiteral("128") },
        { QStringLiteral("temperature"), CliText::tr("Sampling temperature."), CliText::tr("t") },
        { QStringLiteral("connect-timeout"), CliText::tr("Connect timeout (default 10)."), CliText::tr("s"),
          QStringLiteral("10") },
        { QStringLiteral("ttft-timeout"), CliText::tr("First-token timeout (default 120)."), CliText::tr("s"),
          QStringLiteral("120") },
        { QStringLiteral("stall-timeout"), CliText::tr("Timeout between chunks (default 60)."),
          CliText::tr("s"), QStringLiteral("60") },
        { QStringLiteral("total-timeout"), CliText::tr("Timeout of a whole request (default 600)."),
          CliText::tr("s"), QStringLiteral("600") },
        { QStringLiteral("no-reuse"), CliText::tr("A new connection for every request (cold connections).") },
        { QStringLiteral("no-stream"), CliText::tr("Ask for non-streaming responses.") },
    };
}

QCommandLineOption CliCommon::ioThreadsOption()
{
    return { QStringLiteral("io-threads"),
             CliText::tr("Threads that read and write the requests' connections, each with its own event loop "
                         "(default: the number of cores, %1 here; 0: all on the main thread).")
                 .arg(IoThreads::defaultCount()),
             CliText::tr("n") };
}

bool CliCommon::applyIoThreads(const QCommandLineParser &parser, StreamingClient &client)
{
    int threads = IoThreads::defaultCount();
    if (parser.isSet(QStringLiteral("io-threads"))) {
        const std::optional<double> n = number(parser, QStringLiteral("io-threads"), 0, 256);
        if (!n)
            return false;
        if (*n != std::floor(*n)) {
            printError(CliText::tr("--io-threads expects a whole number, got \"%1\"")
                           .arg(parser.value(QStringLiteral("io-threads"))));
            return false;
        }
        threads = int(*n);
    }
    client.setIoThreads(threads);
    return true;
}

std::optional<CliCommon::Target> CliCommon::targetFrom(const QCommandLineParser &parser)
{
    Target target;
    EndpointProfile &profile = target.profile;
    const auto protocol = Protocols::fromName(parser.value(QStringLiteral("protocol")));
    if (!protocol) {
        printError(CliText::tr("unknown protocol \"%1\"; known protocols: %2")
                       .arg(parser.value(QStringLiteral("protocol")), Protocols::names().join(QStringLiteral(", "))));
        return std::nullopt;
    }
    profile.protocol = *protocol;
    profile.verifyTls = !parser.isSet(QStringLiteral("insecure"));
    if (parser.isSet(QStringLiteral("proxy"))) {
        const QString proxy = parser.value(QStringLiteral("proxy")).trimmed();
        QString error;
        if (proxy.compare(ProxyResolver::None, Qt::CaseInsensitive) != 0
            && !ProxyResolver::fromUrl(proxy, QStringLiteral("--proxy"), &error)) {
            printError(error);
            return std::nullopt;
        }
        profile.proxy = proxy;
    }
    profile.apiKeyEnv = parser.value(QStringLiteral("api-key-env"));
    for (const QString &h : parser.values(QStringLiteral("header"))) {
        const qsizetype colon = h.indexOf(u':');
        if (colon <= 0) {
            printError(CliText::tr("--header expects \"Name: value\", got \"%1\"").arg(h));
            return std::nullopt;
        }
        profile.headers.append({ h.left(colon).trimmed().toUtf8(), h.mid(colon + 1).trimmed().toUtf8() });
    }
    if (!profile.apiKeyEnv.isEmpty() && qEnvironmentVariableIsEmpty(profile.apiKeyEnv.toLocal8Bit().constData())) {
        printError(CliText::tr("the environment variable %1 (from --api-key-env) is not set").arg(profile.apiKeyEnv));
        return std::nullopt;
    }

    const auto maxTokens = number(parser, QStringLiteral("max-tokens"), 1, 1'000'000);
    if (!maxTokens)
        return std::nullopt;
    struct Timeout
    {
        const char *name;
        qint64 *target;
    };
    RequestOptions &options = target.options;
    for (const Timeout &t : { Timeout { "connect-timeout", &options.connectTimeoutMs },
                              Timeout { "ttft-timeout", &options.firstTokenTimeoutMs },
                              Timeout { "stall-timeout", &options.stallTimeoutMs },
                              Timeout { "total-timeout", &options.totalTimeoutMs } }) {
        const auto v = number(parser, QString::fromLatin1(t.name), 0, 86'400);
        if (!v)
            return std::nullopt;
        *t.target = qint64(*v * 1000);
    }
    options.reuseConnections = !parser.isSet(QStringLiteral("no-reuse"));

    GenerationRequest defaults;
    defaults.maxTokens = int(*maxTokens);
    defaults.stream = !parser.isSet(QStringLiteral("no-stream"));
    if (parser.isSet(QStringLiteral("temperature"))) {
        const auto t = number(parser, QStringLiteral("temperature"), 0, 10);
        if (!t)
            return std::nullopt;
        defaults.temperature = *t;
    }
    if (parser.isSet(QStringLiteral("prompt")) && parser.isSet(QStringLiteral("prompts"))) {
        printError(CliText::tr("give --prompt or --prompts, not both"));
        return std::nullopt;
    }
    QString promptError;
    // The default prompt is the same in every language, so runs stay comparable.
    std::optional<QList<GenerationRequest>> prompts;
    if (parser.isSet(QStringLiteral("prompts")))
        prompts = PromptSet::fromFile(parser.value(QStringLiteral("prompts")), defaults, &promptError);
    else
        prompts = PromptSet::fromText(
            parser.isSet(QStringLiteral("prompt"))
                ? parser.value(QStringLiteral("prompt"))
                : QStringLiteral("Explain in three sentences why streaming lowers the time to first token."),
            defaults, &promptError);
    if (!prompts) {
        printError(promptError);
        return std::nullopt;
    }
    if (parser.isSet(QStringLiteral("system"))) {
        for (GenerationRequest &r : *prompts)
            r.messages.prepend({ QStringLiteral("system"), parser.value(QStringLiteral("system")) });
    }
    target.prompts = std::move(*prompts);

    const auto sim = simulationFrom(parser);
    if (!sim)
        return std::nullopt;
    target.sim = *sim;

    if (parser.isSet(QStringLiteral("endpoint"))) {
        const QUrl url = QUrl::fromUserInput(parser.value(QStringLiteral("endpoint")));
        if (!url.isValid() || (url.scheme() != u"http" && url.scheme() != u"https") || url.host().isEmpty()) {
            printError(CliText::tr("--endpoint expects an http:// or https:// URL, got \"%1\"")
                           .arg(parser.value(QStringLiteral("endpoint"))));
            return std::nullopt;
        }
        profile.baseUrl = url;
        profile.name = url.host();
        profile.model = parser.value(QStringLiteral("model"));
        const bool needsModel = profile.protocol != Protocol::LlamaCpp && profile.protocol != Protocol::Tgi
            && profile.protocol != Protocol::SimpleSse;
        if (profile.model.isEmpty() && needsModel) {
            printError(CliText::tr("--model is required with --endpoint for the %1 protocol")
                           .arg(Protocols::name(profile.protocol)));
            return std::nullopt;
        }
    } else {
        target.embedded = true;
        profile.name = QStringLiteral("embedded");
        profile.model = parser.isSet(QStringLiteral("model")) ? parser.value(QStringLiteral("model"))
                                                              : EmbeddedEndpointService::defaultModel();
    }
    return target;
}

bool CliCommon::startTarget(Target &target, std::unique_ptr<EmbeddedEndpointRunner> &runner)
{
    if (!target.embedded)
        return true;
    // A runner of its own, not the shared EmbeddedEndpointService: it runs the latency model
    // and fault given on the command line, and its counters are this command's alone.
    runner = std::make_unique<EmbeddedEndpointRunner>();
    runner->setCapacity(target.sim.capacity);
    if (!runner->start(target.sim.model, target.sim.fault, target.sim.faultProbability)) {
        printError(CliText::tr("cannot start the embedded endpoint: %1").arg(runner->errorString()));
        return false;
    }
    // Name, model, headers and TLS stay as the options gave them; the URL is the built-in profile's.
    target.profile.baseUrl
        = EmbeddedEndpointService::profileFor(runner->baseUrl(), target.profile.protocol).baseUrl;
    return true;
}

std::optional<QList<double>> CliCommon::numberList(const QCommandLineParser &parser, const QString &name,
                                                   double min, double max, bool whole)
{
    QList<double> values;
    for (const QString &part : parser.value(name).split(u',', Qt::SkipEmptyParts)) {
        bool ok = false;
        const double v = part.trimmed().toDouble(&ok);
        if (!ok || v < min || v > max || (whole && v != std::floor(v))) {
            printError(CliText::tr("--%1 expects a comma-separated list of %2 from %3 to %4, got \"%5\"")
                           .arg(name, whole ? CliText::tr("whole numbers") : CliText::tr("numbers"))
                           .arg(min)
                           .arg(max)
                           .arg(parser.value(name)));
            return std::nullopt;
        }
        values.append(v);
    }
    if (values.isEmpty()) {
        printError(CliText::tr("--%1 needs at least one value").arg(name));
        return std::nullopt;
    }
    return values;
}
