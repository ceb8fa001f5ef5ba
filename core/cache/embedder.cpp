#include "embedder.h"

#include "client/streamingclient.h"
#include "common/clock.h"
#include "protocol/protocoladapter.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QPointer>

#include <cmath>

BuiltinEmbedder::BuiltinEmbedder(int dimension)
    : m_embedder(dimension)
{
}

QCoro::Task<EmbeddingBatch> BuiltinEmbedder::embed(QStringList texts)
{
    QElapsedTimer timer;
    timer.start();
    EmbeddingBatch batch;
    batch.vectors.reserve(texts.size());
    for (const QString &text : texts)
        batch.vectors.append(m_embedder.embed(text));
    batch.elapsedMs = double(timer.nsecsElapsed()) / 1e6;
    co_return batch;
}

namespace {

/*!
 * The embeddings call seen as a protocol: builds the POST and reads the JSON answer into
 * vectors. HttpExchange feeds a 2xx non-streamed body to handleBody(); the owner reads the
 * vectors back through a pointer it keeps while the exchange lives.
 */
class EmbeddingsAdapter final : public ProtocolAdapter
{
public:
    EmbeddingsAdapter(Protocol protocol, QStringList inputs)
        : m_protocol(protocol)
        , m_inputs(std::move(inputs))
    {
    }

    Protocol protocol() const override { return m_protocol; }
    WireFormat streamFormat() const override { return WireFormat::Json; }

    HttpRequestSpec buildRequest(const EndpointProfile &profile, const GenerationRequest &) const override
    {
        HttpRequestSpec spec;
        spec.method = QByteArrayLiteral("POST");
        spec.url = profile.urlFor(QStringLiteral("/embeddings"));
        spec.headers.append({ QByteArrayLiteral("Content-Type"), QByteArrayLiteral("application/json") });
        spec.headers.append({ QByteArrayLiteral("Accept"), QByteArrayLiteral("application/json") });
        if (!profile.apiKey.isEmpty())
            spec.headers.append({ QByteArrayLiteral("Authorization"),
                                  QByteArrayLiteral("Bearer ") + profile.apiKey.toUtf8() });
        for (const auto &header : profile.headers) {
            bool replaced = false;
            for (auto &existing : spec.headers) {
                if (existing.first.compare(header.first, Qt::CaseInsensitive) == 0) {
                    existing.second = header.second;
                    replaced = true;
                }
            }
            if (!replaced)
                spec.headers.append(header);
        }
        QJsonObject body { { QStringLiteral("input"), QJsonArray::fromStringList(m_inputs) },
                           { QStringLiteral("encoding_format"), QStringLiteral("float") } };
        if (!profile.model.isEmpty())
            body.insert(QStringLiteral("model"), profile.model);
        spec.body = QJsonDocument(body).toJson(QJsonDocument::Compact);
        return spec;
    }

    void handleEvent(const WireEvent &event, QList<StreamItem> &out) override { handleBody(event.data, out); }

