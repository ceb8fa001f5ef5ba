#include "abmeasurement.h"

#include "client/streamingclient.h"
#include "metrics/requestmetrics.h"

#include <QRandomGenerator>

#include <algorithm>
#include <cmath>

namespace {

std::vector<quint64> bigrams(QStringView text)
{
    std::vector<char32_t> cps;
    cps.reserve(size_t(text.size()));
    bool space = false;
    for (qsizetype i = 0; i < text.size(); ++i) {
        char32_t cp = text.at(i).unicode();
        if (QChar::isHighSurrogate(cp) && i + 1 < text.size() && text.at(i + 1).isLowSurrogate()) {
            cp = QChar::surrogateToUcs4(text.at(i), text.at(i + 1));
            ++i;
        }
        if (QChar::isSpace(cp)) {
            space = !cps.empty();
            continue;
        }
        if (space)
            cps.push_back(U' ');
        space = false;
        cps.push_back(QChar::toLower(cp));
    }
    std::vector<quint64> out;
    if (cps.size() == 1)
        out.push_back(quint64(cps[0]) << 32); // a one-character text is its own "bigram"
    for (size_t i = 0; i + 1 < cps.size(); ++i)
        out.push_back((quint64(cps[i]) << 32) | cps[i + 1]);
    std::sort(out.begin(), out.end());
    return out;
}

} // namespace

double AnswerSimilarity::dice(QStringView a, QStringView b)
{
    const std::vector<quint64> x = bigrams(a);
    const std::vector<quint64> y = bigrams(b);
    if (x.empty() && y.empty())
        return 1.0;
    if (x.empty() || y.empty())
        return 0.0;
    size_t i = 0, j = 0, common = 0;
    while (i < x.size() && j < y.size()) {
        if (x[i] == y[j]) {
            ++common;
            ++i;
            ++j;
        } else if (x[i] < y[j]) {
            ++i;
        } else {
            ++j;
        }
    }
    return 2.0 * double(common) / double(x.size() + y.size());
}

MeanCi AnswerSimilarity::between(const QStringList &answers, const QStringList &references)
{
    QList<double> values;
    for (const QString &a : answers) {
        double sum = 0;
        for (const QString &r : references)
            sum += dice(a, r);
        if (!references.isEmpty())
            values.append(sum / double(references.size()));
    }
    return MeanCi::of(values);
}

MeanCi AnswerSimilarity::within(const QStringList &answers)
{
    QList<double> values;
    for (qsizetype i = 0; i < answers.size(); ++i) {
        for (qsizetype j = i + 1; j < answers.size(); ++j)
            values.append(dice(answers.at(i), answers.at(j)));
    }
    return MeanCi::of(values);
}

QStringList AbArm::answers() const
{
    QStringList out;
    for (const AbSample &s : samples) {
        if (s.ok)
            out.append(s.answer);
    }
    return out;
}

void AbArm::summarise()
{
    QList<double> tokens, ttft, e2e, prefill, costs;
    failures = 0;
    for (const AbSample &s : std::as_const(samples)) {
        if (!s.ok) {
            ++failures;
            continue;
        }
        tokens.append(double(s.promptTokens));
        ttft.append(s.ttftMs);
        e2e.append(s.e2eMs);
        prefill.append(s.prefillMs);
        costs.append(s.cost);
    }
    promptTokens = MeanCi::of(tokens);
    ttftMs = MeanCi::of(ttft);
    e2eMs = MeanCi::of(e2e);
    prefillMs = MeanCi::of(prefill);
    cost = MeanCi::of(costs);
}

double AbResult::changePercent(const MeanCi &original, const MeanCi &compressed)
{
    if (original.n == 0 || compressed.n == 0 || original.mean == 0)
        return 0;
    return (compressed.mean - original.mean) / original.mean * 100.0;
}

AbMeasurement::AbMeasurement(QObject *parent)
    : QObject(parent)
    , m_client(new StreamingClient(this))
    // A random start: the server's cache outlives this object, and the next one's requests
    // must not repeat these first lines.
    , m_requestNumber(QRandomGenerator::global()->bounded(900'000'000u))
{
}

AbMeasurement::~AbMeasurement() = default;

void AbMeasurement::cancel()
{
    m_cancelled = true;
    m_client->cancelAll();
}

