#include "endpointdialog.h"

#include "profiles/connectiontester.h"
#include "profiles/profilestore.h"
#include "profiles/secretstore.h"

#include <QButtonGroup>
#include <QCheckBox>
#include <QColorDialog>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QScreen>
#include <QScrollArea>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPainter>
#include <QPointer>
#include <QPushButton>
#include <QRadioButton>
#include <QTableWidget>
#include <QToolButton>
#include <QUuid>
#include <QVBoxLayout>
#include <QApplication>

#include <algorithm>

namespace {

/// Red that reads (WCAG 4.5:1) on the window it is drawn on, light or dark.
QString errorColor()
{
    return QApplication::palette().color(QPalette::Window).lightness() < 128 ? QStringLiteral("#ff8a80")
                                                                            : QStringLiteral("#c62828");
}

QLabel *makeErrorLabel(QWidget *parent, const QString &field)
{
    auto *label = new QLabel(parent);
    label->setObjectName(field + QStringLiteral("Error"));
    label->setWordWrap(true);
    label->setStyleSheet(QStringLiteral("color: %1;").arg(errorColor()));
    // Room is kept for the message even while there is none, so that a message appearing
    // as the user types never moves the fields below it (and the one under the pointer). A
    // base URL can be wrong in two ways at once (host and port): two lines for it.
    const int lines = field == u"baseUrl" ? 2 : 1;
    label->setMinimumHeight(lines * std::max(label->fontMetrics().lineSpacing(), label->fontMetrics().height()));
    QSizePolicy policy = label->sizePolicy();
    policy.setRetainSizeWhenHidden(true);
    label->setSizePolicy(policy);
    label->setVisible(false);
    return label;
}

// The field and its message below it, as one form row.
QWidget *withMessage(QWidget *field, QLabel *message, QWidget *extra = nullptr)
{
    auto *box = new QWidget;
    auto *layout = new QVBoxLayout(box);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);
    layout->addWidget(field);
    if (extra)
        layout->addWidget(extra);
    layout->addWidget(message);
    box->setFocusProxy(field); // so that the row label's mnemonic reaches the field
    return box;
}

QIcon swatch(const QString &color)
{
    QPixmap pixmap(16, 16);
    pixmap.fill(Qt::transparent);
    QPainter painter(&pixmap);
    painter.setRenderHint(QPainter::Antialiasing);
    painter.setPen(QPen(QColor(0, 0, 0, 90)));
    painter.setBrush(QColor::fromString(color));
    painter.drawRoundedRect(QRectF(0.5, 0.5, 15, 15), 3, 3);
    return QIcon(pixmap);
}

} // namespace

EndpointDialog::EndpointDialog(ProfileStore *store, SecretStore *secrets, QWidget *parent)
    : QDialog(parent)
    , m_store(store)
    , m_secrets(secrets)
    , m_tester(new ConnectionTester(this))
{
    setWindowTitle(tr("Endpoint"));
    buildUi();
    if (m_secrets && m_secrets->knownAvailability())
        setKeychainAvailable(*m_secrets->knownAvailability());
    else if (m_secrets)
        QCoro::connect(doProbeKeychain(), this, [] {});
    else
        setKeychainAvailable(false);
    setProfile(EndpointProfile {});
}

EndpointDialog::~EndpointDialog() = default;

void EndpointDialog::showEvent(QShowEvent *event)
{
    QDialog::showEvent(event);
    // A window is first sized to at most 2/3 of the screen: on a small screen the form would
    // be squeezed, the headers table over its buttons. Grow to what the form needs at this
    // width (wrapped notes included) instead.
    QWidget *content = m_formScroll->widget();
    const int contentWidth = m_formScroll->viewport()->width();
    const int formHeight = content->hasHeightForWidth() ? content->heightForWidth(contentWidth)
                                                        : content->sizeHint().height();
    const int chrome = height() - m_formScroll->height();
    int need = formHeight + chrome;
    if (const QScreen *s = screen())
        need = std::min(need, s->availableGeometry().height() * 9 / 10);
    if (height() < need)
        resize(width(), need);
}

