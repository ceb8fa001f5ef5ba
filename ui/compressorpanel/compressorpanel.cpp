#include "compressorpanel.h"

#include "models/ruletablemodel.h"

#include "charts/barchart.h"
#include "charts/palette.h"
#include "charts/timeserieschart.h"

#include "endpoint/embeddedendpointservice.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFileDialog>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QSpinBox>
#include <QSplitter>
#include <QTabWidget>
#include <QTableView>
#include <QTableWidget>
#include <QTextBlock>
#include <QTimer>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>

namespace {

constexpr int MaxHighlights = 2000; // more extra selections than this make typing sluggish
constexpr int NoTruncation = -1;

QTextEdit::ExtraSelection selection(QPlainTextEdit *edit, qsizetype start, qsizetype length,
                                    const QColor &color)
{
    QTextEdit::ExtraSelection s;
    s.cursor = QTextCursor(edit->document());
    s.cursor.setPosition(int(start));
    s.cursor.setPosition(int(start + length), QTextCursor::KeepAnchor);
    s.format.setBackground(color);
    return s;
}

} // namespace

CompressorPanel::CompressorPanel(QWidget *parent)
    : QWidget(parent)
    , m_rules(new RuleTableModel(this))
    , m_debounce(new QTimer(this))
{
    // Typing recompresses after a short pause: one pass per burst of keys, not per key.
    m_debounce->setSingleShot(true);
    m_debounce->setInterval(120);
    connect(m_debounce, &QTimer::timeout, this, &CompressorPanel::recompute);

    auto *split = new QSplitter(Qt::Horizontal, this);
    split->addWidget(createRules());
    auto *right = new QSplitter(Qt::Vertical, split);
    right->addWidget(createTexts());
    right->addWidget(createMeasure());
    right->setStretchFactor(0, 1);
    right->setStretchFactor(1, 1);
    split->addWidget(right);
    split->setStretchFactor(0, 2);
    split->setStretchFactor(1, 3);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(split);

    connect(m_rules, &RuleTableModel::rulesEdited, this, &CompressorPanel::scheduleRecompute);
    loadPreset(PromptCompressor::Preset::Chinese);
    // A sample prompt (data, not interface text): the typical rules at work in both languages.
    setInputText(QStringLiteral("请你首先,仔细阅读下面的材料,然后帮我总结一下它的主要观点。谢谢！\n"
                                "Could you please summarize the key points in order to help me? Thank you!"));
    recompute();
    updateButtons();
}

CompressorPanel::~CompressorPanel()
{
    if (m_ab)
        m_ab->cancel();
}

