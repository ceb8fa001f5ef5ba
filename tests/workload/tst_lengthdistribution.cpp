#include "workload/lengthdistribution.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <cmath>

namespace {

struct Moments
{
    double mean = 0;
    double stddev = 0;
};

Moments moments(const QList<int> &values)
{
    Moments m;
    for (int v : values)
        m.mean += v;
    m.mean /= double(values.size());
    for (int v : values)
        m.stddev += (v - m.mean) * (v - m.mean);
    m.stddev = std::sqrt(m.stddev / double(values.size() - 1));
    return m;
}

LengthDistribution parsed(const QString &spec)
{
    QString error;
    const std::optional<LengthDistribution> d = LengthDistribution::parse(spec, &error);
    if (!d)
        qFatal("%s: %s", qPrintable(spec), qPrintable(error));
    return *d;
}

} // namespace

class TestLengthDistribution : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void parse_data();
    void parse();
    void errors_data();
    void errors();
    void roundTrip_data();
    void roundTrip();
    void fixedClamps();
    void deterministic_data();
    void deterministic();
    void pinnedValues_data();
    void pinnedValues();
    void statistics_data();
    void statistics();
    void uniformIsFlat();
    void histogramFrequencies();
    void histogramFile_data();
    void histogramFile();
    void histogramFileErrors_data();
    void histogramFileErrors();
    void histogramFileTooLarge();
    void histogramSpecOutlivesTheFile();
    void seededRandom();
    void lengthHistogram_data();
    void lengthHistogram();

private:
    QString write(const QString &name, const QByteArray &content);
    QTemporaryDir m_dir;
};

void TestLengthDistribution::initTestCase()
{
    QVERIFY(m_dir.isValid());
}

QString TestLengthDistribution::write(const QString &name, const QByteArray &content)
{
    const QString path = m_dir.filePath(name);
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate))
        return {};
    file.write(content);
    return path;
}

void TestLengthDistribution::parse_data()
{
    QTest::addColumn<QString>("spec");
    QTest::addColumn<int>("kind");
    QTest::addColumn<int>("min");
    QTest::addColumn<int>("max");
    QTest::addColumn<double>("mean");
    QTest::addColumn<QString>("canonical");

    const int fixed = int(LengthDistribution::Kind::Fixed);
    const int uniform = int(LengthDistribution::Kind::Uniform);
    const int normal = int(LengthDistribution::Kind::Normal);
    const int hist = int(LengthDistribution::Kind::Histogram);
    const int max = LengthDistribution::MaxTokens;
    QTest::newRow("bare number") << QStringLiteral("512") << fixed << 512 << 512 << 512.0
                                 << QStringLiteral("fixed:512");
    QTest::newRow("fixed, spaces") << QStringLiteral("  fixed:1 ") << fixed << 1 << 1 << 1.0
                                   << QStringLiteral("fixed:1");
    QTest::newRow("largest") << QStringLiteral("1000000") << fixed << max << max << double(max)
                             << QStringLiteral("fixed:1000000");
    QTest::newRow("uniform") << QStringLiteral("uniform:128:1024") << uniform << 128 << 1024 << 576.0
                             << QStringLiteral("uniform:128:1024");
    QTest::newRow("uniform, upper case, one value")
        << QStringLiteral("UNIFORM:5:5") << uniform << 5 << 5 << 5.0 << QStringLiteral("uniform:5:5");
    QTest::newRow("normal") << QStringLiteral("normal:512:64") << normal << 1 << max << 512.0
                            << QStringLiteral("normal:512:64");
    QTest::newRow("normal, decimals and bounds (symmetric)")
        << QStringLiteral("normal:500.5:64.25:100:901") << normal << 100 << 901 << 500.5
        << QStringLiteral("normal:500.5:64.25:100:901");
    QTest::newRow("normal, zero spread")
        << QStringLiteral("normal:10.4:0") << normal << 10 << 10 << 10.0 << QStringLiteral("normal:10.4:0");
    QTest::newRow("weights") << QStringLiteral("weights:100=3,200=1") << hist << 100 << 200 << 125.0
                             << QStringLiteral("weights:100=3,200");
    QTest::newRow("weights: merged, zero dropped, sorted")
        << QStringLiteral("weights:300, 100=0.5,100=0.5,200=0") << hist << 100 << 300 << 200.0
        << QStringLiteral("weights:100,300");
}

