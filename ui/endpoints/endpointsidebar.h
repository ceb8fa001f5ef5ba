#pragma once

#include "protocol/endpointprofile.h"

#include <QCoroTask>
#include <QWidget>

#include <optional>

class ConnectionTester;
class EndpointListModel;
class ProfileStore;
class SecretStore;
class StreamingClient;
class QLabel;
class QListView;
class QPushButton;

/*!
 * \brief The endpoint list beside the main view: pick 1–4 endpoints (check boxes), add,
 * edit, duplicate, delete, import, export and test them.
 *
 * Every change made here is saved to the store at once. The embedded profile is checked on
 * first start and can be neither deleted nor duplicated. Endpoints added, duplicated or
 * imported here arrive checked while fewer than four are.
 */
class EndpointSidebar : public QWidget
{
    Q_OBJECT
public:
    explicit EndpointSidebar(ProfileStore *store, StreamingClient *client, QWidget *parent = nullptr);
    ~EndpointSidebar() override;

    /// The checked profiles in list order (as the store has them, without API keys).
    QList<EndpointProfile> checkedProfiles() const;
    std::optional<EndpointProfile> currentProfile() const;
    void setCheckedIds(const QStringList &ids);
    QStringList checkedIds() const;

    EndpointListModel *model() const { return m_model; }
    /// The keychain access the sidebar and its dialogs use (owned by the sidebar).
    SecretStore *secretStore() const { return m_secrets; }
    /// The text of the status area under the list (last test or error).
    QString statusText() const;

public Q_SLOTS:
    void addEndpoint();
    void editCurrent();
    void duplicateCurrent();
    void deleteCurrent();
    void importProfiles();
    void exportProfiles();
    /// Tests the current endpoint: its model list, then (with a client) one short generation.
    void testCurrent();

Q_SIGNALS:
    void checkedProfilesChanged();
    void currentProfileChanged();

private:
    void updateButtons();
    void restoreCurrent();
    void saveStore();
    void showStatus(const QString &text, bool error);
    QCoro::Task<> doTest(EndpointProfile profile);

    ProfileStore *m_store;
    StreamingClient *m_client;
    SecretStore *m_secrets;
    ConnectionTester *m_tester;
    EndpointListModel *m_model;
    QString m_currentId;

    QListView *m_view = nullptr;
    QLabel *m_hint = nullptr;
    QPushButton *m_add = nullptr;
    QPushButton *m_edit = nullptr;
    QPushButton *m_duplicate = nullptr;
    QPushButton *m_delete = nullptr;
    QPushButton *m_import = nullptr;
    QPushButton *m_export = nullptr;
    QPushButton *m_test = nullptr;
    QLabel *m_status = nullptr;
};