QWidget *CompressorPanel::createRules()
{
    auto *box = new QGroupBox(tr("Rules (run top to bottom; drag to reorder)"), this);
    m_ruleView = new QTableView(box);
    m_ruleView->setObjectName(QStringLiteral("ruleView"));
    m_ruleView->setModel(m_rules);
    m_ruleView->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_ruleView->setSelectionMode(QAbstractItemView::SingleSelection);
    m_ruleView->setDragDropMode(QAbstractItemView::InternalMove);
    m_ruleView->setDragEnabled(true);
    m_ruleView->setAcceptDrops(true);
    m_ruleView->setDropIndicatorShown(true);
    m_ruleView->setDefaultDropAction(Qt::MoveAction);
    m_ruleView->verticalHeader()->setVisible(false);
    m_ruleView->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_ruleView->horizontalHeader()->setSectionResizeMode(RuleTableModel::Pattern, QHeaderView::Stretch);
    // One line per rule: a long pattern is elided in the middle (the editor shows it whole).
    m_ruleView->setWordWrap(false);
    m_ruleView->setTextElideMode(Qt::ElideMiddle);
    m_ruleView->setProperty("auditElidedColumns", QVariantList { int(RuleTableModel::Pattern) });

    auto *add = new QPushButton(tr("Add"), box);
    auto *remove = new QPushButton(tr("Remove"), box);
    auto *up = new QPushButton(tr("Up"), box);
    auto *down = new QPushButton(tr("Down"), box);
    auto *presets = new QComboBox(box);
    presets->addItem(tr("Preset…"));
    presets->addItem(tr("Chinese (zh)"), int(PromptCompressor::Preset::Chinese));
    presets->addItem(tr("English (en)"), int(PromptCompressor::Preset::English));
    presets->addItem(tr("Typical rules"), int(PromptCompressor::Preset::Reference));
    auto *import = new QPushButton(tr("Import…"), box);
    auto *exportButton = new QPushButton(tr("Export…"), box);

    connect(add, &QPushButton::clicked, this, [this] {
        m_rules->addRule({ tr("new rule"), tr("text to find"), QString(), false, true, false });
        m_ruleView->selectRow(m_rules->rowCount() - 1);
        m_ruleView->edit(m_rules->index(m_rules->rowCount() - 1, RuleTableModel::Pattern));
    });
    connect(remove, &QPushButton::clicked, this, [this] {
        const QModelIndex current = m_ruleView->currentIndex();
        if (current.isValid())
            m_rules->removeRows(current.row(), 1);
    });
    const auto move = [this](int delta) {
        const QModelIndex current = m_ruleView->currentIndex();
        if (!current.isValid())
            return;
        const int row = current.row();
        const int target = row + delta;
        if (target < 0 || target >= m_rules->rowCount())
            return;
        m_rules->moveRows({}, row, 1, {}, delta > 0 ? target + 1 : target);
        m_ruleView->selectRow(target);
    };
    connect(up, &QPushButton::clicked, this, [move] { move(-1); });
    connect(down, &QPushButton::clicked, this, [move] { move(+1); });
    connect(presets, &QComboBox::activated, this, [this, presets](int index) {
        if (index > 0)
            loadPreset(PromptCompressor::Preset(presets->itemData(index).toInt()));
        presets->setCurrentIndex(0);
    });
    connect(import, &QPushButton::clicked, this, [this] {
        const QString path
            = QFileDialog::getOpenFileName(this, tr("Import rules"), QString(), tr("Rule sets (*.json)"));
        QString error;
        if (!path.isEmpty() && !importRules(path, &error))
            QMessageBox::warning(this, tr("Import rules"), error);
    });
    connect(exportButton, &QPushButton::clicked, this, [this] {
        const QString path = QFileDialog::getSaveFileName(
            this, tr("Export rules"), QStringLiteral("rules.json"), tr("Rule sets (*.json)"));
        QString error;
        if (!path.isEmpty() && !exportRules(path, &error))
            QMessageBox::warning(this, tr("Export rules"), error);
    });

    m_whitespace = new QCheckBox(tr("Normalise whitespace"), box);
    m_repeatedLines = new QCheckBox(tr("Remove repeated lines"), box);
    m_repeatedSentences = new QCheckBox(tr("Remove repeated sentences"), box);
    for (QCheckBox *c : { m_whitespace, m_repeatedLines, m_repeatedSentences })
        connect(c, &QCheckBox::toggled, this, &CompressorPanel::scheduleRecompute);

    // Two rows: editing the list, and whole rule sets. One row would make the panel wider
    // than a 1280-pixel screen leaves it.
    auto *buttons = new QHBoxLayout;
    for (QWidget *w : std::initializer_list<QWidget *> { add, remove, up, down })
        buttons->addWidget(w);
    buttons->addStretch();
    auto *sets = new QHBoxLayout;
    for (QWidget *w : std::initializer_list<QWidget *> { presets, import, exportButton })
        sets->addWidget(w);
    sets->addStretch();
    auto *layout = new QVBoxLayout(box);
    layout->addLayout(buttons);
    layout->addLayout(sets);
    layout->addWidget(m_ruleView, 1);
    layout->addWidget(m_whitespace);
    layout->addWidget(m_repeatedLines);
    layout->addWidget(m_repeatedSentences);
    return box;
}

