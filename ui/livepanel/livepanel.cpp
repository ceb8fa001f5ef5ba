#include "livepanel.h"

#include "phasestrip.h"
#include "racepane.h"
#include "servermetrics/metricsscraper.h"

#include "charts/livetokenchart.h"
#include "client/streamingclient.h"
#include "common/clock.h"
#include "metrics/figureformat.h"
#include "metrics/requestmetrics.h"
#include "profiles/profilestore.h"
#include "profiles/secretstore.h"

#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QShortcut>
#include <QSpinBox>
#include <QSplitter>
#include <QVBoxLayout>

#include <algorithm>
#include <atomic>
#include <cmath>

namespace {

double colorDistance(const QColor &a, const QColor &b)
{
    const double dr = a.redF() - b.redF();
    const double dg = a.greenF() - b.greenF();
    const double db = a.blueF() - b.blueF();
    return std::sqrt(dr * dr + dg * dg + db * db);
}

} // namespace

LivePanel::LivePanel(StreamingClient *client, SecretStore *secrets, QWidget *parent)
    : QWidget(parent)
    , m_client(client)
    , m_secrets(secrets)
{
    buildUi();
    m_refreshTimer.setSingleShot(true);
    m_refreshTimer.setInterval(RefreshIntervalMs);
    connect(&m_refreshTimer, &QTimer::timeout, this, &LivePanel::refreshPanes);
    showIdlePanes();
    updateActions();
}

LivePanel::~LivePanel()
{
    // Nothing would show what these requests do any more: end them now, and make sure no
    // coroutine that resumes meanwhile mistakes itself for the current run.
    ++m_generation;
    cancelLanes();
}

