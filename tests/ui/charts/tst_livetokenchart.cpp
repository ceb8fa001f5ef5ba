#include "charts/livetokenchart.h"
#include "metrics/figureformat.h"
#include "testartifacts.h"

#include <QChart>
#include <QLegend>
#include <QLegendMarker>
#include <QLineSeries>
#include <QScatterSeries>
#include <QSignalSpy>
#include <QTest>
#include <QValueAxis>

#include <cmath>

class TestLiveTokenChart : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void burstIsOneReplacePerFlush();
    void timerCoalescesBurst();
    void longStreamIsCapped();
    void firstTokenMarker();
    void clearRemovesStreams();
    void race();
    void labelUsesTheSharedMsFormat();
    void labelsNeitherStackNorCutTheCurves();
    void aTokenBeforeTheWaitingLineTakesItBack();

private:
    static QLineSeries *lineOf(LiveTokenChart &chart, int stream);
};

QLineSeries *TestLiveTokenChart::lineOf(LiveTokenChart &chart, int stream)
{
    int seen = 0;
    const QList<QAbstractSeries *> all = chart.chart()->series();
    for (QAbstractSeries *series : all) {
        if (auto *line = qobject_cast<QLineSeries *>(series); line && !qobject_cast<QScatterSeries *>(series)) {
            if (seen++ == stream)
                return line;
        }
    }
    return nullptr;
}

void TestLiveTokenChart::burstIsOneReplacePerFlush()
{
    LiveTokenChart chart;
    const int stream = chart.addStream(QStringLiteral("a"), Qt::blue);
    QLineSeries *line = lineOf(chart, stream);
    QVERIFY(line);
    QSignalSpy replaced(line, &QXYSeries::pointsReplaced);
    QSignalSpy added(line, &QXYSeries::pointAdded);

    for (int i = 1; i <= 10000; ++i)
        chart.addTokens(stream, i * 0.5, i);
    QCOMPARE(chart.pointCount(stream), 0); // nothing drawn before the flush
    chart.flushNow();
    QCOMPARE(replaced.size(), 1);
    QCOMPARE(added.size(), 0);
    QCOMPARE(chart.pointCount(stream), 10000);
    QCOMPARE(line->at(9999), QPointF(5000, 10000));

    // An idle flush redraws nothing.
    chart.flushNow();
    QCOMPARE(replaced.size(), 1);

    // Axes follow the data once per flush, with room above the last point.
    auto *x = qobject_cast<QValueAxis *>(chart.chart()->axes(Qt::Horizontal).first());
    auto *y = qobject_cast<QValueAxis *>(chart.chart()->axes(Qt::Vertical).first());
    QVERIFY(x->max() >= 5000);
    QVERIFY(y->max() >= 10000);
}

void TestLiveTokenChart::timerCoalescesBurst()
{
    LiveTokenChart chart;
    const int stream = chart.addStream(QStringLiteral("a"), Qt::red);
    QSignalSpy replaced(lineOf(chart, stream), &QXYSeries::pointsReplaced);
    for (int i = 1; i <= 500; ++i)
        chart.addTokens(stream, i, i);
    QTRY_COMPARE_WITH_TIMEOUT(chart.pointCount(stream), 500, 1000);
    QCOMPARE(replaced.size(), 1);
}

void TestLiveTokenChart::longStreamIsCapped()
{
    LiveTokenChart chart;
    const int stream = chart.addStream(QStringLiteral("long"), Qt::darkGreen);
    const int total = LiveTokenChart::MaxPointsPerSeries * 3 + 7;
    for (int i = 1; i <= total; ++i)
        chart.addTokens(stream, i * 0.1, i);
    chart.flushNow();
    QVERIFY(chart.pointCount(stream) <= LiveTokenChart::MaxPointsPerSeries);
    QVERIFY(chart.pointCount(stream) > LiveTokenChart::MaxPointsPerSeries / 2);
    // The drawn line still ends where the stream is.
    QLineSeries *line = lineOf(chart, stream);
    QCOMPARE(line->at(line->count() - 1).y(), double(total));
}

