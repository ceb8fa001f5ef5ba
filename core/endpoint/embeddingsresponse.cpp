#include "embeddingsresponse.h"

#include "generationrequest.h"
#include "protocolemitters.h"
#include "servertokenizer.h"

#include "sim/hashingembedder.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace Sim {

namespace {

constexpr int MaxInputs = 2048;
constexpr int MaxDimensions = 4096;

QByteArray badRequest(const QString &message, int *status)
{
    *status = 400;
    return ProtocolEmitter::openAiError(message, QStringLiteral("invalid_request_error"));
}

} // namespace

QByteArray embeddingsResponse(const QByteArray &requestBody, int *status)
{
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(requestBody, &parseError);
    if (parseError.error != QJsonParseError::NoError || !document.isObject())
        return badRequest(QStringLiteral("invalid JSON body: %1").arg(parseError.errorString()), status);
    const QJsonObject root = document.object();
    QStringList inputs;
    const QJsonValue input = root.value(QLatin1String("input"));
    if (input.isString()) {
        inputs.append(input.toString());
    } else if (input.isArray()) {
        for (const QJsonValue &item : input.toArray()) {
            if (!item.isString())
                return badRequest(QStringLiteral("\"input\" must be a string or an array of strings"),
                                  status);
            inputs.append(item.toString());
        }
    } else {
        return badRequest(QStringLiteral("\"input\" must be a string or an array of strings"), status);
    }
    if (inputs.isEmpty() || inputs.size() > MaxInputs)
        return badRequest(QStringLiteral("\"input\" must hold 1 to %1 strings").arg(MaxInputs), status);
    int dimensions = HashingEmbedder::DefaultDimension;
    if (root.contains(QLatin1String("dimensions"))) {
        dimensions = root.value(QLatin1String("dimensions")).toInt(0);
        if (dimensions < 8 || dimensions > MaxDimensions)
            return badRequest(QStringLiteral("\"dimensions\" must be 8 to %1").arg(MaxDimensions), status);
    }
    const HashingEmbedder embedder(dimensions);
    QJsonArray data;
    qint64 tokens = 0;
    for (qsizetype i = 0; i < inputs.size(); ++i) {
        const QList<float> vector = embedder.embed(inputs.at(i));
        QJsonArray values;
        for (float v : vector)
            values.append(double(v));
        data.append(QJsonObject { { QStringLiteral("object"), QStringLiteral("embedding") },
                                  { QStringLiteral("index"), int(i) },
                                  { QStringLiteral("embedding"), values } });
        tokens += ServerTokenizer::countTokens(inputs.at(i));
    }
    QString model = root.value(QLatin1String("model")).toString();
    if (model.isEmpty())
        model = embedder.modelName();
    const QJsonObject answer { { QStringLiteral("object"), QStringLiteral("list") },
                               { QStringLiteral("data"), data },
                               { QStringLiteral("model"), model },
                               { QStringLiteral("usage"),
                                 QJsonObject { { QStringLiteral("prompt_tokens"), tokens },
                                               { QStringLiteral("total_tokens"), tokens } } } };
    *status = 200;
    return QJsonDocument(answer).toJson(QJsonDocument::Compact);
}

} // namespace Sim
