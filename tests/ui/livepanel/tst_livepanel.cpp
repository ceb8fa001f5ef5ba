// The Live panel against the embedded endpoint over loopback: a live request, a race of
// two protocols, Stop mid-stream, the streaming demonstration, and pictures of the panel
// for a person to look at.
#include "livepanel/livepanel.h"
#include "livepanel/phasestrip.h"
#include "livepanel/racepane.h"

#include "breakdownpanel/waterfallview.h"
#include "charts/livetokenchart.h"
#include "client/streamingclient.h"
#include "common/clock.h"
#include "endpoint/embeddedendpoint.h"
#include "metrics/figureformat.h"
#include "profiles/secretstore.h"
#include "../../common/widgetlookup.h"

#include <QCoroTask>
#include <QDir>
#include <QDoubleSpinBox>
#include <QElapsedTimer>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QRegularExpression>
#include <QScrollArea>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTest>
#include <QTextBlock>
#include <QTextDocument>
#include <QToolButton>
#include <QXmlStreamReader>

namespace {

LatencyModel fastModel(double msPerToken = 5)
{
    LatencyModel m;
    m.networkMs = 5;
    m.promptMsPerToken = 0;
    m.inferenceMs = 40;
    m.generationMsPerToken = msPerToken;
    m.postprocessMs = 5;
    m.batchSlowdown = 0;
    m.jitter = 0;
    return m;
}

EndpointProfile chatProfile(const QUrl &root)
{
    EndpointProfile p;
    p.id = QStringLiteral("chat");
    p.name = QStringLiteral("OpenAI chat");
    p.color = QStringLiteral("#0072b2");
    p.protocol = Protocol::OpenAIChat;
    p.model = QStringLiteral("tokenscope-sim");
    p.baseUrl = root;
    p.baseUrl.setPath(QStringLiteral("/v1"));
    return p;
}

EndpointProfile anthropicProfile(const QUrl &root)
{
    EndpointProfile p;
    p.id = QStringLiteral("anthropic");
    p.name = QStringLiteral("Anthropic");
    p.color = QStringLiteral("#d55e00");
    p.protocol = Protocol::Anthropic;
    p.model = QStringLiteral("tokenscope-sim");
    p.baseUrl = root;
    return p;
}

double number(const QString &text)
{
    bool ok = false;
    const double v = QLocale().toDouble(text, &ok);
    return ok ? v : -1;
}

QString artifactPath(const QString &fileName)
{
    QString dir = qEnvironmentVariable("TOKENSCOPE_ARTIFACTS");
    if (dir.isEmpty())
        dir = QDir::tempPath() + QStringLiteral("/tokenscope-artifacts");
    QDir().mkpath(dir);
    return dir + QLatin1Char('/') + fileName;
}

void savePicture(QWidget *widget, const QString &fileName)
{
    const QString path = artifactPath(fileName);
    QVERIFY2(widget->grab().save(path), qPrintable(path));
}

using Finished = QList<std::pair<EndpointProfile, RequestRecord>>;

/// The zh_CN translation of \a source in \a context, read from the shipped .ts file.
QString chineseTranslation(const QString &context, const QString &source)
{
    QFile file(QStringLiteral(TOKENSCOPE_TEST_DATA "/../../translations/tokenscope_zh_CN.ts"));
    if (!file.open(QIODevice::ReadOnly))
        return {};
    QXmlStreamReader xml(&file);
    QString currentContext;
    QString currentSource;
    while (!xml.atEnd()) {
        if (!xml.readNextStartElement())
            continue;
        if (xml.name() == u"name")
            currentContext = xml.readElementText();
        else if (xml.name() == u"source")
            currentSource = xml.readElementText();
        else if (xml.name() == u"translation" && currentContext == context && currentSource == source)
            return xml.readElementText();
    }
    return {};
}

} // namespace

class TestLivePanel : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void promptEditorBuildsTheRequest();
    void racePaneKeepsReasoningApart();
    void readoutAndChartLabelAgree_data();
    void readoutAndChartLabelAgree();
    void liveRequestFillsChartReadoutsAndText();
    void raceOfTwoEndpoints();
    void fourPanesWithErrors();
    void stopKeepsPartialText();
    void serverFiguresDuringTheRace();
    void timeoutKeepsTextAndMarksIt();
    void streamingComparison();
    void shortcutsSendAndStop();
    void keysResolvedBeforeSending();

private:
    struct Fixture
    {
        EmbeddedEndpointRunner runner;
        StreamingClient client;
        LivePanel panel{&client, nullptr};
        Finished finished;
    };
    /// Starts an endpoint with \a model and shows a panel of projector size.
    static bool setUp(Fixture &f, const LatencyModel &model);
    /// The winner line of a finished race of two, against the panes' own readouts.
    static void checkRaceResult(const LivePanel &panel);
};

