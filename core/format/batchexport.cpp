#include "batchexport.h"

#include "requestjson.h"

#include "client/requesttrace.h"
#include "protocol/protocol.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QStringList>

#include <algorithm>
#include <cmath>

namespace {

QString number(double v, int decimals)
{
    return QString::number(v, 'f', decimals);
}

QJsonArray indexes(const QList<int> &list)
{
    QJsonArray array;
    for (int i : list)
        array.append(i);
    return array;
}

QJsonObject sloJson(const ServiceLevel &slo, double target)
{
    return { { QStringLiteral("ttft_ms"), slo.ttftMs },
             { QStringLiteral("tpot_ms"), slo.tpotMs },
             { QStringLiteral("e2e_ms"), slo.e2eMs },
             { QStringLiteral("target"), target } };
}

QJsonObject resultJson(const SimulationResult &r)
{
    QJsonArray histogram;
    for (qint64 n : r.batchSizeHistogram)
        histogram.append(double(n));
    using BatchExport::distributionJson;
    return {
        { QStringLiteral("completed"), r.completed },
        { QStringLiteral("requests_per_s"), r.requestsPerSecond },
        { QStringLiteral("output_tokens_per_s"), r.outputTokensPerSecond },
        { QStringLiteral("total_tokens_per_s"), r.totalTokensPerSecond },
        { QStringLiteral("ttft_ms"), distributionJson(r.ttftMs) },
        { QStringLiteral("tpot_ms"), distributionJson(r.tpotMs) },
        { QStringLiteral("e2e_ms"), distributionJson(r.e2eMs) },
        { QStringLiteral("queue_wait_ms"), distributionJson(r.queueWaitMs) },
        { QStringLiteral("mean_batch_size"), r.meanBatchSize },
        { QStringLiteral("batch_size_histogram"), histogram },
        { QStringLiteral("utilisation"), r.utilisation },
        { QStringLiteral("slo_attainment"), r.sloAttainment },
        { QStringLiteral("goodput_rps"), r.goodputRps },
    };
}

QJsonObject configJson(const SimulationConfig &c)
{
    QJsonArray preferred;
    for (int size : c.policy.preferredBatchSizes)
        preferred.append(size);
    QJsonObject o {
        { QStringLiteral("preset"), c.model.name },
        { QStringLiteral("preset_source"), c.model.source },
        { QStringLiteral("mode"), BatchSimulator::modeName(c.mode) },
        { QStringLiteral("arrivals"), BatchSimulator::arrivalName(c.arrivals) },
        { QStringLiteral("requests"), c.requests },
        { QStringLiteral("seed"), QString::number(c.seed) },
        { QStringLiteral("prompt_tokens"), c.promptTokens },
        { QStringLiteral("output_tokens"), c.outputTokens },
        { QStringLiteral("length_spread"), c.lengthSpread },
        { QStringLiteral("max_batch"), c.mode == SchedulingMode::Continuous ? c.maxSequences : c.policy.maxBatchSize },
        { QStringLiteral("slo"), sloJson(c.slo, 0.99) },
    };
    if (c.mode == SchedulingMode::RequestLevel) {
        o.insert(QStringLiteral("max_wait_ms"), double(c.policy.maxQueueDelayNs) / 1e6);
        o.insert(QStringLiteral("rule"), BatchPolicy::ruleName(c.policy.rule));
        o.insert(QStringLiteral("preferred_batch_sizes"), preferred);
        o.insert(QStringLiteral("instances"), c.instances);
    } else {
        o.insert(QStringLiteral("token_budget"), c.tokenBudget);
        o.insert(QStringLiteral("chunked_prefill"), c.chunkedPrefill);
    }
    if (c.arrivals == ArrivalPattern::ClosedLoop)
        o.insert(QStringLiteral("clients"), c.clients);
    else
        o.insert(QStringLiteral("rate"), c.ratePerSecond);
    if (c.arrivals == ArrivalPattern::Gamma)
        o.insert(QStringLiteral("burstiness"), c.burstiness);
    return o;
}

class Text
{
    Q_DECLARE_TR_FUNCTIONS(BatchExport)
};

QList<int> indexesFrom(const QJsonValue &v)
{
    QList<int> list;
    const QJsonArray array = v.toArray();
    for (const QJsonValue &i : array)
        list.append(i.toInt());
    return list;
}

ServiceLevel sloFromJson(const QJsonObject &o)
{
    return { o.value(QLatin1String("ttft_ms")).toDouble(), o.value(QLatin1String("tpot_ms")).toDouble(),
             o.value(QLatin1String("e2e_ms")).toDouble() };
}

SimulationResult resultFromJson(const QJsonObject &o)
{
    using BatchExport::distributionFromJson;
    SimulationResult r;
    r.completed = o.value(QLatin1String("completed")).toInt();
    r.requestsPerSecond = o.value(QLatin1String("requests_per_s")).toDouble();
    r.outputTokensPerSecond = o.value(QLatin1String("output_tokens_per_s")).toDouble();
    r.totalTokensPerSecond = o.value(QLatin1String("total_tokens_per_s")).toDouble();
    r.ttftMs = distributionFromJson(o.value(QLatin1String("ttft_ms")).toObject());
    r.tpotMs = distributionFromJson(o.value(QLatin1String("tpot_ms")).toObject());
    r.e2eMs = distributionFromJson(o.value(QLatin1String("e2e_ms")).toObject());
    r.queueWaitMs = distributionFromJson(o.value(QLatin1String("queue_wait_ms")).toObject());
    r.meanBatchSize = o.value(QLatin1String("mean_batch_size")).toDouble();
    const QJsonArray histogram = o.value(QLatin1String("batch_size_histogram")).toArray();
    for (const QJsonValue &n : histogram)
        r.batchSizeHistogram.append(n.toInteger());
    r.utilisation = o.value(QLatin1String("utilisation")).toDouble();
    r.sloAttainment = o.value(QLatin1String("slo_attainment")).toDouble();
    r.goodputRps = o.value(QLatin1String("goodput_rps")).toDouble();
    return r;
}

SimulationConfig configFromJson(const QJsonObject &o)
{
    SimulationConfig c;
    const QString preset = o.value(QLatin1String("preset")).toString();
    if (const auto model = ServiceModel::preset(preset))
        c.model = *model;
    c.model.name = preset;
    c.model.source = o.value(QLatin1String("preset_source")).toString();
    for (SchedulingMode m : { SchedulingMode::RequestLevel, SchedulingMode::Continuous }) {
        if (BatchSimulator::modeName(m) == o.value(QLatin1String("mode")).toString())
            c.mode = m;
    }
    for (ArrivalPattern a : { ArrivalPattern::Constant, ArrivalPattern::Poisson, ArrivalPattern::Gamma,
                              ArrivalPattern::ClosedLoop }) {
        if (BatchSimulator::arrivalName(a) == o.value(QLatin1String("arrivals")).toString())
            c.arrivals = a;
    }
    c.requests = o.value(QLatin1String("requests")).toInt(c.requests);
    c.seed = o.value(QLatin1String("seed")).toString().toULongLong();
    c.promptTokens = o.value(QLatin1String("prompt_tokens")).toInt(c.promptTokens);
    c.outputTokens = o.value(QLatin1String("output_tokens")).toInt(c.outputTokens);
    c.lengthSpread = o.value(QLatin1String("length_spread")).toDouble(c.lengthSpread);
    c.slo = sloFromJson(o.value(QLatin1String("slo")).toObject());
    const int maxBatch = o.value(QLatin1String("max_batch")).toInt();
    if (c.mode == SchedulingMode::Continuous) {
        c.maxSequences = maxBatch;
        c.tokenBudget = o.value(QLatin1String("token_budget")).toInt(c.tokenBudget);
        c.chunkedPrefill = o.value(QLatin1String("chunked_prefill")).toBool(c.chunkedPrefill);
    } else {
        c.policy.maxBatchSize = maxBatch;
        c.policy.maxQueueDelayNs = std::llround(o.value(QLatin1String("max_wait_ms")).toDouble() * 1e6);
        c.policy.preferredBatchSizes = indexesFrom(o.value(QLatin1String("preferred_batch_sizes")));
        // Documents from before the full-batch rule have no "rule": they used the timer.
        c.policy.rule = BatchPolicy::ruleFromName(o.value(QLatin1String("rule")).toString())
                            .value_or(BatchRule::MaxWait);
        c.instances = o.value(QLatin1String("instances")).toInt(c.instances);
    }
    if (c.arrivals == ArrivalPattern::ClosedLoop)
        c.clients = o.value(QLatin1String("clients")).toInt(c.clients);
    else
        c.ratePerSecond = o.value(QLatin1String("rate")).toDouble(c.ratePerSecond);
    if (c.arrivals == ArrivalPattern::Gamma)
        c.burstiness = o.value(QLatin1String("burstiness")).toDouble(c.burstiness);
    return c;
}

} // namespace

