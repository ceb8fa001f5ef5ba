#include "workload/dataset.h"

#include <QDir>
#include <QFile>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>

#include <random>

namespace {

// One flat text per entry, so QCOMPARE prints what differs:
// "line|stated output length or -|reference answer|role:content|...|#id".
QStringList describe(const QList<DatasetEntry> &entries)
{
    QStringList out;
    for (const DatasetEntry &entry : entries) {
        QString text = QString::number(entry.line) + QLatin1Char('|')
            + (entry.outputTokens ? QString::number(*entry.outputTokens) : QStringLiteral("-"))
            + QLatin1Char('|') + entry.referenceAnswer;
        for (const ChatMessage &message : entry.messages)
            text += QLatin1Char('|') + message.role + QLatin1Char(':') + message.content;
        if (!entry.id.isEmpty())
            text += QStringLiteral("|#") + entry.id;
        out.append(text);
    }
    return out;
}

QList<int> skippedCounts(const Dataset::Summary &summary)
{
    QList<int> counts;
    for (const qsizetype count : summary.skipped)
        counts.append(int(count));
    return counts;
}

/// The test's token counter: whitespace-separated words, simple enough to count by eye.
qint64 words(QStringView text)
{
    return text.split(u' ', Qt::SkipEmptyParts).size();
}

DatasetEntry entry(const QString &prompt, const QString &reference, std::optional<int> outputTokens = {},
                   const QString &id = {})
{
    DatasetEntry e;
    e.messages = { ChatMessage { QStringLiteral("user"), prompt } };
    e.referenceAnswer = reference;
    e.outputTokens = outputTokens;
    e.id = id;
    return e;
}

QStringList ids(const Dataset &dataset)
{
    QStringList out;
    for (const DatasetEntry &e : dataset.entries())
        out.append(e.id);
    return out;
}

/// A dataset of \a n entries with ids "0", "1", ...
Dataset numbered(int n)
{
    QList<DatasetEntry> entries;
    for (int i = 0; i < n; ++i)
        entries.append(entry(QStringLiteral("prompt %1").arg(i), {}, {}, QString::number(i)));
    return Dataset(entries, QStringLiteral("numbered"));
}

QStringList names(const char *commaSeparated)
{
    return QString::fromLatin1(commaSeparated).split(QLatin1Char(','), Qt::SkipEmptyParts);
}

using Format = Dataset::Format;
using Skips = QList<int>; // by Dataset::SkipReason: empty prompt, no prompt, no answer, unsupported

} // namespace

class TestDataset : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void read_data();
    void read();
    void errors_data();
    void errors();
    void detectFormat_data();
    void detectFormat();
    void formatNames();
    void largeShareGpt();
    void missingFile();
    void tooLargeFile();
    void samplingIsDeterministic();
    void samplingDependsOnSeed();
    void samplingIsUniform();
    void samplingMoreThanThereAre();
    void filterByTokenRange_data();
    void filterByTokenRange();
    void filterThenSample();
    void toRequests();
    void summaryText();

private:
    QString write(const QString &name, const QByteArray &content);
    QTemporaryDir m_dir;
};

void TestDataset::initTestCase()
{
    QVERIFY(m_dir.isValid());
}

QString TestDataset::write(const QString &name, const QByteArray &content)
{
    const QString path = m_dir.filePath(name);
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate))
        return {};
    file.write(content);
    return path;
}

