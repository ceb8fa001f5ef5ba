#include "load/promptset.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

namespace {

// GenerationRequest has no operator==; a flat text per request makes QCOMPARE print what differs.
QStringList describe(const QList<GenerationRequest> &requests)
{
    QStringList out;
    for (const GenerationRequest &request : requests) {
        QString text = QString::number(request.maxTokens);
        for (const ChatMessage &message : request.messages)
            text += QLatin1Char('|') + message.role + QLatin1Char(':') + message.content;
        out.append(text);
    }
    return out;
}

GenerationRequest defaults()
{
    GenerationRequest request;
    request.maxTokens = 100;
    request.temperature = 0.5;
    return request;
}

} // namespace

class TestPromptSet : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void fromFile_data();
    void fromFile();
    void errors_data();
    void errors();
    void defaultsCopied();
    void inlineText();
    void missingFile();
    void detectFormat_data();
    void detectFormat();
    void shippedSamples();

private:
    QString write(const QString &name, const QByteArray &content);
    QTemporaryDir m_dir;
};

void TestPromptSet::initTestCase()
{
    QVERIFY(m_dir.isValid());
}

QString TestPromptSet::write(const QString &name, const QByteArray &content)
{
    const QString path = m_dir.filePath(name);
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate))
        return {};
    file.write(content);
    return path;
}

void TestPromptSet::fromFile_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<QByteArray>("content");
    QTest::addColumn<QStringList>("expected");

    QTest::newRow("text: one prompt per line")
        << QStringLiteral("prompts.txt") << QByteArray("Hello\nWorld\n")
        << QStringList{QStringLiteral("100|user:Hello"), QStringLiteral("100|user:World")};
    QTest::newRow("text: blank lines, crlf, outer spaces")
        << QStringLiteral("prompts.txt") << QByteArray("  \r\nA b\r\n\r\n\t B  \r\n\n")
        << QStringList{QStringLiteral("100|user:A b"), QStringLiteral("100|user:B")};
    QTest::newRow("text: no final newline")
        << QStringLiteral("prompts.txt") << QByteArray("one\ntwo")
        << QStringList{QStringLiteral("100|user:one"), QStringLiteral("100|user:two")};
    QTest::newRow("text: bom and unicode")
        << QStringLiteral("prompts.txt") << QStringLiteral("\uFEFF你好 🌍\nnaïve\n").toUtf8()
        << QStringList{QStringLiteral("100|user:你好 🌍"), QStringLiteral("100|user:naïve")};
    QTest::newRow("text: lines blank only once decoded (bom, nbsp, ideographic space)")
        << QStringLiteral("prompts.txt")
        << QByteArray("one\n\t\t\n\xEF\xBB\xBF\n\xC2\xA0 \xE3\x80\x80\ntwo\n")
        << QStringList{QStringLiteral("100|user:one"), QStringLiteral("100|user:two")};
    QTest::newRow("text: json-looking line later stays text")
        << QStringLiteral("prompts.txt") << QByteArray("Say hi\n{\"prompt\": \"x\"}\n")
        << QStringList{QStringLiteral("100|user:Say hi"),
                       QStringLiteral("100|user:{\"prompt\": \"x\"}")};

    QTest::newRow("jsonl: prompt")
        << QStringLiteral("prompts.jsonl")
        << QByteArray("{\"prompt\": \"Hi\"}\n{\"prompt\": \"Yo\"}")
        << QStringList{QStringLiteral("100|user:Hi"), QStringLiteral("100|user:Yo")};
    QTest::newRow("jsonl: system and max_tokens")
        << QStringLiteral("prompts.jsonl")
        << QByteArray("{\"prompt\": \"Hi\", \"system\": \"Be brief.\", \"max_tokens\": 12}\n")
        << QStringList{QStringLiteral("12|system:Be brief.|user:Hi")};
    QTest::newRow("jsonl: empty system ignored")
        << QStringLiteral("prompts.jsonl") << QByteArray("{\"prompt\": \"Hi\", \"system\": \"\"}\n")
        << QStringList{QStringLiteral("100|user:Hi")};
    QTest::newRow("jsonl: messages")
        << QStringLiteral("chat.jsonl")
        << QByteArray("{\"messages\": [{\"role\": \"user\", \"content\": \"Hi\"},"
                      " {\"role\": \"assistant\", \"content\": \"Hello\"},"
                      " {\"role\": \"user\", \"content\": \"Again\"}]}\n")
        << QStringList{QStringLiteral("100|user:Hi|assistant:Hello|user:Again")};
    QTest::newRow("jsonl: messages with system field")
        << QStringLiteral("chat.jsonl")
        << QByteArray("{\"system\": \"S\","
                      " \"messages\": [{\"role\": \"user\", \"content\": \"Q\"}]}")
        << QStringList{QStringLiteral("100|system:S|user:Q")};
    QTest::newRow("jsonl: blank lines, crlf, unknown keys")
        << QStringLiteral("prompts.jsonl")
        << QByteArray("\r\n{\"prompt\": \"a\", \"id\": 7}\r\n   \r\n{\"prompt\": \"b\"}\r\n")
        << QStringList{QStringLiteral("100|user:a"), QStringLiteral("100|user:b")};
    QTest::newRow("jsonl: escapes and unicode")
        << QStringLiteral("prompts.jsonl")
        << QByteArray("{\"prompt\": \"line1\\nline2 \\u4f60\\u597d \xF0\x9F\x98\x80\"}\n")
        << QStringList{QStringLiteral("100|user:line1\nline2 你好 😀")};
    QTest::newRow("ndjson extension")
        << QStringLiteral("prompts.ndjson") << QByteArray("{\"prompt\": \"x\"}\n")
        << QStringList{QStringLiteral("100|user:x")};
    QTest::newRow("detected by first character")
        << QStringLiteral("prompts.txt")
        << QByteArray("\n  {\"prompt\": \"x\", \"max_tokens\": 5}\n")
        << QStringList{QStringLiteral("5|user:x")};
    QTest::newRow("jsonl: large max_tokens")
        << QStringLiteral("p.jsonl")
        << QByteArray("{\"prompt\": \"x\", \"max_tokens\": 2147483647}")
        << QStringList{QStringLiteral("2147483647|user:x")};
}