void TestLengthDistribution::parse()
{
    QFETCH(QString, spec);
    QFETCH(int, kind);
    QFETCH(int, min);
    QFETCH(int, max);
    QFETCH(double, mean);
    QFETCH(QString, canonical);

    QString error;
    const std::optional<LengthDistribution> d = LengthDistribution::parse(spec, &error);
    QVERIFY2(d, qPrintable(error));
    QCOMPARE(int(d->kind()), kind);
    QCOMPARE(d->min(), min);
    QCOMPARE(d->max(), max);
    QCOMPARE(d->isFixed(), min == max);
    QVERIFY2(std::abs(d->mean() - mean) < 1e-6, qPrintable(QString::number(d->mean(), 'g', 17)));
    QCOMPARE(d->spec(), canonical);
    QVERIFY(!d->description().isEmpty());
}

void TestLengthDistribution::errors_data()
{
    QTest::addColumn<QString>("spec");
    QTest::addColumn<QString>("message");

    QTest::newRow("empty") << QString() << QStringLiteral("the length specification is empty");
    QTest::newRow("unknown kind") << QStringLiteral("gaussian:5:1")
                                  << QStringLiteral("unknown length distribution \"gaussian\"");
    QTest::newRow("word") << QStringLiteral("lots") << QStringLiteral("unknown length distribution \"lots\"");
    QTest::newRow("zero") << QStringLiteral("0")
                          << QStringLiteral("the length must be at least 1 token, not 0");
    QTest::newRow("negative") << QStringLiteral("-5")
                              << QStringLiteral("the length must be at least 1 token, not -5");
    QTest::newRow("decimal") << QStringLiteral("12.5")
                             << QStringLiteral("the length must be a whole number of tokens, not \"12.5\"");
    QTest::newRow("too long") << QStringLiteral("1000001")
                              << QStringLiteral("the length must be at most 1000000 tokens, not 1000001");
    QTest::newRow("far too long") << QStringLiteral("99999999999999999999999")
                                  << QStringLiteral("must be at most 1000000 tokens");
    QTest::newRow("fixed without value")
        << QStringLiteral("fixed:") << QStringLiteral("the length is missing");
    QTest::newRow("fixed with two values")
        << QStringLiteral("fixed:5:6") << QStringLiteral("fixed takes one length");
    QTest::newRow("uniform, one value")
        << QStringLiteral("uniform:10") << QStringLiteral("uniform takes two lengths: uniform:MIN:MAX");
    QTest::newRow("uniform, min > max")
        << QStringLiteral("uniform:1024:128")
        << QStringLiteral("the minimum (1024) is larger than the maximum (128)");
    QTest::newRow("uniform, zero min")
        << QStringLiteral("uniform:0:10") << QStringLiteral("the minimum must be at least 1 token, not 0");
    QTest::newRow("uniform, word max")
        << QStringLiteral("uniform:1:x")
        << QStringLiteral("the maximum must be a whole number of tokens, not \"x\"");
    QTest::newRow("uniform, max too long") << QStringLiteral("uniform:1:2000000")
                                           << QStringLiteral("the maximum must be at most 1000000 tokens");
    QTest::newRow("normal, no stddev")
        << QStringLiteral("normal:512") << QStringLiteral("normal takes a mean and a standard deviation");
    QTest::newRow("normal, three values")
        << QStringLiteral("normal:512:64:10") << QStringLiteral("normal:MEAN:STDDEV:MIN:MAX");
    QTest::newRow("normal, negative stddev")
        << QStringLiteral("normal:512:-1")
        << QStringLiteral("the standard deviation must not be negative, not -1");
    QTest::newRow("normal, word mean")
        << QStringLiteral("normal:abc:5") << QStringLiteral("the mean must be a number, not \"abc\"");
    QTest::newRow("normal, infinite stddev")
        << QStringLiteral("normal:512:inf") << QStringLiteral("the standard deviation must be a number");
    QTest::newRow("normal, mean outside bounds")
        << QStringLiteral("normal:2000:10:1:1024")
        << QStringLiteral("the mean (2000) must lie within 1..1024 tokens");
    QTest::newRow("normal, zero mean")
        << QStringLiteral("normal:0:5") << QStringLiteral("the mean (0) must lie within 1..1000000 tokens");
    QTest::newRow("normal, bounds reversed")
        << QStringLiteral("normal:512:64:600:500")
        << QStringLiteral("the minimum (600) is larger than the maximum (500)");
    QTest::newRow("normal, stddev too large")
        << QStringLiteral("normal:512:2000000")
        << QStringLiteral("the standard deviation must be at most 1000000");
    QTest::newRow("hist without file")
        << QStringLiteral("hist:") << QStringLiteral("hist: needs a file name");
    QTest::newRow("hist, missing file") << QStringLiteral("hist:/nonexistent/tokenscope/lengths.txt")
                                        << QStringLiteral("lengths.txt: cannot read the file");
    QTest::newRow("weights, empty") << QStringLiteral("weights:")
                                    << QStringLiteral("weights: item 1 (\"\"): the length is missing");
    QTest::newRow("weights, negative")
        << QStringLiteral("weights:100=1,200=-1")
        << QStringLiteral("weights: item 2 (\"200=-1\"): the weight must not be negative, not -1");
    QTest::newRow("weights, word") << QStringLiteral("weights:100=abc")
                                   << QStringLiteral("the weight must be a number, not \"abc\"");
    QTest::newRow("weights, all zero")
        << QStringLiteral("weights:100=0,200=0") << QStringLiteral("weights: the weights add up to zero");
    QTest::newRow("weights, decimal length")
        << QStringLiteral("weights:10.5=1") << QStringLiteral("the length must be a whole number of tokens");
}

