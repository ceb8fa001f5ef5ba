// The Prometheus text format parser: what a server's /metrics says, read exactly, and garbage
// skipped line by line without losing the good lines around it.
#include "servermetrics/prometheusparser.h"

#include <QElapsedTimer>
#include <QFile>
#include <QTest>

#include <cmath>
#include <limits>

using namespace Prometheus;

namespace {

constexpr qint64 NoTimestamp = std::numeric_limits<qint64>::min();

QByteArray readFile(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        qFatal("cannot open %s", qPrintable(path));
    return file.readAll();
}

Labels labels(std::initializer_list<std::pair<QString, QString>> pairs)
{
    Labels l;
    for (const auto &[k, v] : pairs)
        l.insert(k, v);
    return l;
}

} // namespace

class TestPrometheusParser : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void samples_data();
    void samples();
    void specialValues_data();
    void specialValues();
    void helpAndType_data();
    void helpAndType();
    void bareHelpIsAComment();
    void histogramFamily();
    void summaryFamily();
    void openMetricsCounter();
    void familiesGroupSamplesInOrder();
    void malformed_data();
    void malformed();
    void errorLinesReported();
    void lineEnds();
    void inputLimit();
    void lineLimit();
    void sampleLimit();
    void familyLimit();
    void largeInputIsLinear();
    void llamaCppCapture();
};

void TestPrometheusParser::samples_data()
{
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<QString>("name");
    QTest::addColumn<Labels>("labels");
    QTest::addColumn<double>("value");
    QTest::addColumn<qint64>("timestamp");

    QTest::newRow("plain") << QByteArray("a 1\n") << QStringLiteral("a") << Labels() << 1.0 << NoTimestamp;
    QTest::newRow("colons in the name")
        << QByteArray("vllm:num_requests_running 3") << QStringLiteral("vllm:num_requests_running")
        << Labels() << 3.0 << NoTimestamp;
    QTest::newRow("labels") << QByteArray("m{a=\"x\",b=\"y\"} 2") << QStringLiteral("m")
                            << labels({ { QStringLiteral("a"), QStringLiteral("x") },
                                        { QStringLiteral("b"), QStringLiteral("y") } })
                            << 2.0 << NoTimestamp;
    QTest::newRow("escaped backslash")
        << QByteArray("m{path=\"C:\\\\dir\"} 1") << QStringLiteral("m")
        << labels({ { QStringLiteral("path"), QStringLiteral("C:\\dir") } }) << 1.0 << NoTimestamp;
    QTest::newRow("escaped quote") << QByteArray("m{q=\"say \\\"hi\\\"\"} 1") << QStringLiteral("m")
                                   << labels({ { QStringLiteral("q"), QStringLiteral("say \"hi\"") } }) << 1.0
                                   << NoTimestamp;
    QTest::newRow("escaped newline") << QByteArray("m{n=\"a\\nb\"} 1") << QStringLiteral("m")
                                     << labels({ { QStringLiteral("n"), QStringLiteral("a\nb") } }) << 1.0
                                     << NoTimestamp;
    QTest::newRow("all escapes in one value")
        << QByteArray("m{v=\"\\\\\\\"\\n\\\\n\"} 1") << QStringLiteral("m")
        << labels({ { QStringLiteral("v"), QStringLiteral("\\\"\n\\n") } }) << 1.0 << NoTimestamp;
    QTest::newRow("utf-8 label value")
        << QByteArray("m{model=\"\xE9\x80\x9A\xE4\xB9\x89-7B\"} 1") << QStringLiteral("m")
        << labels({ { QStringLiteral("model"), QString::fromUtf8("\xE9\x80\x9A\xE4\xB9\x89-7B") } }) << 1.0
        << NoTimestamp;
    QTest::newRow("braces and commas inside a value")
        << QByteArray("m{le=\"a,b}c\"} 1") << QStringLiteral("m")
        << labels({ { QStringLiteral("le"), QStringLiteral("a,b}c") } }) << 1.0 << NoTimestamp;
    QTest::newRow("trailing comma") << QByteArray("m{a=\"x\",} 1") << QStringLiteral("m")
                                    << labels({ { QStringLiteral("a"), QStringLiteral("x") } }) << 1.0
                                    << NoTimestamp;
    QTest::newRow("blanks inside braces") << QByteArray("m{ a = \"x\" ,\tb=\"y\" } 1") << QStringLiteral("m")
                                          << labels({ { QStringLiteral("a"), QStringLiteral("x") },
                                                      { QStringLiteral("b"), QStringLiteral("y") } })
                                          << 1.0 << NoTimestamp;
    QTest::newRow("empty label set") << QByteArray("m{} 4") << QStringLiteral("m") << Labels() << 4.0
                                     << NoTimestamp;
    QTest::newRow("empty label value")
        << QByteArray("m{a=\"\"} 4") << QStringLiteral("m") << labels({ { QStringLiteral("a"), QString() } })
        << 4.0 << NoTimestamp;
    QTest::newRow("no blank after the labels")
        << QByteArray("m{a=\"x\"}1") << QStringLiteral("m")
        << labels({ { QStringLiteral("a"), QStringLiteral("x") } }) << 1.0 << NoTimestamp;
    QTest::newRow("tabs and a blank before the labels")
        << QByteArray("m \t{a=\"x\"}\t7\t42") << QStringLiteral("m")
        << labels({ { QStringLiteral("a"), QStringLiteral("x") } }) << 7.0 << qint64(42);
    QTest::newRow("scientific") << QByteArray("m 1.5e+06") << QStringLiteral("m") << Labels() << 1.5e6
                                << NoTimestamp;
    QTest::newRow("negative scientific")
        << QByteArray("m -2.5E-3") << QStringLiteral("m") << Labels() << -0.0025 << NoTimestamp;
    QTest::newRow("prometheus_client float")
        << QByteArray("m 8.128902e+06") << QStringLiteral("m") << Labels() << 8128902.0 << NoTimestamp;
    QTest::newRow("leading dot") << QByteArray("m .5") << QStringLiteral("m") << Labels() << 0.5
                                 << NoTimestamp;
    QTest::newRow("trailing dot") << QByteArray("m 5.") << QStringLiteral("m") << Labels() << 5.0
                                  << NoTimestamp;
    QTest::newRow("plus sign") << QByteArray("m +3") << QStringLiteral("m") << Labels() << 3.0 << NoTimestamp;
    QTest::newRow("underflow reads as zero")
        << QByteArray("m 1e-400") << QStringLiteral("m") << Labels() << 0.0 << NoTimestamp;
    QTest::newRow("timestamp") << QByteArray("m 1 1712345678901") << QStringLiteral("m") << Labels() << 1.0
                               << qint64(1712345678901);
    QTest::newRow("negative timestamp")
        << QByteArray("m 1 -5") << QStringLiteral("m") << Labels() << 1.0 << qint64(-5);
    QTest::newRow("blanks around the line")
        << QByteArray("  \t m 1 \t ") << QStringLiteral("m") << Labels() << 1.0 << NoTimestamp;
    QTest::newRow("crlf") << QByteArray("m 1\r\n") << QStringLiteral("m") << Labels() << 1.0 << NoTimestamp;
    QTest::newRow("underscore name") << QByteArray("_m:x_1 9") << QStringLiteral("_m:x_1") << Labels() << 9.0
                                     << NoTimestamp;
}