void TestDataset::read_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<QByteArray>("content");
    QTest::addColumn<Format>("format");
    QTest::addColumn<QString>("promptColumn");
    QTest::addColumn<QStringList>("expected");
    QTest::addColumn<Skips>("skipped");

    // ShareGPT
    QTest::newRow("sharegpt: first human turn and its answer, lines of each conversation")
        << QStringLiteral("sg.json")
        << QByteArray(
               "[\n"
               "  {\"id\": \"a1\", \"conversations\": [\n"
               "    {\"from\": \"human\", \"value\": \"Hi\"},\n"
               "    {\"from\": \"gpt\", \"value\": \"Hello there\"},\n"
               "    {\"from\": \"human\", \"value\": \"More\"},\n"
               "    {\"from\": \"gpt\", \"value\": \"Sure\"}]},\n"
               "  {\"id\": 7, \"conversations\": [{\"from\": \"system\", \"value\": \"Be brief.\"},"
               " {\"from\": \"user\", \"value\": \"Q\"}, {\"from\": \"assistant\", \"value\": \"A\"}]}\n"
               "]\n")
        << Format::Auto << QString()
        << QStringList { QStringLiteral("2|-|Hello there|user:Hi|#a1"),
                         QStringLiteral("7|-|A|system:Be brief.|user:Q|#7") }
        << Skips { 0, 0, 0, 0 };
    QTest::newRow("sharegpt: skipped conversations counted by reason")
        << QStringLiteral("sg.json")
        << QByteArray("[{\"conversations\": [{\"from\": \"gpt\", \"value\": \"only an answer\"}]},\n"
                      " {\"conversations\": []},\n"
                      " {\"conversations\": [{\"from\": \"human\", \"value\": \"a\"},"
                      " {\"from\": \"human\", \"value\": \"b\"}]},\n"
                      " {\"conversations\": [{\"from\": \"human\", \"value\": \"last\"}]},\n"
                      " {\"conversations\": [{\"from\": \"human\", \"value\": \"q\"},"
                      " {\"from\": \"gpt\", \"value\": \"  \"}]},\n"
                      " {\"conversations\": [{\"from\": \"human\", \"value\": \" \\n \"},"
                      " {\"from\": \"gpt\", \"value\": \"x\"}]},\n"
                      " {\"conversations\": [{\"from\": \"human\", \"value\": \"kept\"},"
                      " {\"from\": \"chatgpt\", \"value\": \"yes\"}]}]")
        << Format::Auto << QString() << QStringList { QStringLiteral("7|-|yes|user:kept") }
        << Skips { 1, 2, 3, 0 };
    QTest::newRow("sharegpt: an answer first, then the human turn; only the adjacent system turn")
        << QStringLiteral("sg.json")
        << QByteArray("[{\"conversations\": [{\"from\": \"system\", \"value\": \"S\"},"
                      " {\"from\": \"gpt\", \"value\": \"Welcome\"}, {\"from\": \"human\", \"value\": \"Q\"},"
                      " {\"from\": \"gpt\", \"value\": \"A\"}]}]")
        << Format::Auto << QString() << QStringList { QStringLiteral("1|-|A|user:Q") }
        << Skips { 0, 0, 0, 0 };
    QTest::newRow("sharegpt: bom, crlf, unicode and escapes, sniffed by '['")
        << QStringLiteral("data.txt")
        << QByteArray("\xEF\xBB\xBF\r\n[\r\n{\"conversations\": [{\"from\": \"human\", \"value\":"
                      " \"\\u4f60\\u597d\\n\xF0\x9F\x90\x89\"}, {\"from\": \"gpt\", \"value\": "
                      "\"\xE5\xA5\xBD\"}]}\r\n]")
        << Format::Auto << QString() << QStringList { QStringLiteral("3|-|好|user:你好\n🐉") }
        << Skips { 0, 0, 0, 0 };
    QTest::newRow("sharegpt: a string holding brackets and escaped quotes")
        << QStringLiteral("sg.json")
        << QByteArray(
               "[{\"conversations\": [{\"from\": \"human\", \"value\": \"a ] } \\\" { [ b\"},"
               " {\"from\": \"gpt\", \"value\": \"\\\\\"}]}, {\"conversations\": [{\"from\": \"human\","
               " \"value\": \"c\"}, {\"from\": \"gpt\", \"value\": \"d\"}]}]")
        << Format::Auto << QString()
        << QStringList { QStringLiteral("1|-|\\|user:a ] } \" { [ b"), QStringLiteral("1|-|d|user:c") }
        << Skips { 0, 0, 0, 0 };

    // JSONL
    QTest::newRow("jsonl: prompt, completion and output_tokens")
        << QStringLiteral("d.jsonl")
        << QByteArray("{\"prompt\": \"Hi\", \"completion\": \"Hello\", \"output_tokens\": 12}\n"
                      "\n"
                      "{\"prompt\": \"Yo\", \"max_tokens\": 5, \"system\": \"S\", \"id\": \"x\"}\n")
        << Format::Auto << QString()
        << QStringList { QStringLiteral("1|12|Hello|user:Hi"), QStringLiteral("3|5||system:S|user:Yo|#x") }
        << Skips { 0, 0, 0, 0 };
    QTest::newRow("jsonl: a final assistant message is the reference answer")
        << QStringLiteral("d.jsonl")
        << QByteArray(
               "{\"messages\": [{\"role\": \"system\", \"content\": \"S\"},"
               " {\"role\": \"user\", \"content\": \"Hi\"}, {\"role\": \"assistant\", \"content\": \"Hey\"},"
               " {\"role\": \"user\", \"content\": \"Again\"}, {\"role\": \"assistant\", \"content\": "
               "\"Ok\"}]}\n"
               "{\"messages\": [{\"role\": \"developer\", \"content\": \"D\"},"
               " {\"role\": \"user\", \"content\": \"Q\"}]}")
        << Format::Auto << QString()
        << QStringList { QStringLiteral("1|-|Ok|system:S|user:Hi|assistant:Hey|user:Again"),
                         QStringLiteral("2|-||system:D|user:Q") }
        << Skips { 0, 0, 0, 0 };
    QTest::newRow("jsonl: content parts joined; images, tools and blanks skipped")
        << QStringLiteral("d.ndjson")
        << QByteArray(
               "{\"messages\": [{\"role\": \"user\", \"content\": [{\"type\": \"text\", \"text\": \"a\"},"
               " {\"type\": \"text\", \"text\": \"b\"}]}]}\r\n"
               "{\"messages\": [{\"role\": \"user\", \"content\": [{\"type\": \"image_url\","
               " \"image_url\": {\"url\": \"x\"}}, {\"type\": \"text\", \"text\": \"what?\"}]}]}\r\n"
               "{\"messages\": [{\"role\": \"user\", \"content\": \"q\"}, {\"role\": \"tool\","
               " \"content\": \"r\"}]}\r\n"
               "{\"messages\": [{\"role\": \"assistant\", \"content\": null}]}\r\n"
               "{\"messages\": [{\"role\": \"system\", \"content\": \"only a system message\"}]}\r\n"
               "{\"messages\": []}\r\n"
               "{\"messages\": [{\"role\": \"user\", \"content\": \"fine\"},"
               " {\"role\": \"user\", \"content\": \"\\t\"}]}\r\n"
               "{\"prompt\": \"  \"}\r\n"
               "{\"prompt\": \"kept\", \"output_tokens\": null}\r\n")
        << Format::Auto << QString()
        << QStringList { QStringLiteral("1|-||user:a\nb"), QStringLiteral("9|-||user:kept") }
        << Skips { 2, 2, 0, 3 };
    QTest::newRow("jsonl: a ShareGPT conversation per line")
        << QStringLiteral("d.jsonl")
        << QByteArray("{\"id\": \"c\", \"conversations\": [{\"from\": \"human\", \"value\": \"Q\"},"
                      " {\"from\": \"gpt\", \"value\": \"A\"}]}\n")
        << Format::Auto << QString() << QStringList { QStringLiteral("1|-|A|user:Q|#c") }
        << Skips { 0, 0, 0, 0 };
    QTest::newRow("jsonl: forced on a .json file")
        << QStringLiteral("lines.json") << QByteArray("{\"prompt\": \"p\"}\n{\"prompt\": \"q\"}")
        << Format::Jsonl << QString()
        << QStringList { QStringLiteral("1|-||user:p"), QStringLiteral("2|-||user:q") }
        << Skips { 0, 0, 0, 0 };

    // CSV
    QTest::newRow("csv: prompt and output_tokens columns")
        << QStringLiteral("d.csv") << QByteArray("id,prompt,output_tokens\n1,Hello,12\n2,World,\n")
        << Format::Auto << QString()
        << QStringList { QStringLiteral("2|12||user:Hello"), QStringLiteral("3|-||user:World") }
        << Skips { 0, 0, 0, 0 };
    QTest::newRow("csv: quoting, doubled quotes, line breaks in fields, crlf, bom")
        << QStringLiteral("d.csv")
        << QByteArray("\xEF\xBB\xBFQuestion,Max_Tokens\r\n"
                      "\"Say \"\"hi\"\", then\r\nstop, please\",7\r\n"
                      "plain,\r\n"
                      "\r\n"
                      "\"\",3\r\n"
                      "\"last\nline\",\"9\"")
        << Format::Auto << QString()
        << QStringList { QStringLiteral("2|7||user:Say \"hi\", then\nstop, please"),
                         QStringLiteral("4|-||user:plain"), QStringLiteral("7|9||user:last\nline") }
        << Skips { 1, 0, 0, 0 };
    QTest::newRow("csv: system and answer columns, output_tokens before max_tokens")
        << QStringLiteral("d.csv")
        << QByteArray("max_tokens,system,input,response,output_tokens\n100,S,Q,A,5\n100,,R,,\n")
        << Format::Auto << QString()
        << QStringList { QStringLiteral("2|5|A|system:S|user:Q"), QStringLiteral("3|-||user:R") }
        << Skips { 0, 0, 0, 0 };
    QTest::newRow("csv: prompt column preferred over question and text")
        << QStringLiteral("d.csv") << QByteArray("text,question,PROMPT\nt,q,p\n") << Format::Auto << QString()
        << QStringList { QStringLiteral("2|-||user:p") } << Skips { 0, 0, 0, 0 };
    QTest::newRow("csv: an explicit column, case-insensitive")
        << QStringLiteral("d.csv") << QByteArray("prompt,Instruction\nnot this,this\n") << Format::Auto
        << QStringLiteral("instruction") << QStringList { QStringLiteral("2|-||user:this") }
        << Skips { 0, 0, 0, 0 };
    QTest::newRow("csv: sniffed for an unknown extension, one column")
        << QStringLiteral("data.txt") << QByteArray("text\nalpha\n\n beta \n") << Format::Auto << QString()
        << QStringList { QStringLiteral("2|-||user:alpha"), QStringLiteral("4|-||user: beta ") }
        << Skips { 0, 0, 0, 0 };
}

