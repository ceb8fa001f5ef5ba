#pragma once

#include "sim/latencymodel.h"

#include <QDialog>

class QComboBox;

/// \brief Application settings: language, appearance and the embedded endpoint's latency
/// preset (applied at the next start).
class SettingsDialog : public QDialog
{
    Q_OBJECT
public:
    explicit SettingsDialog(QWidget *parent = nullptr);

    /// The saved language ("system", "en", "zh_CN") and appearance ("system", "light", "dark").
    static QString language();
    static QString appearance();
    /// The embedded endpoint's saved latency preset (Fast unless chosen).
    static LatencyPreset latencyPreset();

private:
    void save();

    QComboBox *m_language = nullptr;
    QComboBox *m_appearance = nullptr;
    QComboBox *m_latencyPreset = nullptr;
};
