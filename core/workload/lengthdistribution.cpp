#include "lengthdistribution.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QLocale>

#include <algorithm>
#include <cmath>
#include <limits>

namespace {

/// Which number a message is about.
enum class Field { Length, Minimum, Maximum, Mean, Stddev };

QString fieldName(Field field)
{
    switch (field) {
    case Field::Length:
        return QCoreApplication::translate("LengthDistribution", "the length");
    case Field::Minimum:
        return QCoreApplication::translate("LengthDistribution", "the minimum");
    case Field::Maximum:
        return QCoreApplication::translate("LengthDistribution", "the maximum");
    case Field::Mean:
        return QCoreApplication::translate("LengthDistribution", "the mean");
    case Field::Stddev:
        return QCoreApplication::translate("LengthDistribution", "the standard deviation");
    }
    return {};
}

/// Shortest text that reads back as the same double (C locale: a spec is not localised).
QString number(double value)
{
    return QString::number(value, 'g', QLocale::FloatingPointShortest);
}

bool fail(QString *error, const QString &message)
{
    if (error)
        *error = message;
    return false;
}

/// A whole number of tokens in 1..MaxTokens; the message says which rule \a text breaks.
std::optional<int> parseTokens(QStringView text, Field field, QString *error)
{
    const QStringView t = text.trimmed();
    const QString name = fieldName(field);
    if (t.isEmpty()) {
        fail(error, QCoreApplication::translate("LengthDistribution", "%1 is missing").arg(name));
        return std::nullopt;
    }
    qsizetype start = (t.front() == u'+' || t.front() == u'-') ? 1 : 0;
    const bool digitsOnly = t.size() > start
        && std::all_of(t.begin() + start, t.end(), [](QChar c) { return c >= u'0' && c <= u'9'; });
    if (!digitsOnly) {
        fail(error,
             QCoreApplication::translate("LengthDistribution",
                                         "%1 must be a whole number of tokens, not \"%2\"")
                 .arg(name, t.toString()));
        return std::nullopt;
    }
    // More than 12 digits is over the maximum whatever they are; fewer fit in a qint64.
    const QStringView digits = t.sliced(start);
    const bool huge = digits.size() > 12;
    const qint64 magnitude = huge ? std::numeric_limits<qint64>::max() : digits.toLongLong();
    const qint64 value = t.front() == u'-' ? -magnitude : magnitude;
    if (value < 1) {
        fail(error,
             QCoreApplication::translate("LengthDistribution", "%1 must be at least 1 token, not %2")
                 .arg(name, t.toString()));
        return std::nullopt;
    }
    if (value > LengthDistribution::MaxTokens) {
        fail(error,
             QCoreApplication::translate("LengthDistribution", "%1 must be at most %2 tokens, not %3")
                 .arg(name, QString::number(LengthDistribution::MaxTokens), t.toString()));
        return std::nullopt;
    }
    return int(value);
}

/// A finite number (decimals allowed).
std::optional<double> parseReal(QStringView text, Field field, QString *error)
{
    const QStringView t = text.trimmed();
    bool ok = false;
    const double value = t.toDouble(&ok);
    if (t.isEmpty()) {
        fail(error, QCoreApplication::translate("LengthDistribution", "%1 is missing").arg(fieldName(field)));
        return std::nullopt;
    }
    if (!ok || !std::isfinite(value)) {
        fail(error,
             QCoreApplication::translate("LengthDistribution", "%1 must be a number, not \"%2\"")
                 .arg(fieldName(field), t.toString()));
        return std::nullopt;
    }
    return value;
}

/// A histogram weight: a finite number ≥ 0. Returns an error text or {}.
QString parseWeight(QStringView text, double *weight)
{
    const QStringView t = text.trimmed();
    bool ok = false;
    *weight = t.toDouble(&ok);
    if (!ok || !std::isfinite(*weight)) {
        return QCoreApplication::translate("LengthDistribution", "the weight must be a number, not \"%1\"")
            .arg(t.toString());
    }
    if (*weight < 0) {
        return QCoreApplication::translate("LengthDistribution", "the weight must not be negative, not %1")
            .arg(t.toString());
    }
    return {};
}

/// Φ, the standard normal distribution function.
double normalCdf(double z)
{
    return 0.5 * std::erfc(-z / std::sqrt(2.0));
}

/// Splits "LENGTH WEIGHT", "LENGTH,WEIGHT" or "LENGTH" into fields; empty when none of these.
QList<QStringView> entryFields(QStringView line)
{
    QList<QStringView> fields;
    if (line.contains(u',')) {
        for (QStringView field : line.split(u','))
            fields.append(field.trimmed());
        return fields.size() == 2 ? fields : QList<QStringView> {};
    }
    for (QStringView field : line.split(u' ', Qt::SkipEmptyParts)) {
        for (QStringView part : field.split(u'\t', Qt::SkipEmptyParts))
            fields.append(part);
    }
    return fields.size() <= 2 ? fields : QList<QStringView> {};
}

const char *const expectedSpecs
    = QT_TRANSLATE_NOOP("LengthDistribution",
                        "expected N, fixed:N, uniform:MIN:MAX, normal:MEAN:STDDEV, "
                        "normal:MEAN:STDDEV:MIN:MAX, hist:FILE or weights:LEN=W,...");

QString expectedSpecsText()
{
    return QCoreApplication::translate("LengthDistribution", expectedSpecs);
}

} // namespace