void TestPromptSet::fromFile()
{
    QFETCH(QString, name);
    QFETCH(QByteArray, content);
    QFETCH(QStringList, expected);
    const QString path = write(name, content);
    QVERIFY(!path.isEmpty());
    QString error;
    const auto requests = PromptSet::fromFile(path, defaults(), &error);
    QVERIFY2(requests, qPrintable(error));
    QVERIFY(error.isEmpty());
    QCOMPARE(describe(*requests), expected);
}

void TestPromptSet::errors_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<QByteArray>("content");
    QTest::addColumn<QString>("expected"); // the message after the path

    QTest::newRow("neither prompt nor messages")
        << QStringLiteral("prompts.jsonl")
        << QByteArray("{\"prompt\": \"a\"}\n\n{\"text\": \"b\"}\n")
        << QStringLiteral(":3: expected a \"prompt\" string or a \"messages\" array");
    QTest::newRow("prompt not a string")
        << QStringLiteral("prompts.jsonl") << QByteArray("{\"prompt\": 5}")
        << QStringLiteral(":1: expected a \"prompt\" string or a \"messages\" array");
    QTest::newRow("messages not an array")
        << QStringLiteral("prompts.jsonl") << QByteArray("{\"messages\": \"hi\"}")
        << QStringLiteral(":1: expected a \"prompt\" string or a \"messages\" array");
    QTest::newRow("both")
        << QStringLiteral("prompts.jsonl")
        << QByteArray("{\"prompt\": \"a\","
                      " \"messages\": [{\"role\": \"user\", \"content\": \"b\"}]}")
        << QStringLiteral(":1: give either \"prompt\" or \"messages\", not both");
    QTest::newRow("invalid json")
        << QStringLiteral("prompts.jsonl")
        << QByteArray("{\"prompt\": \"a\"}\n{\"prompt\": \"b\",}\n")
        << QStringLiteral(":2: invalid JSON at column ");
    QTest::newRow("not an object")
        << QStringLiteral("prompts.jsonl") << QByteArray("[\"a\"]\n")
        << QStringLiteral(":1: expected a JSON object");
    QTest::newRow("empty prompt")
        << QStringLiteral("prompts.jsonl") << QByteArray("{\"prompt\": \"  \"}")
        << QStringLiteral(":1: the prompt is empty");
    QTest::newRow("empty messages")
        << QStringLiteral("prompts.jsonl") << QByteArray("{\"messages\": []}")
        << QStringLiteral(":1: \"messages\" is empty");
    QTest::newRow("message without role")
        << QStringLiteral("prompts.jsonl")
        << QByteArray("{\"messages\": [{\"role\": \"user\", \"content\": \"a\"},"
                      " {\"content\": \"b\"}]}")
        << QStringLiteral(":1: message 2 needs a \"role\" string and a \"content\" string");
    QTest::newRow("message not an object")
        << QStringLiteral("prompts.jsonl") << QByteArray("{\"messages\": [\"hi\"]}")
        << QStringLiteral(":1: message 1 needs a \"role\" string and a \"content\" string");
    QTest::newRow("unknown role")
        << QStringLiteral("prompts.jsonl")
        << QByteArray("{\"messages\": [{\"role\": \"robot\", \"content\": \"a\"}]}")
        << QStringLiteral(":1: message 1 has the unknown role \"robot\""
                          " (expected system, user or assistant)");
    QTest::newRow("system not a string")
        << QStringLiteral("prompts.jsonl") << QByteArray("{\"prompt\": \"a\", \"system\": 1}")
        << QStringLiteral(":1: \"system\" must be a string");
    QTest::newRow("max_tokens zero")
        << QStringLiteral("prompts.jsonl") << QByteArray("{\"prompt\": \"a\", \"max_tokens\": 0}")
        << QStringLiteral(":1: \"max_tokens\" must be a positive integer");
    QTest::newRow("max_tokens fraction")
        << QStringLiteral("prompts.jsonl")
        << QByteArray("\n\n\n\n{\"prompt\": \"a\", \"max_tokens\": 1.5}")
        << QStringLiteral(":5: \"max_tokens\" must be a positive integer");
    QTest::newRow("max_tokens string")
        << QStringLiteral("prompts.jsonl")
        << QByteArray("{\"prompt\": \"a\", \"max_tokens\": \"12\"}")
        << QStringLiteral(":1: \"max_tokens\" must be a positive integer");
    QTest::newRow("max_tokens too large")
        << QStringLiteral("prompts.jsonl") << QByteArray("{\"prompt\": \"a\", \"max_tokens\": 3e9}")
        << QStringLiteral(":1: \"max_tokens\" must be a positive integer");
    QTest::newRow("invalid utf-8 in text")
        << QStringLiteral("prompts.txt") << QByteArray("fine\r\nbad \xC3\x28 byte\n")
        << QStringLiteral(":2: invalid UTF-8");
    QTest::newRow("truncated utf-8 at end of text")
        << QStringLiteral("prompts.txt") << QByteArray("fine\n\xE4\xBD")
        << QStringLiteral(":2: invalid UTF-8");
    QTest::newRow("invalid utf-8 in jsonl")
        << QStringLiteral("prompts.jsonl")
        << QByteArray("{\"prompt\": \"ok\"}\n{\"prompt\": \"\xFF\"}\n")
        << QStringLiteral(":2: invalid UTF-8");
    QTest::newRow("empty file") << QStringLiteral("prompts.txt") << QByteArray()
                                << QStringLiteral(": no prompts found");
    QTest::newRow("only blank lines")
        << QStringLiteral("prompts.jsonl") << QByteArray("\n \r\n\t\n")
                                      << QStringLiteral(": no prompts found");
    QTest::newRow("only a bom") << QStringLiteral("prompts.txt") << QByteArray("\xEF\xBB\xBF\n")
                                << QStringLiteral(": no prompts found");
}

