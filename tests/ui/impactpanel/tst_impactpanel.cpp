// The Impact panel against two embedded endpoints (the second decoding twice as fast, as a
// "quantized" variant): every row measured, the chart filled, and a report (HTML + PDF) and
// JSON export that carry every row and chart but never the planted API key.
#include "../../common/artifacts.h"
#include "impactpanel/impactpanel.h"

#include "charts/barchart.h"
#include "client/streamingclient.h"
#include "endpoint/embeddedendpoint.h"
#include "report/reportwriter.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>

namespace {

const QByteArray PlantedKey = "sk-planted-impact-4f1c9e";

LatencyModel model(double generationMs)
{
    LatencyModel m;
    m.networkMs = 2;
    m.promptMsPerToken = 1;
    m.inferenceMs = 15;
    m.generationMsPerToken = generationMs;
    m.postprocessMs = 2;
    m.batchSlowdown = 0.1;
    m.jitter = 0;
    return m;
}

EndpointProfile profileFor(const EmbeddedEndpointRunner &endpoint, const QString &id, const QString &name)
{
    EndpointProfile p;
    p.id = id;
    p.name = name;
    p.color = QStringLiteral("#17a398");
    p.protocol = Protocol::OpenAIChat;
    p.model = QStringLiteral("tokenscope-sim");
    p.baseUrl = endpoint.baseUrl();
    p.baseUrl.setPath(QStringLiteral("/v1"));
    p.apiKey = QString::fromLatin1(PlantedKey); // the embedded endpoint ignores it
    p.headers = { { QByteArrayLiteral("X-Api-Key"), PlantedKey } };
    return p;
}


QByteArray readAll(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

} // namespace

class TestImpactPanel : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void measuresEveryRowAndReportsWithoutSecrets()
    {
        EmbeddedEndpointRunner base;
        EmbeddedEndpointRunner fast;
        QVERIFY(base.start(model(4)));
        QVERIFY(fast.start(model(2)));
        StreamingClient client;
        ImpactPanel panel(&client);
        panel.resize(1400, 900);
        panel.setEndpoints({ profileFor(base, QStringLiteral("base"), QStringLiteral("Base")),
                             profileFor(fast, QStringLiteral("fast"), QStringLiteral("Quantized")) });
        panel.findChild<QSpinBox *>(QStringLiteral("repetitions"))->setValue(3);
        panel.findChild<QSpinBox *>(QStringLiteral("maxTokens"))->setValue(16);
        panel.findChild<QSpinBox *>(QStringLiteral("batchRequests"))->setValue(8);
        panel.findChild<QSpinBox *>(QStringLiteral("concurrency"))->setValue(4);
        panel.findChild<QSpinBox *>(QStringLiteral("cacheQueries"))->setValue(20);
        QString error;
        const auto config = panel.config(&error);
        QVERIFY2(config, qPrintable(error));
        QVERIFY(config->variant); // the second checked endpoint is the variant by default
        QCOMPARE(config->variant->name, QStringLiteral("Quantized"));