void TestDataset::read()
{
    QFETCH(QString, name);
    QFETCH(QByteArray, content);
    QFETCH(Format, format);
    QFETCH(QString, promptColumn);
    QFETCH(QStringList, expected);
    QFETCH(Skips, skipped);
    const QString path = write(name, content);
    QVERIFY(!path.isEmpty());
    QString error;
    const auto dataset = Dataset::fromFile(path, &error, format, promptColumn);
    QVERIFY2(dataset, qPrintable(error));
    QCOMPARE(describe(dataset->entries()), expected);
    QCOMPARE(skippedCounts(dataset->summary()), skipped);
    const Dataset::Summary &summary = dataset->summary();
    QCOMPARE(summary.entries, expected.size());
    QCOMPARE(summary.records, summary.entries + summary.skippedTotal());
    QCOMPARE(dataset->source(), QDir::toNativeSeparators(path));
}

void TestDataset::errors_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<QByteArray>("content");
    QTest::addColumn<QString>("promptColumn");
    QTest::addColumn<QString>("expected"); // what follows the path

    const QByteArray turn = "{\"from\": \"human\", \"value\": \"q\"}, {\"from\": \"gpt\", \"value\": \"a\"}";

    // ShareGPT
    QTest::newRow("sharegpt: truncated inside a conversation")
        << QStringLiteral("sg.json")
        << QByteArray("[\n{\"conversations\": [" + turn + "]},\n{\"conversations\": [{\"from\": \"hu")
        << QString()
        << QStringLiteral(
               ":3:32: the file ends inside conversation 2, which starts on line 3 (is it truncated?)");
    QTest::newRow("sharegpt: truncated after a conversation")
        << QStringLiteral("sg.json") << QByteArray("[{\"conversations\": [" + turn + "]},\n  ") << QString()
        << QStringLiteral(":2:3: the file ends before the array is closed (is it truncated?)");
    QTest::newRow("sharegpt: a syntax error names line and column")
        << QStringLiteral("sg.json")
        << QByteArray("[{\"conversations\": [" + turn
                      + "]},\n {\"conversations\": [{\"from\": \"human\" \"value\": \"x\"}]}]")
        << QString() << QStringLiteral(":2:39: invalid JSON: ");
    QTest::newRow("sharegpt: column counted in characters")
        << QStringLiteral("sg.json")
        << QByteArray(
               "[{\"conversations\": [{\"from\": \"human\", \"value\": \"\xE4\xBD\xA0\xE5\xA5\xBD\" x}]}]")
        << QString()
        << QStringLiteral(":1:54: invalid JSON: "); // Qt's offset: just past the "x"; 58 if counted in bytes
    QTest::newRow("sharegpt: conversations not an array")
        << QStringLiteral("sg.json")
        << QByteArray("[{\"conversations\": [" + turn + "]},\n\n  {\"conversations\": \"hi\"}]") << QString()
        << QStringLiteral(":3: conversation 2: expected a \"conversations\" array");
    QTest::newRow("sharegpt: a value of the wrong type")
        << QStringLiteral("sg.json")
        << QByteArray("[\n{\"conversations\": [{\"from\": \"human\", \"value\": \"q\"},"
                      " {\"from\": \"gpt\", \"value\": 42}]}]")
        << QString()
        << QStringLiteral(
               ":2: conversation 1, turn 2: expected an object with \"from\" and \"value\" strings");
    QTest::newRow("sharegpt: a turn that is not an object")
        << QStringLiteral("sg.json") << QByteArray("[{\"conversations\": [\"hi\"]}]") << QString()
        << QStringLiteral(
               ":1: conversation 1, turn 1: expected an object with \"from\" and \"value\" strings");
    QTest::newRow("sharegpt: an element that is not an object")
        << QStringLiteral("sg.json") << QByteArray("[{\"conversations\": [" + turn + "]}, 3]") << QString()
        << QStringLiteral(":1:87: conversation 2: expected a JSON object");
    QTest::newRow("sharegpt: an object, not an array")
        << QStringLiteral("sg.json") << QByteArray("{\"conversations\": []}") << QString()
        << QStringLiteral(":1:1: expected a JSON array of conversations");
    QTest::newRow("sharegpt: a trailing comma")
        << QStringLiteral("sg.json") << QByteArray("[{\"conversations\": [" + turn + "]},\n]") << QString()
        << QStringLiteral(":1:85: a comma before the closing ']' (JSON allows none)");
    QTest::newRow("sharegpt: a missing comma")
        << QStringLiteral("sg.json")
        << QByteArray("[{\"conversations\": [" + turn + "]}\n {\"conversations\": []}]") << QString()
        << QStringLiteral(":2:2: expected ',' or ']' after conversation 1");
    QTest::newRow("sharegpt: content after the array")
        << QStringLiteral("sg.json") << QByteArray("[{\"conversations\": [" + turn + "]}]\n[]") << QString()
        << QStringLiteral(":2:1: unexpected content after the array");
    QTest::newRow("sharegpt: invalid utf-8")
        << QStringLiteral("sg.json")
        << QByteArray("[\n{\"conversations\": [" + turn
                      + "]},\n{\"conversations\": [{\"from\": \"human\", \"value\": \"\xC3\x28\"}]}]")
        << QString() << QStringLiteral(":3: invalid UTF-8");
    QTest::newRow("sharegpt: an encoded surrogate is invalid utf-8")
        << QStringLiteral("sg.json") << QByteArray("[\n\n\"\xED\xA0\x80\"]") << QString()
        << QStringLiteral(":3: invalid UTF-8");
    QTest::newRow("sharegpt: no conversations") << QStringLiteral("sg.json") << QByteArray(" [ ] ")
                                                << QString() << QStringLiteral(": no entries found");
    QTest::newRow("sharegpt: nothing usable")
        << QStringLiteral("sg.json")
        << QByteArray("[{\"conversations\": [{\"from\": \"human\", \"value\": \"q\"}]}]") << QString()
        << QStringLiteral(": no usable entries (1 record(s): 0 entry(s), 1 skipped (1 without an answer))");

    // JSONL
    QTest::newRow("jsonl: a syntax error names line and column")
        << QStringLiteral("d.jsonl") << QByteArray("{\"prompt\": \"a\"}\n{\"prompt\": \"b\",}\n") << QString()
        << QStringLiteral(":2:17: invalid JSON: ");
    QTest::newRow("jsonl: truncated line")
        << QStringLiteral("d.jsonl") << QByteArray("{\"prompt\": \"a\"}\n{\"prompt\": \"b") << QString()
        << QStringLiteral(":2:");
    QTest::newRow("jsonl: not an object") << QStringLiteral("d.jsonl") << QByteArray("[\"a\"]\n") << QString()
                                          << QStringLiteral(":1: expected a JSON object");
    QTest::newRow("jsonl: both prompt and messages")
        << QStringLiteral("d.jsonl")
        << QByteArray("{\"prompt\": \"a\", \"messages\": [{\"role\": \"user\", \"content\": \"b\"}]}")
        << QString() << QStringLiteral(":1: give either \"prompt\" or \"messages\", not both");
    QTest::newRow("jsonl: prompt not a string")
        << QStringLiteral("d.jsonl") << QByteArray("\n\n{\"prompt\": 5}") << QString()
        << QStringLiteral(":3: expected a \"prompt\" string or a \"messages\" array");
    QTest::newRow("jsonl: a message without a role")
        << QStringLiteral("d.jsonl") << QByteArray("{\"messages\": [{\"content\": \"b\"}]}") << QString()
        << QStringLiteral(":1: message 1 needs a \"role\" string");
    QTest::newRow("jsonl: content a number")
        << QStringLiteral("d.jsonl")
        << QByteArray("{\"messages\": [{\"role\": \"user\", \"content\": \"a\"}, {\"role\": \"user\", "
                      "\"content\": 1}]}")
        << QString() << QStringLiteral(":1: message 2 needs a \"content\" string or an array of parts");
    QTest::newRow("jsonl: a part without a type")
        << QStringLiteral("d.jsonl")
        << QByteArray("{\"messages\": [{\"role\": \"user\", \"content\": [{\"text\": \"a\"}]}]}") << QString()
        << QStringLiteral(":1: message 1, part 1 needs a \"type\" string");
    QTest::newRow("jsonl: a text part without text")
        << QStringLiteral("d.jsonl")
        << QByteArray(
               "{\"messages\": [{\"role\": \"user\", \"content\": [{\"type\": \"text\", \"text\": 3}]}]}")
        << QString() << QStringLiteral(":1: message 1, part 1 needs a \"text\" string");
    QTest::newRow("jsonl: output_tokens zero")
        << QStringLiteral("d.jsonl") << QByteArray("{\"prompt\": \"a\", \"output_tokens\": 0}") << QString()
        << QStringLiteral(":1: \"output_tokens\" must be a positive integer");
    QTest::newRow("jsonl: max_tokens a string")
        << QStringLiteral("d.jsonl") << QByteArray("{\"prompt\": \"a\", \"max_tokens\": \"12\"}") << QString()
        << QStringLiteral(":1: \"max_tokens\" must be a positive integer");
    QTest::newRow("jsonl: max_tokens a fraction")
        << QStringLiteral("d.jsonl") << QByteArray("{\"prompt\": \"a\", \"max_tokens\": 2.5}") << QString()
        << QStringLiteral(":1: \"max_tokens\" must be a positive integer");
    QTest::newRow("jsonl: both lengths")
        << QStringLiteral("d.jsonl")
        << QByteArray("{\"prompt\": \"a\", \"max_tokens\": 2, \"output_tokens\": 2}") << QString()
        << QStringLiteral(":1: give either \"output_tokens\" or \"max_tokens\", not both");
    QTest::newRow("jsonl: system not a string")
        << QStringLiteral("d.jsonl") << QByteArray("{\"prompt\": \"a\", \"system\": []}") << QString()
        << QStringLiteral(":1: \"system\" must be a string");
    QTest::newRow("jsonl: invalid utf-8")
        << QStringLiteral("d.jsonl") << QByteArray("{\"prompt\": \"ok\"}\r\n{\"prompt\": \"\xFF\"}\r\n")
        << QString() << QStringLiteral(":2: invalid UTF-8");
    QTest::newRow("jsonl: utf-8 cut off at the end")
        << QStringLiteral("d.jsonl") << QByteArray("{\"prompt\": \"ok\"}\n\xE4\xBD") << QString()
        << QStringLiteral(":2: invalid UTF-8");

    // CSV
    QTest::newRow("csv: no prompt column")
        << QStringLiteral("d.csv") << QByteArray("id,body\n1,x\n") << QString()
        << QStringLiteral(":1: no prompt column: name one \"prompt\", \"question\", \"input\" or \"text\""
                          " (the header has: id, body)");
    QTest::newRow("csv: the named column is missing")
        << QStringLiteral("d.csv") << QByteArray("\n\nid,prompt\n1,x\n") << QStringLiteral("body")
        << QStringLiteral(":3: no column named \"body\" (the header has: id, prompt)");
    QTest::newRow("csv: unterminated quote")
        << QStringLiteral("d.csv") << QByteArray("prompt,n\nok,1\n\"open,2\nstill open\n") << QString()
        << QStringLiteral(":3: a quoted field that opens on line 3 is never closed");
    QTest::newRow("csv: unterminated quote in a later field")
        << QStringLiteral("d.csv") << QByteArray("prompt,n\r\nok,1\r\nx,\"2\r\n") << QString()
        << QStringLiteral(":3: a quoted field that opens on line 3 is never closed");
    QTest::newRow("csv: text after a closing quote")
        << QStringLiteral("d.csv") << QByteArray("prompt\n\"a\nb\"c\n") << QString()
        << QStringLiteral(":3: unexpected text after a closing quote");
    QTest::newRow("csv: a row with too many fields, after a multi-line record")
        << QStringLiteral("d.csv") << QByteArray("prompt,n\n\"one\ntwo\nthree\",1\nfour, five,2\n")
        << QString()
        << QStringLiteral(":5: this row has 3 field(s), not 2 as in the header (an unquoted comma?)");
    QTest::newRow("csv: a row with too few fields")
        << QStringLiteral("d.csv") << QByteArray("a,prompt,n\nx,y,1\nonly\n") << QString()
        << QStringLiteral(":3: this row has 1 field(s), not 3 as in the header");
    QTest::newRow("csv: a bad output length")
        << QStringLiteral("d.csv") << QByteArray("prompt,output_tokens\nx,12\ny,twelve\n") << QString()
        << QStringLiteral(":3: \"output_tokens\" must be a positive integer, not \"twelve\"");
    QTest::newRow("csv: a negative output length")
        << QStringLiteral("d.csv") << QByteArray("prompt,Max_Tokens\nx,-1\n") << QString()
        << QStringLiteral(":2: \"Max_Tokens\" must be a positive integer, not \"-1\"");
    QTest::newRow("csv: invalid utf-8")
        << QStringLiteral("d.csv") << QByteArray("prompt\nfine\nbad \xC0\x80 overlong\n") << QString()
        << QStringLiteral(":3: invalid UTF-8");
    QTest::newRow("csv: only a header") << QStringLiteral("d.csv") << QByteArray("prompt\r\n\r\n")
                                        << QString() << QStringLiteral(": no entries found");

    // Any format
    QTest::newRow("empty file") << QStringLiteral("d.jsonl") << QByteArray() << QString()
                                << QStringLiteral(": the file is empty");
    QTest::newRow("only white space") << QStringLiteral("d.csv") << QByteArray(" \r\n\t\n") << QString()
                                      << QStringLiteral(": the file is empty");
    QTest::newRow("only a bom") << QStringLiteral("d.json") << QByteArray("\xEF\xBB\xBF") << QString()
                                << QStringLiteral(": the file is empty");
}

