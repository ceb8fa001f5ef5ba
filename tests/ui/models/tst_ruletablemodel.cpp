// RuleTableModel: the compressor's rules as an editable table — check boxes, text cells, an
// invalid regular expression shown in its cell, fire counts, and reordering by move and drop.
#include "models/ruletablemodel.h"

#include <QAbstractItemModelTester>
#include <QBrush>
#include <QColor>
#include <QMimeData>
#include <QSignalSpy>
#include <QTest>

#include <memory>

namespace {

CompressionRule rule(const QString &name, const QString &pattern, const QString &replacement = QString(),
                     bool regex = false)
{
    CompressionRule r;
    r.name = name;
    r.pattern = pattern;
    r.replacement = replacement;
    r.regex = regex;
    return r;
}

QList<CompressionRule> fourRules()
{
    return { rule(QStringLiteral("a"), QStringLiteral("please ")),
             rule(QStringLiteral("b"), QStringLiteral("\\s+"), QStringLiteral(" "), true),
             rule(QStringLiteral("c"), QStringLiteral("(x"), QStringLiteral("y"), true), // invalid regex
             rule(QStringLiteral("d"), QStringLiteral("thanks"), QStringLiteral("thx")) };
}

QStringList names(const RuleTableModel &model)
{
    QStringList result;
    for (const CompressionRule &r : model.rules())
        result.append(r.name);
    return result;
}

Qt::CheckState checkState(const RuleTableModel &model, int row, int column)
{
    return Qt::CheckState(model.index(row, column).data(Qt::CheckStateRole).toInt());
}

bool hasError(const RuleTableModel &model, int row)
{
    return model.index(row, RuleTableModel::Pattern).data(Qt::BackgroundRole).isValid();
}

} // namespace

