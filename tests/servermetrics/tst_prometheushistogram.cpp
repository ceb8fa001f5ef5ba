// Histogram quantiles as Prometheus' histogram_quantile() estimates them, checked against values
// computed by hand, and the window between two scrapes of the same histogram.
#include "servermetrics/prometheushistogram.h"

#include <QTest>

#include <cmath>
#include <limits>

using namespace Prometheus;

Q_DECLARE_METATYPE(Prometheus::Histogram)

namespace {

constexpr double Inf = std::numeric_limits<double>::infinity();
constexpr double None = std::numeric_limits<double>::quiet_NaN(); // "no estimate"

Histogram make(std::initializer_list<std::pair<double, double>> buckets, double sum = 0)
{
    Histogram h;
    for (const auto &[bound, count] : buckets)
        h.buckets.append(HistogramBucket { bound, count });
    h.count = h.buckets.isEmpty() ? 0 : h.buckets.back().cumulativeCount;
    h.sum = sum;
    return h;
}

// 10 observations ≤ 0.1, 20 in (0.1, 0.5], 10 in (0.5, 1], 10 above 1.
Histogram standard()
{
    return make({ { 0.1, 10 }, { 0.5, 30 }, { 1, 40 }, { Inf, 50 } }, 20);
}

const MetricFamily &only(const ParseResult &r)
{
    if (r.families.size() != 1)
        qFatal("expected one family, got %d", int(r.families.size()));
    return r.families.front();
}

} // namespace

class TestPrometheusHistogram : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void quantile_data();
    void quantile();
    void quantileBucket_data();
    void quantileBucket();
    void fromFamilySumsLabelSets();
    void fromFamilyFilters();
    void fromFamilyNeedsBuckets();
    void sinceIsTheWindow();
    void sinceAfterAReset();
    void plus();
    void mean();
    void windowFromTwoScrapes();
};

void TestPrometheusHistogram::quantile_data()
{
    QTest::addColumn<Histogram>("histogram");
    QTest::addColumn<double>("q");
    QTest::addColumn<double>("expected");

    // rank = q × 50; interpolate inside the first bucket that reaches it.
    QTest::newRow("p50") << standard() << 0.5 << 0.4; // rank 25: 0.1 + 0.4 × 15/20
    QTest::newRow("p10") << standard() << 0.1 << 0.05; // rank 5: 0 + 0.1 × 5/10
    QTest::newRow("p25") << standard() << 0.25 << 0.15; // rank 12.5: 0.1 + 0.4 × 2.5/20
    QTest::newRow("p70") << standard() << 0.7 << 0.75; // rank 35: 0.5 + 0.5 × 5/10
    QTest::newRow("p80 on a bucket edge") << standard() << 0.8 << 1.0; // rank 40: the top of (0.5, 1]
    QTest::newRow("p99 in +Inf") << standard() << 0.99 << 1.0; // the largest finite bound
    QTest::newRow("q = 1") << standard() << 1.0 << 1.0;
    QTest::newRow("q = 0") << standard() << 0.0 << 0.0;
    QTest::newRow("q = 0 skips empty buckets")
        << make({ { 0.1, 0 }, { 0.5, 0 }, { 1, 5 }, { Inf, 5 } }) << 0.0 << 0.5;
    QTest::newRow("empty buckets below")
        << make({ { 0.1, 0 }, { 0.5, 0 }, { 1, 5 }, { Inf, 5 } }) << 0.5 << 0.75;
    QTest::newRow("everything above the last bound")
        << make({ { 0.1, 0 }, { 1, 0 }, { Inf, 7 } }) << 0.5 << 1.0;
    // 10, 8 is noise: read as 10, 10 (rank 25: 0.5 + 0.5 × 15/30).
    QTest::newRow("counts going down")
        << make({ { 0.1, 10 }, { 0.5, 8 }, { 1, 40 }, { Inf, 50 } }) << 0.5 << 0.75;
    QTest::newRow("first bound negative")
        << make({ { -1, 5 }, { 0, 10 }, { 1, 20 }, { Inf, 20 } }) << 0.1 << -1.0;
    QTest::newRow("from a negative bound")
        << make({ { -1, 5 }, { 0, 10 }, { 1, 20 }, { Inf, 20 } }) << 0.5 << 0.0;
    QTest::newRow("above zero") << make({ { -1, 5 }, { 0, 10 }, { 1, 20 }, { Inf, 20 } }) << 0.75 << 0.5;
    QTest::newRow("one finite bucket") << make({ { 1, 4 }, { Inf, 4 } }) << 0.5 << 0.5;
    QTest::newRow("no +Inf bucket") << make({ { 0.1, 1 }, { 1, 2 } }) << 0.5 << None;
    QTest::newRow("only +Inf") << make({ { Inf, 5 } }) << 0.5 << None;
    QTest::newRow("no observations") << make({ { 0.1, 0 }, { Inf, 0 } }) << 0.5 << None;
    QTest::newRow("no buckets") << Histogram() << 0.5 << None;
    QTest::newRow("q above 1") << standard() << 1.5 << None;
    QTest::newRow("q below 0") << standard() << -0.1 << None;
    QTest::newRow("q NaN") << standard() << None << None;
}

