#include "wirelimit.h"

#include <QCoreApplication>

namespace Wire {

QString limitText(qsizetype bytes)
{
    constexpr qsizetype KiB = 1024;
    constexpr qsizetype MiB = 1024 * KiB;
    // Only exact multiples get a unit: a rounded "1 KiB" for 1500 bytes would hide the real limit.
    if (bytes > 0 && bytes % MiB == 0)
        return QCoreApplication::translate("Wire", "%1 MiB").arg(bytes / MiB);
    if (bytes > 0 && bytes % KiB == 0)
        return QCoreApplication::translate("Wire", "%1 KiB").arg(bytes / KiB);
    return QCoreApplication::translate("Wire", "%n byte(s)", nullptr,
                                       int(qMin<qsizetype>(bytes, INT_MAX)));
}

} // namespace Wire
