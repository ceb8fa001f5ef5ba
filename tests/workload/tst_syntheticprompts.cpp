#include "../tokenize/tiktokenpath.h"
#include "workload/syntheticprompts.h"

#include <QSet>
#include <QTest>

#include <algorithm>
#include <numeric>

namespace {

QString languageName(const QString &language)
{
    return language == QLatin1String("zh") ? QStringLiteral("Chinese") : QStringLiteral("English");
}

/// Valid UTF-16 (no lone surrogate): the text's UTF-8 reads back the same.
bool isWellFormed(const QString &text)
{
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar c = text.at(i);
        if (c.isHighSurrogate() && (i + 1 >= text.size() || !text.at(i + 1).isLowSurrogate()))
            return false;
        if (c.isLowSurrogate() && (i == 0 || !text.at(i - 1).isHighSurrogate()))
            return false;
    }
    return QString::fromUtf8(text.toUtf8()) == text;
}

/// True when \a text begins with the beginning of one of \a sentences (at least 8 characters
/// of it, or all of the text when shorter): it reads as corpus text, not as random ids.
bool startsLikeCorpus(QStringView text, const QStringList &sentences)
{
    const qsizetype n = std::min<qsizetype>(8, text.size());
    return std::any_of(sentences.begin(), sentences.end(),
                       [&](const QString &s) { return s.startsWith(text.first(n)); });
}

SyntheticPromptSpec spec(const QString &input, const QString &language, quint64 seed, int count)
{
    SyntheticPromptSpec s;
    QString error;
    const std::optional<LengthDistribution> d = LengthDistribution::parse(input, &error);
    if (!d)
        qFatal("%s", qPrintable(error));
    s.input = *d;
    s.language = language;
    s.seed = seed;
    s.count = count;
    return s;
}

QStringList texts(const SyntheticPromptSet &set)
{
    QStringList out;
    for (const SyntheticPrompt &p : set.prompts)
        out.append(p.text);
    return out;
}

} // namespace

class TestSyntheticPrompts : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void corpus_data();
    void corpus();
    void normalizedLanguage_data();
    void normalizedLanguage();
    void exactLengths_data();
    void exactLengths();
    void exactLengthsOtherSeeds_data();
    void exactLengthsOtherSeeds();
    void countOnlyCounter_data();
    void countOnlyCounter();
    void estimateIsLabelled();
    void endpointStyleCounter();
    void fitNeverSplitsACharacter_data();
    void fitNeverSplitsACharacter();
    void fitErrors();
    void generateFollowsTheDistribution_data();
    void generateFollowsTheDistribution();
    void generateIsDeterministic();
    void numbering();
    void parseSharedPrefix_data();
    void parseSharedPrefix();
    void sharedPrefixErrors_data();
    void sharedPrefixErrors();
    void sharedPrefix_data();
    void sharedPrefix();
    void prefixTooLongForSomePrompts();
    void prefixTooLongForAllPrompts();
    void generateErrors_data();
    void generateErrors();
};

void TestSyntheticPrompts::corpus_data()
{
    QTest::addColumn<QString>("language");
    QTest::newRow("en") << QStringLiteral("en");
    QTest::newRow("zh") << QStringLiteral("zh");
}

void TestSyntheticPrompts::corpus()
{
    QFETCH(QString, language);
    QVERIFY(SyntheticPromptGenerator::languages().contains(language));
    const QStringList sentences = SyntheticPromptGenerator::corpus(language);
    QVERIFY(sentences.size() >= 40);
    QCOMPARE(QSet<QString>(sentences.begin(), sentences.end()).size(), sentences.size());
    for (const QString &s : sentences) {
        QVERIFY2(s.size() >= 15, qPrintable(s));
        QVERIFY2(s.endsWith(u'.') || s.endsWith(u'。'), qPrintable(s));
        QVERIFY(isWellFormed(s));
        if (language == QLatin1String("zh"))
            QVERIFY2(s.at(0).unicode() >= 0x4E00 && s.at(0).unicode() <= 0x9FFF, qPrintable(s));
        else
            QVERIFY2(s.at(0).isUpper(), qPrintable(s));
    }
}

