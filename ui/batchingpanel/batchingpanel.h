#pragma once

#include "protocol/endpointprofile.h"

#include <QWidget>

class EndpointSweepPage;
class QTabWidget;
class SimulationPage;
class StreamingClient;

/*!
 * \brief The Batching panel: the throughput/latency trade-off of batching, simulated on a
 * server model and measured on real endpoints, and "no batching vs batching" side by side.
 */
class BatchingPanel : public QWidget
{
    Q_OBJECT
public:
    explicit BatchingPanel(StreamingClient *client, QWidget *parent = nullptr);
    ~BatchingPanel() override;

    /// The endpoints checked in the sidebar (API keys resolved): swept by the endpoint page.
    void setEndpoints(const QList<EndpointProfile> &endpoints);
    void cancel();
    bool isRunning() const;

    SimulationPage *simulationPage() const { return m_simulation; }
    EndpointSweepPage *endpointPage() const { return m_endpoint; }

private:
    QTabWidget *m_tabs;
    SimulationPage *m_simulation;
    EndpointSweepPage *m_endpoint;
};
