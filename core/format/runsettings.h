#pragma once

#include "load/loadrunner.h"

#include <QJsonObject>
#include <QList>
#include <QString>

#include <optional>
#include <utility>

/*!
 * \brief A run's settings as a document: what its LoadConfig was, with every secret left out.
 *
 * The run export ("settings" of tokenscope-cli run --json), the history (one per stored run)
 * and the importers all hold one. A document read from a file may lack any figure, so each is
 * optional: a run imported from another tool says what that tool said and nothing more.
 * Keys this type does not know (a vLLM result's aggregates, an old history's tags) are kept in
 * \c extra and written back unchanged.
 */
struct RunSettings
{
    /// The endpoint as a run names it: never its API key or a secret header.
    struct Endpoint
    {
        QString name;
        QString url; ///< without user info or query
        QString protocol; ///< Protocols::name, or the importing tool's own word
        QString model;
        std::optional<bool> verifyTls;
        // Written by the history only (RunSettings::Detail::History):
        std::optional<QString> id; ///< the profile's id
        std::optional<QString> apiKeyEnv; ///< the variable's name, never its value
        /// Non-secret request headers (see isSecretHeader).
        std::optional<QList<std::pair<QString, QString>>> headers;

        bool isEmpty() const;
        bool operator==(const Endpoint &) const = default;
    };

    struct Timeouts
    {
        qint64 connectMs = 0;
        qint64 firstTokenMs = 0;
        qint64 stallMs = 0;
        qint64 totalMs = 0;
        bool operator==(const Timeouts &) const = default;
    };

    /// The levels of an endpoint sweep stored as one run.
    struct Sweep
    {
        QString axis; ///< "concurrency" or "rate"
        QList<double> levels;
        /// Timed levels (what a sharded sweep runs, so that its shards merge exactly): each
        /// level runs this long in \c windows equal windows, the last \c measuredWindows
        /// measured, \c gapSeconds between levels. 0 = levels ended by stability or a limit.
        double levelSeconds = 0;
        int windows = 0;
        int measuredWindows = 0;
        double tolerance = 0; ///< stability: the measured windows' tokens/s within this share of their mean
        double gapSeconds = 0;
        /// The SLOs of goodput (0 = not set) and the attainment a level needs to meet them.
        double sloTtftMs = 0;
        double sloTpotMs = 0;
        double sloE2eMs = 0;
        double sloTarget = 0;
        bool operator==(const Sweep &) const = default;
    };

    Endpoint endpoint;
    std::optional<int> requests;
    std::optional<int> concurrency;
    std::optional<double> rate;
    std::optional<bool> poisson;
    std::optional<quint64> seed;
    std::optional<int> warmup;
    std::optional<int> promptCount; ///< "prompts": how many prompts the set had
    std::optional<int> maxTokens; ///< of the first prompt
    std::optional<bool> reuseConnections;
    std::optional<Timeouts> timeouts;
    /// Every prompt (messages, max tokens, streaming, temperature); the history keeps them.
    std::optional<QList<GenerationRequest>> promptSet;
    std::optional<Sweep> sweep;
    QJsonObject extra; ///< keys not modelled above, kept as they were read

    /// What a writer puts in: the export's view (endpoint, load, limits), or the history's,
    /// which adds the profile id, the API key's variable name, non-secret headers and prompts.
    enum class Detail { Export, History };
    /// The id of the built-in embedded endpoint (EmbeddedEndpointService::ProfileId). The
    /// history stores it as that endpoint's name too: its display name is in the interface
    /// language, and runs recorded in two languages must stay one endpoint.
    static constexpr QLatin1StringView EmbeddedEndpointId { "embedded" };
    static RunSettings fromConfig(const LoadConfig &config, Detail detail = Detail::Export);

    QJsonObject toJson() const;
    /// Never fails: what is missing or of the wrong type stays unset. Secret headers a
    /// hand-edited file may hold are dropped.
    static RunSettings fromJson(const QJsonObject &json);

    /// Authorization, Proxy-Authorization, Cookie, x-api-key, api-key, x-goog-api-key and
    /// any header whose name mentions a key, token, secret, password or auth.
    static bool isSecretHeader(const QByteArray &name);
    /// The secret values in \a profile (API key, its variable's value, secret header values),
    /// to scrub from anything stored.
    static QStringList secretsOf(const EndpointProfile &profile);

    bool operator==(const RunSettings &other) const;
};