bool TestLivePanel::setUp(Fixture &f, const LatencyModel &model)
{
    if (!f.runner.start(model))
        return false;
    QObject::connect(&f.panel, &LivePanel::requestFinished, &f.panel,
                     [&f](const EndpointProfile &e, const RequestRecord &r) { f.finished.append({e, r}); });
    f.panel.resize(1400, 900);
    f.panel.show();
    return QTest::qWaitForWindowExposed(&f.panel);
}

void TestLivePanel::promptEditorBuildsTheRequest()
{
    StreamingClient client;
    LivePanel panel(&client, nullptr);
    auto *maxTokens = child<QSpinBox>(&panel, "maxTokens");
    auto *temperature = child<QDoubleSpinBox>(&panel, "temperature");
    auto *systemMessage = child<QLineEdit>(&panel, "systemMessage");
    auto *userMessage = child<QPlainTextEdit>(&panel, "userMessage");
    auto *send = child<QPushButton>(&panel, "send");
    auto *stop = child<QPushButton>(&panel, "stop");
    auto *compare = child<QPushButton>(&panel, "compare");
    QVERIFY(maxTokens && temperature && systemMessage && userMessage && send && stop && compare);
    QCOMPARE(maxTokens->value(), 256);
    QVERIFY(!send->isEnabled()); // no endpoint yet
    systemMessage->setText(QStringLiteral("Be brief."));
    userMessage->setPlainText(QStringLiteral("Hello"));
    GenerationRequest r = panel.currentRequest();
    QCOMPARE(r.messages.size(), 2);
    QCOMPARE(r.messages.at(0).role, QStringLiteral("system"));
    QCOMPARE(r.messages.at(1).content, QStringLiteral("Hello"));
    QVERIFY(!r.temperature); // "default" sends none
    QCOMPARE(temperature->text(), QStringLiteral("default"));
    temperature->setValue(0.7);
    r = panel.currentRequest();
    QVERIFY(r.temperature);
    QCOMPARE(*r.temperature, 0.7);
    QVERIFY(r.stream);

    panel.setEndpoints({chatProfile(QUrl(QStringLiteral("http://127.0.0.1:1")))});
    QVERIFY(send->isEnabled());
    QVERIFY(!stop->isEnabled());
    QCOMPARE(panel.panes().size(), 1); // a preview of the race before any send
    userMessage->setPlainText(QStringLiteral("  "));
    QVERIFY(!send->isEnabled()); // nothing to ask
    QVERIFY(!compare->isEnabled());
    panel.send();
    QVERIFY(!panel.isBusy());
}

void TestLivePanel::racePaneKeepsReasoningApart()
{
    RacePane pane(QStringLiteral("Thinker"), QStringLiteral("model"), QColor(0x00, 0x9e, 0x73));
    pane.resize(500, 500);
    pane.show();
    const qint64 t0 = 1'000'000'000;
    pane.start();
    QVERIFY(pane.isRunning());
    RequestTrace trace; // what the request's handle holds by then
    trace.startNs = t0;
    auto chunk = [](qint64 tNs, const QString &text, bool reasoning) {
        TraceChunk c;
        c.tNs = tNs;
        c.text = text;
        c.reasoning = reasoning;
        return c;
    };
    for (const TraceChunk &c : {chunk(t0 + 100'000'000, QStringLiteral("Let me think."), true),
                                chunk(t0 + 150'000'000, QStringLiteral(" Yes."), true),
                                chunk(t0 + 200'000'000, QStringLiteral("The answer"), false)}) {
        pane.appendChunk(c);
        trace.chunks.append(c);
        if (trace.firstTokenNs < 0)
            trace.firstTokenNs = c.tNs;
        trace.lastTokenNs = c.tNs;
    }
    QVERIFY(pane.text().isEmpty()); // buffered until the owner's refresh
    pane.refresh(Metrics::live(trace, t0 + 400'000'000));
    QCOMPARE(pane.reasoningText(), QStringLiteral("Let me think. Yes."));
    QCOMPARE(pane.text(), QStringLiteral("The answer"));
    QCOMPARE(pane.readoutText(RacePane::Readout::Ttft), QStringLiteral("100"));
    QCOMPARE(pane.readoutText(RacePane::Readout::Elapsed), QStringLiteral("400"));
    QCOMPARE(pane.readoutText(RacePane::Readout::Tokens), QStringLiteral("3"));
    // 3 tokens over the 0.3 s since the first one.
    QCOMPARE(pane.readoutText(RacePane::Readout::TokensPerSecond), QStringLiteral("10.0"));
    auto *reasoning = child<QPlainTextEdit>(&pane, "reasoning");
    auto *answer = child<QPlainTextEdit>(&pane, "answer");
    QVERIFY(reasoning && answer && reasoning->isVisible());
    QVERIFY(reasoning->palette().color(QPalette::Text).alphaF() < answer->palette().color(QPalette::Text).alphaF());
}