    void handleBody(const QByteArray &body, QList<StreamItem> &out) override
    {
        m_done = true;
        QJsonParseError parseError;
        const QJsonDocument document = QJsonDocument::fromJson(body, &parseError);
        if (parseError.error != QJsonParseError::NoError || !document.isObject()) {
            out.append(StreamItem::error(QStringLiteral("malformed JSON in embeddings response: ")
                                             + parseError.errorString(),
                                         QStringLiteral("malformed")));
            return;
        }
        const QJsonObject root = document.object();
        if (root.contains(QLatin1String("error"))) {
            out.append(ProtocolAdapter::errorItemFromBody(body, 200));
            return;
        }
        const QJsonArray data = root.value(QLatin1String("data")).toArray();
        QList<QList<float>> vectors(m_inputs.size());
        int filled = 0;
        for (qsizetype i = 0; i < data.size(); ++i) {
            const QJsonObject item = data.at(i).toObject();
            const int index = item.value(QLatin1String("index")).toInt(int(i));
            const QJsonArray values = item.value(QLatin1String("embedding")).toArray();
            if (index < 0 || index >= vectors.size() || values.isEmpty() || !vectors.at(index).isEmpty()) {
                out.append(
                    StreamItem::error(QStringLiteral("embeddings response: bad or duplicate item %1").arg(i),
                                      QStringLiteral("malformed")));
                return;
            }
            QList<float> vector;
            vector.reserve(values.size());
            double norm = 0;
            for (const QJsonValue &value : values) {
                const double v = value.toDouble(std::nan(""));
                if (!std::isfinite(v)) {
                    out.append(StreamItem::error(
                        QStringLiteral("embeddings response: item %1 holds a non-number").arg(i),
                        QStringLiteral("malformed")));
                    return;
                }
                vector.append(float(v));
                norm += v * v;
            }
            if (norm > 0) {
                const float scale = float(1.0 / std::sqrt(norm));
                for (float &v : vector)
                    v *= scale;
            }
            vectors[index] = std::move(vector);
            ++filled;
        }
        if (filled != m_inputs.size()) {
            out.append(StreamItem::error(QStringLiteral("embeddings response: %1 vectors for %2 inputs")
                                             .arg(filled)
                                             .arg(m_inputs.size()),
                                         QStringLiteral("malformed")));
            return;
        }
        const int dimension = int(vectors.constFirst().size());
        for (const auto &vector : vectors) {
            if (vector.size() != dimension) {
                out.append(
                    StreamItem::error(QStringLiteral("embeddings response: vectors of different lengths"),
                                      QStringLiteral("malformed")));
                return;
            }
        }
        m_vectors = std::move(vectors);
        m_promptTokens
            = root.value(QLatin1String("usage")).toObject().value(QLatin1String("prompt_tokens")).toInteger();
    }

    bool isComplete() const override { return m_done; }

    QList<QList<float>> m_vectors;
    qint64 m_promptTokens = 0;

private:
    Protocol m_protocol;
    QStringList m_inputs;
    bool m_done = false;
};

} // namespace

RemoteEmbedder::RemoteEmbedder(EndpointProfile profile, int batchSize, QObject *parent, Clock *clock)
    : QObject(parent)
    , m_profile(std::move(profile))
    , m_batchSize(qMax(1, batchSize))
    , m_client(new StreamingClient(this, clock))
{
    m_options.maxEventBytes = 256 * 1024 * 1024; // one JSON body holds every vector of a batch
    m_options.firstTokenTimeoutMs = 0; // no tokens in an embeddings answer
}

RemoteEmbedder::~RemoteEmbedder() = default;

QString RemoteEmbedder::name() const
{
    return m_profile.model.isEmpty() ? m_profile.baseUrl.toString() : m_profile.model;
}

QCoro::Task<EmbeddingBatch> RemoteEmbedder::embed(QStringList texts)
{
    const qint64 startNs = m_client->clock()->nowNs();
    EmbeddingBatch all;
    QPointer<RemoteEmbedder> self(this);
    for (qsizetype start = 0; start < texts.size(); start += m_batchSize) {
        EmbeddingBatch part = co_await embedOne(texts.mid(start, m_batchSize));
        if (!self) {
            all.error = QStringLiteral("embedder destroyed");
            break;
        }
        all.calls += part.calls;
        if (!part.ok()) {
            all.vectors.clear();
            all.error = part.error;
            break;
        }
        all.promptTokens += part.promptTokens;
        all.vectors.append(std::move(part.vectors));
    }
    if (self)
        all.elapsedMs = Time::nsToMs(m_client->clock()->nowNs() - startNs);
    co_return all;
}

QCoro::Task<EmbeddingBatch> RemoteEmbedder::embedOne(QStringList texts)
{
    EmbeddingBatch batch;
    batch.calls = 1;
    auto adapter = std::make_unique<EmbeddingsAdapter>(m_profile.protocol, texts);
    EmbeddingsAdapter *reader = adapter.get(); // owned by the handle's exchange until it is gone
    GenerationRequest request;
    request.stream = false;
    const std::unique_ptr<RequestHandle> handle = m_client->start(m_profile, std::move(adapter), request, m_options);
    const RequestTrace trace = co_await handle->result();
    if (!trace.ok()) {
        batch.error = trace.errorMessage.isEmpty() ? ErrorClasses::name(trace.error) : trace.errorMessage;
        co_return batch;
    }
    if (reader->m_vectors.size() != texts.size()) {
        batch.error = QStringLiteral("the endpoint sent no embeddings");
        co_return batch;
    }
    batch.vectors = std::move(reader->m_vectors);
    batch.promptTokens = reader->m_promptTokens;
    co_return batch;
}