QCoro::Task<AbSample> AbMeasurement::sendOne(AbConfig config, QString prompt)
{
    AbSample sample;
    GenerationRequest request;
    QString system = config.systemPrompt;
    if (config.bypassPrefixCache) {
        // Nine digits always: the line is the same number of tokens in every request.
        const QString line = QStringLiteral("Request %1.").arg(100'000'000 + m_requestNumber++ % 900'000'000);
        system = system.isEmpty() ? line : line + u'\n' + system;
    }
    if (!system.isEmpty())
        request.messages.append({ QStringLiteral("system"), system });
    request.messages.append({ QStringLiteral("user"), prompt });
    request.maxTokens = config.maxTokens;
    request.temperature = config.temperature;
    request.stream = true;
    QPointer<AbMeasurement> self(this);
    const RequestTrace trace = co_await m_client->send(config.profile, request, config.options);
    if (!self)
        co_return sample;
    const RequestMetrics metrics = Metrics::compute(trace);
    sample.ok = trace.ok();
    sample.error = trace.ok()
        ? QString()
        : (trace.errorMessage.isEmpty() ? ErrorClasses::name(trace.error) : trace.errorMessage);
    sample.answer = trace.text;
    sample.e2eMs = metrics.e2eMs;
    sample.ttftMs = metrics.ttftMs.value_or(metrics.e2eMs);
    sample.prefillMs = metrics.phases[Phase::Prompt];
    if (trace.usage.promptTokens) {
        sample.promptTokens = *trace.usage.promptTokens;
        sample.promptTokensFromUsage = true;
    } else {
        sample.promptTokens = config.counter.tokens(config.systemPrompt) + config.counter.tokens(prompt);
    }
    sample.completionTokens = trace.usage.completionTokens.value_or(metrics.outputTokens);
    sample.cost = (double(sample.promptTokens) * config.profile.pricePerMInput
                   + double(sample.completionTokens) * config.profile.pricePerMOutput)
        / 1e6;
    co_return sample;
}

QCoro::Task<AbResult> AbMeasurement::run(AbConfig config, QString original, QString compressed)
{
    AbResult result;
    m_cancelled = false;
    result.original.prompt = original;
    result.compressed.prompt = compressed;
    result.original.countedPromptTokens = config.counter.tokens(original);
    result.compressed.countedPromptTokens = config.counter.tokens(compressed);
    const int n = std::max(1, config.repetitions);
    QPointer<AbMeasurement> self(this);
    Q_EMIT progress(0, 2 * n);
    for (int i = 0; i < n; ++i) {
        for (int arm = 0; arm < 2; ++arm) {
            AbSample sample = co_await sendOne(config, arm == 0 ? original : compressed);
            if (!self)
                co_return result;
            (arm == 0 ? result.original : result.compressed).samples.append(sample);
            Q_EMIT progress(2 * i + arm + 1, 2 * n);
            if (m_cancelled)
                break;
        }
        if (m_cancelled)
            break;
    }
    result.cancelled = m_cancelled;
    result.original.summarise();
    result.compressed.summarise();
    result.similarity = AnswerSimilarity::between(result.compressed.answers(), result.original.answers());
    result.baselineSimilarity = AnswerSimilarity::within(result.original.answers());
    co_return result;
}

QCoro::Task<QList<AbSweepRow>> AbMeasurement::sweep(AbConfig config, QString original, QList<double> ratios,
                                                    TruncationStrategy strategy)
{
    QList<AbSweepRow> rows;
    m_cancelled = false;
    const int n = std::max(1, config.repetitions);
    const int total = n * int(ratios.size() + 1);
    int done = 0;
    QPointer<AbMeasurement> self(this);
    Q_EMIT progress(0, total);

    AbArm base;
    base.prompt = original;
    base.countedPromptTokens = config.counter.tokens(original);
    for (int i = 0; i < n && !m_cancelled; ++i) {
        AbSample sample = co_await sendOne(config, original);
        if (!self)
            co_return rows;
        base.samples.append(sample);
        Q_EMIT progress(++done, total);
    }
    base.summarise();
    const QStringList references = base.answers();

    for (double ratio : std::as_const(ratios)) {
        if (m_cancelled)
            break;
        AbSweepRow row;
        row.targetRatio = ratio;
        row.budget = std::max<qint64>(1, qint64(std::llround(ratio * double(base.countedPromptTokens))));
        const TruncationResult cut = Truncator::truncate(original, row.budget, strategy, config.counter);
        row.arm.prompt = cut.text;
        row.arm.countedPromptTokens = cut.tokens;
        row.actualRatio
            = base.countedPromptTokens > 0 ? double(cut.tokens) / double(base.countedPromptTokens) : 1.0;
        for (int i = 0; i < n && !m_cancelled; ++i) {
            AbSample sample = co_await sendOne(config, cut.text);
            if (!self)
                co_return rows;
            row.arm.samples.append(sample);
            Q_EMIT progress(++done, total);
        }
        row.arm.summarise();
        row.similarity = AnswerSimilarity::between(row.arm.answers(), references);
        rows.append(row);
    }
    // The uncompressed point closes the curve at ratio 1.
    AbSweepRow full;
    full.targetRatio = 1;
    full.budget = base.countedPromptTokens;
    full.actualRatio = 1;
    full.arm = base;
    // Against itself: the run-to-run baseline, or exactly 1 with a single answer.
    full.similarity = references.size() >= 2 ? AnswerSimilarity::within(references)
                                             : MeanCi::of(QList<double>(references.size(), 1.0));
    rows.append(full);
    co_return rows;
}
