// Every body in tests/data/protocol/cases.json (hand-written from the providers'
// documentation, and bodies captured from real servers) mapped to exactly the items a
// user would see. A new captured fixture is one more entry in cases.json.

#include "collect.h"
#include "testframing.h"

#include "protocol/protocoladapter.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

#include <cmath>

class TestAdapterFixtures : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void fixtures_data();
    void fixtures();
    void everyProtocolCovered();

private:
    static QJsonArray cases();
};

namespace {
const QString DataDir = QStringLiteral(TOKENSCOPE_TEST_DATA "/protocol");
const QString SharedDir = QStringLiteral(TOKENSCOPE_SHARED_FIXTURES);

QString resolve(const QString &file)
{
    if (file.startsWith(QLatin1String("$shared/")))
        return SharedDir + file.mid(7);
    return DataDir + QLatin1Char('/') + file;
}

QByteArray readFile(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return file.readAll();
}

// Compares an optional count or duration with the expectation object's key: a key left
// out of the expectation means the value must be absent.
template<typename T>
bool sameOptional(const std::optional<T> &actual, const QJsonObject &expected, const char *key, QString *why)
{
    const QJsonValue value = expected.value(QLatin1String(key));
    if (value.isUndefined()) {
        if (actual) {
            *why = QStringLiteral("%1: expected absent, got %2").arg(QLatin1String(key)).arg(double(*actual));
            return false;
        }
        return true;
    }
    if (!actual) {
        *why = QStringLiteral("%1: expected %2, got absent").arg(QLatin1String(key)).arg(value.toDouble());
        return false;
    }
    if (std::fabs(double(*actual) - value.toDouble()) > 1e-6) {
        *why = QStringLiteral("%1: expected %2, got %3")
                   .arg(QLatin1String(key))
                   .arg(value.toDouble(), 0, 'f', 6)
                   .arg(double(*actual), 0, 'f', 6);
        return false;
    }
    return true;
}
} // namespace

QJsonArray TestAdapterFixtures::cases()
{
    const QJsonDocument document = QJsonDocument::fromJson(readFile(DataDir + QStringLiteral("/cases.json")));
    return document.object().value(QLatin1String("cases")).toArray();
}

void TestAdapterFixtures::fixtures_data()
{
    QTest::addColumn<QJsonObject>("expected");
    const QJsonArray all = cases();
    QVERIFY2(!all.isEmpty(), "tests/data/protocol/cases.json is missing or empty");
    for (const QJsonValue value : all) {
        const QJsonObject row = value.toObject();
        QTest::newRow(row.value(QLatin1String("name")).toString().toUtf8().constData()) << row;
    }
}