// ---------------------------------------------------------------------------------------------
// SeededRandom

quint64 SeededRandom::below(std::mt19937_64 &rng, quint64 bound)
{
    if (bound <= 1)
        return 0;
    // 2^64 mod bound values at the bottom would make small results likelier; skip them.
    const quint64 threshold = (0 - bound) % bound;
    for (;;) {
        const quint64 x = rng();
        if (x >= threshold)
            return x % bound;
    }
}

qint64 SeededRandom::between(std::mt19937_64 &rng, qint64 min, qint64 max)
{
    if (max <= min)
        return min;
    const quint64 span = quint64(max) - quint64(min) + 1; // 0 means the full 64-bit range
    const quint64 offset = span == 0 ? rng() : below(rng, span);
    return qint64(quint64(min) + offset);
}

double SeededRandom::unit(std::mt19937_64 &rng)
{
    return double(rng() >> 11) * 0x1.0p-53;
}

double SeededRandom::standardNormal(std::mt19937_64 &rng)
{
    for (;;) {
        const double u = 2.0 * unit(rng) - 1.0;
        const double v = 2.0 * unit(rng) - 1.0;
        // Separate statements: a fused multiply-add would round differently on some CPUs.
        const double uu = u * u;
        const double vv = v * v;
        const double s = uu + vv;
        if (s > 0.0 && s < 1.0) {
            const double logS = std::log(s);
            const double factor = std::sqrt(-2.0 * logS / s);
            return u * factor;
        }
    }
}

quint64 SeededRandom::derive(quint64 seed, quint64 stream)
{
    // SplitMix64 (Steele, Lea and Flood) of the random seed and then of the stream.
    const auto mix = [](quint64 z) {
        z += 0x9E3779B97F4A7C15ULL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
        return z ^ (z >> 31);
    };
    return mix(mix(seed) ^ stream);
}

QList<int> SeededRandom::permutation(std::mt19937_64 &rng, int n)
{
    QList<int> order(std::max(n, 0));
    for (int i = 0; i < n; ++i)
        order[i] = i;
    for (int i = n - 1; i > 0; --i)
        std::swap(order[i], order[qsizetype(below(rng, quint64(i) + 1))]);
    return order;
}

// ---------------------------------------------------------------------------------------------
// LengthDistribution

LengthDistribution LengthDistribution::fixed(int tokens)
{
    LengthDistribution d;
    d.m_kind = Kind::Fixed;
    d.m_min = d.m_max = std::clamp(tokens, 1, MaxTokens);
    d.m_mean = d.m_min;
    d.m_stddev = 0;
    return d;
}