QJsonObject BatchExport::distributionJson(const Distribution &d)
{
    return { { QStringLiteral("count"), d.count }, { QStringLiteral("mean"), d.mean },
             { QStringLiteral("p50"), d.p50 },     { QStringLiteral("p90"), d.p90 },
             { QStringLiteral("p95"), d.p95 },     { QStringLiteral("p99"), d.p99 },
             { QStringLiteral("max"), d.max } };
}

Distribution BatchExport::distributionFromJson(const QJsonObject &o)
{
    Distribution d;
    d.count = o.value(QLatin1String("count")).toInt();
    d.mean = o.value(QLatin1String("mean")).toDouble();
    d.p50 = o.value(QLatin1String("p50")).toDouble();
    d.p90 = o.value(QLatin1String("p90")).toDouble();
    d.p95 = o.value(QLatin1String("p95")).toDouble();
    d.p99 = o.value(QLatin1String("p99")).toDouble();
    d.max = o.value(QLatin1String("max")).toDouble();
    return d;
}

QJsonObject BatchExport::simulationJson(const SimulationConfig &base, const QList<SweepRow> &rows,
                                        const SimulationAnalysis &analysis, qint64 elapsedMs)
{
    QJsonArray rowsJson;
    for (const SweepRow &row : rows) {
        QJsonObject o = resultJson(row.result);
        o.insert(QStringLiteral("max_batch"), row.maxBatchSize);
        o.insert(QStringLiteral("max_wait_ms"), row.maxWaitMs);
        o.insert(QStringLiteral("token_budget"), row.tokenBudget);
        o.insert(QStringLiteral("rate"), row.rate);
        rowsJson.append(o);
    }
    QJsonObject root = configJson(base);
    root.insert(QStringLiteral("rows"), rowsJson);
    root.insert(QStringLiteral("pareto_front"), indexes(analysis.paretoFront));
    root.insert(QStringLiteral("knee"), analysis.knee);
    root.insert(QStringLiteral("best_under_slo"), analysis.bestUnderSlo);
    if (elapsedMs >= 0)
        root.insert(QStringLiteral("elapsed_ms"), double(elapsedMs));
    return root;
}

