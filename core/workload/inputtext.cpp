#include "inputtext.h"

#include <algorithm>
#include <cmath>
#include <limits>

bool InputText::isSpace(char c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\v' || c == '\f';
}

bool InputText::isBlank(QByteArrayView bytes)
{
    return std::all_of(bytes.begin(), bytes.end(), isSpace);
}

int InputText::lineOf(QByteArrayView body, qsizetype offset)
{
    offset = std::clamp<qsizetype>(offset, 0, body.size());
    return 1 + int(std::count(body.begin(), body.begin() + offset, '\n'));
}

int InputText::columnOf(QByteArrayView body, qsizetype offset)
{
    offset = std::clamp<qsizetype>(offset, 0, body.size());
    qsizetype start = offset;
    while (start > 0 && body.at(start - 1) != '\n')
        --start;
    int column = 1;
    for (qsizetype i = start; i < offset; ++i) {
        if ((uchar(body.at(i)) & 0xC0) != 0x80) // not a continuation byte
            ++column;
    }
    return column;
}

std::optional<int> InputText::positiveInt(const QJsonValue &value)
{
    if (!value.isDouble())
        return std::nullopt;
    const double number = value.toDouble();
    if (!std::isfinite(number) || number < 1 || number > std::numeric_limits<int>::max()
        || std::floor(number) != number) {
        return std::nullopt;
    }
    return int(number);
}
