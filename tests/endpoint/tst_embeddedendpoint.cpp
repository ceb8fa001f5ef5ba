// Talks to the embedded endpoint over real loopback sockets with a deliberately small raw
// HTTP/1.1 client written here: neither QNetworkAccessManager (six connections per host)
// nor the project's own client, whose bugs could otherwise hide the server's.

#include "endpoint/embeddedendpoint.h"
#include "endpoint/servertokenizer.h"

#include <QElapsedTimer>
#include <QEventLoop>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMap>
#include <QSignalSpy>
#include <QTcpSocket>
#include <QTest>
#include <QTimer>

#include <algorithm>
#include <functional>
#include <memory>
#include <numeric>
#include <utility>

#ifdef Q_OS_UNIX
#include <sys/resource.h>

using namespace Sim;
#endif

namespace {

qint64 nowNs()
{
    static QElapsedTimer clock = [] {
        QElapsedTimer t;
        t.start();
        return t;
    }();
    return clock.nsecsElapsed();
}

/// Runs the event loop until \a done holds or \a timeoutMs passes (no sleeps: timestamps
/// are taken in readyRead and must not wait for a poll).
bool waitUntil(const std::function<bool()> &done, int timeoutMs)
{
    if (done())
        return true;
    QEventLoop loop;
    QTimer poll;
    poll.setTimerType(Qt::PreciseTimer);
    QObject::connect(&poll, &QTimer::timeout, &loop, [&] {
        if (done())
            loop.quit();
    });
    poll.start(2);
    QTimer::singleShot(timeoutMs, &loop, &QEventLoop::quit);
    loop.exec();
    return done();
}

struct RawResponse
{
    int status = 0;
    QMap<QByteArray, QByteArray> headers; // lower-case names
    QByteArray body; // de-chunked
    QList<QByteArray> chunks;
    QList<qint64> chunkNs; // arrival of each chunk
    qint64 sentNs = 0;
    qint64 headNs = 0;
    qint64 bodyBytesOnWire = 0;
    bool chunked = false;
    bool complete = false; // terminating chunk or full Content-Length seen
    bool closed = false; // the server closed or reset the connection
    int reads = 0;
};

/// One connection; requests are sent one after another on it (keep-alive).
class RawClient
{
public:
    explicit RawClient(quint16 port)
    {
        m_socket.setSocketOption(QAbstractSocket::LowDelayOption, 1);
        QObject::connect(&m_socket, &QTcpSocket::readyRead, [this] { onReadyRead(); });
        QObject::connect(&m_socket, &QTcpSocket::disconnected, [this] { onClosed(); });
        QObject::connect(&m_socket, &QTcpSocket::errorOccurred, [this] { onClosed(); });
        QObject::connect(&m_socket, &QTcpSocket::connected, [this] {
            if (!m_pending.isEmpty())
                writeNow(std::exchange(m_pending, {}));
        });
        m_socket.connectToHost(QStringLiteral("127.0.0.1"), port);
    }

    void send(const QByteArray &method, const QByteArray &path, const QByteArray &body = {},
              const QList<QByteArray> &extraHeaders = {})
    {
        QByteArray request = method + ' ' + path + QByteArrayLiteral(" HTTP/1.1\r\nHost: 127.0.0.1\r\n");
        for (const QByteArray &header : extraHeaders)
            request += header + QByteArrayLiteral("\r\n");
        if (!body.isEmpty() || method == "POST") {
            request += QByteArrayLiteral("Content-Type: application/json\r\nContent-Length: ")
                + QByteArray::number(body.size()) + QByteArrayLiteral("\r\n");
        }
        request += QByteArrayLiteral("\r\n") + body;
        sendRaw(request);
    }

    void sendRaw(const QByteArray &bytes)
    {
        response = RawResponse {};
        m_inHead = true;
        m_done = false;
        if (m_socket.state() == QAbstractSocket::ConnectedState)
            writeNow(bytes);
        else
            m_pending = bytes; // sent from connected(): the clock starts then
    }

    bool wait(int timeoutMs = 10000)
    {
        return waitUntil([this] { return m_done; }, timeoutMs);
    }

    bool isDone() const { return m_done; }
    QTcpSocket &socket() { return m_socket; }

    RawResponse response;

private:
    void writeNow(const QByteArray &bytes)
    {
        response.sentNs = nowNs();
        m_socket.write(bytes);
        m_socket.flush();
    }

    void onReadyRead()
    {
        const qint64 t = nowNs();
        ++response.reads;
        m_buffer += m_socket.readAll();
        parse(t);
    }

    void parse(qint64 t)
    {
        if (m_inHead) {
            const qsizetype end = m_buffer.indexOf("\r\n\r\n");
            if (end < 0)
                return;
            const QList<QByteArray> lines = m_buffer.left(end).split('\n');
            m_buffer.remove(0, end + 4);
            response.status = lines.first().split(' ').value(1).toInt();
            if (response.status == 100)
                return parse(t);
            for (qsizetype i = 1; i < lines.size(); ++i) {
                const qsizetype colon = lines.at(i).indexOf(':');
                response.headers.insert(lines.at(i).left(colon).trimmed().toLower(),
                                        lines.at(i).mid(colon + 1).trimmed());
            }
            response.headNs = t;
            response.chunked = response.headers.value("transfer-encoding") == "chunked";
            m_remaining = response.headers.value("content-length").toLongLong();
            m_inHead = false;
        }
        if (m_done)
            return;
        if (!response.chunked) {
            const qint64 take = std::min<qint64>(m_remaining, m_buffer.size());
            response.body += m_buffer.left(take);
            response.bodyBytesOnWire += take;
            m_buffer.remove(0, take);
            m_remaining -= take;
            if (m_remaining == 0) {
                response.complete = true;
                m_done = true;
            }
            return;
        }
        for (;;) {
            const qsizetype lineEnd = m_buffer.indexOf("\r\n");
            if (lineEnd < 0)
                return;
            bool ok = false;
            const qint64 size = m_buffer.left(lineEnd).toLongLong(&ok, 16);
            if (!ok) {
                m_done = true; // framing error: the test fails on !complete
                return;
            }
            if (m_buffer.size() < lineEnd + 2 + size + 2)
                return;
            response.bodyBytesOnWire += lineEnd + 2 + size + 2;
            if (size == 0) {
                m_buffer.remove(0, lineEnd + 4);
                response.complete = true;
                m_done = true;
                return;
            }
            const QByteArray chunk = m_buffer.mid(lineEnd + 2, size);
            m_buffer.remove(0, lineEnd + 2 + size + 2);
            response.body += chunk;
            response.chunks.append(chunk);
            response.chunkNs.append(t);
        }
    }

    void onClosed()
    {
        if (m_socket.bytesAvailable() > 0)
            onReadyRead();
        response.closed = true;
        m_done = true;
    }

