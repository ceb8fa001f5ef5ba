#include "cache/embedder.h"
#include "sim/hashingembedder.h"

#include "endpoint/embeddedendpoint.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTcpSocket>
#include <QTest>

#include <cmath>

namespace {

/// A plain HTTP/1.1 POST on a raw socket, so the server's answer is checked without the client.
QByteArray rawPost(const QUrl &base, const QByteArray &path, const QByteArray &body, int *status)
{
    QTcpSocket socket;
    socket.connectToHost(base.host(), quint16(base.port()));
    if (!socket.waitForConnected(5000))
        return {};
    socket.write("POST " + path
                 + " HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nConnection: close\r\n"
                   "Content-Length: "
                 + QByteArray::number(body.size()) + "\r\n\r\n" + body);
    QByteArray response;
    while (socket.waitForReadyRead(5000))
        response += socket.readAll();
    response += socket.readAll();
    const qsizetype split = response.indexOf("\r\n\r\n");
    *status = response.mid(9, 3).toInt();
    QByteArray payload = response.mid(split + 4);
    if (response.left(split).toLower().contains("transfer-encoding: chunked")) {
        QByteArray decoded;
        qsizetype pos = 0;
        while (pos < payload.size()) {
            const qsizetype eol = payload.indexOf("\r\n", pos);
            const qsizetype size = payload.mid(pos, eol - pos).toLongLong(nullptr, 16);
            if (size == 0)
                break;
            decoded += payload.mid(eol + 2, size);
            pos = eol + 2 + size + 2;
        }
        payload = decoded;
    }
    return payload;
}

} // namespace

class TestRemoteEmbedder : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { QVERIFY2(m_endpoint.start(), qPrintable(m_endpoint.errorString())); }

    void endpointAnswersInOpenAiShape()
    {
        int status = 0;
        const QByteArray body
            = rawPost(m_endpoint.baseUrl(), "/v1/embeddings",
                      R"({"model":"m","input":["什么是机器学习?","Python 怎么学?"]})", &status);
        QCOMPARE(status, 200);
        const QJsonObject root = QJsonDocument::fromJson(body).object();
        QCOMPARE(root.value(QLatin1String("object")).toString(), QStringLiteral("list"));
        QCOMPARE(root.value(QLatin1String("model")).toString(), QStringLiteral("m"));
        const QJsonArray data = root.value(QLatin1String("data")).toArray();
        QCOMPARE(data.size(), 2);
        const HashingEmbedder embedder;
        for (int i = 0; i < 2; ++i) {
            const QJsonObject item = data.at(i).toObject();
            QCOMPARE(item.value(QLatin1String("object")).toString(), QStringLiteral("embedding"));
            QCOMPARE(item.value(QLatin1String("index")).toInt(), i);
            const QJsonArray values = item.value(QLatin1String("embedding")).toArray();
            QCOMPARE(values.size(), HashingEmbedder::DefaultDimension);
        }
        const QList<float> expected = embedder.embed(u"什么是机器学习?");
        QCOMPARE(float(data.at(0).toObject().value(QLatin1String("embedding")).toArray().at(5).toDouble()),
                 expected.at(5));
        QVERIFY(root.value(QLatin1String("usage")).toObject().value(QLatin1String("prompt_tokens")).toInt()
                > 0);
    }

    void endpointRejectsBadInput_data()
    {
        QTest::addColumn<QByteArray>("body");
        QTest::newRow("not JSON") << QByteArray("{oops");
        QTest::newRow("no input") << QByteArray(R"({"model":"m"})");
        QTest::newRow("numbers") << QByteArray(R"({"input":[1,2]})");
        QTest::newRow("empty list") << QByteArray(R"({"input":[]})");
        QTest::newRow("bad dimensions") << QByteArray(R"({"input":"a","dimensions":3})");
    }
    void endpointRejectsBadInput()
    {
        QFETCH(QByteArray, body);
        int status = 0;
        const QByteArray answer = rawPost(m_endpoint.baseUrl(), "/v1/embeddings", body, &status);
        QCOMPARE(status, 400);
        QVERIFY(QJsonDocument::fromJson(answer).object().contains(QLatin1String("error")));
    }

    // RemoteEmbedder → HttpExchange → loopback → the endpoint → the same vectors as locally.
    void roundTripWithBatching()
    {
        EndpointProfile profile;
        profile.baseUrl = m_endpoint.baseUrl();
        profile.baseUrl.setPath(QStringLiteral("/v1"));
        RemoteEmbedder remote(profile, 3);
        QStringList texts;
        for (int i = 0; i < 10; ++i)
            texts.append(QStringLiteral("问题 %1: how do I learn topic %1?").arg(i));
        const qint64 before = m_endpoint.stats().requests;
        const EmbeddingBatch batch = QCoro::waitFor(remote.embed(texts));
        QVERIFY2(batch.ok(), qPrintable(batch.error));
        QCOMPARE(batch.calls, 4); // 3 + 3 + 3 + 1
        QCOMPARE(m_endpoint.stats().requests - before, 4);
        QCOMPARE(batch.vectors.size(), 10);
        QVERIFY(batch.promptTokens > 0);
        const HashingEmbedder local;
        for (int i = 0; i < 10; ++i) {
            const QList<float> expected = local.embed(texts.at(i));
            double dot = 0;
            for (qsizetype k = 0; k < expected.size(); ++k)
                dot += double(expected.at(k)) * batch.vectors.at(i).at(k);
            QVERIFY2(std::abs(dot - 1.0) < 1e-4, qPrintable(QString::number(dot)));
        }
    }

    void serverErrorsBecomeBatchErrors()
    {
        EndpointProfile profile;
        profile.baseUrl = m_endpoint.baseUrl();
        profile.baseUrl.setPath(QStringLiteral("/nowhere")); // 404
        RemoteEmbedder remote(profile);
        const EmbeddingBatch batch = QCoro::waitFor(remote.embed({ QStringLiteral("a") }));
        QVERIFY(!batch.ok());
        QVERIFY2(batch.error.contains(QStringLiteral("404")), qPrintable(batch.error));
        QVERIFY(batch.vectors.isEmpty());
    }

private:
    EmbeddedEndpointRunner m_endpoint;
};

QTEST_GUILESS_MAIN(TestRemoteEmbedder)
#include "tst_remoteembedder.moc"
