#include "breakdownpanel/breakdownpanel.h"
#include "breakdownpanel/waterfallview.h"
#include "charts/phasebarchart.h"
#include "common/clock.h"
#include "testartifacts.h"
#include "../../common/widgetlookup.h"

#include <QComboBox>
#include <QLabel>
#include <QTableWidget>
#include <QTest>

namespace {

Distribution distribution(double mean, double p50, double p90, double p99)
{
    Distribution d;
    d.count = 100;
    d.mean = mean;
    d.p50 = p50;
    d.p90 = p90;
    d.p99 = p99;
    d.min = p50 / 2;
    d.max = p99 * 1.2;
    return d;
}

std::pair<EndpointProfile, RunSummary> run(const QString &name, const QString &color, double scale,
                                           PhaseSource promptSource)
{
    EndpointProfile profile;
    profile.name = name;
    profile.color = color;
    RunSummary summary;
    summary.requestsOk = 100;
    const std::array<double, PhaseCount> base = {20, 150, 60, 900, 10};
    for (Phase phase : Phases::all()) {
        const size_t i = size_t(phase);
        const double b = base[i] * scale;
        summary.phaseMs[i] = distribution(b, b * 0.9, b * 1.6, b * 2.4);
        summary.phaseSource[i] = PhaseSource::Measured;
    }
    summary.phaseSource[size_t(Phase::Prompt)] = promptSource;
    summary.phaseSource[size_t(Phase::Inference)] = promptSource;
    return {profile, summary};
}

RequestRecord record(bool reused, ErrorClass error = ErrorClass::None)
{
    RequestRecord r;
    r.index = 7;
    RequestTrace &t = r.trace;
    t.endpointName = QStringLiteral("cloud-api");
    t.model = QStringLiteral("gpt-4o-mini");
    t.reusedConnection = reused;
    t.httpStatus = error == ErrorClass::None ? 200 : 0;
    const qint64 origin = 5'000'000'000;
    const auto at = [origin](double ms) { return origin + Time::msToNs(ms); };
    t.startNs = origin;
    if (!reused) {
        t.dnsDoneNs = at(12);
        t.connectStartNs = at(12);
        t.connectedNs = at(48);
        t.tlsDoneNs = at(110);
    }
    const double sent = reused ? 1 : 111;
    t.requestSentNs = at(sent);
    t.responseStartNs = at(sent + 240);
    t.headersNs = at(sent + 241);
    t.firstBodyByteNs = at(sent + 242);
    t.firstTokenNs = at(sent + 300);
    t.firstAnswerTokenNs = t.firstTokenNs;
    double when = sent + 300;
    const int chunks = error == ErrorClass::None ? 60 : 20;
    for (int i = 0; i < chunks; ++i) {
        TraceChunk chunk;
        chunk.tNs = at(when);
        chunk.text = QStringLiteral("tok");
        t.chunks.append(chunk);
        when += 14 + (i % 7);
    }
    t.lastTokenNs = t.chunks.last().tNs;
    t.endNs = at(when + 25);
    t.error = error;
    if (error != ErrorClass::None)
        t.errorMessage = QStringLiteral("No bytes for 30 s after chunk 20; the stream was aborted.");
    r.metrics.ok = error == ErrorClass::None;
    r.metrics.ttftMs = sent + 300;
    r.metrics.outputTokens = chunks;
    return r;
}

} // namespace

class TestBreakdownPanel : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void barsFollowStatistic();
    void tableShowsSources();
    void tableShowsTypicalRanges();
    void waterfallRows();
    void waterfallReusedAndError();
    void panelRenders();
    void waterfallExports();
    void endpointsKeepTheSidebarOrder();
};