void EndpointDialog::buildUi()
{
    auto *form = new QFormLayout;
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    form->setRowWrapPolicy(QFormLayout::DontWrapRows);

    m_embeddedNote = new QLabel(tr("This is the built-in simulated endpoint: only its protocol and "
                                   "model can be changed."),
                                this);
    m_embeddedNote->setWordWrap(true);
    m_embeddedNote->setVisible(false);
    form->addRow(m_embeddedNote);

    m_name = new QLineEdit(this);
    m_name->setObjectName(QStringLiteral("nameEdit"));
    m_name->setPlaceholderText(tr("e.g. vLLM on gpu-01"));
    m_colorButton = new QToolButton(this);
    m_colorButton->setObjectName(QStringLiteral("colorButton"));
    m_colorButton->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    m_colorButton->setToolTip(tr("The colour of this endpoint in every chart"));
    connect(m_colorButton, &QToolButton::clicked, this, &EndpointDialog::chooseColor);
    auto *nameRow = new QWidget(this);
    auto *nameLayout = new QHBoxLayout(nameRow);
    nameLayout->setContentsMargins(0, 0, 0, 0);
    nameLayout->addWidget(m_name, 1);
    nameLayout->addWidget(m_colorButton);
    m_errorLabels.insert(QStringLiteral("name"), makeErrorLabel(this, QStringLiteral("name")));
    m_errorLabels.insert(QStringLiteral("color"), makeErrorLabel(this, QStringLiteral("color")));
    {
        // Only a hand-edited file has a bad colour (the picker cannot make one): no room kept.
        QLabel *colorError = m_errorLabels.value(QStringLiteral("color"));
        QSizePolicy policy = colorError->sizePolicy();
        policy.setRetainSizeWhenHidden(false);
        colorError->setSizePolicy(policy);
        colorError->setMinimumHeight(0);
    }
    auto *nameBox = withMessage(nameRow, m_errorLabels.value(QStringLiteral("name")),
                                m_errorLabels.value(QStringLiteral("color")));
    form->addRow(tr("&Name:"), nameBox);
    nameRow->setFocusProxy(m_name);
    m_fieldWidgets.insert(QStringLiteral("name"), m_name);

    m_protocol = new QComboBox(this);
    m_protocol->setObjectName(QStringLiteral("protocolCombo"));
    // The box holds the protocol's short name, whole; what it speaks to is said under it (and
    // in each entry's tooltip), where it can wrap instead of being cut off.
    for (Protocol p : Protocols::all()) {
        m_protocol->addItem(Protocols::name(p), QVariant::fromValue(int(p)));
        m_protocol->setItemData(m_protocol->count() - 1, Protocols::description(p), Qt::ToolTipRole);
    }
    m_protocol->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    m_protocolHint = new QLabel(this);
    m_protocolHint->setWordWrap(true);
    m_protocolHint->setEnabled(false); // greyed: a hint, not a value
    auto *protocolBox = new QWidget(this);
    auto *protocolLayout = new QVBoxLayout(protocolBox);
    protocolLayout->setContentsMargins(0, 0, 0, 0);
    protocolLayout->setSpacing(2);
    protocolLayout->addWidget(m_protocol);
    protocolLayout->addWidget(m_protocolHint);
    form->addRow(tr("&Protocol:"), protocolBox);

    m_baseUrl = new QLineEdit(this);
    m_baseUrl->setObjectName(QStringLiteral("baseUrlEdit"));
    m_errorLabels.insert(QStringLiteral("baseUrl"), makeErrorLabel(this, QStringLiteral("baseUrl")));
    form->addRow(tr("Base &URL:"), withMessage(m_baseUrl, m_errorLabels.value(QStringLiteral("baseUrl"))));
    m_fieldWidgets.insert(QStringLiteral("baseUrl"), m_baseUrl);

    m_model = new QComboBox(this);
    m_model->setObjectName(QStringLiteral("modelCombo"));
    m_model->setEditable(true);
    m_model->setInsertPolicy(QComboBox::NoInsert);
    m_model->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_model->setMinimumContentsLength(20);
    m_fetchModels = new QPushButton(tr("Fetch models"), this);
    m_fetchModels->setObjectName(QStringLiteral("fetchModelsButton"));
    m_fetchModels->setToolTip(tr("Ask the endpoint which models it serves"));
    auto *modelRow = new QWidget(this);
    auto *modelLayout = new QHBoxLayout(modelRow);
    modelLayout->setContentsMargins(0, 0, 0, 0);
    modelLayout->addWidget(m_model, 1);
    modelLayout->addWidget(m_fetchModels);
    modelRow->setFocusProxy(m_model);
    m_modelStatus = new QLabel(this);
    m_modelStatus->setObjectName(QStringLiteral("modelStatus"));
    m_modelStatus->setWordWrap(true);
    m_modelStatus->setVisible(false);
    m_errorLabels.insert(QStringLiteral("model"), makeErrorLabel(this, QStringLiteral("model")));
    form->addRow(tr("&Model:"),
                 withMessage(modelRow, m_errorLabels.value(QStringLiteral("model")), m_modelStatus));
    m_fieldWidgets.insert(QStringLiteral("model"), m_model);

    m_headers = new QTableWidget(0, 2, this);
    m_headers->setObjectName(QStringLiteral("headersTable"));
    m_headers->setHorizontalHeaderLabels({ tr("Header"), tr("Value") });
    m_headers->horizontalHeader()->setStretchLastSection(true);
    m_headers->horizontalHeader()->resizeSection(0, 160);
    m_headers->verticalHeader()->setVisible(false);
    m_headers->setMinimumHeight(90);
    m_headers->setMaximumHeight(110);
    m_addHeader = new QPushButton(tr("Add header"), this);
    m_removeHeader = new QPushButton(tr("Remove header"), this);
    connect(m_addHeader, &QPushButton::clicked, this, [this] {
        const int row = m_headers->rowCount();
        m_headers->insertRow(row);
        m_headers->setItem(row, 0, new QTableWidgetItem);
        m_headers->setItem(row, 1, new QTableWidgetItem);
        m_headers->editItem(m_headers->item(row, 0));
    });
    connect(m_removeHeader, &QPushButton::clicked, this, [this] {
        if (m_headers->currentRow() >= 0)
            m_headers->removeRow(m_headers->currentRow());
        revalidate();
    });
    connect(m_headers, &QTableWidget::itemChanged, this, &EndpointDialog::revalidate);
    auto *headerButtons = new QHBoxLayout;
    headerButtons->setContentsMargins(0, 0, 0, 0);
    headerButtons->addWidget(m_addHeader);
    headerButtons->addWidget(m_removeHeader);
    headerButtons->addStretch(1);
    auto *headerBox = new QWidget(this);
    auto *headerLayout = new QVBoxLayout(headerBox);
    headerLayout->setContentsMargins(0, 0, 0, 0);
    headerLayout->setSpacing(2);
    headerLayout->addWidget(m_headers);
    headerLayout->addLayout(headerButtons);
    m_errorLabels.insert(QStringLiteral("headers"), makeErrorLabel(this, QStringLiteral("headers")));
    headerLayout->addWidget(m_errorLabels.value(QStringLiteral("headers")));
    form->addRow(tr("E&xtra headers:"), headerBox);
    m_fieldWidgets.insert(QStringLiteral("headers"), m_headers);

    // API key: a variable's name, or a secret that goes straight to the keychain.
    m_envRadio = new QRadioButton(tr("Environment variable"), this);
    m_envRadio->setObjectName(QStringLiteral("envRadio"));
    m_keychainRadio = new QRadioButton(tr("Stored in keychain"), this);
    m_keychainRadio->setObjectName(QStringLiteral("keychainRadio"));
    auto *keyGroup = new QButtonGroup(this);
    keyGroup->addButton(m_envRadio);
    keyGroup->addButton(m_keychainRadio);
    m_envRadio->setChecked(true);
    m_apiKeyEnv = new QLineEdit(this);
    m_apiKeyEnv->setObjectName(QStringLiteral("apiKeyEnvEdit"));
    m_apiKeyEnv->setPlaceholderText(tr("e.g. OPENAI_API_KEY (empty: no key)"));
    m_apiKey = new QLineEdit(this);
    m_apiKey->setObjectName(QStringLiteral("apiKeyEdit"));
    m_apiKey->setEchoMode(QLineEdit::Password);
    m_apiKey->setContextMenuPolicy(Qt::NoContextMenu); // no "copy" of a secret
    m_keychainNote = new QLabel(this);
    m_keychainNote->setObjectName(QStringLiteral("keychainNote"));
    m_keychainNote->setWordWrap(true);
    m_errorLabels.insert(QStringLiteral("apiKey"), makeErrorLabel(this, QStringLiteral("apiKey")));
    // Wrapped labels go in a box layout below the grid: a grid cell spanning columns does not
    // ask a word-wrapped label for its height and clips it.
    auto *keyBox = new QWidget(this);
    auto *keyLayout = new QVBoxLayout(keyBox);
    keyLayout->setContentsMargins(0, 0, 0, 0);
    keyLayout->setSpacing(2);
    auto *keyGrid = new QGridLayout;
    keyGrid->setContentsMargins(0, 0, 0, 0);
    keyGrid->setVerticalSpacing(2);
    keyGrid->addWidget(m_envRadio, 0, 0);
    keyGrid->addWidget(m_apiKeyEnv, 0, 1);
    keyGrid->addWidget(m_keychainRadio, 1, 0);
    keyGrid->addWidget(m_apiKey, 1, 1);
    keyGrid->setColumnStretch(1, 1);
    keyLayout->addLayout(keyGrid);
    keyLayout->addWidget(m_keychainNote);
    keyLayout->addWidget(m_errorLabels.value(QStringLiteral("apiKey")));
    form->addRow(tr("API key:"), keyBox);
    connect(m_envRadio, &QRadioButton::toggled, this, [this] {
        updateKeyWidgets();
        revalidate();
    });

    m_verifyTls = new QCheckBox(tr("Verify TLS certificate"), this);
    m_verifyTls->setObjectName(QStringLiteral("verifyTlsCheck"));
    m_tlsWarning = new QLabel(tr("Without verification anyone on the network path can read the "
                                 "prompts and the API key. Use this only for a test server with a "
                                 "self-signed certificate."),
                              this);
    m_tlsWarning->setObjectName(QStringLiteral("tlsWarning"));
    m_tlsWarning->setWordWrap(true);
    m_tlsWarning->setStyleSheet(QStringLiteral("color: #b26a00;"));
    connect(m_verifyTls, &QCheckBox::toggled, this, &EndpointDialog::updateTlsWarning);
    form->addRow(tr("Security:"), withMessage(m_verifyTls, m_tlsWarning));

    auto makePrice = [this](const QString &objectName) {
        auto *spin = new QDoubleSpinBox(this);
        spin->setObjectName(objectName);
        spin->setRange(0, 100000);
        spin->setDecimals(4);
        spin->setSingleStep(0.05);
        spin->setSuffix(tr(" per 1M tokens"));
        return spin;
    };
    m_priceIn = makePrice(QStringLiteral("priceInSpin"));
    m_priceOut = makePrice(QStringLiteral("priceOutSpin"));
    // Below its minimum it says "same as input": most providers bill cached prompt tokens
    // at a fraction of the input price, some not at all differently.
    m_priceCached = makePrice(QStringLiteral("priceCachedSpin"));
    m_priceCached->setRange(-0.0001, 100000);
    m_priceCached->setSpecialValueText(tr("same as input"));
    m_priceCached->setToolTip(tr("Price of prompt tokens the provider read from its prompt cache"));
    form->addRow(tr("Price, input:"), m_priceIn);
    form->addRow(tr("Price, cached input:"), m_priceCached);
    form->addRow(tr("Price, output:"), m_priceOut);

    m_serverMetrics = new QLineEdit(this);
    m_serverMetrics->setObjectName(QStringLiteral("serverMetricsEdit"));
    m_serverMetrics->setPlaceholderText(tr("auto: /metrics at the host's root; off; or a URL"));
    m_serverMetrics->setToolTip(tr("Where the server's Prometheus metrics (requests running and waiting, KV "
                                   "cache use) are read during runs and sweeps"));
    connect(m_serverMetrics, &QLineEdit::textChanged, this, &EndpointDialog::revalidate);
    m_errorLabels.insert(QStringLiteral("serverMetrics"), makeErrorLabel(this, QStringLiteral("serverMetrics")));
    form->addRow(tr("Server metrics:"),
                 withMessage(m_serverMetrics, m_errorLabels.value(QStringLiteral("serverMetrics"))));
    m_fieldWidgets.insert(QStringLiteral("serverMetrics"), m_serverMetrics);

    m_proxy = new QLineEdit(this);
    m_proxy->setObjectName(QStringLiteral("proxyEdit"));
    m_proxy->setPlaceholderText(tr("from HTTPS_PROXY / HTTP_PROXY; none; or a URL"));
    m_proxy->setToolTip(tr("The proxy requests go through: empty for the environment's (HTTPS_PROXY, HTTP_PROXY, "
                           "ALL_PROXY, NO_PROXY; loopback goes direct), \"none\", http://host:port (HTTP CONNECT), "
                           "or socks5://host:port. Its connect time shows as its own step of the waterfall."));
    connect(m_proxy, &QLineEdit::textChanged, this, &EndpointDialog::revalidate);
    m_errorLabels.insert(QStringLiteral("proxy"), makeErrorLabel(this, QStringLiteral("proxy")));
    form->addRow(tr("Proxy:"), withMessage(m_proxy, m_errorLabels.value(QStringLiteral("proxy"))));
    m_fieldWidgets.insert(QStringLiteral("proxy"), m_proxy);

    m_buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    m_buttons->setObjectName(QStringLiteral("buttons"));
    connect(m_buttons, &QDialogButtonBox::accepted, this, &EndpointDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &EndpointDialog::reject);

    // The form scrolls when the screen is shorter than it is: squeezed, the headers table
    // would lie over its buttons. showEvent() makes the dialog tall enough not to scroll.
    auto *content = new QWidget;
    content->setLayout(form);
    m_formScroll = new QScrollArea(this);
    m_formScroll->setObjectName(QStringLiteral("formScroll"));
    m_formScroll->setWidget(content);
    m_formScroll->setWidgetResizable(true);
    m_formScroll->setFrameShape(QFrame::NoFrame);
    m_formScroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_formScroll, 1);
    setMinimumWidth(560);
    layout->addWidget(m_buttons);

    // The red outline of a field at fault must not change its height either.
    for (QLineEdit *edit : {m_name, m_baseUrl})
        edit->setFixedHeight(edit->sizeHint().height());

    connect(m_name, &QLineEdit::textChanged, this, &EndpointDialog::revalidate);
    connect(m_baseUrl, &QLineEdit::textChanged, this, &EndpointDialog::revalidate);
    connect(m_model, &QComboBox::currentTextChanged, this, &EndpointDialog::revalidate);
    connect(m_protocol, &QComboBox::currentIndexChanged, this, &EndpointDialog::onProtocolChanged);
    connect(m_fetchModels, &QPushButton::clicked, this, [this] {
        QCoro::connect(doFetchModels(profile(), keyInKeychain() ? m_apiKey->text() : QString()), this, [] {});
    });
}