QWidget *CompressorPanel::createTexts()
{
    auto *box = new QWidget(this);
    m_input = new QPlainTextEdit(box);
    m_input->setObjectName(QStringLiteral("input"));
    m_input->setPlaceholderText(tr("Paste a prompt here"));
    m_output = new QPlainTextEdit(box);
    m_output->setObjectName(QStringLiteral("output"));
    m_output->setReadOnly(true);
    connect(m_input, &QPlainTextEdit::textChanged, this, &CompressorPanel::scheduleRecompute);

    m_encoding = new QComboBox(box);
    for (BpeEncodingId id : BpeEncodings::all())
        m_encoding->addItem(BpeEncodings::name(id), int(id));
    m_strategy = new QComboBox(box);
    m_strategy->addItem(tr("No truncation"), NoTruncation);
    for (TruncationStrategy s : TruncationStrategies::all())
        m_strategy->addItem(TruncationStrategies::label(s), int(s));
    m_budget = new QSpinBox(box);
    m_budget->setRange(0, 10'000'000);
    m_budget->setValue(1000);
    m_budget->setSuffix(tr(" tokens"));
    connect(m_encoding, &QComboBox::currentIndexChanged, this, &CompressorPanel::scheduleRecompute);
    connect(m_strategy, &QComboBox::currentIndexChanged, this, &CompressorPanel::scheduleRecompute);
    connect(m_budget, &QSpinBox::valueChanged, this, &CompressorPanel::scheduleRecompute);

    m_figures = new QLabel(box);
    m_figures->setWordWrap(true);
    m_figures->setObjectName(QStringLiteral("figures"));
    m_figures->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_figures->setWordWrap(true);

    auto *texts = new QSplitter(Qt::Horizontal, box);
    auto *inputBox = new QGroupBox(tr("Input (removed and changed text highlighted)"), texts);
    (new QVBoxLayout(inputBox))->addWidget(m_input);
    auto *outputBox = new QGroupBox(tr("Compressed (replacements highlighted)"), texts);
    (new QVBoxLayout(outputBox))->addWidget(m_output);
    texts->addWidget(inputBox);
    texts->addWidget(outputBox);

    auto *controls = new QHBoxLayout;
    controls->addWidget(new QLabel(tr("Tokens:"), box));
    controls->addWidget(m_encoding);
    controls->addSpacing(12);
    controls->addWidget(new QLabel(tr("Truncate:"), box));
    controls->addWidget(m_strategy);
    controls->addWidget(m_budget);
    controls->addStretch();
    auto *layout = new QVBoxLayout(box);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(texts, 1);
    layout->addLayout(controls);
    layout->addWidget(m_figures);
    return box;
}

QWidget *CompressorPanel::createMeasure()
{
    auto *box = new QGroupBox(tr("Measure on endpoint"), this);
    m_repetitions = new QSpinBox(box);
    m_repetitions->setRange(1, 1000);
    m_repetitions->setValue(5);
    m_repetitions->setSuffix(tr(" × each"));
    m_measure = new QPushButton(tr("Measure on endpoint"), box);
    m_measure->setToolTip(tr("Runs the A/B on every endpoint checked in the sidebar, one after another"));
    m_cancel = new QPushButton(tr("Cancel"), box);
    m_sweepButton = new QPushButton(tr("Sweep ratios"), box);
    m_sweepButton->setToolTip(tr("Truncate the input to 20–80% of its tokens and measure each"));
    connect(m_sweepButton, &QPushButton::clicked, this, &CompressorPanel::startSweep);
    m_progress = new QProgressBar(box);
    m_measureSummary
        = new QLabel(tr("Sends the original and the compressed prompt, alternately, and compares "
                        "prompt tokens, TTFT, end-to-end latency, cost and answer similarity."),
                     box);
    m_measureSummary->setObjectName(QStringLiteral("measureSummary"));
    m_measureSummary->setWordWrap(true);
    m_measureSummary->setTextInteractionFlags(Qt::TextSelectableByMouse);
    connect(m_measure, &QPushButton::clicked, this, &CompressorPanel::startMeasurement);
    connect(m_cancel, &QPushButton::clicked, this, &CompressorPanel::cancelMeasurement);

    // The figures as a table: one group of rows per endpoint, original beside compressed.
    m_measureTable = new QTableWidget(0, 5, box);
    m_measureTable->setObjectName(QStringLiteral("measureTable"));
    m_measureTable->setHorizontalHeaderLabels(
        { tr("Endpoint"), tr("Figure"), tr("Original"), tr("Compressed"), tr("Change") });
    m_measureTable->verticalHeader()->setVisible(false);
    m_measureTable->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_measureTable->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_measureTable->setTextElideMode(Qt::ElideMiddle);
    m_measureTable->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_measureTable->horizontalHeader()->setSectionResizeMode(0, QHeaderView::Stretch);

    m_tokensChart = new BarChart(box);

    m_tokensChart->setEmptyText(tr("Click “Measure on endpoint” to compare the original and compressed prompts."));
    m_tokensChart->setTitle(tr("Prompt tokens"));
    m_tokensChart->setValueLabelsVisible(true, 4);
    // TTFT (tens of ms) and end-to-end latency (seconds) on one linear axis would flatten
    // the first to nothing: each gets its own chart.
    m_latencyChart = new BarChart(box);
    m_latencyChart->setEmptyText(tr("Click “Measure on endpoint” to compare the original and compressed prompts."));
    m_latencyChart->setTitle(tr("Prefill and TTFT (ms, mean)"));
    m_latencyChart->setAxisTitles(QString(), tr("ms"));
    m_e2eChart = new BarChart(box);
    m_e2eChart->setEmptyText(tr("Click “Measure on endpoint” to compare the original and compressed prompts."));
    m_e2eChart->setTitle(tr("End-to-end latency (ms, mean)"));
    m_e2eChart->setAxisTitles(QString(), tr("ms"));
    m_sweepChart = new TimeSeriesChart(box);
    m_sweepChart->setEmptyText(tr("Click “Sweep ratios” to see latency against the share of the prompt kept."));
    m_sweepChart->setTitle(tr("Sweep (% of the full prompt)"));
    m_sweepChart->setAxisTitles(tr("tokens kept (%)"), tr("%"));
    // One view at a time at the full width: three charts side by side cut their labels.
    m_chartTabs = new QTabWidget(box);
    m_chartTabs->setObjectName(QStringLiteral("chartTabs"));
    m_chartTabs->addTab(m_measureTable, tr("Figures"));
    m_chartTabs->addTab(m_tokensChart, tr("Tokens"));
    m_chartTabs->addTab(m_latencyChart, tr("TTFT"));
    m_chartTabs->addTab(m_e2eChart, tr("End to end"));
    m_chartTabs->addTab(m_sweepChart, tr("Sweep"));
    for (ChartView *chart :
         std::initializer_list<ChartView *> { m_tokensChart, m_latencyChart, m_e2eChart, m_sweepChart })
        chart->setMinimumHeight(240);

    auto *row = new QHBoxLayout;
    row->addWidget(m_repetitions);
    row->addWidget(m_measure);
    row->addWidget(m_cancel);
    row->addWidget(m_sweepButton);
    row->addWidget(m_progress, 1);
    auto *layout = new QVBoxLayout(box);
    layout->addLayout(row);
    layout->addWidget(m_measureSummary);
    layout->addWidget(m_chartTabs, 1);
    return box;
}

