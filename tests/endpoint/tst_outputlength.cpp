// Output length control of the embedded endpoint over real loopback sockets: max_tokens,
// vLLM's ignore_eos and min_tokens, llama.cpp's ignore_eos, and the seeded early stops that
// make "the model stopped by itself" happen when EndpointCapacity::earlyStopShare says so.
// QNetworkAccessManager is the plain HTTP client here, not the project's own.

#include "endpoint/embeddedendpoint.h"
#include "endpoint/generationrequest.h"

#include <QEventLoop>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkProxy>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QTest>
#include <QTimer>

#include <algorithm>
#include <functional>
#include <memory>

using namespace Sim;

namespace {

LatencyModel quickModel()
{
    LatencyModel m;
    m.networkMs = 1;
    m.promptMsPerToken = 0;
    m.inferenceMs = 2;
    m.generationMsPerToken = 1;
    m.postprocessMs = 1;
    m.jitter = 0;
    m.defaultMaxTokens = 7;
    return m;
}

QJsonArray userMessage()
{
    return { QJsonObject {
        { QStringLiteral("role"), QStringLiteral("user") },
        { QStringLiteral("content"), QStringLiteral("How long is a piece of string?") } } };
}

struct Reply
{
    int status = 0;
    QByteArray body;
    QJsonObject json() const { return QJsonDocument::fromJson(body).object(); }
};

/// A chat completion's length and finish reason.
struct Outcome
{
    int tokens = -1;
    QString finish;
};

QList<QJsonObject> sseObjects(const QByteArray &body)
{
    QList<QJsonObject> objects;
    for (QByteArray line : body.split('\n')) {
        line = line.trimmed();
        if (!line.startsWith("data:"))
            continue;
        const QJsonDocument document = QJsonDocument::fromJson(line.mid(5).trimmed());
        if (document.isObject())
            objects.append(document.object());
    }
    return objects;
}

/// The value of the one sample of vllm:request_success_total for \a reason.
double successes(const QByteArray &metrics, const QByteArray &reason)
{
    for (const QByteArray &line : metrics.split('\n')) {
        if (line.startsWith("vllm:request_success_total{")
            && line.contains(QByteArray("finished_reason=\"" + reason + '"')))
            return line.mid(line.lastIndexOf(' ') + 1).toDouble();
    }
    return qQNaN();
}

} // namespace

class TestOutputLength : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void planRules();
    void defaultsAreUnchanged();
    void earlyStopsAreSeededAndBounded();
    void earlyStopsAreAShare();
    void ignoreEosGeneratesExactlyMax();
    void minTokensIsAFloor();
    void llamaCppIgnoreEos();
    void streamsEndWhereThePlanSays_data();
    void streamsEndWhereThePlanSays();
    void dialectsWithoutTheFieldsIgnoreThem();
    void badValuesAreRefused_data();
    void badValuesAreRefused();

private:
    std::unique_ptr<EmbeddedEndpointRunner> start(double earlyStopShare, quint64 seed = 42);
    Reply post(const EmbeddedEndpointRunner &endpoint, const QString &path, const QJsonObject &body);
    Reply get(const EmbeddedEndpointRunner &endpoint, const QString &path);
    Reply wait(QNetworkReply *reply);
    Outcome chat(const EmbeddedEndpointRunner &endpoint, const QJsonObject &extra);

    QNetworkAccessManager m_http;
};

void TestOutputLength::initTestCase()
{
    m_http.setProxy(QNetworkProxy::NoProxy);
    QCOMPARE(EndpointCapacity {}.earlyStopShare, 0.0); // off unless asked for
}

std::unique_ptr<EmbeddedEndpointRunner> TestOutputLength::start(double earlyStopShare, quint64 seed)
{
    auto endpoint = std::make_unique<EmbeddedEndpointRunner>();
    EndpointCapacity capacity;
    capacity.earlyStopShare = earlyStopShare;
    endpoint->setCapacity(capacity);
    LatencyModel model = quickModel();
    model.seed = seed;
    if (!endpoint->start(model))
        qWarning("endpoint: %s", qPrintable(endpoint->errorString()));
    return endpoint;
}

