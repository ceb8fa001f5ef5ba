// The zh_CN catalogue uses one rendering per fixed term: translations/glossary.tsv lists the
// terms (token, TTFT, endpoint, tokens/s, req/s, …), their one Chinese rendering and the
// renderings no translation may use; every translation of a source containing a term is held
// to it.
#include <QBuffer>
#include <QFile>
#include <QRegularExpression>
#include <QTest>
#include <QXmlStreamReader>

namespace {

struct Term
{
    QString english;
    QString zh; ///< what a translation of a source containing the term must contain
    QStringList avoid; ///< renderings no translation may contain
    QRegularExpression match; ///< the term in a source, as a word
};

struct Message
{
    QString context;
    QString source;
    QStringList translations; ///< one, or one per plural form; empty ones left out
};

QList<Term> readGlossary(const QString &path, QString *error)
{
    QList<Term> terms;
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly | QIODevice::Text)) {
        *error = file.errorString();
        return terms;
    }
    int lineNo = 0;
    while (!file.atEnd()) {
        ++lineNo;
        const QString line = QString::fromUtf8(file.readLine()).remove(u'\n').remove(u'\r');
        if (line.trimmed().isEmpty() || line.startsWith(u'#'))
            continue;
        const QStringList cells = line.split(u'\t');
        if (cells.size() < 2 || cells.at(0).isEmpty() || cells.at(1).isEmpty()) {
            *error = QStringLiteral("line %1: expected \"term<TAB>zh[<TAB>avoid,…]\"").arg(lineNo);
            return {};
        }
        Term t;
        t.english = cells.at(0);
        t.zh = cells.at(1);
        if (cells.size() > 2)
            t.avoid = cells.at(2).split(u',', Qt::SkipEmptyParts);
        // A whole word (plural "s" included), not part of an option, a key or a file name:
        // "--endpoint", "\"endpoint\"", "token_budget" and "endpoints.json" are not the term.
        const QString plural = t.english.back().isLetter() ? QStringLiteral("s?") : QString();
        t.match = QRegularExpression(QStringLiteral(R"((?<![\w\-"'/.]))")
                                         + QRegularExpression::escape(t.english) + plural
                                         + QStringLiteral(R"((?![\w"'=]|\.\w))"),
                                     QRegularExpression::CaseInsensitiveOption
                                         | QRegularExpression::UseUnicodePropertiesOption);
        terms.append(t);
    }
    return terms;
}

QList<Message> readTs(QIODevice *device, QString *error)
{
    QList<Message> messages;
    QXmlStreamReader xml(device);
    QString context;
    Message current;
    bool obsolete = false;
    while (!xml.atEnd()) {
        xml.readNext();
        if (xml.isStartElement()) {
            const QStringView name = xml.name();
            if (name == u"context") {
                context.clear();
            } else if (name == u"name") {
                context = xml.readElementText();
            } else if (name == u"message") {
                current = { context, {}, {} };
                obsolete = false;
            } else if (name == u"source") {
                current.source = xml.readElementText();
            } else if (name == u"translation") {
                const QStringView type = xml.attributes().value(QLatin1StringView("type"));
                obsolete = type == u"obsolete" || type == u"vanished";
                // Plural messages hold <numerusform>s; the others their text directly.
                QString direct;
                while (!xml.atEnd()) {
                    xml.readNext();
                    if (xml.isCharacters())
                        direct += xml.text();
                    else if (xml.isStartElement() && xml.name() == u"numerusform")
                        current.translations.append(xml.readElementText());
                    else if (xml.isEndElement() && xml.name() == u"translation")
                        break;
                }
                if (current.translations.isEmpty() && !direct.trimmed().isEmpty())
                    current.translations.append(direct);
                current.translations.removeAll(QString());
            }
        } else if (xml.isEndElement() && xml.name() == u"message") {
            if (!obsolete)
                messages.append(current);
        }
    }
    if (xml.hasError())
        *error = QStringLiteral("line %1: %2").arg(xml.lineNumber()).arg(xml.errorString());
    return messages;
}

/// Every place \a messages break \a terms, one line each ("context: source => translation").
QStringList violations(const QList<Term> &terms, const QList<Message> &messages)
{
    QStringList out;
    for (const Message &m : messages) {
        for (const QString &translation : m.translations) {
            for (const Term &t : terms) {
                for (const QString &a : t.avoid) {
                    if (translation.contains(a, Qt::CaseInsensitive))
                        out.append(QStringLiteral("%1: uses \"%2\" (say \"%3\"): %4 => %5")
                                       .arg(m.context, a, t.zh, m.source, translation));
                }
                if (!m.source.contains(t.match) || translation.contains(t.zh, Qt::CaseInsensitive))
                    continue;
                // A code word kept verbatim (an option value such as "builtin or endpoint")
                // passes, unless that English form is itself one to avoid.
                const bool verbatim = translation.contains(t.english, Qt::CaseInsensitive)
                    && !t.avoid.contains(t.english, Qt::CaseInsensitive);
                if (!verbatim)
                    out.append(QStringLiteral("%1: \"%2\" not rendered as \"%3\": %4 => %5")
                                   .arg(m.context, t.english, t.zh, m.source, translation));
            }
        }
    }
    return out;
}

QString translationsDir()
{
    return QStringLiteral(TOKENSCOPE_TRANSLATIONS_DIR);
}

} // namespace

