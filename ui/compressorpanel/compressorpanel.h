#pragma once

#include "compress/abmeasurement.h"
#include "compress/promptcompressor.h"
#include "compress/truncation.h"
#include "protocol/endpointprofile.h"

#include <QCoroTask>
#include <QPointer>
#include <QWidget>

#include <optional>

class BarChart;
class TimeSeriesChart;
class QCheckBox;
class QComboBox;
class QLabel;
class QPlainTextEdit;
class QProgressBar;
class QPushButton;
class QSpinBox;
class QTableView;
class QTableWidget;
class QTabWidget;
class QTimer;
class RuleTableModel;

/*!
 * \brief The Compressor panel: tune rewrite rules and truncation on your own prompt, see what
 * they remove, and measure on an endpoint what the compressed prompt saves.
 *
 * A rule table (add, edit, drag to reorder, toggle, presets, import/export as JSON); the
 * input and the compressed output side by side with removed/changed spans highlighted; live
 * figures (characters, tokens with how they were counted, reduction); a truncation strategy
 * and budget applied to the preview; "Measure on endpoint" runs the A/B (original against
 * compressed, N times each) with a progress bar and a chart of tokens and latency.
 *
 * Tests reach its widgets by object name: "ruleView", "input", "output", "figures",
 * "measureTable" (the A/B figures, one group of rows per endpoint) and "chartTabs" (that table
 * and the charts, one at a time at the full width).
 */
class CompressorPanel : public QWidget
{
    Q_OBJECT
public:
    explicit CompressorPanel(QWidget *parent = nullptr);
    ~CompressorPanel() override;

    /// The endpoints checked in the sidebar (API keys resolved); the A/B goes to each in turn,
    /// or to the application's embedded endpoint (EmbeddedEndpointService) when there is none.
    void setEndpoints(const QList<EndpointProfile> &endpoints);

    void setInputText(const QString &text);
    QString inputText() const;
    QString outputText() const;

    PromptCompressor compressor() const;
    void loadPreset(PromptCompressor::Preset preset);
    bool importRules(const QString &path, QString *error = nullptr);
    bool exportRules(const QString &path, QString *error = nullptr) const;
    /// nullopt: no truncation.
    void setTruncation(std::optional<TruncationStrategy> strategy, int budget);
    void setRepetitions(int n);

    /// Compresses now (typing schedules this after a short pause).
    void recompute();
    const CompressionResult &lastResult() const { return m_result; }
    /// Tokens of the input and of the output, as the figures show them.
    TokenCount inputTokens() const { return m_inputTokens; }
    TokenCount outputTokens() const { return m_outputTokens; }

    void startMeasurement();
    void cancelMeasurement();
    bool isMeasuring() const { return m_measuring; }
    /// The A/B of one endpoint, as the last measurement left it.
    struct EndpointMeasurement
    {
        EndpointProfile profile;
        AbResult result;
    };
    /// The first endpoint's A/B (see lastMeasurements() for every endpoint's).
    const AbResult &lastMeasurement() const { return m_measurement; }
    const QList<EndpointMeasurement> &lastMeasurements() const { return m_measurements; }
    /// \a amount in the currency of the endpoint's prices, with the precision a price of that
    /// size needs (two decimals from 1 up, three significant digits below).
    static QString formatMoney(double amount);
    /// Truncates the input to 20, 40, 60 and 80% of its tokens with the chosen strategy (middle
    /// when none is chosen) and measures each, plus the full prompt.
    void startSweep();
    const QList<AbSweepRow> &lastSweep() const { return m_sweep; }

    RuleTableModel *ruleModel() const { return m_rules; }
    BarChart *tokensChart() const { return m_tokensChart; }
    /// Prefill and TTFT (tens of ms); end-to-end latency (seconds) has its own chart and axis.
    BarChart *latencyChart() const { return m_latencyChart; }
    BarChart *e2eChart() const { return m_e2eChart; }
    TimeSeriesChart *sweepChart() const { return m_sweepChart; }

Q_SIGNALS:
    void measurementFinished();
    void sweepFinished();

private:
    QWidget *createRules();
    QWidget *createTexts();
    QWidget *createMeasure();
    void scheduleRecompute();
    void highlight();
    void updateButtons();
    void showMeasurement();
    TokenCounter counter() const;
    /// One config per checked endpoint (or the embedded one); empty with the reason shown.
    QList<AbConfig> measurementConfigs();
    QCoro::Task<> doMeasure(QList<AbConfig> configs, QString original, QString compressed);
    QCoro::Task<> doSweep(AbConfig config, QString original, TruncationStrategy strategy);
    void showSweep();

    RuleTableModel *m_rules = nullptr;
    QTableView *m_ruleView = nullptr;
    QCheckBox *m_whitespace = nullptr;
    QCheckBox *m_repeatedLines = nullptr;
    QCheckBox *m_repeatedSentences = nullptr;
    QPlainTextEdit *m_input = nullptr;
    QPlainTextEdit *m_output = nullptr;
    QLabel *m_figures = nullptr;
    QComboBox *m_encoding = nullptr;
    QComboBox *m_strategy = nullptr;
    QSpinBox *m_budget = nullptr;
    QSpinBox *m_repetitions = nullptr;
    QPushButton *m_measure = nullptr;
    QPushButton *m_cancel = nullptr;
    QPushButton *m_sweepButton = nullptr;
    TimeSeriesChart *m_sweepChart = nullptr;
    QProgressBar *m_progress = nullptr;
    QLabel *m_measureSummary = nullptr;
    QTableWidget *m_measureTable = nullptr;
    QTabWidget *m_chartTabs = nullptr;
    BarChart *m_tokensChart = nullptr;
    BarChart *m_latencyChart = nullptr;
    BarChart *m_e2eChart = nullptr;
    QTimer *m_debounce = nullptr;

    QList<EndpointProfile> m_endpoints;
    QPointer<AbMeasurement> m_ab;
    CompressionResult m_result;
    TruncationResult m_truncation;
    TokenCount m_inputTokens;
    TokenCount m_outputTokens;
    AbResult m_measurement;
    QList<EndpointMeasurement> m_measurements;
    QList<AbSweepRow> m_sweep;
    bool m_measuring = false;
    int m_progressOffset = 0; ///< requests of the endpoints already measured
};