void TestPrometheusParser::samples()
{
    QFETCH(QByteArray, input);
    QFETCH(QString, name);
    QFETCH(Labels, labels);
    QFETCH(double, value);
    QFETCH(qint64, timestamp);

    const ParseResult r = parse(input);
    QVERIFY(r.ok());
    QCOMPARE(r.skippedLines, 0);
    QCOMPARE(r.sampleCount, 1);
    QCOMPARE(r.families.size(), 1);
    const MetricFamily &f = r.families.front();
    QCOMPARE(f.name, name);
    QCOMPARE(f.type, MetricType::Untyped);
    QCOMPARE(f.samples.size(), 1);
    const Sample &s = f.samples.front();
    QCOMPARE(s.name, name);
    QCOMPARE(s.labels, labels);
    QCOMPARE(s.value, value);
    if (timestamp == NoTimestamp)
        QVERIFY(!s.timestampMs.has_value());
    else
        QCOMPARE(s.timestampMs, std::optional<qint64>(timestamp));
}

void TestPrometheusParser::specialValues_data()
{
    QTest::addColumn<QByteArray>("token");
    QTest::addColumn<double>("expected"); // NaN means "is NaN"

    constexpr double Inf = std::numeric_limits<double>::infinity();
    constexpr double NaN = std::numeric_limits<double>::quiet_NaN();
    QTest::newRow("NaN") << QByteArray("NaN") << NaN;
    QTest::newRow("nan") << QByteArray("nan") << NaN;
    QTest::newRow("+Inf") << QByteArray("+Inf") << Inf;
    QTest::newRow("-Inf") << QByteArray("-Inf") << -Inf;
    QTest::newRow("Inf") << QByteArray("Inf") << Inf;
    QTest::newRow("+inf") << QByteArray("+inf") << Inf;
    QTest::newRow("Infinity") << QByteArray("Infinity") << Inf;
    QTest::newRow("-infinity") << QByteArray("-infinity") << -Inf;
    QTest::newRow("zero") << QByteArray("0") << 0.0;
    QTest::newRow("max double") << QByteArray("1.7976931348623157e308") << std::numeric_limits<double>::max();
}

