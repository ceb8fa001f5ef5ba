#include "palette.h"

#include <array>

QColor Palette::series(int index)
{
    static constexpr std::array<QRgb, 8> colours { 0x0072B2, 0xE69F00, 0x009E73, 0xCC79A7,
                                                   0x56B4E9, 0xD55E00, 0x7F7F7F, 0xF0C400 };
    return QColor::fromRgb(colours.at(std::size_t(std::max(0, index)) % colours.size()));
}