void TestPrometheusHistogram::quantile()
{
    QFETCH(Histogram, histogram);
    QFETCH(double, q);
    QFETCH(double, expected);
    const std::optional<double> estimate = histogram.quantile(q);
    const std::optional<std::pair<double, double>> bucket = histogram.quantileBucket(q);
    if (std::isnan(expected)) {
        QVERIFY2(!estimate.has_value(), qPrintable(QString::number(estimate.value_or(0))));
        QVERIFY(!bucket.has_value());
        return;
    }
    QVERIFY(estimate.has_value());
    QVERIFY2(std::abs(*estimate - expected) < 1e-12,
             qPrintable(QStringLiteral("%1 != %2").arg(*estimate, 0, 'g', 17).arg(expected, 0, 'g', 17)));
    // Every estimate lies in the bucket it is said to come from.
    QVERIFY(bucket.has_value());
    QVERIFY2(bucket->first <= *estimate && *estimate <= bucket->second,
             qPrintable(QStringLiteral("%1 outside [%2, %3]").arg(*estimate).arg(bucket->first).arg(bucket->second)));
}

void TestPrometheusHistogram::quantileBucket_data()
{
    QTest::addColumn<Histogram>("histogram");
    QTest::addColumn<double>("q");
    QTest::addColumn<double>("lower");
    QTest::addColumn<double>("upper");

    QTest::newRow("p50") << standard() << 0.5 << 0.1 << 0.5;
    QTest::newRow("p10 in the first bucket") << standard() << 0.1 << 0.0 << 0.1;
    QTest::newRow("p80 on a bucket edge") << standard() << 0.8 << 0.5 << 1.0;
    QTest::newRow("p99 in +Inf") << standard() << 0.99 << 1.0 << Inf;
    QTest::newRow("empty buckets below") << make({ { 0.1, 0 }, { 0.5, 0 }, { 1, 5 }, { Inf, 5 } }) << 0.5 << 0.5
                                         << 1.0;
    QTest::newRow("first bound negative") << make({ { -1, 5 }, { 0, 10 }, { 1, 20 }, { Inf, 20 } }) << 0.1 << -1.0
                                          << -1.0;
}

void TestPrometheusHistogram::quantileBucket()
{
    QFETCH(Histogram, histogram);
    QFETCH(double, q);
    QFETCH(double, lower);
    QFETCH(double, upper);
    const std::optional<std::pair<double, double>> bucket = histogram.quantileBucket(q);
    QVERIFY(bucket.has_value());
    QCOMPARE(bucket->first, lower);
    QCOMPARE(bucket->second, upper);
}