void TestLivePanel::readoutAndChartLabelAgree_data()
{
    QTest::addColumn<double>("ttftMs");
    QTest::newRow("half up") << 143.5;
    QTest::newRow("just below half") << 143.4999;
    QTest::newRow("half a millisecond") << 0.5;
    QTest::newRow("thousands") << 1234.5;
    QTest::newRow("whole") << 87.0;
}

void TestLivePanel::readoutAndChartLabelAgree()
{
    // The pane's big TTFT figure and the chart's "TTFT … ms" label are one formatting
    // function: they never differ by a millisecond of rounding.
    QFETCH(double, ttftMs);
    RacePane pane(QStringLiteral("A"), QString(), QColor(0xd6, 0x27, 0x28));
    pane.start();
    const qint64 t0 = 1'000'000'000;
    RequestTrace trace;
    trace.startNs = t0;
    TraceChunk chunk;
    chunk.tNs = t0 + Time::msToNs(ttftMs);
    chunk.text = QStringLiteral("x");
    trace.chunks.append(chunk);
    trace.firstTokenNs = chunk.tNs;
    trace.lastTokenNs = chunk.tNs;
    pane.appendChunk(chunk);
    pane.refresh(Metrics::live(trace, chunk.tNs + 1'000'000));
    const double measured = *Metrics::live(trace, chunk.tNs).ttftMs;

    LiveTokenChart chart;
    chart.resize(600, 400);
    const int stream = chart.addStream(QStringLiteral("A"), QColor(0xd6, 0x27, 0x28));
    chart.addTokens(stream, measured, 1);
    chart.markFirstToken(stream, measured);
    chart.flushNow();

    const QString readout = pane.readoutText(RacePane::Readout::Ttft);
    QCOMPARE(readout, FigureFormat::milliseconds(measured));
    QCOMPARE(chart.firstTokenLabel(stream), QStringLiteral("TTFT %1 ms").arg(readout));
}

void TestLivePanel::liveRequestFillsChartReadoutsAndText()
{
    Fixture f;
    QVERIFY(setUp(f, fastModel(5)));
    f.panel.setEndpoints({chatProfile(f.runner.baseUrl())});
    auto *maxTokens = child<QSpinBox>(&f.panel, "maxTokens");
    QVERIFY(maxTokens);
    maxTokens->setValue(120);

    // A request of another component on the same client must leave the panel alone.
    EndpointProfile foreign = chatProfile(f.runner.baseUrl());
    GenerationRequest foreignRequest;
    foreignRequest.messages = {{QStringLiteral("user"), QStringLiteral("someone else's prompt")}};
    foreignRequest.maxTokens = 40;

    QSignalSpy busy(&f.panel, &LivePanel::busyChanged);
    f.panel.send();
    QVERIFY(f.panel.isBusy());
    QCOMPARE(busy.count(), 1);
    const RequestTrace other = QCoro::waitFor(f.client.send(foreign, foreignRequest));
    QVERIFY(other.ok());

    QCOMPARE(f.panel.panes().size(), 1);
    RacePane *pane = f.panel.panes().constFirst();
    // Live, while the answer is still streaming in: figures, text and the chart line.
    QTRY_VERIFY_WITH_TIMEOUT(!pane->readoutText(RacePane::Readout::Tokens).isEmpty(), 5000);
    const double liveTtft = number(pane->readoutText(RacePane::Readout::Ttft));
    QVERIFY(liveTtft > 0);
    QTRY_VERIFY_WITH_TIMEOUT(f.panel.chart()->pointCount(0) > 1 || !f.panel.isBusy(), 5000);
    QVERIFY2(f.panel.isBusy(), "the request ended before anything was seen live");
    QVERIFY(!pane->text().isEmpty());

    QTRY_VERIFY_WITH_TIMEOUT(!f.panel.isBusy(), 10000);
    QCOMPARE(busy.count(), 2);
    QCOMPARE(f.finished.size(), 1); // the foreign request is not the panel's
    const RequestRecord &record = f.finished.constFirst().second;
    QVERIFY2(record.trace.ok(), qPrintable(record.trace.errorMessage));
    QVERIFY(record.metrics.ttftMs);
    // The live readout and the finished figures are one computation on one trace.
    QCOMPARE(liveTtft, double(qRound64(*record.metrics.ttftMs)));
    QCOMPARE(number(pane->readoutText(RacePane::Readout::Ttft)), double(qRound64(*record.metrics.ttftMs)));
    QCOMPARE(number(pane->readoutText(RacePane::Readout::Tokens)), double(record.metrics.outputTokens));
    QCOMPARE(number(pane->readoutText(RacePane::Readout::Elapsed)), double(qRound64(record.metrics.e2eMs)));
    QVERIFY(number(pane->readoutText(RacePane::Readout::TokensPerSecond)) > 0);

    QVERIFY(!record.trace.text.isEmpty());
    QCOMPARE(pane->text(), record.trace.text);
    QVERIFY(pane->statusText().startsWith(QStringLiteral("Done")));

    LiveTokenChart *chart = f.panel.chart();
    QCOMPARE(chart->streamCount(), 1);
    QVERIFY(chart->pointCount(0) > 10);
    QVERIFY(chart->firstTokenMs(0));
    QCOMPARE(*chart->firstTokenMs(0), *record.metrics.ttftMs);
    QVERIFY(chart->firstTokenLabel(0).startsWith(QStringLiteral("TTFT")));
}

