#include "syntheticprompts.h"

#include <QLocale>

#include <algorithm>
#include <array>
#include <cmath>

namespace {

// The built-in corpus: ordinary sentences written for TokenScope, about everyday life and
// computing, so generated prompts read like text and tokenise like text (not like random ids).
constexpr std::array<const char16_t *, 42> englishSentences = {
    u"The morning train was late again, so Maria read three chapters of her novel on the platform.",
    u"A good cache keeps the most useful answers close at hand and forgets the rest without regret.",
    u"When the kettle began to whistle, everyone in the office suddenly remembered they wanted tea.",
    u"Latency is the time you wait; throughput is how much work gets done while you are waiting.",
    u"The old bridge over the river was repainted green last spring, and the pigeons seem to approve.",
    u"Before changing the database schema, write a migration and test it on a copy of real data.",
    u"My neighbour grows tomatoes on her balcony and gives away more than she could ever eat.",
    u"A compiler turns readable source code into instructions that a processor can execute quickly.",
    u"On rainy Sundays the library is full of students, retirees, and people hiding from the weather.",
    u"If a request takes longer than expected, check the network before blaming the server.",
    u"The bakery on the corner sells warm bread at seven and is usually sold out by nine.",
    u"Good documentation explains why a decision was made, not only what the code does.",
    u"He forgot his umbrella twice in one week and finally bought a bright yellow one.",
    u"A histogram shows how values are spread out, which an average alone can easily hide.",
    u"The children built a small robot from cardboard, two motors, and a great deal of tape.",
    u"Most bugs are found by people who read the error message slowly and completely.",
    u"In autumn the park smells of wet leaves, roasted chestnuts, and distant wood smoke.",
    u"Streaming lets a reader start on the first sentence while the rest is still being written.",
    u"She keeps a notebook of recipes that worked, with small notes about what to change next time.",
    u"A load test should look like real traffic, with short and long requests mixed together.",
    u"The museum opened a new room about early computers, including a machine that filled a wall.",
    u"Version control lets a team try bold ideas, because every step can be undone.",
    u"The bus driver waited an extra minute for a runner, and the whole bus cheered.",
    u"Memory is fast but limited, while disks are slower but remember everything after a restart.",
    u"We planted a row of sunflowers along the fence, and by August they were taller than the gate.",
    u"A clear agenda for a meeting saves more time than any clever scheduling tool.",
    u"The weather report promised sunshine, yet a light drizzle followed us all afternoon.",
    u"Sorting a list first often turns a slow search into a fast one.",
    u"Grandfather still repairs his own bicycle and insists that a drop of oil solves most problems.",
    u"A tokenizer splits text into pieces, and long or rare words often become several pieces.",
    u"The café by the station plays quiet jazz and lets people stay for hours with one coffee.",
    u"Monitoring a service means watching both the typical case and the slowest few percent.",
    u"After the storm, the beach was covered in shells, seaweed, and one very confused crab.",
    u"Writing tests first can feel slow, but it makes later changes much less frightening.",
    u"The market sells apples from twelve different farms, and each stall claims to have the sweetest.",
    u"Two servers sharing one queue usually serve customers faster than two separate queues.",
    u"She learned to play the violin at forty and now performs with a small community orchestra.",
    u"A timeout protects a program from waiting forever for an answer that will never come.",
    u"Every winter the town lights a tall tree in the square, and the bakery sells gingerbread stars.",
    u"Good error messages name the file, the line, and what the program expected to find there.",
    u"The hiking trail climbs steadily for two hours and rewards walkers with a view of three lakes.",
    u"Batching requests together can raise throughput, though each one may wait a little longer.",
};

constexpr std::array<const char16_t *, 42> chineseSentences = {
    u"早上的地铁又晚了十分钟，小王只好在站台上多看了几页书。",
    u"好的缓存会把常用的结果放在手边，把不再需要的内容悄悄忘掉。",
    u"水壶一响，办公室里的人忽然都想起自己还没喝茶。",
    u"延迟是你等待的时间，吞吐量是在你等待时完成了多少工作。",
    u"修改数据库结构之前，最好先写好迁移脚本，并在真实数据的副本上试一试。",
    u"楼下的邻居在阳台上种了西红柿，每到夏天都会分给大家一些。",
    u"编译器把人能读懂的源代码变成处理器能快速执行的指令。",
    u"下雨的周末，图书馆里坐满了学生、退休老人和躲雨的路人。",
    u"如果请求比预期慢，先检查网络，再去怀疑服务器。",
    u"街角的面包店早上七点开门，九点以前热面包通常就卖完了。",
    u"好的文档不仅说明代码做了什么，还会解释当初为什么这样设计。",
    u"他一周之内两次忘带雨伞，最后干脆买了一把明黄色的。",
    u"直方图能看出数值是怎样分布的，只看平均数很容易忽略这一点。",
    u"孩子们用纸板、两个小电机和一大卷胶带做了一个机器人。",
    u"很多错误其实是被那些耐心读完报错信息的人发现的。",
    u"秋天的公园里有落叶的味道，还有远处飘来的烤栗子香。",
    u"流式输出让读者可以先看第一句话，而后面的内容还在生成。",
    u"她有一本笔记，专门记录做成功的菜，并写下下次要改进的地方。",
    u"压力测试应该像真实流量一样，把长请求和短请求混在一起。",
    u"博物馆新开了一个早期计算机展厅，其中一台机器占满了整面墙。",
    u"版本控制让团队敢于尝试大胆的想法，因为每一步都可以撤销。",
    u"公交司机为一位奔跑的乘客多等了一分钟，车上的人都鼓起掌来。",
    u"内存速度快但容量有限，硬盘虽然慢，重启之后却什么都记得。",
    u"我们沿着篱笆种了一排向日葵，到八月已经比院门还高了。",
    u"开会之前有一个清楚的议程，比任何聪明的排程工具都更省时间。",
    u"天气预报说今天是晴天，可是整个下午都飘着小雨。",
    u"先把列表排好序，往往能把很慢的查找变成很快的查找。",
    u"爷爷至今还自己修自行车，并且坚信大多数毛病加点油就能解决。",
    u"分词器把文本切成小片段，很长或很少见的词常常会被切成好几段。",
    u"车站旁边的咖啡馆放着轻柔的爵士乐，点一杯咖啡就能坐一下午。",
    u"监控一个服务，既要看普通情况，也要看最慢的那百分之几。",
    u"暴风雨过后，海滩上到处是贝壳、海草，还有一只不知所措的螃蟹。",
    u"先写测试有时显得慢，但以后修改代码时会安心得多。",
    u"集市上卖着十二家农场的苹果，每个摊位都说自己的最甜。",
    u"两台服务器共用一个队列，通常比各排各的队伍处理得更快。",
    u"她四十岁才开始学小提琴，现在已经在社区乐团里登台演出了。",
    u"超时设置能防止程序一直等待一个永远不会到来的回答。",
    u"每年冬天，镇上的广场都会点亮一棵大树，面包店也开始卖姜饼星星。",
    u"好的错误信息会写明文件名、行号，以及程序原本期望看到什么。",
    u"这条山路要爬两个小时，到了山顶可以同时看到三个湖。",
    u"把几个请求合成一批处理可以提高吞吐量，不过每个请求可能要多等一会儿。",
    u"周五晚上，我们常常一边包饺子，一边聊这一周遇到的趣事。",
};

// Endings tried when one more code point would jump over the target (a character of several
// tokens): first marks that are usually one token of their own (CJK text tries its own
// punctuation first), then "1.", "1.1", ... of two to five tokens in any context (digits and
// dots are split apart before BPE), for jumps of three tokens or more (e.g. an emoji).
constexpr std::array<const char16_t *, 14> latinEndings
    = { u".", u",", u";", u":", u"!", u"?", u"...", u" -", u"1", u"a", u"1.", u"1.1", u"1.1.", u"1.1.1" };
constexpr std::array<const char16_t *, 14> cjkEndings
    = { u"。", u"，", u"、", u"；", u"！", u"？", u"…", u".", u",", u"1", u"1.", u"1.1", u"1.1.", u"1.1.1" };

// Bounds that make every search finite.
constexpr int MaxWalkSteps = 256; // code points stepped from the first cut
constexpr int MaxBackSteps = 48; // code points tried with an ending when stepping jumps over
constexpr int MaxSourceDoublings = 16;
constexpr int MaxVariants = 4; // other sentence orders tried when no cut of one fits

// Seed streams, so lengths, sharing and texts are independent of each other.
constexpr quint64 LengthStream = 1;
constexpr quint64 SharingStream = 2;
constexpr quint64 PromptTextStream = 3;
constexpr quint64 PrefixTextStream = 4;

bool isInsidePair(QStringView s, qsizetype i)
{
    return i > 0 && i < s.size() && s.at(i).isLowSurrogate() && s.at(i - 1).isHighSurrogate();
}

qsizetype nextBoundary(QStringView s, qsizetype i)
{
    if (i >= s.size())
        return s.size();
    ++i;
    return isInsidePair(s, i) ? i + 1 : i;
}

qsizetype previousBoundary(QStringView s, qsizetype i)
{
    if (i <= 0)
        return 0;
    --i;
    return isInsidePair(s, i) ? i - 1 : i;
}

QString joined(QStringView head, QStringView middle, QStringView tail)
{
    QString out;
    out.reserve(head.size() + middle.size() + tail.size());
    out.append(head);
    out.append(middle);
    out.append(tail);
    return out;
}

bool isCjkContext(QStringView text)
{
    return !text.isEmpty() && text.back().unicode() >= 0x2E80;
}

/// Sentences of \a corpus in a seeded order, a new shuffle each time the corpus is used up,
/// until the text is at least \a minChars long. The same seed always starts the same way.
QString sentenceText(const QStringList &corpus, QStringView separator, quint64 seed, qsizetype minChars)
{
    std::mt19937_64 rng(seed);
    QString text;
    while (text.size() < minChars) {
        const QList<int> order = SeededRandom::permutation(rng, int(corpus.size()));
        for (int index : order) {
            if (!text.isEmpty())
                text += separator;
            text += corpus.at(index);
            if (text.size() >= minChars)
                break;
        }
    }
    return text;
}

QString separatorFor(const QString &language)
{
    return language == QLatin1String("zh") ? QString() : QStringLiteral(" ");
}

/// Characters of source text to start from for \a tokens tokens: generous, so that one pass
/// is usually enough (this corpus: English ~5 characters per token, Chinese ~1.2 with
/// cl100k_base and o200k_base); the source doubles when it is not.
qsizetype initialChars(const QString &language, int tokens)
{
    return language == QLatin1String("zh") ? qsizetype(tokens) * 3 / 2 + 48 : qsizetype(tokens) * 6 + 64;
}

/// Prompt content, not UI: in the prompts' language, never translated.
QString promptOpener(int number)
{
    return QString::number(number) + QStringLiteral(". ");
}

QString prefixOpener(const QString &language, int number)
{
    if (language == QLatin1String("zh"))
        return QStringLiteral("背景") + QString::number(number) + QStringLiteral("：");
    return QStringLiteral("Context ") + QString::number(number) + QStringLiteral(": ");
}

/// A whole number in 1..max for the shared-prefix spec; the message names \a what.
std::optional<int> parsePositive(QStringView text, int max, const QString &what, QString *error)
{
    const QStringView t = text.trimmed();
    bool ok = !t.isEmpty() && std::all_of(t.begin(), t.end(), [](QChar c) { return c >= u'0' && c <= u'9'; });
    const qint64 value = ok && t.size() <= 12 ? t.toLongLong(&ok) : -1;
    if (!ok || value < 1 || value > max) {
        if (error) {
            *error = QCoreApplication::translate("SharedPrefixSpec",
                                                 "%1 must be a whole number from 1 to %2, not \"%3\"")
                         .arg(what, QString::number(max), t.toString());
        }
        return std::nullopt;
    }
    return int(value);
}

std::optional<double> parseShare(QStringView text, QString *error)
{
    QStringView t = text.trimmed();
    const bool percent = t.endsWith(u'%');
    if (percent)
        t.chop(1);
    bool ok = false;
    double value = t.trimmed().toDouble(&ok);
    // 33.3% is 0.333, not 0.33299999999999996: 15 digits are all a percentage can carry.
    if (percent)
        value = QString::number(value / 100.0, 'g', 15).toDouble();
    if (!ok || !std::isfinite(value) || value < 0 || value > 1) {
        if (error) {
            *error = QCoreApplication::translate("SharedPrefixSpec",
                                                 "the share must be a number from 0 to 1 (or 0% to 100%), "
                                                 "not \"%1\"")
                         .arg(text.trimmed().toString());
        }
        return std::nullopt;
    }
    return value;
}

} // namespace

