#include "cacheexport.h"

#include "csv.h"

#include <QCoreApplication>
#include <QJsonArray>

#include <cmath>

namespace {

class Text
{
    Q_DECLARE_TR_FUNCTIONS(CacheExport)
};

QString kindName(CacheLookup::Kind kind)
{
    switch (kind) {
    case CacheLookup::Kind::ExactHit:
        return QStringLiteral("exact");
    case CacheLookup::Kind::SemanticHit:
        return QStringLiteral("semantic");
    case CacheLookup::Kind::Miss:
        break;
    }
    return QStringLiteral("miss");
}

CacheLookup::Kind kindFromName(const QString &name)
{
    if (name == u"exact")
        return CacheLookup::Kind::ExactHit;
    if (name == u"semantic")
        return CacheLookup::Kind::SemanticHit;
    return CacheLookup::Kind::Miss;
}

ThresholdPoint pointFromJson(const QJsonObject &o)
{
    ThresholdPoint p;
    p.threshold = o.value(QLatin1String("threshold")).toDouble();
    p.hits = o.value(QLatin1String("hits")).toInteger();
    p.falseHits = o.value(QLatin1String("false_hits")).toInteger();
    p.hitRate = o.value(QLatin1String("hit_rate")).toDouble();
    p.falseHitRate = o.value(QLatin1String("false_hit_rate")).toDouble();
    p.precision = o.value(QLatin1String("precision")).toDouble();
    p.recall = o.value(QLatin1String("recall")).toDouble();
    p.f1 = o.value(QLatin1String("f1")).toDouble();
    return p;
}

QJsonObject referenceJson(const CacheReport &report, const ReferenceComparison &comparison)
{
    QJsonArray queries;
    for (const ReferenceQueryCheck &q : comparison.queries) {
        QJsonObject item { { QStringLiteral("index"), q.index },
                           { QStringLiteral("text"), q.text },
                           { QStringLiteral("expected"), kindName(q.expected) },
                           { QStringLiteral("result"), kindName(q.actual) },
                           { QStringLiteral("agrees"), q.agrees() } };
        if (q.score > -1.5f)
            item.insert(QStringLiteral("score"), double(q.score));
        if (!q.matchedText.isEmpty())
            item.insert(QStringLiteral("matched"), q.matchedText);
        queries.append(item);
    }
    QJsonObject pair { { QStringLiteral("query"), comparison.pairQuery },
                       { QStringLiteral("cached"), comparison.pairCached },
                       { QStringLiteral("expected_threshold"), ReferenceScenario::Threshold } };
    if (comparison.pairSimilarity)
        pair.insert(QStringLiteral("similarity"), *comparison.pairSimilarity);
    if (comparison.matchingThreshold)
        pair.insert(QStringLiteral("matching_threshold"), *comparison.matchingThreshold);
    return {
        { QStringLiteral("settings"),
          QJsonObject { { QStringLiteral("capacity"), qint64(ReferenceScenario::Capacity) },
                        { QStringLiteral("ttl_s"), ReferenceScenario::TtlS },
                        { QStringLiteral("threshold"), ReferenceScenario::Threshold } } },
        { QStringLiteral("queries"), queries },
        { QStringLiteral("pair"), pair },
        { QStringLiteral("agrees"), comparison.agrees() },
        // The statistics as the typical sketch prints them: the hit rate as "40.0%".
        { QStringLiteral("stats"),
          QJsonObject {
              { QStringLiteral("size"), qint64(report.cacheSize) },
              { QStringLiteral("hits"), report.stats.hits() },
              { QStringLiteral("misses"), report.stats.misses },
              { QStringLiteral("hit_rate"), ReferenceScenario::hitRateText(report.stats.hitRate()) } } },
    };
}

// The "reference" block back; what is not stored (the run's embedder, threshold and semantic
// layer) comes from \a report, as ReferenceScenario::compare() takes it.
ReferenceComparison referenceFromJson(const QJsonObject &o, const CacheReport &report)
{
    ReferenceComparison c;
    c.embedder = report.embedder;
    c.threshold = report.config.cache.threshold;
    c.semantic = report.config.cache.semantic;
    const QJsonArray queries = o.value(QLatin1String("queries")).toArray();
    for (const QJsonValue &v : queries) {
        const QJsonObject q = v.toObject();
        ReferenceQueryCheck check;
        check.index = q.value(QLatin1String("index")).toInt();
        check.text = q.value(QLatin1String("text")).toString();
        check.expected = kindFromName(q.value(QLatin1String("expected")).toString());
        check.actual = kindFromName(q.value(QLatin1String("result")).toString());
        check.score = q.value(QLatin1String("score")).isDouble()
            ? float(q.value(QLatin1String("score")).toDouble())
            : -2.0f;
        check.matchedText = q.value(QLatin1String("matched")).toString();
        c.queries.append(check);
    }
    const QJsonObject pair = o.value(QLatin1String("pair")).toObject();
    c.pairQuery = pair.value(QLatin1String("query")).toString();
    c.pairCached = pair.value(QLatin1String("cached")).toString();
    if (pair.value(QLatin1String("similarity")).isDouble())
        c.pairSimilarity = pair.value(QLatin1String("similarity")).toDouble();
    if (pair.value(QLatin1String("matching_threshold")).isDouble())
        c.matchingThreshold = pair.value(QLatin1String("matching_threshold")).toDouble();
    return c;
}

} // namespace

