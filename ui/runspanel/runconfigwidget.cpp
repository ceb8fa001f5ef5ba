#include "runconfigwidget.h"

#include "load/promptset.h"

#include <QButtonGroup>
#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFileDialog>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QSettings>
#include <QSpinBox>
#include <QVBoxLayout>

#include <cmath>

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

} // namespace

RunConfigWidget::RunConfigWidget(QWidget *parent)
    : QWidget(parent)
{
    const RequestOptions defaults;

    // Prompts
    auto *promptBox = new QGroupBox(tr("Prompts"), this);
    m_inlineRadio = new QRadioButton(tr("Inline"), promptBox);
    m_inlineRadio->setObjectName(QStringLiteral("promptInline"));
    m_fileRadio = new QRadioButton(tr("File"), promptBox);
    m_fileRadio->setObjectName(QStringLiteral("promptFromFile"));
    m_inlineRadio->setChecked(true);
    auto *sourceGroup = new QButtonGroup(this);
    sourceGroup->addButton(m_inlineRadio);
    sourceGroup->addButton(m_fileRadio);

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

    auto *sourceRow = new QHBoxLayout;
    sourceRow->addWidget(m_inlineRadio);
    sourceRow->addWidget(m_fileRadio);
    sourceRow->addStretch(1);
    auto *promptLayout = new QVBoxLayout(promptBox);
    promptLayout->addLayout(sourceRow);
    promptLayout->addWidget(m_promptEdit);
    promptLayout->addWidget(m_fileRow);
    promptLayout->addWidget(m_promptError);
    promptLayout->addWidget(new QLabel(tr("System message:"), promptBox));
    promptLayout->addWidget(m_systemEdit);

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

    connect(browseButton, &QPushButton::clicked, this, &RunConfigWidget::browse);
    const auto onChange = [this] {
        updateEnabled();
        if (!m_loading) {
            saveSettings();
            Q_EMIT changed();
        }
    };
    connect(m_inlineRadio, &QRadioButton::toggled, this, onChange);
    connect(m_promptEdit, &QPlainTextEdit::textChanged, this, onChange);
    connect(m_fileEdit, &QLineEdit::textChanged, this, [this, onChange] {
        showPromptError({});
        onChange();
    });
    connect(m_systemEdit, &QPlainTextEdit::textChanged, this, onChange);
    for (QSpinBox *box : { m_requests, m_seed, m_concurrency, m_warmup, m_maxTokens })
        connect(box, &QSpinBox::valueChanged, this, onChange);
    for (QDoubleSpinBox *box :
         { m_rate, m_connectTimeout, m_firstTokenTimeout, m_stallTimeout, m_totalTimeout })
        connect(box, &QDoubleSpinBox::valueChanged, this, onChange);
    connect(m_mode, &QComboBox::currentIndexChanged, this, onChange);
    connect(m_poisson, &QCheckBox::toggled, this, onChange);
    connect(m_reuse, &QCheckBox::toggled, this, onChange);
}

RunConfigWidget::~RunConfigWidget() = default;

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

void RunConfigWidget::updateEnabled()
{
    const bool fromFile = m_fileRadio->isChecked();
    m_promptEdit->setVisible(!fromFile);
    m_fileRow->setVisible(fromFile);
    const bool rate = Mode(m_mode->currentData().toInt()) == Mode::Rate;
    m_rate->setEnabled(rate);
    m_poisson->setEnabled(rate);
    m_seed->setEnabled(rate && m_poisson->isChecked());
    // With a rate, concurrency caps requests in flight; 0 means no cap.
    m_concurrency->setMinimum(rate ? 0 : 1);
    m_concurrency->setSpecialValueText(rate ? tr("no cap") : QString());
    m_concurrencyLabel->setText(rate ? tr("Max in flight:") : tr("Concurrency:"));
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

    QString problem;
    std::optional<QList<GenerationRequest>> prompts;
    if (m_fileRadio->isChecked()) {
        const QString path = m_fileEdit->text().trimmed();
        if (path.isEmpty())
            problem = tr("Choose a prompt file.");
        else
            prompts = PromptSet::fromFile(path, defaults, &problem);
    } else {
        prompts = PromptSet::fromText(m_promptEdit->toPlainText(), defaults, &problem);
        if (!prompts && problem.isEmpty())
            problem = tr("Enter a prompt.");
    }
    if (!prompts || prompts->isEmpty()) {
        if (problem.isEmpty())
            problem = tr("The prompt set is empty.");
        showPromptError(problem);
        if (error)
            *error = problem;
        return std::nullopt;
    }
    showPromptError({});

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
    const bool fromFile = settings.value(QStringLiteral("promptFromFile"), false).toBool();
    (fromFile ? m_fileRadio : m_inlineRadio)->setChecked(true);
    if (settings.contains(QStringLiteral("prompt")))
        m_promptEdit->setPlainText(settings.value(QStringLiteral("prompt")).toString());
    m_fileEdit->setText(settings.value(QStringLiteral("promptFile")).toString());
    m_systemEdit->setPlainText(settings.value(QStringLiteral("system")).toString());
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
    settings.setValue(QStringLiteral("promptFromFile"), m_fileRadio->isChecked());
    settings.setValue(QStringLiteral("prompt"), m_promptEdit->toPlainText());
    settings.setValue(QStringLiteral("promptFile"), m_fileEdit->text());
    settings.setValue(QStringLiteral("system"), m_systemEdit->toPlainText());
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