void TestPromptSet::errors()
{
    QFETCH(QString, name);
    QFETCH(QByteArray, content);
    QFETCH(QString, expected);
    const QString path = write(name, content);
    QVERIFY(!path.isEmpty());
    QString error;
    const auto requests = PromptSet::fromFile(path, defaults(), &error);
    QVERIFY(!requests);
    // The message names the file and, for a bad line, its number.
    QVERIFY2(error.startsWith(QDir::toNativeSeparators(path) + expected), qPrintable(error));
}

void TestPromptSet::defaultsCopied()
{
    GenerationRequest base = defaults();
    base.stream = false;
    base.messages = {ChatMessage{QStringLiteral("user"), QStringLiteral("replaced")}};
    const auto requests = PromptSet::fromBytes("a\nb\n", QStringLiteral("x.txt"), base);
    QVERIFY(requests);
    QCOMPARE(requests->size(), 2);
    for (const GenerationRequest &request : *requests) {
        QCOMPARE(request.maxTokens, 100);
        QCOMPARE(request.temperature, std::optional<double>(0.5));
        QCOMPARE(request.stream, false);
        QCOMPARE(request.messages.size(), 1);
    }
    QCOMPARE(describe(*requests),
             (QStringList{QStringLiteral("100|user:a"), QStringLiteral("100|user:b")}));
}