QJsonObject CacheExport::reportJson(const ReportDocument &document)
{
    return reportJson(document.report, document.reference);
}

QJsonObject CacheExport::reportJson(const CacheReport &report,
                                    const std::optional<ReferenceComparison> &reference)
{
    const CacheConfig &cache = report.config.cache;
    QJsonObject settings { { QStringLiteral("threshold"), cache.threshold },
                           { QStringLiteral("semantic"), cache.semantic },
                           { QStringLiteral("ttl_s"), double(cache.ttlNs) / 1e9 },
                           { QStringLiteral("ttl_mode"),
                             cache.ttlMode == TtlMode::Sliding ? QStringLiteral("sliding")
                                                               : QStringLiteral("absolute") },
                           { QStringLiteral("max_entries"), qint64(cache.maxEntries) },
                           { QStringLiteral("max_bytes"), cache.maxBytes },
                           { QStringLiteral("policy"), EvictionPolicies::name(cache.policy) },
                           { QStringLiteral("admit_semantic_hits"), cache.admitSemanticHits },
                           { QStringLiteral("max_false_hit_rate"), report.config.maxFalseHitRate } };
    QJsonObject statsJson {
        { QStringLiteral("lookups"), report.stats.lookups },
        { QStringLiteral("exact_hits"), report.stats.exactHits },
        { QStringLiteral("semantic_hits"), report.stats.semanticHits },
        { QStringLiteral("misses"), report.stats.misses },
        { QStringLiteral("hit_rate"), report.stats.hitRate() },
        { QStringLiteral("false_hits"), report.stats.falseHits },
        { QStringLiteral("false_hit_rate"), report.stats.falseHitRate() },
        { QStringLiteral("missed_duplicates"), report.stats.missedDuplicates },
        { QStringLiteral("evictions"), report.stats.evictions },
        { QStringLiteral("expirations"), report.stats.expirations },
        { QStringLiteral("inserts"), report.stats.inserts },
        // The typical words for the same counts: entries held at the end, hits of both layers.
        { QStringLiteral("size"), qint64(report.cacheSize) },
        { QStringLiteral("hits"), report.stats.hits() }
    };
    QJsonObject savings { { QStringLiteral("mean_miss_latency_ms"), report.meanMissLatencyMs },
                          { QStringLiteral("mean_hit_latency_ms"), report.meanHitLatencyMs },
                          { QStringLiteral("total_latency_without_ms"), report.totalLatencyWithoutMs },
                          { QStringLiteral("total_latency_with_ms"), report.totalLatencyWithMs },
                          { QStringLiteral("latency_saved"), report.latencySavedShare() },
                          { QStringLiteral("tokens_without"), report.tokensWithout },
                          { QStringLiteral("tokens_with"), report.tokensWith },
                          { QStringLiteral("tokens_saved"), report.tokensSavedShare() },
                          { QStringLiteral("cost_without"), report.costWithout },
                          { QStringLiteral("cost_with"), report.costWith },
                          { QStringLiteral("cost_saved"), report.costSavedShare() } };
    auto pointJson = [](const ThresholdPoint &p) {
        return QJsonObject { { QStringLiteral("threshold"), p.threshold },
                             { QStringLiteral("hits"), p.hits },
                             { QStringLiteral("false_hits"), p.falseHits },
                             { QStringLiteral("hit_rate"), p.hitRate },
                             { QStringLiteral("false_hit_rate"), p.falseHitRate },
                             { QStringLiteral("precision"), p.precision },
                             { QStringLiteral("recall"), p.recall },
                             { QStringLiteral("f1"), p.f1 } };
    };
    QJsonArray curveJson;
    for (const ThresholdPoint &p : report.curve)
        curveJson.append(pointJson(p));
    QJsonArray capacityJson;
    for (const CapacityPoint &p : report.capacitySweep)
        capacityJson.append(QJsonObject { { QStringLiteral("capacity"), qint64(p.capacity) },
                                          { QStringLiteral("lru"), p.lru },
                                          { QStringLiteral("lfu"), p.lfu },
                                          { QStringLiteral("fifo"), p.fifo },
                                          { QStringLiteral("belady"), p.belady } });
    QJsonArray ttlJson;
    for (const TtlPoint &p : report.ttlSweep)
        ttlJson.append(QJsonObject { { QStringLiteral("ttl_s"), p.ttlS },
                                     { QStringLiteral("hit_rate"), p.hitRate },
                                     { QStringLiteral("expirations"), p.expirations } });
    QJsonArray queries;
    for (const QueryOutcome &o : report.outcomes) {
        QJsonObject q { { QStringLiteral("index"), o.index },
                        { QStringLiteral("text"), o.text },
                        { QStringLiteral("result"), kindName(o.kind) },
                        { QStringLiteral("latency_ms"), o.latencyMs },
                        { QStringLiteral("lookup_ms"), o.lookupMs } };
        if (!o.group.isEmpty())
            q.insert(QStringLiteral("group"), o.group);
        if (o.score > -1.5f)
            q.insert(QStringLiteral("score"), double(o.score));
        if (!o.matchedText.isEmpty())
            q.insert(QStringLiteral("matched"), o.matchedText);
        if (o.falseHit)
            q.insert(QStringLiteral("false_hit"), true);
        if (o.duplicatePresent)
            q.insert(QStringLiteral("duplicate_cached"), true);
        if (!o.error.isEmpty())
            q.insert(QStringLiteral("error"), o.error);
        queries.append(q);
    }
    QJsonObject root { { QStringLiteral("trace"), report.traceSource },
                       { QStringLiteral("embedder"), report.embedder },
                       { QStringLiteral("index"), report.indexKind },
                       { QStringLiteral("mode"),
                         report.online ? QStringLiteral("endpoint") : QStringLiteral("offline") },
                       { QStringLiteral("settings"), settings },
                       { QStringLiteral("stats"), statsJson },
                       { QStringLiteral("savings"), savings },
                       { QStringLiteral("threshold_curve"), curveJson },
                       { QStringLiteral("queries"), queries } };
    if (report.online) {
        root.insert(QStringLiteral("endpoint"), report.endpointName);
        root.insert(QStringLiteral("sent_requests"), report.sentRequests);
        root.insert(QStringLiteral("failed_requests"), report.failedRequests);
    }
    if (report.best)
        root.insert(QStringLiteral("best_threshold"), pointJson(*report.best));
    if (!report.capacitySweep.isEmpty())
        root.insert(QStringLiteral("capacity_sweep"), capacityJson);
    if (!report.ttlSweep.isEmpty())
        root.insert(QStringLiteral("ttl_sweep"), ttlJson);
    if (reference)
        root.insert(QStringLiteral("reference"), referenceJson(report, *reference));
    return root;
}

