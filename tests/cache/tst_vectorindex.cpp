#include "cache/vectorindex.h"

#include <QTest>

#include <cmath>
#include <random>

namespace {

std::vector<float> randomUnit(std::mt19937 &rng, int dimension)
{
    std::normal_distribution<float> normal;
    std::vector<float> v(static_cast<size_t>(dimension));
    double norm = 0;
    for (float &x : v) {
        x = normal(rng);
        norm += double(x) * x;
    }
    for (float &x : v)
        x = float(x / std::sqrt(norm));
    return v;
}

} // namespace

class TestVectorIndex : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void exactFindsItself()
    {
        std::mt19937 rng(1);
        ExactIndex index(32);
        std::vector<std::vector<float>> vectors;
        for (int i = 0; i < 200; ++i) {
            vectors.push_back(randomUnit(rng, 32));
            index.add(quint64(i + 1), vectors.back());
        }
        for (int i = 0; i < 200; i += 17) {
            const auto result = index.search(vectors.at(size_t(i)), 3);
            QCOMPARE(result.size(), size_t(3));
            QCOMPARE(result.front().id, quint64(i + 1));
            QVERIFY(std::abs(result.front().score - 1.0f) < 1e-5f);
            QVERIFY(result.at(0).score >= result.at(1).score && result.at(1).score >= result.at(2).score);
        }
    }

    void exactRemoveSwapsTheLastIn()
    {
        std::mt19937 rng(2);
        ExactIndex index(16);
        const auto a = randomUnit(rng, 16), b = randomUnit(rng, 16), c = randomUnit(rng, 16);
        index.add(1, a);
        index.add(2, b);
        index.add(3, c);
        index.remove(1);
        QCOMPARE(index.size(), 2);
        QCOMPARE(index.search(c, 1).front().id, quint64(3));
        QCOMPARE(index.search(b, 1).front().id, quint64(2));
        QVERIFY(index.search(a, 2).front().id != 1);
        QVERIFY(index.vectorOf(1).empty());
    }

    void hnswAgreesWithExact()
    {
        std::mt19937 rng(3);
        constexpr int dimension = 64;
        ExactIndex exact(dimension);
        HnswIndex hnsw(dimension, HnswParameters(), 64); // grows past its first capacity
        std::vector<std::vector<float>> vectors;
        for (int i = 0; i < 2000; ++i) {
            vectors.push_back(randomUnit(rng, dimension));
            exact.add(quint64(i + 1), vectors.back());
            hnsw.add(quint64(i + 1), vectors.back());
        }
        int agree = 0;
        for (int q = 0; q < 200; ++q) {
            const auto query = randomUnit(rng, dimension);
            if (exact.search(query, 1).front().id == hnsw.search(query, 1).front().id)
                ++agree;
        }
        QVERIFY2(agree >= 190, qPrintable(QString::number(agree))); // recall@1 ≥ 95%
    }

    void hnswDeletedNeverReturned()
    {
        std::mt19937 rng(4);
        HnswIndex hnsw(16);
        std::vector<std::vector<float>> vectors;
        for (int i = 0; i < 100; ++i) {
            vectors.push_back(randomUnit(rng, 16));
            hnsw.add(quint64(i + 1), vectors.back());
        }
        for (int i = 0; i < 100; i += 2)
            hnsw.remove(quint64(i + 1));
        QCOMPARE(hnsw.size(), 50);
        QCOMPARE(hnsw.deletedCount(), 50);
        for (int i = 0; i < 100; i += 2) {
            for (const VectorMatch &m : hnsw.search(vectors.at(size_t(i)), 5))
                QVERIFY(m.id % 2 == 0); // only odd indexes (even ids) remain
        }
        hnsw.add(1, vectors.at(0)); // a deleted label comes back
        QCOMPARE(hnsw.search(vectors.at(0), 1).front().id, quint64(1));
        QCOMPARE(hnsw.size(), 51);
    }

    void autoIndexSwitchesAndRebuilds()
    {
        std::mt19937 rng(5);
        AutoIndex index(32, 100);
        std::vector<std::vector<float>> vectors;
        for (int i = 0; i < 99; ++i) {
            vectors.push_back(randomUnit(rng, 32));
            index.add(quint64(i + 1), vectors.back());
        }
        QCOMPARE(QByteArray(index.kindName()), QByteArray("exact"));
        for (int i = 99; i < 400; ++i) {
            vectors.push_back(randomUnit(rng, 32));
            index.add(quint64(i + 1), vectors.back());
        }
        QCOMPARE(QByteArray(index.kindName()), QByteArray("hnsw"));
        // A cache that keeps evicting: remove the oldest, add new ones, many times over.
        quint64 next = 401;
        for (int round = 0; round < 2000; ++round) {
            index.remove(next - 400);
            vectors.push_back(randomUnit(rng, 32));
            index.add(next++, vectors.back());
        }
        QCOMPARE(index.size(), 400);
        const auto &last = vectors.back();
        QCOMPARE(index.search(last, 1).front().id, next - 1);
        for (int i = 0; i < 351; ++i)
            index.remove(next - 400 + quint64(i));
        QCOMPARE(QByteArray(index.kindName()), QByteArray("exact")); // shrank below half the switch size
        QCOMPARE(index.search(last, 1).front().id, next - 1);
    }

    void wrongDimensionIsIgnored()
    {
        ExactIndex index(8);
        const std::vector<float> small(4, 0.5f);
        index.add(1, small);
        QCOMPARE(index.size(), 0);
        QVERIFY(index.search(small, 1).empty());
    }
};

QTEST_GUILESS_MAIN(TestVectorIndex)
#include "tst_vectorindex.moc"
