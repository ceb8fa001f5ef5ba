// EndpointResultsModel: one row per endpoint of a run, its percentiles, throughput, failures
// and cost, formatted for reading and numeric under SortRole; updated in place while the run goes.
#include "models/endpointresultsmodel.h"

#include "client/requesttrace.h"

#include <QAbstractItemModelTester>
#include <QColor>
#include <QLocale>
#include <QSignalSpy>
#include <QSortFilterProxyModel>
#include <QTest>

namespace {

Distribution dist(double p50, double p90, double p99)
{
    Distribution d;
    d.count = 10;
    d.min = p50 / 2;
    d.mean = p50;
    d.p50 = p50;
    d.p90 = p90;
    d.p95 = (p90 + p99) / 2;
    d.p99 = p99;
    d.max = p99 * 1.1;
    return d;
}

RequestRecord record(int index, std::optional<qint64> promptTokens, std::optional<qint64> completionTokens,
                     qint64 outputTokens, ErrorClass error = ErrorClass::None, bool warmup = false)
{
    RequestRecord r;
    r.index = index;
    r.warmup = warmup;
    r.trace.error = error;
    r.trace.httpStatus = 200;
    r.trace.usage.promptTokens = promptTokens;
    r.trace.usage.completionTokens = completionTokens;
    r.metrics.ok = error == ErrorClass::None;
    r.metrics.outputTokens = outputTokens;
    return r;
}

EndpointProfile endpoint(const QString &id, const QString &name, const QString &color)
{
    EndpointProfile e;
    e.id = id;
    e.name = name;
    e.color = color;
    e.baseUrl = QUrl(QStringLiteral("https://%1.example.com/v1").arg(id));
    e.model = QStringLiteral("model-%1").arg(id);
    return e;
}

// Priced at 1 per million input tokens and 4 per million output tokens: each measured request
// (1000 in, 500 out) costs 0.003, so 1000 of them cost 3.
EndpointRun fastRun()
{
    EndpointRun run;
    run.endpoint = endpoint(QStringLiteral("fast"), QStringLiteral("Fast GPU"), QStringLiteral("#1f77b4"));
    run.endpoint.pricePerMInput = 1.0;
    run.endpoint.pricePerMOutput = 4.0;
    run.records = {
        record(0, 1'000'000, 1'000'000, 1'000'000, ErrorClass::None, true), // warm-up: not priced
        record(1, 1000, 500, 500), record(2, 1000, 500, 500),
        record(3, 1'000'000, 1'000'000, 10, ErrorClass::Cancelled), // cancelled: not priced
    };
    RunSummary &s = run.summary;
    s.requestsOk = 9;
    s.requestsFailed = 3;
    s.requestsCancelled = 1;
    s.failuresByClass.insert(ErrorClass::HttpStatus, 1);
    s.failuresByClass.insert(ErrorClass::Reset, 2);
    s.ttftMs = dist(123.4, 200.0, 250.0);
    s.itlMs = dist(8.25, 9.5, 12.0);
    s.tpotMs = dist(7.5, 8.0, 9.0);
    s.e2eMs = dist(1234.56, 1500.0, 1800.0);
    s.outputTokensPerSecond = 42.44;
    s.peakOutputTokensPerSecond = 80.06;
    return run;
}

// No prices, and nothing succeeded yet: no percentiles to show.
EndpointRun failingRun()
{
    EndpointRun run;
    run.endpoint = endpoint(QStringLiteral("down"), QStringLiteral("Down host"), QStringLiteral("#d62728"));
    run.records = { record(0, std::nullopt, std::nullopt, 0, ErrorClass::Connect) };
    run.summary.requestsFailed = 4;
    run.summary.failuresByClass.insert(ErrorClass::Connect, 4);
    return run;
}

EndpointRun slowRun()
{
    EndpointRun run;
    run.endpoint = endpoint(QStringLiteral("slow"), QStringLiteral("Slow CPU"), QStringLiteral("#ff7f0e"));
    run.endpoint.pricePerMInput = 0.1;
    run.endpoint.pricePerMOutput = 0.4;
    run.records = { record(0, 1000, 500, 500) };
    run.summary.requestsOk = 1;
    run.summary.ttftMs = dist(95.0, 99.0, 99.9);
    run.summary.e2eMs = dist(5000.0, 6000.0, 7000.0);
    run.summary.outputTokensPerSecond = 3.0;
    return run;
}

QString text(const EndpointResultsModel &model, int row, int column)
{
    return model.index(row, column).data().toString();
}

QVariant sortValue(const EndpointResultsModel &model, int row, int column)
{
    return model.index(row, column).data(EndpointResultsModel::SortRole);
}

} // namespace