void TestSyntheticPrompts::normalizedLanguage_data()
{
    QTest::addColumn<QString>("given");
    QTest::addColumn<QString>("expected");
    QTest::newRow("en") << QStringLiteral("en") << QStringLiteral("en");
    QTest::newRow("zh_CN") << QStringLiteral("zh_CN") << QStringLiteral("zh");
    QTest::newRow("ZH-Hans") << QStringLiteral("ZH-Hans") << QStringLiteral("zh");
    QTest::newRow("en-US, spaces") << QStringLiteral(" en-US ") << QStringLiteral("en");
    QTest::newRow("fr") << QStringLiteral("fr") << QString();
    QTest::newRow("empty") << QString() << QString();
}

void TestSyntheticPrompts::normalizedLanguage()
{
    QFETCH(QString, given);
    QFETCH(QString, expected);
    QCOMPARE(SyntheticPromptGenerator::normalizedLanguage(given), expected);
    QCOMPARE(SyntheticPromptGenerator::corpus(given).isEmpty(), expected.isEmpty());
}

static void addEncodingLanguageRows()
{
    QTest::addColumn<int>("encoding");
    QTest::addColumn<QString>("language");
    for (BpeEncodingId id : BpeEncodings::all()) {
        for (const QString &language : SyntheticPromptGenerator::languages()) {
            QTest::addRow("%s, %s", qPrintable(BpeEncodings::name(id)), qPrintable(languageName(language)))
                << int(id) << language;
        }
    }
}

void TestSyntheticPrompts::exactLengths_data()
{
    addEncodingLanguageRows();
}

void TestSyntheticPrompts::exactLengths()
{
    QFETCH(int, encoding);
    QFETCH(QString, language);
    REQUIRE_ENCODING(enc, BpeEncodingId(encoding));
    const TokenCounter counter(enc);
    const SyntheticPromptGenerator generator(counter);
    QVERIFY(generator.counter().isExact());
    const QStringList sentences = SyntheticPromptGenerator::corpus(language);
    // Every length, not a sample of them: a cut that re-tokenises into one token more or less,
    // or a character of several tokens at the cut, shows up at some lengths only.
    for (int n = 1; n <= 4096; ++n) {
        QString error;
        const std::optional<QString> text = generator.text(n, language, 7, &error);
        QVERIFY2(text, qPrintable(QStringLiteral("%1 tokens: %2").arg(n).arg(error)));
        const qint64 tokens = counter.tokens(*text);
        if (tokens != n)
            QFAIL(qPrintable(
                QStringLiteral("asked for %1 tokens, got %2: %3").arg(n).arg(tokens).arg(text->right(40))));
        QVERIFY(isWellFormed(*text));
        // (A text of a few tokens may be a lone mark: its first character was several tokens.)
        if (n >= 16)
            QVERIFY2(startsLikeCorpus(*text, sentences), qPrintable(text->left(40)));
    }
}

void TestSyntheticPrompts::exactLengthsOtherSeeds_data()
{
    addEncodingLanguageRows();
}

void TestSyntheticPrompts::exactLengthsOtherSeeds()
{
    QFETCH(int, encoding);
    QFETCH(QString, language);
    REQUIRE_ENCODING(enc, BpeEncodingId(encoding));
    const TokenCounter counter(enc);
    const SyntheticPromptGenerator generator(counter);
    for (quint64 seed : { quint64(0), quint64(1), quint64(2), ~quint64(0) }) {
        for (int n = 1; n <= 400; ++n) {
            const std::optional<QString> text = generator.text(n, language, seed);
            QVERIFY2(text && counter.tokens(*text) == n,
                     qPrintable(QStringLiteral("seed %1, %2 tokens").arg(seed).arg(n)));
        }
    }
    // The same seed, the same text; another seed, another text.
    QCOMPARE(generator.text(300, language, 5), generator.text(300, language, 5));
    QVERIFY(generator.text(300, language, 5) != generator.text(300, language, 6));
}

void TestSyntheticPrompts::countOnlyCounter_data()
{
    addEncodingLanguageRows();
}

