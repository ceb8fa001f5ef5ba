// The History panel: list and filters, compare (overlaid charts + figures), reopen, tag,
// delete, import/export, and a history that could not be opened.
#include "historypanel/historypanel.h"
#include "models/historyrunmodel.h"

#include "charts/boxplotchart.h"
#include "charts/cdfchart.h"
#include "endpoint/embeddedendpointservice.h"
#include "format/runexport.h"
#include "../../common/widgetlookup.h"

#include <QAbstractItemModelTester>
#include <QDir>
#include <QFile>
#include <QPushButton>
#include <QSignalSpy>
#include <QTableWidget>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>

namespace {

RequestRecord record(int index, double ttftMs, bool ok = true)
{
    RequestRecord r;
    r.index = index;
    RequestTrace &t = r.trace;
    t.startNs = qint64(index) * 10'000'000;
    t.requestSentNs = t.startNs + 100'000;
    if (ok) {
        t.firstTokenNs = t.startNs + qint64(ttftMs * 1e6);
        t.firstAnswerTokenNs = t.firstTokenNs;
        t.chunks = { { t.firstTokenNs, QStringLiteral("a"), 1, false, false },
                     { t.firstTokenNs + 4'000'000, QStringLiteral("b"), 1, false, false } };
        t.lastTokenNs = t.firstTokenNs + 4'000'000;
        t.endNs = t.lastTokenNs + 1'000'000;
        t.httpStatus = 200;
    } else {
        t.error = ErrorClass::Connect;
        t.errorMessage = QStringLiteral("refused");
        t.endNs = t.startNs + 1'000'000;
    }
    r.metrics = Metrics::compute(t);
    return r;
}

ImportedRun run(const QString &endpoint, double baseTtft, int n, int failed = 0)
{
    ImportedRun r;
    LoadConfig c;
    c.endpoint.name = endpoint;
    c.endpoint.baseUrl = QUrl(QStringLiteral("http://127.0.0.1:1/v1"));
    r.settings = RunSettings::fromConfig(c);
    for (int i = 0; i < n; ++i)
        r.records.append(record(i, baseTtft + i, i >= n - failed ? false : true));
    return r;
}

} // namespace