void TestPromptSet::inlineText()
{
    QString error;
    const QString prompt = QStringLiteral("  Tell me a story\nabout 🐉  ");
    const auto requests = PromptSet::fromText(prompt, defaults(), &error);
    QVERIFY2(requests, qPrintable(error));
    // Inline text is taken as given: one prompt, newlines and all.
    QCOMPARE(describe(*requests), QStringList{QStringLiteral("100|user:") + prompt});

    QVERIFY(!PromptSet::fromText(QStringLiteral(" \n\t"), defaults(), &error));
    QCOMPARE(error, QStringLiteral("the prompt is empty"));
    QVERIFY(!PromptSet::fromText(QString(), defaults(), &error));
}

void TestPromptSet::missingFile()
{
    const QString path = m_dir.filePath(QStringLiteral("does-not-exist.jsonl"));
    QString error;
    QVERIFY(!PromptSet::fromFile(path, defaults(), &error));
    const QString expected =
        QDir::toNativeSeparators(path) + QStringLiteral(": cannot read the file");
    QVERIFY2(error.startsWith(expected), qPrintable(error));
}

void TestPromptSet::detectFormat_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<QByteArray>("content");
    QTest::addColumn<PromptSet::Format>("expected");
    QTest::newRow("jsonl")
        << QStringLiteral("a.jsonl") << QByteArray("hi") << PromptSet::Format::Jsonl;
    QTest::newRow("JSONL")
        << QStringLiteral("A.JSONL") << QByteArray("hi") << PromptSet::Format::Jsonl;
    QTest::newRow("ndjson")
        << QStringLiteral("a.ndjson") << QByteArray() << PromptSet::Format::Jsonl;
    QTest::newRow("txt") << QStringLiteral("a.txt") << QByteArray("hi") << PromptSet::Format::Text;
    QTest::newRow("brace")
        << QStringLiteral("a.txt") << QByteArray(" \r\n{") << PromptSet::Format::Jsonl;
    QTest::newRow("bom brace")
        << QStringLiteral("a") << QByteArray("\xEF\xBB\xBF{") << PromptSet::Format::Jsonl;
    QTest::newRow("bracket") << QStringLiteral("a") << QByteArray("[") << PromptSet::Format::Text;
    QTest::newRow("empty") << QStringLiteral("a") << QByteArray() << PromptSet::Format::Text;
}

void TestPromptSet::detectFormat()
{
    QFETCH(QString, path);
    QFETCH(QByteArray, content);
    QFETCH(PromptSet::Format, expected);
    QCOMPARE(PromptSet::detectFormat(path, content), expected);
}

void TestPromptSet::shippedSamples()
{
    QString error;
    const QString dir = QStringLiteral(TOKENSCOPE_TEST_DATA "/load/");
    const auto text =
        PromptSet::fromFile(dir + QStringLiteral("prompts-mixed.txt"), defaults(), &error);
    QVERIFY2(text, qPrintable(error));
    QCOMPARE(describe(*text),
             (QStringList{QStringLiteral("100|user:# not a comment:"
                                         " every non-blank line is a prompt"),
                          QStringLiteral("100|user:Explain continuous batching in one paragraph."),
                          QStringLiteral("100|user:用一句话解释什么是首字延迟。"),
                          QStringLiteral("100|user:Write a haiku about latency 🐢")}));

    const auto chat =
        PromptSet::fromFile(dir + QStringLiteral("prompts-chat.jsonl"), defaults(), &error);
    QVERIFY2(chat, qPrintable(error));
    QCOMPARE(describe(*chat),
             (QStringList{QStringLiteral("100|user:What is time to first token?"),
                          QStringLiteral("64|system:You are concise.|user:请用中文回答：什么是吞吐量？"),
                          QStringLiteral("32|system:Answer in French.|user:Hi|assistant:Bonjour"
                                         "|user:Count to 3")}));
}

QTEST_GUILESS_MAIN(TestPromptSet)
#include "tst_promptset.moc"
