#pragma once

#include "client/requestoptions.h"
#include "protocol/endpointprofile.h"
#include "sim/hashingembedder.h"

#include <QCoroTask>
#include <QList>
#include <QObject>
#include <QString>
#include <QStringList>

class Clock;
class StreamingClient;

/// \brief The vectors of a batch of texts, in input order, each L2-normalised.
struct EmbeddingBatch
{
    QList<QList<float>> vectors;
    qint64 promptTokens = 0; ///< what the server says it read (0 when it does not say)
    int calls = 0; ///< HTTP calls made (0 for the built-in embedder)
    double elapsedMs = 0; ///< wall time of the whole batch
    QString error; ///< non-empty: the batch failed and vectors is empty

    bool ok() const { return error.isEmpty(); }
};

/*!
 * \brief Turns texts into unit vectors for the semantic cache.
 */
class Embedder
{
public:
    virtual ~Embedder() = default;
    /// The model for reports ("tokenscope-hash-256", or the endpoint's model).
    virtual QString name() const = 0;
    /// The vectors of \a texts, in order. Never throws; failures are in EmbeddingBatch::error.
    virtual QCoro::Task<EmbeddingBatch> embed(QStringList texts) = 0;
};

/// \brief The built-in HashingEmbedder behind the Embedder interface (no I/O, no suspension).
class BuiltinEmbedder final : public Embedder
{
public:
    explicit BuiltinEmbedder(int dimension = HashingEmbedder::DefaultDimension);
    QString name() const override { return m_embedder.modelName(); }
    QCoro::Task<EmbeddingBatch> embed(QStringList texts) override;
    const HashingEmbedder &hashing() const { return m_embedder; }

private:
    HashingEmbedder m_embedder;
};

/*!
 * \brief An OpenAI-compatible POST {baseUrl}/embeddings (base URL ".../v1"), through the
 * project's StreamingClient with an embeddings adapter, several inputs per call.
 *
 * The profile gives the base URL, the model, the API key (Bearer) and extra headers. Returned
 * vectors are L2-normalised here, so servers that do not normalise still give cosines.
 */
class RemoteEmbedder final : public QObject, public Embedder
{
    Q_OBJECT
public:
    static constexpr int DefaultBatchSize = 64;
    /// \a clock times the calls (Clock::system() when null).
    explicit RemoteEmbedder(EndpointProfile profile, int batchSize = DefaultBatchSize,
                            QObject *parent = nullptr, Clock *clock = nullptr);
    ~RemoteEmbedder() override;

    QString name() const override;
    QCoro::Task<EmbeddingBatch> embed(QStringList texts) override;
    void setRequestOptions(const RequestOptions &options) { m_options = options; }

private:
    QCoro::Task<EmbeddingBatch> embedOne(QStringList texts);

    EndpointProfile m_profile;
    int m_batchSize;
    RequestOptions m_options;
    StreamingClient *m_client;
};