std::optional<SimulationSweepDocument> BatchExport::readSimulation(const QJsonObject &json, QString *error)
{
    if (!json.value(QLatin1String("rows")).isArray() || !json.value(QLatin1String("mode")).isString()) {
        if (error)
            *error = Text::tr("not a simulated batching sweep (it needs \"mode\" and \"rows\")");
        return std::nullopt;
    }
    SimulationSweepDocument doc;
    doc.base = configFromJson(json);
    const QJsonArray rows = json.value(QLatin1String("rows")).toArray();
    for (const QJsonValue &v : rows) {
        const QJsonObject o = v.toObject();
        SweepRow row;
        row.result = resultFromJson(o);
        row.maxBatchSize = o.value(QLatin1String("max_batch")).toInt();
        row.maxWaitMs = o.value(QLatin1String("max_wait_ms")).toDouble();
        row.tokenBudget = o.value(QLatin1String("token_budget")).toInt();
        row.rate = o.value(QLatin1String("rate")).toDouble();
        doc.rows.append(row);
    }
    doc.analysis.paretoFront = indexesFrom(json.value(QLatin1String("pareto_front")));
    doc.analysis.knee = json.value(QLatin1String("knee")).toInt(-1);
    doc.analysis.bestUnderSlo = json.value(QLatin1String("best_under_slo")).toInt(-1);
    doc.elapsedMs = json.value(QLatin1String("elapsed_ms")).toInteger(-1);
    return doc;
}