void LivePanel::buildUi()
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(8, 8, 8, 8);
    layout->setSpacing(8);

    // The prompt editor: messages on the left, parameters and actions on the right.
    auto *editor = new QGridLayout;
    editor->setHorizontalSpacing(8);
    editor->setVerticalSpacing(6);
    auto *systemLabel = new QLabel(tr("&System:"), this);
    m_system = new QLineEdit(this);
    m_system->setObjectName(QStringLiteral("systemMessage"));
    m_system->setPlaceholderText(tr("Optional system message"));
    m_system->setClearButtonEnabled(true);
    systemLabel->setBuddy(m_system);
    auto *userLabel = new QLabel(tr("&User:"), this);
    userLabel->setAlignment(Qt::AlignLeft | Qt::AlignTop);
    m_user = new QPlainTextEdit(this);
    m_user->setObjectName(QStringLiteral("userMessage"));
    m_user->setTabChangesFocus(true);
    m_user->setPlainText(tr("Explain in a short paragraph why streaming makes a language model feel faster."));
    m_user->setPlaceholderText(tr("The prompt to send (Ctrl+Return sends)"));
    m_user->setFixedHeight(QFontMetrics(m_user->font()).lineSpacing() * 3 + 14);
    userLabel->setBuddy(m_user);
    editor->addWidget(systemLabel, 0, 0);
    editor->addWidget(m_system, 0, 1);
    editor->addWidget(userLabel, 1, 0);
    editor->addWidget(m_user, 1, 1);

    auto *parameters = new QFormLayout;
    parameters->setFieldGrowthPolicy(QFormLayout::FieldsStayAtSizeHint);
    m_maxTokens = new QSpinBox(this);
    m_maxTokens->setObjectName(QStringLiteral("maxTokens"));
    m_maxTokens->setRange(1, 32768);
    m_maxTokens->setValue(256);
    m_maxTokens->setAccelerated(true);
    parameters->addRow(tr("Max &tokens:"), m_maxTokens);
    m_temperature = new QDoubleSpinBox(this);
    m_temperature->setObjectName(QStringLiteral("temperature"));
    m_temperature->setDecimals(2);
    m_temperature->setRange(-0.1, 2.0);
    m_temperature->setSingleStep(0.1);
    m_temperature->setSpecialValueText(tr("default"));
    m_temperature->setValue(m_temperature->minimum());
    m_temperature->setToolTip(tr("\"default\" sends no temperature: the endpoint's own default applies"));
    parameters->addRow(tr("T&emperature:"), m_temperature);
    m_timeout = new QSpinBox(this);
    m_timeout->setObjectName(QStringLiteral("timeout"));
    m_timeout->setRange(0, 3600);
    m_timeout->setSuffix(tr(" s"));
    m_timeout->setSpecialValueText(tr("none"));
    m_timeout->setValue(DefaultTimeoutSeconds);
    m_timeout->setToolTip(tr("Stream timeout: each request ends after this long, keeping what arrived and "
                             "marked as timed out (typical: %1 s)")
                              .arg(DefaultTimeoutSeconds));
    parameters->addRow(tr("Time&out:"), m_timeout);

    m_sendButton = new QPushButton(tr("Send"), this);
    m_sendButton->setObjectName(QStringLiteral("send"));
    m_sendButton->setDefault(true);
    m_sendButton->setIcon(QIcon::fromTheme(QStringLiteral("media-playback-start")));
    m_sendButton->setToolTip(tr("Send the prompt to every checked endpoint at once (Ctrl+Return)"));
    m_stopButton = new QPushButton(tr("Stop"), this);
    m_stopButton->setObjectName(QStringLiteral("stop"));
    m_stopButton->setIcon(QIcon::fromTheme(QStringLiteral("media-playback-stop")));
    m_stopButton->setToolTip(tr("Cancel every request; the text received so far stays (Esc)"));
    m_compareButton = new QPushButton(tr("Streaming vs non-streaming"), this);
    m_compareButton->setObjectName(QStringLiteral("compare"));
    m_compareButton->setToolTip(tr("Send the prompt to the first endpoint twice at once, streamed and not, "
                                   "and compare when text first appears"));
    connect(m_user, &QPlainTextEdit::textChanged, this, &LivePanel::updateActions);
    connect(m_sendButton, &QPushButton::clicked, this, &LivePanel::send);
    connect(m_stopButton, &QPushButton::clicked, this, &LivePanel::stop);
    connect(m_compareButton, &QPushButton::clicked, this, &LivePanel::compareStreaming);

    auto *buttons = new QGridLayout;
    buttons->setSpacing(6);
    buttons->addWidget(m_sendButton, 0, 0);
    buttons->addWidget(m_stopButton, 0, 1);
    buttons->addWidget(m_compareButton, 1, 0, 1, 2);

    auto *side = new QHBoxLayout;
    side->setSpacing(12);
    side->addLayout(parameters);
    side->addLayout(buttons);
    editor->addLayout(side, 0, 2, 2, 1, Qt::AlignTop);
    editor->setColumnStretch(1, 1);
    layout->addLayout(editor);

    // Ctrl+Return sends from anywhere in the window (the sidebar, the tab bar, the chart) while
    // the panel is on screen: a shortcut of a hidden widget never fires, so another tab keeps
    // the keys to itself.
    for (const QKeySequence &keys : {QKeySequence(Qt::CTRL | Qt::Key_Return), QKeySequence(Qt::CTRL | Qt::Key_Enter)}) {
        auto *shortcut = new QShortcut(keys, this);
        shortcut->setContext(Qt::WindowShortcut);
        connect(shortcut, &QShortcut::activated, this, [this] {
            if (m_sendButton->isEnabled())
                send();
        });
    }
    auto *escape = new QShortcut(QKeySequence(Qt::Key_Escape), this);
    escape->setContext(Qt::WidgetWithChildrenShortcut);
    connect(escape, &QShortcut::activated, this, &LivePanel::stop);

    m_comparisonLabel = new QLabel(this);
    m_comparisonLabel->setObjectName(QStringLiteral("comparison"));
    m_comparisonLabel->setWordWrap(true);
    m_comparisonLabel->setAlignment(Qt::AlignCenter);
    m_comparisonLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    QFont big = font();
    big.setPointSizeF(big.pointSizeF() * 1.6);
    big.setBold(true);
    m_comparisonLabel->setFont(big);
    m_comparisonLabel->setToolTip(tr("With streaming the first words show as soon as they exist; without it, "
                                     "nothing shows until the whole answer is done."));
    m_comparisonLabel->setVisible(false);
    layout->addWidget(m_comparisonLabel);

    m_splitter = new QSplitter(Qt::Vertical, this);
    m_splitter->setChildrenCollapsible(false);
    auto *top = new QWidget(m_splitter);
    auto *topLayout = new QVBoxLayout(top);
    topLayout->setContentsMargins(0, 0, 0, 0);
    topLayout->setSpacing(4);
    m_paneArea = new QWidget(top);
    m_paneLayout = new QHBoxLayout(m_paneArea);
    m_paneLayout->setContentsMargins(0, 0, 0, 0);
    m_paneLayout->setSpacing(10);
    m_placeholder = new QLabel(m_paneArea);
    m_placeholder->setAlignment(Qt::AlignCenter);
    m_placeholder->setWordWrap(true);
    m_paneLayout->addWidget(m_placeholder);
    topLayout->addWidget(m_paneArea, 1);
    // Under the panes: who won the race, and the key to the phase colours.
    auto *footer = new QHBoxLayout;
    footer->setContentsMargins(0, 0, 0, 0);
    footer->setSpacing(12);
    m_raceResult = new QLabel(top);
    m_raceResult->setObjectName(QStringLiteral("raceResult"));
    m_raceResult->setTextInteractionFlags(Qt::TextSelectableByMouse);
    QFont resultFont = m_raceResult->font();
    resultFont.setBold(true);
    resultFont.setPointSizeF(resultFont.pointSizeF() * 1.15);
    m_raceResult->setFont(resultFont);
    m_raceResult->setToolTip(tr("The endpoint whose first token came first, against the runner-up"));
    m_raceResult->setVisible(false);
    footer->addWidget(m_raceResult, 1);
    m_legend = new PhaseLegend(top);
    m_legend->setVisible(false);
    footer->addWidget(m_legend, 0, Qt::AlignRight);
    topLayout->addLayout(footer);

    m_chart = new LiveTokenChart(m_splitter);

    m_chart->setEmptyText(tr("Press Send (Ctrl+Return) to watch the tokens arrive."));
    // No title: the axis titles say it all, and the plot needs every pixel of height.
    m_chart->setMinimumHeight(220);
    m_splitter->addWidget(top);
    m_splitter->addWidget(m_chart);
    m_splitter->setStretchFactor(0, 3);
    m_splitter->setStretchFactor(1, 2);
    // The panes hold the big figures and the text; the chart reads well at a third.
    m_splitter->setSizes({560, 360});
    layout->addWidget(m_splitter, 1);
}

