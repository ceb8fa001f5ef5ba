#include "impactexport.h"

#include "impact/impactranking.h"
#include "protocol/protocol.h"

#include <QCoreApplication>
#include <QJsonArray>

namespace {

class Text
{
    Q_DECLARE_TR_FUNCTIONS(ImpactExport)
};

QJsonObject endpointJson(const EndpointProfile &p)
{
    return { { QStringLiteral("name"), p.name },
             { QStringLiteral("protocol"), Protocols::name(p.protocol) },
             { QStringLiteral("model"), p.model },
             { QStringLiteral("base_url"), p.baseUrl.toString(QUrl::RemoveUserInfo | QUrl::RemoveQuery) } };
}

EndpointProfile endpointFromJson(const QJsonObject &o)
{
    EndpointProfile p;
    p.name = o.value(QLatin1String("name")).toString();
    p.protocol
        = Protocols::fromName(o.value(QLatin1String("protocol")).toString()).value_or(Protocol::OpenAIChat);
    p.model = o.value(QLatin1String("model")).toString();
    p.baseUrl = QUrl(o.value(QLatin1String("base_url")).toString());
    return p;
}

// A claim the typical table does not state is written as such ("stated": false, no figures),
// never as a claim of 0%.
QJsonObject claimedJson(const ClaimedChange &c)
{
    if (!c.stated)
        return { { QStringLiteral("quantity"), ImpactTable::key(c.quantity) },
                 { QStringLiteral("stated"), false },
                 { QStringLiteral("text"), ImpactTable::claim(c) } };
    return { { QStringLiteral("quantity"), ImpactTable::key(c.quantity) },
             { QStringLiteral("low"), c.low },
             { QStringLiteral("high"), c.high },
             { QStringLiteral("text"), ImpactTable::claim(c) } };
}

std::optional<ClaimedChange> claimedFromJson(const QJsonValue &v)
{
    const QJsonObject o = v.toObject();
    const auto quantity = ImpactTable::quantityFromKey(o.value(QLatin1String("quantity")).toString());
    if (quantity && o.value(QLatin1String("stated")) == QJsonValue(false))
        return ClaimedChange { *quantity, 0, 0, false };
    if (!quantity || !o.value(QLatin1String("low")).isDouble() || !o.value(QLatin1String("high")).isDouble())
        return std::nullopt;
    return ClaimedChange { *quantity, o.value(QLatin1String("low")).toDouble(),
                           o.value(QLatin1String("high")).toDouble() };
}

// The typical claim the row was measured against; a document without one (or with the
// claim as plain words, as early versions wrote it) gets the technique's typical claim. A row
// the typical table does not list has "difficulty": null and "priority": 0.
TypicalClaim claimFromJson(const QJsonValue &v, Technique technique)
{
    TypicalClaim claim = ImpactTable::typicalClaim(technique);
    const QJsonObject o = v.toObject();
    if (const auto latency = claimedFromJson(o.value(QLatin1String("latency"))))
        claim.latency = *latency;
    if (const auto cost = claimedFromJson(o.value(QLatin1String("cost"))))
        claim.cost = *cost;
    if (const auto difficulty = ImpactTable::difficultyFromKey(o.value(QLatin1String("difficulty")).toString()))
        claim.difficulty = *difficulty;
    claim.stars = o.value(QLatin1String("priority")).toInt(claim.stars);
    return claim;
}

void insertChange(QJsonObject &o, const Change &c)
{
    o.insert(QStringLiteral("change"), c.value);
    o.insert(QStringLiteral("change_low"), c.low);
    o.insert(QStringLiteral("change_high"), c.high);
    o.insert(QStringLiteral("baseline_samples"), c.baselineSamples);
    o.insert(QStringLiteral("optimised_samples"), c.optimisedSamples);
}

Change changeFromJson(const QJsonObject &o)
{
    Change c;
    c.value = o.value(QLatin1String("change")).toDouble();
    c.low = o.value(QLatin1String("change_low")).toDouble();
    c.high = o.value(QLatin1String("change_high")).toDouble();
    c.baselineSamples = o.value(QLatin1String("baseline_samples")).toInt();
    c.optimisedSamples = o.value(QLatin1String("optimised_samples")).toInt();
    return c;
}

QJsonObject costJson(const CostMeasurement &cost, const TypicalClaim &claim)
{
    QJsonObject o { { QStringLiteral("basis"), ImpactTable::key(cost.basis) } };
    if (cost.measured()) {
        o.insert(QStringLiteral("baseline"), cost.baseline);
        o.insert(QStringLiteral("optimised"), cost.optimised);
        insertChange(o, cost.change);
        o.insert(QStringLiteral("reading"), ImpactTable::key(ImpactTable::reading(cost.change, claim.cost)));
    }
    return o;
}

CostMeasurement costFromJson(const QJsonValue &v, const TypicalClaim &claim)
{
    CostMeasurement cost;
    const QJsonObject o = v.toObject();
    cost.basis = ImpactTable::costBasisFromKey(o.value(QLatin1String("basis")).toString())
                     .value_or(ImpactTable::measurableFromClient(claim.cost.quantity) ? CostBasis::NotMeasured
                                                                                      : CostBasis::NotMeasurable);
    if (cost.measured()) {
        cost.baseline = o.value(QLatin1String("baseline")).toDouble();
        cost.optimised = o.value(QLatin1String("optimised")).toDouble();
        cost.change = changeFromJson(o);
    }
    return cost;
}

} // namespace