        QSignalSpy finished(&panel, &ImpactPanel::finished);
        panel.start();
        QVERIFY(panel.isRunning());
        QVERIFY(finished.wait(180'000));
        QCOMPARE(panel.rows().size(), 6);
        for (const ImpactRow &row : panel.rows())
            QVERIFY2(row.ok(), qPrintable(row.name + u": " + row.error + row.verdict));
        auto *table = panel.findChild<QTableWidget *>(QStringLiteral("impactTable"));
        QCOMPARE(table->rowCount(), 6);
        // The typical table's columns beside the measured ones, typed here as commonly quoted;
        // provider prompt caching, beside the semantic cache, has no row in that table.
        const auto header = [table](const QString &title) {
            for (int c = 0; c < table->columnCount(); ++c) {
                if (table->horizontalHeaderItem(c)->text() == title)
                    return c;
            }
            return -1;
        };
        const int claim = header(QStringLiteral("Typical claim"));
        const int costClaim = header(QStringLiteral("Typical claim: cost"));
        const int difficulty = header(QStringLiteral("Difficulty"));
        const int priority = header(QStringLiteral("Priority"));
        const int cost = header(QStringLiteral("Measured cost [95%]"));
        QVERIFY(claim >= 0 && costClaim >= 0 && difficulty >= 0 && priority >= 0 && cost >= 0);
        const QStringList claims { QStringLiteral("TTFT −80%"),       QStringLiteral("−40–70%"),
                                   QStringLiteral("no typical claim"), QStringLiteral("throughput +3×"),
                                   QStringLiteral("−10–20%"),          QStringLiteral("speed +20%") };
        const QStringList costClaims { QStringLiteral("0%"),      QStringLiteral("−40–70%"),
                                       QStringLiteral("no typical claim"), QStringLiteral("−30%"),
                                       QStringLiteral("−10–30%"), QStringLiteral("GPU memory −50%") };
        const QStringList difficulties { QStringLiteral("low"),    QStringLiteral("medium"), QStringLiteral("–"),
                                         QStringLiteral("medium"), QStringLiteral("low"),    QStringLiteral("high") };
        const QStringList stars { QStringLiteral("★★★"), QStringLiteral("★★★"), QStringLiteral("–"),
                                  QStringLiteral("★★"),  QStringLiteral("★★"),  QStringLiteral("★") };
        for (int r = 0; r < 6; ++r) {
            QCOMPARE(table->item(r, claim)->text(), claims.at(r));
            QCOMPARE(table->item(r, costClaim)->text(), costClaims.at(r));
            QCOMPARE(table->item(r, difficulty)->text(), difficulties.at(r));
            QCOMPARE(table->item(r, priority)->text(), stars.at(r));
        }
        // Cost measured where a client can: no price set, so in tokens; the variant's memory not.
        QVERIFY2(table->item(1, cost)->text().endsWith(QStringLiteral("(tokens)")), qPrintable(table->item(1, cost)->text()));
        QCOMPARE(table->item(5, cost)->text(), QStringLiteral("not measurable from a client"));
        // The prompt cache's shorter TTFT, read as what it is without a claim to compare.
        const int reading = header(QStringLiteral("Reading"));
        QVERIFY(reading >= 0);
        QVERIFY2(table->item(2, reading)->text().startsWith(QStringLiteral("a measurable gain")),
                 qPrintable(table->item(2, reading)->text()));
        QVERIFY2(table->item(2, claim)->toolTip().contains(QStringLiteral("cached tokens, shared prefix")),
                 qPrintable(table->item(2, claim)->toolTip()));
        // The recommended order: every measured technique, ranked, and how it compares.
        const QString order = panel.orderText();
        QVERIFY2(order.startsWith(QStringLiteral("1. ")) && order.contains(QStringLiteral("6. ")), qPrintable(order));
        QVERIFY2(order.contains(QStringLiteral("typical priority")), qPrintable(order));
        QCOMPARE(panel.chart()->categories().size(), 6);
        QCOMPARE(panel.chart()->categories().at(2), QStringLiteral("Provider prompt caching"));
        QVERIFY(panel.rowDetails(0).contains(QStringLiteral("tokenscope-cli impact --only streaming")));
        QVERIFY(!panel.rowDetails(0).contains(QString::fromLatin1(PlantedKey)));

        QTemporaryDir dir;
        QVERIFY2(panel.exportReport(dir.filePath(QStringLiteral("impact.html")), &error), qPrintable(error));
        const QByteArray html = readAll(dir.filePath(QStringLiteral("impact.html")));
        const QByteArray pdf = readAll(dir.filePath(QStringLiteral("impact.pdf")));
        QVERIFY(html.contains("<svg"));
        QVERIFY(html.contains("TTFT −80%"));
        QVERIFY(html.contains("--only variant"));
        for (const char *text : { "Typical claim", "Typical claim: cost", "Difficulty", "Priority", "GPU memory −50%",
                                  "★★★", "not measurable from a client", "Recommended order for this endpoint" })
            QVERIFY2(html.contains(text), text);
        QVERIFY(html.contains(ReportWriter::escape(panel.orderText().section(u'\n', 0, 0).mid(3)).toUtf8()));
        QVERIFY(!html.contains("seed"));
        QVERIFY(pdf.startsWith("%PDF"));
        QVERIFY2(panel.exportJson(dir.filePath(QStringLiteral("impact.json")), &error), qPrintable(error));
        const QByteArray json = readAll(dir.filePath(QStringLiteral("impact.json")));
        QCOMPARE(QJsonDocument::fromJson(json).object().value(QStringLiteral("rows")).toArray().size(), 6);
        for (const QByteArray &bytes : { html, pdf, json })
            QVERIFY(!bytes.contains(PlantedKey));

        panel.show();
        QVERIFY(QTest::qWaitForWindowExposed(&panel));
        QVERIFY(panel.grab().save(QDir(artifactsDir()).filePath(QStringLiteral("impactpanel.png"))));
    }

    void noEndpointCannotRun()
    {
        StreamingClient client;
        ImpactPanel panel(&client);
        QString error;
        QVERIFY(!panel.config(&error));
        QVERIFY(!error.isEmpty());
        panel.start();
        QVERIFY(!panel.isRunning());
    }
};

QTEST_MAIN(TestImpactPanel)
#include "tst_impactpanel.moc"