void TestSyntheticPrompts::countOnlyCounter()
{
    // Without token ends (as with counts fetched from an endpoint) the first cut is bisected.
    QFETCH(int, encoding);
    QFETCH(QString, language);
    REQUIRE_ENCODING(enc, BpeEncodingId(encoding));
    const TokenCounter counter(enc);
    PromptTokenCounter countOnly = PromptTokenCounter::from(counter);
    countOnly.tokenEnds = nullptr;
    int calls = 0;
    const auto inner = countOnly.count;
    countOnly.count = [&calls, inner](QStringView text) {
        ++calls;
        return inner(text);
    };
    const SyntheticPromptGenerator generator(countOnly);
    for (int n = 1; n <= 300; ++n) {
        calls = 0;
        const std::optional<QString> text = generator.text(n, language, 11);
        QVERIFY2(text && counter.tokens(*text) == n, qPrintable(QString::number(n)));
        QVERIFY2(calls < 100, qPrintable(QStringLiteral("%1 counts for %2 tokens").arg(calls).arg(n)));
    }
}

void TestSyntheticPrompts::estimateIsLabelled()
{
    const TokenCounter estimator; // no encoding: estimates
    const SyntheticPromptGenerator generator(estimator);
    QVERIFY(!generator.counter().isExact());
    QCOMPARE(generator.counter().method, CountMethod::Estimate);
    SyntheticPromptSpec s = spec(QStringLiteral("uniform:20:200"), QStringLiteral("en"), 3, 10);
    QString error;
    const std::optional<SyntheticPromptSet> set = generator.generate(s, &error);
    QVERIFY2(set, qPrintable(error));
    QVERIFY(!set->isExact());
    QCOMPARE(set->method, CountMethod::Estimate);
    QVERIFY2(!set->notes.isEmpty() && set->notes.first().contains(QStringLiteral("estimates")),
             qPrintable(set->notes.join(u'\n')));
    // Exact in the estimator's own terms (what a GUI preview can show without rank files).
    for (const SyntheticPrompt &p : set->prompts)
        QCOMPARE(estimator.tokens(p.text), qint64(p.tokens));
}

void TestSyntheticPrompts::endpointStyleCounter()
{
    // A counter that answers from counts fetched earlier (here: a local encoding standing in).
    REQUIRE_ENCODING(enc, BpeEncodingId::Cl100kBase);
    PromptTokenCounter counter;
    counter.count = [enc](QStringView text) {
        return enc->count(text);
    };
    counter.method = CountMethod::Endpoint;
    counter.source = QStringLiteral("POST /tokenize");
    const SyntheticPromptGenerator generator(counter);
    QString error;
    const std::optional<SyntheticPromptSet> set
        = generator.generate(spec(QStringLiteral("normal:200:40"), QStringLiteral("zh"), 8, 12), &error);
    QVERIFY2(set, qPrintable(error));
    QVERIFY(set->isExact());
    QCOMPARE(set->source, QStringLiteral("POST /tokenize"));
    QVERIFY(set->notes.isEmpty());
    for (const SyntheticPrompt &p : set->prompts)
        QCOMPARE(enc->count(QStringView(p.text)), qsizetype(p.tokens));
}

void TestSyntheticPrompts::fitNeverSplitsACharacter_data()
{
    QTest::addColumn<int>("encoding");
    QTest::newRow("cl100k_base") << int(BpeEncodingId::Cl100kBase);
    QTest::newRow("o200k_base") << int(BpeEncodingId::O200kBase);
}

void TestSyntheticPrompts::fitNeverSplitsACharacter()
{
    // Emoji are several tokens each (a cut cannot land between them one token at a time), and
    // two UTF-16 units each (a cut must not land between those).
    QFETCH(int, encoding);
    REQUIRE_ENCODING(enc, BpeEncodingId(encoding));
    const TokenCounter counter(enc);
    const SyntheticPromptGenerator generator(counter);
    QString source;
    for (int i = 0; i < 6; ++i)
        source += QStringLiteral("😀👍🏽 family 👨‍👩‍👧‍👦 flags 🇨🇳🇺🇸 ✨. 中文😀 with "
                                 "12345。");
    const qint64 total = counter.tokens(source);
    for (int n = 0; n <= total; ++n) {
        QString error;
        const std::optional<QString> text = generator.fit(source, n, {}, &error);
        QVERIFY2(text, qPrintable(QStringLiteral("%1 tokens: %2").arg(n).arg(error)));
        QCOMPARE(counter.tokens(*text), qint64(n));
        QVERIFY2(isWellFormed(*text), qPrintable(QString::number(n)));
    }
    // With a tail: the tail is kept whole and counted in.
    const std::optional<QString> withTail = generator.fit(source, 30, u"\n\n");
    QVERIFY(withTail && withTail->endsWith(QStringLiteral("\n\n")));
    QCOMPARE(counter.tokens(*withTail), qint64(30));
}