// ---------------------------------------------------------------------------------------------
// SharedPrefixSpec

QString SharedPrefixSpec::spec() const
{
    if (!isEnabled())
        return {};
    QString s = QString::number(tokens) + u':' + QString::number(share, 'g', QLocale::FloatingPointShortest);
    if (count != 1)
        s += u':' + QString::number(count);
    return s;
}

std::optional<SharedPrefixSpec> parseSharedPrefix(const QString &spec, QString *error)
{
    const QList<QStringView> fields = QStringView(spec).trimmed().split(u':');
    if (fields.size() != 2 && fields.size() != 3) {
        if (error) {
            *error = QCoreApplication::translate("SharedPrefixSpec",
                                                 "a shared prefix is TOKENS:SHARE or TOKENS:SHARE:COUNT "
                                                 "(e.g. 512:0.5 or 512:50%:4), not \"%1\"")
                         .arg(spec.trimmed());
        }
        return std::nullopt;
    }
    SharedPrefixSpec result;
    const std::optional<int> tokens
        = parsePositive(fields.at(0), LengthDistribution::MaxTokens,
                        QCoreApplication::translate("SharedPrefixSpec", "the prefix length"), error);
    if (!tokens)
        return std::nullopt;
    const std::optional<double> share = parseShare(fields.at(1), error);
    if (!share)
        return std::nullopt;
    result.tokens = *tokens;
    result.share = *share;
    if (fields.size() == 3) {
        const std::optional<int> count
            = parsePositive(fields.at(2), SharedPrefixSpec::MaxCount,
                            QCoreApplication::translate("SharedPrefixSpec", "the number of prefixes"), error);
        if (!count)
            return std::nullopt;
        result.count = *count;
    }
    return result;
}