    QTcpSocket m_socket;
    QByteArray m_buffer;
    QByteArray m_pending;
    qint64 m_remaining = 0;
    bool m_inHead = true;
    bool m_done = false;
};

RawResponse fetch(quint16 port, const QByteArray &method, const QByteArray &path, const QByteArray &body = {},
                  const QList<QByteArray> &headers = {}, int timeoutMs = 10000)
{
    RawClient client(port);
    client.send(method, path, body, headers);
    client.wait(timeoutMs);
    return client.response;
}

struct SseEvent
{
    QByteArray event;
    QByteArray data;
};

/// The test's own SSE reading: blank-line separated events, "data:" with optional space.
QList<SseEvent> parseSse(const QByteArray &body)
{
    QList<SseEvent> events;
    const QList<QByteArray> blocks = QByteArray(body).replace("\r\n", "\n").split('\n');
    SseEvent current;
    bool any = false;
    for (const QByteArray &line : blocks) {
        if (line.isEmpty()) {
            if (any)
                events.append(current);
            current = SseEvent {};
            any = false;
            continue;
        }
        any = true;
        if (line.startsWith("event:")) {
            current.event = line.mid(6).trimmed();
        } else if (line.startsWith("data:")) {
            QByteArray data = line.mid(5);
            if (data.startsWith(' '))
                data.remove(0, 1);
            current.data += data;
        }
    }
    if (any)
        events.append(current);
    return events;
}

QJsonObject object(const QByteArray &json, bool *ok = nullptr)
{
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(json, &error);
    if (ok)
        *ok = error.error == QJsonParseError::NoError && document.isObject();
    return document.object();
}

QJsonValue at(const QJsonValue &root, const QString &path)
{
    QJsonValue value = root;
    for (const QString &step : path.split(QLatin1Char('.'))) {
        bool isIndex = false;
        const int index = step.toInt(&isIndex);
        value = isIndex ? value.toArray().at(index) : value.toObject().value(step);
    }
    return value;
}

// Hello(2) world(2) ,(1) 你好世界(4) !(1) How(1) are(1) you(1) ?(1) = 14 by the documented rules
const QString Prompt = QStringLiteral("Hello world, 你好世界! How are you?");
constexpr int PromptTokens = 14;

QByteArray jsonBody(const QJsonObject &object)
{
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

QJsonArray chatMessages()
{
    return { QJsonObject { { QStringLiteral("role"), QStringLiteral("user") },
                           { QStringLiteral("content"), Prompt } } };
}

/// What a stream says, whatever its dialect.
struct StreamSummary
{
    QString text;
    int tokens = 0;
    int promptTokens = -1;
    int completionTokens = -1;
    QString finish;
    bool terminated = false; // the dialect's own end marker seen
};

LatencyModel fastModel()
{
    LatencyModel model;
    model.networkMs = 5;
    model.promptMsPerToken = 0.1;
    model.inferenceMs = 10;
    model.generationMsPerToken = 2;
    model.postprocessMs = 2;
    model.jitter = 0.1;
    return model;
}

} // namespace

class TestEmbeddedEndpoint : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void tokenizerRules();
    void faultNames();
    void streams_data();
    void streams();
    void nonStreaming_data();
    void nonStreaming();
    void defaultLengthStopsNaturally();
    void textIsDeterministicAndMultibyte();
    void listsAndErrors();
    void malformedRequests();
    void firstTokenDelay();
    void serverTimingsAreReal();
    void faults_data();
    void faults();
    void stallKeepsConnectionOpen();
    void tinyReadsDecodeToSameBody();
    void faultProbability();
    void keepAliveOnEndpointThread();
    void fiveHundredConcurrentStreams();
    void batchingHasACost();

private:
    quint16 port() const { return quint16(m_runner->baseUrl().port()); }
    void restart(const LatencyModel &model, EndpointFault fault = EndpointFault::None,
                 double probability = 0);

    std::unique_ptr<EmbeddedEndpointRunner> m_runner;
};