void TestLivePanel::raceOfTwoEndpoints()
{
    Fixture f;
    QVERIFY(setUp(f, fastModel(5)));
    const QList<EndpointProfile> endpoints{chatProfile(f.runner.baseUrl()), anthropicProfile(f.runner.baseUrl())};
    f.panel.setEndpoints(endpoints);
    auto *maxTokens = child<QSpinBox>(&f.panel, "maxTokens");
    QVERIFY(maxTokens);
    maxTokens->setValue(80);
    f.panel.send();
    QTRY_VERIFY_WITH_TIMEOUT(!f.panel.isBusy(), 10000);

    QCOMPARE(f.finished.size(), 2);
    const QList<RacePane *> panes = f.panel.panes();
    QCOMPARE(panes.size(), 2);
    QCOMPARE(f.panel.chart()->streamCount(), 2);
    for (int i = 0; i < 2; ++i) {
        QCOMPARE(panes.at(i)->title(), endpoints.at(i).name);
        QCOMPARE(panes.at(i)->color(), QColor(endpoints.at(i).color));
        QVERIFY(f.panel.chart()->pointCount(i) > 0);
        QVERIFY(f.panel.chart()->firstTokenMs(i));
    }
    for (const auto &[endpoint, record] : std::as_const(f.finished)) {
        QVERIFY2(record.trace.ok(), qPrintable(record.trace.errorMessage));
        QVERIFY(endpoint.apiKey.isEmpty());
        RacePane *pane = panes.at(record.index);
        QCOMPARE(pane->title(), endpoint.name);
        QCOMPARE(pane->text(), record.trace.text);
        QCOMPARE(record.metrics.outputTokens, 80);

        // The strip shows exactly the record's five phases.
        PhaseStrip *strip = pane->phaseStrip();
        QVERIFY(strip->isVisible());
        QVERIFY(strip->hasPhases());
        for (Phase phase : Phases::all()) {
            QCOMPARE(strip->value(phase), record.metrics.phases[phase]);
            QCOMPARE(strip->isEstimated(phase), record.metrics.phases.sourceOf(phase) == PhaseSource::Estimated);
        }
        // Generation is by far the longest phase here: its value is written on the bar.
        QVERIFY(!strip->segmentText(Phase::Generation).isEmpty());
        QVERIFY(strip->legendText().contains(Phases::label(Phase::Inference)));
        // 40 ms of inference against the typical 500–5,000 ms: the tooltip says it is below.
        QCOMPARE(strip->verdict(Phase::Inference), RangeVerdict::Below);
        QVERIFY(strip->verdictText(Phase::Inference).contains(QStringLiteral("below typical range")));
        QVERIFY(strip->legendText().contains(QStringLiteral("below typical range")));
        QCOMPARE(strip->verdict(Phase::Generation), RangeVerdict::NoRange);
        QVERIFY(pane->waterfall()->hasRecord());
        QVERIFY(!pane->isWaterfallExpanded());
    }
    // The race ends with a line that names the winner against the runner-up, in the
    // figures the readouts show.
    checkRaceResult(f.panel);
    savePicture(&f.panel, QStringLiteral("live-race-finished.png"));

    // Opening a waterfall (as a user does, with its toggle) keeps the figures in sight.
    auto *toggle = child<QToolButton>(panes.at(0), "waterfallToggle");
    QVERIFY(toggle && toggle->isVisible());
    toggle->click();
    QVERIFY(panes.at(0)->waterfall()->isVisible());
    QTest::qWait(50);
    for (RacePane *pane : panes) {
        auto *ttft = child<QWidget>(pane, "ttftReadout");
        QVERIFY(ttft);
        QVERIFY(!ttft->visibleRegion().isEmpty());
        QVERIFY(ttft->mapTo(pane, QPoint(0, 0)).y() >= 0);
        QCOMPARE(ttft->visibleRegion().boundingRect().height(), ttft->height());
    }
    savePicture(&f.panel, QStringLiteral("live-race-waterfall.png"));

    // Sending again starts from empty panes and an empty chart...
    f.panel.send();
    QVERIFY(f.panel.panes().at(0)->text().isEmpty());
    QVERIFY(!f.panel.panes().at(0)->phaseStrip()->isVisible());
    QCOMPARE(f.panel.chart()->streamCount(), 2);
    QVERIFY(!f.panel.chart()->firstTokenMs(0));
    QVERIFY(f.panel.raceResultText().isEmpty());
    QTRY_VERIFY_WITH_TIMEOUT(!f.panel.isBusy(), 10000);
    QCOMPARE(f.finished.size(), 4);
    // ...but the waterfalls the reader opened are open again once the requests are done.
    for (RacePane *pane : f.panel.panes()) {
        QVERIFY(pane->isWaterfallExpanded());
        QVERIFY(pane->isWaterfallShown());
    }
    checkRaceResult(f.panel);
}

