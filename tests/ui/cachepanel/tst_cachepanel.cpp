#include "models/cacheoutcomemodel.h"
#include "cachepanel/cachepanel.h"
#include "charts/barchart.h"
#include "charts/timeserieschart.h"

#include "common/i18n.h"
#include "../../common/widgetlookup.h"

#include <QAbstractItemModelTester>
#include <QHeaderView>
#include <QListWidget>
#include <QSignalSpy>
#include <QTableView>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTranslator>

namespace {

} // namespace

class TestCachePanel : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void runsTheSampleAndShowsEverything()
    {
        CachePanel panel;
        panel.resize(1400, 900);
        panel.show();
        QVERIFY(QTest::qWaitForWindowExposed(&panel));
        new QAbstractItemModelTester(panel.outcomeModel(),
                                     QAbstractItemModelTester::FailureReportingMode::QtTest, &panel);
        QVERIFY(panel.trace().queries.size() > 200); // the sample is loaded from the start
        QSignalSpy finished(&panel, &CachePanel::finished);
        panel.start();
        QVERIFY(finished.count() == 1 || finished.wait(60'000));
        QVERIFY(!panel.isRunning());
        const CacheReport &report = panel.report();
        QVERIFY2(report.error.isEmpty(), qPrintable(report.error));
        QCOMPARE(panel.outcomeModel()->rowCount(), panel.trace().queries.size());
        QCOMPARE(panel.hitRateChart()->seriesCount(), 3);
        QCOMPARE(panel.hitRateChart()->pointCount(0), int(panel.trace().queries.size()));
        QCOMPARE(panel.sweepChart()->pointCount(0), 50);
        QCOMPARE(panel.savingsChart()->categories().size(), 3);
        // Shares end at 100 %, not at a rounded-up 125.
        QCOMPARE(panel.hitRateChart()->yRange(), (std::pair<double, double> { 0.0, 100.0 }));
        QCOMPARE(panel.sweepChart()->yRange(), (std::pair<double, double> { 0.0, 100.0 }));
        QCOMPARE_LE(panel.savingsChart()->valueRange().second, 100.0);
        // The threshold sweep marks the threshold in use and the best one (the sample has one).
        QVERIFY(report.best);
        QCOMPARE(panel.sweepChart()->markerCount(), 2);
        panel.setThreshold(0.7);
        QCOMPARE(panel.sweepChart()->markerCount(), 2);
        // Every header of the outcome table is whole.
        const auto *table = panel.findChild<QTableView *>();
        QVERIFY(table);
        const QHeaderView *header = table->horizontalHeader();
        for (int c = 0; c < header->count(); ++c) {
            if (c == CacheOutcomeModel::QueryColumn || c == CacheOutcomeModel::MatchedColumn)
                continue; // the two texts stretch
            const QString title = table->model()->headerData(c, Qt::Horizontal).toString();
            QCOMPARE_GE(header->sectionSize(c), table->fontMetrics().horizontalAdvance(title));
        }

        // Rows are coloured by outcome; a false hit is red whatever its kind.
        bool sawExact = false, sawSemantic = false, sawFalse = false;
        for (int row = 0; row < panel.outcomeModel()->rowCount(); ++row) {
            const QueryOutcome &o = panel.outcomeModel()->outcomes().at(row);
            const QColor color = panel.outcomeModel()->index(row, 0).data(Qt::BackgroundRole).value<QColor>();
            QCOMPARE(color, CacheOutcomeModel::colorOf(o));
            sawExact = sawExact || (o.kind == CacheLookup::Kind::ExactHit && !o.falseHit);
            sawSemantic = sawSemantic || (o.kind == CacheLookup::Kind::SemanticHit && !o.falseHit);
            sawFalse = sawFalse || o.falseHit;
        }
        QVERIFY(sawExact && sawSemantic);
        QueryOutcome wrong;
        wrong.kind = CacheLookup::Kind::SemanticHit;
        wrong.falseHit = true;
        QueryOutcome right = wrong;
        right.falseHit = false;
        QVERIFY(CacheOutcomeModel::colorOf(wrong) != CacheOutcomeModel::colorOf(right));

        // "Try a query": the reordered phrasing finds the cached one first.
        const QList<CacheNeighbour> near = panel.tryQuery(QStringLiteral("机器学习是什么"));
        QVERIFY(!near.isEmpty());
        QVERIFY2(near.constFirst().text.contains(QStringLiteral("机器学习")),
                 qPrintable(near.constFirst().text));
        auto *neighbours = child<QListWidget>(&panel, "neighbours");
        QVERIFY(neighbours);
        QVERIFY(neighbours->count() >= 1);

        // Exports work as for every chart.
        QTemporaryDir dir;
        QString error;
        QVERIFY2(panel.hitRateChart()->exportTo(dir.filePath(QStringLiteral("sweep.png")), 96, &error),
                 qPrintable(error));
        const qint64 pngBytes = QFile(dir.filePath(QStringLiteral("sweep.png"))).size();
        QVERIFY2(pngBytes > 1000, qPrintable(QString::number(pngBytes)));

        const QString shot = qEnvironmentVariable("TOKENSCOPE_CACHE_SCREENSHOT");
        if (!shot.isEmpty()) {
            panel.grab().save(shot);
            // The other chart tabs too, for a look at each chart.
            auto *tabs = child<QTabWidget>(&panel, "charts");
            QVERIFY(tabs);
            for (int i = 1; i < tabs->count(); ++i) {
                tabs->setCurrentIndex(i);
                QString path = shot;
                path.replace(QStringLiteral(".png"), QStringLiteral("_tab%1.png").arg(i));
                panel.grab().save(path);
            }
        }
    }

    void aLooserThresholdHitsMore()
    {
        auto hitRate = [](double threshold) {
            CachePanel panel;
            panel.setThreshold(threshold);
            QSignalSpy finished(&panel, &CachePanel::finished);
            panel.start();
            if (finished.count() == 0 && !finished.wait(60'000))
                return -1.0;
            return panel.report().stats.hitRate();
        };
        const double loose = hitRate(0.6);
        const double strict = hitRate(0.95);
        QVERIFY(strict > 0);
        QVERIFY2(loose > strict, qPrintable(QStringLiteral("%1 vs %2").arg(loose).arg(strict)));
    }

    // Picking the typical scenario sets its settings (capacity 10,000, TTL 1,800 s, threshold
    // 0.85); the summary gives its statistics in the same words (its exact-text sketch: 3 stored,
    // 2 hits, 3 misses, 40.0%) and says why the reworded query is not the claimed semantic hit.
    void referenceScenarioComparesWithTheClaims()
    {
        CachePanel panel;
        panel.useReference();
        QCOMPARE(panel.trace().queries.size(), 5);
        const CacheSimConfig settings = panel.settings();
        QCOMPARE(settings.cache.maxEntries, qsizetype(10'000));
        QCOMPARE(settings.cache.ttlNs, 1800ll * 1'000'000'000);
        QCOMPARE(settings.cache.threshold, 0.85);
        QSignalSpy finished(&panel, &CachePanel::finished);
        panel.start();
        QVERIFY(finished.count() == 1 || finished.wait(60'000));
        QVERIFY2(panel.report().error.isEmpty(), qPrintable(panel.report().error));
        QCOMPARE(panel.outcomeModel()->rowCount(), 5);
        const QString summary = panel.summaryText();
        QVERIFY2(summary.contains(QStringLiteral("size 3, hits 2, misses 3, hit rate 40.0%")),
                 qPrintable(summary));
        QVERIFY2(summary.contains(QStringLiteral("semantic hit")), qPrintable(summary));
        QVERIFY2(summary.contains(QStringLiteral("0.85")), qPrintable(summary));
        QVERIFY2(summary.contains(QStringLiteral("or lower matches it")), qPrintable(summary));
    }

    void referenceStatisticsInChinese()
    {
        QCOMPARE(I18n::install(*qApp, QStringLiteral("zh_CN")), QStringLiteral("zh_CN"));
        QString summary;
        {
            CachePanel panel;
            panel.useReference();
            QSignalSpy finished(&panel, &CachePanel::finished);
            panel.start();
            if (finished.count() == 1 || finished.wait(60'000))
                summary = panel.summaryText();
        }
        // Leave English behind for any later test.
        const auto translators = qApp->findChildren<QTranslator *>();
        for (QTranslator *t : translators)
            qApp->removeTranslator(t);
        QVERIFY2(summary.contains(QStringLiteral("大小 3，命中 2，未命中 3，命中率 40.0%")),
                 qPrintable(summary));
    }

    void badTraceIsReported()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("bad.jsonl"));
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("{\"text\": 3}\n");
        file.close();
        CachePanel panel;
        const int before = int(panel.trace().queries.size());
        QString error;
        QVERIFY(!panel.loadTrace(path, &error));
        QVERIFY2(error.contains(QStringLiteral("line 1")), qPrintable(error));
        QCOMPARE(int(panel.trace().queries.size()), before); // the old trace stays
    }
};

QTEST_MAIN(TestCachePanel)
#include "tst_cachepanel.moc"