void TestAdapterFixtures::fixtures()
{
    QFETCH(QJsonObject, expected);

    const QString protocolName = expected.value(QLatin1String("protocol")).toString();
    const auto protocol = Protocols::fromName(protocolName);
    QVERIFY2(protocol, qPrintable(protocolName));
    const QString path = resolve(expected.value(QLatin1String("file")).toString());
    const QByteArray body = readFile(path);
    QVERIFY2(!body.isEmpty(), qPrintable(QStringLiteral("cannot read ") + path));

    const QString mode = expected.value(QLatin1String("mode")).toString(QStringLiteral("stream"));
    const auto adapter = ProtocolAdapter::create(*protocol);
    QVERIFY(adapter);
    QCOMPARE(adapter->protocol(), *protocol);

    Collected got;
    if (mode == QLatin1String("errorBody")) {
        const StreamItem item
            = ProtocolAdapter::errorItemFromBody(body, expected.value(QLatin1String("status")).toInt());
        QCOMPARE(item.kind, StreamItem::Kind::Error);
        QCOMPARE(ProtocolAdapter::errorMessageFromBody(body, expected.value(QLatin1String("status")).toInt()),
                 item.text);
        got.add(item);
    } else if (mode == QLatin1String("body")) {
        QList<StreamItem> items;
        adapter->handleBody(body, items);
        got.addAll(items);
    } else {
        const WireFormat format
            = path.endsWith(QLatin1String(".ndjson")) ? WireFormat::Ndjson : WireFormat::Sse;
        QCOMPARE(adapter->streamFormat(), format);
        const QList<WireEvent> events = TestFraming::frameBody(format, body);
        QVERIFY(!events.isEmpty());
        for (const WireEvent &event : events) {
            QList<StreamItem> items;
            adapter->handleEvent(event, items);
            got.addAll(items);
        }
    }

    QCOMPARE(got.text, expected.value(QLatin1String("text")).toString());
    QCOMPARE(got.reasoning, expected.value(QLatin1String("reasoning")).toString());

    const QJsonValue usage = expected.value(QLatin1String("usage"));
    QCOMPARE(got.usageItems > 0, usage.isObject());
    QString why;
    const QJsonObject u = usage.toObject();
    QVERIFY2(sameOptional(got.usage.promptTokens, u, "prompt", &why), qPrintable(why));
    QVERIFY2(sameOptional(got.usage.completionTokens, u, "completion", &why), qPrintable(why));
    QVERIFY2(sameOptional(got.usage.reasoningTokens, u, "reasoning", &why), qPrintable(why));
    QVERIFY2(sameOptional(got.usage.cachedPromptTokens, u, "cached", &why), qPrintable(why));

    const QJsonValue timings = expected.value(QLatin1String("timings"));
    QCOMPARE(got.timingsItems > 0, timings.isObject());
    const QJsonObject t = timings.toObject();
    QVERIFY2(sameOptional(got.timings.queueMs, t, "queueMs", &why), qPrintable(why));
    QVERIFY2(sameOptional(got.timings.loadMs, t, "loadMs", &why), qPrintable(why));
    QVERIFY2(sameOptional(got.timings.promptMs, t, "promptMs", &why), qPrintable(why));
    QVERIFY2(sameOptional(got.timings.promptTokens, t, "promptTokens", &why), qPrintable(why));
    QVERIFY2(sameOptional(got.timings.cachedPromptTokens, t, "cachedPromptTokens", &why), qPrintable(why));
    QVERIFY2(sameOptional(got.timings.generationMs, t, "generationMs", &why), qPrintable(why));
    QVERIFY2(sameOptional(got.timings.generatedTokens, t, "generatedTokens", &why), qPrintable(why));
    QVERIFY2(sameOptional(got.timings.totalMs, t, "totalMs", &why), qPrintable(why));

    const QJsonValue finish = expected.value(QLatin1String("finish"));
    if (finish.isString())
        QCOMPARE(got.finishReasons, QStringList { finish.toString() });
    else
        QCOMPARE(got.finishReasons, QStringList());

    QList<QPair<QString, QString>> errors;
    const QJsonArray expectedErrors = expected.value(QLatin1String("errors")).toArray();
    for (const QJsonValue e : expectedErrors)
        errors.append({ e.toArray().at(0).toString(), e.toArray().at(1).toString() });
    QCOMPARE(got.errors, errors);

    if (expected.contains(QLatin1String("deltaTokens"))) {
        QList<std::optional<qint64>> tokens;
        const QJsonArray list = expected.value(QLatin1String("deltaTokens")).toArray();
        for (const QJsonValue v : list)
            tokens.append(v.isNull() ? std::nullopt : std::optional<qint64>(v.toInteger()));
        QCOMPARE(got.deltaTokens, tokens);
    }

    if (mode != QLatin1String("errorBody"))
        QCOMPARE(adapter->isComplete(), expected.value(QLatin1String("complete")).toBool());
}

void TestAdapterFixtures::everyProtocolCovered()
{
    // Each protocol has at least a streamed body and, except simple-sse, a plain one.
    const QJsonArray all = cases();
    for (const Protocol protocol : Protocols::all()) {
        bool stream = false;
        bool body = false;
        for (const QJsonValue value : all) {
            const QJsonObject row = value.toObject();
            if (row.value(QLatin1String("protocol")).toString() != Protocols::name(protocol))
                continue;
            const QString mode = row.value(QLatin1String("mode")).toString();
            stream = stream || mode.isEmpty();
            body = body || mode == QLatin1String("body");
        }
        QVERIFY2(stream, qPrintable(Protocols::name(protocol)));
        QVERIFY2(body || protocol == Protocol::SimpleSse, qPrintable(Protocols::name(protocol)));
    }
}

QTEST_GUILESS_MAIN(TestAdapterFixtures)
#include "tst_adapterfixtures.moc"