Reply TestOutputLength::wait(QNetworkReply *raw)
{
    std::unique_ptr<QNetworkReply> reply(raw);
    QEventLoop loop;
    connect(reply.get(), &QNetworkReply::finished, &loop, &QEventLoop::quit);
    QTimer::singleShot(20'000, &loop, &QEventLoop::quit);
    if (!reply->isFinished())
        loop.exec();
    Reply result;
    if (!reply->isFinished()) {
        reply->abort();
        return result;
    }
    result.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    result.body = reply->readAll();
    return result;
}

Reply TestOutputLength::post(const EmbeddedEndpointRunner &endpoint, const QString &path,
                             const QJsonObject &body)
{
    QNetworkRequest request(QUrl(endpoint.baseUrl().toString() + path));
    request.setAttribute(QNetworkRequest::Http2AllowedAttribute, false);
    request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    return wait(m_http.post(request, QJsonDocument(body).toJson(QJsonDocument::Compact)));
}

Reply TestOutputLength::get(const EmbeddedEndpointRunner &endpoint, const QString &path)
{
    QNetworkRequest request(QUrl(endpoint.baseUrl().toString() + path));
    request.setAttribute(QNetworkRequest::Http2AllowedAttribute, false);
    return wait(m_http.get(request));
}

Outcome TestOutputLength::chat(const EmbeddedEndpointRunner &endpoint, const QJsonObject &extra)
{
    QJsonObject body = extra;
    body.insert(QStringLiteral("messages"), userMessage());
    const Reply r = post(endpoint, QStringLiteral("/v1/chat/completions"), body);
    if (r.status != 200) {
        qWarning("chat: HTTP %d %s", r.status, r.body.constData());
        return {};
    }
    const QJsonObject o = r.json();
    Outcome outcome;
    outcome.tokens
        = o.value(QLatin1String("usage")).toObject().value(QLatin1String("completion_tokens")).toInt(-1);
    outcome.finish = o.value(QLatin1String("choices"))
                         .toArray()
                         .at(0)
                         .toObject()
                         .value(QLatin1String("finish_reason"))
                         .toString();
    return outcome;
}

void TestOutputLength::planRules()
{
    GenerationRequest r;
    r.maxTokens = 30;
    r.maxTokensGiven = true;
    QCOMPARE(planOutput(r, false, 0.5).length, 30);
    QVERIFY(!planOutput(r, false, 0.5).naturalStop);
    // Early: the draw spreads over [1, 29].
    QCOMPARE(planOutput(r, true, 0.0).length, 1);
    QCOMPARE(planOutput(r, true, 0.999999).length, 29);
    QVERIFY(planOutput(r, true, 0.5).naturalStop);
    r.minTokens = 10;
    QCOMPARE(planOutput(r, true, 0.0).length, 10);
    r.minTokens = 30; // no room below max_tokens: it runs to the limit
    QVERIFY(!canStopEarly(r));
    QCOMPARE(planOutput(r, true, 0.0).length, 30);
    QVERIFY(!planOutput(r, true, 0.0).naturalStop);
    r.minTokens = 0;
    r.ignoreEos = true;
    QVERIFY(!canStopEarly(r));
    QCOMPARE(planOutput(r, true, 0.0).length, 30);
    // No max_tokens: the default length, stopping by itself, or min_tokens when more.
    GenerationRequest open;
    open.maxTokens = 7;
    QCOMPARE(planOutput(open, true, 0.0).length, 7);
    QVERIFY(planOutput(open, true, 0.0).naturalStop);
    open.minTokens = 15;
    QCOMPARE(planOutput(open, false, 0.0).length, 15);
    open.ignoreEos = true;
    QCOMPARE(planOutput(open, false, 0.0).length, 7);
    QVERIFY(!planOutput(open, false, 0.0).naturalStop);
}

void TestOutputLength::defaultsAreUnchanged()
{
    const auto endpoint = start(0);
    for (int i = 0; i < 5; ++i) {
        const Outcome given = chat(*endpoint, { { QStringLiteral("max_tokens"), 20 } });
        QCOMPARE(given.tokens, 20);
        QCOMPARE(given.finish, QStringLiteral("length"));
    }
    const Outcome open = chat(*endpoint, {});
    QCOMPARE(open.tokens, 7);
    QCOMPARE(open.finish, QStringLiteral("stop"));
}

void TestOutputLength::earlyStopsAreSeededAndBounded()
{
    const QJsonObject request { { QStringLiteral("max_tokens"), 30 }, { QStringLiteral("min_tokens"), 5 } };
    QList<int> lengths;
    {
        const auto endpoint = start(1.0);
        for (int i = 0; i < 12; ++i) {
            const Outcome o = chat(*endpoint, request);
            QVERIFY2(o.tokens >= 5 && o.tokens <= 29, qPrintable(QString::number(o.tokens)));
            QCOMPARE(o.finish, QStringLiteral("stop"));
            lengths.append(o.tokens);
        }
    }
    QVERIFY2(std::adjacent_find(lengths.cbegin(), lengths.cend(), std::not_equal_to<>()) != lengths.cend(),
             "every early stop at the same length");
    // The same seed and order of requests: the same lengths.
    const auto again = start(1.0);
    for (int expected : std::as_const(lengths))
        QCOMPARE(chat(*again, request).tokens, expected);
}

void TestOutputLength::earlyStopsAreAShare()
{
    const auto endpoint = start(0.5);
    int stopped = 0;
    int atLimit = 0;
    for (int i = 0; i < 40; ++i) {
        const Outcome o = chat(*endpoint, { { QStringLiteral("max_tokens"), 16 } });
        if (o.finish == QLatin1String("stop")) {
            QVERIFY(o.tokens >= 1 && o.tokens < 16);
            ++stopped;
        } else {
            QCOMPARE(o.finish, QStringLiteral("length"));
            QCOMPARE(o.tokens, 16);
            ++atLimit;
        }
    }
    // Half on average; 40 draws make "none of one kind" a 1-in-10^11 event.
    QVERIFY2(stopped > 5 && atLimit > 5,
             qPrintable(QStringLiteral("%1 stopped, %2 at the limit").arg(stopped).arg(atLimit)));
    // The server's own counters say the same.
    const QByteArray metrics = get(*endpoint, QStringLiteral("/metrics")).body;
    QCOMPARE(successes(metrics, "stop"), double(stopped));
    QCOMPARE(successes(metrics, "length"), double(atLimit));
}

void TestOutputLength::ignoreEosGeneratesExactlyMax()
{
    const auto endpoint = start(1.0); // every request that may stop early does
    for (int i = 0; i < 5; ++i) {
        const Outcome o = chat(
            *endpoint, { { QStringLiteral("max_tokens"), 30 }, { QStringLiteral("ignore_eos"), true } });
        QCOMPARE(o.tokens, 30);
        QCOMPARE(o.finish, QStringLiteral("length"));
    }
    // ignore_eos false is the default: it stops early.
    const Outcome early
        = chat(*endpoint, { { QStringLiteral("max_tokens"), 30 }, { QStringLiteral("ignore_eos"), false } });
    QVERIFY(early.tokens < 30);
    QCOMPARE(early.finish, QStringLiteral("stop"));
    // Without max_tokens the server's default is the limit it runs to.
    const Outcome open = chat(*endpoint, { { QStringLiteral("ignore_eos"), true } });
    QCOMPARE(open.tokens, 7);
    QCOMPARE(open.finish, QStringLiteral("length"));
    // The legacy completions route takes it too.
    const Reply completion = post(*endpoint, QStringLiteral("/v1/completions"),
                                  { { QStringLiteral("prompt"), QStringLiteral("Count to ten.") },
                                    { QStringLiteral("max_tokens"), 12 },
                                    { QStringLiteral("ignore_eos"), true } });
    QCOMPARE(completion.status, 200);
    QCOMPARE(completion.json()
                 .value(QLatin1String("usage"))
                 .toObject()
                 .value(QLatin1String("completion_tokens"))
                 .toInt(),
             12);
}

void TestOutputLength::minTokensIsAFloor()
{
    const auto endpoint = start(1.0);
    for (int i = 0; i < 10; ++i) {
        const Outcome o
            = chat(*endpoint, { { QStringLiteral("max_tokens"), 20 }, { QStringLiteral("min_tokens"), 17 } });
        QVERIFY2(o.tokens >= 17 && o.tokens <= 19, qPrintable(QString::number(o.tokens)));
        QCOMPARE(o.finish, QStringLiteral("stop"));
    }
    // min_tokens = max_tokens leaves no room to stop early.
    const Outcome full
        = chat(*endpoint, { { QStringLiteral("max_tokens"), 20 }, { QStringLiteral("min_tokens"), 20 } });
    QCOMPARE(full.tokens, 20);
    QCOMPARE(full.finish, QStringLiteral("length"));
    // Without max_tokens it pushes the natural length past the default (7).
    const Outcome open = chat(*endpoint, { { QStringLiteral("min_tokens"), 15 } });
    QCOMPARE(open.tokens, 15);
    QCOMPARE(open.finish, QStringLiteral("stop"));
    // Off: min_tokens changes nothing when the request runs to max_tokens anyway.
    const auto off = start(0);
    const Outcome plain
        = chat(*off, { { QStringLiteral("max_tokens"), 20 }, { QStringLiteral("min_tokens"), 3 } });
    QCOMPARE(plain.tokens, 20);
    QCOMPARE(plain.finish, QStringLiteral("length"));
}

void TestOutputLength::llamaCppIgnoreEos()
{
    const auto endpoint = start(1.0);
    const auto complete = [&](bool ignoreEos) {
        return post(*endpoint, QStringLiteral("/completion"),
                    { { QStringLiteral("prompt"), QStringLiteral("Once upon a time") },
                      { QStringLiteral("n_predict"), 12 },
                      { QStringLiteral("ignore_eos"), ignoreEos } })
            .json();
    };
    const QJsonObject ignored = complete(true);
    QCOMPARE(ignored.value(QLatin1String("tokens_predicted")).toInt(), 12);
    QCOMPARE(ignored.value(QLatin1String("stop_type")).toString(), QStringLiteral("limit"));
    QCOMPARE(ignored.value(QLatin1String("stopped_limit")).toBool(), true);
    const QJsonObject natural = complete(false);
    QVERIFY(natural.value(QLatin1String("tokens_predicted")).toInt() < 12);
    QCOMPARE(natural.value(QLatin1String("stop_type")).toString(), QStringLiteral("eos"));
    QCOMPARE(natural.value(QLatin1String("stopped_eos")).toBool(), true);
    // llama.cpp has no min_tokens: it is not read there (and not refused either).
    const Reply withMin = post(*endpoint, QStringLiteral("/completion"),
                               { { QStringLiteral("prompt"), QStringLiteral("x") },
                                 { QStringLiteral("n_predict"), 4 },
                                 { QStringLiteral("min_tokens"), 99 } });
    QCOMPARE(withMin.status, 200);
}

void TestOutputLength::streamsEndWhereThePlanSays_data()
{
    QTest::addColumn<bool>("ignoreEos");
    QTest::newRow("early stop") << false;
    QTest::newRow("ignore_eos") << true;
}

void TestOutputLength::streamsEndWhereThePlanSays()
{
    QFETCH(bool, ignoreEos);
    const auto endpoint = start(1.0);
    // OpenAI chat: as many content chunks as the usage says, the finish reason on the last.
    const Reply chatStream = post(
        *endpoint, QStringLiteral("/v1/chat/completions"),
        { { QStringLiteral("messages"), userMessage() },
          { QStringLiteral("max_tokens"), 24 },
          { QStringLiteral("ignore_eos"), ignoreEos },
          { QStringLiteral("stream"), true },
          { QStringLiteral("stream_options"), QJsonObject { { QStringLiteral("include_usage"), true } } } });
    QCOMPARE(chatStream.status, 200);
    int chunks = 0;
    int usageTokens = -1;
    QString finish;
    for (const QJsonObject &o : sseObjects(chatStream.body)) {
        const QJsonArray choices = o.value(QLatin1String("choices")).toArray();
        if (choices.isEmpty()) {
            usageTokens = o.value(QLatin1String("usage"))
                              .toObject()
                              .value(QLatin1String("completion_tokens"))
                              .toInt();
            continue;
        }
        const QJsonObject choice = choices.at(0).toObject();
        if (choice.value(QLatin1String("finish_reason")).isString())
            finish = choice.value(QLatin1String("finish_reason")).toString();
        else
            ++chunks;
    }
    QCOMPARE(usageTokens, chunks);
    QCOMPARE(finish, ignoreEos ? QStringLiteral("length") : QStringLiteral("stop"));
    QVERIFY(ignoreEos ? chunks == 24 : chunks < 24);

    // TGI (which takes no ignore_eos: it stops early here either way): its last token event
    // carries the text and the details, whatever the length.
    const Reply tgi = post(
        *endpoint, QStringLiteral("/generate_stream"),
        { { QStringLiteral("inputs"), QStringLiteral("Tell me a story.") },
          { QStringLiteral("parameters"), QJsonObject { { QStringLiteral("max_new_tokens"), 24 } } } });
    QCOMPARE(tgi.status, 200);
    const QList<QJsonObject> events = sseObjects(tgi.body);
    QVERIFY(!events.isEmpty() && events.size() < 24);
    const QJsonObject last = events.constLast();
    QVERIFY(last.value(QLatin1String("generated_text")).isString());
    const QJsonObject details = last.value(QLatin1String("details")).toObject();
    QCOMPARE(details.value(QLatin1String("finish_reason")).toString(), QStringLiteral("eos_token"));
    QCOMPARE(details.value(QLatin1String("generated_tokens")).toInt(), int(events.size()));
    for (qsizetype i = 0; i + 1 < events.size(); ++i)
        QVERIFY(events.at(i).value(QLatin1String("details")).isNull());
}

void TestOutputLength::dialectsWithoutTheFieldsIgnoreThem()
{
    // Anthropic takes neither field: with early stops on, ignore_eos there changes nothing.
    const auto endpoint = start(1.0);
    const Reply r = post(*endpoint, QStringLiteral("/v1/messages"),
                         { { QStringLiteral("messages"), userMessage() },
                           { QStringLiteral("max_tokens"), 30 },
                           { QStringLiteral("ignore_eos"), true },
                           { QStringLiteral("min_tokens"), 29 } });
    QCOMPARE(r.status, 200);
    const QJsonObject o = r.json();
    QCOMPARE(o.value(QLatin1String("stop_reason")).toString(), QStringLiteral("end_turn"));
    QVERIFY(o.value(QLatin1String("usage")).toObject().value(QLatin1String("output_tokens")).toInt() < 30);
}

void TestOutputLength::badValuesAreRefused_data()
{
    QTest::addColumn<QJsonObject>("extra");
    QTest::addColumn<QString>("message");
    QTest::newRow("min_tokens above max_tokens")
        << QJsonObject { { QStringLiteral("max_tokens"), 5 }, { QStringLiteral("min_tokens"), 6 } }
        << QStringLiteral("min_tokens must be less than or equal to max_tokens=5, got 6");
    QTest::newRow("negative min_tokens")
        << QJsonObject { { QStringLiteral("min_tokens"), -1 } } << QStringLiteral("min_tokens");
    QTest::newRow("fractional min_tokens")
        << QJsonObject { { QStringLiteral("min_tokens"), 2.5 } } << QStringLiteral("min_tokens");
    QTest::newRow("min_tokens as text")
        << QJsonObject { { QStringLiteral("min_tokens"), QStringLiteral("3") } }
        << QStringLiteral("min_tokens");
    QTest::newRow("ignore_eos as text")
        << QJsonObject { { QStringLiteral("ignore_eos"), QStringLiteral("yes") } }
        << QStringLiteral("ignore_eos must be a boolean");
}

void TestOutputLength::badValuesAreRefused()
{
    QFETCH(QJsonObject, extra);
    QFETCH(QString, message);
    const auto endpoint = start(0);
    QJsonObject body = extra;
    body.insert(QStringLiteral("messages"), userMessage());
    const Reply r = post(*endpoint, QStringLiteral("/v1/chat/completions"), body);
    QCOMPARE(r.status, 400);
    const QString text
        = r.json().value(QLatin1String("error")).toObject().value(QLatin1String("message")).toString();
    QVERIFY2(text.contains(message), qPrintable(text));
}

QTEST_GUILESS_MAIN(TestOutputLength)
#include "tst_outputlength.moc"
