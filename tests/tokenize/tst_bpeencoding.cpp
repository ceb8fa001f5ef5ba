#include "tiktokenpath.h"
#include "tokenize/bpeencoding.h"
#include "tokenize/tokencounter.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

// Token ids must equal tiktoken's: tests/data/tokenize/expected_ids.json was produced by the npm
// tiktoken package (see generate_expected.js there) from corpus.txt.
class TestBpeEncoding : public QObject
{
    Q_OBJECT

    QStringList m_cases;
    QJsonObject m_expected;

    static std::vector<quint32> ids(const QJsonArray &array)
    {
        std::vector<quint32> out;
        for (const auto &v : array)
            out.push_back(quint32(v.toInteger()));
        return out;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QFile corpus(QStringLiteral(TOKENSCOPE_TEST_DATA "/tokenize/corpus.txt"));
        QVERIFY(corpus.open(QIODevice::ReadOnly));
        m_cases = QString::fromUtf8(corpus.readAll()).split(QStringLiteral("\n----8<----\n"));
        QFile expected(QStringLiteral(TOKENSCOPE_TEST_DATA "/tokenize/expected_ids.json"));
        QVERIFY(expected.open(QIODevice::ReadOnly));
        m_expected = QJsonDocument::fromJson(expected.readAll()).object();
        QCOMPARE(m_expected.value(QLatin1String("cases")).toInt(), m_cases.size());
    }

    void matchesTiktoken_data()
    {
        QTest::addColumn<int>("encoding");
        QTest::newRow("cl100k_base") << int(BpeEncodingId::Cl100kBase);
        QTest::newRow("o200k_base") << int(BpeEncodingId::O200kBase);
    }
    void matchesTiktoken()
    {
        QFETCH(int, encoding);
        const auto id = BpeEncodingId(encoding);
        REQUIRE_ENCODING(enc, id);
        const QJsonArray all = m_expected.value(BpeEncodings::name(id)).toArray();
        QCOMPARE(all.size(), m_cases.size());
        for (qsizetype i = 0; i < m_cases.size(); ++i) {
            const QByteArray utf8 = m_cases.at(i).toUtf8();
            const std::vector<quint32> expected = ids(all.at(i).toArray());
            const std::vector<quint32> actual = enc->encode(QByteArrayView(utf8));
            if (actual != expected) {
                QString a, e;
                for (quint32 x : actual)
                    a += QString::number(x) + u' ';
                for (quint32 x : expected)
                    e += QString::number(x) + u' ';
                QFAIL(qPrintable(QStringLiteral("case %1 (%2)\n  ours:     %3\n  tiktoken: %4")
                                     .arg(i)
                                     .arg(m_cases.at(i).left(40), a, e)));
            }
            QCOMPARE(enc->count(QByteArrayView(utf8)), qsizetype(expected.size()));
            QCOMPARE(enc->decode(actual), utf8); // round trip
        }
        // The whole corpus as one text as well (pieces across case boundaries).
        const QByteArray whole = m_cases.join(u'\n').toUtf8();
        QCOMPARE(enc->decode(enc->encode(QByteArrayView(whole))), whole);
    }

    void invalidInputNeverCrashes()
    {
        REQUIRE_ENCODING(enc, BpeEncodingId::Cl100kBase);
        const QByteArray invalid("abc\xff\xfe\xc3(\xe4\xb8 \xf0\x9f\x98 end"); // 17 bytes, no NUL inside
        const auto ids = enc->encode(QByteArrayView(invalid));
        QVERIFY(!ids.empty());
        QCOMPARE(enc->decode(ids), invalid); // byte-level: every byte is kept
        QCOMPARE(enc->encode(QByteArrayView()).size(), size_t(0));
        // A lone surrogate in a QString is counted as U+FFFD, not dropped.
        const QString lone = QStringLiteral("a") + QChar(0xD800) + QStringLiteral("b");
        TokenCounter counter(enc);
        QVERIFY(counter.tokens(lone) >= 3);
    }

    void malformedRankFilesAreReported_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::newRow("not json") << QByteArray("{nope");
        QTest::newRow("no ranks") << QByteArray(R"({"pat_str":"x"})");
        QTest::newRow("wrong pattern") << QByteArray(R"({"pat_str":"\\s+","bpe_ranks":"! 0 IQ=="})");
    }
    void malformedRankFilesAreReported()
    {
        QFETCH(QByteArray, json);
        QString error;
        QVERIFY(!BpeEncoding::fromJson(BpeEncodingId::Cl100kBase, json, &error));
        QVERIFY(!error.isEmpty());
    }

    void missingDirectoryFallsBackToEstimateWithLabel()
    {
        TiktokenFiles::setDirectory(QStringLiteral("/nonexistent/tokenscope"));
        qputenv("TOKENSCOPE_TIKTOKEN_DIR", "/nonexistent/tokenscope2");
        const TokenCounter counter = TokenCounter::forEncoding(BpeEncodingId::O200kBase);
        qunsetenv("TOKENSCOPE_TIKTOKEN_DIR");
        if (counter.isExact())
            QSKIP("the rank files are installed in a standard location");
        const TokenCount count = counter.count(QStringLiteral("hello world"));
        QCOMPARE(count.method, CountMethod::Estimate);
        QCOMPARE(count.methodName(), QStringLiteral("estimate"));
        QVERIFY(count.note.contains(QLatin1String("o200k_base")));
        QVERIFY(count.tokens > 0);
    }

    void tokenEndsNeverSplitACharacter()
    {
        REQUIRE_ENCODING(enc, BpeEncodingId::Cl100kBase);
        const QString text = QStringLiteral("中文😀👨‍👩‍👧 abc 語");
        const TokenCounter counter(enc);
        const QList<qsizetype> ends = counter.tokenEnds(text);
        QCOMPARE(ends.size(), counter.tokens(text));
        QCOMPARE(ends.constLast(), text.size());
        for (qsizetype e : ends) {
            QVERIFY(e > 0 && e <= text.size());
            QVERIFY2(e == text.size() || !text.at(e).isLowSurrogate(), "a token ends between surrogates");
        }
    }
};

QTEST_GUILESS_MAIN(TestBpeEncoding)
#include "tst_bpeencoding.moc"