std::optional<LengthDistribution> LengthDistribution::parse(const QString &spec, QString *error)
{
    const QStringView s = QStringView(spec).trimmed();
    if (s.isEmpty()) {
        fail(error, tr("the length specification is empty (%1)").arg(expectedSpecsText()));
        return std::nullopt;
    }
    const qsizetype colon = s.indexOf(u':');
    if (colon < 0) {
        // A bare number; anything else that starts like one gets the number's message.
        const QChar first = s.front();
        if (first.isDigit() || first == u'-' || first == u'+' || first == u'.')
            return parseFixed(s, error);
        fail(error, tr("unknown length distribution \"%1\" (%2)").arg(s.toString(), expectedSpecsText()));
        return std::nullopt;
    }
    const QString kind = s.first(colon).trimmed().toString().toLower();
    const QStringView rest = s.sliced(colon + 1);
    if (kind == QLatin1String("fixed"))
        return parseFixed(rest, error);
    if (kind == QLatin1String("uniform"))
        return parseUniform(rest.split(u':'), error);
    if (kind == QLatin1String("normal"))
        return parseNormal(rest.split(u':'), error);
    if (kind == QLatin1String("weights"))
        return parseWeights(rest, error);
    if (kind == QLatin1String("hist")) {
        if (rest.trimmed().isEmpty()) {
            fail(error, tr("hist: needs a file name, e.g. hist:lengths.txt"));
            return std::nullopt;
        }
        return fromHistogramFile(rest.trimmed().toString(), error);
    }
    fail(error, tr("unknown length distribution \"%1\" (%2)").arg(kind, expectedSpecsText()));
    return std::nullopt;
}

std::optional<LengthDistribution> LengthDistribution::parseFixed(QStringView value, QString *error)
{
    if (value.contains(u':')) {
        fail(error, tr("fixed takes one length: fixed:N"));
        return std::nullopt;
    }
    const std::optional<int> tokens = parseTokens(value, Field::Length, error);
    if (!tokens)
        return std::nullopt;
    return fixed(*tokens);
}

std::optional<LengthDistribution> LengthDistribution::parseUniform(const QList<QStringView> &fields,
                                                                   QString *error)
{
    if (fields.size() != 2) {
        fail(error, tr("uniform takes two lengths: uniform:MIN:MAX"));
        return std::nullopt;
    }
    const std::optional<int> min = parseTokens(fields.at(0), Field::Minimum, error);
    if (!min)
        return std::nullopt;
    const std::optional<int> max = parseTokens(fields.at(1), Field::Maximum, error);
    if (!max)
        return std::nullopt;
    if (*min > *max) {
        fail(error,
             tr("the minimum (%1) is larger than the maximum (%2)")
                 .arg(QString::number(*min), QString::number(*max)));
        return std::nullopt;
    }
    LengthDistribution d;
    d.m_kind = Kind::Uniform;
    d.m_min = *min;
    d.m_max = *max;
    d.m_mean = (double(*min) + double(*max)) / 2.0;
    const double n = double(*max) - double(*min) + 1.0;
    d.m_stddev = std::sqrt((n * n - 1.0) / 12.0);
    return d;
}

std::optional<LengthDistribution> LengthDistribution::parseNormal(const QList<QStringView> &fields,
                                                                  QString *error)
{
    if (fields.size() != 2 && fields.size() != 4) {
        fail(error,
             tr("normal takes a mean and a standard deviation, and optionally bounds: "
                "normal:MEAN:STDDEV or normal:MEAN:STDDEV:MIN:MAX"));
        return std::nullopt;
    }
    const std::optional<double> mean = parseReal(fields.at(0), Field::Mean, error);
    if (!mean)
        return std::nullopt;
    const std::optional<double> stddev = parseReal(fields.at(1), Field::Stddev, error);
    if (!stddev)
        return std::nullopt;
    if (*stddev < 0) {
        fail(error, tr("the standard deviation must not be negative, not %1").arg(fields.at(1).trimmed()));
        return std::nullopt;
    }
    if (*stddev > MaxTokens) {
        fail(error,
             tr("the standard deviation must be at most %1 tokens, not %2")
                 .arg(QString::number(MaxTokens), fields.at(1).trimmed().toString()));
        return std::nullopt;
    }
    int min = 1;
    int max = MaxTokens;
    if (fields.size() == 4) {
        const std::optional<int> lo = parseTokens(fields.at(2), Field::Minimum, error);
        if (!lo)
            return std::nullopt;
        const std::optional<int> hi = parseTokens(fields.at(3), Field::Maximum, error);
        if (!hi)
            return std::nullopt;
        if (*lo > *hi) {
            fail(error,
                 tr("the minimum (%1) is larger than the maximum (%2)")
                     .arg(QString::number(*lo), QString::number(*hi)));
            return std::nullopt;
        }
        min = *lo;
        max = *hi;
    }
    if (*mean < min || *mean > max) {
        fail(error,
             tr("the mean (%1) must lie within %2..%3 tokens")
                 .arg(fields.at(0).trimmed().toString(), QString::number(min), QString::number(max)));
        return std::nullopt;
    }
    LengthDistribution d;
    d.m_kind = Kind::Normal;
    d.m_min = min;
    d.m_max = max;
    d.m_normalMean = *mean;
    d.m_normalStddev = *stddev;
    d.computeNormalMoments();
    return d;
}

