#include "charts/phasebarchart.h"
#include "charts/phasestyle.h"
#include "testartifacts.h"

#include <QBarSet>
#include <QChart>
#include <QHorizontalStackedBarSeries>
#include <QLegend>
#include <QLegendMarker>
#include <QSignalSpy>
#include <QTest>

class TestPhaseBarChart : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void valuesMatchBreakdown();
    void estimatedPhaseIsMarked();
    void paletteIsDistinct();
    void clickEmitsBar();
    void render();
    void typicalRangeBands();
    void verdictMarks();

private:
    static QList<PhaseBarChart::Bar> sampleBars();
};

QList<PhaseBarChart::Bar> TestPhaseBarChart::sampleBars()
{
    PhaseBarChart::Bar a;
    a.label = QStringLiteral("local-vllm");
    a.color = QColor(0x33, 0x66, 0xCC);
    a.phases.ms = {4.2, 130.5, 61.0, 880.25, 9.0};
    a.phases.source = {PhaseSource::Measured, PhaseSource::ServerReported, PhaseSource::ServerReported,
                       PhaseSource::Measured, PhaseSource::Measured};
    PhaseBarChart::Bar b;
    b.label = QStringLiteral("cloud-api");
    b.color = QColor(0xCC, 0x33, 0x33);
    b.phases.ms = {85.0, 210.0, 120.0, 1300.0, 15.0};
    b.phases.source = {PhaseSource::Measured, PhaseSource::Estimated, PhaseSource::Estimated,
                       PhaseSource::Measured, PhaseSource::Measured};
    return {a, b};
}

void TestPhaseBarChart::valuesMatchBreakdown()
{
    PhaseBarChart chart;
    const QList<PhaseBarChart::Bar> bars = sampleBars();
    chart.setBars(bars);
    QCOMPARE(chart.barCount(), 2);
    for (int b = 0; b < bars.size(); ++b) {
        for (Phase phase : Phases::all())
            QCOMPARE(chart.segmentValue(b, phase), bars.at(b).phases[phase]);
    }
    // The chart itself stacks them: every set holds one value per bar, in the seed's order.
    auto *series = qobject_cast<QHorizontalStackedBarSeries *>(chart.chart()->series().first());
    QVERIFY(series);
    const QList<QBarSet *> sets = series->barSets();
    QCOMPARE(sets.size(), PhaseCount * 2 + 2); // solid and striped per phase, two legend keys
    // Qt stacks category 0 at the bottom; the first bar is drawn at the top.
    for (int b = 0; b < bars.size(); ++b) {
        double total = 0;
        for (QBarSet *set : sets)
            total += set->at(int(bars.size()) - 1 - b);
        QCOMPARE(total, bars.at(b).phases.total());
    }
    QCOMPARE(sets.at(0)->label(), Phases::label(Phase::Network));
    QCOMPARE(sets.at(8)->label(), Phases::label(Phase::Postprocess));

    // Setting fewer bars drops the old ones.
    chart.setBars({bars.first()});
    QCOMPARE(chart.barCount(), 1);
    QCOMPARE(sets.at(0)->count(), 1);
    QCOMPARE(chart.segmentValue(1, Phase::Network), 0.0);
}

void TestPhaseBarChart::estimatedPhaseIsMarked()
{
    PhaseBarChart chart;
    chart.setBars(sampleBars());
    QVERIFY(!chart.segmentIsEstimated(0, Phase::Prompt));
    QVERIFY(chart.segmentIsEstimated(1, Phase::Prompt));
    QVERIFY(chart.segmentIsEstimated(1, Phase::Inference));
    QVERIFY(!chart.segmentIsEstimated(1, Phase::Generation));

    // The estimated value sits in a striped set, the measured one in a solid set.
    auto *series = qobject_cast<QHorizontalStackedBarSeries *>(chart.chart()->series().first());
    QBarSet *solidPrompt = nullptr;
    QBarSet *stripedPrompt = nullptr;
    const QList<QBarSet *> sets = series->barSets();
    for (QBarSet *set : sets) {
        if (set->label() == Phases::label(Phase::Prompt))
            solidPrompt = set;
        else if (set->label().startsWith(Phases::label(Phase::Prompt)) && set->label().contains(QStringLiteral("estimated")))
            stripedPrompt = set;
    }
    QVERIFY(solidPrompt && stripedPrompt);
    QCOMPARE(solidPrompt->brush().style(), Qt::SolidPattern);
    QCOMPARE(solidPrompt->brush().color(), PhaseStyle::color(Phase::Prompt));
    QCOMPARE(stripedPrompt->brush().style(), Qt::TexturePattern);
    // Bar 1 (cloud-api) is set 0: the bottom one.
    QCOMPARE(stripedPrompt->at(0), 210.0);
    QCOMPARE(solidPrompt->at(0), 0.0);
    QCOMPARE(solidPrompt->at(1), 130.5);
}