QByteArray BatchExport::simulationCsv(const QList<SweepRow> &rows, const SimulationAnalysis &analysis)
{
    QByteArray csv
        = "max_batch,max_wait_ms,token_budget,rate,requests_per_s,output_tokens_per_s,ttft_p50_ms,ttft_p99_ms,"
          "tpot_p50_ms,tpot_p99_ms,e2e_p50_ms,e2e_p90_ms,e2e_p99_ms,queue_wait_mean_ms,mean_batch_size,"
          "utilisation,slo_attainment,goodput_rps,pareto\n";
    for (qsizetype i = 0; i < rows.size(); ++i) {
        const SweepRow &row = rows.at(i);
        const SimulationResult &r = row.result;
        const QList<double> values { double(row.maxBatchSize), row.maxWaitMs,  double(row.tokenBudget),
                                     row.rate,                 r.requestsPerSecond, r.outputTokensPerSecond,
                                     r.ttftMs.p50,             r.ttftMs.p99,    r.tpotMs.p50,
                                     r.tpotMs.p99,             r.e2eMs.p50,     r.e2eMs.p90,
                                     r.e2eMs.p99,              r.queueWaitMs.mean, r.meanBatchSize,
                                     r.utilisation,            r.sloAttainment, r.goodputRps };
        QStringList cells;
        for (double v : values)
            cells.append(QString::number(v, 'g', 10));
        cells.append(analysis.paretoFront.contains(int(i)) ? QStringLiteral("1") : QStringLiteral("0"));
        csv += cells.join(u',').toUtf8() + '\n';
    }
    return csv;
}

QJsonObject BatchExport::endpointSweepJson(const EndpointSweepConfig &config, const QList<SweepLevelResult> &results,
                                           const EndpointSweepAnalysis &analysis)
{
    QJsonArray levels;
    for (qsizetype i = 0; i < results.size(); ++i) {
        const SweepLevelResult &r = results.at(i);
        QJsonArray windows;
        for (double v : r.windowTokensPerSecond)
            windows.append(v);
        QJsonObject errors;
        for (auto it = r.failuresByClass.cbegin(); it != r.failuresByClass.cend(); ++it)
            errors.insert(ErrorClasses::name(it.key()), it.value());
        levels.append(QJsonObject {
            { QStringLiteral("level"), r.level },
            { QStringLiteral("requests_ok"), r.requestsOk },
            { QStringLiteral("requests_failed"), r.requestsFailed },
            { QStringLiteral("requests_finished"), r.requestsFinished },
            { QStringLiteral("errors"), errors },
            { QStringLiteral("requests_per_second"), r.requestsPerSecond },
            { QStringLiteral("output_tokens_per_second"), r.outputTokensPerSecond },
            { QStringLiteral("ttft_ms"), distributionJson(r.ttftMs) },
            { QStringLiteral("tpot_ms"), distributionJson(r.tpotMs) },
            { QStringLiteral("e2e_ms"), distributionJson(r.e2eMs) },
            { QStringLiteral("window_tokens_per_second"), windows },
            { QStringLiteral("measured_windows"), r.measuredWindows },
            { QStringLiteral("measured_seconds"), r.measuredSeconds },
            { QStringLiteral("stable"), r.stable },
            { QStringLiteral("goodput"), r.goodput },
            { QStringLiteral("slo_attainment"), r.sloAttainment },
            { QStringLiteral("pareto"), analysis.paretoFront.contains(int(i)) },
        });
    }
    const EndpointProfile &profile = config.endpoint;
    QJsonObject root {
        { QStringLiteral("endpoint"),
          QJsonObject { { QStringLiteral("name"), profile.name },
                        { QStringLiteral("protocol"), Protocols::name(profile.protocol) },
                        { QStringLiteral("model"), profile.model },
                        { QStringLiteral("base_url"),
                          profile.baseUrl.toString(QUrl::RemoveUserInfo | QUrl::RemoveQuery) },
                        { QStringLiteral("verify_tls"), profile.verifyTls } } },
        { QStringLiteral("axis"),
          config.axis == SweepAxis::Concurrency ? QStringLiteral("concurrency") : QStringLiteral("rate") },
        { QStringLiteral("window_requests"), config.windowRequests },
        { QStringLiteral("window_seconds"), config.windowSeconds },
        { QStringLiteral("max_windows"), config.maxWindows },
        { QStringLiteral("slo"), sloJson(config.slo, config.sloTarget) },
        { QStringLiteral("levels"), levels },
        { QStringLiteral("knee_index"), analysis.knee },
        { QStringLiteral("best_slo_index"), analysis.bestSloLevel },
        { QStringLiteral("pareto_front"), indexes(analysis.paretoFront) },
    };
    if (config.timedLevels())
        root.insert(QStringLiteral("level_seconds"), config.levelSeconds);
    if (analysis.knee >= 0)
        root.insert(QStringLiteral("knee_level"), results.at(analysis.knee).level);
    if (analysis.bestSloLevel >= 0)
        root.insert(QStringLiteral("best_slo_level"), results.at(analysis.bestSloLevel).level);
    return root;
}

