#include "vllmimport.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTimeZone>

#include <cmath>

namespace {

class VllmText
{
    Q_DECLARE_TR_FUNCTIONS(VllmImport)
};

// A duration in seconds as nanoseconds; nullopt for what is not a finite, non-negative number.
std::optional<qint64> secondsToNs(const QJsonValue &v)
{
    if (!v.isDouble())
        return std::nullopt;
    const double s = v.toDouble();
    if (!std::isfinite(s) || s < 0 || s > 1e6)
        return std::nullopt;
    return std::llround(s * 1e9);
}

} // namespace

std::optional<ImportedRun> VllmImport::read(const QByteArray &json, QString *error)
{
    auto fail = [error](const QString &why) -> std::optional<ImportedRun> {
        if (error)
            *error = why;
        return std::nullopt;
    };
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &parseError);
    if (parseError.error != QJsonParseError::NoError)
        return fail(
            VllmText::tr("not JSON: %1 at byte %2").arg(parseError.errorString()).arg(parseError.offset));
    const QJsonObject root = doc.object();
    const QJsonArray ttfts = root.value(QStringLiteral("ttfts")).toArray();
    const QJsonArray itls = root.value(QStringLiteral("itls")).toArray();
    const QJsonArray outputLens = root.value(QStringLiteral("output_lens")).toArray();
    if (!root.value(QStringLiteral("ttfts")).isArray() || !root.value(QStringLiteral("itls")).isArray()
        || !root.value(QStringLiteral("output_lens")).isArray())
        return fail(VllmText::tr("not a vLLM benchmark result with per-request details (it needs \"ttfts\", "
                                 "\"itls\" and \"output_lens\": run vllm bench serve with --save-result "
                                 "--save-detailed)"));
    const QJsonArray inputLens = root.value(QStringLiteral("input_lens")).toArray();
    const QJsonArray texts = root.value(QStringLiteral("generated_texts")).toArray();
    const QJsonArray errors = root.value(QStringLiteral("errors")).toArray();
    const QJsonArray e2els = root.value(QStringLiteral("e2els")).toArray(); // newer versions only
    const qsizetype n = ttfts.size();
    auto sameLength = [n](const QJsonArray &a) {
        return a.isEmpty() || a.size() == n;
    };
    if (itls.size() != n || outputLens.size() != n || !sameLength(inputLens) || !sameLength(texts)
        || !sameLength(errors) || !sameLength(e2els))
        return fail(VllmText::tr("the per-request lists have different lengths (%1 TTFTs, %2 ITL lists, %3 "
                                 "output lengths)")
                        .arg(n)
                        .arg(itls.size())
                        .arg(outputLens.size()));

    ImportedRun run;
    run.source = QStringLiteral("vllm");
    const QString model = root.value(QStringLiteral("model_id")).toString();
    const QString backend = root.value(QStringLiteral("backend")).toString();
    QString name = QStringLiteral("vLLM bench");
    if (!root.value(QStringLiteral("label")).toString().isEmpty())
        name = root.value(QStringLiteral("label")).toString();
    QJsonObject vllm;
    for (auto it = root.constBegin(); it != root.constEnd(); ++it) {
        if (!it.value().isArray()) // the aggregates, not the per-request lists
            vllm.insert(it.key(), it.value());
    }
    // "max_concurrency" may be null and "request_rate" "inf": read as the settings' own keys,
    // what is not a number stays as vLLM wrote it.
    QJsonObject settings { { QStringLiteral("concurrency"), root.value(QStringLiteral("max_concurrency")) },
                           { QStringLiteral("rate"), root.value(QStringLiteral("request_rate")) },
                           { QStringLiteral("vllm"), vllm } };
    run.settings = RunSettings::fromJson(settings);
    run.settings.endpoint.name = name;
    run.settings.endpoint.url = root.value(QStringLiteral("base_url")).toString();
    run.settings.endpoint.protocol = backend;
    run.settings.endpoint.model = model;
    run.settings.requests = int(n);
    run.toolVersion = QStringLiteral("vllm");
    // "date": "20250101-120000" in the benchmark machine's local time.
    const QDateTime date = QDateTime::fromString(root.value(QStringLiteral("date")).toString(),
                                                 QStringLiteral("yyyyMMdd-HHmmss"));
    if (date.isValid())
        run.startedAt = date.toUTC();
    const double duration = root.value(QStringLiteral("duration")).toDouble();
    if (run.startedAt.isValid() && duration > 0 && std::isfinite(duration))
        run.endedAt = run.startedAt.addMSecs(qint64(duration * 1000));

    for (qsizetype i = 0; i < n; ++i) {
        RequestRecord r;
        r.index = int(i);
        RequestTrace &t = r.trace;
        t.id = quint64(i + 1);
        t.endpointName = name;
        t.model = model;
        t.startNs = 0;
        const QString err = errors.isEmpty() ? QString() : errors.at(i).toString();
        const qint64 outputLen = qint64(outputLens.at(i).toDouble());
        if (!inputLens.isEmpty() && inputLens.at(i).isDouble())
            t.usage.promptTokens = qint64(inputLens.at(i).toDouble());
        t.text = texts.isEmpty() ? QString() : texts.at(i).toString();
        if (!err.isEmpty()) {
            t.error = ErrorClass::ServerError;
            t.errorMessage = err;
        }
        const auto ttft = secondsToNs(ttfts.at(i));
        const QJsonArray gaps = itls.at(i).toArray();
        if (ttft && t.ok() && (*ttft > 0 || outputLen > 0)) {
            // One chunk per ITL entry (vLLM measures gaps between streamed chunks).
            qint64 at = *ttft;
            t.firstTokenNs = at;
            t.firstAnswerTokenNs = at;
            t.chunks.append({ at, t.text, 1, false, false });
            for (const QJsonValue &g : gaps) {
                const auto gap = secondsToNs(g);
                if (!gap)
                    return fail(VllmText::tr("request %1 has an invalid inter-token latency").arg(i + 1));
                at += *gap;
                t.chunks.append({ at, QString(), 1, false, false });
            }
            t.lastTokenNs = at;
            t.usage.completionTokens = outputLen;
            t.httpStatus = 200;
        } else if (t.ok()) {
            return fail(VllmText::tr("request %1 succeeded but has no time to first token").arg(i + 1));
        }
        qint64 end = t.lastTokenNs >= 0 ? t.lastTokenNs : 0;
        if (!e2els.isEmpty()) {
            if (const auto e2e = secondsToNs(e2els.at(i)))
                end = std::max(end, *e2e);
        }
        t.endNs = end;
        r.metrics = Metrics::compute(t);
        run.records.append(std::move(r));
    }
    return run;
}
