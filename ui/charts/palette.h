#pragma once

#include <QColor>

/*!
 * \brief Colours for series that have no colour of their own (configurations, runs).
 *
 * The Okabe–Ito order, which stays distinguishable for the common forms of colour blindness;
 * endpoints use the colour of their profile instead.
 */
namespace Palette {
QColor series(int index);
/// The WCAG 2.1 contrast ratio of two opaque colours, from 1 (same) to 21 (black on white).
double contrast(const QColor &a, const QColor &b);
} // namespace Palette
