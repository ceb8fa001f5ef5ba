#include "batchexport.h"

#include "client/requesttrace.h"
#include "protocol/protocol.h"

#include <QJsonArray>
#include <QStringList>

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

} // namespace

QJsonObject BatchExport::distributionJson(const Distribution &d)
{
    return { { QStringLiteral("count"), d.count }, { QStringLiteral("mean"), d.mean },
             { QStringLiteral("p50"), d.p50 },     { QStringLiteral("p90"), d.p90 },
             { QStringLiteral("p95"), d.p95 },     { QStringLiteral("p99"), d.p99 },
             { QStringLiteral("max"), d.max } };
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
    if (analysis.knee >= 0)
        root.insert(QStringLiteral("knee_level"), results.at(analysis.knee).level);
    if (analysis.bestSloLevel >= 0)
        root.insert(QStringLiteral("best_slo_level"), results.at(analysis.bestSloLevel).level);
    return root;
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
