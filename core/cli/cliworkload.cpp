#include "cliworkload.h"
#include "clicommon.h"

#include "tokenize/tokencounter.h"
#include "workload/dataset.h"
#include "workload/endpointpromptcounter.h"
#include "workload/lengthdistribution.h"
#include "workload/syntheticprompts.h"
#include "workload/tracefile.h"
#include "workload/workloadbuilder.h"

#include <QLocale>

#include <cmath>
#include <limits>

namespace {

const QString InputTokens = QStringLiteral("input-tokens");
const QString OutputTokens = QStringLiteral("output-tokens");
const QString IgnoreEos = QStringLiteral("ignore-eos");
const QString Tokenizer = QStringLiteral("tokenizer");
const QString Language = QStringLiteral("language");
const QString SharedPrefix = QStringLiteral("shared-prefix");
const QString DatasetFile = QStringLiteral("dataset");
const QString DatasetFormat = QStringLiteral("dataset-format");
const QString DatasetInput = QStringLiteral("dataset-input-tokens");
const QString DatasetOutput = QStringLiteral("dataset-output-tokens");
const QString Seed = QStringLiteral("workload-seed");
const QString Trace = QStringLiteral("trace");
const QString TimeScale = QStringLiteral("time-scale");
const QString Turns = QStringLiteral("turns");
const QString ThinkTime = QStringLiteral("think-time");

/// "MIN:MAX" (either side may be empty) as a token range.
std::optional<Dataset::TokenRange> tokenRange(const QCommandLineParser &parser, const QString &name)
{
    Dataset::TokenRange range;
    if (!parser.isSet(name))
        return range;
    const QString value = parser.value(name);
    const QStringList parts = value.split(u':');
    bool okMin = true;
    bool okMax = true;
    if (parts.size() == 2) {
        if (!parts.at(0).isEmpty())
            range.min = parts.at(0).toLongLong(&okMin);
        if (!parts.at(1).isEmpty())
            range.max = parts.at(1).toLongLong(&okMax);
    }
    if (parts.size() != 2 || !okMin || !okMax || range.min < 0 || range.max < range.min) {
        CliCommon::printError(
            CliText::tr("--%1 expects MIN:MAX tokens (either may be left out), got \"%2\"").arg(name, value));
        return std::nullopt;
    }
    return range;
}

const QString EndpointTokenizer = QStringLiteral("endpoint");

/// The counter --tokenizer names: an encoding, or the endpoint's own /tokenize (then the chat
/// template's overhead is measured once, for the check after the run).
std::optional<PromptTokenCounter> counterFrom(const QCommandLineParser &parser, const EndpointProfile &endpoint,
                                              CliWorkload::Workload &workload)
{
    const QString name = parser.value(Tokenizer);
    if (name == EndpointTokenizer) {
        QString error;
        std::optional<PromptTokenCounter> counter = EndpointPromptCounter::create(endpoint, &error);
        if (!counter) {
            CliCommon::printError(QStringLiteral("--%1 %2: %3").arg(Tokenizer, name, error));
            return std::nullopt;
        }
        workload.templateOverhead = EndpointPromptCounter::templateOverhead(endpoint, &error);
        if (workload.templateOverhead)
            workload.notes.append(CliText::tr("Lengths counted by the endpoint (POST /tokenize); its chat template "
                                              "adds %n token(s) to a one-message prompt",
                                              "", int(*workload.templateOverhead)));
        else
            workload.notes.append(
                CliText::tr("Lengths counted by the endpoint (POST /tokenize); the chat template's overhead "
                            "could not be measured (%1)")
                    .arg(error));
        return counter;
    }
    const std::optional<TokenCounter> counter = WorkloadBuilder::tokenCounter(name);
    if (!counter) {
        CliCommon::printError(CliText::tr("--tokenizer expects one of %1, got \"%2\"")
                                  .arg((WorkloadBuilder::tokenizerNames() << EndpointTokenizer).join(QStringLiteral(", ")),
                                       name));
        return std::nullopt;
    }
    return PromptTokenCounter::from(*counter);
}

} // namespace

