// The adapters' read-only JSON views (core/protocol/jsonview_p.h): simdjson's DOM, Qt's
// parser as the fallback, the same answers from both, and documents that live side by side.

#include "protocol/jsonview_p.h"

#include <QTest>

using namespace ProtocolDetail;

class TestJsonView : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void typesAndDefaults_data();
    void typesAndDefaults();
    void lastRepeatedKeyCounts_data();
    void lastRepeatedKeyCounts();
    void arraysIterate_data();
    void arraysIterate();
    void documentsLiveSideBySide();
    void aHugeDocumentThenSmallOnes();
    void errorsInQtsWords();
    void invalidUtf8IsRepaired();
};

namespace {
// Each input once as strict JSON (simdjson reads it) and once with a raw tab in an unused string,
// which only Qt's parser accepts: both must give the same answers.
QByteArray lenient(const QByteArray &json)
{
    return QByteArray(json).insert(1, "\"pad\":\"a\tb\","); // after the root's "{"
}
} // namespace

void TestJsonView::typesAndDefaults_data()
{
    QTest::addColumn<bool>("viaQt");
    QTest::newRow("simdjson") << false;
    QTest::newRow("qt fallback") << true;
}

void TestJsonView::typesAndDefaults()
{
    QFETCH(bool, viaQt);
    QByteArray json = R"({"s":"text","i":42,"neg":-7,"d":2.5,"big":1e300,"t":true,"f":false,"n":null,)"
                      R"("o":{"k":"v"},"a":[1,2,3],"e":{}})";
    if (viaQt)
        json = lenient(json);
    QString error;
    const JsonDocument document = JsonDocument::parse(json, &error);
    QVERIFY2(!document.isNull(), qPrintable(error));
    QVERIFY(document.isObject());
    QVERIFY(!document.isArray());
    const JsonObject root = document.object();
    QCOMPARE(root.value(QLatin1String("pad")).isString(), viaQt);

    QVERIFY(root.value(QLatin1String("s")).isString());
    QCOMPARE(root.value(QLatin1String("s")).toString(), QStringLiteral("text"));
    QCOMPARE(root.value(QLatin1String("i")).toString(), QString()); // not a string
    QVERIFY(root.value(QLatin1String("s")).isString(QLatin1String("text")));
    QVERIFY(!root.value(QLatin1String("s")).isString(QLatin1String("tex")));
    QVERIFY(!root.value(QLatin1String("s")).isString(QLatin1String("texts")));
    QVERIFY(!root.value(QLatin1String("i")).isString(QLatin1String("42")));
    QVERIFY(!root.value(QLatin1String("absent")).isString(QLatin1String("")));
    QVERIFY(root.value(QLatin1String("i")).isDouble());
    QCOMPARE(root.value(QLatin1String("i")).toDouble(), 42.0);
    QCOMPARE(root.value(QLatin1String("i")).toInteger(-1), 42);
    QCOMPARE(root.value(QLatin1String("neg")).toInteger(-1), -7);
    QCOMPARE(root.value(QLatin1String("d")).toInteger(-1), -1); // not integral
    QCOMPARE(root.value(QLatin1String("d")).toDouble(), 2.5);
    QCOMPARE(root.value(QLatin1String("big")).toInteger(-1), -1); // beyond qint64
    QCOMPARE(root.value(QLatin1String("s")).toDouble(-3), -3.0);
    QVERIFY(root.value(QLatin1String("t")).isBool());
    QVERIFY(root.value(QLatin1String("t")).toBool());
    QVERIFY(!root.value(QLatin1String("f")).toBool(true));
    QVERIFY(root.value(QLatin1String("n")).isNull());
    QVERIFY(!root.value(QLatin1String("n")).isUndefined());
    QVERIFY(root.value(QLatin1String("absent")).isUndefined());
    QVERIFY(!root.contains(QLatin1String("absent")));
    QVERIFY(root.contains(QLatin1String("n")));
    QVERIFY(root.value(QLatin1String("o")).isObject());
    QCOMPARE(root.value(QLatin1String("o")).toObject().value(QLatin1String("k")).toString(), QStringLiteral("v"));
    QVERIFY(root.value(QLatin1String("e")).toObject().isEmpty());
    QVERIFY(!root.isEmpty());
    // A wrong type reads as empty, never as a failure.
    QVERIFY(root.value(QLatin1String("s")).toObject().isEmpty());
    QVERIFY(root.value(QLatin1String("o")).toArray().isEmpty());
    QCOMPARE(root.value(QLatin1String("a")).toArray().size(), 3);
    QVERIFY(JsonObject().isEmpty());
    QVERIFY(JsonObject().value(QLatin1String("s")).isUndefined());
    QCOMPARE(JsonArray().size(), 0);
    QVERIFY(JsonArray().first().isUndefined());
}

void TestJsonView::lastRepeatedKeyCounts_data()
{
    typesAndDefaults_data();
}

void TestJsonView::lastRepeatedKeyCounts()
{
    QFETCH(bool, viaQt);
    QByteArray json = R"({"k":"first","x":1,"k":"second","y":2})";
    if (viaQt)
        json = lenient(json);
    const JsonDocument document = JsonDocument::parse(json);
    QCOMPARE(document.object().value(QLatin1String("k")).toString(), QStringLiteral("second"));
    // Keys of the same length and ends as a present one are still told apart.
    QVERIFY(document.object().value(QLatin1String("kk")).isUndefined());
    QVERIFY(document.object().value(QLatin1String("z")).isUndefined());
    QCOMPARE(document.object().value(QLatin1String("y")).toInteger(), 2);
}

