// What a broken or hostile server can send must never crash an adapter, never assert,
// and never turn into answer text or figures: wrong JSON types in every field, malformed
// JSON, invalid UTF-8, repeated [DONE], data after the end.

#include "collect.h"
#include "testframing.h"

#include "protocol/protocoladapter.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

class TestAdapterRobustness : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void wrongTypes_data();
    void wrongTypes();
    void events_data();
    void events();
    void malformedBody_data();
    void malformedBody();
};

namespace {
const QString DataDir = QStringLiteral(TOKENSCOPE_TEST_DATA "/protocol");
const QString Marker = QStringLiteral("987654321");
constexpr qint64 MarkerNumber = 987654321;

QByteArray readFile(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

// Every path to every value below the root, as a list of keys/indices.
void collectPaths(const QJsonValue &value, QList<QVariantList> &paths, QVariantList prefix)
{
    if (value.isObject()) {
        const QJsonObject object = value.toObject();
        for (auto it = object.begin(); it != object.end(); ++it) {
            QVariantList path = prefix;
            path.append(it.key());
            paths.append(path);
            collectPaths(it.value(), paths, path);
        }
    } else if (value.isArray()) {
        const QJsonArray array = value.toArray();
        for (qsizetype i = 0; i < array.size(); ++i) {
            QVariantList path = prefix;
            path.append(int(i));
            paths.append(path);
            collectPaths(array.at(i), paths, path);
        }
    }
}

QJsonValue replaced(const QJsonValue &value, const QVariantList &path, qsizetype depth,
                    const QJsonValue &replacement)
{
    if (depth == path.size())
        return replacement;
    const QVariant &step = path.at(depth);
    if (value.isObject()) {
        QJsonObject object = value.toObject();
        const QString key = step.toString();
        object.insert(key, replaced(object.value(key), path, depth + 1, replacement));
        return object;
    }
    QJsonArray array = value.toArray();
    const int index = step.toInt();
    array.replace(index, replaced(array.at(index), path, depth + 1, replacement));
    return array;
}

QJsonValue valueAt(const QJsonValue &root, const QVariantList &path)
{
    QJsonValue value = root;
    for (const QVariant &step : path)
        value = value.isObject() ? value.toObject().value(step.toString()) : value.toArray().at(step.toInt());
    return value;
}

QList<QJsonValue> wrongValuesFor(const QJsonValue &original)
{
    // One value of every other JSON type; the string and number carry a marker that must
    // never surface as text or as a figure.
    const QList<QJsonValue> all = { QJsonValue(Marker),
                                    QJsonValue(double(MarkerNumber)),
                                    QJsonArray { QStringLiteral("wrongtype") },
                                    QJsonObject { { QStringLiteral("wrongtype"), 1 } },
                                    QJsonValue(true),
                                    QJsonValue(QJsonValue::Null) };
    QList<QJsonValue> result;
    for (const QJsonValue &v : all) {
        // null stands for "string or number not given": a string or a number there is
        // not a wrong type.
        if (original.isNull() && (v.isString() || v.isDouble()))
            continue;
        if (v.type() != original.type())
            result.append(v);
    }
    return result;
}

bool marked(const QString &text)
{
    return text.contains(Marker) || text.contains(QLatin1String("wrongtype"));
}

template<typename T> bool markedNumber(const std::optional<T> &v)
{
    return v
        && (qint64(*v) == MarkerNumber || qint64(*v) == MarkerNumber * 1000
            || qint64(*v) == MarkerNumber / 1000000);
}
} // namespace

void TestAdapterRobustness::wrongTypes_data()
{
    QTest::addColumn<Protocol>("protocol");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<bool>("ndjson");

    const QJsonArray cases = QJsonDocument::fromJson(readFile(DataDir + QStringLiteral("/cases.json")))
                                 .object()
                                 .value(QLatin1String("cases"))
                                 .toArray();
    QVERIFY(!cases.isEmpty());
    for (const QJsonValue value : cases) {
        const QJsonObject row = value.toObject();
        if (row.contains(QLatin1String("mode")))
            continue; // stream rows only
        QString file = row.value(QLatin1String("file")).toString();
        file = file.startsWith(QLatin1String("$shared/"))
            ? QString(QStringLiteral(TOKENSCOPE_SHARED_FIXTURES) + file.mid(7))
            : QString(DataDir + QLatin1Char('/') + file);
        QTest::newRow(row.value(QLatin1String("name")).toString().toUtf8().constData())
            << *Protocols::fromName(row.value(QLatin1String("protocol")).toString()) << readFile(file)
            << file.endsWith(QLatin1String(".ndjson"));
    }
}

void TestAdapterRobustness::wrongTypes()
{
    QFETCH(Protocol, protocol);
    QFETCH(QByteArray, body);
    QFETCH(bool, ndjson);

    const QList<WireEvent> events
        = TestFraming::frameBody(ndjson ? WireFormat::Ndjson : WireFormat::Sse, body);
    QVERIFY(!events.isEmpty());

    int mutations = 0;
    for (qsizetype e = 0; e < events.size(); ++e) {
        const QJsonDocument document = QJsonDocument::fromJson(events.at(e).data);
        if (!document.isObject())
            continue; // [DONE]
        const QJsonValue root(document.object());
        QList<QVariantList> paths;
        collectPaths(root, paths, {});
        for (const QVariantList &path : paths) {
            const QJsonValue original = valueAt(root, path);
            const QString lastKey = path.last().toString();
            const QList<QJsonValue> wrongValues = wrongValuesFor(original);
            for (const QJsonValue &wrong : wrongValues) {
                QList<WireEvent> mutated = events;
                mutated[e].data
                    = QJsonDocument(replaced(root, path, 0, wrong).toObject()).toJson(QJsonDocument::Compact);
                const auto adapter = ProtocolAdapter::create(protocol);
                QList<StreamItem> items;
                for (const WireEvent &event : mutated)
                    adapter->handleEvent(event, items);
                ++mutations;

                const QString where = QString::fromUtf8(mutated.at(e).data);
                for (const StreamItem &item : items) {
                    // An error's code or type may be a number or a string, and
                    // {"error": "text"} is a documented shape: those may show the marker.
                    const bool errorField = lastKey == QLatin1String("code")
                        || lastKey == QLatin1String("type") || lastKey == QLatin1String("error");
                    QVERIFY2(!marked(item.text) || (item.kind == StreamItem::Kind::Error && errorField),
                             qPrintable(where));
                    QVERIFY2(!marked(item.finishReason), qPrintable(where));
                    QVERIFY2(!markedNumber(item.tokens), qPrintable(where));
                    QVERIFY2(!markedNumber(item.usage.promptTokens)
                                 && !markedNumber(item.usage.completionTokens)
                                 && !markedNumber(item.usage.reasoningTokens)
                                 && !markedNumber(item.usage.cachedPromptTokens),
                             qPrintable(where));
                    QVERIFY2(!markedNumber(item.timings.promptMs) && !markedNumber(item.timings.generationMs)
                                 && !markedNumber(item.timings.totalMs) && !markedNumber(item.timings.loadMs)
                                 && !markedNumber(item.timings.promptTokens)
                                 && !markedNumber(item.timings.generatedTokens)
                                 && !markedNumber(item.timings.cachedPromptTokens),
                             qPrintable(where));
                    // Still valid JSON: a wrong type is "absent", not a broken stream,
                    // except for simple-sse's token, the one field that format is made of.
                    const bool essential = protocol == Protocol::SimpleSse && path.size() == 1
                        && lastKey == QLatin1String("token");
                    QVERIFY2(item.errorType != QLatin1String("malformed") || essential, qPrintable(where));
                    if (item.kind == StreamItem::Kind::Error)
                        QVERIFY2(!item.text.isEmpty(), qPrintable(where));
                }
            }
        }
    }
    QVERIFY(mutations > 0);
}

void TestAdapterRobustness::events_data()
{
    QTest::addColumn<Protocol>("protocol");
    QTest::addColumn<QList<QByteArray>>("data"); // one SSE data / NDJSON line per entry
    QTest::addColumn<QString>("text");
    QTest::addColumn<int>("errors");
    QTest::addColumn<int>("malformed");
    QTest::addColumn<bool>("complete");

    const QByteArray chunkA = R"({"choices":[{"index":0,"delta":{"content":"A"}}]})";
    const QByteArray chunkB = R"({"choices":[{"index":0,"delta":{"content":"B"}}]})";

    QTest::newRow("openai malformed")
        << Protocol::OpenAIChat << QList<QByteArray> { chunkA, R"({"choices":[{"delta":)", chunkB }
        << QStringLiteral("AB") << 1 << 1 << false;
    QTest::newRow("openai not an object")
        << Protocol::OpenAIChat << QList<QByteArray> { "[1,2]", "42", "\"text\"", "null", chunkA }
        << QStringLiteral("A") << 4 << 4 << false;
    QTest::newRow("openai [DONE] twice")
        << Protocol::OpenAIChat << QList<QByteArray> { chunkA, "[DONE]", "[DONE]" } << QStringLiteral("A")
        << 0 << 0 << true;
    QTest::newRow("openai data after [DONE]")
        << Protocol::OpenAIChat
        << QList<QByteArray> { chunkA, " [DONE] ", chunkB, "{broken", R"({"error":{"message":"late"}})" }
        << QStringLiteral("A") << 0 << 0 << true;
    QTest::newRow("openai empty and blank data")
        << Protocol::OpenAIChat << QList<QByteArray> { "", "  ", "\n", chunkA } << QStringLiteral("A") << 0
        << 0 << false;
    QTest::newRow("openai invalid utf8 repaired")
        << Protocol::OpenAIChat
        << QList<QByteArray> { "{\"choices\":[{\"delta\":{\"content\":\"a\xff"
                               "b\xe4\xbd\"}}]}" } // Qt's decoder replaces each byte of a truncated sequence.
        << (QStringLiteral("a") + QChar(0xFFFD) + QStringLiteral("b") + QChar(0xFFFD) + QChar(0xFFFD)) << 0
        << 0 << false;
    QTest::newRow("openai invalid utf8 in key")
        << Protocol::OpenAIChat
        << QList<QByteArray> { "{\"cho\xc3ices\":[], \"choices\":[{\"delta\":{\"content\":\"ok\"}}]}" }
        << QStringLiteral("ok") << 0 << 0 << false;
    QTest::newRow("openai huge numbers")
        << Protocol::OpenAIChat
        << QList<QByteArray> { R"({"choices":[],"usage":{"prompt_tokens":1e300,"completion_tokens":-5}})" }
        << QString() << 0 << 0 << false;
    // simdjson parses the events; what it rejects and Qt's parser accepts reads as before.
    QTest::newRow("openai lone surrogate escape")
        << Protocol::OpenAIChat
        << QList<QByteArray> { R"({"choices":[{"index":0,"delta":{"content":"a\ud83d b"}}]})",
                               R"({"choices":[{"index":0,"delta":{"content":"\ud83d\ude00"}}]})" }
        << (QStringLiteral("a") + QChar(0xD83D) + QStringLiteral(" b") + QString::fromUcs4(U"\U0001F600"))
        << 0 << 0 << false;
    QTest::newRow("openai unescaped tab in a string")
        << Protocol::OpenAIChat << QList<QByteArray> { "{\"choices\":[{\"delta\":{\"content\":\"a\tb\"}}]}" }
        << QStringLiteral("a\tb") << 0 << 0 << false;
    QTest::newRow("openai integer beyond 64 bits")
        << Protocol::OpenAIChat
        << QList<QByteArray> {
               R"({"created":123456789012345678901234567890,"choices":[{"index":0,"delta":{"content":"A"}}],)"
               R"("usage":{"prompt_tokens":18446744073709551616,"completion_tokens":3}})" }
        << QStringLiteral("A") << 0 << 0 << false;
    QTest::newRow("openai repeated key: the last counts")
        << Protocol::OpenAIChat
        << QList<QByteArray> { R"({"choices":[{"index":0,"delta":{"content":"X"}}],)"
                               R"("choices":[{"index":0,"delta":{"content":"Y","content":"Z"}}]})" }
        << QStringLiteral("Z") << 0 << 0 << false;
    QTest::newRow("openai index past a long array")
        << Protocol::OpenAIChat
        << QList<QByteArray> { QByteArray(R"({"choices":[)") + QByteArray("1,").repeated(100000)
                               + R"({"index":0,"delta":{"content":"first"}}]})" }
        << QStringLiteral("first") << 0 << 0 << false;
    QTest::newRow("anthropic after message_stop")
        << Protocol::Anthropic
        << QList<
               QByteArray> { R"({"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"x"}})",
                             R"({"type":"message_stop"})",
                             R"({"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"y"}})",
                             "{oops" }
        << QStringLiteral("x") << 0 << 0 << true;
    QTest::newRow("anthropic malformed")
        << Protocol::Anthropic << QList<QByteArray> { R"({"type":"content_block_delta",)" } << QString() << 1
        << 1 << false;
    QTest::newRow("responses [DONE] after completed")
        << Protocol::OpenAIResponses
        << QList<QByteArray> { R"({"type":"response.output_text.delta","delta":"r"})",
                               R"({"type":"response.completed","response":{"status":"completed"}})", "[DONE]",
                               "[DONE]", R"({"type":"response.output_text.delta","delta":"s"})" }
        << QStringLiteral("r") << 0 << 0 << true;
    QTest::newRow("gemini malformed then ok")
        << Protocol::Gemini
        << QList<QByteArray> { "{\"candidates\":",
                               R"({"candidates":[{"content":{"parts":[{"text":"g"}]}}]})" }
        << QStringLiteral("g") << 1 << 1 << false;
    QTest::newRow("ollama after done")
        << Protocol::Ollama
        << QList<QByteArray> { R"({"message":{"content":"o"},"done":false})",
                               R"({"message":{"content":""},"done":true})",
                               R"({"message":{"content":"late"},"done":false})" }
        << QStringLiteral("o") << 0 << 0 << true;
    QTest::newRow("ollama done is a string")
        << Protocol::Ollama << QList<QByteArray> { R"({"message":{"content":"o"},"done":"true"})" }
        << QStringLiteral("o") << 0 << 0 << false;
    QTest::newRow("llamacpp after stop")
        << Protocol::LlamaCpp
        << QList<QByteArray> { R"({"content":"l","stop":false})", R"({"content":"","stop":true})",
                               R"({"content":"late","stop":false})" }
        << QStringLiteral("l") << 0 << 0 << true;
    QTest::newRow("tgi malformed") << Protocol::Tgi
                                   << QList<QByteArray> { "{\"token\":{\"text\":\"t\"",
                                                          R"({"token":{"text":"t","special":false}})" }
                                   << QStringLiteral("t") << 1 << 1 << false;
    QTest::newRow("simple-sse token not a string")
        << Protocol::SimpleSse << QList<QByteArray> { R"({"token":5})", R"({"token":"s"})", "[DONE]" }
        << QStringLiteral("s") << 1 << 1 << true;
    QTest::newRow("simple-sse data after [DONE]")
        << Protocol::SimpleSse
        << QList<QByteArray> { R"({"token":"s"})", "[DONE]", R"({"token":"t"})", "[DONE]" }
        << QStringLiteral("s") << 0 << 0 << true;
    QTest::newRow("simple-sse error")
        << Protocol::SimpleSse << QList<QByteArray> { R"({"error":"boom"})" } << QString() << 1 << 0 << false;
}

