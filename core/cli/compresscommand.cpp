#include "clicommon.h"
#include "commands_p.h"

#include "compress/promptcompressor.h"
#include "compress/truncation.h"
#include "format/compressionexport.h"
#include "tokenize/tokencounter.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>
#include <QStringDecoder>

namespace {

// Reads FILE or standard input as UTF-8; nullopt (after printing the error) when it cannot be
// read, is too large, or is not valid UTF-8.
std::optional<QString> readInput(const QString &path)
{
    constexpr qint64 MaxBytes = 256LL * 1024 * 1024;
    QFile file;
    const bool opened = path == u"-" ? file.open(stdin, QIODevice::ReadOnly)
                                     : (file.setFileName(path), file.open(QIODevice::ReadOnly));
    if (!opened) {
        CliCommon::printError(CliText::tr("cannot read %1: %2").arg(path, file.errorString()));
        return std::nullopt;
    }
    const QByteArray bytes = file.read(MaxBytes + 1);
    if (bytes.size() > MaxBytes) {
        CliCommon::printError(
            CliText::tr("%1 is larger than %2 MiB").arg(path).arg(MaxBytes / (1024 * 1024)));
        return std::nullopt;
    }
    QStringDecoder decoder(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless);
    QString text = decoder.decode(bytes);
    if (decoder.hasError()) {
        CliCommon::printError(CliText::tr("%1 is not valid UTF-8 text").arg(path));
        return std::nullopt;
    }
    if (text.startsWith(QChar(0xFEFF)))
        text.remove(0, 1);
    return text;
}

std::optional<BpeEncodingId> encodingFrom(const QCommandLineParser &parser)
{
    const QString name = parser.value(QStringLiteral("encoding"));
    const auto id = BpeEncodings::fromName(name);
    if (!id) {
        QStringList names;
        for (BpeEncodingId e : BpeEncodings::all())
            names.append(BpeEncodings::name(e));
        CliCommon::printError(CliText::tr("unknown encoding \"%1\"; known encodings: %2")
                                  .arg(name, names.join(QStringLiteral(", "))));
    }
    return id;
}

QCommandLineOption encodingOption()
{
    return { QStringLiteral("encoding"),
             CliText::tr("Count tokens with this encoding: cl100k_base or o200k_base (default cl100k_base). "
                         "Without its rank file, tokens are estimated and labelled so."),
             CliText::tr("name"), QStringLiteral("cl100k_base") };
}

// Parses with one positional FILE; returns the exit status when the command must stop.
std::optional<int> parseWithFile(QCommandLineParser &parser, const QStringList &arguments,
                                 const QString &command)
{
    if (!parser.parse(arguments)) {
        CliCommon::printError(parser.errorText());
        return 2;
    }
    if (parser.isSet(QStringLiteral("help"))) {
        CliCommon::out() << parser.helpText();
        CliCommon::out().flush();
        return 0;
    }
    if (parser.positionalArguments().size() != 1) {
        CliCommon::printError(CliText::tr("%1 takes one FILE (or - for standard input)").arg(command));
        return 2;
    }
    return std::nullopt;
}

} // namespace

