// The per-script estimator against exact cl100k_base counts (its stated bound), and the
// endpoint's own counts: POST /tokenize and usage.prompt_tokens of the embedded endpoint.
#include "tiktokenpath.h"

#include "endpoint/embeddedendpoint.h"
#include "endpoint/servertokenizer.h"
#include "tokenize/endpointtokencounter.h"
#include "tokenize/tokencounter.h"

#include <QCoroTask>
#include <QFile>
#include <QTest>

#include <cmath>

class TestTokenEstimator : public QObject
{
    Q_OBJECT

    QStringList m_cases;
    EmbeddedEndpointRunner m_endpoint;

    // Ordinary prose and code: the texts the bound is stated for (the corpus's other cases
    // are stress tests of the BPE: fullwidth letters, maths symbols, lone punctuation runs).
    static bool ordinary(const QString &text)
    {
        static const QStringList stress { QStringLiteral("Ｆｕｌｌｗｉｄｔｈ"),
                                          QStringLiteral("Math:"),
                                          QStringLiteral("Punctuation clusters"),
                                          QStringLiteral("aaaaaaaa"),
                                          QStringLiteral("Devanagari"),
                                          QStringLiteral("Русский"),
                                          QStringLiteral("Special token"),
                                          QStringLiteral("Ünïcödé"),
                                          QStringLiteral("1 12 123") };
        for (const QString &s : stress) {
            if (text.contains(s))
                return false;
        }
        return true;
    }

    EndpointProfile profile() const
    {
        EndpointProfile p;
        p.name = QStringLiteral("embedded");
        p.protocol = Protocol::OpenAIChat;
        p.model = QStringLiteral("tokenscope-sim");
        p.baseUrl = m_endpoint.baseUrl();
        p.baseUrl.setPath(QStringLiteral("/v1"));
        return p;
    }

    QString bilingualSample() const
    {
        QString text;
        for (const QString &c : m_cases) {
            if (ordinary(c))
                text += c + u'\n';
        }
        return text;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QFile corpus(QStringLiteral(TOKENSCOPE_TEST_DATA "/tokenize/corpus.txt"));
        QVERIFY(corpus.open(QIODevice::ReadOnly));
        m_cases = QString::fromUtf8(corpus.readAll()).split(QStringLiteral("\n----8<----\n"));
        LatencyModel fast;
        fast.networkMs = 0;
        fast.promptMsPerToken = 0;
        fast.inferenceMs = 0;
        fast.generationMsPerToken = 0;
        fast.postprocessMs = 0;
        fast.jitter = 0;
        QVERIFY2(m_endpoint.start(fast), qPrintable(m_endpoint.errorString()));
    }

    void emptyAndTrivial()
    {
        QCOMPARE(TokenEstimator::count(QString()), 0);
        QCOMPARE(TokenEstimator::count(QStringLiteral(" ")), 1);
        QVERIFY(TokenEstimator::count(QStringLiteral("中文")) >= 2);
        const TokenCount c = TokenCounter().count(QStringLiteral("hello"));
        QCOMPARE(c.method, CountMethod::Estimate);
        QVERIFY(c.label().contains(QLatin1String("estimated")));
    }

    void withinStatedBoundOfExactCounts()
    {
        REQUIRE_ENCODING(enc, BpeEncodingId::Cl100kBase);
        int checked = 0;
        double worst = 0;
        for (const QString &text : std::as_const(m_cases)) {
            const qint64 exact = enc->count(QStringView(text));
            if (exact < TokenEstimator::MinTokensForBound || !ordinary(text))
                continue;
            const double error = (TokenEstimator::estimate(text) - double(exact)) / double(exact);
            worst = std::max(worst, std::abs(error));
            QVERIFY2(std::abs(error) <= TokenEstimator::ErrorBound,
                     qPrintable(QStringLiteral("%1: estimate %2 vs exact %3 (%4%)")
                                    .arg(text.left(30))
                                    .arg(TokenEstimator::estimate(text))
                                    .arg(exact)
                                    .arg(error * 100, 0, 'f', 1)));
            ++checked;
        }
        QVERIFY(checked >= 15);
        qInfo("estimator vs cl100k_base: %d texts >= %d tokens", checked, TokenEstimator::MinTokensForBound);
        // The whole bilingual sample, where errors of single texts average out, is closer.
        const QString all = bilingualSample();
        const double whole = (TokenEstimator::estimate(all) - double(enc->count(QStringView(all))))
            / double(enc->count(QStringView(all)));
        qInfo("worst relative error %.1f%%, whole sample %.1f%%", worst * 100, whole * 100);
        QVERIFY2(std::abs(whole) <= 0.10, qPrintable(QString::number(whole)));
    }

