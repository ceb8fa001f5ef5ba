// SimulationRowsModel (batchtablemodels.h): the rows of a simulated batching sweep, appended
// one configuration at a time, marked with the Pareto front, the knee and the best row under SLO.
#include "models/batchtablemodels.h"

#include <QAbstractItemModelTester>
#include <QLocale>
#include <QSignalSpy>
#include <QSortFilterProxyModel>
#include <QTest>

namespace {

Distribution dist(double p50, double p99)
{
    Distribution d;
    d.count = 100;
    d.mean = p50;
    d.p50 = p50;
    d.p90 = (p50 + p99) / 2;
    d.p95 = d.p90;
    d.p99 = p99;
    d.min = p50 / 2;
    d.max = p99;
    return d;
}

SweepRow row(int batch, double waitMs, double requestsPerSecond, double e2eP99)
{
    SweepRow r;
    r.maxBatchSize = batch;
    r.maxWaitMs = waitMs;
    r.tokenBudget = 2048;
    r.rate = 20;
    SimulationResult &s = r.result;
    s.completed = 400;
    s.requestsPerSecond = requestsPerSecond;
    s.outputTokensPerSecond = requestsPerSecond * 128.1;
    s.ttftMs = dist(250.46, 900.0);
    s.tpotMs = dist(21.254, 40.0);
    s.e2eMs = dist(e2eP99 / 2, e2eP99);
    s.queueWaitMs = dist(33.3, 80.0);
    s.queueWaitMs.mean = 33.34;
    s.meanBatchSize = batch * 0.75;
    s.utilisation = 0.876;
    s.sloAttainment = 0.9;
    return r;
}

QString text(const QAbstractItemModel &model, int r, int column)
{
    return model.index(r, column).data().toString();
}

} // namespace

