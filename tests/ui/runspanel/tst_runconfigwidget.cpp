// The Runs panel's settings: the Workload section (synthetic prompts of exact lengths, shared
// prefixes, datasets, output lengths, conversations), its length preview and its memory.
#include "../../common/widgetlookup.h"
#include "../../tokenize/tiktokenpath.h"
#include "runspanel/runconfigwidget.h"

#include "charts/histogramchart.h"
#include "workload/lengthdistribution.h"
#include "workload/workloadbuilder.h"

#include <QAbstractButton>
#include <QCheckBox>
#include <QComboBox>
#include <QDir>
#include <QDoubleSpinBox>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QRadioButton>
#include <QScrollArea>
#include <QSet>
#include <QSettings>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <numeric>

namespace {

QString userText(const GenerationRequest &request)
{
    for (qsizetype i = request.messages.size() - 1; i >= 0; --i) {
        if (request.messages.at(i).role == u"user")
            return request.messages.at(i).content;
    }
    return {};
}

int total(const QList<int> &counts)
{
    return std::accumulate(counts.cbegin(), counts.cend(), 0);
}

/// The fields of the Workload section and the run's size, found by object name.
struct Fields
{
    explicit Fields(RunConfigWidget *w)
        : inlineSource(child<QRadioButton>(w, "promptInline"))
        , fileSource(child<QRadioButton>(w, "promptFromFile"))
        , synthetic(child<QRadioButton>(w, "promptSynthetic"))
        , dataset(child<QRadioButton>(w, "promptDataset"))
        , promptText(child<QPlainTextEdit>(w, "promptText"))
        , system(child<QPlainTextEdit>(w, "systemMessage"))
        , inputTokens(child<QLineEdit>(w, "inputTokens"))
        , inputError(child<QLabel>(w, "inputTokensError"))
        , tokenizer(child<QComboBox>(w, "tokenizer"))
        , language(child<QComboBox>(w, "language"))
        , prefixTokens(child<QSpinBox>(w, "prefixTokens"))
        , prefixShare(child<QSpinBox>(w, "prefixShare"))
        , prefixCount(child<QSpinBox>(w, "prefixCount"))
        , prefixError(child<QLabel>(w, "sharedPrefixError"))
        , datasetFile(child<QLineEdit>(w, "datasetFile"))
        , datasetFormat(child<QComboBox>(w, "datasetFormat"))
        , datasetInputMin(child<QSpinBox>(w, "datasetInputMin"))
        , datasetInputMax(child<QSpinBox>(w, "datasetInputMax"))
        , datasetOutputMin(child<QSpinBox>(w, "datasetOutputMin"))
        , datasetOutputMax(child<QSpinBox>(w, "datasetOutputMax"))
        , datasetError(child<QLabel>(w, "datasetError"))
        , outputTokens(child<QLineEdit>(w, "outputTokens"))
        , outputError(child<QLabel>(w, "outputTokensError"))
        , ignoreEos(child<QCheckBox>(w, "ignoreEos"))
        , turns(child<QSpinBox>(w, "turns"))
        , thinkTime(child<QDoubleSpinBox>(w, "thinkTime"))
        , seed(child<QSpinBox>(w, "workloadSeed"))
        , preview(child<HistogramChart>(w, "workloadPreview"))
        , previewPanel(child<QWidget>(w, "workloadPreviewPanel"))
        , previewNote(child<QLabel>(w, "workloadPreviewNote"))
        , requests(child<QSpinBox>(w, "requests"))
        , warmup(child<QSpinBox>(w, "warmup"))
        , maxTokens(child<QSpinBox>(w, "maxTokens"))
        , mode(child<QComboBox>(w, "mode"))
    {
    }

    bool complete() const
    {
        const QList<const QObject *> all { inlineSource,
                                           fileSource,
                                           synthetic,
                                           dataset,
                                           promptText,
                                           system,
                                           inputTokens,
                                           inputError,
                                           tokenizer,
                                           language,
                                           prefixTokens,
                                           prefixShare,
                                           prefixCount,
                                           prefixError,
                                           datasetFile,
                                           datasetFormat,
                                           datasetInputMin,
                                           datasetInputMax,
                                           datasetOutputMin,
                                           datasetOutputMax,
                                           datasetError,
                                           outputTokens,
                                           outputError,
                                           ignoreEos,
                                           turns,
                                           thinkTime,
                                           seed,
                                           preview,
                                           previewPanel,
                                           previewNote,
                                           requests,
                                           warmup,
                                           maxTokens,
                                           mode };
        return std::all_of(all.cbegin(), all.cend(), [](const QObject *o) { return o != nullptr; });
    }

