// The layout audit: the whole workbench filled with real results (a Live race, a run, a
// batching sweep on the simulator and on the endpoint, a cache replay, a compressor A/B, two
// stored runs compared in History, an Impact table), then every panel and every tab inside
// it walked in light and dark at 1280×800 and 1920×1080, and the dialogs too. A finding is
// what a user would notice: text cut off, widgets on top of each other, a chart with nothing
// to say, contrast below WCAG's. Each state is also saved as a PNG for people to look at.
//
// The language comes from TOKENSCOPE_AUDIT_LANGUAGE (en or zh_CN; ctest runs both).
#include "layoutaudit.h"

#include "../../common/widgetlookup.h"
#include "batchingpanel/batchingpanel.h"
#include "batchingpanel/endpointsweeppage.h"
#include "batchingpanel/simulationpage.h"
#include "cachepanel/cachepanel.h"
#include "charts/chartexport.h"
#include "charts/chartview.h"
#include "client/streamingclient.h"
#include "common/i18n.h"
#include "compressorpanel/compressorpanel.h"
#include "endpoint/embeddedendpoint.h"
#include "endpoints/endpointdialog.h"
#include "endpoints/endpointsidebar.h"
#include "historypanel/historypanel.h"
#include "impactpanel/impactpanel.h"
#include "livepanel/livepanel.h"
#include "mainwindow/apptheme.h"
#include "mainwindow/mainwindow.h"
#include "mainwindow/settingsdialog.h"
#include "models/historyrunmodel.h"
#include "profiles/profilestore.h"
#include "profiles/secretstore.h"
#include "runspanel/runconfigwidget.h"
#include "runspanel/runspanel.h"

#include <QApplication>
#include <QComboBox>
#include <QDir>
#include <QFile>
#include <QFileDialog>
#include <QInputDialog>
#include <QLineEdit>
#include <QMap>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QRegularExpression>
#include <QSet>
#include <QRadioButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QStandardPaths>
#include <QLayout>
#include <QScreen>
#include <QStyle>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <QTranslator>

using LayoutAudit::Finding;