void TestLiveTokenChart::firstTokenMarker()
{
    LiveTokenChart chart;
    const int stream = chart.addStream(QStringLiteral("a"), Qt::blue);
    chart.addTokens(stream, 123.4, 1);
    chart.addTokens(stream, 150, 2);
    chart.markFirstToken(stream, 123.4);
    chart.flushNow();
    QCOMPARE(chart.firstTokenMs(stream), std::optional<double>(123.4));
    QScatterSeries *marker = nullptr;
    const QList<QAbstractSeries *> all = chart.chart()->series();
    for (QAbstractSeries *series : all) {
        if (auto *scatter = qobject_cast<QScatterSeries *>(series))
            marker = scatter;
    }
    QVERIFY(marker);
    QCOMPARE(marker->count(), 1);
    QCOMPARE(marker->at(0), QPointF(123.4, 1));
    QCOMPARE(chart.firstTokenLabel(stream), QStringLiteral("TTFT 123 ms"));
    // The helper series does not add a legend entry of its own.
    QVERIFY(!chart.chart()->legend()->markers(marker).first()->isVisible());
}

void TestLiveTokenChart::clearRemovesStreams()
{
    LiveTokenChart chart;
    chart.addStream(QStringLiteral("a"), Qt::blue);
    chart.addTokens(0, 10, 1);
    chart.clear();
    QCOMPARE(chart.streamCount(), 0);
    QVERIFY(chart.chart()->series().isEmpty());
    QCOMPARE(chart.pointCount(0), 0);
    chart.addTokens(0, 10, 1); // a stale index after clear() is ignored
    QCOMPARE(chart.addStream(QStringLiteral("b"), Qt::red), 0);
}

void TestLiveTokenChart::race()
{
    LiveTokenChart chart;
    chart.setTitle(QStringLiteral("Race: tokens over time"));
    const QList<std::tuple<QString, QColor, double, double>> streams = {
        {QStringLiteral("local-vllm"), QColor(0x33, 0x66, 0xCC), 180, 11},
        {QStringLiteral("cloud-api"), QColor(0xCC, 0x33, 0x33), 420, 19},
        {QStringLiteral("ollama"), QColor(0x2E, 0x8B, 0x57), 650, 26},
    };
    for (const auto &[name, color, ttft, itl] : streams) {
        const int s = chart.addStream(name, color);
        chart.addTokens(s, 0, 0);
        chart.markFirstToken(s, ttft);
        for (int token = 1; token <= 200; ++token)
            chart.addTokens(s, ttft + (token - 1) * itl, token);
    }
    chart.resize(800, 450);
    chart.show();
    QVERIFY(QTest::qWaitForWindowExposed(&chart));
    chart.flushNow();
    QCOMPARE(chart.pointCount(2), 201);
    for (int s = 0; s < 3; ++s)
        QVERIFY(chart.firstTokenLabel(s).startsWith(QStringLiteral("TTFT ")));
    const QImage image = chart.grab().toImage();
    QVERIFY(TestArtifacts::hasInk(image));
    TestArtifacts::save(&chart, QStringLiteral("livetokenchart-race.png"));
}

void TestLiveTokenChart::labelUsesTheSharedMsFormat()
{
    // Half a millisecond rounds up, as in the pane's big TTFT readout (same function).
    LiveTokenChart chart;
    const int stream = chart.addStream(QStringLiteral("a"), Qt::blue);
    chart.resize(600, 400);
    for (double ms : {143.5, 0.5, 2.49, 1234.5}) {
        chart.addTokens(stream, ms, 1);
        chart.markFirstToken(stream, ms);
        chart.flushNow();
        QCOMPARE(chart.firstTokenLabel(stream),
                 QStringLiteral("TTFT %1 ms").arg(FigureFormat::milliseconds(ms)));
    }
    QCOMPARE(FigureFormat::milliseconds(143.5), QStringLiteral("144"));
}