QList<QCommandLineOption> CliWorkload::options()
{
    return {
        { InputTokens,
          CliText::tr("Synthetic prompts of this many tokens: N, uniform:MIN:MAX, normal:MEAN:SD[:MIN:MAX] or "
                      "hist:FILE (lines \"LENGTH WEIGHT\")."),
          CliText::tr("spec") },
        { OutputTokens,
          CliText::tr("Each request's max_tokens from this length spec (same forms as --input-tokens)."),
          CliText::tr("spec") },
        { IgnoreEos,
          CliText::tr("Ask for exactly max_tokens (ignore_eos, min_tokens) where the protocol allows it: "
                      "vLLM, SGLang and llama.cpp take it; hosted APIs do not.") },
        { Tokenizer,
          CliText::tr("What counts --input-tokens: cl100k_base (default), o200k_base, or endpoint (the server's "
                      "own POST /tokenize, as llama.cpp and vLLM have)."),
          CliText::tr("name"), QStringLiteral("cl100k_base") },
        { Language, CliText::tr("Language of the synthetic text: en or zh (default en)."), CliText::tr("code"),
          QStringLiteral("en") },
        { SharedPrefix,
          CliText::tr("TOKENS:SHARE[:COUNT]: that share of the prompts starts with one of COUNT prefixes of "
                      "TOKENS tokens (to measure prefix caching)."),
          CliText::tr("spec") },
        { DatasetFile, CliText::tr("Prompts from a dataset: ShareGPT JSON, chat JSONL or CSV with a prompt column."),
          CliText::tr("file") },
        { DatasetFormat, CliText::tr("Dataset format: auto, sharegpt, jsonl or csv (default auto)."),
          CliText::tr("format"), QStringLiteral("auto") },
        { DatasetInput, CliText::tr("Keep dataset prompts of MIN:MAX input tokens."), CliText::tr("range") },
        { DatasetOutput, CliText::tr("Keep dataset entries whose answer is MIN:MAX tokens."), CliText::tr("range") },
        { Seed, CliText::tr("Seed of the workload's random draws (default 1)."), CliText::tr("n"),
          QStringLiteral("1") },
    };
}

QList<QCommandLineOption> CliWorkload::scheduleOptions()
{
    return {
        { Trace,
          CliText::tr("Replay a trace: JSONL lines with an arrival time (\"timestamp\" or \"arrival_ms\" in ms, "
                      "\"arrival_s\" in s), \"input_tokens\" and \"output_tokens\" (or a \"prompt\")."),
          CliText::tr("file") },
        { TimeScale, CliText::tr("Stretch the trace's time by this factor (2: half as fast; default 1)."),
          CliText::tr("x"), QStringLiteral("1") },
        { Turns,
          CliText::tr("Multi-turn conversations of N requests, each turn carrying the earlier prompts and "
                      "answers (default 1)."),
          CliText::tr("n"), QStringLiteral("1") },
        { ThinkTime, CliText::tr("Seconds between an answer and the conversation's next turn (default 0)."),
          CliText::tr("s"), QStringLiteral("0") },
    };
}

