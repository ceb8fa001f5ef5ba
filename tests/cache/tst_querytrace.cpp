#include "cache/querytrace.h"

#include <QSet>
#include <QTemporaryDir>
#include <QTest>

class TestQueryTrace : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void jsonl()
    {
        QString error;
        const auto trace = QueryTraceReader::readJsonl(
            "{\"text\":\"什么是机器学习?\",\"timestamp\":1.5,\"group\":\"ml\"}\n"
            "\n"
            "{\"text\":\"What is ML\",\"ts\":3,\"label\":7}\r\n"
            "{\"text\":\"no extras\"}\n",
            &error);
        QVERIFY2(trace, qPrintable(error));
        QCOMPARE(trace->queries.size(), 3);
        QCOMPARE(trace->queries.at(0).text, QStringLiteral("什么是机器学习?"));
        QCOMPARE(*trace->queries.at(0).timestampS, 1.5);
        QCOMPARE(trace->queries.at(0).group, QStringLiteral("ml"));
        QCOMPARE(trace->queries.at(1).group, QStringLiteral("7"));
        QCOMPARE(trace->queries.at(1).line, 3);
        QVERIFY(!trace->queries.at(2).timestampS);
        QVERIFY(trace->hasGroups());
        QVERIFY(!trace->hasTimestamps());
        QCOMPARE(trace->timeOf(2), 2.0); // no timestamps everywhere: one query a second
    }

    void csv()
    {
        QString error;
        const auto trace = QueryTraceReader::readCsv("\xEF\xBB\xBFgroup,text,timestamp\n"
                                                     "ml,\"什么是机器学习?\",10\n"
                                                     "ml,\"what is \"\"machine\"\" learning,\nreally\",12.5\n"
                                                     "\n"
                                                     "py,Python 怎么学?,\n",
                                                     &error);
        QVERIFY2(trace, qPrintable(error));
        QCOMPARE(trace->queries.size(), 3);
        QCOMPARE(trace->queries.at(1).text, QStringLiteral("what is \"machine\" learning,\nreally"));
        QCOMPARE(*trace->queries.at(1).timestampS, 12.5);
        QCOMPARE(trace->queries.at(2).line, 6);
        QVERIFY(!trace->queries.at(2).timestampS);
        QCOMPARE(trace->queries.at(2).group, QStringLiteral("py"));
    }

    void errors_data()
    {
        QTest::addColumn<bool>("csv");
        QTest::addColumn<QByteArray>("data");
        QTest::addColumn<QString>("expected");
        QTest::newRow("broken JSON") << false << QByteArray("{\"text\":\"a\"}\n{\"text\": \n")
                                     << QStringLiteral("line 2: invalid JSON");
        QTest::newRow("not an object")
            << false << QByteArray("[1,2]\n") << QStringLiteral("line 1: expected a JSON object");
        QTest::newRow("no text") << false << QByteArray("{\"text\":\"a\"}\n{\"group\":\"g\"}\n")
                                 << QStringLiteral("line 2: \"text\" is missing");
        QTest::newRow("bad timestamp") << false << QByteArray("{\"text\":\"a\",\"timestamp\":\"noon\"}\n")
                                       << QStringLiteral("line 1: \"timestamp\" must be a number");
        QTest::newRow("invalid UTF-8 JSONL")
            << false << QByteArray("{\"text\":\"a\"}\n{\"text\":\"\xC3\x28\"}\n")
            << QStringLiteral("line 2: invalid UTF-8");
        QTest::newRow("empty") << false << QByteArray("\n\n") << QStringLiteral("no queries");
        QTest::newRow("CSV without text column")
            << true << QByteArray("query_text,group\na,b\n")
            << QStringLiteral("line 1: the CSV header has no \"text\" column");
        QTest::newRow("CSV unclosed quote")
            << true << QByteArray("text\n\"abc\n") << QStringLiteral("line 2: a quoted field is not closed");
        QTest::newRow("CSV bad timestamp") << true << QByteArray("text,timestamp\na,1\nb,soon\n")
                                           << QStringLiteral("line 3: the timestamp \"soon\"");
        QTest::newRow("CSV invalid UTF-8")
            << true << QByteArray("text\nok\n\xFF\xFE\n") << QStringLiteral("line 3: invalid UTF-8");
        QTest::newRow("CSV missing field") << true << QByteArray("group,text\nonly\n")
                                           << QStringLiteral("line 2: expected at least 2 fields");
    }
    void errors()
    {
        QFETCH(bool, csv);
        QFETCH(QByteArray, data);
        QFETCH(QString, expected);
        QString error;
        const auto trace
            = csv ? QueryTraceReader::readCsv(data, &error) : QueryTraceReader::readJsonl(data, &error);
        QVERIFY(!trace);
        QVERIFY2(error.contains(expected), qPrintable(error));
    }

    void fileErrorsNameTheFile()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("broken.jsonl"));
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("{\"text\":\"ok\"}\nnot json\n");
        file.close();
        QString error;
        QVERIFY(!QueryTraceReader::readFile(path, &error));
        QVERIFY2(error.startsWith(QStringLiteral("broken.jsonl: line 2:")), qPrintable(error));
        QVERIFY(!QueryTraceReader::readFile(dir.filePath(QStringLiteral("missing.csv")), &error));
        QVERIFY(error.contains(QStringLiteral("cannot open")));
    }

    void sampleIsBilingualWithGroups()
    {
        const QueryTrace sample = QueryTraceReader::sample();
        QVERIFY(sample.queries.size() >= 200);
        QVERIFY(sample.hasGroups());
        QVERIFY(sample.hasTimestamps());
        QSet<QString> groups;
        bool chinese = false, english = false;
        for (const TraceQuery &q : sample.queries) {
            groups.insert(q.group);
            chinese = chinese || q.text.contains(QStringLiteral("机器学习"));
            english = english || q.text.contains(QStringLiteral("machine learning"), Qt::CaseInsensitive);
        }
        QVERIFY(groups.size() >= 40);
        QVERIFY(chinese && english);
        // The near-miss pair of the issue is in it, in two different groups.
        QString python, java;
        for (const TraceQuery &q : sample.queries) {
            if (q.text == u"Python 怎么学?")
                python = q.group;
            if (q.text == u"Java 怎么学?")
                java = q.group;
        }
        QVERIFY(!python.isEmpty() && !java.isEmpty() && python != java);
        QString error;
        const auto viaName = QueryTraceReader::readFile(QStringLiteral("sample"), &error);
        QVERIFY(viaName);
        QCOMPARE(viaName->queries.size(), sample.queries.size());
    }
};

QTEST_GUILESS_MAIN(TestQueryTrace)
#include "tst_querytrace.moc"
