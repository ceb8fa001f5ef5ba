#pragma once

// Where tests leave pictures and files for a human to look at: $TOKENSCOPE_ARTIFACTS (ctest
// sets it to <build>/test-artifacts), else a folder in the temporary directory.

#include <QDir>
#include <QString>

inline QString artifactsDir()
{
    QString dir = qEnvironmentVariable("TOKENSCOPE_ARTIFACTS");
    if (dir.isEmpty())
        dir = QDir::temp().filePath(QStringLiteral("tokenscope-artifacts"));
    QDir().mkpath(dir);
    return dir;
}