namespace {

StreamSummary summarize(const QString &kind, const RawResponse &r, QString *problem)
{
    StreamSummary s;
    const auto fail = [problem](const QString &what) {
        *problem = what;
    };
    if (kind == QLatin1String("ollama")) {
        const QList<QByteArray> lines = r.body.split('\n');
        bool sawFinal = false;
        for (const QByteArray &line : lines) {
            if (line.isEmpty())
                continue;
            bool ok = false;
            const QJsonObject o = object(line, &ok);
            if (!ok) {
                fail(QStringLiteral("bad NDJSON line"));
                return s;
            }
            if (sawFinal) {
                fail(QStringLiteral("line after done"));
                return s;
            }
            if (o.value(QLatin1String("done")).toBool()) {
                sawFinal = true;
                s.finish = o.value(QLatin1String("done_reason")).toString();
                s.promptTokens = o.value(QLatin1String("prompt_eval_count")).toInt(-1);
                s.completionTokens = o.value(QLatin1String("eval_count")).toInt(-1);
                if (o.value(QLatin1String("eval_duration")).toDouble() <= 0
                    || o.value(QLatin1String("total_duration")).toDouble()
                        < o.value(QLatin1String("eval_duration")).toDouble())
                    fail(QStringLiteral("bad durations"));
            } else {
                s.text += at(o, QStringLiteral("message.content")).toString();
                ++s.tokens;
            }
        }
        s.terminated = sawFinal;
        return s;
    }

    const QList<SseEvent> events = parseSse(r.body);
    if (events.isEmpty()) {
        fail(QStringLiteral("no events"));
        return s;
    }
    for (qsizetype i = 0; i < events.size(); ++i) {
        const SseEvent &e = events.at(i);
        const bool last = i + 1 == events.size();
        if (e.data == "[DONE]") {
            if (!last)
                fail(QStringLiteral("[DONE] is not last"));
            s.terminated = true;
            continue;
        }
        bool ok = false;
        const QJsonObject o = object(e.data, &ok);
        if (!ok) {
            fail(QStringLiteral("event %1 is not JSON: %2").arg(i).arg(QString::fromUtf8(e.data)));
            return s;
        }
        if (kind == QLatin1String("openai-chat") || kind == QLatin1String("openai-completions")) {
            if (o.value(QLatin1String("choices")).toArray().isEmpty()) {
                s.promptTokens = at(o, QStringLiteral("usage.prompt_tokens")).toInt(-1);
                s.completionTokens = at(o, QStringLiteral("usage.completion_tokens")).toInt(-1);
                if (at(o, QStringLiteral("usage.total_tokens")).toInt()
                    != s.promptTokens + s.completionTokens)
                    fail(QStringLiteral("total_tokens"));
                continue;
            }
            const QJsonValue finish = at(o, QStringLiteral("choices.0.finish_reason"));
            const QString piece = kind == QLatin1String("openai-chat")
                ? at(o, QStringLiteral("choices.0.delta.content")).toString()
                : at(o, QStringLiteral("choices.0.text")).toString();
            if (finish.isString()) {
                s.finish = finish.toString();
                if (at(o, QStringLiteral("timings.predicted_n")).toInt() != s.tokens
                    || at(o, QStringLiteral("timings.prompt_n")).toInt() != PromptTokens
                    || at(o, QStringLiteral("timings.predicted_ms")).toDouble() <= 0)
                    fail(QStringLiteral("timings on the final chunk"));
            } else {
                if (kind == QLatin1String("openai-chat") && s.tokens == 0
                    && at(o, QStringLiteral("choices.0.delta.role")).toString() != QLatin1String("assistant"))
                    fail(QStringLiteral("first delta has no role"));
                if (o.value(QLatin1String("object")).toString()
                    != (kind == QLatin1String("openai-chat") ? QLatin1String("chat.completion.chunk")
                                                             : QLatin1String("text_completion")))
                    fail(QStringLiteral("object"));
                s.text += piece;
                ++s.tokens;
            }
        } else if (kind == QLatin1String("openai-responses")) {
            if (o.value(QLatin1String("type")).toString() != QString::fromUtf8(e.event))
                fail(QStringLiteral("type differs from event name"));
            if (i == 0 && e.event != "response.created")
                fail(QStringLiteral("first event"));
            if (o.value(QLatin1String("sequence_number")).toInt(-1) != i)
                fail(QStringLiteral("sequence_number out of order"));
            if (e.event == "response.output_text.delta") {
                s.text += o.value(QLatin1String("delta")).toString();
                ++s.tokens;
            } else if (e.event == "response.output_text.done") {
                if (o.value(QLatin1String("text")).toString() != s.text)
                    fail(QStringLiteral("output_text.done text"));
            } else if (e.event == "response.completed") {
                if (!last)
                    fail(QStringLiteral("completed is not last"));
                s.terminated = true;
                s.finish = at(o, QStringLiteral("response.status")).toString();
                s.promptTokens = at(o, QStringLiteral("response.usage.input_tokens")).toInt(-1);
                s.completionTokens = at(o, QStringLiteral("response.usage.output_tokens")).toInt(-1);
            }
        } else if (kind == QLatin1String("anthropic")) {
            if (o.value(QLatin1String("type")).toString() != QString::fromUtf8(e.event))
                fail(QStringLiteral("type differs from event name"));
            if (i == 0 && e.event != "message_start")
                fail(QStringLiteral("first event"));
            if (e.event == "message_start") {
                s.promptTokens = at(o, QStringLiteral("message.usage.input_tokens")).toInt(-1);
            } else if (e.event == "content_block_delta") {
                if (at(o, QStringLiteral("delta.type")).toString() != QLatin1String("text_delta"))
                    fail(QStringLiteral("delta type"));
                s.text += at(o, QStringLiteral("delta.text")).toString();
                ++s.tokens;
            } else if (e.event == "message_delta") {
                s.finish = at(o, QStringLiteral("delta.stop_reason")).toString();
                s.completionTokens = at(o, QStringLiteral("usage.output_tokens")).toInt(-1);
            } else if (e.event == "message_stop") {
                s.terminated = last;
            }
        } else if (kind == QLatin1String("gemini")) {
            const QString piece = at(o, QStringLiteral("candidates.0.content.parts.0.text")).toString();
            const QJsonValue finish = at(o, QStringLiteral("candidates.0.finishReason"));
            if (finish.isString()) {
                s.finish = finish.toString();
                s.terminated = last;
                s.promptTokens = at(o, QStringLiteral("usageMetadata.promptTokenCount")).toInt(-1);
                s.completionTokens = at(o, QStringLiteral("usageMetadata.candidatesTokenCount")).toInt(-1);
            } else {
                s.text += piece;
                ++s.tokens;
            }
        } else if (kind == QLatin1String("llamacpp")) {
            if (o.value(QLatin1String("stop")).toBool()) {
                s.terminated = last;
                s.finish = o.value(QLatin1String("stop_type")).toString();
                s.promptTokens = o.value(QLatin1String("tokens_evaluated")).toInt(-1);
                s.completionTokens = o.value(QLatin1String("tokens_predicted")).toInt(-1);
                if (at(o, QStringLiteral("timings.predicted_n")).toInt() != s.completionTokens)
                    fail(QStringLiteral("timings"));
            } else {
                s.text += o.value(QLatin1String("content")).toString();
                ++s.tokens;
            }
        } else if (kind == QLatin1String("tgi")) {
            if (!r.body.startsWith("data:{"))
                fail(QStringLiteral("TGI writes data: without a space"));
            s.text += at(o, QStringLiteral("token.text")).toString();
            ++s.tokens;
            const QJsonValue generated = o.value(QLatin1String("generated_text"));
            if (generated.isString()) {
                s.terminated = last;
                if (generated.toString() != s.text)
                    fail(QStringLiteral("generated_text"));
                s.finish = at(o, QStringLiteral("details.finish_reason")).toString();
                s.completionTokens = at(o, QStringLiteral("details.generated_tokens")).toInt(-1);
                s.promptTokens = PromptTokens; // TGI streams report no usage
            } else if (!o.value(QLatin1String("details")).isNull()) {
                fail(QStringLiteral("details before the end"));
            }
        } else if (kind == QLatin1String("plain")) {
            s.text += o.value(QLatin1String("token")).toString();
            ++s.tokens;
        }
    }
    return s;
}

} // namespace

void TestEmbeddedEndpoint::initTestCase()
{
#ifdef Q_OS_UNIX
    // 500 streams are 1000 sockets in this process (both ends).
    rlimit limit {};
    QCOMPARE(::getrlimit(RLIMIT_NOFILE, &limit), 0);
    limit.rlim_cur = limit.rlim_max;
    ::setrlimit(RLIMIT_NOFILE, &limit);
#endif
    restart(fastModel());
}

void TestEmbeddedEndpoint::restart(const LatencyModel &model, EndpointFault fault, double probability)
{
    m_runner = std::make_unique<EmbeddedEndpointRunner>();
    QVERIFY2(m_runner->start(model, fault, probability), qPrintable(m_runner->errorString()));
    QCOMPARE(m_runner->baseUrl().host(), QStringLiteral("127.0.0.1"));
}

void TestEmbeddedEndpoint::tokenizerRules()
{
    QCOMPARE(ServerTokenizer::countTokens(Prompt), PromptTokens);
    QCOMPARE(ServerTokenizer::countTokens(u""), 0);
    QCOMPARE(ServerTokenizer::countTokens(u"abcd"), 1);
    QCOMPARE(ServerTokenizer::countTokens(u"abcde"), 2);
    QCOMPARE(ServerTokenizer::countTokens(u"模型延迟"), 4);
    QCOMPARE(ServerTokenizer::countTokens(QStringLiteral("go 🚀!")), 3);
}

void TestEmbeddedEndpoint::faultNames()
{
    const QStringList names = EndpointFaults::names();
    QCOMPARE(names.size(), 9);
    for (const QString &name : names)
        QCOMPARE(EndpointFaults::name(EndpointFaults::fromName(name).value()), name);
    QCOMPARE(EndpointFaults::fromName(u"tiny-reads"), EndpointFault::TinyReads);
    QVERIFY(!EndpointFaults::fromName(u"bogus"));
}