void TestLengthDistribution::errors()
{
    QFETCH(QString, spec);
    QFETCH(QString, message);
    QString error;
    QVERIFY(!LengthDistribution::parse(spec, &error));
    QVERIFY2(error.contains(message), qPrintable(error));
    // Parsing without an error pointer must not crash either.
    QVERIFY(!LengthDistribution::parse(spec));
}

void TestLengthDistribution::roundTrip_data()
{
    QTest::addColumn<QString>("spec");
    QTest::newRow("fixed") << QStringLiteral("77");
    QTest::newRow("uniform") << QStringLiteral("uniform:1:1000000");
    QTest::newRow("normal") << QStringLiteral("normal:512:64");
    QTest::newRow("normal, awkward decimals") << QStringLiteral("normal:333.3333333333333:0.1:1:1000");
    QTest::newRow("normal, zero spread with bounds") << QStringLiteral("normal:5:0:1:10");
    QTest::newRow("weights, decimals") << QStringLiteral("weights:5=0.1,6=0.2,7=0.30000000000000004,8=1e-9");
    QTest::newRow("weights, one length") << QStringLiteral("weights:42=3");
}

void TestLengthDistribution::roundTrip()
{
    QFETCH(QString, spec);
    const LengthDistribution d = parsed(spec);
    const LengthDistribution again = parsed(d.spec());
    QVERIFY2(again == d, qPrintable(d.spec() + QStringLiteral(" vs ") + again.spec()));
    QCOMPARE(again.spec(), d.spec());
    // Equal distributions sample equally: a stored spec repeats the run.
    QCOMPARE(again.samples(500, 7), d.samples(500, 7));
}

void TestLengthDistribution::fixedClamps()
{
    QCOMPARE(LengthDistribution::fixed(0).min(), 1);
    QCOMPARE(LengthDistribution::fixed(5'000'000).max(), LengthDistribution::MaxTokens);
    const LengthDistribution d;
    QVERIFY(d.isFixed());
    QCOMPARE(d.samples(3, 1), (QList<int> { 1, 1, 1 }));
    QVERIFY(d.samples(0, 1).isEmpty());
    QVERIFY(d.samples(-4, 1).isEmpty());
}

void TestLengthDistribution::deterministic_data()
{
    QTest::addColumn<QString>("spec");
    QTest::newRow("uniform") << QStringLiteral("uniform:128:1024");
    QTest::newRow("normal") << QStringLiteral("normal:512:64");
    QTest::newRow("weights") << QStringLiteral("weights:10,20,30,40,50=2");
}

void TestLengthDistribution::deterministic()
{
    QFETCH(QString, spec);
    const LengthDistribution d = parsed(spec);
    const QList<int> first = d.samples(1000, 1234);
    QCOMPARE(d.samples(1000, 1234), first);
    QCOMPARE(parsed(spec).samples(1000, 1234), first); // another instance too
    QVERIFY(d.samples(1000, 1235) != first);
    // samples() is sample() on a generator seeded with the seed.
    std::mt19937_64 rng(1234);
    for (int i = 0; i < 50; ++i)
        QCOMPARE(d.sample(rng), first.at(i));
    // A longer list starts with the shorter one.
    QCOMPARE(d.samples(2000, 1234).first(1000), first);
}

