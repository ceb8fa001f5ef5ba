#pragma once

#include "endpoint/embeddedendpointservice.h"
#include "protocol/endpointprofile.h"

#include <QList>
#include <QObject>
#include <QString>
#include <QStringList>
#include <QUrl>

#include <optional>

/*!
 * \brief The user's endpoint profiles plus the built-in embedded one, persisted as JSON.
 *
 * The embedded profile (id "embedded") is always first; only its protocol and model can
 * change, and it cannot be removed or duplicated. It is built by
 * EmbeddedEndpointService::profileFor() from the embedded server's root (setEmbeddedBaseUrl),
 * with the store's colour and the model the user chose.
 *
 * Secrets never reach the file or an export: \c apiKey is dropped, and so are header values
 * of credential headers (Authorization, x-api-key, ...) on export. Mutations only change
 * memory; call save() to persist.
 */
class ProfileStore : public QObject
{
    Q_OBJECT
public:
    static constexpr QLatin1StringView EmbeddedId = EmbeddedEndpointService::ProfileId;

    explicit ProfileStore(QObject *parent = nullptr);
    ~ProfileStore() override;

    /// The embedded profile first, then the user's profiles in insertion order.
    QList<EndpointProfile> profiles() const;
    std::optional<EndpointProfile> profile(const QString &id) const;
    bool contains(const QString &id) const;
    static bool isEmbedded(const QString &id) { return id == EmbeddedId; }

    /// Adds \a p and returns its id (a new UUID when empty, clashing or "embedded"; a
    /// distinct colour when none is set). Returns an empty string when validate() fails.
    QString add(EndpointProfile p);
    /// Replaces the profile with the same id. For the embedded profile only protocol and
    /// model are taken. False when the id is unknown or \a p is invalid.
    bool update(const EndpointProfile &p);
    /// A copy named "… (copy)" with a new id and colour; empty for the embedded or an unknown id.
    QString duplicate(const QString &id);
    /// False for the embedded profile or an unknown id.
    bool remove(const QString &id);

    /// Root URL of the running embedded endpoint ("http://127.0.0.1:PORT").
    void setEmbeddedBaseUrl(const QUrl &root);
    QUrl embeddedBaseUrl() const { return m_embeddedRoot; }

    /// Default: QStandardPaths::AppConfigLocation + "/endpoints.json".
    void setStorePath(const QString &path);
    QString storePath() const { return m_path; }

    /// Reads the store file. A missing file is an empty store. A broken file is renamed to
    /// "<file>.broken" (never overwritten later), the store starts empty and \a error says so.
    bool load(QString *error = nullptr);
    /// Writes the store file atomically (QSaveFile).
    bool save(QString *error = nullptr);

    /// The user profiles among \a ids as JSON, without any secret. The embedded one is skipped.
    QByteArray exportJson(const QStringList &ids) const;
    /// Adds every profile in \a json (the exportJson() format, or a bare array). All or
    /// nothing: one invalid entry fails the import with \a error naming it. Clashing ids
    /// get new ones; any "api_key" field is ignored. Returns false on failure.
    bool importJson(const QByteArray &json, QString *error = nullptr);
    /// Ids added by the last successful importJson().
    QStringList lastImportedIds() const { return m_lastImported; }

    /// An error message naming the first problem of \a p, or an empty string when valid.
    /// \a field receives the EndpointProfile member at fault ("name", "baseUrl", "model",
    /// "headers", "color", "pricePerMInput", "pricePerMOutput").
    static QString validate(const EndpointProfile &p, QString *field = nullptr);
    /// False for protocols that serve whatever model is loaded (llamacpp, tgi, simple-sse).
    static bool needsModel(Protocol protocol);
    /// True for the OpenAI protocols, whose base URL ends in "/v1".
    static bool isOpenAIProtocol(Protocol protocol);
    /// \a p switched to \a protocol. For a base URL that is a bare host root or root + "/v1"
    /// the "/v1" is added or removed to match what the protocol expects.
    static EndpointProfile withProtocol(EndpointProfile p, Protocol protocol);
    /// A "#rrggbb" not used by any profile yet (cycles through defaultColors() when all are taken).
    QString nextColor() const;
    /// The colours new profiles get, in order; none of them resembles a phase colour.
    static QStringList defaultColors();
    /// What is wrong with \a text as a base URL, in words a user can act on ("The host name
    /// "bad host" is not valid. The port 99999 is out of range (1–65535)."); empty when it is
    /// a usable http:// or https:// address. validate() says the same for a parsed URL.
    static QString baseUrlProblem(const QString &text);
    /// True for headers that carry credentials (never exported).
    static bool isCredentialHeader(const QByteArray &name);

Q_SIGNALS:
    void profilesChanged();

private:
    EndpointProfile embeddedProfile() const;
    int indexOf(const QString &id) const;
    QString uniqueId(const QString &wanted) const;

    QList<EndpointProfile> m_profiles; // user profiles only
    Protocol m_embeddedProtocol = Protocol::OpenAIChat;
    QString m_embeddedModel;
    QUrl m_embeddedRoot;
    QString m_path;
    QStringList m_lastImported;
};
