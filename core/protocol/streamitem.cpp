#include "streamitem.h"

void ServerTimings::mergeFrom(const ServerTimings &other)
{
    auto fill = [](auto &mine, const auto &theirs) {
        if (!mine)
            mine = theirs;
    };
    fill(queueMs, other.queueMs);
    fill(loadMs, other.loadMs);
    fill(promptMs, other.promptMs);
    fill(promptTokens, other.promptTokens);
    fill(cachedPromptTokens, other.cachedPromptTokens);
    fill(generationMs, other.generationMs);
    fill(generatedTokens, other.generatedTokens);
    fill(totalMs, other.totalMs);
}

StreamItem StreamItem::delta(QString text, std::optional<qint64> tokens)
{
    StreamItem item;
    item.kind = Kind::TextDelta;
    item.text = std::move(text);
    item.tokens = tokens;
    return item;
}

StreamItem StreamItem::reasoning(QString text, std::optional<qint64> tokens)
{
    StreamItem item;
    item.kind = Kind::ReasoningDelta;
    item.text = std::move(text);
    item.tokens = tokens;
    return item;
}

StreamItem StreamItem::usageItem(const ::Usage &usage)
{
    StreamItem item;
    item.kind = Kind::Usage;
    item.usage = usage;
    return item;
}

StreamItem StreamItem::timingsItem(const ServerTimings &timings)
{
    StreamItem item;
    item.kind = Kind::Timings;
    item.timings = timings;
    return item;
}

StreamItem StreamItem::finish(QString reason)
{
    StreamItem item;
    item.kind = Kind::Finish;
    item.finishReason = std::move(reason);
    return item;
}

StreamItem StreamItem::error(QString message, QString type)
{
    StreamItem item;
    item.kind = Kind::Error;
    item.text = std::move(message);
    item.errorType = std::move(type);
    return item;
}
