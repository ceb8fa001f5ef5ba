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
} // namespace Palette
