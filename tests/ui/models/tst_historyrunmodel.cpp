// HistoryRunModel: the stored runs as a table, one row per run in the order given (newest
// first), with the start in local time, the status in words and the run id under RunIdRole.
#include "models/historyrunmodel.h"

#include <QAbstractItemModelTester>
#include <QLocale>
#include <QSignalSpy>
#include <QTest>

#include <time.h>

namespace {

HistoryRun historyRun(qint64 id, const QDateTime &startedUtc, RunStatus status, const QString &source,
                      const QString &endpointName, const QString &endpointUrl, int requests, int ok)
{
    HistoryRun r;
    r.id = id;
    r.startedAt = startedUtc;
    r.endedAt = status == RunStatus::Running ? QDateTime() : startedUtc.addSecs(90);
    r.status = status;
    r.source = source;
    r.toolVersion = QStringLiteral("0.1.0");
    r.endpointName = endpointName;
    r.endpointUrl = endpointUrl;
    r.model = QStringLiteral("llama-3-8b");
    r.protocol = QStringLiteral("openai-chat");
    r.requests = requests;
    r.requestsOk = ok;
    return r;
}

QDateTime utc(int day, int hour, int minute)
{
    return QDateTime(QDate(2024, 3, day), QTime(hour, minute), Qt::UTC);
}

// Newest first, as HistoryStore::listRuns() returns them.
QList<HistoryRun> threeRuns()
{
    HistoryRun running
        = historyRun(43, utc(5, 7, 0), RunStatus::Running, QStringLiteral("run"),
                     QStringLiteral("Local vLLM"), QStringLiteral("http://10.0.0.5:8000/v1"), 3, 3);
    HistoryRun finished
        = historyRun(42, utc(5, 6, 30), RunStatus::Finished, QStringLiteral("sweep"),
                     QStringLiteral("Local vLLM"), QStringLiteral("http://10.0.0.5:8000/v1"), 12, 10);
    finished.tags = { QStringLiteral("baseline"), QStringLiteral("gpu") };
    // An imported run whose endpoint had no name: its URL stands in.
    HistoryRun imported = historyRun(7, utc(1, 23, 5), RunStatus::Interrupted, QStringLiteral("import"),
                                     QString(), QStringLiteral("https://api.example.com/v1"), 100, 0);
    return { running, finished, imported };
}

QString text(const QAbstractItemModel &model, int row, int column)
{
    return model.index(row, column).data().toString();
}

} // namespace

class TestHistoryRunModel : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
#ifdef Q_OS_UNIX
        // A zone eight hours east of UTC, so that local time and UTC cannot be mistaken.
        qputenv("TZ", "CST-8");
        tzset();
