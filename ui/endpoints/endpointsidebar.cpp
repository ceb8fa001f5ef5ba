#include "endpointsidebar.h"

#include "endpointdialog.h"
#include "models/endpointlistmodel.h"

#include "client/streamingclient.h"
#include "profiles/connectiontester.h"
#include "profiles/profilestore.h"
#include "profiles/secretstore.h"

#include <QFile>
#include <QFileDialog>
#include <QGridLayout>
#include <QLabel>
#include <QListView>
#include <QMessageBox>
#include <QPointer>
#include <QPushButton>
#include <QSaveFile>
#include <QPainter>
#include <QStyledItemDelegate>
#include <QVBoxLayout>

namespace {

/// Draws each endpoint's colour as a swatch that stays itself in a selected row: the style
/// would tint a plain colour decoration with the highlight, and a blue one then vanishes.
class SwatchDelegate : public QStyledItemDelegate
{
public:
    using QStyledItemDelegate::QStyledItemDelegate;

protected:
    void initStyleOption(QStyleOptionViewItem *option, const QModelIndex &index) const override
    {
        QStyledItemDelegate::initStyleOption(option, index);
        const QColor color = index.data(EndpointListModel::ColorRole).value<QColor>();
        if (!color.isValid())
            return;
        const QSize size = option->decorationSize.isValid() ? option->decorationSize : QSize(14, 14);
        const bool selected = option->state & QStyle::State_Selected;
        // An outline in the colour of the row's text keeps the square apart from any background.
        QColor outline = option->palette.color(selected ? QPalette::HighlightedText : QPalette::Text);
        outline.setAlphaF(0.6f);
        QPixmap pixmap(size);
        pixmap.fill(Qt::transparent);
        {
            QPainter painter(&pixmap);
            painter.fillRect(QRect(QPoint(0, 0), size), outline);
            painter.fillRect(QRect(QPoint(1, 1), size - QSize(2, 2)), color);
        }
        QIcon icon;
        for (QIcon::Mode mode : {QIcon::Normal, QIcon::Active, QIcon::Selected})
            icon.addPixmap(pixmap, mode);
        option->icon = icon;
        option->features |= QStyleOptionViewItem::HasDecoration;
    }
};

} // namespace

EndpointSidebar::EndpointSidebar(ProfileStore *store, StreamingClient *client, QWidget *parent)
    : QWidget(parent)
    , m_store(store)
    , m_client(client)
    , m_secrets(new SecretStore(this))
    , m_tester(new ConnectionTester(this))
    , m_model(new EndpointListModel(store, this))
{
    auto *title = new QLabel(tr("Endpoints"), this);
    QFont titleFont = title->font();
    titleFont.setBold(true);
    title->setFont(titleFont);
    m_hint = new QLabel(tr("Check up to %1 endpoints to compare them.").arg(EndpointListModel::MaxChecked),
                        this);
    m_hint->setWordWrap(true);
    m_hint->setEnabled(false);

    m_view = new QListView(this);
    m_view->setObjectName(QStringLiteral("endpointList"));
    m_view->setModel(m_model);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    // Not uniform item sizes: the size cached from the first row would outlive a change of
    // language, and a Chinese name needs a taller row than the Latin one it replaced.
    m_view->setIconSize(QSize(14, 14));
    m_view->setItemDelegate(new SwatchDelegate(m_view));
    connect(m_view, &QListView::doubleClicked, this, &EndpointSidebar::editCurrent);

    auto makeButton = [this](const QString &text, const char *objectName, const QString &tip) {
        auto *button = new QPushButton(text, this);
        button->setObjectName(QString::fromLatin1(objectName));
        button->setToolTip(tip);
        return button;
    };
    m_add = makeButton(tr("Add…"), "addButton", tr("Add an endpoint"));
    m_edit = makeButton(tr("Edit…"), "editButton", tr("Edit the selected endpoint"));
    m_duplicate = makeButton(tr("Duplicate"), "duplicateButton", tr("Copy the selected endpoint"));
    m_delete = makeButton(tr("Delete"), "deleteButton", tr("Delete the selected endpoint"));
    m_import = makeButton(tr("Import…"), "importButton", tr("Add endpoints from a JSON file"));
    m_export = makeButton(tr("Export…"), "exportButton",
                          tr("Save your endpoints to a JSON file (API keys are never included)"));
    m_test = makeButton(tr("Test connection"), "testButton",
                        tr("Ask the selected endpoint for its models and time the answer"));
    connect(m_add, &QPushButton::clicked, this, &EndpointSidebar::addEndpoint);
    connect(m_edit, &QPushButton::clicked, this, &EndpointSidebar::editCurrent);
    connect(m_duplicate, &QPushButton::clicked, this, &EndpointSidebar::duplicateCurrent);
    connect(m_delete, &QPushButton::clicked, this, &EndpointSidebar::deleteCurrent);
    connect(m_import, &QPushButton::clicked, this, &EndpointSidebar::importProfiles);
    connect(m_export, &QPushButton::clicked, this, &EndpointSidebar::exportProfiles);
    connect(m_test, &QPushButton::clicked, this, &EndpointSidebar::testCurrent);

    auto *buttons = new QGridLayout;
    buttons->setSpacing(4);
    buttons->addWidget(m_add, 0, 0);
    buttons->addWidget(m_edit, 0, 1);
    buttons->addWidget(m_duplicate, 0, 2);
    buttons->addWidget(m_delete, 1, 0);
    buttons->addWidget(m_import, 1, 1);
    buttons->addWidget(m_export, 1, 2);
    buttons->addWidget(m_test, 2, 0, 1, 3);

    m_status = new QLabel(this);
    m_status->setObjectName(QStringLiteral("testStatus"));
    m_status->setWordWrap(true);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_status->setVisible(false);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 6, 6, 6);
    layout->addWidget(title);
    layout->addWidget(m_hint);
    layout->addWidget(m_view, 1);
    layout->addLayout(buttons);
    layout->addWidget(m_status);

    connect(m_view->selectionModel(), &QItemSelectionModel::currentChanged, this,
            [this](const QModelIndex &current) {
                const QString id = current.data(EndpointListModel::IdRole).toString();
                if (id == m_currentId)
                    return;
                m_currentId = id;
                updateButtons();
                Q_EMIT currentProfileChanged();
            });
    connect(m_model, &EndpointListModel::modelReset, this, &EndpointSidebar::restoreCurrent);
    connect(m_model, &EndpointListModel::checkedIdsChanged, this, &EndpointSidebar::checkedProfilesChanged);
    // A checked profile may have been edited: whoever uses them must look again.
    connect(m_store, &ProfileStore::profilesChanged, this, &EndpointSidebar::checkedProfilesChanged);

    restoreCurrent();
}

