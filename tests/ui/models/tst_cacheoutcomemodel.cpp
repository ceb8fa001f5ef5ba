// CacheOutcomeModel: the queries of a cache simulation, one row each, coloured by what happened
// (exact hit, semantic hit, miss, false hit), raw numbers under Qt::UserRole for sorting.
#include "models/cacheoutcomemodel.h"

#include <QAbstractItemModelTester>
#include <QColor>
#include <QGuiApplication>
#include <QPalette>
#include <QSet>
#include <QSignalSpy>
#include <QSortFilterProxyModel>
#include <QTest>

#include <cmath>

namespace {

QueryOutcome outcome(int index, const QString &text, const QString &group, double timeS,
                     CacheLookup::Kind kind, float score, double latencyMs)
{
    QueryOutcome o;
    o.index = index;
    o.text = text;
    o.group = group;
    o.timeS = timeS;
    o.kind = kind;
    o.score = score;
    o.latencyMs = latencyMs;
    o.uncachedLatencyMs = 800.0;
    return o;
}

// A miss, an exact hit, a semantic hit, a false hit (another question's answer served) and a
// miss whose request to the endpoint failed.
QList<QueryOutcome> replay()
{
    const QString question = QStringLiteral("How do I reset my password?");
    QueryOutcome miss
        = outcome(0, question, QStringLiteral("pw"), 0.0, CacheLookup::Kind::Miss, -2.0f, 812.3456);
    QueryOutcome exact
        = outcome(1, question, QStringLiteral("pw"), 12.3, CacheLookup::Kind::ExactHit, 1.0f, 0.0421);
    exact.matchedText = question;
    exact.matchedGroup = QStringLiteral("pw");
    QueryOutcome semantic
        = outcome(2, QStringLiteral("I forgot my password, how to reset it?"), QStringLiteral("pw"), 30.0,
                  CacheLookup::Kind::SemanticHit, 0.9123f, 1.25);
    semantic.matchedText = question;
    semantic.matchedGroup = QStringLiteral("pw");
    QueryOutcome wrong
        = outcome(3, QStringLiteral("How do I reset my billing address?"), QStringLiteral("billing"), 45.5,
                  CacheLookup::Kind::SemanticHit, 0.8712f, 1.5);
    wrong.matchedText = question;
    wrong.matchedGroup = QStringLiteral("pw");
    wrong.falseHit = true;
    QueryOutcome failed = outcome(4, QStringLiteral("What is the refund policy?"), QString(), 60.0,
                                  CacheLookup::Kind::Miss, 0.31f, 15.0);
    failed.matchedText = question;
    failed.error = QStringLiteral("HTTP 500");
    return { miss, exact, semantic, wrong, failed };
}

QString text(const QAbstractItemModel &model, int row, int column)
{
    return model.index(row, column).data().toString();
}

} // namespace