void TestPrometheusParser::specialValues()
{
    QFETCH(QByteArray, token);
    QFETCH(double, expected);
    const ParseResult r = parse(QByteArray("m{le=\"" + token + "\"} " + token));
    QCOMPARE(r.sampleCount, 1);
    const Sample &s = r.families.front().samples.front();
    const std::optional<double> bound = parseValue(s.labels.value(QStringLiteral("le")).toUtf8());
    QVERIFY(bound.has_value());
    if (std::isnan(expected)) {
        QVERIFY(std::isnan(s.value));
        QVERIFY(std::isnan(*bound));
    } else {
        QCOMPARE(s.value, expected);
        QCOMPARE(*bound, expected);
    }
}

void TestPrometheusParser::helpAndType_data()
{
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<MetricType>("type");
    QTest::addColumn<QString>("help");

    QTest::newRow("gauge") << QByteArray("# HELP m Requests running.\n# TYPE m gauge\nm 1\n")
                           << MetricType::Gauge << QStringLiteral("Requests running.");
    QTest::newRow("counter") << QByteArray("# TYPE m counter\nm 1\n") << MetricType::Counter << QString();
    QTest::newRow("untyped") << QByteArray("# TYPE m untyped\nm 1\n") << MetricType::Untyped << QString();
    QTest::newRow("no TYPE line") << QByteArray("# HELP m x\nm 1\n") << MetricType::Untyped
                                  << QStringLiteral("x");
    QTest::newRow("help escapes") << QByteArray("# HELP m a\\\\b\\nc \\x \"q\"\nm 1\n") << MetricType::Untyped
                                  << QStringLiteral("a\\b\nc \\x \"q\"");
    QTest::newRow("help with no space after #")
        << QByteArray("#HELP m tight\nm 1\n") << MetricType::Untyped << QStringLiteral("tight");
    QTest::newRow("empty help") << QByteArray("# HELP m\nm 1\n") << MetricType::Untyped << QString();
    QTest::newRow("blanks everywhere")
        << QByteArray("#  \tTYPE\t m \t gauge \t\n# HELP   m   spaced  out  \nm 1\n") << MetricType::Gauge
        << QStringLiteral("spaced  out");
    QTest::newRow("help after samples")
        << QByteArray("m 1\n# HELP m late\n") << MetricType::Untyped << QStringLiteral("late");
    QTest::newRow("plain comments ignored")
        << QByteArray("# a comment\n#\n# TYPEX m gauge\n# help m lower case\nm 1\n") << MetricType::Untyped
        << QString();
}

void TestPrometheusParser::helpAndType()
{
    QFETCH(QByteArray, input);
    QFETCH(MetricType, type);
    QFETCH(QString, help);
    const ParseResult r = parse(input);
    QVERIFY(r.ok());
    QCOMPARE(r.skippedLines, 0);
    QCOMPARE(r.families.size(), 1);
    QCOMPARE(r.families.front().name, QStringLiteral("m"));
    QCOMPARE(r.families.front().type, type);
    QCOMPARE(r.families.front().help, help);
    QCOMPARE(r.sampleCount, 1);
    QVERIFY(r.family(QStringLiteral("m")) == &r.families.front());
}

void TestPrometheusParser::bareHelpIsAComment()
{
    const ParseResult r = parse("# HELP\n# TYPE\n# HELP \t\n");
    QVERIFY(r.ok());
    QCOMPARE(r.skippedLines, 0);
    QVERIFY(r.families.isEmpty());
}

