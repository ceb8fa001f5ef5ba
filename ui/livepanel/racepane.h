#pragma once

#include "client/requesttrace.h"
#include "metrics/runsummary.h"

#include <QColor>
#include <QFrame>
#include <QString>

#include <optional>

class PhaseStrip;
class QGridLayout;
class QLabel;
class QPlainTextEdit;
class QScrollArea;
class QToolButton;
class WaterfallView;

/// \brief One big figure with its caption, sized to stay legible on a projector.
class LiveReadout : public QWidget
{
    Q_OBJECT
public:
    LiveReadout(const QString &caption, const QString &unit, QWidget *parent = nullptr);

    /// Shows \a value; an empty value shows a dash.
    void setValue(const QString &value);
    QString value() const { return m_value; }
    QString caption() const { return m_caption; }

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

protected:
    void paintEvent(QPaintEvent *event) override;

private:
    QString m_caption;
    QString m_unit;
    QString m_value;
};

/*!
 * \brief One request of a race: its live figures, its text as it arrives, its status, and
 * once it is done its five phases and its waterfall.
 *
 * The pane only buffers what arrives (appendChunk); refresh() applies it, so the owner
 * decides how often widgets are touched.
 */
class RacePane : public QFrame
{
    Q_OBJECT
public:
    enum class Readout { Ttft, TokensPerSecond, Elapsed, Tokens };

    RacePane(const QString &title, const QString &subtitle, const QColor &color, QWidget *parent = nullptr);
    ~RacePane() override;

    QString title() const { return m_title; }
    QColor color() const { return m_color; }

    /// The request was handed to the client; \a streamed false means the whole answer will
    /// arrive at once, at the end.
    void start(bool streamed = true);
    /// Buffers a chunk's text; nothing is drawn until refresh().
    void appendChunk(const TraceChunk &chunk);
    /// Applies buffered text and shows \a figures (Metrics::live() of the request's trace).
    void refresh(const LiveFigures &figures);
    /// The request ended: exact figures, full text, status, phases and waterfall.
    void finish(const RequestRecord &record);
    /// Ends a pane whose request was never sent (stopped while resolving keys, say).
    void abandon(const QString &reason);

    bool isRunning() const { return m_running; }
    bool isFinished() const { return m_record.has_value(); }
    std::optional<RequestRecord> record() const { return m_record; }
    /// The time to first token, once known (live, then from the finished trace).
    std::optional<double> ttftMs() const;
    /// Tokens counted so far.
    qint64 tokens() const { return m_figures.outputTokens; }

    /// The answer text as shown (without the timed-out marker).
    QString text() const;
    /// The marker after the answer when a timeout cut the stream ("[generation timed out]"),
    /// drawn as a status in the text pane; empty otherwise.
    QString textMarker() const { return m_marker; }
    /// Everything the text pane shows, marker included.
    QString shownText() const;
    /// The reasoning text as shown (apart from the answer).
    QString reasoningText() const;
    QString statusText() const;
    /// What the endpoint's server says (from its /metrics) while and after the request; an
    /// empty text hides the line.
    void setServerText(const QString &text);
    QString serverText() const;
    QString readoutText(Readout readout) const;

    PhaseStrip *phaseStrip() const { return m_phaseStrip; }
    WaterfallView *waterfall() const { return m_waterfall; }
    /// Opens or closes the waterfall. The choice outlives start(): a pane asked to keep it
    /// open shows it again as soon as its next request has finished.
    void setWaterfallExpanded(bool expanded);
    /// Whether the waterfall is wanted open (it shows once there is a finished request).
    bool isWaterfallExpanded() const;
    /// Whether the waterfall is on screen now.
    bool isWaterfallShown() const;

Q_SIGNALS:
    /// The reader opened or closed the waterfall with its toggle.
    void waterfallExpandedChanged(bool expanded);

protected:
    void paintEvent(QPaintEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;

private:
    void arrangeReadouts(int columns);
    void setStatus(const QString &text, const QColor &color = {});
    void setReadout(Readout readout, const QString &value);
    LiveReadout *readout(Readout readout) const;
    void applyPendingText();
    void appendTimeoutMarker();
    void showFigures(const LiveFigures &figures);
    void applyWaterfall();
    static QString formatMs(double ms);
    static QString formatRate(double tokensPerSecond);

    QString m_title;
    QColor m_color;
    QScrollArea *m_scroll = nullptr;
    QLabel *m_titleLabel = nullptr;
    QGridLayout *m_readouts = nullptr;
    int m_readoutColumns = 0;
    LiveReadout *m_ttft = nullptr;
    LiveReadout *m_rate = nullptr;
    LiveReadout *m_elapsed = nullptr;
    LiveReadout *m_tokensReadout = nullptr;
    QLabel *m_reasoningCaption = nullptr;
    QPlainTextEdit *m_reasoning = nullptr;
    QPlainTextEdit *m_text = nullptr;
    QLabel *m_status = nullptr;
    QLabel *m_server = nullptr; ///< the server's batch, queue and KV cache, when scraped
    PhaseStrip *m_phaseStrip = nullptr;
    QToolButton *m_waterfallToggle = nullptr;
    WaterfallView *m_waterfall = nullptr;

    bool m_running = false;
    bool m_waterfallWanted = false;
    LiveFigures m_figures; ///< as last shown
    QString m_waitingText;
    QString m_pendingText;
    QString m_pendingReasoning;
    QString m_shownText;
    QString m_shownReasoning;
    std::optional<RequestRecord> m_record;
    QString m_marker; ///< shown after the answer; not part of the trace's text
    int m_markerChars = 0; ///< what the marker added to the pane (with its line break)
};
