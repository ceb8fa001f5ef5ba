// The endpoint sidebar, its list model and the endpoint dialog, on the offscreen platform.
#include "../../common/artifacts.h"
#include "endpoints/endpointdialog.h"
#include "models/endpointlistmodel.h"
#include "endpoints/endpointsidebar.h"

#include "client/streamingclient.h"
#include "endpoint/embeddedendpoint.h"
#include "profiles/profilestore.h"
#include "profiles/secretstore.h"

#include <QAbstractItemModelTester>
#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QPushButton>
#include <QRadioButton>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

namespace {

EndpointProfile sample(const QString &name)
{
    EndpointProfile p;
    p.name = name;
    p.baseUrl = QUrl(QStringLiteral("https://api.example.com/v1"));
    p.model = QStringLiteral("gpt-example");
    return p;
}

/// The widget of \a parent named \a name, found by object name as a user-level test should;
/// null (and a warning naming it) when there is none: check it with QVERIFY before use.
template<class W> W *child(const QObject *parent, const char *name)
{
    W *widget = parent->findChild<W *>(QString::fromLatin1(name));
    if (!widget)
        qWarning("no %s named \"%s\" in %s", W::staticMetaObject.className(), name,
                 parent->metaObject()->className());
    return widget;
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

private:
    EmbeddedEndpointRunner m_endpoint;
};

QTEST_MAIN(TestEndpointSidebar)
#include "tst_endpointsidebar.moc"