void TestLivePanel::checkRaceResult(const LivePanel &panel)
{
    struct Entry
    {
        QString name;
        qint64 ms;
    };
    QList<Entry> entries;
    for (RacePane *pane : panel.panes())
        entries.append({pane->title(), qint64(number(pane->readoutText(RacePane::Readout::Ttft)))});
    QCOMPARE(entries.size(), 2);
    std::stable_sort(entries.begin(), entries.end(), [](const Entry &a, const Entry &b) { return a.ms < b.ms; });
    const qint64 lead = entries.at(1).ms - entries.at(0).ms;
    const QString text = panel.raceResultText();
    auto *label = child<QLabel>(&panel, "raceResult");
    QVERIFY(label && label->isVisible());
    QCOMPARE(label->text(), text);
    if (lead == 0) {
        QCOMPARE(text, QStringLiteral("%1 and %2: first token at the same time (%3 ms)")
                           .arg(entries.at(0).name, entries.at(1).name, QString::number(entries.at(0).ms)));
    } else {
        const qint64 percent = qRound64(100.0 * double(lead) / double(entries.at(1).ms));
        QCOMPARE(text, QStringLiteral("%1: first token %2 ms sooner (\u2212%3%)")
                           .arg(entries.at(0).name, QString::number(lead), QString::number(percent)));
    }
}

void TestLivePanel::fourPanesWithErrors()
{
    Fixture f;
    QVERIFY(setUp(f, fastModel(8)));
    const QUrl root = f.runner.baseUrl();
    EndpointProfile ollama;
    ollama.id = QStringLiteral("ollama");
    ollama.name = QStringLiteral("Ollama (reset)");
    ollama.color = QStringLiteral("#009e73");
    ollama.protocol = Protocol::Ollama;
    ollama.model = QStringLiteral("tokenscope-sim");
    ollama.baseUrl = root;
    ollama.headers = {{QByteArray(Protocols::FaultHeader), QByteArrayLiteral("reset")}};
    EndpointProfile sse = ollama;
    sse.id = QStringLiteral("sse");
    sse.name = QStringLiteral("Simple SSE (429)");
    sse.color = QStringLiteral("#cc79a7");
    sse.protocol = Protocol::SimpleSse;
    sse.headers = {{QByteArray(Protocols::FaultHeader), QByteArrayLiteral("429")}};
    const QList<EndpointProfile> endpoints{chatProfile(root), anthropicProfile(root), ollama, sse};
    f.panel.setEndpoints(endpoints);
    auto *maxTokens = child<QSpinBox>(&f.panel, "maxTokens");
    QVERIFY(maxTokens);
    maxTokens->setValue(60);
    f.panel.send();
    QCOMPARE(f.panel.panes().size(), 4);
    QTRY_VERIFY_WITH_TIMEOUT(f.panel.panes().at(0)->tokens() >= 20, 5000);
    QTest::qWait(60);
    savePicture(&f.panel, QStringLiteral("live-race-four-running.png"));
    QTRY_VERIFY_WITH_TIMEOUT(!f.panel.isBusy(), 10000);
    QCOMPARE(f.finished.size(), 4);
    QCOMPARE(f.panel.chart()->streamCount(), 4);

    for (const auto &[endpoint, record] : std::as_const(f.finished)) {
        RacePane *pane = f.panel.panes().at(record.index);
        QCOMPARE(pane->text(), record.trace.text);
        if (record.index < 2) {
            QVERIFY2(record.trace.ok(), qPrintable(record.trace.errorMessage));
            QVERIFY(pane->phaseStrip()->isVisible());
            continue;
        }
        QVERIFY(!record.trace.ok());
        QVERIFY(pane->statusText().startsWith(ErrorClasses::label(record.trace.error)));
        QVERIFY(!pane->phaseStrip()->isVisible());
    }
    RacePane *reset = f.panel.panes().at(2);
    QCOMPARE(reset->record()->trace.error, ErrorClass::Reset);
    QVERIFY(!reset->text().isEmpty()); // what arrived before the reset stays
    QVERIFY(reset->statusText().contains(QStringLiteral("partial text kept")));
    RacePane *limited = f.panel.panes().at(3);
    QCOMPARE(limited->record()->trace.error, ErrorClass::HttpStatus);
    QVERIFY(limited->readoutText(RacePane::Readout::Ttft).isEmpty());
    savePicture(&f.panel, QStringLiteral("live-race-four.png"));
}