void TestBreakdownPanel::barsFollowStatistic()
{
    BreakdownPanel panel;
    const QList<std::pair<EndpointProfile, RunSummary>> runs = {
        run(QStringLiteral("local-vllm"), QStringLiteral("#3366cc"), 1.0, PhaseSource::ServerReported),
        run(QStringLiteral("cloud-api"), QStringLiteral("#cc3333"), 1.4, PhaseSource::Estimated)};
    panel.setRuns(runs);
    PhaseBarChart *chart = panel.chart();
    QCOMPARE(chart->barCount(), 2);
    QCOMPARE(panel.statistic(), BreakdownPanel::Statistic::Mean);
    for (int b = 0; b < 2; ++b) {
        for (Phase phase : Phases::all())
            QCOMPARE(chart->segmentValue(b, phase), runs.at(b).second.phaseMs[size_t(phase)].mean);
    }
    QCOMPARE(chart->bars().at(1).label, QStringLiteral("cloud-api"));
    QCOMPARE(chart->bars().at(1).color, QColor(0xcc, 0x33, 0x33));

    // The user picks p90 in the combo box.
    auto *combo = child<QComboBox>(&panel, "statistic");
    QVERIFY(combo);
    combo->setCurrentIndex(combo->findText(QStringLiteral("p90")));
    QCOMPARE(panel.statistic(), BreakdownPanel::Statistic::P90);
    for (int b = 0; b < 2; ++b) {
        for (Phase phase : Phases::all())
            QCOMPARE(chart->segmentValue(b, phase), runs.at(b).second.phaseMs[size_t(phase)].p90);
    }
    QVERIFY(chart->segmentIsEstimated(1, Phase::Prompt));
    QVERIFY(!chart->segmentIsEstimated(0, Phase::Prompt));
    // The caveat about percentiles is on screen.
    bool caveat = false;
    const QList<QLabel *> labels = panel.findChildren<QLabel *>();
    for (QLabel *label : labels)
        caveat = caveat || label->text().contains(QStringLiteral("do not add up"));
    QVERIFY(caveat);

    panel.setStatistic(BreakdownPanel::Statistic::P99);
    QCOMPARE(chart->segmentValue(0, Phase::Generation), runs.at(0).second.phaseMs[size_t(Phase::Generation)].p99);
}

void TestBreakdownPanel::tableShowsSources()
{
    BreakdownPanel panel;
    panel.setRuns({run(QStringLiteral("local-vllm"), QStringLiteral("#3366cc"), 1.0, PhaseSource::ServerReported),
                   run(QStringLiteral("cloud-api"), QStringLiteral("#cc3333"), 1.4, PhaseSource::Estimated)});
    auto *table = child<QTableWidget>(&panel, "phaseTable");
    QVERIFY(table);
    // The typical range, then per endpoint its figures and their verdict.
    QCOMPARE(table->columnCount(), 1 + 2 * 2);
    QCOMPARE(table->rowCount(), PhaseCount + 1);
    const int prompt = int(Phase::Prompt);
    const int local = BreakdownPanel::valueColumn(0);
    const int cloud = BreakdownPanel::valueColumn(1);
    QVERIFY(table->item(prompt, local)->text().contains(Phases::sourceLabel(PhaseSource::ServerReported)));
    QVERIFY(table->item(prompt, cloud)->text().contains(Phases::sourceLabel(PhaseSource::Estimated)));
    QVERIFY(table->item(prompt, cloud)->text().contains(QStringLiteral("210.0 ms")));
}

