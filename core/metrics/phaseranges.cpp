#include "phaseranges.h"

#include <QCoreApplication>
#include <QLocale>

std::optional<PhaseRange> Phases::typicalRange(Phase phase)
{
    switch (phase) {
    case Phase::Network:
        return PhaseRange { 50, 200 };
    case Phase::Prompt:
        return PhaseRange { 100, 500 };
    case Phase::Inference:
        return PhaseRange { 500, 5000 };
    case Phase::Generation:
        return std::nullopt; // linear in the output tokens: no fixed span to hold it to
    case Phase::Postprocess:
        return PhaseRange { 10, 50 };
    }
    return std::nullopt;
}

QString Phases::typicalRangeText(Phase phase)
{
    const auto range = typicalRange(phase);
    if (!range)
        return QCoreApplication::translate("Phase", "linear in output tokens");
    const QLocale locale;
    return QCoreApplication::translate("Phase", "%1–%2 ms")
        .arg(locale.toString(range->minMs, 'f', 0), locale.toString(range->maxMs, 'f', 0));
}

RangeVerdict Phases::verdict(Phase phase, double ms)
{
    const auto range = typicalRange(phase);
    if (!range)
        return RangeVerdict::NoRange;
    if (ms < range->minMs)
        return RangeVerdict::Below;
    if (ms > range->maxMs)
        return RangeVerdict::Above;
    return RangeVerdict::Within;
}

QString Phases::verdictKey(RangeVerdict verdict)
{
    switch (verdict) {
    case RangeVerdict::Below:
        return QStringLiteral("below");
    case RangeVerdict::Within:
        return QStringLiteral("within");
    case RangeVerdict::Above:
        return QStringLiteral("above");
    case RangeVerdict::NoRange:
        return QStringLiteral("none");
    }
    return {};
}

QString Phases::verdictLabel(RangeVerdict verdict)
{
    switch (verdict) {
    case RangeVerdict::Below:
        return QCoreApplication::translate("Phase", "below typical range");
    case RangeVerdict::Within:
        return QCoreApplication::translate("Phase", "within typical range");
    case RangeVerdict::Above:
        return QCoreApplication::translate("Phase", "above typical range");
    case RangeVerdict::NoRange:
        return QCoreApplication::translate("Phase", "no fixed range");
    }
    return {};
}

QString Phases::verdictSymbol(RangeVerdict verdict)
{
    switch (verdict) {
    case RangeVerdict::Below:
        return QStringLiteral("\u25BC");
    case RangeVerdict::Within:
        return QStringLiteral("\u2713");
    case RangeVerdict::Above:
        return QStringLiteral("\u25B2");
    case RangeVerdict::NoRange:
        break;
    }
    return {};
}
