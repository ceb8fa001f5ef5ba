#include "racepane.h"

#include "phasestrip.h"

#include "breakdownpanel/waterfallview.h"
#include "charts/phasestyle.h"
#include "common/clock.h"
#include "metrics/figureformat.h"

#include <QFontMetricsF>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QPainter>
#include <QPainterPath>
#include <QPlainTextEdit>
#include <QScrollArea>
#include <QScrollBar>
#include <QTimer>
#include <QTextCharFormat>
#include <QTextCursor>
#include <QToolButton>
#include <QVBoxLayout>

#include <algorithm>

namespace {

constexpr double MaxValuePixels = 38;
constexpr double MinValuePixels = 11;
/// Pane width from which the four readouts sit in one row.
constexpr int WideReadoutsWidth = 560;

QColor errorColor()
{
    return QColor(0xC6, 0x28, 0x28);
}

QColor cancelledColor()
{
    return QColor(0xB2, 0x5E, 0x00);
}

/// The endpoint colour darkened until text in it reads on a light background.
QColor readableOn(const QColor &color, const QColor &background)
{
    const bool lightBackground = background.lightnessF() > 0.5;
    QColor c = color;
    for (int i = 0; i < 6 && lightBackground && c.lightnessF() > 0.45; ++i)
        c = c.darker(120);
    for (int i = 0; i < 6 && !lightBackground && c.lightnessF() < 0.55; ++i)
        c = c.lighter(120);
    return c;
}

} // namespace

LiveReadout::LiveReadout(const QString &caption, const QString &unit, QWidget *parent)
    : QWidget(parent)
    , m_caption(caption)
    , m_unit(unit)
{
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
    setAccessibleName(caption);
}

void LiveReadout::setValue(const QString &value)
{
    if (value == m_value)
        return;
    m_value = value;
    setAccessibleDescription(value);
    update();
}

QSize LiveReadout::sizeHint() const
{
    return QSize(130, minimumSizeHint().height());
}

QSize LiveReadout::minimumSizeHint() const
{
    QFont small = font();
    small.setPointSizeF(small.pointSizeF() * 0.9);
    return QSize(64, int(QFontMetricsF(small).height() + MaxValuePixels * 1.25 + 6));
}

void LiveReadout::paintEvent(QPaintEvent *)
{
    QPainter painter(this);
    painter.setRenderHint(QPainter::Antialiasing);
    painter.setRenderHint(QPainter::TextAntialiasing);

    QFont captionFont = font();
    captionFont.setPointSizeF(captionFont.pointSizeF() * 0.9);
    captionFont.setBold(true);
    const QFontMetricsF captionMetrics(captionFont);
    painter.setFont(captionFont);
    QColor muted = palette().color(QPalette::WindowText);
    muted.setAlphaF(0.65f);
    painter.setPen(muted);
    painter.drawText(QRectF(0, 0, width(), captionMetrics.height()), Qt::AlignLeft | Qt::AlignVCenter,
                     captionMetrics.elidedText(m_caption.toUpper(), Qt::ElideRight, width()));

    const QString value = m_value.isEmpty() ? QStringLiteral("\u2014") : m_value;
    const QString unit = m_value.isEmpty() ? QString() : m_unit;
    QFont valueFont = font();
    valueFont.setBold(true);
    QFont unitFont = font();
    // Sized for a reference figure ("8,888 ms") rather than for the value itself, so that
    // every readout of every pane shares one size; only a longer value shrinks further.
    const QString reference = QLocale().toString(8888);
    auto fits = [&](const QString &v, const QString &u, double px) {
        valueFont.setPixelSize(int(px));
        unitFont.setPixelSize(std::max(10, int(px * 0.45)));
        const double needed = QFontMetricsF(valueFont).horizontalAdvance(v)
            + (u.isEmpty() ? 0.0 : 4 + QFontMetricsF(unitFont).horizontalAdvance(u));
        return needed <= width();
    };
    const double room = height() - captionMetrics.height() - 2;
    double pixels = std::min(MaxValuePixels, room / 1.25);
    while (pixels > MinValuePixels && !fits(reference, tr("ms"), pixels))
        pixels -= 1;
    while (pixels > MinValuePixels && !fits(value, unit, pixels))
        pixels -= 1;
    valueFont.setPixelSize(int(pixels));
    unitFont.setPixelSize(std::max(10, int(pixels * 0.45)));
    const QFontMetricsF valueMetrics(valueFont);
    const double baseline = captionMetrics.height() + 2 + (room + valueMetrics.ascent() - valueMetrics.descent()) / 2;
    painter.setFont(valueFont);
    painter.setPen(palette().color(QPalette::WindowText));
    painter.drawText(QPointF(0, baseline), value);
    if (!unit.isEmpty()) {
        painter.setFont(unitFont);
        painter.setPen(muted);
        painter.drawText(QPointF(valueMetrics.horizontalAdvance(value) + 4, baseline), unit);
    }
}

