#include "sim/hashingembedder.h"
#include "cache/semanticcache.h"

#include <QTest>

#include <cmath>

namespace {

double cosine(const QList<float> &a, const QList<float> &b)
{
    double sum = 0;
    for (qsizetype i = 0; i < a.size(); ++i)
        sum += double(a.at(i)) * double(b.at(i));
    return sum;
}

} // namespace

class TestHashingEmbedder : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void unitLength()
    {
        const HashingEmbedder embedder;
        for (const QString &text : { QStringLiteral("什么是机器学习?"),
                                     QStringLiteral("How do I learn Python?"), QStringLiteral("x") }) {
            const QList<float> v = embedder.embed(text);
            QCOMPARE(v.size(), HashingEmbedder::DefaultDimension);
            QVERIFY2(std::abs(cosine(v, v) - 1.0) < 1e-5, qPrintable(text));
        }
    }

    void noFeaturesGivesZeros()
    {
        const QList<float> v = HashingEmbedder().embed(u"？！。  ");
        QCOMPARE(cosine(v, v), 0.0);
    }

    void deterministic()
    {
        QCOMPARE(HashingEmbedder(64).embed(u"semantic cache 语义缓存"),
                 HashingEmbedder(64).embed(u"semantic cache 语义缓存"));
    }

    // The seed's example: the two phrasings of "what is machine learning" are one question,
    // "Python 怎么学?" and "Java 怎么学?" are two.
    void seedExample()
    {
        const HashingEmbedder embedder;
        const double same = cosine(embedder.embed(u"什么是机器学习?"), embedder.embed(u"机器学习是什么?"));
        const double different = cosine(embedder.embed(u"Python 怎么学?"), embedder.embed(u"Java 怎么学?"));
        QVERIFY2(same >= CacheConfig::DefaultThreshold, qPrintable(QString::number(same)));
        QVERIFY2(different < CacheConfig::DefaultThreshold, qPrintable(QString::number(different)));
        QVERIFY(same > different + 0.2);
    }

    void wordOrderMattersForLatin()
    {
        const HashingEmbedder embedder;
        const double swapped = cosine(embedder.embed(u"celsius to fahrenheit formula"),
                                      embedder.embed(u"fahrenheit to celsius formula"));
        QVERIFY2(swapped < 0.95, qPrintable(QString::number(swapped)));
    }

    void paraphraseCloserThanOtherTopic()
    {
        const HashingEmbedder embedder;
        const QList<float> q = embedder.embed(u"How do I learn Python?");
        QVERIFY(cosine(q, embedder.embed(u"how to learn python"))
                > cosine(q, embedder.embed(u"What is the capital of France?")));
    }

    void hugeAndBrokenInputDoNotCrash()
    {
        const HashingEmbedder embedder;
        QString huge;
        for (int i = 0; i < 20000; ++i)
            huge += QStringLiteral("词 word ");
        const QList<float> v = embedder.embed(huge);
        QVERIFY(std::abs(cosine(v, v) - 1.0) < 1e-4);
        const QString lone = QString(QChar(0xD800)) + QStringLiteral("abc"); // an unpaired surrogate
        const QList<float> w = embedder.embed(lone);
        QCOMPARE(w.size(), HashingEmbedder::DefaultDimension);
    }
};

QTEST_GUILESS_MAIN(TestHashingEmbedder)
#include "tst_hashingembedder.moc"
