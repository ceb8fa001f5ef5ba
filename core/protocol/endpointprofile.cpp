#include "endpointprofile.h"

#include <algorithm>

#include <QRegularExpression>
#include <QUrlQuery>

namespace {
// "v1", "v1beta", "v2alpha": a version segment that users often paste into the base URL
// although the protocol's path starts with it too (".../v1" + "/v1/messages").
bool isVersionSegment(QStringView segment)
{
    static const QRegularExpression re(QStringLiteral("^v\\d+(alpha|beta)?\\d*$"));
    return re.match(segment).hasMatch();
}
} // namespace

QUrl EndpointProfile::urlFor(const QString &path) const
{
    QUrl url = baseUrl;
    url.setFragment(QString());

    QString pathPart = path;
    QString queryPart;
    const qsizetype question = path.indexOf(QLatin1Char('?'));
    if (question >= 0) {
        pathPart = path.left(question);
        queryPart = path.mid(question + 1);
    }
    if (!pathPart.isEmpty() && !pathPart.startsWith(QLatin1Char('/')))
        pathPart.prepend(QLatin1Char('/'));

    // Work on the encoded path so that an already percent-encoded prefix (or model id)
    // is neither decoded nor encoded twice.
    QString basePath = url.path(QUrl::FullyEncoded);
    while (basePath.endsWith(QLatin1Char('/')))
        basePath.chop(1);

    const qsizetype lastSlash = basePath.lastIndexOf(QLatin1Char('/'));
    const QStringView lastSegment = QStringView(basePath).mid(lastSlash + 1);
    const qsizetype nextSlash = pathPart.indexOf(QLatin1Char('/'), 1);
    const QStringView firstSegment = QStringView(pathPart).mid(1, nextSlash < 0 ? -1 : nextSlash - 1);
    if (!lastSegment.isEmpty() && lastSegment == firstSegment && isVersionSegment(lastSegment))
        basePath.truncate(lastSlash);

    url.setPath(basePath + pathPart, QUrl::TolerantMode);

    if (!queryPart.isEmpty()) {
        // The base's own query (an api-version, a gateway key) stays; the protocol's
        // parameters are added unless the user already set them on purpose.
        QUrlQuery merged(url);
        const QUrlQuery extra(queryPart);
        const auto items = extra.queryItems(QUrl::FullyEncoded);
        for (const auto &item : items) {
            if (!merged.hasQueryItem(item.first))
                merged.addQueryItem(item.first, item.second);
        }
        url.setQuery(merged);
    }
    return url;
}

QString GenerationRequest::promptText() const
{
    QStringList parts;
    for (const ChatMessage &message : messages) {
        if (!message.content.isEmpty())
            parts.append(message.content);
    }
    return parts.join(QStringLiteral("\n\n"));
}

QString GenerationRequest::systemText() const
{
    QStringList parts;
    for (const ChatMessage &message : messages) {
        if (message.role == QLatin1String("system") && !message.content.isEmpty())
            parts.append(message.content);
    }
    return parts.join(QStringLiteral("\n\n"));
}

double EndpointProfile::requestCost(qint64 promptTokens, qint64 cachedPromptTokens, qint64 completionTokens) const
{
    const qint64 cached = std::clamp<qint64>(cachedPromptTokens, 0, std::max<qint64>(0, promptTokens));
    const double cachedPrice = pricePerMCachedInput.value_or(pricePerMInput);
    return (double(promptTokens - cached) * pricePerMInput + double(cached) * cachedPrice
            + double(completionTokens) * pricePerMOutput)
        / 1e6;
}
