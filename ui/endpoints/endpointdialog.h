#pragma once

#include "protocol/endpointprofile.h"

#include <QCoroTask>
#include <QDialog>
#include <QHash>

#include <optional>

class ConnectionTester;
class ProfileStore;
class SecretStore;
class StreamingClient;
class QButtonGroup;
class QComboBox;
class QDialogButtonBox;
class QDoubleSpinBox;
class QCheckBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QRadioButton;
class QScrollArea;
class QTableWidget;
class QToolButton;

/*!
 * \brief Edits one endpoint profile: address, protocol, model, headers, API key, TLS, prices.
 *
 * Usage: \c EndpointDialog::edit(parent, store, secrets, client, initial) runs the dialog
 * modally and returns the edited profile (nullopt when cancelled). It does not change the
 * store: the caller adds or updates the result. A new profile (empty id) gets its UUID here,
 * so that a key typed for the keychain is stored under the id the profile will keep;
 * ProfileStore::add() keeps that id. The key itself is written to the keychain before the
 * dialog closes and never leaves it in the returned profile.
 *
 * ProfileStore::validate() runs on every change; its message appears under the field at
 * fault and OK stays disabled until the profile is valid. For the embedded profile only
 * protocol and model are editable.
 *
 * Tests reach its widgets by object name: each field ("nameEdit", "baseUrlEdit",
 * "modelCombo"...), the message under it ("<field>Error", e.g. "baseUrlError") and the
 * "buttons" box.
 */
class EndpointDialog : public QDialog
{
    Q_OBJECT
public:
    EndpointDialog(ProfileStore *store, SecretStore *secrets, QWidget *parent = nullptr);
    ~EndpointDialog() override;

    /// Runs the dialog modally; see the class description. \a client may be null (unused
    /// today; the model list is fetched with a ConnectionTester).
    static std::optional<EndpointProfile> edit(QWidget *parent, ProfileStore *store, SecretStore *secrets,
                                               StreamingClient *client, const EndpointProfile &initial);

    void setProfile(const EndpointProfile &profile);
    /// The profile as the fields describe it now (apiKey always empty).
    EndpointProfile profile() const;
    /// The current validation message (empty when valid) and the field it concerns.
    QString validationError() const { return m_error; }
    QString invalidField() const { return m_errorField; }
    /// True when the key is kept in the keychain rather than named by a variable.
    bool keyInKeychain() const;

public Q_SLOTS:
    void accept() override;

protected:
    void showEvent(QShowEvent *event) override;

private:
    void buildUi();
    void revalidate();
    void onProtocolChanged();
    void chooseColor();
    void setColor(const QString &color);
    void setKeychainAvailable(bool available);
    void updateKeyWidgets();
    void updateTlsWarning();
    QCoro::Task<> doFetchModels(EndpointProfile profile, QString typedKey);
    QCoro::Task<> doAccept(EndpointProfile profile, QString secret);
    QCoro::Task<> doProbeKeychain();
    QLabel *errorLabel(const QString &field) const { return m_errorLabels.value(field); }

    ProfileStore *m_store;
    SecretStore *m_secrets;
    ConnectionTester *m_tester;
    QString m_id;
    QString m_color;
    bool m_embedded = false;
    bool m_keychainAvailable = false;
    bool m_busy = false;
    QString m_error;
    QString m_errorField;

    QLabel *m_embeddedNote = nullptr;
    QLineEdit *m_name = nullptr;
    QToolButton *m_colorButton = nullptr;
    QLineEdit *m_baseUrl = nullptr;
    QComboBox *m_protocol = nullptr;
    QLabel *m_protocolHint = nullptr;
    QComboBox *m_model = nullptr;
    QPushButton *m_fetchModels = nullptr;
    QLabel *m_modelStatus = nullptr;
    QTableWidget *m_headers = nullptr;
    QPushButton *m_addHeader = nullptr;
    QPushButton *m_removeHeader = nullptr;
    QRadioButton *m_envRadio = nullptr;
    QRadioButton *m_keychainRadio = nullptr;
    QLineEdit *m_apiKeyEnv = nullptr;
    QLineEdit *m_apiKey = nullptr;
    QLabel *m_keychainNote = nullptr;
    QCheckBox *m_verifyTls = nullptr;
    QLabel *m_tlsWarning = nullptr;
    QDoubleSpinBox *m_priceIn = nullptr;
    QDoubleSpinBox *m_priceOut = nullptr;
    QDoubleSpinBox *m_priceCached = nullptr; ///< below its minimum: "same as input"
    QScrollArea *m_formScroll = nullptr;
    QLineEdit *m_serverMetrics = nullptr;
    QLineEdit *m_proxy = nullptr;
    QDialogButtonBox *m_buttons = nullptr;
    QHash<QString, QLabel *> m_errorLabels; // field name -> red message under it
    QHash<QString, QWidget *> m_fieldWidgets; // field name -> the widget to outline
};