void TestLivePanel::stopKeepsPartialText()
{
    Fixture f;
    QVERIFY(setUp(f, fastModel(30)));
    f.panel.setEndpoints({chatProfile(f.runner.baseUrl()), anthropicProfile(f.runner.baseUrl())});
    auto *maxTokens = child<QSpinBox>(&f.panel, "maxTokens");
    QVERIFY(maxTokens);
    maxTokens->setValue(200);
    f.panel.send();
    const QList<RacePane *> panes = f.panel.panes();
    QTRY_VERIFY_WITH_TIMEOUT(panes.at(0)->tokens() >= 15 && panes.at(1)->tokens() >= 15, 8000);
    QTest::qWait(100); // let the 33 ms refresh show the latest text
    QVERIFY(f.panel.isBusy());
    savePicture(&f.panel, QStringLiteral("live-race-running.png"));

    QElapsedTimer stopped;
    stopped.start();
    f.panel.stop();
    QTRY_VERIFY_WITH_TIMEOUT(!f.panel.isBusy(), 3000);
    QVERIFY(stopped.elapsed() < 2000);
    QCOMPARE(f.finished.size(), 2);
    for (const auto &[endpoint, record] : std::as_const(f.finished)) {
        QCOMPARE(record.trace.error, ErrorClass::Cancelled);
        QVERIFY(record.metrics.outputTokens < 200);
        QVERIFY(!record.trace.text.isEmpty());
        RacePane *pane = panes.at(record.index);
        QCOMPARE(pane->text(), record.trace.text); // the partial text stays
        QVERIFY(pane->statusText().contains(ErrorClasses::label(ErrorClass::Cancelled)));
        // The figure counts what arrived (an early usage report must not win over it).
        qint64 counted = 0;
        for (const TraceChunk &chunk : record.trace.chunks)
            counted += chunk.tokens;
        QCOMPARE(number(pane->readoutText(RacePane::Readout::Tokens)), double(counted));
        QVERIFY(!pane->isRunning());
    }
    savePicture(&f.panel, QStringLiteral("live-race-stopped.png"));
}

void TestLivePanel::serverFiguresDuringTheRace()
{
    // Both lanes on one embedded endpoint: its /metrics, read during the race, say two
    // requests are decoding; a third profile with server metrics off shows nothing.
    Fixture f;
    QVERIFY(setUp(f, fastModel(30)));
    EndpointProfile off = chatProfile(f.runner.baseUrl());
    off.id = QStringLiteral("off");
    off.name = QStringLiteral("Not scraped");
    off.serverMetrics = QStringLiteral("off");
    f.panel.setEndpoints({chatProfile(f.runner.baseUrl()), anthropicProfile(f.runner.baseUrl()), off});
    auto *maxTokens = child<QSpinBox>(&f.panel, "maxTokens");
    QVERIFY(maxTokens);
    maxTokens->setValue(80);
    f.panel.send();
    const QList<RacePane *> panes = f.panel.panes();
    QCOMPARE(panes.size(), 3);
    QTRY_VERIFY_WITH_TIMEOUT(panes.at(0)->serverText().startsWith(QStringLiteral("Server now: 3 running")), 5000);
    QVERIFY(panes.at(0)->serverText().contains(QStringLiteral("0 waiting")));
    QCOMPARE(panes.at(1)->serverText(), panes.at(0)->serverText()); // one server, one scraper
    QVERIFY(panes.at(2)->serverText().isEmpty());
    QTRY_VERIFY_WITH_TIMEOUT(!f.panel.isBusy(), 10000);
    QVERIFY2(panes.at(0)->serverText().startsWith(QStringLiteral("Server during the request, at most: 3 running")),
             qPrintable(panes.at(0)->serverText()));
    QVERIFY(panes.at(2)->serverText().isEmpty());
}

