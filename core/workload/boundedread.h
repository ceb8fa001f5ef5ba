#pragma once

#include <QByteArray>
#include <QFile>

#include <optional>

/// \brief Reading a workload file (dataset, trace) whole, never past a size limit.
namespace BoundedRead {
/// The whole of \a file, or nullopt once it passes \a limit bytes. QIODevice::read(limit)
/// would allocate the whole limit up front; a pipe's size is unknown, so it is read in chunks.
std::optional<QByteArray> readAtMost(QFile &file, qint64 limit);
} // namespace BoundedRead