void TestLengthDistribution::pinnedValues_data()
{
    // Computed by an independent implementation (Python: mt19937_64 from its definition, and the
    // mappings documented in lengthdistribution.h). A change here breaks every stored seed.
    QTest::addColumn<QString>("spec");
    QTest::addColumn<QList<int>>("expected");
    QTest::newRow("uniform") << QStringLiteral("uniform:1:1000")
                             << QList<int> { 407, 825, 451, 663, 382, 429, 537, 145, 551, 258 };
    QTest::newRow("normal") << QStringLiteral("normal:512:64")
                            << QList<int> { 595, 537, 584, 416, 492, 602, 614, 541, 501, 603 };
    QTest::newRow("weights") << QStringLiteral("weights:100,200=2,300=7")
                             << QList<int> { 300, 300, 300, 200, 300, 100, 300, 300, 200, 300 };
}

void TestLengthDistribution::pinnedValues()
{
    QFETCH(QString, spec);
    QFETCH(QList<int>, expected);
    QCOMPARE(parsed(spec).samples(10, 42), expected);
    QCOMPARE(SeededRandom::derive(42, 1), Q_UINT64_C(17532488217563185893));
}

void TestLengthDistribution::statistics_data()
{
    QTest::addColumn<QString>("spec");
    QTest::addColumn<double>("expectedMean"); // independent of mean(); NaN: only mean() is checked
    QTest::newRow("uniform") << QStringLiteral("uniform:128:1024") << 576.0;
    QTest::newRow("normal") << QStringLiteral("normal:512:64") << 512.0;
    QTest::newRow("normal, narrow") << QStringLiteral("normal:100:0.8") << 100.0;
    // Clamped tails move the mean: the bounds carry them.
    QTest::newRow("normal, clamped at 1") << QStringLiteral("normal:3:5") << qQNaN();
    QTest::newRow("normal, clamped both sides") << QStringLiteral("normal:150:100:100:300") << qQNaN();
    QTest::newRow("weights") << QStringLiteral("weights:10=1,20=2,30=7") << 26.0;
    QTest::newRow("weights, wide") << QStringLiteral("weights:1=5,1000=1,100000=1")
                                   << (5 + 1000 + 100000) / 7.0;
}

void TestLengthDistribution::statistics()
{
    QFETCH(QString, spec);
    QFETCH(double, expectedMean);
    const LengthDistribution d = parsed(spec);
    if (!qIsNaN(expectedMean))
        QVERIFY2(std::abs(d.mean() - expectedMean) < 1e-3 * expectedMean,
                 qPrintable(QString::number(d.mean())));
    const int n = 20'000;
    const QList<int> values = d.samples(n, 2024);
    for (int v : values)
        QVERIFY(v >= d.min() && v <= d.max());
    const Moments m = moments(values);
    // Four standard errors: a correct sampler is outside with probability ~6e-5, and the seed
    // is fixed, so the test does not flake; a biased mapping or wrong mean() is far outside.
    const double meanError = 4 * d.stddev() / std::sqrt(double(n));
    QVERIFY2(
        std::abs(m.mean - d.mean()) <= meanError + 1e-9,
        qPrintable(
            QStringLiteral("sample mean %1, expected %2 ± %3").arg(m.mean).arg(d.mean()).arg(meanError)));
    QVERIFY2(std::abs(m.stddev - d.stddev()) <= 0.03 * d.stddev() + 1e-9,
             qPrintable(QStringLiteral("sample stddev %1, expected %2").arg(m.stddev).arg(d.stddev())));
}