std::optional<CacheExport::ReportDocument> CacheExport::readReport(const QJsonObject &json, QString *error)
{
    if (!json.value(QLatin1String("stats")).isObject() || !json.value(QLatin1String("queries")).isArray()) {
        if (error)
            *error = Text::tr("not a cache simulation report (it needs \"stats\" and \"queries\")");
        return std::nullopt;
    }
    CacheReport report;
    report.traceSource = json.value(QLatin1String("trace")).toString();
    report.embedder = json.value(QLatin1String("embedder")).toString();
    report.indexKind = json.value(QLatin1String("index")).toString();
    report.online = json.value(QLatin1String("mode")).toString() == u"endpoint";

    const QJsonObject settings = json.value(QLatin1String("settings")).toObject();
    CacheConfig &cache = report.config.cache;
    cache.threshold = settings.value(QLatin1String("threshold")).toDouble(cache.threshold);
    cache.semantic = settings.value(QLatin1String("semantic")).toBool(cache.semantic);
    cache.ttlNs = std::llround(settings.value(QLatin1String("ttl_s")).toDouble() * 1e9);
    cache.ttlMode = settings.value(QLatin1String("ttl_mode")).toString() == u"sliding" ? TtlMode::Sliding
                                                                                       : TtlMode::Absolute;
    cache.maxEntries = qsizetype(settings.value(QLatin1String("max_entries")).toInteger());
    cache.maxBytes = settings.value(QLatin1String("max_bytes")).toInteger();
    cache.policy = EvictionPolicies::fromName(settings.value(QLatin1String("policy")).toString())
                       .value_or(cache.policy);
    cache.admitSemanticHits = settings.value(QLatin1String("admit_semantic_hits")).toBool();
    report.config.maxFalseHitRate
        = settings.value(QLatin1String("max_false_hit_rate")).toDouble(report.config.maxFalseHitRate);

    const QJsonObject stats = json.value(QLatin1String("stats")).toObject();
    report.stats.lookups = stats.value(QLatin1String("lookups")).toInteger();
    report.stats.exactHits = stats.value(QLatin1String("exact_hits")).toInteger();
    report.stats.semanticHits = stats.value(QLatin1String("semantic_hits")).toInteger();
    report.stats.misses = stats.value(QLatin1String("misses")).toInteger();
    report.stats.falseHits = stats.value(QLatin1String("false_hits")).toInteger();
    report.stats.missedDuplicates = stats.value(QLatin1String("missed_duplicates")).toInteger();
    report.stats.evictions = stats.value(QLatin1String("evictions")).toInteger();
    report.stats.expirations = stats.value(QLatin1String("expirations")).toInteger();
    report.stats.inserts = stats.value(QLatin1String("inserts")).toInteger();
    report.cacheSize = qsizetype(stats.value(QLatin1String("size")).toInteger());
    // "hits" repeats exact + semantic hits in the typical words; a document where they differ was
    // edited or damaged, and either figure could be the wrong one.
    if (stats.contains(QLatin1String("hits"))
        && stats.value(QLatin1String("hits")).toInteger() != report.stats.hits()) {
        if (error)
            *error = Text::tr("the cache report's hits (%1) are not its exact plus semantic hits (%2)")
                         .arg(stats.value(QLatin1String("hits")).toInteger())
                         .arg(report.stats.hits());
        return std::nullopt;
    }

    const QJsonObject savings = json.value(QLatin1String("savings")).toObject();
    report.meanMissLatencyMs = savings.value(QLatin1String("mean_miss_latency_ms")).toDouble();
    report.meanHitLatencyMs = savings.value(QLatin1String("mean_hit_latency_ms")).toDouble();
    report.totalLatencyWithoutMs = savings.value(QLatin1String("total_latency_without_ms")).toDouble();
    report.totalLatencyWithMs = savings.value(QLatin1String("total_latency_with_ms")).toDouble();
    report.tokensWithout = savings.value(QLatin1String("tokens_without")).toInteger();
    report.tokensWith = savings.value(QLatin1String("tokens_with")).toInteger();
    report.costWithout = savings.value(QLatin1String("cost_without")).toDouble();
    report.costWith = savings.value(QLatin1String("cost_with")).toDouble();

    const QJsonArray curve = json.value(QLatin1String("threshold_curve")).toArray();
    for (const QJsonValue &p : curve)
        report.curve.append(pointFromJson(p.toObject()));
    if (json.value(QLatin1String("best_threshold")).isObject())
        report.best = pointFromJson(json.value(QLatin1String("best_threshold")).toObject());
    const QJsonArray capacities = json.value(QLatin1String("capacity_sweep")).toArray();
    for (const QJsonValue &v : capacities) {
        const QJsonObject o = v.toObject();
        report.capacitySweep.append(
            { qsizetype(o.value(QLatin1String("capacity")).toInteger()),
              o.value(QLatin1String("lru")).toDouble(), o.value(QLatin1String("lfu")).toDouble(),
              o.value(QLatin1String("fifo")).toDouble(), o.value(QLatin1String("belady")).toDouble() });
    }
    const QJsonArray ttls = json.value(QLatin1String("ttl_sweep")).toArray();
    for (const QJsonValue &v : ttls) {
        const QJsonObject o = v.toObject();
        report.ttlSweep.append({ o.value(QLatin1String("ttl_s")).toDouble(),
                                 o.value(QLatin1String("hit_rate")).toDouble(),
                                 o.value(QLatin1String("expirations")).toInteger() });
    }

    const QJsonArray queries = json.value(QLatin1String("queries")).toArray();
    for (const QJsonValue &v : queries) {
        const QJsonObject q = v.toObject();
        QueryOutcome o;
        o.index = q.value(QLatin1String("index")).toInt();
        o.text = q.value(QLatin1String("text")).toString();
        o.kind = kindFromName(q.value(QLatin1String("result")).toString());
        o.latencyMs = q.value(QLatin1String("latency_ms")).toDouble();
        o.lookupMs = q.value(QLatin1String("lookup_ms")).toDouble();
        o.group = q.value(QLatin1String("group")).toString();
        o.score = q.value(QLatin1String("score")).isDouble()
            ? float(q.value(QLatin1String("score")).toDouble())
            : -2.0f;
        o.matchedText = q.value(QLatin1String("matched")).toString();
        o.falseHit = q.value(QLatin1String("false_hit")).toBool();
        o.duplicatePresent = q.value(QLatin1String("duplicate_cached")).toBool();
        o.error = q.value(QLatin1String("error")).toString();
        report.outcomes.append(o);
    }
    if (report.online) {
        report.endpointName = json.value(QLatin1String("endpoint")).toString();
        report.sentRequests = json.value(QLatin1String("sent_requests")).toInteger();
        report.failedRequests = json.value(QLatin1String("failed_requests")).toInteger();
    }
    ReportDocument document;
    if (json.value(QLatin1String("reference")).isObject())
        document.reference = referenceFromJson(json.value(QLatin1String("reference")).toObject(), report);
    document.report = std::move(report);
    return document;
}

