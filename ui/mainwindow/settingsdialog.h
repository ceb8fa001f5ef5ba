#pragma once

#include <QDialog>

class QComboBox;

/// \brief Application settings: language and appearance (applied at the next start).
class SettingsDialog : public QDialog
{
    Q_OBJECT
public:
    explicit SettingsDialog(QWidget *parent = nullptr);

    /// The saved language ("system", "en", "zh_CN") and appearance ("system", "light", "dark").
    static QString language();
    static QString appearance();

private:
    void save();

    QComboBox *m_language = nullptr;
    QComboBox *m_appearance = nullptr;
};
