#include "charts/livetokenchart.h"
#include "testartifacts.h"

#include <QChart>
#include <QLegend>
#include <QLegendMarker>
#include <QLineSeries>
#include <QScatterSeries>
#include <QSignalSpy>
#include <QTest>
#include <QValueAxis>

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

QTEST_MAIN(TestLiveTokenChart)
#include "tst_livetokenchart.moc"
