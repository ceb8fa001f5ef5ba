// RequestTableModel: one row per finished request of every endpoint, appended in batches,
// formatted for reading, numeric under SortRole, and addressable by RequestKey.
#include "models/requesttablemodel.h"

#include "client/requesttrace.h"

#include <QAbstractItemModelTester>
#include <QColor>
#include <QLocale>
#include <QSignalSpy>
#include <QSortFilterProxyModel>
#include <QTest>

namespace {

EndpointProfile endpoint(const QString &id, const QString &name, const QString &color)
{
    EndpointProfile e;
    e.id = id;
    e.name = name;
    e.color = color;
    e.baseUrl = QUrl(QStringLiteral("https://%1.example.com/v1").arg(id));
    return e;
}

RequestRecord ok(int index, double ttftMs, double e2eMs, qint64 tokens, bool reused = false)
{
    RequestRecord r;
    r.index = index;
    r.trace.httpStatus = 200;
    r.trace.reusedConnection = reused;
    r.metrics.ok = true;
    r.metrics.ttftMs = ttftMs;
    r.metrics.ttfatMs = ttftMs + 10.0;
    r.metrics.e2eMs = e2eMs;
    r.metrics.tpotMs
        = tokens > 1 ? std::optional<double>((e2eMs - ttftMs) / double(tokens - 1)) : std::nullopt;
    r.metrics.outputTokens = tokens;
    return r;
}

RequestRecord failed(int index, ErrorClass error, int httpStatus, const QString &message, double e2eMs)
{
    RequestRecord r;
    r.index = index;
    r.trace.httpStatus = httpStatus;
    r.trace.error = error;
    r.trace.errorMessage = message;
    r.metrics.ok = false;
    r.metrics.e2eMs = e2eMs;
    return r;
}

QString text(const QAbstractItemModel &model, int row, int column)
{
    return model.index(row, column).data().toString();
}

QVariant sortValue(const QAbstractItemModel &model, int row, int column)
{
    return model.index(row, column).data(RequestTableModel::SortRole);
}

} // namespace