void CompressorPanel::setEndpoints(const QList<EndpointProfile> &endpoints)
{
    m_endpoints = endpoints;
}

void CompressorPanel::setInputText(const QString &text)
{
    m_input->setPlainText(text);
    recompute();
}

QString CompressorPanel::inputText() const
{
    return m_input->toPlainText();
}

QString CompressorPanel::outputText() const
{
    return m_output->toPlainText();
}

PromptCompressor CompressorPanel::compressor() const
{
    PromptCompressor c;
    c.setRules(m_rules->rules());
    c.setNormalizeWhitespace(m_whitespace->isChecked());
    c.setRemoveRepeatedLines(m_repeatedLines->isChecked());
    c.setRemoveRepeatedSentences(m_repeatedSentences->isChecked());
    return c;
}

void CompressorPanel::loadPreset(PromptCompressor::Preset preset)
{
    const PromptCompressor c = PromptCompressor::preset(preset);
    m_whitespace->setChecked(c.normalizeWhitespace());
    m_repeatedLines->setChecked(c.removeRepeatedLines());
    m_repeatedSentences->setChecked(c.removeRepeatedSentences());
    m_rules->setRules(c.rules());
}

bool CompressorPanel::importRules(const QString &path, QString *error)
{
    const auto loaded = PromptCompressor::load(path, error);
    if (!loaded)
        return false;
    m_whitespace->setChecked(loaded->normalizeWhitespace());
    m_repeatedLines->setChecked(loaded->removeRepeatedLines());
    m_repeatedSentences->setChecked(loaded->removeRepeatedSentences());
    m_rules->setRules(loaded->rules());
    recompute();
    return true;
}

bool CompressorPanel::exportRules(const QString &path, QString *error) const
{
    return compressor().save(path, error);
}

void CompressorPanel::setTruncation(std::optional<TruncationStrategy> strategy, int budget)
{
    m_budget->setValue(budget);
    const int wanted = strategy ? int(*strategy) : NoTruncation;
    m_strategy->setCurrentIndex(std::max(0, m_strategy->findData(wanted)));
    recompute();
}

void CompressorPanel::setRepetitions(int n)
{
    m_repetitions->setValue(n);
}

TokenCounter CompressorPanel::counter() const
{
    return TokenCounter::forEncoding(BpeEncodingId(m_encoding->currentData().toInt()));
}