void LengthDistribution::computeNormalMoments()
{
    const double mu = m_normalMean;
    const double sigma = m_normalStddev;
    if (sigma == 0) {
        m_min = m_max = std::clamp(int(std::floor(mu + 0.5)), m_min, m_max);
        m_mean = m_min;
        m_stddev = 0;
        return;
    }
    // sample() gives k for a deviate in [k - 0.5, k + 0.5), the bounds take the tails. Beyond
    // 12 σ the mass is below 1e-32, so the window is limited to that (and to the bounds).
    const double lowD = std::max(double(m_min), std::floor(mu - 12 * sigma));
    const double highD = std::min(double(m_max), std::ceil(mu + 12 * sigma));
    const qint64 low = qint64(lowD);
    const qint64 high = std::max(low, qint64(highD));
    double sum = 0;
    double sumSquares = 0;
    double below = 0; // Φ at the lower edge of k
    for (qint64 k = low; k <= high; ++k) {
        const double upper = k == high ? 1.0 : normalCdf((double(k) + 0.5 - mu) / sigma);
        const double p = upper - below;
        sum += p * double(k);
        sumSquares += p * double(k) * double(k);
        below = upper;
    }
    m_mean = sum;
    m_stddev = std::sqrt(std::max(0.0, sumSquares - sum * sum));
}

std::optional<LengthDistribution> LengthDistribution::parseWeights(QStringView list, QString *error)
{
    std::vector<std::pair<int, double>> entries;
    const QList<QStringView> items = list.split(u',');
    for (qsizetype i = 0; i < items.size(); ++i) {
        const QStringView item = items.at(i).trimmed();
        const qsizetype eq = item.indexOf(u'=');
        QString problem;
        const std::optional<int> length
            = parseTokens(eq < 0 ? item : item.first(eq), Field::Length, &problem);
        double weight = 1;
        if (length && eq >= 0)
            problem = parseWeight(item.sliced(eq + 1), &weight);
        if (!length || !problem.isEmpty()) {
            fail(error,
                 tr("weights: item %1 (\"%2\"): %3").arg(QString::number(i + 1), item.toString(), problem));
            return std::nullopt;
        }
        entries.emplace_back(*length, weight);
    }
    return fromTable(std::move(entries), QStringLiteral("weights"), error);
}

std::optional<LengthDistribution> LengthDistribution::fromHistogramFile(const QString &path, QString *error)
{
    const QString name = QDir::toNativeSeparators(path);
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        fail(error, tr("%1: cannot read the file: %2").arg(name, file.errorString()));
        return std::nullopt;
    }
    if (file.size() > MaxHistogramFileBytes) {
        fail(error,
             tr("%1: the file is larger than %2 MiB")
                 .arg(name, QString::number(MaxHistogramFileBytes / (1024 * 1024))));
        return std::nullopt;
    }
    // read() with a cap: a file that grows after the size check is not read without bound.
    const QByteArray content = file.read(MaxHistogramFileBytes + 1);
    if (content.size() > MaxHistogramFileBytes) {
        fail(error,
             tr("%1: the file is larger than %2 MiB")
                 .arg(name, QString::number(MaxHistogramFileBytes / (1024 * 1024))));
        return std::nullopt;
    }
    std::optional<LengthDistribution> d = fromHistogramBytes(content, name, error);
    if (d)
        d->m_sourceFile = QFileInfo(path).absoluteFilePath();
    return d;
}