void TestDataset::errors()
{
    QFETCH(QString, name);
    QFETCH(QByteArray, content);
    QFETCH(QString, promptColumn);
    QFETCH(QString, expected);
    const QString path = write(name, content);
    QVERIFY(!path.isEmpty());
    QString error;
    const auto dataset = Dataset::fromFile(path, &error, Format::Auto, promptColumn);
    QVERIFY(!dataset);
    // The message names the file and, for a bad record, its line (and column for JSON syntax).
    QVERIFY2(error.startsWith(QDir::toNativeSeparators(path) + expected), qPrintable(error));
}

void TestDataset::detectFormat_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<QByteArray>("content");
    QTest::addColumn<Format>("expected");
    QTest::newRow("json") << QStringLiteral("a.json") << QByteArray("{") << Format::ShareGpt;
    QTest::newRow("JSON") << QStringLiteral("A.JSON") << QByteArray() << Format::ShareGpt;
    QTest::newRow("jsonl") << QStringLiteral("a.jsonl") << QByteArray("[") << Format::Jsonl;
    QTest::newRow("ndjson") << QStringLiteral("a.NDJSON") << QByteArray("x") << Format::Jsonl;
    QTest::newRow("csv") << QStringLiteral("dir.json/a.csv") << QByteArray("[") << Format::Csv;
    QTest::newRow("bracket") << QStringLiteral("a.txt") << QByteArray(" \r\n[") << Format::ShareGpt;
    QTest::newRow("bom brace") << QStringLiteral("a") << QByteArray("\xEF\xBB\xBF\n {") << Format::Jsonl;
    QTest::newRow("text") << QStringLiteral("a.dat") << QByteArray("prompt\nx") << Format::Csv;
    QTest::newRow("empty") << QStringLiteral("a") << QByteArray() << Format::Csv;
}