std::optional<EndpointProfile> EndpointDialog::edit(QWidget *parent, ProfileStore *store,
                                                    SecretStore *secrets, StreamingClient *client,
                                                    const EndpointProfile &initial)
{
    Q_UNUSED(client)
    EndpointDialog dialog(store, secrets, parent);
    dialog.setWindowTitle(initial.id.isEmpty() ? tr("Add endpoint") : tr("Edit endpoint"));
    dialog.setProfile(initial);
    if (dialog.exec() != QDialog::Accepted)
        return std::nullopt;
    return dialog.profile();
}

void EndpointDialog::setProfile(const EndpointProfile &p)
{
    m_id = p.id.isEmpty() ? QUuid::createUuid().toString(QUuid::WithoutBraces) : p.id;
    m_embedded = ProfileStore::isEmbedded(p.id);
    const bool isNew = p.id.isEmpty();

    const QSignalBlocker block(m_protocol);
    m_name->setText(p.name);
    setColor(p.color.isEmpty() && m_store ? m_store->nextColor() : p.color);
    m_baseUrl->setText(p.baseUrl.toString());
    m_protocol->setCurrentIndex(m_protocol->findData(int(p.protocol)));
    m_model->clear();
    m_model->setCurrentText(p.model);
    m_headers->setRowCount(0);
    for (const auto &header : p.headers) {
        const int row = m_headers->rowCount();
        m_headers->insertRow(row);
        m_headers->setItem(row, 0, new QTableWidgetItem(QString::fromLatin1(header.first)));
        m_headers->setItem(row, 1, new QTableWidgetItem(QString::fromUtf8(header.second)));
    }
    m_apiKeyEnv->setText(p.apiKeyEnv);
    m_apiKey->clear();
    // An existing profile without a variable keeps its key in the keychain, if there is one.
    const bool keychain = !isNew && p.apiKeyEnv.isEmpty() && m_keychainAvailable;
    (keychain ? m_keychainRadio : m_envRadio)->setChecked(true);
    m_apiKey->setPlaceholderText(isNew ? tr("Paste the API key") : tr("Leave empty to keep the stored key"));
    m_verifyTls->setChecked(p.verifyTls);
    m_priceIn->setValue(p.pricePerMInput);
    m_priceOut->setValue(p.pricePerMOutput);
    m_priceCached->setValue(p.pricePerMCachedInput.value_or(m_priceCached->minimum()));
    m_serverMetrics->setText(p.serverMetrics);
    m_proxy->setText(p.proxy);

    // The built-in endpoint: protocol and model only.
    m_embeddedNote->setVisible(m_embedded);
    for (QWidget *w : std::initializer_list<QWidget *> {
             m_name, m_colorButton, m_baseUrl, m_headers, m_addHeader, m_removeHeader, m_envRadio,
             m_keychainRadio, m_apiKeyEnv, m_apiKey, m_verifyTls, m_priceIn, m_priceCached, m_priceOut }) {
        w->setEnabled(!m_embedded);
    }
    updateKeyWidgets();
    updateTlsWarning();
    onProtocolChanged();
}