void LivePanel::setEndpoints(const QList<EndpointProfile> &endpoints)
{
    m_endpoints = endpoints.mid(0, MaxEndpoints);
    // Results stay on screen until the next send; before any, the panes preview the race.
    if (!m_busy && !m_hasRun)
        showIdlePanes();
    updateActions();
}

GenerationRequest LivePanel::currentRequest() const
{
    GenerationRequest request;
    const QString system = m_system->text().trimmed();
    if (!system.isEmpty())
        request.messages.append({QStringLiteral("system"), system});
    request.messages.append({QStringLiteral("user"), m_user->toPlainText()});
    request.maxTokens = m_maxTokens->value();
    if (m_temperature->value() > m_temperature->minimum() + 1e-9)
        request.temperature = m_temperature->value();
    request.stream = true;
    return request;
}

RequestOptions LivePanel::currentOptions() const
{
    RequestOptions options;
    options.totalTimeoutMs = qint64(m_timeout->value()) * 1000;
    return options;
}

QList<RacePane *> LivePanel::panes() const
{
    QList<RacePane *> list;
    for (const Lane &lane : m_lanes)
        list.append(lane.pane);
    return list;
}

QColor LivePanel::colorOf(const EndpointProfile &profile, int index)
{
    const QColor color(profile.color);
    if (color.isValid())
        return color;
    // The colours a new profile would get, none of them a phase colour.
    const QStringList fallback = ProfileStore::defaultColors();
    return QColor::fromString(fallback.at(index % fallback.size()));
}

qint64 LivePanel::nowNs() const
{
    return m_client ? m_client->clock()->nowNs() : Clock::system()->nowNs();
}