void TestLiveTokenChart::labelsNeitherStackNorCutTheCurves()
{
    // Four endpoints whose first tokens come within a few milliseconds of each other: their
    // labels used to climb onto one another at the top, and the plate behind each label cut
    // a gap in whatever curve ran under it.
    LiveTokenChart chart;
    const QList<std::tuple<QColor, double, double>> streams = {
        {QColor(0xD6, 0x27, 0x28), 150, 4},
        {QColor(0x6A, 0x3D, 0x9A), 156, 6},
        {QColor(0x66, 0xA6, 0x1E), 161, 9},
        {QColor(0x8C, 0x56, 0x4B), 170, 14},
    };
    int n = 0;
    for (const auto &[color, ttft, itl] : streams) {
        const int s = chart.addStream(QStringLiteral("endpoint %1").arg(++n), color);
        chart.addTokens(s, 0, 0);
        chart.addTokens(s, ttft - 0.001, 0);
        chart.markFirstToken(s, ttft);
        for (int token = 1; token <= 120; ++token)
            chart.addTokens(s, ttft + (token - 1) * itl, token);
    }
    chart.resize(900, 420);
    chart.show();
    QVERIFY(QTest::qWaitForWindowExposed(&chart));
    chart.flushNow();
    QTest::qWait(20);
    chart.flushNow();

    const QRectF plot = chart.chart()->plotArea();
    QList<QRectF> labels;
    for (int s = 0; s < chart.streamCount(); ++s) {
        const QRectF r = chart.firstTokenLabelRect(s);
        QVERIFY2(!r.isNull(), qPrintable(QString::number(s)));
        QVERIFY(plot.adjusted(-1, -1, 1, 1).contains(r));
        for (const QRectF &other : std::as_const(labels))
            QVERIFY2(!other.intersects(r), "two TTFT labels overlap");
        labels.append(r);
    }

    // No drawn segment runs under a label.
    const QList<QAbstractSeries *> all = chart.chart()->series();
    QList<QLineSeries *> lines;
    for (QAbstractSeries *series : all) {
        if (auto *line = qobject_cast<QLineSeries *>(series); line && !qobject_cast<QScatterSeries *>(series))
            lines.append(line);
    }
    QCOMPARE(lines.size(), 4);
    for (QLineSeries *line : std::as_const(lines)) {
        const QList<QPointF> points = line->points();
        for (qsizetype i = 1; i < points.size(); ++i) {
            const QLineF segment(chart.chart()->mapToPosition(points.at(i - 1), line),
                                 chart.chart()->mapToPosition(points.at(i), line));
            for (const QRectF &r : std::as_const(labels)) {
                const QRectF inner = r.adjusted(1, 1, -1, -1);
                const bool inside = inner.contains(segment.p1()) || inner.contains(segment.p2());
                bool crosses = false;
                for (const QLineF &edge : {QLineF(inner.topLeft(), inner.topRight()), QLineF(inner.topRight(), inner.bottomRight()),
                                           QLineF(inner.bottomRight(), inner.bottomLeft()), QLineF(inner.bottomLeft(), inner.topLeft())})
                    crosses = crosses || segment.intersects(edge) == QLineF::BoundedIntersection;
                QVERIFY2(!inside && !crosses, "a curve runs under a TTFT label");
            }
        }
    }

    // And on screen every curve is unbroken next to the labels: the pixels on its points
    // are its colour, not the chart's background.
    const QImage image = chart.viewport()->grab().toImage();
    int checked = 0;
    for (int s = 0; s < lines.size(); ++s) {
        const QColor color = std::get<0>(streams.at(s));
        const QList<QPointF> points = lines.at(s)->points();
        for (const QPointF &value : points) {
            if (value.y() < 1)
                continue; // the baselines of all four lie on each other
            const QPointF at = chart.mapFromScene(chart.chart()->mapToScene(chart.chart()->mapToPosition(value, lines.at(s))));
            bool nearLabel = false;
            for (const QRectF &r : std::as_const(labels))
                nearLabel = nearLabel || r.adjusted(-60, -60, 60, 60).contains(at);
            bool nearMarker = false;
            for (int m = 0; m < lines.size(); ++m) {
                const QPointF marker = chart.mapFromScene(chart.chart()->mapToScene(chart.chart()->mapToPosition(
                    QPointF(std::get<1>(streams.at(m)), 1), lines.at(m))));
                nearMarker = nearMarker || QLineF(marker, at).length() < 10;
            }
            bool nearOtherLine = false;
            for (int o = 0; o < lines.size() && !nearOtherLine; ++o) {
                if (o == s)
                    continue;
                const QList<QPointF> others = lines.at(o)->points();
                for (const QPointF &p : others) {
                    if (QLineF(chart.chart()->mapToPosition(p, lines.at(o)), chart.chart()->mapToPosition(value, lines.at(s))).length() < 6) {
                        nearOtherLine = true;
                        break;
                    }
                }
            }
            const QPoint pixelAt(int(std::floor(at.x())), int(std::floor(at.y())));
            if (!nearLabel || nearMarker || nearOtherLine || !image.rect().adjusted(1, 1, -1, -1).contains(pixelAt))
                continue;
            // The closest of the 3×3 pixels around the point: antialiasing spreads a 2 px line.
            double distance = 3;
            QColor closest;
            for (int dx = -1; dx <= 1; ++dx) {
                for (int dy = -1; dy <= 1; ++dy) {
                    const QColor pixel = image.pixelColor(pixelAt + QPoint(dx, dy));
                    const double d = std::abs(pixel.redF() - color.redF()) + std::abs(pixel.greenF() - color.greenF())
                        + std::abs(pixel.blueF() - color.blueF());
                    if (d < distance) {
                        distance = d;
                        closest = pixel;
                    }
                }
            }
            QVERIFY2(distance < 0.5, qPrintable(QStringLiteral("stream %1 at (%2, %3) is %4, not %5")
                                                    .arg(s).arg(at.x()).arg(at.y()).arg(closest.name(), color.name())));
            ++checked;
        }
    }
    QVERIFY2(checked > 0, "no point of a curve lies near a label");
    TestArtifacts::save(&chart, QStringLiteral("livetokenchart-close-race.png"));
}