void TestJsonView::arraysIterate_data()
{
    typesAndDefaults_data();
}

void TestJsonView::arraysIterate()
{
    QFETCH(bool, viaQt);
    QByteArray json = R"({"a":[{"v":1},"two",3,null,[4]]})";
    if (viaQt)
        json = lenient(json);
    const JsonDocument document = JsonDocument::parse(json);
    const JsonArray array = document.object().value(QLatin1String("a")).toArray();
    QCOMPARE(array.size(), 5);
    QCOMPARE(array.first().toObject().value(QLatin1String("v")).toInteger(), 1);
    QStringList seen;
    for (const JsonValue value : array) {
        if (value.isObject())
            seen << QStringLiteral("object");
        else if (value.isString())
            seen << value.toString();
        else if (value.isDouble())
            seen << QString::number(value.toInteger());
        else if (value.isNull())
            seen << QStringLiteral("null");
        else if (value.isArray())
            seen << QStringLiteral("array of %1").arg(value.toArray().size());
    }
    QCOMPARE(seen, (QStringList { QStringLiteral("object"), QStringLiteral("two"), QStringLiteral("3"),
                                  QStringLiteral("null"), QStringLiteral("array of 1") }));

    // A root array.
    const QByteArray list = QByteArray("[") + QByteArray("0,").repeated(100000) + QByteArray("1]");
    const JsonDocument root = JsonDocument::parse(list);
    QVERIFY(root.isArray());
    QCOMPARE(root.array().size(), qsizetype(100001));
    qsizetype count = 0;
    for (const JsonValue value : root.array())
        count += value.toInteger(-1) >= 0 ? 1 : 0;
    QCOMPARE(count, qsizetype(100001));
}

void TestJsonView::documentsLiveSideBySide()
{
    // Each document has its own parser (from the thread's pool): an earlier one stays valid.
    const JsonDocument a = JsonDocument::parse(R"({"name":"a","list":[1,2]})");
    {
        const JsonDocument b = JsonDocument::parse(R"({"name":"b"})");
        const JsonDocument c = JsonDocument::parse(R"({"name":"c"})");
        QCOMPARE(b.object().value(QLatin1String("name")).toString(), QStringLiteral("b"));
        QCOMPARE(c.object().value(QLatin1String("name")).toString(), QStringLiteral("c"));
    }
    // b's and c's parsers went back to the pool; the next documents reuse them.
    for (int i = 0; i < 10; ++i) {
        const QByteArray json = QByteArray(R"({"name":"d)") + QByteArray::number(i) + QByteArray("\"}");
        const JsonDocument d = JsonDocument::parse(json);
        QCOMPARE(d.object().value(QLatin1String("name")).toString(), QStringLiteral("d%1").arg(i));
    }
    QCOMPARE(a.object().value(QLatin1String("name")).toString(), QStringLiteral("a"));
    QCOMPARE(a.object().value(QLatin1String("list")).toArray().size(), 2);

    // Moved, a document keeps its views' data; the one moved from views nothing.
    JsonDocument moved = JsonDocument::parse(R"({"name":"m"})");
    JsonDocument target = std::move(moved);
    QCOMPARE(target.object().value(QLatin1String("name")).toString(), QStringLiteral("m"));
    QVERIFY(moved.isNull()); // NOLINT(bugprone-use-after-move): what a moved-from one says
    QVERIFY(moved.object().isEmpty()); // NOLINT(bugprone-use-after-move)
    target = JsonDocument::parse(R"({"name":"n"})");
    QCOMPARE(target.object().value(QLatin1String("name")).toString(), QStringLiteral("n"));
}

void TestJsonView::aHugeDocumentThenSmallOnes()
{
    // A parser grown by a large body is not pooled; later small documents read right.
    const QByteArray huge = QByteArray(R"({"text":")") + QByteArray(4 * 1024 * 1024, 'x') + QByteArray(R"("})");
    {
        const JsonDocument document = JsonDocument::parse(huge);
        QCOMPARE(document.object().value(QLatin1String("text")).toString().size(), 4 * 1024 * 1024);
    }
    const JsonDocument small = JsonDocument::parse(R"({"ok":true})");
    QVERIFY(small.object().value(QLatin1String("ok")).toBool());
}

void TestJsonView::errorsInQtsWords()
{
    // A lone scalar is no document, as in Qt.
    for (const QByteArray &bad : { QByteArray("{\"a\":"), QByteArray("{\"a\":1} x"), QByteArray(), QByteArray("nul"),
                                   QByteArray("\"x\""), QByteArray("42"), QByteArray("null"), QByteArray("true") }) {
        QString error;
        const JsonDocument document = JsonDocument::parse(bad, &error);
        QVERIFY2(document.isNull(), bad.constData());
        QVERIFY2(!error.isEmpty(), bad.constData());
        QVERIFY(document.object().isEmpty());
        QVERIFY(document.root().isUndefined());
    }
    QString error = QStringLiteral("stale");
    QVERIFY(!JsonDocument::parse("[]", &error).isNull());
    QVERIFY(error.isEmpty());
}

void TestJsonView::invalidUtf8IsRepaired()
{
    const JsonDocument document = JsonDocument::parse("{\"t\":\"a\xff" "b\"}");
    QVERIFY(!document.isNull());
    QCOMPARE(document.object().value(QLatin1String("t")).toString(),
             QStringLiteral("a") + QChar(0xFFFD) + QStringLiteral("b"));
}

QTEST_GUILESS_MAIN(TestJsonView)
#include "tst_jsonview.moc"