std::optional<CliWorkload::Workload> CliWorkload::apply(const QCommandLineParser &parser,
                                                      const QList<GenerationRequest> &prompts, int count,
                                                      const EndpointProfile &endpoint, bool withSchedule)
{
    Workload workload { prompts, {}, {}, 1, 0 };
    const bool synthetic = parser.isSet(InputTokens);
    const bool dataset = parser.isSet(DatasetFile);
    const bool trace = withSchedule && parser.isSet(Trace);
    if (int(synthetic) + int(dataset) + int(trace) > 1) {
        CliCommon::printError(CliText::tr("--input-tokens, --dataset and --trace are three sources of prompts: give one"));
        return std::nullopt;
    }
    if ((synthetic || dataset || trace)
        && (parser.isSet(QStringLiteral("prompt")) || parser.isSet(QStringLiteral("prompts")))) {
        CliCommon::printError(CliText::tr("--%1 replaces --prompt and --prompts: give one of them")
                                  .arg(synthetic ? InputTokens : dataset ? DatasetFile : Trace));
        return std::nullopt;
    }
    if (withSchedule) {
        const auto turns = CliCommon::number(parser, Turns, 1, 1000);
        const auto think = CliCommon::number(parser, ThinkTime, 0, 3600);
        const auto scale = CliCommon::number(parser, TimeScale, 1e-6, 1e6);
        if (!turns || !think || !scale)
            return std::nullopt;
        if (std::floor(*turns) != *turns) {
            CliCommon::printError(CliText::tr("--turns expects a whole number"));
            return std::nullopt;
        }
        workload.turns = int(*turns);
        workload.thinkTimeMs = *think * 1000.0;
        if (trace && workload.turns > 1) {
            CliCommon::printError(CliText::tr("--turns is for closed-loop runs; a trace sets its own pace"));
            return std::nullopt;
        }
        if (parser.isSet(TimeScale) && !trace) {
            CliCommon::printError(CliText::tr("--time-scale needs --trace"));
            return std::nullopt;
        }
        if (trace) {
            QString error;
            std::optional<TraceFile> file = TraceFile::fromFile(parser.value(Trace), &error);
            if (file && *scale != 1)
                file = file->scaled(*scale, &error);
            if (!file) {
                CliCommon::printError(error);
                return std::nullopt;
            }
            const std::optional<PromptTokenCounter> counter = counterFrom(parser, endpoint, workload);
            if (!counter)
                return std::nullopt;
            bool seedOk = false;
            const quint64 seed = parser.value(Seed).toULongLong(&seedOk);
            const QString language = SyntheticPromptGenerator::normalizedLanguage(parser.value(Language));
            const SyntheticPromptGenerator generator(*counter);
            const GenerationRequest defaults = WorkloadBuilder::defaultsOf(prompts);
            workload.prompts.clear();
            for (const TraceEntry &e : file->entries()) {
                GenerationRequest r = defaults;
                QString text = e.prompt;
                if (text.isEmpty()) {
                    // Readable text of the trace's length, its own for every line.
                    const std::optional<QString> made = generator.text(
                        e.inputTokens, language,
                        SeededRandom::derive(seedOk ? seed : 1,
                                             WorkloadBuilder::TraceTextStream + quint64(e.line)),
                        &error);
                    if (!made) {
                        CliCommon::printError(QStringLiteral("%1:%2: %3").arg(parser.value(Trace)).arg(e.line).arg(error));
                        return std::nullopt;
                    }
                    text = *made;
                }
                r.messages.append({ QStringLiteral("user"), text });
                if (e.outputTokens > 0)
                    r.maxTokens = e.outputTokens;
                workload.prompts.append(r);
                workload.arrivalsNs.append(e.arrivalNs);
            }
            workload.notes.append(CliText::tr("Workload: trace %1, %n request(s) over %2 s (time scale %3)", "",
                                              int(file->size()))
                                      .arg(parser.value(Trace), QLocale().toString(double(file->durationNs()) / 1e9, 'f', 1),
                                           QLocale().toString(*scale)));
        }
        if (workload.turns > 1)
            workload.notes.append(CliText::tr("Conversations of %n turn(s), %1 s between an answer and the next turn",
                                              "", workload.turns)
                                      .arg(QLocale().toString(*think)));
    }
    if (parser.isSet(SharedPrefix) && !synthetic) {
        CliCommon::printError(CliText::tr("--shared-prefix needs --input-tokens"));
        return std::nullopt;
    }
    if ((parser.isSet(DatasetInput) || parser.isSet(DatasetOutput)) && !dataset) {
        CliCommon::printError(CliText::tr("--%1 needs --dataset")
                                  .arg(parser.isSet(DatasetInput) ? DatasetInput : DatasetOutput));
        return std::nullopt;
    }
    bool seedOk = false;
    const quint64 seed = parser.value(Seed).toULongLong(&seedOk);
    if (!seedOk) {
        CliCommon::printError(CliText::tr("--workload-seed expects a whole number"));
        return std::nullopt;
    }
    count = std::max(1, count);
    const GenerationRequest defaults = WorkloadBuilder::defaultsOf(prompts);

    if (synthetic) {
        QString error;
        const std::optional<LengthDistribution> input = LengthDistribution::parse(parser.value(InputTokens), &error);
        if (!input) {
            CliCommon::printError(QStringLiteral("--%1: %2").arg(InputTokens, error));
            return std::nullopt;
        }
        const std::optional<PromptTokenCounter> counter = counterFrom(parser, endpoint, workload);
        if (!counter)
            return std::nullopt;
        SyntheticPromptSpec spec;
        spec.input = *input;
        spec.language = SyntheticPromptGenerator::normalizedLanguage(parser.value(Language));
        if (!SyntheticPromptGenerator::languages().contains(spec.language)) {
            CliCommon::printError(CliText::tr("--language expects one of %1, got \"%2\"")
                                      .arg(SyntheticPromptGenerator::languages().join(QStringLiteral(", ")),
                                           parser.value(Language)));
            return std::nullopt;
        }
        spec.seed = seed;
        if (parser.isSet(SharedPrefix)) {
            const std::optional<SharedPrefixSpec> prefix = parseSharedPrefix(parser.value(SharedPrefix), &error);
            if (!prefix) {
                CliCommon::printError(QStringLiteral("--%1: %2").arg(SharedPrefix, error));
                return std::nullopt;
            }
            spec.prefix = *prefix;
        }
        const std::optional<WorkloadBuilder::SyntheticRequests> set
            = WorkloadBuilder::syntheticRequests(spec, count, *counter, defaults, &error);
        if (!set) {
            CliCommon::printError(error);
            return std::nullopt;
        }
        workload.prompts = set->prompts;
        workload.inputTokens = set->inputTokens;
        workload.notes.append(CliText::tr("Workload: %n synthetic prompt(s), %1 (%2, %3), seed %4", "",
                                          int(set->prompts.size()))
                                  .arg(input->description(), set->isExact() ? set->source : CliText::tr("estimated"),
                                       spec.language)
                                  .arg(seed));
        if (spec.prefix.isEnabled())
            workload.notes.append(
                CliText::tr("Shared prefixes: %1 (%2% of the input tokens are prefix)")
                    .arg(spec.prefix.spec(), QLocale().toString(100.0 * set->prefixTokenShare, 'f', 1)));
        for (const QString &note : set->notes)
            workload.notes.append(note);
    } else if (dataset) {
        const std::optional<Dataset::Format> format = Dataset::formatFromName(parser.value(DatasetFormat));
        if (!format) {
            CliCommon::printError(CliText::tr("--dataset-format expects auto, sharegpt, jsonl or csv, got \"%1\"")
                                      .arg(parser.value(DatasetFormat)));
            return std::nullopt;
        }
        const auto input = tokenRange(parser, DatasetInput);
        const auto output = tokenRange(parser, DatasetOutput);
        if (!input || !output)
            return std::nullopt;
        QString error;
        std::optional<Dataset> data = Dataset::fromFile(parser.value(DatasetFile), &error, *format);
        if (!data) {
            CliCommon::printError(error);
            return std::nullopt;
        }
        const std::optional<PromptTokenCounter> counter = counterFrom(parser, endpoint, workload);
        if (!counter)
            return std::nullopt;
        data = WorkloadBuilder::inRange(*data, *input, *output, *counter);
        if (data->isEmpty()) {
            CliCommon::printError(CliText::tr("%1: no entry left: %2").arg(parser.value(DatasetFile), data->summary().text()));
            return std::nullopt;
        }
        const Dataset sample = WorkloadBuilder::sample(*data, count, seed);
        workload.prompts = WorkloadBuilder::datasetRequests(sample, defaults, *counter);
        workload.notes.append(CliText::tr("Workload: dataset %1 (%2): %3, seed %4")
                                  .arg(parser.value(DatasetFile), Dataset::formatName(sample.format()),
                                       sample.summary().text())
                                  .arg(seed));
    }

    if (parser.isSet(OutputTokens)) {
        QString error;
        const std::optional<LengthDistribution> output = LengthDistribution::parse(parser.value(OutputTokens), &error);
        if (!output) {
            CliCommon::printError(QStringLiteral("--%1: %2").arg(OutputTokens, error));
            return std::nullopt;
        }
        // One length per prompt, drawn in the prompts' order.
        WorkloadBuilder::applyOutputLengths(workload.prompts, *output, seed);
        workload.notes.append(CliText::tr("Output: max_tokens of %1").arg(output->description()));
    }
    if (parser.isSet(IgnoreEos)) {
        WorkloadBuilder::forceOutputLength(workload.prompts);
        workload.notes.append(CliText::tr("Output length forced with ignore_eos / min_tokens where the protocol takes them"));
    }
    return workload;
}