RacePane::RacePane(const QString &title, const QString &subtitle, const QColor &color, QWidget *parent)
    : QFrame(parent)
    , m_title(title)
    , m_color(color)
{
    setObjectName(QStringLiteral("racePane"));
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Expanding);
    // The title and the big figures stay pinned at the top of the card; what is below them
    // scrolls inside it: an opened waterfall needs its full height and must neither squeeze
    // the answer text to nothing nor push the figures out of sight.
    auto *outer = new QVBoxLayout(this);
    outer->setContentsMargins(12, 12, 12, 2);
    outer->setSpacing(6);

    m_titleLabel = new QLabel(this);
    m_titleLabel->setObjectName(QStringLiteral("title"));
    m_titleLabel->setTextFormat(Qt::RichText);
    QFont titleFont = font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.35);
    titleFont.setBold(true);
    m_titleLabel->setFont(titleFont);
    const QColor titleColor = readableOn(color, palette().color(QPalette::Window));
    QString html = QStringLiteral("<span style=\"color:%1\">%2</span>").arg(titleColor.name(), title.toHtmlEscaped());
    if (!subtitle.isEmpty() && subtitle != title)
        html += QStringLiteral(" <span style=\"font-weight:normal; font-size:small\">%1</span>").arg(subtitle.toHtmlEscaped());
    m_titleLabel->setText(html);
    // A long name is cut rather than widening the pane past its share of a four-way race.
    m_titleLabel->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    m_titleLabel->setToolTip(subtitle.isEmpty() ? title : tr("%1 (%2)").arg(title, subtitle));
    outer->addWidget(m_titleLabel);

    m_readouts = new QGridLayout;
    m_readouts->setHorizontalSpacing(10);
    m_readouts->setVerticalSpacing(4);
    m_ttft = new LiveReadout(tr("TTFT"), tr("ms"), this);
    m_ttft->setObjectName(QStringLiteral("ttftReadout"));
    m_ttft->setToolTip(tr("Time to first token: from sending until the first token arrived"));
    m_rate = new LiveReadout(tr("Tokens/s"), QString(), this);
    m_rate->setObjectName(QStringLiteral("rateReadout"));
    m_rate->setToolTip(tr("Tokens received so far divided by the seconds since the first token"));
    m_elapsed = new LiveReadout(tr("Elapsed"), tr("ms"), this);
    m_elapsed->setObjectName(QStringLiteral("elapsedReadout"));
    m_elapsed->setToolTip(tr("Time since the request was sent"));
    m_tokensReadout = new LiveReadout(tr("Tokens"), QString(), this);
    m_tokensReadout->setObjectName(QStringLiteral("tokensReadout"));
    m_tokensReadout->setToolTip(tr("Output tokens received"));
    arrangeReadouts(4);
    outer->addLayout(m_readouts);

    m_scroll = new QScrollArea(this);
    m_scroll->setObjectName(QStringLiteral("paneScroll"));
    m_scroll->setFrameShape(QFrame::NoFrame);
    m_scroll->setWidgetResizable(true);
    m_scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_scroll->viewport()->setAutoFillBackground(false);
    outer->addWidget(m_scroll, 1);
    auto *content = new QWidget(m_scroll);
    content->setAutoFillBackground(false);
    m_scroll->setWidget(content);
    auto *layout = new QVBoxLayout(content);
    layout->setContentsMargins(0, 0, 0, 6);
    layout->setSpacing(6);

    m_reasoningCaption = new QLabel(tr("Reasoning"), content);
    m_reasoning = new QPlainTextEdit(content);
    m_reasoning->setObjectName(QStringLiteral("reasoning"));
    m_reasoning->setReadOnly(true);
    m_reasoning->setMaximumHeight(70);
    QPalette mutedPalette = m_reasoning->palette();
    QColor mutedText = mutedPalette.color(QPalette::Text);
    mutedText.setAlphaF(0.55f);
    mutedPalette.setColor(QPalette::Text, mutedText);
    m_reasoning->setPalette(mutedPalette);
    QFont reasoningFont = m_reasoning->font();
    reasoningFont.setItalic(true);
    m_reasoning->setFont(reasoningFont);
    m_reasoningCaption->setVisible(false);
    m_reasoning->setVisible(false);
    layout->addWidget(m_reasoningCaption);
    layout->addWidget(m_reasoning);

    m_text = new QPlainTextEdit(content);
    m_text->setObjectName(QStringLiteral("answer"));
    m_text->setReadOnly(true);
    m_text->setMinimumHeight(90);
    // Its preferred height would decide the scrolled content's height (the wrapping status
    // line makes the layout height-for-width): take whatever room is left instead.
    m_text->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Ignored);
    QFont textFont = m_text->font();
    textFont.setPointSizeF(textFont.pointSizeF() * 1.25);
    m_text->setFont(textFont);
    layout->addWidget(m_text, 1);

    m_status = new QLabel(tr("Ready"), content);
    m_status->setObjectName(QStringLiteral("status"));
    m_status->setWordWrap(true);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    layout->addWidget(m_status);

    m_server = new QLabel(content);
    m_server->setObjectName(QStringLiteral("server"));
    m_server->setTextFormat(Qt::PlainText);
    m_server->setWordWrap(true);
    m_server->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_server->setVisible(false);
    layout->addWidget(m_server);

    m_phaseStrip = new PhaseStrip(content);
    m_phaseStrip->setVisible(false);
    layout->addWidget(m_phaseStrip);

    m_waterfallToggle = new QToolButton(content);
    m_waterfallToggle->setObjectName(QStringLiteral("waterfallToggle"));
    m_waterfallToggle->setText(tr("Request waterfall"));
    m_waterfallToggle->setToolTip(tr("Show or hide where the time of this request went"));
    m_waterfallToggle->setCheckable(true);
    m_waterfallToggle->setAutoRaise(true);
    m_waterfallToggle->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    m_waterfallToggle->setArrowType(Qt::RightArrow);
    m_waterfallToggle->setVisible(false);
    layout->addWidget(m_waterfallToggle);
    m_waterfall = new WaterfallView(content);
    m_waterfall->setVisible(false);
    layout->addWidget(m_waterfall);
    connect(m_waterfallToggle, &QToolButton::toggled, this, [this](bool expanded) {
        if (expanded == m_waterfallWanted)
            return;
        setWaterfallExpanded(expanded);
        Q_EMIT waterfallExpandedChanged(expanded);
    });
}