namespace {

const QList<QSize> &windowSizes()
{
    static const QList<QSize> sizes { QSize(1280, 800), QSize(1920, 1080) };
    return sizes;
}

const QStringList &panelNames()
{
    static const QStringList names { QStringLiteral("live"),       QStringLiteral("runs"),
                                     QStringLiteral("breakdown"),  QStringLiteral("batching"),
                                     QStringLiteral("cache"),      QStringLiteral("compressor"),
                                     QStringLiteral("history"),    QStringLiteral("impact") };
    return names;
}

QString language()
{
    const QString lang = qEnvironmentVariable("TOKENSCOPE_AUDIT_LANGUAGE");
    return lang.isEmpty() ? QStringLiteral("en") : lang;
}

QString screenshotDir()
{
    const QString dir = qEnvironmentVariable("TOKENSCOPE_SCREENSHOTS", QStringLiteral(TOKENSCOPE_SCREENSHOTS));
    QDir().mkpath(dir);
    return dir;
}

/// A finding without its figures (pixel counts, rows, measured values), so that the same
/// problem reads the same from run to run.
QString normalized(const QString &finding)
{
    static const QRegularExpression digits(QStringLiteral("[0-9]+([.,][0-9]+)?"));
    QString key = finding;
    // Where Qt Charts cuts a label depends on the measured values' widths: one entry per chart.
    if (key.contains(QStringLiteral("truncated by Qt Charts")) || key.contains(QStringLiteral("sticks out of the chart")))
        key = key.left(key.indexOf(QStringLiteral(" [\"")));
    key.replace(digits, QStringLiteral("#"));
    return key;
}

/// Findings accepted for a while, one normalised finding per line
/// (tests/ui/audit/known-findings-<language>.txt; there is none today, and no file: every
/// finding fails the audit). A listed finding is shown, not hidden: the audit fails on any
/// finding not in the list, and says which listed ones are gone so that the list only
/// shrinks. TOKENSCOPE_AUDIT_WRITE_KNOWN=1 adds this run's findings to it.
QString knownFile()
{
    return QStringLiteral(TOKENSCOPE_AUDIT_SOURCE_DIR "/known-findings-%1.txt").arg(language());
}

QSet<QString> readKnown(const QString &function)
{
    QSet<QString> known;
    QFile file(knownFile());
    if (!file.open(QIODevice::ReadOnly))
        return known;
    const QString prefix = function + QStringLiteral(": ");
    const QStringList lines = QString::fromUtf8(file.readAll()).split(u'\n');
    for (const QString &line : lines) {
        if (line.startsWith(prefix))
            known.insert(line.mid(prefix.size()));
    }
    return known;
}

void writeKnown(const QString &function, const QStringList &keys)
{
    QFile file(knownFile());
    QStringList lines;
    if (file.open(QIODevice::ReadOnly)) {
        const QStringList old = QString::fromUtf8(file.readAll()).split(u'\n', Qt::SkipEmptyParts);
        // Merged, not replaced: a finding that shows in some runs only (a measured value's
        // width) stays listed. Fixed ones are removed by hand, as the audit asks.
        lines = old;
        file.close();
    }
    for (const QString &key : keys)
        lines.append(function + QStringLiteral(": ") + key);
    lines.sort();
    lines.removeDuplicates();
    if (file.open(QIODevice::WriteOnly | QIODevice::Truncate))
        file.write((lines.join(u'\n') + u'\n').toUtf8());
}

/// Findings gathered over many states; the same finding in several states is listed once,
/// with the states it was seen in.
class Findings
{
public:
    void add(const QList<Finding> &found, const QString &state)
    {
        for (const Finding &f : found) {
            const QString key = f.toString();
            if (!m_states.contains(key))
                m_order.append(key);
            if (!m_states[key].contains(state))
                m_states[key].append(state);
        }
    }

    /// Findings not among the known ones, as a report; empty when there are none. Prints
    /// everything (QTest cuts long failure messages) and keeps it beside the screenshots.
    QString unexpected(const QString &function) const
    {
        QStringList keys;
        for (const QString &key : m_order)
            keys.append(normalized(key));
        keys.removeDuplicates();
        if (qEnvironmentVariableIsSet("TOKENSCOPE_AUDIT_WRITE_KNOWN")) {
            writeKnown(function, keys);
            return {};
        }
        const QSet<QString> known = readKnown(function);
        QString out;
        int fresh = 0;
        for (const QString &key : m_order) {
            if (known.contains(normalized(key)))
                continue;
            ++fresh;
            const QStringList &states = m_states[key];
            out += QStringLiteral("  %1\n      seen in: %2%3\n")
                       .arg(key, states.mid(0, 4).join(QStringLiteral(", ")),
                            states.size() > 4 ? QStringLiteral(" and %1 more").arg(states.size() - 4) : QString());
        }
        int gone = 0;
        for (const QString &k : known) {
            if (!keys.contains(k)) {
                ++gone;
                qInfo().noquote() << "fixed (remove it from" << knownFile() << "):" << k;
            }
        }
        qInfo().noquote() << QStringLiteral("%1: %2 finding(s) in all, %3 known, %4 new, %5 known ones gone")
                                 .arg(function).arg(keys.size()).arg(keys.size() - fresh).arg(fresh).arg(gone);
        QFile file(QDir(screenshotDir()).filePath(QStringLiteral("findings-%1-%2.txt").arg(language(), function)));
        if (file.open(QIODevice::WriteOnly | QIODevice::Truncate)) {
            for (const QString &key : m_order)
                file.write((key + QStringLiteral("\n      seen in: ") + m_states[key].join(QStringLiteral(", ")) + u'\n').toUtf8());
        }
        if (fresh == 0)
            return {};
        const QStringList lines = out.split(u'\n');
        for (const QString &line : lines)
            qInfo().noquote() << line;
        return QStringLiteral("%1 new finding(s), listed above; all findings are in %2").arg(fresh).arg(file.fileName());
    }

private:
    QStringList m_order;
    QMap<QString, QStringList> m_states;
};

LatencyModel quickModel()
{
    LatencyModel model;
    model.networkMs = 4;
    model.promptMsPerToken = 0.05;
    model.inferenceMs = 30;
    model.generationMsPerToken = 3;
    model.postprocessMs = 4;
    model.jitter = 0.15;
    return model;
}

void setTheme(bool dark)
{
    qApp->setPalette(dark ? AppTheme::darkPalette() : AppTheme::lightPalette());
    QApplication::processEvents();
}

} // namespace

