#include "embeddedendpointservice.h"

#include "embeddedendpoint.h"
#include "generationrequest.h"

#include <QCoreApplication>
#include <QThread>

namespace {

EmbeddedEndpointService *s_instance = nullptr;

bool isOpenAI(Protocol protocol)
{
    return protocol == Protocol::OpenAIChat || protocol == Protocol::OpenAIResponses
        || protocol == Protocol::OpenAICompletions;
}

} // namespace

EmbeddedEndpointService::EmbeddedEndpointService()
    : m_runner(std::make_unique<EmbeddedEndpointRunner>())
{
}

// The runner stops the server and joins its thread.
EmbeddedEndpointService::~EmbeddedEndpointService() = default;

EmbeddedEndpointService *EmbeddedEndpointService::instance()
{
    Q_ASSERT_X(QCoreApplication::instance(), "EmbeddedEndpointService::instance", "needs a QCoreApplication");
    Q_ASSERT(QThread::currentThread() == QCoreApplication::instance()->thread());
    if (!s_instance) {
        s_instance = new EmbeddedEndpointService;
        // A post routine runs first thing in ~QCoreApplication, while event dispatching and
        // threads still work, so the server's thread is stopped and joined cleanly.
        qAddPostRoutine(&EmbeddedEndpointService::destroyInstance);
    }
    return s_instance;
}

void EmbeddedEndpointService::destroyInstance()
{
    delete s_instance;
    s_instance = nullptr;
}

bool EmbeddedEndpointService::ensureStarted()
{
    if (isRunning())
        return true;
    return m_runner->start(m_model);
}

bool EmbeddedEndpointService::setLatencyModel(const LatencyModel &model)
{
    if (isRunning())
        return false;
    m_model = model;
    return true;
}

void EmbeddedEndpointService::setCapacity(const EndpointCapacity &capacity)
{
    m_runner->setCapacity(capacity);
}

EndpointCapacity EmbeddedEndpointService::capacity() const
{
    return m_runner->capacity();
}

EndpointProfile EmbeddedEndpointService::profile(Protocol protocol)
{
    ensureStarted();
    return profileFor(baseUrl(), protocol);
}

QUrl EmbeddedEndpointService::baseUrl() const
{
    return m_runner->baseUrl();
}

bool EmbeddedEndpointService::isRunning() const
{
    return !m_runner->baseUrl().isEmpty();
}

QString EmbeddedEndpointService::errorString() const
{
    return m_runner->errorString();
}

QString EmbeddedEndpointService::displayName()
{
    return tr("Embedded (simulated)");
}

EndpointProfile EmbeddedEndpointService::profileFor(const QUrl &serverRoot, Protocol protocol)
{
    EndpointProfile p;
    p.id = ProfileId;
    p.name = displayName();
    p.protocol = protocol;
    p.model = defaultModel();
    p.verifyTls = true;
    p.baseUrl = serverRoot;
    if (!p.baseUrl.isEmpty()) // the base URL each protocol's users expect (see EndpointProfile)
        p.baseUrl.setPath(isOpenAI(protocol) ? QStringLiteral("/v1") : QString());
    return p;
}

QString EmbeddedEndpointService::defaultModel()
{
    return QString::fromLatin1(Sim::DefaultModelName);
}