// ---------------------------------------------------------------------------------------------
// PromptTokenCounter, SyntheticPromptSet

PromptTokenCounter PromptTokenCounter::from(const TokenCounter &counter)
{
    PromptTokenCounter c;
    c.count = [counter](QStringView text) {
        return qsizetype(counter.tokens(text));
    };
    c.tokenEnds = [counter](QStringView text) {
        return counter.tokenEnds(text);
    };
    const TokenCount probe = counter.count(QStringView());
    c.method = probe.method;
    c.source = probe.source;
    c.note = probe.note;
    return c;
}

qint64 SyntheticPromptSet::totalTokens() const
{
    qint64 sum = 0;
    for (const SyntheticPrompt &p : prompts)
        sum += p.tokens;
    return sum;
}

double SyntheticPromptSet::prefixTokenShare() const
{
    qint64 prefix = 0;
    for (const SyntheticPrompt &p : prompts)
        prefix += p.prefixTokens;
    const qint64 total = totalTokens();
    return total > 0 ? double(prefix) / double(total) : 0.0;
}

// ---------------------------------------------------------------------------------------------
// SyntheticPromptGenerator

SyntheticPromptGenerator::SyntheticPromptGenerator(PromptTokenCounter counter)
    : m_counter(std::move(counter))
{
}