EndpointProfile EndpointDialog::profile() const
{
    EndpointProfile p;
    p.id = m_id;
    p.name = m_name->text().trimmed();
    p.color = m_color;
    p.baseUrl = QUrl(m_baseUrl->text().trimmed(), QUrl::StrictMode);
    p.protocol = Protocol(m_protocol->currentData().toInt());
    p.model = m_model->currentText().trimmed();
    for (int row = 0; row < m_headers->rowCount(); ++row) {
        const QTableWidgetItem *name = m_headers->item(row, 0);
        const QTableWidgetItem *value = m_headers->item(row, 1);
        const QString n = name ? name->text().trimmed() : QString();
        const QString v = value ? value->text() : QString();
        if (n.isEmpty() && v.isEmpty())
            continue; // a row just added and not filled yet
        p.headers.append({ n.toLatin1(), v.toUtf8() });
    }
    p.apiKeyEnv = keyInKeychain() ? QString() : m_apiKeyEnv->text().trimmed();
    p.verifyTls = m_verifyTls->isChecked();
    p.pricePerMInput = m_priceIn->value();
    p.pricePerMOutput = m_priceOut->value();
    if (m_priceCached->value() >= 0)
        p.pricePerMCachedInput = m_priceCached->value();
    else
        p.pricePerMCachedInput.reset();
    p.serverMetrics = m_serverMetrics->text().trimmed();
    p.proxy = m_proxy->text().trimmed();
    return p;
}