void TestDataset::detectFormat()
{
    QFETCH(QString, path);
    QFETCH(QByteArray, content);
    QFETCH(Format, expected);
    QCOMPARE(Dataset::detectFormat(path, content), expected);
}

void TestDataset::formatNames()
{
    QCOMPARE(Dataset::formatFromName(u"sharegpt"), std::optional<Format>(Format::ShareGpt));
    QCOMPARE(Dataset::formatFromName(u"JSONL"), std::optional<Format>(Format::Jsonl));
    QCOMPARE(Dataset::formatFromName(u" csv "), std::optional<Format>(Format::Csv));
    QCOMPARE(Dataset::formatFromName(u"auto"), std::optional<Format>(Format::Auto));
    QCOMPARE(Dataset::formatFromName(u"json"), std::nullopt);
    QCOMPARE(Dataset::formatFromName(u""), std::nullopt);
    for (const Format format : { Format::Auto, Format::ShareGpt, Format::Jsonl, Format::Csv })
        QCOMPARE(Dataset::formatFromName(Dataset::formatName(format)), std::optional<Format>(format));

    // The format read is the one reported.
    const auto dataset = Dataset::fromBytes("prompt\nx\n", QStringLiteral("mem"));
    QVERIFY(dataset);
    QCOMPARE(dataset->format(), Format::Csv);
}

