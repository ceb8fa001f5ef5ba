#include "palette.h"

#include <algorithm>
#include <cmath>

#include <array>

QColor Palette::series(int index)
{
    static constexpr std::array<QRgb, 8> colours { 0x0072B2, 0xE69F00, 0x009E73, 0xCC79A7,
                                                   0x56B4E9, 0xD55E00, 0x7F7F7F, 0xF0C400 };
    return QColor::fromRgb(colours.at(std::size_t(std::max(0, index)) % colours.size()));
}

double Palette::contrast(const QColor &a, const QColor &b)
{
    const auto luminance = [](const QColor &c) {
        const auto channel = [](double v) { return v <= 0.04045 ? v / 12.92 : std::pow((v + 0.055) / 1.055, 2.4); };
        const QColor rgb = c.toRgb();
        return 0.2126 * channel(rgb.redF()) + 0.7152 * channel(rgb.greenF()) + 0.0722 * channel(rgb.blueF());
    };
    const double la = luminance(a);
    const double lb = luminance(b);
    return (std::max(la, lb) + 0.05) / (std::min(la, lb) + 0.05);
}