SyntheticPromptGenerator::SyntheticPromptGenerator(const TokenCounter &counter)
    : m_counter(PromptTokenCounter::from(counter))
{
}

QStringList SyntheticPromptGenerator::languages()
{
    return { QStringLiteral("en"), QStringLiteral("zh") };
}

QString SyntheticPromptGenerator::normalizedLanguage(QStringView language)
{
    QStringView l = language.trimmed();
    for (qsizetype i = 0; i < l.size(); ++i) {
        if (l.at(i) == u'_' || l.at(i) == u'-') {
            l = l.first(i);
            break;
        }
    }
    const QString lower = l.toString().toLower();
    return languages().contains(lower) ? lower : QString();
}

QStringList SyntheticPromptGenerator::corpus(QStringView language)
{
    const QString l = normalizedLanguage(language);
    QStringList out;
    if (l == QLatin1String("en")) {
        for (const char16_t *s : englishSentences)
            out.append(QStringView(s).toString());
    } else if (l == QLatin1String("zh")) {
        for (const char16_t *s : chineseSentences)
            out.append(QStringView(s).toString());
    }
    return out;
}

qsizetype SyntheticPromptGenerator::firstCut(QStringView source, qsizetype target, QStringView tail,
                                             bool sourceIsAll, bool *needMore) const
{
    if (m_counter.tokenEnds) {
        const QList<qsizetype> ends = m_counter.tokenEnds(source);
        const qsizetype k = target - (tail.isEmpty() ? 0 : m_counter.count(tail));
        // A margin after the cut: the last tokens of a text can change when it is extended.
        if (!sourceIsAll && ends.size() < k + 2) {
            *needMore = true;
            return 0;
        }
        if (k <= 0)
            return 0;
        return k > ends.size() ? source.size() : ends.at(k - 1);
    }
    const auto countAt = [&](qsizetype p) {
        return m_counter.count(joined(source.first(p), {}, tail));
    };
    if (!sourceIsAll && countAt(source.size()) < target + 2) {
        *needMore = true;
        return 0;
    }
    // The first position where the count reaches the target; lo and hi stay on code points.
    qsizetype lo = 0;
    qsizetype hi = source.size();
    while (lo < hi) {
        qsizetype mid = lo + (hi - lo) / 2;
        if (isInsidePair(source, mid))
            --mid;
        if (countAt(mid) >= target)
            hi = mid;
        else
            lo = nextBoundary(source, mid);
    }
    return lo;
}