void TestDataset::largeShareGpt()
{
    // Conversations spread over several lines each: every entry keeps its own first line.
    QByteArray content = "[\n";
    const int count = 3000;
    for (int i = 0; i < count; ++i) {
        content += "  {\"id\": \"" + QByteArray::number(i)
            + "\",\n   \"conversations\": [\n"
              "    {\"from\": \"human\", \"value\": \"question "
            + QByteArray::number(i)
            + "\"},\n"
              "    {\"from\": \"gpt\", \"value\": \"answer\"}]}";
        content += i + 1 < count ? ",\n" : "\n";
    }
    content += "]\n";
    QString error;
    const auto dataset = Dataset::fromFile(write(QStringLiteral("large.json"), content), &error);
    QVERIFY2(dataset, qPrintable(error));
    QCOMPARE(dataset->size(), count);
    QCOMPARE(dataset->entries().constLast().line, 2 + 4 * (count - 1));
    QCOMPARE(dataset->entries().constLast().messages.constLast().content, QStringLiteral("question 2999"));
    QCOMPARE(dataset->entries().at(1).line, 6);
}

void TestDataset::missingFile()
{
    const QString path = m_dir.filePath(QStringLiteral("nope.json"));
    QString error;
    QVERIFY(!Dataset::fromFile(path, &error));
    QVERIFY2(error.startsWith(QDir::toNativeSeparators(path) + QStringLiteral(": cannot read the file")),
             qPrintable(error));
}

void TestDataset::tooLargeFile()
{
    // Sparse: a size past the limit without writing a gigabyte.
    const QString path = m_dir.filePath(QStringLiteral("huge.json"));
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    if (!file.resize(Dataset::MaxFileBytes + 1))
        QSKIP("cannot make a sparse file here");
    file.close();
    QString error;
    QVERIFY(!Dataset::fromFile(path, &error));
    QCOMPARE(error,
             QDir::toNativeSeparators(path)
                 + QStringLiteral(": the file is larger than 1024 MiB, the most a dataset may be"));
    QFile::remove(path);
}

void TestDataset::samplingIsDeterministic()
{
    // The generator is the one the standard specifies (its 10000th output is fixed by the
    // standard), and the draws are our own: the same seed samples alike everywhere.
    std::mt19937_64 reference;
    reference.discard(9999);
    QCOMPARE(quint64(reference()), Q_UINT64_C(9981545732273789042));

    // Also computed by an independent implementation of the standard's mt19937_64 and of
    // the same shuffle, so these are the values every platform must give.
    const QList<qsizetype> sample = Dataset::samplePositions(10, 10, 42);
    QCOMPARE(sample, (QList<qsizetype> { 6, 0, 4, 7, 9, 8, 1, 3, 5, 2 }));
    QCOMPARE(Dataset::samplePositions(1000, 5, 20240517), (QList<qsizetype> { 873, 747, 331, 217, 680 }));

    // A smaller sample is the start of a larger one with the same seed.
    const QList<qsizetype> longer = Dataset::samplePositions(500, 200, 7);
    QCOMPARE(Dataset::samplePositions(500, 50, 7), longer.first(50));
    QCOMPARE(QSet<qsizetype>(longer.cbegin(), longer.cend()).size(), 200); // without replacement

    const Dataset dataset = numbered(10);
    QCOMPARE(ids(dataset.sampled(4, 42)), names("6,0,4,7"));
    QCOMPARE(ids(dataset.sampled(4, 42)), ids(dataset.sampled(4, 42)));
    QCOMPARE(dataset.sampled(4, 42).summary().sampled, std::optional<qsizetype>(4));
    QVERIFY(!dataset.sampled(4, 42).summary().sampledWithRepeats);

    QVERIFY(dataset.sampled(0, 1).isEmpty());
    QVERIFY(dataset.sampled(-3, 1).isEmpty());
    QVERIFY(Dataset().sampled(5, 1).isEmpty());
    QVERIFY(Dataset::samplePositions(0, 5, 1).isEmpty());
}