class TestLayoutAudit : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY(m_dir.isValid());
        // Findings of an earlier run would read as this run's.
        const QStringList stale = QDir(screenshotDir()).entryList({ QStringLiteral("findings-%1-*.txt").arg(language()) });
        for (const QString &name : stale)
            QFile::remove(QDir(screenshotDir()).filePath(name));
        // A history of our own: the audit stores runs and must find exactly those.
        qputenv("TOKENSCOPE_HISTORY_DB", m_dir.filePath(QStringLiteral("history.sqlite")).toLocal8Bit());
        QApplication::setStyle(AppTheme::createStyle());
        // English too, as the application does: its catalogue holds the plural forms.
        QCOMPARE(I18n::install(*qApp, language()), language());
        QVERIFY(m_embedded.start(quickModel()));
        m_profiles.setStorePath(m_dir.filePath(QStringLiteral("endpoints.json")));
        m_profiles.setEmbeddedBaseUrl(m_embedded.baseUrl());
        EndpointProfile second;
        second.name = QStringLiteral("Anthropic-style simulator");
        second.protocol = Protocol::Anthropic;
        second.model = QStringLiteral("tokenscope-sim");
        second.baseUrl = m_embedded.baseUrl();
        second.apiKeyEnv = QStringLiteral("TOKENSCOPE_AUDIT_NO_KEY"); // no keychain lookup
        second.color = QStringLiteral("#8e44ad");
        m_second = m_profiles.add(second);
        QVERIFY(!m_second.isEmpty());
    }

    /// A first start: every panel empty. Charts must say what fills them.
    void emptyWorkbench()
    {
        MainWindow window(&m_profiles, &m_client, &m_embedded);
        window.sidebar()->setCheckedIds({ QStringLiteral("embedded"), m_second });
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        Findings findings;
        for (bool dark : { false, true }) {
            setTheme(dark);
            walkWindow(window, QSize(1280, 800), dark, QStringLiteral("empty"), findings);
        }
        setTheme(false);
        {
            const QString unexpected = findings.unexpected(QString::fromLatin1(QTest::currentTestFunction()));
            QVERIFY2(unexpected.isEmpty(), qPrintable(unexpected));
        }
    }

    /// Every panel with real results, both themes, both sizes.
    void filledWorkbench()
    {
        MainWindow window(&m_profiles, &m_client, &m_embedded);
        window.sidebar()->setCheckedIds({ QStringLiteral("embedded"), m_second });
        window.resize(1600, 1000);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        fill(window);
        if (QTest::currentTestFailed())
            return;
        Findings findings;
        for (bool dark : { false, true }) {
            setTheme(dark);
            for (const QSize &size : windowSizes())
                walkWindow(window, size, dark, QString(), findings);
        }
        setTheme(false);
        {
            const QString unexpected = findings.unexpected(QString::fromLatin1(QTest::currentTestFunction()));
            QVERIFY2(unexpected.isEmpty(), qPrintable(unexpected));
        }
    }

    void dialogs()
    {
        Findings findings;
        for (bool dark : { false, true }) {
            setTheme(dark);
            const QString state = language() + (dark ? QStringLiteral(" dark") : QStringLiteral(" light"));
            const QString tag = language() + (dark ? QStringLiteral("-dark") : QStringLiteral("-light"));
            {
                SecretStore secrets;
                EndpointDialog dialog(&m_profiles, &secrets);
                dialog.show();
                QVERIFY(QTest::qWaitForWindowExposed(&dialog));
                QTest::qWait(50);
                findings.add(LayoutAudit::audit(&dialog), state + QStringLiteral(", new endpoint"));
                dialog.grab().save(shotPath(tag, QStringLiteral("dialog-endpoint")));
                // An invalid address: the message under the field must fit too.
                if (auto *url = child<QLineEdit>(&dialog, "baseUrlEdit")) {
                    url->setText(QStringLiteral("http://bad host:99999/v1"));
                    QTest::qWait(50);
                    findings.add(LayoutAudit::audit(&dialog), state + QStringLiteral(", endpoint with a bad URL"));
                    dialog.grab().save(shotPath(tag, QStringLiteral("dialog-endpoint-error")));
                }
            }
            {
                SettingsDialog dialog;
                dialog.show();
                QVERIFY(QTest::qWaitForWindowExposed(&dialog));
                findings.add(LayoutAudit::audit(&dialog), state + QStringLiteral(", settings"));
                dialog.grab().save(shotPath(tag, QStringLiteral("dialog-settings")));
            }
            auditExportDialogs(findings, state, tag);
        }
        setTheme(false);
        {
            const QString unexpected = findings.unexpected(QString::fromLatin1(QTest::currentTestFunction()));
            QVERIFY2(unexpected.isEmpty(), qPrintable(unexpected));
        }
    }

    void cleanupTestCase()
    {
        const auto translators = qApp->findChildren<QTranslator *>();
        for (QTranslator *t : translators)
            qApp->removeTranslator(t);
    }