void TestEmbeddedEndpoint::streams_data()
{
    QTest::addColumn<QString>("kind");
    QTest::addColumn<QByteArray>("path");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QString>("finish");
    QTest::addColumn<QByteArray>("contentType");

    const int n = 12;
    const QByteArray sse = QByteArrayLiteral("text/event-stream");
    QTest::newRow("openai-chat") << QStringLiteral("openai-chat") << QByteArrayLiteral("/v1/chat/completions")
                                 << jsonBody(
                                        { { QStringLiteral("model"), QStringLiteral("m") },
                                          { QStringLiteral("messages"), chatMessages() },
                                          { QStringLiteral("stream"), true },
                                          { QStringLiteral("max_tokens"), n },
                                          { QStringLiteral("stream_options"),
                                            QJsonObject { { QStringLiteral("include_usage"), true } } } })
                                 << QStringLiteral("length") << sse;
    QTest::newRow("openai-chat max_completion_tokens")
        << QStringLiteral("openai-chat") << QByteArrayLiteral("/v1/chat/completions")
        << jsonBody({ { QStringLiteral("messages"), chatMessages() },
                      { QStringLiteral("stream"), true },
                      { QStringLiteral("max_completion_tokens"), n },
                      { QStringLiteral("stream_options"),
                        QJsonObject { { QStringLiteral("include_usage"), true } } } })
        << QStringLiteral("length") << sse;
    QTest::newRow("openai-completions")
        << QStringLiteral("openai-completions") << QByteArrayLiteral("/v1/completions")
        << jsonBody({ { QStringLiteral("prompt"), Prompt },
                      { QStringLiteral("stream"), true },
                      { QStringLiteral("max_tokens"), n },
                      { QStringLiteral("stream_options"),
                        QJsonObject { { QStringLiteral("include_usage"), true } } } })
        << QStringLiteral("length") << sse;
    QTest::newRow("openai-responses")
        << QStringLiteral("openai-responses") << QByteArrayLiteral("/v1/responses")
        << jsonBody({ { QStringLiteral("input"), Prompt },
                      { QStringLiteral("stream"), true },
                      { QStringLiteral("max_output_tokens"), n } })
        << QStringLiteral("completed") << sse;
    QTest::newRow("anthropic") << QStringLiteral("anthropic") << QByteArrayLiteral("/v1/messages")
                               << jsonBody({ { QStringLiteral("messages"), chatMessages() },
                                             { QStringLiteral("stream"), true },
                                             { QStringLiteral("max_tokens"), n } })
                               << QStringLiteral("max_tokens") << sse;
    QTest::newRow("gemini")
        << QStringLiteral("gemini")
        << QByteArrayLiteral("/v1beta/models/gemini-test:streamGenerateContent?alt=sse")
        << jsonBody({ { QStringLiteral("contents"),
                        QJsonArray { QJsonObject {
                            { QStringLiteral("role"), QStringLiteral("user") },
                            { QStringLiteral("parts"),
                              QJsonArray { QJsonObject { { QStringLiteral("text"), Prompt } } } } } } },
                      { QStringLiteral("generationConfig"),
                        QJsonObject { { QStringLiteral("maxOutputTokens"), n } } } })
        << QStringLiteral("MAX_TOKENS") << sse;
    QTest::newRow("ollama") << QStringLiteral("ollama") << QByteArrayLiteral("/api/chat")
                            << jsonBody({ { QStringLiteral("messages"), chatMessages() },
                                          { QStringLiteral("options"),
                                            QJsonObject { { QStringLiteral("num_predict"), n } } } })
                            << QStringLiteral("length") << QByteArrayLiteral("application/x-ndjson");
    QTest::newRow("llamacpp") << QStringLiteral("llamacpp") << QByteArrayLiteral("/completion")
                              << jsonBody({ { QStringLiteral("prompt"), Prompt },
                                            { QStringLiteral("stream"), true },
                                            { QStringLiteral("n_predict"), n } })
                              << QStringLiteral("limit") << sse;
    QTest::newRow("tgi") << QStringLiteral("tgi") << QByteArrayLiteral("/generate_stream")
                         << jsonBody({ { QStringLiteral("inputs"), Prompt },
                                       { QStringLiteral("parameters"),
                                         QJsonObject { { QStringLiteral("max_new_tokens"), n } } } })
                         << QStringLiteral("length") << sse;
    QTest::newRow("plain") << QStringLiteral("plain") << QByteArrayLiteral("/v1/chat/stream")
                           << jsonBody({ { QStringLiteral("prompt"), Prompt },
                                         { QStringLiteral("max_tokens"), n } })
                           << QString() << sse;
}

void TestEmbeddedEndpoint::streams()
{
    QFETCH(QString, kind);
    QFETCH(QByteArray, path);
    QFETCH(QByteArray, body);
    QFETCH(QString, finish);
    QFETCH(QByteArray, contentType);

    const RawResponse r = fetch(port(), "POST", path, body);
    QCOMPARE(r.status, 200);
    QVERIFY(r.chunked);
    QVERIFY2(r.complete, "no terminating chunk");
    QVERIFY(!r.closed);
    QCOMPARE(r.headers.value("content-type"), contentType);

    QString problem;
    const StreamSummary s = summarize(kind, r, &problem);
    QVERIFY2(problem.isEmpty(), qPrintable(problem));
    QVERIFY2(s.terminated || kind == QLatin1String("plain"), "no final event");
    QCOMPARE(s.tokens, 12);
    QVERIFY(!s.text.isEmpty());
    QCOMPARE(s.finish, finish);
    if (kind != QLatin1String("plain")) {
        if (kind != QLatin1String("anthropic"))
            QCOMPARE(s.completionTokens, 12);
        QCOMPARE(s.promptTokens, PromptTokens);
    }
    if (kind == QLatin1String("anthropic"))
        QCOMPARE(s.completionTokens, 12);
    if (kind == QLatin1String("plain"))
        QCOMPARE(parseSse(r.body).last().data, QByteArrayLiteral("[DONE]"));
}

