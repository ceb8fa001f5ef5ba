#include "livetokenchart.h"

#include <QFontMetricsF>
#include <QGraphicsRectItem>
#include <QGraphicsSimpleTextItem>
#include <QLegend>
#include <QLineSeries>
#include <QScatterSeries>
#include <QValueAxis>

#include <algorithm>
#include <cmath>


LiveTokenChart::LiveTokenChart(QWidget *parent)
    : ChartView(parent)
{
    m_axisX = new QValueAxis(this);
    m_axisY = new QValueAxis(this);
    setNiceRange(m_axisX, 0, 1000, 6);
    setNiceRange(m_axisY, 0, 10);
    chart()->addAxis(m_axisX, Qt::AlignBottom);
    chart()->addAxis(m_axisY, Qt::AlignLeft);
    setAxisTitles(tr("Time since send (ms)"), tr("Tokens received"));

    m_flushTimer.setSingleShot(true);
    m_flushTimer.setInterval(FlushIntervalMs);
    connect(&m_flushTimer, &QTimer::timeout, this, &LiveTokenChart::flushNow);
    connect(chart(), &QChart::plotAreaChanged, this, &LiveTokenChart::layoutLabels);
    restyle();
}

LiveTokenChart::~LiveTokenChart() = default;

int LiveTokenChart::addStream(const QString &name, const QColor &color)
{
    Stream stream;
    stream.name = name;
    stream.color = color;
    stream.line = new QLineSeries(this);
    stream.line->setName(name.toHtmlEscaped()); // legends render rich text
    stream.marker = new QScatterSeries(this);
    stream.marker->setName(tr("%1 first token").arg(name.toHtmlEscaped()));
    for (QXYSeries *series : {static_cast<QXYSeries *>(stream.line), static_cast<QXYSeries *>(stream.marker)}) {
        chart()->addSeries(series);
        series->attachAxis(m_axisX);
        series->attachAxis(m_axisY);
    }
    stream.marker->setMarkerSize(9);
    m_streams.push_back(stream);
    restyle();
    return int(m_streams.size()) - 1;
}

void LiveTokenChart::addTokens(int stream, double ms, int totalTokens)
{
    if (stream < 0 || stream >= streamCount())
        return;
    Stream &s = m_streams[size_t(stream)];
    s.samples.append(QPointF(ms, totalTokens));
    s.maxMs = std::max(s.maxMs, ms);
    s.maxTokens = std::max(s.maxTokens, double(totalTokens));
    s.dirty = true;
    scheduleFlush();
}

void LiveTokenChart::markFirstToken(int stream, double ms)
{
    if (stream < 0 || stream >= streamCount())
        return;
    Stream &s = m_streams[size_t(stream)];
    s.ttftMs = ms;
    s.dirty = true;
    scheduleFlush();
}

void LiveTokenChart::clear()
{
    m_flushTimer.stop();
    for (Stream &s : m_streams) {
        chart()->removeSeries(s.line);
        chart()->removeSeries(s.marker);
        delete s.line;
        delete s.marker;
        delete s.label;
        delete s.plate;
    }
    m_streams.clear();
    setNiceRange(m_axisX, 0, 1000, 6);
    setNiceRange(m_axisY, 0, 10);
}

void LiveTokenChart::scheduleFlush()
{
    // Started only when idle: a burst coalesces into one flush at most 33 ms later, and a
    // steady stream cannot postpone drawing forever by restarting the timer.
    if (!m_flushTimer.isActive())
        m_flushTimer.start();
}

void LiveTokenChart::flushNow()
{
    m_flushTimer.stop();
    double maxX = 0;
    double maxY = 0;
    for (Stream &s : m_streams) {
        if (s.dirty) {
            s.line->replace(decimated(s.samples, MaxPointsPerSeries));
            updateMarker(s);
            s.dirty = false;
        }
        maxX = std::max(maxX, s.maxMs);
        maxY = std::max(maxY, s.maxTokens);
        if (s.ttftMs)
            maxX = std::max(maxX, *s.ttftMs);
    }
    // Once per flush, never per point; headroom keeps the newest point off the frame.
    setNiceRange(m_axisX, 0, std::max(maxX * 1.04, 100.0), 6);
    setNiceRange(m_axisY, 0, std::max(maxY * 1.06, 10.0));
    layoutLabels();
}