class TestSimulationRowsModel : public QObject
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
        SimulationRowsModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QCOMPARE(model.columnCount(), int(SimulationRowsModel::ColumnCount));
        QCOMPARE(model.rowCount(), 0);
        const auto header = [&model](int section, int role = Qt::DisplayRole) {
            return model.headerData(section, Qt::Horizontal, role).toString();
        };
        QCOMPARE(header(SimulationRowsModel::BatchColumn), QStringLiteral("Batch"));
        QCOMPARE(header(SimulationRowsModel::WaitColumn), QStringLiteral("Wait (ms)"));
        QCOMPARE(header(SimulationRowsModel::BudgetColumn), QStringLiteral("Budget (tokens)"));
        QCOMPARE(header(SimulationRowsModel::RequestsPerSecondColumn), QStringLiteral("Req/s"));
        QCOMPARE(header(SimulationRowsModel::TokensPerSecondColumn), QStringLiteral("Tok/s"));
        QCOMPARE(header(SimulationRowsModel::TtftP50Column), QStringLiteral("TTFT p50 (ms)"));
        QCOMPARE(header(SimulationRowsModel::E2eP99Column), QStringLiteral("E2E p99 (ms)"));
        QCOMPARE(header(SimulationRowsModel::QueueWaitColumn), QStringLiteral("Queue (ms)"));
        QCOMPARE(header(SimulationRowsModel::MeanBatchColumn), QStringLiteral("Mean batch"));
        QCOMPARE(header(SimulationRowsModel::UtilisationColumn), QStringLiteral("Busy %"));
        QCOMPARE(header(SimulationRowsModel::SloColumn), QStringLiteral("SLO met %"));
        QCOMPARE(header(SimulationRowsModel::ParetoColumn), QStringLiteral("Marks"));
        for (int c = 0; c < SimulationRowsModel::ColumnCount; ++c)
            QVERIFY2(!header(c).isEmpty(), qPrintable(QString::number(c)));
        QVERIFY(!header(SimulationRowsModel::BatchColumn, Qt::ToolTipRole).isEmpty());
        QVERIFY(!header(SimulationRowsModel::UtilisationColumn, Qt::ToolTipRole).isEmpty());
        QVERIFY(!model.headerData(0, Qt::Vertical).isValid());
    }

    void rowsArriveOneByOneFormatted()
    {
        SimulationRowsModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
        model.append(row(1, 0, 2.0, 900.0));
        model.append(row(16, 20, 12.3456, 1500.0));
        model.append(row(64, 20, 18.5, 4000.0));
        QCOMPARE(inserted.size(), 3);
        QCOMPARE(inserted.at(1).at(1).toInt(), 1);
        QCOMPARE(inserted.at(1).at(2).toInt(), 1);
        QCOMPARE(model.rowCount(), 3);
        QCOMPARE(model.rows().at(1).maxBatchSize, 16);

        // Whole numbers where they are whole, decimals where they matter.
        QCOMPARE(text(model, 1, SimulationRowsModel::BatchColumn), QStringLiteral("16"));
        QCOMPARE(text(model, 1, SimulationRowsModel::WaitColumn), QStringLiteral("20.0"));
        QCOMPARE(text(model, 1, SimulationRowsModel::BudgetColumn), QStringLiteral("2,048"));
        QCOMPARE(text(model, 1, SimulationRowsModel::RequestsPerSecondColumn), QStringLiteral("12.35"));
        QCOMPARE(text(model, 1, SimulationRowsModel::TokensPerSecondColumn),
                 QStringLiteral("1,581")); // 12.3456 × 128.1
        QCOMPARE(text(model, 1, SimulationRowsModel::TtftP50Column), QStringLiteral("250.5"));
        QCOMPARE(text(model, 1, SimulationRowsModel::TtftP99Column), QStringLiteral("900.0"));
        QCOMPARE(text(model, 1, SimulationRowsModel::TpotP50Column), QStringLiteral("21.25"));
        QCOMPARE(text(model, 1, SimulationRowsModel::E2eP50Column), QStringLiteral("750.0"));
        QCOMPARE(text(model, 1, SimulationRowsModel::E2eP99Column), QStringLiteral("1,500.0"));
        QCOMPARE(text(model, 1, SimulationRowsModel::QueueWaitColumn), QStringLiteral("33.3"));
        QCOMPARE(text(model, 1, SimulationRowsModel::MeanBatchColumn), QStringLiteral("12.00"));
        // Shares as percentages.
        QCOMPARE(text(model, 1, SimulationRowsModel::UtilisationColumn), QStringLiteral("87.6"));
        QCOMPARE(text(model, 1, SimulationRowsModel::SloColumn), QStringLiteral("90.0"));
        QCOMPARE(text(model, 1, SimulationRowsModel::ParetoColumn), QString()); // no analysis yet

        // Qt::UserRole: the unrounded number, for sorting.
        QCOMPARE(model.index(1, SimulationRowsModel::BatchColumn).data(Qt::UserRole).toDouble(), 16.0);
        QCOMPARE(model.index(1, SimulationRowsModel::RequestsPerSecondColumn).data(Qt::UserRole).toDouble(),
                 12.3456);
        QCOMPARE(model.index(1, SimulationRowsModel::UtilisationColumn).data(Qt::UserRole).toDouble(), 87.6);
        QCOMPARE(model.index(1, SimulationRowsModel::E2eP99Column).data(Qt::UserRole).toDouble(), 1500.0);

        const auto alignment = Qt::Alignment(
            model.index(1, SimulationRowsModel::TtftP50Column).data(Qt::TextAlignmentRole).toInt());
        QVERIFY(alignment.testFlag(Qt::AlignRight));
        QVERIFY(!model.flags(model.index(1, 0)).testFlag(Qt::ItemIsEditable));
    }

    void analysisMarksRowsInPlace()
    {
        SimulationRowsModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.append(row(1, 0, 2.0, 900.0));
        model.append(row(16, 20, 12.0, 1500.0));
        model.append(row(64, 20, 18.0, 4000.0));
        model.append(row(8, 50, 10.0, 5000.0)); // beaten on both axes

        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
        SimulationAnalysis analysis;
        analysis.paretoFront = { 0, 1, 2 };
        analysis.knee = 1;
        analysis.bestUnderSlo = 2;
        model.setAnalysis(analysis);
        QCOMPARE(reset.size(), 0);
        // Only the Marks column changes, for every row.
        QCOMPARE(changed.size(), 1);
        QCOMPARE(changed.at(0).at(0).value<QModelIndex>(), model.index(0, SimulationRowsModel::ParetoColumn));
        QCOMPARE(changed.at(0).at(1).value<QModelIndex>(), model.index(3, SimulationRowsModel::ParetoColumn));
        QCOMPARE(model.analysis().knee, 1);

        QCOMPARE(text(model, 0, SimulationRowsModel::ParetoColumn), QStringLiteral("Pareto"));
        QCOMPARE(text(model, 1, SimulationRowsModel::ParetoColumn), QStringLiteral("Pareto, knee"));
        QCOMPARE(text(model, 2, SimulationRowsModel::ParetoColumn), QStringLiteral("Pareto, best under SLO"));
        QCOMPARE(text(model, 3, SimulationRowsModel::ParetoColumn), QString());
        QCOMPARE(model.index(1, SimulationRowsModel::ParetoColumn).data(Qt::UserRole).toDouble(), 2.0);
        QCOMPARE(model.index(3, SimulationRowsModel::ParetoColumn).data(Qt::UserRole).toDouble(), 0.0);

        // Sorting by throughput through a proxy is numeric.
        QSortFilterProxyModel proxy;
        proxy.setSourceModel(&model);
        proxy.setSortRole(Qt::UserRole);
        QAbstractItemModelTester proxyTester(&proxy, QAbstractItemModelTester::FailureReportingMode::QtTest);
        proxy.sort(SimulationRowsModel::RequestsPerSecondColumn, Qt::DescendingOrder);
        QCOMPARE(text(proxy, 0, SimulationRowsModel::BatchColumn), QStringLiteral("64"));
        QCOMPARE(text(proxy, 3, SimulationRowsModel::BatchColumn), QStringLiteral("1"));
        proxy.sort(SimulationRowsModel::BatchColumn, Qt::AscendingOrder);
        QCOMPARE(text(proxy, 0, SimulationRowsModel::BatchColumn), QStringLiteral("1"));
        QCOMPARE(text(proxy, 1, SimulationRowsModel::BatchColumn), QStringLiteral("8")); // not "16" as text
    }

    void clearStartsAFreshSweep()
    {
        SimulationRowsModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.append(row(1, 0, 2.0, 900.0));
        model.append(row(16, 20, 12.0, 1500.0));
        SimulationAnalysis analysis;
        analysis.paretoFront = { 0, 1 };
        analysis.knee = 0;
        model.setAnalysis(analysis);

        QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
        model.clear();
        QCOMPARE(reset.size(), 1);
        QCOMPARE(model.rowCount(), 0);
        QVERIFY(model.rows().isEmpty());
        QVERIFY(model.analysis().paretoFront.isEmpty());
        QCOMPARE(model.analysis().knee, -1);

        // An analysis with no rows changes nothing; the next sweep's rows carry no old marks.
        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        model.setAnalysis(SimulationAnalysis());
        QCOMPARE(changed.size(), 0);
        model.append(row(4, 0, 5.0, 1000.0));
        QCOMPARE(text(model, 0, SimulationRowsModel::ParetoColumn), QString());
        QCOMPARE(text(model, 0, SimulationRowsModel::BatchColumn), QStringLiteral("4"));
    }
};

QTEST_MAIN(TestSimulationRowsModel)
#include "tst_simulationrowsmodel.moc"
