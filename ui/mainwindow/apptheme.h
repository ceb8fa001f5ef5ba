#pragma once

#include <QPalette>
#include <QProxyStyle>

/*!
 * \brief The application's look: Fusion, optionally with the dark palette.
 *
 * Fusion draws a check box's frame in the window colour darkened: 1.7:1 against a light
 * window (WCAG asks 3:1 of a control), and on a dark palette the colour of the base it sits
 * on, so unchecked boxes vanish. AppStyle draws the frame of check boxes and radio buttons
 * again in a colour taken from the text, so they read in any palette.
 */
namespace AppTheme {
/// The dark palette: dark bases, light text, and disabled colours that look disabled
/// (greyed text on a base that merges with the window).
QPalette darkPalette();
/// Fusion's light palette with a selection colour that white text reads on (WCAG 4.5:1).
QPalette lightPalette();
/// True when \a palette draws light text on a dark base.
bool isDark(const QPalette &palette);
/// Fusion wrapped in AppStyle (the caller owns it; QApplication::setStyle takes it).
QStyle *createStyle();
} // namespace AppTheme

/// \brief Fusion with check box frames that contrast with the base in a dark palette, and
/// header sections with room around their labels.
class AppStyle : public QProxyStyle
{
    Q_OBJECT
public:
    explicit AppStyle(QStyle *base = nullptr);

    void drawPrimitive(PrimitiveElement element, const QStyleOption *option, QPainter *painter,
                       const QWidget *widget = nullptr) const override;
    /// Header sections sized to their contents get 4 px of air: Fusion leaves none, and a
    /// label as wide as its section touches the divider (CJK glyphs visibly).
    QSize sizeFromContents(ContentsType type, const QStyleOption *option, const QSize &size,
                           const QWidget *widget = nullptr) const override;
};
