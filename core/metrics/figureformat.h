#pragma once

#include <QString>

/*!
 * \brief The one text of each kind of figure, so that a readout, a chart label, a table and
 * a report never disagree by a rounding.
 */
namespace FigureFormat {
/// A latency in whole milliseconds, without the unit ("1,234" in an English locale): half a
/// millisecond rounds away from zero, the way qRound64() does.
QString milliseconds(double ms);
/// The same figure with its unit ("1,234 ms").
QString millisecondsWithUnit(double ms);
} // namespace FigureFormat