QJsonObject ImpactExport::configJson(const ImpactConfig &config)
{
    QJsonArray techniqueKeys;
    for (Technique t : config.techniques)
        techniqueKeys.append(ImpactRunner::key(t));
    QJsonObject o {
        { QStringLiteral("endpoint"), endpointJson(config.endpoint) },
        { QStringLiteral("techniques"), techniqueKeys },
        { QStringLiteral("prompt"), config.prompt.isEmpty() ? ImpactRunner::defaultPrompt() : config.prompt },
        { QStringLiteral("max_tokens"), config.maxTokens },
        { QStringLiteral("repetitions"), config.repetitions },
        { QStringLiteral("batch_requests"), config.batchRequests },
        { QStringLiteral("concurrency"), config.concurrency },
        { QStringLiteral("cache_queries"), config.cacheQueries },
        { QStringLiteral("cache_trace"),
          config.cacheTrace.isEmpty() ? QStringLiteral("sample") : config.cacheTrace },
        { QStringLiteral("compression_preset"), config.compressionPreset },
    };
    if (config.variant)
        o.insert(QStringLiteral("variant"), endpointJson(*config.variant));
    return o;
}

ImpactConfig ImpactExport::configFromJson(const QJsonObject &o)
{
    ImpactConfig c;
    c.endpoint = endpointFromJson(o.value(QLatin1String("endpoint")).toObject());
    if (o.value(QLatin1String("variant")).isObject())
        c.variant = endpointFromJson(o.value(QLatin1String("variant")).toObject());
    if (o.value(QLatin1String("techniques")).isArray()) {
        c.techniques.clear();
        const QJsonArray keys = o.value(QLatin1String("techniques")).toArray();
        for (const QJsonValue &k : keys) {
            if (const auto t = ImpactRunner::fromKey(k.toString()))
                c.techniques.append(*t);
        }
    }
    c.prompt = o.value(QLatin1String("prompt")).toString();
    c.maxTokens = o.value(QLatin1String("max_tokens")).toInt(c.maxTokens);
    c.repetitions = o.value(QLatin1String("repetitions")).toInt(c.repetitions);
    c.batchRequests = o.value(QLatin1String("batch_requests")).toInt(c.batchRequests);
    c.concurrency = o.value(QLatin1String("concurrency")).toInt(c.concurrency);
    c.cacheQueries = o.value(QLatin1String("cache_queries")).toInt(c.cacheQueries);
    const QString trace = o.value(QLatin1String("cache_trace")).toString();
    c.cacheTrace = trace == u"sample" ? QString() : trace;
    c.compressionPreset = o.value(QLatin1String("compression_preset")).toString(c.compressionPreset);
    return c;
}

