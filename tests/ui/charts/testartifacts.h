#pragma once

#include <QDir>
#include <QImage>
#include <QString>
#include <QStandardPaths>
#include <QTest>
#include <QWidget>

/// \brief Where UI tests leave what they drew, for a person to look at.
namespace TestArtifacts {

inline QString directory()
{
    QString dir = qEnvironmentVariable("TOKENSCOPE_ARTIFACTS");
    if (dir.isEmpty())
        dir = QDir::tempPath() + QStringLiteral("/tokenscope-artifacts");
    QDir().mkpath(dir);
    return dir;
}

inline QString path(const QString &fileName)
{
    return directory() + QLatin1Char('/') + fileName;
}

/// Saves \a widget as it is on screen (not the export theme) as \a fileName.
inline void save(QWidget *widget, const QString &fileName)
{
    const QString target = path(fileName);
    QVERIFY2(widget->grab().save(target), qPrintable(target));
}

/// True when some pixel of \a image differs clearly from white: something was drawn.
inline bool hasInk(const QImage &image)
{
    const QImage rgb = image.convertToFormat(QImage::Format_RGB32);
    int inked = 0;
    for (int y = 0; y < rgb.height(); y += 2) {
        const auto *line = reinterpret_cast<const QRgb *>(rgb.constScanLine(y));
        for (int x = 0; x < rgb.width(); x += 2) {
            if (qRed(line[x]) < 200 || qGreen(line[x]) < 200 || qBlue(line[x]) < 200)
                ++inked;
        }
    }
    // A handful of pixels could be a frame; a drawing has many.
    return inked > 200;
}

} // namespace TestArtifacts