class TestEndpointResultsModel : public QObject
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
        EndpointResultsModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QCOMPARE(model.rowCount(), 0);
        QCOMPARE(model.columnCount(), int(EndpointResultsModel::ColumnCount));

        const auto header = [&model](int section, int role = Qt::DisplayRole) {
            return model.headerData(section, Qt::Horizontal, role).toString();
        };
        QCOMPARE(header(EndpointResultsModel::NameColumn), QStringLiteral("Endpoint"));
        QCOMPARE(header(EndpointResultsModel::OkColumn), QStringLiteral("OK"));
        // Every figure's header carries its unit (the old ones had none: "TTFT p50").
        QCOMPARE(header(EndpointResultsModel::TtftP50Column), QStringLiteral("TTFT p50 (ms)"));
        QCOMPARE(header(EndpointResultsModel::ItlP90Column), QStringLiteral("ITL p90 (ms)"));
        QCOMPARE(header(EndpointResultsModel::TpotP99Column), QStringLiteral("TPOT p99 (ms)"));
        QCOMPARE(header(EndpointResultsModel::E2eP99Column), QStringLiteral("E2E p99 (ms)"));
        QCOMPARE(header(EndpointResultsModel::TokensPerSecondColumn), QStringLiteral("Output (tokens/s)"));
        QCOMPARE(header(EndpointResultsModel::PeakTokensPerSecondColumn), QStringLiteral("Peak (tokens/s)"));
        QCOMPARE(header(EndpointResultsModel::FailuresColumn), QStringLiteral("Failures"));
        // Profiles carry no currency: the generic sign, not a guessed "$".
        QCOMPARE(header(EndpointResultsModel::CostColumn), QStringLiteral("Cost / 1k req (¤)"));
        for (int c = EndpointResultsModel::TtftP50Column; c <= EndpointResultsModel::CostColumn; ++c) {
            if (c != EndpointResultsModel::FailuresColumn)
                QVERIFY2(header(c).endsWith(u')'), qPrintable(header(c)));
        }
        for (int c = 0; c < EndpointResultsModel::ColumnCount; ++c) {
            QVERIFY2(!header(c).isEmpty(), qPrintable(QString::number(c)));
            QVERIFY2(!header(c, Qt::ToolTipRole).isEmpty(), qPrintable(QString::number(c)));
        }
        // The latency columns carry their unit in the header's tooltip.
        for (int c = EndpointResultsModel::TtftP50Column; c <= EndpointResultsModel::E2eP99Column; ++c)
            QVERIFY2(header(c, Qt::ToolTipRole).contains(QStringLiteral("milliseconds")),
                     qPrintable(header(c)));
        QVERIFY(!model.headerData(EndpointResultsModel::ColumnCount, Qt::Horizontal).isValid());
        QVERIFY(!model.headerData(0, Qt::Vertical).isValid());
    }

    void cellsAreFormattedAndSortNumerically()
    {
        EndpointResultsModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
        QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
        model.setRuns({ fastRun(), failingRun() });
        QCOMPARE(model.rowCount(), 2);
        QCOMPARE(inserted.size() + reset.size(), 1);
        QCOMPARE(model.run(0).endpoint.id, QStringLiteral("fast"));

        // Names, in the endpoint's colour, with where and what in the tooltip.
        QCOMPARE(text(model, 0, EndpointResultsModel::NameColumn), QStringLiteral("Fast GPU"));
        QCOMPARE(model.index(0, EndpointResultsModel::NameColumn).data(Qt::DecorationRole).value<QColor>(),
                 QColor(0x1f, 0x77, 0xb4));
        const QString nameTip
            = model.index(0, EndpointResultsModel::NameColumn).data(Qt::ToolTipRole).toString();
        QVERIFY2(nameTip.contains(QStringLiteral("fast.example.com")), qPrintable(nameTip));
        QVERIFY2(nameTip.contains(QStringLiteral("model-fast")), qPrintable(nameTip));
        QCOMPARE(sortValue(model, 0, EndpointResultsModel::NameColumn).toString(),
                 QStringLiteral("Fast GPU"));

        // Milliseconds with one decimal, two below 10 ms.
        QCOMPARE(text(model, 0, EndpointResultsModel::OkColumn), QStringLiteral("9"));
        QCOMPARE(text(model, 0, EndpointResultsModel::TtftP50Column), QStringLiteral("123.4"));
        QCOMPARE(text(model, 0, EndpointResultsModel::TtftP90Column), QStringLiteral("200.0"));
        QCOMPARE(text(model, 0, EndpointResultsModel::TtftP99Column), QStringLiteral("250.0"));
        QCOMPARE(text(model, 0, EndpointResultsModel::ItlP50Column), QStringLiteral("8.25"));
        QCOMPARE(text(model, 0, EndpointResultsModel::ItlP99Column), QStringLiteral("12.0"));
        QCOMPARE(text(model, 0, EndpointResultsModel::TpotP50Column), QStringLiteral("7.50"));
        QCOMPARE(text(model, 0, EndpointResultsModel::E2eP50Column), QStringLiteral("1,234.6"));
        QCOMPARE(text(model, 0, EndpointResultsModel::E2eP90Column), QStringLiteral("1,500.0"));
        QCOMPARE(text(model, 0, EndpointResultsModel::TokensPerSecondColumn), QStringLiteral("42.4"));
        QCOMPARE(text(model, 0, EndpointResultsModel::PeakTokensPerSecondColumn), QStringLiteral("80.1"));
        QCOMPARE(text(model, 0, EndpointResultsModel::CostColumn), QStringLiteral("3.00"));

        // SortRole holds the unrounded numbers.
        QCOMPARE(sortValue(model, 0, EndpointResultsModel::TtftP50Column).toDouble(), 123.4);
        QCOMPARE(sortValue(model, 0, EndpointResultsModel::E2eP99Column).toDouble(), 1800.0);
        QCOMPARE(sortValue(model, 0, EndpointResultsModel::OkColumn).toDouble(), 9.0);
        QCOMPARE(sortValue(model, 0, EndpointResultsModel::FailuresColumn).toDouble(), 3.0);
        QCOMPARE(sortValue(model, 0, EndpointResultsModel::PeakTokensPerSecondColumn).toDouble(), 80.06);
        QVERIFY(qFuzzyCompare(sortValue(model, 0, EndpointResultsModel::CostColumn).toDouble(), 3.0));

        // Failures by class, most frequent first; the tooltip spells them out with cancellations.
        QCOMPARE(text(model, 0, EndpointResultsModel::FailuresColumn),
                 QStringLiteral("reset 2, http-status 1"));
        const QString failTip
            = model.index(0, EndpointResultsModel::FailuresColumn).data(Qt::ToolTipRole).toString();
        QVERIFY2(failTip.contains(ErrorClasses::label(ErrorClass::Reset) + QStringLiteral(": 2")),
                 qPrintable(failTip));
        QVERIFY2(failTip.contains(ErrorClasses::label(ErrorClass::HttpStatus) + QStringLiteral(": 1")),
                 qPrintable(failTip));
        QVERIFY2(failTip.contains(QStringLiteral("Cancelled: 1")), qPrintable(failTip));

        // An endpoint with nothing measured shows dashes, not zeros; no prices, no cost.
        QCOMPARE(text(model, 1, EndpointResultsModel::OkColumn), QStringLiteral("0"));
        for (int c = EndpointResultsModel::TtftP50Column; c <= EndpointResultsModel::E2eP99Column; ++c)
            QCOMPARE(text(model, 1, c), QStringLiteral("—"));
        QCOMPARE(text(model, 1, EndpointResultsModel::CostColumn), QStringLiteral("—"));
        QCOMPARE(text(model, 1, EndpointResultsModel::FailuresColumn), QStringLiteral("connect 4"));

        // The row's endpoint under EndpointIdRole, on every column.
        for (int c = 0; c < EndpointResultsModel::ColumnCount; ++c)
            QCOMPARE(model.index(1, c).data(EndpointResultsModel::EndpointIdRole).toString(),
                     QStringLiteral("down"));

        // Text left, numbers right.
        const auto alignment = [&model](int column) {
            return Qt::Alignment(model.index(0, column).data(Qt::TextAlignmentRole).toInt());
        };
        QVERIFY(alignment(EndpointResultsModel::NameColumn).testFlag(Qt::AlignLeft));
        QVERIFY(alignment(EndpointResultsModel::FailuresColumn).testFlag(Qt::AlignLeft));
        QVERIFY(alignment(EndpointResultsModel::TtftP50Column).testFlag(Qt::AlignRight));
        QVERIFY(alignment(EndpointResultsModel::CostColumn).testFlag(Qt::AlignRight));

        // Read-only.
        QVERIFY(!model.flags(model.index(0, 0)).testFlag(Qt::ItemIsEditable));
        QVERIFY(!model.setData(model.index(0, 0), QStringLiteral("x")));
    }

    void proxySortsNumbersAsNumbers()
    {
        EndpointResultsModel model;
        QSortFilterProxyModel proxy;
        proxy.setSourceModel(&model);
        proxy.setSortRole(EndpointResultsModel::SortRole);
        QAbstractItemModelTester tester(&proxy, QAbstractItemModelTester::FailureReportingMode::QtTest);
        EndpointRun slowest = slowRun();
        slowest.endpoint
            = endpoint(QStringLiteral("slowest"), QStringLiteral("Slowest"), QStringLiteral("#2ca02c"));
        slowest.summary.ttftMs = dist(1000.0, 1100.0, 1200.0);
        model.setRuns({ fastRun(), slowRun(), slowest });

        // 95 < 123.4 < 1000, which as text would read "1,000.0" < "123.4" < "95.00".
        proxy.sort(EndpointResultsModel::TtftP50Column, Qt::AscendingOrder);
        QCOMPARE(proxy.index(0, 0).data().toString(), QStringLiteral("Slow CPU"));
        QCOMPARE(proxy.index(1, 0).data().toString(), QStringLiteral("Fast GPU"));
        QCOMPARE(proxy.index(2, 0).data().toString(), QStringLiteral("Slowest"));

        proxy.sort(EndpointResultsModel::NameColumn, Qt::AscendingOrder);
        QCOMPARE(proxy.index(0, 0).data().toString(), QStringLiteral("Fast GPU"));
        QCOMPARE(proxy.index(2, 0).data().toString(), QStringLiteral("Slowest"));
    }

    void endpointsWithoutPricesSortLastByCost()
    {
        EndpointResultsModel model;
        QSortFilterProxyModel proxy;
        proxy.setSourceModel(&model);
        proxy.setSortRole(EndpointResultsModel::SortRole);
        QAbstractItemModelTester tester(&proxy, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setRuns({ failingRun(), fastRun(), slowRun() });
        QCOMPARE(model.index(2, EndpointResultsModel::CostColumn).data().toString(),
                 QStringLiteral("0.3000"));

        // Cheapest first, the way a header click sorts; an endpoint without prices has no
        // cost to compare and belongs at the end, not above the cheapest one.
        proxy.sort(EndpointResultsModel::CostColumn, Qt::AscendingOrder);
        QCOMPARE(proxy.index(0, 0).data().toString(), QStringLiteral("Slow CPU"));
        QCOMPARE(proxy.index(1, 0).data().toString(), QStringLiteral("Fast GPU"));
        QCOMPARE(proxy.index(2, 0).data().toString(), QStringLiteral("Down host"));
    }

    void costCountsMeasuredRequestsOnly()
    {
        EndpointRun run = fastRun();
        // Warm-ups and cancellations are left out: two requests of 0.003 each.
        std::optional<double> cost = EndpointResultsModel::costPerThousand(run);
        QVERIFY(cost);
        QVERIFY2(qFuzzyCompare(*cost, 3.0), qPrintable(QString::number(*cost)));

        // Without a usage report for the completion, the counted output tokens are priced:
        // 1000 in, 250 out = 0.002, so (0.003 + 0.003 + 0.002) / 3 per request.
        run.records.append(record(4, 1000, std::nullopt, 250));
        cost = EndpointResultsModel::costPerThousand(run);
        QVERIFY(cost);
        QVERIFY2(qFuzzyCompare(*cost, 8.0 / 3.0), qPrintable(QString::number(*cost)));

        // No prices, or nothing but warm-ups: no cost at all.
        QVERIFY(!EndpointResultsModel::costPerThousand(failingRun()));
        EndpointRun warmOnly = fastRun();
        warmOnly.records = { record(0, 1000, 500, 500, ErrorClass::None, true) };
        QVERIFY(!EndpointResultsModel::costPerThousand(warmOnly));

        QCOMPARE(EndpointResultsModel::failureText(RunSummary()), QString());
    }

    void cachedPromptTokensAtTheirOwnPrice()
    {
        // 800 of each request's 1000 prompt tokens came from the provider's cache.
        EndpointRun run = fastRun();
        for (RequestRecord &r : run.records)
            r.trace.usage.cachedPromptTokens = 800;
        // No cached price: every prompt token at the input price, as before.
        QVERIFY(qFuzzyCompare(*EndpointResultsModel::costPerThousand(run), 3.0));
        // At 0.1 per million: 200 × 1 + 800 × 0.1 + 500 × 4 = 2280 per million tokens.
        run.endpoint.pricePerMCachedInput = 0.1;
        const std::optional<double> cost = EndpointResultsModel::costPerThousand(run);
        QVERIFY(cost);
        QVERIFY2(qFuzzyCompare(*cost, 2.28), qPrintable(QString::number(*cost)));
    }

    void noFailuresReadsZeroNotBlank()
    {
        EndpointResultsModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setRuns({ slowRun() }); // one clean request
        // A blank cell reads as "not measured"; a clean run has 0 failures and says so.
        QCOMPARE(text(model, 0, EndpointResultsModel::FailuresColumn), QStringLiteral("0"));
        QCOMPARE(sortValue(model, 0, EndpointResultsModel::FailuresColumn).toDouble(), 0.0);
    }

    void updatesInPlaceWhileTheRunGoes()
    {
        EndpointResultsModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        EndpointRun fast = fastRun();
        EndpointRun slow = slowRun();
        model.setRuns({ fast, slow });

        QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
        QSignalSpy removed(&model, &QAbstractItemModel::rowsRemoved);
        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        fast.summary.requestsOk = 12;
        fast.summary.ttftMs = dist(110.0, 190.0, 240.0);
        slow.finished = true;
        model.setRuns({ fast, slow });
        // Same endpoints, same order: no reset (a view keeps its scroll and sort), one update.
        QCOMPARE(reset.size(), 0);
        QCOMPARE(removed.size(), 0);
        QCOMPARE(changed.size(), 1);
        QCOMPARE(changed.at(0).at(0).value<QModelIndex>(), model.index(0, 0));
        QCOMPARE(changed.at(0).at(1).value<QModelIndex>(),
                 model.index(1, EndpointResultsModel::ColumnCount - 1));
        QCOMPARE(text(model, 0, EndpointResultsModel::OkColumn), QStringLiteral("12"));
        QCOMPARE(text(model, 0, EndpointResultsModel::TtftP50Column), QStringLiteral("110.0"));
        QVERIFY(model.run(1).finished);

        // Other endpoints (or another order) make other rows.
        model.setRuns({ slow, fast, failingRun() });
        QCOMPARE(model.rowCount(), 3);
        QCOMPARE(text(model, 0, EndpointResultsModel::NameColumn), QStringLiteral("Slow CPU"));
        QCOMPARE(text(model, 2, EndpointResultsModel::NameColumn), QStringLiteral("Down host"));

        model.clear();
        QCOMPARE(model.rowCount(), 0);
        QVERIFY(reset.size() + removed.size() >= 2);
        changed.clear();
        model.clear(); // clearing an empty table says nothing
        QCOMPARE(changed.size(), 0);
        QCOMPARE(model.rowCount(), 0);
    }
};

QTEST_MAIN(TestEndpointResultsModel)
#include "tst_endpointresultsmodel.moc"
