#include "boundedread.h"

std::optional<QByteArray> BoundedRead::readAtMost(QFile &file, qint64 limit)
{
    if (!file.isSequential())
        return file.size() > limit ? std::nullopt : std::optional<QByteArray>(file.readAll());
    QByteArray data;
    for (;;) {
        const QByteArray chunk = file.read(1 << 20);
        if (chunk.isEmpty())
            return data;
        data += chunk;
        if (data.size() > limit)
            return std::nullopt;
    }
}
