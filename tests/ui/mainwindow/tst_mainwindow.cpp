// The whole window, as a user sees it: panels render, the translation loads.
#include "mainwindow/mainwindow.h"
#include "historypanel/historypanel.h"
#include "models/historyrunmodel.h"

#include "breakdownpanel/breakdownpanel.h"
#include "client/streamingclient.h"
#include "common/i18n.h"
#include "endpoint/embeddedendpoint.h"
#include "endpoints/endpointsidebar.h"
#include "livepanel/livepanel.h"
#include "profiles/profilestore.h"
#include "runspanel/runspanel.h"

#include <QApplication>
#include <QDir>
#include <QScopeGuard>
#include <QListView>
#include <QMenuBar>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QFile>
#include <QTest>
#include <QTranslator>

namespace {
QString artifact(const QString &name)
{
    const QString dir = qEnvironmentVariable("TOKENSCOPE_ARTIFACTS", QDir::tempPath());
    QDir().mkpath(dir);
    return dir + u'/' + name;
}

bool hasCjk(const QString &s)
{
    for (QChar c : s) {
        if (c.unicode() >= 0x4e00 && c.unicode() <= 0x9fff)
            return true;
    }
    return false;
}
} // namespace

class TestMainWindow : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        // A history of its own: the other test programs (ctest -j) share the suite's one, and
        // the newest run must be ours.
        QVERIFY(m_home.isValid());
        qputenv("TOKENSCOPE_HISTORY_DB", QFile::encodeName(m_home.filePath(QStringLiteral("history.sqlite"))));
        QStandardPaths::setTestModeEnabled(true);
        LatencyModel model;
        model.networkMs = 5;
        model.inferenceMs = 40;
        model.generationMsPerToken = 4;
        model.postprocessMs = 5;
        model.jitter = 0;
        QVERIFY(m_embedded.start(model));
        m_profiles.setStorePath(m_dir.filePath(QStringLiteral("endpoints.json")));
        m_profiles.setEmbeddedBaseUrl(m_embedded.baseUrl());
    }

    void panelsRenderAndLiveRequestFeedsBreakdown()
    {
        MainWindow window(&m_profiles, &m_client, &m_embedded);
        window.resize(1500, 950);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QCOMPARE(window.tabs()->count(), 8);
        QCOMPARE(window.sidebar()->checkedProfiles().size(), 1); // the embedded endpoint, first start

        QSignalSpy finished(window.livePanel(), &LivePanel::requestFinished);
        window.showPanel(MainWindow::Panel::Live);
        window.livePanel()->send();
        QVERIFY(finished.wait(10'000));
        QTest::qWait(100);
        QVERIFY(window.grab().save(artifact(QStringLiteral("mainwindow-live.png"))));

        window.showPanel(MainWindow::Panel::Breakdown);
        QTest::qWait(50);
        QVERIFY(window.grab().save(artifact(QStringLiteral("mainwindow-breakdown.png"))));

        window.showPanel(MainWindow::Panel::Runs);
        QSignalSpy runDone(window.runsPanel(), &RunsPanel::runFinished);
        QVERIFY(window.runsPanel()->run());
        QVERIFY(runDone.wait(60'000));
        QTest::qWait(300);
        QVERIFY(window.grab().save(artifact(QStringLiteral("mainwindow-runs.png"))));

        // The run went to the history as it ran; reopening it shows it in the Runs panel again.
        const int finishedRequests = window.runsPanel()->requestTableModel()->rowCount();
        window.historyPanel()->refresh();
        HistoryRunModel *runs = window.historyPanel()->model();
        QVERIFY(runs->rowCount() >= 1);
        const HistoryRun newest = runs->runs().constFirst();
        QCOMPARE(newest.source, QStringLiteral("gui"));
        QCOMPARE(newest.requests, finishedRequests);
        QSignalSpy opened(window.historyPanel(), &HistoryPanel::runOpened);
        QVERIFY(window.historyPanel()->openRun(newest.id));
        QCOMPARE(opened.count(), 1);
        QCOMPARE(window.tabs()->currentWidget(), window.runsPanel());
        QCOMPARE(window.runsPanel()->requestTableModel()->rowCount(), finishedRequests);
        window.showPanel(MainWindow::Panel::History);
        QTest::qWait(100);
        QVERIFY(window.grab().save(artifact(QStringLiteral("mainwindow-history.png"))));
    }

    void ctrlReturnSendsFromAnywhereOnTheLiveTab()
    {
        // A second endpoint on the same server, so that the race has two runners.
        EndpointProfile anthropic;
        anthropic.name = QStringLiteral("Anthropic on the simulator");
        anthropic.protocol = Protocol::Anthropic;
        anthropic.model = QStringLiteral("tokenscope-sim");
        anthropic.baseUrl = m_embedded.baseUrl();
        anthropic.apiKeyEnv = QStringLiteral("TOKENSCOPE_TEST_NO_KEY"); // no keychain lookup to wait for
        const QString second = m_profiles.add(anthropic);
        QVERIFY(!second.isEmpty());
        const auto cleanUp = qScopeGuard([&] { m_profiles.remove(second); });
        MainWindow window(&m_profiles, &m_client, &m_embedded);
        window.sidebar()->setCheckedIds({QStringLiteral("embedded"), second});
        window.resize(1500, 950);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        window.activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(&window));
        auto *list = window.sidebar()->findChild<QListView *>(QStringLiteral("endpointList"));
        QVERIFY(list);
        QSignalSpy finished(window.livePanel(), &LivePanel::requestFinished);

        // Another tab is current: the keys do not reach the Live panel.
        window.showPanel(MainWindow::Panel::Breakdown);
        list->setFocus();
        QVERIFY(list->hasFocus());
        QTest::keyClick(list, Qt::Key_Return, Qt::ControlModifier);
        QVERIFY(!window.livePanel()->isBusy());

        // On the Live tab they send, with the focus in the sidebar, not in the prompt box.
        window.showPanel(MainWindow::Panel::Live);
        list->setFocus();
        QVERIFY(list->hasFocus());
        QTest::keyClick(list, Qt::Key_Return, Qt::ControlModifier);
        QVERIFY(window.livePanel()->isBusy() || finished.count() > 0);
        QTRY_VERIFY_WITH_TIMEOUT(!window.livePanel()->isBusy(), 10'000);
        QCOMPARE(finished.count(), 2);
        QCOMPARE(window.sidebar()->checkedProfiles().size(), 2);
        // The Breakdown panel lists the endpoints in the sidebar's order.
        QStringList sidebarOrder;
        for (const EndpointProfile &p : window.sidebar()->checkedProfiles())
            sidebarOrder.append(p.name);
        QCOMPARE(window.breakdownPanel()->endpointNames(), sidebarOrder);
    }

    void chineseTranslationLoads()
    {
        const QString used = I18n::install(*qApp, QStringLiteral("zh_CN"));
        QCOMPARE(used, QStringLiteral("zh_CN"));
        MainWindow window(&m_profiles, &m_client, &m_embedded);
        window.resize(1500, 950);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        // Tab titles and menus come out in Chinese.
        for (int i = 0; i < window.tabs()->count(); ++i)
            QVERIFY2(hasCjk(window.tabs()->tabText(i)), qPrintable(window.tabs()->tabText(i)));
        const auto menus = window.menuBar()->actions();
        QVERIFY(!menus.isEmpty());
        for (QAction *menu : menus)
            QVERIFY2(hasCjk(menu->text()), qPrintable(menu->text()));
        QVERIFY(window.grab().save(artifact(QStringLiteral("mainwindow-zh_CN.png"))));
        // Leave English behind for any later test.
        const auto translators = qApp->findChildren<QTranslator *>();
        for (QTranslator *t : translators)
            qApp->removeTranslator(t);
    }

private:
    QTemporaryDir m_dir;
    QTemporaryDir m_home;
    EmbeddedEndpointRunner m_embedded;
    ProfileStore m_profiles;
    StreamingClient m_client;
};

QTEST_MAIN(TestMainWindow)
#include "tst_mainwindow.moc"
