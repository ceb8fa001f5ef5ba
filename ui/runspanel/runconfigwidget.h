#pragma once

#include "load/loadrunner.h"

#include <QWidget>

#include <memory>
#include <optional>

class Dataset;
class HistogramChart;
class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QRadioButton;
class QSpinBox;
class QTimer;

/*!
 * \brief The settings of a load run: the workload (prompts, output lengths, conversations),
 * size, pacing, limits and timeouts.
 *
 * The prompts are typed in, read from a file, made synthetically to exact token lengths, or
 * sampled from a dataset, the last two as the CLI's workload options make them (both go
 * through WorkloadBuilder). A small chart previews the input lengths they will have.
 *
 * Remembers the last choices in QSettings (group "runs"). Every field has an object
 * name, so tests and style sheets can reach it.
 */
class RunConfigWidget : public QWidget
{
    Q_OBJECT
public:
    enum class Mode { ClosedLoop, Rate };
    /// Where the prompts come from.
    enum class Source { Inline, File, Synthetic, Dataset };

    /// The preview counts the input lengths of at most this many prompts (the first ones).
    static constexpr int PreviewMaxPrompts = 2000;
    /// Datasets larger than this are not read for the preview (they are at Run).
    static constexpr qint64 PreviewMaxDatasetBytes = qint64(32) * 1024 * 1024;

    explicit RunConfigWidget(QWidget *parent = nullptr);
    ~RunConfigWidget() override;

    /*!
     * The run these fields describe against \a endpoint, or nullopt with \a error set (and
     * shown next to the field at fault) when the prompts cannot be read or made. Synthetic and
     * dataset sources make one prompt per request, warm-up included, like the CLI.
     */
    std::optional<LoadConfig> config(const EndpointProfile &endpoint, QString *error = nullptr) const;

    /// Restores the last saved choices (called by the constructor).
    void loadSettings();
    void saveSettings() const;

    Source source() const;
    /// Redraws the preview of the input lengths now; it otherwise follows the fields it
    /// depends on about 300 ms after they stop changing.
    void updatePreview();

Q_SIGNALS:
    void changed();

private:
    struct DatasetCache;

    void browse();
    void browseDataset();
    void updateEnabled();
    void showPromptError(const QString &error) const;
    QList<GenerationRequest> withSystem(QList<GenerationRequest> prompts) const;
    void validateLengthSpec(const QLineEdit *edit, QLabel *errorLabel) const;
    /// Shows \a error under its field (hidden when empty).
    void showFieldError(QLabel *label, const QString &error) const;
    void schedulePreview();
    int promptCount() const;
    quint64 workloadSeed() const;
    std::optional<QList<GenerationRequest>> syntheticPrompts(const GenerationRequest &defaults, int count,
                                                             QString *error) const;
    std::optional<QList<GenerationRequest>> datasetPrompts(const GenerationRequest &defaults, int count,
                                                           QString *error) const;
    /// The dataset's entries in the token ranges (read and counted once, then cached), or
    /// nullptr with \a error.
    const Dataset *datasetInRange(QString *error) const;

    QRadioButton *m_inlineRadio;
    QRadioButton *m_fileRadio;
    QRadioButton *m_syntheticRadio;
    QRadioButton *m_datasetRadio;
    QPlainTextEdit *m_promptEdit;
    QLineEdit *m_fileEdit;
    QWidget *m_fileRow;
    // Synthetic prompts, datasets and the tokenizer both count with, each shown for its source
    QWidget *m_syntheticPanel;
    QWidget *m_datasetPanel;
    QWidget *m_tokenizerPanel;
    QLineEdit *m_inputTokens;
    QLabel *m_inputError;
    QComboBox *m_tokenizer;
    QComboBox *m_language;
    QSpinBox *m_prefixTokens;
    QSpinBox *m_prefixShare;
    QSpinBox *m_prefixCount;
    QLabel *m_prefixError;
    QWidget *m_datasetRow;
    QLineEdit *m_datasetFile;
    QComboBox *m_datasetFormat;
    QSpinBox *m_datasetInputMin;
    QSpinBox *m_datasetInputMax;
    QSpinBox *m_datasetOutputMin;
    QSpinBox *m_datasetOutputMax;
    QWidget *m_datasetInputRow;
    QWidget *m_datasetOutputRow;
    QLabel *m_datasetError;
    // Preview of the input lengths
    QWidget *m_previewPanel;
    HistogramChart *m_preview;
    QLabel *m_previewNote;
    QTimer *m_previewTimer;
    QLabel *m_promptError;
    QPlainTextEdit *m_systemEdit;
    // Output lengths, conversations, seed
    QLineEdit *m_outputTokens;
    QLabel *m_outputError;
    QCheckBox *m_ignoreEos;
    QSpinBox *m_turns;
    QDoubleSpinBox *m_thinkTime;
    QSpinBox *m_workloadSeed;
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
    mutable std::unique_ptr<DatasetCache> m_datasetCache;
};