void LivePanel::rebuildPanes(const QList<PaneSpec> &specs)
{
    for (Lane &lane : m_lanes)
        delete lane.pane;
    m_lanes.clear();
    m_chart->clear();
    m_legend->setVisible(false);
    m_raceResult->clear();
    m_raceResult->setVisible(false);
    m_placeholder->setVisible(specs.isEmpty());
    for (int i = 0; i < specs.size(); ++i) {
        const PaneSpec &spec = specs.at(i);
        Lane lane;
        lane.profile = spec.profile;
        lane.request = spec.request;
        lane.pane = new RacePane(spec.title, spec.subtitle, spec.color, m_paneArea);
        lane.pane->setWaterfallExpanded(m_waterfallExpanded);
        connect(lane.pane, &RacePane::waterfallExpandedChanged, this, &LivePanel::setWaterfallsExpanded);
        m_paneLayout->addWidget(lane.pane, 1);
        lane.stream = m_chart->addStream(spec.title, spec.color);
        m_lanes.push_back(lane);
    }
}

void LivePanel::showIdlePanes()
{
    QList<PaneSpec> specs;
    for (int i = 0; i < m_endpoints.size(); ++i) {
        const EndpointProfile &p = m_endpoints.at(i);
        specs.append({p.name, p.model, colorOf(p, i), p, currentRequest()});
    }
    m_placeholder->setText(tr("Check one to four endpoints in the sidebar, then Send to race them."));
    rebuildPanes(specs);
    m_comparisonLabel->setVisible(false);
}

void LivePanel::send()
{
    startRun(Mode::Race);
}

void LivePanel::compareStreaming()
{
    startRun(Mode::StreamingComparison);
}

void LivePanel::startRun(Mode mode)
{
    if (!m_client || m_endpoints.isEmpty() || m_user->toPlainText().trimmed().isEmpty())
        return;
    if (m_busy)
        cancelLanes(); // the old run ends in the background; its panes are replaced below

    ++m_generation;
    m_mode = mode;
    m_stopRequested = false;
    m_hasRun = true;
    m_reduction.reset();

    const GenerationRequest request = currentRequest();
    QList<PaneSpec> specs;
    if (mode == Mode::Race) {
        for (int i = 0; i < m_endpoints.size(); ++i) {
            const EndpointProfile &p = m_endpoints.at(i);
            specs.append({p.name, p.model, colorOf(p, i), p, request});
        }
    } else {
        const EndpointProfile &p = m_endpoints.constFirst();
        const QColor streamed = colorOf(p, 0);
        // The other line must not be mistaken for the first: the farther of two contrasts.
        const QStringList palette = ProfileStore::defaultColors();
        const QColor a = QColor::fromString(palette.at(0));
        const QColor b = QColor::fromString(palette.at(1));
        const QColor other = colorDistance(streamed, a) > colorDistance(streamed, b) ? a : b;
        GenerationRequest whole = request;
        whole.stream = false;
        specs.append({tr("Streaming"), p.name, streamed, p, request});
        specs.append({tr("Non-streaming"), p.name, other, p, whole});
    }
    rebuildPanes(specs);
    const RequestOptions options = currentOptions();
    for (Lane &lane : m_lanes)
        lane.options = options;

    if (mode == Mode::StreamingComparison) {
        m_comparisonLabel->setText(tr("Comparing time to first text on %1: streaming vs non-streaming…")
                                       .arg(m_endpoints.constFirst().name));
        m_comparisonLabel->setVisible(true);
    } else {
        m_comparisonLabel->clear();
        m_comparisonLabel->setVisible(false);
    }
    QList<EndpointProfile> profiles;
    for (const Lane &lane : m_lanes)
        profiles.append(lane.profile);
    setBusy(true);
    startScrapers();
    QCoro::connect(doRun(m_generation, profiles), this, [] {});
}

QCoro::Task<> LivePanel::doRun(quint64 generation, QList<EndpointProfile> profiles)
{
    QPointer<LivePanel> self(this);
    // Keys first, for every lane, so that the race starts at the same instant for all.
    QHash<QString, EndpointProfile> resolved;
    for (EndpointProfile &profile : profiles) {
        const QString key = profile.id.isEmpty() ? profile.name : profile.id;
        if (!resolved.contains(key)) {
            if (!m_secrets)
                break;
            const EndpointProfile withKey = co_await m_secrets->withApiKey(profile);
            if (!self || generation != m_generation)
                co_return;
            resolved.insert(key, withKey);
        }
        profile = resolved.value(key);
    }
    if (m_stopRequested || !m_client) {
        for (Lane &lane : m_lanes)
            lane.pane->abandon(tr("Stopped before sending"));
        finishRun();
        co_return;
    }

    // Tasks start eagerly: the loop hands every request to the client before any waits.
    std::vector<QCoro::Task<>> requests;
    requests.reserve(size_t(profiles.size()));
    for (int i = 0; i < profiles.size(); ++i)
        requests.push_back(doRequest(generation, i, profiles.at(i), m_lanes[size_t(i)].request));
    for (const QCoro::Task<> &request : requests) {
        co_await request;
        if (!self)
            co_return;
    }
    if (generation == m_generation)
        finishRun();
}