bool EndpointDialog::keyInKeychain() const
{
    return m_keychainRadio->isChecked() && m_keychainAvailable;
}

void EndpointDialog::revalidate()
{
    for (auto it = m_errorLabels.cbegin(); it != m_errorLabels.cend(); ++it) {
        if (it.key() != QLatin1String("apiKey")) {
            it.value()->clear();
            it.value()->setVisible(false);
        }
    }
    for (QWidget *w : std::as_const(m_fieldWidgets))
        w->setStyleSheet(QString());

    EndpointProfile check = profile();
    if (m_embedded) {
        // Only protocol and model are the user's here; the rest belongs to the store.
        check.name = QStringLiteral("embedded");
        check.baseUrl = QUrl(QStringLiteral("http://127.0.0.1"));
        check.headers.clear();
    }
    m_error = ProfileStore::validate(check, &m_errorField);
    if (m_errorField == QLatin1String("baseUrl") && !m_embedded) {
        // The typed text says more than a URL that failed to parse: which part is wrong.
        const QString precise = ProfileStore::baseUrlProblem(m_baseUrl->text());
        if (!precise.isEmpty())
            m_error = precise;
    }
    if (!m_error.isEmpty()) {
        if (QLabel *label = errorLabel(m_errorField)) {
            label->setText(m_error);
            label->setVisible(true);
        }
        if (auto *lineEdit = qobject_cast<QLineEdit *>(m_fieldWidgets.value(m_errorField)))
            lineEdit->setStyleSheet(
                QStringLiteral("QLineEdit { border: 1px solid %1; border-radius: 2px; padding: 2px; }")
                    .arg(errorColor()));
    }
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(m_error.isEmpty() && !m_busy);
}

