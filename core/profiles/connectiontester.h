#pragma once

#include "protocol/endpointprofile.h"

#include <QCoroTask>
#include <QObject>
#include <QStringList>

#include <chrono>

class QNetworkAccessManager;

/// \brief What a connection test found out.
struct ConnectionTestResult
{
    bool ok = false;
    int httpStatus = 0; ///< 0 when no HTTP answer arrived
    double roundTripMs = 0; ///< request sent to response complete
    QStringList models; ///< model ids the endpoint lists
    QString message; ///< a user-readable summary; never contains the API key
    QUrl url; ///< the URL that was asked (query removed)
};

/*!
 * \brief Checks that an endpoint answers, by asking for its model list.
 *
 * One GET per test on the protocol's model-list route ({base}/models for the OpenAI
 * protocols, /api/tags for Ollama, /v1/models for Anthropic and the other local servers,
 * /v1beta/models for Gemini), with the profile's credentials and TLS setting.
 */
class ConnectionTester : public QObject
{
    Q_OBJECT
public:
    explicit ConnectionTester(QObject *parent = nullptr);
    ~ConnectionTester() override;

    QCoro::Task<ConnectionTestResult> test(EndpointProfile profile);

    void setTimeout(std::chrono::milliseconds timeout) { m_timeout = timeout; }
    std::chrono::milliseconds timeout() const { return m_timeout; }

    /// The model-list URL for \a profile.
    static QUrl modelsUrl(const EndpointProfile &profile);
    /// Model ids from a model-list response body (OpenAI, Anthropic, Ollama or Gemini shape).
    static QStringList parseModels(const QByteArray &body);

private:
    QNetworkAccessManager *m_nam;
    std::chrono::milliseconds m_timeout { 10000 };
};