QCoro::Task<> LivePanel::doRequest(quint64 generation, int laneIndex, EndpointProfile profile,
                                   GenerationRequest request)
{
    QPointer<LivePanel> self(this);
    QPointer<StreamingClient> client = m_client;
    if (!client)
        co_return;
    const EndpointProfile endpoint = m_lanes[size_t(laneIndex)].profile;
    const RequestOptions options = m_lanes[size_t(laneIndex)].options;
    const bool streamed = request.stream;
    const std::unique_ptr<RequestHandle> handle = client->start(std::move(profile), std::move(request), options);
    connect(handle.get(), &RequestHandle::chunkReceived, this,
            [this, generation, laneIndex](const TraceChunk &chunk) { onChunk(generation, laneIndex, chunk); });
    {
        Lane &lane = m_lanes[size_t(laneIndex)];
        lane.handle = handle.get();
        lane.running = true;
        lane.tokens = 0;
        lane.firstSeen = false;
        lane.pane->start(streamed);
        m_chart->addTokens(lane.stream, 0, 0);
    }
    scheduleRefresh();

    const RequestTrace trace = co_await handle->result();
    if (!self)
        co_return;

    RequestRecord record;
    record.index = laneIndex;
    record.trace = trace;
    record.metrics = Metrics::compute(trace);
    if (generation == m_generation && m_lanes[size_t(laneIndex)].handle == handle.get()) {
        Lane &lane = m_lanes[size_t(laneIndex)];
        lane.running = false;
        lane.handle = nullptr;
        if (!trace.streamed && record.metrics.ttftMs) {
            const double ms = *record.metrics.ttftMs;
            lane.tokens = std::max<qint64>(1, record.metrics.outputTokens);
            // A step, not a ramp from the last tick: nothing had arrived until that instant.
            // (A hair earlier, so that the TTFT marker sits on top of the step.)
            m_chart->addTokens(lane.stream, ms - 1e-3, 0);
            m_chart->addTokens(lane.stream, ms, int(lane.tokens));
            m_chart->markFirstToken(lane.stream, ms);
        }
        lane.pane->finish(record);
        if (record.trace.ok())
            m_legend->setVisible(true);
        scheduleRefresh();
    }
    Q_EMIT requestFinished(endpoint, record);
}

void LivePanel::onChunk(quint64 generation, int laneIndex, const TraceChunk &chunk)
{
    if (generation != m_generation || size_t(laneIndex) >= m_lanes.size())
        return; // a request of a run the panes no longer show
    Lane &lane = m_lanes[size_t(laneIndex)];
    if (!lane.handle)
        return;
    lane.pane->appendChunk(chunk);
    scheduleRefresh();
    // A non-streamed answer arrives as one piece whose token count only the usage report
    // gives: it is drawn when the request ends.
    if (!lane.request.stream) {
        lane.firstSeen = true;
        return;
    }
    const RequestTrace &trace = lane.handle->trace();
    const double ms = Time::nsToMs(chunk.tNs - trace.startNs);
    lane.tokens += chunk.tokens;
    if (!lane.firstSeen) {
        lane.firstSeen = true;
        // The request's own TTFT, as the pane and the finished figures give it.
        m_chart->markFirstToken(lane.stream, Metrics::live(trace, chunk.tNs).ttftMs.value_or(ms));
    }
    m_chart->addTokens(lane.stream, ms, int(lane.tokens));
}

void LivePanel::scheduleRefresh()
{
    // Started only when idle, so a steady stream cannot postpone the redraw forever.
    if (!m_refreshTimer.isActive())
        m_refreshTimer.start();
}