std::optional<EndpointSweepDocument> BatchExport::readEndpointSweep(const QJsonObject &json, QString *error)
{
    if (!json.value(QLatin1String("levels")).isArray() || !json.value(QLatin1String("endpoint")).isObject()) {
        if (error)
            *error = Text::tr("not an endpoint sweep (it needs \"endpoint\" and \"levels\")");
        return std::nullopt;
    }
    EndpointSweepDocument doc;
    EndpointSweepConfig &c = doc.config;
    const QJsonObject e = json.value(QLatin1String("endpoint")).toObject();
    c.endpoint.name = e.value(QLatin1String("name")).toString();
    c.endpoint.protocol
        = Protocols::fromName(e.value(QLatin1String("protocol")).toString()).value_or(Protocol::OpenAIChat);
    c.endpoint.model = e.value(QLatin1String("model")).toString();
    c.endpoint.baseUrl = QUrl(e.value(QLatin1String("base_url")).toString());
    c.endpoint.verifyTls = e.value(QLatin1String("verify_tls")).toBool(true);
    c.axis
        = json.value(QLatin1String("axis")).toString() == u"rate" ? SweepAxis::Rate : SweepAxis::Concurrency;
    c.windowRequests = json.value(QLatin1String("window_requests")).toInt(c.windowRequests);
    c.windowSeconds = json.value(QLatin1String("window_seconds")).toDouble(c.windowSeconds);
    c.maxWindows = json.value(QLatin1String("max_windows")).toInt(c.maxWindows);
    if (const double v = json.value(QLatin1String("level_seconds")).toDouble(); std::isfinite(v) && v > 0)
        c.levelSeconds = v;
    const QJsonObject slo = json.value(QLatin1String("slo")).toObject();
    c.slo = sloFromJson(slo);
    c.sloTarget = slo.value(QLatin1String("target")).toDouble(c.sloTarget);

    const QJsonArray levels = json.value(QLatin1String("levels")).toArray();
    for (const QJsonValue &v : levels) {
        const QJsonObject o = v.toObject();
        SweepLevelResult r;
        r.level = o.value(QLatin1String("level")).toDouble();
        r.requestsOk = o.value(QLatin1String("requests_ok")).toInt();
        r.requestsFailed = o.value(QLatin1String("requests_failed")).toInt();
        r.requestsFinished = o.value(QLatin1String("requests_finished")).toInt();
        const QJsonObject errors = o.value(QLatin1String("errors")).toObject();
        for (auto it = errors.constBegin(); it != errors.constEnd(); ++it) {
            const ErrorClass error = RequestJson::errorClassFromName(it.key());
            r.failuresByClass[error == ErrorClass::None ? ErrorClass::ServerError : error]
                += it.value().toInt();
        }
        r.requestsPerSecond = o.value(QLatin1String("requests_per_second")).toDouble();
        r.outputTokensPerSecond = o.value(QLatin1String("output_tokens_per_second")).toDouble();
        r.ttftMs = distributionFromJson(o.value(QLatin1String("ttft_ms")).toObject());
        r.tpotMs = distributionFromJson(o.value(QLatin1String("tpot_ms")).toObject());
        r.e2eMs = distributionFromJson(o.value(QLatin1String("e2e_ms")).toObject());
        const QJsonArray windows = o.value(QLatin1String("window_tokens_per_second")).toArray();
        for (const QJsonValue &w : windows)
            r.windowTokensPerSecond.append(w.toDouble());
        r.measuredWindows = o.value(QLatin1String("measured_windows")).toInt();
        r.measuredSeconds = o.value(QLatin1String("measured_seconds")).toDouble();
        r.stable = o.value(QLatin1String("stable")).toBool();
        r.goodput = o.value(QLatin1String("goodput")).toDouble();
        r.sloAttainment = o.value(QLatin1String("slo_attainment")).toDouble();
        doc.results.append(r);
    }
    doc.analysis.knee = json.value(QLatin1String("knee_index")).toInt(-1);
    doc.analysis.bestSloLevel = json.value(QLatin1String("best_slo_index")).toInt(-1);
    doc.analysis.paretoFront = indexesFrom(json.value(QLatin1String("pareto_front")));
    return doc;
}

