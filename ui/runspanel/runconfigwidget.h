#pragma once

#include "load/loadrunner.h"

#include <QWidget>

#include <optional>

class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QRadioButton;
class QSpinBox;

/*!
 * \brief The settings of a load run: prompts, size, pacing, limits and timeouts.
 *
 * Remembers the last choices in QSettings (group "runs"). Every field has an object
 * name, so tests and style sheets can reach it.
 */
class RunConfigWidget : public QWidget
{
    Q_OBJECT
public:
    enum class Mode { ClosedLoop, Rate };

    explicit RunConfigWidget(QWidget *parent = nullptr);
    ~RunConfigWidget() override;

    /*!
     * The run these fields describe against \a endpoint, or nullopt with \a error set (and
     * shown next to the field at fault) when the prompts cannot be read.
     */
    std::optional<LoadConfig> config(const EndpointProfile &endpoint, QString *error = nullptr) const;

    /// Restores the last saved choices (called by the constructor).
    void loadSettings();
    void saveSettings() const;

Q_SIGNALS:
    void changed();

private:
    void browse();
    void updateEnabled();
    void showPromptError(const QString &error) const;
    QList<GenerationRequest> withSystem(QList<GenerationRequest> prompts) const;

    QRadioButton *m_inlineRadio;
    QRadioButton *m_fileRadio;
    QPlainTextEdit *m_promptEdit;
    QLineEdit *m_fileEdit;
    QWidget *m_fileRow;
    QLabel *m_promptError;
    QPlainTextEdit *m_systemEdit;
    QSpinBox *m_requests;
    QComboBox *m_mode;
    QDoubleSpinBox *m_rate;
    QCheckBox *m_poisson;
    QSpinBox *m_seed;
    QSpinBox *m_concurrency;
    QLabel *m_concurrencyLabel;
    QSpinBox *m_warmup;
    QSpinBox *m_maxTokens;
    QDoubleSpinBox *m_connectTimeout;
    QDoubleSpinBox *m_firstTokenTimeout;
    QDoubleSpinBox *m_stallTimeout;
    QDoubleSpinBox *m_totalTimeout;
    QCheckBox *m_reuse;
    bool m_loading = false;
};
