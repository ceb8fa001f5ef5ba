#include "profilestore.h"

#include "client/proxyresolver.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QSaveFile>
#include <QSet>
#include <QStandardPaths>
#include <QUuid>

namespace {

constexpr int FormatVersion = 1;
const QString EmbeddedColor = QStringLiteral("#17a398"); // teal: apart from the phase colours and the palette below

// Endpoint colours, picked to stay apart (CIE76 ΔE above 30) from the five phase colours
// (Okabe–Ito blue, orange, reddish purple, bluish green, grey) and the embedded teal, because
// an endpoint's line and a phase's bar share the screen; the most distinct come first.
constexpr const char *Palette[] = {
    "#d62728", "#6a3d9a", "#66a61e", "#8c564b", "#e7298a", "#1f3a93", "#e6550d", "#8e0152",
    "#637939", "#b15928", "#c51b7d", "#4d9221", "#5e3c99", "#843c39", "#f0e442", "#b2182b",
};

namespace Key {
const QString Version = QStringLiteral("version");
const QString Profiles = QStringLiteral("profiles");
const QString Embedded = QStringLiteral("embedded");
const QString Id = QStringLiteral("id");
const QString Name = QStringLiteral("name");
const QString Color = QStringLiteral("color");
const QString BaseUrl = QStringLiteral("base_url");
const QString Protocol = QStringLiteral("protocol");
const QString Model = QStringLiteral("model");
const QString Headers = QStringLiteral("headers");
const QString Value = QStringLiteral("value");
const QString ApiKeyEnv = QStringLiteral("api_key_env");
const QString VerifyTls = QStringLiteral("verify_tls");
const QString PriceIn = QStringLiteral("price_per_m_input");
const QString PriceOut = QStringLiteral("price_per_m_output");
const QString PriceCached = QStringLiteral("price_per_m_cached_input");
const QString ServerMetrics = QStringLiteral("server_metrics");
const QString Proxy = QStringLiteral("proxy");
} // namespace Key

bool isValidColor(const QString &color)
{
    static const QRegularExpression re(QStringLiteral("^#[0-9a-fA-F]{6}$"));
    return re.match(color).hasMatch();
}

// RFC 9110 token characters: what a header name may contain.
bool isValidHeaderName(const QByteArray &name)
{
    static const QByteArray specials = QByteArrayLiteral("!#$%&'*+-.^_`|~");
    if (name.isEmpty())
        return false;
    for (char c : name) {
        const bool alnum = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
        if (!alnum && !specials.contains(c))
            return false;
    }
    return true;
}

QJsonObject toJson(const EndpointProfile &p, bool forExport)
{
    QJsonArray headers;
    for (const auto &header : p.headers) {
        if (forExport && ProfileStore::isCredentialHeader(header.first))
            continue;
        headers.append(QJsonObject { { Key::Name, QString::fromLatin1(header.first) },
                                     { Key::Value, QString::fromUtf8(header.second) } });
    }
    // apiKey is deliberately absent: it is never written anywhere.
    QJsonObject o { { Key::Id, p.id },
                    { Key::Name, p.name },
                    { Key::Color, p.color },
                    { Key::BaseUrl, p.baseUrl.toString(QUrl::FullyEncoded) },
                    { Key::Protocol, Protocols::name(p.protocol) },
                    { Key::Model, p.model },
                    { Key::VerifyTls, p.verifyTls },
                    { Key::PriceIn, p.pricePerMInput },
                    { Key::PriceOut, p.pricePerMOutput } };
    if (!headers.isEmpty())
        o.insert(Key::Headers, headers);
    if (!p.apiKeyEnv.isEmpty())
        o.insert(Key::ApiKeyEnv, p.apiKeyEnv);
    if (!p.serverMetrics.isEmpty())
        o.insert(Key::ServerMetrics, p.serverMetrics);
    if (!p.proxy.isEmpty())
        o.insert(Key::Proxy, p.proxy);
    if (p.pricePerMCachedInput)
        o.insert(Key::PriceCached, *p.pricePerMCachedInput);
    return o;
}

// Parses one entry; unknown keys (including any "api_key") are ignored on purpose.
std::optional<EndpointProfile> fromJson(const QJsonValue &value, QString *error)
{
    if (!value.isObject()) {
        *error = ProfileStore::tr("it is not a JSON object");
        return std::nullopt;
    }
    const QJsonObject o = value.toObject();
    EndpointProfile p;
    p.id = o.value(Key::Id).toString();
    p.name = o.value(Key::Name).toString().trimmed();
    p.color = o.value(Key::Color).toString();
    p.baseUrl = QUrl(o.value(Key::BaseUrl).toString(), QUrl::StrictMode);
    const QString protocolName = o.value(Key::Protocol).toString();
    const auto protocol = Protocols::fromName(protocolName);
    if (!protocol) {
        *error = ProfileStore::tr("unknown protocol \"%1\" (known: %2)")
                     .arg(protocolName, Protocols::names().join(QStringLiteral(", ")));
        return std::nullopt;
    }
    p.protocol = *protocol;
    p.model = o.value(Key::Model).toString().trimmed();
    const QJsonArray headers = o.value(Key::Headers).toArray();
    for (const QJsonValue &header : headers) {
        const QJsonObject h = header.toObject();
        p.headers.append(
            { h.value(Key::Name).toString().trimmed().toLatin1(), h.value(Key::Value).toString().toUtf8() });
    }
    p.apiKeyEnv = o.value(Key::ApiKeyEnv).toString().trimmed();
    p.verifyTls = o.value(Key::VerifyTls).toBool(true);
    p.pricePerMInput = o.value(Key::PriceIn).toDouble(0);
    p.pricePerMOutput = o.value(Key::PriceOut).toDouble(0);
    if (o.value(Key::PriceCached).isDouble())
        p.pricePerMCachedInput = o.value(Key::PriceCached).toDouble();
    p.serverMetrics = o.value(Key::ServerMetrics).toString().trimmed();
    p.proxy = o.value(Key::Proxy).toString().trimmed();
    return p;
}

// Every entry of a profiles document; all or nothing.
std::optional<QList<EndpointProfile>> parseProfiles(const QJsonArray &array, QString *error)
{
    QList<EndpointProfile> result;
    for (qsizetype i = 0; i < array.size(); ++i) {
        QString problem;
        auto p = fromJson(array.at(i), &problem);
        if (p && p->color.isEmpty())
            p->color = EmbeddedColor; // placeholder so that validate() judges the rest
        if (p)
            problem = ProfileStore::validate(*p);
        if (!problem.isEmpty()) {
            const QString name = array.at(i).toObject().value(Key::Name).toString();
            *error = name.isEmpty()
                ? ProfileStore::tr("Endpoint #%1: %2").arg(i + 1).arg(problem)
                : ProfileStore::tr("Endpoint #%1 (\"%2\"): %3").arg(i + 1).arg(name, problem);
            return std::nullopt;
        }
        // Remember which colours were really given.
        if (array.at(i).toObject().value(Key::Color).toString().isEmpty())
            p->color.clear();
        result.append(*p);
    }
    return result;
}

void setError(QString *error, const QString &message)
{
    if (error)
        *error = message;
}

} // namespace