RacePane::~RacePane() = default;

void RacePane::arrangeReadouts(int columns)
{
    if (columns == m_readoutColumns)
        return;
    m_readoutColumns = columns;
    const QList<LiveReadout *> tiles{m_ttft, m_rate, m_elapsed, m_tokensReadout};
    for (LiveReadout *tile : tiles)
        m_readouts->removeWidget(tile);
    for (int i = 0; i < tiles.size(); ++i)
        m_readouts->addWidget(tiles.at(i), i / columns, i % columns);
    for (int c = 0; c < 4; ++c)
        m_readouts->setColumnStretch(c, c < columns ? 1 : 0);
}

void RacePane::resizeEvent(QResizeEvent *event)
{
    QFrame::resizeEvent(event);
    // Four figures in a row only while each stays big; a narrow pane (a four-way race)
    // stacks them two by two rather than shrinking them past reading from the back row.
    arrangeReadouts(width() >= WideReadoutsWidth ? 4 : 2);
}

LiveReadout *RacePane::readout(Readout which) const
{
    switch (which) {
    case Readout::Ttft: return m_ttft;
    case Readout::TokensPerSecond: return m_rate;
    case Readout::Elapsed: return m_elapsed;
    case Readout::Tokens: return m_tokensReadout;
    }
    return m_ttft;
}

void RacePane::setReadout(Readout which, const QString &value)
{
    readout(which)->setValue(value);
}

QString RacePane::readoutText(Readout which) const
{
    return readout(which)->value();
}

QString RacePane::formatMs(double ms)
{
    // The chart's TTFT label uses the same function: the two never differ by a rounding.
    return FigureFormat::milliseconds(ms);
}

QString RacePane::formatRate(double tokensPerSecond)
{
    return tokensPerSecond < 100 ? QLocale().toString(tokensPerSecond, 'f', 1)
                                 : QLocale().toString(qRound64(tokensPerSecond));
}

