#pragma once

#include "metrics/requestmetrics.h"

#include <QBrush>
#include <QColor>

/*!
 * \brief The one palette of the five phases, used by every chart and table.
 *
 * Taken from the Okabe–Ito set so the phases stay apart for the common forms of colour
 * blindness; neighbours in the stacked bar never share a hue family.
 */
namespace PhaseStyle {
QColor color(Phase phase);
/// The fill of an estimated phase: a light tint of its colour crossed by diagonal stripes.
QBrush estimatedBrush(Phase phase);
QBrush estimatedBrush(const QColor &base);
/// Black or white, whichever reads better on \a background.
QColor textColorOn(const QColor &background);
} // namespace PhaseStyle