ProfileStore::ProfileStore(QObject *parent)
    : QObject(parent)
    , m_embeddedModel(EmbeddedEndpointService::defaultModel())
{
    const QString dir = QStandardPaths::writableLocation(QStandardPaths::AppConfigLocation);
    m_path = dir + QStringLiteral("/endpoints.json");
}

ProfileStore::~ProfileStore() = default;

EndpointProfile ProfileStore::embeddedProfile() const
{
    EndpointProfile p = EmbeddedEndpointService::profileFor(m_embeddedRoot, m_embeddedProtocol);
    p.color = EmbeddedColor;
    p.model = m_embeddedModel;
    return p;
}

QList<EndpointProfile> ProfileStore::profiles() const
{
    QList<EndpointProfile> result;
    result.reserve(m_profiles.size() + 1);
    result.append(embeddedProfile());
    result.append(m_profiles);
    return result;
}

int ProfileStore::indexOf(const QString &id) const
{
    for (int i = 0; i < m_profiles.size(); ++i) {
        if (m_profiles.at(i).id == id)
            return i;
    }
    return -1;
}

bool ProfileStore::contains(const QString &id) const
{
    return isEmbedded(id) || indexOf(id) >= 0;
}

std::optional<EndpointProfile> ProfileStore::profile(const QString &id) const
{
    if (isEmbedded(id))
        return embeddedProfile();
    const int i = indexOf(id);
    if (i < 0)
        return std::nullopt;
    return m_profiles.at(i);
}