void TestPhaseBarChart::paletteIsDistinct()
{
    const QList<Phase> phases = Phases::all();
    for (int i = 0; i < phases.size(); ++i) {
        for (int j = i + 1; j < phases.size(); ++j)
            QVERIFY(PhaseStyle::color(phases.at(i)) != PhaseStyle::color(phases.at(j)));
    }
}

void TestPhaseBarChart::clickEmitsBar()
{
    PhaseBarChart chart;
    chart.setBars(sampleBars());
    chart.resize(700, 360);
    chart.show();
    QVERIFY(QTest::qWaitForWindowExposed(&chart));
    QSignalSpy clicked(&chart, &PhaseBarChart::barClicked);
    auto *series = chart.chart()->series().first();
    // Click inside the generation segment of each bar, at the height the bar is drawn.
    for (int bar : {1, 0}) {
        const int drawnAt = chart.barCount() - 1 - bar;
        const QPointF inChart = chart.chart()->mapToPosition(QPointF(600, drawnAt), series);
        const QPoint inView = chart.mapFromScene(chart.chart()->mapToScene(inChart));
        QTest::mouseClick(chart.viewport(), Qt::LeftButton, {}, inView);
    }
    QCOMPARE(clicked.size(), 2);
    QCOMPARE(clicked.at(0).first().toInt(), 1);
    QCOMPARE(clicked.at(1).first().toInt(), 0);
}

void TestPhaseBarChart::render()
{
    PhaseBarChart chart;
    chart.setTitle(QStringLiteral("Latency by phase (mean)"));
    chart.setBars(sampleBars());
    chart.resize(820, 380);
    chart.show();
    QVERIFY(QTest::qWaitForWindowExposed(&chart));
    QVERIFY(TestArtifacts::hasInk(chart.grab().toImage()));
    TestArtifacts::save(&chart, QStringLiteral("phasebarchart.png"));

    // The legend names the five phases and one "estimated" key, not a striped twin per phase.
    auto *series = qobject_cast<QHorizontalStackedBarSeries *>(chart.chart()->series().first());
    QStringList visible;
    const QList<QLegendMarker *> markers = chart.chart()->legend()->markers(series);
    for (QLegendMarker *marker : markers) {
        if (marker->isVisible())
            visible.append(marker->label());
    }
    QCOMPARE(visible.size(), PhaseCount + 2);
    QCOMPARE(visible.at(PhaseCount), QStringLiteral("Estimated"));
    QCOMPARE(visible.last(), QStringLiteral("Typical range"));

    // Without estimated phases the key goes away.
    QList<PhaseBarChart::Bar> measured = sampleBars();
    measured.removeLast();
    chart.setBars(measured);
    int keys = 0;
    const QList<QLegendMarker *> after = chart.chart()->legend()->markers(series);
    for (QLegendMarker *marker : after)
        keys += marker->isVisible() && marker->label().contains(QStringLiteral("stimated")) ? 1 : 0;
    QCOMPARE(keys, 0);
}

