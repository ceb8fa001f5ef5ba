#include "proxyresolver.h"

#include <QCoreApplication>
#include <QHostAddress>
#include <QNetworkProxyFactory>

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("ProxyResolver", text);
}

/// The first variable of \a names that is set and not empty, with its name.
std::pair<QString, QString> variable(const QProcessEnvironment &env, std::initializer_list<const char *> names)
{
    for (const char *name : names) {
        const QString value = env.value(QLatin1String(name)).trimmed();
        if (!value.isEmpty())
            return { QLatin1String(name), value };
    }
    return {};
}

} // namespace

bool ProxyResolver::isLoopback(const QString &host)
{
    if (host.compare(QLatin1String("localhost"), Qt::CaseInsensitive) == 0
        || host.endsWith(QLatin1String(".localhost"), Qt::CaseInsensitive))
        return true;
    QHostAddress address;
    return address.setAddress(host) && address.isLoopback();
}

bool ProxyResolver::bypassed(const QString &host, int port, const QString &noProxy)
{
    const QString h = host.toLower();
    QHostAddress address;
    const bool isAddress = address.setAddress(h);
    for (QString entry : noProxy.split(u',', Qt::SkipEmptyParts)) {
        entry = entry.trimmed().toLower();
        if (entry.isEmpty())
            continue;
        if (entry == u"*")
            return true;
        // "host:port" (a bracketed IPv6 address may carry one too).
        int entryPort = -1;
        if (entry.startsWith(u'[')) {
            const qsizetype close = entry.indexOf(u']');
            if (close > 0) {
                if (entry.mid(close + 1).startsWith(u':'))
                    entryPort = entry.mid(close + 2).toInt();
                entry = entry.mid(1, close - 1);
            }
        } else if (entry.count(u':') == 1) {
            entryPort = entry.section(u':', 1).toInt();
            entry = entry.section(u':', 0, 0);
        }
        if (entryPort > 0 && entryPort != port)
            continue;
        if (isAddress) {
            if (entry.contains(u'/')) {
                const auto subnet = QHostAddress::parseSubnet(entry);
                if (subnet.second >= 0 && address.isInSubnet(subnet))
                    return true;
                continue;
            }
            QHostAddress other;
            if (other.setAddress(entry) && other.isEqual(address))
                return true;
            continue;
        }
        if (entry.startsWith(u'.'))
            entry.remove(0, 1);
        if (h == entry || h.endsWith(u'.' + entry))
            return true;
    }
    return false;
}

std::optional<ProxyChoice> ProxyResolver::fromUrl(const QString &text, const QString &source, QString *error)
{
    // The variable or setting it came from, then what is wrong.
    const auto fail = [&](const QString &why) -> std::optional<ProxyChoice> {
        if (error)
            *error = source.isEmpty() ? why : source + u": " + why;
        return std::nullopt;
    };
    QString value = text.trimmed();
    // curl takes "host:port" as an HTTP proxy.
    if (!value.contains(QLatin1String("://")))
        value.prepend(QLatin1String("http://"));
    const QUrl url(value, QUrl::StrictMode);
    const QString scheme = url.scheme().toLower();
    if (!url.isValid() || url.host().isEmpty())
        return fail(tr("\"%1\" is not a proxy address (expected e.g. http://proxy:3128 or socks5://proxy:1080)")
                        .arg(QUrl(value).toString(QUrl::RemoveUserInfo)));
    if (url.port() == 0 || url.port() > 65535)
        return fail(tr("port %1 is out of range (1-65535)").arg(url.port()));
    ProxyChoice choice;
    if (scheme == u"http") {
        choice.proxy.setType(QNetworkProxy::HttpProxy);
    } else if (scheme == u"socks5" || scheme == u"socks5h") {
        choice.proxy.setType(QNetworkProxy::Socks5Proxy);
        // socks5h: the proxy resolves the target's name; socks5: it is resolved here.
        QNetworkProxy::Capabilities caps = choice.proxy.capabilities();
        caps.setFlag(QNetworkProxy::HostNameLookupCapability, scheme == u"socks5h");
        choice.proxy.setCapabilities(caps);
    } else {
        return fail(tr("%1:// proxies are not supported (use http://, socks5:// or socks5h://)").arg(scheme));
    }
    choice.proxy.setHostName(url.host());
    choice.proxy.setPort(quint16(url.port(1080)));
    if (!url.userName().isEmpty()) {
        choice.proxy.setUser(url.userName(QUrl::FullyDecoded));
        choice.proxy.setPassword(url.password(QUrl::FullyDecoded));
    }
    QUrl label;
    label.setScheme(scheme);
    label.setHost(url.host());
    label.setPort(url.port(1080));
    choice.label = label.toString();
    choice.source = source;
    return choice;
}

QString ProxyResolver::settingError(const QString &setting)
{
    const QString s = setting.trimmed();
    if (s.isEmpty() || s.compare(None, Qt::CaseInsensitive) == 0)
        return {};
    QString error;
    const std::optional<ProxyChoice> choice = fromUrl(s, QString(), &error);
    if (!choice)
        return error;
    if (!choice->proxy.user().isEmpty())
        return tr("put the proxy's user name and password in HTTPS_PROXY or ALL_PROXY, not in the endpoint: "
                  "endpoints are saved in clear text");
    return {};
}

std::optional<ProxyChoice> ProxyResolver::resolve(const QUrl &target, const QString &setting,
                                                  const QProcessEnvironment &env, QString *error)
{
    const QString s = setting.trimmed();
    if (s.compare(None, Qt::CaseInsensitive) == 0)
        return ProxyChoice {};
    if (!s.isEmpty())
        return fromUrl(s, QStringLiteral("profile"), error);

    const QString host = target.host();
    const int port = target.port(target.scheme() == u"https" ? 443 : 80);
    if (isLoopback(host))
        return ProxyChoice {};
    const auto noProxy = variable(env, { "no_proxy", "NO_PROXY" });
    if (bypassed(host, port, noProxy.second))
        return ProxyChoice {};
    const auto chosen = target.scheme() == u"https" ? variable(env, { "https_proxy", "HTTPS_PROXY" })
                                                   : variable(env, { "http_proxy", "HTTP_PROXY" });
    const auto all = variable(env, { "all_proxy", "ALL_PROXY" });
    const auto &[name, value] = chosen.second.isEmpty() ? all : chosen;
    if (!value.isEmpty())
        return fromUrl(value, name, error);

    // Nothing in the environment: what the system says (macOS and Windows settings, PAC).
    const QList<QNetworkProxy> system = QNetworkProxyFactory::systemProxyForQuery(QNetworkProxyQuery(target));
    for (const QNetworkProxy &p : system) {
        if (p.type() != QNetworkProxy::HttpProxy && p.type() != QNetworkProxy::Socks5Proxy)
            continue;
        ProxyChoice choice;
        choice.proxy = p;
        QUrl label;
        label.setScheme(p.type() == QNetworkProxy::HttpProxy ? QStringLiteral("http") : QStringLiteral("socks5"));
        label.setHost(p.hostName());
        label.setPort(p.port());
        choice.label = label.toString();
        choice.source = QStringLiteral("system");
        return choice;
    }
    return ProxyChoice {};
}