void TestPrometheusParser::histogramFamily()
{
    const ParseResult r = parse("# HELP h Latency.\n"
                                "# TYPE h histogram\n"
                                "h_bucket{route=\"/a\",le=\"0.1\"} 1\n"
                                "h_bucket{route=\"/a\",le=\"1\"} 3\n"
                                "h_bucket{route=\"/a\",le=\"+Inf\"} 4\n"
                                "h_sum{route=\"/a\"} 2.5\n"
                                "h_count{route=\"/a\"} 4\n"
                                "h_created{route=\"/a\"} 1.7e9\n"
                                "other 1\n");
    QVERIFY(r.ok());
    QCOMPARE(r.skippedLines, 0);
    QCOMPARE(r.families.size(), 2);
    const MetricFamily *h = r.family(QStringLiteral("h"));
    QVERIFY(h);
    QCOMPARE(h->type, MetricType::Histogram);
    QCOMPARE(h->help, QStringLiteral("Latency."));
    QCOMPARE(h->samples.size(), 6);
    QCOMPARE(h->samples[0].name, QStringLiteral("h_bucket"));
    QCOMPARE(h->samples[0].labels.value(QStringLiteral("le")), QStringLiteral("0.1"));
    QCOMPARE(h->samples[2].labels.value(QStringLiteral("le")), QStringLiteral("+Inf"));
    QCOMPARE(h->samples[3].name, QStringLiteral("h_sum"));
    QCOMPARE(h->samples[4].name, QStringLiteral("h_count"));
    QCOMPARE(h->samples[5].name, QStringLiteral("h_created"));
    QVERIFY(!r.family(QStringLiteral("h_bucket")));
    QCOMPARE(r.family(QStringLiteral("other"))->samples.size(), 1);
}

void TestPrometheusParser::summaryFamily()
{
    const ParseResult r = parse("# TYPE s summary\n"
                                "s{quantile=\"0.5\"} 0.2\n"
                                "s{quantile=\"0.99\"} 0.9\n"
                                "s_sum 10\n"
                                "s_count 40\n");
    QVERIFY(r.ok());
    QCOMPARE(r.skippedLines, 0);
    QCOMPARE(r.families.size(), 1);
    QCOMPARE(r.families.front().type, MetricType::Summary);
    QCOMPARE(r.families.front().samples.size(), 4);
}

void TestPrometheusParser::openMetricsCounter()
{
    // "# TYPE c counter" with samples c_total, as OpenMetrics-style exporters write them.
    const ParseResult r = parse("# TYPE c counter\nc_total 5\nc_created 1.7e9\n");
    QVERIFY(r.ok());
    QCOMPARE(r.families.size(), 1);
    QCOMPARE(r.families.front().name, QStringLiteral("c"));
    QCOMPARE(r.families.front().samples.size(), 2);
    QCOMPARE(r.families.front().samples.front().name, QStringLiteral("c_total"));
}

void TestPrometheusParser::familiesGroupSamplesInOrder()
{
    // Samples of one name come together even when another name interrupts them; a _bucket
    // sample without a declared histogram is a metric of its own.
    const ParseResult r = parse("a 1\nb 2\na{x=\"y\"} 3\nq_bucket{le=\"1\"} 4\n");
    QVERIFY(r.ok());
    QCOMPARE(r.families.size(), 3);
    QCOMPARE(r.families[0].name, QStringLiteral("a"));
    QCOMPARE(r.families[0].samples.size(), 2);
    QCOMPARE(r.families[0].samples[1].value, 3.0);
    QCOMPARE(r.families[1].name, QStringLiteral("b"));
    QCOMPARE(r.families[2].name, QStringLiteral("q_bucket"));
    QCOMPARE(r.sampleCount, 4);
}

