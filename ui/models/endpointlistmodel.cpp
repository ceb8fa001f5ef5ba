#include "endpointlistmodel.h"

#include "profiles/profilestore.h"

#include <QColor>

EndpointListModel::EndpointListModel(ProfileStore *store, QObject *parent)
    : QAbstractListModel(parent)
    , m_store(store)
    , m_profiles(store->profiles())
    , m_checked { QString(ProfileStore::EmbeddedId) }
{
    connect(m_store, &ProfileStore::profilesChanged, this, &EndpointListModel::reload);
}

void EndpointListModel::reload()
{
    const QStringList before = checkedIds();
    beginResetModel();
    m_profiles = m_store->profiles();
    QStringList kept;
    for (const QString &id : std::as_const(m_checked)) {
        if (m_store->contains(id))
            kept.append(id);
    }
    m_checked = kept;
    endResetModel();
    if (checkedIds() != before)
        Q_EMIT checkedIdsChanged();
}

int EndpointListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_profiles.size());
}

EndpointProfile EndpointListModel::profileAt(int row) const
{
    return row >= 0 && row < m_profiles.size() ? m_profiles.at(row) : EndpointProfile();
}

QVariant EndpointListModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const EndpointProfile &p = m_profiles.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
        return p.name;
    case Qt::DecorationRole:
    case ColorRole:
        return QColor::fromString(p.color);
    case Qt::ToolTipRole: {
        const QString url
            = p.baseUrl.isEmpty() ? tr("(not running)") : p.baseUrl.toDisplayString(QUrl::RemoveUserInfo);
        const QString model = p.model.isEmpty() ? tr("(whatever the server has loaded)") : p.model;
        return tr("%1\nProtocol: %2 (%3)\nModel: %4")
            .arg(url, Protocols::name(p.protocol), Protocols::description(p.protocol), model);
    }
    case Qt::CheckStateRole:
        return m_checked.contains(p.id) ? Qt::Checked : Qt::Unchecked;
    case IdRole:
        return p.id;
    case EmbeddedRole:
        return ProfileStore::isEmbedded(p.id);
    case BaseUrlRole:
        return p.baseUrl;
    default:
        return {};
    }
}

bool EndpointListModel::setData(const QModelIndex &index, const QVariant &value, int role)
{
    if (role != Qt::CheckStateRole
        || !checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return false;
    const QString id = m_profiles.at(index.row()).id;
    const bool check = value.value<Qt::CheckState>() == Qt::Checked;
    if (check == m_checked.contains(id))
        return true;
    if (check) {
        if (m_checked.size() >= MaxChecked)
            return false; // a race compares at most four endpoints
        m_checked.append(id);
    } else {
        m_checked.removeAll(id);
    }
    Q_EMIT dataChanged(index, index, { Qt::CheckStateRole });
    Q_EMIT checkedIdsChanged();
    return true;
}

Qt::ItemFlags EndpointListModel::flags(const QModelIndex &index) const
{
    if (!index.isValid())
        return Qt::NoItemFlags;
    return Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemIsUserCheckable | Qt::ItemNeverHasChildren;
}

QHash<int, QByteArray> EndpointListModel::roleNames() const
{
    QHash<int, QByteArray> roles = QAbstractListModel::roleNames();
    roles.insert(IdRole, "profileId");
    roles.insert(ColorRole, "profileColor");
    roles.insert(EmbeddedRole, "embedded");
    roles.insert(BaseUrlRole, "baseUrl");
    return roles;
}

QModelIndex EndpointListModel::indexOfId(const QString &id) const
{
    for (int row = 0; row < m_profiles.size(); ++row) {
        if (m_profiles.at(row).id == id)
            return index(row);
    }
    return {};
}

QStringList EndpointListModel::checkedIds() const
{
    QStringList ids;
    for (const auto &p : m_profiles) {
        if (m_checked.contains(p.id))
            ids.append(p.id);
    }
    return ids;
}

void EndpointListModel::setCheckedIds(const QStringList &ids)
{
    // Kept in list order, so the same set given in another order changes nothing.
    QStringList wanted;
    for (const EndpointProfile &profile : std::as_const(m_profiles)) {
        if (ids.contains(profile.id) && wanted.size() < MaxChecked)
            wanted.append(profile.id);
    }
    if (wanted == m_checked)
        return;
    m_checked = wanted;
    if (!m_profiles.isEmpty())
        Q_EMIT dataChanged(index(0), index(int(m_profiles.size()) - 1), { Qt::CheckStateRole });
    Q_EMIT checkedIdsChanged();
}

void EndpointListModel::checkNew(const QStringList &ids)
{
    QStringList wanted = checkedIds();
    for (const EndpointProfile &profile : std::as_const(m_profiles)) {
        if (wanted.size() >= MaxChecked)
            break;
        if (ids.contains(profile.id) && !wanted.contains(profile.id))
            wanted.append(profile.id);
    }
    setCheckedIds(wanted);
}