void CompressorPanel::scheduleRecompute()
{
    m_debounce->start();
}

void CompressorPanel::recompute()
{
    m_debounce->stop();
    const QString input = m_input->toPlainText();
    m_result = compressor().compress(input);
    m_rules->setFires(m_result.fires);
    const TokenCounter tokens = counter();
    QString output = m_result.text;
    m_truncation = {};
    const int strategy = m_strategy->currentData().toInt();
    if (strategy != NoTruncation) {
        m_truncation = Truncator::truncate(output, m_budget->value(), TruncationStrategy(strategy), tokens);
        output = m_truncation.text;
    }
    m_output->setPlainText(output);
    m_inputTokens = tokens.count(input);
    m_outputTokens = tokens.count(output);
    const double tokenReduction = m_inputTokens.tokens == 0
        ? 0.0
        : (1.0 - double(m_outputTokens.tokens) / double(m_inputTokens.tokens)) * 100.0;
    const double charReduction
        = input.isEmpty() ? 0.0 : (1.0 - double(output.size()) / double(input.size())) * 100.0;
    QString figures = tr("Characters: %1 → %2 (−%3%).  Tokens: %4 → %5 (−%6%).")
                          .arg(input.size())
                          .arg(output.size())
                          .arg(charReduction, 0, 'f', 1)
                          .arg(m_inputTokens.label(), m_outputTokens.label())
                          .arg(tokenReduction, 0, 'f', 1);
    // The typical rule of thumb (two characters a token) beside the exact count: how far off it is.
    figures += u'\n'
        + tr("Typical guess at %1 characters a token: %2 → %3 tokens.")
              .arg(PromptCompressor::TypicalCharsPerToken)
              .arg(PromptCompressor::typicalTokenGuess(input.size()))
              .arg(PromptCompressor::typicalTokenGuess(output.size()));
    if (m_truncation.truncated)
        figures += u' ' + tr("Truncated to fit %n token(s).", nullptr, m_budget->value());
    if (!m_inputTokens.note.isEmpty())
        figures += u'\n' + m_inputTokens.note;
    int broken = 0;
    for (const QString &e : std::as_const(m_result.ruleErrors))
        broken += e.isEmpty() ? 0 : 1;
    if (broken > 0)
        figures += u'\n' + tr("%n rule(s) skipped: invalid pattern (see the red cells).", nullptr, broken);
    m_figures->setText(figures);
    highlight();
}

void CompressorPanel::highlight()
{
    const QColor removed(0xF6, 0xC1, 0xC1);
    const QColor changed(0xF8, 0xE0, 0xA0);
    const QColor added(0xC4, 0xEB, 0xC4);
    QList<QTextEdit::ExtraSelection> in, out;
    for (const EditSpan &e : std::as_const(m_result.edits)) {
        if (in.size() >= MaxHighlights)
            break;
        if (e.originalLength > 0)
            in.append(selection(m_input, e.originalStart, e.originalLength,
                                e.kind == EditSpan::Kind::Removed ? removed : changed));
        // Output positions hold only while truncation left the text as compressed.
        if (!m_truncation.truncated && e.outputLength > 0)
            out.append(selection(m_output, e.outputStart, e.outputLength, added));
    }
    if (m_truncation.truncated) {
        const QString text = m_output->toPlainText();
        const QString marker = Truncator::defaultMarker();
        for (qsizetype at = text.indexOf(marker); at >= 0 && out.size() < MaxHighlights;
             at = text.indexOf(marker, at + marker.size()))
            out.append(selection(m_output, at, marker.size(), changed));
    }
    m_input->setExtraSelections(in);
    m_output->setExtraSelections(out);
}

void CompressorPanel::updateButtons()
{
    m_measure->setEnabled(!m_measuring);
    m_sweepButton->setEnabled(!m_measuring);
    m_cancel->setEnabled(m_measuring);
}