void TestLivePanel::timeoutKeepsTextAndMarksIt()
{
    // A stream cut by its timeout keeps what arrived, and the text ends with a status line
    // that says so, as a stream does when it yields "[生成超时]" once its timeout fires.
    const QString marker = QStringLiteral("[generation timed out]");
    QCOMPARE(chineseTranslation(QStringLiteral("RacePane"), marker), QStringLiteral("[生成超时]"));

    Fixture f;
    QVERIFY(setUp(f, fastModel(100))); // ten tokens a second
    // The typical stream timeout, 30 s, is where the panel starts.
    auto *timeout = child<QSpinBox>(&f.panel, "timeout");
    auto *maxTokens = child<QSpinBox>(&f.panel, "maxTokens");
    QVERIFY(timeout && maxTokens);
    QCOMPARE(timeout->value(), 30);
    QCOMPARE(f.panel.currentOptions().totalTimeoutMs, 30'000);
    f.panel.setEndpoints({chatProfile(f.runner.baseUrl())});
    maxTokens->setValue(200);
    timeout->setValue(1);
    f.panel.send();
    QTRY_VERIFY_WITH_TIMEOUT(!f.panel.isBusy(), 8000);
    QCOMPARE(f.finished.size(), 1);
    const RequestRecord &record = f.finished.constFirst().second;
    QCOMPARE(record.trace.error, ErrorClass::TotalTimeout);
    QVERIFY(!record.trace.text.isEmpty());
    QVERIFY(record.metrics.outputTokens < 200);
    QVERIFY(!record.trace.text.contains(marker)); // the marker is not part of the answer

    RacePane *pane = f.panel.panes().constFirst();
    QCOMPARE(pane->text(), record.trace.text); // what arrived stays
    QCOMPARE(pane->textMarker(), marker);
    QCOMPARE(pane->shownText(), record.trace.text + u'\n' + marker);
    QVERIFY(pane->statusText().startsWith(ErrorClasses::label(ErrorClass::TotalTimeout)));
    QVERIFY(pane->statusText().contains(QStringLiteral("partial text kept")));
    // The marker is a line of its own, drawn as a status rather than as answer text.
    auto *answer = child<QPlainTextEdit>(pane, "answer");
    QVERIFY(answer);
    const QTextBlock last = answer->document()->lastBlock();
    QCOMPARE(last.text(), marker);
    QVERIFY(last.begin().fragment().charFormat().fontItalic());
    QVERIFY(!answer->document()->firstBlock().begin().fragment().charFormat().fontItalic());
    savePicture(&f.panel, QStringLiteral("live-timed-out.png"));

    // Without a timeout ("none") the same request runs to its end, unmarked.
    timeout->setValue(timeout->minimum());
    QCOMPARE(timeout->text(), QStringLiteral("none"));
    QCOMPARE(f.panel.currentOptions().totalTimeoutMs, 0);
    maxTokens->setValue(5);
    f.panel.send();
    QTRY_VERIFY_WITH_TIMEOUT(!f.panel.isBusy(), 8000);
    QCOMPARE(f.finished.size(), 2);
    QVERIFY2(f.finished.last().second.trace.ok(), qPrintable(f.finished.last().second.trace.errorMessage));
    RacePane *again = f.panel.panes().constFirst();
    QVERIFY(again->textMarker().isEmpty());
    QCOMPARE(again->shownText(), f.finished.last().second.trace.text);
}

void TestLivePanel::streamingComparison()
{
    Fixture f;
    LatencyModel model = fastModel(10);
    QVERIFY(setUp(f, model));
    f.panel.setEndpoints({chatProfile(f.runner.baseUrl()), anthropicProfile(f.runner.baseUrl())});
    auto *maxTokens = child<QSpinBox>(&f.panel, "maxTokens");
    QVERIFY(maxTokens);
    maxTokens->setValue(60);
    f.panel.compareStreaming();
    QCOMPARE(f.panel.mode(), LivePanel::Mode::StreamingComparison);
    const QList<RacePane *> panes = f.panel.panes();
    QCOMPARE(panes.size(), 2);
    QCOMPARE(panes.at(0)->title(), QStringLiteral("Streaming"));
    QCOMPARE(panes.at(1)->title(), QStringLiteral("Non-streaming"));

    // What a user sees: streamed words while the other pane is still blank.
    QTRY_VERIFY_WITH_TIMEOUT(!panes.at(0)->text().isEmpty(), 5000);
    QVERIFY(f.panel.isBusy());
    QVERIFY(panes.at(1)->text().isEmpty());
    QTest::qWait(150);
    savePicture(&f.panel, QStringLiteral("live-streaming-demo-running.png"));

    QTRY_VERIFY_WITH_TIMEOUT(!f.panel.isBusy(), 10000);
    QCOMPARE(f.finished.size(), 2);
    for (const auto &[endpoint, record] : std::as_const(f.finished)) {
        QVERIFY2(record.trace.ok(), qPrintable(record.trace.errorMessage));
        QCOMPARE(endpoint.name, QStringLiteral("OpenAI chat")); // the first endpoint, twice
        QCOMPARE(panes.at(record.index)->text(), record.trace.text);
        QCOMPARE(record.trace.streamed, record.index == 0);
    }
    QVERIFY(f.panel.streamingReduction());
    QVERIFY2(*f.panel.streamingReduction() > 0.5, qPrintable(f.panel.comparisonText()));
    QVERIFY(f.panel.comparisonText().contains(QLatin1Char('%')));
    QVERIFY(f.panel.comparisonText().startsWith(QStringLiteral("Time to first text: streaming ")));
    QCOMPARE(f.panel.chart()->streamCount(), 2);
    savePicture(&f.panel, QStringLiteral("live-streaming-demo.png"));
}

void TestLivePanel::shortcutsSendAndStop()
{
    Fixture f;
    QVERIFY(setUp(f, fastModel(30)));
    f.panel.setEndpoints({chatProfile(f.runner.baseUrl())});
    auto *maxTokens = child<QSpinBox>(&f.panel, "maxTokens");
    auto *userMessage = child<QPlainTextEdit>(&f.panel, "userMessage");
    auto *send = child<QPushButton>(&f.panel, "send");
    QVERIFY(maxTokens && userMessage && send);
    maxTokens->setValue(200);
    f.panel.activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(&f.panel));
    // Ctrl+Return sends wherever the focus is, not only from the prompt box.
    f.panel.chart()->setFocus();
    QVERIFY(f.panel.chart()->hasFocus());
    QTest::keyClick(f.panel.chart(), Qt::Key_Return, Qt::ControlModifier);
    QVERIFY(f.panel.isBusy());
    QVERIFY(!send->isEnabled());
    QTRY_VERIFY_WITH_TIMEOUT(f.panel.panes().constFirst()->tokens() > 3, 5000);
    QTest::keyClick(userMessage, Qt::Key_Escape);
    QTRY_VERIFY_WITH_TIMEOUT(!f.panel.isBusy(), 3000);
    QCOMPARE(f.finished.size(), 1);
    QCOMPARE(f.finished.constFirst().second.trace.error, ErrorClass::Cancelled);
}