void TestBreakdownPanel::tableShowsTypicalRanges()
{
    // The typical ranges as commonly claimed: network 50–200 ms, prompt processing 100–500 ms,
    // inference 500–5,000 ms, generation linear in tokens, post-processing 10–50 ms.
    BreakdownPanel panel;
    panel.setRuns({run(QStringLiteral("local-vllm"), QStringLiteral("#3366cc"), 1.0, PhaseSource::ServerReported),
                   run(QStringLiteral("cloud-api"), QStringLiteral("#cc3333"), 1.4, PhaseSource::Estimated)});
    auto *table = child<QTableWidget>(&panel, "phaseTable");
    QVERIFY(table);
    const int range = BreakdownPanel::TypicalRangeColumn;
    QCOMPARE(table->horizontalHeaderItem(range)->text(), QStringLiteral("Typical range"));
    auto rangeText = [&](Phase phase) { return table->item(int(phase), range)->text().remove(u','); };
    QVERIFY(rangeText(Phase::Network).contains(QStringLiteral("50")) && rangeText(Phase::Network).contains(QStringLiteral("200")));
    QVERIFY(rangeText(Phase::Prompt).contains(QStringLiteral("100")) && rangeText(Phase::Prompt).contains(QStringLiteral("500")));
    QVERIFY(rangeText(Phase::Inference).contains(QStringLiteral("500")) && rangeText(Phase::Inference).contains(QStringLiteral("5000")));
    QVERIFY(rangeText(Phase::Postprocess).contains(QStringLiteral("10")) && rangeText(Phase::Postprocess).contains(QStringLiteral("50")));
    QVERIFY(rangeText(Phase::Network).contains(QStringLiteral("ms")));
    QVERIFY(rangeText(Phase::Generation).contains(QStringLiteral("linear")));

    // Means of local-vllm: network 20 ms (below), prompt 150 ms (within), inference 60 ms
    // (below), post-processing 10 ms (within: the ends belong to the range).
    auto verdict = [&](int runIndex, Phase phase) {
        return table->item(int(phase), BreakdownPanel::verdictColumn(runIndex))->data(Qt::UserRole).value<RangeVerdict>();
    };
    auto verdictText = [&](int runIndex, Phase phase) {
        return table->item(int(phase), BreakdownPanel::verdictColumn(runIndex))->text();
    };
    QCOMPARE(verdict(0, Phase::Network), RangeVerdict::Below);
    QVERIFY(verdictText(0, Phase::Network).contains(QStringLiteral("below")));
    QVERIFY(table->item(int(Phase::Network), BreakdownPanel::verdictColumn(0))->toolTip().contains(QStringLiteral("below typical range")));
    QCOMPARE(verdict(0, Phase::Prompt), RangeVerdict::Within);
    QVERIFY(verdictText(0, Phase::Prompt).contains(QStringLiteral("within")));
    QCOMPARE(verdict(0, Phase::Inference), RangeVerdict::Below);
    QCOMPARE(verdict(0, Phase::Generation), RangeVerdict::NoRange);
    QVERIFY(!verdictText(0, Phase::Generation).contains(QStringLiteral("below")));
    QVERIFY(!verdictText(0, Phase::Generation).contains(QStringLiteral("within")));
    QCOMPARE(verdict(0, Phase::Postprocess), RangeVerdict::Within);
    // cloud-api at 1.4 times: prompt 210 ms within.
    QCOMPARE(verdict(1, Phase::Prompt), RangeVerdict::Within);

    // The verdict follows the statistic shown: p99 of prompt processing is 2.4 × 150 = 360 ms
    // (within), of inference 2.4 × 60 = 144 ms (still below), of network 2.4 × 28 = 67.2 ms
    // for cloud-api (within now).
    panel.setStatistic(BreakdownPanel::Statistic::P99);
    QCOMPARE(verdict(0, Phase::Prompt), RangeVerdict::Within);
    QCOMPARE(verdict(0, Phase::Inference), RangeVerdict::Below);
    QCOMPARE(verdict(1, Phase::Network), RangeVerdict::Within);
    QCOMPARE(verdict(0, Phase::Network), RangeVerdict::Below); // 48 ms
    // The bars carry the same verdicts as the table.
    for (int b = 0; b < 2; ++b) {
        for (Phase phase : Phases::all())
            QCOMPARE(panel.chart()->segmentVerdict(b, phase), verdict(b, phase));
    }
}

void TestBreakdownPanel::waterfallRows()
{
    WaterfallView view;
    view.setRecord(record(false));
    const QList<WaterfallView::Row> rows = view.rows();
    QStringList labels;
    for (const WaterfallView::Row &row : rows)
        labels.append(row.label);
    QCOMPARE(labels,
             QStringList({QStringLiteral("DNS lookup"), QStringLiteral("Connect"), QStringLiteral("TLS handshake"),
                          QStringLiteral("Request sent"), QStringLiteral("Waiting (server)"),
                          QStringLiteral("First token"), QStringLiteral("Tokens arriving"), QStringLiteral("End")}));
    QCOMPARE(rows.at(0).endMs, 12.0);
    QCOMPARE(rows.at(2).startMs, 48.0);
    QCOMPARE(rows.at(4).endMs - rows.at(4).startMs, 240.0);
    QCOMPARE(rows.at(6).ticksMs.size(), 60);
    QCOMPARE(rows.at(6).startMs, 411.0);
    QCOMPARE(view.spanMs(), rows.last().endMs);
}

void TestBreakdownPanel::waterfallReusedAndError()
{
    WaterfallView view;
    view.setRecord(record(true, ErrorClass::StallTimeout));
    const QList<WaterfallView::Row> rows = view.rows();
    QCOMPARE(rows.first().kind, WaterfallView::Row::Kind::Note);
    QVERIFY(rows.first().detail.contains(QStringLiteral("reused connection")));
    for (const WaterfallView::Row &row : rows) {
        QVERIFY(row.label != QStringLiteral("DNS lookup"));
        QVERIFY(row.label != QStringLiteral("TLS handshake"));
    }
    QCOMPARE(rows.last().kind, WaterfallView::Row::Kind::Error);
    QVERIFY(rows.last().label.contains(ErrorClasses::label(ErrorClass::StallTimeout)));
    QCOMPARE(rows.last().color, QColor(0xD0, 0x1C, 0x1C));
    view.resize(view.sizeHint());
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    const QImage image = view.grab().toImage();
    QVERIFY(TestArtifacts::hasInk(image));
    TestArtifacts::save(&view, QStringLiteral("waterfall-reused-error.png"));
    view.clear();
    QVERIFY(!view.hasRecord());
    QVERIFY(view.rows().isEmpty());
}

