// EndpointLevelsModel (batchtablemodels.h): every level of every endpoint swept, one row each,
// with the endpoint's colour, stability, goodput and the marks of the sweep's analysis.
#include "models/batchtablemodels.h"

#include <QAbstractItemModelTester>
#include <QColor>
#include <QLocale>
#include <QSignalSpy>
#include <QSortFilterProxyModel>
#include <QTest>

namespace {

Distribution dist(double p50, double p99)
{
    Distribution d;
    d.count = 32;
    d.mean = p50;
    d.p50 = p50;
    d.p90 = (p50 + p99) / 2;
    d.p95 = d.p90;
    d.p99 = p99;
    d.min = p50 / 2;
    d.max = p99;
    return d;
}

SweepLevelResult level(double value, int ok, int failed, double requestsPerSecond, double tokensPerSecond,
                       double e2eP99, bool stable = true)
{
    SweepLevelResult l;
    l.level = value;
    l.requestsOk = ok;
    l.requestsFailed = failed;
    l.requestsFinished = ok + failed;
    if (failed > 0)
        l.failuresByClass.insert(ErrorClass::HttpStatus, failed);
    l.requestsPerSecond = requestsPerSecond;
    l.outputTokensPerSecond = tokensPerSecond;
    l.ttftMs = dist(e2eP99 / 10, e2eP99 / 5);
    l.tpotMs = dist(12.346, 20.0);
    l.e2eMs = dist(e2eP99 / 2, e2eP99);
    l.measuredWindows = 3;
    l.measuredSeconds = 10;
    l.stable = stable;
    l.goodput = requestsPerSecond * 0.5;
    l.sloAttainment = 0.5;
    return l;
}

// A concurrency sweep of 1, 4 and 16 with its analysis, and a rate sweep of 0.5 and 1.5 req/s.
QList<EndpointSweepRun> twoSweeps()
{
    EndpointSweepRun gpu;
    gpu.endpointName = QStringLiteral("GPU box");
    gpu.color = QColor(0x1f, 0x77, 0xb4);
    gpu.config.axis = SweepAxis::Concurrency;
    gpu.config.levels = { 1, 4, 16 };
    gpu.levels = { level(1, 32, 0, 1.2345, 150.4, 800.0), level(4, 64, 0, 4.5, 560.0, 950.0),
                   level(16, 60, 4, 5.0, 610.0, 3000.0, false) };
    gpu.analysis.paretoFront = { 0, 1, 2 };
    gpu.analysis.knee = 1;
    gpu.analysis.bestSloLevel = 1;

    EndpointSweepRun cpu;
    cpu.endpointName = QStringLiteral("CPU box");
    cpu.color = QColor(0xff, 0x7f, 0x0e);
    cpu.config.axis = SweepAxis::Rate;
    cpu.config.levels = { 0.5, 1.5 };
    cpu.levels = { level(0.5, 10, 0, 0.5, 40.0, 2000.0), level(1.5, 20, 1, 1.4, 90.0, 4000.0) };
    cpu.analysis.paretoFront = { 1 };
    return { gpu, cpu };
}

QString text(const QAbstractItemModel &model, int row, int column)
{
    return model.index(row, column).data().toString();
}

} // namespace

