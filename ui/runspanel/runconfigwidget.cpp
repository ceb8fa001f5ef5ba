#include "runconfigwidget.h"

#include "charts/histogramchart.h"
#include "charts/palette.h"
#include "load/promptset.h"
#include "workload/dataset.h"
#include "workload/lengthdistribution.h"
#include "workload/syntheticprompts.h"
#include "workload/workloadbuilder.h"

#include <QButtonGroup>
#include <QCheckBox>
#include <QComboBox>
#include <QDateTime>
#include <QDoubleSpinBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QGridLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QSettings>
#include <QSpinBox>
#include <QTimer>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>
#include <limits>
#include <utility>

namespace {

QSpinBox *spinBox(QWidget *parent, const char *name, int min, int max, int value)
{
    auto *box = new QSpinBox(parent);
    box->setObjectName(QString::fromLatin1(name));
    box->setRange(min, max);
    box->setValue(value);
    box->setAccelerated(true);
    return box;
}

QDoubleSpinBox *secondsBox(QWidget *parent, const char *name, double value)
{
    auto *box = new QDoubleSpinBox(parent);
    box->setObjectName(QString::fromLatin1(name));
    box->setRange(0, 86'400);
    box->setDecimals(1);
    box->setValue(value);
    box->setSuffix(RunConfigWidget::tr(" s"));
    box->setSpecialValueText(RunConfigWidget::tr("off"));
    return box;
}

qint64 toMs(const QDoubleSpinBox *box)
{
    return qint64(std::llround(box->value() * 1000.0));
}

/// A label and its field; an empty label makes the field span the row.
using FormRow = std::pair<QString, QWidget *>;

QLabel *errorLabel(QWidget *parent, const char *name)
{
    auto *label = new QLabel(parent);
    label->setObjectName(QString::fromLatin1(name));
    label->setWordWrap(true);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    label->setStyleSheet(QStringLiteral("color: #c62828;"));
    label->hide();
    return label;
}

/// A bound of a token range; 0 is no bound.
QSpinBox *boundBox(QWidget *parent, const char *name)
{
    auto *box = spinBox(parent, name, 0, LengthDistribution::MaxTokens, 0);
    box->setSpecialValueText(RunConfigWidget::tr("any"));
    return box;
}

/// MIN – MAX on one row, as narrow as two numbers.
QWidget *rangeRow(QWidget *parent, QSpinBox *min, QSpinBox *max)
{
    auto *row = new QWidget(parent);
    auto *layout = new QHBoxLayout(row);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(min, 1);
    layout->addWidget(new QLabel(QStringLiteral("–"), row));
    layout->addWidget(max, 1);
    return row;
}

Dataset::TokenRange rangeOf(const QSpinBox *min, const QSpinBox *max)
{
    Dataset::TokenRange range;
    range.min = min->value();
    if (max->value() > 0)
        range.max = max->value();
    return range;
}

bool sameRange(const Dataset::TokenRange &a, const Dataset::TokenRange &b)
{
    return a.min == b.min && a.max == b.max;
}

void selectData(QComboBox *combo, const QVariant &value)
{
    const int index = combo->findData(value);
    if (index >= 0)
        combo->setCurrentIndex(index);
}

// Stable names for QSettings.
QString sourceName(RunConfigWidget::Source source)
{
    switch (source) {
    case RunConfigWidget::Source::Inline:
        return QStringLiteral("inline");
    case RunConfigWidget::Source::File:
        return QStringLiteral("file");
    case RunConfigWidget::Source::Synthetic:
        return QStringLiteral("synthetic");
    case RunConfigWidget::Source::Dataset:
        return QStringLiteral("dataset");
    }
    return QStringLiteral("inline");
}

std::optional<RunConfigWidget::Source> sourceFromName(const QString &name)
{
    for (RunConfigWidget::Source s :
         { RunConfigWidget::Source::Inline, RunConfigWidget::Source::File, RunConfigWidget::Source::Synthetic,
           RunConfigWidget::Source::Dataset }) {
        if (sourceName(s) == name)
            return s;
    }
    return std::nullopt;
}

QString languageName(const QString &code)
{
    // Each language by its own name, as language pickers do: not translated.
    if (code == u"en")
        return QStringLiteral("English");
    if (code == u"zh")
        return QStringLiteral("中文");
    return code;
}

} // namespace

/// The dataset as last read and filtered: the preview and Run read and count a file once.
struct RunConfigWidget::DatasetCache
{
    // Read again when the name, format, size or time of the file changes.
    QString path;
    QString format;
    qint64 size = -1;
    QDateTime modified;
    std::optional<Dataset> data;
    QString error;
    // The entries in the token ranges, as the tokenizer counts them.
    bool filtered = false;
    QString tokenizer;
    Dataset::TokenRange input;
    Dataset::TokenRange output;
    Dataset inRange;
};

RunConfigWidget::RunConfigWidget(QWidget *parent)
    : QWidget(parent)
{
    const RequestOptions defaults;

    // Workload: where the prompts come from, how long the answers are, conversations.
    auto *promptBox = new QGroupBox(tr("Workload"), this);
    promptBox->setObjectName(QStringLiteral("workloadGroup"));
    m_inlineRadio = new QRadioButton(tr("Inline"), promptBox);
    m_inlineRadio->setObjectName(QStringLiteral("promptInline"));
    m_fileRadio = new QRadioButton(tr("File"), promptBox);
    m_fileRadio->setObjectName(QStringLiteral("promptFromFile"));
    m_syntheticRadio = new QRadioButton(tr("Synthetic (exact length)"), promptBox);
    m_syntheticRadio->setObjectName(QStringLiteral("promptSynthetic"));
    m_syntheticRadio->setToolTip(
        tr("Readable prompts of an exact number of tokens, one per request, so that none repeats"));
    m_datasetRadio = new QRadioButton(tr("Dataset"), promptBox);
    m_datasetRadio->setObjectName(QStringLiteral("promptDataset"));
    m_datasetRadio->setToolTip(tr("Prompts sampled from a ShareGPT, chat JSONL or CSV dataset"));
    m_inlineRadio->setChecked(true);
    auto *sourceGroup = new QButtonGroup(this);
    sourceGroup->addButton(m_inlineRadio);
    sourceGroup->addButton(m_fileRadio);
    sourceGroup->addButton(m_syntheticRadio);
    sourceGroup->addButton(m_datasetRadio);

    m_promptEdit = new QPlainTextEdit(promptBox);
    m_promptEdit->setObjectName(QStringLiteral("promptText"));
    m_promptEdit->setPlaceholderText(tr("The prompt sent with every request"));
    m_promptEdit->setPlainText(tr("Explain in a few sentences how a transformer generates text."));
    m_promptEdit->setTabChangesFocus(true);
    m_promptEdit->setFixedHeight(m_promptEdit->fontMetrics().lineSpacing() * 4 + 12);

    m_fileRow = new QWidget(promptBox);
    m_fileEdit = new QLineEdit(m_fileRow);
    m_fileEdit->setObjectName(QStringLiteral("promptFile"));
    m_fileEdit->setPlaceholderText(tr("Text (one prompt a line) or JSONL file"));
    m_fileEdit->setClearButtonEnabled(true);
    auto *browseButton = new QPushButton(tr("Browse…"), m_fileRow);
    browseButton->setObjectName(QStringLiteral("promptBrowse"));
    auto *fileLayout = new QHBoxLayout(m_fileRow);
    fileLayout->setContentsMargins(0, 0, 0, 0);
    fileLayout->addWidget(m_fileEdit, 1);
    fileLayout->addWidget(browseButton);

    // Synthetic prompts (the CLI's --input-tokens, --tokenizer, --language, --shared-prefix)
    m_inputTokens = new QLineEdit(promptBox);
    m_inputTokens->setObjectName(QStringLiteral("inputTokens"));
    m_inputTokens->setText(QStringLiteral("512"));
    m_inputTokens->setPlaceholderText(tr("e.g. uniform:128:1024"));
    m_inputTokens->setClearButtonEnabled(true);
    m_inputTokens->setToolTip(
        tr("Each prompt's length in tokens of the tokenizer below:\n"
           "N: always N tokens\n"
           "uniform:MIN:MAX: every length from MIN to MAX equally likely\n"
           "normal:MEAN:SD or normal:MEAN:SD:MIN:MAX: a normal distribution, kept within the bounds\n"
           "hist:FILE: lengths from a file of \"LENGTH WEIGHT\" lines"));
    m_inputError = errorLabel(promptBox, "inputTokensError");
    m_tokenizer = new QComboBox(promptBox);
    m_tokenizer->setObjectName(QStringLiteral("tokenizer"));
    const QStringList tokenizers = WorkloadBuilder::tokenizerNames();
    for (const QString &name : tokenizers)
        m_tokenizer->addItem(name, name);
    m_tokenizer->setToolTip(
        tr("The encoding that counts the tokens of the prompts and of the dataset's token "
           "ranges. Without its rank file, lengths are estimates and the preview says so."));
    m_language = new QComboBox(promptBox);
    m_language->setObjectName(QStringLiteral("language"));
    const QStringList languages = SyntheticPromptGenerator::languages();
    for (const QString &code : languages)
        m_language->addItem(languageName(code), code);
    m_language->setToolTip(tr("The language of the generated text"));
    m_prefixTokens = spinBox(promptBox, "prefixTokens", 0, LengthDistribution::MaxTokens, 0);
    m_prefixTokens->setSpecialValueText(tr("none"));
    m_prefixTokens->setSuffix(tr(" tokens"));
    m_prefixTokens->setToolTip(
        tr("Prompts that begin with a shared prefix of this many tokens, identical byte "
           "for byte: what a server's prefix cache can reuse. The prefix counts toward "
           "each prompt's length."));
    m_prefixShare = spinBox(promptBox, "prefixShare", 0, 100, 100);
    m_prefixShare->setSuffix(tr(" %"));
    m_prefixShare->setToolTip(tr("The share of the prompts that begin with a shared prefix"));
    m_prefixCount = spinBox(promptBox, "prefixCount", 1, SharedPrefixSpec::MaxCount, 1);
    m_prefixCount->setToolTip(tr("How many different prefixes the prompts share, taken in turn"));
    m_prefixError = errorLabel(promptBox, "sharedPrefixError");

    // Dataset (--dataset, --dataset-format, --dataset-input-tokens, --dataset-output-tokens)
    m_datasetRow = new QWidget(promptBox);
    m_datasetFile = new QLineEdit(m_datasetRow);
    m_datasetFile->setObjectName(QStringLiteral("datasetFile"));
    m_datasetFile->setPlaceholderText(tr("ShareGPT, JSONL or CSV"));
    m_datasetFile->setClearButtonEnabled(true);
    m_datasetFile->setToolTip(
        tr("ShareGPT JSON (the first human turn is the prompt), chat JSONL (\"messages\" or "
           "\"prompt\") or CSV with a header and a prompt column"));
    auto *datasetBrowse = new QPushButton(tr("Browse…"), m_datasetRow);
    datasetBrowse->setObjectName(QStringLiteral("datasetBrowse"));
    auto *datasetLayout = new QHBoxLayout(m_datasetRow);
    datasetLayout->setContentsMargins(0, 0, 0, 0);
    datasetLayout->addWidget(m_datasetFile, 1);
    datasetLayout->addWidget(datasetBrowse);
    m_datasetError = errorLabel(promptBox, "datasetError");
    m_datasetFormat = new QComboBox(promptBox);
    m_datasetFormat->setObjectName(QStringLiteral("datasetFormat"));
    m_datasetFormat->addItem(tr("Auto"), Dataset::formatName(Dataset::Format::Auto));
    m_datasetFormat->addItem(QStringLiteral("ShareGPT"), Dataset::formatName(Dataset::Format::ShareGpt));
    m_datasetFormat->addItem(QStringLiteral("JSONL"), Dataset::formatName(Dataset::Format::Jsonl));
    m_datasetFormat->addItem(QStringLiteral("CSV"), Dataset::formatName(Dataset::Format::Csv));
    m_datasetFormat->setToolTip(tr("Auto: by the file's extension, then by its first character"));
    m_datasetInputMin = boundBox(promptBox, "datasetInputMin");
    m_datasetInputMax = boundBox(promptBox, "datasetInputMax");
    m_datasetInputRow = rangeRow(promptBox, m_datasetInputMin, m_datasetInputMax);
    m_datasetInputRow->setToolTip(tr("Keep only the entries whose prompt has this many tokens"));
    m_datasetOutputMin = boundBox(promptBox, "datasetOutputMin");
    m_datasetOutputMax = boundBox(promptBox, "datasetOutputMax");
    m_datasetOutputRow = rangeRow(promptBox, m_datasetOutputMin, m_datasetOutputMax);
    m_datasetOutputRow->setToolTip(tr("Keep only the entries whose answer (its stated length, else the "
                                      "recorded answer) has this many tokens"));

    // Each source's fields in a panel of their own, shown for that source, and the wrapped error
    // labels between forms rather than in them: with rows hidden and shown in one QFormLayout
    // (Qt 6.4), its height for width came out short and the section was drawn squeezed.
    QList<QLabel *> formLabels;
    const auto form = [&formLabels](QWidget *panel, std::initializer_list<FormRow> rows) {
        auto *layout = new QFormLayout;
        layout->setContentsMargins(0, 0, 0, 0);
        for (const auto &[text, field] : rows) {
            if (text.isEmpty()) {
                layout->addRow(field);
                continue;
            }
            auto *label = new QLabel(text, panel);
            label->setBuddy(field);
            formLabels.append(label);
            layout->addRow(label, field);
        }
        return layout;
    };
    m_syntheticPanel = new QWidget(promptBox);
    m_syntheticPanel->setObjectName(QStringLiteral("syntheticSettings"));
    auto *syntheticLayout = new QVBoxLayout(m_syntheticPanel);
    syntheticLayout->setContentsMargins(0, 0, 0, 0);
    syntheticLayout->addLayout(form(m_syntheticPanel, { { tr("Input tokens:"), m_inputTokens } }));
    syntheticLayout->addWidget(m_inputError);
    syntheticLayout->addLayout(form(m_syntheticPanel,
                                    { { tr("Language:"), m_language },
                                      { tr("Shared prefix:"), m_prefixTokens },
                                      { tr("Prefix share:"), m_prefixShare },
                                      { tr("Prefixes:"), m_prefixCount } }));
    syntheticLayout->addWidget(m_prefixError);
    m_datasetPanel = new QWidget(promptBox);
    m_datasetPanel->setObjectName(QStringLiteral("datasetSettings"));
    auto *datasetPanelLayout = new QVBoxLayout(m_datasetPanel);
    datasetPanelLayout->setContentsMargins(0, 0, 0, 0);
    datasetPanelLayout->addLayout(form(m_datasetPanel, { { tr("File:"), m_datasetRow } }));
    datasetPanelLayout->addWidget(m_datasetError);
    datasetPanelLayout->addLayout(form(m_datasetPanel,
                                       { { tr("Format:"), m_datasetFormat },
                                         { tr("Prompt tokens:"), m_datasetInputRow },
                                         { tr("Answer tokens:"), m_datasetOutputRow } }));
    m_tokenizerPanel = new QWidget(promptBox);
    m_tokenizerPanel->setObjectName(QStringLiteral("tokenizerSettings"));
    auto *tokenizerLayout = new QVBoxLayout(m_tokenizerPanel);
    tokenizerLayout->setContentsMargins(0, 0, 0, 0);
    tokenizerLayout->addLayout(form(m_tokenizerPanel, { { tr("Tokenizer:"), m_tokenizer } }));

    // The input lengths the prompts will have, before any text is made.
    m_previewPanel = new QWidget(promptBox);
    m_previewPanel->setObjectName(QStringLiteral("workloadPreviewPanel"));
    m_preview = new HistogramChart(m_previewPanel);
    m_preview->setObjectName(QStringLiteral("workloadPreview"));
    m_preview->setAxisTitles(tr("Input tokens"), tr("Prompts"));
    m_preview->setEmptyText(tr("Enter an input length to see the prompts' lengths here."));
    m_preview->setToolTip(tr("The input lengths of the prompts the run will send (at most the first %1)")
                              .arg(PreviewMaxPrompts));
    // Tall enough for a plot under the legend and the axis titles (the column is narrow, not short).
    m_preview->setFixedHeight(std::max(220, m_preview->fontMetrics().lineSpacing() * 14));
    m_previewNote = new QLabel(m_previewPanel);
    m_previewNote->setObjectName(QStringLiteral("workloadPreviewNote"));
    m_previewNote->setWordWrap(true);
    m_previewNote->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_previewNote->hide();
    auto *previewLayout = new QVBoxLayout(m_previewPanel);
    previewLayout->setContentsMargins(0, 0, 0, 0);
    previewLayout->addWidget(m_preview);
    previewLayout->addWidget(m_previewNote);
    m_previewTimer = new QTimer(this);
    m_previewTimer->setSingleShot(true);
    m_previewTimer->setInterval(300);

    m_promptError = new QLabel(promptBox);
    m_promptError->setObjectName(QStringLiteral("promptError"));
    m_promptError->setWordWrap(true);
    m_promptError->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_promptError->setStyleSheet(QStringLiteral("color: #c62828;"));
    m_promptError->hide();

    m_systemEdit = new QPlainTextEdit(promptBox);
    m_systemEdit->setObjectName(QStringLiteral("systemMessage"));
    m_systemEdit->setPlaceholderText(tr("Optional system message"));
    m_systemEdit->setTabChangesFocus(true);
    m_systemEdit->setFixedHeight(m_systemEdit->fontMetrics().lineSpacing() * 2 + 12);

    // Output lengths (--output-tokens, --ignore-eos), conversations (--turns, --think-time)
    m_outputTokens = new QLineEdit(promptBox);
    m_outputTokens->setObjectName(QStringLiteral("outputTokens"));
    m_outputTokens->setPlaceholderText(tr("Max tokens"));
    m_outputTokens->setClearButtonEnabled(true);
    m_outputTokens->setToolTip(
        tr("Each request's max tokens, drawn from a length in the same forms as the input "
           "tokens (e.g. uniform:64:512). Empty: the Max tokens field, or a dataset "
           "entry's own answer length."));
    m_outputError = errorLabel(promptBox, "outputTokensError");
    m_ignoreEos = new QCheckBox(tr("Force exact length (ignore_eos)"), promptBox);
    m_ignoreEos->setObjectName(QStringLiteral("ignoreEos"));
    m_ignoreEos->setToolTip(
        tr("Ask for exactly the max tokens with ignore_eos and min_tokens. vLLM, SGLang and "
           "llama.cpp take them; hosted APIs refuse unknown fields, so they are sent only on "
           "the OpenAI-style, llama.cpp and plain protocols."));
    m_turns = spinBox(promptBox, "turns", 1, 1000, 1);
    m_turns->setSpecialValueText(tr("off"));
    m_turns->setToolTip(tr("Conversations of this many requests: each turn sends the earlier prompts and "
                           "answers before its own prompt (closed loop only)"));
    m_thinkTime = new QDoubleSpinBox(promptBox);
    m_thinkTime->setObjectName(QStringLiteral("thinkTime"));
    m_thinkTime->setRange(0, 3600);
    m_thinkTime->setDecimals(1);
    m_thinkTime->setSuffix(tr(" s"));
    m_thinkTime->setToolTip(tr("Time between an answer and the conversation's next turn"));
    m_workloadSeed = spinBox(promptBox, "workloadSeed", 0, std::numeric_limits<int>::max(), 1);
    m_workloadSeed->setToolTip(
        tr("Seed of the prompts' lengths and texts, the shared prefixes, the dataset sample "
           "and the output lengths: the same seed makes the same prompts. Give each run "
           "against one server its own seed, or its prefix cache remembers the last run."));
    QFormLayout *outputForm = form(promptBox, { { tr("Output tokens:"), m_outputTokens } });
    QFormLayout *conversationForm = form(promptBox,
                                         { { QString(), m_ignoreEos },
                                           { tr("Turns:"), m_turns },
                                           { tr("Think time:"), m_thinkTime },
                                           { tr("Seed:"), m_workloadSeed } });
    // One label column for the whole section, whichever of its forms are shown.
    int labelWidth = 0;
    for (const QLabel *label : std::as_const(formLabels))
        labelWidth = std::max(labelWidth, label->sizeHint().width());
    for (QLabel *label : std::as_const(formLabels))
        label->setMinimumWidth(labelWidth);

    auto *sourceRow = new QGridLayout;
    sourceRow->setContentsMargins(0, 0, 0, 0);
    sourceRow->addWidget(m_inlineRadio, 0, 0);
    sourceRow->addWidget(m_fileRadio, 0, 1);
    sourceRow->addWidget(m_syntheticRadio, 1, 0);
    sourceRow->addWidget(m_datasetRadio, 1, 1);
    sourceRow->setColumnStretch(2, 1);
    auto *promptLayout = new QVBoxLayout(promptBox);
    promptLayout->addLayout(sourceRow);
    promptLayout->addWidget(m_promptEdit);
    promptLayout->addWidget(m_fileRow);
    promptLayout->addWidget(m_syntheticPanel);
    promptLayout->addWidget(m_datasetPanel);
    promptLayout->addWidget(m_tokenizerPanel);
    promptLayout->addWidget(m_previewPanel);
    promptLayout->addWidget(m_promptError);
    promptLayout->addWidget(new QLabel(tr("System message:"), promptBox));
    promptLayout->addWidget(m_systemEdit);
    promptLayout->addLayout(outputForm);
    promptLayout->addWidget(m_outputError);
    promptLayout->addLayout(conversationForm);

    // Load
    auto *loadBox = new QGroupBox(tr("Load"), this);
    // 0 is let in and refused at Run with a word: with 1 as the least, a typed "0" was
    // silently reverted on focus-out and the previous count ran instead.
    m_requests = spinBox(loadBox, "requests", 0, 1'000'000, 100);
    m_mode = new QComboBox(loadBox);
    m_mode->setObjectName(QStringLiteral("mode"));
    m_mode->addItem(tr("Closed loop (fixed concurrency)"), int(Mode::ClosedLoop));
    m_mode->addItem(tr("Request rate"), int(Mode::Rate));
    m_rate = new QDoubleSpinBox(loadBox);
    m_rate->setObjectName(QStringLiteral("rate"));
    m_rate->setRange(0.01, 100'000);
    m_rate->setDecimals(2);
    m_rate->setValue(5);
    m_rate->setSuffix(tr(" req/s"));
    m_poisson = new QCheckBox(tr("Poisson arrivals"), loadBox);
    m_poisson->setObjectName(QStringLiteral("poisson"));
    m_poisson->setToolTip(tr("Exponentially distributed gaps between sends instead of even ones"));
    m_seed = spinBox(loadBox, "seed", 0, std::numeric_limits<int>::max(), 1);
    m_seed->setToolTip(tr("Seed of the Poisson schedule: the same seed sends at the same times"));
    auto *poissonRow = new QWidget(loadBox);
    auto *poissonLayout = new QHBoxLayout(poissonRow);
    poissonLayout->setContentsMargins(0, 0, 0, 0);
    poissonLayout->addWidget(m_poisson);
    poissonLayout->addStretch(1);
    poissonLayout->addWidget(new QLabel(tr("Seed:"), poissonRow));
    poissonLayout->addWidget(m_seed);
    m_concurrency = spinBox(loadBox, "concurrency", 0, 100'000, 4);
    m_concurrencyLabel = new QLabel(tr("Concurrency:"), loadBox);
    m_warmup = spinBox(loadBox, "warmup", 0, 100'000, 0);
    m_warmup->setToolTip(tr("Requests sent first and left out of the statistics"));
    m_maxTokens = spinBox(loadBox, "maxTokens", 1, 1'000'000, 256);

    auto *loadLayout = new QFormLayout(loadBox);
    loadLayout->addRow(tr("Requests:"), m_requests);
    loadLayout->addRow(tr("Mode:"), m_mode);
    loadLayout->addRow(tr("Rate:"), m_rate);
    loadLayout->addRow(QString(), poissonRow);
    loadLayout->addRow(m_concurrencyLabel, m_concurrency);
    loadLayout->addRow(tr("Warm-up:"), m_warmup);
    loadLayout->addRow(tr("Max tokens:"), m_maxTokens);

    // Limits
    auto *limitsBox = new QGroupBox(tr("Timeouts and connections"), this);
    m_connectTimeout = secondsBox(limitsBox, "connectTimeout", double(defaults.connectTimeoutMs) / 1000.0);
    m_firstTokenTimeout
        = secondsBox(limitsBox, "firstTokenTimeout", double(defaults.firstTokenTimeoutMs) / 1000.0);
    m_stallTimeout = secondsBox(limitsBox, "stallTimeout", double(defaults.stallTimeoutMs) / 1000.0);
    m_totalTimeout = secondsBox(limitsBox, "totalTimeout", double(defaults.totalTimeoutMs) / 1000.0);
    m_reuse = new QCheckBox(tr("Reuse connections (keep-alive)"), limitsBox);
    m_reuse->setObjectName(QStringLiteral("reuseConnections"));
    m_reuse->setChecked(defaults.reuseConnections);
    m_reuse->setToolTip(tr("Off: every request opens a cold connection"));
    auto *limitsLayout = new QFormLayout(limitsBox);
    limitsLayout->addRow(tr("Connect:"), m_connectTimeout);
    limitsLayout->addRow(tr("First token:"), m_firstTokenTimeout);
    limitsLayout->addRow(tr("Stall:"), m_stallTimeout);
    limitsLayout->addRow(tr("Total:"), m_totalTimeout);
    limitsLayout->addRow(m_reuse);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(promptBox);
    layout->addWidget(loadBox);
    layout->addWidget(limitsBox);
    layout->addStretch(1);

    loadSettings();
    updateEnabled();
    validateLengthSpec(m_inputTokens, m_inputError);
    validateLengthSpec(m_outputTokens, m_outputError);
    schedulePreview();

    connect(browseButton, &QPushButton::clicked, this, &RunConfigWidget::browse);
    connect(datasetBrowse, &QPushButton::clicked, this, &RunConfigWidget::browseDataset);
    connect(m_previewTimer, &QTimer::timeout, this, &RunConfigWidget::updatePreview);
    const auto onChange = [this] {
        updateEnabled();
        if (!m_loading) {
            saveSettings();
            Q_EMIT changed();
        }
    };
    // What the preview shows depends on these; the rest (language, prefixes) leaves lengths alone.
    const auto onLengthsChange = [this, onChange] {
        onChange();
        schedulePreview();
    };
    connect(sourceGroup, &QButtonGroup::buttonToggled, this,
            [onLengthsChange](QAbstractButton *, bool checked) {
                if (checked)
                    onLengthsChange();
            });
    connect(m_promptEdit, &QPlainTextEdit::textChanged, this, onChange);
    connect(m_fileEdit, &QLineEdit::textChanged, this, [this, onChange] {
        showPromptError({});
        onChange();
    });
    connect(m_systemEdit, &QPlainTextEdit::textChanged, this, onChange);
    connect(m_inputTokens, &QLineEdit::textChanged, this, [this, onLengthsChange] {
        validateLengthSpec(m_inputTokens, m_inputError);
        onLengthsChange();
    });
    connect(m_outputTokens, &QLineEdit::textChanged, this, [this, onChange] {
        validateLengthSpec(m_outputTokens, m_outputError);
        onChange();
    });
    connect(m_datasetFile, &QLineEdit::textChanged, this, [this, onLengthsChange] {
        showFieldError(m_datasetError, {});
        onLengthsChange();
    });
    for (QComboBox *combo : { m_tokenizer, m_datasetFormat })
        connect(combo, &QComboBox::currentIndexChanged, this, onLengthsChange);
    connect(m_language, &QComboBox::currentIndexChanged, this, onChange);
    for (QSpinBox *box : { m_datasetInputMin, m_datasetInputMax, m_datasetOutputMin, m_datasetOutputMax,
                           m_workloadSeed, m_requests, m_warmup })
        connect(box, &QSpinBox::valueChanged, this, onLengthsChange);
    for (QSpinBox *box : { m_prefixTokens, m_prefixShare, m_prefixCount }) {
        connect(box, &QSpinBox::valueChanged, this, [this, onChange] {
            showFieldError(m_prefixError, {});
            onChange();
        });
    }
    for (QSpinBox *box : { m_turns, m_seed, m_concurrency, m_maxTokens })
        connect(box, &QSpinBox::valueChanged, this, onChange);
    for (QDoubleSpinBox *box :
         { m_thinkTime, m_rate, m_connectTimeout, m_firstTokenTimeout, m_stallTimeout, m_totalTimeout })
        connect(box, &QDoubleSpinBox::valueChanged, this, onChange);
    connect(m_mode, &QComboBox::currentIndexChanged, this, onChange);
    connect(m_poisson, &QCheckBox::toggled, this, onChange);
    connect(m_ignoreEos, &QCheckBox::toggled, this, onChange);
    connect(m_reuse, &QCheckBox::toggled, this, onChange);
}

RunConfigWidget::~RunConfigWidget() = default;

RunConfigWidget::Source RunConfigWidget::source() const
{
    if (m_fileRadio->isChecked())
        return Source::File;
    if (m_syntheticRadio->isChecked())
        return Source::Synthetic;
    if (m_datasetRadio->isChecked())
        return Source::Dataset;
    return Source::Inline;
}

void RunConfigWidget::browse()
{
    const QString path
        = QFileDialog::getOpenFileName(this, tr("Open Prompt Set"), m_fileEdit->text(),
                                       tr("Prompt sets (*.txt *.jsonl *.ndjson);;All files (*)"));
    if (path.isEmpty())
        return;
    m_fileRadio->setChecked(true);
    m_fileEdit->setText(path);
    // Check the file now, so a bad line shows before the run is started.
    QString error;
    if (!PromptSet::fromFile(path, GenerationRequest {}, &error))
        showPromptError(error);
}

void RunConfigWidget::browseDataset()
{
    const QString path
        = QFileDialog::getOpenFileName(this, tr("Open Dataset"), m_datasetFile->text(),
                                       tr("Datasets (*.json *.jsonl *.ndjson *.csv);;All files (*)"));
    if (path.isEmpty())
        return;
    m_datasetRadio->setChecked(true);
    m_datasetFile->setText(path);
    // Read it now, so a bad line shows before the run is started.
    updatePreview();
}

void RunConfigWidget::updateEnabled()
{
    const Source from = source();
    m_promptEdit->setVisible(from == Source::Inline);
    m_fileRow->setVisible(from == Source::File);
    m_syntheticPanel->setVisible(from == Source::Synthetic);
    m_datasetPanel->setVisible(from == Source::Dataset);
    m_tokenizerPanel->setVisible(from == Source::Synthetic || from == Source::Dataset);
    m_previewPanel->setVisible(from == Source::Synthetic || from == Source::Dataset);
    const bool prefix = m_prefixTokens->value() > 0;
    m_prefixShare->setEnabled(prefix);
    m_prefixCount->setEnabled(prefix);
    const bool rate = Mode(m_mode->currentData().toInt()) == Mode::Rate;
    m_rate->setEnabled(rate);
    m_poisson->setEnabled(rate);
    m_seed->setEnabled(rate && m_poisson->isChecked());
    // With a rate, concurrency caps requests in flight; 0 means no cap.
    m_concurrency->setMinimum(rate ? 0 : 1);
    m_concurrency->setSpecialValueText(rate ? tr("no cap") : QString());
    m_concurrencyLabel->setText(rate ? tr("Max in flight:") : tr("Concurrency:"));
    // Conversations are a closed loop's: a rate sends each request on its own schedule.
    m_turns->setEnabled(!rate);
    m_thinkTime->setEnabled(!rate && m_turns->value() > 1);
}

void RunConfigWidget::showFieldError(QLabel *label, const QString &error) const
{
    label->setText(error);
    label->setVisible(!error.isEmpty());
}

void RunConfigWidget::validateLengthSpec(const QLineEdit *edit, QLabel *errorLabel) const
{
    // An empty field is not an error yet (Run says what is missing).
    const QString spec = edit->text().trimmed();
    QString problem;
    if (!spec.isEmpty() && !LengthDistribution::parse(spec, &problem) && problem.isEmpty())
        problem = tr("This length is not valid.");
    showFieldError(errorLabel, problem);
}

void RunConfigWidget::showPromptError(const QString &error) const
{
    m_promptError->setText(error);
    m_promptError->setVisible(!error.isEmpty());
}

QList<GenerationRequest> RunConfigWidget::withSystem(QList<GenerationRequest> prompts) const
{
    const QString system = m_systemEdit->toPlainText().trimmed();
    if (system.isEmpty())
        return prompts;
    for (GenerationRequest &prompt : prompts) {
        // A prompt set's own system message wins over the general one.
        const bool hasSystem = std::any_of(prompt.messages.cbegin(), prompt.messages.cend(),
                                           [](const ChatMessage &m) { return m.role == u"system"; });
        if (!hasSystem)
            prompt.messages.prepend(ChatMessage { QStringLiteral("system"), system });
    }
    return prompts;
}

int RunConfigWidget::promptCount() const
{
    // One prompt per request, warm-up included, as the CLI makes them.
    return std::max(1, m_requests->value() + m_warmup->value());
}

quint64 RunConfigWidget::workloadSeed() const
{
    return quint64(m_workloadSeed->value());
}

void RunConfigWidget::schedulePreview()
{
    m_previewTimer->start();
}

const Dataset *RunConfigWidget::datasetInRange(QString *error) const
{
    const QString path = m_datasetFile->text().trimmed();
    if (path.isEmpty()) {
        *error = tr("Choose a dataset file.");
        return nullptr;
    }
    const Dataset::TokenRange input = rangeOf(m_datasetInputMin, m_datasetInputMax);
    const Dataset::TokenRange output = rangeOf(m_datasetOutputMin, m_datasetOutputMax);
    if (input.max < input.min || output.max < output.min) {
        *error
            = tr("A token range ends below its start: set the second number to 0 (any) or above the first.");
        return nullptr;
    }
    if (!m_datasetCache)
        m_datasetCache = std::make_unique<DatasetCache>();
    DatasetCache &cache = *m_datasetCache;
    const QString format = m_datasetFormat->currentData().toString();
    const QFileInfo info(path);
    const qint64 size = info.isFile() ? info.size() : -1;
    const QDateTime modified = info.lastModified();
    if (cache.path != path || cache.format != format || cache.size != size || cache.modified != modified) {
        cache = DatasetCache {};
        cache.path = path;
        cache.format = format;
        cache.size = size;
        cache.modified = modified;
        cache.data = Dataset::fromFile(path, &cache.error,
                                       Dataset::formatFromName(format).value_or(Dataset::Format::Auto));
    }
    if (!cache.data) {
        *error = cache.error;
        return nullptr;
    }
    const QString tokenizer = m_tokenizer->currentData().toString();
    if (!cache.filtered || cache.tokenizer != tokenizer || !sameRange(cache.input, input)
        || !sameRange(cache.output, output)) {
        const std::optional<TokenCounter> counter = WorkloadBuilder::tokenCounter(tokenizer);
        cache.inRange
            = WorkloadBuilder::inRange(*cache.data, input, output, counter.value_or(TokenCounter()));
        cache.filtered = true;
        cache.tokenizer = tokenizer;
        cache.input = input;
        cache.output = output;
    }
    if (cache.inRange.isEmpty()) {
        *error = tr("%1: no entry left: %2").arg(path, cache.inRange.summary().text());
        return nullptr;
    }
    return &cache.inRange;
}

std::optional<QList<GenerationRequest>> RunConfigWidget::syntheticPrompts(const GenerationRequest &defaults,
                                                                          int count, QString *error) const
{
    QString problem;
    const std::optional<LengthDistribution> input
        = LengthDistribution::parse(m_inputTokens->text(), &problem);
    if (!input) {
        showFieldError(m_inputError, problem);
        m_inputTokens->setFocus(Qt::OtherFocusReason);
        *error = tr("Input tokens: %1").arg(problem);
        return std::nullopt;
    }
    showFieldError(m_inputError, {});
    const std::optional<TokenCounter> counter
        = WorkloadBuilder::tokenCounter(m_tokenizer->currentData().toString());
    SyntheticPromptSpec spec;
    spec.input = *input;
    spec.language = m_language->currentData().toString();
    spec.seed = workloadSeed();
    if (m_prefixTokens->value() > 0) {
        spec.prefix.tokens = m_prefixTokens->value();
        spec.prefix.share = m_prefixShare->value() / 100.0;
        spec.prefix.count = m_prefixCount->value();
    }
    const std::optional<WorkloadBuilder::SyntheticRequests> made = WorkloadBuilder::syntheticRequests(
        spec, count, counter.value_or(TokenCounter()), defaults, &problem);
    if (!made) {
        // A prefix as long as the longest prompt is the prefix's fault; anything else the length's.
        const bool prefixAtFault = spec.prefix.isEnabled() && input->max() <= spec.prefix.tokens;
        if (prefixAtFault) {
            showFieldError(m_prefixError, problem);
            m_prefixTokens->setFocus(Qt::OtherFocusReason);
            *error = tr("Shared prefix: %1").arg(problem);
        } else {
            showFieldError(m_inputError, problem);
            m_inputTokens->setFocus(Qt::OtherFocusReason);
            *error = tr("Input tokens: %1").arg(problem);
        }
        return std::nullopt;
    }
    showFieldError(m_prefixError, {});
    return made->prompts;
}

std::optional<QList<GenerationRequest>> RunConfigWidget::datasetPrompts(const GenerationRequest &defaults,
                                                                        int count, QString *error) const
{
    QString problem;
    const Dataset *data = datasetInRange(&problem);
    if (!data) {
        showFieldError(m_datasetError, problem);
        m_datasetFile->setFocus(Qt::OtherFocusReason);
        *error = problem;
        return std::nullopt;
    }
    showFieldError(m_datasetError, {});
    const std::optional<TokenCounter> counter
        = WorkloadBuilder::tokenCounter(m_tokenizer->currentData().toString());
    const Dataset sample = WorkloadBuilder::sample(*data, count, workloadSeed());
    return WorkloadBuilder::datasetRequests(sample, defaults, counter.value_or(TokenCounter()));
}

void RunConfigWidget::updatePreview()
{
    m_previewTimer->stop();
    const Source from = source();
    if (from != Source::Synthetic && from != Source::Dataset) {
        m_preview->setSeries({});
        m_previewNote->clear();
        m_previewNote->hide();
        return;
    }
    const int count = promptCount();
    const int shown = std::min(count, PreviewMaxPrompts);
    const std::optional<TokenCounter> counter
        = WorkloadBuilder::tokenCounter(m_tokenizer->currentData().toString());
    QList<int> lengths;
    QStringList notes;
    QString empty;
    if (from == Source::Synthetic) {
        const std::optional<LengthDistribution> input = LengthDistribution::parse(m_inputTokens->text());
        if (!input) {
            empty = m_inputTokens->text().trimmed().isEmpty()
                ? tr("Enter an input length to see the prompts' lengths here.")
                : tr("Correct the input length to see the prompts' lengths here.");
        } else {
            // The lengths the generator will draw, without making a single text.
            lengths = WorkloadBuilder::syntheticLengths(*input, shown, workloadSeed());
            notes.append(input->description());
        }
    } else {
        const QString path = m_datasetFile->text().trimmed();
        const QFileInfo info(path);
        if (path.isEmpty()) {
            showFieldError(m_datasetError, {});
            empty = tr("Choose a dataset file to see its prompts' lengths here.");
        } else if (info.isFile() && info.size() > PreviewMaxDatasetBytes) {
            // Reading and counting a large file would freeze the window after every change.
            showFieldError(m_datasetError, {});
            empty = tr("This dataset is large: its prompts are read and counted when the run starts.");
        } else {
            QString problem;
            const Dataset *data = datasetInRange(&problem);
            showFieldError(m_datasetError, problem);
            if (!data) {
                empty = tr("Nothing to preview: see the message above.");
            } else {
                const Dataset sample = WorkloadBuilder::sample(*data, shown, workloadSeed());
                lengths = WorkloadBuilder::datasetInputLengths(sample, counter.value_or(TokenCounter()));
                notes.append(data->summary().text());
            }
        }
    }
    if (!lengths.isEmpty()) {
        if (counter && !counter->isExact())
            notes.append(tr("Lengths are estimates: %1").arg(counter->unavailableReason()));
        if (shown < count)
            notes.prepend(tr("Lengths of the first %1 of %n prompt(s)", "", count).arg(shown));
    }
    if (lengths.isEmpty()) {
        m_preview->setEmptyText(empty);
        m_preview->setSeries({});
    } else {
        SeriesData series;
        series.name = tr("%n prompt(s)", "", int(lengths.size()));
        series.color = Palette::series(0);
        series.values.reserve(lengths.size());
        for (int length : std::as_const(lengths))
            series.values.append(length);
        m_preview->setSeries({ series });
    }
    m_previewNote->setText(notes.join(u'\n'));
    m_previewNote->setVisible(!notes.isEmpty());
}

std::optional<LoadConfig> RunConfigWidget::config(const EndpointProfile &endpoint, QString *error) const
{
    if (m_requests->value() < 1 || !m_requests->hasAcceptableInput()) {
        if (error)
            *error = tr("Set the number of requests to 1 or more.");
        m_requests->setFocus(Qt::OtherFocusReason);
        return std::nullopt;
    }
    GenerationRequest defaults;
    defaults.maxTokens = m_maxTokens->value();
    defaults.stream = true;
    const auto fail = [error](const QString &problem) {
        if (error)
            *error = problem;
        return std::optional<LoadConfig>();
    };

    // The output lengths first: a typo there should not wait for a thousand prompts to be made.
    std::optional<LengthDistribution> output;
    const QString outputSpec = m_outputTokens->text().trimmed();
    if (!outputSpec.isEmpty()) {
        QString problem;
        output = LengthDistribution::parse(outputSpec, &problem);
        if (!output) {
            showFieldError(m_outputError, problem);
            m_outputTokens->setFocus(Qt::OtherFocusReason);
            return fail(tr("Output tokens: %1").arg(problem));
        }
    }
    showFieldError(m_outputError, {});

    const Source from = source();
    const int count = promptCount();
    QString problem;
    std::optional<QList<GenerationRequest>> prompts;
    if (from == Source::Synthetic || from == Source::Dataset)
        showPromptError({}); // their errors go under their own fields
    switch (from) {
    case Source::Synthetic:
        prompts = syntheticPrompts(defaults, count, &problem);
        if (!prompts)
            return fail(problem);
        break;
    case Source::Dataset:
        prompts = datasetPrompts(defaults, count, &problem);
        if (!prompts)
            return fail(problem);
        break;
    case Source::File: {
        const QString path = m_fileEdit->text().trimmed();
        if (path.isEmpty())
            problem = tr("Choose a prompt file.");
        else
            prompts = PromptSet::fromFile(path, defaults, &problem);
        break;
    }
    case Source::Inline:
        prompts = PromptSet::fromText(m_promptEdit->toPlainText(), defaults, &problem);
        if (!prompts && problem.isEmpty())
            problem = tr("Enter a prompt.");
        break;
    }
    if (!prompts || prompts->isEmpty()) {
        if (problem.isEmpty())
            problem = tr("The prompt set is empty.");
        showPromptError(problem);
        return fail(problem);
    }
    showPromptError({});

    if (output) {
        if ((from == Source::Inline || from == Source::File) && prompts->size() < count) {
            // One length per request, not per typed prompt: the prompts in turn, as the
            // runner would send them, each with its own length.
            const qsizetype n = std::min(count, SyntheticPromptGenerator::MaxPrompts);
            QList<GenerationRequest> each;
            each.reserve(n);
            for (qsizetype i = 0; i < n; ++i)
                each.append(prompts->at(i % prompts->size()));
            prompts = std::move(each);
        }
        WorkloadBuilder::applyOutputLengths(*prompts, *output, workloadSeed());
    }
    if (m_ignoreEos->isChecked())
        WorkloadBuilder::forceOutputLength(*prompts);

    LoadConfig c;
    c.endpoint = endpoint;
    c.prompts = withSystem(*std::move(prompts));
    c.requests = m_requests->value();
    c.warmup = m_warmup->value();
    if (Mode(m_mode->currentData().toInt()) == Mode::Rate) {
        c.rate = m_rate->value();
        c.poisson = m_poisson->isChecked();
        c.seed = quint64(m_seed->value());
        c.concurrency = m_concurrency->value();
    } else {
        c.rate = 0;
        c.concurrency = std::max(1, m_concurrency->value());
        c.turns = m_turns->value();
        c.thinkTimeMs = c.turns > 1 ? m_thinkTime->value() * 1000.0 : 0.0;
    }
    c.options.connectTimeoutMs = toMs(m_connectTimeout);
    c.options.firstTokenTimeoutMs = toMs(m_firstTokenTimeout);
    c.options.stallTimeoutMs = toMs(m_stallTimeout);
    c.options.totalTimeoutMs = toMs(m_totalTimeout);
    c.options.reuseConnections = m_reuse->isChecked();
    return c;
}

void RunConfigWidget::loadSettings()
{
    m_loading = true;
    QSettings settings;
    settings.beginGroup(QStringLiteral("runs"));
    // "promptFromFile" came first; "promptSource" names the four sources.
    Source from
        = settings.value(QStringLiteral("promptFromFile"), false).toBool() ? Source::File : Source::Inline;
    if (const auto named = sourceFromName(settings.value(QStringLiteral("promptSource")).toString()))
        from = *named;
    switch (from) {
    case Source::Inline:
        m_inlineRadio->setChecked(true);
        break;
    case Source::File:
        m_fileRadio->setChecked(true);
        break;
    case Source::Synthetic:
        m_syntheticRadio->setChecked(true);
        break;
    case Source::Dataset:
        m_datasetRadio->setChecked(true);
        break;
    }
    if (settings.contains(QStringLiteral("prompt")))
        m_promptEdit->setPlainText(settings.value(QStringLiteral("prompt")).toString());
    m_fileEdit->setText(settings.value(QStringLiteral("promptFile")).toString());
    m_inputTokens->setText(settings.value(QStringLiteral("inputTokens"), m_inputTokens->text()).toString());
    selectData(m_tokenizer, settings.value(QStringLiteral("tokenizer"), m_tokenizer->currentData()));
    selectData(m_language, settings.value(QStringLiteral("language"), m_language->currentData()));
    m_prefixTokens->setValue(settings.value(QStringLiteral("prefixTokens"), m_prefixTokens->value()).toInt());
    m_prefixShare->setValue(
        settings.value(QStringLiteral("prefixSharePercent"), m_prefixShare->value()).toInt());
    m_prefixCount->setValue(settings.value(QStringLiteral("prefixCount"), m_prefixCount->value()).toInt());
    m_datasetFile->setText(settings.value(QStringLiteral("datasetFile")).toString());
    selectData(m_datasetFormat,
               settings.value(QStringLiteral("datasetFormat"), m_datasetFormat->currentData()));
    m_datasetInputMin->setValue(settings.value(QStringLiteral("datasetInputMin"), 0).toInt());
    m_datasetInputMax->setValue(settings.value(QStringLiteral("datasetInputMax"), 0).toInt());
    m_datasetOutputMin->setValue(settings.value(QStringLiteral("datasetOutputMin"), 0).toInt());
    m_datasetOutputMax->setValue(settings.value(QStringLiteral("datasetOutputMax"), 0).toInt());
    m_systemEdit->setPlainText(settings.value(QStringLiteral("system")).toString());
    m_outputTokens->setText(settings.value(QStringLiteral("outputTokens")).toString());
    m_ignoreEos->setChecked(settings.value(QStringLiteral("ignoreEos"), false).toBool());
    m_turns->setValue(settings.value(QStringLiteral("turns"), m_turns->value()).toInt());
    m_thinkTime->setValue(settings.value(QStringLiteral("thinkTimeS"), m_thinkTime->value()).toDouble());
    m_workloadSeed->setValue(settings.value(QStringLiteral("workloadSeed"), m_workloadSeed->value()).toInt());
    m_requests->setValue(settings.value(QStringLiteral("requests"), m_requests->value()).toInt());
    const int mode = m_mode->findData(settings.value(QStringLiteral("mode"), int(Mode::ClosedLoop)).toInt());
    m_mode->setCurrentIndex(std::max(0, mode));
    updateEnabled(); // the concurrency range depends on the mode
    m_rate->setValue(settings.value(QStringLiteral("rate"), m_rate->value()).toDouble());
    m_poisson->setChecked(settings.value(QStringLiteral("poisson"), false).toBool());
    m_seed->setValue(settings.value(QStringLiteral("seed"), m_seed->value()).toInt());
    m_concurrency->setValue(settings.value(QStringLiteral("concurrency"), m_concurrency->value()).toInt());
    m_warmup->setValue(settings.value(QStringLiteral("warmup"), m_warmup->value()).toInt());
    m_maxTokens->setValue(settings.value(QStringLiteral("maxTokens"), m_maxTokens->value()).toInt());
    m_connectTimeout->setValue(
        settings.value(QStringLiteral("connectTimeoutS"), m_connectTimeout->value()).toDouble());
    m_firstTokenTimeout->setValue(
        settings.value(QStringLiteral("firstTokenTimeoutS"), m_firstTokenTimeout->value()).toDouble());
    m_stallTimeout->setValue(
        settings.value(QStringLiteral("stallTimeoutS"), m_stallTimeout->value()).toDouble());
    m_totalTimeout->setValue(
        settings.value(QStringLiteral("totalTimeoutS"), m_totalTimeout->value()).toDouble());
    m_reuse->setChecked(settings.value(QStringLiteral("reuseConnections"), m_reuse->isChecked()).toBool());
    settings.endGroup();
    m_loading = false;
    updateEnabled();
}

void RunConfigWidget::saveSettings() const
{
    QSettings settings;
    settings.beginGroup(QStringLiteral("runs"));
    const Source from = source();
    settings.setValue(QStringLiteral("promptSource"), sourceName(from));
    settings.setValue(QStringLiteral("promptFromFile"), from == Source::File);
    settings.setValue(QStringLiteral("prompt"), m_promptEdit->toPlainText());
    settings.setValue(QStringLiteral("promptFile"), m_fileEdit->text());
    settings.setValue(QStringLiteral("inputTokens"), m_inputTokens->text());
    settings.setValue(QStringLiteral("tokenizer"), m_tokenizer->currentData());
    settings.setValue(QStringLiteral("language"), m_language->currentData());
    settings.setValue(QStringLiteral("prefixTokens"), m_prefixTokens->value());
    settings.setValue(QStringLiteral("prefixSharePercent"), m_prefixShare->value());
    settings.setValue(QStringLiteral("prefixCount"), m_prefixCount->value());
    settings.setValue(QStringLiteral("datasetFile"), m_datasetFile->text());
    settings.setValue(QStringLiteral("datasetFormat"), m_datasetFormat->currentData());
    settings.setValue(QStringLiteral("datasetInputMin"), m_datasetInputMin->value());
    settings.setValue(QStringLiteral("datasetInputMax"), m_datasetInputMax->value());
    settings.setValue(QStringLiteral("datasetOutputMin"), m_datasetOutputMin->value());
    settings.setValue(QStringLiteral("datasetOutputMax"), m_datasetOutputMax->value());
    settings.setValue(QStringLiteral("system"), m_systemEdit->toPlainText());
    settings.setValue(QStringLiteral("outputTokens"), m_outputTokens->text());
    settings.setValue(QStringLiteral("ignoreEos"), m_ignoreEos->isChecked());
    settings.setValue(QStringLiteral("turns"), m_turns->value());
    settings.setValue(QStringLiteral("thinkTimeS"), m_thinkTime->value());
    settings.setValue(QStringLiteral("workloadSeed"), m_workloadSeed->value());
    settings.setValue(QStringLiteral("requests"), m_requests->value());
    settings.setValue(QStringLiteral("mode"), m_mode->currentData().toInt());
    settings.setValue(QStringLiteral("rate"), m_rate->value());
    settings.setValue(QStringLiteral("poisson"), m_poisson->isChecked());
    settings.setValue(QStringLiteral("seed"), m_seed->value());
    settings.setValue(QStringLiteral("concurrency"), m_concurrency->value());
    settings.setValue(QStringLiteral("warmup"), m_warmup->value());
    settings.setValue(QStringLiteral("maxTokens"), m_maxTokens->value());
    settings.setValue(QStringLiteral("connectTimeoutS"), m_connectTimeout->value());
    settings.setValue(QStringLiteral("firstTokenTimeoutS"), m_firstTokenTimeout->value());
    settings.setValue(QStringLiteral("stallTimeoutS"), m_stallTimeout->value());
    settings.setValue(QStringLiteral("totalTimeoutS"), m_totalTimeout->value());
    settings.setValue(QStringLiteral("reuseConnections"), m_reuse->isChecked());
    settings.endGroup();
}