void TestBreakdownPanel::panelRenders()
{
    BreakdownPanel panel;
    panel.setRuns({run(QStringLiteral("local-vllm"), QStringLiteral("#3366cc"), 1.0, PhaseSource::ServerReported),
                   run(QStringLiteral("cloud-api"), QStringLiteral("#cc3333"), 1.4, PhaseSource::Estimated)});
    panel.setStatistic(BreakdownPanel::Statistic::P90);
    panel.showRequest(record(false));
    panel.resize(900, 900);
    panel.show();
    QVERIFY(QTest::qWaitForWindowExposed(&panel));
    QVERIFY(panel.waterfall()->hasRecord());
    const QImage waterfall = panel.waterfall()->grab().toImage();
    QVERIFY(!waterfall.isNull());
    QVERIFY(TestArtifacts::hasInk(waterfall));
    TestArtifacts::save(&panel, QStringLiteral("breakdownpanel.png"));
    TestArtifacts::save(panel.waterfall(), QStringLiteral("waterfall.png"));
}

void TestBreakdownPanel::waterfallExports()
{
    WaterfallView view;
    view.setRecord(record(false));
    // A dark screen palette: the export must still come out on white.
    QPalette dark = view.palette();
    dark.setColor(QPalette::Window, QColor(0x20, 0x20, 0x20));
    dark.setColor(QPalette::Base, QColor(0x18, 0x18, 0x18));
    dark.setColor(QPalette::Text, QColor(0xEE, 0xEE, 0xEE));
    view.setPalette(dark);
    view.resize(view.sizeHint());
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    const QString path = TestArtifacts::path(QStringLiteral("waterfall-export.png"));
    QString error;
    QVERIFY2(view.exportTo(path, 192, &error), qPrintable(error));
    const QImage image(path);
    QCOMPARE(image.size(), view.size() * 2);
    QCOMPARE(QColor(image.pixel(1, 1)), QColor(Qt::white));
    QVERIFY(TestArtifacts::hasInk(image));
    QVERIFY2(view.exportTo(TestArtifacts::path(QStringLiteral("waterfall-export.pdf")), 150, &error), qPrintable(error));
    QVERIFY2(view.exportTo(TestArtifacts::path(QStringLiteral("waterfall-export.svg")), 96, &error), qPrintable(error));
    TestArtifacts::save(&view, QStringLiteral("waterfall-dark-screen.png"));
}

void TestBreakdownPanel::endpointsKeepTheSidebarOrder()
{
    // Live requests reach the panel in the order they finish, which changes from one send
    // to the next; bars and columns follow the sidebar instead.
    auto withId = [](std::pair<EndpointProfile, RunSummary> r, const QString &id) {
        r.first.id = id;
        return r;
    };
    const auto local = withId(run(QStringLiteral("local-vllm"), QStringLiteral("#d62728"), 1.0, PhaseSource::Measured),
                              QStringLiteral("local"));
    const auto cloud = withId(run(QStringLiteral("cloud-api"), QStringLiteral("#6a3d9a"), 1.4, PhaseSource::Measured),
                              QStringLiteral("cloud"));
    const auto gone = withId(run(QStringLiteral("deleted since"), QStringLiteral("#66a61e"), 2.0, PhaseSource::Measured),
                             QStringLiteral("gone"));
    BreakdownPanel panel;
    panel.setEndpointOrder({QStringLiteral("embedded"), QStringLiteral("local"), QStringLiteral("cloud")});
    const QStringList expected{QStringLiteral("local-vllm"), QStringLiteral("cloud-api"), QStringLiteral("deleted since")};
    for (const auto &runs : {QList{cloud, gone, local}, QList{gone, local, cloud}, QList{local, cloud, gone}}) {
        panel.setRuns(runs);
        QCOMPARE(panel.endpointNames(), expected);
        QStringList bars;
        for (const PhaseBarChart::Bar &bar : panel.chart()->bars())
            bars.append(bar.label);
        QCOMPARE(bars, expected);
        auto *table = child<QTableWidget>(&panel, "phaseTable");
        QVERIFY(table);
        for (int c = 0; c < expected.size(); ++c)
            QCOMPARE(table->horizontalHeaderItem(BreakdownPanel::valueColumn(c))->text(), expected.at(c));
    }
    // Reordering the sidebar reorders the panel at once.
    panel.setEndpointOrder({QStringLiteral("cloud"), QStringLiteral("local")});
    QCOMPARE(panel.endpointNames(),
             QStringList({QStringLiteral("cloud-api"), QStringLiteral("local-vllm"), QStringLiteral("deleted since")}));
}

QTEST_MAIN(TestBreakdownPanel)
#include "tst_breakdownpanel.moc"