void TestEmbeddedEndpoint::nonStreaming_data()
{
    QTest::addColumn<QByteArray>("path");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QString>("textPath");
    QTest::addColumn<QString>("completionPath");
    QTest::addColumn<QString>("promptPath");

    const int n = 9;
    QTest::newRow("openai-chat") << QByteArrayLiteral("/v1/chat/completions")
                                 << jsonBody({ { QStringLiteral("messages"), chatMessages() },
                                               { QStringLiteral("max_tokens"), n } })
                                 << QStringLiteral("choices.0.message.content")
                                 << QStringLiteral("usage.completion_tokens")
                                 << QStringLiteral("usage.prompt_tokens");
    QTest::newRow("openai-completions")
        << QByteArrayLiteral("/v1/completions")
        << jsonBody({ { QStringLiteral("prompt"), Prompt }, { QStringLiteral("max_tokens"), n } })
        << QStringLiteral("choices.0.text") << QStringLiteral("usage.completion_tokens")
        << QStringLiteral("usage.prompt_tokens");
    QTest::newRow("openai-responses")
        << QByteArrayLiteral("/v1/responses")
        << jsonBody({ { QStringLiteral("input"), Prompt }, { QStringLiteral("max_output_tokens"), n } })
        << QStringLiteral("output.0.content.0.text") << QStringLiteral("usage.output_tokens")
        << QStringLiteral("usage.input_tokens");
    QTest::newRow("anthropic") << QByteArrayLiteral("/v1/messages")
                               << jsonBody({ { QStringLiteral("messages"), chatMessages() },
                                             { QStringLiteral("max_tokens"), n } })
                               << QStringLiteral("content.0.text") << QStringLiteral("usage.output_tokens")
                               << QStringLiteral("usage.input_tokens");
    QTest::newRow("gemini")
        << QByteArrayLiteral("/v1beta/models/gemini-test:generateContent")
        << jsonBody({ { QStringLiteral("contents"),
                        QJsonArray { QJsonObject {
                            { QStringLiteral("parts"),
                              QJsonArray { QJsonObject { { QStringLiteral("text"), Prompt } } } } } } },
                      { QStringLiteral("generationConfig"),
                        QJsonObject { { QStringLiteral("maxOutputTokens"), n } } } })
        << QStringLiteral("candidates.0.content.parts.0.text")
        << QStringLiteral("usageMetadata.candidatesTokenCount")
        << QStringLiteral("usageMetadata.promptTokenCount");
    QTest::newRow("ollama") << QByteArrayLiteral("/api/chat")
                            << jsonBody({ { QStringLiteral("messages"), chatMessages() },
                                          { QStringLiteral("stream"), false },
                                          { QStringLiteral("options"),
                                            QJsonObject { { QStringLiteral("num_predict"), n } } } })
                            << QStringLiteral("message.content") << QStringLiteral("eval_count")
                            << QStringLiteral("prompt_eval_count");
    QTest::newRow("llamacpp") << QByteArrayLiteral("/completion")
                              << jsonBody({ { QStringLiteral("prompt"), Prompt },
                                            { QStringLiteral("n_predict"), n } })
                              << QStringLiteral("content") << QStringLiteral("tokens_predicted")
                              << QStringLiteral("tokens_evaluated");
    QTest::newRow("tgi") << QByteArrayLiteral("/generate")
                         << jsonBody({ { QStringLiteral("inputs"), Prompt },
                                       { QStringLiteral("parameters"),
                                         QJsonObject { { QStringLiteral("max_new_tokens"), n } } } })
                         << QStringLiteral("generated_text") << QStringLiteral("details.generated_tokens")
                         << QStringLiteral("details.input_length");
}

void TestEmbeddedEndpoint::nonStreaming()
{
    QFETCH(QByteArray, path);
    QFETCH(QByteArray, body);
    QFETCH(QString, textPath);
    QFETCH(QString, completionPath);
    QFETCH(QString, promptPath);

    const RawResponse r = fetch(port(), "POST", path, body);
    QCOMPARE(r.status, 200);
    QVERIFY(!r.chunked);
    QVERIFY(r.complete);
    QCOMPARE(r.headers.value("content-type"), QByteArrayLiteral("application/json"));
    bool ok = false;
    const QJsonObject o = object(r.body, &ok);
    QVERIFY2(ok, r.body.constData());
    QVERIFY(!at(o, textPath).toString().isEmpty());
    QCOMPARE(at(o, completionPath).toInt(), 9);
    QCOMPARE(at(o, promptPath).toInt(), PromptTokens);
}

void TestEmbeddedEndpoint::defaultLengthStopsNaturally()
{
    LatencyModel model = fastModel();
    model.defaultMaxTokens = 7;
    restart(model);
    const RawResponse r = fetch(
        port(), "POST", "/v1/chat/completions",
        jsonBody({ { QStringLiteral("messages"), chatMessages() }, { QStringLiteral("stream"), true } }));
    QString problem;
    const StreamSummary s = summarize(QStringLiteral("openai-chat"), r, &problem);
    QVERIFY2(problem.isEmpty(), qPrintable(problem));
    QCOMPARE(s.tokens, 7);
    QCOMPARE(s.finish, QStringLiteral("stop"));
    QCOMPARE(s.completionTokens, -1); // no usage chunk without stream_options.include_usage
    restart(fastModel());
}

void TestEmbeddedEndpoint::textIsDeterministicAndMultibyte()
{
    const QByteArray body
        = jsonBody({ { QStringLiteral("prompt"), Prompt }, { QStringLiteral("max_tokens"), 200 } });
    QString problem;
    const StreamSummary a
        = summarize(QStringLiteral("plain"), fetch(port(), "POST", "/v1/chat/stream", body), &problem);
    const StreamSummary b
        = summarize(QStringLiteral("plain"), fetch(port(), "POST", "/v1/chat/stream", body), &problem);
    const StreamSummary c
        = summarize(QStringLiteral("plain"),
                    fetch(port(), "POST", "/v1/chat/stream",
                          jsonBody({ { QStringLiteral("prompt"), QStringLiteral("another prompt") },
                                     { QStringLiteral("max_tokens"), 200 } })),
                    &problem);
    QVERIFY2(problem.isEmpty(), qPrintable(problem));
    QCOMPARE(a.tokens, 200);
    QCOMPARE(a.text, b.text);
    QVERIFY(a.text != c.text);
    bool cjk = false, astral = false, latin = false;
    for (qsizetype i = 0; i < a.text.size(); ++i) {
        const QChar ch = a.text.at(i);
        cjk |= ServerTokenizer::isCjk(ch.unicode());
        astral |= ch.isHighSurrogate(); // a 4-byte UTF-8 sequence
        latin |= ch.isLetter() && ch.unicode() < 128;
    }
    QVERIFY(cjk);
    QVERIFY(astral);
    QVERIFY(latin);
}

