// The endpoint sidebar, its list model and the endpoint dialog, on the offscreen platform.
#include "../../common/artifacts.h"
#include "endpoints/endpointdialog.h"
#include "models/endpointlistmodel.h"
#include "endpoints/endpointsidebar.h"

#include "charts/phasestyle.h"

#include "client/streamingclient.h"
#include "endpoint/embeddedendpoint.h"
#include "profiles/profilestore.h"
#include "profiles/secretstore.h"
#include "../../common/widgetlookup.h"

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QLabel>
#include <QLineEdit>
#include <QLayout>
#include <QListView>
#include <QPushButton>
#include <QRadioButton>
#include <QSet>
#include <QSignalSpy>
#include <QStyle>
#include <QStyleOptionComboBox>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

#include <array>
#include <cmath>
#include <functional>

namespace {

EndpointProfile sample(const QString &name)
{
    EndpointProfile p;
    p.name = name;
    p.baseUrl = QUrl(QStringLiteral("https://api.example.com/v1"));
    p.model = QStringLiteral("gpt-example");
    return p;
}

/// CIE76 colour difference: above about 30, two colours are not mistaken for each other.
double deltaE(const QColor &a, const QColor &b)
{
    auto lab = [](const QColor &c) {
        auto linear = [](double v) { return v <= 0.04045 ? v / 12.92 : std::pow((v + 0.055) / 1.055, 2.4); };
        const double r = linear(c.redF()), g = linear(c.greenF()), bl = linear(c.blueF());
        const double x = (0.4124 * r + 0.3576 * g + 0.1805 * bl) / 0.95047;
        const double y = 0.2126 * r + 0.7152 * g + 0.0722 * bl;
        const double z = (0.0193 * r + 0.1192 * g + 0.9505 * bl) / 1.08883;
        auto f = [](double t) { return t > 0.008856 ? std::cbrt(t) : 7.787 * t + 16.0 / 116.0; };
        return std::array<double, 3>{116 * f(y) - 16, 500 * (f(x) - f(y)), 200 * (f(y) - f(z))};
    };
    const auto p = lab(a);
    const auto q = lab(b);
    return std::hypot(p[0] - q[0], p[1] - q[1], p[2] - q[2]);
}

/// Pixels of \a image inside \a rect that are exactly \a color.
int pixelsOf(const QImage &image, const QRect &rect, const QColor &color)
{
    int n = 0;
    for (int y = rect.top(); y <= rect.bottom(); ++y) {
        for (int x = rect.left(); x <= rect.right(); ++x) {
            if (image.rect().contains(x, y) && image.pixelColor(x, y).rgb() == color.rgb())
                ++n;
        }
    }
    return n;
}

/// Where \a widget sits in \a dialog.
QRect placeIn(const QWidget *widget, const QWidget *dialog)
{
    return QRect(widget->mapTo(dialog, QPoint(0, 0)), widget->size());
}

} // namespace