QString ProfileStore::uniqueId(const QString &wanted) const
{
    if (!wanted.isEmpty() && !contains(wanted))
        return wanted;
    QString id;
    do {
        id = QUuid::createUuid().toString(QUuid::WithoutBraces);
    } while (contains(id));
    return id;
}

QString ProfileStore::nextColor() const
{
    QSet<QString> used { EmbeddedColor };
    for (const auto &p : m_profiles)
        used.insert(p.color.toLower());
    for (const char *color : Palette) {
        const QString candidate = QString::fromLatin1(color);
        if (!used.contains(candidate))
            return candidate;
    }
    return QString::fromLatin1(Palette[m_profiles.size() % std::size(Palette)]);
}

QString ProfileStore::add(EndpointProfile p)
{
    if (p.color.isEmpty())
        p.color = nextColor();
    if (!validate(p).isEmpty())
        return {};
    p.id = uniqueId(p.id);
    p.apiKey.clear(); // a store holds no secret, even in memory
    m_profiles.append(p);
    Q_EMIT profilesChanged();
    return p.id;
}

bool ProfileStore::update(const EndpointProfile &p)
{
    if (isEmbedded(p.id)) {
        if (needsModel(p.protocol) && p.model.trimmed().isEmpty())
            return false;
        m_embeddedProtocol = p.protocol;
        m_embeddedModel = p.model.trimmed();
        Q_EMIT profilesChanged();
        return true;
    }
    const int i = indexOf(p.id);
    if (i < 0 || !validate(p).isEmpty())
        return false;
    m_profiles[i] = p;
    m_profiles[i].apiKey.clear();
    Q_EMIT profilesChanged();
    return true;
}

QString ProfileStore::duplicate(const QString &id)
{
    const int i = indexOf(id);
    if (i < 0)
        return {};
    EndpointProfile copy = m_profiles.at(i);
    copy.id.clear();
    copy.name = tr("%1 (copy)").arg(copy.name);
    copy.color = nextColor();
    return add(copy);
}

bool ProfileStore::remove(const QString &id)
{
    const int i = indexOf(id);
    if (i < 0)
        return false;
    m_profiles.removeAt(i);
    Q_EMIT profilesChanged();
    return true;
}

void ProfileStore::setEmbeddedBaseUrl(const QUrl &root)
{
    QUrl url = root;
    url.setPath(QString());
    if (url == m_embeddedRoot)
        return;
    m_embeddedRoot = url;
    Q_EMIT profilesChanged();
}

void ProfileStore::setStorePath(const QString &path)
{
    m_path = path;
}