void EndpointDialog::onProtocolChanged()
{
    const Protocol protocol = Protocol(m_protocol->currentData().toInt());
    // Adjust "/v1" for the two URL shapes we recognise; a custom prefix stays as typed.
    const EndpointProfile adjusted = ProfileStore::withProtocol(profile(), protocol);
    if (!m_baseUrl->text().trimmed().isEmpty() && adjusted.baseUrl != profile().baseUrl)
        m_baseUrl->setText(adjusted.baseUrl.toString());
    m_protocolHint->setText(Protocols::description(protocol) + u'\n'
                            + (ProfileStore::isOpenAIProtocol(protocol)
                                   ? tr("Base URL: the address ending in /v1, e.g. https://api.openai.com/v1")
                                   : tr("Base URL: the server root, e.g. http://localhost:11434")));
    m_model->lineEdit()->setPlaceholderText(ProfileStore::needsModel(protocol)
                                                ? tr("required")
                                                : tr("optional: the server uses the model it has loaded"));
    revalidate();
}

void EndpointDialog::chooseColor()
{
    const QColor chosen = QColorDialog::getColor(QColor::fromString(m_color), this, tr("Endpoint colour"));
    if (chosen.isValid())
        setColor(chosen.name(QColor::HexRgb));
}

void EndpointDialog::setColor(const QString &color)
{
    m_color = color;
    m_colorButton->setIcon(swatch(color));
    m_colorButton->setText(color);
    revalidate();
}

