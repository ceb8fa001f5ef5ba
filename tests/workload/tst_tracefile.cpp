#include "workload/tracefile.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <cmath>
#include <limits>

namespace {

// One flat text per entry: "arrivalNs|input|output|session|prompt|hash ids|line".
QStringList describe(const QList<TraceEntry> &entries)
{
    QStringList out;
    for (const TraceEntry &entry : entries) {
        QStringList hashes;
        for (const qint64 id : entry.hashIds)
            hashes.append(QString::number(id));
        out.append(QStringList { QString::number(entry.arrivalNs), QString::number(entry.inputTokens),
                                 QString::number(entry.outputTokens), entry.sessionId, entry.prompt,
                                 hashes.join(QLatin1Char(',')), QString::number(entry.line) }
                       .join(QLatin1Char('|')));
    }
    return out;
}

QList<qint64> arrivals(const TraceFile &trace)
{
    QList<qint64> out;
    for (const TraceEntry &entry : trace.entries())
        out.append(entry.arrivalNs);
    return out;
}

QString row(const char *text)
{
    return QString::fromUtf8(text);
}

} // namespace

class TestTraceFile : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void read_data();
    void read();
    void errors_data();
    void errors();
    void entryLimit();
    void missingFile();
    void tooLargeFile();
    void scaled_data();
    void scaled();
    void badTimeScale_data();
    void badTimeScale();

private:
    QString write(const QString &name, const QByteArray &content);
    QTemporaryDir m_dir;
};

void TestTraceFile::initTestCase()
{
    QVERIFY(m_dir.isValid());
}

QString TestTraceFile::write(const QString &name, const QByteArray &content)
{
    const QString path = m_dir.filePath(name);
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate))
        return {};
    file.write(content);
    return path;
}