void TestLengthDistribution::uniformIsFlat()
{
    const LengthDistribution d = parsed(QStringLiteral("uniform:1:10"));
    QList<int> counts(11, 0);
    for (int v : d.samples(20'000, 99))
        ++counts[v];
    QCOMPARE(counts.at(0), 0);
    const double sigma = std::sqrt(20'000 * 0.1 * 0.9);
    for (int v = 1; v <= 10; ++v)
        QVERIFY2(std::abs(counts.at(v) - 2000) < 4 * sigma, qPrintable(QString::number(counts.at(v))));
    // The extremes of a wide range are reached.
    const QList<int> wide = parsed(QStringLiteral("uniform:1:3")).samples(100, 5);
    QVERIFY(wide.contains(1) && wide.contains(3));
}

void TestLengthDistribution::histogramFrequencies()
{
    const LengthDistribution d = parsed(QStringLiteral("weights:10=1,20=2,30=7,40=0"));
    QCOMPARE(d.max(), 30); // a zero weight is never drawn
    QHash<int, int> counts;
    const int n = 20'000;
    for (int v : d.samples(n, 3))
        ++counts[v];
    QCOMPARE(counts.value(40), 0);
    const QList<QPair<int, double>> expected { { 10, 0.1 }, { 20, 0.2 }, { 30, 0.7 } };
    for (const auto &[length, p] : expected) {
        const double sigma = std::sqrt(n * p * (1 - p));
        QVERIFY2(std::abs(counts.value(length) - n * p) < 4 * sigma, qPrintable(QString::number(length)));
    }
}

void TestLengthDistribution::histogramFile_data()
{
    QTest::addColumn<QByteArray>("content");
    QTest::addColumn<QString>("canonical");
    QTest::newRow("length weight") << QByteArray("128 3\n256 1\n") << QStringLiteral("weights:128=3,256");
    QTest::newRow("csv, crlf, comments, blank lines, bom")
        << QByteArray("\xEF\xBB\xBF# length,weight\r\n128, 3\r\n\r\n  \r\n256,1 # the tail\r\n")
        << QStringLiteral("weights:128=3,256");
    QTest::newRow("bare list of lengths")
        << QByteArray("100\n200\n100\n") << QStringLiteral("weights:100=2,200");
    QTest::newRow("tabs and probabilities")
        << QByteArray("100\t0.25\n200\t\t0.75") << QStringLiteral("weights:100=0.25,200=0.75");
    QTest::newRow("mixed lines, unsorted")
        << QByteArray("300 3\n100\n") << QStringLiteral("weights:100,300=3");
    QTest::newRow("zero weight kept out") << QByteArray("5 0\n6 2\n") << QStringLiteral("weights:6=2");
}

void TestLengthDistribution::histogramFile()
{
    QFETCH(QByteArray, content);
    QFETCH(QString, canonical);
    const QString path = write(QStringLiteral("lengths.txt"), content);
    QString error;
    const std::optional<LengthDistribution> d
        = LengthDistribution::parse(QStringLiteral("hist:") + path, &error);
    QVERIFY2(d, qPrintable(error));
    QCOMPARE(int(d->kind()), int(LengthDistribution::Kind::Histogram));
    QCOMPARE(d->spec(), canonical);
    QCOMPARE(d->sourceFile(), QFileInfo(path).absoluteFilePath());
    QVERIFY(d->description().contains(QStringLiteral("lengths.txt")));
}

void TestLengthDistribution::histogramFileErrors_data()
{
    QTest::addColumn<QByteArray>("content");
    QTest::addColumn<QString>("message"); // after "<file>"
    QTest::newRow("decimal length on line 2")
        << QByteArray("128 3\n12.5 1\n") << QStringLiteral(":2: the length must be a whole number of tokens");
    QTest::newRow("negative weight after blank and comment lines")
        << QByteArray("128 3\n\n# c\n256 -1\n")
        << QStringLiteral(":4: the weight must not be negative, not -1");
    QTest::newRow("three fields") << QByteArray("128 3 4\n")
                                  << QStringLiteral(":1: expected \"LENGTH WEIGHT\"");
    QTest::newRow("three csv fields")
        << QByteArray("1,2,3\n") << QStringLiteral(":1: expected \"LENGTH WEIGHT\"");
    QTest::newRow("zero length") << QByteArray("7\n0 1\n")
                                 << QStringLiteral(":2: the length must be at least 1 token");
    QTest::newRow("length too long") << QByteArray("2000000\n")
                                     << QStringLiteral(":1: the length must be at most");
    QTest::newRow("word weight") << QByteArray("128 abc\n")
                                 << QStringLiteral(":1: the weight must be a number, not \"abc\"");
    QTest::newRow("empty csv weight")
        << QByteArray("128,\n") << QStringLiteral(":1: the weight must be a number");
    QTest::newRow("header not commented")
        << QByteArray("length,weight\n128,1\n") << QStringLiteral(":1: the length must be a whole number");
    QTest::newRow("only comments") << QByteArray("# nothing\n\n")
                                   << QStringLiteral(": no lengths were found");
    QTest::newRow("empty file") << QByteArray() << QStringLiteral(": no lengths were found");
    QTest::newRow("weights add up to zero")
        << QByteArray("128 0\n256 0\n") << QStringLiteral(": the weights add up to zero");
}

void TestLengthDistribution::histogramFileErrors()
{
    QFETCH(QByteArray, content);
    QFETCH(QString, message);
    const QString path = write(QStringLiteral("bad.txt"), content);
    QString error;
    QVERIFY(!LengthDistribution::parse(QStringLiteral("hist:") + path, &error));
    const QString expected = QDir::toNativeSeparators(path) + message;
    QVERIFY2(error.startsWith(expected), qPrintable(error + QStringLiteral("\nexpected: ") + expected));
}

void TestLengthDistribution::histogramFileTooLarge()
{
    const QString path = m_dir.filePath(QStringLiteral("huge.txt"));
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    QVERIFY(file.resize(LengthDistribution::MaxHistogramFileBytes + 1)); // sparse where possible
    file.close();
    QString error;
    QVERIFY(!LengthDistribution::parse(QStringLiteral("hist:") + path, &error));
    QVERIFY2(error.contains(QStringLiteral("larger than 16 MiB")), qPrintable(error));
}

void TestLengthDistribution::histogramSpecOutlivesTheFile()
{
    const QString path = write(QStringLiteral("run.txt"), "100 1\n200 3\n");
    const LengthDistribution d = parsed(QStringLiteral("hist:") + path);
    const QString stored = d.spec();
    write(QStringLiteral("run.txt"), "999 1\n"); // the file changes after the run
    const LengthDistribution repeated = parsed(stored);
    QVERIFY(repeated == d);
    QCOMPARE(repeated.samples(100, 1), d.samples(100, 1));
    QCOMPARE(parsed(QStringLiteral("hist:") + path).max(), 999);
}

void TestLengthDistribution::seededRandom()
{
    std::mt19937_64 rng(1);
    std::mt19937_64 copy(1);
    QCOMPARE(SeededRandom::below(rng, 1), quint64(0));
    QCOMPARE(rng(), copy()); // a bound of 1 draws nothing
    for (int i = 0; i < 1000; ++i) {
        QVERIFY(SeededRandom::below(rng, 7) < 7);
        const double u = SeededRandom::unit(rng);
        QVERIFY(u >= 0 && u < 1);
        const qint64 x = SeededRandom::between(rng, -3, 3);
        QVERIFY(x >= -3 && x <= 3);
    }
    // The full 64-bit range does not divide by zero.
    SeededRandom::between(rng, std::numeric_limits<qint64>::min(), std::numeric_limits<qint64>::max());
    QList<int> order = SeededRandom::permutation(rng, 50);
    std::sort(order.begin(), order.end());
    for (int i = 0; i < 50; ++i)
        QCOMPARE(order.at(i), i);
    QVERIFY(SeededRandom::derive(5, 1) != SeededRandom::derive(5, 2));
    QVERIFY(SeededRandom::derive(5, 1) != SeededRandom::derive(6, 1));
    QCOMPARE(SeededRandom::derive(5, 1), SeededRandom::derive(5, 1));
}

void TestLengthDistribution::lengthHistogram_data()
{
    QTest::addColumn<QList<int>>("lengths");
    QTest::addColumn<int>("bins");
    QTest::addColumn<QList<int>>("edges");
    QTest::addColumn<QList<int>>("counts");
    QTest::newRow("even") << QList<int> { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10 } << 5
                          << QList<int> { 1, 3, 5, 7, 9, 11 } << QList<int> { 2, 2, 2, 2, 2 };
    QTest::newRow("one value, fewer bins")
        << QList<int> { 5, 5, 5 } << 10 << QList<int> { 5, 6 } << QList<int> { 3 };
    QTest::newRow("gap in the middle")
        << QList<int> { 1, 100 } << 3 << QList<int> { 1, 35, 69, 103 } << QList<int> { 1, 0, 1 };
    QTest::newRow("narrow range") << QList<int> { 10, 11, 12, 12 } << 50 << QList<int> { 10, 11, 12, 13 }
                                  << QList<int> { 1, 1, 2 };
    QTest::newRow("empty") << QList<int> {} << 5 << QList<int> {} << QList<int> {};
    QTest::newRow("no bins") << QList<int> { 1 } << 0 << QList<int> {} << QList<int> {};
}

void TestLengthDistribution::lengthHistogram()
{
    QFETCH(QList<int>, lengths);
    QFETCH(int, bins);
    QFETCH(QList<int>, edges);
    QFETCH(QList<int>, counts);
    const LengthHistogram h = ::lengthHistogram(lengths, bins);
    QCOMPARE(h.edges, edges);
    QCOMPARE(h.counts, counts);
    QCOMPARE(h.total(), int(lengths.size() * (bins > 0 ? 1 : 0)));
}

QTEST_GUILESS_MAIN(TestLengthDistribution)
#include "tst_lengthdistribution.moc"