void TestSyntheticPrompts::fitErrors()
{
    REQUIRE_ENCODING(enc, BpeEncodingId::O200kBase);
    const SyntheticPromptGenerator generator { TokenCounter(enc) };
    QString error;
    QVERIFY(!generator.fit(u"Just a few words.", 50, {}, &error));
    QVERIFY2(error.contains(QStringLiteral("has only 5 token")), qPrintable(error));
    QVERIFY(!generator.text(0, u"en", 1, &error));
    QVERIFY2(error.contains(QStringLiteral("at least 1 token")), qPrintable(error));
    QVERIFY(!generator.text(10, u"tlh", 1, &error));
    QVERIFY2(error.contains(QStringLiteral("unknown language \"tlh\"")), qPrintable(error));
}

void TestSyntheticPrompts::generateFollowsTheDistribution_data()
{
    QTest::addColumn<QString>("input");
    QTest::addColumn<QString>("language");
    QTest::newRow("uniform, en") << QStringLiteral("uniform:1:600") << QStringLiteral("en");
    QTest::newRow("normal, zh") << QStringLiteral("normal:300:80:1:1000") << QStringLiteral("zh");
    QTest::newRow("weights, en") << QStringLiteral("weights:1,2,3,1000=2") << QStringLiteral("en");
}

void TestSyntheticPrompts::generateFollowsTheDistribution()
{
    QFETCH(QString, input);
    QFETCH(QString, language);
    REQUIRE_ENCODING(enc, BpeEncodingId::Cl100kBase);
    const TokenCounter counter(enc);
    const SyntheticPromptGenerator generator(counter);
    const SyntheticPromptSpec s = spec(input, language, 42, 60);
    QString error;
    const std::optional<SyntheticPromptSet> set = generator.generate(s, &error);
    QVERIFY2(set, qPrintable(error));
    QCOMPARE(set->prompts.size(), 60);
    QCOMPARE(set->source, QStringLiteral("cl100k_base"));
    QVERIFY(set->isExact());
    QVERIFY(set->prefixes.isEmpty());
    // The documented length stream: the sampled lengths are reproducible outside the generator.
    const QList<int> lengths = s.input.samples(60, SeededRandom::derive(42, 1));
    qint64 total = 0;
    for (qsizetype i = 0; i < set->prompts.size(); ++i) {
        const SyntheticPrompt &p = set->prompts.at(i);
        QCOMPARE(p.tokens, lengths.at(i));
        QCOMPARE(counter.tokens(p.text), qint64(p.tokens));
        QCOMPARE(p.prefixIndex, -1);
        QCOMPARE(p.prefixTokens, 0);
        total += p.tokens;
    }
    QCOMPARE(set->totalTokens(), total);
    QCOMPARE(set->prefixTokenShare(), 0.0);
}

void TestSyntheticPrompts::generateIsDeterministic()
{
    REQUIRE_ENCODING(enc, BpeEncodingId::O200kBase);
    const SyntheticPromptGenerator generator { TokenCounter(enc) };
    SyntheticPromptSpec s = spec(QStringLiteral("uniform:50:300"), QStringLiteral("en"), 9, 20);
    s.prefix = { 40, 0.5, 2 };
    const QStringList first = texts(*generator.generate(s));
    QCOMPARE(texts(*generator.generate(s)), first);
    s.seed = 10;
    const QStringList other = texts(*generator.generate(s));
    QVERIFY(other != first);
    // More prompts keep the earlier ones' lengths and texts (those not sharing a prefix: which
    // prompts share depends on the count).
    s.seed = 9;
    s.prefix = {};
    const QStringList twenty = texts(*generator.generate(s));
    s.count = 30;
    QCOMPARE(texts(*generator.generate(s)).first(20), twenty);
}

