#pragma once

#include <QString>
#include <QtGlobal>

namespace Wire {
/// A decoder's buffer that grew for one huge event is shrunk back to this between events, so
/// that it does not pin that memory for the whole stream.
inline constexpr qsizetype KeepCapacity = 64 * 1024;

/// \brief A byte limit as a user reads it in an error message ("8 MiB", "1 KiB", "1500 bytes").
QString limitText(qsizetype bytes);
} // namespace Wire