QString CliWorkload::lengthCheck(const Workload &workload, const QList<GenerationRequest> &prompts,
                                 const QList<RequestRecord> &records)
{
    if (!workload.templateOverhead || workload.inputTokens.isEmpty() || prompts.isEmpty())
        return {};
    int checked = 0;
    int exact = 0;
    qint64 worst = 0;
    for (const RequestRecord &r : records) {
        if (r.warmup || !r.trace.ok() || r.turn > 1 || !r.trace.usage.promptTokens || r.index < 0)
            continue;
        const qsizetype i = r.index % prompts.size();
        // The overhead was measured on a one-message prompt: a system message adds its own.
        if (i >= workload.inputTokens.size() || prompts.at(i).messages.size() != 1)
            continue;
        const qint64 off = *r.trace.usage.promptTokens - *workload.templateOverhead - workload.inputTokens.at(i);
        ++checked;
        exact += off == 0 ? 1 : 0;
        if (std::abs(off) > std::abs(worst))
            worst = off;
    }
    if (checked == 0)
        return {};
    if (exact == checked)
        return CliText::tr("Input lengths: all %1 requests' prompt_tokens less the template's %2 equal the asked "
                           "length")
            .arg(checked)
            .arg(*workload.templateOverhead);
    return CliText::tr("Input lengths: %1 of %2 requests' prompt_tokens less the template's %3 equal the asked "
                       "length; the farthest is off by %4 tokens")
        .arg(exact)
        .arg(checked)
        .arg(*workload.templateOverhead)
        .arg(worst);
}