bool ProfileStore::load(QString *error)
{
    QFile file(m_path);
    if (!file.exists()) {
        if (!m_profiles.isEmpty()) {
            m_profiles.clear();
            Q_EMIT profilesChanged();
        }
        return true;
    }
    if (!file.open(QIODevice::ReadOnly)) {
        // Unreadable is not broken: leave the file alone and say why.
        setError(error, tr("Cannot read the endpoint list %1: %2").arg(m_path, file.errorString()));
        return false;
    }
    const QByteArray bytes = file.readAll();
    file.close();

    QString problem;
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(bytes, &parseError);
    std::optional<QList<EndpointProfile>> parsed;
    QJsonObject root;
    if (parseError.error != QJsonParseError::NoError) {
        problem = tr("%1 at byte %2").arg(parseError.errorString()).arg(parseError.offset);
    } else if (!doc.isObject() || !doc.object().value(Key::Profiles).isArray()) {
        problem = tr("it has no \"profiles\" list");
    } else {
        root = doc.object();
        parsed = parseProfiles(root.value(Key::Profiles).toArray(), &problem);
    }

    if (!parsed) {
        // Keep the user's data: move it aside under a name nothing else writes to.
        QString kept = m_path + QStringLiteral(".broken");
        for (int n = 2; QFile::exists(kept); ++n)
            kept = m_path + QStringLiteral(".broken.%1").arg(n);
        const bool moved = QFile::rename(m_path, kept);
        m_profiles.clear();
        Q_EMIT profilesChanged();
        setError(error,
                 moved ? tr("The endpoint list %1 is damaged (%2). It was kept as %3; starting "
                            "with no saved endpoints.")
                             .arg(m_path, problem, kept)
                       : tr("The endpoint list %1 is damaged (%2) and could not be moved aside; "
                            "starting with no saved endpoints.")
                             .arg(m_path, problem));
        return false;
    }

    m_profiles.clear();
    for (EndpointProfile p : std::as_const(*parsed)) {
        p.id = uniqueId(p.id); // also repairs a hand-edited file with repeated ids
        m_profiles.append(p);
    }
    for (auto &p : m_profiles) {
        if (p.color.isEmpty())
            p.color = nextColor();
    }
    const QJsonObject embedded = root.value(Key::Embedded).toObject();
    if (const auto protocol = Protocols::fromName(embedded.value(Key::Protocol).toString()))
        m_embeddedProtocol = *protocol;
    const QString model = embedded.value(Key::Model).toString();
    if (!model.isEmpty())
        m_embeddedModel = model;
    Q_EMIT profilesChanged();
    return true;
}

bool ProfileStore::save(QString *error)
{
    QJsonArray list;
    for (const auto &p : std::as_const(m_profiles))
        list.append(toJson(p, false));
    const QJsonObject root { { Key::Version, FormatVersion },
                             { Key::Embedded,
                               QJsonObject { { Key::Protocol, Protocols::name(m_embeddedProtocol) },
                                             { Key::Model, m_embeddedModel } } },
                             { Key::Profiles, list } };

    const QFileInfo info(m_path);
    if (!QDir().mkpath(info.absolutePath())) {
        setError(error, tr("Cannot create the folder %1").arg(info.absolutePath()));
        return false;
    }
    QSaveFile file(m_path);
    if (!file.open(QIODevice::WriteOnly)) {
        setError(error, tr("Cannot write the endpoint list %1: %2").arg(m_path, file.errorString()));
        return false;
    }
    file.write(QJsonDocument(root).toJson(QJsonDocument::Indented));
    if (!file.commit()) {
        setError(error, tr("Cannot write the endpoint list %1: %2").arg(m_path, file.errorString()));
        return false;
    }
    return true;
}

QByteArray ProfileStore::exportJson(const QStringList &ids) const
{
    QJsonArray list;
    for (const QString &id : ids) {
        const int i = indexOf(id);
        if (i >= 0)
            list.append(toJson(m_profiles.at(i), true));
    }
    const QJsonObject root { { Key::Version, FormatVersion }, { Key::Profiles, list } };
    return QJsonDocument(root).toJson(QJsonDocument::Indented);
}