class TestHistoryPanel : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init()
    {
        QVERIFY(m_dir.isValid());
        m_store = std::make_unique<HistoryStore>();
        QVERIFY(m_store->open(m_dir.filePath(QStringLiteral("h%1.sqlite").arg(++m_n))));
        m_fast = m_store->importRun(run(QStringLiteral("fast-gpu"), 20, 10), { QStringLiteral("gpu") });
        m_slow = m_store->importRun(run(QStringLiteral("slow-cpu"), 200, 8, 2));
        m_third = m_store->importRun(run(QStringLiteral("fast-gpu"), 25, 5),
                                     { QStringLiteral("gpu"), QStringLiteral("q4") });
        QVERIFY(m_fast > 0 && m_slow > 0 && m_third > 0);
    }

    void listsAndFilters()
    {
        HistoryPanel panel(m_store.get());
        QAbstractItemModelTester tester(panel.model(),
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        QCOMPARE(panel.model()->rowCount(), 3);
        const QModelIndex requests
            = panel.model()->index(panel.model()->rowOf(m_slow), HistoryRunModel::Requests);
        QCOMPARE(requests.data().toString(), QStringLiteral("6 / 8"));
        HistoryFilter f;
        f.tag = QStringLiteral("gpu");
        panel.setFilter(f);
        QCOMPARE(panel.model()->rowCount(), 2);
        f.tag.clear();
        f.endpoint = QStringLiteral("SLOW");
        panel.setFilter(f);
        QCOMPARE(panel.model()->rowCount(), 1);
        QCOMPARE(panel.model()->runs().constFirst().id, m_slow);
        QCOMPARE(panel.filter().endpoint, QStringLiteral("SLOW"));
        f.endpoint.clear();
        f.from = QDateTime::currentDateTime().addDays(1);
        panel.setFilter(f);
        QCOMPARE(panel.model()->rowCount(), 0);
        panel.setFilter({});
        QCOMPARE(panel.model()->rowCount(), 3);
    }

    void comparesSideBySide()
    {
        HistoryPanel panel(m_store.get());
        panel.selectRuns({ m_fast, m_slow });
        QCOMPARE(panel.selectedRuns().size(), 2);
        QVERIFY(panel.compare(panel.selectedRuns()));
        QCOMPARE(panel.ttftChart()->seriesCount(), 2);
        QCOMPARE(panel.e2eChart()->seriesCount(), 2);
        QCOMPARE(panel.compared().size(), 2);
        QVERIFY(panel.compared().at(0).endpoint.color != panel.compared().at(1).endpoint.color);
        auto *t = child<QTableWidget>(&panel, "figures");
        QVERIFY(t);
        QCOMPARE(t->rowCount(), 2);
        // Rows follow the list order (newest first): the slow run was stored after the fast one.
        const int slowRow = t->item(0, 0)->text().contains(QStringLiteral("slow")) ? 0 : 1;
        QCOMPARE(t->item(slowRow, 1)->text(), QStringLiteral("6"));
        QCOMPARE(t->item(slowRow, 2)->text(), QStringLiteral("2"));
        const RunSummary slow = m_store->loadRun(m_slow)->summary;
        QCOMPARE(t->item(slowRow, 3)->text(), QString::number(slow.ttftMs.p50, 'f', 1));
        QVERIFY(slow.ttftMs.p50 > 200);
        QTemporaryDir out;
        QVERIFY(panel.ttftBoxChart()->exportTo(out.filePath(QStringLiteral("box.svg"))));

        // The comparison as a report: both formats, every chart, the figures table.
        QString error;
        QVERIFY2(panel.exportComparisonReport(out.filePath(QStringLiteral("cmp.html")), &error), qPrintable(error));
        QFile html(out.filePath(QStringLiteral("cmp.html")));
        QVERIFY(html.open(QIODevice::ReadOnly));
        const QByteArray page = html.readAll();
        QCOMPARE(page.count("<svg"), 3);
        QVERIFY(page.contains("slow-cpu"));
        QFile pdf(out.filePath(QStringLiteral("cmp.pdf")));
        QVERIFY(pdf.open(QIODevice::ReadOnly));
        QVERIFY(pdf.read(4) == "%PDF");

        // A picture of the panel for reviewers (not compared against anything).
        QString dir = qEnvironmentVariable("TOKENSCOPE_ARTIFACTS");
        if (dir.isEmpty())
            dir = QDir::temp().filePath(QStringLiteral("tokenscope-artifacts"));
        QDir().mkpath(dir);
        panel.resize(1100, 800);
        panel.show();
        QVERIFY(QTest::qWaitForWindowExposed(&panel));
        panel.grab().save(QDir(dir).filePath(QStringLiteral("history-panel.png")));
        auto *tabs = child<QTabWidget>(&panel, "charts");
        QVERIFY(tabs);
        tabs->setCurrentIndex(1);
        panel.grab().save(QDir(dir).filePath(QStringLiteral("history-panel-cdf.png")));
    }

    void comparisonTakesTheEndpointsColours()
    {
        // Runs compared in the History panel keep the colour their endpoint has everywhere
        // else; a second run of the same endpoint gets a shade of it, not a stranger's colour.
        const auto stored = [this](const QString &id, const QString &name, double ttft) {
            ImportedRun r = run(name, ttft, 4);
            LoadConfig c;
            c.endpoint.id = id;
            c.endpoint.name = name;
            c.endpoint.baseUrl = QUrl(QStringLiteral("http://127.0.0.1:1/v1"));
            r.settings = RunSettings::fromConfig(c, RunSettings::Detail::History);
            return m_store->importRun(r);
        };
        const qint64 a1 = stored(QStringLiteral("id-a"), QStringLiteral("A"), 20);
        const qint64 b = stored(QStringLiteral("id-b"), QStringLiteral("B"), 40);
        const qint64 a2 = stored(QStringLiteral("id-a"), QStringLiteral("A"), 30);
        QVERIFY(a1 > 0 && b > 0 && a2 > 0);
        EndpointProfile pa, pb;
        pa.id = QStringLiteral("id-a");
        pa.color = QStringLiteral("#1f77b4");
        pb.id = QStringLiteral("id-b");
        pb.color = QStringLiteral("#9467bd");
        HistoryPanel panel(m_store.get());
        panel.setEndpoints({ pa, pb });
        QVERIFY(panel.compare({ a1, b, a2, m_slow }));
        QCOMPARE(panel.compared().size(), 4);
        QCOMPARE(panel.compared().at(0).endpoint.color, pa.color);
        QCOMPARE(panel.compared().at(1).endpoint.color, pb.color);
        const QString shade = panel.compared().at(2).endpoint.color;
        QVERIFY(shade != pa.color && shade != pb.color);
        QVERIFY(qAbs(QColor::fromString(shade).hue() - QColor::fromString(pa.color).hue()) <= 2);
        // An endpoint no longer configured: a colour nobody else in the comparison uses.
        const QString other = panel.compared().at(3).endpoint.color;
        QVERIFY(other != pa.color && other != pb.color && other != shade);
        auto *t = child<QTableWidget>(&panel, "figures");
        QVERIFY(t);
        // The endpoint's colour as a swatch beside its name; the name stays in the text colour
        // (an endpoint colour as text colour fell below 4.5:1 on white and on dark).
        QCOMPARE(t->item(1, 0)->data(Qt::DecorationRole).value<QColor>().name(), pb.color);
        QVERIFY(!t->item(1, 0)->data(Qt::ForegroundRole).isValid());
    }

    void embeddedRunsAreOneEndpointInEveryLanguage()
    {
        // The embedded endpoint's name follows the interface language; runs recorded in
        // Chinese and in English must still list, filter and compare as one endpoint.
        const auto stored = [this](const QString &name) {
            ImportedRun r = run(name, 20, 3);
            LoadConfig c;
            c.endpoint = EmbeddedEndpointService::profileFor(QUrl(QStringLiteral("http://127.0.0.1:1")));
            c.endpoint.name = name;
            r.settings = RunSettings::fromConfig(c, RunSettings::Detail::History);
            return m_store->importRun(r);
        };
        const qint64 zh = stored(QStringLiteral("内嵌（模拟）"));
        const qint64 en = stored(QStringLiteral("Embedded (simulated)"));
        QVERIFY(zh > 0 && en > 0);
        HistoryFilter f;
        f.endpoint = QStringLiteral("embedded");
        const QList<HistoryRun> runs = m_store->listRuns(f);
        QCOMPARE(runs.size(), 2);
        for (const HistoryRun &r : runs) {
            QCOMPARE(r.endpointId, QStringLiteral("embedded"));
            QCOMPARE(r.endpointName, QStringLiteral("embedded"));
        }
        HistoryPanel panel(m_store.get());
        panel.setFilter(f);
        QCOMPARE(panel.model()->rowCount(), 2);
        for (int row = 0; row < 2; ++row)
            QCOMPARE(panel.model()->index(row, HistoryRunModel::Endpoint).data().toString(),
                     EmbeddedEndpointService::displayName());
        QVERIFY(panel.compare({ zh, en }));
        QVERIFY(panel.compared().at(0).endpoint.name.endsWith(EmbeddedEndpointService::displayName()));
        QVERIFY(!panel.compared().at(0).endpoint.name.contains(QStringLiteral("内嵌")));
    }

    void reopensARun()
    {
        HistoryPanel panel(m_store.get());
        QSignalSpy opened(&panel, &HistoryPanel::runOpened);
        QVERIFY(panel.openRun(m_slow));
        QCOMPARE(opened.size(), 1);
        const auto run = opened.at(0).at(0).value<HistoryRun>();
        const auto records = opened.at(0).at(1).value<QList<RequestRecord>>();
        const auto summary = opened.at(0).at(2).value<RunSummary>();
        QCOMPARE(run.id, m_slow);
        QCOMPARE(records.size(), 8);
        QCOMPARE(summary.requestsFailed, 2);
        QVERIFY(!panel.openRun(9999));
        QVERIFY(panel.statusText().contains(QStringLiteral("9999")));
        QCOMPARE(opened.size(), 1);
    }

    void tagsDeletesImportsExports()
    {
        HistoryPanel panel(m_store.get());
        QVERIFY(panel.tagRuns({ m_slow }, QStringLiteral("cpu")));
        const QModelIndex tags = panel.model()->index(panel.model()->rowOf(m_slow), HistoryRunModel::Tags);
        QCOMPARE(tags.data().toString(), QStringLiteral("cpu"));
        QVERIFY(!panel.tagRuns({ m_slow }, QString(100, u'x')));
        QVERIFY(panel.deleteRuns({ m_fast, m_third }));
        QCOMPARE(panel.model()->rowCount(), 1);

        QVERIFY(
            panel.importFile(QStringLiteral(TOKENSCOPE_TEST_DATA "/storage/vllm_bench_serve_detailed.json"),
                             QStringLiteral("vllm")));
        QCOMPARE(panel.model()->rowCount(), 2);
        QCOMPARE(panel.selectedRuns().size(), 1);
        const int vllmRow = panel.model()->rowOf(panel.selectedRuns().constFirst());
        QCOMPARE(panel.model()->runs().at(vllmRow).source, QStringLiteral("vllm"));

        QTemporaryDir out;
        const QString path = out.filePath(QStringLiteral("slow.json"));
        QVERIFY(panel.exportRun(m_slow, path));
        QFile f(path);
        QVERIFY(f.open(QIODevice::ReadOnly));
        QString error;
        const auto back = HistoryStore::readExport(f.readAll(), &error);
        QVERIFY2(back, qPrintable(error));
        QCOMPARE(back->records.size(), 8);
        QVERIFY(panel.importFile(path, QStringLiteral("tokenscope")));
        QCOMPARE(panel.model()->rowCount(), 3);

        QVERIFY(!panel.importFile(path, QStringLiteral("vllm"))); // a TokenScope file is no vLLM result
        QVERIFY(panel.statusText().contains(QStringLiteral("--save-detailed")));
        QVERIFY(
            !panel.importFile(out.filePath(QStringLiteral("missing.json")), QStringLiteral("tokenscope")));
        QCOMPARE(panel.model()->rowCount(), 3);
    }

    void importsTheShardsOfARunAsOneRun()
    {
        // Two shards of one run (as run --shard K/2 writes them): imported together, merged.
        HistoryPanel panel(m_store.get());
        const int before = panel.model()->rowCount();
        QTemporaryDir out;
        QStringList paths;
        for (int k = 0; k < 2; ++k) {
            RunDocument shard;
            LoadConfig c;
            c.endpoint.name = QStringLiteral("gpu");
            c.endpoint.baseUrl = QUrl(QStringLiteral("http://127.0.0.1:1/v1"));
            c.requests = 6;
            shard.settings = RunSettings::fromConfig(c);
            for (int i = 0; i < 3; ++i)
                shard.records.append(record(i * 2 + k, 30 + 10 * k));
            ShardInfo info;
            info.index = k;
            info.count = 2;
            info.runId = QStringLiteral("r");
            info.host = QStringLiteral("host%1").arg(k);
            info.settingsFingerprint = QStringLiteral("f");
            info.plannedRequests = 3;
            info.monotonicAnchorNs = 0;
            info.wallAnchorNs = 1'760'000'000'000'000'000 + k * 1'000'000;
            shard.shard = info;
            const QString path = out.filePath(QStringLiteral("shard-%1.json").arg(k));
            QFile f(path);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write(RunExport::runJson(shard).toJson());
            paths.append(path);
        }
        QVERIFY2(panel.importShards(paths), qPrintable(panel.statusText()));
        QCOMPARE(panel.model()->rowCount(), before + 1);
        const int row = panel.model()->rowOf(panel.selectedRuns().constFirst());
        QCOMPARE(panel.model()->runs().at(row).source, QStringLiteral("merge"));
        QCOMPARE(panel.model()->runs().at(row).requests, 6);
        QVERIFY(panel.statusText().contains(QStringLiteral("\"r\"")));

        // One shard is not the run: refused with the reason, nothing stored.
        QVERIFY(!panel.importShards({ paths.at(0) }));
        QVERIFY2(panel.statusText().contains(QStringLiteral("missing")), qPrintable(panel.statusText()));
        QCOMPARE(panel.model()->rowCount(), before + 1);
    }

    void unavailableHistory()
    {
        HistoryStore closed;
        QVERIFY(!closed.open(QStringLiteral(TOKENSCOPE_TEST_DATA "/storage/vllm_bench_serve_detailed.json")));
        HistoryPanel panel(&closed);
        QCOMPARE(panel.model()->rowCount(), 0);
        QVERIFY(panel.statusText().contains(QStringLiteral("not available")));
        QVERIFY(panel.statusText().contains(QStringLiteral("damaged")));
        const auto buttons = panel.findChildren<QPushButton *>();
        for (QPushButton *b : buttons) {
            if (b->text() != HistoryPanel::tr("Refresh"))
                QVERIFY2(!b->isEnabled(), qPrintable(b->text()));
        }
        QVERIFY(!panel.compare({ 1 }));
    }

private:
    QTemporaryDir m_dir;
    std::unique_ptr<HistoryStore> m_store;
    qint64 m_fast = 0, m_slow = 0, m_third = 0;
    int m_n = 0;
};

QTEST_MAIN(TestHistoryPanel)
#include "tst_historypanel.moc"