void TestEmbeddedEndpoint::listsAndErrors()
{
    RawResponse r = fetch(port(), "GET", "/v1/models");
    QCOMPARE(r.status, 200);
    QJsonObject o = object(r.body);
    QCOMPARE(o.value(QLatin1String("object")).toString(), QStringLiteral("list"));
    QCOMPARE(at(o, QStringLiteral("data.0.object")).toString(), QStringLiteral("model"));
    QVERIFY(!at(o, QStringLiteral("data.0.id")).toString().isEmpty());

    r = fetch(port(), "GET", "/api/tags");
    QCOMPARE(r.status, 200);
    QVERIFY(!at(object(r.body), QStringLiteral("models.0.name")).toString().isEmpty());

    r = fetch(port(), "GET", "/no/such/path");
    QCOMPARE(r.status, 404);
    QVERIFY(at(object(r.body), QStringLiteral("error.message")).isString());

    r = fetch(port(), "GET", "/v1/chat/completions");
    QCOMPARE(r.status, 405);
    QCOMPARE(r.headers.value("allow"), QByteArrayLiteral("POST"));

    r = fetch(port(), "POST", "/v1/models", "{}");
    QCOMPARE(r.status, 405);

    r = fetch(port(), "POST", "/v1/chat/completions", "{\"messages\": [");
    QCOMPARE(r.status, 400);
    o = object(r.body);
    QCOMPARE(at(o, QStringLiteral("error.type")).toString(), QStringLiteral("invalid_request_error"));
    QVERIFY(!at(o, QStringLiteral("error.message")).toString().isEmpty());

    r = fetch(port(), "POST", "/v1/chat/completions", "[1,2]");
    QCOMPARE(r.status, 400);

    r = fetch(port(), "POST", "/v1/chat/stream", "{}",
              { QByteArrayLiteral("X-TokenScope-Fault: no-such-fault") });
    QCOMPARE(r.status, 400);

    r = fetch(port(), "GET", "/stats");
    QCOMPARE(r.status, 200);
    o = object(r.body);
    for (const char *key :
         { "requests", "streams", "active_streams", "peak_streams", "tokens", "connections" })
        QVERIFY2(o.value(QLatin1String(key)).isDouble(), key);
    QVERIFY(o.value(QLatin1String("requests")).toInt() >= 9);
    const EndpointStats stats = m_runner->stats();
    QCOMPARE(stats.connections, qint64(o.value(QLatin1String("connections")).toInt()));
    QCOMPARE(stats.activeStreams, 0);
}

void TestEmbeddedEndpoint::malformedRequests()
{
    RawClient garbage(port());
    garbage.sendRaw(QByteArrayLiteral("THIS IS NOT HTTP\r\n\r\n"));
    QVERIFY(garbage.wait());
    QCOMPARE(garbage.response.status, 400);

    RawClient badHeader(port());
    badHeader.sendRaw(QByteArrayLiteral("GET /v1/models HTTP/1.1\r\nno colon here\r\n\r\n"));
    QVERIFY(badHeader.wait());
    QCOMPARE(badHeader.response.status, 400);

    RawClient bigHeaders(port());
    bigHeaders.sendRaw(QByteArrayLiteral("GET /v1/models HTTP/1.1\r\nX-Big: ") + QByteArray(20000, 'a')
                       + QByteArrayLiteral("\r\n\r\n"));
    QVERIFY(bigHeaders.wait());
    QCOMPARE(bigHeaders.response.status, 431);

    RawClient bigBody(port());
    bigBody.sendRaw(
        QByteArrayLiteral("POST /v1/chat/completions HTTP/1.1\r\nContent-Length: 999999999\r\n\r\n{"));
    QVERIFY(bigBody.wait());
    QCOMPARE(bigBody.response.status, 413);
    QVERIFY(bigBody.wait() && waitUntil([&] { return bigBody.response.closed; }, 2000));
}

void TestEmbeddedEndpoint::firstTokenDelay()
{
    LatencyModel model;
    model.networkMs = 50;
    model.inferenceMs = 100;
    model.promptMsPerToken = 0;
    model.generationMsPerToken = 5;
    model.postprocessMs = 5;
    model.jitter = 0;
    restart(model);

    const RawResponse r
        = fetch(port(), "POST", "/v1/chat/stream",
                jsonBody({ { QStringLiteral("prompt"), Prompt }, { QStringLiteral("max_tokens"), 4 } }));
    QVERIFY(r.complete);
    QVERIFY(!r.chunkNs.isEmpty());
    const double headMs = double(r.headNs - r.sentNs) / 1e6;
    const double firstTokenMs = double(r.chunkNs.first() - r.sentNs) / 1e6;
    QVERIFY2(headMs >= 45 && headMs < 150, qPrintable(QString::number(headMs)));
    QVERIFY2(firstTokenMs >= 140 && firstTokenMs <= 400, qPrintable(QString::number(firstTokenMs)));
    restart(fastModel());
}

void TestEmbeddedEndpoint::serverTimingsAreReal()
{
    LatencyModel model;
    model.networkMs = 10;
    model.promptMsPerToken = 5; // 14 prompt tokens -> 70 ms of prefill
    model.inferenceMs = 40;
    model.generationMsPerToken = 10;
    model.postprocessMs = 5;
    model.jitter = 0;
    restart(model);

    const RawResponse r = fetch(port(), "POST", "/v1/chat/completions",
                                jsonBody({ { QStringLiteral("messages"), chatMessages() },
                                           { QStringLiteral("stream"), true },
                                           { QStringLiteral("max_tokens"), 6 } }));
    QVERIFY(r.complete);
    QJsonObject timings;
    for (const SseEvent &e : parseSse(r.body)) {
        const QJsonObject o = object(e.data);
        if (o.contains(QLatin1String("timings")))
            timings = o.value(QLatin1String("timings")).toObject();
    }
    const double promptMs = timings.value(QLatin1String("prompt_ms")).toDouble();
    const double predictedMs = timings.value(QLatin1String("predicted_ms")).toDouble();
    // predicted: the first step (inference, 40) plus five decode steps (50)
    QVERIFY2(promptMs >= 68 && promptMs < 110, qPrintable(QString::number(promptMs)));
    QVERIFY2(predictedMs >= 85 && predictedMs < 160, qPrintable(QString::number(predictedMs)));
    // The client saw tokens ~as far apart as the server says it spent.
    const double clientMs = double(r.chunkNs.at(5) - r.chunkNs.at(0)) / 1e6;
    QVERIFY2(qAbs(clientMs - (predictedMs - 40)) < 25, qPrintable(QString::number(clientMs)));
    restart(fastModel());
}

void TestEmbeddedEndpoint::faults_data()
{
    QTest::addColumn<QString>("fault");
    QTest::addColumn<QString>("kind");
    QTest::addColumn<QByteArray>("path");
    QTest::addColumn<QByteArray>("body");

    const QByteArray chat = jsonBody({ { QStringLiteral("messages"), chatMessages() },
                                       { QStringLiteral("stream"), true },
                                       { QStringLiteral("max_tokens"), 10 } });
    const QByteArray ollama
        = jsonBody({ { QStringLiteral("messages"), chatMessages() },
                     { QStringLiteral("options"), QJsonObject { { QStringLiteral("num_predict"), 10 } } } });
    for (const char *fault : { "429", "500", "reset", "truncate", "malformed", "error-event" }) {
        const QString name = QString::fromLatin1(fault);
        QTest::addRow("%s openai-chat", fault)
            << name << QStringLiteral("openai-chat") << QByteArrayLiteral("/v1/chat/completions") << chat;
        QTest::addRow("%s anthropic", fault)
            << name << QStringLiteral("anthropic") << QByteArrayLiteral("/v1/messages") << chat;
        QTest::addRow("%s ollama", fault)
            << name << QStringLiteral("ollama") << QByteArrayLiteral("/api/chat") << ollama;
    }
}