void RacePane::setStatus(const QString &text, const QColor &color)
{
    m_status->setText(text);
    if (!color.isValid()) {
        // The window's own text colour, followed through theme changes (a copy would stay
        // black on a dark window).
        m_status->setPalette(QPalette());
        return;
    }
    QPalette p = m_status->palette();
    p.setColor(QPalette::WindowText, color);
    m_status->setPalette(p);
}

QString RacePane::statusText() const
{
    return m_status->text();
}

QString RacePane::text() const
{
    return m_text->toPlainText().chopped(m_markerChars);
}

QString RacePane::shownText() const
{
    return m_text->toPlainText();
}

QString RacePane::reasoningText() const
{
    return m_reasoning->toPlainText();
}

void RacePane::setServerText(const QString &text)
{
    m_server->setText(text);
    m_server->setVisible(!text.isEmpty());
}

QString RacePane::serverText() const
{
    return m_server->text();
}

void RacePane::start(bool streamed)
{
    m_running = true;
    setServerText(QString());
    m_figures = {};
    m_pendingText.clear();
    m_pendingReasoning.clear();
    m_shownText.clear();
    m_shownReasoning.clear();
    m_record.reset();
    m_marker.clear();
    m_markerChars = 0;
    m_text->clear();
    m_reasoning->clear();
    m_text->setPlaceholderText(streamed ? QString()
                                        : tr("Not streamed: the answer appears all at once, when it is complete."));
    m_waitingText = streamed ? tr("Waiting for the first token…") : tr("Waiting for the whole answer…");
    for (Readout r : {Readout::Ttft, Readout::TokensPerSecond, Readout::Elapsed, Readout::Tokens})
        setReadout(r, QString());
    setStatus(m_waitingText);
    m_phaseStrip->clear();
    m_phaseStrip->setVisible(false);
    m_waterfall->clear();
    m_waterfallToggle->setVisible(false);
    // Whether the reader wants the waterfall open outlives a send: it opens again as soon as
    // this request has one.
    applyWaterfall();
}

void RacePane::appendChunk(const TraceChunk &chunk)
{
    if (!m_running)
        return;
    (chunk.reasoning ? m_pendingReasoning : m_pendingText) += chunk.text;
}

void RacePane::applyPendingText()
{
    auto append = [](QPlainTextEdit *edit, QString &pending, QString &shown) {
        if (pending.isEmpty())
            return;
        // Follow the end only when the reader is already there, so scrolling back to read
        // is not undone by every new token.
        QScrollBar *bar = edit->verticalScrollBar();
        const bool atEnd = bar->value() >= bar->maximum() - 2;
        QTextCursor cursor(edit->document());
        cursor.movePosition(QTextCursor::End);
        cursor.insertText(pending);
        shown += pending;
        pending.clear();
        if (atEnd)
            bar->setValue(bar->maximum());
    };
    if (!m_pendingReasoning.isEmpty()) {
        m_reasoningCaption->setVisible(true);
        m_reasoning->setVisible(true);
    }
    append(m_reasoning, m_pendingReasoning, m_shownReasoning);
    append(m_text, m_pendingText, m_shownText);
}

void RacePane::refresh(const LiveFigures &figures)
{
    applyPendingText();
    if (!m_running)
        return;
    showFigures(figures);
    if (figures.ttftMs)
        setStatus(tr("Receiving…"));
}

void RacePane::showFigures(const LiveFigures &figures)
{
    m_figures = figures;
    setReadout(Readout::Elapsed, formatMs(figures.elapsedMs));
    const bool anyToken = figures.ttftMs.has_value();
    setReadout(Readout::Ttft, anyToken ? formatMs(*figures.ttftMs) : QString());
    setReadout(Readout::Tokens, anyToken ? QLocale().toString(figures.outputTokens) : QString());
    setReadout(Readout::TokensPerSecond, figures.tokensPerSecond ? formatRate(*figures.tokensPerSecond) : QString());
}

std::optional<double> RacePane::ttftMs() const
{
    if (m_record)
        return m_record->metrics.ttftMs;
    return m_figures.ttftMs;
}