void TestTraceFile::read_data()
{
    QTest::addColumn<QByteArray>("content");
    QTest::addColumn<QStringList>("expected");
    QTest::addColumn<qint64>("originNs");
    QTest::addColumn<int>("outOfOrder");

    QTest::newRow("mooncake: timestamp in ms, lengths, hash ids")
        << QByteArray(
               "{\"timestamp\": 0, \"input_length\": 6755, \"output_length\": 500, \"hash_ids\": [0, 1, 2]}\n"
               "{\"timestamp\": 0, \"input_length\": 7319, \"output_length\": 490, \"hash_ids\": [0, 14]}\n"
               "{\"timestamp\": 3052, \"input_length\": 2287, \"output_length\": 316, \"hash_ids\": []}\n")
        << QStringList { row("0|6755|500|||0,1,2|1"), row("0|7319|490|||0,14|2"),
                         row("3052000000|2287|316||||3") }
        << qint64(0) << 0;
    QTest::newRow("arrival_ms not starting at 0, fractional")
        << QByteArray("{\"arrival_ms\": 1000, \"input_tokens\": 10, \"output_tokens\": 5}\n"
                      "{\"arrival_ms\": 1000.25, \"input_tokens\": 11, \"output_tokens\": 6}\n"
                      "{\"arrival_ms\": 2500, \"input_tokens\": 12, \"output_tokens\": 7}\n")
        << QStringList { row("0|10|5||||1"), row("250000|11|6||||2"), row("1500000000|12|7||||3") }
        << qint64(1'000'000'000) << 0;
    QTest::newRow("seconds: t and arrival_s")
        << QByteArray("{\"t\": 0.5, \"input_tokens\": 1}\n{\"arrival_s\": 2, \"input_tokens\": 2}\n")
        << QStringList { row("0|1|0||||1"), row("1500000000|2|0||||2") } << qint64(500'000'000) << 0;
    QTest::newRow("epoch milliseconds keep their precision")
        << QByteArray("{\"timestamp\": 1700000000123, \"input_length\": 1, \"output_length\": 1}\n"
                      "{\"timestamp\": 1700000000124, \"input_length\": 1, \"output_length\": 1}\n")
        << QStringList { row("0|1|1||||1"), row("1000000|1|1||||2") } << qint64(1'700'000'000'123'000'000)
        << 0;
    QTest::newRow("unsorted: sorted stably, equal times keep their file order")
        << QByteArray("{\"arrival_ms\": 30, \"input_tokens\": 1}\n"
                      "{\"arrival_ms\": 10, \"input_tokens\": 2}\n"
                      "{\"arrival_ms\": 20, \"input_tokens\": 3}\n"
                      "{\"arrival_ms\": 10, \"input_tokens\": 4}\n"
                      "{\"arrival_ms\": 20, \"input_tokens\": 5}\n")
        << QStringList { row("0|2|0||||2"), row("0|4|0||||4"), row("10000000|3|0||||3"),
                         row("10000000|5|0||||5"), row("20000000|1|0||||1") }
        << qint64(10'000'000) << 2;
    QTest::newRow("negative times") << QByteArray(
        "{\"t\": -2, \"input_tokens\": 1}\n{\"t\": -1.5, \"input_tokens\": 1}\n")
                                    << QStringList { row("0|1|0||||1"), row("500000000|1|0||||2") }
                                    << qint64(-2'000'000'000) << 0;
    QTest::newRow("sessions, prompts, unknown keys")
        << QByteArray("{\"t\": 0, \"session_id\": \"s1\", \"prompt\": \"Hello 你好\", \"output_tokens\": 3,"
                      " \"model\": \"x\"}\n"
                      "{\"t\": 1, \"session_id\": 42, \"prompt\": \"Again\", \"input_tokens\": 9,"
                      " \"session_extra\": null}\n"
                      "{\"t\": 2, \"session_id\": null, \"prompt\": null, \"input_tokens\": 2}\n")
        << QStringList { row("0|0|3|s1|Hello 你好||1"), row("1000000000|9|0|42|Again||2"),
                         row("2000000000|2|0||||3") }
        << qint64(0) << 0;
    QTest::newRow("bom, crlf, blank lines") << QByteArray(
        "\xEF\xBB\xBF\r\n{\"t\": 0, \"input_tokens\": 1}\r\n \t\r\n\r\n{\"t\": 1, \"input_tokens\": 2}")
                                            << QStringList { row("0|1|0||||2"), row("1000000000|2|0||||5") }
                                            << qint64(0) << 0;
}

void TestTraceFile::read()
{
    QFETCH(QByteArray, content);
    QFETCH(QStringList, expected);
    QFETCH(qint64, originNs);
    QFETCH(int, outOfOrder);
    const QString path = write(QStringLiteral("trace.jsonl"), content);
    QVERIFY(!path.isEmpty());
    QString error;
    const auto trace = TraceFile::fromFile(path, &error);
    QVERIFY2(trace, qPrintable(error));
    QCOMPARE(describe(trace->entries()), expected);
    QCOMPARE(trace->originNs(), originNs);
    QCOMPARE(trace->outOfOrderLines(), qsizetype(outOfOrder));
    QCOMPARE(trace->durationNs(), trace->entries().constLast().arrivalNs);
    QCOMPARE(trace->source(), QDir::toNativeSeparators(path));
}

void TestTraceFile::errors_data()
{
    QTest::addColumn<QByteArray>("content");
    QTest::addColumn<QString>("expected"); // what follows the path

    const QByteArray ok = "{\"t\": 0, \"input_tokens\": 1}\n";
    QTest::newRow("invalid json: line and column")
        << QByteArray(ok + "{\"t\": 1, \"input_tokens\": 2,}\n") << QStringLiteral(":2:29: invalid JSON: ");
    QTest::newRow("truncated line") << QByteArray(ok + ok + "{\"t\": 2, \"input_tok")
                                    << QStringLiteral(":3:");
    QTest::newRow("not an object") << QByteArray(ok + "[1, 2]\n")
                                   << QStringLiteral(":2: expected a JSON object");
    QTest::newRow("no time") << QByteArray(ok + "{\"input_tokens\": 2}\n")
                             << QStringLiteral(":2: no arrival time: give \"timestamp\" or \"arrival_ms\""
                                               " (milliseconds), or \"arrival_s\" or \"t\" (seconds)");
    QTest::newRow("two times") << QByteArray("{\"timestamp\": 1, \"t\": 1, \"input_tokens\": 1}")
                               << QStringLiteral(
                                      ":1: give one arrival time, not both \"timestamp\" and \"t\"");
    QTest::newRow("time a string") << QByteArray("{\"arrival_ms\": \"5\", \"input_tokens\": 1}")
                                   << QStringLiteral(":1: \"arrival_ms\" must be a number");
    QTest::newRow("time out of range") << QByteArray(ok + ok + "{\"timestamp\": 1e300, \"input_tokens\": 1}")
                                       << QStringLiteral(":3: \"timestamp\" is out of range (more than"
                                                         " 4000000000 seconds from 0)");
    QTest::newRow("input zero") << QByteArray("{\"t\": 0, \"input_tokens\": 0}")
                                << QStringLiteral(
                                       ":1: \"input_tokens\" must be a whole number of at least 1");
    QTest::newRow("input a fraction")
        << QByteArray("{\"t\": 0, \"input_length\": 2.5}")
        << QStringLiteral(":1: \"input_length\" must be a whole number of at least 1");
    QTest::newRow("input a string") << QByteArray("{\"t\": 0, \"input_tokens\": \"5\"}")
                                    << QStringLiteral(
                                           ":1: \"input_tokens\" must be a whole number of at least 1");
    QTest::newRow("input both names")
        << QByteArray("{\"t\": 0, \"input_tokens\": 5, \"input_length\": 5}")
        << QStringLiteral(":1: give either \"input_tokens\" or \"input_length\", not both");
    QTest::newRow("neither input nor prompt")
        << QByteArray("{\"t\": 0, \"output_tokens\": 5}")
        << QStringLiteral(":1: needs \"input_tokens\" (or \"input_length\") or"
                          " a non-empty \"prompt\"");
    QTest::newRow("blank prompt only")
        << QByteArray("{\"t\": 0, \"prompt\": \"  \"}") << QStringLiteral(":1: needs \"input_tokens\"");
    QTest::newRow("output negative") << QByteArray("{\"t\": 0, \"input_tokens\": 1, \"output_length\": -4}")
                                     << QStringLiteral(
                                            ":1: \"output_length\" must be a whole number of at least 1");
    QTest::newRow("output too large")
        << QByteArray("{\"t\": 0, \"input_tokens\": 1, \"output_tokens\": 3e9}")
        << QStringLiteral(":1: \"output_tokens\" must be a whole number of at least 1");
    QTest::newRow("prompt a number") << QByteArray("{\"t\": 0, \"input_tokens\": 1, \"prompt\": 3}")
                                     << QStringLiteral(":1: \"prompt\" must be a string");
    QTest::newRow("session an object") << QByteArray("{\"t\": 0, \"input_tokens\": 1, \"session_id\": {}}")
                                       << QStringLiteral(":1: \"session_id\" must be a string or an integer");
    QTest::newRow("session a fraction")
        << QByteArray("{\"t\": 0, \"input_tokens\": 1, \"session_id\": 1.5}")
        << QStringLiteral(":1: \"session_id\" must be a string or an integer");
    QTest::newRow("hash ids not an array")
        << QByteArray("{\"t\": 0, \"input_tokens\": 1, \"hash_ids\": 5}")
        << QStringLiteral(":1: \"hash_ids\" must be an array of non-negative"
                          " whole numbers");
    QTest::newRow("hash ids negative") << QByteArray("{\"t\": 0, \"input_tokens\": 1, \"hash_ids\": [1, -1]}")
                                       << QStringLiteral(":1: \"hash_ids\" must be an array of non-negative"
                                                         " whole numbers");
    QTest::newRow("hash ids strings") << QByteArray("{\"t\": 0, \"input_tokens\": 1, \"hash_ids\": [\"a\"]}")
                                      << QStringLiteral(":1: \"hash_ids\" must be an array of non-negative"
                                                        " whole numbers");
    QTest::newRow("invalid utf-8") << QByteArray(ok + "\n{\"t\": 1, \"prompt\": \"\xE9t\xE9\"}\n")
                                   << QStringLiteral(":3: invalid UTF-8");
    QTest::newRow("invalid utf-8 on a blank-looking line")
        << QByteArray(ok + " \xA0\n" + ok) << QStringLiteral(":2: invalid UTF-8");
    QTest::newRow("empty file") << QByteArray() << QStringLiteral(": the trace holds no entries");
    QTest::newRow("only blank lines")
        << QByteArray("\n \r\n\t\n") << QStringLiteral(": the trace holds no entries");
    QTest::newRow("only a bom") << QByteArray("\xEF\xBB\xBF")
                                << QStringLiteral(": the trace holds no entries");
}

void TestTraceFile::errors()
{
    QFETCH(QByteArray, content);
    QFETCH(QString, expected);
    const QString path = write(QStringLiteral("bad.jsonl"), content);
    QVERIFY(!path.isEmpty());
    QString error;
    QVERIFY(!TraceFile::fromFile(path, &error));
    QVERIFY2(error.startsWith(QDir::toNativeSeparators(path) + expected), qPrintable(error));
}

void TestTraceFile::entryLimit()
{
    const QByteArray content = "{\"t\": 0, \"input_tokens\": 1}\n\n{\"t\": 1, \"input_tokens\": 1}\n"
                               "{\"t\": 2, \"input_tokens\": 1}\n";
    QString error;
    QVERIFY(TraceFile::fromBytes(content, QStringLiteral("mem"), &error, 3));
    QVERIFY(!TraceFile::fromBytes(content, QStringLiteral("mem"), &error, 2));
    QCOMPARE(error, QStringLiteral("mem:4: more than 2 entries, the most a trace may hold"));
}

void TestTraceFile::missingFile()
{
    const QString path = m_dir.filePath(QStringLiteral("nope.jsonl"));
    QString error;
    QVERIFY(!TraceFile::fromFile(path, &error));
    QVERIFY2(error.startsWith(QDir::toNativeSeparators(path) + QStringLiteral(": cannot read the file")),
             qPrintable(error));
}

void TestTraceFile::tooLargeFile()
{
    const QString path = m_dir.filePath(QStringLiteral("huge.jsonl"));
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    if (!file.resize(TraceFile::MaxFileBytes + 1))
        QSKIP("cannot make a sparse file here");
    file.close();
    QString error;
    QVERIFY(!TraceFile::fromFile(path, &error));
    QCOMPARE(error,
             QDir::toNativeSeparators(path)
                 + QStringLiteral(": the file is larger than 512 MiB, the most a trace may be"));
    QFile::remove(path);
}

void TestTraceFile::scaled_data()
{
    QTest::addColumn<double>("timeScale");
    QTest::addColumn<QList<qint64>>("expected");
    // The trace: 0, 1 ms, 1.5 s, 3 s (and 3 s again).
    QTest::newRow("1: unchanged") << 1.0
                                  << QList<qint64> { 0, 1'000'000, 1'500'000'000, 3'000'000'000,
                                                     3'000'000'000 };
    QTest::newRow("2: twice as slow")
        << 2.0 << QList<qint64> { 0, 2'000'000, 3'000'000'000, 6'000'000'000, 6'000'000'000 };
    QTest::newRow("0.5: twice as fast")
        << 0.5 << QList<qint64> { 0, 500'000, 750'000'000, 1'500'000'000, 1'500'000'000 };
    QTest::newRow("1/3: rounded to the nanosecond")
        << 1.0 / 3.0 << QList<qint64> { 0, 333'333, 500'000'000, 1'000'000'000, 1'000'000'000 };
    QTest::newRow("tiny: everything at once") << 1e-12 << QList<qint64> { 0, 0, 0, 0, 0 };
}

void TestTraceFile::scaled()
{
    QFETCH(double, timeScale);
    QFETCH(QList<qint64>, expected);
    const auto trace = TraceFile::fromBytes("{\"arrival_ms\": 100, \"input_tokens\": 1}\n"
                                            "{\"arrival_ms\": 101, \"input_tokens\": 2}\n"
                                            "{\"arrival_ms\": 1600, \"input_tokens\": 3}\n"
                                            "{\"arrival_ms\": 3100, \"input_tokens\": 4}\n"
                                            "{\"arrival_ms\": 3100, \"input_tokens\": 5}\n",
                                            QStringLiteral("mem"));
    QVERIFY(trace);
    QString error;
    const auto result = trace->scaled(timeScale, &error);
    QVERIFY2(result, qPrintable(error));
    QCOMPARE(arrivals(*result), expected);
    QCOMPARE(result->durationNs(), expected.constLast());
    // Only the times change.
    for (qsizetype i = 0; i < result->size(); ++i)
        QCOMPARE(result->entries().at(i).inputTokens, int(i + 1));
    QCOMPARE(arrivals(*trace).at(2), qint64(1'500'000'000)); // the original is untouched
}

void TestTraceFile::badTimeScale_data()
{
    QTest::addColumn<double>("timeScale");
    QTest::addColumn<QString>("expected");
    const QString positive = QStringLiteral("the time scale must be a number greater than 0");
    QTest::newRow("zero") << 0.0 << positive;
    QTest::newRow("negative") << -2.0 << positive;
    QTest::newRow("nan") << std::numeric_limits<double>::quiet_NaN() << positive;
    QTest::newRow("infinity") << std::numeric_limits<double>::infinity() << positive;
    QTest::newRow("too long") << 1e10 << QStringLiteral("scaled by 1e+10, the trace would last longer than");
}

void TestTraceFile::badTimeScale()
{
    QFETCH(double, timeScale);
    QFETCH(QString, expected);
    // Lasts 1000 s: 1e10 times that is past what qint64 nanoseconds hold.
    const auto trace = TraceFile::fromBytes(
        "{\"t\": 0, \"input_tokens\": 1}\n{\"t\": 1000, \"input_tokens\": 1}\n", QStringLiteral("mem"));
    QVERIFY(trace);
    QString error;
    QVERIFY(!trace->scaled(timeScale, &error));
    QVERIFY2(error.startsWith(expected), qPrintable(error));
}

QTEST_GUILESS_MAIN(TestTraceFile)
#include "tst_tracefile.moc"