bool ProfileStore::importJson(const QByteArray &json, QString *error)
{
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        setError(error,
                 tr("The file is not valid JSON: %1 at byte %2")
                     .arg(parseError.errorString())
                     .arg(parseError.offset));
        return false;
    }
    QJsonArray array;
    if (doc.isArray())
        array = doc.array();
    else if (doc.isObject() && doc.object().value(Key::Profiles).isArray())
        array = doc.object().value(Key::Profiles).toArray();
    else if (doc.isObject() && doc.object().contains(Key::BaseUrl))
        array.append(doc.object());
    else {
        setError(error, tr("The file holds no endpoint profiles (expected a \"profiles\" list)."));
        return false;
    }
    if (array.isEmpty()) {
        setError(error, tr("The file holds no endpoint profiles."));
        return false;
    }
    QString problem;
    const auto parsed = parseProfiles(array, &problem);
    if (!parsed) {
        setError(error, tr("Nothing was imported. %1").arg(problem));
        return false;
    }
    m_lastImported.clear();
    for (EndpointProfile p : *parsed) {
        p.id = uniqueId(p.id);
        if (p.color.isEmpty())
            p.color = nextColor();
        m_profiles.append(p);
        m_lastImported.append(p.id);
    }
    Q_EMIT profilesChanged();
    return true;
}

bool ProfileStore::needsModel(Protocol protocol)
{
    return protocol != Protocol::LlamaCpp && protocol != Protocol::Tgi && protocol != Protocol::SimpleSse;
}

bool ProfileStore::isOpenAIProtocol(Protocol protocol)
{
    return protocol == Protocol::OpenAIChat || protocol == Protocol::OpenAIResponses
        || protocol == Protocol::OpenAICompletions;
}

bool ProfileStore::isCredentialHeader(const QByteArray &name)
{
    const QByteArray lower = name.trimmed().toLower();
    return lower == "authorization" || lower == "proxy-authorization" || lower == "cookie"
        || lower == "x-api-key" || lower == "api-key" || lower == "x-goog-api-key" || lower.contains("token")
        || lower.contains("secret");
}

EndpointProfile ProfileStore::withProtocol(EndpointProfile p, Protocol protocol)
{
    p.protocol = protocol;
    if (p.baseUrl.isEmpty())
        return p;
    QString path = p.baseUrl.path();
    while (path.endsWith(QLatin1Char('/')))
        path.chop(1);
    // Only the two shapes we can be sure about; a custom prefix is the user's business.
    if (isOpenAIProtocol(protocol) && path.isEmpty())
        p.baseUrl.setPath(QStringLiteral("/v1"));
    else if (!isOpenAIProtocol(protocol) && path == QLatin1String("/v1"))
        p.baseUrl.setPath(QString());
    return p;
}

QString ProfileStore::validate(const EndpointProfile &p, QString *field)
{
    auto fail = [field](const char *name, const QString &message) {
        if (field)
            *field = QString::fromLatin1(name);
        return message;
    };
    if (p.name.trimmed().isEmpty())
        return fail("name", tr("The name is empty."));
    if (p.baseUrl.isEmpty())
        return fail("baseUrl", tr("The base URL is empty."));
    if (!p.baseUrl.isValid())
        return fail("baseUrl", tr("The base URL is not a valid URL."));
    if (const QString problem = baseUrlProblem(p.baseUrl.toString()); !problem.isEmpty())
        return fail("baseUrl", problem);
    if (needsModel(p.protocol) && p.model.trimmed().isEmpty())
        return fail("model", tr("The protocol %1 needs a model name.").arg(Protocols::name(p.protocol)));
    QSet<QByteArray> seen;
    for (const auto &header : p.headers) {
        const QByteArray name = header.first.trimmed();
        if (!isValidHeaderName(name))
            return fail("headers", tr("\"%1\" is not a valid header name.").arg(QString::fromLatin1(name)));
        if (seen.contains(name.toLower()))
            return fail("headers", tr("The header \"%1\" is set twice.").arg(QString::fromLatin1(name)));
        seen.insert(name.toLower());
    }
    if (!isValidColor(p.color))
        return fail("color", tr("The colour must be of the form #rrggbb."));
    if (p.pricePerMInput < 0)
        return fail("pricePerMInput", tr("A price cannot be negative."));
    if (p.pricePerMOutput < 0)
        return fail("pricePerMOutput", tr("A price cannot be negative."));
    if (p.pricePerMCachedInput && !(*p.pricePerMCachedInput >= 0))
        return fail("pricePerMCachedInput", tr("A price cannot be negative."));
    if (const QString m = p.serverMetrics.trimmed(); !m.isEmpty() && m != u"auto" && m != u"off") {
        const QUrl url(m, QUrl::StrictMode);
        if (!url.isValid() || (url.scheme() != u"http" && url.scheme() != u"https") || url.host().isEmpty())
            return fail("serverMetrics",
                        tr("Server metrics: \"auto\", \"off\", or an http(s) URL such as http://host:8000/metrics."));
    }
    if (const QString problem = ProxyResolver::settingError(p.proxy); !problem.isEmpty())
        return fail("proxy", tr("Proxy: %1.").arg(problem));
    if (field)
        field->clear();
    return {};
}