class TestEndpointSidebar : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QVERIFY2(m_endpoint.start(), qPrintable(m_endpoint.errorString())); }

    void modelPassesTester()
    {
        ProfileStore store;
        EndpointListModel model(&store);
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QCOMPARE(model.rowCount(), 1);
        const QString a = store.add(sample(QStringLiteral("A")));
        const QString b = store.add(sample(QStringLiteral("B")));
        QCOMPARE(model.rowCount(), 3);
        const QModelIndex ia = model.indexOfId(a);
        QCOMPARE(ia.data().toString(), QStringLiteral("A"));
        QVERIFY(ia.data(Qt::DecorationRole).value<QColor>().isValid());
        QVERIFY(ia.data(Qt::ToolTipRole).toString().contains(QStringLiteral("api.example.com")));
        QVERIFY(ia.data(Qt::ToolTipRole).toString().contains(QStringLiteral("openai-chat")));
        QVERIFY(ia.data(Qt::ToolTipRole).toString().contains(QStringLiteral("gpt-example")));
        QCOMPARE(ia.data(EndpointListModel::IdRole).toString(), a);

        QSignalSpy checked(&model, &EndpointListModel::checkedIdsChanged);
        QVERIFY(model.setData(ia, Qt::Checked, Qt::CheckStateRole));
        QCOMPARE(model.checkedIds(), QStringList({ QStringLiteral("embedded"), a }));
        QCOMPARE(checked.size(), 1);
        // At most four endpoints race at once.
        store.add(sample(QStringLiteral("C")));
        store.add(sample(QStringLiteral("D")));
        QVERIFY(model.setData(model.index(2), Qt::Checked, Qt::CheckStateRole));
        QVERIFY(model.setData(model.index(3), Qt::Checked, Qt::CheckStateRole));
        QVERIFY(!model.setData(model.index(4), Qt::Checked, Qt::CheckStateRole));
        QCOMPARE(model.checkedIds().size(), 4);
        // A removed profile drops out of the checked set.
        QVERIFY(store.remove(a));
        QVERIFY(!model.checkedIds().contains(a));
        QVERIFY(store.remove(b));
        QCOMPARE(model.rowCount(), 3);
    }

    void sidebarShowsEmbeddedChecked()
    {
        ProfileStore store;
        store.setEmbeddedBaseUrl(m_endpoint.baseUrl());
        EndpointSidebar sidebar(&store, nullptr);
        auto *view = child<QListView>(&sidebar, "endpointList");
        QVERIFY(view);
        QCOMPARE(view->model()->rowCount(), 1);
        QCOMPARE(view->model()->index(0, 0).data(Qt::CheckStateRole).value<Qt::CheckState>(), Qt::Checked);
        QCOMPARE(sidebar.checkedIds(), QStringList { QStringLiteral("embedded") });
        QCOMPARE(sidebar.checkedProfiles().size(), 1);
        QCOMPARE(sidebar.checkedProfiles().first().baseUrl.path(), QStringLiteral("/v1"));
        QVERIFY(sidebar.currentProfile());
        QCOMPARE(sidebar.currentProfile()->id, QStringLiteral("embedded"));

        // Delete and duplicate are off for the built-in endpoint; edit (protocol/model) is on.
        auto *del = child<QPushButton>(&sidebar, "deleteButton");
        auto *dup = child<QPushButton>(&sidebar, "duplicateButton");
        auto *edit = child<QPushButton>(&sidebar, "editButton");
        QVERIFY(del && dup && edit);
        QVERIFY(!del->isEnabled());
        QVERIFY(!dup->isEnabled());
        QVERIFY(edit->isEnabled());

        // A profile added through the store appears as a row; selecting it enables delete.
        QSignalSpy current(&sidebar, &EndpointSidebar::currentProfileChanged);
        const QString id = store.add(sample(QStringLiteral("Remote")));
        QCOMPARE(view->model()->rowCount(), 2);
        QCOMPARE(view->model()->index(1, 0).data().toString(), QStringLiteral("Remote"));
        view->setCurrentIndex(view->model()->index(1, 0));
        QCOMPARE(sidebar.currentProfile()->id, id);
        QVERIFY(current.size() >= 1);
        QVERIFY(del->isEnabled());
        QVERIFY(dup->isEnabled());

        QSignalSpy checkedChanged(&sidebar, &EndpointSidebar::checkedProfilesChanged);
        sidebar.setCheckedIds({ id, QStringLiteral("no-such-id") });
        QCOMPARE(sidebar.checkedIds(), QStringList { id });
        QVERIFY(checkedChanged.size() >= 1);
        sidebar.setCheckedIds({ QStringLiteral("embedded"), id });
    }

    void sidebarTestConnection()
    {
        ProfileStore store;
        store.setEmbeddedBaseUrl(m_endpoint.baseUrl());
        StreamingClient client;
        EndpointSidebar sidebar(&store, &client);
        sidebar.testCurrent();
        // The model list, then one short generation through the real client.
        QTRY_VERIFY_WITH_TIMEOUT(sidebar.statusText().contains(QStringLiteral("Generation:")), 10000);
        QVERIFY2(sidebar.statusText().contains(QStringLiteral("tokenscope-sim")),
                 qPrintable(sidebar.statusText()));
        QVERIFY(sidebar.statusText().contains(QStringLiteral("HTTP 200")));
        QVERIFY2(sidebar.statusText().contains(QStringLiteral("first token after")),
                 qPrintable(sidebar.statusText()));

        // A profile nobody answers for: the status says so.
        EndpointProfile dead = sample(QStringLiteral("Dead"));
        dead.baseUrl = QUrl(QStringLiteral("http://127.0.0.1:1/v1"));
        const QString id = store.add(dead);
        auto *view = child<QListView>(&sidebar, "endpointList");
        QVERIFY(view);
        view->setCurrentIndex(sidebar.model()->indexOfId(id));
        sidebar.testCurrent();
        QTRY_VERIFY_WITH_TIMEOUT(sidebar.statusText().contains(QStringLiteral("Generation failed")), 15000);
        QVERIFY2(sidebar.statusText().contains(QStringLiteral("Could not reach")),
                 qPrintable(sidebar.statusText()));
    }

    void screenshotSidebar()
    {
        QTemporaryDir dir;
        ProfileStore store;
        store.setStorePath(dir.filePath(QStringLiteral("endpoints.json")));
        store.setEmbeddedBaseUrl(m_endpoint.baseUrl());
        EndpointProfile local = sample(QStringLiteral("vLLM · gpu-01"));
        local.baseUrl = QUrl(QStringLiteral("http://gpu-01.lan:8000/v1"));
        const QString a = store.add(local);
        EndpointProfile anthropic = sample(QStringLiteral("Anthropic"));
        anthropic.protocol = Protocol::Anthropic;
        anthropic.baseUrl = QUrl(QStringLiteral("https://api.anthropic.com"));
        store.add(anthropic);
        EndpointProfile ollama = sample(QStringLiteral("Ollama (laptop)"));
        ollama.protocol = Protocol::Ollama;
        ollama.baseUrl = QUrl(QStringLiteral("http://localhost:11434"));
        store.add(ollama);
        EndpointSidebar sidebar(&store, nullptr);
        sidebar.setCheckedIds({ QStringLiteral("embedded"), a });
        sidebar.resize(280, 520);
        sidebar.show();
        QVERIFY(QTest::qWaitForWindowExposed(&sidebar));
        sidebar.testCurrent();
        QTRY_VERIFY_WITH_TIMEOUT(sidebar.statusText().contains(QStringLiteral("Models")), 10000);
        QTest::qWait(50);
        const QString path = artifactsDir() + QStringLiteral("/endpoint-sidebar.png");
        QVERIFY(sidebar.grab().save(path));
        qInfo("saved %s", qPrintable(path));
    }

    void dialogShowsErrorAtField()
    {
        ProfileStore store;
        SecretStore secrets;
        EndpointDialog dialog(&store, &secrets);
        dialog.setProfile(sample(QStringLiteral("Remote")));
        auto *buttons = child<QDialogButtonBox>(&dialog, "buttons");
        QVERIFY(buttons);
        auto *ok = buttons->button(QDialogButtonBox::Ok);
        auto *url = child<QLineEdit>(&dialog, "baseUrlEdit");
        auto *urlError = child<QLabel>(&dialog, "baseUrlError");
        auto *nameError = child<QLabel>(&dialog, "nameError");
        auto *model = child<QComboBox>(&dialog, "modelCombo");
        auto *modelError = child<QLabel>(&dialog, "modelError");
        QVERIFY(ok && url && urlError && nameError && model && modelError);
        QVERIFY2(ok->isEnabled(), qPrintable(dialog.validationError()));
        QVERIFY(urlError->isHidden());

        url->setText(QStringLiteral("ftp://files.example.com"));
        QVERIFY(!ok->isEnabled());
        QCOMPARE(dialog.invalidField(), QStringLiteral("baseUrl"));
        QVERIFY(!urlError->isHidden());
        QVERIFY(urlError->text().contains(QStringLiteral("http")));
        QVERIFY(url->styleSheet().contains(QStringLiteral("border")));
        // Only this field is marked.
        QVERIFY(nameError->isHidden());

        url->setText(QStringLiteral("http://gpu-01.lan:8000/v1"));
        QVERIFY(ok->isEnabled());
        QVERIFY(urlError->isHidden());

        // A protocol that needs a model, without one: message under the model.
        model->setCurrentText(QString());
        QVERIFY(!ok->isEnabled());
        QVERIFY(!modelError->isHidden());
    }

    void dialogKeyFieldIsMasked()
    {
        ProfileStore store;
        SecretStore secrets;
        EndpointDialog dialog(&store, &secrets);
        dialog.setProfile(sample(QStringLiteral("Remote")));
        auto *key = child<QLineEdit>(&dialog, "apiKeyEdit");
        auto *note = child<QLabel>(&dialog, "keychainNote");
        auto *keychainRadio = child<QRadioButton>(&dialog, "keychainRadio");
        auto *envRadio = child<QRadioButton>(&dialog, "envRadio");
        auto *tls = child<QCheckBox>(&dialog, "verifyTlsCheck");
        auto *warning = child<QLabel>(&dialog, "tlsWarning");
        QVERIFY(key && note && keychainRadio && envRadio && tls && warning);
        QCOMPARE(key->echoMode(), QLineEdit::Password);
        // No keychain on this machine: the field is off and the label says why.
        QTRY_VERIFY_WITH_TIMEOUT(note->text().contains(QStringLiteral("environment variable")), 5000);
        QVERIFY(!key->isEnabled());
        QVERIFY(!keychainRadio->isEnabled());
        QVERIFY(envRadio->isChecked());
        QVERIFY(!dialog.keyInKeychain());

        // TLS off shows a warning.
        QVERIFY(tls->isChecked());
        QVERIFY(warning->isHidden());
        tls->setChecked(false);
        QVERIFY(!warning->isHidden());
        QCOMPARE(dialog.profile().verifyTls, false);
    }

    void dialogEmbeddedEditsProtocolAndModelOnly()
    {
        ProfileStore store;
        store.setEmbeddedBaseUrl(m_endpoint.baseUrl());
        EndpointDialog dialog(&store, nullptr);
        dialog.setProfile(*store.profile(QStringLiteral("embedded")));
        auto *name = child<QLineEdit>(&dialog, "nameEdit");
        auto *baseUrl = child<QLineEdit>(&dialog, "baseUrlEdit");
        auto *protocol = child<QComboBox>(&dialog, "protocolCombo");
        auto *model = child<QComboBox>(&dialog, "modelCombo");
        QVERIFY(name && baseUrl && protocol && model);
        QVERIFY(!name->isEnabled());
        QVERIFY(!baseUrl->isEnabled());
        QVERIFY(protocol->isEnabled());
        QVERIFY(model->isEnabled());
        protocol->setCurrentIndex(protocol->findData(int(Protocol::Ollama)));
        QCOMPARE(dialog.profile().protocol, Protocol::Ollama);
        QVERIFY(dialog.validationError().isEmpty());
        QVERIFY(store.update(dialog.profile()));
        QCOMPARE(store.profile(QStringLiteral("embedded"))->protocol, Protocol::Ollama);
    }

    void dialogFetchModels()
    {
        ProfileStore store;
        store.setEmbeddedBaseUrl(m_endpoint.baseUrl());
        EndpointDialog dialog(&store, nullptr);
        EndpointProfile p = *store.profile(QStringLiteral("embedded"));
        p.id.clear();
        p.name = QStringLiteral("Copy of the simulator");
        p.model.clear();
        dialog.setProfile(p);
        auto *fetchModels = child<QPushButton>(&dialog, "fetchModelsButton");
        auto *model = child<QComboBox>(&dialog, "modelCombo");
        QVERIFY(fetchModels && model);
        fetchModels->click();
        QTRY_COMPARE_WITH_TIMEOUT(model->currentText(), QStringLiteral("tokenscope-sim"), 10000);
        QVERIFY(dialog.validationError().isEmpty());
    }

    void screenshotDialog()
    {
        ProfileStore store;
        SecretStore secrets;
        EndpointDialog dialog(&store, &secrets);
        EndpointProfile p = sample(QStringLiteral("vLLM · gpu-01"));
        p.headers = { { QByteArrayLiteral("X-Team"), QByteArrayLiteral("latency") } };
        p.apiKeyEnv = QStringLiteral("VLLM_API_KEY");
        p.verifyTls = false;
        p.pricePerMInput = 0.15;
        p.pricePerMOutput = 0.6;
        dialog.setProfile(p);
        auto *baseUrl = child<QLineEdit>(&dialog, "baseUrlEdit");
        auto *note = child<QLabel>(&dialog, "keychainNote");
        QVERIFY(baseUrl && note);
        baseUrl->setText(QStringLiteral("gpu-01.lan:8000/v1"));
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        QTRY_VERIFY_WITH_TIMEOUT(note->text().contains(QStringLiteral("environment variable")), 5000);
        dialog.adjustSize();
        QTest::qWait(50);
        const QString path = artifactsDir() + QStringLiteral("/endpoint-dialog.png");
        QVERIFY(dialog.grab().save(path));
        qInfo("saved %s", qPrintable(path));
    }

    void swatchStaysInSelectedRow()
    {
        // A blue endpoint in a selected (blue) row: its square must still be its own colour.
        ProfileStore store;
        EndpointProfile blue = sample(QStringLiteral("Blue"));
        blue.color = QStringLiteral("#1f3a93");
        const QString id = store.add(blue);
        EndpointSidebar sidebar(&store, nullptr);
        sidebar.resize(280, 400);
        sidebar.show();
        QVERIFY(QTest::qWaitForWindowExposed(&sidebar));
        auto *view = child<QListView>(&sidebar, "endpointList");
        QVERIFY(view);
        const QModelIndex index = sidebar.model()->indexOfId(id);
        view->setCurrentIndex(index);
        view->setFocus();
        QVERIFY(view->selectionModel()->isSelected(index));
        QTest::qWait(20);
        const QImage image = view->viewport()->grab().toImage();
        const QRect row = view->visualRect(index);
        // Most of the 14×14 square, inside its outline.
        QVERIFY2(pixelsOf(image, row, QColor(blue.color)) >= 100,
                 qPrintable(QString::number(pixelsOf(image, row, QColor(blue.color)))));
        // And the same when the row is not selected.
        view->setCurrentIndex(sidebar.model()->index(0, 0));
        QTest::qWait(20);
        const QImage unselected = view->viewport()->grab().toImage();
        QVERIFY(pixelsOf(unselected, row, QColor(blue.color)) >= 100);
    }

    void newColoursStayApartFromPhaseColours()
    {
        // An endpoint's line and a phase's bar share the screen: the colour a new endpoint
        // gets must not be a phase colour (it used to be the Network blue, near enough).
        ProfileStore store;
        QStringList given;
        for (int i = 0; i < 12; ++i) {
            const QString id = store.add(sample(QStringLiteral("E%1").arg(i)));
            given.append(store.profile(id)->color);
        }
        QCOMPARE(given.size(), 12);
        QCOMPARE(QSet<QString>(given.cbegin(), given.cend()).size(), 12); // all different
        for (const QString &color : std::as_const(given)) {
            for (Phase phase : Phases::all()) {
                const double d = deltaE(QColor(color), PhaseStyle::color(phase));
                QVERIFY2(d > 30, qPrintable(QStringLiteral("%1 is too close to the %2 phase colour %3 (ΔE %4)")
                                                .arg(color, Phases::key(phase), PhaseStyle::color(phase).name())
                                                .arg(d)));
            }
            // Nor the built-in endpoint's colour.
            QVERIFY(deltaE(QColor(color), QColor(store.profiles().constFirst().color)) > 30);
        }
        // The new-endpoint dialog offers the same first colour.
        ProfileStore empty;
        EndpointDialog dialog(&empty, nullptr);
        EndpointProfile fresh = sample(QStringLiteral("Fresh"));
        dialog.setProfile(fresh);
        QCOMPARE(dialog.profile().color, ProfileStore::defaultColors().constFirst());
    }

    void newEndpointsArriveChecked()
    {
        ProfileStore store;
        const QString original = store.add(sample(QStringLiteral("Original")));
        EndpointSidebar sidebar(&store, nullptr);
        QCOMPARE(sidebar.checkedIds(), QStringList{QStringLiteral("embedded")});
        auto *view = child<QListView>(&sidebar, "endpointList");
        QVERIFY(view);

        // Added through the dialog, as a user does: checked at once.
        bool filled = false;
        std::function<void()> fill = [&] {
            auto *dialog = qobject_cast<EndpointDialog *>(QApplication::activeModalWidget());
            if (!dialog) {
                QTimer::singleShot(10, fill);
                return;
            }
            child<QLineEdit>(dialog, "nameEdit")->setText(QStringLiteral("Added"));
            child<QComboBox>(dialog, "modelCombo")->setCurrentText(QStringLiteral("m"));
            child<QDialogButtonBox>(dialog, "buttons")->button(QDialogButtonBox::Ok)->click();
            filled = true;
        };
        QTimer::singleShot(0, fill);
        sidebar.addEndpoint();
        QVERIFY(filled);
        QCOMPARE(sidebar.checkedIds().size(), 2);
        QCOMPARE(sidebar.checkedProfiles().constLast().name, QStringLiteral("Added"));

        // Copies too, while fewer than four are checked; the fifth waits for the user.
        view->setCurrentIndex(sidebar.model()->indexOfId(original));
        sidebar.duplicateCurrent();
        QCOMPARE(sidebar.checkedIds().size(), 3);
        view->setCurrentIndex(sidebar.model()->indexOfId(original));
        sidebar.duplicateCurrent();
        QCOMPARE(sidebar.checkedIds().size(), 4);
        view->setCurrentIndex(sidebar.model()->indexOfId(original));
        sidebar.duplicateCurrent();
        QCOMPARE(sidebar.checkedIds().size(), 4);
        QCOMPARE(store.profiles().size(), 6);
        QVERIFY(!sidebar.checkedIds().contains(original)); // added behind the sidebar's back
    }

    void protocolComboShowsWholeEntries()
    {
        ProfileStore store;
        EndpointDialog dialog(&store, nullptr);
        dialog.setProfile(sample(QStringLiteral("Remote")));
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        auto *protocol = child<QComboBox>(&dialog, "protocolCombo");
        QVERIFY(protocol);
        QStyleOptionComboBox option;
        option.initFrom(protocol);
        option.editable = protocol->isEditable();
        const QRect field
            = protocol->style()->subControlRect(QStyle::CC_ComboBox, &option, QStyle::SC_ComboBoxEditField, protocol);
        for (int i = 0; i < protocol->count(); ++i) {
            const int needed = protocol->fontMetrics().horizontalAdvance(protocol->itemText(i));
            QVERIFY2(needed <= field.width(), qPrintable(QStringLiteral("\"%1\" needs %2 px, the box has %3")
                                                            .arg(protocol->itemText(i)).arg(needed).arg(field.width())));
        }
    }

    void validationMessageKeepsFormStill()
    {
        // A message appearing under a field while the user types must not move the fields
        // below it (the one under the pointer), nor the buttons.
        ProfileStore store;
        EndpointDialog dialog(&store, nullptr);
        dialog.setProfile(sample(QStringLiteral("Remote")));
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        auto *url = child<QLineEdit>(&dialog, "baseUrlEdit");
        auto *name = child<QLineEdit>(&dialog, "nameEdit");
        auto *model = child<QComboBox>(&dialog, "modelCombo");
        auto *headers = child<QWidget>(&dialog, "headersTable");
        auto *buttons = child<QDialogButtonBox>(&dialog, "buttons");
        QVERIFY(url && name && model && headers && buttons);
        QVERIFY(dialog.validationError().isEmpty());
        const QList<const QWidget *> watched{url, name, model, headers, buttons};
        QList<QRect> before;
        for (const QWidget *w : watched)
            before.append(placeIn(w, &dialog));
        const QSize size = dialog.size();

        auto check = [&](const char *what) {
            dialog.layout()->activate();
            QTest::qWait(10);
            QCOMPARE(dialog.size(), size);
            for (int i = 0; i < watched.size(); ++i)
                QVERIFY2(placeIn(watched.at(i), &dialog) == before.at(i),
                         qPrintable(QStringLiteral("%1 moved after %2").arg(watched.at(i)->objectName(),
                                                                             QLatin1String(what))));
        };
        url->setText(QStringLiteral("http://bad host:99999/v1"));
        QVERIFY(!dialog.validationError().isEmpty());
        QVERIFY(child<QLabel>(&dialog, "baseUrlError")->isVisible());
        check("a URL message");
        url->setText(QStringLiteral("https://api.example.com/v1"));
        name->clear();
        QVERIFY(child<QLabel>(&dialog, "nameError")->isVisible());
        check("a name message");
        name->setText(QStringLiteral("Remote"));
        model->setCurrentText(QString());
        QVERIFY(child<QLabel>(&dialog, "modelError")->isVisible());
        check("a model message");
        model->setCurrentText(QStringLiteral("gpt-example"));
        QVERIFY(dialog.validationError().isEmpty());
        check("the messages went away");
    }

    void urlMessagesSayWhatIsWrong_data()
    {
        QTest::addColumn<QString>("url");
        QTest::addColumn<QString>("message");
        QTest::newRow("bad host and port") << QStringLiteral("http://bad host:99999/v1")
                                           << QStringLiteral("The host name \"bad host\" is not valid. "
                                                             "The port 99999 is out of range (1\u201365535).");
        QTest::newRow("ftp") << QStringLiteral("ftp://x")
                             << QStringLiteral("The scheme \"ftp\" is not supported: the base URL must start "
                                               "with http:// or https://.");
        QTest::newRow("no host") << QStringLiteral("http://:80") << QStringLiteral("The base URL has no host name.");
        QTest::newRow("port only bad") << QStringLiteral("http://gpu-01.lan:0/v1")
                                       << QStringLiteral("The port 0 is out of range (1\u201365535).");
        QTest::newRow("no scheme") << QStringLiteral("gpu-01.lan:8000/v1")
                                   << QStringLiteral("The base URL has no scheme: it must start with http:// or "
                                                     "https://.");
    }

    void urlMessagesSayWhatIsWrong()
    {
        QFETCH(QString, url);
        QFETCH(QString, message);
        ProfileStore store;
        EndpointDialog dialog(&store, nullptr);
        dialog.setProfile(sample(QStringLiteral("Remote")));
        auto *edit = child<QLineEdit>(&dialog, "baseUrlEdit");
        auto *error = child<QLabel>(&dialog, "baseUrlError");
        QVERIFY(edit && error);
        edit->setText(url);
        QCOMPARE(dialog.invalidField(), QStringLiteral("baseUrl"));
        QCOMPARE(error->text(), message);
        QCOMPARE(dialog.validationError(), message);
        QCOMPARE(ProfileStore::baseUrlProblem(url), message);
    }

private:
    EmbeddedEndpointRunner m_endpoint;
};

QTEST_MAIN(TestEndpointSidebar)
#include "tst_endpointsidebar.moc"