class TestEndpointLevelsModel : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        // Figures are formatted in the user's locale; pin one so the expected texts hold anywhere.
        QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
    }

    void headersNameEveryColumn()
    {
        EndpointLevelsModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QCOMPARE(model.columnCount(), int(EndpointLevelsModel::ColumnCount));
        QCOMPARE(model.rowCount(), 0);
        const auto header = [&model](int section) {
            return model.headerData(section, Qt::Horizontal).toString();
        };
        QCOMPARE(header(EndpointLevelsModel::EndpointColumn), QStringLiteral("Endpoint"));
        QCOMPARE(header(EndpointLevelsModel::LevelColumn), QStringLiteral("Level"));
        QCOMPARE(header(EndpointLevelsModel::OkColumn), QStringLiteral("OK"));
        QCOMPARE(header(EndpointLevelsModel::FailedColumn), QStringLiteral("Failed"));
        QCOMPARE(header(EndpointLevelsModel::RequestsPerSecondColumn), QStringLiteral("Req/s"));
        QCOMPARE(header(EndpointLevelsModel::TokensPerSecondColumn), QStringLiteral("Tok/s"));
        QCOMPARE(header(EndpointLevelsModel::TtftP50Column), QStringLiteral("TTFT p50 (ms)"));
        QCOMPARE(header(EndpointLevelsModel::E2eP99Column), QStringLiteral("E2E p99 (ms)"));
        QCOMPARE(header(EndpointLevelsModel::StableColumn), QStringLiteral("Stable"));
        QCOMPARE(header(EndpointLevelsModel::GoodputColumn), QStringLiteral("Goodput (req/s)"));
        QCOMPARE(header(EndpointLevelsModel::SloColumn), QStringLiteral("SLO met %"));
        QCOMPARE(header(EndpointLevelsModel::MarksColumn), QStringLiteral("Marks"));
        for (int c = 0; c < EndpointLevelsModel::ColumnCount; ++c)
            QVERIFY2(!header(c).isEmpty(), qPrintable(QString::number(c)));
        QVERIFY(!model.headerData(0, Qt::Vertical).isValid());
    }

    void everyLevelOfEveryEndpointIsARow()
    {
        EndpointLevelsModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
        model.setRuns(twoSweeps());
        QCOMPARE(reset.size(), 1);
        QCOMPARE(model.rowCount(), 5);

        // Rows go endpoint by endpoint, level by level; locate() and rowOf() are inverse.
        QCOMPARE(model.locate(0), (std::pair { 0, 0 }));
        QCOMPARE(model.locate(3), (std::pair { 1, 0 }));
        QCOMPARE(model.locate(4), (std::pair { 1, 1 }));
        QCOMPARE(model.locate(5), (std::pair { -1, -1 }));
        QCOMPARE(model.locate(-1), (std::pair { -1, -1 }));
        QCOMPARE(model.rowOf(0, 2), 2);
        QCOMPARE(model.rowOf(1, 1), 4);
        QCOMPARE(model.rowOf(1, 2), -1);
        QCOMPARE(model.rowOf(2, 0), -1);

        // The endpoint in its chart colour on each of its rows.
        QCOMPARE(text(model, 0, EndpointLevelsModel::EndpointColumn), QStringLiteral("GPU box"));
        QCOMPARE(text(model, 4, EndpointLevelsModel::EndpointColumn), QStringLiteral("CPU box"));
        QCOMPARE(model.index(4, EndpointLevelsModel::EndpointColumn).data(Qt::DecorationRole).value<QColor>(),
                 QColor(0xff, 0x7f, 0x0e));
        QCOMPARE(model.index(4, EndpointLevelsModel::EndpointColumn).data(Qt::UserRole).toString(),
                 QStringLiteral("CPU box"));

        // Whole levels without decimals, fractional rates with two.
        QCOMPARE(text(model, 1, EndpointLevelsModel::LevelColumn), QStringLiteral("4"));
        QCOMPARE(text(model, 2, EndpointLevelsModel::LevelColumn), QStringLiteral("16"));
        QCOMPARE(text(model, 4, EndpointLevelsModel::LevelColumn), QStringLiteral("1.50"));
        QCOMPARE(model.index(4, EndpointLevelsModel::LevelColumn).data(Qt::UserRole).toDouble(), 1.5);

        QCOMPARE(text(model, 0, EndpointLevelsModel::OkColumn), QStringLiteral("32"));
        QCOMPARE(text(model, 0, EndpointLevelsModel::FailedColumn), QStringLiteral("0"));
        QCOMPARE(text(model, 0, EndpointLevelsModel::RequestsPerSecondColumn), QStringLiteral("1.23"));
        QCOMPARE(text(model, 0, EndpointLevelsModel::TokensPerSecondColumn), QStringLiteral("150"));
        QCOMPARE(text(model, 0, EndpointLevelsModel::TtftP50Column), QStringLiteral("80.0"));
        QCOMPARE(text(model, 0, EndpointLevelsModel::TtftP99Column), QStringLiteral("160.0"));
        QCOMPARE(text(model, 0, EndpointLevelsModel::TpotP50Column), QStringLiteral("12.35"));
        QCOMPARE(text(model, 0, EndpointLevelsModel::E2eP50Column), QStringLiteral("400.0"));
        QCOMPARE(text(model, 0, EndpointLevelsModel::E2eP99Column), QStringLiteral("800.0"));
        QCOMPARE(text(model, 1, EndpointLevelsModel::GoodputColumn), QStringLiteral("2.25"));
        QCOMPARE(text(model, 1, EndpointLevelsModel::SloColumn), QStringLiteral("50.0"));
        QCOMPARE(model.index(0, EndpointLevelsModel::RequestsPerSecondColumn).data(Qt::UserRole).toDouble(),
                 1.2345);
        QCOMPARE(model.index(1, EndpointLevelsModel::SloColumn).data(Qt::UserRole).toDouble(), 50.0);

        // A level that hit its limit before stabilising says so.
        QCOMPARE(text(model, 1, EndpointLevelsModel::StableColumn), QStringLiteral("yes"));
        QCOMPARE(text(model, 2, EndpointLevelsModel::StableColumn), QStringLiteral("no (limit)"));
        QCOMPARE(model.index(2, EndpointLevelsModel::StableColumn).data(Qt::UserRole).toDouble(), 0.0);
        QCOMPARE(model.index(1, EndpointLevelsModel::StableColumn).data(Qt::UserRole).toDouble(), 1.0);

        // Failures stand out; none, no colour.
        QCOMPARE(text(model, 2, EndpointLevelsModel::FailedColumn), QStringLiteral("4"));
        QVERIFY(model.index(2, EndpointLevelsModel::FailedColumn)
                    .data(Qt::ForegroundRole)
                    .value<QColor>()
                    .isValid());
        QVERIFY(!model.index(0, EndpointLevelsModel::FailedColumn).data(Qt::ForegroundRole).isValid());

        // Marks come from each endpoint's own analysis, by level.
        QCOMPARE(text(model, 0, EndpointLevelsModel::MarksColumn), QStringLiteral("Pareto"));
        QCOMPARE(text(model, 1, EndpointLevelsModel::MarksColumn),
                 QStringLiteral("Pareto, knee, best under SLO"));
        QCOMPARE(text(model, 2, EndpointLevelsModel::MarksColumn), QStringLiteral("Pareto"));
        QCOMPARE(text(model, 3, EndpointLevelsModel::MarksColumn), QString());
        QCOMPARE(text(model, 4, EndpointLevelsModel::MarksColumn), QStringLiteral("Pareto"));
        QCOMPARE(model.index(1, EndpointLevelsModel::MarksColumn).data(Qt::UserRole).toDouble(), 3.0);

        const auto alignment = Qt::Alignment(
            model.index(0, EndpointLevelsModel::E2eP99Column).data(Qt::TextAlignmentRole).toInt());
        QVERIFY(alignment.testFlag(Qt::AlignRight));
        QVERIFY(!model.flags(model.index(0, 0)).testFlag(Qt::ItemIsEditable));
    }

    void levelWithoutSuccessShowsNoLatency()
    {
        EndpointLevelsModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        // Every request of the level failed: there is no latency to report, and "0.0 ms"
        // would read as the fastest level of the sweep.
        QList<EndpointSweepRun> runs = twoSweeps();
        SweepLevelResult overloaded;
        overloaded.level = 32;
        overloaded.requestsFailed = 40;
        overloaded.requestsFinished = 40;
        overloaded.failuresByClass.insert(ErrorClass::HttpStatus, 40);
        runs[0].levels.append(overloaded);
        model.setRuns(runs);
        const int row = model.rowOf(0, 3);
        QCOMPARE(row, 3);
        QCOMPARE(text(model, row, EndpointLevelsModel::OkColumn), QStringLiteral("0"));
        QCOMPARE(text(model, row, EndpointLevelsModel::FailedColumn), QStringLiteral("40"));
        for (int c : { EndpointLevelsModel::TtftP50Column, EndpointLevelsModel::TtftP99Column,
                       EndpointLevelsModel::TpotP50Column, EndpointLevelsModel::E2eP50Column,
                       EndpointLevelsModel::E2eP99Column }) {
            const QString cell = text(model, row, c);
            QVERIFY2(
                cell != QStringLiteral("0.0") && cell != QStringLiteral("0.00"),
                qPrintable(model.headerData(c, Qt::Horizontal).toString() + QStringLiteral(": ") + cell));
        }
    }

    void proxySortsLevelsNumerically()
    {
        EndpointLevelsModel model;
        QSortFilterProxyModel proxy;
        proxy.setSourceModel(&model);
        proxy.setSortRole(Qt::UserRole);
        QAbstractItemModelTester tester(&proxy, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setRuns(twoSweeps());
        proxy.sort(EndpointLevelsModel::LevelColumn, Qt::AscendingOrder);
        // 0.5 < 1 < 1.5 < 4 < 16, where text would put "16" before "4".
        QCOMPARE(text(proxy, 0, EndpointLevelsModel::LevelColumn), QStringLiteral("0.50"));
        QCOMPARE(text(proxy, 3, EndpointLevelsModel::LevelColumn), QStringLiteral("4"));
        QCOMPARE(text(proxy, 4, EndpointLevelsModel::LevelColumn), QStringLiteral("16"));
        proxy.sort(EndpointLevelsModel::EndpointColumn, Qt::AscendingOrder);
        QCOMPARE(text(proxy, 0, EndpointLevelsModel::EndpointColumn), QStringLiteral("CPU box"));
    }

    void newRunsReplaceTheTable()
    {
        EndpointLevelsModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QList<EndpointSweepRun> runs = twoSweeps();
        runs[1].levels.clear(); // the second endpoint has not finished a level yet
        model.setRuns(runs);
        QCOMPARE(model.rowCount(), 3);
        QCOMPARE(model.rowOf(1, 0), -1);

        // A level finishes: the table grows by it.
        runs[1].levels.append(level(0.5, 10, 0, 0.5, 40.0, 2000.0));
        model.setRuns(runs);
        QCOMPARE(model.rowCount(), 4);
        QCOMPARE(text(model, 3, EndpointLevelsModel::EndpointColumn), QStringLiteral("CPU box"));
        QCOMPARE(text(model, 3, EndpointLevelsModel::LevelColumn), QStringLiteral("0.50"));

        QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
        QSignalSpy removed(&model, &QAbstractItemModel::rowsRemoved);
        model.setRuns({});
        QCOMPARE(model.rowCount(), 0);
        QCOMPARE(reset.size() + removed.size(), 1);
        QCOMPARE(model.locate(0), (std::pair { -1, -1 }));
    }
};

QTEST_MAIN(TestEndpointLevelsModel)
#include "tst_endpointlevelsmodel.moc"
