#include "compressionexport.h"

#include <QCoreApplication>
#include <QJsonArray>

namespace {

class Text
{
    Q_DECLARE_TR_FUNCTIONS(CompressionExport)
};

} // namespace

double CompressionReport::charReductionPercent() const
{
    return inputChars == 0 ? 0.0 : (1.0 - double(outputChars) / double(inputChars)) * 100.0;
}

double CompressionReport::tokenReductionPercent() const
{
    return inputTokens.tokens == 0 ? 0.0
                                   : (1.0 - double(outputTokens.tokens) / double(inputTokens.tokens)) * 100.0;
}

CompressionReport CompressionReport::of(const QString &input, const QList<CompressionRule> &rules,
                                        const CompressionResult &result, const QString &output,
                                        const TokenCounter &counter, std::optional<Truncation> truncation)
{
    CompressionReport r;
    r.inputChars = input.size();
    r.outputChars = output.size();
    r.inputTokens = counter.count(input);
    r.outputTokens = counter.count(output);
    r.repeatsRemoved = result.repeatsRemoved;
    for (qsizetype i = 0; i < rules.size(); ++i)
        r.rules.append(
            { rules.at(i).name, rules.at(i).enabled, result.fires.value(i), result.ruleErrors.value(i) });
    r.truncation = truncation;
    return r;
}

QJsonObject CompressionExport::countJson(const TokenCount &count)
{
    QJsonObject o { { QStringLiteral("tokens"), count.tokens },
                    { QStringLiteral("method"), count.methodName() },
                    { QStringLiteral("source"), count.source } };
    if (!count.note.isEmpty())
        o.insert(QStringLiteral("note"), count.note);
    return o;
}

TokenCount CompressionExport::countFromJson(const QJsonObject &o)
{
    TokenCount count;
    count.tokens = o.value(QLatin1String("tokens")).toInteger();
    count.method = CountMethod::Estimate; // an unknown method is no better than an estimate
    for (CountMethod m : { CountMethod::Exact, CountMethod::Endpoint }) {
        TokenCount probe;
        probe.method = m;
        if (probe.methodName() == o.value(QLatin1String("method")).toString())
            count.method = m;
    }
    count.source = o.value(QLatin1String("source")).toString();
    count.note = o.value(QLatin1String("note")).toString();
    return count;
}

QJsonObject CompressionExport::reportJson(const CompressionReport &r)
{
    QJsonArray rules;
    for (const CompressionReport::Rule &rule : r.rules) {
        QJsonObject o { { QStringLiteral("name"), rule.name },
                        { QStringLiteral("enabled"), rule.enabled },
                        { QStringLiteral("fires"), rule.fires } };
        if (!rule.error.isEmpty())
            o.insert(QStringLiteral("error"), rule.error);
        rules.append(o);
    }
    QJsonObject o {
        { QStringLiteral("input_chars"), r.inputChars },
        { QStringLiteral("output_chars"), r.outputChars },
        { QStringLiteral("char_reduction_percent"), r.charReductionPercent() },
        { QStringLiteral("input_tokens"), countJson(r.inputTokens) },
        { QStringLiteral("output_tokens"), countJson(r.outputTokens) },
        { QStringLiteral("token_reduction_percent"), r.tokenReductionPercent() },
        // The typical rule of thumb beside the counts, to show how far off it is.
        { QStringLiteral("typical_guess"),
          QJsonObject {
              { QStringLiteral("chars_per_token"), PromptCompressor::TypicalCharsPerToken },
              { QStringLiteral("input_tokens"), PromptCompressor::typicalTokenGuess(r.inputChars) },
              { QStringLiteral("output_tokens"), PromptCompressor::typicalTokenGuess(r.outputChars) } } },
        { QStringLiteral("repeats_removed"), r.repeatsRemoved },
        { QStringLiteral("rules"), rules }
    };
    if (const auto &t = r.truncation)
        o.insert(QStringLiteral("truncation"),
                 QJsonObject { { QStringLiteral("strategy"), t->strategy },
                               { QStringLiteral("budget"), t->budget },
                               { QStringLiteral("truncated"), t->truncated },
                               { QStringLiteral("tokens_before"), t->tokensBefore },
                               { QStringLiteral("tokens_after"), t->tokensAfter } });
    return o;
}

std::optional<CompressionReport> CompressionExport::readReport(const QJsonObject &json, QString *error)
{
    if (!json.value(QLatin1String("input_tokens")).isObject()
        || !json.value(QLatin1String("rules")).isArray()) {
        if (error)
            *error = Text::tr("not a compression report (it needs \"input_tokens\" and \"rules\")");
        return std::nullopt;
    }
    CompressionReport r;
    r.inputChars = qsizetype(json.value(QLatin1String("input_chars")).toInteger());
    r.outputChars = qsizetype(json.value(QLatin1String("output_chars")).toInteger());
    r.inputTokens = countFromJson(json.value(QLatin1String("input_tokens")).toObject());
    r.outputTokens = countFromJson(json.value(QLatin1String("output_tokens")).toObject());
    r.repeatsRemoved = json.value(QLatin1String("repeats_removed")).toInt();
    const QJsonArray rules = json.value(QLatin1String("rules")).toArray();
    for (const QJsonValue &v : rules) {
        const QJsonObject o = v.toObject();
        r.rules.append(
            { o.value(QLatin1String("name")).toString(), o.value(QLatin1String("enabled")).toBool(true),
              o.value(QLatin1String("fires")).toInt(), o.value(QLatin1String("error")).toString() });
    }
    if (json.value(QLatin1String("truncation")).isObject()) {
        const QJsonObject t = json.value(QLatin1String("truncation")).toObject();
        r.truncation = CompressionReport::Truncation { t.value(QLatin1String("strategy")).toString(),
                                                       t.value(QLatin1String("budget")).toInteger(),
                                                       t.value(QLatin1String("truncated")).toBool(),
                                                       t.value(QLatin1String("tokens_before")).toInteger(),
                                                       t.value(QLatin1String("tokens_after")).toInteger() };
    }
    return r;
}