EndpointSidebar::~EndpointSidebar() = default;

QList<EndpointProfile> EndpointSidebar::checkedProfiles() const
{
    QList<EndpointProfile> result;
    const QStringList ids = m_model->checkedIds();
    for (const QString &id : ids) {
        if (const auto p = m_store->profile(id))
            result.append(*p);
    }
    return result;
}

std::optional<EndpointProfile> EndpointSidebar::currentProfile() const
{
    return m_store->profile(m_currentId);
}

void EndpointSidebar::setCheckedIds(const QStringList &ids)
{
    m_model->setCheckedIds(ids);
}

QStringList EndpointSidebar::checkedIds() const
{
    return m_model->checkedIds();
}

QString EndpointSidebar::statusText() const
{
    return m_status->text();
}

void EndpointSidebar::restoreCurrent()
{
    QModelIndex index = m_model->indexOfId(m_currentId);
    if (!index.isValid())
        index = m_model->index(0);
    m_currentId = index.data(EndpointListModel::IdRole).toString();
    {
        const QSignalBlocker block(m_view->selectionModel());
        m_view->selectionModel()->setCurrentIndex(index, QItemSelectionModel::ClearAndSelect);
    }
    updateButtons();
    // Also when the same id was edited: its contents may have changed.
    Q_EMIT currentProfileChanged();
}

void EndpointSidebar::updateButtons()
{
    const bool any = m_store->contains(m_currentId);
    const bool builtIn = ProfileStore::isEmbedded(m_currentId);
    m_edit->setEnabled(any);
    m_duplicate->setEnabled(any && !builtIn);
    m_delete->setEnabled(any && !builtIn);
    m_test->setEnabled(any);
    m_delete->setToolTip(builtIn ? tr("The built-in endpoint cannot be deleted")
                                 : tr("Delete the selected endpoint"));
    m_export->setEnabled(m_store->profiles().size() > 1);
}

void EndpointSidebar::saveStore()
{
    QString error;
    if (!m_store->save(&error))
        showStatus(error, true);
}

void EndpointSidebar::showStatus(const QString &text, bool error)
{
    m_status->setText(text);
    m_status->setStyleSheet(error ? QStringLiteral("color: #c62828;") : QString());
    m_status->setVisible(!text.isEmpty());
}

void EndpointSidebar::addEndpoint()
{
    EndpointProfile initial;
    initial.name = tr("New endpoint");
    initial.baseUrl = QUrl(QStringLiteral("http://localhost:8000/v1"));
    const auto edited = EndpointDialog::edit(this, m_store, m_secrets, m_client, initial);
    if (!edited)
        return;
    const QString id = m_store->add(*edited);
    if (id.isEmpty()) {
        showStatus(ProfileStore::validate(*edited), true);
        return;
    }
    m_model->checkNew({id});
    m_currentId = id;
    restoreCurrent();
    saveStore();
}

void EndpointSidebar::editCurrent()
{
    const auto current = currentProfile();
    if (!current)
        return;
    const auto edited = EndpointDialog::edit(this, m_store, m_secrets, m_client, *current);
    if (!edited)
        return;
    if (!m_store->update(*edited)) {
        showStatus(ProfileStore::validate(*edited), true);
        return;
    }
    saveStore();
}