class TestRuleTableModel : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void headersAndFlags()
    {
        RuleTableModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QCOMPARE(model.columnCount(), int(RuleTableModel::ColumnCount));
        const auto header = [&model](int section) {
            return model.headerData(section, Qt::Horizontal).toString();
        };
        QCOMPARE(header(RuleTableModel::Enabled), QStringLiteral("On"));
        QCOMPARE(header(RuleTableModel::Name), QStringLiteral("Name"));
        QCOMPARE(header(RuleTableModel::Pattern), QStringLiteral("Find"));
        QCOMPARE(header(RuleTableModel::Replacement), QStringLiteral("Replace with"));
        QCOMPARE(header(RuleTableModel::Regex), QStringLiteral("Regex"));
        QCOMPARE(header(RuleTableModel::IgnoreCase), QStringLiteral("Aa"));
        QCOMPARE(header(RuleTableModel::Fires), QStringLiteral("Fired"));

        model.setRules(fourRules());
        // Check boxes for the switches, text editors for the texts, the count read-only.
        for (int column : { RuleTableModel::Enabled, RuleTableModel::Regex, RuleTableModel::IgnoreCase }) {
            const Qt::ItemFlags f = model.flags(model.index(0, column));
            QVERIFY2(f.testFlag(Qt::ItemIsUserCheckable), qPrintable(header(column)));
            QVERIFY2(!f.testFlag(Qt::ItemIsEditable), qPrintable(header(column)));
        }
        for (int column : { RuleTableModel::Name, RuleTableModel::Pattern, RuleTableModel::Replacement }) {
            const Qt::ItemFlags f = model.flags(model.index(0, column));
            QVERIFY2(f.testFlag(Qt::ItemIsEditable), qPrintable(header(column)));
            QVERIFY2(!f.testFlag(Qt::ItemIsUserCheckable), qPrintable(header(column)));
        }
        const Qt::ItemFlags fires = model.flags(model.index(0, RuleTableModel::Fires));
        QVERIFY(!fires.testFlag(Qt::ItemIsEditable));
        QVERIFY(!fires.testFlag(Qt::ItemIsUserCheckable));
        // Rows are dragged and dropped between rows.
        for (int column = 0; column < RuleTableModel::ColumnCount; ++column)
            QVERIFY(model.flags(model.index(1, column)).testFlag(Qt::ItemIsDragEnabled));
        QVERIFY(model.flags(QModelIndex()).testFlag(Qt::ItemIsDropEnabled));
        QCOMPARE(model.supportedDropActions(), Qt::DropActions(Qt::MoveAction));
        QCOMPARE(model.mimeTypes().size(), 1);
    }

    void showsRulesAsSet()
    {
        RuleTableModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QSignalSpy edited(&model, &RuleTableModel::rulesEdited);
        QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
        QList<CompressionRule> rules = fourRules();
        rules[3].enabled = false;
        rules[3].ignoreCase = true;
        model.setRules(rules);
        QCOMPARE(reset.size(), 1);
        QCOMPARE(edited.size(), 1);
        QCOMPARE(model.rowCount(), 4);
        QCOMPARE(model.rules(), rules);

        QCOMPARE(model.index(0, RuleTableModel::Name).data().toString(), QStringLiteral("a"));
        QCOMPARE(model.index(1, RuleTableModel::Pattern).data().toString(), QStringLiteral("\\s+"));
        QCOMPARE(model.index(3, RuleTableModel::Replacement).data().toString(), QStringLiteral("thx"));
        QCOMPARE(checkState(model, 0, RuleTableModel::Enabled), Qt::Checked);
        QCOMPARE(checkState(model, 3, RuleTableModel::Enabled), Qt::Unchecked);
        QCOMPARE(checkState(model, 1, RuleTableModel::Regex), Qt::Checked);
        QCOMPARE(checkState(model, 0, RuleTableModel::Regex), Qt::Unchecked);
        QCOMPARE(checkState(model, 3, RuleTableModel::IgnoreCase), Qt::Checked);
        QVERIFY(!model.index(0, RuleTableModel::Name).data(Qt::CheckStateRole).isValid());
        QCOMPARE(model.index(0, RuleTableModel::Fires).data().toInt(), 0);

        // An empty replacement removes the match, and the cell says so (greyed), while the
        // editor starts from the real, empty text.
        const QModelIndex remove = model.index(0, RuleTableModel::Replacement);
        QCOMPARE(remove.data(Qt::DisplayRole).toString(), QStringLiteral("(remove)"));
        QCOMPARE(remove.data(Qt::EditRole).toString(), QString());
        QVERIFY(remove.data(Qt::ForegroundRole).isValid());
        QVERIFY(!model.index(3, RuleTableModel::Replacement).data(Qt::ForegroundRole).isValid());
        // A regex replacement explains its group syntax.
        QVERIFY(model.index(1, RuleTableModel::Replacement)
                    .data(Qt::ToolTipRole)
                    .toString()
                    .contains(QStringLiteral("$1")));

        // Adding a rule appends one row.
        QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
        model.addRule(rule(QStringLiteral("e"), QStringLiteral("kindly ")));
        QCOMPARE(inserted.size(), 1);
        QCOMPARE(inserted.at(0).at(1).toInt(), 4);
        QCOMPARE(edited.size(), 2);
        QCOMPARE(model.rowCount(), 5);
        QCOMPARE(model.index(4, RuleTableModel::Name).data().toString(), QStringLiteral("e"));
        QCOMPARE(model.index(4, RuleTableModel::Fires).data().toInt(), 0);
    }

    void editingCellsChangesTheRules()
    {
        RuleTableModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setRules(fourRules());
        QSignalSpy edited(&model, &RuleTableModel::rulesEdited);
        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);

        QVERIFY(model.setData(model.index(0, RuleTableModel::Name), QStringLiteral("politeness")));
        QCOMPARE(model.rules().at(0).name, QStringLiteral("politeness"));
        QCOMPARE(edited.size(), 1);
        QCOMPARE(changed.size(), 1);
        QCOMPARE(changed.at(0).at(0).value<QModelIndex>().row(), 0);
        QCOMPARE(changed.at(0).at(1).value<QModelIndex>().row(), 0);

        QVERIFY(model.setData(model.index(0, RuleTableModel::Pattern), QStringLiteral("please, ")));
        QVERIFY(model.setData(model.index(0, RuleTableModel::Replacement), QStringLiteral("pls ")));
        QCOMPARE(model.rules().at(0).pattern, QStringLiteral("please, "));
        QCOMPARE(model.index(0, RuleTableModel::Replacement).data().toString(), QStringLiteral("pls "));
        QVERIFY(!model.index(0, RuleTableModel::Replacement).data(Qt::ForegroundRole).isValid());

        // Check boxes take the state a view sends (an int).
        QVERIFY(
            model.setData(model.index(1, RuleTableModel::Enabled), int(Qt::Unchecked), Qt::CheckStateRole));
        QCOMPARE(model.rules().at(1).enabled, false);
        QCOMPARE(checkState(model, 1, RuleTableModel::Enabled), Qt::Unchecked);
        QVERIFY(model.setData(model.index(3, RuleTableModel::IgnoreCase), Qt::Checked, Qt::CheckStateRole));
        QCOMPARE(model.rules().at(3).ignoreCase, true);
        QCOMPARE(edited.size(), 5);

        // What cannot be edited is refused, and nothing is announced.
        QVERIFY(!model.setData(model.index(0, RuleTableModel::Fires), 7));
        QVERIFY(!model.setData(model.index(0, RuleTableModel::Name), Qt::Checked, Qt::CheckStateRole));
        QVERIFY(!model.setData(model.index(0, RuleTableModel::Enabled), QStringLiteral("x"), Qt::EditRole));
        QVERIFY(!model.setData(model.index(0, RuleTableModel::Name), QStringLiteral("x"), Qt::ToolTipRole));
        QCOMPARE(edited.size(), 5);
        QCOMPARE(model.rules().at(0).name, QStringLiteral("politeness"));
    }

    void invalidRegexIsShownInItsCell()
    {
        RuleTableModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setRules(fourRules());
        QVERIFY(!hasError(model, 1));
        QVERIFY(hasError(model, 2));
        const QString tip = model.index(2, RuleTableModel::Pattern).data(Qt::ToolTipRole).toString();
        QVERIFY2(tip.contains(QStringLiteral("regular expression")), qPrintable(tip));

        // As plain text "(x" is fine; as a regex again it is not.
        QVERIFY(model.setData(model.index(2, RuleTableModel::Regex), Qt::Unchecked, Qt::CheckStateRole));
        QVERIFY(!hasError(model, 2));
        QVERIFY(!model.index(2, RuleTableModel::Pattern).data(Qt::ToolTipRole).isValid());
        QVERIFY(model.setData(model.index(2, RuleTableModel::Regex), Qt::Checked, Qt::CheckStateRole));
        QVERIFY(hasError(model, 2));
        // Fixing the pattern clears the mark.
        QVERIFY(model.setData(model.index(2, RuleTableModel::Pattern), QStringLiteral("(x)")));
        QVERIFY(!hasError(model, 2));
        // An empty pattern is an error too.
        QVERIFY(model.setData(model.index(0, RuleTableModel::Pattern), QString()));
        QVERIFY(hasError(model, 0));
    }

    void firesFillTheirColumnOnly()
    {
        RuleTableModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setRules(fourRules());
        QSignalSpy edited(&model, &RuleTableModel::rulesEdited);
        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);

        model.setFires({ 3, 0, 0, 12 });
        QCOMPARE(changed.size(), 1);
        QCOMPARE(changed.at(0).at(0).value<QModelIndex>(), model.index(0, RuleTableModel::Fires));
        QCOMPARE(changed.at(0).at(1).value<QModelIndex>(), model.index(3, RuleTableModel::Fires));
        QCOMPARE(model.index(0, RuleTableModel::Fires).data().toInt(), 3);
        QCOMPARE(model.index(3, RuleTableModel::Fires).data().toInt(), 12);
        QVERIFY(Qt::Alignment(model.index(0, RuleTableModel::Fires).data(Qt::TextAlignmentRole).toInt())
                    .testFlag(Qt::AlignRight));
        QCOMPARE(edited.size(), 0); // counts are not an edit of the rules

        // The same counts, or counts of another rule set, change nothing.
        model.setFires({ 3, 0, 0, 12 });
        model.setFires({ 1, 2 });
        QCOMPARE(changed.size(), 1);
        QCOMPARE(model.index(0, RuleTableModel::Fires).data().toInt(), 3);

        // New rules start at zero.
        model.setRules(fourRules().mid(0, 2));
        QCOMPARE(model.index(0, RuleTableModel::Fires).data().toInt(), 0);
    }

    void moveRowsReordersRulesWithTheirState()
    {
        RuleTableModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QList<CompressionRule> rules = fourRules();
        rules.append(rule(QStringLiteral("e"), QStringLiteral("kindly ")));
        model.setRules(rules);
        model.setFires({ 1, 2, 3, 4, 5 });
        QSignalSpy edited(&model, &RuleTableModel::rulesEdited);
        QSignalSpy moved(&model, &QAbstractItemModel::rowsMoved);

        // Down: the first rule below the third.
        QVERIFY(model.moveRows({}, 0, 1, {}, 3));
        QCOMPARE(names(model),
                 QStringList({ QStringLiteral("b"), QStringLiteral("c"), QStringLiteral("a"),
                               QStringLiteral("d"), QStringLiteral("e") }));
        QCOMPARE(moved.size(), 1);
        QCOMPARE(edited.size(), 1);
        // The fire count and the error mark travel with their rule.
        QCOMPARE(model.index(2, RuleTableModel::Fires).data().toInt(), 1);
        QVERIFY(hasError(model, 1));
        QVERIFY(!hasError(model, 2));

        // Two rows down, then two rows up.
        model.setRules(rules);
        QVERIFY(model.moveRows({}, 0, 2, {}, 4));
        QCOMPARE(names(model),
                 QStringList({ QStringLiteral("c"), QStringLiteral("d"), QStringLiteral("a"),
                               QStringLiteral("b"), QStringLiteral("e") }));
        QVERIFY(hasError(model, 0));
        model.setRules(rules);
        QVERIFY(model.moveRows({}, 3, 2, {}, 1));
        QCOMPARE(names(model),
                 QStringList({ QStringLiteral("a"), QStringLiteral("d"), QStringLiteral("e"),
                               QStringLiteral("b"), QStringLiteral("c") }));
        QVERIFY(hasError(model, 4));

        // Moves that go nowhere, or out of range, are refused and change nothing.
        const QStringList before = names(model);
        moved.clear();
        QVERIFY(!model.moveRows({}, 1, 1, {}, 1));
        QVERIFY(!model.moveRows({}, 1, 1, {}, 2));
        QVERIFY(!model.moveRows({}, 4, 2, {}, 0));
        QVERIFY(!model.moveRows({}, 0, 1, {}, 6));
        QVERIFY(!model.moveRows({}, -1, 1, {}, 3));
        QVERIFY(!model.moveRows({}, 0, 0, {}, 3));
        QVERIFY(!model.moveRows(model.index(0, 0), 0, 1, {}, 3));
        QCOMPARE(names(model), before);
        QCOMPARE(moved.size(), 0);
    }

    void droppingARowMovesIt()
    {
        RuleTableModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setRules(fourRules());
        QSignalSpy removed(&model, &QAbstractItemModel::rowsRemoved);

        // Between rows: the dragged rule goes before the row it is dropped above.
        std::unique_ptr<QMimeData> mime(model.mimeData({ model.index(3, RuleTableModel::Name) }));
        QVERIFY(mime);
        QVERIFY(mime->hasFormat(model.mimeTypes().first()));
        QVERIFY(!model.dropMimeData(mime.get(), Qt::MoveAction, 0, 0, {})); // false: moved already
        QCOMPARE(names(model),
                 QStringList(
                     { QStringLiteral("d"), QStringLiteral("a"), QStringLiteral("b"), QStringLiteral("c") }));
        QCOMPARE(model.rowCount(), 4);
        QCOMPARE(removed.size(), 0);

        // Onto a row: the dragged rule takes its place.
        mime.reset(model.mimeData(
            { model.index(0, RuleTableModel::Name), model.index(0, RuleTableModel::Pattern) }));
        QVERIFY(!model.dropMimeData(mime.get(), Qt::MoveAction, -1, -1, model.index(2, 0)));
        QCOMPARE(names(model),
                 QStringList(
                     { QStringLiteral("a"), QStringLiteral("b"), QStringLiteral("d"), QStringLiteral("c") }));

        // Below the last row.
        mime.reset(model.mimeData({ model.index(0, RuleTableModel::Pattern) }));
        QVERIFY(!model.dropMimeData(mime.get(), Qt::MoveAction, -1, -1, {}));
        QCOMPARE(names(model),
                 QStringList(
                     { QStringLiteral("b"), QStringLiteral("d"), QStringLiteral("c"), QStringLiteral("a") }));

        // A copy, or foreign data, is not a reorder.
        mime.reset(model.mimeData({ model.index(0, RuleTableModel::Pattern) }));
        QVERIFY(!model.dropMimeData(mime.get(), Qt::CopyAction, 3, 0, {}));
        QMimeData foreign;
        foreign.setText(QStringLiteral("0"));
        QVERIFY(!model.dropMimeData(&foreign, Qt::MoveAction, 3, 0, {}));
        QCOMPARE(names(model),
                 QStringList(
                     { QStringLiteral("b"), QStringLiteral("d"), QStringLiteral("c"), QStringLiteral("a") }));
        QCOMPARE(model.rowCount(), 4);
        QVERIFY(!model.mimeData({}));
    }

    void removeRowsDropsRules()
    {
        RuleTableModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setRules(fourRules());
        model.setFires({ 1, 2, 3, 4 });
        QSignalSpy edited(&model, &RuleTableModel::rulesEdited);
        QVERIFY(model.removeRows(1, 2));
        QCOMPARE(names(model), QStringList({ QStringLiteral("a"), QStringLiteral("d") }));
        QCOMPARE(model.index(1, RuleTableModel::Fires).data().toInt(), 4);
        QVERIFY(!hasError(model, 0) && !hasError(model, 1));
        QCOMPARE(edited.size(), 1);
        QVERIFY(!model.removeRows(1, 2));
        QVERIFY(!model.removeRows(-1, 1));
        QVERIFY(!model.removeRows(0, 0));
        QCOMPARE(model.rowCount(), 2);
        QCOMPARE(edited.size(), 1);
        QVERIFY(model.removeRows(0, 2));
        QCOMPARE(model.rowCount(), 0);
        QVERIFY(model.rules().isEmpty());
    }
};

QTEST_MAIN(TestRuleTableModel)
#include "tst_ruletablemodel.moc"
