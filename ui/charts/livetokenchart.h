#pragma once

#include "chartview.h"

#include <QList>
#include <QPointF>
#include <QRectF>
#include <QTimer>

#include <optional>
#include <vector>

class QGraphicsSimpleTextItem;
class QLineSeries;
class QScatterSeries;
class QValueAxis;

/*!
 * \brief Tokens received over time, one line per concurrent stream (race mode).
 *
 * Samples are buffered and drawn by a single-shot timer at most every 33 ms with one
 * QXYSeries::replace() per stream, because appending point by point is quadratic in Qt 6.4
 * and a fast stream delivers hundreds of chunks per second. Axes are updated once per flush.
 */
class LiveTokenChart : public ChartView
{
    Q_OBJECT
public:
    /// Points kept in a drawn series; longer streams are decimated evenly.
    static constexpr int MaxPointsPerSeries = 20000;
    static constexpr int FlushIntervalMs = 33;

    explicit LiveTokenChart(QWidget *parent = nullptr);
    ~LiveTokenChart() override;

    /// Adds a stream and returns its index for addTokens() and markFirstToken().
    int addStream(const QString &name, const QColor &color);
    int streamCount() const { return int(m_streams.size()); }
    /// Records that \a totalTokens tokens had arrived \a ms after the request was sent.
    /// Points later than \a ms (a waiting line drawn ahead of a token that had already come)
    /// are taken back: the curve's time never decreases.
    void addTokens(int stream, double ms, int totalTokens);
    /// Marks the time to first token of \a stream with a point and a "TTFT … ms" label.
    void markFirstToken(int stream, double ms);
    /// Removes every stream (a new race starts from addStream()).
    void clear();
    /// Draws what is buffered right away (tests, and the end of a race).
    void flushNow();

    /// Points in the drawn series of \a stream (after the last flush).
    int pointCount(int stream) const;
    /// The time to first token marked on \a stream, if any.
    std::optional<double> firstTokenMs(int stream) const;
    /// The TTFT label drawn beside the marker ("TTFT 123 ms"), empty when none is shown. Its
    /// figure is FigureFormat::milliseconds(), as in every other TTFT readout.
    QString firstTokenLabel(int stream) const;
    /// Where that label is drawn, in chart coordinates (null when none is shown).
    QRectF firstTokenLabelRect(int stream) const;

protected:
    void restyle() override;

private:
    struct Stream
    {
        QString name;
        QColor color;
        QLineSeries *line = nullptr;
        QScatterSeries *marker = nullptr;
        QGraphicsSimpleTextItem *label = nullptr; ///< "TTFT … ms", owned by the chart
        QList<QPointF> samples; ///< everything received, in arrival order
        std::optional<double> ttftMs;
        double maxMs = 0;
        double maxTokens = 0;
        bool dirty = false;
    };

    void scheduleFlush();
    void updateMarker(Stream &stream);
    void layoutLabels();
    /// True when a drawn line crosses \a rect (chart coordinates).
    bool linesCross(const QRectF &rect) const;
    QFont labelFont() const;
    static QList<QPointF> decimated(const QList<QPointF> &points, int cap);

    std::vector<Stream> m_streams;
    QTimer m_flushTimer;
    QValueAxis *m_axisX = nullptr;
    QValueAxis *m_axisY = nullptr;
};