void TestPrometheusParser::malformed_data()
{
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<int>("skipped");
    QTest::addColumn<int>("firstErrorLine");
    QTest::addColumn<int>("samples");

    QTest::newRow("no value") << QByteArray("a\nb 1") << 1 << 1 << 1;
    QTest::newRow("value not a number") << QByteArray("ok 1\na b\n") << 1 << 2 << 1;
    QTest::newRow("unterminated label value") << QByteArray("a{b=\"c} 1\nz 1") << 1 << 1 << 1;
    QTest::newRow("unterminated label set") << QByteArray("a{b=\"c\" 1\nz 1") << 1 << 1 << 1;
    QTest::newRow("invalid escape") << QByteArray("a{b=\"\\x\"} 1\nz 1") << 1 << 1 << 1;
    QTest::newRow("backslash at the end") << QByteArray("a{b=\"\\") << 1 << 1 << 0;
    QTest::newRow("label starts with a digit") << QByteArray("a{1b=\"c\"} 1") << 1 << 1 << 0;
    QTest::newRow("colon in a label name") << QByteArray("a{b:c=\"d\"} 1") << 1 << 1 << 0;
    QTest::newRow("unquoted label value") << QByteArray("a{b=c} 1") << 1 << 1 << 0;
    QTest::newRow("duplicate label") << QByteArray("a{b=\"c\",b=\"d\"} 1") << 1 << 1 << 0;
    QTest::newRow("missing comma") << QByteArray("a{b=\"c\" d=\"e\"} 1") << 1 << 1 << 0;
    QTest::newRow("too many fields") << QByteArray("a 1 2 3") << 1 << 1 << 0;
    QTest::newRow("fractional timestamp") << QByteArray("a 1 1.5") << 1 << 1 << 0;
    QTest::newRow("name starts with a digit") << QByteArray("1a 1") << 1 << 1 << 0;
    QTest::newRow("dash in a name") << QByteArray("a-b 1") << 1 << 1 << 0;
    QTest::newRow("overflow") << QByteArray("a 1e999") << 1 << 1 << 0;
    QTest::newRow("hex float") << QByteArray("a 0x1p3") << 1 << 1 << 0;
    QTest::newRow("nan with payload") << QByteArray("a nan(1)") << 1 << 1 << 0;
    QTest::newRow("sign alone") << QByteArray("a -") << 1 << 1 << 0;
    QTest::newRow("lone cr inside a line") << QByteArray("a 1\r2\nb 2") << 1 << 1 << 1;
    QTest::newRow("binary") << QByteArray("\x00\xff\x01 1\nb 1", 9) << 1 << 1 << 1;
    QTest::newRow("unknown type") << QByteArray("# TYPE a bogus\na 1") << 1 << 1 << 1;
    QTest::newRow("second TYPE") << QByteArray("# TYPE a gauge\n# TYPE a counter\na 1") << 1 << 2 << 1;
    QTest::newRow("TYPE after samples") << QByteArray("a 1\n# TYPE a gauge") << 1 << 2 << 1;
    QTest::newRow("second HELP") << QByteArray("# HELP a x\n# HELP a y\na 1") << 1 << 2 << 1;
    QTest::newRow("HELP with a bad name") << QByteArray("# HELP 1abc text\na 1") << 1 << 1 << 1;
    QTest::newRow("bucket without le")
        << QByteArray("# TYPE h histogram\nh_bucket 1\nh_count 1") << 1 << 2 << 1;
    QTest::newRow("bucket with a bad le")
        << QByteArray("# TYPE h histogram\nh_bucket{le=\"fast\"} 1\nh_count 1") << 1 << 2 << 1;
    QTest::newRow("bare sample of a histogram")
        << QByteArray("# TYPE h histogram\nh 1\nh_sum 1") << 1 << 2 << 1;
    QTest::newRow("summary without quantile") << QByteArray("# TYPE s summary\ns 1\ns_sum 2") << 1 << 2 << 1;
    QTest::newRow("html") << QByteArray("<!DOCTYPE html>\n<html><body>Not here</body></html>\n") << 2 << 1
                          << 0;
    QTest::newRow("json") << QByteArray("{\"error\": \"not found\"}") << 1 << 1 << 0;
}

void TestPrometheusParser::malformed()
{
    QFETCH(QByteArray, input);
    QFETCH(int, skipped);
    QFETCH(int, firstErrorLine);
    QFETCH(int, samples);
    const ParseResult r = parse(input);
    QVERIFY2(r.ok(), qPrintable(r.error)); // malformed lines are never fatal
    QCOMPARE(r.skippedLines, skipped);
    QCOMPARE(r.sampleCount, samples);
    QVERIFY(!r.firstErrors.isEmpty());
    QCOMPARE(r.firstErrors.front().line, firstErrorLine);
    QVERIFY(!r.firstErrors.front().message.isEmpty());
    QVERIFY(r.skippedSummary().contains(QStringLiteral("line %1:").arg(firstErrorLine)));
}