void TestLiveTokenChart::aTokenBeforeTheWaitingLineTakesItBack()
{
    // The Live panel extends the line while it waits (ticks at "now"), and a token comes with
    // the time its bytes arrived, which can be before the last tick: the curve went backwards
    // (seen in a screenshot at about 1 s). The ticks past the token are taken back.
    LiveTokenChart chart;
    const int stream = chart.addStream(QStringLiteral("a"), Qt::blue);
    chart.addTokens(stream, 0, 0);
    chart.addTokens(stream, 100, 0); // ticks while waiting
    chart.addTokens(stream, 200, 0);
    chart.addTokens(stream, 150, 1); // the token, which came at 150 ms
    chart.addTokens(stream, 230, 1); // the next tick
    chart.addTokens(stream, 220, 2); // and the next token, before it
    chart.flushNow();
    const QList<QPointF> points = lineOf(chart, stream)->points();
    const QList<QPointF> expected = {QPointF(0, 0), QPointF(100, 0), QPointF(150, 1), QPointF(220, 2)};
    QCOMPARE(points, expected);
    // Tokens at the same time as the last point stay (a step), as do later ticks.
    chart.addTokens(stream, 220, 3);
    chart.addTokens(stream, 260, 3);
    chart.flushNow();
    QCOMPARE(lineOf(chart, stream)->points().size(), 6);
}

QTEST_MAIN(TestLiveTokenChart)
#include "tst_livetokenchart.moc"