class TestCacheOutcomeModel : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void headersCarryUnits()
    {
        CacheOutcomeModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QCOMPARE(model.rowCount(), 0);
        QCOMPARE(model.columnCount(), int(CacheOutcomeModel::ColumnCount));
        const auto header = [&model](int section) {
            return model.headerData(section, Qt::Horizontal).toString();
        };
        QCOMPARE(header(CacheOutcomeModel::IndexColumn), QStringLiteral("#"));
        QCOMPARE(header(CacheOutcomeModel::TimeColumn), QStringLiteral("Time (s)"));
        QCOMPARE(header(CacheOutcomeModel::QueryColumn), QStringLiteral("Query"));
        QCOMPARE(header(CacheOutcomeModel::ResultColumn), QStringLiteral("Result"));
        QCOMPARE(header(CacheOutcomeModel::ScoreColumn), QStringLiteral("Similarity"));
        QCOMPARE(header(CacheOutcomeModel::MatchedColumn), QStringLiteral("Nearest entry"));
        QCOMPARE(header(CacheOutcomeModel::GroupColumn), QStringLiteral("Group → matched group"));
        QCOMPARE(header(CacheOutcomeModel::LatencyColumn), QStringLiteral("Latency (ms)"));
        QVERIFY(!model.headerData(CacheOutcomeModel::ColumnCount, Qt::Horizontal).isValid());
        QVERIFY(!model.headerData(0, Qt::Vertical).isValid());
    }

    void rowsShowWhatEachQueryGot()
    {
        CacheOutcomeModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
        model.setOutcomes(replay());
        QCOMPARE(reset.size(), 1);
        QCOMPARE(model.rowCount(), 5);
        QCOMPARE(model.outcomes().size(), 5);

        // Queries are numbered from 1, as a user counts them.
        QCOMPARE(text(model, 0, CacheOutcomeModel::IndexColumn), QStringLiteral("1"));
        QCOMPARE(text(model, 4, CacheOutcomeModel::IndexColumn), QStringLiteral("5"));
        QCOMPARE(text(model, 1, CacheOutcomeModel::TimeColumn), QStringLiteral("12.3"));
        QCOMPARE(text(model, 2, CacheOutcomeModel::QueryColumn),
                 QStringLiteral("I forgot my password, how to reset it?"));

        QCOMPARE(text(model, 0, CacheOutcomeModel::ResultColumn), QStringLiteral("miss"));
        QCOMPARE(text(model, 1, CacheOutcomeModel::ResultColumn), QStringLiteral("exact hit"));
        QCOMPARE(text(model, 2, CacheOutcomeModel::ResultColumn), QStringLiteral("semantic hit"));
        QCOMPARE(text(model, 3, CacheOutcomeModel::ResultColumn), QStringLiteral("false hit"));
        QCOMPARE(text(model, 4, CacheOutcomeModel::ResultColumn), QStringLiteral("miss (failed: HTTP 500)"));

        // Similarity with three decimals; none when the cache had nothing to compare with.
        QCOMPARE(text(model, 0, CacheOutcomeModel::ScoreColumn), QString());
        QCOMPARE(text(model, 1, CacheOutcomeModel::ScoreColumn), QStringLiteral("1.000"));
        QCOMPARE(text(model, 2, CacheOutcomeModel::ScoreColumn), QStringLiteral("0.912"));
        QCOMPARE(text(model, 4, CacheOutcomeModel::ScoreColumn), QStringLiteral("0.310"));

        QCOMPARE(text(model, 0, CacheOutcomeModel::MatchedColumn), QString());
        QCOMPARE(text(model, 3, CacheOutcomeModel::MatchedColumn),
                 QStringLiteral("How do I reset my password?"));
        QCOMPARE(text(model, 0, CacheOutcomeModel::GroupColumn), QStringLiteral("pw"));
        QCOMPARE(text(model, 3, CacheOutcomeModel::GroupColumn), QStringLiteral("billing → pw"));

        // Milliseconds: three decimals for sub-10 ms hits, one for the rest.
        QCOMPARE(text(model, 0, CacheOutcomeModel::LatencyColumn), QStringLiteral("812.3"));
        QCOMPARE(text(model, 1, CacheOutcomeModel::LatencyColumn), QStringLiteral("0.042"));
        QCOMPARE(text(model, 2, CacheOutcomeModel::LatencyColumn), QStringLiteral("1.250"));
        QCOMPARE(text(model, 4, CacheOutcomeModel::LatencyColumn), QStringLiteral("15.0"));

        // Long queries are readable in the tooltip.
        QCOMPARE(model.index(2, CacheOutcomeModel::QueryColumn).data(Qt::ToolTipRole).toString(),
                 QStringLiteral("I forgot my password, how to reset it?"));

        const auto alignment = [&model](int column) {
            return Qt::Alignment(model.index(0, column).data(Qt::TextAlignmentRole).toInt());
        };
        QVERIFY(alignment(CacheOutcomeModel::IndexColumn).testFlag(Qt::AlignRight));
        QVERIFY(alignment(CacheOutcomeModel::LatencyColumn).testFlag(Qt::AlignRight));
        QVERIFY(alignment(CacheOutcomeModel::QueryColumn).testFlag(Qt::AlignLeft));
        QVERIFY(!model.flags(model.index(0, 0)).testFlag(Qt::ItemIsEditable));
    }

    void rowsAreColouredByOutcome()
    {
        CacheOutcomeModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        const QList<QueryOutcome> outcomes = replay();
        model.setOutcomes(outcomes);

        // The whole row carries its outcome's colour, with the theme's text colour on it.
        for (int row = 0; row < model.rowCount(); ++row) {
            for (int column = 0; column < model.columnCount(); ++column) {
                const QModelIndex index = model.index(row, column);
                QCOMPARE(index.data(Qt::BackgroundRole).value<QColor>(),
                         CacheOutcomeModel::colorOf(outcomes.at(row)));
                QCOMPARE(index.data(Qt::ForegroundRole).value<QColor>(),
                         QGuiApplication::palette().color(QPalette::Text));
            }
        }
        // Four outcomes, four colours; a false hit is not coloured like a good one.
        const QColor miss = CacheOutcomeModel::colorOf(outcomes.at(0));
        const QColor exact = CacheOutcomeModel::colorOf(outcomes.at(1));
        const QColor semantic = CacheOutcomeModel::colorOf(outcomes.at(2));
        const QColor falseHit = CacheOutcomeModel::colorOf(outcomes.at(3));
        QCOMPARE(CacheOutcomeModel::colorOf(outcomes.at(4)), miss);
        QCOMPARE(QSet<QRgb>({ miss.rgb(), exact.rgb(), semantic.rgb(), falseHit.rgb() }).size(), 4);
    }

    void darkThemeRowsAreDarkAndReadable()
    {
        // In a dark palette the rows are tints of the dark base, not light pastels, and the
        // text on them is the palette's light text: contrast as a reader needs it (WCAG 4.5:1).
        const QPalette before = QGuiApplication::palette();
        QPalette dark = before;
        dark.setColor(QPalette::Base, QColor(0x1e, 0x1f, 0x22));
        dark.setColor(QPalette::Text, QColor(0xe6, 0xe6, 0xe6));
        QGuiApplication::setPalette(dark);
        CacheOutcomeModel model;
        const QList<QueryOutcome> outcomes = replay();
        model.setOutcomes(outcomes);
        const auto luminance = [](const QColor &c) {
            const auto channel = [](double v) { return v <= 0.03928 ? v / 12.92 : std::pow((v + 0.055) / 1.055, 2.4); };
            return 0.2126 * channel(c.redF()) + 0.7152 * channel(c.greenF()) + 0.0722 * channel(c.blueF());
        };
        QSet<QRgb> colours;
        for (int row = 0; row < 4; ++row) {
            const QModelIndex index = model.index(row, CacheOutcomeModel::QueryColumn);
            const QColor background = index.data(Qt::BackgroundRole).value<QColor>();
            const QColor text = index.data(Qt::ForegroundRole).value<QColor>();
            colours.insert(background.rgb());
            QVERIFY2(background.lightness() < 100, qPrintable(background.name()));
            const double contrast = (luminance(text) + 0.05) / (luminance(background) + 0.05);
            QVERIFY2(contrast >= 4.5, qPrintable(QStringLiteral("%1 on %2: %3").arg(text.name(), background.name()).arg(contrast)));
        }
        QCOMPARE(colours.size(), 4); // still four outcomes told apart
        QGuiApplication::setPalette(before);
        // The light theme keeps its pastels.
        QVERIFY(model.index(0, 0).data(Qt::BackgroundRole).value<QColor>().lightness() > 200);
    }

    void userRoleSortsNumerically()
    {
        CacheOutcomeModel model;
        QSortFilterProxyModel proxy;
        proxy.setSourceModel(&model);
        proxy.setSortRole(Qt::UserRole);
        QAbstractItemModelTester tester(&proxy, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setOutcomes(replay());

        QCOMPARE(model.index(1, CacheOutcomeModel::IndexColumn).data(Qt::UserRole).toInt(), 2);
        QCOMPARE(model.index(3, CacheOutcomeModel::TimeColumn).data(Qt::UserRole).toDouble(), 45.5);
        QCOMPARE(model.index(2, CacheOutcomeModel::ScoreColumn).data(Qt::UserRole).toDouble(),
                 double(0.9123f));
        QCOMPARE(model.index(0, CacheOutcomeModel::ScoreColumn).data(Qt::UserRole).toDouble(), -2.0);
        QCOMPARE(model.index(0, CacheOutcomeModel::LatencyColumn).data(Qt::UserRole).toDouble(), 812.3456);

        // Most similar first; queries without a neighbour last.
        proxy.sort(CacheOutcomeModel::ScoreColumn, Qt::DescendingOrder);
        QCOMPARE(text(proxy, 0, CacheOutcomeModel::ResultColumn), QStringLiteral("exact hit"));
        QCOMPARE(text(proxy, 1, CacheOutcomeModel::ResultColumn), QStringLiteral("semantic hit"));
        QCOMPARE(text(proxy, 4, CacheOutcomeModel::IndexColumn), QStringLiteral("1"));
        // Latency as numbers: 0.042 < 1.25 < 1.5 < 15 < 812 (as text "15.0" < "812.3" < "1.250").
        proxy.sort(CacheOutcomeModel::LatencyColumn, Qt::AscendingOrder);
        QCOMPARE(text(proxy, 0, CacheOutcomeModel::IndexColumn), QStringLiteral("2"));
        QCOMPARE(text(proxy, 3, CacheOutcomeModel::IndexColumn), QStringLiteral("5"));
        QCOMPARE(text(proxy, 4, CacheOutcomeModel::IndexColumn), QStringLiteral("1"));
    }

    void newSimulationReplacesRows()
    {
        CacheOutcomeModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setOutcomes(replay());
        model.setOutcomes(replay().mid(3));
        QCOMPARE(model.rowCount(), 2);
        QCOMPARE(text(model, 0, CacheOutcomeModel::ResultColumn), QStringLiteral("false hit"));
        QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
        QSignalSpy removed(&model, &QAbstractItemModel::rowsRemoved);
        model.setOutcomes({});
        QCOMPARE(model.rowCount(), 0);
        QCOMPARE(reset.size() + removed.size(), 1);
        QVERIFY(model.outcomes().isEmpty());
    }
};

QTEST_MAIN(TestCacheOutcomeModel)
#include "tst_cacheoutcomemodel.moc"