void LivePanel::refreshPanes()
{
    const qint64 now = nowNs();
    bool running = false;
    for (Lane &lane : m_lanes) {
        if (!lane.handle) {
            lane.pane->refresh(LiveFigures{}); // a pane not running only takes its last text
            continue;
        }
        const LiveFigures figures = Metrics::live(lane.handle->trace(), now);
        lane.pane->refresh(figures);
        if (lane.running) {
            running = true;
            if (!lane.request.stream && lane.firstSeen)
                continue; // the answer is in; its point comes with the finished trace
            // The line keeps moving while nothing arrives: waiting is what the chart shows.
            m_chart->addTokens(lane.stream, figures.elapsedMs, int(lane.tokens));
        }
    }
    // The elapsed figures tick while anything is in flight.
    if (running)
        m_refreshTimer.start();
}

void LivePanel::startScrapers()
{
    stopScrapers();
    if (!m_client)
        return;
    QHash<QUrl, MetricsScraper *> byUrl;
    for (Lane &lane : m_lanes) {
        const QUrl base(lane.profile.baseUrl);
        const QUrl url = MetricsScraper::addressFor(lane.profile.serverMetrics, base);
        if (!url.isValid())
            continue;
        MetricsScraper *scraper = byUrl.value(url);
        if (!scraper) {
            // Its own connection: a scrape never delays the raced requests.
            scraper = new MetricsScraper(m_client->clock(), this);
            scraper->setRunStartNs(nowNs());
            scraper->configure(lane.profile.serverMetrics, base);
            connect(scraper, &MetricsScraper::scraped, this, [this] { showServerFigures(false); });
            byUrl.insert(url, scraper);
            m_scrapers.append(scraper);
            scraper->start();
        }
        lane.scraper = scraper;
    }
}

void LivePanel::stopScrapers()
{
    for (const QPointer<MetricsScraper> &scraper : std::as_const(m_scrapers)) {
        if (scraper) {
            scraper->stop();
            scraper->deleteLater();
        }
    }
    m_scrapers.clear();
}

void LivePanel::showServerFigures(bool final)
{
    for (Lane &lane : m_lanes) {
        if (!lane.scraper)
            continue;
        const ServerMetricsTimeline &timeline = lane.scraper->timeline();
        if (timeline.isEmpty()) {
            if (final && lane.scraper->failureCount() > 0)
                lane.pane->setServerText(tr("Server: no metrics (%1)").arg(lane.scraper->lastError()));
            continue;
        }
        const auto figure = [&timeline, final](ServerSeries series, double scale, int decimals) {
            if (final) {
                const std::optional<ServerSeriesSummary> s = timeline.summary(series);
                return s ? QLocale().toString(s->max * scale, 'f', decimals) : QStringLiteral("—");
            }
            const QList<ServerMetricsPoint> points = timeline.series(series);
            return points.isEmpty() ? QStringLiteral("—")
                                    : QLocale().toString(points.constLast().value * scale, 'f', decimals);
        };
        const QString running = figure(ServerSeries::Running, 1, 0);
        const QString waiting = figure(ServerSeries::Waiting, 1, 0);
        const QString kv = figure(ServerSeries::KvCacheUsage, 100, 1);
        lane.pane->setServerText(final ? tr("Server during the request, at most: %1 running · %2 waiting · "
                                            "KV cache %3%")
                                             .arg(running, waiting, kv)
                                       : tr("Server now: %1 running · %2 waiting · KV cache %3%")
                                             .arg(running, waiting, kv));
    }
}

void LivePanel::finishRun()
{
    m_refreshTimer.stop();
    showServerFigures(true);
    stopScrapers();
    refreshPanes();
    m_refreshTimer.stop();
    m_chart->flushNow();
    if (m_mode == Mode::StreamingComparison)
        showComparison();
    else
        showRaceResult();
    setBusy(false);
}

void LivePanel::setWaterfallsExpanded(bool expanded)
{
    // One choice for every pane, kept across sends: the panes stay level, and a reader who
    // opened the waterfall finds it open after the next send.
    m_waterfallExpanded = expanded;
    for (const Lane &lane : m_lanes)
        lane.pane->setWaterfallExpanded(expanded);
}

