#pragma once

#include <QString>
#include <QtGlobal>

namespace Wire {
/// \brief A byte limit as a user reads it in an error message ("8 MiB", "1 KiB", "1500 bytes").
QString limitText(qsizetype bytes);
} // namespace Wire
