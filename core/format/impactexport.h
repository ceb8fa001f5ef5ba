#pragma once

#include "impact/impactexperiment.h"

struct ImpactRanking;

#include <QJsonObject>

#include <optional>

/// \brief The Impact table as one document: what was asked, and one row per technique.
struct ImpactDocument
{
    QString tool; ///< who wrote it, e.g. "tokenscope 0.1.0" (a writer always puts itself)
    ImpactConfig settings;
    QList<ImpactRow> rows;
};

/*!
 * \brief The Impact table as JSON, written by tokenscope-cli impact --json and the Impact
 * panel alike, and read back.
 *
 * Never contains a secret: endpoints appear as name, protocol, model and base URL only. A row's
 * "details" are a JSON object, so a reader gets them back ordered by name. Each row carries the
 * typical claim it was read against ("claim": latency and cost as {quantity, low, high, text},
 * or {quantity, "stated": false, text} where the typical table states no figure, "difficulty"
 * (null for a technique it has no row for, such as "prompt-cache"), "priority" in stars (0 there))
 * and its measured "cost" ({basis: prices | tokens |
 * not_measured | not_measurable, baseline, optimised, change, change_low, change_high, …});
 * "reading" keys and the document's "recommended_order" are derived from the rows, written
 * for other readers and recomputed rather than read back.
 */
namespace ImpactExport {
/// {"endpoint", "variant", "techniques", "prompt", "max_tokens", …}; an empty prompt is
/// written as the default question, an empty trace as "sample".
QJsonObject configJson(const ImpactConfig &config);
ImpactConfig configFromJson(const QJsonObject &json);
QJsonObject rowJson(const ImpactRow &row);
ImpactRow rowFromJson(const QJsonObject &json);
/// {"techniques": best first, "unmeasured", "differences": sentences, "summary"}.
QJsonObject rankingJson(const ImpactRanking &ranking);
/// {"tool", "settings", "rows", "recommended_order"}.
QJsonObject documentJson(const ImpactDocument &document);
/// nullopt with \a error when \a json is not an Impact table.
std::optional<ImpactDocument> readDocument(const QJsonObject &json, QString *error = nullptr);
} // namespace ImpactExport