QString ProfileStore::baseUrlProblem(const QString &text)
{
    const QString url = text.trimmed();
    if (url.isEmpty())
        return tr("The base URL is empty.");
    const qsizetype schemeEnd = url.indexOf(QLatin1String("://"));
    if (schemeEnd <= 0)
        return tr("The base URL has no scheme: it must start with http:// or https://.");
    const QString scheme = url.left(schemeEnd).toLower();
    if (scheme != QLatin1String("http") && scheme != QLatin1String("https"))
        return tr("The scheme \"%1\" is not supported: the base URL must start with http:// or https://.")
            .arg(url.left(schemeEnd));

    // The authority: up to the path, query or fragment, without any user info.
    const qsizetype authorityStart = schemeEnd + 3;
    qsizetype authorityEnd = url.size();
    for (QChar end : {QLatin1Char('/'), QLatin1Char('?'), QLatin1Char('#')}) {
        const qsizetype at = url.indexOf(end, authorityStart);
        if (at >= 0)
            authorityEnd = std::min(authorityEnd, at);
    }
    QString authority = url.mid(authorityStart, authorityEnd - authorityStart);
    if (const qsizetype at = authority.lastIndexOf(QLatin1Char('@')); at >= 0)
        authority = authority.mid(at + 1);
    QString host = authority;
    QString port;
    bool hasPort = false;
    if (authority.startsWith(QLatin1Char('['))) {
        // An IPv6 address: the port, if any, follows the closing bracket.
        const qsizetype close = authority.indexOf(QLatin1Char(']'));
        host = close < 0 ? authority : authority.left(close + 1);
        if (close >= 0 && authority.mid(close + 1).startsWith(QLatin1Char(':'))) {
            hasPort = true;
            port = authority.mid(close + 2);
        }
    } else if (const qsizetype colon = authority.lastIndexOf(QLatin1Char(':')); colon >= 0) {
        hasPort = true;
        host = authority.left(colon);
        port = authority.mid(colon + 1);
    }
    if (host.isEmpty())
        return tr("The base URL has no host name.");

    QStringList problems;
    QUrl hostCheck;
    hostCheck.setHost(host, QUrl::StrictMode);
    if (!hostCheck.isValid() || hostCheck.host().isEmpty())
        problems.append(tr("The host name \"%1\" is not valid.").arg(host));
    if (hasPort && !port.isEmpty()) {
        bool isNumber = !port.isEmpty();
        for (QChar c : std::as_const(port))
            isNumber = isNumber && c.isDigit() && c.unicode() < 128;
        const qlonglong value = isNumber ? port.toLongLong(&isNumber) : 0;
        if (!isNumber)
            problems.append(tr("The port \"%1\" is not a number.").arg(port));
        else if (value < 1 || value > 65535)
            problems.append(tr("The port %1 is out of range (1–65535).").arg(port));
    }
    if (!problems.isEmpty())
        return problems.join(QLatin1Char(' '));
    const QUrl parsed(url, QUrl::StrictMode);
    if (!parsed.isValid())
        return tr("The base URL is not a valid URL.");
    return {};
}

QStringList ProfileStore::defaultColors()
{
    QStringList colors;
    for (const char *color : Palette)
        colors.append(QString::fromLatin1(color));
    return colors;
}
