#include "clicommon.h"
#include "commands_p.h"

#include "batching/batchcomparison.h"
#include "batching/batchsimulator.h"
#include "batching/batchsweep.h"
#include "format/batchexport.h"
#include "format/runexport.h"

#include <QCommandLineParser>
#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace {

/// The max_wait_ms the typical sketch declares (and never uses): the max-wait side's default.
constexpr double TypicalDeclaredWaitMs = 100;

using CliCommon::fmt;

void printTable(const QList<SweepRow> &rows, const QList<int> &front)
{
    QTextStream &out = CliCommon::out();
    const QStringList headers { CliText::tr("batch"),    CliText::tr("wait ms"),  CliText::tr("budget"),
                                CliText::tr("req/s"),    CliText::tr("tok/s"),    CliText::tr("TTFT p50"),
                                CliText::tr("TTFT p99"), CliText::tr("TPOT p50"), CliText::tr("TPOT p99"),
                                CliText::tr("E2E p50"),  CliText::tr("E2E p99"),  CliText::tr("mean bs"),
                                CliText::tr("util %") };
    for (const QString &h : headers)
        out << h.rightJustified(10);
    out << '\n';
    for (qsizetype i = 0; i < rows.size(); ++i) {
        const SweepRow &row = rows.at(i);
        const SimulationResult &r = row.result;
        const QStringList cells { QString::number(row.maxBatchSize),
                                  fmt(row.maxWaitMs),
                                  QString::number(row.tokenBudget),
                                  fmt(r.requestsPerSecond, 2),
                                  fmt(r.outputTokensPerSecond),
                                  fmt(r.ttftMs.p50),
                                  fmt(r.ttftMs.p99),
                                  fmt(r.tpotMs.p50, 2),
                                  fmt(r.tpotMs.p99, 2),
                                  fmt(r.e2eMs.p50),
                                  fmt(r.e2eMs.p99),
                                  fmt(r.meanBatchSize, 2),
                                  fmt(r.utilisation * 100) };
        for (const QString &c : cells)
            out << c.rightJustified(10);
        out << (front.contains(int(i)) ? QStringLiteral("  *") : QString()) << '\n';
    }
    out.flush();
}

int printComparison(const BatchComparison &c, const QCommandLineParser &parser)
{
    QTextStream &out = CliCommon::out();
    const int width = 20;
    const auto row = [&out](const QString &label, const QString &baseline, const QString &batched) {
        out << CliCommon::padRight(label, width) << baseline.rightJustified(width) << batched.rightJustified(width)
            << '\n';
    };
    const SimulationConfig &b = c.batchedConfig;
    const QString batchedLabel = b.mode == SchedulingMode::Continuous
        ? CliText::tr("continuous %1").arg(b.maxSequences)
        : b.policy.hasTimer() ? CliText::tr("batch %1, %2 ms")
                                    .arg(b.policy.maxBatchSize)
                                    .arg(fmt(double(b.policy.maxQueueDelayNs) / 1e6))
                              : CliText::tr("full batches of %1").arg(b.policy.maxBatchSize);
    row(QString(), CliText::tr("no batching"), batchedLabel);
    row(CliText::tr("req/s"), fmt(c.baseline.requestsPerSecond, 1), fmt(c.batched.requestsPerSecond, 1));
    row(CliText::tr("tok/s"), fmt(c.baseline.outputTokensPerSecond, 0), fmt(c.batched.outputTokensPerSecond, 0));
    row(CliText::tr("TTFT p50"), fmt(c.baseline.ttftMs.p50), fmt(c.batched.ttftMs.p50));
    row(CliText::tr("E2E p50"), fmt(c.baseline.e2eMs.p50), fmt(c.batched.e2eMs.p50));
    row(CliText::tr("E2E p95"), fmt(c.baseline.e2eMs.p95), fmt(c.batched.e2eMs.p95));
    row(CliText::tr("E2E p99"), fmt(c.baseline.e2eMs.p99), fmt(c.batched.e2eMs.p99));
    row(CliText::tr("queue wait"), fmt(c.baseline.queueWaitMs.mean), fmt(c.batched.queueWaitMs.mean));
    row(CliText::tr("mean bs"), fmt(c.baseline.meanBatchSize, 2), fmt(c.batched.meanBatchSize, 2));
    row(CliText::tr("util %"), fmt(c.baseline.utilisation * 100), fmt(c.batched.utilisation * 100));
    out << '\n'
        << CliText::tr("Throughput gain: %1×; E2E p95 latency ×%2 (%3).")
               .arg(fmt(c.throughputGain(), 2), fmt(c.p95LatencyRatio(), 2),
                    c.meetsSeedClaim() ? CliText::tr("the +3× claim holds here")
                                       : CliText::tr("the +3× claim does not hold here"))
        << '\n';
    out << CliText::tr("Model: %1 — %2").arg(b.model.name, b.model.source) << '\n';
    out.flush();
    if (parser.isSet(QStringLiteral("json"))) {
        QString error;
        if (!RunExport::writeFile(parser.value(QStringLiteral("json")),
                                  QJsonDocument(BatchExport::comparisonJson(c)).toJson(QJsonDocument::Indented),
                                  &error)) {
            CliCommon::printError(error);
            return 1;
        }
    }
    return 0;
}

