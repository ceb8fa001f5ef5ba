#include "secretstore.h"

#include <QCoroSignal>
#include <QPointer>
#include <QTimer>

#include <qt6keychain/keychain.h>

#include <memory>

namespace {

// Turns "a job finished" or "our timer fired", whichever comes first, into one signal a
// coroutine can await.
class JobWatch : public QObject
{
    Q_OBJECT
public:
    bool finished = false;
    bool timedOut = false;
Q_SIGNALS:
    void settled();
};

// Never a plaintext QSettings fallback: a key either goes to the keychain or nowhere.
template<typename J> std::unique_ptr<J> makeJob(const QString &profileId)
{
    auto job = std::make_unique<J>(SecretStore::serviceName());
    job->setAutoDelete(false);
    job->setInsecureFallback(false);
    job->setKey(profileId);
    return job;
}

const QString ProbeKey = QStringLiteral("tokenscope-keychain-probe");

} // namespace

SecretStore::SecretStore(QObject *parent)
    : QObject(parent)
{
}

SecretStore::~SecretStore() = default;

QString SecretStore::serviceName()
{
    return QStringLiteral("TokenScope");
}

QCoro::Task<bool> SecretStore::run(QKeychain::Job *job)
{
    JobWatch watch;
    QTimer timer;
    timer.setSingleShot(true);
    connect(job, &QKeychain::Job::finished, &watch, [&watch] {
        watch.finished = true;
        Q_EMIT watch.settled();
    });
    connect(&timer, &QTimer::timeout, &watch, [&watch] {
        watch.timedOut = true;
        Q_EMIT watch.settled();
    });
    timer.start(m_timeout);
    job->start();
    // A backend may answer synchronously inside start(); then there is nothing to await.
    if (!watch.finished)
        co_await qCoro(&watch, &JobWatch::settled);
    co_return watch.finished;
}

namespace {
// A job that timed out may still call back into itself later (the Secret Service answers
// late): it must stay alive until then, and delete itself when it does finish.
void abandon(std::unique_ptr<QKeychain::Job> job)
{
    job->setAutoDelete(true);
    job.release();
}
} // namespace

QString SecretStore::timeoutMessage() const
{
    return tr("The keychain did not answer within %1 s.").arg(double(m_timeout.count()) / 1000.0);
}

QCoro::Task<bool> SecretStore::store(QString profileId, QString secret)
{
    QPointer<SecretStore> self(this);
    auto job = makeJob<QKeychain::WritePasswordJob>(profileId);
    job->setTextData(secret);
    if (!co_await run(job.get())) {
        abandon(std::move(job));
        if (self)
            m_lastError = timeoutMessage();
        co_return false;
    }
    if (!self)
        co_return false;
    if (job->error() != QKeychain::NoError) {
        m_lastError = tr("Could not store the API key in the keychain: %1").arg(job->errorString());
        co_return false;
    }
    m_lastError.clear();
    co_return true;
}

QCoro::Task<std::optional<QString>> SecretStore::read(QString profileId)
{
    QPointer<SecretStore> self(this);
    auto job = makeJob<QKeychain::ReadPasswordJob>(profileId);
    if (!co_await run(job.get())) {
        abandon(std::move(job));
        if (self)
            m_lastError = timeoutMessage();
        co_return std::nullopt;
    }
    if (!self)
        co_return std::nullopt;
    if (job->error() == QKeychain::EntryNotFound) {
        m_lastError.clear();
        co_return std::nullopt;
    }
    if (job->error() != QKeychain::NoError) {
        m_lastError = tr("Could not read the API key from the keychain: %1").arg(job->errorString());
        co_return std::nullopt;
    }
    m_lastError.clear();
    co_return job->textData();
}

QCoro::Task<bool> SecretStore::remove(QString profileId)
{
    QPointer<SecretStore> self(this);
    auto job = makeJob<QKeychain::DeletePasswordJob>(profileId);
    if (!co_await run(job.get())) {
        abandon(std::move(job));
        if (self)
            m_lastError = timeoutMessage();
        co_return false;
    }
    if (!self)
        co_return false;
    if (job->error() != QKeychain::NoError && job->error() != QKeychain::EntryNotFound) {
        m_lastError = tr("Could not delete the API key from the keychain: %1").arg(job->errorString());
        co_return false;
    }
    m_lastError.clear();
    co_return true;
}

QCoro::Task<bool> SecretStore::isAvailable()
{
    if (m_available)
        co_return *m_available;
    QPointer<SecretStore> self(this);
    auto job = makeJob<QKeychain::ReadPasswordJob>(ProbeKey);
    if (!co_await run(job.get())) {
        abandon(std::move(job));
        if (!self)
            co_return false;
        m_lastError = timeoutMessage();
        m_available = false;
        co_return false;
    }
    if (!self)
        co_return false;
    // "Not found" is a keychain that works and simply holds no probe entry.
    const bool ok = job->error() == QKeychain::NoError || job->error() == QKeychain::EntryNotFound;
    m_lastError = ok ? QString() : tr("No keychain service is available: %1").arg(job->errorString());
    m_available = ok;
    co_return ok;
}

QCoro::Task<EndpointProfile> SecretStore::withApiKey(EndpointProfile profile)
{
    if (!profile.apiKey.isEmpty() || !profile.apiKeyEnv.isEmpty() || profile.id.isEmpty())
        co_return profile;
    QPointer<SecretStore> self(this);
    const bool available = co_await isAvailable();
    if (!self || !available)
        co_return profile;
    const std::optional<QString> key = co_await read(profile.id);
    if (key)
        profile.apiKey = *key;
    co_return profile;
}

#include "secretstore.moc"