QCoro::Task<> EndpointDialog::doProbeKeychain()
{
    QPointer<EndpointDialog> self(this);
    m_keychainNote->setText(tr("Looking for a keychain service…"));
    m_keychainRadio->setEnabled(false);
    m_apiKey->setEnabled(false);
    const bool available = co_await m_secrets->isAvailable();
    if (!self)
        co_return;
    setKeychainAvailable(available);
}

void EndpointDialog::setKeychainAvailable(bool available)
{
    m_keychainAvailable = available;
    if (!available)
        m_envRadio->setChecked(true);
    updateKeyWidgets();
    revalidate();
}

void EndpointDialog::updateKeyWidgets()
{
    if (m_embedded) {
        m_keychainNote->setText(tr("The embedded endpoint needs no key."));
        return;
    }
    m_keychainRadio->setEnabled(m_keychainAvailable);
    m_apiKey->setEnabled(m_keychainAvailable && m_keychainRadio->isChecked());
    m_apiKeyEnv->setEnabled(m_envRadio->isChecked());
    if (!m_keychainAvailable) {
        m_keychainNote->setText(tr("No keychain service (Secret Service, KWallet) is running, so keys "
                                   "cannot be stored safely here. Put the key in an environment "
                                   "variable and enter the variable's name above."));
    } else {
        m_keychainNote->setText(tr("The key is kept in the system keychain, never in a file."));
    }
}