SyntheticPromptGenerator::FitResult SyntheticPromptGenerator::fitImpl(QStringView source, qsizetype target,
                                                                      QStringView tail,
                                                                      bool sourceIsAll) const
{
    bool needMore = false;
    qsizetype p = firstCut(source, target, tail, sourceIsAll, &needMore);
    if (needMore)
        return { FitStatus::NeedMore, {} };

    // Step one code point at a time towards the target until it is hit or stepped over.
    qsizetype below = -1; // the last position counted below the target
    int lastDirection = 0;
    for (int step = 0; step < MaxWalkSteps; ++step) {
        QString candidate = joined(source.first(p), {}, tail);
        const qsizetype count = m_counter.count(candidate);
        if (count == target)
            return { FitStatus::Fitted, std::move(candidate) };
        const int direction = count < target ? 1 : -1;
        if (direction > 0)
            below = p;
        if (lastDirection != 0 && direction != lastDirection)
            break; // one code point jumps over the target
        lastDirection = direction;
        if (direction > 0 && p >= source.size()) {
            if (!sourceIsAll)
                return { FitStatus::NeedMore, {} };
            break;
        }
        if (direction < 0 && p == 0)
            break;
        p = direction > 0 ? nextBoundary(source, p) : previousBoundary(source, p);
    }
    if (below < 0)
        return { FitStatus::NoFit, {} }; // even the tail alone is too long

    // End on a short mark of its own token(s) instead, a little earlier if need be.
    for (qsizetype q = below, back = 0; back < MaxBackSteps; ++back) {
        const QStringView head = source.first(q);
        const auto &endings = isCjkContext(head) ? cjkEndings : latinEndings;
        for (const char16_t *ending : endings) {
            QString candidate = joined(head, QStringView(ending), tail);
            if (m_counter.count(candidate) == target)
                return { FitStatus::Fitted, std::move(candidate) };
        }
        if (q == 0)
            break;
        q = previousBoundary(source, q);
    }
    return { FitStatus::NoFit, {} };
}