void TestAdapterRobustness::events()
{
    QFETCH(Protocol, protocol);
    QFETCH(QList<QByteArray>, data);
    QFETCH(QString, text);
    QFETCH(int, errors);
    QFETCH(int, malformed);
    QFETCH(bool, complete);

    const auto adapter = ProtocolAdapter::create(protocol);
    const QByteArray type
        = adapter->streamFormat() == WireFormat::Ndjson ? QByteArray() : QByteArrayLiteral("message");
    Collected got;
    int malformedSeen = 0;
    for (const QByteArray &d : data) {
        QList<StreamItem> items;
        adapter->handleEvent(WireEvent { type, d, QByteArray() }, items);
        for (const StreamItem &item : items) {
            if (item.errorType == QLatin1String("malformed")) {
                ++malformedSeen;
                QVERIFY2(item.text.startsWith(QLatin1String("malformed JSON in stream: ")),
                         qPrintable(item.text));
                QVERIFY(item.text.size() > 26);
            }
        }
        got.addAll(items);
    }
    QCOMPARE(got.text, text);
    QCOMPARE(got.errors.size(), errors);
    QCOMPARE(malformedSeen, malformed);
    QCOMPARE(adapter->isComplete(), complete);
}

void TestAdapterRobustness::malformedBody_data()
{
    QTest::addColumn<Protocol>("protocol");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<int>("errors");
    for (const Protocol p : Protocols::all()) {
        const QByteArray name = Protocols::name(p).toUtf8();
        QTest::newRow(QByteArray(name + " truncated").constData()) << p << QByteArray("{\"choices\": [") << 1;
        QTest::newRow(QByteArray(name + " empty").constData()) << p << QByteArray() << 1;
        QTest::newRow(QByteArray(name + " scalar").constData()) << p << QByteArray("42") << 1;
        QTest::newRow(QByteArray(name + " empty array").constData()) << p << QByteArray("[]") << 0;
        QTest::newRow(QByteArray(name + " wrong types").constData())
            << p
            << QByteArray(
                   R"({"choices":7,"content":[1],"candidates":{},"message":"x","output":"y","generated_text":3,"usage":[],"done":"yes","stop":1})")
            << 0;
    }
}

void TestAdapterRobustness::malformedBody()
{
    QFETCH(Protocol, protocol);
    QFETCH(QByteArray, body);
    QFETCH(int, errors);
    const auto adapter = ProtocolAdapter::create(protocol);
    QList<StreamItem> items;
    adapter->handleBody(body, items);
    Collected got;
    got.addAll(items);
    QCOMPARE(got.errors.size(), errors);
    QCOMPARE(got.text, QString());
    for (const auto &error : std::as_const(got.errors)) {
        QVERIFY2(error.first.startsWith(QLatin1String("malformed JSON in response body: ")),
                 qPrintable(error.first));
        QCOMPARE(error.second, QStringLiteral("malformed"));
    }
}

QTEST_GUILESS_MAIN(TestAdapterRobustness)
#include "tst_adapterrobustness.moc"