void TestPhaseBarChart::typicalRangeBands()
{
    // The typical ranges as commonly claimed: network 50–200 ms, prompt processing 100–500 ms,
    // inference 500–5,000 ms, post-processing 10–50 ms; generation (linear in tokens) has none.
    PhaseBarChart chart;
    const QList<PhaseBarChart::Bar> bars = sampleBars();
    chart.setBars(bars);
    struct Expected
    {
        Phase phase;
        double min;
        double max;
    };
    const Expected ranges[] = {{Phase::Network, 50, 200}, {Phase::Prompt, 100, 500},
                               {Phase::Inference, 500, 5000}, {Phase::Postprocess, 10, 50}};
    for (int b = 0; b < bars.size(); ++b) {
        double start = 0;
        for (Phase phase : Phases::all()) {
            const auto band = chart.typicalBand(b, phase);
            if (phase == Phase::Generation) {
                QVERIFY(!band);
            } else {
                QVERIFY(band);
                for (const Expected &e : ranges) {
                    if (e.phase != phase)
                        continue;
                    // The band starts where the phase starts: its segment ends inside it when typical.
                    QCOMPARE(band->minMs, start + e.min);
                    QCOMPARE(band->maxMs, start + e.max);
                }
            }
            QCOMPARE(chart.segmentStart(b, phase), start);
            start += bars.at(b).phases[phase];
        }
    }

    chart.resize(820, 420);
    chart.show();
    QVERIFY(QTest::qWaitForWindowExposed(&chart));
    auto *series = chart.chart()->series().first();
    for (int b = 0; b < bars.size(); ++b) {
        const QRectF bar = chart.barRect(b);
        QVERIFY(!bar.isEmpty());
        QRectF previous;
        for (Phase phase : {Phase::Network, Phase::Prompt, Phase::Inference, Phase::Postprocess}) {
            const QRectF band = chart.typicalBandRect(b, phase);
            QVERIFY2(!band.isEmpty(), qPrintable(Phases::label(phase)));
            // Under the bar, not over it, and inside the bar's own row.
            QCOMPARE_GE(band.top(), bar.bottom());
            QCOMPARE_LE(band.bottom(), bar.bottom() + bar.height());
            // One lane per phase, stacked downwards.
            if (!previous.isNull())
                QCOMPARE_GE(band.top(), previous.bottom() - 0.5);
            previous = band;
            // Its left end sits at start + min on the value axis (unless the axis cuts it off).
            const double left = chart.chart()->mapToPosition(QPointF(chart.typicalBand(b, phase)->minMs, 0), series).x();
            if (left >= chart.chart()->plotArea().left() && left <= chart.chart()->plotArea().right())
                QVERIFY2(qAbs(band.left() - left) < 1.0, qPrintable(Phases::label(phase)));
        }
        QVERIFY(chart.typicalBandRect(b, Phase::Generation).isEmpty());
    }
    TestArtifacts::save(&chart, QStringLiteral("phasebarchart-typical.png"));

    // Dark theme: the same bands, drawn to read on a dark background.
    QPalette dark = chart.palette();
    dark.setColor(QPalette::Window, QColor(0x20, 0x20, 0x20));
    dark.setColor(QPalette::Base, QColor(0x18, 0x18, 0x18));
    dark.setColor(QPalette::WindowText, QColor(0xEE, 0xEE, 0xEE));
    dark.setColor(QPalette::Text, QColor(0xEE, 0xEE, 0xEE));
    chart.setPalette(dark);
    QTest::qWait(20);
    if (!chart.isLight())
        QVERIFY(!chart.typicalBandRect(0, Phase::Network).isEmpty());
    QVERIFY(TestArtifacts::hasInk(chart.grab().toImage()));
    TestArtifacts::save(&chart, QStringLiteral("phasebarchart-typical-dark.png"));
}

void TestPhaseBarChart::verdictMarks()
{
    PhaseBarChart chart;
    chart.setBars(sampleBars());
    chart.resize(820, 420);
    chart.show();
    QVERIFY(QTest::qWaitForWindowExposed(&chart));
    // local-vllm: 4.2 ms network (below 50–200), 130.5 ms prompt (within 100–500), 61 ms
    // inference (below 500–5,000), 9 ms post-processing (below 10–50).
    QCOMPARE(chart.segmentVerdict(0, Phase::Network), RangeVerdict::Below);
    QCOMPARE(chart.segmentVerdict(0, Phase::Prompt), RangeVerdict::Within);
    QCOMPARE(chart.segmentVerdict(0, Phase::Inference), RangeVerdict::Below);
    QCOMPARE(chart.segmentVerdict(0, Phase::Generation), RangeVerdict::NoRange);
    QCOMPARE(chart.segmentVerdict(0, Phase::Postprocess), RangeVerdict::Below);
    // cloud-api: 85 ms network and 15 ms post-processing are within.
    QCOMPARE(chart.segmentVerdict(1, Phase::Network), RangeVerdict::Within);
    QCOMPARE(chart.segmentVerdict(1, Phase::Postprocess), RangeVerdict::Within);
    // Each verdict is drawn as its own mark; generation gets none.
    QCOMPARE(chart.verdictMark(0, Phase::Network), Phases::verdictSymbol(RangeVerdict::Below));
    QCOMPARE(chart.verdictMark(0, Phase::Prompt), Phases::verdictSymbol(RangeVerdict::Within));
    QCOMPARE(chart.verdictMark(1, Phase::Network), Phases::verdictSymbol(RangeVerdict::Within));
    QVERIFY(chart.verdictMark(0, Phase::Generation).isEmpty());
    QVERIFY(chart.verdictMark(0, Phase::Network) != chart.verdictMark(0, Phase::Prompt));

    // An inference of 6 s is above the range, and the mark changes with it.
    QList<PhaseBarChart::Bar> slow = sampleBars();
    slow[0].phases.ms[size_t(Phase::Inference)] = 6000;
    chart.setBars(slow);
    QCOMPARE(chart.segmentVerdict(0, Phase::Inference), RangeVerdict::Above);
    QCOMPARE(chart.verdictMark(0, Phase::Inference), Phases::verdictSymbol(RangeVerdict::Above));
}

QTEST_MAIN(TestPhaseBarChart)
#include "tst_phasebarchart.moc"