QByteArray CacheExport::outcomesCsv(const CacheReport &report)
{
    QString csv = QStringLiteral(
        "index,time_s,text,group,result,score,matched,matched_group,false_hit,lookup_ms,latency_ms,"
        "uncached_latency_ms,prompt_tokens,completion_tokens,error\n");
    for (const QueryOutcome &o : report.outcomes) {
        csv += QString::number(o.index) + u',' + QString::number(o.timeS, 'f', 3) + u',' + Csv::field(o.text)
            + u',' + Csv::field(o.group) + u',' + kindName(o.kind) + u','
            + (o.score > -1.5f ? QString::number(double(o.score), 'f', 4) : QString()) + u','
            + Csv::field(o.matchedText) + u',' + Csv::field(o.matchedGroup) + u','
            + (o.falseHit ? QStringLiteral("1") : QStringLiteral("0")) + u','
            + QString::number(o.lookupMs, 'f', 4) + u',' + QString::number(o.latencyMs, 'f', 3) + u','
            + QString::number(o.uncachedLatencyMs, 'f', 3) + u',' + QString::number(o.promptTokens) + u','
            + QString::number(o.completionTokens) + u',' + Csv::field(o.error) + u'\n';
    }
    return csv.toUtf8();
}

QByteArray CacheExport::curveCsv(const CacheReport &report)
{
    QString csv = QStringLiteral("threshold,hits,false_hits,hit_rate,false_hit_rate,precision,recall,f1\n");
    for (const ThresholdPoint &p : report.curve) {
        csv += QString::number(p.threshold, 'f', 4) + u',' + QString::number(p.hits) + u','
            + QString::number(p.falseHits) + u',' + QString::number(p.hitRate, 'f', 6) + u','
            + QString::number(p.falseHitRate, 'f', 6) + u',' + QString::number(p.precision, 'f', 6) + u','
            + QString::number(p.recall, 'f', 6) + u',' + QString::number(p.f1, 'f', 6) + u'\n';
    }
    return csv.toUtf8();
}
