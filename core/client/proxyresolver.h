#pragma once

#include <QNetworkProxy>
#include <QProcessEnvironment>
#include <QString>
#include <QUrl>

#include <optional>

/// \brief The proxy one request goes through, and where that choice came from.
struct ProxyChoice
{
    QNetworkProxy proxy { QNetworkProxy::NoProxy };
    QString label; ///< "http://proxy:3128" or "socks5://proxy:1080", never with credentials; empty: direct
    QString source; ///< "profile", the variable's name ("HTTPS_PROXY", …), "system"; empty: direct

    bool isDirect() const { return proxy.type() == QNetworkProxy::NoProxy; }
    /// An HTTP CONNECT tunnel (true) or a SOCKS5 one (false); meaningless when direct.
    bool isHttpTunnel() const { return proxy.type() == QNetworkProxy::HttpProxy; }
};

/*!
 * \brief Which proxy a request uses: an endpoint's own setting, else the environment's
 * (HTTPS_PROXY / HTTP_PROXY / ALL_PROXY with NO_PROXY, lower case first, as curl reads them),
 * else the system's (Qt's system proxy query).
 *
 * Proxies are tunnels: HTTP CONNECT for http:// proxies, SOCKS5 for socks5:// (names resolved
 * here) and socks5h:// (names resolved by the proxy). Loopback targets (localhost, 127.0.0.0/8,
 * ::1) never go through an environment or system proxy, as Go's and Python's clients do, so
 * the embedded endpoint keeps working behind a corporate proxy; an endpoint's own proxy
 * setting applies to every target.
 */
namespace ProxyResolver {

/// The setting that means "no proxy, whatever the environment says".
inline constexpr QLatin1String None { "none" };

/*!
 * The proxy for \a target. \a setting is the endpoint's own: empty (the environment, then the
 * system), "none" (direct), or a proxy URL. nullopt with \a error when the setting or a
 * variable holds no usable proxy URL (the message names which).
 */
std::optional<ProxyChoice> resolve(const QUrl &target, const QString &setting, const QProcessEnvironment &env,
                                   QString *error = nullptr);

/// A proxy URL ("http://[user:password@]host:port", "socks5://…", "socks5h://…"; the port
/// defaults to 1080) as a choice from \a source; nullopt with \a error when it is not one.
std::optional<ProxyChoice> fromUrl(const QString &url, const QString &source, QString *error = nullptr);

/// An endpoint's proxy setting checked as it is typed: empty when it is fine, else what is
/// wrong. Credentials are refused here: profiles are stored in clear, so they belong in the
/// environment's variables.
QString settingError(const QString &setting);

/// True when \a host (and \a port) matches a NO_PROXY list: "*", host names (a leading dot or
/// not: "example.com" also covers "api.example.com"), "host:port", IP addresses and IPv4/IPv6
/// CIDR ranges ("10.0.0.0/8").
bool bypassed(const QString &host, int port, const QString &noProxy);

/// localhost, 127.0.0.0/8, ::1.
bool isLoopback(const QString &host);

} // namespace ProxyResolver