void TestPrometheusHistogram::fromFamilySumsLabelSets()
{
    // Two engines; the second lists its buckets backwards and spells one bound "1.0".
    const ParseResult r = parse("# TYPE ttft histogram\n"
                                "ttft_bucket{engine=\"0\",le=\"0.1\"} 1\n"
                                "ttft_bucket{engine=\"0\",le=\"1\"} 3\n"
                                "ttft_bucket{engine=\"0\",le=\"+Inf\"} 4\n"
                                "ttft_sum{engine=\"0\"} 2\n"
                                "ttft_count{engine=\"0\"} 4\n"
                                "ttft_bucket{engine=\"1\",le=\"+Inf\"} 6\n"
                                "ttft_bucket{engine=\"1\",le=\"1.0\"} 5\n"
                                "ttft_bucket{engine=\"1\",le=\"0.1\"} 2\n"
                                "ttft_sum{engine=\"1\"} 3\n"
                                "ttft_count{engine=\"1\"} 6\n"
                                "ttft_created{engine=\"1\"} 1.7e9\n");
    QCOMPARE(r.skippedLines, 0);
    const std::optional<Histogram> h = Histogram::fromFamily(only(r));
    QVERIFY(h.has_value());
    QCOMPARE(*h, make({ { 0.1, 3 }, { 1, 8 }, { Inf, 10 } }, 5));
    QVERIFY(h->isComplete());
    // rank 5: 0.1 + 0.9 × 2/5
    QCOMPARE(*h->quantile(0.5), 0.46);
}

void TestPrometheusHistogram::fromFamilyFilters()
{
    const ParseResult r = parse("# TYPE h histogram\n"
                                "h_bucket{engine=\"0\",le=\"1\"} 1\n"
                                "h_bucket{engine=\"0\",le=\"+Inf\"} 1\n"
                                "h_count{engine=\"0\"} 1\n"
                                "h_sum{engine=\"0\"} 0.5\n"
                                "h_bucket{engine=\"1\",le=\"1\"} 2\n"
                                "h_bucket{engine=\"1\",le=\"+Inf\"} 6\n"
                                "h_count{engine=\"1\"} 6\n"
                                "h_sum{engine=\"1\"} 9\n");
    const std::optional<Histogram> one
        = Histogram::fromFamily(only(r), Labels { { QStringLiteral("engine"), QStringLiteral("1") } });
    QVERIFY(one.has_value());
    QCOMPARE(*one, make({ { 1, 2 }, { Inf, 6 } }, 9));
    QVERIFY(!Histogram::fromFamily(only(r), Labels { { QStringLiteral("engine"), QStringLiteral("9") } }));
}

void TestPrometheusHistogram::fromFamilyNeedsBuckets()
{
    QVERIFY(!Histogram::fromFamily(only(parse("# TYPE g gauge\ng 1\n"))));
    QVERIFY(!Histogram::fromFamily(only(parse("# TYPE h histogram\nh_sum 1\nh_count 1\n"))));
    // No _count sample: the +Inf bucket is the count.
    const std::optional<Histogram> h = Histogram::fromFamily(
        only(parse("# TYPE h histogram\nh_bucket{le=\"1\"} 2\nh_bucket{le=\"+Inf\"} 3\n")));
    QVERIFY(h.has_value());
    QCOMPARE(h->count, 3.0);
}

void TestPrometheusHistogram::sinceIsTheWindow()
{
    const Histogram earlier = standard();
    const Histogram later = make({ { 0.1, 15 }, { 0.5, 50 }, { 1, 80 }, { Inf, 100 } }, 45);
    QVERIFY(!later.isResetSince(earlier));
    const Histogram window = later.since(earlier);
    QCOMPARE(window, make({ { 0.1, 5 }, { 0.5, 20 }, { 1, 40 }, { Inf, 50 } }, 25));
    // The window's median (rank 25: 0.5 + 0.5 × 5/20) is not the median since the server started
    // (rank 50 in the cumulative histogram: the top of (0.1, 0.5]).
    QCOMPARE(*window.quantile(0.5), 0.625);
    QCOMPARE(*later.quantile(0.5), 0.5);
}