    void beatsTheSeedsTwoCharactersPerToken()
    {
        REQUIRE_ENCODING(enc, BpeEncodingId::Cl100kBase);
        double ours = 0, seed = 0;
        for (const QString &text : std::as_const(m_cases)) {
            const double exact = double(enc->count(QStringView(text)));
            if (exact < TokenEstimator::MinTokensForBound || !ordinary(text))
                continue;
            ours += std::abs(TokenEstimator::estimate(text) - exact) / exact;
            seed += std::abs(double(text.size()) / 2.0 - exact) / exact;
        }
        QVERIFY2(ours < seed / 2, qPrintable(QStringLiteral("ours %1 seed %2").arg(ours).arg(seed)));
    }

    void serverTokenizerIdsMatchItsCount()
    {
        for (const QString &text : std::as_const(m_cases))
            QCOMPARE(Sim::ServerTokenizer::tokenIds(text).size(), Sim::ServerTokenizer::countTokens(text));
    }

    void endpointTokenizeRoute()
    {
        EndpointTokenCounter counter;
        const QString text = bilingualSample();
        const TokenCount c = QCoro::waitFor(counter.count(profile(), text));
        QVERIFY2(c.tokens >= 0, qPrintable(c.note));
        QCOMPARE(c.method, CountMethod::Endpoint);
        QCOMPARE(c.source, QStringLiteral("POST /tokenize"));
        QCOMPARE(c.tokens, qint64(Sim::ServerTokenizer::countTokens(text)));
        // The estimator is calibrated to cl100k_base, not to this tokenizer; its stated bound
        // against the embedded endpoint's counts on the bilingual sample is 35%.
        const double error = (TokenEstimator::estimate(text) - double(c.tokens)) / double(c.tokens);
        qInfo("estimator vs the embedded endpoint's /tokenize: %.1f%% (%lld tokens)", error * 100, c.tokens);
        QVERIFY2(std::abs(error) <= 0.35, qPrintable(QString::number(error)));
    }

    void usagePromptTokensAndMissingRoute()
    {
        EndpointTokenCounter counter;
        const QString text = QStringLiteral("请你总结 this text, please. 😀");
        const TokenCount usage = QCoro::waitFor(counter.promptUsage(profile(), text));
        QCOMPARE(usage.source, QStringLiteral("usage.prompt_tokens"));
        QCOMPARE(usage.tokens, qint64(Sim::ServerTokenizer::countTokens(text)));
        // A server without the route: the error names the status, the count is -1.
        EndpointProfile missing = profile();
        missing.baseUrl.setPath(QStringLiteral("/nothing/v1"));
        const TokenCount viaRoute = QCoro::waitFor(counter.tokenizeRoute(missing, text));
        QCOMPARE(viaRoute.tokens, -1);
        QVERIFY2(viaRoute.note.contains(QLatin1String("404")), qPrintable(viaRoute.note));
        // Nothing listening at all: both fail, with a note, and nothing hangs or crashes.
        EndpointProfile dead = profile();
        dead.baseUrl.setPort(1);
        counter.setTimeoutMs(5000);
        const TokenCount none = QCoro::waitFor(counter.count(dead, text));
        QCOMPARE(none.tokens, -1);
        QVERIFY(!none.note.isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestTokenEstimator)
#include "tst_tokenestimator.moc"
