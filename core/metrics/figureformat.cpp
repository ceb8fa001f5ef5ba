#include "figureformat.h"

#include <QCoreApplication>
#include <QLocale>

QString FigureFormat::milliseconds(double ms)
{
    return QLocale().toString(qRound64(ms));
}

QString FigureFormat::millisecondsWithUnit(double ms)
{
    return QCoreApplication::translate("FigureFormat", "%1 ms").arg(milliseconds(ms));
}