void TestEmbeddedEndpoint::faults()
{
    QFETCH(QString, fault);
    QFETCH(QString, kind);
    QFETCH(QByteArray, path);
    QFETCH(QByteArray, body);

    const RawResponse r
        = fetch(port(), "POST", path, body, { QByteArrayLiteral("X-TokenScope-Fault: ") + fault.toLatin1() });
    const bool ollama = kind == QLatin1String("ollama");
    if (fault == QLatin1String("429") || fault == QLatin1String("500")) {
        QCOMPARE(r.status, fault.toInt());
        QVERIFY(r.complete);
        if (fault == QLatin1String("429"))
            QCOMPARE(r.headers.value("retry-after"), QByteArrayLiteral("1"));
        bool ok = false;
        const QJsonObject o = object(r.body, &ok);
        QVERIFY(ok);
        QVERIFY(o.contains(QLatin1String("error")));
        return;
    }
    QCOMPARE(r.status, 200);
    if (fault == QLatin1String("reset") || fault == QLatin1String("truncate")) {
        QVERIFY(r.closed);
        QVERIFY2(!r.complete, "the terminating chunk arrived");
        QVERIFY(!r.body.contains("[DONE]"));
        QVERIFY(!r.body.contains("message_stop"));
        QVERIFY(!r.body.contains("\"done\":true"));
        if (fault == QLatin1String("truncate")) {
            // A clean FIN keeps the bytes already sent: exactly the first three tokens.
            QString problem;
            const StreamSummary s = summarize(kind, r, &problem);
            QCOMPARE(s.tokens, 3);
        }
        return;
    }
    QVERIFY(r.complete);
    QVERIFY(!r.closed);
    if (fault == QLatin1String("malformed")) {
        int broken = 0;
        int tokens = 0;
        const QList<QByteArray> frames = ollama ? r.body.split('\n') : QList<QByteArray>();
        if (ollama) {
            for (const QByteArray &line : frames) {
                bool ok = false;
                if (!line.isEmpty() && (object(line, &ok), !ok))
                    ++broken;
                else if (line.contains("\"done\":false"))
                    ++tokens;
            }
        } else {
            for (const SseEvent &e : parseSse(r.body)) {
                bool ok = false;
                object(e.data, &ok);
                if (!ok && e.data != "[DONE]")
                    ++broken;
                else if (e.data.contains("delta"))
                    ++tokens;
            }
        }
        QCOMPARE(broken, 1);
        QVERIFY(tokens >= 10); // the stream went on after the broken chunk
        return;
    }
    // error-event: the dialect's own error, then a clean end without the success markers
    QVERIFY(!r.body.contains("[DONE]"));
    if (kind == QLatin1String("anthropic")) {
        const SseEvent last = parseSse(r.body).last();
        QCOMPARE(last.event, QByteArrayLiteral("error"));
        QCOMPARE(at(object(last.data), QStringLiteral("error.type")).toString(),
                 QStringLiteral("overloaded_error"));
    } else if (ollama) {
        const QList<QByteArray> lines = r.body.trimmed().split('\n');
        QCOMPARE(object(lines.last()).value(QLatin1String("error")).toString(),
                 QStringLiteral("simulated overload"));
        QCOMPARE(lines.size(), 4);
    } else {
        const SseEvent last = parseSse(r.body).last();
        QCOMPARE(at(object(last.data), QStringLiteral("error.type")).toString(),
                 QStringLiteral("server_error"));
        QCOMPARE(at(object(last.data), QStringLiteral("error.message")).toString(),
                 QStringLiteral("simulated overload"));
    }
}

void TestEmbeddedEndpoint::stallKeepsConnectionOpen()
{
    LatencyModel model = fastModel();
    model.generationMsPerToken = 10;
    restart(model);
    RawClient client(port());
    client.send("POST", "/v1/chat/stream",
                jsonBody({ { QStringLiteral("prompt"), Prompt }, { QStringLiteral("max_tokens"), 20 } }),
                { QByteArrayLiteral("X-TokenScope-Fault: stall") });
    QVERIFY(waitUntil([&] { return client.response.chunks.size() >= 3; }, 5000));
    QTest::qWait(50);
    const qint64 bytes = client.response.bodyBytesOnWire;
    QCOMPARE(client.response.chunks.size(), 3);
    // 20 tokens at 10 ms would all be sent in 200 ms: 500 ms of silence is the stall.
    QVERIFY(!waitUntil([&] { return client.response.bodyBytesOnWire != bytes; }, 500));
    QVERIFY(!client.response.closed);
    QCOMPARE(client.socket().state(), QAbstractSocket::ConnectedState);
    QCOMPARE(m_runner->stats().activeStreams, 1);
    client.socket().disconnectFromHost();
    // The server notices the client gave up and stops counting the stream.
    QTRY_COMPARE_WITH_TIMEOUT(m_runner->stats().activeStreams, 0, 3000);
    restart(fastModel());
}

void TestEmbeddedEndpoint::tinyReadsDecodeToSameBody()
{
    const QByteArray body
        = jsonBody({ { QStringLiteral("prompt"), Prompt }, { QStringLiteral("max_tokens"), 40 } });
    const RawResponse normal = fetch(port(), "POST", "/v1/chat/stream", body);
    const RawResponse tiny = fetch(port(), "POST", "/v1/chat/stream", body,
                                   { QByteArrayLiteral("X-TokenScope-Fault: tiny-reads") });
    QVERIFY(normal.complete);
    QVERIFY(tiny.complete);
    QCOMPARE(tiny.body, normal.body);
    QVERIFY(tiny.body.contains("[DONE]"));
    // Each byte is its own write: the client needs at least as many reads, more.
    qInfo("reads: normal %d, tiny %d (body %lld bytes)", normal.reads, tiny.reads,
          qint64(tiny.bodyBytesOnWire));
    QVERIFY(tiny.reads > normal.reads);

    // Non-streaming: the same document byte by byte (ids and timings differ, not the shape).
    const QByteArray doc
        = jsonBody({ { QStringLiteral("prompt"), Prompt }, { QStringLiteral("n_predict"), 5 } });
    const RawResponse tinyDoc
        = fetch(port(), "POST", "/completion", doc, { QByteArrayLiteral("X-TokenScope-Fault: tiny-reads") });
    QVERIFY(tinyDoc.complete);
    QCOMPARE(object(tinyDoc.body).value(QLatin1String("tokens_predicted")).toInt(), 5);
}

void TestEmbeddedEndpoint::faultProbability()
{
    restart(fastModel(), EndpointFault::RateLimited, 0.5);
    const QByteArray body
        = jsonBody({ { QStringLiteral("prompt"), Prompt }, { QStringLiteral("max_tokens"), 2 } });
    int limited = 0;
    for (int i = 0; i < 20; ++i) {
        const RawResponse r = fetch(port(), "POST", "/v1/chat/stream", body);
        QVERIFY(r.status == 200 || r.status == 429);
        limited += r.status == 429;
    }
    QVERIFY2(limited > 2 && limited < 18, qPrintable(QString::number(limited)));
    // Listing routes are never faulted.
    QCOMPARE(fetch(port(), "GET", "/stats").status, 200);

    restart(fastModel(), EndpointFault::ServerError, 1.0);
    QCOMPARE(fetch(port(), "POST", "/v1/chat/stream", body).status, 500);
    // The header wins over the configured fault.
    QCOMPARE(fetch(port(), "POST", "/v1/chat/stream", body, { QByteArrayLiteral("X-TokenScope-Fault: none") })
                 .status,
             200);
    restart(fastModel());
}