int printRuleComparison(const BatchRuleComparison &c, const QCommandLineParser &parser)
{
    QTextStream &out = CliCommon::out();
    const int labelWidth = 14;
    const int width = 28;
    const auto row = [&out](const QString &label, const QString &fullBatch, const QString &maxWait) {
        out << CliCommon::padRight(label, labelWidth) << fullBatch.rightJustified(width)
            << maxWait.rightJustified(width) << '\n';
    };
    const SimulationResult &f = c.fullBatch;
    const SimulationResult &w = c.maxWait;
    row(QString(), CliText::tr("full batch only (typical)"),
        CliText::tr("max wait %1 ms").arg(fmt(double(c.maxWaitConfig.policy.maxQueueDelayNs) / 1e6)));
    row(CliText::tr("req/s"), fmt(f.requestsPerSecond, 2), fmt(w.requestsPerSecond, 2));
    row(CliText::tr("tok/s"), fmt(f.outputTokensPerSecond, 0), fmt(w.outputTokensPerSecond, 0));
    row(CliText::tr("TTFT p50"), fmt(f.ttftMs.p50), fmt(w.ttftMs.p50));
    row(CliText::tr("TTFT p95"), fmt(f.ttftMs.p95), fmt(w.ttftMs.p95));
    row(CliText::tr("TTFT p99"), fmt(f.ttftMs.p99), fmt(w.ttftMs.p99));
    row(CliText::tr("E2E p50"), fmt(f.e2eMs.p50), fmt(w.e2eMs.p50));
    row(CliText::tr("E2E p95"), fmt(f.e2eMs.p95), fmt(w.e2eMs.p95));
    row(CliText::tr("E2E p99"), fmt(f.e2eMs.p99), fmt(w.e2eMs.p99));
    row(CliText::tr("queue wait"), fmt(f.queueWaitMs.mean), fmt(w.queueWaitMs.mean));
    row(CliText::tr("mean bs"), fmt(f.meanBatchSize, 2), fmt(w.meanBatchSize, 2));
    row(CliText::tr("util %"), fmt(f.utilisation * 100), fmt(w.utilisation * 100));
    out << CliText::tr(
               "Times in milliseconds; the same %1 requests (seed %2) through both rules, batch size %3.")
               .arg(c.fullBatchConfig.requests)
               .arg(c.fullBatchConfig.seed)
               .arg(c.fullBatchConfig.policy.maxBatchSize)
        << '\n'
        << '\n'
        << c.summary() << '\n'
        << CliText::tr(
               "Without a timer a partial batch waits for more requests: the last ones wait for the end "
               "of the trace, where a final flush sends them.")
        << '\n';
    out << CliText::tr("Model: %1 — %2").arg(c.fullBatchConfig.model.name, c.fullBatchConfig.model.source)
        << '\n';
    out.flush();
    if (parser.isSet(QStringLiteral("json"))) {
        QString error;
        if (!RunExport::writeFile(
                parser.value(QStringLiteral("json")),
                QJsonDocument(BatchExport::ruleComparisonJson(c)).toJson(QJsonDocument::Indented), &error)) {
            CliCommon::printError(error);
            return 1;
        }
    }
    return 0;
}

} // namespace