std::optional<LengthDistribution>
LengthDistribution::fromHistogramBytes(QByteArrayView content, const QString &sourceName, QString *error)
{
    if (content.startsWith("\xEF\xBB\xBF"))
        content = content.sliced(3);
    const QString text = QString::fromUtf8(content);
    std::vector<std::pair<int, double>> entries;
    const QList<QStringView> lines = QStringView(text).split(u'\n');
    for (qsizetype i = 0; i < lines.size(); ++i) {
        QStringView line = lines.at(i);
        if (const qsizetype hash = line.indexOf(u'#'); hash >= 0)
            line = line.first(hash);
        line = line.trimmed(); // also drops a '\r'
        if (line.isEmpty())
            continue;
        const auto lineFail = [&](const QString &message) {
            fail(error, QStringLiteral("%1:%2: %3").arg(sourceName, QString::number(i + 1), message));
            return std::nullopt;
        };
        const QList<QStringView> fields = entryFields(line);
        if (fields.isEmpty()) {
            return lineFail(tr("expected \"LENGTH WEIGHT\", \"LENGTH,WEIGHT\" or \"LENGTH\", not \"%1\"")
                                .arg(line.toString()));
        }
        QString problem;
        const std::optional<int> length = parseTokens(fields.at(0), Field::Length, &problem);
        if (!length)
            return lineFail(problem);
        double weight = 1;
        if (fields.size() == 2) {
            problem = parseWeight(fields.at(1), &weight);
            if (!problem.isEmpty())
                return lineFail(problem);
        }
        entries.emplace_back(*length, weight);
    }
    return fromTable(std::move(entries), sourceName, error);
}

std::optional<LengthDistribution> LengthDistribution::fromTable(std::vector<std::pair<int, double>> entries,
                                                                const QString &sourceName, QString *error)
{
    if (entries.empty()) {
        fail(error, tr("%1: no lengths were found").arg(sourceName));
        return std::nullopt;
    }
    std::stable_sort(entries.begin(), entries.end(),
                     [](const auto &a, const auto &b) { return a.first < b.first; });
    LengthDistribution d;
    d.m_kind = Kind::Histogram;
    for (const auto &[length, weight] : entries) {
        if (!d.m_lengths.empty() && d.m_lengths.back() == length) {
            d.m_weights.back() += weight;
            continue;
        }
        d.m_lengths.push_back(length);
        d.m_weights.push_back(weight);
    }
    // Lengths whose weights add up to zero can never be drawn: they do not widen min()..max().
    for (size_t i = d.m_lengths.size(); i-- > 0;) {
        if (d.m_weights[i] == 0) {
            d.m_lengths.erase(d.m_lengths.begin() + qsizetype(i));
            d.m_weights.erase(d.m_weights.begin() + qsizetype(i));
        }
    }
    double total = 0;
    for (double w : d.m_weights) {
        total += w;
        d.m_cumulative.push_back(total);
    }
    if (d.m_lengths.empty()) {
        fail(error, tr("%1: the weights add up to zero").arg(sourceName));
        return std::nullopt;
    }
    if (!std::isfinite(total)) {
        fail(error, tr("%1: the weights are too large to add up").arg(sourceName));
        return std::nullopt;
    }
    double sum = 0;
    for (size_t i = 0; i < d.m_lengths.size(); ++i)
        sum += d.m_weights[i] * d.m_lengths[i];
    d.m_mean = sum / total;
    double squares = 0;
    for (size_t i = 0; i < d.m_lengths.size(); ++i)
        squares += d.m_weights[i] * (d.m_lengths[i] - d.m_mean) * (d.m_lengths[i] - d.m_mean);
    d.m_stddev = std::sqrt(squares / total);
    d.m_min = d.m_lengths.front();
    d.m_max = d.m_lengths.back();
    return d;
}

QString LengthDistribution::spec() const
{
    switch (m_kind) {
    case Kind::Fixed:
        return QStringLiteral("fixed:%1").arg(m_min);
    case Kind::Uniform:
        return QStringLiteral("uniform:%1:%2").arg(m_min).arg(m_max);
    case Kind::Normal: {
        QString s = QStringLiteral("normal:") + number(m_normalMean) + u':' + number(m_normalStddev);
        // σ = 0 narrowed min..max to the one value; the bounds as given are not kept then.
        if (m_normalStddev > 0 && (m_min != 1 || m_max != MaxTokens))
            s += u':' + QString::number(m_min) + u':' + QString::number(m_max);
        return s;
    }
    case Kind::Histogram: {
        QString s = QStringLiteral("weights:");
        for (size_t i = 0; i < m_lengths.size(); ++i) {
            if (i > 0)
                s += u',';
            s += QString::number(m_lengths[i]);
            if (m_weights[i] != 1)
                s += u'=' + number(m_weights[i]);
        }
        return s;
    }
    }
    return {};
}