void TestSyntheticPrompts::numbering()
{
    REQUIRE_ENCODING(enc, BpeEncodingId::Cl100kBase);
    const SyntheticPromptGenerator generator { TokenCounter(enc) };
    SyntheticPromptSpec s = spec(QStringLiteral("uniform:30:80"), QStringLiteral("en"), 1, 12);
    const std::optional<SyntheticPromptSet> numbered = generator.generate(s);
    QVERIFY(numbered);
    QSet<QString> openings;
    for (qsizetype i = 0; i < numbered->prompts.size(); ++i) {
        const QString &text = numbered->prompts.at(i).text;
        QVERIFY2(text.startsWith(QString::number(i + 1) + QStringLiteral(". ")), qPrintable(text.left(20)));
        // The first tokens differ between prompts, so no prefix cache hits by chance.
        openings.insert(text.left(3));
    }
    QCOMPARE(openings.size(), 12);
    s.numbered = false;
    const std::optional<SyntheticPromptSet> plain = generator.generate(s);
    QVERIFY(plain);
    for (const SyntheticPrompt &p : plain->prompts)
        QVERIFY2(startsLikeCorpus(p.text, SyntheticPromptGenerator::corpus(u"en")),
                 qPrintable(p.text.left(20)));
}

void TestSyntheticPrompts::parseSharedPrefix_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<int>("tokens");
    QTest::addColumn<double>("share");
    QTest::addColumn<int>("count");
    QTest::addColumn<QString>("canonical");
    QTest::newRow("tokens:share") << QStringLiteral("512:0.5") << 512 << 0.5 << 1
                                  << QStringLiteral("512:0.5");
    QTest::newRow("percent and count")
        << QStringLiteral("512:25%:4") << 512 << 0.25 << 4 << QStringLiteral("512:0.25:4");
    QTest::newRow("spaces, all prompts")
        << QStringLiteral(" 64 : 1 : 2 ") << 64 << 1.0 << 2 << QStringLiteral("64:1:2");
    QTest::newRow("share zero is off") << QStringLiteral("100:0") << 100 << 0.0 << 1 << QString();
    QTest::newRow("awkward share") << QStringLiteral("10:33.3%") << 10 << 0.333 << 1
                                   << QStringLiteral("10:0.333");
}

void TestSyntheticPrompts::parseSharedPrefix()
{
    QFETCH(QString, text);
    QFETCH(int, tokens);
    QFETCH(double, share);
    QFETCH(int, count);
    QFETCH(QString, canonical);
    QString error;
    const std::optional<SharedPrefixSpec> parsed = ::parseSharedPrefix(text, &error);
    QVERIFY2(parsed, qPrintable(error));
    QCOMPARE(parsed->tokens, tokens);
    QVERIFY(std::abs(parsed->share - share) < 1e-12);
    QCOMPARE(parsed->count, count);
    QCOMPARE(parsed->spec(), canonical);
    if (!canonical.isEmpty())
        QVERIFY(::parseSharedPrefix(parsed->spec()) == parsed);
}

void TestSyntheticPrompts::sharedPrefixErrors_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("message");
    QTest::newRow("tokens only") << QStringLiteral("512")
                                 << QStringLiteral("TOKENS:SHARE or TOKENS:SHARE:COUNT");
    QTest::newRow("four fields") << QStringLiteral("512:0.5:2:3") << QStringLiteral("not \"512:0.5:2:3\"");
    QTest::newRow("zero tokens") << QStringLiteral(
        "0:0.5") << QStringLiteral("the prefix length must be a whole number from 1 to 1000000, not \"0\"");
    QTest::newRow("decimal tokens") << QStringLiteral("12.5:0.5")
                                    << QStringLiteral("the prefix length must be a whole number");
    QTest::newRow("share above 1") << QStringLiteral("512:1.5")
                                   << QStringLiteral("the share must be a number from 0 to 1");
    QTest::newRow("negative share") << QStringLiteral("512:-0.1") << QStringLiteral("not \"-0.1\"");
    QTest::newRow("share over 100%") << QStringLiteral("512:150%") << QStringLiteral("not \"150%\"");
    QTest::newRow("word share") << QStringLiteral("512:half") << QStringLiteral("the share must be a number");
    QTest::newRow("zero prefixes") << QStringLiteral(
        "512:0.5:0") << QStringLiteral("the number of prefixes must be a whole number from 1 to 10000");
    QTest::newRow("too many prefixes") << QStringLiteral("512:0.5:10001") << QStringLiteral("not \"10001\"");
}

void TestSyntheticPrompts::sharedPrefixErrors()
{
    QFETCH(QString, text);
    QFETCH(QString, message);
    QString error;
    QVERIFY(!::parseSharedPrefix(text, &error));
    QVERIFY2(error.contains(message), qPrintable(error));
}

