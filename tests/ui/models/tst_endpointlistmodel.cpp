// EndpointListModel over a ProfileStore: the embedded endpoint first and checked, rows that
// follow the store, and at most four endpoints checked for a race.
#include "models/endpointlistmodel.h"

#include "profiles/profilestore.h"

#include <QAbstractItemModelTester>
#include <QColor>
#include <QSignalSpy>
#include <QTest>

namespace {

EndpointProfile remote(const QString &name, const QString &color = QString())
{
    EndpointProfile p;
    p.name = name;
    p.color = color;
    p.baseUrl = QUrl(QStringLiteral("https://api.example.com/v1"));
    p.protocol = Protocol::OpenAIChat;
    p.model = QStringLiteral("gpt-example");
    return p;
}

Qt::CheckState checkState(const QModelIndex &index)
{
    return Qt::CheckState(index.data(Qt::CheckStateRole).toInt());
}

} // namespace

class TestEndpointListModel : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void embeddedEndpointIsFirstAndChecked()
    {
        ProfileStore store;
        EndpointListModel model(&store);
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);

        QCOMPARE(model.rowCount(), 1);
        QCOMPARE(model.rowCount(model.index(0)), 0); // a flat list
        const QModelIndex embedded = model.index(0);
        QCOMPARE(embedded.data(EndpointListModel::IdRole).toString(), QStringLiteral("embedded"));
        QCOMPARE(embedded.data(EndpointListModel::EmbeddedRole).toBool(), true);
        QVERIFY(!embedded.data().toString().isEmpty());
        QCOMPARE(checkState(embedded), Qt::Checked);
        QCOMPARE(model.checkedIds(), QStringList { QStringLiteral("embedded") });
        // Its colour is the one its series have in every chart.
        const QColor color = embedded.data(EndpointListModel::ColorRole).value<QColor>();
        QVERIFY(color.isValid());
        QCOMPARE(embedded.data(Qt::DecorationRole).value<QColor>(), color);
        QCOMPARE(color, QColor::fromString(store.profiles().first().color));
        // Before the embedded server runs there is no URL to show.
        QVERIFY(embedded.data(EndpointListModel::BaseUrlRole).toUrl().isEmpty());
        QVERIFY(embedded.data(Qt::ToolTipRole).toString().contains(QStringLiteral("(not running)")));

        const Qt::ItemFlags flags = model.flags(embedded);
        QVERIFY(flags.testFlag(Qt::ItemIsUserCheckable));
        QVERIFY(flags.testFlag(Qt::ItemIsEnabled));
        QVERIFY(flags.testFlag(Qt::ItemIsSelectable));
        QVERIFY(!flags.testFlag(Qt::ItemIsEditable)); // renaming goes through the dialog

        const QHash<int, QByteArray> roles = model.roleNames();
        QCOMPARE(roles.value(EndpointListModel::IdRole), QByteArray("profileId"));
        QCOMPARE(roles.value(EndpointListModel::ColorRole), QByteArray("profileColor"));
        QCOMPARE(roles.value(EndpointListModel::EmbeddedRole), QByteArray("embedded"));
        QCOMPARE(roles.value(EndpointListModel::BaseUrlRole), QByteArray("baseUrl"));
        QCOMPARE(roles.value(Qt::DisplayRole), QByteArray("display"));

        // The server starting moves the row's URL in place; the check stays.
        QSignalSpy checked(&model, &EndpointListModel::checkedIdsChanged);
        store.setEmbeddedBaseUrl(QUrl(QStringLiteral("http://127.0.0.1:18080")));
        QCOMPARE(model.rowCount(), 1);
        QCOMPARE(model.index(0).data(EndpointListModel::BaseUrlRole).toUrl(),
                 QUrl(QStringLiteral("http://127.0.0.1:18080/v1")));
        QVERIFY(model.index(0).data(Qt::ToolTipRole).toString().contains(QStringLiteral("127.0.0.1:18080")));
        QCOMPARE(checkState(model.index(0)), Qt::Checked);
        QCOMPARE(checked.size(), 0);
    }

    void rowsFollowTheStore()
    {
        ProfileStore store;
        EndpointListModel model(&store);
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);

        const QString a = store.add(remote(QStringLiteral("Alpha")));
        const QString b = store.add(remote(QStringLiteral("Beta"), QStringLiteral("#ff00ff")));
        EndpointProfile local = remote(QStringLiteral("Local llama"));
        local.protocol = Protocol::LlamaCpp;
        local.baseUrl = QUrl(QStringLiteral("http://10.0.0.5:8080"));
        local.model.clear();
        const QString c = store.add(local);
        QVERIFY(!a.isEmpty() && !b.isEmpty() && !c.isEmpty());

        QCOMPARE(model.rowCount(), 4);
        QCOMPARE(model.index(1).data().toString(), QStringLiteral("Alpha"));
        QCOMPARE(model.index(2).data().toString(), QStringLiteral("Beta"));
        QCOMPARE(model.index(3).data().toString(), QStringLiteral("Local llama"));
        QCOMPARE(model.indexOfId(b), model.index(2));
        QVERIFY(!model.indexOfId(QStringLiteral("no-such-id")).isValid());
        QCOMPARE(model.profileAt(1).id, a);
        QVERIFY(model.profileAt(4).id.isEmpty());
        QVERIFY(model.profileAt(-1).id.isEmpty());

        // A given colour is kept; a profile without one gets a colour of its own.
        QCOMPARE(model.index(2).data(Qt::DecorationRole).value<QColor>(), QColor(0xff, 0x00, 0xff));
        const QColor alpha = model.index(1).data(EndpointListModel::ColorRole).value<QColor>();
        QVERIFY(alpha.isValid());
        QVERIFY(alpha != model.index(0).data(EndpointListModel::ColorRole).value<QColor>());
        QCOMPARE(model.index(1).data(EndpointListModel::EmbeddedRole).toBool(), false);
        QCOMPARE(model.index(1).data(EndpointListModel::IdRole).toString(), a);
        QCOMPARE(model.index(1).data(EndpointListModel::BaseUrlRole).toUrl(),
                 QUrl(QStringLiteral("https://api.example.com/v1")));

        // The tooltip says where, how and what.
        const QString tip = model.index(1).data(Qt::ToolTipRole).toString();
        QVERIFY2(tip.contains(QStringLiteral("https://api.example.com/v1")), qPrintable(tip));
        QVERIFY2(tip.contains(Protocols::name(Protocol::OpenAIChat)), qPrintable(tip));
        QVERIFY2(tip.contains(QStringLiteral("gpt-example")), qPrintable(tip));
        const QString localTip = model.index(3).data(Qt::ToolTipRole).toString();
        QVERIFY2(localTip.contains(Protocols::name(Protocol::LlamaCpp)), qPrintable(localTip));
        QVERIFY2(localTip.contains(QStringLiteral("(whatever the server has loaded)")), qPrintable(localTip));

        // Renaming, then removing, shows at once.
        EndpointProfile renamed = *store.profile(a);
        renamed.name = QStringLiteral("Alpha 2");
        QVERIFY(store.update(renamed));
        QCOMPARE(model.index(1).data().toString(), QStringLiteral("Alpha 2"));
        QVERIFY(store.remove(b));
        QCOMPARE(model.rowCount(), 3);
        QCOMPARE(model.index(2).data().toString(), QStringLiteral("Local llama"));
        QVERIFY(!model.indexOfId(b).isValid());
    }

    void checkingIsCappedAtFour()
    {
        ProfileStore store;
        EndpointListModel model(&store);
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QStringList ids;
        for (const char *name : { "A", "B", "C", "D" })
            ids.append(store.add(remote(QString::fromLatin1(name))));
        QCOMPARE(model.rowCount(), 5);

        QSignalSpy checked(&model, &EndpointListModel::checkedIdsChanged);
        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        // What a view's check box sends: the state as an int.
        QVERIFY(model.setData(model.index(1), int(Qt::Checked), Qt::CheckStateRole));
        QCOMPARE(checked.size(), 1);
        QCOMPARE(changed.size(), 1);
        QCOMPARE(changed.at(0).at(0).value<QModelIndex>(), model.index(1));
        QCOMPARE(changed.at(0).at(1).value<QModelIndex>(), model.index(1));
        QVERIFY(changed.at(0).at(2).value<QList<int>>().contains(Qt::CheckStateRole));
        QCOMPARE(checkState(model.index(1)), Qt::Checked);

        QVERIFY(model.setData(model.index(2), Qt::Checked, Qt::CheckStateRole));
        QVERIFY(model.setData(model.index(3), Qt::Checked, Qt::CheckStateRole));
        QCOMPARE(model.checkedIds(),
                 QStringList({ QStringLiteral("embedded"), ids.at(0), ids.at(1), ids.at(2) }));
        QCOMPARE(checked.size(), 3);

        // A race compares at most four endpoints: the fifth check is refused and nothing moves.
        QVERIFY(!model.setData(model.index(4), Qt::Checked, Qt::CheckStateRole));
        QCOMPARE(checkState(model.index(4)), Qt::Unchecked);
        QCOMPARE(model.checkedIds().size(), EndpointListModel::MaxChecked);
        QCOMPARE(checked.size(), 3);

        // Checking a checked row again changes nothing and says nothing.
        changed.clear();
        QVERIFY(model.setData(model.index(2), Qt::Checked, Qt::CheckStateRole));
        QCOMPARE(checked.size(), 3);
        QCOMPARE(changed.size(), 0);

        // Unchecking one makes room for another.
        QVERIFY(model.setData(model.index(0), Qt::Unchecked, Qt::CheckStateRole));
        QCOMPARE(checkState(model.index(0)), Qt::Unchecked);
        QVERIFY(model.setData(model.index(4), Qt::Checked, Qt::CheckStateRole));
        QCOMPARE(model.checkedIds(), ids); // in list order
        QCOMPARE(checked.size(), 5);

        // Only the check state is editable.
        QVERIFY(!model.setData(model.index(1), QStringLiteral("Renamed"), Qt::EditRole));
        QCOMPARE(model.index(1).data().toString(), QStringLiteral("A"));
    }

    void checkNewFillsUpToFour()
    {
        // New endpoints take part in the next race while fewer than four are checked.
        ProfileStore store;
        EndpointListModel model(&store);
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QStringList ids;
        for (const char *name : { "A", "B", "C", "D", "E" })
            ids.append(store.add(remote(QString::fromLatin1(name))));
        QCOMPARE(model.checkedIds(), QStringList { QStringLiteral("embedded") });
        QSignalSpy checked(&model, &EndpointListModel::checkedIdsChanged);
        model.checkNew({ ids.at(0) });
        QCOMPARE(model.checkedIds(), QStringList({ QStringLiteral("embedded"), ids.at(0) }));
        QCOMPARE(checked.size(), 1);
        model.checkNew({ ids.at(4), ids.at(1), ids.at(2) }); // room for two, taken in list order
        QCOMPARE(model.checkedIds(),
                 QStringList({ QStringLiteral("embedded"), ids.at(0), ids.at(1), ids.at(2) }));
        QCOMPARE(checkState(model.indexOfId(ids.at(4))), Qt::Unchecked);
        model.checkNew({ ids.at(3) }); // full: nothing changes
        QCOMPARE(checked.size(), 2);
    }

    void setCheckedIdsKeepsKnownIdsInListOrder()
    {
        ProfileStore store;
        EndpointListModel model(&store);
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QStringList ids;
        for (const char *name : { "A", "B", "C", "D", "E" })
            ids.append(store.add(remote(QString::fromLatin1(name))));

        QSignalSpy checked(&model, &EndpointListModel::checkedIdsChanged);
        model.setCheckedIds({ ids.at(1), QStringLiteral("no-such-id"), ids.at(0), ids.at(1) });
        QCOMPARE(model.checkedIds(), QStringList({ ids.at(0), ids.at(1) }));
        QCOMPARE(checked.size(), 1);
        QCOMPARE(checkState(model.index(0)), Qt::Unchecked);
        QCOMPARE(checkState(model.index(1)), Qt::Checked);
        QCOMPARE(checkState(model.index(2)), Qt::Checked);
        QCOMPARE(checkState(model.index(3)), Qt::Unchecked);

        // The same ids again, in another order: the checked set did not change.
        model.setCheckedIds({ ids.at(0), ids.at(1) });
        QCOMPARE(model.checkedIds(), QStringList({ ids.at(0), ids.at(1) }));
        QCOMPARE(checked.size(), 1);

        // More than four: the first four known ones are kept.
        model.setCheckedIds(ids);
        QCOMPARE(model.checkedIds(), ids.mid(0, EndpointListModel::MaxChecked));
        QCOMPARE(checked.size(), 2);

        model.setCheckedIds({});
        QVERIFY(model.checkedIds().isEmpty());
        QCOMPARE(checked.size(), 3);
        for (int row = 0; row < model.rowCount(); ++row)
            QCOMPARE(checkState(model.index(row)), Qt::Unchecked);
    }

    void removedProfileLeavesTheCheckedSet()
    {
        ProfileStore store;
        EndpointListModel model(&store);
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        const QString a = store.add(remote(QStringLiteral("A")));
        const QString b = store.add(remote(QStringLiteral("B")));
        QVERIFY(model.setData(model.indexOfId(a), Qt::Checked, Qt::CheckStateRole));

        QSignalSpy checked(&model, &EndpointListModel::checkedIdsChanged);
        QVERIFY(store.remove(b)); // unchecked: the checked set is the same
        QCOMPARE(checked.size(), 0);
        QCOMPARE(model.checkedIds(), QStringList({ QStringLiteral("embedded"), a }));

        QVERIFY(store.remove(a));
        QCOMPARE(checked.size(), 1);
        QCOMPARE(model.checkedIds(), QStringList { QStringLiteral("embedded") });
        QCOMPARE(model.rowCount(), 1);

        // A profile added later under a fresh id is not checked by accident.
        const QString c = store.add(remote(QStringLiteral("C")));
        QCOMPARE(checkState(model.indexOfId(c)), Qt::Unchecked);
        QCOMPARE(checked.size(), 1);
    }
};

QTEST_MAIN(TestEndpointListModel)
#include "tst_endpointlistmodel.moc"
