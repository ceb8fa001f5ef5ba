#include "livetokenchart.h"

#include "metrics/figureformat.h"

#include <QFontMetricsF>
#include <QGraphicsSimpleTextItem>
#include <QLineF>
#include <QLegend>
#include <QLineSeries>
#include <QScatterSeries>
#include <QValueAxis>

#include <algorithm>
#include <cmath>

namespace {

/// True when the segment from \a a to \a b touches \a rect.
bool segmentHitsRect(const QPointF &a, const QPointF &b, const QRectF &rect)
{
    if (rect.contains(a) || rect.contains(b))
        return true;
    if (std::max(a.x(), b.x()) < rect.left() || std::min(a.x(), b.x()) > rect.right()
        || std::max(a.y(), b.y()) < rect.top() || std::min(a.y(), b.y()) > rect.bottom())
        return false;
    const QLineF segment(a, b);
    const QLineF edges[] = {QLineF(rect.topLeft(), rect.topRight()), QLineF(rect.topRight(), rect.bottomRight()),
                            QLineF(rect.bottomRight(), rect.bottomLeft()), QLineF(rect.bottomLeft(), rect.topLeft())};
    for (const QLineF &edge : edges) {
        if (segment.intersects(edge) == QLineF::BoundedIntersection)
            return true;
    }
    return false;
}

} // namespace

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
    // A token's time is when its bytes came (the kernel's receive time), which can be before
    // the last tick of the waiting line drawn while it was on its way to this thread: that
    // line went too far, and is taken back to the token, so the curve never runs backwards.
    while (!s.samples.isEmpty() && s.samples.constLast().x() > ms)
        s.samples.removeLast();
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
    // Each label goes beside its own marker, at the first place that neither covers a line
    // (no plate is drawn behind the text, so nothing cuts a gap in a curve) nor another
    // label: streams that start close together would otherwise print on top of each other.
    std::vector<Stream *> marked;
    for (Stream &s : m_streams) {
        if (s.label)
            s.label->setVisible(false);
        if (s.ttftMs && s.marker->count() > 0)
            marked.push_back(&s);
    }
    std::sort(marked.begin(), marked.end(), [](const Stream *a, const Stream *b) { return *a->ttftMs < *b->ttftMs; });
    const QFontMetricsF metrics(labelFont());
    const QRectF plot = chart()->plotArea();
    QList<QRectF> placed;
    for (Stream *stream : marked) {
        Stream &s = *stream;
        if (!s.label) {
            s.label = new QGraphicsSimpleTextItem(chart());
            s.label->setZValue(20);
        }
        s.label->setFont(labelFont());
        s.label->setText(tr("TTFT %1 ms").arg(FigureFormat::milliseconds(*s.ttftMs)));
        s.label->setBrush(isLight() ? s.color.darker(135) : s.color.lighter(135));
        const QPointF at = chart()->mapToPosition(s.marker->at(0), s.marker);
        const QSizeF size(metrics.horizontalAdvance(s.label->text()) + 2, metrics.height());
        const double step = size.height() + 2;

        // Candidates: above the marker first (the line is flat before its first token, so the
        // room above-left is its own), climbing a row at a time; then below it.
        QList<QRectF> candidates;
        auto add = [&](double top) {
            if (top < plot.top() || top + size.height() > plot.bottom())
                return;
            for (double left : {at.x() - 6 - size.width(), at.x() + 6}) {
                left = std::clamp(left, plot.left() + 2, std::max(plot.left() + 2, plot.right() - size.width() - 2));
                candidates.append(QRectF(QPointF(left, top), size));
            }
        };
        for (int row = 0; row < 40; ++row)
            add(at.y() - 8 - size.height() - row * step);
        for (int row = 0; row < 40; ++row)
            add(at.y() + 8 + row * step);
        auto overlapsLabel = [&placed](const QRectF &r) {
            return std::any_of(placed.cbegin(), placed.cend(),
                               [&r](const QRectF &p) { return p.adjusted(-2, -1, 2, 1).intersects(r); });
        };
        QRectF chosen;
        for (const QRectF &r : std::as_const(candidates)) {
            if (!overlapsLabel(r) && !linesCross(r)) {
                chosen = r;
                break;
            }
        }
        if (chosen.isNull()) {
            // A crowded chart: never on another label, even if a line must run under the text.
            for (const QRectF &r : std::as_const(candidates)) {
                if (!overlapsLabel(r)) {
                    chosen = r;
                    break;
                }
            }
        }
        if (chosen.isNull())
            chosen = QRectF(QPointF(std::clamp(at.x() + 6, plot.left(), std::max(plot.left(), plot.right() - size.width())),
                                    std::max(plot.top(), at.y() - 8 - size.height())),
                            size);
        placed.append(chosen);
        s.label->setPos(chosen.topLeft());
        s.label->setVisible(true);
    }
}

bool LiveTokenChart::linesCross(const QRectF &rect) const
{
    if (m_streams.empty())
        return false;
    // Compared in value space: the axes are linear, and the points are sorted by time, so
    // only the few segments under the rectangle are looked at.
    const QLineSeries *reference = m_streams.front().line;
    const QPointF a = chart()->mapToValue(rect.topLeft(), const_cast<QLineSeries *>(reference));
    const QPointF b = chart()->mapToValue(rect.bottomRight(), const_cast<QLineSeries *>(reference));
    const QRectF values = QRectF(a, b).normalized();
    for (const Stream &s : m_streams) {
        const QList<QPointF> points = s.line->points();
        if (points.isEmpty())
            continue;
        auto first = std::lower_bound(points.cbegin(), points.cend(), values.left(),
                                      [](const QPointF &p, double x) { return p.x() < x; });
        if (first != points.cbegin())
            --first;
        for (auto it = first; it != points.cend(); ++it) {
            const auto next = std::next(it);
            if (next == points.cend()) {
                if (values.contains(*it))
                    return true;
                break;
            }
            if (segmentHitsRect(*it, *next, values))
                return true;
            if (it->x() > values.right())
                break;
        }
    }
    return false;
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

QRectF LiveTokenChart::firstTokenLabelRect(int stream) const
{
    if (stream < 0 || stream >= streamCount() || !m_streams[size_t(stream)].label)
        return {};
    const Stream &s = m_streams[size_t(stream)];
    return s.label->isVisible() ? s.label->mapRectToParent(s.label->boundingRect()) : QRectF();
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
