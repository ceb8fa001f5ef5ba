#include "wirelimit.h"

#include <QCoreApplication>

#include <algorithm>
#include <climits>

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
    // Computed outside the call: Qt 6.4's lupdate loops forever on a template argument list
    // inside translate()'s arguments.
    const int n = int(std::min<qsizetype>(bytes, INT_MAX));
    return QCoreApplication::translate("Wire", "%n byte(s)", nullptr, n);
}

} // namespace Wire