private:
    QString shotPath(const QString &state, const QString &name) const
    {
        QDir dir(screenshotDir());
        dir.mkpath(state);
        return dir.filePath(state + u'/' + name + QStringLiteral(".png"));
    }

    /// Fills every panel as a user would, with short runs on the embedded endpoint.
    void fill(MainWindow &window)
    {
        // Live: a race of the two endpoints.
        window.showPanel(MainWindow::Panel::Live);
        QSignalSpy live(window.livePanel(), &LivePanel::requestFinished);
        window.livePanel()->send();
        QTRY_VERIFY_WITH_TIMEOUT(live.count() >= 2 && !window.livePanel()->isBusy(), 20'000);

        // Runs: two runs, so that History has two to compare.
        RunsPanel *runs = window.runsPanel();
        RunConfigWidget *config = runs->configWidget();
        child<QRadioButton>(config, "promptInline")->setChecked(true);
        child<QPlainTextEdit>(config, "promptText")->setPlainText(QStringLiteral("Explain what a KV cache is."));
        child<QSpinBox>(config, "requests")->setValue(24);
        child<QSpinBox>(config, "concurrency")->setValue(4);
        child<QSpinBox>(config, "warmup")->setValue(0);
        child<QSpinBox>(config, "maxTokens")->setValue(24);
        window.showPanel(MainWindow::Panel::Runs);
        for (int i = 0; i < 2; ++i) {
            QSignalSpy done(runs, &RunsPanel::runFinished);
            QVERIFY(runs->run());
            QVERIFY(done.wait(60'000));
        }

        // Batching: a simulated sweep, the rules compared, and a short endpoint sweep.
        BatchingPanel *batching = window.batchingPanel();
        SimulationPage *simulation = batching->simulationPage();
        child<QSpinBox>(simulation, "requests")->setValue(300);
        child<QLineEdit>(simulation, "batchSizes")->setText(QStringLiteral("1, 2, 4, 8, 16"));
        child<QLineEdit>(simulation, "waits")->setText(QStringLiteral("0, 20"));
        QSignalSpy simulated(simulation, &SimulationPage::sweepFinished);
        child<QPushButton>(simulation, "runSweep")->click();
        QVERIFY(simulated.wait(60'000));
        if (auto *compare = simulation->findChild<QPushButton *>(QStringLiteral("compareRules"))) {
            compare->click();
            QTest::qWait(500);
        }
        EndpointSweepPage *sweep = batching->endpointPage();
        child<QLineEdit>(sweep, "levels")->setText(QStringLiteral("1, 2, 4"));
        child<QSpinBox>(sweep, "maxTokens")->setValue(8);
        child<QSpinBox>(sweep, "windowRequests")->setValue(4);
        child<QSpinBox>(sweep, "maxWindows")->setValue(2);
        QSignalSpy swept(sweep, &EndpointSweepPage::sweepFinished);
        sweep->start();
        QVERIFY(swept.wait(120'000));

        // Cache: the sample trace replayed.
        CachePanel *cache = window.cachePanel();
        QSignalSpy cached(cache, &CachePanel::finished);
        cache->start();
        QVERIFY(cached.count() > 0 || cached.wait(120'000));

        // Compressor: the typical example, measured on the endpoints.
        CompressorPanel *compressor = window.compressorPanel();
        compressor->loadPreset(PromptCompressor::Preset::Reference);
        compressor->setRepetitions(2);
        QSignalSpy measured(compressor, &CompressorPanel::measurementFinished);
        compressor->startMeasurement();
        QVERIFY(measured.wait(120'000));

        // History: the two runs compared.
        HistoryPanel *history = window.historyPanel();
        history->refresh();
        QVERIFY(history->model()->rowCount() >= 2);
        history->selectRuns({ history->model()->runs().at(0).id, history->model()->runs().at(1).id });
        QVERIFY(history->compare(history->selectedRuns()));

        // Impact: every technique, briefly.
        ImpactPanel *impact = window.impactPanel();
        child<QSpinBox>(impact, "repetitions")->setValue(3);
        child<QSpinBox>(impact, "maxTokens")->setValue(16);
        child<QSpinBox>(impact, "batchRequests")->setValue(8);
        child<QSpinBox>(impact, "concurrency")->setValue(4);
        child<QSpinBox>(impact, "cacheQueries")->setValue(20);
        QSignalSpy impacted(impact, &ImpactPanel::finished);
        impact->start();
        QVERIFY(impacted.wait(180'000));
    }

    static QString panelWidths(MainWindow &window)
    {
        QStringList widths;
        for (int i = 0; i < window.tabs()->count(); ++i)
            widths.append(QStringLiteral("%1 %2").arg(panelNames().value(i)).arg(window.tabs()->widget(i)->minimumSizeHint().width()));
        return widths.join(QStringLiteral(", "));
    }

    /// Every panel, and every tab inside it, at \a size.
    void walkWindow(MainWindow &window, const QSize &size, bool dark, const QString &prefix, Findings &findings)
    {
        window.resize(size);
        QApplication::processEvents();
        const QString sizeName = QStringLiteral("%1x%2").arg(size.width()).arg(size.height());
        const QString state = language() + (dark ? QStringLiteral(" dark ") : QStringLiteral(" light ")) + sizeName
            + (prefix.isEmpty() ? QString() : u' ' + prefix);
        const QString tag = language() + (dark ? QStringLiteral("-dark-") : QStringLiteral("-light-")) + sizeName
            + (prefix.isEmpty() ? QString() : u'-' + prefix);
        if (window.size() != size)
            findings.add({ { QStringLiteral("MainWindow"),
                             QStringLiteral("cannot shrink to %1: its minimum is %2×%3")
                                 .arg(sizeName)
                                 .arg(window.minimumSizeHint().width())
                                 .arg(window.minimumSizeHint().height()),
                             LayoutAudit::widestChain(&window) + QStringLiteral("; panels: ") + panelWidths(window) } },
                         state);
        QTabWidget *tabs = window.tabs();
        if (window.size() != size && qEnvironmentVariableIsSet("TOKENSCOPE_AUDIT_WIDTHS")) {
            for (int i = 0; i < tabs->count(); ++i)
                qInfo().noquote() << panelNames().value(i) << '\n' << LayoutAudit::wideWidgets(tabs->widget(i), 150);
        }
        for (int i = 0; i < tabs->count(); ++i) {
            tabs->setCurrentIndex(i);
            visitPage(window, tabs->widget(i), panelNames().value(i, QString::number(i)), state, tag, findings);
        }
        tabs->setCurrentIndex(0);
    }

    void visitPage(MainWindow &window, QWidget *page, const QString &name, const QString &state, const QString &tag,
                   Findings &findings, bool auditPage = true)
    {
        if (auditPage) {
            // Charts re-lay out through posted events; let them settle before measuring.
            QApplication::processEvents();
            QApplication::sendPostedEvents(nullptr, QEvent::LayoutRequest);
            QApplication::processEvents();
            findings.add(LayoutAudit::audit(&window), state + u' ' + name);
            window.grab().save(shotPath(tag, name));
        }
        // Tab widgets directly inside this page (not inside another tab widget of it): every
        // tab of each, and the tab widgets inside those.
        const QList<QTabWidget *> inner = page->findChildren<QTabWidget *>();
        for (QTabWidget *tabs : inner) {
            QWidget *owner = tabs->parentWidget();
            while (owner && owner != page && !qobject_cast<QTabWidget *>(owner))
                owner = owner->parentWidget();
            if (owner != page || !tabs->isVisible())
                continue;
            const int current = tabs->currentIndex();
            const QString prefix = name + u'-' + (tabs->objectName().isEmpty() ? QStringLiteral("tab") : tabs->objectName());
            for (int i = 0; i < tabs->count(); ++i) {
                if (!tabs->isTabEnabled(i))
                    continue;
                tabs->setCurrentIndex(i);
                // The current tab was audited with the page; only what is inside it is new.
                visitPage(window, tabs->widget(i), prefix + QString::number(i + 1), state, tag, findings, i != current);
            }
            tabs->setCurrentIndex(current);
        }
    }

    /// The export dialogs a user meets: the file dialog is Qt's, the resolution one is ours.
    void auditExportDialogs(Findings &findings, const QString &state, const QString &tag)
    {
        ChartView chart;
        chart.setTitle(QStringLiteral("Export check"));
        chart.resize(600, 400);
        chart.show();
        QVERIFY(QTest::qWaitForWindowExposed(&chart));
        const QString target = m_dir.filePath(QStringLiteral("export-check.png"));
        bool sawResolution = false;
        QTimer driver;
        driver.setInterval(50);
        connect(&driver, &QTimer::timeout, &driver, [&] {
            QWidget *modal = QApplication::activeModalWidget();
            if (auto *files = qobject_cast<QFileDialog *>(modal)) {
                files->selectFile(target);
                QMetaObject::invokeMethod(files, "accept", Qt::QueuedConnection);
            } else if (auto *ask = qobject_cast<QInputDialog *>(modal)) {
                findings.add(LayoutAudit::audit(ask), state + QStringLiteral(", export resolution"));
                ask->grab().save(shotPath(tag, QStringLiteral("dialog-export-resolution")));
                sawResolution = true;
                ask->reject();
            }
        });
        driver.start();
        ChartExport::exportInteractively(&chart, QStringLiteral("chart.png"));
        driver.stop();
        QVERIFY(sawResolution);
    }

    QTemporaryDir m_dir;
    EmbeddedEndpointRunner m_embedded;
    ProfileStore m_profiles;
    StreamingClient m_client;
    QString m_second;
};

QTEST_MAIN(TestLayoutAudit)
#include "tst_layoutaudit.moc"
