#include "batchingpanel.h"

#include "endpointsweeppage.h"
#include "simulationpage.h"

#include <QTabWidget>
#include <QVBoxLayout>

BatchingPanel::BatchingPanel(StreamingClient *client, QWidget *parent)
    : QWidget(parent)
{
    m_tabs = new QTabWidget(this);
    m_tabs->setObjectName(QStringLiteral("batchingTabs"));
    m_tabs->setDocumentMode(true);
    m_simulation = new SimulationPage(m_tabs);
    m_endpoint = new EndpointSweepPage(client, m_tabs);
    m_tabs->addTab(m_simulation, tr("Simulated server"));
    m_tabs->setTabToolTip(0, tr("A discrete-event simulation of an LLM server: sweep batch size, queue delay "
                                "and token budget on a published server model."));
    m_tabs->addTab(m_endpoint, tr("Endpoint sweep"));
    m_tabs->setTabToolTip(1, tr("Measure real endpoints (the embedded one included) over concurrency levels or "
                                "request rates."));
    connect(m_endpoint, &EndpointSweepPage::modelFitted, this, [this](const ServiceModel &model) {
        m_simulation->addModel(model);
    });
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_tabs);
}

BatchingPanel::~BatchingPanel() = default;

void BatchingPanel::setEndpoints(const QList<EndpointProfile> &endpoints)
{
    m_endpoint->setEndpoints(endpoints);
}

void BatchingPanel::cancel()
{
    m_simulation->cancel();
    m_endpoint->cancel();
}

bool BatchingPanel::isRunning() const
{
    return m_simulation->isRunning() || m_endpoint->isRunning();
}