int CliCommands::compress(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(CliText::tr(
        "Compresses a prompt: rewrite rules in order, repeated lines removed, whitespace normalised, "
        "then, with --budget, truncation to that many tokens. The compressed text goes to standard "
        "output; with --stats the figures go to standard error as JSON (or to --json FILE)."));
    parser.addHelpOption();
    parser.addOptions({
        { QStringLiteral("rules"), CliText::tr("A rule set saved as JSON (see the README)."),
          CliText::tr("file") },
        { QStringLiteral("preset"), CliText::tr("A built-in rule set: zh, en, or reference (exactly the typical rules of the latency "
                      "chapter)."), CliText::tr("name") },
        { QStringLiteral("budget"), CliText::tr("Truncate the result to at most this many tokens."),
          CliText::tr("tokens") },
        { QStringLiteral("strategy"),
          CliText::tr("What truncation keeps: head (the beginning), tail (the end), middle (both ends) or "
                      "sentence (whole sentences). Default: middle."),
          CliText::tr("name"), QStringLiteral("middle") },
        encodingOption(),
        { QStringLiteral("stats"), CliText::tr("Print the figures as JSON on standard error.") },
        { QStringLiteral("json"), CliText::tr("Write the figures as JSON to this file."),
          CliText::tr("file") },
    });
    parser.addPositionalArgument(QStringLiteral("file"), CliText::tr("The prompt, or - for standard input."));
    if (const auto stop = parseWithFile(parser, arguments, QStringLiteral("compress")))
        return *stop;

    if (parser.isSet(QStringLiteral("rules")) && parser.isSet(QStringLiteral("preset"))) {
        CliCommon::printError(CliText::tr("give either --rules or --preset, not both"));
        return 2;
    }
    PromptCompressor compressor;
    if (parser.isSet(QStringLiteral("preset"))) {
        const auto preset = PromptCompressor::presetFromName(parser.value(QStringLiteral("preset")));
        if (!preset) {
            CliCommon::printError(CliText::tr("unknown preset \"%1\"; use zh, en or reference")
                                      .arg(parser.value(QStringLiteral("preset"))));
            return 2;
        }
        compressor = PromptCompressor::preset(*preset);
    } else if (parser.isSet(QStringLiteral("rules"))) {
        QString error;
        auto loaded = PromptCompressor::load(parser.value(QStringLiteral("rules")), &error);
        if (!loaded) {
            CliCommon::printError(error);
            return 2;
        }
        compressor = *loaded;
    }
    const auto strategy = TruncationStrategies::fromName(parser.value(QStringLiteral("strategy")));
    if (!strategy) {
        CliCommon::printError(CliText::tr("unknown strategy \"%1\"; use head, tail, middle or sentence")
                                  .arg(parser.value(QStringLiteral("strategy"))));
        return 2;
    }
    std::optional<double> budget;
    if (parser.isSet(QStringLiteral("budget"))) {
        budget = CliCommon::number(parser, QStringLiteral("budget"), 0, 1e9);
        if (!budget)
            return 2;
    }
    const auto encoding = encodingFrom(parser);
    if (!encoding)
        return 2;
    const auto input = readInput(parser.positionalArguments().constFirst());
    if (!input)
        return 1;

    const CompressionResult result = compressor.compress(*input);
    const QList<CompressionRule> rules = compressor.rules();
    for (qsizetype i = 0; i < rules.size(); ++i) {
        if (!result.ruleErrors.at(i).isEmpty()) {
            CliCommon::err() << CliText::tr("tokenscope-cli: warning: rule %1 \"%2\" skipped: %3")
                                    .arg(i + 1)
                                    .arg(rules.at(i).name, result.ruleErrors.at(i))
                             << Qt::endl;
        }
    }
    const TokenCounter counter = TokenCounter::forEncoding(*encoding);
    QString output = result.text;
    std::optional<CompressionReport::Truncation> truncation;
    if (budget) {
        const TruncationResult cut = Truncator::truncate(output, qint64(*budget), *strategy, counter);
        truncation = CompressionReport::Truncation { TruncationStrategies::name(*strategy), qint64(*budget),
                                                     cut.truncated, cut.originalTokens, cut.tokens };
        output = cut.text;
    }
    CliCommon::out() << output;
    CliCommon::out().flush();

    if (!counter.isExact())
        CliCommon::err() << CliText::tr("tokenscope-cli: note: %1").arg(counter.unavailableReason())
                         << Qt::endl;
    if (!parser.isSet(QStringLiteral("stats")) && !parser.isSet(QStringLiteral("json")))
        return 0;

    const CompressionReport report = CompressionReport::of(*input, rules, result, output, counter, truncation);
    const QByteArray json = QJsonDocument(CompressionExport::reportJson(report)).toJson(QJsonDocument::Indented);
    if (parser.isSet(QStringLiteral("stats"))) {
        CliCommon::err() << QString::fromUtf8(json);
        CliCommon::err().flush();
    }
    if (parser.isSet(QStringLiteral("json"))) {
        QSaveFile file(parser.value(QStringLiteral("json")));
        if (!file.open(QIODevice::WriteOnly) || file.write(json) != json.size() || !file.commit()) {
            CliCommon::printError(CliText::tr("cannot write %1: %2")
                                      .arg(parser.value(QStringLiteral("json")), file.errorString()));
            return 1;
        }
    }
    return 0;
}

int CliCommands::tokens(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(CliText::tr(
        "Counts the tokens of a text and says how they were counted: exactly with the encoding's rank "
        "file, or estimated per script when it is missing."));
    parser.addHelpOption();
    parser.addOptions({
        encodingOption(),
        { QStringLiteral("json"), CliText::tr("Print JSON instead of a sentence.") },
        { QStringLiteral("ids"), CliText::tr("Also print the token ids (exact counts only).") },
    });
    parser.addPositionalArgument(QStringLiteral("file"), CliText::tr("The text, or - for standard input."));
    if (const auto stop = parseWithFile(parser, arguments, QStringLiteral("tokens")))
        return *stop;
    const auto encoding = encodingFrom(parser);
    if (!encoding)
        return 2;
    const auto input = readInput(parser.positionalArguments().constFirst());
    if (!input)
        return 1;
    const TokenCounter counter = TokenCounter::forEncoding(*encoding);
    const TokenCount count = counter.count(*input);
    if (parser.isSet(QStringLiteral("json"))) {
        QJsonObject o = CompressionExport::countJson(count);
        o.insert(QStringLiteral("chars"), input->size());
        o.insert(QStringLiteral("estimate"), TokenEstimator::count(*input));
        if (parser.isSet(QStringLiteral("ids")) && counter.isExact()) {
            QJsonArray ids;
            for (quint32 id : counter.encoding()->encode(QByteArrayView(input->toUtf8())))
                ids.append(qint64(id));
            o.insert(QStringLiteral("ids"), ids);
        }
        CliCommon::out() << QString::fromUtf8(QJsonDocument(o).toJson(QJsonDocument::Compact)) << '\n';
    } else {
        CliCommon::out() << count.label() << '\n';
        if (parser.isSet(QStringLiteral("ids")) && counter.isExact()) {
            QStringList ids;
            for (quint32 id : counter.encoding()->encode(QByteArrayView(input->toUtf8())))
                ids.append(QString::number(id));
            CliCommon::out() << ids.join(u' ') << '\n';
        }
    }
    CliCommon::out().flush();
    if (!counter.isExact())
        CliCommon::err() << CliText::tr("tokenscope-cli: note: %1").arg(counter.unavailableReason())
                         << Qt::endl;
    return 0;
}
