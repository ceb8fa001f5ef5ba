#pragma once

#include "metrics/runsummary.h"
#include "protocol/endpointprofile.h"

#include <QCoroTask>
#include <QHash>
#include <QMainWindow>

#include <memory>
#include <optional>

class BatchingPanel;
class BreakdownPanel;
class CachePanel;
class CompressorPanel;
class HistoryPanel;
class ImpactPanel;
class HistoryStore;
class EmbeddedEndpointRunner;
class EndpointSidebar;
class LivePanel;
class ProfileStore;
class QLabel;
class QSplitter;
class QTabWidget;
class QTimer;
class RunsPanel;
class StreamingClient;

/*!
 * \brief The TokenScope workbench window: endpoints on the left, the Live, Runs and
 * Breakdown panels on the right.
 */
class MainWindow : public QMainWindow
{
    Q_OBJECT
public:
    MainWindow(ProfileStore *profiles, StreamingClient *client, const EmbeddedEndpointRunner *embedded,
               QWidget *parent = nullptr);
    ~MainWindow() override;

    LivePanel *livePanel() const { return m_live; }
    RunsPanel *runsPanel() const { return m_runs; }
    BreakdownPanel *breakdownPanel() const { return m_breakdown; }
    EndpointSidebar *sidebar() const { return m_sidebar; }
    QTabWidget *tabs() const { return m_tabs; }

    enum class Panel { Live = 0, Runs, Breakdown, Batching, Cache, Compressor, History, Impact };
    /// The panel called \a name (live, runs, breakdown, batching, cache, compressor, history, impact); nullopt if there is none.
    static std::optional<Panel> panelNamed(const QString &name);
    void showPanel(Panel panel);
    BatchingPanel *batchingPanel() const { return m_batching; }
    CachePanel *cachePanel() const { return m_cache; }
    CompressorPanel *compressorPanel() const { return m_compressor; }
    HistoryPanel *historyPanel() const { return m_historyPanel; }
    ImpactPanel *impactPanel() const { return m_impact; }

protected:
    void closeEvent(QCloseEvent *event) override;

private:
    void createMenus();
    void restoreState();
    void saveState() const;
    void onCheckedProfilesChanged();
    QCoro::Task<> resolveKeys(QList<EndpointProfile> profiles);
    void recordLiveRequest(const EndpointProfile &endpoint, const RequestRecord &record);
    void refreshBreakdown();
    void updateEndpointOrder();
    void updateStatus();
    void exportCurrent();
    void showSettings();
    void showAbout();

    ProfileStore *m_profiles;
    StreamingClient *m_client;
    const EmbeddedEndpointRunner *m_embedded;
    EndpointSidebar *m_sidebar = nullptr;
    QSplitter *m_splitter = nullptr;
    QTabWidget *m_tabs = nullptr;
    LivePanel *m_live = nullptr;
    RunsPanel *m_runs = nullptr;
    BatchingPanel *m_batching = nullptr;
    std::unique_ptr<HistoryStore> m_history;
    CachePanel *m_cache = nullptr;
    CompressorPanel *m_compressor = nullptr;
    HistoryPanel *m_historyPanel = nullptr;
    ImpactPanel *m_impact = nullptr;
    BreakdownPanel *m_breakdown = nullptr;
    QLabel *m_status = nullptr;
    QTimer *m_statusTimer = nullptr;
    quint64 m_keyGeneration = 0; ///< drops key resolutions overtaken by a newer selection

    /// Live requests per endpoint id, for the Breakdown panel.
    QHash<QString, std::pair<EndpointProfile, QList<RequestRecord>>> m_liveRecords;
    QStringList m_liveOrder;
};