QList<AbConfig> CompressorPanel::measurementConfigs()
{
    AbConfig base;
    base.counter = counter();
    base.repetitions = m_repetitions->value();
    QList<AbConfig> configs;
    for (const EndpointProfile &p : std::as_const(m_endpoints)) {
        AbConfig config = base;
        config.profile = p;
        if (config.profile.id == EmbeddedEndpointService::ProfileId) {
            // Its server may not be running yet: the service starts it and knows its port.
            EmbeddedEndpointService *embedded = EmbeddedEndpointService::instance();
            if (!embedded->ensureStarted()) {
                m_measureSummary->setText(
                    tr("Could not start the simulated endpoint: %1").arg(embedded->errorString()));
                return {};
            }
            const EndpointProfile running = embedded->profile(p.protocol);
            config.profile.baseUrl = running.baseUrl;
            config.profile.name = running.name;
        }
        configs.append(config);
    }
    if (!configs.isEmpty())
        return configs;
    // The application's one embedded endpoint (started here if nothing started it yet).
    EmbeddedEndpointService *embedded = EmbeddedEndpointService::instance();
    if (!embedded->ensureStarted()) {
        m_measureSummary->setText(
            tr("Could not start the simulated endpoint: %1").arg(embedded->errorString()));
        return {};
    }
    base.profile = embedded->profile(Protocol::OpenAIChat);
    configs.append(base);
    return configs;
}

void CompressorPanel::startMeasurement()
{
    if (m_measuring)
        return;
    recompute();
    const QList<AbConfig> configs = measurementConfigs();
    if (configs.isEmpty())
        return;
    m_measuring = true;
    updateButtons();
    m_progress->setRange(0, 2 * configs.constFirst().repetitions * int(configs.size()));
    m_progress->setValue(0);
    QStringList names;
    for (const AbConfig &c : configs)
        names.append(c.profile.name);
    m_measureSummary->setText(tr("Measuring on %1…").arg(names.join(QStringLiteral(", "))));
    // The task reports back through a connection, so a panel closed mid-run drops the result.
    QCoro::connect(doMeasure(configs, m_input->toPlainText(), m_output->toPlainText()), this, [] {});
}

void CompressorPanel::startSweep()
{
    if (m_measuring)
        return;
    recompute();
    const QList<AbConfig> configs = measurementConfigs();
    if (configs.isEmpty())
        return;
    const AbConfig &config = configs.constFirst(); // a sweep is one endpoint's curve
    const int chosen = m_strategy->currentData().toInt();
    const TruncationStrategy strategy
        = chosen == NoTruncation ? TruncationStrategy::Middle : TruncationStrategy(chosen);
    m_measuring = true;
    updateButtons();
    m_progress->setValue(0);
    m_measureSummary->setText(
        tr("Sweeping on %1 (%2)…").arg(config.profile.name, TruncationStrategies::label(strategy)));
    QCoro::connect(doSweep(config, m_input->toPlainText(), strategy), this, [] {});
}

void CompressorPanel::cancelMeasurement()
{
    if (m_ab)
        m_ab->cancel();
}

QCoro::Task<> CompressorPanel::doMeasure(QList<AbConfig> configs, QString original, QString compressed)
{
    auto *ab = new AbMeasurement(this);
    m_ab = ab;
    const int perEndpoint = 2 * std::max(1, configs.constFirst().repetitions);
    const int total = perEndpoint * int(configs.size());
    m_progressOffset = 0;
    connect(ab, &AbMeasurement::progress, m_progress, [this, total](int done, int) {
        m_progress->setRange(0, total);
        m_progress->setValue(m_progressOffset + done);
    });
    QPointer<CompressorPanel> self(this);
    QList<EndpointMeasurement> measurements;
    for (const AbConfig &config : std::as_const(configs)) {
        const AbResult result = co_await ab->run(config, original, compressed);
        if (!self)
            co_return;
        measurements.append({ config.profile, result });
        m_progressOffset += perEndpoint;
        if (result.cancelled)
            break; // cancel stops the whole measurement, not just this endpoint's part
    }
    m_measurements = measurements;
    m_measurement = measurements.isEmpty() ? AbResult {} : measurements.constFirst().result;
    ab->deleteLater();
    m_measuring = false;
    updateButtons();
    showMeasurement();
    Q_EMIT measurementFinished();
}

QString CompressorPanel::formatMoney(double amount)
{
    // Prices are entered as plain numbers per million tokens; their currency is the one the
    // user works in, which the locale names (the dollar where it names none).
    QString symbol = QLocale().currencySymbol(QLocale::CurrencySymbol);
    if (symbol.isEmpty())
        symbol = QStringLiteral("$");
    int decimals = 2;
    if (amount != 0 && std::abs(amount) < 1)
        decimals = std::clamp(2 - int(std::floor(std::log10(std::abs(amount)))), 2, 10);
    return QLocale().toCurrencyString(amount, symbol, decimals);
}