void EndpointSidebar::duplicateCurrent()
{
    const QString id = m_store->duplicate(m_currentId);
    if (id.isEmpty())
        return;
    m_model->checkNew({id});
    m_currentId = id;
    restoreCurrent();
    saveStore();
}

void EndpointSidebar::deleteCurrent()
{
    const auto current = currentProfile();
    if (!current || ProfileStore::isEmbedded(current->id))
        return;
    const auto answer = QMessageBox::question(this, tr("Delete endpoint"),
                                              tr("Delete the endpoint \"%1\"? Its stored API key is "
                                                 "removed from the keychain too.")
                                                  .arg(current->name));
    if (answer != QMessageBox::Yes)
        return;
    if (m_store->remove(current->id)) {
        saveStore();
        // Only worth asking when a keychain is known to be there.
        if (m_secrets->knownAvailability().value_or(false))
            QCoro::connect(m_secrets->remove(current->id), this, [](bool) {});
    }
}

void EndpointSidebar::importProfiles()
{
    const QString path = QFileDialog::getOpenFileName(this, tr("Import endpoints"), QString(),
                                                      tr("Endpoint files (*.json);;All files (*)"));
    if (path.isEmpty())
        return;
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        QMessageBox::warning(this, tr("Import endpoints"),
                             tr("Cannot read %1: %2").arg(path, file.errorString()));
        return;
    }
    QString error;
    if (!m_store->importJson(file.readAll(), &error)) {
        QMessageBox::warning(this, tr("Import endpoints"), error);
        return;
    }
    m_model->checkNew(m_store->lastImportedIds());
    const int count = int(m_store->lastImportedIds().size());
    showStatus(tr("%n endpoint(s) imported. API keys are not part of the file: set the variables "
                  "or store the keys again.",
                  nullptr, count),
               false);
    saveStore();
}

void EndpointSidebar::exportProfiles()
{
    const QString path = QFileDialog::getSaveFileName(this, tr("Export endpoints"), tr("endpoints.json"),
                                                      tr("Endpoint files (*.json)"));
    if (path.isEmpty())
        return;
    QStringList ids;
    const auto all = m_store->profiles();
    for (const auto &p : all)
        ids.append(p.id);
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(m_store->exportJson(ids)) < 0 || !file.commit()) {
        QMessageBox::warning(this, tr("Export endpoints"),
                             tr("Cannot write %1: %2").arg(path, file.errorString()));
        return;
    }
    showStatus(tr("%n endpoint(s) exported without API keys.", nullptr, int(ids.size()) - 1), false);
}

void EndpointSidebar::testCurrent()
{
    const auto current = currentProfile();
    if (!current)
        return;
    if (ProfileStore::isEmbedded(current->id) && current->baseUrl.isEmpty()) {
        showStatus(tr("The embedded endpoint is not running."), true);
        return;
    }
    QCoro::connect(doTest(*current), this, [] {});
}

QCoro::Task<> EndpointSidebar::doTest(EndpointProfile profile)
{
    QPointer<EndpointSidebar> self(this);
    m_test->setEnabled(false);
    showStatus(tr("Testing %1…").arg(profile.name), false);
    profile = co_await m_secrets->withApiKey(profile);
    if (!self)
        co_return;
    const ConnectionTestResult list = co_await m_tester->test(profile);
    if (!self)
        co_return;

    QStringList lines;
    lines.append(list.message);
    if (!list.models.isEmpty()) {
        constexpr int Shown = 8;
        QStringList models = list.models.mid(0, Shown);
        if (list.models.size() > Shown)
            models.append(tr("… and %n more", nullptr, int(list.models.size() - Shown)));
        lines.append(tr("Models: %1").arg(models.join(QStringLiteral(", "))));
    }
    bool ok = list.ok;

    // The model list says the server is there; one short generation says it can answer.
    if (m_client) {
        showStatus(lines.join(QLatin1Char('\n')) + QLatin1Char('\n') + tr("Sending a short prompt…"), !ok);
        GenerationRequest request;
        request.messages = { { QStringLiteral("user"), QStringLiteral("Say OK.") } };
        request.maxTokens = 4;
        RequestOptions options;
        options.firstTokenTimeoutMs = 30'000;
        options.totalTimeoutMs = 60'000;
        const RequestTrace trace = co_await m_client->send(profile, request, options);
        if (!self)
            co_return;
        if (trace.ok() && trace.firstTokenNs >= 0 && trace.startNs >= 0) {
            lines.append(tr("Generation: first token after %1 ms.")
                             .arg(double(trace.firstTokenNs - trace.startNs) / 1e6, 0, 'f', 1));
            ok = true; // some servers have no model list but generate fine
        } else {
            QString why
                = trace.errorMessage.isEmpty() ? ErrorClasses::label(trace.error) : trace.errorMessage;
            if (profile.apiKey.size() >= 4)
                why.replace(profile.apiKey, QStringLiteral("••••"));
            lines.append(tr("Generation failed: %1").arg(why));
            ok = false;
        }
    }
    m_test->setEnabled(true);
    showStatus(lines.join(QLatin1Char('\n')), !ok);
}