void TestDataset::samplingDependsOnSeed()
{
    const QList<qsizetype> first = Dataset::samplePositions(1000, 20, 1);
    int differing = 0;
    for (quint64 seed = 2; seed < 12; ++seed) {
        if (Dataset::samplePositions(1000, 20, seed) != first)
            ++differing;
    }
    QCOMPARE(differing, 10);
    // Seeds next to each other do not give shifted or overlapping samples.
    const QList<qsizetype> second = Dataset::samplePositions(1000, 20, 2);
    QSet<qsizetype> common(first.cbegin(), first.cend());
    common.intersect(QSet<qsizetype>(second.cbegin(), second.cend()));
    QVERIFY2(common.size() < 5, "adjacent seeds overlap too much");
}

void TestDataset::samplingIsUniform()
{
    // Each of 10 entries is drawn first about equally often over 20000 seeds: a bias of a few
    // percent (a modulo draw over a small range, an off-by-one in the shuffle) shows here.
    constexpr int size = 10;
    constexpr int draws = 20000;
    QList<int> firstCounts(size, 0);
    QList<int> lastCounts(size, 0);
    for (int seed = 0; seed < draws; ++seed) {
        const QList<qsizetype> order = Dataset::samplePositions(size, size, quint64(seed));
        ++firstCounts[order.constFirst()];
        ++lastCounts[order.constLast()];
    }
    double chiFirst = 0;
    double chiLast = 0;
    const double expected = double(draws) / size;
    for (int i = 0; i < size; ++i) {
        chiFirst += (firstCounts.at(i) - expected) * (firstCounts.at(i) - expected) / expected;
        chiLast += (lastCounts.at(i) - expected) * (lastCounts.at(i) - expected) / expected;
    }
    // 9 degrees of freedom: 27.9 is the 0.1% critical value. Fixed seeds, so never flaky.
    QVERIFY2(chiFirst < 27.9, qPrintable(QString::number(chiFirst)));
    QVERIFY2(chiLast < 27.9, qPrintable(QString::number(chiLast)));
}

void TestDataset::samplingMoreThanThereAre()
{
    const QList<qsizetype> sample = Dataset::samplePositions(4, 10, 99);
    QCOMPARE(sample.size(), 10);
    // Whole shuffles one after another: every entry once before any twice.
    QCOMPARE(QSet<qsizetype>(sample.cbegin(), sample.cbegin() + 4).size(), 4);
    QCOMPARE(QSet<qsizetype>(sample.cbegin() + 4, sample.cbegin() + 8).size(), 4);
    QList<int> counts(4, 0);
    for (const qsizetype position : sample)
        ++counts[position];
    for (const int count : counts)
        QVERIFY(count == 2 || count == 3);
    QCOMPARE(sample.first(4), Dataset::samplePositions(4, 4, 99));
    QCOMPARE(sample, (QList<qsizetype> { 3, 2, 0, 1, 1, 0, 3, 2, 1, 3 }));

    const Dataset dataset = numbered(4).sampled(10, 99);
    QCOMPARE(dataset.size(), 10);
    QVERIFY(dataset.summary().sampledWithRepeats);
}

void TestDataset::filterByTokenRange_data()
{
    QTest::addColumn<qint64>("inputMin");
    QTest::addColumn<qint64>("inputMax");
    QTest::addColumn<qint64>("outputMin");
    QTest::addColumn<qint64>("outputMax");
    QTest::addColumn<QStringList>("kept");
    QTest::addColumn<QList<int>>("filteredOut"); // input, output, output unknown

    constexpr qint64 any = std::numeric_limits<qint64>::max();
    // Inputs (words): a=1, b=3, c=5, d=2, e=4. Outputs: a=2 (reference), b=10 (stated, its
    // reference has 1 word), c=none, d=4 (reference), e=1 (stated).
    QTest::newRow("unbounded") << qint64(0) << any << qint64(0) << any << names("a,b,c,d,e")
                               << QList<int> { 0, 0, 0 };
    QTest::newRow("input 2..4") << qint64(2) << qint64(4) << qint64(0) << any << names("b,d,e")
                                << QList<int> { 2, 0, 0 };
    QTest::newRow("input exactly 5") << qint64(5) << qint64(5) << qint64(0) << any << names("c")
                                     << QList<int> { 4, 0, 0 };
    QTest::newRow("output 2..10: stated length wins over the reference")
        << qint64(0) << any << qint64(2) << qint64(10) << names("a,b,d") << QList<int> { 0, 1, 1 };
    QTest::newRow("output up to 1") << qint64(0) << any << qint64(0) << qint64(1) << names("e")
                                    << QList<int> { 0, 3, 1 };
    QTest::newRow("both") << qint64(2) << qint64(5) << qint64(3) << any << names("b,d")
                          << QList<int> { 1, 1, 1 };
    QTest::newRow("nothing in range")
        << qint64(100) << any << qint64(0) << any << QStringList() << QList<int> { 5, 0, 0 };
}