void TestPrometheusParser::errorLinesReported()
{
    QByteArray text;
    for (int i = 0; i < 10; ++i)
        text += "good_" + QByteArray::number(i) + " 1\nbad line here\n";
    const ParseResult r = parse(text);
    QVERIFY(r.ok());
    QCOMPARE(r.sampleCount, 10);
    QCOMPARE(r.skippedLines, 10);
    QCOMPARE(r.lineCount, 20);
    QCOMPARE(r.firstErrors.size(), ParseResult::MaxReportedErrors);
    for (int i = 0; i < r.firstErrors.size(); ++i)
        QCOMPARE(r.firstErrors[i].line, 2 * (i + 1));
    const QString summary = r.skippedSummary();
    QVERIFY2(summary.contains(QStringLiteral("10 malformed line")), qPrintable(summary));
    QVERIFY2(summary.contains(QStringLiteral("line 2:")) && summary.contains(QStringLiteral("line 10:"))
                 && !summary.contains(QStringLiteral("line 12:")),
             qPrintable(summary));
    QVERIFY(parse("a 1\n").skippedSummary().isEmpty());
}

void TestPrometheusParser::lineEnds()
{
    const QByteArray lf("# HELP a The a.\n# TYPE a gauge\na{x=\"1\"} 1\n\nb 2\n");
    QByteArray crlf = lf;
    crlf.replace("\n", "\r\n");
    QByteArray noFinalNewline = lf;
    noFinalNewline.chop(1);
    for (const QByteArray &text : { lf, crlf, noFinalNewline }) {
        const ParseResult r = parse(text);
        QVERIFY(r.ok());
        QCOMPARE(r.skippedLines, 0);
        QCOMPARE(r.families.size(), 2);
        QCOMPARE(r.families[0].help, QStringLiteral("The a."));
        QCOMPARE(r.families[0].type, MetricType::Gauge);
        QCOMPARE(r.families[0].samples.front().labels.value(QStringLiteral("x")), QStringLiteral("1"));
        QCOMPARE(r.families[1].samples.front().value, 2.0);
    }
    const ParseResult empty = parse(QByteArray());
    QVERIFY(empty.ok());
    QVERIFY(empty.families.isEmpty());
    QCOMPARE(parse("\n\n  \n# only comments\n").families.size(), 0);
}

void TestPrometheusParser::inputLimit()
{
    ParseLimits limits;
    limits.maxInputBytes = 1024;
    QByteArray text;
    while (text.size() < 1024)
        text += "a 1\n";
    text.truncate(1024);
    QVERIFY(parse(text, limits).ok());

    text += "\n";
    const ParseResult r = parse(text, limits);
    QVERIFY(!r.ok());
    QVERIFY2(r.error.contains(QStringLiteral("1 KiB")), qPrintable(r.error));
    QVERIFY(r.families.isEmpty());
    QCOMPARE(r.sampleCount, 0);
}

void TestPrometheusParser::lineLimit()
{
    ParseLimits limits;
    limits.maxLineBytes = 64;
    const QByteArray atLimit = "m{v=\"" + QByteArray(64 - 9, 'x') + "\"} 1";
    QCOMPARE(atLimit.size(), 64);
    const QByteArray overLimit = "m{v=\"" + QByteArray(64 - 8, 'x') + "\"} 2";
    const ParseResult r = parse(QByteArray("a 1\n" + atLimit + "\r\n" + overLimit + "\nb 3\n"), limits);
    QVERIFY(r.ok());
    QCOMPARE(r.sampleCount, 3);
    QCOMPARE(r.skippedLines, 1);
    QCOMPARE(r.firstErrors.front().line, 3);
    QVERIFY2(r.firstErrors.front().message.contains(QStringLiteral("64 byte")),
             qPrintable(r.firstErrors.front().message));
    QCOMPARE(r.family(QStringLiteral("m"))->samples.size(), 1);
    QCOMPARE(r.family(QStringLiteral("b"))->samples.front().value, 3.0);
}

void TestPrometheusParser::sampleLimit()
{
    ParseLimits limits;
    limits.maxSamples = 3;
    const ParseResult r = parse("a 1\na{x=\"2\"} 2\nb 3\nc 4\nd 5\n", limits);
    QVERIFY(!r.ok());
    QVERIFY2(r.error.contains(QStringLiteral("3")), qPrintable(r.error));
    QCOMPARE(r.sampleCount, 3);
    QCOMPARE(r.lineCount, 4); // stopped on the fourth sample
    QVERIFY(!r.family(QStringLiteral("c")));
    QVERIFY(!r.family(QStringLiteral("d")));
}

