// The application's look in the dark palette: check boxes (in forms and in item views such as
// the endpoint list) keep a visible frame when unchecked, and disabled fields look disabled.
#include "mainwindow/apptheme.h"

#include <QApplication>
#include <QImage>
#include <QLineEdit>
#include <QPainter>
#include <QStyleOptionButton>
#include <QStyleOptionViewItem>
#include <QTest>

#include <memory>

namespace {

/// \a element drawn unchecked by \a style into a 24×24 image of the palette's base; the
/// lightness difference between its frame (the indicator's left edge) and its inside.
int frameContrast(QStyle *style, QStyle::PrimitiveElement element, const QPalette &palette, bool enabled)
{
    QImage image(24, 24, QImage::Format_ARGB32_Premultiplied);
    image.fill(palette.color(QPalette::Base));
    QPainter painter(&image);
    QStyleOptionButton option;
    option.rect = QRect(4, 4, 16, 16);
    option.palette = palette;
    option.state = QStyle::State_Off | (enabled ? QStyle::State_Enabled : QStyle::State_None);
    style->drawPrimitive(element, &option, &painter, nullptr);
    painter.end();
    const int inside = QColor(image.pixel(12, 12)).lightness();
    int best = 0;
    for (int x = 3; x <= 5; ++x) // the frame's column, wherever antialiasing puts it
        best = std::max(best, std::abs(QColor(image.pixel(x, 12)).lightness() - inside));
    return best;
}

} // namespace

class TestAppTheme : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void darkPaletteIsDark()
    {
        const QPalette dark = AppTheme::darkPalette();
        QVERIFY(AppTheme::isDark(dark));
        QVERIFY(!AppTheme::isDark(QApplication::style()->standardPalette()));
    }

    void uncheckedCheckBoxesKeepAFrame_data()
    {
        QTest::addColumn<int>("element");
        QTest::newRow("check box") << int(QStyle::PE_IndicatorCheckBox);
        QTest::newRow("item view (endpoint list)") << int(QStyle::PE_IndicatorItemViewItemCheck);
    }

    void uncheckedCheckBoxesKeepAFrame()
    {
        // Fusion frames the box in the window colour darkened, which on the dark palette is
        // the base itself: the box disappeared. The frame must stand out from the base.
        QFETCH(int, element);
        const std::unique_ptr<QStyle> style(AppTheme::createStyle());
        const QPalette dark = AppTheme::darkPalette();
        const int enabled = frameContrast(style.get(), QStyle::PrimitiveElement(element), dark, true);
        QVERIFY2(enabled >= 60, qPrintable(QString::number(enabled)));
        // Disabled boxes are still seen, if fainter.
        const int disabled = frameContrast(style.get(), QStyle::PrimitiveElement(element), dark, false);
        QVERIFY2(disabled >= 25 && disabled < enabled, qPrintable(QString::number(disabled)));
    }

    void disabledFieldsLookDisabled()
    {
        const QPalette dark = AppTheme::darkPalette();
        QVERIFY(dark.color(QPalette::Disabled, QPalette::Base) != dark.color(QPalette::Active, QPalette::Base));
        QVERIFY(dark.color(QPalette::Disabled, QPalette::Text).lightness()
                < dark.color(QPalette::Active, QPalette::Text).lightness() - 60);
        QVERIFY(dark.color(QPalette::Disabled, QPalette::ButtonText).lightness()
                < dark.color(QPalette::Active, QPalette::ButtonText).lightness() - 60);

        // As drawn: a disabled field's background is not the enabled one's.
        std::unique_ptr<QStyle> style(AppTheme::createStyle());
        QLineEdit enabled, disabled;
        for (QLineEdit *edit : { &enabled, &disabled }) {
            edit->setStyle(style.get());
            edit->setPalette(dark);
            edit->resize(160, 28);
        }
        disabled.setEnabled(false);
        const QColor on = enabled.grab().toImage().pixelColor(80, 14);
        const QColor off = disabled.grab().toImage().pixelColor(80, 14);
        QVERIFY2(std::abs(on.lightness() - off.lightness()) >= 8,
                 qPrintable(on.name() + QStringLiteral(" / ") + off.name()));
    }
};

QTEST_MAIN(TestAppTheme)
#include "tst_apptheme.moc"