void LivePanel::showRaceResult()
{
    struct Entry
    {
        QString name;
        qint64 ttftMs; ///< as the readouts show it
    };
    std::vector<Entry> entries;
    for (const Lane &lane : m_lanes) {
        const std::optional<RequestRecord> record = lane.pane->record();
        if (record && record->metrics.ttftMs)
            entries.push_back({lane.pane->title(), qRound64(*record->metrics.ttftMs)});
    }
    if (entries.size() < 2) {
        m_raceResult->clear();
        m_raceResult->setVisible(false);
        return;
    }
    std::stable_sort(entries.begin(), entries.end(), [](const Entry &a, const Entry &b) { return a.ttftMs < b.ttftMs; });
    const Entry &first = entries.at(0);
    const Entry &second = entries.at(1);
    // The whole-millisecond figures the panes show, so that the difference adds up on screen.
    const qint64 lead = second.ttftMs - first.ttftMs;
    if (lead == 0) {
        m_raceResult->setText(tr("%1 and %2: first token at the same time (%3 ms)")
                                  .arg(first.name, second.name, FigureFormat::milliseconds(double(first.ttftMs))));
    } else {
        const qint64 percent = second.ttftMs > 0 ? qRound64(100.0 * double(lead) / double(second.ttftMs)) : 0;
        m_raceResult->setText(tr("%1: first token %2 ms sooner (−%3%)")
                                  .arg(first.name, FigureFormat::milliseconds(double(lead)), QLocale().toString(percent)));
    }
    m_raceResult->setToolTip(tr("Time to first token: %1 against %2 (the runner-up)").arg(first.name, second.name));
    m_raceResult->setVisible(true);
}

QString LivePanel::raceResultText() const
{
    return m_raceResult->text();
}

void LivePanel::showComparison()
{
    m_reduction.reset();
    if (m_lanes.size() != 2)
        return;
    const std::optional<RequestRecord> streamed = m_lanes[0].pane->record();
    const std::optional<RequestRecord> whole = m_lanes[1].pane->record();
    QString problem;
    if (!streamed || !whole)
        problem = tr("stopped before both requests finished");
    else if (!streamed->trace.ok())
        problem = tr("the streaming request failed (%1)").arg(ErrorClasses::label(streamed->trace.error));
    else if (!whole->trace.ok())
        problem = tr("the non-streaming request failed (%1)").arg(ErrorClasses::label(whole->trace.error));
    else if (!streamed->metrics.ttftMs)
        problem = tr("the streaming request returned no text");
    if (!problem.isEmpty()) {
        m_comparisonLabel->setText(tr("No comparison: %1").arg(problem));
        return;
    }

    // Without streaming the first text is the whole answer, so it shows at the very end.
    const double streamingMs = *streamed->metrics.ttftMs;
    const double wholeMs = whole->metrics.e2eMs;
    const QLocale locale;
    QString change;
    if (wholeMs > 0) {
        m_reduction = 1.0 - streamingMs / wholeMs;
        const long long percent = qRound64(std::abs(*m_reduction) * 100.0);
        const QString sign = *m_reduction >= 0 ? QString(QChar(0x2212)) : QStringLiteral("+");
        change = tr("%1%", "a change in percent, sign included").arg(sign + locale.toString(percent));
    }
    m_comparisonLabel->setText(tr("Time to first text: streaming %1 ms · non-streaming %2 ms · %3")
                                   .arg(locale.toString(qRound64(streamingMs)),
                                        locale.toString(qRound64(wholeMs)), change));
}

QString LivePanel::comparisonText() const
{
    return m_comparisonLabel->text();
}

void LivePanel::stop()
{
    if (!m_busy)
        return;
    m_stopRequested = true;
    cancelLanes();
}

void LivePanel::cancelLanes()
{
    for (const Lane &lane : m_lanes) {
        if (lane.handle)
            lane.handle->cancel();
    }
}

void LivePanel::setBusy(bool busy)
{
    if (m_busy == busy)
        return;
    m_busy = busy;
    updateActions();
    Q_EMIT busyChanged(busy);
}

void LivePanel::updateActions()
{
    const bool canSend = !m_busy && m_client && !m_endpoints.isEmpty()
        && !m_user->toPlainText().trimmed().isEmpty();
    m_sendButton->setEnabled(canSend);
    m_compareButton->setEnabled(canSend);
    m_stopButton->setEnabled(m_busy);
}