void TestPrometheusParser::familyLimit()
{
    // HELP/TYPE lines alone make families too: they count against the same cap.
    ParseLimits limits;
    limits.maxSamples = 2;
    const ParseResult r = parse("# HELP a x\n# HELP b y\n# HELP c z\n# HELP d w\n", limits);
    QVERIFY(!r.ok());
    QCOMPARE(r.families.size(), 2);
}

void TestPrometheusParser::largeInputIsLinear()
{
    // 150 000 samples of one labelled histogram (~6 MiB) and lines full of labels and escapes:
    // any quadratic step would take minutes here, not a fraction of a second.
    QByteArray text("# HELP h Latency.\n# TYPE h histogram\n");
    text.reserve(7 * 1024 * 1024);
    for (int i = 0; i < 50'000; ++i) {
        const QByteArray engine = QByteArray::number(i);
        text += "h_bucket{engine=\"" + engine + "\",le=\"0.5\"} 1\n";
        text += "h_bucket{engine=\"" + engine + "\",le=\"+Inf\"} 2\n";
        text += "h_count{engine=\"" + engine + "\"} 2\n";
    }
    QByteArray labels;
    for (int i = 0; labels.size() < 60'000; ++i)
        labels += "l" + QByteArray::number(i) + "=\"\\\\\\\"\\n\",";
    text += "wide{" + labels + "} 1\n";
    text += "long{v=\"" + QByteArray(60'000, 'x') + "\"} 1\n";
    QVERIFY(text.size() < ParseLimits().maxInputBytes);

    QElapsedTimer timer;
    timer.start();
    const ParseResult r = parse(text);
    const qint64 ms = timer.elapsed();
    QVERIFY2(r.ok(), qPrintable(r.error));
    QCOMPARE(r.skippedLines, 0);
    QCOMPARE(r.sampleCount, 150'002);
    QCOMPARE(r.family(QStringLiteral("h"))->samples.size(), 150'000);
    QVERIFY(r.family(QStringLiteral("wide"))->samples.front().labels.size() > 3000);
    QVERIFY2(ms < 30'000, qPrintable(QStringLiteral("%1 ms").arg(ms)));
}

void TestPrometheusParser::llamaCppCapture()
{
    // GET /metrics of a real llama.cpp server (upstream 0253fb21, started with --metrics).
    const ParseResult r
        = parse(readFile(QStringLiteral(TOKENSCOPE_SHARED_FIXTURES "/llamacpp-0253fb21/metrics.body")));
    QVERIFY(r.ok());
    QCOMPARE(r.skippedLines, 0);
    QCOMPARE(r.lineCount, 33);
    QCOMPARE(r.families.size(), 11);
    QCOMPARE(r.sampleCount, 11);
    for (const MetricFamily &f : r.families) {
        QVERIFY2(f.name.startsWith(QLatin1String("llamacpp:")), qPrintable(f.name));
        QVERIFY2(!f.help.isEmpty(), qPrintable(f.name));
        QVERIFY2(f.type == MetricType::Counter || f.type == MetricType::Gauge, qPrintable(f.name));
        QCOMPARE(f.samples.size(), 1);
        QVERIFY(f.samples.front().labels.isEmpty());
    }
    const MetricFamily *prompt = r.family(QStringLiteral("llamacpp:prompt_tokens_total"));
    QVERIFY(prompt);
    QCOMPARE(prompt->type, MetricType::Counter);
    QCOMPARE(prompt->help, QStringLiteral("Number of prompt tokens processed."));
    QCOMPARE(prompt->samples.front().value, 57.0);
    QCOMPARE(r.family(QStringLiteral("llamacpp:prompt_seconds_total"))->samples.front().value, 0.011);
    QCOMPARE(r.family(QStringLiteral("llamacpp:prompt_tokens_seconds"))->type, MetricType::Gauge);
    QCOMPARE(r.family(QStringLiteral("llamacpp:prompt_tokens_seconds"))->samples.front().value, 5181.82);
    QCOMPARE(r.family(QStringLiteral("llamacpp:predicted_tokens_seconds"))->samples.front().value, 777.778);
    QCOMPARE(r.families.back().name, QStringLiteral("llamacpp:n_busy_slots_per_decode"));
}

QTEST_GUILESS_MAIN(TestPrometheusParser)
#include "tst_prometheusparser.moc"
