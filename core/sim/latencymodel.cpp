#include "latencymodel.h"

#include <QCoreApplication>

LatencyModel LatencyModels::fast()
{
    return LatencyModel {};
}

LatencyModel LatencyModels::typicalProduction()
{
    // Each mean sits well inside its typical range, and the jitter (a uniform factor in
    // [0.75, 1.25]) keeps every draw inside it too: network 90–150 ms of 50–200, prompt
    // processing 225–500 ms of 100–500 up to 1,000 prompt tokens, inference 1,125–1,875 ms
    // of 500–5,000, post-processing 18.75–31.25 ms of 10–50 (below the middle of its range, so that
    // a timer firing late on a busy machine still lands inside it).
    LatencyModel m;
    m.networkMs = 120;
    m.promptFixedMs = 300;
    m.promptMsPerToken = 0.1;
    m.inferenceMs = 1500;
    m.generationMsPerToken = 30;
    m.postprocessMs = 25;
    m.jitter = 0.25;
    return m;
}

LatencyModel LatencyModels::preset(LatencyPreset preset)
{
    switch (preset) {
    case LatencyPreset::Fast:
        return fast();
    case LatencyPreset::TypicalProduction:
        return typicalProduction();
    }
    return fast();
}

QList<LatencyPreset> LatencyModels::presets()
{
    return { LatencyPreset::Fast, LatencyPreset::TypicalProduction };
}

QString LatencyModels::name(LatencyPreset preset)
{
    switch (preset) {
    case LatencyPreset::Fast:
        return QStringLiteral("fast");
    case LatencyPreset::TypicalProduction:
        return QStringLiteral("typical");
    }
    return {};
}

std::optional<LatencyPreset> LatencyModels::fromName(QStringView text)
{
    const QStringView trimmed = text.trimmed();
    for (LatencyPreset preset : presets()) {
        if (trimmed.compare(name(preset), Qt::CaseInsensitive) == 0)
            return preset;
    }
    return std::nullopt;
}

QStringList LatencyModels::names()
{
    QStringList list;
    for (LatencyPreset preset : presets())
        list.append(name(preset));
    return list;
}

QString LatencyModels::label(LatencyPreset preset)
{
    switch (preset) {
    case LatencyPreset::Fast:
        return QCoreApplication::translate("LatencyModels", "Fast (for demos and tests)");
    case LatencyPreset::TypicalProduction:
        return QCoreApplication::translate("LatencyModels", "Typical production endpoint");
    }
    return {};
}
