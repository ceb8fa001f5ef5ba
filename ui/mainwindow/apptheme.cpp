#include "apptheme.h"

#include <QPainter>
#include <QStyleFactory>
#include <QStyleOption>

#include <memory>

QPalette AppTheme::darkPalette()
{
    QPalette p;
    const QColor window(0x2b, 0x2d, 0x31), base(0x1e, 0x1f, 0x22), text(0xe6, 0xe6, 0xe6);
    const QColor disabledText(0x7a, 0x7c, 0x80);
    p.setColor(QPalette::Window, window);
    p.setColor(QPalette::WindowText, text);
    p.setColor(QPalette::Base, base);
    p.setColor(QPalette::AlternateBase, QColor(0x26, 0x28, 0x2b)); // between base and window
    p.setColor(QPalette::ToolTipBase, base);
    p.setColor(QPalette::ToolTipText, text);
    p.setColor(QPalette::Text, text);
    p.setColor(QPalette::Button, QColor(0x35, 0x37, 0x3c));
    p.setColor(QPalette::ButtonText, text);
    p.setColor(QPalette::BrightText, Qt::red);
    p.setColor(QPalette::Light, QColor(0x4a, 0x4d, 0x53));
    p.setColor(QPalette::Midlight, QColor(0x3c, 0x3f, 0x44));
    p.setColor(QPalette::Mid, QColor(0x5a, 0x5d, 0x63));
    p.setColor(QPalette::Dark, QColor(0x18, 0x19, 0x1b));
    p.setColor(QPalette::Shadow, QColor(0x0e, 0x0e, 0x10));
    p.setColor(QPalette::Highlight, QColor(0x25, 0x66, 0xb0)); // white on it: 5.6:1
    p.setColor(QPalette::HighlightedText, Qt::white);
    p.setColor(QPalette::Link, QColor(0x6c, 0xb4, 0xff));
    p.setColor(QPalette::PlaceholderText, QColor(0x9a, 0x9c, 0xa0)); // 5:1 on the window, notes use it
    // Disabled: greyed text, and fields that merge with the window instead of standing out
    // as dark wells to type into.
    for (QPalette::ColorRole role : { QPalette::Text, QPalette::ButtonText, QPalette::WindowText,
                                      QPalette::PlaceholderText, QPalette::HighlightedText })
        p.setColor(QPalette::Disabled, role, disabledText);
    p.setColor(QPalette::Disabled, QPalette::Base, window);
    p.setColor(QPalette::Disabled, QPalette::AlternateBase, window);
    p.setColor(QPalette::Disabled, QPalette::Button, window);
    p.setColor(QPalette::Disabled, QPalette::Highlight, QColor(0x4a, 0x4d, 0x53));
    p.setColor(QPalette::Disabled, QPalette::Link, disabledText);
    return p;
}

QPalette AppTheme::lightPalette()
{
    const std::unique_ptr<QStyle> fusion(QStyleFactory::create(QStringLiteral("Fusion")));
    QPalette p = fusion->standardPalette();
    // Fusion's selection blue (#308cc6) gives white text 3.7:1; this one gives 5.5:1.
    p.setColor(QPalette::Active, QPalette::Highlight, QColor(0x1d, 0x6b, 0xb5));
    p.setColor(QPalette::Inactive, QPalette::Highlight, QColor(0x1d, 0x6b, 0xb5));
    // Notes are drawn in the placeholder colour: Fusion's half-transparent black gives 3.9:1.
    p.setColor(QPalette::Active, QPalette::PlaceholderText, QColor(0x5f, 0x5f, 0x5f));
    p.setColor(QPalette::Inactive, QPalette::PlaceholderText, QColor(0x5f, 0x5f, 0x5f));
    return p;
}

bool AppTheme::isDark(const QPalette &palette)
{
    return palette.color(QPalette::Base).lightness() < palette.color(QPalette::Text).lightness();
}

QStyle *AppTheme::createStyle()
{
    return new AppStyle(QStyleFactory::create(QStringLiteral("Fusion")));
}

AppStyle::AppStyle(QStyle *base)
    : QProxyStyle(base)
{
}

void AppStyle::drawPrimitive(PrimitiveElement element, const QStyleOption *option, QPainter *painter,
                             const QWidget *widget) const
{
    QProxyStyle::drawPrimitive(element, option, painter, widget);
    // Item views draw their check boxes through PE_IndicatorCheckBox as well.
    if ((element != PE_IndicatorCheckBox && element != PE_IndicatorRadioButton) || !option)
        return;
    const QPalette::ColorGroup group
        = option->state.testFlag(State_Enabled) ? QPalette::Active : QPalette::Disabled;
    QColor frame = option->palette.color(group, QPalette::Text);
    frame.setAlphaF(group == QPalette::Active ? 0.6f : 0.35f);
    painter->save();
    painter->setRenderHint(QPainter::Antialiasing, true);
    painter->translate(0.5, 0.5);
    painter->setPen(frame);
    painter->setBrush(Qt::NoBrush);
    if (element == PE_IndicatorRadioButton)
        painter->drawEllipse(QRectF(option->rect).adjusted(0.5, 0.5, -1.5, -1.5));
    else
        painter->drawRect(option->rect.adjusted(0, 0, -1, -1));
    painter->restore();
}

QSize AppStyle::sizeFromContents(ContentsType type, const QStyleOption *option, const QSize &size,
                                 const QWidget *widget) const
{
    QSize result = QProxyStyle::sizeFromContents(type, option, size, widget);
    if (type == CT_HeaderSection)
        result.rwidth() += 4;
    // Fusion's combo box asks for ~5 px less than its edit field then gives the text: the
    // longest item would be cut by a few pixels.
    if (type == CT_ComboBox)
        result.rwidth() += 8;
    return result;
}
