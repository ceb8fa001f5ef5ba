#pragma once

#include <QColor>
#include <QList>
#include <QString>

class QWidget;

/*!
 * \brief What a user would notice on screen, found by walking a window's visible widgets.
 *
 * Each check compares what a widget needs (font metrics of its full text, its minimum size
 * hint, its colours) with what it was given, so a finding names a widget and its text, not a
 * pixel count that drifts with fonts. The checks:
 * - text cut off: labels, buttons, check boxes, combo boxes, tabs, header sections and table
 *   cells narrower or shorter than their full text;
 * - widgets laid out over each other, or squeezed below their minimum size;
 * - charts: titles, axis titles, tick labels or legend entries that Qt Charts truncated ("...")
 *   or that stick out of the chart; a chart without data that says nothing about what to do;
 * - contrast (WCAG 2.1): text below 4.5:1 against its background; check box indicators and
 *   legend markers below 3:1.
 */
namespace LayoutAudit {

struct Finding
{
    QString path;    ///< object path from the audited window, e.g. "MainWindow/RunsPanel/QLabel#status"
    QString problem; ///< what is wrong, with the figures
    QString text;    ///< the text concerned
    QString toString() const;
};

/// Every finding in the visible part of \a window (a top-level widget or dialog).
QList<Finding> audit(QWidget *window);

/// The chain of widgets, from \a window down, that holds the widest minimum size hint: what
/// keeps a window from shrinking.
QString widestChain(const QWidget *window);

/// The widgets under \a root whose minimum width is at least \a threshold, as an indented
/// tree: where the width of a panel that will not shrink goes.
QString wideWidgets(const QWidget *root, int threshold);

/// The WCAG 2.1 contrast ratio of two opaque colours (1 to 21).
double contrast(const QColor &a, const QColor &b);

/// The colour a widget's background is drawn in: its own if it fills it, else its parent's.
QColor backgroundOf(const QWidget *widget);

} // namespace LayoutAudit