void CompressorPanel::showMeasurement()
{
    const QColor before = Palette::series(0);
    const QColor after = Palette::series(1);
    const bool single = m_measurements.size() == 1;
    const QLocale locale;
    const auto ms = [&locale](double v) { return locale.toString(v, 'f', 1); };
    const auto count = [&locale](double v) { return locale.toString(v, 'f', 0); };
    const auto ratio = [&locale](double v) { return locale.toString(v, 'f', 3); };
    const auto change = [&locale](const MeanCi &a, const MeanCi &b) -> QString {
        if (a.n == 0 || b.n == 0 || a.mean == 0)
            return QString();
        const double pct = AbResult::changePercent(a, b);
        return (pct > 0 ? QStringLiteral("+") : pct < 0 ? QStringLiteral("−") : QString())
            + locale.toString(std::abs(pct), 'f', 1) + u'%';
    };
    const auto interval = [](const MeanCi &m, const auto &format) {
        if (m.n < 2)
            return QString();
        return tr("mean of %n request(s); 95% confidence interval %1 to %2", nullptr, m.n)
            .arg(format(m.low), format(m.high));
    };

    QStringList tokenCategories, ttftCategories, e2eCategories;
    QList<double> tokensBefore, tokensAfter, ttftBefore, ttftAfter, e2eBefore, e2eAfter;
    m_measureTable->setRowCount(0);
    QStringList notes;
    for (const EndpointMeasurement &m : std::as_const(m_measurements)) {
        const AbResult &r = m.result;
        const QString name = m.profile.name;
        tokenCategories.append(single ? tr("Prompt tokens") : name);
        tokensBefore.append(r.original.promptTokens.mean);
        tokensAfter.append(r.compressed.promptTokens.mean);
        ttftCategories.append(single ? tr("Prefill") : tr("%1: prefill").arg(name));
        ttftCategories.append(single ? tr("TTFT") : tr("%1: TTFT").arg(name));
        ttftBefore << r.original.prefillMs.mean << r.original.ttftMs.mean;
        ttftAfter << r.compressed.prefillMs.mean << r.compressed.ttftMs.mean;
        e2eCategories.append(single ? tr("End to end") : name);
        e2eBefore.append(r.original.e2eMs.mean);
        e2eAfter.append(r.compressed.e2eMs.mean);

        const bool priced = m.profile.pricePerMInput > 0 || m.profile.pricePerMOutput > 0;
        const auto money = [](double v) { return formatMoney(v); };
        struct Line
        {
            QString figure;
            QString original;
            QString compressed;
            QString change;
            QString originalTip;
            QString compressedTip;
        };
        const QList<Line> lines {
            { tr("Prompt tokens"), count(r.original.promptTokens.mean), count(r.compressed.promptTokens.mean),
              change(r.original.promptTokens, r.compressed.promptTokens),
              interval(r.original.promptTokens, count), interval(r.compressed.promptTokens, count) },
            { tr("TTFT (ms)"), ms(r.original.ttftMs.mean), ms(r.compressed.ttftMs.mean),
              change(r.original.ttftMs, r.compressed.ttftMs), interval(r.original.ttftMs, ms),
              interval(r.compressed.ttftMs, ms) },
            { tr("End to end (ms)"), ms(r.original.e2eMs.mean), ms(r.compressed.e2eMs.mean),
              change(r.original.e2eMs, r.compressed.e2eMs), interval(r.original.e2eMs, ms),
              interval(r.compressed.e2eMs, ms) },
            priced ? Line { tr("Cost per request"), money(r.original.cost.mean), money(r.compressed.cost.mean),
                            change(r.original.cost, r.compressed.cost), interval(r.original.cost, money),
                            interval(r.compressed.cost, money) }
                   : Line { tr("Cost per request"), tr("no price set"), tr("no price set"), QString(),
                            tr("Set the endpoint's prices per million tokens to see the cost"),
                            QString() },
            { tr("Answer similarity (0–1)"), ratio(r.baselineSimilarity.mean), ratio(r.similarity.mean),
              QString(), tr("Original answers against each other: what sampling alone gives"),
              tr("Compressed answers against the original answers") },
        };
        for (qsizetype i = 0; i < lines.size(); ++i) {
            const Line &line = lines.at(i);
            const int at = m_measureTable->rowCount();
            m_measureTable->insertRow(at);
            auto *endpoint = new QTableWidgetItem(i == 0 ? name : QString());
            endpoint->setToolTip(name);
            m_measureTable->setItem(at, 0, endpoint);
            m_measureTable->setItem(at, 1, new QTableWidgetItem(line.figure));
            const QStringList cells { line.original, line.compressed, line.change };
            const QStringList tips { line.originalTip, line.compressedTip, QString() };
            for (int c = 0; c < 3; ++c) {
                auto *item = new QTableWidgetItem(cells.at(c));
                item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
                item->setToolTip(tips.at(c));
                m_measureTable->setItem(at, 2 + c, item);
            }
        }
        const int failures = r.original.failures + r.compressed.failures;
        if (failures > 0)
            notes.append(tr("%1: %n request(s) failed and are left out.", nullptr, failures).arg(name));
        if (r.cancelled)
            notes.append(tr("Cancelled: the figures cover the requests that finished."));
    }
    m_measureTable->resizeColumnsToContents();

    m_tokensChart->setData(tokenCategories,
                           { { tr("Original"), before, tokensBefore }, { tr("Compressed"), after, tokensAfter } });
    m_latencyChart->setData(ttftCategories,
                            { { tr("Original"), before, ttftBefore }, { tr("Compressed"), after, ttftAfter } });
    m_e2eChart->setData(e2eCategories,
                        { { tr("Original"), before, e2eBefore }, { tr("Compressed"), after, e2eAfter } });
    m_chartTabs->setCurrentWidget(m_measureTable);
    notes.prepend(tr("Means over the successful requests; hover a figure for its 95% confidence interval."));
    m_measureSummary->setText(notes.join(u' '));
}

