#pragma once

// Test-only: folds an adapter's items into what a user would see of a request.

#include "protocol/protocoladapter.h"

#include <QStringList>

struct Collected
{
    QString text;
    QString reasoning;
    qsizetype usageItems = 0;
    Usage usage; ///< the last usage item (later values win)
    qsizetype timingsItems = 0;
    ServerTimings timings; ///< all timings items, later values winning
    QStringList finishReasons;
    QList<QPair<QString, QString>> errors; ///< (message, type)
    QList<std::optional<qint64>> deltaTokens;

    void add(const StreamItem &item)
    {
        switch (item.kind) {
        case StreamItem::Kind::TextDelta:
            text += item.text;
            deltaTokens.append(item.tokens);
            break;
        case StreamItem::Kind::ReasoningDelta:
            reasoning += item.text;
            break;
        case StreamItem::Kind::Usage:
            ++usageItems;
            usage = item.usage;
            break;
        case StreamItem::Kind::Timings: {
            ++timingsItems;
            ServerTimings merged = item.timings;
            merged.mergeFrom(timings);
            timings = merged;
            break;
        }
        case StreamItem::Kind::Finish:
            finishReasons.append(item.finishReason);
            break;
        case StreamItem::Kind::Error:
            errors.append({ item.text, item.errorType });
            break;
        }
    }

    void addAll(const QList<StreamItem> &items)
    {
        for (const StreamItem &item : items)
            add(item);
    }
};
