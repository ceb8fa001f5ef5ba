#pragma once

#include "metrics/phaseranges.h"
#include "metrics/requestmetrics.h"

#include <QRectF>
#include <QWidget>

#include <array>
#include <optional>

/*!
 * \brief One request's five phases as a single compact stacked bar, with values.
 *
 * Painted by hand rather than with Qt Charts: a race shows up to four of these side by
 * side, and a chart per pane would cost far more room and time than one bar is worth.
 * Estimated phases are striped; the tooltip is the legend, and says where each phase falls
 * against its typical range.
 */
class PhaseStrip : public QWidget
{
    Q_OBJECT
public:
    explicit PhaseStrip(QWidget *parent = nullptr);
    ~PhaseStrip() override;

    void setPhases(const PhaseBreakdown &phases);
    void clear();
    bool hasPhases() const { return m_phases.has_value(); }
    /// The value shown for \a phase in ms (0 when empty).
    double value(Phase phase) const;
    bool isEstimated(Phase phase) const;
    /// The text drawn inside the segment of \a phase; empty when it is too narrow to hold it.
    QString segmentText(Phase phase) const;
    /// How the phase compares with its typical range (NoRange when empty or for generation).
    RangeVerdict verdict(Phase phase) const;
    /// "▼ below typical range (50–200 ms)", as the tooltip shows it; for generation the
    /// range text ("linear in output tokens").
    QString verdictText(Phase phase) const;
    /// The legend as the tooltip shows it (rich text), with each phase's verdict.
    QString legendText() const;

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

protected:
    void paintEvent(QPaintEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;
    bool event(QEvent *event) override;

private:
    struct Segment
    {
        QRectF rect;
        QString text; ///< empty when the value does not fit
    };

    void layoutSegments();
    QRectF barRect() const;
    QString totalText() const;
    QFont valueFont() const;
    QFont totalFont() const;

    std::optional<PhaseBreakdown> m_phases;
    std::array<Segment, PhaseCount> m_segments{};
};

/// \brief The phase colours once, as a one-line key beside the strips of a race.
class PhaseLegend : public QWidget
{
    Q_OBJECT
public:
    explicit PhaseLegend(QWidget *parent = nullptr);

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

protected:
    void paintEvent(QPaintEvent *event) override;

private:
    QList<std::pair<QString, QBrush>> entries() const;
};