void TestSyntheticPrompts::sharedPrefix_data()
{
    QTest::addColumn<int>("encoding");
    QTest::addColumn<QString>("language");
    QTest::addColumn<QString>("input");
    QTest::addColumn<QString>("prefix");
    QTest::addColumn<int>("count");
    QTest::addColumn<bool>("numbered");
    for (BpeEncodingId id : BpeEncodings::all()) {
        const char *name = id == BpeEncodingId::Cl100kBase ? "cl100k_base" : "o200k_base";
        QTest::addRow("%s, English, half share one prefix", name)
            << int(id) << QStringLiteral("en") << QStringLiteral("uniform:300:600")
            << QStringLiteral("256:0.5") << 40 << true;
        QTest::addRow("%s, Chinese, all share four prefixes", name)
            << int(id) << QStringLiteral("zh") << QStringLiteral("normal:400:50:200:600")
            << QStringLiteral("100:1:4") << 40 << true;
        QTest::addRow("%s, English, a quarter share three prefixes of 1 token", name)
            << int(id) << QStringLiteral("en") << QStringLiteral("uniform:2:50") << QStringLiteral("1:25%:3")
            << 40 << true;
        // Without numbers a suffix starts with a word, which would merge into the prefix's last
        // one but for the blank line between them.
        QTest::addRow("%s, English, not numbered", name)
            << int(id) << QStringLiteral("en") << QStringLiteral("uniform:100:400")
            << QStringLiteral("64:0.6:2") << 30 << false;
        QTest::addRow("%s, Chinese, not numbered", name)
            << int(id) << QStringLiteral("zh") << QStringLiteral("uniform:100:400")
            << QStringLiteral("64:0.6:2") << 30 << false;
    }
}

void TestSyntheticPrompts::sharedPrefix()
{
    QFETCH(int, encoding);
    QFETCH(QString, language);
    QFETCH(QString, input);
    QFETCH(QString, prefix);
    QFETCH(int, count);
    QFETCH(bool, numbered);
    REQUIRE_ENCODING(enc, BpeEncodingId(encoding));
    const TokenCounter counter(enc);
    const SyntheticPromptGenerator generator(counter);
    SyntheticPromptSpec s = spec(input, language, 77, count);
    s.prefix = *::parseSharedPrefix(prefix);
    s.numbered = numbered;
    QString error;
    const std::optional<SyntheticPromptSet> set = generator.generate(s, &error);
    QVERIFY2(set, qPrintable(error));
    QVERIFY2(set->notes.isEmpty(), qPrintable(set->notes.join(u'\n'))); // every length is above the prefix's
    QCOMPARE(set->prefixes.size(), std::min(s.prefix.count, int(std::llround(s.prefix.share * count))));

    for (const QString &p : set->prefixes) {
        QCOMPARE(counter.tokens(p), qint64(s.prefix.tokens));
        QVERIFY(p.endsWith(QStringLiteral("\n\n")));
    }
    QList<int> perPrefix(set->prefixes.size(), 0);
    qint64 prefixTokens = 0;
    for (const SyntheticPrompt &p : set->prompts) {
        QCOMPARE(counter.tokens(p.text), qint64(p.tokens));
        QVERIFY(isWellFormed(p.text));
        if (p.prefixIndex < 0) {
            QCOMPARE(p.prefixTokens, 0);
            QCOMPARE(p.prefixLength, 0);
            continue;
        }
        ++perPrefix[p.prefixIndex];
        prefixTokens += p.prefixTokens;
        const QString &shared = set->prefixes.at(p.prefixIndex);
        QCOMPARE(p.prefixTokens, s.prefix.tokens);
        QCOMPARE(p.prefixLength, shared.size());
        // Byte-for-byte the same prefix, and the same token ids: a server's prefix cache hits.
        QCOMPARE(p.text.left(p.prefixLength).toUtf8(), shared.toUtf8());
        const std::vector<quint32> ids = enc->encode(p.text.toUtf8());
        const std::vector<quint32> prefixIds = enc->encode(shared.toUtf8());
        QVERIFY(ids.size() > prefixIds.size());
        QVERIFY2(std::equal(prefixIds.begin(), prefixIds.end(), ids.begin()),
                 "the prefix tokenises differently");
        // The suffix is exact on its own too.
        QCOMPARE(counter.tokens(QStringView(p.text).sliced(p.prefixLength)),
                 qint64(p.tokens - s.prefix.tokens));
    }
    // SHARE of the prompts, spread evenly over the prefixes.
    const int sharing = std::accumulate(perPrefix.begin(), perPrefix.end(), 0);
    QCOMPARE(sharing, int(std::llround(s.prefix.share * count)));
    if (!perPrefix.isEmpty()) {
        const auto [lo, hi] = std::minmax_element(perPrefix.begin(), perPrefix.end());
        QVERIFY(*hi - *lo <= 1);
    }
    QVERIFY(std::abs(set->prefixTokenShare() - double(prefixTokens) / double(set->totalTokens())) < 1e-12);
    // Distinct prefixes differ from their first tokens on (when long enough to be numbered).
    if (numbered && s.prefix.tokens >= 8) {
        QSet<QString> openings;
        for (const QString &p : set->prefixes)
            openings.insert(p.left(10));
        QCOMPARE(openings.size(), set->prefixes.size());
    }
}

