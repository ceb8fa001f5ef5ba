#pragma once

#include "client/requestoptions.h"
#include "client/requesttrace.h"
#include "metrics/runsummary.h"
#include "protocol/endpointprofile.h"

#include <QCoroTask>
#include <QHash>
#include <QList>
#include <QPointer>
#include <QTimer>
#include <QWidget>

#include <optional>
#include <vector>

class LiveTokenChart;
class MetricsScraper;
class PhaseLegend;
class QDoubleSpinBox;
class QHBoxLayout;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;
class QSpinBox;
class QSplitter;
class RacePane;
class RequestHandle;
class SecretStore;
class StreamingClient;

/*!
 * \brief The Live panel: one prompt raced against the checked endpoints, token by token,
 * and the streaming vs non-streaming demonstration.
 *
 * Each lane listens to its own request's handle; chunks are only buffered as they arrive,
 * and panes and chart are redrawn by one single-shot timer at most every 33 ms. Every
 * figure shown comes from Metrics::live() on the handle's trace.
 *
 * Its controls have object names, so tests reach them as a user would: "systemMessage",
 * "userMessage", "maxTokens", "temperature", "timeout", "send", "stop", "compare",
 * "comparison" and "raceResult". Ctrl+Return sends from anywhere in the window while the
 * panel is shown.
 */
class LivePanel : public QWidget
{
    Q_OBJECT
public:
    /// Endpoints raced at once; more are ignored.
    static constexpr int MaxEndpoints = 4;
    static constexpr int RefreshIntervalMs = 33;

    enum class Mode { Race, StreamingComparison };

    /// \a secrets may be null: keys then come from the profiles and their variables only.
    LivePanel(StreamingClient *client, SecretStore *secrets, QWidget *parent = nullptr);
    ~LivePanel() override;

    /// The endpoints Send races (the sidebar's checked ones, 1–4).
    void setEndpoints(const QList<EndpointProfile> &endpoints);
    QList<EndpointProfile> endpoints() const { return m_endpoints; }

    /// Sends the prompt to every endpoint at once (a running race is stopped first).
    void send();
    /// Cancels every request of the panel; text received so far stays.
    void stop();
    /// Sends the prompt to the first endpoint twice at once, streamed and not.
    void compareStreaming();
    bool isBusy() const { return m_busy; }
    Mode mode() const { return m_mode; }

    /// The request Send would make from the prompt editor (streamed).
    GenerationRequest currentRequest() const;
    /// How Send makes each request: the total timeout from the timeout box (0 = none).
    RequestOptions currentOptions() const;
    /// The stream timeout a new panel starts with, in seconds: the typical 30 s.
    static constexpr int DefaultTimeoutSeconds = 30;

    QList<RacePane *> panes() const;
    LiveTokenChart *chart() const { return m_chart; }
    /// The streaming comparison's result line (empty before one finished).
    QString comparisonText() const;
    /// 1 − streaming TTFT / non-streaming E2E of the last comparison, when both succeeded.
    std::optional<double> streamingReduction() const { return m_reduction; }
    /// Who won the last race, once it ended with two or more first tokens ("Fast server:
    /// first token 144 ms sooner (−42%)"), against the runner-up; empty otherwise.
    QString raceResultText() const;
    /// Opens or closes the waterfall of every pane, now and after later sends.
    void setWaterfallsExpanded(bool expanded);
    bool waterfallsExpanded() const { return m_waterfallExpanded; }

Q_SIGNALS:
    /// A request of the panel ended (successfully or not), for history and breakdown.
    void requestFinished(const EndpointProfile &endpoint, const RequestRecord &record);
    void busyChanged(bool busy);

private:
    /// One request of the current run and where it is shown.
    struct Lane
    {
        EndpointProfile profile; ///< as given, without a resolved key
        GenerationRequest request;
        RequestOptions options; ///< as the panel's settings were at Send
        RacePane *pane = nullptr;
        int stream = -1; ///< in the chart
        RequestHandle *handle = nullptr; ///< while running; owned by doRequest()'s frame
        qint64 tokens = 0; ///< drawn in the chart so far
        bool firstSeen = false;
        bool running = false;
        QPointer<MetricsScraper> scraper; ///< reads the server's /metrics during the race; may be shared
    };
    struct PaneSpec
    {
        QString title;
        QString subtitle;
        QColor color;
        EndpointProfile profile;
        GenerationRequest request;
    };

    void buildUi();
    void startRun(Mode mode);
    QCoro::Task<> doRun(quint64 generation, QList<EndpointProfile> profiles);
    QCoro::Task<> doRequest(quint64 generation, int lane, EndpointProfile profile, GenerationRequest request);
    void onChunk(quint64 generation, int lane, const TraceChunk &chunk);
    void scheduleRefresh();
    void refreshPanes();
    void finishRun();
    void showComparison();
    void showRaceResult();
    void setBusy(bool busy);
    void updateActions();
    void rebuildPanes(const QList<PaneSpec> &specs);
    void showIdlePanes();
    void cancelLanes();
    /// One scraper per metrics address of the lanes (profiles say auto, off or a URL).
    void startScrapers();
    void stopScrapers();
    /// Shows each lane's server figures: the latest while running, the maxima once done.
    void showServerFigures(bool final);
    qint64 nowNs() const;
    static QColor colorOf(const EndpointProfile &profile, int index);

    QPointer<StreamingClient> m_client;
    QPointer<SecretStore> m_secrets;
    QList<EndpointProfile> m_endpoints;

    QLineEdit *m_system = nullptr;
    QPlainTextEdit *m_user = nullptr;
    QSpinBox *m_maxTokens = nullptr;
    QSpinBox *m_timeout = nullptr; ///< whole seconds; its minimum is the "none" special value
    QDoubleSpinBox *m_temperature = nullptr; ///< its minimum is the "default" special value: none is sent
    QPushButton *m_sendButton = nullptr;
    QPushButton *m_stopButton = nullptr;
    QPushButton *m_compareButton = nullptr;
    QLabel *m_comparisonLabel = nullptr;
    QLabel *m_raceResult = nullptr;
    QSplitter *m_splitter = nullptr;
    QWidget *m_paneArea = nullptr;
    QHBoxLayout *m_paneLayout = nullptr;
    QLabel *m_placeholder = nullptr;
    PhaseLegend *m_legend = nullptr;
    LiveTokenChart *m_chart = nullptr;

    std::vector<Lane> m_lanes;
    QList<QPointer<MetricsScraper>> m_scrapers;
    QTimer m_refreshTimer;
    Mode m_mode = Mode::Race;
    quint64 m_generation = 0; ///< bumped by every run; older coroutines leave the UI alone
    bool m_busy = false;
    bool m_stopRequested = false;
    bool m_hasRun = false;
    bool m_waterfallExpanded = false;
    std::optional<double> m_reduction;
};
