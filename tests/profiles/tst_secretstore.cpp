// SecretStore where no keychain service runs (CI): it must say so quickly, never hang and
// never fall back to storing the key somewhere else.
#include "profiles/secretstore.h"

#include <QDir>
#include <QDirIterator>
#include <QElapsedTimer>
#include <QStandardPaths>
#include <QTest>

class TestSecretStore : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        // Keep any fallback QtKeychain might try inside a throw-away home.
        QStandardPaths::setTestModeEnabled(true);
        // The test is about the headless case; refuse to run against a real keychain.
        if (qEnvironmentVariableIsSet("DBUS_SESSION_BUS_ADDRESS")
            && !qEnvironmentVariableIsSet("TOKENSCOPE_FORCE_KEYCHAIN_TEST"))
            QSKIP("a D-Bus session bus is present: this test is for machines without a keychain");
    }

    void unavailableWithinTimeout()
    {
        SecretStore secrets;
        QElapsedTimer elapsed;
        elapsed.start();
        const bool available = QCoro::waitFor(secrets.isAvailable());
        QVERIFY(!available);
        QVERIFY2(elapsed.elapsed() < secrets.timeout().count() + 1500,
                 qPrintable(QString::number(elapsed.elapsed())));
        QVERIFY(!secrets.lastError().isEmpty());
        QCOMPARE(secrets.knownAvailability(), std::optional<bool>(false));

        // Cached: the second question costs nothing.
        elapsed.restart();
        QVERIFY(!QCoro::waitFor(secrets.isAvailable()));
        QVERIFY(elapsed.elapsed() < 100);
    }

    void storeFailsCleanly()
    {
        SecretStore secrets;
        secrets.setTimeout(std::chrono::milliseconds(1500));
        const QString planted = QStringLiteral("sk-planted-keychain-5e8d1a");
        QElapsedTimer elapsed;
        elapsed.start();
        QVERIFY(!QCoro::waitFor(secrets.store(QStringLiteral("profile-1"), planted)));
        QVERIFY(elapsed.elapsed() < 1500 + 1500);
        QVERIFY(!secrets.lastError().isEmpty());
        QVERIFY(!secrets.lastError().contains(planted));

        const auto read = QCoro::waitFor(secrets.read(QStringLiteral("profile-1")));
        QVERIFY(!read);
        QVERIFY(!secrets.lastError().isEmpty());

        // Nothing was written to a plain file anywhere under the test home.
        const QString config = QStandardPaths::writableLocation(QStandardPaths::GenericConfigLocation);
        QDirIterator it(config, QDir::Files, QDirIterator::Subdirectories);
        while (it.hasNext()) {
            QFile f(it.next());
            QVERIFY(f.open(QIODevice::ReadOnly));
            QVERIFY2(!f.readAll().contains(planted.toUtf8()), qPrintable(f.fileName()));
        }
    }

    void withApiKeyLeavesProfileAlone()
    {
        SecretStore secrets;
        EndpointProfile p;
        p.id = QStringLiteral("profile-2");
        const EndpointProfile out = QCoro::waitFor(secrets.withApiKey(p));
        QVERIFY(out.apiKey.isEmpty());
        p.apiKeyEnv = QStringLiteral("SOME_VAR");
        QCOMPARE(QCoro::waitFor(secrets.withApiKey(p)).apiKeyEnv, QStringLiteral("SOME_VAR"));
    }
};

QTEST_GUILESS_MAIN(TestSecretStore)
#include "tst_secretstore.moc"
