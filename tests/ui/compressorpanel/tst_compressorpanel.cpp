#include "compressorpanel/compressorpanel.h"
#include "models/ruletablemodel.h"

#include "charts/barchart.h"
#include "charts/timeserieschart.h"

#include <QAbstractItemModelTester>
#include <QDir>
#include <QLabel>
#include <QMimeData>
#include <QPlainTextEdit>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>

#include "endpoint/embeddedendpointservice.h"
#include "../../common/widgetlookup.h"

namespace {

} // namespace

class TestCompressorPanel : public QObject
{
    Q_OBJECT

    static QString typicalPrompt()
    {
        return QStringLiteral("请你首先,分析这段代码的性能瓶颈,其次,给出优化建议。谢谢！");
    }

private Q_SLOTS:
    void initTestCase() { TiktokenFiles::setDirectory(QStringLiteral(TOKENSCOPE_TIKTOKEN_DIR)); }

    void compressesAsYouTypeWithHighlights()
    {
        CompressorPanel panel;
        QAbstractItemModelTester tester(panel.ruleModel(),
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        panel.loadPreset(PromptCompressor::Preset::Chinese);
        panel.setInputText(typicalPrompt());
        QCOMPARE(panel.outputText(), QStringLiteral("1.分析这段代码的性能瓶颈2.给出优化建议。"));
        auto *input = child<QPlainTextEdit>(&panel, "input");
        auto *output = child<QPlainTextEdit>(&panel, "output");
        auto *figures = child<QLabel>(&panel, "figures");
        QVERIFY(input && output && figures);
        QVERIFY(!input->extraSelections().isEmpty());
        QVERIFY(!output->extraSelections().isEmpty());
        QVERIFY(panel.outputTokens().tokens < panel.inputTokens().tokens);
        QVERIFY(figures->text().contains(QStringLiteral("→")));
        QCOMPARE(panel.ruleModel()->data(panel.ruleModel()->index(0, RuleTableModel::Fires)).toInt(), 1);

        // Typing recompresses after the pause.
        input->setPlainText(QStringLiteral("请你看"));
        QTRY_COMPARE(panel.outputText(), QStringLiteral("看"));
    }

    void referencePresetReproducesTheChapter()
    {
        // The chapter's example through the "Reference chapter" preset, with the chapter's
        // two-characters-a-token guess shown beside the exact counts.
        CompressorPanel panel;
        panel.loadPreset(PromptCompressor::Preset::Reference);
        QCOMPARE(panel.ruleModel()->rowCount(), 9);
        panel.setInputText(QStringLiteral("\n请你帮我分析以下是一段代码,你需要首先,理解代码的功能,其次,找出潜在的问题,"
                                          "最后,给出改进建议。\n请注意代码的性能和可读性。\n"));
        QCOMPARE(panel.outputText(),
                 QStringLiteral("帮我分析一段代码,1.理解代码的功能,2.找出潜在的问题,3.给出改进建议。\n注意代码的性能和可读性。"));
        auto *figuresLabel = child<QLabel>(&panel, "figures");
        QVERIFY(figuresLabel);
        const QString figures = figuresLabel->text();
        QVERIFY2(figures.contains(QStringLiteral("65 → 51")), qPrintable(figures));
        QVERIFY2(figures.contains(QStringLiteral("21.5")), qPrintable(figures));
        QVERIFY2(figures.contains(QStringLiteral("Typical guess at 2 characters a token: 32 → 25 tokens")),
                 qPrintable(figures));
    }

    void toggleReorderAndInvalidRegex()
    {
        CompressorPanel panel;
        RuleTableModel *model = panel.ruleModel();
        QAbstractItemModelTester tester(model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model->setRules(
            { { QStringLiteral("a"), QStringLiteral("ab"), QStringLiteral("x"), false, true, false },
              { QStringLiteral("b"), QStringLiteral("xc"), QStringLiteral("y"), false, true, false } });
        panel.setInputText(QStringLiteral("abc"));
        QCOMPARE(panel.outputText(), QStringLiteral("y"));
        QVERIFY(model->moveRows({}, 1, 1, {}, 0)); // the order rules run in is the table's
        QCOMPARE(model->rules().at(0).name, QStringLiteral("b"));
        panel.recompute();
        QCOMPARE(panel.outputText(), QStringLiteral("xc"));
        // Dragging the first rule below the second (what the view's drop does) swaps them back.
        std::unique_ptr<QMimeData> mime(model->mimeData({ model->index(0, RuleTableModel::Name) }));
        QVERIFY(mime);
        QVERIFY(
            !model->dropMimeData(mime.get(), Qt::MoveAction, 2, 0, {})); // false: moved, nothing to delete
        QCOMPARE(model->rules().at(0).name, QStringLiteral("a"));
        QCOMPARE(model->rowCount(), 2);
        QVERIFY(model->moveRows({}, 1, 1, {}, 0));
        QVERIFY(model->setData(model->index(1, RuleTableModel::Enabled), Qt::Unchecked, Qt::CheckStateRole));
        panel.recompute();
        QCOMPARE(panel.outputText(), QStringLiteral("abc"));

        QVERIFY(model->setData(model->index(0, RuleTableModel::Regex), Qt::Checked, Qt::CheckStateRole));
        QVERIFY(model->setData(model->index(0, RuleTableModel::Pattern), QStringLiteral("(x")));
        QVERIFY(!model->data(model->index(0, RuleTableModel::Pattern), Qt::ToolTipRole).toString().isEmpty());
        QVERIFY(model->data(model->index(0, RuleTableModel::Pattern), Qt::BackgroundRole).isValid());
        panel.recompute();
        auto *figures = child<QLabel>(&panel, "figures");
        QVERIFY(figures);
        QVERIFY(figures->text().contains(QLatin1String("skipped")));
    }

    void truncationPreviewFitsTheBudget()
    {
        CompressorPanel panel;
        QString text;
        for (int i = 0; i < 50; ++i)
            text += QStringLiteral("大型语言模型的推理延迟由五个阶段组成。Each phase 😀 is measured. ");
        panel.setInputText(text);
        panel.setTruncation(TruncationStrategy::Middle, 40);
        QVERIFY(panel.outputTokens().tokens <= 40);
        QVERIFY(panel.outputText().contains(Truncator::defaultMarker()));
        panel.setTruncation(std::nullopt, 40);
        QVERIFY(panel.outputTokens().tokens > 40);
    }

    void importExportRoundTrip()
    {
        CompressorPanel panel;
        panel.loadPreset(PromptCompressor::Preset::English);
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("rules.json"));
        QVERIFY(panel.exportRules(path));
        const QList<CompressionRule> before = panel.ruleModel()->rules();
        panel.loadPreset(PromptCompressor::Preset::Chinese);
        QVERIFY(panel.importRules(path));
        QCOMPARE(panel.ruleModel()->rules(), before);
        QString error;
        QVERIFY(!panel.importRules(dir.filePath(QStringLiteral("missing.json")), &error));
        QVERIFY(!error.isEmpty());
    }

    void formatsMoneyWithCurrencyAndPrecision()
    {
        const QString small = CompressorPanel::formatMoney(0.00042);
        QVERIFY2(small.contains(QStringLiteral("0.000420")), qPrintable(small));
        QVERIFY2(!small.at(0).isDigit() || !small.back().isDigit(), qPrintable(small)); // a currency sign
        const QString large = CompressorPanel::formatMoney(12.5);
        QVERIFY2(large.contains(QStringLiteral("12.50")) && !large.contains(QStringLiteral("12.500")),
                 qPrintable(large));
    }

    void measuresEachCheckedEndpointIntoATable()
    {
        // Two endpoints checked: both are measured, each with its own rows; the one without
        // prices says so instead of a column of zeros.
        EmbeddedEndpointService *service = EmbeddedEndpointService::instance();
        QVERIFY2(service->ensureStarted(), qPrintable(service->errorString()));
        EndpointProfile unpriced = service->profile(Protocol::OpenAIChat);
        unpriced.id = QStringLiteral("a");
        unpriced.name = QStringLiteral("Sim A");
        EndpointProfile priced = unpriced;
        priced.id = QStringLiteral("b");
        priced.name = QStringLiteral("Sim B");
        priced.pricePerMInput = 2;
        priced.pricePerMOutput = 8;

        CompressorPanel panel;
        panel.resize(1280, 800);
        panel.setEndpoints({ unpriced, priced });
        panel.setInputText(typicalPrompt() + typicalPrompt());
        panel.setRepetitions(1);
        QSignalSpy finished(&panel, &CompressorPanel::measurementFinished);
        panel.startMeasurement();
        QVERIFY(finished.wait(120'000));
        QCOMPARE(panel.lastMeasurements().size(), 2);
        QCOMPARE(panel.lastMeasurements().at(1).profile.name, QStringLiteral("Sim B"));
        QCOMPARE(panel.lastMeasurements().at(1).result.original.samples.size(), 1);

        auto *table = child<QTableWidget>(&panel, "measureTable");
        QVERIFY(table);
        QCOMPARE(table->rowCount(), 10); // five figures per endpoint
        QStringList texts;
        int costRowA = -1, costRowB = -1;
        for (int row = 0; row < table->rowCount(); ++row) {
            for (int c = 0; c < table->columnCount(); ++c)
                texts.append(table->item(row, c) ? table->item(row, c)->text() : QString());
            if (table->item(row, 1)->text() == QStringLiteral("Cost per request"))
                (costRowA < 0 ? costRowA : costRowB) = row;
        }
        QCOMPARE(table->item(0, 0)->text(), QStringLiteral("Sim A"));
        QCOMPARE(table->item(5, 0)->text(), QStringLiteral("Sim B"));
        QVERIFY(costRowA >= 0 && costRowB >= 0);
        QCOMPARE(table->item(costRowA, 2)->text(), QStringLiteral("no price set"));
        const double cost = panel.lastMeasurements().at(1).result.original.cost.mean;
        QVERIFY(cost > 0);
        QCOMPARE(table->item(costRowB, 2)->text(), CompressorPanel::formatMoney(cost));
        QVERIFY2(!texts.join(u'|').contains(QStringLiteral("0.000000")), qPrintable(texts.join(u'|')));

        // Each endpoint on the charts; TTFT and end to end on separate axes.
        QCOMPARE(panel.tokensChart()->categories(), QStringList({ QStringLiteral("Sim A"), QStringLiteral("Sim B") }));
        QCOMPARE(panel.e2eChart()->categories(), QStringList({ QStringLiteral("Sim A"), QStringLiteral("Sim B") }));
        QVERIFY(!panel.latencyChart()->categories().join(u' ').contains(QStringLiteral("end")));

        // A chart gets the room its labels need: not a third of a half-width row.
        panel.show();
        QVERIFY(QTest::qWaitForWindowExposed(&panel));
        auto *tabs = child<QTabWidget>(&panel, "chartTabs");
        QVERIFY(tabs);
        tabs->setCurrentWidget(panel.latencyChart());
        QTRY_VERIFY(panel.latencyChart()->isVisible());
        QVERIFY2(panel.latencyChart()->width() >= 450, qPrintable(QString::number(panel.latencyChart()->width())));
    }

    void measuresOnTheSimulatedEndpoint()
    {
        CompressorPanel panel;
        panel.resize(1400, 900);
        QString text;
        for (int i = 0; i < 8; ++i)
            text += typicalPrompt() + QStringLiteral("请你帮我总结一下这段材料的主要观点，谢谢！\n");
        panel.setInputText(text);
        panel.setRepetitions(2);
        QSignalSpy finished(&panel, &CompressorPanel::measurementFinished);
        panel.startMeasurement();
        QVERIFY(panel.isMeasuring());
        QVERIFY(finished.wait(120'000));
        QVERIFY(!panel.isMeasuring());
        const AbResult &r = panel.lastMeasurement();
        QCOMPARE(r.original.samples.size(), 2);
        QCOMPARE(r.original.failures + r.compressed.failures, 0);
        QVERIFY(r.compressed.promptTokens.mean < r.original.promptTokens.mean);
        QVERIFY(r.compressed.prefillMs.mean < r.original.prefillMs.mean);
        // TTFT and end-to-end latency differ by two orders of magnitude: separate axes.
        QCOMPARE(panel.latencyChart()->categories(), QStringList({ QStringLiteral("Prefill"), QStringLiteral("TTFT") }));
        QCOMPARE(panel.e2eChart()->categories(), QStringList { QStringLiteral("End to end") });
        QCOMPARE(panel.tokensChart()->seriesCount(), 2);

        panel.setRepetitions(1);
        QSignalSpy swept(&panel, &CompressorPanel::sweepFinished);
        panel.startSweep();
        QVERIFY(swept.wait(120'000));
        const QList<AbSweepRow> &rows = panel.lastSweep();
        QCOMPARE(rows.size(), 5); // 20, 40, 60, 80% and the full prompt
        QVERIFY(rows.first().arm.promptTokens.mean < rows.constLast().arm.promptTokens.mean);
        QCOMPARE(panel.sweepChart()->seriesCount(), 4);
        QCOMPARE(panel.sweepChart()->pointCount(0), 5);
        QCOMPARE(rows.constLast().similarity.mean, 1.0); // one answer against itself

        panel.show();
        QVERIFY(QTest::qWaitForWindowExposed(&panel));
        const QString artifacts = qEnvironmentVariable("TOKENSCOPE_ARTIFACTS", QDir::tempPath());
        QDir().mkpath(artifacts);
        QVERIFY(panel.grab().save(artifacts + QStringLiteral("/compressor-panel.png")));
    }
};

QTEST_MAIN(TestCompressorPanel)
#include "tst_compressorpanel.moc"