#endif
        QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
    }

    void headersNameEveryColumn()
    {
        HistoryRunModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QCOMPARE(model.rowCount(), 0);
        QCOMPARE(model.columnCount(), int(HistoryRunModel::ColumnCount));
        const auto header = [&model](int section) {
            return model.headerData(section, Qt::Horizontal).toString();
        };
        QCOMPARE(header(HistoryRunModel::Id), QStringLiteral("ID"));
        QCOMPARE(header(HistoryRunModel::Started), QStringLiteral("Started"));
        QCOMPARE(header(HistoryRunModel::Status), QStringLiteral("Status"));
        QCOMPARE(header(HistoryRunModel::Source), QStringLiteral("Source"));
        QCOMPARE(header(HistoryRunModel::Endpoint), QStringLiteral("Endpoint"));
        QCOMPARE(header(HistoryRunModel::Model), QStringLiteral("Model"));
        QCOMPARE(header(HistoryRunModel::Requests), QStringLiteral("OK / requests"));
        QCOMPARE(header(HistoryRunModel::Tags), QStringLiteral("Tags"));
        QVERIFY(!model.headerData(HistoryRunModel::ColumnCount, Qt::Horizontal).isValid());
    }

    void rowsShowEachRun()
    {
        HistoryRunModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
        model.setRuns(threeRuns());
        QCOMPARE(reset.size(), 1);
        QCOMPARE(model.rowCount(), 3);
        QCOMPARE(model.runs().at(1).id, qint64(42));

        // In the order given: newest first.
        QCOMPARE(text(model, 0, HistoryRunModel::Id), QStringLiteral("43"));
        QCOMPARE(text(model, 1, HistoryRunModel::Id), QStringLiteral("42"));
        QCOMPARE(text(model, 2, HistoryRunModel::Id), QStringLiteral("7"));

        QCOMPARE(text(model, 0, HistoryRunModel::Status), RunStatuses::label(RunStatus::Running));
        QCOMPARE(text(model, 1, HistoryRunModel::Status), QStringLiteral("finished"));
        QCOMPARE(text(model, 2, HistoryRunModel::Status), QStringLiteral("interrupted"));
        QCOMPARE(text(model, 1, HistoryRunModel::Source), QStringLiteral("sweep"));
        QCOMPARE(text(model, 1, HistoryRunModel::Model), QStringLiteral("llama-3-8b"));

        // The endpoint by name, its URL in the tooltip; the URL when there is no name.
        QCOMPARE(text(model, 1, HistoryRunModel::Endpoint), QStringLiteral("Local vLLM"));
        QCOMPARE(model.index(1, HistoryRunModel::Endpoint).data(Qt::ToolTipRole).toString(),
                 QStringLiteral("http://10.0.0.5:8000/v1"));
        QCOMPARE(text(model, 2, HistoryRunModel::Endpoint), QStringLiteral("https://api.example.com/v1"));

        QCOMPARE(text(model, 1, HistoryRunModel::Requests), QStringLiteral("10 / 12"));
        QCOMPARE(text(model, 2, HistoryRunModel::Requests), QStringLiteral("0 / 100"));
        QCOMPARE(text(model, 1, HistoryRunModel::Tags), QStringLiteral("baseline, gpu"));
        QCOMPARE(text(model, 0, HistoryRunModel::Tags), QString());

        // The run id under RunIdRole, whichever cell a view hands back.
        for (int column = 0; column < HistoryRunModel::ColumnCount; ++column)
            QCOMPARE(model.index(2, column).data(HistoryRunModel::RunIdRole).toLongLong(), qint64(7));
        QCOMPARE(model.rowOf(42), 1);
        QCOMPARE(model.rowOf(7), 2);
        QCOMPARE(model.rowOf(999), -1);

        const auto alignment = [&model](int column) {
            return Qt::Alignment(model.index(0, column).data(Qt::TextAlignmentRole).toInt());
        };
        QVERIFY(alignment(HistoryRunModel::Id).testFlag(Qt::AlignRight));
        QVERIFY(alignment(HistoryRunModel::Requests).testFlag(Qt::AlignRight));
        QVERIFY(!model.flags(model.index(0, 0)).testFlag(Qt::ItemIsEditable));
    }

    void startIsShownInLocalTime()
    {
        HistoryRunModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setRuns(threeRuns());
        // Stored in UTC, read in the user's zone and format.
        const QLocale locale;
        const QDateTime started = model.runs().at(1).startedAt;
        const QDateTime local = started.toLocalTime();
        const QString cell = text(model, 1, HistoryRunModel::Started);
        QCOMPARE(cell, locale.toString(local, QLocale::ShortFormat));
        QVERIFY2(cell.contains(locale.toString(local.time(), QLocale::ShortFormat)), qPrintable(cell));
#ifdef Q_OS_UNIX
        QCOMPARE(local.time(), QTime(14, 30));
        QVERIFY2(!cell.contains(locale.toString(started.time(), QLocale::ShortFormat)), qPrintable(cell));
        // 23:05 UTC on the 1st is 07:05 on the 2nd here.
        const QString late = text(model, 2, HistoryRunModel::Started);
        QCOMPARE(late, locale.toString(QDateTime(QDate(2024, 3, 2), QTime(7, 5)), QLocale::ShortFormat));
#endif
    }

    void newListReplacesRows()
    {
        HistoryRunModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setRuns(threeRuns());
        // A filter narrows the list; a deleted run goes.
        model.setRuns(threeRuns().mid(1, 1));
        QCOMPARE(model.rowCount(), 1);
        QCOMPARE(model.rowOf(42), 0);
        QCOMPARE(model.rowOf(43), -1);
        QCOMPARE(text(model, 0, HistoryRunModel::Requests), QStringLiteral("10 / 12"));

        QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
        QSignalSpy removed(&model, &QAbstractItemModel::rowsRemoved);
        model.setRuns({});
        QCOMPARE(model.rowCount(), 0);
        QCOMPARE(reset.size() + removed.size(), 1);
        QCOMPARE(model.rowOf(42), -1);
    }
};

QTEST_MAIN(TestHistoryRunModel)
#include "tst_historyrunmodel.moc"