QJsonObject ImpactExport::rowJson(const ImpactRow &row)
{
    QJsonObject detailsJson;
    for (const auto &[k, v] : row.details)
        detailsJson.insert(k, v);
    QJsonObject o {
        { QStringLiteral("technique"), ImpactRunner::key(row.technique) },
        { QStringLiteral("name"), row.name },
        { QStringLiteral("claim"),
          QJsonObject { { QStringLiteral("latency"), claimedJson(row.claim.latency) },
                        { QStringLiteral("cost"), claimedJson(row.claim.cost) },
                        { QStringLiteral("difficulty"),
                          row.claim.listed() ? QJsonValue(ImpactTable::key(row.claim.difficulty))
                                             : QJsonValue(QJsonValue::Null) },
                        { QStringLiteral("priority"), row.claim.stars } } },
        { QStringLiteral("metric"), row.metric },
        { QStringLiteral("unit"), row.unit },
        { QStringLiteral("baseline"), row.baseline },
        { QStringLiteral("optimised"), row.optimised },
        { QStringLiteral("cost"), costJson(row.cost, row.claim) },
        { QStringLiteral("details"), detailsJson },
        { QStringLiteral("settings"), configJson(row.settings) },
        { QStringLiteral("command"), row.command },
        { QStringLiteral("verdict"), row.verdict },
        { QStringLiteral("skipped"), row.skipped },
    };
    insertChange(o, row.change);
    if (row.ok())
        o.insert(QStringLiteral("reading"), ImpactTable::key(ImpactTable::reading(row.change, row.claim.latency)));
    if (!row.error.isEmpty())
        o.insert(QStringLiteral("error"), row.error);
    return o;
}

QJsonObject ImpactExport::rankingJson(const ImpactRanking &ranking)
{
    QJsonArray order;
    for (const RankedTechnique &entry : ranking.order)
        order.append(ImpactRunner::key(entry.technique));
    QJsonArray unmeasured;
    for (Technique t : ranking.unmeasured)
        unmeasured.append(ImpactRunner::key(t));
    return { { QStringLiteral("techniques"), order },
             { QStringLiteral("unmeasured"), unmeasured },
             { QStringLiteral("differences"), QJsonArray::fromStringList(ranking.differences) },
             { QStringLiteral("summary"), ranking.summary() } };
}

ImpactRow ImpactExport::rowFromJson(const QJsonObject &o)
{
    ImpactRow row;
    row.technique = ImpactRunner::fromKey(o.value(QLatin1String("technique")).toString())
                        .value_or(Technique::Streaming);
    row.name = o.value(QLatin1String("name")).toString();
    row.claim = claimFromJson(o.value(QLatin1String("claim")), row.technique);
    row.metric = o.value(QLatin1String("metric")).toString();
    row.unit = o.value(QLatin1String("unit")).toString();
    row.baseline = o.value(QLatin1String("baseline")).toDouble();
    row.optimised = o.value(QLatin1String("optimised")).toDouble();
    row.change = changeFromJson(o);
    row.cost = costFromJson(o.value(QLatin1String("cost")), row.claim);
    const QJsonObject details = o.value(QLatin1String("details")).toObject();
    for (auto it = details.constBegin(); it != details.constEnd(); ++it)
        row.details.append({ it.key(), it.value().toString() });
    row.settings = configFromJson(o.value(QLatin1String("settings")).toObject());
    row.command = o.value(QLatin1String("command")).toString();
    row.verdict = o.value(QLatin1String("verdict")).toString();
    row.error = o.value(QLatin1String("error")).toString();
    row.skipped = o.value(QLatin1String("skipped")).toBool();
    return row;
}

QJsonObject ImpactExport::documentJson(const ImpactDocument &document)
{
    QJsonArray rows;
    for (const ImpactRow &row : document.rows)
        rows.append(rowJson(row));
    return { { QStringLiteral("tool"), QStringLiteral("tokenscope " TOKENSCOPE_VERSION) },
             { QStringLiteral("settings"), configJson(document.settings) },
             { QStringLiteral("rows"), rows },
             { QStringLiteral("recommended_order"), rankingJson(ImpactRanking::rank(document.rows)) } };
}

std::optional<ImpactDocument> ImpactExport::readDocument(const QJsonObject &json, QString *error)
{
    if (!json.value(QLatin1String("settings")).isObject() || !json.value(QLatin1String("rows")).isArray()) {
        if (error)
            *error = Text::tr("not an Impact table (it needs \"settings\" and \"rows\")");
        return std::nullopt;
    }
    ImpactDocument document;
    document.tool = json.value(QLatin1String("tool")).toString();
    document.settings = configFromJson(json.value(QLatin1String("settings")).toObject());
    const QJsonArray rows = json.value(QLatin1String("rows")).toArray();
    for (const QJsonValue &row : rows)
        document.rows.append(rowFromJson(row.toObject()));
    return document;
}
