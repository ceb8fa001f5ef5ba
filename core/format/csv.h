#pragma once

#include <QString>

/// \brief The one CSV rule every writer follows (RFC 4180).
namespace Csv {
/// \a text as one field: quoted, with its quotes doubled, when it holds a comma, a quote or a
/// line break; unchanged otherwise.
inline QString field(const QString &text)
{
    if (!text.contains(u',') && !text.contains(u'"') && !text.contains(u'\n') && !text.contains(u'\r'))
        return text;
    QString quoted = text;
    quoted.replace(u'"', QStringLiteral("\"\""));
    return u'"' + quoted + u'"';
}
} // namespace Csv