void TestEmbeddedEndpoint::keepAliveOnEndpointThread()
{
    // The endpoint itself on this thread: the raw client must not block, only the loop runs.
    EmbeddedEndpoint endpoint;
    endpoint.setLatencyModel(fastModel());
    QVERIFY(endpoint.listen());
    QCOMPARE(endpoint.baseUrl().toString(), QStringLiteral("http://127.0.0.1:%1").arg(endpoint.port()));
    QSignalSpy served(&endpoint, &EmbeddedEndpoint::requestServed);

    RawClient client(endpoint.port());
    const QByteArray body
        = jsonBody({ { QStringLiteral("prompt"), Prompt }, { QStringLiteral("max_tokens"), 5 } });
    client.send("POST", "/v1/chat/stream", body);
    QVERIFY(client.wait());
    QVERIFY(client.response.complete);
    QCOMPARE(client.response.headers.value("connection"), QByteArrayLiteral("keep-alive"));
    client.send(
        "POST", "/v1/messages",
        jsonBody({ { QStringLiteral("messages"), chatMessages() }, { QStringLiteral("max_tokens"), 5 } }));
    QVERIFY(client.wait());
    QVERIFY(client.response.complete);
    QCOMPARE(at(object(client.response.body), QStringLiteral("usage.output_tokens")).toInt(), 5);
    client.send("GET", "/v1/models");
    QVERIFY(client.wait());
    QCOMPARE(client.response.status, 200);

    const EndpointStats stats = endpoint.stats();
    QCOMPARE(stats.connections, 1);
    QCOMPARE(stats.requests, 3);
    QCOMPARE(stats.streams, 2);
    QCOMPARE(stats.tokens, 10);
    QCOMPARE(served.size(), 3);
    QCOMPARE(served.at(0).at(0).toString(), QStringLiteral("/v1/chat/stream"));
    QCOMPARE(served.at(0).at(1).toInt(), 200);

    // "Connection: close" is honoured: the server closes after the response.
    client.send("GET", "/health", {}, { QByteArrayLiteral("Connection: close") });
    QVERIFY(client.wait());
    QCOMPARE(client.response.status, 200);
    QVERIFY(waitUntil([&] { return client.response.closed; }, 2000));
}

void TestEmbeddedEndpoint::fiveHundredConcurrentStreams()
{
    LatencyModel model;
    model.networkMs = 400; // every request arrives while all the others are still served
    model.promptMsPerToken = 0;
    model.inferenceMs = 100;
    model.generationMsPerToken = 5;
    model.postprocessMs = 5;
    model.jitter = 0.1;
    restart(model);

    constexpr int Streams = 500;
    const QByteArray body
        = jsonBody({ { QStringLiteral("prompt"), Prompt }, { QStringLiteral("max_tokens"), 8 } });
    std::vector<std::unique_ptr<RawClient>> clients;
    clients.reserve(Streams);
    QElapsedTimer elapsed;
    elapsed.start();
    for (int i = 0; i < Streams; ++i) {
        clients.push_back(std::make_unique<RawClient>(port()));
        clients.back()->send("POST", "/v1/chat/stream", body);
    }
    const bool allDone = waitUntil(
        [&] {
            return std::all_of(clients.begin(), clients.end(), [](const auto &c) { return c->isDone(); });
        },
        30000);
    qInfo("500 streams in %lld ms", elapsed.elapsed());
    QVERIFY(allDone);
    int complete = 0;
    for (const auto &client : clients) {
        QString problem;
        const StreamSummary s = summarize(QStringLiteral("plain"), client->response, &problem);
        complete += client->response.complete && problem.isEmpty() && s.tokens == 8;
    }
    QCOMPARE(complete, Streams);

    const QJsonObject stats = object(fetch(port(), "GET", "/stats").body);
    QCOMPARE(stats.value(QLatin1String("peak_streams")).toInt(), Streams);
    QCOMPARE(stats.value(QLatin1String("active_streams")).toInt(), 0);
    QCOMPARE(stats.value(QLatin1String("streams")).toInt(), Streams);
    QCOMPARE(stats.value(QLatin1String("tokens")).toInt(), Streams * 8);
    QCOMPARE(stats.value(QLatin1String("connections")).toInt(), Streams + 1);
    restart(fastModel());
}

void TestEmbeddedEndpoint::batchingHasACost()
{
    LatencyModel model;
    model.networkMs = 50;
    model.promptMsPerToken = 0;
    model.inferenceMs = 50;
    model.generationMsPerToken = 10;
    model.postprocessMs = 5;
    model.batchSlowdown = 0.05;
    model.jitter = 0;
    restart(model);

    constexpr int Tokens = 12;
    const QByteArray body
        = jsonBody({ { QStringLiteral("prompt"), Prompt }, { QStringLiteral("max_tokens"), Tokens } });
    const auto meanTokenMs = [&](int streams) {
        std::vector<std::unique_ptr<RawClient>> clients;
        for (int i = 0; i < streams; ++i) {
            clients.push_back(std::make_unique<RawClient>(port()));
            clients.back()->send("POST", "/v1/chat/stream", body);
        }
        waitUntil(
            [&] {
                return std::all_of(clients.begin(), clients.end(), [](const auto &c) { return c->isDone(); });
            },
            20000);
        double sum = 0;
        int counted = 0;
        for (const auto &client : clients) {
            const RawResponse &r = client->response;
            if (!r.complete || r.chunkNs.size() < Tokens)
                continue;
            // chunks 0..Tokens-1 are the tokens, the last one is [DONE]
            sum += double(r.chunkNs.at(Tokens - 1) - r.chunkNs.at(0)) / 1e6 / (Tokens - 1);
            ++counted;
        }
        return counted == streams ? sum / counted : -1.0;
    };
    const double single = meanTokenMs(1);
    const double fifty = meanTokenMs(50);
    qInfo("mean per-token time: 1 stream %.2f ms, 50 streams %.2f ms", single, fifty);
    QVERIFY(single > 0 && fifty > 0);
    QVERIFY2(single >= 8 && single < 20, qPrintable(QString::number(single)));
    // 10 * (1 + 0.05 * 49) = 34.5 ms when all 50 decode together
    QVERIFY2(fifty > 1.8 * single, qPrintable(QString::number(fifty)));
    restart(fastModel());
}

QTEST_GUILESS_MAIN(TestEmbeddedEndpoint)
#include "tst_embeddedendpoint.moc"