void TestSyntheticPrompts::prefixTooLongForSomePrompts()
{
    REQUIRE_ENCODING(enc, BpeEncodingId::Cl100kBase);
    const TokenCounter counter(enc);
    const SyntheticPromptGenerator generator(counter);
    SyntheticPromptSpec s = spec(QStringLiteral("uniform:50:150"), QStringLiteral("en"), 5, 40);
    s.prefix = { 100, 1.0, 1 };
    QString error;
    const std::optional<SyntheticPromptSet> set = generator.generate(s, &error);
    QVERIFY2(set, qPrintable(error));
    int without = 0;
    for (const SyntheticPrompt &p : set->prompts) {
        QCOMPARE(counter.tokens(p.text), qint64(p.tokens)); // lengths are kept
        QCOMPARE(p.prefixIndex < 0, p.tokens <= 100);
        without += p.prefixIndex < 0 ? 1 : 0;
    }
    QVERIFY(without > 0);
    QCOMPARE(set->notes.size(), 1);
    QVERIFY2(set->notes.first().contains(QStringLiteral("%1 prompt").arg(without)),
             qPrintable(set->notes.first()));
}

void TestSyntheticPrompts::prefixTooLongForAllPrompts()
{
    const SyntheticPromptGenerator generator { TokenCounter() };
    SyntheticPromptSpec s = spec(QStringLiteral("uniform:50:150"), QStringLiteral("en"), 5, 4);
    s.prefix = { 150, 0.5, 1 };
    QString error;
    QVERIFY(!generator.generate(s, &error));
    QVERIFY2(error.contains(QStringLiteral("a shared prefix of 150 tokens leaves no room"))
                 && error.contains(QStringLiteral("at most 150 tokens long")),
             qPrintable(error));
}

void TestSyntheticPrompts::generateErrors_data()
{
    QTest::addColumn<QString>("language");
    QTest::addColumn<int>("count");
    QTest::addColumn<QString>("input");
    QTest::addColumn<QString>("message");
    QTest::newRow("unknown language") << QStringLiteral("fr") << 1 << QStringLiteral("10")
                                      << QStringLiteral("unknown language \"fr\" (expected en or zh)");
    QTest::newRow("negative count") << QStringLiteral("en") << -1 << QStringLiteral("10")
                                    << QStringLiteral(
                                           "the number of prompts must be from 0 to 100000, not -1");
    QTest::newRow("too many prompts")
        << QStringLiteral("en") << 100'001 << QStringLiteral("10") << QStringLiteral("not 100001");
    QTest::newRow("too many tokens") << QStringLiteral("en") << 100'000 << QStringLiteral("1000000")
                                     << QStringLiteral("more than 200000000 tokens in all");
}

void TestSyntheticPrompts::generateErrors()
{
    QFETCH(QString, language);
    QFETCH(int, count);
    QFETCH(QString, input);
    QFETCH(QString, message);
    const SyntheticPromptGenerator generator { TokenCounter() };
    QString error;
    QVERIFY(!generator.generate(spec(input, language, 1, count), &error));
    QVERIFY2(error.contains(message), qPrintable(error));
    // No prompts is not an error.
    const std::optional<SyntheticPromptSet> none
        = generator.generate(spec(input, QStringLiteral("en"), 1, 0));
    QVERIFY(none && none->prompts.isEmpty());
}

QTEST_GUILESS_MAIN(TestSyntheticPrompts)
#include "tst_syntheticprompts.moc"