void EndpointDialog::updateTlsWarning()
{
    m_tlsWarning->setVisible(!m_verifyTls->isChecked());
}

QCoro::Task<> EndpointDialog::doFetchModels(EndpointProfile p, QString typedKey)
{
    QPointer<EndpointDialog> self(this);
    m_fetchModels->setEnabled(false);
    m_modelStatus->setStyleSheet(QString());
    m_modelStatus->setText(tr("Asking %1 for its models…")
                               .arg(ConnectionTester::modelsUrl(p).toDisplayString(QUrl::RemoveQuery)));
    m_modelStatus->setVisible(true);
    if (!typedKey.isEmpty())
        p.apiKey = typedKey;
    else if (m_secrets && p.apiKeyEnv.isEmpty())
        p = co_await m_secrets->withApiKey(p);
    if (!self)
        co_return;
    const ConnectionTestResult result = co_await m_tester->test(p);
    if (!self)
        co_return;
    m_fetchModels->setEnabled(true);
    if (!result.ok) {
        m_modelStatus->setStyleSheet(QStringLiteral("color: %1;").arg(errorColor()));
        m_modelStatus->setText(result.message);
        co_return;
    }
    const QString current = m_model->currentText();
    m_model->clear();
    m_model->addItems(result.models);
    m_model->setCurrentText(current.isEmpty() && !result.models.isEmpty() ? result.models.first() : current);
    m_modelStatus->setText(tr("%n model(s) found.", nullptr, int(result.models.size())));
}

void EndpointDialog::accept()
{
    revalidate();
    if (!m_error.isEmpty() || m_busy)
        return;
    const QString secret = keyInKeychain() ? m_apiKey->text() : QString();
    if (secret.isEmpty()) {
        QDialog::accept();
        return;
    }
    QCoro::connect(doAccept(profile(), secret), this, [] {});
}

QCoro::Task<> EndpointDialog::doAccept(EndpointProfile p, QString secret)
{
    QPointer<EndpointDialog> self(this);
    m_busy = true;
    revalidate();
    QLabel *label = errorLabel(QStringLiteral("apiKey"));
    const bool stored = co_await m_secrets->store(p.id, secret);
    if (!self)
        co_return;
    m_busy = false;
    revalidate();
    if (!stored) {
        label->setText(m_secrets->lastError());
        label->setVisible(true);
        co_return;
    }
    label->setVisible(false);
    m_apiKey->clear();
    QDialog::accept();
}