class TestRequestTableModel : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        // Figures are formatted in the user's locale; pin one so the expected texts hold anywhere.
        QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
    }

    void headersCarryUnits()
    {
        RequestTableModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QCOMPARE(model.rowCount(), 0);
        QCOMPARE(model.columnCount(), int(RequestTableModel::ColumnCount));
        const auto header = [&model](int section, int role = Qt::DisplayRole) {
            return model.headerData(section, Qt::Horizontal, role).toString();
        };
        QCOMPARE(header(RequestTableModel::EndpointColumn), QStringLiteral("Endpoint"));
        QCOMPARE(header(RequestTableModel::IndexColumn), QStringLiteral("#"));
        QCOMPARE(header(RequestTableModel::StatusColumn), QStringLiteral("Status"));
        QCOMPARE(header(RequestTableModel::ErrorColumn), QStringLiteral("Error"));
        QCOMPARE(header(RequestTableModel::TtftColumn), QStringLiteral("TTFT (ms)"));
        QCOMPARE(header(RequestTableModel::TtfaColumn), QStringLiteral("TTFA (ms)"));
        QCOMPARE(header(RequestTableModel::E2eColumn), QStringLiteral("E2E (ms)"));
        QCOMPARE(header(RequestTableModel::TpotColumn), QStringLiteral("TPOT (ms)"));
        QCOMPARE(header(RequestTableModel::TokensColumn), QStringLiteral("Tokens"));
        QCOMPARE(header(RequestTableModel::ReusedColumn), QStringLiteral("Reused"));
        for (int c : { RequestTableModel::TtftColumn, RequestTableModel::TtfaColumn,
                       RequestTableModel::E2eColumn, RequestTableModel::TpotColumn })
            QVERIFY2(header(c, Qt::ToolTipRole).contains(QStringLiteral("milliseconds")),
                     qPrintable(header(c)));
        QVERIFY(!model.headerData(RequestTableModel::ColumnCount, Qt::Horizontal).isValid());
        QVERIFY(!model.headerData(0, Qt::Vertical).isValid());
    }

    void appendsEachBatchInOneInsertion()
    {
        RequestTableModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
        const EndpointProfile a
            = endpoint(QStringLiteral("a"), QStringLiteral("Alpha"), QStringLiteral("#1f77b4"));
        const EndpointProfile b
            = endpoint(QStringLiteral("b"), QStringLiteral("Beta"), QStringLiteral("#ff7f0e"));

        model.appendRecords(a, { ok(2, 100.0, 900.0, 32), ok(0, 110.0, 950.0, 32), ok(1, 120.0, 990.0, 32) });
        QCOMPARE(inserted.size(), 1);
        QCOMPARE(inserted.at(0).at(1).toInt(), 0);
        QCOMPARE(inserted.at(0).at(2).toInt(), 2);
        model.appendRecords(b, { ok(0, 300.0, 2000.0, 16), ok(1, 310.0, 2100.0, 16) });
        QCOMPARE(inserted.size(), 2);
        QCOMPARE(inserted.at(1).at(1).toInt(), 3);
        QCOMPARE(inserted.at(1).at(2).toInt(), 4);
        model.appendRecords(b, {}); // nothing to add, nothing to say
        QCOMPARE(inserted.size(), 2);
        QCOMPARE(model.rowCount(), 5);

        // Rows stay in the order they finished; each is found by (endpoint, schedule index).
        QCOMPARE(text(model, 0, RequestTableModel::IndexColumn), QStringLiteral("2"));
        QCOMPARE(model.rowOf(RequestKey { QStringLiteral("a"), 0 }), 1);
        QCOMPARE(model.rowOf(RequestKey { QStringLiteral("b"), 0 }), 3); // same index, other endpoint
        QCOMPARE(model.rowOf(RequestKey { QStringLiteral("b"), 7 }), -1);
        QCOMPARE(model.rowOf(RequestKey { QStringLiteral("c"), 0 }), -1);
        QCOMPARE(model.keyAt(4), (RequestKey { QStringLiteral("b"), 1 }));
        QVERIFY(!model.keyAt(5).isValid());
        QVERIFY(!model.keyAt(-1).isValid());
        QCOMPARE(model.recordAt(3).metrics.ttftMs.value_or(0), 300.0);

        const QModelIndex cell = model.index(3, RequestTableModel::TtftColumn);
        QCOMPARE(cell.data(RequestTableModel::KeyRole).value<RequestKey>(),
                 (RequestKey { QStringLiteral("b"), 0 }));
        QCOMPARE(cell.data(RequestTableModel::EndpointIdRole).toString(), QStringLiteral("b"));
        QCOMPARE(cell.data(RequestTableModel::RequestIndexRole).toInt(), 0);

        // The endpoint's name in its colour.
        QCOMPARE(text(model, 3, RequestTableModel::EndpointColumn), QStringLiteral("Beta"));
        QCOMPARE(model.index(3, RequestTableModel::EndpointColumn).data(Qt::DecorationRole).value<QColor>(),
                 QColor(0xff, 0x7f, 0x0e));
        QVERIFY(!model.index(3, RequestTableModel::TtftColumn).data(Qt::DecorationRole).isValid());
    }

    void cellsShowWhatHappened()
    {
        RequestTableModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        RequestRecord warm = ok(0, 500.0, 1500.0, 8);
        warm.warmup = true;
        RequestRecord cancelled = failed(4, ErrorClass::Cancelled, 200, QString(), 40.0);
        model.appendRecords(
            endpoint(QStringLiteral("a"), QStringLiteral("Alpha"), QStringLiteral("#1f77b4")),
            { warm, ok(1, 120.4, 950.44, 64, true),
              failed(2, ErrorClass::HttpStatus, 503, QStringLiteral("Service Unavailable"), 15.0),
              failed(3, ErrorClass::Connect, 0, QStringLiteral("Connection refused"), 2.0), cancelled });
        QCOMPARE(model.rowCount(), 5);

        // A successful request: milliseconds with one decimal, counts as integers.
        QCOMPARE(text(model, 1, RequestTableModel::StatusColumn), QStringLiteral("ok"));
        QCOMPARE(text(model, 1, RequestTableModel::ErrorColumn), QString());
        QCOMPARE(text(model, 1, RequestTableModel::TtftColumn), QStringLiteral("120.4"));
        QCOMPARE(text(model, 1, RequestTableModel::TtfaColumn), QStringLiteral("130.4"));
        QCOMPARE(text(model, 1, RequestTableModel::E2eColumn), QStringLiteral("950.4"));
        QCOMPARE(text(model, 1, RequestTableModel::TpotColumn), QStringLiteral("13.2")); // (950.44-120.4)/63
        QCOMPARE(text(model, 1, RequestTableModel::TokensColumn), QStringLiteral("64"));
        QCOMPARE(text(model, 1, RequestTableModel::ReusedColumn), QStringLiteral("yes"));
        QCOMPARE(sortValue(model, 1, RequestTableModel::TtftColumn).toDouble(), 120.4);
        QCOMPARE(sortValue(model, 1, RequestTableModel::E2eColumn).toDouble(), 950.44);
        QCOMPARE(sortValue(model, 1, RequestTableModel::TokensColumn).toDouble(), 64.0);
        QCOMPARE(sortValue(model, 1, RequestTableModel::ReusedColumn).toInt(), 1);
        QCOMPARE(sortValue(model, 1, RequestTableModel::IndexColumn).toInt(), 1);

        // A warm-up says so.
        QCOMPARE(text(model, 0, RequestTableModel::StatusColumn), QStringLiteral("ok (warm-up)"));
        QCOMPARE(text(model, 0, RequestTableModel::ReusedColumn), QStringLiteral("no"));

        // An HTTP error: the status code, the class and the server's message; no timings.
        QCOMPARE(text(model, 2, RequestTableModel::StatusColumn), QStringLiteral("HTTP 503"));
        QCOMPARE(text(model, 2, RequestTableModel::ErrorColumn),
                 ErrorClasses::label(ErrorClass::HttpStatus) + QStringLiteral(": Service Unavailable"));
        QCOMPARE(model.index(2, RequestTableModel::ErrorColumn).data(Qt::ToolTipRole).toString(),
                 QStringLiteral("Service Unavailable"));
        QCOMPARE(text(model, 2, RequestTableModel::TtftColumn), QStringLiteral("—"));
        QCOMPARE(text(model, 2, RequestTableModel::TpotColumn), QStringLiteral("—"));
        QCOMPARE(text(model, 2, RequestTableModel::E2eColumn), QStringLiteral("15.0"));
        QCOMPARE(sortValue(model, 2, RequestTableModel::ErrorColumn).toString(),
                 QStringLiteral("http-status"));

        // No answer at all: "failed"; a cancellation says it was cancelled.
        QCOMPARE(text(model, 3, RequestTableModel::StatusColumn), QStringLiteral("failed"));
        QCOMPARE(text(model, 3, RequestTableModel::ErrorColumn),
                 ErrorClasses::label(ErrorClass::Connect) + QStringLiteral(": Connection refused"));
        QCOMPARE(text(model, 4, RequestTableModel::StatusColumn), QStringLiteral("cancelled"));
        QCOMPARE(text(model, 4, RequestTableModel::ErrorColumn), ErrorClasses::label(ErrorClass::Cancelled));

        // Failures sort after successes, cancellations last.
        QCOMPARE(sortValue(model, 1, RequestTableModel::StatusColumn).toInt(), 0);
        QCOMPARE(sortValue(model, 2, RequestTableModel::StatusColumn).toInt(), 1);
        QCOMPARE(sortValue(model, 3, RequestTableModel::StatusColumn).toInt(), 1);
        QCOMPARE(sortValue(model, 4, RequestTableModel::StatusColumn).toInt(), 2);
        QCOMPARE(sortValue(model, 1, RequestTableModel::EndpointColumn).toString(), QStringLiteral("Alpha"));

        // Text left, numbers right; read-only.
        const auto alignment = [&model](int column) {
            return Qt::Alignment(model.index(1, column).data(Qt::TextAlignmentRole).toInt());
        };
        QVERIFY(alignment(RequestTableModel::EndpointColumn).testFlag(Qt::AlignLeft));
        QVERIFY(alignment(RequestTableModel::StatusColumn).testFlag(Qt::AlignLeft));
        QVERIFY(alignment(RequestTableModel::ErrorColumn).testFlag(Qt::AlignLeft));
        QVERIFY(alignment(RequestTableModel::TtftColumn).testFlag(Qt::AlignRight));
        QVERIFY(alignment(RequestTableModel::TokensColumn).testFlag(Qt::AlignRight));
        QVERIFY(!model.flags(model.index(1, 0)).testFlag(Qt::ItemIsEditable));
    }

    void streamFailureAfterHttp200IsNotShownAsHttp200()
    {
        RequestTableModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        // The server answered 200, streamed some tokens, then the connection dropped: a failed
        // request must not read like a successful HTTP exchange in the Status column.
        RequestRecord stalled
            = failed(0, ErrorClass::StallTimeout, 200, QStringLiteral("no bytes for 30 s"), 30500.0);
        stalled.metrics.ttftMs = 150.0;
        stalled.metrics.outputTokens = 12;
        model.appendRecords(
            endpoint(QStringLiteral("a"), QStringLiteral("Alpha"), QStringLiteral("#1f77b4")),
            { stalled, failed(1, ErrorClass::Reset, 200, QStringLiteral("truncated"), 800.0) });
        for (int row = 0; row < model.rowCount(); ++row) {
            const QString status = text(model, row, RequestTableModel::StatusColumn);
            QVERIFY2(status != QStringLiteral("HTTP 200") && status != QStringLiteral("ok"),
                     qPrintable(status));
            QCOMPARE(sortValue(model, row, RequestTableModel::StatusColumn).toInt(), 1);
        }
        QCOMPARE(text(model, 0, RequestTableModel::TtftColumn), QStringLiteral("150.0"));
        QCOMPARE(text(model, 0, RequestTableModel::ErrorColumn),
                 ErrorClasses::label(ErrorClass::StallTimeout) + QStringLiteral(": no bytes for 30 s"));
    }

    void proxySortsByLatencyAndStatus()
    {
        RequestTableModel model;
        QSortFilterProxyModel proxy;
        proxy.setSourceModel(&model);
        proxy.setSortRole(RequestTableModel::SortRole);
        QAbstractItemModelTester tester(&proxy, QAbstractItemModelTester::FailureReportingMode::QtTest);
        const EndpointProfile a
            = endpoint(QStringLiteral("a"), QStringLiteral("Alpha"), QStringLiteral("#1f77b4"));
        model.appendRecords(a, { ok(0, 95.0, 900.0, 10), ok(1, 1000.0, 2000.0, 10) });
        model.appendRecords(a,
                            { failed(2, ErrorClass::Cancelled, 0, QString(), 1.0), ok(3, 123.0, 950.0, 10),
                              failed(4, ErrorClass::Reset, 0, QStringLiteral("reset"), 10.0) });

        // Numerically: 95 < 123 < 1000 (as text "1,000.0" would come first).
        proxy.sort(RequestTableModel::E2eColumn, Qt::DescendingOrder);
        QCOMPARE(proxy.index(0, RequestTableModel::IndexColumn).data().toInt(), 1);
        proxy.sort(RequestTableModel::TtftColumn, Qt::DescendingOrder);
        QCOMPARE(proxy.index(0, RequestTableModel::IndexColumn).data().toInt(), 1);
        QCOMPARE(proxy.index(1, RequestTableModel::IndexColumn).data().toInt(), 3);
        QCOMPARE(proxy.index(2, RequestTableModel::IndexColumn).data().toInt(), 0);

        proxy.sort(RequestTableModel::StatusColumn, Qt::AscendingOrder);
        QCOMPARE(proxy.index(3, RequestTableModel::IndexColumn).data().toInt(), 4);
        QCOMPARE(proxy.index(4, RequestTableModel::IndexColumn).data().toInt(), 2);

        // Rows arriving under a sorted proxy land in place.
        model.appendRecords(a, { failed(5, ErrorClass::Cancelled, 0, QString(), 1.0) });
        QCOMPARE(proxy.rowCount(), 6);
        QCOMPARE(proxy.index(5, RequestTableModel::StatusColumn).data().toString(),
                 QStringLiteral("cancelled"));
    }

    void clearForgetsRowsAndKeys()
    {
        RequestTableModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        const EndpointProfile a
            = endpoint(QStringLiteral("a"), QStringLiteral("Alpha"), QStringLiteral("#1f77b4"));
        model.appendRecords(a, { ok(0, 95.0, 900.0, 10), ok(1, 100.0, 910.0, 10) });
        QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
        QSignalSpy removed(&model, &QAbstractItemModel::rowsRemoved);
        model.clear();
        QCOMPARE(model.rowCount(), 0);
        QCOMPARE(reset.size() + removed.size(), 1);
        QCOMPARE(model.rowOf(RequestKey { QStringLiteral("a"), 0 }), -1);
        model.clear();
        QCOMPARE(reset.size() + removed.size(), 1);

        // A new run starts its rows at 0 again.
        model.appendRecords(a, { ok(1, 100.0, 910.0, 10) });
        QCOMPARE(model.rowOf(RequestKey { QStringLiteral("a"), 1 }), 0);
        QCOMPARE(text(model, 0, RequestTableModel::TtftColumn), QStringLiteral("100.0"));
    }
};

QTEST_MAIN(TestRequestTableModel)
#include "tst_requesttablemodel.moc"