    /// A closed-loop run of \a n requests without warm-up, prompts made to \a spec.
    void synthesize(const QString &spec, int n)
    {
        synthetic->setChecked(true);
        inputTokens->setText(spec);
        tokenizer->setCurrentIndex(tokenizer->findData(QStringLiteral("cl100k_base")));
        mode->setCurrentIndex(0);
        requests->setValue(n);
        warmup->setValue(0);
    }

    QRadioButton *inlineSource;
    QRadioButton *fileSource;
    QRadioButton *synthetic;
    QRadioButton *dataset;
    QPlainTextEdit *promptText;
    QPlainTextEdit *system;
    QLineEdit *inputTokens;
    QLabel *inputError;
    QComboBox *tokenizer;
    QComboBox *language;
    QSpinBox *prefixTokens;
    QSpinBox *prefixShare;
    QSpinBox *prefixCount;
    QLabel *prefixError;
    QLineEdit *datasetFile;
    QComboBox *datasetFormat;
    QSpinBox *datasetInputMin;
    QSpinBox *datasetInputMax;
    QSpinBox *datasetOutputMin;
    QSpinBox *datasetOutputMax;
    QLabel *datasetError;
    QLineEdit *outputTokens;
    QLabel *outputError;
    QCheckBox *ignoreEos;
    QSpinBox *turns;
    QDoubleSpinBox *thinkTime;
    QSpinBox *seed;
    HistogramChart *preview;
    QWidget *previewPanel;
    QLabel *previewNote;
    QSpinBox *requests;
    QSpinBox *warmup;
    QSpinBox *maxTokens;
    QComboBox *mode;
};

} // namespace