class TestGlossary : public QObject
{
    Q_OBJECT

    QList<Term> m_terms;
    QList<Message> m_messages;

private Q_SLOTS:
    void initTestCase()
    {
        QString error;
        m_terms = readGlossary(translationsDir() + QStringLiteral("/glossary.tsv"), &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QFile ts(translationsDir() + QStringLiteral("/tokenscope_zh_CN.ts"));
        QVERIFY2(ts.open(QIODevice::ReadOnly), qPrintable(ts.errorString()));
        m_messages = readTs(&ts, &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
    }

    void glossaryNamesTheFixedTerms()
    {
        QStringList english;
        for (const Term &t : std::as_const(m_terms))
            english.append(t.english);
        for (const char *term : { "token", "TTFT", "endpoint", "tokens/s", "req/s" })
            QVERIFY2(english.contains(QString::fromLatin1(term)), term);
        // The one rendering of "token" is "token": the other two in use are on the avoid list.
        const auto token = std::find_if(m_terms.cbegin(), m_terms.cend(),
                                        [](const Term &t) { return t.english == u"token"; });
        QCOMPARE(token->zh, QStringLiteral("token"));
        QVERIFY(token->avoid.contains(QStringLiteral("令牌")));
        QVERIFY(token->avoid.contains(QStringLiteral("词元")));
        QVERIFY(m_messages.size() > 1000);
    }

    void checkerCatchesAStrayRendering()
    {
        // The check below would pass on anything if it could not read a bad catalogue.
        QByteArray ts = "<?xml version=\"1.0\" encoding=\"utf-8\"?><TS version=\"2.1\" language=\"zh_CN\">"
                        "<context><name>X</name>"
                        "<message><source>Prompt tokens</source><translation>提示词元</translation></message>"
                        "<message><source>TTFT p50</source><translation>首令牌时间 p50</translation></message>"
                        "<message><source>%1 req/s</source><translation>%1 req/s</translation></message>"
                        "<message><source>--embedder expects builtin or endpoint</source>"
                        "<translation>--embedder 需要 builtin 或 endpoint</translation></message>"
                        "<message numerus=\"yes\"><source>%n token(s)</source><translation>"
                        "<numerusform>%n 个 token</numerusform></translation></message>"
                        "<message><source>old token</source><translation type=\"vanished\">旧令牌</translation></message>"
                        "</context></TS>";
        QBuffer buffer(&ts);
        QVERIFY(buffer.open(QIODevice::ReadOnly));
        QString error;
        const QList<Message> messages = readTs(&buffer, &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QCOMPARE(messages.size(), 5); // the vanished one is not held to anything
        const QStringList found = violations(m_terms, messages);
        const QString all = found.join(u'\n');
        QVERIFY2(all.contains(QStringLiteral("提示词元")), qPrintable(all));
        QVERIFY2(all.contains(QStringLiteral("首令牌时间 p50")), qPrintable(all));
        QVERIFY2(all.contains(QStringLiteral("%1 req/s => %1 req/s")), qPrintable(all));
        QVERIFY2(!all.contains(QStringLiteral("builtin")), qPrintable(all)); // a code word kept verbatim
        QVERIFY2(!all.contains(QStringLiteral("%n 个 token")), qPrintable(all));
    }

    void catalogueFollowsTheGlossary_data()
    {
        QTest::addColumn<int>("term");
        for (qsizetype i = 0; i < m_terms.size(); ++i)
            QTest::newRow(qPrintable(m_terms.at(i).english)) << int(i);
    }

    void catalogueFollowsTheGlossary()
    {
        QFETCH(int, term);
        const QStringList found = violations({ m_terms.at(term) }, m_messages);
        QVERIFY2(found.isEmpty(),
                 qPrintable(QStringLiteral("%1 translation(s) break the glossary:\n").arg(found.size())
                            + found.join(u'\n')));
    }
};

QTEST_GUILESS_MAIN(TestGlossary)
#include "tst_glossary.moc"