QByteArray BatchExport::endpointSweepCsv(const QList<SweepLevelResult> &results, const EndpointSweepAnalysis &analysis)
{
    QByteArray csv = "level,requests_ok,requests_failed,requests_per_second,output_tokens_per_second,"
                     "ttft_p50_ms,ttft_p99_ms,tpot_p50_ms,tpot_p99_ms,e2e_p50_ms,e2e_p99_ms,stable,goodput,"
                     "slo_attainment,pareto\n";
    for (qsizetype i = 0; i < results.size(); ++i) {
        const SweepLevelResult &r = results.at(i);
        const QStringList cells {
            QString::number(r.level, 'g', 6), QString::number(r.requestsOk), QString::number(r.requestsFailed),
            number(r.requestsPerSecond, 3),   number(r.outputTokensPerSecond, 2), number(r.ttftMs.p50, 2),
            number(r.ttftMs.p99, 2),          number(r.tpotMs.p50, 2),            number(r.tpotMs.p99, 2),
            number(r.e2eMs.p50, 2),           number(r.e2eMs.p99, 2),
            r.stable ? QStringLiteral("1") : QStringLiteral("0"),
            number(r.goodput, 3),             number(r.sloAttainment, 4),
            analysis.paretoFront.contains(int(i)) ? QStringLiteral("1") : QStringLiteral("0"),
        };
        csv += cells.join(u',').toUtf8() + '\n';
    }
    return csv;
}

QJsonObject BatchExport::endpointSweepsJson(const QList<EndpointSweepDocument> &sweeps)
{
    if (sweeps.size() == 1)
        return endpointSweepJson(sweeps.constFirst().config, sweeps.constFirst().results,
                                 sweeps.constFirst().analysis);
    QJsonArray array;
    for (const EndpointSweepDocument &s : sweeps)
        array.append(endpointSweepJson(s.config, s.results, s.analysis));
    return { { QStringLiteral("sweeps"), array } };
}

std::optional<QList<EndpointSweepDocument>> BatchExport::readEndpointSweeps(const QJsonObject &json,
                                                                            QString *error)
{
    if (!json.value(QLatin1String("sweeps")).isArray()) {
        auto one = readEndpointSweep(json, error);
        return one ? std::optional<QList<EndpointSweepDocument>>({ *one }) : std::nullopt;
    }
    QList<EndpointSweepDocument> sweeps;
    const QJsonArray array = json.value(QLatin1String("sweeps")).toArray();
    for (const QJsonValue &v : array) {
        auto one = readEndpointSweep(v.toObject(), error);
        if (!one)
            return std::nullopt;
        sweeps.append(*one);
    }
    return sweeps;
}

QByteArray BatchExport::endpointSweepsCsv(const QList<EndpointSweepDocument> &sweeps)
{
    QByteArray csv;
    for (const EndpointSweepDocument &s : sweeps) {
        const QList<QByteArray> lines = endpointSweepCsv(s.results, s.analysis).split('\n');
        for (qsizetype i = 0; i < lines.size(); ++i) {
            if (lines.at(i).isEmpty())
                continue;
            if (i == 0) {
                if (csv.isEmpty())
                    csv += "endpoint," + lines.at(i) + '\n';
                continue;
            }
            QString name = s.config.endpoint.name;
            name.replace(u'"', QStringLiteral("\"\""));
            csv += '"' + name.toUtf8() + "\"," + lines.at(i) + '\n';
        }
    }
    return csv;
}

