#include "sim/textnormalizer.h"

#include <QTest>

class TestTextNormalizer : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void sameKey_data()
    {
        QTest::addColumn<QString>("a");
        QTest::addColumn<QString>("b");
        QTest::newRow("full-width question mark")
            << QStringLiteral("什么是机器学习？") << QStringLiteral("什么是机器学习?");
        QTest::newRow("no final punctuation")
            << QStringLiteral("什么是机器学习") << QStringLiteral("什么是机器学习?");
        QTest::newRow("spaces around CJK")
            << QStringLiteral("  什么是 机器学习 ? ") << QStringLiteral("什么是机器学习");
        QTest::newRow("case") << QStringLiteral("WHAT IS Machine Learning?")
                              << QStringLiteral("what is machine learning");
        QTest::newRow("whitespace runs")
            << QStringLiteral("what\tis   machine\nlearning") << QStringLiteral("what is machine learning");
        QTest::newRow("full-width letters")
            << QStringLiteral("ＰＹＴＨＯＮ 怎么学？") << QStringLiteral("python怎么学");
        QTest::newRow("ideographic space")
            << QStringLiteral("Python\u3000怎么学") << QStringLiteral("Python 怎么学");
        QTest::newRow("CJK comma and full stop")
            << QStringLiteral("你好，世界。") << QStringLiteral("你好,世界");
        QTest::newRow("enumeration comma") << QStringLiteral("猫、狗") << QStringLiteral("猫,狗");
        QTest::newRow("exclamation") << QStringLiteral("Hello！") << QStringLiteral("hello");
    }
    void sameKey()
    {
        QFETCH(QString, a);
        QFETCH(QString, b);
        QCOMPARE(TextNormalizer::normalize(a), TextNormalizer::normalize(b));
    }

    void differentKey_data()
    {
        QTest::addColumn<QString>("a");
        QTest::addColumn<QString>("b");
        QTest::newRow("different words")
            << QStringLiteral("Python 怎么学?") << QStringLiteral("Java 怎么学?");
        QTest::newRow("reordered") << QStringLiteral("什么是机器学习?") << QStringLiteral("机器学习是什么?");
        QTest::newRow("space between Latin words")
            << QStringLiteral("note book") << QStringLiteral("notebook");
        QTest::newRow("inner punctuation") << QStringLiteral("a.b") << QStringLiteral("ab");
    }
    void differentKey()
    {
        QFETCH(QString, a);
        QFETCH(QString, b);
        QVERIFY(TextNormalizer::normalize(a) != TextNormalizer::normalize(b));
    }

    void keepsSurrogatePairs()
    {
        // U+20000 (CJK Extension B) is a surrogate pair in UTF-16 and must survive intact.
        const QString text = QString::fromUcs4(U"\U00020000 \u5B57");
        QCOMPARE(TextNormalizer::normalize(text), QString::fromUcs4(U"\U00020000\u5B57"));
    }

    void emptyAndPunctuationOnly()
    {
        QCOMPARE(TextNormalizer::normalize(u"   "), QString());
        QCOMPARE(TextNormalizer::normalize(u"？！。"), QString());
    }
};

QTEST_GUILESS_MAIN(TestTextNormalizer)
#include "tst_textnormalizer.moc"