std::optional<QString> SyntheticPromptGenerator::fit(QStringView source, int tokens, QStringView tail,
                                                     QString *error) const
{
    const qsizetype available = m_counter.count(joined(source, {}, tail));
    if (tokens < 0 || available < tokens) {
        if (error)
            *error = tr("the text has only %n token(s)", nullptr, int(available));
        return std::nullopt;
    }
    FitResult result = fitImpl(source, tokens, tail, true);
    if (result.status != FitStatus::Fitted) {
        if (error)
            *error = tr("no cut of the text counts exactly %n token(s) with %1", nullptr, tokens)
                         .arg(m_counter.source);
        return std::nullopt;
    }
    return std::move(result.text);
}

std::optional<QString> SyntheticPromptGenerator::fitFromStream(int tokens, const QString &language,
                                                               const QString &opener, QStringView tail,
                                                               quint64 streamSeed, QString *error) const
{
    const QStringList sentences = corpus(language);
    const QString separator = separatorFor(language);
    for (int variant = 0; variant < MaxVariants; ++variant) {
        const quint64 seed = variant == 0 ? streamSeed : SeededRandom::derive(streamSeed, quint64(variant));
        qsizetype chars = initialChars(language, tokens);
        for (int doubling = 0; doubling < MaxSourceDoublings; ++doubling, chars *= 2) {
            const QString source = opener + sentenceText(sentences, separator, seed, chars);
            FitResult result = fitImpl(source, tokens, tail, false);
            if (result.status == FitStatus::Fitted)
                return std::move(result.text);
            if (result.status == FitStatus::NoFit)
                break; // try another sentence order
        }
    }
    if (error) {
        *error = tr("could not build a text of exactly %n token(s) with %1", nullptr, tokens)
                     .arg(m_counter.source);
    }
    return std::nullopt;
}

std::optional<QString> SyntheticPromptGenerator::text(int tokens, QStringView language, quint64 seed,
                                                      QString *error) const
{
    const QString l = normalizedLanguage(language);
    if (l.isEmpty()) {
        if (error)
            *error = tr("unknown language \"%1\" (expected en or zh)").arg(language.toString());
        return std::nullopt;
    }
    if (tokens < 1) {
        if (error)
            *error = tr("a text must have at least 1 token, not %1").arg(tokens);
        return std::nullopt;
    }
    return fitFromStream(tokens, l, QString(), {}, seed, error);
}

std::optional<SyntheticPrompt> SyntheticPromptGenerator::makePrompt(const SyntheticPromptSpec &spec,
                                                                    int index, int length, int prefixIndex,
                                                                    const QStringList &prefixes,
                                                                    QString *error) const
{
    const QString language = normalizedLanguage(spec.language);
    const QString opener = spec.numbered ? promptOpener(index + 1) : QString();
    const quint64 textSeed
        = SeededRandom::derive(SeededRandom::derive(spec.seed, PromptTextStream), quint64(index));
    SyntheticPrompt prompt;
    prompt.tokens = length;
    if (prefixIndex < 0) {
        std::optional<QString> text = fitFromStream(length, language, opener, {}, textSeed, error);
        if (!text)
            return std::nullopt;
        prompt.text = std::move(*text);
        return prompt;
    }
    // The prefix ends with a blank line and the suffix starts with a digit or a letter, so the
    // two tokenise apart; the whole is counted anyway, and another suffix tried if it is off.
    const QString &prefix = prefixes.at(prefixIndex);
    const int suffixTokens = length - spec.prefix.tokens;
    for (int variant = 0; variant < MaxVariants; ++variant) {
        const quint64 seed = variant == 0 ? textSeed : SeededRandom::derive(textSeed, 100 + quint64(variant));
        std::optional<QString> suffix = fitFromStream(suffixTokens, language, opener, {}, seed, error);
        if (!suffix)
            return std::nullopt;
        QString text = prefix + *suffix;
        if (m_counter.count(text) == length) {
            prompt.text = std::move(text);
            prompt.prefixIndex = prefixIndex;
            prompt.prefixTokens = spec.prefix.tokens;
            prompt.prefixLength = prefix.size();
            return prompt;
        }
    }
    if (error) {
        *error = tr("could not join shared prefix %1 and a suffix into exactly %n token(s) with %2", nullptr,
                    length)
                     .arg(QString::number(prefixIndex + 1), m_counter.source);
    }
    return std::nullopt;
}

