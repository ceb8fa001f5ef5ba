#include "settingsdialog.h"

#include "common/i18n.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QSettings>
#include <QVBoxLayout>

namespace {
const auto LanguageKey = QStringLiteral("ui/language");
const auto AppearanceKey = QStringLiteral("ui/appearance");
const auto LatencyPresetKey = QStringLiteral("embedded/latencyPreset");
} // namespace

QString SettingsDialog::language()
{
    return QSettings().value(LanguageKey, QStringLiteral("system")).toString();
}

QString SettingsDialog::appearance()
{
    return QSettings().value(AppearanceKey, QStringLiteral("system")).toString();
}

LatencyPreset SettingsDialog::latencyPreset()
{
    return LatencyModels::fromName(QSettings().value(LatencyPresetKey).toString()).value_or(LatencyPreset::Fast);
}

SettingsDialog::SettingsDialog(QWidget *parent)
    : QDialog(parent)
{
    setWindowTitle(tr("Settings"));
    m_language = new QComboBox(this);
    m_language->addItem(tr("System language"), QStringLiteral("system"));
    for (const QString &lang : I18n::availableLanguages())
        m_language->addItem(I18n::nativeName(lang), lang);
    m_language->setCurrentIndex(qMax(0, m_language->findData(language())));

    m_appearance = new QComboBox(this);
    m_appearance->addItem(tr("Follow the system"), QStringLiteral("system"));
    m_appearance->addItem(tr("Light"), QStringLiteral("light"));
    m_appearance->addItem(tr("Dark"), QStringLiteral("dark"));
    m_appearance->setCurrentIndex(qMax(0, m_appearance->findData(appearance())));

    m_latencyPreset = new QComboBox(this);
    m_latencyPreset->setObjectName(QStringLiteral("latencyPreset"));
    for (LatencyPreset preset : LatencyModels::presets())
        m_latencyPreset->addItem(LatencyModels::label(preset), LatencyModels::name(preset));
    m_latencyPreset->setCurrentIndex(qMax(0, m_latencyPreset->findData(LatencyModels::name(latencyPreset()))));
    m_latencyPreset->setToolTip(tr("How fast the embedded (simulated) endpoint answers: quick for demos, or "
                                   "every phase inside its typical range"));

    auto *form = new QFormLayout;
    form->addRow(tr("&Language:"), m_language);
    form->addRow(tr("&Appearance:"), m_appearance);
    form->addRow(tr("&Embedded endpoint:"), m_latencyPreset);
    auto *note = new QLabel(tr("Changes take effect the next time TokenScope starts."), this);
    note->setWordWrap(true);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    connect(buttons, &QDialogButtonBox::accepted, this, [this] {
        save();
        accept();
    });
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(note);
    layout->addWidget(buttons);
}

void SettingsDialog::save()
{
    QSettings settings;
    settings.setValue(LanguageKey, m_language->currentData());
    settings.setValue(AppearanceKey, m_appearance->currentData());
    settings.setValue(LatencyPresetKey, m_latencyPreset->currentData());
}