void TestPrometheusHistogram::sinceAfterAReset()
{
    const Histogram earlier = standard();
    const Histogram restarted = make({ { 0.1, 1 }, { 0.5, 2 }, { 1, 2 }, { Inf, 3 } }, 0.9);
    QVERIFY(restarted.isResetSince(earlier));
    QCOMPARE(restarted.since(earlier), restarted);

    // Fewer observations in one bucket only is a reset too.
    const Histogram oddBucket = make({ { 0.1, 9 }, { 0.5, 31 }, { 1, 41 }, { Inf, 51 } }, 21);
    QVERIFY(oddBucket.isResetSince(earlier));

    const Histogram newLayout = make({ { 0.2, 20 }, { Inf, 60 } }, 30);
    QVERIFY(newLayout.isResetSince(earlier));
    QCOMPARE(newLayout.since(earlier), newLayout);
}

void TestPrometheusHistogram::plus()
{
    const Histogram a = make({ { 0.1, 1 }, { Inf, 2 } }, 1);
    const Histogram b = make({ { 0.1, 3 }, { Inf, 5 } }, 2);
    QCOMPARE(a.plus(b), std::optional<Histogram>(make({ { 0.1, 4 }, { Inf, 7 } }, 3)));
    QCOMPARE(Histogram().plus(b), std::optional<Histogram>(b));
    QVERIFY(!a.plus(make({ { 0.2, 1 }, { Inf, 2 } })).has_value());
}

void TestPrometheusHistogram::mean()
{
    QCOMPARE(*standard().mean(), 0.4);
    QVERIFY(!make({ { 0.1, 0 }, { Inf, 0 } }).mean());
}

void TestPrometheusHistogram::windowFromTwoScrapes()
{
    // The same TTFT histogram scraped at a run's start and end: 4 requests happened between.
    const QByteArray before = "# TYPE vllm:time_to_first_token_seconds histogram\n"
                              "vllm:time_to_first_token_seconds_bucket{le=\"0.05\"} 10\n"
                              "vllm:time_to_first_token_seconds_bucket{le=\"0.1\"} 12\n"
                              "vllm:time_to_first_token_seconds_bucket{le=\"0.25\"} 12\n"
                              "vllm:time_to_first_token_seconds_bucket{le=\"+Inf\"} 12\n"
                              "vllm:time_to_first_token_seconds_sum 0.5\n"
                              "vllm:time_to_first_token_seconds_count 12\n";
    const QByteArray after = "# TYPE vllm:time_to_first_token_seconds histogram\n"
                             "vllm:time_to_first_token_seconds_bucket{le=\"0.05\"} 10\n"
                             "vllm:time_to_first_token_seconds_bucket{le=\"0.1\"} 13\n"
                             "vllm:time_to_first_token_seconds_bucket{le=\"0.25\"} 15\n"
                             "vllm:time_to_first_token_seconds_bucket{le=\"+Inf\"} 16\n"
                             "vllm:time_to_first_token_seconds_sum 1.3\n"
                             "vllm:time_to_first_token_seconds_count 16\n";
    const Histogram start = *Histogram::fromFamily(only(parse(before)));
    const Histogram end = *Histogram::fromFamily(only(parse(after)));
    const Histogram window = end.since(start);
    QCOMPARE(window.count, 4.0);
    QVERIFY(std::abs(window.sum - 0.8) < 1e-12);
    // Buckets 0, 1, 3, 4: p50 has rank 2, in (0.1, 0.25]: 0.1 + 0.15 × 1/2.
    QVERIFY(std::abs(*window.quantile(0.5) - 0.175) < 1e-12);
    // p99 has rank 3.96, in +Inf: the largest finite bound.
    QCOMPARE(*window.quantile(0.99), 0.25);
    // Since the server started, p50 (rank 8) sits in the first bucket: 0.05 × 8/10.
    QVERIFY(std::abs(*end.quantile(0.5) - 0.04) < 1e-12);
}

QTEST_GUILESS_MAIN(TestPrometheusHistogram)
#include "tst_prometheushistogram.moc"
