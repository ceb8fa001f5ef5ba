#include "phasestyle.h"

#include <QPainter>
#include <QPixmap>

QColor PhaseStyle::color(Phase phase)
{
    switch (phase) {
    case Phase::Network: return QColor(0x00, 0x72, 0xB2);     // blue
    case Phase::Prompt: return QColor(0xE6, 0x9F, 0x00);      // orange
    case Phase::Inference: return QColor(0xCC, 0x79, 0xA7);   // reddish purple
    case Phase::Generation: return QColor(0x00, 0x9E, 0x73);  // bluish green
    case Phase::Postprocess: return QColor(0x99, 0x99, 0x99); // grey: the least interesting
    }
    return Qt::gray;
}

QBrush PhaseStyle::estimatedBrush(Phase phase)
{
    return estimatedBrush(color(phase));
}

QBrush PhaseStyle::estimatedBrush(const QColor &base)
{
    // A texture rather than Qt::BDiagPattern: the stock patterns are one-pixel hairlines
    // on a transparent ground, unreadable at print resolution and under value labels.
    constexpr int tile = 12;
    QColor tint = base;
    tint.setAlphaF(0.30f);
    QPixmap pixmap(tile, tile);
    pixmap.fill(Qt::white);
    QPainter painter(&pixmap);
    painter.fillRect(pixmap.rect(), tint);
    painter.setRenderHint(QPainter::Antialiasing);
    painter.setPen(QPen(base, 2.5));
    // Three strokes so the stripes join seamlessly across tiles.
    for (int offset : {-tile, 0, tile})
        painter.drawLine(QPointF(offset, tile), QPointF(offset + tile, 0));
    painter.end();
    return QBrush(pixmap);
}

QColor PhaseStyle::textColorOn(const QColor &background)
{
    // Relative luminance with the sRGB weights, good enough to pick black or white.
    const double luminance = 0.2126 * background.redF() + 0.7152 * background.greenF()
        + 0.0722 * background.blueF();
    return luminance > 0.5 ? QColor(Qt::black) : QColor(Qt::white);
}