int CliCommands::batchSim(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(CliText::tr(
        "Simulates an LLM server under load over a grid of batching settings and prints throughput, "
        "TTFT, TPOT and end-to-end latency for each. Times in the table are milliseconds; rows marked "
        "* are on the throughput/latency (E2E p99) Pareto front."));
    parser.addHelpOption();
    parser.addOptions({
        { QStringLiteral("max-batch"),
          CliText::tr("Maximum batch sizes to try (sequences in flight in continuous mode)."),
          CliText::tr("list"), QStringLiteral("1,2,4,8,16") },
        { QStringLiteral("max-wait-ms"), CliText::tr("Maximum queue delays to try (request mode)."),
          CliText::tr("list"), QStringLiteral("0,10,50,100") },
        { QStringLiteral("token-budget"),
          CliText::tr("Tokens per step to try (continuous mode, default 2048)."), CliText::tr("list"),
          QStringLiteral("2048") },
        { QStringLiteral("rate"), CliText::tr("Mean arrival rate, requests per second."), CliText::tr("r") },
        { QStringLiteral("poisson"),
          CliText::tr("Exponential gaps between arrivals (default: constant gaps).") },
        { QStringLiteral("gamma"),
          CliText::tr("Gamma gaps with this burstiness (shape; below 1 is burstier than Poisson)."),
          CliText::tr("b") },
        { QStringLiteral("clients"),
          CliText::tr("Closed loop instead of --rate: this many clients, each waiting for its reply."),
          CliText::tr("n") },
        { QStringLiteral("requests"), CliText::tr("Requests per configuration (default 1000)."),
          CliText::tr("n"), QStringLiteral("1000") },
        { QStringLiteral("preset"),
          CliText::tr("Server model: %1 (default h100-llama2-7b).")
              .arg(ServiceModel::presetNames().join(QStringLiteral(", "))),
          CliText::tr("name"), QStringLiteral("h100-llama2-7b") },
        { QStringLiteral("mode"),
          CliText::tr("Scheduling: request (dynamic batching) or continuous (default request)."),
          CliText::tr("mode"), QStringLiteral("request") },
        { QStringLiteral("prompt-tokens"), CliText::tr("Prompt tokens per request (default 128)."),
          CliText::tr("n"), QStringLiteral("128") },
        { QStringLiteral("output-tokens"), CliText::tr("Output tokens per request (default 128)."),
          CliText::tr("n"), QStringLiteral("128") },
        { QStringLiteral("length-spread"),
          CliText::tr("Draw lengths uniformly within ±this share of the sizes above, 0..0.99 (default 0)."),
          CliText::tr("s"), QStringLiteral("0") },
        { QStringLiteral("seed"), CliText::tr("Seed of arrivals and lengths (default 1)."), CliText::tr("n"),
          QStringLiteral("1") },
        { QStringLiteral("slo-ttft-ms"), CliText::tr("TTFT limit for goodput."), CliText::tr("ms") },
        { QStringLiteral("slo-tpot-ms"), CliText::tr("TPOT limit for goodput."), CliText::tr("ms") },
        { QStringLiteral("slo-e2e-ms"), CliText::tr("End-to-end limit for goodput."), CliText::tr("ms") },
        { QStringLiteral("json"), CliText::tr("Write every configuration as JSON."), CliText::tr("file") },
        { QStringLiteral("csv"), CliText::tr("Write one CSV row per configuration."), CliText::tr("file") },
        { QStringLiteral("compare"),
          CliText::tr("Run one configuration (one value per list) against the same server without batching "
                      "(max batch 1), over the same arrivals, and print the throughput gain and latency cost.") },
        { QStringLiteral("rule"),
          CliText::tr("When a partial batch leaves (request mode): max-wait (after --max-wait-ms) or "
                      "full-batch (never: only full batches, and a final flush at the end of the trace; "
                      "--max-wait-ms is not used). Default max-wait."),
          CliText::tr("rule"), QStringLiteral("max-wait") },
        { QStringLiteral("compare-full-batch"),
          CliText::tr(
              "Run one configuration under both rules over the same arrivals: full batch only (the "
              "typical sketch's rule) against max wait; print throughput, TTFT and E2E percentiles side "
              "by side and what waiting for a full batch adds to p99. Default --max-batch %1 (the typical "
              "usage) and --max-wait-ms %2 (the wait the typical sketch declares but never uses).")
              .arg(BatchRuleComparison::TypicalMaxBatchSize)
              .arg(TypicalDeclaredWaitMs) },
    });
    if (const auto status = CliCommon::parseCommandLine(parser, arguments))
        return *status;

    SimulationConfig base;
    const auto model = ServiceModel::preset(parser.value(QStringLiteral("preset")));
    if (!model) {
        CliCommon::printError(CliText::tr("unknown preset \"%1\"; known presets: %2")
                                  .arg(parser.value(QStringLiteral("preset")),
                                       ServiceModel::presetNames().join(QStringLiteral(", "))));
        return 2;
    }
    base.model = *model;
    const QString mode = parser.value(QStringLiteral("mode"));
    if (mode == u"request") {
        base.mode = SchedulingMode::RequestLevel;
    } else if (mode == u"continuous") {
        base.mode = SchedulingMode::Continuous;
    } else {
        CliCommon::printError(CliText::tr("--mode expects request or continuous, got \"%1\"").arg(mode));
        return 2;
    }
    const auto rule = BatchPolicy::ruleFromName(parser.value(QStringLiteral("rule")));
    if (!rule) {
        CliCommon::printError(CliText::tr("--rule expects max-wait or full-batch, got \"%1\"")
                                  .arg(parser.value(QStringLiteral("rule"))));
        return 2;
    }
    base.policy.rule = *rule;
    const bool compareRules = parser.isSet(QStringLiteral("compare-full-batch"));
    if (compareRules && parser.isSet(QStringLiteral("compare"))) {
        CliCommon::printError(CliText::tr("give --compare or --compare-full-batch, not both"));
        return 2;
    }
    if (compareRules && parser.isSet(QStringLiteral("rule"))) {
        CliCommon::printError(CliText::tr("--compare-full-batch runs both rules; leave out --rule"));
        return 2;
    }
    if ((compareRules || base.policy.rule == BatchRule::FullBatchOnly)
        && base.mode != SchedulingMode::RequestLevel) {
        CliCommon::printError(
            CliText::tr("the full-batch rule needs --mode request: continuous batching has no "
                        "batches to wait for"));
        return 2;
    }

    const bool closedLoop = parser.isSet(QStringLiteral("clients"));
    if (closedLoop == parser.isSet(QStringLiteral("rate"))) {
        CliCommon::printError(CliText::tr("give either --rate or --clients"));
        return 2;
    }
    if (parser.isSet(QStringLiteral("poisson")) && parser.isSet(QStringLiteral("gamma"))) {
        CliCommon::printError(CliText::tr("give --poisson or --gamma, not both"));
        return 2;
    }
    if (closedLoop && (parser.isSet(QStringLiteral("poisson")) || parser.isSet(QStringLiteral("gamma")))) {
        CliCommon::printError(CliText::tr("--poisson and --gamma need --rate"));
        return 2;
    }
    if (closedLoop) {
        const auto clients = CliCommon::number(parser, QStringLiteral("clients"), 1, 1'000'000);
        if (!clients)
            return 2;
        base.arrivals = ArrivalPattern::ClosedLoop;
        base.clients = int(*clients);
    } else {
        const auto rate = CliCommon::number(parser, QStringLiteral("rate"), 1e-6, 1e9);
        if (!rate)
            return 2;
        base.ratePerSecond = *rate;
        base.arrivals = ArrivalPattern::Constant;
        if (parser.isSet(QStringLiteral("poisson")))
            base.arrivals = ArrivalPattern::Poisson;
        if (parser.isSet(QStringLiteral("gamma"))) {
            const auto b = CliCommon::number(parser, QStringLiteral("gamma"), 1e-3, 1e3);
            if (!b)
                return 2;
            base.arrivals = ArrivalPattern::Gamma;
            base.burstiness = *b;
        }
    }
    const auto requests = CliCommon::number(parser, QStringLiteral("requests"), 1, 10'000'000);
    const auto prompt = CliCommon::number(parser, QStringLiteral("prompt-tokens"), 1, 1'000'000);
    const auto output = CliCommon::number(parser, QStringLiteral("output-tokens"), 1, 1'000'000);
    const auto spread = CliCommon::number(parser, QStringLiteral("length-spread"), 0, 0.99);
    if (!requests || !prompt || !output || !spread)
        return 2;
    base.requests = int(*requests);
    base.promptTokens = int(*prompt);
    base.outputTokens = int(*output);
    base.lengthSpread = *spread;
    bool seedOk = false;
    base.seed = parser.value(QStringLiteral("seed")).toULongLong(&seedOk);
    if (!seedOk) {
        CliCommon::printError(CliText::tr("--seed expects a whole number"));
        return 2;
    }
    for (const auto &[name, target] :
         { std::pair { "slo-ttft-ms", &base.slo.ttftMs }, std::pair { "slo-tpot-ms", &base.slo.tpotMs },
           std::pair { "slo-e2e-ms", &base.slo.e2eMs } }) {
        if (!parser.isSet(QString::fromLatin1(name)))
            continue;
        const auto v = CliCommon::number(parser, QString::fromLatin1(name), 0, 1e9);
        if (!v)
            return 2;
        *target = *v;
    }

    auto sizes = CliCommon::numberList(parser, QStringLiteral("max-batch"), 1, 1'000'000, true);
    auto waits = CliCommon::numberList(parser, QStringLiteral("max-wait-ms"), 0, 3'600'000, false);
    if (compareRules) {
        // The typical batcher unless the user says otherwise.
        if (!parser.isSet(QStringLiteral("max-batch")))
            sizes = QList<double> { double(BatchRuleComparison::TypicalMaxBatchSize) };
        if (!parser.isSet(QStringLiteral("max-wait-ms")))
            waits = QList<double> { TypicalDeclaredWaitMs };
    }
    const auto budgets = CliCommon::numberList(parser, QStringLiteral("token-budget"), 1, 100'000'000, true);
    if (!sizes || !waits || !budgets)
        return 2;
    SweepGrid grid;
    for (double v : *sizes)
        grid.maxBatchSizes.append(int(v));
    grid.maxWaitMs = *waits;
    // Each axis only where it means something, so the table has no rows that are copies.
    if (base.mode == SchedulingMode::Continuous || base.policy.rule == BatchRule::FullBatchOnly)
        grid.maxWaitMs = { 0 };
    for (double v : *budgets)
        grid.tokenBudgets.append(int(v));
    if (base.mode == SchedulingMode::RequestLevel)
        grid.tokenBudgets = { base.tokenBudget };

    if (parser.isSet(QStringLiteral("compare"))) {
        const QList<SimulationConfig> configs = BatchSweep::configurations(base, grid);
        if (configs.size() != 1) {
            CliCommon::printError(
                CliText::tr("--compare needs one value of --max-batch, --max-wait-ms and --token-budget"));
            return 2;
        }
        return printComparison(BatchComparison::run(configs.constFirst()), parser);
    }
    if (compareRules) {
        const QList<SimulationConfig> configs = BatchSweep::configurations(base, grid);
        if (configs.size() != 1) {
            CliCommon::printError(
                CliText::tr("--compare-full-batch needs one value of --max-batch and of --max-wait-ms"));
            return 2;
        }
        return printRuleComparison(BatchRuleComparison::run(configs.constFirst()), parser);
    }

    CliCommon::err() << CliText::tr(
                            "Simulating %1 configurations of %2 requests (%3, %4 mode, %5 arrivals) ...")
                            .arg(BatchSweep::configurations(base, grid).size())
                            .arg(base.requests)
                            .arg(base.model.name, BatchSimulator::modeName(base.mode),
                                 BatchSimulator::arrivalName(base.arrivals))
                     << Qt::endl;
    QElapsedTimer elapsed;
    elapsed.start();
    const QList<SweepRow> rows = BatchSweep::run(base, grid);
    const qint64 elapsedMs = elapsed.elapsed();
    const SimulationAnalysis analysis = BatchSweep::analyse(rows, base.slo);
    const QList<int> &front = analysis.paretoFront;

    printTable(rows, front);
    QTextStream &out = CliCommon::out();
    out << '\n' << CliText::tr("Model: %1 — %2").arg(base.model.name, base.model.source) << '\n';
    if (base.mode == SchedulingMode::RequestLevel && base.policy.rule == BatchRule::FullBatchOnly)
        out << CliText::tr("Rule: full batch only (no timer, so the wait ms column does not apply): a "
                           "partial batch waits for more requests, and the last ones wait for the end of the "
                           "trace.")
            << '\n';
    if (analysis.knee >= 0) {
        const SweepRow &k = rows.at(analysis.knee);
        out << CliText::tr("Knee: batch %1, wait %2 ms, budget %3 (%4 req/s at E2E p99 %5 ms)")
                   .arg(k.maxBatchSize)
                   .arg(fmt(k.maxWaitMs))
                   .arg(k.tokenBudget)
                   .arg(fmt(k.result.requestsPerSecond, 2), fmt(k.result.e2eMs.p99))
            << '\n';
    }
    if (base.slo.isSet()) {
        if (analysis.bestUnderSlo >= 0) {
            const SweepRow &b = rows.at(analysis.bestUnderSlo);
            out << CliText::tr(
                       "Highest throughput meeting the SLO for 99% of requests: batch %1, wait %2 ms, "
                       "budget %3 (%4 req/s, goodput %5 req/s)")
                       .arg(b.maxBatchSize)
                       .arg(fmt(b.maxWaitMs))
                       .arg(b.tokenBudget)
                       .arg(fmt(b.result.requestsPerSecond, 2), fmt(b.result.goodputRps, 2))
                << '\n';
        } else {
            out << CliText::tr("No configuration meets the SLO for 99% of requests.") << '\n';
        }
    }
    out << CliText::tr("Simulated in %1 ms.").arg(elapsedMs) << '\n';
    out.flush();

    int status = 0;
    QString writeError;
    if (parser.isSet(QStringLiteral("json"))) {
        const QJsonObject root = BatchExport::simulationJson(base, rows, analysis, elapsedMs);
        if (!RunExport::writeFile(parser.value(QStringLiteral("json")),
                                  QJsonDocument(root).toJson(QJsonDocument::Indented), &writeError)) {
            CliCommon::printError(writeError);
            status = 1;
        }
    }
    if (parser.isSet(QStringLiteral("csv"))) {
        if (!RunExport::writeFile(parser.value(QStringLiteral("csv")), BatchExport::simulationCsv(rows, analysis), &writeError)) {
            CliCommon::printError(writeError);
            status = 1;
        }
    }
    return status;
}