void LiveTokenChart::layoutLabels()
{
    // Streams that start close together would print their TTFT labels on top of each
    // other, so the labels climb in steps, earliest first, each beside its own marker.
    std::vector<Stream *> marked;
    for (Stream &s : m_streams) {
        if (s.label) {
            s.label->setVisible(false);
            s.plate->setVisible(false);
        }
        if (s.ttftMs && s.marker->count() > 0)
            marked.push_back(&s);
    }
    std::sort(marked.begin(), marked.end(), [](const Stream *a, const Stream *b) { return *a->ttftMs < *b->ttftMs; });
    const QFontMetricsF metrics(labelFont());
    for (size_t rank = 0; rank < marked.size(); ++rank) {
        Stream &s = *marked[rank];
        if (!s.label) {
            // A translucent plate behind the text keeps it legible where lines cross it.
            s.plate = new QGraphicsRectItem(chart());
            s.plate->setPen(Qt::NoPen);
            s.plate->setZValue(19);
            s.label = new QGraphicsSimpleTextItem(chart());
            s.label->setZValue(20);
        }
        s.label->setFont(labelFont());
        s.label->setText(tr("TTFT %1 ms").arg(qRound(*s.ttftMs)));
        s.label->setBrush(isLight() ? s.color.darker(135) : s.color.lighter(135));
        const QPointF at = chart()->mapToPosition(s.marker->at(0), s.marker);
        const double y = at.y() - 10 - metrics.height() * (double(rank) + 1);
        const double x = std::min(at.x() + 4, chart()->plotArea().right() - metrics.horizontalAdvance(s.label->text()));
        s.label->setPos(x, std::max(y, chart()->plotArea().top()));
        s.label->setVisible(true);
        QColor plate = chart()->backgroundBrush().color();
        plate.setAlphaF(0.85f);
        s.plate->setBrush(plate);
        s.plate->setRect(s.label->mapRectToParent(s.label->boundingRect()).adjusted(-3, -1, 3, 1));
        s.plate->setVisible(true);
    }
}

QFont LiveTokenChart::labelFont() const
{
    QFont f = font();
    f.setBold(true);
    return f;
}

QString LiveTokenChart::firstTokenLabel(int stream) const
{
    if (stream < 0 || stream >= streamCount() || !m_streams[size_t(stream)].label)
        return {};
    const Stream &s = m_streams[size_t(stream)];
    return s.label->isVisible() ? s.label->text() : QString();
}

void LiveTokenChart::updateMarker(Stream &stream)
{
    if (!stream.ttftMs) {
        stream.marker->clear();
        return;
    }
    // The marker sits on the line: the token count at the first sample at or after TTFT.
    double tokens = 0;
    for (const QPointF &p : std::as_const(stream.samples)) {
        if (p.x() >= *stream.ttftMs) {
            tokens = p.y();
            break;
        }
    }
    stream.marker->replace(QList<QPointF>{QPointF(*stream.ttftMs, tokens)});
}

int LiveTokenChart::pointCount(int stream) const
{
    if (stream < 0 || stream >= streamCount())
        return 0;
    return m_streams[size_t(stream)].line->count();
}

std::optional<double> LiveTokenChart::firstTokenMs(int stream) const
{
    if (stream < 0 || stream >= streamCount())
        return std::nullopt;
    return m_streams[size_t(stream)].ttftMs;
}

void LiveTokenChart::restyle()
{
    for (Stream &s : m_streams) {
        QPen pen(s.color, 2);
        pen.setCapStyle(Qt::RoundCap);
        pen.setJoinStyle(Qt::RoundJoin);
        s.line->setPen(pen);
        s.marker->setColor(s.color);
        s.marker->setBorderColor(foregroundColor());
        hideFromLegend(s.marker);
    }
    layoutLabels();
}

QList<QPointF> LiveTokenChart::decimated(const QList<QPointF> &points, int cap)
{
    if (points.size() <= cap)
        return points;
    // Token counts only grow, so even striding keeps the curve's shape; the last point is
    // always kept so the line ends where the stream is.
    const qsizetype stride = (points.size() + cap - 1) / cap;
    QList<QPointF> out;
    out.reserve(cap);
    for (qsizetype i = 0; i < points.size(); i += stride)
        out.append(points.at(i));
    if (out.last() != points.last()) {
        if (out.size() < cap)
            out.append(points.last());
        else
            out.last() = points.last();
    }
    return out;
}
