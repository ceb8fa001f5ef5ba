#pragma once

#include <QColor>
#include <QList>
#include <QString>

/*!
 * \brief One named, coloured sample of values for the distribution and time-series charts.
 *
 * \c ids holds the request index of each value (parallel to \c values) so that a click on
 * a point can select its request; when it is shorter than \c values the position is used.
 * \c xs is read only by TimeSeriesChart: the x of each value.
 */
struct SeriesData
{
    QString name;
    QColor color;
    QList<double> values;
    QList<int> ids;
    QList<double> xs;

    int idAt(qsizetype i) const { return i < ids.size() ? ids.at(i) : int(i); }
};
