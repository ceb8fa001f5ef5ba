#pragma once

#include "protocol/endpointprofile.h"

#include <QCoroTask>
#include <QObject>
#include <QString>

#include <chrono>
#include <optional>

namespace QKeychain {
class Job;
}

/*!
 * \brief API keys in the operating system's keychain (QtKeychain), one per profile id.
 *
 * Never falls back to a plain file. Every job has a timeout of our own, because without a
 * Secret Service (headless machines, CI) a keychain job may fail or never answer. The
 * availability probe is cached after its first answer.
 */
class SecretStore : public QObject
{
    Q_OBJECT
public:
    explicit SecretStore(QObject *parent = nullptr);
    ~SecretStore() override;

    /// The keychain service name the keys are filed under.
    static QString serviceName();

    /// Stores \a secret under \a profileId; false with lastError() on failure.
    QCoro::Task<bool> store(QString profileId, QString secret);
    /// The key stored for \a profileId; nullopt when there is none (lastError() empty) or on
    /// failure (lastError() set).
    QCoro::Task<std::optional<QString>> read(QString profileId);
    /// Deletes the key of \a profileId; true also when there was none.
    QCoro::Task<bool> remove(QString profileId);
    /// Whether a keychain answers at all (a read probe, within timeout()). Cached.
    QCoro::Task<bool> isAvailable();
    /// The cached probe result, if a probe has completed.
    std::optional<bool> knownAvailability() const { return m_available; }
    /// \a profile with apiKey filled from the keychain when it names no environment variable
    /// and a key is stored; otherwise unchanged.
    QCoro::Task<EndpointProfile> withApiKey(EndpointProfile profile);

    QString lastError() const { return m_lastError; }
    void setTimeout(std::chrono::milliseconds timeout) { m_timeout = timeout; }
    std::chrono::milliseconds timeout() const { return m_timeout; }

private:
    /// Starts \a job and waits for it or the timeout; true when it finished in time.
    QCoro::Task<bool> run(QKeychain::Job *job);
    QString timeoutMessage() const;

    QString m_lastError;
    std::optional<bool> m_available;
    std::chrono::milliseconds m_timeout { 3000 };
};