void RacePane::finish(const RequestRecord &record)
{
    const RequestTrace &trace = record.trace;
    const RequestMetrics &metrics = record.metrics;
    applyPendingText();
    m_running = false;
    m_record = record;

    // The trace is the truth: should any chunk have been missed, show what it holds.
    if (m_shownText != trace.text) {
        m_text->setPlainText(trace.text);
        m_shownText = trace.text;
    }
    if (m_shownReasoning != trace.reasoning) {
        m_reasoning->setPlainText(trace.reasoning);
        m_shownReasoning = trace.reasoning;
    }
    m_reasoningCaption->setVisible(!trace.reasoning.isEmpty());
    m_reasoning->setVisible(!trace.reasoning.isEmpty());
    if (ErrorClasses::isGenerationTimeout(trace.error))
        appendTimeoutMarker();

    // The same function as while it ran: the readouts end on the figures they converged to.
    showFigures(Metrics::live(trace, trace.endNs));

    if (trace.ok()) {
        // Short, so the phase strips of all panes stay level: the figures are above.
        setStatus(trace.finishReason.isEmpty() ? tr("Done") : tr("Done (finish reason: %1)").arg(FinishReasons::label(trace.finishReason)));
        m_phaseStrip->setPhases(metrics.phases);
        m_phaseStrip->setVisible(true);
    } else {
        const QString label = ErrorClasses::label(trace.error);
        QString status = trace.errorMessage.isEmpty() || trace.errorMessage.compare(label, Qt::CaseInsensitive) == 0
            ? label
            : tr("%1: %2").arg(label, trace.errorMessage);
        if (!trace.text.isEmpty() || !trace.reasoning.isEmpty())
            status = tr("%1 (partial text kept)").arg(status);
        setStatus(status, trace.error == ErrorClass::Cancelled ? cancelledColor() : errorColor());
    }
    m_waterfall->setRecord(record);
    m_waterfallToggle->setVisible(true);
    applyWaterfall();
}

void RacePane::appendTimeoutMarker()
{
    // Like a stream that yields a last "[generation timed out]" line once its timeout fires:
    // the reader sees where the text stops and why, in the text itself. It is drawn as a
    // status (italic, the error colour) and is no part of the answer or the trace.
    m_marker = tr("[generation timed out]");
    QTextCursor cursor(m_text->document());
    cursor.movePosition(QTextCursor::End);
    const int before = m_text->document()->characterCount();
    if (!m_text->document()->isEmpty())
        cursor.insertBlock();
    QTextCharFormat status;
    status.setFontItalic(true);
    status.setForeground(errorColor());
    cursor.insertText(m_marker, status);
    m_markerChars = m_text->document()->characterCount() - before;
    m_text->verticalScrollBar()->setValue(m_text->verticalScrollBar()->maximum());
}

void RacePane::abandon(const QString &reason)
{
    applyPendingText();
    m_running = false;
    setStatus(reason, cancelledColor());
}

void RacePane::setWaterfallExpanded(bool expanded)
{
    m_waterfallWanted = expanded;
    applyWaterfall();
}

void RacePane::applyWaterfall()
{
    const bool shown = m_waterfallWanted && m_waterfall->hasRecord();
    {
        const QSignalBlocker block(m_waterfallToggle);
        m_waterfallToggle->setChecked(m_waterfallWanted);
    }
    m_waterfallToggle->setArrowType(shown ? Qt::DownArrow : Qt::RightArrow);
    const bool wasShown = m_waterfall->isVisibleTo(this);
    m_waterfall->setMinimumHeight(shown ? m_waterfall->sizeHint().height() : 0);
    m_waterfall->setVisible(shown);
    if (shown && !wasShown) {
        // Once the layout has made room for it, scroll the text so the waterfall shows; the
        // figures above the scrolled part stay where they are.
        QTimer::singleShot(0, this, [this] {
            if (m_waterfall->isVisible())
                m_scroll->ensureWidgetVisible(m_waterfall, 0, 0);
        });
    }
}

bool RacePane::isWaterfallExpanded() const
{
    return m_waterfallWanted;
}

bool RacePane::isWaterfallShown() const
{
    return m_waterfall->isVisibleTo(const_cast<RacePane *>(this));
}

void RacePane::paintEvent(QPaintEvent *event)
{
    QFrame::paintEvent(event);
    // A card with the endpoint's colour along its top edge: which line of the chart is whose.
    QPainter painter(this);
    painter.setRenderHint(QPainter::Antialiasing);
    const QRectF card = QRectF(rect()).adjusted(0.5, 0.5, -0.5, -0.5);
    QPainterPath path;
    path.addRoundedRect(card, 6, 6);
    painter.setPen(QPen(palette().color(QPalette::Mid), 1));
    painter.setBrush(palette().color(QPalette::Base).lighter(100));
    painter.drawPath(path);
    painter.setClipPath(path);
    painter.fillRect(QRectF(card.left(), card.top(), card.width(), 5), m_color);
}