QCoro::Task<> CompressorPanel::doSweep(AbConfig config, QString original, TruncationStrategy strategy)
{
    auto *ab = new AbMeasurement(this);
    m_ab = ab;
    connect(ab, &AbMeasurement::progress, m_progress, [this](int done, int total) {
        m_progress->setRange(0, total);
        m_progress->setValue(done);
    });
    QPointer<CompressorPanel> self(this);
    // A named list: GCC 12 cannot put a braced list's array into a coroutine frame.
    const QList<double> ratios { 0.2, 0.4, 0.6, 0.8 };
    const QList<AbSweepRow> rows = co_await ab->sweep(config, original, ratios, strategy);
    if (!self)
        co_return;
    m_sweep = rows;
    ab->deleteLater();
    m_measuring = false;
    updateButtons();
    showSweep();
    Q_EMIT sweepFinished();
}

void CompressorPanel::showSweep()
{
    if (m_sweep.isEmpty())
        return;
    // Every figure as a percentage of the full prompt's (the last row, ratio 1).
    const AbSweepRow &full = m_sweep.constLast();
    const auto percent = [](double value, double reference) {
        return reference > 0 ? value / reference * 100.0 : 0.0;
    };
    SeriesData ttft { tr("TTFT"), Palette::series(0), {}, {}, {} };
    SeriesData e2e { tr("End to end"), Palette::series(1), {}, {}, {} };
    SeriesData cost { tr("Prompt tokens (≈ input cost)"), Palette::series(2), {}, {}, {} };
    SeriesData similarity { tr("Answer similarity"), Palette::series(3), {}, {}, {} };
    QStringList lines;
    for (const AbSweepRow &row : std::as_const(m_sweep)) {
        const double x = row.actualRatio * 100.0;
        for (SeriesData *s : { &ttft, &e2e, &cost, &similarity })
            s->xs.append(x);
        ttft.values.append(percent(row.arm.ttftMs.mean, full.arm.ttftMs.mean));
        e2e.values.append(percent(row.arm.e2eMs.mean, full.arm.e2eMs.mean));
        cost.values.append(percent(row.arm.promptTokens.mean, full.arm.promptTokens.mean));
        similarity.values.append(row.similarity.mean * 100.0);
        lines.append(tr("%1%: %2 tokens, TTFT %3 ms, E2E %4 ms, similarity %5")
                         .arg(x, 0, 'f', 0)
                         .arg(row.arm.promptTokens.mean, 0, 'f', 0)
                         .arg(row.arm.ttftMs.mean, 0, 'f', 1)
                         .arg(row.arm.e2eMs.mean, 0, 'f', 1)
                         .arg(row.similarity.mean, 0, 'f', 3));
    }
    m_sweepChart->setSeries({ ttft, e2e, cost, similarity });
    m_chartTabs->setCurrentWidget(m_sweepChart);
    m_measureSummary->setText(lines.join(QStringLiteral("; ")));
}