class TestRunConfigWidget : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        // Keep the user's remembered run settings out of (and untouched by) the test.
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName(QStringLiteral("TokenScopeTests"));
        QCoreApplication::setApplicationName(QStringLiteral("tst_runconfigwidget"));
        QVERIFY(m_dir.isValid());
    }

    // Every test starts from the defaults, not from the previous test's choices.
    void init() { QSettings().remove(QStringLiteral("runs")); }
    void cleanupTestCase() { QSettings().remove(QStringLiteral("runs")); }

    void syntheticPromptsHaveTheAskedLength()
    {
        REQUIRE_ENCODING(encoding, BpeEncodingId::Cl100kBase);
        const TokenCounter counter(encoding);
        RunConfigWidget w;
        Fields f(&w);
        QVERIFY(f.complete());
        f.synthesize(QStringLiteral("77"), 5);
        f.warmup->setValue(2);
        f.maxTokens->setValue(48);
        f.system->setPlainText(QStringLiteral("Be brief."));

        QString error;
        std::optional<LoadConfig> c = w.config(EndpointProfile(), &error);
        QVERIFY2(c, qPrintable(error));
        // One prompt per request, warm-up included, none the same.
        QCOMPARE(c->prompts.size(), 7);
        QSet<QString> texts;
        for (const GenerationRequest &p : std::as_const(c->prompts)) {
            QCOMPARE(p.messages.constFirst().role, QStringLiteral("system"));
            QCOMPARE(p.messages.constFirst().content, QStringLiteral("Be brief."));
            QCOMPARE(counter.tokens(userText(p)), qint64(77));
            QCOMPARE(p.maxTokens, 48);
            QVERIFY(!p.forceOutputLength);
            texts.insert(userText(p));
        }
        QCOMPARE(texts.size(), 7);

        // A distribution: each prompt has the length drawn for it, and the texts are the ones the
        // CLI makes from the same settings and seed.
        f.inputTokens->setText(QStringLiteral("uniform:20:200"));
        f.seed->setValue(9);
        c = w.config(EndpointProfile(), &error);
        QVERIFY2(c, qPrintable(error));
        const std::optional<LengthDistribution> input
            = LengthDistribution::parse(QStringLiteral("uniform:20:200"));
        QVERIFY(input);
        const QList<int> lengths = WorkloadBuilder::syntheticLengths(*input, 7, 9);
        SyntheticPromptSpec spec;
        spec.input = *input;
        spec.seed = 9;
        const auto cli = WorkloadBuilder::syntheticRequests(spec, 7, counter, GenerationRequest());
        QVERIFY(cli);
        QCOMPARE(c->prompts.size(), lengths.size());
        for (qsizetype i = 0; i < lengths.size(); ++i) {
            QCOMPARE(counter.tokens(userText(c->prompts.at(i))), qint64(lengths.at(i)));
            QCOMPARE(userText(c->prompts.at(i)), userText(cli->prompts.at(i)));
        }
        QVERIFY(QSet<int>(lengths.cbegin(), lengths.cend()).size() > 1);
    }

    void sharedPrefixIsTheSameInEveryPrompt()
    {
        REQUIRE_ENCODING(encoding, BpeEncodingId::Cl100kBase);
        const TokenCounter counter(encoding);
        RunConfigWidget w;
        Fields f(&w);
        QVERIFY(f.complete());
        f.synthesize(QStringLiteral("96"), 6);
        f.prefixTokens->setValue(32);
        f.prefixShare->setValue(100);
        f.prefixCount->setValue(1);

        QString error;
        std::optional<LoadConfig> c = w.config(EndpointProfile(), &error);
        QVERIFY2(c, qPrintable(error));
        QCOMPARE(c->prompts.size(), 6);
        // The prefix ends with a blank line, so that the rest tokenises on its own.
        const QString first = userText(c->prompts.constFirst());
        const qsizetype end = first.indexOf(QStringLiteral("\n\n"));
        QVERIFY(end > 0);
        const QString prefix = first.left(end + 2);
        QCOMPARE(counter.tokens(prefix), qint64(32));
        for (const GenerationRequest &p : std::as_const(c->prompts)) {
            QVERIFY2(userText(p).startsWith(prefix), qPrintable(userText(p)));
            QCOMPARE(counter.tokens(userText(p)), qint64(96));
        }

        // Two prefixes for half of eight prompts: four share one of two, four have none.
        f.requests->setValue(8);
        f.prefixShare->setValue(50);
        f.prefixCount->setValue(2);
        c = w.config(EndpointProfile(), &error);
        QVERIFY2(c, qPrintable(error));
        QCOMPARE(c->prompts.size(), 8);
        QSet<QString> prefixes;
        int withPrefix = 0;
        for (const GenerationRequest &p : std::as_const(c->prompts)) {
            const QString text = userText(p);
            const qsizetype cut = text.indexOf(QStringLiteral("\n\n"));
            if (cut < 0)
                continue;
            ++withPrefix;
            prefixes.insert(text.left(cut + 2));
        }
        QCOMPARE(withPrefix, 4);
        QCOMPARE(prefixes.size(), 2);
    }

    void outputSpecSetsMaxTokens()
    {
        RunConfigWidget w;
        Fields f(&w);
        QVERIFY(f.complete());
        f.inlineSource->setChecked(true);
        f.promptText->setPlainText(QStringLiteral("Say hello."));
        f.mode->setCurrentIndex(0);
        f.requests->setValue(10);
        f.warmup->setValue(0);
        f.maxTokens->setValue(64);
        f.seed->setValue(3);

        // Empty: the Max tokens field.
        QString error;
        std::optional<LoadConfig> c = w.config(EndpointProfile(), &error);
        QVERIFY2(c, qPrintable(error));
        QVERIFY(!c->prompts.isEmpty());
        for (const GenerationRequest &p : std::as_const(c->prompts))
            QCOMPARE(p.maxTokens, 64);

        // A fixed length, for every request.
        f.outputTokens->setText(QStringLiteral("33"));
        c = w.config(EndpointProfile(), &error);
        QVERIFY2(c, qPrintable(error));
        for (const GenerationRequest &p : std::as_const(c->prompts))
            QCOMPARE(p.maxTokens, 33);

        // A distribution: one length per request, drawn as the CLI draws --output-tokens.
        f.outputTokens->setText(QStringLiteral("uniform:10:20"));
        c = w.config(EndpointProfile(), &error);
        QVERIFY2(c, qPrintable(error));
        QCOMPARE(c->prompts.size(), 10);
        const QList<int> expected
            = LengthDistribution::parse(QStringLiteral("uniform:10:20"))
                  ->samples(10, SeededRandom::derive(3, WorkloadBuilder::OutputLengthStream));
        QSet<int> seen;
        for (qsizetype i = 0; i < c->prompts.size(); ++i) {
            const GenerationRequest &p = c->prompts.at(i);
            QCOMPARE(userText(p), QStringLiteral("Say hello."));
            QCOMPARE(p.maxTokens, expected.at(i));
            QVERIFY(p.maxTokens >= 10 && p.maxTokens <= 20);
            QVERIFY(!p.forceOutputLength);
            seen.insert(p.maxTokens);
        }
        QVERIFY(seen.size() > 1);

        // Force the exact length.
        f.ignoreEos->setChecked(true);
        c = w.config(EndpointProfile(), &error);
        QVERIFY2(c, qPrintable(error));
        for (const GenerationRequest &p : std::as_const(c->prompts))
            QVERIFY(p.forceOutputLength);
    }

    void turnsMakeConversations()
    {
        RunConfigWidget w;
        Fields f(&w);
        QVERIFY(f.complete());
        f.inlineSource->setChecked(true);
        f.promptText->setPlainText(QStringLiteral("Say hello."));
        f.mode->setCurrentIndex(0);
        QCOMPARE(f.turns->value(), 1);
        QVERIFY(!f.thinkTime->isEnabled()); // nothing to wait between with one turn

        f.turns->setValue(3);
        QVERIFY(f.thinkTime->isEnabled());
        f.thinkTime->setValue(1.5);
        QString error;
        std::optional<LoadConfig> c = w.config(EndpointProfile(), &error);
        QVERIFY2(c, qPrintable(error));
        QCOMPARE(c->turns, 3);
        QCOMPARE(c->thinkTimeMs, 1500.0);

        f.turns->setValue(1);
        c = w.config(EndpointProfile(), &error);
        QVERIFY2(c, qPrintable(error));
        QCOMPARE(c->turns, 1);
        QCOMPARE(c->thinkTimeMs, 0.0);

        // A rate sends every request on its own schedule: no conversations.
        f.turns->setValue(3);
        f.mode->setCurrentIndex(1);
        QVERIFY(!f.turns->isEnabled());
        c = w.config(EndpointProfile(), &error);
        QVERIFY2(c, qPrintable(error));
        QCOMPARE(c->turns, 1);
        f.mode->setCurrentIndex(0);
    }

    void datasetPromptsAreSampled()
    {
        const QString path = QDir(m_dir.path()).filePath(QStringLiteral("questions.jsonl"));
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        for (int i = 1; i <= 5; ++i)
            file.write(QStringLiteral("{\"prompt\": \"Question %1?\", \"max_tokens\": %2}\n")
                           .arg(i)
                           .arg(10 + i)
                           .toUtf8());
        file.close();

        RunConfigWidget w;
        Fields f(&w);
        QVERIFY(f.complete());
        f.dataset->setChecked(true);
        f.datasetFile->setText(path);
        f.mode->setCurrentIndex(0);
        f.requests->setValue(8);
        f.warmup->setValue(0);

        QString error;
        std::optional<LoadConfig> c = w.config(EndpointProfile(), &error);
        QVERIFY2(c, qPrintable(error));
        QCOMPARE(c->prompts.size(), 8);
        for (const GenerationRequest &p : std::as_const(c->prompts)) {
            const QString text = userText(p);
            QVERIFY2(text.startsWith(QStringLiteral("Question ")), qPrintable(text));
            // The entry's own answer length.
            QCOMPARE(p.maxTokens, 10 + text.mid(9, 1).toInt());
        }

        // Only the entries whose answer is 12 or 13 tokens.
        f.datasetOutputMin->setValue(12);
        f.datasetOutputMax->setValue(13);
        c = w.config(EndpointProfile(), &error);
        QVERIFY2(c, qPrintable(error));
        QCOMPARE(c->prompts.size(), 8);
        for (const GenerationRequest &p : std::as_const(c->prompts))
            QVERIFY2(p.maxTokens == 12 || p.maxTokens == 13, qPrintable(QString::number(p.maxTokens)));

        // Their input lengths, previewed.
        w.updatePreview();
        QVERIFY(f.preview->hasData());
        QCOMPARE(total(f.preview->counts(0)), 8);
        QVERIFY(f.previewNote->isVisibleTo(&w));

        // No entry in range: said at the dataset, with what was filtered out.
        f.datasetOutputMin->setValue(100);
        f.datasetOutputMax->setValue(0);
        QVERIFY(!w.config(EndpointProfile(), &error));
        QVERIFY2(error.contains(QStringLiteral("no entry left")), qPrintable(error));
        QVERIFY(f.datasetError->isVisibleTo(&w));
    }

    void badSettingsAreRefusedAtTheirField_data()
    {
        QTest::addColumn<QString>("source");
        QTest::addColumn<QString>("inputSpec");
        QTest::addColumn<int>("prefixTokens");
        QTest::addColumn<QString>("outputSpec");
        QTest::addColumn<QString>("datasetPath");
        QTest::addColumn<QString>("errorLabel");
        QTest::addColumn<QString>("mention");

        QTest::newRow("min above max") << "synthetic"
                                       << "uniform:500:100" << 0 << ""
                                       << ""
                                       << "inputTokensError"
                                       << "500";
        QTest::newRow("unknown kind") << "synthetic"
                                      << "zipf:3" << 0 << ""
                                      << ""
                                      << "inputTokensError"
                                      << "zipf";
        QTest::newRow("empty length") << "synthetic"
                                      << "" << 0 << ""
                                      << ""
                                      << "inputTokensError"
                                      << "empty";
        QTest::newRow("missing histogram") << "synthetic"
                                           << "hist:/nonexistent/lengths.txt" << 0 << ""
                                           << ""
                                           << "inputTokensError"
                                           << "lengths.txt";
        QTest::newRow("prefix too long") << "synthetic"
                                         << "64" << 64 << ""
                                         << ""
                                         << "sharedPrefixError"
                                         << "64";
        QTest::newRow("bad output") << "synthetic"
                                    << "64" << 0 << "uniform:abc:9"
                                    << ""
                                    << "outputTokensError"
                                    << "abc";
        QTest::newRow("bad output, inline") << "inline"
                                            << "" << 0 << "normal:5"
                                            << ""
                                            << "outputTokensError"
                                            << "normal";
        QTest::newRow("missing dataset") << "dataset"
                                         << "" << 0 << ""
                                         << "/nonexistent/chats.jsonl"
                                         << "datasetError"
                                         << "chats.jsonl";
        QTest::newRow("no dataset") << "dataset"
                                    << "" << 0 << ""
                                    << ""
                                    << "datasetError"
                                    << "dataset";
    }

    void badSettingsAreRefusedAtTheirField()
    {
        QFETCH(QString, source);
        QFETCH(QString, inputSpec);
        QFETCH(int, prefixTokens);
        QFETCH(QString, outputSpec);
        QFETCH(QString, datasetPath);
        QFETCH(QString, errorLabel);
        QFETCH(QString, mention);

        RunConfigWidget w;
        Fields f(&w);
        QVERIFY(f.complete());
        f.synthesize(inputSpec, 4);
        f.prefixTokens->setValue(prefixTokens);
        f.outputTokens->setText(outputSpec);
        f.datasetFile->setText(datasetPath);
        if (source == u"inline")
            f.inlineSource->setChecked(true);
        else if (source == u"dataset")
            f.dataset->setChecked(true);

        QString error;
        QVERIFY(!w.config(EndpointProfile(), &error));
        QVERIFY2(error.contains(mention, Qt::CaseInsensitive), qPrintable(error));
        const auto *label = child<QLabel>(&w, errorLabel.toLatin1().constData());
        QVERIFY(label);
        QVERIFY2(label->isVisibleTo(&w), qPrintable(errorLabel));
        QVERIFY2(label->text().contains(mention, Qt::CaseInsensitive), qPrintable(label->text()));
    }

    void lengthSpecIsCheckedAsItIsTyped()
    {
        RunConfigWidget w;
        Fields f(&w);
        QVERIFY(f.complete());
        f.synthesize(QStringLiteral("normal:100"), 4);
        QString expected;
        QVERIFY(!LengthDistribution::parse(QStringLiteral("normal:100"), &expected));
        QVERIFY(f.inputError->isVisibleTo(&w));
        QCOMPARE(f.inputError->text(), expected);
        f.inputTokens->setText(QStringLiteral("normal:100:10"));
        QVERIFY(!f.inputError->isVisibleTo(&w));

        f.outputTokens->setText(QStringLiteral("uniform:9"));
        QVERIFY(f.outputError->isVisibleTo(&w));
        f.outputTokens->clear();
        QVERIFY(!f.outputError->isVisibleTo(&w));

        // An error under a field of another source is not shown.
        f.inputTokens->setText(QStringLiteral("zipf"));
        QVERIFY(f.inputError->isVisibleTo(&w));
        f.inlineSource->setChecked(true);
        QVERIFY(!f.inputError->isVisibleTo(&w));
        QVERIFY(!f.inputTokens->isVisibleTo(&w));
    }

    void previewShowsTheInputLengths()
    {
        RunConfigWidget w;
        Fields f(&w);
        QVERIFY(f.complete());
        f.synthesize(QStringLiteral("uniform:100:200"), 50);
        QVERIFY(f.previewPanel->isVisibleTo(&w));
        // The fields settle, then the preview follows (no text is made for it).
        QTRY_VERIFY(f.preview->hasData());
        QCOMPARE(total(f.preview->counts(0)), 50);
        const QList<double> edges = f.preview->binEdges();
        QVERIFY(!edges.isEmpty());
        QVERIFY(edges.first() >= 99.0 && edges.last() <= 201.0);
        QVERIFY(f.previewNote->isVisibleTo(&w));

        // An invalid spec: nothing drawn, and a word on what to do.
        f.inputTokens->setText(QStringLiteral("uniform:abc"));
        QTRY_VERIFY(!f.preview->hasData());
        QVERIFY(!f.preview->emptyText().isEmpty());

        // Many requests: the first ones are shown, and the note says so.
        f.inputTokens->setText(QStringLiteral("normal:500:100"));
        f.requests->setValue(RunConfigWidget::PreviewMaxPrompts + 500);
        w.updatePreview();
        QVERIFY(f.preview->hasData());
        QCOMPARE(total(f.preview->counts(0)), RunConfigWidget::PreviewMaxPrompts);
        QVERIFY2(f.previewNote->text().contains(QString::number(RunConfigWidget::PreviewMaxPrompts)),
                 qPrintable(f.previewNote->text()));

        // Typed prompts have no preview to show.
        f.inlineSource->setChecked(true);
        QVERIFY(!f.previewPanel->isVisibleTo(&w));
    }

    void workloadFitsTheSettingsColumn()
    {
        // The Runs panel's settings column: about 340 px, scrolling vertically only.
        QScrollArea scroll;
        scroll.setWidgetResizable(true);
        scroll.setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
        auto *w = new RunConfigWidget;
        scroll.setWidget(w);
        Fields f(w);
        QVERIFY(f.complete());
        auto *group = child<QWidget>(w, "workloadGroup");
        QVERIFY(group);
        scroll.resize(std::max(364, w->minimumSizeHint().width() + 24), 700);
        scroll.show();
        QVERIFY(QTest::qWaitForWindowExposed(&scroll));

        // Synthetic then a dataset with an error that wraps: the order that once squeezed the
        // section until its rows were drawn over each other.
        f.datasetFile->setText(QStringLiteral("/nonexistent/a/rather/long/path/to/the/dataset/chats.jsonl"));
        const QList<QRadioButton *> sources { f.synthetic,  f.dataset,   f.inlineSource,
                                              f.fileSource, f.synthetic, f.dataset };
        for (QRadioButton *source : sources) {
            source->setChecked(true);
            w->updatePreview();
            QTest::qWait(50);
            const QString name = source->objectName();
            QVERIFY2(
                group->minimumSizeHint().width() <= 340,
                qPrintable(name + QStringLiteral(": ") + QString::number(group->minimumSizeHint().width())));
            const QList<QWidget *> fields = group->findChildren<QWidget *>();
            for (const QWidget *field : fields) {
                // The section's own fields (all named), not the parts Qt builds them from.
                const bool input = qobject_cast<const QLineEdit *>(field)
                    || qobject_cast<const QComboBox *>(field) || qobject_cast<const QAbstractSpinBox *>(field)
                    || qobject_cast<const QAbstractButton *>(field)
                    || qobject_cast<const HistogramChart *>(field);
                if (!input || field->objectName().isEmpty() || field->objectName().startsWith(u"qt_")
                    || !field->isVisibleTo(group))
                    continue;
                const QSize least = field->minimumSizeHint();
                const QString what = QStringLiteral("%1: %2 is %3x%4, needs %5x%6")
                                         .arg(name, field->objectName())
                                         .arg(field->width())
                                         .arg(field->height())
                                         .arg(least.width())
                                         .arg(least.height());
                QVERIFY2(field->height() >= least.height() && field->width() >= least.width(),
                         qPrintable(what));
                const QRect inGroup(field->mapTo(group, QPoint(0, 0)), field->size());
                QVERIFY2(group->rect().contains(inGroup), qPrintable(what));
            }
        }
    }

    void settingsAreRemembered()
    {
        {
            RunConfigWidget w;
            Fields f(&w);
            QVERIFY(f.complete());
            f.synthetic->setChecked(true);
            f.inputTokens->setText(QStringLiteral("normal:300:50"));
            f.tokenizer->setCurrentIndex(f.tokenizer->findData(QStringLiteral("o200k_base")));
            f.language->setCurrentIndex(f.language->findData(QStringLiteral("zh")));
            f.prefixTokens->setValue(128);
            f.prefixShare->setValue(40);
            f.prefixCount->setValue(3);
            f.datasetFile->setText(QStringLiteral("/data/chats.jsonl"));
            f.datasetFormat->setCurrentIndex(f.datasetFormat->findData(QStringLiteral("csv")));
            f.datasetInputMin->setValue(10);
            f.datasetInputMax->setValue(2000);
            f.datasetOutputMin->setValue(5);
            f.outputTokens->setText(QStringLiteral("uniform:16:64"));
            f.ignoreEos->setChecked(true);
            f.turns->setValue(4);
            f.thinkTime->setValue(2.5);
            f.seed->setValue(42);
        }
        RunConfigWidget w;
        Fields f(&w);
        QVERIFY(f.complete());
        QCOMPARE(w.source(), RunConfigWidget::Source::Synthetic);
        QVERIFY(f.synthetic->isChecked());
        QCOMPARE(f.inputTokens->text(), QStringLiteral("normal:300:50"));
        QCOMPARE(f.tokenizer->currentData().toString(), QStringLiteral("o200k_base"));
        QCOMPARE(f.language->currentData().toString(), QStringLiteral("zh"));
        QCOMPARE(f.prefixTokens->value(), 128);
        QCOMPARE(f.prefixShare->value(), 40);
        QCOMPARE(f.prefixCount->value(), 3);
        QCOMPARE(f.datasetFile->text(), QStringLiteral("/data/chats.jsonl"));
        QCOMPARE(f.datasetFormat->currentData().toString(), QStringLiteral("csv"));
        QCOMPARE(f.datasetInputMin->value(), 10);
        QCOMPARE(f.datasetInputMax->value(), 2000);
        QCOMPARE(f.datasetOutputMin->value(), 5);
        QCOMPARE(f.datasetOutputMax->value(), 0);
        QCOMPARE(f.outputTokens->text(), QStringLiteral("uniform:16:64"));
        QVERIFY(f.ignoreEos->isChecked());
        QCOMPARE(f.turns->value(), 4);
        QCOMPARE(f.thinkTime->value(), 2.5);
        QCOMPARE(f.seed->value(), 42);

        // Settings from before the four sources: a prompt file is still a prompt file.
        {
            QSettings settings;
            settings.remove(QStringLiteral("runs/promptSource"));
            settings.setValue(QStringLiteral("runs/promptFromFile"), true);
        }
        RunConfigWidget older;
        QCOMPARE(older.source(), RunConfigWidget::Source::File);
    }

private:
    QTemporaryDir m_dir;
};

QTEST_MAIN(TestRunConfigWidget)
#include "tst_runconfigwidget.moc"
