#pragma once

#include "protocol/endpointprofile.h"

#include <QAbstractListModel>
#include <QStringList>

class ProfileStore;

/*!
 * \brief The profiles of a ProfileStore as a checkable list: checked = part of the next
 * send or run (at most MaxChecked).
 */
class EndpointListModel : public QAbstractListModel
{
    Q_OBJECT
public:
    enum Roles {
        IdRole = Qt::UserRole + 1, ///< QString profile id
        ColorRole, ///< QColor of the profile
        EmbeddedRole, ///< bool, true for the built-in endpoint
        BaseUrlRole, ///< QUrl
    };
    static constexpr int MaxChecked = 4;

    explicit EndpointListModel(ProfileStore *store, QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    bool setData(const QModelIndex &index, const QVariant &value, int role = Qt::EditRole) override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;
    QHash<int, QByteArray> roleNames() const override;

    QModelIndex indexOfId(const QString &id) const;
    EndpointProfile profileAt(int row) const;

    /// Checked ids in list order.
    QStringList checkedIds() const;
    /// Checks exactly \a ids (unknown ids dropped, at most MaxChecked kept).
    void setCheckedIds(const QStringList &ids);
    /// Checks \a ids (profiles just added), in list order, while fewer than MaxChecked are
    /// checked: a new endpoint takes part in the next race without another click.
    void checkNew(const QStringList &ids);

Q_SIGNALS:
    void checkedIdsChanged();

private:
    void reload();

    ProfileStore *m_store;
    QList<EndpointProfile> m_profiles;
    QStringList m_checked;
};
