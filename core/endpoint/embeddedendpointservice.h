#pragma once

#include "embeddedendpoint.h"
#include "protocol/endpointprofile.h"
#include "sim/latencymodel.h"

#include <QObject>
#include <QString>
#include <QUrl>

#include <memory>

/*!
 * \brief The process's one embedded endpoint, started on first use, and the profile that points at it.
 *
 * The GUI's panels all measure against the same simulated server (the default LatencyModel,
 * no fault), so a user sees one endpoint, one port and one set of counters. The server runs
 * on its own thread (EmbeddedEndpointRunner) until the application object is destroyed.
 * Use from the thread of the application object only.
 *
 * profileFor() is the one place that turns a server root into an EndpointProfile; the
 * profile store's built-in profile and the CLI's own runners use it too.
 */
class EmbeddedEndpointService : public QObject
{
    Q_OBJECT
public:
    /// The id of the built-in embedded profile.
    static constexpr QLatin1StringView ProfileId { "embedded" };

    /// The process-wide service, created on first use (needs a QCoreApplication).
    static EmbeddedEndpointService *instance();

    /// Starts the server unless it runs already; false with errorString() set.
    /// A failed start is tried again on the next call.
    bool ensureStarted();
    /// The latency model the server starts with (LatencyModels::fast() unless set); only
    /// before the server has started, false afterwards.
    bool setLatencyModel(const LatencyModel &model);
    LatencyModel latencyModel() const { return m_model; }
    /// How much the server decodes at once and its simulated KV cache (unlimited and
    /// EndpointCapacity::DefaultKvCacheTokens unless set). Unlike the latency model, it takes
    /// effect at once on a running server (queued requests are admitted if the limit rises).
    void setCapacity(const EndpointCapacity &capacity);
    EndpointCapacity capacity() const;
    /// The built-in profile (profileFor()) pointing at the running server, started if needed.
    /// Its base URL is empty when the server could not start (see errorString()).
    EndpointProfile profile(Protocol protocol = Protocol::OpenAIChat);
    /// The server root, "http://127.0.0.1:PORT"; empty when not running.
    QUrl baseUrl() const;
    bool isRunning() const;
    QString errorString() const;
    /// The runner behind the service (its counters, its URL); never null, never restarted
    /// by the caller.
    const EmbeddedEndpointRunner *runner() const { return m_runner.get(); }

    /*!
     * \brief The built-in embedded profile for a server at \a serverRoot ("http://host:port").
     *
     * Id ProfileId, name "Embedded (simulated)", \a protocol, the endpoint's default model
     * ("tokenscope-sim"), and as base URL the root plus "/v1" for the OpenAI protocols or the
     * bare root for the others (empty when \a serverRoot is empty).
     */
    static EndpointProfile profileFor(const QUrl &serverRoot, Protocol protocol = Protocol::OpenAIChat);
    /// The built-in profile's name in the interface language ("Embedded (simulated)"). Stored
    /// runs keep the stable ProfileId and show this, so a language switch does not split them.
    static QString displayName();
    /// The model the embedded endpoint serves when a request names none ("tokenscope-sim").
    static QString defaultModel();

private:
    EmbeddedEndpointService();
    ~EmbeddedEndpointService() override;
    static void destroyInstance();

    std::unique_ptr<EmbeddedEndpointRunner> m_runner;
    LatencyModel m_model;
};