void TestLivePanel::keysResolvedBeforeSending()
{
    // Without a keychain service the store answers "no key" (or times out); either way the
    // race must still go out, once the lookups are done.
    EmbeddedEndpointRunner runner;
    QVERIFY(runner.start(fastModel(5)));
    StreamingClient client;
    SecretStore secrets;
    secrets.setTimeout(std::chrono::milliseconds(400));
    LivePanel panel(&client, &secrets);
    Finished finished;
    connect(&panel, &LivePanel::requestFinished, &panel,
            [&finished](const EndpointProfile &e, const RequestRecord &r) { finished.append({e, r}); });
    panel.setEndpoints({chatProfile(runner.baseUrl()), anthropicProfile(runner.baseUrl())});
    auto *maxTokens = child<QSpinBox>(&panel, "maxTokens");
    QVERIFY(maxTokens);
    maxTokens->setValue(20);
    panel.send();
    QVERIFY(panel.isBusy());
    QTRY_VERIFY_WITH_TIMEOUT(!panel.isBusy(), 10000);
    QCOMPARE(finished.size(), 2);
    for (const auto &[endpoint, record] : std::as_const(finished)) {
        QVERIFY2(record.trace.ok(), qPrintable(record.trace.errorMessage));
        QVERIFY(endpoint.apiKey.isEmpty()); // a resolved key never leaves the panel
    }
}

QTEST_MAIN(TestLivePanel)
#include "tst_livepanel.moc"