QString LengthDistribution::description() const
{
    switch (m_kind) {
    case Kind::Fixed:
        return tr("fixed, %n token(s)", nullptr, m_min);
    case Kind::Uniform:
        return tr("uniform, %1–%2 tokens").arg(m_min).arg(m_max);
    case Kind::Normal:
        return tr("normal, mean %1, standard deviation %2, %3–%4 tokens")
            .arg(number(m_normalMean), number(m_normalStddev), QString::number(m_min),
                 QString::number(m_max));
    case Kind::Histogram:
        if (!m_sourceFile.isEmpty()) {
            return tr("histogram of %1, %2–%3 tokens")
                .arg(QDir::toNativeSeparators(m_sourceFile), QString::number(m_min), QString::number(m_max));
        }
        return tr("histogram, %1–%2 tokens").arg(m_min).arg(m_max);
    }
    return {};
}

QList<QPair<int, double>> LengthDistribution::table() const
{
    QList<QPair<int, double>> out;
    out.reserve(qsizetype(m_lengths.size()));
    for (size_t i = 0; i < m_lengths.size(); ++i)
        out.append({ m_lengths[i], m_weights[i] });
    return out;
}

int LengthDistribution::sample(std::mt19937_64 &rng) const
{
    switch (m_kind) {
    case Kind::Fixed:
        return m_min;
    case Kind::Uniform:
        return int(SeededRandom::between(rng, m_min, m_max));
    case Kind::Normal: {
        if (m_min == m_max)
            return m_min;
        const double x = m_normalMean + m_normalStddev * SeededRandom::standardNormal(rng);
        // Clamped before rounding, so an extreme deviate cannot overflow the int.
        const double clamped = std::clamp(x, double(m_min), double(m_max));
        return int(std::floor(clamped + 0.5));
    }
    case Kind::Histogram: {
        const double u = SeededRandom::unit(rng) * m_cumulative.back();
        const auto it = std::upper_bound(m_cumulative.begin(), m_cumulative.end(), u);
        // u rounds up to the total only in a last-bit tie; that draw belongs to the last length.
        const size_t i = std::min(size_t(it - m_cumulative.begin()), m_cumulative.size() - 1);
        return m_lengths[i];
    }
    }
    return m_min;
}

QList<int> LengthDistribution::samples(int n, quint64 seed) const
{
    QList<int> out;
    if (n <= 0)
        return out;
    out.reserve(n);
    std::mt19937_64 rng(seed);
    for (int i = 0; i < n; ++i)
        out.append(sample(rng));
    return out;
}

bool LengthDistribution::operator==(const LengthDistribution &other) const
{
    return m_kind == other.m_kind && m_min == other.m_min && m_max == other.m_max
        && m_normalMean == other.m_normalMean && m_normalStddev == other.m_normalStddev
        && m_lengths == other.m_lengths && m_weights == other.m_weights;
}

// ---------------------------------------------------------------------------------------------
// LengthHistogram

int LengthHistogram::total() const
{
    int sum = 0;
    for (int c : counts)
        sum += c;
    return sum;
}

LengthHistogram lengthHistogram(const QList<int> &lengths, int bins)
{
    LengthHistogram h;
    if (lengths.isEmpty() || bins < 1)
        return h;
    const auto [lowIt, highIt] = std::minmax_element(lengths.begin(), lengths.end());
    const qint64 low = *lowIt;
    const qint64 span = qint64(*highIt) - low + 1;
    const qint64 width = (span + bins - 1) / bins;
    const qint64 used = (span + width - 1) / width;
    for (qint64 i = 0; i <= used; ++i)
        h.edges.append(int(low + i * width));
    h.counts.fill(0, used);
    for (int length : lengths)
        ++h.counts[qsizetype((length - low) / width)];
    return h;
}