void TestDataset::filterByTokenRange()
{
    QFETCH(qint64, inputMin);
    QFETCH(qint64, inputMax);
    QFETCH(qint64, outputMin);
    QFETCH(qint64, outputMax);
    QFETCH(QStringList, kept);
    QFETCH(QList<int>, filteredOut);

    DatasetEntry d = entry(QStringLiteral("two words"), QStringLiteral("a b c d"), {}, QStringLiteral("d"));
    const Dataset dataset(
        { entry(QStringLiteral("one"), QStringLiteral("x y"), {}, QStringLiteral("a")),
          entry(QStringLiteral("one two three"), QStringLiteral("x"), 10, QStringLiteral("b")),
          entry(QStringLiteral("a b c d e"), {}, {}, QStringLiteral("c")), d,
          entry(QStringLiteral("  four   words  are  here "), QStringLiteral("p q r"), 1,
                QStringLiteral("e")) });
    int calls = 0;
    const auto counter = [&calls](QStringView text) {
        ++calls;
        return words(text);
    };
    const Dataset result = dataset.filtered({ inputMin, inputMax }, { outputMin, outputMax }, counter);
    QCOMPARE(ids(result), kept);
    const Dataset::Summary &summary = result.summary();
    QCOMPARE(summary.kept, std::optional<qsizetype>(kept.size()));
    QList<int> out;
    for (const qsizetype count : summary.filteredOut)
        out.append(int(count));
    QCOMPARE(out, filteredOut);
    if (inputMin == 0 && outputMin == 0 && inputMax == std::numeric_limits<qint64>::max()
        && outputMax == std::numeric_limits<qint64>::max()) {
        QCOMPARE(calls, 0); // nothing to check, nothing counted
    }

    // Counts stay with the entries, so requests ask for the counted reference length.
    for (const DatasetEntry &e : result.entries()) {
        if (outputMin > 0 || outputMax < std::numeric_limits<qint64>::max()) {
            QVERIFY(e.outputTarget());
            QCOMPARE(*e.outputTarget(), e.outputTokens ? *e.outputTokens : int(words(e.referenceAnswer)));
        }
        if (inputMin > 0 || inputMax < std::numeric_limits<qint64>::max())
            QCOMPARE(e.inputTokens, std::optional<int>(int(words(e.messages.constFirst().content))));
    }
}

void TestDataset::filterThenSample()
{
    QList<DatasetEntry> entries;
    for (int i = 0; i < 100; ++i) {
        // i % 10 + 1 words of prompt
        const QString prompt = QStringLiteral("w ").repeated(i % 10 + 1);
        entries.append(entry(prompt, QStringLiteral("r"), {}, QString::number(i)));
    }
    const Dataset dataset(entries);
    const auto filtered = dataset.filtered({ 3, 4 }, {}, words);
    QCOMPARE(filtered.size(), 20);
    const Dataset sample = filtered.sampled(5, 123);
    QCOMPARE(sample.size(), 5);
    for (const DatasetEntry &e : sample.entries()) {
        const qint64 n = words(e.messages.constFirst().content);
        QVERIFY(n == 3 || n == 4);
    }
    QCOMPARE(ids(sample), ids(filtered.sampled(5, 123)));
    QVERIFY(ids(sample) != ids(filtered.sampled(5, 124)));
    QCOMPARE(sample.summary().kept, std::optional<qsizetype>(20));
    QCOMPARE(sample.summary().sampled, std::optional<qsizetype>(5));
}

void TestDataset::toRequests()
{
    GenerationRequest defaults;
    defaults.maxTokens = 100;
    defaults.temperature = 0.25;
    defaults.stream = false;
    defaults.messages = { ChatMessage { QStringLiteral("user"), QStringLiteral("replaced") } };

    DatasetEntry withSystem = entry(QStringLiteral("q"), QStringLiteral("one two three"));
    withSystem.messages.prepend(ChatMessage { QStringLiteral("system"), QStringLiteral("S") });
    const Dataset dataset(
        { entry(QStringLiteral("p"), QStringLiteral("a b"), 7), withSystem, entry(QStringLiteral("r"), {}) });

    // Without a counter: the stated length only.
    QList<GenerationRequest> requests = dataset.toRequests(defaults);
    QCOMPARE(requests.size(), 3);
    QCOMPARE(requests.at(0).maxTokens, 7);
    QCOMPARE(requests.at(1).maxTokens, 100);
    QCOMPARE(requests.at(2).maxTokens, 100);
    for (const GenerationRequest &request : requests) {
        QCOMPARE(request.temperature, std::optional<double>(0.25));
        QCOMPARE(request.stream, false);
    }
    QCOMPARE(requests.at(1).messages.size(), 2);
    QCOMPARE(requests.at(1).messages.at(0).role, QStringLiteral("system"));
    QCOMPARE(requests.at(1).messages.at(1).content, QStringLiteral("q"));

    // With one: the reference answer's length; no reference keeps the default.
    requests = dataset.toRequests(defaults, words);
    QCOMPARE(requests.at(0).maxTokens, 7);
    QCOMPARE(requests.at(1).maxTokens, 3);
    QCOMPARE(requests.at(2).maxTokens, 100);

    // Counted by a filter earlier: used without a counter.
    requests = dataset.filtered({}, { 1, 1000 }, words).toRequests(defaults);
    QCOMPARE(requests.size(), 2);
    QCOMPARE(requests.at(1).maxTokens, 3);
}

void TestDataset::summaryText()
{
    // The source text (no translator is loaded in tests); the counts are what matters.
    const auto dataset = Dataset::fromBytes("{\"prompt\": \"a\"}\n{\"prompt\": \"\"}\n"
                                            "{\"messages\": [{\"role\": \"tool\", \"content\": \"x\"}]}\n"
                                            "{\"prompt\": \"b c d\"}\n",
                                            QStringLiteral("mem.jsonl"));
    QVERIFY(dataset);
    QCOMPARE(dataset->summary().text(),
             QStringLiteral("4 record(s): 2 entry(s), 2 skipped (1 with an empty prompt,"
                            " 1 with non-text content or another role)"));
    const Dataset narrowed = dataset->filtered({ 2, 10 }, {}, words).sampled(3, 5);
    QCOMPARE(
        narrowed.summary().text(),
        QStringLiteral("4 record(s): 2 entry(s), 2 skipped (1 with an empty prompt,"
                       " 1 with non-text content or another role); 1 in the token range"
                       " (1 with the input out of range); 3 sampled (more than there are: entries repeat)"));
}

QTEST_GUILESS_MAIN(TestDataset)
#include "tst_dataset.moc"