QJsonObject BatchExport::comparisonJson(const BatchComparison &c)
{
    return {
        { QStringLiteral("baseline"),
          QJsonObject { { QStringLiteral("config"), configJson(c.baselineConfig) },
                        { QStringLiteral("result"), resultJson(c.baseline) } } },
        { QStringLiteral("batched"),
          QJsonObject { { QStringLiteral("config"), configJson(c.batchedConfig) },
                        { QStringLiteral("result"), resultJson(c.batched) } } },
        { QStringLiteral("throughput_gain"), c.throughputGain() },
        { QStringLiteral("e2e_p50_ratio"), c.p50LatencyRatio() },
        { QStringLiteral("e2e_p95_ratio"), c.p95LatencyRatio() },
        { QStringLiteral("e2e_p99_ratio"), c.p99LatencyRatio() },
        { QStringLiteral("meets_3x_claim"), c.meetsSeedClaim() },
    };
}

QJsonObject BatchExport::ruleComparisonJson(const BatchRuleComparison &c)
{
    return {
        { QStringLiteral("full_batch"),
          QJsonObject { { QStringLiteral("config"), configJson(c.fullBatchConfig) },
                        { QStringLiteral("result"), resultJson(c.fullBatch) } } },
        { QStringLiteral("max_wait"),
          QJsonObject { { QStringLiteral("config"), configJson(c.maxWaitConfig) },
                        { QStringLiteral("result"), resultJson(c.maxWait) } } },
        { QStringLiteral("e2e_p99_cost_ms"), c.e2eP99CostMs() },
        { QStringLiteral("ttft_p99_cost_ms"), c.ttftP99CostMs() },
        { QStringLiteral("throughput_ratio"), c.throughputRatio() },
        { QStringLiteral("tails_converge"), c.tailsConverge() },
        { QStringLiteral("summary"), c.summary() },
    };
}

RunSettings::Sweep BatchExport::sweepSettings(const EndpointSweepConfig &config)
{
    RunSettings::Sweep s;
    s.axis = config.axis == SweepAxis::Rate ? QStringLiteral("rate") : QStringLiteral("concurrency");
    s.levels = config.levels;
    if (config.timedLevels()) {
        s.levelSeconds = config.levelSeconds;
        s.windows = std::max(1, config.maxWindows);
        s.measuredWindows = std::clamp(config.stabilityWindows, 1, s.windows);
        s.tolerance = config.stabilityTolerance;
        s.gapSeconds = config.levelGapSeconds;
        s.sloTtftMs = config.slo.ttftMs;
        s.sloTpotMs = config.slo.tpotMs;
        s.sloE2eMs = config.slo.e2eMs;
        s.sloTarget = config.sloTarget;
    }
    return s;
}

EndpointSweepConfig BatchExport::sweepConfig(const RunSettings &settings)
{
    EndpointSweepConfig c;
    c.endpoint.name = settings.endpoint.name;
    c.endpoint.protocol = Protocols::fromName(settings.endpoint.protocol).value_or(Protocol::OpenAIChat);
    c.endpoint.model = settings.endpoint.model;
    c.endpoint.baseUrl = QUrl(settings.endpoint.url);
    c.endpoint.verifyTls = settings.endpoint.verifyTls.value_or(true);
    if (!settings.sweep)
        return c;
    const RunSettings::Sweep &s = *settings.sweep;
    c.axis = s.axis == u"rate" ? SweepAxis::Rate : SweepAxis::Concurrency;
    c.levels = s.levels;
    if (s.levelSeconds > 0) {
        c.levelSeconds = s.levelSeconds;
        c.maxWindows = std::max(1, s.windows);
        c.stabilityWindows = std::clamp(s.measuredWindows, 1, c.maxWindows);
        if (s.tolerance > 0)
            c.stabilityTolerance = s.tolerance;
        c.levelGapSeconds = s.gapSeconds;
        c.slo.ttftMs = s.sloTtftMs;
        c.slo.tpotMs = s.sloTpotMs;
        c.slo.e2eMs = s.sloE2eMs;
        if (s.sloTarget > 0)
            c.sloTarget = s.sloTarget;
    }
    return c;
}