QList<int> SyntheticPromptGenerator::lengths(const SyntheticPromptSpec &spec)
{
    return spec.input.samples(spec.count, SeededRandom::derive(spec.seed, LengthStream));
}

std::optional<SyntheticPromptSet> SyntheticPromptGenerator::generate(const SyntheticPromptSpec &spec,
                                                                     QString *error) const
{
    const auto failWith = [error](const QString &message) {
        if (error)
            *error = message;
        return std::nullopt;
    };
    const QString language = normalizedLanguage(spec.language);
    if (language.isEmpty())
        return failWith(tr("unknown language \"%1\" (expected en or zh)").arg(spec.language));
    if (spec.count < 0 || spec.count > MaxPrompts) {
        return failWith(tr("the number of prompts must be from 0 to %1, not %2")
                            .arg(QString::number(MaxPrompts), QString::number(spec.count)));
    }
    if (double(spec.count) * spec.input.mean() > MaxTotalTokens) {
        return failWith(tr("%1 prompts of about %2 tokens are more than %3 tokens in all; ask for fewer or "
                           "shorter prompts")
                            .arg(QString::number(spec.count), QString::number(qRound64(spec.input.mean())),
                                 QString::number(qint64(MaxTotalTokens))));
    }
    const SharedPrefixSpec &prefix = spec.prefix;
    if (prefix.isEnabled()) {
        if (prefix.tokens > LengthDistribution::MaxTokens || prefix.share > 1 || prefix.count < 1
            || prefix.count > SharedPrefixSpec::MaxCount) {
            return failWith(tr("the shared prefix %1 is out of range").arg(prefix.spec()));
        }
        if (spec.input.max() <= prefix.tokens) {
            return failWith(tr("a shared prefix of %1 tokens leaves no room for the rest of the prompt: "
                               "the prompts are at most %2 tokens long")
                                .arg(QString::number(prefix.tokens), QString::number(spec.input.max())));
        }
    }

    SyntheticPromptSet set;
    set.method = m_counter.method;
    set.source = m_counter.source;
    if (!m_counter.isExact()) {
        set.notes.append(
            m_counter.note.isEmpty()
                ? tr("The prompt lengths are estimates, not exact token counts.")
                : tr("The prompt lengths are estimates, not exact token counts: %1").arg(m_counter.note));
    }

    const QList<int> lengths = SyntheticPromptGenerator::lengths(spec);
    QList<int> prefixOf(spec.count, -1);
    int tooShort = 0;
    int prefixesUsed = 0;
    if (prefix.isEnabled() && spec.count > 0) {
        std::mt19937_64 rng(SeededRandom::derive(spec.seed, SharingStream));
        const QList<int> order = SeededRandom::permutation(rng, spec.count);
        const int sharing = int(std::llround(prefix.share * spec.count));
        prefixesUsed = std::min(prefix.count, sharing);
        for (int rank = 0; rank < sharing; ++rank) {
            const int i = order.at(rank);
            if (lengths.at(i) > prefix.tokens)
                prefixOf[i] = rank % prefix.count;
            else
                ++tooShort;
        }
    }
    const quint64 prefixSeed = SeededRandom::derive(spec.seed, PrefixTextStream);
    for (int j = 0; j < prefixesUsed; ++j) {
        const QString opener = spec.numbered ? prefixOpener(language, j + 1) : QString();
        std::optional<QString> text = fitFromStream(prefix.tokens, language, opener, u"\n\n",
                                                    SeededRandom::derive(prefixSeed, quint64(j)), error);
        if (!text)
            return std::nullopt;
        set.prefixes.append(std::move(*text));
    }
    set.prompts.reserve(spec.count);
    for (int i = 0; i < spec.count; ++i) {
        std::optional<SyntheticPrompt> prompt
            = makePrompt(spec, i, lengths.at(i), prefixOf.at(i), set.prefixes, error);
        if (!prompt)
            return std::nullopt;
        set.prompts.append(std::move(*prompt));
    }
    if (tooShort > 0) {
        set.notes.append(
            tr("%n prompt(s) picked to share a prefix were not longer than the prefix and have none", nullptr,
               tooShort));
    }
    return set;
}
